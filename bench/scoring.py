"""Scoring latency for the largest assessment, fully answered, in Pyodide (under Node) and in CPython."""

from __future__ import annotations

import hashlib
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
from obc_assess.core.form import to_form
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
    """A responses document with every applicable item answered at random (seeded), with notes, as a person may
    answer: each item within its own scale (a coverage item's top level is 2, a maturity item's 3), and not
    applicable only where the item allows it, with its reason (issue 30)."""
    rng = random.Random(seed)
    doc = template(definition, model)
    found = {item["id"]: item for _, item in items(definition)}
    for key, answer in doc["answers"].items():
        top = scale_of(definition, found[key])["levels"][-1]["value"]
        answer["level"] = rng.choice([*range(top + 1), "unknown", *(["na"] if found[key]["na"] else [])])
        answer["note"] = "Evidence: the quarterly report, section 3."
        if answer["level"] == "na":
            answer["na_reason"] = "We do not commission this service."
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


def keystrokes(definition: dict[str, Any], doc: dict[str, Any], count: int) -> list[str]:
    """The form's fields (JSON text) after each of ``count`` edits, as the page sends them: each changes one field
    of the last, by turns a letter typed into an item's note and another level chosen for the next item."""
    fields = to_form(definition, doc)["fields"]
    ids = [item["id"] for _, item in items(definition)]
    tops = {item["id"]: scale_of(definition, item)["levels"][-1]["value"] for _, item in items(definition)}
    out = []
    for n in range(count):
        item_id = ids[n // 2 % len(ids)]
        if n % 2 == 0:
            fields[f"note:{item_id}"] += "x"
        else:
            level = fields[f"item:{item_id}"]
            fields[f"item:{item_id}"] = str((int(level) + 1) % (tops[item_id] + 1)) if level.isdigit() else "1"
        out.append(json.dumps(fields))
    return out


def page_requests(definition: dict[str, Any], count: int = CALLS) -> tuple[str, list[str]]:
    """The worker's "define" request for the largest assessment, and the ``count`` evaluate requests a person's
    edits make (the definition named by its hash, no CSV), on a form fully answered."""
    text = json.dumps(definition)
    sha256 = hashlib.sha256(text.encode()).hexdigest()
    return (json.dumps({"type": "define", "definition": text}),
            [json.dumps({"type": "evaluate", "definition_hash": sha256, "fields": fields, "csv": False})
             for fields in keystrokes(definition, answered(definition, 1), count)])


def _cpython(requests: list[str]) -> list[float]:
    timings = []
    for request in requests:
        start = time.perf_counter()
        api.call(request)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def run() -> list[dict[str, Any]]:
    definition = largest()
    define, edits = page_requests(definition)
    # The earlier figure's calls, kept to compare with: a plan CSV from an answers file, the definition's text in
    # every request (read afresh each time).
    plan = json.dumps({"type": "plan-csv", "definition": json.dumps(definition),
                       "responses": json.dumps(answered(definition, 1))})
    api.call(define)
    cpython = {"edits": _cpython(edits), "plan": _cpython([plan] * CALLS)}
    timings = run_pyodide([{"name": "define", "fn": "call", "args": [define], "repeat": 1},
                           {"name": "edits", "fn": "call", "each": [[request] for request in edits]},
                           {"name": "plan", "fn": "call", "args": [plan], "repeat": CALLS}])
    pyodide = {case["name"]: case["ms"] for case in timings["cases"]}
    size = len(list(items(definition)))
    p95 = {name: percentile(pyodide[name], 95) for name in ("edits", "plan")}
    return [
        figure(f"re-score p95 in Pyodide, as the page asks at each edit ({definition['id']}, {size} items, "
               f"{CALLS} edits)", p95["edits"], "ms", percentile(cpython["edits"], 95), "<= 10 ms",
               p95["edits"] <= 10, p50=percentile(pyodide["edits"], 50),
               cpython_p50=percentile(cpython["edits"], 50), note="baseline: the same calls in CPython"),
        figure(f"scoring p95 in Pyodide (plan CSV, the definition's text in each request; {definition['id']}, "
               f"{size} items, {CALLS} calls)", p95["plan"], "ms", percentile(cpython["plan"], 95), "<= 30 ms",
               p95["plan"] <= 30, p50=percentile(pyodide["plan"], 50), cpython_p50=percentile(cpython["plan"], 50),
               note="baseline: the same calls in CPython"),
    ]
