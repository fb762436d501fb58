"""The external checkers (Nu HTML Checker, Lighthouse) against the built site and a plain Material baseline.

Host-only helpers for the tests and `make bench`: a plain Material site of the same theme built in a folder, a
server that gzips as GitHub Pages does, and one run of each tool. The tools come from the pinned npm packages.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

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


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serves files as GitHub Pages does: gzip for text when the client accepts it, cacheable for ten minutes."""

    extensions_map: ClassVar[dict[str, str]] = {  # type: ignore[misc]
        **SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".mjs": "text/javascript",
        ".wasm": "application/wasm", ".json": "application/json", ".zip": "application/zip"}
    _TEXT = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".wasm")
    compress = True

    def send_head(self) -> Any:
        sent = getattr(self.server, "obc_sent", None)
        if sent is not None:
            # The browser's own check for a new service worker (a header it sends only then).
            sent.asked.append((self.path, self.headers.get("Service-Worker") == "script"))
        if not self.compress:
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (not path.is_file() or path.suffix not in self._TEXT
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()  # directories without their slash are redirected there
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        sent = getattr(self.server, "obc_sent", None)
        if sent is not None:
            self.wfile = _Counting(self.wfile, sent)  # type: ignore[assignment]


class Sent:
    """What a server sent: bytes on the wire (headers and bodies, as compressed), and what it was asked for: each
    path, and whether it was the browser checking its service worker for a new version."""

    def __init__(self) -> None:
        self.bytes = 0
        self.asked: list[tuple[str, bool]] = []
        self._lock = threading.Lock()

    def add(self, count: int) -> None:
        with self._lock:
            self.bytes += count


class _Counting:
    """A handler's output stream, counted into a Sent."""

    def __init__(self, stream: Any, sent: Sent) -> None:
        self._stream, self._sent = stream, sent

    def write(self, data: bytes) -> int:
        self._sent.add(len(data))
        return int(self._stream.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _PlainHandler(_GzipHandler):
    """The same types and caching, without gzip."""

    compress = False


@contextmanager
def serve_gzip(site: Path, port: int = 0, compress: bool = True, sent: Sent | None = None) -> Iterator[str]:
    """Serve site on 127.0.0.1 (with gzip unless told not to); yields its address. ``sent`` counts what it sends."""
    handler = _GzipHandler if compress else _PlainHandler
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    server.obc_sent = sent  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


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
