"""Finding your way and putting answers right, as a person would: the task list of sections with their status,
each section's progress, the score so far and "See your results" in view, the GOV.UK date input with a mistyped
year checked on leaving it, the error summary linking to the field, one bad field leaving out only itself, area
names in words, saved answers under the old field names, and the unrestorable copy under a full quota."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from browser_helpers import item_group, level, open_assessment, starts, wait_ready, wait_saved, wait_scored
from playwright.sync_api import Browser, Page, expect

from obc_assess.core import api

pytestmark = pytest.mark.browser

STANDARDS = "commissioning-standards"
PRINCIPLES = "commissioning-principles"


def _items(definitions: dict[str, Any], aid: str) -> list[dict[str, Any]]:
    return [item for section in definitions[aid]["sections"] for item in section["items"]]


def _task(page: Page, title: str) -> Any:
    return page.get_by_role("navigation", name="Sections").get_by_role("listitem").filter(
        has=page.get_by_role("link", name=title, exact=True))


def test_task_list_section_progress_and_score_in_view(page: Page, site_url: str, site_definitions: dict[str, Any],
                                                      site_definition_json: dict[str, str]) -> None:
    sections = site_definitions[STANDARDS]["sections"]
    first, second = sections[0], sections[1]
    open_assessment(page, site_url, STANDARDS)
    for section in sections:
        expect(_task(page, section["title"])).to_contain_text("Not yet started")
    bar = page.locator("[data-obc-summary-bar]")

    level(item_group(page, first["items"][0]["title"]), "Established").check()
    expect(_task(page, first["title"])).to_contain_text(f"In progress: 1 of {len(first['items'])}")
    heading = page.get_by_role("heading", name=starts(first["title"]))
    expect(page.locator(f"#section-{first['id']} [data-obc-section-progress]")).to_have_text(
        f"1 of {len(first['items'])} answered")
    for item in first["items"][1:]:
        level(item_group(page, item["title"]), "Developing").check()
    expect(_task(page, first["title"])).to_contain_text("Completed")
    expect(_task(page, second["title"])).to_contain_text("Not yet started")

    # The score so far is Python's, band and percent, in the bar at the foot of the window while answering.
    fields = {f"item:{item['id']}": "1" for item in first["items"]}
    fields[f"item:{first['items'][0]['id']}"] = "2"
    overall = json.loads(api.evaluate_form(site_definition_json[STANDARDS], json.dumps(fields)))["result"]["overall"]
    want = f"{overall['percent']:g}%" + (f" ({overall['band']['label']})" if overall["band"] else "")
    expect(bar).to_contain_text(f"Score so far: {want}")
    expect(bar).to_be_in_viewport()
    heading.scroll_into_view_if_needed()
    expect(bar).to_be_in_viewport()
    # One step to the results, from the bar or from the task list.
    bar.get_by_role("link", name="See your results").click()
    expect(page.get_by_role("heading", name="Your results")).to_be_in_viewport()
    page.get_by_role("navigation", name="Sections").scroll_into_view_if_needed()
    expect(page.get_by_role("navigation", name="Sections").get_by_role("link", name="See your results")).to_be_visible()


def test_the_task_list_is_there_without_javascript(browser: Browser, site_url: str,
                                                   site_definitions: dict[str, Any]) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}assessments/{STANDARDS}/")
    sections = site_definitions[STANDARDS]["sections"]
    for section in sections:
        expect(_task(page, section["title"])).to_contain_text(f"{len(section['items'])} items")
    page.get_by_role("link", name=sections[3]["title"], exact=True).click()
    expect(page.get_by_role("heading", name=starts(sections[3]["title"]))).to_be_in_viewport()
    context.close()


def _open_plan(page: Page, title: str) -> Any:
    group = item_group(page, title)
    group.get_by_text(re.compile("^Action plan for")).click()
    return group.get_by_role("group", name=f"Due date for \u201c{title}\u201d")


def test_a_mistyped_year_is_named_on_leaving_and_hides_only_itself(page: Page, site_url: str,
                                                                   site_definitions: dict[str, Any],
                                                                   site_definition_json: dict[str, str]) -> None:
    items = _items(site_definitions, PRINCIPLES)
    title = items[0]["title"]
    open_assessment(page, site_url, PRINCIPLES)
    level(item_group(page, title), "Established").check()
    level(item_group(page, items[1]["title"]), "Developing").check()
    results = page.get_by_role("region", name="Your results")
    expect(results).to_be_visible()
    fields = {f"item:{items[0]['id']}": "2", f"item:{items[1]['id']}": "1"}
    result = json.loads(api.evaluate_form(site_definition_json[PRINCIPLES], json.dumps(fields)))["result"]
    score = f"{result['overall']['percent']:g}%"  # as JavaScript writes a number
    expect(results.locator("[data-obc-overall]")).to_have_text(score)

    date = _open_plan(page, title)
    date.get_by_label("Day").fill("10")
    date.get_by_label("Month").fill("3")
    date.get_by_label("Year").fill("32025")
    message = f"Due date for \u201c{title}\u201d must have a year of 4 numbers, like 2027"
    # Still typing in the year: nothing is said yet, even once the page has scored what was typed (it keeps the
    # answers as typed in the same task as it shows their result and problems).
    wait_saved(page, PRINCIPLES, lambda doc: doc.get("plan", {}).get(items[0]["id"], {}).get("due") == "32025-03-10")
    expect(date.get_by_text(message)).to_have_count(0)
    date.get_by_label("Year").press("Tab")
    expect(date.locator(".obc-error-message")).to_have_text(f"Error: {message}")

    # The message is at the date, where the person is; the summary is at the top of the form, as GOV.UK has it
    # (in the pinned bar it covered the fields it named: issue 31), and its link takes them back to the date.
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_attached()
    assert summary.evaluate("(el) => Boolean(el.compareDocumentPosition(document.querySelector('form.obc-form'))"
                            " & Node.DOCUMENT_POSITION_FOLLOWING)")
    link = summary.get_by_role("link", name=message)
    link.click()
    expect(date.get_by_label("Day")).to_be_focused()

    # Every score is still there: only the date is left out, and the results say so beside them.
    expect(results).to_be_visible()
    expect(results.locator("[data-obc-overall]")).to_have_text(score)
    expect(results.locator("[data-obc-left-out]")).to_contain_text(
        f"{message} The results leave out due date for \u201c{title}\u201d until this is put right.")

    # Put right: the message and the note go, and the plan has its date.
    date.get_by_label("Year").fill("2025")
    date.get_by_label("Year").press("Tab")
    expect(date.locator(".obc-error-message")).to_be_hidden()
    expect(results.locator("[data-obc-left-out]")).to_be_hidden()
    expect(results.get_by_role("table", name="Your action plan")).to_contain_text("2025-03-10")


def test_a_repeated_area_name_is_said_in_words(page: Page, site_url: str) -> None:
    open_assessment(page, site_url, "review-priorities")
    names = page.get_by_label("Name of the service area")
    names.nth(0).fill("Reablement")
    names.nth(1).fill("Home care")
    names.nth(2).fill("reablement")
    names.nth(2).press("Tab")
    message = "The name of service area 3 is the same as service area 1's: give each service area a different name"
    expect(page.get_by_role("group", name=re.compile(r"^Service area 3")).locator(".obc-error-message").first
           ).to_have_text(f"Error: {message}")
    expect(page.get_by_text("areas[0]")).to_have_count(0)
    expect(page.get_by_role("region", name="Your results")).to_contain_text("Home care")


def test_answers_saved_under_the_old_field_names_come_back(page: Page, site_url: str,
                                                          site_definitions: dict[str, Any]) -> None:
    items = _items(site_definitions, PRINCIPLES)
    version = site_definitions[PRINCIPLES]["version"]
    old = {"format": 1, "version": version, "rows": 0, "fields": {
        "respondent-role": "commissioner", f"q-{items[0]['id']}": "3", f"q-{items[0]['id']}-note": "Kept from before",
        f"q-{items[0]['id']}-plan-due": "2026-03-31"}}
    page.goto(site_url)
    page.evaluate("([key, text]) => localStorage.setItem(key, text)",
                  [f"obc-assess:{PRINCIPLES}:form", json.dumps(old)])
    page.goto(f"{site_url}assessments/{PRINCIPLES}/")
    group = item_group(page, items[0]["title"])
    expect(level(group, "Embedded")).to_be_checked()
    expect(group.get_by_label(re.compile(r"^Evidence or note"))).to_have_value("Kept from before")
    date = group.get_by_role("group", name=f"Due date for \u201c{items[0]['title']}\u201d", include_hidden=True)
    expect(date.get_by_label("Day")).to_have_value("31")
    expect(date.get_by_label("Month")).to_have_value("3")
    expect(date.get_by_label("Year")).to_have_value("2026")
    expect(page.get_by_label("Your role (optional)")).to_have_value("commissioner")


FILL_QUOTA = """() => {
    // Fill this origin's real quota, largest pieces first, until not one more character fits.
    let n = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
        for (;;) {
            try { localStorage.setItem(`filler-${n++}`, "x".repeat(size)); } catch { break; }
        }
    }
    return n;
}"""


def test_an_unrestorable_copy_is_kept_under_a_full_quota(page: Page, site_url: str, site_definitions: dict[str, Any],
                                                        site_definition_json: dict[str, str]) -> None:
    items = _items(site_definitions, PRINCIPLES)
    key = f"obc-assess:{PRINCIPLES}"
    # Answers this version cannot read (a later format), larger than any new copy would be: if the page wrote
    # over them, the write would fit even in a full store.
    original = json.dumps({"format": "obc-assess/responses", "format_version": 99, "assessment": PRINCIPLES,
                           "answers": {items[0]["id"]: {"level": 3, "note": "Only copy " * 400}}})
    page.goto(site_url)
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [key, original])
    page.evaluate(FILL_QUOTA)
    open_assessment(page, site_url, PRINCIPLES)
    notice = page.locator(".obc-notice")
    expect(notice).to_contain_text("could not be loaded, and this browser has no room to keep a copy aside")
    expect(notice).not_to_contain_text("A copy is kept")
    # The person answers on: the only copy is never written over, and nothing claims to be set aside.
    level(item_group(page, items[1]["title"]), "Developing").check()
    item_group(page, items[1]["title"]).get_by_label(re.compile(r"^Evidence or note")).fill("New work")
    wait_scored(page, site_definition_json[PRINCIPLES])
    assert page.evaluate("(key) => localStorage.getItem(key)", key) == original
    assert page.evaluate("(key) => localStorage.getItem(key + ':unrestored')", key) is None
    expect(page.get_by_role("status").filter(has_text="Ready")).to_contain_text("storage is blocked or full")
    # Space is freed (the person clears other sites' data): still nothing is written over the original.
    page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('filler-'))"
                  ".forEach((k) => localStorage.removeItem(k))")
    level(item_group(page, items[2]["title"]), "Embedded").check()
    wait_scored(page, site_definition_json[PRINCIPLES])
    assert page.evaluate("(key) => localStorage.getItem(key)", key) == original
    # The next visit finds room: the copy is set aside now, and the page says where.
    page.reload()
    wait_ready(page)
    expect(notice).to_contain_text(f"A copy is kept in this browser (as \u201c{key}:unrestored\u201d)")
    assert page.evaluate("(key) => localStorage.getItem(key + ':unrestored')", key) == original
