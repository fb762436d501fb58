"""Parses JSON text the same way in every Python (CPython and Pyodide word some errors differently)."""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # (not in typeshed; C where there is C)
from typing import Any

from obc_assess.core.problem import Problem

# A responses document nests five levels deep. Deeper input is refused before parsing, because how deep the
# json module can go depends on the Python version: CPython and Pyodide must give the same answer.
MAX_DEPTH = 64
# The largest real file (every item of the longest assessment with a full note and plan) is under 500 KB.
# Anything bigger is the wrong file, and refusing it keeps the browser responsive.
MAX_BYTES = 1024 * 1024
# A JSON string (skipped whole: brackets and commas inside it do not count), a bracket, or a trailing comma.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|,(?=\s*[\]}])')
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS = re.compile(r"[\[\]{}]")
_TRAILING = re.compile(r",(?=\s*[\]}])")


class _NotJSON(ValueError):
    """A value Python's json module accepts but JSON (and the browser) does not."""


def _no_constants(name: str) -> Any:
    raise _NotJSON(f"{name} is not allowed in JSON")


def _precheck(text: str) -> str | None:
    """What is wrong that Python versions word differently (too deep, a trailing comma), or None: whichever
    comes first in the text, strings skipped whole."""
    structure = _structure(text)
    depth, deep = 0, len(structure)
    for bracket in _BRACKETS.finditer(structure):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > MAX_DEPTH:
            deep = bracket.start()
            break
    if _TRAILING.search(structure, 0, deep):
        return _trailing_comma(text)
    if deep < len(structure):
        return f"nested more than {MAX_DEPTH} levels deep; this is not a responses file"
    return None


def _structure(text: str) -> str:
    """The text with each string emptied ("" in its place, never removed: that could make a trailing comma), so
    what is left to read is a few brackets and commas: the strings _STRINGS finds, found faster."""
    if '\\"' in text or "\\\n" in text:  # an escaped quote (files inside the team's list), or a broken escape
        return _escaped(text)
    # No quote is escaped: the quotes pair up in order, and splitting on them is one pass in C.
    parts = text.split('"')
    if len(parts) % 2 == 0:  # a quote left over opens no string: it and what follows are read as they stand
        return '""'.join(parts[:-1:2]) + '"' + parts[-1]
    return '""'.join(parts[::2])


def _escaped(text: str) -> str:
    """_structure where quotes may be escaped: each string's end found by the json module's own scanner (in C),
    which ends a string where _STRINGS does; anything it does not read as a string goes to _STRINGS itself."""
    out: list[str] = []
    at = 0
    while (start := text.find('"', at)) != -1:
        try:
            _, end = scanstring(text, start + 1)
        except ValueError:  # not a JSON string (unterminated, a control character, a bad escape)
            return _STRINGS.sub('""', text)
        out += (text[at:start], '""')
        at = end
    out.append(text[at:])
    return "".join(out)


def _trailing_comma(text: str) -> str:
    """Where the text's first trailing comma is, in words."""
    at = next(token.start() for token in _TOKENS.finditer(text) if token.group() == ",")
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    return f"not valid JSON: a comma before a closing bracket; remove it (line {line}, column {column})"


def too_large(size: int | None, max_bytes: int = MAX_BYTES) -> str:
    """The message for a file over the limit (``size`` None: a pipe or device, read only as far as the limit)."""
    found = f"{size:,} bytes" if size is not None else f"more than {max_bytes:,} bytes"
    return f"the file is too large ({found}; the limit is {max_bytes:,}); is it a responses file?"


def parse(text: str, what: str, max_bytes: int | None = MAX_BYTES) -> tuple[Any, list[Problem]]:
    """JSON text as a value, or a problem at path ``what`` (e.g. problem.FILE) saying why it is not JSON.

    ``max_bytes=None`` lifts the size limit, for an envelope of many files that are each checked in turn."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if max_bytes is not None and size > max_bytes:
        return None, [Problem(what, too_large(size, max_bytes))]
    # Browsers decode a file that is not UTF-8 with U+FFFD in place of each bad byte; nobody types it.
    if "\ufffd" in text:
        return None, [Problem(what, "not UTF-8 text; save the file as UTF-8")]
    found = _precheck(text)
    if found:
        return None, [Problem(what, found)]
    try:
        return json.loads(text, parse_constant=_no_constants), []
    except json.JSONDecodeError as error:
        message = f"{error.msg} (line {error.lineno}, column {error.colno})"
    except _NotJSON as error:
        message = str(error)
    except ValueError:  # an integer beyond Python's digit limit for conversion
        message = "a number has too many digits"
    return None, [Problem(what, f"not valid JSON: {message}")]
