"""MkDocs hook: add the pages generated from the data (guidance, models, glossary, sources, assessments)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from obc_site.context import site_build
from obc_site.pages import generated_pages


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = site_build(config)
    for path, markdown in generated_pages(build.data, build.assets.urls, build.assets.definitions).items():
        files.append(File.generated(config, path, content=markdown))
    return files
