"""The Word (.docx) report of one person's result: the Markdown report's content, with real headings and tables."""

from __future__ import annotations

from typing import Any

from obc_assess.report import _confidence, _pct, scoring_sentence, version_phrase
from obc_assess.responses import ROLES
from obc_assess.wordml import Cell, Document

NOT_ANSWERED = "Not answered"
BAR = "Score as a bar, 0 to 100%"


def about(result: dict[str, Any]) -> list[Cell]:
    """Who, for whom, when and with which choices: the lines under the title."""
    assessment, context, respondent = result["assessment"], result["context"], result["respondent"]
    lines: list[Cell] = [("Assessment: ", f"{assessment['title']}, {version_phrase(result, str)}")]
    # The answers format gives organisation and date from format 2 on; an older result has neither.
    if respondent.get("organisation"):
        lines.append(("Organisation: ", respondent["organisation"]))
    if result.get("assessment_date_label"):
        lines.append(("Date of the assessment: ", result["assessment_date_label"]))
    if context["model"] is not None:
        lines.append(("Model: ", f"{context['model']}, {context['model_name']}"))
    if context["scope"] is not None:
        lines.append(("Scope: ", context["scope_label"]))
    if respondent["name"] or respondent["role"]:
        role = f" ({ROLES[respondent['role']]})" if respondent["role"] else ""
        lines.append(("Answered by: ", f"{respondent['name'] or 'not named'}{role}"))
    return lines


def result_docx(result: dict[str, Any]) -> bytes:
    """The report of a scored result (any kind) as .docx bytes, the same wherever it is made."""
    title = f"{result['assessment']['title']}: results"
    doc = Document(title)
    doc.paragraph(title, "Title")
    doc.bullets(about(result))
    if result["classification"] is not None:
        _classification(doc, result)
    elif result["matrix"] is not None:
        _matrix(doc, result)
    else:
        _maturity(doc, result)
    return doc.to_bytes()


def _band_line(summary: dict[str, Any]) -> Cell:
    band = summary["band"]
    if band:
        return (f"{_pct(summary['percent'])}: {band['label']}. ", band["descriptor"])
    return (f"{_pct(summary['percent'])}: ", "no band.")


def _maturity(doc: Document, result: dict[str, Any]) -> None:
    overall, titles = result["overall"], {s["id"]: s["title"] for s in result["sections"]}
    doc.heading(1, "Overall (core items)")
    doc.paragraph(_band_line(overall))
    doc.paragraph(overall["band_reason"])
    doc.paragraph(_confidence(overall, "core items rated"))
    sections = [s for s in result["sections"] if s["total"]]
    doc.heading(1, "Sections")
    doc.table("Section scores", ["Section", "Score", "Confidence", "Rated"], [
        [f"{s['title']}{' (optional)' if s['optional'] else ''}", _pct(s["percent"]), _pct(s["confidence"]),
         f"{s['answered']} of {s['total']}"] for s in sections], [4, 1, 1, 1])
    doc.heading(2, "Section chart")
    doc.bars("Section scores as bars", ("Section", BAR),
             [(f"{s['title']}: {_pct(s['percent'])}", s["percent"]) for s in sections])
    if result["extras"]:
        doc.heading(1, "Optional extras")
        doc.paragraph("Scored apart from the core: they never raise or lower the headline.")
        doc.table("Optional extras", ["Extra", "Score", "Band", "Rated", "Why"], [
            [e["title"], _pct(e["percent"]), e["band"]["label"] if e["band"] else "No band",
             f"{e['answered']} of {e['total']}", e["band_reason"]] for e in result["extras"]], [3, 1, 2, 1, 4])
    doc.heading(1, "Priorities")
    if result["priorities"]:
        doc.table("Priorities", ["Rank", "Item", "Why", "Next steps and their sources"], [
            [str(p["rank"]), f"{p['title']} ({titles[p['section']]}{', optional' if p['extras'] else ''})",
             p["reason"], _next(p)] for p in result["priorities"]], [1, 3, 4, 5])
    else:
        doc.paragraph("None: every rated item is at the top level.")
    if result["evidence_gaps"]:
        doc.heading(1, "Evidence gaps")
        doc.paragraph("You answered \"Don't know\" to these: finding out is a first step.")
        doc.bullets([g["title"] for g in result["evidence_gaps"]])
    if result.get("plan"):
        doc.heading(1, "Action plan")
        doc.table("Action plan", ["Item", "Now", "Target", "Action", "Owner", "Due"], [
            [p["title"], p["level_label"] or NOT_ANSWERED, p["target_label"] or "", p["action"], p["owner"],
             p["due"]] for p in result["plan"]], [3, 2, 2, 4, 2, 2])
    _answers(doc, result)
    doc.heading(1, "How this was scored")
    doc.paragraph(scoring_sentence(result["working"]))
    doc.paragraph("When a band is given:")
    doc.bullets(result["band_rules"])


def _next(priority: dict[str, Any]) -> str:
    """The item's own next steps, each with its source; the next level's wording only when it has none."""
    if priority["next_steps"]:
        return "\n".join(f"{step['text']} ({step['cite']})" for step in priority["next_steps"])
    target = priority["target"]
    return f"Next level: {target['label']}, {target['descriptor']}"


def _answers(doc: Document, result: dict[str, Any]) -> None:
    doc.heading(1, "Answers and notes")
    asked = [i for i in result["working"]["items"] if i["status"] != "not-asked"]
    for section in result["sections"]:
        rows = [i for i in asked if i["section"] == section["id"]]
        if not rows:
            continue
        doc.heading(2, section["title"])
        doc.table(f"Answers: {section['title']}", ["Item", "Answer", "Weight", "Points", "Note"], [
            [i["title"], i["level_label"] or NOT_ANSWERED, str(i["weight"]),
             "" if i["contribution"] is None else str(i["contribution"]), i["note"]] for i in rows], [3, 2, 1, 1, 5])


def _matrix(doc: Document, result: dict[str, Any]) -> None:
    block = result["matrix"]
    label = block["row_label"]
    doc.heading(1, "Overall")
    doc.paragraph(_confidence(result["overall"], "ratings given"))
    doc.heading(1, f"{label}s in order of priority for review")
    if not block["areas"]:
        doc.paragraph(f"No {label.lower()} has been named yet.")
    else:
        doc.table(f"{label}s in order of priority", ["Rank", label, "Score", "Rated", "Note"], [
            [str(a["rank"]), a["name"], _pct(a["percent"]), f"{a['answered']} of {a['total']}", a["note"]]
            for a in block["areas"]], [1, 4, 1, 1, 4])
        doc.heading(2, f"{label} chart")
        doc.bars(f"{label} scores as bars", (label, BAR),
                 [(f"{a['rank']}. {a['name']}: {_pct(a['percent'])}", a["percent"]) for a in block["areas"]])
    doc.heading(1, "Criteria")
    doc.paragraph("How strongly each criterion applies, on average across the areas.")
    doc.table("Criteria", ["Criterion", "Score", "Rated"], [
        [s["title"], _pct(s["percent"]), f"{s['answered']} of {s['total']}"] for s in result["sections"]], [4, 1, 1])
    if result["evidence_gaps"]:
        doc.heading(1, "Evidence gaps")
        doc.bullets([f"{g['area']}: {g['title']}" for g in result["evidence_gaps"]])
    for area in block["areas"]:
        doc.heading(2, f"{area['rank']}. {area['name']}")
        doc.table(f"Ratings: {area['name']}", ["Criterion", "Rating"],
                  [[c["title"], c["label"] or NOT_ANSWERED] for c in area["levels"]], [3, 2])


def _classification(doc: Document, result: dict[str, Any]) -> None:
    block = result["classification"]
    label = block["row_label"].lower()
    doc.heading(1, "Overall")
    if block["outcome_share"] is None:
        doc.paragraph(f"No {label} has a category yet, so there is no outcome share.")
    else:
        doc.paragraph((_pct(block["outcome_share"]), f" of the {block['classified']} {label}s with a category "
                                                     "are outcomes."))
    if block["flag"]["raised"]:
        doc.paragraph(("Warning: ", block["flag"]["message"]))
    if block["unclassified"]:
        doc.paragraph(f"{block['unclassified']} {label}(s) without a category are left out of the shares.")
    doc.heading(1, "Categories")
    doc.table("Categories", ["Category", "Outcome", "Count", "Share"], [
        [c["label"], "yes" if c["outcome"] else "no", str(c["count"]), _pct(c["percent"])]
        for c in block["classes"]], [4, 1, 1, 1])
    doc.heading(2, "Category chart")
    doc.bars("Category shares as bars", ("Category", "Share as a bar, 0 to 100%"),
             [(f"{c['label']}: {_pct(c['percent'])}", c["percent"]) for c in block["classes"]])
    doc.heading(1, f"{block['row_label']}s")
    if block["measures"]:
        doc.table(f"{block['row_label']}s", ["Name", "Category", "Note"], [
            [m["name"], m["label"] or "None yet", m["note"]] for m in block["measures"]], [3, 2, 4])
    else:
        doc.paragraph(f"No {label}s listed yet.")
