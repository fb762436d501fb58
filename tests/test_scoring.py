"""Scoring: exact percents, confidence, bands, priorities and gaps; matrix ranks; classification shares."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from obc_assess.core.responses import ResponsesError, template
from obc_assess.core.rounding import percent, rounded
from obc_assess.core.scoring import score

RESULT_KEYS = {"format", "format_version", "assessment", "responses_version", "version_matches", "context",
               "respondent", "overall", "sections", "priorities", "evidence_gaps", "working", "matrix",
               "classification", "plan", "band_rules", "band_legend", "extras", "assessment_date",
               "assessment_date_label", "about", "version_notice", "progress", "notes", "evidence", "na_notice",
               "review"}
OVERALL_KEYS = {"counts_label", "percent", "band", "confidence", "answered", "na", "unknown", "unanswered", "total",
                "band_status", "band_reason", "band_reached", "band_words", "band_why", "headline", "min_confidence",
                "outcomes_percent", "outcomes_total", "outcomes_answered", "na_share", "na_limit", "na_line",
                "band_provisional"}
SECTION_KEYS = {"id", "title", "percent", "confidence", "optional", "answered", "na", "unknown", "unanswered",
                "total", "rated_label"}


def _answered(definition: dict[str, Any], levels: dict[str, object], model: int | None = None,
              scope: str | None = None) -> dict[str, Any]:
    doc = template(definition, model, scope)
    # Items not asked for the model or scope may be answered too: allowed, and ignored.
    for key, level in levels.items():
        doc["answers"][key] = {"level": level, "note": "", **({"na_reason": "Not ours."} if level == "na" else {})}
    return doc


# (levels given, model, scope, overall percent, confidence); weights: outcomes-focus 2, focus-detail 1.5.
MATURITY_CASES = [
    # Nothing answered: no percent, and no confidence either (nothing rated out of 5 expected items).
    ({}, None, None, None, 0.0),
    # Not decided (model and scope) asks every item (issue 10: tailor, never shrink): cost and allocation too.
    ({"outcomes-focus": 3, "governance": 3, "cost": 0, "allocation": 0}, None, None, 60.0, 100.0),
    ({"outcomes-focus": 3, "governance": 3}, None, None, 100.0, 60.0),
    # Model 1 and the "choosing" scope leave cost and allocation out: the cases below are about the rest.
    ({"outcomes-focus": 3, "governance": 3}, 1, "choosing", 100.0, 100.0),
    ({"outcomes-focus": 0, "governance": 0}, 1, "choosing", 0.0, 100.0),
    # Weighted: (2 * 3/3 + 1 * 0/3) / 3 = 66.666... -> 66.7.
    ({"outcomes-focus": 3, "governance": 0}, 1, "choosing", 66.7, 100.0),
    ({"outcomes-focus": 0, "governance": 3}, 1, "choosing", 33.3, 100.0),
    # Not applicable leaves the sums; the other items decide alone.
    ({"outcomes-focus": 2, "governance": "na"}, 1, "choosing", 66.7, 100.0),
    # Don't know is not zero: left out of the percent, but the confidence falls to 2 of 3 weight.
    ({"outcomes-focus": 2, "governance": "unknown"}, 1, "choosing", 66.7, 66.7),
    # Unanswered likewise; the optional items (focus-detail, extra-item) do not lower confidence when blank.
    ({"outcomes-focus": 2}, 1, "choosing", 66.7, 66.7),
    # Answered optional items are extras: the core stays (2*2/3 + 1*1/3) / 3 = 55.6 (issue 10: never lifted).
    ({"outcomes-focus": 2, "governance": 1, "focus-detail": 3}, 1, "choosing", 55.6, 100.0),
    # Model 2 asks "cost" (models 2 and 3): answered, it counts; for model 1 it is ignored.
    ({"outcomes-focus": 3, "governance": 3, "cost": 0}, 2, "choosing", 75.0, 100.0),
    ({"outcomes-focus": 3, "governance": 3, "cost": 0}, 1, "choosing", 100.0, 100.0),
    # "allocation" is only for the allocation scope.
    ({"outcomes-focus": 3, "governance": 3, "allocation": 0}, 1, "allocation", 75.0, 100.0),
    ({"outcomes-focus": 3, "governance": 3, "allocation": 0}, 1, "choosing", 100.0, 100.0),
    # All N/A: nothing to score, nothing expected.
    ({"outcomes-focus": "na", "governance": "na"}, 1, "choosing", None, None),
]


@pytest.mark.parametrize(("levels", "model", "scope", "expected", "confidence"), MATURITY_CASES)
def test_maturity_overall(maturity: dict[str, Any], levels: dict[str, object], model: int | None,
                          scope: str | None, expected: float | None, confidence: float | None) -> None:
    result = score(maturity, _answered(maturity, levels, model, scope))
    assert result["overall"]["percent"] == expected
    assert result["overall"]["confidence"] == confidence


def test_the_optional_refinement_case_exactly(maturity: dict[str, Any]) -> None:
    # Core: (2 * 2/3 + 1 * 1/3) / (2 + 1) = 5/9 = 55.6; the refinement (1.5 * 3/3) is its own extras group.
    result = score(maturity, _answered(maturity, {"outcomes-focus": 2, "governance": 1, "focus-detail": 3}))
    assert result["working"]["points"] == 1.667
    assert result["working"]["possible"] == 3
    assert result["overall"]["percent"] == 55.6
    assert [(e["id"], e["percent"], e["answered"], e["total"]) for e in result["extras"]] == [
        ("practice-extras", 100.0, 1, 1), ("extra", None, 0, 1)]


def test_result_shape(maturity: dict[str, Any]) -> None:
    result = score(maturity, _answered(maturity, {"outcomes-focus": 1}, model=2))
    assert set(result) == RESULT_KEYS
    assert set(result["overall"]) == OVERALL_KEYS
    assert all(set(s) == SECTION_KEYS for s in result["sections"])
    assert result["format"] == "obc-assess/result" and result["format_version"] == 1
    assert result["assessment"] == {"id": "procurement-review", "version": "1.0",
                                    "title": "Procurement review", "kind": "maturity", "lang": "en"}
    assert result["context"] == {"model": 2, "model_name": "Model 2 name", "scope": None, "scope_label": None}
    assert result["respondent"] == {"name": "", "role": "", "organisation": ""}
    assert (result["assessment_date"], result["assessment_date_label"]) == (None, None)
    assert result["matrix"] is None and result["classification"] is None


def test_counts_per_section_and_overall(maturity: dict[str, Any]) -> None:
    doc = _answered(maturity, {"outcomes-focus": 1, "governance": "unknown", "cost": "na"}, model=3,
                    scope="choosing")
    result = score(maturity, doc)
    assert {k: result["overall"][k] for k in ("answered", "na", "unknown", "unanswered", "total")} == {
        "answered": 1, "na": 1, "unknown": 1, "unanswered": 0, "total": 3}  # the core: no optional items
    outcomes, practice, extra = result["sections"]
    assert (outcomes["answered"], outcomes["na"], outcomes["unknown"], outcomes["total"]) == (1, 1, 1, 3)
    assert (practice["percent"], practice["unanswered"], practice["total"]) == (None, 0, 0)
    assert (extra["optional"], extra["confidence"]) == (True, None)


def test_overall_is_weighted_over_items_not_the_mean_of_sections(maturity: dict[str, Any]) -> None:
    doc = _answered(maturity, {"outcomes-focus": 3, "governance": 3, "focus-detail": 0})
    result = score(maturity, doc)
    # A core section's optional items are extras: the practice section has none of its own rated.
    assert [s["percent"] for s in result["sections"]] == [100.0, None, None]
    assert result["overall"]["percent"] == 100.0
    assert result["extras"][0]["percent"] == 0.0


def test_band_in_result(maturity: dict[str, Any]) -> None:
    result = score(maturity, _answered(maturity, {"outcomes-focus": 2, "governance": 1}))
    assert result["overall"]["percent"] == 55.6
    # Not decided asks cost and allocation too, left blank: not shown. Established (weight 2) is not more than
    # half of the 5 expected, Developing or above (3) is: the mean alone would have said Established.
    assert result["overall"]["band"] == {"id": "developing", "label": "Developing", "descriptor": "Developing."}
    assert result["overall"]["band_words"] == "Developing."


# Rounding is half up on the exact value, never on a binary float.
@pytest.mark.parametrize(("part", "whole", "expected"), [
    (Fraction(1, 3), Fraction(1), 33.3), (Fraction(2, 3), Fraction(1), 66.7),
    (Fraction(1, 8), Fraction(1), 12.5),
    (Fraction(1, 16), Fraction(1), 6.3),  # 6.25 -> 6.3 (half up, where float rounding gives 6.2)
    (Fraction(1001, 2000), Fraction(10), 5.0),  # 5.005 -> 5.0 at one decimal
    (Fraction(0), Fraction(5), 0.0), (Fraction(3), Fraction(0), None)])
def test_percent_rounding(part: Fraction, whole: Fraction, expected: float | None) -> None:
    assert percent(part, whole) == expected


def test_rounded_places() -> None:
    assert rounded(Fraction(2, 3), 3) == 0.667
    assert rounded(Fraction(5, 2), 0) == 3.0


def test_priorities_rank_by_weighted_gap_then_order(maturity: dict[str, Any]) -> None:
    doc = _answered(maturity, {"outcomes-focus": 2, "governance": 0, "focus-detail": 1, "extra-item": 3})
    result = score(maturity, doc)
    # Core first: governance 1 * 3 = 3, outcomes-focus 2 * 1 = 2; then the extra focus-detail 1.5 * 2 = 3.
    assert [(p["rank"], p["id"], p["score"], p["extras"]) for p in result["priorities"]] == [
        (1, "governance", 3, None), (2, "outcomes-focus", 2, None), (3, "focus-detail", 3, "practice-extras")]
    first = result["priorities"][1]
    assert first == {
        "rank": 2, "id": "outcomes-focus", "extras": None, "next_steps": [], "model_tag": None,
        "title": "Outcomes focus", "topic": "Outcomes focus", "section": "outcomes", "level": 2,
        "level_label": "Established", "max": 3, "weight": 2, "gap": 1, "score": 2,
        "scale": "maturity", "scale_name": "Maturity",
        "reason": 'Rated "Established" (2 of 3), weight 2: this item counts double.',
        "guidance_url": "guidance/tool20-procurement/#procurement-outcomes-focus", "challenged": False,
        "target": {"level": 3, "label": "Embedded", "descriptor": "Embedded descriptor."}}


@pytest.mark.parametrize(("item", "weight", "reason"), [
    ("governance", 1, 'Rated "Not in place" (0 of 3), weight 1: this item counts once.'),
    ("governance", 3, 'Rated "Not in place" (0 of 3), weight 3: this item counts three times.'),
    ("focus-detail", 1.5, 'Rated "Not in place" (0 of 3), weight 1.5: this item counts 1.5 times.'),
    ("governance", 0.5, 'Rated "Not in place" (0 of 3), weight 0.5: this item counts 0.5 times.'),
])
def test_priority_reasons(maturity: dict[str, Any], item: str, weight: float, reason: str) -> None:
    for section in maturity["sections"]:
        for entry in section["items"]:
            if entry["id"] == item:
                entry["weight"] = weight
    result = score(maturity, _answered(maturity, {item: 0}))
    assert result["priorities"][0]["reason"] == reason


def test_top_level_items_are_not_priorities(maturity: dict[str, Any]) -> None:
    result = score(maturity, _answered(maturity, {"outcomes-focus": 3, "governance": "unknown"}))
    assert result["priorities"] == []
    assert result["evidence_gaps"] == [{
        "id": "governance", "title": "Governance", "section": "outcomes",
        "guidance_url": "guidance/tool20-procurement/#procurement-governance"}]


def test_working_explains_every_item(maturity: dict[str, Any]) -> None:
    doc = _answered(maturity, {"outcomes-focus": 1, "governance": "na"}, model=1, scope="choosing")
    doc["answers"]["outcomes-focus"]["note"] = "Written into the specification."
    working = score(maturity, doc)["working"]
    rows = {i["id"]: i for i in working["items"]}
    assert rows["outcomes-focus"] == {
        "id": "outcomes-focus", "title": "Outcomes focus", "section": "outcomes", "weight": 2, "level": 1,
        "extras": None, "outcomes": False, "model_tag": None, "scale": "maturity", "scale_name": "Maturity",
        "level_label": "Developing", "max": 3, "contribution": 0.667, "included": True, "status": "scored",
        "reason": "scored", "note": "Written into the specification.", "answer_label": "Developing",
        "answer_words": "Developing", "na_reason": "",
        "evidence": [], "strongest": "none", "strongest_expired": None, "evidence_claim": False,
        "evidence_flag": False, "review": None, "review_label": None, "review_comment": "", "review_response": ""}
    # Not applicable reads with its reason wherever the answer is shown (issue 30).
    assert (rows["governance"]["na_reason"], rows["governance"]["answer_words"]) == (
        "Not ours.", "Not applicable: Not ours.")
    assert [(i["id"], i["status"]) for i in working["items"]] == [
        ("outcomes-focus", "scored"), ("governance", "na"), ("cost", "not-asked"),
        ("allocation", "not-asked"),
        ("focus-detail", "skipped"), ("extra-item", "skipped")]
    totals = (working["max_level"], working["points"], working["possible"], working["percent"])
    assert totals == (3, 0.667, 2, 33.3)


def test_version_mismatch_is_reported_not_refused(maturity: dict[str, Any]) -> None:
    doc = _answered(maturity, {"outcomes-focus": 3})
    doc["assessment_version"] = "0.9"
    result = score(maturity, doc)
    assert (result["responses_version"], result["version_matches"]) == ("0.9", False)


def test_invalid_documents_raise_with_every_problem(maturity: dict[str, Any]) -> None:
    doc = _answered(maturity, {"outcomes-focus": 7})
    doc["context"]["model"] = 9
    with pytest.raises(ResponsesError) as raised:
        score(maturity, doc)
    assert [p.path for p in raised.value.problems] == ["context.model", "answers.outcomes-focus.level"]


def test_model_is_ignored_where_not_asked(matrix: dict[str, Any]) -> None:
    doc = template(matrix)
    doc["context"]["model"] = 2
    assert score(matrix, doc)["context"]["model"] is None


# ---------------------------------------------------------------------------------------------- matrix

def _areas(matrix: dict[str, Any], *areas: tuple[str, dict[str, object]]) -> dict[str, Any]:
    doc = template(matrix)
    doc["answers"]["areas"] = [{"name": name, "levels": levels, "note": ""} for name, levels in areas]
    return doc


def test_matrix_ranks_areas(matrix: dict[str, Any]) -> None:
    # pressure weight 1, priorities weight 2, max 3.
    doc = _areas(matrix, ("Day services", {"pressure": 1, "priorities": 1}),  # 3/9 = 33.3
                 ("Home care", {"pressure": 3, "priorities": 2}),  # 7/9 = 77.8
                 ("Not rated", {}),  # no rating: not ranked, listed last
                 ("Reablement", {"pressure": 1, "priorities": 1}))  # ties with Day services: input order
    result = score(matrix, doc)
    areas = result["matrix"]["areas"]
    assert [(a["rank"], a["name"], a["percent"], a["index"]) for a in areas] == [
        (1, "Home care", 77.8, 1), (2, "Day services", 33.3, 0), (3, "Reablement", 33.3, 3),
        (None, "Not rated", None, 2)]
    assert result["overall"]["percent"] is None and result["overall"]["band"] is None
    assert result["priorities"] == []
    assert result["matrix"]["row_label"] == "Service area"


def test_matrix_criteria_means_and_confidence(matrix: dict[str, Any]) -> None:
    doc = _areas(matrix, ("A", {"pressure": 3, "priorities": "unknown"}), ("B", {"pressure": 0}))
    result = score(matrix, doc)
    criteria = [(s["id"], s["percent"], s["answered"], s["unknown"], s["unanswered"])
                for s in result["sections"]]
    assert criteria == [
        ("pressure", 50.0, 2, 0, 0), ("priorities", None, 0, 1, 1)]  # no area rates it: no score
    # Rated weight 1 + 1 out of 1 + 2 + 1 + 2 expected.
    assert result["overall"]["confidence"] == 33.3
    assert result["evidence_gaps"] == [{"id": "priorities", "title": "Council priorities", "area": "A",
                                        "guidance_url": None}]
    assert result["matrix"]["areas"][0]["levels"] == [
        {"id": "pressure", "title": "Financial pressure", "level": 3, "label": "Strongly"},
        {"id": "priorities", "title": "Council priorities", "level": "unknown", "label": "Don't know"}]


def test_matrix_ignores_blank_rows_and_tidies_names(matrix: dict[str, Any]) -> None:
    doc = _areas(matrix, ("", {}), ("  Home   care ", {"pressure": 2}))
    areas = score(matrix, doc)["matrix"]["areas"]
    assert [(a["name"], a["index"]) for a in areas] == [("Home care", 1)]


# ------------------------------------------------------------------------------------------ classification

def _measures(classification: dict[str, Any], *classes: str | None) -> dict[str, Any]:
    doc = template(classification)
    doc["answers"]["measures"] = [{"name": f"Measure {n}", "class": c, "note": ""}
                                  for n, c in enumerate(classes)]
    return doc


# (classes given, outcome share, flag raised): the flag is for a share below 50.
CLASSIFICATION_CASES = [
    ((), None, False),
    ((None, None), None, False),  # nothing classified: no share, no flag
    (("output", "input"), 0.0, True),
    (("outcome-individual", "output"), 50.0, False),  # exactly the threshold is not below it
    (("outcome-individual", "output", "input"), 33.3, True),
    # An unclassified measure is not in the shares.
    (("outcome-individual", "outcome-individual", "output", None), 66.7, False),
]


@pytest.mark.parametrize(("classes", "share", "raised"), CLASSIFICATION_CASES)
def test_classification_share_and_flag(classification: dict[str, Any], classes: tuple[str | None, ...],
                                       share: float | None, raised: bool) -> None:
    result = score(classification, _measures(classification, *classes))
    block = result["classification"]
    assert block["outcome_share"] == share
    assert block["flag"] == {"raised": raised, "threshold": 50,
                             "message": "Fewer than half are outcomes." if raised else None}


def test_classification_counts(classification: dict[str, Any]) -> None:
    result = score(classification, _measures(classification, "output", "output", "input", None))
    block = result["classification"]
    assert [(c["id"], c["count"], c["percent"]) for c in block["classes"]] == [
        ("outcome-individual", 0, 0.0), ("output", 2, 66.7), ("input", 1, 33.3)]
    assert (block["classified"], block["unclassified"]) == (3, 1)
    assert block["measures"][3] == {"index": 3, "name": "Measure 3", "class": None, "label": None,
                                    "outcome": None, "note": "", "category_label": "No category yet"}
    overall = result["overall"]
    assert (overall["percent"], overall["confidence"]) == (None, 75.0)
    assert (overall["answered"], overall["unanswered"], overall["total"]) == (3, 1, 4)
    assert result["sections"] == [] and result["priorities"] == [] and result["evidence_gaps"] == []
