"""MkDocs hook: one language's build: its address, its prose pages, and links to the same page in the other."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from obc_assess.core.catalogue import part, text
from obc_site.language import MissingTranslation, language_site_url, page_alternates, translated_source


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = config.theme["language"]
    # SITE_URL names the English site; the Welsh one is at <SITE_URL>cy/ (sitemap, canonical links, 404 page).
    config.site_url = language_site_url(config.site_url, lang)
    # The heading anchors' tooltip ("Permanent link" is the toc extension's own English).
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = text(lang, "site.permalink_title")
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # The theme overrides' own words (404.html), from the site catalogue in the build's language.
    env.globals["obc_words"] = part(config.theme["language"], "site")
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # The Markdown read from docs/ is hand-written prose; the pages made from the data (generated) are left alone,
    # whichever hook order adds them.
    lang = config.theme["language"]
    missing = []
    for file in files.documentation_pages():
        if file.generated_by is not None:
            continue
        try:
            source = translated_source(Path(config.docs_dir), file.src_uri, lang)
        except MissingTranslation as error:
            missing.append(str(error))
            continue
        if source is not None:
            file.abs_src_path = str(source)
    if missing:
        raise PluginError("Prose pages with no translation:\n" + "\n".join(missing))
    return files


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    # The language switch (overrides/partials/alternate.html) and the head's hreflang links (overrides/main.html)
    # name this same page in each language; config.extra.alternate names the roots.
    alternate = config.extra.get("alternate")
    if alternate:
        context["obc_alternates"] = page_alternates(alternate, page.url)
    return context
