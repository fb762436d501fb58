"""Merging many respondents' files in Pyodide (the team view): how the time grows with the number of files."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from bench.scoring import answered, largest, run_pyodide
from bench.timing import figure, percentile

SIZES = (50, 500, 5000)


def merge_requests(definition: dict[str, Any], size: int, repeat: int) -> tuple[str, list[str]]:
    """The worker's "define" request, and ``repeat`` "aggregate" requests for ``size`` answers files as the team
    page sends them (the definition named by its hash)."""
    text = json.dumps(definition)
    # Each file as its bytes in base64, as the page sends a chosen file for Python to read (jsontext.decode).
    files = json.dumps([{"name": f"respondent-{i}.json",
                         "bytes": base64.b64encode(json.dumps(answered(definition, i)).encode()).decode("ascii")}
                        for i in range(size)])
    request = json.dumps({"type": "aggregate", "definition_hash": hashlib.sha256(text.encode()).hexdigest(),
                          "files": files, "anonymous": False})
    return json.dumps({"type": "define", "definition": text}), [request] * repeat


def run() -> list[dict[str, Any]]:
    definition = largest()
    cases: list[dict[str, Any]] = []
    for size in SIZES:
        define, requests = merge_requests(definition, size, 5 if size < 5000 else 3)
        cases += [{"name": "define", "fn": "call", "args": [define], "repeat": 1}] if not cases else []
        cases.append({"name": str(size), "fn": "call", "args": [requests[0]], "repeat": len(requests)})
    timings = {c["name"]: c["ms"] for c in run_pyodide(cases)["cases"]}
    out = []
    base = percentile(timings["50"], 50) / 1000
    medians = {size: percentile(timings[str(size)], 50) / 1000 for size in SIZES}
    for size in SIZES:
        goal, met = ("<= 0.5 s", medians[size] <= 0.5) if size == 500 else ("shows growth", None)
        out.append(figure(f"merge {size} responses files in Pyodide ({definition['id']})", medians[size], "s", base,
                          goal, met, runs=len(timings[str(size)]), note="baseline: merging 50 files"))
    # Near linear: ten times the files, about ten times the time (a quadratic step would make it a hundred).
    growth = medians[5000] / medians[500]
    out.append(figure("merge growth in Pyodide: 5,000 files against 500", growth, "x", None, "<= 12x (linear: 10x)",
                      growth <= 12))
    return out
