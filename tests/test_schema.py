"""The mini JSON Schema checker: each keyword we use, with the exact message a data editor sees."""

from __future__ import annotations

from typing import Any

import pytest

from obc_assess.core.problem import Problem
from obc_assess.host import schema
from obc_assess.host.schema import join_path, type_name

CASES: list[tuple[dict[str, Any], Any, list[tuple[str, str]]]] = [
    ({"type": "string"}, "x", []),
    ({"type": "string"}, 3, [("", "must be text (found integer)")]),
    # true is not a number in JSON Schema, although bool is an int in Python.
    ({"type": "integer"}, True, [("", "must be a whole number (found boolean)")]),
    ({"type": "number"}, 2.5, []),
    ({"type": "string", "minLength": 1}, "   ", [("", "must not be empty")]),
    ({"enum": ["a", "b"]}, "c", [("", 'must be one of "a", "b" (found "c")')]),
    ({"type": "string", "pattern": "^[a-z]+$", "description": "lower-case letters"}, "A",
     [("", 'must be lower-case letters (found "A")')]),
    # The whole text must match: "$" alone would accept a trailing newline.
    ({"type": "string", "pattern": "^[a-z]+$", "description": "lower-case letters"}, "abc\n",
     [("", 'must be lower-case letters (found "abc\\n")')]),
    ({"type": "integer", "minimum": 1, "maximum": 3}, 0, [("", "must be at least 1 (found 0)")]),
    ({"type": "number", "exclusiveMinimum": 0}, 0, [("", "must be more than 0 (found 0)")]),
    ({"type": "array", "minItems": 1}, [], [("", "must list at least 1 entry")]),
    ({"type": "array", "maxItems": 1}, [1, 2], [("", "must list at most 1 entries")]),
    ({"type": "array", "uniqueItems": True}, [1, 2, 1], [("[2]", "repeats 1; remove the duplicate")]),
    ({"type": "array", "items": {"type": "string"}}, ["a", 1], [("[1]", "must be text (found integer)")]),
    ({"type": "object", "required": ["id"]}, {}, [("id", "required")]),
    ({"type": "object", "properties": {"a": {}}, "additionalProperties": False}, {"b": 1},
     [("b", "unknown key; expected one of a")]),
    # A block must be exactly one kind: the message lists the kinds.
    ({"type": "object", "minProperties": 1, "maxProperties": 1, "properties": {"x": {}, "y": {}}}, {},
     [("", "must have exactly one of x, y (found none)")]),
    # Problems are collected, not stopped at the first.
    ({"type": "object", "required": ["a", "b"]}, {}, [("a", "required"), ("b", "required")]),
]


@pytest.mark.parametrize(("rule", "value", "problems"), CASES)
def test_keywords(rule: dict[str, Any], value: Any, problems: list[tuple[str, str]],
                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "load_schema", lambda name, schema_dir=None: rule)
    assert [(p.path, p.message) for p in schema.check(value, "test.schema.json")] == problems


def test_refs_resolve_across_files() -> None:
    # common.schema.json's id rule, reached through guidance.schema.json.
    problems = schema.check({"source": "tool20", "pages": [{"id": "Bad Id"}]}, "guidance.schema.json")
    assert Problem("pages[0].id", 'must be lower-case words joined by hyphens (found "Bad Id")') in problems


@pytest.mark.parametrize(("path", "key", "joined"), [("", "a", "a"), ("a", "b", "a.b"), ("a", 3, "a[3]")])
def test_join_path(path: str, key: str | int, joined: str) -> None:
    assert join_path(path, key) == joined


@pytest.mark.parametrize(("value", "name"), [(None, "null"), (True, "boolean"), (1, "integer"), (1.5, "number"),
                                              ({}, "object"), ([], "array"), ("", "string")])
def test_type_name(value: Any, name: str) -> None:
    assert type_name(value) == name
