"""The site generator: small cases for its functions, and a strict MkDocs build of the real data."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from obc_assess.host.loader import Data, guidance_index, load_data
from obc_site.csp import PLACEHOLDER, inline_script_hashes
from obc_site.pages import _cell, _first_sentence
from obc_site.site import abbreviations, navigation

ROOT = Path(__file__).resolve().parent.parent


def _tiny(terms: list[dict[str, object]]) -> Data:
    return replace(load_data(), glossary={"source": "framework2010", "section": "Appendix 2", "terms": terms})


ABBREVIATIONS = [
    # A plain term gets its lower-case form too, because running text writes "care package".
    ([{"id": "care-package", "term": "Care Package", "definition": "Services."}],
     ["*[Care Package]: Services.", "*[care package]: Services."]),
    # An abbreviation is marked as well as the term.
    ([{"id": "best-value", "term": "Best Value", "abbr": "BV", "definition": "Value\nfor money."}],
     ["*[Best Value]: Value for money.", "*[best value]: Value for money.", "*[BV]: Value for money."]),
    # Acronym terms keep their case only.
    ([{"id": "lhb", "term": "LHB", "definition": "A board."}], ["*[LHB]: A board."]),
    # tooltip: false leaves a term out of running text (too common to mark everywhere).
    ([{"id": "contract", "term": "Contract", "definition": "An agreement.", "tooltip": False}], []),
]


@pytest.mark.parametrize(("terms", "lines"), ABBREVIATIONS)
def test_abbreviations(terms: list[dict[str, object]], lines: list[str]) -> None:
    assert [line for line in abbreviations(_tiny(terms)).splitlines() if line] == lines


@pytest.mark.parametrize(("text", "first"), [
    ("One. Two.", "One."),
    ("No full stop", "No full stop"),
    ("Line\nbreaks are joined. Then more.", "Line breaks are joined."),
])
def test_first_sentence(text: str, first: str) -> None:
    assert _first_sentence(text) == first


def test_cell_escapes_pipes_and_joins_lines() -> None:
    assert _cell("a | b\nc") == "a \\| b c"


def test_navigation_lists_every_page_and_assessment() -> None:
    data = load_data()
    flat = json.dumps(navigation(data))
    for doc in data.guidance:
        for page in doc["pages"]:
            assert f"guidance/{page['id']}.md" in flat
    for aid in data.assessments:
        assert f"assessments/{aid}.md" in flat


def test_every_guidance_page_is_built_and_names_its_items(built: Path) -> None:
    data = load_data()
    sources = {s["id"]: s for s in data.sources}
    for doc in data.guidance:
        for page in doc["pages"]:
            raw = (built / "guidance" / page["id"] / "index.html").read_text(encoding="utf-8")
            # Glossary tooltips wrap terms in <abbr>: compare the text a reader sees.
            text = html.unescape(re.sub(r"<[^>]+>", "", raw))
            assert sources[doc["source"]]["title"] in text, page["id"]
            assert page["section"] in text, page["id"]
    for entry in guidance_index(data).values():
        if entry.item is None:
            continue
        text = (built / "guidance" / entry.page_id / "index.html").read_text(encoding="utf-8")
        assert f'id="{entry.id}"' in text, entry.id


def test_standards_and_domains_are_searchable(built: Path) -> None:
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    assert "Standard 7: standing orders that support commissioning" in titles  # the number and its topic
    assert "Outcomes focus" in titles


def test_glossary_terms_are_tooltips(built: Path) -> None:
    text = (built / "guidance" / "framework-standards" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="' in text


def test_assessment_pages_are_forms(built: Path) -> None:
    for aid in load_data().assessments:
        text = (built / "assessments" / aid / "index.html").read_text(encoding="utf-8")
        assert "<form" in text and "<fieldset" in text and "<legend>" in text, aid


def test_pyodide_runtime_is_served_from_the_site(built: Path) -> None:
    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    runtime = built / "assets" / "pyodide" / version
    assert (runtime / "pyodide.asm.wasm").stat().st_size > 1_000_000
    assert list((built / "assets" / "obc").glob("python_stdlib-*.zip"))


def _words(value: object) -> set[str]:
    """The words of a data value (any nesting), as a reader sees them: Markdown and HTML markup aside."""
    if isinstance(value, dict):
        return set().union(*(_words(v) for k, v in value.items() if k not in {"id", "see", "glossary", "models",
                                                                               "ordered", "quoted"}))
    if isinstance(value, list):
        return set().union(set(), *(_words(v) for v in value))
    text = re.sub(r"\]\([^)]*\)", "]", str(value))  # a Markdown link's target is not shown
    return set(re.findall(r"[^\W_]{4,}", text.casefold()))


def _cells(row: str) -> list[str]:
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", c)).split())
            for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]


def test_every_block_kind_is_built_with_its_content(built: Path) -> None:
    data = load_data()
    kinds: set[str] = set()
    for doc in data.guidance:
        for page in doc["pages"]:
            raw = (built / "guidance" / page["id"] / "index.html").read_text(encoding="utf-8")
            main = raw[raw.index('<article'):raw.index('</article>')]
            shown = _words(html.unescape(re.sub(r"<[^>]+>", " ", main)))
            tables = [[_cells(row) for row in re.findall(r"<tr>(.*?)</tr>", t, re.S)]
                      for t in re.findall(r"<table>(.*?)</table>", main, re.S)]
            for b, block in enumerate(page["blocks"]):
                (kind, body), = block.items()
                kinds.add(kind)
                missing = _words(body) - shown
                assert not missing, (page["id"], b, kind, sorted(missing)[:5])
                if kind == "table":
                    expected = [[" ".join(c.split()) for c in row] for row in [body["columns"], *body["rows"]]]
                    assert expected in tables, (page["id"], b)
    # Every kind the guidance schema allows is in the real data, so each is checked above.
    assert kinds == {"text", "quote", "list", "items", "table"}


def _policy_hashes(page: str) -> set[str]:
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy, "no policy"
    return set(re.findall(r"'sha256-[^']+'", policy.group(1)))


@pytest.mark.parametrize("path", ["404.html", "index.html", "guidance/glossary/index.html", "cy/404.html",
                                  "cy/index.html", "cy/assessments/procurement-review/index.html"])
def test_every_inline_script_is_in_the_policy(built: Path, path: str) -> None:
    page = (built / path).read_text(encoding="utf-8")
    assert PLACEHOLDER not in page
    assert _policy_hashes(page) == set(inline_script_hashes(page))
    # Material's storage helpers are the guarded override: a blocked or null localStorage reads as nothing.
    assert "__md_get=(e,_,t=__md_scope)=>{try{" in page


def test_js_is_said_in_the_head(built: Path) -> None:
    # Issue 15: the js class is set before the first paint, so what it hides or shows never moves the page once
    # Material's bundle has run.
    for path in ("index.html", "guidance/framework-standards/index.html", "404.html", "cy/index.html",
                 "cy/404.html"):
        page = (built / path).read_text(encoding="utf-8")
        head = page.split("</head>", 1)[0]
        assert ('<script>if("noModule"in HTMLScriptElement.prototype)'
                'document.documentElement.classList.replace("no-js","js")</script>') in head, path


# Issue 12: the site in Welsh, at cy/, built by mkdocs.cy.yml beside the English site.

def test_every_page_is_built_in_both_languages(built: Path) -> None:
    english = {p.relative_to(built) for p in built.rglob("*.html") if "cy" not in p.relative_to(built).parts[:1]}
    welsh = {p.relative_to(built / "cy") for p in (built / "cy").rglob("*.html")}
    assert len(english) > 30
    assert english == welsh
    for path in english:
        assert '<html lang="en"' in (built / path).read_text(encoding="utf-8"), path
        assert '<html lang="cy"' in (built / "cy" / path).read_text(encoding="utf-8"), path


@pytest.mark.parametrize(("page", "heading"), [
    ("index.html", "Pecyn cymorth comisiynu ar sail canlyniadau"),
    ("how-to-use/index.html", "Sut i ddefnyddio'r pecyn cymorth"),
    ("accessibility/index.html", "Datganiad hygyrchedd"),
    ("privacy/index.html", "Preifatrwydd"),
    ("responses-format/index.html", "Fformat y ffeil ymatebion"),
])
def test_welsh_prose_pages_come_from_docs_cy(built: Path, page: str, heading: str) -> None:
    text = html.unescape((built / "cy" / page).read_text(encoding="utf-8"))
    assert re.search(rf"<h1[^>]*>{re.escape(heading)}", text), page


def test_the_english_build_leaves_the_welsh_sources_out(built: Path) -> None:
    assert not (built / "cy" / "cy").exists()
    assert not list(built.glob("cy/*.md"))


def test_accessibility_says_the_welsh_text_is_the_toolkits_own(built: Path) -> None:
    def shown(path: Path) -> str:
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())

    english = shown(built / "accessibility" / "index.html")
    welsh = shown(built / "cy" / "accessibility" / "index.html")
    assert "planned" not in english
    assert "The Welsh text is the toolkit's own" in english and "please tell us" in english
    assert "Gwaith y pecyn cymorth ei hun yw'r testun Cymraeg" in welsh and "rhowch wybod i ni" in welsh


def test_accessibility_says_which_browsers_are_supported_in_both_languages(built: Path) -> None:
    def shown(path: Path) -> str:
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())

    english = shown(built / "accessibility" / "index.html")
    welsh = shown(built / "cy" / "accessibility" / "index.html")
    for browser in ("Chrome", "Microsoft Edge", "Firefox ESR", "Safari on macOS, iPhone and iPad", "Samsung Internet"):
        assert browser in english
    assert "Browsers and devices" in english and "Porwyr a dyfeisiau" in welsh
    assert "the assessment page says so as soon as it opens" in english
    assert "mae tudalen yr asesiad yn dweud hynny cyn gynted ag y mae'n agor" in welsh
    assert "after seven days in which you used the browser but did not visit that website" in english
    assert "ar ôl saith diwrnod" in welsh


def _alternates(text: str) -> dict[str, str]:
    return dict((lang, href) for href, lang in re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">',
                                                         text))


def test_every_page_links_each_language_and_switches_to_the_same_page(built: Path) -> None:
    from urllib.parse import urljoin
    wrong = []
    for page in sorted(built.rglob("index.html")):
        rel = page.relative_to(built).as_posix()
        welsh = rel.startswith("cy/")
        english_path = rel.removeprefix("cy/").removesuffix("index.html")
        text = page.read_text(encoding="utf-8")
        at = "https://example.org/" + rel.removesuffix("index.html")
        # The head's hreflang links: this same page in each language, English the default (search engines and
        # assistive tools take them as the page's translations).
        found = {lang: urljoin(at, href) for lang, href in _alternates(text).items()}
        english, welsh_page = "https://example.org/" + english_path, "https://example.org/cy/" + english_path
        if found != {"en": english, "cy": welsh_page, "x-default": english}:
            wrong.append(f"{rel}: {found}")
        # The header's switch: this same page in the other language, its name marked in that language.
        other = "en" if welsh else "cy"
        expected = "https://example.org/" + ("" if welsh else "cy/") + english_path
        switch = re.search(rf'<a href="([^"]*)" hreflang="{other}" lang="{other}" class="md-select__link">', text)
        if not switch or urljoin(at, switch.group(1)) != expected:
            wrong.append(f"{rel}: switch {switch and switch.group(1)}")
    assert not wrong, "\n".join(wrong[:20])


def test_the_welsh_site_shares_the_english_pyodide_runtime_and_package(built: Path) -> None:
    assert list((built / "assets" / "pyodide").glob("*/pyodide.asm.wasm"))
    assert not (built / "cy" / "assets" / "pyodide").exists()
    form = (built / "cy" / "assessments" / "procurement-review" / "index.html").read_text(encoding="utf-8")
    runtime = re.search(r'data-obc-runtime="([^"]*)"', form)
    assert runtime and runtime.group(1).startswith("../../../assets/pyodide/")
    # The package zip (named by its content's hash) is shared too; each language has its own definitions.
    package = re.search(r'data-obc-package="([^"]*)"', form)
    assert package and package.group(1).startswith("../../../assets/obc/python_stdlib-")
    assert (built / "assets" / "obc" / package.group(1).rsplit("/", 1)[1]).is_file()
    assert not list((built / "cy" / "assets" / "obc").glob("*.zip"))
    assert list((built / "cy" / "assets" / "obc").glob("procurement-review-*.json"))


def test_each_language_has_its_own_search_index(built: Path) -> None:
    english = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    welsh = json.loads((built / "cy" / "search" / "search_index.json").read_text(encoding="utf-8"))
    # lunr has no Welsh stemmer or stop words: the Welsh index is not cut by English rules.
    assert english["config"]["pipeline"] == ["stopWordFilter"]
    assert welsh["config"]["pipeline"] == []
    titles = {doc["title"] for doc in welsh["docs"]}
    assert "Sut i ddefnyddio'r pecyn cymorth" in titles and "Datganiad hygyrchedd" in titles
    assert "How to use the toolkit" not in titles
    assert {doc["location"] for doc in welsh["docs"]} >= {"how-to-use/", "accessibility/"}


def test_welsh_navigation_words_come_from_the_catalogue() -> None:
    flat = json.dumps(navigation(load_data(lang="cy")), ensure_ascii=False)
    assert all(word in flat for word in ("Hafan", "Canllawiau", "Asesiadau", "Tîm a chynnydd", "Ynghylch"))
    assert "Team and progress" not in flat


@pytest.mark.parametrize(("path", "heading"), [("404.html", "404 - Not found"),
                                               ("cy/404.html", "404 - Heb ddod o hyd i'r dudalen")])
def test_the_not_found_page_is_in_its_language(built: Path, path: str, heading: str) -> None:
    assert f"<h1>{heading}</h1>" in html.unescape((built / path).read_text(encoding="utf-8"))
