"""Peak memory and throughput of ``shiproute batch`` on many distinct pairs (issue 13).

    python bench/bench_batch_memory.py [--rows 200000] [--loop-rows 2000] [--formats csv,jsonl,geojson]

Input: ``--rows`` rows, each a distinct (a, b) pair of real port names (the 3,867 names that
ship with searoute, drawn with a fixed seed) with a claim, so no cache of results can help:
every row is resolved, measured (geodesic only), judged and formatted. For each output format
(CSV, JSONL, GeoJSON) and 1 and 2 workers, ``run_batch`` runs in a fresh child process whose
whole process tree (the batch process, the fork server, the pool's workers) is sampled from
/proc every 50 ms: the figure is the peak of the tree's summed proportional set size (PSS, from
smaps_rollup: shared pages counted once across the tree; RSS where PSS is not available).

Goals (issue 13): at most 500 MB whatever the format and row count; at least 4,000 distinct
pairs/s with 2 workers. Throughput is also given as a ratio to the plain loop a user would write
(``check_pair(a, b, claim, sea=False)`` and ``json.dumps`` per row, on ``--loop-rows`` rows), run
in the same invocation, since a shared machine is noisy.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CLAIMS = ["about 100 km", "approximately 250 kilometers", "more than 500 km", "150-200 km",
          "nearly 60 nautical miles", "300 miles", "some 1,200 km", ""]
MEMORY_GOAL_MB = 500.0
RATE_GOAL = 4000.0


def port_names() -> list[str]:
    import searoute

    path = Path(searoute.__file__).parent / "data" / "ports.geojson"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return sorted({f["properties"]["name"] for f in features if f["properties"].get("name")})


def write_pairs(path: Path, rows: int, seed: int = 20261207) -> None:
    rng = random.Random(seed)
    names = port_names()
    seen: set[tuple[str, str]] = set()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["a", "b", "claim"])
        while len(seen) < rows:
            pair = (rng.choice(names), rng.choice(names))
            if pair[0] == pair[1] or pair in seen:
                continue
            seen.add(pair)
            writer.writerow([*pair, rng.choice(CLAIMS)])


# --- the process tree's memory, from /proc -------------------------------------------------------


def _children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def _memory_kb(pid: int) -> int:
    """The process's proportional set size (PSS: its private pages, and its share of the pages it
    shares with the fork server and the other workers), else its resident set size. Summing RSS
    would count the modules every worker shares with the fork server once per worker."""
    for name, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(name, encoding="ascii", errors="replace") as handle:
                for line in handle:
                    if line.startswith(field):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def tree_rss_mb(root: int) -> float:
    tree = _children_of()
    todo, total = [root], 0
    while todo:
        pid = todo.pop()
        total += _memory_kb(pid)
        todo.extend(tree.get(pid, ()))
    return total / 1024


def run_measured(args: list[str]) -> tuple[dict, float]:
    """Run this script as a child with ``args``; its JSON result and the tree's peak memory (MB)."""
    child = subprocess.Popen([sys.executable, __file__, "--child", *args], stdout=subprocess.PIPE, text=True)
    peak = 0.0
    while child.poll() is None:
        peak = max(peak, tree_rss_mb(child.pid))
        time.sleep(0.05)
    out = child.stdout.read() if child.stdout else ""
    if child.returncode:
        raise SystemExit(f"child {args} failed with exit code {child.returncode}")
    return json.loads(out.strip().splitlines()[-1]), peak


# --- one measurement, in a child process ---------------------------------------------------------


def child(mode: str, source: str, out: str, loop_rows: int) -> dict:
    if mode == "loop":
        from geo.pair import check_pair
        from geo.places.gazetteer import resolve

        resolve("Najin")  # the gazetteer opened before the clock starts

        with open(source, newline="", encoding="utf-8") as handle:
            rows = [(r["a"], r["b"], r["claim"]) for _, r in zip(range(loop_rows), csv.DictReader(handle),
                                                                 strict=False)]
        started = time.perf_counter()
        for a, b, claim in rows:
            with contextlib.suppress(Exception):  # a failed row, as the batch reports it
                json.dumps(check_pair(a, b, claim or None, sea=False).to_dict(), ensure_ascii=False)
        return {"seconds": time.perf_counter() - started, "rows": len(rows)}
    # As `shiproute batch` runs it: this process reads and writes, the workers open the gazetteer
    # (with 1 worker, this process does it all).
    from geo.batch.runner import run_batch

    started = time.perf_counter()
    summary = run_batch(source, out, measure="geodesic", workers=int(mode))
    return {"seconds": time.perf_counter() - started, "rows": summary.inputs, "bytes": Path(out).stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000, help="distinct pairs in the input")
    parser.add_argument("--loop-rows", type=int, default=2_000, help="rows the plain check_pair loop runs on")
    parser.add_argument("--formats", default="csv,jsonl,geojson")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        mode, source, out, loop_rows = args.child
        print(json.dumps(child(mode, source, out, int(loop_rows))))
        return
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} (shared machines are noisy)")
    tmp = Path(tempfile.mkdtemp(prefix="bench_batch_memory_"))
    failed = False
    try:
        source = tmp / "pairs.csv"
        write_pairs(source, args.rows)
        run_measured(["loop", str(source), "", "200"])  # untimed: warms the OS file cache
        loop, loop_peak = run_measured(["loop", str(source), "", str(args.loop_rows)])
        loop_rate = loop["rows"] / loop["seconds"]
        print(f"{args.rows:,} distinct pairs, geodesic")
        print(f"  plain check_pair loop, {loop['rows']:,} rows: {loop_rate:9,.0f} pairs/s, peak {loop_peak:6.0f} MB")
        for fmt in args.formats.split(","):
            for workers in map(int, args.workers.split(",")):
                out = tmp / f"out.{workers}.{fmt}"
                result, peak = run_measured([str(workers), str(source), str(out), "0"])
                rate = result["rows"] / result["seconds"]
                ok_memory = peak <= MEMORY_GOAL_MB
                ok_rate = workers < 2 or rate >= RATE_GOAL
                failed |= not (ok_memory and ok_rate)
                print(f"  {fmt:7} {workers} worker{'s' if workers > 1 else ' '}: {rate:9,.0f} pairs/s "
                      f"= {rate / loop_rate:5.1f}x the loop, peak {peak:6.0f} MB of the process tree "
                      f"({'met' if ok_memory else 'NOT met'}: <= {MEMORY_GOAL_MB:.0f} MB"
                      + (f"; rate {'met' if ok_rate else 'NOT met'}: >= {RATE_GOAL:,.0f}/s" if workers >= 2 else "")
                      + f"), {result['bytes'] / result['rows']:,.0f} bytes a row")
                out.unlink()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("all goals met" if not failed else "some goals NOT met")


if __name__ == "__main__":
    main()
