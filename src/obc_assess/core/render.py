"""Renders a result as JSON (the canonical bytes), CSV (for spreadsheets) or Markdown (a readable report)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.languages import DEFAULT, lang_of
from obc_assess.core.report import to_markdown
from obc_assess.core.typed_text import shown

__all__ = ["CSV_COLUMNS", "PLAN_COLUMNS", "csv_text", "plan_csv", "to_csv", "to_json", "to_markdown"]

CSV_COLUMNS = ("record", "area", "section", "id", "title", "level", "label", "weight", "count", "percent",
               "confidence", "rank", "note", "target", "action", "owner", "due", "na_reason", "review_state",
               "review_comment", "review_response")
# The action plan on its own, for the "export plan" button: one row per item with a plan entry.
PLAN_COLUMNS = ("rank", "section", "id", "title", "level", "label", "target", "target_label", "action", "owner",
                "due", "status", "status_label", "overdue", "review", "carried_from")
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection); an apostrophe stops it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(result: dict[str, Any]) -> str:
    """The result as JSON: sorted keys, two-space indent, UTF-8 text, one final newline. Byte-identical in
    CPython and Pyodide, so the command line and the browser can be compared."""
    return json.dumps(result, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _cell(value: object, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return text(lang, "core.yes" if value else "core.no")
    words = shown(str(value))  # a spreadsheet, or a terminal, shows a control character rather than obeying it
    return f"'{words}" if words.startswith(_FORMULA_START) else words


Row = dict[str, object]


def _record(kind: object, lang: str) -> object:
    return text(lang, f"core.csv-record-{kind}") if isinstance(kind, str) else kind


def csv_text(columns: tuple[str, ...], rows: list[Row], lang: str = DEFAULT) -> str:
    """CSV with a header row in ``lang`` (core.csv-<column>), each row's kind in words (core.csv-record-<kind>),
    CRLF line ends and every cell guarded against formula injection. No byte order mark: whatever saves the
    text adds one (the browser's download, the command line), so Excel reads the Welsh letters as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([text(lang, f"core.csv-{column}") for column in columns])
    writer.writerows([_cell(_record(row.get(column), lang) if column == "record" else row.get(column), lang)
                      for column in columns] for row in rows)
    return out.getvalue()


def _classification_rows(result: dict[str, Any], head: Row, lang: str) -> list[Row]:
    block = result["classification"]
    flag = block["flag"]
    rows: list[Row] = [{**head, "percent": block["outcome_share"], "count": block["classified"],
                        "label": text(lang, "core.flag-label", threshold=flag["threshold"]) if flag["raised"] else ""}]
    rows += [{"record": "class", "id": c["id"], "title": c["label"], "count": c["count"], "percent": c["percent"],
              "label": text(lang, "core.csv-outcome" if c["outcome"] else "core.csv-not-outcome")}
             for c in block["classes"]]
    rows += [{"record": "measure", "title": m["name"], "id": m["class"], "label": m["label"],
              "note": m["note"]} for m in block["measures"]]
    return rows


def _matrix_rows(result: dict[str, Any], head: Row, lang: str) -> list[Row]:
    rows = [head]
    rows += [{"record": "criterion", "id": s["id"], "title": s["title"], "percent": s["percent"],
              "confidence": s["confidence"], "count": s["answered"],
              "note": text(lang, "core.matrix-reason-flag") if s.get("flag") else None} for s in result["sections"]]
    weights = {cell["id"]: cell["weight"] for cell in result["working"]["items"]}
    for area in result["matrix"]["areas"]:
        # An area with too few answers to rank is its own kind of record, with no rank and no score.
        rows.append({"record": "area" if area["rank"] is not None else "area-not-ranked", "area": area["name"],
                     "percent": area["percent"], "rank": area["rank"], "confidence": area["confidence"],
                     "count": area["answered"], "label": area["flag"]["label"] if area["flag"] else None,
                     "note": area["note"]})
        rows += [{"record": "rating", "area": area["name"], "id": level["id"], "title": level["title"],
                  "level": level["level"], "label": level["label"], "weight": weights[level["id"]]}
                 for level in area["levels"]]
    return rows


def _maturity_rows(result: dict[str, Any], head: Row) -> list[Row]:
    band = result["overall"]["band"]
    rows = [{**head, "label": band["label"] if band else None}]
    rows += [{"record": "section", "section": s["id"], "id": s["id"], "title": s["title"],
              "percent": s["percent"], "confidence": s["confidence"], "count": s["answered"]}
             for s in result["sections"]]
    ranks = {p["id"]: p["rank"] for p in result["priorities"]}
    rows += [{"record": "item", "section": i["section"], "id": i["id"], "title": i["title"],
              "level": i["level"], "label": i["level_label"], "weight": i["weight"],
              "rank": ranks.get(i["id"]), "note": i["note"], "na_reason": i["na_reason"],
              "review_state": i["review_label"], "review_comment": i["review_comment"],
              "review_response": i["review_response"]}
             for i in result["working"]["items"] if i["status"] != "not-asked"]
    rows += [{"record": "plan", "section": p["section"], "id": p["id"], "title": p["title"], "level": p["level"],
              "label": p["level_label"], "rank": p["rank"], "target": p["target_label"], "action": p["action"],
              "owner": p["owner"], "due": p["due"]} for p in result.get("plan", [])]
    return rows


def to_csv(result: dict[str, Any]) -> str:
    """One row for the overall result, then one per section, item and action plan entry, criterion, area and
    rating, or class and measure. Columns are CSV_COLUMNS; cells a column does not apply to are empty."""
    overall = result["overall"]
    assessment = result["assessment"]
    lang = lang_of(assessment)
    # The review's headline line on the overall row ("Reviewed by ... on ...: ..." or "Not reviewed").
    head: Row = {"record": "overall", "id": assessment["id"], "title": assessment["title"],
                 "percent": overall["percent"], "confidence": overall["confidence"],
                 "count": overall["total"], "review_state": result["review"]["line"]}
    if result["classification"] is not None:
        rows = _classification_rows(result, head, lang)
    elif result["matrix"] is not None:
        rows = _matrix_rows(result, head, lang)
    else:
        rows = _maturity_rows(result, head)
    return csv_text(CSV_COLUMNS, rows, lang)


def plan_csv(result: dict[str, Any]) -> str:
    """The action plan alone, in priority order (PLAN_COLUMNS; the section by its title); only a header row
    when there is no plan."""
    titles = {s["id"]: s["title"] for s in result["sections"]}
    return csv_text(PLAN_COLUMNS, [{**p, "section": titles.get(p["section"], p["section"]),
                                    "label": p["level_label"]} for p in result.get("plan", [])],
                    lang_of(result["assessment"]))
