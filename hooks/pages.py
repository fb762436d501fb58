"""MkDocs hook: add the pages generated from the data (guidance, models, glossary, sources, assessments)."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files

from obc_site.pages import generated_pages


def on_files(files: Files, config: Any) -> Files:
    assets = config["obc_assets"]
    for path, markdown in generated_pages(config["obc_data"], assets.urls, assets.definitions).items():
        files.append(File.generated(config, path, content=markdown))
    return files
