"""Run the benchmarks: ``python -m benchmarks [--quick] [--repeat N] [--only NAME]``.

Prints each figure as a ratio (core / baseline, medians of N runs measured in this process) with the
raw medians in milliseconds, writes ``benchmarks/out/results.json``, and exits 0. A missed target is
reported, not treated as an error: timings on a shared machine are not pass/fail material. Errors (a
core path that fails, or figures that disagree with the baseline) exit 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import (
    bench_package,
    bench_pdf,
    city_scale,
    cluster_indicators,
    insert_support,
    search_keystroke,
    start_to_quit,
    ui_startup,
)
from benchmarks.harness import FULL, OUT_DIR, QUICK, Outcome, Scale, print_table, write_json

BENCHMARKS: dict[str, Callable[..., Outcome]] = {
    insert_support.NAME: insert_support.run,
    cluster_indicators.NAME: cluster_indicators.run,
    bench_pdf.NAME: bench_pdf.run,
    bench_package.NAME: bench_package.run,
    ui_startup.NAME: ui_startup.run,
    start_to_quit.NAME: start_to_quit.run,
    search_keystroke.NAME: search_keystroke.run,
    **city_scale.BENCHMARKS,  # the city's file: 126 communes and wards over ten years (issue #19)
    "city_consolidation": __import__("benchmarks.city_consolidation", fromlist=["run"]).run,  # #18
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"small scale for tests and CI ({QUICK.support_rows:,} rows to insert, "
        f"a {QUICK.cluster_records:,}-record file, a {QUICK.city_records:,}-record city file), under a minute",
    )
    parser.add_argument("--repeat", type=int, default=5, metavar="N", help="timed runs per side (default 5)")
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(BENCHMARKS),
        metavar="NAME",
        help=f"run only this benchmark (repeatable): {', '.join(BENCHMARKS)}",
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached cluster data file")
    parser.add_argument(
        "--out", type=Path, default=OUT_DIR / "results.json", help="where to write the JSON results"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the results table")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    scale: Scale = QUICK if args.quick else FULL

    def log(message: str) -> None:
        if not args.quiet:
            print(message, flush=True)

    outcomes = []
    started = time.perf_counter()
    for name in args.only or BENCHMARKS:
        log(f"{name} ({scale.name} scale, {args.repeat} runs per side)")
        options = {"rebuild": args.rebuild} if name == cluster_indicators.NAME else {}
        outcomes.append(BENCHMARKS[name](scale, args.repeat, log, **options))
    print_table(outcomes, scale, args.repeat)
    write_json(args.out, outcomes, scale, args.repeat)
    print(f"results written to {args.out} (total {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
