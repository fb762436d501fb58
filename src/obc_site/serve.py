"""A local server that serves the built site as GitHub Pages does (gzip, JavaScript and wasm types, caching).

Used by `make serve`, by the browser tests and by `make bench`; ``Sent`` counts what it sends.
"""

from __future__ import annotations

import functools
import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar


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
