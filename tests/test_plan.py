"""The action plan: its validation's exact messages, the form fields both ways, the result's rows and exports."""

from __future__ import annotations

import copy
import csv
import io
import json
from html.parser import HTMLParser
from typing import Any

import pytest
from asked import form_of

from obc_assess.core import api
from obc_assess.core.fields import field_for
from obc_assess.core.form import from_form, to_form
from obc_assess.core.plan import is_date
from obc_assess.core.render import PLAN_COLUMNS, plan_csv, to_csv, to_markdown
from obc_assess.core.responses import template, validate
from obc_assess.core.scoring import score
from obc_assess.host.building import build_all
from obc_assess.host.loader import Data
from obc_site.pages import AssetUrls, Site, assessment_pages

EXAMPLE = '{"action": "", "owner": "", "due": "", "target": null}'
TARGET = "must be a level on the scale: 0, 1, 2, 3 or null"


def _doc(maturity: dict[str, Any], plan: object) -> dict[str, Any]:
    doc = template(maturity, model=2)
    doc["answers"]["outcomes-focus"]["level"] = 1
    doc["answers"]["governance"]["level"] = 0
    doc["answers"]["cost"]["level"] = 3
    doc["plan"] = plan
    return doc


def _entry(**values: object) -> dict[str, object]:
    return {"action": "Write outcomes into the specification", "owner": "Commissioning lead",
            "due": "2025-03-31", "target": 2, **values}


# (case id, the plan, the problems expected, in order)
PLAN_CASES: list[tuple[str, object, list[str]]] = [
    ("empty", {}, []),
    ("one full entry", {"governance": _entry()}, []),
    # A missing key means "" or null, as everywhere inside an object.
    ("only an action", {"governance": {"action": "Ask finance"}}, []),
    ("blank entry", {"governance": {"action": "", "owner": "", "due": "", "target": None}}, []),
    ("an item not asked for this model", {"allocation": _entry()}, []),
    ("not an object", [], [f'plan: must be an object with one entry per item, like {{"item-id": {EXAMPLE}}}']),
    ("null", None, [f'plan: must be an object with one entry per item, like {{"item-id": {EXAMPLE}}}']),
    ("unknown item", {"speed": _entry()}, ["plan.speed: not an item of procurement-review; remove it"]),
    ("odd item key", {"a b": {}}, ['plan["a b"]: not an item of procurement-review; remove it']),
    ("entry not an object", {"governance": "soon"}, [f"plan.governance: must be an object like {EXAMPLE}"]),
    ("unknown key", {"governance": _entry(state="open")},
     ['plan.governance.state: unknown key; use only "action", "owner", "due", "target", "status", "review" and '
      '"carried_from"']),
    ("status not one of the four", {"governance": _entry(status="open")},
     ['plan.governance.status: must say how far the action has got: "not-started", "in-progress", "done" or '
      '"dropped"']),
    ("action too long", {"governance": _entry(action="a" * 1001)},
     ["plan.governance.action: too long (1,001 characters); shorten it to 1,000 or fewer"]),
    ("action at the limit", {"governance": _entry(action="a" * 1000)}, []),
    ("owner too long", {"governance": _entry(owner="o" * 201)},
     ["plan.governance.owner: too long (201 characters); shorten it to 200 or fewer"]),
    ("owner not text", {"governance": _entry(owner=7)},
     ['plan.governance.owner: must be text in quotes, not a number; use "" for none']),
    ("due not a real date", {"governance": _entry(due="2025-02-30")},
     ['plan.governance.due: "2025-02-30" is not a date; write a real date as year-month-day, like "2025-03-31", '
      'or use ""']),
    ("due written day first", {"governance": _entry(due="31/03/2025")},
     ['plan.governance.due: "31/03/2025" is not a date; write a real date as year-month-day, like "2025-03-31", '
      'or use ""']),
    ("due a number", {"governance": _entry(due=20250331)},
     ['plan.governance.due: must be a date in quotes, like "2025-03-31", or ""; not a number']),
    ("due null", {"governance": _entry(due=None)},
     ['plan.governance.due: must be a date in quotes, like "2025-03-31", or ""; not null']),
    ("target off the scale", {"governance": _entry(target=4)}, [f"plan.governance.target: {TARGET}"]),
    ("target as text", {"governance": _entry(target="2")}, [f"plan.governance.target: {TARGET}"]),
    ("target true", {"governance": _entry(target=True)}, [f"plan.governance.target: {TARGET}"]),
    # A target is a level to reach: "not applicable" and "don't know" are answers, not targets.
    ("target na", {"governance": _entry(target="na")}, [f"plan.governance.target: {TARGET}"]),
    ("target 2.0", {"governance": _entry(target=2.0)}, [f"plan.governance.target: {TARGET}"]),
    ("every problem at once", {"governance": _entry(owner=None, due="2025-13-01", target=-1), "x": {}},
     ['plan.governance.owner: must be text in quotes, not null; use "" for none',
      'plan.governance.due: "2025-13-01" is not a date; write a real date as year-month-day, like "2025-03-31", '
      'or use ""',
      f"plan.governance.target: {TARGET}", "plan.x: not an item of procurement-review; remove it"]),
]


@pytest.mark.parametrize(("plan", "expected"), [c[1:] for c in PLAN_CASES], ids=[c[0] for c in PLAN_CASES])
def test_plan_validation(maturity: dict[str, Any], plan: object, expected: list[str]) -> None:
    assert [str(p) for p in validate(maturity, _doc(maturity, plan))] == expected


@pytest.mark.parametrize(("text", "valid"), [
    ("2024-02-29", True), ("2023-02-29", False), ("2025-12-31", True), ("2025-00-10", False),
    ("0000-01-01", False), ("2025-1-01", False), ("2025-01-01T00:00", False), ("", False),
    ("\u0662\u0660\u0662\u0665-\u0660\u0661-\u0660\u0661", False),  # Arabic-Indic digits, which int() reads
])
def test_is_date(text: str, valid: bool) -> None:
    assert is_date(text) is valid


@pytest.mark.parametrize("kind", ["matrix", "classification"])
def test_only_maturity_assessments_have_a_plan(kind: str, request: pytest.FixtureRequest) -> None:
    definition = request.getfixturevalue(kind)
    doc = template(definition)
    doc["plan"] = {}
    assert validate(definition, doc) == []
    doc["plan"] = {"pressure": {"action": "x"}}
    assert [str(p) for p in validate(definition, doc)] == [
        "plan: only maturity assessments have an action plan; remove it"]


HOSTILE: list[object] = [None, True, 0, 1e308, "", "x" * 100_000, [], [None], {}, {"": None}, [[[[[]]]]],
                         {"a": {"b": {}}}]


@pytest.mark.parametrize("value", HOSTILE, ids=[f"v{i}" for i in range(len(HOSTILE))])
def test_never_raises_on_any_value_in_a_plan(maturity: dict[str, Any], value: object) -> None:
    for plan in (value, {"governance": value}, *({"governance": {key: value}} for key in
                                                  ("action", "owner", "due", "target"))):
        problems = validate(maturity, _doc(maturity, plan))
        json.dumps([p.to_dict() for p in problems])
        assert all(len(str(p)) < 400 for p in problems)


# ---------------------------------------------------------------------------------------------- scoring

def test_result_lists_the_plan_in_priority_order(maturity: dict[str, Any]) -> None:
    # Priorities: outcomes-focus (1 of 3, weight 2: gains 4) is rank 1, governance (0 of 3, weight 1: gains 3)
    # rank 2; cost is at the top, so not a priority: its plan entry comes after the ranked ones.
    plan = {"cost": _entry(action="Keep it up", target=None, due=""), "governance": _entry(target=1),
            "extra-item": {"action": "", "owner": " ", "due": "", "target": None},  # blank: ignored
            "outcomes-focus": _entry(owner="=cmd|' /C calc'!A0")}
    result = score(maturity, _doc(maturity, plan))
    assert [(p["id"], p["rank"]) for p in result["plan"]] == [("outcomes-focus", 1), ("governance", 2),
                                                             ("cost", None)]
    assert result["plan"][1] == {
        "id": "governance", "title": "Governance", "section": "outcomes", "rank": 2, "level": 0,
        "level_label": "Not in place", "target": 1, "target_label": "Developing",
        "action": "Write outcomes into the specification", "owner": "Commissioning lead", "due": "2025-03-31",
        "status": "not-started", "status_label": "Not started", "review": "", "carried_from": "", "overdue": False,
        "carried_label": ""}
    assert result["plan"][2]["target_label"] is None


def test_no_plan_is_an_empty_list(maturity: dict[str, Any], matrix: dict[str, Any]) -> None:
    doc = _doc(maturity, {})
    del doc["plan"]
    assert score(maturity, doc)["plan"] == []
    assert score(matrix, template(matrix))["plan"] == []


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_plan_rows_guarded_against_formulas(maturity: dict[str, Any]) -> None:
    result = score(maturity, _doc(maturity, {"outcomes-focus": _entry(owner="=cmd|' /C calc'!A0", action="-1")}))
    row = next(r for r in _csv(to_csv(result)) if r["record"] == "plan")
    assert (row["id"], row["level"], row["label"], row["rank"], row["target"]) == (
        "outcomes-focus", "1", "Developing", "1", "Established")
    assert (row["owner"], row["action"], row["due"]) == ("'=cmd|' /C calc'!A0", "'-1", "2025-03-31")


def test_plan_csv(maturity: dict[str, Any]) -> None:
    result = score(maturity, _doc(maturity, {"cost": _entry(action="+SUM(A1)"), "governance": _entry()}))
    text = plan_csv(result)
    assert text.splitlines()[0] == ",".join(PLAN_COLUMNS)
    rows = _csv(text)
    assert [(r["rank"], r["id"], r["section"]) for r in rows] == [("2", "governance", "Outcomes"),
                                                                  ("", "cost", "Outcomes")]
    assert (rows[1]["action"], rows[1]["label"], rows[1]["target"], rows[1]["target_label"]) == (
        "'+SUM(A1)", "Embedded", "2", "Established")
    assert plan_csv(score(maturity, _doc(maturity, {}))) == ",".join(PLAN_COLUMNS) + "\r\n"


def test_markdown_prints_the_plan_escaped(maturity: dict[str, Any]) -> None:
    result = score(maturity, _doc(maturity, {"governance": _entry(action="<b>Do</b> | *now*", due="")}))
    report = to_markdown(result)
    assert "## Action plan" in report
    assert ("| Governance | Not in place | Established | &lt;b&gt;Do&lt;/b&gt; \\| \\*now\\* | "
            "Commissioning lead |  |") in report
    assert "## Action plan" not in to_markdown(score(maturity, _doc(maturity, {})))


def test_plan_csv_json(maturity: dict[str, Any]) -> None:
    doc = _doc(maturity, {"governance": _entry()})
    answer = json.loads(api.plan_csv_json(json.dumps(maturity), json.dumps(doc)))
    assert answer == {"ok": True, "problems": [], "csv": plan_csv(score(maturity, doc))}
    doc["plan"]["governance"]["due"] = "soon"
    answer = json.loads(api.plan_csv_json(json.dumps(maturity), json.dumps(doc)))
    assert (answer["ok"], answer["csv"]) == (False, None)
    assert answer["problems"][0]["field"] == "plan-due:governance"


# ---------------------------------------------------------------------------------------------- the form

def test_form_fields_map_to_the_plan_and_back(maturity: dict[str, Any]) -> None:
    fields = {"item:governance": "0", "plan-action:governance": "Ask finance", "plan-owner:governance": "",
              "plan-due:governance:day": "30", "plan-due:governance:month": "6", "plan-due:governance:year": "2025",
              "plan-target:governance": "2",
              "plan-action:cost": "", "plan-owner:cost": " ", "plan-due:cost:day": "", "plan-target:cost": "",
              "plan-target:allocation": "3"}
    doc, _ = from_form(maturity, fields)
    # All fields empty (or spaces): no entry. Any one filled: an entry with all four keys. The date's three
    # boxes make one ISO date.
    # Format 3: every entry also has its status (none given: not started), review note and carried_from.
    rest = {"status": "not-started", "review": "", "carried_from": ""}
    assert doc["plan"] == {
        "governance": {"action": "Ask finance", "owner": "", "due": "2025-06-30", "target": 2, **rest},
        "allocation": {"action": "", "owner": "", "due": "", "target": 3, **rest}}
    assert validate(maturity, doc) == []
    back = to_form(maturity, doc)["fields"]
    assert {k: v for k, v in back.items() if k.startswith("plan-") and "governance" in k} == {
        "plan-action:governance": "Ask finance", "plan-owner:governance": "",
        "plan-due:governance:day": "30", "plan-due:governance:month": "6", "plan-due:governance:year": "2025",
        "plan-target:governance": "2", "plan-status:governance": "not-started", "plan-review:governance": "",
        "plan-carried:governance": ""}
    assert back["plan-action:cost"] == "" and back["plan-target:cost"] == ""
    assert from_form(maturity, back)[0] == doc


def test_a_form_without_a_plan_gives_a_document_without_one(maturity: dict[str, Any],
                                                            matrix: dict[str, Any]) -> None:
    doc, _ = from_form(maturity, {"item:governance": "1"})
    assert "plan" not in doc
    assert "plan" not in from_form(matrix, {"row:0:name": "A", "plan-action:pressure": "x"})[0]


def test_a_bad_target_from_the_form_is_reported_on_its_field(maturity: dict[str, Any]) -> None:
    fields = {"plan-target:governance": "top", "plan-due:governance:day": "31",
              "plan-due:governance:month": "2", "plan-due:governance:year": "2025"}
    answer = json.loads(api.evaluate_form(json.dumps(maturity), json.dumps(fields)))
    assert answer["ok"] is False
    assert [(p["path"], p["field"], p["message"]) for p in answer["problems"]] == [
        ("plan.governance.due", "plan-due:governance", "Due date for “Governance” must be a real date, like 31 3 2027"),
        ("plan.governance.target", "plan-target:governance",
         "Target level for “Governance”: must be a level on the scale: 0, 1, 2, 3 or null")]


@pytest.mark.parametrize(("path", "field"), [
    ("plan.governance.action", "plan-action:governance"), ("plan.governance.owner", "plan-owner:governance"),
    ("plan.governance.due", "plan-due:governance"), ("plan.governance.target", "plan-target:governance"),
    # The entry as a whole, or a key that is not a field, links to the entry's first field.
    ("plan.governance", "plan-action:governance"), ("plan.governance.colour", "plan-action:governance"),
    ("plan.speed", None), ("plan", None),
])
def test_field_for_plan_paths(maturity: dict[str, Any], path: str, field: str | None) -> None:
    assert field_for(maturity, path) == field


class _Form(HTMLParser):
    """The form's controls (id -> tag, type, name), labels (for -> text) and target options, from HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: dict[str, tuple[str, str | None, str | None]] = {}
        self.labels: list[tuple[str, str]] = []
        self.options: dict[str, list[str]] = {}
        self._label: str | None = None
        self._text = ""
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("input", "textarea", "select") and a.get("id"):
            assert a["id"] not in self.controls, f"duplicate id {a['id']}"
            self.controls[str(a["id"])] = (tag, a.get("type"), a.get("name"))
        if tag == "select":
            self._select = a.get("id")
            self.options[str(self._select)] = []
        if tag == "option" and self._select:
            self.options[self._select].append(str(a.get("value")))
        if tag == "label":
            self._label, self._text = a.get("for"), ""

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._label is not None:
            self.labels.append((self._label, " ".join(self._text.split())))
            self._label = None
        if tag == "select":
            self._select = None


def test_the_form_has_labelled_plan_fields_for_every_item(data: Data, maturity: dict[str, Any]) -> None:
    urls = AssetUrls("rt/", "p.zip", {aid: f"{aid}.json" for aid in data.assessments})
    pages = assessment_pages(Site(data, build_all(data)), urls)
    form = _Form()
    form.feed(pages["assessments/procurement-review.md"])
    names = {control[2] for control in form.controls.values()}
    # Every field the mapping reads or writes is on the page, and each control's name is its id.
    plan_fields = {name for name in to_form(maturity, _doc(maturity, {}))["fields"] if name.startswith("plan-")}
    assert len(plan_fields) == 6 * 9 and plan_fields <= names
    assert all(control[2] == cid for cid, control in form.controls.items() if cid.startswith("plan-"))
    labelled = dict(form.labels)
    # Radios, a date's Day, Month and Year, and a piece of evidence's fields (GOV.UK "add another": "Piece of
    # evidence 1" inside the fold named for its item) are told apart by their fieldset's legend; every other
    # control's label says which item it is for.
    texts = [text for target, text in form.labels if form.controls[target][1] != "radio"
             and not target.startswith(("plan-due:", "assessment-date:", "evidence:"))]
    assert len(texts) == len(set(texts)), "every label is unique"
    assert labelled["plan-action:governance"] == "Action for “Governance”"
    assert labelled["plan-owner:governance"] == "Owner of the action for “Governance”"
    assert labelled["plan-due:governance:day"] == "Day"
    assert labelled["plan-due:governance:year"] == "Year"
    assert labelled["plan-target:governance"] == "Target level for “Governance”"
    # plan-carried:<id> is hidden: the date it holds is shown as a sentence beside the action.
    assert all(field in labelled for field in plan_fields if not field.startswith("plan-carried:"))
    assert form.controls["plan-carried:governance"][:2] == ("input", "hidden")
    assert form.controls["plan-action:governance"][0] == "textarea"
    assert form.controls["plan-due:governance:month"][:2] == ("input", "text")
    assert form.options["plan-target:governance"] == ["", "0", "1", "2", "3"]
    assert "<legend>Due date for “Governance”</legend>" in pages["assessments/procurement-review.md"]
    assert "<summary>Evidence for this answer: “Governance” (optional)" in pages["assessments/procurement-review.md"]
    assert "<summary>Action plan for “Governance” (optional)<span data-obc-plan-state hidden>" in pages[
        "assessments/procurement-review.md"]


def test_a_valid_plan_survives_a_round_trip_through_the_api(maturity: dict[str, Any]) -> None:
    doc = _doc(maturity, {"governance": _entry(), "cost": {"action": "", "owner": "Me", "due": "", "target": None}})
    form = form_of(maturity, doc)
    answer = json.loads(api.evaluate_form(json.dumps(maturity), json.dumps(form["fields"])))
    assert answer["ok"] is True
    # The form writes format 3's whole entry: what the file left out reads as not started, "" and "".
    rest = {"status": "not-started", "review": "", "carried_from": ""}
    assert answer["responses"]["plan"] == {key: {**rest, **entry} for key, entry in doc["plan"].items()}
    assert answer["result"]["plan"] == score(maturity, copy.deepcopy(doc))["plan"]
