"""Small checks the responses validator is built from: they read any JSON value and never raise."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

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


def describe_levels(scale: dict[str, Any]) -> str:
    """The values an answer may take, for messages: '0, 1, 2, 3, "na", "unknown" or null'."""
    values: list[object] = [level["value"] for level in scale["levels"]]
    values += ["na"] if scale["na"] else []
    values += ["unknown"] if scale["unknown"] else []
    return Checker.choices(values, None)


class Checker:
    """Collects (path, message) problems; every check reports and carries on, so all problems are found."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append((path, message))

    @staticmethod
    def kind(value: object) -> str:
        """What a JSON value is, in words."""
        if isinstance(value, bool):
            return "true or false"
        if value is None:
            return "null"
        if isinstance(value, int | float):
            return "a number"
        return "text" if isinstance(value, str) else "a list" if isinstance(value, list) else "an object"

    @staticmethod
    def choices(values: Sequence[object], last: object) -> str:
        """'1, 2, 3 or null': the allowed values as JSON, the final one after "or"."""
        shown = [quote(v) if isinstance(v, str) else json.dumps(v) for v in (*values, last)]
        return f"{', '.join(shown[:-1])} or {shown[-1]}"

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
            self.add(path, f'must be text in quotes, not {self.kind(value)}; use "" for none')
        elif len(value) > limit:
            self.add(path, f"too long ({len(value):,} characters); shorten it to {limit:,} or fewer")
        elif not _encodes(value):
            self.add(path, "contains a broken character (an unpaired surrogate); retype the text")

    def level(self, path: str, value: object, scale: dict[str, Any]) -> None:
        # bool is an int in Python, and 2.0 is not a level: only exact integers on the scale pass.
        if value is None or (value == "unknown" and scale["unknown"]) or (value == "na" and scale["na"]):
            return
        if type(value) is int and 0 <= value <= scale["levels"][-1]["value"]:
            return
        self.add(path, f"must be {describe_levels(scale)}")
