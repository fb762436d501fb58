"""Cross-reference checks across the data files: unique ids, and every reference pointing at something real."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from obc_assess.core.languages import is_text
from obc_assess.core.problem import Problem
from obc_assess.host.datamodel import GENERATED_GUIDANCE_PAGES, MAX_PAGE_ID, Data, page_groups


def check_references(data: Data) -> list[Problem]:
    """One problem per broken or duplicate reference, naming its file and path."""
    problems: list[Problem] = []
    problems += _unique([(s["id"], "sources.yaml", f"sources[{i}].id") for i, s in enumerate(data.sources)])
    problems += _unique([(str(m["id"]), "models.yaml", f"models[{i}].id") for i, m in enumerate(data.models)])
    terms = data.glossary["terms"]
    problems += _unique([(t["id"], "glossary.yaml", f"terms[{i}].id") for i, t in enumerate(terms)])
    problems += list(_check_terms(terms))
    scales = data.scales["scales"]
    problems += _unique([(s["id"], "scales.yaml", f"scales[{i}].id") for i, s in enumerate(scales)])
    problems += list(_check_scales(data.scales))
    guidance_ids = list(_guidance_ids(data))
    problems += _unique(guidance_ids)
    problems += list(_check_page_ids(data))
    known = {gid for gid, _, _ in guidance_ids}
    items = {entry["id"]: entry for doc in data.guidance for page in doc["pages"] for block in page["blocks"]
             for entry in block.get("items", {}).get("entries", [])}
    pages = {p["id"] for doc in data.guidance for p in doc["pages"]}
    term_ids = {t["id"] for t in terms}
    for n, doc in enumerate(data.guidance):
        problems += list(_check_guidance(doc, data.files[f"guidance:{n}"], known, term_ids))
    scale_ids = {s["id"] for s in scales}
    banded = {s["id"] for s in scales if s.get("bands")}
    for aid, doc in data.assessments.items():
        file = data.files[f"assessment:{aid}"]
        problems += list(_check_assessment(doc, file, items, pages, scale_ids))
        problems += list(_check_na(doc, file))
        used = [doc["scale"], *(section.get("scale") for section in doc["sections"]),
                *(item.get("scale") for section in doc["sections"] for item in section["items"])]
        problems += [Problem("scale", f"the {scale} scale has no bands in scales.yaml, and a maturity assessment's "
                             "parts are read on bands", file) for scale in dict.fromkeys(used)
                     if doc["kind"] == "maturity" and scale in scale_ids and scale not in banded]
    return problems


def _unique(entries: list[tuple[str, str, str]]) -> list[Problem]:
    first: dict[str, tuple[str, str]] = {}
    problems = []
    for value, file, path in entries:
        if value in first:
            where = first[value]
            problems.append(Problem(path, f"{value!r} is already used at {where[0]}: {where[1]}; ids must be unique",
                                    file))
        else:
            first[value] = (file, path)
    return problems


def _check_terms(terms: list[dict[str, Any]]) -> Iterator[Problem]:
    first: dict[str, str] = {}
    for i, term in enumerate(terms):
        for key in ("term", "abbr"):
            if "]" in term.get(key, ""):
                # Abbreviation lines are *[term]: definition; a "]" ends the term early and the tooltip vanishes.
                yield Problem(f"terms[{i}].{key}", 'must not contain "]" (tooltips cannot show it); reword it',
                              "glossary.yaml")
        form = " ".join(term["term"].split()).casefold()
        if form in first:
            yield Problem(f"terms[{i}].term", f"{term['term']!r} is already defined at glossary.yaml: "
                          f"{first[form]}; one definition per term", "glossary.yaml")
        else:
            first[form] = f"terms[{i}].term"


def _check_page_ids(data: Data) -> Iterator[Problem]:
    for n, doc in enumerate(data.guidance):
        for p, page in enumerate(doc["pages"]):
            file, where = data.files[f"guidance:{n}"], f"pages[{p}].id"
            if page["id"] in GENERATED_GUIDANCE_PAGES:
                yield Problem(where, f"{page['id']!r} is the generated {page['id']} page's address; choose another id",
                              file)
            elif len(page["id"]) > MAX_PAGE_ID:
                yield Problem(where, f"too long ({len(page['id'])} characters; page ids become file names): "
                              f"shorten it to {MAX_PAGE_ID} or fewer", file)


def _check_scales(scales: dict[str, Any]) -> Iterator[Problem]:
    for i, scale in enumerate(scales["scales"]):
        values = [level["value"] for level in scale["levels"]]
        if values != list(range(len(values))):
            yield Problem(f"scales[{i}].levels", "values must run 0, 1, 2, ... in order "
                          f"(found {', '.join(map(str, values))})", "scales.yaml")
        yield from _check_bands(f"scales[{i}]", scale)


def _check_bands(base: str, scale: dict[str, Any]) -> Iterator[Problem]:
    """A scale's bands rise level by level from 0 (only the top band may be whole); split words for each pair of
    levels two or more apart."""
    bands = scale.get("bands", [])
    yield from _unique([(b["id"], "scales.yaml", f"{base}.bands[{n}].id") for n, b in enumerate(bands)])
    top = len(scale["levels"]) - 1
    order = [(band["level"], band.get("whole", False)) for band in bands]
    if bands and (order[0][0] != 0 or order != sorted(set(order)) or any(level > top for level, _ in order)
                  or any(whole for _, whole in order[:-1])):
        yield Problem(f"{base}.bands", "levels must start at 0 and rise band by band, each a level of the scale; "
                      "only the last band may be whole", "scales.yaml")
    pairs = {(high, low) for high in range(top + 1) for low in range(high - 1)}
    given = [(w["high"], w["low"]) for w in scale.get("split", {}).get("words", [])]
    if bands and pairs and "split" not in scale:
        yield Problem(base, "a scale with bands needs split words", "scales.yaml")
    elif given and sorted(given) != sorted(pairs):
        yield Problem(f"{base}.split.words", "needs one sentence for each pair of levels two or more apart: "
                      + ", ".join(f"high {h}, low {lo}" for h, lo in sorted(pairs)), "scales.yaml")


def _guidance_ids(data: Data) -> Iterator[tuple[str, str, str]]:
    for n, doc in enumerate(data.guidance):
        file = data.files[f"guidance:{n}"]
        for p, page in enumerate(doc["pages"]):
            yield page["id"], file, f"pages[{p}].id"
            for path, kind, group in page_groups(page, f"pages[{p}]."):
                if "id" in group:
                    yield group["id"], file, f"{path}.id"
                for e, entry in enumerate(group["entries"] if kind == "items" else []):
                    yield entry["id"], file, f"{path}.entries[{e}].id"


def _check_guidance(doc: dict[str, Any], file: str, known: set[str], terms: set[str]) -> Iterator[Problem]:
    for p, page in enumerate(doc["pages"]):
        for b, block in enumerate(page["blocks"]):
            group = block.get("items")
            if group is None:
                continue
            for e, entry in enumerate(group["entries"]):
                base = f"pages[{p}].blocks[{b}].items.entries[{e}]"
                for k, ref in enumerate(entry.get("see", [])):
                    if ref not in known:
                        yield Problem(f"{base}.see[{k}]", f"no guidance page or item has the id {ref!r}", file)
                for k, ref in enumerate(entry.get("glossary", [])):
                    if ref not in terms:
                        yield Problem(f"{base}.glossary[{k}]", f"no glossary term has the id {ref!r}", file)


def _check_assessment(doc: dict[str, Any], file: str, items: dict[str, Any], pages: set[str],
                      scales: set[str]) -> Iterator[Problem]:
    if doc["scale"] not in scales:
        yield Problem("scale", f"no scale {doc['scale']!r} in scales.yaml", file)
    for s, section in enumerate(doc["sections"]):
        own = [(f"sections[{s}].scale", section.get("scale"))] + [
            (f"sections[{s}].items[{i}].scale", item.get("scale")) for i, item in enumerate(section["items"])]
        for path, scale in own:
            if scale is None:
                continue
            if scale not in scales:
                yield Problem(path, f"no scale {scale!r} in scales.yaml", file)
            elif doc["kind"] != "maturity":
                yield Problem(path, "only a maturity assessment's items may have their own scale", file)
    if doc["guidance"] not in pages:
        yield Problem("guidance", f"no guidance page has the id {doc['guidance']!r}", file)
    for kind in ("matrix", "classification"):
        if (doc["kind"] == kind) != (kind in doc):
            need = "needs" if doc["kind"] == kind else "must not have"
            yield Problem(kind, f"a {doc['kind']} assessment {need} a {kind} block", file)
    for c, cls in enumerate(doc.get("classification", {}).get("classes", [])):
        if cls["ref"] not in items:
            yield Problem(f"classification.classes[{c}].ref", f"no guidance item has the id {cls['ref']!r}", file)
    classes = doc.get("classification", {}).get("classes", [])
    yield from _unique([(c["id"], file, f"classification.classes[{n}].id") for n, c in enumerate(classes)])
    options = doc.get("scope", {}).get("options", [])
    yield from _unique([(o["id"], file, f"scope.options[{n}].id") for n, o in enumerate(options)])
    yield from _unique([(b["id"], file, f"bands[{n}].id") for n, b in enumerate(doc.get("bands", []))
                        if isinstance(b, dict) and "id" in b])
    scopes = {o["id"] for o in options}
    entries = [(s, i, item) for s, section in enumerate(doc["sections"]) for i, item in enumerate(section["items"])]
    ids = {item["id"] for _, _, item in entries}
    yield from _unique([(sec["id"], file, f"sections[{s}].id") for s, sec in enumerate(doc["sections"])])
    yield from _unique([(item["id"], file, f"sections[{s}].items[{i}].id") for s, i, item in entries])
    yield from _check_parents(file, entries)
    flag = doc.get("matrix", {}).get("flag")
    if flag is not None and flag["item"] not in ids:
        yield Problem("matrix.flag.item", f"no criterion {flag['item']!r} in this assessment", file)
    for s, i, item in entries:
        base = f"sections[{s}].items[{i}]"
        ref = items.get(item.get("ref", ""))
        if "ref" in item and ref is None:
            yield Problem(f"{base}.ref", f"no guidance item has the id {item['ref']!r}", file)
        elif ref is None:
            yield from (Problem(f"{base}.{key}", "required when the item has no ref", file)
                        for key in ("title", "question") if key not in item)
        elif "question" not in item and "question" not in ref:
            yield Problem(f"{base}.question", f"required: guidance item {item['ref']!r} has no question to show", file)
        if "parent" in item and item["parent"] not in ids and item["parent"] != item["id"]:
            yield Problem(f"{base}.parent", f"no item {item['parent']!r} in this assessment", file)
        for k, note in enumerate(item.get("model_notes", [])):
            outside = sorted(set(note["models"]) - set(item.get("models", [1, 2, 3])))
            if outside:
                yield Problem(f"{base}.model_notes[{k}].models", "the item is not asked for model(s) "
                              f"{', '.join(map(str, outside))}; add them to the item's models or drop them here", file)
        for k, scope in enumerate(item.get("scopes", [])):
            if scope not in scopes:
                yield Problem(f"{base}.scopes[{k}]",
                              f"no scope option {scope!r}; add it under scope.options or remove it", file)


def _check_na(doc: dict[str, Any], file: str) -> Iterator[Problem]:
    """Not applicable is refused only with the source's reason, shown on the form (issue 30)."""
    places = [(f"sections[{s}]", section) for s, section in enumerate(doc["sections"])]
    places += [(f"sections[{s}].items[{i}]", item) for s, section in enumerate(doc["sections"])
               for i, item in enumerate(section["items"])]
    for path, place in places:
        if place.get("na") is False and "na_why" not in place:
            yield Problem(f"{path}.na_why", "required with na: false: say why the source expects this of every "
                          "authority", file)
        elif place.get("na") is not False and "na_why" in place:
            yield Problem(f"{path}.na_why", "only with na: false", file)


def _check_parents(file: str, entries: list[tuple[int, int, dict[str, Any]]]) -> Iterator[Problem]:
    """A parent chain must end: no item refines itself, directly or round a loop."""
    parents = {item["id"]: item.get("parent") for _, _, item in entries}
    for s, i, item in entries:
        seen = [item["id"]]
        at = item.get("parent")
        while at is not None and at in parents and at not in seen:
            seen.append(at)
            at = parents[at]
        if at == item["id"]:
            loop = " -> ".join([*seen, at])
            yield Problem(f"sections[{s}].items[{i}].parent",
                          f"the items refine each other in a loop ({loop}); remove one parent", file)


def check_quoting(doc: dict[str, Any], file: str) -> Iterator[Problem]:
    """A guidance list's entries and a table's cells are all quoted English (the default) or, with ``quoted:
    false``, all the toolkit's own words in both languages: a Welsh page labels the first as quoted, never the
    second (run on the bilingual data, before one language is picked)."""
    for p, page in enumerate(doc["pages"]):
        for path, kind, group in page_groups(page, f"pages[{p}]."):
            if kind == "items":
                continue
            quoted = group.get("quoted", True)
            cells = ([(f"entries[{e}]", v) for e, v in enumerate(group["entries"])] if kind == "list" else
                     [(f"rows[{r}][{c}]", v) for r, row in enumerate(group["rows"]) for c, v in enumerate(row)])
            for where, value in cells:
                if is_text(value) == quoted:
                    need = "plain quoted English (or set quoted: false)" if quoted else "{en, cy}: quoted is false"
                    yield Problem(f"{path}.{where}", f"must be {need}", file)
