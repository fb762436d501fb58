"""Scores a matrix assessment: user-named rows (service areas) each rated against every criterion.

An area's percent is its weighted ratings over the criteria (weight * level / max, as for maturity items), so
the area where the criteria apply most strongly ranks first: rank 1 is the first to review. Equal percents
keep the order the areas were entered in. Each criterion's "section" entry is the mean across areas.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from obc_assess.common import REASONS, Tally, header, level_label, number, status_of, weight_of
from obc_assess.definition import items
from obc_assess.responses import applies, context_of, row_is_blank


def score_matrix(definition: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """Ranked areas, per-criterion means, confidence and evidence gaps for a valid matrix document."""
    model, scope = context_of(definition, doc)
    top = definition["scale"]["levels"][-1]["value"]
    criteria = [item for _, item in items(definition) if applies(definition, item, model, scope)]
    overall = Tally()
    by_criterion = {item["id"]: Tally() for item in criteria}
    areas: list[tuple[bool, Fraction, int, dict[str, Any]]] = []
    cells: list[dict[str, Any]] = []
    gaps: list[dict[str, Any]] = []
    for index, row in enumerate(doc["answers"]["areas"]):
        if row_is_blank(row):
            continue
        name = " ".join(row.get("name", "").split())
        tally = Tally()
        levels = []
        for item in criteria:
            level = row.get("levels", {}).get(item["id"])
            status = status_of(level, True, item["optional"])
            weight = weight_of(item)
            for t in (tally, overall, by_criterion[item["id"]]):
                t.add(status, weight, level, top)
            levels.append({"id": item["id"], "title": item["title"], "level": level,
                           "label": level_label(definition, level)})
            cells.append({"area": name, "id": item["id"], "weight": item["weight"], "level": level,
                          "max": top,
                          "contribution": number(weight * level / top) if status == "scored" else None,
                          "included": status == "scored", "status": status, "reason": REASONS[status]})
            if status == "unknown":
                gaps.append({"id": item["id"], "title": item["title"], "area": name,
                             "guidance_url": item["guidance_url"]})
        exact = tally.points / tally.possible if tally.possible else Fraction(0)
        entry = {"name": name, "index": index, "percent": tally.percent(), "confidence": tally.confidence(),
                 **tally.counts(), "note": row.get("note", ""), "levels": levels}
        # Areas with no rating at all go last; otherwise highest exact percent first, then input order.
        areas.append((not tally.possible, -exact, index, entry))
    ranked = [{"rank": rank, **entry} for rank, (*_, entry) in enumerate(sorted(
        areas, key=lambda a: (a[0], a[1], a[2])), start=1)]
    result = header(definition, doc)
    result.update({
        "overall": {"percent": None, "band": None, "confidence": overall.confidence(), **overall.counts()},
        "sections": [{"id": item["id"], "title": item["title"], "percent": by_criterion[item["id"]].percent(),
                      "confidence": by_criterion[item["id"]].confidence(), "optional": item["optional"],
                      **by_criterion[item["id"]].counts()} for item in criteria],
        "priorities": [],
        "evidence_gaps": gaps,
        "working": {"max_level": top, "items": cells},
        "matrix": {"row_label": definition["matrix"]["row_label"], "areas": ranked},
    })
    return result
