"""A definition's JSON text read once: parsed, checked and indexed (Facts), and kept by its content hash for the
browser's later requests to name, so a page that asks many times reads its definition only once.

The worker sends each definition's text once (api.call's ``define`` request); Python keeps what it read under
the SHA-256 of the text and answers with that hash, which every later request gives as ``definition_hash``
instead of the text. A request may still carry the text itself (``definition``): it is read afresh.

What is kept is shared by every later request, so nothing that reads it may change it (the API's tests run every
request type on kept definitions and compare them with a fresh read afterwards).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from obc_assess.core.facts import Facts
from obc_assess.core.jsontext import parse
from obc_assess.core.problem import DEFINITION, Problem

# More than a site has (eight assessments in two languages): a page never names one that has been let go.
KEEP = 64


@dataclass(frozen=True, eq=False)
class Defined:
    """A definition's text as read: its value, what is wrong with the text (nothing, when the value is usable),
    and what scoring derives from the definition alone, worked out on first use."""

    value: Any
    problems: tuple[Problem, ...]
    sha256: str = field(default="")

    @cached_property
    def facts(self) -> Facts:
        """Items in order, exact weights, scale labels (only for a definition read without problems)."""
        return Facts(self.value)


_kept: dict[str, Defined] = {}


def read(text: str, sha256: str = "") -> Defined:
    """The definition a JSON text holds, read afresh (problems at path ``(definition)`` when it is not JSON)."""
    value, problems = parse(text, DEFINITION)
    return Defined(value, tuple(problems), sha256)


def keep(text: str) -> Defined:
    """The definition a text holds, read once per content and kept under its hash (the oldest let go past KEEP)."""
    sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    if sha256 not in _kept:
        if len(_kept) >= KEEP:
            del _kept[next(iter(_kept))]
        _kept[sha256] = read(text, sha256)
    return _kept[sha256]


def named(sha256: str) -> Defined | None:
    """The definition kept under a hash ``keep`` gave, or None."""
    return _kept.get(sha256)
