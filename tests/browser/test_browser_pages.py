"""Every page stays on the site's own origin, and has no WCAG 2.2 AA failures that axe-core can find."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import item_group, level, wait_ready
from playwright.sync_api import Browser, Page, expect

from obc_assess.core.definition import scale_of

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _guidance_page(built_site: Path) -> str:
    if (built_site / "guidance" / "framework-standards" / "index.html").exists():
        return "guidance/framework-standards/"
    pages = sorted(p.parent.name for p in (built_site / "guidance").glob("*/index.html"))
    assert pages, "no guidance pages built"
    return f"guidance/{pages[0]}/"


def _axe(page: Page) -> list[dict[str, Any]]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # The site's Content-Security-Policy refuses inline scripts (add_script_tag), rightly; evaluating
        # through the DevTools protocol is not subject to it.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    # Measure colours at rest: no hover left by the last click, no fade (Material's back-to-top button) running.
    page.mouse.move(0, 0)
    # (Polled from here: wait_for_function evaluates text, which the page's CSP rightly refuses.)
    for _ in range(50):
        if page.evaluate("() => document.getAnimations().every((a) => a.playState !== 'running')"):
            break
        page.wait_for_timeout(100)
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return list(result["violations"])


def _explain(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} - {v['helpUrl']}")
        for node in v["nodes"][:8]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
            lines.append(f"        {node['html'][:200]}")
    return "\n".join(lines)


def _show_results(page: Page, definition: dict[str, Any]) -> None:
    """Answer a little, so that the results (chart, tables, priorities) are on the page for axe too."""
    if definition["kind"] == "maturity":
        for n, section in enumerate(definition["sections"]):
            item = section["items"][0]
            scale = scale_of(definition, item)  # each item's own scale: coverage beside maturity
            choices = ["Don't know", scale["levels"][0]["label"], scale["levels"][1]["label"]]
            group = item_group(page, item["title"])
            if group.is_visible():
                level(group, choices[n % len(choices)]).check()
    else:
        row = page.get_by_role("group", name=re.compile(r" 1$")).first
        row.get_by_role("textbox").first.fill("First row")
        row.get_by_role("radio").first.check()
    expect(page.get_by_role("region", name="Your results")).to_be_visible()


@dataclass
class Tour:
    """What one visit to every page saw: each request's URL, and axe-core's report for each page."""

    site_url: str
    paths: list[str]
    requests: list[str] = field(default_factory=list)  # the pages' and their workers'
    kept: list[str] = field(default_factory=list)  # the service worker's own (it keeps a copy for offline use)
    reports: dict[str, str] = field(default_factory=dict)  # path -> violations explained ("" for none)
    same_document: list[bool] = field(default_factory=list)
    instant: bool = False  # the sitemap lists the pages, so Material's instant navigation is on


@pytest.fixture(scope="module")
def tour(browser: Browser, site_url: str, built_site: Path, site_definitions: dict[str, Any]) -> Iterator[Tour]:
    """Visit the home page, a guidance page and every assessment once, as a person would, for both the
    network and the accessibility tests (one Pyodide load per assessment page, not two)."""
    assessments = [f"assessments/{aid}/" for aid in sorted(site_definitions)]
    seen = Tour(site_url, ["", _guidance_page(built_site), *assessments],
                instant="<loc>" in (built_site / "sitemap.xml").read_text(encoding="utf-8"))
    context = browser.new_context()
    context.on("request", lambda request: (seen.kept if request.service_worker else seen.requests).append(request.url))
    page = context.new_page()
    page.on("worker", lambda worker: seen.requests.append(worker.url))
    try:
        for path in seen.paths:
            if path in assessments[1:]:
                # From one assessment to the next by the navigation, as a person would. With Material's
                # instant navigation (it needs site_url) the page is swapped in place and Python carries on.
                page.evaluate("window.obcSameDocument = true")
                title = site_definitions[path.split("/")[1]]["title"]
                page.get_by_role("navigation").get_by_role("link", name=title, exact=True).first.click()
                expect(page.get_by_role("heading", level=1)).to_contain_text(title)
                seen.same_document.append(bool(page.evaluate("window.obcSameDocument === true")))
            else:
                page.goto(f"{site_url}{path}")
            if path in assessments:
                wait_ready(page)
                _show_results(page, site_definitions[path.split("/")[1]])
                # The error summary's markup, too (importing over answers asks first: yes).
                page.once("dialog", lambda dialog: dialog.accept())
                page.get_by_label("Continue from an exported answers file").set_input_files(
                    files=[{"name": "bad.json", "mimeType": "application/json", "buffer": b"{not json"}])
                expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
            seen.reports[path] = _explain(_axe(page))
        yield seen
    finally:
        context.close()


def test_no_request_leaves_the_site(tour: Tour) -> None:
    outside = sorted({url for url in tour.requests + tour.kept
                      if not url.startswith((tour.site_url, "data:", "blob:"))})
    assert not outside, "requests left the site:\n" + "\n".join(outside)
    wasm = [url for url in tour.requests if url.endswith("pyodide.asm.wasm")]
    assert wasm, "Pyodide was not loaded from the site"
    if tour.instant:
        # Built with site_url (as deployed), Material swaps pages in place: one worker, one Python, all visit.
        assert all(tour.same_document), "instant navigation did not swap the assessment pages in place"
        assert len(wasm) == 1, f"Pyodide loaded {len(wasm)} times in one visit"


@pytest.mark.parametrize("which", ["home", "guidance", "assessments"])
def test_axe_finds_no_wcag_violations(tour: Tour, which: str) -> None:
    paths = {"home": tour.paths[:1], "guidance": tour.paths[1:2], "assessments": tour.paths[2:]}[which]
    failed = [f"/{path}\n{tour.reports[path]}" for path in paths if tour.reports[path]]
    assert not failed, f"axe-core ({', '.join(AXE_TAGS)}) found WCAG violations:\n" + "\n".join(failed)


def test_axe_finds_no_wcag_violations_in_the_dark_scheme(page: Page, site_url: str,
                                                         site_definitions: dict[str, Any]) -> None:
    page.goto(f"{site_url}assessments/commissioning-principles/")
    page.get_by_title("Switch to dark mode").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    wait_ready(page)
    _show_results(page, site_definitions["commissioning-principles"])
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_label("Continue from an exported answers file").set_input_files(
        files=[{"name": "bad.json", "mimeType": "application/json", "buffer": b"{not json"}])
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
    report = _explain(_axe(page))
    assert not report, f"axe-core ({', '.join(AXE_TAGS)}) found WCAG violations in the dark scheme:\n{report}"


# Where the button is, read in the same task as the jump to it and on each of the next frames: a pointer can land in
# any of them.
_JUMP = """async (name) => {
    const $button = [...document.querySelectorAll("button")].find(($b) => $b.textContent.trim() === name);
    $button.scrollIntoView({block: "center"});
    const ys = [$button.getBoundingClientRect().y];
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      ys.push($button.getBoundingClientRect().y);
    }
    return ys;
}"""


@pytest.mark.parametrize("viewport", [{"width": 412, "height": 823}, {"width": 1280, "height": 720}])
def test_the_buttons_below_the_questionnaire_stay_where_a_person_finds_them(page: Page, site_url: str,
                                                                           viewport: dict[str, int]) -> None:
    # Items far from the view are skipped until shown (obc.css): a jump to the buttons must not land among items
    # whose real heights then move the buttons from under the pointer (on a phone they moved 108 px).
    page.set_viewport_size(viewport)
    page.goto(f"{site_url}assessments/commissioning-standards/")
    expect(page.get_by_role("button", name="Export answers (JSON)")).to_be_visible()
    ys = page.evaluate(_JUMP, "Export answers (JSON)")
    assert len(set(ys)) == 1, ys


# Where a button is before and after the answer in focus loses it (as a press on the button takes it), and the
# layout shift Chromium counts meanwhile; the answer then has focus again.
_SHIFT_ON_BLUR = """async (name) => {
    const $button = [...document.querySelectorAll("button")].find(($b) => $b.textContent.trim() === name);
    const $answer = document.activeElement;
    const observer = new PerformanceObserver(() => {});
    observer.observe({type: "layout-shift"});
    const before = $button.getBoundingClientRect().y;
    $answer.blur();
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    const moved = $button.getBoundingClientRect().y - before;
    const shift = observer.takeRecords().reduce((sum, entry) => sum + entry.value, 0);
    observer.disconnect();
    $answer.focus({preventScroll: true});
    return {moved, shift};
}"""


def test_each_export_saves_at_one_click_and_nothing_moves_when_an_answer_loses_focus(
        page: Page, site_url: str, site_definitions: dict[str, Any]) -> None:
    # Issue 38: in WebKit an item far from the view shrank when its answer lost focus (content-visibility), and the
    # button moved from under the pointer between press and release. The same check runs in Firefox and WebKit
    # (test_cross_browser.py); here Chromium's own count of layout shift is 0 as well.
    definition = site_definitions["commissioning-standards"]
    first = definition["sections"][0]["items"][0]
    top = scale_of(definition, first)["levels"][-1]["label"]
    page.goto(f"{site_url}assessments/commissioning-standards/")
    wait_ready(page)
    for name in ("Export answers (JSON)", "Export results (CSV)", "Export action plan (CSV)",
                 "Download report (.docx)"):
        level(item_group(page, first["title"]), top).click()  # the answer in focus, far above the buttons
        button = page.get_by_role("button", name=name)
        button.scroll_into_view_if_needed()
        assert page.evaluate(_SHIFT_ON_BLUR, name) == {"moved": 0, "shift": 0}
        with page.expect_download() as saved:
            button.click()
        assert saved.value.suggested_filename.startswith("commissioning-standards-")
