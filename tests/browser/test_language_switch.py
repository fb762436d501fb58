"""The language switch in the header, as a person uses it: on a guidance page it goes to the same page in Welsh,
and back; each page says its language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

GUIDANCE = "guidance/framework-standards/"


def _switch_to(page: Page, button: str, language: str) -> None:
    # Material's language list opens on hover or focus of its button (named in the page's language).
    page.get_by_role("button", name=button).hover()
    page.get_by_role("link", name=language, exact=True).click()


def test_the_switch_keeps_the_reader_on_the_same_page(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}{GUIDANCE}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    _switch_to(page, "Select language", "Cymraeg")
    expect(page).to_have_url(f"{site_url}cy/{GUIDANCE}")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    _switch_to(page, "Dewiswch iaith", "English")
    expect(page).to_have_url(f"{site_url}{GUIDANCE}")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_the_switch_keeps_the_section_named_in_the_address(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}{GUIDANCE}#standard-11")
    _switch_to(page, "Select language", "Cymraeg")
    expect(page).to_have_url(f"{site_url}cy/{GUIDANCE}#standard-11")
    expect(page.locator("#standard-11")).to_be_in_viewport()
    _switch_to(page, "Dewiswch iaith", "English")
    expect(page).to_have_url(f"{site_url}{GUIDANCE}#standard-11")
    expect(page.locator("#standard-11")).to_be_in_viewport()


def test_the_switch_keeps_a_section_whose_heading_is_other_words(page: Page, site_url: str) -> None:
    # The headings of a prose page are slugged from its own words: the same section by its place on the page.
    page.goto(f"{site_url}how-to-use/")
    page.get_by_role("link", name="Doing it together", exact=True).filter(visible=True).click()
    expect(page).to_have_url(f"{site_url}how-to-use/#doing-it-together")
    _switch_to(page, "Select language", "Cymraeg")
    expect(page).to_have_url(f"{site_url}cy/how-to-use/#gwneud-hyn-gydan-gilydd")
    expect(page.locator("#gwneud-hyn-gydan-gilydd")).to_be_in_viewport()


def test_the_welsh_home_page_is_in_welsh(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}cy/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pecyn cymorth comisiynu ar sail canlyniadau")
    expect(page.locator(".md-skip")).to_have_text("Neidio i'r cynnwys")  # Material's own Welsh words
    expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).to_have_js_property("href", site_url)


def test_welsh_search_finds_welsh_pages_only(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}cy/")
    page.get_by_role("textbox", name="Chwilio").fill("hygyrchedd")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result")).to_contain_text("Datganiad hygyrchedd")
    expect(results.first.get_by_role("link").first).to_have_attribute("href", re.compile(r"/cy/accessibility/"))
