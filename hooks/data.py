"""MkDocs hook: load and check the toolkit's YAML data first thing; bad data stops the build, one line each."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from obc_site.context import site_build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # The other hooks ask site_build for the same data; asking here, first in mkdocs.yml, stops a build with bad
    # data before any page is made.
    site_build(config).data  # noqa: B018 (made here for its check; kept for the others)
    return config
