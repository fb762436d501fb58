"""How the model and scope tailor an assessment: which items are asked, at what weight, and how each is marked.

The one place these rules live (issue 10, "models that tailor, not shrink"):

- "Not decided yet" (model None) asks every item, so it never shows fewer items than a model does; items that
  hold for every model are always asked. Choosing a model leaves out only the items written for other models
  (Tool 20 section 4: the review "will need to take account of which of the three models ... is being
  followed"). The scope works the same way: "Both, or not sure" asks every item.
- An item may carry model notes: for those models it is still asked, marked with the note (Tool 21 sections 5
  and 6 call some points "less crucial" or "less clear" for Model 3, not irrelevant) and, if the note says so,
  counted at the note's weight.
"""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.definition import items
from obc_assess.core.languages import DEFAULT, lang_of


def applies(definition: dict[str, Any], item: dict[str, Any], model: int | None, scope: str | None) -> bool:
    """Whether an item is asked, given the model and scope chosen (None: not decided, or both: every item)."""
    if definition["asks_model"] and model is not None and model not in item["models"]:
        return False
    return definition["scope"] is None or scope is None or scope in item["scopes"]


def note_for(definition: dict[str, Any], item: dict[str, Any], model: int | None) -> dict[str, Any] | None:
    """The item's model note for the chosen model, if it has one (none when not decided or not asked)."""
    if not definition["asks_model"] or model is None:
        return None
    return next((note for note in item["model_notes"] if model in note["models"]), None)


def weight_of(definition: dict[str, Any], item: dict[str, Any], model: int | None) -> int | float:
    """The item's weight as written, for the chosen model: its model note's weight where it has one."""
    note = note_for(definition, item, model)
    weight: int | float = item["weight"] if note is None or note["weight"] is None else note["weight"]
    return weight


def models_text(models: list[int], lang: str = DEFAULT) -> str:
    """ "Model 2", "Models 1 and 2", "Models 1, 2 and 3"."""
    names = [str(m) for m in sorted(models)]
    if len(names) == 1:
        return text(lang, "core.model-one", model=names[0])
    # A whole phrase for each set of the three models: Welsh "a" takes "ac" and the aspirate by what follows it,
    # so no phrase is built round an inserted number.
    return text(lang, f"core.models-{'-'.join(names)}")


def model_tag(asks_model: bool, every: list[int], models: list[int], lang: str = DEFAULT) -> str | None:
    """How the form and results mark an item written for some models only: "for Model 2 only"."""
    if not asks_model or set(every) <= set(models):
        return None
    return text(lang, "core.model-tag", models=models_text(models, lang))


def note_text(note: dict[str, Any], weight: int | float, lang: str = DEFAULT) -> str:
    """The sentence the form shows under a noted item: the source's words, and what the note does to the score."""
    counts = "" if note["weight"] is None or note["weight"] == weight else text(
        lang, "core.note-weight", models=models_text(note["models"], lang), weight=note["weight"], usual=weight)
    return f"{note['cite']}: “{note['quote']}”{counts}"


def tag_for(definition: dict[str, Any], item: dict[str, Any], model: int | None) -> str | None:
    """How results mark an item for the chosen model: the model note's label, or the item's model tag."""
    note = note_for(definition, item, model)
    if note is not None:
        return str(note["label"])
    if model is None and definition["asks_model"] and item["model_notes"]:
        return "; ".join([*([item["model_tag"]] if item["model_tag"] else []),
                          *(note["label"] for note in item["model_notes"])])
    tag: str | None = item["model_tag"]
    return tag


def _noted(note: dict[str, Any], weight: int | float, lang: str) -> str:
    if note["weight"] is None or note["weight"] == weight:
        return text(lang, "core.noted-same", label=note["label"])
    return text(lang, "core.noted-weight", label=note["label"], weight=note["weight"], usual=weight)


def asked_ids(definition: dict[str, Any], model: int | None, scope: str | None = None) -> list[str]:
    """The ids of the items asked for a model and scope, in form order."""
    return [item["id"] for section in definition["sections"] for item in section["items"]
            if applies(definition, item, model, scope)]


def effects(definition: dict[str, Any]) -> dict[str, Any]:
    """What an assessment does with the model, worked out from its items, in the definition's language: for the
    models page and the form.

    ``{"asks": bool, "counts": {"none" | model id: items asked}, "summary": one sentence, "hint": the form's,
    "models": [{"id", "only": [item titles], "noted": [title with its mark and weight]}]}``."""
    lang = lang_of(definition)
    every = [m["id"] for m in definition["models"]]
    all_items = [item for _, item in items(definition)]
    rows = [{"id": m, "only": [i["title"] for i in all_items if i["model_tag"] and m in i["models"]],
             "noted": [f"{i['title']} ({_noted(n, i['weight'], lang)})"
                       for i in all_items for n in i["model_notes"] if m in n["models"]]}
            for m in every]
    counts: dict[str, int] = {"none": len(all_items)}
    counts.update({str(m): len(asked_ids(definition, m)) for m in every})
    asks = bool(definition["asks_model"])
    hint = _hint(rows, lang)
    if not asks:
        summary = text(lang, "core.effects-not-asked")
    elif not any(row["only"] or row["noted"] for row in rows):
        summary = text(lang, "core.effects-no-change")
    else:
        parts = [text(lang, "core.effects-asks")]
        if any(row["only"] for row in rows):
            parts.append(text(lang, "core.effects-only"))
        if any(row["noted"] for row in rows):
            parts.append(text(lang, "core.effects-noted"))
        summary = text(lang, "core.effects-summary", parts="; ".join(parts), count=len(all_items))
    return {"asks": asks, "counts": counts, "summary": summary, "hint": hint, "models": rows}


def _hint(rows: list[dict[str, Any]], lang: str) -> str:
    """What the form says under the model question."""
    if not any(row["only"] or row["noted"] for row in rows):
        return text(lang, "core.hint-no-change")
    hint = text(lang, "core.hint-only" if any(row["only"] for row in rows) else "core.hint-every")
    if any(row["noted"] for row in rows):
        hint += " " + text(lang, "core.hint-noted")
    return hint
