"""The form's field names (the one scheme: ``item:<id>``, ``note:<id>``, ``na-reason:<id>``, ``plan-<key>:<id>``,
``evidence:<id>:<n>:<part>``, ``row:<n>:<part>``) and the field a problem at a JSON path belongs to, so
validation links each problem to its field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from obc_assess.core.definition import answer_keys
from obc_assess.core.definition import field_id as item_name
from obc_assess.core.evidence import KEYS as EVIDENCE_KEYS
from obc_assess.core.plan import KEYS

ASSESSMENT_DATE = "assessment-date"
# Why an item is not applicable: na-reason:<id>, beside the "not applicable" radio (issue 30).
NA_REASON = "na-reason"
# A plan key's field: carried_from rides in plan-carried:<id>; the others are plan-<key>:<id>.
_PLAN_FIELD = {"carried_from": "carried"}


@dataclass(frozen=True)
class Places:
    """Where the document's numbered things are on the form, which may skip numbers after a Remove: the form row
    behind each document row, and per item the form entry behind each of its document evidence entries; and
    every row and entry number on the form, blank ones too, for the numbers the page shows (1, 2, ...)."""

    rows: list[int] = field(default_factory=list)
    evidence: dict[str, list[int]] = field(default_factory=dict)
    form_rows: list[int] = field(default_factory=list)
    form_evidence: dict[str, list[int]] = field(default_factory=dict)


def _place(numbers: list[int], index: int) -> int:
    # A document read from a file (not the form) numbers as the form will after to_form: 0, 1, ...
    return numbers[index] if index < len(numbers) else index


def part_name(part: str, item_id: str) -> str:
    """The name of an item's note (``note``) or plan field (``plan-action``, ``plan-due``, ...)."""
    return f"{part}:{item_id}"


def row_name(n: int | str, part: str) -> str:
    """The name of a row's field: ``name``, ``note``, ``class`` or ``level:<criterion>``."""
    return f"row:{n}:{part}"


def plan_field(key: str, item_id: str) -> str:
    """The name of a plan entry's field: ``plan-action:<id>``, ..., ``plan-carried:<id>``."""
    return part_name(f"plan-{_PLAN_FIELD.get(key, key)}", item_id)


def evidence_name(item_id: str, n: int | str, part: str) -> str:
    """The name of an evidence entry's field: ``what``, ``kind``, ``strength`` or ``review-by``."""
    return f"evidence:{item_id}:{n}:{part}"


def _evidence_field(parts: list[str], places: Places) -> str:
    """An evidence problem's field: the entry's own field; the entry or the list as a whole, its first field.
    Document entry k is the form entry ``places.evidence[<id>][k]`` (blank entries and removed ones leave gaps)."""
    item_id = parts[0]
    numbers = places.evidence.get(item_id, [])
    k = int(parts[1][1:-1]) if len(parts) > 1 and parts[1].startswith("[") else 0
    n = _place(numbers, k)
    key = parts[2] if len(parts) > 2 and parts[2] in EVIDENCE_KEYS else "what"
    return evidence_name(item_id, n, key.replace("_", "-"))


def field_for(definition: dict[str, Any], path: str, places: Places | None = None) -> str | None:
    """The id of the form element a problem at ``path`` belongs to, for the error summary's links; ``places``
    from form.from_form when the document came from the form (none: a file, numbered as to_form numbers)."""
    places = places or Places()
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
        return plan_field(key, parts[1])
    if parts[:1] == ["evidence"] and len(parts) > 1 and parts[1] in known:
        return _evidence_field(parts[1:], places)
    if parts[:1] != ["answers"] or len(parts) < 2:
        return None
    if parts[1] in ("areas", "measures") and len(parts) > 2 and parts[2].startswith("["):
        index = int(parts[2][1:-1])
        n = _place(places.rows, index)
        rest = parts[3:]
        if rest[:1] == ["levels"] and len(rest) > 1:
            return row_name(n, f"level:{rest[1]}")
        return row_name(n, rest[0]) if rest else f"row:{n}"
    if parts[1] not in known:
        return None
    if parts[2:3] in (["note"], ["na_reason"]):
        return part_name(NA_REASON if parts[2] == "na_reason" else "note", parts[1])
    return item_name(parts[1])
