"""MkDocs hook: load and check the toolkit's YAML data once per build; bad data stops the build, one line each."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from obc_assess.loader import DataError, load_data


def on_config(config: Any) -> Any:
    try:
        # OBC_DATA_DIR points the build at other data (the benchmarks build with ten times the data).
        folder = os.environ.get("OBC_DATA_DIR")
        config["obc_data"] = load_data(Path(folder) if folder else None, config["theme"]["language"])
    except DataError as error:
        raise PluginError("The toolkit data has problems:\n" + "\n".join(error.problems)) from None
    return config
