"""Follow-through in a result's report: the action plan, the evidence profile, the flagged answers, and each
item's evidence entries and action with its status."""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.document import Report
from obc_assess.core.formats import columns, day, overdue, status


def plan(report: Report, result: dict[str, Any]) -> None:
    """The action plan: each action beside the item's level now and its target, with owner, due date and status."""
    lang = report.lang
    if not result.get("plan"):
        return
    heading, not_answered = text(lang, "core.h-plan"), text(lang, "core.status-unanswered")
    report.heading(1, heading)
    report.table(heading, columns(lang, "item", "now", "target", "action", "owner", "due", "status", "review"), [
        [p["title"], p["level_label"] or not_answered, p["target_label"] or "", p["action"], p["owner"], p["due"],
         status(p, lang), p["review"]] for p in result["plan"]], [3, 2, 2, 4, 2, 2, 2, 3])


def evidence(report: Report, result: dict[str, Any]) -> None:
    """The evidence profile and flags, then each item's evidence entries and action."""
    lang, block = report.lang, result["evidence"]
    report.heading(1, text(lang, "core.h-evidence"))
    report.paragraph(block["sentence"])
    head = [*columns(lang, "section", "rated"),
            *(level["label"] for level in block["levels"]), text(lang, "core.evidence-review-due")]
    rows = [[s["title"], str(s["answered"]), *(str(s["counts"][level["id"]]) for level in block["levels"]),
             str(s["review_due"])] for s in block["sections"] if s["answered"] or s["review_due"]]
    if rows:
        report.table(text(lang, "core.evidence-profile-caption"), head, rows, [4, *([1] * (len(head) - 1))])
    if block["flags"]:
        report.heading(2, text(lang, "core.h-evidence-flags"))
        report.bullets([f"{f['title']}: {f['reason']}" for f in block["flags"]])
    followed = _per_item(result, lang)
    if not followed:
        return
    report.heading(1, text(lang, "core.h-followup"))
    for title, lines in followed:
        report.heading(2, title)
        report.bullets(lines)


def _entry_line(entry: dict[str, Any], lang: str) -> str:
    """One evidence entry: "Service specification (A document; Documented; review by 31 March 2026)"."""
    parts = [entry["kind_label"], entry["strength_label"]]
    if entry["review_by"]:
        parts.append(text(lang, "core.evidence-review-by", date=day(entry["review_by"], lang)))
    if entry["review_due"]:
        parts.append(text(lang, "core.evidence-review-due"))
    shown = "; ".join(part for part in parts if part)
    return f"{entry['what']} ({shown})" if shown else str(entry["what"])


def _action_line(action: dict[str, Any], lang: str) -> str:
    """An action with its status, owner, due date and review note, in one line."""
    parts = [action["status_label"]]
    if action["owner"]:
        parts.append(text(lang, "core.action-owner", owner=action["owner"]))
    if action["due"]:
        parts.append(text(lang, "core.action-due", date=day(action["due"], lang)))
    parts += [late for late in (overdue(action, lang),) if late]
    if action.get("carried_from"):
        parts.append(text(lang, "core.action-carried", date=day(action["carried_from"], lang)))
    line = f"{action['action']} ({'; '.join(parts)})"
    return f"{line}. {text(lang, 'core.action-review', review=action['review'])}" if action["review"] else line


def _per_item(result: dict[str, Any], lang: str) -> list[tuple[str, list[str]]]:
    """Each item with evidence or an action, in form order: its title, then its answer, evidence and action."""
    actions = {p["id"]: p for p in result["plan"]}

    def line(key: str, value: str) -> str:
        return f"{text(lang, f'core.col-{key}')}: {value}"

    rows = []
    for item in result["working"]["items"]:
        action = actions.get(item["id"])
        if not item["evidence"] and action is None:
            continue
        answer = item["level_label"] or text(lang, "core.status-unanswered")
        if item["evidence_flag"]:
            answer = f"{answer} ({text(lang, 'core.evidence-flagged')})"
        rows.append((item["title"], [line("answer", answer), *(line("evidence", _entry_line(e, lang))
                                                                  for e in item["evidence"]),
                                     *([line("action", _action_line(action, lang))] if action else [])]))
    return rows
