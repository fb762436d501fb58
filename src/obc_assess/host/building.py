"""Builds the self-contained JSON definition of an assessment from the loaded YAML data (host only): all the form
and the scorer need, no YAML; the browser is given the JSON this returns."""

from __future__ import annotations

import re
from typing import Any

from obc_assess.core.bands import FIGURES
from obc_assess.core.definition import FORMAT, FORMAT_VERSION, JSON, field_id
from obc_assess.core.tailor import model_tag, note_text
from obc_assess.core.typed_text import LIMITS
from obc_assess.host.loader import Data, GuidanceEntry, guidance_index, page_url


def build(data: Data, assessment_id: str) -> dict[str, Any]:
    """The definition of one assessment; KeyError names an unknown id."""
    doc = data.assessments[assessment_id]
    index = guidance_index(data)
    source = next(s for s in data.sources if s["id"] == doc["source"])
    by_id = {s["id"]: s for s in data.scales["scales"]}
    # An item is asked on its own scale, else its section's, else the assessment's (coverage for what a
    # document says, maturity for a practice: issue 10 point 4).
    used = [doc["scale"]] + [item.get("scale", section.get("scale", doc["scale"]))
                             for section in doc["sections"] for item in section["items"]]
    figures = {key: data.scales["band_rules"][key] for key in FIGURES}
    scales = {sid: _scale(by_id[sid], figures) for sid in dict.fromkeys(used)}
    scope = doc.get("scope")
    scope_ids = [o["id"] for o in scope["options"]] if scope else []
    model_ids = [m["id"] for m in data.models]
    sections = [{
        "id": section["id"], "title": section["title"], "intro": section.get("intro"),
        "optional": section.get("optional", False),
        "extras_title": section.get("extras_title"),
        # Why not applicable is not offered for the section's core items (the source expects them of everyone).
        "na_why": section.get("na_why"),
        "items": [{**_item(item, index, doc["section"], model_ids, scope_ids, doc.get("asks_model", True),
                          data.lang),
                   "scale": item.get("scale", section.get("scale", doc["scale"])),
                   "na": _na(by_id[item.get("scale", section.get("scale", doc["scale"]))], section, item)}
                  for item in section["items"]],
    } for section in doc["sections"]]
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        # The language of every word in here (quotations apart) and of every result made from it.
        "lang": data.lang,
        "id": doc["id"], "version": doc["version"], "title": doc["title"], "kind": doc["kind"],
        "summary": doc["summary"],
        # Every assessment's title by id, so a file for another one is named in words, not by its id.
        "assessment_titles": {aid: other["title"] for aid, other in data.assessments.items()},
        "source": {key: source[key] for key in ("id", "title", "short", "publisher", "date")},
        "section": doc["section"], "guidance_url": page_url(doc["guidance"]),
        "asks_model": doc.get("asks_model", True),
        "models": [{"id": m["id"], "name": m["name"]} for m in data.models],
        "scope": None if scope is None else {
            "question": scope["question"],
            "options": [{"id": o["id"], "label": o["label"]} for o in scope["options"]]},
        # The assessment's own scale, and every scale its items are asked on (the same one, most often).
        "scale": scales[doc["scale"]],
        "scales": scales,
        # Each scale's bands are in "scales"; the rules' words name band_rules' figures, filled in here.
        "band_rules": {**figures, "rules": [{"text": _figures(rule["text"], figures), "after": rule.get("after")}
                                            for rule in data.scales["band_rules"]["rules"]]},
        "weights_note": doc.get("weights_note"),
        "changes": doc.get("changes", []),
        "matrix": _matrix(doc),
        "classification": _classification(doc, index),
        "sections": sections,
        "evidence": data.evidence,
        # How long each typed text may be, and the bounds on rows, evidence entries and file size, as the
        # validator checks them: the form's maxlength attributes and the browser modules read these.
        "limits": dict(LIMITS),
    }


def build_all(data: Data) -> dict[str, dict[str, Any]]:
    """Every assessment's definition by id, in the data's (file name) order."""
    return {aid: build(data, aid) for aid in data.assessments}


def _na(scale: dict[str, Any], section: dict[str, Any], item: dict[str, Any]) -> bool:
    """Whether an item may be marked not applicable: its scale allows it, and neither it nor (for a core item) its
    section says the source expects it of every authority."""
    core = not (item.get("optional") or section.get("optional"))
    return bool(scale["na"]) and item.get("na", section.get("na", True) if core else True) is not False


def _note(note: dict[str, Any], weight: int | float, lang: str) -> dict[str, JSON]:
    full = {"models": note["models"], "label": note["label"], "weight": note.get("weight"),
            "quote": note["quote"], "cite": note["cite"]}
    return {**full, "text": note_text(full, weight, lang)}


def _figures(words: str, figures: dict[str, Any]) -> str:
    """A rule's words with band_rules' figures in place of their names ({top_confidence} and so on)."""
    return re.sub(r"\{(\w+)\}", lambda m: _number(figures[m.group(1)]), words)


def _number(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _scale(scale: dict[str, Any], figures: dict[str, Any]) -> dict[str, JSON]:
    bands = [{"id": band["id"], "level": band["level"], "whole": band.get("whole", False),
              "needs_outcomes": band.get("needs_outcomes", False), "label": band["label"],
              "descriptor": band["descriptor"], "rule": _figures(band["rule"], figures)}
             for band in scale.get("bands", [])]
    return {"id": scale["id"], "title": scale["title"], "name": scale["name"],
            "na": scale["na"], "unknown": scale["unknown"], "evidence_from": scale.get("evidence_from"),
            "levels": [{k: level[k] for k in ("value", "label", "descriptor")} for level in scale["levels"]],
            "bands": bands, "split": scale.get("split")}


def _item(item: dict[str, Any], index: dict[str, GuidanceEntry], section: str, model_ids: list[int],
          scope_ids: list[str], asks_model: bool, lang: str) -> dict[str, JSON]:
    entry = index[item["ref"]] if "ref" in item else None
    guide = (entry.item if entry else None) or {}
    return {
        "id": item["id"], "field": field_id(item["id"]),
        # The assessment may reword the guidance item's name or question for a self-assessment.
        "title": item.get("title", guide.get("name")),
        # A numbered item ("Standard 11") named by what it is about, where lists of items would read as numbers.
        "topic": (f"{guide['name']}: {guide['topic']}" if "topic" in guide and "title" not in item
                  else item.get("title", guide.get("name"))),
        "quote": guide.get("quote"),
        "quote_label": entry.quote_label if entry else None,
        "question": item.get("question", guide.get("question")),
        # The guidance item's question is quoted from an English source: a Welsh page marks it lang="en".
        "question_quoted": "question" not in item,
        "weight": item.get("weight", 1),
        "models": item.get("models", model_ids),
        "model_tag": model_tag(asks_model, model_ids, item.get("models", model_ids), lang),
        "model_notes": [_note(note, item.get("weight", 1), lang) for note in item.get("model_notes", [])],
        "scopes": item.get("scopes", scope_ids),
        "optional": item.get("optional", False),
        "outcomes": item.get("outcomes", False),
        "explanation": item.get("explanation"),
        "na_why": item.get("na_why"),
        "next_steps": item.get("next_steps", []),
        "parent": item.get("parent"),
        "guidance_url": entry.url if entry else None,
        "source_section": entry.section if entry else section,
    }


def _matrix(doc: dict[str, Any]) -> dict[str, JSON] | None:
    matrix = doc.get("matrix")
    if matrix is None:
        return None
    return {"row_label": matrix["row_label"], "row_hint": matrix["row_hint"],
            "examples": matrix.get("examples", []), "rank_from": matrix.get("rank_from", 0),
            "flag": matrix.get("flag")}


def _classification(doc: dict[str, Any], index: dict[str, GuidanceEntry]) -> dict[str, JSON] | None:
    block = doc.get("classification")
    if block is None:
        return None
    classes = []
    for cls in block["classes"]:
        entry = index[cls["ref"]]
        classes.append({"id": cls["id"], "label": cls["label"], "outcome": cls["outcome"],
                        "definition": (entry.item or {}).get("quote"), "guidance_url": entry.url})
    return {"row_label": block["row_label"], "row_hint": block["row_hint"], "classes": classes,
            "flag_outcome_share_below": block["flag_outcome_share_below"],
            "flag_message": block["flag_message"]}
