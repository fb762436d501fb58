"""The toolkit with no network after a visit (issue 33), as a person uses it: the offline copy, a new version's
notice, installing, and keeping answers safe. These tests allow service workers (conftest blocks them elsewhere);
the network is cut with Playwright's offline emulation after the first visit."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import FIRST_PRINCIPLE, READY_TIMEOUT_MS, answer_first_principle, item_group, level, wait_ready
from playwright.sync_api import Browser, BrowserContext, BrowserType, Page, expect

from obc_assess.core.catalogue import text
from obc_site.build import build
from obc_site.serve import Sent, serve_gzip

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AID = "commissioning-principles"
# Unusual words typed as answers: nothing but the page's own storage and the exported file may hold them.
NOTE = "Zanzibar quokka audit 4471"
ORGANISATION = "Cyngor Quokka 4471"
# Every response body in every cache, searched for the given texts (as UTF-8) and every key's URL with them.
CACHES_HOLDING = """async (texts) => {
  const needles = texts.map((t) => new TextEncoder().encode(t));
  const holds = (bytes, needle) => {
    outer: for (let i = 0; i + needle.length <= bytes.length; i += 1) {
      for (let j = 0; j < needle.length; j += 1) if (bytes[i + j] !== needle[j]) continue outer;
      return true;
    }
    return false;
  };
  const found = [];
  let responses = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      responses += 1;
      const bytes = new Uint8Array(await (await cache.match(request)).arrayBuffer());
      texts.forEach((text, n) => {
        if (request.url.includes(encodeURIComponent(text)) || request.url.includes(text) || holds(bytes, needles[n])) {
          found.push(`${name}: ${request.url} holds ${text}`);
        }
      });
    }
  }
  return { found, responses, names: await caches.keys() };
}"""


def _cut(context: BrowserContext, page: Page) -> None:
    """Cut the network, and empty the HTTP cache first (as a day later: its ten-minute copies have gone stale), so
    that whatever the pages get from now on can only come from the offline copy."""
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    context.set_offline(True)


def _asked_while_offline(sent: Sent, start: int) -> list[str]:
    # All but the browser's own check for a new worker, which Chromium's offline emulation does not cut (offline,
    # it would fail and change nothing).
    return [path for path, worker_check in sent.asked[start:] if not worker_check]


def _kept(page: Page, words: str = "Available offline") -> None:
    """Wait for the page's quiet sign that this language's pages, files and Python are kept."""
    expect(page.get_by_role("contentinfo").get_by_role("link", name=words)).to_be_visible(timeout=READY_TIMEOUT_MS)


@pytest.fixture
def offline_context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(service_workers="allow", accept_downloads=True)
    yield context
    context.close()


@pytest.fixture(scope="module")
def counted(built_site: Path) -> Iterator[tuple[str, Sent]]:
    """The built site served again, counting what the server is asked for (gzip, as GitHub Pages serves it)."""
    sent = Sent()
    with serve_gzip(built_site, sent=sent) as address:
        yield address, sent


def test_after_one_visit_each_language_works_with_no_network(offline_context: BrowserContext,
                                                             counted: tuple[str, Sent]) -> None:
    site_url, sent = counted
    requests: list[str] = []
    offline_context.on("request", lambda request: requests.append(request.url))
    page = offline_context.new_page()
    page.goto(f"{site_url}assessments/{AID}/")
    wait_ready(page)
    _kept(page)
    # The other language, once, by the header's switch: its pages are kept too, its Python is the same copy.
    page.get_by_role("button", name="Select language").hover()
    page.get_by_role("link", name="Cymraeg", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    _kept(page, "Ar gael all-lein")

    _cut(offline_context, page)
    start = len(sent.asked)
    answered: list[str] = []  # what the service worker's copy answered, while offline
    offline_context.on("response", lambda response: answered.append(response.url) if response.from_service_worker
                       else None)
    page.goto(f"{site_url}assessments/{AID}/")
    wait_ready(page)
    answer_first_principle(page)
    page.get_by_label(re.compile("^Organisation")).fill(ORGANISATION)
    note = item_group(page, FIRST_PRINCIPLE).get_by_role("textbox").first
    note.fill(NOTE)
    results = page.get_by_role("region", name="Your results")
    expect(results).to_contain_text("%")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export answers (JSON)").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["respondent"]["organisation"] == ORGANISATION
    page.emulate_media(media="print")
    expect(results.get_by_text(ORGANISATION)).to_be_visible()
    page.emulate_media(media="screen")
    # A Welsh guidance page never opened, and a search, offline.
    page.goto(f"{site_url}cy/guidance/wirral-principles/")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("textbox", name="Chwilio").fill("hygyrchedd")
    expect(page.locator(".md-search-result")).to_contain_text("Datganiad hygyrchedd")
    assert _asked_while_offline(sent, start) == []
    assert any(url.endswith("pyodide.asm.wasm") for url in answered), "Python came from the worker's copy"

    # Privacy: every request stayed on the site, and no cache holds a word of the answers (the page's own storage
    # does, which shows the search could find them).
    outside = sorted({url for url in requests if not url.startswith((site_url, "data:", "blob:"))})
    assert outside == []
    found = page.evaluate(CACHES_HOLDING, [NOTE, ORGANISATION])
    assert found["found"] == [] and found["responses"] > 100, found
    assert NOTE in json.dumps(page.evaluate("() => ({...localStorage})"))


def _first_practice_note(page: Page) -> Any:
    return item_group(page, FIRST_PRINCIPLE).get_by_role("textbox").first


@pytest.fixture
def deployed(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """An English site served as GitHub Pages serves it, built for its address, that a test can deploy again."""
    site = tmp_path / "site"
    site.mkdir()
    with serve_gzip(site) as address:
        build(ROOT, site, ["en"], env={"SITE_URL": address})
        yield site, address


def test_a_new_deploy_is_announced_and_typed_answers_survive_it(browser: Browser, deployed: tuple[Path, str],
                                                               tmp_path: Path) -> None:
    site, address = deployed
    context = browser.new_context(service_workers="allow")
    page = context.new_page()
    page.goto(f"{address}assessments/{AID}/")
    wait_ready(page)
    _kept(page)
    page.reload()  # the worker serves the page from now on
    wait_ready(page)
    answer_first_principle(page)
    _first_practice_note(page).fill(NOTE)
    page.evaluate("window.obcStillHere = true")
    # A new version is published behind the same address: a changed text, and the assessment's version moved on.
    data = tmp_path / "data"
    shutil.copytree(ROOT / "src" / "obc_assess" / "data", data)
    definition = data / "assessments" / f"{AID}.yaml"
    yaml_text = definition.read_text(encoding="utf-8")
    version = re.search(r'^version: "([^"]+)"', yaml_text, re.M).group(1)  # type: ignore[union-attr]
    definition.write_text(yaml_text.replace('version: "', 'version: "9.', 1).replace(
        "Rate how well established", "Rate, in this new version, how well established", 1), encoding="utf-8")
    build(ROOT, site, ["en"], env={"SITE_URL": address, "OBC_DATA_DIR": str(data)})
    # The line drops and comes back (as in a meeting room): the page asks whether there is a new version.
    context.set_offline(True)
    context.set_offline(False)
    notice = page.get_by_role("status").filter(has_text="A new version of the toolkit is available")
    expect(notice).to_be_visible(timeout=READY_TIMEOUT_MS)
    # Nothing reloaded by itself: the typed answers are still on the page, as typed.
    assert page.evaluate("window.obcStillHere === true")
    expect(_first_practice_note(page)).to_have_value(NOTE)
    expect(page.get_by_text("Rate, in this new version")).to_have_count(0)
    notice.get_by_role("button", name="Reload").click()
    expect(page.get_by_text("Rate, in this new version")).to_be_visible(timeout=READY_TIMEOUT_MS)
    assert page.evaluate("window.obcStillHere === undefined")
    wait_ready(page)
    # The answers saved under the older version load, with the version notice the page already had.
    said = text("en", "core.migration-saved-for", version=version, now=f"9.{version}")
    expect(page.locator(".obc-notice")).to_contain_text(said, timeout=READY_TIMEOUT_MS)  # Python's answer
    expect(level(item_group(page, FIRST_PRINCIPLE), "Established")).to_be_checked()
    expect(_first_practice_note(page)).to_have_value(NOTE)
    expect(notice).to_be_hidden()
    context.close()


@pytest.fixture
def profile(browser_type: BrowserType, browser_type_launch_args: dict[str, Any],
            tmp_path: Path) -> Iterator[BrowserContext]:
    """A browser with a profile of its own, as a person's: Chromium offers no install in a private window, which
    is what Playwright's other contexts are."""
    context = browser_type.launch_persistent_context(tmp_path / "profile", **browser_type_launch_args)
    yield context
    context.close()


@pytest.mark.parametrize(("path", "name", "lang"), [
    ("", "Outcome-based commissioning toolkit", "en"),
    ("cy/", "Pecyn cymorth comisiynu ar sail canlyniadau", "cy")])
def test_each_language_installs_as_its_own_app(profile: BrowserContext, site_url: str, path: str, name: str,
                                               lang: str) -> None:
    offline_context = profile
    page = offline_context.new_page()
    page.goto(f"{site_url}{path}")
    _kept(page, "Available offline" if lang == "en" else "Ar gael all-lein")
    cdp = offline_context.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == f"{site_url}{path}manifest.webmanifest"
    assert manifest["errors"] == []
    parsed = json.loads(manifest["data"])
    assert (parsed["name"], parsed["lang"]) == (name, lang)
    # Installed, it opens in its own language's site, offline too (the worker keeps start_url).
    _cut(offline_context, page)
    started = offline_context.new_page()
    started.goto(f"{site_url}{path}")
    expect(started.locator("html")).to_have_attribute("lang", lang)


def test_the_browser_is_asked_to_keep_answers_and_the_page_says_what_it_granted(offline_context: BrowserContext,
                                                                                site_url: str) -> None:
    page = offline_context.new_page()
    page.goto(f"{site_url}assessments/{AID}/")
    wait_ready(page)
    said = page.locator("[data-obc-persisted]:visible")
    expect(said).to_have_count(0)
    answer_first_principle(page)
    expect(said).to_have_count(1)
    granted = page.evaluate("navigator.storage.persisted()")
    expect(said).to_contain_text("Your browser has agreed" if granted else "Your browser has not promised")


def test_a_copy_is_offered_after_a_session_of_changes_and_downloads_the_answers(
        offline_context: BrowserContext, site_url: str, site_definitions: dict[str, Any]) -> None:
    page = offline_context.new_page()
    page.goto(f"{site_url}assessments/{AID}/")
    wait_ready(page)
    reminder = page.get_by_role("region", name="Keep a copy of your answers")
    items = [item for section in site_definitions[AID]["sections"] for item in section["items"]]
    for n, item in enumerate(items[:10]):
        expect(reminder).to_be_hidden()
        level(item_group(page, item["title"]), "Developing" if n % 2 else "Established").check()
    expect(reminder).to_be_visible()
    with page.expect_download() as download:
        reminder.get_by_role("button", name="Download a copy of your answers").click()
    assert json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["assessment"] == AID
    expect(reminder).to_be_hidden()
    # At most once a day: more changes today offer nothing more.
    for item in items[10:14]:
        level(item_group(page, item["title"]), "Established").check()
    page.reload()
    wait_ready(page)
    expect(reminder).to_be_hidden()



# Python's snapshot (python-snapshot.mjs) for the page's own runtime and package, as Cache Storage holds it: waited
# for in the page (kept in the background after a fresh start) until it is one of more than a megabyte and the only
# one; with damage=True its build id is altered first, as a snapshot of another Pyodide build would be.
SNAPSHOT = """async (damage) => {
  const $script = document.querySelector("script[data-obc-runtime]");
  const { snapshotCache, snapshotKey } = await import(new URL("python-snapshot.mjs", $script.src));
  const url = (name) => new URL($script.getAttribute(`data-obc-${name}`), document.baseURI).href;
  const runtime = url("runtime");
  const key = snapshotKey(runtime, url("package"));
  const read = async () => {
    const cache = await caches.open(snapshotCache(runtime));
    const kept = await cache.match(key);
    return { cache, bytes: kept ? new Uint8Array(await kept.arrayBuffer()) : null, keys: (await cache.keys()).length };
  };
  for (let ms = 0; ms < READY_TIMEOUT_MS; ms += 100) {
    const { cache, bytes, keys } = await read();
    if (bytes && bytes.length > 1000000 && keys === 1) {
      if (damage) {
        bytes[16] ^= 0xff;
        await cache.put(key, new Response(bytes));
      }
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}""".replace("READY_TIMEOUT_MS", str(READY_TIMEOUT_MS))
WARM = "obc: Python started from its kept snapshot"
REFUSED = "obc: Python's kept snapshot could not be used; it starts afresh"


def test_python_starts_warm_from_its_snapshot_offline_and_a_damaged_one_is_replaced(
        offline_context: BrowserContext, counted: tuple[str, Sent]) -> None:
    site_url, sent = counted
    said: list[str] = []
    offline_context.on("console", lambda message: said.append(message.text))
    page = offline_context.new_page()
    page.goto(f"{site_url}assessments/{AID}/")
    wait_ready(page)
    _kept(page)
    assert WARM not in said, "the first start is a fresh one"
    assert page.evaluate(SNAPSHOT, False), "the snapshot was kept"

    # The next visit, offline: Python comes ready from the snapshot, and scores.
    _cut(offline_context, page)
    start = len(sent.asked)
    page.reload()
    wait_ready(page)
    assert WARM in said
    answer_first_principle(page)
    expect(page.get_by_role("region", name="Your results")).to_contain_text("%")

    # A snapshot of another Pyodide build is refused: Python starts afresh, still offline, and a good snapshot
    # takes its place.
    assert page.evaluate(SNAPSHOT, True)
    said.clear()
    page.reload()
    wait_ready(page)
    assert [text for text in said if text.startswith(REFUSED)] and WARM not in said
    expect(page.get_by_role("region", name="Your results")).to_contain_text("%")
    assert page.evaluate(SNAPSHOT, False)
    said.clear()
    page.reload()
    wait_ready(page)
    assert WARM in said
    assert _asked_while_offline(sent, start) == []
