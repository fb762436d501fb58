"""MkDocs hook: repair the markup Material writes that the HTML checker or Lighthouse reject."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from obc_site.material import repair


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return repair(output)


def on_post_build(config: MkDocsConfig) -> None:
    # Material writes 404.html from its own template, without a page: on_post_page never sees it.
    path = Path(config.site_dir) / "404.html"
    if path.is_file():
        path.write_text(repair(path.read_text(encoding="utf-8")), encoding="utf-8")
