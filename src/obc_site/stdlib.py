"""The browser's standard library: what Pyodide and obc_assess import, as .pyc, with obc_assess in the same zip."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

from obc_assess.core.form import to_form
from obc_assess.core.responses import template
from obc_site.pyzip import Archive, build_zip, hashed, resource_files, zip_bytes

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "stdlib.mjs"
FALLBACK = HERE / "stdlib_fallback.py"


class StdlibBuildError(RuntimeError):
    """Node is missing, or Pyodide under Node failed: the build cannot make the browser's Python."""


def module_names(full_zip: Path) -> frozenset[str]:
    """Every module and package in a standard library zip, by dotted name."""
    with zipfile.ZipFile(full_zip) as archive:
        names = [n[:-3] for n in archive.namelist() if n.endswith(".py")]
    return frozenset(n.removesuffix("/__init__").replace("/", ".") for n in names)


def api_calls(definitions: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """A request of every type in obc_assess.core.api.REQUESTS for every assessment, valid and not, as the worker
    sends them to ``api.call``: what the browser runs, so every module it needs is traced."""
    calls: list[dict[str, Any]] = []
    for definition in definitions.values():
        text = json.dumps(definition)
        doc = template(definition, 1 if definition["asks_model"] else None)
        first = definition["scale"]["levels"][-1]["value"]
        for answer in doc["answers"].values() if isinstance(doc["answers"], dict) else []:
            if isinstance(answer, dict) and "level" in answer:
                answer["level"] = first
        responses = json.dumps(doc)
        files = json.dumps([{"name": "a.json", "text": responses}, {"name": "b.json", "text": "{"}])
        asked: list[dict[str, Any]] = [{"type": "evaluate", "fields": json.dumps(to_form(definition, doc)["fields"])},
                                       {"type": "import", "text": responses}]
        asked += [{"type": kind, "responses": responses} for kind in ("fields", "plan-csv", "docx", "carry-forward")]
        asked += [{"type": kind, "files": files, "anonymous": anonymous}
                  for kind in ("aggregate", "aggregate-csv", "aggregate-json", "aggregate-docx")
                  for anonymous in (False, True)]
        asked += [{"type": kind, "before": responses, "after": after}
                  for kind in ("compare", "compare-csv", "compare-docx") for after in (responses, "[1,]")]
        asked += [{"type": "import", "text": bad} for bad in ("{", "[1, NaN]", "[" * 3000 + "]" * 3000)]
        calls += [{**request, "definition": text} for request in asked]
    return calls


def _fallback_source(full_zip: Path) -> bytes:
    names = ", ".join(repr(n) for n in sorted(module_names(full_zip)))
    return FALLBACK.read_bytes() + f"\nNAMES = frozenset({{{names}}})\n".encode()


def compiled_files(pyodide: Path, definitions: dict[str, dict[str, Any]], cache: Path | None = None,
                   ) -> dict[str, bytes]:
    """zip name -> .pyc bytes, from Pyodide's own Python under Node (cached on every input's hash). The inputs go
    to Node on its standard input: nothing is written outside the cache."""
    node = shutil.which("node")
    if not node:
        raise StdlibBuildError("Node is needed to build the browser's Python (python_stdlib.zip): install nodejs")
    package = build_zip().content
    fallback = _fallback_source(pyodide / "python_stdlib.zip")
    calls = json.dumps(api_calls(definitions), sort_keys=True)
    key = hashlib.sha256()
    for content in (package, fallback, calls.encode(), *(path.read_bytes() for path in (
            SCRIPT, pyodide / "python_stdlib.zip", pyodide / "pyodide.asm.wasm", pyodide / "package.json"))):
        key.update(hashlib.sha256(content).digest())
    cached = cache / f"{key.hexdigest()[:24]}.json" if cache else None
    if cached and cached.is_file():
        out = cached.read_text(encoding="utf-8")
    else:
        request = json.dumps({"package": base64.b64encode(package).decode("ascii"),
                              "fallback": fallback.decode(), "calls": calls})
        run = subprocess.run([node, str(SCRIPT)], cwd=HERE, input=request, capture_output=True, text=True,
                             timeout=600, check=False)
        if run.returncode != 0:
            raise StdlibBuildError(f"Pyodide under Node failed building python_stdlib.zip:\n{run.stderr[-3000:]}")
        out = run.stdout
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(out, encoding="utf-8")
    files = json.loads(out)["files"]
    # The modules as .pyc, and the package's message catalogues as they are (the core reads its words there).
    return {**{name: base64.b64decode(data) for name, data in files.items()}, **resource_files()}


def build_stdlib(pyodide: Path, definitions: dict[str, dict[str, Any]], cache: Path | None = None) -> Archive:
    """python_stdlib-<sha256[:12]>.zip: trimmed, compiled, obc_assess inside."""
    content = zip_bytes(compiled_files(pyodide, definitions, cache))
    return Archive(hashed("python_stdlib", content, ".zip"), content)
