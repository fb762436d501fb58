"""The site in two languages: one Material build per language, the Welsh one under cy/ (plain functions)."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from obc_assess.core.languages import DEFAULT

# The Welsh version of each hand-written prose page is docs/<lang>/<page>.md (the same name as the English page).
# The English build leaves these folders out (exclude_docs in mkdocs.yml).
PROSE_FOLDER = "{lang}"


class MissingTranslation(Exception):
    """A prose page has no version in the build's language."""


def language_site_url(site_url: str | None, lang: str) -> str | None:
    """The address of one language's site: the Welsh site lives at <site_url>cy/."""
    if not site_url or lang == DEFAULT:
        return site_url
    return f"{site_url.rstrip('/')}/{lang}/"


def translated_source(docs_dir: Path, src_uri: str, lang: str) -> Path | None:
    """The file a prose page is built from in ``lang``: docs/<lang>/<page>.md; None in the default language.

    Raises MissingTranslation naming the file to write when a page has no version in ``lang``."""
    if lang == DEFAULT:
        return None
    path = docs_dir / PROSE_FOLDER.format(lang=lang) / src_uri
    if not path.is_file():
        raise MissingTranslation(f"{src_uri}: no {lang} version; write docs/{lang}/{src_uri}")
    return path


def _relative(target: str, page_url: str) -> str:
    """``target`` (a path from this site's root, which may climb above it) as a link from the page at ``page_url``.
    (MkDocs' url filter cannot: it stops "../" at the site's root.)"""
    top = "/site/root/"
    link = posixpath.relpath(posixpath.normpath(top + target), posixpath.normpath(top + page_url.rpartition("/")[0]))
    return link + "/" if target.endswith("/") or not target else link


def page_alternates(alternates: list[dict[str, Any]], page_url: str) -> list[dict[str, Any]]:
    """Each language's version of one page, and an x-default entry for the default language's, as links from the
    page itself: ``link`` to this same page in that language, for the language switch and the head's hreflang links
    (search engines and assistive tools take those as the page's translations). ``alternates`` is Material's
    ``extra.alternate``: each language's root, from this site's root."""
    links = [{**alt, "link": _relative(alt["link"] + page_url, page_url)} for alt in alternates]
    return links + [{**alt, "lang": "x-default"} for alt in links if alt["lang"] == DEFAULT]


def shared_root(site_dir: Path, alternates: list[dict[str, Any]]) -> tuple[str, Path] | None:
    """The default language's site, as (link from this site's root, folder), when this build writes another
    language beside it (site/cy next to site/): files that build already holds can be shared, not copied."""
    links = [alt["link"] for alt in alternates if alt["lang"] == DEFAULT and alt["link"] not in ("", "./")]
    return (links[0], (site_dir / links[0]).resolve()) if links else None
