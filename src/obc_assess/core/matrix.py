"""Scores a matrix assessment: user-named rows (service areas) each rated against every criterion.

The rules (issue 30; adding the criteria up and the thresholds are the toolkit's own, Wirral 4.13 ranks none):

- an area's score is its points (weight * level / max for each rated criterion) over the weight of the criteria
  added into it: "don't know" and unanswered count as not shown, 0 points, so a guess never scores as if known
  and adding a "don't know" never raises an area;
- its confidence is the weight rated out of that weight; below the definition's ``rank_from`` percent the area
  is not ranked but listed after the ranked ones ("not enough answers to rank");
- rank 1 is the highest score, the first to review; equal scores keep the order the areas were entered in;
- the flag criterion (Wirral 4.13 (f), after 4.12's warning that a review "does not in itself challenge the need
  for that service") is not added in: below its ``shown_from`` level, don't know or unanswered, it raises a
  flag beside the area's rank, so it never changes the order;
- each criterion's "section" entry is its score across the areas, by the same rule.

rate_area holds the rule for an area's figures; score_matrix and the team merge (team_rows.py) both use it.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, NamedTuple

from obc_assess.core.catalogue import text
from obc_assess.core.facts import Entry, Facts
from obc_assess.core.responses import row_is_blank
from obc_assess.core.result import header
from obc_assess.core.rounding import percent, quotient
from obc_assess.core.tally import Tally, status_of
from obc_assess.core.typed_text import tidy


class Rated(NamedTuple):
    """An area's ratings read once: the tally of the criteria added into its score, and its flag."""

    tally: Tally  # the criteria added into the score (every criterion but the flag)
    cells: list[tuple[object, str]]  # every criterion's (level, status), in criteria order
    flagged: bool | None  # the flag criterion's verdict; None where the matrix has none


def criteria_of(facts: Facts, doc: dict[str, Any]) -> list[Entry]:
    """The criteria asked for a valid document's model and scope, in form order."""
    asked = facts.asked(doc)
    return [entry for entry in facts.entries if entry.item["id"] in asked]


def flag_of(facts: Facts) -> dict[str, Any] | None:
    """The definition's flag criterion block, or None."""
    flag: dict[str, Any] | None = (facts.definition["matrix"] or {}).get("flag")
    return flag


def rate_area(facts: Facts, criteria: list[Entry], row: dict[str, Any]) -> Rated:
    """An area's tally and flag, and each criterion's (level, status); only an item's own optional flag counts."""
    flag = flag_of(facts)
    tally = Tally()
    cells: list[tuple[object, str]] = []
    flagged = None
    levels = row.get("levels", {})
    for entry in criteria:
        level = levels.get(entry.item["id"])
        status = status_of(level, True, entry.item["optional"])
        cells.append((level, status))
        if flag is not None and entry.item["id"] == flag["item"]:
            flagged = not (status == "scored" and isinstance(level, int) and level >= flag["shown_from"])
        else:
            tally.add(status, entry.weight, level, facts.top)
    return Rated(tally, cells, flagged)


def score_of(tally: Tally) -> Fraction | None:
    """The exact score: points over the weight that should be rated (not shown scores 0); None if none should."""
    return Fraction(100 * tally.points, tally.expected) if tally.expected else None


def is_ranked(tally: Tally, rank_from: int | float) -> bool:
    """Whether enough is rated to rank the area: something, and at least rank_from percent of the weight."""
    return tally.possible > 0 and 100 * tally.possible >= Fraction(str(rank_from)) * tally.expected


def ranked_order(scores: list[tuple[Fraction | None, bool]]) -> list[int | None]:
    """Each area's rank from its (exact score, ranked): highest first, equal scores in input order; None when
    the area is not ranked."""
    order = sorted((i for i, (_, ranked) in enumerate(scores) if ranked),
                   key=lambda i: (-(scores[i][0] or 0), i))
    ranks: list[int | None] = [None] * len(scores)
    for rank, i in enumerate(order, start=1):
        ranks[i] = rank
    return ranks


def _flag_cell(flag: dict[str, Any] | None, flagged: bool | None) -> dict[str, Any] | None:
    if flag is None or flagged is None:
        return None
    return {"raised": flagged, "label": flag["raised"] if flagged else flag["clear"]}


def score_matrix(facts: Facts, doc: dict[str, Any]) -> dict[str, Any]:
    """Ranked areas (then those not ranked), per-criterion scores, confidence and gaps for a valid document."""
    definition, top, lang = facts.definition, facts.top, facts.lang
    block, flag = definition["matrix"], flag_of(facts)
    criteria = criteria_of(facts, doc)
    by_criterion = {entry.item["id"]: Tally() for entry in criteria}
    reasons = {**facts.reasons, **{status: text(lang, f"core.matrix-reason-{status}")
                                   for status in ("unknown", "unanswered", "flag")}}
    areas: list[dict[str, Any]] = []
    scores: list[tuple[Fraction | None, bool]] = []
    cells: list[dict[str, Any]] = []
    gaps: list[dict[str, Any]] = []
    for index, row in enumerate(doc["answers"]["areas"]):
        if row_is_blank(row):
            continue
        name = tidy(row.get("name", ""))
        rated = rate_area(facts, criteria, row)
        levels = []
        for (_, item, weight, *_), (level, status) in zip(criteria, rated.cells, strict=True):
            by_criterion[item["id"]].add(status, weight, level, top)
            levels.append({"id": item["id"], "title": item["title"], "level": level, "label": facts.label(level)})
            flagging = flag is not None and item["id"] == flag["item"]
            counted = not flagging and status in ("scored", "unknown", "unanswered")
            contribution = None
            if counted:
                contribution = quotient(weight * level, facts.unit * top) if isinstance(level, int) else 0
            reason = reasons["flag" if flagging else status]
            cells.append({"area": name, "id": item["id"], "title": item["title"], "weight": item["weight"],
                          "level": level, "level_label": facts.label(level),
                          "max": top, "contribution": contribution,
                          "included": counted, "status": status, "reason": reason})
            if status == "unknown":
                gaps.append({"id": item["id"], "title": item["title"], "area": name,
                             "guidance_url": item["guidance_url"]})
        tally = rated.tally
        ranked = is_ranked(tally, block.get("rank_from", 0))
        exact = score_of(tally)
        scores.append((exact, ranked))
        areas.append({"name": name, "index": index,
                      "percent": percent(tally.points, tally.expected) if ranked else None,
                      "confidence": tally.confidence(), **tally.counts(), "note": row.get("note", ""),
                      "levels": levels, "flag": _flag_cell(flag, rated.flagged)})
    ranks = ranked_order(scores)
    for area, rank in zip(areas, ranks, strict=True):
        area["rank"] = rank
    ranked_first = sorted(areas, key=lambda a: (a["rank"] is None, a["rank"] or 0, a["index"]))
    overall = Tally.combined(by_criterion.values())  # every cell is under one criterion
    result = header(definition, doc)
    result.update({
        "overall": {"percent": None, "band": None, "confidence": overall.confidence(), **overall.counts()},
        "sections": [{"id": item["id"], "title": item["title"], "display_title": item["title"] + (
                          text(lang, "core.flag-mark") if flag is not None and item["id"] == flag["item"] else ""),
                      "percent": _criterion_score(by_criterion[item["id"]]),
                      "confidence": by_criterion[item["id"]].confidence(), "optional": item["optional"],
                      "flag": flag is not None and item["id"] == flag["item"],
                      **by_criterion[item["id"]].counts()} for _, item, *_ in criteria],
        "priorities": [],
        "evidence_gaps": gaps,
        "working": {"max_level": top, "items": cells},
        "matrix": {"row_label": block["row_label"], "areas": ranked_first, "rank_from": block.get("rank_from", 0),
                   "unranked_label": text(lang, "core.not-enough-to-rank"),
                   "unranked_intro": text(lang, "core.not-ranked-intro", rank_from=block.get("rank_from", 0)),
                   "flag": _flag_block(facts, flag)},
    })
    return result


def _criterion_score(tally: Tally) -> float | None:
    """A criterion's score across the areas, by the areas' rule; None where no area rates it."""
    return percent(tally.points, tally.expected) if tally.possible else None


def _flag_block(facts: Facts, flag: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the results say about the flag once: its criterion, words, and the source's words it follows."""
    if flag is None:
        return None
    title = next(entry.item["title"] for entry in facts.entries if entry.item["id"] == flag["item"])
    return {"item": flag["item"], "title": title, "raised": flag["raised"], "clear": flag["clear"],
            "note": flag["note"], "quote": flag["quote"], "cite": flag["cite"]}
