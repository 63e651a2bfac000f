"""Cold command wall time and peak memory, as ratios to ``python -c "import pyproj"``.

Each command runs in a fresh process (so imports and index opening count), with the on-disk
caches already built (the first run of a machine builds them once; see README) and Python's
bytecode cache allowed. Runs are interleaved with the baseline so machine noise hits both
alike; the median of N is reported. The sea route of a repeated pair comes from the route
cache; ``--no-route-cache`` measures a route computed afresh in every run.

    python bench/bench_cli.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))
SHIPROUTE = [sys.executable, "-c", "import sys; from cli import main; sys.exit(main())"]

BASELINE = ("python -c 'import pyproj'", [sys.executable, "-c", "import pyproj"])
COMMANDS = [
    ("check Najin Dunay --claim '180 km' (with sea route)",
     SHIPROUTE + ["check", "Najin", "Dunay", "--claim", "180 km"], 3.0, 200),
    ("check Najin Dunay --claim '180 km' --no-sea",
     SHIPROUTE + ["check", "Najin", "Dunay", "--claim", "180 km", "--no-sea"], 3.0, 200),
    ("article <seed> (with sea route)", SHIPROUTE + ["article", str(SEED)], 4.0, None),
    ("article <seed> --no-sea", SHIPROUTE + ["article", str(SEED), "--no-sea"], 4.0, None),
]


# Bytecode caching on, as in any normal install: this sandbox sets PYTHONDONTWRITEBYTECODE,
# which would make every child recompile our modules from source (and pyproj's would not be).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CHILD_ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{argv} failed with {os.waitstatus_to_exitcode(status)}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--no-route-cache", action="store_true", help="compute every sea route afresh")
    args = parser.parse_args()
    if args.no_route_cache:
        CHILD_ENV["SHIPROUTE_ROUTE_CACHE"] = "off"
    for _, argv, _, _ in COMMANDS:  # warm the OS file cache and build on-disk caches once
        run_once(argv)
    base_times: list[float] = []
    results: dict[str, list[tuple[float, float]]] = {name: [] for name, *_ in COMMANDS}
    for _ in range(args.repeats):
        base_times.append(run_once(BASELINE[1])[0])
        for name, argv, _, _ in COMMANDS:
            results[name].append(run_once(argv))
    base = statistics.median(base_times)
    print(f"baseline {BASELINE[0]}: median {base * 1000:.0f} ms over {args.repeats} runs")
    print(f"{'command':<55} {'median':>8} {'ratio':>7} {'goal':>6} {'peak MB':>8}")
    for name, _, goal, mem_goal in COMMANDS:
        times = [t for t, _ in results[name]]
        peak = max(m for _, m in results[name])
        ratio = statistics.median(times) / base
        mark = "ok" if ratio <= goal else "OVER"
        mem = f"{peak:.0f}" + ("" if mem_goal is None else (" ok" if peak <= mem_goal else " OVER"))
        print(f"{name:<55} {statistics.median(times) * 1000:>6.0f}ms {ratio:>6.2f}x {goal:>5.1f}x {mem:>8}  {mark}")
    if shutil.which("shiproute") is None:
        print("(note: shiproute is not installed as a command; ran it through python -c)")


if __name__ == "__main__":
    main()
