"""Dates as people write them ("2 March 2026", "2 Mawrth 2026"), the same on every machine, for reports, files
and the page."""

from __future__ import annotations

from datetime import date

from obc_assess.core.catalogue import text
from obc_assess.core.languages import DEFAULT


def date_label(value: str, lang: str = DEFAULT) -> str:
    """A valid YYYY-MM-DD date as people write it in ``lang``: "2 March 2026", "2 Mawrth 2026"."""
    # Not strftime("%B"): that follows the machine's locale, and the CLI and the browser must print the same.
    day = date.fromisoformat(value)
    return text(lang, "core.date", day=day.day, month=text(lang, f"core.month-{day.month}"), year=day.year)
