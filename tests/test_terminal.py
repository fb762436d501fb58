"""Terminal escapes (issue 35, failure 9): a note or a name may hold any character (text is text), but what the
command line prints shows a control character as \\uXXXX instead of sending it for the terminal to obey."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from obc_assess.core.responses import template
from obc_assess.host.building import build
from obc_assess.host.loader import Data

ROOT = Path(__file__).resolve().parent.parent
AID = "procurement-review"
# ESC (a colour, then clear the screen), NUL, BEL, DEL, CSI as one C1 character, and a right-to-left override.
HOSTILE = "red \x1b[31mRED\x1b[0m clear \x1b[2J nul \x00 bel \x07 del \x7f csi \x9b2J rlo \u202eevil"
SHOWN = ("red \\u001b[31mRED\\u001b[0m clear \\u001b[2J nul \\u0000 bel \\u0007 del \\u007f csi \\u009b2J "
         "rlo \\u202eevil")
# What must never reach a terminal raw (tab and line ends may).
ACTIVE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, real_data: Data) -> tuple[Path, Path]:
    definition = build(real_data, AID)
    folder = tmp_path_factory.mktemp("terminal")
    paths = []
    for name, note in (("Ann", ""), (f"Eve {HOSTILE}", HOSTILE)):
        doc = template(definition, 2)
        doc["respondent"]["name"] = name
        for n, answer in enumerate(doc["answers"].values()):
            answer["level"] = n % 4
        doc["answers"]["outcomes-focus"]["note"] = note
        path = folder / f"{name[:3].lower()}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


def _cli(*argv: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "obc_assess", *map(str, argv)], cwd=ROOT, capture_output=True,
                          timeout=120)


@pytest.mark.parametrize("argv", [
    lambda a, e: ["validate", e],
    lambda a, e: ["score", e, "--markdown"],
    lambda a, e: ["score", e, "--csv"],
    lambda a, e: ["score", e, "--json"],
    lambda a, e: ["report", e],
    lambda a, e: ["aggregate", a, e],
    lambda a, e: ["aggregate", a, e, "--csv"],
    lambda a, e: ["compare", a, e],
    lambda a, e: ["carry-forward", e],
], ids=["validate", "score-markdown", "score-csv", "score-json", "report", "aggregate", "aggregate-csv", "compare",
        "carry-forward"])
def test_nothing_printed_is_a_control_character(hostile: tuple[Path, Path], argv: Any) -> None:
    run = _cli(*argv(*hostile))
    assert run.returncode == 0, run.stderr
    assert not ACTIVE.search(run.stdout.replace(b"\r\n", b"\n")) and not ACTIVE.search(run.stderr)


@pytest.mark.parametrize("argv", [
    lambda a, e: ["score", e, "--markdown"], lambda a, e: ["aggregate", a, e], lambda a, e: ["compare", a, e]])
def test_the_characters_are_shown_as_escapes(hostile: tuple[Path, Path], argv: Any) -> None:
    run = _cli(*argv(*hostile))
    printed = (run.stdout + run.stderr).decode("utf-8").replace("\\[", "[")  # Markdown escapes a bracket
    assert SHOWN in printed


def test_json_output_is_the_same_value(hostile: tuple[Path, Path]) -> None:
    result = json.loads(_cli("score", hostile[1], "--json").stdout)
    assert result["respondent"]["name"] == f"Eve {HOSTILE}"


def test_a_file_name_with_a_control_character(tmp_path: Path) -> None:
    name = tmp_path / "x\x1b[2J.json"
    name.write_text("{", encoding="utf-8")
    run = _cli("validate", name)
    assert run.returncode == 2
    assert run.stderr == (f"{tmp_path}/x\\u001b[2J.json: not valid JSON: Expecting property name enclosed in double "
                          "quotes (line 1, column 2)\n").encode()


def test_a_spreadsheet_shows_them_too_and_no_cell_is_a_formula(real_data: Data) -> None:
    # The CSV is Python's text for the page's download and the command line alike (render.csv_text).
    from obc_assess.core.render import to_csv
    from obc_assess.core.scoring import score

    definition = build(real_data, AID)
    doc = template(definition, 2)
    doc["respondent"]["name"] = "=HYPERLINK(\"https://example.org\")"
    doc["answers"]["outcomes-focus"] = {"level": 1, "note": HOSTILE}
    doc["answers"]["governance"] = {"level": 2, "note": "@SUM(A1:A9)"}
    table = to_csv(score(definition, doc))
    assert not ACTIVE.search(table.replace("\r\n", "\n").encode())
    assert SHOWN in table
    assert ",'@SUM(A1:A9)," in table
