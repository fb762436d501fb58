"""What a comparison says about its two files: who and when each is, and the warnings that stop it misleading.

A comparison over time sets one person's (or team's) earlier answers against their own later ones. Two files from
different people, or a "baseline" dated after the "later" file, would read as progress that is not there, so the
page and the report warn (the toolkit's own rule). Every sentence here is shown as it is.
"""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.dates import date_label
from obc_assess.core.languages import DEFAULT
from obc_assess.core.plan import is_date
from obc_assess.core.responses import about, role_label
from obc_assess.core.tally import WORDED
from obc_assess.core.typed_text import fold, tidy


def header_of(doc: dict[str, Any], lang: str = DEFAULT) -> dict[str, Any]:
    """Who answered a valid file and when: the assessment date if the file has one, else the day it was saved.

    The keys are read by responses.about (the answers format's own reader); ``saved_at``, which the browser
    writes, stands in only for a file with no assessment date."""
    who = about(doc)
    name = tidy(who["name"])
    role = who["role"]
    organisation = tidy(who["organisation"])
    day, kind = "", None
    for value, found in ((who["assessment_date"], "assessment"), (doc.get("saved_at"), "saved")):
        if isinstance(value, str) and is_date(value[:10]):
            day, kind = value[:10], found
            break
    shown = date_label(day, lang) if day else text(lang, "core.no-date")
    return {"name": name, "role": role, "role_label": role_label(role, lang),
            "organisation": organisation, "date": day or None, "date_kind": kind,
            "date_label": text(lang, "core.saved-on", date=shown) if kind == "saved" else shown}


def warnings(before: dict[str, Any], after: dict[str, Any], lang: str = DEFAULT) -> list[dict[str, str]]:
    """Why the comparison may mislead, as ``{"id", "message"}``, most serious first (empty when none)."""
    found = []

    def warn(key: str, **values: object) -> None:
        found.append({"id": key, "message": text(lang, f"core.warning-{key}", **values)})

    if before["name"] and after["name"] and fold(before["name"]) != fold(after["name"]):
        warn("different-people", before=before["name"], after=after["name"])
    elif before["role"] and after["role"] and before["role"] != after["role"]:
        warn("different-roles", before=before["role_label"], after=after["role_label"])
    if (before["organisation"] and after["organisation"]
            and fold(before["organisation"]) != fold(after["organisation"])):
        warn("different-organisations", before=before["organisation"], after=after["organisation"])
    if before["date"] and after["date"] and before["date"] > after["date"]:
        warn("dates-reversed", before=date_label(before["date"], lang), after=date_label(after["date"], lang))
    return found


def notes(result: dict[str, Any], lang: str = DEFAULT) -> list[str]:
    """What changed in the assessment or the choices between the files (not warnings: the figures hold)."""
    found = []
    if (result["before_version"] != result["definition_version"]
            or result["after_version"] != result["definition_version"]):
        found.append(text(lang, "core.compare-version-note", version=result["definition_version"]))
    if result["context_changed"]:
        found.append(text(lang, "core.compare-context-note"))
    return found


def side_text(label: str | None, status: str, lang: str = DEFAULT) -> str:
    """How one side of an item reads: its level's name, or why it has none."""
    return label or text(lang, f"core.status-{status}" if status in WORDED else "core.status-unanswered")
