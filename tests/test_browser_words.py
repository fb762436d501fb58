"""The browser modules' words: each page that runs them carries its language's browser.json as a JSON block
(words.mjs reads it), in both languages; the keys and {fields} of the two match (tests/js checks the modules')."""

from __future__ import annotations

import json
import re
import string
from typing import Any

import pytest

from obc_assess.core import catalogue
from obc_assess.core.languages import LANGUAGES
from obc_assess.host.building import build_all
from obc_assess.host.loader import load_data
from obc_site.pages import AssetUrls, generated_pages

BLOCK = re.compile(r'<template id="obc-words">(.*?)</template>', re.S)


@pytest.fixture(scope="module", params=LANGUAGES)
def pages(request: pytest.FixtureRequest) -> tuple[str, dict[str, str]]:
    data = load_data(lang=request.param)
    urls = AssetUrls("rt/", "p.zip", {aid: f"{aid}.json" for aid in data.assessments})
    return request.param, generated_pages(data, urls, build_all(data))


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name)


def test_every_assessment_and_team_page_carries_its_languages_words(pages: tuple[str, dict[str, str]]) -> None:
    lang, out = pages
    carrying = {path for path, text in out.items() if BLOCK.search(text)}
    wanted = {path for path in out if re.fullmatch(r"assessments/(team/)?[a-z-]+\.md", path)} - {"assessments/index.md"}
    assert carrying == wanted
    for path in sorted(wanted):
        (block,) = BLOCK.findall(out[path])
        # The JSON sits in a <template>, parsed as HTML: tojson writes "<" and "&" as \u003c and \u0026.
        assert "<" not in block and "&" not in block
        assert json.loads(block) == catalogue.part(lang, "browser"), path


def test_the_browser_words_match_across_languages() -> None:
    words: dict[str, dict[str, Any]] = {lang: catalogue.part(lang, "browser") for lang in LANGUAGES}
    english = words["en"]
    assert len(english) > 100
    for lang in LANGUAGES:
        assert sorted(words[lang]) == sorted(english), lang
        for key, text in words[lang].items():
            assert _fields(text) == _fields(english[key]), f"messages/{lang}/browser.json: {key}"
            assert text.strip() and not text.startswith("CY-TODO"), f"messages/{lang}/browser.json: {key}"
