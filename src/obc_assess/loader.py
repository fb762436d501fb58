"""Reads the YAML data on the host, checks it against the schemas and cross-references, and indexes guidance."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from obc_assess.schema import check

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


def _strict(base: type) -> type:
    """A YAML loader class that refuses repeated keys (PyYAML would keep the last one silently)."""
    import yaml

    def mapping(loader: Any, node: yaml.MappingNode) -> dict[Any, Any]:
        keys = [loader.construct_object(k, deep=True) for k, _ in node.value]
        for key in keys:
            if keys.count(key) > 1:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears more than once in this mapping", node.start_mark)
        result: dict[Any, Any] = loader.construct_mapping(node, deep=True)
        return result

    loader = type(f"Strict{base.__name__}", (base,), {})
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)  # type: ignore[attr-defined]
    return loader


def read_yaml(path: Path, name: str) -> tuple[Any, list[str]]:
    """Parse one YAML file; a syntax error, a tab or a repeated key becomes one problem line."""
    import yaml  # host only: the browser receives JSON

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [f"{name}: not UTF-8 text; save the file as UTF-8"]
    except OSError as error:
        return None, [f"{name}: cannot read ({error.strerror})"]
    # libyaml's parser when PyYAML has it (the pure-Python one took most of the build's data-loading time);
    # on an error, the pure-Python parser again, because its messages say more ("found character '\\t'").
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.load(text, Loader=_strict(fast)), []
        except yaml.YAMLError:
            pass
    try:
        return yaml.load(text, Loader=_strict(yaml.SafeLoader)), []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        return None, [f"{name}: {where}{error.problem or error.context}; fix the YAML syntax"]
    except yaml.YAMLError as error:
        return None, [f"{name}: {error}; fix the YAML syntax"]


def _read(data_dir: Path, name: str, schema: str, problems: list[str]) -> Any:
    path = data_dir / name
    if not path.is_file():
        problems.append(f"{name}: missing; every toolkit needs this file")
        return None
    value, errors = read_yaml(path, name)
    if errors:
        problems.extend(errors)
        return None
    found = check(value, schema)
    problems.extend(f"{name}: {p or '(top)'}: {m}" for p, m in found)
    return None if found else value


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
    for path in sorted((data_dir / "guidance").glob("*.yaml")):
        name = f"guidance/{path.name}"
        doc = _read(data_dir, name, "guidance.schema.json", problems)
        if doc is not None:
            files[f"guidance:{len(guidance)}"] = name
            guidance.append(doc)
    assessments: dict[str, dict[str, Any]] = {}
    for path in sorted((data_dir / "assessments").glob("*.yaml")):
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
