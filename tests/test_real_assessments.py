"""Every assessment in the real data: its definition, its blank templates, and the extremes of its scale."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from obc_assess.core.definition import items, scale_of
from obc_assess.core.responses import template, validate
from obc_assess.core.scoring import score
from obc_assess.host.building import build
from obc_assess.host.loader import DATA_DIR, Data

ROOT = Path(__file__).resolve().parent.parent
# Named from the files, so a new assessment is tested without editing this list.
IDS = sorted(path.stem for path in (DATA_DIR / "assessments").glob("*.yaml"))


def _contexts(definition: dict[str, Any]) -> list[tuple[int | None, str | None]]:
    models: list[int | None] = [None]
    if definition["asks_model"]:
        models += [m["id"] for m in definition["models"]]
    scopes: list[str | None] = [None, *(o["id"] for o in (definition["scope"] or {}).get("options", []))]
    return [(model, scope) for model in models for scope in scopes]


@pytest.fixture(params=IDS)
def definition(request: pytest.FixtureRequest, real_data: Data) -> dict[str, Any]:
    return build(real_data, request.param)


def test_definition_is_json_and_complete(definition: dict[str, Any]) -> None:
    assert json.loads(json.dumps(definition)) == definition
    fields = [item["field"] for _, item in items(definition)]
    assert len(fields) == len(set(fields))
    for _, item in items(definition):
        assert item["title"] and item["question"], item["id"]


def test_blank_templates_are_valid_and_unscored(definition: dict[str, Any]) -> None:
    for model, scope in _contexts(definition):
        doc = template(definition, model, scope)
        assert validate(definition, doc) == [], (model, scope)
        result = score(definition, doc)
        assert result["overall"]["percent"] is None
        assert result["overall"]["answered"] == 0
        if definition["kind"] == "maturity":
            assert result["priorities"] == [] and result["overall"]["band"] is None
        elif definition["kind"] == "matrix":
            assert result["matrix"]["areas"] == []  # the template's one row is blank, so ignored
        else:
            assert result["classification"]["outcome_share"] is None


@pytest.mark.parametrize(("level", "percent"), [("top", 100.0), ("bottom", 0.0)])
def test_all_top_is_100_and_all_bottom_is_0(definition: dict[str, Any], level: str, percent: float) -> None:
    value = definition["scale"]["levels"][-1 if level == "top" else 0]["value"]
    # Each item's own top: the top level of the scale it is asked on (coverage's Yes is 2, maturity's 3).
    own = {item["id"]: scale_of(definition, item)["levels"][-1 if level == "top" else 0]["value"]
           for _, item in items(definition)}
    for model, scope in _contexts(definition):
        doc = template(definition, model, scope)
        if definition["kind"] == "maturity":
            for key, answer in doc["answers"].items():
                answer["level"] = own[key]
            result = score(definition, doc)
            assert result["overall"]["percent"] == percent, (model, scope)
            assert result["overall"]["confidence"] == 100.0
        elif definition["kind"] == "matrix":
            doc["answers"]["areas"][0]["name"] = "Area"
            doc["answers"]["areas"][0]["levels"] = dict.fromkeys(doc["answers"]["areas"][0]["levels"], value)
            assert score(definition, doc)["matrix"]["areas"][0]["percent"] == percent


def test_classification_all_outcomes(real_data: Data) -> None:
    for aid, doc in real_data.assessments.items():
        if doc["kind"] != "classification":
            continue
        definition = build(real_data, aid)
        answers = template(definition)
        outcome = next(c["id"] for c in definition["classification"]["classes"] if c["outcome"])
        answers["answers"]["measures"] = [{"name": "A measure", "class": outcome, "note": ""}]
        block = score(definition, answers)["classification"]
        assert (block["outcome_share"], block["flag"]["raised"]) == (100.0, False)


PAGES = ("responses-format.md", "cy/responses-format.md")  # English and Welsh: the same examples, in each language


def _examples() -> list[tuple[str, dict[str, Any]]]:
    """The answers examples on the user-facing format pages, each in its page's example document."""
    return [example for page in PAGES for example in _page_examples(page)]


def _page_examples(page: str) -> list[tuple[str, dict[str, Any]]]:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text, re.S)
    base = json.loads(blocks[0])
    found = []
    for block in blocks[1:]:
        parts = json.loads("{" + block + "}")  # "answers", and "plan" in the action plan's example
        answers = parts["answers"]
        aid = {"areas": "review-priorities", "measures": "measure-mix"}.get(next(iter(answers)),
                                                                           "procurement-review")
        found.append((aid, {**base, **parts, "assessment": aid}))
    return found


@pytest.mark.parametrize(("aid", "doc"), _examples(), ids=[aid for aid, _ in _examples()])
def test_format_page_examples_are_valid(real_data: Data, aid: str, doc: dict[str, Any]) -> None:
    definition = build(real_data, aid)
    assert [str(p) for p in validate(definition, doc)] == []
    score(definition, doc)


# Issue 10, advice from the sources: every item of the Tool 20/21 reviews has its own next steps, each citing the
# seed section it is drawn from; advice the sources do not give is marked as the toolkit's own.
@pytest.mark.parametrize("aid", ["procurement-review", "contract-management-review", "supporting-systems"])
def test_every_tool_20_21_item_has_cited_next_steps(real_data: Data, aid: str) -> None:
    from obc_assess.core.definition import items
    from obc_assess.host.building import build

    definition = build(real_data, aid)
    for _, item in items(definition):
        assert item["next_steps"], item["id"]
        for step in item["next_steps"]:
            assert step["cite"].startswith(("Tool 20, section", "Tool 21, section")), (item["id"], step["cite"])
            assert step["text"].strip() and step["text"] == " ".join(step["text"].split())


# Issue 10, one thing per question: no stem of these reviews asks "how short", "how clear" or "how carefully",
# which the maturity levels (Not in place ... Embedded) do not answer.
@pytest.mark.parametrize("aid", ["procurement-review", "contract-management-review", "supporting-systems"])
def test_stems_are_answered_by_the_maturity_levels(real_data: Data, aid: str) -> None:
    from obc_assess.core.definition import items
    from obc_assess.host.building import build

    for _, item in items(build(real_data, aid)):
        question = item["question"]
        assert question.startswith(("How well", "Where", "When", "After")), (item["id"], question)
        assert "How well" in question or "how well" in question, (item["id"], question)


def test_priorities_name_each_standard_by_its_topic(real_data: Data) -> None:
    definition = build(real_data, "commissioning-standards")
    doc = template(definition)
    doc["answers"]["standard-12"]["level"] = 0
    top = score(definition, doc)["priorities"][0]
    assert (top["id"], top["title"], top["topic"]) == (
        "standard-12", "Standard 12", "Standard 12: the provider workforce")
    # Every standard has a topic: a standard asked whole takes the guidance's; a part has its own title.
    assert all(i["topic"].startswith(f"{i['title']}: ") if ":" not in i["title"] else i["topic"] == i["title"]
               for i in definition["sections"][0]["items"])
    assert all(i["topic"] == i["title"] for s in definition["sections"][1:] for i in s["items"])
