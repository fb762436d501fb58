"""Follow-through in the reports (Markdown and .docx alike): the evidence profile, the flagged answers, and each
item's evidence entries and action with its status, as plain rows both renderers lay out."""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.dates import date_label


def profile_table(result: dict[str, Any], lang: str) -> tuple[list[str], list[list[str]]]:
    """The evidence profile: per section with answers, how many by strongest evidence, and reviews due."""
    evidence = result["evidence"]
    head = [text(lang, "core.col-section"), text(lang, "core.col-rated"),
            *(level["label"] for level in evidence["levels"]), text(lang, "core.evidence-review-due")]
    rows = [[s["title"], str(s["answered"]), *(str(s["counts"][level["id"]]) for level in evidence["levels"]),
             str(s["review_due"])] for s in evidence["sections"] if s["answered"] or s["review_due"]]
    return head, rows


def _day(iso: str, lang: str) -> str:
    return date_label(iso, lang) if iso else ""


def entry_line(entry: dict[str, Any], lang: str) -> str:
    """One evidence entry: "Service specification (A document; Documented; review by 31 March 2026)"."""
    parts = [entry["kind_label"], entry["strength_label"]]
    if entry["review_by"]:
        parts.append(text(lang, "core.evidence-review-by", date=_day(entry["review_by"], lang)))
    if entry["review_due"]:
        parts.append(text(lang, "core.evidence-review-due"))
    shown = "; ".join(part for part in parts if part)
    return f"{entry['what']} ({shown})" if shown else entry["what"]


def action_line(action: dict[str, Any], lang: str) -> str:
    """An action with its status, owner, due date and review note, in one line."""
    parts = [action["status_label"]]
    if action["owner"]:
        parts.append(text(lang, "core.action-owner", owner=action["owner"]))
    if action["due"]:
        parts.append(text(lang, "core.action-due", date=_day(action["due"], lang)))
    if action.get("overdue"):
        parts.append(text(lang, "core.action-overdue"))
    if action.get("carried_from"):
        parts.append(text(lang, "core.action-carried", date=_day(action["carried_from"], lang)))
    line = f"{action['action']} ({'; '.join(parts)})"
    return f"{line}. {text(lang, 'core.action-review', review=action['review'])}" if action["review"] else line


def per_item(result: dict[str, Any], lang: str) -> list[tuple[str, str, list[str], str | None]]:
    """Each item with evidence or an action, in form order: (title, answer, evidence lines, action line)."""
    plan = {p["id"]: p for p in result["plan"]}
    rows = []
    for item in result["working"]["items"]:
        action = plan.get(item["id"])
        if not item["evidence"] and action is None:
            continue
        answer = item["level_label"] or text(lang, "core.status-unanswered")
        if item["evidence_flag"]:
            answer = f"{answer} ({text(lang, 'core.evidence-flagged')})"
        rows.append((item["title"], answer, [entry_line(e, lang) for e in item["evidence"]],
                     None if action is None else action_line(action, lang)))
    return rows
