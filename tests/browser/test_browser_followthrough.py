"""Follow-through on a maturity form (issue 14), acting as a person by label text: evidence entries added and
removed (GOV.UK "add another"), an action's status and review note, all kept over a reload and through an answers
file; the results' evidence flag; starting from last year's file; compare over time with the actions' fate."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import READY_TIMEOUT_MS, item_group, level, open_assessment, open_team, wait_ready
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ID = "commissioning-principles"


def _items(definition: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for section in definition["sections"] for item in section["items"]]


def _evidence(page: Page, title: str, entries: list[tuple[str, str]], *, fold: str = "Evidence for this answer",
              add: str = "Add another piece of evidence", what: str = "What it is and where it is kept") -> None:
    """Record pieces of evidence (what, strength label) for an item, adding an entry for each after the first."""
    group = item_group(page, title)
    group.get_by_text(re.compile("^" + re.escape(fold))).click()
    for n, (text, strength) in enumerate(entries):
        if n:
            group.get_by_role("button", name=add).click()
            # The focus moves to the new entry's first field, as GOV.UK's "add another" does.
            expect(group.get_by_label(what).nth(n)).to_be_focused()
        group.get_by_label(what).nth(n).fill(text)
        group.get_by_label(re.compile("^" + re.escape(strength))).nth(n).check()


def test_an_evidence_problem_links_to_its_field_after_a_remove(page: Page, site_url: str,
                                                               site_definitions: dict[str, Any]) -> None:
    """Three pieces, the second removed (the names now go 0 and 2), the third's review-by date not a date: the
    summary names it by its number on the page and its link focuses that entry's Day box."""
    item = _items(site_definitions[ID])[0]
    open_assessment(page, site_url, ID)
    level(item_group(page, item["title"]), "Established").check()
    _evidence(page, item["title"], [("Board minutes, March", "Documented"), ("Spare entry", "Self-reported"),
                                    ("Quality report 2026", "Documented")])
    group = item_group(page, item["title"])
    group.get_by_role("button", name="Remove piece of evidence 2").click()
    expect(group.get_by_label("What it is and where it is kept")).to_have_count(2)
    date = group.get_by_role("group", name=re.compile("^Review by")).nth(1)
    date.get_by_label("Day").fill("31")
    date.get_by_label("Month").fill("13")
    date.get_by_label("Year").fill("2027")
    date.get_by_label("Year").blur()  # the person leaves the date
    message = (f"Review-by date of piece of evidence 2 for \u201c{item['title']}\u201d must be a real date, "
               "like 31 3 2027")
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    link = summary.get_by_role("link", name=message)
    expect(link).to_be_visible()
    expect(date).to_contain_text(message)  # the message at the field too
    page.get_by_role("button", name="Export answers (JSON)").focus()  # the focus is elsewhere
    link.click()
    day = date.get_by_label("Day")
    expect(day).to_be_focused()
    assert day.get_attribute("id") == f"evidence:{item['id']}:2:review-by:day"


def _status(page: Page, title: str, action: str, status: str, review: str) -> None:
    group = item_group(page, title)
    group.get_by_text(re.compile("^Action plan for")).click()
    group.get_by_label(f"Action for \u201c{title}\u201d", exact=True).fill(action)
    group.get_by_label(f"Status of the action for \u201c{title}\u201d").select_option(label=status)
    group.get_by_label(re.compile("^Review note for the action for")).fill(review)


def test_evidence_and_status_kept_exported_and_imported(page: Page, site_url: str,
                                                        site_definitions: dict[str, Any], tmp_path: Path) -> None:
    items = _items(site_definitions[ID])
    first, second = items[0], items[1]
    open_assessment(page, site_url, ID)
    level(item_group(page, first["title"]), "Embedded").check()
    _evidence(page, first["title"], [("Board minutes, March", "Self-reported"),
                                     ("Quality report 2026, shared drive", "Self-reported"),
                                     ("Spare entry", "Documented")])
    # Remove the third entry: it goes, and the focus moves to the entry before it.
    group = item_group(page, first["title"])
    group.get_by_role("button", name="Remove piece of evidence 3").click()
    expect(group.get_by_label("What it is and where it is kept")).to_have_count(2)
    expect(group.get_by_label("What it is and where it is kept").nth(1)).to_be_focused()
    _status(page, first["title"], "Ask the panel to check the minutes.", "In progress", "Half the panel has met.")
    # The plan fold's summary says the status; the evidence fold's how many entries it holds.
    expect(group.locator("summary").filter(has_text="Action plan for")).to_contain_text("In progress")
    expect(group.locator("summary").filter(has_text="Evidence for this answer")).to_contain_text("2 recorded")

    # The results flag the Embedded answer: none of its evidence is documented.
    results = page.get_by_role("region", name="Your results")
    flags = results.locator("[data-obc-evidence-flags]")
    expect(flags).to_contain_text("Answers with no documented evidence")
    expect(flags).to_contain_text(first["title"])
    expect(results.get_by_role("table", name="Evidence for your answers, by section")).to_be_visible()
    expect(results.get_by_role("table", name="Your action plan")).to_contain_text("In progress")

    # Back after a reload, both entries and the status.
    page.reload()
    wait_ready(page)
    group = item_group(page, first["title"])
    whats = group.get_by_label("What it is and where it is kept")
    expect(whats).to_have_count(2)
    expect(whats.nth(0)).to_have_value("Board minutes, March")
    expect(whats.nth(1)).to_have_value("Quality report 2026, shared drive")
    expect(group.get_by_label(f"Status of the action for \u201c{first['title']}\u201d")).to_have_value("in-progress")

    # Exported: the answers file holds both entries and the status, in the format's names.
    with page.expect_download() as info:
        page.get_by_role("button", name="Export answers (JSON)").click()
    answers = tmp_path / "answers.json"
    info.value.save_as(answers)
    doc = json.loads(answers.read_text(encoding="utf-8"))
    assert [e["what"] for e in doc["evidence"][first["id"]]] == ["Board minutes, March",
                                                                 "Quality report 2026, shared drive"]
    assert doc["plan"][first["id"]]["status"] == "in-progress"
    assert doc["plan"][first["id"]]["review"] == "Half the panel has met."

    # Cleared, then imported: everything comes back from the file.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear my answers").click()
    expect(item_group(page, first["title"]).get_by_label("What it is and where it is kept")).to_have_count(1)
    page.get_by_label("Continue from an exported answers file").set_input_files(str(answers))
    group = item_group(page, first["title"])
    expect(group.get_by_label("What it is and where it is kept")).to_have_count(2)
    expect(group.get_by_label("What it is and where it is kept").nth(1)).to_have_value(
        "Quality report 2026, shared drive")
    expect(item_group(page, second["title"]).get_by_label("What it is and where it is kept")).to_have_count(1)


def _last_year(definition: dict[str, Any], date: str = "2025-04-01") -> dict[str, Any]:
    """Last year's answers file: an open, a done and a dropped action, and evidence, as obc_assess writes it."""
    items = _items(definition)
    answers = {item["id"]: {"level": None, "note": ""} for item in items}
    for item in items[:3]:
        answers[item["id"]] = {"level": 1, "note": ""}
    plan = {
        items[0]["id"]: {"action": "Publish the outcomes framework.", "owner": "Head of commissioning",
                         "due": "2025-09-30", "target": 2, "status": "in-progress", "review": "Draft out.",
                         "carried_from": ""},
        items[1]["id"]: {"action": "Run the provider forum.", "owner": "", "due": "", "target": None,
                         "status": "done", "review": "", "carried_from": ""},
        items[2]["id"]: {"action": "Buy a new system.", "owner": "", "due": "", "target": None,
                         "status": "dropped", "review": "No budget this year.", "carried_from": ""},
    }
    evidence = {items[0]["id"]: [{"what": "Outcomes framework draft, shared drive", "kind": "document",
                                  "strength": "documented", "review_by": "2026-03-31"}]}
    return {"format": "obc-assess/responses", "format_version": 3, "assessment": definition["id"],
            "assessment_version": definition["version"], "assessment_date": date,
            "context": {"model": None, "scope": None}, "respondent": {"name": "Ann", "organisation": "Council",
                                                                       "role": ""},
            "answers": answers, "plan": plan, "evidence": evidence}


def test_start_from_last_years_file(page: Page, site_url: str, site_definitions: dict[str, Any],
                                    tmp_path: Path) -> None:
    definition = site_definitions[ID]
    items = _items(definition)
    last = tmp_path / "last-year.json"
    last.write_text(json.dumps(_last_year(definition)), encoding="utf-8")
    open_assessment(page, site_url, ID)
    page.get_by_label("Start from last year\u2019s answers file").set_input_files(str(last))

    # The notice says what came over and what was left behind, and takes the focus.
    banner = page.get_by_role("region", name="Started from last year\u2019s answers")
    expect(banner).to_be_focused()
    expect(banner).to_contain_text("1")
    # The open action and its evidence are carried, with the date they came from; the answers start empty.
    group = item_group(page, items[0]["title"])
    expect(group.get_by_label(f"Action for \u201c{items[0]['title']}\u201d", exact=True)).to_have_value(
        "Publish the outcomes framework.")
    expect(group.get_by_label(f"Status of the action for \u201c{items[0]['title']}\u201d")).to_have_value(
        "in-progress")
    expect(group.get_by_text("Carried over from your answers of 1 April 2025")).to_be_attached()
    # Its plan fold is open, so the person sees what came over without looking for it; the others stay folded.
    expect(group.locator("details.obc-plan")).to_have_attribute("open", "")
    expect(group.get_by_text("Carried over from your answers of 1 April 2025")).to_be_visible()
    expect(item_group(page, items[1]["title"]).locator("details.obc-plan")).not_to_have_attribute("open", "")
    expect(group.get_by_label("What it is and where it is kept")).to_have_value(
        "Outcomes framework draft, shared drive")
    expect(level(group, "Developing")).not_to_be_checked()
    # Done and dropped actions are left behind.
    for item in items[1:3]:
        expect(item_group(page, item["title"]).get_by_label(f"Action for \u201c{item['title']}\u201d",
                                                            exact=True)).to_have_value("")

    # The results' plan marks it carried, with the date in words.
    results = page.get_by_role("region", name="Your results")
    expect(results.get_by_role("table", name="Your action plan")).to_contain_text(
        "In progress (carried over from 1 April 2025)")
    # Marked done this year (the fold is already open): the results' plan says so, and the file keeps where it
    # came from.
    expect(group.locator("summary").filter(has_text="Action plan for")).to_contain_text("In progress")
    group.get_by_label(f"Status of the action for \u201c{items[0]['title']}\u201d").select_option(label="Done")
    level(group, "Established").check()
    expect(results.get_by_role("table", name="Your action plan")).to_contain_text("Done")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export answers (JSON)").click()
    now = tmp_path / "this-year.json"
    info.value.save_as(now)
    doc = json.loads(now.read_text(encoding="utf-8"))
    assert doc["plan"][items[0]["id"]]["status"] == "done"
    assert doc["plan"][items[0]["id"]]["carried_from"] == "2025-04-01"
    assert set(doc["plan"]) == {items[0]["id"]}


def test_compare_over_time_shows_the_actions(page: Page, site_url: str, site_definitions: dict[str, Any],
                                             tmp_path: Path) -> None:
    definition = site_definitions[ID]
    items = _items(definition)
    before = _last_year(definition, "2025-04-01")
    before["plan"][items[1]["id"]]["status"] = "not-started"
    before["plan"][items[1]["id"]]["due"] = "2025-10-01"
    after = json.loads(json.dumps(before))
    after["assessment_date"] = "2026-04-01"
    after["answers"][items[0]["id"]]["level"] = 2
    after["plan"][items[0]["id"]]["status"] = "done"
    for name, doc in (("before.json", before), ("after.json", after)):
        (tmp_path / name).write_text(json.dumps(doc), encoding="utf-8")
    open_team(page, site_url, ID)
    page.get_by_label("Baseline: the earlier answers file").set_input_files(str(tmp_path / "before.json"))
    page.get_by_label("Later: the answers file to compare with it").set_input_files(str(tmp_path / "after.json"))
    actions = page.locator(".obc-compare-actions")
    expect(actions.locator('[data-obc-list="done"]')).to_contain_text("Publish the outcomes framework.")
    expect(actions.locator('[data-obc-list="overdue"]')).to_contain_text("Run the provider forum.")
    expect(actions.locator('[data-obc-list="dropped"]')).to_contain_text("Buy a new system.")
    table = page.get_by_role("table", name=re.compile("item", re.I))
    expect(table.get_by_role("row", name=re.compile("^" + re.escape(items[0]["title"][:15])))).to_contain_text(
        "Done")


def test_evidence_in_welsh(page: Page, site_url: str, site_definitions: dict[str, Any]) -> None:
    """The same fields by their Welsh labels: add a second piece of evidence and set a status, kept on reload."""
    page.goto(f"{site_url}cy/assessments/{ID}/")
    expect(page.locator("[data-obc-status]")).to_contain_text("Yn barod", timeout=READY_TIMEOUT_MS)
    group = page.locator("fieldset.obc-item").first
    # Its text, not innerText: an item far from the view is not drawn (content-visibility), and has no innerText.
    title = " ".join((group.locator("legend").first.text_content() or "").split())
    _evidence(page, title, [("Cofnodion y bwrdd", "Hunan-adrodd"), ("Adroddiad ansawdd", "Hunan-adrodd")],
              fold="Tystiolaeth ar gyfer yr ateb hwn", add="Ychwanegu darn arall o dystiolaeth",
              what="Beth ydyw a ble y caiff ei gadw")
    group.get_by_text(re.compile("^Cynllun gweithredu ar gyfer")).click()
    group.get_by_label(re.compile("^Statws y cam gweithredu")).select_option(index=1)
    page.reload()
    expect(page.locator("[data-obc-status]")).to_contain_text("Yn barod", timeout=READY_TIMEOUT_MS)
    group = page.locator("fieldset.obc-item").first
    expect(group.get_by_label("Beth ydyw a ble y caiff ei gadw").nth(1)).to_have_value("Adroddiad ansawdd")
    expect(group.get_by_label(re.compile("^Statws y cam gweithredu"))).to_have_value("in-progress")
