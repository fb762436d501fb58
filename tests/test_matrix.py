"""Review priorities on the real YAML (issue 30 point 5): "don't know" scores as not shown, an area under half
rated is listed apart with no rank, and criterion (f) is a flag beside the rank (Wirral 4.12), never part of
the order; the same in the result, Markdown, Word, CSV, a team merge and a comparison, in both languages."""

from __future__ import annotations

import copy
import csv
import io
from fractions import Fraction
from typing import Any

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from obc_assess.core.compare import compare
from obc_assess.core.render import to_csv, to_markdown
from obc_assess.core.report import result_docx
from obc_assess.core.report_team import team_markdown
from obc_assess.core.responses import template
from obc_assess.core.scoring import score
from obc_assess.core.team import aggregate
from obc_assess.host.building import build
from obc_assess.host.loader import Data, load_data

# Criteria (a) to (e), added into the score, and (f), the flag, in form order.
SCORED = ("council-priorities", "financial-pressure", "policy-and-regulation", "delivered-differently",
          "cross-department")
NEED = "need-identified"
U = "unknown"
RAISED = "Need not yet shown: challenge the need first"
CLEAR = "Need identified"


@pytest.fixture(scope="module")
def english(real_data: Data) -> dict[str, Any]:
    return build(real_data, "review-priorities")


@pytest.fixture(scope="module")
def welsh() -> dict[str, Any]:
    return build(load_data(lang="cy"), "review-priorities")


def _doc(definition: dict[str, Any], *areas: tuple[str, list[object]]) -> dict[str, Any]:
    """A file rating each named area (a) to (f) in order; None leaves a criterion unanswered."""
    doc = template(definition)
    doc["answers"]["areas"] = [{"name": name, "levels": dict(zip((*SCORED, NEED), levels, strict=True)),
                                "note": ""} for name, levels in areas]
    return doc


# (a)-(f) ratings -> rank when alone, score, confidence, rated, flag words. Scores are points over the 15 that
# should be rated: a "don't know" or no answer scores nothing. Under half of (a)-(e) rated: no rank, no score.
AREA_CASES = [
    ("one Strongly, five don't know", [3, U, U, U, U, U], None, None, 20.0, "1 of 5", RAISED),
    ("answered in full", [2, 2, 2, 2, 2, 2], 1, 66.7, 100.0, "5 of 5", CLEAR),
    ("three Strongly, two don't know", [3, 3, 3, U, U, 3], 1, 60.0, 60.0, "3 of 5", CLEAR),
    ("two of five rated", [3, 3, None, None, None, 2], None, None, 40.0, "2 of 5", CLEAR),
    ("need only a little shown", [0, 0, 0, 0, 0, 1], 1, 0.0, 100.0, "5 of 5", RAISED),
    ("need not answered", [1, 1, 1, 1, 1, None], 1, 33.3, 100.0, "5 of 5", RAISED),
    ("need strongly shown", [1, 1, 1, 1, 1, 3], 1, 33.3, 100.0, "5 of 5", CLEAR),
]


@pytest.mark.parametrize(("levels", "rank", "percent", "confidence", "rated", "flag"),
                         [case[1:] for case in AREA_CASES], ids=[case[0] for case in AREA_CASES])
def test_an_area_scores_what_is_shown_and_ranks_only_with_half_rated(
        english: dict[str, Any], levels: list[object], rank: int | None, percent: float | None,
        confidence: float, rated: str, flag: str) -> None:
    area = score(english, _doc(english, ("Area", levels)))["matrix"]["areas"][0]
    assert (area["rank"], area["percent"], area["confidence"], area["rated_label"], area["flag"]["label"]) == (
        rank, percent, confidence, rated, flag)
    assert area["flag"]["raised"] is (flag == RAISED)


def test_a_guess_never_ranks_above_an_area_answered_in_full(english: dict[str, Any]) -> None:
    # The example: one "Strongly" and five "Don't know" scored 100% and ranked first.
    result = score(english, _doc(english, ("Guess", [3, U, U, U, U, U]), ("Full", [1, 1, 1, 1, 1, 1])))
    assert [(a["rank"], a["name"], a["percent"]) for a in result["matrix"]["areas"]] == [
        (1, "Full", 33.3), (None, "Guess", None)]


def test_the_need_criterion_is_a_flag_and_never_reorders(english: dict[str, Any]) -> None:
    # Before issue 30, (f) was summed: "Need shown" (88.9%) ranked above "Need not shown" (72.2%).
    result = score(english, _doc(english, ("Need not shown", [3, 3, 3, 2, 2, 0]),
                                 ("Need shown", [3, 3, 3, 2, 2, 3])))
    assert [(a["rank"], a["name"], a["percent"], a["flag"]["label"]) for a in result["matrix"]["areas"]] == [
        (1, "Need not shown", 86.7, RAISED), (2, "Need shown", 86.7, CLEAR)]
    need = result["sections"][-1]
    assert (need["id"], need["flag"], need["display_title"]) == (
        NEED, True, "(f) Need identified (shown as a flag, not added to the score)")
    cell = next(c for c in result["working"]["items"] if c["id"] == NEED)
    assert (cell["included"], cell["contribution"], cell["reason"]) == (
        False, None, "not added to the score: shown as a flag beside the rank")
    unknown = score(english, _doc(english, ("A", [U, 3, 3, 3, 3, 3])))["working"]["items"][0]
    assert (unknown["included"], unknown["contribution"], unknown["reason"]) == (
        True, 0, "counted as not shown, 0 points: don't know, an evidence gap that lowers the confidence")
    assert result["matrix"]["flag"] == {
        "item": NEED, "title": "(f) Need identified", "raised": RAISED, "clear": CLEAR,
        "note": english["matrix"]["flag"]["note"],
        "quote": "The danger is that it does not in itself challenge the need for that service.",
        "cite": "Wirral 2011, paragraph 4.12"}


# The Markdown report's lines about ranking, exactly, in each language.
REPORT_CASES = [
    ("en", [
        "| Rank | Service area | Score | Confidence | Rated | (f) Need identified | Note |",
        "| 1 | Full | 66.7% | 100.0% | 5 of 5 | Need identified |  |",
        "## Not enough answers to rank",
        "These areas are listed apart, with no rank and no score: an area needs at least 50% of its scored "
        "criteria rated before it is ranked. Rate more of their criteria, or say in a note why you cannot.",
        "| Guess | 20.0% | 1 of 5 | Need not yet shown: challenge the need first |  |",
        "The source (Wirral 2011, paragraph 4.12): \"The danger is that it does not in itself challenge the need "
        "for that service.\"",
        "| (f) Need identified (shown as a flag, not added to the score) | 33.3% | 1 of 2 |",
        "### Guess (Not enough answers to rank)",
    ]),
    ("cy", [
        "| Safle | Maes gwasanaeth | Sgôr | Hyder | Wedi'u graddio | (f) Angen wedi'i nodi | Nodyn |",
        "| 1 | Full | 66.7% | 100.0% | 5 o 5 | Angen wedi'i nodi |  |",
        "## Dim digon o atebion i roi safle",
        "Mae'r meysydd hyn wedi'u rhestru ar wahân, heb safle a heb sgôr: rhaid graddio o leiaf 50% o feini "
        "prawf sgorio maes cyn rhoi safle iddo. Graddiwch fwy o'u meini prawf, neu nodwch mewn nodyn pam na allwch.",
        "| Guess | 20.0% | 1 o 5 | Angen heb ei ddangos eto: heriwch yr angen yn gyntaf |  |",
        "Dyfyniad o'r ffynhonnell Saesneg (Wirral 2011, paragraph 4.12): \"The danger is that it does not in itself "
        "challenge the need for that service.\"",
        "| (f) Angen wedi'i nodi (wedi'i ddangos fel rhybudd, heb ei adio at y sgôr) | 33.3% | 1 o 2 |",
        "### Guess (Dim digon o atebion i roi safle)",
    ]),
]


@pytest.mark.parametrize(("lang", "lines"), REPORT_CASES, ids=[case[0] for case in REPORT_CASES])
def test_the_report_lists_apart_what_it_cannot_rank(english: dict[str, Any], welsh: dict[str, Any], lang: str,
                                                    lines: list[str]) -> None:
    definition = english if lang == "en" else welsh
    report = to_markdown(score(definition, _doc(definition, ("Full", [2, 2, 2, 2, 2, 2]),
                                                ("Guess", [3, U, U, U, U, U]))))
    said = report.splitlines()
    assert [line for line in lines if line not in said] == []
    assert said.index(lines[0]) < said.index(lines[2])  # the ranked areas first, those not ranked apart after


def test_csv_and_word_say_the_same(english: dict[str, Any]) -> None:
    result = score(english, _doc(english, ("Full", [2, 2, 2, 2, 2, 2]), ("Guess", [3, U, U, U, U, U])))
    rows = list(csv.DictReader(io.StringIO(to_csv(result))))
    areas = [(r["record"], r["area"], r["rank"], r["percent"], r["confidence"], r["label"]) for r in rows
             if r["record"].startswith("area")]
    assert areas == [("area", "Full", "1", "66.7", "100.0", CLEAR),
                     ("area-not-ranked", "Guess", "", "", "20.0", RAISED)]
    document = docx.Document(io.BytesIO(result_docx(result)))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert "Not enough answers to rank" in headings and "Guess (Not enough answers to rank)" in headings
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["1", "Full", "66.7%", "100.0%", "5 of 5", CLEAR, ""] in cells
    assert ["Guess", "20.0%", "1 of 5", RAISED, ""] in cells


def test_a_team_ranks_an_area_by_those_who_can_rank_it(english: dict[str, Any]) -> None:
    ann = _doc(english, ("Home care", [3, 3, 3, 3, 3, 3]), ("Day services", [3, U, U, U, U, 0]))
    bob = _doc(english, ("home care", [1, 1, 1, 1, 1, 0]), ("Day services", [2, 2, 2, U, U, U]))
    ann["respondent"]["name"], bob["respondent"]["name"] = "Ann", "Bob"
    team = aggregate(english, [("ann.json", ann), ("bob.json", bob)])
    areas = team["matrix"]["areas"]
    # Day services: only Bob's answers are enough to rank it (6 of 15 points: 40%, his first).
    assert [(a["rank"], a["name"], a["ranked"], a["mean"], [c["text"] for c in a["ranks"]], a["flag"]["label"])
            for a in areas] == [
        (1, "Home care", 2, 66.7, ["1 (100.0%)", "2 (33.3%)"], f"{RAISED} (1 of 2)"),
        (2, "Day services", 1, 40.0, ["Not ranked", "1 (40.0%)"], f"{RAISED} (2 of 2)")]
    assert "| 2 | Day services | 40.0% | 40.0% | 40.0% | Not ranked | 1 (40.0%) | " \
           f"{RAISED} (2 of 2) |" in team_markdown(team).splitlines()


def test_a_comparison_says_not_ranked_and_the_flag_each_side(english: dict[str, Any]) -> None:
    before = _doc(english, ("Home care", [3, U, U, U, U, U]))
    after = _doc(english, ("Home care", [3, 3, 3, U, U, 3]))
    area = compare(english, before, after)["matrix"]["areas"][0]
    assert (area["before"], area["after"], area["before_rank_text"], area["after_rank_text"],
            area["before_flag"], area["after_flag"]) == (None, 60.0, "Not ranked", "1", RAISED, CLEAR)


def test_answers_saved_for_1_1_load_with_what_changed(english: dict[str, Any]) -> None:
    doc = _doc(english, ("Home care", [3, 3, 3, 3, 3, 0]))
    doc["assessment_version"] = "1.1"
    result = score(english, doc)
    assert (english["version"], result["version_matches"]) == ("1.2", False)
    assert result["version_notice"] == (
        "These answers were written for version 1.1 of this assessment; some items may have changed.")
    assert english["changes"][-1]["summary"].startswith("Criterion (f) is no longer added to an area's score")


# ----------------------------------------------------------------------------------------------- properties

LEVELS: list[object] = [0, 1, 2, 3, U, None]
areas_st = st.lists(st.lists(st.sampled_from(LEVELS), min_size=6, max_size=6), min_size=1, max_size=6)


def _areas(definition: dict[str, Any], rows: list[list[object]]) -> list[dict[str, Any]]:
    result = score(definition, _doc(definition, *((f"Area {n}", levels) for n, levels in enumerate(rows))))
    return sorted(result["matrix"]["areas"], key=lambda a: a["index"])


@given(areas_st)
def test_an_area_under_half_rated_is_never_ranked(english: dict[str, Any], rows: list[list[object]]) -> None:
    for area, levels in zip(_areas(english, rows), rows, strict=True):
        rated = sum(isinstance(level, int) for level in levels[:5])
        assert (area["rank"] is None) == (2 * rated < 5)
        assert (area["percent"] is None) == (area["rank"] is None)


@given(areas_st, st.integers(0, 5), st.integers(0, 5))
def test_adding_dont_know_never_raises_an_area(english: dict[str, Any], rows: list[list[object]], which: int,
                                               criterion: int) -> None:
    which %= len(rows)
    was = _areas(english, rows)[which]
    changed = copy.deepcopy(rows)
    changed[which][criterion] = U
    now = _areas(english, changed)[which]
    if was["rank"] is None:
        assert now["rank"] is None
    else:
        assert now["rank"] is None or now["rank"] >= was["rank"]
        assert now["percent"] is None or now["percent"] <= was["percent"]


@given(areas_st, st.lists(st.sampled_from(LEVELS), min_size=6, max_size=6))
def test_the_need_criterion_never_changes_the_order(english: dict[str, Any], rows: list[list[object]],
                                                    needs: list[object]) -> None:
    changed = [[*levels[:5], needs[n]] for n, levels in enumerate(rows)]
    was, now = _areas(english, rows), _areas(english, changed)
    assert [(a["rank"], a["percent"]) for a in was] == [(a["rank"], a["percent"]) for a in now]
    for area, levels in zip(now, changed, strict=True):
        assert area["flag"]["raised"] is not (levels[5] in (2, 3))
    # The order is that of the (a)-(e) scores alone: points over the 15 that should be rated.
    scores = [Fraction(sum(level for level in levels[:5] if isinstance(level, int)), 15) for levels in rows]
    ranked = sorted((a for a in was if a["rank"] is not None), key=lambda a: a["rank"])
    assert [a["index"] for a in ranked] == sorted((a["index"] for a in ranked), key=lambda i: (-scores[i], i))
