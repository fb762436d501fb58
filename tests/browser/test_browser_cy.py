"""The Welsh site (/cy/) in the browser, used as a person would: the same answers score the same in Welsh and
in English, files saved in one language open in the other, the team tools work in Welsh, and the printout
carries no English interface words.

The Welsh data texts are still being written (some read "CY-TODO ..."), and the templates' Welsh words are the
translators' to change: so the tests read each label from the built Welsh definition JSON or from the page's
own label for a control, never a copy of the data text. The browser modules' words are asserted exactly, from
messages/cy/browser.json.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import READY_TIMEOUT_MS, form_fields, item_group, level
from playwright.sync_api import Browser, Locator, Page, expect
from test_browser_team import payload, rated

from obc_assess.core import api, catalogue
from obc_assess.host.building import build_all
from obc_assess.host.loader import load_data

pytestmark = pytest.mark.browser

LANGS = ("en", "cy")
PERCENT = re.compile(r"\d+(?:\.\d+)?%")


def words(lang: str, key: str, **fields: object) -> str:
    """A browser module's words in a language, as the page's #obc-words block carries them."""
    return catalogue.text(lang, f"browser.{key}", **fields)


def prefix(lang: str) -> str:
    return "cy/" if lang == "cy" else ""


@pytest.fixture(scope="session")
def definition_texts(built_site: Path) -> dict[str, dict[str, str]]:
    """Each language's definition JSON texts, by assessment id, as the site serves them (site/ and site/cy/)."""
    out: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        folder = built_site / prefix(lang) / "assets" / "obc"
        texts = {}
        for path in folder.glob("*.json"):
            text = path.read_text(encoding="utf-8")
            doc = json.loads(text)
            if isinstance(doc, dict) and "sections" in doc:
                texts[doc["id"]] = text
        assert texts, f"no assessment definitions in {folder}"
        out[lang] = texts
    return out


def definition(texts: dict[str, dict[str, str]], lang: str, assessment_id: str) -> dict[str, Any]:
    return dict(json.loads(texts[lang][assessment_id]))


@pytest.fixture
def pages(browser: Browser) -> Iterator[dict[str, Page]]:
    """A page in each language, each in its own browser (nothing saved in one is in the other)."""
    contexts = {lang: browser.new_context(accept_downloads=True) for lang in LANGS}
    try:
        yield {lang: context.new_page() for lang, context in contexts.items()}
    finally:
        for context in contexts.values():
            context.close()


def open_page(page: Page, site_url: str, lang: str, path: str, ready_key: str = "assessment.ready") -> None:
    page.goto(f"{site_url}{prefix(lang)}{path}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("[data-obc-status]")).to_contain_text(words(lang, ready_key), timeout=READY_TIMEOUT_MS)


def labelled(scope: Page | Locator, selector: str) -> Locator:
    """A control by its label's text, read from the page: what a person sees next to it, in the page's language."""
    text = scope.locator(selector).first.evaluate("el => el.labels[0].innerText")
    return scope.get_by_label(text.strip(), exact=True)


def button(scope: Page | Locator, selector: str) -> Locator:
    """A button by the name the page gives it, in the page's language."""
    return scope.get_by_role("button", name=scope.locator(f"{selector}:visible").first.inner_text().strip(), exact=True)


# ---- One set of answers, typed by label in each language ----

def answer_maturity(page: Page, d: dict[str, Any]) -> None:
    """Every core item, each on its own scale, by the level's label inside the item's own group of answers."""
    items = [item for section in d["sections"] for item in section["items"] if not item.get("optional")]
    for n, item in enumerate(items):
        levels = d["scales"][item["scale"]]["levels"]
        group = page.locator(f'input[name="item:{item["id"]}"]').first.locator("xpath=ancestor::fieldset[1]")
        level(group, levels[(n * 2 + 1) % len(levels)]["label"]).check()


def row(page: Page, n: int) -> Locator:
    return page.locator("[data-obc-row-list] > fieldset").nth(n)


def add_rows(page: Page, count: int) -> None:
    """At least count rows, added with the page's own Add button."""
    rows = page.locator("[data-obc-row-list] > fieldset")
    while rows.count() < count:
        before = rows.count()
        button(page, "[data-obc-add-row]").click()
        expect(rows).to_have_count(before + 1)


def answer_matrix(page: Page, d: dict[str, Any]) -> None:
    criteria = [item["title"] for section in d["sections"] for item in section["items"]]
    levels = [lv["label"] for lv in d["scale"]["levels"]]
    add_rows(page, 2)
    for n, name in enumerate(["Gofal cartref", "Ailalluogi"]):
        row(page, n).get_by_role("textbox").first.fill(name)
        for m, criterion in enumerate(criteria):
            group = row(page, n).get_by_role("group", name=criterion, exact=True)
            group.get_by_label(levels[(n + m) % len(levels)], exact=True).check()


def answer_classification(page: Page, d: dict[str, Any]) -> None:
    classes = [c["label"] for c in d["classification"]["classes"]]
    picks = [0, 3, 3, 5]
    add_rows(page, len(picks))
    for n, pick in enumerate(picks):
        row(page, n).get_by_role("textbox").first.fill(f"Mesur {n + 1}")
        row(page, n).get_by_label(classes[pick], exact=True).check()


# Every assessment the site offers, answered the same way in each language (issue 12: each Welsh assessment
# completed by label scores as the English one does).
ANSWER = {d["id"]: {"maturity": answer_maturity, "matrix": answer_matrix,
                    "classification": answer_classification}[d["kind"]] for d in build_all(load_data()).values()}


def headline(result: dict[str, Any]) -> float:
    """The figure a result leads with: the overall score, the first area's, or the share of outcomes."""
    if result.get("matrix"):
        return float(result["matrix"]["areas"][0]["percent"])
    if result.get("classification"):
        return float(result["classification"]["outcome_share"])
    return float(result["overall"]["percent"])


def results_figures(page: Page, result: dict[str, Any]) -> list[str]:
    """Every percentage in the results, in order, once they show Python's result for these answers."""
    body = page.locator("[data-obc-results-body]")
    expect(body).to_contain_text(f"{headline(result):g}%", timeout=READY_TIMEOUT_MS)
    # The last answers are scored a moment after they are given: the figures once they stop changing.
    shown = PERCENT.findall(body.inner_text())
    for _ in range(40):
        page.wait_for_timeout(500)
        now = PERCENT.findall(body.inner_text())
        if now == shown:
            return now
        shown = now
    pytest.fail("the results kept changing")


def evaluate(texts: dict[str, dict[str, str]], lang: str, assessment_id: str, page: Page) -> dict[str, Any]:
    """Python's result for what the page's form holds now (the same call as the worker makes)."""
    fields = form_fields(page)
    return dict(json.loads(api.evaluate_form(texts[lang][assessment_id], json.dumps(fields)))["result"])


def restored_fields(page: Page, want: dict[str, str]) -> dict[str, str]:
    """The form's fields once the answers saved in the other language are back in it (or as they ended)."""
    fields = form_fields(page)
    for _ in range(40):
        if fields == want:
            break
        page.wait_for_timeout(250)
        fields = form_fields(page)
    return fields


# The longest assessments are answered by label in Welsh only, and the English page then opens on the answers
# the Welsh page saved (the same browser: they are saved by assessment, not by language): the same answers,
# scored in both languages, without typing 40 to 59 answers twice. The shorter ones are answered by label in each.
BY_LABEL_IN_BOTH = 30  # core items at most


def core_items(d: dict[str, Any]) -> int:
    return sum(1 for section in d["sections"] for item in section["items"] if not item.get("optional"))


@pytest.mark.parametrize("assessment_id", list(ANSWER))
def test_the_same_answers_score_the_same_in_welsh_and_english(pages: dict[str, Page], site_url: str,
                                                              definition_texts: dict[str, dict[str, str]],
                                                              assessment_id: str) -> None:
    figures = {}
    results = {}
    fields = {}
    shown = {}
    both = core_items(definition(definition_texts, "en", assessment_id)) <= BY_LABEL_IN_BOTH
    for lang in ("cy", "en"):
        page = pages[lang] if both else pages["cy"]
        open_page(page, site_url, lang, f"assessments/{assessment_id}/")
        if lang == "cy" or both:
            ANSWER[assessment_id](page, definition(definition_texts, lang, assessment_id))
            fields[lang] = form_fields(page)
        else:
            fields[lang] = restored_fields(page, fields["cy"])
            assert fields["en"] == fields["cy"], "the English page did not open on the answers given in Welsh"
        results[lang] = evaluate(definition_texts, lang, assessment_id, page)
        figures[lang] = results_figures(page, results[lang])
        shown[lang] = page.locator("[data-obc-results-body]").inner_text()
    assert headline(results["cy"]) == headline(results["en"])
    assert results["cy"]["overall"]["percent"] == results["en"]["overall"]["percent"]
    assert figures["cy"] == figures["en"] and len(figures["cy"]) > 1
    # The Welsh page's bar chart is worded in Welsh (words.mjs), not in English.
    assert words("en", "chart.no-score") not in shown["cy"]


def test_a_problem_is_shown_in_welsh(page: Page, site_url: str,
                                     definition_texts: dict[str, dict[str, str]]) -> None:
    open_page(page, site_url, "cy", f"assessments/{AID}/")
    date = page.locator("fieldset#assessment-date")
    for box, value in (("day", "10"), ("month", "3"), ("year", "32025")):
        labelled(date, f"[name='assessment-date:{box}']").fill(value)
    labelled(date, "[name='assessment-date:year']").press("Tab")
    fields = {"assessment-date:day": "10", "assessment-date:month": "3", "assessment-date:year": "32025"}
    answer = json.loads(api.evaluate_form(definition_texts["cy"][AID], json.dumps(fields)))
    (problem,) = [p for p in answer["problems"] if p["field"] == "assessment-date"]
    message = problem["message"][:1].upper() + problem["message"][1:]
    expect(date.locator(".obc-error-message")).to_have_text(f"{words('cy', 'problems.error')} {message}")


# ---- Files are language-neutral ----

AID = "commissioning-principles"


def items_of(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for section in d["sections"] for item in section["items"]]


def test_an_answers_file_saved_in_welsh_opens_in_english(pages: dict[str, Page], site_url: str,
                                                         definition_texts: dict[str, dict[str, str]],
                                                         tmp_path: Path) -> None:
    cy_def, en_def = (definition(definition_texts, lang, AID) for lang in ("cy", "en"))
    cy, en = pages["cy"], pages["en"]
    open_page(cy, site_url, "cy", f"assessments/{AID}/")
    first, second = items_of(cy_def)[:2]
    level(item_group(cy, first["title"]), cy_def["scale"]["levels"][3]["label"]).check()
    level(item_group(cy, second["title"]), cy_def["scale"]["levels"][1]["label"]).check()
    expect(cy.locator("[data-obc-results-body]")).not_to_be_empty(timeout=READY_TIMEOUT_MS)
    with cy.expect_download() as download:
        button(cy, "[data-obc-export]").click()
    name = download.value.suggested_filename
    assert re.fullmatch(rf"{AID}-\d{{4}}-\d{{2}}-\d{{2}}-{words('cy', 'file.answers')}\.json", name), name
    saved = tmp_path / name
    download.value.save_as(saved)
    doc = json.loads(saved.read_text(encoding="utf-8"))
    # Ids and level numbers, not labels: nothing in it is Welsh or English.
    assert doc["answers"][first["id"]]["level"] == 3 and doc["answers"][second["id"]]["level"] == 1

    open_page(en, site_url, "en", f"assessments/{AID}/")
    labelled(en, "[data-obc-import]").set_input_files(saved)
    en_first, en_second = items_of(en_def)[:2]
    expect(level(item_group(en, en_first["title"]), en_def["scale"]["levels"][3]["label"])).to_be_checked()
    expect(level(item_group(en, en_second["title"]), en_def["scale"]["levels"][1]["label"])).to_be_checked()
    expect(en.locator("[data-obc-status]")).to_contain_text(words("en", "assessment.imported", name=name))


def test_a_form_copy_saved_in_welsh_without_python_opens_in_welsh_and_english(
        browser: Browser, site_url: str, definition_texts: dict[str, dict[str, str]], tmp_path: Path) -> None:
    saved = None
    for lang in ("cy", "cy", "en"):
        context = browser.new_context(accept_downloads=True)
        try:
            page = context.new_page()
            page.route("**/*.wasm", lambda route: route.abort())  # a proxy that blocks WebAssembly: no Python
            page.goto(f"{site_url}{prefix(lang)}assessments/{AID}/")
            status = page.locator("[data-obc-status]")
            # A refused .wasm is named at once (issue 31), in the page's language; the page goes on without Python.
            expect(status).to_have_text(re.compile("^" + re.escape(words(lang, "status.failed"))))
            d = definition(definition_texts, lang, AID)
            first = items_of(d)[0]
            choice = level(item_group(page, first["title"]), d["scale"]["levels"][2]["label"])
            if saved is None:
                choice.check()
                with page.expect_download() as download:
                    button(page, "[data-obc-export]").click()
                expect(status).to_have_text(words("cy", "files.copy-saved"))
                saved = tmp_path / download.value.suggested_filename
                download.value.save_as(saved)
                assert json.loads(saved.read_text(encoding="utf-8"))["format"] == "obc-assess/form-copy"
            else:
                expect(choice).not_to_be_checked()
                labelled(page, "[data-obc-import]").set_input_files(saved)
                expect(choice).to_be_checked()
                expect(status).to_have_text(words(lang, "assessment.imported", name=saved.name))
        finally:
            context.close()


# ---- The team page in Welsh ----

def test_merge_and_compare_on_the_welsh_team_page(page: Page, site_url: str,
                                                  definition_texts: dict[str, dict[str, str]]) -> None:
    files = two_files(definition_texts)
    texts = json.dumps([{"name": f["name"], "text": f["buffer"].decode("utf-8")} for f in files])
    merged = json.loads(api.aggregate_json(definition_texts["cy"][AID], texts))["result"]
    open_page(page, site_url, "cy", f"assessments/team/{AID}/", "team.ready")
    status = page.locator("[data-obc-status]")

    labelled(page, "[data-obc-merge-files]").set_input_files(files)
    expect(page.locator("[data-obc-chosen-count]")).to_have_text(words("cy", "merge.chosen", count=2))
    expect(status).to_have_text(merged["summary"])
    merge = page.locator("[data-obc-merge-results]")
    people = merge.get_by_role("table", name=words("cy", "team.respondents"), exact=True)
    for person in merged["respondents"]:
        expect(people.get_by_role("row", name=re.compile("^" + person["name"]))).to_contain_text(
            f"{person['percent']:g}%")
    expect(merge.get_by_role("table", name=words("cy", "team.sections-caption"), exact=True)).to_be_visible()

    labelled(page, "[data-obc-compare-before]").set_input_files(files[0])
    expect(status).to_have_text(words("cy", "compare.choose-later"))
    labelled(page, "[data-obc-compare-after]").set_input_files(files[1])
    compared = json.loads(api.compare_json(definition_texts["cy"][AID], *(f["buffer"].decode() for f in files)))
    result = compared["result"]
    region = page.locator("[data-obc-compare-results]")
    expect(region).to_be_visible()
    warned = len(result["warnings"])
    key = "compare.done-warnings" if warned > 1 else "compare.done-one-warning" if warned else "compare.done"
    expect(status).to_have_text(words("cy", key, before="ann.json", after="bob.json", count=warned))
    table = region.get_by_role("table", name=words("cy", "compare.items-caption"), exact=True)
    expect(table.locator("tbody tr")).to_have_count(len(result["items"]))
    expect(table.locator("thead")).to_contain_text(words("cy", "compare.movement"))
    for key, listed in (("improved", "compare.improved"), ("slipped", "compare.slipped")):
        if result[key]:
            expect(region.get_by_role("heading", name=f"{words('cy', listed)} ({len(result[key])})")).to_be_visible()


# ---- The printout ----

def english_words(lang_words: dict[str, str], welsh: dict[str, str]) -> set[str]:
    """The English interface phrases a Welsh page must not show: each text's parts between its {fields}, of two
    words or more, where the Welsh text differs."""
    phrases = set()
    for key, text in lang_words.items():
        if welsh.get(key) == text:
            continue
        for piece in re.split(r"\{[a-z_-]+\}", text):
            piece = piece.strip(" .,:;()")
            if len(piece) >= 10 and " " in piece:
                phrases.add(piece)
    return phrases


def two_files(texts: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    d = definition(texts, "cy", AID)
    return [payload("ann.json", rated(d, "Ann", "commissioner", [0, 1, 3])),
            payload("bob.json", rated(d, "Bob", "provider", [3, 2, 1]))]


@pytest.mark.parametrize("where", ["assessment", "team"])
def test_the_welsh_printout_has_no_english_interface_words(page: Page, site_url: str,
                                                           definition_texts: dict[str, dict[str, str]],
                                                           where: str) -> None:
    if where == "assessment":
        open_page(page, site_url, "cy", f"assessments/{AID}/")
        answer_maturity(page, definition(definition_texts, "cy", AID))
        expect(page.locator("[data-obc-results-body]")).not_to_be_empty(timeout=READY_TIMEOUT_MS)
    else:
        open_page(page, site_url, "cy", f"assessments/team/{AID}/", "team.ready")
        labelled(page, "[data-obc-merge-files]").set_input_files(two_files(definition_texts))
        expect(page.locator("[data-obc-merge-results]")).to_be_visible()
    page.emulate_media(media="print")
    page.pdf()  # printing: the page's beforeprint work is done
    printed = page.locator("[data-obc-printed]").first
    expect(printed).to_have_text(re.compile(r"^Argraffwyd ar \d{1,2} \w+ \d{4}\.$"))
    # What the paper shows, leaving out quotations marked as English (and the data's untranslated placeholders).
    text = page.evaluate("""() => {
        for (const $el of document.body.querySelectorAll('[lang="en"]')) $el.hidden = true;
        return document.body.innerText; }""")
    shown = "\n".join(line for line in text.splitlines() if "CY-TODO" not in line)
    english, welsh = catalogue.catalogue("en"), catalogue.catalogue("cy")
    found = sorted(p for p in english_words(english, welsh) if p in shown)
    assert found == [], f"English interface words on the Welsh printout: {found}"
    assert len(english_words(english, welsh)) > 50  # the check has English words to look for
