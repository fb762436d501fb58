"""Carry forward: last year's answers file into a new one for this year, with its open actions and its evidence.

The new file keeps the context and respondent, has no answers and no assessment date (this year's are the
person's to give), and keeps each open action (not started or in progress) with its status, owner, due date,
target and review note, marked ``carried_from`` last file's assessment date. Done and dropped actions stay in
last year's file. Evidence entries come too, review-by dates kept, since evidence outlives one assessment. A file
for an earlier version of the assessment is pruned first (compare.prune): what no longer exists is listed.
"""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.compare import prune
from obc_assess.core.dates import date_label
from obc_assess.core.evidence import entries_of
from obc_assess.core.languages import lang_of
from obc_assess.core.plan import entry_is_blank, status_of_entry, statuses
from obc_assess.core.problem import FILE, Problem
from obc_assess.core.responses import ResponsesError, about, template, validate


def carry_forward(definition: dict[str, Any], last: object) -> tuple[dict[str, Any], dict[str, Any], str]:
    """This year's document from last year's, what was carried (counts and removed item ids), and the notice
    to show; ResponsesError if last year's file is not valid (after pruning what the assessment no longer has)."""
    pruned, removed = prune(definition, last, FILE)
    problems: list[Problem] = validate(definition, pruned)
    if problems:
        raise ResponsesError(problems)
    assert isinstance(pruned, dict)  # validate reports anything else
    model, scope = pruned["context"].get("model"), pruned["context"].get("scope")
    doc = template(definition, model if definition["asks_model"] else None, scope)
    doc["context"] = {"model": model, "scope": scope}
    who = about(pruned)
    doc["respondent"] = {"name": who["name"], "role": who["role"], "organisation": who["organisation"]}
    counts = {"done": 0, "dropped": 0}
    carried: dict[str, Any] = {"actions": 0, "evidence": 0, "removed": list(dict.fromkeys(r["id"] for r in removed))}
    if definition["kind"] == "maturity":
        known = statuses(definition)
        plan = {}
        for item_id, entry in (pruned.get("plan") or {}).items():
            if entry_is_blank(entry):
                continue
            status = status_of_entry(entry)
            if not known[status]["open"]:
                counts[status] = counts.get(status, 0) + 1
                continue
            plan[item_id] = {"action": entry.get("action", ""), "owner": entry.get("owner", ""),
                             "due": entry.get("due", ""), "target": entry.get("target"), "status": status,
                             "review": entry.get("review", ""), "carried_from": who["assessment_date"]}
        evidence = {item_id: entries_of(pruned, item_id) for item_id in (pruned.get("evidence") or {})}
        evidence = {key: entries for key, entries in evidence.items() if entries}
        carried["actions"] = len(plan)
        carried["evidence"] = sum(map(len, evidence.values()))
        if plan:
            doc["plan"] = plan
        if evidence:
            doc["evidence"] = evidence
    carried.update(counts)
    return doc, carried, notice(definition, who["assessment_date"], carried)


def notice(definition: dict[str, Any], when: str, carried: dict[str, Any]) -> str:
    """What the person is told: what came over, what stayed behind, and items that no longer exist."""
    lang = lang_of(definition)
    date = date_label(when, lang) if when else text(lang, "core.carried-unknown-date")
    said = text(lang, "core.carry-notice", date=date, **{k: carried[k] for k in ("actions", "evidence", "done",
                                                                                 "dropped")})
    if carried["removed"]:
        said += " " + text(lang, "core.carry-notice-removed", listed=", ".join(carried["removed"]))
    return said
