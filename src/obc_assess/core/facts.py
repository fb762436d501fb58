"""What scoring needs from a definition, worked out once: items in order, exact weights, scale labels.

Sums are exact. Weights are decimals as written (1.5 means 3/2, never the binary float), so each is a whole
number of 1/unit for a unit found once per definition (10, 100...). Counted that way every sum a scorer keeps
is an integer: Fraction arithmetic, slow in pure Python and slower still in Pyodide, is left for figures that
really are fractions, such as the team's mean of percents.
"""

from __future__ import annotations

from decimal import Decimal
from math import lcm
from typing import Any, NamedTuple

from obc_assess.core.definition import items, scale_of
from obc_assess.core.languages import lang_of
from obc_assess.core.responses import context_of
from obc_assess.core.rounding import quotient
from obc_assess.core.tailor import applies, weight_of
from obc_assess.core.tally import not_levels, reasons


class Entry(NamedTuple):
    """An item in form order, with what scoring reads from it for every answer."""

    section: dict[str, Any]
    item: dict[str, Any]
    weight: int  # in whole units of 1/Facts.unit
    optional: bool  # the item or its whole section may be left unanswered
    scale: dict[str, Any]  # the scale the item is asked on
    step: int  # Facts.top / the scale's top level: a level times step is its worth in 1/Facts.top


class Facts:
    """What scoring needs from a definition, worked out once rather than once per file or answer.

    Built for each call from a definition value (callers and tests may change one between calls), and once per
    definition text in the browser, whose kept definition nothing changes (defined.py)."""

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
        # Each scale's labels indexed by a level's value (its place on the scale), the answers that are not
        # levels, and None (no answer), so label() is one look-up.
        self.scale_labels: dict[str, dict[object, str | None]] = {}
        for sid, scale in scales.items():
            labels: dict[object, str | None] = {value: str(level["label"])
                                                for value, level in enumerate(scale["levels"])}
            labels.update(not_levels(self.lang))
            labels[None] = None
            self.scale_labels[sid] = labels
        self.labels = self.scale_labels[definition["scale"]["id"]]  # the assessment's own scale
        self._asked: dict[tuple[int | None, str | None], frozenset[str]] = {}
        # Each item's part of a result by what it is worked out from (scoring._items), while these facts live.
        self.parts: dict[tuple[object, ...], Any] = {}
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
        """How a validated answer reads on a scale (the assessment's by default): a level's label, the words
        for N/A and don't know, or None for no answer."""
        return (self.labels if scale is None else self.scale_labels[scale["id"]])[level]

    def weight(self, amount: int) -> int | float:
        """A tally's points or weight (counted in 1/(unit * top)) as the number it stands for, for JSON."""
        return quotient(amount, self.unit * self.top)
