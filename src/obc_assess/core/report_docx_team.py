"""The Word (.docx) reports of a team merge and of a before-and-after comparison (their Markdown's content), in
the result's language (the document's language set to match)."""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.languages import lang_of
from obc_assess.core.matrix_text import NONE, compare_table, team_table
from obc_assess.core.report_team import _pct, _signed, followed, plan_text
from obc_assess.core.wordml import Cell, Document


def _cols(lang: str, *keys: str) -> list[str]:
    return [text(lang, f"core.col-{key}") for key in keys]


def _lead(sentence: str) -> Cell:
    """A sentence whose words before the first ": " lead in bold ("Outcome share: 50.0% of ...")."""
    head, colon, rest = sentence.partition(": ")
    return (head + colon, rest) if colon else sentence


def _label(lang: str, key: str) -> str:
    return f"{text(lang, key)}: "


def team_docx(result: dict[str, Any]) -> bytes:
    """A team result as .docx bytes: who took part, the sections and their chart, where answers differ, items."""
    assessment, overall = result["assessment"], result["overall"]
    lang = lang_of(assessment)
    title = text(lang, "core.team-title", title=assessment["title"])
    doc = Document(title, lang)
    doc.paragraph(title, "Title")
    lines: list[Cell] = [(_label(lang, "core.about-assessment"),
                          f"{assessment['title']}, {text(lang, 'core.version', version=assessment['version'])}"),
                         (_label(lang, "core.team-respondents"), str(overall["respondents"]))]
    lines += [_lead(text(lang, "core.team-left-out", file=s["file"], count=len(s["problems"])))
              for s in result["skipped"]]
    lines += [result["roles_note"]] if result["roles_note"] else []
    doc.bullets(lines)
    for note in result["context"]["notes"]:
        doc.paragraph(note)
    people = result["respondents"]
    participants = text(lang, "core.h-participants")
    doc.heading(1, participants)
    doc.table(participants, _cols(lang, "respondent", "role", "score", "confidence"), [
        [p["name"], p["role_label"], _pct(p["percent"]), _pct(p["confidence"])] for p in people], [4, 3, 1, 1])
    if assessment["kind"] == "maturity":
        _maturity(doc, result, lang)
    elif result["matrix"] is not None:
        label = result["matrix"]["row_label"]
        heading = text(lang, "core.h-team-rows", label=label)
        doc.heading(1, heading)
        head, rows = team_table(result, lang, each=False)
        doc.table(heading, head, rows, [2, 4, 1, 1, 1, *([3] * (len(head) - 5))])
    else:
        block = result["classification"]
        mix = text(lang, "core.h-combined-mix")
        doc.heading(1, mix)
        doc.paragraph(_lead(text(lang, "core.team-outcome-share", share=_pct(block["outcome_share"]),
                                 classified=block["classified"], label=block["row_label"].lower())))
        if block["flag"]["raised"]:
            doc.paragraph((f"{text(lang, 'core.warning')} ", block["flag"]["message"]))
        doc.table(mix, _cols(lang, "category", "count", "share"),
                  [[c["label"], str(c["count"]), _pct(c["percent"])] for c in block["classes"]], [4, 1, 1])
    return doc.to_bytes()


def _maturity(doc: Document, result: dict[str, Any], lang: str) -> None:
    overall = result["overall"]
    doc.heading(1, text(lang, "core.h-overall"))
    doc.paragraph(text(lang, "core.team-none-rated") if overall["mean"] is None else
                  text(lang, "core.team-mean", mean=_pct(overall["mean"]), median=_pct(overall["median"]),
                       min=_pct(overall["min"]), max=_pct(overall["max"])))
    doc.heading(1, text(lang, "core.h-sections"))
    doc.table(text(lang, "core.section-scores"), _cols(lang, "section", "mean", "median", "lowest", "highest",
                                                       "spread"), [
        [s["title"], _pct(s["mean"]), _pct(s["median"]), _pct(s["min"]), _pct(s["max"]),
         NONE if s["range"] is None else text(lang, "core.points-spread", points=f"{s['range']:.1f}")]
        for s in result["sections"]], [4, 1, 1, 1, 1, 1])
    doc.heading(2, text(lang, "core.section-chart"))
    doc.bars(text(lang, "core.section-mean-bars"), (text(lang, "core.col-section"), text(lang, "core.bar-team-mean")),
             [(f"{s['title']}: {_pct(s['mean'])}", s["mean"]) for s in result["sections"]])
    doc.heading(1, text(lang, "core.h-differ-most"))
    if result["disagreements"]:
        doc.paragraph(result["disagreement"]["rule"])
        doc.bullets([(f"{d['title']}: ", f"{d['text']}.") for d in result["disagreements"]])
    else:
        doc.paragraph(result["disagreement"]["none"])
    if result["roles"]:
        by_role = text(lang, "core.h-by-role")
        doc.heading(1, by_role)
        head = [*_cols(lang, "role", "respondents", "overall"), *(s["title"] for s in result["sections"])]
        doc.table(by_role, head, [
            [r["label"], str(len(r["respondents"])), _pct(r["percent"]), *(_pct(s["percent"]) for s in r["sections"])]
            for r in result["roles"]])
    heading = text(lang, "core.h-items")
    doc.heading(1, heading)
    doc.table(heading, _cols(lang, "item", "answers", "agreement", "each-answer"), [
        [i["title"], i["range_text"] or NONE, i["agreement"]["label"] if i["agreement"] else NONE,
         "\n".join(f"{c['respondent']}: {c['text']}" for c in i["levels"])] for i in result["items"]], [3, 3, 2, 3])
    noted = [i for i in result["items"] if i["notes"] or i["plans"]]
    if noted:
        doc.heading(1, text(lang, "core.h-notes-plans"))
    for item in noted:
        doc.heading(2, item["title"])
        doc.bullets([(f"{text(lang, 'core.note-from', name=n['respondent'])}: ", n["note"]) for n in item["notes"]]
                    + [(f"{text(lang, 'core.plan-from', name=p['respondent'])}: ", plan_text(p, str, lang))
                       for p in item["plans"]])


def compare_docx(result: dict[str, Any]) -> bytes:
    """A comparison as .docx bytes: who and when, warnings, the overall move, sections and the items that moved."""
    lang = lang_of(result["assessment"])
    title = text(lang, "core.compare-title", title=result["assessment"]["title"])
    doc = Document(title, lang)
    doc.paragraph(title, "Title")
    lines: list[Cell] = []
    for side in ("before", "after"):
        info = result[side]
        lines.append(_lead(text(lang, f"core.compare-side-{side}", file=info["file"],
                                version=result[f"{side}_version"],
                                who=info["respondent"]["name"] or text(lang, "core.not-named"),
                                date=info["who"]["date_label"])))
    doc.bullets([*lines, *result["notes"]])
    for warning in result["warnings"]:
        doc.paragraph((f"{text(lang, 'core.warning')} ", warning["message"]))
    overall = result["overall"]
    doc.heading(1, text(lang, "core.h-overall"))
    doc.paragraph(text(lang, "core.compare-overall", before=_pct(overall["before"]), after=_pct(overall["after"]),
                       change=_signed(overall["change"])))
    if result["sections"]:
        doc.heading(1, text(lang, "core.h-sections"))
        doc.table(text(lang, "core.sections-before-after"), _cols(lang, "section", "before", "after", "change"), [
            [s["title"], _pct(s["before"]), _pct(s["after"]), _signed(s["change"])] for s in result["sections"]],
            [4, 1, 1, 1])
        doc.heading(2, text(lang, "core.section-chart"))
        doc.bars(text(lang, "core.sections-before-after-bars"),
                 (text(lang, "core.col-section"), text(lang, "core.bar-score")), [
            bar for s in result["sections"] for bar in (
                (text(lang, "core.bar-before", title=s["title"], percent=_pct(s["before"])), s["before"]),
                (text(lang, "core.bar-after", title=s["title"], percent=_pct(s["after"])), s["after"]))])
    items = {i["id"]: i for i in result["items"]}
    not_answered = text(lang, "core.not-answered-lower")
    for key in ("improved", "slipped", "new"):
        if result[key]:
            heading = text(lang, f"core.h-{key}")
            doc.heading(1, heading)
            doc.table(heading, _cols(lang, "item", "before", "after", "change"), [
                [items[i]["title"], items[i]["before_label"] or not_answered,
                 items[i]["after_label"] or not_answered, _signed(items[i]["change"])] for i in result[key]],
                [4, 2, 2, 1])
    if result["unchanged"]:
        doc.heading(1, text(lang, "core.h-unchanged"))
        doc.paragraph(", ".join(items[i]["title"] for i in result["unchanged"]) + ".")
    for title, table in followed(result, lang):
        doc.heading(1, title)
        doc.table(title, _cols(lang, "item", "action", "action-level"), table, [3, 4, 4])
    if result["removed"]:
        doc.heading(1, text(lang, "core.h-removed"))
        doc.paragraph(text(lang, "core.removed-intro"))
        doc.bullets([text(lang, "core.removed-line", id=r["id"], part=r["part"], file=r["file"])
                     for r in result["removed"]])
    if result["matrix"] is not None:
        rows = text(lang, "core.h-rows", label=result["matrix"]["row_label"])
        doc.heading(1, rows)
        head, table = compare_table(result, lang)
        doc.table(rows, head, table)
    if result["classification"] is not None:
        share = result["classification"]["outcome_share"]
        mix = text(lang, "core.h-measure-mix")
        doc.heading(1, mix)
        doc.paragraph(text(lang, "core.compare-share", before=_pct(share["before"]), after=_pct(share["after"]),
                           change=_signed(share["change"])))
        doc.table(mix, _cols(lang, "category", "before", "after", "change-in-share"), [
            [c["label"], str(c["before"]), str(c["after"]), _signed(c["change"])]
            for c in result["classification"]["classes"]])
    return doc.to_bytes()
