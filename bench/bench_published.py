"""Sea routes against published port-to-port distances, beside searoute-py in the same run.

Run: ``python bench/bench_published.py`` (the coastline cache must exist: any route builds it).
Writes ``bench/published.md``. No network: the figures and their sources are in
``bench/published.py``.

For every pair: shiproute's route (route cache off, so the router itself answers) and
searoute-py 1.6.0's (default options, as a user calls it, with the same passages closed), each
as error % against the published figure: (route - published) / published. Summaries per band
(short < 300 km, mid 300-3,000 km, ocean > 3,000 km, by the published figure): median absolute
error, share within 5 %, and how many routes come out more than 3 % *shorter* than published
(a route shorter than a real voyage is suspect: it may cut over land, or the figure may take a
longer way, such as a river the coastline does not draw). Also: routes whose sea legs touch
full-resolution land (access legs from a place on land excepted), and route time.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from published import PUBLISHED, Published  # noqa: E402

#: shiproute's passage keys as searoute-py names its restrictions.
SEAROUTE_RESTRICTION = {"suez": "suez", "panama": "panama", "gibraltar": "gibraltar", "hormuz": "ormuz",
                        "bab-el-mandeb": "babalmandab", "bosporus": "bosporus"}


def theirs(pair: Published) -> float:
    import searoute

    restrictions = ["northwest"] + [SEAROUTE_RESTRICTION[k] for k in pair.avoid]
    route = searoute.searoute(list(pair.a), list(pair.b), units="km", restrictions=restrictions)
    return float(route.properties["length"])


def sea_leg_touches_land(route) -> bool:
    """Whether a segment of the route, other than an access leg from a place on land or a
    stretch along a river channel (``geo.sea.channels``: GSHHG draws no rivers), meets
    full-resolution land."""
    import numpy as np
    import shapely

    from geo.sea.channels import channels
    from geo.sea.coastline import segments_touch_land

    hits = segments_touch_land(route.coords)
    if route.access_legs_km[0] > 0:
        hits[0] = False
    if route.access_legs_km[1] > 0:
        hits[-1] = False
    if hits.any():
        lines = shapely.union_all([shapely.LineString(c.coords) for c in channels()])
        xy = np.asarray(route.coords, dtype=float)
        mid = shapely.points((xy[:-1] + xy[1:]) / 2)
        along = (shapely.distance(shapely.points(xy[:-1]), lines) < 1e-6) & (shapely.distance(mid, lines) < 1e-6)
        hits &= ~along
    return bool(hits.any())


def _summary(name: str, errors: list[float]) -> str:
    if not errors:
        return f"{name}: no routes"
    med = statistics.median(abs(e) for e in errors)
    within = sum(abs(e) <= 5.0 for e in errors)
    short = sum(e < -3.0 for e in errors)
    return (f"{name}: median |error| {med:.1f} %, within 5 %: {within}/{len(errors)} "
            f"({100.0 * within / len(errors):.0f} %), more than 3 % short: {short}")


def main() -> None:
    from geo.errors import NoSeaRoute
    from geo.sea.route import sea_route

    os.environ["SHIPROUTE_ROUTE_CACHE"] = "off"  # the router's own answers
    rows = [
        "| pair | band | kind | published | published km | shiproute km | error % | searoute-py km | error % "
        "| passages | ms | source |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---|",
    ]
    ours: dict[str, list[float]] = {"short": [], "mid": [], "ocean": []}
    other: dict[str, list[float]] = {"short": [], "mid": [], "ocean": []}
    on_land, failed, times = [], [], []
    other_ways: list[tuple[str, float | None]] = []  # rows whose figure is for another way, our error
    unexplained: list[float] = []  # our errors on the other rows
    for pair in PUBLISHED:
        t = time.perf_counter()
        try:
            route = sea_route(pair.a, pair.b, avoid=pair.avoid)
        except NoSeaRoute as exc:
            route = None
            failed.append(f"{pair.label}: {exc}")
        ms = 1000.0 * (time.perf_counter() - t)
        times.append(ms)
        try:
            their_km: float | None = theirs(pair)
        except Exception as exc:  # searoute-py raises bare Exceptions  # noqa: BLE001
            their_km = None
            failed.append(f"{pair.label} (searoute-py): {type(exc).__name__}: {exc}")
        err = None if route is None else 100.0 * (route.length_km - pair.km) / pair.km
        err_other = None if their_km is None else 100.0 * (their_km - pair.km) / pair.km
        if pair.other_way:
            other_ways.append((pair.label, err))
        elif err is not None:
            unexplained.append(err)
        if err is not None:
            ours[pair.band].append(err)
            if sea_leg_touches_land(route):
                on_land.append(pair.label)
        if err_other is not None:
            other[pair.band].append(err_other)
        unit = pair.unit
        avoid = f" (avoiding {', '.join(pair.avoid)})" if pair.avoid else ""
        rows.append(
            f"| {pair.label}{avoid} | {pair.band} | {pair.kind} | {pair.value:,.1f} {unit} | {pair.km:,.1f} | "
            + (f"{route.length_km:,.1f} | {err:+.1f} | " if route is not None and err is not None
               else "no route | - | ")
            + (f"{their_km:,.1f} | {err_other:+.1f} | " if their_km is not None and err_other is not None
               else "failed | - | ")
            + f"{', '.join(route.passages) if route is not None and route.passages else '-'} | {ms:.0f} | "
            f"[link]({pair.source}) |"
        )
    every_ours = [e for v in ours.values() for e in v]
    every_other = [e for v in other.values() for e in v]
    lines = [f"{len(PUBLISHED)} published pairs ({sum(len(v) for v in ours.values())} routed by shiproute, "
             f"{len(every_other)} by searoute-py)."]
    for band in ("short", "mid", "ocean"):
        lines.append(_summary(f"shiproute, {band} ({len(ours[band])})", ours[band]))
        lines.append(_summary(f"searoute-py, {band} ({len(other[band])})", other[band]))
    lines.append(_summary("shiproute, all", every_ours))
    lines.append(_summary("searoute-py, all", every_other))
    lines.append(_summary(f"shiproute, the {len(unexplained)} rows whose figure nothing shows to be for another way",
                          unexplained))
    lines.append(f"shiproute, all, a row whose figure is shown to be for another way counted as met: within 5 %: "
                 f"{sum(abs(e) <= 5.0 for e in unexplained) + len(other_ways)}/{len(PUBLISHED)}, more than 3 % short: "
                 f"{sum(e < -3.0 for e in unexplained)} (rows listed under the table: {len(other_ways)})")
    lines.append(f"shiproute routes with a sea leg touching GSHHG land: {len(on_land)}"
                 + (f" ({'; '.join(on_land)})" if on_land else ""))
    lines.append(f"shiproute route time (route cache off, one process): median {statistics.median(times):.0f} ms, "
                 f"max {max(times):.0f} ms, total {sum(times) / 1000.0:.1f} s")
    if failed:
        lines.append("Failures: " + " | ".join(failed))
    summary = "\n".join(lines)
    rows.append("")
    rows.append("Figures shown to be for another way than the shortest water between the ends "
                "(`other_way` in `bench/published.py`):")
    rows.append("")
    for pair in PUBLISHED:
        if pair.other_way:
            err = dict(other_ways)[pair.label]
            shown = f"{err:+.1f} %" if err is not None else "no route"
            rows.append(f"- {pair.label} (shiproute {shown}): {pair.other_way}.")
    table = "\n".join(rows)
    print(table)
    print()
    print(summary)
    text = (
        "# Sea routes against published distances\n\n"
        "Generated by `python bench/bench_published.py`; pairs and sources in `bench/published.py`. "
        "shiproute with its route cache off; searoute-py 1.6.0 with default options and the same passages "
        "closed. Error = (route - published) / published.\n\n"
        + table + "\n\n```\n" + summary + "\n```\n"
    )
    (HERE / "published.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
