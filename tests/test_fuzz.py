"""Fuzzed answers files through the CLI and the browser API: never a traceback, always a well-formed answer."""

from __future__ import annotations

import io
import json
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from obc_assess.core import api
from obc_assess.core.responses import template
from obc_assess.host import cli
from obc_assess.host.building import build_all
from obc_assess.host.loader import load_data

DATA = load_data()
DEFINITIONS = build_all(DATA)
DEFINITION_JSON = {aid: json.dumps(d) for aid, d in DEFINITIONS.items()}
# Deterministic and bounded: the same examples every run, no example database, no per-example deadline.
FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 10), st.floats(allow_nan=False, allow_infinity=False),
                    st.sampled_from(["", "na", "unknown", "1", "x" * 6000, "\u202e", "<script>", "row:3000:name"]),
                    st.text(max_size=20))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, entry in value.items():
            yield from _paths(entry, (*path, key))
    elif isinstance(value, list):
        for i, entry in enumerate(value):
            yield from _paths(entry, (*path, i))


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return doc


@st.composite
def answers_texts(draw: st.DrawFn) -> str:
    """A valid blank answers file for a real assessment with a few values replaced, or raw bytes-like text."""
    aid = draw(st.sampled_from(sorted(DEFINITIONS)))
    doc: Any = template(DEFINITIONS[aid])
    for _ in range(draw(st.integers(0, 4))):
        paths = list(_paths(doc))
        doc = _set(doc, draw(st.sampled_from(paths)), draw(VALUES))
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()))
    cut = draw(st.one_of(st.none(), st.integers(0, len(text))))
    return text if cut is None else text[:cut] + draw(st.text(max_size=5))


@contextmanager
def _captured() -> Iterator[tuple[io.TextIOWrapper, io.TextIOWrapper]]:
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    saved = sys.stdout, sys.stderr, cli.load_data
    sys.stdout, sys.stderr, cli.load_data = out, err, lambda lang="en": DATA  # type: ignore[assignment]
    try:
        yield out, err
    finally:
        sys.stdout, sys.stderr, cli.load_data = saved  # type: ignore[assignment]


@FUZZ
@given(text=answers_texts(), command=st.sampled_from(["validate", "score"]))
def test_cli_answers_files(text: str, command: str) -> None:
    with tempfile.TemporaryDirectory() as folder, _captured() as (out, err):
        path = Path(folder) / "answers.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        status = cli.main([command, str(path)])  # an exception here fails the test: that is a traceback
        out.flush()
        err.flush()
        stdout = out.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
        stderr = err.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    assert status in (0, 2)
    if status == 2:
        assert stdout == "" and stderr
        assert all(line.startswith(f"{path}: ") for line in stderr.splitlines())
    elif command == "score":
        assert isinstance(json.loads(stdout), dict)
    else:
        assert stdout == f"{path}: valid\n"


def _well_formed(answer: str, payload: str) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(answer)
    assert body["ok"] is (not body["problems"])
    for problem in body["problems"]:
        assert isinstance(problem["path"], str) and isinstance(problem["message"], str) and problem["message"]
        assert problem["field"] is None or isinstance(problem["field"], str)
    assert (body[payload] is None) is (not body["ok"])
    return body


@FUZZ
@given(text=answers_texts(), aid=st.sampled_from(sorted(DEFINITIONS)))
def test_api_answers(text: str, aid: str) -> None:
    # The text may be for another assessment than the definition it is scored with: still an answer.
    _well_formed(api.call(json.dumps({"type": "plan-csv", "definition": DEFINITION_JSON[aid], "responses": text})),
                 "csv")
    _well_formed(api.call(json.dumps({"type": "import", "definition": DEFINITION_JSON[aid], "text": text})), "form")
    _well_formed(api.render_docx_json(DEFINITION_JSON[aid], text), "docx")


@FUZZ
@given(aid=st.sampled_from(sorted(DEFINITIONS)),
       fields=st.dictionaries(st.one_of(st.sampled_from(["context-model", "context-scope", "respondent-name",
                                                         "row:0:name", "row:3000:name", "row:1:class",
                                                         "plan-due:governance:year"]),
                                        st.text(max_size=12)),
                              st.one_of(st.sampled_from(["", "1", "2", "na", "unknown", "x"]), st.text(max_size=8)),
                              max_size=6))
def test_api_form_fields(aid: str, fields: dict[str, str]) -> None:
    # Real field names too: every item's field, with values from the scale and outside it.
    # A form with problems still scores its sound answers: only the answers document waits for them.
    _well_formed(api.evaluate_form(DEFINITION_JSON[aid], json.dumps(fields)), "responses")
