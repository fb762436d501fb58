"""A scale for each kind of question (issue 10 point 4): coverage beside maturity, on the real YAML."""

from __future__ import annotations

import copy
import random
from fractions import Fraction
from typing import Any

import pytest
from answering import answer, choices
from hypothesis import given
from hypothesis import strategies as st

from obc_assess.core.definition import items, scale_of
from obc_assess.core.report import to_markdown
from obc_assess.core.responses import template, validate
from obc_assess.core.scoring import score
from obc_assess.host.building import build_all
from obc_assess.host.loader import load_data
from obc_site.pages import AssetUrls, Site, assessment_pages

REAL = build_all(load_data())
MATURITY = [aid for aid, d in REAL.items() if d["kind"] == "maturity"]
STANDARDS = "commissioning-standards"
PLAN = "commissioning-plan"


def _top(definition: dict[str, Any], item: dict[str, Any]) -> int:
    return int(scale_of(definition, item)["levels"][-1]["value"])


def _filled(definition: dict[str, Any], level_of: Any) -> dict[str, Any]:
    doc = template(definition)
    for section, item in items(definition):
        if item["id"] in doc["answers"]:
            doc["answers"][item["id"]] = answer(level_of(section, item))
    return doc


def _mixed_core() -> dict[str, Any]:
    """The standards with the scoping questions moved into the core: one part on two scales, for the band rules."""
    definition = copy.deepcopy(REAL[STANDARDS])
    for section in definition["sections"]:
        if section["id"] == "scoping":
            section["optional"] = False
    return definition


def test_the_real_data_uses_coverage_for_what_a_plan_covers_and_maturity_for_practices() -> None:
    assert {scale_of(REAL[PLAN], item)["id"] for _, item in items(REAL[PLAN])} == {"coverage"}
    scales = {section["id"]: {scale_of(REAL[STANDARDS], item)["id"] for item in section["items"]}
              for section in REAL[STANDARDS]["sections"]}
    assert scales == {"standards": {"maturity"}, "scoping": {"coverage"}, "analyse": {"maturity"},
                      "plan": {"maturity"}, "secure": {"maturity"}, "review": {"maturity"}}
    assert list(REAL[STANDARDS]["scales"]) == ["maturity", "coverage"]
    assert [level["label"] for level in REAL[STANDARDS]["scales"]["coverage"]["levels"]] == ["No", "Partly", "Yes"]


# Scoping (coverage) scored apart from the core (maturity), level by level: Partly is half of Yes.
@pytest.mark.parametrize(("scoping", "percent", "band", "status"), [
    # Coverage words for a coverage checklist (issue 30 point 3): all No covers few; all Partly covers some, never
    # most; all Yes covers all (a claim about coverage, not an outcomes focus, so it needs no outcomes items).
    (0, 0.0, "few", "earned"),
    (1, 50.0, "some", "earned"),
    (2, 100.0, "all", "earned"),
    # All of it not applicable: more than the share a band allows.
    ("na", None, None, "withheld"),
])
def test_the_scoping_checklist_scores_on_its_own_scale(scoping: object, percent: float | None, band: str | None,
                                                       status: str) -> None:
    definition = REAL[STANDARDS]
    doc = _filled(definition, lambda section, item: scoping if section["id"] == "scoping" else _top(definition, item))
    result = score(definition, doc)
    extra = next(e for e in result["extras"] if e["id"] == "scoping")
    assert (extra["percent"], extra["band"]["id"] if extra["band"] else None, extra["band_status"]) == (
        percent, band, status)
    assert (result["overall"]["percent"], result["overall"]["band"]["id"]) == (100.0, "embedded")


# One part on two scales: the 22 standards (weight 24, all at the top) and 13 scoping questions (weight 13).
@pytest.mark.parametrize(("standards", "scoping", "percent", "band", "status"), [
    # Read on the assessment's own scale (maturity), each answer by its worth: Partly is half, below Established.
    ("top", 1, 82.4, "embedded", "earned"),  # (24 + 13 / 2) / 37; 24 of 37 at the top
    ("top", 0, 64.9, "split", "split"),  # 24 / 37 at the top, 13 at nothing: split, not Established
    (1, 2, 56.8, "split", "split"),  # (24 / 3 + 13) / 37: 13 at the top, 24 at Developing
    (2, 1, 60.8, "established", "earned"),  # (24 * 2 / 3 + 13 / 2) / 37; 24 of 37 at Established
])
def test_bands_follow_one_part_on_two_scales(standards: object, scoping: int, percent: float, band: str,
                                             status: str) -> None:
    definition = _mixed_core()

    def level(section: dict[str, Any], item: dict[str, Any]) -> object:
        if section["id"] == "scoping":
            return scoping
        if section["id"] == "standards":
            return _top(definition, item) if standards == "top" else standards
        return None

    overall = score(definition, _filled(definition, level))["overall"]
    assert (overall["percent"], overall["band"]["id"], overall["band_status"]) == (percent, band, status)


def test_priorities_rank_across_scales_by_the_share_of_full_marks_to_go() -> None:
    definition = _mixed_core()
    doc = _filled(definition, lambda section, item: (
        {"standard-1": 2, "scope-period": 1, "scope-owner": 0}.get(item["id"], _top(definition, item))))
    result = score(definition, doc)
    ranked = [(p["id"], p["level_label"], p["max"], p["scale"]) for p in result["priorities"]]
    # "No" is all of the marks to go; "Partly" half; "Established" a third: equal weights rank in that order.
    assert ranked == [("scope-owner", "No", 2, "coverage"), ("scope-period", "Partly", 2, "coverage"),
                      ("standard-1", "Established", 3, "maturity")]
    assert result["priorities"][1]["reason"] == (
        'Rated "Partly" (1 of 2 on the coverage scale), weight 1: this item counts once.')
    assert result["priorities"][1]["target"] == {
        "level": 2, "label": "Yes", "descriptor": "It is covered fully and clearly, in writing."}
    assert result["working"]["rule"] == (
        "Each rated item scores its weight times its level, divided by the top level of the scale it is asked on, "
        "so the top level is full marks on every scale (Maturity: Not in place, Developing, Established or "
        "Embedded, divided by 3; Coverage: No, Partly or Yes, divided by 2).")


def test_the_markdown_names_the_scale_of_every_item() -> None:
    definition = REAL[STANDARDS]
    doc = _filled(definition, lambda section, item: 1)
    text = to_markdown(score(definition, doc))
    assert ("Answer scales: Maturity: Not in place, Developing, Established or Embedded; Coverage: No, Partly or "
            "Yes.") in text
    assert "| Item | Answer | Scale | Weight | Points | Note |" in text
    assert ("| What period will the commissioning plan cover? | Partly | Coverage: No, Partly or Yes | 1 | 0.5 |  |"
            in text)
    # One scale: no column, and the scale named once.
    plan = to_markdown(score(REAL[PLAN], _filled(REAL[PLAN], lambda section, item: 1)))
    assert "Answer scale: Coverage: No, Partly or Yes." in plan and "| Scale |" not in plan
    assert "Each rated item scores its weight times its level, divided by 2." in plan


@pytest.mark.parametrize("aid", MATURITY)
def test_every_level_of_every_item_is_reachable_and_worth_its_share(aid: str) -> None:
    definition = REAL[aid]
    for _, item in items(definition):
        scale = scale_of(definition, item)
        top = scale["levels"][-1]["value"]
        worth = []
        for level in scale["levels"]:
            doc = template(definition)
            if item["id"] not in doc["answers"]:
                break  # not asked without a model: another test covers the models
            doc["answers"][item["id"]]["level"] = level["value"]
            assert validate(definition, doc) == []
            row = next(i for i in score(definition, doc)["working"]["items"] if i["id"] == item["id"])
            assert (row["level_label"], row["max"], row["scale"]) == (level["label"], top, scale["id"])
            worth.append(Fraction(str(row["contribution"])) / Fraction(str(item["weight"])))
        assert worth == sorted(set(worth)), item["id"]  # each level worth more than the one below
        if worth:
            assert (worth[0], worth[-1]) == (0, 1)


def test_a_level_above_an_items_own_scale_is_refused_in_words() -> None:
    definition = REAL[STANDARDS]
    doc = template(definition)
    doc["answers"]["scope-period"]["level"] = 3
    doc["answers"]["standard-1"]["level"] = 3
    assert [(p.path, p.message) for p in validate(definition, doc)] == [
        ("answers.scope-period.level", 'must be 0, 1, 2, "na", "unknown" or null')]
    doc["answers"]["scope-period"]["level"] = 2
    doc["plan"] = {"scope-period": {"action": "Agree it", "owner": "", "due": "", "target": 3}}
    assert [(p.path, p.message) for p in validate(definition, doc)] == [
        ("plan.scope-period.target", "must be a level on the scale: 0, 1, 2 or null")]


def _random_answers(definition: dict[str, Any], rng: random.Random, only: tuple[object, ...] | None = None) -> dict[
        str, Any]:
    def level(section: dict[str, Any], item: dict[str, Any]) -> object:
        every = choices(definition, item)
        scale = [lv["value"] for lv in scale_of(definition, item)["levels"]]
        return rng.choice([*(only or ()), *(c for c in every if only is None or c not in scale)])
    return _filled(definition, level)


seeds = st.randoms(use_true_random=False)


@given(seeds)
def test_coverage_all_no_never_gives_a_band_above_the_lowest(rng: random.Random) -> None:
    result = score(REAL[PLAN], _random_answers(REAL[PLAN], rng, only=(0,)))
    assert result["overall"]["band"] is None or result["overall"]["band"]["id"] == "few"
    standards = score(REAL[STANDARDS], _filled(REAL[STANDARDS], lambda section, item: (
        0 if section["id"] == "scoping" else rng.choice([0, 1, 2, 3, "unknown"]))))
    scoping = next(e for e in standards["extras"] if e["id"] == "scoping")
    assert scoping["percent"] == 0.0 and scoping["band"]["id"] == "few"


@given(seeds, st.data())
def test_partly_never_scores_like_yes(rng: random.Random, data: st.DataObject) -> None:
    definition = REAL[PLAN]
    doc = _random_answers(definition, rng)
    key = data.draw(st.sampled_from(sorted(doc["answers"])))
    doc["answers"][key] = answer(1)
    partly = score(definition, doc)
    doc["answers"][key] = answer(2)
    yes = score(definition, doc)
    rows = [next(i for i in r["working"]["items"] if i["id"] == key) for r in (partly, yes)]
    item = next(item for _, item in items(definition) if item["id"] == key)
    assert Fraction(str(rows[0]["contribution"])) * 2 == Fraction(str(rows[1]["contribution"])) == Fraction(
        str(item["weight"]))
    assert yes["overall"]["percent"] > partly["overall"]["percent"]
    assert key not in {p["id"] for p in yes["priorities"]} and key in {p["id"] for p in partly["priorities"]}


@given(seeds)
def test_the_percent_is_the_share_of_full_marks_on_each_items_own_scale(rng: random.Random) -> None:
    definition = _mixed_core()
    doc = _random_answers(definition, rng)
    points, possible = Fraction(0), Fraction(0)
    for section, item in items(definition):
        level = doc["answers"][item["id"]]["level"]
        if isinstance(level, int) and not (item["optional"] or section["optional"]):
            weight = Fraction(str(item["weight"]))
            points += weight * level / _top(definition, item)
            possible += weight
    percent = score(definition, doc)["overall"]["percent"]
    if possible == 0:
        assert percent is None
    else:
        exact = 100 * points / possible
        assert abs(Fraction(str(percent)) - exact) <= Fraction(1, 20)


def _form(aid: str) -> str:
    data = load_data()
    urls = AssetUrls("rt/", "p.zip", {a: f"{a}.json" for a in data.assessments})
    return str(assessment_pages(Site(data, REAL), urls)[f"assessments/{aid}.md"])


def test_the_form_asks_each_item_on_its_own_scale_and_names_it() -> None:
    page = _form(STANDARDS)
    start = page.index('id="item:scope-period"')
    scoping = page[start:page.index("</details>", start)]
    assert "<p class=\"obc-hint\">Answer scale: Coverage: No, Partly or Yes.</p>" in scoping
    assert [f'value="{v}"' in scoping for v in ("0", "1", "2", "3")] == [True, True, True, False]
    assert '<option value="2">2: Yes</option>' in scoping and '<option value="3">' not in scoping
    start = page.index('id="item:standard-1"')
    standard = page[start:page.index("</details>", start)]
    assert "Answer scale: Maturity: Not in place, Developing, Established or Embedded." in standard
    assert 'value="3"' in standard
    assert "<summary>The answer scales and weights</summary>" in page
    # The principles ask no model now: it changed nothing there.
    assert 'name="context-model"' not in _form("commissioning-principles")
    # One scale: named once, in the scale's details, not beside every item.
    assert "Answer scale:" not in _form(PLAN)
