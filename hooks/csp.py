"""MkDocs hook: complete each page's Content-Security-Policy with the hashes of its inline scripts."""

from __future__ import annotations

from typing import Any

from obc_site.csp import fill_policy


def on_post_page(output: str, page: Any, config: Any) -> str:
    return fill_policy(output)
