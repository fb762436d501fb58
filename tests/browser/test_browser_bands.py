"""The headline a person sees is earned: too few answers give no band, a band held lower says what holds it, split
answers read as split, and "not applicable" is a claim with its reason, each in Python's own words on the page
(issues 10 and 30, as the results view shows them)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from answering import answer
from browser_helpers import READY_TIMEOUT_MS, item_group, level, open_assessment
from playwright.sync_api import Browser, Page, expect

from obc_assess.core.responses import template
from obc_assess.core.scoring import score

pytestmark = pytest.mark.browser


def _expected(definition_json: str, model: int | None, levels: dict[str, object]) -> dict[str, Any]:
    """Python's result for the same answers, as the CLI would score them."""
    definition = json.loads(definition_json)
    doc = template(definition, model)
    for item_id, value in levels.items():
        doc["answers"][item_id] = answer(value)
    return dict(score(definition, doc))


def test_few_answers_give_no_band_and_low_outcomes_hold_it(page: Page, site_url: str,
                                                            site_definitions: dict[str, Any],
                                                            site_definition_json: dict[str, str]) -> None:
    aid = "commissioning-principles"
    definition = site_definitions[aid]
    items = [item for section in definition["sections"] for item in section["items"]]
    labels = [lv["label"] for lv in definition["scale"]["levels"]]
    top = len(labels) - 1
    open_assessment(page, site_url, aid)
    results = page.get_by_role("region", name="Your results")

    level(item_group(page, items[0]["title"]), labels[top]).check()
    few = _expected(site_definition_json[aid], None, {items[0]["id"]: top})
    assert few["overall"]["band"] is None and few["overall"]["band_status"] == "withheld"
    expect(results).to_contain_text(few["overall"]["band_reason"], timeout=READY_TIMEOUT_MS)
    expect(results).to_contain_text("Not enough answers for a band")

    outcomes = [item for item in items if item.get("outcomes")]
    assert outcomes, "the principles name an outcomes item"
    levels = {item["id"]: 0 if item.get("outcomes") else top for item in items}
    for item in items:
        level(item_group(page, item["title"]), labels[levels[item["id"]]]).check()
    held = _expected(site_definition_json[aid], None, levels)
    assert held["overall"]["band_status"] == "capped"
    expect(results.locator("[data-obc-band-reason]")).to_have_text(held["overall"]["band_reason"],
                                                                   timeout=READY_TIMEOUT_MS)
    expect(results.locator("[data-obc-overall]")).to_have_text(f"{held['overall']['percent']}%")
    # The headline, one sentence (issue 31): the held band names its rule and what the answers reach; its own
    # descriptor, which the other answers contradict, is never on the page.
    expect(results.locator("[data-obc-headline]")).to_have_text(
        f"Your answers score {held['overall']['percent']:.1f}%, in the band Early days: as a whole they reach "
        "Embedded, but the outcomes items are rated Not in place, and the band never claims more than they support.")
    expect(results.locator(".obc-overall")).not_to_contain_text(held["overall"]["band"]["descriptor"])
    # Beside it, the legend (issue 31): every band with its threshold, lowest first, the band given and the band the
    # answers reach marked in words, Python's words throughout.
    legend = results.locator("[data-obc-band-legend]")
    expect(legend).to_contain_text(held["band_legend"]["intro"])
    expect(legend.get_by_role("listitem")).to_have_text([
        f"{band['mark']} {band['rule']}" if band["mark"] else band["rule"] for band in held["band_legend"]["bands"]])
    expect(legend.get_by_role("listitem").filter(has_text="Your band")).to_contain_text("Early days:")
    expect(legend.get_by_role("listitem").filter(has_text="reach this band")).to_contain_text("Embedded, the top band")

    # Half of them Not in place and the rest at the top: split, never a middle band.
    levels = {item["id"]: top if n % 2 or item.get("outcomes") else 0 for n, item in enumerate(items)}
    for item in items:
        level(item_group(page, item["title"]), labels[levels[item["id"]]]).check()
    split = _expected(site_definition_json[aid], None, levels)["overall"]
    assert split["band_status"] == "split"
    expect(results.locator("[data-obc-headline]")).to_have_text(split["headline"], timeout=READY_TIMEOUT_MS)
    expect(results.locator("[data-obc-headline]")).to_contain_text(split["band_words"])
    expect(results.locator(".obc-overall-score")).to_contain_text(f"{split['percent']}% (Split)")
    # Each table scrolls inside a region the keyboard reaches, named by the table's caption (issue 31).
    wraps = results.locator(".obc-table-wrap").evaluate_all(
        "(all) => all.map((w) => [w.getAttribute('role'), w.tabIndex, w.getAttribute('aria-label'),"
        " w.querySelector('caption').textContent.trim()])")
    assert len(wraps) >= 3
    assert [(role, tabindex, label) for role, tabindex, label, _ in wraps] == [
        ("region", 0, caption) for _, _, _, caption in wraps]


def test_not_applicable_asks_why_and_shows_it_beside_the_answer(page: Page, site_url: str,
                                                                site_definitions: dict[str, Any]) -> None:
    aid = "commissioning-standards"
    open_assessment(page, site_url, aid)
    # The 13 standards are expected of every authority: no "Not applicable" there, and the page says why.
    standard = item_group(page, "Standard 1")
    expect(standard.get_by_label("Not applicable")).to_have_count(0)
    expect(page.locator("#section-standards")).to_contain_text("standards which local authorities are expected to "
                                                               "achieve")
    scoping = item_group(page, "Whose commissioning plan is it?")
    box = scoping.get_by_label("Why “Whose commissioning plan is it?” does not apply")
    expect(box).to_be_hidden()
    scoping.get_by_label("Not applicable").check()
    expect(box).to_be_visible()
    # Left without a reason: the problem is at the box once the person leaves the question.
    level(item_group(page, "Standard 1"), "Established").check()
    # Python's answer can take a while on a loaded machine: waited for by its own words, never a pause.
    expect(scoping.locator('[id="na-reason:scope-owner:error"]')).to_contain_text(
        "needed: say in one line why this item does not apply", timeout=READY_TIMEOUT_MS)
    box.fill("The plan has no single owner: the board owns it.")
    box.press("Tab")
    results = page.get_by_role("region", name="Your results")
    # "How this was scored" (folded away until opened) lists each answer as read.
    expect(results.locator("tr").filter(has_text="Whose commissioning plan is it?")).to_contain_text(
        "Not applicable: The plan has no single owner: the board owns it.", timeout=READY_TIMEOUT_MS)
    expect(scoping.locator('[id="na-reason:scope-owner:error"]')).to_be_hidden()
    # Another answer hides the box again; what was typed stays in it.
    level(scoping, "Partly").check()
    expect(box).to_be_hidden()
    expect(box).to_have_value("The plan has no single owner: the board owns it.")


def test_the_reason_box_works_without_scripts(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}assessments/commissioning-plan/")
        title = "Commissioning plans should normally cover a period of 3-5 years."
        group = item_group(page, title)
        box = group.get_by_label(f"Why “{title}” does not apply")
        expect(box).to_be_hidden()
        group.get_by_label("Not applicable").check()
        expect(box).to_be_visible()
        box.fill("Written for one year only.")
        expect(box).to_have_value("Written for one year only.")
    finally:
        context.close()
