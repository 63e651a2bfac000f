"""Physical features and facilities: the places news names that are not towns.

Two shipped files, each built by a script of ours from open data (see ``data/README.md``):

* ``data/features.geojson.gz`` (``scripts/build_features.py``): seas, gulfs, bays, straits,
  islands, capes, peninsulas, lakes and rivers, from Natural Earth 1:10m and curated points on
  GSHHG polygons, each with its geometry;
* ``data/facilities.csv.gz`` (``scripts/build_facilities.py``): nuclear and large power
  plants (WRI Global Power Plant Database), dams, naval and air bases, bridges, airports
  (Natural Earth) and ports by their own name, each at the facility's own point.

:func:`feature_records` turns both into gazetteer records for :mod:`geo.places.index`;
:func:`feature_geometry` gives a feature's geometry (as GeoJSON) for output and for measures
to a shore. A feature has no population, so its ranking prior comes from its size
(:func:`size_weight`): the Black Sea outranks a hamlet called Black Sea, and Crete, the island,
outranks Crete, Nebraska, while a plant named after its town ("Zaporozhye") never outranks
the town itself.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from geo.errors import DataMissing
from geo.fileio import data_file

__all__ = [
    "AREA_KINDS",
    "FACILITY_KINDS",
    "FEATURE_FILE",
    "FACILITY_FILE",
    "FEATURE_KINDS",
    "FeatureRecord",
    "feature_geometry",
    "feature_properties",
    "feature_source_named",
    "features_of_kinds",
    "extra_names",
    "feature_records",
    "size_weight",
    "yields_to_towns",
]

FEATURE_FILE = "features.geojson.gz"
FACILITY_FILE = "facilities.csv.gz"

#: Water bodies: a distance to one is a distance to its water, and its point is only a label.
WATER_KINDS = frozenset({"sea", "ocean", "gulf", "bay", "strait", "channel", "sound", "lagoon", "fjord", "lake"})
#: Land features (a continent or macro-region is drawn as the union of its countries' polygons).
LAND_KINDS = frozenset({"island", "archipelago", "islet", "shoal", "reef", "atoll", "cape", "peninsula", "continent"})
#: Named points that are neither land nor water bodies (Point Nemo, the oceanic pole of inaccessibility).
POINT_KINDS = frozenset({"point"})
LINE_KINDS = frozenset({"river", "canal"})
FEATURE_KINDS = WATER_KINDS | LAND_KINDS | LINE_KINDS | POINT_KINDS
#: Kinds whose geometry is an area: measuring to them means measuring to their edge.
AREA_KINDS = WATER_KINDS | (LAND_KINDS - {"cape"})
FACILITY_KINDS = frozenset({
    "nuclear_plant", "power_plant", "dam", "naval_base", "air_base", "base", "bridge", "airport", "port",
    "canal", "enrichment_site", "research_site", "shipyard", "test_site",
})  # fmt: skip

# How far a facility plausibly reaches from its point, in km (the verdict's margin grows by it).
_FACILITY_EXTENT_KM = {"airport": 2.0, "port": 3.0, "naval_base": 3.0, "air_base": 2.0, "base": 3.0, "bridge": 5.0,
                       "shipyard": 1.5, "test_site": 10.0}


@dataclass(frozen=True, slots=True)
class FeatureRecord:
    """One feature or facility as the gazetteer index stores it."""

    source: str  # "ne:<slug>", "curated:<slug>", "wri:<id>", "ne-airport:<code>", ...
    name: str
    alt_names: tuple[str, ...]
    kind: str
    country: str | None
    lat: float
    lon: float
    extent_km: float
    weight: int  # a population-like size for the ranking prior (see size_weight)
    note: str


def size_weight(kind: str, area_km2: float = 0.0, length_km: float = 0.0, capacity_mw: float = 0.0) -> int:
    """A population-like number for the ranking prior of a place without people.

    Areas count 100 "people" a km² (Crete, 8,336 km²: 830,000, like a large city; Snake
    Island, 0.2 km²: 20), rivers 2,000 a km of length, power plants 10 a MW; other
    facilities 1,000. The prior is logarithmic, so only the order of magnitude matters.
    """
    if kind in LINE_KINDS:
        return int(length_km * 2000)
    if area_km2 > 0:
        return int(area_km2 * 100)
    if capacity_mw > 0:
        return int(capacity_mw * 10)
    return 1000


def _extent_km(kind: str, area_km2: float, length_km: float) -> float:
    if area_km2 > 0:
        # The radius of a disc of the same area, at most 50 km: the verdict caps the widening
        # at a tenth of the claim anyway, and a sea's size says nothing about where it starts.
        return round(min(50.0, max(1.0, math.sqrt(area_km2 / math.pi))), 2)
    if kind in LINE_KINDS:
        return 1.0
    return _FACILITY_EXTENT_KM.get(kind, 1.0)


def _open(name: str) -> bytes:
    path = data_file(name)
    try:
        return gzip.decompress(path.read_bytes())
    except FileNotFoundError:
        script = "build_features.py" if name == FEATURE_FILE else "build_facilities.py"
        raise DataMissing(
            f"{name} not found at {str(path)!r}; rebuild it with 'python scripts/{script}' or reinstall shiproute"
        ) from None


@functools.cache
def _features() -> dict[str, dict[str, Any]]:
    collection = json.loads(_open(FEATURE_FILE))
    return {f["properties"]["id"]: f for f in collection["features"]}


def feature_geometry(source: str) -> dict[str, Any] | None:
    """The GeoJSON geometry of the feature whose ``Place.source`` is ``source``, or None
    (facilities and towns have only their point)."""
    feature = _features().get(source)
    return None if feature is None else feature["geometry"]


def feature_properties(source: str) -> dict[str, Any]:
    """The properties of the shipped feature whose ``Place.source`` is ``source`` (name, kind,
    country, alt_names, area_km2 or length_km, source citation); KeyError if there is none."""
    return dict(_features()[source]["properties"])


def features_of_kinds(kinds: frozenset[str]) -> list[dict[str, Any]]:
    """The properties of every shipped feature of these kinds (from the file read once per
    process), in the file's order."""
    return [dict(f["properties"]) for f in _features().values() if f["properties"].get("kind") in kinds]


def feature_source_named(kind: str, name: str) -> str | None:
    """The source id of the shipped feature of this kind and name ("continent", "Europe")."""
    return next((source for source, f in sorted(_features().items())
                 if f["properties"]["kind"] == kind and f["properties"]["name"] == name), None)


def _feature_records() -> Iterator[FeatureRecord]:
    for source, feature in sorted(_features().items()):
        p = feature["properties"]
        kind = p["kind"]
        if kind not in FEATURE_KINDS:
            continue
        area, length = float(p.get("area_km2") or 0.0), float(p.get("length_km") or 0.0)
        yield FeatureRecord(
            source=source, name=p["name"], alt_names=tuple(a for a in p.get("alt_names") or () if a != p["name"]),
            kind=kind, country=p.get("country") or None, lat=float(p["lat"]), lon=float(p["lon"]),
            extent_km=_extent_km(kind, area, length), weight=size_weight(kind, area, length),
            note=str(p.get("source") or ""),
        )


def _facility_records() -> Iterator[FeatureRecord]:
    rows = csv.DictReader(io.StringIO(_open(FACILITY_FILE).decode("utf-8")))
    for row in rows:
        kind = row["kind"]
        if kind not in FACILITY_KINDS:
            continue
        capacity = float(row.get("capacity_mw") or 0.0)
        yield FeatureRecord(
            source=row["id"], name=row["name"],
            alt_names=tuple(a for a in (row.get("alt_names") or "").split("|") if a and a != row["name"]),
            kind=kind, country=row.get("country") or None, lat=float(row["lat"]), lon=float(row["lon"]),
            extent_km=_extent_km(kind, 0.0, 0.0), weight=size_weight(kind, capacity_mw=capacity),
            note=row.get("source") or "",
        )


def yields_to_towns(kind: str) -> bool:
    """Whether a record of this kind gives way to an existing town, region or country of the
    same name: a plant, a dam or a river named after a town ("Zaporozhye", "Kakhovka",
    "Orange") keeps only its other names ("Zaporizhzhia NPP", "Kakhovka dam", "Orange River"),
    so that the bare name stays the town's."""
    return kind in FACILITY_KINDS or kind in LINE_KINDS


def extra_names(record: FeatureRecord) -> tuple[str, ...]:
    """Names news writes that the sources do not list: "Danube River", "River Danube"."""
    if record.kind != "river":
        return ()
    out: list[str] = []
    for name in (record.name, *record.alt_names):
        if "river" not in name.lower():
            out.extend((f"{name} River", f"River {name}"))
    return tuple(out)


def feature_records() -> Iterator[FeatureRecord]:
    """Every shipped feature, then every facility, in a stable order."""
    yield from _feature_records()
    yield from _facility_records()
