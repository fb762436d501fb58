"""Issue 14 follow-through, driven by the real data: format 3 validation, evidence in the result, carry forward,
compare over time's actions, the form's new fields and the reports read back with python-docx."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from obc_assess.core import api
from obc_assess.core.carry import carry_forward
from obc_assess.core.compare import compare
from obc_assess.core.form import from_form, to_form
from obc_assess.core.render import plan_csv
from obc_assess.core.report import result_docx, to_markdown
from obc_assess.core.report_compare import compare_docx
from obc_assess.core.responses import validate
from obc_assess.core.scoring import score
from obc_assess.host import cli
from obc_assess.host.building import build
from obc_assess.host.loader import Data, load_data

FILES = Path(__file__).parent / "followup"
AID = "procurement-review"
REAL = load_data()
DEFINITION = build(REAL, AID)
WELSH = build(load_data(lang="cy"), AID)


def _file(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FILES / name).read_text(encoding="utf-8"))
    return loaded


def _messages(definition: dict[str, Any], doc: object) -> list[str]:
    return [str(p) for p in validate(definition, doc)]


# ---------------------------------------------------------------------------------------------- validation

CASES = [
    ("status not one of the four", ("plan", "robustness", "status"), "finished",
     ['plan.robustness.status: must say how far the action has got: "not-started", "in-progress", "done" or '
      '"dropped"']),
    ("carried_from not a date", ("plan", "robustness", "carried_from"), "last year",
     ['plan.robustness.carried_from: "last year" is not a date; this is the date of the assessment the action was '
      'carried from, as year-month-day like "2025-03-31", or ""']),
    ("review not text", ("plan", "robustness", "review"), 3,
     ['plan.robustness.review: must be text in quotes, not a number; use "" for none']),
    ("kind made up", ("evidence", "governance", 0, "kind"), "rumour",
     ['evidence.governance[0].kind: must be a kind of evidence: "document", "report", "survey", "data", '
      '"minutes", "other" or ""']),
    ("strength made up", ("evidence", "governance", 0, "strength"), "strong",
     ['evidence.governance[0].strength: must say how strong the evidence is: "self-reported", "documented", '
      '"independently-verified" or ""']),
    ("review-by not a date", ("evidence", "governance", 0, "review_by"), "2026-02-30",
     ['evidence.governance[0].review_by: "2026-02-30" is not a date; write the date to review this evidence by as '
      'year-month-day, like "2027-03-31", or ""']),
    ("an entry with no description", ("evidence", "governance", 0, "what"), " ",
     ["evidence.governance[0].what: say what this evidence is and where to find it, or remove this piece of evidence"]),
    ("evidence not a list", ("evidence", "governance"), {"what": "x"},
     ['evidence.governance: must be a list of pieces of evidence, like [{"what": "", "kind": "", "strength": "", '
      '"review_by": ""}]']),
    ("too many entries", ("evidence", "governance"), [{"what": "x"}] * 21,
     ["evidence.governance: too many pieces of evidence (21); record at most 20 for one answer, keeping the "
      "strongest"]),
]


@pytest.mark.parametrize(("path", "value", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_format_3_problems_in_a_commissioners_words(path: tuple[Any, ...], value: object,
                                                    expected: list[str]) -> None:
    doc = _file("last-year.json")
    where: Any = doc
    for key in path[:-1]:
        where = where[key]
    where[path[-1]] = value
    assert _messages(DEFINITION, doc) == expected


def test_every_problem_is_collected_and_said_in_welsh_too() -> None:
    doc = _file("last-year.json")
    doc["plan"]["robustness"]["status"] = "finished"
    doc["evidence"]["governance"][0]["strength"] = "strong"
    assert _messages(WELSH, doc) == [
        "plan.robustness.status: rhaid dweud pa mor bell y mae'r cam gweithredu wedi mynd: \"not-started\", "
        "\"in-progress\", \"done\", \"dropped\"",
        "evidence.governance[0].strength: rhaid dweud pa mor gryf yw'r dystiolaeth: \"self-reported\", "
        "\"documented\", \"independently-verified\", \"\""]


def test_a_format_2_file_loads_but_may_not_hold_format_3_keys() -> None:
    old = _file("old-version.json")
    old["assessment_version"] = DEFINITION["version"]
    del old["answers"]["effectiveness"], old["plan"]["effectiveness"]
    assert _messages(DEFINITION, old) == []
    old["plan"]["outcomes-focus"]["status"] = "done"
    old["evidence"] = {}
    assert _messages(DEFINITION, old) == [
        "plan.outcomes-focus.status: new in format 3 (action status, review note and evidence); set "
        "format_version to 3 to keep it, or remove it",
        "evidence: new in format 3 (action status, review note and evidence); set format_version to 3 to keep it, "
        "or remove it"]


# ---------------------------------------------------------------------------------------------- the result

def test_the_evidence_profile_flags_and_review_dates() -> None:
    result = score(DEFINITION, _file("this-year.json"))
    evidence = result["evidence"]
    first = evidence["sections"][0]
    # Rated: outcomes-focus (Embedded, documented), co-production (Established, self-reported), robustness (none).
    assert (first["answered"], first["counts"]) == (3, {"none": 1, "self-reported": 1, "documented": 1,
                                                        "independently-verified": 0})
    assert [(f["id"], f["strongest"]) for f in evidence["flags"]] == [("co-production", "self-reported")]
    # Governance's minutes were due for review on 31 January 2025, before this assessment's 20 March 2026.
    assert [(r["id"], r["review_by"]) for r in evidence["review_due"]] == [("governance", "2025-01-31")]
    assert "evidence_sentence" not in result["overall"]  # the headline counts the core; evidence covers all
    assert evidence["sentence"] == (
        "1 of 2 answers at Established or above have documented or independently verified evidence.")
    plan = {p["id"]: p for p in result["plan"]}
    assert (plan["robustness"]["status_label"], plan["robustness"]["overdue"]) == ("Not started", True)
    assert (plan["outcomes-focus"]["status"], plan["outcomes-focus"]["overdue"]) == ("done", False)
    assert plan["outcomes-focus"]["carried_from"] == "2025-03-14"


def test_review_dates_are_read_against_the_assessment_date_never_the_clock() -> None:
    doc = _file("this-year.json")
    doc["assessment_date"] = ""
    result = score(DEFINITION, doc)
    assert result["evidence"]["review_due"] == [] and not any(p["overdue"] for p in result["plan"])


LEVELS = st.sampled_from([None, 0, 1, 2, 3, "na", "unknown"])
STRENGTHS = st.sampled_from(["", "self-reported", "documented", "independently-verified"])
ITEMS = [i["id"] for s in DEFINITION["sections"] for i in s["items"]][:8]


@given(st.lists(LEVELS, min_size=len(ITEMS), max_size=len(ITEMS)),
       st.lists(st.lists(STRENGTHS, max_size=3), min_size=len(ITEMS), max_size=len(ITEMS)))
def test_evidence_never_changes_the_score_and_flags_follow_the_rule(levels: list[object],
                                                                     strengths: list[list[str]]) -> None:
    doc = _file("this-year.json")
    doc["answers"] = {key: {"level": level, "note": ""} for key, level in zip(ITEMS, levels, strict=True)}
    bare = copy.deepcopy(doc)
    bare["evidence"] = {}
    doc["evidence"] = {key: [{"what": f"Entry {n}", "strength": s} for n, s in enumerate(given)]
                       for key, given in zip(ITEMS, strengths, strict=True) if given}
    with_evidence, without = score(DEFINITION, doc), score(DEFINITION, bare)
    for key in ("percent", "band", "confidence"):
        assert with_evidence["overall"][key] == without["overall"][key]
    assert with_evidence["priorities"] == without["priorities"]
    rows = {i["id"]: i for i in with_evidence["working"]["items"]}
    for item in rows.values():
        documented = any(e["strength"] in ("documented", "independently-verified") for e in item["evidence"])
        # A flagged answer never has a documented entry; one at Established or above without one always is.
        assert item["evidence_flag"] == (item["status"] == "scored" and item["level"] >= 2 and not documented)
    # Adding self-reported evidence never removes a flag.
    more = copy.deepcopy(doc)
    for key in ITEMS:
        more["evidence"].setdefault(key, []).append({"what": "We say so", "strength": "self-reported"})
    flagged = {f["id"] for f in with_evidence["evidence"]["flags"]}
    assert flagged <= {f["id"] for f in score(DEFINITION, more)["evidence"]["flags"]}


# ---------------------------------------------------------------------------------------------- carry forward

def test_carry_forward_brings_open_actions_and_evidence() -> None:
    new, carried, notice = carry_forward(DEFINITION, _file("last-year.json"))
    assert validate(DEFINITION, new) == []
    assert (new["format_version"], new["assessment_date"]) == (5, "")
    assert all(answer == {"level": None, "note": ""} for answer in new["answers"].values())
    assert new["respondent"]["organisation"] == "Cyngor Sir Enghraifft"
    assert sorted(new["plan"]) == ["co-production", "outcomes-focus", "robustness"]
    assert new["plan"]["outcomes-focus"] == {
        "action": "Agree outcome measures with providers", "owner": "Commissioning lead", "due": "2025-09-30",
        "target": 3, "status": "in-progress", "review": "Draft measures shared in June.",
        "carried_from": "2025-03-14"}
    assert new["plan"]["co-production"]["status"] == "not-started"
    assert new["evidence"]["governance"][0]["review_by"] == "2025-01-31"
    assert carried == {"actions": 3, "evidence": 3, "done": 1, "dropped": 1, "removed": []}
    assert notice == (
        "Started from the answers of 14 March 2025. Open actions carried over: 3. Pieces of evidence carried over: 3. "
        "Left in last year's file: 1 done and 1 dropped. This year's answers and assessment date are blank.")


def test_carry_forward_from_an_older_version_lists_what_is_gone() -> None:
    answer = json.loads(api.carry_forward_json(json.dumps(DEFINITION), (FILES / "old-version.json").read_text()))
    assert answer["ok"] is True
    assert answer["carried"]["removed"] == ["effectiveness"]
    assert list(answer["responses"]["plan"]) == ["outcomes-focus"]
    assert answer["notice"].endswith("Not carried, because the assessment no longer has these items: effectiveness.")


def test_carry_forward_refuses_a_broken_file() -> None:
    doc = _file("last-year.json")
    doc["plan"]["robustness"]["status"] = "finished"
    answer = json.loads(api.carry_forward_json(json.dumps(DEFINITION), json.dumps(doc)))
    assert (answer["ok"], answer["responses"], [p["path"] for p in answer["problems"]]) == (
        False, None, ["plan.robustness.status"])


def test_the_cli_carries_forward(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "new.json"
    assert cli.main(["carry-forward", str(FILES / "last-year.json"), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == carry_forward(DEFINITION, _file("last-year.json"))[0]
    assert capsys.readouterr().err.startswith("Started from the answers of 14 March 2025.")


# ---------------------------------------------------------------------------------------------- compare

def test_compare_over_time_shows_actions_beside_the_change_in_level() -> None:
    result = compare(DEFINITION, _file("last-year.json"), _file("this-year.json"))
    rows = {r["id"]: r for r in result["items"]}
    assert rows["outcomes-focus"]["before_action"]["status"] == "in-progress"
    assert rows["outcomes-focus"]["after_action"]["status"] == "done"
    assert rows["outcomes-focus"]["action_text"] == "Done; level up 1 (Established to Embedded)"
    actions = result["actions"]
    assert [a["id"] for a in actions["done"]] == ["outcomes-focus", "compliance"]
    # Due 31 December and 30 November 2025, before the later file's 20 March 2026, and still not started.
    assert [(a["id"], a["due"]) for a in actions["overdue"]] == [("robustness", "2025-12-31"),
                                                                ("co-production", "2025-11-30")]
    assert [(a["id"], a["review"]) for a in actions["dropped"]] == [("cost", "Covered by the regional review.")]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(compare_docx(result))).paragraphs)
    assert "Overdue actions" in text and "Dropped actions" in text


# ---------------------------------------------------------------------------------------------- form and reports

def test_the_form_round_trips_status_review_and_evidence() -> None:
    doc = _file("this-year.json")
    form = to_form(DEFINITION, doc)
    fields = form["fields"]
    assert form["evidence"] == {"outcomes-focus": 1, "governance": 1, "co-production": 1}
    assert fields["plan-status:outcomes-focus"] == "done"
    assert fields["plan-carried:outcomes-focus"] == "2025-03-14"
    assert (fields["evidence:governance:0:review-by:day"], fields["evidence:governance:0:review-by:month"],
            fields["evidence:governance:0:review-by:year"]) == ("31", "1", "2025")
    back, _ = from_form(DEFINITION, fields)
    assert back["evidence"] == doc["evidence"]
    assert back["plan"] == doc["plan"]
    # A blank entry, anywhere in the numbering, is dropped; a gap in the numbers is harmless.
    fields.update({"evidence:governance:5:what": "Audit report", "evidence:governance:5:strength": "documented",
                   "evidence:governance:3:what": " "})
    assert [e["what"] for e in from_form(DEFINITION, fields)[0]["evidence"]["governance"]] == [
        "Board minutes, January", "Audit report"]


@pytest.mark.parametrize(("definition", "words"), [(DEFINITION, "carried over from 14 March 2025"),
                                                   (WELSH, "wedi'i gario drosodd o 14 Mawrth 2025")])
def test_the_results_plan_says_where_a_carried_action_came_from(definition: dict[str, Any], words: str) -> None:
    plan = {p["id"]: p for p in score(definition, _file("this-year.json"))["plan"]}
    assert plan["outcomes-focus"]["carried_from"] == "2025-03-14"
    assert plan["outcomes-focus"]["carried_label"] == words
    assert all(p["carried_label"] == "" for p in plan.values() if not p["carried_from"])


GAPS = {"item:governance": "2", "evidence:governance:0:what": "Board minutes, January",
        "evidence:governance:1:what": "", "evidence:governance:2:what": "Audit report",
        "evidence:governance:4:what": "Survey of people who use services"}


@pytest.mark.parametrize(("definition", "bad", "field", "message", "left_out"), [
    (DEFINITION, {"evidence:governance:4:review-by:day": "31", "evidence:governance:4:review-by:month": "13",
                  "evidence:governance:4:review-by:year": "2026"}, "evidence:governance:4:review-by",
     "Review-by date of piece of evidence 4 for “Governance: oversight arrangements” must be a real date, like "
     "31 3 2027",
     "The results leave out piece of evidence 4 for “Governance: oversight arrangements” until this is put right."),
    (DEFINITION, {"evidence:governance:2:review-by:day": "31", "evidence:governance:2:review-by:year": "2026"},
     "evidence:governance:2:review-by",
     "Review-by date of piece of evidence 3 for “Governance: oversight arrangements” must include a month",
     "The results leave out piece of evidence 3 for “Governance: oversight arrangements” until this is put right."),
    (DEFINITION, {"evidence:governance:4:what": "", "evidence:governance:4:kind": "survey"},
     "evidence:governance:4:what",
     "Piece of evidence 4 for “Governance: oversight arrangements”: say what this evidence is and where to find "
     "it, or remove this piece of evidence",
     "The results leave out piece of evidence 4 for “Governance: oversight arrangements” until this is put right."),
    (WELSH, {"evidence:governance:4:review-by:day": "31", "evidence:governance:4:review-by:month": "13",
             "evidence:governance:4:review-by:year": "2026"}, "evidence:governance:4:review-by",
     "Dyddiad adolygu darn o dystiolaeth 4 ar gyfer “Llywodraethu: trefniadau goruchwylio”: rhaid iddo fod yn "
     "ddyddiad go iawn, fel 31 3 2027",
     "Mae'r canfyddiadau'n gadael darn o dystiolaeth 4 ar gyfer “Llywodraethu: trefniadau goruchwylio” allan nes i "
     "hyn gael ei gywiro."),
])
def test_an_evidence_problem_links_to_its_field_whatever_gaps_the_numbering_has(
        definition: dict[str, Any], bad: dict[str, str], field: str, message: str, left_out: str) -> None:
    # Form entries 0, 2 and 4 hold evidence (1 is blank, 3 was removed): document entries 0, 1, 2.
    doc, places = from_form(definition, GAPS)
    assert places.evidence == {"governance": [0, 2, 4]}
    assert [e["what"] for e in doc["evidence"]["governance"]] == [
        "Board minutes, January", "Audit report", "Survey of people who use services"]
    answer = json.loads(api.evaluate_form(json.dumps(definition), json.dumps({**GAPS, **bad})))
    assert [(p["field"], p["message"], p["left_out"]) for p in answer["problems"]] == [(field, message, left_out)]
    # Only that piece of evidence waits: the answers are still scored, with the other two pieces.
    item = next(i for i in answer["result"]["working"]["items"] if i["id"] == "governance")
    assert item["level"] == 2 and len(item["evidence"]) == 2


def test_the_reports_hold_each_items_evidence_and_action() -> None:
    result = score(DEFINITION, _file("this-year.json"))
    markdown = to_markdown(result)
    assert "- Evidence: Board minutes, January (Minutes of a meeting; Self-reported; review by 31 January 2025; " \
           "Review due)" in markdown
    assert "Evidence does not change the percent" in markdown
    document = docx.Document(io.BytesIO(result_docx(result)))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Evidence and actions, item by item" in paragraphs
    assert ("Action: Write a business continuity plan (Not started; due 31 December 2025; Overdue; carried over from "
            "14 March 2025)") in paragraphs
    plan_table = next(t for t in document.tables if t.rows[0].cells[-2].text == "Status")
    assert [c.text for c in plan_table.rows[1].cells][-2:] == ["Not started (Overdue)", ""]
    csv = plan_csv(result).splitlines()
    assert csv[0].endswith("status,status_label,overdue,review,carried_from")
    assert csv[-1].endswith(",done,Done,no,Measures agreed with all providers.,2025-03-14")


def test_real_data_is_loaded(real_data: Data) -> None:
    assert [s["id"] for s in real_data.evidence["strengths"]] == ["self-reported", "documented",
                                                                  "independently-verified"]
