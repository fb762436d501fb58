"""Statements held once in the data (facts.yaml), put into hand-written pages at ``{{ statement: <id> }}``."""

from __future__ import annotations

import re

# A placeholder on a line of its own in a prose page, as the data README describes.
PLACEHOLDER = re.compile(r"\{\{\s*statement:\s*([a-z0-9-]+)\s*\}\}")


class UnknownStatement(KeyError):
    """A page asks for a statement facts.yaml does not hold."""


def fill_statements(markdown: str, statements: dict[str, str]) -> str:
    """``markdown`` with each placeholder replaced by its statement's text in the page's language."""

    def statement(match: re.Match[str]) -> str:
        if match.group(1) not in statements:
            raise UnknownStatement(f"no statement {match.group(1)!r} in facts.yaml; use one of "
                                   f"{', '.join(statements)}")
        return " ".join(statements[match.group(1)].split())

    return PLACEHOLDER.sub(statement, markdown)
