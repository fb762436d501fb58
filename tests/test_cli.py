"""The obc-assess command: output, exit statuses and one line per problem, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from asked import form_of
from edits import run_cli

from obc_assess.core import api
from obc_assess.core.compare import compare
from obc_assess.core.problem import Problem
from obc_assess.core.render import to_csv, to_json, to_markdown
from obc_assess.core.report_compare import compare_markdown
from obc_assess.core.report_team import team_csv, team_markdown
from obc_assess.core.scoring import score
from obc_assess.core.team import aggregate, with_skipped
from obc_assess.host import cli
from obc_assess.host.building import build
from obc_assess.host.loader import Data, DataError

ROOT = Path(__file__).resolve().parent.parent
AID = "commissioning-principles"  # a maturity assessment with no scope
# Another assessment's file is named by both titles (and its id, which is what the file itself says).
WRONG_FILE = 'this file is for "Measure mix" (measure-mix), not "Commissioning principles"'


@pytest.fixture(autouse=True)
def _loaded_once(cli_data_once: None) -> None:
    """Every test here runs the command line on data read once."""



def _template(capsys: pytest.CaptureFixture[str], aid: str = AID, *extra: str) -> dict[str, Any]:
    status, out, _ = run_cli(capsys, "template", aid, *extra)
    assert status == 0
    doc: dict[str, Any] = json.loads(out)
    return doc


def _write(tmp_path: Path, doc: object, name: str = "answers.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def _filled(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    doc = _template(capsys, AID, "--model", "2")
    for n, answer in enumerate(doc["answers"].values()):
        answer["level"] = n % 4
    return doc


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "list")
    assert (status, err) == (0, "")
    line = next(line for line in out.splitlines() if line.startswith("review-priorities "))
    assert line.split()[1:3] == ["matrix", "Review"]


def test_list_json(capsys: pytest.CaptureFixture[str], real_data: Data) -> None:
    status, out, _ = run_cli(capsys, "list", "--json")
    rows = json.loads(out)
    assert status == 0
    assert [r["id"] for r in rows] == list(real_data.assessments)
    assert set(rows[0]) == {"id", "title", "kind", "version"}


def test_describe(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "describe", AID)
    lines = out.splitlines()
    assert status == 0
    assert lines[0] == f"{AID}: Commissioning principles (maturity, version 1.3)"
    assert lines[1] == ('Levels: 0 Not in place, 1 Developing, 2 Established, 3 Embedded, '
                        '"na" (not applicable), "unknown" (don\'t know)')
    # Principle (d) says "the focus should be on outcomes", so it is the one that counts double, not (a).
    assert "  customers-needs-at-centre: (a) Choice and control" in lines
    principle = "(d) A focus on outcomes"
    assert f"  highest-affordable-quality: {principle} (weight 2)" in lines


def test_describe_marks_model_items_and_notes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "describe", "supporting-systems")
    lines = out.splitlines()
    assert status == 0
    assert "  logic-models: Logic models (Model 3) (weight 2; models 3)" in lines
    assert "  monitoring-outcomes: Clear outcomes for each person (weight 2; less crucial for Model 3, weight 1)" \
        in lines
    assert "Context:" not in run_cli(capsys, "describe", "measure-mix")[1]  # measure-mix no longer asks the model


def test_describe_json_lists_classes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "describe", "measure-mix", "--json")
    info = json.loads(out)
    assert status == 0
    assert "output" in [c["id"] for c in info["classes"]]
    assert set(info) == {"id", "title", "kind", "version", "asks_model", "scope", "scale", "other_scales",
                         "classes", "sections"}


def test_describe_names_the_scale_of_items_asked_on_another(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "describe", "commissioning-standards")
    lines = out.splitlines()
    assert status == 0
    assert lines[2] == ('Levels on the coverage scale: 0 No, 1 Partly, 2 Yes, "na" (not applicable), '
                        '"unknown" (don\'t know)')
    assert "  scope-period: What period will the commissioning plan cover? (coverage scale)" in lines
    # The 13 standards are expected of every authority: "na" is no answer there (issue 30), and describe says so.
    assert "  standard-5: Standard 5 (not applicable not offered: expected of every authority)" in lines
    [publish] = [line for line in lines if line.startswith("  plan-publish: ")]  # an optional action: it may be
    assert "not offered" not in publish


@pytest.mark.parametrize("command", ["describe", "template"])
def test_unknown_assessment(capsys: pytest.CaptureFixture[str], command: str) -> None:
    assert run_cli(capsys, command, "nope") == (
        2, "", "obc-assess: no assessment \"nope\"; run 'obc-assess list' to see the ids\n")


def test_template(capsys: pytest.CaptureFixture[str]) -> None:
    doc = _template(capsys, AID, "--model", "3")
    assert doc["context"] == {"model": 3, "scope": None}
    assert all(answer == {"level": None, "note": ""} for answer in doc["answers"].values())


def test_template_bad_scope(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "template", AID, "--scope", "everything")
    assert (status, out) == (2, "")
    assert err == "obc-assess: context.scope: this assessment has no scope question; set it to null\n"


def test_template_bad_model_is_an_argparse_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        cli.main(["template", AID, "--model", "4"])
    assert raised.value.code == 2
    assert "invalid choice: 4" in capsys.readouterr().err


def test_validate_valid(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    name = _write(tmp_path, _filled(capsys))
    assert run_cli(capsys, "validate", name) == (0, f"{name}: valid\n", "")


def test_validate_notes_an_older_version(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = _filled(capsys)
    doc["assessment_version"] = "0.1"
    name = _write(tmp_path, doc)
    assert run_cli(capsys, "validate", name) == (0, f"{name}: valid\n", (
        f'{name}: note: written for version "0.1" of {AID}, which is now version 1.3; '
        "some items may have changed\n"))


def test_validate_lists_every_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = _filled(capsys)
    doc["context"]["model"] = 5
    doc["answers"]["not-an-item"] = {"level": 1}
    doc["answers"]["collaboration"]["level"] = "maybe"
    name = _write(tmp_path, doc)
    assert run_cli(capsys, "validate", name) == (2, "", (
        f"{name}: context.model: must be 1, 2, 3 or null\n"
        f'{name}: answers.collaboration.level: must be 0, 1, 2, 3, "na", "unknown" or null\n'
        f"{name}: answers.not-an-item: not an item of {AID}; remove it\n"))


# (file bytes, the one line expected after "FILE: ")
BAD_FILES = [
    (b"{", "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"),
    (b"", "not valid JSON: Expecting value (line 1, column 1)"),
    (b"[1, NaN]", "not valid JSON: NaN is not allowed in JSON"),
    ("caf\xe9".encode("latin-1"), "not UTF-8 text; save the file as UTF-8"),
    (b"[]", "must be a JSON object ({...}) holding a responses document, not a list"),
    (b"{}", 'assessment: missing or not text; add "assessment": "<id>" '
            "(run 'obc-assess list' to see the ids)"),
    (b'{"assessment": "nope"}', "assessment: no assessment \"nope\"; run 'obc-assess list' to see the ids"),
    # Refused before parsing: how deep Python's json can go differs between versions (and Pyodide).
    (b"[" * 100_000, "nested more than 64 levels deep; this is not a responses file"),
]


@pytest.mark.parametrize(("content", "line"), BAD_FILES)
@pytest.mark.parametrize("command", ["validate", "score"])
def test_bad_files_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str,
                                content: bytes, line: str) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(content)
    assert run_cli(capsys, command, str(path)) == (2, "", f"{path}: {line}\n")


def test_a_byte_order_mark_is_accepted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(_filled(capsys)).encode())
    assert run_cli(capsys, "validate", str(path))[0] == 0


@pytest.mark.parametrize("target", ["missing.json", "."])
def test_unreadable_files(capsys: pytest.CaptureFixture[str], tmp_path: Path, target: str) -> None:
    path = tmp_path / target
    status, out, err = run_cli(capsys, "score", str(path))
    assert (status, out) == (2, "")
    assert err.startswith(f"{path}: cannot read the file (") and err.count("\n") == 1


def test_score_json_is_the_renderer_bytes(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                          real_data: Data) -> None:
    doc = _filled(capsys)
    name = _write(tmp_path, doc)
    status, out, err = run_cli(capsys, "score", name)
    expected = to_json(score(build(real_data, AID), doc))
    assert (status, out, err) == (0, expected, "")
    assert run_cli(capsys, "score", name, "--json")[1] == expected


@pytest.mark.parametrize(("flag", "render"), [("--csv", lambda r: cli.BOM + to_csv(r)), ("--markdown", to_markdown)])
def test_score_other_formats(capsys: pytest.CaptureFixture[str], tmp_path: Path, flag: str, render: Any,
                             real_data: Data) -> None:
    doc = _filled(capsys)
    name = _write(tmp_path, doc)
    assert run_cli(capsys, "score", name, flag) == (0, render(score(build(real_data, AID), doc)), "")


def test_score_refuses_invalid_answers(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = _filled(capsys)
    doc["format_version"] = 6
    name = _write(tmp_path, doc)
    assert run_cli(capsys, "score", name) == (
        2, "", f"{name}: format_version: must be 5 (or 1, 2, 3 or 4, for a file saved before format 5)\n")


def test_formats_are_exclusive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        cli.main(["score", "x.json", "--csv", "--markdown"])
    assert raised.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_broken_data_exits_1(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(lang: str = "en") -> None:
        raise DataError([Problem("scales[0].bands", "levels must start at 0", "scales.yaml")])

    monkeypatch.setattr(cli, "load_data", broken)
    assert run_cli(capsys, "list") == (1, "", "obc-assess: toolkit data: scales.yaml: scales[0].bands: "
                                          "levels must start at 0\n")


def test_python_dash_m(tmp_path: Path, real_data: Data) -> None:
    # The real entry point, in a fresh interpreter: same bytes as the renderer, exit statuses as documented.
    run = subprocess.run([sys.executable, "-m", "obc_assess", "template", "measure-mix"], cwd=ROOT,
                         capture_output=True, check=True)
    doc = json.loads(run.stdout)
    doc["answers"]["measures"] = [{"name": "Hours", "class": "output", "note": "é"}]
    path = tmp_path / "mix.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "obc_assess", "score", str(path)], cwd=ROOT,
                         capture_output=True)
    assert (run.returncode, run.stderr) == (0, b"")
    assert run.stdout == to_json(score(build(real_data, "measure-mix"), doc)).encode("utf-8")
    run = subprocess.run([sys.executable, "-m", "obc_assess", "validate", str(tmp_path / "none.json")],
                         cwd=ROOT, capture_output=True)
    assert run.returncode == 2 and b"Traceback" not in run.stderr


# ---------------------------------------------------------------------------------------------- aggregate, compare

def _person(capsys: pytest.CaptureFixture[str], name: str, shift: int) -> dict[str, Any]:
    doc = _filled(capsys)
    doc["respondent"] = {"name": name, "role": "provider" if shift else "commissioner"}
    for n, answer in enumerate(doc["answers"].values()):
        answer["level"] = (n + shift) % 4
    return doc


def _team_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    docs = [_person(capsys, "Ann", 0), _person(capsys, "Bob", 2)]
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    mix = _template(capsys, "measure-mix")
    names = [_write(tmp_path, docs[0], "ann.json"), str(tmp_path / "broken.json"),
             _write(tmp_path, mix, "mix.json"), _write(tmp_path, docs[1], "bob.json")]
    return names, docs


def _expected(real_data: Data, names: list[str], docs: list[dict[str, Any]], anonymous: bool = False) -> Any:
    result = aggregate(build(real_data, AID), [(names[0], docs[0]), (names[3], docs[1])], anonymous)
    # Anonymous results name the files left out by their place in the list only.
    return with_skipped(result, [
        {"file": "File 2" if anonymous else names[1], "problems": [
            {"path": "(file)", "field": None,
             "message": "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"}]},
        {"file": "File 3" if anonymous else names[2], "problems": [
            {"path": "assessment", "field": None, "message": WRONG_FILE}]}])


def test_aggregate_skips_bad_files_and_says_why(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                real_data: Data) -> None:
    names, docs = _team_files(capsys, tmp_path)
    status, out, err = run_cli(capsys, "aggregate", *names)
    assert (status, err) == (0, (
        f"{names[1]}: not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)\n"
        f'{names[2]}: assessment: this file is for "Measure mix" (measure-mix), not "Commissioning principles"\n'))
    assert out == team_markdown(_expected(real_data, names, docs))
    assert "- Respondents: 2" in out


@pytest.mark.parametrize(("flag", "render"), [("--json", to_json), ("--csv", lambda r: cli.BOM + team_csv(r))])
def test_aggregate_json_and_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path, real_data: Data, flag: str,
                                render: Any) -> None:
    names, docs = _team_files(capsys, tmp_path)
    status, out, _ = run_cli(capsys, "aggregate", *names, flag, "--anonymous")
    assert (status, out) == (0, render(_expected(real_data, names, docs, anonymous=True)))


def test_aggregate_json_is_what_the_browser_gets(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                 real_data: Data) -> None:
    docs = [_person(capsys, "Ann", 0), _person(capsys, "Bob", 1), _filled(capsys)]
    docs[2]["context"]["model"] = 9
    names = [_write(tmp_path, doc, f"{n}.json") for n, doc in enumerate(docs)]
    names.insert(1, str(tmp_path / "broken.json"))
    Path(names[1]).write_text("[1,]", encoding="utf-8")
    out = run_cli(capsys, "aggregate", *names, "--json")[1]
    assert len(json.loads(out)["skipped"]) == 2
    files = json.dumps([{"name": name, "text": Path(name).read_text(encoding="utf-8")} for name in names])
    answer = json.loads(api.aggregate_json(json.dumps(build(real_data, AID)), files))
    assert out == to_json(answer["result"])
    # The page's export is Python's text, so it is the command's output byte for byte.
    exported = json.loads(api.aggregate_export_json(json.dumps(build(real_data, AID)), files))
    assert exported["json"] == out


def test_aggregate_with_no_valid_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = _filled(capsys)
    doc["context"]["model"] = 9
    bad = _write(tmp_path, doc, "bad.json")
    missing = str(tmp_path / "missing.json")
    status, out, err = run_cli(capsys, "aggregate", bad, missing)
    assert (status, out) == (2, "")
    lines = err.splitlines()
    assert lines[0] == f"{bad}: context.model: must be 1, 2, 3 or null"
    assert lines[1].startswith(f"{missing}: cannot read the file (") and len(lines) == 2


def test_aggregate_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        cli.main(["aggregate"])
    assert raised.value.code == 2


def test_compare(capsys: pytest.CaptureFixture[str], tmp_path: Path, real_data: Data) -> None:
    before, after = _person(capsys, "Team", 0), _person(capsys, "Team", 1)
    after["respondent"]["role"] = "commissioner"
    names = [_write(tmp_path, before, "before.json"), _write(tmp_path, after, "after.json")]
    expected = compare(build(real_data, AID), before, after, (names[0], names[1]))
    assert run_cli(capsys, "compare", *names) == (0, compare_markdown(expected), "")
    assert run_cli(capsys, "compare", *names, "--json") == (0, to_json(expected), "")


def test_compare_warns_of_different_people(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    before, after = _person(capsys, "Ann", 0), _person(capsys, "Bob", 0)
    before["saved_at"], after["saved_at"] = "2026-03-02T10:00:00Z", "2026-02-01T10:00:00Z"
    names = [_write(tmp_path, before, "before.json"), _write(tmp_path, after, "after.json")]
    status, out, err = run_cli(capsys, "compare", *names)
    assert (status, err) == (0, (
        "warning: These files are from different people: Ann (baseline) and Bob (later file). A comparison over "
        "time needs the same person's or team's answers, earlier and later.\n"
        "warning: The baseline is dated 2 March 2026, after the later file (1 February 2026): check which file is "
        "the earlier one, and choose it as the baseline.\n"))
    assert "answered by Ann; saved on 2 March 2026)" in out


def test_compare_notes_answers_for_items_gone(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    before, after = _person(capsys, "Team", 0), _person(capsys, "Team", 0)
    before["assessment_version"] = "0.1"
    before["answers"]["retired-item"] = {"level": 1, "note": ""}
    names = [_write(tmp_path, before, "before.json"), _write(tmp_path, after, "after.json")]
    status, out, err = run_cli(capsys, "compare", *names, "--json")
    assert (status, err) == (0, f"{names[0]}: note: answers.retired-item: not an item of {AID} any more; "
                                "left out of the comparison\n")
    assert json.loads(out)["gone"] == ["retired-item"]


def test_compare_refuses_bad_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    before, after = _filled(capsys), _filled(capsys)
    before["answers"]["retired-item"] = {"level": 1, "note": ""}  # the same version: a mistake, not a change
    after["format_version"] = 6
    names = [_write(tmp_path, before, "before.json"), _write(tmp_path, after, "after.json")]
    assert run_cli(capsys, "compare", *names) == (2, "", (
        f"{names[0]}: answers.retired-item: not an item of {AID}; remove it\n"
        f"{names[1]}: format_version: must be 5 (or 1, 2, 3 or 4, for a file saved before format 5)\n"))
    mix = _write(tmp_path, _template(capsys, "measure-mix"), "mix.json")
    good = _write(tmp_path, _filled(capsys), "good.json")
    assert run_cli(capsys, "compare", mix, good) == (
        2, "", f'{mix}: assessment: this file is for "Measure mix" (measure-mix), not "Commissioning principles"\n')
    (tmp_path / "list.json").write_text("[]", encoding="utf-8")
    status, _, err = run_cli(capsys, "compare", str(tmp_path / "list.json"), str(tmp_path / "none.json"))
    lines = err.splitlines()
    assert status == 2 and lines[0] == (f"{tmp_path / 'list.json'}: must be a JSON object ({{...}}) holding a "
                                        "responses document, not a list")
    assert lines[1].startswith(f"{tmp_path / 'none.json'}: cannot read the file (")


# --------------------------------------------------------------------------------------- hangs and tracebacks


def _cli(*argv: str | bytes, stdout: Any = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    # A fresh interpreter, so the real standard streams and exit flush are tried. The timeout fails a hang.
    return subprocess.run([sys.executable, "-m", "obc_assess", *argv], cwd=ROOT, stdout=stdout,
                          stderr=subprocess.PIPE, timeout=120)


def test_dev_zero_is_read_only_to_the_limit() -> None:
    run = _cli("validate", "/dev/zero")
    assert (run.returncode, run.stdout) == (2, b"")
    assert run.stderr == (b"/dev/zero: the file is too large (more than 1,048,576 bytes; the limit is 1,048,576); "
                          b"is it a responses file?\n")


@pytest.mark.parametrize("writer", ["endless", "none"])
def test_a_fifo_does_not_hang(tmp_path: Path, writer: str) -> None:
    fifo = tmp_path / "answers.json"
    os.mkfifo(fifo)
    if writer == "endless":
        feed = subprocess.Popen(["sh", "-c", f"yes > '{fifo}'"], stderr=subprocess.DEVNULL)
    run = _cli("validate", str(fifo))
    if writer == "endless":
        feed.wait(timeout=60)  # it ends when the reader closes the pipe
        expected = "the file is too large (more than 1,048,576 bytes; the limit is 1,048,576); is it a responses file?"
    else:
        expected = "not valid JSON: Expecting value (line 1, column 1)"
    assert (run.returncode, run.stderr.decode()) == (2, f"{fifo}: {expected}\n")


def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    run = _cli("validate", os.fsencode(tmp_path) + b"/caf\xe9.json")
    assert run.returncode == 2
    assert run.stderr == os.fsencode(tmp_path) + b"/caf\\udce9.json: cannot read the file (No such file or directory)\n"


@pytest.mark.parametrize("argv", [("list",), ("template", AID), ("describe", AID)])
def test_a_full_stdout_is_one_line(argv: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        run = _cli(*argv, stdout=full)
    assert (run.returncode, run.stderr) == (2, b"obc-assess: cannot write the output (No space left on device)\n")


def test_too_many_rows_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    doc = _template(capsys, "review-priorities")
    doc["answers"]["areas"] = [{} for _ in range(200_000)]  # 600 KB: under the size limit
    path = _write(tmp_path, doc)
    assert run_cli(capsys, "score", path) == (
        2, "", f"{path}: answers.areas: too many rows (200,000); list at most 1,000 and split the rest across files\n")


def test_a_form_copy_exported_without_python_scores_as_its_answers(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, real_data: Data) -> None:
    doc = _filled(capsys)
    definition = build(real_data, AID)
    form = form_of(definition, doc)
    form_copy = {"format": "obc-assess/form-copy", "format_version": 1, "assessment": AID,
                 "assessment_version": definition["version"], "saved_at": "2026-03-02T10:00:00.000Z",
                 "form": {"format": 3, "version": definition["version"], **form}}
    as_answers = run_cli(capsys, "score", _write(tmp_path, doc))
    assert run_cli(capsys, "score", _write(tmp_path, form_copy, "copy.json")) == as_answers
    assert run_cli(capsys, "validate", str(tmp_path / "copy.json"))[:2] == (0, f"{tmp_path / 'copy.json'}: valid\n")
    form_copy["form"]["fields"] = []
    assert run_cli(capsys, "score", _write(tmp_path, form_copy, "copy.json")) == (2, "", (
        f"{tmp_path / 'copy.json'}: form.fields: must be an object of field names and their text, "
        'like {"respondent-name": ""}\n'))
