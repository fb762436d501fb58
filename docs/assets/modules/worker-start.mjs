// Started from the page head (async): the scoring program begins to load before the page has finished, and
// before Material's bundle. The page's own module asks the same client later; it starts nothing twice.

import { client } from "./worker-client.mjs";

const $script = document.querySelector("script[data-obc-runtime]");
if ($script) {
  const url = (name) => new URL($script.getAttribute(`data-obc-${name}`), document.baseURI).href;
  client.start({ runtime: url("runtime"), package: url("package"), definitions: [url("definition")] });
}
