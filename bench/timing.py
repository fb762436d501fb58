"""Repeated measurements: median, min and max of at least seven runs, and ratios between two of them."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

RUNS = 7  # alternating runs per measured page (issue 16: median of >= 7)


@dataclass(frozen=True)
class Stats:
    """Seconds (or bytes) over several runs."""

    median: float
    min: float
    max: float
    runs: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def stats(values: list[float]) -> Stats:
    return Stats(statistics.median(values), min(values), max(values), len(values))


def timed(fn: Callable[[], object], runs: int = RUNS) -> Stats:
    """Wall-clock seconds of ``fn`` over ``runs`` calls."""
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        values.append(time.perf_counter() - start)
    return stats(values)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def figure(name: str, value: float, unit: str, baseline: float | None = None, goal: str = "",
           ok: bool | None = None, **extra: Any) -> dict[str, Any]:
    """One reported figure: its value, its baseline and their ratio, and the goal it is held to."""
    ratio = value / baseline if baseline else None
    return {"name": name, "value": value, "unit": unit, "baseline": baseline, "ratio": ratio, "goal": goal,
            "met": ok, **extra}
