"""The Word (.docx) reports of a team merge and of a before-and-after comparison (their Markdown's content)."""

from __future__ import annotations

from typing import Any

from obc_assess.report_team import NONE, _pct, _signed, plan_text
from obc_assess.wordml import Cell, Document


def team_docx(result: dict[str, Any]) -> bytes:
    """A team result as .docx bytes: who took part, the sections and their chart, where answers differ, items."""
    assessment, overall = result["assessment"], result["overall"]
    title = f"{assessment['title']}: team results"
    doc = Document(title)
    doc.paragraph(title, "Title")
    lines: list[Cell] = [("Assessment: ", f"{assessment['title']}, version {assessment['version']}"),
                         ("Respondents: ", str(overall["respondents"]))]
    lines += [("Left out: ", f"{s['file']} ({len(s['problems'])} problem(s))") for s in result["skipped"]]
    lines += [result["roles_note"]] if result["roles_note"] else []
    doc.bullets(lines)
    for note in result["context"]["notes"]:
        doc.paragraph(note)
    people = result["respondents"]
    doc.heading(1, "Participants")
    doc.table("Participants", ["Respondent", "Role", "Score", "Confidence"], [
        [p["name"], p["role_label"], _pct(p["percent"]), _pct(p["confidence"])] for p in people], [4, 3, 1, 1])
    if assessment["kind"] == "maturity":
        _maturity(doc, result)
    elif result["matrix"] is not None:
        label = result["matrix"]["row_label"]
        doc.heading(1, f"{label}s in order of team priority")
        doc.table(f"{label}s in order of team priority", ["Rank", label, "Mean", "Lowest", "Highest"], [
            [str(a["rank"]), a["name"], _pct(a["mean"]), _pct(a["min"]), _pct(a["max"])]
            for a in result["matrix"]["areas"]], [1, 4, 1, 1, 1])
    else:
        block = result["classification"]
        doc.heading(1, "Combined mix")
        doc.paragraph(("Outcome share: ", f"{_pct(block['outcome_share'])} of the {block['classified']} "
                                          f"{block['row_label'].lower()}s with a category."))
        if block["flag"]["raised"]:
            doc.paragraph(("Warning: ", block["flag"]["message"]))
        doc.table("Combined mix", ["Category", "Count", "Share"],
                  [[c["label"], str(c["count"]), _pct(c["percent"])] for c in block["classes"]], [4, 1, 1])
    return doc.to_bytes()


def _maturity(doc: Document, result: dict[str, Any]) -> None:
    overall = result["overall"]
    doc.heading(1, "Overall")
    doc.paragraph("No respondent has rated an item yet." if overall["mean"] is None else
                  f"Mean {_pct(overall['mean'])} (median {_pct(overall['median'])}; lowest "
                  f"{_pct(overall['min'])}, highest {_pct(overall['max'])}).")
    doc.heading(1, "Sections")
    doc.table("Section scores", ["Section", "Mean", "Median", "Lowest", "Highest", "Spread"], [
        [s["title"], _pct(s["mean"]), _pct(s["median"]), _pct(s["min"]), _pct(s["max"]),
         NONE if s["range"] is None else f"{s['range']:.1f} points"] for s in result["sections"]], [4, 1, 1, 1, 1, 1])
    doc.heading(2, "Section chart")
    doc.bars("Section means as bars", ("Section", "Team mean as a bar, 0 to 100%"),
             [(f"{s['title']}: {_pct(s['mean'])}", s["mean"]) for s in result["sections"]])
    doc.heading(1, "Where answers differ most")
    if result["disagreements"]:
        doc.paragraph(result["disagreement"]["rule"])
        doc.bullets([(f"{d['title']}: ", f"{d['text']}.") for d in result["disagreements"]])
    else:
        doc.paragraph(result["disagreement"]["none"])
    if result["roles"]:
        doc.heading(1, "By role")
        doc.table("By role", ["Role", "Respondents", "Overall", *(s["title"] for s in result["sections"])], [
            [r["label"], str(len(r["respondents"])), _pct(r["percent"]), *(_pct(s["percent"]) for s in r["sections"])]
            for r in result["roles"]])
    doc.heading(1, "Items")
    doc.table("Items", ["Item", "Answers", "Agreement", "Each answer"], [
        [i["title"], i["range_text"] or NONE, i["agreement"]["label"] if i["agreement"] else NONE,
         "\n".join(f"{c['respondent']}: {c['text']}" for c in i["levels"])] for i in result["items"]], [3, 3, 2, 3])
    noted = [i for i in result["items"] if i["notes"] or i["plans"]]
    if noted:
        doc.heading(1, "Notes and plans")
    for item in noted:
        doc.heading(2, item["title"])
        doc.bullets([(f"Note from {n['respondent']}: ", n["note"]) for n in item["notes"]]
                    + [(f"Plan from {p['respondent']}: ", plan_text(p, str)) for p in item["plans"]])


def compare_docx(result: dict[str, Any]) -> bytes:
    """A comparison as .docx bytes: who and when, warnings, the overall move, sections and the items that moved."""
    title = f"{result['assessment']['title']}: before and after"
    doc = Document(title)
    doc.paragraph(title, "Title")
    lines: list[Cell] = []
    for side in ("before", "after"):
        info = result[side]
        lines.append((f"{side.capitalize()}: ", f"{info['file']} (version {result[f'{side}_version']}; answered by "
                                                f"{info['respondent']['name'] or 'not named'}; "
                                                f"{info['who']['date_label']})"))
    doc.bullets([*lines, *result["notes"]])
    for warning in result["warnings"]:
        doc.paragraph(("Warning: ", warning["message"]))
    overall = result["overall"]
    doc.heading(1, "Overall")
    doc.paragraph(f"{_pct(overall['before'])} before, {_pct(overall['after'])} after "
                  f"(change {_signed(overall['change'])}).")
    if result["sections"]:
        doc.heading(1, "Sections")
        doc.table("Sections before and after", ["Section", "Before", "After", "Change"], [
            [s["title"], _pct(s["before"]), _pct(s["after"]), _signed(s["change"])] for s in result["sections"]],
            [4, 1, 1, 1])
        doc.heading(2, "Section chart")
        doc.bars("Sections before and after as bars", ("Section", "Score as a bar, 0 to 100%"), [
            bar for s in result["sections"] for bar in ((f"{s['title']}, before: {_pct(s['before'])}", s["before"]),
                                                        (f"{s['title']}, after: {_pct(s['after'])}", s["after"]))])
    items = {i["id"]: i for i in result["items"]}
    for key, heading in (("improved", "Improved"), ("slipped", "Slipped"), ("new", "New items")):
        if result[key]:
            doc.heading(1, heading)
            doc.table(heading, ["Item", "Before", "After", "Change"], [
                [items[i]["title"], items[i]["before_label"] or "not answered",
                 items[i]["after_label"] or "not answered", _signed(items[i]["change"])] for i in result[key]],
                [4, 2, 2, 1])
    if result["unchanged"]:
        doc.heading(1, "Unchanged")
        doc.paragraph(", ".join(items[i]["title"] for i in result["unchanged"]) + ".")
    if result["removed"]:
        doc.heading(1, "No longer in the assessment")
        doc.paragraph("These answers were left out of the comparison:")
        doc.bullets([f"{r['id']} ({r['part']} in {r['file']})" for r in result["removed"]])
    if result["matrix"] is not None:
        doc.heading(1, f"{result['matrix']['row_label']}s")
        doc.table(f"{result['matrix']['row_label']}s", ["Name", "Before", "After", "Change", "Rank before",
                                                        "Rank after"], [
            [a["name"], _pct(a["before"]), _pct(a["after"]), _signed(a["change"]), str(a["before_rank"] or NONE),
             str(a["after_rank"] or NONE)] for a in result["matrix"]["areas"]])
    if result["classification"] is not None:
        share = result["classification"]["outcome_share"]
        doc.heading(1, "Measure mix")
        doc.paragraph(f"Outcome share: {_pct(share['before'])} before, {_pct(share['after'])} after "
                      f"(change {_signed(share['change'])}).")
        doc.table("Measure mix", ["Category", "Before", "After", "Change in share"], [
            [c["label"], str(c["before"]), str(c["after"]), _signed(c["change"])]
            for c in result["classification"]["classes"]])
    return doc.to_bytes()
