"""Content-Security-Policy: inline scripts are hashed, data blocks and external scripts are not."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from obc_site.csp import PLACEHOLDER, ScriptInContent, fill_policy, inline_script_hashes


def _sha(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_hashes_only_inline_executable_scripts() -> None:
    page = ('<script>a()</script><script src="x.js"></script>'
            '<script id="__config" type="application/json">{}</script><script>a()</script><script>b()</script>')
    assert inline_script_hashes(page) == [_sha("a()"), _sha("b()")]


def test_fill_policy_replaces_the_placeholder_once() -> None:
    page = f'<meta content="script-src \'self\' {PLACEHOLDER}"><script>go()</script>'
    assert fill_policy(page) == f'<meta content="script-src \'self\' {_sha("go()")}"><script>go()</script>'


def test_a_script_in_the_page_content_is_refused() -> None:
    content = "<p>Hi</p><script>alert(1)</script>"
    page = f'<meta content="script-src {PLACEHOLDER}"><script>theme()</script><article>{content}</article>'
    with pytest.raises(ScriptInContent):
        fill_policy(page, content)
    assert fill_policy(page.replace(content, "<p>Hi</p>"), "<p>Hi</p>").startswith(
        f'<meta content="script-src {_sha("theme()")}">')


def test_every_page_of_both_languages_allows_exactly_its_inline_scripts(built: Path) -> None:
    pages = sorted(built.rglob("*.html"))
    assert len([p for p in pages if p.is_relative_to(built / "cy")]) > 30
    wrong = []
    for path in pages:
        page = path.read_text(encoding="utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
        hashes = set(re.findall(r"'sha256-[^']+'", policy.group(1))) if policy else None
        if PLACEHOLDER in page or hashes != set(inline_script_hashes(page)):
            wrong.append(path.relative_to(built).as_posix())
    assert not wrong, wrong
