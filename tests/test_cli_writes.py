"""A command line that never destroys (issue 35, failure 8): an output that is one of the inputs is refused before any
work, and every file is written whole or not at all (a temporary file in the same folder, renamed into place)."""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from obc_assess.core.responses import template
from obc_assess.host import cli
from obc_assess.host.building import build
from obc_assess.host.loader import Data
from obc_assess.host.output import write_whole

ROOT = Path(__file__).resolve().parent.parent
AID = "procurement-review"
KEPT = "this is also an input ({input}); write to another file, so that the input is kept"


@pytest.fixture
def files(tmp_path: Path, real_data: Data) -> tuple[Path, Path]:
    definition = build(real_data, AID)
    paths = []
    for name in ("a", "b"):
        doc = template(definition, 2)
        doc["respondent"]["name"] = name
        doc["answers"]["outcomes-focus"]["level"] = 2
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


# (the command line, from the two inputs a and b; the output named; the input it names)
CLASHES = [
    (lambda a, b: ["report", a, "--docx", a], "{a}", "{a}"),
    (lambda a, b: ["aggregate", a, b, "--docx", b], "{b}", "{b}"),
    (lambda a, b: ["compare", a, b, "--docx", a], "{a}", "{a}"),
    (lambda a, b: ["carry-forward", a, "-o", a], "{a}", "{a}"),
    (lambda a, b: ["carry-forward", a, "--output", f"{Path(a).parent}/./{Path(a).name}"],
     "{dir}/./a.json", "{a}"),  # another spelling of the same path
    (lambda a, b: ["carry-forward", a, "-o", f"{Path(a).parent}/hard.json"], "{dir}/hard.json", "{a}"),
    (lambda a, b: ["report", a, "--docx", f"{Path(a).parent}/link.json"], "{dir}/link.json", "{a}"),
]


@pytest.mark.parametrize(("argv", "output", "named"), CLASHES)
def test_an_output_that_is_an_input_is_refused(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
                                               argv: Any, output: str, named: str) -> None:
    a, b = files
    os.link(a, a.parent / "hard.json")
    (a.parent / "link.json").symlink_to(a)
    before = a.read_bytes(), b.read_bytes()
    status = cli.main(argv(str(a), str(b)))
    out, err = capsys.readouterr()
    where = {"a": a, "b": b, "dir": a.parent}
    assert (status, out) == (2, "")
    assert err == f"{output.format(**where)}: {KEPT.format(input=named.format(**where))}\n"
    assert (a.read_bytes(), b.read_bytes()) == before


def test_refused_in_welsh(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    a, _ = files
    assert cli.main(["--lang", "cy", "carry-forward", str(a), "-o", str(a)]) == 2
    assert capsys.readouterr().err == (f"{a}: mae hon hefyd yn ffeil fewnbwn ({a}); ysgrifennwch i ffeil arall, fel "
                                       "bod y mewnbwn yn cael ei chadw\n")


def test_a_new_output_and_standard_output_are_written(files: tuple[Path, Path],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    a, b = files
    assert cli.main(["report", str(a), "--docx", str(a.parent / "report.docx")]) == 0
    assert (a.parent / "report.docx").read_bytes().startswith(b"PK\x03\x04")
    assert cli.main(["carry-forward", str(a), "-o", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["assessment"] == AID
    (a.parent / "old.docx").write_bytes(b"old")
    (a.parent / "old.docx").chmod(0o640)
    assert cli.main(["aggregate", str(a), str(b), "--docx", str(a.parent / "old.docx")]) == 0
    assert (a.parent / "old.docx").stat().st_mode & 0o777 == 0o640  # the file replaced keeps its permissions
    assert sorted(p.name for p in a.parent.iterdir()) == ["a.json", "b.json", "old.docx", "report.docx"]


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_write_cut_short_leaves_the_old_file_whole(files: tuple[Path, Path]) -> None:
    a, _ = files
    report = a.parent / "report.docx"
    assert cli.main(["report", str(a), "--docx", str(report)]) == 0
    old = report.read_bytes()
    assert len(old) > 4096
    # The same command under a 4 KB file-size limit (Python ignores SIGXFSZ: the write fails with EFBIG).
    run = subprocess.run([sys.executable, "-m", "obc_assess", "report", str(a), "--docx", str(report)], cwd=ROOT,
                         capture_output=True, preexec_fn=_limited, timeout=120)
    assert (run.returncode, run.stdout) == (2, b"")
    assert run.stderr == f"{report}: cannot write the report (File too large)\n".encode()
    assert report.read_bytes() == old
    assert sorted(p.name for p in a.parent.iterdir()) == ["a.json", "b.json", "report.docx"]  # nothing left over


def _writer(barrier: Any, name: str, data: bytes) -> None:
    barrier.wait()
    write_whole(name, data)


def test_writers_at_once_leave_one_whole_file(tmp_path: Path) -> None:
    # In place, four writers at once left invalid JSON about one time in eight (a short file over a long one).
    target = str(tmp_path / "out.json")
    versions = [json.dumps({"short": 1}).encode(), json.dumps({"long": "x" * 2_000_000}).encode()]
    context = multiprocessing.get_context("fork")
    for _ in range(8):
        barrier = context.Barrier(4)
        writers = [context.Process(target=_writer, args=(barrier, target, versions[n % 2])) for n in range(4)]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=120)
            assert writer.exitcode == 0
        assert Path(target).read_bytes() in versions
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_device_is_written_directly() -> None:
    write_whole("/dev/null", b"nothing")  # not a file: there is nothing to rename over
