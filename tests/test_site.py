"""The site generator: small cases for its functions, and a strict MkDocs build of the real data."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from obc_assess.loader import Data, guidance_index, load_data
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


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return site


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


@pytest.mark.parametrize("path", ["404.html", "index.html", "guidance/glossary/index.html"])
def test_every_inline_script_is_in_the_policy(built: Path, path: str) -> None:
    page = (built / path).read_text(encoding="utf-8")
    assert PLACEHOLDER not in page
    assert _policy_hashes(page) == set(inline_script_hashes(page))
    # Material's storage helpers are the guarded override: a blocked or null localStorage reads as nothing.
    assert "__md_get=(e,_,t=__md_scope)=>{try{" in page


def test_js_is_said_in_the_head(built: Path) -> None:
    # Issue 15: the js class is set before the first paint, so what it hides or shows never moves the page once
    # Material's bundle has run.
    for path in ("index.html", "guidance/framework-standards/index.html", "404.html"):
        page = (built / path).read_text(encoding="utf-8")
        head = page.split("</head>", 1)[0]
        assert '<script>document.documentElement.classList.replace("no-js","js")</script>' in head, path
