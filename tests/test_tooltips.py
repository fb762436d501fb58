"""Tooltips: glossary terms at their first use on a page, focusable, never inside a link; none on heading anchors."""

from __future__ import annotations

import pytest

from obc_site.tooltips import first_use_only, quiet_permalinks

CARER = '<abbr title="A person providing care.">carer</abbr>'
CARERS = '<abbr title="A person providing care.">Carer</abbr>'
BV = '<abbr title="Best Value.">BV</abbr>'


@pytest.mark.parametrize(("html", "expected"), [
    (f"<p>A {CARER} and a {CARERS}.</p>",
     '<p>A <abbr title="A person providing care." tabindex="0">carer</abbr> and a Carer.</p>'),
    (f"<p>{BV}, {CARER}, {BV}</p>",
     '<p><abbr title="Best Value." tabindex="0">BV</abbr>, '
     '<abbr title="A person providing care." tabindex="0">carer</abbr>, BV</p>'),
    # Inside a link: plain text, and the next use outside it gets the tooltip.
    (f'<p><a href="x/">{CARER}</a> then {CARER}</p>',
     '<p><a href="x/">carer</a> then <abbr title="A person providing care." tabindex="0">carer</abbr></p>'),
    ("<p>No terms.</p>", "<p>No terms.</p>"),
])
def test_first_use_only(html: str, expected: str) -> None:
    assert first_use_only(html) == expected


@pytest.mark.parametrize(("html", "expected"), [
    ('<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>',
     '<h2 id="a">A<a class="headerlink" href="#a" aria-label="Permanent link">&para;</a></h2>'),
    ('<a class="headerlink" href="#b" title="Dolen barhaol">&para;</a>',
     '<a class="headerlink" href="#b" aria-label="Dolen barhaol">&para;</a>'),
    # Other titled links and glossary terms keep their title (and so their tooltip).
    ('<a href="x/" title="Home">x</a> <abbr title="Best Value.">BV</abbr>',
     '<a href="x/" title="Home">x</a> <abbr title="Best Value.">BV</abbr>'),
])
def test_quiet_permalinks(html: str, expected: str) -> None:
    assert quiet_permalinks(html) == expected
