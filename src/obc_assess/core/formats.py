"""One formatter for each kind of value the reports, the CSV's words and the page show: a percent, a signed
change, a count rated, a date, an action's status, an item's next steps (issue 32: each written once)."""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.dates import date_label
from obc_assess.core.document import Link, Strong, Text

NONE = "\u2013"  # an en dash: nothing to show in a table cell (no rank, no change)


def given(typed: str, fallback: str) -> str:
    """What a person typed, as they typed it; the fallback words when it is blank."""
    return typed if typed.strip() else fallback


def percent(value: float | None, lang: str) -> str:
    """A percent as every report shows it: "66.7%", or "not scored"."""
    return text(lang, "core.not-scored") if value is None else f"{value:.1f}%"


def signed(value: float | None) -> str:
    """A change with its sign: "+8.3", "-1", "0"; a dash where there is none."""
    return NONE if value is None else f"{value:+.1f}" if isinstance(value, float) else f"{value:+d}"


def rated(row: dict[str, Any], lang: str) -> str:
    """How many of a part's items are rated: "2 of 3"."""
    return text(lang, "core.rated-of", answered=row["answered"], total=row["total"])


def day(iso: str, lang: str) -> str:
    """A YYYY-MM-DD date as people write it; nothing for none."""
    return date_label(iso, lang) if iso else ""


def overdue(action: dict[str, Any], lang: str) -> str | None:
    """"Overdue" for an action past its due date and not done; None otherwise."""
    return text(lang, "core.action-overdue") if action.get("overdue") else None


def status(action: dict[str, Any], lang: str) -> str:
    """An action's status, "Overdue" beside it when it is: "Not started (Overdue)"."""
    late = overdue(action, lang)
    return f"{action['status_label']} ({late})" if late else str(action["status_label"])


def next_steps(priority: dict[str, Any], lang: str) -> Text:
    """A priority's own next steps, each with its source, one a line; the next level's words when it has none."""
    if priority["next_steps"]:
        return ("\n".join(f"{step['text']} ({step['cite']})" for step in priority["next_steps"]),)
    target = priority["target"]
    return (f"{text(lang, 'core.next-level')} ", Strong(target["label"]), f", {target['descriptor']}")


def confidence_line(overall: dict[str, Any], what: str, lang: str) -> str:
    """The confidence figure and the counts behind it; ``what`` names what is counted ("core items rated")."""
    return text(lang, "core.confidence-line", confidence=percent(overall["confidence"], lang),
                answered=overall["answered"], total=overall["total"], what=what, unknown=overall["unknown"],
                unanswered=overall["unanswered"], na=overall["na"])


def guidance(base_url: str, url: str | None, lang: str) -> Text:
    """A pointer to an item's guidance on the site (site-relative, after base_url), where it has a page."""
    return (Link(text(lang, "core.guidance-link"), f"{base_url}{url}", web_only=True),) if url else ()


def warning(lang: str, message: str) -> Text:
    """A warning after its bold lead: "Warning: Fewer than half are outcomes."."""
    return Strong(text(lang, "core.warning")), f" {message}"


def columns(lang: str, *keys: str) -> list[str]:
    """A table's column headings (core.col-<key>)."""
    return [text(lang, f"core.col-{key}") for key in keys]
