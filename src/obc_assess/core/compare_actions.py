"""Follow-through in a comparison over time: per item, the earlier file's action, the later file's status of it and
the change in level beside it; and the lists of done, overdue and dropped actions.

An action's status is the later file's entry for the item when it has one (a carried action is updated there),
else the earlier file's. Overdue: due before the later file's assessment date (never the clock) and still open.
"""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.plan import entry_is_blank, status_of_entry, statuses

KEYS = ("action", "owner", "due", "status", "status_label", "review")


def _action(known: dict[str, dict[str, Any]], doc: dict[str, Any], item_id: str) -> dict[str, Any] | None:
    entry = (doc.get("plan") or {}).get(item_id)
    if entry is None or entry_is_blank(entry):
        return None
    status = status_of_entry(entry)
    return {"action": entry.get("action", ""), "owner": entry.get("owner", ""), "due": entry.get("due", ""),
            "status": status, "status_label": known[status]["label"], "review": entry.get("review", "")}


def _change_words(row: dict[str, Any], lang: str) -> str:
    moved = row["change"]
    if moved is None:
        return text(lang, "core.action-level-not-compared")
    if moved == 0:
        return text(lang, "core.action-level-same", label=row["after_label"])
    key = "core.action-level-up" if moved > 0 else "core.action-level-down"
    return text(lang, key, by=abs(moved), before=row["before_label"], after=row["after_label"])


def add_actions(definition: dict[str, Any], first: dict[str, Any], second: dict[str, Any],
                rows: list[dict[str, Any]], lang: str) -> dict[str, list[dict[str, Any]]]:
    """Each item row gains before_action, after_action and action_text; returns the done, overdue and dropped
    lists (form order)."""
    known = statuses(definition)
    when = str(second.get("assessment_date", ""))
    lists: dict[str, list[dict[str, Any]]] = {"done": [], "overdue": [], "dropped": []}
    for row in rows:
        before, after = _action(known, first, row["id"]), _action(known, second, row["id"])
        row["before_action"], row["after_action"] = before, after
        latest = after or before
        row["action_text"] = "" if latest is None else text(
            lang, "core.action-and-level", status=latest["status_label"], change=_change_words(row, lang))
        if latest is None:
            continue
        named = {"id": row["id"], "title": row["title"], "action": latest["action"], "owner": latest["owner"]}
        if latest["status"] == "done":
            lists["done"].append({**named, "change": row["change"], "after_label": row["after_label"]})
        elif latest["status"] == "dropped":
            lists["dropped"].append({**named, "review": latest["review"]})
        elif when and latest["due"] and latest["due"] < when:
            lists["overdue"].append({**named, "due": latest["due"], "status": latest["status"],
                                     "status_label": latest["status_label"]})
    return lists
