"""Before and after: changes per item and section, items new and gone between versions, never a silent drop."""

from __future__ import annotations

import copy
import csv
import io
import json
from typing import Any

import pytest

from obc_assess.core import api
from obc_assess.core.compare import CompareError, compare, problems, prune
from obc_assess.core.report_compare import compare_markdown
from obc_assess.core.report_team import COMPARE_COLUMNS, compare_csv
from obc_assess.core.responses import template


def _doc(definition: dict[str, Any], levels: dict[str, object], model: int | None = 2) -> dict[str, Any]:
    doc = template(definition, model)
    for key, level in levels.items():
        doc["answers"][key] = {"level": level, "note": ""}
    return doc


def _pair(maturity: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    # Outcomes: before (2*1/3 + 3/3 + 0) / 4 = 5/12 = 41.7%; after (2*3/3 + 1/3 + 0) / 4 = 7/12 = 58.3%.
    before = _doc(maturity, {"outcomes-focus": 1, "governance": 3, "cost": 0, "focus-detail": "unknown"})
    after = _doc(maturity, {"outcomes-focus": 3, "governance": 1, "cost": 0, "focus-detail": 2})
    return before, after


def test_changes_per_item_and_section(maturity: dict[str, Any]) -> None:
    result = compare(maturity, *_pair(maturity))
    assert result["format"] == "obc-assess/comparison" and result["format_version"] == 1
    assert (result["definition_version"], result["before_version"], result["after_version"]) == ("1.0",) * 3
    rows = {r["id"]: r for r in result["items"]}
    assert rows["outcomes-focus"] == {
        "id": "outcomes-focus", "title": "Outcomes focus", "section": "outcomes",
        "before": 1, "before_label": "Developing", "before_status": "scored", "before_text": "Developing",
        "after": 3, "after_label": "Embedded", "after_status": "scored", "after_text": "Embedded", "change": 2,
        "movement": "improved", "before_action": None, "after_action": None, "action_text": ""}
    assert (rows["focus-detail"]["before_text"], result["warnings"], result["notes"]) == ("Don't know", [], [])
    assert (rows["governance"]["change"], rows["governance"]["movement"]) == (-2, "slipped")
    assert (rows["cost"]["change"], rows["cost"]["movement"]) == (0, "unchanged")
    # Don't know before and a level after: not a change in practice, so not compared.
    assert (rows["focus-detail"]["change"], rows["focus-detail"]["movement"]) == (None, "not compared")
    # Both scopes ("not sure") ask allocation too: unanswered before and after, so not compared.
    assert (rows["allocation"]["before_status"], rows["allocation"]["movement"]) == ("unanswered", "not compared")
    assert (result["improved"], result["slipped"], result["unchanged"]) == (
        ["outcomes-focus"], ["governance"], ["cost"])
    assert (result["new"], result["gone"], result["removed"]) == ([], [], [])
    assert result["sections"][0] == {"id": "outcomes", "title": "Outcomes", "before": 41.7, "after": 58.3,
                                     "change": 16.6}  # as shown: 58.3 - 41.7
    overall = result["overall"]
    # Overall is the core: focus-detail (optional) is an extra and leaves it, so it matches the section.
    assert (overall["before"], overall["after"], overall["change"]) == (41.7, 58.3, 16.6)
    # After: 2 of the 5 weight at Embedded, 2 at Developing or below, 1 unanswered: split, never the middle band
    # (Established) its average reaches (issue 30).
    assert (overall["before_band"]["id"], overall["after_band"]["id"]) == ("developing", "split")
    assert (result["context_changed"], result["matrix"], result["classification"]) == (False, None, None)


def test_biggest_moves_first(maturity: dict[str, Any]) -> None:
    before = _doc(maturity, {"outcomes-focus": 0, "governance": 2, "cost": 0})
    after = _doc(maturity, {"outcomes-focus": 1, "governance": 3, "cost": 3})
    assert compare(maturity, before, after)["improved"] == ["cost", "outcomes-focus", "governance"]


def _older(maturity: dict[str, Any]) -> dict[str, Any]:
    """A file for version 0.9, when there was an item "old-item" and no "governance" yet."""
    doc = _doc(maturity, {"outcomes-focus": 1, "cost": 2})
    doc["assessment_version"] = "0.9"
    del doc["answers"]["governance"]
    doc["answers"]["old-item"] = {"level": 2, "note": "gone now"}
    doc["plan"] = {"old-item": {"action": "x"}, "cost": {"action": "Review"}}
    return doc


def test_items_new_and_gone_between_versions(maturity: dict[str, Any]) -> None:
    before = _older(maturity)
    kept = copy.deepcopy(before)
    result = compare(maturity, before, _pair(maturity)[1], ("v0.9.json", "v1.json"))
    assert before == kept, "the file itself is not changed"
    assert result["before_version"] == "0.9" and result["before"]["version_matches"] is False
    # governance was asked but is not in the file; allocation is for another scope, so it is not new.
    assert result["new"] == ["governance"]
    assert {r["id"]: r["movement"] for r in result["items"]}["governance"] == "new"
    assert result["gone"] == ["old-item"]
    assert result["removed"] == [{"id": "old-item", "file": "v0.9.json", "part": "answers"},
                                 {"id": "old-item", "file": "v0.9.json", "part": "plan"}]
    assert result["improved"] == ["outcomes-focus"] and result["slipped"] == ["cost"]


def test_unknown_items_are_refused_when_the_version_is_the_same(maturity: dict[str, Any]) -> None:
    before = _older(maturity)
    before["assessment_version"] = "1.0"
    with pytest.raises(CompareError) as raised:
        compare(maturity, before, _pair(maturity)[1])
    assert [p.to_dict() for p in raised.value.problems] == [
        {"file": "before", "path": "answers.old-item", "message": "not an item of procurement-review; remove it",
         "field": None},
        {"file": "before", "path": "plan.old-item", "message": "not an item of procurement-review; remove it",
         "field": None}]
    assert str(raised.value).startswith("before: answers.old-item: not an item")


def test_prune_drops_matrix_criteria_once_per_file(matrix: dict[str, Any]) -> None:
    doc = template(matrix)
    doc["assessment_version"] = "0.1"
    doc["answers"]["areas"] = [{"name": "A", "levels": {"speed": 1, "pressure": 2}},
                               {"name": "B", "levels": {"speed": 2}}, "not an area"]
    pruned, removed = prune(matrix, doc, "old.json")
    assert removed == [{"id": "speed", "file": "old.json", "part": "answers"}]
    assert pruned["answers"]["areas"][:2] == [{"name": "A", "levels": {"pressure": 2}},  # type: ignore[index]
                                              {"name": "B", "levels": {}}]
    assert doc["answers"]["areas"][1]["levels"] == {"speed": 2}


@pytest.mark.parametrize("doc", [None, [], "x", {"assessment": "procurement-review", "assessment_version": 9},
                                 {"assessment": "procurement-review", "assessment_version": "0.1", "answers": []},
                                 {"assessment": "procurement-review", "assessment_version": "0.1", "plan": [1]}])
def test_prune_and_problems_never_raise(maturity: dict[str, Any], doc: object) -> None:
    assert prune(maturity, doc, "f") == (doc, [])  # nothing it can prune: left for the validator
    found = problems(maturity, doc, doc)
    assert found and {p.file for p in found} == {"before", "after"}


def test_both_files_are_checked(maturity: dict[str, Any], matrix: dict[str, Any]) -> None:
    after = _pair(maturity)[1]
    after["context"]["model"] = 7
    with pytest.raises(CompareError) as raised:
        compare(maturity, template(matrix), after, ("a.json", "b.json"))
    assert [p.to_dict() for p in raised.value.problems] == [
        {"file": "a.json", "path": "assessment",
         "message": 'this file is for "Review priorities" (review-priorities), not "Procurement review"',
         "field": None},
        {"file": "b.json", "path": "context.model", "message": "must be 1, 2, 3 or null", "field": None}]


def test_a_changed_model_is_reported(maturity: dict[str, Any]) -> None:
    before, after = _pair(maturity)
    after["context"]["model"] = 1
    result = compare(maturity, before, after)
    assert result["context_changed"] is True
    assert {r["id"]: r["after_status"] for r in result["items"]}["cost"] == "not-asked"


def test_matrix_areas_before_and_after(matrix: dict[str, Any]) -> None:
    before, after = template(matrix), template(matrix)
    before["answers"]["areas"] = [{"name": "Home care", "levels": {"pressure": 1, "priorities": 1}},
                                  {"name": "Closed", "levels": {"pressure": 3}}]
    after["answers"]["areas"] = [{"name": "HOME care", "levels": {"pressure": 3, "priorities": 3}},
                                 {"name": "New", "levels": {}}]
    areas = compare(matrix, before, after)["matrix"]["areas"]
    # Closed: 3 of the 9 points that should be rated (Council priorities is not answered, so it scores 0), ties
    # with Home care and follows it in input order. New: nothing rated, so not ranked.
    assert [{k: a[k] for k in ("name", "before", "after", "change", "before_rank", "after_rank",
                               "before_rank_text", "after_rank_text")} for a in areas] == [
        {"name": "HOME care", "before": 33.3, "after": 100.0, "change": 66.7, "before_rank": 1, "after_rank": 1,
         "before_rank_text": "1", "after_rank_text": "1"},
        {"name": "New", "before": None, "after": None, "change": None, "before_rank": None, "after_rank": None,
         "before_rank_text": "\u2013", "after_rank_text": "Not ranked"},
        {"name": "Closed", "before": 33.3, "after": None, "change": None, "before_rank": 2, "after_rank": None,
         "before_rank_text": "2", "after_rank_text": "\u2013"}]
    assert {(a["before_flag"], a["after_flag"]) for a in areas} == {(None, None)}  # this matrix has no flag


def test_classification_mix_before_and_after(classification: dict[str, Any]) -> None:
    before, after = template(classification), template(classification)
    before["answers"]["measures"] = [{"name": "Hours", "class": "output"}]
    after["answers"]["measures"] = [{"name": "Hours", "class": "output"},
                                    {"name": "Independence", "class": "outcome-individual"}]
    block = compare(classification, before, after)["classification"]
    assert block["outcome_share"] == {"before": 0.0, "after": 50.0, "change": 50.0}
    assert block["classes"][1] == {"id": "output", "label": "Output", "outcome": False, "before": 1, "after": 1,
                                   "before_percent": 100.0, "after_percent": 50.0, "change": -50.0}


def test_compare_csv_and_markdown(maturity: dict[str, Any]) -> None:
    before, after = _older(maturity), _pair(maturity)[1]
    after["respondent"]["name"] = "=Team <b>"
    result = compare(maturity, before, after, ("old.json", "new.json"))
    text = compare_csv(result)
    assert text.splitlines()[0] == ",".join(COMPARE_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    # Before: (2*1/3 + 2/3) / 3 = 4/9 = 44.4% (governance not answered).
    assert (rows[0]["record"], rows[0]["before"], rows[0]["after"], rows[0]["change"]) == (
        "overall", "44.4", "58.3", "13.9")
    item = next(r for r in rows if r["id"] == "governance")
    assert (item["movement"], item["after_label"]) == ("new", "Developing")
    assert [(r["record"], r["id"], r["file"]) for r in rows if r["record"] == "removed"] == [
        ("removed", "old-item", "old.json"), ("removed", "old-item", "old.json")]
    report = compare_markdown(result)
    assert report.startswith("# Procurement review: before and after\n")
    assert "- After: new.json (version 1.0; answered by =Team &lt;b&gt;; No date)" in report
    assert ("- The assessment is now version 1.0; a file for another version is compared on the items both still "
            "have.") in report
    assert "**44.4%** before, **58.3%** after (change +13.9)." in report
    assert "| Outcomes | 44.4% | 58.3% | +13.9 |" in report
    # The items that moved are a table (as in the Word report): item, before, after, change.
    assert "| Outcomes focus | Developing | Embedded | +2 |" in report
    assert "| Costs | Established | Not in place | -2 |" in report
    assert ("## New items\n\n| Item | Before | After | Change |\n| --- | --- | --- | --- |\n"
            "| Governance | not answered | Developing | \u2013 |") in report
    assert "- old-item (answers in old.json)" in report


def test_compare_json(maturity: dict[str, Any]) -> None:
    before, after = _pair(maturity)
    definition = json.dumps(maturity)
    answer = json.loads(api.compare_json(definition, json.dumps(before), json.dumps(after)))
    assert answer == {"ok": True, "problems": [], "result": compare(maturity, before, after)}
    answer = json.loads(api.compare_csv_json(definition, json.dumps(before), json.dumps(after)))
    assert answer == {"ok": True, "problems": [], "csv": compare_csv(compare(maturity, before, after))}


@pytest.mark.parametrize(("before", "after", "expected"), [
    ("{", "[]", [{"file": "before", "path": "(file)", "message":
                  "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)",
                  "field": None}]),
    ("{}", "{}", [{"file": side, "path": "format", "message": 'missing; add "format": "obc-assess/responses"',
                   "field": None}
                  for side in ("before",)]),
])
def test_compare_json_problems(maturity: dict[str, Any], before: str, after: str,
                               expected: list[dict[str, str]]) -> None:
    answer = json.loads(api.compare_json(json.dumps(maturity), before, after))
    assert (answer["ok"], answer["result"]) == (False, None)
    assert answer["problems"][:len(expected)] == expected
    assert all(set(p) == {"file", "path", "message", "field"} for p in answer["problems"])


def test_compare_json_bad_definition() -> None:
    answer = json.loads(api.compare_json("nope", "{", "{}"))
    assert answer["problems"][0] == {"file": "(definition)", "path": "(definition)",
                                     "message": "not valid JSON: Expecting value (line 1, column 1)", "field": None}
