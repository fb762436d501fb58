"""Reads a form copy: the form's fields as typed, which the page exports when Python is not available.

The page keeps the form's values in the browser (saved-answers.mjs, the ``:form`` copy) and, without Python,
exports that copy wrapped in a file that says what it is::

    {"format": "obc-assess/form-copy", "format_version": 1,
     "assessment": "<id>", "assessment_version": "1.0", "saved_at": "...",
     "form": {"format": 3, "version": "1.0", "rows": 0, "fields": {"<field name>": "<text>"}}}

The browser only copies values; this module is the one reader that turns such a file into an answers document
(with form.from_form, the rule the page's own scoring uses), so the CLI, the API and the team pages read it
like any answers file, and validation then reports its problems as usual.
"""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.form import from_form
from obc_assess.core.languages import lang_of
from obc_assess.core.problem import Problem

FORMAT = "obc-assess/form-copy"
FORMAT_VERSION = 1
FIELD_FORMAT = 3  # the names of the fields (item:<id>, dates in three boxes), as saved-answers.mjs writes them


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


def read(definition: dict[str, Any], value: object) -> tuple[object, list[Problem]]:
    """An answers document for any parsed file: a form copy turned into one, anything else as it is.

    The copy's own assessment and version are kept, so validation says when it is for another assessment."""
    if not is_copy(value):
        return value, []
    assert isinstance(value, dict)
    problems = _problems(value, lang_of(definition))
    if problems:
        return None, problems
    doc, _ = from_form(definition, value["form"]["fields"])
    doc["assessment"] = value["assessment"]
    doc["assessment_version"] = value.get("assessment_version", value["form"].get("version"))
    return doc, []
