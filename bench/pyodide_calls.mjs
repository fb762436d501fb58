// Times obc_assess.core.api calls inside real Pyodide under Node (make bench). Usage:
//   node bench/pyodide_calls.mjs <obc_assess zip> <cases.json>
// cases.json: [{"name", "fn", "args", "repeat"} or {"name", "fn", "each": [args, ...]}], in order (a "define"
// request first keeps a definition for the requests after it). With "profile": true a case runs under cProfile
// instead, and its "profile" is the top lines (pstats, by own time and by cumulative time).
// Prints {"load_ms", "cases": [{"name", "ms": [per call], "profile"?}]}.
import { readFile } from "node:fs/promises";
import { loadPyodide } from "pyodide";

const PROFILED = `
import cProfile, io, pstats
from obc_assess.core import api
profiler = cProfile.Profile()
profiler.enable()
for request in requests:
    api.call(request)
profiler.disable()
out = io.StringIO()
for order in ("tottime", "cumulative"):
    pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(top)
out.getvalue()
`;

const [zipPath, casesPath] = process.argv.slice(2);
const started = performance.now();
const pyodide = await loadPyodide();
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
pyodide.unpackArchive(new Uint8Array(await readFile(zipPath)), "zip", { extractDir: sitePackages });
const api = pyodide.pyimport("obc_assess.core.api");
const loadMs = performance.now() - started;
const results = [];
for (const { name, fn, args, each, repeat, profile, top = 25 } of JSON.parse(await readFile(casesPath, "utf8"))) {
  const calls = each || Array.from({ length: repeat }, () => args);
  if (profile) {
    pyodide.globals.set("requests", pyodide.toPy(calls.map((call) => call[0])));
    pyodide.globals.set("top", top);
    results.push({ name, ms: [], profile: String(pyodide.runPython(PROFILED)) });
    continue;
  }
  const ms = [];
  for (const callArgs of calls) {
    const t0 = performance.now();
    const out = api[fn](...callArgs);
    ms.push(performance.now() - t0);
    if (!JSON.parse(out).ok) throw new Error(`${name}: the call did not succeed: ${out.slice(0, 300)}`);
  }
  results.push({ name, ms });
}
process.stdout.write(JSON.stringify({ load_ms: loadMs, cases: results }));
