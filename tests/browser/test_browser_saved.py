"""Nothing typed is lost, and the page is useful before and without Python: saved answers are back in the form
at once, a click before Python is ready erases nothing, a hung or broken load ends in a message with Retry,
import asks before replacing typed work, and two tabs keep each other's work."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import READY, READY_TIMEOUT_MS, item_group, level, wait_ready
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from obc_assess.core.catalogue import text
from obc_assess.host import cli

pytestmark = pytest.mark.browser

AID = "commissioning-principles"
PACKAGE = re.compile(r"/assets/obc/obc_assess-[0-9a-f]+\.zip$")


def _items(site_definitions: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for section in site_definitions[AID]["sections"] for item in section["items"]]


def _note(page: Page, item: dict[str, Any]) -> Any:
    return item_group(page, item["title"]).get_by_label(re.compile(r"^Evidence or note"))


def _hold(page: Page) -> None:
    """Python never arrives (its package request is left hanging), as on a slow line."""
    page.route(PACKAGE, lambda route: None)


def test_save_reload_click_at_once_reload_keeps_every_answer(page: Page, site_url: str,
                                                             site_definitions: dict[str, Any]) -> None:
    items = _items(site_definitions)
    page.goto(f"{site_url}assessments/{AID}/")
    wait_ready(page)
    level(item_group(page, items[0]["title"]), "Embedded").check()
    level(item_group(page, items[1]["title"]), "Not applicable").check()
    _note(page, items[1]).fill("Our evidence, typed with care")
    # Reloaded, with Python held back: the answers are in the form before it loads.
    _hold(page)
    page.reload()
    expect(level(item_group(page, items[0]["title"]), "Embedded")).to_be_checked()
    expect(_note(page, items[1])).to_have_value("Our evidence, typed with care")
    expect(page.locator("[data-obc-status]")).not_to_contain_text(READY)
    # A click at once, before Python: it is added, nothing else goes.
    level(item_group(page, items[2]["title"]), "Don't know").check()
    page.unroute(PACKAGE)
    page.reload()
    wait_ready(page)
    expect(level(item_group(page, items[0]["title"]), "Embedded")).to_be_checked()
    expect(level(item_group(page, items[1]["title"]), "Not applicable")).to_be_checked()
    expect(level(item_group(page, items[2]["title"]), "Don't know")).to_be_checked()
    expect(_note(page, items[1])).to_have_value("Our evidence, typed with care")


def _block_wasm(page: Page) -> None:
    """The runtime's WebAssembly refused, as a proxy blocking .wasm files does."""
    page.route("**/*.wasm", lambda route: route.abort())


def _failed(page: Page) -> None:
    """The page has said that Python could not load: a refused .wasm is named at once (issue 31), as a person sees
    it before they reach for a file (what they do next is confirmed after it, not hidden by it)."""
    failed = text("en", "browser.status.failed")
    expect(page.locator("[data-obc-status]")).to_have_text(re.compile("^" + re.escape(failed)),
                                                           timeout=READY_TIMEOUT_MS)


def test_export_and_import_without_python_and_the_cli_scores_the_file(
        browser: Browser, page: Page, site_url: str, site_definitions: dict[str, Any], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    items = _items(site_definitions)
    _block_wasm(page)
    page.goto(f"{site_url}assessments/{AID}/")
    _failed(page)
    level(item_group(page, items[0]["title"]), "Embedded").check()
    level(item_group(page, items[1]["title"]), "Don't know").check()
    _note(page, items[1]).fill("Board minutes, March")
    page.get_by_label("Organisation (optional)").fill("Cyngor Gwynedd")
    expect(page.locator("[data-obc-progress-text]")).to_have_text(f"2 of {len(items)} items answered.")
    expect(page.locator("[data-obc-status]")).not_to_contain_text(READY)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export answers (JSON)").click()
    status = page.locator("[data-obc-status]")
    expect(status).to_have_text("Saved your answers as typed; the scoring program was not available, so the file "
                                "holds the form\u2019s fields. It opens here and in the command line.")
    expect(status).to_be_focused()
    name = download.value.suggested_filename
    assert re.fullmatch(rf"{AID}-cyngor-gwynedd-\d{{4}}-\d{{2}}-\d{{2}}-answers\.json", name), name
    saved = tmp_path / name
    download.value.save_as(saved)
    # Another browser (nothing saved in it), still without Python: the file's answers come back.
    other = browser.new_context()
    try:
        fresh = other.new_page()
        _block_wasm(fresh)
        fresh.goto(f"{site_url}assessments/{AID}/")
        _failed(fresh)
        expect(level(item_group(fresh, items[0]["title"]), "Embedded")).not_to_be_checked()
        fresh.get_by_label("Continue from an exported answers file").set_input_files(saved)
        expect(level(item_group(fresh, items[0]["title"]), "Embedded")).to_be_checked()
        expect(level(item_group(fresh, items[1]["title"]), "Don't know")).to_be_checked()
        expect(_note(fresh, items[1])).to_have_value("Board minutes, March")
        expect(fresh.get_by_label("Organisation (optional)")).to_have_value("Cyngor Gwynedd")
        expect(fresh.locator("[data-obc-status]")).to_have_text(f"Answers imported from {name}.")
        # Kept in that browser too: a reload (Python still blocked) shows them at once.
        fresh.reload()
        expect(_note(fresh, items[1])).to_have_value("Board minutes, March")
    finally:
        other.close()
    # The command line scores the same file as the answers it holds.
    assert cli.main(["score", str(saved)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["assessment"]["id"], result["respondent"]["organisation"]) == (AID, "Cyngor Gwynedd")
    scored = {row["id"]: row for row in result["working"]["items"]}
    assert (scored[items[0]["id"]]["level"], scored[items[1]["id"]]["level"]) == (3, "unknown")
    assert scored[items[1]["id"]]["note"] == "Board minutes, March"


@pytest.mark.parametrize("broken", ["corrupted-wasm", "missing-definition"])
def test_a_broken_load_ends_in_advice_and_retry(page: Page, site_url: str, broken: str) -> None:
    # A proxy's error page served as the runtime with status 200, or a definition gone (404): never "Ready".
    page.add_init_script("window.obcLoadLimitMs = 8000;")
    pattern = re.compile(r"pyodide\.asm\.wasm$") if broken == "corrupted-wasm" else re.compile(
        rf"/assets/obc/{AID}-[0-9a-f]+\.json$")

    def spoil(route: Route) -> None:
        if broken == "corrupted-wasm":
            route.fulfill(status=200, body="<html>Blocked by policy</html>", content_type="application/wasm")
        else:
            route.fulfill(status=404, body="not found")

    page.route(pattern, spoil)
    page.goto(f"{site_url}assessments/{AID}/")
    status = page.locator("[data-obc-status]")
    expect(status).to_have_text("The scoring program could not load.", timeout=READY_TIMEOUT_MS)
    expect(page.get_by_text("ask your IT team to allow the files ending")).to_be_visible()
    page.unroute(pattern)
    page.evaluate("window.obcLoadLimitMs = undefined")  # the real limit again: a loaded machine is slow
    page.get_by_role("button", name="Retry").click()
    expect(status).to_contain_text(READY, timeout=READY_TIMEOUT_MS)
    expect(page.get_by_text("ask your IT team to allow the files ending")).to_be_hidden()


def test_import_asks_before_replacing_typed_work(page: Page, site_url: str, site_definitions: dict[str, Any],
                                                 tmp_path: Any) -> None:
    items = _items(site_definitions)
    page.goto(f"{site_url}assessments/{AID}/")
    wait_ready(page)
    _note(page, items[0]).fill("Mine, not the file's")
    file = tmp_path / "other.json"
    file.write_text('{"assessment": "commissioning-principles"}', encoding="utf-8")
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_label("Continue from an exported answers file").set_input_files(file)
    expect(_note(page, items[0])).to_have_value("Mine, not the file's")
    assert asked and asked[0].startswith("Replace the answers on this page with those in other.json?")


def test_two_tabs_typing_before_ready_are_combined(context: BrowserContext, site_url: str,
                                                   site_definitions: dict[str, Any]) -> None:
    items = _items(site_definitions)
    one, two = context.new_page(), context.new_page()
    for page in (one, two):
        _hold(page)
        page.goto(f"{site_url}assessments/{AID}/")
    level(item_group(one, items[0]["title"]), "Embedded").check()
    # Each tab takes the other's answers to other items as they are saved: nothing to ask about.
    expect(level(item_group(two, items[0]["title"]), "Embedded")).to_be_checked()
    _note(two, items[1]).fill("Typed in the second tab")
    expect(_note(one, items[1])).to_have_value("Typed in the second tab")
    level(item_group(one, items[2]["title"]), "Don't know").check()
    expect(level(item_group(two, items[2]["title"]), "Don't know")).to_be_checked()
    for page in (one, two):
        expect(page.get_by_role("alert").filter(has_text="changed in another tab or window")).to_be_hidden()
    one.close()
    three = context.new_page()
    three.goto(f"{site_url}assessments/{AID}/")
    wait_ready(three)
    expect(_note(three, items[1])).to_have_value("Typed in the second tab")
    expect(level(item_group(three, items[2]["title"]), "Don't know")).to_be_checked()
    expect(level(item_group(three, items[0]["title"]), "Embedded")).to_be_checked()
    expect(three.get_by_role("button", name="Load the answers from the closed tab")).to_be_hidden()
