"""Write ``data/great-lakes.geojson.gz``: the water of the Great Lakes and of the channels that
join them, for routes on the lakes (GSHHG's sea shore fills the lakes as land).

Input: Natural Earth 1:10m lakes (``ne_10m_lakes.7z``) and rivers and lake centrelines
(``ne_10m_rivers_lake_centerlines.7z``) in ``../shared/natural-earth`` (public domain; Natural
Earth GeoJSON as converted by ``martynafford/natural-earth-geojson`` at commit 0b9a6ce), and
``data/great_lakes_channels.csv`` (the joining channels, one row each with its cited source).

* Lakes: the polygons named in :data:`LAKES` within the Great Lakes' box. Natural Earth draws
  Lake Michigan, Lake Huron and Georgian Bay as touching polygons, and the Detroit River as part
  of Lake Erie's, so three channels join the rest: the St. Clair River (Natural Earth's line),
  the St. Marys River and the Welland Canal (curated rows).
* Channels: a row of geometry ``ne`` is the Natural Earth line named ``ne_river`` in the box; a
  row of geometry ``curated`` is its ``points`` as written, placed from the positions its
  ``source`` cites. Each line must start and end inside a lake: the script checks it.

Properties ``kind`` ("lake" or "channel"), ``name`` and ``source``; coordinates rounded to 5
decimals; features sorted by kind and name; gzipped with mtime 0, so the same input gives the
same bytes. ``py7zr`` (PyPI) reads the archives; it is needed by this script only.

    python scripts/build_great_lakes.py [--source ../shared/natural-earth]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_map_context import DEFAULT_SOURCE, read_archive  # noqa: E402

OUT = ROOT / "data" / "great-lakes.geojson.gz"
CURATED = ROOT / "data" / "great_lakes_channels.csv"
#: The lakes, by their Natural Earth names.
LAKES = ("Lake Superior", "Lake Michigan", "Lake Huron", "Georgian Bay", "Lake St. Clair", "Lake Erie",
         "Lake Ontario")
#: (west, south, east, north): Natural Earth has other lakes of these names elsewhere.
BOX = (-92.5, 41.0, -75.5, 49.5)
DIGITS = 5
NE_LAKES = "Natural Earth 1:10m lakes, polygon '{name}'"


def _in_box(geometry: dict) -> bool:
    import shapely

    w, s, e, n = shapely.bounds(shapely.from_geojson(json.dumps(geometry)))
    return bool(BOX[0] <= w and e <= BOX[2] and BOX[1] <= s and n <= BOX[3])


def _rounded(coords: list) -> list:
    return [[round(float(x), DIGITS), round(float(y), DIGITS)] for x, y in coords]


def build(source: Path) -> bytes:
    import shapely

    lakes_raw = read_archive(source / "ne_10m_lakes.7z")
    rivers_raw = read_archive(source / "ne_10m_rivers_lake_centerlines.7z")
    features = []
    lakes = {}
    for f in lakes_raw["features"]:
        name = f["properties"].get("name")
        if name in LAKES and f.get("geometry") and _in_box(f["geometry"]):
            if f["geometry"]["type"] != "Polygon":
                sys.exit(f"{name}: a {f['geometry']['type']}, not one polygon")
            rings = [_rounded(ring) for ring in f["geometry"]["coordinates"]]
            lakes[name] = shapely.Polygon(rings[0], rings[1:])
            features.append({"type": "Feature", "properties": {"kind": "lake", "name": name,
                                                               "source": NE_LAKES.format(name=name)},
                             "geometry": {"type": "Polygon", "coordinates": rings}})
    missing = sorted(set(LAKES) - set(lakes))
    if missing:
        sys.exit(f"Natural Earth has no {', '.join(missing)} in the box")
    water = shapely.union_all(list(lakes.values()))
    with CURATED.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["geometry"] == "ne":
            found = [f for f in rivers_raw["features"]
                     if f["properties"].get("name") == row["ne_river"] and f.get("geometry")
                     and f["geometry"]["type"] == "LineString" and _in_box(f["geometry"])]
            if len(found) != 1:
                sys.exit(f"{row['name']}: {len(found)} Natural Earth lines named {row['ne_river']!r} in the box")
            coords = _rounded(found[0]["geometry"]["coordinates"])
        else:
            coords = _rounded([p.split() for p in row["points"].split(";")])
        for end in (coords[0], coords[-1]):
            if not shapely.contains_xy(water, *end):
                sys.exit(f"{row['name']}: its end {end} lies in no lake")
        features.append({"type": "Feature", "properties": {"kind": "channel", "name": row["name"],
                                                           "source": row["source"]},
                         "geometry": {"type": "LineString", "coordinates": coords}})
        length = shapely.length(shapely.LineString(coords)) * 111.32 * 0.7
        print(f"{row['name']}: {len(coords)} points, about {length:.0f} km")
    features.sort(key=lambda f: (f["properties"]["kind"], f["properties"]["name"]))
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      separators=(",", ":"), sort_keys=True)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as out:
        out.write(text.encode("utf-8"))
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder of the Natural Earth archives")
    args = parser.parse_args()
    data = build(args.source)
    OUT.write_bytes(data)
    print(f"{OUT.name}: {len(data) / 1000:.0f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
