"""Lighthouse performance, mobile and desktop, gzip-served: four page kinds against a plain Material page.

The plain Material page (same version and theme, built here) is measured in the same run, alternating with ours,
so that a loaded machine slows both alike: the figure is our median score beside the plain page's median, and
their ratio. Each run's metrics are kept, so a slow page can be told apart from a slow machine. The guidance page
is also set beside plain Material holding the same guidance (the generated Markdown, no hooks, overrides or own
assets): that ratio is what this site adds to what Material costs for the same words.
"""

from __future__ import annotations

import os
import statistics
from pathlib import Path
from typing import Any

from bench.checkers import build_baseline, lighthouse
from bench.timing import figure
from obc_assess.host.building import build_all
from obc_assess.host.loader import load_data
from obc_site.pages import AssetUrls, generated_pages
from obc_site.serve import serve_gzip

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
RUNS = 5  # Lighthouse runs per page and form factor (issue 15: median of >= 5)
PAGES = {"home": "", "guidance": "guidance/framework-standards/",
         "assessment": "assessments/commissioning-standards/",
         "team": "assessments/team/commissioning-standards/"}
# The goals (issue 15): guidance at or above plain Material (and >= 0.9), an assessment >= 0.8 on
# mobile, desktop >= 0.95 everywhere.
MOBILE_GOALS = {"home": 0.9, "guidance": 0.9, "assessment": 0.8, "team": 0.8}
METRICS = {"fcp": "first-contentful-paint", "lcp": "largest-contentful-paint", "tbt": "total-blocking-time",
           "cls": "cumulative-layout-shift", "si": "speed-index"}


def _run(url: str, desktop: bool) -> dict[str, float]:
    report = lighthouse(ROOT / "node_modules", CHROMIUM, url, ["performance"], desktop=desktop)
    audits = report["audits"]
    # The page's own bytes on the wire: up to TCP's first ten segments (14.6 KB) it arrives in one round trip.
    document = next(r for r in audits["network-requests"]["details"]["items"] if r["resourceType"] == "Document")
    return {"score": float(report["categories"]["performance"]["score"]),
            **{k: float(audits[a]["numericValue"]) for k, a in METRICS.items()},
            "document_bytes": float(document["transferSize"])}


def _medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: float(statistics.median(r[k] for r in runs)) for k in runs[0]}


def _guidance_markdown() -> dict[str, str]:
    """The English guidance pages as this site generates them (docs-relative path -> Markdown)."""
    data = load_data(None, "en")
    definitions = build_all(data)
    pages = generated_pages(data, AssetUrls("", "", dict.fromkeys(definitions, "")), definitions)
    return {path: markdown for path, markdown in pages.items() if path.startswith("guidance/")}


def run(site: Path, work: Path, port: int = 0, runs: int = RUNS) -> list[dict[str, Any]]:
    plain = build_baseline(ROOT, work / "plain-material")
    same = build_baseline(ROOT, work / "plain-material-guidance", pages=_guidance_markdown())
    figures = []
    with serve_gzip(site, port) as base, serve_gzip(plain) as plain_base, serve_gzip(same) as same_base:
        for form, desktop in (("mobile", False), ("desktop", True)):
            measured: dict[str, list[dict[str, float]]] = {kind: [] for kind in ("plain", "same", *PAGES)}
            for _ in range(runs):  # alternating: the plain pages, then each of ours, in every round
                measured["plain"].append(_run(plain_base, desktop))
                measured["same"].append(_run(same_base + PAGES["guidance"], desktop))
                for kind, path in PAGES.items():
                    measured[kind].append(_run(base + path, desktop))
            baseline = _medians(measured["plain"])
            same_content = _medians(measured["same"])
            guidance = _medians(measured["guidance"])
            figures.append(figure(
                f"Lighthouse performance, {form}, guidance page vs plain Material with the same guidance",
                guidance["score"], "score", same_content["score"], "", None, runs=runs,
                page=PAGES["guidance"], scores=[r["score"] for r in measured["guidance"]],
                plain_scores=[r["score"] for r in measured["same"]], metrics=guidance, plain_metrics=same_content))
            for kind, path in PAGES.items():
                med = _medians(measured[kind])
                goal = 0.95 if desktop else MOBILE_GOALS[kind]
                ok = med["score"] >= goal and (kind != "guidance" or med["score"] >= baseline["score"])
                figures.append(figure(
                    f"Lighthouse performance, {form}, {kind} page vs plain Material", med["score"], "score",
                    baseline["score"], f">= {goal}" + (", >= plain" if kind == "guidance" else ""), ok,
                    runs=runs, page=path or "/", scores=[r["score"] for r in measured[kind]],
                    plain_scores=[r["score"] for r in measured["plain"]], metrics=med, plain_metrics=baseline))
    return figures
