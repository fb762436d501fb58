"""MkDocs hook: repair the markup Material writes that the HTML checker or Lighthouse reject; fetch only on use."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from obc_site.material import MaterialChanged, lazy_search_index, no_sitemap_redirect, repair


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return repair(output)


def on_post_build(config: MkDocsConfig) -> None:
    # Material writes 404.html from its own template, without a page: on_post_page never sees it.
    path = Path(config.site_dir) / "404.html"
    if path.is_file():
        path.write_text(repair(path.read_text(encoding="utf-8")), encoding="utf-8")
    scripts = Path(config.site_dir) / "assets" / "javascripts"
    bundles = sorted(scripts.glob("bundle.*.min.js"))
    if not bundles:
        raise PluginError(f"{scripts}: no Material bundle.*.min.js, so search would load its index on every page")
    for bundle in bundles:
        source_map = bundle.with_name(bundle.name + ".map")
        try:
            patched, patched_map = no_sitemap_redirect(*lazy_search_index(bundle.read_text(encoding="utf-8"),
                                                                          source_map.read_text(encoding="utf-8")))
        except MaterialChanged as error:
            raise PluginError(f"{bundle}: {error}") from None
        bundle.write_text(patched, encoding="utf-8")
        source_map.write_text(patched_map, encoding="utf-8")
