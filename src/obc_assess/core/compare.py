"""Compares two responses files for one assessment, before and after: what improved, slipped, is new or has gone.

The assessment may have changed between the two (its version differs from a file's): answers for items it no
longer has are dropped before validating, and reported under ``removed`` (never silently); items a file written
for an older version could not have answered are listed as ``new``. Only here are unknown items accepted.
Changes are worked out from the figures as shown, so 33.3 to 66.7 reads as +33.4.
"""

from __future__ import annotations

from typing import Any

from obc_assess.core.compare_actions import add_actions
from obc_assess.core.compare_text import header_of, notes, side_text, warnings
from obc_assess.core.definition import answer_keys, assessment_block, items
from obc_assess.core.facts import Facts
from obc_assess.core.languages import lang_of
from obc_assess.core.matrix_text import rank_word
from obc_assess.core.problem import Problem, ProblemsError
from obc_assess.core.responses import validate
from obc_assess.core.scoring import score_valid
from obc_assess.core.stats import change
from obc_assess.core.typed_text import fold

FORMAT = "obc-assess/comparison"
FORMAT_VERSION = 1
NAMES = ("before", "after")


class CompareError(ProblemsError):
    """One file or both cannot be compared; each problem names its ``file``."""


def _older(definition: dict[str, Any], doc: object) -> bool:
    """Whether doc is, by its header, for this assessment but an earlier (or other) version of it."""
    return (isinstance(doc, dict) and doc.get("assessment") == definition["id"]
            and isinstance(doc.get("assessment_version"), str) and doc["assessment_version"] != definition["version"])


def prune(definition: dict[str, Any], doc: object, file: str) -> tuple[object, list[dict[str, str]]]:
    """A file written for another version, without its answers and plan entries for items the assessment no
    longer has; and ``[{"id", "file", "part"}]`` for each key dropped. Other files are returned unchanged."""
    if not _older(definition, doc):
        return doc, []
    assert isinstance(doc, dict)
    known = set(answer_keys(definition))
    removed: list[dict[str, str]] = []
    pruned = dict(doc)  # a new top level; the parts replaced below are new objects, so doc is not changed

    def keep(part: str, mapping: dict[str, Any]) -> dict[str, Any]:
        for key in mapping:
            gone = {"id": key, "file": file, "part": part}
            if key not in known and gone not in removed:  # a matrix names a criterion once per area
                removed.append(gone)
        return {key: value for key, value in mapping.items() if key in known}

    answers = doc.get("answers")
    if definition["kind"] == "maturity" and isinstance(answers, dict):
        pruned["answers"] = keep("answers", answers)
    elif definition["kind"] == "matrix" and isinstance(answers, dict) and isinstance(answers.get("areas"), list):
        pruned["answers"] = {**answers, "areas": [
            {**row, "levels": keep("answers", row["levels"])}
            if isinstance(row, dict) and isinstance(row.get("levels"), dict) else row
            for row in answers["areas"]]}
    if definition["kind"] == "maturity" and isinstance(doc.get("plan"), dict):
        pruned["plan"] = keep("plan", doc["plan"])
    review = doc.get("review")
    if definition["kind"] == "maturity" and isinstance(review, dict) and isinstance(review.get("rounds"), list):
        # A review's decisions and responses on items gone since go with the answers they were about.
        pruned["review"] = {**review, "rounds": [
            {**one, **{part: keep("review", one[part]) for part in ("items", "responses")
                       if isinstance(one.get(part), dict)}} if isinstance(one, dict) else one
            for one in review["rounds"]]}
    return pruned, removed


def _checked(definition: dict[str, Any], before: object, after: object,
             names: tuple[str, str]) -> tuple[list[tuple[object, list[dict[str, str]]]], list[Problem]]:
    """Both files pruned (see prune), and every problem with them: each is pruned and validated once."""
    pruned = [prune(definition, doc, name) for name, doc in zip(names, (before, after), strict=True)]
    # The form's field is left out: a comparison reads files, not the page's form.
    found = [Problem(p.path, p.message, name)
             for name, (doc, _) in zip(names, pruned, strict=True) for p in validate(definition, doc)]
    return pruned, found


def problems(definition: dict[str, Any], before: object, after: object,
             names: tuple[str, str] = NAMES) -> list[Problem]:
    """Every problem with either file, each naming its file (never raises)."""
    return _checked(definition, before, after, names)[1]


def compare(definition: dict[str, Any], before: object, after: object,
            names: tuple[str, str] = NAMES, facts: Facts | None = None) -> dict[str, Any]:
    """The comparison of two files (named for messages); CompareError if either is not valid. ``facts``: the
    definition's, when the caller keeps them."""
    pruned, found = _checked(definition, before, after, names)
    if found:
        raise CompareError(found)
    (first, gone_before), (second, gone_after) = pruned
    assert isinstance(first, dict) and isinstance(second, dict)  # validated above
    facts = facts or Facts(definition)
    was, now = score_valid(facts, first), score_valid(facts, second)
    removed = gone_before + gone_after
    rows = _items(definition, first, was, now) if definition["kind"] == "maturity" else []
    lang = lang_of(definition)
    actions = add_actions(definition, first, second, rows, lang) if definition["kind"] == "maturity" else None
    moved = {kind: [r for r in rows if r["movement"] == kind] for kind in ("improved", "slipped", "unchanged", "new")}
    who = header_of(first, lang), header_of(second, lang)
    result = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "assessment": assessment_block(definition),
        "definition_version": definition["version"],
        "before_version": first["assessment_version"], "after_version": second["assessment_version"],
        "before": _side(names[0], was, who[0]), "after": _side(names[1], now, who[1]),
        "warnings": warnings(*who, lang),
        "context_changed": was["context"] != now["context"],
        "overall": {"before": was["overall"]["percent"], "after": now["overall"]["percent"],
                    "change": change(was["overall"]["percent"], now["overall"]["percent"]),
                    "before_confidence": was["overall"]["confidence"],
                    "after_confidence": now["overall"]["confidence"],
                    "before_band": was["overall"]["band"], "after_band": now["overall"]["band"]},
        "sections": [{"id": b["id"], "title": b["title"], "before": b["percent"], "after": a["percent"],
                      "change": change(b["percent"], a["percent"])}
                     for b, a in zip(was["sections"], now["sections"], strict=True)],
        "items": rows,
        "actions": actions,
        # Biggest moves first; equal moves (and the other lists) in form order.
        "improved": [r["id"] for r in sorted(moved["improved"], key=lambda r: -r["change"])],
        "slipped": [r["id"] for r in sorted(moved["slipped"], key=lambda r: r["change"])],
        "unchanged": [r["id"] for r in moved["unchanged"]],
        "new": [r["id"] for r in moved["new"]],
        "gone": sorted({r["id"] for r in removed}),
        "removed": removed,
        "matrix": _areas(was, now, lang) if definition["kind"] == "matrix" else None,
        "classification": _mix(was, now) if definition["kind"] == "classification" else None,
    }
    result["notes"] = notes(result, lang)
    return result


def _side(name: str, result: dict[str, Any], who: dict[str, Any]) -> dict[str, Any]:
    return {"file": name, "respondent": result["respondent"], "context": result["context"],
            "version_matches": result["version_matches"], "who": who, "review": result["review"]}


def _items(definition: dict[str, Any], first: dict[str, Any], was: dict[str, Any],
           now: dict[str, Any]) -> list[dict[str, Any]]:
    """Each item's level before and after, the change when both were rated, and how it moved."""
    # An item asked of, but not in, a file for another version could not have been answered: it is new since.
    new = {item["id"] for _, item in items(definition)
           if _older(definition, first) and item["id"] not in first["answers"]}
    rows, lang = [], lang_of(definition)
    for b, a in zip(was["working"]["items"], now["working"]["items"], strict=True):
        moved = a["level"] - b["level"] if b["status"] == a["status"] == "scored" else None
        movement = ("new" if b["id"] in new and b["status"] != "not-asked" else "not compared" if moved is None
                    else "improved" if moved > 0 else "slipped" if moved < 0 else "unchanged")
        rows.append({"id": b["id"], "title": b["title"], "section": b["section"],
                     "before": b["level"], "before_label": b["level_label"], "before_status": b["status"],
                     # Not applicable reads with its reason, as everywhere the answer is shown (issue 30).
                     "before_text": b["answer_words"] if b["status"] == "na" else side_text(
                         b["level_label"], b["status"], lang),
                     "after": a["level"], "after_label": a["level_label"], "after_status": a["status"],
                     "after_text": a["answer_words"] if a["status"] == "na" else side_text(
                         a["level_label"], a["status"], lang),
                     "change": moved, "movement": movement})
    return rows


def _areas(was: dict[str, Any], now: dict[str, Any], lang: str) -> dict[str, Any]:
    """Areas matched by name: score, rank and flag before and after; areas only in the before file go last."""
    before = {fold(a["name"]): a for a in was["matrix"]["areas"]}
    after = {fold(a["name"]): a for a in now["matrix"]["areas"]}
    keys = [*after, *(key for key in before if key not in after)]
    rows = []
    for key in keys:
        b, a = before.get(key), after.get(key)
        rows.append({"name": (a or b or {})["name"], "before": b and b["percent"], "after": a and a["percent"],
                     "change": change(b and b["percent"], a and a["percent"]),
                     "before_rank": b and b["rank"], "after_rank": a and a["rank"],
                     "before_rank_text": rank_word(b and b["rank"], b is not None, lang),
                     "after_rank_text": rank_word(a and a["rank"], a is not None, lang),
                     "before_flag": b["flag"]["label"] if b and b["flag"] else None,
                     "after_flag": a["flag"]["label"] if a and a["flag"] else None})
    flag = now["matrix"]["flag"]
    return {"row_label": now["matrix"]["row_label"], "flag_title": flag["title"] if flag else None, "areas": rows}


def _mix(was: dict[str, Any], now: dict[str, Any]) -> dict[str, Any]:
    """Each class's count and share before and after, and the outcome share."""
    b, a = was["classification"], now["classification"]
    return {"row_label": a["row_label"],
            "classes": [{"id": x["id"], "label": x["label"], "outcome": x["outcome"], "before": x["count"],
                         "after": y["count"], "before_percent": x["percent"], "after_percent": y["percent"],
                         "change": change(x["percent"], y["percent"])}
                        for x, y in zip(b["classes"], a["classes"], strict=True)],
            "outcome_share": {"before": b["outcome_share"], "after": a["outcome_share"],
                              "change": change(b["outcome_share"], a["outcome_share"])}}
