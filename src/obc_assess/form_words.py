"""Problems with the form's answers in the words on the page (each field named by its label), and the answers
that are still sound, so one invalid field leaves only its own part out of the results (GOV.UK error messages).

The labels live here once: the form template shows them and the messages name fields by them.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from obc_assess.form import ASSESSMENT_DATE, date_boxes, part_name, row_numbers
from obc_assess.responses import Problem

# An item's fields, by the part of their name before ":<item id>", labelled with the item's title.
LABELS = {"note": "Evidence or note for \u201c{title}\u201d", "plan-action": "Action for \u201c{title}\u201d",
          "plan-owner": "Owner of the action for \u201c{title}\u201d", "plan-due": "Due date for \u201c{title}\u201d",
          "plan-target": "Target level for \u201c{title}\u201d"}
CONTEXT = {"context-model": "The model", "context-scope": "The scope", "respondent-name": "Your name or team",
           "respondent-role": "Your role", ASSESSMENT_DATE: "Date of the assessment"}
DATE_EXAMPLE = "31 3 2027"
_PATH = re.compile(r"[^.\[\]]+|\[\d+\]")


def field_label(part: str, title: str) -> str:
    """The label of an item's note or plan field (``part`` as in its name: ``note``, ``plan-due``, ...)."""
    return LABELS[part].format(title=title)


def _parts(path: str) -> list[str]:
    return _PATH.findall(path)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def date_message(label: str, boxes: dict[str, str]) -> str:
    """What is wrong with a date typed in three boxes, GOV.UK's way ("… must include a month")."""
    missing = [part for part in ("day", "month", "year") if not boxes[part]]
    if missing:
        return f"{label} must include a {_and(missing)}"
    if all(value.isascii() and value.isdigit() for value in boxes.values()) and len(boxes["year"]) != 4:
        return f"{label} must have a year of 4 numbers, like {DATE_EXAMPLE[-4:]}"
    return f"{label} must be a real date, like {DATE_EXAMPLE}"


class FormWords:
    """Labels, messages and what is left out, for one form's values."""

    def __init__(self, definition: dict[str, Any], fields: dict[str, str], rows: list[int]) -> None:
        self.definition = definition
        self.fields = fields
        self.rows = rows  # the form row behind each document row
        self.titles = {item["id"]: item["title"] for section in definition["sections"] for item in section["items"]}
        block = definition["matrix"] or definition["classification"] or {}
        self.row_label = str(block.get("row_label", "Row")).lower()
        self.positions = {n: k + 1 for k, n in enumerate(row_numbers(fields))}  # as the page numbers them

    def _row(self, index: int) -> str:
        n = self.rows[index] if index < len(self.rows) else index
        return f"{self.row_label} {self.positions.get(n, index + 1)}"

    def label(self, path: str) -> str:
        """The field a document path comes from, in the page's words."""
        parts = _parts(path)
        head = parts[0] if parts else ""
        if head == "assessment_date":
            return CONTEXT[ASSESSMENT_DATE]
        if head in ("context", "respondent") and len(parts) > 1:
            return CONTEXT.get(f"{head}-{parts[1]}", head)
        if head == "plan" and len(parts) > 1 and parts[1] in self.titles:
            part = f"plan-{parts[2]}" if len(parts) > 2 and f"plan-{parts[2]}" in LABELS else "plan-action"
            return field_label(part, self.titles[parts[1]])
        if head == "answers" and len(parts) > 2 and parts[2].startswith("["):
            row = self._row(int(parts[2][1:-1]))
            rest = parts[3:]
            if rest[:1] == ["levels"] and len(rest) > 1:
                return f"\u201c{self.titles.get(rest[1], rest[1])}\u201d for {row}"
            words = {"name": f"Name of {row}", "note": f"Note for {row}", "class": f"Kind of measure for {row}"}
            return words.get(rest[0], row.capitalize()) if rest else row.capitalize()
        if head == "answers" and len(parts) > 1 and parts[1] in self.titles:
            title = self.titles[parts[1]]
            return field_label("note", title) if parts[2:3] == ["note"] else f"\u201c{title}\u201d"
        return path

    def message(self, problem: Problem) -> str:
        """A problem as a sentence that names its field in words."""
        parts = _parts(problem.path)
        label = self.label(problem.path)
        if parts[:1] == ["plan"] and parts[2:3] == ["due"] and len(parts) == 3:
            return date_message(label, date_boxes(self.fields, part_name("plan-due", parts[1])))
        if parts == ["assessment_date"]:
            return date_message(label, date_boxes(self.fields, ASSESSMENT_DATE))
        if parts[:2] in (["answers", "areas"], ["answers", "measures"]) and parts[3:] == ["name"]:
            row = self._row(int(parts[2][1:-1]))
            used = re.search(r"already used by \w+\[(\d+)\]", problem.message)
            if used:
                return (f"The name of {row} is the same as {self._row(int(used.group(1)))}'s: "
                        f"give each {self.row_label} a different name")
            if problem.message.startswith("give this"):
                return f"Enter a name for {row}, or remove it"
        return f"{label}: {problem.message}"

    def left_out(self, path: str) -> str:
        """What the results leave out until the problem at ``path`` is put right."""
        parts = _parts(path)
        rows = parts[:2] in (["answers", "areas"], ["answers", "measures"]) and len(parts) > 2
        if rows and (parts[3:4] == ["name"] or len(parts) == 3):
            return f"The results leave out {self._row(int(parts[2][1:-1]))} until this is put right."
        label = self.label(path)
        return f"The results leave out {label[:1].lower()}{label[1:]} until this is put right."


def _blank(value: object) -> object:
    return "" if isinstance(value, str) else None


def usable(doc: dict[str, Any], problems: list[Problem]) -> dict[str, Any] | None:
    """The document with each problem's value blanked (a row with a bad name left out), or None when a problem
    is not one a single value explains (the document as a whole is wrong)."""
    out = copy.deepcopy(doc)
    drop: dict[str, set[int]] = {}
    for problem in problems:
        parts = _parts(problem.path)
        if not _blank_at(out, parts, drop):
            return None
    for key, indexes in drop.items():
        out["answers"][key] = [row for i, row in enumerate(out["answers"][key]) if i not in indexes]
    return out


def _blank_at(doc: dict[str, Any], parts: list[str], drop: dict[str, set[int]]) -> bool:
    head = parts[:1]
    if parts == ["assessment_date"]:  # only the report's date waits
        doc["assessment_date"] = ""
        return True
    if head in (["context"], ["respondent"]) and len(parts) == 2 and isinstance(doc.get(head[0]), dict):
        doc[head[0]][parts[1]] = _blank(doc[head[0]].get(parts[1]))
        return True
    if head == ["plan"] and len(parts) == 3 and isinstance(doc.get("plan", {}).get(parts[1]), dict):
        doc["plan"][parts[1]][parts[2]] = _blank(doc["plan"][parts[1]].get(parts[2]))
        return True
    if head != ["answers"] or len(parts) < 3:
        return False
    if parts[1] in ("areas", "measures") and parts[2].startswith("["):
        index = int(parts[2][1:-1])
        rows = doc["answers"].get(parts[1])
        if not isinstance(rows, list) or index >= len(rows) or not isinstance(rows[index], dict):
            return False
        if parts[3:] in (["note"],):
            rows[index]["note"] = ""
        elif parts[3:4] == ["levels"] and len(parts) == 5 and isinstance(rows[index].get("levels"), dict):
            rows[index]["levels"][parts[4]] = None
        else:  # the name (which tells rows apart) or the row as a whole: the row waits
            drop.setdefault(parts[1], set()).add(index)
        return True
    answer = doc["answers"].get(parts[1])
    if len(parts) == 3 and isinstance(answer, dict) and parts[2] in ("level", "note"):
        answer[parts[2]] = None if parts[2] == "level" else ""
        return True
    return False
