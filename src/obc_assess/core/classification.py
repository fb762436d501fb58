"""Scores a classification assessment: the user's measures, each given one class, and the share of outcomes.

Shares are of the classified measures (an unclassified one is counted, and lowers confidence, but is not put
in any class). The flag is raised when the outcome share, as shown, is below the assessment's threshold.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, NamedTuple

from obc_assess.core.responses import row_is_blank
from obc_assess.core.result import header
from obc_assess.core.rounding import percent
from obc_assess.core.typed_text import tidy


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
        measures.append({"index": index, "name": tidy(row.get("name", "")),
                         "class": None if cls is None else cls["id"],
                         "label": None if cls is None else cls["label"],
                         "outcome": None if cls is None else cls["outcome"], "note": row.get("note", "")})
    share = outcome_share(block, counts)
    classified = share.classified
    unclassified = len(measures) - classified
    result = header(definition, doc)
    result.update({
        "overall": {"percent": None, "band": None, "confidence": percent(classified, len(measures)),
                    "answered": classified, "na": 0, "unknown": 0, "unanswered": unclassified,
                    "total": len(measures)},
        "sections": [],
        "priorities": [],
        "evidence_gaps": [],
        "working": {"classified": classified, "outcome": share.outcomes,
                    "threshold": share.flag["threshold"]},
        "classification": {
            "row_label": block["row_label"],
            "classes": [{**row, "guidance_url": cls["guidance_url"]}
                        for row, cls in zip(class_rows(block, counts), block["classes"], strict=True)],
            "measures": measures,
            "classified": classified,
            "unclassified": unclassified,
            "outcome_share": share.percent,
            "flag": share.flag,
        },
    })
    return result


class Share(NamedTuple):
    """The outcome share of some classified measures (one file's, or a team's together), and its flag."""

    classified: int
    outcomes: int  # the classified measures in an outcome class
    percent: float | None  # None when nothing is classified
    flag: dict[str, Any]  # {raised, threshold, message}


def outcome_share(block: dict[str, Any], counts: dict[str, int]) -> Share:
    """The share of outcomes for these counts per class id; the flag is raised when the share, as shown (to
    one decimal place), is below the definition's threshold."""
    classified = sum(counts.values())
    outcomes = sum(counts[cls["id"]] for cls in block["classes"] if cls["outcome"])
    share = percent(outcomes, classified)
    threshold = block["flag_outcome_share_below"]
    raised = share is not None and Fraction(str(share)) < Fraction(str(threshold))
    return Share(classified, outcomes, share, {"raised": raised, "threshold": threshold,
                                               "message": block["flag_message"] if raised else None})


def class_rows(block: dict[str, Any], counts: dict[str, int]) -> list[dict[str, Any]]:
    """Each class of the definition with its count and its percent of the classified measures, in order."""
    classified = sum(counts.values())
    return [{"id": cls["id"], "label": cls["label"], "outcome": cls["outcome"], "count": counts[cls["id"]],
             "percent": percent(counts[cls["id"]], classified)} for cls in block["classes"]]
