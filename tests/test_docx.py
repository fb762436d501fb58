"""The Word report: read back with python-docx (a maintained reader), its headings, header rows, language and
words checked against the result it was made from; the same bytes every time; the CLI's --docx."""

from __future__ import annotations

import base64
import io
import json
import random
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from obc_assess.core import api
from obc_assess.core.compare import compare
from obc_assess.core.definition import items, scale_of
from obc_assess.core.report import result_docx
from obc_assess.core.report_compare import compare_docx
from obc_assess.core.report_team import team_docx
from obc_assess.core.responses import template
from obc_assess.core.scoring import score
from obc_assess.core.team import aggregate
from obc_assess.host.building import build_all
from obc_assess.host.cli import main
from obc_assess.host.loader import Data


@pytest.fixture(scope="module")
def real_definitions(real_data: Data) -> dict[str, dict[str, Any]]:
    return build_all(real_data)


@pytest.fixture(scope="module")
def real_definition_json(real_definitions: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {key: json.dumps(definition) for key, definition in real_definitions.items()}


def _read(data: bytes) -> DocxDocument:
    return docx.Document(io.BytesIO(data))


def _filled(definition: dict[str, Any], name: str, seed: int) -> dict[str, Any]:
    """Every item answered (a few "Don't know"), each with a note; a plan on the first two items."""
    rng = random.Random(seed)
    doc = template(definition, 1 if definition["asks_model"] else None)
    scales = {item["id"]: scale_of(definition, item) for _, item in items(definition)}
    for key, answer in doc["answers"].items():
        # Each item on its own scale (issue 10: coverage beside maturity).
        answer["level"] = rng.choice([level["value"] for level in scales[key]["levels"]] + ["unknown"])
        answer["note"] = f"Board minutes on {key} <b>&</b>\nsecond line\x07"
    first, second = list(doc["answers"])[:2]
    doc["plan"] = {first: {"action": "Ask finance for the figures", "owner": "Ann", "due": "2027-03-31",
                           "target": definition["scale"]["levels"][-1]["value"]},
                   second: {"action": "Write it down", "owner": "", "due": "", "target": None}}
    doc["respondent"] = {"name": name, "role": "commissioner"}
    return doc


@pytest.fixture(scope="module")
def standards(real_definitions: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    definition = real_definitions["commissioning-standards"]
    return definition, _filled(definition, "Siân Evans", 1)


def _texts(document: DocxDocument) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _styled(document: DocxDocument, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def test_report_has_real_headings_header_rows_language_and_title(
        standards: tuple[dict[str, Any], dict[str, Any]]) -> None:
    definition, doc = standards
    result = score(definition, doc)
    document = _read(result_docx(result))
    title = f"{definition['title']}: results"
    assert document.core_properties.title == title and document.core_properties.language == "en-GB"
    assert _styled(document, "Title") == [title]
    # The Markdown report's order (issue 32: one document model): the extras before the sections.
    assert _styled(document, "Heading 1")[:4] == ["Review and sign-off", "Overall (core items)", "Optional extras",
                                                  "Sections"]
    assert {"Priorities", "Action plan", "Answers and notes", "How this was scored"} <= set(
        _styled(document, "Heading 1"))
    # Under the answers, a heading per section; the evidence's flags and its items follow their own headings.
    followed = {"Answers with no documented evidence",
                *(i["title"] for i in result["working"]["items"] if i["evidence"])}
    followed |= {p["title"] for p in result["plan"]}
    assert [s["title"] for s in result["sections"]] == [
        h for h in _styled(document, "Heading 2") if h not in followed]
    # The document's language, for spelling and for screen readers.
    lang = document.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "en-GB"
    # Every table's first row is a header row (repeated on each page, read as headers), and only the first,
    # the bar chart's too.
    tables = document.tables
    charts = [t for t in tables if t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")).endswith("as bars")]
    assert len(charts) == 1 and len(tables) >= 6
    for table in tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(row.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])


def test_report_says_what_the_result_says(standards: tuple[dict[str, Any], dict[str, Any]]) -> None:
    definition, doc = standards
    result = score(definition, doc)
    document = _read(result_docx(result))
    text = _texts(document)
    overall = result["overall"]
    band = overall["band"]
    assert f"{overall['percent']:.1f}%: {band['label']}. {band['descriptor']}" in text
    assert overall["band_reason"] in text
    assert "Answered by: Siân Evans (Commissioner)" in text
    # Sections as a table, and the chart: one bar row per section, labelled with its figure.
    index = next(n for n, t in enumerate(document.tables) if t.rows[0].cells[0].text == "Section")
    assert [c.text for c in document.tables[index].rows[0].cells] == ["Section", "Score", "Confidence", "Rated"]
    chart = document.tables[index + 1]
    scored = [s for s in result["sections"] if s["total"]]
    assert [row.cells[0].text for row in chart.rows] == ["Section"] + [
        f"{s['title']}: {s['percent']:.1f}%" for s in scored]
    for row, section in zip(chart._tbl.tr_lst[1:], scored, strict=True):
        spans = [tc.tcPr.find(qn("w:gridSpan")) for tc in row.tc_lst[1:]]
        filled = int(spans[0].get(qn("w:val"))) if row.tc_lst[1].tcPr.find(qn("w:shd")) is not None else 0
        assert filled == round(section["percent"] / 2)
    # Each item's answer and note (typed markup kept as text, a control character dropped, lines kept).
    for item in result["working"]["items"]:
        assert f"{item['title']}" in text and (item["level_label"] or "Not answered") in text
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Board minutes on standard-1 <b>&</b>\nsecond line" in cells and "\x07" not in text
    # Priorities with their next steps or next level; the plan's actions.
    priorities = next(t for t in document.tables if t.rows[0].cells[0].text == "Rank")
    assert [row.cells[0].text for row in priorities.rows[1:]] == [str(p["rank"]) for p in result["priorities"]]
    for priority, row in zip(result["priorities"], priorities.rows[1:], strict=True):
        steps = [f"{s['text']} ({s['cite']})" for s in priority["next_steps"]]
        assert row.cells[3].text == ("\n".join(steps) if steps else
                                     f"Next level: {priority['target']['label']}, {priority['target']['descriptor']}")
    assert "Ask finance for the figures" in text and "2027-03-31" in text
    assert all(rule in text for rule in result["band_rules"])


def test_next_steps_are_given_with_their_sources(real_definitions: dict[str, dict[str, Any]]) -> None:
    # The items with their own next steps (issue 10): each step's text and cite, in the Priorities table.
    for definition in real_definitions.values():
        steps = [i for s in definition["sections"] for i in s["items"] if i.get("next_steps")]
        if not steps or definition["kind"] != "maturity":
            continue
        doc = template(definition, 2 if definition["asks_model"] else None)
        for key in doc["answers"]:
            doc["answers"][key]["level"] = 0
        result = score(definition, doc)
        text = _texts(_read(result_docx(result)))
        cited = [s for p in result["priorities"] for s in p["next_steps"]]
        assert cited
        assert all(f"{step['text']} ({step['cite']})" in text for step in cited)
        return
    pytest.skip("no item has next steps in the data")


def test_every_kind_makes_a_document_the_reader_opens(real_definitions: dict[str, dict[str, Any]]) -> None:
    for definition in real_definitions.values():
        doc = template(definition, 1 if definition["asks_model"] else None)
        if definition["kind"] == "matrix":
            doc["answers"]["areas"][0]["name"] = "Day services"
        elif definition["kind"] == "classification":
            doc["answers"]["measures"] = [{"name": "Hours delivered", "class": None, "note": ""}]
        document = _read(result_docx(score(definition, doc)))
        assert _styled(document, "Title") == [f"{definition['title']}: results"], definition["id"]
        assert _styled(document, "Heading 1")
        text = _texts(document)
        assert ("Day services" in text) if definition["kind"] == "matrix" else True
        assert ("Hours delivered" in text) if definition["kind"] == "classification" else True


def test_the_bytes_are_the_same_every_time_and_the_zip_is_plain(
        standards: tuple[dict[str, Any], dict[str, Any]]) -> None:
    definition, doc = standards
    first, second = result_docx(score(definition, doc)), result_docx(score(definition, json.loads(json.dumps(doc))))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {(i.date_time, i.compress_type, i.create_system) for i in infos} == {
        ((1980, 1, 1, 0, 0, 0), zipfile.ZIP_STORED, 3)}


def test_team_and_comparison_reports(real_definitions: dict[str, dict[str, Any]]) -> None:
    definition = real_definitions["commissioning-standards"]
    ann, bob = _filled(definition, "Ann", 1), _filled(definition, "Bob", 2)
    bob["plan"] = {}
    team = aggregate(definition, [("ann.json", ann), ("bob.json", bob)])
    document = _read(team_docx(team))
    assert document.core_properties.title == f"{definition['title']}: team results"
    assert {"Respondents", "Sections", "Where answers differ most", "Items", "Notes and plans"} <= set(
        _styled(document, "Heading 1"))
    text = _texts(document)
    assert "Plan from Ann: " in text and "Ask finance for the figures; owner Ann; due 31 March 2027" in text
    assert all(f"{d['title']}: {d['text']}." in text for d in team["disagreements"])
    result = compare(definition, bob, ann, ("2025.json", "2026.json"))
    document = _read(compare_docx(result))
    assert _styled(document, "Title") == [f"{definition['title']}: before and after"]
    text = _texts(document)
    assert "Before: 2025.json" in text and "After: 2026.json" in text
    assert all(w["message"] in text for w in result["warnings"]) and result["warnings"]
    assert {"Overall", "Sections"} <= set(_styled(document, "Heading 1"))


def test_api_gives_the_bytes_as_base64(standards: tuple[dict[str, Any], dict[str, Any]],
                                       real_definition_json: dict[str, str]) -> None:
    definition, doc = standards
    text = real_definition_json["commissioning-standards"]
    answer = json.loads(api.render_docx_json(text, json.dumps(doc)))
    assert answer["ok"] and base64.b64decode(answer["docx"]) == result_docx(score(definition, doc))
    bad = json.loads(api.render_docx_json(text, "{"))
    assert bad["ok"] is False and bad["docx"] is None
    files = json.dumps([{"name": "a.json", "text": json.dumps(doc)}])
    assert json.loads(api.aggregate_docx_json(text, files))["ok"]
    named = json.loads(api.compare_docx_json(text, json.dumps(doc), json.dumps(doc), "2025.json", "2026.json"))
    assert "Before: 2025.json" in _texts(_read(base64.b64decode(named["docx"])))


def test_cli_writes_the_same_documents(standards: tuple[dict[str, Any], dict[str, Any]], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    definition, doc = standards
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "report.docx"
    assert main(["report", str(answers), "--docx", str(out)]) == 0
    assert out.read_bytes() == result_docx(score(definition, doc))
    assert main(["aggregate", str(answers), str(answers), "--docx", str(tmp_path / "team.docx")]) == 0
    assert _styled(_read((tmp_path / "team.docx").read_bytes()), "Title") == [f"{definition['title']}: team results"]
    assert main(["compare", str(answers), str(answers), "--docx", str(tmp_path / "c.docx")]) == 0
    assert "Before: " + str(answers) in _texts(_read((tmp_path / "c.docx").read_bytes()))
    capsys.readouterr()
    assert main(["report", str(answers)]) == 0  # without --docx: the Markdown report, as score --markdown
    assert capsys.readouterr().out.startswith(f"# {definition['title']}: results\n")
    missing = tmp_path / "missing" / "r.docx"
    assert main(["report", str(answers), "--docx", str(missing)]) == 2
    assert capsys.readouterr().err == f"{missing}: cannot write the report (No such file or directory)\n"


def test_organisation_and_date_are_shown_when_the_result_has_them(
        standards: tuple[dict[str, Any], dict[str, Any]]) -> None:
    # From answers format 2 (issue 11) a result names the organisation and the day of the assessment.
    definition, doc = standards
    result = score(definition, doc)
    plain = _texts(_read(result_docx(result)))
    assert "Organisation: " not in plain and "Assessment date: " not in plain
    result["respondent"]["organisation"] = "Cyngor Gwynedd"
    result["assessment_date_label"] = "2 March 2026"
    text = _texts(_read(result_docx(result)))
    assert "Organisation: Cyngor Gwynedd" in text and "Assessment date: 2 March 2026" in text


_NOT_XML = {*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF}


@settings(max_examples=60, deadline=None, derandomize=True)
@given(note=st.text(st.characters(exclude_categories=("Cs",)), max_size=80),
       name=st.text(st.characters(exclude_categories=("Cs",)), max_size=40))
def test_any_typed_text_gives_well_formed_xml_and_reads_back(definitions: dict[str, dict[str, Any]], note: str,
                                                             name: str) -> None:
    maturity = next(d for d in definitions.values() if d["kind"] == "maturity")
    doc = template(maturity)
    key = next(iter(doc["answers"]))
    doc["answers"][key] = {"level": 1, "note": note}
    doc["respondent"] = {"name": name, "role": ""}
    result = score(maturity, doc)
    result["sections"][0]["title"] = name  # as a section title: in a heading, a table's caption and a bar's label
    data = result_docx(result)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for part in archive.namelist():  # a strict XML parser: Word refuses a file with one bad character
            etree.fromstring(archive.read(part))
    kept = "".join(c for c in note if ord(c) not in _NOT_XML).replace("\r\n", "\n").replace("\r", "\n")
    document = _read(data)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert kept in cells
    captions = [t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) for t in document.tables]
    assert f"Answers: {''.join(c for c in name if ord(c) not in _NOT_XML)}" in captions
    if name.strip():
        who = "".join(c for c in name if ord(c) not in _NOT_XML)
        assert f"Answered by: {who}".replace("\r\n", "\n").replace("\r", "\n") in [
            p.text for p in document.paragraphs]
