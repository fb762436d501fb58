"""The obc-assess command: list, describe, template, validate, score, review, report, aggregate, compare and
carry-forward from a terminal."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import stat
import sys
from typing import Any

from obc_assess.core.carry import carry_forward
from obc_assess.core.catalogue import text
from obc_assess.core.checks import Checker, quote
from obc_assess.core.compare import CompareError, compare
from obc_assess.core.form_copy import read
from obc_assess.core.jsontext import MAX_BYTES, decode, parse, too_large
from obc_assess.core.languages import DEFAULT, LANGUAGES
from obc_assess.core.problem import FILE, Problem
from obc_assess.core.render import to_csv, to_json, to_markdown
from obc_assess.core.report import result_docx
from obc_assess.core.report_compare import compare_docx, compare_markdown
from obc_assess.core.report_team import team_csv, team_docx, team_markdown
from obc_assess.core.responses import ResponsesError, template, validate
from obc_assess.core.scoring import score
from obc_assess.core.team import aggregate, file_label, repeated, same_answers, with_skipped
from obc_assess.core.typed_text import shown, tidy
from obc_assess.host.building import build_all
from obc_assess.host.loader import DataError, load_data
from obc_assess.host.output import input_named, write_whole

USAGE_ERROR = 2  # invalid input, as argparse uses for a bad command line
DATA_ERROR = 1  # the toolkit's own data is broken: not the user's fault
# A spreadsheet written to a file starts with a byte order mark, so Excel reads it as UTF-8 (Welsh letters: ŵ, ŷ).
BOM = "\ufeff"
# The language of the words printed, until the command line is read (messages before then are argparse's).
_lang = DEFAULT


def _t(key: str, **values: object) -> str:
    """One of the command line's words, in the language asked for (--lang)."""
    return text(_lang, f"core.cli-{key}", **values)


class _OutputFailed(Exception):
    """Standard output or error could not be written (a full disk, /dev/full, a closed pipe)."""


def _write(text: str, stream: Any = None) -> None:
    # Bytes, not text: the same UTF-8 and newlines on every platform, so output matches the browser's exactly.
    # A file name that is not UTF-8 reaches us as lone surrogates (PEP 383): they are shown as \udcxx escapes.
    out = stream or sys.stdout
    try:
        out.flush()
        out.buffer.write(shown(text).encode("utf-8", "backslashreplace"))
        out.flush()
    except OSError as error:
        raise _OutputFailed(error.strerror or str(error)) from None


def _write_bytes(name: str, data: bytes, failed: str = "cannot-write-report") -> int:
    """Bytes (a Word document, or carried-forward answers) to the file named (or to standard output for "-");
    one line (``failed``'s words) if it cannot be written."""
    if name == "-":
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        except OSError as error:
            raise _OutputFailed(error.strerror or str(error)) from None
        return 0
    try:
        write_whole(name, data)  # all or nothing: a write cut short leaves the old file whole
    except OSError as error:
        return _errors([_t(failed, name=name, reason=error.strerror or error)])
    except ValueError:  # a name with a NUL character
        return _errors([_t(failed, name=name, reason=_t("not-a-file-name"))])
    return 0


def _over_an_input(args: argparse.Namespace) -> str | None:
    """Why the file the command would write is refused (it is one of the command's inputs), or None."""
    output = getattr(args, "docx", None) or (args.output if args.command == "carry-forward" else None)
    inputs = [getattr(args, key) for key in ("file", "before", "after") if hasattr(args, key)]
    found = input_named(output, [*inputs, *getattr(args, "files", [])]) if output else None
    return None if found is None else _t("output-is-input", name=output, input=found)


def _errors(lines: list[str]) -> int:
    _write("".join(f"{line}\n" for line in lines), sys.stderr)
    return USAGE_ERROR


def _named(name: str, problems: list[Problem]) -> list[Problem]:
    """The problems, each naming the file it is in (a problem that names its own file keeps it)."""
    return [p if p.file else p.in_file(name) for p in problems]


def _problem_lines(name: str, problems: list[Problem]) -> list[str]:
    """The CLI's one problem formatter: each problem's text form, naming the file it is in."""
    return list(map(str, _named(name, problems)))


def _dump(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _unknown(aid: str) -> int:
    return _errors([f"obc-assess: {_t('no-assessment', id=quote(aid))}"])


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
    extra = [value for value, on in ((_t("level-na"), scale["na"]), (_t("level-unknown"), scale["unknown"])) if on]
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
             "scopes": i["scopes"], "optional": i["optional"], "scale": i.get("scale", d["scale"]["id"]),
             # Whether "na" is an answer here: not where the source expects the item of every authority.
             "na": i["na"]}
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
    lines = [_t("describe-head", id=d["id"], title=d["title"], kind=d["kind"], version=d["version"]),
             _t("describe-levels", levels=_levels_text(info["scale"]))]
    lines += [_t("describe-levels-on", scale=sid, levels=_levels_text(scale))
              for sid, scale in info["other_scales"].items()]
    if d["asks_model"]:
        lines.append(_t("describe-context"))
    if info["scope"]:
        lines.append(_t("describe-scope", options=", ".join(info["scope"])))
    if info["classes"]:
        lines.append(_t("describe-classes", classes=", ".join(f"{c['id']} ({c['label']})" for c in info["classes"])))
    optional = _t("tag-optional")
    for section in info["sections"]:
        lines.append(f"\n{section['title']} [{section['id']}]{f' ({optional})' if section['optional'] else ''}")
        for i in section["items"]:
            tags = [_t("tag-weight", weight=i["weight"])] if i["weight"] != 1 else []
            if len(i["models"]) < len(d["models"]):
                tags.append(_t("tag-models", models=", ".join(map(str, i["models"]))))
            tags += [note["label"] + ("" if note["weight"] is None else ", " + _t("tag-weight", weight=note["weight"]))
                     for note in (i["model_notes"] if d["asks_model"] else [])]
            if info["scope"] and len(i["scopes"]) < len(info["scope"]):
                tags.append(_t("tag-scope", scopes=", ".join(i["scopes"])))
            tags += [optional] if i["optional"] else []
            tags += [_t("tag-scale", scale=i["scale"])] if i["scale"] in info["other_scales"] else []
            scale = info["other_scales"].get(i["scale"], info["scale"])
            tags += [_t("tag-no-na")] if scale["na"] and not i["na"] else []
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


def _load(name: str, definitions: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], Any] | list[Problem]:
    """The definition a responses file is for and the file's value, or the problems saying why not (each naming
    the file)."""
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
        return [Problem(FILE, _t("cannot-read", reason=error.strerror or error), name)]
    except ValueError:  # a name with a NUL character
        return [Problem(FILE, _t("cannot-read", reason=_t("not-a-file-name")), name)]
    if len(raw) > MAX_BYTES:  # the same words as the browser's; a pipe or device has no size to give
        return [Problem(FILE, too_large(info.st_size if stat.S_ISREG(info.st_mode) else None, lang=_lang), name)]
    text, problems = decode(raw, FILE, _lang)  # the one rule, the browser's too (api.call)
    doc, problems = (None, problems) if text is None else parse(text, FILE, lang=_lang)
    if problems:
        return _named(name, problems)
    if not isinstance(doc, dict):
        return [Problem(FILE, _t("not-object", kind=Checker.kind(doc)), name)]
    aid = doc.get("assessment")
    if not isinstance(aid, str):
        return [Problem("assessment", _t("assessment-missing"), name)]
    if aid not in definitions:
        return [Problem("assessment", _t("no-assessment", id=quote(aid)), name)]
    # A form copy (the page's fields, exported without Python) is read as the answers document it describes.
    doc, problems = read(definitions[aid], doc)
    if problems:
        return _named(name, problems)
    return definitions[aid], doc


def cmd_validate(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    loaded = _load(args.file, definitions)
    if isinstance(loaded, list):
        return _errors(_problem_lines(args.file, loaded))
    definition, doc = loaded
    problems = validate(definition, doc)
    if problems:
        return _errors(_problem_lines(args.file, problems))
    _write(_t("valid", name=args.file) + "\n")
    if doc["assessment_version"] != definition["version"]:
        _write(_t("old-version", name=args.file, version=quote(doc["assessment_version"]), id=definition["id"],
                  now=definition["version"]) + "\n", sys.stderr)
    return 0


def cmd_score(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    loaded = _load(args.file, definitions)
    if isinstance(loaded, list):
        return _errors(_problem_lines(args.file, loaded))
    definition, doc = loaded
    try:
        result = score(definition, doc)
    except ResponsesError as error:
        return _errors(_problem_lines(args.file, error.problems))
    if getattr(args, "docx", None):
        return _write_bytes(args.docx, result_docx(result))
    _write({"csv": _spreadsheet(to_csv), "markdown": to_markdown}.get(args.output, to_json)(result))
    return 0


def cmd_carry(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    """Last year's file into a new answers file for this year (carry.py); the notice goes to standard error."""
    loaded = _load(args.file, definitions)
    if isinstance(loaded, list):
        return _errors(_problem_lines(args.file, loaded))
    definition, doc = loaded
    try:
        new, _, said = carry_forward(definition, doc)
    except ResponsesError as error:
        return _errors(_problem_lines(args.file, error.problems))
    status = _write_bytes(args.output, shown(_dump(new)).encode("utf-8"), "cannot-write-file")
    if status == 0:
        _write(said + "\n", sys.stderr)
    return status


def cmd_review(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    """A file's review state (review_result.py): its line, provisional band, rounds and challenges; or as JSON."""
    loaded = _load(args.file, definitions)
    if isinstance(loaded, list):
        return _errors(_problem_lines(args.file, loaded))
    try:
        review = score(*loaded)["review"]
    except ResponsesError as error:
        return _errors(_problem_lines(args.file, error.problems))
    if args.json:
        _write(to_json(review))
        return 0
    lines = [review["line"], *([review["provisional_words"]] if review["provisional"] else [])]
    lines += [_t("review-round", round=one["round"], reviewer=one["reviewer"], date=one["date_label"])
              for one in review["history"]]
    for one in review["challenges"]:
        lines += [_t("review-item", title=one["title"], state=one["state_label"]),
                  "  " + _t("review-comment", comment=tidy(one["comment"]))]
        if one["response"]:
            lines.append("  " + _t("review-response", date=one["response_date_label"], response=tidy(one["response"])))
    _write("".join(f"{line}\n" for line in lines))
    return 0


def _spreadsheet(render: Any) -> Any:
    """A CSV renderer whose text starts with the byte order mark Excel needs to read UTF-8."""
    return lambda result: BOM + render(result)


def cmd_aggregate(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    loaded = [_load(name, definitions) for name in args.files]
    # The first valid file decides the assessment; every other file must be for the same one.
    definition = next((one[0] for one in loaded if not isinstance(one, list) and not validate(*one)), None)
    lines: list[str] = []
    skipped: list[dict[str, Any]] = []
    docs: list[tuple[str, Any]] = []
    seen: dict[str, int] = {}  # each set of answers (team.same_answers) -> the first file that has it
    for n, (name, one) in enumerate(zip(args.files, loaded, strict=True), start=1):
        if isinstance(one, list):  # unreadable: the problems say why; the team result lists them without the file
            found = [Problem(p.path, p.message, None, p.field).to_dict() for p in one]
            lines += _problem_lines(name, one)
        else:
            problems = validate(definition or one[0], one[1])
            first = n if problems else seen.setdefault(same_answers(one[1]), n)
            if first != n:  # the same file twice is one person, counted once
                problems = [repeated(args.files[first - 1], first, args.anonymous, args.lang)]
            if not problems:
                docs.append((name, one[1]))
                continue
            found = [p.to_dict() for p in problems]
            lines += _problem_lines(name, problems)
        skipped.append({"file": file_label(name, n, args.anonymous, args.lang), "problems": found})
    if definition is None:
        return _errors(lines)
    # Every file left out, in order, as the browser lists them.
    result = with_skipped(aggregate(definition, docs, args.anonymous, checked=True), skipped)
    _write("".join(f"{line}\n" for line in lines), sys.stderr)
    if args.docx:
        return _write_bytes(args.docx, team_docx(result))
    _write({"json": to_json, "csv": _spreadsheet(team_csv)}.get(args.output, team_markdown)(result))
    return 0


def cmd_compare(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    before, after = _load(args.before, definitions), _load(args.after, definitions)
    lines = [*(_problem_lines(args.before, before) if isinstance(before, list) else []),
             *(_problem_lines(args.after, after) if isinstance(after, list) else [])]
    if isinstance(before, list) or isinstance(after, list):
        return _errors(lines)
    definition = after[0]  # the after file's assessment, as it is now; the before file must be for it too
    try:
        result = compare(definition, before[1], after[1], (args.before, args.after))
    except CompareError as error:
        return _errors(_problem_lines("", error.problems))
    for removed in result["removed"]:
        where = Checker.key(removed["part"], removed["id"])
        _write(_t("compare-removed", file=removed["file"], where=where, id=definition["id"]) + "\n", sys.stderr)
    for warning in result["warnings"]:
        _write(_t("warning", message=warning["message"]) + "\n", sys.stderr)
    if args.docx:
        return _write_bytes(args.docx, compare_docx(result))
    _write(to_json(result) if args.json else compare_markdown(result))
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line: one subcommand each for list, describe, template, validate, score, report, aggregate,
    compare, carry-forward; its help in the language asked for (argparse's own words, "usage:" and the like, stay
    English)."""
    top = argparse.ArgumentParser(prog="obc-assess", description=_t("help-description"))
    # --lang goes before the command or after it (read first, so the help and messages follow it too).
    top.add_argument("--lang", choices=LANGUAGES, default=DEFAULT, help=_t("help-lang"))
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    lang = argparse.ArgumentParser(add_help=False)
    lang.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=_t("help-lang"))

    def command(name: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=_t(f"help-{name}"), parents=[lang])

    cmd = command("list")
    cmd.add_argument("--json", action="store_true", help=_t("help-as-json"))
    cmd.set_defaults(run=cmd_list)
    cmd = command("describe")
    cmd.add_argument("id", help=_t("help-id"))
    cmd.add_argument("--json", action="store_true", help=_t("help-as-json"))
    cmd.set_defaults(run=cmd_describe)
    cmd = command("template")
    cmd.add_argument("id", help=_t("help-id"))
    cmd.add_argument("--model", type=int, choices=(1, 2, 3), help=_t("help-model"))
    cmd.add_argument("--scope", help=_t("help-scope"))
    cmd.set_defaults(run=cmd_template)
    cmd = command("validate")
    cmd.add_argument("file", help=_t("help-file"))
    cmd.set_defaults(run=cmd_validate)
    cmd = command("score")
    cmd.add_argument("file", help=_t("help-file"))
    form = cmd.add_mutually_exclusive_group()
    for name in ("json", "csv", "markdown"):
        form.add_argument(f"--{name}", dest="output", action="store_const", const=name, help=_t(f"help-score-{name}"))
    cmd.set_defaults(run=cmd_score)
    cmd = command("review")
    cmd.add_argument("file", help=_t("help-file"))
    cmd.add_argument("--json", action="store_true", help=_t("help-as-json"))
    cmd.set_defaults(run=cmd_review)
    cmd = command("report")
    cmd.add_argument("file", help=_t("help-file"))
    cmd.add_argument("--docx", metavar="OUT", help=_t("help-report-docx"))
    cmd.set_defaults(run=cmd_score, output="markdown")
    cmd = command("aggregate")
    cmd.add_argument("files", nargs="+", metavar="FILE", help=_t("help-files"))
    form = cmd.add_mutually_exclusive_group()
    for name in ("json", "csv"):
        form.add_argument(f"--{name}", dest="output", action="store_const", const=name,
                          help=_t(f"help-aggregate-{name}"))
    form.add_argument("--docx", metavar="OUT", help=_t("help-aggregate-docx"))
    cmd.add_argument("--anonymous", action="store_true", help=_t("help-anonymous"))
    cmd.set_defaults(run=cmd_aggregate)
    cmd = command("compare")
    cmd.add_argument("before", metavar="BEFORE", help=_t("help-before"))
    cmd.add_argument("after", metavar="AFTER", help=_t("help-after"))
    form = cmd.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help=_t("help-compare-json"))
    form.add_argument("--docx", metavar="OUT", help=_t("help-compare-docx"))
    cmd.set_defaults(run=cmd_compare)
    cmd = command("carry-forward")
    cmd.add_argument("file", metavar="LAST", help=_t("help-carry-last"))
    cmd.add_argument("-o", "--output", metavar="NEW", default="-", help=_t("help-carry-output"))
    cmd.set_defaults(run=cmd_carry)
    return top


def _asked_lang(argv: list[str]) -> str:
    """The --lang given, read before the parser is built (so its help is in that language); else English."""
    for n, arg in enumerate(argv):
        value = argv[n + 1] if arg == "--lang" and n + 1 < len(argv) else arg.removeprefix("--lang=")
        if (arg == "--lang" or arg.startswith("--lang=")) and value in LANGUAGES:
            return value
    return DEFAULT


def main(argv: list[str] | None = None) -> int:
    """Run the command line; the exit status: 0 done, 2 invalid input, 1 the toolkit's data is broken."""
    global _lang
    _lang = _asked_lang(sys.argv[1:] if argv is None else argv)
    args = parser().parse_args(argv)
    _lang = args.lang
    refused = _over_an_input(args)  # before any work: the input must still be there to put right
    if refused:
        return _errors([refused])
    try:
        data = load_data(lang=args.lang)
    except DataError as error:
        _write("".join(_t("toolkit-data", line=line) + "\n" for line in _problem_lines("", error.problems)),
               sys.stderr)
        return DATA_ERROR
    try:
        return int(args.run(args, build_all(data)))
    except _OutputFailed as error:
        # Nothing more can go to standard output: point it at nothing, so Python's exit flush stays silent too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        with contextlib.suppress(OSError):
            sys.stderr.buffer.write((_t("cannot-write-output", reason=error) + "\n").encode())
            sys.stderr.flush()
        return USAGE_ERROR
