"""MkDocs hook: assessment and team pages are searched by title and summary; compounds by either spelling."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from obc_site.context import site_build
from obc_site.pages import team_path
from obc_site.search import slim_index


def on_post_build(config: MkDocsConfig) -> None:
    # Runs after Material's search plugin has written the index (hooks run after plugins).
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    summaries = {}
    for aid, a in site_build(config).data.assessments.items():
        summary = " ".join(str(a["summary"]).split())
        summaries[f"assessments/{aid}/"] = summaries[team_path(aid).removesuffix(".md") + "/"] = summary
    index = slim_index(json.loads(path.read_text(encoding="utf-8")), summaries)
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
