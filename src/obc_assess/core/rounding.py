"""Exact figures for results: percents and weights from integer sums, rounded half up the same in every Python.

A scorer keeps its sums as integers (see facts.py): these turn a ratio of two of them into the number a result
shows, with no float arithmetic before the last step, so CPython and Pyodide print the same digits.
"""

from __future__ import annotations

from fractions import Fraction


def ratio_rounded(numerator: int, denominator: int, places: int) -> float:
    """numerator / denominator rounded half up to ``places`` decimal places, exactly.

    floor(n / d * scale + 1/2) is worked out in integers, with no Fraction built. Dividing that whole number
    by the scale cannot go astray either: int / int is correctly rounded in every Python, so it gives the
    float nearest the decimal (the one float("66.7") gives), as Decimal(k) / Decimal(scale) did, but cheaper."""
    scale: int = 10**places
    return ((2 * numerator * scale + denominator) // (2 * denominator)) / scale


def rounded(value: Fraction | int, places: int) -> float:
    """Round half up (values here are never negative), so every Python prints the same digits."""
    return ratio_rounded(value.numerator, value.denominator, places)


def percent(part: Fraction | int, whole: Fraction | int) -> float | None:
    """100 * part / whole to one decimal place; None when there is nothing to divide by."""
    if whole == 0:
        return None
    return ratio_rounded(100 * part.numerator * whole.denominator, part.denominator * whole.numerator, 1)


def quotient(numerator: int, denominator: int) -> int | float:
    """numerator / denominator for JSON: whole numbers as ints, others to three decimal places."""
    whole, rest = divmod(numerator, denominator)
    return whole if rest == 0 else ratio_rounded(numerator, denominator, 3)


def number(value: Fraction | int) -> int | float:
    """A weight or points total for JSON: whole numbers as ints, others to three decimal places."""
    return quotient(value.numerator, value.denominator)
