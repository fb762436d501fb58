"""The two-language site's plain functions: each language's address, its prose pages, links to the same page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from obc_assess.core.catalogue import catalogue
from obc_site.language import (
    MissingTranslation,
    _relative,
    language_site_url,
    page_alternates,
    shared_root,
    translated_source,
)

ALTERNATES_EN = [{"name": "English", "link": "./", "lang": "en"}, {"name": "Cymraeg", "link": "cy/", "lang": "cy"}]
ALTERNATES_CY = [{"name": "English", "link": "../", "lang": "en"}, {"name": "Cymraeg", "link": "./", "lang": "cy"}]


@pytest.mark.parametrize(("site_url", "lang", "expected"), [
    ("https://example.github.io/obc/", "en", "https://example.github.io/obc/"),
    ("https://example.github.io/obc/", "cy", "https://example.github.io/obc/cy/"),
    ("https://example.github.io/obc", "cy", "https://example.github.io/obc/cy/"),
    ("", "cy", ""),
    (None, "cy", None),
])
def test_language_site_url(site_url: str | None, lang: str, expected: str | None) -> None:
    assert language_site_url(site_url, lang) == expected


@pytest.mark.parametrize(("target", "page", "link"), [
    ("cy/guidance/x/", "guidance/x/", "../../cy/guidance/x/"),
    ("../guidance/x/", "guidance/x/", "../../../guidance/x/"),
    ("./guidance/x/", "guidance/x/", "./"),
    ("./", "", "./"),
    ("../", "", "../"),
    ("cy/", "", "cy/"),
    ("../a/b.html", "a/b.html", "../../a/b.html"),
])
def test_relative_links_may_climb_above_the_site_root(target: str, page: str, link: str) -> None:
    assert _relative(target, page) == link


def test_page_alternates_from_a_welsh_page() -> None:
    assert page_alternates(ALTERNATES_CY, "guidance/x/") == [
        {"name": "English", "lang": "en", "link": "../../../guidance/x/"},
        {"name": "Cymraeg", "lang": "cy", "link": "./"},
        {"name": "English", "lang": "x-default", "link": "../../../guidance/x/"}]


def test_page_alternates_from_the_english_home_page() -> None:
    assert [(a["lang"], a["link"]) for a in page_alternates(ALTERNATES_EN, "")] == [
        ("en", "./"), ("cy", "cy/"), ("x-default", "./")]


def test_a_missing_welsh_prose_page_is_named(tmp_path: Path) -> None:
    (tmp_path / "cy").mkdir()
    (tmp_path / "cy" / "index.md").write_text("# Hafan", encoding="utf-8")
    assert translated_source(tmp_path, "index.md", "en") is None
    assert translated_source(tmp_path, "index.md", "cy") == tmp_path / "cy" / "index.md"
    with pytest.raises(MissingTranslation, match=r"^privacy.md: no cy version; write docs/cy/privacy.md$"):
        translated_source(tmp_path, "privacy.md", "cy")


def test_every_english_prose_page_has_a_welsh_version() -> None:
    docs = Path(__file__).resolve().parent.parent / "docs"
    assert sorted(p.name for p in docs.glob("*.md")) == sorted(p.name for p in (docs / "cy").glob("*.md"))


def test_shared_root_is_the_english_site_beside_the_welsh_one(tmp_path: Path) -> None:
    assert shared_root(tmp_path / "cy", ALTERNATES_CY) == ("../", tmp_path)
    assert shared_root(tmp_path, ALTERNATES_EN) is None


SHELL_KEYS = ("site.not_found", "site.permalink_title")


def test_the_shells_words_are_in_both_catalogues_with_the_same_fields() -> None:
    english, welsh = catalogue("en"), catalogue("cy")
    keys = sorted(k for k in english if k.startswith("site.nav_")) + list(SHELL_KEYS)
    assert len(keys) > len(SHELL_KEYS)
    for key in keys:
        assert key in welsh, key
        assert re.findall(r"\{(\w+)\}", english[key]) == re.findall(r"\{(\w+)\}", welsh[key]), key
        assert english[key] != welsh[key], key
