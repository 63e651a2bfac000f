"""Sea routes through archipelagos: time and length, corridor against whole box, in one run.

Run: ``python bench/bench_archipelago.py`` (the coastline cache must exist: any route builds it).

Routes whose box meets more than ``geo.sea.engine._CORRIDOR_MIN_PIECES`` pieces of land
(Stockholm's archipelago: 22,000 islets) are meshed in a corridor round a coarse way
(``geo.sea.engine._corridor_route``). The baseline, in the same process, is the whole-box mesh
that every route used before (the corridor turned off by raising that threshold). Each route
is computed afresh: route cache off, meshes dropped before each one. Printed: each pair's length,
time and access legs both ways, the ratio of times, and whether either route's sea legs meet
GSHHG land (access legs, which join a place on land to the water, excepted: their length says
whether one was carried far over land).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_published import sea_leg_touches_land  # noqa: E402

#: (label, (lon, lat) of a, (lon, lat) of b): city points, as a reader asks for them.
PAIRS = [
    ("Stockholm – Mariehamn", (18.07, 59.33), (19.93, 60.10)),
    ("Stockholm – Turku", (18.07, 59.33), (22.22, 60.44)),
    ("Stockholm – Helsinki", (18.07, 59.33), (24.95, 60.16)),
    ("Stockholm – Tallinn", (18.07, 59.33), (24.77, 59.445)),
    ("Turku – Mariehamn", (22.22, 60.44), (19.93, 60.10)),
    ("Stockholm – Visby", (18.07, 59.33), (18.29, 57.64)),
]


def _timed(a, b):
    from geo.sea import engine
    from geo.sea.route import sea_route

    engine._MESH_CACHE.clear()
    t = time.perf_counter()
    route = sea_route(a, b)
    return route, time.perf_counter() - t


def main() -> None:
    from geo.sea import engine
    from geo.sea.route import sea_route

    os.environ["SHIPROUTE_ROUTE_CACHE"] = "off"
    sea_route((18.5, 59.3), (18.6, 59.35))  # load the coastline, MARNET and the imports first
    threshold = engine._CORRIDOR_MIN_PIECES
    rows = ["| pair | whole box km | s | access legs km | corridor km | s | access legs km | time ratio "
            "| length change % | method | on land |",
            "|---|---:|---:|---|---:|---:|---|---:|---:|---|---|"]
    ratios, times = [], []
    for label, a, b in PAIRS:
        engine._CORRIDOR_MIN_PIECES = 10**9
        base, base_s = _timed(a, b)
        engine._CORRIDOR_MIN_PIECES = threshold
        ours, ours_s = _timed(a, b)
        ratios.append(ours_s / base_s)
        times.append(ours_s)
        change = 100.0 * (ours.length_km - base.length_km) / base.length_km
        land = ", ".join(name for name, r in (("box", base), ("corridor", ours)) if sea_leg_touches_land(r)) or "no"
        legs = [", ".join(f"{x:.1f}" for x in r.access_legs_km) for r in (base, ours)]
        rows.append(f"| {label} | {base.length_km:,.1f} | {base_s:.2f} | {legs[0]} | {ours.length_km:,.1f} | "
                    f"{ours_s:.2f} | {legs[1]} | "
                    f"{ours_s / base_s:.2f} | {change:+.1f} | {ours.method.split(':')[0]} | {land} |")
    print("\n".join(rows))
    print()
    print(f"{len(PAIRS)} pairs: corridor time median {statistics.median(times):.2f} s, max {max(times):.2f} s; "
          f"ratio to the whole box median {statistics.median(ratios):.2f}, max {max(ratios):.2f}")


if __name__ == "__main__":
    main()
