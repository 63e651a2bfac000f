"""Sea-route accuracy and speed, against an independent reference and against searoute-py.

Run: ``python bench/bench_searoute.py`` (the coastline cache must exist: any route builds it).

1. Accuracy: every hop of ``bench/hops.py`` by shiproute and by searoute-py 1.6.0 (default
   options, as a user calls it), each as error % against the fine-grid reference of
   ``bench/reference_routes.py`` (kept in ``bench/reference_routes.json``). Printed and
   written to ``bench/hops.md``.
2. Speed, in this process: warm regional route, warm ocean route, each with the same route
   by searoute-py and the ratio (ours / theirs); cold start (first route in a fresh process,
   cache built) in a subprocess for each, with the ratio; peak memory (max RSS) of the
   subprocess that runs shiproute's routes.
"""

from __future__ import annotations

import json
import subprocess
import sys
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
    from geo.searoute import sea_route

    refs = json.loads((HERE / "reference_routes.json").read_text())
    rows = [
        "| hop | region | reference km | shiproute km | error % | searoute-py km | error % | passages | access legs km |",
        "|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    worst = 0.0
    for label, region, a, b, note in HOPS:
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


def timed(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


COLD = """
import sys, time, resource
sys.path.insert(0, {root!r})
t = time.perf_counter()
{body}
# VmHWM: this process's own peak RSS (ru_maxrss can carry the parent's over fork + exec).
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(time.perf_counter() - t, int(hwm) / 1024.0)
"""


def cold(body: str) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", COLD.format(root=str(ROOT), body=body)], capture_output=True, text=True, check=True)
    seconds, rss_mb = out.stdout.split()[-2:]
    return float(seconds), float(rss_mb)


def speed() -> str:
    from geo.searoute import sea_route

    lines = []
    for name, (a, b) in (("regional (Najin-Dunay)", REGIONAL), ("ocean (Vladivostok-San Francisco)", OCEAN)):
        sea_route(a, b)
        theirs(a, b)
        ours = timed(lambda: sea_route(a, b), 5)
        # A different pair in the same region: data loaded, no mesh cached for it.
        other = timed(lambda: theirs(a, b), 5)
        lines.append(f"warm {name}: shiproute {ours * 1000:.1f} ms, searoute-py {other * 1000:.1f} ms, ratio {ours / other:.2f}")
    near = ((130.32, 42.20), (132.10, 42.95))
    t = time.perf_counter()
    sea_route(*near)
    lines.append(f"warm regional, new pair in a loaded region (new mesh): {1000 * (time.perf_counter() - t):.1f} ms")
    for name, (a, b) in (("regional", REGIONAL), ("ocean", OCEAN)):
        ours, rss = cold(f"from geo.searoute import sea_route; sea_route({a!r}, {b!r})")
        other, rss_other = cold(f"import searoute; searoute.searoute({list(a)!r}, {list(b)!r})")
        lines.append(
            f"cold {name} (fresh process, first route): shiproute {ours:.2f} s (max RSS {rss:.0f} MB), "
            f"searoute-py {other:.2f} s (max RSS {rss_other:.0f} MB), ratio {ours / other:.2f}"
        )
    seconds, rss = cold(
        f"sys.path.insert(0, {str(HERE)!r})\nfrom geo.searoute import sea_route\nfrom hops import HOPS\n"
        f"[sea_route(a, b) for _, _, a, b, _ in HOPS]\nsea_route({OCEAN[0]!r}, {OCEAN[1]!r})\n"
        "sea_route((4.0, 51.95), (121.8, 31.3))"
    )
    lines.append(f"memory: all {len(HOPS)} hops + 2 ocean routes in one process: max RSS {rss:.0f} MB ({seconds:.1f} s)")
    return "\n".join(lines)


def main() -> None:
    table = accuracy()
    print(table)
    figures = speed()
    print()
    print(figures)
    text = (
        "# Sea routes: accuracy and speed\n\n"
        "Generated by `python bench/bench_searoute.py`. Reference: `bench/reference_routes.py` "
        "(16-connected fine grid over GSHHG full resolution with line-of-sight smoothing, its own "
        "land test). searoute-py 1.6.0 called with default options. Error = (route - reference) / reference.\n\n"
        + table
        + "\n\n## Speed and memory (this run, this machine)\n\n```\n"
        + figures
        + "\n```\n"
    )
    (HERE / "hops.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
