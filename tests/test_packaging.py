"""The package declares what it runs, pinned as requirements.in pins it; requirements.txt locks every package,
indirect ones too, each pinned and hashed."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _pins(lines: list[str]) -> dict[str, str]:
    pairs = (line.split("#")[0].strip().split("==") for line in lines)
    return {name.lower(): version for name, version in (p for p in pairs if len(p) == 2)}


REQUIREMENTS = _pins((ROOT / "requirements.in").read_text(encoding="utf-8").splitlines())
CORE = _pins(PROJECT["dependencies"])
SITE = _pins(PROJECT["optional-dependencies"]["site"])


def _third_party(folder: Path) -> set[str]:
    """The distributions a package's modules import (top-level names outside the stdlib and this project)."""
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    ours = {"obc_assess", "obc_site"}
    outside = names - set(sys.stdlib_module_names) - ours
    dists = packages_distributions()
    return {d.lower() for name in outside for d in dists.get(name, [name])}


def test_every_declared_pin_is_the_requirements_pin() -> None:
    for name, version in {**CORE, **SITE}.items():
        assert REQUIREMENTS.get(name) == version, name


@pytest.mark.parametrize(("package", "declared"), [("obc_assess", CORE), ("obc_site", {**CORE, **SITE})])
def test_what_a_package_imports_is_declared(package: str, declared: dict[str, str]) -> None:
    assert _third_party(ROOT / "src" / package) - set(declared) == set()


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()  # as PyPI compares names (PEP 503)


def test_the_lock_pins_and_hashes_every_package() -> None:
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    entries = re.findall(r"^(\S+)==(\S+) \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", text, re.M)
    # Nothing else: every line is an entry, one of its hashes, or a comment.
    assert sum(1 + body.count("\n") for _, _, body in entries) == len(
        [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")])
    locked = {_name(name): version for name, version, _ in entries}
    assert {_name(name): version for name, version in REQUIREMENTS.items()}.items() <= locked.items()
    assert len(locked) > len(REQUIREMENTS)  # the indirect ones too
