"""What every scorer shares: exact percents, each answer's status, a definition's facts, and the result's header.

Sums are exact. Weights are decimals as written (1.5 means 3/2, never the binary float), so each is a whole
number of 1/unit for a unit found once per definition (10, 100...). Counted that way every sum a scorer keeps
is an integer: Fraction arithmetic, slow in pure Python and slower still in Pyodide, is left for figures that
really are fractions, such as the team's mean of percents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import lcm
from typing import Any, NamedTuple

from obc_assess.core.catalogue import text
from obc_assess.core.dates import date_label
from obc_assess.core.definition import assessment_block, items, scale_of
from obc_assess.core.languages import lang_of
from obc_assess.core.responses import about, context_of
from obc_assess.core.tailor import applies, weight_of

FORMAT = "obc-assess/result"
FORMAT_VERSION = 1

# Why an item or cell is in or out of the percent, for "how this was scored": core.reason-<status> words.
STATUSES = ("scored", "na", "unknown", "unanswered", "skipped", "not-asked")


def reasons(lang: str) -> dict[str, str]:
    """Each status's reason in ``lang``."""
    return {status: text(lang, f"core.reason-{status}") for status in STATUSES}


def not_levels(lang: str) -> dict[object, str | None]:
    """How the answers that are not levels read, in ``lang``."""
    return {"na": text(lang, "core.status-na"), "unknown": text(lang, "core.status-unknown")}


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


def status_of(level: object, asked: bool, optional: bool) -> str:
    """One of the STATUSES for an answer."""
    if not asked:
        return "not-asked"
    if level is None:
        return "skipped" if optional else "unanswered"
    if level == "na":
        return "na"
    return "unknown" if level == "unknown" else "scored"


class Entry(NamedTuple):
    """An item in form order, with what scoring reads from it for every answer."""

    section: dict[str, Any]
    item: dict[str, Any]
    weight: int  # in whole units of 1/Facts.unit
    optional: bool  # the item or its whole section may be left unanswered
    scale: dict[str, Any]  # the scale the item is asked on
    step: int  # Facts.top / the scale's top level: a level times step is its worth in 1/Facts.top


class Facts:
    """What scoring needs from a definition, worked out once per call rather than once per file or answer.

    Built afresh for each call: callers (and tests) may change a definition between calls."""

    def __init__(self, definition: dict[str, Any]) -> None:
        self.definition = definition
        self.lang = lang_of(definition)
        self.reasons = reasons(self.lang)
        scales = {entry["id"]: entry for entry in (definition.get("scales") or {}).values()}
        scales.setdefault(definition["scale"]["id"], definition["scale"])
        tops = {sid: int(scale["levels"][-1]["value"]) for sid, scale in scales.items()}
        # One denominator for every scale the items are asked on (maturity's 3 and coverage's 2 make 6), so a
        # level's worth, value / its scale's top, is a whole number of 1/top and the sums stay integers.
        self.top: int = lcm(*tops.values())
        # Each weight exactly as written (1.5 is 3/2, not the binary float), as (numerator, denominator).
        # Decimal reads the text as Fraction(str(weight)) would, several times faster.
        exact = [(section, item, Decimal(str(item["weight"])).as_integer_ratio())
                 for section, item in items(definition)]
        # The smallest unit every weight is a whole number of (weights are decimals, so a power of ten), the
        # weights a model note gives included.
        noted = [Decimal(str(note["weight"])).as_integer_ratio()[1] for _, item in items(definition)
                 for note in item.get("model_notes", []) if note["weight"] is not None]
        self.unit = lcm(*(denominator for _, _, (_, denominator) in exact), *noted)
        self.entries = []
        for section, item, (numerator, denominator) in exact:
            scale = scale_of(definition, item)
            self.entries.append(Entry(section, item, numerator * (self.unit // denominator),
                                      bool(item["optional"] or section["optional"]), scale,
                                      self.top // tops[scale["id"]]))
        # Indexed as level_label reads them (a level's value is its place on the scale), one table per scale.
        self.scale_labels: dict[str, dict[object, str | None]] = {}
        for sid, scale in scales.items():
            labels: dict[object, str | None] = {value: str(level["label"])
                                                for value, level in enumerate(scale["levels"])}
            labels.update(not_levels(self.lang))
            labels[None] = None
            self.scale_labels[sid] = labels
        self.labels = self.scale_labels[definition["scale"]["id"]]  # the assessment's own scale
        self._asked: dict[tuple[int | None, str | None], frozenset[str]] = {}
        self._weights: dict[int | None, list[int]] = {}

    def asked(self, doc: dict[str, Any]) -> frozenset[str]:
        """The ids of the items asked for a valid document's model and scope (the same for many files)."""
        context = context_of(self.definition, doc)
        if context not in self._asked:
            self._asked[context] = frozenset(entry.item["id"] for entry in self.entries
                                             if applies(self.definition, entry.item, *context))
        return self._asked[context]

    def weights(self, doc: dict[str, Any]) -> list[int]:
        """Each entry's weight (in 1/unit) for a valid document's model, in entries order (tailor.weight_of)."""
        model = context_of(self.definition, doc)[0]
        if model not in self._weights:
            self._weights[model] = [
                entry.weight if not entry.item.get("model_notes") else self.units(
                    weight_of(self.definition, entry.item, model)) for entry in self.entries]
        return self._weights[model]

    def units(self, weight: int | float) -> int:
        """A weight as written, in whole units of 1/unit."""
        numerator, denominator = Decimal(str(weight)).as_integer_ratio()
        return numerator * (self.unit // denominator)

    def label(self, level: object, scale: dict[str, Any] | None = None) -> str | None:
        """How a validated answer reads on a scale (the assessment's by default), as level_label, looked up."""
        return (self.labels if scale is None else self.scale_labels[scale["id"]])[level]

    def weight(self, amount: int) -> int | float:
        """A tally's points or weight (counted in 1/(unit * top)) as the number it stands for, for JSON."""
        return quotient(amount, self.unit * self.top)


@dataclass
class Tally:
    """Counts and exact sums over a set of answers (a section, an area, the whole assessment).

    The sums are whole numbers of 1/(unit * top) (see Facts): every figure is a ratio of two of them, so the
    unit cancels, and adding them up is exact integer arithmetic."""

    answered: int = 0
    na: int = 0
    unknown: int = 0
    unanswered: int = 0
    total: int = 0
    points: int = 0  # sum of weight * level / max over scored answers
    possible: int = 0  # sum of weight over scored answers: also the weight with a level ...
    expected: int = 0  # ... out of the weight that should have one (not N/A, not skipped)

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
        elif status == "na":
            self.na += 1
        elif status == "unknown":
            self.unknown += 1
        else:  # unanswered, or an optional item skipped
            self.unanswered += 1
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
        return total

    def percent(self) -> float | None:
        return percent(self.points, self.possible)

    def confidence(self) -> float | None:
        return percent(self.possible, self.expected)

    def exact_percent(self) -> Fraction | None:
        """The percent before rounding; None when nothing was scored."""
        return Fraction(100 * self.points, self.possible) if self.possible else None

    def counts(self) -> dict[str, int]:
        return {"answered": self.answered, "na": self.na, "unknown": self.unknown,
                "unanswered": self.unanswered, "total": self.total}


def level_info(scale: dict[str, Any], value: int) -> dict[str, Any]:
    """A level of a scale as {level, label, descriptor}."""
    level = scale["levels"][value]
    return {"level": value, "label": level["label"], "descriptor": level["descriptor"]}


def header(definition: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """The keys every result starts with (no dates or times: results must be byte-identical everywhere)."""
    model, scope = context_of(definition, doc)
    models = {m["id"]: m["name"] for m in definition["models"]}
    options = {o["id"]: o["label"] for o in (definition["scope"] or {}).get("options", [])}
    who = about(doc)
    lang = lang_of(definition)
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "assessment": assessment_block(definition),
        "responses_version": doc["assessment_version"],
        "version_matches": doc["assessment_version"] == definition["version"],
        "context": {"model": model, "model_name": models.get(model) if model is not None else None,
                    "scope": scope, "scope_label": options.get(scope) if scope is not None else None},
        # Who and when, as the person gave them (the date is theirs, never the clock's: results stay identical).
        "respondent": {"name": who["name"], "role": who["role"], "organisation": who["organisation"]},
        "assessment_date": who["assessment_date"] or None,
        "assessment_date_label": date_label(who["assessment_date"], lang) if who["assessment_date"] else None,
        "matrix": None, "classification": None, "plan": [], "evidence": None,
        # Maturity results fill these in (bands.py); other kinds have no bands and no extras.
        "band_rules": [], "extras": [],
    }
