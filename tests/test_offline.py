"""The offline copy's build (issue 33): what each language's service worker keeps, and each web app manifest."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from urllib.parse import urljoin

import pytest

from obc_site.offline import WORKER, Entry, integrity, site_entries, worker_config
from obc_site.webapp import PaletteMissing, css_colour

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = {"en": "", "cy": "cy/"}


def _worker(site: Path) -> dict[str, object]:
    """The list a built service worker starts from (the constant obc_site.offline writes above its source)."""
    text = (site / WORKER).read_text(encoding="utf-8")
    match = re.match(r"const OBC_OFFLINE = (\{.*\});\n", text)
    assert match, f"{site / WORKER} does not start with its list"
    return dict(json.loads(match.group(1)))


def _local(folder: Path, url: str) -> Path:
    """The file a kept URL is served from (a page's URL is its folder)."""
    if url == "./":
        return folder / "index.html"
    return folder / url / "index.html" if url.endswith("/") else folder / url


@pytest.mark.parametrize(("path", "url", "how", "when"), [
    # Pages and data files are kept once a page is idle (the open page at install); the rest at install.
    ("index.html", "./", "page", "idle"),
    ("guidance/models/index.html", "guidance/models/", "page", "idle"),
    ("assets/obc.css", "assets/obc.css", "page", "install"),
    ("assets/modules/offline.mjs", "assets/modules/offline.mjs", "page", "install"),
    ("search/search_index.json", "search/search_index.json", "page", "idle"),
    ("sitemap.xml", "sitemap.xml", "page", "install"),
    ("manifest.webmanifest", "manifest.webmanifest", "page", "install"),
    ("assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/bundle.a5f9d56c.min.js", "fixed", "install"),
    ("assets/stylesheets/main.57a0d79d.min.css", "assets/stylesheets/main.57a0d79d.min.css", "fixed", "install"),
    ("assets/obc/commissioning-plan-f679fce3209a.json", "assets/obc/commissioning-plan-f679fce3209a.json", "fixed",
     "idle"),
    # Left out: the other language's site, source maps, lunr's other languages, the crawlers' sitemap, the 404
    # page (never asked for by its name), the worker itself, and the runtime (listed from the pages' own URLs).
    ("cy/index.html", None, None, None),
    ("assets/javascripts/bundle.a5f9d56c.min.js.map", None, None, None),
    ("assets/javascripts/lunr/min/lunr.de.min.js", None, None, None),
    ("sitemap.xml.gz", None, None, None),
    ("404.html", None, None, None),
    (WORKER, None, None, None),
    ("assets/pyodide/314.0.7/pyodide.asm.wasm", None, None, None),
    ("assets/obc/python_stdlib-38e1c64b6c99.zip", None, None, None),
])
def test_what_the_worker_keeps_of_a_site(tmp_path: Path, path: str, url: str | None, how: str | None,
                                         when: str | None) -> None:
    (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / path).write_bytes(path.encode())
    expected = [Entry(url, integrity(path.encode()), how, when)] if url else []  # type: ignore[arg-type]
    assert site_entries(tmp_path, ["cy/"]) == expected


def test_integrity_is_the_subresource_integrity_value() -> None:
    # The SHA-256 of "abc", base64: the value `openssl dgst -sha256 -binary | base64` gives.
    assert integrity(b"abc") == "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="


def test_a_new_deploy_changes_the_entries_of_the_files_that_changed_and_nothing_else(tmp_path: Path) -> None:
    for name in ("index.html", "guidance/a/index.html", "guidance/b/index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    before = site_entries(tmp_path)
    (tmp_path / "guidance/b/index.html").write_text("changed", encoding="utf-8")
    after = site_entries(tmp_path)
    assert [e.url for e, f in zip(before, after, strict=True) if e != f] == ["guidance/b/"]
    assert worker_config(before, "./")["version"] != worker_config(after, "./")["version"]


@pytest.mark.parametrize(("sheets", "selector", "variable", "colour"), [
    # Material's own minified rules (a selector list, rules inside @media), then the site's, which wins.
    ([":root,[data-md-color-scheme=default]{--md-default-bg-color:#fff;--x:1}"],
     "data-md-color-scheme=default", "--md-default-bg-color", "#fff"),
    (["@media screen{[data-md-color-primary=teal]{--md-primary-fg-color:#009485}}",
      '[data-md-color-primary="teal"] { --md-primary-fg-color: #00695C; --md-primary-fg-color--dark: #004d40; }'],
     "data-md-color-primary=teal", "--md-primary-fg-color", "#00695c"),
    (["[data-md-color-primary=teal]{--md-primary-fg-color--dark:#007a6c;--md-primary-fg-color:#009485}"],
     "data-md-color-primary=teal", "--md-primary-fg-color", "#009485"),
])
def test_the_palette_colour_is_the_one_the_cascade_keeps(sheets: list[str], selector: str, variable: str,
                                                          colour: str) -> None:
    assert css_colour(sheets, selector, variable) == colour


def test_a_palette_colour_no_stylesheet_gives_stops_the_build() -> None:
    message = r"no stylesheet gives --md-primary-fg-color for \[data-md-color-primary=teal\]"
    with pytest.raises(PaletteMissing, match=message):
        css_colour(["[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}"],
                   "data-md-color-primary=teal", "--md-primary-fg-color")


@pytest.mark.parametrize(("lang", "folder"), LANGUAGES.items())
def test_each_language_keeps_every_page_and_file_of_its_own_as_served(built: Path, lang: str, folder: str) -> None:
    site = built / folder
    listed = {url: (check, how) for url, check, how, _ in _worker(site)["files"]}  # type: ignore[attr-defined]
    pages = {("./" if p.parent == site else f"{p.parent.relative_to(site).as_posix()}/")
             for p in site.rglob("index.html") if not (lang == "en" and p.is_relative_to(built / "cy"))}
    assert len(pages) > 40
    assert pages <= set(listed), f"pages not kept: {sorted(pages - set(listed))}"
    assert not [url for url in listed if url.startswith("cy/")], "the English worker keeps no Welsh page"
    definitions = {f"assets/obc/{p.name}" for p in (site / "assets" / "obc").glob("*.json")}
    assert definitions and definitions <= set(listed)
    assert {"search/search_index.json", "manifest.webmanifest"} <= set(listed)
    wrong = [url for url, (check, _) in listed.items()
             if _local(site, url).is_file() and integrity(_local(site, url).read_bytes()) != check]
    missing = [url for url, (_, how) in listed.items() if not _local(site, url).is_file()]
    assert (wrong, missing) == ([], [])


def test_both_languages_keep_one_runtime_the_english_site_serves(built: Path) -> None:
    english, welsh = _worker(built), _worker(built / "cy")
    runtime = {url: (check, how) for url, check, how, _ in english["files"] if how in ("runtime", "later")}  # type: ignore[attr-defined]
    assert {how for _, how in runtime.values()} == {"runtime", "later"}
    assert any(url.endswith("pyodide.asm.wasm") for url in runtime)
    assert any(url.startswith("assets/obc/python_stdlib-") for url in runtime)
    welsh_runtime = {url: (check, how) for url, check, how, _ in welsh["files"] if how in ("runtime", "later")}  # type: ignore[attr-defined]
    assert welsh_runtime == {f"../{url}": entry for url, entry in runtime.items()}
    # One cache for both: each names it from the English site's root.
    assert (english["root"], welsh["root"]) == ("./", "../")


@pytest.mark.parametrize(("lang", "folder"), LANGUAGES.items())
def test_each_language_has_its_own_installable_manifest(built: Path, lang: str, folder: str) -> None:
    site = built / folder
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert (manifest["lang"], manifest["start_url"], manifest["scope"], manifest["display"]) == (
        lang, "./", "./", "standalone")
    page = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>{manifest['name']}</title>" in page
    assert 0 < len(manifest["short_name"]) <= 15
    css = (ROOT / "docs" / "assets" / "obc.css").read_text(encoding="utf-8")
    assert manifest["theme_color"] == css_colour([css], "data-md-color-primary=teal", "--md-primary-fg-color")
    sizes = set()
    for icon in manifest["icons"]:
        data = (site / icon["src"]).read_bytes()
        if icon["type"] == "image/png":
            width, height = struct.unpack(">II", data[16:24])  # the PNG's IHDR chunk
            assert icon["sizes"] == f"{width}x{height}", icon
            sizes.add((width, icon["purpose"]))
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= sizes


def test_every_page_links_its_own_language_manifest(built: Path) -> None:
    # Not the 404 pages: built with no site_url, as here, MkDocs links them from "/" (every asset, Material's too);
    # test_subpath checks them built for a real address.
    wrong = []
    for page in (p for p in built.rglob("*.html") if p.name != "404.html"):
        rel = page.relative_to(built).as_posix()
        href = re.search(r'<link rel="manifest" href="([^"]+)">', page.read_text(encoding="utf-8"))
        expected = "cy/manifest.webmanifest" if rel.startswith("cy/") else "manifest.webmanifest"
        if not href or urljoin(f"https://x.test/{rel}", href.group(1)) != f"https://x.test/{expected}":
            wrong.append(rel)
    assert not wrong, wrong
