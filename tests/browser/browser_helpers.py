"""Helpers the browser tests share: open an assessment and wait for Python, find an item by its legend."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page, expect

# The one timeout of the browser tests' expectations (conftest.py makes it Playwright's default): loading Pyodide
# compiles about 10 MB of WebAssembly, and a result needs Python; generous for a busy 2-core machine, quick in
# practice. Every expectation on a Python result also waits first for the page's own ready signal.
READY_TIMEOUT_MS = 60_000
READY = "Ready: scores update as you answer."
TEAM_READY = "Ready: choose the answers files to merge or compare."


def open_assessment(page: Page, site_url: str, assessment_id: str) -> None:
    """Go to an assessment page and wait until the scoring program says it is ready."""
    page.goto(f"{site_url}assessments/{assessment_id}/")
    wait_ready(page)


def wait_ready(page: Page) -> None:
    expect(page.locator("[data-obc-status]")).to_contain_text(READY, timeout=READY_TIMEOUT_MS)


def open_team(page: Page, site_url: str, assessment_id: str) -> None:
    """Go to an assessment's team and progress page and wait until its scoring program says it is ready."""
    page.goto(f"{site_url}assessments/team/{assessment_id}/")
    expect(page.locator("[data-obc-status]")).to_contain_text(TEAM_READY, timeout=READY_TIMEOUT_MS)


def form_fields(page: Page) -> dict[str, str]:
    """What the page's form holds now, by field name (the text the worker is given), leaving out empty fields:
    a page restored from saved answers has a blank first piece of evidence in each fold, one answered by hand
    has none until a fold is opened, and both give the worker the same answers."""
    return dict(page.locator("[data-obc-form]").evaluate(
        "form => Object.fromEntries([...new FormData(form)].filter(([, v]) => typeof v === 'string' && v !== ''))"))


def stored(page: Page, key: str) -> Any:
    """What the page keeps under a localStorage key, read as JSON, or None."""
    text = page.evaluate("(key) => localStorage.getItem(key)", key)
    return json.loads(text) if text else None


def wait_stored(page: Page, key: str, test: Callable[[Any], bool]) -> Any:
    """What is kept under key, once it passes test (polled: the page's CSP refuses wait_for_function's text)."""
    deadline = time.monotonic() + READY_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        value = stored(page, key)
        if value is not None and test(value):
            return value
        page.wait_for_timeout(50)
    raise AssertionError(f"never saved as expected: {stored(page, key)}")


def saved(page: Page, assessment: str) -> dict[str, Any] | None:
    """The answers document the page keeps for an assessment (localStorage), or None."""
    document: dict[str, Any] | None = stored(page, f"obc-assess:{assessment}")
    return document


def wait_saved(page: Page, assessment: str, test: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """The saved answers document, once it passes test."""
    document: dict[str, Any] = wait_stored(page, f"obc-assess:{assessment}", test)
    return document


def wait_scored(page: Page, definition_json: str) -> None:
    """Wait until the results show Python's headline for what the form holds now (a figure the last answer
    changed). The page saves the answers document in the same task as it shows a result, so this is the event
    that would show a late write: a check that nothing was written waits for it, never for a sleep."""
    from obc_assess.core import api

    result = json.loads(api.evaluate_form(definition_json, json.dumps(form_fields(page))))["result"]
    expect(page.locator("[data-obc-overall]")).to_have_text(f"{result['overall']['percent']:g}%")


def starts(text: str) -> re.Pattern[str]:
    """A pattern for names that start with text (slashes escaped: Playwright writes patterns as /.../)."""
    return re.compile("^" + re.escape(text).replace("/", r"\/"))


def item_group(page: Page, title: str) -> Any:
    """An item's fieldset, found by its legend as a screen reader user would."""
    return page.get_by_role("group", name=starts(title)).first


def level(group: Any, label: str) -> Any:
    """The radio for an answer in an item's group, by its visible label (a level's label is followed by its
    descriptor, so "No" must not also find "Not applicable")."""
    return group.get_by_label(re.compile("^" + re.escape(label).replace("/", r"\/") + r"(\s|$)"))


# The commissioning principles ask no model (it changes nothing there): answering their first practice is what
# starts scoring in the tests that open them.
FIRST_PRINCIPLE = "(a) Choice and control"


def answer_first_principle(page: Page, label: str = "Established") -> None:
    """Answer the principles' first practice, by its legend and level label, as a person would."""
    level(item_group(page, FIRST_PRINCIPLE), label).check()


def py(name: str, definition: str, text: str) -> dict[str, Any]:
    """Ask obc_assess.core.api in this process as the worker does in the browser: one api.call request (same JSON
    text in and out), named as the brief names them (form_evaluate, form_import, form_fields)."""
    from obc_assess.core import api

    kind, key = {"form_evaluate": ("evaluate", "fields"), "form_import": ("import", "text"),
                 "form_fields": ("fields", "responses")}[name]
    answer = dict(json.loads(api.call(json.dumps({"type": kind, "definition": definition, key: text}))))
    if "form" in answer:
        answer.update(answer.pop("form") or {"fields": {}, "rows": 0})
    if name == "form_evaluate" and answer.get("result") and "areas" not in answer["result"]:
        answer["result"]["areas"] = (answer["result"].get("matrix") or {}).get("areas")
    return answer
