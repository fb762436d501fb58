"""A result's review state (issue 34): counts, the headline's review line, the challenges, and each item's mark.

The rules are the toolkit's own (``core.review-rule``): the latest round decides; an item challenged there and not
answered by a changed answer or a response is an open challenge: it counts as not shown for the band (as "don't
know" does), the band is provisional while any is open, and open challenges lead the priorities. A review never
changes a percent.
"""

from __future__ import annotations

from typing import Any

from obc_assess.core.bands import earn
from obc_assess.core.catalogue import text
from obc_assess.core.dates import date_label
from obc_assess.core.facts import Facts
from obc_assess.core.review import item_states, rounds_of
from obc_assess.core.tally import Tally
from obc_assess.core.typed_text import tidy

COUNTS = ("agreed", "challenged", "answered", "open", "not_reviewed")


def _label(value: str, lang: str) -> str | None:
    return date_label(value, lang) if value else None


def _round(one: dict[str, Any], n: int, titles: dict[str, str], lang: str) -> dict[str, Any]:
    """One round of the history as the result shows it: who, when, the counts, and each challenge with the
    author's response (in the file's order), for a sign-off table of every round."""
    decisions, responses = one.get("items", {}), one.get("responses", {})
    decided = [d["decision"] for d in decisions.values()]
    challenges = []
    for item_id, decision in decisions.items():
        if decision["decision"] != "challenge":
            continue
        response = responses.get(item_id, {})
        outcome, when = str(response.get("outcome", "")), str(response.get("date", ""))
        challenges.append({"id": item_id, "title": titles.get(item_id, item_id),
                           "comment": str(decision.get("comment", "")),
                           "outcome": outcome, "state_label": text(lang, f"core.review-state-{outcome or 'open'}"),
                           "response": str(response.get("text", "")), "response_date": when,
                           "response_date_label": _label(when, lang)})
    return {"round": n, "reviewer": str(one.get("reviewer", "")), "role": str(one.get("role", "")),
            "date": str(one.get("date", "")), "date_label": _label(str(one.get("date", "")), lang),
            "comment": str(one.get("comment", "")), "agreed": decided.count("agree"),
            "challenged": decided.count("challenge"), "answered": len(responses), "challenges": challenges}


def review_block(doc: dict[str, Any], rows: list[dict[str, Any]], lang: str,
                 anonymous: bool = False) -> dict[str, Any]:
    """The result's ``review``: over ``rows``, a maturity result's working items (none for another kind, whose
    review signs the file off as a whole). ``anonymous`` (a team merge's): no reviewer named, since who reviewed a
    file can name whose it is."""
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
        "history": [_round(one, n, {row["id"]: row["title"] for row in rows}, lang)
                    for n, one in enumerate(rounds, start=1)]}
    if not rounds:
        return block
    if anonymous:
        block["history"] = [{**one, "reviewer": None, "role": None} for one in block["history"]]
    last = block["history"][-1]
    block.update({key: last[key] for key in ("reviewer", "role", "date", "date_label", "comment")})
    where = {"date": last["date_label"]} if anonymous else {"name": last["reviewer"], "date": last["date_label"]}
    named = "-anonymous" if anonymous else ""
    if rows:
        said = text(lang, "core.review-counts", agreed=text(lang, "core.review-agreed", count=counts["agreed"]),
                    challenged=text(lang, "core.review-challenged", count=counts["challenged"]),
                    answered=text(lang, "core.review-answered", count=counts["answered"]),
                    not_reviewed=text(lang, "core.review-not-reviewed", count=counts["not_reviewed"]))
        block["line"] = text(lang, f"core.review-line{named}", counts=said, **where)
    else:
        block["line"] = text(lang, f"core.review-line-whole{named}", **where)
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


def band_reading(doc: dict[str, Any], challenged: set[str]) -> dict[str, Any]:
    """The document as the band reads it: each rated answer with an open challenge counts as don't know."""
    answers = doc["answers"]
    return {**doc, "answers": {**answers, **{item_id: {**answers[item_id], "level": "unknown"}
                                              for item_id in challenged if item_id in answers
                                              and isinstance(answers[item_id].get("level"), int)}}}


def earned(facts: Facts, scored: tuple[Tally, Tally], band: tuple[Tally, Tally], scale: dict[str, Any],
           provisional: bool) -> dict[str, Any]:
    """A part's band, read from ``band`` (its items and its outcomes items, open challenges as don't know), with
    the percent its headline states and the outcomes figures from its answers as they are (``scored``: the same
    two): a review changes no percent."""
    outcomes = scored[1]
    earned = earn(facts.definition, band[0], band[1], scale, facts.top, scored=scored[0])
    return {**earned, "outcomes_percent": outcomes.percent() if outcomes.total else None,
            "outcomes_answered": outcomes.answered, "band_provisional": provisional}


def team_review(facts: Facts, doc: dict[str, Any], statuses: list[tuple[object, str]] | None,
                anonymous: bool) -> dict[str, Any]:
    """A file's review state in a team merge, as its own result gives it (``statuses``: each maturity item's
    (level, status), as its tally has them)."""
    rows = [] if statuses is None else [
        {"id": entry.item["id"], "title": entry.item["title"], "section": entry.section["id"], "status": status}
        for entry, (_, status) in zip(facts.entries, statuses, strict=True)]
    block = review_block(doc, rows, facts.lang, anonymous)
    return {key: block[key] for key in ("reviewed", "rounds", "reviewer", "role", "date", "date_label", "counts",
                                        "provisional", "line")}


def reviewers(docs: list[dict[str, Any]], anonymous: bool, lang: str) -> dict[str, Any]:
    """How many merged files were reviewed, by whom (each name once, in file order; none when anonymous), and,
    when more than one person did, words that say so: their challenges held the answers to different eyes."""
    latest = [rounds[-1] for rounds in map(rounds_of, docs) if rounds]
    names = list(dict.fromkeys(tidy(one.get("reviewer", "")) for one in latest))
    note = None
    if len(names) > 1 and anonymous:
        note = text(lang, "core.team-reviewers-differ-anonymous", count=len(names))
    elif len(names) > 1:
        note = text(lang, "core.team-reviewers-differ", names=text(
            lang, "core.and", first=", ".join(names[:-1]), last=names[-1]))
    return {"reviewed": len(latest), "reviewers": [] if anonymous else names, "reviewers_note": note}
