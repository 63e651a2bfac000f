"""Benchmark geo.geodesy against raw pyproj, measured in this same process.

    python bench/bench_geodesy.py [--pairs 1000000] [--repeats 5]

1. ``inverse`` on N random pairs as a ratio to one raw vectorized ``pyproj.Geod.inv`` call
   on the same arrays (goal: at most 1.5x). The two are interleaved and the best of several
   repeats kept, so a noisy shared machine hurts both alike.
2. ``geodesic_path`` per call (a short coastal hop and a trans-Pacific line), as a ratio to
   the raw ``Geod.inv_intermediate`` call that makes the same points.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.geodesy import GEOD, geodesic_path, inverse  # noqa: E402


def best_of(repeats: int, *functions):
    """Best wall time (s) of each function over ``repeats`` interleaved rounds."""
    best = [float("inf")] * len(functions)
    for _ in range(repeats):
        for i, function in enumerate(functions):
            start = time.perf_counter()
            function()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def bench_inverse(pairs: int, repeats: int) -> None:
    rng = np.random.default_rng(20240614)
    lon1, lon2 = rng.uniform(-180.0, 180.0, (2, pairs))
    lat1, lat2 = np.degrees(np.arcsin(rng.uniform(-1.0, 1.0, (2, pairs))))  # uniform on the sphere
    # Same answers first, so the timing compares like with like.
    raw = GEOD.inv(lon1, lat1, lon2, lat2, return_back_azimuth=False)
    ours = inverse(lon1, lat1, lon2, lat2)
    assert np.allclose(ours.distance_km * 1000.0, raw[2], rtol=0, atol=1e-6)
    raw_s, ours_s = best_of(
        repeats,
        lambda: GEOD.inv(lon1, lat1, lon2, lat2),
        lambda: inverse(lon1, lat1, lon2, lat2),
    )
    print(f"inverse, {pairs:,} pairs, best of {repeats}:")
    print(f"  raw pyproj Geod.inv    {raw_s:8.3f} s  ({raw_s / pairs * 1e9:6.0f} ns/pair)")
    print(f"  geo.geodesy.inverse    {ours_s:8.3f} s  ({ours_s / pairs * 1e9:6.0f} ns/pair)")
    verdict = "ok" if ours_s / raw_s <= 1.5 else "OVER GOAL"
    print(f"  ratio                  {ours_s / raw_s:8.3f}x  (goal <= 1.5x: {verdict})")


def bench_paths(repeats: int) -> None:
    cases = [
        ("Najin -> Dunay", (130.3, 42.2333), (132.33542, 42.87879), 2000),
        ("Vladivostok -> San Francisco", (131.9, 43.1), (-122.4, 37.8), 200),
    ]
    print(f"geodesic_path (max_segment_km=10), best of {repeats}:")
    for name, a, b, calls in cases:
        points = len(geodesic_path(a, b))

        def raw(a=a, b=b, points=points, calls=calls):
            for _ in range(calls):
                GEOD.inv_intermediate(*a, *b, npts=points, initial_idx=0, terminus_idx=0,
                                      return_back_azimuth=False)  # fmt: skip

        def ours(a=a, b=b, calls=calls):
            for _ in range(calls):
                geodesic_path(a, b)

        raw_s, ours_s = best_of(repeats, raw, ours)
        print(
            f"  {name:30s} {points:4d} points: {ours_s / calls * 1e6:7.1f} us/call "
            f"(raw inv_intermediate {raw_s / calls * 1e6:7.1f} us, ratio {ours_s / raw_s:5.2f}x)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    bench_inverse(args.pairs, args.repeats)
    bench_paths(args.repeats)


if __name__ == "__main__":
    main()
