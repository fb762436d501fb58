"""A form copy (the page's fields as typed, exported without Python) reads as an answers file everywhere."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from asked import ask, form_of

from obc_assess.core import api
from obc_assess.core.form_copy import read
from obc_assess.core.responses import template
from obc_assess.core.scoring import score

DELETE = object()


def _answers(maturity: dict[str, Any]) -> dict[str, Any]:
    doc = template(maturity, model=2)
    doc["answers"]["outcomes-focus"] = {"level": 2, "note": "Seen in the 2025 contracts."}
    doc["answers"]["governance"]["level"] = "unknown"
    doc["respondent"]["organisation"] = "Cyngor Gwynedd"
    doc["assessment_date"] = "2026-03-02"
    return doc


def _copy(maturity: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """The file the page exports without Python: its saved :form copy, wrapped."""
    form = form_of(maturity, doc)
    return {"format": "obc-assess/form-copy", "format_version": 1, "assessment": maturity["id"],
            "assessment_version": maturity["version"], "saved_at": "2026-03-02T10:00:00.000Z",
            "form": {"format": 3, "version": maturity["version"], "rows": form["rows"], "fields": form["fields"]}}


def test_a_good_copy_scores_as_the_answers_it_holds(maturity: dict[str, Any]) -> None:
    doc = _answers(maturity)
    text = json.dumps(_copy(maturity, doc))
    assert ask("plan-csv", maturity, responses=text) == ask("plan-csv", maturity, responses=json.dumps(doc))
    read_doc, problems = read(maturity, json.loads(text))
    assert not problems and score(maturity, read_doc) == score(maturity, doc)
    # Imported into the page with Python: the same fields come back.
    imported = json.loads(api.form_values_migrating(json.dumps(maturity), text))
    assert imported["ok"] and imported["form"]["fields"]["note:outcomes-focus"] == "Seen in the 2025 contracts."
    assert [imported["form"]["fields"][f"assessment-date:{part}"] for part in ("day", "month", "year")] == [
        "2", "3", "2026"]


def test_any_other_file_is_read_as_it_is(maturity: dict[str, Any]) -> None:
    doc = _answers(maturity)
    assert read(maturity, doc) == (doc, [])
    assert read(maturity, [1]) == ([1], [])


# (case, changes to the copy as (path, value), the problems as "path: message")
CASES = [
    ("wrong assessment", [(("assessment",), "measure-mix")],
     ['assessment: this file is for "Measure mix" (measure-mix), not "Procurement review"']),
    ("fields not text", [(("form", "fields", "respondent-name"), 3)],
     ['form.fields: must be an object of field names and their text, like {"respondent-name": ""}']),
    ("fields not an object", [(("form", "fields"), ["item:governance"])],
     ['form.fields: must be an object of field names and their text, like {"respondent-name": ""}']),
    ("no form", [(("form",), DELETE)], ["form: missing; this file holds no form fields, so export it again"]),
    ("old field names", [(("form", "format"), 1)], ["form.format: must be 3; export the answers again from the page"]),
    ("format version", [(("format_version",), 2)], ["format_version: must be 1 in a form copy"]),
    ("no assessment", [(("assessment",), DELETE)], ['assessment: missing or not text; add "assessment": "<id>"']),
    ("a level not on the scale", [(("form", "fields", "item:governance"), "7")],
     ["answers.governance.level: must be 0, 1, 2, 3, \"na\", \"unknown\" or null"]),
    ("a date that is not a day", [(("form", "fields", "assessment-date:day"), "30"),
                                  (("form", "fields", "assessment-date:month"), "2")],
     ['assessment_date: "2026-02-30" is not a date; write the day of the assessment as year-month-day, '
      'like "2026-03-02", or ""']),
]


@pytest.mark.parametrize(("changes", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_bad_copy_says_what_is_wrong(maturity: dict[str, Any], changes: list[tuple[tuple[str, ...], object]],
                                       expected: list[str]) -> None:
    value = _copy(maturity, _answers(maturity))
    for path, new in changes:
        at = value
        for key in path[:-1]:
            at = at[key]
        if new is DELETE:
            del at[path[-1]]
        else:
            at[path[-1]] = copy.deepcopy(new)
    answer = ask("plan-csv", maturity, responses=json.dumps(value))
    assert [f"{p['path']}: {p['message']}" for p in answer["problems"]] == expected
    assert answer["csv"] is None


def test_the_team_pages_merge_and_compare_a_copy_with_answers_files(maturity: dict[str, Any]) -> None:
    doc = _answers(maturity)
    text, copy_text = json.dumps(doc), json.dumps(_copy(maturity, doc))
    files = json.dumps([{"name": "a.json", "text": text}, {"name": "b.json", "text": copy_text}])
    merged = json.loads(api.aggregate_json(json.dumps(maturity), files))
    # Read as the same answers as a.json: one person, counted once (team.same_answers), as a.json twice is.
    assert [f["ok"] for f in merged["files"]] == [True, False]
    assert merged["files"][1]["problems"][0]["message"] == "the same answers as another file (a.json), so counted once"
    assert merged["result"] == json.loads(api.aggregate_json(json.dumps(maturity), json.dumps(
        [{"name": "a.json", "text": text}, {"name": "b.json", "text": text}])))["result"]
    compared = json.loads(api.compare_json(json.dumps(maturity), copy_text, text))
    assert compared["ok"] and compared["result"] == json.loads(api.compare_json(json.dumps(maturity), text, text))[
        "result"]


# ---- Fields for items the assessment does not have: never dropped silently (issue 35, failure 10) ----------

GONE = {"item:retired-practice": "2", "note:retired-practice": "Kept in the 2025 file",
        "plan-action:retired-practice": "Review it", "plan-due:retired-practice:day": "4",
        "evidence:retired-practice:0:what": "Board minutes"}


def _older_copy(maturity: dict[str, Any], version: str) -> dict[str, Any]:
    value = _copy(maturity, _answers(maturity))
    value["assessment_version"] = value["form"]["version"] = version
    value["form"]["fields"].update(GONE)
    return value


def test_a_copy_for_an_older_version_goes_back_without_the_items_gone_each_named(maturity: dict[str, Any]) -> None:
    value = _older_copy(maturity, "0.9")
    value["form"]["fields"]["assessment-date:month"] = "March"  # typed wrong: kept as typed, checked later
    answer = form_of_copy(maturity, value)
    assert answer["ok"] and answer["dropped"] == ["retired-practice"]
    assert not set(GONE) & set(answer["form"]["fields"])
    assert answer["form"]["fields"]["assessment-date:month"] == "March"
    assert answer["form"]["fields"]["note:outcomes-focus"] == "Seen in the 2025 contracts."
    assert "retired-practice (answer, action plan and evidence)" in answer["notice"]
    assert answer["notice"].startswith("These answers were saved for version 0.9 of this assessment")


def test_a_copy_for_this_version_with_fields_for_no_item_is_refused_naming_each(maturity: dict[str, Any]) -> None:
    value = _older_copy(maturity, maturity["version"])
    answer = form_of_copy(maturity, value)
    expected = [f"form.fields.{name}: not an item of procurement-review; remove it" for name in GONE]
    assert [f"{p['path']}: {p['message']}" for p in answer["problems"]] == expected
    assert answer["form"] is None


@pytest.mark.parametrize("version", ["0.9", "same"])
def test_reading_a_copy_as_answers_names_each_field_for_no_item(maturity: dict[str, Any], version: str) -> None:
    # The command line, the team pages and the files of a comparison: as an unknown item in an answers document.
    value = _older_copy(maturity, maturity["version"] if version == "same" else version)
    doc, problems = read(maturity, value)
    assert doc is None
    assert [p.path for p in problems] == [f"form.fields.{name}" for name in GONE]


def form_of_copy(definition: dict[str, Any], value: dict[str, Any]) -> dict[str, Any]:
    return ask("fields", definition, responses=json.dumps(value))


def test_the_answers_as_typed_come_back_whatever_their_problems(maturity: dict[str, Any]) -> None:
    fields = {"note:outcomes-focus": "Typed before the date", "assessment-date:day": "31",
              "assessment-date:month": "Mar", "assessment-date:year": "2026"}
    answer = ask("evaluate", maturity, fields=json.dumps(fields))
    assert not answer["ok"] and answer["responses"] is None
    assert answer["typed"]["assessment_date"] == "2026-Mar-31"
    assert answer["typed"]["answers"]["outcomes-focus"]["note"] == "Typed before the date"
    assert ask("evaluate", maturity, fields="[]")["typed"] is None
