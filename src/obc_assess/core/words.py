"""The words a result shows beside its figures, so the page, the print and any later translation read Python's
text and restate no rule: who and when, each answer as read, counts, progress, and how the score was worked out.

``add_words`` fills them into a scored result in place (every kind), in the result's language (its definition's,
``result["assessment"]["lang"]``); nothing here changes a figure.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.formats import rated
from obc_assess.core.languages import DEFAULT, lang_of
from obc_assess.core.responses import role_label
from obc_assess.core.tally import WORDED
from obc_assess.core.typed_text import tidy


def counts_label(counts: dict[str, Any], lang: str = DEFAULT) -> str:
    """ "3 of 13 rated, 1 not applicable, 2 don't know, 7 not answered" (parts that are 0 left out)."""
    parts = [text(lang, "core.counts-rated", answered=counts["answered"], total=counts["total"])]
    parts += [text(lang, f"core.counts-{key}", n=counts[key]) for key in ("na", "unknown", "unanswered")
              if counts[key]]
    return text(lang, "core.list-separator").join(parts)


def answer_label(level_label: str | None, status: str, lang: str = DEFAULT, reason: str = "") -> str:
    """An answer as read: the level's label, or what the answer is when it is not a level; "not applicable"
    with its reason, or saying there is none (a file saved before reasons were asked for)."""
    if status == "na":
        said = tidy(reason)
        return text(lang, "core.status-na-reason", reason=said) if said else text(lang, "core.status-na-no-reason")
    if level_label is not None:
        return level_label
    return text(lang, f"core.status-{status}" if status in WORDED else "core.not-given")


@cache
def _answer_words(level_label: str | None, status: str, lang: str, scale_name: str | None) -> tuple[str, str]:
    """An item's answer as read (not "not applicable", whose reason is the person's), and that with the scale a
    level is on where an assessment mixes scales (``scale_name``): the same few words for every item, every time,
    so worked out once."""
    said = answer_label(level_label, status, lang)
    if scale_name is not None and status == "scored":
        return said, said + text(lang, "core.on-scale-short", scale=scale_word(scale_name))
    return said, said


def _about(result: dict[str, Any], lang: str) -> list[dict[str, str]]:
    context, who = result["context"], result["respondent"]
    given = text(lang, "core.not-given")
    rows = []
    if context["model"] is not None:
        rows.append((text(lang, "core.about-model"),
                     text(lang, "core.model-named", model=context["model"], name=context["model_name"])))
    if context["scope"] is not None:
        rows.append((text(lang, "core.about-scope"), context["scope_label"]))
    rows += [(text(lang, "core.about-name"), tidy(who["name"]) or given),
             (text(lang, "core.about-role"), role_label(who["role"], lang)),
             (text(lang, "core.about-organisation"), tidy(who["organisation"]) or given),
             (text(lang, "core.about-date"), result["assessment_date_label"] or given)]
    return [{"term": term, "value": value} for term, value in rows]


def _notes(result: dict[str, Any], kind: str) -> list[dict[str, str]]:
    """Every note written on an item asked, or on a named row, titled by what it is about, in form order."""
    if kind == "maturity":
        found = [(item["title"], item["note"]) for item in result["working"]["items"]
                 if item["status"] != "not-asked"]
    else:
        block = result["matrix"] or result["classification"]
        rows = sorted(block.get("areas", []), key=lambda a: a["index"]) if kind == "matrix" else block["measures"]
        found = [(f"{block['row_label']}: {tidy(row['name'])}", row["note"]) for row in rows]
    return [{"title": title, "note": note.strip()} for title, note in found if note.strip()]


def _progress(result: dict[str, Any], kind: str, lang: str) -> dict[str, Any]:
    # The headline counts the core; progress counts every item asked, the optional extras too.
    parts = [result["overall"], *result["extras"]]
    total = sum(part["total"] for part in parts)
    done = total - sum(part["unanswered"] for part in parts)
    noun = text(lang, f"core.progress-{kind}")
    key = "core.progress-all" if total and done == total else "core.progress-some"
    return {"done": done, "total": total, "noun": noun, "label": text(lang, key, done=done, total=total, noun=noun)}


def _explanation(result: dict[str, Any], kind: str, lang: str) -> str:
    working = result["working"]
    if kind == "classification":
        return text(lang, "core.explain-classification", outcome=working["outcome"],
                    classified=working["classified"], threshold=working["threshold"])
    if kind == "matrix":
        block = result["matrix"]
        said = text(lang, "core.explain-matrix", top=working["max_level"], rank_from=block["rank_from"])
        return f"{said} {block['flag']['note']}" if block["flag"] else said
    # The rule names each scale the items are asked on (scoring.scoring_rule): no second copy of it here.
    scales = list(dict.fromkeys(item["scale_name"] for item in working["items"]))
    named = text(lang, "core.answer-scales" if len(scales) > 1 else "core.answer-scale",
                 scales="; ".join(scales)) + " " if scales else ""
    said = text(lang, "core.explain-maturity", named=named, rule=working["rule"])
    if working["percent"] is None:
        return text(lang, "core.explain-no-score", text=said)
    return text(lang, "core.explain-points", text=said, points=working["points"], possible=working["possible"],
                percent=working["percent"])


def add_words(result: dict[str, Any]) -> dict[str, Any]:
    """The result with its words filled in (returned for convenience; the dict is changed in place)."""
    kind = result["assessment"]["kind"]
    lang = lang_of(result["assessment"])
    result["about"] = _about(result, lang)
    result["version_notice"] = None if result["version_matches"] else text(
        lang, "core.version-notice", version=result["responses_version"])
    result["overall"]["counts_label"] = counts_label(result["overall"], lang)
    for part in (result["overall"], *result["extras"]):
        if "band_status" in part:  # a part with a band: why it is what it is, in one cell of a table
            part["band_why"] = f"{part['band_words']} {part['band_reason']}" if part["band_status"] in (
                "capped", "split") else part["band_reason"]
    for row in (*result["sections"], *result["extras"], *(result["matrix"] or {}).get("areas", [])):
        row["rated_label"] = rated(row, lang)
    mixed = len({item.get("scale") for item in result["working"].get("items", [])}) > 1
    for item in result["working"].get("items", []):
        # The answer as read (the reports' answer column, beside its scale's), then with its scale named where an
        # assessment mixes them (the page's, which has no scale column). A reason is the person's own text.
        if item["status"] == "na":
            item["answer_words"] = answer_label(None, "na", lang, item.get("na_reason", ""))
            item["answer_label"] = item["answer_words"]
        else:
            item["answer_words"], item["answer_label"] = _answer_words(
                item["level_label"], item["status"], lang, item["scale_name"] if mixed else None)
    if result["classification"] is not None:
        block = result["classification"]
        for cls in block["classes"]:
            cls["kind_label"] = text(lang, "core.class-outcome" if cls["outcome"] else "core.class-not-outcome")
        for measure in block["measures"]:
            measure["category_label"] = measure["label"] or text(lang, "core.no-category-yet")
        block["share_label"] = (text(lang, "core.share-of", classified=block["classified"]) if block["classified"]
                                else text(lang, "core.share-none"))
    result["notes"] = _notes(result, kind)
    result["progress"] = _progress(result, kind, lang)
    result["working"]["explanation"] = _explanation(result, kind, lang)
    return result


def scale_word(scale_name: str) -> str:
    """A scale named in running text: "Coverage: how far ..." reads "coverage"."""
    return scale_name.split(":")[0].lower()
