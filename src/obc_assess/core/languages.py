"""The site's two languages, and the one rule that picks a language's words out of bilingual data."""

from __future__ import annotations

from typing import Any

# English first: it is the default language, and the language of the four source documents.
LANGUAGES = ("en", "cy")
DEFAULT = "en"


def is_text(value: Any) -> bool:
    """True for the toolkit's own words in both languages: a mapping of exactly en and cy, and ``same`` when the
    Welsh is rightly the English (a name, a quotation, a word spelt the same: the data checks say why)."""
    return isinstance(value, dict) and set(value) - {"same"} == set(LANGUAGES)


def localise(value: Any, lang: str) -> Any:
    """A copy of checked data with every {en, cy} mapping replaced by its ``lang`` text; quotations stay as written."""
    if is_text(value):
        return value[lang]
    if isinstance(value, dict):
        return {key: localise(entry, lang) for key, entry in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(localise(entry, lang) for entry in value)
    return value


def lang_of(definition: dict[str, Any]) -> str:
    """The language of a definition, or of a result made from one (its ``assessment`` block): English when a
    definition built before there were two languages does not say."""
    lang = definition.get("lang", DEFAULT)
    return lang if lang in LANGUAGES else DEFAULT
