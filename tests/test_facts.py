"""Facts said once and marked (issue 30): the law now is one statement held in facts.yaml and shown wherever the 2010
standards' status or procurement law comes up, and no text states a year or a body's name outside a quotation
without a citation or the toolkit's-own mark."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from obc_assess.core.problem import Problem
from obc_assess.host.building import build_all
from obc_assess.host.facts import FactRules, check_facts, unmarked
from obc_assess.host.loader import DATA_DIR, Data, load_data
from obc_assess.host.yamlfile import read_yaml
from obc_site.pages import AssetUrls, generated_pages
from obc_site.site import abbreviations
from obc_site.statements import PLACEHOLDER, UnknownStatement, fill_statements

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PROSE = sorted(DOCS.glob("*.md")) + sorted((DOCS / "cy").glob("*.md"))


@cache
def _facts() -> dict:  # type: ignore[type-arg]
    value, problems = read_yaml(DATA_DIR / "facts.yaml", "facts.yaml")
    assert not problems
    return value  # type: ignore[no-any-return]


@cache
def _rules() -> FactRules:
    return FactRules.from_facts(_facts())


@cache
def _data(lang: str) -> Data:
    return load_data(lang=lang)


@cache
def _pages(lang: str) -> dict[str, str]:
    data = _data(lang)
    definitions = build_all(data)
    urls = AssetUrls("assets/pyodide/x/", "assets/obc/stdlib.zip", {aid: f"{aid}.json" for aid in definitions})
    return {path: html.unescape(page) for path, page in generated_pages(data, urls, definitions).items()}


def _statement(sid: str, lang: str) -> str:
    return " ".join(_data(lang).statements[sid].split())


# --- the check ----------------------------------------------------------------------------------------------------

UNMARKED = [
    ("a later name, unmarked", "CSSIW has since become Care Inspectorate Wales.",
     [("CSSIW", "CSSIW has since become Care Inspectorate Wales.")]),
    ("cited in its sentence", "Tool 20 (section 3) notes that CSSIW reviewed commissioning in 2014.", []),
    ("the mark covers the rest of its paragraph",
     "Toolkit's note (not in the sources): CSSIW is now Care Inspectorate Wales. It was renamed after 2017.", []),
    ("the mark in bold Markdown", "**Toolkit's note (not in the sources):** the Welsh Government.", []),
    ("a mark broken over two lines",
     "Toolkit's note (not in\n the sources): CSSIW became Care Inspectorate Wales.", []),
    ("a mark later in the paragraph covers only what follows",
     "The NAO published it in 2016. Toolkit's note (not in the sources): December 2016.",
     [("2016", "The NAO published it in 2016.")]),
    ("a mark in another paragraph covers nothing here",
     "It was renamed in 2018.\n\nToolkit's note (not in the sources): see above.",
     [("2018", "It was renamed in 2018.")]),
    ("one sentence cited, the next not", "Tool 20 lists the areas. The NAO calls it management.",
     [("NAO", "The NAO calls it management.")]),
    ("a quotation is the source's", "Tool 20's words are quoted: \u201cNAO 2016\u201d and \"December 2016\".", []),
    ("a quoted year alone", "The phrase \u201cthe law in 2010\u201d is quoted.", []),
    ("a reference number is not a year", "The report's reference is FNCE/90/11.", []),
    ("a version is not a year", "We build to WCAG 2.2 at level AA.", []),
    ("code is not a statement", "Run `obc-assess template 2026` here.", []),
    ("Welsh, marked", "Nodyn y pecyn cymorth (nid yw yn y ffynonellau): mae AGGCC wedi dod yn Arolygiaeth Gofal Cymru.",
     []),
    ("Welsh, cited", "Mae Offeryn 20 (adran 3) yn nodi bod AGGCC wedi adolygu comisiynu yn 2014.", []),
    ("Welsh, unmarked", "Gofal Cymdeithasol Cymru yw'r Cyngor Gofal erbyn hyn.",
     [("Gofal Cymdeithasol Cymru", "Gofal Cymdeithasol Cymru yw'r Cyngor Gofal erbyn hyn.")]),
    ("a list item is a sentence", "- Tool 21 covers it.\n- Health is the Welsh Government's job.",
     [("Welsh Government", "- Health is the Welsh Government's job.")]),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in UNMARKED], ids=[case[0] for case in UNMARKED])
def test_unmarked_facts(text: str, expected: list[tuple[str, str]]) -> None:
    assert list(unmarked(text, _rules())) == expected


def test_check_facts_names_file_path_and_language_and_leaves_quotations_names_and_cited_steps_alone() -> None:
    doc = {
        "title": {"en": "CSSIW in 2014", "cy": "AGGCC yn 2014"},  # a name, not a statement
        "quote": "The National Audit office has published a Good Practice Framework (NAO 2016).",  # quoted
        "next_steps": [{"text": {"en": "Ask the NAO.", "cy": "Gofynnwch."}, "cite": "Tool 20, section 5"}],
        "list": {"section": "Section 6", "entries": [{"en": "A 2008 report", "cy": "Adroddiad 2008"}]},
        "summary": {"en": "Fine.", "cy": "Mae'r Swyddfa Archwilio Genedlaethol yn ei alw'n hynny."},
    }
    assert [str(p) for p in check_facts(doc, _rules(), "guidance/x.yaml")] == [
        "guidance/x.yaml: summary.cy: 'Swyddfa Archwilio' with no citation or mark in \"Mae'r Swyddfa Archwilio "
        "Genedlaethol yn ei alw'n hynny.\": cite the source in that sentence or begin a note 'Nodyn y pecyn cymorth "
        "(nid yw yn y ffynonellau):'"]


def test_the_mark_and_the_bodies_are_data() -> None:
    facts = _facts()
    assert facts["mark"] == {"en": "Toolkit's note (not in the sources):",
                             "cy": "Nodyn y pecyn cymorth (nid yw yn y ffynonellau):"}
    for body in ("CSSIW", "Care Inspectorate Wales", "Care Council", "Social Care Wales", "NAO",
                 "Institute of Public Care", "Welsh Government", "Llywodraeth Cymru", "AGGCC"):
        assert body in facts["bodies"], body


@pytest.mark.parametrize("page", PROSE, ids=[str(p.relative_to(DOCS)) for p in PROSE])
def test_prose_pages_mark_or_cite_every_fact(page: Path) -> None:
    lang = "cy" if page.parent.name == "cy" else "en"
    text = fill_statements(page.read_text(encoding="utf-8"), _data(lang).statements)
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # examples, not statements
    assert [f"{page.name}: {fact}: {sentence}" for fact, sentence in unmarked(text, _rules())] == []


@pytest.mark.parametrize("page", PROSE, ids=[str(p.relative_to(DOCS)) for p in PROSE])
def test_every_statement_a_prose_page_names_is_held(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert set(PLACEHOLDER.findall(text)) <= set(_data("en").statements)


def test_an_unknown_statement_stops_the_page() -> None:
    with pytest.raises(UnknownStatement, match=re.escape(
            "no statement 'law-1999' in facts.yaml; use one of law-2010-standards, law-procurement")):
        fill_statements("Before.\n\n{{ statement: law-1999 }}\n", _data("en").statements)


def test_statements_are_checked_like_every_other_text() -> None:
    # A statement's own text carries its citation and the mark (the loader checks facts.yaml's statements too).
    for statement in _facts()["statements"]:
        for lang in ("en", "cy"):
            text = statement["text"][lang]
            assert list(unmarked(text, _rules())) == [], (statement["id"], lang)
            assert _facts()["mark"][lang] in " ".join(text.split()), (statement["id"], lang)


def test_a_problem_is_one_line_in_the_loaders_convention() -> None:
    problems = list(check_facts({"text": {"en": "The NAO, 2016.", "cy": "Iawn."}}, _rules(), "guidance/y.yaml"))
    assert problems == [Problem("text.en", "'2016' with no citation or mark in 'The NAO, 2016.': cite the source in "
                                "that sentence or begin a note \"Toolkit's note (not in the sources):\"",
                                "guidance/y.yaml")]


# --- the law, said once and shown wherever it comes up --------------------------------------------------------------

LAW_2010 = ["guidance/framework-introduction.md", "guidance/framework-standards.md", "sources.md",
            "assessments/commissioning-standards.md", "assessments/commissioning-plan.md"]
LAW_PROCUREMENT = ["sources.md", "guidance/glossary.md", "guidance/tool20-procurement-review.md",
                   "assessments/commissioning-principles.md",
                   "assessments/procurement-review.md"]


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize(("sid", "paths"), [("law-2010-standards", LAW_2010), ("law-procurement", LAW_PROCUREMENT)])
def test_the_law_now_is_shown_wherever_it_comes_up(lang: str, sid: str, paths: list[str]) -> None:
    pages = _pages(lang)
    statement = _statement(sid, lang)
    missing = [path for path in paths if statement not in " ".join(pages[path].split())]
    assert missing == []
    assert "1970" in _statement("law-2010-standards", lang) and "2014" in _statement("law-2010-standards", lang)
    assert "24" in _statement("law-procurement", lang) and "2023" in _statement("law-procurement", lang)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_how_to_use_page_shows_the_statement_not_a_copy(lang: str) -> None:
    page = DOCS / ("cy" if lang == "cy" else "") / "how-to-use.md"
    raw = page.read_text(encoding="utf-8")
    assert "{{ statement: law-2010-standards }}" in raw and "1970" not in raw
    assert _statement("law-2010-standards", lang) in fill_statements(raw, _data(lang).statements)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_glossary_tooltip_on_eu_directives_says_what_applies_now(lang: str) -> None:
    lines = [line for line in abbreviations(_data(lang)).splitlines() if line.startswith("*[")]
    name = {"en": "eu procurement directives", "cy": "cyfarwyddebau caffael yr ue"}[lang]
    directives = [line for line in lines if line.split("]:")[0].lower() == f"*[{name}"]
    assert directives and all(line.endswith(_statement("law-procurement", lang)) for line in directives)


# The words issue 30 found stating the law as it was, or facts without a source: none is left anywhere.
GONE = ["statutory baseline", " is statutory guidance", "Part 1 is **statutory guidance**", "inspectors and scrutiny",
        "complies with EU and national", "prepared with the", "usually still paid",
        "national commissioning framework for health", "a baratowyd gyda'r", "sylfaen statudol",
        "Canllawiau statudol yw", "mae Rhan 1 yn ganllawiau statudol", "wedi'i baratoi gyda'r",
        "rheoliadau caffael yr UE a rheoliadau caffael cenedlaethol", "Everything on this site comes from",
        "Daw popeth ar y wefan hon"]


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_law_as_it_was_and_unsourced_facts_are_gone(lang: str) -> None:
    texts = {**_pages(lang), **{str(p): p.read_text(encoding="utf-8") for p in PROSE}}
    found = [(path, words) for path, page in texts.items() for words in GONE if words in page]
    assert found == []


def test_tool_21_is_undated_and_neither_tool_names_a_preparer() -> None:
    sources = {s["id"]: s for s in _data("en").sources}
    assert sources["tool21"]["date"] == "undated" and sources["tool20"]["date"] == "June 2017"
    assert all("Institute of Public Care" not in sources[s]["publisher"] for s in ("tool20", "tool21"))


@pytest.mark.parametrize(("lang", "theirs", "ours"), [
    ("en", "## What is the sources'", "## What is the toolkit's own"),
    ("cy", "## Beth sy'n eiddo i'r ffynonellau", "## Beth sy'n eiddo i'r pecyn cymorth ei hun")])
def test_the_sources_page_says_what_is_theirs_and_what_is_the_toolkits(lang: str, theirs: str, ours: str) -> None:
    page = _pages(lang)["sources.md"]
    assert page.index(theirs) < page.index(ours) < page.index("{ #tool20 }")
    mark = _facts()["mark"][lang].rstrip(":")
    toolkit = page[page.index(ours):page.index("{ #tool20 }")]
    assert mark in toolkit
    for word in {"en": ("rules", "thresholds", "weight", "Welsh text", "law now in force"),
                 "cy": ("rheol", "trothwyon", "pwysiad", "testun Cymraeg", "gyfraith")}[lang]:
        assert word in toolkit, word


def test_the_data_with_statements_loads_in_both_languages() -> None:
    english, welsh = _data("en"), _data("cy")
    assert set(english.statements) == set(welsh.statements) == {"law-2010-standards", "law-procurement"}
    framework = next(s for s in english.sources if s["id"] == "framework2010")
    assert framework["note"] == english.statements["law-2010-standards"]
    compliance = next(i for s in english.assessments["procurement-review"]["sections"] for i in s["items"]
                      if i["id"] == "compliance")
    assert compliance["explanation"] == english.statements["law-procurement"]
    assert replace(english, statements={}).statements == {}


def test_the_toolkits_summaries_of_wirral_are_not_labelled_as_quoted() -> None:
    page = next(p for p in _pages("cy").values() if "## Goblygiadau eraill yn fyr" in p)
    table = page[page.index("## Goblygiadau eraill yn fyr"):]
    rows, cited = table[:table.index("<small")], table[table.index("<small"):table.index("</small>")]
    assert "Dyfyniad" not in rows and 'lang="en"' not in rows
    assert "| 10 Goblygiadau cyfreithiol | Rhaid i gomisiynwyr weithio o fewn" in rows
    assert cited.endswith(">O'r ffynhonnell: <span lang=\"en\">Sections 6-13</span>.")  # cited, not quoted
