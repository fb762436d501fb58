"""The one clean-up of a name a person typed: tidied for showing, folded for matching, the same everywhere."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from obc_assess.core.compare_text import header_of, warnings
from obc_assess.core.responses import template, validate
from obc_assess.core.typed_text import fold, tidy


@pytest.mark.parametrize(("typed", "shown", "matched"), [
    ("Home care", "Home care", "home care"),
    ("  Home   care \n", "Home care", "home care"),
    ("HOME\tCARE", "HOME CARE", "home care"),
    ("Straße", "Straße", "strasse"),  # casefold, not lower: ß matches ss
    (" \t\n", "", ""),
    ("", "", ""),
])
def test_tidy_and_fold(typed: str, shown: str, matched: str) -> None:
    assert (tidy(typed), fold(typed)) == (shown, matched)


@given(st.text())
def test_tidy_is_idempotent_and_fold_ignores_spacing_and_case(value: str) -> None:
    assert tidy(tidy(value)) == tidy(value)
    assert "  " not in tidy(value) and tidy(value) == tidy(value).strip()
    assert fold(f"  {value.upper()} ") == fold(value.upper())


def test_the_validator_and_the_comparison_match_names_by_one_rule(matrix: dict[str, Any]) -> None:
    doc = template(matrix)
    doc["answers"]["areas"] = [{"name": "Home care", "levels": {}, "note": ""},
                               {"name": " home  CARE", "levels": {}, "note": ""}]
    assert [p.path for p in validate(matrix, doc)] == ["answers.areas[1].name"]
    before, after = (template(matrix) for _ in range(2))
    before["respondent"]["name"], after["respondent"]["name"] = "Ann  Jones ", "ann jones"
    who = header_of(before), header_of(after)
    assert who[0]["name"] == "Ann Jones" and warnings(*who) == []
