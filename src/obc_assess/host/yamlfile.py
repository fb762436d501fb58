"""Reads one YAML data file on the host, bounded: size, depth, aliases and repeated keys become one problem each."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from obc_assess.core.problem import TOP, Problem
from obc_assess.host.markup import markup_problems
from obc_assess.host.schema import join_path

# Bounds on one data file, checked before it is built into Python values. The largest real file is under 100 KB
# and nests about a dozen levels; these leave room while keeping a broken or hostile file from hanging or crashing
# the build (PyYAML builds nested values recursively; an alias repeats its anchor's whole subtree).
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 48
MAX_NODES = 500_000  # values and keys, counting each alias as the size of what it repeats
MAX_ALIASES = 100
# How a Welsh text that is rightly the same as its English says why (common.schema.json, text.same).
SAME_AS_ENGLISH = ("name", "quotation", "word")

def _strict(base: type) -> type:
    """A YAML loader class that refuses repeated keys (PyYAML would keep the last one silently)."""
    import yaml

    def mapping(loader: Any, node: yaml.MappingNode) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool, type(None))):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text or a number", key_node.start_mark)
            if key in seen:  # a set, not list.count: 40,000 keys took minutes
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears more than once in this mapping", key_node.start_mark)
            seen.add(key)
        result: dict[Any, Any] = loader.construct_mapping(node, deep=True)
        return result

    loader = type(f"Strict{base.__name__}", (base,), {})
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)  # type: ignore[attr-defined]
    return loader


def _bounds(text: str, loader: type) -> str | None:
    """What makes a YAML text too deep, too big or too repetitive to build, from its event stream, or None.

    The event stream is produced without recursion, so 100,000 nested brackets are counted, not followed."""
    import yaml

    depth, nodes, aliases = 0, 0, 0
    # For each open collection: its anchor (or None) and the node count when it opened.
    open_: list[tuple[str | None, int]] = []
    sizes: dict[str, int] = {}
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                return f"more than {MAX_ALIASES} aliases (*name); write the values out"
            nodes += sizes.get(event.anchor or "", 1)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            nodes += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
                return f"{where}nested more than {MAX_DEPTH} levels deep; flatten the data"
            open_.append((event.anchor, nodes))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
            anchor, start = open_.pop()
            if anchor is not None:
                sizes[anchor] = nodes - start + 1
        elif isinstance(event, yaml.ScalarEvent):
            nodes += 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        if nodes > MAX_NODES:
            return f"more than {MAX_NODES:,} values once aliases are expanded; this is not toolkit data"
    return None


def _read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    try:
        with path.open("rb") as file:  # at most the limit: a FIFO or a device must not hang the build
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return None, [Problem("", f"cannot read ({error.strerror or error})", name)]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem("", f"larger than {MAX_FILE_BYTES:,} bytes; split the file", name)]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        return None, [Problem("", "not UTF-8 text; save the file as UTF-8", name)]


def read_yaml(path: Path, name: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; a syntax error, a tab, a repeated key or an unbounded shape becomes one problem."""
    import yaml  # host only: the browser receives JSON

    text, problems = _read_text(path, name)
    if text is None:
        return None, problems
    # libyaml's parser when PyYAML has it (the pure-Python one took most of the build's data-loading time);
    # on an error, the pure-Python parser again, because its messages say more ("found character '\\t'").
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            too_much = _bounds(text, fast)
            if too_much:
                return None, [Problem("", too_much, name)]
            return yaml.load(text, Loader=_strict(fast)), []
        except yaml.YAMLError:
            pass
    try:
        too_much = _bounds(text, yaml.SafeLoader)
        if too_much:
            return None, [Problem("", too_much, name)]
        return yaml.load(text, Loader=_strict(yaml.SafeLoader)), []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        return None, [Problem("", f"{where}{error.problem or error.context}; fix the YAML syntax", name)]
    except yaml.YAMLError as error:
        return None, [Problem("", f"{error}; fix the YAML syntax", name)]


def data_problems(value: Any, path: str = "") -> Iterator[Problem]:
    """Problems any value can have wherever it is: numbers that are not finite, text that is not Unicode or would
    put something active on a page (markup.py), a Welsh text left as its English."""
    where = path or TOP
    if isinstance(value, float) and not math.isfinite(value):
        yield Problem(where, f"must be a finite number (found {value}); write a number")
    elif isinstance(value, str):
        yield from (Problem(where, message) for message in markup_problems(value))
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            yield Problem(where, f"contains a lone surrogate ({value[error.start]!r}); "
                          "write the character itself, not half of a \\u escape pair")
    elif isinstance(value, list):
        for i, entry in enumerate(value):
            yield from data_problems(entry, join_path(path, i))
    elif isinstance(value, dict):
        yield from _same_as_english(value, path)
        for key, entry in value.items():
            key_path = join_path(path, str(key).encode("utf-8", "backslashreplace").decode("utf-8"))
            if isinstance(key, str):
                yield from (Problem(p.path, f"{p.message} (in a key)") for p in data_problems(key, key_path))
            yield from data_problems(entry, key_path)


def _same_as_english(value: dict[Any, Any], path: str) -> Iterator[Problem]:
    """A Welsh text identical to its English is refused unless ``same`` says why (a proper name, a quotation, or a
    word Welsh spells the same): on the Welsh site it would stand untranslated inside lang="cy"."""
    if not (isinstance(value.get("en"), str) and isinstance(value.get("cy"), str)) or value.get("same") is not None:
        return
    if " ".join(value["en"].split()) == " ".join(value["cy"].split()):
        yield Problem(join_path(path, "cy"), "the same as the English; translate it, or if it is rightly the same "
                      f"say why with same: {' | '.join(SAME_AS_ENGLISH)} (see data/README.md, Welsh)")
