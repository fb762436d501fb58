// Safari's engine deletes what a site's scripts kept (localStorage included) after seven days of browser use
// without a visit to the site (WebKit's tracking prevention: "Full Third-Party Cookie Blocking and More", 2020;
// "Updates to Storage Policy", 2023); a web app opened from the Home Screen is exempt. On such a browser the
// assessment page says so once, until dismissed: keep a copy (Export answers) or add the toolkit to the Home
// Screen. (Issue 38. The reminder to keep a copy for working offline is another module's.)

import { followPages, register } from "./pages.mjs";
import { openStorage, PREFIX } from "./storage.mjs";

/** Where the dismissal is kept (deleted with the answers after seven days away, so the notice comes back). */
export const DISMISSED = `${PREFIX}webkit-storage-notice`;

/**
 * Whether this browser deletes the answers it keeps after seven days away. No feature tells that, so the engine
 * is read as narrowly as it can be: every WebKit browser (Safari on macOS, every browser on iPhone and iPad,
 * which all use WebKit, and WebKitGTK) gives navigator.vendor "Apple Computer, Inc.", and no other engine does
 * (Chromium: "Google Inc.", Firefox: ""). A Home Screen web app (display-mode standalone; navigator.standalone
 * on iOS) keeps its storage.
 * @param {{navigator?: any, matchMedia?: (query: string) => {matches: boolean}}} scope the window (a fake in tests)
 */
export function deletesStorage(scope) {
  const nav = scope.navigator;
  if (!nav || nav.vendor !== "Apple Computer, Inc.") return false;
  const standalone = nav.standalone === true
    || Boolean(scope.matchMedia && scope.matchMedia("(display-mode: standalone)").matches);
  return !standalone;
}

/** Show the notice (the root) where the browser deletes storage and it was not dismissed; dismiss it for good. */
export function startNotice($root, scope = window) {
  const $dismiss = $root.querySelector("[data-obc-dismiss]");
  if (!$dismiss) throw new Error("obc-webkit-storage: no [data-obc-dismiss] button in the notice");
  const store = openStorage(scope);
  if (!deletesStorage(scope) || (store && store.get(DISMISSED))) return null;
  $root.hidden = false;
  $dismiss.addEventListener("click", () => {
    $root.hidden = true;
    if (store) store.set(DISMISSED, "dismissed");
    // The button goes: the keyboard's place moves to the page's status line, just above where the notice was.
    const $next = $root.closest('[data-module="obc-assessment"]')?.querySelector("[data-obc-status]");
    if ($next) $next.focus();
  });
  return null;
}

followPages();
register("obc-webkit-storage", startNotice);
