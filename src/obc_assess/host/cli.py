"""The obc-assess command: list, describe, template, validate, score, review, report, aggregate, compare and
carry-forward from a terminal."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from obc_assess.core.languages import DEFAULT, LANGUAGES
from obc_assess.host.building import build_all
from obc_assess.host.cli_commands import (
    cmd_aggregate,
    cmd_carry,
    cmd_compare,
    cmd_describe,
    cmd_list,
    cmd_review,
    cmd_score,
    cmd_template,
    cmd_validate,
)
from obc_assess.host.cli_io import (
    BOM,
    DATA_ERROR,
    USAGE_ERROR,
    OutputFailed,
    errors,
    over_an_input,
    problem_lines,
    say,
    use_lang,
    write,
)
from obc_assess.host.loader import DataError, load_data

# BOM: the spreadsheet's byte order mark, named here for the tests that read what the command wrote.
__all__ = ["BOM", "load_data", "main", "parser"]


def parser() -> argparse.ArgumentParser:
    """The command line: one subcommand each for list, describe, template, validate, score, report, aggregate,
    compare, carry-forward; its help in the language asked for (argparse's own words, "usage:" and the like, stay
    English)."""
    top = argparse.ArgumentParser(prog="obc-assess", description=say("help-description"))
    # --lang goes before the command or after it (read first, so the help and messages follow it too).
    top.add_argument("--lang", choices=LANGUAGES, default=DEFAULT, help=say("help-lang"))
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    lang = argparse.ArgumentParser(add_help=False)
    lang.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=say("help-lang"))

    def command(name: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=say(f"help-{name}"), parents=[lang])

    cmd = command("list")
    cmd.add_argument("--json", action="store_true", help=say("help-as-json"))
    cmd.set_defaults(run=cmd_list)
    cmd = command("describe")
    cmd.add_argument("id", help=say("help-id"))
    cmd.add_argument("--json", action="store_true", help=say("help-as-json"))
    cmd.set_defaults(run=cmd_describe)
    cmd = command("template")
    cmd.add_argument("id", help=say("help-id"))
    cmd.add_argument("--model", type=int, choices=(1, 2, 3), help=say("help-model"))
    cmd.add_argument("--scope", help=say("help-scope"))
    cmd.set_defaults(run=cmd_template)
    cmd = command("validate")
    cmd.add_argument("file", help=say("help-file"))
    cmd.set_defaults(run=cmd_validate)
    cmd = command("score")
    cmd.add_argument("file", help=say("help-file"))
    form = cmd.add_mutually_exclusive_group()
    for name in ("json", "csv", "markdown"):
        form.add_argument(f"--{name}", dest="output", action="store_const", const=name, help=say(f"help-score-{name}"))
    cmd.set_defaults(run=cmd_score)
    cmd = command("review")
    cmd.add_argument("file", help=say("help-file"))
    cmd.add_argument("--json", action="store_true", help=say("help-as-json"))
    cmd.set_defaults(run=cmd_review)
    cmd = command("report")
    cmd.add_argument("file", help=say("help-file"))
    cmd.add_argument("--docx", metavar="OUT", help=say("help-report-docx"))
    cmd.set_defaults(run=cmd_score, output="markdown")
    cmd = command("aggregate")
    cmd.add_argument("files", nargs="+", metavar="FILE", help=say("help-files"))
    form = cmd.add_mutually_exclusive_group()
    for name in ("json", "csv"):
        form.add_argument(f"--{name}", dest="output", action="store_const", const=name,
                          help=say(f"help-aggregate-{name}"))
    form.add_argument("--docx", metavar="OUT", help=say("help-aggregate-docx"))
    cmd.add_argument("--anonymous", action="store_true", help=say("help-anonymous"))
    cmd.set_defaults(run=cmd_aggregate)
    cmd = command("compare")
    cmd.add_argument("before", metavar="BEFORE", help=say("help-before"))
    cmd.add_argument("after", metavar="AFTER", help=say("help-after"))
    form = cmd.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help=say("help-compare-json"))
    form.add_argument("--docx", metavar="OUT", help=say("help-compare-docx"))
    cmd.set_defaults(run=cmd_compare)
    cmd = command("carry-forward")
    cmd.add_argument("file", metavar="LAST", help=say("help-carry-last"))
    cmd.add_argument("-o", "--output", metavar="NEW", default="-", help=say("help-carry-output"))
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
    use_lang(_asked_lang(sys.argv[1:] if argv is None else argv))
    args = parser().parse_args(argv)
    use_lang(args.lang)
    refused = over_an_input(args)  # before any work: the input must still be there to put right
    if refused:
        return errors([refused])
    try:
        data = load_data(lang=args.lang)
    except DataError as error:
        write("".join(say("toolkit-data", line=line) + "\n" for line in problem_lines("", error.problems)),
               sys.stderr)
        return DATA_ERROR
    try:
        return int(args.run(args, build_all(data)))
    except OutputFailed as error:
        # Nothing more can go to standard output: point it at nothing, so Python's exit flush stays silent too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        with contextlib.suppress(OSError):
            sys.stderr.buffer.write((say("cannot-write-output", reason=error) + "\n").encode())
            sys.stderr.flush()
        return USAGE_ERROR
