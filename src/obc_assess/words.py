"""The words a result shows beside its figures, so the page, the print and any later translation read Python's
text and restate no rule: who and when, each answer as read, counts, progress, and how the score was worked out.

``add_words`` fills them into a scored result in place (every kind); nothing here changes a figure.
"""

from __future__ import annotations

from typing import Any

from obc_assess.responses import ROLES

# How each kind of answer reads where it is not a level on the scale.
STATUS_WORDS = {"unanswered": "Not answered", "skipped": "Not answered", "not-asked": "Not asked",
                "na": "Not applicable", "unknown": "Don't know"}
# What the progress count counts, by kind of assessment.
PROGRESS_NOUNS = {"maturity": "items answered", "matrix": "ratings given",
                  "classification": "measures given a category"}
NOT_GIVEN = "Not given"


def counts_label(counts: dict[str, Any]) -> str:
    """ "3 of 13 rated, 1 not applicable, 2 don't know, 7 not answered" (parts that are 0 left out)."""
    parts = [f"{counts['answered']} of {counts['total']} rated"]
    parts += [f"{counts[key]} {words}" for key, words in (
        ("na", "not applicable"), ("unknown", "don't know"), ("unanswered", "not answered")) if counts[key]]
    return ", ".join(parts)


def answer_label(level_label: str | None, status: str) -> str:
    """An answer as read: the level's label, or what the answer is when it is not a level."""
    return level_label if level_label is not None else STATUS_WORDS.get(status, NOT_GIVEN)


def _about(result: dict[str, Any]) -> list[dict[str, str]]:
    context, who = result["context"], result["respondent"]
    rows = []
    if context["model"] is not None:
        rows.append(("Model", f"Model {context['model']}: {context['model_name']}"))
    if context["scope"] is not None:
        rows.append(("Scope", context["scope_label"]))
    rows += [("Name or team", who["name"].strip() or NOT_GIVEN), ("Role", ROLES.get(who["role"], NOT_GIVEN)),
             ("Organisation", who["organisation"].strip() or NOT_GIVEN),
             ("Assessment date", result["assessment_date_label"] or NOT_GIVEN)]
    return [{"term": term, "value": value} for term, value in rows]


def _notes(result: dict[str, Any], kind: str) -> list[dict[str, str]]:
    """Every note written on an item asked, or on a named row, titled by what it is about, in form order."""
    if kind == "maturity":
        found = [(item["title"], item["note"]) for item in result["working"]["items"]
                 if item["status"] != "not-asked"]
    else:
        block = result["matrix"] or result["classification"]
        rows = sorted(block.get("areas", []), key=lambda a: a["index"]) if kind == "matrix" else block["measures"]
        found = [(f"{block['row_label']}: {' '.join(row['name'].split())}", row["note"]) for row in rows]
    return [{"title": title, "note": note.strip()} for title, note in found if note.strip()]


def _progress(result: dict[str, Any], kind: str) -> dict[str, Any]:
    # The headline counts the core; progress counts every item asked, the optional extras too.
    parts = [result["overall"], *result["extras"]]
    total = sum(part["total"] for part in parts)
    done = total - sum(part["unanswered"] for part in parts)
    noun = PROGRESS_NOUNS[kind]
    label = f"All {total} {noun}." if total and done == total else f"{done} of {total} {noun}."
    return {"done": done, "total": total, "noun": noun, "label": label}


def _explanation(result: dict[str, Any], kind: str) -> str:
    working = result["working"]
    if kind == "classification":
        return (f"{working['outcome']} of the {working['classified']} measures with a category are outcome "
                f"measures. The warning shows when that share is below {working['threshold']}%.")
    top = working["max_level"]
    if kind == "matrix":
        return (f"Each rating counts its criterion's weight \u00d7 the rating \u00f7 {top}. A service area's score "
                "is its points over the weight of the criteria rated; the highest is rank 1. Don't know and "
                "unanswered ratings are left out of the score and lower the confidence figure instead.")
    # The rule names each scale the items are asked on (scoring.scoring_rule): no second copy of it here.
    scales = list(dict.fromkeys(item["scale_name"] for item in working["items"]))
    named = f"Answer scale{'s' if len(scales) > 1 else ''}: {'; '.join(scales)}. " if scales else ""
    text = (f"{named}{working['rule']} The score is the points over the "
            "weight of the items rated. Not applicable, Don't know and unanswered items are left out of the "
            "score; Don't know and unanswered lower the confidence figure instead.")
    if working["percent"] is None:
        return f"{text} No item has a level yet, so there is no score."
    return f"{text} Points {working['points']} out of a possible {working['possible']}: {working['percent']}%."


def add_words(result: dict[str, Any]) -> dict[str, Any]:
    """The result with its words filled in (returned for convenience; the dict is changed in place)."""
    kind = result["assessment"]["kind"]
    result["about"] = _about(result)
    result["version_notice"] = None if result["version_matches"] else (
        f"These answers were written for version {result['responses_version']} of this assessment; "
        "some items may have changed.")
    result["overall"]["counts_label"] = counts_label(result["overall"])
    for row in (*result["sections"], *result["extras"], *(result["matrix"] or {}).get("areas", [])):
        row["rated_label"] = f"{row['answered']} of {row['total']}"
    mixed = len({item.get("scale") for item in result["working"].get("items", [])}) > 1
    for item in result["working"].get("items", []):
        item["answer_label"] = answer_label(item["level_label"], item["status"])
        if mixed and item["level_label"] is not None:  # which scale a level is on, where an assessment mixes them
            item["answer_label"] += f" ({item['scale_name'].split(':')[0].lower()} scale)"
    if result["classification"] is not None:
        block = result["classification"]
        for cls in block["classes"]:
            cls["kind_label"] = "Outcome" if cls["outcome"] else "Not an outcome"
        for measure in block["measures"]:
            measure["category_label"] = measure["label"] or "No category yet"
        block["share_label"] = (f"of the {block['classified']} measures with a category" if block["classified"]
                                else "no measure has a category yet")
    result["notes"] = _notes(result, kind)
    result["progress"] = _progress(result, kind)
    result["working"]["explanation"] = _explanation(result, kind)
    return result

