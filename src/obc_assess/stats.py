"""Exact summary figures for the team and before-and-after views: spread, means and changes, rounded at the end."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from obc_assess.common import Tally, number, rounded

STATS = ("mean", "median", "min", "max", "range")


def spread(values: list[Fraction], whole: bool = False) -> dict[str, Any]:
    """Mean, median, min, max and range of exact values, rounded at the end to one decimal place; min, max
    and range kept as they are when ``whole`` (levels). All None when there are no values."""
    if not values:
        return dict.fromkeys(STATS)
    ordered = sorted(values)
    mid = len(ordered) // 2
    median = ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2

    def edge(value: Fraction) -> int | float:
        return number(value) if whole else rounded(value, 1)

    return {"mean": rounded(sum(ordered, Fraction(0)) / len(ordered), 1), "median": rounded(median, 1),
            "min": edge(ordered[0]), "max": edge(ordered[-1]), "range": edge(ordered[-1] - ordered[0])}


def exact_percent(tally: Tally) -> Fraction | None:
    """A tally's percent before rounding; None when nothing was scored."""
    return None if not tally.possible else 100 * tally.points / tally.possible


def exact_mean(values: list[Fraction | None]) -> Fraction | None:
    """The mean of the known values, exactly; None when there are none."""
    known = [v for v in values if v is not None]
    return sum(known, Fraction(0)) / len(known) if known else None


def mean(values: list[Fraction | None]) -> float | None:
    """The mean of the known values to one decimal place; None when there are none."""
    exact = exact_mean(values)
    return None if exact is None else rounded(exact, 1)


def change(before: float | None, after: float | None) -> float | None:
    """after - before, of the figures as shown (so 33.3 to 66.7 is +33.4, as a reader would work it out)."""
    if before is None or after is None:
        return None
    diff = Fraction(str(after)) - Fraction(str(before))
    return -rounded(-diff, 1) if diff < 0 else rounded(diff, 1)
