"""Merges user-named rows across respondents: matrix areas by name, and the combined mix of measure classes."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from obc_assess.core.classification import class_rows, outcome_share
from obc_assess.core.facts import Facts
from obc_assess.core.matrix import criteria_of, rate_area
from obc_assess.core.responses import row_is_blank
from obc_assess.core.stats import exact_mean, spread
from obc_assess.core.typed_text import fold


def area_percents(facts: Facts, doc: dict[str, Any]) -> dict[int, Fraction | None]:
    """Each non-blank area's exact percent by row index (as matrix.py scores it, before rounding)."""
    criteria = criteria_of(facts, doc)
    return {index: rate_area(facts, criteria, row)[0].exact_percent()
            for index, row in enumerate(doc["answers"]["areas"]) if not row_is_blank(row)}


def merge_matrix(facts: Facts, docs: list[dict[str, Any]], names: list[str],
                 results: list[dict[str, Any]]) -> dict[str, Any]:
    """Areas matched by name across respondents: the mean of their percents, and each respondent's rank.

    Team rank 1 has the highest mean; areas nobody rated go last; equal means go in name order, so the order
    of the files never matters. An area's name is shown as the first, in sort order, of its spellings."""
    spellings: dict[str, list[str]] = {}
    cells: dict[str, list[dict[str, Any]]] = {}
    exact: dict[str, list[Fraction | None]] = {}
    for n, (doc, result) in enumerate(zip(docs, results, strict=True)):
        percents = area_percents(facts, doc)
        for area in result["matrix"]["areas"]:
            key = fold(area["name"])
            spellings.setdefault(key, []).append(area["name"])
            cells.setdefault(key, [{"respondent": name, "rank": None, "percent": None} for name in names])
            cells[key][n] = {"respondent": names[n], "rank": area["rank"], "percent": area["percent"]}
            exact.setdefault(key, []).append(percents[area["index"]])
    means = {key: exact_mean(values) for key, values in exact.items()}
    order = sorted(means, key=lambda key: (means[key] is None, -(means[key] or 0), key))
    return {"row_label": facts.definition["matrix"]["row_label"], "areas": [{
        "rank": rank, "name": min(spellings[key]), "respondents": len(spellings[key]),
        "rated": sum(v is not None for v in exact[key]), "ranks": cells[key],
        **spread([v for v in exact[key] if v is not None])} for rank, key in enumerate(order, start=1)]}


def merge_classification(definition: dict[str, Any], names: list[str],
                         results: list[dict[str, Any]]) -> dict[str, Any]:
    """Every respondent's measures together: the count and share of each class, and the outcome share."""
    block = definition["classification"]
    blocks = [result["classification"] for result in results]
    counts = {c["id"]: sum(next(x["count"] for x in b["classes"] if x["id"] == c["id"]) for b in blocks)
              for c in block["classes"]}
    share = outcome_share(block, counts)
    return {
        "row_label": block["row_label"],
        "classes": class_rows(block, counts),
        "classified": share.classified, "unclassified": sum(b["unclassified"] for b in blocks),
        "outcome_share": share.percent,
        "flag": share.flag,
        "respondents": [{"respondent": name, "classified": b["classified"], "unclassified": b["unclassified"],
                         "outcome_share": b["outcome_share"]} for name, b in zip(names, blocks, strict=True)],
    }
