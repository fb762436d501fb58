"""Browser tests: build the site once, serve it on 127.0.0.1, and drive Debian's Chromium through Playwright (and
Firefox ESR and WebKitGTK from Node: test_cross_browser.py).

Playwright cannot download browsers here, so the launch uses CHROMIUM (default /usr/bin/chromium). Every test
in this folder carries the ``browser`` marker: ``pytest -m "not browser"`` leaves them out.
"""

from __future__ import annotations

import functools
import io
import json
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from browser_helpers import READY_TIMEOUT_MS
from playwright.sync_api import expect

from obc_site.build import build

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# Every expectation waits as long as Python may take on a busy machine (Playwright's own default is 5 s, and a
# result asserted on it failed under load): one constant, browser_helpers.READY_TIMEOUT_MS.
expect.set_options(timeout=READY_TIMEOUT_MS)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    missing = not Path(CHROMIUM).exists()
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
            if missing:
                item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (set CHROMIUM, or make chromium)"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # The site's service worker (issue 33) is tested where it is the subject (test_browser_offline, and the tour
    # of every page in test_browser_pages): there it is allowed. Elsewhere each test's fresh context would install
    # it, fetching the whole site and Python again on a shared machine, and a test that routes a request (a hung
    # or broken load) must see it rather than the worker's copy (Playwright's own advice).
    return {**browser_context_args, "service_workers": "block"}


# Firefox and WebKit as driven here cannot read the console (WebKitWebDriver has no log, and puppeteer sees only
# what Firefox's BiDi reports): a browser that sends this cookie gets each page with a first script of the test's
# own that records what a console would show as an error (tests/browser/cross/record-errors.js).
RECORD_ERRORS_COOKIE = "obc-record-errors=1"
RECORD_ERRORS_PATH = "/__obc_test__/record-errors.js"


class _Handler(SimpleHTTPRequestHandler):
    # Module scripts (the worker, Pyodide) need a JavaScript type; WebAssembly compiles while it downloads.
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".mjs": "text/javascript",
        ".wasm": "application/wasm", ".json": "application/json", ".zip": "application/zip"}

    def send_head(self) -> Any:
        recording = RECORD_ERRORS_COOKIE in self.headers.get("Cookie", "")
        if self.path == RECORD_ERRORS_PATH:
            return self._send(Path(__file__).with_name("cross") / "record-errors.js", "text/javascript", b"")
        path = Path(self.translate_path(self.path))
        if recording and path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if recording and path.suffix == ".html" and path.is_file():
            return self._send(path, "text/html", f'<script src="{RECORD_ERRORS_PATH}"></script>'.encode())
        return super().send_head()

    def _send(self, path: Path, kind: str, first: bytes) -> io.BytesIO:
        """A file with ``first`` put at the start of its <head> (the recorder runs before anything of the page)."""
        body = path.read_bytes().replace(b"<head>", b"<head>" + first, 1)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        # As GitHub Pages serves the site: cacheable for ten minutes, so a second page reuses the runtime.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


@pytest.fixture(scope="session")
def _server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ThreadingHTTPServer, Path]]:
    # OBC_BROWSER_SITE=<dir> tests a site built already (quicker when only the tests changed).
    given = os.environ.get("OBC_BROWSER_SITE")
    site = Path(given) if given else tmp_path_factory.mktemp("browser-site")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, site
    finally:
        server.shutdown()
        server.server_close()


def _address(server: ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def built_site(_server: tuple[ThreadingHTTPServer, Path]) -> Path:
    """The site in both languages (English at the root, Welsh in cy/), built once (strict) for the address it is
    served at: with site_url set, as when deployed, Material's instant navigation is on (it needs the sitemap's
    URLs)."""
    server, site = _server
    if os.environ.get("OBC_BROWSER_SITE"):
        return site
    build(ROOT, site, env={"SITE_URL": _address(server)})
    return site


@pytest.fixture(scope="session")
def site_url(_server: tuple[ThreadingHTTPServer, Path], built_site: Path) -> str:
    """The built site's address."""
    return _address(_server[0])


@pytest.fixture(scope="session")
def site_definitions(built_site: Path) -> dict[str, dict[str, Any]]:
    """Every assessment definition the site serves, by id (read from the built JSON files)."""
    out = {}
    for path in (built_site / "assets" / "obc").glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(doc, dict) and "id" in doc and "sections" in doc:
            out[doc["id"]] = doc
    assert out, "no assessment definitions in the built site"
    return out


@pytest.fixture(scope="session")
def site_definition_json(built_site: Path) -> dict[str, str]:
    """The exact JSON text of each definition, as the worker passes it to obc_assess.core.api."""
    out = {}
    for path in (built_site / "assets" / "obc").glob("*.json"):
        text = path.read_text(encoding="utf-8")
        doc = json.loads(text)
        if isinstance(doc, dict) and "id" in doc and "sections" in doc:
            out[doc["id"]] = text
    return out
