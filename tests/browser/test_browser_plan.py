"""The action plan in a maturity form: saved, exported, imported and printed with the answers, shown in the
results, exported on its own as CSV, and its fields reachable from the error summary though folded away."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import item_group, level, open_assessment, wait_ready
from playwright.sync_api import Page, expect

from obc_assess.core import api

pytestmark = pytest.mark.browser


def _plan(page: Page, title: str, action: str, owner: str, due: str, target: str) -> None:
    group = item_group(page, title)
    group.get_by_text(re.compile("^Action plan for")).click()  # the <summary>: opens the plan's fields
    group.get_by_label(f"Action for \u201c{title}\u201d", exact=True).fill(action)
    group.get_by_label(f"Owner of the action for \u201c{title}\u201d").fill(owner)
    if due:  # the GOV.UK date input: day, month and year in their own boxes
        year, month, day = due.split("-")
        date = group.get_by_role("group", name=f"Due date for \u201c{title}\u201d")
        date.get_by_label("Day").fill(str(int(day)))
        date.get_by_label("Month").fill(str(int(month)))
        date.get_by_label("Year").fill(year)
    group.get_by_label(f"Target level for \u201c{title}\u201d").select_option(label=target)


def test_action_plan_round_trip(page: Page, site_url: str, site_definitions: dict[str, Any],
                                site_definition_json: dict[str, str], tmp_path: Path) -> None:
    definition = site_definitions["commissioning-principles"]
    items = [item for section in definition["sections"] for item in section["items"]]
    labels = [lv["label"] for lv in definition["scale"]["levels"]]
    open_assessment(page, site_url, "commissioning-principles")
    level(item_group(page, items[0]["title"]), labels[0]).check()
    level(item_group(page, items[1]["title"]), labels[2]).check()
    _plan(page, items[0]["title"], "Write outcomes into the specification.", "Commissioning lead", "2026-03-31",
          f"2: {labels[2]}")
    _plan(page, items[1]["title"], "Share the needs assessment.", "", "", "No target set")

    # The results show the plan, first things first.
    results = page.get_by_role("region", name="Your results")
    plan = results.get_by_role("table", name="Your action plan")
    expect(plan).to_be_visible()
    first = plan.get_by_role("row", name=re.compile("^" + re.escape(items[0]["title"][:20])))
    for text in ("Write outcomes into the specification.", "Commissioning lead", "2026-03-31", labels[2]):
        expect(first).to_contain_text(text)

    # Exported with the answers...
    with page.expect_download() as info:
        page.get_by_role("button", name="Export answers (JSON)").click()
    answers = tmp_path / "answers.json"
    info.value.save_as(answers)
    doc = json.loads(answers.read_text(encoding="utf-8"))
    assert doc["plan"][items[0]["id"]] == {"action": "Write outcomes into the specification.",
                                           "owner": "Commissioning lead", "due": "2026-03-31", "target": 2,
                                           # Format 3: every entry has a status, a review note and its origin.
                                           "status": "not-started", "review": "", "carried_from": ""}
    assert doc["plan"][items[1]["id"]]["target"] is None
    # ...and on its own, as obc_assess writes it.
    with page.expect_download() as info:
        page.get_by_role("button", name="Export action plan (CSV)").click()
    assert re.fullmatch(r"commissioning-principles-\d{4}-\d{2}-\d{2}-action-plan\.csv", info.value.suggested_filename)
    csv = tmp_path / "plan.csv"
    info.value.save_as(csv)
    want = json.loads(api.plan_csv_json(site_definition_json["commissioning-principles"], answers.read_text()))
    assert csv.read_bytes().decode("utf-8") == "\ufeff" + want["csv"]  # a byte order mark for Excel

    # Kept in this browser: back after a reload, folded away as before.
    page.reload()
    wait_ready(page)
    group = item_group(page, items[0]["title"])
    expect(group.get_by_label(f"Owner of the action for \u201c{items[0]['title']}\u201d")).to_have_value(
        "Commissioning lead")
    date = group.get_by_role("group", name=f"Due date for \u201c{items[0]['title']}\u201d", include_hidden=True)
    for box, value in (("Day", "31"), ("Month", "3"), ("Year", "2026")):
        expect(date.get_by_label(box)).to_have_value(value)
    expect(group.get_by_label(f"Target level for \u201c{items[0]['title']}\u201d")).to_have_value("2")

    # Cleared, then imported from the exported file: the plan comes back with the answers.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear my answers").click()
    expect(group.get_by_label(f"Action for \u201c{items[0]['title']}\u201d", exact=True)).to_have_value("")
    page.get_by_label("Continue from an exported answers file").set_input_files(answers)
    expect(group.get_by_label(f"Action for \u201c{items[0]['title']}\u201d", exact=True)).to_have_value(
        "Write outcomes into the specification.")
    expect(plan).to_contain_text("Share the needs assessment.")

    # Printed with the report.
    page.emulate_media(media="print")
    page.pdf()
    expect(plan).to_be_visible()
    expect(plan).to_contain_text("Write outcomes into the specification.")


def test_error_summary_opens_a_folded_plan_field(page: Page, site_url: str,
                                                 site_definitions: dict[str, Any]) -> None:
    definition = site_definitions["commissioning-principles"]
    item = definition["sections"][0]["items"][2]
    open_assessment(page, site_url, "commissioning-principles")
    # An action longer than the form allows (as an old saved copy or a script could leave it).
    page.evaluate("""(field) => {
        const el = document.getElementById(`plan-action:${field}`);
        el.value = "x".repeat(1001);
        el.dispatchEvent(new Event("input", {bubbles: true}));
        el.dispatchEvent(new FocusEvent("focusout", {bubbles: true}));  // the person leaves the field
    }""", item["id"])
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    link = summary.get_by_role("link", name=re.compile("too long", re.I))
    expect(link).to_be_visible()
    details = item_group(page, item["title"]).locator("details.obc-plan")
    details.evaluate("(el) => { el.open = false; }")  # folded away again by the person
    link.click()
    expect(details).to_have_attribute("open", "")
    expect(page.get_by_label(f"Action for \u201c{item['title']}\u201d", exact=True)).to_be_focused()
