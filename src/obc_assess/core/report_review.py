"""A report's sign-off (issue 34): who reviewed the answers and when, whether the band is provisional, and each
challenge of the latest round with the author's response; composed once, for Markdown and Word alike."""

from __future__ import annotations

from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.document import Report
from obc_assess.core.formats import columns, given


def sign_off(report: Report, result: dict[str, Any]) -> None:
    """The review line (or "Not reviewed"), the provisional band's words while a challenge is open, every round
    of the review (reviewer, role, date, their overall comment), and the latest round's challenges, open first."""
    lang, review = report.lang, result["review"]
    report.heading(1, text(lang, "core.h-review"))
    report.paragraph(review["line"])
    if review["provisional_words"]:
        report.paragraph(review["provisional_words"], warning=True)
    if not review["reviewed"]:
        return
    unnamed = text(lang, "core.not-named")
    report.table(text(lang, "core.h-review"), columns(lang, "reviewer", "role", "review-date", "note"), [
        [given(one["reviewer"] or "", unnamed), one["role"] or "", one["date_label"] or "", one["comment"]]
        for one in review["history"]], [2, 2, 2, 5])
    report.paragraph(review["rule"])
    if not review["challenges"]:
        return
    report.heading(2, text(lang, "core.h-review-challenges"))
    report.table(text(lang, "core.h-review-challenges"),
                 columns(lang, "item", "challenge", "review-state", "response"), [
        [one["title"], one["comment"], one["state_label"], _response(one)] for one in review["challenges"]],
        [3, 4, 2, 4])


def _response(challenge: dict[str, Any]) -> str:
    """The author's response with its date: "We have the minutes (2 April 2026)"; blank while none is given."""
    said, when = challenge["response"], challenge["response_date_label"]
    return f"{said} ({when})" if said and when else said
