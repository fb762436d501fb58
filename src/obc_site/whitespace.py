"""Built pages without the indentation the templates leave between tags: more pages fit TCP's first round trip."""

from __future__ import annotations

import re

# Material's templates indent every tag, and Jinja leaves blank lines where its blocks were: 12% of the built HTML
# (6% gzip). A page of up to 14.6 KB on the wire arrives in TCP's first round trip (ten segments); a larger one waits
# a round trip more before anything shows, 150 ms on Lighthouse's mobile link (issue 15: the commissioning-cycle
# guidance page, 14.8 KB gzip as indented, painted 150 ms later than the pages just under the limit).
#
# Kept exactly as written: what is shown as written (pre, textarea; code and kbd, which Material prints pre-wrap),
# inline scripts, whose Content-Security-Policy hashes are of the text as written, and inline styles.
_KEPT_OR_RUN = re.compile(r"(<(pre|textarea|code|kbd|script|style)\b.*?</\2\s*>)|[ \t\r]*\n[ \t\r\n]*",
                          re.S | re.I)


def collapse(html: str) -> str:
    """The page with each run of white space that holds a line break made one line break, outside kept elements.

    Where white space collapses (everywhere but the kept elements), such a run renders as one space, or as nothing
    beside a block, and so does the one line break left in its place: the page looks and reads the same."""
    return _KEPT_OR_RUN.sub(lambda match: match.group(1) or "\n", html)
