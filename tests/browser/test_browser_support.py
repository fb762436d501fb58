"""What a browser the toolkit cannot fully serve gets: one without WebAssembly or module workers is told at once
that the scores cannot be worked out there, and what to do; one that deletes a site's storage after seven days
away (Safari's engine) is told once to keep a copy. Chromium stands in for each by what the page reads."""

from __future__ import annotations

import re

import pytest
from browser_helpers import FIRST_PRINCIPLE, item_group, wait_ready
from playwright.sync_api import Page, expect

from obc_assess.core.catalogue import text

pytestmark = pytest.mark.browser

AID = "commissioning-principles"
# Within seconds: the check runs as the program would start, once the page has painted.
SAID_WITHIN_MS = 10_000


@pytest.mark.parametrize("missing", [
    "delete window.WebAssembly",  # iOS Lockdown Mode, for one
    # A browser before module workers (Firefox 113, Safari 14) never reads the options' type.
    "const W = window.Worker; window.Worker = function (url) { return new W(url); }",
])
def test_a_browser_that_cannot_run_python_says_so_at_once(page: Page, site_url: str, missing: str) -> None:
    page.add_init_script(missing)
    page.goto(f"{site_url}assessments/{AID}/")
    status = page.locator("[data-obc-status]")
    expect(status).to_have_text(text("en", "browser.status.unsupported"), timeout=SAID_WITHIN_MS)
    expect(status).to_contain_text("it needs a current version of Chrome, Edge, Firefox or Safari")
    expect(page.get_by_role("button", name="Retry")).to_be_hidden()
    expect(page.locator("[data-obc-load-failed]")).to_be_hidden()  # no advice about blocked files
    expect(item_group(page, FIRST_PRINCIPLE)).to_be_visible()  # the questionnaire is there to answer and print


def test_a_browser_without_modules_is_told_as_one_without_scripts(page: Page, site_url: str) -> None:
    # A browser that knows no modules (noModule) runs none of the toolkit's, and cannot parse Material's bundle
    # either (its syntax is later).
    page.add_init_script("delete HTMLScriptElement.prototype.noModule")
    page.route(re.compile(r"/assets/(modules/[\w-]+\.mjs|javascripts/bundle\.[0-9a-f]+\.min\.js)$"),
               lambda route: route.abort())
    page.goto(f"{site_url}assessments/{AID}/")
    expect(page.get_by_text(text("en", "site.form.nojs_title"))).to_be_visible()
    expect(page.locator("html")).not_to_have_class(re.compile(r"(^|\s)js(\s|$)"))


NOTICE = text("en", "site.form.webkit_storage_title")


def test_the_keep_a_copy_notice_is_for_webkit_alone(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}assessments/{AID}/")
    wait_ready(page)
    expect(page.get_by_role("region", name=NOTICE)).to_be_hidden()


def test_on_webkit_the_notice_shows_once_until_dismissed(page: Page, site_url: str) -> None:
    # WebKit's vendor, as Safari and every browser on iPhone and iPad give it (webkit-storage.mjs).
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'vendor', {get: () => 'Apple Computer, Inc.'})")
    page.goto(f"{site_url}assessments/{AID}/")
    notice = page.get_by_role("region", name=NOTICE)
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("after seven days")
    expect(notice).to_contain_text(text("en", "site.form.export_answers"))
    notice.get_by_role("button", name=text("en", "site.form.webkit_storage_dismiss")).click()
    expect(notice).to_be_hidden()
    expect(page.locator("[data-obc-status]")).to_be_focused()
    page.reload()
    wait_ready(page)
    expect(notice).to_be_hidden()
