"""Outcomes weights that follow the sources (issue 30 point 8): which items are outcomes items, core or optional,
and what they weigh, each decision beside the source line it follows; every weights note gives its own source's
reason and says the weight itself is the toolkit's own."""

from __future__ import annotations

import re
from typing import Any

import pytest

from obc_assess.core.definition import items
from obc_assess.host.building import build_all
from obc_assess.host.loader import load_data

REAL = build_all(load_data())
WELSH = build_all(load_data(lang="cy"))
MATURITY = [aid for aid, d in REAL.items() if d["kind"] == "maturity"]

# (assessment, item) -> core, outcomes item, weight; and the source line behind the decision.
DECISIONS = [
    # Tool 21 section 5: "Monitoring outcomes becomes a key activity."
    ("contract-management-review", "individual-outcomes", True, True, 1),
    ("contract-management-review", "individual-outcome-measures", True, True, 1),
    ("contract-management-review", "population-assurance", True, True, 1),
    # Tool 21 section 5: "Good relationship management as part of this process is essential."
    ("contract-management-review", "close-relationship", True, False, 1),
    # Tool 21 section 5: "It may also be appropriate to give providers more scope and flexibility ..."
    ("contract-management-review", "provider-scope", False, False, 1),
    # Tool 20 section 5, Outcomes: "Should be the focus of any contract management exercise."
    ("contract-management-review", "outcomes", True, True, 2),
    # Tool 21 section 4: including outcomes in the reward process "is not specifically advocated here".
    ("procurement-review", "model-2-rewarding", True, False, 1),
    ("supporting-systems", "outcomes-in-reward", False, False, 1),
    # Tool 20 section 4: "particular attention ... to the mechanisms identified for measuring the achievement of
    # outcomes"; "Having an Outcomes-focus is the paramount concern here".
    ("procurement-review", "model-2-measuring-and-rewarding", True, True, 2),
    ("procurement-review", "outcomes-focus", True, True, 2),
    # Framework 2010 Introduction: Part 2 "is not statutory requirement"; Standards 3 and 11 are Part 1.
    ("commissioning-standards", "plan-strategic-outcomes", False, True, 2),
    ("commissioning-standards", "standard-3", True, True, 2),
    ("commissioning-standards", "standard-11", True, True, 2),
]


def _entry(aid: str, item_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    return next((section, item) for section, item in items(REAL[aid]) if item["id"] == item_id)


@pytest.mark.parametrize(("aid", "item_id", "core", "outcomes", "weight"), DECISIONS,
                         ids=[f"{d[0]}:{d[1]}" for d in DECISIONS])
def test_each_item_is_weighed_as_its_source_says(aid: str, item_id: str, core: bool, outcomes: bool,
                                                 weight: int) -> None:
    section, item = _entry(aid, item_id)
    assert (not (section["optional"] or item["optional"]), item["outcomes"], item["weight"]) == (
        core, outcomes, weight)


def test_no_optional_section_holds_an_outcomes_item_a_source_calls_key() -> None:
    # Before issue 30 Tool 21's monitoring of outcomes sat in an optional section and never moved the headline.
    optional = {(aid, item["id"]) for aid in MATURITY for section, item in items(REAL[aid])
                if item["outcomes"] and (section["optional"] or item["optional"])}
    assert optional == {("commissioning-standards", "plan-strategic-outcomes")}  # Part 2: good practice only


@pytest.mark.parametrize("aid", MATURITY)
def test_a_weights_note_gives_its_own_sources_reason_and_marks_the_weight_the_toolkits_own(aid: str) -> None:
    definition = REAL[aid]
    note = definition["weights_note"]
    # Tool 20's "paramount concern" is a reason only where Tool 20 is the assessment's source.
    assert "paramount concern" not in note or definition["source"]["id"] == "tool20"
    assert "the toolkit's own" in note
    # A quotation of the source, with where it is: a section, paragraph, standard or part.
    assert re.search(r'"[^"]{12,}"', note)
    assert re.search(r"\((?:Part \d|paragraph \d|section \d)|section \d", note)
    assert "pecyn cymorth ei hun" in WELSH[aid]["weights_note"]


def test_review_priorities_says_which_rules_are_its_own() -> None:
    note = REAL["review-priorities"]["weights_note"]
    assert "are the toolkit's own rules" in note
    assert '"does not in itself challenge the need for that service"' in note
