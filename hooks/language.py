"""MkDocs hook: one language's build: its address, its prose pages, and links to the same page in the other."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from obc_site.language import MissingTranslation, language_site_url, page_alternates, translated_source


def on_config(config: Any) -> Any:
    # SITE_URL names the English site; the Welsh one is at <SITE_URL>cy/ (sitemap, canonical links, 404 page).
    config["site_url"] = language_site_url(config["site_url"], config["theme"]["language"])
    return config


def on_files(files: Files, config: Any) -> Files:
    # Runs before the generated pages are added: what is left in docs/ as Markdown is hand-written prose.
    lang = config["theme"]["language"]
    missing = []
    for file in files.documentation_pages():
        try:
            source = translated_source(Path(config["docs_dir"]), file.src_uri, lang)
        except MissingTranslation as error:
            missing.append(str(error))
            continue
        if source is not None:
            file.abs_src_path = str(source)
    if missing:
        raise PluginError("Prose pages with no translation:\n" + "\n".join(missing))
    return files


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    # The language switch and the hreflang links go to this same page in each language (overrides/main.html,
    # overrides/partials/alternate.html); config.extra.alternate names each language's root.
    alternate = config["extra"].get("alternate")
    if alternate:
        context["obc_alternates"] = page_alternates(alternate, page.url, config["site_url"])
    return context
