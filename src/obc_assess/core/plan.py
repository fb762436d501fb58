"""The optional action plan in a responses document: what to do about an item, who owns it, by when, to what level.

``"plan": {"<item id>": {"action": "...", "owner": "...", "due": "YYYY-MM-DD" | "", "target": 0..max | null,
"status": "<status id>" | "", "review": "...", "carried_from": "YYYY-MM-DD" | ""}}``, for maturity assessments
only; status, review and carried_from came with format 3 (statuses: data/evidence.yaml). Inside an entry a missing
key means "" or null ("" status: not started); an entry with nothing in it (or only "not started") is ignored,
like a blank row. The plan is never scored: the result lists it, in priority order, to act on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.checks import Checker, quote
from obc_assess.core.definition import items, scale_of
from obc_assess.core.typed_text import MAX_ACTION, MAX_OWNER, MAX_REVIEW

# Format 3 added status, review and carried_from (format 1 and 2 files have only the first four).
KEYS = ("action", "owner", "due", "target", "status", "review", "carried_from")
OLD_KEYS = KEYS[:4]
NEW_KEYS = KEYS[4:]
EXAMPLE = '{"action": "", "owner": "", "due": "", "target": null}'
NOT_STARTED = "not-started"
# ASCII digits only: \d would also match other scripts' digits, which int() reads but a date input never writes.
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


def is_date(text: str) -> bool:
    """Whether text is a real calendar date written YYYY-MM-DD (so 2025-02-30 is not)."""
    match = _DATE.match(text)
    if match is None:
        return False
    try:
        date(*(int(part) for part in match.groups()))
    except ValueError:
        return False
    return True


def entry_is_blank(entry: dict[str, Any]) -> bool:
    """A plan entry with no action, owner, due date, target or review note, and not begun: ignored (a carried_from
    date alone says nothing to act on)."""
    return (not str(entry.get("action", "")).strip() and not str(entry.get("owner", "")).strip()
            and not str(entry.get("due", "")).strip() and entry.get("target") is None
            and not str(entry.get("review", "")).strip() and status_of_entry(entry) == NOT_STARTED)


def status_of_entry(entry: dict[str, Any]) -> str:
    """A valid entry's status: "not-started" when it has none (a format 1 or 2 file, or "")."""
    return str(entry.get("status") or NOT_STARTED)


def statuses(definition: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The action statuses by id, in order: ``{"id", "label", "open"}`` (data/evidence.yaml)."""
    return {status["id"]: status for status in definition["evidence"]["statuses"]}


def _date_check(check: Checker, path: str, value: object, key: str) -> None:
    """A date that may be "": ``due`` or ``carried_from``."""
    if not isinstance(value, str):
        check.say(path, "due-not-text", kind=check.kind(value, check.lang))
    elif value and not is_date(value):
        check.say(path, key, shown=quote(value))


def maturity_mapping(check: Checker, definition: dict[str, Any], part: str, value: object, example: str,
                     not_maturity: str) -> dict[str, Any] | None:
    """A document's ``plan`` or ``evidence`` as a mapping to check item by item, or None once it has said why not
    (it is maturity's alone: another kind's must be empty, the ``not_maturity`` message)."""
    if definition["kind"] != "maturity":
        if value != {}:
            check.say(part, not_maturity)
        return None
    if not isinstance(value, dict):
        check.say(part, "one-entry-per-item", example=f'{{"item-id": {example}}}')
        return None
    return value


def item_entries(check: Checker, definition: dict[str, Any], part: str, mapping: dict[str, Any],
                 example: str) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Each ``(path, item, entry)`` of a mapping keyed by item id (answers, plan), the entry an object; a key
    that is no item, or an entry that is no object, is said instead."""
    known = {item["id"]: item for _, item in items(definition)}
    for key, entry in mapping.items():
        path = check.key(part, key)
        if key not in known:
            check.say(path, "not-an-item", id=definition["id"])
        elif not isinstance(entry, dict):
            check.say(path, "object-like", example=example)
        else:
            yield path, known[key], entry


def check_plan(check: Checker, definition: dict[str, Any], plan: object, version: int = 3) -> None:
    """Report every problem with a document's ``plan`` (any JSON value; never raises); ``version`` is the file's
    format (status, review and carried_from are format 3's)."""
    entries = maturity_mapping(check, definition, "plan", plan, EXAMPLE, "plan-not-maturity")
    if entries is None:
        return
    keys = KEYS if version >= 3 else OLD_KEYS
    unknown = check.words("unknown-key", keys=text(check.lang, "core.and", first=", ".join(map(quote, keys[:-1])),
                                                   last=quote(keys[-1])))
    for path, item, entry in item_entries(check, definition, "plan", entries, EXAMPLE):
        for name in entry:
            if name in NEW_KEYS and name not in keys:
                check.say(check.key(path, name), "new-in-format-3", version=version)
        check.unknown_keys(path, entry, KEYS, unknown)
        check.text(f"{path}.action", entry.get("action", ""), MAX_ACTION)
        check.text(f"{path}.owner", entry.get("owner", ""), MAX_OWNER)
        _date_check(check, f"{path}.due", entry.get("due", ""), "due-not-a-date")
        if version >= 3:
            status = entry.get("status", "")
            known_statuses = list(statuses(definition))
            if not isinstance(status, str) or (status and status not in known_statuses):
                check.say(f"{path}.status", "plan-status", values=check.choices(known_statuses[:-1],
                                                                                 known_statuses[-1], check.lang))
            check.text(f"{path}.review", entry.get("review", ""), MAX_REVIEW)
            _date_check(check, f"{path}.carried_from", entry.get("carried_from", ""), "carried-not-a-date")
        target = entry.get("target")
        levels = [level["value"] for level in scale_of(definition, item)["levels"]]
        if target is not None and (type(target) is not int or target not in levels):
            check.say(f"{path}.target", "target-level", values=check.choices(levels, None, check.lang))
