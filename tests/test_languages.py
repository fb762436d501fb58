"""The two languages: picking one language's words out of bilingual data, and the interface catalogue."""

from __future__ import annotations

from typing import Any

import pytest

from obc_assess.core import catalogue
from obc_assess.core.languages import DEFAULT, LANGUAGES, is_text, localise


def test_english_is_the_default_and_first() -> None:
    assert LANGUAGES == ("en", "cy")
    assert DEFAULT == "en"


@pytest.mark.parametrize(("value", "expected"), [
    ({"en": "Outcome", "cy": "Canlyniad"}, True),
    ({"en": "Outcome"}, False),  # a missing language is not text: the schema reports it
    ({"en": "Outcome", "cy": "Canlyniad", "fr": "Résultat"}, False),
    ("Outcome", False),  # a quotation: plain English
    (["en", "cy"], False),
    (None, False),
])
def test_is_text(value: Any, expected: bool) -> None:
    assert is_text(value) is expected


DOC = {
    "title": {"en": "Procurement review", "cy": "Adolygiad caffael"},
    "section": "Section 4: Procurement",  # a citation stays as the source wrote it
    "items": [
        {"question": {"en": "How well?", "cy": "Pa mor dda?"}, "quote": "Outcomes are the paramount concern."},
        ("tuple", {"en": "kept a tuple", "cy": "yn dal yn dupl"}),
    ],
    "weight": 2,
}


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", {"title": "Procurement review", "section": "Section 4: Procurement",
            "items": [{"question": "How well?", "quote": "Outcomes are the paramount concern."},
                      ("tuple", "kept a tuple")], "weight": 2}),
    ("cy", {"title": "Adolygiad caffael", "section": "Section 4: Procurement",
            "items": [{"question": "Pa mor dda?", "quote": "Outcomes are the paramount concern."},
                      ("tuple", "yn dal yn dupl")], "weight": 2}),
])
def test_localise_picks_one_language_and_keeps_quotations(lang: str, expected: dict[str, Any]) -> None:
    assert localise(DOC, lang) == expected
    assert DOC["title"] == {"en": "Procurement review", "cy": "Adolygiad caffael"}  # a copy: the input is untouched


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_part_reads_as_a_flat_mapping_of_text(lang: str) -> None:
    words = catalogue.catalogue(lang)
    assert all(isinstance(key, str) and isinstance(value, str) and value.strip() for key, value in words.items())
    assert {key.split(".", 1)[0] for key in words} <= set(catalogue.PARTS)


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^unknown language 'fr'; expected one of en, cy$"):
        catalogue.catalogue("fr")


def test_a_missing_key_names_the_language_and_the_key() -> None:
    with pytest.raises(KeyError, match=r"messages/cy: no text for 'core\.no-such-key'; add it to every language"):
        catalogue.text("cy", "core.no-such-key")


def test_part_drops_the_prefix() -> None:
    for lang in LANGUAGES:
        words = catalogue.part(lang, "core")
        assert words == {key[len("core."):]: value for key, value in catalogue.catalogue(lang).items()
                         if key.startswith("core.")}
