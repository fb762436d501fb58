"""The tools nobody here wrote: the Nu HTML Checker over every page, Lighthouse on each kind of page.

Errors are counted against a plain Material page of the same version and theme built in the same run, so the
test fails on any error the site adds, and each new error is listed with its page and line.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bench.checkers import build_baseline, failing_audits, lighthouse, net_errors, vnu
from obc_site.serve import serve_gzip

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
# One page of each kind: home, guidance, assessment (the largest form), team.
KINDS = ["", "guidance/framework-standards/", "assessments/commissioning-standards/",
         "assessments/team/commissioning-standards/"]
# Lighthouse on each kind in English, and on the Welsh assessment page (the most words and the most script).
# What differs in Welsh is text, and Lighthouse's text checks (contrast, language, names of links, buttons and
# fields) are axe-core's WCAG rules, run below on every Welsh page kind as it opens, the page Lighthouse sees; the
# rest (structure, best practices) comes from the templates and modules the English pages share. Lighthouse on
# the other three Welsh kinds repeated those checks at ~20 s a run.
PAGES = [*KINDS, "cy/assessments/commissioning-standards/"]

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="no java (make java installs it)")


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_baseline(ROOT, tmp_path_factory.mktemp("plain-material"))


@needs_java
def test_no_html_errors_beyond_plain_material(built_site: Path, baseline: Path) -> None:
    ours, plain = vnu(NODE_MODULES, built_site), vnu(NODE_MODULES, baseline)
    assert len(list(built_site.rglob("*.html"))) > 20, "the site has too few pages to be checked"
    # Every page of both languages is checked: the Welsh site is in cy/.
    assert len(list((built_site / "cy").rglob("*.html"))) > 20, "the Welsh site is not in the checked folder"
    new = net_errors(ours, plain)
    assert not new, f"{len(new)} HTML errors a plain Material page does not have:\n" + "\n".join(map(str, new))


@pytest.mark.parametrize("path", PAGES)
def test_lighthouse_accessibility_and_best_practices(built_site: Path, path: str) -> None:
    assert (built_site / path / "index.html").is_file(), f"no page {path}"
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with serve_gzip(built_site) as base:
        report = lighthouse(NODE_MODULES, chromium, base + path, ["accessibility", "best-practices"])
    scores = {k: v["score"] for k, v in report["categories"].items()}
    problems = failing_audits(report, "accessibility") + failing_audits(report, "best-practices")
    assert scores["accessibility"] == 1 and scores["best-practices"] >= 0.95, (
        f"{path or 'home'}: {scores}\n" + "\n".join(problems))


@pytest.mark.parametrize("path", [f"cy/{path}" for path in KINDS])
def test_axe_finds_no_wcag_violations_on_welsh_pages(page: Page, site_url: str, path: str) -> None:
    # The English pages are checked with answers and results on them (test_browser_pages, test_browser_team);
    # here each kind of Welsh page as it opens, with the scoring program started.
    from test_browser_pages import AXE_TAGS, _axe, _explain

    page.goto(f"{site_url}{path}")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.wait_for_load_state("networkidle")
    report = _explain(_axe(page))
    assert not report, f"axe-core ({', '.join(AXE_TAGS)}) found WCAG violations on /{path}:\n{report}"
