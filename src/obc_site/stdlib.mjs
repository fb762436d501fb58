// Build step (src/obc_site/stdlib.py runs it): finds what the browser's Python imports, and compiles it.
// Usage: node stdlib.mjs < request.json, the request {"package": base64 of the obc_assess zip, "fallback": the
// obc_stdlib_fallback module's source, "calls": calls as JSON text} (on stdin: the build writes no files for it).
// Runs Pyodide (the pinned npm package, offline) with obc_assess on its path, imports every obc_assess module,
// sends every request in calls to obc_assess.core.api.call (the worker's one entry point), then reads
// sys.modules. Each module there that came from a .py file (the standard library zip, or the package) is
// compiled by this same Python to an
// unchecked hash-based .pyc, so its magic number is the runtime's own. Prints one JSON object:
// {"python": version, "stdlib_zip": name of the runtime's stdlib zip, "files": {"json/__init__.pyc": base64, ...}}.
import { text } from "node:stream/consumers";
import { loadPyodide } from "pyodide";

const request = JSON.parse(await text(process.stdin));
const SRC = "/tmp/obc-src"; // in Pyodide's own in-memory file system, not the host's
const pyodide = await loadPyodide();
pyodide.FS.mkdirTree(SRC);
pyodide.unpackArchive(new Uint8Array(Buffer.from(request.package, "base64")), "zip", { extractDir: SRC });
pyodide.FS.writeFile(`${SRC}/obc_stdlib_fallback.py`, request.fallback);
pyodide.globals.set("calls_json", request.calls);
const result = pyodide.runPython(`
import base64, importlib, importlib.util, json, pkgutil, sys
from importlib._bootstrap_external import _code_to_hash_pyc

sys.path.insert(0, ${JSON.stringify(SRC)})
import obc_assess, obc_stdlib_fallback, obc_assess.core.api as api
for info in pkgutil.walk_packages(obc_assess.__path__, "obc_assess."):
    importlib.import_module(info.name)
for request in json.loads(calls_json):
    api.call(json.dumps(request))

stdlib = next(p for p in sys.path if p.endswith(".zip"))
roots = (stdlib + "/", ${JSON.stringify(SRC + "/")})
files = {}
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    root = next((r for r in roots if origin.startswith(r)), None)
    if root is None or not origin.endswith(".py"):
        continue  # built in, frozen, or an extension
    name = origin[len(root):]
    loader = module.__spec__.loader
    source = loader.get_data(origin) if root == roots[0] else open(origin, "rb").read()
    # The file name in tracebacks: where the module now lives, in the stdlib zip.
    code = compile(source, f"{stdlib}/{name}", "exec", dont_inherit=True)
    pyc = _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)
    files[name[:-3] + ".pyc"] = base64.b64encode(pyc).decode("ascii")
json.dumps({"python": sys.version.split()[0], "stdlib_zip": stdlib.rsplit("/", 1)[1], "files": files},
           sort_keys=True)
`);
process.stdout.write(result);
