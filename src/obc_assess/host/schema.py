"""A small JSON Schema checker (the subset our data schemas use), with one plain Problem each."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from obc_assess.core.problem import Problem, ProblemsError

SCHEMA_DIR = Path(__file__).parent.parent / "data" / "schema"

JSON = Any
_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "null": (type(None),),
    "integer": (int,),
    "number": (int, float),
}
_ARTICLES = {"object": "a mapping", "array": "a list", "string": "text", "boolean": "true or false",
             "null": "empty", "integer": "a whole number", "number": "a number"}


def join_path(path: str, key: str | int) -> str:
    """Extend a dotted path: ``standards[12].statement``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def type_name(value: JSON) -> str:
    """The JSON name of a Python value, for messages."""
    if isinstance(value, bool):
        return "boolean"
    for name in ("object", "array", "string", "integer", "number", "null"):
        if isinstance(value, _TYPES[name]):
            return name
    return type(value).__name__


def _is_type(value: JSON, name: str) -> bool:
    # JSON Schema: true/false are not numbers, although bool subclasses int in Python.
    if isinstance(value, bool):
        return name == "boolean"
    return isinstance(value, _TYPES[name])


class SchemaMissing(ProblemsError):
    """A schema file cannot be read: one problem naming it."""


@cache
def load_schema(name: str, schema_dir: Path = SCHEMA_DIR) -> dict[str, Any]:
    """Read one schema file from ``data/schema`` (or another folder of schemas)."""
    try:
        schema: dict[str, Any] = json.loads((schema_dir / name).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or "not valid JSON"
        raise SchemaMissing([Problem("", f"cannot read the schema ({reason}); restore the file",
                                     f"schema/{name}")]) from None
    return schema


def _resolve(ref: str, here: str, schema_dir: Path) -> tuple[dict[str, Any], str]:
    file, _, pointer = ref.partition("#")
    file = file or here
    node: Any = load_schema(file, schema_dir)
    for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
        node = node[part]
    return node, file


def check(value: JSON, schema_file: str, schema_dir: Path = SCHEMA_DIR) -> list[Problem]:
    """Every problem with ``value`` against a schema file, in document order (the path "" is the top value).

    Raises SchemaMissing when a schema file cannot be read."""
    return [Problem(path, message)
            for path, message in _check(value, load_schema(schema_file, schema_dir), (schema_file, schema_dir), "")]


def _check(value: JSON, schema: dict[str, Any], here: tuple[str, Path], path: str) -> Iterator[tuple[str, str]]:
    if "$ref" in schema:
        target, file = _resolve(schema["$ref"], here[0], here[1])
        yield from _check(value, target, (file, here[1]), path)
        return
    if "anyOf" in schema:
        yield from _check_any(value, schema["anyOf"], here, path)
        return
    expected = schema.get("type")
    if expected is not None and not _is_type(value, expected):
        yield path, f"must be {_ARTICLES[expected]} (found {type_name(value)})"
        return
    if "enum" in schema and value not in schema["enum"]:
        choices = ", ".join(json.dumps(c) for c in schema["enum"])
        yield path, f"must be one of {choices} (found {json.dumps(value)})"
        return
    if isinstance(value, str):
        yield from _check_string(value, schema, path)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield from _check_number(value, schema, path)
    elif isinstance(value, list):
        yield from _check_array(value, schema, here, path)
    elif isinstance(value, dict):
        yield from _check_object(value, schema, here, path)


def _check_any(value: JSON, branches: list[dict[str, Any]], here: tuple[str, Path],
               path: str) -> Iterator[tuple[str, str]]:
    """Valid if any branch passes; else the problems of the branch of the value's own type that comes closest
    (fewest problems, the first of equals): a text with one bad key is told about that key, not that it is not a
    {statement: id}."""
    found = [list(_check(value, branch, here, path)) for branch in branches]
    if any(not problems for problems in found):
        return
    typed = [problems for problems in found if not (problems[0][0] == path and problems[0][1].startswith("must be "))]
    yield from min(typed or found, key=len)


def _check_string(value: str, schema: dict[str, Any], path: str) -> Iterator[tuple[str, str]]:
    if len(value.strip()) < schema.get("minLength", 0):
        yield path, "must not be empty"
    elif "pattern" in schema and not re.fullmatch(schema["pattern"], value):
        yield path, f"must be {schema.get('description', 'in the right form')} (found {json.dumps(value)})"


def _check_number(value: float, schema: dict[str, Any], path: str) -> Iterator[tuple[str, str]]:
    if "minimum" in schema and value < schema["minimum"]:
        yield path, f"must be at least {schema['minimum']} (found {value})"
    if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
        yield path, f"must be more than {schema['exclusiveMinimum']} (found {value})"
    if "maximum" in schema and value > schema["maximum"]:
        yield path, f"must be at most {schema['maximum']} (found {value})"


def _check_array(value: list[JSON], schema: dict[str, Any], here: tuple[str, Path],
                 path: str) -> Iterator[tuple[str, str]]:
    if len(value) < schema.get("minItems", 0):
        yield path, f"must list at least {schema['minItems']} entr{'y' if schema['minItems'] == 1 else 'ies'}"
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        yield path, f"must list at most {schema['maxItems']} entries"
    if schema.get("uniqueItems"):
        seen: list[JSON] = []
        for i, entry in enumerate(value):
            if entry in seen:
                yield join_path(path, i), f"repeats {json.dumps(entry)}; remove the duplicate"
            seen.append(entry)
    if "items" in schema:
        for i, entry in enumerate(value):
            yield from _check(entry, schema["items"], here, join_path(path, i))


def _check_object(value: dict[str, JSON], schema: dict[str, Any], here: tuple[str, Path],
                  path: str) -> Iterator[tuple[str, str]]:
    props: dict[str, Any] = schema.get("properties", {})
    if schema.get("maxProperties") == 1 and schema.get("minProperties") == 1 and len(value) != 1:
        yield path, f"must have exactly one of {', '.join(props)} (found {', '.join(value) or 'none'})"
        return
    messages: dict[str, str] = schema.get("messages", {})
    for key in schema.get("required", []):
        if key not in value:
            yield join_path(path, key), messages.get(key, "required")
    for key, entry in value.items():
        if key in props:
            yield from _check(entry, props[key], here, join_path(path, key))
        elif schema.get("additionalProperties") is False:
            yield join_path(path, str(key)), f"unknown key; expected one of {', '.join(props)}"
