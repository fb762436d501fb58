"""A definition read once per page: the worker sends its text once, then names it by hash, and every answer is the
same, byte for byte, as when the text comes with each request (in CPython and in Pyodide)."""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_pyodide import _cases, _node, _requests, shipped  # noqa: F401 (shipped: the fixture)

from obc_assess.core import api
from obc_assess.core.defined import KEEP, named
from obc_assess.core.definition import items
from obc_assess.core.form import to_form
from obc_assess.core.responses import template
from obc_assess.host.building import build_all
from obc_assess.host.loader import Data, load_data


@cache
def _real() -> dict[str, str]:
    """The real maturity assessments' definitions (English and Welsh), as JSON text, by id and language."""
    return {f"{aid}/{lang}": json.dumps(definition) for lang in ("en", "cy")
            for aid, definition in build_all(load_data(lang=lang)).items() if definition["kind"] == "maturity"}


def _define(text: str) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(api.call(json.dumps({"type": "define", "definition": text})))
    return answer


def _by_hash(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The requests as the worker sends them: each definition defined once, then named by its hash."""
    sent: set[str] = set()
    out: list[dict[str, Any]] = []
    for request in requests:
        text = request["definition"]
        if text not in sent:
            sent.add(text)
            out.append({"type": "define", "definition": text})
        named_by = {key: value for key, value in request.items() if key != "definition"}
        out.append({**named_by, "definition_hash": hashlib.sha256(text.encode()).hexdigest()})
    return out


@pytest.fixture(scope="module")
def requests(real_data: Data, definitions: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The parity suite's requests: every request type, real assessments in both languages and the test set."""
    return _requests(_cases(build_all(real_data)) + _cases(build_all(load_data(lang="cy"))) + _cases(definitions))


def test_a_kept_definition_answers_byte_for_byte_as_its_text(requests: list[dict[str, Any]]) -> None:
    expected = [api.call(json.dumps(request)) for request in requests]
    sent = _by_hash(requests)
    answers = [api.call(json.dumps(request)) for request in sent]
    assert [answer for request, answer in zip(sent, answers, strict=True) if request["type"] != "define"] == expected
    # Nothing that read a kept definition changed it (every request type ran on it above).
    for text in {request["definition"] for request in requests}:
        kept = named(hashlib.sha256(text.encode()).hexdigest())
        assert kept is not None
        assert kept.problems or kept.value == json.loads(text)


def test_define_answers_the_hash_and_the_texts_problems(maturity: dict[str, Any]) -> None:
    text = json.dumps(maturity)
    assert _define(text) == {"ok": True, "problems": [], "definition_hash": hashlib.sha256(text.encode()).hexdigest()}
    broken = _define('{"id": 1,}')
    assert broken["ok"] is False and broken["definition_hash"] == hashlib.sha256(b'{"id": 1,}').hexdigest()
    # Every request naming it answers with its problems, as one carrying the text does.
    for kind, keys in (("evaluate", {"fields": "{}"}), ("aggregate", {"files": "[]"}),
                       ("compare", {"before": "{}", "after": "{}"})):
        by_hash = api.call(json.dumps({"type": kind, "definition_hash": broken["definition_hash"], **keys}))
        assert by_hash == api.call(json.dumps({"type": kind, "definition": '{"id": 1,}', **keys}))
        assert json.loads(by_hash)["ok"] is False


def test_the_page_leaves_the_csv_out_of_its_evaluate(maturity: dict[str, Any]) -> None:
    text = json.dumps(maturity)
    fields = json.dumps(to_form(maturity, template(maturity))["fields"])
    full = json.loads(api.call(json.dumps({"type": "evaluate", "definition": text, "fields": fields})))
    page = json.loads(api.call(json.dumps({"type": "evaluate", "definition_hash": _define(text)["definition_hash"],
                                           "fields": fields, "csv": False})))
    assert full["csv"].startswith("record,") and page["csv"] is None
    assert {**full, "csv": None} == page


def test_the_oldest_definition_is_let_go_past_the_limit() -> None:
    texts = [json.dumps({"n": n}) for n in range(KEEP + 1)]
    hashes = [_define(text)["definition_hash"] for text in texts]
    assert named(hashes[0]) is None and named(hashes[-1]) is not None
    with pytest.raises(ValueError, match=f"^no definition is kept under '{hashes[0]}': a 'define' request sends "
                                         "it first$"):
        api.call(json.dumps({"type": "evaluate", "definition_hash": hashes[0], "fields": "{}"}))


@pytest.mark.parametrize(("request_json", "message"), [
    ('{"type": "define"}', "not a request obc_assess.core.api answers"),
    ('{"type": "define", "definition_hash": "ab"}', "not a request obc_assess.core.api answers"),
    # One definition: its text or its hash, never both.
    ('{"type": "evaluate", "definition": "{}", "definition_hash": "ab", "fields": "{}"}',
     "not a request obc_assess.core.api answers"),
    ('{"type": "evaluate", "definition_hash": 3, "fields": "{}"}', "not a request obc_assess.core.api answers"),
    # Each needed key is there (the form's values as text), checked before the request is answered.
    ('{"type": "evaluate", "definition": "{}", "fields": {}}', "a 'evaluate' request needs 'fields'"),
    ('{"type": "compare", "definition": "{}", "before": "{}"}', "a 'compare' request needs 'after'"),
    ('{"type": "evaluate", "definition_hash": "0000", "fields": "{}"}',
     "no definition is kept under '0000': a 'define' request sends it first"),
])
def test_call_refuses_a_definition_the_worker_could_not_have_sent(request_json: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        api.call(request_json)


@pytest.mark.pyodide
def test_pyodide_keeps_definitions_as_cpython_does(tmp_path: Path, shipped: Path,  # noqa: F811
                                                   requests: list[dict[str, Any]]) -> None:
    sent = _by_hash(requests)
    browser = _node(shipped, sent, tmp_path)
    assert browser["misses"] == []  # hashing needs nothing outside the site's own Python
    assert browser["outputs"] == [api.call(json.dumps(request)) for request in sent]


# One edit a person makes: which field (of the item at an index, wrapped to the assessment's), and what it becomes.
EDITS = st.one_of(
    st.tuples(st.just("item"), st.integers(0, 99), st.sampled_from(["", "0", "1", "2", "3", "na", "unknown", "x"])),
    st.tuples(st.just("note"), st.integers(0, 99), st.sampled_from(["", " ", "Minutes", "Minutes of the board"])),
    # Why an item is not applicable (issue 30): kept in the answers only beside "na", so a reason typed before or
    # after the answer, or left behind when another answer is chosen, must re-score as a full re-score does.
    st.tuples(st.just("na-reason"), st.integers(0, 99),
              st.sampled_from(["", " ", "Not ours", "We do not commission it"])),
    st.tuples(st.just("plan-action"), st.integers(0, 99), st.sampled_from(["", "Ask finance"])),
    st.tuples(st.just("plan-target"), st.integers(0, 99), st.sampled_from(["", "2", "3"])),
    st.tuples(st.just("evidence"), st.integers(0, 99), st.sampled_from(["", "Report", "Survey"])),
    st.tuples(st.just("strength"), st.integers(0, 99), st.sampled_from(["", "documented", "self-reported"])),
    st.tuples(st.just("review-by"), st.integers(0, 99), st.sampled_from(["", "2024", "2026"])),
    st.tuples(st.just("context-model"), st.just(0), st.sampled_from(["", "1", "2", "3"])),
    st.tuples(st.just("assessment-date"), st.just(0), st.sampled_from(["", "2025"])),
)


def _edited(fields: dict[str, str], definition: dict[str, Any], edit: tuple[str, int, str]) -> None:
    part, index, value = edit
    ids = [item["id"] for _, item in items(definition)]
    item_id = ids[index % len(ids)]
    if part in ("context-model", "assessment-date", "review-by"):
        date = {"assessment-date": "assessment-date", "review-by": f"evidence:{item_id}:0:review-by"}.get(part)
        if date is None:
            fields[part] = value
        else:  # a whole date, or the boxes emptied
            fields.update({f"{date}:day": value and "1", f"{date}:month": value and "3", f"{date}:year": value})
    elif part in ("evidence", "strength"):
        fields[f"evidence:{item_id}:0:{'what' if part == 'evidence' else 'strength'}"] = value
    else:
        fields[f"{part}:{item_id}"] = value


@settings(max_examples=60)
@given(which=st.sampled_from(sorted(_real())), edits=st.lists(EDITS, min_size=1, max_size=12))
# Always tried: a reason given to a "not applicable", then changed (the reason is part of what an item's part is kept
# by, as its note is).
@example(which="commissioning-plan/cy", edits=[("item", 0, "na"), ("na-reason", 0, "Not ours"),
                                                ("na-reason", 0, "We do not commission it")])
def test_each_edit_re_scored_from_kept_parts_equals_a_full_re_score(which: str, edits: list[tuple[str, int, str]]
                                                                    ) -> None:
    # The page's way (a kept definition: each item's part of the result kept from earlier edits, in this example and
    # every one before it) against a definition read afresh for each request, which keeps nothing.
    text = _real()[which]
    definition = json.loads(text)
    sha256 = _define(text)["definition_hash"]
    fields: dict[str, str] = {}
    for edit in edits:
        _edited(fields, definition, edit)
        form = json.dumps(fields)
        kept = api.call(json.dumps({"type": "evaluate", "definition_hash": sha256, "fields": form}))
        assert kept == api.call(json.dumps({"type": "evaluate", "definition": text, "fields": form}))
