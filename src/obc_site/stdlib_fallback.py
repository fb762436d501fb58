"""In the browser: a module the trimmed standard library left out is found in the full one, fetched once."""

# This file runs inside Pyodide (shipped in the trimmed stdlib zip as obc_stdlib_fallback.pyc), not on the host.
from __future__ import annotations

import importlib.machinery
import sys
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

FULL = "/lib/obc_full_stdlib.zip"
# Every module the full zip has: the build appends the real set. A name not in it (an optional import such as
# ``_winapi``, or a package that is not there at all) fails as usual, without a download.
NAMES: frozenset[str] = frozenset()


class FullStdlibFinder:
    """A meta-path finder after the path finder: on a miss, fetch the full stdlib zip once and look there."""

    def __init__(self, fetch: Callable[[], Any]) -> None:
        self.fetch = fetch  # returns the full python_stdlib.zip's bytes (a JS Uint8Array or bytes)
        self.loaded = False
        self.misses: list[str] = []  # every name this finder was asked for, for the tests and the console

    def _load(self) -> None:
        if not self.loaded:
            data = self.fetch()
            with open(FULL, "wb") as out:
                out.write(data.to_bytes() if hasattr(data, "to_bytes") else bytes(data))
            # A new path, so no finder cache to invalidate (invalidate_caches would import importlib.metadata).
            sys.path.append(FULL)
            self.loaded = True

    def find_spec(self, name: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if name not in NAMES:
            return None
        self.misses.append(name)
        self._load()
        parent, _, _ = name.rpartition(".")
        if not parent:
            return importlib.machinery.PathFinder.find_spec(name, [FULL])
        # A submodule of a package the trimmed zip has: its __path__ must reach the full zip too.
        package = sys.modules.get(parent)
        search = getattr(package, "__path__", None)
        if search is None:
            return None
        extra = f"{FULL}/{parent.replace('.', '/')}"
        if extra not in search:
            search.append(extra)
        return importlib.machinery.PathFinder.find_spec(name, [extra])


def install(fetch: Callable[[], Any]) -> FullStdlibFinder:
    """Put the fallback finder last on sys.meta_path (once) and return it."""
    for finder in sys.meta_path:
        if isinstance(finder, FullStdlibFinder):
            return finder
    finder = FullStdlibFinder(fetch)
    sys.meta_path.append(finder)
    return finder
