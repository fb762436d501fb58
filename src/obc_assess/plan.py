"""The optional action plan in a responses document: what to do about an item, who owns it, by when, to what level.

``"plan": {"<item id>": {"action": "...", "owner": "...", "due": "YYYY-MM-DD" | "", "target": 0..max | null}}``,
for maturity assessments only. Inside an entry a missing key means "" or null; an entry with nothing in it is
ignored, like a blank row. The plan is never scored: the result lists it, in priority order, to act on.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from obc_assess.checks import Checker, quote
from obc_assess.definition import items, scale_of

MAX_ACTION = 1000
MAX_OWNER = 200
KEYS = ("action", "owner", "due", "target")
EXAMPLE = '{"action": "", "owner": "", "due": "", "target": null}'
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
    """A plan entry with no action, owner, due date or target: ignored."""
    return (not str(entry.get("action", "")).strip() and not str(entry.get("owner", "")).strip()
            and not str(entry.get("due", "")).strip() and entry.get("target") is None)


def check_plan(check: Checker, definition: dict[str, Any], plan: object) -> None:
    """Report every problem with a document's ``plan`` (any JSON value; never raises)."""
    if definition["kind"] != "maturity":
        if plan != {}:
            check.add("plan", "only maturity assessments have an action plan; remove it")
        return
    if not isinstance(plan, dict):
        check.add("plan", f'must be an object with one entry per item, like {{"item-id": {EXAMPLE}}}')
        return
    known = {item["id"]: item for _, item in items(definition)}
    for key, entry in plan.items():
        path = check.key("plan", key)
        if key not in known:
            check.add(path, f"not an item of {definition['id']}; remove it")
            continue
        if not isinstance(entry, dict):
            check.add(path, f"must be an object like {EXAMPLE}")
            continue
        check.unknown_keys(path, entry, KEYS, f"unknown key; use only {', '.join(map(quote, KEYS[:-1]))} "
                                              f"and {quote(KEYS[-1])}")
        check.text(f"{path}.action", entry.get("action", ""), MAX_ACTION)
        check.text(f"{path}.owner", entry.get("owner", ""), MAX_OWNER)
        due = entry.get("due", "")
        if not isinstance(due, str):
            check.add(f"{path}.due", f'must be a date in quotes, like "2025-03-31", or ""; not {check.kind(due)}')
        elif due and not is_date(due):
            check.add(f"{path}.due", f'{quote(due)} is not a date; write a real date as year-month-day, '
                                     'like "2025-03-31", or use ""')
        target = entry.get("target")
        levels = [level["value"] for level in scale_of(definition, known[key])["levels"]]
        if target is not None and (type(target) is not int or target not in levels):
            check.add(f"{path}.target", f"must be a level on the scale: {check.choices(levels, None)}")
