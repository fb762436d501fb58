"""The team and progress pages: several people's answers merged, two files compared over time, all in the
browser and the same as obc_assess.core.api gives for the same files."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import READY_TIMEOUT_MS, open_team
from playwright.sync_api import Browser, Locator, Page, expect

from obc_assess.core import api
from obc_assess.core.responses import role_label

pytestmark = pytest.mark.browser

def payload(name: str, doc: object) -> dict[str, Any]:
    """A file for set_input_files: a document as JSON, or text as it is."""
    text = doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False)
    return {"name": name, "mimeType": "application/json", "buffer": text.encode("utf-8")}


def files_json(files: list[dict[str, Any]]) -> str:
    """The files as the page passes them to obc_assess.core.api."""
    return json.dumps([{"name": f["name"], "text": f["buffer"].decode("utf-8")} for f in files])


def blank(definition: dict[str, Any], model: int | None = 1) -> dict[str, Any]:
    return {"format": "obc-assess/responses", "format_version": 1, "assessment": definition["id"],
            "assessment_version": definition["version"], "context": {"model": model, "scope": None},
            "respondent": {"name": "", "role": ""}, "answers": {}}


def rated(definition: dict[str, Any], name: str, role: str, levels: list[Any]) -> dict[str, Any]:
    """A maturity document: the items' levels in form order, cycling through ``levels``."""
    doc = blank(definition)
    doc["respondent"] = {"name": name, "role": role}
    items = [item for section in definition["sections"] for item in section["items"]]
    doc["answers"] = {item["id"]: {"level": levels[n % len(levels)], "note": ""} for n, item in enumerate(items)}
    return doc


def pct(value: float | None) -> str:
    """A percent as the page writes it (as JavaScript writes a number: 58.0 is "58")."""
    if value is None:
        return "no score yet"
    return f"{int(value)}%" if float(value).is_integer() else f"{value}%"


def download(page: Page, button: Locator, path: Path) -> bytes:
    with page.expect_download() as info:
        button.click()
    info.value.save_as(path)
    return path.read_bytes()


def test_merge_team_responses(page: Page, site_url: str, site_definitions: dict[str, Any],
                              site_definition_json: dict[str, str], tmp_path: Path) -> None:
    definition = site_definitions["commissioning-principles"]
    unknown = rated(definition, "Dee", "other", [1])
    unknown["answers"]["not-an-item"] = {"level": 1, "note": ""}
    files = [payload("ann.json", rated(definition, "Ann", "commissioner", [0, 1, 3])),
             payload("bob.json", rated(definition, "Bob", "provider", [3, 2, 1])),
             payload("cy.json", rated(definition, "Cy", "person-using-services-or-carer", [2, "unknown", 2])),
             payload("dee.json", unknown), payload("broken.json", "{")]
    expected = json.loads(api.aggregate_json(site_definition_json["commissioning-principles"], files_json(files)))
    result = expected["result"]
    assert expected["ok"] and len(result["respondents"]) == 3 and result["disagreements"]

    open_team(page, site_url, "commissioning-principles")
    expect(page.get_by_text("nothing you choose here leaves your device")).to_be_visible()
    page.get_by_label("Answers files to merge").set_input_files(files)
    region = page.get_by_role("region", name="Team results")
    expect(region).to_be_visible()
    expect(page.locator("[data-obc-status]")).to_have_text("3 files merged; 2 left out (see Files left out).")
    # The files left out, each with what is wrong with it.
    left_out = region.locator(".obc-skipped")
    expect(left_out).to_contain_text("dee.json")
    expect(left_out).to_contain_text("answers.not-an-item: not an item of commissioning-principles; remove it")
    expect(left_out).to_contain_text("broken.json")
    expect(left_out).to_contain_text("Not valid JSON")

    # Each respondent's own overall score, and the team's mean.
    people = region.get_by_role("table", name="Respondents")
    for person in result["respondents"]:
        row = people.get_by_role("row", name=re.compile("^" + person["name"]))
        expect(row).to_contain_text(pct(person["percent"]))
        expect(row).to_contain_text(person["role_label"])
    expect(region.locator("[data-obc-overall]")).to_have_text(pct(result["overall"]["mean"]))
    # Sections: mean, median, range and each respondent's percent.
    sections = region.get_by_role("table", name="Score by section")
    for section in result["sections"]:
        row = sections.get_by_role("row", name=re.compile("^" + re.escape(section["title"])))
        expect(row).to_contain_text(pct(section["mean"]))
        for cell in section["percents"]:
            expect(row).to_contain_text(pct(cell["percent"]))
    # Where people disagree most, and the roles side by side.
    disagreements = region.locator(".obc-disagreements")
    for d in result["disagreements"]:
        # Named levels, not numbers, with who gave each end (Python's words).
        expect(disagreements).to_contain_text(f"{d['title']}: {d['text']}.")
        assert not re.search(r"from \d", d["text"])
    roles = region.get_by_role("table", name="By role")
    for role in ("commissioner", "provider", "person-using-services-or-carer"):
        expect(roles).to_contain_text(role_label(role))
    # Each item: every respondent's level.
    first = result["items"][0]
    items = region.get_by_role("table", name=re.compile("^Items in"))
    row = items.first.get_by_role("row", name=re.compile("^" + re.escape(first["title"][:20])))
    for cell in first["levels"]:
        expect(row).to_contain_text(cell["text"])
    expect(row).to_contain_text(first["agreement"]["label"])

    # Exports: the same bytes as obc_assess gives.
    # Exports: the same bytes as obc_assess gives (the CSV with a BOM for Excel; the JSON is the CLI's text).
    csv = download(page, region.get_by_role("button", name="Export team results (CSV)"), tmp_path / "team.csv")
    want = json.loads(api.aggregate_csv_json(site_definition_json["commissioning-principles"], files_json(files)))
    assert csv.startswith(b"\xef\xbb\xbf") and csv.decode("utf-8-sig") == want["csv"]
    merged = download(page, region.get_by_role("button", name="Export team results (JSON)"), tmp_path / "team.json")
    exported = json.loads(api.aggregate_export_json(site_definition_json["commissioning-principles"],
                                                    files_json(files)))
    assert merged == exported["json"].encode("utf-8") and json.loads(merged) == result

    # Anonymous: no names and no file names, in the view and in the export.
    page.get_by_label(re.compile("^Anonymous")).check()
    expect(people).to_contain_text("Respondent 3")
    expect(region).not_to_contain_text("Ann")
    expect(left_out).to_contain_text("File 4")
    expect(left_out).not_to_contain_text("dee.json")
    csv = download(page, region.get_by_role("button", name="Export team results (CSV)"), tmp_path / "anon.csv")
    assert "Ann" not in csv.decode("utf-8") and "Respondent 1" in csv.decode("utf-8")

    # Printed: the results, without the file controls or the buttons.
    page.emulate_media(media="print")
    page.pdf()
    expect(region.get_by_text(re.compile(r"^Printed on \d"))).to_be_visible()
    expect(page.get_by_label("Answers files to merge")).to_be_hidden()
    expect(region.get_by_role("button", name="Export team results (CSV)")).to_be_hidden()
    expect(people).to_be_visible()


def test_files_dropped_on_the_zone_are_merged(page: Page, site_url: str, site_definitions: dict[str, Any]) -> None:
    definition = site_definitions["procurement-review"]
    docs = [rated(definition, "Ann", "commissioner", [1, 2]), rated(definition, "Bob", "provider", [3])]
    open_team(page, site_url, "procurement-review")
    page.evaluate("""(docs) => {
        const transfer = new DataTransfer();
        docs.forEach((doc, n) => transfer.items.add(new File([JSON.stringify(doc)], `person-${n}.json`,
            {type: "application/json"})));
        const zone = document.querySelector("[data-obc-drop]");
        for (const type of ["dragenter", "dragover", "drop"]) {
            zone.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true}));
        }
    }""", docs)
    region = page.get_by_role("region", name="Team results")
    expect(region.get_by_role("table", name="Respondents")).to_contain_text("Bob")
    expect(page.locator("[data-obc-status]")).to_have_text("2 files merged.")


def test_an_unreadable_file_is_named_and_left_out_and_the_rest_merged(page: Page, site_url: str,
                                                                     site_definitions: dict[str, Any]) -> None:
    # Issue 35, failure 6: one non-UTF-8 file (or a renamed .docx) gave "No files were merged", naming no file.
    definition = site_definitions["procurement-review"]
    ann, bob = rated(definition, "Ann", "provider", [1]), rated(definition, "Bob", "provider", [3])
    first = next(iter(ann["answers"]))
    ann["answers"][first]["note"] = "caf\ufffd menu"  # U+FFFD, pasted from a mis-decoded email: text like any other
    latin = json.dumps(rated(definition, "Cy", "provider", [2]), ensure_ascii=False).replace('"Cy"', '"Cy\xe9"')
    files = [payload("ann.json", ann),
             {"name": "bob.json", "mimeType": "application/json",  # UTF-16 with its mark, as Notepad saves "Unicode"
              "buffer": b"\xff\xfe" + json.dumps(bob, ensure_ascii=False).encode("utf-16-le")},
             {"name": "cy.json", "mimeType": "application/json", "buffer": latin.encode("latin-1")},
             {"name": "report.json", "mimeType": "application/json", "buffer": b"PK\x03\x04" + bytes(range(256))}]
    open_team(page, site_url, "procurement-review")
    page.get_by_label("Answers files to merge").set_input_files(files)
    region = page.get_by_role("region", name="Team results")
    expect(page.locator("[data-obc-status]")).to_have_text("2 files merged; 2 left out (see Files left out).",
                                                           timeout=READY_TIMEOUT_MS)
    left_out = region.locator(".obc-skipped")
    expect(left_out).to_contain_text("cy.json")
    expect(left_out).to_contain_text("Not UTF-8 text; save the file as UTF-8")
    expect(left_out).to_contain_text("report.json")
    expect(left_out).to_contain_text("A zip file, such as a Word document, not an answers file")
    people = region.get_by_role("table", name="Respondents")
    expect(people).to_contain_text("Ann")
    expect(people).to_contain_text("Bob")
    expect(region).to_contain_text("caf\ufffd menu")
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_hidden()


def test_no_file_can_be_merged(page: Page, site_url: str, site_definitions: dict[str, Any]) -> None:
    open_team(page, site_url, "commissioning-principles")
    other = blank(site_definitions["measure-mix"])
    page.get_by_label("Answers files to merge").set_input_files([payload("mix.json", other),
                                                                 payload("empty.json", "")])
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("No file could be read as answers to this assessment")
    expect(summary).to_contain_text("mix.json: assessment:")
    expect(summary).to_contain_text("empty.json: not valid JSON")
    expect(page.get_by_role("region", name="Team results")).to_be_hidden()
    # Each line takes the keyboard user back to the file control.
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Answers files to merge")).to_be_focused()


def test_merge_service_areas_and_measures(page: Page, site_url: str, site_definitions: dict[str, Any],
                                         site_definition_json: dict[str, str]) -> None:
    matrix = site_definitions["review-priorities"]
    criteria = [item["id"] for section in matrix["sections"] for item in section["items"]]

    def areas(name: str, rows: list[tuple[str, int]]) -> dict[str, Any]:
        doc = blank(matrix)
        doc["respondent"]["name"] = name
        doc["answers"] = {"areas": [{"name": area, "levels": dict.fromkeys(criteria, level), "note": ""}
                                    for area, level in rows]}
        return doc

    ann = areas("Ann", [("Home care", 3), ("Reablement", 1)])
    # Issue 30: one "Strongly" and the rest "Don't know" is too little to rank, and the need is not shown.
    ann["answers"]["areas"].append({"name": "Guess", "levels": {criteria[0]: 3, **dict.fromkeys(criteria[1:],
                                                                                            "unknown")}, "note": ""})
    files = [payload("a.json", ann), payload("b.json", areas("Bob", [("home care", 2), ("Day services", 3)]))]
    expected = json.loads(api.aggregate_json(site_definition_json["review-priorities"], files_json(files)))
    open_team(page, site_url, "review-priorities")
    page.get_by_label("Answers files to merge").set_input_files(files)
    table = page.get_by_role("region", name="Team results").get_by_role("table", name=re.compile("team priority"))
    rows = table.locator("tbody tr")
    block = expected["result"]["matrix"]
    expect(rows).to_have_count(len(block["areas"]))
    for n, area in enumerate(block["areas"]):
        expect(rows.nth(n).get_by_role("rowheader")).to_have_text(area["name"])
        expect(rows.nth(n)).to_contain_text(pct(area["mean"]) if area["rank"] else block["unranked_label"])
        expect(rows.nth(n)).to_contain_text(area["flag"]["label"])
    assert (block["areas"][-1]["name"], block["areas"][-1]["rank"]) == ("Guess", None)
    expect(rows.last).to_contain_text("Not ranked")

    mix = site_definitions["measure-mix"]
    classes = [c["id"] for c in mix["classification"]["classes"]]

    def measures(name: str, picks: list[str]) -> dict[str, Any]:
        doc = blank(mix)
        doc["respondent"]["name"] = name
        doc["answers"] = {"measures": [{"name": f"{name} measure {n}", "class": c, "note": ""}
                                       for n, c in enumerate(picks)]}
        return doc

    files = [payload("a.json", measures("Ann", classes[:3])), payload("b.json", measures("Bob", classes[-2:]))]
    expected = json.loads(api.aggregate_json(site_definition_json["measure-mix"], files_json(files)))
    open_team(page, site_url, "measure-mix")
    page.get_by_label("Answers files to merge").set_input_files(files)
    region = page.get_by_role("region", name="Team results")
    expect(region.get_by_role("heading", name="Combined mix")).to_be_visible()
    share = expected["result"]["classification"]["outcome_share"]
    expect(region.locator("[data-obc-overall]")).to_have_text(pct(share))
    table = region.get_by_role("table", name="Everyone's measures by category")
    for c in expected["result"]["classification"]["classes"]:
        expect(table.get_by_role("row", name=re.compile("^" + re.escape(c["label"])))).to_contain_text(str(c["count"]))


def test_compare_over_time_reports_what_the_assessment_changed(page: Page, site_url: str,
                                                               site_definitions: dict[str, Any],
                                                               site_definition_json: dict[str, str],
                                                               tmp_path: Path) -> None:
    definition = site_definitions["commissioning-principles"]
    items = [item for section in definition["sections"] for item in section["items"]]
    before = rated(definition, "Team", "commissioner", [1, 2, 0])
    before["assessment_version"] = "0.9"
    del before["answers"][items[-1]["id"]]  # an item added since: new
    before["answers"]["retired-item"] = {"level": 2, "note": ""}  # an item taken out since: reported
    after = rated(definition, "Team", "commissioner", [2, 2, 0])
    files = [payload("2024.json", before), payload("2025.json", after)]
    expected = json.loads(api.compare_json(site_definition_json["commissioning-principles"],
                                           *(f["buffer"].decode() for f in files)))
    result = expected["result"]
    assert expected["ok"] and result["removed"] and result["new"] and result["improved"]

    open_team(page, site_url, "commissioning-principles")
    page.get_by_label("Baseline: the earlier answers file").set_input_files(files[0])
    expect(page.locator("[data-obc-status]")).to_have_text("Now choose the later file.")
    page.get_by_label("Later: the answers file to compare with it").set_input_files(files[1])
    region = page.get_by_role("region", name="Progress over time")
    expect(region).to_be_visible()
    overall = result["overall"]
    expect(region.locator(".obc-overall-score")).to_have_text(
        f"Before {pct(overall['before'])}, after {pct(overall['after'])}: change +{overall['change']:g} points.")
    titles = {item["id"]: item["title"] for item in items}
    for key in ("improved", "unchanged", "new"):
        listed = region.locator(f"[data-obc-list={key}] li")
        expect(listed).to_have_text([titles[i] for i in result[key]])
    expect(region.locator("[data-obc-list=slipped]")).to_have_count(0)
    removed = region.locator(".obc-removed")
    expect(removed).to_contain_text("No longer in the assessment")
    expect(removed).to_contain_text("retired-item (answer in the baseline file)")
    expect(region).to_contain_text(f"The assessment is now version {definition['version']}")
    table = region.get_by_role("table", name="Each item, before and after")
    expect(table.locator("tbody tr")).to_have_count(len(result["items"]))

    csv = download(page, region.get_by_role("button", name="Export comparison (CSV)"), tmp_path / "c.csv")
    want = json.loads(api.compare_csv_json(site_definition_json["commissioning-principles"],
                                           *(f["buffer"].decode() for f in files)))
    assert csv.decode("utf-8-sig") == want["csv"]

    # A later file for another assessment: the problem, named by the file, and the later file's control.
    page.get_by_label("Later: the answers file to compare with it").set_input_files(
        payload("mix.json", blank(site_definitions["measure-mix"])))
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Later file (mix.json): assessment:")
    expect(region).to_be_hidden()
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Later: the answers file to compare with it")).to_be_focused()


def test_compare_warns_when_files_are_from_different_people(page: Page, site_url: str,
                                                              site_definitions: dict[str, Any]) -> None:
    definition = site_definitions["procurement-review"]
    ann = rated(definition, "Ann", "commissioner", [1])
    ann["saved_at"] = "2026-03-02T10:00:00Z"
    bob = rated(definition, "Bob", "commissioner", [2])
    bob["saved_at"] = "2026-02-01T10:00:00Z"
    open_team(page, site_url, "procurement-review")
    page.get_by_label("Baseline: the earlier answers file").set_input_files(payload("ann.json", ann))
    page.get_by_label("Later: the answers file to compare with it").set_input_files(payload("bob.json", bob))
    region = page.get_by_role("region", name="Progress over time")
    warnings = region.locator(".obc-compare-warnings")
    expect(warnings).to_contain_text("These files are from different people: Ann (baseline) and Bob (later file).")
    expect(warnings).to_contain_text("The baseline is dated 2 March 2026, after the later file (1 February 2026)")
    # Both files' dates, next to who answered them.
    expect(region.get_by_text("ann.json: answered by Ann (Commissioner), saved on 2 March 2026")).to_be_visible()
    expect(region.get_by_text("bob.json: answered by Bob (Commissioner), saved on 1 February 2026")).to_be_visible()
    expect(page.locator("[data-obc-status]")).to_contain_text("2 warnings: see Check these files.")
    # The same person, in order: no warning.
    later = rated(definition, "Ann", "commissioner", [2])
    later["saved_at"] = "2026-04-01T10:00:00Z"
    page.get_by_label("Later: the answers file to compare with it").set_input_files(payload("ann-2.json", later))
    expect(region.get_by_text("ann-2.json: answered by Ann (Commissioner), saved on 1 April 2026")).to_be_visible()
    expect(region.locator(".obc-compare-warnings")).to_have_count(0)


def test_merge_keeps_notes_and_plans_with_who_wrote_them(page: Page, site_url: str,
                                                          site_definitions: dict[str, Any]) -> None:
    definition = site_definitions["procurement-review"]
    first = definition["sections"][0]["items"][0]
    ann = rated(definition, "Ann", "commissioner", [1])
    ann["answers"][first["id"]]["note"] = "Board minutes show it"
    ann["plan"] = {first["id"]: {"action": "Write terms of reference", "owner": "Ann", "due": "2026-03-31",
                                 "target": 2}}
    bob = rated(definition, "Bob", "provider", [2])
    bob["answers"][first["id"]]["note"] = "We were not asked"
    open_team(page, site_url, "procurement-review")
    page.get_by_label("Answers files to merge").set_input_files([payload("ann.json", ann), payload("bob.json", bob)])
    notes = page.get_by_role("region", name="Team results").locator(".obc-team-notes")
    expect(notes.get_by_role("heading", name=first["title"])).to_be_visible()
    expect(notes).to_contain_text("Note from Ann: Board minutes show it")
    expect(notes).to_contain_text("Note from Bob: We were not asked")
    expect(notes).to_contain_text(
        "Plan from Ann: Write terms of reference; owner Ann; due 31 March 2026; target Established")


def test_files_chosen_later_are_added_to_the_merge(page: Page, site_url: str,
                                                   site_definitions: dict[str, Any]) -> None:
    definition = site_definitions["procurement-review"]
    ann, bob = rated(definition, "Ann", "provider", [1]), rated(definition, "Bob", "provider", [3])
    cy = rated(definition, "Cy", "commissioner", [2])
    open_team(page, site_url, "procurement-review")
    control = page.get_by_label("Answers files to merge")
    control.set_input_files(payload("ann.json", ann))
    status = page.locator("[data-obc-status]")
    expect(status).to_have_text("1 file merged.")
    control.set_input_files([payload("bob.json", bob), payload("cy.json", cy)])
    expect(status).to_have_text("3 files merged.")
    people = page.get_by_role("region", name="Team results").get_by_role("table", name="Respondents")
    for name in ("Ann", "Bob", "Cy"):
        expect(people).to_contain_text(name)
    control.set_input_files(payload("ann.json", ann))  # the same file again: Python names it and counts it once
    expect(page.get_by_text("4 files chosen.")).to_be_visible()
    expect(status).to_have_text("3 files merged; 1 left out (see Files left out).", timeout=READY_TIMEOUT_MS)
    expect(page.locator(".obc-skipped")).to_contain_text("The same answers as another file (ann.json), so counted once")
    # Anonymous: Cy is the only commissioner, so that role is not shown.
    page.get_by_label(re.compile("^Anonymous")).check()
    expect(people.get_by_role("row", name=re.compile("^Respondent 3"))).to_contain_text("Not shown")
    expect(people).not_to_contain_text("Commissioner")
    roles = page.get_by_role("table", name="By role")
    expect(roles).not_to_contain_text("Commissioner")
    expect(roles).to_contain_text("Provider")
    page.get_by_role("button", name="Remove all files and start again").click()
    expect(page.get_by_role("region", name="Team results")).to_be_hidden()
    expect(control).to_be_focused()


def test_team_page_without_javascript_explains_the_command_line(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}assessments/team/procurement-review/")
        note = page.locator(".obc-nojs")
        expect(note).to_be_visible()
        expect(note).to_contain_text("obc-assess aggregate")
        expect(note).to_contain_text("obc-assess compare")
        expect(page.get_by_label("Answers files to merge")).to_be_hidden()
        expect(page.get_by_text("nothing you choose here leaves your device")).to_be_visible()
        note.get_by_role("link", name="responses file format").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Responses file format"))
    finally:
        context.close()


def test_assessment_page_links_to_its_team_page(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}assessments/procurement-review/")
    page.get_by_role("link", name="merge your team's answers, or compare them over time").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Procurement review: team and progress"))
    expect(page.get_by_role("navigation", name="Team and progress")).to_be_attached()


def test_team_page_has_no_wcag_violations(page: Page, site_url: str, site_definitions: dict[str, Any]) -> None:
    from test_browser_pages import _axe, _explain

    definition = site_definitions["commissioning-principles"]
    open_team(page, site_url, "commissioning-principles")
    people = [rated(definition, f"Person {n}", role, [n, 3 - n, "unknown"])
              for n, role in enumerate(["commissioner", "provider", "other", "", "commissioner", "provider"])]
    page.get_by_label("Answers files to merge").set_input_files(
        [payload(f"p{n}.json", doc) for n, doc in enumerate(people)] + [payload("bad.json", "[]")])
    expect(page.get_by_role("region", name="Team results")).to_be_visible()
    page.get_by_label("Baseline: the earlier answers file").set_input_files(payload("a.json", people[0]))
    page.get_by_label("Later: the answers file to compare with it").set_input_files(payload("b.json", people[1]))
    expect(page.get_by_role("region", name="Progress over time")).to_be_visible()
    report = _explain(_axe(page))
    assert not report, f"axe-core found WCAG violations on the team page:\n{report}"
