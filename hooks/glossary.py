"""MkDocs hook: glossary terms as tooltips (auto-appended abbreviations) at first use; none on heading anchors."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from obc_site.site import abbreviations
from obc_site.tooltips import first_use_only, quiet_permalinks


def on_config(config: Any) -> Any:
    folder = Path(tempfile.mkdtemp(prefix="obc-glossary-"))
    (folder / "abbreviations.md").write_text(abbreviations(config["obc_data"]), encoding="utf-8")
    snippets = config["mdx_configs"].setdefault("pymdownx.snippets", {})
    snippets["base_path"] = [*snippets.get("base_path", ["."]), str(folder)]
    snippets["auto_append"] = ["abbreviations.md"]
    return config


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return quiet_permalinks(first_use_only(html))
