"""Dropping the indentation between tags: exactly where it is safe, and on every built page of both languages."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from obc_site.whitespace import collapse

KEPT = ("<pre>a\n    b\n\n c</pre>", "<textarea name=\"n\">line 1\n\n  line 2</textarea>",
        "<code>x =\n    1</code>", "<kbd>Ctrl\n  C</kbd>", "<script>if (a)\n  b()</script>",
        "<style>\n  p { margin: 0 }\n</style>", "<PRE class=\"x\">\n  a\n</PRE>")


@pytest.mark.parametrize(("html", "want"), [
    ("<ul>\n    <li>a</li>\n\n\n    <li>b</li>\n</ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
    ("<p>one\n      two</p>", "<p>one\ntwo</p>"),  # a line break inside text stays one space
    ("<p>one  two</p>\t\t<p>x</p>", "<p>one  two</p>\t\t<p>x</p>"),  # runs without a line break are left alone
    ("<p>a</p>  \r\n  \t\n<p>b</p>", "<p>a</p>\n<p>b</p>"),
    ('<abbr title="a\n      b">t</abbr>', '<abbr title="a\nb">t</abbr>'),
    # Kept as written: shown as written, printed pre-wrap, or hashed by the Content-Security-Policy.
    *((f"<div>\n  {kept}\n  </div>", f"<div>\n{kept}\n</div>") for kept in KEPT),
    ("<prefix>\n  a</prefix>", "<prefix>\na</prefix>"),  # only the kept elements themselves
    ("<p>\n  <code>a\n  b</code>\n  <code>c\n  d</code>\n</p>", "<p>\n<code>a\n  b</code>\n<code>c\n  d</code>\n</p>"),
])
def test_collapse(html: str, want: str) -> None:
    assert collapse(html) == want


def _text(html: str) -> str:
    """What a reader gets: the text outside tags, white space as it renders outside the kept elements."""
    return " ".join(re.sub(r"<[^>]*>", " ", html).split())


@given(st.lists(st.sampled_from(["<p>", "</p>", "<li>", "word", "two words", " ", "\n", "\n    ", "\t", "\r\n",
                                 *KEPT]), max_size=40).map("".join))
def test_only_white_space_changes_and_kept_elements_are_untouched(html: str) -> None:
    out = collapse(html)
    assert collapse(out) == out
    assert _text(out) == _text(html)
    for kept in KEPT:
        assert out.count(kept) == html.count(kept)
    assert not re.search(r"\n[ \t\r\n]", re.sub("|".join(map(re.escape, KEPT)), "<kept>", out))


def test_every_built_page_is_collapsed_and_the_commissioning_cycle_page_fits_the_first_round_trip(built: Path) -> None:
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 100  # both languages
    loose = [str(p.relative_to(built)) for p in pages if collapse(text := p.read_text(encoding="utf-8")) != text]
    assert loose == []
    # The commissioning cycle, 14.8 KB gzip as Material indents it, now arrives in TCP's first ten segments.
    page = (built / "guidance" / "framework-commissioning-cycle" / "index.html").read_bytes()
    assert len(gzip.compress(page, compresslevel=6)) < 14_600 - 400  # room for the response's headers
