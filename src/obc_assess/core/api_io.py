"""The boundary's envelope and the files it reads: one answer shape, a definition as read, a chosen file's text."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from typing import Any

from obc_assess.core.catalogue import text as text_of
from obc_assess.core.defined import Defined
from obc_assess.core.defined import read as read_definition
from obc_assess.core.form_copy import read
from obc_assess.core.jsontext import decode, parse
from obc_assess.core.languages import DEFAULT, lang_of
from obc_assess.core.problem import FILE, Problem

__all__ = ["UNREADABLE", "Definition", "Render", "answer", "answers_of", "base64_text", "file_text", "json_of",
           "read_defined"]

# Why the browser could not read a file it was given (``{"name", "unreadable": reason}``), in words.
UNREADABLE = ("too-large", "not-read")  # core.unreadable-<reason>


def answer(problems: Sequence[Problem | dict[str, Any]], kept: dict[str, Any] | None = None, **payload: Any) -> str:
    """The one envelope: ``ok``, the problems, what is ``kept`` whatever they are, and the payload (each null
    when there are problems)."""
    body = {"ok": not problems, "problems": [p.to_dict() if isinstance(p, Problem) else p for p in problems],
            **(kept or {})}
    body.update({key: None if problems else value for key, value in payload.items()})
    return json.dumps(body, sort_keys=True, ensure_ascii=False)


Render = Callable[[dict[str, Any]], Any]
# A definition as a request gives it: its JSON text (read afresh), or as read once and kept (defined.py).
Definition = str | Defined


def read_defined(definition_json: Definition) -> tuple[Defined, list[Problem]]:
    """The definition as read, and its problems as this call's own list (a kept definition's are shared)."""
    defined = definition_json if isinstance(definition_json, Defined) else read_definition(definition_json)
    return defined, list(defined.problems)


def file_text(given: object, lang: str) -> tuple[str | None, list[Problem]]:
    """A chosen file's text: given as text, or as its bytes (``{"bytes": base64}``) read by jsontext.decode."""
    if isinstance(given, str):
        return given, []
    if isinstance(given, dict) and given.get("unreadable") in UNREADABLE:
        return None, [Problem(FILE, text_of(lang, f"core.unreadable-{given['unreadable']}"))]
    raw = given.get("bytes") if isinstance(given, dict) else None
    try:
        data = base64.b64decode(raw, validate=True) if isinstance(raw, str) else None
    except ValueError:
        data = None
    if data is None:
        return None, [Problem(FILE, text_of(lang, "core.unreadable-not-read"))]
    return decode(data, FILE, lang)


def json_of(definition: object, given: object) -> tuple[Any, list[Problem]]:
    """A chosen file's JSON value: its text (or bytes) read by jsontext's one rule."""
    lang = lang_of(definition) if isinstance(definition, dict) else DEFAULT
    text, problems = file_text(given, lang)
    return (None, problems) if text is None else parse(text, FILE, lang=lang)


def answers_of(definition: object, given: object) -> tuple[Any, list[Problem]]:
    """An answers file's document: its text (or bytes) read as JSON, a form copy (the page's fields, saved
    without Python) turned into an answers document, so every function reads both."""
    doc, problems = json_of(definition, given)
    if problems or not isinstance(definition, dict):
        return doc, problems
    return read(definition, doc)


def base64_text(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
