"""The self-contained JSON definition of an assessment, as the form and the scorer read it (building.py makes it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from obc_assess.core.languages import lang_of

FORMAT = "obc-assess/definition"
FORMAT_VERSION = 1

JSON = Any


def field_id(item_id: str) -> str:
    """The name (and fieldset id) of an item's answer in the form: ``item:<id>``. Ids never hold a colon, so no
    id can make another field's name (obc_assess.core.form has the whole scheme)."""
    return f"item:{item_id}"


def items(definition: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Every (section, item) of a definition, in form order."""
    for section in definition["sections"]:
        for item in section["items"]:
            yield section, item


def scale_of(definition: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    """The answer scale an item is asked on: its own (definition["scales"]), else the assessment's."""
    scales: dict[str, dict[str, Any]] = definition.get("scales") or {}
    scale: dict[str, Any] = scales.get(item.get("scale", ""), definition["scale"])
    return scale


def answer_keys(definition: dict[str, Any]) -> list[str]:
    """The item ids, in form order: a maturity document's answer keys, a matrix row's criterion keys."""
    return [item["id"] for _, item in items(definition)]


def assessment_block(definition: dict[str, Any]) -> dict[str, Any]:
    """The assessment a result is for, as every result names it: id, version, title, kind and its language."""
    return {**{key: definition[key] for key in ("id", "version", "title", "kind")},
            "lang": lang_of(definition)}
