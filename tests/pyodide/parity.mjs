// Runs obc_assess inside real Pyodide under Node, offline, for the parity test (tests/test_pyodide.py).
// Usage: node tests/pyodide/parity.mjs <obc_assess zip> <cases.json>
// cases.json is a list of {"fn": name in obc_assess.api, "args": [strings or numbers]}. Prints one JSON object:
// {"python": version, "outputs": [each call's returned string], "timings": {"load_ms", "import_ms", "calls_ms"}}.
import { readFile } from "node:fs/promises";
import { loadPyodide } from "pyodide";

const [zipPath, casesPath] = process.argv.slice(2);
const started = performance.now();
const pyodide = await loadPyodide();
const loaded = performance.now();
// Unpacked into site-packages, as the browser worker does, so "import obc_assess" finds it.
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
// A Uint8Array, not Node's Buffer: Pyodide does not convert Buffer.
pyodide.unpackArchive(new Uint8Array(await readFile(zipPath)), "zip", { extractDir: sitePackages });
const api = pyodide.pyimport("obc_assess.api");
const imported = performance.now();
const cases = JSON.parse(await readFile(casesPath, "utf8"));
// JS null arrives in Python as pyodide.ffi.jsnull, not None; undefined is None (the browser glue must do this too).
const outputs = cases.map(({ fn, args }) => api[fn](...args.map((arg) => (arg === null ? undefined : arg))));
const done = performance.now();
process.stdout.write(JSON.stringify({
  python: pyodide.runPython("import sys; sys.version.split()[0]"),
  outputs,
  timings: { load_ms: loaded - started, import_ms: imported - loaded, calls_ms: done - imported },
}));
