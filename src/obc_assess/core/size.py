"""How big a form is, said before anyone starts (issue 31): its questions and sections counted from the definition,
and for a form answered once, the toolkit's own estimate of how long it takes (scales.yaml's pace, said to be ours
wherever it is shown)."""

from __future__ import annotations

import math
from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.core.definition import items
from obc_assess.core.languages import lang_of

ROUND_TO_MINUTES = 5  # an estimate, never more exact than this


def form_size(definition: dict[str, Any], seconds_per_question: int) -> dict[str, Any]:
    """questions, optional (in optional sections or optional themselves), sections, minutes (None for a form of
    rows, whose length is the person's) and line, the words the pages show."""
    lang = lang_of(definition)
    entries = list(items(definition))
    questions = len(entries)
    optional = sum(1 for section, item in entries if section.get("optional") or item.get("optional"))
    sections = len(definition["sections"])
    if definition["kind"] != "maturity":
        return {"questions": questions, "optional": optional, "sections": sections, "minutes": None,
                "line": f"{text(lang, 'core.size-rows', questions=questions)}."}
    minutes = ROUND_TO_MINUTES * max(1, math.ceil(questions * seconds_per_question / (60 * ROUND_TO_MINUTES)))
    size = text(lang, "core.size-form-optional" if optional else "core.size-form", questions=questions,
                sections=sections, optional=optional)
    estimate = text(lang, "core.size-estimate", minutes=minutes, seconds=seconds_per_question)
    return {"questions": questions, "optional": optional, "sections": sections, "minutes": minutes,
            "line": text(lang, "core.size-line", size=size, estimate=estimate)}
