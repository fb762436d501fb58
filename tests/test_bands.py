"""Earned bands (issue 10): exact cases on the real assessments and properties for any answers."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from obc_assess.core.definition import items, scale_of
from obc_assess.core.responses import template
from obc_assess.core.scoring import score
from obc_assess.host.building import build_all
from obc_assess.host.loader import load_data

REAL = build_all(load_data())
MATURITY = [aid for aid, d in REAL.items() if d["kind"] == "maturity"]
LEVELS: list[object] = [0, 1, 2, 3, "na", "unknown", None]


def _filled(aid: str, model: int | None, level_of: Any) -> dict[str, Any]:
    definition = REAL[aid]
    doc = template(definition, model)
    for (_, item) in items(definition):
        if item["id"] in doc["answers"]:  # the template holds the items asked for the model
            doc["answers"][item["id"]]["level"] = level_of(item)
    return doc


def _top(aid: str, item: dict[str, Any]) -> int:
    """The top level of the scale the item is asked on."""
    return int(scale_of(REAL[aid], item)["levels"][-1]["value"])


def _core(item: dict[str, Any], section_of: dict[str, dict[str, Any]]) -> bool:
    return not (item["optional"] or section_of[item["id"]]["optional"])


SECTION_OF = {aid: {item["id"]: section for section, item in items(d)} for aid, d in REAL.items()}


# The measurements: each was "Embedded" (or "Established" from the extras) before.
@pytest.mark.parametrize(("aid", "model", "outcomes_level", "other_level", "percent", "band", "status"), [
    # Outcomes items at 0, everything else at the top: the percent reaches a band the outcomes do not support.
    # (Version 1.2 split double questions, so more non-outcomes items at the top.)
    # By hand: the plan check weighs 51 (49 items, two counting double), 5 of it outcomes: 46 / 51 = 90.2%;
    # the standards 24, 4 of it outcomes: 20 / 24 = 83.3%; the principles 23, 4 of it outcomes: 19 / 23.
    # Issue 30: Model 2's reward check counts once, not as an outcomes item: 19 of 23 (4 of it outcomes) = 82.6%;
    # Tool 21's points are in the contract management core: 10 of 15 (5 of it outcomes) = 66.7%.
    ("procurement-review", 2, 0, 3, 82.6, "early", "capped"),
    ("contract-management-review", 2, 0, 3, 66.7, "early", "capped"),
    ("commissioning-plan", None, 0, "top", 90.2, "early", "capped"),
    ("commissioning-standards", None, 0, "top", 83.3, "early", "capped"),
    ("commissioning-principles", None, 0, "top", 82.6, "early", "capped"),
    # Outcomes items one level below the top: Partly on the coverage scale is half marks, Established two thirds.
    ("commissioning-plan", None, 1, "top", 95.1, "established", "capped"),
    ("commissioning-principles", None, 2, "top", 94.2, "established", "capped"),
    # Everything at the top earns the top band, on one scale or two.
    ("procurement-review", 2, "top", "top", 100.0, "embedded", "earned"),
    ("commissioning-standards", None, "top", "top", 100.0, "embedded", "earned"),
    ("commissioning-plan", None, "top", "top", 100.0, "embedded", "earned"),
])
def test_the_band_never_claims_more_than_the_outcomes_items(aid: str, model: int | None, outcomes_level: int | str,
                                                            other_level: int | str, percent: float, band: str,
                                                            status: str) -> None:
    def level(item: dict[str, Any]) -> int:
        chosen = outcomes_level if item["outcomes"] else other_level
        return _top(aid, item) if chosen == "top" else int(chosen)

    doc = _filled(aid, model, level)
    overall = score(REAL[aid], doc)["overall"]
    assert (overall["percent"], overall["band"]["id"], overall["band_status"]) == (percent, band, status)


def test_three_top_answers_and_the_rest_dont_know_give_no_band() -> None:
    definition = REAL["procurement-review"]
    first = list(template(definition, 2)["answers"])[:3]
    doc = _filled("procurement-review", 2, lambda item: 3 if item["id"] in first else "unknown")
    overall = score(definition, doc)["overall"]
    assert (overall["percent"], overall["band"], overall["band_status"]) == (100.0, None, "withheld")
    assert overall["band_reason"] == ("Not enough answers for a band: 3 of 21 items rated, confidence 17.4%; "
                                      "a band needs a confidence of 50% or more.")


def test_the_standards_come_before_the_part_2_actions() -> None:
    doc = _filled("commissioning-standards", None,
                  lambda item: 0 if item["id"].startswith("standard-") else _top("commissioning-standards", item))
    result = score(REAL["commissioning-standards"], doc)
    assert (result["overall"]["percent"], result["overall"]["band"]["id"]) == (0.0, "early")
    assert [e["id"] for e in result["extras"]] == ["scoping", "analyse", "plan", "secure", "review"]
    assert all(e["percent"] == 100.0 for e in result["extras"])


def test_an_extra_without_outcomes_items_cannot_claim_the_top_band() -> None:
    doc = _filled("contract-management-review", 2, lambda item: 3)
    extra = {e["id"]: e for e in score(REAL["contract-management-review"], doc)["extras"]}["good-practice-frameworks"]
    assert (extra["id"], extra["percent"], extra["band"]["id"], extra["band_status"]) == (
        "good-practice-frameworks", 100.0, "established", "capped")
    assert extra["band_reason"] == ("100.0% reaches Embedded, but Embedded speaks of an outcomes focus, and this "
                                    "part has no outcomes items: the band is Established.")


answers = st.fixed_dictionaries({}).flatmap(lambda _: st.tuples(
    st.sampled_from(MATURITY), st.sampled_from([None, 1, 2, 3]), st.randoms(use_true_random=False)))


def _levels(aid: str, item: dict[str, Any]) -> list[object]:
    """Every answer the item's own scale accepts."""
    scale = scale_of(REAL[aid], item)
    return [level["value"] for level in scale["levels"]] + ["unknown", None] + (["na"] if scale["na"] else [])


def _random_doc(aid: str, model: int | None, rng: random.Random) -> dict[str, Any]:
    return _filled(aid, model if REAL[aid]["asks_model"] else None, lambda item: rng.choice(_levels(aid, item)))


@given(answers)
def test_outcome_items_low_means_no_top_band(case: tuple[str, int | None, random.Random]) -> None:
    aid, model, rng = case
    doc = _random_doc(aid, model, rng)
    for (_, item) in items(REAL[aid]):
        if item["outcomes"] and item["id"] in doc["answers"] and rng.random() < 0.5:
            doc["answers"][item["id"]]["level"] = rng.choice([0, 1])
    overall = score(REAL[aid], doc)["overall"]
    if overall["outcomes_percent"] is not None and overall["outcomes_percent"] < 75:
        assert overall["band"] is None or overall["band"]["id"] != "embedded"
    if overall["band"] is not None and overall["outcomes_percent"] is not None:
        band_min = next(b["min_percent"] for b in REAL[aid]["bands"] if b["id"] == overall["band"]["id"])
        assert overall["outcomes_percent"] >= band_min and overall["percent"] >= band_min


@given(answers)
def test_confidence_below_the_threshold_means_no_band(case: tuple[str, int | None, random.Random]) -> None:
    aid, model, rng = case
    result = score(REAL[aid], _random_doc(aid, model, rng))
    for part in (result["overall"], *result["extras"]):
        if part["confidence"] is not None and part["confidence"] < part["min_confidence"]:
            assert part["band"] is None
            assert part["band_status"] == ("no-score" if part["percent"] is None else "withheld")


@given(answers, st.data())
def test_answering_an_optional_item_never_changes_the_core(case: tuple[str, int | None, random.Random],
                                                           data: st.DataObject) -> None:
    aid, model, rng = case
    definition = REAL[aid]
    doc = _random_doc(aid, model, rng)
    optional = [item["id"] for _, item in items(definition)
                if not _core(item, SECTION_OF[aid]) and item["id"] in doc["answers"]]
    if not optional:
        return
    before = score(definition, doc)
    key = data.draw(st.sampled_from(optional))
    item = next(item for _, item in items(definition) if item["id"] == key)
    doc["answers"][key]["level"] = data.draw(st.sampled_from(_levels(aid, item)))
    after = score(definition, doc)
    assert after["overall"] == before["overall"]
    core = [s for s in definition["sections"] if not s["optional"]]
    assert [s for s in after["sections"] if s["id"] in {c["id"] for c in core}] == \
        [s for s in before["sections"] if s["id"] in {c["id"] for c in core}]
