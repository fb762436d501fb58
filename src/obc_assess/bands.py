"""Earned bands: a band's words are a claim, so it is given only when the rules in scales.yaml's band_rules hold.

The rules (the toolkit's own, after Tool 20 section 4, where an outcomes focus is "the paramount concern"):

- below band_rules.min_confidence there is no band ("withheld"): too little was rated to make the claim;
- where a part has outcomes items, the band is never higher than the band their own percent reaches
  ("capped"), and if none of them is rated there is no band;
- a band with needs_outcomes (the top band, which speaks of an outcomes focus) needs outcomes items rated.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from obc_assess.common import Tally

BAND_KEYS = ("id", "label", "descriptor")


def _reaches(band: dict[str, Any], percent: float) -> bool:
    # Compared as shown (rounded), so a score printed as 75.0 is never in the band below 75.
    return Fraction(str(band["min_percent"])) <= Fraction(str(percent))


def band_for(definition: dict[str, Any], percent: float | None) -> dict[str, Any] | None:
    """The highest band the percent alone reaches."""
    if percent is None:
        return None
    reached = [b for b in definition["bands"] if _reaches(b, percent)]
    return {k: reached[-1][k] for k in BAND_KEYS} if reached else None


def _pct(value: float | None) -> str:
    return "none" if value is None else f"{value:.1f}%"


def earn(definition: dict[str, Any], tally: Tally, outcomes: Tally) -> dict[str, Any]:
    """band, band_status (earned, capped, withheld, no-score), band_reason and band_by_percent for a part.

    tally is the part's items; outcomes the part's outcomes items (an empty Tally when it has none asked)."""
    percent, confidence = tally.percent(), tally.confidence()
    by_percent = band_for(definition, percent)
    outcomes_percent = outcomes.percent() if outcomes.total else None
    base = {"band_by_percent": by_percent, "min_confidence": definition["band_rules"]["min_confidence"],
            "outcomes_percent": outcomes_percent, "outcomes_total": outcomes.total,
            "outcomes_answered": outcomes.answered}
    if percent is None or confidence is None:
        return {**base, "band": None, "band_status": "no-score",
                "band_reason": "No item has a level yet, so there is no score and no band."}
    threshold = definition["band_rules"]["min_confidence"]
    rated = f"{tally.answered} of {tally.total} items rated, confidence {_pct(confidence)}"
    if Fraction(str(confidence)) < Fraction(str(threshold)):
        return {**base, "band": None, "band_status": "withheld",
                "band_reason": f"Not enough answers for a band: {rated}; a band needs a confidence of "
                               f"{threshold}% or more."}
    if outcomes.total and outcomes_percent is None:
        return {**base, "band": None, "band_status": "withheld",
                "band_reason": f"Not enough answers for a band: none of the {outcomes.total} outcomes items "
                               f"is rated ({rated}), and the band never claims more than they support."}
    allowed = [b for b in definition["bands"] if _reaches(b, percent)
               and (outcomes_percent is None or _reaches(b, outcomes_percent))
               and not (b.get("needs_outcomes") and not outcomes.total)]
    band = {k: allowed[-1][k] for k in BAND_KEYS} if allowed else None
    if band == by_percent:
        reason = f"{_pct(percent)} reaches {band['label'] if band else 'no band'}"
        if outcomes.total:
            reason += f", and the outcomes items ({_pct(outcomes_percent)}) support it"
        return {**base, "band": band, "band_status": "earned", "band_reason": reason + "."}
    assert by_percent is not None and band is not None  # allowed is never empty: the lowest band starts at 0
    if outcomes.total:
        why = (f"the outcomes items score {_pct(outcomes_percent)}, and the band never claims more than they "
               "support")
    else:
        why = f"{by_percent['label']} speaks of an outcomes focus, and this part has no outcomes items"
    return {**base, "band": band, "band_status": "capped",
            "band_reason": f"{_pct(percent)} reaches {by_percent['label']}, but {why}: the band is "
                           f"{band['label']}."}
