"""A row-based document's answers (a matrix's areas, a classification's measures): each row's name, note and
levels or class checked, and what counts as a blank row."""

from __future__ import annotations

from typing import Any

from obc_assess.core.checks import Checker, quote
from obc_assess.core.definition import answer_keys
from obc_assess.core.typed_text import MAX_NAME, MAX_NOTE, MAX_ROWS, fold

_ROWS = {"matrix": "areas", "classification": "measures"}


def row_is_blank(row: dict[str, Any]) -> bool:
    """A matrix area or measure with nothing filled in: ignored, so a template's empty row is harmless."""
    levels = row.get("levels") or {}
    return (not str(row.get("name", "")).strip() and not str(row.get("note", "")).strip()
            and row.get("class") is None and all(v is None for v in levels.values()))


def check_rows(check: Checker, definition: dict[str, Any], answers: object) -> None:
    rows_key = _ROWS[definition["kind"]]
    block = definition["matrix"] or definition["classification"]
    label = str(block["row_label"]).lower()
    matrix = definition["kind"] == "matrix"
    shape = '{"name": "", "levels": {}, "note": ""}' if matrix else '{"name": "", "class": null, "note": ""}'
    if not isinstance(answers, dict):
        check.say("answers", "object-like", example=f'{{"{rows_key}": []}}')
        return
    check.unknown_keys("answers", answers, (rows_key,), check.words("unknown-key", keys=quote(rows_key)))
    rows = answers.get(rows_key)
    if not isinstance(rows, list):
        check.say(f"answers.{rows_key}", "list-like" if rows_key in answers else "missing",
                  name=f'"{rows_key}"', example=f"[{shape}]")
        return
    if len(rows) > MAX_ROWS:
        check.say(f"answers.{rows_key}", "too-many-rows", count=f"{len(rows):,}", limit=f"{MAX_ROWS:,}")
        return
    names: dict[str, int] = {}
    for i, row in enumerate(rows):
        path = f"answers.{rows_key}[{i}]"
        if not isinstance(row, dict):
            check.say(path, "object-like", example=shape)
            continue
        keys = ("name", "levels", "note") if matrix else ("name", "class", "note")
        check.unknown_keys(path, row, keys, check.words("unknown-key", keys=", ".join(map(quote, keys))))
        name = row.get("name", "")
        check.text(f"{path}.name", name, MAX_NAME)
        check.text(f"{path}.note", row.get("note", ""), MAX_NOTE)
        if matrix:
            _levels(check, definition, f"{path}.levels", row.get("levels", {}))
        elif row.get("class") is not None and row["class"] not in [c["id"] for c in block["classes"]]:
            check.say(f"{path}.class", "must-be",
                      values=check.choices([c["id"] for c in block["classes"]], None, check.lang))
        if not isinstance(name, str) or _row_unreadable(row):
            continue
        if not name.strip() and not row_is_blank(row):
            check.say(f"{path}.name", "row-no-name", label=label)
        # Matrix results rank areas by name, so two areas with one name could not be told apart.
        folded = fold(name)
        if matrix and folded and folded in names:
            check.say(f"{path}.name", "row-name-used", name=quote(name), row=f"{rows_key}[{names[folded]}]",
                      label=label)
        names.setdefault(folded, i)


def _row_unreadable(row: dict[str, Any]) -> bool:
    # row_is_blank needs a dict of levels; other shapes are already reported.
    return "levels" in row and not isinstance(row["levels"], dict)


def _levels(check: Checker, definition: dict[str, Any], path: str, levels: object) -> None:
    criteria = answer_keys(definition)
    if not isinstance(levels, dict):
        check.say(path, "one-entry-per-criterion", example=f'{{"{criteria[0]}": 2}}')
        return
    for key, level in levels.items():
        where = check.key(path, key)
        if key not in criteria:
            check.say(where, "not-a-criterion", id=definition["id"])
        else:
            check.level(where, level, definition["scale"])
