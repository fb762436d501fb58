"""Content-Security-Policy hashes for the inline scripts Material writes into each page."""

from __future__ import annotations

import base64
import hashlib
import re

PLACEHOLDER = "OBC_INLINE_SCRIPT_HASHES"
# Inline scripts that run: no src attribute, and not a data block such as Material's application/json config.
_INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-...') for every executable inline script, in order, without repeats."""
    hashes = []
    for body in _INLINE.findall(html):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def fill_policy(html: str) -> str:
    """Put the page's inline-script hashes into the policy the main.html override left a placeholder for."""
    return html.replace(PLACEHOLDER, " ".join(inline_script_hashes(html)), 1)
