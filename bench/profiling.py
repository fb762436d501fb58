"""Where a call's time goes: cProfile's top lines for the page's re-scoring at each edit and for a team merge of 500
files, in CPython and in Pyodide (under Node), printed and kept in bench/results.json (``top``)."""

from __future__ import annotations

import cProfile
import io
import pstats
import sys
import time
from typing import Any

from bench.merge import merge_requests
from bench.scoring import largest, page_requests, run_pyodide
from bench.timing import figure
from obc_assess.core import api

EDITS = 60
TOP = 25


def _cpython(requests: list[str]) -> tuple[float, str]:
    """Milliseconds per call under the profiler, and the top lines by own and by cumulative time."""
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    for request in requests:
        api.call(request)
    profiler.disable()
    per_call = (time.perf_counter() - start) * 1000 / len(requests)
    out = io.StringIO()
    for order in ("tottime", "cumulative"):
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(TOP)
    return per_call, out.getvalue()


def run() -> list[dict[str, Any]]:
    definition = largest()
    define, edits = page_requests(definition, EDITS)
    merge_define, merges = merge_requests(definition, 500, 1)
    api.call(define)
    cases: dict[str, list[str]] = {"edits": edits, "merge of 500 files": merges}
    cpython = {name: _cpython(requests) for name, requests in cases.items()}
    timings = run_pyodide([{"name": "define", "fn": "call", "args": [define], "repeat": 1},
                           {"name": "define merge", "fn": "call", "args": [merge_define], "repeat": 1},
                           *({"name": name, "each": [[r] for r in requests], "profile": True, "top": TOP}
                             for name, requests in cases.items())])
    pyodide = {case["name"]: case["profile"] for case in timings["cases"] if "profile" in case}
    out = []
    for name in cases:
        for where, lines in (("CPython", cpython[name][1]), ("Pyodide", pyodide[name])):
            print(f"\n==== {name}, {where} ====\n{lines}", file=sys.stderr)
        out.append(figure(f"profile of {name} ({definition['id']}), CPython under cProfile", cpython[name][0],
                          "ms", None, "where the time goes", None, top=cpython[name][1].splitlines(),
                          pyodide_top=pyodide[name].splitlines()))
    return out
