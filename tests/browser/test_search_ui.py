"""Search, as a person uses it: the solid spelling of a hyphenated word finds the guidance that hyphenates it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("query", ["co-production", "coproduction"])
def test_search_finds_either_spelling(page: Page, site_url: str, query: str) -> None:
    page.goto(site_url)
    page.get_by_role("textbox", name="Search").fill(query)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text("Co-production")


def _index_requests(page: Page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if "search_index.json" in request.url else None)
    return requests


@pytest.mark.parametrize("opens", ["click", "/"])
def test_the_index_loads_when_a_person_opens_search_not_before(page: Page, site_url: str, opens: str) -> None:
    # Material fetched the whole index as every page loaded (issue 15); now it waits until search is opened.
    requests = _index_requests(page)
    page.goto(f"{site_url}guidance/framework-standards/", wait_until="networkidle")
    assert requests == []
    box = page.get_by_role("textbox", name="Search")
    box.click() if opens == "click" else page.keyboard.press("/")
    expect(box).to_be_focused()
    page.keyboard.type("coproduction")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text("Co-production")
    assert requests == [f"{site_url}search/search_index.json"]


def test_a_search_result_opened_on_its_own_highlights_the_words(page: Page, site_url: str) -> None:
    # A result opened in a new tab loads its page afresh with ?h=: the highlighter needs the index straight away.
    requests = _index_requests(page)
    page.goto(f"{site_url}guidance/framework-standards/?h=procurement")
    expect(page.locator("article mark").first).to_have_text(re.compile("procurement", re.I))
    assert len(requests) == 1
