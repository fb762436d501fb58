"""The shortest assessment, completed with the keyboard only: Tab, Space and the arrow keys."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_helpers import open_assessment, starts
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# What has focus: the kind of control, its name, and the item (fieldset) it belongs to.
FOCUS = """() => {
  const el = document.activeElement;
  const item = el && el.closest('fieldset[data-obc-item]');
  return {tag: el ? el.tagName.toLowerCase() : '', type: el && el.type || '', name: el && el.name || '',
          item: item ? item.dataset.obcItem : null, checked: !!(el && el.checked)};
}"""


def _tab_to(page: Page, want: Any, limit: int = 400) -> dict[str, Any]:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if want(focus):
            return dict(focus)
    raise AssertionError("Tab never reached the control")


def test_commissioning_principles_with_the_keyboard_only(page: Page, site_url: str,
                                                         site_definitions: dict[str, Any]) -> None:
    definition = site_definitions["commissioning-principles"]
    items = [item for section in definition["sections"] for item in section["items"]]
    open_assessment(page, site_url, "commissioning-principles")
    page.locator("body").focus()

    # The role question: Tab reaches it; arrows choose (the principles ask no model: it changes nothing there).
    _tab_to(page, lambda f: f["name"] == "respondent-role")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Your role (optional)")).not_to_have_value("")

    levels = len(definition["scale"]["levels"])
    for n, item in enumerate(items):
        focus = _tab_to(page, lambda f, item=item: f["item"] == item["id"] and f["type"] == "radio")
        assert not focus["checked"]
        page.keyboard.press("Space")  # the first level
        for _ in range(n % levels):
            page.keyboard.press("ArrowDown")
        if n == 0:
            page.keyboard.press("Tab")  # to the note
            page.keyboard.type("Typed with the keyboard.")

    expect(page.get_by_text(f"All {len(items)} items answered.", exact=True).first).to_be_visible()
    results = page.get_by_role("region", name="Your results")
    expect(results).to_be_visible()
    expect(results.get_by_text(re.compile(r"^Overall score: \d"))).to_be_visible()
    expect(results.get_by_text("Typed with the keyboard.")).to_be_visible()
    labels = [level["label"] for level in definition["scale"]["levels"]]
    for n, item in enumerate(items):
        group = page.get_by_role("group", name=starts(item['title'])).first
        expect(group.get_by_label(starts(labels[n % levels]))).to_be_checked()

    # The printed report: results, notes and the date; not the questions.
    page.emulate_media(media="print")
    page.pdf()  # printing fires beforeprint, which dates the report
    expect(results.get_by_text(re.compile(r"^Printed on \d"))).to_be_visible()
    expect(results.get_by_text("Typed with the keyboard.")).to_be_visible()
    expect(page.get_by_label("Your role (optional)")).to_be_hidden()
