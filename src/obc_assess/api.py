"""The JSON-string boundary for the browser worker: text in, JSON text out, never an exception for bad input.

Every function returns ``{"ok": bool, "problems": [{"path", "message", "field"}], ...}`` as JSON text, with
its payload (``result``, ``csv``, ``markdown``, ``responses``, ``form``) null when ``ok`` is false.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from obc_assess.form import field_for, from_form, to_form
from obc_assess.jsontext import parse
from obc_assess.render import to_csv, to_markdown
from obc_assess.responses import Problem, ResponsesError, template, validate
from obc_assess.scoring import score


def _answer(problems: list[Problem], **payload: Any) -> str:
    body = {"ok": not problems, "problems": [p.to_dict() for p in problems]}
    body.update({key: None if problems else value for key, value in payload.items()})
    return json.dumps(body, sort_keys=True, ensure_ascii=False)


Render = Callable[[dict[str, Any]], Any]


def _scored(definition_json: str, responses_json: str, key: str, render: Render) -> str:
    definition, problems = parse(definition_json, "(definition)")
    doc, more = parse(responses_json, "(file)")
    problems += more
    if problems:
        return _answer(problems, **{key: None})
    try:
        return _answer([], **{key: render(score(definition, doc))})
    except ResponsesError as error:
        return _answer(error.problems, **{key: None})


def evaluate(definition_json: str, responses_json: str) -> str:
    """Validate and score: ``{"ok", "problems", "result"}``."""
    return _scored(definition_json, responses_json, "result", lambda result: result)


def render_csv_json(definition_json: str, responses_json: str) -> str:
    """Score and render as CSV: ``{"ok", "problems", "csv"}``."""
    return _scored(definition_json, responses_json, "csv", to_csv)


def render_markdown_json(definition_json: str, responses_json: str, base_url: str = "") -> str:
    """Score and render the Markdown report: ``{"ok", "problems", "markdown"}``."""
    return _scored(definition_json, responses_json, "markdown", lambda result: to_markdown(result, base_url))


def template_json(definition_json: str, model: int | None = None, scope: str | None = None) -> str:
    """A blank responses document: ``{"ok", "problems", "responses"}``."""
    definition, problems = parse(definition_json, "(definition)")
    if problems:
        return _answer(problems, responses=None)
    try:
        return _answer([], responses=template(definition, model, scope))
    except ResponsesError as error:
        return _answer(error.problems, responses=None)


def evaluate_form(definition_json: str, fields_json: str) -> str:
    """Score the form's values (``{name: value}``): ``{"ok", "problems", "result", "responses"}``, with each
    problem's ``field`` naming the form element to link to from the error summary."""
    definition, problems = parse(definition_json, "(definition)")
    fields, more = parse(fields_json, "(form)")
    problems += more
    if not problems and not (isinstance(fields, dict) and all(isinstance(v, str) for v in fields.values())):
        problems = [Problem("(form)", "must be a JSON object of field names and text values")]
    if problems:
        return _answer(problems, result=None, responses=None)
    doc, rows = from_form(definition, fields)
    # The form may skip row numbers (a row removed), so problems are mapped to the rows as the form has them.
    found = [Problem(p.path, p.message, field_for(definition, p.path, rows))
             for p in validate(definition, doc)]
    if found:
        return _answer(found, result=None, responses=None)
    return _answer([], result=score(definition, doc), responses=doc)


def form_values(definition_json: str, responses_json: str) -> str:
    """Form values for an imported responses file: ``{"ok", "problems", "form": {"fields", "rows"}}``."""
    definition, problems = parse(definition_json, "(definition)")
    doc, more = parse(responses_json, "(file)")
    problems += more
    if not problems:
        problems = validate(definition, doc)
    if problems:
        return _answer(problems, form=None)
    return _answer([], form=to_form(definition, doc))
