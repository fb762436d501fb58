"""Scores a matrix assessment: user-named rows (service areas) each rated against every criterion.

An area's percent is its weighted ratings over the criteria (weight * level / max, as for maturity items), so
the area where the criteria apply most strongly ranks first: rank 1 is the first to review. Equal percents
keep the order the areas were entered in. Each criterion's "section" entry is the mean across areas.

rate_area holds the rule for an area's figures; score_matrix and the team merge (team_rows.py) both use it.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from obc_assess.core.facts import Entry, Facts
from obc_assess.core.responses import row_is_blank
from obc_assess.core.result import header
from obc_assess.core.rounding import quotient
from obc_assess.core.tally import Tally, status_of
from obc_assess.core.typed_text import tidy


def criteria_of(facts: Facts, doc: dict[str, Any]) -> list[Entry]:
    """The criteria asked for a valid document's model and scope, in form order."""
    asked = facts.asked(doc)
    return [entry for entry in facts.entries if entry.item["id"] in asked]


def rate_area(facts: Facts, criteria: list[Entry], row: dict[str, Any]) -> tuple[Tally, list[tuple[object, str]]]:
    """An area's tally and each criterion's (level, status); only an item's own optional flag counts here."""
    tally = Tally()
    rated: list[tuple[object, str]] = []
    levels = row.get("levels", {})
    for entry in criteria:
        level = levels.get(entry.item["id"])
        status = status_of(level, True, entry.item["optional"])
        tally.add(status, entry.weight, level, facts.top)
        rated.append((level, status))
    return tally, rated


def score_matrix(facts: Facts, doc: dict[str, Any]) -> dict[str, Any]:
    """Ranked areas, per-criterion means, confidence and evidence gaps for a valid matrix document."""
    definition, top = facts.definition, facts.top
    criteria = criteria_of(facts, doc)
    by_criterion = {entry.item["id"]: Tally() for entry in criteria}
    tallies: list[Tally] = []
    areas: list[tuple[bool, Fraction, int, dict[str, Any]]] = []
    cells: list[dict[str, Any]] = []
    gaps: list[dict[str, Any]] = []
    for index, row in enumerate(doc["answers"]["areas"]):
        if row_is_blank(row):
            continue
        name = tidy(row.get("name", ""))
        tally, rated = rate_area(facts, criteria, row)
        tallies.append(tally)
        levels = []
        for (_, item, weight, *_), (level, status) in zip(criteria, rated, strict=True):
            by_criterion[item["id"]].add(status, weight, level, top)
            levels.append({"id": item["id"], "title": item["title"], "level": level, "label": facts.label(level)})
            contribution = None
            if status == "scored":
                assert isinstance(level, int)
                contribution = quotient(weight * level, facts.unit * top)
            cells.append({"area": name, "id": item["id"], "title": item["title"], "weight": item["weight"],
                          "level": level, "level_label": facts.label(level),
                          "max": top, "contribution": contribution,
                          "included": status == "scored", "status": status, "reason": facts.reasons[status]})
            if status == "unknown":
                gaps.append({"id": item["id"], "title": item["title"], "area": name,
                             "guidance_url": item["guidance_url"]})
        entry = {"name": name, "index": index, "percent": tally.percent(), "confidence": tally.confidence(),
                 **tally.counts(), "note": row.get("note", ""), "levels": levels}
        # Areas with no rating at all go last; otherwise highest exact percent first, then input order.
        areas.append((not tally.possible, -(tally.exact_percent() or Fraction(0)), index, entry))
    ranked = [{"rank": rank, **entry} for rank, (*_, entry) in enumerate(sorted(
        areas, key=lambda a: (a[0], a[1], a[2])), start=1)]
    overall = Tally.combined(tallies)  # every cell is in one area
    result = header(definition, doc)
    result.update({
        "overall": {"percent": None, "band": None, "confidence": overall.confidence(), **overall.counts()},
        "sections": [{"id": item["id"], "title": item["title"], "percent": by_criterion[item["id"]].percent(),
                      "confidence": by_criterion[item["id"]].confidence(), "optional": item["optional"],
                      **by_criterion[item["id"]].counts()} for _, item, *_ in criteria],
        "priorities": [],
        "evidence_gaps": gaps,
        "working": {"max_level": top, "items": cells},
        "matrix": {"row_label": definition["matrix"]["row_label"], "areas": ranked},
    })
    return result
