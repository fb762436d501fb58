"""Content-Security-Policy hashes for the inline scripts the theme's templates write into each page."""

from __future__ import annotations

import base64
import hashlib
import re

PLACEHOLDER = "OBC_INLINE_SCRIPT_HASHES"
# Inline scripts that run: no src attribute, and not a data block such as Material's application/json config.
_INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S | re.I)


class ScriptInContent(ValueError):
    """A page's own content (from the data or Markdown) holds an executable inline script."""


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-...') for every executable inline script, in order, without repeats."""
    hashes = []
    for body in _INLINE.findall(html):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def fill_policy(html: str, content: str = "") -> str:
    """Put the hashes of the template's inline scripts into the policy the main.html override left a placeholder for.

    ``content`` is the page's rendered Markdown, which the template wrapped: its scripts are never allowed (the data
    checks refuse them; this refuses any that got through), so a script written into the data cannot run."""
    if _INLINE.search(content):
        raise ScriptInContent("an inline <script> in the page content; remove it (the site allows none)")
    return html.replace(PLACEHOLDER, " ".join(inline_script_hashes(html)), 1)
