"""A comparison says who and when each file is, and warns when it would mislead: different people, dates reversed."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from obc_assess.core.compare import compare
from obc_assess.core.compare_text import date_label, header_of, warnings
from obc_assess.core.report_compare import compare_markdown
from obc_assess.core.responses import template

DIFFERENT = ("These files are from different people: Ann (baseline) and Bob (later file). A comparison over time "
             "needs the same person's or team's answers, earlier and later.")
REVERSED = ("The baseline is dated 2 March 2026, after the later file (1 February 2026): check which file is the "
            "earlier one, and choose it as the baseline.")
ROLES = ("These files were answered in different roles: Commissioner (baseline) and Provider (later file). Check "
         "they are from the same person or team.")


def _doc(definition: dict[str, Any], name: str, role: str, saved: str | None) -> dict[str, Any]:
    doc = template(definition, 2)
    doc["respondent"] = {"name": name, "role": role}
    doc["answers"]["governance"] = {"level": 1, "note": ""}
    if saved is not None:
        doc["saved_at"] = saved
    return doc


@pytest.mark.parametrize(("before", "after", "expected"), [
    (("Ann", "commissioner", "2026-02-01T09:00:00Z"), ("ann ", "commissioner", "2026-03-02T09:00:00Z"), []),
    (("Ann", "commissioner", None), ("Bob", "commissioner", None), [("different-people", DIFFERENT)]),
    (("Ann", "commissioner", "2026-03-02T10:00:00Z"), ("Ann", "commissioner", "2026-02-01T10:00:00Z"),
     [("dates-reversed", REVERSED)]),
    (("Ann", "commissioner", "2026-03-02"), ("Bob", "provider", "2026-02-01"),
     [("different-people", DIFFERENT), ("dates-reversed", REVERSED)]),
    (("", "commissioner", None), ("", "provider", None), [("different-roles", ROLES)]),
    (("", "", "2026-03-02"), ("Bob", "", "not a date"), []),  # one side unknown: nothing to warn of
])
def test_warnings(maturity: dict[str, Any], before: tuple[str, str, str | None], after: tuple[str, str, str | None],
                  expected: list[tuple[str, str]]) -> None:
    result = compare(maturity, _doc(maturity, *before), _doc(maturity, *after))
    assert [(w["id"], w["message"]) for w in result["warnings"]] == expected


def test_both_dates_are_shown(maturity: dict[str, Any]) -> None:
    result = compare(maturity, _doc(maturity, "Ann", "", "2026-02-01T09:00:00Z"), _doc(maturity, "Ann", "", None))
    assert result["before"]["who"] == {"name": "Ann", "role": "", "role_label": "Not given", "organisation": "",
                                       "date": "2026-02-01", "date_kind": "saved",
                                       "date_label": "saved on 1 February 2026"}
    assert (result["after"]["who"]["date"], result["after"]["who"]["date_label"]) == (None, "No date")
    text = compare_markdown(result)
    assert "- Before: before (version 1.0; answered by Ann; saved on 1 February 2026)" in text
    assert "- After: after (version 1.0; answered by Ann; No date)" in text


def test_markdown_warns(maturity: dict[str, Any]) -> None:
    text = compare_markdown(compare(maturity, _doc(maturity, "Ann", "", None), _doc(maturity, "Bob", "", None)))
    assert f"> **Warning:** {DIFFERENT}" in text


def test_an_assessment_date_is_read_before_the_saved_day(maturity: dict[str, Any]) -> None:
    doc = _doc(maturity, "Ann", "", "2026-05-05T10:00:00Z")
    doc["assessment_date"] = "2026-04-30"  # format 2's assessment date
    assert (header_of(doc)["date"], header_of(doc)["date_label"]) == ("2026-04-30", "30 April 2026")


_DAYS = st.dates().map(lambda day: day.isoformat())


@given(_DAYS, _DAYS)
def test_dates_warn_exactly_when_reversed(first: str, second: str) -> None:
    def who(day: str) -> dict[str, Any]:
        return {"name": "", "role": "", "role_label": "", "organisation": "", "date": day}

    found = [w["id"] for w in warnings(who(first), who(second))]
    assert found == (["dates-reversed"] if first > second else [])


def test_date_label() -> None:
    assert date_label("2026-03-02") == "2 March 2026"
