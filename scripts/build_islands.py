#!/usr/bin/env python3
"""Derive ``data/islands.csv``: whether each country is an island (Cyprus, Taiwan; no land border),
and, for every first-level region whose point lies on an island part of its country (a part with
no land border: Hokkaido, Sicily, Great Britain), whether the region is an island itself, as
:func:`geo.places.areas.country_is_island` and :func:`geo.places.areas.region_is_island` decide
them from the shipped polygons and the regions' approximate outlines.

Run it from the repository root after any change to the country polygons, to the region
approximation or to the gazetteer's towns or region points (the same changes after which
``scripts/build_area_points.py`` is run)::

    python scripts/build_islands.py
    python scripts/build_islands.py -o /tmp/islands.csv

Why a file: a region's answer costs a Voronoi diagram of its country's towns (0.1 s for Sweden,
0.3 s for the United States), and a country's the reading of the country file (60 ms of a cold
start); the article reader asks it of every country and region a distance sentence names, so a
news article naming Hawaii or Hokkaido spent most of its reading time on it. The answers depend
only on shipped data, so they are derived once here; a place the file lacks (a new region) is
still decided at run time. ``tests/test_areas.py`` checks every row against the live computation.

Columns: ``key`` (ISO 3166-1 alpha-2 of a country, ``CY``; GeoNames admin1 key of a region,
``JP.12``), ``name``, ``island`` (``1`` or ``0``), ``parts`` (for an island region: the indices,
space-separated, of the parts of its country's polygon in ``data/countries-50m.geojson.gz`` that
it lies on, which distances to it are measured to). Sorted by key: the same data give the same
bytes.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.fileio import write_atomic  # noqa: E402
from geo.places import areas  # noqa: E402
from geo.places.gazetteer import _PLACE_COLS, _gazetteer  # noqa: E402

COLUMNS = ["key", "name", "island", "parts"]


def island_rows() -> list[dict[str, str]]:
    """One row per region key whose region lies on an island part of its country, and one per country."""
    gaz = _gazetteer()
    places = [gaz.place(row) for row in gaz._query(f"SELECT {_PLACE_COLS} FROM place p WHERE p.kind = 'region'", ())]
    rows: dict[str, dict[str, str]] = {}
    started = time.monotonic()
    for n, place in enumerate(sorted(places, key=lambda p: (p.country or "", p.source)), start=1):
        if not areas._on_island_part(place):
            continue
        key = areas._region_key_of(place)
        if key is None or key in rows:
            continue
        island = areas.region_is_island(key)
        parts = " ".join(map(str, areas.region_island_parts(key))) if island else ""
        rows[key] = {"key": key, "name": place.name, "island": "1" if island else "0", "parts": parts}
        if len(rows) % 50 == 0:
            print(f"{n}/{len(places)} regions read, {len(rows)} on island parts, {time.monotonic() - started:.0f} s",
                  file=sys.stderr, flush=True)
    for cc in sorted(areas._countries().features):
        country = areas.country_area(cc)
        rows[cc] = {"key": cc, "name": country.name if country else cc,
                    "island": "1" if areas.country_is_island(cc) else "0", "parts": ""}
    return [rows[key] for key in sorted(rows)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "data" / areas.ISLANDS_FILE)
    args = parser.parse_args(argv)
    rows = island_rows()
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_atomic(args.output, text.getvalue())
    regions = [r for r in rows if "." in r["key"]]
    countries = [r for r in rows if "." not in r["key"]]
    print(f"{args.output}: {len(countries)} countries ({sum(r['island'] == '1' for r in countries)} islands), "
          f"{len(regions)} regions on island parts ({sum(r['island'] == '1' for r in regions)} islands)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
