"""Nothing active in the data (issue 35): what a text of the data may make of a page once MkDocs renders it as
Markdown, checked against an allow-list before anything is built.

Checked in the text as written, with the standard library's html.parser for raw HTML and the few Markdown forms
that make an element with a URL or an attribute (links, images, reference definitions, autolinks, attribute lists),
rather than by rendering it: the loader runs wherever the data is read (the command line has only PyYAML), and
each problem must name its file and path. A sanitiser such as nh3 cleans what it is given and says nothing; here a
text outside the list stops the build with one line saying what to change.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from obc_assess.core.bands import FIGURES

# The inline elements a text may hold as raw HTML, and the attributes each may have (lang on any: the data marks
# English inside Welsh text with <span lang="en">). Nothing that loads, runs, embeds, redirects or styles.
ELEMENTS: dict[str, frozenset[str]] = {
    **{name: frozenset({"lang"}) for name in ("b", "br", "cite", "code", "em", "i", "q", "small", "span", "strong",
                                              "sub", "sup")},
    "a": frozenset({"href", "lang", "title"}),
    "abbr": frozenset({"lang", "title"}),
}
SCHEMES = ("http", "https", "mailto")  # besides a relative address (a page of this site)
_URL_ATTRIBUTES = frozenset({"href"})
# Markdown's ways to a URL: [text](url) and ![alt](url), "[label]: url" on its own line, and <scheme:...>.
_INLINE = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?((?:[^\s()<>]|\([^\s()<>]*\))*)")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# attr_list's own pattern: {: ...} or { ... } after a block or an inline element sets any attribute (onclick too).
_ATTRIBUTES = re.compile(r"\{:?[ ]*[^}\n ][^}\n]*[ ]*\}")
# band_rules' figures ({min_confidence}...) in scales.yaml's words: the build puts the numbers in their place
# (building._figures) before anything renders the text, and references.py refuses any other name there.
_FIGURES = re.compile(r"\{(?:" + "|".join(FIGURES) + r")\}")
_NAME = re.compile(r"\{\w+\}")
# A heading: Python-Markdown needs no space after the hashes; "===" or "---" under a line makes one too.
_HEADING = re.compile(r"^ {0,3}#|(?<=\S)[ \t]*\n {0,3}(?:=+|-+)[ \t]*$", re.M)
_SNIPPET = re.compile(r"-{1,3}8<-{1,3}")  # pymdownx.snippets would copy a file of the build machine into the page
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _listed() -> str:
    return ", ".join(f"<{name}>" for name in sorted(ELEMENTS))


def _url_problem(url: str, image: bool) -> str | None:
    """What is wrong with a link's or an image's address, or None. Entities and the characters browsers drop
    from an address (white space, controls) are read as a browser would, so "java&#9;script:" is caught."""
    plain = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url)).lower()
    scheme = _SCHEME.match(plain)
    if image and (scheme or plain.startswith("//")):
        return f"shows an image from {url!r}; images may come only from this site (a relative address)"
    if scheme and scheme.group(1) not in SCHEMES:
        return (f"links to {url!r}; links may go only to {', '.join(s + ':' for s in SCHEMES)} or a page of this "
                "site (a relative address)")
    return None


class _Tags(HTMLParser):
    """Collects what raw HTML in a text would put on the page that the allow-list does not have."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        allowed = ELEMENTS.get(tag)
        if allowed is None:
            self.found.append(f"contains <{tag}>, which the pages may not publish; write plain text, or use only "
                              f"{_listed()} (data/README.md, Markup)")
            return
        for name, value in attrs:
            if name not in allowed:
                self.found.append(f"gives <{tag}> the attribute {name}, which the pages may not publish; use only "
                                  f"{', '.join(sorted(allowed))} there")
            elif name in _URL_ATTRIBUTES:
                problem = _url_problem(value or "", image=False)
                if problem:
                    self.found.append(problem)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_decl(self, decl: str) -> None:
        self.found.append(f"contains <!{decl}>; write plain text")

    def unknown_decl(self, data: str) -> None:
        self.handle_decl(data)

    def handle_pi(self, data: str) -> None:
        self.found.append(f"contains <?{data}>; write plain text")


def markup_problems(text: str) -> Iterator[str]:
    """Each thing in a data text that the pages may not publish, as a message saying what to change."""
    control = _CONTROL.search(text)
    if control:
        yield f"contains a control character (U+{ord(control.group()):04X}); remove it"
    if ("#" in text or "\n" in text) and _HEADING.search(text):
        yield ("holds a heading (a line starting with #, or underlined with === or ---); a page's headings come "
               "from the data's titles, so write it as a sentence, or in **bold**")
    found = _ATTRIBUTES.search(_FIGURES.sub("", text)) if "{" in text else None
    if found and _NAME.fullmatch(found.group()):
        yield (f"holds {found.group()}, which is not one of band_rules' figures ({', '.join(FIGURES)}), the only "
               "names the build fills in; otherwise it would set an HTML attribute: name a figure, or leave the "
               "braces out")
    elif found:
        yield 'holds an attribute list ("{...}"), which would set HTML attributes; leave the braces out'
    if "8<" in text and _SNIPPET.search(text):
        yield "holds a snippet marker (--8<--), which would copy a file into the page; remove it"
    if "]" not in text and "<" not in text:  # no link, image, definition or tag: most texts, quickly
        return
    for found in _INLINE.finditer(text):
        problem = _url_problem(found.group(2), image=found.group(1) == "!")
        if problem:
            yield problem
    for found in _DEFINITION.finditer(text):
        problem = _url_problem(found.group(1), image=False)
        if problem:
            yield problem
    for found in _AUTOLINK.finditer(text):
        problem = _url_problem(found.group(1), image=False)
        if problem:
            yield problem
    if "<" in text:
        tags = _Tags()
        tags.feed(_AUTOLINK.sub("", text))
        tags.close()
        yield from dict.fromkeys(tags.found)  # each once, in order
