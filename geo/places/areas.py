"""Polygons of countries and first-level regions: :func:`area_of`, :func:`contains`,
:func:`central_point`.

Countries
---------
Natural Earth's admin-0 countries at 1:50m (version 4.1.0, public domain), as redistributed
by the npm package ``world-atlas`` 2.0.2, decoded and keyed by ISO 3166-1 alpha-2 by
``scripts/build_country_polygons.py`` into ``data/countries-50m.geojson.gz`` (0.66 MB).
That file is read once, lazily, the first time a country is asked for (about 0.1 s); after
that a country's :class:`Area` is a dictionary lookup. Natural Earth draws a country with
all its overseas parts (France includes French Guiana and Réunion); the parts that GeoNames
lists as countries of their own (GF, GP, MQ, RE, YT, SJ, BQ) also have their own polygon.
Kosovo is ``XK``; Somaliland is part of ``SO``, Northern Cyprus of ``CY`` and Crimea of
``UA`` (the ISO 3166 view, which is also the gazetteer's). A few tiny countries are missing at 1:50m (Tokelau,
Tuvalu, Gibraltar): :func:`area_of` returns None for them.

First-level regions (approximation)
-----------------------------------
No package installable here ships admin-1 borders, so a region's polygon is *derived*: the
Voronoi cells of its country's GeoNames cities500 towns (each town carries its region's admin1
code), merged by region and clipped to the country's Natural Earth polygon. **The borders are
approximations**: a border runs halfway between the last towns on either side, not where the
law puts it; errors are a few km where towns are dense and can reach tens of km in empty
country. Good for "is this port in Primorsky Krai" and for drawing a region on a map, not for
border questions. The Voronoi diagram is computed in degrees with longitudes scaled by the
cosine of the country's median town latitude, so that cells are close to true-distance
cells at that latitude. The first region of a country costs one Voronoi diagram of its towns:
measured on a 2-core machine, about 0.07 s of CPU for Primorsky Krai (Russia, 5,333 towns) and
0.25 s for California (United States, 21,881 towns), the country file already loaded; the diagrams
of the last 8 countries and the last 256 regions stay in in-process LRU caches, so a
repeated call is a cache hit. Nothing is cached on disk: recomputing costs less than a disk
cache's bookkeeping would be worth. For scale: Primorsky Krai comes out at
165,300 km² (official 164,700), California at 412,600 km² (official 424,000 with its waters).

Coasts: the sea margin
----------------------
At 1:50m a coast is drawn to a few km, so many harbours fall just outside their country's
polygon (Dunay, on Strelok Bay, is 1 km off Russia's). :func:`contains` therefore also counts a
point at sea that lies within ``sea_margin_km`` (default :data:`SEA_MARGIN_KM`, 12 nautical
miles: the breadth of the territorial sea) of the country, when that country is the nearest
one; a point on another country's land never counts. A region gets the same margin: a point at
sea in its country's margin belongs to the region whose towns' cells it falls in.

The antimeridian
----------------
The shipped polygons are cut at 180° (world-atlas keeps d3's spherical rings, which step across
it; the derivation script cuts them), so Russia's Chukotka east of 180° is a separate part at
-180..-169 of longitude, every polygon is valid in plain lon/lat and point-in-polygon tests need
no special care. Drawn on a flat map, such a country shows at both edges. An :class:`Area`'s
``bbox`` is the smallest longitude interval that
covers every part, as RFC 7946 (section 5.2) defines it: for an area that crosses the
antimeridian, ``west > east`` (Russia: west 19.6, east -169.7); ``Area.crosses_antimeridian``
says so. Areas are geodesic on the WGS84 ellipsoid (pyproj ``Geod.geometry_area_perimeter``),
in km².

Central points
--------------
:func:`central_point` gives a country or region the kind of point GeoNames gives it: near its
middle, not at its capital. It is the area-weighted centroid of the main landmass (the largest
part and the parts within :data:`MAIN_LANDMASS_GAP_KM` of it), moved inside the area when it
falls outside. Measured against GeoNames' own points on the 109 countries and 122 first-level
regions of the geoparsing development set, it is within 161 km for 92 % of the countries (the
capitals: 53 %) and 97 % of the regions (the largest towns: 66 %). ``scripts/build_area_points.py``
computes every point once into ``data/area_points.csv.gz``, which the gazetteer index reads.

Islands
-------
Whether a country or a region is an island (Cyprus; Hokkaido, Sicily; :func:`is_island`), and
which parts of its country's polygon an island region lies on (:func:`island_land`, what a
distance to it runs to), are read from ``data/islands.csv``, which ``scripts/build_islands.py``
derives with :func:`country_is_island`, :func:`region_is_island` and :func:`region_island_parts`:
the article reader asks it of every country and region a distance sentence names, a Voronoi
diagram per country was most of an article's time, and reading the country file a ninth of a
cold start.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from geo.errors import BadCoordinates, BadInput, DataMissing
from geo.fileio import data_file
from geo.places.features import AREA_KINDS
from geo.types import Place
from geo.units import KM_PER_UNIT

__all__ = [
    "Area",
    "COUNTRY_SOURCE",
    "DATA_FILE",
    "MAIN_LANDMASS_GAP_KM",
    "ISLANDS_FILE",
    "SEA_MARGIN_KM",
    "area_of",
    "central_point",
    "contains",
    "countries_at",
    "country_area",
    "edge_geometry",
    "EDGE_KINDS",
    "is_island",
    "island_land",
    "parts_where",
    "region_area",
    "country_is_island",
    "region_is_island",
    "region_island_parts",
]

#: The derived country file in ``data/`` (the package ``shiproute_data`` once installed).
DATA_FILE = "countries-50m.geojson.gz"
#: Which regions on an island part of their country are islands themselves (see :func:`is_island`),
#: derived by ``scripts/build_islands.py``.
ISLANDS_FILE = "islands.csv"
COUNTRY_SOURCE = "Natural Earth 1:50m via world-atlas 2.0.2"
#: A point at sea this close to a country (km) counts as in it: 12 nautical miles, the
#: territorial sea (UNCLOS article 3); it also absorbs the 1:50m coastline's generalisation.
SEA_MARGIN_KM = 12 * KM_PER_UNIT["nmi"]

_KM_PER_DEGREE = 111.195  # mean Earth radius 6371.0 km: used only for the local sea-margin test


@dataclass(frozen=True, slots=True)
class Area:
    """The polygon of a country, a first-level region or an area feature, in lon/lat degrees (WGS84).

    ``polygon`` is a shapely (Multi)Polygon; ``bbox`` is ``(west, south, east, north)`` in
    degrees, with ``west > east`` when the area crosses the antimeridian (RFC 7946);
    ``area_km2`` is its geodesic area in km²; ``source`` says where the polygon comes from and,
    for regions, that it is an approximation. ``key`` is the ISO 3166-1 alpha-2 code of a
    country, the GeoNames admin1 key of a region (``"RU.59"``) or a feature's ``Place.source``.
    ``cells`` (regions only) is the merged Voronoi cells of the region's towns before clipping
    to the country, reaching out to sea; :func:`contains` uses it for points in the sea margin.
    """

    name: str
    kind: str  # country | region | a feature kind (sea, strait, island...)
    country: str  # ISO 3166-1 alpha-2
    key: str
    polygon: Any = field(compare=False, repr=False)
    bbox: tuple[float, float, float, float]
    area_km2: float
    source: str
    approximate: bool = False
    note: str = ""
    cells: Any = field(default=None, compare=False, repr=False)

    @property
    def crosses_antimeridian(self) -> bool:
        """True when the area's bbox runs across 180° of longitude (``west > east``)."""
        return self.bbox[0] > self.bbox[2]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary without coordinates: bbox rounded to 4 decimals (degrees), area
        in km² rounded to 1 decimal."""
        return {
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "key": self.key,
            "bbox": [round(v, 4) for v in self.bbox],
            "crosses_antimeridian": self.crosses_antimeridian,
            "area_km2": round(self.area_km2, 1),
            "source": self.source,
            "approximate": self.approximate,
            "note": self.note,
        }

    def to_geojson(self, decimals: int = 4) -> dict[str, Any]:
        """A GeoJSON Feature of the polygon (coordinates rounded to ``decimals`` degrees, parts
        cut at the antimeridian as stored) with :meth:`to_dict` as its properties."""
        from shapely.geometry import mapping

        geometry = mapping(self.polygon)
        geometry["coordinates"] = _rounded(geometry["coordinates"], decimals)
        return {"type": "Feature", "properties": self.to_dict(), "geometry": geometry}


def _rounded(coords: Any, decimals: int) -> Any:
    if coords and isinstance(coords[0], (int, float)):
        return [round(float(c), decimals) for c in coords]
    return [_rounded(c, decimals) for c in coords]


# --------------------------------------------------------------------------------------------
# The country file
# --------------------------------------------------------------------------------------------


def data_path() -> Path:
    """Where :data:`DATA_FILE` is (see :func:`geo.fileio.data_file`)."""
    return data_file(DATA_FILE)


class _Countries:
    """The parsed country file: features by ISO2 and their shapely geometries, each prepared
    (for fast repeated predicates) the first time it is asked for."""

    def __init__(self, path: Path) -> None:
        try:
            raw = gzip.decompress(path.read_bytes())
        except FileNotFoundError:
            raise DataMissing(
                f"country polygons not found at {str(path)!r}; re-create them with "
                "'python scripts/build_country_polygons.py' (needs npm once) or reinstall shiproute"
            ) from None
        self.features, self._geoms = _parse_countries(raw)
        self._prepared: set[str] = set()
        self._tree: tuple[Any, list[str]] | None = None
        self.lock = threading.Lock()

    def geometry(self, cc: str) -> Any:
        geom = self._geoms[cc]
        if cc not in self._prepared:
            import shapely

            # Under the lock: GEOS prepared geometries are not safe to prepare while another
            # thread queries the same object (the tree hands out these very objects).
            with self.lock:
                if cc not in self._prepared:
                    shapely.prepare(geom)
                    self._prepared.add(cc)
        return geom

    def tree(self) -> tuple[Any, list[str]]:
        """An STRtree over every country polygon, and the codes in its order."""
        if self._tree is None:
            from shapely import STRtree

            codes = sorted(self.features)
            self._tree = (STRtree([self._geoms[cc] for cc in codes]), codes)
        return self._tree


#: A feature's head in the country file as ``scripts/build_country_polygons.py`` writes it: its
#: id and flat properties, before its geometry.
_FEATURE_HEAD_RE = re.compile(rb'"id":\s*"(?P<id>[^"]+)",\s*"properties":\s*(?P<props>\{[^{}]*\})')


def _parse_countries(raw: bytes) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Features by ISO2 (id and properties) and their shapely geometries.

    GEOS reads the geometries straight from the GeoJSON text (``shapely.from_geojson``), and the
    small property objects are read on their own: this takes a third of the time of parsing the
    whole file into Python lists and building each polygon from them, which every cold command
    that measures to a country or asks whether it is an island paid for."""
    import shapely

    heads = list(_FEATURE_HEAD_RE.finditer(raw))
    collection = shapely.from_geojson(raw)
    geoms = list(shapely.get_parts(collection))
    if len(heads) != len(geoms) or len({m["id"] for m in heads}) != len(heads):
        # Not the layout the build script writes (or an id twice): read it the long way.
        from shapely.geometry import shape

        parsed = json.loads(raw)["features"]
        return ({f["id"]: {k: v for k, v in f.items() if k != "geometry"} for f in parsed},
                {f["id"]: shape(f["geometry"]) for f in parsed})
    features = {m["id"].decode(): {"id": m["id"].decode(), "properties": json.loads(m["props"])} for m in heads}
    return features, dict(zip(features, geoms, strict=True))


_LOADED: _Countries | None = None
_LOAD_LOCK = threading.Lock()


def _countries() -> _Countries:
    global _LOADED
    if _LOADED is None:
        with _LOAD_LOCK:
            if _LOADED is None:
                _LOADED = _Countries(data_path())
    return _LOADED


# --------------------------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------------------------


def _parts(geom: Any) -> list[Any]:
    return list(geom.geoms) if hasattr(geom, "geoms") else [geom]


def _bbox(geom: Any) -> tuple[float, float, float, float]:
    """RFC 7946 bbox: the shortest longitude interval covering every part (west > east when it
    runs across 180°), and the latitude range."""
    bounds = [p.bounds for p in _parts(geom) if not p.is_empty]
    south, north = min(b[1] for b in bounds), max(b[3] for b in bounds)
    merged: list[list[float]] = []
    for west, east in sorted((b[0], b[2]) for b in bounds):
        if merged and west <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], east)
        else:
            merged.append([west, east])
    # The widest gap between covered longitudes (the one across 180° included) is what the
    # bbox leaves out.
    gap, west, east = merged[0][0] + 360.0 - merged[-1][1], merged[0][0], merged[-1][1]
    for before, after in zip(merged, merged[1:], strict=False):
        if after[0] - before[1] > gap:
            gap, west, east = after[0] - before[1], after[0], before[1]
    if gap <= 0.0:  # covers every longitude (Antarctica)
        west, east = -180.0, 180.0
    return (west, south, east, north)


@functools.lru_cache(maxsize=1)
def _geod() -> Any:
    from pyproj import Geod

    return Geod(ellps="WGS84")


def _area_km2(geom: Any) -> float:
    # Sum part by part with abs(): the sign follows ring orientation, which GEOS operations
    # (intersection, union) do not promise to keep.
    total = 0.0
    for part in _parts(geom):
        area, _perimeter = _geod().geometry_area_perimeter(part)
        total += abs(area)
    return total / 1e6


def _checked_point(lon: float, lat: float) -> tuple[float, float]:
    try:
        lon_f, lat_f = float(lon), float(lat)
    except (TypeError, ValueError):
        raise BadCoordinates(f"{lat!r}, {lon!r}", "latitude and longitude must be numbers") from None
    if not (math.isfinite(lon_f) and math.isfinite(lat_f)) or not -90.0 <= lat_f <= 90.0:
        raise BadCoordinates(f"{lat!r}, {lon!r}", "latitude must be within -90..90 and both finite")
    if not -180.0 <= lon_f <= 180.0:
        lon_f = (lon_f + 180.0) % 360.0 - 180.0
    return lon_f, lat_f


def _sea_distances_km(lon: float, lat: float, margin_km: float) -> dict[str, float]:
    """Countries within ``margin_km`` km of a point that lies on no country's land, with their
    distances in km (spherical, local equirectangular: within 1 % at these ranges). Empty when
    the point is on land."""
    import shapely
    from shapely import affinity
    from shapely.geometry import Point, box

    data = _countries()
    tree, codes = data.tree()
    point = Point(lon, lat)
    if len(tree.query(point, predicate="intersects")):
        return {}
    coslat = max(0.01, math.cos(math.radians(lat)))
    reach_lat = margin_km / _KM_PER_DEGREE
    reach_lon = min(180.0, reach_lat / coslat)
    window = box(lon - reach_lon, max(-90.0, lat - reach_lat), lon + reach_lon, min(90.0, lat + reach_lat))
    found: dict[str, float] = {}
    for i in sorted(tree.query(window, predicate="intersects")):
        near = shapely.intersection(data.geometry(codes[i]), window)
        if near.is_empty:
            continue
        # In a frame where a degree of longitude is as long as one of latitude here
        near = affinity.scale(near, xfact=coslat, yfact=1.0, origin=(lon, lat))
        km = near.distance(point) * _KM_PER_DEGREE
        if km <= margin_km:
            found[codes[i]] = km
    return found


# --------------------------------------------------------------------------------------------
# Countries and regions
# --------------------------------------------------------------------------------------------


@functools.cache
def country_area(iso2: str) -> Area | None:
    """The Natural Earth 1:50m polygon of a country by ISO 3166-1 alpha-2 code (``"RU"``,
    ``"XK"`` for Kosovo), or None when the data have none (Tokelau, Tuvalu, Gibraltar)."""
    data = _countries()
    cc = (iso2 or "").upper()
    feature = data.features.get(cc)
    if feature is None:
        return None
    geom = data.geometry(cc)
    props = feature.get("properties", {})
    return Area(
        name=props.get("name", cc), kind="country", country=cc, key=cc, polygon=geom, bbox=_bbox(geom),
        area_km2=_area_km2(geom), source=COUNTRY_SOURCE, note=props.get("note", ""),
    )


@functools.lru_cache(maxsize=256)
def feature_area(source: str) -> Area | None:
    """The polygon of a shipped feature (a sea, a strait, an island; see
    :mod:`geo.places.features`) by its ``Place.source``, or None when it has no polygon."""
    from shapely.geometry import shape

    from geo.places.features import feature_geometry, feature_properties

    geometry = feature_geometry(source)
    if geometry is None or geometry["type"] not in ("Polygon", "MultiPolygon"):
        return None
    geom = shape(geometry)
    props = feature_properties(source)
    return Area(
        name=props["name"], kind=props["kind"], country=props.get("country") or "", key=source, polygon=geom,
        bbox=_bbox(geom), area_km2=_area_km2(geom), source=str(props.get("source") or ""),
    )


@functools.lru_cache(maxsize=8)
def _voronoi(cc: str) -> tuple[tuple[Any, ...], tuple[str, ...]] | None:
    """Voronoi cells (lon/lat) of a country's towns and each cell's admin1 key, or None when
    the country has no towns with a known region or no polygon."""
    import numpy as np
    import shapely

    from geo.places.gazetteer import towns_in_country

    country = country_area(cc)
    if country is None:
        return None
    towns: dict[tuple[float, float], str] = {}
    for lon, lat, key in towns_in_country(cc):  # sorted: a shared point keeps its first key
        towns.setdefault((lon, lat), key)
    if not towns:
        return None
    points = np.array(list(towns), dtype=float)
    keys = list(towns.values())
    # Scale longitudes so that, near the country's typical latitude, Voronoi edges sit halfway
    # between towns in true distance rather than in degrees.
    xfact = max(0.05, math.cos(math.radians(float(np.median(points[:, 1])))))
    scaled = points * np.array([xfact, 1.0])
    west, south, east, north = country.polygon.bounds
    pad = 1.0 + SEA_MARGIN_KM / _KM_PER_DEGREE / xfact  # cells must reach past the sea margin
    envelope = shapely.box((west - pad) * xfact, south - pad, (east + pad) * xfact, north + pad)
    if len(points) == 1:
        cells = [envelope]
    else:
        diagram = shapely.voronoi_polygons(shapely.multipoints(scaled), extend_to=envelope, ordered=True)
        cells = list(shapely.get_parts(diagram))
        if len(cells) != len(points):
            raise DataMissing(f"the Voronoi diagram of {cc}'s {len(points)} towns has {len(cells)} cells")
    unscaled = shapely.transform(np.array(cells, dtype=object), lambda xy: xy / np.array([xfact, 1.0]))
    return tuple(unscaled), tuple(keys)


@functools.lru_cache(maxsize=256)
def region_area(admin1_key: str) -> Area | None:
    """The approximate polygon of a first-level region by GeoNames admin1 key (``"RU.59"``,
    ``"US.CA"``): the Voronoi cells of its towns, merged, clipped to the country (see the
    module docstring: borders are approximations). None when the country has no polygon or
    the region no town. The first region of a country computes the country's Voronoi diagram
    (0.07 s for Russia, 0.25 s for the United States); later ones reuse it."""
    import shapely

    key = (admin1_key or "").strip()
    cc = key.split(".", 1)[0].upper()
    diagram = _voronoi(cc)
    if diagram is None:
        return None
    cells, keys = diagram
    mine = [c for c, k in zip(cells, keys, strict=True) if k == key]
    if not mine:
        return None
    # The cells tile the plane (a coverage): merged by their shared edges, ten times faster than by overlay.
    merged = shapely.coverage_union_all(mine)
    country = country_area(cc)
    assert country is not None  # _voronoi returned cells, so the country has a polygon
    clipped = shapely.intersection(merged, country.polygon)
    polygons = [p for p in _parts(clipped) if p.geom_type == "Polygon" and not p.is_empty]
    if not polygons:
        return None
    from shapely.geometry import MultiPolygon

    polygon = polygons[0] if len(polygons) == 1 else MultiPolygon(sorted(polygons, key=lambda p: p.bounds))
    shapely.prepare(polygon)
    shapely.prepare(merged)
    return Area(
        name=_region_name(key), kind="region", country=cc, key=key, polygon=polygon, bbox=_bbox(polygon),
        area_km2=_area_km2(polygon),
        source=f"approximation: Voronoi cells of GeoNames towns in {key}, clipped to Natural Earth {cc}",
        approximate=True, cells=merged,
    )


def _region_name(key: str) -> str:
    from geo.places.gazetteer import region_name

    return region_name(key) or key


def area_of(place: Place) -> Area | None:
    """The :class:`Area` of a country, a first-level region or an area feature (a sea, a
    strait, an island) as :func:`geo.places.resolve` returns it; None for other kinds (towns,
    ports, facilities, coordinates) and for places the data cannot draw (see
    :func:`country_area`, :func:`region_area`, :func:`feature_area`)."""
    if place.kind == "country":
        return country_area(place.country or "")
    if place.kind in AREA_KINDS:
        found = feature_area(place.source)
        if found is None and place.kind == "continent":  # the index's continent, the features' polygon
            from geo.places.features import feature_source_named

            source = feature_source_named("continent", place.name)
            found = feature_area(source) if source else None
        return found
    if place.kind == "region":
        key = _region_key_of(place)
        return region_area(key) if key else None
    return None


def _region_key_of(place: Place) -> str | None:
    from geo.places.gazetteer import region_key

    key = region_key(place)
    if key is None and place.source.startswith("region:"):
        key = place.source.split(":", 1)[1]
    return key


#: Kinds of place whose distance is measured to their edge, not their point: "75 km south of
#: Turkey" is to Turkey's coast, "Cyprus lies 75 km ..." from Cyprus's shore, "40 km from the
#: Kerch Strait" to its water. Towns, ports and facilities stay points.
EDGE_KINDS = frozenset({"country", "region", "island", "archipelago", "islet", "atoll", "reef", "shoal",
                        "peninsula", "sea", "gulf", "bay", "strait", "channel", "sound", "lagoon", "fjord"})


#: A country smaller than this (km²) is a city state, measured to its point (Vatican, Monaco, San Marino).
CITY_STATE_KM2 = 100.0


def edge_geometry(place: Place) -> Any | None:
    """The polygon a distance to ``place`` is measured to (a shapely geometry in lon/lat
    degrees): its country, region or feature polygon when its kind is one of
    :data:`EDGE_KINDS` and the data draw it; None for a point place and a city state
    (:data:`CITY_STATE_KM2`)."""
    if place.kind not in EDGE_KINDS:
        return None
    if place.kind == "region" and is_island(place):
        # The whole island, from the shipped table: no Voronoi diagram of the country's towns.
        land = island_land(place)
        if land is not None:
            return land
    try:
        area = area_of(place)
    except (BadInput, DataMissing):
        return None
    if area is None or area.polygon.is_empty:
        return None
    if area.kind == "country" and area.area_km2 < CITY_STATE_KM2:
        return None  # a city state is a point like a town: "Rome is 3 km from the Vatican"
    if area.kind == "region" and is_island(place):
        return _island_parts(area)
    return area.polygon


@functools.lru_cache(maxsize=256)
def island_land(place: Place) -> Any | None:
    """The whole island (the parts of its country's polygon) an island region lies on: what a
    distance to or from it is measured to, and what "the rest of the country" leaves out
    (Sicily's towns' cells leave the Strait of Messina's shore to Calabria's, whose land would
    otherwise count as Italy's rest, 0 km from Sicily). The parts are read from the shipped
    table when it has the region. None when ``place`` is no island region."""
    if place.kind != "region" or not is_island(place):
        return None
    key = _region_key_of(place)
    if key is None:
        return None
    held = _shipped_islands().get(key, (False, ()))[1]
    if not held:
        try:
            held = region_island_parts(key)
        except (BadInput, DataMissing):
            return None
    import shapely

    country_parts = _parts(_countries().geometry(key.split(".", 1)[0].upper()))
    return shapely.union_all([country_parts[i] for i in held]) if held else None


def region_island_parts(key: str) -> tuple[int, ...]:
    """The indices of the parts of its country's polygon that an island region's outline lies
    on (Sicily, Pantelleria), computed from the outline (a Voronoi diagram of the country's
    towns); ``scripts/build_islands.py`` ships them."""
    area = region_area(key)
    if area is None:
        return ()
    found = (_part_index(area.country, piece.representative_point()) for piece in _parts(_island_parts(area)))
    return tuple(sorted({i for i in found if i is not None}))


def _island_parts(area: Area) -> Any:
    """An island region's outline without the slivers its towns' cells reach across a strait
    onto a part of the country with a land border (Messina's cells onto Calabria's tip), which
    would put Sicily 0 km from the Italian mainland."""
    def on_island_part(piece: Any) -> bool:
        index = _part_index(area.country, piece.representative_point())
        return index is None or _part_is_island(area.country, index)

    return parts_where(area.polygon, on_island_part)


def parts_where(shape: Any, keep: Any) -> Any:
    """The parts of a (Multi)Polygon ``shape`` for which ``keep(part)`` holds, or ``shape`` itself
    when all or none do (a shape is never emptied by a test)."""
    from shapely.geometry import MultiPolygon

    pieces = _parts(shape)
    kept = [piece for piece in pieces if keep(piece)]
    if not kept or len(kept) == len(pieces):
        return shape
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def is_island(place: Place) -> bool:
    """Whether a country or first-level region is an island (or a group of them) with no land
    border: Cyprus, Malta, Taiwan, Sicily, Gotland's county. An island may be the subject of an
    offshore distance ("Cyprus lies 75 km south of Turkey"); a country with a land border is
    too wide for that ("Turkey lies 75 km from ..." is about some point of Turkey).

    A country is one when its largest part touches no other country's polygon; a region when
    its largest part covers most of such a part of its country."""
    if place.kind not in ("country", "region"):
        return False
    return _place_is_island(place)


@functools.lru_cache(maxsize=4096)
def _place_is_island(place: Place) -> bool:
    # Keyed by the place: finding a region's key is a gazetteer query, its outline a Voronoi diagram.
    if place.kind == "country":
        shipped = _shipped_islands().get(place.country or "")
        return shipped[0] if shipped is not None else country_is_island(place.country or "")
    if not _on_island_part(place):
        return False  # its point is on a part of its country with a land border: no outline needed
    key = _region_key_of(place)
    if key is None:
        return False
    shipped = _shipped_islands().get(key)
    if shipped is not None:
        return shipped[0]  # the Voronoi diagram of a country's towns is most of an article's reading time
    try:
        return region_is_island(key)
    except (BadInput, DataMissing):
        return False


def country_is_island(cc: str) -> bool:
    """Whether the country with ISO 3166-1 alpha-2 code ``cc`` is an island (or a group of them)
    with no land border, computed from its Natural Earth polygon; :func:`is_island` reads the
    answer from ``data/islands.csv`` when it has the country (a cold start then never reads the
    country file for it)."""
    return _island_area(cc, "country")  # no Area: its geodesic size is not needed


def region_is_island(key: str) -> bool:
    """Whether the first-level region with GeoNames admin1 key ``key`` is an island (or most
    of one) with no land border, computed from its approximate outline (a Voronoi diagram of
    its country's towns, 0.05 to 0.25 s of CPU); False when the region has no outline.
    :func:`is_island` reads the answer from ``data/islands.csv`` when that
    file has the region, which ``scripts/build_islands.py`` writes with this function."""
    return _island_area(key, "region")


@functools.cache
def _shipped_islands() -> dict[str, tuple[bool, tuple[int, ...]]]:
    """Admin1 key -> (whether the region is an island, the parts of its country it lies on)."""
    import csv

    path = data_file(ISLANDS_FILE)
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["key"]: (row["island"] == "1", tuple(int(i) for i in (row.get("parts") or "").split()))
                for row in csv.DictReader(handle)}


def _on_island_part(place: Place) -> bool:
    """Whether a region's point lies on a part of its country that touches no other country
    (or the data cannot say): a region on a part with a land border (Baja California, Lamu) is
    no island, and saying so needs no Voronoi diagram of the country's towns."""
    from shapely.geometry import Point

    data = _countries()
    cc = place.country or ""
    if cc not in data.features:
        return True
    index = _part_index(cc, Point(place.lon, place.lat))
    return True if index is None else _part_is_island(cc, index)


def _part_index(cc: str, point: Any) -> int | None:
    """The index of the first part of country ``cc``'s polygon that ``point`` lies on, if any."""
    return next((i for i, p in enumerate(_parts(_countries().geometry(cc))) if p.intersects(point)), None)


@functools.lru_cache(maxsize=1024)
def _part_is_island(cc: str, index: int) -> bool:
    data = _countries()
    part = _parts(data.geometry(cc))[index]
    tree, codes = data.tree()
    # A territory drawn both on its own and inside its country (Svalbard in Norway, Réunion in
    # France: see the module docstring) is the same land twice, not a land border.
    return all(codes[i] == cc or _same_land(part, data.geometry(codes[i]))
               for i in tree.query(part, predicate="intersects"))


def _same_land(part: Any, other: Any) -> bool:
    """Whether ``part`` lies within ``other`` or holds a piece of it that it meets (the overlap
    is nearly all of one of them), rather than touching it along a border."""
    if part.intersection(other).area > 0.9 * part.area:
        return True
    return any(part.intersection(piece).area > 0.9 * piece.area for piece in _parts(other) if piece.intersects(part))


@functools.lru_cache(maxsize=1024)
def _island_area(key: str, kind: str) -> bool:
    # Polygons only, not Areas: an Area's geodesic size costs more than this whole test.
    data = _countries()
    if kind == "country":
        polygon, cc = (data.geometry(key), key) if key in data.features else (None, "")
    else:
        region = region_area(key)
        polygon, cc = (region.polygon, region.country) if region is not None else (None, "")
    if polygon is None or cc not in data.features:
        return False
    largest = max(_parts(polygon), key=lambda p: p.area)
    index = _part_index(cc, largest.representative_point())
    if index is None or largest.area < 0.8 * _parts(data.geometry(cc))[index].area:
        return False
    return _part_is_island(cc, index)


def countries_at(lon: float, lat: float, sea_margin_km: float = SEA_MARGIN_KM) -> tuple[str, ...]:
    """ISO2 codes of the countries a point (degrees) is in, smallest area first (Réunion
    before France). On land, the polygons that contain it; at sea, the nearest country within
    ``sea_margin_km`` km (ties: all of them), else nothing."""
    lon, lat = _checked_point(lon, lat)
    from shapely.geometry import Point

    data = _countries()
    tree, codes = data.tree()
    hits = [codes[i] for i in tree.query(Point(lon, lat), predicate="intersects")]
    if not hits and sea_margin_km > 0:
        near = _sea_distances_km(lon, lat, sea_margin_km)
        if near:
            nearest = min(near.values())
            hits = [cc for cc, km in near.items() if km <= nearest + 1e-9]
    return tuple(sorted(hits, key=lambda cc: (country_area(cc).area_km2, cc)))  # type: ignore[union-attr]


def contains(place_or_area: Place | Area, lon: float, lat: float, *, sea_margin_km: float = SEA_MARGIN_KM) -> bool:
    """Whether the country or region holds the point (``lon``, ``lat`` in degrees).

    True when the point is on the polygon (its border included), or at sea within
    ``sea_margin_km`` km of the country, that country being the nearest (see the module
    docstring); for a region, such a sea point must also fall in the region's towns' cells.
    ``sea_margin_km=0`` tests the polygon alone. Raises :class:`~geo.errors.BadInput` for a
    place that has no area (a town, or a country missing from the 1:50m data) and
    :class:`~geo.errors.BadCoordinates` for an impossible point.
    """
    area = place_or_area if isinstance(place_or_area, Area) else area_of(place_or_area)
    if area is None:
        place = cast(Place, place_or_area)  # an Area is its own area: only a Place has none
        if place.kind in ("country", "region"):
            raise BadInput(
                f"no polygon for {place.label()!r}: Natural Earth 1:50m does not draw it, or the region "
                "has no GeoNames town; test the distance to its point instead"
            )
        raise BadInput(
            f"{place.label()!r} is a {place.kind!r}; only countries and first-level regions have an area "
            "(for a town, measure the distance to its point instead)"
        )
    lon, lat = _checked_point(lon, lat)
    from shapely.geometry import Point

    point = Point(lon, lat)
    if area.kind == "country":
        if area.polygon.intersects(point):
            return True
        if sea_margin_km <= 0:
            return False
        near = _sea_distances_km(lon, lat, sea_margin_km)
        return area.key in near and near[area.key] <= min(near.values()) + 1e-9
    if area.polygon.intersects(point):
        return True
    if sea_margin_km <= 0 or area.cells is None or not area.cells.intersects(point):
        return False
    # Off the drawn coast, yet in the region's cells: it is the region's if it is the country's
    country = country_area(area.country)
    return country is not None and contains(country, lon, lat, sea_margin_km=sea_margin_km)


# --------------------------------------------------------------------------------------------
# Central points
# --------------------------------------------------------------------------------------------

#: Parts of an area farther than this (km) from its largest part do not pull its central point:
#: they are overseas (French Guiana, Hawaii), across another country (Alaska, Kaliningrad) or
#: far out at sea (Easter Island); coastal islands nearer than this count.
MAIN_LANDMASS_GAP_KM = 300.0
#: A centroid that falls outside its area moves this far (km) inside it (at most half the
#: width of the part it moves into).
CENTRAL_POINT_INSET_KM = 10.0


def central_point(area: Area, *, move_inside: bool = True) -> tuple[float, float]:
    """A central representative point of a country or region, ``(lon, lat)`` in degrees.

    The centroid of the area's *main landmass* (its largest part and every part within
    :data:`MAIN_LANDMASS_GAP_KM` km of it) weighted by true area (computed in the cylindrical
    equal-area frame, ``y = sin(lat)``) and across the antimeridian as one piece (Russia's
    Chukotka, Fiji). GeoNames' own points for countries and first-level regions are
    hand-placed near such a centre (Canada 60°N 95°W, Texas 31.3°N 99.3°W). When the centroid
    falls outside the area (a crescent like Norway or Croatia, an archipelago), it moves to the
    nearest point of the nearest main part, :data:`CENTRAL_POINT_INSET_KM` km inside its coast
    or border, so that the point always lies on the area's land (``move_inside=False`` keeps
    the centroid where it is). Deterministic; a few milliseconds for most areas, up to about
    0.2 s when the point has to move. ``scripts/build_area_points.py`` computes it for every
    country and region into ``data/area_points.csv.gz``, which the gazetteer index reads.
    """
    import shapely
    from shapely.geometry import Point
    from shapely.ops import nearest_points, polylabel

    parts = [p for p in _parts(area.polygon) if not p.is_empty]
    if area.crosses_antimeridian:  # the parts west of 180° join those east of it
        west = area.bbox[0]
        parts = [shapely.transform(p, lambda xy: xy + (360.0, 0.0)) if p.bounds[0] < west else p for p in parts]
    equal_area = [_equal_area(p) for p in parts]
    largest = max(range(len(parts)), key=lambda i: (equal_area[i].area, -i))
    lat0 = _lat_of(equal_area[largest].centroid.y)
    coslat = max(0.05, math.cos(math.radians(lat0)))
    local = [shapely.transform(p, lambda xy: xy * (coslat, 1.0)) for p in parts]  # degrees of ~111 km
    gap_deg = MAIN_LANDMASS_GAP_KM / _KM_PER_DEGREE
    main = [i for i in range(len(parts)) if i == largest or local[i].distance(local[largest]) <= gap_deg]
    weights = [equal_area[i].area for i in main]
    total = sum(weights)
    x = sum(w * equal_area[i].centroid.x for w, i in zip(weights, main, strict=True)) / total
    y = sum(w * equal_area[i].centroid.y for w, i in zip(weights, main, strict=True)) / total
    lon, lat = x, _lat_of(y)
    if move_inside and not any(parts[i].intersects(Point(lon, lat)) for i in main):
        here = Point(lon * coslat, lat)
        nearest = min(main, key=lambda i: (local[i].distance(here), i))
        part = local[nearest]
        label = polylabel(part, tolerance=0.01)
        inset = min(CENTRAL_POINT_INSET_KM / _KM_PER_DEGREE, 0.5 * part.boundary.distance(label))
        core = part.buffer(-inset)
        inside = label if core.is_empty else nearest_points(core, here)[0]
        lon, lat = inside.x / coslat, inside.y
    return (lon + 180.0) % 360.0 - 180.0, lat


def _equal_area(geom: Any) -> Any:
    """``geom`` in the cylindrical equal-area frame (x = lon, y = sin(lat)): there, planar area
    is proportional to true area, so a planar centroid is an area-weighted one."""
    import numpy as np
    import shapely

    return shapely.transform(geom, lambda xy: np.column_stack([xy[:, 0], np.sin(np.radians(xy[:, 1]))]))


def _lat_of(y: float) -> float:
    return math.degrees(math.asin(max(-1.0, min(1.0, y))))
