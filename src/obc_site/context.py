"""One build's shared work (the checked data, the browser assets), made once, by whichever hook asks first."""

from __future__ import annotations

import os
import weakref
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from obc_assess.host.loader import Data, DataError, load_data
from obc_site.language import shared_root
from obc_site.site import BrowserAssets, abbreviations, browser_assets


@dataclass(frozen=True)
class SiteBuild:
    """What one language's build needs from the data: each part made on first use, then the same object."""

    lang: str
    root: Path  # the project: mkdocs.yml, node_modules/ and .cache/ are there
    site_dir: Path
    alternates: tuple[dict[str, Any], ...]
    data_dir: Path | None  # None: the package's own data

    @cached_property
    def data(self) -> Data:
        """The toolkit data in this build's language; bad data stops the build, one line per problem."""
        try:
            return load_data(self.data_dir, self.lang)
        except DataError as error:
            raise PluginError("The toolkit data has problems:\n" + "\n".join(map(str, error.problems))) from None

    @cached_property
    def assets(self) -> BrowserAssets:
        """The Pyodide runtime, the stdlib zip and the definition JSON the built site serves."""
        # The stdlib build runs Pyodide under Node (tens of seconds): its output is cached on its inputs' hashes.
        # The Welsh site, built beside the English one, uses the English site's copy of the Pyodide runtime.
        return browser_assets(self.data, self.root / "node_modules", self.root / ".cache" / "obc-stdlib",
                              shared_root(self.site_dir, list(self.alternates)))

    @cached_property
    def abbreviations(self) -> str:
        """The glossary terms as Markdown abbreviation lines (the tooltips), for the end of every page."""
        return abbreviations(self.data)


# One entry per MkDocs config alive. MkDocs loads a new config for every build, `mkdocs serve`'s rebuilds too, and
# passes that one object to every hook: an entry is one build's, and goes when its config does.
_BUILDS: dict[int, SiteBuild] = {}


def site_build(config: MkDocsConfig) -> SiteBuild:
    """This build's shared work: the same object for every hook of one build, whatever their order."""
    key = id(config)
    if key not in _BUILDS:
        # OBC_DATA_DIR points the build at other data (the benchmarks build with ten times the data).
        folder = os.environ.get("OBC_DATA_DIR")
        _BUILDS[key] = SiteBuild(config.theme["language"], Path(config.config_file_path).resolve().parent,
                                 Path(config.site_dir), tuple(config.extra.get("alternate") or ()),
                                 Path(folder) if folder else None)
        weakref.finalize(config, _BUILDS.pop, key, None)
    return _BUILDS[key]
