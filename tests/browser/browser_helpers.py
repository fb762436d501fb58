"""Helpers the browser tests share: open an assessment and wait for Python, find an item by its legend."""

from __future__ import annotations

import json
import re
from typing import Any

from playwright.sync_api import Page, expect

# Loading Pyodide compiles about 10 MB of WebAssembly: generous on a slow CI machine, quick in practice.
READY_TIMEOUT_MS = 60_000
READY = "Ready: scores update as you answer."


def open_assessment(page: Page, site_url: str, assessment_id: str) -> None:
    """Go to an assessment page and wait until the scoring program says it is ready."""
    page.goto(f"{site_url}assessments/{assessment_id}/")
    wait_ready(page)


def wait_ready(page: Page) -> None:
    expect(page.locator("[data-obc-status]")).to_contain_text(READY, timeout=READY_TIMEOUT_MS)


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
