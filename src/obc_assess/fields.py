"""The form's field names (the one scheme: ``item:<id>``, ``note:<id>``, ``plan-<key>:<id>``, ``row:<n>:<part>``)
and the field a problem at a JSON path belongs to, so validation links each problem to its field."""

from __future__ import annotations

import re
from typing import Any

from obc_assess.definition import answer_keys
from obc_assess.definition import field_id as item_name
from obc_assess.plan import KEYS

ASSESSMENT_DATE = "assessment-date"


def part_name(part: str, item_id: str) -> str:
    """The name of an item's note (``note``) or plan field (``plan-action``, ``plan-due``, ...)."""
    return f"{part}:{item_id}"


def row_name(n: int | str, part: str) -> str:
    """The name of a row's field: ``name``, ``note``, ``class`` or ``level:<criterion>``."""
    return f"row:{n}:{part}"


def field_for(definition: dict[str, Any], path: str, rows: list[int]) -> str | None:
    """The id of the form element a problem at ``path`` belongs to, for the error summary's links."""
    known = set(answer_keys(definition))
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    if parts[:1] == ["context"] and len(parts) > 1:
        return f"context-{parts[1]}"
    if parts[:1] == ["assessment_date"]:
        return ASSESSMENT_DATE
    if parts[:1] == ["respondent"] and len(parts) > 1:
        return f"respondent-{parts[1]}"
    if parts[:1] == ["plan"] and len(parts) > 1 and parts[1] in known:
        # A problem with the entry as a whole links to its first field.
        key = parts[2] if len(parts) > 2 and parts[2] in KEYS else "action"
        return part_name(f"plan-{key}", parts[1])
    if parts[:1] != ["answers"] or len(parts) < 2:
        return None
    if parts[1] in ("areas", "measures") and len(parts) > 2 and parts[2].startswith("["):
        index = int(parts[2][1:-1])
        n = rows[index] if index < len(rows) else index
        rest = parts[3:]
        if rest[:1] == ["levels"] and len(rest) > 1:
            return row_name(n, f"level:{rest[1]}")
        return row_name(n, rest[0]) if rest else f"row:{n}"
    if parts[1] not in known:
        return None
    return part_name("note", parts[1]) if parts[2:3] == ["note"] else item_name(parts[1])
