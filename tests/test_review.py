"""A second person's review in the answers file (issue 34): the format's exact messages, the review state and its
words in both languages, what an open challenge does to the band and the priorities, and expired evidence."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from docx import Document
from edits import DELETE, Changes, changed

from obc_assess.core import api
from obc_assess.core.render import to_csv
from obc_assess.core.report import result_docx, to_markdown
from obc_assess.core.responses import template, validate
from obc_assess.core.scoring import score
from obc_assess.core.team import aggregate

ROUND = ("review", "rounds", 0)


def _round(**extra: Any) -> dict[str, Any]:
    return {"reviewer": "Siân Jones", "role": "Head of scrutiny", "date": "2026-04-01", "comment": "Mostly sound.",
            "items": {"outcomes-focus": {"decision": "challenge", "comment": "Where is this in the contract?"},
                      "governance": {"decision": "agree", "comment": ""}},
            "responses": {}, **extra}


def _reviewed(definition: dict[str, Any], *rounds: dict[str, Any]) -> dict[str, Any]:
    """The hand-built procurement review answered (outcomes focus Established, governance Developing, the rest
    blank), dated 2 March 2026, with the review rounds given (one challenge, one agreement by default)."""
    doc = template(definition)
    doc["answers"]["outcomes-focus"] = {"level": 2, "note": ""}
    doc["answers"]["governance"] = {"level": 1, "note": ""}
    doc["assessment_date"] = "2026-03-02"
    doc["review"] = {"rounds": list(rounds) or [_round()]}
    return doc



CHALLENGE = f"{'.'.join(['review.rounds[0].items.outcomes-focus'])}"
RESPONSE = "review.rounds[0].responses.outcomes-focus"
CASES: list[tuple[str, Changes, list[str]]] = [
    ("valid", [], []),
    ("no review at all", [(("review",), DELETE)], []),
    ("no rounds yet", [(("review", "rounds"), [])], []),
    ("format 4 with a review", [(("format_version",), 4)],
     ["review: new in format 5 (a review of the answers); set format_version to 5 to keep it, or remove it"]),
    ("review not an object", [(("review",), [])],
     ['review: must be an object like {"rounds": []}']),
    ("rounds missing", [(("review", "rounds"), DELETE)], ['review.rounds: missing; add "rounds": []']),
    ("unknown key in review", [(("review", "by"), "me")], ['review.by: unknown key; use only "rounds"']),
    ("rounds not a list", [(("review", "rounds"), {})],
     ['review.rounds: must be a list of review rounds, oldest first, like [{"reviewer": "", "role": "", "date": '
      '"2026-03-02", "comment": "", "items": {}, "responses": {}}]']),
    ("round not an object", [(ROUND, "Siân")],
     ['review.rounds[0]: must be an object like {"reviewer": "", "role": "", "date": "2026-03-02", "comment": "", '
      '"items": {}, "responses": {}}']),
    ("unknown key in a round", [((*ROUND, "signed"), True)],
     ['review.rounds[0].signed: unknown key; use only "reviewer", "role", "date", "comment", "items" and '
      '"responses"']),
    ("no reviewer", [((*ROUND, "reviewer"), "  ")], ["review.rounds[0].reviewer: needed: the reviewer's name"]),
    ("reviewer missing", [((*ROUND, "reviewer"), DELETE)], ["review.rounds[0].reviewer: needed: the reviewer's name"]),
    ("reviewer a number", [((*ROUND, "reviewer"), 7)],
     ['review.rounds[0].reviewer: must be text in quotes, not a number; use "" for none']),
    ("role too long", [((*ROUND, "role"), "x" * 201)],
     ["review.rounds[0].role: too long (201 characters); shorten it to 200 or fewer"]),
    ("no date", [((*ROUND, "date"), "")],
     ['review.rounds[0].date: needed: the day of this review, as year-month-day, like "2026-03-02"']),
    ("date not a date", [((*ROUND, "date"), "1 April")],
     ['review.rounds[0].date: "1 April" is not a date; write a real date as year-month-day, like "2026-03-02"']),
    ("date a number", [((*ROUND, "date"), 20260401)],
     ['review.rounds[0].date: must be a date in quotes, like "2025-03-31", or ""; not a number']),
    ("rounds out of order", [(("review", "rounds"), [_round(), _round(date="2026-03-31")])],
     ['review.rounds[1].date: earlier than the round before it ("2026-04-01"); keep the rounds oldest first']),
    ("items not an object", [((*ROUND, "items"), [])],
     ['review.rounds[0].items: must be an object with one entry per item, like {"item-id": {"decision": "agree", '
      '"comment": ""}}']),
    ("decision on no item", [((*ROUND, "items", "nonsense"), {"decision": "agree"})],
     ["review.rounds[0].items.nonsense: not an item of procurement-review; remove it"]),
    ("decision not an object", [((*ROUND, "items", "cost"), "agree")],
     ['review.rounds[0].items.cost: must be an object like {"decision": "agree", "comment": ""}']),
    ("decision unknown", [((*ROUND, "items", "cost"), {"decision": "maybe"})],
     ['review.rounds[0].items.cost.decision: must be "agree" or "challenge"']),
    ("decision missing", [((*ROUND, "items", "cost"), {"comment": "Hmm"})],
     ['review.rounds[0].items.cost.decision: must be "agree" or "challenge"']),
    ("unknown key in a decision", [((*ROUND, "items", "cost"), {"decision": "agree", "level": 2})],
     ['review.rounds[0].items.cost.level: unknown key; use only "decision" and "comment"']),
    ("challenge without a comment", [((*ROUND, "items", "outcomes-focus", "comment"), " ")],
     [f"{CHALLENGE}.comment: needed: say why you challenge this answer"]),
    ("response to an agreement", [((*ROUND, "responses", "governance"), {"outcome": "changed", "date": "2026-04-02"})],
     ["review.rounds[0].responses.governance: not challenged in this round; respond only to a challenge"]),
    ("response changed", [((*ROUND, "responses", "outcomes-focus"), {"outcome": "changed", "text": "",
                                                                     "date": "2026-04-02"})], []),
    ("response kept without words", [((*ROUND, "responses", "outcomes-focus"), {"outcome": "kept",
                                                                                "date": "2026-04-02"})],
     [f'{RESPONSE}.text: needed: say why the answer stands, or set "outcome" to "changed" once you have changed '
      "it"]),
    ("response outcome unknown", [((*ROUND, "responses", "outcomes-focus"), {"outcome": "ignored",
                                                                            "date": "2026-04-02"})],
     [f'{RESPONSE}.outcome: must be "changed" or "kept"']),
    ("response without a date", [((*ROUND, "responses", "outcomes-focus"), {"outcome": "changed"})],
     [f'{RESPONSE}.date: needed: the day of this response, as year-month-day, like "2026-03-02"']),
    ("response before the review", [((*ROUND, "responses", "outcomes-focus"), {"outcome": "changed",
                                                                              "date": "2026-03-31"})],
     [f'{RESPONSE}.date: earlier than the review it answers ("2026-04-01")']),
    ("unknown key in a response", [((*ROUND, "responses", "outcomes-focus"), {"outcome": "changed",
                                                                             "date": "2026-04-02", "by": "me"})],
     [f'{RESPONSE}.by: unknown key; use only "outcome", "text" and "date"']),
    ("responses not an object", [((*ROUND, "responses"), [])],
     ['review.rounds[0].responses: must be an object with one entry per item, like {"item-id": {"outcome": "kept", '
      '"text": "", "date": "2026-03-02"}}']),
    ("too many rounds", [(("review", "rounds"), [_round()] * 101)],
     ["review.rounds: too many review rounds (101); keep at most 100 in one file"]),
]


@pytest.mark.parametrize(("changes", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_review_validation(maturity: dict[str, Any], changes: Changes, expected: list[str]) -> None:
    assert [str(p) for p in validate(maturity, changed(_reviewed(maturity), changes))] == expected


def test_a_review_of_another_kind_signs_the_file_off_as_a_whole(matrix: dict[str, Any]) -> None:
    doc = template(matrix)
    doc["review"] = {"rounds": [_round(items={}, responses={})]}
    assert validate(matrix, doc) == []
    assert score(matrix, doc)["review"]["line"] == "Reviewed by Siân Jones on 1 April 2026"
    doc["review"]["rounds"][0]["items"] = {"x": {"decision": "agree"}}
    assert [str(p) for p in validate(matrix, doc)] == [
        "review.rounds[0].items: only maturity assessments record a decision for each item; leave it empty and say "
        "what you found in the round's comment"]


def test_the_messages_are_in_welsh_for_a_welsh_definition(maturity: dict[str, Any]) -> None:
    welsh = {**maturity, "lang": "cy"}
    doc = changed(_reviewed(maturity), [((*ROUND, "items", "outcomes-focus", "comment"), ""),
                                         ((*ROUND, "reviewer"), "")])
    assert [str(p) for p in validate(welsh, doc)] == [
        "review.rounds[0].reviewer: angen: enw'r adolygydd",
        "review.rounds[0].items.outcomes-focus.comment: angen: dywedwch pam rydych yn herio'r ateb hwn"]


# ---------------------------------------------------------------------------------------------- the result

LINE = "Reviewed by Siân Jones on 1 April 2026: 1 agreed, 1 challenged (0 answered), 4 not reviewed"


def test_the_result_carries_the_review_state(maturity: dict[str, Any]) -> None:
    review = score(maturity, _reviewed(maturity))["review"]
    assert review["line"] == LINE
    assert review["counts"] == {"agreed": 1, "challenged": 1, "answered": 0, "open": 1, "not_reviewed": 4}
    assert (review["reviewer"], review["role"], review["date"], review["date_label"], review["comment"]) == (
        "Siân Jones", "Head of scrutiny", "2026-04-01", "1 April 2026", "Mostly sound.")
    assert (review["provisional"], review["provisional_words"]) == (True, (
        "Provisional: 1 challenge is still open, and the challenged answer counts as not shown for the band until "
        "it is answered."))
    assert review["challenges"] == [{
        "id": "outcomes-focus", "title": "Outcomes focus", "section": "outcomes", "state": "open",
        "state_label": "Challenged, not yet answered", "comment": "Where is this in the contract?", "outcome": "",
        "response": "", "response_date": "", "response_date_label": None}]
    assert review["rule"].endswith("A review never changes a percent, only what the band may claim. (The toolkit's "
                                   "own rule.)")


def test_an_unreviewed_file_says_so(maturity: dict[str, Any]) -> None:
    doc = _reviewed(maturity)
    del doc["review"]
    result = score(maturity, doc)
    assert (result["review"]["line"], result["review"]["reviewed"], result["review"]["provisional"]) == (
        "Not reviewed", False, False)
    assert {row["review"] for row in result["working"]["items"]} == {None}
    assert result["overall"]["band_provisional"] is False


def test_the_welsh_line_has_no_mutated_placeholder(maturity: dict[str, Any]) -> None:
    review = score({**maturity, "lang": "cy"}, _reviewed(maturity))["review"]
    # The name stands after "yr adolygydd" (no mutation) and each count after its word, so no digit or name
    # follows a word that would mutate it.
    assert review["line"] == ("Adolygwyd ar 1 Ebrill 2026 gan yr adolygydd Siân Jones: cytuno 1, herio 1 "
                              "(atebwyd 0), heb adolygu 4")
    assert score({**maturity, "lang": "cy"}, changed(_reviewed(maturity), [(("review",), DELETE)]))["review"][
        "line"] == "Heb ei adolygu"


@pytest.mark.parametrize(("response", "state", "label", "provisional"), [
    (None, "open", "Challenged, not yet answered", True),
    ({"outcome": "changed", "text": "", "date": "2026-04-02"}, "changed", "Challenged: answer changed", False),
    ({"outcome": "kept", "text": "See the minutes.", "date": "2026-04-02"}, "kept",
     "Challenged: answer kept, with a response", False),
])
def test_each_item_is_marked(maturity: dict[str, Any], response: dict[str, str] | None, state: str, label: str,
                             provisional: bool) -> None:
    doc = _reviewed(maturity, _round(responses={"outcomes-focus": response} if response else {}))
    result = score(maturity, doc)
    rows = {row["id"]: row for row in result["working"]["items"]}
    assert (rows["outcomes-focus"]["review"], rows["outcomes-focus"]["review_label"]) == (state, label)
    assert (rows["governance"]["review"], rows["governance"]["review_label"]) == ("agreed", "Agreed")
    assert (rows["cost"]["review"], rows["cost"]["review_label"]) == ("not-reviewed", "Not reviewed")
    assert (result["review"]["provisional"], result["overall"]["band_provisional"]) == (provisional, provisional)
    assert result["review"]["counts"]["answered"] == (0 if provisional else 1)


def test_the_latest_round_decides_and_the_history_is_kept(maturity: dict[str, Any]) -> None:
    first = _round(responses={"outcomes-focus": {"outcome": "kept", "text": "It is.", "date": "2026-04-02"}})
    second = _round(reviewer="Owen Price", role="", date="2026-05-01", comment="",
                    items={"outcomes-focus": {"decision": "agree", "comment": ""}}, responses={})
    review = score(maturity, _reviewed(maturity, first, second))["review"]
    assert review["line"] == "Reviewed by Owen Price on 1 May 2026: 1 agreed, 0 challenged (0 answered), 5 not reviewed"
    assert [(r["round"], r["reviewer"], r["date_label"], r["agreed"], r["challenged"], r["answered"])
            for r in review["history"]] == [(1, "Siân Jones", "1 April 2026", 1, 1, 1),
                                            (2, "Owen Price", "1 May 2026", 1, 0, 0)]
    # Every round's challenges stay in the history, with the author's responses, for a sign-off table.
    assert review["history"][0]["challenges"] == [{
        "id": "outcomes-focus", "title": "Outcomes focus", "comment": "Where is this in the contract?",
        "outcome": "kept", "state_label": "Challenged: answer kept, with a response", "response": "It is.",
        "response_date": "2026-04-02", "response_date_label": "2 April 2026"}]
    assert review["history"][1]["challenges"] == review["challenges"] == []


def test_an_open_challenge_counts_as_not_shown_for_the_band_only(maturity: dict[str, Any]) -> None:
    doc = template(maturity, model=1, scope="choosing")
    for item in doc["answers"]:
        doc["answers"][item] = {"level": 3, "note": ""}
    unreviewed = score(maturity, doc)
    doc["review"] = {"rounds": [_round(items={"outcomes-focus": {"decision": "challenge", "comment": "Prove it"}})]}
    challenged = score(maturity, doc)
    assert challenged["overall"]["percent"] == unreviewed["overall"]["percent"] == 100.0
    assert [s["percent"] for s in challenged["sections"]] == [s["percent"] for s in unreviewed["sections"]]
    assert unreviewed["overall"]["band"]["id"] == "embedded"
    # Outcomes focus (weight 2 of 3) not shown: no band holds, so it is withheld until the challenge is answered.
    assert (challenged["overall"]["band"], challenged["overall"]["band_status"]) == (None, "withheld")
    assert challenged["overall"]["outcomes_percent"] == unreviewed["overall"]["outcomes_percent"]
    doc["review"]["rounds"][0]["responses"] = {"outcomes-focus": {"outcome": "kept", "text": "Minutes of 3 March",
                                                                  "date": "2026-04-02"}}
    assert score(maturity, doc)["overall"]["band"] == unreviewed["overall"]["band"]


def test_open_challenges_lead_the_priorities(maturity: dict[str, Any]) -> None:
    doc = _reviewed(maturity, _round(items={"outcomes-focus": {"decision": "challenge", "comment": "Really?"}}))
    doc["answers"]["governance"]["level"] = 0  # the bigger gain: first without the challenge
    ranked = [(p["rank"], p["id"], p["challenged"]) for p in score(maturity, doc)["priorities"]]
    assert ranked == [(1, "outcomes-focus", True), (2, "governance", False)]
    del doc["review"]
    assert [p["id"] for p in score(maturity, doc)["priorities"]] == ["governance", "outcomes-focus"]


# ---------------------------------------------------------------------------------------------- expired evidence

def _evidence(review_by: str, strength: str = "documented") -> list[dict[str, str]]:
    return [{"what": "Contract schedule 3", "kind": "document", "strength": strength, "review_by": review_by}]


@pytest.mark.parametrize(("review_by", "reviewed", "strongest", "expired"), [
    ("2026-03-01", False, "none", True),  # before the assessment date
    ("2026-03-02", False, "documented", False),  # on the day: still current
    ("2026-03-15", False, "documented", False),  # after the assessment date, no review
    ("2026-03-15", True, "none", True),  # but before the review's date
    ("", True, "documented", False),  # no review-by date never expires
])
def test_evidence_past_its_review_date_stops_counting(maturity: dict[str, Any], review_by: str, reviewed: bool,
                                                      strongest: str, expired: bool) -> None:
    doc = _reviewed(maturity)
    if not reviewed:
        del doc["review"]
    doc["evidence"] = {"outcomes-focus": _evidence(review_by)}
    result = score(maturity, doc)
    row = next(row for row in result["working"]["items"] if row["id"] == "outcomes-focus")
    assert (row["strongest"], row["strongest_expired"]) == (strongest, "documented" if expired else None)
    listed = result["evidence"]["expired"]
    assert listed == ([{"id": "outcomes-focus", "title": "Outcomes focus", "section": "outcomes", "level": 2,
                        "level_label": "Established", "was": "documented", "now": "none",
                        "reason": "Answered Established: the strongest evidence was Documented until its review date "
                                  "passed; it is now No evidence."}] if expired else [])
    assert result["evidence"]["expired_rule"] == (
        "A piece of evidence whose review-by date is before the assessment date (or, for a reviewed file, before the "
        "date of the latest review) no longer counts toward the answer's strongest evidence. (The toolkit's own "
        "rule.)")
    # The flag follows: an Established answer resting on expired evidence has no documented evidence now.
    assert row["evidence_flag"] == expired


def test_a_stronger_current_entry_keeps_the_answer_off_the_list(maturity: dict[str, Any]) -> None:
    doc = _reviewed(maturity)
    doc["evidence"] = {"outcomes-focus": [*_evidence("2026-01-01", "self-reported"), *_evidence("2027-01-01")]}
    result = score(maturity, doc)
    assert result["evidence"]["expired"] == []
    assert [e["what"] for e in result["evidence"]["review_due"]] == ["Contract schedule 3"]


# ---------------------------------------------------------------------------------------------- CSV, team, compare

def test_the_csv_has_the_review_columns(maturity: dict[str, Any]) -> None:
    doc = _reviewed(maturity, _round(responses={"outcomes-focus": {"outcome": "kept", "text": "=See minutes",
                                                                   "date": "2026-04-02"}}))
    lines = to_csv(score(maturity, doc)).splitlines()
    assert lines[0].endswith(",na_reason,review_state,review_comment,review_response")
    assert lines[1].endswith(',"Reviewed by Siân Jones on 1 April 2026: 1 agreed, 1 challenged (1 answered), 4 not '
                             'reviewed",,')
    outcomes = next(line for line in lines if line.startswith("item,,outcomes,outcomes-focus,"))
    # A response typed as a formula is kept from running (the CSV's one guard).
    assert outcomes.endswith(",\"Challenged: answer kept, with a response\",Where is this in the contract?,'=See "
                             "minutes")


def test_a_team_merge_keeps_each_files_review(maturity: dict[str, Any]) -> None:
    first = _reviewed(maturity)
    first["respondent"]["name"] = "Ann"
    second = _reviewed(maturity, _round(reviewer="Owen Price"))
    second["respondent"]["name"] = "Bob"
    third = changed(first, [(("review",), DELETE), (("respondent", "name"), "Cai")])
    team = aggregate(maturity, [("a.json", first), ("b.json", second), ("c.json", third)])
    assert [p["review"]["line"] for p in team["respondents"]] == [
        LINE, LINE.replace("Siân Jones", "Owen Price"), "Not reviewed"]
    assert (team["reviewed"], team["reviewers"], team["reviewers_note"]) == (
        2, ["Siân Jones", "Owen Price"],
        "The merged files were reviewed by different people: Siân Jones and Owen Price.")
    anonymous = aggregate(maturity, [("a.json", first), ("b.json", second)], anonymous=True)
    assert [p["review"]["line"] for p in anonymous["respondents"]] == [
        "Reviewed on 1 April 2026: 1 agreed, 1 challenged (0 answered), 4 not reviewed"] * 2
    assert (anonymous["reviewers"], anonymous["reviewers_note"]) == (
        [], "The merged files were reviewed by 2 different people.")
    same = aggregate(maturity, [("a.json", first), ("b.json", changed(second, [((*ROUND, "reviewer"),
                                                                               " Siân  Jones")]))])
    assert (same["reviewers"], same["reviewers_note"]) == (["Siân Jones"], None)


def test_a_comparison_keeps_each_sides_review(maturity: dict[str, Any]) -> None:
    before = changed(_reviewed(maturity), [(("review",), DELETE)])
    answer = json.loads(api.call(json.dumps({"type": "compare", "definition": json.dumps(maturity),
                                             "before": json.dumps(before),
                                             "after": json.dumps(_reviewed(maturity))})))
    assert (answer["result"]["before"]["review"]["line"], answer["result"]["after"]["review"]["line"]) == (
        "Not reviewed", LINE)


def test_a_decision_on_an_item_gone_since_goes_with_its_answer(maturity: dict[str, Any]) -> None:
    doc = _reviewed(maturity, _round(items={"retired": {"decision": "challenge", "comment": "Old"}},
                                     responses={"retired": {"outcome": "changed", "date": "2026-04-02"}}))
    doc["assessment_version"] = "0.9"
    answer = json.loads(api.call(json.dumps({"type": "import", "definition": json.dumps(maturity),
                                             "text": json.dumps(doc)})))
    assert (answer["ok"], answer["dropped"]) == (True, ["retired"])
    assert json.loads(answer["form"]["fields"]["review"])["rounds"][0]["items"] == {}


# ---------------------------------------------------------------------------------------------- the reports

SIGN_OFF = """# Review and sign-off

Reviewed by Siân Jones on 1 April 2026: 1 agreed, 1 challenged (1 answered), 4 not reviewed

| Reviewer | Role | Review date | Note |
| --- | --- | --- | --- |
| Siân Jones | Head of scrutiny | 1 April 2026 | Mostly sound. |
"""
CHALLENGES = """## Challenges and responses

| Item | Challenge | Review | Response |
| --- | --- | --- | --- |
| Outcomes focus | Where is this in the contract? | Challenged: answer kept, with a response | See the minutes. \
(2 April 2026) |
"""


def test_the_report_carries_the_sign_off_in_markdown_and_word(maturity: dict[str, Any]) -> None:
    answered = _round(responses={"outcomes-focus": {"outcome": "kept", "text": "See the minutes.",
                                                     "date": "2026-04-02"}})
    result = score(maturity, _reviewed(maturity, answered))
    markdown = to_markdown(result)
    assert SIGN_OFF in markdown and CHALLENGES in markdown
    # Before the headline: a panel asks first who checked it.
    assert markdown.index("# Review and sign-off") < markdown.index("# Overall (core items)")
    word = Document(io.BytesIO(result_docx(result)))
    cells = [[cell.text for cell in row.cells] for table in word.tables for row in table.rows]
    assert ["Siân Jones", "Head of scrutiny", "1 April 2026", "Mostly sound."] in cells
    assert ["Outcomes focus", "Where is this in the contract?", "Challenged: answer kept, with a response",
            "See the minutes. (2 April 2026)"] in cells
    # Open, the challenge makes the band provisional, and the report says so.
    assert "Provisional: 1 challenge is still open" in to_markdown(score(maturity, _reviewed(maturity)))


def test_an_unreviewed_report_says_so(maturity: dict[str, Any]) -> None:
    doc = _reviewed(maturity)
    del doc["review"]
    assert "# Review and sign-off\n\nNot reviewed\n" in to_markdown(score(maturity, doc))


def test_the_headline_states_the_answers_own_percent_while_a_challenge_is_open(maturity: dict[str, Any]) -> None:
    result = score(maturity, _reviewed(maturity))
    assert result["overall"]["band_provisional"] is True
    # The band reads the challenged answer as don't know; the sentence still gives the percent of the answers.
    assert f"{result['overall']['percent']:.1f}%" in result["overall"]["headline"], result["overall"]["headline"]
