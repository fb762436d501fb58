// Started from the page head (async) on assessment and team pages: the scoring program begins to load once the page
// has painted (client.startSoon), so that its 13 MB never delay the first paint. The page's own module asks the same
// client later; it starts nothing twice, and a request made before then starts it at once.

import { client } from "./worker-client.mjs";

const $script = document.querySelector("script[data-obc-runtime]");
if ($script) {
  const url = (name) => new URL($script.getAttribute(`data-obc-${name}`), document.baseURI).href;
  client.startSoon({ runtime: url("runtime"), package: url("package"), definitions: [url("definition")] });
}
