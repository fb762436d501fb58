"""Properties of a review on the real YAML, for any answers and any review (issue 34): it never changes a percent,
an open challenge never raises a band, and the history survives export, import and export unchanged."""

from __future__ import annotations

import json
import random
from typing import Any

from answering import answer, choices
from hypothesis import given, settings
from hypothesis import strategies as st

from obc_assess.core import api
from obc_assess.core.definition import items
from obc_assess.core.responses import template, validate
from obc_assess.core.scoring import score
from obc_assess.host.building import build_all
from obc_assess.host.loader import load_data

REAL = build_all(load_data())
MATURITY = [aid for aid, d in REAL.items() if d["kind"] == "maturity"]
TEXTS = ["", "Why?", "Café “Tîm” ŵŷ", "=1+1", "Line one\nline two"]
cases = st.tuples(st.sampled_from(MATURITY), st.sampled_from([None, 1, 2, 3]), st.randoms(use_true_random=False))
Case = tuple[str, int | None, random.Random]


def _doc(case: Case) -> dict[str, Any]:
    """Random answers (N/A where an item allows it, with its reason) and a review of one to three rounds, each
    deciding on a random share of the items, challenges with comments, some answered."""
    aid, model, rng = case
    definition = REAL[aid]
    doc = template(definition, model if definition["asks_model"] else None)
    for _, item in items(definition):
        if item["id"] in doc["answers"]:
            doc["answers"][item["id"]] = answer(rng.choice(choices(definition, item)))
    doc["assessment_date"] = "2026-03-02"
    rounds = []
    for n in range(rng.randint(1, 3)):
        decided = {item_id: {"decision": rng.choice(["agree", "challenge"]), "comment": rng.choice(TEXTS) or "Why?"}
                   for item_id in doc["answers"] if rng.random() < .4}
        challenged = [item_id for item_id, d in decided.items() if d["decision"] == "challenge"]
        responses = {item_id: rng.choice([{"outcome": "changed", "text": "", "date": f"2026-0{4 + n}-20"},
                                          {"outcome": "kept", "text": "It stands.", "date": f"2026-0{4 + n}-20"}])
                     for item_id in challenged if rng.random() < .5}
        rounds.append({"reviewer": rng.choice(["Siân Jones", "Owen"]), "role": rng.choice(TEXTS),
                       "date": f"2026-0{4 + n}-0{1 + n}", "comment": rng.choice(TEXTS), "items": decided,
                       "responses": responses})
    doc["review"] = {"rounds": rounds}
    assert validate(definition, doc) == []
    return doc


def _figures(result: dict[str, Any]) -> list[object]:
    """Every percent and confidence a result gives: overall, sections, extras and the outcomes items'."""
    overall = result["overall"]
    return [overall["percent"], overall["confidence"], overall["outcomes_percent"], overall["outcomes_answered"],
            *((s["percent"], s["confidence"]) for s in result["sections"]),
            *((e["percent"], e["confidence"], e["outcomes_percent"]) for e in result["extras"]),
            result["working"]["points"], result["working"]["possible"]]


def _parts(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [result["overall"], *result["extras"]]


@settings(max_examples=60, deadline=None)
@given(cases)
def test_a_review_never_changes_a_percent(case: Case) -> None:
    doc = _doc(case)
    reviewed = score(REAL[case[0]], doc)
    unreviewed = score(REAL[case[0]], {k: v for k, v in doc.items() if k != "review"})
    assert _figures(reviewed) == _figures(unreviewed)


@settings(max_examples=60, deadline=None)
@given(cases)
def test_an_open_challenge_never_raises_a_band(case: Case) -> None:
    definition, doc = REAL[case[0]], _doc(case)
    reviewed = score(definition, doc)
    unreviewed = score(definition, {k: v for k, v in doc.items() if k != "review"})
    still_open = reviewed["review"]["counts"]["open"]
    for after, before in zip(_parts(reviewed), _parts(unreviewed), strict=True):
        if not still_open:
            assert after == {**before, "band_provisional": False}
            continue
        if after["band"] is None or after["band_status"] == "split" or before["band_status"] == "split":
            continue  # no band claimed (a split names no level, so it is neither above nor below one)
        assert before["band"] is not None
        ids = [b["id"] for b in next(s for s in [definition["scale"], *definition["scales"].values()]
                                     if after["band"]["id"] in [b["id"] for b in s["bands"]])["bands"]]
        assert ids.index(after["band"]["id"]) <= ids.index(before["band"]["id"])
    assert reviewed["overall"]["band_provisional"] == any(
        row["review"] == "open" and row["extras"] is None for row in reviewed["working"]["items"])


def _export(definition: str, text: str) -> dict[str, Any]:
    """As the page does it: import the file into the form, then export the answers the form's fields give."""
    imported = json.loads(api.call(json.dumps({"type": "import", "definition": definition, "text": text})))
    assert imported["ok"], imported["problems"]
    evaluated = json.loads(api.call(json.dumps({"type": "evaluate", "definition": definition,
                                                "fields": json.dumps(imported["form"]["fields"])})))
    assert evaluated["ok"], evaluated["problems"]
    responses: dict[str, Any] = evaluated["responses"]
    return responses


@settings(max_examples=40, deadline=None)
@given(cases)
def test_the_review_history_survives_export_import_export(case: Case) -> None:
    doc = _doc(case)
    definition = json.dumps(REAL[case[0]])
    once = _export(definition, json.dumps(doc, ensure_ascii=False))
    twice = _export(definition, json.dumps(once, ensure_ascii=False))
    assert once["review"] == doc["review"]
    assert json.dumps(twice, sort_keys=True) == json.dumps(once, sort_keys=True)
