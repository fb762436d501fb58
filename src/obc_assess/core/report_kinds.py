"""The report sections of a matrix result and of a classification result (a result's report, ``report.py``)."""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.document import Link, Report, emphasised
from obc_assess.core.formats import columns, confidence_line, guidance, percent, rated, warning
from obc_assess.core.matrix_text import area_heading, area_tables, flag_lines


def matrix(report: Report, result: dict[str, Any], base_url: str) -> None:
    """The areas in order of priority (and those too thin to rank), the criteria, the gaps, each area's ratings."""
    lang, block = report.lang, result["matrix"]
    label = block["row_label"]
    report.heading(1, text(lang, "core.h-overall"))
    report.paragraph(confidence_line(result["overall"], text(lang, "core.progress-matrix"), lang))
    report.heading(1, text(lang, "core.h-rows-in-order", label=label))
    (head, rows), (unranked_head, unranked) = area_tables(result, lang)
    if not block["areas"]:
        report.paragraph(text(lang, "core.no-row-named", label=label.lower()))
    elif rows:
        report.table(text(lang, "core.rows-in-order-caption", label=label), head, rows,
                     [1, 4, 1, 1, 1, *([3] * (len(head) - 6)), 4])
        report.chart(text(lang, "core.row-bars", label=label), (label, text(lang, "core.bar-score")),
                     [(f"{a['rank']}. {a['name']}: {percent(a['percent'], lang)}", a["percent"])
                      for a in block["areas"] if a["rank"] is not None])
    if unranked:
        report.heading(1, block["unranked_label"])
        report.paragraph(block["unranked_intro"])
        report.table(block["unranked_label"], unranked_head, unranked,
                     [4, 1, 1, *([3] * (len(unranked_head) - 4)), 4])
    for line in flag_lines(result, lang) if block["areas"] else []:
        report.paragraph(line)
    report.heading(1, text(lang, "core.h-criteria"))
    report.paragraph(text(lang, "core.criteria-intro"))
    report.table(text(lang, "core.h-criteria"), columns(lang, "criterion", "score", "rated"),
                 [[s["display_title"], percent(s["percent"], lang), rated(s, lang)] for s in result["sections"]],
                 [4, 1, 1])
    if result["evidence_gaps"]:
        report.heading(1, text(lang, "core.h-gaps"))
        report.bullets([(f"{g['area']}: {g['title']}", *guidance(base_url, g["guidance_url"], lang))
                        for g in result["evidence_gaps"]])
    not_answered = text(lang, "core.status-unanswered")
    for area in block["areas"]:
        report.heading(2, area_heading(area, block))
        report.table(text(lang, "core.ratings-caption", name=area["name"]),
                     columns(lang, "criterion", "rating"),
                     [[c["title"], c["label"] or not_answered] for c in area["levels"]], [3, 2])
    report.heading(1, text(lang, "core.h-how"))
    report.paragraph(result["working"]["explanation"])


def classification(report: Report, result: dict[str, Any], base_url: str) -> None:
    """The outcome share and its warning, the categories with their counts, then each measure's category."""
    lang, block = report.lang, result["classification"]
    label = block["row_label"].lower()
    report.heading(1, text(lang, "core.h-overall"))
    if block["outcome_share"] is None:
        report.paragraph(text(lang, "core.share-no-category", label=label))
    else:
        report.paragraph(emphasised(lang, "core.share-outcomes", {"share": percent(block["outcome_share"], lang)},
                                    classified=block["classified"], label=label))
    if block["flag"]["raised"]:
        report.paragraph(warning(lang, block["flag"]["message"]), warning=True)
    if block["unclassified"]:
        report.paragraph(text(lang, "core.unclassified", count=block["unclassified"], label=label))
    heading = text(lang, "core.h-categories")
    report.heading(1, heading)
    report.table(heading, columns(lang, "category", "outcome", "count", "share"), [
        [Link(c["label"], f"{base_url}{c['guidance_url']}"), text(lang, "core.yes" if c["outcome"] else "core.no"),
         str(c["count"]), percent(c["percent"], lang)] for c in block["classes"]], [4, 1, 1, 1])
    report.chart(text(lang, "core.category-bars"), (text(lang, "core.col-category"), text(lang, "core.bar-share")),
                 [(f"{c['label']}: {percent(c['percent'], lang)}", c["percent"]) for c in block["classes"]])
    rows = text(lang, "core.h-rows", label=block["row_label"])
    report.heading(1, rows)
    if block["measures"]:
        report.table(rows, columns(lang, "name", "category", "note"), [
            [m["name"], m["label"] or text(lang, "core.none-yet"), m["note"]] for m in block["measures"]], [3, 2, 4])
    else:
        report.paragraph(text(lang, "core.no-rows-listed", label=label))

