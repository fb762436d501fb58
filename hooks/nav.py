"""MkDocs hook: build the navigation from the data, so new pages and assessments appear without editing YAML config."""

from __future__ import annotations

from typing import Any

from obc_site.site import navigation


def on_config(config: Any) -> Any:
    config["nav"] = navigation(config["obc_data"])
    return config
