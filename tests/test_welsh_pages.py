"""No English on a Welsh page outside marked quotations: every built page under cy/ is read as a reader sees it.

Text inside an element with lang="en" (quotations, citations, source titles, the "English" switch) and inside
code or pre is left out. The rest is flagged when English function words make up a clear share of its words, or
when it holds an English interface or data string of three or more words (a catalogue text or a toolkit-written
data text whose Welsh differs), so an untranslated label is caught even where it is short.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from obc_assess.core.catalogue import catalogue
from obc_assess.host.loader import load_data

FUNCTION_WORDS = frozenset({"the", "and", "of", "to", "your", "with", "this", "is", "are", "for", "you", "not"})
# Inline elements continue the text around them; any other tag ends a block of text.
INLINE = frozenset({"a", "abbr", "b", "bdi", "cite", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp",
                    "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "br"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})
SKIPPED = frozenset({"code", "pre", "script", "style"})
# What a reader meets in attributes: tooltips, accessible names, hints.
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
# A word may hold an apostrophe or a hyphen: Welsh "is-faes" is one word, not the English "is".
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


@dataclass(frozen=True)
class Snippet:
    """One piece of a Welsh page's visible text that reads as English."""

    page: str
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.page}: {self.why}: {self.text[:160]}"


class _Text(HTMLParser):
    """The page's visible text in blocks, leaving out what is marked English and code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, left out)
        self.blocks: list[str] = []
        self.current: list[str] = []

    @property
    def _left_out(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = values.get("lang")
        left_out = (self._left_out or tag in SKIPPED or (lang is not None and lang.lower().startswith("en"))
                    ) and not (lang is not None and lang.lower().startswith("cy"))
        if tag not in INLINE:
            self._flush()
        elif tag == "br" or (left_out and not self._left_out):
            self.current.append(" ")
        if not left_out:
            self.blocks += [" ".join(str(values[a]).split()) for a in SHOWN_ATTRIBUTES if values.get(a)]
        if tag not in VOID:
            self.stack.append((tag, left_out))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        # Close up to the matching tag (HTML lets some end tags be left out).
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break
        if tag not in INLINE:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._left_out:
            self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def visible_blocks(page: str) -> list[str]:
    """A page's text as a reader sees it, in blocks, without what is marked English, code or scripts."""
    parser = _Text()
    parser.feed(page)
    parser.close()
    return parser.blocks


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def reads_as_english(text: str) -> bool:
    """True when English function words make up a clear share of a text of three or more words."""
    words = _words(text)
    if len(words) < 3:
        return False
    english = sum(w in FUNCTION_WORDS for w in words)
    share = english / len(words)
    return (english >= 2 and share >= 0.1) or share >= 0.25


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for entry in value.values():
            yield from _strings(entry)
    elif isinstance(value, (list, tuple)):
        for entry in value:
            yield from _strings(entry)
    elif isinstance(value, str):
        yield value


def _paired(english: Any, welsh: Any) -> Iterator[tuple[str, str]]:
    if isinstance(english, dict) and isinstance(welsh, dict):
        for key in english.keys() & welsh.keys():
            yield from _paired(english[key], welsh[key])
    elif isinstance(english, (list, tuple)) and isinstance(welsh, (list, tuple)):
        for pair in zip(english, welsh, strict=False):
            yield from _paired(*pair)
    elif isinstance(english, str) and isinstance(welsh, str):
        yield english, welsh


def _plain(text: str) -> str:
    """Markdown as it reads on the page: link targets, emphasis and line breaks gone."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(re.sub(r"[*_`]", "", text).split())


def english_strings() -> frozenset[str]:
    """The English texts a Welsh page must not show: catalogue texts and toolkit-written data texts whose Welsh
    differs (quotations and citations are the same in both languages, so they are not here), 3+ words each."""
    en, cy = catalogue("en"), catalogue("cy")
    pairs = [(en[k], cy.get(k, "")) for k in en]
    english, welsh = load_data(lang="en"), load_data(lang="cy")
    for field in ("sources", "models", "glossary", "scales", "guidance", "assessments"):
        pairs += list(_paired(getattr(english, field), getattr(welsh, field)))
    out = set()
    for text, translation in pairs:
        # A {field} of a catalogue text is filled in on the page: match the words before the first field.
        plain = _plain(re.split(r"\{[^}]*\}", text)[0])
        if text != translation and len(_words(plain)) >= 3:
            out.add(plain)
    return frozenset(out)


def _trigrams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def english_on_page(name: str, page: str, strings: frozenset[str]) -> list[Snippet]:
    """Every block of a Welsh page that reads as English or holds a known English string."""
    found = []
    blocks = visible_blocks(page)
    for block in blocks:
        if reads_as_english(block):
            found.append(Snippet(name, block, "English words"))
    shown = " ".join(blocks)
    grams = _trigrams(_words(shown))
    for text in sorted(strings):
        words = _words(text)
        if tuple(words[:3]) in grams and text in shown and not any(text in s.text for s in found):
            found.append(Snippet(name, text, "English text from the catalogue or data"))
    return found


@pytest.fixture(scope="module")
def welsh_english(built: Path) -> list[Snippet]:
    strings = english_strings()
    found = []
    for path in sorted((built / "cy").rglob("*.html")):
        found += english_on_page(path.relative_to(built).as_posix(), path.read_text(encoding="utf-8"), strings)
    return found


@pytest.mark.parametrize(("page", "blocks"), [
    # A marked quotation and code are left out; the Welsh around them is kept, in blocks.
    ('<p>Mae hyn yn <span lang="en">the quoted <b>words</b> of the source</span> yma.</p><pre>for x in y</pre>'
     '<li>Ail</li>', ["Mae hyn yn yma.", "Ail"]),
    # Attributes a reader meets are read too; lang="cy" inside an English part is Welsh again.
    ('<div lang="en"><p>Quoted</p><a lang="cy" title="Cymraeg">Hafan</a></div><input aria-label="Chwilio">',
     ["Cymraeg", "Hafan", "Chwilio"]),
    ("<script>var the = 1;</script><p>Testun<br>arall</p>", ["Testun arall"]),
])
def test_visible_blocks(page: str, blocks: list[str]) -> None:
    assert visible_blocks(page) == blocks


@pytest.mark.parametrize(("text", "english"), [
    ("Export your answers", True),
    ("Team and progress", True),
    ("Read the guidance first, then answer the questions.", True),
    ("Darllenwch y canllawiau yn gyntaf, yna atebwch y cwestiynau.", False),
    ("Allforio eich atebion", False),
    ("the", False),  # too short to say; an exact string catches short labels
    ("Dau is-faes caffael", False),  # "is-" is a Welsh prefix, not the English "is"
])
def test_reads_as_english(text: str, english: bool) -> None:
    assert reads_as_english(text) is english


def test_a_known_english_string_is_found_even_without_function_words() -> None:
    page = '<p>Hafan</p><button>Download report now</button><p lang="en">Download report now</p>'
    assert [s.text for s in english_on_page("x.html", page, frozenset({"Download report now"}))] == [
        "Download report now"]


def test_welsh_pages_are_counted(welsh_english: list[Snippet], built: Path) -> None:
    # Always runs: how much English the Welsh pages still show (printed; see the strict test below).
    pages = sorted({s.page for s in welsh_english})
    print(f"\nWelsh pages with English outside lang=\"en\": {len(pages)} of "
          f"{len(list((built / 'cy').rglob('*.html')))} pages, {len(welsh_english)} snippets")
    assert len(list((built / "cy").rglob("*.html"))) > 30


def test_no_english_on_welsh_pages_outside_marked_quotations(welsh_english: list[Snippet]) -> None:
    pages = sorted({s.page for s in welsh_english})
    shown = "\n".join(map(str, welsh_english[:200]))
    assert not welsh_english, (f"{len(welsh_english)} English snippets on {len(pages)} Welsh pages "
                               f"(outside lang=\"en\", code and pre):\n{shown}")
