"""The form's problems in the page's words, collision-free field names, and one bad field leaving out only itself."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from obc_assess.core import api
from obc_assess.core.form import FormIndex, from_form, index, to_form
from obc_assess.core.form_words import date_message

LABEL = "Due date for \u201cGovernance\u201d"


@pytest.mark.parametrize(("day", "month", "year", "message"), [
    ("", "3", "2027", f"{LABEL} must include a day"),
    ("31", "", "", f"{LABEL} must include a month and year"),
    ("", "", "2027", f"{LABEL} must include a day and month"),
    ("10", "3", "32025", f"{LABEL} must have a year of 4 numbers, like 2027"),
    ("10", "3", "25", f"{LABEL} must have a year of 4 numbers, like 2027"),
    ("31", "2", "2027", f"{LABEL} must be a real date, like 31 3 2027"),
    ("1st", "3", "2027", f"{LABEL} must be a real date, like 31 3 2027"),
    ("10", "13", "2027", f"{LABEL} must be a real date, like 31 3 2027"),
])
def test_a_mistyped_due_date_is_named_in_words(maturity: dict[str, Any], day: str, month: str, year: str,
                                               message: str) -> None:
    boxes = {"day": day, "month": month, "year": year}
    assert date_message(LABEL, boxes) == message
    fields = {"item:governance": "2", **{f"plan-due:governance:{k}": v for k, v in boxes.items()}}
    answer = json.loads(api.evaluate_form(json.dumps(maturity), json.dumps(fields)))
    assert answer["problems"] == [{"path": "plan.governance.due", "field": "plan-due:governance", "message": message,
                                   "left_out": "The results leave out due date for \u201cGovernance\u201d until "
                                               "this is put right."}]


@pytest.mark.parametrize(("day", "month", "year", "due"), [
    ("31", "3", "2027", "2027-03-31"), (" 1 ", "02", "2026", "2026-02-01"), ("", "", "", "")])
def test_three_boxes_make_one_iso_date(maturity: dict[str, Any], day: str, month: str, year: str, due: str) -> None:
    fields = {"plan-action:governance": "Ask", "plan-due:governance:day": day, "plan-due:governance:month": month,
              "plan-due:governance:year": year}
    doc, _ = from_form(maturity, fields)
    assert doc["plan"]["governance"]["due"] == due


def test_a_bad_date_hides_only_itself(maturity: dict[str, Any]) -> None:
    fields = {"item:governance": "2", "item:cost": "3", "plan-action:governance": "Ask finance",
              "plan-due:governance:day": "10", "plan-due:governance:month": "3", "plan-due:governance:year": "32025"}
    answer = json.loads(api.evaluate_form(json.dumps(maturity), json.dumps(fields)))
    good = json.loads(api.evaluate_form(json.dumps(maturity), json.dumps(
        {**fields, "plan-due:governance:year": "", "plan-due:governance:month": "", "plan-due:governance:day": ""})))
    assert answer["ok"] is False and good["ok"] is True
    # Every score is there; the plan keeps its action, without the date; nothing is exported until it is put right.
    assert answer["result"] == good["result"]
    assert answer["result"]["overall"]["percent"] is not None
    assert answer["applicable"] == good["applicable"]
    assert (answer["responses"], answer["csv"]) == (None, None)


def test_a_repeated_area_name_is_said_in_words(matrix: dict[str, Any]) -> None:
    fields = {"row:0:name": "Reablement", "row:0:level:pressure": "3", "row:1:name": "",
              "row:2:name": "reablement", "row:2:level:pressure": "1"}
    answer = json.loads(api.evaluate_form(json.dumps(matrix), json.dumps(fields)))
    assert [(p["field"], p["message"], p["left_out"]) for p in answer["problems"]] == [
        ("row:2:name", "The name of service area 3 is the same as service area 1's: give each service area a "
                       "different name", "The results leave out service area 3 until this is put right.")]
    assert [area["name"] for area in answer["result"]["matrix"]["areas"]] == ["Reablement"]
    assert "areas[0]" not in json.dumps(answer["problems"])


def test_other_problems_name_their_field_by_label(maturity: dict[str, Any]) -> None:
    fields = {"item:governance": "9", "note:cost": "x" * 5001, "respondent-role": "boss"}
    answer = json.loads(api.evaluate_form(json.dumps(maturity), json.dumps(fields)))
    assert [(p["field"], p["message"]) for p in answer["problems"]] == [
        ("respondent-role", 'Your role: must be "commissioner", "provider", "person-using-services-or-carer", '
                            '"other" or ""'),
        ("item:governance", '\u201cGovernance\u201d: must be 0, 1, 2, 3, "na", "unknown" or null'),
        ("note:cost",
         "Evidence or note for \u201cCosts\u201d: too long (5,001 characters); shorten it to 5,000 or fewer")]
    assert answer["result"] is not None


# Not applicable is a claim (issue 30): its reason box is na-reason:<id>, and until a reason is given the answer
# waits (counted as not answered), with the problem at the box.
@pytest.mark.parametrize(("reason", "problems", "status"), [
    ("We commission in one city.", [], "na"),
    ("", [("answers.governance.na_reason", "na-reason:governance",
           "Why \u201cGovernance\u201d does not apply: needed: say in one line why this item does not apply, or choose "
           "another answer", "The results leave out \u201cGovernance\u201d until this is put right.")], "unanswered"),
    ("r" * 301, [("answers.governance.na_reason", "na-reason:governance",
                  "Why \u201cGovernance\u201d does not apply: too long (301 characters); shorten it to 300 or fewer",
                  "The results leave out \u201cGovernance\u201d until this is put right.")], "unanswered"),
])
def test_not_applicable_waits_for_its_reason(maturity: dict[str, Any], reason: str,
                                            problems: list[tuple[str, str, str, str]], status: str) -> None:
    fields = {"item:governance": "na", "na-reason:governance": reason, "item:outcomes-focus": "2"}
    answer = json.loads(api.evaluate_form(json.dumps(maturity), json.dumps(fields)))
    assert [(p["path"], p["field"], p["message"], p["left_out"]) for p in answer["problems"]] == problems
    row = next(i for i in answer["result"]["working"]["items"] if i["id"] == "governance")
    assert row["status"] == status
    if not problems:
        assert answer["responses"]["answers"]["governance"] == {"level": "na", "note": "", "na_reason": reason}
        assert row["answer_label"] == f"Not applicable: {reason}"


def test_a_reason_typed_then_another_answer_chosen_stays_on_the_form_not_in_the_file(maturity: dict[str, Any]) -> None:
    # The box keeps what was typed (nothing a person types is lost), but only "na" carries a reason.
    doc, _ = from_form(maturity, {"item:governance": "2", "na-reason:governance": "Typed first"})
    assert doc["answers"]["governance"] == {"level": 2, "note": ""}
    doc["answers"]["cost"] = {"level": "na", "note": "", "na_reason": "Not ours"}
    fields = to_form(maturity, doc)["fields"]
    assert (fields["na-reason:cost"], fields["na-reason:governance"]) == ("Not ours", "")
    assert from_form(maturity, fields)[0]["answers"]["cost"] == {"level": "na", "note": "", "na_reason": "Not ours"}


def _renamed(definition: dict[str, Any], ids: list[str]) -> dict[str, Any]:
    out = copy.deepcopy(definition)
    flat = [item for section in out["sections"] for item in section["items"]]
    for item, new in zip(flat, ids, strict=False):
        item["id"] = new
    return out


@pytest.mark.parametrize("ids", [["x", "x-note"], ["x", "x-plan-due"], ["x", "x-1"], ["note", "plan-action"]])
def test_item_ids_that_once_collided_keep_their_own_fields(maturity: dict[str, Any], ids: list[str]) -> None:
    definition = _renamed(maturity, ids)
    a, b = ids
    fields = {f"item:{a}": "1", f"note:{a}": "mine", f"item:{b}": "3", f"note:{b}": "theirs",
              f"plan-action:{a}": "act", f"plan-due:{b}:day": "1", f"plan-due:{b}:month": "2",
              f"plan-due:{b}:year": "2027"}
    doc, _ = from_form(definition, fields)
    assert doc["answers"][a] == {"level": 1, "note": "mine"}
    assert doc["answers"][b] == {"level": 3, "note": "theirs"}
    assert doc["plan"][a]["action"] == "act" and doc["plan"][a]["due"] == ""
    assert doc["plan"][b]["due"] == "2027-02-01" and doc["plan"][b]["action"] == ""
    back = to_form(definition, doc)["fields"]
    assert from_form(definition, back)[0] == doc


def test_a_criterion_called_name_keeps_its_own_field(matrix: dict[str, Any]) -> None:
    definition = _renamed(matrix, ["name", "note"])
    fields = {"row:0:name": "Home care", "row:0:level:name": "3", "row:0:level:note": "1", "row:0:note": "n"}
    doc, _ = from_form(definition, fields)
    assert doc["answers"]["areas"] == [{"name": "Home care", "levels": {"name": 3, "note": 1}, "note": "n"}]
    assert to_form(definition, doc)["fields"] == {**fields, "context-model": "", "context-scope": "",
                                                  "respondent-name": "", "respondent-role": "",
                                                  "respondent-organisation": "", "assessment-date:day": "",
                                                  "assessment-date:month": "", "assessment-date:year": "",
                                                  "review": ""}


@pytest.mark.parametrize(("names", "expected"), [
    ([], FormIndex([], {}, {})),
    (["row:2:name", "row:0:note", "row:2:level:a", "row:10:class"],
     FormIndex([0, 2, 10], {"2": ["row:2:name", "row:2:level:a"], "0": ["row:0:note"], "10": ["row:10:class"]}, {})),
    # A number written with a leading zero is the same row number, but not the same fields (row:1:... are read).
    (["row:01:name", "row:1:note"], FormIndex([1], {"01": ["row:01:name"], "1": ["row:1:note"]}, {})),
    (["evidence:a:3:what", "evidence:b:0:kind", "evidence:a:1:what", "evidence:a:3:kind", "evidence:a:1:review-by:day"],
     FormIndex([], {}, {"a": [1, 3], "b": [0]})),
    # Not numbered fields: an item's own, and names the scheme does not make.
    (["item:a", "note:a", "plan-due:a:day", "row::name", "row:x:name", "evidence:a:x:what", "evidence::0:what",
      "rows:0:name"], FormIndex([], {}, {})),
])
def test_the_forms_numbered_fields_are_indexed_in_one_pass(names: list[str], expected: FormIndex) -> None:
    assert index(dict.fromkeys(names, "")) == expected


def test_blank_rows_and_evidence_entries_are_left_out_where_the_form_has_gaps(
        maturity: dict[str, Any], matrix: dict[str, Any]) -> None:
    doc, places = from_form(maturity, {"evidence:governance:4:what": "Minutes", "evidence:governance:2:kind": "",
                                       "evidence:governance:7:strength": "documented", "evidence:cost:1:what": " "})
    assert [e["what"] for e in doc["evidence"]["governance"]] == ["Minutes", ""]
    assert (places.evidence, places.form_evidence) == ({"governance": [4, 7]}, {"governance": [2, 4, 7], "cost": [1]})
    doc, places = from_form(matrix, {"row:3:name": "Day care", "row:1:name": " ", "row:5:note": "x",
                                     "row:01:note": "y"})
    # Row 1 is blank: its own fields are (row:01:note is not one of them).
    assert [(row["name"], row["note"]) for row in doc["answers"]["areas"]] == [("Day care", ""), ("", "x")]
    assert (places.rows, places.form_rows) == ([3, 5], [1, 3, 5])
