"""Reads the YAML data on the host, checks it against the schemas and cross-references, and indexes guidance."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from obc_assess.schema import SchemaMissing, check, join_path

DATA_DIR = Path(__file__).parent / "data"


class DataError(ValueError):
    """The toolkit data has problems; ``problems`` holds one line each: ``file: path: message``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Data:
    """Every data file, validated, as plain JSON-able values."""

    sources: list[dict[str, Any]]
    models: list[dict[str, Any]]
    glossary: dict[str, Any]
    scales: dict[str, Any]
    guidance: list[dict[str, Any]]
    assessments: dict[str, dict[str, Any]]
    # Where each guidance and assessment document came from, relative to the data folder (for messages).
    files: dict[str, str]
    # models.yaml's own source and section, for the models page.
    models_meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GuidanceEntry:
    """A guidance page or item, and where it lives on the site."""

    id: str
    kind: str  # "page", "item", or "anchor" (a titled list or group of items)
    page_id: str
    source: str
    section: str
    url: str  # site-relative: guidance/<page>/ or guidance/<page>/#<item>
    item: dict[str, Any] | None
    quote_label: str | None
    question_label: str | None
    title: str = ""  # the page title, item name, or list or group title


def page_url(page_id: str) -> str:
    """The site-relative URL of a guidance page (the one place this rule lives)."""
    return f"guidance/{page_id}/"


# Bounds on one data file, checked before it is built into Python values. The largest real file is under 100 KB
# and nests about a dozen levels; these leave room while keeping a broken or hostile file from hanging or crashing
# the build (PyYAML builds nested values recursively; an alias repeats its anchor's whole subtree).
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 48
MAX_NODES = 500_000  # values and keys, counting each alias as the size of what it repeats
MAX_ALIASES = 100
# A guidance page id becomes a file name (guidance/<id>.md): stay well inside every file system's 255.
MAX_PAGE_ID = 100
# Raw HTML script in the data would be copied into the pages: refused wherever it appears.
_SCRIPT = re.compile(r"<\s*script\b", re.I)
# Pages the site generates under guidance/ (obc_site.pages): a guidance page with one of these ids would replace it.
GENERATED_GUIDANCE_PAGES = ("index", "models", "glossary")


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


def _read_text(path: Path, name: str) -> tuple[str | None, list[str]]:
    try:
        with path.open("rb") as file:  # at most the limit: a FIFO or a device must not hang the build
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return None, [f"{name}: cannot read ({error.strerror or error})"]
    if len(raw) > MAX_FILE_BYTES:
        return None, [f"{name}: larger than {MAX_FILE_BYTES:,} bytes; split the file"]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        return None, [f"{name}: not UTF-8 text; save the file as UTF-8"]


def read_yaml(path: Path, name: str) -> tuple[Any, list[str]]:
    """Parse one YAML file; a syntax error, a tab, a repeated key or an unbounded shape becomes one problem line."""
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
                return None, [f"{name}: {too_much}"]
            return yaml.load(text, Loader=_strict(fast)), []
        except yaml.YAMLError:
            pass
    try:
        too_much = _bounds(text, yaml.SafeLoader)
        if too_much:
            return None, [f"{name}: {too_much}"]
        return yaml.load(text, Loader=_strict(yaml.SafeLoader)), []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        return None, [f"{name}: {where}{error.problem or error.context}; fix the YAML syntax"]
    except yaml.YAMLError as error:
        return None, [f"{name}: {error}; fix the YAML syntax"]


def _values(value: Any, path: str) -> Iterator[str]:
    """Problems any value can have wherever it is: numbers that are not finite, text that is not Unicode."""
    if isinstance(value, float) and not math.isfinite(value):
        yield f"{path or '(top)'}: must be a finite number (found {value}); write a number"
    elif isinstance(value, str):
        if _SCRIPT.search(value):
            yield (f"{path or '(top)'}: contains an HTML <script> element; the site runs no script from the data, "
                   "so write plain text")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            yield (f"{path or '(top)'}: contains a lone surrogate ({value[error.start]!r}); "
                   "write the character itself, not half of a \\u escape pair")
    elif isinstance(value, list):
        for i, entry in enumerate(value):
            yield from _values(entry, join_path(path, i))
    elif isinstance(value, dict):
        for key, entry in value.items():
            key_path = join_path(path, str(key).encode("utf-8", "backslashreplace").decode("utf-8"))
            if isinstance(key, str):
                yield from (f"{line} (in a key)" for line in _values(key, key_path))
            yield from _values(entry, key_path)


def _read(data_dir: Path, name: str, schema: str, problems: list[str]) -> Any:
    path = data_dir / name
    if not path.exists():
        problems.append(f"{name}: missing; every toolkit needs this file")
        return None
    value, errors = read_yaml(path, name)
    if errors:
        problems.extend(errors)
        return None
    found = [f"{name}: {line}" for line in _values(value, "")]
    if not found:
        try:
            found = [f"{name}: {p or '(top)'}: {m}" for p, m in check(value, schema, data_dir / "schema")]
        except SchemaMissing as error:
            found = [str(error)]
    problems.extend(found)
    return None if found else value


def _documents(data_dir: Path, folder: str, problems: list[str]) -> list[Path]:
    """The .yaml files of a data folder; a missing folder or a file the loader would skip is a problem."""
    where = data_dir / folder
    if not where.is_dir():
        problems.append(f"{folder}/: missing; every toolkit needs this folder")
        return []
    paths = []
    for path in sorted(where.iterdir()):
        if path.suffix == ".yaml" and not path.is_dir():  # a FIFO or device is read too, up to the limit
            paths.append(path)
        elif not path.name.startswith("."):
            problems.append(f"{folder}/{path.name}: not read: data files are .yaml files; rename or remove it")
    return paths


def load_data(data_dir: Path | None = None) -> Data:
    """Read, check and return all the data; raise DataError listing every problem found."""
    from obc_assess.references import check_references

    data_dir = data_dir or DATA_DIR
    problems: list[str] = []
    sources = _read(data_dir, "sources.yaml", "sources.schema.json", problems)
    models = _read(data_dir, "models.yaml", "models.schema.json", problems)
    glossary = _read(data_dir, "glossary.yaml", "glossary.schema.json", problems)
    scales = _read(data_dir, "scales.yaml", "scales.schema.json", problems)
    files: dict[str, str] = {}
    guidance: list[dict[str, Any]] = []
    for path in _documents(data_dir, "guidance", problems):
        name = f"guidance/{path.name}"
        doc = _read(data_dir, name, "guidance.schema.json", problems)
        if doc is not None:
            files[f"guidance:{len(guidance)}"] = name
            guidance.append(doc)
    assessments: dict[str, dict[str, Any]] = {}
    for path in _documents(data_dir, "assessments", problems):
        name = f"assessments/{path.name}"
        doc = _read(data_dir, name, "assessment.schema.json", problems)
        if doc is None:
            continue
        if doc["id"] != path.stem:
            problems.append(f"{name}: id: must match the file name (found {doc['id']!r}; rename one)")
            continue
        files[f"assessment:{doc['id']}"] = name
        assessments[doc["id"]] = doc
    if problems:
        raise DataError(problems)
    # Assessments in the order of their source documents, so lists follow the guidance.
    order = [s["id"] for s in sources["sources"]]
    assessments = dict(sorted(assessments.items(), key=lambda kv: (order.index(kv[1]["source"]), kv[0])))
    data = Data(sources["sources"], models["models"], glossary, scales, guidance, assessments, files,
                {"source": models["source"], "section": models["section"]})
    problems = check_references(data)
    if problems:
        raise DataError(problems)
    return data


def guidance_index(data: Data) -> dict[str, GuidanceEntry]:
    """Every guidance page, item and titled group by id (ids are unique across all: the loader checks)."""
    index: dict[str, GuidanceEntry] = {}
    for doc in data.guidance:
        for page in doc["pages"]:
            url = page_url(page["id"])
            index[page["id"]] = GuidanceEntry(page["id"], "page", page["id"], doc["source"], page["section"],
                                              url, None, None, None, page["title"])
            for block in page["blocks"]:
                group = block.get("items") or block.get("list")
                if group is None:
                    continue
                if "id" in group:
                    index[group["id"]] = GuidanceEntry(group["id"], "anchor", page["id"], doc["source"],
                                                       group["section"], f"{url}#{group['id']}", None, None, None,
                                                       group["title"])
                for item in group["entries"] if "items" in block else []:
                    index[item["id"]] = GuidanceEntry(
                        item["id"], "item", page["id"], doc["source"], item.get("section", group["section"]),
                        f"{url}#{item['id']}", item, group.get("quote_label"), group.get("question_label"),
                        item["name"])
    return index
