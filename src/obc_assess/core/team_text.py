"""The words a team result is read by: named agreement levels, what each answer reads as, who wrote each note and
plan, and roles kept back when anonymous. The page and the CLI show these as they come, so no rule is restated.

Agreement levels are the toolkit's own: items whose answers are DISAGREEMENT or more levels apart are worth
talking through (a rule of thumb, stated on the page), one level apart is close, the same level agrees.
"""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.dates import date_label
from obc_assess.core.languages import DEFAULT
from obc_assess.core.plan import entry_is_blank

Labels = dict[object, str | None]  # a scale's level names by value (Facts.scale_labels)

DISAGREEMENT = 2  # levels apart: answers this far apart are worth talking through
# The agreement id by the spread of levels: 0, 1, then DISAGREEMENT or more (words: core.agreement-<id>).
AGREEMENT = {0: "same", 1: "close", DISAGREEMENT: "apart"}


def disagreement_words(lang: str = DEFAULT) -> dict[str, Any]:
    """The team result's rule of thumb and what it says when no item meets it (the page shows both)."""
    levels = text(lang, f"core.number-{DISAGREEMENT}")
    return {"threshold": DISAGREEMENT, "rule": text(lang, "core.disagreement-rule", levels=levels),
            "none": text(lang, "core.disagreement-none", levels=levels)}


def agreement(spread: int | None, lang: str = DEFAULT) -> dict[str, str] | None:
    """The named level of an item's spread of levels (None when fewer than one level was given)."""
    if spread is None:
        return None
    key = AGREEMENT[min(spread, DISAGREEMENT)]
    return {"id": key, "label": text(lang, f"core.agreement-{key}")}


def cell_text(asked: bool, label: str | None, lang: str = DEFAULT) -> str:
    """What one person's answer to an item reads as, in the table of items."""
    if not asked:
        return text(lang, "core.status-not-asked")
    return label or text(lang, "core.status-unanswered")


def levels_text(labels: Labels, low: int | None, high: int | None, lang: str = DEFAULT) -> str | None:
    """The range of levels given, by name on the item's scale: "Developing to Established", or one name when
    all agree."""
    if low is None or high is None:
        return None
    if low == high:
        return labels[low]
    return text(lang, "core.levels-range", low=labels[low], high=labels[high])


def disagreement_text(labels: Labels, row: dict[str, Any], lowest: list[str], highest: list[str],
                      lang: str = DEFAULT) -> str:
    """One disagreement in words, by level name, with who gave each end (names sorted: file order never matters)."""
    return text(lang, "core.disagreement-text", low=labels[row["min"]], lowest=", ".join(sorted(lowest)),
                high=labels[row["max"]], highest=", ".join(sorted(highest)))


def plan_row(labels: Labels, name: str, entry: dict[str, Any] | None, lang: str = DEFAULT) -> dict[str, Any] | None:
    """A respondent's action-plan entry for one item, as the team's table of plans shows it (None when blank)."""
    if not entry or entry_is_blank(entry):
        return None
    target = entry.get("target")
    due = str(entry.get("due", ""))
    return {"respondent": name, "action": str(entry.get("action", "")).strip(),
            "owner": str(entry.get("owner", "")).strip(), "due": due,
            "due_label": date_label(due, lang) if due else None, "target": target, "target_label": labels[target]}


def keep_back_roles(people: list[dict[str, Any]], lang: str = DEFAULT) -> str | None:
    """Anonymous merge: hide the roles held by one person only (a role would name them): such a person's role
    becomes null, so they are in no row of the roles table. The note that says so (None when none is hidden)."""
    held: dict[str, int] = {}
    for person in people:
        if person["role"]:
            held[person["role"]] = held.get(person["role"], 0) + 1
    single = {role for role, count in held.items() if count == 1}
    for person in people:
        if person["role"] in single:
            person["role"], person["role_label"] = None, text(lang, "core.role-kept-back")
    if not single:
        return None
    count = len(single)
    return text(lang, "core.roles-kept-back-one" if count == 1 else "core.roles-kept-back", count=count)
