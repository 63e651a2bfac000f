"""Benchmark ``shiproute batch`` (geo.batch.run_batch) against a plain loop over the library.

    python bench/bench_batch.py [--rows 200000] [--distinct-rows 20000] [--sea-pairs 8] [--articles 40]

Every figure is end to end: read the input file, check every row, write the output CSV. The
baseline, measured in the same run, is the plain Python loop a user would write: for each
row ``json.dumps(check_pair(a, b, claim, sea=...).to_dict())`` (``check_article`` per article),
errors caught, on a sample of the rows (the loop is slow). Each figure with 1 worker (this
process) and 2 workers (a process pool, its start-up included).

Workloads, all real names drawn with a fixed seed from the 3,867 port names that ship with
searoute (so about a quarter of them are namesakes whose choice depends on the partner):

1. geodesic, repeated rows: ``--rows`` rows drawn from 1,000 distinct (a, b, claim) rows over
   300 names (a voyage log: the same routes recur). Goal: >= 200,000 pairs/s.
2. geodesic, distinct rows: ``--distinct-rows`` rows, each a random pair of the 300 names with
   a random claim (almost no row repeats: every row is resolved as a pair and judged).
3. sea routes: ``--sea-pairs`` real port pairs (regional and ocean routes), ``--measure both``.
4. articles: ``--articles`` articles (the test corpus, repeated), geodesic only.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.batch import run_batch  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CLAIMS = ["about 100 km", "approximately 250 kilometers", "more than 500 km", "150-200 km",
          "nearly 60 nautical miles", "300 miles", "some 1,200 km", ""]
SEA_PAIRS = [("Najin", "Dunay"), ("Vladivostok", "Nakhodka"), ("Helsinki", "Tallinn"), ("Rotterdam", "Hamburg"),
             ("Odesa", "Istanbul"), ("Busan", "Fukuoka"), ("Kaliningrad", "Gdansk"), ("Singapore", "Port Klang"),
             ("Tartus", "Latakia"), ("Gibraltar", "Tangier"), ("Kerch", "Novorossiysk"), ("Haifa", "Limassol")]


def port_names() -> list[str]:
    import searoute

    path = Path(searoute.__file__).parent / "data" / "ports.geojson"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return sorted({f["properties"]["name"] for f in features if f["properties"].get("name")})


def write_csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["a", "b", "claim"])
        writer.writerows(rows)
    return path


def loop_pairs(rows: list[tuple[str, str, str]], sea: bool) -> float:
    """Seconds per row of the plain loop over check_pair."""
    from geo.pair import check_pair

    started = time.perf_counter()
    lines = []
    for a, b, claim in rows:
        try:
            lines.append(json.dumps(check_pair(a, b, claim or None, sea=sea).to_dict(), ensure_ascii=False))
        except Exception as exc:  # noqa: BLE001 - a failed row, as the batch reports it
            lines.append(str(exc))
    return (time.perf_counter() - started) / len(rows)


def loop_articles(paths: list[str]) -> float:
    from geo.article import check_article, load_article

    started = time.perf_counter()
    for path in paths:
        try:
            json.dumps(check_article(load_article(path), sea=False).to_dict(), ensure_ascii=False)
        except Exception:  # noqa: BLE001
            pass
    return (time.perf_counter() - started) / len(paths)


def timed_batch(source, out: Path, measure: str, workers: int) -> tuple[float, int]:
    started = time.perf_counter()
    summary = run_batch(source, out, measure=measure, workers=workers)
    return time.perf_counter() - started, summary.inputs


def report(title: str, unit: str, loop_s: float, loop_n: int, runs: dict[int, tuple[float, int]],
           goal: float | None = None) -> None:
    print(f"{title}")
    loop_rate = 1.0 / loop_s
    print(f"  plain loop (check_pair/check_article per row, {loop_n:,} rows): {loop_rate:12,.0f} {unit}/s")
    for workers, (seconds, n) in runs.items():
        rate = n / seconds
        goal_text = ""
        if goal is not None:
            goal_text = f"  (goal >= {goal:,.0f}: {'met' if rate >= goal else 'NOT met'})"
        print(f"  batch, {workers} worker{'s' if workers > 1 else ' '} ({n:,} rows, {seconds:6.2f} s):   "
              f"{rate:12,.0f} {unit}/s  = {rate / loop_rate:7.1f}x the loop{goal_text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--distinct-rows", type=int, default=20_000)
    parser.add_argument("--sea-pairs", type=int, default=8)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--loop-rows", type=int, default=2_000, help="rows the plain loop runs on")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} (shared machines are noisy)\n")

    rng = random.Random(20240614)
    pool = rng.sample(port_names(), 300)
    tmp = Path(tempfile.mkdtemp(prefix="bench_batch_"))
    try:
        # Warm the gazetteer index and the imports of this process first, as any session would.
        run_batch(write_csv(tmp / "warm.csv", [("Najin", "Dunay", "180 km")]), tmp / "warm.out.csv",
                  measure="geodesic", workers=1)

        base = [(rng.choice(pool), rng.choice(pool), rng.choice(CLAIMS)) for _ in range(1000)]
        repeated = [rng.choice(base) for _ in range(args.rows)]
        source = write_csv(tmp / "repeated.csv", repeated)
        runs = {w: timed_batch(source, tmp / f"repeated.{w}.csv", "geodesic", w) for w in (1, 2)}
        loop_rows = repeated[: args.loop_rows]
        report(f"1. geodesic, {args.rows:,} rows repeating 1,000 distinct rows over 300 port names", "pairs",
               loop_pairs(loop_rows, sea=False), len(loop_rows), runs, goal=200_000)
        assert (tmp / "repeated.1.csv").read_bytes() == (tmp / "repeated.2.csv").read_bytes()

        distinct = [(rng.choice(pool), rng.choice(pool), rng.choice(CLAIMS)) for _ in range(args.distinct_rows)]
        source = write_csv(tmp / "distinct.csv", distinct)
        runs = {w: timed_batch(source, tmp / f"distinct.{w}.csv", "geodesic", w) for w in (1, 2)}
        # A fresh sample for the loop: rows the batch has not put into the caches of this process.
        fresh = [(rng.choice(pool), rng.choice(pool), rng.choice(CLAIMS)) for _ in range(args.loop_rows)]
        report(f"2. geodesic, {args.distinct_rows:,} distinct rows over 300 port names", "pairs",
               loop_pairs(fresh, sea=False), len(fresh), runs)

        sea = [(a, b, "") for a, b in SEA_PAIRS[: args.sea_pairs]]
        source = write_csv(tmp / "sea.csv", sea)
        loop_s = loop_pairs(sea, sea=True)
        runs = {w: timed_batch(source, tmp / f"sea.{w}.csv", "both", w) for w in (1, 2)}
        report(f"3. sea routes, {len(sea)} port pairs (--measure both)", "routes", loop_s, len(sea), runs)

        corpus = sorted(str(p) for p in (REPO / "tests" / "data" / "articles").glob("*.txt"))
        folder = tmp / "articles"
        folder.mkdir()
        copies = []
        for i in range(args.articles):
            target = folder / f"{i:04d}_{Path(corpus[i % len(corpus)]).name}"
            shutil.copy(corpus[i % len(corpus)], target)
            copies.append(str(target))
        loop_s = loop_articles(copies[: min(len(copies), len(corpus))])
        runs = {w: timed_batch(folder, tmp / f"articles.{w}.csv", "geodesic", w) for w in (1, 2)}
        report(f"4. articles, {args.articles} articles (geodesic)", "articles", loop_s,
               min(len(copies), len(corpus)), runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
