"""Merges several people's answers to one assessment: each item's spread, the sections, and roles side by side.

Every valid file is one respondent; an invalid one is reported under ``skipped`` and left out. Items are
summarised over the respondents they apply to (respondents may choose different models or scopes). Figures are
exact fractions until the end, then rounded to one decimal place, as for one file (see rounding.py): merging a
single file gives its own levels and percents back.

A merge of F files of an assessment with I items takes O(F x I) steps (issue 36): each file is read, validated
and tallied once, each item's row is one pass over the respondents, and no step compares files with each other
(a repeated file is found by its answers' key in a dict, api._team).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.compare_text import header_of
from obc_assess.core.definition import assessment_block
from obc_assess.core.facts import Facts
from obc_assess.core.languages import DEFAULT, lang_of
from obc_assess.core.problem import FILE, Problem
from obc_assess.core.responses import context_of, role_label, roles, validate
from obc_assess.core.review_result import reviewers, team_review
from obc_assess.core.scoring import Tallied, score_valid, tally_maturity
from obc_assess.core.stats import mean, spread
from obc_assess.core.team_rows import merge_classification, merge_matrix
from obc_assess.core.team_text import (
    DISAGREEMENT,
    agreement,
    cell_text,
    disagreement_text,
    disagreement_words,
    keep_back_roles,
    levels_text,
    plan_row,
)
from obc_assess.core.typed_text import tidy
from obc_assess.core.words import answer_label

FORMAT = "obc-assess/team"
FORMAT_VERSION = 1
COUNTS = ("answered", "na", "unknown", "unanswered")
# Which count an asked item's status adds to: an optional item left blank counts as unanswered here, as in a
# section's counts.
_COUNTED = {"scored": "answered", "na": "na", "unknown": "unknown", "unanswered": "unanswered",
            "skipped": "unanswered"}


def file_label(name: str, position: int, anonymous: bool, lang: str = DEFAULT) -> str:
    """How the result names a file left out: by name, or when anonymous by its place (1, 2...) in the list, since a
    file's name often names its author."""
    return text(lang, "core.file-n", n=position) if anonymous else name


def same_answers(doc: object) -> str:
    """What makes two answers files one person's: the same document, whenever it was saved and whoever reviewed
    it (a reviewed copy holds the author's answers too, issue 34). A team merge counts such files once and names
    the repeat (the command line and the page alike)."""
    kept = {k: v for k, v in doc.items() if k not in ("saved_at", "review")} if isinstance(doc, dict) else doc
    return json.dumps(kept, sort_keys=True, ensure_ascii=False)


def repeated(first: str, position: int, anonymous: bool, lang: str = DEFAULT) -> Problem:
    """Why a file is left out of a merge when it repeats an earlier file's answers (``first``, at ``position``)."""
    return Problem(FILE, text(lang, "core.team-repeated", file=file_label(first, position, anonymous, lang)))


def aggregate(definition: dict[str, Any], docs: Sequence[tuple[str, object]],
              anonymous: bool = False, checked: bool = False, facts: Facts | None = None) -> dict[str, Any]:
    """The team result for (file name, parsed JSON) pairs, in the order given (never raises for bad files).

    ``checked``: the caller has already validated every doc (as the browser API does while reading the files),
    so they are not validated again: for hundreds of files that is a good part of the time. ``facts``: the
    definition's, when the caller keeps them."""
    skipped, merged = [], []
    lang = lang_of(definition)
    for position, (label, doc) in enumerate(docs, start=1):
        problems = [] if checked else validate(definition, doc)
        if problems:
            skipped.append({"file": file_label(label, position, anonymous, lang),
                            "problems": [p.to_dict() for p in problems]})
        else:
            assert isinstance(doc, dict)  # validate reports anything else
            merged.append((label, doc))
    facts = facts or Facts(definition)
    kind = definition["kind"]
    scored: list[Tallied] = []
    results: list[dict[str, Any]] = []
    if kind == "maturity":
        # Only each file's tallies are merged (tally_maturity: the rules score() applies), so priorities,
        # working and plan, a good part of scoring one file, are never worked out here.
        scored = [tally_maturity(facts, doc) for _, doc in merged]
        overalls = [{"percent": one.overall.percent(), "confidence": one.overall.confidence(),
                     **one.overall.counts()} for one in scored]
    else:  # the row-based kinds merge what their results hold (ranks, shares)
        results = [score_valid(facts, doc) for _, doc in merged]
        overalls = [result["overall"] for result in results]
    reviews = [team_review(facts, doc, scored[n].answers if scored else None, anonymous)
               for n, (_, doc) in enumerate(merged)]
    people = [{**_respondent(definition, n, label, doc, overall, anonymous), "review": review}
              for n, ((label, doc), overall, review) in enumerate(zip(merged, overalls, reviews, strict=True),
                                                                   start=1)]
    roles_note = keep_back_roles(people, lang) if anonymous else None
    names = [p["name"] for p in people]
    item_rows = _items(facts, names, scored, [doc for _, doc in merged]) if kind == "maturity" else []
    overall = [one.overall.exact_percent() for one in scored]
    # Each respondent's exact section percents, worked out once for the sections and the roles.
    sections = {s["id"]: [one.sections[s["id"]].exact_percent() for one in scored] for s in definition["sections"]}
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "assessment": assessment_block(definition),
        "anonymous": anonymous, "summary": summary_line(len(people), len(skipped), lang),
        "respondents": people, "skipped": skipped,
        "context": _context(definition, people),
        "overall": {"respondents": len(people), **spread([v for v in overall if v is not None]),
                    **{k: sum(o[k] for o in overalls) for k in (*COUNTS, "total")}},
        "sections": _sections(definition, names, scored, sections) if kind == "maturity" else [],
        "items": item_rows,
        "disagreement": disagreement_words(lang),
        "disagreements": _disagreements(facts, item_rows),
        "roles": _roles(definition, people, sections, overall),
        "roles_note": roles_note,
        **reviewers([doc for _, doc in merged], anonymous, lang),
        "matrix": merge_matrix(facts, [doc for _, doc in merged], names, results) if kind == "matrix" else None,
        "classification": merge_classification(definition, names, results) if kind == "classification" else None,
    }


def _respondent(definition: dict[str, Any], n: int, label: str, doc: dict[str, Any], overall: dict[str, Any],
                anonymous: bool) -> dict[str, Any]:
    lang = lang_of(definition)
    who = header_of(doc, lang)
    name, role = who["name"], who["role"]
    model, scope = context_of(definition, doc)
    return {"n": n, "name": name if name and not anonymous else text(lang, "core.respondent-n", n=n),
            "file": None if anonymous else label, "role": role, "role_label": role_label(role, lang),
            # The organisation and the assessment date say which review a file is; neither names a person.
            "organisation": who["organisation"], "date": who["date"], "date_label": who["date_label"],
            "model": model, "model_label": text(lang, "core.not-decided") if model is None else text(
                lang, "core.model-one", model=model),
            "scope": scope, "assessment_version": doc["assessment_version"],
            "percent": overall["percent"], "confidence": overall["confidence"]}


def with_skipped(result: dict[str, Any], skipped: list[dict[str, Any]]) -> dict[str, Any]:
    """The result with every file left out listed (as a caller that read the files knows them) and counted."""
    result["skipped"] = skipped
    result["summary"] = summary_line(len(result["respondents"]), len(skipped), lang_of(result["assessment"]))
    return result


def summary_line(merged: int, left: int, lang: str = DEFAULT) -> str:
    """What the merge did, in one line: the page's status and the report's first line."""
    said = text(lang, "core.merged-one" if merged == 1 else "core.merged", count=merged)
    return text(lang, "core.merged-left-out", merged=said, left=left) if left else f"{said}."


def _items(facts: Facts, names: list[str], scored: list[Tallied], docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each item's answers side by side, their spread by name, and everyone's notes and plans for it: one pass
    over the respondents per item, so items x respondents steps in all."""
    rows = []
    not_asked = cell_text(False, None, facts.lang)
    people = [(name, one.answers, doc["answers"], doc.get("plan") or {})
              for name, one, doc in zip(names, scored, docs, strict=True)]
    for index, (section, item, _, optional, scale, _) in enumerate(facts.entries):
        item_id = item["id"]
        labels = facts.scale_labels[scale["id"]]  # looked up directly: this loop runs once per item per respondent
        texts = {level: cell_text(True, label, facts.lang) for level, label in labels.items()}
        cells: list[dict[str, Any]] = []
        levels: list[int] = []  # ints, not Fractions: the spread of levels is much cheaper to work out
        counts = dict.fromkeys(COUNTS, 0)
        notes: list[dict[str, str]] = []
        plans: list[dict[str, Any]] = []
        for name, answers, given, plan in people:
            level, status = answers[index]
            answer = given.get(item_id, {})
            if status == "not-asked":
                cells.append({"respondent": name, "asked": False, "level": None, "label": None, "na_reason": "",
                              "text": not_asked})
            else:
                # Not applicable is shown with its reason, wherever the answer is (issue 30).
                reason = str(answer.get("na_reason", "")) if status == "na" else ""
                cells.append({"respondent": name, "asked": True, "level": level, "label": labels[level],
                              "na_reason": reason, "text": answer_label(None, status, facts.lang, reason)
                              if status == "na" else texts[level]})
                counts[_COUNTED[status]] += 1
                if status == "scored":
                    assert isinstance(level, int)
                    levels.append(level)
            note = answer.get("note", "")
            if note and (note := tidy(note)):
                notes.append({"respondent": name, "note": note})
            if item_id in plan and (row := plan_row(labels, name, plan[item_id], facts.lang)):
                plans.append(row)
        stats = spread(levels, whole=True)
        rows.append({"id": item_id, "title": item["title"], "section": section["id"], "optional": optional,
                     "respondents": sum(counts.values()),  # each respondent asked adds to one count
                     "levels": cells, **counts, **stats,
                     "agreement": agreement(stats["range"], facts.lang),
                     "range_text": levels_text(labels, stats["min"], stats["max"], facts.lang),
                     "notes": notes, "plans": plans})
    return rows


def _sections(definition: dict[str, Any], names: list[str], scored: list[Tallied],
              exact: dict[str, list[Fraction | None]]) -> list[dict[str, Any]]:
    rows = []
    for section in definition["sections"]:
        tallies = [one.sections[section["id"]] for one in scored]
        known = [e for e in exact[section["id"]] if e is not None]
        rows.append({"id": section["id"], "title": section["title"], "optional": section["optional"],
                     "respondents": len(known),
                     "percents": [{"respondent": name, "percent": t.percent()}
                                  for name, t in zip(names, tallies, strict=True)],
                     **{k: sum(getattr(t, k) for t in tallies) for k in (*COUNTS, "total")},
                     **spread(known)})
    return rows


def _disagreements(facts: Facts, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items whose answers spread at least DISAGREEMENT levels: widest first, then in form order."""
    found = []
    scales = {entry.item["id"]: facts.scale_labels[entry.scale["id"]] for entry in facts.entries}
    for row in rows:
        if row["range"] is None or row["range"] < DISAGREEMENT:
            continue
        at = {edge: [c["respondent"] for c in row["levels"] if c["asked"] and c["level"] == row[edge]]
              for edge in ("min", "max")}
        found.append({"id": row["id"], "title": row["title"], "section": row["section"], "range": row["range"],
                      "min": row["min"], "max": row["max"], "mean": row["mean"],
                      "lowest": at["min"], "highest": at["max"],
                      "min_label": scales[row["id"]][row["min"]], "max_label": scales[row["id"]][row["max"]],
                      "agreement": row["agreement"],
                      "text": disagreement_text(scales[row["id"]], row, at["min"], at["max"], facts.lang)})
    return sorted(found, key=lambda d: -d["range"])  # stable: equal spreads keep form order


def _roles(definition: dict[str, Any], people: list[dict[str, Any]], sections: dict[str, list[Fraction | None]],
           overall: list[Fraction | None]) -> list[dict[str, Any]]:
    """Per role given (in ROLE_IDS order; roles nobody gave, and roles kept back when anonymous, left out): mean
    percents, section by section."""
    maturity = definition["kind"] == "maturity"
    rows = []
    for role, label in roles(lang_of(definition)).items():
        members = [n for n, person in enumerate(people) if person["role"] == role]
        if not members:
            continue
        rows.append({
            "role": role, "label": label,
            "respondents": [{"name": people[n]["name"], "percent": people[n]["percent"]} for n in members],
            "percent": mean([overall[n] for n in members]) if maturity else None,
            "sections": [{"id": s["id"], "title": s["title"],
                          "percent": mean([sections[s["id"]][n] for n in members])}
                         for s in definition["sections"]] if maturity else [],
        })
    return rows


def _model_word(model: int | None, lang: str) -> str:
    return text(lang, "core.not-decided-lower") if model is None else text(lang, "core.model-lower", model=model)


def _context(definition: dict[str, Any], people: list[dict[str, Any]]) -> dict[str, Any]:
    """Which models, scopes and assessment versions the respondents answered for, and what that means."""
    models = Counter(p["model"] for p in people)
    scopes = Counter(p["scope"] for p in people)
    versions = Counter(p["assessment_version"] for p in people)
    options = {o["id"]: o["label"] for o in (definition["scope"] or {}).get("options", [])}
    model_order = sorted(models, key=lambda m: (m is None, m or 0))
    scope_order = [*(o for o in options if o in scopes), *([None] if None in scopes else [])]
    notes = []
    lang = lang_of(definition)
    if len(models) > 1:
        shown = ", ".join(f"{_model_word(m, lang)} ({models[m]})" for m in model_order)
        notes.append(text(lang, "core.team-models-differ", shown=shown))
    if len(scopes) > 1:
        shown = ", ".join(f"{options[s] if s else text(lang, 'core.scope-both')} ({scopes[s]})" for s in scope_order)
        notes.append(text(lang, "core.team-scopes-differ", shown=shown))
    if notes:
        notes.append(text(lang, "core.team-each-item"))
    older = sorted(v for v in versions if v != definition["version"])
    if older:
        notes.append(text(lang, "core.team-versions-differ", count=sum(versions[v] for v in older), total=len(people),
                          versions=", ".join(older), version=definition["version"]))
    return {"same": len(models) <= 1 and len(scopes) <= 1,
            "models": [{"model": m, "count": models[m]} for m in model_order],
            "scopes": [{"scope": s, "label": options.get(s) if s else None, "count": scopes[s]} for s in scope_order],
            "versions": [{"version": v, "count": versions[v], "current": v == definition["version"]}
                         for v in sorted(versions)],
            "notes": notes}
