"""MkDocs hook: drop the indentation between tags from every built page (obc_site.whitespace)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from obc_site.whitespace import collapse


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return collapse(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Static templates (404.html) have no page; sitemap.xml and the like are not HTML.
    return collapse(output_content) if template_name.endswith(".html") else output_content
