"""The keys every result starts with (format, assessment, context, who and when), and a level as results show it."""

from __future__ import annotations

from typing import Any

from obc_assess.core.dates import date_label
from obc_assess.core.definition import assessment_block
from obc_assess.core.languages import lang_of
from obc_assess.core.responses import about, context_of
from obc_assess.core.review_result import review_block

FORMAT = "obc-assess/result"
FORMAT_VERSION = 1


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
        "band_rules": [], "band_legend": None, "extras": [],
        # Maturity: the answers of "not applicable" with no reason (a file saved before format 4), in words.
        "na_notice": None,
        # Who reviewed the file and what they found (review_result.py); a maturity result counts it per item.
        "review": review_block(doc, [], lang),
    }
