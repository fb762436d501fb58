// What a page says of the site's offline copy (offline.mjs's state): the quiet "Available offline" in the footer
// once every page and file of this language is kept, and, when a new version of the site has been published, the
// notice "A new version of the toolkit is available" with a Reload button above the page's heading. The words are
// the page's own (written at build time from the site catalogue); neither moves the focus.

/** data-module="obc-update-notice": a polite live region whose notice shows while a new version waits. */
export function startUpdateNotice($root, source) {
  const $notice = $root.querySelector("[data-obc-update]");
  const $reload = $root.querySelector("button[data-obc-reload]");
  if (!$notice || !$reload) throw new Error("obc: the update notice needs [data-obc-update] and its Reload button");
  const onClick = () => source.apply();
  $reload.addEventListener("click", onClick);
  const stop = source.subscribe((state) => { $notice.hidden = !state.update; });
  // Each page a person opens asks whether a new version has been published: Material's instant navigation swaps
  // pages without the browser's own check.
  source.check();
  return {
    dispose() {
      stop();
      $reload.removeEventListener("click", onClick);
    },
  };
}

/** data-module="obc-offline-status": shown once every page and file of this language is kept. */
export function startOfflineStatus($root, source) {
  return { dispose: source.subscribe((state) => { $root.hidden = !state.offline; }) };
}
