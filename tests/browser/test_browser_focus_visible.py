"""Focus never hidden by anything pinned (WCAG 2.2 2.4.11, issue 31): a Tab walk through a long form, down and back
up, with the header, the bar at the foot of the form and Material's "Back to top" pill all in play; the error
summary's link to a date; "See your results"."""

from __future__ import annotations

from typing import Any

import pytest
from browser_helpers import item_group, level, open_assessment
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

LONG_FORM = "procurement-review"
DATE = "Date of the assessment (optional)"

# What covers an element, measured as a person sees it: the element found at its centre and at four points just
# inside its corners (elementFromPoint), and any of them that belongs to a pinned box (position fixed or sticky,
# pinned now) the element is not itself inside. A point outside the window is hidden too. Returns null when all
# five points show the element. Measured after the next frame is drawn: what a person sees once focus has moved.
COVERED = """async (el) => {
  if (!el || el === document.body) return null;
  await new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)));
  const box = el.getBoundingClientRect();
  const pinned = (node) => {
    for (let at = node; at && at !== document.documentElement; at = at.parentElement) {
      const position = getComputedStyle(at).position;
      if (position === 'fixed' || position === 'sticky') return at;
    }
    return null;
  };
  const inset = Math.min(2, box.width / 4, box.height / 4);
  const points = [[box.left + box.width / 2, box.top + box.height / 2], [box.left + inset, box.top + inset],
    [box.right - inset, box.top + inset], [box.left + inset, box.bottom - inset],
    [box.right - inset, box.bottom - inset]];
  for (const [x, y] of points) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return `outside the window at ${Math.round(y)}`;
    const hit = document.elementFromPoint(x, y);
    if (!hit || hit === el || el.contains(hit)) continue;
    const cover = pinned(hit);
    if (cover && !cover.contains(el)) {
      return `${cover.tagName.toLowerCase()}.${[...cover.classList].join('.')} at ${Math.round(y)}`;
    }
  }
  return null;
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  return el ? `${el.tagName.toLowerCase()}#${el.id || ''}[${el.name || el.textContent.trim().slice(0, 30)}]` : '';
}"""


def _answer_first(page: Page, definition: dict[str, Any]) -> None:
    """Answer the first item (its first level), so the bar carries a score and "See your results"."""
    item = definition["sections"][0]["items"][0]
    level(item_group(page, item["title"]), definition["scale"]["levels"][0]["label"]).check()
    expect(page.get_by_role("region", name="Your results")).to_be_visible()


def _hidden_focus(page: Page, key: str, steps: int) -> tuple[int, list[str]]:
    """Press key steps times; the focused controls seen, and those covered (what covered them)."""
    seen, covered = 0, []
    for _ in range(steps):
        page.keyboard.press(key)
        if page.evaluate("document.activeElement === document.body"):
            continue
        seen += 1
        cover = page.evaluate_handle("document.activeElement").evaluate(COVERED)
        if cover:
            covered.append(f"{page.evaluate(FOCUSED)} under {cover}")
    return seen, covered


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (375, 667)])
def test_no_focused_control_is_under_anything_pinned(page: Page, site_url: str, site_definitions: dict[str, Any],
                                                  width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    open_assessment(page, site_url, LONG_FORM)
    _answer_first(page, site_definitions[LONG_FORM])  # as when someone is part way through
    page.get_by_role("heading", level=1).click()  # the walk starts at the top, where a person starts reading
    down_seen, down = _hidden_focus(page, "Tab", 150)
    # Back up the same way: scrolling up is what brings out Material's "Back to top" pill under the header.
    up_seen, up = _hidden_focus(page, "Shift+Tab", 60)
    assert (down_seen, up_seen) == (150, 60)
    assert down + up == [], (
        f"{len(down + up)} of {down_seen + up_seen} focused controls hidden:\n" + "\n".join(down + up))


def test_the_error_summary_link_to_a_date_shows_the_day_box(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    open_assessment(page, site_url, LONG_FORM)
    date = page.get_by_role("group", name=DATE)
    for box, value in (("Day", "30"), ("Month", "2"), ("Year", "2026")):
        date.get_by_label(box).fill(value)
    date.get_by_label("Year").press("Tab")
    message = "Date of the assessment must be a real date, like 31 3 2027"
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    link = summary.get_by_role("link", name=message)
    expect(link).to_be_attached()
    page.get_by_role("button", name="Export answers (JSON)").focus()  # the person is elsewhere on the page
    link.focus()
    assert link.evaluate(COVERED) is None  # the summary's link, reached, is not under the bar or the header
    page.keyboard.press("Enter")
    day = date.get_by_label("Day")
    expect(day).to_be_focused()
    assert day.evaluate(COVERED) is None
    # The date's question is in view with its box, as GOV.UK's error summary lands on a legend.
    legend = date.locator("legend")
    assert legend.evaluate(COVERED) is None


def test_see_your_results_shows_its_heading(page: Page, site_url: str, site_definitions: dict[str, Any]) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    open_assessment(page, site_url, LONG_FORM)
    _answer_first(page, site_definitions[LONG_FORM])
    results = page.get_by_role("region", name="Your results")
    page.get_by_role("link", name="See your results").first.focus()
    page.keyboard.press("Enter")
    heading = results.get_by_role("heading", level=2).first
    expect(heading).to_be_focused()
    assert heading.evaluate(COVERED) is None
