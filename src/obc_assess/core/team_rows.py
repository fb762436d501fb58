"""Merges user-named rows across respondents: matrix areas by name, and the combined mix of measure classes."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.classification import class_rows, outcome_share
from obc_assess.core.facts import Facts
from obc_assess.core.matrix import criteria_of, flag_of, is_ranked, rate_area, score_of
from obc_assess.core.matrix_text import rank_text, team_flag
from obc_assess.core.responses import row_is_blank
from obc_assess.core.stats import exact_mean, spread
from obc_assess.core.typed_text import fold


def area_scores(facts: Facts, doc: dict[str, Any]) -> dict[int, Fraction | None]:
    """Each non-blank area's exact score by row index (as matrix.py scores it, before rounding); None where the
    file has too few answers to rank it."""
    criteria, rank_from = criteria_of(facts, doc), facts.definition["matrix"].get("rank_from", 0)
    scores = {}
    for index, row in enumerate(doc["answers"]["areas"]):
        if not row_is_blank(row):
            tally = rate_area(facts, criteria, row).tally
            scores[index] = score_of(tally) if is_ranked(tally, rank_from) else None
    return scores


def merge_matrix(facts: Facts, docs: list[dict[str, Any]], names: list[str],
                 results: list[dict[str, Any]]) -> dict[str, Any]:
    """Areas matched by name across respondents: the mean of the scores of those who rank them, each
    respondent's rank, and how many of them flag the area.

    Team rank 1 has the highest mean; an area no respondent ranks is not ranked and goes last; equal means go in
    name order, so the order of the files never matters. An area's name is shown as the first, in sort order, of
    its spellings."""
    lang, flag = facts.lang, flag_of(facts)
    spellings: dict[str, list[str]] = {}
    cells: dict[str, list[dict[str, Any]]] = {}
    exact: dict[str, list[Fraction | None]] = {}
    flags: dict[str, list[bool]] = {}
    for n, (doc, result) in enumerate(zip(docs, results, strict=True)):
        scores = area_scores(facts, doc)
        for area in result["matrix"]["areas"]:
            key = fold(area["name"])
            spellings.setdefault(key, []).append(area["name"])
            cells.setdefault(key, [{"respondent": name, "rank": None, "percent": None, "named": False,
                                    "flag": None, "text": rank_text(None, None, False, lang)} for name in names])
            raised = None if area["flag"] is None else area["flag"]["raised"]
            cells[key][n] = {"respondent": names[n], "rank": area["rank"], "percent": area["percent"],
                             "named": True, "flag": raised,
                             "text": rank_text(area["rank"], area["percent"], True, lang)}
            exact.setdefault(key, []).append(scores[area["index"]])
            flags.setdefault(key, []).extend([] if raised is None else [raised])
    means = {key: exact_mean(values) for key, values in exact.items()}
    order = sorted(means, key=lambda key: (means[key] is None, -(means[key] or 0), key))
    ranks = {key: rank for rank, key in enumerate((k for k in order if means[k] is not None), start=1)}
    return {"row_label": facts.definition["matrix"]["row_label"],
            "unranked_label": text(lang, "core.not-enough-to-rank"),
            "flag": None if flag is None else {"title": next(
                e.item["title"] for e in facts.entries if e.item["id"] == flag["item"])},
            "areas": [{
                "rank": ranks.get(key), "name": min(spellings[key]),
                "respondents": len(spellings[key]), "ranked": sum(v is not None for v in exact[key]),
                "ranks": cells[key], "flag": team_flag(flag, sum(flags[key]), len(flags[key]), lang),
                **spread([v for v in exact[key] if v is not None])} for key in order]}


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
