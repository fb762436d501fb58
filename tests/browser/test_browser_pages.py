"""Every page stays on the site's own origin, and has no WCAG 2.2 AA failures that axe-core can find."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import item_group, level, wait_ready
from playwright.sync_api import Page, expect

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
        choices = ["Don't know", definition["scale"]["levels"][0]["label"], definition["scale"]["levels"][1]["label"]]
        for n, section in enumerate(definition["sections"]):
            group = item_group(page, section["items"][0]["title"])
            if group.is_visible():
                level(group, choices[n % len(choices)]).check()
    else:
        row = page.get_by_role("group", name=re.compile(r" 1$")).first
        row.get_by_role("textbox").first.fill("First row")
        row.get_by_role("radio").first.check()
    expect(page.get_by_role("region", name="Your results")).to_be_visible()


@pytest.fixture(scope="module")
def page_paths(built_site: Path, definitions: dict[str, Any]) -> list[str]:
    return ["", _guidance_page(built_site), *[f"assessments/{aid}/" for aid in sorted(definitions)]]


def test_no_request_leaves_the_site(page: Page, site_url: str, page_paths: list[str],
                                    definitions: dict[str, Any]) -> None:
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.on("worker", lambda worker: requests.append(worker.url))
    assessments = [p for p in page_paths if p.startswith("assessments/")]
    for path in [p for p in page_paths if p not in assessments] + assessments[:1]:
        page.goto(f"{site_url}{path}")
    wait_ready(page)
    # The other assessments by the navigation links. With Material's instant navigation (it needs site_url)
    # the page is swapped in place and the worker, with Python loaded, carries on: no second runtime fetch.
    for path in assessments[1:]:
        title = definitions[path.split("/")[1]]["title"]
        page.evaluate("window.obcSamePage = true")
        before = sum(url.endswith("pyodide.asm.wasm") for url in requests)
        page.get_by_role("navigation").get_by_role("link", name=title, exact=True).first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(title)
        wait_ready(page)
        if page.evaluate("window.obcSamePage === true"):
            assert sum(url.endswith("pyodide.asm.wasm") for url in requests) == before
    outside = sorted({url for url in requests if not url.startswith((site_url, "data:", "blob:"))})
    assert not outside, "requests left the site:\n" + "\n".join(outside)
    assert any(url.endswith("pyodide.asm.wasm") for url in requests), "Pyodide was not loaded from the site"


@pytest.mark.parametrize("which", ["home", "guidance", "assessments"])
def test_axe_finds_no_wcag_violations(page: Page, site_url: str, page_paths: list[str],
                                      definitions: dict[str, Any], which: str) -> None:
    if which == "home":
        paths = [""]
    elif which == "guidance":
        paths = [page_paths[1]]
    else:
        paths = [p for p in page_paths if p.startswith("assessments/")]
    report = []
    for path in paths:
        page.goto(f"{site_url}{path}")
        if path.startswith("assessments/"):
            wait_ready(page)
            _show_results(page, definitions[path.split("/")[1]])
            # The error summary's markup, too.
            page.get_by_label("Continue from an exported answers file").set_input_files(
                files=[{"name": "bad.json", "mimeType": "application/json", "buffer": b"{not json"}])
            expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
        violations = _axe(page)
        if violations:
            report.append(f"/{path}\n{_explain(violations)}")
    assert not report, "axe-core found WCAG violations:\n" + "\n".join(report) + "\n" + json.dumps(AXE_TAGS)
