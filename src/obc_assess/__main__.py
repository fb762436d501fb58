"""Runs the obc-assess command as ``python -m obc_assess``."""

from __future__ import annotations

from obc_assess.host.cli import main

raise SystemExit(main())
