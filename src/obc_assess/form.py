"""Maps the questionnaire's HTML form fields to a responses document and back, so the browser glue stays dumb.

The field names are the contract with src/obc_site/templates/assessment_form.html.j2: ``context-model``,
``context-scope``, ``respondent-name``, ``respondent-role``, ``respondent-organisation``, ``assessment-date``
(YYYY-MM-DD), an item's ``field`` and ``<field>-note``, its action
plan's ``<field>-plan-action``, ``-plan-owner``, ``-plan-due`` and ``-plan-target``, and for user-named rows
``row-<n>-name``, ``row-<n>-<criterion>``, ``row-<n>-class``, ``row-<n>-note``.
"""

from __future__ import annotations

import re
from typing import Any

from obc_assess.responses import FORMAT, FORMAT_VERSION, about

JSON = Any
_ROW = re.compile(r"^row-(\d+)-")
PLAN_KEYS = ("action", "owner", "due", "target")
# The words the form appends to an item's field (<field>-note, -plan-..., -na, -unknown, -error, -question, and a
# level number) and a row's own fields: the data checks refuse item ids that would make the same names.
ITEM_FIELD_WORDS = ("note", "plan", "na", "unknown", "error", "question")
ROW_FIELD_WORDS = ("name", "note", "class")


def _level(value: str) -> JSON:
    # Radios give strings; the document stores numbers. Anything else is passed on for validation to report.
    return int(value) if value.isascii() and value.isdigit() else (value or None)


def _items(definition: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for section in definition["sections"] for item in section["items"]]


def row_numbers(fields: dict[str, str]) -> list[int]:
    """The row indexes present in the form, in order (rows may have gaps after one is removed)."""
    return sorted({int(m.group(1)) for name in fields if (m := _ROW.match(name))})


def _row_is_blank(fields: dict[str, str], n: int) -> bool:
    return not any(value.strip() for name, value in fields.items() if name.startswith(f"row-{n}-"))


def from_form(definition: dict[str, Any], fields: dict[str, str]) -> tuple[dict[str, Any], list[int]]:
    """The responses document the form describes, and the form row index behind each document row."""
    model = fields.get("context-model", "")
    doc: dict[str, Any] = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "assessment": definition["id"], "assessment_version": definition["version"],
        "context": {"model": _level(model), "scope": fields.get("context-scope") or None},
        "respondent": {"name": fields.get("respondent-name", ""), "role": fields.get("respondent-role", ""),
                       "organisation": fields.get("respondent-organisation", "")},
        "assessment_date": fields.get("assessment-date", "").strip(),
    }
    rows = [n for n in row_numbers(fields) if not _row_is_blank(fields, n)]
    if definition["kind"] == "matrix":
        criteria = [item["id"] for item in _items(definition)]
        doc["answers"] = {"areas": [
            {"name": fields.get(f"row-{n}-name", ""),
             "levels": {c: _level(fields.get(f"row-{n}-{c}", "")) for c in criteria},
             "note": fields.get(f"row-{n}-note", "")} for n in rows]}
    elif definition["kind"] == "classification":
        doc["answers"] = {"measures": [
            {"name": fields.get(f"row-{n}-name", ""), "class": fields.get(f"row-{n}-class") or None,
             "note": fields.get(f"row-{n}-note", "")} for n in rows]}
    else:
        doc["answers"] = {item["id"]: {"level": _level(fields.get(item["field"], "")),
                                       "note": fields.get(f"{item['field']}-note", "")}
                          for item in _items(definition)}
        plan = {item["id"]: _plan_entry(fields, item["field"]) for item in _items(definition)}
        plan = {key: entry for key, entry in plan.items() if entry is not None}
        if plan:  # no plan at all: the key is left out, so a file without one is unchanged
            doc["plan"] = plan
    return doc, rows


def _plan_entry(fields: dict[str, str], field: str) -> dict[str, JSON] | None:
    """An item's action plan entry from its four fields; None when all are empty."""
    values = {key: fields.get(f"{field}-plan-{key}", "") for key in PLAN_KEYS}
    if not any(value.strip() for value in values.values()):
        return None
    return {"action": values["action"], "owner": values["owner"], "due": values["due"].strip(),
            "target": _level(values["target"])}


def to_form(definition: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """Form values for a valid responses document: ``{"fields": {name: value}, "rows": count}``."""
    model = doc["context"].get("model")
    who = about(doc)
    fields = {"context-model": "" if model is None else str(model),
              "context-scope": doc["context"].get("scope") or "",
              "respondent-name": who["name"], "respondent-role": who["role"],
              "respondent-organisation": who["organisation"], "assessment-date": who["assessment_date"]}
    answers = doc["answers"]
    rows = answers.get("areas", answers.get("measures", [])) if definition["kind"] != "maturity" else []
    for n, row in enumerate(rows):
        fields[f"row-{n}-name"] = row.get("name", "")
        fields[f"row-{n}-note"] = row.get("note", "")
        if "class" in row:
            fields[f"row-{n}-class"] = row["class"] or ""
        for criterion, level in row.get("levels", {}).items():
            fields[f"row-{n}-{criterion}"] = "" if level is None else str(level)
    if definition["kind"] == "maturity":
        for item in _items(definition):
            answer = answers.get(item["id"], {})
            level = answer.get("level")
            fields[item["field"]] = "" if level is None else str(level)
            fields[f"{item['field']}-note"] = answer.get("note", "")
            entry = doc.get("plan", {}).get(item["id"], {})
            for key in PLAN_KEYS:
                value = entry.get(key)
                fields[f"{item['field']}-plan-{key}"] = "" if value is None else str(value)
    return {"fields": fields, "rows": len(rows)}


def field_for(definition: dict[str, Any], path: str, rows: list[int]) -> str | None:
    """The id of the form element a problem at ``path`` belongs to, for the error summary's links."""
    fields = {item["id"]: item["field"] for item in _items(definition)}
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    if parts[:1] == ["context"] and len(parts) > 1:
        return f"context-{parts[1]}"
    if parts[:1] == ["assessment_date"]:
        return "assessment-date"
    if parts[:1] == ["respondent"] and len(parts) > 1:
        return f"respondent-{parts[1]}"
    if parts[:1] == ["plan"] and len(parts) > 1 and parts[1] in fields:
        # A problem with the entry as a whole links to its first field.
        key = parts[2] if len(parts) > 2 and parts[2] in PLAN_KEYS else "action"
        return f"{fields[parts[1]]}-plan-{key}"
    if parts[:1] != ["answers"] or len(parts) < 2:
        return None
    if parts[1] in ("areas", "measures") and len(parts) > 2 and parts[2].startswith("["):
        index = int(parts[2][1:-1])
        n = rows[index] if index < len(rows) else index
        rest = parts[3:]
        if rest[:1] == ["levels"] and len(rest) > 1:
            return f"row-{n}-{rest[1]}"
        return f"row-{n}-{rest[0]}" if rest else f"row-{n}"
    field = fields.get(parts[1])
    if field is None:
        return None
    return f"{field}-note" if parts[2:3] == ["note"] else field
