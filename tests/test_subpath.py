"""The site works under a project subpath (GitHub Pages serves it at /<repo>/): every link, asset and #anchor of
both languages resolves, the hreflang links included (tests/test_site.py checks that they name the same page)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pytest

# Attributes that name something the page loads or links to.
URL_ATTRS = {"href", "src", "data-obc-definition", "data-obc-runtime", "data-obc-package"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, url)
        self.ids: set[str] = set()
        self.alternates: dict[str, str] = {}  # hreflang -> href of <link rel="alternate">

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        if tag == "link" and values.get("rel") == "alternate" and "hreflang" in values:
            self.alternates[values["hreflang"]] = values.get("href", "")
        for name, value in attrs:
            if name in URL_ATTRS and value:
                self.urls.append((tag, name, value))


class Site:
    """A built site read as served from ``base``: each page's links, ids and hreflang alternates."""

    def __init__(self, folder: Path, base: str) -> None:
        self.folder, self.base = folder, base
        self.pages: dict[str, _Links] = {}
        for page in sorted(folder.rglob("*.html")):
            parser = _Links()
            parser.feed(page.read_text(encoding="utf-8"))
            self.pages[page.relative_to(folder).as_posix()] = parser

    def url(self, rel: str) -> str:
        """A page's address (a folder's index.html by its folder)."""
        return urljoin(self.base, rel.removesuffix("index.html"))

    def file(self, url: str) -> str | None:
        """The built file an address on this site serves, relative to the site's folder; None when it serves none."""
        path = unquote(urlparse(url).path)[len(urlparse(self.base).path):]
        if path == "" or path.endswith("/"):
            path += "index.html"
        return path if (self.folder / path).is_file() else None

    def problem(self, page: str, raw: str) -> str | None:
        """What is wrong with a link from ``page`` (None when it resolves): a file missing, an anchor not on its
        target, or an address that climbs out of the site on its own host (a project site has only its /REPO/)."""
        url = urljoin(self.url(page), raw)
        if urlparse(url).scheme not in ("http", "https") or urlparse(url).netloc != urlparse(self.base).netloc:
            return None
        where, fragment = urldefrag(url)
        if not where.startswith(self.base):
            return "climbs above the site's root"
        target = self.file(where)
        if target is None:
            return "no such file"
        fragment = unquote(fragment)
        if fragment and target.endswith(".html") and fragment not in self.pages[target].ids:
            return f"no id {fragment!r} on {target}"
        return None


@pytest.fixture(scope="module")
def subpath_site(built: Path) -> Path:
    """The session's one build of the site (conftest.py), built for the project's subpath."""
    return built


@pytest.fixture(scope="module")
def site(subpath_site: Path, built_url: str) -> Site:
    assert urlparse(built_url).path.strip("/"), "the shared build is not for a subpath"
    return Site(subpath_site, built_url)


def test_every_link_asset_and_anchor_resolves_under_the_subpath(site: Site) -> None:
    assert len(site.pages) > 30
    broken: list[str] = []
    loaded_offsite: list[str] = []
    for rel, parser in site.pages.items():
        for tag, attribute, raw in parser.urls:
            if attribute == "data-obc-runtime":
                # The Pyodide runtime folder: the worker loads pyodide.mjs from it.
                raw += "pyodide.mjs"
            if not urljoin(site.url(rel), raw).startswith(site.base) and tag in ("script", "img", "link") \
                    and not raw.startswith(("mailto:", "#")):
                loaded_offsite.append(f"{rel}: <{tag}> {raw}")  # links out are fine; loading from elsewhere is not
            problem = site.problem(rel, raw)
            if problem:
                broken.append(f"{rel}: {raw}: {problem}")
    assert broken == []
    assert loaded_offsite == []


def test_no_web_fonts_or_cdns(subpath_site: Path) -> None:
    for page in subpath_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"fonts\.(googleapis|gstatic)\.com|cdn\.jsdelivr|unpkg\.com", text), page


@pytest.mark.parametrize("folder", ["", "cy/"])
def test_the_offline_copy_keeps_files_under_the_subpath(site: Site, subpath_site: Path, folder: str) -> None:
    # Each language's service worker names its files from its own folder (issue 33): under /<repo>/ (and the Welsh
    # site's runtime under /<repo>/, the English site's), every one is a file the site serves.
    text = (subpath_site / folder / "service-worker.js").read_text(encoding="utf-8")
    files = json.loads(re.match(r"const OBC_OFFLINE = (\{.*\});\n", text).group(1))["files"]  # type: ignore[union-attr]
    worker = urljoin(site.base, f"{folder}service-worker.js")
    missing = [url for url, *_ in files if site.file(urljoin(worker, url)) is None]
    assert len(files) > 60 and missing == []
