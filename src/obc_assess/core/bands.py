"""Earned bands: a band's words are a claim, so it is given only when the rules in scales.yaml's band_rules hold.

The rules (the toolkit's own, after Tool 20 section 4, where an outcomes focus is "the paramount concern"):

- below band_rules.min_confidence there is no band ("withheld"): too little was rated to make the claim;
- where a part has outcomes items, the band is never higher than the band their own percent reaches
  ("capped"), and if none of them is rated there is no band;
- a band with needs_outcomes (the top band, which speaks of an outcomes focus) needs outcomes items rated.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.languages import lang_of
from obc_assess.core.tally import Tally

BAND_KEYS = ("id", "label", "descriptor")


@cache
def _shown(value: float) -> Decimal:
    """A figure exactly as written (75.1 is 751/10, not the binary float), compared in C; once per value, as every
    part of every result compares its figures with each band (one-decimal percents and the data's thresholds)."""
    return Decimal(str(value))


def _reaches(band: dict[str, Any], percent: float) -> bool:
    # Compared as shown (rounded), so a score printed as 75.0 is never in the band below 75.
    return _shown(band["min_percent"]) <= _shown(percent)


def band_for(definition: dict[str, Any], percent: float | None) -> dict[str, Any] | None:
    """The highest band the percent alone reaches."""
    if percent is None:
        return None
    reached = [b for b in definition["bands"] if _reaches(b, percent)]
    return {k: reached[-1][k] for k in BAND_KEYS} if reached else None


def _pct(value: float | None, lang: str) -> str:
    return text(lang, "core.percent-none") if value is None else f"{value:.1f}%"


def earn(definition: dict[str, Any], tally: Tally, outcomes: Tally) -> dict[str, Any]:
    """band, band_status (earned, capped, withheld, no-score), band_reason and band_by_percent for a part.

    tally is the part's items; outcomes the part's outcomes items (an empty Tally when it has none asked)."""
    lang = lang_of(definition)
    percent, confidence = tally.percent(), tally.confidence()
    by_percent = band_for(definition, percent)
    outcomes_percent = outcomes.percent() if outcomes.total else None
    base = {"band_by_percent": by_percent, "min_confidence": definition["band_rules"]["min_confidence"],
            "outcomes_percent": outcomes_percent, "outcomes_total": outcomes.total,
            "outcomes_answered": outcomes.answered}
    if percent is None or confidence is None:
        return {**base, "band": None, "band_status": "no-score", "band_reason": text(lang, "core.band-no-score")}
    threshold = definition["band_rules"]["min_confidence"]
    rated = text(lang, "core.band-rated", answered=tally.answered, total=tally.total,
                 confidence=_pct(confidence, lang))
    if _shown(confidence) < _shown(threshold):
        return {**base, "band": None, "band_status": "withheld",
                "band_reason": text(lang, "core.band-withheld-confidence", rated=rated, threshold=threshold)}
    if outcomes.total and outcomes_percent is None:
        return {**base, "band": None, "band_status": "withheld",
                "band_reason": text(lang, "core.band-withheld-outcomes", outcomes=outcomes.total, rated=rated)}
    allowed = [b for b in definition["bands"] if _reaches(b, percent)
               and (outcomes_percent is None or _reaches(b, outcomes_percent))
               and not (b.get("needs_outcomes") and not outcomes.total)]
    band = {k: allowed[-1][k] for k in BAND_KEYS} if allowed else None
    if band == by_percent:
        reason = text(lang, "core.band-earned", percent=_pct(percent, lang),
                      band=band["label"] if band else text(lang, "core.no-band-word"))
        if outcomes.total:
            reason += text(lang, "core.band-earned-outcomes", outcomes=_pct(outcomes_percent, lang))
        return {**base, "band": band, "band_status": "earned", "band_reason": reason + "."}
    assert by_percent is not None and band is not None  # allowed is never empty: the lowest band starts at 0
    if outcomes.total:
        why = text(lang, "core.band-capped-outcomes", outcomes=_pct(outcomes_percent, lang))
    else:
        why = text(lang, "core.band-capped-focus", band=by_percent["label"])
    return {**base, "band": band, "band_status": "capped",
            "band_reason": text(lang, "core.band-capped", percent=_pct(percent, lang), by_percent=by_percent["label"],
                                why=why, band=band["label"])}
