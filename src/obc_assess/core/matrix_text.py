"""The words and tables of a matrix result, one formatter each: a rank cell, a flag cell, and the area tables the
Markdown and Word reports of one result, of a team merge and of a comparison all show (plain text: the
Markdown escapes each cell, the Word report writes it as it is)."""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.formats import NONE, percent, rated, signed

Table = tuple[list[str], list[list[str]]]  # a table's heading row and its rows


def rank_word(rank: int | None, named: bool, lang: str) -> str:
    """How a file ranks an area: "2", "Not ranked" (too few answers), or a dash (not in the file)."""
    if not named:
        return NONE
    return str(rank) if rank is not None else text(lang, "core.not-ranked-short")


def rank_text(rank: int | None, score: float | None, named: bool, lang: str) -> str:
    """A respondent's rank of an area with its score: "2 (66.7%)", "Not ranked", or a dash."""
    word = rank_word(rank, named, lang)
    return f"{word} ({percent(score, lang)})" if rank is not None and named else word


def flag_text(flag: dict[str, Any] | None) -> str:
    """An area's flag cell: the flag's words, raised or clear; a dash where there is no verdict."""
    return NONE if flag is None else str(flag["label"])


def team_flag(block: dict[str, Any] | None, raised: int, total: int, lang: str) -> dict[str, Any] | None:
    """The team's flag for an area: raised when any of the ``total`` respondents with a verdict raised it."""
    if block is None or not total:
        return None
    label = text(lang, "core.team-flag", label=block["raised"], count=raised, total=total) if raised else block["clear"]
    return {"raised": bool(raised), "count": raised, "total": total, "label": label}


def area_heading(area: dict[str, Any], block: dict[str, Any]) -> str:
    """An area's heading above its ratings: "1. Home care", or "Reablement (Not enough answers to rank)"."""
    if area["rank"] is None:
        return f"{area['name']} ({block['unranked_label']})"
    return f"{area['rank']}. {area['name']}"


def _flag_head(block: dict[str, Any]) -> list[str]:
    return [block["flag"]["title"]] if block.get("flag") else []


def area_tables(result: dict[str, Any], lang: str) -> tuple[Table, Table]:
    """The ranked areas (rank, name, score, confidence, rated, flag, note), and those with too few answers to
    rank (the same without rank and score)."""
    block = result["matrix"]
    flag = _flag_head(block)

    def cells(area: dict[str, Any]) -> list[str]:
        return [percent(area["confidence"], lang), rated(area, lang),
                *([flag_text(area["flag"])] if flag else []), area["note"]]

    tail = [*(text(lang, f"core.col-{key}") for key in ("confidence", "rated")), *flag, text(lang, "core.col-note")]
    ranked = ([text(lang, "core.col-rank"), block["row_label"], text(lang, "core.col-score"), *tail],
              [[str(a["rank"]), a["name"], percent(a["percent"], lang), *cells(a)]
               for a in block["areas"] if a["rank"]])
    unranked = ([block["row_label"], *tail], [[a["name"], *cells(a)] for a in block["areas"] if a["rank"] is None])
    return ranked, unranked


def flag_lines(result: dict[str, Any], lang: str) -> list[str]:
    """What the flag means and the source's words it follows; nothing where the matrix has no flag."""
    flag = result["matrix"].get("flag")
    if not flag:
        return []
    return [flag["note"], text(lang, "core.flag-source", cite=flag["cite"], quote=flag["quote"])]


def team_table(result: dict[str, Any], lang: str, each: bool) -> Table:
    """The team's areas: rank (or words), name, mean, lowest, highest, [each respondent's rank], flag."""
    block = result["matrix"]
    flag = _flag_head(block)
    head = [text(lang, "core.col-rank"), block["row_label"],
            *(text(lang, f"core.col-{key}") for key in ("mean", "lowest", "highest")),
            *([p["name"] for p in result["respondents"]] if each else []), *flag]
    rows = [[str(a["rank"]) if a["rank"] is not None else block["unranked_label"], a["name"], percent(a["mean"], lang),
             percent(a["min"], lang), percent(a["max"], lang), *([c["text"] for c in a["ranks"]] if each else []),
             *([flag_text(a["flag"])] if flag else [])] for a in block["areas"]]
    return head, rows


def compare_table(result: dict[str, Any], lang: str) -> Table:
    """Each area before and after: score, change, rank (or words) and, where there is one, the flag."""
    block = result["matrix"]
    title = block.get("flag_title")
    head = [text(lang, f"core.col-{key}") for key in ("name", "before", "after", "change", "rank-before",
                                                        "rank-after")]
    if title:
        head += [text(lang, "core.col-flag-before", title=title), text(lang, "core.col-flag-after", title=title)]
    rows = []
    for a in block["areas"]:
        rows.append([a["name"], percent(a["before"], lang), percent(a["after"], lang), signed(a["change"]),
                     a["before_rank_text"], a["after_rank_text"],
                     *([a["before_flag"] or NONE, a["after_flag"] or NONE] if title else [])])
    return head, rows


def matrix_csv_rows(result: dict[str, Any], lang: str) -> list[dict[str, object]]:
    """A team merge's area rows for its CSV: each area (rank empty where none ranks it; label its flag), then
    each respondent who named it (rank empty and a note where their answers are too few to rank it)."""
    rows: list[dict[str, object]] = []
    for area in result["matrix"]["areas"]:
        rows.append({"record": "area", "title": area["name"], "rank": area["rank"], "count": area["respondents"],
                     "label": area["flag"]["label"] if area["flag"] else None,
                     **{key: area[key] for key in ("mean", "median", "min", "max", "range")}})
        rows += [{"record": "area-rank", "title": area["name"], "respondent": cell["respondent"],
                  "rank": cell["rank"], "percent": cell["percent"],
                  "note": None if cell["rank"] is not None else text(lang, "core.not-ranked-short")}
                 for cell in area["ranks"] if cell["named"]]
    return rows
