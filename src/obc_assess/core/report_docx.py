"""The Word (.docx) report of one person's result: the Markdown report's content, with real headings and tables,
in the result's language (the document's language is set to match: cy-GB or en-GB)."""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.languages import lang_of
from obc_assess.core.matrix_text import area_heading, area_tables, flag_lines
from obc_assess.core.report import answered_by, band_words, confidence_line, pct, scoring_sentence, version_phrase
from obc_assess.core.report_followup import per_item, profile_table
from obc_assess.core.wordml import Cell, Document


def _label(lang: str, key: str) -> str:
    """A lead-in before a value: "Model: "."""
    return f"{text(lang, key)}: "


def _cols(lang: str, *keys: str) -> list[str]:
    return [text(lang, f"core.col-{key}") for key in keys]


def _rated(row: dict[str, Any], lang: str) -> str:
    return text(lang, "core.rated-of", answered=row["answered"], total=row["total"])


def about(result: dict[str, Any]) -> list[Cell]:
    """Who, for whom, when and with which choices: the lines under the title."""
    assessment, context, respondent = result["assessment"], result["context"], result["respondent"]
    lang = lang_of(assessment)
    lines: list[Cell] = [(_label(lang, "core.about-assessment"),
                          f"{assessment['title']}, {version_phrase(result, str)}")]
    # The answers format gives organisation and date from format 2 on; an older result has neither.
    if respondent.get("organisation"):
        lines.append((_label(lang, "core.about-organisation"), respondent["organisation"]))
    if result.get("assessment_date_label"):
        lines.append((_label(lang, "core.date-of-assessment"), result["assessment_date_label"]))
    if context["model"] is not None:
        lines.append((_label(lang, "core.about-model"), f"{context['model']}, {context['model_name']}"))
    if context["scope"] is not None:
        lines.append((_label(lang, "core.about-scope"), context["scope_label"]))
    who = answered_by(result, lang, str)
    if who is not None:
        lines.append((_label(lang, "core.about-answered-by"), who))
    return lines


def result_docx(result: dict[str, Any]) -> bytes:
    """The report of a scored result (any kind) as .docx bytes, the same wherever it is made."""
    lang = lang_of(result["assessment"])
    title = text(lang, "core.report-title", title=result["assessment"]["title"])
    doc = Document(title, lang)
    doc.paragraph(title, "Title")
    doc.bullets(about(result))
    if result["classification"] is not None:
        _classification(doc, result, lang)
    elif result["matrix"] is not None:
        _matrix(doc, result, lang)
    else:
        _maturity(doc, result, lang)
    return doc.to_bytes()


def _band_line(summary: dict[str, Any], lang: str) -> Cell:
    band = summary["band"]
    if band:
        return (f"{pct(summary['percent'], lang)}: {band['label']}. ", summary["band_words"])
    return (f"{pct(summary['percent'], lang)}: ", text(lang, "core.no-band-sentence"))


def _maturity(doc: Document, result: dict[str, Any], lang: str) -> None:
    overall, titles = result["overall"], {s["id"]: s["title"] for s in result["sections"]}
    doc.heading(1, text(lang, "core.h-overall-core"))
    doc.paragraph(_band_line(overall, lang))
    doc.paragraph(overall["band_reason"])
    if overall["na_line"]:
        doc.paragraph(overall["na_line"])
    doc.paragraph(confidence_line(overall, text(lang, "core.what-core-items"), lang))
    if result["na_notice"]:
        doc.paragraph(result["na_notice"])
    sections = [s for s in result["sections"] if s["total"]]
    doc.heading(1, text(lang, "core.h-sections"))
    doc.table(text(lang, "core.section-scores"), _cols(lang, "section", "score", "confidence", "rated"), [
        [f"{s['title']}{text(lang, 'core.optional-mark') if s['optional'] else ''}", pct(s["percent"], lang),
         pct(s["confidence"], lang), _rated(s, lang)] for s in sections], [4, 1, 1, 1])
    doc.heading(2, text(lang, "core.section-chart"))
    doc.bars(text(lang, "core.section-bars"), (text(lang, "core.col-section"), text(lang, "core.bar-score")),
             [(f"{s['title']}: {pct(s['percent'], lang)}", s["percent"]) for s in sections])
    if result["extras"]:
        doc.heading(1, text(lang, "core.h-extras"))
        doc.paragraph(text(lang, "core.extras-apart"))
        doc.table(text(lang, "core.h-extras"), _cols(lang, "extra", "score", "band", "rated", "why"), [
            [e["title"], pct(e["percent"], lang), band_words(e["band"], lang), _rated(e, lang), e["band_why"]]
            for e in result["extras"]], [3, 1, 2, 1, 4])
    doc.heading(1, text(lang, "core.h-priorities"))
    if result["priorities"]:
        doc.table(text(lang, "core.h-priorities"), _cols(lang, "rank", "item", "why", "next-steps-sources"), [
            [str(p["rank"]), f"{p['title']} ({titles[p['section']]}"
                             f"{text(lang, 'core.optional-comma') if p['extras'] else ''})",
             p["reason"], _next(p, lang)] for p in result["priorities"]], [1, 3, 4, 5])
    else:
        doc.paragraph(text(lang, "core.priorities-none"))
    if result["evidence_gaps"]:
        doc.heading(1, text(lang, "core.h-gaps"))
        doc.paragraph(text(lang, "core.gaps-intro"))
        doc.bullets([g["title"] for g in result["evidence_gaps"]])
    not_answered = text(lang, "core.status-unanswered")
    if result.get("plan"):
        doc.heading(1, text(lang, "core.h-plan"))
        overdue = f" ({text(lang, 'core.action-overdue')})"
        doc.table(text(lang, "core.h-plan"), _cols(lang, "item", "now", "target", "action", "owner", "due", "status",
                                                   "review"), [
            [p["title"], p["level_label"] or not_answered, p["target_label"] or "", p["action"], p["owner"],
             p["due"], p["status_label"] + (overdue if p["overdue"] else ""), p["review"]] for p in result["plan"]],
            [3, 2, 2, 4, 2, 2, 2, 3])
    _evidence(doc, result, lang)
    _answers(doc, result, lang)
    doc.heading(1, text(lang, "core.h-how"))
    doc.paragraph(scoring_sentence(result["working"], lang))
    doc.paragraph(text(lang, "core.band-rules-intro"))
    doc.bullets(result["band_rules"])
    doc.paragraph(result["evidence"]["rule"])


def _evidence(doc: Document, result: dict[str, Any], lang: str) -> None:
    """The evidence profile and flags, then each item's evidence entries and action (report_followup.py)."""
    evidence = result["evidence"]
    doc.heading(1, text(lang, "core.h-evidence"))
    doc.paragraph(evidence["sentence"])
    head, rows = profile_table(result, lang)
    if rows:
        doc.table(text(lang, "core.evidence-profile-caption"), head, rows, [4, *([1] * (len(head) - 1))])
    if evidence["flags"]:
        doc.heading(2, text(lang, "core.h-evidence-flags"))
        doc.bullets([f"{f['title']}: {f['reason']}" for f in evidence["flags"]])
    followed = per_item(result, lang)
    if not followed:
        return
    doc.heading(1, text(lang, "core.h-followup"))
    for title, answer, entries, action in followed:
        doc.heading(2, title)
        lines: list[Cell] = [(_label(lang, "core.col-answer"), answer)]
        lines += [(_label(lang, "core.col-evidence"), entry) for entry in entries]
        if action is not None:
            lines.append((_label(lang, "core.col-action"), action))
        doc.bullets(lines)


def _next(priority: dict[str, Any], lang: str) -> str:
    """The item's own next steps, each with its source; the next level's wording only when it has none."""
    if priority["next_steps"]:
        return "\n".join(f"{step['text']} ({step['cite']})" for step in priority["next_steps"])
    target = priority["target"]
    return f"{text(lang, 'core.next-level')} {target['label']}, {target['descriptor']}"


def _answers(doc: Document, result: dict[str, Any], lang: str) -> None:
    doc.heading(1, text(lang, "core.h-answers"))
    asked = [i for i in result["working"]["items"] if i["status"] != "not-asked"]
    for section in result["sections"]:
        rows = [i for i in asked if i["section"] == section["id"]]
        if not rows:
            continue
        doc.heading(2, section["title"])
        doc.table(text(lang, "core.answers-caption", title=section["title"]),
                  _cols(lang, "item", "answer", "weight", "points", "note"), [
            [i["title"], i["answer_words"], str(i["weight"]),
             "" if i["contribution"] is None else str(i["contribution"]), i["note"]] for i in rows], [3, 2, 1, 1, 5])


def _matrix(doc: Document, result: dict[str, Any], lang: str) -> None:
    block = result["matrix"]
    label = block["row_label"]
    doc.heading(1, text(lang, "core.h-overall"))
    doc.paragraph(confidence_line(result["overall"], text(lang, "core.progress-matrix"), lang))
    doc.heading(1, text(lang, "core.h-rows-in-order", label=label))
    (head, rows), (unranked_head, unranked) = area_tables(result, lang)
    if not block["areas"]:
        doc.paragraph(text(lang, "core.no-row-named", label=label.lower()))
    elif rows:
        doc.table(text(lang, "core.rows-in-order-caption", label=label), head, rows,
                  [1, 4, 1, 1, 1, *([3] * (len(head) - 6)), 4])
        doc.heading(2, text(lang, "core.row-chart", label=label))
        ranked = [a for a in block["areas"] if a["rank"] is not None]
        doc.bars(text(lang, "core.row-bars", label=label), (label, text(lang, "core.bar-score")),
                 [(f"{a['rank']}. {a['name']}: {pct(a['percent'], lang)}", a["percent"]) for a in ranked])
    if unranked:
        doc.heading(1, block["unranked_label"])
        doc.paragraph(block["unranked_intro"])
        doc.table(block["unranked_label"], unranked_head, unranked,
                  [4, 1, 1, *([3] * (len(unranked_head) - 4)), 4])
    for line in flag_lines(result, lang) if block["areas"] else []:
        doc.paragraph(line)
    doc.heading(1, text(lang, "core.h-criteria"))
    doc.paragraph(text(lang, "core.criteria-intro"))
    doc.table(text(lang, "core.h-criteria"), _cols(lang, "criterion", "score", "rated"), [
        [s["display_title"], pct(s["percent"], lang), _rated(s, lang)] for s in result["sections"]], [4, 1, 1])
    if result["evidence_gaps"]:
        doc.heading(1, text(lang, "core.h-gaps"))
        doc.bullets([f"{g['area']}: {g['title']}" for g in result["evidence_gaps"]])
    not_answered = text(lang, "core.status-unanswered")
    for area in block["areas"]:
        doc.heading(2, area_heading(area, block))
        doc.table(text(lang, "core.ratings-caption", name=area["name"]), _cols(lang, "criterion", "rating"),
                  [[c["title"], c["label"] or not_answered] for c in area["levels"]], [3, 2])
    doc.heading(1, text(lang, "core.h-how"))
    doc.paragraph(result["working"]["explanation"])


def _classification(doc: Document, result: dict[str, Any], lang: str) -> None:
    block = result["classification"]
    label = block["row_label"].lower()
    doc.heading(1, text(lang, "core.h-overall"))
    if block["outcome_share"] is None:
        doc.paragraph(text(lang, "core.share-no-category", label=label))
    else:
        share = pct(block["outcome_share"], lang)
        sentence = text(lang, "core.share-outcomes", share=share, classified=block["classified"], label=label)
        # The share leads in bold where the sentence starts with it (English); else the sentence is plain.
        doc.paragraph((share, sentence[len(share):]) if sentence.startswith(share) else sentence)
    if block["flag"]["raised"]:
        doc.paragraph((f"{text(lang, 'core.warning')} ", block["flag"]["message"]))
    if block["unclassified"]:
        doc.paragraph(text(lang, "core.unclassified", count=block["unclassified"], label=label))
    doc.heading(1, text(lang, "core.h-categories"))
    doc.table(text(lang, "core.h-categories"), _cols(lang, "category", "outcome", "count", "share"), [
        [c["label"], text(lang, "core.yes" if c["outcome"] else "core.no"), str(c["count"]), pct(c["percent"], lang)]
        for c in block["classes"]], [4, 1, 1, 1])
    doc.heading(2, text(lang, "core.category-chart"))
    doc.bars(text(lang, "core.category-bars"), (text(lang, "core.col-category"), text(lang, "core.bar-share")),
             [(f"{c['label']}: {pct(c['percent'], lang)}", c["percent"]) for c in block["classes"]])
    rows = text(lang, "core.h-rows", label=block["row_label"])
    doc.heading(1, rows)
    if block["measures"]:
        doc.table(rows, _cols(lang, "name", "category", "note"), [
            [m["name"], m["label"] or text(lang, "core.none-yet"), m["note"]] for m in block["measures"]], [3, 2, 4])
    else:
        doc.paragraph(text(lang, "core.no-rows-listed", label=label))
