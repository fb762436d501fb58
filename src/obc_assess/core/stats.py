"""Exact summary figures for the team and before-and-after views: spread, means and changes, rounded at the end."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from obc_assess.core.rounding import number, rounded

STATS = ("mean", "median", "min", "max", "range")


def spread(values: Sequence[Fraction | int], whole: bool = False) -> dict[str, Any]:
    """Mean, median, min, max and range of exact values, rounded at the end to one decimal place; min, max
    and range kept as they are when ``whole`` (levels). All None when there are no values.

    Levels may be given as ints: sorting and adding ints is much cheaper than Fractions, and as exact."""
    if not values:
        return dict.fromkeys(STATS)
    ordered = _in_order(values)
    mid = len(ordered) // 2
    median = ordered[mid] if len(ordered) % 2 else Fraction(ordered[mid - 1] + ordered[mid], 2)

    def edge(value: Fraction | int) -> int | float:
        return number(value) if whole else rounded(value, 1)

    return {"mean": rounded(Fraction(exact_sum(ordered), len(ordered)), 1), "median": rounded(median, 1),
            "min": edge(ordered[0]), "max": edge(ordered[-1]), "range": edge(ordered[-1] - ordered[0])}


def _in_order(values: Sequence[Fraction | int]) -> list[Fraction | int]:
    """The values sorted exactly, without comparing Fractions pairwise in pure Python (slow) where floats tell.

    Rounding to the nearest float never reverses an order, so values whose floats differ are in the order of
    their floats; only those with equal floats are compared as Fractions. Ints (levels) sort as they are."""
    if all(type(value) is int for value in values):
        return sorted(values)
    return sorted(values, key=lambda value: (float(value), value))


def exact_sum(values: Sequence[Fraction | int]) -> Fraction:
    """The exact sum. Numerators are added per denominator first: percents share few denominators, and adding
    ints is much cheaper than adding Fractions one by one."""
    numerators: dict[int, int] = {}
    for value in values:
        numerators[value.denominator] = numerators.get(value.denominator, 0) + value.numerator
    return sum((Fraction(n, d) for d, n in numerators.items()), Fraction(0))


def exact_mean(values: Sequence[Fraction | None]) -> Fraction | None:
    """The mean of the known values, exactly; None when there are none."""
    known = [v for v in values if v is not None]
    return exact_sum(known) / len(known) if known else None


def mean(values: Sequence[Fraction | None]) -> float | None:
    """The mean of the known values to one decimal place; None when there are none."""
    exact = exact_mean(values)
    return None if exact is None else rounded(exact, 1)


def change(before: float | None, after: float | None) -> float | None:
    """after - before, of the figures as shown (so 33.3 to 66.7 is +33.4, as a reader would work it out)."""
    if before is None or after is None:
        return None
    diff = Fraction(str(after)) - Fraction(str(before))
    return -rounded(-diff, 1) if diff < 0 else rounded(diff, 1)
