"""MkDocs hook: load and check the toolkit's YAML data once per build; bad data stops the build, one line each."""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError

from obc_assess.loader import DataError, load_data


def on_config(config: Any) -> Any:
    try:
        config["obc_data"] = load_data()
    except DataError as error:
        raise PluginError("The toolkit data has problems:\n" + "\n".join(error.problems)) from None
    return config
