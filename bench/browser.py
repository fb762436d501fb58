"""In headless Chromium: time to answer, Python ready against a bare Pyodide page, bytes, and warm revisits."""

from __future__ import annotations

import gzip
import os
import shutil
import statistics
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from playwright.sync_api import Page, sync_playwright

from bench.timing import RUNS, figure, stats
from obc_site.serve import serve_gzip
from obc_site.site import RUNTIME_FILES

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
# Records, in page time (ms since navigation start), when the first answer radio is in the page and painted,
# and when the status line first says the scoring program is ready.
PROBE = """
(() => {
  const seen = () => {
    if (window.__radio === undefined && document.querySelector(".obc-form input[type=radio]")) {
      requestAnimationFrame(() => { window.__radio = performance.now(); });
    }
    const $s = document.querySelector("[data-obc-status]");
    if (window.__ready === undefined && $s && /^Ready/.test($s.textContent)) window.__ready = performance.now();
  };
  new MutationObserver(seen).observe(document, {subtree: true, childList: true, characterData: true});
})();
"""
# The baseline: a page whose module worker only runs loadPyodide() from the same runtime files.
BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>bare</title><script type="module">
const w = new Worker("worker.js", {type: "module"});
w.onmessage = () => { window.__ready = performance.now(); };
w.postMessage(new URL("../assets/pyodide/VERSION/", location.href).href);
</script>"""
BARE_WORKER = """self.onmessage = async (e) => {
  const { loadPyodide } = await import(e.data + "pyodide.mjs");
  await loadPyodide({ indexURL: e.data });
  self.postMessage("ready");
};"""


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


class Session:
    """One browser; each measurement opens a fresh context (a cold cache) unless told otherwise."""

    def __init__(self, site: Path, base: str, browser: Any, title: str) -> None:
        self.site, self.base, self.browser, self.title = site, base, browser, title

    def local(self, url: str) -> Path | None:
        path = unquote(urlparse(url).path)
        local = self.site / path.lstrip("/")
        return local / "index.html" if path.endswith("/") else local

    def open(self, page: Page, path: str, wait: str) -> tuple[dict[str, float], list[str]]:
        urls: list[str] = []
        page.on("request", lambda request: urls.append(request.url))
        page.goto(self.base + path)
        page.wait_for_function(f"window.{wait} !== undefined", timeout=120_000)
        marks = page.evaluate("({radio: window.__radio, ready: window.__ready})")
        return marks, urls

    def fresh(self, path: str, wait: str) -> tuple[dict[str, float], list[str]]:
        context = self.browser.new_context(bypass_csp=True)  # Playwright polls with eval, which CSP forbids
        context.add_init_script(PROBE)
        try:
            return self.open(context.new_page(), path, wait)
        finally:
            context.close()

    def warm(self, path: str) -> tuple[float, float]:
        """Python ready again (s): after a full reload (HTTP cache warm), and after leaving and coming back by
        Material's instant navigation (the worker kept)."""
        context = self.browser.new_context(bypass_csp=True)  # Playwright polls with eval, which CSP forbids
        context.add_init_script(PROBE)
        try:
            page = context.new_page()
            self.open(page, path, "__ready")
            reload = float(self.open(page, path, "__ready")[0]["ready"])
            page.get_by_role("link", name="the guidance this assessment follows").click()
            page.wait_for_url("**/guidance/**")
            start = page.evaluate("window.__ready = undefined; performance.now()")
            page.get_by_role("navigation", name="Navigation").get_by_role("link", name=self.title).first.click()
            page.wait_for_function("window.__ready !== undefined", timeout=120_000)
            return reload, float(page.evaluate("window.__ready")) - start
        finally:
            context.close()

    def transferred(self, urls: list[str]) -> int:
        files = {p for u in urls if u.startswith(self.base) and (p := self.local(u)) and p.is_file()}
        return sum(gzip_size(p) for p in files)


def _prepare(site: Path, work: Path) -> Path:
    copy = work / "site"
    shutil.copytree(site, copy)
    version = next((copy / "assets" / "pyodide").iterdir()).name
    (copy / "bare").mkdir()
    (copy / "bare" / "index.html").write_text(BARE_PAGE.replace("VERSION", version), encoding="utf-8")
    (copy / "bare" / "worker.js").write_text(BARE_WORKER, encoding="utf-8")
    return copy


def run(site: Path, work: Path, largest: str, title: str, port: int) -> list[dict[str, Any]]:
    site = _prepare(site, work)
    runtime = next((site / "assets" / "pyodide").iterdir())
    core = sum(gzip_size(runtime / name) for name in RUNTIME_FILES)
    # Our page fetches the site's own stdlib zip instead of this one (fetched only for a left-out module).
    full_stdlib = gzip_size(runtime / "python_stdlib.zip")
    page = f"assessments/{largest}/"
    with serve_gzip(site, port, compress=False) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        s = Session(site, base, browser, title)
        radio, ready, bare, bytes_page, ours = [], [], [], 0, 0
        for _ in range(RUNS):
            marks, urls = s.fresh(page, "__ready")
            radio.append(marks["radio"] / 1000)
            ready.append(marks["ready"] / 1000)
            bytes_page = s.transferred(urls)
            ours = s.transferred([u for u in urls if "/assets/obc" in u])
            bare.append(s.fresh("bare/", "__ready")[0]["ready"] / 1000)
        warm_runs = [s.warm(page) for _ in range(RUNS)]
        warm, instant = [r / 1000 for r, _ in warm_runs], [i / 1000 for _, i in warm_runs]
        _, home_urls = s.fresh("", "document")
        _, std_urls = s.fresh("guidance/framework-standards/", "document")
        browser.close()
    r, rd, b, w = stats(radio), stats(ready), stats(bare), stats(warm)
    pyodide_fetched = [u for u in home_urls + std_urls if "/assets/pyodide/" in u or "python_stdlib-" in u]
    home, std = s.transferred(home_urls), s.transferred(std_urls)
    return [
        figure(f"time to answer ({largest}): navigation to first radio painted", r.median, "s", None, "<= 0.3 s",
               r.median <= 0.3, stats=r.as_dict()),
        figure("Python ready: our page vs a bare loadPyodide() page", rd.median, "s", b.median, "<= 0.6x",
               rd.median <= 0.6 * b.median, ours=rd.as_dict(), bare=b.as_dict(),
               ratio_min=rd.min / b.median, ratio_max=rd.max / b.median),
        figure("bytes for an assessment page (gzip) vs Pyodide core files alone", bytes_page / 1024, "KB",
               core / 1024, "<= core", bytes_page <= core, extra_kb=(bytes_page - core) / 1024),
        figure("bytes for the home page (gzip)", home / 1024, "KB", None, "<= 250 KB, no Pyodide file",
               home <= 250 * 1024 and not pyodide_fetched),
        figure("bytes for a standard page (gzip)", std / 1024, "KB", None, "<= 250 KB, no Pyodide file",
               std <= 250 * 1024 and not pyodide_fetched, pyodide_files_fetched=len(pyodide_fetched)),
        figure("warm revisit by instant navigation vs cold: Python ready", stats(instant).median, "s", rd.median,
               "<= 0.75x", stats(instant).median <= 0.75 * rd.median, warm=stats(instant).as_dict()),
        figure("warm revisit by full reload (HTTP cache) vs cold: Python ready", w.median, "s", rd.median,
               "<= 0.75x", w.median <= 0.75 * rd.median, warm=w.as_dict(), spread=statistics.pstdev(warm)),
        figure("bytes of our own files on an assessment page (gzip): glue, stdlib zip with the package, definition"
               " vs Pyodide's full python_stdlib.zip", ours / 1024, "KB", full_stdlib / 1024, "< full stdlib",
               ours < full_stdlib),
    ]
