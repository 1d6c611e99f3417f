"""Timing and reporting shared by the benchmarks.

Every figure is a ratio: the core path against a baseline measured in the same process and the same run,
each the median of ``repeat`` timed runs. Absolute milliseconds are printed too, but on a shared machine
only the ratio is comparable between runs.
"""

from __future__ import annotations

import gc
import json
import platform
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy

T = TypeVar("T")

OUT_DIR = Path(__file__).resolve().parent / "out"


@dataclass(frozen=True)
class Scale:
    name: str  # "full" or "quick"
    support_rows: int  # insert_support
    cluster_records: int  # cluster_indicators
    city_records: int = 6_000_000  # city_scale: 126 communes and wards over ten years


FULL = Scale("full", support_rows=100_000, cluster_records=1_000_000, city_records=6_000_000)
QUICK = Scale("quick", support_rows=5_000, cluster_records=50_000, city_records=60_000)


@dataclass
class Timed:
    """One side of a comparison: a label and its timed runs, wall-clock and CPU seconds of the process."""

    label: str
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def cpu_median_ms(self) -> float:
        return statistics.median(self.cpu_seconds) * 1000

    def as_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "median_ms": round(self.median_ms, 3),
            "runs_ms": [round(s * 1000, 3) for s in self.seconds],
            "cpu_median_ms": round(self.cpu_median_ms, 3),
            "cpu_runs_ms": [round(s * 1000, 3) for s in self.cpu_seconds],
        }


@dataclass
class Outcome:
    name: str
    description: str
    core: Timed
    baseline: Timed
    target: float  # the core should stay within target × baseline
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.core.median_ms / self.baseline.median_ms

    @property
    def within_target(self) -> bool:
        return self.ratio <= self.target

    def as_json(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "ratio": round(self.ratio, 3),
            "target_ratio": self.target,
            "within_target": self.within_target,
            # The CPU-time ratio is a second opinion when the machine is busy (it ignores waiting).
            "cpu_ratio": round(self.core.cpu_median_ms / self.baseline.cpu_median_ms, 3),
            "core": self.core.as_json(),
            "baseline": self.baseline.as_json(),
            "params": self.params,
        }


Sample = tuple[float, float]  # (wall-clock seconds, CPU seconds of this process)


def timed(run: Callable[[], T]) -> tuple[Sample, T]:
    """Wall and CPU seconds taken by ``run()``, after a garbage collection so earlier garbage is not
    billed to it, and its result."""
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    result = run()
    return (time.perf_counter() - wall, time.process_time() - cpu), result


def clear_core_caches() -> list[str]:
    """Empty the bounded ``functools.lru_cache``s of the core's module-level functions (``fold``'s...).

    A benchmark that feeds the same rows to every run would otherwise time a cache warmed by the
    previous run, which a real import of new data never sees. Unbounded ``@cache``s are left alone:
    they hold process resources (translation catalogs, fonts) that a running app has loaded already.
    Returns the names of the functions whose cache was cleared.
    """
    cleared = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("emulation_desktop") or module is None:
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if info is None or getattr(value, "__module__", None) != name or info().maxsize is None:
                continue
            value.cache_clear()
            cleared.append(f"{name}.{value.__name__}")
    return cleared


def compare(
    repeat: int,
    core: tuple[str, Callable[[int], Sample]],
    baseline: tuple[str, Callable[[int], Sample]],
    log: Callable[[str], None],
) -> tuple[Timed, Timed]:
    """Run both sides ``repeat`` times, interleaved and alternating which goes first, so that a noisy
    neighbour or a warming cache hits both alike. Each side is (label, callable); the callable gets the
    run number, does its own untimed setup and returns the ``Sample`` of its timed part."""
    sides = (Timed(core[0]), core[1]), (Timed(baseline[0]), baseline[1])
    for i in range(repeat):
        for into, run in sides if i % 2 == 0 else reversed(sides):
            wall, cpu = run(i)
            into.seconds.append(wall)
            into.cpu_seconds.append(cpu)
        log(
            f"  run {i + 1}/{repeat}: core {sides[0][0].seconds[-1] * 1000:.1f} ms, "
            f"baseline {sides[1][0].seconds[-1] * 1000:.1f} ms"
        )
    return sides[0][0], sides[1][0]


def environment() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": sqlalchemy.__version__,
        "platform": platform.platform(),
        "machine": platform.machine(),
    }


def print_table(outcomes: list[Outcome], scale: Scale, repeat: int) -> None:
    print()
    print(f"Benchmarks ({scale.name} scale, median of {repeat} runs; ratio = core / baseline)")
    header = f"{'benchmark':<20} {'ratio':>8} {'target':>8} {'core ms':>12} {'baseline ms':>12}  verdict"
    print(header)
    print("-" * len(header))
    for o in outcomes:
        verdict = "within target" if o.within_target else "OVER TARGET"
        print(
            f"{o.name:<20} {o.ratio:>7.2f}x {'≤ ' + format(o.target, 'g') + 'x':>8} "
            f"{o.core.median_ms:>12.1f} {o.baseline.median_ms:>12.1f}  {verdict}"
        )
    for o in outcomes:
        print(f"  {o.name}: core = {o.core.label}; baseline = {o.baseline.label}")
    sys.stdout.flush()


def write_json(path: Path, outcomes: list[Outcome], scale: Scale, repeat: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "format": 1,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "scale": scale.name,
        "repeat": repeat,
        "statistic": "median",
        "environment": environment(),
        "benchmarks": {o.name: o.as_json() for o in outcomes},
    }
    partial = path.with_suffix(".json.part")
    partial.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    partial.replace(path)
