"""The integer arithmetic behind the scores gives what exact fractions give, for any decimal weights."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from weighted import weighted

from obc_assess.core.rounding import percent, ratio_rounded, rounded
from obc_assess.core.scoring import score
from obc_assess.core.stats import _in_order, spread
from obc_assess.core.tailor import applies
from obc_assess.core.team import aggregate

LEVELS: list[object] = [0, 1, 2, 3, "na", "unknown", None]
# Decimals as a definition may hold them: whole, one to three places, and the odd float repr (1e-05).
WEIGHTS = [1, 2, 5, 0.5, 1.5, 0.1, 0.3, 0.25, 1.125, 0.001, 4.999, 1e-05]
ITEMS = ["outcomes-focus", "governance", "cost", "allocation", "focus-detail", "extra-item"]


def _setup(base: dict[str, Any], levels: dict[str, object], weights: dict[str, float],
           model: int | None) -> tuple[dict[str, Any], dict[str, Any]]:
    return weighted(base, levels, weights, model, role="provider")


@given(st.fixed_dictionaries({key: st.sampled_from(LEVELS) for key in ITEMS}),
       st.fixed_dictionaries({key: st.sampled_from(WEIGHTS) for key in ITEMS}), st.sampled_from([None, 1, 2, 3]))
def test_overall_is_the_exact_fraction_rounded(definitions: dict[str, Any], levels: dict[str, object],
                                               weights: dict[str, float], model: int | None) -> None:
    definition, doc = _setup(definitions["procurement-review"], levels, weights, model)
    points = possible = expected = Fraction(0)
    for section in definition["sections"]:
        for item in section["items"]:
            level, weight = levels[item["id"]], Fraction(str(item["weight"]))
            # The headline is the core: optional items and sections are extras, scored apart.
            if not applies(definition, item, model, None) or level == "na" or item["optional"] \
                    or section["optional"]:
                continue
            if isinstance(level, int):
                points += weight * level / 3
                possible += weight
            expected += weight
    overall = score(definition, doc)["overall"]
    assert overall["percent"] == (None if not possible else rounded(100 * points / possible, 1))
    assert overall["confidence"] == (None if not expected else rounded(100 * possible / expected, 1))


@given(st.lists(st.fixed_dictionaries({key: st.sampled_from(LEVELS) for key in ITEMS}), min_size=1, max_size=4),
       st.fixed_dictionaries({key: st.sampled_from(WEIGHTS) for key in ITEMS}))
def test_merging_files_already_checked_gives_the_same_result(definitions: dict[str, Any],
                                                               people: list[dict[str, object]],
                                                               weights: dict[str, float]) -> None:
    docs: list[tuple[str, object]] = []
    definition: dict[str, Any] = {}
    for n, levels in enumerate(people):
        definition, doc = _setup(definitions["procurement-review"], levels, weights, 2)
        docs.append((f"{n}.json", doc))
    assert aggregate(definition, docs, checked=True) == aggregate(definition, docs)


@given(st.integers(min_value=0, max_value=10**27), st.sampled_from([0, 1, 3]))
def test_dividing_whole_numbers_gives_the_decimal_digits(whole: int, places: int) -> None:
    # ratio_rounded(k, 1) is k rounded to a whole number, divided by the scale: the float the digits name.
    scale = 10**places
    assert ratio_rounded(whole * scale, scale * scale, places) == float(Decimal(whole) / Decimal(scale))


def test_percent_takes_whole_numbers_and_fractions_alike() -> None:
    assert percent(1, 3) == percent(Fraction(1), Fraction(3)) == 33.3
    assert percent(Fraction(1, 2), 3) == 16.7  # 16.66... up
    assert percent(5, 0) is None


def test_spread_of_ints_and_of_fractions_agree() -> None:
    values = [3, 0, 1, 3, 2]
    assert spread(values, whole=True) == spread([Fraction(v) for v in values], whole=True)
    # Fractions whose floats are equal are still put in their exact order.
    tiny = Fraction(1, 10**30)
    assert _in_order([1 + tiny, Fraction(1), 1 - tiny, Fraction(1, 3)]) == [Fraction(1, 3), 1 - tiny, 1, 1 + tiny]
