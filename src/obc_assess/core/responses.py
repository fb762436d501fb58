"""The versioned responses document: its format, a blank template, applicability, and a validator.

A responses document is JSON (see docs/responses-format.md for the user-facing description)::

    {"format": "obc-assess/responses", "format_version": 5,
     "assessment": "procurement-review", "assessment_version": "1.0",
     "context": {"model": 1 | 2 | 3 | null, "scope": "<scope option id>" | null},
     "respondent": {"name": "...", "role": "commissioner" | "provider" | "person-using-services-or-carer"
                    | "other" | "", "organisation": "..."},
     "assessment_date": "YYYY-MM-DD" | "",
     "answers": ...}

Format 2 added ``respondent.organisation`` and ``assessment_date`` (the day the assessment was made, as the person
gives it; never filled in for them). A format 1 file is still valid and reads as both empty (``upgrade``).

``answers`` depends on the assessment's kind:

- maturity: ``{"<item id>": {"level": 0..max | "na" | "unknown" | null, "note": "...", "na_reason": "..."}}``;
  a missing item is unanswered; ``na_reason`` (format 4) says in one line why an item is not applicable, and is
  needed when the level is "na" (answers.py);
- matrix: ``{"areas": [{"name": "...", "levels": {"<criterion id>": 0..max | "unknown" | null},
  "note": "..."}]}``;
- classification: ``{"measures": [{"name": "...", "class": "<class id>" | null, "note": "..."}]}``.

An optional ``plan`` (maturity only) holds an action per item, validated but never scored (see plan.py)::

    "plan": {"<item id>": {"action": "...", "owner": "...", "due": "YYYY-MM-DD" | "", "target": 0..max | null,
                           "status": "not-started" | "in-progress" | "done" | "dropped" | "", "review": "...",
                           "carried_from": "YYYY-MM-DD" | ""}}

An optional ``evidence`` (maturity only) lists evidence entries per item, never scored (see evidence.py).
Format 3 added the plan's status, review and carried_from, and evidence; a format 1 or 2 file reads as none.
Format 4 added ``na_reason``; an earlier file's N/A answers read as N/A with no reason given.

An optional ``review`` (format 5, issue 34) holds a second person's review rounds and the author's responses (see
review.py); a file of format 1 to 4 reads as not reviewed.

Inside ``context``, ``respondent``, an answer, a plan entry or a row, a missing key means null or "".
``saved_at`` may appear at the top level and is ignored. A row (area or measure) or plan entry that is wholly
blank is ignored.
"""

from __future__ import annotations

from typing import Any

from obc_assess.core.answers import check_answers
from obc_assess.core.catalogue import text
from obc_assess.core.checks import Checker, quote
from obc_assess.core.definition import items
from obc_assess.core.evidence import check_evidence
from obc_assess.core.fields import field_for
from obc_assess.core.languages import DEFAULT, lang_of
from obc_assess.core.plan import check_plan, is_date
from obc_assess.core.problem import FILE, Problem, ProblemsError
from obc_assess.core.review import check_review
from obc_assess.core.rows import check_rows
from obc_assess.core.rows import row_is_blank as row_is_blank  # where the row kinds' scorers read it
from obc_assess.core.tailor import applies
from obc_assess.core.typed_text import MAX_NAME

FORMAT = "obc-assess/responses"
FORMAT_VERSION = 5
# Every answers format this version reads: 1 has no organisation or assessment date (upgrade fills them in);
# 2 has no action status, review note or carried_from, and no evidence (they read as not started and none);
# 3 has no reason for a "not applicable" (answers.py: it reads as N/A, with no reason given); 4 has no review
# (review.py: it reads as not reviewed).
FORMAT_VERSIONS = (1, 2, 3, 4, 5)
# Who answered: the team view compares roles side by side (co-production). "" means not given.
# The roles a respondent may give, in the form's order ("" for none given); each reads core.role-<id> (or
# core.not-given) in the result's language: role_label.
ROLE_IDS = ("commissioner", "provider", "person-using-services-or-carer", "other", "")


def role_label(role: str, lang: str = DEFAULT) -> str:
    """A role id in words: "Commissioner", "Comisiynydd"; "Not given" for none (or a role the file made up)."""
    return text(lang, f"core.role-{role}") if role in ROLE_IDS and role else text(lang, "core.not-given")


def roles(lang: str = DEFAULT) -> dict[str, str]:
    """Every role id with its words in ``lang``, in the form's order ("" last: not given)."""
    return {role: role_label(role, lang) for role in ROLE_IDS}


_REQUIRED = ("format", "format_version", "assessment", "assessment_version", "context", "respondent",
             "answers")
# Optional: "saved_at" (written by the browser) is ignored; "plan" is checked when present.
_OPTIONAL = ("saved_at", "plan", "assessment_date", "evidence", "review")


class ResponsesError(ProblemsError):
    """A responses document cannot be scored; ``problems`` lists everything wrong with it."""


def context_of(definition: dict[str, Any], doc: dict[str, Any]) -> tuple[int | None, str | None]:
    """The model and scope that filter a valid document's items (the model only if the assessment asks)."""
    context = doc["context"]
    model = context.get("model") if definition["asks_model"] else None
    return model, context.get("scope")


def template(definition: dict[str, Any], model: int | None = None,
             scope: str | None = None) -> dict[str, Any]:
    """A blank responses document for the model and scope; ResponsesError if they are not valid choices."""
    answers: dict[str, Any]
    asked = [item for _, item in items(definition) if applies(definition, item, model, scope)]
    if definition["kind"] == "matrix":
        answers = {"areas": [{"name": "", "levels": {item["id"]: None for item in asked}, "note": ""}]}
    elif definition["kind"] == "classification":
        answers = {"measures": []}
    else:
        answers = {item["id"]: {"level": None, "note": ""} for item in asked}
    doc = {"format": FORMAT, "format_version": FORMAT_VERSION,
           "assessment": definition["id"], "assessment_version": definition["version"],
           "context": {"model": model, "scope": scope},
           "respondent": {"name": "", "role": "", "organisation": ""}, "assessment_date": "",
           "answers": answers}
    problems = validate(definition, doc)
    if problems:
        raise ResponsesError(problems)
    return doc


def validate(definition: dict[str, Any], doc: object) -> list[Problem]:
    """Every problem with a responses document for this assessment (never raises, on any JSON value)."""
    check = Checker(lang_of(definition))
    if not isinstance(doc, dict):
        check.say(FILE, "not-object", kind=check.kind(doc, check.lang))
    else:
        _top(check, definition, doc)
    # Rows here are the document's own rows; the form glue maps them to its row numbers itself.
    return [Problem(path, message, field=field_for(definition, path)) for path, message in check.problems]


def _top(check: Checker, definition: dict[str, Any], doc: dict[str, Any]) -> None:
    examples = {"format": quote(FORMAT), "format_version": str(FORMAT_VERSION),
                "assessment": quote(definition["id"]), "assessment_version": quote(definition["version"]),
                "context": '{"model": null, "scope": null}',
                "respondent": '{"name": "", "role": "", "organisation": ""}',
                "answers": '{"areas": []}' if definition["kind"] == "matrix"
                else '{"measures": []}' if definition["kind"] == "classification" else "{}"}
    for key in _REQUIRED:
        if key not in doc:
            check.say(key, "missing", name=quote(key), example=examples[key])
    check.unknown_keys("", doc, (*_REQUIRED, *_OPTIONAL), check.words("not-part-document"))
    if "format" in doc and doc["format"] != FORMAT:
        check.say("format", "must-be", values=quote(FORMAT))
    version = doc.get("format_version")
    if "format_version" in doc and (type(version) is not int or version not in FORMAT_VERSIONS):
        check.say("format_version", "format-version", version=FORMAT_VERSION,
                  older=check.choices(FORMAT_VERSIONS[:-2], FORMAT_VERSIONS[-2], check.lang))
    # JSON true is not the number 1 (True == 1 in Python).
    old = type(version) is int and version == 1
    if old and "assessment_date" in doc:
        check.say("assessment_date", "date-in-format-1")
    elif "assessment_date" in doc:
        _assessment_date(check, doc["assessment_date"])
    same = True
    if "assessment" in doc and doc["assessment"] != definition["id"]:
        if isinstance(doc["assessment"], str):
            titles = definition.get("assessment_titles", {})
            theirs = titles.get(doc["assessment"])
            named = f"{quote(theirs)} ({doc['assessment']})" if theirs else quote(doc["assessment"])
            check.say("assessment", "other-assessment", named=named, title=quote(definition["title"]))
            # Answers for another assessment would only repeat "not an item" for every key.
            same = False
        else:
            check.say("assessment", "must-be", values=quote(definition["id"]))
    if "assessment_version" in doc and not isinstance(doc["assessment_version"], str):
        check.say("assessment_version", "text-like", example=quote(definition["version"]))
    if "context" in doc:
        _context(check, definition, doc["context"])
    if "respondent" in doc:
        _respondent(check, doc["respondent"], not old)
    current = version if type(version) is int and version in FORMAT_VERSIONS else FORMAT_VERSION
    if "answers" in doc and same:
        if definition["kind"] == "maturity":
            check_answers(check, definition, doc["answers"], current,
                          doc.get("assessment_version") == definition["version"])
        else:
            check_rows(check, definition, doc["answers"])
    if "plan" in doc and same:
        check_plan(check, definition, doc["plan"], current)
    if "evidence" in doc and same:
        check_evidence(check, definition, doc["evidence"], current)
    if "review" in doc and same:
        check_review(check, definition, doc["review"], current)


def _context(check: Checker, definition: dict[str, Any], context: object) -> None:
    if not isinstance(context, dict):
        check.say("context", "object-like", example='{"model": null, "scope": null}')
        return
    check.unknown_keys("context", context, ("model", "scope"), check.words("not-part-context"))
    models = [m["id"] for m in definition["models"]]
    model = context.get("model")
    if model is not None and (type(model) is not int or model not in models):
        check.say("context.model", "must-be", values=check.choices(models, None, check.lang))
    scope = context.get("scope")
    options = [o["id"] for o in (definition["scope"] or {}).get("options", [])]
    if scope is not None and not options:
        check.say("context.scope", "no-scope")
    elif scope is not None and scope not in options:
        check.say("context.scope", "must-be", values=check.choices(options, None, check.lang))


def _assessment_date(check: Checker, value: object) -> None:
    if not isinstance(value, str) or (value and not is_date(value)):
        shown = quote(value) if isinstance(value, str) else check.kind(value, check.lang)
        check.say("assessment_date", "not-a-date", shown=shown)


def _respondent(check: Checker, respondent: object, organisation: bool) -> None:
    if not isinstance(respondent, dict):
        check.say("respondent", "object-like", example='{"name": "", "role": "", "organisation": ""}')
        return
    keys = ("name", "role", "organisation") if organisation else ("name", "role")
    check.unknown_keys("respondent", respondent, keys, check.words("not-part-respondent"))
    check.text("respondent.name", respondent.get("name", ""), MAX_NAME)
    if organisation:
        check.text("respondent.organisation", respondent.get("organisation", ""), MAX_NAME)
    role = respondent.get("role", "")
    # Checked as text first: a list or object is not hashable, so it cannot be looked up.
    if not isinstance(role, str) or role not in ROLE_IDS:
        check.say("respondent.role", "must-be", values=check.choices([r for r in ROLE_IDS if r], "", check.lang))


def about(doc: dict[str, Any]) -> dict[str, str]:
    """Who and when, from a valid document of any format: name, role, organisation, assessment_date.

    The one place these keys are read, so a format 1 file (no organisation or date) reads as both empty."""
    respondent = doc["respondent"]
    return {"name": str(respondent.get("name", "")), "role": str(respondent.get("role", "")),
            "organisation": str(respondent.get("organisation", "")),
            "assessment_date": str(doc.get("assessment_date", ""))}


def upgrade_notice(doc: dict[str, Any], lang: str = DEFAULT) -> str | None:
    """What a person is told when an older format of file is loaded into the form (None when it is current)."""
    version = doc.get("format_version")
    if version == FORMAT_VERSION:
        return None
    # What each later format added, oldest first: format 2 the organisation and date, format 3 follow-through;
    # format 4's reasons for "not applicable" are asked item by item (answers.reason_notice).
    said = [text(lang, "core.upgrade-notice")] if version == 1 else []
    said += [text(lang, "core.upgrade-notice-3")] if isinstance(version, int) and version < 3 else []
    return " ".join(said) or None
