// Started on every page (overrides/main.html), so that Material's instant navigation finds them wherever a person
// goes: this language's offline copy (offline.mjs), registered once the page is settled, what the page says of it
// (offline-view.mjs), on assessment pages, keeping the answers safe (keep-answers.mjs), and the language switch
// keeping the reader's place (language-switch.mjs).

import { createOffline } from "./offline.mjs";
import { startOfflineStatus, startUpdateNotice } from "./offline-view.mjs";
import { startKeepAnswers } from "./keep-answers.mjs";
import { afterPaint, client } from "./worker-client.mjs";
import { startLanguageSwitch } from "./language-switch.mjs";
import { followPages, guarded, register } from "./pages.mjs";

/** On a page that loads Python, once it has loaded (or failed): the worker then keeps the runtime the page has
 *  just downloaded, from the HTTP cache, rather than download a second copy beside it. */
function whenSettled(run) {
  if (!document.querySelector("script[data-obc-runtime]")) {
    afterPaint(run);
    return;
  }
  const stop = client.subscribe((status) => {
    if (status.state !== "ready" && status.state !== "failed") return;
    queueMicrotask(() => stop());
    afterPaint(run);
  });
}

const offline = createOffline({
  container: navigator.serviceWorker, url: new URL("../../service-worker.js", import.meta.url), whenSettled,
  target: window, doc: document,
});

offline.start();
followPages();
guarded("obc-language-switch", () => startLanguageSwitch());
register("obc-update-notice", ($root) => startUpdateNotice($root, offline));
register("obc-offline-status", ($root) => startOfflineStatus($root, offline));
register("obc-keep-answers", startKeepAnswers);
