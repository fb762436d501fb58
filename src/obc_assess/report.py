"""A readable Markdown report of a result, with everything the user typed escaped."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from obc_assess.responses import ROLES

# Characters that would start Markdown structure (emphasis, links, code, tables, headings) or raw HTML.
_MARKDOWN = re.compile(r"([\\`*_\[\]|#~!])")


def escape(text: object) -> str:
    """User text on one line, inert: no HTML, no Markdown structure."""
    flat = " ".join(str(text).split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", flat)


def _pct(value: float | None) -> str:
    return "not scored" if value is None else f"{value:.1f}%"


def _link(base_url: str, url: str | None, text: str = "Guidance") -> str:
    return f" [{text}]({base_url}{url})" if url else ""


def to_markdown(result: dict[str, Any], base_url: str = "") -> str:
    """The report; guidance links are site-relative, prefixed with base_url (the site's address, if known)."""
    assessment = result["assessment"]
    lines = [f"# {escape(assessment['title'])}: results", ""]
    lines += _about(result)
    if result["classification"] is not None:
        lines += _classification(result, base_url)
    elif result["matrix"] is not None:
        lines += _matrix(result, base_url)
    else:
        lines += _maturity(result, base_url)
    return "\n".join(lines).rstrip("\n") + "\n"


def version_phrase(result: dict[str, Any], esc: Callable[[object], str] = escape) -> str:
    """"version 1.2", with a word on the answers' own version when it differs (the Markdown's and the .docx's)."""
    version = f"version {esc(result['assessment']['version'])}"
    if not result["version_matches"]:
        version += (f" (these answers were given to version {esc(result['responses_version'])}; "
                    "some items may have changed)")
    return version


def _about(result: dict[str, Any]) -> list[str]:
    assessment, context, respondent = result["assessment"], result["context"], result["respondent"]
    lines = [f"- Assessment: {escape(assessment['title'])}, {version_phrase(result)}"]
    if context["model"] is not None:
        lines.append(f"- Model: {context['model']}, {escape(context['model_name'])}")
    if context["scope"] is not None:
        lines.append(f"- Scope: {escape(context['scope_label'])}")
    if respondent["name"] or respondent["role"]:
        role = f" ({ROLES[respondent['role']]})" if respondent["role"] else ""
        lines.append(f"- Answered by: {escape(respondent['name']) or 'not named'}{role}")
    if respondent["organisation"]:
        lines.append(f"- Organisation: {escape(respondent['organisation'])}")
    if result["assessment_date"]:
        lines.append(f"- Assessment date: {result['assessment_date_label']}")
    return [*lines, ""]


def _confidence(overall: dict[str, Any], what: str) -> str:
    return (f"Confidence: {_pct(overall['confidence'])}. {overall['answered']} of {overall['total']} {what}; "
            f"{overall['unknown']} don't know, {overall['unanswered']} not answered, "
            f"{overall['na']} not applicable.")


def _maturity(result: dict[str, Any], base_url: str) -> list[str]:
    overall = result["overall"]
    band = overall["band"]
    titles = {s["id"]: s["title"] for s in result["sections"]}
    lines = ["## Overall (core items)", ""]
    if band:
        lines.append(f"**{_pct(overall['percent'])}**: {band['label']}. {band['descriptor']}")
    elif overall["percent"] is not None:
        lines.append(f"**{_pct(overall['percent'])}**: no band.")
    lines += ["", escape(overall["band_reason"]), "", _confidence(overall, "core items rated")]
    if result["extras"]:
        lines += ["", "## Optional extras", "",
                  "Scored apart from the core: they never raise or lower the headline.", "",
                  "| Extra | Score | Band | Rated | Why |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| {escape(e['title'])} | {_pct(e['percent'])} | "
                  f"{escape(e['band']['label']) if e['band'] else 'No band'} | {e['answered']} of {e['total']} | "
                  f"{escape(e['band_reason'])} |" for e in result["extras"]]
    lines += ["", "## Sections", "",
              "| Section | Score | Confidence | Rated |", "| --- | --- | --- | --- |"]
    lines += [f"| {escape(s['title'])}{' (optional)' if s['optional'] else ''} | {_pct(s['percent'])} | "
              f"{_pct(s['confidence'])} | {s['answered']} of {s['total']} |"
              for s in result["sections"] if s["total"]]
    lines += ["", "## Priorities", ""]
    lines += [f"{p['rank']}. **{escape(p['topic'])}** ({escape(titles[p['section']])}"
              f"{', optional' if p['extras'] else ''}): {escape(p['reason'])} {_next(p)}"
              f"{_link(base_url, p['guidance_url'])}" for p in result["priorities"]]
    if not result["priorities"]:
        lines.append("None: every rated item is at the top level.")
    if result["evidence_gaps"]:
        lines += ["", "## Evidence gaps", "",
                  "You answered \"Don't know\" to these: finding out is a first step.", ""]
        lines += [f"- {escape(g['title'])}{_link(base_url, g['guidance_url'])}"
                  for g in result["evidence_gaps"]]
    if result.get("plan"):
        lines += ["", "## Action plan", "", "| Item | Now | Target | Action | Owner | Due |",
                  "| --- | --- | --- | --- | --- | --- |"]
        lines += [f"| {escape(p['title'])} | {escape(p['level_label'] or 'Not answered')} | "
                  f"{escape(p['target_label'] or '')} | {escape(p['action'])} | {escape(p['owner'])} | "
                  f"{escape(p['due'])} |" for p in result["plan"]]
    working = result["working"]
    asked = [i for i in working["items"] if i["status"] != "not-asked"]
    scales = list(dict.fromkeys(i["scale_name"] for i in working["items"]))
    # Where items are asked on different scales, each row names its own (issue 10 point 4).
    mixed = len(scales) > 1
    lines += ["", "## Answers and notes", "",
              f"| Item | Answer{' | Scale' if mixed else ''} | Weight | Points | Note |",
              f"| --- | --- |{' --- |' if mixed else ''} --- | --- | --- |"]
    lines += [f"| {escape(i['title'])} | {escape(i['level_label'] or 'Not answered')} | "
              f"{escape(i['scale_name']) + ' | ' if mixed else ''}{i['weight']} | "
              f"{'' if i['contribution'] is None else i['contribution']} | {escape(i['note'])} |"
              for i in asked]
    lines += ["", "## How this was scored", "",
              f"Answer scale{'s' if mixed else ''}: {escape('; '.join(scales))}.", "",
              escape(scoring_sentence(working)), "", "When a band is given:", ""]
    lines += [f"- {escape(rule)}" for rule in result["band_rules"]]
    return lines


def scoring_sentence(working: dict[str, Any]) -> str:
    """How the percent is worked out, with this result's own figures (the report's and the .docx's words)."""
    return (f"{working['rule']} The score is those points ({working['points']}) as a share of the weights of the rated "
            f"items ({working['possible']}). "
            "Not applicable, don't know and unanswered items are left out of the score; don't know and "
            "unanswered lower the confidence figure instead.")


def _next(priority: dict[str, Any]) -> str:
    """The item's own next steps, with their sources; the next level's wording only when it has none."""
    if priority["next_steps"]:
        return "Next steps: " + " ".join(f"{escape(step['text'])} ({escape(step['cite'])})"
                                         for step in priority["next_steps"])
    target = priority["target"]
    return f"Next level: **{escape(target['label'])}**, {escape(target['descriptor'])}"


def _matrix(result: dict[str, Any], base_url: str) -> list[str]:
    block = result["matrix"]
    label = escape(block["row_label"])
    lines = ["## Overall", "", _confidence(result["overall"], "ratings given"), "",
             f"## {label}s in order of priority for review", ""]
    if not block["areas"]:
        lines.append(f"No {label.lower()} has been named yet.")
    else:
        lines += [f"| Rank | {label} | Score | Rated | Note |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| {a['rank']} | {escape(a['name'])} | {_pct(a['percent'])} | "
                  f"{a['answered']} of {a['total']} | {escape(a['note'])} |" for a in block["areas"]]
    lines += ["", "## Criteria", "", "How strongly each criterion applies, on average across the areas.", "",
              "| Criterion | Score | Rated |", "| --- | --- | --- |"]
    lines += [f"| {escape(s['title'])} | {_pct(s['percent'])} | {s['answered']} of {s['total']} |"
              for s in result["sections"]]
    if result["evidence_gaps"]:
        lines += ["", "## Evidence gaps", ""]
        lines += [f"- {escape(g['area'])}: {escape(g['title'])}{_link(base_url, g['guidance_url'])}"
                  for g in result["evidence_gaps"]]
    for area in block["areas"]:
        lines += ["", f"### {area['rank']}. {escape(area['name'])}", "",
                  "| Criterion | Rating |", "| --- | --- |"]
        lines += [f"| {escape(c['title'])} | {escape(c['label'] or 'Not answered')} |"
                  for c in area["levels"]]
    return lines


def _classification(result: dict[str, Any], base_url: str) -> list[str]:
    block = result["classification"]
    label = escape(block["row_label"]).lower()
    lines = ["## Overall", ""]
    if block["outcome_share"] is None:
        lines.append(f"No {label} has a category yet, so there is no outcome share.")
    else:
        lines.append(f"**{_pct(block['outcome_share'])}** of the {block['classified']} {label}s with a "
                     "category are outcomes.")
    if block["flag"]["raised"]:
        lines += ["", f"> **Warning:** {escape(block['flag']['message'])}"]
    if block["unclassified"]:
        lines += ["", f"{block['unclassified']} {label}(s) without a category are left out of the shares."]
    lines += ["", "## Categories", "", "| Category | Outcome | Count | Share |", "| --- | --- | --- | --- |"]
    lines += [f"| [{escape(c['label'])}]({base_url}{c['guidance_url']}) | "
              f"{'yes' if c['outcome'] else 'no'} | {c['count']} | {_pct(c['percent'])} |"
              for c in block["classes"]]
    lines += ["", f"## {escape(block['row_label'])}s", ""]
    if block["measures"]:
        lines += ["| Name | Category | Note |", "| --- | --- | --- |"]
        lines += [f"| {escape(m['name'])} | {escape(m['label'] or 'None yet')} | {escape(m['note'])} |"
                  for m in block["measures"]]
    else:
        lines.append(f"No {label}s listed yet.")
    return lines
