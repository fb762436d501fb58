"""Rendering a result: canonical JSON bytes, injection-safe CSV, and an escaped Markdown report."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from obc_assess.core.document_markdown import escape
from obc_assess.core.render import CSV_COLUMNS, to_csv, to_json, to_markdown
from obc_assess.core.responses import template
from obc_assess.core.scoring import score


def _maturity_result(maturity: dict[str, Any], note: str = "", name: str = "") -> dict[str, Any]:
    doc = template(maturity, model=2, scope="choosing")
    doc["respondent"] = {"name": name, "role": "provider"}
    doc["answers"]["outcomes-focus"] = {"level": 1, "note": note}
    doc["answers"]["governance"] = {"level": "unknown", "note": ""}
    doc["answers"]["cost"] = {"level": 3, "note": ""}
    return score(maturity, doc)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_json_is_sorted_indented_utf8_with_a_final_newline(maturity: dict[str, Any]) -> None:
    result = _maturity_result(maturity, note="Café — “quoted”")
    text = to_json(result)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text.startswith('{\n  "about": [\n    {\n      "term": "Model",')
    assert "Café — “quoted”" in text  # not \u escapes: the file reads as written
    assert json.loads(text) == result
    assert to_json(json.loads(text)) == text


def test_json_has_no_dates_or_times(maturity: dict[str, Any]) -> None:
    # Results must be byte-identical wherever and whenever they are computed.
    first = to_json(_maturity_result(maturity))
    assert first == to_json(_maturity_result(maturity))
    assert "saved_at" not in first and "time" not in json.loads(first)


# A cell a spreadsheet would run as a formula gets an apostrophe in front.
INJECTION_CASES = [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1+2", "'+1+2"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("\rcmd", "'\rcmd"),
    ("Plain note, with = later", "Plain note, with = later"),  # only the first character matters
    ("", ""),
]


@pytest.mark.parametrize(("note", "cell"), INJECTION_CASES)
def test_csv_guards_against_formulas(maturity: dict[str, Any], note: str, cell: str) -> None:
    rows = _rows(to_csv(_maturity_result(maturity, note=note)))
    assert next(r for r in rows if r["id"] == "outcomes-focus")["note"] == cell


def test_csv_maturity_rows(maturity: dict[str, Any]) -> None:
    text = to_csv(_maturity_result(maturity))
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert "\r\n" in text
    rows = _rows(text)
    assert [(r["record"], r["id"]) for r in rows] == [
        ("overall", "procurement-review"), ("section", "outcomes"), ("section", "practice"),
        ("section", "extra"),
        ("item", "outcomes-focus"), ("item", "governance"), ("item", "cost"), ("item", "focus-detail"),
        ("item", "extra-item")]
    overall, item = rows[0], rows[4]
    # (2 * 1/3 + 1 * 3/3) / 3 = 55.6; confidence 3 of 4 weight; 1 of the 4 at Established or above, 3 at
    # Developing or above: Developing, whatever the mean says.
    assert (overall["percent"], overall["label"], overall["confidence"]) == ("55.6", "Developing", "75.0")
    assert (item["level"], item["label"], item["weight"], item["rank"]) == ("1", "Developing", "2", "1")
    assert rows[5]["level"] == "unknown" and rows[5]["label"] == "Don't know"


def test_csv_matrix_rows(matrix: dict[str, Any]) -> None:
    doc = template(matrix)
    doc["answers"]["areas"] = [{"name": "Home care", "levels": {"pressure": 3, "priorities": 0},
                                "note": "-x"}]
    rows = _rows(to_csv(score(matrix, doc)))
    assert [(r["record"], r["area"], r["id"]) for r in rows] == [
        ("overall", "", "review-priorities"), ("criterion", "", "pressure"), ("criterion", "", "priorities"),
        ("area", "Home care", ""), ("rating", "Home care", "pressure"), ("rating", "Home care", "priorities")]
    assert (rows[3]["percent"], rows[3]["rank"], rows[3]["note"]) == ("33.3", "1", "'-x")
    assert (rows[4]["level"], rows[4]["label"], rows[5]["weight"]) == ("3", "Strongly", "2")


def test_csv_classification_rows(classification: dict[str, Any]) -> None:
    doc = template(classification)
    doc["answers"]["measures"] = [{"name": "Hours", "class": "output", "note": ""},
                                  {"name": "=1+1", "class": None, "note": ""}]
    rows = _rows(to_csv(score(classification, doc)))
    assert [(r["record"], r["id"], r["title"]) for r in rows] == [
        ("overall", "measure-mix", "Measure mix"), ("class", "outcome-individual", "Individual outcome"),
        ("class", "output", "Output"), ("class", "input", "Input"), ("measure", "output", "Hours"),
        ("measure", "", "'=1+1")]
    assert (rows[0]["percent"], rows[0]["label"]) == ("0.0", "outcome share below 50%")
    assert (rows[2]["count"], rows[2]["percent"], rows[2]["label"]) == ("1", "100.0", "not an outcome")


# User text must never become Markdown structure or HTML.
ESCAPE_CASES = [
    ("plain text", "plain text"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("[link](javascript:x)", "\\[link\\](javascript:x)"),
    ("| cell | break |", "\\| cell \\| break \\|"),
    ("**bold** _it_ `code`", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\`"),
    ("# heading", "\\# heading"),
    ("line one\n\nline two", "line one line two"),  # one line: notes sit in table cells
    ("a & b", "a &amp; b"),
    ("![img](x)", "\\!\\[img\\](x)"),
    ("back\\slash", "back\\\\slash"),
]


@pytest.mark.parametrize(("text", "expected"), ESCAPE_CASES)
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_markdown_maturity_report(maturity: dict[str, Any]) -> None:
    report = to_markdown(_maturity_result(maturity, note="<b>Spec</b> | v2", name="Team *A*"),
                         base_url="https://example.org/obc/")
    assert report.startswith("# Procurement review: results\n")
    # It ends with the evidence rule, marked as the toolkit's own, as every rule under "how this was scored" is.
    assert report.endswith("before the assessment date. (The toolkit's own rule.)\n")
    assert "- Model: 2, Model 2 name" in report
    assert "- Answered by: Team \\*A\\* (Provider)" in report
    assert "**55.6%**: Developing. Developing." in report
    # The headline counts the core only; the two optional items are extras with their own rows.
    assert "Confidence: 75.0%. 2 of 3 core items rated; 1 don't know, 0 not answered, 0 not applicable." in report
    assert "75.0% of the weight is rated Developing or above: more than half." in report
    assert "| Detail | not scored | No band | 0 of 1 | No item has a level yet, so there is no score and no band. |" \
        not in report
    assert ("| Practice: optional items | not scored | No band | 0 of 1 | No item has a level yet, so there is no "
            "score and no band. |") in report
    # Each rule says it is the toolkit's own, and what it draws on; then each band's own rule.
    assert "- No band unless more than 50% is rated. (The toolkit's own rule.)" in report
    assert "- Never above the outcomes items. (The toolkit's own rule, drawing on Tool 20, section 4.)" in report
    assert "- Embedded: at least 80%. (The toolkit's own rule.)" in report
    assert "| Outcomes | 55.6% | 75.0% | 2 of 3 |" in report
    site = "https://example.org/obc/guidance/tool20-procurement/"
    # The priorities are a table (as in the Word report): rank, item, why, next steps with the guidance link.
    assert ("| 1 | Outcomes focus (Outcomes) | Rated \"Developing\" (1 of 3), weight 2: this item counts double. | "
            f"Next level: **Established**, Established descriptor. [Guidance]({site}#procurement-outcomes-focus) |"
            ) in report
    assert f"- Governance [Guidance]({site}#procurement-governance)" in report
    assert "| Outcomes focus | Developing | 2 | 0.667 | &lt;b&gt;Spec&lt;/b&gt; \\| v2 |" in report
    assert "<b>" not in report


def test_markdown_mentions_an_older_version(maturity: dict[str, Any]) -> None:
    doc = template(maturity)
    doc["assessment_version"] = "0.9"
    report = to_markdown(score(maturity, doc))
    assert ("- Assessment: Procurement review, version 1.0 (these answers were given to version 0.9; "
            "some items may have changed)") in report
    assert "No item has a level yet, so there is no score and no band." in report


def test_markdown_matrix_report(matrix: dict[str, Any]) -> None:
    doc = template(matrix)
    doc["answers"]["areas"] = [{"name": "Home <care>", "levels": {"pressure": 3, "priorities": "unknown"},
                                "note": ""}]
    report = to_markdown(score(matrix, doc))
    assert "## Service areas in order of priority for review" in report
    # 3 of the 9 points that should be rated: "don't know" scores nothing; confidence 1 of 3 weight.
    assert "| 1 | Home &lt;care&gt; | 33.3% | 33.3% | 1 of 2 |  |" in report
    assert "- Home &lt;care&gt;: Council priorities" in report
    assert "| Council priorities | Don't know |" in report


def test_markdown_classification_report(classification: dict[str, Any]) -> None:
    doc = template(classification)
    doc["answers"]["measures"] = [{"name": "Hours", "class": "output", "note": ""},
                                  {"name": "Unsure", "class": None, "note": "ask"}]
    report = to_markdown(score(classification, doc))
    assert "**0.0%** of the 1 measures with a category are outcomes." in report
    assert "> **Warning:** Fewer than half are outcomes." in report
    assert "1 measure(s) without a category are left out of the shares." in report
    assert "| [Output](guidance/wirral-outcomes/#definition-output) | no | 1 | 100.0% |" in report
    assert "| Unsure | None yet | ask |" in report


def test_markdown_empty_rows(matrix: dict[str, Any], classification: dict[str, Any]) -> None:
    assert "No service area has been named yet." in to_markdown(score(matrix, template(matrix)))
    report = to_markdown(score(classification, template(classification)))
    assert "No measure has a category yet, so there is no outcome share." in report
    assert "No measures listed yet." in report
