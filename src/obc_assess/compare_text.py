"""What a comparison says about its two files: who and when each is, and the warnings that stop it misleading.

A comparison over time sets one person's (or team's) earlier answers against their own later ones. Two files from
different people, or a "baseline" dated after the "later" file, would read as progress that is not there, so the
page and the report warn (the toolkit's own rule). Every sentence here is shown as it is.
"""

from __future__ import annotations

from typing import Any

from obc_assess.dates import date_label
from obc_assess.plan import is_date
from obc_assess.responses import ROLES, about

SIDES = {"before": "baseline", "after": "later file"}
STATUS_TEXT = {"not-asked": "Not asked", "unanswered": "Not answered", "skipped": "Not answered",
               "na": "Not applicable", "unknown": "Don't know"}
NO_DATE = "No date"


def header_of(doc: dict[str, Any]) -> dict[str, Any]:
    """Who answered a valid file and when: the assessment date if the file has one, else the day it was saved.

    The keys are read by responses.about (the answers format's own reader); ``saved_at``, which the browser
    writes, stands in only for a file with no assessment date."""
    who = about(doc)
    name = " ".join(who["name"].split())
    role = who["role"]
    organisation = " ".join(who["organisation"].split())
    day, kind = "", None
    for value, found in ((who["assessment_date"], "assessment"), (doc.get("saved_at"), "saved")):
        if isinstance(value, str) and is_date(value[:10]):
            day, kind = value[:10], found
            break
    shown = date_label(day) if day else NO_DATE
    return {"name": name, "role": role, "role_label": ROLES.get(role, ""), "organisation": organisation,
            "date": day or None, "date_kind": kind,
            "date_label": f"saved on {shown}" if kind == "saved" else shown}


def warnings(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, str]]:
    """Why the comparison may mislead, as ``{"id", "message"}``, most serious first (empty when none)."""
    found = []
    if before["name"] and after["name"] and before["name"].casefold() != after["name"].casefold():
        found.append({"id": "different-people", "message": (
            f"These files are from different people: {before['name']} (baseline) and {after['name']} (later file). "
            "A comparison over time needs the same person's or team's answers, earlier and later.")})
    elif before["role"] and after["role"] and before["role"] != after["role"]:
        found.append({"id": "different-roles", "message": (
            f"These files were answered in different roles: {before['role_label']} (baseline) and "
            f"{after['role_label']} (later file). Check they are from the same person or team.")})
    if (before["organisation"] and after["organisation"]
            and before["organisation"].casefold() != after["organisation"].casefold()):
        found.append({"id": "different-organisations", "message": (
            f"These files are for different organisations: {before['organisation']} (baseline) and "
            f"{after['organisation']} (later file).")})
    if before["date"] and after["date"] and before["date"] > after["date"]:
        found.append({"id": "dates-reversed", "message": (
            f"The baseline is dated {date_label(before['date'])}, after the later file "
            f"({date_label(after['date'])}): check which file is the earlier one, and choose it as the baseline.")})
    return found


def notes(result: dict[str, Any]) -> list[str]:
    """What changed in the assessment or the choices between the files (not warnings: the figures hold)."""
    found = []
    if (result["before_version"] != result["definition_version"]
            or result["after_version"] != result["definition_version"]):
        found.append(f"The assessment is now version {result['definition_version']}; a file for another version is "
                     "compared on the items both still have.")
    if result["context_changed"]:
        found.append("The model or scope chosen changed, so different items may have been asked.")
    return found


def side_text(label: str | None, status: str) -> str:
    """How one side of an item reads: its level's name, or why it has none."""
    return label or STATUS_TEXT.get(status, "Not answered")
