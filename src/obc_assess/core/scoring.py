"""Scores a responses document: maturity assessments here, matrix and classification in their own modules.

Maturity rules (after Tool 20, section 4: review each domain, outcomes focus "the paramount concern"):

- an item counts weight * level / max level; the percent is 100 * the sum of that over the sum of the weights
  of items with a level. Not applicable leaves both sums. Don't know and unanswered are left out of the
  percent rather than scored as zero, and lower the confidence figure instead (a gap in evidence is not a
  gap in practice);
- overall is over the core items, weighted, not the mean of the sections (sections differ in size). Optional
  items and sections are extras: each group of them has its own percent and band (see extras_of) and never
  changes the core's;
- confidence is the weight of items with a level out of the weight of items that should have one;
- bands are earned (bands.py): each a claim about most of the answers, on the part's own scale, never above what
  the outcomes items support, and none when too much is not applicable or too little rated;
- priorities rank items below the top level by weight * levels to go: the biggest gains first;
- the action plan (not scored) lists the items with a plan entry: prioritised items by rank, then the rest;
- an open challenge (review_result.py) counts as don't know for the band alone, and leads the priorities.

tally_maturity holds the rules for the figures; score_maturity and the team merge (team.py) both use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from obc_assess.core.action_plan import plan_rows
from obc_assess.core.answers import reason_notice
from obc_assess.core.bands import legend, rules_words
from obc_assess.core.catalogue import text
from obc_assess.core.classification import score_classification
from obc_assess.core.evidence import evidence_date, item_evidence, profile
from obc_assess.core.facts import Entry, Facts
from obc_assess.core.matrix import score_matrix
from obc_assess.core.responses import ResponsesError, context_of, validate
from obc_assess.core.result import header, level_info
from obc_assess.core.review import open_challenges
from obc_assess.core.review_result import band_reading, earned, mark_rows, review_block
from obc_assess.core.rounding import quotient
from obc_assess.core.tailor import tag_for
from obc_assess.core.tally import Tally, status_of
from obc_assess.core.words import add_words, scale_word

# How a priority's reason words a weight of 1, 2 or 3.
# Weights with a word of their own: "this item counts once", "double", "three times" (core.counts-<n>).
_TIMES = (1, 2, 3)


def score(definition: dict[str, Any], doc: object, facts: Facts | None = None) -> dict[str, Any]:
    """The result for a responses document; ResponsesError (with .problems) if it is not valid. ``facts``: the
    definition's, when the caller keeps them (the browser's API reads a definition once per page)."""
    problems = validate(definition, doc)
    if problems:
        raise ResponsesError(problems)
    assert isinstance(doc, dict)  # validate reports anything else
    return score_valid(facts or Facts(definition), doc)


def score_valid(facts: Facts, doc: dict[str, Any]) -> dict[str, Any]:
    """The result for a document the caller has already validated against facts.definition."""
    if facts.definition["kind"] == "matrix":
        return add_words(score_matrix(facts, doc))
    if facts.definition["kind"] == "classification":
        return add_words(score_classification(facts.definition, doc))
    return add_words(score_maturity(facts, doc))


def _weight_phrase(weight: int, unit: int, lang: str) -> str:
    """How a weight (in 1/unit) reads: "counts double", "counts 1.5 times"."""
    whole, rest = divmod(weight, unit)
    if rest == 0 and whole in _TIMES:
        return text(lang, f"core.weight-counts-{whole}")
    return text(lang, "core.weight-counts-times", times=quotient(weight, unit))


@dataclass(frozen=True)
class Tallied:
    """A maturity document read once: each item's (level, status), in Facts.entries order, and exact tallies."""

    answers: list[tuple[object, str]]
    sections: dict[str, Tally]  # a core section's core items; an optional section's items
    overall: Tally  # the core items
    outcomes: Tally  # the core items marked outcomes
    extras: dict[str, tuple[Tally, Tally]]  # extras group id: (its items, its outcomes items), skips unanswered


def extras_of(section: dict[str, Any], optional: bool) -> str | None:
    """The extras group of an item: None for the core; an optional section; a core section's optional items."""
    if not optional:
        return None
    return section["id"] if section["optional"] else f"{section['id']}-extras"


def tally_maturity(facts: Facts, doc: dict[str, Any]) -> Tallied:
    """Each item's status and the section and overall tallies of a valid maturity document."""
    asked, given, top = facts.asked(doc), doc["answers"], facts.top
    sections = {section["id"]: Tally() for section in facts.definition["sections"]}
    core, outcomes = Tally(), Tally()
    extras: dict[str, tuple[Tally, Tally]] = {}
    answers: list[tuple[object, str]] = []
    for (section, item, _, optional, _, step), weight in zip(facts.entries, facts.weights(doc), strict=True):
        answer = given.get(item["id"])
        level = None if answer is None else answer.get("level")
        status = status_of(level, item["id"] in asked, optional)
        group = extras_of(section, optional)
        if group is None:
            parts, in_part = (core, outcomes), status
        else:
            parts = extras.setdefault(group, (Tally(), Tally()))
            # Within its own group a skipped extra is simply not rated: it lowers the group's confidence.
            in_part = "unanswered" if status == "skipped" else status
        # A level's worth on the common denominator: Partly (1 of 2) counts as 3 of 6, Developing (1 of 3) 2 of 6.
        worth = level * step if isinstance(level, int) else level
        if group is None or section["optional"]:
            sections[section["id"]].add(status, weight, worth, top)
        parts[0].add(in_part, weight, worth, top)
        if item["outcomes"]:
            parts[1].add(in_part, weight, worth, top)
        answers.append((level, status))
    return Tallied(answers, sections, core, outcomes, extras)


class ItemPart(NamedTuple):
    """One item's part of a maturity result, which its own answer, note and evidence alone decide."""

    row: dict[str, Any]  # its row of the working
    priority: tuple[bool, int, int, dict[str, Any]] | None  # its place among the priorities, if below its top
    gap: dict[str, Any] | None  # an evidence gap, when the answer is don't know


def _items(facts: Facts, doc: dict[str, Any], tallied: Tallied) -> list[ItemPart]:
    """Each item's part, kept (in facts.parts) by everything it is worked out from, so a definition kept for a
    page works out again only the items a change touched (issue 36); the same parts as worked out afresh."""
    model = context_of(facts.definition, doc)[0]
    answers, evidence, when = doc["answers"], doc.get("evidence") or {}, evidence_date(doc)
    if len(facts.parts) > 8 * len(facts.entries):  # a long session's old answers: let them go
        facts.parts.clear()
    parts = []
    for order, (weight, (level, status)) in enumerate(zip(facts.weights(doc), tallied.answers, strict=True)):
        item_id = facts.entries[order].item["id"]
        entries = evidence.get(item_id)
        answer = answers.get(item_id, {})
        key = (order, weight, level, status, model, answer.get("note", ""),
               answer.get("na_reason", "") if status == "na" else "", when,
               None if entries is None else tuple(tuple(sorted(entry.items())) for entry in entries))
        part = facts.parts.get(key)
        if part is None:
            part = facts.parts[key] = _item(facts, doc, order, weight, level, status, model)
        parts.append(part)
    return parts


def _item(facts: Facts, doc: dict[str, Any], order: int, weight: int, level: object, status: str,
          model: int | None) -> ItemPart:
    """One item's part: read from the document only through what _items keeps it by."""
    definition, top, unit = facts.definition, facts.top, facts.unit
    entry = facts.entries[order]
    section, item, _, optional, scale, step = entry
    its_top = top // step
    contribution = None
    tag = tag_for(definition, item, model)
    group = extras_of(section, optional)
    priority = None
    if status == "scored":
        assert isinstance(level, int)
        contribution = quotient(weight * level * step, unit * top)
        if level < its_top:
            # Core first; weights are in 1/unit and levels in 1/top throughout, so comparing gains as
            # integers ranks them exactly, across scales too.
            priority = (group is not None, -weight * (its_top - level) * step, order,
                        {**_priority(facts, entry, weight, level, tag), "extras": group})
    row = {
        "extras": group, "outcomes": item["outcomes"],
        "id": item["id"], "title": item["title"], "section": section["id"], "weight": quotient(weight, unit),
        "scale": scale["id"], "scale_name": scale["name"],
        "level": level, "level_label": facts.label(level, scale), "max": its_top, "contribution": contribution,
        "included": status == "scored", "status": status, "model_tag": tag,
        "reason": facts.reasons[status] if tag is None or status == "not-asked" else (
            f"{facts.reasons[status]}; {tag}"),
        "note": doc["answers"].get(item["id"], {}).get("note", ""),
        # Why it does not apply, as the person wrote it ("" for any other answer, or a file from before reasons).
        "na_reason": doc["answers"].get(item["id"], {}).get("na_reason", "") if status == "na" else "",
        # Listed beside the answer, never scored (evidence.py).
        **item_evidence(definition, doc, item["id"], scale, level, status == "scored"),
    }
    gap = None
    if status == "unknown":
        gap = {"id": item["id"], "title": item["title"], "section": section["id"],
               "guidance_url": item["guidance_url"]}
    return ItemPart(row, priority, gap)


def score_maturity(facts: Facts, doc: dict[str, Any]) -> dict[str, Any]:
    """Section and overall percents, confidence, priorities and evidence gaps for a valid document."""
    definition = facts.definition
    tallied = tally_maturity(facts, doc)
    challenged = open_challenges(doc)
    banded = tally_maturity(facts, band_reading(doc, challenged)) if challenged else tallied
    parts = _items(facts, doc, tallied)
    working = [{**part.row} for part in parts]  # copies: add_words adds to each row
    mark_rows(doc, working, facts.lang)
    priorities = [part.priority for part in parts if part.priority is not None]
    gaps = [{**part.gap} for part in parts if part.gap is not None]
    # Open challenges first (the toolkit's own rule), then the biggest gains.
    ranked = [{"rank": rank, **entry, "challenged": entry["id"] in challenged} for rank, (_, _, _, entry) in
              enumerate(sorted(priorities, key=lambda p: (p[0], p[3]["id"] not in challenged, p[1], p[2])), start=1)]
    overall, result, scales = tallied.overall, header(definition, doc), band_scales(facts)
    percent = overall.percent()
    open_in = {extras_of(entry.section, entry.optional) for entry in facts.entries if entry.item["id"] in challenged}
    headline = {"percent": percent, "confidence": overall.confidence(), **overall.counts(),
                **earned(facts, (overall, tallied.outcomes), (banded.overall, banded.outcomes), scales[None],
                         None in open_in)}
    result.update({
        "overall": headline,
        # The bands beside the headline, with their thresholds (the page shows it; issue 31).
        "band_legend": legend(definition, scales[None], headline),
        # Every answer's evidence, optional sections too: kept out of "overall", which counts the core alone.
        "evidence": profile(definition, working, facts.lang),
        "band_rules": rules_words(definition, list({s["id"]: s for s in scales.values()}.values())),
        "na_notice": reason_notice(definition, doc, facts.lang),
        "extras": _extras(facts, tallied, banded, scales, open_in),
        "sections": [{"id": s["id"], "title": s["title"], "percent": tallied.sections[s["id"]].percent(),
                      "confidence": tallied.sections[s["id"]].confidence(), "optional": s["optional"],
                      **tallied.sections[s["id"]].counts()} for s in definition["sections"]],
        "priorities": ranked,
        "evidence_gaps": gaps,
        "working": {"max_level": facts.definition["scale"]["levels"][-1]["value"], "rule": scoring_rule(facts),
                    "points": facts.weight(overall.points),
                    "possible": facts.weight(overall.possible), "percent": percent, "items": working},
        "plan": plan_rows(facts, doc, ranked),
        "review": review_block(doc, working, facts.lang),
    })
    return result


def band_scales(facts: Facts) -> dict[str | None, dict[str, Any]]:
    """The scale each part's band is read on, by extras group (None: the core): its items' scale, or the
    assessment's where a part mixes scales (bands are named after one scale's levels)."""
    found: dict[str | None, set[str]] = {}
    for section, _, _, optional, scale, _ in facts.entries:
        found.setdefault(extras_of(section, optional), set()).add(scale["id"])
    scales = {**(facts.definition.get("scales") or {}), facts.definition["scale"]["id"]: facts.definition["scale"]}
    own = facts.definition["scale"]
    return {None: own, **{group: scales[ids.pop()] if len(ids) == 1 else own for group, ids in found.items()}}


def _extras(facts: Facts, tallied: Tallied, banded: Tallied, scales: dict[str | None, dict[str, Any]],
            open_in: set[str | None]) -> list[dict[str, Any]]:
    """Each extras group's own percent, confidence and earned band (read from ``banded``), in form order."""
    rows = []
    for section in facts.definition["sections"]:
        group = extras_of(section, True)
        assert group is not None
        if group not in tallied.extras:
            continue
        tally, outcomes = tallied.extras[group]
        title = section["title"] if section["optional"] else (
            section["extras_title"] or text(facts.lang, "core.optional-items", title=section["title"]))
        rows.append({"id": group, "title": title, "section": section["id"], "percent": tally.percent(),
                     "confidence": tally.confidence(), **tally.counts(),
                     **earned(facts, (tally, outcomes), banded.extras[group], scales[group], group in open_in)})
    return rows


def scoring_rule(facts: Facts) -> str:
    """How an item's points are worked out, naming each scale the items are asked on, for "how this was scored"."""
    scales = list({entry.scale["id"]: entry.scale for entry in facts.entries}.values()) or [
        facts.definition["scale"]]
    if len(scales) == 1:
        return text(facts.lang, "core.rule-one-scale", top=scales[0]["levels"][-1]["value"])
    tops = "; ".join(text(facts.lang, "core.rule-scale-top", scale=scale["name"], top=scale["levels"][-1]["value"])
                     for scale in scales)
    return text(facts.lang, "core.rule-scales", tops=tops)


def _on(facts: Facts, scale: dict[str, Any]) -> str:
    """Where an assessment mixes scales, which one a level is on: " on the coverage scale"."""
    if len(facts.scale_labels) == 1:
        return ""
    return text(facts.lang, "core.on-scale", scale=scale_word(scale["name"]))


def _priority(facts: Facts, entry: Entry, weight: int, level: int, tag: str | None) -> dict[str, Any]:
    """A priority entry (without its rank) for an item scored below the top level of its scale."""
    section, item, _, _, scale, step = entry
    unit, top = facts.unit, facts.top // step
    label = scale["levels"][level]["label"]
    return {
        "id": item["id"], "title": item["title"], "topic": item["topic"], "section": section["id"], "level": level,
        "level_label": label, "max": top, "weight": quotient(weight, unit), "gap": top - level,
        "scale": scale["id"], "scale_name": scale["name"],
        "score": quotient(weight * (top - level), unit), "guidance_url": item["guidance_url"],
        "model_tag": tag,
        "reason": text(facts.lang, "core.priority-reason", label=label, level=level, top=top, on=_on(facts, scale),
                       weight=quotient(weight, unit), counts=_weight_phrase(weight, unit, facts.lang),
                       tag=f"; {tag}" if tag else ""),
        "target": level_info(scale, level + 1),
        "next_steps": item["next_steps"],
    }
