"""The responses document: blank templates, applicability, and the validator's exact, complete messages."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from edits import DELETE, Changes, changed

from obc_assess.core.definition import items
from obc_assess.core.responses import Problem, ResponsesError, template, validate
from obc_assess.core.tailor import applies

SCOPE = 'context.scope: must be "choosing", "allocation" or null'
ROLE = 'respondent.role: must be "commissioner", "provider", "person-using-services-or-carer", "other" or ""'


def _valid(definition: dict[str, Any]) -> dict[str, Any]:
    return template(definition, model=None, scope=None)



def _messages(definition: dict[str, Any], doc: object) -> list[str]:
    return [str(p) for p in validate(definition, doc)]


# ---------------------------------------------------------------------------------------------- templates

def test_maturity_template(maturity: dict[str, Any]) -> None:
    doc = template(maturity)
    assert doc == {
        "format": "obc-assess/responses", "format_version": 5, "assessment": "procurement-review",
        "assessment_version": "1.0", "context": {"model": None, "scope": None},
        "respondent": {"name": "", "role": "", "organisation": ""}, "assessment_date": "",
        # Not decided and both scopes ask every item (issue 10: tailor, never shrink): cost (models 2 and 3)
        # and allocation (one scope) too.
        "answers": {key: {"level": None, "note": ""}
                    for key in ("outcomes-focus", "governance", "cost", "allocation", "focus-detail",
                                "extra-item")}}


@pytest.mark.parametrize(("model", "scope", "keys"), [
    (1, "choosing", ["outcomes-focus", "governance", "focus-detail", "extra-item"]),
    (1, None, ["outcomes-focus", "governance", "allocation", "focus-detail", "extra-item"]),
    (2, "choosing", ["outcomes-focus", "governance", "cost", "focus-detail", "extra-item"]),
    (3, "allocation", ["outcomes-focus", "governance", "cost", "allocation", "focus-detail", "extra-item"]),
    (None, "choosing", ["outcomes-focus", "governance", "cost", "focus-detail", "extra-item"]),
    (None, None, ["outcomes-focus", "governance", "cost", "allocation", "focus-detail", "extra-item"]),
])
def test_template_follows_model_and_scope(maturity: dict[str, Any], model: int | None, scope: str | None,
                                          keys: list[str]) -> None:
    doc = template(maturity, model, scope)
    assert list(doc["answers"]) == keys
    assert doc["context"] == {"model": model, "scope": scope}


def test_template_rejects_an_unknown_scope(maturity: dict[str, Any]) -> None:
    with pytest.raises(ResponsesError) as raised:
        template(maturity, scope="everything")
    assert [str(p) for p in raised.value.problems] == [SCOPE]
    assert isinstance(raised.value, ValueError)


def test_matrix_template_has_one_empty_area(matrix: dict[str, Any]) -> None:
    assert template(matrix)["answers"] == {
        "areas": [{"name": "", "levels": {"pressure": None, "priorities": None}, "note": ""}]}


def test_classification_template_is_an_empty_list(classification: dict[str, Any]) -> None:
    assert template(classification)["answers"] == {"measures": []}


@pytest.mark.parametrize("kind", ["maturity", "matrix", "classification"])
def test_templates_are_valid(kind: str, request: pytest.FixtureRequest) -> None:
    definition = request.getfixturevalue(kind)
    assert validate(definition, template(definition)) == []


def test_applies_when_the_assessment_asks_no_model(matrix: dict[str, Any]) -> None:
    item = matrix["sections"][0]["items"][0]
    item["models"] = [1]
    # asks_model is false, so the model filter is off: the item is asked whatever the model.
    assert applies(matrix, item, None, None)


# ---------------------------------------------------------------------------------------------- validation

# (case id, changes to a valid maturity document, the problems expected, in order)
FORMAT_MESSAGE = "must be 5 (or 1, 2, 3 or 4, for a file saved before format 5)"
MATURITY_CASES: list[tuple[str, Changes, list[str]]] = [
    ("valid", [], []),
    ("wrong format", [(("format",), "obc-assess/result")], ['format: must be "obc-assess/responses"']),
    ("format version 6", [(("format_version",), 6)], [f"format_version: {FORMAT_MESSAGE}"]),
    # True == 1 in Python; JSON true is not the number 1.
    ("format version true", [(("format_version",), True)], [f"format_version: {FORMAT_MESSAGE}"]),
    # Format 2 added the organisation and the assessment date; format 1 files are still read, without them.
    ("format version 1", [(("format_version",), 1), (("respondent", "organisation"), DELETE),
                          (("assessment_date",), DELETE)], []),
    ("format 1 with a date", [(("format_version",), 1), (("respondent", "organisation"), DELETE),
                              (("assessment_date",), "2026-03-02")],
     ["assessment_date: not part of a format 1 file; set format_version to 2"]),
    ("format 1 with an organisation", [(("format_version",), 1), (("assessment_date",), DELETE),
                                       (("respondent", "organisation"), "Cyngor")],
     ["respondent.organisation: not part of the respondent; remove it"]),
    ("organisation", [(("respondent", "organisation"), "Cyngor Gwynedd")], []),
    ("organisation too long", [(("respondent", "organisation"), "x" * 201)],
     ["respondent.organisation: too long (201 characters); shorten it to 200 or fewer"]),
    ("assessment date", [(("assessment_date",), "2026-03-02")], []),
    ("assessment date not real", [(("assessment_date",), "2026-02-30")],
     ['assessment_date: "2026-02-30" is not a date; write the day of the assessment as year-month-day, '
      'like "2026-03-02", or ""']),
    ("assessment date a number", [(("assessment_date",), 20260302)],
     ['assessment_date: a number is not a date; write the day of the assessment as year-month-day, '
      'like "2026-03-02", or ""']),
    # The answers are not checked against the wrong assessment: every key would be "not an item".
    ("another assessment", [(("assessment",), "contract-management-review"),
                            (("answers", "not-an-item"), {"level": 1})],
     ['assessment: this file is for "contract-management-review", not "Procurement review"']),
    ("assessment not text", [(("assessment",), 7)], ['assessment: must be "procurement-review"']),
    ("version not text", [(("assessment_version",), 1.0)], ['assessment_version: must be text, like "1.0"']),
    # A different version is not an error: the result reports it.
    ("older version", [(("assessment_version",), "0.9")], []),
    ("missing answers", [(("answers",), DELETE)], ['answers: missing; add "answers": {}']),
    ("missing context", [(("context",), DELETE)],
     ['context: missing; add "context": {"model": null, "scope": null}']),
    ("unknown top-level key", [(("answer",), {})], ["answer: not part of a responses document; remove it"]),
    # saved_at is ignored; a plan is checked (tests/test_plan.py), and an empty one is valid.
    ("saved_at and an empty plan", [(("saved_at",), "2024-01-01T10:00:00Z"), (("plan",), {})], []),
    ("model 4", [(("context", "model"), 4)], ["context.model: must be 1, 2, 3 or null"]),
    ("model as text", [(("context", "model"), "2")], ["context.model: must be 1, 2, 3 or null"]),
    ("model true", [(("context", "model"), True)], ["context.model: must be 1, 2, 3 or null"]),
    ("missing model means null", [(("context", "model"), DELETE)], []),
    ("unknown scope", [(("context", "scope"), "all")], [SCOPE]),
    # An unhashable value where a string is looked up must not crash the validator.
    ("scope as an object", [(("context", "scope"), {"id": "choosing"})],
     [SCOPE]),
    ("context not an object", [(("context",), [2])],
     ['context: must be an object like {"model": null, "scope": null}']),
    ("unknown context key", [(("context", "modle"), 2)],
     ["context.modle: not part of the context; remove it"]),
    ("role", [(("respondent", "role"), "manager")],
     [ROLE]),
    ("role as a list", [(("respondent", "role"), ["provider"])],
     [ROLE]),
    ("name too long", [(("respondent", "name"), "x" * 201)],
     ["respondent.name: too long (201 characters); shorten it to 200 or fewer"]),
    ("name at the limit", [(("respondent", "name"), "x" * 200)], []),
    ("name null", [(("respondent", "name"), None)],
     ['respondent.name: must be text in quotes, not null; use "" for none']),
    ("level 4", [(("answers", "governance", "level"), 4)],
     ['answers.governance.level: must be 0, 1, 2, 3, "na", "unknown" or null']),
    ("level -1", [(("answers", "governance", "level"), -1)],
     ['answers.governance.level: must be 0, 1, 2, 3, "na", "unknown" or null']),
    # 2.0 is not a level and true is not 1: levels are exact integers.
    ("level 2.0", [(("answers", "governance", "level"), 2.0)],
     ['answers.governance.level: must be 0, 1, 2, 3, "na", "unknown" or null']),
    ("level true", [(("answers", "governance", "level"), True)],
     ['answers.governance.level: must be 0, 1, 2, 3, "na", "unknown" or null']),
    ("level as text", [(("answers", "governance", "level"), "2")],
     ['answers.governance.level: must be 0, 1, 2, 3, "na", "unknown" or null']),
    ("not an item", [(("answers", "not-an-item"), {"level": 1, "note": ""})],
     ["answers.not-an-item: not an item of procurement-review; remove it"]),
    # An item for another model may be answered: it is accepted, and ignored when scoring.
    ("an item not asked for this model", [(("answers", "cost"), {"level": 3, "note": ""})], []),
    ("answer not an object", [(("answers", "governance"), 2)],
     ['answers.governance: must be an object like {"level": 2, "note": ""}']),
    ("unknown answer key", [(("answers", "governance", "evidence"), "x")],
     ['answers.governance.evidence: unknown key; use only "level", "note" and "na_reason"']),
    # Not applicable is a claim (issue 30): from format 4 it needs a one-line reason, and only it has one.
    ("not applicable with a reason", [(("answers", "governance"), {"level": "na", "na_reason": "Not ours."})], []),
    ("not applicable without a reason", [(("answers", "governance"), {"level": "na", "note": "", "na_reason": " "})],
     ["answers.governance.na_reason: needed: say in one line why this item does not apply, or choose another "
      "answer"]),
    ("not applicable, no reason key", [(("answers", "governance"), {"level": "na"})],
     ["answers.governance.na_reason: needed: say in one line why this item does not apply, or choose another "
      "answer"]),
    ("a reason beside a level", [(("answers", "governance"), {"level": 2, "na_reason": "Not ours."})],
     ['answers.governance.na_reason: only an answer of "na" has a reason; remove it, or set the level to "na"']),
    ("a reason too long", [(("answers", "governance"), {"level": "na", "na_reason": "r" * 301})],
     ["answers.governance.na_reason: too long (301 characters); shorten it to 300 or fewer"]),
    ("a reason not text", [(("answers", "governance"), {"level": "na", "na_reason": None})],
     ['answers.governance.na_reason: must be text in quotes, not null; use "" for none']),
    # Format 3 files came before reasons: their N/A reads as N/A (the result says it has no reason); a reason
    # there is format 4's.
    ("format 3 not applicable", [(("format_version",), 3), (("answers", "governance", "level"), "na")], []),
    ("format 3 with a reason", [(("format_version",), 3),
                                (("answers", "governance"), {"level": "na", "na_reason": "Not ours."})],
     ["answers.governance.na_reason: new in format 4 (a reason for not applicable); set format_version to 4 to "
      "keep it, or remove it"]),
    ("note too long", [(("answers", "governance", "note"), "n" * 5001)],
     ["answers.governance.note: too long (5,001 characters); shorten it to 5,000 or fewer"]),
    ("note a number", [(("answers", "governance", "note"), 5)],
     ['answers.governance.note: must be text in quotes, not a number; use "" for none']),
    ("answers a list", [(("answers",), [])],
     ['answers: must be an object with one entry per item, like {"item-id": {"level": 2, "note": ""}}']),
    # A key that is not a plain id is shown quoted (and shortened), never as raw text.
    ("odd key", [(("answers", "a.b c"), {})],
     ['answers["a.b c"]: not an item of procurement-review; remove it']),
    ("huge key", [(("answers", "k" * 1000), {})],
     [f'answers["{"k" * 60}…"]: not an item of procurement-review; remove it']),
    # A lone surrogate cannot be written as UTF-8: reported, and escaped wherever it is shown.
    ("broken character in a note", [(("answers", "governance", "note"), "caf\ud800")],
     ["answers.governance.note: contains a broken character (an unpaired surrogate); retype the text"]),
    ("broken character in a key", [(("answers", "x\ud800"), {})],
     ['answers["x\\ud800"]: not an item of procurement-review; remove it']),
    # Every problem is reported, not just the first.
    ("many at once", [(("format",), None), (("context", "model"), 0), (("answers", "governance", "level"), 9),
                      (("answers", "governance", "note"), None)],
     ['format: must be "obc-assess/responses"', "context.model: must be 1, 2, 3 or null",
      'answers.governance.level: must be 0, 1, 2, 3, "na", "unknown" or null',
      'answers.governance.note: must be text in quotes, not null; use "" for none']),
]


@pytest.mark.parametrize(("changes", "expected"), [c[1:] for c in MATURITY_CASES],
                         ids=[c[0] for c in MATURITY_CASES])
def test_maturity_validation(maturity: dict[str, Any], changes: Changes,
                             expected: list[str]) -> None:
    assert _messages(maturity, changed(_valid(maturity), changes)) == expected


def test_every_required_key_missing(maturity: dict[str, Any]) -> None:
    assert _messages(maturity, {}) == [
        'format: missing; add "format": "obc-assess/responses"',
        "format_version: missing; add \"format_version\": 5",
        'assessment: missing; add "assessment": "procurement-review"',
        'assessment_version: missing; add "assessment_version": "1.0"',
        'context: missing; add "context": {"model": null, "scope": null}',
        'respondent: missing; add "respondent": {"name": "", "role": "", "organisation": ""}',
        'answers: missing; add "answers": {}']


@pytest.mark.parametrize(("root", "kind"), [([], "a list"), ("text", "text"), (None, "null"), (3, "a number"),
                                            (True, "true or false")])
def test_root_must_be_an_object(maturity: dict[str, Any], root: object, kind: str) -> None:
    assert _messages(maturity, root) == [
        f"(file): must be a JSON object ({{...}}) holding a responses document, not {kind}"]


def _areas(*areas: object) -> Changes:
    return [(("answers", "areas"), list(areas))]


MATRIX_CASES: list[tuple[str, Changes, list[str]]] = [
    ("one area", _areas({"name": "Home care", "levels": {"pressure": 3}, "note": ""}), []),
    ("no areas", _areas(), []),
    # A wholly blank row (as the template has) is ignored, not an error.
    ("blank row", _areas({"name": "", "levels": {"pressure": None}, "note": ""}), []),
    ("ratings without a name", _areas({"name": " ", "levels": {"pressure": 1}}),
     ["answers.areas[0].name: give this service area a name, or remove it"]),
    # Names are compared ignoring case and spacing: the ranking names areas, so each must be distinct.
    ("same name twice", _areas({"name": "Home care"}, {"name": "Reablement"}, {"name": " home  CARE"}),
     ['answers.areas[2].name: " home  CARE" is already used by areas[0]; '
      "give each service area a different name"]),
    # The priority scale has no "not applicable".
    ("na on a scale without it", _areas({"name": "A", "levels": {"pressure": "na"}}),
     ['answers.areas[0].levels.pressure: must be 0, 1, 2, 3, "unknown" or null']),
    ("unknown criterion", _areas({"name": "A", "levels": {"speed": 1}}),
     ["answers.areas[0].levels.speed: not a criterion of review-priorities; remove it"]),
    ("levels a list", _areas({"name": "A", "levels": [1, 2]}),
     ['answers.areas[0].levels: must be an object with one entry per criterion, like {"pressure": 2}']),
    ("area not an object", _areas("Home care"),
     ['answers.areas[0]: must be an object like {"name": "", "levels": {}, "note": ""}']),
    ("unknown area key", _areas({"name": "A", "class": "x"}),
     ['answers.areas[0].class: unknown key; use only "name", "levels", "note"']),
    ("name too long", _areas({"name": "n" * 201}),
     ["answers.areas[0].name: too long (201 characters); shorten it to 200 or fewer"]),
    ("areas missing", [(("answers", "areas"), DELETE)],
     ['answers.areas: missing; add "areas": [{"name": "", "levels": {}, "note": ""}]']),
    ("areas null", [(("answers", "areas"), None)],
     ['answers.areas: must be a list, like "areas": [{"name": "", "levels": {}, "note": ""}]']),
    ("areas an object", [(("answers", "areas"), {})],
     ['answers.areas: must be a list, like "areas": [{"name": "", "levels": {}, "note": ""}]']),
    ("answers for a maturity assessment", [(("answers",), {"pressure": {"level": 1}})],
     ['answers.pressure: unknown key; use only "areas"',
      'answers.areas: missing; add "areas": [{"name": "", "levels": {}, "note": ""}]']),
    # The matrix does not ask for a model; a model given anyway is allowed (and ignored).
    ("a model given anyway", [(("context", "model"), 2)], []),
    ("a scope on an assessment without one", [(("context", "scope"), "choosing")],
     ["context.scope: this assessment has no scope question; set it to null"]),
]


@pytest.mark.parametrize(("changes", "expected"), [c[1:] for c in MATRIX_CASES],
                         ids=[c[0] for c in MATRIX_CASES])
def test_matrix_validation(matrix: dict[str, Any], changes: Changes,
                           expected: list[str]) -> None:
    assert _messages(matrix, changed(_valid(matrix), changes)) == expected


def _measures(*measures: object) -> Changes:
    return [(("answers", "measures"), list(measures))]


CLASSIFICATION_CASES: list[tuple[str, Changes, list[str]]] = [
    ("classified", _measures({"name": "Hours", "class": "output", "note": ""}), []),
    ("not yet classified", _measures({"name": "Hours", "class": None}), []),
    # Measures may share a name: contracts can repeat a measure for different services.
    ("same name twice", _measures({"name": "Hours"}, {"name": "Hours"}), []),
    ("unknown class", _measures({"name": "Hours", "class": "outcome"}),
     ['answers.measures[0].class: must be "outcome-individual", "output", "input" or null']),
    ("class as a list", _measures({"name": "Hours", "class": ["output"]}),
     ['answers.measures[0].class: must be "outcome-individual", "output", "input" or null']),
    ("a class without a name", _measures({"name": "", "class": "output"}),
     ["answers.measures[0].name: give this measure a name, or remove it"]),
    ("name not text", _measures({"name": 12, "class": "output"}),
     ['answers.measures[0].name: must be text in quotes, not a number; use "" for none']),
    ("levels are for matrices", _measures({"name": "Hours", "levels": {}}),
     ['answers.measures[0].levels: unknown key; use only "name", "class", "note"']),
]


@pytest.mark.parametrize(("changes", "expected"), [c[1:] for c in CLASSIFICATION_CASES],
                         ids=[c[0] for c in CLASSIFICATION_CASES])
def test_classification_validation(classification: dict[str, Any], changes: Changes,
                                   expected: list[str]) -> None:
    assert _messages(classification, changed(_valid(classification), changes)) == expected


# (path, the form field a problem there belongs to)
FIELD_CASES = [
    ("context.model", "context-model"),
    ("answers.governance.level", "item:governance"),
    ("answers.governance.note", "note:governance"),
    ("answers.not-an-item", None),
    ("format", None),
]


@pytest.mark.parametrize(("path", "field"), FIELD_CASES)
def test_problems_name_their_form_field(maturity: dict[str, Any], path: str, field: str | None) -> None:
    doc = changed(_valid(maturity), [(("context", "model"), 9),
                                     (("answers", "governance"), {"level": 9, "note": 1}),
                                     (("answers", "not-an-item"), {}), (("format",), "x")])
    fields = {p.path: p.field for p in validate(maturity, doc)}
    assert fields[path] == field


def test_row_problems_name_their_row_field(matrix: dict[str, Any]) -> None:
    doc = changed(_valid(matrix), _areas({"name": "A"}, {"name": "", "levels": {"pressure": 9}}))
    assert [(p.path, p.field) for p in validate(matrix, doc)] == [
        ("answers.areas[1].levels.pressure", "row:1:level:pressure"), ("answers.areas[1].name", "row:1:name")]


def test_problem_to_dict_and_error() -> None:
    problem = Problem("context.model", "must be 1, 2, 3 or null", field="context-model")
    assert problem.to_dict() == {"path": "context.model", "message": "must be 1, 2, 3 or null",
                                 "field": "context-model"}
    error = ResponsesError([problem, Problem("format", "must be 1")])
    assert str(error) == "context.model: must be 1, 2, 3 or null\nformat: must be 1"
    assert error.problems[0] is problem


# Hostile shapes anywhere: the validator reports them and never raises.
HOSTILE = [None, True, 0, -1, 1e308, "", "x" * 100_000, [], [None], {}, {"": None}, [[[[[]]]]],
           {"a": {"b": {}}}]


@pytest.mark.parametrize("value", HOSTILE, ids=[f"v{i}" for i in range(len(HOSTILE))])
@pytest.mark.parametrize("kind", ["maturity", "matrix", "classification"])
def test_never_raises_on_any_value_anywhere(kind: str, value: object, request: pytest.FixtureRequest) -> None:
    definition = request.getfixturevalue(kind)
    doc = _valid(definition)
    rows = "areas" if kind == "matrix" else "measures"
    places: list[tuple[Any, ...]] = [("format",), ("context",), ("context", "model"), ("respondent",),
                                     ("respondent", "role"), ("answers",)]
    if kind == "maturity":
        places += [("answers", "governance"), ("answers", "governance", "level")]
    else:
        doc["answers"][rows] = [{"name": "A", "note": ""}]
        places += [("answers", rows), ("answers", rows, 0), ("answers", rows, 0, "name"),
                   ("answers", rows, 0, "levels" if kind == "matrix" else "class")]
    for place in places:
        problems = validate(definition, changed(doc, [(place, value)]))
        json.dumps([p.to_dict() for p in problems])  # always JSON-able
        for p in problems:
            assert len(str(p)) < 400, "a message must not repeat a huge value"


@pytest.mark.parametrize(("version", "expected"), [
    # This version of the assessment refuses N/A where the source expects the item of every authority.
    ("1.0", ['answers.governance.level: cannot be "na": the source expects this of every authority, so it is never '
             'not applicable; use 0, 1, 2, 3, "unknown" or null']),
    # A file for an earlier version answered when N/A was allowed: it still reads as an answer.
    ("0.9", []),
])
def test_not_applicable_is_refused_where_the_source_expects_the_item(maturity: dict[str, Any], version: str,
                                                                    expected: list[str]) -> None:
    definition = copy.deepcopy(maturity)
    next(item for _, item in items(definition) if item["id"] == "governance")["na"] = False
    doc = template(definition)
    doc["assessment_version"] = version
    doc["answers"]["governance"] = {"level": "na", "note": "", "na_reason": "Not ours."}
    assert _messages(definition, doc) == expected
