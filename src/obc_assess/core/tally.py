"""Each answer's status (why it is in or out of the percent) and the counts and exact sums kept over answers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from obc_assess.core.catalogue import text
from obc_assess.core.rounding import percent

# Why an item or cell is in or out of the percent, for "how this was scored": core.reason-<status> words.
STATUSES = ("scored", "na", "unknown", "unanswered", "skipped", "not-asked")
# The statuses an answer is shown by in words (core.status-<status>) where it has no level to show.
WORDED = tuple(status for status in STATUSES if status != "scored")


def reasons(lang: str) -> dict[str, str]:
    """Each status's reason in ``lang``."""
    return {status: text(lang, f"core.reason-{status}") for status in STATUSES}


def not_levels(lang: str) -> dict[object, str | None]:
    """How the answers that are not levels read, in ``lang``."""
    return {"na": text(lang, "core.status-na"), "unknown": text(lang, "core.status-unknown")}


def status_of(level: object, asked: bool, optional: bool) -> str:
    """One of the STATUSES for an answer."""
    if not asked:
        return "not-asked"
    if level is None:
        return "skipped" if optional else "unanswered"
    if level == "na":
        return "na"
    return "unknown" if level == "unknown" else "scored"


@dataclass
class Tally:
    """Counts and exact sums over a set of answers (a section, an area, the whole assessment).

    The sums are whole numbers of 1/(unit * top) (see facts.Facts): every figure is a ratio of two of them, so
    the unit cancels, and adding them up is exact integer arithmetic."""

    answered: int = 0
    na: int = 0
    unknown: int = 0
    unanswered: int = 0
    total: int = 0
    points: int = 0  # sum of weight * level / max over scored answers
    possible: int = 0  # sum of weight over scored answers: also the weight with a level ...
    expected: int = 0  # ... out of the weight that should have one (not N/A, not skipped)
    # How the weight lies, for the bands' claims (bands.py): each level's worth (in 1/top) with the weight rated
    # there, the weight not shown (don't know, unanswered) and the weight marked not applicable, in 1/unit.
    worths: dict[int, int] = field(default_factory=dict)
    not_shown: int = 0
    na_weight: int = 0

    def add(self, status: str, weight: int, level: object, top: int) -> None:
        """Count one answer; weight in 1/unit, as Facts.entries hold it, and top the scale's highest level."""
        if status == "not-asked":
            return
        self.total += 1
        if status == "scored":
            assert isinstance(level, int)
            self.answered += 1
            self.points += weight * level
            self.possible += weight * top
            self.worths[level] = self.worths.get(level, 0) + weight
        elif status == "na":
            self.na += 1
            self.na_weight += weight
        elif status == "unknown":
            self.unknown += 1
            self.not_shown += weight
        else:  # unanswered, or an optional item skipped
            self.unanswered += 1
            if status == "unanswered":
                self.not_shown += weight
        # Don't know and unanswered lower confidence; skipped optional items and N/A do not.
        if status in ("scored", "unknown", "unanswered"):
            self.expected += weight * top

    @classmethod
    def combined(cls, tallies: Iterable[Tally]) -> Tally:
        """The tally of all their answers at once: every field is a count or an integer sum, so it adds up."""
        total = cls()
        for tally in tallies:  # field by field: several times faster than going through dataclasses.fields
            total.answered += tally.answered
            total.na += tally.na
            total.unknown += tally.unknown
            total.unanswered += tally.unanswered
            total.total += tally.total
            total.points += tally.points
            total.possible += tally.possible
            total.expected += tally.expected
            total.not_shown += tally.not_shown
            total.na_weight += tally.na_weight
            for worth, weight in tally.worths.items():
                total.worths[worth] = total.worths.get(worth, 0) + weight
        return total

    def percent(self) -> float | None:
        return percent(self.points, self.possible)

    def confidence(self) -> float | None:
        return percent(self.possible, self.expected)

    def exact_percent(self) -> Fraction | None:
        """The percent before rounding; None when nothing was scored."""
        return Fraction(100 * self.points, self.possible) if self.possible else None

    def expected_weight(self) -> int:
        """The weight that should have a level (not N/A, not skipped): rated, don't know or unanswered."""
        return sum(self.worths.values()) + self.not_shown

    def counts(self) -> dict[str, int]:
        return {"answered": self.answered, "na": self.na, "unknown": self.unknown,
                "unanswered": self.unanswered, "total": self.total}
