"""MkDocs hook: glossary terms as tooltips (abbreviation lines at the end of every page), at first use on a page;
none on heading anchors."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from obc_site.context import site_build
from obc_site.tooltips import first_use_only, quiet_permalinks


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # What pymdownx.snippets' auto_append did from a file, without the file: the abbr extension reads these lines.
    return f"{markdown}\n\n{site_build(config).abbreviations}"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return quiet_permalinks(first_use_only(html))
