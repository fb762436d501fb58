"""MkDocs hook: serve the Pyodide runtime, the site's stdlib zip and the assessment JSON from the site itself."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from obc_site.context import site_build


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path, content in site_build(config).assets.files.items():
        if isinstance(content, Path):  # a runtime file from node_modules, copied as it is
            files.append(File.generated(config, path, abs_src_path=str(content)))
        else:
            files.append(File.generated(config, path, content=content))
    return files
