"""The action plan's rows in a maturity result (listed, never scored): each non-blank entry with its answer, target,
status in words, and whether it is overdue by the assessment's own date."""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.dates import date_label
from obc_assess.core.facts import Facts
from obc_assess.core.plan import entry_is_blank, status_of_entry, statuses


def plan_rows(facts: Facts, doc: dict[str, Any], ranked: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The action plan's non-blank entries: prioritised items in rank order, then the others in form order."""
    plan = doc.get("plan") or {}
    if not plan:
        return []
    ranks = {p["id"]: p["rank"] for p in ranked}
    known = statuses(facts.definition)
    when = str(doc.get("assessment_date", ""))
    rows = []
    for order, (section, item, _, _, scale, _) in enumerate(facts.entries):
        entry = plan.get(item["id"])
        if entry is None or entry_is_blank(entry):
            continue
        level = doc["answers"].get(item["id"], {}).get("level")
        target = entry.get("target")
        rows.append(((ranks.get(item["id"]) is None, ranks.get(item["id"], 0), order), {
            "id": item["id"], "title": item["title"], "section": section["id"], "rank": ranks.get(item["id"]),
            "level": level, "level_label": facts.label(level, scale),
            "target": target, "target_label": facts.label(target, scale),
            "action": entry.get("action", ""), "owner": entry.get("owner", ""), "due": entry.get("due", ""),
            **action_status(known, entry, when), "carried_label": _carried(entry, facts.lang)}))
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def _carried(entry: dict[str, Any], lang: str) -> str:
    """Where a carried action came from, in words ("carried from 14 March 2025"; the reports' words), or ""."""
    when = str(entry.get("carried_from", ""))
    return text(lang, "core.action-carried", date=date_label(when, lang)) if when else ""


def action_status(known: dict[str, dict[str, Any]], entry: dict[str, Any], when: str) -> dict[str, Any]:
    """A plan entry's status, its words, review note and carried_from, and whether it is overdue: due before the
    assessment's own date (never the clock) and still open."""
    status = status_of_entry(entry)
    due = str(entry.get("due", ""))
    return {"status": status, "status_label": known[status]["label"], "review": entry.get("review", ""),
            "carried_from": entry.get("carried_from", ""),
            "overdue": bool(when and due and due < when and known[status]["open"])}
