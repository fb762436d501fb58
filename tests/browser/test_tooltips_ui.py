"""Glossary tooltips on a built page: one per term, reached by keyboard, showing the definition."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_glossary_term_tooltip_by_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url + "guidance/framework-standards/")
    terms = page.locator("article abbr")
    titles = terms.evaluate_all("els => els.map(e => e.getAttribute('title'))")
    assert titles and len(titles) == len(set(titles)), "a term is marked more than once on the page"
    first = terms.first
    definition = titles[0]
    first.focus()
    expect(first).to_be_focused()
    tooltip = page.get_by_role("tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(definition)
    size = tooltip.locator(".md-tooltip2__inner").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 14, f"tooltip text is {size}px"
