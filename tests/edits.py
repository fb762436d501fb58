"""Test helpers: a document changed at given paths (the validation case tables), and the command line run as a
test runs it (its exit status, standard output and standard error)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from obc_assess.host import cli

DELETE = object()  # marks a key to remove from the document
Changes = list[tuple[tuple[Any, ...], object]]  # (path of keys, new value or DELETE)


def changed(doc: dict[str, Any], changes: Changes) -> dict[str, Any]:
    """A copy of doc with each path set to its value (or removed, for DELETE)."""
    doc = copy.deepcopy(doc)
    for path, value in changes:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        if value is DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value
    return doc


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """obc-assess with these arguments: its exit status and what it wrote to standard output and error."""
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err
