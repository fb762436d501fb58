"""The boundary's calls on several files: a team's answers merged, and two files compared, each as a result, CSV,
JSON or a Word report; a bad file is named and left out."""

from __future__ import annotations

from typing import Any

from obc_assess.core.api_io import UNREADABLE, Definition, Render, answer, answers_of, base64_text, read_defined
from obc_assess.core.catalogue import text as text_of
from obc_assess.core.compare import CompareError, compare
from obc_assess.core.jsontext import parse
from obc_assess.core.languages import lang_of
from obc_assess.core.problem import DEFINITION, FILES, Problem
from obc_assess.core.render import to_json
from obc_assess.core.report_compare import compare_docx
from obc_assess.core.report_team import compare_csv, team_csv, team_docx
from obc_assess.core.responses import validate
from obc_assess.core.team import aggregate, file_label, repeated, same_answers, with_skipped

__all__ = ["aggregate_csv_json", "aggregate_docx_json", "aggregate_export_json", "aggregate_json",
           "compare_csv_json", "compare_docx_json", "compare_json"]


def _file_entry(f: object) -> tuple[str, object] | None:
    """One file of a team request as its name and what _file_text reads; None if it is not one."""
    if not (isinstance(f, dict) and isinstance(f.get("name"), str)):
        return None
    if isinstance(f.get("text"), str):
        return f["name"], f["text"]
    kept = {key: f[key] for key in ("bytes", "unreadable") if key in f}
    return (f["name"], kept) if isinstance(kept.get("bytes"), str) or kept.get("unreadable") in UNREADABLE else None


def _files(files_json: str) -> tuple[list[tuple[str, object]], list[Problem]]:
    files, problems = parse(files_json, FILES, max_bytes=None)
    if problems:
        return [], problems
    entries = [_file_entry(f) for f in files] if isinstance(files, list) else [None]
    listed = [entry for entry in entries if entry is not None]
    if len(listed) != len(entries):
        return [], [Problem(FILES, 'must be a JSON list of files like {"name": "answers.json", "bytes": "<base64>"}')]
    return listed, []


def _team(definition_json: Definition, files_json: str, anonymous: bool, key: str, render: Render) -> str:
    defined, problems = read_defined(definition_json)
    definition = defined.value
    files, more = _files(files_json) if not problems else ([], [])
    problems += more
    if problems:
        return answer(problems, {"files": []}, **{key: None})
    lang = lang_of(definition)
    reports: dict[int, list[dict[str, Any]]] = {}
    docs = []
    seen: dict[str, int] = {}  # each set of answers (team.same_answers) -> the first file that has it
    for n, (_, given) in enumerate(files):
        doc, found = answers_of(definition, given)
        found = found or validate(definition, doc)
        first = n if found else seen.setdefault(same_answers(doc), n)
        if first != n:  # the same file twice is one person, counted once
            found = [repeated(files[first][0], first + 1, anonymous is True, lang)]
        if found:
            reports[n] = [p.to_dict() for p in found]
        else:  # labelled by position, so two files with one name are still told apart
            docs.append((str(n), doc))
    result = aggregate(definition, docs, anonymous is True, checked=True, facts=defined.facts)
    for person in result["respondents"]:
        person["file"] = None if person["file"] is None else files[int(person["file"])][0]
    statuses = [{"name": name, "ok": n not in reports, "problems": reports.get(n, [])}
                for n, (name, _) in enumerate(files)]
    # Every file left out, in the order given, whether unreadable, not JSON or not valid answers.
    with_skipped(result, [{"file": file_label(name, n + 1, anonymous is True, lang), "problems": reports[n]}
                          for n, (name, _) in enumerate(files) if n in reports])
    if not result["respondents"]:
        problems = [Problem(FILES, text_of(lang, "core.no-file-read" if files else "core.no-files"))]
        return answer(problems, {"files": statuses}, **{key: None})
    return answer([], {"files": statuses}, **{key: render(result)})


def aggregate_json(definition_json: Definition, files_json: str, anonymous: bool = False) -> str:
    """Merge several answers files (``[{"name", "text"}]``) into the team result: ``{"ok", "problems",
    "files": [{"name", "ok", "problems"}], "result"}``; a bad file is listed in ``files`` and left out."""
    return _team(definition_json, files_json, anonymous, "result", lambda result: result)


def aggregate_export_json(definition_json: Definition, files_json: str, anonymous: bool = False) -> str:
    """The team result as the file the page exports: ``{"ok", "problems", "files", "json"}``, the text
    byte-identical to ``obc-assess aggregate --json`` for the same files."""
    return _team(definition_json, files_json, anonymous, "json", to_json)


def aggregate_csv_json(definition_json: Definition, files_json: str, anonymous: bool = False) -> str:
    """The team result as CSV: ``{"ok", "problems", "files", "csv"}``."""
    return _team(definition_json, files_json, anonymous, "csv", team_csv)


def aggregate_docx_json(definition_json: Definition, files_json: str, anonymous: bool = False) -> str:
    """The team result as a Word report: ``{"ok", "problems", "files", "docx"}`` (base64), the bytes
    ``obc-assess aggregate --docx`` writes for the same files."""
    return _team(definition_json, files_json, anonymous, "docx", lambda result: base64_text(team_docx(result)))


def _compared(definition_json: Definition, before_text: object, after_text: object, key: str, render: Render) -> str:
    defined, problems = read_defined(definition_json)
    definition = defined.value
    listed = [p.in_file(DEFINITION) for p in problems]
    docs = []
    for name, text in (("before", before_text), ("after", after_text)):
        doc, found = answers_of(definition, text)
        listed += [Problem(p.path, p.message, name) for p in found]  # files, not the form: no field
        docs.append(doc)
    if not listed:
        try:
            return answer([], **{key: render(compare(definition, docs[0], docs[1], facts=defined.facts))})
        except CompareError as error:
            listed = error.problems
    return answer(listed, **{key: None})


def compare_json(definition_json: Definition, before_text: object, after_text: object) -> str:
    """Compare two answers files: ``{"ok", "problems": [{"file": "before" | "after", "path", "message"}],
    "result"}``."""
    return _compared(definition_json, before_text, after_text, "result", lambda result: result)


def compare_csv_json(definition_json: Definition, before_text: object, after_text: object) -> str:
    """The comparison as CSV: ``{"ok", "problems", "csv"}``."""
    return _compared(definition_json, before_text, after_text, "csv", compare_csv)


def compare_docx_json(definition_json: Definition, before_text: object, after_text: object, before_name: str = "",
                      after_name: str = "") -> str:
    """The comparison as a Word report: ``{"ok", "problems", "docx"}`` (base64); the names are the files' own,
    as the page shows them (problems still name the sides, "before" and "after")."""
    def render(result: dict[str, Any]) -> str:
        for side, name in (("before", before_name), ("after", after_name)):
            if isinstance(name, str) and name:
                result[side]["file"] = name
        return base64_text(compare_docx(result))
    return _compared(definition_json, before_text, after_text, "docx", render)
