"""Reads a form copy: the form's fields as typed, which the page exports when Python is not available.

The page keeps the form's values in the browser (saved-answers.mjs, the ``:form`` copy) and, without Python,
exports that copy wrapped in a file that says what it is::

    {"format": "obc-assess/form-copy", "format_version": 1,
     "assessment": "<id>", "assessment_version": "1.0", "saved_at": "...",
     "form": {"format": 3, "version": "1.0", "rows": 0, "fields": {"<field name>": "<text>"}}}

The browser only copies values; this module is the one reader that turns such a file into an answers document
(with form.from_form, the rule the page's own scoring uses), so the CLI, the API and the team pages read it
like any answers file, and validation then reports its problems as usual. A field for an item the assessment
does not have is never dropped silently: reading it as answers is a problem naming the field (as an unknown
item in an answers document is), and a copy for another version going back into the page (``migrate``) loses
those fields by the rule answers documents follow (compare.prune: an item not in the definition has gone), each
item and part named for the page's notice.
"""

from __future__ import annotations

import re
from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.definition import answer_keys
from obc_assess.core.form import from_form
from obc_assess.core.languages import lang_of
from obc_assess.core.problem import Problem
from obc_assess.core.responses import validate

FORMAT = "obc-assess/form-copy"
FORMAT_VERSION = 1
FIELD_FORMAT = 3  # the names of the fields (item:<id>, dates in three boxes), as saved-answers.mjs writes them

# A field that belongs to an item (form.py's names), and which part of the item it holds: item:<id> and note:<id>
# (its answer), plan-<key>:<id> and a due date's boxes (its action plan), evidence:<id>:<n>:<part>, and a matrix
# row's level:<criterion> (a criterion is a matrix's item).
_ITEM_FIELD = re.compile(r"(?:item|note):(?P<answers>[^:]+)|plan-[a-z]+:(?P<plan>[^:]+)(?::(?:day|month|year))?"
                         r"|evidence:(?P<evidence>[^:]+):\d+:.+|row:\d+:level:(?P<level>[^:]+)")


def is_copy(value: object) -> bool:
    """Whether a parsed file says it is a form copy."""
    return isinstance(value, dict) and value.get("format") == FORMAT


def _problems(value: dict[str, Any], lang: str) -> list[Problem]:
    problems = []

    def say(path: str, key: str, **values: object) -> None:
        problems.append(Problem(path, text(lang, f"core.copy-{key}", **values)))

    if value.get("format_version") != FORMAT_VERSION or type(value.get("format_version")) is not int:
        say("format_version", "version", version=FORMAT_VERSION)
    if not isinstance(value.get("assessment"), str):
        say("assessment", "assessment", example='"assessment": "<id>"')
    form = value.get("form")
    if not isinstance(form, dict):
        say("form", "no-form")
        return problems
    if form.get("format") != FIELD_FORMAT or type(form.get("format")) is not int:
        say("form.format", "format", format=FIELD_FORMAT)
    fields = form.get("fields")
    if not (isinstance(fields, dict) and all(isinstance(v, str) for v in fields.values())):
        say("form.fields", "fields", example='{"respondent-name": ""}')
    return problems


def item_of(name: str) -> tuple[str, str] | None:
    """The item a field belongs to and its part ("answers", "plan" or "evidence"); None for any other field."""
    match = _ITEM_FIELD.fullmatch(name)
    if not match:
        return None
    part = next(key for key, value in match.groupdict().items() if value is not None)
    return match[part], "answers" if part == "level" else part


def _unknown(definition: dict[str, Any], fields: dict[str, str]) -> list[tuple[str, str, str]]:
    """Each field for an item the assessment does not have: (field name, item id, part)."""
    known = set(answer_keys(definition))
    return [(name, *found) for name in fields if (found := item_of(name)) and found[0] not in known]


def _not_items(definition: dict[str, Any], unknown: list[tuple[str, str, str]]) -> list[Problem]:
    lang = lang_of(definition)
    return [Problem(f"form.fields.{name}", text(lang, "core.check-not-an-item", id=definition["id"]))
            for name, _, _ in unknown]


def _version(value: dict[str, Any]) -> object:
    return value.get("assessment_version", value["form"].get("version"))


def migrate(definition: dict[str, Any], value: dict[str, Any]
            ) -> tuple[dict[str, Any] | None, list[dict[str, str]], list[Problem]]:
    """A form copy's fields as typed, for this version of the assessment, to put back into the page: ``(form,
    removed, problems)``. A copy for another version loses the fields of items the assessment no longer has,
    each (item, part) listed in ``removed`` as compare.prune lists an answers document's; a copy for this
    version (or another assessment) with such fields is a problem, as the same answers document would be. The
    values are not validated here: the page checks them as it checks anything typed."""
    problems = _problems(value, lang_of(definition))
    if problems:
        return None, [], problems
    fields = value["form"]["fields"]
    # The header alone, checked as an answers document's is (another assessment, a version that is not text).
    header = {**from_form(definition, {})[0], "assessment": value["assessment"], "assessment_version": _version(value)}
    problems = validate(definition, header)
    unknown = _unknown(definition, fields)
    if problems or (unknown and header["assessment_version"] == definition["version"]):
        return None, [], problems or _not_items(definition, unknown)
    removed: list[dict[str, str]] = []
    for _, item_id, part in unknown:
        if {"id": item_id, "part": part} not in removed:
            removed.append({"id": item_id, "part": part})
    gone = {name for name, _, _ in unknown}
    rows = value["form"].get("rows")
    return ({"fields": {name: text_ for name, text_ in fields.items() if name not in gone},
             "rows": rows if type(rows) is int and rows >= 0 else 0}, removed, [])


def read(definition: dict[str, Any], value: object) -> tuple[object, list[Problem]]:
    """An answers document for any parsed file: a form copy turned into one, anything else as it is.

    The copy's own assessment and version are kept, so validation says when it is for another assessment."""
    if not is_copy(value):
        return value, []
    assert isinstance(value, dict)
    problems = _problems(value, lang_of(definition))
    if problems:
        return None, problems
    fields = value["form"]["fields"]
    unknown = _unknown(definition, fields)
    if unknown:
        return None, _not_items(definition, unknown)
    doc, _ = from_form(definition, fields)
    doc["assessment"] = value["assessment"]
    doc["assessment_version"] = _version(value)
    return doc, []
