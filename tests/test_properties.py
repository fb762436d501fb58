"""Properties of the scoring that must hold for any answers, weights, model and scope (Hypothesis)."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from weighted import weighted

from obc_assess.core.compare import compare
from obc_assess.core.definition import answer_keys
from obc_assess.core.responses import FORMAT
from obc_assess.core.scoring import score
from obc_assess.core.tailor import applies
from obc_assess.core.team import aggregate

LEVELS: list[object] = [0, 1, 2, 3, "na", "unknown", None]
WEIGHTS = [0.5, 1, 1.5, 2, 3, 5]
ITEMS = ["outcomes-focus", "governance", "cost", "allocation", "focus-detail", "extra-item"]

# One case: the answers, a weight per item, the model and the scope.
cases = st.tuples(
    st.fixed_dictionaries({key: st.sampled_from(LEVELS) for key in ITEMS}),
    st.fixed_dictionaries({key: st.sampled_from(WEIGHTS) for key in ITEMS}),
    st.sampled_from([None, 1, 2, 3]),
    st.sampled_from([None, "choosing", "allocation"]),
)
Case = tuple[dict[str, object], dict[str, float], int | None, str | None]


def _setup(base: dict[str, Any], case: Case) -> tuple[dict[str, Any], dict[str, Any]]:
    levels, weights, model, scope = case
    return weighted(base, levels, weights, model, scope)


def _percents(result: dict[str, Any]) -> list[float | None]:
    return [result["overall"]["percent"], *(s["percent"] for s in result["sections"])]


def _asked(definition: dict[str, Any], doc: dict[str, Any]) -> list[str]:
    model, scope = doc["context"]["model"], doc["context"]["scope"]
    return [item["id"] for s in definition["sections"] for item in s["items"]
            if applies(definition, item, model, scope)]


@given(cases)
def test_percents_and_confidence_stay_within_0_to_100(definitions: dict[str, Any], case: Case) -> None:
    result = score(*_setup(definitions["procurement-review"], case))
    confidences = [result["overall"]["confidence"], *(s["confidence"] for s in result["sections"])]
    figures = _percents(result) + confidences
    assert all(f is None or 0 <= f <= 100 for f in figures)
    overall = result["overall"]
    parts = ("answered", "na", "unknown", "unanswered")
    assert sum(overall[part] for part in parts) == overall["total"]


@given(cases, st.sampled_from(ITEMS))
def test_raising_one_answer_never_lowers_its_section_or_overall(definitions: dict[str, Any], case: Case,
                                                                 key: str) -> None:
    definition, doc = _setup(definitions["procurement-review"], case)
    level = doc["answers"][key]["level"]
    if not isinstance(level, int) or level == 3:
        return
    before = score(definition, doc)
    doc["answers"][key]["level"] = level + 1
    after = score(definition, doc)
    section = next(s["id"] for s in definition["sections"] if key in [i["id"] for i in s["items"]])
    for b, a in zip(before["sections"], after["sections"], strict=True):
        if b["id"] == section and b["percent"] is not None:
            assert a["percent"] >= b["percent"]
    if before["overall"]["percent"] is not None:
        assert after["overall"]["percent"] >= before["overall"]["percent"]


@given(cases)
def test_adding_na_answers_changes_no_percent(definitions: dict[str, Any], case: Case) -> None:
    definition, doc = _setup(definitions["procurement-review"], case)
    before = score(definition, doc)
    for answer in doc["answers"].values():
        if answer["level"] is None:
            answer["level"] = "na"
    after = score(definition, doc)
    assert _percents(after) == _percents(before)
    # N/A is a claim too (issue 30): above the stated share it withholds the band, whatever it was before.
    overall = after["overall"]
    if overall["na_share"] is not None and overall["na_share"] > overall["na_limit"]:
        assert (overall["band"], overall["band_status"]) == (None, "withheld")
    assert after["priorities"] == before["priorities"]


@given(cases)
def test_unknown_answers_keep_the_percent_and_never_raise_confidence(definitions: dict[str, Any],
                                                                     case: Case) -> None:
    definition, doc = _setup(definitions["procurement-review"], case)
    before = score(definition, doc)
    for answer in doc["answers"].values():
        if answer["level"] in (None, "na"):
            answer["level"] = "unknown"
    after = score(definition, doc)
    assert _percents(after) == _percents(before)
    was, now = before["overall"]["confidence"], after["overall"]["confidence"]
    if was is None:
        assert now is None or now == 0  # only gaps were added
    else:
        assert now is not None and now <= was


@given(cases, st.sampled_from([0, 3]))
def test_all_top_is_100_and_all_bottom_is_0(definitions: dict[str, Any], case: Case, level: int) -> None:
    definition, doc = _setup(definitions["procurement-review"], case)
    for key in answer_keys(definition):
        doc["answers"][key] = {"level": level, "note": ""}
    result = score(definition, doc)
    expected = 100.0 if level == 3 else 0.0
    assert result["overall"]["percent"] == expected
    assert result["overall"]["confidence"] == 100.0
    assert all(s["percent"] == expected for s in result["sections"] if s["total"])
    assert result["overall"]["band"]["id"] == ("embedded" if level == 3 else "early")
    assert len(result["priorities"]) == (0 if level == 3 else len(_asked(definition, doc)))


Rows = list[tuple[str, dict[str, object]]]
matrix_rows = st.lists(st.tuples(st.text(max_size=20), st.dictionaries(
    st.sampled_from(["pressure", "priorities"]), st.sampled_from([0, 1, 2, 3, "unknown", None]))))


@given(matrix_rows)
def test_matrix_percents_stay_in_range_and_ranks_run_1_to_n(definitions: dict[str, Any], rows: Rows) -> None:
    definition = definitions["review-priorities"]
    areas = [{"name": f"{n} {name}", "levels": levels, "note": ""} for n, (name, levels) in enumerate(rows)]
    doc = {"format": FORMAT, "format_version": 1, "assessment": definition["id"], "assessment_version": "1.0",
           "context": {"model": None, "scope": None}, "respondent": {"name": "", "role": ""},
           "answers": {"areas": areas}}
    result = score(definition, doc)
    areas = result["matrix"]["areas"]
    ranked = [a for a in areas if a["rank"] is not None]
    # The ranked areas first, ranked 1 to k; those with too few answers after them, with no rank and no score.
    assert [a["rank"] for a in areas] == [*range(1, len(ranked) + 1), *[None] * (len(areas) - len(ranked))]
    assert all(0 <= a["percent"] <= 100 for a in ranked)
    assert all(a["percent"] is None for a in areas if a["rank"] is None)
    scored = [a["percent"] for a in ranked]
    assert scored == sorted(scored, reverse=True)


@given(st.lists(st.sampled_from(["outcome-individual", "output", "input", None])))
def test_classification_shares_add_up(definitions: dict[str, Any], classes: list[str | None]) -> None:
    definition = definitions["measure-mix"]
    doc = {"format": FORMAT, "format_version": 1, "assessment": definition["id"], "assessment_version": "1.0",
           "context": {"model": None, "scope": None}, "respondent": {"name": "", "role": ""},
           "answers": {"measures": [{"name": f"M{n}", "class": c, "note": ""}
                                    for n, c in enumerate(classes)]}}
    block = score(definition, doc)["classification"]
    assert sum(c["count"] for c in block["classes"]) == block["classified"]
    assert block["classified"] + block["unclassified"] == len(classes)
    share = block["outcome_share"]
    assert share is None or 0 <= share <= 100
    assert block["flag"]["raised"] == (share is not None and share < 50)


# ---------------------------------------------------------------------------------------------- team, compare

def _canon(result: dict[str, Any]) -> dict[str, Any]:
    """A team result with every list that follows the respondents' order sorted, and their numbers dropped."""
    result = copy.deepcopy(result)
    result["respondents"] = sorted(({k: v for k, v in p.items() if k != "n"} for p in result["respondents"]),
                                   key=lambda p: p["name"])
    for item in result["items"]:
        item["levels"].sort(key=lambda cell: cell["respondent"])
        for listed in ("notes", "plans"):  # listed in the order of the files, by design
            item.get(listed, []).sort(key=lambda entry: entry["respondent"])
    for section in result["sections"]:
        section["percents"].sort(key=lambda cell: cell["respondent"])
    for entry in result["disagreements"]:
        entry["lowest"].sort()
        entry["highest"].sort()
    for role in result["roles"]:
        role["respondents"].sort(key=lambda person: person["name"])
    return result


@given(cases)
def test_merging_one_file_gives_its_own_levels_and_percents(definitions: dict[str, Any], case: Case) -> None:
    definition, doc = _setup(definitions["procurement-review"], case)
    result, alone = aggregate(definition, [("a.json", doc)]), score(definition, doc)
    asked = _asked(definition, doc)
    for item in result["items"]:
        level = doc["answers"][item["id"]]["level"]
        assert item["mean"] == (level if isinstance(level, int) and item["id"] in asked else None)
        assert item["range"] in (0, None)
    assert [s["mean"] for s in result["sections"]] == [s["percent"] for s in alone["sections"]]
    assert result["overall"]["mean"] == alone["overall"]["percent"]
    assert result["respondents"][0]["percent"] == alone["overall"]["percent"]
    assert result["disagreements"] == []


team_cases = st.tuples(
    st.fixed_dictionaries({key: st.sampled_from(WEIGHTS) for key in ITEMS}),
    st.lists(st.tuples(st.fixed_dictionaries({key: st.sampled_from(LEVELS) for key in ITEMS}),
                       st.sampled_from([None, 1, 2, 3]), st.sampled_from([None, "choosing", "allocation"]),
                       st.sampled_from(["", "commissioner", "provider"])), min_size=1, max_size=4),
    st.data(),
)


@given(team_cases)
def test_file_order_does_not_matter(definitions: dict[str, Any],
                                    team: tuple[dict[str, float], list[Any], st.DataObject]) -> None:
    weights, people, data = team
    docs: list[tuple[str, object]] = []
    definition: dict[str, Any] = {}
    for n, (levels, model, scope, role) in enumerate(people):
        definition, doc = _setup(definitions["procurement-review"], (levels, weights, model, scope))
        doc["respondent"] = {"name": f"Person {n}", "role": role}
        docs.append((f"{n}.json", doc))
    order = data.draw(st.permutations(range(len(docs))))
    shuffled = aggregate(definition, [docs[n] for n in order])
    assert _canon(shuffled) == _canon(aggregate(definition, docs))


@given(cases)
def test_comparing_a_file_with_itself_shows_no_change(definitions: dict[str, Any], case: Case) -> None:
    definition, doc = _setup(definitions["procurement-review"], case)
    result = compare(definition, doc, copy.deepcopy(doc))
    assert result["improved"] == result["slipped"] == result["new"] == result["gone"] == []
    assert all(i["change"] in (0, None) and i["movement"] in ("unchanged", "not compared")
               for i in result["items"])
    assert all(s["change"] in (0.0, None) for s in [*result["sections"], result["overall"]])
    assert result["context_changed"] is False
