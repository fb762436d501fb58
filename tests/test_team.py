"""Team results: several people's answers merged, exactly; bad files reported and left out; the JSON boundary."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from answering import REASON, answer

from obc_assess.core import api
from obc_assess.core.report_team import TEAM_COLUMNS, team_csv, team_markdown
from obc_assess.core.responses import template
from obc_assess.core.stats import change, spread
from obc_assess.core.team import aggregate, with_skipped


def _person(definition: dict[str, Any], name: str, role: str, model: int | None,
            levels: dict[str, object]) -> dict[str, Any]:
    doc = template(definition, model)
    doc["respondent"] = {"name": name, "role": role}
    for key, level in levels.items():
        doc["answers"][key] = answer(level)
    return doc


def _team(maturity: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    # Outcomes section (outcomes-focus weight 2, governance 1, cost 1 for models 2 and 3 only):
    # Ann (2*3/3 + 0 + 3/3) / 4 = 75%; Bob (2*1/3 + 2/3) / 3 = 4/9 = 44.4% (cost unknown);
    # the third (model 1: cost not asked; governance N/A) 0 / 2 = 0%.
    return [("ann.json", _person(maturity, "Ann", "commissioner", 2,
                                 {"outcomes-focus": 3, "governance": 0, "cost": 3})),
            ("bob.json", _person(maturity, " Bob ", "provider", 2,
                                 {"outcomes-focus": 1, "governance": 2, "cost": "unknown"})),
            ("cy.json", _person(maturity, "", "provider", 1, {"outcomes-focus": 0, "governance": "na"}))]


def _item(result: dict[str, Any], item_id: str) -> dict[str, Any]:
    return next(i for i in result["items"] if i["id"] == item_id)


def test_maturity_merge_exactly(maturity: dict[str, Any]) -> None:
    result = aggregate(maturity, _team(maturity))
    assert result["format"] == "obc-assess/team" and result["format_version"] == 1
    assert [(p["n"], p["name"], p["file"], p["role"], p["model"], p["percent"]) for p in result["respondents"]] == [
        (1, "Ann", "ann.json", "commissioner", 2, 75.0), (2, "Bob", "bob.json", "provider", 2, 44.4),
        (3, "Respondent 3", "cy.json", "provider", 1, 0.0)]
    # Mean (75 + 400/9 + 0) / 3 = 1075/27 = 39.81...; median 44.4; range 75.
    assert {k: result["overall"][k] for k in ("respondents", "mean", "median", "min", "max", "range")} == {
        "respondents": 3, "mean": 39.8, "median": 44.4, "min": 0.0, "max": 75.0, "range": 75.0}
    outcomes = result["sections"][0]
    assert outcomes["percents"] == [{"respondent": "Ann", "percent": 75.0}, {"respondent": "Bob", "percent": 44.4},
                                    {"respondent": "Respondent 3", "percent": 0.0}]
    assert (outcomes["mean"], outcomes["answered"], outcomes["na"], outcomes["unknown"], outcomes["total"]) == (
        39.8, 6, 1, 1, 8)
    assert result["sections"][1]["mean"] is None  # nobody rated an item there
    focus = _item(result, "outcomes-focus")
    # Levels 3, 1, 0: mean 4/3.
    assert {k: focus[k] for k in ("respondents", "mean", "median", "min", "max", "range", "answered")} == {
        "respondents": 3, "mean": 1.3, "median": 1.0, "min": 0, "max": 3, "range": 3, "answered": 3}
    assert focus["levels"][1] == {"respondent": "Bob", "asked": True, "level": 1, "label": "Developing",
                                  "na_reason": "", "text": "Developing"}
    # cost applies to models 2 and 3: summarised over Ann and Bob only.
    cost = _item(result, "cost")
    assert (cost["respondents"], cost["answered"], cost["unknown"], cost["mean"], cost["range"]) == (2, 1, 1, 3.0, 0)
    assert cost["levels"][2] == {"respondent": "Respondent 3", "asked": False, "level": None, "label": None,
                                 "na_reason": "", "text": "Not asked"}
    governance = _item(result, "governance")
    assert (governance["na"], governance["mean"], governance["range"]) == (1, 1.0, 2)
    # Not applicable is shown with its reason in the team views too (issue 30).
    assert governance["levels"][2] == {"respondent": "Respondent 3", "asked": True, "level": "na",
                                       "label": "Not applicable", "na_reason": REASON,
                                       "text": f"Not applicable: {REASON}"}


def test_disagreements_widest_first_with_who_said_what(maturity: dict[str, Any]) -> None:
    result = aggregate(maturity, _team(maturity))
    assert result["disagreements"] == [
        {"id": "outcomes-focus", "title": "Outcomes focus", "section": "outcomes", "range": 3, "min": 0, "max": 3,
         "mean": 1.3, "lowest": ["Respondent 3"], "highest": ["Ann"], "min_label": "Not in place",
         "max_label": "Embedded", "agreement": APART, "text": "from Not in place (Respondent 3) to Embedded (Ann)"},
        {"id": "governance", "title": "Governance", "section": "outcomes", "range": 2, "min": 0, "max": 2,
         "mean": 1.0, "lowest": ["Ann"], "highest": ["Bob"], "min_label": "Not in place",
         "max_label": "Established", "agreement": APART, "text": "from Not in place (Ann) to Established (Bob)"}]
    assert result["disagreement"] == {
        "threshold": 2, "rule": "Items whose answers are two or more levels apart: worth talking through together.",
        "none": "No item's answers are two or more levels apart."}


APART = {"id": "apart", "label": "Far apart: worth talking through"}


def test_roles_side_by_side(maturity: dict[str, Any]) -> None:
    roles = aggregate(maturity, _team(maturity))["roles"]
    assert [(r["role"], r["label"], r["percent"]) for r in roles] == [
        ("commissioner", "Commissioner", 75.0), ("provider", "Provider", 22.2)]  # (400/9 + 0) / 2
    assert roles[1]["respondents"] == [{"name": "Bob", "percent": 44.4}, {"name": "Respondent 3", "percent": 0.0}]
    assert [(s["id"], s["percent"]) for s in roles[1]["sections"]] == [
        ("outcomes", 22.2), ("practice", None), ("extra", None)]


def test_context_reports_different_models_and_versions(maturity: dict[str, Any]) -> None:
    docs = _team(maturity)
    docs[2][1]["assessment_version"] = "0.9"
    context = aggregate(maturity, docs)["context"]
    assert context["same"] is False
    assert context["models"] == [{"model": 1, "count": 1}, {"model": 2, "count": 2}]
    assert context["versions"] == [{"version": "0.9", "count": 1, "current": False},
                                   {"version": "1.0", "count": 2, "current": True}]
    assert context["notes"] == [
        "Respondents chose different models: model 1 (1), model 2 (2).",
        "Each item is summarised over the respondents it applies to.",
        "1 of 3 files were written for another version of the assessment (0.9; it is now 1.0): some items may "
        "have changed."]
    one = aggregate(maturity, docs[:2])["context"]
    assert (one["same"], one["notes"]) == (True, [])


def test_each_respondent_says_which_organisation_and_when(maturity: dict[str, Any]) -> None:
    team = _team(maturity)
    team[0][1]["respondent"]["organisation"] = "Cyngor Gwynedd"
    team[0][1]["assessment_date"] = "2026-03-02"
    team[1][1]["saved_at"] = "2026-04-01T09:00:00Z"  # no assessment date: the day it was saved, said so
    for anonymous in (False, True):
        people = aggregate(maturity, team, anonymous)["respondents"]
        assert [(p["organisation"], p["date"], p["date_label"]) for p in people] == [
            ("Cyngor Gwynedd", "2026-03-02", "2 March 2026"), ("", "2026-04-01", "saved on 1 April 2026"),
            ("", None, "No date")]


def test_scopes_are_named(maturity: dict[str, Any]) -> None:
    docs = [(f"{n}.json", template(maturity, None, scope)) for n, scope in enumerate(["allocation", None])]
    context = aggregate(maturity, list(docs))["context"]
    assert context["scopes"] == [{"scope": "allocation", "label": "Allocating work", "count": 1},
                                 {"scope": None, "label": None, "count": 1}]
    assert context["notes"][0] == "Respondents chose different scopes: Allocating work (1), both, or not sure (1)."


def test_anonymous_hides_names_and_files(maturity: dict[str, Any]) -> None:
    result = aggregate(maturity, [*_team(maturity), ("ann-draft.json", {})], anonymous=True)
    assert result["skipped"][0]["file"] == "File 4"  # a file's name often names its author
    assert result["anonymous"] is True
    assert [(p["name"], p["file"]) for p in result["respondents"]] == [
        ("Respondent 1", None), ("Respondent 2", None), ("Respondent 3", None)]
    text = json.dumps(result)
    assert "Ann" not in text and "Bob" not in text and "ann.json" not in text
    assert result["disagreements"][0]["highest"] == ["Respondent 1"]


def test_bad_files_are_reported_and_left_out(maturity: dict[str, Any], matrix: dict[str, Any]) -> None:
    good = _team(maturity)
    bad = dict(good[1][1])
    bad["context"] = {"model": 9}
    docs: list[tuple[str, object]] = [good[0], ("bad.json", bad), ("list.json", []),
                                      ("matrix.json", template(matrix)), good[2]]
    result = aggregate(maturity, docs)
    assert [p["file"] for p in result["respondents"]] == ["ann.json", "cy.json"]
    assert [p["name"] for p in result["respondents"]] == ["Ann", "Respondent 2"]  # numbered as merged
    assert result["skipped"] == [
        {"file": "bad.json", "problems": [{"path": "context.model", "message": "must be 1, 2, 3 or null",
                                           "field": "context-model"}]},
        {"file": "list.json", "problems": [{"path": "(file)", "field": None, "message":
                                            "must be a JSON object ({...}) holding a responses document, not a list"}]},
        {"file": "matrix.json", "problems": [{"path": "assessment", "field": None, "message": (
            'this file is for "Review priorities" (review-priorities), not "Procurement review"')}]}]


def test_nothing_to_merge(maturity: dict[str, Any]) -> None:
    result = aggregate(maturity, [])
    assert (result["respondents"], result["disagreements"], result["roles"]) == ([], [], [])
    assert result["overall"]["mean"] is None and result["sections"][0]["percents"] == []
    team_markdown(result)
    team_csv(result)


def test_matrix_areas_by_name(matrix: dict[str, Any]) -> None:
    first = template(matrix)
    first["respondent"]["name"] = "A"
    # Home care: (3/3 + 2 * 3/3) / 3 = 100%; Reablement: (0 + 2 * 1/3) / 3 = 2/9 = 22.2%.
    first["answers"]["areas"] = [{"name": "Home care", "levels": {"pressure": 3, "priorities": 3}},
                                 {"name": "Reablement", "levels": {"pressure": 0, "priorities": 1}}]
    second = template(matrix)
    second["respondent"]["name"] = "B"
    # Matched ignoring case and spacing: (1/3 + 2 * 2/3) / 3 = 5/9 = 55.6%.
    second["answers"]["areas"] = [{"name": "home  CARE", "levels": {"pressure": 1, "priorities": 2}},
                                  {"name": "Day services", "levels": {"pressure": "unknown"}}]
    result = aggregate(matrix, [("a.json", first), ("b.json", second)])
    areas = result["matrix"]["areas"]
    # Day services: nothing rated (a "don't know" is not a rating), so no respondent ranks it: no team rank.
    assert [(a["rank"], a["name"], a["respondents"], a["ranked"], a["mean"]) for a in areas] == [
        (1, "Home care", 2, 2, 77.8), (2, "Reablement", 1, 1, 22.2), (None, "Day services", 1, 0, None)]
    # (100 + 500/9) / 2 = 700/9; the spread 400/9 = 44.4.
    assert (areas[0]["min"], areas[0]["max"], areas[0]["range"]) == (55.6, 100.0, 44.4)
    assert areas[0]["ranks"] == [
        {"respondent": "A", "rank": 1, "percent": 100.0, "named": True, "flag": None, "text": "1 (100.0%)"},
        {"respondent": "B", "rank": 1, "percent": 55.6, "named": True, "flag": None, "text": "1 (55.6%)"}]
    assert areas[1]["ranks"][1] == {"respondent": "B", "rank": None, "percent": None, "named": False,
                                    "flag": None, "text": "\u2013"}
    assert areas[2]["ranks"][1]["text"] == "Not ranked"
    assert result["matrix"]["unranked_label"] == "Not enough answers to rank"
    assert (result["items"], result["sections"], result["classification"]) == ([], [], None)
    assert [r["role"] for r in result["roles"]] == [""]


def test_classification_combined_mix(classification: dict[str, Any]) -> None:
    first = template(classification)
    first["answers"]["measures"] = [{"name": "Hours", "class": "output"},
                                    {"name": "Independence", "class": "outcome-individual"}]
    second = template(classification)
    second["answers"]["measures"] = [{"name": "Staff", "class": "input"}, {"name": "Unsure", "class": None}]
    block = aggregate(classification, [("a.json", first), ("b.json", second)])["classification"]
    assert [(c["id"], c["count"], c["percent"]) for c in block["classes"]] == [
        ("outcome-individual", 1, 33.3), ("output", 1, 33.3), ("input", 1, 33.3)]
    assert (block["classified"], block["unclassified"], block["outcome_share"]) == (3, 1, 33.3)
    assert block["flag"] == {"raised": True, "threshold": 50, "message": "Fewer than half are outcomes."}
    assert block["respondents"] == [
        {"respondent": "Respondent 1", "classified": 2, "unclassified": 0, "outcome_share": 50.0},
        {"respondent": "Respondent 2", "classified": 1, "unclassified": 1, "outcome_share": 0.0}]


# (values, expected spread) for levels (whole) and percents
SPREAD_CASES: list[tuple[list[int], bool, dict[str, object]]] = [
    ([], True, dict.fromkeys(("mean", "median", "min", "max", "range"))),
    ([2], True, {"mean": 2.0, "median": 2.0, "min": 2, "max": 2, "range": 0}),
    ([0, 1, 3, 3], True, {"mean": 1.8, "median": 2.0, "min": 0, "max": 3, "range": 3}),  # 7/4 = 1.75 up
    ([1, 2], False, {"mean": 1.5, "median": 1.5, "min": 1.0, "max": 2.0, "range": 1.0}),
]


@pytest.mark.parametrize(("values", "whole", "expected"), SPREAD_CASES)
def test_spread(values: list[int], whole: bool, expected: dict[str, object]) -> None:
    from fractions import Fraction

    assert spread([Fraction(v) for v in values], whole) == expected


@pytest.mark.parametrize(("before", "after", "expected"), [
    (33.3, 66.7, 33.4), (66.7, 33.3, -33.4), (50.0, 50.0, 0.0), (None, 50.0, None), (0.1, 0.0, -0.1),
])
def test_change_is_of_the_figures_as_shown(before: float | None, after: float | None,
                                           expected: float | None) -> None:
    assert change(before, after) == expected


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_team_csv(maturity: dict[str, Any]) -> None:
    docs = _team(maturity)
    docs[0][1]["respondent"]["name"] = "=Ann"
    text = team_csv(aggregate(maturity, [*docs, ("bad.json", {})]))
    assert text.splitlines()[0] == ",".join(TEAM_COLUMNS)
    rows = _rows(text)
    assert rows[0]["record"] == "overall" and rows[0]["mean"] == "39.8"
    respondent = next(r for r in rows if r["record"] == "respondent")
    assert (respondent["respondent"], respondent["file"], respondent["percent"]) == ("'=Ann", "ann.json", "75.0")
    assert sum(r["record"] == "skipped" and r["file"] == "bad.json" for r in rows) == 7
    row = next(r for r in rows if r["record"] == "answer" and r["respondent"] == "Bob")
    assert (row["id"], row["level"], row["label"], row["note"]) == ("outcomes-focus", "1", "Developing", "")
    na = next(r for r in rows if r["record"] == "answer" and r["level"] == "na")
    assert (na["id"], na["label"], na["note"]) == ("governance", "Not applicable", REASON)  # its reason beside it
    assert [r["id"] for r in rows if r["record"] == "disagreement"] == ["outcomes-focus", "governance"]
    assert [(r["role"], r["percent"]) for r in rows if r["record"] == "role"] == [
        ("Commissioner", "75.0"), ("Provider", "22.2")]


def test_team_markdown(maturity: dict[str, Any]) -> None:
    docs = _team(maturity)
    docs[0][1]["respondent"]["name"] = "<Ann> | *A*"
    report = team_markdown(aggregate(maturity, docs))
    assert report.startswith("# Procurement review: team results\n")
    assert "Mean **39.8%** (median 44.4%; lowest 0.0%, highest 75.0%)." in report
    assert ("- **Outcomes focus**: from Not in place (Respondent 3) to Embedded (&lt;Ann&gt; \\| \\*A\\*)."
            in report)
    assert "| Outcomes focus | Not in place to Embedded | Far apart: worth talking through | Embedded |" in report
    # A percent with nothing to show says so in the one word every report uses (issue 32).
    assert "| Provider | 2 | 22.2% | 22.2% | not scored | not scored |" in report
    assert "<Ann>" not in report


def _files(*files: tuple[str, object]) -> str:
    return json.dumps([{"name": name, "text": text if isinstance(text, str) else json.dumps(text)}
                       for name, text in files])


def test_aggregate_json(maturity: dict[str, Any]) -> None:
    docs = _team(maturity)
    text = _files(docs[0], ("broken.json", "{"), docs[1], ("broken.json", "[]"), docs[2])
    answer = json.loads(api.aggregate_json(json.dumps(maturity), text, True))
    assert answer["ok"] is True and answer["problems"] == []
    expected = aggregate(maturity, docs, anonymous=True)
    # The result lists every file left out, in order, those that are not JSON too; anonymous, by place only.
    assert answer["result"] == with_skipped(expected, [
        {"file": "File 2", "problems": answer["files"][1]["problems"]},
        {"file": "File 4", "problems": answer["files"][3]["problems"]}])
    assert answer["result"]["summary"] == "3 files merged; 2 left out (see Files left out)."
    assert [(f["name"], f["ok"], [p["message"] for p in f["problems"]]) for f in answer["files"]] == [
        ("ann.json", True, []),
        ("broken.json", False,
         ["not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"]),
        ("bob.json", True, []),
        ("broken.json", False, ["must be a JSON object ({...}) holding a responses document, not a list"]),
        ("cy.json", True, [])]
    named = json.loads(api.aggregate_json(json.dumps(maturity), text))["result"]
    assert [p["file"] for p in named["respondents"]] == ["ann.json", "bob.json", "cy.json"]
    assert [s["problems"][0]["message"] for s in named["skipped"]] == [
        "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)",
        "must be a JSON object ({...}) holding a responses document, not a list"]
    csv_answer = json.loads(api.aggregate_csv_json(json.dumps(maturity), text))
    assert csv_answer["csv"] == team_csv(named) and csv_answer["files"] == answer["files"]


@pytest.mark.parametrize(("files", "message"), [
    ("[]", "no files given; choose one or more exported answers files"),
    (_files(("a.json", "nope")), "no file could be read as answers to this assessment"),
    ("{", "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"),
    ('[{"name": "a.json"}]', 'must be a JSON list of files like {"name": "answers.json", "bytes": "<base64>"}'),
    ('{"name": "a.json", "text": "{}"}',
     'must be a JSON list of files like {"name": "answers.json", "bytes": "<base64>"}'),
])
def test_aggregate_json_with_nothing_to_merge(maturity: dict[str, Any], files: str, message: str) -> None:
    answer = json.loads(api.aggregate_json(json.dumps(maturity), files))
    assert (answer["ok"], answer["result"]) == (False, None)
    assert answer["problems"] == [{"path": "(files)", "field": None, "message": message}]


def test_aggregate_json_bad_definition() -> None:
    answer = json.loads(api.aggregate_csv_json("nope", "[]"))
    assert answer == {"ok": False, "csv": None, "files": [], "problems": [
        {"path": "(definition)", "field": None, "message": "not valid JSON: Expecting value (line 1, column 1)"}]}
