"""Small checks the responses validator is built from: they read any JSON value and never raise."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from obc_assess.core.catalogue import text as catalogue_text
from obc_assess.core.languages import DEFAULT

# Keys shown as .key in paths; anything else (hostile or mistyped) is shown quoted, as ["..."].
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]{1,80}$")
_SHOWN = 60  # characters of a user's string repeated in a message, so a huge value cannot flood it


def quote(text: str) -> str:
    """A string as JSON shows it, shortened, and safe to print or encode whatever it holds."""
    short = text if len(text) <= _SHOWN else f"{text[:_SHOWN]}…"
    shown = json.dumps(short, ensure_ascii=False)
    # A lone surrogate cannot be encoded as UTF-8: escape everything rather than fail when printing.
    return shown if shown.isprintable() and _encodes(shown) else json.dumps(short)


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def describe_levels(scale: dict[str, Any], lang: str = DEFAULT, na: bool = True) -> str:
    """The values an answer may take, for messages: '0, 1, 2, 3, "na", "unknown" or null' ("na" left out where
    ``na`` is false: an item the source expects of every authority)."""
    values: list[object] = [level["value"] for level in scale["levels"]]
    values += ["na"] if scale["na"] and na else []
    values += ["unknown"] if scale["unknown"] else []
    return Checker.choices(values, None, lang)


class Checker:
    """Collects (path, message) problems, in ``lang`` (the definition's); every check reports and carries on, so
    all problems are found."""

    def __init__(self, lang: str = DEFAULT) -> None:
        self.lang = lang
        self.problems: list[tuple[str, str]] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append((path, message))

    def words(self, key: str, **values: object) -> str:
        """The core catalogue's ``check-<key>`` text in the checker's language."""
        return catalogue_text(self.lang, f"core.check-{key}", **values)

    def say(self, path: str, key: str, **values: object) -> None:
        """A problem in the checker's language."""
        self.add(path, self.words(key, **values))

    @staticmethod
    def kind(value: object, lang: str = DEFAULT) -> str:
        """What a JSON value is, in words."""
        if isinstance(value, bool):
            key = "boolean"
        elif value is None:
            key = "null"
        elif isinstance(value, int | float):
            key = "number"
        else:
            key = "text" if isinstance(value, str) else "list" if isinstance(value, list) else "object"
        return catalogue_text(lang, f"core.kind-{key}")

    @staticmethod
    def choices(values: Sequence[object], last: object, lang: str = DEFAULT) -> str:
        """'1, 2, 3 or null': the allowed values as JSON, the final one after "or"."""
        shown = [quote(v) if isinstance(v, str) else json.dumps(v) for v in (*values, last)]
        return catalogue_text(lang, "core.or", first=", ".join(shown[:-1]), last=shown[-1])

    @staticmethod
    def key(base: str, key: object) -> str:
        """The path of an object member."""
        key = key if isinstance(key, str) else str(key)
        shown = f".{key}" if _PLAIN_KEY.match(key) else f"[{quote(key)}]"
        return f"{base}{shown}" if base else shown.lstrip(".")

    def unknown_keys(self, base: str, obj: dict[str, Any], known: Iterable[str], message: str) -> None:
        allowed = set(known)
        for key in obj:
            if key not in allowed:
                self.add(self.key(base, key), message)

    def text(self, path: str, value: object, limit: int) -> None:
        if not isinstance(value, str):
            self.say(path, "text", kind=self.kind(value, self.lang))
        elif len(value) > limit:
            self.say(path, "too-long", count=f"{len(value):,}", limit=f"{limit:,}")
        elif not _encodes(value):
            self.say(path, "surrogate")

    def level(self, path: str, value: object, scale: dict[str, Any]) -> None:
        # bool is an int in Python, and 2.0 is not a level: only exact integers on the scale pass.
        if value is None or (value == "unknown" and scale["unknown"]) or (value == "na" and scale["na"]):
            return
        if type(value) is int and 0 <= value <= scale["levels"][-1]["value"]:
            return
        self.say(path, "must-be", values=describe_levels(scale, self.lang))
