"""Scoring latency for the largest assessment, fully answered, in Pyodide (under Node) and in CPython."""

from __future__ import annotations

import json
import random
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.timing import figure, percentile
from obc_assess.core import api
from obc_assess.core.definition import items, scale_of
from obc_assess.core.responses import template
from obc_assess.host.building import build_all
from obc_assess.host.loader import load_data
from obc_site.pyzip import build_zip

ROOT = Path(__file__).resolve().parent.parent
CALLS = 200


def largest() -> dict[str, Any]:
    """The maturity assessment with the most items."""
    maturity = [d for d in build_all(load_data()).values() if d["kind"] == "maturity"]
    return max(maturity, key=lambda d: len(list(items(d))))


def answered(definition: dict[str, Any], seed: int, model: int = 3) -> dict[str, Any]:
    """A responses document with every applicable item answered at random (seeded), with notes; each item within
    its own scale (a coverage item's top level is 2, a maturity item's 3)."""
    rng = random.Random(seed)
    doc = template(definition, model)
    tops = {item["id"]: scale_of(definition, item)["levels"][-1]["value"] for _, item in items(definition)}
    for key, answer in doc["answers"].items():
        answer["level"] = rng.choice([*range(tops[key] + 1), "na", "unknown"])
        answer["note"] = "Evidence: the quarterly report, section 3."
    doc["respondent"] = {"name": f"Respondent {seed}", "role": rng.choice(["commissioner", "provider", "other"])}
    return doc


def run_pyodide(cases: list[dict[str, Any]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        package = build_zip()
        zip_path = Path(tmp) / package.name
        zip_path.write_bytes(package.content)
        cases_path = Path(tmp) / "cases.json"
        cases_path.write_text(json.dumps(cases), encoding="utf-8")
        run = subprocess.run(["node", "--max-old-space-size=4096", "bench/pyodide_calls.mjs", str(zip_path),
                              str(cases_path)], cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"Pyodide timing failed:\n{run.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def run() -> list[dict[str, Any]]:
    definition = largest()
    def_json = json.dumps(definition)
    doc_json = json.dumps(answered(definition, 1))
    # Through the one entry point: validated and scored, rendered only as the small plan CSV.
    request = json.dumps({"type": "plan-csv", "definition": def_json, "responses": doc_json})
    cpython = []
    for _ in range(CALLS):
        start = time.perf_counter()
        api.call(request)
        cpython.append((time.perf_counter() - start) * 1000)
    timings = run_pyodide([{"name": "plan-csv", "fn": "call", "args": [request], "repeat": CALLS}])
    pyodide = timings["cases"][0]["ms"]
    p95 = percentile(pyodide, 95)
    return [
        figure(f"scoring p95 in Pyodide ({definition['id']}, {len(list(items(definition)))} items, {CALLS} calls)", p95,
               "ms", percentile(cpython, 95), "<= 30 ms", p95 <= 30, p50=percentile(pyodide, 50),
               cpython_p50=percentile(cpython, 50), cpython_p95=percentile(cpython, 95),
               note="baseline: the same calls in CPython"),
    ]
