// The scoring program's home: a module Web Worker that runs Pyodide and the obc_assess package.
// It holds no rule of its own: it passes each request to obc_assess.core.api.call as JSON text and posts back the JSON
// text it returns. Each definition's text goes to Python once (a "define" request: Python reads and keeps it, and
// answers with the hash of its text); every request then names it by that hash, so it is not sent or read again.
// Every file comes from the site itself (the runtime folder, the site's stdlib zip, the definition JSON): no CDN.
//
// Messages in:  {type: "init", runtime, package, definitions?: [url]}   (absolute URLs; the definitions are
//               fetched with the runtime, and "ready" waits for them: a missing one is a failed load)
//               {type: "prefetch", definitions: [url]}
//               {id, type: "evaluate" | "import" | "fields" | "plan-csv" | "docx" | "carry-forward", definition: url,
//                fields | text | responses, csv?: false (evaluate: no CSV, only the result)}
//               (a chosen file: {bytes: base64}, read as text by Python)
//               {id, type: "aggregate" | "aggregate-csv" | "aggregate-json" | "aggregate-docx", definition: url,
//                files: "[{name, bytes} or {name, unreadable}]" (JSON), anonymous}
//               {id, type: "compare" | "compare-csv" | "compare-docx", definition: url, before: file, after: file,
//                names?: [before name, after name]}   (file: {bytes} or {unreadable})
// A Word report comes back as base64 text in the JSON ({"docx": "..."}): the boundary stays JSON text.
// Messages out: {type: "ready"} | {type: "failed", message, fatal?} (fatal: this worker has closed)
//               {id, ok: true, payload: "<JSON text from obc_assess.core.api>"} | {id, ok: false, code, error}
// The worker has no page, so no words: `code` says what happened ("not-loaded" | "failed") and the page words
// it; `error` and `message` are diagnostics for the console, in English.

import { startPython } from "./modules/python-snapshot.mjs";

// What the worker may load, in code (issue 35): a page's <meta> Content-Security-Policy does not bind a worker, and
// GitHub Pages sends no header that would. The worker is <site>/assets/obc-worker.js; it loads the runtime only from
// an assets/pyodide/ folder and the package and definitions only from an assets/obc/ folder of this site or of the
// site one folder up (the Welsh site, /cy/, shares the English site's runtime), on this origin. Anything else is
// refused before it is fetched, whatever the page asks.
const PLACES = { runtime: "assets/pyodide/", package: "assets/obc/", definition: "assets/obc/" };

export function permitted(url, kind, here = self.location.href) {
  let target;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const site = new URL("../", here);
  return target.origin === site.origin && !target.username && !target.password
    && [site, new URL("../", site)].some((root) => target.href.startsWith(new URL(PLACES[kind], root).href));
}

function refused(url, kind) {
  return new Error(`obc: the worker refuses to load its ${kind} from ${url}: only this site's own files are loaded.`);
}

let pyodide = null; // Promise of the Pyodide instance, kept once it has loaded (loading it twice is not safe)
let api = null; // Promise of the obc_assess.core.api module; null before init and after a failure
const definitions = new Map(); // definition URL -> Promise of its JSON text
const kept = new Map(); // definition URL -> Promise of the hash Python keeps it under

function messageOf(error) {
  return String((error && error.message) || error);
}

function fetchText(url) {
  return fetch(url).then((response) => {
    if (!response.ok) throw new Error(`${url} could not be fetched (HTTP ${response.status}).`);
    return response.text();
  });
}

// The full standard library, for a module the site's trimmed one left out: fetched (once) while Python waits,
// which only a worker may do (a synchronous request).
function fullStdlib(url) {
  return () => {
    const request = new XMLHttpRequest();
    request.open("GET", url, false);
    request.responseType = "arraybuffer";
    request.send();
    if (request.status !== 200) throw new Error(`${url} could not be fetched (HTTP ${request.status}).`);
    console.warn(`obc: a module outside the site's Python was imported; loaded ${url}`);
    return new Uint8Array(request.response);
  };
}

/**
 * A promise that rejects as soon as a request this worker makes for one of `watched` (URL prefixes) fails: refused,
 * aborted or answered with an HTTP error. Pyodide swallows a failed .wasm request (it warns "wasm instantiation
 * failed!" and never settles) and a failed standard-library request (it logs it and goes on without one), so a proxy
 * that blocks only the .wasm would otherwise leave the page "loading" until the client's time limit (issue 31).
 * @param {{fetch: typeof fetch}} scope the worker's global scope (a fake one in tests)
 * @param {string[]} watched
 */
export function refusedRequest(scope, watched) {
  const own = scope.fetch;
  return new Promise((_, reject) => {
    scope.fetch = (input, init) => {
      const answer = own.call(scope, input, init);
      const url = String((input && input.url) || input);
      if (watched.some((prefix) => url.startsWith(prefix))) {
        answer.then(
          (response) => { if (!response.ok) reject(new Error(`${url} could not be fetched (HTTP ${response.status}).`)); },
          (error) => reject(new Error(`${url} could not be fetched (${messageOf(error)}).`)),
        );
      }
      return answer;
    };
  });
}

// The package URL is the site's own python_stdlib zip: the modules Pyodide and obc_assess import, compiled,
// with obc_assess inside, so one fetch and nothing to unpack. Started from the snapshot of a start before, with
// these modules imported, when one is kept (python-snapshot.mjs: issue 33). A failed request for either ends the
// load at once (issue 31).
const IMPORTED = ["obc_stdlib_fallback", "obc_assess.core.api"];
function loadRuntime(runtime, stdlib) {
  if (!pyodide) {
    const refused = refusedRequest(self, [runtime, stdlib]);
    pyodide = Promise.race([refused, import(`${runtime}pyodide.mjs`).then((module) => startPython({
      loadPyodide: module.loadPyodide, options: { indexURL: runtime, stdLibURL: stdlib }, imports: IMPORTED }))]);
    pyodide.catch(() => { pyodide = null; });
  }
  return pyodide;
}

async function load(runtime, packageUrl) {
  const py = await loadRuntime(runtime, packageUrl);
  py.pyimport("obc_stdlib_fallback").install(fullStdlib(`${runtime}python_stdlib.zip`));
  return py.pyimport("obc_assess.core.api");
}

function definition(url) {
  if (!permitted(url, "definition")) return Promise.reject(refused(url, "definition"));
  if (!definitions.has(url)) {
    const text = fetchText(url);
    definitions.set(url, text);
    text.catch(() => definitions.delete(url));
  }
  return definitions.get(url);
}

// The definition sent to Python once, as its text; the hash it is kept under, for every request to name.
function defined(url) {
  if (!kept.has(url)) {
    const hash = Promise.all([api, definition(url)]).then(([module, text]) => {
      const answer = JSON.parse(String(module.call(JSON.stringify({ type: "define", definition: text }))));
      return answer.definition_hash;
    });
    kept.set(url, hash);
    hash.catch(() => kept.delete(url));
  }
  return kept.get(url);
}

function init({ runtime, package: packageUrl, definitions: urls = [] }) {
  const outside = [[runtime, "runtime"], [packageUrl, "package"], ...urls.map((url) => [url, "definition"])]
    .find(([url, kind]) => !permitted(url, kind));
  if (outside) {
    self.postMessage({ type: "failed", message: refused(...outside).message });
    return;
  }
  if (!api) {
    api = load(runtime, packageUrl);
    api.catch(() => { api = null; });
  }
  // Read by Python before "ready", so that the first answer does not wait for it.
  Promise.all([api, ...urls.map(defined)]).then(
    () => self.postMessage({ type: "ready" }),
    (error) => self.postMessage({ type: "failed", message: messageOf(error) }),
  );
}

async function handle(message) {
  const { id, definition: url } = message;
  if (!api) {
    self.postMessage({ id, ok: false, code: "not-loaded", error: "obc_assess has not loaded" });
    return;
  }
  try {
    const [module, hash] = await Promise.all([api, defined(url)]);
    // One call: the request as JSON text, naming its definition by hash in place of its URL;
    // obc_assess.core.api.call dispatches on its type and answers JSON text (an unknown type raises, and is
    // reported as "failed").
    const payload = String(module.call(JSON.stringify({ ...message, definition: undefined, definition_hash: hash })));
    self.postMessage({ id, ok: true, payload });
  } catch (error) {
    self.postMessage({ id, ok: false, code: "failed", error: messageOf(error) });
    if (/fatal error/i.test(messageOf(error))) {
      // Pyodide cannot go on after a fatal error, nor load twice here: the page starts a new worker on Retry.
      self.postMessage({ type: "failed", fatal: true, message: messageOf(error) });
      self.close();
    }
  }
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "init") init(message);
  else if (message.type === "prefetch") for (const url of message.definitions || []) definition(url).catch(() => {});
  else handle(message);
});
