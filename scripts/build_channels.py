"""Write ``data/channels.geojson``: the river and ship channels that lead to river ports, for the
sea router's access legs (GSHHG draws no rivers: Rotterdam's nearest sea in it is the
Haringvliet, behind a dam).

Input: ``data/channels_curated.csv`` (one row per channel piece, each with its cited source) and
Natural Earth 1:10m rivers and lake centrelines (``ne_10m_rivers_lake_centerlines.7z`` in
``../shared/natural-earth/``, public domain; ``py7zr`` from PyPI reads it, for this script only).

* A row of geometry ``ne`` is the stretch of the Natural Earth line(s) named ``ne_river``
  between its two ``points`` (upstream first): the shortest way along that river's vertices
  from the vertex nearest the first point to the vertex nearest the second.
* A row of geometry ``curated`` is its ``points`` as given (upstream first); an end within
  300 m of a vertex of a piece already built is moved onto that vertex, so the pieces join.
* A row with ``to_sea`` ``yes`` must end in GSHHG water: an end on land is carried on, 100 m
  at a time (at most 5 km), along its last bearing or straight to the nearest GSHHG water,
  whichever reaches it first (a river may bend at its mouth). ``both`` marks a through canal
  (Kiel): both its ends must be in GSHHG water. A ``to_sea`` naming one of the closed seas of
  ``geo.sea.closed_seas.CLOSED_SEAS`` ("the Caspian Sea": the Volga; "the Great Lakes": the St.
  Lawrence Seaway) must end in that sea's own water (``geo.sea.closed_seas.closed_water``, as
  the router meshes it), carried on the same way: GSHHG has the closed sea as land, so its water
  is no test.

Every piece is checked against GSHHG full resolution (roaring-landmask): the script prints its
length and how much of it GSHHG has as land (the part of a river GSHHG does not draw). The
output is sorted, rounded to 5 decimals (about 1 m) and plain JSON, so the same input gives the
same bytes.

    python scripts/build_channels.py [--source ../shared/natural-earth]
"""

from __future__ import annotations

import argparse
import csv
import heapq
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.sea.channels import planar_km  # noqa: E402
from geo.sea.closed_seas import CLOSED_SEAS, closed_water  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_map_context import DEFAULT_SOURCE, read_archive  # noqa: E402  (the same Natural Earth extracts)

CURATED = ROOT / "data" / "channels_curated.csv"
OUT = ROOT / "data" / "channels.geojson"
DIGITS = 5
#: A curated end this close to a vertex of a piece already built is joined to it, in km.
JOIN_KM = 0.3
#: How far a sea end on land is carried on to reach GSHHG water, and in what steps, in km.
EXTEND_MAX_KM = 5.0
EXTEND_STEP_KM = 0.1
#: ... for an end in a closed sea: the Natural Earth 1:50m country polygons draw the Volga
#: delta's reed-bed front about 10 km beyond where the 1:10m river line ends.
CLOSED_EXTEND_MAX_KM = 15.0
#: Natural Earth lines of the wanted name are looked for within this many degrees of a row's points.
NEAR_DEG = 1.0
#: How a route's report names the data of each piece (the row's full citation stays in ``source``).
NE_DATASET = "Natural Earth 1:10m rivers (public domain)"
CURATED_DATASET = "curated channel centre-line (data/channels_curated.csv, cited per row)"


def _points(text: str) -> list[tuple[float, float]]:
    out = []
    for pair in text.split(";"):
        lon, lat = (float(v) for v in pair.split())
        out.append((lon, lat))
    return out


def _lines_named(raw: dict, name: str, near: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    lines = []
    for feature in raw["features"]:
        geometry = feature.get("geometry")
        if not geometry or str(feature["properties"].get("name")) != name:
            continue
        parts = geometry["coordinates"] if geometry["type"] == "MultiLineString" else [geometry["coordinates"]]
        for part in parts:
            coords = [(float(x), float(y)) for x, y in part]
            if any(abs(x - p[0]) < NEAR_DEG and abs(y - p[1]) < NEAR_DEG for x, y in coords for p in near):
                lines.append(coords)
    return lines


def _along(lines: list[list[tuple[float, float]]], start: tuple[float, float],
           end: tuple[float, float]) -> list[tuple[float, float]]:
    """The shortest way along the lines' vertices from the vertex nearest ``start`` to the one
    nearest ``end`` (Dijkstra over the vertices; lines meet where they share a vertex)."""
    graph: dict[tuple[float, float], list[tuple[tuple[float, float], float]]] = {}
    for line in lines:
        for p, q in zip(line, line[1:], strict=False):
            w = planar_km(p, q)
            graph.setdefault(p, []).append((q, w))
            graph.setdefault(q, []).append((p, w))
    if not graph:
        raise SystemExit(f"no Natural Earth line near {start}")
    source = min(graph, key=lambda v: planar_km(v, start))
    target = min(graph, key=lambda v: planar_km(v, end))
    for wanted, got in ((start, source), (end, target)):
        if planar_km(wanted, got) > 1.0:
            raise SystemExit(f"no vertex of the line within 1 km of {wanted} (nearest {got})")
    cost = {source: 0.0}
    previous: dict[tuple[float, float], tuple[float, float]] = {}
    queue = [(0.0, source)]
    while queue:
        c, v = heapq.heappop(queue)
        if v == target:
            break
        if c > cost[v]:
            continue
        for u, w in graph[v]:
            if c + w < cost.get(u, math.inf):
                cost[u] = c + w
                previous[u] = v
                heapq.heappush(queue, (c + w, u))
    if target not in cost:
        raise SystemExit(f"the line does not join {start} to {end}")
    path = [target]
    while path[-1] != source:
        path.append(previous[path[-1]])
    return path[::-1]


def _on_land(lon: float, lat: float) -> bool:
    from geo.sea.coastline import is_land

    return bool(is_land(lon, lat))


def _gshhg_land(lon: list[float], lat: list[float]) -> list[bool]:
    from geo.sea.coastline import is_land

    return [bool(v) for v in is_land(lon, lat)]


def _closed_sea_land(name: str) -> Callable[[list[float], list[float]], list[bool]]:
    """The "land" test of a closed sea's end: outside the water the router meshes for it."""
    import shapely

    water = closed_water(name)
    if water is None:
        raise SystemExit(f"no water for {name!r}: its shipped data file is missing (see geo/sea/closed_seas.py)")
    return lambda lon, lat: [not bool(v) for v in shapely.contains_xy(water, lon, lat)]


def _to_water(coords: list[tuple[float, float]],
              on_land: Callable[[list[float], list[float]], list[bool]] = _gshhg_land,
              max_km: float = EXTEND_MAX_KM) -> tuple[list[tuple[float, float]], float]:
    """The piece carried on to water (GSHHG's, or ``on_land``'s: a closed sea's), and by how
    many km (0 when its end is already in the water): along its last bearing, or straight to
    the nearest water if that is nearer (a river that bends at its mouth), 100 m at a time, at
    most ``max_km``."""
    if not on_land([coords[-1][0]], [coords[-1][1]])[0]:
        return coords, 0.0
    (x0, y0), (x1, y1) = coords[-2], coords[-1]
    step = EXTEND_STEP_KM / max(planar_km((x0, y0), (x1, y1)), 1e-9)
    kx = 111.32 * math.cos(math.radians(y1))
    angles = [2.0 * math.pi * i / 72 for i in range(72)]
    k = 1
    while k * EXTEND_STEP_KM <= max_km:
        ahead = (x1 + (x1 - x0) * step * k, y1 + (y1 - y0) * step * k)
        if not on_land([ahead[0]], [ahead[1]])[0]:
            return [*coords, ahead], k * EXTEND_STEP_KM
        r = k * EXTEND_STEP_KM
        ring = [(x1 + r * math.cos(a) / kx, y1 + r * math.sin(a) / 111.32) for a in angles]
        land = on_land([p[0] for p in ring], [p[1] for p in ring])
        water = [p for p, on in zip(ring, land, strict=True) if not on]
        if water:
            return [*coords, water[0]], r
        k += 1
    raise SystemExit(f"the sea end {coords[-1]} is more than {max_km} km from the water")


def _land_km(coords: list[tuple[float, float]]) -> float:
    """Length of the piece that GSHHG has as land, sampled every 50 m, in km."""
    import numpy as np

    from geo.sea.coastline import is_land

    total = 0.0
    for p, q in zip(coords, coords[1:], strict=False):
        d = planar_km(p, q)
        n = max(2, int(d / 0.05) + 2)
        t = np.linspace(0.0, 1.0, n)
        on = is_land(p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)
        total += d * float(np.mean(on))
    return total


def build(source: Path) -> tuple[str, list[str]]:
    raw = read_archive(source / "ne_10m_rivers_lake_centerlines.7z")
    rows = list(csv.DictReader(CURATED.open(encoding="utf-8")))
    built: list[tuple[dict, list[tuple[float, float]]]] = []
    report = []
    for row in rows:
        points = _points(row["points"])
        if row["geometry"] == "ne":
            coords = _along(_lines_named(raw, row["ne_river"], points), points[0], points[-1])
        elif row["geometry"] == "curated":
            coords = list(points)
            vertices = [v for _, line in built for v in line]
            for k in (0, -1):
                near = min(vertices, key=lambda v, k=k: planar_km(v, coords[k]), default=None)
                if near is not None and planar_km(near, coords[k]) <= JOIN_KM:
                    coords[k] = near
        else:
            raise SystemExit(f"{row['name']}: unknown geometry {row['geometry']!r}")
        extended = 0.0
        if row["to_sea"] in ("yes", "both"):
            coords, extended = _to_water(coords)
        if row["to_sea"] == "both":
            reverse, more = _to_water(coords[::-1])
            coords, extended = reverse[::-1], extended + more
        if row["to_sea"] in CLOSED_SEAS:
            coords, extended = _to_water(coords, _closed_sea_land(row["to_sea"]), CLOSED_EXTEND_MAX_KM)
        built.append((row, coords))
        length = sum(planar_km(p, q) for p, q in zip(coords, coords[1:], strict=False))
        report.append(f"{row['name']}: {length:.1f} km, {_land_km(coords):.1f} km of it GSHHG land"
                      + (f", carried {extended:.1f} km on to "
                         f"{row['to_sea'] if row['to_sea'] in CLOSED_SEAS else 'GSHHG'} water" if extended else ""))
    features = []
    for row, coords in built:
        line = []
        for x, y in coords:
            point = [round(x, DIGITS) + 0.0, round(y, DIGITS) + 0.0]
            if not line or line[-1] != point:
                line.append(point)
        features.append({
            "type": "Feature",
            "properties": {"name": row["name"], "serves": row["serves"].split("|"),
                           "to_sea": row["to_sea"] in ("yes", "both"), "from_sea": row["to_sea"] == "both",
                           **({"closed_sea": row["to_sea"]} if row["to_sea"] in CLOSED_SEAS else {}),
                           "dataset": NE_DATASET if row["geometry"] == "ne" else CURATED_DATASET,
                           "source": row["source"]},
            "geometry": {"type": "LineString", "coordinates": line},
        })
    features.sort(key=lambda f: (f["properties"]["name"], f["geometry"]["coordinates"][0]))
    body = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    return '{"type":"FeatureCollection","features":[\n' + body + "\n]}\n", report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help="folder with the Natural Earth 7-Zip archives (default ../shared/natural-earth)")
    args = parser.parse_args()
    text, report = build(args.source)
    OUT.write_text(text, encoding="utf-8")
    print("\n".join(report))
    print(f"{OUT.name}: {len(text.encode('utf-8')) / 1000:.0f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
