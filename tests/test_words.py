"""The words a result carries beside its figures (obc_assess.core.words): true of the answers, and on every kind."""

from __future__ import annotations

from typing import Any

import pytest

from obc_assess.core.responses import template
from obc_assess.core.scoring import score
from obc_assess.core.words import answer_label, counts_label
from obc_assess.host.building import build
from obc_assess.host.loader import Data


@pytest.mark.parametrize(("counts", "text"), [
    ({"answered": 3, "total": 13, "na": 1, "unknown": 2, "unanswered": 7},
     "3 of 13 rated, 1 not applicable, 2 don't know, 7 not answered"),
    ({"answered": 4, "total": 4, "na": 0, "unknown": 0, "unanswered": 0}, "4 of 4 rated"),
])
def test_counts_label(counts: dict[str, int], text: str) -> None:
    assert counts_label(counts) == text


@pytest.mark.parametrize(("label", "status", "text"), [
    ("Strongly", "scored", "Strongly"), (None, "unknown", "Don't know"), (None, "unanswered", "Not answered"),
    (None, "skipped", "Not answered"), (None, "not-asked", "Not asked"),
    # Not applicable is read with its reason (issue 30); a file saved before reasons says there is none.
    ("Not applicable", "na", "Not applicable (no reason given)"),
])
def test_answer_label(label: str | None, status: str, text: str) -> None:
    assert answer_label(label, status) == text


@pytest.mark.parametrize(("reason", "text"), [
    ("We commission in one city.", "Not applicable: We commission in one city."),
    ("  Two\n lines ", "Not applicable: Two lines"), ("", "Not applicable (no reason given)"),
    (" ", "Not applicable (no reason given)")])
def test_not_applicable_reads_with_its_reason(reason: str, text: str) -> None:
    assert answer_label("Not applicable", "na", "en", reason) == text


def test_a_matrix_explains_each_rating_in_words_never_codes(real_data: Data) -> None:
    definition = build(real_data, "review-priorities")
    doc = template(definition)
    criteria = list(doc["answers"]["areas"][0]["levels"])
    doc["answers"]["areas"] = [{"name": "Home care", "levels": {criteria[0]: 3, criteria[1]: "unknown"},
                                "note": ""}]
    result = score(definition, doc)
    cells = result["working"]["items"]
    assert [(c["title"], c["answer_label"]) for c in cells[:3]] == [
        ("(a) Council priorities", "Strongly"), ("(b) Budget and financial pressure", "Don't know"),
        ("(c) Policy drivers and regulation", "Not answered")]
    assert not any(" of 3" in c["answer_label"] or c["answer_label"] in ("3", "unknown") for c in cells)
    assert result["matrix"]["areas"][0]["rated_label"] == "1 of 5"  # (f) is a flag, not one of the scored five
    assert result["progress"] == {"done": 2, "total": 6, "noun": "ratings given", "label": "2 of 6 ratings given."}


def test_a_classification_names_its_categories_and_share(real_data: Data) -> None:
    definition = build(real_data, "measure-mix")
    doc = template(definition)
    doc["answers"]["measures"] = [{"name": "Visits on time", "class": "output", "note": ""},
                                  {"name": "Feeling safe", "class": None, "note": ""}]
    result = score(definition, doc)
    block = result["classification"]
    assert [m["category_label"] for m in block["measures"]] == ["Output", "No category yet"]
    assert {c["id"]: c["kind_label"] for c in block["classes"]}["output"] == "Not an outcome"
    assert block["share_label"] == "of the 1 measures with a category"
    assert result["working"]["explanation"].startswith("0 of the 1 measures with a category are outcome measures.")


def test_about_says_who_and_when_in_words(real_data: Data) -> None:
    definition = build(real_data, "procurement-review")
    doc: dict[str, Any] = template(definition, model=2)
    doc["respondent"] = {"name": " Home care team ", "role": "commissioner", "organisation": "Cyngor Gwynedd"}
    doc["assessment_date"] = "2026-03-02"
    about = [(row["term"], row["value"]) for row in score(definition, doc)["about"]]
    assert about == [("Model", f"Model 2: {definition['models'][1]['name']}"), ("Name or team", "Home care team"),
                     ("Role", "Commissioner"), ("Organisation", "Cyngor Gwynedd"),
                     ("Assessment date", "2 March 2026")]
    blank = [(row["term"], row["value"]) for row in score(definition, template(definition))["about"]]
    assert blank == [("Name or team", "Not given"), ("Role", "Not given"), ("Organisation", "Not given"),
                     ("Assessment date", "Not given")]
