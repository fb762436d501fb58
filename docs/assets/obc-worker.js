// The scoring program's home: a module Web Worker that runs Pyodide and the obc_assess package.
// It holds no rule of its own: it passes the form's JSON to obc_assess.api and posts back the JSON it returns.
// Every file comes from the site itself (the runtime folder, the package zip, the definition JSON): no CDN.
//
// Messages in:  {type: "init", runtime, package}   (absolute URLs; a second init after a failure retries)
//               {id, type: "evaluate" | "import" | "fields", definition: url, fields | text | responses}
// Messages out: {type: "ready"} | {type: "failed", message, fatal?} (fatal: this worker has closed)
//               {id, ok: true, payload: "<JSON text from obc_assess.api>"} | {id, ok: false, error}

const EXTRACT_DIR = "/home/pyodide/obc";

let pyodide = null; // Promise of the Pyodide instance, kept once it has loaded (loading it twice is not safe)
let api = null; // Promise of the obc_assess.api module; null before init and after a failure
const definitions = new Map(); // definition URL -> Promise of its JSON text

function fetchOk(url, as) {
  return fetch(url).then((response) => {
    if (!response.ok) throw new Error(`${url} could not be fetched (HTTP ${response.status}).`);
    return as === "text" ? response.text() : response.arrayBuffer();
  });
}

function loadRuntime(runtime) {
  if (!pyodide) {
    pyodide = import(`${runtime}pyodide.mjs`)
      .then((module) => module.loadPyodide({ indexURL: runtime }));
    pyodide.catch(() => { pyodide = null; });
  }
  return pyodide;
}

async function load(runtime, packageUrl) {
  // Both downloads start at once: the runtime (about 13 MB) and the package zip (small).
  const [py, zip] = await Promise.all([loadRuntime(runtime), fetchOk(packageUrl, "buffer")]);
  py.unpackArchive(zip, "zip", { extractDir: EXTRACT_DIR });
  py.runPython(
    `import importlib, sys\nif ${JSON.stringify(EXTRACT_DIR)} not in sys.path:\n` +
      `    sys.path.insert(0, ${JSON.stringify(EXTRACT_DIR)})\nimportlib.invalidate_caches()`,
  );
  return py.pyimport("obc_assess.api");
}

function init({ runtime, package: packageUrl }) {
  if (!api) {
    api = load(runtime, packageUrl);
    api.catch(() => { api = null; });
  }
  api.then(
    () => self.postMessage({ type: "ready" }),
    (error) => self.postMessage({ type: "failed", message: messageOf(error) }),
  );
}

function definition(url) {
  if (!definitions.has(url)) {
    const text = fetchOk(url, "text");
    definitions.set(url, text);
    text.catch(() => definitions.delete(url));
  }
  return definitions.get(url);
}

function messageOf(error) {
  return String((error && error.message) || error);
}

// obc_assess.api by the names in the brief (form_evaluate, form_import, form_fields), or by the names the
// package first shipped (evaluate_form, form_values, render_csv_json): whichever it has. Either way the page
// gets the same JSON shape: see obc.js.
function has(module, name) {
  try {
    return typeof module[name] === "function";
  } catch {
    return false;
  }
}

function evaluate(module, json, fields) {
  if (has(module, "form_evaluate")) return String(module.form_evaluate(json, fields));
  const answer = JSON.parse(String(module.evaluate_form(json, fields)));
  if (answer.ok && answer.responses && answer.csv === undefined && has(module, "render_csv_json")) {
    answer.csv = JSON.parse(String(module.render_csv_json(json, JSON.stringify(answer.responses)))).csv;
  }
  if (answer.applicable === undefined && answer.result && answer.result.working
      && Array.isArray(answer.result.working.items) && answer.result.assessment
      && answer.result.assessment.kind === "maturity") {
    // Python's own verdict on each item: "not-asked" is an item left out for the chosen model or scope.
    answer.applicable = answer.result.working.items.filter((i) => i.status !== "not-asked").map((i) => i.id);
  }
  return JSON.stringify(answer);
}

function formValues(module, name, json, text) {
  if (has(module, name)) return String(module[name](json, text));
  const answer = JSON.parse(String(module.form_values(json, text)));
  const form = answer.form || {};
  return JSON.stringify({ ok: answer.ok, problems: answer.problems || [], fields: form.fields || {},
    rows: form.rows || 0 });
}

async function handle({ id, type, definition: url, fields, text, responses }) {
  try {
    if (!api) throw new Error("The scoring program has not loaded.");
    const [module, json] = await Promise.all([api, definition(url)]);
    let payload;
    if (type === "evaluate") payload = evaluate(module, json, fields);
    else if (type === "import") payload = formValues(module, "form_import", json, text);
    else if (type === "fields") payload = formValues(module, "form_fields", json, responses);
    else throw new Error(`Unknown request: ${type}`);
    self.postMessage({ id, ok: true, payload });
  } catch (error) {
    self.postMessage({ id, ok: false, error: messageOf(error) });
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
  else handle(message);
});
