"""The service worker of one language's site: what it keeps for use offline, listed from the built files (issue 33).

Each language has its own worker at its site's root (English at the root, Welsh in cy/), which keeps every page and
file of that language with the SHA-256 of its content, and the Python runtime and package in one cache the two
languages share. A new deploy changes the list only where a file changed: the browser then fetches exactly those.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from obc_site.pages import AssetUrls
from obc_site.site import RUNTIME_FILES

WORKER = "service-worker.js"
SOURCE = Path(__file__).parent / "templates" / WORKER
# A content hash in a file's name (Material's bundle.a5f9d56c.min.js, our commissioning-plan-f679fce3209a.json):
# the name changes with the content, so a copy kept under it never goes stale.
_HASHED_NAME = re.compile(r"[.-][0-9a-f]{8,}(\.min)?\.[a-z]+$")
# Left out: source maps (a developer's), lunr's other languages (both sites search with lunr's English: see
# search_index.json's config), the gzipped sitemap (for crawlers), and the runtime (listed from AssetUrls).
_LEFT_OUT = re.compile(r"\.map$|^assets/javascripts/lunr/|^sitemap\.xml\.gz$|^assets/pyodide/|\.zip$|^404\.html$")
# Pyodide's full standard library is fetched only for a module the site's own zip left out: kept once used.
_ON_USE = "python_stdlib.zip"

# Kept when a page is idle rather than at install: the pages (the open ones excepted) and the data files (the
# search index, the assessments' definitions), about a sixth of a first visit's download (issue 33's bench).
_ON_IDLE = re.compile(r"(^|/)index\.html$|\.json$")

How = Literal["page", "fixed", "runtime", "later"]
When = Literal["install", "idle"]


@dataclass(frozen=True)
class Entry:
    """One file the worker keeps: its URL from the worker's folder, the integrity of its content, and how it is
    served. "page": network first, the kept copy offline (pages and files whose name does not change);
    "fixed": a content-hashed name, cache first; "runtime": Pyodide and the package, cache first in the cache the
    languages share; "later": runtime kept when first used. When: "install", before the worker serves, or
    "idle", when a page asks once it is idle (a new version replacing one keeps both at install)."""

    url: str
    integrity: str
    how: How
    when: When = "install"


def integrity(content: bytes) -> str:
    """The Subresource Integrity value of some bytes ("sha256-<base64>"): the browser checks a fetched copy by it."""
    return "sha256-" + base64.b64encode(hashlib.sha256(content).digest()).decode("ascii")


def _url(path: str) -> str:
    """The URL a file is asked for by: a page's folder ("guidance/x/"; "./" for the site's root), else its path."""
    posix = PurePosixPath(path)
    if posix.name != "index.html":
        return path
    return "./" if str(posix.parent) == "." else f"{posix.parent}/"


def site_entries(site_dir: Path, other_languages: Iterable[str] = ()) -> list[Entry]:
    """Every page and file of the site in ``site_dir`` the worker keeps, but the other languages' folders in it
    (the English site holds the Welsh one in cy/) and what _LEFT_OUT names."""
    others = tuple(f"{folder.strip('/')}/" for folder in other_languages)
    entries = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel == WORKER or rel.startswith(others) or _LEFT_OUT.search(rel):
            continue
        how: How = "fixed" if _HASHED_NAME.search(path.name) else "page"
        when: When = "idle" if _ON_IDLE.search(rel) else "install"
        entries.append(Entry(_url(rel), integrity(path.read_bytes()), how, when))
    return entries


def runtime_entries(site_dir: Path, urls: AssetUrls) -> list[Entry]:
    """The Python runtime and the package, as the pages name them (under ../ on the Welsh site: the English site's
    copy), with the integrity of the files they name."""
    files: list[tuple[str, How]] = [(f"{urls.runtime}{name}", "later" if name == _ON_USE else "runtime")
                                    for name in RUNTIME_FILES]
    files.append((urls.package, "runtime"))
    return [Entry(url, integrity((site_dir / url).read_bytes()), how) for url, how in files]


def worker_config(entries: list[Entry], default_root: str) -> dict[str, object]:
    """What the worker's source starts from: its version (the hash of the list), the default language's site root
    from the worker's folder (where the shared runtime cache is named from) and the list."""
    files = [[e.url, e.integrity, e.how, e.when] for e in entries]
    version = hashlib.sha256(json.dumps(files).encode("utf-8")).hexdigest()[:12]
    return {"version": version, "root": default_root, "files": files}


def service_worker(entries: list[Entry], default_root: str) -> str:
    """The service worker's text: its list as a constant, then its source (the same for every site)."""
    config = json.dumps(worker_config(entries, default_root), separators=(",", ":"), ensure_ascii=False)
    return f"const OBC_OFFLINE = {config};\n{SOURCE.read_text(encoding='utf-8')}"
