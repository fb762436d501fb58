"""Material's inline storage helpers (the guarded override) where localStorage is null or refused."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

WATCH_CSP = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(e.violatedDirective));"""

STORES = {
    "null": "Object.defineProperty(window, 'localStorage', {get() { return null; }});",
    "refused": "Object.defineProperty(window, 'localStorage', "
               "{get() { throw new DOMException('denied', 'SecurityError'); }});",
}


@pytest.mark.parametrize("store", sorted(STORES))
def test_guidance_pages_work_without_local_storage(page: Page, site_url: str, store: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WATCH_CSP)
    page.add_init_script(STORES[store])
    page.goto(f"{site_url}guidance/wirral-about/")
    # The report details table is there, and Material's own scripts ran (the search box is wired up).
    expect(page.get_by_role("table")).to_be_visible()
    assert page.evaluate("__md_get('__palette')") is None
    page.evaluate("__md_set('__palette', {color: {}})")  # dropped, without an error
    assert errors == []
    assert page.evaluate("window.__cspViolations") == []
