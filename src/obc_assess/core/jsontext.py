"""Reads a file's bytes as text and text as JSON, one way in every Python (CPython and Pyodide word some errors
differently) and for every reader: the command line, and the browser through api.call."""

from __future__ import annotations

import codecs
import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # (not in typeshed; C where there is C)
from typing import Any

from obc_assess.core.catalogue import text as catalogue_text
from obc_assess.core.checks import quote
from obc_assess.core.languages import DEFAULT
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
# What a zip file (a Word or Excel document renamed, as people do) starts with.
_ZIP = b"PK\x03\x04"


def _words(lang: str, word: str, /, **values: object) -> str:
    return catalogue_text(lang, f"core.text-{word}", **values)


class _NotJSON(ValueError):
    """A value Python's json module accepts but JSON (and the browser) does not."""


class _Repeated(ValueError):
    """An object names one key twice: JSON parsers keep the first or the last, silently and differently."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_constants(name: str) -> Any:
    raise _NotJSON(name)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Repeated(key)
            seen.add(key)
    return value


def decode(raw: bytes, what: str, lang: str = DEFAULT) -> tuple[str | None, list[Problem]]:
    """A file's bytes as text, by the one rule: UTF-8, with or without a byte order mark, or UTF-16 with one (what
    Windows editors call "Unicode"); anything else is a problem at path ``what`` saying what the file looks like.

    Any valid text is text: U+FFFD is a character a person may paste like any other. Without a byte order mark,
    UTF-16 cannot be told from other encodings for sure, so it is refused with words that say so."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"  # reads the mark for the byte order, and drops it
    else:
        codec, raw = "utf-8", raw.removeprefix(codecs.BOM_UTF8)
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return None, [Problem(what, _words(lang, "bad-utf16" if codec == "utf-16" else _not_utf8(raw)))]
    # JSON text never holds a NUL character (in a string it is written \u0000): one means a file that is not text,
    # or UTF-16 without its mark (which decodes as UTF-8 with every other byte zero).
    if "\x00" in text:
        return None, [Problem(what, _words(lang, "utf16-no-bom" if _utf16_shape(raw) else "binary"))]
    return text, []


def _not_utf8(raw: bytes) -> str:
    """Which words say what a file that is not UTF-8 is, by its bytes."""
    if raw.startswith(_ZIP):
        return "zip"
    return ("utf16-no-bom" if _utf16_shape(raw) else "binary") if b"\x00" in raw else "not-utf8"


def _utf16_shape(raw: bytes) -> bool:
    """Zero bytes in every other place, as ASCII-range characters written as UTF-16 without its mark have."""
    head = raw[:512]
    return len(head) >= 2 and max(head[0::2].count(0), head[1::2].count(0)) >= len(head) // 4


def _precheck(text: str, lang: str) -> str | None:
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
        return _trailing_comma(text, lang)
    if deep < len(structure):
        return _words(lang, "too-deep", depth=MAX_DEPTH)
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


def _trailing_comma(text: str, lang: str) -> str:
    """Where the text's first trailing comma is, in words."""
    at = next(token.start() for token in _TOKENS.finditer(text) if token.group() == ",")
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    return _words(lang, "not-json", reason=_words(lang, "trailing-comma", line=line, column=column))


def too_large(size: int | None, max_bytes: int = MAX_BYTES, lang: str = DEFAULT) -> str:
    """The message for a file over the limit (``size`` None: a pipe or device, read only as far as the limit)."""
    found = (_words(lang, "size", size=f"{size:,}") if size is not None
             else _words(lang, "size-over", size=f"{max_bytes:,}"))
    return _words(lang, "too-large", found=found, limit=f"{max_bytes:,}")


def parse(text: str, what: str, max_bytes: int | None = MAX_BYTES, lang: str = DEFAULT) -> tuple[Any, list[Problem]]:
    """JSON text as a value, or a problem at path ``what`` (e.g. problem.FILE) saying why it is not JSON.

    ``max_bytes=None`` lifts the size limit, for an envelope of many files that are each checked in turn. An
    object that names a key twice is refused, naming the key: which of the two a reader keeps is not defined."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if max_bytes is not None and size > max_bytes:
        return None, [Problem(what, too_large(size, max_bytes, lang))]
    found = _precheck(text, lang)
    if found:
        return None, [Problem(what, found)]
    try:
        return json.loads(text, parse_constant=_no_constants, object_pairs_hook=_object), []
    except json.JSONDecodeError as error:  # Python's own words for where the text stops being JSON
        reason = _words(lang, "at", what=error.msg, line=error.lineno, column=error.colno)
    except _NotJSON as error:
        reason = _words(lang, "constant", name=str(error))
    except _Repeated as error:
        return None, [Problem(what, _words(lang, "repeated-key", name=quote(error.key)))]
    except ValueError:  # an integer beyond Python's digit limit for conversion
        reason = _words(lang, "digits")
    return None, [Problem(what, _words(lang, "not-json", reason=reason))]
