"""The command line's output and input: its words in the language asked for, writing that reports a full disk or
a closed pipe, one problem formatter, and reading an answers file with the browser's one rule."""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.checks import Checker, quote
from obc_assess.core.form_copy import read
from obc_assess.core.jsontext import MAX_BYTES, decode, parse, too_large
from obc_assess.core.languages import DEFAULT
from obc_assess.core.problem import FILE, Problem
from obc_assess.core.typed_text import shown
from obc_assess.host.output import input_named, write_whole

USAGE_ERROR = 2  # invalid input, as argparse uses for a bad command line
DATA_ERROR = 1  # the toolkit's own data is broken: not the user's fault
# A spreadsheet written to a file starts with a byte order mark, so Excel reads it as UTF-8 (Welsh letters: ŵ, ŷ).
BOM = "\ufeff"
# The language of the words printed, until the command line is read (messages before then are argparse's).
_lang = DEFAULT


def use_lang(lang: str) -> None:
    """Print the command line's words in ``lang`` from now on (main sets it from --lang)."""
    global _lang
    _lang = lang


def say(key: str, **values: object) -> str:
    """One of the command line's words, in the language asked for (--lang)."""
    return text(_lang, f"core.cli-{key}", **values)


class OutputFailed(Exception):
    """Standard output or error could not be written (a full disk, /dev/full, a closed pipe)."""


def write(text: str, stream: Any = None) -> None:
    # Bytes, not text: the same UTF-8 and newlines on every platform, so output matches the browser's exactly.
    # A file name that is not UTF-8 reaches us as lone surrogates (PEP 383): they are shown as \udcxx escapes.
    out = stream or sys.stdout
    try:
        out.flush()
        out.buffer.write(shown(text).encode("utf-8", "backslashreplace"))
        out.flush()
    except OSError as error:
        raise OutputFailed(error.strerror or str(error)) from None


def write_bytes(name: str, data: bytes, failed: str = "cannot-write-report") -> int:
    """Bytes (a Word document, or carried-forward answers) to the file named (or to standard output for "-");
    one line (``failed``'s words) if it cannot be written."""
    if name == "-":
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        except OSError as error:
            raise OutputFailed(error.strerror or str(error)) from None
        return 0
    try:
        write_whole(name, data)  # all or nothing: a write cut short leaves the old file whole
    except OSError as error:
        return errors([say(failed, name=name, reason=error.strerror or error)])
    except ValueError:  # a name with a NUL character
        return errors([say(failed, name=name, reason=say("not-a-file-name"))])
    return 0


def over_an_input(args: argparse.Namespace) -> str | None:
    """Why the file the command would write is refused (it is one of the command's inputs), or None."""
    output = getattr(args, "docx", None) or (args.output if args.command == "carry-forward" else None)
    inputs = [getattr(args, key) for key in ("file", "before", "after") if hasattr(args, key)]
    found = input_named(output, [*inputs, *getattr(args, "files", [])]) if output else None
    return None if found is None else say("output-is-input", name=output, input=found)


def errors(lines: list[str]) -> int:
    write("".join(f"{line}\n" for line in lines), sys.stderr)
    return USAGE_ERROR


def named(name: str, problems: list[Problem]) -> list[Problem]:
    """The problems, each naming the file it is in (a problem that names its own file keeps it)."""
    return [p if p.file else p.in_file(name) for p in problems]


def problem_lines(name: str, problems: list[Problem]) -> list[str]:
    """The CLI's one problem formatter: each problem's text form, naming the file it is in."""
    return list(map(str, named(name, problems)))


def dump(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def unknown(aid: str) -> int:
    return errors([f"obc-assess: {say('no-assessment', id=quote(aid))}"])


def load(name: str, definitions: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], Any] | list[Problem]:
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
        return [Problem(FILE, say("cannot-read", reason=error.strerror or error), name)]
    except ValueError:  # a name with a NUL character
        return [Problem(FILE, say("cannot-read", reason=say("not-a-file-name")), name)]
    if len(raw) > MAX_BYTES:  # the same words as the browser's; a pipe or device has no size to give
        return [Problem(FILE, too_large(info.st_size if stat.S_ISREG(info.st_mode) else None, lang=_lang), name)]
    text, problems = decode(raw, FILE, _lang)  # the one rule, the browser's too (api.call)
    doc, problems = (None, problems) if text is None else parse(text, FILE, lang=_lang)
    if problems:
        return named(name, problems)
    if not isinstance(doc, dict):
        return [Problem(FILE, say("not-object", kind=Checker.kind(doc)), name)]
    aid = doc.get("assessment")
    if not isinstance(aid, str):
        return [Problem("assessment", say("assessment-missing"), name)]
    if aid not in definitions:
        return [Problem("assessment", say("no-assessment", id=quote(aid)), name)]
    # A form copy (the page's fields, exported without Python) is read as the answers document it describes.
    doc, problems = read(definitions[aid], doc)
    if problems:
        return named(name, problems)
    return definitions[aid], doc
