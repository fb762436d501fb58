"""The optional action plan in a responses document: what to do about an item, who owns it, by when, to what level.

``"plan": {"<item id>": {"action": "...", "owner": "...", "due": "YYYY-MM-DD" | "", "target": 0..max | null}}``,
for maturity assessments only. Inside an entry a missing key means "" or null; an entry with nothing in it is
ignored, like a blank row. The plan is never scored: the result lists it, in priority order, to act on.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from obc_assess.catalogue import text
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
            check.say("plan", "plan-not-maturity")
        return
    if not isinstance(plan, dict):
        check.say("plan", "one-entry-per-item", example=f'{{"item-id": {EXAMPLE}}}')
        return
    known = {item["id"]: item for _, item in items(definition)}
    for key, entry in plan.items():
        path = check.key("plan", key)
        if key not in known:
            check.say(path, "not-an-item", id=definition["id"])
            continue
        if not isinstance(entry, dict):
            check.say(path, "object-like", example=EXAMPLE)
            continue
        check.unknown_keys(path, entry, KEYS, check.words("unknown-key", keys=text(
            check.lang, "core.and", first=", ".join(map(quote, KEYS[:-1])), last=quote(KEYS[-1]))))
        check.text(f"{path}.action", entry.get("action", ""), MAX_ACTION)
        check.text(f"{path}.owner", entry.get("owner", ""), MAX_OWNER)
        due = entry.get("due", "")
        if not isinstance(due, str):
            check.say(f"{path}.due", "due-not-text", kind=check.kind(due, check.lang))
        elif due and not is_date(due):
            check.say(f"{path}.due", "due-not-a-date", shown=quote(due))
        target = entry.get("target")
        levels = [level["value"] for level in scale_of(definition, known[key])["levels"]]
        if target is not None and (type(target) is not int or target not in levels):
            check.say(f"{path}.target", "target-level", values=check.choices(levels, None, check.lang))
