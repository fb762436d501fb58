"""The site build's shared work: made once per build in memory, whatever the hook order; no temporary folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from obc_site.pyzip import build_zip

ROOT = Path(__file__).resolve().parent.parent


def test_the_package_zip_is_made_in_memory() -> None:
    archive = build_zip()
    assert isinstance(archive.content, bytes) and archive.content[:2] == b"PK"
    assert archive.name.startswith("obc_assess-") and archive.name.endswith(".zip")


@pytest.mark.skipif(not (ROOT / "node_modules" / "pyodide").is_dir(), reason="node_modules is not installed")
def test_a_build_leaves_nothing_in_the_temporary_folder(tmp_path: Path) -> None:
    # Also the suite's one build without site_url (as `make build` builds without SITE_URL; conftest's shared
    # build is for the deployed subpath), English only.
    temp = tmp_path / "tmp"
    temp.mkdir()
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(tmp_path / "site")],
                         cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "TMPDIR": str(temp), "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert list(temp.iterdir()) == []
