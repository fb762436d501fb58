"""Runs the benchmarks, prints a table and writes bench/results.json (python -m bench [PART ...]; make bench).

With part names (build, scoring, merge, word, profile, browser, offline, lighthouse) only those run, e.g.
`make bench BENCH=lighthouse`; the results file then holds only their figures. ``profile`` (cProfile's top lines
for re-scoring and merging, in CPython and Pyodide) runs only when named.
"""

from __future__ import annotations

import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import browser, build, lighthouse, merge, offline, profiling, scoring, word_report

ROOT = Path(__file__).resolve().parent.parent


def _table(figures: list[dict[str, Any]]) -> str:
    rows = [("figure", "value", "baseline", "ratio", "goal", "met")]
    for f in figures:
        base = "" if f["baseline"] is None else f"{f['baseline']:.3g} {f['unit']}"
        ratio = "" if f["ratio"] is None else f"{f['ratio']:.2f}x"
        met = {True: "yes", False: "NO", None: ""}[f["met"]]
        rows.append((f["name"], f"{f['value']:.3g} {f['unit']}", base, ratio, f["goal"], met))
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows)


PARTS = ("build", "scoring", "merge", "word", "profile", "browser", "offline", "lighthouse")
# Run when no part is named: all but the profile, which explains figures rather than being one.
DEFAULT = tuple(part for part in PARTS if part != "profile")


def main(argv: list[str]) -> int:
    parts = argv or list(DEFAULT)
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        print(f"bench: unknown part {', '.join(unknown)}; the parts are {', '.join(PARTS)}", file=sys.stderr)
        return 2
    figures: list[dict[str, Any]] = []
    figures += build.run() if "build" in parts else []
    figures += scoring.run() if "scoring" in parts else []
    figures += merge.run() if "merge" in parts else []
    figures += word_report.run() if "word" in parts else []
    figures += profiling.run() if "profile" in parts else []
    if {"browser", "offline", "lighthouse"} & set(parts):
        figures += _in_browser("browser" in parts, "lighthouse" in parts, "offline" in parts)
    results = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count()}, "parts": parts,
               "figures": figures}
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(_table(figures))
    return 0


def _in_browser(timings: bool, scores: bool, offline_use: bool = False) -> list[dict[str, Any]]:
    """The browser timings, Lighthouse scores and offline figures, on the site built for the address it is served
    at."""
    figures: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp, socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        site = Path(tmp) / "built"
        # Built for the address it is served at, as on GitHub Pages: Material's instant navigation needs site_url.
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], check=True, cwd=ROOT,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"})
        largest = scoring.largest()
        if timings:
            figures += browser.run(site, Path(tmp), largest["id"], largest["title"], port)
        if offline_use:
            figures += offline.run(site, Path(tmp) / "offline", f"assessments/{largest['id']}/", port)
        if scores:
            figures += lighthouse.run(site, Path(tmp), port)  # served where it was built for
    return figures


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
