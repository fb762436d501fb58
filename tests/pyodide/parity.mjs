// Runs obc_assess inside real Pyodide under Node, offline, for the parity test (tests/test_pyodide.py).
// Usage: node tests/pyodide/parity.mjs <the site's python_stdlib zip> <cases.json> [<python to run first>]
// cases.json is a list of requests as the worker sends obc_assess.core.api.call ({"type", "definition", ...}).
// Prints one JSON object:
// {"python": version, "outputs": [each call's returned string], "misses": [modules the fallback was asked for],
//  "first": what the first Python returned, "timings": {"load_ms", "import_ms", "calls_ms"}}.
// As the browser worker does: the site's zip is the standard library (obc_assess inside), and the fallback
// finder gets the full one (here from the npm package, as the worker fetches it from the runtime folder).
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { loadPyodide } from "pyodide";

const [zipPath, casesPath, first] = process.argv.slice(2);
const full = join(dirname(createRequire(import.meta.url).resolve("pyodide")), "python_stdlib.zip");
const started = performance.now();
const pyodide = await loadPyodide({ stdLibURL: zipPath });
const loaded = performance.now();
// A Uint8Array, not Node's Buffer: Pyodide does not convert Buffer.
const finder = pyodide.pyimport("obc_stdlib_fallback").install(() => new Uint8Array(readFileSync(full)));
const firstResult = first ? String(pyodide.runPython(first)) : null;
const api = pyodide.pyimport("obc_assess.core.api");
const imported = performance.now();
const cases = JSON.parse(await readFile(casesPath, "utf8"));
// Each case is a request as the worker sends it: JSON text into the one entry point, JSON text out.
const outputs = cases.map((request) => String(api.call(JSON.stringify(request))));
const done = performance.now();
process.stdout.write(JSON.stringify({
  python: pyodide.runPython("import sys; sys.version.split()[0]"),
  outputs,
  misses: finder.misses.toJs(),
  first: firstResult,
  timings: { load_ms: loaded - started, import_ms: imported - loaded, calls_ms: done - imported },
}));
