"""The command line and a reviewed file (issue 34): ``obc-assess review`` prints the review state; score, aggregate
and compare carry it; a broken review is one line per problem, naming the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from edits import run_cli

AID = "commissioning-principles"
FIRST, SECOND, THIRD = "customers-needs-at-centre", "customers-information-advice", "customers-involvement"


@pytest.fixture(autouse=True)
def _loaded_once(cli_data_once: None) -> None:
    """Every test here runs the command line on data read once."""



def _reviewed(capsys: pytest.CaptureFixture[str], reviewer: str = "Siân Jones") -> dict[str, Any]:
    status, out, _ = run_cli(capsys, "template", AID)
    assert status == 0
    doc: dict[str, Any] = json.loads(out)
    for answer in doc["answers"].values():
        answer["level"] = 2
    doc["assessment_date"] = "2026-03-02"
    doc["review"] = {"rounds": [{
        "reviewer": reviewer, "role": "Scrutiny officer", "date": "2026-04-01", "comment": "",
        "items": {FIRST: {"decision": "challenge", "comment": "Which plans show this?"},
                  SECOND: {"decision": "challenge", "comment": "Leaflets only?"},
                  THIRD: {"decision": "agree", "comment": ""}},
        "responses": {SECOND: {"outcome": "kept", "text": "And the website.", "date": "2026-04-03"}}}]}
    return doc


def _write(tmp_path: Path, doc: object, name: str = "answers.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


LINE = "Reviewed by Siân Jones on 1 April 2026: 1 agreed, 2 challenged (1 answered), 18 not reviewed"


def test_review_prints_the_state(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    name = _write(tmp_path, _reviewed(capsys))
    assert run_cli(capsys, "review", name) == (0, "\n".join([
        LINE,
        "Provisional: 1 challenge is still open, and the challenged answer counts as not shown for the band until "
        "it is answered.",
        "Round 1: Siân Jones, 1 April 2026",
        "(a) Choice and control: Challenged, not yet answered",
        "  Challenge: Which plans show this?",
        "(a) Information and advice: Challenged: answer kept, with a response",
        "  Challenge: Leaflets only?",
        "  Response (3 April 2026): And the website.",
    ]) + "\n", "")


def test_review_in_welsh_and_as_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    name = _write(tmp_path, _reviewed(capsys))
    status, out, _ = run_cli(capsys, "review", name, "--lang", "cy")
    assert (status, out.splitlines()[0]) == (
        0, "Adolygwyd ar 1 Ebrill 2026 gan yr adolygydd Siân Jones: cytuno 1, herio 2 (atebwyd 1), heb adolygu 18")
    status, out, _ = run_cli(capsys, "review", name, "--json")
    review = json.loads(out)
    assert (status, review["line"], review["counts"]) == (0, LINE, {
        "agreed": 1, "challenged": 2, "answered": 1, "open": 1, "not_reviewed": 18})


def test_an_unreviewed_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = _reviewed(capsys)
    del doc["review"]
    assert run_cli(capsys, "review", _write(tmp_path, doc)) == (0, "Not reviewed\n", "")


def test_a_broken_review_is_one_line_per_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = _reviewed(capsys)
    doc["review"]["rounds"][0]["reviewer"] = ""
    doc["review"]["rounds"][0]["items"][FIRST]["comment"] = ""
    name = _write(tmp_path, doc)
    expected = (f"{name}: review.rounds[0].reviewer: needed: the reviewer's name\n"
                f"{name}: review.rounds[0].items.{FIRST}.comment: needed: say why you challenge this answer\n")
    assert run_cli(capsys, "review", name) == (2, "", expected)
    assert run_cli(capsys, "score", name) == (2, "", expected)


def test_score_aggregate_and_compare_carry_the_review(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first = _write(tmp_path, _reviewed(capsys), "first.json")
    other = _reviewed(capsys, "Owen Price")
    other["respondent"]["name"] = "Bob"
    second = _write(tmp_path, other, "second.json")
    status, out, _ = run_cli(capsys, "score", first)
    result = json.loads(out)
    assert (status, result["review"]["line"], result["overall"]["band_provisional"]) == (0, LINE, True)
    status, out, _ = run_cli(capsys, "score", first, "--csv")
    assert f'"{LINE}"' in out.splitlines()[1]
    status, out, _ = run_cli(capsys, "aggregate", first, second, "--json")
    team = json.loads(out)
    assert (status, team["reviewers_note"]) == (
        0, "The merged files were reviewed by different people: Siân Jones and Owen Price.")
    assert [p["review"]["reviewer"] for p in team["respondents"]] == ["Siân Jones", "Owen Price"]
    status, out, _ = run_cli(capsys, "compare", first, second, "--json")
    compared = json.loads(out)
    assert (status, compared["before"]["review"]["reviewer"], compared["after"]["review"]["reviewer"]) == (
        0, "Siân Jones", "Owen Price")


def test_a_reviewed_copy_of_the_same_answers_is_one_person(capsys: pytest.CaptureFixture[str],
                                                           tmp_path: Path) -> None:
    reviewed = _reviewed(capsys)
    first = _write(tmp_path, reviewed, "mine.json")
    second = _write(tmp_path, {k: v for k, v in reviewed.items() if k != "review"}, "unreviewed.json")
    status, out, err = run_cli(capsys, "aggregate", first, second, "--json")
    team = json.loads(out)
    assert (status, team["overall"]["respondents"], team["reviewed"]) == (0, 1, 1)
    assert err == f"{second}: the same answers as another file ({first}), so counted once\n"
