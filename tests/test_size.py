"""Each form's size up front (issue 31): questions and sections counted from the real definitions, the time the
toolkit's own estimate (scales.yaml's pace), said so, in English and Welsh; the index and each form's page show it."""

from __future__ import annotations

from pathlib import Path

import pytest

from obc_assess.core.size import form_size
from obc_assess.host.building import build
from obc_assess.host.loader import load_data

DATA = {lang: load_data(lang=lang) for lang in ("en", "cy")}
PACE = DATA["en"].scales["pace"]["seconds_per_question"]
OURS = "(the toolkit's own estimate: 60 seconds a question; notes and evidence take longer)."

# (assessment, questions, optional, sections, minutes, the words): the standards are the long form.
CASES = [
    ("commissioning-standards", 59, 37, 6, 60,
     f"59 questions in 6 sections, 37 of them optional; about 60 minutes {OURS}"),
    ("commissioning-principles", 21, 0, 7, 25, f"21 questions in 7 sections; about 25 minutes {OURS}"),
    ("review-priorities", 6, 0, 1, None, "6 questions for each row you add."),
]


@pytest.mark.parametrize(("aid", "questions", "optional", "sections", "minutes", "line"), CASES)
def test_a_forms_size_is_counted_from_its_definition(aid: str, questions: int, optional: int, sections: int,
                                                    minutes: int | None, line: str) -> None:
    definition = build(DATA["en"], aid)
    asked = sum(len(section["items"]) for section in definition["sections"])
    assert questions == asked
    assert form_size(definition, PACE) == {"questions": questions, "optional": optional, "sections": sections,
                                           "minutes": minutes, "line": line}


@pytest.mark.parametrize(("seconds", "minutes"), [(1, 5), (60, 25), (61, 25), (75, 30), (900, 315)])
def test_the_estimate_rounds_up_to_five_minutes(seconds: int, minutes: int) -> None:
    assert form_size(build(DATA["en"], "commissioning-principles"), seconds)["minutes"] == minutes


def test_the_size_in_welsh_puts_each_figure_after_a_colon_or_before_its_noun() -> None:
    line = form_size(build(DATA["cy"], "commissioning-standards"), PACE)["line"]
    assert line == ("Cwestiynau: 59, mewn 6 adran (37 ohonynt yn ddewisol); 60 munud yn fras (amcangyfrif y pecyn "
                    "cymorth ei hun: 60 eiliad y cwestiwn; mae nodiadau a thystiolaeth yn cymryd mwy o amser).")


def test_the_index_and_each_form_say_the_size(built: Path) -> None:
    index = (built / "assessments" / "index.html").read_text(encoding="utf-8")
    for aid in DATA["en"].assessments:
        line = form_size(build(DATA["en"], aid), PACE)["line"]
        assert line.replace("'", "&#39;") in index or line in index, aid
        page = (built / "assessments" / aid / "index.html").read_text(encoding="utf-8")
        assert line in page.replace("&#39;", "'").replace("&rsquo;", "'"), aid
