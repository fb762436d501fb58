"""Reads the YAML data on the host, checks it against the schemas and cross-references, and indexes guidance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from obc_assess.core.languages import DEFAULT, LANGUAGES, localise
from obc_assess.core.problem import TOP, Problem, ProblemsError
from obc_assess.host.datamodel import Data, GuidanceEntry, page_groups, page_url
from obc_assess.host.facts import FactRules, check_facts, citation_problems, fill_statements, statements
from obc_assess.host.references import check_quoting, check_references
from obc_assess.host.schema import SchemaMissing, check
from obc_assess.host.yamlfile import data_problems, read_yaml

DATA_DIR = Path(__file__).parent.parent / "data"
__all__ = ["DATA_DIR", "Data", "DataError", "GuidanceEntry", "guidance_index", "load_data", "page_url"]


class DataError(ProblemsError):
    """The toolkit data has problems; each names its file and path (its text form, one line, stops the build)."""


def _read(data_dir: Path, name: str, schema: str, problems: list[Problem]) -> Any:
    path = data_dir / name
    if not path.exists():
        problems.append(Problem("", "missing; every toolkit needs this file", name))
        return None
    value, errors = read_yaml(path, name)
    if errors:
        problems.extend(errors)
        return None
    found = [p.in_file(name) for p in data_problems(value)]
    if not found:
        try:
            found = [Problem(p.path or TOP, p.message, name) for p in check(value, schema, data_dir / "schema")]
        except SchemaMissing as error:
            found = error.problems
    problems.extend(found)
    return None if found else value


def _documents(data_dir: Path, folder: str, problems: list[Problem]) -> list[Path]:
    """The .yaml files of a data folder; a missing folder or a file the loader would skip is a problem."""
    where = data_dir / folder
    if not where.is_dir():
        problems.append(Problem("", "missing; every toolkit needs this folder", f"{folder}/"))
        return []
    paths = []
    for path in sorted(where.iterdir()):
        if path.suffix == ".yaml" and not path.is_dir():  # a FIFO or device is read too, up to the limit
            paths.append(path)
        elif not path.name.startswith("."):
            problems.append(Problem("", "not read: data files are .yaml files; rename or remove it",
                                    f"{folder}/{path.name}"))
    return paths


def load_data(data_dir: Path | None = None, lang: str = DEFAULT) -> Data:
    """Read and check all the data, in both languages, and return it in ``lang``; raise DataError listing every
    problem found."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    data_dir = data_dir or DATA_DIR
    problems: list[Problem] = []
    sources = _read(data_dir, "sources.yaml", "sources.schema.json", problems)
    models = _read(data_dir, "models.yaml", "models.schema.json", problems)
    glossary = _read(data_dir, "glossary.yaml", "glossary.schema.json", problems)
    scales = _read(data_dir, "scales.yaml", "scales.schema.json", problems)
    terms = _read(data_dir, "terms.yaml", "terms.schema.json", problems)
    evidence = _read(data_dir, "evidence.yaml", "evidence.schema.json", problems)
    facts = _read(data_dir, "facts.yaml", "facts.schema.json", problems)
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
            problems.append(Problem("id", f"must match the file name (found {doc['id']!r}; rename one)", name))
            continue
        files[f"assessment:{doc['id']}"] = name
        assessments[doc["id"]] = doc
    if problems:
        raise DataError(problems)
    problems = citation_problems(facts)
    if problems:
        raise DataError(problems)
    # Each {statement: id} becomes the statement's text (held once, in facts.yaml), then every text is checked for
    # facts stated without a citation or the toolkit's-own mark.
    named = {"sources.yaml": sources, "models.yaml": models, "glossary.yaml": glossary, "scales.yaml": scales,
             "evidence.yaml": evidence, **{files[f"guidance:{n}"]: doc for n, doc in enumerate(guidance)},
             **{files[f"assessment:{aid}"]: doc for aid, doc in assessments.items()}}
    held, rules = statements(facts), FactRules.from_facts(facts)
    filled = {}
    for name, doc in named.items():
        filled[name], found = fill_statements(doc, held, name)
        problems += found
    for name, doc in [("facts.yaml", {"statements": facts["statements"]}), *filled.items()]:
        problems += check_facts(doc, rules, name)
    for n, doc in enumerate(guidance):
        problems += check_quoting(doc, files[f"guidance:{n}"])
    if problems:
        raise DataError(problems)
    sources, models, glossary, scales, evidence = (filled[name] for name in (
        "sources.yaml", "models.yaml", "glossary.yaml", "scales.yaml", "evidence.yaml"))
    guidance = [filled[files[f"guidance:{n}"]] for n in range(len(guidance))]
    assessments = {aid: filled[files[f"assessment:{aid}"]] for aid in assessments}
    # Assessments in the order of their source documents, so lists follow the guidance.
    order = [s["id"] for s in sources["sources"]]
    assessments = dict(sorted(assessments.items(), key=lambda kv: (order.index(kv[1]["source"]), kv[0])))
    for term in glossary["terms"]:  # the Welsh glossary page names each term in English too
        term["term_en"] = term["term"]["en"]
    sources, models, glossary, scales, guidance, assessments, evidence = localise(
        (sources, models, glossary, scales, guidance, assessments, evidence), lang)
    data = Data(sources["sources"], models["models"], glossary, scales, guidance, assessments, files,
                {"source": models["source"], "section": models["section"]}, lang, terms["terms"], evidence,
                {sid: text[lang] for sid, text in held.items()}, sources["provenance"])
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
            for _, kind, group in page_groups(page):
                if "id" in group:
                    index[group["id"]] = GuidanceEntry(group["id"], "anchor", page["id"], doc["source"],
                                                       group["section"], f"{url}#{group['id']}", None, None, None,
                                                       group["title"])
                for item in group["entries"] if kind == "items" else []:
                    index[item["id"]] = GuidanceEntry(
                        item["id"], "item", page["id"], doc["source"], item.get("section", group["section"]),
                        f"{url}#{item['id']}", item, group.get("quote_label"), group.get("question_label"),
                        item["name"])
    return index
