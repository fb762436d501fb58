"""The generated pages in two languages: the site's words in both catalogues, quotations kept in English and
marked (labelled in Welsh on Welsh pages), the Welsh glossary, the terms page, and room for an official Welsh text."""

from __future__ import annotations

import html
import json
import re
import string
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from obc_assess.core.catalogue import part
from obc_assess.host.building import build_all
from obc_assess.host.loader import Data, load_data
from obc_site.pages import TEMPLATES, AssetUrls, Site, generated_pages, sort_key, words
from obc_site.site import abbreviations

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = ROOT / "src" / "obc_assess" / "core" / "messages"
URLS = AssetUrls("assets/pyodide/x/", "assets/obc/stdlib.zip", {})


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@cache
def _data(lang: str) -> Data:
    return load_data(lang=lang)


def _pages(data: Data) -> dict[str, str]:
    definitions = build_all(data)
    urls = replace(URLS, definitions={aid: f"assets/obc/{aid}.json" for aid in definitions})
    return generated_pages(data, urls, definitions)


# --- the catalogue ------------------------------------------------------------------------------------------------

def test_site_words_have_the_same_keys_and_fields_in_english_and_welsh() -> None:
    en, cy = part("en", "site"), part("cy", "site")
    assert sorted(en) == sorted(cy)
    assert {key: _fields(text) for key, text in en.items()} == {key: _fields(text) for key, text in cy.items()}
    assert all(cy.values()) and all(en.values())


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_site_catalogue_files_are_sorted_flat_json(lang: str) -> None:
    raw = (MESSAGES / lang / "site.json").read_text(encoding="utf-8")
    words_ = json.loads(raw)
    assert list(words_) == sorted(words_)
    assert all(isinstance(value, str) for value in words_.values())


def test_plural_words_come_in_pairs() -> None:
    keys = set(part("en", "site"))
    stems = {key.rsplit(".", 1)[0] for key in keys if key.endswith((".one", ".other"))}
    assert stems, "no counted words"
    assert all({f"{stem}.one", f"{stem}.other"} <= keys for stem in stems)


# t("...") with a literal key; the few keys built from a variable name their prefix in the template.
_LITERAL = re.compile(r"""\bt\(\s*"([a-z_.]*[a-z_])"(\s*,\s*n=)?""")
_BUILT = re.compile(r"""\bt\(\s*"([a-z_.]+\.)"\s*~""")


def test_every_word_a_template_asks_for_is_in_the_catalogue_and_every_word_is_used() -> None:
    keys = set(part("en", "site"))
    used: set[str] = set()
    prefixes: set[str] = set()
    sources = [p.read_text(encoding="utf-8") for p in TEMPLATES.glob("*.j2")]
    sources += [(ROOT / "src" / "obc_site" / name).read_text(encoding="utf-8") for name in ("pages.py", "site.py")]
    sources += [path.read_text(encoding="utf-8") for path in (ROOT / "hooks").glob("*.py")]
    # Material's overrides read the site words as obc_words.<key> (hooks/language.py puts them in the theme).
    used |= {key for path in (ROOT / "overrides").rglob("*.html")
             for key in re.findall(r"\bobc_words\.([a-z_]+)", path.read_text(encoding="utf-8"))}
    for text in sources:
        for key, counted in _LITERAL.findall(text):
            used |= {f"{key}.one", f"{key}.other"} if counted else {key}
        prefixes |= set(_BUILT.findall(text))
        used |= set(re.findall(r'"site\.([a-z_.]+)"', text))
        # keys picked between two literals: t("a" if x else "b")
        used |= set(re.findall(r'\bt\(\s*"[a-z_.]+"\s+if\s+[^)]*?\s+else\s+"([a-z_.]+)"', text))
        used |= set(re.findall(r'\bt\("([a-z_.]+)"\s+if', text))
    assert used - keys == set(), "asked for but not in the catalogue"
    unused = {key for key in keys - used if not any(key.startswith(prefix) for prefix in prefixes)}
    assert unused == set(), "in the catalogue but no template uses it"


@pytest.mark.parametrize(("lang", "html_", "expected"), [
    ("en", False, "Source: <x> (P, D), S."),
    ("en", True, "Source: &lt;x&gt; (P, D), S."),
    ("cy", False, "Ffynhonnell: <x> (P, D), S."),
])
def test_words_fill_fields_and_escape_them_in_html(lang: str, html_: bool, expected: str) -> None:
    t = words(lang, html_)
    assert str(t("source.line", title="<x>", publisher="P", date="D", section="S")) == expected


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("en", 1, "1 item"), ("en", 3, "3 items"), ("cy", 1, "1 eitem"), ("cy", 3, "3 eitem")])
def test_counted_words(lang: str, n: int, expected: str) -> None:
    assert words(lang, True)("form.items", n=n) == expected


# --- the built Welsh and English sites ----------------------------------------------------------------------------

# The session's one strict build (tests/conftest.py): English at its root, Welsh in cy/, as mkdocs.yml and
# mkdocs.cy.yml build them.
@pytest.fixture(scope="module")
def welsh(built: Path) -> Path:
    return built / "cy"


@pytest.fixture(scope="module")
def english(built: Path) -> Path:
    return built


def _article(site: Path, page: str) -> str:
    raw = (site / page / "index.html").read_text(encoding="utf-8")
    return raw[raw.index("<article"):raw.index("</article>")]


def _text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def _quotes(article: str) -> list[str]:
    return re.findall(r'<blockquote class="obc-quote">(.*?)</blockquote>', article, re.S)


QUOTED_FROM_ENGLISH = "Dyfyniad o'r ffynhonnell Saesneg"


def _guidance_pages() -> list[str]:
    return [f"guidance/{page['id']}" for doc in _data("en").guidance for page in doc["pages"]]


def test_every_welsh_quotation_is_english_marked_and_labelled_in_welsh(welsh: Path) -> None:
    count = 0
    for page in [*_guidance_pages(), "guidance/models"]:
        for quote in _quotes(_article(welsh, page)):
            count += 1
            assert _text(re.findall(r'<p class="obc-quoted-label">(.*?)</p>', quote)[0]) == QUOTED_FROM_ENGLISH, page
            assert '<div lang="en">' in quote, page
            # The citation is English too, after a Welsh word.
            assert re.search(r'<small>Dyfynnwyd (\(<span lang="en">[^<]+</span>\) )?o: <span lang="en">', quote), page
    assert count > 100


def test_english_quotations_are_marked_but_carry_no_label(english: Path) -> None:
    for page in _guidance_pages():
        article = _article(english, page)
        assert "obc-quoted-label" not in article, page
        for quote in _quotes(article):
            assert '<div lang="en">' in quote and "<small>Quoted" in quote, page


def test_welsh_items_keep_their_quoted_questions_and_points_in_english(welsh: Path) -> None:
    checked = 0
    for doc in _data("cy").guidance:
        for page in doc["pages"]:
            items = [item for block in page["blocks"] if "items" in block for item in block["items"]["entries"]]
            if not any("question" in item or "points" in item for item in items):
                continue
            article = _article(welsh, f"guidance/{page['id']}")
            english = " ".join(_text(m) for m in re.findall(r'<(span|div) lang="en">(.*?)</\1>', article, re.S)
                               for m in m[1:])
            for item in items:
                for quoted in [item.get("question"), *item.get("points", [])]:
                    if quoted:
                        checked += 1
                        # Markdown emphasis and links aside, the words are inside lang="en".
                        words_ = re.sub(r"\[([^]]*)\]\([^)]*\)|[*_`]", r"\1", " ".join(str(quoted).split()))
                        assert words_[:60] in english, (page["id"], item["id"])
    assert checked > 50


def test_welsh_assessment_marks_quoted_statements_and_questions(welsh: Path) -> None:
    article = _article(welsh, "assessments/commissioning-standards")
    quotes = re.findall(r'<p class="obc-quote">(.*?)</p>', article, re.S)
    assert quotes
    for quote in quotes:
        assert "(dyfyniad o&#39;r ffynhonnell Saesneg)" in quote and '<span lang="en">' in quote


def test_welsh_glossary_gives_both_terms_the_quoted_definition_and_the_toolkits_explanation(welsh: Path) -> None:
    article = _article(welsh, "guidance/glossary")
    english = {t["id"]: t for t in _data("en").glossary["terms"]}
    for term in _data("cy").glossary["terms"]:
        entry = re.search(rf'<dt id="{term["id"]}">(.*?)</dt>\s*<dd>(.*?)</dd>', article, re.S)
        assert entry, term["id"]
        head, body = entry.groups()
        assert term["term"] in _text(head) and f'<span lang="en">{html.escape(english[term["id"]]["term"])}</span>' \
            in head.replace("&#x27;", "'"), term["id"]
        assert "Dyfyniad o&#39;r ffynhonnell Saesneg:" in body or "Dyfyniad o'r ffynhonnell Saesneg:" in body
        assert " ".join(str(term["definition"]).split()) in _text(body)
        assert "Esboniad y pecyn cymorth ei hun:" in _text(body)
        assert " ".join(str(term["gloss_cy"]).split()) in _text(body)
    assert 'href="../../terms/"' in article


def test_english_glossary_is_as_before_with_a_link_to_the_terms(english: Path) -> None:
    article = _article(english, "guidance/glossary")
    assert "obc-quoted-label" not in article and "gloss" not in article.lower().replace("glossary", "")
    assert 'href="../../terms/"' in article


@pytest.mark.parametrize(("fixture", "title", "heads"), [
    ("welsh", "Termau Cymraeg a Saesneg", ("Cymraeg", "Saesneg")),
    ("english", "Welsh and English terms", ("Welsh", "English")),
])
def test_terms_page_lists_every_term_and_invites_corrections(fixture: str, title: str, heads: tuple[str, str],
                                                             request: pytest.FixtureRequest) -> None:
    article = _article(request.getfixturevalue(fixture), "terms")
    assert f">{title}<" in article
    assert re.search(rf"<th[^>]*>{heads[0]}</th>\s*<th[^>]*>{heads[1]}</th>", article)
    rows = re.findall(r'<td[^>]*><span lang="cy">(.*?)</span></td>\s*<td[^>]*><span lang="en">(.*?)</span></td>',
                      article)
    assert [(_text(w), _text(e)) for w, e in rows] == [(t["welsh"], t["english"]) for t in _data("en").terms]
    assert ("issue tracker" if fixture == "english" else "draciwr materion") in article


def test_welsh_tooltips_give_the_toolkits_welsh_explanation() -> None:
    data = _data("cy")
    lines = abbreviations(data)
    for term in data.glossary["terms"]:
        if term.get("tooltip") is False:
            continue
        assert f"*[{term['term']}]: {' '.join(str(term['gloss_cy']).split())}" in lines
        assert f"*[{term['term']}]: {' '.join(str(term['definition']).split())}\n" not in lines


# --- an official Welsh text, when the data has one ---------------------------------------------------------------

OFFICIAL = {"text": "Geiriau swyddogol y Llywodraeth.", "cite": "Fframwaith Comisiynu 2010, Rhan 1"}


def _with_official(data: Data) -> tuple[Data, str]:
    guidance: list[dict[str, Any]] = json.loads(json.dumps(data.guidance))
    for doc in guidance:
        for page in doc["pages"]:
            for block in page["blocks"]:
                if "quote" in block:
                    block["quote"]["official_cy"] = OFFICIAL
                    return replace(data, guidance=guidance), page["id"]
    raise AssertionError("no quote block in the data")


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_an_official_welsh_text_shows_on_welsh_pages_only_with_its_own_citation(lang: str) -> None:
    data, page_id = _with_official(_data(lang))
    site = Site(data, build_all(data))
    doc = next(d for d in data.guidance for p in d["pages"] if p["id"] == page_id)
    page = next(p for p in doc["pages"] if p["id"] == page_id)
    markdown = site.render("guidance_page.md.j2", f"guidance/{page_id}.md", page=page,
                           source=site.sources[doc["source"]])
    if lang == "cy":
        official = markdown.index(OFFICIAL["text"])
        assert "Testun Cymraeg swyddogol" in markdown[:official]
        assert f"Ffynhonnell: {OFFICIAL['cite']}" in markdown[official:]
        # The English words follow, still quoted and labelled.
        assert markdown.index(QUOTED_FROM_ENGLISH) > official
    else:
        assert OFFICIAL["text"] not in markdown and OFFICIAL["cite"] not in markdown


def test_every_page_is_generated_in_both_languages() -> None:
    assert _pages(_data("en")).keys() == _pages(_data("cy")).keys()
    assert "terms.md" in _pages(_data("cy"))


@pytest.mark.parametrize(("lang", "words_", "ordered"), [
    # Welsh letters: ch after c, dd after d, ll after l, ng after g; accents aside.
    ("cy", ["llesiant", "lwfans", "comisiynu", "chwarae", "dyddiad", "ddoe", "gwên", "ngwaith", "hawl"],
     ["comisiynu", "chwarae", "dyddiad", "ddoe", "gwên", "ngwaith", "hawl", "lwfans", "llesiant"]),
    ("en", ["Lwfans", "llesiant", "chwarae", "comisiynu"], ["chwarae", "comisiynu", "llesiant", "Lwfans"]),
])
def test_sort_key(lang: str, words_: list[str], ordered: list[str]) -> None:
    assert sorted(words_, key=sort_key(lang)) == ordered


def _contents(markdown: str) -> list[str]:
    """A page's contents as a reader sees them: each heading below the title, indented by its depth."""
    return [f"{'  ' * (len(m[1]) - 2)}{m[2]}" for m in re.finditer(r"^(#{2,6}) (.+?)(?: \{ #[\w-]+ \})?$",
                                                                     markdown, re.M)]


# (lang, the standards page's contents around Standards 3 and 4: each standard once, its examples beneath it)
STANDARDS_CONTENTS = [
    ("en", ["  Standard 3: outcomes for service users", "    Services that promote independence",
            "  Standard 4: involving partners and stakeholders", "    Special qualities of the third sector"]),
    ("cy", ["  Safon 3: canlyniadau i ddefnyddwyr gwasanaethau", "    Gwasanaethau sy'n hybu annibyniaeth",
            "  Safon 4: cynnwys partneriaid a rhanddeiliaid", "    Rhinweddau arbennig y trydydd sector"]),
]


@pytest.mark.parametrize(("lang", "around_3_and_4"), STANDARDS_CONTENTS)
def test_the_standards_contents_name_each_standard_once_with_its_examples_beneath(
        lang: str, around_3_and_4: list[str]) -> None:
    contents = _contents(_pages(_data(lang))["guidance/framework-standards.md"])
    standards = [line.strip() for line in contents if line.startswith("  ") and not line.startswith("    ")]
    numbers = [re.match(r"(?:Standard|Safon) (\d+):", s) for s in standards]
    assert [int(m[1]) for m in numbers if m] == list(range(1, 14)), contents
    start = contents.index(around_3_and_4[0])
    assert contents[start:start + 4] == around_3_and_4
    # No heading outside the standards repeats a standard's name.
    assert not [line for line in contents if re.match(r"\s*(Standard|Safon) \d+", line)
                and not line.startswith("  ")], contents
