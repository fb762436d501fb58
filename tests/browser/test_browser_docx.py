"""The Word report in the browser: "Download report (.docx)" on an assessment, the team merge and the comparison
gives a file python-docx opens, byte for byte what obc_assess gives on the command line for the same answers."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from browser_helpers import READY_TIMEOUT_MS, item_group, level, open_assessment
from playwright.sync_api import Locator, Page, expect
from test_browser_team import files_json, open_team, payload, rated

from obc_assess.core import api

pytestmark = pytest.mark.browser


def _save(page: Page, button: Locator, path: Path) -> tuple[str, bytes]:
    with page.expect_download() as info:
        button.click()
    info.value.save_as(path)
    return info.value.suggested_filename, path.read_bytes()


def _headings(path: Path, style: str) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style is not None and p.style.name == style]


def test_download_report_from_an_assessment(page: Page, site_url: str, site_definitions: dict[str, Any],
                                           site_definition_json: dict[str, str], tmp_path: Path) -> None:
    definition = site_definitions["commissioning-principles"]
    items = [item for section in definition["sections"] for item in section["items"]]
    labels = [lv["label"] for lv in definition["scale"]["levels"]]
    open_assessment(page, site_url, "commissioning-principles")
    level(item_group(page, items[0]["title"]), labels[0]).check()
    level(item_group(page, items[1]["title"]), labels[2]).check()
    note = "Minutes of the June board, item 4 & \"co-production\" <script>"
    item_group(page, items[0]["title"]).get_by_label(re.compile(r"^Evidence or note")).fill(note)
    # The note comes back through Python: on a loaded machine that can take longer than the default 5 s.
    expect(page.get_by_role("region", name="Your results").get_by_text(note)).to_be_visible(timeout=READY_TIMEOUT_MS)

    name, data = _save(page, page.get_by_role("button", name="Download report (.docx)"), tmp_path / "r.docx")
    assert re.fullmatch(r"commissioning-principles-\d{4}-\d{2}-\d{2}-report\.docx", name)
    document = docx.Document(str(tmp_path / "r.docx"))
    assert document.core_properties.title == f"{definition['title']}: results"
    assert _headings(tmp_path / "r.docx", "Heading 1")[:3] == ["Review and sign-off", "Overall (core items)",
                                                              "Sections"]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert note in cells and items[0]["title"] in cells
    # The bytes Python gives for the answers the page exports: the browser adds nothing of its own.
    _, answers = _save(page, page.get_by_role("button", name="Export answers (JSON)"), tmp_path / "a.json")
    want = json.loads(api.render_docx_json(site_definition_json["commissioning-principles"], answers.decode()))
    assert data == base64.b64decode(want["docx"])


def test_download_team_and_comparison_reports(page: Page, site_url: str, site_definitions: dict[str, Any],
                                              site_definition_json: dict[str, str], tmp_path: Path) -> None:
    definition = site_definitions["commissioning-principles"]
    text = site_definition_json["commissioning-principles"]
    files = [payload("ann.json", rated(definition, "Ann", "commissioner", [0, 1, 3])),
             payload("bob.json", rated(definition, "Bob", "provider", [3, 2, 1]))]
    open_team(page, site_url, "commissioning-principles")
    page.get_by_label("Answers files to merge").set_input_files(files)
    region = page.get_by_role("region", name="Team results")
    expect(region).to_be_visible()
    name, data = _save(page, region.get_by_role("button", name="Download team report (.docx)"), tmp_path / "t.docx")
    assert re.fullmatch(r"commissioning-principles-team-\d{4}-\d{2}-\d{2}\.docx", name)
    assert data == base64.b64decode(json.loads(api.aggregate_docx_json(text, files_json(files)))["docx"])
    assert "Respondents" in _headings(tmp_path / "t.docx", "Heading 1")  # the Markdown report's heading (issue 32)

    page.get_by_label("Baseline: the earlier answers file").set_input_files(files[0])
    page.get_by_label("Later: the answers file to compare with it").set_input_files(files[1])
    region = page.get_by_role("region", name="Progress over time")
    expect(region).to_be_visible()
    name, data = _save(page, region.get_by_role("button", name="Download comparison report (.docx)"),
                       tmp_path / "c.docx")
    assert re.fullmatch(r"commissioning-principles-comparison-\d{4}-\d{2}-\d{2}-report\.docx", name)
    want = api.compare_docx_json(text, *(f["buffer"].decode() for f in files), "ann.json", "bob.json")
    assert data == base64.b64decode(json.loads(want)["docx"])
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "c.docx")).paragraphs]
    assert any(p.startswith("Before: ann.json (") for p in paragraphs)
    assert any(p.startswith("After: bob.json (") for p in paragraphs)
