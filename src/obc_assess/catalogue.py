"""The interface words in each language: one catalogue per language, ``messages/<lang>/<part>.json``.

Data texts (titles, questions, advice) live in the YAML in both languages; these are the words of the code: the
core's result words and messages (``core``), the site's templates (``site``) and the browser modules
(``browser``). Keys are ``<part>.<name>``; a text may hold ``{name}`` fields, filled by ``text``. Read with the
standard library (``importlib.resources``), so it works from the Pyodide zip as on the host.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from obc_assess.languages import LANGUAGES

PARTS = ("core", "site", "browser")


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every interface text of one language, by ``<part>.<name>``."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    folder = resources.files("obc_assess") / "messages" / lang
    words: dict[str, str] = {}
    for part in PARTS:
        entry = folder / f"{part}.json"
        if entry.is_file():
            words.update({f"{part}.{key}": value for key, value in json.loads(entry.read_text("utf-8")).items()})
    return words


def text(lang: str, key: str, **values: object) -> str:
    """One interface text in ``lang``, with its ``{name}`` fields filled from ``values``."""
    words = catalogue(lang)
    if key not in words:
        raise KeyError(f"messages/{lang}: no text for {key!r}; add it to every language's catalogue")
    return words[key].format(**values) if values else words[key]


def part(lang: str, name: str) -> dict[str, str]:
    """One part of a language's catalogue, keys without the part prefix (the browser's words block)."""
    prefix = f"{name}."
    return {key[len(prefix):]: value for key, value in catalogue(lang).items() if key.startswith(prefix)}
