// Started from the page head (async) on assessment and team pages: the scoring program begins to load once the page
// has painted (client.startSoon), so that its 13 MB never delay the first paint. The page's own module asks the same
// client later; it starts nothing twice, and a request made before then starts it at once.
// A page the site's offline copy serves (a service worker controls it, so the runtime is kept on this computer:
// issue 33) starts it at once: there is nothing to download that could compete with the page's own files.

import { client } from "./worker-client.mjs";

const $script = document.querySelector("script[data-obc-runtime]");
if ($script) {
  const url = (name) => new URL($script.getAttribute(`data-obc-${name}`), document.baseURI).href;
  const files = { runtime: url("runtime"), package: url("package"), definitions: [url("definition")] };
  if (navigator.serviceWorker && navigator.serviceWorker.controller) client.start(files);
  else client.startSoon(files);
}
