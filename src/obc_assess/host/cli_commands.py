"""The command line's commands, one function each: list, describe, template, validate, score (and report), review,
aggregate, compare and carry-forward."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from obc_assess.core.carry import carry_forward
from obc_assess.core.checks import Checker, quote
from obc_assess.core.compare import CompareError, compare
from obc_assess.core.problem import Problem
from obc_assess.core.render import to_csv, to_json, to_markdown
from obc_assess.core.report import result_docx
from obc_assess.core.report_compare import compare_docx, compare_markdown
from obc_assess.core.report_team import team_csv, team_docx, team_markdown
from obc_assess.core.responses import ResponsesError, template, validate
from obc_assess.core.scoring import score
from obc_assess.core.team import aggregate, file_label, repeated, same_answers, with_skipped
from obc_assess.core.typed_text import shown, tidy
from obc_assess.host.cli_io import (
    BOM,
    dump,
    errors,
    load,
    problem_lines,
    say,
    unknown,
    write,
    write_bytes,
)


def cmd_list(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    rows = [{"id": d["id"], "title": d["title"], "kind": d["kind"], "version": d["version"]}
            for d in definitions.values()]
    if args.json:
        write(dump(rows))
    else:
        width = max((len(r["id"]) for r in rows), default=0)
        write("".join(f"{r['id']:<{width}}  {r['kind']:<14}  {r['title']}\n" for r in rows))
    return 0


def _levels(scale: dict[str, Any]) -> dict[str, Any]:
    return {"levels": [{"value": lv["value"], "label": lv["label"]} for lv in scale["levels"]],
            "na": scale["na"], "unknown": scale["unknown"]}


def _levels_text(scale: dict[str, Any]) -> str:
    extra = [value for value, on in ((say("level-na"), scale["na"]), (say("level-unknown"), scale["unknown"])) if on]
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
        return unknown(args.id)
    info = _description(d)
    if args.json:
        write(dump(info))
        return 0
    lines = [say("describe-head", id=d["id"], title=d["title"], kind=d["kind"], version=d["version"]),
             say("describe-levels", levels=_levels_text(info["scale"]))]
    lines += [say("describe-levels-on", scale=sid, levels=_levels_text(scale))
              for sid, scale in info["other_scales"].items()]
    if d["asks_model"]:
        lines.append(say("describe-context"))
    if info["scope"]:
        lines.append(say("describe-scope", options=", ".join(info["scope"])))
    if info["classes"]:
        lines.append(say("describe-classes", classes=", ".join(f"{c['id']} ({c['label']})" for c in info["classes"])))
    optional = say("tag-optional")
    for section in info["sections"]:
        lines.append(f"\n{section['title']} [{section['id']}]{f' ({optional})' if section['optional'] else ''}")
        for i in section["items"]:
            tags = [say("tag-weight", weight=i["weight"])] if i["weight"] != 1 else []
            if len(i["models"]) < len(d["models"]):
                tags.append(say("tag-models", models=", ".join(map(str, i["models"]))))
            tags += [note["label"] + ("" if note["weight"] is None else ", " + say("tag-weight", weight=note["weight"]))
                     for note in (i["model_notes"] if d["asks_model"] else [])]
            if info["scope"] and len(i["scopes"]) < len(info["scope"]):
                tags.append(say("tag-scope", scopes=", ".join(i["scopes"])))
            tags += [optional] if i["optional"] else []
            tags += [say("tag-scale", scale=i["scale"])] if i["scale"] in info["other_scales"] else []
            scale = info["other_scales"].get(i["scale"], info["scale"])
            tags += [say("tag-no-na")] if scale["na"] and not i["na"] else []
            lines.append(f"  {i['id']}: {i['title']}" + (f" ({'; '.join(tags)})" if tags else ""))
    write("\n".join(lines) + "\n")
    return 0


def cmd_template(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    d = definitions.get(args.id)
    if d is None:
        return unknown(args.id)
    try:
        write(dump(template(d, args.model, args.scope)))
    except ResponsesError as error:
        return errors(problem_lines("obc-assess", error.problems))
    return 0


def cmd_validate(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    loaded = load(args.file, definitions)
    if isinstance(loaded, list):
        return errors(problem_lines(args.file, loaded))
    definition, doc = loaded
    problems = validate(definition, doc)
    if problems:
        return errors(problem_lines(args.file, problems))
    write(say("valid", name=args.file) + "\n")
    if doc["assessment_version"] != definition["version"]:
        write(say("old-version", name=args.file, version=quote(doc["assessment_version"]), id=definition["id"],
                  now=definition["version"]) + "\n", sys.stderr)
    return 0


def _scored(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> dict[str, Any] | int:
    """The file's result, or the exit status once its problems are written."""
    loaded = load(args.file, definitions)
    if isinstance(loaded, list):
        return errors(problem_lines(args.file, loaded))
    try:
        return score(*loaded)
    except ResponsesError as error:
        return errors(problem_lines(args.file, error.problems))


def cmd_score(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    result = _scored(args, definitions)
    if isinstance(result, int):
        return result
    if getattr(args, "docx", None):
        return write_bytes(args.docx, result_docx(result))
    write({"csv": _spreadsheet(to_csv), "markdown": to_markdown}.get(args.output, to_json)(result))
    return 0


def cmd_carry(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    """Last year's file into a new answers file for this year (carry.py); the notice goes to standard error."""
    loaded = load(args.file, definitions)
    if isinstance(loaded, list):
        return errors(problem_lines(args.file, loaded))
    definition, doc = loaded
    try:
        new, _, said = carry_forward(definition, doc)
    except ResponsesError as error:
        return errors(problem_lines(args.file, error.problems))
    status = write_bytes(args.output, shown(dump(new)).encode("utf-8"), "cannot-write-file")
    if status == 0:
        write(said + "\n", sys.stderr)
    return status


def cmd_review(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    """A file's review state (review_result.py): its line, provisional band, rounds and challenges; or as JSON."""
    result = _scored(args, definitions)
    if isinstance(result, int):
        return result
    review = result["review"]
    if args.json:
        write(to_json(review))
        return 0
    lines = [review["line"], *([review["provisional_words"]] if review["provisional"] else [])]
    lines += [say("review-round", round=one["round"], reviewer=one["reviewer"], date=one["date_label"])
              for one in review["history"]]
    for one in review["challenges"]:
        lines += [say("review-item", title=one["title"], state=one["state_label"]),
                  "  " + say("review-comment", comment=tidy(one["comment"]))]
        if one["response"]:
            lines.append("  " + say("review-response", date=one["response_date_label"], response=tidy(one["response"])))
    write("".join(f"{line}\n" for line in lines))
    return 0


def _spreadsheet(render: Any) -> Any:
    """A CSV renderer whose text starts with the byte order mark Excel needs to read UTF-8."""
    return lambda result: BOM + render(result)


def cmd_aggregate(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    loaded = [load(name, definitions) for name in args.files]
    # The first valid file decides the assessment; every other file must be for the same one.
    definition = next((one[0] for one in loaded if not isinstance(one, list) and not validate(*one)), None)
    lines: list[str] = []
    skipped: list[dict[str, Any]] = []
    docs: list[tuple[str, Any]] = []
    seen: dict[str, int] = {}  # each set of answers (team.same_answers) -> the first file that has it
    for n, (name, one) in enumerate(zip(args.files, loaded, strict=True), start=1):
        if isinstance(one, list):  # unreadable: the problems say why; the team result lists them without the file
            found = [Problem(p.path, p.message, None, p.field).to_dict() for p in one]
            lines += problem_lines(name, one)
        else:
            problems = validate(definition or one[0], one[1])
            first = n if problems else seen.setdefault(same_answers(one[1]), n)
            if first != n:  # the same file twice is one person, counted once
                problems = [repeated(args.files[first - 1], first, args.anonymous, args.lang)]
            if not problems:
                docs.append((name, one[1]))
                continue
            found = [p.to_dict() for p in problems]
            lines += problem_lines(name, problems)
        skipped.append({"file": file_label(name, n, args.anonymous, args.lang), "problems": found})
    if definition is None:
        return errors(lines)
    # Every file left out, in order, as the browser lists them.
    result = with_skipped(aggregate(definition, docs, args.anonymous, checked=True), skipped)
    write("".join(f"{line}\n" for line in lines), sys.stderr)
    if args.docx:
        return write_bytes(args.docx, team_docx(result))
    write({"json": to_json, "csv": _spreadsheet(team_csv)}.get(args.output, team_markdown)(result))
    return 0


def cmd_compare(args: argparse.Namespace, definitions: dict[str, dict[str, Any]]) -> int:
    before, after = load(args.before, definitions), load(args.after, definitions)
    lines = [*(problem_lines(args.before, before) if isinstance(before, list) else []),
             *(problem_lines(args.after, after) if isinstance(after, list) else [])]
    if isinstance(before, list) or isinstance(after, list):
        return errors(lines)
    definition = after[0]  # the after file's assessment, as it is now; the before file must be for it too
    try:
        result = compare(definition, before[1], after[1], (args.before, args.after))
    except CompareError as error:
        return errors(problem_lines("", error.problems))
    for removed in result["removed"]:
        where = Checker.key(removed["part"], removed["id"])
        write(say("compare-removed", file=removed["file"], where=where, id=definition["id"]) + "\n", sys.stderr)
    for warning in result["warnings"]:
        write(say("warning", message=warning["message"]) + "\n", sys.stderr)
    if args.docx:
        return write_bytes(args.docx, compare_docx(result))
    write(to_json(result) if args.json else compare_markdown(result))
    return 0
