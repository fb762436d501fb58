"""Scores a responses document: maturity assessments here, matrix and classification in their own modules.

Maturity rules (after Tool 20, section 4: review each domain, outcomes focus "the paramount concern"):

- an item counts weight * level / max level; the percent is 100 * the sum of that over the sum of the weights
  of items with a level. Not applicable leaves both sums. Don't know and unanswered are left out of the
  percent rather than scored as zero, and lower the confidence figure instead (a gap in evidence is not a
  gap in practice);
- overall is over all items, weighted, not the mean of the sections (sections differ in size);
- confidence is the weight of items with a level out of the weight of items that should have one;
- priorities rank items below the top level by weight * levels to go: the biggest gains first;
- the action plan (not scored) lists the items with a plan entry: prioritised items by rank, then the rest.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from obc_assess.classification import score_classification
from obc_assess.common import REASONS, Tally, header, level_info, level_label, number, status_of, weight_of
from obc_assess.definition import items
from obc_assess.matrix import score_matrix
from obc_assess.plan import entry_is_blank
from obc_assess.responses import ResponsesError, applies, context_of, validate


def score(definition: dict[str, Any], doc: object) -> dict[str, Any]:
    """The result for a responses document; ResponsesError (with .problems) if it is not valid."""
    problems = validate(definition, doc)
    if problems:
        raise ResponsesError(problems)
    assert isinstance(doc, dict)  # validate reports anything else
    if definition["kind"] == "matrix":
        return score_matrix(definition, doc)
    if definition["kind"] == "classification":
        return score_classification(definition, doc)
    return score_maturity(definition, doc)


def band_for(definition: dict[str, Any], percent: float | None) -> dict[str, Any] | None:
    """The highest band the percent reaches."""
    if percent is None:
        return None
    # Compared as shown (rounded), so a score printed as 75.0 is never in the band below 75.
    reached = [b for b in definition["bands"] if Fraction(str(b["min_percent"])) <= Fraction(str(percent))]
    best = reached[-1] if reached else None
    return None if best is None else {k: best[k] for k in ("id", "label", "descriptor")}


def _weight_phrase(weight: Fraction) -> str:
    words = {Fraction(1): "once", Fraction(2): "double", Fraction(3): "three times"}
    return f"this item counts {words.get(weight, f'{number(weight)} times')}"


def score_maturity(definition: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """Section and overall percents, confidence, priorities and evidence gaps for a valid document."""
    model, scope = context_of(definition, doc)
    top = definition["scale"]["levels"][-1]["value"]
    overall = Tally()
    tallies = {section["id"]: Tally() for section in definition["sections"]}
    working: list[dict[str, Any]] = []
    priorities: list[tuple[Fraction, int, dict[str, Any]]] = []
    gaps: list[dict[str, Any]] = []
    for order, (section, item) in enumerate(items(definition)):
        answer = doc["answers"].get(item["id"], {})
        level = answer.get("level")
        asked = applies(definition, item, model, scope)
        status = status_of(level, asked, item["optional"] or section["optional"])
        weight = weight_of(item)
        overall.add(status, weight, level, top)
        tallies[section["id"]].add(status, weight, level, top)
        scored = status == "scored"
        working.append({
            "id": item["id"], "title": item["title"], "section": section["id"], "weight": item["weight"],
            "level": level, "level_label": level_label(definition, level), "max": top,
            "contribution": number(weight * level / top) if scored else None,
            "included": scored, "status": status, "reason": REASONS[status], "note": answer.get("note", ""),
        })
        if status == "unknown":
            gaps.append({"id": item["id"], "title": item["title"], "section": section["id"],
                         "guidance_url": item["guidance_url"]})
        if scored and level < top:
            gain = weight * (top - level)
            label = definition["scale"]["levels"][level]["label"]
            priorities.append((-gain, order, {
                "id": item["id"], "title": item["title"], "section": section["id"], "level": level,
                "level_label": label, "max": top, "weight": item["weight"], "gap": top - level,
                "score": number(gain), "guidance_url": item["guidance_url"],
                "reason": f'Rated "{label}" ({level} of {top}), weight {number(weight)}: '
                          f'{_weight_phrase(weight)}.',
                "target": level_info(definition, level + 1),
            }))
    ranked = [{"rank": rank, **entry} for rank, (_, _, entry) in enumerate(sorted(
        priorities, key=lambda p: (p[0], p[1])), start=1)]
    result = header(definition, doc)
    percent = overall.percent()
    result.update({
        "overall": {"percent": percent, "band": band_for(definition, percent),
                    "confidence": overall.confidence(), **overall.counts()},
        "sections": [{"id": s["id"], "title": s["title"], "percent": tallies[s["id"]].percent(),
                      "confidence": tallies[s["id"]].confidence(), "optional": s["optional"],
                      **tallies[s["id"]].counts()} for s in definition["sections"]],
        "priorities": ranked,
        "evidence_gaps": gaps,
        "working": {"max_level": top, "points": number(overall.points), "possible": number(overall.possible),
                    "percent": percent, "items": working},
        "plan": plan_rows(definition, doc, ranked),
    })
    return result


def plan_rows(definition: dict[str, Any], doc: dict[str, Any], ranked: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The action plan's non-blank entries: prioritised items in rank order, then the others in form order."""
    plan = doc.get("plan") or {}
    ranks = {p["id"]: p["rank"] for p in ranked}
    rows = []
    for order, (section, item) in enumerate(items(definition)):
        entry = plan.get(item["id"])
        if entry is None or entry_is_blank(entry):
            continue
        level = doc["answers"].get(item["id"], {}).get("level")
        target = entry.get("target")
        rows.append(((ranks.get(item["id"]) is None, ranks.get(item["id"], 0), order), {
            "id": item["id"], "title": item["title"], "section": section["id"], "rank": ranks.get(item["id"]),
            "level": level, "level_label": level_label(definition, level),
            "target": target, "target_label": level_label(definition, target),
            "action": entry.get("action", ""), "owner": entry.get("owner", ""), "due": entry.get("due", "")}))
    return [row for _, row in sorted(rows, key=lambda r: r[0])]
