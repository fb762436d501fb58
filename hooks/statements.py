"""MkDocs hook: the statements held once in facts.yaml (the law now) into the hand-written pages that name them."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from obc_site.context import site_build
from obc_site.statements import UnknownStatement, fill_statements


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        return fill_statements(markdown, site_build(config).data.statements)
    except UnknownStatement as error:
        raise PluginError(f"{page.file.src_uri}: {error.args[0]}") from None
