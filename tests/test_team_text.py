"""The team result's words: notes and plans kept with who wrote them, named agreement levels, roles kept back."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from obc_assess.core.responses import ROLE_IDS, template
from obc_assess.core.team import aggregate, summary_line
from obc_assess.core.team_text import agreement


def _person(definition: dict[str, Any], name: str, role: str, levels: dict[str, object],
            notes: dict[str, str] | None = None) -> dict[str, Any]:
    doc = template(definition, 2)
    doc["respondent"] = {"name": name, "role": role}
    for key, level in levels.items():
        doc["answers"][key] = {"level": level, "note": (notes or {}).get(key, "")}
    return doc


def test_notes_and_plans_are_kept_per_item_with_who_wrote_them(maturity: dict[str, Any]) -> None:
    ann = _person(maturity, "Ann", "commissioner", {"governance": 1}, {"governance": "  Board  minutes\nshow it "})
    ann["plan"] = {"governance": {"action": "Write terms of reference", "owner": "Ann", "due": "2026-03-31",
                                  "target": 2},
                   "cost": {"action": "", "owner": "", "due": "", "target": None}}  # blank: left out
    bob = _person(maturity, "Bob", "provider", {"governance": 2}, {"governance": "We were not asked"})
    cy = _person(maturity, "Cy", "provider", {"governance": 2})
    result = aggregate(maturity, [("a.json", ann), ("b.json", bob), ("c.json", cy)])
    governance = next(i for i in result["items"] if i["id"] == "governance")
    assert governance["notes"] == [{"respondent": "Ann", "note": "Board minutes show it"},
                                   {"respondent": "Bob", "note": "We were not asked"}]
    assert governance["plans"] == [{"respondent": "Ann", "action": "Write terms of reference", "owner": "Ann",
                                    "due": "2026-03-31", "due_label": "31 March 2026", "target": 2,
                                    "target_label": "Established"}]
    cost = next(i for i in result["items"] if i["id"] == "cost")
    assert (cost["notes"], cost["plans"]) == ([], [])


def test_anonymous_notes_name_respondents_by_number(maturity: dict[str, Any]) -> None:
    docs = [("ann.json", _person(maturity, "Ann", "commissioner", {"governance": 1}, {"governance": "Mine"}))]
    governance = next(i for i in aggregate(maturity, docs, anonymous=True)["items"] if i["id"] == "governance")
    assert governance["notes"] == [{"respondent": "Respondent 1", "note": "Mine"}]


@pytest.mark.parametrize(("spread", "expected"), [
    (None, None),
    (0, {"id": "same", "label": "Same answer"}),
    (1, {"id": "close", "label": "One level apart"}),
    (2, {"id": "apart", "label": "Far apart: worth talking through"}),
    (3, {"id": "apart", "label": "Far apart: worth talking through"}),
])
def test_agreement_levels_are_named(spread: int | None, expected: dict[str, str] | None) -> None:
    assert agreement(spread) == expected


def test_items_range_by_level_name(maturity: dict[str, Any]) -> None:
    docs = [(f"{n}.json", _person(maturity, name, "", {"governance": level, "outcomes-focus": 2}))
            for n, (name, level) in enumerate([("Ann", 0), ("Bob", 3)])]
    items = {i["id"]: i for i in aggregate(maturity, docs)["items"]}
    assert items["governance"]["range_text"] == "Not in place to Embedded"
    assert items["outcomes-focus"]["range_text"] == "Established"
    assert items["cost"]["range_text"] is None


def test_anonymous_hides_roles_held_by_one_person(maturity: dict[str, Any]) -> None:
    docs = [("a.json", _person(maturity, "Ann", "commissioner", {"governance": 1})),
            ("b.json", _person(maturity, "Bob", "provider", {"governance": 2})),
            ("c.json", _person(maturity, "Cy", "provider", {"governance": 3}))]
    named = aggregate(maturity, docs)
    assert [r["role"] for r in named["roles"]] == ["commissioner", "provider"] and named["roles_note"] is None
    hidden = aggregate(maturity, docs, anonymous=True)
    assert [(p["name"], p["role"], p["role_label"]) for p in hidden["respondents"]] == [
        ("Respondent 1", None, "Not shown"), ("Respondent 2", "provider", "Provider"),
        ("Respondent 3", "provider", "Provider")]
    assert [r["role"] for r in hidden["roles"]] == ["provider"]
    assert hidden["roles_note"] == ("Roles held by only one person are not shown, so that nobody can be picked out "
                                    "by their role: 1 person is left out of the roles table.")


@pytest.mark.parametrize(("merged", "left", "expected"), [
    (1, 0, "1 file merged."), (3, 0, "3 files merged."), (2, 1, "2 files merged; 1 left out (see Files left out)."),
])
def test_summary_line(merged: int, left: int, expected: str) -> None:
    assert summary_line(merged, left) == expected


_ROLES = st.sampled_from(ROLE_IDS)
_LEVELS = st.sampled_from([0, 1, 2, 3, "na", "unknown", None])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_ROLES, _LEVELS, _LEVELS), min_size=1, max_size=6))
def test_anonymous_never_shows_a_role_one_person_holds(procurement: dict[str, Any],
                                                         team: list[tuple[str, object, object]]) -> None:
    docs = [(f"{n}.json", _person(procurement, f"P{n}", role, {"governance": one, "outcomes-focus": two}))
            for n, (role, one, two) in enumerate(team)]
    result = aggregate(procurement, docs, anonymous=True)
    shown = [p["role"] for p in result["respondents"] if p["role"]]
    assert all(shown.count(role) >= 2 for role in shown)
    assert all(len(r["respondents"]) >= 2 for r in result["roles"] if r["role"])
    # Every item far apart is a disagreement, and every disagreement is far apart.
    apart = [i["id"] for i in result["items"] if (i["agreement"] or {}).get("id") == "apart"]
    assert apart == sorted((d["id"] for d in result["disagreements"]), key=apart.index)


@pytest.fixture(scope="module")
def procurement(definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return copy.deepcopy(definitions["procurement-review"])


def test_files_the_browser_could_not_read_are_left_out_in_words(maturity: dict[str, Any]) -> None:
    import json

    from obc_assess.core import api

    files = json.dumps([{"name": "ann.json", "text": json.dumps(_person(maturity, "Ann", "", {"governance": 1}))},
                        {"name": "huge.json", "unreadable": "too-large"}])
    answer = json.loads(api.aggregate_json(json.dumps(maturity), files))
    assert answer["result"]["skipped"] == [{"file": "huge.json", "problems": [
        {"path": "(file)", "message": "too large to be an exported answers file", "field": None}]}]
    assert answer["result"]["summary"] == "1 file merged; 1 left out (see Files left out)."


def test_markdown_lists_notes_and_plans_with_who_wrote_them(maturity: dict[str, Any]) -> None:
    from obc_assess.core.report_team import team_markdown

    ann = _person(maturity, "Ann", "", {"governance": 1}, {"governance": "Board *minutes*"})
    ann["plan"] = {"governance": {"action": "Write terms", "owner": "Ann", "due": "2026-03-31", "target": 2}}
    text = team_markdown(aggregate(maturity, [("a.json", ann)]))
    assert ("## Notes and plans\n\n### Governance\n\n- Note from Ann: Board \\*minutes\\*\n"
            "- Plan from Ann: Write terms; owner Ann; due 31 March 2026; target Established\n") in text
