"""What every scorer shares: exact percentages, each answer's status, and the result's header."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import floor
from typing import Any

from obc_assess.responses import context_of

FORMAT = "obc-assess/result"
FORMAT_VERSION = 1

# Why an item or cell is in or out of the percent, for "how this was scored".
REASONS = {
    "scored": "scored",
    "na": "left out: not applicable",
    "unknown": "left out of the percent: don't know, so an evidence gap that lowers confidence",
    "unanswered": "left out: not answered yet, which lowers confidence",
    "skipped": "left out: optional and not answered",
    "not-asked": "left out: not asked for the chosen model or scope",
}


def weight_of(item: dict[str, Any]) -> Fraction:
    """An item's weight, exactly as written (Fraction("1.5"), not the binary float)."""
    return Fraction(str(item["weight"]))


def rounded(value: Fraction, places: int) -> float:
    """Round half up (values here are never negative) via Decimal, so every Python prints the same digits."""
    scale = 10**places
    return float(Decimal(floor(value * scale + Fraction(1, 2))) / Decimal(scale))


def percent(part: Fraction, whole: Fraction) -> float | None:
    """100 * part / whole to one decimal place; None when there is nothing to divide by."""
    return None if whole == 0 else rounded(100 * part / whole, 1)


def number(value: Fraction) -> int | float:
    """A weight or points total for JSON: whole numbers as ints, others to three decimal places."""
    return value.numerator if value.denominator == 1 else rounded(value, 3)


def status_of(level: object, asked: bool, optional: bool) -> str:
    """One of the REASONS keys for an answer."""
    if not asked:
        return "not-asked"
    if level is None:
        return "skipped" if optional else "unanswered"
    if level == "na":
        return "na"
    return "unknown" if level == "unknown" else "scored"


@dataclass
class Tally:
    """Counts and exact sums over a set of answers (a section, an area, the whole assessment)."""

    answered: int = 0
    na: int = 0
    unknown: int = 0
    unanswered: int = 0
    total: int = 0
    points: Fraction = Fraction(0)  # sum of weight * level / max over scored answers
    possible: Fraction = Fraction(0)  # sum of weight over scored answers: also the weight with a level ...
    expected: Fraction = Fraction(0)  # ... out of the weight that should have one (not N/A, not skipped)

    def add(self, status: str, weight: Fraction, level: object, max_level: int) -> None:
        if status == "not-asked":
            return
        self.total += 1
        if status == "scored":
            assert isinstance(level, int)
            self.answered += 1
            self.points += weight * level / max_level
            self.possible += weight
        elif status == "na":
            self.na += 1
        elif status == "unknown":
            self.unknown += 1
        else:  # unanswered, or an optional item skipped
            self.unanswered += 1
        # Don't know and unanswered lower confidence; skipped optional items and N/A do not.
        if status in ("scored", "unknown", "unanswered"):
            self.expected += weight

    def percent(self) -> float | None:
        return percent(self.points, self.possible)

    def confidence(self) -> float | None:
        return percent(self.possible, self.expected)

    def counts(self) -> dict[str, int]:
        return {"answered": self.answered, "na": self.na, "unknown": self.unknown,
                "unanswered": self.unanswered, "total": self.total}


def level_info(definition: dict[str, Any], value: int) -> dict[str, Any]:
    """A scale level as {level, label, descriptor}."""
    level = definition["scale"]["levels"][value]
    return {"level": value, "label": level["label"], "descriptor": level["descriptor"]}


def level_label(definition: dict[str, Any], level: object) -> str | None:
    """How an answer reads: the level's label, "Not applicable", "Don't know", or None when unanswered."""
    if isinstance(level, int):
        return str(definition["scale"]["levels"][level]["label"])
    return {"na": "Not applicable", "unknown": "Don't know"}.get(str(level)) if level is not None else None


def header(definition: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """The keys every result starts with (no dates or times: results must be byte-identical everywhere)."""
    model, scope = context_of(definition, doc)
    models = {m["id"]: m["name"] for m in definition["models"]}
    options = {o["id"]: o["label"] for o in (definition["scope"] or {}).get("options", [])}
    respondent = doc["respondent"]
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "assessment": {k: definition[k] for k in ("id", "version", "title", "kind")},
        "responses_version": doc["assessment_version"],
        "version_matches": doc["assessment_version"] == definition["version"],
        "context": {"model": model, "model_name": models.get(model) if model is not None else None,
                    "scope": scope, "scope_label": options.get(scope) if scope is not None else None},
        "respondent": {"name": respondent.get("name", ""), "role": respondent.get("role", "")},
        "matrix": None, "classification": None, "plan": [],
    }
