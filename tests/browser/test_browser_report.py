"""Who, when and what, as a person meets them: the organisation and date go into the file and its name, an import
over typed work asks first, priorities are a shortlist named by topic, and the printed report says who and when."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from browser_helpers import item_group, level, open_assessment
from playwright.sync_api import Dialog, Page, expect

from obc_assess.core.responses import FORMAT_VERSION

DATE = "Date of the assessment (optional)"

AID = "commissioning-principles"


def _items(definition: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for section in definition["sections"] for item in section["items"]]


def test_the_exported_file_says_who_and_when_in_its_name_and_its_text(page: Page, site_url: str,
                                                                      site_definitions: dict[str, Any]) -> None:
    first = _items(site_definitions[AID])[0]
    open_assessment(page, site_url, AID)
    level(item_group(page, first["title"]), "Established").check()
    page.get_by_label("Organisation (optional)").fill("Cyngor Gwynedd")
    date = page.get_by_role("group", name=DATE)
    for box, value in (("Day", "2"), ("Month", "3"), ("Year", "2026")):
        date.get_by_label(box).fill(value)
    results = page.get_by_role("region", name="Your results")
    expect(results).to_contain_text("2 March 2026")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export answers (JSON)").click()
    assert download.value.suggested_filename == f"{AID}-cyngor-gwynedd-2026-03-02-answers.json"
    doc = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert (doc["format_version"], doc["respondent"]["organisation"], doc["assessment_date"]) == (
        FORMAT_VERSION, "Cyngor Gwynedd", "2026-03-02")
    # The printed report: who and when, and none of the page's furniture or raw addresses.
    page.emulate_media(media="print")
    expect(results.get_by_text("Cyngor Gwynedd")).to_be_visible()
    expect(results.get_by_text("2 March 2026")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Read first:"))).to_be_hidden()
    expect(page.get_by_role("button", name="Export answers (JSON)")).to_be_hidden()
    assert "http" not in page.locator(".md-content").inner_text()


def test_import_over_typed_work_asks_first_and_an_old_file_says_what_is_new(
        page: Page, site_url: str, site_definitions: dict[str, Any], tmp_path: Path) -> None:
    first = _items(site_definitions[AID])[0]
    old = {"format": "obc-assess/responses", "format_version": 1, "assessment": AID,
           "assessment_version": site_definitions[AID]["version"], "context": {"model": None, "scope": None},
           "respondent": {"name": "From the file", "role": ""}, "answers": {first["id"]: {"level": 0, "note": ""}}}
    path = tmp_path / "last-year.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    open_assessment(page, site_url, AID)
    name = page.get_by_label("Your name or team (optional)")
    name.fill("Typed here")
    asked: list[str] = []

    def refuse(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", refuse)
    page.get_by_label("Continue from an exported answers file").set_input_files(path)
    expect(name).to_have_value("Typed here")
    assert asked == ["Replace the answers on this page with those in last-year.json? "
                     "Export your answers first if you want to keep them."]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_label("Continue from an exported answers file").set_input_files(path)
    expect(name).to_have_value("From the file")
    expect(page.get_by_text(re.compile("saved before files recorded the organisation and the assessment date"))
           ).to_be_visible()


def test_priorities_are_a_shortlist_named_by_topic(page: Page, site_url: str,
                                                   site_definitions: dict[str, Any]) -> None:
    standards = site_definitions["commissioning-standards"]["sections"][0]["items"][:7]
    open_assessment(page, site_url, "commissioning-standards")
    for item in standards:
        level(item_group(page, item["title"]), "Not in place").check()
    where = page.get_by_role("region", name="Your results").locator(".obc-priorities")
    expect(where.locator("ol > li:visible")).to_have_count(5)
    expect(where).to_contain_text("The first 5 of 7.")
    # Equal gains keep the form's order: Standard 3 counts double, so it comes first.
    expect(where.locator("ol > li").first).to_contain_text(
        next(i["topic"] for i in standards if i["id"] == "standard-3"))
    # On paper, every priority, and no word of a shortlist or a button (issue 31).
    page.emulate_media(media="print")
    expect(where.locator("ol > li:visible")).to_have_count(7)
    expect(where.get_by_text("The first 5 of 7.")).to_be_hidden()
    expect(where.get_by_role("button", name="Show all 7 items")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(where.locator("ol > li:visible")).to_have_count(5)
    where.get_by_role("button", name="Show all 7 items").click()
    expect(where.locator("ol > li:visible")).to_have_count(7)
    expect(where.get_by_role("button", name="Show all 7 items")).to_have_count(0)


def test_a_mistyped_assessment_date_is_named_and_its_link_goes_to_the_day_box(
        page: Page, site_url: str, site_definitions: dict[str, Any]) -> None:
    first = _items(site_definitions[AID])[0]
    open_assessment(page, site_url, AID)
    level(item_group(page, first["title"]), "Established").check()
    date = page.get_by_role("group", name=DATE)
    for box, value in (("Day", "30"), ("Month", "2"), ("Year", "2026")):
        date.get_by_label(box).fill(value)
    date.get_by_label("Year").press("Tab")
    message = "Date of the assessment must be a real date, like 31 3 2027"
    expect(date.locator(".obc-error-message")).to_have_text(f"Error: {message}")
    link = page.get_by_role("alert").filter(has_text="There is a problem").get_by_role("link", name=message)
    expect(link).to_have_attribute("href", "#assessment-date:day")
    link.click()
    expect(date.get_by_label("Day")).to_be_focused()
    # Only the date waits: the results are there, and the file name uses the export day until it is put right.
    expect(page.get_by_role("region", name="Your results")).to_be_visible()
    date.get_by_label("Day").fill("27")
    date.get_by_label("Day").press("Tab")
    expect(date.locator(".obc-error-message")).to_be_hidden()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export answers (JSON)").click()
    assert download.value.suggested_filename == f"{AID}-2026-02-27-answers.json"
