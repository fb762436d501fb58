"""Dates as people write them ("2 March 2026"), the same on every machine, for reports, files and the page."""

from __future__ import annotations

from datetime import date

# Not strftime("%B"): that follows the machine's locale, and the CLI and the browser must print the same.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def date_label(text: str) -> str:
    """A valid YYYY-MM-DD date as people write it: "2 March 2026"."""
    day = date.fromisoformat(text)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
