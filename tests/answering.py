"""Test helper: answers as a person gives them, on each item's own scale, "not applicable" only where the item
allows it and always with its one-line reason (issue 30)."""

from __future__ import annotations

from typing import Any

from obc_assess.core.definition import scale_of

REASON = "We do not commission this service."


def answer(level: object, note: str = "") -> dict[str, Any]:
    """An item's answer: N/A carries its reason."""
    return {"level": level, "note": note, **({"na_reason": REASON} if level == "na" else {})}


def choices(definition: dict[str, Any], item: dict[str, Any]) -> list[object]:
    """Every answer the item accepts: its scale's levels, don't know, unanswered, and N/A where it may be."""
    scale = scale_of(definition, item)
    return [level["value"] for level in scale["levels"]] + ["unknown", None] + (["na"] if item["na"] else [])
