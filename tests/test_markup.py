"""Nothing active in the data (issue 35, failure 7): what a data text may put on a page, by the allow-list in
host/markup.py; the build stops at anything else (tests/broken_data/61-74 give the lines it prints)."""

from __future__ import annotations

import pytest

from obc_assess.host.markup import markup_problems

ALLOWED = [
    "Plain text, with **bold**, _emphasis_, `code` and a list:\n\n- one\n- two",
    'Welsh text with an English name: <span lang="en">Institute of Public Care</span>.',
    "[A source](https://example.org/report.pdf), [a page](../guidance/tool20-intro.md#scope) and "
    "[mail](mailto:someone@example.org)",
    "<https://example.org/>, a bare address http://example.org and [a link](https://example.org/a_(b))",
    "1 < 2 and 3 > 2; a table cell | like this |",
    '<abbr title="Outcome-based commissioning">OBC</abbr>, <a href="https://example.org">a link</a>, H<sub>2</sub>O',
    "A paragraph.\n\n---\n\nA rule between paragraphs is not a heading.",
    "Line one\twith a tab\r\nline two",
    "![A chart](../assets/chart.png)",
]


@pytest.mark.parametrize("text", ALLOWED)
def test_allowed(text: str) -> None:
    assert list(markup_problems(text)) == []


SCHEMES = "links may go only to http:, https:, mailto: or a page of this site (a relative address)"
REFUSED = [
    ('<meta http-equiv="refresh" content="0; url=https://example.org/">', "contains <meta>"),
    ('<iframe src="https://example.org/"></iframe>', "contains <iframe>"),
    ("<img src=x onerror=alert(1)>", "contains <img>"),
    ("<svg onload=alert(1)>", "contains <svg>"),
    ("<script>alert(1)</script>", "contains <script>"),
    ("<SCRIPT>alert(1)</SCRIPT>", "contains <script>"),
    ('<link rel="stylesheet" href="https://example.org/x.css">', "contains <link>"),
    ("<object data=x></object>", "contains <object>"),
    ("<form action=https://example.org><button>Go</button></form>", "contains <form>"),
    ('<span onclick="alert(1)">x</span>', "gives <span> the attribute onclick"),
    ('<span style="display:none">x</span>', "gives <span> the attribute style"),
    ('<a href="javascript:alert(1)">x</a>', f"links to 'javascript:alert(1)'; {SCHEMES}"),
    ("[x](javascript:alert(1))", f"links to 'javascript:alert(1)'; {SCHEMES}"),
    ("[x](JAVASCRIPT:alert(1))", f"links to 'JAVASCRIPT:alert(1)'; {SCHEMES}"),
    ("[x](&#106;avascript:alert(1))", f"links to '&#106;avascript:alert(1)'; {SCHEMES}"),
    ("[x](java&#9;script:alert(1))", f"links to 'java&#9;script:alert(1)'; {SCHEMES}"),
    ("[x](data:text/html,hi)", f"links to 'data:text/html,hi'; {SCHEMES}"),
    ("[x][y]\n\n[y]: vbscript:msgbox(1)", f"links to 'vbscript:msgbox(1)'; {SCHEMES}"),
    ("<vbscript:msgbox(1)>", f"links to 'vbscript:msgbox(1)'; {SCHEMES}"),
    ("![x](https://example.org/track.png)", "shows an image from 'https://example.org/track.png'"),
    ("![x](//example.org/track.png)", "shows an image from '//example.org/track.png'"),
    ("# A second title", "holds a heading"),
    ("Text\n\n## A section", "holds a heading"),
    ("#1 priority", "holds a heading"),
    ("A title\n=======", "holds a heading"),
    ("A title\n---", "holds a heading"),
    ('Click.\n{: onclick="alert(1)" }', "holds an attribute list"),
    ('--8<-- "mkdocs.yml"', "holds a snippet marker"),
    ("red \x1b[31m", "contains a control character (U+001B)"),
    ("bidi \u202e", "contains a control character (U+202E)"),
    ("<!DOCTYPE html>", "contains <!DOCTYPE html>"),
]


@pytest.mark.parametrize(("text", "start"), REFUSED)
def test_refused(text: str, start: str) -> None:
    found = list(markup_problems(text))
    assert found and found[0].startswith(start), found
