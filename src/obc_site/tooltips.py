"""Tooltips on a page: glossary terms at their first use only, reachable by keyboard; none on heading anchors."""

from __future__ import annotations

import re

# The abbr extension marks every occurrence; Material mounts a tooltip (observers, layout reads) on each one, which
# costs hundreds of milliseconds on a long page. A reader needs the definition once per page.
_TOKEN = re.compile(r'(<a\b[^>]*>|</a>|<abbr title="([^"]*)">(.*?)</abbr>)', re.S)
# The toc extension titles each heading's ¶ anchor, and Material mounts a tooltip on every title (20 on a guidance
# page); the same words as the anchor's accessible name keep what a screen reader hears, without the tooltip.
_PERMALINK = re.compile(r'(<a class="headerlink" href="[^"]*") title="([^"]*)"')


def first_use_only(html: str) -> str:
    """Keep the <abbr> of each term's first use (made focusable, so a keyboard reaches its tooltip); later uses,
    and uses inside links (a link may hold nothing focusable), become plain text."""
    seen: set[str] = set()
    in_link = False

    def replace(match: re.Match[str]) -> str:
        nonlocal in_link
        token, title, text = match.group(1), match.group(2), match.group(3)
        if title is None:
            in_link = not token.startswith("</")
            return token
        if in_link or title in seen:
            return text
        seen.add(title)
        return f'<abbr title="{title}" tabindex="0">{text}</abbr>'

    return _TOKEN.sub(replace, html)


def quiet_permalinks(html: str) -> str:
    """Name each heading anchor by its permalink title (aria-label) instead of a title Material makes a tooltip."""
    return _PERMALINK.sub(r'\1 aria-label="\2"', html)
