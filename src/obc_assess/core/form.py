"""Maps the questionnaire's HTML form fields to a responses document and back, so the browser glue stays dumb.

Field names are collision-free by construction: each is ``<kind>:<id>`` (ids are lower-case words and hyphens,
never a colon), so no item id can make another item's or a row's name. The contract with
src/obc_site/templates/assessment_form.html.j2:

- ``context-model``, ``context-scope``, ``respondent-name``, ``respondent-role``, ``respondent-organisation``,
  (fixed names, no colon), and the assessment date's three boxes ``assessment-date:day``, ``:month``, ``:year``;
- an item: ``item:<id>`` (its level), ``note:<id>``, ``na-reason:<id>`` (why it is not applicable, kept in the
  answers only beside "na": a reason typed and then another answer chosen stays in the form, not the file), and
  its action plan's ``plan-action:<id>``,
  ``plan-owner:<id>``, ``plan-target:<id>`` and the due date's three boxes ``plan-due:<id>:day``, ``:month``,
  ``:year`` (the GOV.UK date input; the answers document keeps one ISO date);
- the action's ``plan-status:<id>``, ``plan-review:<id>`` and hidden ``plan-carried:<id>`` (format 3);
- an item's evidence entries: ``evidence:<id>:<n>:what``, ``:kind``, ``:strength`` and the review-by date's boxes
  ``evidence:<id>:<n>:review-by:day``, ``:month``, ``:year`` (``<n>`` = 0, 1, ...; gaps allowed);
- a user-named row: ``row:<n>:name``, ``row:<n>:note``, ``row:<n>:class``, ``row:<n>:level:<criterion>``;
- hidden ``review``: a reviewed file's ``review`` block as JSON text, carried through the form unchanged so
  answering never loses a review (format 5, issue 34); text that is no JSON is kept as text, which the validator
  refuses at ``review``.

An element's id is its name, a radio's ``<name>:<value>``, a field's message ``<name>:error``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from operator import methodcaller
from typing import Any, NamedTuple

from obc_assess.core.definition import field_id as item_name
from obc_assess.core.definition import items
from obc_assess.core.evidence import entries_of
from obc_assess.core.fields import (
    ASSESSMENT_DATE,
    NA_REASON,
    Places,
    evidence_name,
    part_name,
    plan_field,
    row_name,
)
from obc_assess.core.jsontext import parse
from obc_assess.core.plan import NOT_STARTED, entry_is_blank
from obc_assess.core.responses import FORMAT, FORMAT_VERSION, about

JSON = Any
_ROW = re.compile(r"^row:(\d+):")
_NUMBERED = methodcaller("startswith", ("row:", "evidence:"))
_EVIDENCE = re.compile(r"^evidence:([^:]+):(\d+):")
DATE_PARTS = ("day", "month", "year")
REVIEW = "review"  # the hidden field holding a reviewed file's review block


def _level(value: str) -> JSON:
    # Radios give strings; the document stores numbers. Anything else is passed on for validation to report.
    return int(value) if value.isascii() and value.isdigit() else (value or None)


@dataclass(frozen=True)
class FormIndex:
    """The form's numbered fields, read from their names once per call (never scanned again per item or row)."""

    rows: list[int]  # the row numbers present, in order (rows may have gaps after one is removed)
    row_fields: dict[str, list[str]]  # each row's field names, by its number as written in them
    evidence: dict[str, list[int]]  # per item id, its evidence entry numbers present, in order


def index(fields: dict[str, str]) -> FormIndex:
    """One pass over the field names: O(fields), where a scan per item or row was O(items x fields)."""
    rows: dict[str, list[str]] = {}
    evidence: dict[str, set[int]] = {}
    for name in filter(_NUMBERED, fields):  # the names filtered in C: the loop sees only rows' and evidence's
        if row := _ROW.match(name):
            rows.setdefault(row.group(1), []).append(name)
        elif entry := _EVIDENCE.match(name):
            evidence.setdefault(entry.group(1), set()).add(int(entry.group(2)))
    return FormIndex(sorted({int(n) for n in rows}), rows,
                     {item_id: sorted(numbers) for item_id, numbers in evidence.items()})


def _row_is_blank(fields: dict[str, str], found: FormIndex, n: int) -> bool:
    return not any(fields[name].strip() for name in found.row_fields.get(str(n), []))


def date_boxes(fields: dict[str, str], name: str) -> dict[str, str]:
    """The day, month and year a person typed in a date's boxes (``<name>:day``, ...), trimmed: an item's due
    date (``plan-due:<id>``) or the assessment's date (``assessment-date``)."""
    return {part: fields.get(f"{name}:{part}", "").strip() for part in DATE_PARTS}


def _date(boxes: dict[str, str]) -> str:
    """One date from the three boxes: ISO when each is digits (validation decides if it is a real date), ""
    when all are empty, else the parts as typed, for validation to report."""
    day, month, year = boxes["day"], boxes["month"], boxes["year"]
    if not (day or month or year):
        return ""
    if all(part.isascii() and part.isdigit() for part in (day, month, year)):
        return f"{year}-{month.zfill(2)}-{day.zfill(2)}"
    return f"{year}-{month}-{day}"


def from_form(definition: dict[str, Any], fields: dict[str, str]) -> tuple[dict[str, Any], Places]:
    """The responses document the form describes, and where its rows and evidence entries are on the form (the
    form index behind each document row and each item's document evidence entry)."""
    model = fields.get("context-model", "")
    doc: dict[str, Any] = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "assessment": definition["id"], "assessment_version": definition["version"],
        "context": {"model": _level(model), "scope": fields.get("context-scope") or None},
        "respondent": {"name": fields.get("respondent-name", ""), "role": fields.get("respondent-role", ""),
                       "organisation": fields.get("respondent-organisation", "")},
        "assessment_date": _date(date_boxes(fields, ASSESSMENT_DATE)),
    }
    if fields.get(REVIEW, "").strip():
        doc["review"] = _review(fields[REVIEW])
    found = index(fields)
    rows = [n for n in found.rows if not _row_is_blank(fields, found, n)]
    if definition["kind"] == "matrix":
        criteria = [item["id"] for item in [item for _, item in items(definition)]]
        doc["answers"] = {"areas": [
            {"name": fields.get(row_name(n, "name"), ""),
             "levels": {c: _level(fields.get(row_name(n, f"level:{c}"), "")) for c in criteria},
             "note": fields.get(row_name(n, "note"), "")} for n in rows]}
    elif definition["kind"] == "classification":
        doc["answers"] = {"measures": [
            {"name": fields.get(row_name(n, "name"), ""), "class": fields.get(row_name(n, "class")) or None,
             "note": fields.get(row_name(n, "note"), "")} for n in rows]}
    else:
        names = [_names(item["id"]) for _, item in items(definition)]
        doc["answers"] = {name.item_id: _answer(fields, name) for name in names}
        plan = {name.item_id: _plan_entry(fields, name) for name in names}
        plan = {key: entry for key, entry in plan.items() if entry is not None}
        if plan:  # no plan at all: the key is left out, so a file without one is unchanged
            doc["plan"] = plan
        # Each item's non-blank entries, in form order: the document's entries, and their numbers on the form.
        numbers: dict[str, list[int]] = {}
        evidence: dict[str, list[dict[str, str]]] = {}
        for _, item in items(definition):
            for n in found.evidence.get(item["id"], []):
                entry = _evidence_entry(fields, item["id"], n)
                if any(value.strip() for value in entry.values()):
                    numbers.setdefault(item["id"], []).append(n)
                    evidence.setdefault(item["id"], []).append(entry)
        if evidence:  # likewise: no evidence, no key
            doc["evidence"] = evidence
        return doc, Places(rows, numbers, found.rows, found.evidence)
    return doc, Places(rows, {}, found.rows, found.evidence)


class _Names(NamedTuple):
    """An item's field names (each made once per item id, not once per item per call)."""

    item_id: str
    level: str
    note: str
    na_reason: str
    plan: tuple[str, ...]  # _PLAN_KEYS' fields
    due: dict[str, str]  # the due date's boxes by DATE_PARTS
    typed: tuple[str, ...]  # the fields a person types a plan into: all but the status and carried_from


_PLAN_KEYS = ("action", "owner", "target", "status", "review", "carried_from")


@lru_cache(maxsize=4096)
def _names(item_id: str) -> _Names:
    due = {part: f"{plan_field('due', item_id)}:{part}" for part in DATE_PARTS}
    plan = tuple(plan_field(key, item_id) for key in _PLAN_KEYS)
    return _Names(item_id, item_name(item_id), part_name("note", item_id), part_name(NA_REASON, item_id), plan, due,
                  (*plan[:3], plan[4], *due.values()))


def _answer(fields: dict[str, str], names: _Names) -> dict[str, JSON]:
    """An item's answer from its fields: level and note, and beside "na" the reason given for it."""
    answer = {"level": _level(fields.get(names.level, "")), "note": fields.get(names.note, "")}
    if answer["level"] == "na":
        answer["na_reason"] = fields.get(names.na_reason, "")
    return answer


def _review(value: str) -> JSON:
    """The hidden review field's JSON (read by the one JSON rule: nesting, repeated keys), or the text itself
    when it is no JSON (the validator then refuses it at ``review``)."""
    found, problems = parse(value, REVIEW)
    return value if problems else found


def _plan_entry(fields: dict[str, str], names: _Names) -> dict[str, JSON] | None:
    """An item's action plan entry from its fields; None when it is blank (a status of not started alone is)."""
    if not any(map(fields.get, names.typed)) and fields.get(names.plan[3], "") in ("", NOT_STARTED):
        return None  # nothing typed (most items, at every change): blank, as entry_is_blank would also say
    action, owner, target, status, review, carried_from = (fields.get(name, "") for name in names.plan)
    due = {part: fields.get(name, "").strip() for part, name in names.due.items()}
    entry = {"action": action, "owner": owner, "due": _date(due), "target": _level(target),
             "status": status or "not-started", "review": review, "carried_from": carried_from}
    return None if entry_is_blank(entry) else entry


def _evidence_entry(fields: dict[str, str], item_id: str, n: int) -> dict[str, str]:
    """Form entry ``n`` of an item's evidence."""
    entry = {key: fields.get(evidence_name(item_id, n, key), "") for key in ("what", "kind", "strength")}
    entry["review_by"] = _date(date_boxes(fields, evidence_name(item_id, n, "review-by")))
    return entry


def date_fields(name: str, date: str) -> dict[str, str]:
    """A valid document's date ("" or YYYY-MM-DD) as its three boxes, as a person writes it: 31 3 2027."""
    if not date:
        return {f"{name}:{part}": "" for part in DATE_PARTS}
    year, month, day = date.split("-")
    return {f"{name}:day": str(int(day)), f"{name}:month": str(int(month)), f"{name}:year": year}


def to_form(definition: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """Form values for a valid responses document: ``{"fields": {name: value}, "rows": count}``."""
    model = doc["context"].get("model")
    who = about(doc)
    fields = {"context-model": "" if model is None else str(model),
              "context-scope": doc["context"].get("scope") or "",
              "respondent-name": who["name"], "respondent-role": who["role"],
              "respondent-organisation": who["organisation"]}
    fields.update(date_fields(ASSESSMENT_DATE, who["assessment_date"]))
    # Compact JSON in the file's own key order, so the form gives back the same block.
    fields[REVIEW] = json.dumps(doc["review"], ensure_ascii=False, separators=(",", ":")) if "review" in doc else ""
    answers = doc["answers"]
    counts: dict[str, int] = {}  # evidence entries per item, so the page shows that many
    rows = answers.get("areas", answers.get("measures", [])) if definition["kind"] != "maturity" else []
    for n, row in enumerate(rows):
        fields[row_name(n, "name")] = row.get("name", "")
        fields[row_name(n, "note")] = row.get("note", "")
        if "class" in row:
            fields[row_name(n, "class")] = row["class"] or ""
        for criterion, level in row.get("levels", {}).items():
            fields[row_name(n, f"level:{criterion}")] = "" if level is None else str(level)
    if definition["kind"] == "maturity":
        for item in [item for _, item in items(definition)]:
            answer = answers.get(item["id"], {})
            level = answer.get("level")
            fields[item_name(item["id"])] = "" if level is None else str(level)
            fields[part_name("note", item["id"])] = answer.get("note", "")
            fields[part_name(NA_REASON, item["id"])] = answer.get("na_reason", "")
            entry = doc.get("plan", {}).get(item["id"], {})
            for key in ("action", "owner", "target", "status", "review", "carried_from"):
                value = entry.get(key)
                fields[plan_field(key, item["id"])] = "" if value is None else str(value)
            fields[plan_field("status", item["id"])] = fields[plan_field("status", item["id"])] or "not-started"
            fields.update(date_fields(part_name("plan-due", item["id"]), entry.get("due", "")))
            entries = entries_of(doc, item["id"])
            for n, evidence in enumerate(entries):
                for key in ("what", "kind", "strength"):
                    fields[evidence_name(item["id"], n, key)] = evidence[key]
                fields.update(date_fields(evidence_name(item["id"], n, "review-by"), evidence["review_by"]))
            if entries:
                counts[item["id"]] = len(entries)
    return {"fields": fields, "rows": len(rows), "evidence": counts}
