"""Text is text (issue 35, failures 6 and 10): any valid Unicode in a field is accepted, a file's bytes are read by
one rule on the command line and in the browser (through api.call), an unreadable file in a merge is named and left
out, a key given twice is refused by name, and the same answers twice are one person, counted once."""

from __future__ import annotations

import base64
import codecs
import json
from pathlib import Path
from typing import Any

import pytest
from asked import ask

from obc_assess.core.jsontext import decode, parse
from obc_assess.core.responses import template
from obc_assess.host import cli
from obc_assess.host.building import build
from obc_assess.host.loader import Data

AID = "procurement-review"
PASTED = "caf\ufffd menu"  # as pasted from a mis-decoded email: a real character, typed or pasted like any other


@pytest.fixture(autouse=True)
def _loaded_once(cli_data_once: None) -> None:
    """Every test here runs the command line on data read once."""


@pytest.fixture(scope="module")
def definition(real_data: Data) -> dict[str, Any]:
    return build(real_data, AID)


def answers(definition: dict[str, Any], name: str = "Ann", note: str = "") -> dict[str, Any]:
    doc = template(definition, 2)
    doc["respondent"]["name"] = name
    for n, answer in enumerate(doc["answers"].values()):
        answer["level"] = n % 4
    doc["answers"]["outcomes-focus"]["note"] = note
    return doc


def _text(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def as_sent(raw: bytes) -> dict[str, str]:
    """A chosen file as the page sends it: its bytes, for Python to read."""
    return {"bytes": base64.b64encode(raw).decode("ascii")}


# (the file's bytes from its text, the problem, or None when it reads as the text)
ENCODINGS = [
    (lambda t: t.encode("utf-8"), None),
    (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), None),
    (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), None),
    (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), None),
    (lambda t: t.encode("utf-16-le"),
     "UTF-16 text without a byte order mark, which cannot be read for certain; save the file as UTF-8"),
    (lambda t: t.encode("utf-16-be"),
     "UTF-16 text without a byte order mark, which cannot be read for certain; save the file as UTF-8"),
    (lambda t: t.replace("\ufffd", "\xe9").encode("latin-1", "replace"), "not UTF-8 text; save the file as UTF-8"),
    (lambda t: b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)),
     "a zip file, such as a Word document, not an answers file; choose the answers file (.json) you exported"),
    (lambda t: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(200)),
     "not a text file; choose the answers file (.json) you exported"),
    (lambda t: codecs.BOM_UTF16_LE + b"{\x00\x00\xd8}\x00",  # a lone surrogate: not UTF-16
     "starts as UTF-16 text but is not valid UTF-16; save the file as UTF-8"),
]


@pytest.mark.parametrize(("encode", "message"), ENCODINGS)
def test_the_one_rule_for_a_files_bytes(encode: Any, message: str | None) -> None:
    text = '{"note": "caf\ufffd menu, ŵ ŷ"}'
    found, problems = decode(encode(text), "(file)")
    assert (found, [p.message for p in problems]) == ((text, []) if message is None else (None, [message]))


def test_the_rule_in_welsh() -> None:
    assert decode(b"caf\xe9", "(file)", "cy")[1][0].message == "nid testun UTF-8 yw hwn; cadwch y ffeil fel UTF-8"
    assert decode("{}".encode("utf-16-le"), "(file)", "cy")[1][0].message == (
        "testun UTF-16 heb nod trefn beit, na ellir ei ddarllen yn sicr; cadwch y ffeil fel UTF-8")


@pytest.mark.parametrize(("text", "lang", "message"), [
    ('{"format": 1, "format": 2}', "en", 'the key "format" is given more than once in one object; keep one of them'),
    ('{"a": {"b": 1, "b": 1}}', "en", 'the key "b" is given more than once in one object; keep one of them'),
    ('[{"x": 1}, {"x": 2, "x": 3}]', "cy",
     'rhoddir yr allwedd "x" fwy nag unwaith yn yr un gwrthrych; cadwch un ohonynt'),
])
def test_a_key_given_twice_is_refused_by_name(text: str, lang: str, message: str) -> None:
    assert [p.message for p in parse(text, "(file)", lang=lang)[1]] == [message]


def test_the_replacement_character_is_text_everywhere(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                       definition: dict[str, Any]) -> None:
    doc = answers(definition, note=PASTED)
    path = tmp_path / "pasted.json"
    path.write_text(_text(doc), encoding="utf-8")
    assert run(capsys, "validate", str(path)) == (0, f"{path}: valid\n", "")
    status, out, _ = run(capsys, "score", str(path), "--markdown")
    assert status == 0 and PASTED in out
    # The page: the form scores, the answers file is made; importing it and merging it work too.
    form = ask("import", definition, text=as_sent(path.read_bytes()))
    assert form["ok"] and form["form"]["fields"]["note:outcomes-focus"] == PASTED
    evaluated = ask("evaluate", definition, fields=json.dumps(form["form"]["fields"]))
    assert evaluated["ok"] and evaluated["responses"]["answers"]["outcomes-focus"]["note"] == PASTED
    assert ask("docx", definition, responses=json.dumps(doc))["ok"]
    merged = ask("aggregate", definition, files=json.dumps([{"name": "pasted.json", **as_sent(path.read_bytes())}]))
    assert merged["ok"] and merged["result"]["summary"] == "1 file merged."


@pytest.mark.parametrize(("encode", "message"), ENCODINGS[2:])
def test_the_command_line_reads_files_by_the_rule(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                  definition: dict[str, Any], encode: Any,
                                                  message: str | None) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(encode(_text(answers(definition, note=PASTED))))
    expected = (0, f"{path}: valid\n", "") if message is None else (2, "", f"{path}: {message}\n")
    assert run(capsys, "validate", str(path)) == expected


@pytest.mark.parametrize(("encode", "message"), ENCODINGS[2:])
def test_the_page_reads_files_by_the_same_rule(definition: dict[str, Any], encode: Any, message: str | None) -> None:
    answer = ask("import", definition, text=as_sent(encode(_text(answers(definition, note=PASTED)))))
    assert [p["message"] for p in answer["problems"]] == ([] if message is None else [message])


def test_one_unreadable_file_in_a_merge_is_named_and_left_out(definition: dict[str, Any]) -> None:
    good = _text(answers(definition, "Bob")).encode("utf-8")
    latin = _text(answers(definition, "Ann", "caf\xe9")).encode("latin-1")
    docx = b"PK\x03\x04" + bytes(range(256)) * 4
    files = [{"name": "latin.json", **as_sent(latin)}, {"name": "report.docx", **as_sent(docx)},
             {"name": "bob.json", **as_sent(good)}]
    merged = ask("aggregate", definition, files=json.dumps(files))
    assert merged["ok"] and [p["name"] for p in merged["result"]["respondents"]] == ["Bob"]
    assert [(f["name"], [p["message"] for p in f["problems"]]) for f in merged["files"]] == [
        ("latin.json", ["not UTF-8 text; save the file as UTF-8"]),
        ("report.docx", ["a zip file, such as a Word document, not an answers file; choose the answers file (.json) "
                         "you exported"]),
        ("bob.json", [])]
    assert merged["result"]["summary"] == "1 file merged; 2 left out (see Files left out)."


def test_a_comparison_reads_a_utf16_file(definition: dict[str, Any]) -> None:
    text = _text(answers(definition))
    utf16 = as_sent(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    answer = ask("compare", definition, before=utf16, after=as_sent(text.encode("utf-8")))
    assert answer["ok"], answer["problems"]


SAME = "the same answers as another file ({}), so counted once"


def test_the_same_file_twice_is_one_person_on_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                               definition: dict[str, Any]) -> None:
    path, other = tmp_path / "p.json", tmp_path / "q.json"
    path.write_text(_text(answers(definition, "Ann")), encoding="utf-8")
    other.write_text(_text(answers(definition, "Bob")), encoding="utf-8")
    status, out, err = run(capsys, "aggregate", str(path), str(other), str(path), "--json")
    result = json.loads(out)
    assert (status, err) == (0, f"{path}: {SAME.format(path)}\n")
    assert [p["name"] for p in result["respondents"]] == ["Ann", "Bob"]
    assert result["skipped"] == [{"file": str(path), "problems": [
        {"path": "(file)", "message": SAME.format(path), "field": None}]}]
    assert json.loads(run(capsys, "aggregate", str(path), str(path), "--json", "--anonymous")[1])["skipped"] == [
        {"file": "File 2", "problems": [{"path": "(file)", "message": SAME.format("File 1"), "field": None}]}]


def test_the_same_answers_twice_are_one_person_in_the_browser(definition: dict[str, Any]) -> None:
    doc = answers(definition, "Ann")
    saved_later = {**doc, "saved_at": "2026-05-01T10:00:00Z"}  # when it was saved does not make another person
    files = [{"name": "ann.json", "text": _text(doc)}, {"name": "ann (1).json", "text": _text(saved_later)}]
    merged = ask("aggregate", definition, files=json.dumps(files))
    assert [p["name"] for p in merged["result"]["respondents"]] == ["Ann"]
    assert [f["problems"] for f in merged["files"]] == [
        [], [{"path": "(file)", "message": SAME.format("ann.json"), "field": None}]]
    welsh = ask("aggregate", {**definition, "lang": "cy"}, files=json.dumps(files))
    assert welsh["files"][1]["problems"][0]["message"] == (
        "yr un atebion ag un o'r ffeiliau eraill (ann.json), felly wedi'u cyfrif unwaith")


def test_a_key_given_twice_is_refused_on_the_command_line_and_in_the_browser(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, definition: dict[str, Any]) -> None:
    text = '{"format": "x",' + json.dumps(answers(definition))[1:]
    path = tmp_path / "twice.json"
    path.write_text(text, encoding="utf-8")
    message = 'the key "format" is given more than once in one object; keep one of them'
    assert run(capsys, "validate", str(path)) == (2, "", f"{path}: {message}\n")
    assert [p["message"] for p in ask("import", definition, text=text)["problems"]] == [message]
