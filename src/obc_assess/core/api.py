"""The JSON-string boundary for the browser worker: text in, JSON text out, never an exception for bad input.

The worker's one entry point is ``call``: a request ``{"type", "definition_hash" | "definition", ...}`` as JSON
text (REQUESTS names each type's function). The worker sends each definition's text once (``define``: read,
checked and kept by its hash, defined.py) and names it by that hash after; a request may still carry the text.

Every function returns ``{"ok": bool, "problems": [{"path", "message", "field"}], ...}`` as JSON text, with
its payload (``result``, ``csv``, ``json``, ``docx``, ``responses``, ``form``) null when ``ok`` is false. A Word
document crosses as base64 text (``docx``): the boundary stays JSON. The team
functions add ``files``: each file's own problems; the comparison's problems also name their ``file``.

A file the person chose (to import, carry forward, merge or compare) comes as its text or, as the page sends it,
as its bytes (``{"bytes": base64}``), which Python reads as text by the one rule (jsontext.decode), so the browser
and the command line accept and refuse the same files; ``{"unreadable": reason}`` is a file the browser could not
read (UNREADABLE).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from obc_assess.core.answers import clear_refused, reason_notice
from obc_assess.core.carry import carry_forward
from obc_assess.core.catalogue import text as text_of
from obc_assess.core.compare import CompareError, compare, prune
from obc_assess.core.defined import Defined, keep, named
from obc_assess.core.defined import read as read_definition
from obc_assess.core.fields import Places, field_for
from obc_assess.core.form import from_form, to_form
from obc_assess.core.form_copy import is_copy, migrate, read
from obc_assess.core.form_words import FormWords, usable
from obc_assess.core.jsontext import decode, parse
from obc_assess.core.languages import DEFAULT, lang_of
from obc_assess.core.problem import DEFINITION, FILE, FILES, FORM, Problem
from obc_assess.core.render import plan_csv, to_csv, to_json
from obc_assess.core.report_docx import result_docx
from obc_assess.core.report_docx_team import compare_docx, team_docx
from obc_assess.core.report_team import compare_csv, team_csv
from obc_assess.core.responses import ResponsesError, upgrade_notice, validate
from obc_assess.core.scoring import score, score_valid
from obc_assess.core.team import aggregate, file_label, repeated, same_answers, with_skipped

# Why the browser could not read a file it was given (``{"name", "unreadable": reason}``), in words.
UNREADABLE = ("too-large", "not-read")  # core.unreadable-<reason>


def _answer(problems: Sequence[Problem | dict[str, Any]], kept: dict[str, Any] | None = None, **payload: Any) -> str:
    """The one envelope: ``ok``, the problems, what is ``kept`` whatever they are, and the payload (each null
    when there are problems)."""
    body = {"ok": not problems, "problems": [p.to_dict() if isinstance(p, Problem) else p for p in problems],
            **(kept or {})}
    body.update({key: None if problems else value for key, value in payload.items()})
    return json.dumps(body, sort_keys=True, ensure_ascii=False)


Render = Callable[[dict[str, Any]], Any]
# A definition as a request gives it: its JSON text (read afresh), or as read once and kept (defined.py).
Definition = str | Defined


def _read(definition_json: Definition) -> tuple[Defined, list[Problem]]:
    """The definition as read, and its problems as this call's own list (a kept definition's are shared)."""
    defined = definition_json if isinstance(definition_json, Defined) else read_definition(definition_json)
    return defined, list(defined.problems)


def _file_text(given: object, lang: str) -> tuple[str | None, list[Problem]]:
    """A chosen file's text: given as text, or as its bytes (``{"bytes": base64}``) read by jsontext.decode."""
    if isinstance(given, str):
        return given, []
    if isinstance(given, dict) and given.get("unreadable") in UNREADABLE:
        return None, [Problem(FILE, text_of(lang, f"core.unreadable-{given['unreadable']}"))]
    raw = given.get("bytes") if isinstance(given, dict) else None
    try:
        data = base64.b64decode(raw, validate=True) if isinstance(raw, str) else None
    except ValueError:
        data = None
    if data is None:
        return None, [Problem(FILE, text_of(lang, "core.unreadable-not-read"))]
    return decode(data, FILE, lang)


def _json_of(definition: object, given: object) -> tuple[Any, list[Problem]]:
    """A chosen file's JSON value: its text (or bytes) read by jsontext's one rule."""
    lang = lang_of(definition) if isinstance(definition, dict) else DEFAULT
    text, problems = _file_text(given, lang)
    return (None, problems) if text is None else parse(text, FILE, lang=lang)


def _answers(definition: object, given: object) -> tuple[Any, list[Problem]]:
    """An answers file's document: its text (or bytes) read as JSON, a form copy (the page's fields, saved
    without Python) turned into an answers document, so every function reads both."""
    doc, problems = _json_of(definition, given)
    if problems or not isinstance(definition, dict):
        return doc, problems
    return read(definition, doc)


def _scored(definition_json: Definition, responses_json: str, key: str, render: Render) -> str:
    defined, problems = _read(definition_json)
    definition = defined.value
    doc, more = _answers(definition, responses_json)
    problems += more
    if problems:
        return _answer(problems, **{key: None})
    try:
        return _answer([], **{key: render(score(definition, doc, defined.facts))})
    except ResponsesError as error:
        return _answer(error.problems, **{key: None})


def _base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def render_docx_json(definition_json: Definition, responses_json: str) -> str:
    """Score and render the Word report: ``{"ok", "problems", "docx"}``, the .docx bytes as base64 text."""
    return _scored(definition_json, responses_json, "docx", lambda result: _base64(result_docx(result)))


def plan_csv_json(definition_json: Definition, responses_json: str) -> str:
    """Score and render the action plan alone as CSV: ``{"ok", "problems", "csv"}``."""
    return _scored(definition_json, responses_json, "csv", plan_csv)


def evaluate_form(definition_json: Definition, fields_json: str, csv: bool = True) -> str:
    """Score the form's values (``{name: value}``): ``{"ok", "problems", "result", "responses", "applicable"
    (the item ids to show), "csv"}``. Each problem names its field in words (``message``), the form element to
    link to (``field``) and what the results leave out until it is put right (``left_out``). With problems,
    ``result`` scores the sound answers (null only when the form as a whole cannot be read); ``responses`` and
    ``csv`` are null until every answer is sound. ``csv`` False leaves the CSV null (not rendered): the page
    asks for it only when it is exported. ``typed`` is the answers document as typed, whatever its problems (a
    mistyped date kept as typed): the page keeps it, so that no answer waits on another's fix."""
    defined, problems = _read(definition_json)
    definition = defined.value
    fields, more = parse(fields_json, FORM)
    problems += more
    # Every value text (a JSON value's type is exactly str, never a subclass: checked in C, not per value).
    if not problems and not (isinstance(fields, dict) and set(map(type, fields.values())) <= {str}):
        lang = lang_of(definition) if isinstance(definition, dict) else DEFAULT
        problems = [Problem(FORM, text_of(lang, "core.form-not-object"))]
    if problems:
        return _form_answer([{**p.to_dict(), "left_out": None} for p in problems], None, None)
    doc, places = from_form(definition, fields)
    typed = {"typed": doc}
    # The form may skip row and evidence entry numbers (one removed), so problems are mapped to them as the form
    # has them (the words only worked out when there are problems).
    found = validate(definition, doc)
    listed = _worded(definition, fields, places, found) if found else []
    # One invalid field leaves out only its own part: the rest is still scored, the problem shown beside it.
    sound = usable(doc, found) if found else doc
    if sound is None or (found and validate(definition, sound)):
        return _form_answer(listed, None, None, typed)
    facts = defined.facts
    result = score_valid(facts, sound)  # validated above: as it is, or with each problem's value blanked
    # Which items the form shows: those asked for the chosen model and scope (the rule lives in responses).
    asked = facts.asked(sound)
    applicable = [entry.item["id"] for entry in facts.entries if entry.item["id"] in asked]
    if found:  # the answers file and the CSV wait until the answers are put right: they are what was typed
        return _answer(listed, {"result": result, "applicable": applicable, **typed}, responses=None, csv=None)
    return _answer([], {"result": result, "applicable": applicable, **typed}, responses=doc,
                   csv=to_csv(result) if csv else None)


def _worded(definition: dict[str, Any], fields: dict[str, str], places: Places, found: list[Problem]
            ) -> list[dict[str, Any]]:
    """The form's problems as the page shows them: each in words, its field, and what waits for it."""
    words = FormWords(definition, fields, places)
    return [{"path": p.path, "message": words.message(p), "field": field_for(definition, p.path, places),
             "left_out": words.left_out(p.path)} for p in found]


def _form_answer(problems: list[dict[str, Any]], result: object, applicable: object,
                 typed: dict[str, Any] | None = None) -> str:
    return _answer(problems, {"result": result, "applicable": applicable, **(typed or {"typed": None})},
                   responses=None, csv=None)


def form_values_migrating(definition_json: Definition, responses_json: object) -> str:
    """Form values for saved or imported answers that may be for an earlier version of the assessment:
    ``{"ok", "problems", "form", "dropped": [item ids], "notice": text or null}``.

    A file in an older answers format (format 1: no organisation or assessment date) loads, and ``notice``
    says what the newer format added, so the person can fill it in: a "not applicable" with no reason (before
    format 4) is named, for the form to ask its reason; one the data now refuses (an earlier assessment version)
    starts unanswered, and is named.

    A file for another version of this assessment loses its answers and plan entries for items the assessment
    no longer has (compare.prune: the rule the comparison follows, so an item renamed since counts as gone and
    its new id starts unanswered); ``dropped`` lists them and ``notice`` says so, for the page to show. A file
    for this version is read as it is: an unknown item there is a problem, not dropped.

    A form copy (the page's own fields, saved or exported without Python) comes back as its fields, as typed
    (form_copy.migrate): for another version, without the fields of items gone, each named in ``notice``."""
    defined, problems = _read(definition_json)
    definition = defined.value
    value, more = _json_of(definition, responses_json)
    problems += more
    if not problems and isinstance(definition, dict) and is_copy(value):
        return _copy_values(definition, value)
    if not problems and isinstance(definition, dict):
        value, problems = read(definition, value)
    if problems:
        return _answer(problems, form=None, dropped=None, notice=None)
    doc = value
    pruned, removed = prune(definition, doc, FILE)
    problems = validate(definition, pruned)
    if problems:
        return _answer(problems, form=None, dropped=None, notice=None)
    assert isinstance(pruned, dict)  # validate reports anything else
    dropped = list(dict.fromkeys(r["id"] for r in removed))
    lang = lang_of(definition)
    # Told together: what the assessment changed, what the answers format added since the file was saved, and what
    # its "not applicable" answers need now (a reason; none where the source expects the item of everyone).
    notices = [_migration_notice(definition, pruned, removed), upgrade_notice(pruned, lang),
               clear_refused(definition, pruned, lang), reason_notice(definition, pruned, lang)]
    return _answer([], form=to_form(definition, pruned), dropped=dropped,
                   notice=" ".join(n for n in notices if n) or None)


def _copy_values(definition: dict[str, Any], value: dict[str, Any]) -> str:
    """form_values_migrating for a form copy: its fields as typed, those of items gone left out and named."""
    form, removed, problems = migrate(definition, value)
    if form is None:
        return _answer(problems, form=None, dropped=None, notice=None)
    version = value.get("assessment_version", value["form"].get("version"))
    notice = _migration_notice(definition, {"assessment_version": version}, removed)
    return _answer([], form=form, dropped=list(dict.fromkeys(r["id"] for r in removed)), notice=notice)


def carry_forward_json(definition_json: Definition, responses_json: object) -> str:
    """This year's answers started from last year's file (carry.py): ``{"ok", "problems", "responses",
    "carried": {"actions", "evidence", "done", "dropped", "removed"}, "notice"}``."""
    defined, problems = _read(definition_json)
    definition = defined.value
    doc, more = _answers(definition, responses_json)
    problems += more
    if problems:
        return _answer(problems, responses=None, carried=None, notice=None)
    try:
        new, carried, said = carry_forward(definition, doc)
    except ResponsesError as error:
        return _answer(error.problems, responses=None, carried=None, notice=None)
    return _answer([], responses=new, carried=carried, notice=said)


def _migration_notice(definition: dict[str, Any], doc: dict[str, Any], removed: list[dict[str, str]]) -> str | None:
    """What changed for answers written for another version of the assessment (None for this version)."""
    version = doc["assessment_version"]
    if version == definition["version"]:
        return None
    lang = lang_of(definition)
    said = text_of(lang, "core.migration-saved-for", version=version, now=definition["version"])
    # The data's own account of each later version (rules and wording change, not only items).
    since = [c for c in definition["changes"] if _version_key(c["version"]) > _version_key(version)]
    said += "".join(" " + text_of(lang, "core.migration-changed-in", version=c["version"], summary=c["summary"])
                    for c in since)
    if not removed:
        return f"{said} {text_of(lang, 'core.migration-all-match')}"
    parts: dict[str, set[str]] = {}
    for gone in removed:
        parts.setdefault(gone["id"], set()).add(_PARTS[gone["part"]])
    listed = ", ".join(f"{key} ({_held(kinds, lang)})" for key, kinds in parts.items())
    return f"{said} {text_of(lang, 'core.migration-left-out', listed=listed)}"


# What a removed entry held, in words: an answers document's parts (compare.prune), and a form copy's, which may
# hold evidence too (form_copy.migrate), and a review's decisions (issue 34). In this order, one phrase per
# combination (core.migration-answer-plan...): Welsh mutates the word after "a" ("ateb a chynllun gweithredu",
# "a thystiolaeth", "a phenderfyniad adolygu"), so no phrase is assembled.
_PARTS = {"answers": "answer", "plan": "plan", "evidence": "evidence", "review": "review"}


def _held(kinds: set[str], lang: str) -> str:
    """ "answer and action plan", in the catalogue's whole phrase for that combination."""
    held = "-".join(word for word in _PARTS.values() if word in kinds)
    return text_of(lang, f"core.migration-{held}")


def _version_key(version: str) -> tuple[int, ...]:
    """A version's parts as numbers, so 1.10 comes after 1.9 (validated versions are dotted digits)."""
    return tuple(int(part) for part in version.split(".")) if all(
        part.isdigit() for part in version.split(".")) else ()


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
    defined, problems = _read(definition_json)
    definition = defined.value
    files, more = _files(files_json) if not problems else ([], [])
    problems += more
    if problems:
        return _answer(problems, {"files": []}, **{key: None})
    lang = lang_of(definition)
    reports: dict[int, list[dict[str, Any]]] = {}
    docs = []
    seen: dict[str, int] = {}  # each set of answers (team.same_answers) -> the first file that has it
    for n, (_, given) in enumerate(files):
        doc, found = _answers(definition, given)
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
        return _answer(problems, {"files": statuses}, **{key: None})
    return _answer([], {"files": statuses}, **{key: render(result)})


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
    return _team(definition_json, files_json, anonymous, "docx", lambda result: _base64(team_docx(result)))


def _compared(definition_json: Definition, before_text: object, after_text: object, key: str, render: Render) -> str:
    defined, problems = _read(definition_json)
    definition = defined.value
    listed = [p.in_file(DEFINITION) for p in problems]
    docs = []
    for name, text in (("before", before_text), ("after", after_text)):
        doc, found = _answers(definition, text)
        listed += [Problem(p.path, p.message, name) for p in found]  # files, not the form: no field
        docs.append(doc)
    if not listed:
        try:
            return _answer([], **{key: render(compare(definition, docs[0], docs[1], facts=defined.facts))})
        except CompareError as error:
            listed = error.problems
    return _answer(listed, **{key: None})


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
        return _base64(compare_docx(result))
    return _compared(definition_json, before_text, after_text, "docx", render)


def _flag(request: dict[str, Any]) -> bool:
    return request.get("anonymous") is True


class Request(NamedTuple):
    """A request type: the keys it needs (checked before it is answered) and the function answering it."""

    needs: tuple[str, ...]
    answer: Callable[[Definition, dict[str, Any]], str]


# Each request type the browser sends and the function that answers it: the request's own JSON keys are the
# arguments (text, or a flag). Saved and imported answers may be for an earlier version: "import" (a file) and
# "fields" (the page's own saved answers) are both read by form_values_migrating, which drops what has gone.
REQUESTS: dict[str, Request] = {
    # "csv": false when the page only shows the result (it asks again for the CSV when exporting it).
    "evaluate": Request(("fields",), lambda d, r: evaluate_form(d, r["fields"], r.get("csv") is not False)),
    "import": Request(("text",), lambda d, r: form_values_migrating(d, r["text"])),
    "fields": Request(("responses",), lambda d, r: form_values_migrating(d, r["responses"])),
    "plan-csv": Request(("responses",), lambda d, r: plan_csv_json(d, r["responses"])),
    "docx": Request(("responses",), lambda d, r: render_docx_json(d, r["responses"])),
    # Last year's answers file as this year's start: its open actions and evidence, carried by Python.
    "carry-forward": Request(("responses",), lambda d, r: carry_forward_json(d, r["responses"])),
    "aggregate": Request(("files",), lambda d, r: aggregate_json(d, r["files"], _flag(r))),
    "aggregate-csv": Request(("files",), lambda d, r: aggregate_csv_json(d, r["files"], _flag(r))),
    "aggregate-json": Request(("files",), lambda d, r: aggregate_export_json(d, r["files"], _flag(r))),
    "aggregate-docx": Request(("files",), lambda d, r: aggregate_docx_json(d, r["files"], _flag(r))),
    "compare": Request(("before", "after"), lambda d, r: compare_json(d, r["before"], r["after"])),
    "compare-csv": Request(("before", "after"), lambda d, r: compare_csv_json(d, r["before"], r["after"])),
    "compare-docx": Request(("before", "after"), lambda d, r: compare_docx_json(d, r["before"], r["after"],
                                                                                *(r.get("names") or []))),
}
# What a needed key holds: the form's values and the team's list are JSON text; a chosen file is its text or
# ``{"bytes": base64}`` (_file_text), which its function reads as a file.
_NEEDED: dict[str, type | tuple[type, ...]] = {"fields": str, "files": str}
DEFINE = "define"  # the worker's request that sends a definition's text once (define_json)


def define_json(definition_json: str) -> str:
    """Read a definition once and keep it (defined.py): ``{"ok", "problems", "definition_hash"}``. Later requests
    name it by that hash instead of sending its text; its problems, if any, are then every answer's."""
    defined = keep(definition_json)
    return _answer(defined.problems, {"definition_hash": defined.sha256})


def call(request_json: str) -> str:
    """The one entry point for the browser: a request ``{"type", "definition_hash" | "definition", ...}``
    answered as the JSON text of its type's function. The definition is named by the hash a ``define``
    request answered with, or given as its JSON text (read afresh). A request the page could not have built
    (not JSON, an unknown type, a missing key, a definition never sent) is a bug, not bad input, and raises
    ValueError for the worker to report."""
    try:
        request = json.loads(request_json)
    except ValueError:
        request = None
    named_by = request.get("definition_hash") if isinstance(request, dict) else None
    given = request.get("definition") if isinstance(request, dict) else None
    if isinstance(request, dict) and request.get("type") == DEFINE and isinstance(given, str):
        return define_json(given)
    if not (isinstance(request, dict) and request.get("type") in REQUESTS
            and isinstance(named_by, str) != isinstance(given, str)):
        raise ValueError(f"not a request obc_assess.core.api answers: {request_json[:200]}")
    kind = request["type"]
    missing = [key for key in REQUESTS[kind].needs if not isinstance(request.get(key), _NEEDED.get(key, (str, dict)))]
    if missing:
        raise ValueError(f"a {kind!r} request needs {missing[0]!r}")
    definition = named(named_by) if isinstance(named_by, str) else given
    if definition is None:
        raise ValueError(f"no definition is kept under {named_by!r}: a {DEFINE!r} request sends it first")
    return REQUESTS[kind].answer(definition, request)
