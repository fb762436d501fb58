"""MkDocs hook: build the navigation from the data, so new pages and assessments appear without editing YAML config."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from obc_site.context import site_build
from obc_site.site import navigation


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.nav = navigation(site_build(config).data)
    return config
