"""The browser worker's boundary: JSON text in and out, problems instead of exceptions, the same bytes."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import pytest
from asked import ask, form_of
from hypothesis import given
from hypothesis import strategies as st

from obc_assess.core import api
from obc_assess.core.form import to_form
from obc_assess.core.jsontext import MAX_DEPTH, parse
from obc_assess.core.render import plan_csv, to_markdown
from obc_assess.core.report import result_docx
from obc_assess.core.responses import ResponsesError, template
from obc_assess.core.scoring import score
from obc_assess.host.building import build
from obc_assess.host.loader import Data

# (text, the problem message at "(file)"; None when the text parses)
PARSE_CASES = [
    ('{"a": [1, "]"]}', None),  # brackets inside strings do not count
    ('{"a": ",}"}', None),  # nor commas
    ("{", "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"),
    ("", "not valid JSON: Expecting value (line 1, column 1)"),
    ('{"a": 1} x', "not valid JSON: Extra data (line 1, column 10)"),
    # Python 3.13 words these differently from 3.11, so they are caught first, in one wording.
    ('{"a": 1,}', "not valid JSON: a comma before a closing bracket; remove it (line 1, column 8)"),
    ('[\n  1,\n]', "not valid JSON: a comma before a closing bracket; remove it (line 2, column 4)"),
    ("[NaN]", "not valid JSON: NaN is not allowed in JSON"),
    ("-Infinity", "not valid JSON: -Infinity is not allowed in JSON"),
    ("9" * 5000, "not valid JSON: a number has too many digits"),
    ("[" * MAX_DEPTH + "]" * MAX_DEPTH, None),
    # The recursion limit differs between Python versions; this limit does not.
    ("[" * (MAX_DEPTH + 1), "nested more than 64 levels deep; this is not a responses file"),
    ('{"a": "\\ud800"}', None),  # a lone surrogate parses; the validator reports it where it matters
    ('["a" ,\n]', "not valid JSON: a comma before a closing bracket; remove it (line 1, column 6)"),
    # An unterminated string is not skipped whole: the comma after its quote counts.
    ('[",]', "not valid JSON: a comma before a closing bracket; remove it (line 1, column 3)"),
]


@pytest.mark.parametrize(("text", "message"), PARSE_CASES)
def test_parse(text: str, message: str | None) -> None:
    _, problems = parse(text, "(file)")
    assert [p.message for p in problems] == ([] if message is None else [message])
    assert all(p.path == "(file)" for p in problems)


_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|,(?=\s*[\]}])')


def _scanned(text: str) -> str | None:
    """The depth and trailing-comma check as one token at a time (a string skipped whole): the reference."""
    depth = 0
    for token in _TOKEN.finditer(text):
        if token.group() in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                return f"nested more than {MAX_DEPTH} levels deep; this is not a responses file"
        elif token.group() in ("]", "}"):
            depth -= 1
        elif token.group() == ",":
            at = token.start()
            return (f"not valid JSON: a comma before a closing bracket; remove it "
                    f"(line {text.count(chr(10), 0, at) + 1}, column {at - text.rfind(chr(10), 0, at)})")
    return None


@given(st.lists(st.sampled_from(['"', "\\", "[", "]", "{", "}", ",", " ", "\n", "a", "1", ":", "[" * 60]),
                max_size=40).map("".join))
def test_the_precheck_finds_what_a_scan_token_by_token_finds(text: str) -> None:
    # parse empties every string first, then reads only the brackets and commas left.
    expected = _scanned(text)
    _, problems = parse(text, "(file)")
    if expected is not None:
        assert [p.message for p in problems] == [expected]
    else:
        assert not any("comma before" in p.message or "levels deep" in p.message for p in problems)


def _filled(maturity: dict[str, Any]) -> dict[str, Any]:
    doc = template(maturity, model=2)
    doc["answers"]["outcomes-focus"]["level"] = 2
    doc["answers"]["governance"]["level"] = "unknown"
    return doc


def test_a_scored_request(maturity: dict[str, Any]) -> None:
    doc = _filled(maturity)
    answer = ask("plan-csv", maturity, responses=json.dumps(doc))
    assert answer == {"ok": True, "problems": [], "csv": plan_csv(score(maturity, doc))}


def test_evaluate_reports_every_problem(maturity: dict[str, Any]) -> None:
    doc = _filled(maturity)
    doc["context"]["model"] = 0
    doc["answers"]["governance"]["level"] = "maybe"
    answer = ask("plan-csv", maturity, responses=json.dumps(doc))
    assert answer == {"ok": False, "csv": None, "problems": [
        {"path": "context.model", "message": "must be 1, 2, 3 or null", "field": "context-model"},
        {"path": "answers.governance.level", "message": 'must be 0, 1, 2, 3, "na", "unknown" or null',
         "field": "item:governance"}]}


@pytest.mark.parametrize(("definition", "responses", "problems"), [
    ("{}", "{", [{"path": "(file)", "field": None, "message":
                  "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"}]),
    ("nope", "[]", [{"path": "(definition)", "field": None,
                     "message": "not valid JSON: Expecting value (line 1, column 1)"}]),
])
def test_evaluate_never_raises_on_bad_json(definition: str, responses: str, problems: list[Any]) -> None:
    answer = ask("plan-csv", definition, responses=responses)
    assert answer == {"ok": False, "problems": problems, "csv": None}


def test_renderers(maturity: dict[str, Any]) -> None:
    doc = _filled(maturity)
    definition, text = json.dumps(maturity), json.dumps(doc)
    result = score(maturity, doc)
    assert ask("docx", definition, responses=text) == {"ok": True, "problems": [],
                                                       "docx": base64.b64encode(result_docx(result)).decode()}
    assert ask("plan-csv", definition, responses="[]")["csv"] is None


def test_template(maturity: dict[str, Any]) -> None:
    assert template(maturity, 3, "allocation")["context"] == {"model": 3, "scope": "allocation"}
    with pytest.raises(ResponsesError) as raised:
        template(maturity, 3, "nowhere")
    assert raised.value.problems[0].path == "context.scope"


def test_evaluate_form_maps_problems_to_the_form_rows(matrix: dict[str, Any]) -> None:
    # The form's rows are numbered as on the page: row 2 was removed, so document row 1 is form row 3.
    fields = {"context-scope": "", "respondent-name": "", "respondent-role": "",
              "row:0:name": "Home care", "row:0:level:pressure": "3", "row:0:level:priorities": "1",
              "row:3:name": "", "row:3:level:pressure": "2"}
    answer = json.loads(api.evaluate_form(json.dumps(matrix), json.dumps(fields)))
    assert (answer["ok"], answer["responses"], answer["csv"]) == (False, None, None)
    assert answer["problems"] == [{"path": "answers.areas[1].name", "field": "row:3:name",
                                   "message": "Enter a name for service area 2, or remove it",
                                   "left_out": "The results leave out service area 2 until this is put right."}]
    # One invalid field hides only its own effect: the other area is still scored.
    sound = {**fields, "row:3:name": "", "row:3:level:pressure": ""}
    assert answer["result"] == json.loads(api.evaluate_form(json.dumps(matrix), json.dumps(sound)))["result"]
    assert [area["name"] for area in answer["result"]["matrix"]["areas"]] == ["Home care"]


def test_evaluate_form_scores_and_returns_the_document(matrix: dict[str, Any]) -> None:
    fields = {"row:0:name": "Home care", "row:0:level:pressure": "3", "row:0:level:priorities": "unknown"}
    answer = json.loads(api.evaluate_form(json.dumps(matrix), json.dumps(fields)))
    assert answer["ok"] is True
    assert answer["responses"]["answers"]["areas"] == [
        {"name": "Home care", "levels": {"pressure": 3, "priorities": "unknown"}, "note": ""}]
    assert answer["result"] == score(matrix, answer["responses"])


@pytest.mark.parametrize("fields", ["[]", '{"row:0:name": 5}', "{"])
def test_evaluate_form_refuses_odd_fields(matrix: dict[str, Any], fields: str) -> None:
    answer = json.loads(api.evaluate_form(json.dumps(matrix), fields))
    assert answer["ok"] is False and answer["problems"][0]["path"] == "(form)"


def test_form_values(maturity: dict[str, Any]) -> None:
    doc = _filled(maturity)
    answer = ask("import", maturity, text=json.dumps(doc))
    assert answer["ok"] is True
    assert answer["form"]["fields"]["item:outcomes-focus"] == "2"
    assert answer["form"]["fields"]["context-model"] == "2"
    doc["format"] = "x"
    answer = ask("import", maturity, text=json.dumps(doc))
    assert (answer["ok"], answer["form"]) == (False, None)
    assert answer["problems"] == [{"path": "format", "message": 'must be "obc-assess/responses"',
                                   "field": None}]


def _older(maturity: dict[str, Any]) -> dict[str, Any]:
    """Answers saved for version 0.9: one item since removed, one since renamed (cost-control is cost now)."""
    doc = _filled(maturity)
    doc["assessment_version"] = "0.9"
    doc["answers"]["value-for-money"] = {"level": 3, "note": "Gone since."}
    doc["answers"]["cost-control"] = {"level": 1, "note": "Renamed since."}
    doc["plan"] = {"cost-control": {"action": "Review the rates."},
                   "governance": {"action": "Ask the board.", "owner": "Head of commissioning"}}
    return doc


def test_form_values_migrating_drops_the_items_gone_and_says_so(maturity: dict[str, Any]) -> None:
    answer = json.loads(api.form_values_migrating(json.dumps(maturity), json.dumps(_older(maturity))))
    assert (answer["ok"], answer["problems"]) == (True, [])
    assert answer["dropped"] == ["value-for-money", "cost-control"]
    assert answer["notice"] == (
        "These answers were saved for version 0.9 of this assessment; it is now version 1.0. Left out, because "
        "the assessment no longer has these items: value-for-money (answer), cost-control (answer and action "
        "plan). Items added since start unanswered.")
    fields = answer["form"]["fields"]
    # What still matches is loaded: answers, notes and the plan for an item that is still there.
    assert (fields["item:outcomes-focus"], fields["item:governance"]) == ("2", "unknown")
    assert fields["plan-owner:governance"] == "Head of commissioning"
    assert fields["item:cost"] == ""  # the renamed item starts unanswered under its new id
    assert not any("value-for-money" in name or "cost-control" in name for name in fields)


def test_form_values_migrating_reads_this_version_as_form_values_does(maturity: dict[str, Any]) -> None:
    definition = json.dumps(maturity)
    doc = _filled(maturity)
    answer = json.loads(api.form_values_migrating(definition, json.dumps(doc)))
    assert (answer["dropped"], answer["notice"]) == ([], None)
    assert answer["form"] == to_form(maturity, doc)
    # For this version an unknown item is a mistake to put right, not something the assessment dropped.
    doc["answers"]["value-for-money"] = {"level": 3, "note": ""}
    answer = json.loads(api.form_values_migrating(definition, json.dumps(doc)))
    assert answer == {"ok": False, "form": None, "dropped": None, "notice": None, "problems": [
        {"path": "answers.value-for-money", "field": None,
         "message": "not an item of procurement-review; remove it"}]}


def test_form_values_migrating_an_older_file_with_every_item_still_there(maturity: dict[str, Any]) -> None:
    doc = _filled(maturity)
    doc["assessment_version"] = "0.9"
    answer = json.loads(api.form_values_migrating(json.dumps(maturity), json.dumps(doc)))
    assert answer["dropped"] == []
    assert answer["notice"] == (
        "These answers were saved for version 0.9 of this assessment; it is now version 1.0. Every answer still "
        "matches a question, but some questions may have changed: check them.")


def test_form_values_migrating_still_reports_other_problems(maturity: dict[str, Any], matrix: dict[str, Any]) -> None:
    doc = _older(maturity)
    doc["answers"]["governance"]["level"] = 7
    answer = json.loads(api.form_values_migrating(json.dumps(maturity), json.dumps(doc)))
    assert answer == {"ok": False, "form": None, "dropped": None, "notice": None, "problems": [
        {"path": "answers.governance.level", "field": "item:governance",
         "message": 'must be 0, 1, 2, 3, "na", "unknown" or null'}]}
    # Another assessment's file is not "an older version" of this one: nothing is pruned.
    answer = json.loads(api.form_values_migrating(json.dumps(matrix), json.dumps(_older(maturity))))
    assert answer["ok"] is False and answer["problems"][0]["path"] == "assessment"
    assert json.loads(api.form_values_migrating(json.dumps(maturity), "{"))["problems"] == [
        {"path": "(file)", "field": None,
         "message": "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"}]


def test_form_values_migrating_a_matrix_drops_criteria_gone(matrix: dict[str, Any]) -> None:
    doc = template(matrix)
    doc["assessment_version"] = "0.9"
    doc["answers"]["areas"] = [{"name": "Home care", "levels": {"pressure": 3, "gone": 2}, "note": ""},
                               {"name": "Reablement", "levels": {"gone": 1}, "note": ""}]
    answer = json.loads(api.form_values_migrating(json.dumps(matrix), json.dumps(doc)))
    assert answer["dropped"] == ["gone"]
    assert answer["notice"].endswith("no longer has these items: gone (answer). Items added since start unanswered.")
    fields = answer["form"]["fields"]
    assert fields["row:0:level:pressure"] == "3" and "row:0:level:gone" not in fields


# Issue 10 changed rules and wording, not only items: answers saved for 1.0 load with the data's account of it.
@pytest.mark.parametrize(("aid", "says"), [
    ("review-priorities", "Changed in version 1.1: Criterion (f) is now asked the source's way round"),
    ("procurement-review", "Changed in version 1.1: The headline now comes from the core items only"),
    ("commissioning-standards", "the Part 2 good practice checklists are optional extras"),
    ("commissioning-principles", "Principle (d), which says the focus should be on outcomes, now counts double"),
])
def test_answers_saved_for_1_0_load_with_what_changed(real_data: Data, aid: str, says: str) -> None:
    definition = build(real_data, aid)
    doc = template(definition)
    doc["assessment_version"] = "1.0"
    answer = json.loads(api.form_values_migrating(json.dumps(definition), json.dumps(doc)))
    assert (answer["ok"], answer["dropped"]) == (True, [])
    assert answer["notice"].startswith(
        f"These answers were saved for version 1.0 of this assessment; it is now version {definition['version']}. "
        f"{says}" if says.startswith("Changed") else "These answers were saved for version 1.0")
    assert says in answer["notice"]
    # Saved for the current version itself: no notice.
    doc["assessment_version"] = definition["version"]
    assert json.loads(api.form_values_migrating(json.dumps(definition), json.dumps(doc)))["notice"] is None


# Issue 10, version 1.2 of the Tool 20/21 assessments: answers saved for 1.1 load with what changed, every old
# item still there (the first question of each split pair keeps its id), the new ones unanswered.
@pytest.mark.parametrize(("aid", "model", "new_items", "says"), [
    ("procurement-review", 2, ["governance-in-practice", "compliance-statutory-duties", "sustainability-beyond",
                               "cost-of-services", "refinement-more-effective", "refinement-fewer-delayed-starts",
                               "ethics-of-services", "timeliness-delays", "co-production-stakeholders"],
     "Changed in version 1.2: One thing per question: Governance, Compliance, Sustainability, Cost, Ethics, "
     "Timeliness and Co-production are each split into two questions"),
    ("contract-management-review", 3, ["activity-with-outcomes", "performance-attribution", "individual-outcomes",
                                       "individual-outcome-measures", "close-relationship", "provider-scope",
                                       "population-assurance"],
     "Changed in version 1.2: One thing per question: Activity and Performance are each split into two questions"),
    ("supporting-systems", 3, ["local-outcomes", "service-estimate", "population-impact", "resource-readiness",
                               "specification-auxiliary", "outcome-measures", "contribution-shown",
                               "plan-reformulation", "work-allocation", "finance-payment-systems",
                               "fewer-arrangements"],
     "Changed in version 1.2: \"Not decided yet\" now shows every item, each marked with its model; Model 3 keeps"),
    ("measure-mix", None, [], "Changed in version 1.2: The model of outcome-based commissioning is no longer asked"),
])
def test_answers_saved_for_1_1_load_with_what_changed(real_data: Data, aid: str, model: int | None,
                                                      new_items: list[str], says: str) -> None:
    definition = build(real_data, aid)
    doc = template(definition, model)
    old_ids = [key for key in doc["answers"] if key not in new_items]
    if definition["kind"] == "maturity":
        doc["answers"] = {key: {"level": 2, "note": "kept"} for key in old_ids}
    else:  # measure-mix asked the model in 1.1: a model saved then is still valid, and ignored
        doc["context"]["model"] = 2
        doc["answers"]["measures"] = [{"name": "Hours delivered", "class": "output", "note": ""}]
    doc["assessment_version"] = "1.1"
    answer = json.loads(api.form_values_migrating(json.dumps(definition), json.dumps(doc)))
    assert (answer["ok"], answer["dropped"]) == (True, [])
    assert answer["notice"].startswith(
        f"These answers were saved for version 1.1 of this assessment; it is now version {definition['version']}. "
        f"{says}")
    assert "Changed in version 1.1" not in answer["notice"]  # only what changed since the answers were saved
    if definition["kind"] == "maturity":
        fields = answer["form"]["fields"]
        asked = set(template(definition, model)["answers"])
        assert set(new_items) <= asked
        assert all(fields[f"item:{key}"] == "2" for key in old_ids)
        assert all(fields[f"item:{key}"] == "" for key in new_items)
    else:
        assert answer["form"]["fields"]["row:0:class"] == "output"


# Issue 30: outcomes weights that follow the sources, and review priorities' ranking rules. Answers saved for the
# version before load with the data's account of what changed, every answer kept.
@pytest.mark.parametrize(("aid", "before", "model", "version", "says"), [
    ("contract-management-review", "1.2", 1, "1.3", "Tool 21's points for your model are now part of the core, "
                                                    "because Tool 21 (section 5) says \"Monitoring outcomes becomes a "
                                                    "key activity\""),
    ("procurement-review", "1.2", 2, "1.3", "Rewarding providers for achieving outcomes (Model 2) now counts once "
                                            "and is no longer an outcomes item"),
    ("supporting-systems", "1.2", 2, "1.3", "Building outcomes into how providers are rewarded (Model 2) is now an "
                                            "optional extra"),
    ("review-priorities", "1.1", None, "1.2", "Criterion (f) is no longer added to an area's score"),
])
def test_answers_saved_before_issue_30_load_with_what_changed(real_data: Data, aid: str, before: str,
                                                              model: int | None, version: str, says: str) -> None:
    definition = build(real_data, aid)
    doc = template(definition, model)
    if definition["kind"] == "maturity":
        doc["answers"] = {key: {"level": 1, "note": ""} for key in doc["answers"]}
    else:
        doc["answers"]["areas"] = [{"name": "Home care", "levels": dict.fromkeys(
            doc["answers"]["areas"][0]["levels"], 2), "note": ""}]
    doc["assessment_version"] = before
    answer = json.loads(api.form_values_migrating(json.dumps(definition), json.dumps(doc)))
    assert (answer["ok"], answer["dropped"]) == (True, [])
    # The version's one account of what changed (the band rules first, where both changed), saying this too.
    assert answer["notice"].startswith(f"These answers were saved for version {before} of this assessment; it is now "
                                       f"version {definition['version']}. Changed in version {version}: ")
    assert says in answer["notice"]
    assert answer["notice"].endswith("some questions may have changed: check them.")
    fields = answer["form"]["fields"]
    if definition["kind"] == "maturity":
        assert {fields[f"item:{key}"] for key in doc["answers"]} == {"1"}
    else:
        assert {v for k, v in fields.items() if k.startswith("row:0:level:")} == {"2"}


def _format_1(doc: dict[str, Any]) -> dict[str, Any]:
    """The same answers as a file saved before format 2 (no organisation, no assessment date)."""
    old = {key: value for key, value in doc.items() if key != "assessment_date"}
    old["format_version"] = 1
    old["respondent"] = {"name": doc["respondent"]["name"], "role": doc["respondent"]["role"]}
    return old


def test_a_format_1_file_loads_and_says_what_format_2_added(maturity: dict[str, Any]) -> None:
    doc = _filled(maturity)
    answer = json.loads(api.form_values_migrating(json.dumps(maturity), json.dumps(_format_1(doc))))
    assert (answer["ok"], answer["dropped"]) == (True, [])
    assert answer["notice"] == (
        "This answers file was saved before files recorded the organisation and the assessment date: add them "
        "under \u201cAbout this review\u201d, and export the answers again to keep them. This answers file was "
        "saved before files recorded how far each action has got and the evidence behind each answer: each action "
        "now reads as not started; add its status, a review note and any evidence, and export the answers again "
        "to keep them.")
    fields = answer["form"]["fields"]
    assert (fields["respondent-organisation"], fields["assessment-date:day"], fields["assessment-date:year"]) == (
        "", "", "")
    # Scored as it was: a format 1 file gives the same result as the same answers in format 2.
    assert score(maturity, _format_1(doc)) == score(maturity, doc)


def test_a_format_3_file_keeps_its_not_applicable_and_the_page_asks_each_its_reason(real_data: Data) -> None:
    """Kinder and safer (issue 30): the file loads and scores as it did (last year's file, a team merge and a
    comparison still read), each N/A without a reason says so wherever the answer is shown, and the page names them
    and asks for a reason at each; until one is given, the page's answer waits (it counts as not answered)."""
    definition = build(real_data, "commissioning-principles")
    doc = template(definition)
    doc["format_version"] = 3
    doc["answers"]["social-value"] = {"level": "na", "note": ""}
    doc["answers"]["collaboration"] = {"level": 2, "note": ""}
    result = score(definition, doc)
    row = next(i for i in result["working"]["items"] if i["id"] == "social-value")
    assert (row["status"], row["answer_label"]) == ("na", "Not applicable (no reason given)")
    notice = ("Not applicable without a reason (the file was saved before reasons were asked for): (d) Social value. "
              "Say in one line why each does not apply, or choose another answer.")
    assert result["na_notice"] == notice
    assert notice in to_markdown(result)
    answer = json.loads(api.form_values_migrating(json.dumps(definition), json.dumps(doc)))
    assert (answer["ok"], answer["notice"], answer["form"]["fields"]["item:social-value"]) == (True, notice, "na")
    evaluated = json.loads(api.evaluate_form(json.dumps(definition), json.dumps(answer["form"]["fields"])))
    assert [(p["field"], p["left_out"]) for p in evaluated["problems"]] == [
        ("na-reason:social-value", "The results leave out \u201c(d) Social value\u201d until this is put right.")]


def test_an_earlier_versions_not_applicable_the_data_now_refuses_starts_unanswered(real_data: Data) -> None:
    definition = build(real_data, "commissioning-standards")
    doc = template(definition)
    doc["format_version"], doc["assessment_version"] = 3, "1.2"
    doc["answers"]["standard-5"] = {"level": "na", "note": "Kept"}
    # As a file it still reads as the answer it was (the limit on N/A applies to it as to any).
    rows = {i["id"]: i for i in score(definition, doc)["working"]["items"]}
    assert rows["standard-5"]["status"] == "na"
    answer = json.loads(api.form_values_migrating(json.dumps(definition), json.dumps(doc)))
    assert answer["ok"] is True
    assert (answer["form"]["fields"]["item:standard-5"], answer["form"]["fields"]["note:standard-5"]) == ("", "Kept")
    assert answer["notice"].endswith(
        "Not applicable is no longer an answer for these items, which the source expects of every authority: "
        "Standard 5. They start unanswered: rate them, or answer Don't know.")


def test_organisation_and_date_go_from_the_form_to_the_file_and_back(maturity: dict[str, Any]) -> None:
    doc = _filled(maturity)
    doc["respondent"]["organisation"] = "Cyngor Gwynedd"
    doc["assessment_date"] = "2026-03-02"
    form = form_of(maturity, doc)
    # The date in its three boxes, as a person writes it; the file keeps it as YYYY-MM-DD.
    fields = form["fields"]
    assert (fields["respondent-organisation"], fields["assessment-date:day"], fields["assessment-date:month"],
            fields["assessment-date:year"]) == ("Cyngor Gwynedd", "2", "3", "2026")
    assert "assessment-date" not in fields
    answer = json.loads(api.evaluate_form(json.dumps(maturity), json.dumps(form["fields"])))
    assert answer["responses"]["respondent"]["organisation"] == "Cyngor Gwynedd"
    assert answer["responses"]["assessment_date"] == "2026-03-02"
    assert answer["result"]["assessment_date_label"] == "2 March 2026"
    assert "- Organisation: Cyngor Gwynedd\n- Assessment date: 2 March 2026\n" in to_markdown(answer["result"])



# (day, month, year typed, the message): the date field's problem, named in words, linked to the date's group.
ASSESSMENT_DATE_CASES = [
    ("30", "2", "2026", "Date of the assessment must be a real date, like 31 3 2027"),
    ("2", "", "2026", "Date of the assessment must include a month"),
    ("", "", "2026", "Date of the assessment must include a day and month"),
    ("2", "3", "26", "Date of the assessment must have a year of 4 numbers, like 2027"),
    ("2", "March", "2026", "Date of the assessment must be a real date, like 31 3 2027"),
]


@pytest.mark.parametrize(("day", "month", "year", "message"), ASSESSMENT_DATE_CASES)
def test_an_assessment_date_that_is_not_a_day_hides_only_itself(maturity: dict[str, Any], day: str, month: str,
                                                                 year: str, message: str) -> None:
    doc = _filled(maturity)
    fields = form_of(maturity, doc)["fields"]
    fields.update({"assessment-date:day": day, "assessment-date:month": month, "assessment-date:year": year})
    answer = json.loads(api.evaluate_form(json.dumps(maturity), json.dumps(fields)))
    assert [(p["path"], p["field"], p["message"]) for p in answer["problems"]] == [
        ("assessment_date", "assessment-date", message)]
    # The results still show, without the date; the answers file waits until the date is put right.
    assert answer["result"]["overall"] == score(maturity, doc)["overall"]
    assert (answer["result"]["assessment_date"], answer["responses"]) == (None, None)
# Issue 10 points 4 and 5 (version 1.2): questions split, merged, added and re-scaled. Answers saved for 1.1 load:
# an id kept keeps its answer (the question asks one part of what it asked), a re-scaled item has a new id, so
# its old answer (on another scale) is left out and named, never read as a level it was not.
V1_1_ANSWERS = {
    "commissioning-standards": {"standard-2": 3, "standard-13": 1, "scoping-period": 3, "scoping-ownership": 0},
    "commissioning-principles": {"customers-needs-at-centre": 2, "make-it-happen": 3},
    "commissioning-plan": {"introduction-service-area": 2, "monitoring-arrangements": 1, "needs-outcomes": 0},
}


@pytest.mark.parametrize(("aid", "dropped", "says"), [
    ("commissioning-standards", ["scoping-period", "scoping-ownership"],
     "The scoping questions are now answered No, Partly or Yes, with new ids"),
    ("commissioning-principles", [], "only the outcomes framework is an outcomes item"),
    ("commissioning-plan", [], "New: what Part 1 asks of every plan"),
])
def test_answers_saved_for_1_1_load_with_what_changed_in_1_2(real_data: Data, aid: str, dropped: list[str],
                                                             says: str) -> None:
    definition = build(real_data, aid)
    assert definition["version"] == "1.3"
    doc = template(definition)
    doc["assessment_version"] = "1.1"
    doc["context"]["model"] = 2  # 1.1 asked the model here; 1.2 no longer does, and a saved choice is ignored
    doc["answers"].update({key: {"level": level, "note": ""} for key, level in V1_1_ANSWERS[aid].items()})
    answer = json.loads(api.form_values_migrating(json.dumps(definition), json.dumps(doc)))
    assert (answer["ok"], answer["dropped"]) == (True, dropped)
    notice = answer["notice"]
    assert notice.startswith("These answers were saved for version 1.1 of this assessment; it is now version 1.3. "
                             "Changed in version 1.2: ")
    assert "Changed in version 1.3: Bands now describe the answers as a whole" in notice
    assert says in notice and "Changed in version 1.1" not in notice
    if dropped:
        assert notice.endswith(f"no longer has these items: {dropped[0]} (answer), {dropped[1]} (answer). "
                               "Items added since start unanswered.")
    else:
        assert notice.endswith("some questions may have changed: check them.")
    fields = answer["form"]["fields"]
    for key, level in V1_1_ANSWERS[aid].items():
        if key not in dropped:
            assert fields[f"item:{key}"] == str(level)
    # The items added since start unanswered.
    new = {"commissioning-standards": "item:scope-period", "commissioning-principles": "item:capability-investment",
           "commissioning-plan": "item:plan-period"}[aid]
    assert fields[new] == ""


def _request_cases(definition: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """Each browser request beside the function call it stands for."""
    text = json.dumps(definition)
    doc = json.dumps(template(definition))
    fields = json.dumps(to_form(definition, template(definition))["fields"])
    files = json.dumps([{"name": "a.json", "text": doc}, {"name": "b.json", "text": "{"}])
    return [({"type": "evaluate", "fields": fields}, api.evaluate_form(text, fields)),
            ({"type": "import", "text": doc}, api.form_values_migrating(text, doc)),
            ({"type": "fields", "responses": "{"}, api.form_values_migrating(text, "{")),
            ({"type": "plan-csv", "responses": doc}, api.plan_csv_json(text, doc)),
            ({"type": "docx", "responses": doc}, api.render_docx_json(text, doc)),
            ({"type": "carry-forward", "responses": doc}, api.carry_forward_json(text, doc)),
            ({"type": "aggregate", "files": files, "anonymous": True}, api.aggregate_json(text, files, True)),
            ({"type": "aggregate-csv", "files": files}, api.aggregate_csv_json(text, files)),
            ({"type": "aggregate-json", "files": files}, api.aggregate_export_json(text, files)),
            ({"type": "aggregate-docx", "files": files}, api.aggregate_docx_json(text, files)),
            ({"type": "compare", "before": doc, "after": "[]"}, api.compare_json(text, doc, "[]")),
            ({"type": "compare-csv", "before": doc, "after": doc}, api.compare_csv_json(text, doc, doc)),
            ({"type": "compare-docx", "before": doc, "after": doc, "names": ["a.json", "b.json"]},
             api.compare_docx_json(text, doc, doc, "a.json", "b.json"))]


def test_call_answers_every_request_the_browser_sends(maturity: dict[str, Any]) -> None:
    cases = _request_cases(maturity)
    assert {request["type"] for request, _ in cases} == set(api.REQUESTS)
    for request, expected in cases:
        assert api.call(json.dumps({**request, "id": 3, "definition": json.dumps(maturity)})) == expected


@pytest.mark.parametrize(("request_json", "message"), [
    ("{", "not a request obc_assess.core.api answers: {"),
    ('{"type": "nope", "definition": "{}"}', 'not a request obc_assess.core.api answers: {"type": "nope"'),
    ('{"type": "evaluate"}', "not a request obc_assess.core.api answers"),
    ('{"type": "docx", "definition": "{}"}', "a 'docx' request needs 'responses'"),
])
def test_call_refuses_a_request_the_page_could_not_have_built(request_json: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        api.call(request_json)


@pytest.mark.parametrize(("request_type", "keys", "message"), [
    ("docx", {}, "a 'docx' request needs 'responses'"),
    ("compare", {"before": "{}"}, "a 'compare' request needs 'after'"),
    ("aggregate", {"anonymous": True}, "a 'aggregate' request needs 'files'"),
])
def test_only_a_missing_request_key_is_told_as_one(maturity: dict[str, Any], request_type: str, keys: dict[str, Any],
                                                   message: str) -> None:
    request = {"type": request_type, "definition": json.dumps(maturity), **keys}
    with pytest.raises(ValueError) as raised:
        api.call(json.dumps(request))
    assert str(raised.value) == message


@pytest.mark.parametrize(("request_type", "keys"), [
    ("evaluate", {"fields": "{}"}), ("import", {"text": "{}"}), ("compare", {"before": "{}", "after": "{}"})])
def test_a_key_missing_inside_the_answer_is_not_told_as_a_request_key(maturity: dict[str, Any], request_type: str,
                                                                     keys: dict[str, str]) -> None:
    # A definition without "id" (a build's bug, not the page's) is the KeyError it is, where it happens: it was
    # told as "a 'evaluate' request needs 'id'" when the whole answer was wrapped in `except KeyError`.
    del maturity["id"]
    with pytest.raises(KeyError) as raised:
        api.call(json.dumps({"type": request_type, "definition": json.dumps(maturity), **keys}))
    assert str(raised.value) == "'id'"
