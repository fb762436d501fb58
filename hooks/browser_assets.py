"""MkDocs hook: serve the Pyodide runtime, the site's stdlib zip and the assessment JSON from the site itself."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

from obc_site.language import shared_root
from obc_site.site import browser_assets

ROOT = Path(__file__).resolve().parent.parent


def on_files(files: Files, config: Any) -> Files:
    # The stdlib build runs Pyodide under Node (tens of seconds): its output is cached on its inputs' hashes.
    # The Welsh site, built beside the English one, uses the English site's copy of the Pyodide runtime.
    share = shared_root(Path(config["site_dir"]), config["extra"].get("alternate") or [])
    assets = browser_assets(config["obc_data"], ROOT / "node_modules", Path(tempfile.mkdtemp(prefix="obc-zip-")),
                            ROOT / ".cache" / "obc-stdlib", share)
    config["obc_assets"] = assets
    for path, content in assets.files.items():
        if isinstance(content, Path):
            files.append(File.generated(config, path, abs_src_path=str(content)))
        else:
            files.append(File.generated(config, path, content=content))
    return files
