// Times obc_assess.core.api calls inside real Pyodide under Node (make bench). Usage:
//   node bench/pyodide_calls.mjs <obc_assess zip> <cases.json>
// cases.json: [{"name", "fn", "args", "repeat"}]. Prints {"load_ms", "cases": [{"name", "ms": [per call]}]}.
import { readFile } from "node:fs/promises";
import { loadPyodide } from "pyodide";

const [zipPath, casesPath] = process.argv.slice(2);
const started = performance.now();
const pyodide = await loadPyodide();
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
pyodide.unpackArchive(new Uint8Array(await readFile(zipPath)), "zip", { extractDir: sitePackages });
const api = pyodide.pyimport("obc_assess.core.api");
const loadMs = performance.now() - started;
const results = [];
for (const { name, fn, args, repeat } of JSON.parse(await readFile(casesPath, "utf8"))) {
  const ms = [];
  for (let i = 0; i < repeat; i += 1) {
    const t0 = performance.now();
    const out = api[fn](...args);
    ms.push(performance.now() - t0);
    if (!JSON.parse(out).ok) throw new Error(`${name}: the call did not succeed: ${out.slice(0, 300)}`);
  }
  results.push({ name, ms });
}
process.stdout.write(JSON.stringify({ load_ms: loadMs, cases: results }));
