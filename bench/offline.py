"""Offline (issue 33): Python ready on a warm offline repeat visit, against a bare cold loadPyodide() page, and the
bytes a first visit costs with the service worker against the same visit without it (as before the worker).

Each run: a bare page cold; the assessment page in a context whose service workers are blocked (the site as it
was); the page again in a fresh context with the worker: the first visit's bytes are those until the worker serves
the page (it has kept the runtime, the package, the site's scripts and this page: the page works offline), and,
apart, until the page says "Available offline" (the other pages and data files, which the worker keeps once the
page is idle); then the HTTP cache is emptied, the network cut (context.set_offline) and the page opened
again. Bytes are counted
where they leave: at the server, gzip-served as GitHub Pages serves them, so the worker's own fetches count too, and
a file the worker took from the HTTP cache does not. While the network is cut the server must be asked for nothing
but the browser's own check for a new worker (Chromium's offline emulation does not cover that check; offline it
fails and changes nothing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, sync_playwright

from bench.browser import ARGS, CHROMIUM, PROBE, _prepare
from bench.timing import RUNS, figure, stats
from obc_site.serve import Sent, serve_gzip

WAIT_MS = 180_000
# The page's own quiet sign that the worker has kept every file (offline-view.mjs).
KEPT = "document.querySelector('[data-module=obc-offline-status]:not([hidden])') !== null"
# The worker serves the page: its first version is installed (what this page needs is kept) and has taken over.
SERVED = "navigator.serviceWorker.controller !== null"


def _visit(context: BrowserContext, url: str, until: str) -> float:
    """Open url in a new page of context, wait for until (a script), and return Python's ready mark (s)."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("window.__ready !== undefined", timeout=WAIT_MS)
    page.wait_for_function(until, timeout=WAIT_MS)
    ready = float(page.evaluate("window.__ready")) / 1000
    page.close()
    return ready


def _first_visit(context: BrowserContext, url: str, sent: Sent) -> tuple[int, int]:
    """The bytes sent for a first visit with the worker: until it serves the page, and until every file is kept.
    The first figure is read as soon as the page is served (the rest starts only once the page is idle after that,
    so a late reading can only add to it)."""
    page = context.new_page()
    start = sent.bytes
    page.goto(url)
    page.wait_for_function("window.__ready !== undefined", timeout=WAIT_MS)
    page.wait_for_function(SERVED, timeout=WAIT_MS)
    served = sent.bytes - start
    page.wait_for_function(KEPT, timeout=WAIT_MS)
    whole = sent.bytes - start
    page.close()
    return served, whole


def _context(browser: Any, workers: bool) -> BrowserContext:
    # Playwright polls with eval, which the site's CSP forbids; "block" is the site as it was, with no worker.
    context: BrowserContext = browser.new_context(bypass_csp=True, service_workers="allow" if workers else "block")
    context.add_init_script(PROBE)
    return context


def run(site: Path, work: Path, page: str, port: int) -> list[dict[str, Any]]:
    site = _prepare(site, work)
    sent = Sent()
    bare: list[float] = []
    warm: list[float] = []
    before: list[float] = []  # bytes
    after: list[float] = []
    everything: list[float] = []
    asked_offline: list[str] = []
    with serve_gzip(site, port, sent=sent) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for _ in range(RUNS):
            bare_context = _context(browser, workers=False)
            bare.append(_visit(bare_context, f"{base}bare/", "true"))
            bare_context.close()
            old = _context(browser, workers=False)
            start = sent.bytes
            _visit(old, f"{base}{page}", "true")
            before.append(sent.bytes - start)
            old.close()
            new = _context(browser, workers=True)
            served, whole = _first_visit(new, f"{base}{page}", sent)
            after.append(served)
            everything.append(whole)
            # The next day: the HTTP cache's ten-minute copies are stale, so only the worker's copy serves.
            blank = new.new_page()
            new.new_cdp_session(blank).send("Network.clearBrowserCache")
            blank.close()
            new.set_offline(True)
            start = len(sent.asked)
            warm.append(_visit(new, f"{base}{page}", "true"))
            asked_offline += [path for path, check in sent.asked[start:] if not check]
            new.close()
        browser.close()
    b, w, old_bytes, new_bytes, all_bytes = stats(bare), stats(warm), stats(before), stats(after), stats(everything)
    return [
        figure("Python ready on a warm offline repeat visit vs a bare cold loadPyodide() page", w.median, "s",
               b.median, "<= 0.25x, nothing fetched", w.median <= 0.25 * b.median and not asked_offline,
               warm=w.as_dict(), bare=b.as_dict(), fetched_while_offline=asked_offline,
               ratio_min=w.min / b.median, ratio_max=w.max / b.median),
        figure(f"first visit to {page}: bytes sent until the worker serves it, vs without a worker",
               new_bytes.median / 1024, "KB", old_bytes.median / 1024, "<= 1.10x",
               new_bytes.median <= 1.10 * old_bytes.median, without=old_bytes.as_dict(),
               with_worker=new_bytes.as_dict()),
        # No goal: every page of the language costs what it costs; it comes once the page is idle.
        figure(f"first visit to {page}: bytes sent until every page is kept, vs without a worker",
               all_bytes.median / 1024, "KB", old_bytes.median / 1024, "", None, without=old_bytes.as_dict(),
               with_worker=all_bytes.as_dict()),
    ]
