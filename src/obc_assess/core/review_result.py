"""A result's review state (issue 34): counts, the headline's review line, the challenges, and each item's mark.

The rules are the toolkit's own (``core.review-rule``): the latest round decides; an item challenged there and not
answered by a changed answer or a response is an open challenge: it counts as not shown for the band (as "don't
know" does), the band is provisional while any is open, and open challenges lead the priorities. A review never
changes a percent.
"""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.dates import date_label
from obc_assess.core.review import item_states, rounds_of

COUNTS = ("agreed", "challenged", "answered", "open", "not_reviewed")


def _label(value: str, lang: str) -> str | None:
    return date_label(value, lang) if value else None


def _round(one: dict[str, Any], n: int, lang: str) -> dict[str, Any]:
    """One round of the history as the result shows it."""
    decided = [d["decision"] for d in one.get("items", {}).values()]
    return {"round": n, "reviewer": str(one.get("reviewer", "")), "role": str(one.get("role", "")),
            "date": str(one.get("date", "")), "date_label": _label(str(one.get("date", "")), lang),
            "comment": str(one.get("comment", "")), "agreed": decided.count("agree"),
            "challenged": decided.count("challenge"), "answered": len(one.get("responses", {}))}


def review_block(doc: dict[str, Any], rows: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """The result's ``review``: over ``rows``, a maturity result's working items (none for another kind, whose
    review signs the file off as a whole)."""
    rounds = rounds_of(doc)
    asked = [row for row in rows if row["status"] != "not-asked"]
    states = item_states(doc)
    mine = {row["id"]: states.get(row["id"], {}).get("state", "not-reviewed") for row in asked}
    found = list(mine.values())
    counts = {"agreed": found.count("agreed"), "open": found.count("open"),
              "answered": found.count("changed") + found.count("kept"), "not_reviewed": found.count("not-reviewed")}
    counts["challenged"] = counts["open"] + counts["answered"]
    block: dict[str, Any] = {
        "reviewed": bool(rounds), "rounds": len(rounds), "reviewer": None, "role": None, "date": None,
        "date_label": None, "comment": None, "counts": {key: counts[key] for key in COUNTS},
        "provisional": False, "provisional_words": None, "line": text(lang, "core.review-none"),
        "rule": text(lang, "core.rule-own", rule=text(lang, "core.review-rule")), "challenges": [],
        "history": [_round(one, n, lang) for n, one in enumerate(rounds, start=1)]}
    if not rounds:
        return block
    last = block["history"][-1]
    block.update({key: last[key] for key in ("reviewer", "role", "date", "date_label", "comment")})
    where = {"name": last["reviewer"], "date": last["date_label"]}
    if rows:
        said = text(lang, "core.review-counts", agreed=text(lang, "core.review-agreed", count=counts["agreed"]),
                    challenged=text(lang, "core.review-challenged", count=counts["challenged"]),
                    answered=text(lang, "core.review-answered", count=counts["answered"]),
                    not_reviewed=text(lang, "core.review-not-reviewed", count=counts["not_reviewed"]))
        block["line"] = text(lang, "core.review-line", counts=said, **where)
    else:
        block["line"] = text(lang, "core.review-line-whole", **where)
    if counts["open"]:
        form = "one" if counts["open"] == 1 else "other"
        block.update(provisional=True,
                     provisional_words=text(lang, f"core.review-provisional-{form}", count=counts["open"]))
    block["challenges"] = [
        {"id": row["id"], "title": row["title"], "section": row["section"], **states[row["id"]],
         "state_label": text(lang, f"core.review-state-{states[row['id']]['state']}"),
         "response_date_label": _label(states[row["id"]]["response_date"], lang)}
        for row in asked if mine[row["id"]] in ("open", "changed", "kept")]
    # Open challenges first, as the priorities list them; then the answered ones, in form order.
    block["challenges"].sort(key=lambda one: one["state"] != "open")
    return block


def mark_rows(doc: dict[str, Any], rows: list[dict[str, Any]], lang: str) -> None:
    """Each working row's review mark, in place: ``review`` (a STATES id, or None when the file has no review),
    its words, the challenge's comment and the author's response."""
    reviewed = bool(rounds_of(doc))
    states = item_states(doc)
    for row in rows:
        one = states.get(row["id"])
        state = (one["state"] if one else "not-reviewed") if reviewed and row["status"] != "not-asked" else None
        row.update({"review": state,
                    "review_label": text(lang, f"core.review-state-{state}") if state else None,
                    "review_comment": one["comment"] if one and state else "",
                    "review_response": one["response"] if one and state else ""})
