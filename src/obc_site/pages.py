"""Renders every generated page (guidance, models, glossary, terms, sources, assessments) to Markdown from the data."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
from markupsafe import escape

from obc_assess.core import catalogue
from obc_assess.core.catalogue import text
from obc_assess.core.form_words import DATE_EXAMPLE, field_label
from obc_assess.core.languages import DEFAULT
from obc_assess.core.responses import roles as role_labels
from obc_assess.core.size import form_size
from obc_assess.core.tailor import effects
from obc_assess.core.team_text import disagreement_words
from obc_assess.host.loader import Data, GuidanceEntry, guidance_index, page_url

TEMPLATES = Path(__file__).parent / "templates"


def roles(lang: str) -> list[tuple[str, str]]:
    """The role menu: "" first, offered as a prompt rather than "Not given"."""
    return [("", text(lang, "site.form.choose_role")), *((value, label) for value, label in role_labels(lang).items()
                                                          if value)]


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", " ".join(text.split()))
    return match.group(1) if match else text


def _cell(text: str) -> str:
    """Markdown table cells: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _num(value: float) -> str:
    return f"{value:g}"


# The Welsh alphabet's order (CLDR's Welsh collation): ch after c, dd after d, ng after g, ll after l, ...
_WELSH = ("a", "b", "c", "ch", "d", "dd", "e", "f", "ff", "g", "ng", "h", "i", "j", "l", "ll", "m", "n", "o", "p",
          "ph", "r", "rh", "s", "t", "th", "u", "w", "y")
_WELSH_LETTER = re.compile("|".join(sorted(_WELSH, key=len, reverse=True)) + "|.")


def sort_key(lang: str) -> Callable[[str], Any]:
    """How a language sorts words: Welsh by its own alphabet, accents aside; English by letter."""

    def welsh(word: str) -> list[tuple[int, str]]:
        plain = unicodedata.normalize("NFKD", word.casefold()).encode("ascii", "ignore").decode()
        return [(_WELSH.index(c), c) if c in _WELSH else (len(_WELSH), c) for c in _WELSH_LETTER.findall(plain)]

    return welsh if lang == "cy" else str.casefold


def _note_parts(note: dict[str, Any]) -> tuple[str, str]:
    """A model note's sentence as (the quoted English, the toolkit's own words after it)."""
    quoted = f"{note['cite']}: \u201c{note['quote']}\u201d"
    text = str(note["text"])
    return (quoted, text[len(quoted):]) if text.startswith(quoted) else ("", text)


class _DataEnvironment(jinja2.Environment):
    """Jinja where a mapping's ``x.key`` and ``x["key"]`` mean its key only, never a dict method.

    Plain Jinja falls back to attributes, so ``block["items"]`` on a table block found ``dict.items`` (truthy) and
    drew every guidance table as an empty item group.
    """

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, dict):
            return obj[argument] if argument in obj else self.undefined(obj=obj, name=argument)
        return super().getitem(obj, argument)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, dict):
            return self.getitem(obj, attribute)
        return super().getattr(obj, attribute)


def words(lang: str, html: bool) -> Callable[..., str]:
    """The templates' ``t``: a ``site.<key>`` text of the catalogue in ``lang``, its ``{fields}`` filled.

    ``t(key, n=3)`` picks ``<key>.one`` or ``<key>.other`` by the number (English plurals; Welsh keeps the noun
    singular after a number, so its two texts are often the same). In HTML the text is escaped and so is every
    field, unless the field is markup already (``"<code>x</code>" | safe``).
    """

    def t(key: str, n: int | None = None, **fields: Any) -> str:
        if n is not None:
            key, fields = f"{key}.{'one' if n == 1 else 'other'}", {**fields, "n": n}
        raw = text(lang, f"site.{key}")
        if html:
            return escape(raw).format(**fields) if fields else escape(raw)
        return raw.format(**fields) if fields else raw

    return t


def environment(autoescape: bool, lang: str = DEFAULT) -> jinja2.Environment:
    """The Jinja environment for Markdown (no escaping) or HTML (escaping) templates, with the words of ``lang``."""
    # Lenient undefined: most data keys are optional, and templates test them with `if`.
    env = _DataEnvironment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=autoescape,
                             keep_trailing_newline=True)
    env.filters.update(first_sentence=_first_sentence, cell=_cell, num=_num, note_parts=_note_parts,
                       first_clause=lambda text: str(text).split(" (")[0].split(",")[0])
    env.globals.update(lang=lang, t=words(lang, autoescape))
    return env


class Site:
    """The data and the lookups every page template needs."""

    def __init__(self, data: Data, definitions: dict[str, dict[str, Any]]) -> None:
        self.data = data
        self.index: dict[str, GuidanceEntry] = guidance_index(data)
        self.sources = {s["id"]: s for s in data.sources}
        self.pages = [(doc["source"], page) for doc in data.guidance for page in doc["pages"]]
        self.definitions = definitions
        self.terms = {t["id"]: t["term"] for t in data.glossary["terms"]}
        # Questions quoted from the guidance (English on a Welsh page too), as opposed to an assessment's own.
        self.quoted_questions = {str(entry.item["question"]) for entry in self.index.values()
                                 if entry.item and "question" in entry.item}
        self.md = environment(autoescape=False, lang=data.lang)
        self.html = environment(autoescape=True, lang=data.lang)

    def _globals(self, path: str) -> dict[str, Any]:
        depth = len(PurePosixPath(path).parts) - 1
        root = "../" * depth

        def link(target: str) -> str:
            # Markdown links to .md files, so that MkDocs checks them and fixes them for any base URL.
            entry = self.index[target]
            anchor = "" if entry.kind == "page" else f"#{entry.id}"
            return f"{root}guidance/{entry.page_id}.md{anchor}"

        def title(target: str) -> str:
            return self.index[target].title

        return {"root": root, "link": link, "title": title, "term": self.terms.__getitem__,
                "quoted_questions": self.quoted_questions}

    def render(self, template: str, path: str, **context: Any) -> str:
        env = self.html if template.endswith(".html.j2") else self.md
        return env.get_template(template).render({**self._globals(path), **context})

    def raw_html(self, template: str, path: str, urls: AssetUrls, d: dict[str, Any], **context: Any) -> str:
        """An HTML block for the Markdown page at ``path``, wired to the assessment's browser assets."""
        # MkDocs rewrites Markdown links but not raw HTML: these are relative to the page's URL (x.md is served
        # as x/), one level deeper than its file.
        root = "../" * len(PurePosixPath(path).parts)
        # The browser modules' words in the page's language (words.mjs reads them).
        html = self.render(template, path, root=root, d=d, definition_url=urls.definitions[d["id"]],
                           runtime_url=urls.runtime, package_url=urls.package,
                           browser_words=catalogue.part(self.data.lang, "browser"), **context)
        # Python-Markdown keeps a raw HTML block whole only if it has no blank lines.
        return "\n".join(line for line in html.splitlines() if line.strip())

    def pages_by_source(self) -> dict[str, list[dict[str, Any]]]:
        grouped: dict[str, list[dict[str, Any]]] = {s: [] for s in self.sources}
        for source, page in self.pages:
            grouped[source].append(page)
        return grouped


@dataclass(frozen=True)
class AssetUrls:
    """Site-relative URLs of the files the browser assessments load (content-hashed, so cacheable)."""

    runtime: str  # the Pyodide runtime folder, versioned
    package: str  # the site's python_stdlib zip: trimmed, compiled, obc_assess inside
    definitions: dict[str, str]  # assessment id -> its definition JSON


def generated_pages(data: Data, urls: AssetUrls, definitions: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Every generated page: docs-relative path -> Markdown (``definitions`` from obc_assess.core.definition.build_all,
    built once per build and shared with the browser assets)."""
    site = Site(data, definitions)
    out: dict[str, str] = {}
    for source, page in site.pages:
        path = f"{page_url(page['id']).rstrip('/')}.md"
        out[path] = site.render("guidance_page.md.j2", path, page=page, source=site.sources[source])
    grouped = site.pages_by_source()
    sources = [site.sources[s["id"]] for s in data.sources]
    out["guidance/index.md"] = site.render("guidance_index.md.j2", "guidance/index.md", sources=sources,
                                           pages_by_source=grouped)
    out["sources.md"] = site.render("sources.md.j2", "sources.md", sources=sources, pages_by_source=grouped,
                                    provenance=data.provenance)
    out["guidance/models.md"] = _models_page(site)
    out["guidance/glossary.md"] = site.render(
        "glossary.md.j2", "guidance/glossary.md", glossary=data.glossary,
        source=site.sources[data.glossary["source"]],
        terms=sorted(data.glossary["terms"], key=lambda t: sort_key(data.lang)(str(t["term"]))))
    out["terms.md"] = site.render("terms.md.j2", "terms.md", terms=data.terms)
    out.update(assessment_pages(site, urls))
    out.update(team_pages(site, urls))
    return out


def _models_page(site: Site) -> str:
    """The three models, each followed by every guidance item tagged with it."""
    tagged: dict[int, list[dict[str, Any]]] = {m["id"]: [] for m in site.data.models}
    for entry in site.index.values():
        for model in (entry.item or {}).get("models", []):
            tagged[model].append({"id": entry.id, "name": (entry.item or {})["name"], "page_id": entry.page_id})
    meta = site.data.models_meta
    # What each assessment does with the model, worked out from its items so the page cannot go stale.
    uses = [{"d": d, **effects(d)} for d in site.definitions.values()]
    return site.render("models.md.j2", "guidance/models.md", models=site.data.models, tagged=tagged,
                       models_doc=meta, source=site.sources[meta["source"]], uses=uses,
                       asking=sum(use["asks"] for use in uses))


def assessment_pages(site: Site, urls: AssetUrls) -> dict[str, str]:
    """The assessments index and one questionnaire page per assessment."""
    out: dict[str, str] = {}
    defs = list(site.definitions.values())
    # Each form's size up front (issue 31): Python counts it from the definition; the time is the toolkit's estimate.
    sizes = {d["id"]: form_size(d, site.data.scales["pace"]["seconds_per_question"]) for d in defs}
    out["assessments/index.md"] = site.render("assessments_index.md.j2", "assessments/index.md", assessments=defs,
                                              sizes=sizes)
    for d in defs:
        path = f"assessments/{d['id']}.md"
        maturity = d["kind"] == "maturity"
        # Rows shown before JavaScript adds more: enough to start a matrix or a list of measures by hand.
        counts = {"questions": sum(len(s["items"]) for s in d["sections"]) if maturity else 0, "rows": 3}
        form = site.raw_html("assessment_form.html.j2", path, urls, d=d, counts=counts, roles=roles(site.data.lang),
                             model_effects=effects(d),
                             field_label=partial(field_label, lang=site.data.lang),
                             date_example=DATE_EXAMPLE)
        keep = site.raw_html("assessment_keep.html.j2", path, urls, d=d)  # issue 33: answers kept safe
        out[path] = site.render("assessment.md.j2", path, d=d, form=form, keep=keep, size=sizes[d["id"]],
                                source=site.sources[d["source"]["id"]],
                                note=site.data.assessments[d["id"]].get("note"),
                                guidance_md=d["guidance_url"].rstrip("/") + ".md", team_md=team_path(d["id"]),
                                runtime_url=urls.runtime, package_url=urls.package,
                                definition_url=urls.definitions[d["id"]])
    return out


def team_path(assessment_id: str) -> str:
    """The docs-relative path of an assessment's team and progress page."""
    return f"assessments/team/{assessment_id}.md"


def team_pages(site: Site, urls: AssetUrls) -> dict[str, str]:
    """One team and progress page per assessment: merge several people's answers, compare two over time."""
    out: dict[str, str] = {}
    for d in site.definitions.values():
        path = team_path(d["id"])
        # The page's size guard (the definition's limits) and agreement rule are Python's, rendered in at build time.
        tools = site.raw_html("team_tools.html.j2", path, urls, d=d,
                              disagreement=disagreement_words(site.data.lang)["rule"])
        out[path] = site.render("team.md.j2", path, d=d, tools=tools, source=site.sources[d["source"]["id"]],
                                definition_url=urls.definitions[d["id"]], runtime_url=urls.runtime,
                                package_url=urls.package)
    return out
