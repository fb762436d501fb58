"""Answering in the browser gives the command line's scores; answers survive a reload; import and its errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import (
    FIRST_PRINCIPLE,
    READY_TIMEOUT_MS,
    answer_first_principle,
    item_group,
    level,
    open_assessment,
    py,
    starts,
)
from playwright.sync_api import Page, expect

from obc_assess.core.tailor import applies

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def _answer_plan(definition: dict[str, Any], model: int | None) -> list[tuple[dict[str, Any], str]]:
    """A varied answer (a level's label, Not applicable or Don't know) for every item that applies."""
    labels = [lv["label"] for lv in definition["scale"]["levels"]]
    plan = []
    n = 0
    for section in definition["sections"]:
        for item in section["items"]:
            if not applies(definition, item, model, None):
                continue
            # Not applicable only where the item may be (issue 30: Tool 20's core domains may not).
            choices = [*labels, *(["Not applicable"] if item["na"] else []),
                       *(["Don't know"] if definition["scale"]["unknown"] else [])]
            # Mostly levels, with the occasional Not applicable and Don't know.
            choice = choices[n % len(choices)] if n % 5 == 4 else labels[(n * 7) % len(labels)]
            plan.append((item, choice))
            n += 1
    return plan


def _choose(page: Page, title: str, label: str) -> None:
    group = item_group(page, title)
    level(group, label).check()
    if label == "Not applicable":  # a claim: it needs its reason (issue 30)
        group.get_by_label(f"Why “{title}” does not apply").fill(f"We do not commission {title}.")


def _number(text: str) -> float:
    match = re.search(r"-?\d+(?:\.\d+)?", text)
    assert match, f"no number in {text!r}"
    return float(match.group())


def _cli_score(path: Path) -> dict[str, Any]:
    run = subprocess.run([sys.executable, "-m", "obc_assess", "score", str(path), "--json"], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_procurement_review_model_2_matches_the_command_line(page: Page, site_url: str,
                                                            site_definitions: dict[str, Any], tmp_path: Path) -> None:
    definition = site_definitions["procurement-review"]
    open_assessment(page, site_url, "procurement-review")
    page.get_by_label(re.compile(r"^Model 2:")).check()
    plan = _answer_plan(definition, 2)
    for n, (item, label) in enumerate(plan):
        _choose(page, item["title"], label)
        if n % 6 == 0:
            item_group(page, item["title"]).get_by_label(re.compile(r"^Evidence or note")).fill(
                f"Evidence for {item['title']} <b>not bold</b>")
    expect(page.locator("[data-obc-progress-text]")).to_have_text(f"All {len(plan)} items answered.")
    # Items for other models are hidden, the others shown.
    for section in definition["sections"]:
        for item in section["items"]:
            group = page.locator(f"fieldset[data-obc-item='{item['id']}']")
            if applies(definition, item, 2, None):
                expect(group).to_be_visible()
            else:
                expect(group).to_be_hidden()

    results = page.get_by_role("region", name="Your results")
    expect(results).to_be_visible()
    overall_text = results.get_by_text(re.compile(r"^Overall score:")).inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export answers (JSON)").click()
    download = download_info.value
    assert re.fullmatch(r"procurement-review-\d{4}-\d{2}-\d{2}-answers\.json", download.suggested_filename)
    answers = tmp_path / download.suggested_filename
    download.save_as(answers)
    saved = json.loads(answers.read_text(encoding="utf-8"))
    assert saved["context"]["model"] == 2

    # The results CSV is the command line's, byte for byte (Pyodide and CPython run the same code).
    with page.expect_download() as csv_info:
        page.get_by_role("button", name="Export results (CSV)").click()
    assert re.fullmatch(r"procurement-review-\d{4}-\d{2}-\d{2}-results\.csv", csv_info.value.suggested_filename)
    csv_path = tmp_path / "results.csv"
    csv_info.value.save_as(csv_path)
    run = subprocess.run([sys.executable, "-m", "obc_assess", "score", str(answers), "--csv"], cwd=ROOT,
                         capture_output=True)
    assert run.returncode == 0, run.stderr.decode()
    # ... both behind one UTF-8 byte order mark, so that Excel reads Welsh letters and dashes as they are.
    assert run.stdout.startswith(b"\xef\xbb\xbf") and not run.stdout.startswith(b"\xef\xbb\xbf" * 2)
    assert csv_path.read_bytes() == run.stdout

    cli = _cli_score(answers)
    result = cli.get("result", cli)
    assert _number(overall_text) == float(result["overall"]["percent"])
    table = results.get_by_role("table", name="Score by section")
    for section in result["sections"]:
        row = table.get_by_role("row", name=starts(section['title']))
        cell = row.get_by_role("cell").first.inner_text()
        if section["percent"] is None:
            assert "no score" in cell
        else:
            assert _number(cell) == float(section["percent"]), section["title"]
    # Notes are shown as text, never as markup.
    expect(results.get_by_text("<b>not bold</b>").first).to_be_visible()


def test_reload_keeps_every_answer(page: Page, site_url: str, site_definitions: dict[str, Any]) -> None:
    definition = site_definitions["commissioning-principles"]
    items = [item for section in definition["sections"] for item in section["items"]]
    open_assessment(page, site_url, "commissioning-principles")
    assert not definition["asks_model"]  # the principles ask no model: it changes nothing there
    expect(page.get_by_label(re.compile(r"^Model 1:"))).to_have_count(0)
    _choose(page, items[0]["title"], "Established")
    _choose(page, items[1]["title"], "Don't know")
    _choose(page, items[2]["title"], "Not applicable")
    note = "Minutes of the June board, item 4 & \"co-production\" <script>"
    item_group(page, items[0]["title"]).get_by_label(re.compile(r"^Evidence or note")).fill(note)
    page.get_by_label("Your name or team (optional)").fill("Team Tŷ Gwyn")
    page.get_by_label("Your role (optional)").select_option(label="Provider")
    expect(page.get_by_role("region", name="Your results").get_by_text(note)).to_be_visible()
    page.reload()
    expect(item_group(page, items[0]["title"]).get_by_label(re.compile("^Established"))).to_be_checked()
    expect(item_group(page, items[1]["title"]).get_by_label("Don't know")).to_be_checked()
    expect(item_group(page, items[2]["title"]).get_by_label("Not applicable")).to_be_checked()
    expect(item_group(page, items[2]["title"]).get_by_label(f"Why “{items[2]['title']}” does not apply")).to_have_value(
        f"We do not commission {items[2]['title']}.")
    expect(item_group(page, items[0]["title"]).get_by_label(re.compile(r"^Evidence or note"))).to_have_value(note)
    expect(page.get_by_label("Your name or team (optional)")).to_have_value("Team Tŷ Gwyn")
    expect(page.get_by_label("Your role (optional)")).to_have_value("provider")
    # Clear my answers asks first, then empties the form and the saved copy.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear my answers").click()
    expect(item_group(page, items[0]["title"]).get_by_label(re.compile("^Established"))).not_to_be_checked()
    page.reload()
    expect(page.locator("[data-obc-status]")).to_contain_text("Ready")
    expect(page.get_by_label("Your role (optional)")).to_have_value("")
    expect(item_group(page, items[0]["title"]).get_by_label(re.compile(r"^Evidence or note"))).to_have_value("")


def _template(assessment_id: str, model: int) -> dict[str, Any]:
    run = subprocess.run([sys.executable, "-m", "obc_assess", "template", assessment_id, "--model", str(model)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_import_restores_answers_and_reports_a_wrong_file(page: Page, site_url: str, site_definitions: dict[str, Any],
                                                          site_definition_json: dict[str, str], tmp_path: Path) -> None:
    definition = site_definitions["commissioning-principles"]
    items = [item for section in definition["sections"] for item in section["items"]]
    doc = _template("commissioning-principles", 3)
    levels = [3, 2, 1, 0, "unknown", "na", 2]
    for item, value in zip(items, levels, strict=False):
        doc["answers"][item["id"]] = {"level": value, "note": f"Seen in {item['id']}",
                                      **({"na_reason": "Not ours"} if value == "na" else {})}
    good = tmp_path / "ours.json"
    good.write_text(json.dumps(doc), encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text(json.dumps(_template("measure-mix", 1)), encoding="utf-8")

    open_assessment(page, site_url, "commissioning-principles")
    file_input = page.get_by_label("Continue from an exported answers file")

    # A file for another assessment: the error summary says why, and takes focus.
    file_input.set_input_files(other)
    expected = py("form_import", site_definition_json["commissioning-principles"], other.read_text())
    assert not expected["ok"]
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(expected["problems"][0]["message"])

    file_input.set_input_files(good)
    expect(summary).to_be_hidden()
    labels = {lv["value"]: lv["label"] for lv in definition["scale"]["levels"]}
    labels.update({"unknown": "Don't know", "na": "Not applicable"})
    for item, value in zip(items, levels, strict=False):
        group = item_group(page, item["title"])
        expect(level(group, labels[value])).to_be_checked()
        expect(group.get_by_label(re.compile(r"^Evidence or note"))).to_have_value(f"Seen in {item['id']}")
    text = site_definition_json["commissioning-principles"]
    fields = py("form_fields", text, json.dumps(doc))["fields"]
    expected_result = py("form_evaluate", text, json.dumps(fields))["result"]
    overall = page.get_by_role("region", name="Your results").get_by_text(re.compile(r"^Overall score:"))
    expect(overall).to_contain_text(f"{expected_result['overall']['percent']}")


def test_models_tailor_supporting_systems_never_shrink(page: Page, site_url: str,
                                                      site_definitions: dict[str, Any]) -> None:
    # Issue 10: "Not decided yet" shows every item, each marked; Model 1 leaves out Model 3's items; Model 3 keeps
    # the items Tool 21 calls "less crucial" for it, marked, and Python's results say so.
    definition = site_definitions["supporting-systems"]
    every = [item for section in definition["sections"] for item in section["items"]]
    open_assessment(page, site_url, "supporting-systems")
    expect(page.get_by_label("Not decided yet")).to_be_checked()
    logic = item_group(page, "Logic models (Model 3)")
    expect(logic).to_be_visible()
    expect(logic.get_by_text("for Model 3 only", exact=True)).to_be_visible()
    clear = item_group(page, "Clear outcomes for each person")
    expect(clear.get_by_text("less crucial for Model 3", exact=True)).to_be_visible()
    expect(page.locator("fieldset[data-obc-item]:visible")).to_have_count(len(every))
    # Which items show is Python's answer to each change (evaluate's "applicable"): waited for as any Python result.
    page.get_by_label(re.compile(r"^Model 1:")).check()
    expect(logic).to_be_hidden(timeout=READY_TIMEOUT_MS)
    expect(clear).to_be_visible()
    page.get_by_label(re.compile(r"^Model 3:")).check()
    expect(logic).to_be_visible(timeout=READY_TIMEOUT_MS)
    expect(clear).to_be_visible()
    level(clear, "Not in place").check()
    results = page.get_by_role("region", name="Your results")
    expect(results.get_by_text(re.compile(r"weight 1: this item counts once; less crucial for Model 3\.$"))
           ).to_be_visible(timeout=READY_TIMEOUT_MS)


def test_any_text_is_text_and_files_are_read_by_pythons_rule(page: Page, site_url: str, tmp_path: Path) -> None:
    # Issue 35, failure 6: a note holding U+FFFD ("caf\ufffd menu", pasted from a mis-decoded email) blanked the
    # results and stopped Export answers; a UTF-16 file needs its byte order mark; a renamed .docx is said as one.
    open_assessment(page, site_url, "commissioning-principles")
    answer_first_principle(page)
    group = item_group(page, FIRST_PRINCIPLE)
    group.get_by_label(re.compile(r"^Evidence or note")).fill("caf\ufffd menu")
    results = page.get_by_role("region", name="Your results")
    expect(results.get_by_text(re.compile(r"^Overall score:"))).to_be_visible(timeout=READY_TIMEOUT_MS)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export answers (JSON)").click()
    exported = tmp_path / "exported.json"
    download_info.value.save_as(exported)
    doc = json.loads(exported.read_text(encoding="utf-8"))
    assert "caf\ufffd menu" in [answer["note"] for answer in doc["answers"].values()]

    page.once("dialog", lambda dialog: dialog.accept())  # "replace what you have typed?"
    file_input = page.get_by_label("Continue from an exported answers file")
    docx = tmp_path / "report.json"
    docx.write_bytes(b"PK\x03\x04" + bytes(range(256)))
    file_input.set_input_files(docx)
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_contain_text("report.json: a zip file, such as a Word document, not an answers file",
                                    timeout=READY_TIMEOUT_MS)

    for answer in doc["answers"].values():
        answer["note"] = answer["note"].replace("caf\ufffd menu", "Read from UTF-16")
    utf16 = tmp_path / "notepad.json"
    utf16.write_bytes(b"\xff\xfe" + json.dumps(doc, ensure_ascii=False).encode("utf-16-le"))
    page.once("dialog", lambda dialog: dialog.accept())
    file_input.set_input_files(utf16)
    expect(item_group(page, FIRST_PRINCIPLE).get_by_label(re.compile(r"^Evidence or note"))).to_have_value(
        "Read from UTF-16", timeout=READY_TIMEOUT_MS)
    expect(summary).to_be_hidden()
