"""MkDocs hook: complete each page's Content-Security-Policy with the hashes of its template's inline scripts."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from obc_site.csp import ScriptInContent, fill_policy


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    try:
        return fill_policy(output, page.content or "")
    except ScriptInContent as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from None


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Static templates (404.html) have no page content: every inline script in them is the theme's.
    return fill_policy(output_content) if template_name.endswith(".html") else output_content
