"""Each limit once: the definition's ``limits`` are what every form field allows and what the validator checks.

Driven by the real YAML in both languages: every ``maxlength`` on the generated questionnaires, the row and
evidence bounds and the file-size guard written into the pages equal the definition's numbers, and a text at its
limit validates while one character more is reported, at the field that has that maxlength.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from obc_assess.core.definition import items
from obc_assess.core.responses import template, validate
from obc_assess.core.typed_text import LIMITS
from obc_assess.host.building import build_all
from obc_assess.host.loader import load_data
from obc_site.pages import AssetUrls, generated_pages

ROOT = Path(__file__).resolve().parent.parent
URLS = AssetUrls("assets/pyodide/x/", "assets/obc/stdlib.zip", {})
LANGS = ("en", "cy")
# Which limit each kind of text field has, by its id (the page's own fields and its <template> copies, whose
# ids hold placeholders such as __ID__ and __N__).
FIELD_LIMITS = [
    (r"respondent-(name|organisation)", "name"),
    (r"note:[^:]+", "note"),
    (r"na-reason:[^:]+", "na_reason"),
    (r"plan-action:[^:]+", "action"),
    (r"plan-owner:[^:]+", "owner"),
    (r"plan-review:[^:]+", "review"),
    (r"evidence:[^:]+:[^:]+:what", "what"),
    (r"row:[^:]+:name", "name"),
    (r"row:[^:]+:note", "note"),
]
# Typed fields with no length limit: the parts of a date (the date rule checks them) and hidden fields.
UNLIMITED = re.compile(r".*:(day|month|year)$")


class _Fields(HTMLParser):
    """Every input and textarea's attributes, and every element's data-obc-* bounds, in page order."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[dict[str, str | None]] = []
        self.bounds: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("input", "textarea"):
            self.fields.append({"tag": tag, **found})
        self.bounds += [(name, value) for name, value in attrs
                        if name in ("data-obc-row-max", "data-obc-evidence-max", "data-obc-max-bytes")]


@cache
def _site(lang: str) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    data = load_data(lang=lang)
    definitions = build_all(data)
    urls = replace(URLS, definitions={aid: f"assets/obc/{aid}.json" for aid in definitions})
    return definitions, generated_pages(data, urls, definitions)


def _parsed(html: str) -> _Fields:
    parser = _Fields()
    parser.feed(html)
    return parser


def _cases() -> list[tuple[str, str]]:
    return [(lang, aid) for lang in LANGS for aid in _site(lang)[0]]


def test_the_definition_ships_every_limit() -> None:
    for lang in LANGS:
        for definition in _site(lang)[0].values():
            assert definition["limits"] == LIMITS
    assert set(LIMITS) == {"name", "note", "na_reason", "action", "owner", "review", "what", "entries", "rows",
                           "file_bytes"}


@pytest.mark.parametrize(("lang", "aid"), _cases())
def test_every_maxlength_on_the_form_is_the_definitions_limit(lang: str, aid: str) -> None:
    definitions, pages = _site(lang)
    limits = definitions[aid]["limits"]
    fields = _parsed(pages[f"assessments/{aid}.md"]).fields
    checked = set()
    for field in fields:
        if field["tag"] == "input" and field.get("type") not in ("text", None):
            assert "maxlength" not in field, field
            continue
        key = next((key for pattern, key in FIELD_LIMITS if re.fullmatch(pattern, str(field["id"]))), None)
        if key is None:
            assert UNLIMITED.fullmatch(str(field["id"])) and "maxlength" not in field, field
            continue
        assert field.get("maxlength") == str(limits[key]), field
        checked.add(key)
    # Each kind of form has the text fields it should (the respondent's, then the items' or the rows').
    expected = {"name", "note", "na_reason", "action", "owner", "review", "what"} \
        if definitions[aid]["kind"] == "maturity" else {"name", "note"}
    assert checked == expected


@pytest.mark.parametrize(("lang", "aid"), _cases())
def test_the_pages_bounds_are_the_definitions(lang: str, aid: str) -> None:
    definitions, pages = _site(lang)
    limits = definitions[aid]["limits"]
    form = dict(_parsed(pages[f"assessments/{aid}.md"]).bounds)
    assert form["data-obc-max-bytes"] == str(limits["file_bytes"])
    if definitions[aid]["kind"] == "maturity":
        assert form["data-obc-evidence-max"] == str(limits["entries"]) and "data-obc-row-max" not in form
    else:
        assert form["data-obc-row-max"] == str(limits["rows"]) and "data-obc-evidence-max" not in form
    # The team page's two file tools guard with the same size.
    team = _parsed(pages[f"assessments/team/{aid}.md"]).bounds
    assert team == [("data-obc-max-bytes", str(limits["file_bytes"]))] * 2


def _first_item(definition: dict[str, Any]) -> str:
    return str(next(items(definition))[1]["id"])


def _put(definition: dict[str, Any], where: str, value: str) -> tuple[dict[str, Any], str]:
    """A valid blank document with ``value`` typed into one field; and the JSON path of that text."""
    doc = template(definition)
    item = _first_item(definition)
    row = {"name": "Area", "levels": {}, "note": ""} if definition["kind"] == "matrix" else \
        {"name": "Measure", "class": None, "note": ""}
    rows = "areas" if definition["kind"] == "matrix" else "measures"
    if where in ("name", "organisation"):
        doc["respondent"][where] = value
        return doc, f"respondent.{where}"
    if where == "note":
        doc["answers"][item]["note"] = value
        return doc, f"answers.{item}.note"
    if where == "na_reason":  # one line on why an item does not apply (issue 30)
        doc["answers"][item] = {"level": "na", "note": "", "na_reason": value}
        return doc, f"answers.{item}.na_reason"
    if where in ("action", "owner", "review"):
        doc["plan"] = {item: {where: value, **({} if where == "action" else {"action": "Act"})}}
        return doc, f"plan.{item}.{where}"
    if where == "what":
        doc["evidence"] = {item: [{"what": value}]}
        return doc, f"evidence.{item}[0].what"
    doc["answers"][rows] = [{**row, where.removeprefix("row-"): value}]
    return doc, f"answers.{rows}[0].{where.removeprefix('row-')}"


# (assessment, where the text goes, its limit, the id of the form field that has the maxlength)
TEXT_CASES = [
    ("procurement-review", "name", "name", "respondent-name"),
    ("procurement-review", "organisation", "name", "respondent-organisation"),
    ("procurement-review", "note", "note", "note:{item}"),
    # The first item of Tool 21's assessment may be not applicable (Tool 20's core domains may not).
    ("supporting-systems", "na_reason", "na_reason", "na-reason:{item}"),
    ("procurement-review", "action", "action", "plan-action:{item}"),
    ("procurement-review", "owner", "owner", "plan-owner:{item}"),
    ("procurement-review", "review", "review", "plan-review:{item}"),
    ("procurement-review", "what", "what", "evidence:{item}:0:what"),
    ("review-priorities", "row-name", "name", "row:0:name"),
    ("review-priorities", "row-note", "note", "row:0:note"),
    ("measure-mix", "row-name", "name", "row:0:name"),
    ("measure-mix", "row-note", "note", "row:0:note"),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("aid", "where", "key", "field"), TEXT_CASES)
def test_the_validator_allows_the_limit_and_reports_one_more_at_that_field(lang: str, aid: str, where: str,
                                                                             key: str, field: str) -> None:
    definitions, pages = _site(lang)
    definition = definitions[aid]
    limit = definition["limits"][key]
    field = field.format(item=_first_item(definition))
    # The field named is on the page with this very limit (an evidence entry: in the one <template> the page
    # copies for each entry, named for __ID__ and __N__).
    shown = re.sub(r"^evidence:[^:]+:0:", "evidence:__ID__:__N__:", field)
    on_page = next(f for f in _parsed(pages[f"assessments/{aid}.md"]).fields if f.get("id") == shown)
    assert on_page["maxlength"] == str(limit)
    doc, path = _put(definition, where, "x" * limit)
    assert validate(definition, doc) == []
    doc, path = _put(definition, where, "x" * (limit + 1))
    [problem] = validate(definition, doc)
    assert (problem.path, problem.field) == (path, field)
    assert f"{limit + 1:,}" in problem.message and f"{limit:,}" in problem.message


@pytest.mark.parametrize("lang", LANGS)
def test_the_bounds_on_entries_and_rows_are_the_validators(lang: str) -> None:
    definitions, _ = _site(lang)
    maturity = definitions["procurement-review"]
    item = _first_item(maturity)
    most = maturity["limits"]["entries"]
    doc = template(maturity)
    doc["evidence"] = {item: [{"what": f"Report {n}"} for n in range(most)]}
    assert validate(maturity, doc) == []
    doc["evidence"][item].append({"what": "One more"})
    assert [p.path for p in validate(maturity, doc)] == [f"evidence.{item}"]
    matrix = definitions["review-priorities"]
    doc = template(matrix)
    doc["answers"]["areas"] = [{"name": f"Area {n}", "levels": {}, "note": ""} for n in range(matrix["limits"]["rows"])]
    assert validate(matrix, doc) == []
    doc["answers"]["areas"].append({"name": "One more", "levels": {}, "note": ""})
    assert [p.path for p in validate(matrix, doc)] == ["answers.areas"]


# The answers format's page says each limit in words: "`note` ... up to 5,000 characters" ("hyd at 5,000 nod").
PROSE = {"en": (ROOT / "docs" / "responses-format.md", r"up to ([\d,]+) characters"),
         "cy": (ROOT / "docs" / "cy" / "responses-format.md", r"hyd at ([\d,]+) nod")}
PROSE_KEYS = {"name": "name", "organisation": "name", "note": "note", "action": "action", "owner": "owner",
              "review": "review", "what": "what", "role": "name", "comment": "note"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_answers_format_page_gives_the_same_limits(lang: str) -> None:
    path, words = PROSE[lang]
    said = re.findall(rf"`(\w+)`[^`\n|]*?{words}", path.read_text(encoding="utf-8"))
    assert said, path
    for key, number in said:
        assert int(number.replace(",", "")) == LIMITS[PROSE_KEYS[key]], (key, number)
    if lang == "en":  # the English page names every text limit (the Welsh one follows it)
        assert {key for key, _ in said} == set(PROSE_KEYS)
