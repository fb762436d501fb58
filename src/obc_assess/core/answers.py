"""A maturity answer: its level on the item's own scale, its note, and the reason for a "not applicable" (issue 30).

"Not applicable" is a claim, so from answers format 4 it carries a one-line ``na_reason``; and it is no answer at
all for an item the source expects of every authority (the definition's ``item["na"]`` is false: the 13
commissioning standards, Tool 20's core domains). Files of format 1 to 3 were written before reasons existed:
their N/A answers still read as N/A (so last year's file, a team merge and a comparison read as they did), each
one without a reason says so wherever the answer is shown, and a page that loads such a file asks for the reasons
(``reason_notice``). A file for an earlier version of the assessment may hold an N/A the data refuses now; it was
an answer then, and still reads as one (the N/A limit on bands applies to it as to any).
"""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.checks import Checker, describe_levels, quote
from obc_assess.core.definition import items, scale_of
from obc_assess.core.plan import item_entries
from obc_assess.core.typed_text import MAX_NA_REASON, MAX_NOTE

REASONS_FROM = 4  # the answers format that gave N/A its reason
_KEYS = ("level", "note", "na_reason")


def check_answers(check: Checker, definition: dict[str, Any], answers: object, version: int,
                  current: bool) -> None:
    """Every problem with a maturity document's ``answers`` (any JSON value; never raises). ``version`` is the
    file's format; ``current`` whether it was written for this version of the assessment."""
    if not isinstance(answers, dict):
        check.say("answers", "one-entry-per-item", example='{"item-id": {"level": 2, "note": ""}}')
        return
    keys = _KEYS if version >= REASONS_FROM else _KEYS[:2]
    listed = text(check.lang, "core.and", first=", ".join(map(quote, keys[:-1])), last=quote(keys[-1]))
    for path, item, answer in item_entries(check, definition, "answers", answers, '{"level": 2, "note": ""}'):
        for name in answer:
            if name == "na_reason" and version < REASONS_FROM:
                check.say(check.key(path, name), "new-in-format-4", version=version)
            elif name not in keys:
                check.say(check.key(path, name), "unknown-key", keys=listed)
        level, scale = answer.get("level"), scale_of(definition, item)
        if level == "na" and scale["na"] and not item["na"] and current:
            check.say(f"{path}.level", "na-refused", values=describe_levels(scale, check.lang, na=False))
        else:
            check.level(f"{path}.level", level, scale)
        check.text(f"{path}.note", answer.get("note", ""), MAX_NOTE)
        if version < REASONS_FROM:
            continue
        reason = answer.get("na_reason", "")
        check.text(f"{path}.na_reason", reason, MAX_NA_REASON)
        if isinstance(reason, str) and level == "na" and not reason.strip():
            check.say(f"{path}.na_reason", "na-reason-missing")
        elif isinstance(reason, str) and level != "na" and reason.strip():
            check.say(f"{path}.na_reason", "na-reason-not-na")


def unexplained(definition: dict[str, Any], doc: dict[str, Any]) -> list[str]:
    """The titles of the items a valid document marks N/A with no reason (only a file older than format 4 can)."""
    answers = doc["answers"]
    return [str(item["title"]) for _, item in items(definition)
            if answers.get(item["id"], {}).get("level") == "na"
            and not str(answers[item["id"]].get("na_reason", "")).strip()]


def reason_notice(definition: dict[str, Any], doc: dict[str, Any], lang: str) -> str | None:
    """What a person is told about a file's N/A answers with no reason (None when each has one)."""
    missing = unexplained(definition, doc) if definition["kind"] == "maturity" else []
    if not missing:
        return None
    return text(lang, "core.na-reasons-missing", count=len(missing), items="; ".join(missing))


def clear_refused(definition: dict[str, Any], doc: dict[str, Any], lang: str) -> str | None:
    """A valid document read into the form loses each N/A the data refuses now (the form offers no such answer):
    those answers become unanswered, in place; what the person is told (None when there are none)."""
    if definition["kind"] != "maturity":
        return None
    refused = [item for _, item in items(definition)
               if not item["na"] and doc["answers"].get(item["id"], {}).get("level") == "na"]
    for item in refused:
        doc["answers"][item["id"]] = {**doc["answers"][item["id"]], "level": None, "na_reason": ""}
    if not refused:
        return None
    return text(lang, "core.na-refused-cleared", items="; ".join(str(item["title"]) for item in refused))
