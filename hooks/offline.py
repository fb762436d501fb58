"""MkDocs hook: the site works offline after one visit: a web app manifest and its icons, and the service worker."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from obc_assess.core.catalogue import text
from obc_assess.core.languages import DEFAULT
from obc_site.context import site_build
from obc_site.offline import WORKER, runtime_entries, service_worker, site_entries
from obc_site.webapp import MANIFEST, PaletteMissing, css_colour, icons, manifest


def _theme_files(config: MkDocsConfig, pattern: str) -> list[Path]:
    # From the first of the theme's folders (overrides first, as MkDocs looks templates up) that has any.
    for folder in config.theme.dirs:
        if found := sorted(Path(folder).glob(pattern)):
            return found
    raise PluginError(f"the theme has no {pattern}")


def _stylesheets(config: MkDocsConfig) -> list[str]:
    # As the pages load them: Material's own, then the site's (extra_css), so the site's values win.
    own = _theme_files(config, "assets/stylesheets/*.min.css")
    extra = [Path(config.docs_dir) / str(path) for path in config.extra_css]
    return [path.read_text(encoding="utf-8") for path in [*own, *extra]]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = config.theme["language"]
    palette = config.theme["palette"][0] if config.theme["palette"] else {}
    primary = str(palette.get("primary", "indigo")).replace(" ", "-")
    scheme = str(palette.get("scheme", "default"))
    css = _stylesheets(config)
    try:
        theme = css_colour(css, f"data-md-color-primary={primary}", "--md-primary-fg-color")
        background = css_colour(css, f"data-md-color-scheme={scheme}", "--md-default-bg-color")
    except PaletteMissing as error:
        raise PluginError(f"{config.config_file_path}: theme.palette: {error}") from None
    glyph = _theme_files(config, f".icons/{config.theme['icon']['logo']}.svg")[0]
    for path, content in icons(glyph, theme).items():
        files.append(File.generated(config, path, content=content))
    text_of_manifest = manifest(config.site_name, text(lang, "site.app_short_name"), config.site_description or "",
                                lang, theme, background)
    files.append(File.generated(config, MANIFEST, content=text_of_manifest))
    return files


def on_post_build(config: MkDocsConfig) -> None:
    # The last hook (mkdocs.yml): every file is written as served, the search index and Material's bundle
    # patched, so the integrity of each is that of the file a browser gets.
    site_dir = Path(config.site_dir)
    alternates = config.extra.get("alternate") or []
    default_root = next((alt["link"] or "./" for alt in alternates if alt["lang"] == DEFAULT), "./")
    others = [alt["link"] for alt in alternates if alt["link"] not in ("", "./") and not alt["link"].startswith("..")]
    entries = site_entries(site_dir, others) + runtime_entries(site_dir, site_build(config).assets.urls)
    (site_dir / WORKER).write_text(service_worker(entries, default_root), encoding="utf-8")
