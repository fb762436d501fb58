"""Nothing typed is lost in the sequences a person really follows (issues 38 and 35): answers given before the
page's scripts have run, Back after another tab saved, a version change with only the form's copy saved or an
answer with a problem, an import chosen while the scoring program loads, storage that refuses every save, two
tabs answering at once, and a form copy of an older version. Each test acts as a person, by label, and waits for
what would show a late write (the saved copy's revision, the page's own ready signal), never for a set time."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import READY_TIMEOUT_MS, item_group, level, stored, wait_ready, wait_stored
from playwright.sync_api import BrowserContext, Page, Route, expect

from obc_assess.host import cli

pytestmark = pytest.mark.browser

AID = "commissioning-principles"
FORM_KEY = f"obc-assess:{AID}:form"
MODULES = re.compile(r"/assets/modules/[a-z-]+\.mjs$")
PACKAGE = re.compile(r"/assets/obc/obc_assess-[0-9a-f]+\.zip$")
SAVED = "Your answers are saved in this browser only"


def _items(site_definitions: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for section in site_definitions[AID]["sections"] for item in section["items"]]


def _note(page: Page, item: dict[str, Any]) -> Any:
    return item_group(page, item["title"]).get_by_label(re.compile(r"^Evidence or note"))


def _why_na(page: Page, item: dict[str, Any]) -> Any:
    return item_group(page, item["title"]).get_by_label(re.compile(r"does not apply$"))


def _stored(page: Page, key: str = FORM_KEY) -> Any:
    return stored(page, key)


def _wait_stored(page: Page, test: Callable[[Any], bool], key: str = FORM_KEY) -> Any:
    return wait_stored(page, key, test)


def _field(copy: Any, name: str) -> str:
    return str(copy["fields"].get(name, ""))


class _Held:
    """Requests held back (answered later), as on a slow line: release() lets them all run, and those after."""

    def __init__(self, page: Page, pattern: re.Pattern[str]) -> None:
        self.routes: list[Route] | None = []
        page.route(pattern, self._hold)

    def _hold(self, route: Route) -> None:
        if self.routes is None:
            route.continue_()
        else:
            self.routes.append(route)

    def release(self) -> None:
        routes, self.routes = self.routes or [], None
        for route in routes:
            route.continue_()


def test_answers_given_before_the_scripts_run_are_kept_saved_and_scored(page: Page, site_url: str,
                                                                       site_definitions: dict[str, Any]) -> None:
    # Issue 38: a busy laptop or a slow line; Firefox's form restore reaches start-up the same way.
    items = _items(site_definitions)
    held = _Held(page, MODULES)
    page.goto(f"{site_url}assessments/{AID}/", wait_until="commit")
    level(item_group(page, items[0]["title"]), "Not applicable").check()
    _why_na(page, items[0]).fill("Not ours to commission")
    _note(page, items[1]).fill("Typed before the page was ready")
    held.release()
    expect(page.get_by_text(SAVED)).to_be_visible()
    copy = _wait_stored(page, lambda c: _field(c, f"note:{items[1]['id']}") == "Typed before the page was ready")
    assert _field(copy, f"item:{items[0]['id']}") == "na" and copy.get("revision", {}).get("n", 0) >= 1
    wait_ready(page)
    results = page.get_by_role("region", name="Your results")
    expect(results).to_contain_text("1 not applicable", timeout=READY_TIMEOUT_MS)
    # Saving goes on, and a reload keeps everything.
    _note(page, items[2]).fill("And after")
    _wait_stored(page, lambda c: _field(c, f"note:{items[2]['id']}") == "And after")
    page.reload()
    expect(level(item_group(page, items[0]["title"]), "Not applicable")).to_be_checked()
    expect(_why_na(page, items[0])).to_have_value("Not ours to commission")
    expect(_note(page, items[1])).to_have_value("Typed before the page was ready")
    expect(_note(page, items[2])).to_have_value("And after")
    wait_ready(page)
    expect(results).to_contain_text("1 not applicable", timeout=READY_TIMEOUT_MS)


def test_back_never_brings_old_values_over_newer_ones(context: BrowserContext, site_url: str,
                                                      site_definitions: dict[str, Any]) -> None:
    # Issue 35, failure 1: the browser puts the form's old values back; they are reconciled, not taken as typing.
    items = _items(site_definitions)
    one = context.new_page()
    one.goto(f"{site_url}assessments/{AID}/")
    _note(one, items[0]).fill("v1")
    _wait_stored(one, lambda c: _field(c, f"note:{items[0]['id']}") == "v1")
    one.goto(f"{site_url}privacy/")  # another page, loaded in full
    two = context.new_page()
    two.goto(f"{site_url}assessments/{AID}/")
    expect(_note(two, items[0])).to_have_value("v1")
    _note(two, items[0]).fill("v2")
    _wait_stored(two, lambda c: _field(c, f"note:{items[0]['id']}") == "v2")
    two.close()
    one.go_back()
    expect(_note(one, items[0])).to_have_value("v2")
    level(item_group(one, items[1]["title"]), "Developing").check()
    copy = _wait_stored(one, lambda c: _field(c, f"item:{items[1]['id']}") == "1")
    assert _field(copy, f"note:{items[0]['id']}") == "v2"


def _older(page: Page, site_url: str, copy: dict[str, Any], doc: dict[str, Any] | None = None) -> None:
    """Storage as an earlier version of the assessment left it (the page is now a later one)."""
    page.goto(f"{site_url}privacy/")
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [FORM_KEY, json.dumps(copy)])
    if doc is not None:
        page.evaluate("([key, text]) => localStorage.setItem(key, text)", [f"obc-assess:{AID}", json.dumps(doc)])


def test_a_version_change_with_only_the_form_copy_saved_keeps_everything(page: Page, site_url: str,
                                                                         site_definitions: dict[str, Any]) -> None:
    # Issue 35, failure 2a: Python never loaded while it was typed (a blocked runtime), then the assessment changed.
    items = _items(site_definitions)
    gone = {"item:retired-practice": "2", "note:retired-practice": "Only in the old version"}
    _older(page, site_url, {"format": 3, "version": "0.9", "rows": 0,
                            "fields": {f"note:{items[0]['id']}": "Saved under 0.9", **gone}})
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(f"{site_url}assessments/{AID}/")
    notice = page.locator(".obc-notice")
    expect(notice).to_contain_text("will be checked and put into this version when the scoring program is ready")
    expect(_note(page, items[0])).to_have_value("Saved under 0.9")
    _note(page, items[1]).fill("Typed before Python")
    _wait_stored(page, lambda c: _field(c, f"note:{items[1]['id']}") == "Typed before Python")
    assert _stored(page, f"{FORM_KEY}".replace(":form", ":migrating"))["fields"]["note:retired-practice"]
    page.unroute("**/*.wasm")
    page.reload()
    wait_ready(page)
    expect(notice).to_contain_text("retired-practice (answer)", timeout=READY_TIMEOUT_MS)
    expect(_note(page, items[0])).to_have_value("Saved under 0.9")
    expect(_note(page, items[1])).to_have_value("Typed before Python")


def test_a_version_change_after_an_answer_with_a_problem_keeps_everything(page: Page, site_url: str,
                                                                          site_definitions: dict[str, Any]) -> None:
    # Issue 35, failure 2b: a mistyped date stopped the answers document; what was typed after it was lost.
    items = _items(site_definitions)
    page.goto(f"{site_url}assessments/{AID}/")
    wait_ready(page)
    date = page.get_by_role("group", name=re.compile("^Date of the assessment"))
    date.get_by_label("Month").fill("Mar")
    _note(page, items[0]).fill("Typed after the mistake")
    doc = _wait_stored(page, lambda d: d["answers"][items[0]["id"]]["note"] == "Typed after the mistake",
                       key=f"obc-assess:{AID}")
    copy = _stored(page)
    _older(page, site_url, {**copy, "version": "0.9"}, {**doc, "assessment_version": "0.9"})
    page.goto(f"{site_url}assessments/{AID}/")
    wait_ready(page)
    expect(page.locator(".obc-notice")).to_contain_text("saved for version 0.9", timeout=READY_TIMEOUT_MS)
    expect(_note(page, items[0])).to_have_value("Typed after the mistake")
    expect(date.get_by_label("Month")).to_have_value("Mar")


def test_an_import_chosen_while_loading_waits_visibly_and_keeps_what_is_typed(
        page: Page, site_url: str, site_definitions: dict[str, Any], tmp_path: Path) -> None:
    # Issue 35, failure 3.
    items = _items(site_definitions)
    file = tmp_path / "from-the-board.json"
    file.write_text(json.dumps({
        "format": "obc-assess/responses", "format_version": 3, "assessment": AID,
        "assessment_version": site_definitions[AID]["version"], "context": {"model": None, "scope": None},
        "respondent": {"name": "", "role": "", "organisation": "Board"},
        "answers": {items[2]["id"]: {"level": 3, "note": "From the file"}}}), encoding="utf-8")
    held = _Held(page, PACKAGE)
    page.goto(f"{site_url}assessments/{AID}/")
    _note(page, items[0]).fill("Before choosing")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_label("Continue from an exported answers file").set_input_files(file)
    status = page.locator("[data-obc-status]")
    expect(status).to_contain_text("Your file from-the-board.json will be opened when the scoring program is ready")
    _note(page, items[1]).fill("Typed while it waits")
    _wait_stored(page, lambda c: _field(c, f"note:{items[1]['id']}") == "Typed while it waits")
    held.release()
    expect(status).to_contain_text("what you typed while it was opening is kept", timeout=READY_TIMEOUT_MS)
    expect(_note(page, items[2])).to_have_value("From the file")
    expect(_note(page, items[1])).to_have_value("Typed while it waits")
    expect(_note(page, items[0])).to_have_value("")  # replaced by the file, as the person agreed
    copy = _wait_stored(page, lambda c: _field(c, f"note:{items[2]['id']}") == "From the file")
    assert _field(copy, f"note:{items[1]['id']}") == "Typed while it waits"


REFUSING = """(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
        if (this === localStorage && !String(key).endsWith(":probe")) {
            throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        }
        return setItem.call(this, key, value);
    };
})();"""


def test_refused_storage_says_so_before_anything_is_lost(page: Page, site_url: str,
                                                         site_definitions: dict[str, Any]) -> None:
    # Issue 35, failure 4: a private window or a policy refuses every save.
    items = _items(site_definitions)
    page.add_init_script(REFUSING)
    page.goto(f"{site_url}assessments/{AID}/")
    offer = page.get_by_role("alert").filter(has_text="not keeping your answers")
    expect(offer).to_be_hidden()
    for n in range(4):
        _note(page, items[n]).fill(f"Answer {n}")
    level(item_group(page, items[4]["title"]), "Embedded").check()
    expect(offer).to_be_visible()
    expect(offer.get_by_role("button", name="Export your answers now")).to_be_visible()
    # To another assessment and back within the site: everything is still there.
    page.get_by_role("link", name=re.compile("^Next:")).click()
    expect(page.get_by_role("heading", level=1, name=site_definitions[AID]["title"])).to_have_count(0)
    page.go_back()
    for n in range(4):
        expect(_note(page, items[n])).to_have_value(f"Answer {n}")
    expect(level(item_group(page, items[4]["title"]), "Embedded")).to_be_checked()
    # Leaving the page for good asks first; staying keeps the answers.
    with page.expect_event("dialog") as asked:
        page.close(run_before_unload=True)
    assert asked.value.type == "beforeunload"
    asked.value.dismiss()
    expect(_note(page, items[0])).to_have_value("Answer 0")


# A tab that can be made deaf to the other's saves for a while (as if both typed in the same moment).
DEAFENING = """(() => {
    const add = window.addEventListener;
    window.addEventListener = function (type, listener, options) {
        const heard = type === "storage" ? (event) => { if (!window.obcDeaf) listener.call(this, event); } : listener;
        return add.call(this, type, heard, options);
    };
})();"""


def _deaf(page: Page) -> None:
    page.evaluate("() => { window.obcDeaf = true; }")


def test_two_tabs_answering_at_once_are_combined_and_only_a_real_clash_asks(
        context: BrowserContext, site_url: str, site_definitions: dict[str, Any]) -> None:
    # Issue 35, failure 5.
    items = _items(site_definitions)
    context.add_init_script(DEAFENING)
    one, two = context.new_page(), context.new_page()
    for page in (one, two):
        page.goto(f"{site_url}assessments/{AID}/")
    level(item_group(one, items[0]["title"]), "Embedded").check()
    expect(level(item_group(two, items[0]["title"]), "Embedded")).to_be_checked()
    _note(two, items[1]).fill("Typed in the second tab")
    expect(_note(one, items[1])).to_have_value("Typed in the second tab")
    box = one.get_by_role("alert").filter(has_text="changed in another tab or window")
    expect(box).to_be_hidden()
    # The same answer changed in both before either heard of the other: that one is asked about, by name.
    _deaf(one)
    _note(two, items[2]).fill("The second tab's note")
    _wait_stored(two, lambda c: _field(c, f"note:{items[2]['id']}") == "The second tab's note")
    _note(one, items[2]).fill("The first tab's note")
    expect(box).to_be_visible()
    expect(box.get_by_role("listitem")).to_have_count(1)
    expect(box.get_by_role("listitem")).to_contain_text(items[2]["title"])
    level(item_group(one, items[3]["title"]), "Don't know").check()  # changed in one tab only: saved at once
    copy = _wait_stored(one, lambda c: _field(c, f"item:{items[3]['id']}") == "unknown")
    assert _field(copy, f"note:{items[2]['id']}") == "The second tab's note"
    one.close()  # closed while it asks: its note is kept apart
    three = context.new_page()
    three.goto(f"{site_url}assessments/{AID}/")
    expect(_note(three, items[2])).to_have_value("The second tab's note")
    three.get_by_role("button", name="Load the answers from the closed tab").click()
    expect(_note(three, items[2])).to_have_value("The first tab's note")
    expect(_note(three, items[1])).to_have_value("Typed in the second tab")
    expect(level(item_group(three, items[0]["title"]), "Embedded")).to_be_checked()
    expect(level(item_group(three, items[3]["title"]), "Don't know")).to_be_checked()


def test_a_form_copy_of_an_older_version_names_every_field_it_leaves_out(
        page: Page, site_url: str, site_definitions: dict[str, Any], tmp_path: Path) -> None:
    # Issue 35, failure 10 (form copies): "never dropped silently".
    items = _items(site_definitions)
    fields = {f"note:{items[0]['id']}": "Still asked", "note:retired-practice": "Gone since",
              "plan-action:retired-practice": "Its action", "evidence:retired-practice:0:what": "Its evidence"}
    file = tmp_path / "old-copy.json"
    file.write_text(json.dumps({"format": "obc-assess/form-copy", "format_version": 1, "assessment": AID,
                                "assessment_version": "0.9", "saved_at": "2026-03-02T10:00:00.000Z",
                                "form": {"format": 3, "version": "0.9", "rows": 0, "fields": fields}}),
                    encoding="utf-8")
    page.goto(f"{site_url}assessments/{AID}/")
    wait_ready(page)
    page.get_by_label("Continue from an exported answers file").set_input_files(file)
    expect(page.locator(".obc-notice")).to_contain_text("retired-practice (answer, action plan and evidence)",
                                                        timeout=READY_TIMEOUT_MS)
    expect(_note(page, items[0])).to_have_value("Still asked")


def test_a_form_copy_with_more_evidence_than_the_limit_is_kept_whole_and_named_as_the_cli_names_it(
        page: Page, site_url: str, site_definitions: dict[str, Any], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    # Issue 35, failure 10: the browser kept 20 of them silently while the command line refused the file.
    items = _items(site_definitions)
    key = items[0]["id"]
    fields = {f"evidence:{key}:{n}:what": f"Entry {n + 1}" for n in range(25)}
    file = tmp_path / "many.json"
    file.write_text(json.dumps({"format": "obc-assess/form-copy", "format_version": 1, "assessment": AID,
                                "assessment_version": site_definitions[AID]["version"],
                                "saved_at": "2026-03-02T10:00:00.000Z",
                                "form": {"format": 3, "version": site_definitions[AID]["version"], "rows": 0,
                                         "fields": fields}}), encoding="utf-8")
    assert cli.main(["validate", str(file)]) == 2
    refused = capsys.readouterr().err.strip()
    page.goto(f"{site_url}assessments/{AID}/")
    wait_ready(page)
    page.get_by_label("Continue from an exported answers file").set_input_files(file)
    fold = item_group(page, items[0]["title"]).locator("details.obc-evidence")
    expect(fold.locator("[data-obc-evidence-entry]")).to_have_count(25)
    said = "too many pieces of evidence (25); record at most 20 for one answer"
    assert said in refused
    # The same words, by the item, once Python has checked the form.
    expect(page.locator("[data-obc-left-out-list]")).to_contain_text(said, timeout=READY_TIMEOUT_MS)
    copy = _wait_stored(page, lambda c: _field(c, f"evidence:{key}:24:what") == "Entry 25")
    assert sum(1 for name, value in copy["fields"].items() if name.endswith(":what") and value) == 25
