"""Renders team and before-and-after results as CSV (for spreadsheets) and Markdown (a readable summary)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.languages import DEFAULT, lang_of
from obc_assess.core.matrix_text import NONE, compare_table, matrix_csv_rows, team_table
from obc_assess.core.render import Row, csv_text
from obc_assess.core.report import escape

TEAM_COLUMNS = ("record", "file", "section", "id", "title", "respondent", "role", "level", "label", "percent",
                "rank", "count", "mean", "median", "min", "max", "range", "answered", "na", "unknown",
                "unanswered", "note")
COMPARE_COLUMNS = ("record", "file", "section", "id", "title", "before", "before_label", "after", "after_label",
                   "change", "movement", "before_rank", "after_rank", "note", "action", "action_status")
_STATS = ("mean", "median", "min", "max", "range", "answered", "na", "unknown", "unanswered")


def _pct(value: float | None) -> str:
    return NONE if value is None else f"{value:.1f}%"


def _signed(value: float | int | None) -> str:
    return NONE if value is None else f"{value:+.1f}" if isinstance(value, float) else f"{value:+d}"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head), *("| " + " | ".join(r) + " |" for r in rows)]


def _cols(lang: str, *keys: str) -> list[str]:
    """Column headings (core.col-<key>)."""
    return [text(lang, f"core.col-{key}") for key in keys]


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


def team_markdown(result: dict[str, Any]) -> str:
    """A readable summary of a team result, with everything the respondents typed escaped."""
    assessment, overall = result["assessment"], result["overall"]
    lang = lang_of(assessment)
    lines = [f"# {text(lang, 'core.team-title', title=escape(assessment['title']))}", "",
             f"- {text(lang, 'core.about-assessment')}: {escape(assessment['title'])}, "
             f"{text(lang, 'core.version', version=escape(assessment['version']))}",
             f"- {text(lang, 'core.team-respondents')}: {overall['respondents']}"]
    lines += [f"- {text(lang, 'core.team-left-out', file=escape(s['file']), count=len(s['problems']))}"
              for s in result["skipped"]]
    if result["roles_note"]:
        lines.append(f"- {result['roles_note']}")
    if result["context"]["notes"]:
        lines += ["", *(escape(note) for note in result["context"]["notes"])]
    people = result["respondents"]
    if people:
        lines += ["", f"## {text(lang, 'core.h-respondents')}", ""]
        lines += _table(_cols(lang, "respondent", "role", "organisation", "date", "score", "confidence"), [
            [escape(p["name"]), p["role_label"], escape(p["organisation"]) or text(lang, "core.not-given"),
             p["date_label"], _pct(p["percent"]), _pct(p["confidence"])] for p in people])
    if assessment["kind"] == "maturity":
        lines += _maturity(result, lang)
    elif result["matrix"] is not None:
        lines += ["", f"## {text(lang, 'core.h-team-rows', label=escape(result['matrix']['row_label']))}", ""]
        head, rows = team_table(result, lang, each=True)
        lines += _table([escape(cell) for cell in head], [[escape(cell) for cell in row] for row in rows])
    else:
        block = result["classification"]
        lines += ["", f"## {text(lang, 'core.h-combined-mix')}", "",
                  text(lang, "core.team-outcome-share", share=f"**{_pct(block['outcome_share'])}**",
                       classified=block["classified"], label=escape(block["row_label"]).lower())]
        if block["flag"]["raised"]:
            lines += ["", f"> **{text(lang, 'core.warning')}** {escape(block['flag']['message'])}"]
        lines += ["", *_table(_cols(lang, "category", "count", "share"), [
            [escape(c["label"]), str(c["count"]), _pct(c["percent"])] for c in block["classes"]])]
    return "\n".join(lines).rstrip("\n") + "\n"


def _maturity(result: dict[str, Any], lang: str) -> list[str]:
    overall = result["overall"]
    lines = ["", f"## {text(lang, 'core.h-overall')}", "", text(lang, "core.team-none-rated") if overall["mean"] is None
             else text(lang, "core.team-mean", mean=f"**{_pct(overall['mean'])}**", median=_pct(overall["median"]),
                       min=_pct(overall["min"]), max=_pct(overall["max"]))]
    lines += ["", f"## {text(lang, 'core.h-sections')}", ""]
    lines += _table(_cols(lang, "section", "mean", "median", "lowest", "highest", "spread"), [
        [escape(s["title"]), _pct(s["mean"]), _pct(s["median"]), _pct(s["min"]), _pct(s["max"]),
         NONE if s["range"] is None else text(lang, "core.points-spread", points=f"{s['range']:.1f}")]
        for s in result["sections"]])
    lines += ["", f"## {text(lang, 'core.h-differ-most')}", ""]
    lines += [result["disagreement"]["rule"], "", *(f"- **{escape(d['title'])}**: {escape(d['text'])}."
                                                   for d in result["disagreements"])] if result["disagreements"] else [
        result["disagreement"]["none"]]
    if result["roles"]:
        titles = [escape(s["title"]) for s in result["sections"]]
        lines += ["", f"## {text(lang, 'core.h-by-role')}", ""]
        lines += _table([*_cols(lang, "role", "respondents", "overall"), *titles], [
            [r["label"], str(len(r["respondents"])), _pct(r["percent"]), *(_pct(s["percent"]) for s in r["sections"])]
            for r in result["roles"]])
    names = [escape(p["name"]) for p in result["respondents"]]
    lines += ["", f"## {text(lang, 'core.h-items')}", ""]
    lines += _table([*_cols(lang, "item", "answers", "agreement"), *names], [
        [escape(i["title"]), i["range_text"] or NONE, i["agreement"]["label"] if i["agreement"] else NONE,
         *(escape(c["text"]) for c in i["levels"])] for i in result["items"]])
    noted = [i for i in result["items"] if i["notes"] or i["plans"]]
    if noted:
        lines += ["", f"## {text(lang, 'core.h-notes-plans')}", ""]
    for item in noted:
        lines += [f"### {escape(item['title'])}", ""]
        lines += [f"- {text(lang, 'core.note-from', name=escape(n['respondent']))}: {escape(n['note'])}"
                  for n in item["notes"]]
        lines += [f"- {text(lang, 'core.plan-from', name=escape(p['respondent']))}: {plan_text(p, escape, lang)}"
                  for p in item["plans"]]
        lines.append("")
    return lines


def plan_text(plan: dict[str, Any], esc: Callable[[object], str] = escape, lang: str = DEFAULT) -> str:
    """One plan entry in words: the action, then who, by when and to what level, where given (typed text passed
    through esc: escaped for Markdown, as it is for a Word document)."""
    parts = [esc(plan["action"]) or text(lang, "core.no-action")]
    parts += [text(lang, "core.plan-owner", owner=esc(plan["owner"]))] if plan["owner"] else []
    parts += [text(lang, "core.plan-due", due=plan["due_label"])] if plan["due_label"] else []
    parts += [text(lang, "core.plan-target", target=esc(plan["target_label"]))] if plan["target_label"] else []
    return "; ".join(parts)


def followed(result: dict[str, Any], lang: str) -> list[tuple[str, list[list[str]]]]:
    """The comparison's follow-through tables (Markdown and .docx): every action beside its item's change in
    level, then the overdue and the dropped ones; (heading, rows of item, action, status and level)."""
    actions = result.get("actions")
    if not actions:
        return []
    items = {i["id"]: i for i in result["items"]}
    tables = []
    every = [[i["title"], (i["before_action"] or i["after_action"])["action"], i["action_text"]]
             for i in result["items"] if i.get("action_text")]
    for key, rows in (("core.h-actions-and-levels", every),
                      ("core.h-actions-overdue", [[a["title"], a["action"], items[a["id"]]["action_text"]]
                                                  for a in actions["overdue"]]),
                      ("core.h-actions-dropped", [[a["title"], a["action"], f"{items[a['id']]['action_text']}. "
                                                   + a["review"] if a["review"] else items[a["id"]]["action_text"]]
                                                  for a in actions["dropped"]])):
        if rows:
            tables.append((text(lang, key), rows))
    return tables


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


def compare_markdown(result: dict[str, Any]) -> str:
    """A readable summary of a comparison: the overall move, sections, and the items that moved."""
    assessment = result["assessment"]
    lang = lang_of(assessment)
    lines = [f"# {text(lang, 'core.compare-title', title=escape(assessment['title']))}", ""]
    for side in ("before", "after"):
        info = result[side]
        who = escape(info["respondent"]["name"]) or text(lang, "core.not-named")
        lines.append("- " + text(lang, f"core.compare-side-{side}", file=escape(info["file"]),
                                 version=escape(result[f"{side}_version"]), who=who, date=info["who"]["date_label"]))
    lines += [f"- {note}" for note in result["notes"]]
    for warning in result["warnings"]:
        lines += ["", f"> **{text(lang, 'core.warning')}** {escape(warning['message'])}"]
    overall = result["overall"]
    lines += ["", f"## {text(lang, 'core.h-overall')}", "",
              text(lang, "core.compare-overall", before=f"**{_pct(overall['before'])}**",
                   after=f"**{_pct(overall['after'])}**", change=_signed(overall["change"]))]
    if result["sections"]:
        lines += ["", f"## {text(lang, 'core.h-sections')}", ""]
        lines += _table(_cols(lang, "section", "before", "after", "change"), [
            [escape(s["title"]), _pct(s["before"]), _pct(s["after"]), _signed(s["change"])]
            for s in result["sections"]])
    items = {i["id"]: i for i in result["items"]}
    not_answered = text(lang, "core.not-answered-lower")
    for key in ("improved", "slipped", "new"):
        if result[key]:
            lines += ["", f"## {text(lang, f'core.h-{key}')}", ""]
            lines += [f"- {escape(items[i]['title'])}: {escape(items[i]['before_label'] or not_answered)} → "
                      f"{escape(items[i]['after_label'] or not_answered)}"
                      + (f" ({_signed(items[i]['change'])})" if items[i]["change"] is not None else "")
                      for i in result[key]]
    if result["unchanged"]:
        lines += ["", f"## {text(lang, 'core.h-unchanged')}", "",
                  ", ".join(escape(items[i]["title"]) for i in result["unchanged"]) + "."]
    for heading, rows in followed(result, lang):
        lines += ["", f"## {escape(heading)}", ""]
        lines += _table([_cols(lang, "item")[0], _cols(lang, "action")[0], _cols(lang, "action-level")[0]],
                        [[escape(cell) for cell in row] for row in rows])
    if result["removed"]:
        lines += ["", f"## {text(lang, 'core.h-removed')}", "", text(lang, "core.removed-intro"), ""]
        lines += [f"- {text(lang, 'core.removed-line', id=escape(r['id']), part=r['part'], file=escape(r['file']))}"
                  for r in result["removed"]]
    if result["matrix"] is not None:
        lines += ["", f"## {text(lang, 'core.h-rows', label=escape(result['matrix']['row_label']))}", ""]
        head, rows = compare_table(result, lang)
        lines += _table([escape(cell) for cell in head], [[escape(cell) for cell in row] for row in rows])
    if result["classification"] is not None:
        share = result["classification"]["outcome_share"]
        lines += ["", f"## {text(lang, 'core.h-measure-mix')}", "",
                  text(lang, "core.compare-share", before=_pct(share["before"]), after=_pct(share["after"]),
                       change=_signed(share["change"])), ""]
        lines += _table(_cols(lang, "category", "before", "after", "change-in-share"), [
            [escape(c["label"]), str(c["before"]), str(c["after"]), _signed(c["change"])]
            for c in result["classification"]["classes"]])
    return "\n".join(lines).rstrip("\n") + "\n"
