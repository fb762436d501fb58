"""The external checkers (Nu HTML Checker, Lighthouse) against the built site and a plain Material baseline.

Host-only helpers for the tests and `make bench`, kept out of the package: a plain Material site of the same
theme built in a folder, and one run of each tool. The tools come from the pinned npm packages.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
BASELINE_PAGE = """# A plain page

Some text, a [link](#a-section) and a list:

- one
- two

## A section

More text.
"""


def _mkdocs_yml(root: Path) -> dict[str, Any]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    return dict(yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader))


def build_baseline(root: Path, out: Path, site_url: str = "", pages: dict[str, str] | None = None) -> Path:
    """A plain Material site with this site's theme settings (no overrides, hooks or own assets), built into out:
    one plain page, or the given Markdown pages (docs-relative path -> text) with this site's Markdown extensions."""
    ours = _mkdocs_yml(root)
    theme = {k: v for k, v in ours["theme"].items() if k != "custom_dir"}
    project = out / "project"
    for path, markdown in (pages or {"index.md": BASELINE_PAGE}).items():
        (project / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / path).write_text(markdown, encoding="utf-8")
    extensions = ([e for e in ours["markdown_extensions"] if "pymdownx.snippets" not in e] if pages
                  else [{"toc": {"permalink": True}}])
    config = {"site_name": "Plain Material", "site_url": site_url or None, "theme": theme, "plugins": ["search"],
              "markdown_extensions": extensions}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    site = out / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True)
    return site


@dataclass(frozen=True)
class HtmlError:
    """One error the Nu HTML Checker reports."""

    page: str  # site-relative path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.message}"


def vnu(node_modules: Path, site: Path) -> list[HtmlError]:
    """Every error the Nu HTML Checker finds in every page of site (one JVM for all of them)."""
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    jar = node_modules / "vnu-jar" / "build" / "dist" / "vnu.jar"
    run = subprocess.run(["java", "-Xss1024k", "-jar", str(jar), "--format", "json", "--errors-only", *pages],
                         cwd=site, capture_output=True, text=True)
    messages = json.loads(run.stderr)["messages"]
    return [HtmlError(m.get("url", "").removeprefix("file:").removeprefix(str(site) + "/"),
                      int(m.get("lastLine", 0)), m["message"]) for m in messages if m["type"] == "error"]


def net_errors(ours: list[HtmlError], baseline: list[HtmlError]) -> list[HtmlError]:
    """Our errors whose message the plain Material page does not also have."""
    known = {e.message for e in baseline}
    return [e for e in ours if e.message not in known]


def lighthouse(node_modules: Path, chromium: str, url: str, categories: list[str], desktop: bool = False,
               ) -> dict[str, Any]:
    """One Lighthouse run on url with Debian's Chromium; the JSON report (categories, audits)."""
    cli = node_modules / "lighthouse" / "cli" / "index.js"
    args = ["node", str(cli), url, f"--chrome-path={chromium}", f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(categories)}", "--output=json", "--output-path=stdout", "--quiet"]
    if desktop:
        args.append("--preset=desktop")
    # One retry: under load, Chromium sometimes fails to start in time (the page is not at fault).
    for attempt in (1, 2):
        run = subprocess.run(args, capture_output=True, text=True)
        if run.returncode == 0:
            break
        if attempt == 2:
            raise RuntimeError(f"lighthouse failed on {url}:\n{run.stderr[-2000:]}")
    return dict(json.loads(run.stdout))


def failing_audits(report: dict[str, Any], category: str) -> list[str]:
    """The audits of a category that did not pass, one line each with the elements they name."""
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) and audit.get("score") is not None and audit["score"] < 1:
            items = (audit.get("details") or {}).get("items") or []
            where = "; ".join(str((i.get("node") or {}).get("snippet", ""))[:120] for i in items[:5])
            out.append(f"{ref['id']} ({audit['score']}): {audit['title']} {where}".rstrip())
    return out
