"""The boundary's calls on one person's answers: the form scored as typed, saved or imported answers back into
the form (from an earlier version too), last year's file carried forward, the action plan and the Word report."""

from __future__ import annotations

from typing import Any

from obc_assess.core.answers import clear_refused, reason_notice
from obc_assess.core.api_io import Definition, Render, answer, answers_of, base64_text, json_of, read_defined
from obc_assess.core.carry import carry_forward
from obc_assess.core.catalogue import text as text_of
from obc_assess.core.compare import prune
from obc_assess.core.fields import Places, field_for
from obc_assess.core.form import from_form, to_form
from obc_assess.core.form_copy import is_copy, migrate, read
from obc_assess.core.form_words import FormWords, usable
from obc_assess.core.jsontext import parse
from obc_assess.core.languages import DEFAULT, lang_of
from obc_assess.core.problem import FILE, FORM, Problem
from obc_assess.core.render import plan_csv, to_csv
from obc_assess.core.report import result_docx
from obc_assess.core.responses import ResponsesError, upgrade_notice, validate
from obc_assess.core.scoring import score, score_valid

__all__ = ["carry_forward_json", "evaluate_form", "form_values_migrating", "plan_csv_json", "render_docx_json"]


def _scored(definition_json: Definition, responses_json: str, key: str, render: Render) -> str:
    defined, problems = read_defined(definition_json)
    definition = defined.value
    doc, more = answers_of(definition, responses_json)
    problems += more
    if problems:
        return answer(problems, **{key: None})
    try:
        return answer([], **{key: render(score(definition, doc, defined.facts))})
    except ResponsesError as error:
        return answer(error.problems, **{key: None})


def render_docx_json(definition_json: Definition, responses_json: str) -> str:
    """Score and render the Word report: ``{"ok", "problems", "docx"}``, the .docx bytes as base64 text."""
    return _scored(definition_json, responses_json, "docx", lambda result: base64_text(result_docx(result)))


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
    defined, problems = read_defined(definition_json)
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
        return answer(listed, {"result": result, "applicable": applicable, **typed}, responses=None, csv=None)
    return answer([], {"result": result, "applicable": applicable, **typed}, responses=doc,
                   csv=to_csv(result) if csv else None)


def _worded(definition: dict[str, Any], fields: dict[str, str], places: Places, found: list[Problem]
            ) -> list[dict[str, Any]]:
    """The form's problems as the page shows them: each in words, its field, and what waits for it."""
    words = FormWords(definition, fields, places)
    return [{"path": p.path, "message": words.message(p), "field": field_for(definition, p.path, places),
             "left_out": words.left_out(p.path)} for p in found]


def _form_answer(problems: list[dict[str, Any]], result: object, applicable: object,
                 typed: dict[str, Any] | None = None) -> str:
    return answer(problems, {"result": result, "applicable": applicable, **(typed or {"typed": None})},
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
    defined, problems = read_defined(definition_json)
    definition = defined.value
    value, more = json_of(definition, responses_json)
    problems += more
    if not problems and isinstance(definition, dict) and is_copy(value):
        return _copy_values(definition, value)
    if not problems and isinstance(definition, dict):
        value, problems = read(definition, value)
    if problems:
        return answer(problems, form=None, dropped=None, notice=None)
    doc = value
    pruned, removed = prune(definition, doc, FILE)
    problems = validate(definition, pruned)
    if problems:
        return answer(problems, form=None, dropped=None, notice=None)
    assert isinstance(pruned, dict)  # validate reports anything else
    dropped = list(dict.fromkeys(r["id"] for r in removed))
    lang = lang_of(definition)
    # Told together: what the assessment changed, what the answers format added since the file was saved, and what
    # its "not applicable" answers need now (a reason; none where the source expects the item of everyone).
    notices = [_migration_notice(definition, pruned, removed), upgrade_notice(pruned, lang),
               clear_refused(definition, pruned, lang), reason_notice(definition, pruned, lang)]
    return answer([], form=to_form(definition, pruned), dropped=dropped,
                   notice=" ".join(n for n in notices if n) or None)


def _copy_values(definition: dict[str, Any], value: dict[str, Any]) -> str:
    """form_values_migrating for a form copy: its fields as typed, those of items gone left out and named."""
    form, removed, problems = migrate(definition, value)
    if form is None:
        return answer(problems, form=None, dropped=None, notice=None)
    version = value.get("assessment_version", value["form"].get("version"))
    notice = _migration_notice(definition, {"assessment_version": version}, removed)
    return answer([], form=form, dropped=list(dict.fromkeys(r["id"] for r in removed)), notice=notice)


def carry_forward_json(definition_json: Definition, responses_json: object) -> str:
    """This year's answers started from last year's file (carry.py): ``{"ok", "problems", "responses",
    "carried": {"actions", "evidence", "done", "dropped", "removed"}, "notice"}``."""
    defined, problems = read_defined(definition_json)
    definition = defined.value
    doc, more = answers_of(definition, responses_json)
    problems += more
    if problems:
        return answer(problems, responses=None, carried=None, notice=None)
    try:
        new, carried, said = carry_forward(definition, doc)
    except ResponsesError as error:
        return answer(error.problems, responses=None, carried=None, notice=None)
    return answer([], responses=new, carried=carried, notice=said)


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
