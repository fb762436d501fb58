"""Earned bands: a band's words are a claim about the answers as a whole, so it is given only when the rules in
scales.yaml hold (every rule and figure the toolkit's own, issue 30; band_rules states them to users).

- a band is named after a level of its part's scale and needs more than half of the weight (not applicable
  apart) rated at that level or above, don't know and unanswered counting as not shown (a ``whole`` band: all of
  it); the answers reach the highest band that holds, so the average never sets a band;
- no band when more than band_rules.max_na_share of the weight is not applicable, or no more than
  min_confidence of it is rated ("withheld");
- split answers (more than split_share of the weight at one level or above and more than split_share two or
  more levels below) read as what they are, never as a band between that describes nobody;
- the band is never higher than the one the part's outcomes items reach on their own (none when no more than half
  of their weight is rated); the top band also needs every outcomes item rated, top_confidence, and (if its
  words speak of an outcomes focus) outcomes items at all. A band held lower says so ("capped") in words
  that name the rule and the band the answers reach, never in the descriptor of a band they contradict.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.formats import percent as _pct  # the reports' one percent (issue 32)
from obc_assess.core.languages import lang_of
from obc_assess.core.rounding import percent as rounded
from obc_assess.core.tally import Tally

BAND_KEYS = ("id", "label", "descriptor")
# band_rules' figures, as the rules' words name them ({min_confidence}, ...).
FIGURES = ("min_confidence", "top_confidence", "max_na_share", "split_share")


def _share(part: int, whole: int, lang: str) -> str:
    return _pct(rounded(part, whole), lang)


class Reading:
    """How one part's weight lies on its band scale: the weight at or above (or below) each level, exactly."""

    def __init__(self, tally: Tally, scale: dict[str, Any], top: int) -> None:
        self.tally, self.scale = tally, scale
        self.step = top // int(scale["levels"][-1]["value"])  # a level's worth in 1/top
        self.whole = tally.expected_weight()

    def at_least(self, level: int) -> int:
        return sum(weight for worth, weight in self.tally.worths.items() if worth >= level * self.step)

    def at_most(self, level: int) -> int:
        return sum(weight for worth, weight in self.tally.worths.items() if worth <= level * self.step)

    def holds(self, band: dict[str, Any]) -> bool:
        at = self.at_least(band["level"])
        return bool(self.whole) and (at == self.whole if band["whole"] else 2 * at > self.whole)

    def reach(self) -> int | None:
        """The index of the highest band whose claim holds (bands rise level by level), or None."""
        held = [n for n, band in enumerate(self.scale["bands"]) if self.holds(band)]
        return held[-1] if held else None

    def split(self, share: Fraction) -> tuple[int, int] | None:
        """(high, low): more than ``share`` (a percent) of the weight at ``high`` or above and more than it at
        ``low`` or below, two or more levels apart; None when the answers are not split."""
        levels = range(len(self.scale["levels"]))
        highs = [n for n in levels if n and 100 * self.at_least(n) > share * self.whole]
        lows = [n for n in levels if 100 * self.at_most(n) > share * self.whole]
        return (highs[-1], lows[0]) if highs and lows and highs[-1] - lows[0] >= 2 else None


def _band(band: dict[str, Any]) -> dict[str, Any]:
    return {key: band[key] for key in BAND_KEYS}


def _level(scale: dict[str, Any], level: int) -> str:
    return str(scale["levels"][level]["label"])


def earn(definition: dict[str, Any], tally: Tally, outcomes: Tally, scale: dict[str, Any],
         top: int, scored: Tally | None = None) -> dict[str, Any]:
    """band, band_status (earned, capped, split, withheld, no-score), band_words (what is said beside the band's
    label), band_reason (why, in figures), band_reached, headline (all of it in one sentence) and the N/A figures
    for a part.

    tally is the part's items; outcomes the part's outcomes items (an empty Tally when it has none asked); scale
    the part's band scale (with its bands); top the worth every level is counted in (Facts.top); scored the
    tally whose percent the headline states, when the band reads another (a review's open challenges: issue 34)."""
    lang, rules = lang_of(definition), definition["band_rules"]
    said = (scored if scored is not None else tally).percent()
    asked = tally.na_weight + tally.expected_weight()
    na_share = rounded(tally.na_weight, asked)
    base: dict[str, Any] = {
        "band": None, "band_words": None, "band_reached": None, "min_confidence": rules["min_confidence"],
        "outcomes_percent": outcomes.percent() if outcomes.total else None, "outcomes_total": outcomes.total,
        "outcomes_answered": outcomes.answered, "na_share": na_share, "na_limit": rules["max_na_share"],
        "na_line": text(lang, "core.na-line", n=tally.na, total=tally.total, share=_pct(na_share, lang),
                        limit=rules["max_na_share"]) if tally.na else None}

    def withheld(key: str, **values: object) -> dict[str, Any]:
        part = {**base, "band_status": "withheld", "band_reason": text(lang, key, **values)}
        return {**part, "headline": headline(lang, said, part)}

    if 100 * tally.na_weight > Fraction(str(rules["max_na_share"])) * asked:
        return withheld("core.band-withheld-na", share=_pct(na_share, lang), limit=rules["max_na_share"])
    if tally.percent() is None:
        reason = text(lang, "core.band-no-score")
        return {**base, "band_status": "no-score", "band_reason": reason, "headline": reason}
    reading = Reading(tally, scale, top)
    reached = reading.reach()
    if reached is None or 100 * tally.possible <= Fraction(str(rules["min_confidence"])) * tally.expected:
        rated = text(lang, "core.band-rated", answered=tally.answered, total=tally.total,
                     confidence=_pct(tally.confidence(), lang))
        return withheld("core.band-withheld-confidence", rated=rated, threshold=rules["min_confidence"])
    theirs = Reading(outcomes, scale, top) if outcomes.total else None
    if theirs is not None and theirs.reach() is None:
        return withheld("core.band-withheld-outcomes", answered=outcomes.answered, total=outcomes.total)
    split = reading.split(Fraction(str(rules["split_share"])))
    if split is not None:
        part = {**base, **_split(scale, reading, split, rules["split_share"], lang)}
        return {**part, "headline": headline(lang, said, part)}
    bands = scale["bands"]
    held, words, why = _held(definition, reading, reached, theirs)
    reason = _reason(reading, reached, lang)
    if held == reached:
        words = bands[held]["descriptor"]
        reason += text(lang, "core.band-reason-outcomes") if theirs is not None else ""
    part = {**base, "band": _band(bands[held]), "band_status": "earned" if held == reached else "capped",
            "band_words": words, "band_reason": reason, "band_reached": _band(bands[reached])}
    return {**part, "headline": headline(lang, said, part, why)}


def headline(lang: str, percent: float | None, part: dict[str, Any], why: str = "") -> str:
    """The result in one sentence a board reads first (issue 31): the score with its band and what the band means
    (its descriptor), or the rule that holds it lower (``why``, _held's clause) and the band the answers reach; split
    answers say so in their words; no band, why not. The band's words follow a colon in Welsh too, so no band name
    is put where it would mutate."""
    if percent is None:
        return str(part["band_reason"])
    score = _pct(percent, lang)
    status, band = part["band_status"], part["band"]
    if status == "earned":
        return text(lang, "core.headline-earned", percent=score, band=band["label"], meaning=band["descriptor"])
    if status == "capped":
        return text(lang, "core.headline-capped", percent=score, band=band["label"],
                    reach=part["band_reached"]["label"], why=why)
    if status == "split":
        return text(lang, "core.headline-split", percent=score, band=band["label"], words=band["descriptor"])
    return text(lang, "core.headline-withheld", percent=score, reason=part["band_reason"])


def _held(definition: dict[str, Any], reading: Reading, reached: int,
          theirs: Reading | None) -> tuple[int, str, str]:
    """The band a rule holds the answers at (``reached`` when none does), the words that name the rule, and the
    headline's clause for it (why the band is lower, said inside the one sentence; "" when no rule holds it)."""
    lang, scale, tally = lang_of(definition), reading.scale, reading.tally
    bands = scale["bands"]
    cap = theirs.reach() if theirs is not None else None

    def held(at: int, key: str, **values: object) -> tuple[int, str, str]:
        return at, text(lang, f"core.band-capped-{key}", **values), text(lang, f"core.headline-held-{key}", **values)

    if theirs is not None and cap is not None and cap < reached:
        named = {"band": bands[cap]["label"], "reach": bands[reached]["label"]}
        worths = set(theirs.tally.worths)
        if theirs.tally.answered == theirs.tally.total and len(worths) == 1:  # all rated, at one level
            return held(cap, "outcomes-level", level=_level(scale, worths.pop() // theirs.step), **named)
        return held(cap, "outcomes", **named)
    if reached < len(bands) - 1:
        return reached, "", ""
    top = {"band": bands[reached - 1]["label"], "top": bands[-1]["label"]}
    threshold = definition["band_rules"]["top_confidence"]
    if bands[-1].get("needs_outcomes") and theirs is None:
        return held(reached - 1, "no-outcomes", **top)
    if theirs is not None and theirs.tally.answered < theirs.tally.total:
        return held(reached - 1, "unrated", total=theirs.tally.total,
                    count=theirs.tally.total - theirs.tally.answered, **top)
    if 100 * tally.possible < Fraction(str(threshold)) * tally.expected:
        return held(reached - 1, "confidence", threshold=threshold, confidence=_pct(tally.confidence(), lang), **top)
    return reached, "", ""


def _reason(reading: Reading, reached: int, lang: str) -> str:
    """Why the answers reach their band, in figures: the share of the weight at its level (or at the next)."""
    bands, scale, whole = reading.scale["bands"], reading.scale, reading.whole
    band = bands[reached]
    if band["whole"]:
        return text(lang, "core.band-reason-whole", level=_level(scale, band["level"]))
    if band["level"] == 0:
        after = bands[reached + 1]["level"]
        return text(lang, "core.band-reason-bottom", share=_share(reading.at_least(0), whole, lang),
                    next=_level(scale, after), next_share=_share(reading.at_least(after), whole, lang))
    key = "core.band-reason-most-top" if band["level"] == len(scale["levels"]) - 1 else "core.band-reason-most"
    return text(lang, key, share=_share(reading.at_least(band["level"]), whole, lang),
                level=_level(scale, band["level"]))


def _split(scale: dict[str, Any], reading: Reading, split: tuple[int, int], share: object,
           lang: str) -> dict[str, Any]:
    """A split reading: no band named after a level, but words that say what the answers are."""
    high, low = split
    words = next(w["text"] for w in scale["split"]["words"] if (w["high"], w["low"]) == split)
    top = len(scale["levels"]) - 1
    ends = text(lang, "core.band-split-high-top" if high == top else "core.band-split-high", level=_level(scale, high),
                share=_share(reading.at_least(high), reading.whole, lang))
    lows = text(lang, "core.band-split-low-bottom" if low == 0 else "core.band-split-low", level=_level(scale, low),
                share=_share(reading.at_most(low), reading.whole, lang))
    return {"band": {"id": "split", "label": scale["split"]["label"], "descriptor": words}, "band_status": "split",
            "band_words": words, "band_reason": text(lang, "core.band-reason-split", share=share, high=ends, low=lows)}


def legend(definition: dict[str, Any], scale: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    """The legend beside a headline (issue 31): each band of the part's scale, lowest first, with its threshold (its
    rule's words, figures in place); the band given marked, and the band the answers reach when a rule holds them
    lower. Its intro says the bands are the toolkit's own and how they differ from answer levels. No descriptor: a
    held band's own would claim what the answers contradict (the headline gives the earned band's)."""
    lang = lang_of(definition)
    given = part["band"]["id"] if part["band"] else None
    reached = part["band_reached"]["id"] if part["band_status"] == "capped" and part["band_reached"] else None
    marks = {given: text(lang, "core.band-legend-given"), reached: text(lang, "core.band-legend-reached")}
    return {"intro": text(lang, "core.band-legend-intro"),
            "bands": [{"id": band["id"], "label": band["label"], "rule": band["rule"], "mark": marks.get(band["id"])}
                      for band in scale["bands"]]}


def rules_words(definition: dict[str, Any], scales: list[dict[str, Any]]) -> list[str]:
    """"How this was scored": each band rule, then each band's own rule for the scales the parts are read on,
    every one marked as the toolkit's own (and what it draws on, where it does)."""
    lang = lang_of(definition)
    rules = [(rule["text"], rule.get("after")) for rule in definition["band_rules"]["rules"]]
    rules += [(band["rule"], None) for scale in scales for band in scale["bands"]]
    return [text(lang, "core.rule-own-after", rule=rule, after=after) if after else
            text(lang, "core.rule-own", rule=rule) for rule, after in rules]
