"""A team result as CSV (for spreadsheets) and as one report composed once (``team_report``), rendered to Markdown
and Word; and a before-and-after comparison as CSV."""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.document import Report, Strong, emphasised
from obc_assess.core.document_markdown import to_markdown
from obc_assess.core.document_word import to_docx
from obc_assess.core.formats import NONE, columns, given, percent, warning
from obc_assess.core.languages import DEFAULT, lang_of
from obc_assess.core.matrix_text import matrix_csv_rows, team_table
from obc_assess.core.render import Row, csv_text

TEAM_COLUMNS = ("record", "file", "section", "id", "title", "respondent", "role", "level", "label", "percent",
                "rank", "count", "mean", "median", "min", "max", "range", "answered", "na", "unknown",
                "unanswered", "note")
COMPARE_COLUMNS = ("record", "file", "section", "id", "title", "before", "before_label", "after", "after_label",
                   "change", "movement", "before_rank", "after_rank", "note", "action", "action_status")
_STATS = ("mean", "median", "min", "max", "range", "answered", "na", "unknown", "unanswered")


def _stats(entry: dict[str, Any]) -> Row:
    return {key: entry[key] for key in _STATS if key in entry}


def team_csv(result: dict[str, Any]) -> str:
    """The team result as rows (TEAM_COLUMNS): overall, notes, respondents, skipped files, then sections and
    each respondent's section percent, items and each answer, disagreements, roles; or areas, or classes."""
    assessment = result["assessment"]
    rows: list[Row] = [{"record": "overall", "id": assessment["id"], "title": assessment["title"],
                        "count": result["overall"]["respondents"], **_stats(result["overall"])}]
    rows += [{"record": "note", "note": note} for note in result["context"]["notes"]]
    rows += [{"record": "respondent", "file": p["file"], "id": p["n"], "respondent": p["name"],
              "role": p["role_label"], "percent": p["percent"]} for p in result["respondents"]]
    rows += [{"record": "skipped", "file": s["file"], "id": p["path"], "note": p["message"]}
             for s in result["skipped"] for p in s["problems"]]
    for section in result["sections"]:
        rows.append({"record": "section", "section": section["id"], "id": section["id"], "title": section["title"],
                     "count": section["respondents"], **_stats(section)})
        rows += [{"record": "section-score", "section": section["id"], "id": section["id"],
                  "respondent": cell["respondent"], "percent": cell["percent"]} for cell in section["percents"]]
    for item in result["items"]:
        rows.append({"record": "item", "section": item["section"], "id": item["id"], "title": item["title"],
                     "count": item["respondents"], **_stats(item)})
        rows += [{"record": "answer", "section": item["section"], "id": item["id"], "respondent": cell["respondent"],
                  "level": cell["level"], "label": cell["label"], "note": cell["na_reason"]}
                 for cell in item["levels"] if cell["asked"]]
    lang = lang_of(assessment)
    rows += [{"record": "disagreement", "section": d["section"], "id": d["id"], "title": d["title"],
              "mean": d["mean"], "min": d["min"], "max": d["max"], "range": d["range"],
              "note": text(lang, "core.csv-lowest-highest", lowest="; ".join(d["lowest"]),
                           highest="; ".join(d["highest"]))}
             for d in result["disagreements"]]
    for role in result["roles"]:
        rows.append({"record": "role", "id": role["role"], "role": role["label"], "percent": role["percent"],
                     "count": len(role["respondents"])})
        rows += [{"record": "role-section", "section": s["id"], "id": s["id"], "title": s["title"],
                  "role": role["label"], "percent": s["percent"]} for s in role["sections"]]
    if result["matrix"] is not None:
        rows += matrix_csv_rows(result, lang)
    if result["classification"] is not None:
        block = result["classification"]
        rows.append({"record": "outcome-share", "percent": block["outcome_share"], "count": block["classified"],
                     "note": block["flag"]["message"]})
        rows += [{"record": "class", "id": c["id"], "title": c["label"], "count": c["count"],
                  "percent": c["percent"]} for c in block["classes"]]
        rows += [{"record": "respondent-share", "respondent": r["respondent"], "percent": r["outcome_share"],
                  "count": r["classified"]} for r in block["respondents"]]
    return csv_text(TEAM_COLUMNS, rows, lang)


def team_report(result: dict[str, Any]) -> Report:
    """A team result as a document: who took part, then the kind's own sections in their one order."""
    assessment, overall = result["assessment"], result["overall"]
    lang = lang_of(assessment)
    report = Report(text(lang, "core.team-title", title=assessment["title"]), lang)
    report.bullets([f"{text(lang, 'core.about-assessment')}: {assessment['title']}, "
                    f"{text(lang, 'core.version', version=assessment['version'])}",
                    f"{text(lang, 'core.team-respondents')}: {overall['respondents']}",
                    *(text(lang, "core.team-left-out", file=s["file"], count=len(s["problems"]))
                      for s in result["skipped"]),
                    *([result["roles_note"]] if result["roles_note"] else [])])
    for note in result["context"]["notes"]:
        report.paragraph(note)
    people = result["respondents"]
    if people:
        heading = text(lang, "core.h-respondents")
        report.heading(1, heading)
        report.table(heading, columns(lang, "respondent", "role", "organisation", "date", "score", "confidence"), [
            [p["name"], p["role_label"], given(p["organisation"], text(lang, "core.not-given")), p["date_label"],
             percent(p["percent"], lang), percent(p["confidence"], lang)] for p in people], [3, 2, 3, 2, 1, 1])
    if assessment["kind"] == "maturity":
        _maturity(report, result)
    elif result["matrix"] is not None:
        heading = text(lang, "core.h-team-rows", label=result["matrix"]["row_label"])
        report.heading(1, heading)
        head, rows = team_table(result, lang, each=True)
        report.table(heading, head, rows)
    else:
        block = result["classification"]
        heading = text(lang, "core.h-combined-mix")
        report.heading(1, heading)
        report.paragraph(emphasised(lang, "core.team-outcome-share",
                                    {"share": percent(block["outcome_share"], lang)},
                                    classified=block["classified"], label=block["row_label"].lower()))
        if block["flag"]["raised"]:
            report.paragraph(warning(lang, block["flag"]["message"]), warning=True)
        report.table(heading, columns(lang, "category", "count", "share"),
                     [[c["label"], str(c["count"]), percent(c["percent"], lang)] for c in block["classes"]], [4, 1, 1])
    return report


def team_markdown(result: dict[str, Any]) -> str:
    """A readable summary of a team result, with everything the respondents typed escaped."""
    return to_markdown(team_report(result))


def team_docx(result: dict[str, Any]) -> bytes:
    """A team result as .docx bytes."""
    return to_docx(team_report(result))


def _maturity(report: Report, result: dict[str, Any]) -> None:
    lang, overall = report.lang, result["overall"]
    report.heading(1, text(lang, "core.h-overall"))
    report.paragraph(text(lang, "core.team-none-rated") if overall["mean"] is None else emphasised(
        lang, "core.team-mean", {"mean": percent(overall["mean"], lang)}, median=percent(overall["median"], lang),
        min=percent(overall["min"], lang), max=percent(overall["max"], lang)))
    report.heading(1, text(lang, "core.h-sections"))
    report.table(text(lang, "core.section-scores"), columns(lang, "section", "mean", "median", "lowest", "highest",
                                                          "spread"), [
        [s["title"], *(percent(s[key], lang) for key in ("mean", "median", "min", "max")),
         NONE if s["range"] is None else text(lang, "core.points-spread", points=f"{s['range']:.1f}")]
        for s in result["sections"]], [4, 1, 1, 1, 1, 1])
    report.chart(text(lang, "core.section-mean-bars"),
                 (text(lang, "core.col-section"), text(lang, "core.bar-team-mean")),
                 [(f"{s['title']}: {percent(s['mean'], lang)}", s["mean"]) for s in result["sections"]])
    report.heading(1, text(lang, "core.h-differ-most"))
    if result["disagreements"]:
        report.paragraph(result["disagreement"]["rule"])
        report.bullets([(Strong(d["title"]), f": {d['text']}.") for d in result["disagreements"]])
    else:
        report.paragraph(result["disagreement"]["none"])
    if result["roles"]:
        heading = text(lang, "core.h-by-role")
        report.heading(1, heading)
        report.table(heading, [*columns(lang, "role", "respondents", "overall"),
                               *(s["title"] for s in result["sections"])],
                     [[r["label"], str(len(r["respondents"])), percent(r["percent"], lang),
                       *(percent(s["percent"], lang) for s in r["sections"])] for r in result["roles"]])
    heading = text(lang, "core.h-items")
    report.heading(1, heading)
    report.table(heading, [*columns(lang, "item", "answers", "agreement"), *(p["name"] for p in result["respondents"])],
                 [[i["title"], i["range_text"] or NONE, i["agreement"]["label"] if i["agreement"] else NONE,
                   *(c["text"] for c in i["levels"])] for i in result["items"]])
    noted = [i for i in result["items"] if i["notes"] or i["plans"]]
    if noted:
        report.heading(1, text(lang, "core.h-notes-plans"))
    for item in noted:
        report.heading(2, item["title"])
        report.bullets([f"{text(lang, 'core.note-from', name=n['respondent'])}: {n['note']}" for n in item["notes"]]
                       + [f"{text(lang, 'core.plan-from', name=p['respondent'])}: {plan_text(p, lang)}"
                          for p in item["plans"]])


def plan_text(plan: dict[str, Any], lang: str = DEFAULT) -> str:
    """One plan entry in words: the action, then who, by when and to what level, where given."""
    parts = [given(plan["action"], text(lang, "core.no-action"))]
    parts += [text(lang, "core.plan-owner", owner=plan["owner"])] if plan["owner"] else []
    parts += [text(lang, "core.plan-due", due=plan["due_label"])] if plan["due_label"] else []
    parts += [text(lang, "core.plan-target", target=plan["target_label"])] if plan["target_label"] else []
    return "; ".join(parts)


def compare_csv(result: dict[str, Any]) -> str:
    """A comparison as rows (COMPARE_COLUMNS): overall, sections, items, removed answers, areas or classes."""
    overall = result["overall"]
    rows: list[Row] = [{"record": "overall", "id": result["assessment"]["id"], "title": result["assessment"]["title"],
                        "before": overall["before"], "after": overall["after"], "change": overall["change"],
                        "before_label": result["before_version"], "after_label": result["after_version"]}]
    rows += [{"record": "section", "section": s["id"], "id": s["id"], "title": s["title"], "before": s["before"],
              "after": s["after"], "change": s["change"]} for s in result["sections"]]
    rows += [{"record": "item", "section": i["section"], "id": i["id"], "title": i["title"], "before": i["before"],
              "before_label": i["before_label"], "after": i["after"], "after_label": i["after_label"],
              "change": i["change"], "movement": i["movement"], **_action_cells(i)} for i in result["items"]]
    lang = lang_of(result["assessment"])
    actions = result.get("actions") or {"overdue": [], "dropped": []}
    rows += [{"record": "action-overdue", "id": a["id"], "title": a["title"], "action": a["action"],
              "action_status": a["status_label"], "note": a["due"]} for a in actions["overdue"]]
    rows += [{"record": "action-dropped", "id": a["id"], "title": a["title"], "action": a["action"],
              "note": a["review"]} for a in actions["dropped"]]
    rows += [{"record": "removed", "file": r["file"], "id": r["id"],
              "note": text(lang, "core.csv-not-an-item", part=r["part"])} for r in result["removed"]]
    if result["matrix"] is not None:
        rows += [{"record": "area", "title": a["name"], "before": a["before"], "after": a["after"],
                  "change": a["change"], "before_rank": a["before_rank"], "after_rank": a["after_rank"],
                  "before_label": a["before_flag"], "after_label": a["after_flag"]}
                 for a in result["matrix"]["areas"]]
    if result["classification"] is not None:
        share = result["classification"]["outcome_share"]
        rows.append({"record": "outcome-share", **share})
        rows += [{"record": "class", "id": c["id"], "title": c["label"], "before": c["before"], "after": c["after"],
                  "before_label": c["before_percent"], "after_label": c["after_percent"], "change": c["change"]}
                 for c in result["classification"]["classes"]]
    return csv_text(COMPARE_COLUMNS, rows, lang)


def _action_cells(row: dict[str, Any]) -> dict[str, object]:
    """An item row's earlier action and its status now, for the comparison CSV."""
    action = row.get("before_action") or row.get("after_action")
    latest = row.get("after_action") or row.get("before_action")
    return {} if action is None or latest is None else {"action": action["action"],
                                                         "action_status": latest["status_label"]}
