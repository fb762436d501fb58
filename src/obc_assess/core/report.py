"""The report of one person's result, composed once as a document model (``compose``) and rendered to Markdown
(``to_markdown``) and Word (``result_docx``) in the result's language."""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.document import Report, Strong
from obc_assess.core.document_markdown import to_markdown as markdown_of
from obc_assess.core.document_word import to_docx
from obc_assess.core.formats import columns, confidence_line, given, guidance, next_steps, percent, rated
from obc_assess.core.languages import lang_of
from obc_assess.core.report_followup import evidence, plan
from obc_assess.core.report_kinds import classification, matrix
from obc_assess.core.report_review import sign_off
from obc_assess.core.responses import role_label


def to_markdown(result: dict[str, Any], base_url: str = "") -> str:
    """The report; guidance links are site-relative, prefixed with base_url (the site's address, if known)."""
    return markdown_of(compose(result, base_url))


def result_docx(result: dict[str, Any]) -> bytes:
    """The report of a scored result (any kind) as .docx bytes, the same wherever it is made."""
    return to_docx(compose(result))


def compose(result: dict[str, Any], base_url: str = "") -> Report:
    """The report of a result of any kind: who and what, who reviewed it, then the kind's own sections in their
    one order."""
    assessment = result["assessment"]
    lang = lang_of(assessment)
    report = Report(text(lang, "core.report-title", title=assessment["title"]), lang)
    report.bullets(_about(result, lang))
    sign_off(report, result)
    if result["classification"] is not None:
        classification(report, result, base_url)
    elif result["matrix"] is not None:
        matrix(report, result, base_url)
    else:
        _maturity(report, result, base_url)
    return report


def version_phrase(result: dict[str, Any]) -> str:
    """"version 1.2", with a word on the answers' own version when it differs."""
    lang = lang_of(result["assessment"])
    version = text(lang, "core.version", version=result["assessment"]["version"])
    if not result["version_matches"]:
        version += text(lang, "core.version-differs", version=result["responses_version"])
    return version


def _about(result: dict[str, Any], lang: str) -> list[str]:
    """Who, for whom, when and with which choices: the lines under the title."""
    assessment, context, respondent = result["assessment"], result["context"], result["respondent"]
    lines = [(key, value) for key, value in (
        ("core.about-assessment", f"{assessment['title']}, {version_phrase(result)}"),
        ("core.about-model", None if context["model"] is None else f"{context['model']}, {context['model_name']}"),
        ("core.about-scope", None if context["scope"] is None else context["scope_label"]),
        ("core.about-answered-by", _answered_by(respondent, lang)),
        # The answers format gives organisation and date from format 2 on; an older result has neither.
        ("core.about-organisation", respondent.get("organisation") or None),
        ("core.about-date", result.get("assessment_date_label") or None)) if value is not None]
    return [f"{text(lang, key)}: {value}" for key, value in lines]


def _answered_by(respondent: dict[str, Any], lang: str) -> str | None:
    """Who answered, with their role: "Sam (Commissioner)"; None when neither is given."""
    if not (respondent["name"] or respondent["role"]):
        return None
    role = f" ({role_label(respondent['role'], lang)})" if respondent["role"] else ""
    return f"{given(respondent['name'], text(lang, 'core.not-named'))}{role}"


def _maturity(report: Report, result: dict[str, Any], base_url: str) -> None:
    lang, overall = report.lang, result["overall"]
    band = overall["band"]
    report.heading(1, text(lang, "core.h-overall-core"))
    if overall["percent"] is not None:
        report.paragraph((Strong(percent(overall["percent"], lang)),
                          f": {band['label']}. {overall['band_words']}" if band else
                          f": {text(lang, 'core.no-band-sentence')}"))
    report.paragraph(overall["band_reason"])
    if overall["na_line"]:
        report.paragraph(overall["na_line"])
    report.paragraph(confidence_line(overall, text(lang, "core.what-core-items"), lang))
    if result["na_notice"]:
        report.paragraph(result["na_notice"])
    if result["extras"]:
        report.heading(1, text(lang, "core.h-extras"))
        report.paragraph(text(lang, "core.extras-apart"))
        report.table(text(lang, "core.h-extras"), columns(lang, "extra", "score", "band", "rated", "why"), [
            [e["title"], percent(e["percent"], lang),
             e["band"]["label"] if e["band"] else text(lang, "core.no-band"), rated(e, lang), e["band_why"]]
            for e in result["extras"]], [3, 1, 2, 1, 4])
    sections = [s for s in result["sections"] if s["total"]]
    report.heading(1, text(lang, "core.h-sections"))
    report.table(text(lang, "core.section-scores"), columns(lang, "section", "score", "confidence", "rated"), [
        [f"{s['title']}{text(lang, 'core.optional-mark') if s['optional'] else ''}", percent(s["percent"], lang),
         percent(s["confidence"], lang), rated(s, lang)] for s in sections], [4, 1, 1, 1])
    report.chart(text(lang, "core.section-bars"), (text(lang, "core.col-section"), text(lang, "core.bar-score")),
                 [(f"{s['title']}: {percent(s['percent'], lang)}", s["percent"]) for s in sections])
    _priorities(report, result, base_url)
    if result["evidence_gaps"]:
        report.heading(1, text(lang, "core.h-gaps"))
        report.paragraph(text(lang, "core.gaps-intro"))
        report.bullets([(g["title"], *guidance(base_url, g["guidance_url"], lang)) for g in result["evidence_gaps"]])
    plan(report, result)
    evidence(report, result)
    _answers(report, result)
    working = result["working"]
    report.heading(1, text(lang, "core.h-how"))
    scales = list(dict.fromkeys(i["scale_name"] for i in working["items"]))
    report.paragraph(text(lang, "core.answer-scales" if len(scales) > 1 else "core.answer-scale",
                          scales="; ".join(scales)))
    report.paragraph(text(lang, "core.scoring-sentence", rule=working["rule"], points=working["points"],
                          possible=working["possible"]))
    report.paragraph(text(lang, "core.band-rules-intro"))
    report.bullets(result["band_rules"])
    report.paragraph(result["evidence"]["rule"])


def _priorities(report: Report, result: dict[str, Any], base_url: str) -> None:
    """The priorities in rank order, each with why and its next steps (or the next level), and its guidance."""
    lang = report.lang
    titles = {s["id"]: s["title"] for s in result["sections"]}
    heading = text(lang, "core.h-priorities")
    report.heading(1, heading)
    if not result["priorities"]:
        report.paragraph(text(lang, "core.priorities-none"))
        return
    report.table(heading, columns(lang, "rank", "item", "why", "next-steps-sources"), [
        [str(p["rank"]), f"{p['topic']} ({titles[p['section']]}"
                         f"{text(lang, 'core.optional-comma') if p['extras'] else ''})",
         p["reason"], (*next_steps(p, lang), *guidance(base_url, p["guidance_url"], lang))]
        for p in result["priorities"]], [1, 3, 4, 5])


def _answers(report: Report, result: dict[str, Any]) -> None:
    """Each section's asked items: the answer, (its scale where items are asked on more than one), weight, points
    and note (issue 10 point 4)."""
    lang, items = report.lang, result["working"]["items"]
    mixed = len({i["scale_name"] for i in items}) > 1
    report.heading(1, text(lang, "core.h-answers"))
    asked = [i for i in items if i["status"] != "not-asked"]
    for section in result["sections"]:
        rows = [i for i in asked if i["section"] == section["id"]]
        if not rows:
            continue
        report.heading(2, section["title"])
        report.table(text(lang, "core.answers-caption", title=section["title"]),
                     columns(lang, "item", "answer", *(["scale"] if mixed else []), "weight", "points", "note"), [
            [i["title"], i["answer_words"], *([i["scale_name"]] if mixed else []), str(i["weight"]),
             "" if i["contribution"] is None else str(i["contribution"]), i["note"]] for i in rows],
            [3, 2, *([2] if mixed else []), 1, 1, 5])
