"""Lighthouse performance, mobile and desktop, gzip-served: four page kinds against a plain Material page."""

from __future__ import annotations

import os
import statistics
from pathlib import Path
from typing import Any

from bench.timing import RUNS, figure
from obc_site.checkers import build_baseline, lighthouse, serve_gzip

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PAGES = {"home": "", "guidance": "guidance/framework-standards/",
         "assessment": "assessments/commissioning-standards/",
         "team": "assessments/team/commissioning-standards/"}
# The goals (issue 15): guidance at or above plain Material, an assessment >= 0.8 on mobile, desktop >= 0.95.
MOBILE_GOALS = {"home": 0.9, "guidance": 0.9, "assessment": 0.8, "team": 0.8}


def _median_score(base: str, path: str, desktop: bool, runs: int) -> float:
    scores = [lighthouse(ROOT / "node_modules", CHROMIUM, base + path, ["performance"], desktop=desktop)
              ["categories"]["performance"]["score"] for _ in range(runs)]
    return float(statistics.median(scores))


def run(site: Path, work: Path, port: int = 0, runs: int = RUNS) -> list[dict[str, Any]]:
    plain = build_baseline(ROOT, work / "plain-material")
    figures = []
    with serve_gzip(site, port) as base, serve_gzip(plain) as plain_base:
        for form, desktop in (("mobile", False), ("desktop", True)):
            baseline = _median_score(plain_base, "", desktop, runs)
            for kind, path in PAGES.items():
                score = _median_score(base, path, desktop, runs)
                goal = 0.95 if desktop else MOBILE_GOALS[kind]
                ok = score >= goal and (kind != "guidance" or score >= baseline)
                figures.append(figure(f"Lighthouse performance, {form}, {kind} page vs plain Material", score,
                                      "score", baseline, f">= {goal}" + (", >= plain" if kind == "guidance" else ""),
                                      ok, runs=runs, page=path or "/"))
    return figures
