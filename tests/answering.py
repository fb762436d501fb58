"""Test helper: answers as a person gives them, on each item's own scale, "not applicable" only where the item
allows it and always with its one-line reason (issue 30)."""

from __future__ import annotations

from typing import Any

from obc_assess.core.definition import scale_of
from obc_assess.core.responses import template

REASON = "We do not commission this service."


def answer(level: object, note: str = "") -> dict[str, Any]:
    """An item's answer: N/A carries its reason."""
    return {"level": level, "note": note, **({"na_reason": REASON} if level == "na" else {})}


def choices(definition: dict[str, Any], item: dict[str, Any]) -> list[object]:
    """Every answer the item accepts: its scale's levels, don't know, unanswered, and N/A where it may be."""
    scale = scale_of(definition, item)
    return [level["value"] for level in scale["levels"]] + ["unknown", None] + (["na"] if item["na"] else [])


def core(definition: dict[str, Any], item: dict[str, Any]) -> bool:
    """Whether an item is one of the core (neither it nor its section optional)."""
    section = next(s for s in definition["sections"] if item in s["items"])
    return not (item["optional"] or section["optional"])


def example(definition: dict[str, Any], pattern: str) -> dict[str, Any]:
    """Issue 30's answer patterns over the core items (the optional extras left blank; Model 2 where the model is
    asked): "na" the outcomes items at the top and the rest not applicable; "half-unknown" half the core (never an
    outcomes item) don't know and the rest at the top; "half-zero" that half Not in place; "outcomes-zero" the
    outcomes items Not in place and the rest at the top; "all-partly" every item at level 1."""
    doc = template(definition, 2 if definition["asks_model"] else None)
    asked = [item for section in definition["sections"] for item in section["items"]
             if item["id"] in doc["answers"] and core(definition, item)]
    half = {item["id"] for item in [item for item in asked if not item["outcomes"]][:(len(asked) + 1) // 2]}
    for item in asked:
        top = scale_of(definition, item)["levels"][-1]["value"]
        level = {"na": top if item["outcomes"] else "na", "half-unknown": "unknown" if item["id"] in half else top,
                 "half-zero": 0 if item["id"] in half else top, "outcomes-zero": 0 if item["outcomes"] else top,
                 "all-partly": 1}[pattern]
        doc["answers"][item["id"]] = answer(level)
    return doc
