"""User-named rows: service areas ranked for review, and measures sorted into the measure mix."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import open_assessment, py
from playwright.sync_api import Locator, Page, expect

from obc_assess.core.responses import template

pytestmark = pytest.mark.browser


def _row(page: Page, label: str, number: int) -> Locator:
    return page.get_by_role("group", name=f"{label} {number}", exact=True)


def _rate(row: Locator, criterion: str, level: str) -> None:
    row.get_by_role("group", name=criterion, exact=True).get_by_label(level, exact=True).check()


def test_review_priorities_rows_add_rename_remove_and_rank(page: Page, site_url: str,
                                                           site_definitions: dict[str, Any],
                                                           site_definition_json: dict[str, str]) -> None:
    definition = site_definitions["review-priorities"]
    criteria = [item["title"] for section in definition["sections"] for item in section["items"]]
    levels = [lv["label"] for lv in definition["scale"]["levels"]]
    open_assessment(page, site_url, "review-priorities")
    rows = page.locator("[data-obc-row-list] > fieldset")
    start = rows.count()
    assert start >= 1

    page.get_by_role("button", name="Add another service area").click()
    expect(rows).to_have_count(start + 1)
    new = _row(page, "Service area", start + 1)
    expect(new.get_by_label("Name of the service area")).to_be_focused()

    # Ratings by position on the scale: Home care highest, Reablement lowest, Day services between.
    plans = {1: ("Home care", [3, 3, 2, 3, 3, 2]), 2: ("Reablement", [1, 0, 1, 0, 0, 1]),
             start + 1: ("Day services", [2, 1, 3, 1, 2, 2])}
    for number, (name, ratings) in plans.items():
        row = _row(page, "Service area", number)
        row.get_by_label("Name of the service area").fill(name)
        for criterion, rating in zip(criteria, ratings, strict=False):
            _rate(row, criterion, levels[rating])
    # Rename the first, remove the second: the rows renumber, the ranking follows.
    _row(page, "Service area", 1).get_by_label("Name of the service area").fill("Home care for older people")
    _row(page, "Service area", 2).get_by_role("button", name=re.compile(r"^Remove this service area")).click()
    expect(rows).to_have_count(start)
    expect(_row(page, "Service area", start).get_by_label("Name of the service area")).to_have_value("Day services")

    results = page.get_by_role("region", name="Your results")
    table = results.get_by_role("table", name=re.compile("Service areas"))
    expect(table).to_be_visible()
    expect(table).not_to_contain_text("Reablement")
    # The same ranking as obc_assess gives for the same fields.
    fields = page.evaluate("() => Object.fromEntries(new FormData(document.querySelector('[data-obc-form]')))")
    expected = py("form_evaluate", site_definition_json["review-priorities"], json.dumps(fields))
    ranked = sorted((a for a in expected["result"]["areas"] if a["rank"] is not None), key=lambda a: a["rank"])
    assert [a["name"] for a in ranked][:2] != []
    body_rows = table.locator("tbody tr")
    expect(body_rows).to_have_count(len(ranked))
    for n, area in enumerate(ranked):
        expect(body_rows.nth(n).get_by_role("rowheader")).to_have_text(area["name"])
    expect(body_rows.first.get_by_role("rowheader")).to_have_text("Home care for older people")

    # At least one row always stays.
    while rows.count() > 1:
        rows.last.get_by_role("button", name=re.compile(r"^Remove this")).click()
    expect(rows.first.get_by_role("button", name=re.compile(r"^Remove this"))).to_be_hidden()


def test_a_guess_is_listed_apart_and_the_need_flag_shows_beside_the_rank(
        page: Page, site_url: str, site_definitions: dict[str, Any], site_definition_json: dict[str, str]) -> None:
    # Issue 30: one "Strongly" and five "Don't know" once scored 100% and ranked first.
    definition = site_definitions["review-priorities"]
    criteria = [item["title"] for section in definition["sections"] for item in section["items"]]
    levels = [lv["label"] for lv in definition["scale"]["levels"]]
    open_assessment(page, site_url, "review-priorities")
    plans = {1: ("Home care", [1, 1, 1, 1, 1, 0]), 2: ("Guess", [3, None, None, None, None, None])}
    for number, (name, ratings) in plans.items():
        row = _row(page, "Service area", number)
        row.get_by_label("Name of the service area").fill(name)
        for criterion, rating in zip(criteria, ratings, strict=True):
            _rate(row, criterion, levels[rating] if rating is not None else "Don't know")
    fields = page.evaluate("() => Object.fromEntries(new FormData(document.querySelector('[data-obc-form]')))")
    expected = py("form_evaluate", site_definition_json["review-priorities"], json.dumps(fields))["result"]
    block = expected["matrix"]
    assert [(a["name"], a["rank"]) for a in block["areas"]] == [("Home care", 1), ("Guess", None)]

    results = page.get_by_role("region", name="Your results")
    ranked = results.get_by_role("table", name=re.compile("Service areas"))
    expect(ranked.locator("tbody tr")).to_have_count(1)
    expect(ranked.get_by_role("row", name=re.compile("^Home care"))).to_contain_text(block["flag"]["raised"])
    apart = results.get_by_role("table", name=block["unranked_label"])
    expect(apart.get_by_role("row", name=re.compile("^Guess"))).to_contain_text("20%")
    expect(results.get_by_role("heading", name=block["unranked_label"])).to_be_visible()
    expect(results.locator('[data-slot="quote"][lang="en"]')).to_have_text(block["flag"]["quote"])


def test_measure_mix_rows_classed_show_the_mix(page: Page, site_url: str, site_definitions: dict[str, Any]) -> None:
    definition = site_definitions["measure-mix"]
    classes = {c["id"]: c["label"] for c in definition["classification"]["classes"]}
    open_assessment(page, site_url, "measure-mix")
    rows = page.locator("[data-obc-row-list] > fieldset")
    start = rows.count()
    measures = [("Hours of care delivered", "output"), ("Staff vacancies", "input"),
                ("Care plans reviewed on time", "process"),
                ("People managing personal care after reablement", "outcome-individual"),
                ("Complaints answered within 20 days", "process")]
    for n, (name, cls) in enumerate(measures, start=1):
        if n > start:
            page.get_by_role("button", name="Add another measure").click()
        row = _row(page, "Measure", n)
        row.get_by_label("Name of the measure").fill(name)
        row.get_by_label(classes[cls], exact=True).check()
    results = page.get_by_role("region", name="Your results")
    table = results.get_by_role("table", name=re.compile("measures by category", re.I))
    expect(table).to_be_visible()
    expect(table.get_by_role("row", name=re.compile(rf"^{classes['process']}"))).to_contain_text("2")
    expect(results.get_by_text(re.compile(r"^Outcome measures: 20"))).to_be_visible()
    expect(results.get_by_text(definition["classification"]["flag_message"].split(".")[0])).to_be_visible()


def test_a_file_of_500_service_areas_comes_back_whole(page: Page, site_url: str, site_definition_json: dict[str, str],
                                                      tmp_path: Path) -> None:
    # Python's row limit is the page's too: a file within it is drawn whole, never cut short without a word.
    doc = template(json.loads(site_definition_json["review-priorities"]))
    blank = doc["answers"]["areas"][0]
    doc["answers"]["areas"] = [{**blank, "name": f"Area {n}"} for n in range(500)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    open_assessment(page, site_url, "review-priorities")
    page.get_by_label("Continue from an exported answers file").set_input_files(path)
    expect(page.locator("[data-obc-status]")).to_contain_text("Answers imported from many.json")
    rows = page.locator("[data-obc-row-list] > fieldset")
    expect(rows).to_have_count(500)
    expect(_row(page, "Service area", 500).get_by_label("Name of the service area")).to_have_value("Area 499")
