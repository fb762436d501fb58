"""The headline a person sees is earned: too few answers give no band, and low outcomes items hold the band down,
each with Python's own reason on the page (issue 10's rules, as the results view shows them)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from browser_helpers import item_group, level, open_assessment
from playwright.sync_api import Page, expect

from obc_assess.core.responses import template
from obc_assess.core.scoring import score

pytestmark = pytest.mark.browser


def _expected(definition_json: str, model: int, levels: dict[str, int]) -> dict[str, Any]:
    """Python's result for the same answers, as the CLI would score them."""
    definition = json.loads(definition_json)
    doc = template(definition, model)
    for item_id, value in levels.items():
        doc["answers"][item_id]["level"] = value
    return dict(score(definition, doc))


def test_few_answers_give_no_band_and_low_outcomes_cap_it(page: Page, site_url: str,
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
    few = _expected(site_definition_json[aid], 1, {items[0]["id"]: top})
    assert few["overall"]["band"] is None and few["overall"]["band_status"] == "withheld"
    expect(results).to_contain_text(few["overall"]["band_reason"])
    expect(results).to_contain_text("Not enough answers for a band")

    outcomes = [item for item in items if item.get("outcomes")]
    assert outcomes, "the principles name an outcomes item"
    levels = {item["id"]: 0 if item.get("outcomes") else top for item in items}
    for item in items:
        level(item_group(page, item["title"]), labels[levels[item["id"]]]).check()
    capped = _expected(site_definition_json[aid], 1, levels)
    assert capped["overall"]["band_status"] == "capped"
    expect(results.locator("[data-obc-band-reason]")).to_have_text(capped["overall"]["band_reason"])
    expect(results.locator("[data-obc-overall]")).to_have_text(f"{capped['overall']['percent']}%")
    # The top band's wording is never on the page for these answers.
    top_band = definition["bands"][-1]["label"]
    expect(results.locator(".obc-overall-score")).not_to_contain_text(top_band)
