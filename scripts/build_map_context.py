"""Write the maps' reference layers from Natural Earth 1:10m (public domain):

* ``data/rivers-10m.geojson.gz``: rivers and lake centrelines (``name``, ``scalerank``), simplified
  to about 500 m and rounded to 3 decimals (about 100 m): what a regional map needs to show
  that a route up the Danube runs on water, not across land.
* ``data/lakes-10m.geojson.gz``: the big lakes (Natural Earth 1:10m lakes and reservoirs of
  scalerank at most :data:`LAKE_MAX_RANK`: Victoria, Baikal, Ladoga, Titicaca, the Great
  Lakes...; not its "Alkaline Lake" class, mostly salt pans), simplified to
  about 500 m and rounded to 3 decimals: GSHHG's sea shore fills every lake as land, and a map
  without Lake Victoria or Lake Baikal is not one a graphics desk would publish.
* ``data/reference_cities.csv.gz``: populated places with their Natural Earth rank
  (``scalerank``, 0 the most important), population and GeoNames id: the few reference
  cities a map names for orientation.

Input: the 7-Zip archives of ``../shared/natural-earth/`` (``ne_10m_rivers_lake_centerlines.7z``,
``ne_10m_lakes.7z``, ``ne_10m_populated_places.7z``; Natural Earth GeoJSON as converted by
``martynafford/natural-earth-geojson`` at commit 0b9a6ce), or another folder holding them.
``py7zr`` (PyPI) reads them; it is needed by this script only. The outputs are gzipped with
mtime 0 and sorted, so the same input gives the same bytes.

    python scripts/build_map_context.py [--source ../shared/natural-earth]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: ``../shared/natural-earth`` beside the repository (or beside the folder of git worktrees).
DEFAULT_SOURCE = next((folder / "shared" / "natural-earth" for folder in (ROOT.parent, ROOT.parent.parent)
                       if (folder / "shared" / "natural-earth").is_dir()), ROOT.parent / "shared" / "natural-earth")
RIVERS_OUT = ROOT / "data" / "rivers-10m.geojson.gz"
CITIES_OUT = ROOT / "data" / "reference_cities.csv.gz"
#: Simplification of the river lines, in degrees (about 500 m): finer than any map that shows
#: a river at all (a regional map's pixel is a few hundred metres at the least).
RIVER_TOLERANCE_DEG = 0.005
RIVER_DIGITS = 3
LAKES_OUT = ROOT / "data" / "lakes-10m.geojson.gz"
#: The least important lake drawn (Natural Earth scalerank): 66 lakes and reservoirs, the
#: smallest about Lake Champlain's size.
LAKE_MAX_RANK = 3


def read_archive(path: Path) -> dict:
    """The JSON file inside one of Natural Earth's 7z archives in ``../shared/natural-earth``."""
    try:
        import py7zr
    except ImportError:
        sys.exit("this script needs py7zr: pip install py7zr")
    with tempfile.TemporaryDirectory() as folder, py7zr.SevenZipFile(path) as archive:
        archive.extractall(folder)
        (json_path,) = Path(folder).glob("*.json")
        return json.loads(json_path.read_text(encoding="utf-8"))


def _gzip(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as out:
        out.write(data)
    return buffer.getvalue()


def _rank(value: object) -> int:
    """Natural Earth's scalerank (0 the most important; a missing one counts as 10)."""
    return 10 if value is None else int(value)  # type: ignore[call-overload]


def build_rivers(raw: dict) -> bytes:
    import shapely
    from shapely.geometry import shape

    features = []
    for feature in raw["features"]:
        if not feature.get("geometry"):
            continue
        p = feature["properties"]
        geometry = shapely.simplify(shape(feature["geometry"]), RIVER_TOLERANCE_DEG, preserve_topology=False)
        lines = []
        for part in shapely.get_parts(geometry):
            coords = []
            for x, y in part.coords:
                point = [round(x, RIVER_DIGITS), round(y, RIVER_DIGITS)]
                if not coords or coords[-1] != point:
                    coords.append(point)
            if len(coords) >= 2:
                lines.append(coords)
        if not lines:
            continue
        name = p.get("name_en") or p.get("name") or ""
        features.append({
            "type": "Feature",
            "properties": {"name": name, "scalerank": _rank(p.get("scalerank")),
                           "kind": "lake" if p.get("featurecla") == "Lake Centerline" else "river"},
            "geometry": {"type": "MultiLineString", "coordinates": lines},
        })
    features.sort(key=lambda f: (f["properties"]["scalerank"], f["properties"]["name"],
                                 f["geometry"]["coordinates"][0][0]))
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"), ensure_ascii=False)
    return _gzip(text.encode("utf-8"))


def build_lakes(raw: dict) -> bytes:
    import shapely
    from shapely.geometry import shape

    features = []
    for feature in raw["features"]:
        p = feature["properties"]
        # Natural Earth's "Alkaline Lake" class holds the salt pans that are dry most years
        # (Lake Eyre, Lake Torrens) beside lasting ones: none is drawn as standing water.
        if not feature.get("geometry") or _rank(p.get("scalerank")) > LAKE_MAX_RANK \
                or p.get("featurecla") not in ("Lake", "Reservoir"):
            continue
        geometry = shapely.simplify(shape(feature["geometry"]), RIVER_TOLERANCE_DEG, preserve_topology=True)
        polygons = []
        for part in shapely.get_parts(geometry):
            if part.geom_type != "Polygon" or part.area < RIVER_TOLERANCE_DEG ** 2:
                continue
            rings = [[[round(x, RIVER_DIGITS), round(y, RIVER_DIGITS)] for x, y in ring.coords]
                     for ring in (part.exterior, *part.interiors)]
            if len(rings[0]) >= 4:
                polygons.append(rings)
        if not polygons:
            continue
        features.append({
            "type": "Feature",
            "properties": {"name": p.get("name_en") or p.get("name") or "", "scalerank": _rank(p.get("scalerank"))},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
        })
    features.sort(key=lambda f: (f["properties"]["scalerank"], f["properties"]["name"],
                                 f["geometry"]["coordinates"][0][0][0]))
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"), ensure_ascii=False)
    return _gzip(text.encode("utf-8"))


def build_cities(raw: dict) -> bytes:
    rows = []
    for feature in raw["features"]:
        p = feature["properties"]
        name = p.get("NAME_EN") or p.get("NAME") or ""
        if not name:
            continue
        geonameid = p.get("GEONAMEID")
        rows.append((
            _rank(p.get("SCALERANK")), name, p.get("ISO_A2") or "", round(float(p["LATITUDE"]), 4),
            round(float(p["LONGITUDE"]), 4), int(p.get("POP_MAX") or 0),
            int(geonameid) if geonameid and geonameid > 0 else "", 1 if p.get("ADM0CAP") else 0,
        ))
    rows.sort(key=lambda r: (r[0], -r[5], r[1], r[3], r[4]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["scalerank", "name", "country", "lat", "lon", "population", "geonameid", "capital"])
    writer.writerows(rows)
    return _gzip(buffer.getvalue().encode("utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                        help="folder with the Natural Earth 7-Zip archives (default ../shared/natural-earth)")
    args = parser.parse_args()
    rivers = build_rivers(read_archive(args.source / "ne_10m_rivers_lake_centerlines.7z"))
    lakes = build_lakes(read_archive(args.source / "ne_10m_lakes.7z"))
    cities = build_cities(read_archive(args.source / "ne_10m_populated_places.7z"))
    RIVERS_OUT.write_bytes(rivers)
    LAKES_OUT.write_bytes(lakes)
    CITIES_OUT.write_bytes(cities)
    print(f"{RIVERS_OUT.name}: {len(rivers) / 1000:.0f} kB; {LAKES_OUT.name}: {len(lakes) / 1000:.0f} kB; "
          f"{CITIES_OUT.name}: {len(cities) / 1000:.0f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
