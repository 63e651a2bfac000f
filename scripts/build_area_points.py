#!/usr/bin/env python3
"""Derive ``data/area_points.csv.gz``: a central representative point for every country and
first-level region, which the gazetteer index gives those places instead of a town's point.

Run it from the repository root, after any change to the country polygons, to the region
approximation or to the gazetteer's towns::

    python scripts/build_area_points.py            # writes data/area_points.csv.gz
    python scripts/build_area_points.py -o /tmp/area_points.csv.gz

It takes a few minutes on two cores (almost all of it in the Voronoi diagrams of the regions),
which is why the gazetteer build reads these points from a file rather than computing them.

What it does
------------
* Countries: every country in ``data/countries-50m.geojson.gz`` (Natural Earth 1:50m), its
  point being :func:`geo.places.areas.central_point` of :func:`geo.places.areas.country_area`:
  the area-weighted centroid of the main landmass (the largest part and the parts within
  300 km of it), moved inside the country when it falls outside.
* Regions: every first-level region the gazetteer knows (GeoNames admin1 keys, ``RU.59``), its
  point being ``central_point`` of :func:`geo.places.areas.region_area`: the same rule applied
  to the region's approximate polygon (the Voronoi cells of its cities500 towns, clipped to the
  country).

The gazetteer index must exist (it is built on the first call); the towns and the region
polygons do not depend on these points, so running the script again gives the same file.

Columns: ``kind`` (``country`` or ``region``), ``key`` (ISO 3166-1 alpha-2, or the GeoNames
admin1 key), ``name``, ``lat``, ``lon`` (WGS84 degrees, 4 decimals: about 10 m), ``moved``
(``1`` when the centroid fell outside the area and was moved inside it). Sorted by kind and
key, gzipped with a fixed timestamp: the same data give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.places import areas, region_name, towns_in_country  # noqa: E402
from geo.places.index import AREA_POINTS_FILE  # noqa: E402

DECIMALS = 4


def _row(kind: str, key: str, name: str, area: areas.Area) -> dict[str, str]:
    lon, lat = areas.central_point(area)
    raw_lon, raw_lat = areas.central_point(area, move_inside=False)
    return {"kind": kind, "key": key, "name": name, "lat": f"{lat:.{DECIMALS}f}", "lon": f"{lon:.{DECIMALS}f}",
            "moved": "1" if (lon, lat) != (raw_lon, raw_lat) else "0"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "data" / AREA_POINTS_FILE)
    args = parser.parse_args(argv)
    started = time.monotonic()
    rows: list[dict[str, str]] = []
    codes = sorted(areas._countries().features)
    for n, cc in enumerate(codes, start=1):
        country = areas.country_area(cc)
        if country is None:
            continue
        rows.append(_row("country", cc, country.name, country))
        keys = sorted({key for _lon, _lat, key in towns_in_country(cc)})
        for key in keys:
            name = region_name(key)
            region = areas.region_area(key) if name else None
            if region is not None and name is not None:
                rows.append(_row("region", key, name, region))
        print(f"\r{n}/{len(codes)} countries, {len(rows)} points, {time.monotonic() - started:.0f} s",
              end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    rows.sort(key=lambda r: (r["kind"], r["key"]))
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=["kind", "key", "name", "lat", "lon", "moved"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    args.output.write_bytes(gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0))
    moved = sum(r["moved"] == "1" for r in rows)
    print(f"{args.output}: {sum(r['kind'] == 'country' for r in rows)} countries, "
          f"{sum(r['kind'] == 'region' for r in rows)} regions ({moved} points moved inside their area), "
          f"{args.output.stat().st_size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
