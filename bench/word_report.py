"""The Word report in Pyodide: its size, and the time to make it beside scoring the same answers (the plan CSV)."""

from __future__ import annotations

import base64
import json
import statistics
from typing import Any

from bench.scoring import answered, run_pyodide
from bench.timing import figure
from obc_assess.core import api
from obc_assess.host.building import build_all
from obc_assess.host.loader import load_data

ASSESSMENT = "commissioning-standards"  # the longest form (13 standards and five checklists)
CALLS = 21


def filled() -> tuple[str, str]:
    """The definition and a filled answers file: every item answered with a note, a plan on ten items (with a
    status and review note), and two evidence entries on every item (issue 14)."""
    definition = build_all(load_data())[ASSESSMENT]
    doc = answered(definition, 1, model=1)
    top = definition["scale"]["levels"][-1]["value"]
    doc["plan"] = {key: {"action": f"Agree the evidence for {key} with the board", "owner": "Commissioning lead",
                         "due": "2027-03-31", "target": top, "status": "in-progress",
                         "review": "Draft agreed; the board reviews it in March.", "carried_from": "2025-03-14"}
                   for key in list(doc["answers"])[:10]}
    doc["evidence"] = {key: [{"what": f"Board paper on {key}, section 2", "kind": "report", "strength": "documented",
                              "review_by": "2027-03-31"},
                             {"what": "What people told us at the forum", "kind": "survey",
                              "strength": "self-reported", "review_by": ""}] for key in doc["answers"]}
    return json.dumps(definition), json.dumps(doc)


def run() -> list[dict[str, Any]]:
    def_json, doc_json = filled()
    requests = {kind: json.dumps({"type": kind, "definition": def_json, "responses": doc_json})
                for kind in ("plan-csv", "docx")}
    size = len(base64.b64decode(json.loads(api.call(requests["docx"]))["docx"]))
    cases = [{"name": kind, "fn": "call", "args": [request], "repeat": CALLS} for kind, request in requests.items()]
    timings = {case["name"]: statistics.median(case["ms"]) for case in run_pyodide(cases)["cases"]}
    return [
        figure(f".docx report size ({ASSESSMENT}, filled)", size / 1024, "KB", note="a stored (uncompressed) zip"),
        figure(f".docx report in Pyodide, median of {CALLS} ({ASSESSMENT}, filled)", timings["docx"], "ms",
               timings["plan-csv"], note="baseline: the same answers scored, with the plan CSV, in Pyodide"),
    ]
