"""MkDocs hook: every glossary term becomes a tooltip on every page (an auto-appended abbreviations snippet)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from obc_site.site import abbreviations


def on_config(config: Any) -> Any:
    folder = Path(tempfile.mkdtemp(prefix="obc-glossary-"))
    (folder / "abbreviations.md").write_text(abbreviations(config["obc_data"]), encoding="utf-8")
    snippets = config["mdx_configs"].setdefault("pymdownx.snippets", {})
    snippets["base_path"] = [*snippets.get("base_path", ["."]), str(folder)]
    snippets["auto_append"] = ["abbreviations.md"]
    return config
