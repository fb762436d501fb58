"""The obc-assess command: list, describe, template, validate, score, report, aggregate and compare from a terminal."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import stat
import sys
from typing import Any

from obc_assess.checks import Checker, quote
from obc_assess.compare import CompareError, compare
from obc_assess.definition import build_all
from obc_assess.form_copy import read
from obc_assess.jsontext import MAX_BYTES, parse, too_large
from obc_assess.loader import DataError, load_data
from obc_assess.render import to_csv, to_json, to_markdown
from obc_assess.report_docx import result_docx
from obc_assess.report_docx_team import compare_docx, team_docx
from obc_assess.report_team import compare_markdown, team_csv, team_markdown
from obc_assess.responses import Problem, ResponsesError, template, validate
from obc_assess.scoring import score
from obc_assess.team import aggregate, file_label, with_skipped

USAGE_ERROR = 2  # invalid input, as argparse uses for a bad command line
DATA_ERROR = 1  # the toolkit's own data is broken: not the user's fault


class _OutputFailed(Exception):
    """Standard output or error could not be written (a full disk, /dev/full, a closed pipe)."""


def _write(text: str, stream: Any = None) -> None:
    # Bytes, not text: the same UTF-8 and newlines on every platform, so output matches the browser's exactly.
    # A file name that is not UTF-8 reaches us as lone surrogates (PEP 383): they are shown as \udcxx escapes.
    out = stream or sys.stdout
    try:
        out.flush()
        out.buffer.write(text.encode("utf-8", "backslashreplace"))
        out.flush()
    except OSError as error:
        raise _OutputFailed(error.strerror or str(error)) from None


def _write_docx(name: str, data: bytes) -> int:
    """A Word document to the file named (or to standard output for "-"); one line if it cannot be written."""
    if name == "-":
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        except OSError as error:
            raise _OutputFailed(error.strerror or str(error)) from None
        return 0
    try:
        with open(name, "wb") as file:
            file.write(data)
    except OSError as error:
        return _errors([f"{name}: cannot write the report ({error.strerror or error})"])
    except ValueError:  # a name with a NUL character
        return _errors([f"{name}: cannot write the report (not a valid file name)"])
    return 0


def _errors(lines: list[str]) -> int:
    _write("".join(f"{line}\n" for line in lines), sys.stderr)
    return USAGE_ERROR


def _problem_lines(name: str, problems: list[Problem]) -> list[str]:
    return [f"{name}: {p.message}" if p.path == "(file)" else f"{name}: {p}" for p in problems]


def _dump(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _unknown(aid: str) -> int:
    return _errors([f"obc-assess: no assessment {quote(aid)}; run 'obc-assess list' to see the ids"])


def cmd_list(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    rows = [{"id": d["id"], "title": d["title"], "kind": d["kind"], "version": d["version"]}
            for d in definitions.values()]
    if args.json:
        _write(_dump(rows))
    else:
        width = max((len(r["id"]) for r in rows), default=0)
        _write("".join(f"{r['id']:<{width}}  {r['kind']:<14}  {r['title']}\n" for r in rows))
    return 0


def _levels(scale: dict[str, Any]) -> dict[str, Any]:
    return {"levels": [{"value": lv["value"], "label": lv["label"]} for lv in scale["levels"]],
            "na": scale["na"], "unknown": scale["unknown"]}


def _levels_text(scale: dict[str, Any]) -> str:
    extra = [value for value, on in (('"na" (not applicable)', scale["na"]), ('"unknown" (don\'t know)',
                                                                               scale["unknown"])) if on]
    return ", ".join([f"{lv['value']} {lv['label']}" for lv in scale["levels"]] + extra)


def _description(d: dict[str, Any]) -> dict[str, Any]:
    scales = d.get("scales") or {d["scale"]["id"]: d["scale"]}
    return {
        "id": d["id"], "title": d["title"], "kind": d["kind"], "version": d["version"],
        "asks_model": d["asks_model"],
        "scope": None if d["scope"] is None else [o["id"] for o in d["scope"]["options"]],
        "scale": _levels(d["scale"]),
        # Items asked on another scale than the assessment's name it (issue 10 point 4).
        "other_scales": {sid: _levels(scale) for sid, scale in scales.items() if sid != d["scale"]["id"]},
        "classes": None if d["classification"] is None else [
            {"id": c["id"], "label": c["label"]} for c in d["classification"]["classes"]],
        "sections": [{"id": s["id"], "title": s["title"], "optional": s["optional"], "items": [
            {"id": i["id"], "title": i["title"], "weight": i["weight"], "models": i["models"],
             "model_notes": [{k: n[k] for k in ("models", "label", "weight")} for n in i["model_notes"]],
             "scopes": i["scopes"], "optional": i["optional"], "scale": i.get("scale", d["scale"]["id"])}
            for i in s["items"]]} for s in d["sections"]],
    }


def cmd_describe(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    d = definitions.get(args.id)
    if d is None:
        return _unknown(args.id)
    info = _description(d)
    if args.json:
        _write(_dump(info))
        return 0
    lines = [f"{d['id']}: {d['title']} ({d['kind']}, version {d['version']})",
             "Levels: " + _levels_text(info["scale"])]
    lines += [f"Levels on the {sid} scale: " + _levels_text(scale) for sid, scale in info["other_scales"].items()]
    if d["asks_model"]:
        lines.append("Context: model 1, 2, 3 or null (not decided)")
    if info["scope"]:
        lines.append("Scope: " + ", ".join(info["scope"]) + " or null (both, or not sure)")
    if info["classes"]:
        lines.append("Classes: " + ", ".join(f"{c['id']} ({c['label']})" for c in info["classes"]))
    for section in info["sections"]:
        lines.append(f"\n{section['title']} [{section['id']}]{' (optional)' if section['optional'] else ''}")
        for i in section["items"]:
            tags = [f"weight {i['weight']}"] if i["weight"] != 1 else []
            if len(i["models"]) < len(d["models"]):
                tags.append(f"models {', '.join(map(str, i['models']))}")
            tags += [note["label"] + ("" if note["weight"] is None else f", weight {note['weight']}")
                     for note in (i["model_notes"] if d["asks_model"] else [])]
            if info["scope"] and len(i["scopes"]) < len(info["scope"]):
                tags.append(f"scope {', '.join(i['scopes'])}")
            tags += ["optional"] if i["optional"] else []
            tags += [f"{i['scale']} scale"] if i["scale"] in info["other_scales"] else []
            lines.append(f"  {i['id']}: {i['title']}" + (f" ({'; '.join(tags)})" if tags else ""))
    _write("\n".join(lines) + "\n")
    return 0


def cmd_template(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    d = definitions.get(args.id)
    if d is None:
        return _unknown(args.id)
    try:
        _write(_dump(template(d, args.model, args.scope)))
    except ResponsesError as error:
        return _errors(_problem_lines("obc-assess", error.problems))
    return 0


def _load(name: str, definitions: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], Any] | list[str]:
    """The definition a responses file is for and the file's value, or the lines saying why not."""
    try:
        # Opened without waiting (a FIFO nobody writes to would block the open), then read to at most one byte
        # past the limit (a FIFO that never ends, or /dev/zero, must not hang).
        nonblock = getattr(os, "O_NONBLOCK", 0)  # POSIX only; Windows has no FIFOs of this kind
        fd = os.open(name, os.O_RDONLY | nonblock | getattr(os, "O_BINARY", 0))
        if nonblock:
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as file:
            raw = file.read(MAX_BYTES + 1)
            info = os.fstat(file.fileno())
    except OSError as error:
        return [f"{name}: cannot read the file ({error.strerror or error})"]
    except ValueError:  # a name with a NUL character
        return [f"{name}: cannot read the file (not a valid file name)"]
    if len(raw) > MAX_BYTES:  # the same words as the browser's; a pipe or device has no size to give
        return [f"{name}: {too_large(info.st_size if stat.S_ISREG(info.st_mode) else None)}"]
    try:
        text = raw.decode("utf-8-sig")  # a byte order mark, as some Windows editors write, is harmless
    except UnicodeDecodeError:
        return [f"{name}: not UTF-8 text; save the file as UTF-8"]
    doc, problems = parse(text, "(file)")
    if problems:
        return _problem_lines(name, problems)
    if not isinstance(doc, dict):
        kind = Checker.kind(doc)
        return [f"{name}: must be a JSON object ({{...}}) holding a responses document, not {kind}"]
    aid = doc.get("assessment")
    if not isinstance(aid, str):
        return [f'{name}: assessment: missing or not text; add "assessment": "<id>" '
                "(run 'obc-assess list' to see the ids)"]
    if aid not in definitions:
        return [f"{name}: assessment: no assessment {quote(aid)}; run 'obc-assess list' to see the ids"]
    # A form copy (the page's fields, exported without Python) is read as the answers document it describes.
    doc, problems = read(definitions[aid], doc)
    if problems:
        return _problem_lines(name, problems)
    return definitions[aid], doc


def cmd_validate(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    loaded = _load(args.file, definitions)
    if isinstance(loaded, list):
        return _errors(loaded)
    definition, doc = loaded
    problems = validate(definition, doc)
    if problems:
        return _errors(_problem_lines(args.file, problems))
    _write(f"{args.file}: valid\n")
    if doc["assessment_version"] != definition["version"]:
        _write(f"{args.file}: note: written for version {quote(doc['assessment_version'])} of "
               f"{definition['id']}, which is now version {definition['version']}; "
               "some items may have changed\n", sys.stderr)
    return 0


def cmd_score(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    loaded = _load(args.file, definitions)
    if isinstance(loaded, list):
        return _errors(loaded)
    definition, doc = loaded
    try:
        result = score(definition, doc)
    except ResponsesError as error:
        return _errors(_problem_lines(args.file, error.problems))
    if getattr(args, "docx", None):
        return _write_docx(args.docx, result_docx(result))
    _write({"csv": to_csv, "markdown": to_markdown}.get(args.output, to_json)(result))
    return 0


def cmd_aggregate(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    loaded = [_load(name, definitions) for name in args.files]
    # The first valid file decides the assessment; every other file must be for the same one.
    definition = next((one[0] for one in loaded if not isinstance(one, list) and not validate(*one)), None)
    lines: list[str] = []
    skipped: list[dict[str, Any]] = []
    docs: list[tuple[str, Any]] = []
    for n, (name, one) in enumerate(zip(args.files, loaded, strict=True), start=1):
        if isinstance(one, list):  # unreadable: the lines say why
            found = [{"path": "(file)", "message": line.removeprefix(f"{name}: "), "field": None} for line in one]
            lines += one
        else:
            problems = validate(definition or one[0], one[1])
            if not problems:
                docs.append((name, one[1]))
                continue
            found = [p.to_dict() for p in problems]
            lines += _problem_lines(name, problems)
        skipped.append({"file": file_label(name, n, args.anonymous), "problems": found})
    if definition is None:
        return _errors(lines)
    # Every file left out, in order, as the browser lists them.
    result = with_skipped(aggregate(definition, docs, args.anonymous, checked=True), skipped)
    _write("".join(f"{line}\n" for line in lines), sys.stderr)
    if args.docx:
        return _write_docx(args.docx, team_docx(result))
    _write({"json": to_json, "csv": team_csv}.get(args.output, team_markdown)(result))
    return 0


def cmd_compare(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    before, after = _load(args.before, definitions), _load(args.after, definitions)
    lines = [*(before if isinstance(before, list) else []), *(after if isinstance(after, list) else [])]
    if isinstance(before, list) or isinstance(after, list):
        return _errors(lines)
    definition = after[0]  # the after file's assessment, as it is now; the before file must be for it too
    try:
        result = compare(definition, before[1], after[1], (args.before, args.after))
    except CompareError as error:
        return _errors([f"{p['file']}: {p['message']}" if p["path"] == "(file)" else
                        f"{p['file']}: {p['path']}: {p['message']}" for p in error.problems])
    for removed in result["removed"]:
        where = Checker.key(removed["part"], removed["id"])
        _write(f"{removed['file']}: note: {where}: not an item of {definition['id']} any more; "
               "left out of the comparison\n", sys.stderr)
    for warning in result["warnings"]:
        _write(f"warning: {warning['message']}\n", sys.stderr)
    if args.docx:
        return _write_docx(args.docx, compare_docx(result))
    _write(to_json(result) if args.json else compare_markdown(result))
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line: one subcommand each for list, describe, template, validate, score, report, aggregate,
    compare."""
    top = argparse.ArgumentParser(prog="obc-assess", description=(
        "Self-assessments for outcome-based commissioning of social care: blank answer files, "
        "validation and scoring (the same code as the website's forms)."))
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    cmd = sub.add_parser("list", help="the assessments: ids, kinds and titles")
    cmd.add_argument("--json", action="store_true", help="as JSON")
    cmd.set_defaults(run=cmd_list)
    cmd = sub.add_parser("describe", help="an assessment's sections, items and answer scale")
    cmd.add_argument("id", help="the assessment id (see list)")
    cmd.add_argument("--json", action="store_true", help="as JSON")
    cmd.set_defaults(run=cmd_describe)
    cmd = sub.add_parser("template", help="a blank responses file to fill in, on standard output")
    cmd.add_argument("id", help="the assessment id (see list)")
    cmd.add_argument("--model", type=int, choices=(1, 2, 3),
                     help="the model you follow (default: not decided)")
    cmd.add_argument("--scope", help="a scope option id, for assessments that ask one (see describe)")
    cmd.set_defaults(run=cmd_template)
    cmd = sub.add_parser("validate", help="check a responses file and list every problem")
    cmd.add_argument("file", help="the responses file (JSON)")
    cmd.set_defaults(run=cmd_validate)
    cmd = sub.add_parser("score", help="score a responses file")
    cmd.add_argument("file", help="the responses file (JSON)")
    form = cmd.add_mutually_exclusive_group()
    for name, what in (("json", "the full result as JSON (the default)"), ("csv", "a table for spreadsheets"),
                       ("markdown", "a readable report")):
        form.add_argument(f"--{name}", dest="output", action="store_const", const=name, help=what)
    cmd.set_defaults(run=cmd_score)
    cmd = sub.add_parser("report", help="a readable report of a responses file: Markdown, or a Word document")
    cmd.add_argument("file", help="the responses file (JSON)")
    cmd.add_argument("--docx", metavar="OUT", help='write the report as a Word document (.docx) to OUT ("-" for '
                     "standard output)")
    cmd.set_defaults(run=cmd_score, output="markdown")
    cmd = sub.add_parser("aggregate", help="merge several people's answers files into a team summary")
    cmd.add_argument("files", nargs="+", metavar="FILE", help="responses files (JSON), all for one assessment")
    form = cmd.add_mutually_exclusive_group()
    for name, what in (("json", "the full result as JSON"), ("csv", "a table for spreadsheets")):
        form.add_argument(f"--{name}", dest="output", action="store_const", const=name, help=what)
    form.add_argument("--docx", metavar="OUT", help="the team report as a Word document (.docx) to OUT")
    cmd.add_argument("--anonymous", action="store_true", help='call respondents "Respondent 1", "Respondent 2"...')
    cmd.set_defaults(run=cmd_aggregate)
    cmd = sub.add_parser("compare", help="compare two answers files for one assessment: before and after")
    cmd.add_argument("before", metavar="BEFORE", help="the earlier responses file (JSON)")
    cmd.add_argument("after", metavar="AFTER", help="the later responses file (JSON)")
    form = cmd.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="the full result as JSON (default: a readable summary)")
    form.add_argument("--docx", metavar="OUT", help="the summary as a Word document (.docx) to OUT")
    cmd.set_defaults(run=cmd_compare)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the command line; the exit status: 0 done, 2 invalid input, 1 the toolkit's data is broken."""
    args = parser().parse_args(argv)
    try:
        data = load_data()
    except DataError as error:
        _write("".join(f"obc-assess: toolkit data: {line}\n" for line in error.problems), sys.stderr)
        return DATA_ERROR
    try:
        return int(args.run(args, build_all(data)))
    except _OutputFailed as error:
        # Nothing more can go to standard output: point it at nothing, so Python's exit flush stays silent too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        with contextlib.suppress(OSError):
            sys.stderr.buffer.write(f"obc-assess: cannot write the output ({error})\n".encode())
            sys.stderr.flush()
        return USAGE_ERROR
