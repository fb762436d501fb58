"""A second person's review in an answers file (format 5, issue 34): checking the rounds, and each item's state.

``"review": {"rounds": [{"reviewer": "...", "role": "...", "date": "YYYY-MM-DD", "comment": "...",
"items": {"<item id>": {"decision": "agree" | "challenge", "comment": "..."}},
"responses": {"<item id>": {"outcome": "changed" | "kept", "text": "...", "date": "YYYY-MM-DD"}}}]}``

Rounds are the history, oldest first, each dated no earlier than the one before; ``responses`` are the author's
answers to that round's challenges (a challenge needs a comment; keeping an answer needs a response). Decisions
are per item, so maturity assessments alone have them; a review of another kind signs the file off as a whole.
The state an item is in is read from the latest round alone (``item_states``); the rules built on it (an open
challenge counts as not shown for the band, which is then provisional) are the toolkit's own (review_state).
"""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.checks import Checker, quote
from obc_assess.core.definition import items
from obc_assess.core.plan import is_date
from obc_assess.core.typed_text import MAX_NAME, MAX_NOTE

REVIEW_FROM = 5  # the answers format that added the review
ROUND_KEYS = ("reviewer", "role", "date", "comment", "items", "responses")
DECISION_KEYS = ("decision", "comment")
RESPONSE_KEYS = ("outcome", "text", "date")
DECISIONS = ("agree", "challenge")
OUTCOMES = ("changed", "kept")
MAX_ROUNDS = 100  # far more than any file's history; a bound on what one file may make the checker read
EXAMPLE = '{"rounds": []}'
ROUND_EXAMPLE = '{"reviewer": "", "role": "", "date": "2026-03-02", "comment": "", "items": {}, "responses": {}}'
DECISION_EXAMPLE = '{"decision": "agree", "comment": ""}'
RESPONSE_EXAMPLE = '{"outcome": "kept", "text": "", "date": "2026-03-02"}'
# An item's state in the latest round: agreed, challenged and not yet answered (open), challenged and answered
# by a changed answer or by a response, or not reviewed. None on a result: the file has no review.
STATES = ("agreed", "open", "changed", "kept", "not-reviewed")


def _keys(lang: str, keys: tuple[str, ...]) -> str:
    return text(lang, "core.and", first=", ".join(map(quote, keys[:-1])), last=quote(keys[-1]))


def rounds_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """A valid document's review rounds, oldest first ([] for a file with no review, of any format)."""
    review = doc.get("review")
    return list(review.get("rounds", [])) if isinstance(review, dict) else []


def check_review(check: Checker, definition: dict[str, Any], review: object, version: int) -> None:
    """Report every problem with a document's ``review`` (any JSON value; never raises)."""
    if version < REVIEW_FROM:
        check.say("review", "new-in-format-5", version=version)
        return
    if not isinstance(review, dict):
        check.say("review", "object-like", example=EXAMPLE)
        return
    check.unknown_keys("review", review, ("rounds",), check.words("unknown-key", keys=quote("rounds")))
    rounds = review.get("rounds")
    if "rounds" not in review:
        check.say("review.rounds", "missing", name=quote("rounds"), example="[]")
    elif not isinstance(rounds, list):
        check.say("review.rounds", "review-rounds", example=f"[{ROUND_EXAMPLE}]")
    elif len(rounds) > MAX_ROUNDS:
        check.say("review.rounds", "too-many-rounds", count=f"{len(rounds):,}", limit=MAX_ROUNDS)
    else:
        previous = ""
        for n, one in enumerate(rounds):
            previous = _round(check, definition, f"review.rounds[{n}]", one, previous)


def _date(check: Checker, path: str, value: object, missing: str) -> str:
    """A date a review needs (``missing`` says so when it is blank): the date, or "" once it has said what is
    wrong."""
    if not isinstance(value, str):
        check.say(path, "due-not-text", kind=check.kind(value, check.lang))
    elif not value:
        check.say(path, missing)
    elif not is_date(value):
        check.say(path, "review-not-a-date", shown=quote(value))
    else:
        return value
    return ""


def _round(check: Checker, definition: dict[str, Any], path: str, one: object, previous: str) -> str:
    """Check one round; its date when valid (the next round may not be earlier), else the one before's."""
    if not isinstance(one, dict):
        check.say(path, "object-like", example=ROUND_EXAMPLE)
        return previous
    check.unknown_keys(path, one, ROUND_KEYS, check.words("unknown-key", keys=_keys(check.lang, ROUND_KEYS)))
    reviewer = one.get("reviewer", "")
    check.text(f"{path}.reviewer", reviewer, MAX_NAME)
    if isinstance(reviewer, str) and not reviewer.strip():
        check.say(f"{path}.reviewer", "reviewer-missing")
    check.text(f"{path}.role", one.get("role", ""), MAX_NAME)
    when = _date(check, f"{path}.date", one.get("date", ""), "review-date-missing")
    if when and previous and when < previous:
        check.say(f"{path}.date", "review-date-order", previous=quote(previous))
    check.text(f"{path}.comment", one.get("comment", ""), MAX_NOTE)
    challenged = _decisions(check, definition, f"{path}.items", one.get("items", {}))
    _responses(check, f"{path}.responses", one.get("responses", {}), challenged, when)
    return when or previous


def _decisions(check: Checker, definition: dict[str, Any], path: str, decisions: object) -> set[str]:
    """Check a round's decisions; the ids of the items it challenges."""
    if definition["kind"] != "maturity":
        if decisions != {}:
            check.say(path, "review-items-not-maturity")
        return set()
    if not isinstance(decisions, dict):
        check.say(path, "one-entry-per-item", example=f'{{"item-id": {DECISION_EXAMPLE}}}')
        return set()
    known = {item["id"] for _, item in items(definition)}
    challenged = set()
    for key, entry in decisions.items():
        where = check.key(path, key)
        if key not in known:
            check.say(where, "not-an-item", id=definition["id"])
            continue
        if not _entry(check, where, entry, DECISION_EXAMPLE, DECISION_KEYS):
            continue
        decision = entry.get("decision")
        if not isinstance(decision, str) or decision not in DECISIONS:
            check.say(f"{where}.decision", "must-be", values=check.choices(DECISIONS[:-1], DECISIONS[-1],
                                                                            check.lang))
        comment = entry.get("comment", "")
        check.text(f"{where}.comment", comment, MAX_NOTE)
        if decision == "challenge":
            challenged.add(key)
            if isinstance(comment, str) and not comment.strip():
                check.say(f"{where}.comment", "challenge-comment-missing")
    return challenged


def _entry(check: Checker, where: str, entry: object, example: str, keys: tuple[str, ...]) -> bool:
    """Whether an item's entry in a round is an object (said where it is not), its unknown keys named."""
    if not isinstance(entry, dict):
        check.say(where, "object-like", example=example)
        return False
    check.unknown_keys(where, entry, keys, check.words("unknown-key", keys=_keys(check.lang, keys)))
    return True


def _responses(check: Checker, path: str, responses: object, challenged: set[str], when: str) -> None:
    """Check the author's responses to a round's challenges."""
    if not isinstance(responses, dict):
        check.say(path, "one-entry-per-item", example=f'{{"item-id": {RESPONSE_EXAMPLE}}}')
        return
    for key, entry in responses.items():
        where = check.key(path, key)
        if key not in challenged:
            check.say(where, "response-not-challenged")
            continue
        if not _entry(check, where, entry, RESPONSE_EXAMPLE, RESPONSE_KEYS):
            continue
        outcome = entry.get("outcome")
        if not isinstance(outcome, str) or outcome not in OUTCOMES:
            check.say(f"{where}.outcome", "must-be", values=check.choices(OUTCOMES[:-1], OUTCOMES[-1], check.lang))
        said = entry.get("text", "")
        check.text(f"{where}.text", said, MAX_NOTE)
        if outcome == "kept" and isinstance(said, str) and not said.strip():
            check.say(f"{where}.text", "response-text-missing")
        answered = _date(check, f"{where}.date", entry.get("date", ""), "response-date-missing")
        if answered and when and answered < when:
            check.say(f"{where}.date", "response-before-review", date=quote(when))


def item_states(doc: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Each item the latest round decided on: its state (STATES) with the challenge's comment and the author's
    response ({"state", "comment", "outcome", "response", "response_date"})."""
    rounds = rounds_of(doc)
    if not rounds:
        return {}
    last = rounds[-1]
    responses = last.get("responses", {})
    states = {}
    for item_id, decision in last.get("items", {}).items():
        response = responses.get(item_id, {})
        outcome = str(response.get("outcome", ""))
        state = "agreed" if decision["decision"] == "agree" else outcome or "open"
        states[item_id] = {"state": state, "comment": str(decision.get("comment", "")), "outcome": outcome,
                           "response": str(response.get("text", "")), "response_date": str(response.get("date", ""))}
    return states


def open_challenges(doc: dict[str, Any]) -> set[str]:
    """The items challenged in the latest round and not answered by a changed answer or a response."""
    return {item_id for item_id, one in item_states(doc).items() if one["state"] == "open"}


def review_date(doc: dict[str, Any]) -> str:
    """The latest round's date ("" for a file with no review)."""
    rounds = rounds_of(doc)
    return str(rounds[-1].get("date", "")) if rounds else ""
