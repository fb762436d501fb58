"""Hardening: hostile text stays text everywhere it is shown, printed or exported; answers are not lost (a tab
closed half way, two tabs, full storage, an older assessment version); hostile files never break the page;
and the Content-Security-Policy holds while Python loads and scores."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from asked import ask
from browser_helpers import (
    READY,
    READY_TIMEOUT_MS,
    answer_first_principle,
    item_group,
    level,
    open_assessment,
    open_team,
    wait_saved,
)
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route, expect
from test_browser_team import blank, files_json, payload, rated

from obc_assess.core import api
from obc_assess.core.tailor import applies

pytestmark = pytest.mark.browser

CORPUS = sorted((Path(__file__).resolve().parents[1] / "responses_corpus").glob("*.json"))

# Each payload sets window.__xss or marks an element data-xss if it is ever run or parsed as HTML. The pages are
# opened with the Content-Security-Policy bypassed, so that it is the page's own handling of text, not the
# policy, that keeps them out.
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x data-xss onerror="window.__xss=2">',
    '"><svg data-xss onload="window.__xss=3">',
    "javascript:window.__xss=4",
    "</textarea><script>window.__xss=5</script>",
    "{{7*7}} ${7*7} {% if 1 %}jinja{% endif %}",
    "\u202eexe.txt\u202c and \u2067isolated\u2069 right-to-left tricks",
    '<iframe data-xss srcdoc="<script>parent.__xss=8</script>"></iframe>',
    '<a data-xss href="javascript:window.__xss=9">click me</a>',
    "' onmouseover='window.__xss=10' x='",
    '<details data-xss open ontoggle="window.__xss=11">',
    "<body data-xss onload=window.__xss=12>",
    "<math><mtext><table><mglyph><style><img data-xss src=x onerror=window.__xss=13>",
    '=HYPERLINK("http://example.invalid/?leak","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "<style>body{display:none}</style>",
    "<!-- <img data-xss src=x onerror=window.__xss=19> -->",
    "&lt;script&gt;window.__xss=20&lt;/script&gt;",
    "<input data-xss autofocus onfocus=window.__xss=21>",
    '<object data-xss data="javascript:window.__xss=22"></object>',
    "<svg><script>window.__xss=23</script></svg>",
    "\u200bzero\u200dwidth <b data-xss>bold</b>",
    '<a data-xss href="data:text/html,<script>alert(25)</script>">data url</a>',
]
FORMULA = tuple(p for p in PAYLOADS if p.startswith(("=", "+", "-", "@")))

CLEAN = """() => ({
    xss: window.__xss === undefined ? null : String(window.__xss),
    injected: [...document.querySelectorAll("[data-xss]")].map((el) => el.outerHTML.slice(0, 120)),
    handlers: [...document.querySelectorAll("*")]
        .filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name)))
        .map((el) => el.outerHTML.slice(0, 120)),
    scripts: document.querySelectorAll([".obc-assessment", ".obc-team"].flatMap((area) =>
        ["script", "iframe", "object", "style", "img"].map((tag) => `${area} ${tag}`)).join(", ")).length,
})"""


@pytest.fixture
def xss_page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page whose Content-Security-Policy is off, and every dialog it tries to open (none should)."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs: list[str] = []

    def dialog(d: Any) -> None:
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    try:
        yield page, dialogs
    finally:
        context.close()


def assert_clean(page: Page, dialogs: list[str]) -> None:
    state = page.evaluate(CLEAN)
    assert state == {"xss": None, "injected": [], "handlers": [], "scripts": 0}, state
    assert dialogs == []


def assert_shown(region: Locator, texts: list[str]) -> None:
    """Every text is in the region, as text (its textContent), whatever it looks like."""
    missing = region.evaluate("(el, texts) => texts.filter((t) => !el.textContent.includes(t))", texts)
    assert missing == [], f"not shown as text: {missing}"


def print_and_check(page: Page, dialogs: list[str], region: Locator, texts: list[str]) -> None:
    page.emulate_media(media="print")
    page.pdf()
    expect(region).to_be_visible()
    assert_shown(region, texts)
    assert_clean(page, dialogs)
    page.emulate_media(media="screen")


def csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8"))) for cell in row]


def assert_guarded(data: bytes, values: list[str]) -> None:
    """No cell starts a formula, and each value that would have is there behind an apostrophe."""
    cells = csv_cells(data)
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))], "an unguarded formula cell"
    for value in values:
        assert f"'{value}" in cells, f"{value!r} is not in the CSV as '{value!r}"


def _key(path: str) -> str:
    """The key in a problem's path like answers["<key>"] (a key that is not a plain name is quoted as JSON)."""
    return str(json.loads(path.removeprefix("answers[").removesuffix("]")))


def save_download(page: Page, button: Locator, path: Path) -> bytes:
    with page.expect_download() as info:
        button.click()
    info.value.save_as(path)
    return path.read_bytes()


# ---- Cross-site scripting -----------------------------------------------------------------------------------


def test_hostile_notes_names_and_plans_stay_text(xss_page: tuple[Page, list[str]],
                                                 site_definitions: dict[str, Any], site_url: str,
                                                 tmp_path: Path) -> None:
    page, dialogs = xss_page
    definition = site_definitions["procurement-review"]
    items = [item for section in definition["sections"] for item in section["items"]
             if applies(definition, item, 2, None)]
    open_assessment(page, site_url, "procurement-review")
    page.get_by_label(re.compile(r"^Model 2:")).check()
    # A payload in each item's note (round again when there are more items than payloads; with fewer, the rest go
    # in the last item's), and formulas in the action plan.
    notes = {n: PAYLOADS[n % len(PAYLOADS)] for n in range(len(items))}
    if len(items) < len(PAYLOADS):
        notes[len(items) - 1] = " ".join(PAYLOADS[len(items) - 1:])
    for n, item in enumerate(items):
        group = item_group(page, item["title"])
        level(group, definition["scale"]["levels"][n % 3]["label"]).check()
        group.get_by_label(re.compile(r"^Evidence or note")).fill(notes[n])
    plan = item_group(page, items[0]["title"])
    plan.get_by_text(re.compile("^Action plan for")).click()
    plan.get_by_label(f"Action for \u201c{items[0]['title']}\u201d", exact=True).fill(FORMULA[0])
    plan.get_by_label(f"Owner of the action for \u201c{items[0]['title']}\u201d").fill(FORMULA[3])
    results = page.get_by_role("region", name="Your results")
    expect(results.get_by_role("table", name="Your action plan")).to_contain_text(FORMULA[3])
    assert_shown(results, PAYLOADS)
    # Each payload as the respondent's name, in turn.
    name = page.get_by_label("Your name or team (optional)")
    about = results.locator(".obc-result-context")
    for text in PAYLOADS:
        name.fill(text)
        expect(about).to_contain_text(text.strip())
        assert_clean(page, dialogs)
    print_and_check(page, dialogs, results, PAYLOADS)

    # CSV exports: formulas guarded by obc_assess, in the results and the action plan.
    data = save_download(page, page.get_by_role("button", name="Export results (CSV)"), tmp_path / "results.csv")
    assert_guarded(data, [notes[n] for n in range(len(items)) if notes[n].startswith(FORMULA)] + [FORMULA[0]])
    data = save_download(page, page.get_by_role("button", name="Export action plan (CSV)"), tmp_path / "plan.csv")
    assert_guarded(data, [FORMULA[0], FORMULA[3]])
    # The exported answers keep the text exactly as typed.
    data = save_download(page, page.get_by_role("button", name="Export answers (JSON)"), tmp_path / "a.json")
    doc = json.loads(data)
    assert doc["respondent"]["name"] == PAYLOADS[-1]
    assert [doc["answers"][item["id"]]["note"] for item in items] == [notes[n] for n in range(len(items))]
    assert_clean(page, dialogs)


def test_hostile_service_area_and_measure_names_stay_text(xss_page: tuple[Page, list[str]], site_url: str,
                                                          tmp_path: Path) -> None:
    page, dialogs = xss_page
    for assessment, label in (("review-priorities", "service area"), ("measure-mix", "measure")):
        open_assessment(page, site_url, assessment)
        names = page.get_by_label(f"Name of the {label}")
        while names.count() < len(PAYLOADS):
            page.get_by_role("button", name=f"Add another {label}").click()
        for n, text in enumerate(PAYLOADS):
            names.nth(n).fill(text)
        results = page.get_by_role("region", name="Your results")
        expect(results).to_be_visible(timeout=READY_TIMEOUT_MS)  # Python's result for all the rows typed
        expect(results.get_by_role("table").filter(has_text=PAYLOADS[-1]).first).to_be_visible(
            timeout=READY_TIMEOUT_MS)
        assert_shown(results, PAYLOADS)
        assert_clean(page, dialogs)
        print_and_check(page, dialogs, results, PAYLOADS)
        data = save_download(page, page.get_by_role("button", name="Export results (CSV)"), tmp_path / "r.csv")
        assert_guarded(data, list(FORMULA))


def test_hostile_imported_files_stay_text(xss_page: tuple[Page, list[str]], site_definitions: dict[str, Any],
                                          site_definition_json: dict[str, str], site_url: str) -> None:
    page, dialogs = xss_page
    definition = site_definitions["procurement-review"]
    items = [item for section in definition["sections"] for item in section["items"]]
    good = blank(definition, 2)
    good["respondent"]["name"] = PAYLOADS[1]
    good["answers"] = {item["id"]: {"level": 1, "note": PAYLOADS[n % len(PAYLOADS)]}
                       for n, item in enumerate(items)}
    good["plan"] = {items[0]["id"]: {"action": PAYLOADS[4], "owner": PAYLOADS[2], "due": "", "target": 2}}
    bad = blank(definition, 2)
    bad["answers"] = {PAYLOADS[1]: {"level": 1, "note": ""}}
    bad["plan"] = {items[0]["id"]: {"due": PAYLOADS[2]}}
    open_assessment(page, site_url, "procurement-review")
    file_input = page.get_by_label("Continue from an exported answers file")

    # A file name, an item id and a date that are markup: the error summary shows them as they are.
    file_input.set_input_files(payload(f"{PAYLOADS[7]}.json", bad))
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_visible()
    problems = ask("import", site_definition_json["procurement-review"], text=json.dumps(bad))["problems"]
    assert _key(problems[0]["path"]) == PAYLOADS[1] and PAYLOADS[2] in problems[1]["message"].replace('\\"', '"')
    assert_shown(summary, [f"{PAYLOADS[7]}.json: {p['path']}: {p['message']}" for p in problems])
    assert_clean(page, dialogs)

    file_input.set_input_files(payload("good.json", good))
    results = page.get_by_role("region", name="Your results")
    expect(results.locator(".obc-result-context")).to_contain_text(PAYLOADS[1])
    # (Notes for items of other models than the file's are kept, not shown.)
    shown = [PAYLOADS[n % len(PAYLOADS)] for n, item in enumerate(items) if applies(definition, item, 2, None)]
    assert_shown(results, [*shown, PAYLOADS[4], PAYLOADS[2]])
    assert_clean(page, dialogs)
    print_and_check(page, dialogs, results, shown)


def test_hostile_team_files_stay_text(xss_page: tuple[Page, list[str]], site_definitions: dict[str, Any],
                                      site_definition_json: dict[str, str], site_url: str, tmp_path: Path) -> None:
    page, dialogs = xss_page
    definition = site_definitions["commissioning-principles"]
    people = [rated(definition, text, ["commissioner", "provider", "other"][n % 3], [n % 4, 3 - n % 4])
              for n, text in enumerate(PAYLOADS)]
    bad = blank(definition)
    bad["answers"] = {PAYLOADS[2]: {"level": 1, "note": ""}}
    # File names as hostile as the names in them (a slash cannot be in a file's name).
    files = [payload(f"{n}-{text[:40]}.json".replace("/", "_"), doc)
             for n, (text, doc) in enumerate(zip(PAYLOADS, people, strict=True))]
    files.append(payload(f"{PAYLOADS[1]}.json", bad))
    open_team(page, site_url, "commissioning-principles")
    page.get_by_label("Answers files to merge").set_input_files(files)
    region = page.get_by_role("region", name="Team results")
    expect(region.get_by_role("table", name="Respondents")).to_contain_text(PAYLOADS[-1])
    # Names in the respondents, sections, roles and items tables and the disagreements; the bad file's name and
    # its item id in the files left out.
    assert_shown(region.get_by_role("table", name="Respondents"), [" ".join(t.split()) for t in PAYLOADS])
    skipped = json.loads(api.aggregate_json(site_definition_json["commissioning-principles"], files_json(files)))
    path = skipped["result"]["skipped"][0]["problems"][0]["path"]
    assert _key(path) == PAYLOADS[2]
    assert_shown(region.locator(".obc-skipped"), [f"{PAYLOADS[1]}.json", path])
    assert_clean(page, dialogs)
    print_and_check(page, dialogs, region, [" ".join(t.split()) for t in PAYLOADS])
    data = save_download(page, region.get_by_role("button", name="Export team results (CSV)"), tmp_path / "t.csv")
    want = json.loads(api.aggregate_csv_json(site_definition_json["commissioning-principles"], files_json(files)))
    assert data.startswith(b"\xef\xbb\xbf") and data.decode("utf-8-sig") == want["csv"]  # a BOM for Excel
    assert_guarded(data.removeprefix(b"\xef\xbb\xbf"), list(FORMULA))

    # Compared over time: names and file names in the heading of the comparison.
    page.get_by_label("Baseline: the earlier answers file").set_input_files(files[0])
    page.get_by_label("Later: the answers file to compare with it").set_input_files(files[13])
    compared = page.get_by_role("region", name="Progress over time")
    expect(compared).to_be_visible()
    assert_shown(compared, [PAYLOADS[0], PAYLOADS[13], files[0]["name"], files[13]["name"]])
    assert_clean(page, dialogs)
    print_and_check(page, dialogs, compared, [PAYLOADS[0], PAYLOADS[13]])


# ---- No lost answers ----------------------------------------------------------------------------------------


def _level(doc: dict[str, Any], item: dict[str, Any]) -> Any:
    return doc["answers"][item["id"]]["level"]


def test_closing_the_tab_half_way_loses_nothing(context: BrowserContext, site_url: str,
                                                site_definitions: dict[str, Any]) -> None:
    items = [item for section in site_definitions["commissioning-principles"]["sections"]
             for item in section["items"]]
    first = context.new_page()
    open_assessment(first, site_url, "commissioning-principles")
    level(item_group(first, items[0]["title"]), "Embedded").check()
    item_group(first, items[1]["title"]).get_by_label(re.compile(r"^Evidence or note")).fill("Typed, then gone")
    first.close()  # at once: Python has not scored (nor saved) the last change
    second = context.new_page()
    open_assessment(second, site_url, "commissioning-principles")
    expect(level(item_group(second, items[0]["title"]), "Embedded")).to_be_checked()
    expect(item_group(second, items[1]["title"]).get_by_label(re.compile(r"^Evidence or note"))).to_have_value(
        "Typed, then gone")
    doc = wait_saved(second, "commissioning-principles", lambda d: d["answers"][items[1]["id"]]["note"] != "")
    assert _level(doc, items[0]) == 3


def test_two_tabs_never_overwrite_each_other(context: BrowserContext, site_url: str,
                                             site_definitions: dict[str, Any], tmp_path: Path) -> None:
    aid = "commissioning-principles"
    items = [item for section in site_definitions[aid]["sections"] for item in section["items"]]
    dialogs: list[str] = []
    context.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    # A tab can be made deaf to the other's saves for a while, as if both answered in the same moment.
    context.add_init_script("""(() => {
        const add = window.addEventListener;
        window.addEventListener = function (type, listener, options) {
            const heard = type === "storage" ? (e) => { if (!window.obcDeaf) listener.call(this, e); } : listener;
            return add.call(this, type, heard, options);
        };
    })();""")

    def answer(page: Page, n: int, label: str) -> None:
        level(item_group(page, items[n]["title"]), label).check()

    def checked(page: Page, n: int, label: str) -> Any:
        return expect(level(item_group(page, items[n]["title"]), label))

    def conflict(page: Page) -> Locator:
        return page.get_by_role("alert").filter(has_text="changed in another tab or window")

    def deaf(page: Page, on: bool) -> None:
        page.evaluate("(on) => { window.obcDeaf = on; }", on)

    one = context.new_page()
    open_assessment(one, site_url, aid)
    answer(one, 0, "Established")
    wait_saved(one, aid, lambda d: _level(d, items[0]) == 2)
    watcher = context.new_page()  # opened, never touched: it follows the others' saves
    open_assessment(watcher, site_url, aid)
    checked(watcher, 0, "Established").to_be_checked()
    two = context.new_page()
    open_assessment(two, site_url, aid)
    checked(two, 0, "Established").to_be_checked()

    # The same answer given differently in two tabs at once: only that one is asked about, in the tab that
    # answered last; the answer saved first stays saved until its person chooses.
    deaf(one, True)
    answer(two, 2, "Developing")
    wait_saved(two, aid, lambda d: _level(d, items[2]) == 1)
    answer(one, 2, "Not applicable")
    item_group(one, items[2]["title"]).get_by_label(f"Why “{items[2]['title']}” does not apply").fill("Not ours")
    expect(conflict(one)).to_be_visible()
    expect(conflict(one).get_by_role("listitem")).to_have_text(re.compile("^" + re.escape(items[2]["title"])))
    expect(conflict(two)).to_be_hidden()
    checked(watcher, 2, "Developing").to_be_checked()
    expect(one.get_by_role("region", name="Your results")).to_contain_text("1 not applicable",
                                                                          timeout=READY_TIMEOUT_MS)
    # Answers to other items are combined meanwhile, both ways, and the untouched tab follows.
    deaf(one, False)
    answer(two, 1, "Don't know")
    checked(one, 1, "Don't know").to_be_checked()
    checked(watcher, 1, "Don't know").to_be_checked()
    expect(watcher.locator("[data-obc-status]")).to_have_text(
        "The answers saved in another tab or window were loaded here.")
    doc = wait_saved(one, aid, lambda d: _level(d, items[1]) == "unknown")
    assert _level(doc, items[2]) == 1
    # This tab's own answers can still be exported, its answer to the item asked about included.
    data = save_download(one, one.get_by_role("button", name="Export answers (JSON)"), tmp_path / "one.json")
    mine = json.loads(data)
    assert (_level(mine, items[0]), _level(mine, items[1]), _level(mine, items[2])) == (2, "unknown", "na")

    # Keeping this tab's saves it over the other's; the other tab, which did not change it again, follows.
    conflict(one).get_by_role("button", name="Keep the answers in this tab").click()
    expect(conflict(one)).to_be_hidden()
    expect(one.locator("[data-obc-status]")).to_be_focused()
    wait_saved(one, aid, lambda d: _level(d, items[2]) == "na")
    checked(two, 2, "Not applicable").to_be_checked()
    expect(conflict(two)).to_be_hidden()

    # Once more the other way, and this time the other tab's answer is loaded.
    deaf(two, True)
    answer(one, 3, "Developing")
    wait_saved(one, aid, lambda d: _level(d, items[3]) == 1)
    answer(two, 3, "Embedded")
    expect(conflict(two)).to_be_visible()
    conflict(two).get_by_role("button", name="Load the answers from the other tab").click()
    checked(two, 3, "Developing").to_be_checked()
    expect(conflict(two)).to_be_hidden()
    doc = wait_saved(two, aid, lambda d: _level(d, items[3]) == 1)
    assert (_level(doc, items[1]), _level(doc, items[2])) == ("unknown", "na")
    assert dialogs == []


def test_full_storage_warns_and_export_still_works(page: Page, site_url: str, tmp_path: Path) -> None:
    # The browser's storage quota is used up: the probe fits, every real save fails.
    page.add_init_script("""(() => {
        const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
            if (String(key).endsWith(":probe")) return setItem.call(this, key, value);
            throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        };
    })();""")
    open_assessment(page, site_url, "commissioning-principles")
    expect(page.get_by_text("Your answers are saved in this browser only")).to_be_visible()
    answer_first_principle(page, "Developing")
    status = page.get_by_role("status").filter(has_text="Ready")
    expect(status).to_contain_text("its storage is blocked or full): use Export answers to keep them")
    expect(page.get_by_text("Your answers are saved in this browser only")).to_be_hidden()
    data = save_download(page, page.get_by_role("button", name="Export answers (JSON)"), tmp_path / "a.json")
    assert json.loads(data)["answers"]["customers-needs-at-centre"]["level"] == 1


def test_storage_full_at_start_saves_everything_once_space_is_freed(page: Page, site_url: str,
                                                                    site_definitions: dict[str, Any]) -> None:
    # Full when the page opens; space is freed later in the same visit (the reload after finds it free).
    page.add_init_script("""(() => {
        const setItem = Storage.prototype.setItem;
        window.__obcFull = !sessionStorage.getItem("freed");
        Storage.prototype.setItem = function (key, value) {
            if (this === localStorage && window.__obcFull && !String(key).endsWith(":probe")) {
                throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
            }
            return setItem.call(this, key, value);
        };
    })();""")
    items = [item for section in site_definitions["commissioning-principles"]["sections"]
             for item in section["items"]]
    open_assessment(page, site_url, "commissioning-principles")
    page.get_by_label("Your role (optional)").select_option(label="Provider")
    level(item_group(page, items[0]["title"]), "Embedded").check()
    expect(page.get_by_role("status").filter(has_text="Ready")).to_contain_text("storage is blocked or full")
    page.evaluate("() => { window.__obcFull = false; sessionStorage.setItem('freed', '1'); }")
    level(item_group(page, items[1]["title"]), "Developing").check()
    page.reload()
    # What was typed while storage was full is kept too, not only the answer given after space was freed.
    expect(page.get_by_label("Your role (optional)")).to_have_value("provider")
    expect(level(item_group(page, items[0]["title"]), "Embedded")).to_be_checked()
    expect(level(item_group(page, items[1]["title"]), "Developing")).to_be_checked()


def test_saved_answers_from_an_older_version_load_what_still_matches(page: Page, site_url: str,
                                                                     site_definitions: dict[str, Any],
                                                                     site_definition_json: dict[str, str]) -> None:
    aid = "commissioning-principles"
    items = [item for section in site_definitions[aid]["sections"] for item in section["items"]]
    old = blank(site_definitions[aid])
    old["assessment_version"] = "0.9"
    old["answers"] = {items[0]["id"]: {"level": 3, "note": "Still here"},
                      "retired-principle": {"level": 2, "note": "Gone since"},
                      f"{items[1]['id']}-old-name": {"level": 1, "note": "Renamed since"}}
    old["plan"] = {f"{items[1]['id']}-old-name": {"action": "Renamed since"}}
    text = json.dumps(old)
    expected = json.loads(api.form_values_migrating(site_definition_json[aid], text))
    assert expected["dropped"] == ["retired-principle", f"{items[1]['id']}-old-name"]
    page.goto(site_url)
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [f"obc-assess:{aid}", text])
    open_assessment(page, site_url, aid)
    notice = page.locator(".obc-notice")
    expect(notice).to_have_text(expected["notice"])
    expect(notice).to_contain_text("retired-principle (answer)")
    expect(notice).to_contain_text(f"{items[1]['id']}-old-name (answer and action plan)")
    expect(level(item_group(page, items[0]["title"]), "Embedded")).to_be_checked()
    expect(item_group(page, items[0]["title"]).get_by_label(re.compile(r"^Evidence or note"))).to_have_value(
        "Still here")
    expect(page.get_by_role("region", name="Your results")).to_be_visible()
    # Brought into this version by Python (what is left out named above), the old copy is no longer held apart;
    # what the page saves is for this version.
    doc = wait_saved(page, aid, lambda d: d["assessment_version"] == site_definitions[aid]["version"])
    assert doc["answers"][items[0]["id"]] == {"level": 3, "note": "Still here"}
    assert page.evaluate("(key) => localStorage.getItem(key)", f"obc-assess:{aid}:migrating") is None
    level(item_group(page, items[1]["title"]), "Developing").check()
    doc = wait_saved(page, aid, lambda d: d["answers"].get(items[1]["id"], {}).get("level") == 1)
    assert doc["assessment_version"] == site_definitions[aid]["version"]
    assert set(doc["answers"]) == {item["id"] for item in items}


# ---- Hostile files --------------------------------------------------------------------------------------------


def test_every_corpus_file_is_refused_or_accepted_and_the_page_carries_on(page: Page, site_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_assessment(page, site_url, "procurement-review")
    page.on("dialog", lambda dialog: dialog.accept())  # each import replaces the last one's answers: yes
    file_input = page.get_by_label("Continue from an exported answers file")
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    status = page.locator("[data-obc-status]")
    for case in CORPUS:
        lines = case.with_suffix(".expect").read_text(encoding="utf-8").splitlines()
        file_input.set_input_files(case)
        if lines[-1] == "exit 0":
            expect(status).to_have_text(f"Answers imported from {case.name}. {READY}")
            expect(summary).to_be_hidden()
            continue
        expect(summary).to_contain_text(f"{case.name}: ")
        expect(summary).to_be_focused()
        try:
            ours = json.loads(case.read_bytes().decode("utf-8-sig")).get("assessment") == "procurement-review"
        except (ValueError, AttributeError, RecursionError):
            ours = True  # not JSON, or not an object: the same problem whichever assessment
        if ours:  # the command line's own lines (another assessment's file is refused for that instead)
            text = summary.inner_text().lower()
            for line in lines[:-1]:
                assert line.replace("FILE", case.name, 1).lower() in text, (case.name, line)
    # Still answering: a change is scored.
    page.get_by_label(re.compile(r"^Model 1:")).check()
    expect(page.get_by_role("region", name="Your results").get_by_text(re.compile(r"^Overall score:"))).to_be_visible()
    expect(status).to_contain_text(READY)
    assert errors == []


# ---- Content-Security-Policy ---------------------------------------------------------------------------------

WATCH_CSP = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI} in ${e.sourceFile}:${e.lineNumber}`));"""


def _watch(context: BrowserContext) -> list[str]:
    """Console messages (the page's and its workers') that speak of the Content-Security-Policy."""
    seen: list[str] = []
    context.add_init_script(WATCH_CSP)

    def console(message: Any) -> None:
        if re.search(r"content security policy|content-security-policy|wasm instantiation", message.text, re.I):
            seen.append(message.text)

    def page(p: Page) -> None:
        p.on("console", console)
        p.on("worker", lambda worker: worker.on("console", console))

    context.on("page", page)
    return seen


def test_no_csp_violation_while_python_loads_and_scores(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    seen = _watch(context)
    try:
        page = context.new_page()
        for path in ("", "guidance/framework-standards/"):
            page.goto(f"{site_url}{path}")
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            assert page.evaluate("window.__cspViolations") == [], path
        open_assessment(page, site_url, "commissioning-principles")
        answer_first_principle(page)
        expect(page.get_by_role("region", name="Your results")).to_be_visible()
        open_team(page, site_url, "commissioning-principles")
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") or ""
        assert "'wasm-unsafe-eval'" in policy and "'unsafe-eval'" not in policy.replace("'wasm-unsafe-eval'", "")
        assert page.evaluate("window.__cspViolations") == []
        assert seen == []
    finally:
        context.close()


def _serve_worker_with(page: Page, policy: str) -> None:
    """Serve obc-worker.js with the policy as an HTTP header. A <meta> policy binds the page only: a worker
    takes its policy from its own script's response (GitHub Pages sends none), so this is how the site's
    policy would reach the worker, where Pyodide runs."""

    def add_header(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    page.route(re.compile(r"/assets/obc-worker\.js$"), add_header)


def test_pyodide_in_the_worker_needs_only_wasm_unsafe_eval(browser: Browser, site_url: str,
                                                           built_site: Path) -> None:
    page_html = (built_site / "assessments" / "commissioning-principles" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page_html)
    assert found, "no Content-Security-Policy on the page"
    # The site's own policy (without the page's inline-script hashes) on the worker: Python loads and scores.
    worker_policy = re.sub(r" 'sha256-[^']+'", "", html.unescape(found.group(1)))
    context = browser.new_context()
    seen = _watch(context)
    try:
        page = context.new_page()
        _serve_worker_with(page, worker_policy)
        open_assessment(page, site_url, "commissioning-principles")
        answer_first_principle(page)
        expect(page.get_by_role("region", name="Your results")).to_be_visible()
        assert seen == []
    finally:
        context.close()
    # Without 'wasm-unsafe-eval' it cannot: the policy does reach the worker, and this is what it refuses.
    context = browser.new_context()
    seen = _watch(context)
    try:
        page = context.new_page()
        _serve_worker_with(page, worker_policy.replace(" 'wasm-unsafe-eval'", ""))
        page.goto(f"{site_url}assessments/commissioning-principles/")
        refused = [text for text in seen if "WebAssembly" in text and "Content Security policy" in text]
        deadline = time.monotonic() + READY_TIMEOUT_MS / 1000
        while not refused and time.monotonic() < deadline:
            page.wait_for_timeout(200)
            refused = [text for text in seen if "WebAssembly" in text and "Content Security policy" in text]
        assert refused, seen
        assert "'unsafe-eval' is not an allowed source of script" in refused[0]
        # Pyodide then never settles (it does not reject): the page stays "Still loading", never "Ready".
        expect(page.locator("[data-obc-status]")).not_to_have_text(READY)
    finally:
        context.close()


def test_the_worker_loads_only_this_sites_runtime(page: Page, site_url: str) -> None:
    # Issue 35, failure 11: the page's <meta> policy does not bind a worker, and GitHub Pages sends no header that
    # would; a worker told to load another origin's runtime tried the import. It now refuses before fetching.
    page.goto(site_url)
    outside = "http://localhost:9/pyodide/"
    message = page.evaluate("""([root, outside]) => new Promise((resolve) => {
        const worker = new Worker(new URL("assets/obc-worker.js", root), {type: "module"});
        worker.onmessage = (event) => { resolve(event.data); worker.terminate(); };
        worker.postMessage({type: "init", runtime: outside, package: new URL("assets/obc/x.zip", root).href});
    })""", [site_url, outside])
    assert message == {"type": "failed", "message": f"obc: the worker refuses to load its runtime from {outside}: "
                                                    "only this site's own files are loaded."}
