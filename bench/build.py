"""Build time: the full site against a plain Material site of the same Markdown pages, with ten times the data, and
in both languages (English, then Welsh in cy/) against English alone; the built site's size in each case."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import yaml

from bench.timing import figure, timed
from obc_assess.host.building import build_all
from obc_assess.host.loader import DATA_DIR, load_data
from obc_site.build import build as build_site
from obc_site.pages import generated_pages
from obc_site.pyzip import Archive
from obc_site.site import browser_assets
from obc_site.stdlib import build_stdlib, module_names

ROOT = Path(__file__).resolve().parent.parent


def _build(config: Path, site: Path, env: dict[str, str] | None = None) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   check=True, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


def plain_site(work: Path) -> Path:
    """The same Markdown pages, written out as files, built by Material with no hooks."""
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs)
    data = load_data()
    assets = browser_assets(data, ROOT / "node_modules")
    for path, markdown in generated_pages(data, assets.urls, assets.definitions).items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(markdown, encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    config.pop("hooks")
    config["site_url"] = ""
    config["theme"].pop("custom_dir")
    config["validation"] = {"nav": {"omitted_files": "info"}}
    (work / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return work / "mkdocs.yml"


def multiplied_data(work: Path, times: int) -> Path:
    """The data with every guidance page and assessment copied ``times`` over, ids suffixed to stay unique."""
    target = work / "data"
    shutil.copytree(DATA_DIR, target)
    data = load_data()
    ids = {i for doc in data.guidance for i in _ids(doc)} | set(data.assessments)
    for k in range(1, times):
        for folder in ("guidance", "assessments"):
            for path in sorted((DATA_DIR / folder).glob("*.yaml")):
                doc = _rename(yaml.safe_load(path.read_text(encoding="utf-8")), ids, f"-x{k}")
                (target / folder / f"{path.stem}-x{k}.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    return target


def _ids(doc: dict[str, Any]) -> list[str]:
    found = []
    for page in doc["pages"]:
        found.append(page["id"])
        for block in page["blocks"]:
            group = block.get("items") or block.get("list") or {}
            found += [group["id"]] if "id" in group else []
            found += [e["id"] for e in group.get("entries", []) if isinstance(e, dict)]
    return found


def _rename(value: Any, ids: set[str], suffix: str) -> Any:
    if isinstance(value, dict):
        return {k: _rename(v, ids, suffix) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename(v, ids, suffix) for v in value]
    return f"{value}{suffix}" if isinstance(value, str) and value in ids else value


def _megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plain = plain_site(work / "plain")
        full = timed(lambda: _build(ROOT / "mkdocs.yml", work / "site-full"), runs=5)
        base = timed(lambda: _build(plain, work / "site-plain"), runs=5)
        # make build: English, then Welsh in cy/ (it shares the English site's Pyodide runtime).
        both = timed(lambda: build_site(ROOT, work / "site-both", strict=False), runs=3)
        english_mb, both_mb = _megabytes(work / "site-full"), _megabytes(work / "site-both")
        welsh_mb, runtime_mb = _megabytes(work / "site-both" / "cy"), _megabytes(work / "site-full" / "assets" /
                                                                                  "pyodide")
        # The stdlib step alone, without its cache (Pyodide under Node): what a change to obc_assess costs.
        pyodide = ROOT / "node_modules" / "pyodide"
        definitions = build_all(load_data())
        shipped: list[Archive] = []
        stdlib = timed(lambda: shipped.append(build_stdlib(pyodide, definitions)), runs=1)
        with zipfile.ZipFile(io.BytesIO(shipped[-1].content)) as archive:
            modules = len(archive.namelist())
        full_zip = pyodide / "python_stdlib.zip"
        ours, theirs = len(shipped[-1].content), full_zip.stat().st_size
        data10 = multiplied_data(work / "x10", 10)
        ten = timed(lambda: _build(ROOT / "mkdocs.yml", work / "site-x10", {"OBC_DATA_DIR": str(data10)}), runs=3)
    pages = len(list((ROOT / "docs").glob("*.md")))
    return [
        figure("build: full site vs plain Material, same pages", full.median, "s", base.median, "<= 1.5x",
               full.median <= 1.5 * base.median, full=full.as_dict(), plain=base.as_dict(), hand_pages=pages),
        figure("build: both languages (en, then cy) vs English alone", both.median, "s", full.median,
               "<= 2.5x", both.median <= 2.5 * full.median, both=both.as_dict()),
        figure("site size: both languages vs English alone", both_mb, "MB", english_mb, "<= 1.5x",
               both_mb <= 1.5 * english_mb, welsh=welsh_mb, runtime_shared_not_copied=runtime_mb),
        figure("build: ten times the YAML data vs the real data", ten.median, "s", full.median,
               "shows growth", None, x10=ten.as_dict()),
        figure("build: the stdlib zip uncached (Node) vs a full cached build", stdlib.median, "s", full.median,
               "shows cost", None),
        figure("site's python_stdlib zip (obc_assess inside) vs Pyodide's full one (bytes)", ours / 1024, "KB",
               theirs / 1024, "smaller", ours < theirs, modules=modules, full_modules=len(module_names(full_zip))),
    ]
