"""The definition: everything the form and scorer need, built from the data, JSON-able and self-contained."""

from __future__ import annotations

import json
from typing import Any

import pytest

from obc_assess.core.definition import FORMAT, answer_keys, field_id, items
from obc_assess.host.building import build, build_all
from obc_assess.host.loader import Data

TOP_KEYS = {"format", "format_version", "assessment_titles", "id", "version", "title", "kind", "summary", "source",
            "section",
            "guidance_url", "asks_model", "models", "scope", "scale", "scales", "band_rules", "weights_note",
            "changes", "matrix", "limits",
            "classification", "sections", "lang", "evidence"}
ITEM_KEYS = {"id", "field", "title", "quote", "quote_label", "question", "weight", "models", "scopes",
             "optional", "outcomes", "next_steps", "topic", "parent", "guidance_url", "source_section", "model_tag",
             "model_notes", "scale", "explanation", "question_quoted", "na", "na_why"}


def _item(definition: dict[str, Any], item_id: str) -> dict[str, Any]:
    return next(item for _, item in items(definition) if item["id"] == item_id)


def test_top_level_keys_and_header(maturity: dict[str, Any]) -> None:
    assert set(maturity) == TOP_KEYS
    assert maturity["format"] == FORMAT == "obc-assess/definition"
    assert maturity["format_version"] == 1
    assert maturity["source"] == {"id": "tool20", "title": "Tool 20", "short": "Tool 20 short",
                                  "publisher": "NCB Wales", "date": "June 2017"}
    assert maturity["guidance_url"] == "guidance/tool20-procurement/"
    assert maturity["asks_model"] is True  # the default when the YAML does not say
    assert maturity["models"] == [{"id": 1, "name": "Model 1 name"}, {"id": 2, "name": "Model 2 name"},
                                  {"id": 3, "name": "Model 3 name"}]
    assert maturity["scale"]["levels"][1] == {"value": 1, "label": "Developing",
                                              "descriptor": "Developing descriptor."}
    # Each scale carries its bands, named after its levels; the rules' words have band_rules' figures in them.
    assert [(b["id"], b["level"]) for b in maturity["scale"]["bands"]] == [
        ("early", 0), ("developing", 1), ("established", 2), ("embedded", 3)]
    assert maturity["scale"]["bands"][-1]["rule"] == "Embedded: at least 80%."
    assert maturity["band_rules"]["rules"] == [
        {"text": "No band unless more than 50% is rated.", "after": None},
        {"text": "Never above the outcomes items.", "after": "Tool 20, section 4"}]
    assert maturity["weights_note"] == "Outcomes count double."
    assert maturity["matrix"] is None and maturity["classification"] is None


# (item id, key, expected): where each item field comes from.
ITEM_CASES = [
    # Taken from the guidance item: its name, quote, question, anchor, block labels and section.
    ("outcomes-focus", "title", "Outcomes focus"),
    ("outcomes-focus", "quote", "Outcomes focus: the quoted text."),
    ("outcomes-focus", "quote_label", "Description"),
    ("outcomes-focus", "question", "Outcomes focus?"),
    ("outcomes-focus", "guidance_url", "guidance/tool20-procurement/#procurement-outcomes-focus"),
    ("outcomes-focus", "source_section", "Section 4"),
    ("outcomes-focus", "weight", 2),
    ("outcomes-focus", "field", "item:outcomes-focus"),
    # The assessment's own question overrides the guidance item's.
    ("governance", "question", "Our own question?"),
    # ... and its own title overrides the guidance item's name; an item's section overrides its block's.
    ("cost", "title", "Costs"),
    ("cost", "source_section", "Section 4.1"),
    ("cost", "models", [2, 3]),
    # Defaults: every model, every scope option, weight 1, not optional, no parent.
    ("governance", "models", [1, 2, 3]),
    ("governance", "scopes", ["choosing", "allocation"]),
    ("governance", "weight", 1),
    ("governance", "optional", False),
    ("governance", "parent", None),
    ("allocation", "scopes", ["allocation"]),
    # No ref: the item's own title and question; no quote, no link; the assessment's section.
    ("allocation", "title", "Allocation"),
    ("allocation", "quote", None),
    ("allocation", "quote_label", None),
    ("allocation", "guidance_url", None),
    ("allocation", "source_section", "Section 4"),
    ("focus-detail", "optional", True),
    ("focus-detail", "parent", "outcomes-focus"),
    ("focus-detail", "weight", 1.5),
]


@pytest.mark.parametrize(("item_id", "key", "expected"), ITEM_CASES)
def test_item_fields(maturity: dict[str, Any], item_id: str, key: str, expected: object) -> None:
    assert _item(maturity, item_id)[key] == expected


def test_every_item_has_exactly_the_documented_keys(definitions: dict[str, dict[str, Any]]) -> None:
    for definition in definitions.values():
        for _, item in items(definition):
            assert set(item) == ITEM_KEYS, item["id"]


def test_sections(maturity: dict[str, Any]) -> None:
    assert [(s["id"], s["intro"], s["optional"]) for s in maturity["sections"]] == [
        ("outcomes", "Start here.", False), ("practice", None, False), ("extra", None, True)]
    assert answer_keys(maturity) == ["outcomes-focus", "governance", "cost", "allocation", "focus-detail",
                                     "extra-item"]


def test_scope_question(maturity: dict[str, Any]) -> None:
    assert maturity["scope"] == {"question": "Which part?", "options": [
        {"id": "choosing", "label": "Choosing providers"}, {"id": "allocation", "label": "Allocating work"}]}


def test_matrix_block(matrix: dict[str, Any]) -> None:
    assert matrix["asks_model"] is False
    assert matrix["scope"] is None
    assert matrix["matrix"] == {"row_label": "Service area", "row_hint": "Name each area.", "examples": [],
                                "rank_from": 0, "flag": None}
    assert _item(matrix, "pressure")["scopes"] == []  # no scope question: nothing to filter on


def test_classification_classes_quote_their_definitions(classification: dict[str, Any]) -> None:
    block = classification["classification"]
    assert block["classes"][0] == {
        "id": "outcome-individual", "label": "Individual outcome", "outcome": True,
        "definition": "Individual outcome: the quoted text.",
        "guidance_url": "guidance/wirral-outcomes/#definition-individual-outcome"}
    assert block["flag_outcome_share_below"] == 50
    assert block["flag_message"] == "Fewer than half are outcomes."


def test_build_all_in_data_order_and_json_round_trip(data: Data) -> None:
    built = build_all(data)
    assert list(built) == ["procurement-review", "review-priorities", "measure-mix"]
    for definition in built.values():
        assert json.loads(json.dumps(definition)) == definition


def test_unknown_id_is_a_key_error(data: Data) -> None:
    with pytest.raises(KeyError):
        build(data, "no-such-assessment")


def test_field_rule() -> None:
    assert field_id("standard-1") == "item:standard-1"
