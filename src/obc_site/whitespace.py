"""Built pages without the indentation the templates leave between tags: more pages fit TCP's first round trip."""

from __future__ import annotations

import re

# Material's templates indent every tag, and Jinja leaves blank lines where its blocks were: a quarter of a page's
# bytes. A page of up to 14.6 KB (gzip) arrives in TCP's first round trip (ten segments), a larger one waits a
# round trip more before anything shows: on a 150 ms mobile link that is the difference between a guidance page
# painting as fast as a plain Material page and painting 170 ms later (issue 15; Lighthouse's network model).
#
# Kept exactly as written: elements shown as written (pre, textarea, and code and kbd, which Material prints
# pre-wrap) and inline code (script, style), whose Content-Security-Policy hashes are of the text as written.
_KEPT_OR_RUN = re.compile(r"(<(pre|textarea|code|kbd|script|style)\b.*?</\2\s*>)|[ \t\r]*\n[ \t\r\n]*",
                          re.S | re.I)


def collapse(html: str) -> str:
    """The page with each run of white space that holds a line break made one line break, outside kept elements.

    Where white space collapses (everywhere but the kept elements), such a run renders as one space, or as nothing
    beside a block, and so does the one line break left in its place: the page looks and reads the same."""
    return _KEPT_OR_RUN.sub(lambda match: match.group(1) or "\n", html)
