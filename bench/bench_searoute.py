"""Sea-route accuracy and speed, against an independent reference and against searoute-py.

Run: ``python bench/bench_searoute.py`` (the coastline cache must exist: any route builds it).

1. Accuracy: every hop of ``bench/hops.py`` by shiproute (route cache off: the router's own
   answer) and by searoute-py 1.6.0 (default options, as a user calls it), each as error %
   against the fine-grid reference of ``bench/reference_routes.py`` (kept in
   ``bench/reference_routes.json``). Printed and written to ``bench/hops.md``.
2. Sweep: every pair of the broad sweep of ``tests/test_searoute.py`` (towns resolved as the
   CLI does, UN/LOCODE port points, every sea), with geodesic, sea km, their ratio and time.
3. Speed, every figure beside searoute-py's for the same pair in the same run and the ratio
   (ours / theirs). Two kinds of shiproute figure, labelled:

   * **first-ever** (computed): the route cache of :mod:`geo.sea.cache` is off
     (``SHIPROUTE_ROUTE_CACHE=off``), so the route is really computed. "Warm" means in a
     process that already holds the region's mesh (same pair) or the region's data (new
     pair: a box never meshed in this process); "cold" means the first route in a fresh
     process, with the on-disk data caches built (coastline, MARNET arrays) but no route
     cached.
   * **repeat** (cached): the same question asked again with the route cache on, in this
     process (warm) or in a fresh one (cold); the answer is read back, identical.

   Cold figures are medians of a few fresh processes, interleaved with searoute-py's. Peak
   memory (VmHWM) of the subprocess that runs shiproute's routes.
"""

from __future__ import annotations

import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from hops import HOPS  # noqa: E402

REGIONAL = ((130.3, 42.2333), (132.35, 42.88))  # Najin - Dunay
OCEAN = ((131.88, 43.1), (-122.42, 37.80))  # Vladivostok - San Francisco


def theirs(a, b) -> float:
    import searoute

    return float(searoute.searoute(list(a), list(b), units="km").properties["length"])


def accuracy() -> str:
    from geo.sea.route import sea_route

    os.environ["SHIPROUTE_ROUTE_CACHE"] = "off"  # the router's own answers

    refs = json.loads((HERE / "reference_routes.json").read_text())
    rows = [
        ("| hop | region | reference km | shiproute km | error % | searoute-py km | error % | passages "
         "| access legs km |"),
        "|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    worst = 0.0
    for label, region, a, b, _note in HOPS:
        if label not in refs:
            continue
        ref = refs[label]["length_km"]
        route = sea_route(a, b)
        other = theirs(a, b)
        err = 100.0 * (route.length_km - ref) / ref
        err_other = 100.0 * (other - ref) / ref
        worst = max(worst, abs(err))
        legs = ", ".join(f"{x:.2f}" for x in route.access_legs_km)
        rows.append(
            f"| {label} | {region} | {ref:.2f} | {route.length_km:.2f} | {err:+.2f} | {other:.2f} | {err_other:+.2f} | "
            f"{', '.join(route.passages) or '-'} | {legs} |"
        )
    rows.append("")
    rows.append(f"Largest shiproute error: {worst:.2f} % over {len(rows) - 3} hops.")
    return "\n".join(rows)


def sweep() -> str:
    """The broad sweep of ``tests/test_searoute.py`` (towns resolved as the CLI does, and
    UN/LOCODE port points): geodesic, sea route, ratio, how it was made, time (route cache
    off, in this process, after the accuracy hops)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_searoute import SWEEP_MAX_RATIO, SWEEP_PORTS, SWEEP_TOWNS, _shipped_ports

    from geo.geodesy import distance_km
    from geo.pair import resolve_pair
    from geo.sea.route import sea_route

    os.environ["SHIPROUTE_ROUTE_CACHE"] = "off"
    ports = _shipped_ports()
    pairs = [(sea, f"{a} – {b}", *resolve_pair(a, b)[:2]) for sea, a, b, _, _ in SWEEP_TOWNS]
    pairs += [(sea, f"{a} – {b}", ports[a], ports[b]) for sea, a, b in SWEEP_PORTS]
    rows = [
        "| sea | pair (asked) | resolved | geodesic km | sea km | ratio | method | access legs km | ms |",
        "|---|---|---|---:|---:|---:|---|---|---:|",
    ]
    ratios, times = [], []
    for sea, asked, a, b in pairs:
        t = time.perf_counter()
        route = sea_route(a, b)
        ms = 1000.0 * (time.perf_counter() - t)
        geodesic = distance_km(a, b)
        ratios.append(route.length_km / geodesic)
        times.append(ms)
        legs = ", ".join(f"{x:.1f}" for x in route.access_legs_km)
        rows.append(
            f"| {sea} | {asked} | {a.label()} – {b.label()} | {geodesic:.1f} | {route.length_km:.1f} | "
            f"{route.length_km / geodesic:.3f} | {route.method.split(':')[0]} | {legs} | {ms:.0f} |"
        )
    rows.append("")
    rows.append(
        f"{len(pairs)} pairs, all routed; ratio sea / geodesic from {min(ratios):.3f} to {max(ratios):.3f} "
        f"(bound {SWEEP_MAX_RATIO}); route time median {statistics.median(times):.0f} ms, max {max(times):.0f} ms, "
        f"total {sum(times) / 1000.0:.1f} s."
    )
    return "\n".join(rows)


def timed(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


COLD = """
import sys, time
sys.path.insert(0, {root!r})
t = time.perf_counter()
{body}
# VmHWM: this process's own peak RSS (ru_maxrss can carry the parent's over fork + exec).
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(time.perf_counter() - t, int(hwm) / 1024.0)
"""


def cold(body: str, env: dict[str, str] | None = None) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", COLD.format(root=str(ROOT), body=body)],
        capture_output=True, text=True, check=True, env={**os.environ, **(env or {})},
    )
    seconds, rss_mb = out.stdout.split()[-2:]
    return float(seconds), float(rss_mb)


def ratio(ours: float, theirs: float) -> str:
    return f"ratio {ours / theirs:.2f}"


#: New pairs around Najin–Dunay, each needing a box that no earlier route meshed.
NEW_PAIRS = [
    ((130.32, 42.20), (132.10, 42.95)),
    ((130.45, 42.30), (131.95, 43.05)),
    ((130.60, 42.10), (132.60, 42.70)),
    ((130.36, 42.27), (131.40, 42.55)),
    ((130.80, 42.00), (132.90, 42.75)),
]


def speed(cold_runs: int = 3) -> str:
    from geo.sea import cache as routecache
    from geo.sea.route import sea_route

    lines = []
    cache_file = Path(tempfile.mkdtemp(prefix="bench-routes-")) / "routes.sqlite"
    off = {routecache.ENV_VAR: "off"}
    on = {routecache.ENV_VAR: str(cache_file)}
    for name, (a, b) in (("regional (Najin-Dunay)", REGIONAL), ("ocean (Vladivostok-San Francisco)", OCEAN)):
        theirs(a, b)
        other = timed(functools.partial(theirs, a, b), 5)
        os.environ.update(off)
        sea_route(a, b)
        computed = timed(functools.partial(sea_route, a, b), 5)
        os.environ.update(on)
        sea_route(a, b)  # stores it
        cached = timed(functools.partial(sea_route, a, b), 5)
        lines.append(
            f"warm {name}, same pair, first-ever (computed, mesh in memory): shiproute {computed * 1000:.1f} ms, "
            f"searoute-py {other * 1000:.1f} ms, {ratio(computed, other)}"
        )
        lines.append(
            f"warm {name}, same pair, repeat (route cache): shiproute {cached * 1000:.2f} ms, "
            f"searoute-py {other * 1000:.1f} ms, {ratio(cached, other)}"
        )
    os.environ.update(off)
    ours_new, theirs_new = [], []
    for a, b in NEW_PAIRS:
        t = time.perf_counter()
        sea_route(a, b)
        ours_new.append(time.perf_counter() - t)
        theirs(a, b)
        theirs_new.append(timed(functools.partial(theirs, a, b), 3))
    med, worst = statistics.median(ours_new), max(ours_new)
    med_other = statistics.median(theirs_new)
    lines.append(
        f"warm regional, new pair in a loaded region, first-ever (new mesh), {len(NEW_PAIRS)} pairs: "
        f"shiproute median {med * 1000:.1f} ms (max {worst * 1000:.1f} ms), "
        f"searoute-py median {med_other * 1000:.1f} ms, "
        f"{ratio(med, med_other)} (max {worst / med_other:.2f})"
    )
    for name, (a, b) in (("regional", REGIONAL), ("ocean", OCEAN)):
        body = f"from geo.sea.route import sea_route; sea_route({a!r}, {b!r})"
        cold(body, on)  # the fresh processes of the "repeat" rows find it cached
        first, repeat, other, rss_first = [], [], [], 0.0
        for _ in range(cold_runs):
            seconds, rss = cold(body, off)
            first.append(seconds)
            rss_first = max(rss_first, rss)
            repeat.append(cold(body, on)[0])
            other.append(cold(f"import searoute; searoute.searoute({list(a)!r}, {list(b)!r})")[0])
        _, rss_other = cold(f"import searoute; searoute.searoute({list(a)!r}, {list(b)!r})")
        f, r, o = statistics.median(first), statistics.median(repeat), statistics.median(other)
        lines.append(
            f"cold {name} (fresh process, first route), first-ever: "
            f"shiproute {f:.2f} s (max RSS {rss_first:.0f} MB), "
            f"searoute-py {o:.2f} s (max RSS {rss_other:.0f} MB), {ratio(f, o)}"
        )
        lines.append(
            f"cold {name} (fresh process, first route), repeat (route cache): "
            f"shiproute {r:.2f} s, searoute-py {o:.2f} s, {ratio(r, o)}"
        )
    seconds, rss = cold(
        f"sys.path.insert(0, {str(HERE)!r})\nfrom geo.sea.route import sea_route\nfrom hops import HOPS\n"
        f"[sea_route(a, b) for _, _, a, b, _ in HOPS]\nsea_route({OCEAN[0]!r}, {OCEAN[1]!r})\n"
        "sea_route((4.0, 51.95), (121.8, 31.3))",
        off,
    )
    lines.append(
        f"memory: all {len(HOPS)} hops + 2 ocean routes in one process, first-ever: "
        f"max RSS {rss:.0f} MB ({seconds:.1f} s)"
    )
    cache_file.unlink(missing_ok=True)
    cache_file.parent.rmdir()
    return "\n".join(lines)


def main() -> None:
    table = accuracy()
    print(table)
    swept = sweep()
    print()
    print(swept)
    figures = speed()
    print()
    print(figures)
    text = (
        "# Sea routes: accuracy and speed\n\n"
        "Generated by `python bench/bench_searoute.py`. Reference: `bench/reference_routes.py` "
        "(16-connected fine grid over GSHHG full resolution with line-of-sight smoothing, its own "
        "land test). shiproute with its route cache off; searoute-py 1.6.0 called with default options. "
        "Error = (route - reference) / reference.\n\n"
        + table
        + "\n\n## Sweep: towns and ports in every sea, 50 to 3,000 km\n\n"
        "The pairs of `tests/test_searoute.py` (towns resolved as the CLI resolves them, i.e. "
        "city centres, and UN/LOCODE port points of searoute's port list); route cache off. "
        "The test requires each route to stay off land and to measure between 1 and "
        "`SWEEP_MAX_RATIO` times the geodesic.\n\n"
        + swept
        + "\n\n## Speed and memory (this run, this machine)\n\n```\n"
        + figures
        + "\n```\n"
    )
    (HERE / "hops.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
