"""Packs the obc_assess sources the browser runs into a deterministic, content-hashed zip for Pyodide."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import obc_assess

# Host-only modules: the command line, and reading and checking the YAML data. The browser gets JSON.
HOST_ONLY = frozenset({"cli.py", "__main__.py", "loader.py", "schema.py", "references.py", "yamlfile.py", "building.py",
                       "datamodel.py"})
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
    """(name in the zip, source file) for every browser module and the message catalogues (messages/<lang>/
    <part>.json, which the core reads for its words), sorted by name; no data files."""
    root = Path(obc_assess.__file__).parent
    files = [(f"obc_assess/{path.relative_to(root).as_posix()}", path) for path in root.rglob("*.py")
             if path.name not in HOST_ONLY and "data" not in path.relative_to(root).parts]
    files += [(f"obc_assess/{path.relative_to(root).as_posix()}", path) for path in root.glob("messages/*/*.json")]
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
