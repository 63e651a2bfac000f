"""Benchmark ``shiproute batch`` (geo.batch.run_batch) against a plain loop over the library.

    python bench/bench_batch.py [--rows 1000000] [--distinct-rows 20000] [--sea-pairs 24] [--articles 40]

Every figure is end to end: read the input file, check every row, write the output CSV. The
baseline, measured in the same run, is the plain Python loop a user would write: for each
row ``json.dumps(check_pair(a, b, claim, sea=...).to_dict())`` (``check_article`` per
article), errors caught, on the first ``--loop-rows`` rows (the loop is slow). Batch figures
with 1 worker (in its own process) and 2 workers (a process pool, its start-up included).

Each measurement runs in a fresh process that first opens the gazetteer with one unrelated
lookup, so no run profits from in-process caches (resolved names, sea-route meshes) that
another one filled; an untimed run before them warms the operating system's file cache for
all alike. A shared machine is noisy, which is why the loop is measured in the same run.

Workloads, real names drawn with a fixed seed from the 3,867 port names that ship with
searoute (about a quarter of them namesakes whose choice depends on the partner place):

1. geodesic, repeated rows: ``--rows`` rows drawn from 1,000 distinct (a, b, claim) rows over
   300 names (a voyage log: the same routes recur). Goal: >= 200,000 pairs/s.
2. geodesic, distinct rows: ``--distinct-rows`` rows, each a random pair of the 300 names with
   a random claim (hardly a row repeats: each is resolved as a pair, judged and formatted).
3. sea routes: ``--sea-pairs`` real port pairs (regional and ocean routes), ``--measure both``,
   computed afresh (``SHIPROUTE_ROUTE_CACHE=off``: no answer from the on-disk route cache).
4. articles: ``--articles`` articles (the test corpus, repeated), geodesic only.
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
SEA_PAIRS = [("Najin", "Dunay"), ("Vladivostok", "Nakhodka"), ("Helsinki", "Tallinn"), ("Rotterdam", "Hamburg"),
             ("Odesa", "Istanbul"), ("Busan", "Fukuoka"), ("Kaliningrad", "Gdansk"), ("Singapore", "Port Klang"),
             ("Tartus", "Latakia"), ("Gibraltar", "Tangier"), ("Kerch", "Novorossiysk"), ("Haifa", "Limassol"),
             ("Copenhagen", "Malmo"), ("Piraeus", "Heraklion"), ("Bandar Abbas", "Fujairah"), ("Shanghai", "Ningbo"),
             ("Sevastopol", "Novorossiysk"), ("Dover", "Calais"), ("Yokohama", "Kobe"), ("Buenos Aires", "Montevideo"),
             ("Port Said", "Suez"), ("Istanbul", "Sevastopol"), ("Chornomorsk", "Constanta"), ("Ust-Luga", "Primorsk")]


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


# --- one measurement, in a child process --------------------------------------------------------


def measure_child(kind: str, mode: str, source: str, out: str, measure: str, loop_rows: int) -> dict:
    """Seconds and rows of one run: ``mode`` is ``loop`` or a worker count."""
    from geo.places.gazetteer import resolve

    resolve("Najin")  # open the gazetteer, as any earlier command of a session would have
    if mode == "loop":
        if kind == "articles":
            from geo.text.article import check_article, load_article

            paths = sorted(str(p) for p in Path(source).iterdir())[:loop_rows]
            started = time.perf_counter()
            for path in paths:
                with contextlib.suppress(Exception):  # a failed row, as the batch reports it
                    json.dumps(check_article(load_article(path), sea=False).to_dict(), ensure_ascii=False)
            return {"seconds": time.perf_counter() - started, "rows": len(paths)}
        from geo.pair import check_pair

        with open(source, newline="", encoding="utf-8") as handle:
            rows = [(r["a"], r["b"], r["claim"])
                    for _, r in zip(range(loop_rows), csv.DictReader(handle), strict=False)]
        started = time.perf_counter()
        lines = []
        for a, b, claim in rows:
            try:
                lines.append(json.dumps(check_pair(a, b, claim or None, sea=measure != "geodesic").to_dict(),
                                        ensure_ascii=False))
            except Exception as exc:  # noqa: BLE001
                lines.append(str(exc))
        return {"seconds": time.perf_counter() - started, "rows": len(rows)}
    from geo.batch.runner import run_batch

    started = time.perf_counter()
    summary = run_batch(source, out, measure=measure, workers=int(mode))
    return {"seconds": time.perf_counter() - started, "rows": summary.inputs, "workers": summary.workers}


def run_child(*args: str) -> dict:
    # Sea routes computed afresh each time, not answered from the on-disk route cache.
    env = {**os.environ, "SHIPROUTE_ROUTE_CACHE": "off"}
    result = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True,
                            env=env)
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- the report ---------------------------------------------------------------------------------


def bench(title: str, kind: str, unit: str, source: Path, measure: str, loop_rows: int, tmp: Path,
          goal: float | None = None) -> None:
    # One untimed run first, so that every timed one finds the data files (gazetteer index,
    # coastline tiles) in the operating system's page cache alike.
    run_child(kind, "loop", str(source), "", measure, str(loop_rows))
    loop = run_child(kind, "loop", str(source), "", measure, str(loop_rows))
    runs = {w: run_child(kind, str(w), str(source), str(tmp / f"{kind}.{w}.csv"), measure, "0") for w in (1, 2)}
    same = (tmp / f"{kind}.1.csv").read_bytes() == (tmp / f"{kind}.2.csv").read_bytes()
    loop_rate = loop["rows"] / loop["seconds"]
    print(title)
    print(f"  plain loop, {loop['rows']:,} rows ({loop['seconds']:6.2f} s): {loop_rate:12,.1f} {unit}/s")
    for workers, run in runs.items():
        rate = run["rows"] / run["seconds"]
        goal_text = f"  (goal >= {goal:,.0f}: {'met' if rate >= goal else 'NOT met'})" if goal else ""
        print(f"  batch, {workers} worker{'s' if workers > 1 else ' '}, {run['rows']:,} rows "
              f"({run['seconds']:6.2f} s): "
              f"{rate:12,.1f} {unit}/s = {rate / loop_rate:6.1f}x the loop{goal_text}")
    print(f"  1 and 2 workers wrote identical files: {same}")
    assert same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--distinct-rows", type=int, default=20_000)
    parser.add_argument("--sea-pairs", type=int, default=24)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--loop-rows", type=int, default=2_000, help="rows the plain loop runs on")
    parser.add_argument("--child", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, mode, source, out, measure, loop_rows = args.child
        print(json.dumps(measure_child(kind, mode, source, out, measure, int(loop_rows))))
        return

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} (shared machines are noisy)\n")
    rng = random.Random(20240614)
    pool = rng.sample(port_names(), 300)
    tmp = Path(tempfile.mkdtemp(prefix="bench_batch_"))
    try:
        base = [(rng.choice(pool), rng.choice(pool), rng.choice(CLAIMS)) for _ in range(1000)]
        source = write_csv(tmp / "repeated.csv", [rng.choice(base) for _ in range(args.rows)])
        bench(f"1. geodesic checks, {args.rows:,} rows repeating 1,000 distinct rows over 300 port names",
              "repeated", "pairs", source, "geodesic", args.loop_rows, tmp, goal=200_000)

        source = write_csv(tmp / "distinct.csv", [(rng.choice(pool), rng.choice(pool), rng.choice(CLAIMS))
                                                  for _ in range(args.distinct_rows)])
        bench(f"2. geodesic checks, {args.distinct_rows:,} distinct rows over 300 port names", "distinct",
              "pairs", source, "geodesic", args.loop_rows, tmp)

        source = write_csv(tmp / "sea.csv", [(a, b, "") for a, b in SEA_PAIRS[: args.sea_pairs]])
        bench(f"3. sea routes, {min(args.sea_pairs, len(SEA_PAIRS))} port pairs (--measure both)", "sea", "routes",
              source, "both", args.sea_pairs, tmp)

        corpus = sorted((REPO / "tests" / "data" / "articles").glob("*.txt"))
        folder = tmp / "articles"
        folder.mkdir()
        for i in range(args.articles):
            shutil.copy(corpus[i % len(corpus)], folder / f"{i:04d}_{corpus[i % len(corpus)].name}")
        bench(f"4. articles, {args.articles} articles (geodesic)", "articles", "articles", folder, "geodesic",
              len(corpus), tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
