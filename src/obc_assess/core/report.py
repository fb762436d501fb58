"""A readable Markdown report of a result, in the result's language, with everything the user typed escaped."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.languages import lang_of
from obc_assess.core.matrix_text import area_heading, area_tables, flag_lines
from obc_assess.core.report_followup import per_item, profile_table
from obc_assess.core.responses import role_label
from obc_assess.core.typed_text import tidy

# Characters that would start Markdown structure (emphasis, links, code, tables, headings) or raw HTML.
_MARKDOWN = re.compile(r"([\\`*_\[\]|#~!])")


def escape(value: object) -> str:
    """User text on one line, inert: no HTML, no Markdown structure."""
    flat = tidy(value)
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", flat)


def pct(value: float | None, lang: str) -> str:
    """A percent as the reports show it: "66.7%", or "not scored"."""
    return text(lang, "core.not-scored") if value is None else f"{value:.1f}%"


def _link(base_url: str, url: str | None, lang: str) -> str:
    return f" [{text(lang, 'core.guidance-link')}]({base_url}{url})" if url else ""


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def _head(lang: str, *keys: str) -> list[str]:
    """A Markdown table's header row (core.col-<key> words) and its rule."""
    return [_row(*(text(lang, f"core.col-{key}") for key in keys)), _row(*["---"] * len(keys))]


def to_markdown(result: dict[str, Any], base_url: str = "") -> str:
    """The report; guidance links are site-relative, prefixed with base_url (the site's address, if known)."""
    assessment = result["assessment"]
    lang = lang_of(assessment)
    lines = [f"# {text(lang, 'core.report-title', title=escape(assessment['title']))}", ""]
    lines += _about(result, lang)
    if result["classification"] is not None:
        lines += _classification(result, base_url, lang)
    elif result["matrix"] is not None:
        lines += _matrix(result, base_url, lang)
    else:
        lines += _maturity(result, base_url, lang)
    return "\n".join(lines).rstrip("\n") + "\n"


def version_phrase(result: dict[str, Any], esc: Callable[[object], str] = escape) -> str:
    """"version 1.2", with a word on the answers' own version when it differs (the Markdown's and the .docx's)."""
    lang = lang_of(result["assessment"])
    version = text(lang, "core.version", version=esc(result["assessment"]["version"]))
    if not result["version_matches"]:
        version += text(lang, "core.version-differs", version=esc(result["responses_version"]))
    return version


def answered_by(result: dict[str, Any], lang: str, esc: Callable[[object], str] = escape) -> str | None:
    """Who answered, with their role: "Sam (Commissioner)"; None when neither is given."""
    respondent = result["respondent"]
    if not (respondent["name"] or respondent["role"]):
        return None
    role = f" ({role_label(respondent['role'], lang)})" if respondent["role"] else ""
    return f"{esc(respondent['name']) or text(lang, 'core.not-named')}{role}"


def _about(result: dict[str, Any], lang: str) -> list[str]:
    assessment, context, respondent = result["assessment"], result["context"], result["respondent"]

    def line(key: str, value: str) -> str:
        return f"- {text(lang, key)}: {value}"

    lines = [line("core.about-assessment", f"{escape(assessment['title'])}, {version_phrase(result)}")]
    if context["model"] is not None:
        lines.append(line("core.about-model", f"{context['model']}, {escape(context['model_name'])}"))
    if context["scope"] is not None:
        lines.append(line("core.about-scope", escape(context["scope_label"])))
    who = answered_by(result, lang)
    if who is not None:
        lines.append(line("core.about-answered-by", who))
    if respondent["organisation"]:
        lines.append(line("core.about-organisation", escape(respondent["organisation"])))
    if result["assessment_date"]:
        lines.append(line("core.about-date", result["assessment_date_label"]))
    return [*lines, ""]


def confidence_line(overall: dict[str, Any], what: str, lang: str) -> str:
    """The confidence figure and the counts behind it; ``what`` names what is counted ("core items rated")."""
    return text(lang, "core.confidence-line", confidence=pct(overall["confidence"], lang),
                answered=overall["answered"], total=overall["total"], what=what, unknown=overall["unknown"],
                unanswered=overall["unanswered"], na=overall["na"])


def band_words(band: dict[str, Any] | None, lang: str) -> str:
    """A band's label, or "No band"."""
    return str(band["label"]) if band else text(lang, "core.no-band")


def _maturity(result: dict[str, Any], base_url: str, lang: str) -> list[str]:
    overall = result["overall"]
    band = overall["band"]
    titles = {s["id"]: s["title"] for s in result["sections"]}
    lines = [f"## {text(lang, 'core.h-overall-core')}", ""]
    if band:
        lines.append(f"**{pct(overall['percent'], lang)}**: {band['label']}. {overall['band_words']}")
    elif overall["percent"] is not None:
        lines.append(f"**{pct(overall['percent'], lang)}**: {text(lang, 'core.no-band-sentence')}")
    lines += ["", escape(overall["band_reason"]), *(["", escape(overall["na_line"])] if overall["na_line"] else []),
              "", confidence_line(overall, text(lang, "core.what-core-items"), lang),
              *(["", escape(result["na_notice"])] if result["na_notice"] else [])]
    if result["extras"]:
        lines += ["", f"## {text(lang, 'core.h-extras')}", "", text(lang, "core.extras-apart"), "",
                  *_head(lang, "extra", "score", "band", "rated", "why")]
        lines += [_row(escape(e["title"]), pct(e["percent"], lang), escape(band_words(e["band"], lang)),
                       text(lang, "core.rated-of", answered=e["answered"], total=e["total"]),
                       escape(e["band_why"])) for e in result["extras"]]
    lines += ["", f"## {text(lang, 'core.h-sections')}", "", *_head(lang, "section", "score", "confidence", "rated")]
    lines += [_row(f"{escape(s['title'])}{text(lang, 'core.optional-mark') if s['optional'] else ''}",
                   pct(s["percent"], lang), pct(s["confidence"], lang),
                   text(lang, "core.rated-of", answered=s["answered"], total=s["total"]))
              for s in result["sections"] if s["total"]]
    lines += ["", f"## {text(lang, 'core.h-priorities')}", ""]
    lines += [f"{p['rank']}. **{escape(p['topic'])}** ({escape(titles[p['section']])}"
              f"{text(lang, 'core.optional-comma') if p['extras'] else ''}): {escape(p['reason'])} "
              f"{_next(p, lang)}{_link(base_url, p['guidance_url'], lang)}" for p in result["priorities"]]
    if not result["priorities"]:
        lines.append(text(lang, "core.priorities-none"))
    if result["evidence_gaps"]:
        lines += ["", f"## {text(lang, 'core.h-gaps')}", "", escape(text(lang, "core.gaps-intro")), ""]
        lines += [f"- {escape(g['title'])}{_link(base_url, g['guidance_url'], lang)}"
                  for g in result["evidence_gaps"]]
    not_answered = text(lang, "core.status-unanswered")
    if result.get("plan"):
        lines += ["", f"## {text(lang, 'core.h-plan')}", "",
                  *_head(lang, "item", "now", "target", "action", "owner", "due", "status", "review")]
        lines += [_row(escape(p["title"]), escape(p["level_label"] or not_answered), escape(p["target_label"] or ""),
                       escape(p["action"]), escape(p["owner"]), escape(p["due"]), escape(_status(p, lang)),
                       escape(p["review"])) for p in result["plan"]]
    lines += _evidence(result, lang)
    working = result["working"]
    asked = [i for i in working["items"] if i["status"] != "not-asked"]
    scales = list(dict.fromkeys(i["scale_name"] for i in working["items"]))
    # Where items are asked on different scales, each row names its own (issue 10 point 4).
    mixed = len(scales) > 1
    lines += ["", f"## {text(lang, 'core.h-answers')}", "",
              *_head(lang, "item", "answer", *(["scale"] if mixed else []), "weight", "points", "note")]
    lines += [_row(escape(i["title"]), escape(i["answer_words"]),
                   *([escape(i["scale_name"])] if mixed else []), i["weight"],
                   "" if i["contribution"] is None else i["contribution"], escape(i["note"])) for i in asked]
    lines += ["", f"## {text(lang, 'core.h-how')}", "",
              text(lang, "core.answer-scales" if mixed else "core.answer-scale", scales=escape("; ".join(scales))),
              "", escape(scoring_sentence(working, lang)), "", text(lang, "core.band-rules-intro"), ""]
    lines += [f"- {escape(rule)}" for rule in result["band_rules"]]
    lines += ["", escape(result["evidence"]["rule"])]
    return lines


def _status(plan_row: dict[str, Any], lang: str) -> str:
    """An action's status in the plan table, "Overdue" beside it when it is."""
    overdue = f" ({text(lang, 'core.action-overdue')})" if plan_row["overdue"] else ""
    return f"{plan_row['status_label']}{overdue}"


def _evidence(result: dict[str, Any], lang: str) -> list[str]:
    """The evidence profile, the flagged answers, then each item's evidence and action."""
    evidence = result["evidence"]
    head, rows = profile_table(result, lang)
    lines = ["", f"## {text(lang, 'core.h-evidence')}", "", escape(evidence["sentence"]), ""]
    lines += [_row(*map(escape, head)), _row(*["---"] * len(head)), *(_row(*map(escape, r)) for r in rows)]
    if evidence["flags"]:
        lines += ["", f"### {text(lang, 'core.h-evidence-flags')}", ""]
        lines += [f"- {escape(f['title'])}: {escape(f['reason'])}" for f in evidence["flags"]]
    followed = per_item(result, lang)
    if followed:
        lines += ["", f"## {text(lang, 'core.h-followup')}"]
        for title, answer, entries, action in followed:
            lines += ["", f"### {escape(title)}", "", f"- {text(lang, 'core.col-answer')}: {escape(answer)}"]
            lines += [f"- {text(lang, 'core.col-evidence')}: {escape(entry)}" for entry in entries]
            if action is not None:
                lines.append(f"- {text(lang, 'core.col-action')}: {escape(action)}")
    return lines


def scoring_sentence(working: dict[str, Any], lang: str) -> str:
    """How the percent is worked out, with this result's own figures (the report's and the .docx's words)."""
    return text(lang, "core.scoring-sentence", rule=working["rule"], points=working["points"],
                possible=working["possible"])


def _next(priority: dict[str, Any], lang: str) -> str:
    """The item's own next steps, with their sources; the next level's wording only when it has none."""
    if priority["next_steps"]:
        return text(lang, "core.next-steps") + " " + " ".join(
            f"{escape(step['text'])} ({escape(step['cite'])})" for step in priority["next_steps"])
    target = priority["target"]
    return f"{text(lang, 'core.next-level')} **{escape(target['label'])}**, {escape(target['descriptor'])}"


def _matrix(result: dict[str, Any], base_url: str, lang: str) -> list[str]:
    block = result["matrix"]
    label = escape(block["row_label"])
    lines = [f"## {text(lang, 'core.h-overall')}", "",
             confidence_line(result["overall"], text(lang, "core.progress-matrix"), lang), "",
             f"## {text(lang, 'core.h-rows-in-order', label=label)}", ""]
    (head, rows), (unranked_head, unranked) = area_tables(result, lang)
    if not block["areas"]:
        lines.append(text(lang, "core.no-row-named", label=label.lower()))
    elif rows:
        lines += [_row(*map(escape, head)), _row(*["---"] * len(head)), *(_row(*map(escape, r)) for r in rows)]
    if unranked:
        lines += ["", f"## {escape(block['unranked_label'])}", "", escape(block["unranked_intro"]), "",
                  _row(*map(escape, unranked_head)), _row(*["---"] * len(unranked_head)),
                  *(_row(*map(escape, r)) for r in unranked)]
    for line in flag_lines(result, lang) if block["areas"] else []:
        lines += ["", escape(line)]
    lines += ["", f"## {text(lang, 'core.h-criteria')}", "", text(lang, "core.criteria-intro"), "",
              *_head(lang, "criterion", "score", "rated")]
    lines += [_row(escape(s["display_title"]), pct(s["percent"], lang),
                   text(lang, "core.rated-of", answered=s["answered"], total=s["total"])) for s in result["sections"]]
    if result["evidence_gaps"]:
        lines += ["", f"## {text(lang, 'core.h-gaps')}", ""]
        lines += [f"- {escape(g['area'])}: {escape(g['title'])}{_link(base_url, g['guidance_url'], lang)}"
                  for g in result["evidence_gaps"]]
    not_answered = text(lang, "core.status-unanswered")
    for area in block["areas"]:
        lines += ["", f"### {escape(area_heading(area, block))}", "", *_head(lang, "criterion", "rating")]
        lines += [_row(escape(c["title"]), escape(c["label"] or not_answered)) for c in area["levels"]]
    lines += ["", f"## {text(lang, 'core.h-how')}", "", escape(result["working"]["explanation"])]
    return lines


def _classification(result: dict[str, Any], base_url: str, lang: str) -> list[str]:
    block = result["classification"]
    label = escape(block["row_label"]).lower()
    lines = [f"## {text(lang, 'core.h-overall')}", ""]
    if block["outcome_share"] is None:
        lines.append(text(lang, "core.share-no-category", label=label))
    else:
        lines.append(text(lang, "core.share-outcomes", share=f"**{pct(block['outcome_share'], lang)}**",
                          classified=block["classified"], label=label))
    if block["flag"]["raised"]:
        lines += ["", f"> **{text(lang, 'core.warning')}** {escape(block['flag']['message'])}"]
    if block["unclassified"]:
        lines += ["", text(lang, "core.unclassified", count=block["unclassified"], label=label)]
    lines += ["", f"## {text(lang, 'core.h-categories')}", "", *_head(lang, "category", "outcome", "count", "share")]
    lines += [_row(f"[{escape(c['label'])}]({base_url}{c['guidance_url']})",
                   text(lang, "core.yes" if c["outcome"] else "core.no"), c["count"], pct(c["percent"], lang))
              for c in block["classes"]]
    lines += ["", f"## {text(lang, 'core.h-rows', label=escape(block['row_label']))}", ""]
    if block["measures"]:
        lines += _head(lang, "name", "category", "note")
        lines += [_row(escape(m["name"]), escape(m["label"] or text(lang, "core.none-yet")), escape(m["note"]))
                  for m in block["measures"]]
    else:
        lines.append(text(lang, "core.no-rows-listed", label=label))
    return lines
