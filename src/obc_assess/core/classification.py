"""Scores a classification assessment: the user's measures, each given one class, and the share of outcomes.

Shares are of the classified measures (an unclassified one is counted, and lowers confidence, but is not put
in any class). The flag is raised when the outcome share, as shown, is below the assessment's threshold.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from obc_assess.core.responses import row_is_blank
from obc_assess.core.result import header
from obc_assess.core.rounding import percent


def score_classification(definition: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """Counts and shares per class, the outcome share and its flag for a valid classification document."""
    block = definition["classification"]
    classes = {c["id"]: c for c in block["classes"]}
    counts = dict.fromkeys(classes, 0)
    measures = []
    for index, row in enumerate(doc["answers"]["measures"]):
        if row_is_blank(row):
            continue
        cls = classes.get(row.get("class"))
        if cls is not None:
            counts[cls["id"]] += 1
        measures.append({"index": index, "name": " ".join(row.get("name", "").split()),
                         "class": None if cls is None else cls["id"],
                         "label": None if cls is None else cls["label"],
                         "outcome": None if cls is None else cls["outcome"], "note": row.get("note", "")})
    classified = sum(counts.values())
    outcomes = sum(n for cid, n in counts.items() if classes[cid]["outcome"])
    share = percent(outcomes, classified)
    threshold = block["flag_outcome_share_below"]
    raised = share is not None and Fraction(str(share)) < Fraction(str(threshold))
    unclassified = len(measures) - classified
    result = header(definition, doc)
    result.update({
        "overall": {"percent": None, "band": None, "confidence": percent(classified, len(measures)),
                    "answered": classified, "na": 0, "unknown": 0, "unanswered": unclassified,
                    "total": len(measures)},
        "sections": [],
        "priorities": [],
        "evidence_gaps": [],
        "working": {"classified": classified, "outcome": outcomes,
                    "threshold": threshold},
        "classification": {
            "row_label": block["row_label"],
            "classes": [{"id": c["id"], "label": c["label"], "outcome": c["outcome"],
                         "count": counts[c["id"]],
                         "percent": percent(counts[c["id"]], classified),
                         "guidance_url": c["guidance_url"]} for c in block["classes"]],
            "measures": measures,
            "classified": classified,
            "unclassified": unclassified,
            "outcome_share": share,
            "flag": {"raised": raised, "threshold": threshold,
                     "message": block["flag_message"] if raised else None},
        },
    })
    return result
