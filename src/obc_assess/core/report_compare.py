"""A before-and-after comparison as one report composed once (``compare_report``), rendered to Markdown and Word."""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.document import Report, emphasised
from obc_assess.core.document_markdown import to_markdown
from obc_assess.core.document_word import to_docx
from obc_assess.core.formats import columns, given, percent, signed, warning
from obc_assess.core.languages import lang_of
from obc_assess.core.matrix_text import compare_table


def compare_markdown(result: dict[str, Any]) -> str:
    """A readable summary of a comparison, with everything typed escaped."""
    return to_markdown(compare_report(result))


def compare_docx(result: dict[str, Any]) -> bytes:
    """A comparison as .docx bytes."""
    return to_docx(compare_report(result))


def compare_report(result: dict[str, Any]) -> Report:
    """Who and when, warnings, the overall move, sections, the items that moved, the actions, what was left out."""
    lang = lang_of(result["assessment"])
    report = Report(text(lang, "core.compare-title", title=result["assessment"]["title"]), lang)
    report.bullets([*(text(lang, f"core.compare-side-{side}", file=result[side]["file"],
                           version=result[f"{side}_version"],
                           who=given(result[side]["respondent"]["name"], text(lang, "core.not-named")),
                           date=result[side]["who"]["date_label"]) for side in ("before", "after")),
                    *result["notes"]])
    for message in result["warnings"]:
        report.paragraph(warning(lang, message["message"]), warning=True)
    overall = result["overall"]
    report.heading(1, text(lang, "core.h-overall"))
    report.paragraph(emphasised(lang, "core.compare-overall", {"before": percent(overall["before"], lang),
                                                               "after": percent(overall["after"], lang)},
                                change=signed(overall["change"])))
    if result["sections"]:
        report.heading(1, text(lang, "core.h-sections"))
        report.table(text(lang, "core.sections-before-after"), columns(lang, "section", "before", "after", "change"), [
            [s["title"], percent(s["before"], lang), percent(s["after"], lang), signed(s["change"])]
            for s in result["sections"]], [4, 1, 1, 1])
        report.chart(text(lang, "core.sections-before-after-bars"),
                     (text(lang, "core.col-section"), text(lang, "core.bar-score")), [
            bar for s in result["sections"] for bar in (
                (text(lang, "core.bar-before", title=s["title"], percent=percent(s["before"], lang)), s["before"]),
                (text(lang, "core.bar-after", title=s["title"], percent=percent(s["after"], lang)), s["after"]))])
    _moved(report, result)
    for heading, rows in _followed(result, lang):
        report.heading(1, heading)
        report.table(heading, columns(lang, "item", "action", "action-level"), rows, [3, 4, 4])
    if result["removed"]:
        report.heading(1, text(lang, "core.h-removed"))
        report.paragraph(text(lang, "core.removed-intro"))
        report.bullets([text(lang, "core.removed-line", id=r["id"], part=r["part"], file=r["file"])
                        for r in result["removed"]])
    if result["matrix"] is not None:
        heading = text(lang, "core.h-rows", label=result["matrix"]["row_label"])
        report.heading(1, heading)
        head, rows = compare_table(result, lang)
        report.table(heading, head, rows)
    if result["classification"] is not None:
        share = result["classification"]["outcome_share"]
        heading = text(lang, "core.h-measure-mix")
        report.heading(1, heading)
        report.paragraph(text(lang, "core.compare-share", before=percent(share["before"], lang),
                              after=percent(share["after"], lang), change=signed(share["change"])))
        report.table(heading, columns(lang, "category", "before", "after", "change-in-share"), [
            [c["label"], str(c["before"]), str(c["after"]), signed(c["change"])]
            for c in result["classification"]["classes"]])
    return report


def _moved(report: Report, result: dict[str, Any]) -> None:
    """The items that improved, slipped or are new, each from its level before to after; then those unchanged."""
    lang, items = report.lang, {i["id"]: i for i in result["items"]}
    not_answered = text(lang, "core.not-answered-lower")
    for key in ("improved", "slipped", "new"):
        if result[key]:
            heading = text(lang, f"core.h-{key}")
            report.heading(1, heading)
            report.table(heading, columns(lang, "item", "before", "after", "change"), [
                [items[i]["title"], items[i]["before_label"] or not_answered, items[i]["after_label"] or not_answered,
                 signed(items[i]["change"])] for i in result[key]], [4, 2, 2, 1])
    if result["unchanged"]:
        report.heading(1, text(lang, "core.h-unchanged"))
        report.paragraph(", ".join(items[i]["title"] for i in result["unchanged"]) + ".")


def _followed(result: dict[str, Any], lang: str) -> list[tuple[str, list[list[str]]]]:
    """The follow-through tables: every action beside its item's change in level, then the overdue and the
    dropped ones; (heading, rows of item, action, status and level)."""
    actions = result.get("actions")
    if not actions:
        return []
    items = {i["id"]: i for i in result["items"]}
    every = [[i["title"], (i["before_action"] or i["after_action"])["action"], i["action_text"]]
             for i in result["items"] if i.get("action_text")]
    overdue = [[a["title"], a["action"], items[a["id"]]["action_text"]] for a in actions["overdue"]]
    dropped = [[a["title"], a["action"], f"{items[a['id']]['action_text']}. {a['review']}" if a["review"]
                else items[a["id"]]["action_text"]] for a in actions["dropped"]]
    return [(text(lang, key), rows) for key, rows in (("core.h-actions-and-levels", every),
                                                      ("core.h-actions-overdue", overdue),
                                                      ("core.h-actions-dropped", dropped)) if rows]
