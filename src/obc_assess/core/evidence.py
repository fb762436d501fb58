"""Evidence beside an answer (format 3, maturity only): checking the entries and the results' evidence profile.

``"evidence": {"<item id>": [{"what": "...", "kind": "<kind id>" | "", "strength": "<strength id>" | "",
"review_by": "YYYY-MM-DD" | ""}]}``; kinds and strengths live in data/evidence.yaml. A wholly blank entry is
ignored. The rule (the toolkit's own, stated on the page): evidence never changes a percent, band, confidence or
priority. It is counted per section by each answer's strongest entry, and an answer at or above its scale's
``evidence_from`` level (Established or Embedded on the maturity scale) with no documented or independently
verified entry is flagged. Review-by dates are read against the assessment's own date (a reviewed file's: the
latest review's date), never the clock: an entry past its review-by date is listed but no longer counts toward
the answer's strongest evidence, and the answers whose strongest evidence it was are listed (issue 34).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.checks import Checker, quote
from obc_assess.core.definition import items
from obc_assess.core.plan import is_date, maturity_mapping
from obc_assess.core.review import review_date
from obc_assess.core.typed_text import MAX_ENTRIES, MAX_WHAT

KEYS = ("what", "kind", "strength", "review_by")
EXAMPLE = '[{"what": "", "kind": "", "strength": "", "review_by": ""}]'
NONE = "none"  # an answer's strongest evidence when it has no entry with a strength


def entry_is_blank(entry: dict[str, Any]) -> bool:
    """An evidence entry with nothing in it: ignored."""
    return not any(str(entry.get(key, "")).strip() for key in KEYS)


def entries_of(doc: dict[str, Any], item_id: str) -> list[dict[str, str]]:
    """A valid document's non-blank evidence entries for an item, each with every key."""
    return [{key: str(entry.get(key, "")) for key in KEYS}
            for entry in (doc.get("evidence") or {}).get(item_id, []) if not entry_is_blank(entry)]


def check_evidence(check: Checker, definition: dict[str, Any], evidence: object, version: int) -> None:
    """Report every problem with a document's ``evidence`` (any JSON value; never raises)."""
    if version < 3:
        check.say("evidence", "new-in-format-3", version=version)
        return
    per_item = maturity_mapping(check, definition, "evidence", evidence, EXAMPLE, "evidence-not-maturity")
    if per_item is None:
        return
    known = {item["id"] for _, item in items(definition)}
    block = definition["evidence"]
    kinds = [kind["id"] for kind in block["kinds"]]
    strengths = [strength["id"] for strength in block["strengths"]]
    for key, entries in per_item.items():
        path = check.key("evidence", key)
        if key not in known:
            check.say(path, "not-an-item", id=definition["id"])
        elif not isinstance(entries, list):
            check.say(path, "evidence-list", example=EXAMPLE)
        elif len(entries) > MAX_ENTRIES:
            check.say(path, "too-many-evidence", count=f"{len(entries):,}", limit=MAX_ENTRIES)
        else:
            for n, entry in enumerate(entries):
                _entry(check, f"{path}[{n}]", entry, kinds, strengths)


def _entry(check: Checker, path: str, entry: object, kinds: list[str], strengths: list[str]) -> None:
    if not isinstance(entry, dict):
        check.say(path, "object-like", example=EXAMPLE[1:-1])
        return
    check.unknown_keys(path, entry, KEYS, check.words("unknown-key", keys=text(
        check.lang, "core.and", first=", ".join(map(quote, KEYS[:-1])), last=quote(KEYS[-1]))))
    what = entry.get("what", "")
    check.text(f"{path}.what", what, MAX_WHAT)
    for key, allowed, message in (("kind", kinds, "evidence-kind"), ("strength", strengths, "evidence-strength")):
        value = entry.get(key, "")
        if not isinstance(value, str) or (value and value not in allowed):
            check.say(f"{path}.{key}", message, values=check.choices(allowed, "", check.lang))
    review_by = entry.get("review_by", "")
    if not isinstance(review_by, str):
        check.say(f"{path}.review_by", "due-not-text", kind=check.kind(review_by, check.lang))
    elif review_by and not is_date(review_by):
        check.say(f"{path}.review_by", "review-by-not-a-date", shown=quote(review_by))
    if isinstance(what, str) and not what.strip() and not entry_is_blank(entry):
        check.say(f"{path}.what", "evidence-no-what")


def strongest(definition: dict[str, Any], entries: list[dict[str, str]]) -> str:
    """The strongest strength among an answer's entries (strengths are listed weakest first), or "none"."""
    order = [strength["id"] for strength in definition["evidence"]["strengths"]]
    given = [order.index(e["strength"]) for e in entries if e["strength"] in order]
    return order[max(given)] if given else NONE


def evidence_date(doc: dict[str, Any]) -> str:
    """The date review-by dates are read against: the latest review's, else the assessment's ("" for none)."""
    return review_date(doc) or str(doc.get("assessment_date", ""))


def is_documented(definition: dict[str, Any], strength: str) -> bool:
    """Whether a strength counts as documented evidence (data/evidence.yaml's ``documented``)."""
    return any(s["id"] == strength and s["documented"] for s in definition["evidence"]["strengths"])


def claims(scale: dict[str, Any], level: object) -> bool:
    """Whether a level claims established practice on its scale, so wants documented evidence."""
    start = scale.get("evidence_from")
    return isinstance(level, int) and start is not None and level >= start


def item_evidence(definition: dict[str, Any], doc: dict[str, Any], item_id: str, scale: dict[str, Any],
                  level: object, scored: bool) -> dict[str, Any]:
    """An item's entries with their labels, its strongest evidence and whether the answer is flagged."""
    block = definition["evidence"]
    kinds = {kind["id"]: kind["label"] for kind in block["kinds"]}
    labels = {strength["id"]: strength["label"] for strength in block["strengths"]}
    when = evidence_date(doc)
    entries = [{**e, "kind_label": kinds.get(e["kind"], ""), "strength_label": labels.get(e["strength"], ""),
                "review_due": bool(when and e["review_by"] and e["review_by"] < when)}
               for e in entries_of(doc, item_id)]
    best = strongest(definition, [e for e in entries if not e["review_due"]])
    before = strongest(definition, entries)  # as if no review-by date had passed
    return {
        "evidence": entries,
        "strongest": best,
        # The strongest evidence the answer had until a review-by date passed (None: it rests on nothing expired).
        "strongest_expired": before if scored and before != best else None,
        "evidence_claim": scored and claims(scale, level),
        "evidence_flag": scored and claims(scale, level) and not is_documented(definition, best),
    }


def levels_phrase(definition: dict[str, Any], lang: str) -> str:
    """The levels that want documented evidence, in the scales' words: "Established or above"."""
    phrases = []
    for scale in definition["scales"].values():
        start = scale.get("evidence_from")
        if start is None or not any(i.get("scale", definition["scale"]["id"]) == scale["id"]
                                    for _, i in items(definition)):
            continue
        label = scale["levels"][start]["label"]
        top = start == scale["levels"][-1]["value"]
        phrases.append(label if top else text(lang, "core.evidence-or-above", label=label))
    if not phrases:
        return ""
    return phrases[0] if len(phrases) == 1 else text(lang, "core.or", first=", ".join(phrases[:-1]),
                                                     last=phrases[-1])


def profile(definition: dict[str, Any], rows: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """The result's evidence block from its working items (each with item_evidence's keys)."""
    order = [NONE, *(strength["id"] for strength in definition["evidence"]["strengths"])]
    labels = {NONE: text(lang, "core.evidence-none"),
              **{s["id"]: s["label"] for s in definition["evidence"]["strengths"]}}

    def tally(chosen: list[dict[str, Any]]) -> dict[str, Any]:
        answered = [row for row in chosen if row["status"] == "scored"]
        counted = Counter(row["strongest"] for row in answered)
        return {"answered": len(answered), "counts": {level: counted[level] for level in order},
                "review_due": sum(e["review_due"] for row in chosen for e in row["evidence"])}

    by_section: dict[str, list[dict[str, Any]]] = {}
    for row in rows:  # one pass, not one per section
        by_section.setdefault(row["section"], []).append(row)

    claimed = [row for row in rows if row["status"] == "scored" and row["evidence_claim"]]
    documented = sum(is_documented(definition, row["strongest"]) for row in claimed)
    phrase = levels_phrase(definition, lang)
    sentence = (text(lang, "core.evidence-sentence", documented=documented, claimed=len(claimed), levels=phrase)
                if claimed else text(lang, "core.evidence-sentence-none", levels=phrase))
    return {
        "levels": [{"id": level, "label": labels[level]} for level in order],
        "sections": [{"id": section["id"], "title": section["title"],
                      **tally(by_section.get(section["id"], []))}
                     for section in definition["sections"]],
        "totals": tally(rows),
        "flags": [{"id": row["id"], "title": row["title"], "section": row["section"], "level": row["level"],
                   "level_label": row["level_label"], "strongest": row["strongest"],
                   "reason": text(lang, "core.evidence-flag-reason", label=row["level_label"],
                                  strongest=labels[row["strongest"]])}
                  for row in rows if row["evidence_flag"]],
        "review_due": [{"id": row["id"], "title": row["title"], "section": row["section"], "what": e["what"],
                        "review_by": e["review_by"]} for row in rows for e in row["evidence"] if e["review_due"]],
        # Answers resting on evidence past its review date: their strongest evidence was an expired entry.
        "expired": [{"id": row["id"], "title": row["title"], "section": row["section"], "level": row["level"],
                     "level_label": row["level_label"], "was": row["strongest_expired"], "now": row["strongest"],
                     "reason": text(lang, "core.evidence-expired-reason", label=row["level_label"],
                                    was=labels[row["strongest_expired"]], now=labels[row["strongest"]])}
                    for row in rows if row["strongest_expired"] is not None],
        "expired_rule": text(lang, "core.rule-own", rule=text(lang, "core.evidence-expired-rule")),
        "claimed": len(claimed), "documented": documented,
        "sentence": sentence,
        "rule": text(lang, "core.evidence-rule", levels=phrase),
    }
