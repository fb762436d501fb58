"""The site works under a project subpath (GitHub Pages serves it at /<repo>/): every link and asset resolves."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from obc_site.build import build

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://example.github.io/obc-toolkit/"
# Attributes that name something the page loads or links to.
URL_ATTRS = {"href", "src", "data-obc-definition", "data-obc-runtime", "data-obc-package"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in URL_ATTRS and value:
                self.urls.append((tag, name, value))


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("subpath")
    build(ROOT, site, env={"SITE_URL": BASE})
    return site


def _file_for(site: Path, url: str) -> Path | None:
    path = urlparse(url).path
    if not path.startswith(urlparse(BASE).path):
        return None
    local = site / unquote(path[len(urlparse(BASE).path):])
    return local / "index.html" if path.endswith("/") else local


def test_every_link_and_asset_resolves_under_the_subpath(subpath_site: Path) -> None:
    pages = sorted(subpath_site.rglob("*.html"))
    assert len(pages) > 30
    broken: list[str] = []
    loaded_offsite: list[str] = []
    for page in pages:
        rel = page.relative_to(subpath_site).as_posix()
        page_url = urljoin(BASE, rel)
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, attribute, raw in parser.urls:
            if attribute == "data-obc-runtime":
                # The Pyodide runtime folder: the worker loads pyodide.mjs from it.
                raw += "pyodide.mjs"
            url = urljoin(page_url, raw)
            if not url.startswith(BASE):
                # Links out are fine (a reader chooses to follow them); loading from elsewhere is not.
                if tag in ("script", "img", "link") and not raw.startswith(("mailto:", "#")):
                    loaded_offsite.append(f"{rel}: <{tag}> {raw}")
                continue
            target = _file_for(subpath_site, url)
            if target is None or not target.exists():
                broken.append(f"{rel}: {raw}")
    assert broken == []
    assert loaded_offsite == []


def test_no_web_fonts_or_cdns(subpath_site: Path) -> None:
    for page in subpath_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"fonts\.(googleapis|gstatic)\.com|cdn\.jsdelivr|unpkg\.com", text), page


@pytest.mark.parametrize("folder", ["", "cy/"])
def test_the_offline_copy_keeps_files_under_the_subpath(subpath_site: Path, folder: str) -> None:
    # Each language's service worker names its files from its own folder (issue 33): under /<repo>/ (and the Welsh
    # site's runtime under /<repo>/, the English site's), every one is a file the site serves.
    text = (subpath_site / folder / "service-worker.js").read_text(encoding="utf-8")
    files = json.loads(re.match(r"const OBC_OFFLINE = (\{.*\});\n", text).group(1))["files"]  # type: ignore[union-attr]
    worker = urljoin(BASE, f"{folder}service-worker.js")
    missing = [url for url, _, _ in files if not ((target := _file_for(subpath_site, urljoin(worker, url)))
                                                  and target.is_file())]
    assert len(files) > 60 and missing == []
