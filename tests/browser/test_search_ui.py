"""Search, as a person uses it: the solid spelling of a hyphenated word finds the guidance that hyphenates it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("query", ["co-production", "coproduction"])
def test_search_finds_either_spelling(page: Page, site_url: str, query: str) -> None:
    page.goto(site_url)
    page.get_by_role("textbox", name="Search").fill(query)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=30_000)
    expect(page.locator(".md-search-result")).to_contain_text("Co-production")
