"""Test helper: a definition with chosen weights, and a responses document with chosen levels."""

from __future__ import annotations

import copy
from typing import Any

from obc_assess.core.responses import FORMAT


def weighted(base: dict[str, Any], levels: dict[str, object], weights: dict[str, float], model: int | None,
             scope: str | None = None, role: str = "") -> tuple[dict[str, Any], dict[str, Any]]:
    """A copy of ``base`` with every item's weight from ``weights``, and a document answering it with ``levels``."""
    definition = copy.deepcopy(base)
    for section in definition["sections"]:
        for item in section["items"]:
            item["weight"] = weights[item["id"]]
    doc = {"format": FORMAT, "format_version": 1, "assessment": definition["id"], "assessment_version": "1.0",
           "context": {"model": model, "scope": scope}, "respondent": {"name": "", "role": role},
           "answers": {key: {"level": level, "note": ""} for key, level in levels.items()}}
    return definition, doc
