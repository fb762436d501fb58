"""The interface words in each language: one catalogue per language, ``messages/<lang>/<part>.json``.

Data texts (titles, questions, advice) live in the YAML in both languages; these are the words of the code: the
core's result words and messages (``core``), the site's templates (``site``) and the browser modules
(``browser``). Keys are ``<part>.<name>``; a text may hold ``{name}`` fields, filled by ``text``. Read by the
package's own loader, so it works from the Pyodide zip (zipimport) as from the folder on the host.
"""

from __future__ import annotations

import json
import os
from functools import cache

from obc_assess.core.languages import LANGUAGES

PARTS = ("core", "site", "browser")


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every interface text of one language, by ``<part>.<name>``."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    words: dict[str, str] = {}
    for part in PARTS:
        raw = _read(f"{lang}/{part}.json")
        if raw is not None:
            words.update({f"{part}.{key}": value for key, value in json.loads(raw.decode("utf-8")).items()})
    return words


def _read(name: str) -> bytes | None:
    """A file of messages/, or None if the part is not there. Through this module's loader: a file on the host,
    an entry of the site's stdlib zip in Pyodide (importlib.resources would import zipfile to read a zip, and
    some forty modules with it: threading, shutil, bz2, lzma...)."""
    loader = __spec__.loader if __spec__ is not None else None
    get_data = getattr(loader, "get_data", None)
    if get_data is None:
        return None
    try:
        data: bytes = get_data(os.path.join(os.path.dirname(__file__), "messages", *name.split("/")))
    except OSError:
        return None
    return data


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
