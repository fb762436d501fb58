"""Broken and hostile responses files: each is rejected (or accepted) with the exact lines the CLI prints, and the
browser's entry point returns a JSON answer for every one of them instead of raising."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from obc_assess.core import api
from obc_assess.host import cli
from obc_assess.host.building import build_all
from obc_assess.host.loader import load_data

CORPUS = sorted((Path(__file__).parent / "responses_corpus").glob("*.json"))
# What each file is about is in its name; the .expect file beside it holds the CLI's output ("FILE" for the path)
# and its exit status on the last line.


@pytest.fixture(scope="module")
def definitions() -> dict[str, str]:
    return {aid: json.dumps(d) for aid, d in build_all(load_data()).items()}


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 30


@pytest.mark.parametrize("case", CORPUS, ids=[p.stem for p in CORPUS])
def test_cli_validate_output(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["validate", str(case)])
    out = capsys.readouterr()
    lines = (out.out + out.err).replace(str(case), "FILE").splitlines()
    assert [*lines, f"exit {code}"] == case.with_suffix(".expect").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("case", CORPUS, ids=[p.stem for p in CORPUS])
def test_browser_entry_point_never_raises(case: Path, definitions: dict[str, str]) -> None:
    # As the page sends a chosen file: its bytes, read as text by Python's one rule (jsontext.decode).
    given = {"bytes": base64.b64encode(case.read_bytes()).decode("ascii")}
    failed = case.with_suffix(".expect").read_text(encoding="utf-8").rstrip().endswith("exit 2")
    for aid, definition in definitions.items():
        answer = json.loads(api.call(json.dumps({"type": "import", "definition": definition, "text": given})))
        assert isinstance(answer["ok"], bool)
        if answer["ok"]:
            # Only a file the CLI accepts can be read, and only against its own assessment.
            assert not failed and json.loads(case.read_text(encoding="utf-8-sig"))["assessment"] == aid
        else:
            assert answer["problems"] and answer["form"] is None
