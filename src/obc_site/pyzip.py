"""Packs the obc_assess sources the browser runs into a deterministic, content-hashed zip for Pyodide."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import obc_assess

# Zip timestamps start in 1980; a fixed one makes the bytes (and so the hash) depend on content alone.
_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Archive:
    """A zip made in memory: its content-hashed file name and its bytes (the site serves them as they are)."""

    name: str
    content: bytes


def hashed(stem: str, content: bytes, suffix: str) -> str:
    """``stem-<sha256[:12]><suffix>``: a file name that changes whenever the content does (cached for good)."""
    return f"{stem}-{hashlib.sha256(content).hexdigest()[:12]}{suffix}"


def package_files() -> list[tuple[str, Path]]:
    """(name in the zip, source file) for the package's __init__.py and everything in obc_assess/core/ (its modules
    and the message catalogues, messages/<lang>/<part>.json), sorted by name. The host part never ships."""
    package = Path(obc_assess.__file__).parent
    core = package / "core"
    files = [("obc_assess/__init__.py", package / "__init__.py")]
    files += [(f"obc_assess/{path.relative_to(package).as_posix()}", path) for path in core.rglob("*")
              if path.suffix in (".py", ".json") and "__pycache__" not in path.parts]
    return sorted(files)


def resource_files() -> dict[str, bytes]:
    """The package's files that are not modules (the catalogues), by name in the zip: shipped as they are."""
    return {name: path.read_bytes() for name, path in package_files() if not name.endswith(".py")}


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    """A zip of entries (name -> content) whose bytes depend on the content alone: sorted, fixed dates."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever builds it, with plain rw-r--r-- permissions
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name], compresslevel=9)
    return buffer.getvalue()


def build_zip() -> Archive:
    """obc_assess-<sha256[:12]>.zip of the browser modules and catalogues (same sources, same bytes)."""
    content = zip_bytes({name: path.read_bytes() for name, path in package_files()})
    return Archive(hashed("obc_assess", content, ".zip"), content)
