"""Problems with the form's answers in the words on the page (each field named by its label), and the answers
that are still sound, so one invalid field leaves only its own part out of the results (GOV.UK error messages).

The labels live here once, in each language (core.field-*): the form template shows them and the messages name
fields by them.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.fields import ASSESSMENT_DATE, Places, evidence_name, part_name
from obc_assess.core.form import date_boxes
from obc_assess.core.languages import DEFAULT, lang_of
from obc_assess.core.problem import Problem

# An item's fields, by the part of their name before ":<item id>", each labelled with the item's title
# (core.field-<part>).
LABELS = ("note", "na-reason", "plan-action", "plan-owner", "plan-due", "plan-target", "plan-status", "plan-review")
# A piece of evidence's fields (core.field-evidence-<key>), each labelled with its number on the page and the item.
EVIDENCE_LABELS = {"what": "what", "kind": "kind", "strength": "strength", "review_by": "review-by"}
# The form's other fields, by name (core.field-<name>).
CONTEXT = ("context-model", "context-scope", "respondent-name", "respondent-role", ASSESSMENT_DATE)
DATE_EXAMPLE = "31 3 2027"  # day, month, year: the same digits in every language
_PATH = re.compile(r"[^.\[\]]+|\[\d+\]")


def field_label(part: str, title: str, lang: str = DEFAULT) -> str:
    """The label of an item's note or plan field (``part`` as in its name: ``note``, ``plan-due``, ...)."""
    return text(lang, f"core.field-{part}", title=title)


def context_label(name: str, lang: str = DEFAULT) -> str:
    """The label of one of the form's fields about the assessment and who answers (``respondent-name``...)."""
    return text(lang, f"core.field-{name}")


def _parts(path: str) -> list[str]:
    return _PATH.findall(path)


def date_message(label: str, boxes: dict[str, str], lang: str = DEFAULT) -> str:
    """What is wrong with a date typed in three boxes, GOV.UK's way ("… must include a month")."""
    missing = [part for part in ("day", "month", "year") if not boxes[part]]
    if missing:
        # One phrase for each set of missing parts ("day and year"): Welsh "a" changes with the word after it.
        parts = f"core.date-{missing[0]}" if len(missing) == 1 else f"core.date-parts-{'-'.join(missing)}"
        return text(lang, "core.date-missing", label=label, parts=text(lang, parts))
    if all(value.isascii() and value.isdigit() for value in boxes.values()) and len(boxes["year"]) != 4:
        return text(lang, "core.date-message-year", label=label, year=DATE_EXAMPLE[-4:])
    return text(lang, "core.date-real", label=label, example=DATE_EXAMPLE)


class FormWords:
    """Labels, messages and what is left out, for one form's values."""

    def __init__(self, definition: dict[str, Any], fields: dict[str, str], places: Places) -> None:
        self.definition = definition
        self.lang = lang_of(definition)
        self.fields = fields
        self.rows = places.rows  # the form row behind each document row
        self.places = places
        self.titles = {item["id"]: item["title"] for section in definition["sections"] for item in section["items"]}
        block = definition["matrix"] or definition["classification"] or {}
        self.row_label = str(block.get("row_label") or text(self.lang, "core.row")).lower()
        self.positions = {n: k + 1 for k, n in enumerate(places.form_rows)}  # as the page numbers them

    def _row(self, index: int) -> str:
        n = self.rows[index] if index < len(self.rows) else index
        return f"{self.row_label} {self.positions.get(n, index + 1)}"

    def _evidence_n(self, item_id: str, index: int) -> int:
        """The form entry behind an item's document evidence entry ``index``."""
        numbers = self.places.evidence.get(item_id, [])
        return numbers[index] if index < len(numbers) else index

    def _evidence(self, parts: list[str]) -> str:
        """The label of a piece of evidence's field, by its number as the page shows it (1, 2, ... in form order,
        whatever gaps a Remove left in the names)."""
        item_id = parts[1]
        index = int(parts[2][1:-1]) if len(parts) > 2 and parts[2].startswith("[") else 0
        n = self._evidence_n(item_id, index)
        shown = {m: k + 1 for k, m in enumerate(self.places.form_evidence.get(item_id, []))}.get(n, index + 1)
        key = EVIDENCE_LABELS.get(parts[3] if len(parts) > 3 else "what", "what")
        return text(self.lang, f"core.field-evidence-{key}", number=shown, title=self.titles[item_id])

    def label(self, path: str) -> str:
        """The field a document path comes from, in the page's words."""
        parts = _parts(path)
        head = parts[0] if parts else ""
        lang = self.lang
        if head == "assessment_date":
            return context_label(ASSESSMENT_DATE, lang)
        if head in ("context", "respondent") and len(parts) > 1:
            name = f"{head}-{parts[1]}"
            return context_label(name, lang) if name in CONTEXT else head
        if head == "plan" and len(parts) > 1 and parts[1] in self.titles:
            part = f"plan-{parts[2]}" if len(parts) > 2 and f"plan-{parts[2]}" in LABELS else "plan-action"
            return field_label(part, self.titles[parts[1]], lang)
        if head == "evidence" and len(parts) > 1 and parts[1] in self.titles:
            return self._evidence(parts)
        if head == "answers" and len(parts) > 2 and parts[2].startswith("["):
            row = self._row(int(parts[2][1:-1]))
            rest = parts[3:]
            if rest[:1] == ["levels"] and len(rest) > 1:
                return text(lang, "core.field-rating", title=self.titles.get(rest[1], rest[1]), row=row)
            if rest and rest[0] in ("name", "note", "class"):
                return text(lang, f"core.field-row-{rest[0]}", row=row)
            return row.capitalize()
        if head == "answers" and len(parts) > 1 and parts[1] in self.titles:
            title = self.titles[parts[1]]
            if parts[2:3] in (["note"], ["na_reason"]):
                return field_label("note" if parts[2] == "note" else "na-reason", title, lang)
            return f"\u201c{title}\u201d"
        return path

    def message(self, problem: Problem) -> str:
        """A problem as a sentence that names its field in words."""
        parts = _parts(problem.path)
        label = self.label(problem.path)
        if parts[:1] == ["plan"] and parts[2:3] == ["due"] and len(parts) == 3:
            return date_message(label, date_boxes(self.fields, part_name("plan-due", parts[1])), self.lang)
        if parts == ["assessment_date"]:
            return date_message(label, date_boxes(self.fields, ASSESSMENT_DATE), self.lang)
        if parts[:1] == ["evidence"] and parts[3:] == ["review_by"] and parts[2].startswith("["):
            n = self._evidence_n(parts[1], int(parts[2][1:-1]))
            return date_message(label, date_boxes(self.fields, evidence_name(parts[1], n, "review-by")), self.lang)
        if parts[:2] in (["answers", "areas"], ["answers", "measures"]) and parts[3:] == ["name"]:
            row = self._row(int(parts[2][1:-1]))
            # The row it clashes with, as rows_key[n] in either language's message (responses: check-row-name-used).
            used = re.search(r"\b(?:areas|measures)\[(\d+)\]", problem.message)
            if used:
                return text(self.lang, "core.row-name-used", row=row, other=self._row(int(used.group(1))),
                            row_label=self.row_label)
            if problem.message == text(self.lang, "core.check-row-no-name", label=self.row_label):
                return text(self.lang, "core.row-name-missing", row=row)
        return f"{label}: {problem.message}"

    def left_out(self, path: str) -> str:
        """What the results leave out until the problem at ``path`` is put right."""
        parts = _parts(path)
        rows = parts[:2] in (["answers", "areas"], ["answers", "measures"]) and len(parts) > 2
        if rows and (parts[3:4] == ["name"] or len(parts) == 3):
            return text(self.lang, "core.left-out", what=self._row(int(parts[2][1:-1])))
        if parts[:1] == ["evidence"] and len(parts) > 1 and parts[1] in self.titles:  # the whole piece waits
            label = self._evidence(parts[:3])
            return text(self.lang, "core.left-out", what=f"{label[:1].lower()}{label[1:]}")
        if parts[:1] == ["answers"] and parts[2:3] == ["na_reason"]:  # the "not applicable" waits for its reason
            path = ".".join(parts[:2])
        label = self.label(path)
        return text(self.lang, "core.left-out", what=f"{label[:1].lower()}{label[1:]}")


def _blank(value: object) -> object:
    return "" if isinstance(value, str) else None


def usable(doc: dict[str, Any], problems: list[Problem]) -> dict[str, Any] | None:
    """The document with each problem's value blanked (a row with a bad name left out), or None when a problem
    is not one a single value explains (the document as a whole is wrong)."""
    out = copy.deepcopy(doc)
    drop: dict[tuple[str, str], set[int]] = {}  # ("answers", "areas") or ("evidence", <item id>): indexes
    for problem in problems:
        parts = _parts(problem.path)
        if not _blank_at(out, parts, drop):
            return None
    for (head, key), indexes in drop.items():
        out[head][key] = [entry for i, entry in enumerate(out[head][key]) if i not in indexes]
    return out


def _blank_at(doc: dict[str, Any], parts: list[str], drop: dict[tuple[str, str], set[int]]) -> bool:
    head = parts[:1]
    if head == ["evidence"] and len(parts) > 3 and parts[2].startswith("["):
        # A piece of evidence with a problem waits whole (a "what" is needed once anything else is written, so
        # blanking one field could make another problem); evidence never changes the score.
        entries = (doc.get("evidence") or {}).get(parts[1])
        if not isinstance(entries, list) or int(parts[2][1:-1]) >= len(entries):
            return False
        drop.setdefault(("evidence", parts[1]), set()).add(int(parts[2][1:-1]))
        return True
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
            drop.setdefault(("answers", parts[1]), set()).add(index)
        return True
    answer = doc["answers"].get(parts[1])
    if len(parts) == 3 and isinstance(answer, dict) and parts[2] in ("level", "note"):
        answer[parts[2]] = None if parts[2] == "level" else ""
        return True
    if len(parts) == 3 and isinstance(answer, dict) and parts[2] == "na_reason":
        # Not applicable without a (sound) reason is no claim yet: the answer waits, counted as not answered.
        answer.update(level=None, na_reason="")
        return True
    return False
