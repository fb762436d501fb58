"""Merging many respondents' files in Pyodide (the team view): how the time grows with the number of files."""

from __future__ import annotations

import json
from typing import Any

from bench.scoring import answered, largest, run_pyodide
from bench.timing import figure, percentile

SIZES = (50, 500, 5000)


def run() -> list[dict[str, Any]]:
    definition = largest()
    def_json = json.dumps(definition)
    cases = []
    for size in SIZES:
        files = [{"name": f"respondent-{i}.json", "text": json.dumps(answered(definition, i))} for i in range(size)]
        cases.append({"name": str(size), "fn": "aggregate_json", "args": [def_json, json.dumps(files), False],
                      "repeat": 5 if size < 5000 else 3})
    timings = {c["name"]: c["ms"] for c in run_pyodide(cases)["cases"]}
    out = []
    base = percentile(timings["50"], 50) / 1000
    for size in SIZES:
        median = percentile(timings[str(size)], 50) / 1000
        goal, met = ("<= 1 s", median <= 1.0) if size == 500 else ("shows growth", None)
        out.append(figure(f"merge {size} responses files in Pyodide ({definition['id']})", median, "s", base, goal,
                          met, runs=len(timings[str(size)]), note="baseline: merging 50 files"))
    return out
