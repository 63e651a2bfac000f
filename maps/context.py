"""Geographic context for a map, from shipped data only: country borders and the names of
countries and seas, so a reader can tell whose coast is whose and which water is which.

* Borders are the edges two countries of ``data/countries-50m.geojson.gz`` (Natural Earth
  1:50m) share: the polygons' own coastlines are not drawn (the basemap's GSHHG coast is).
* Country names sit at a point inside each country's largest part within the view; sea names
  at the label points of the seas, gulfs, bays and straits of ``data/features.geojson.gz`` (the
  place layer's water features), the biggest first. The map's collision pass drops any name
  that has no room, after every place and distance label has been placed.

* Rivers from ``data/rivers-10m.geojson.gz`` (Natural Earth 1:10m rivers and lake
  centrelines): the big ones on a regional map, and on any map the river a modelled sea route
  runs up, drawn wider, in the sea's colour. (A river the router does not model, such as the
  Saigon River to Ho Chi Minh City, is no route: the place's access leg is drawn as not modelled, see
  :func:`maps.scene._unmodelled_access`.)
* Reference cities from ``data/reference_cities.csv.gz`` (Natural Earth populated places):
  a few, by Natural Earth's rank and population, away from the story's own places and from
  each other; the collision pass leaves out any without room for its name.
* A locator inset for a regional map: the land of a wide area round the view, in a small
  box, with the view outlined (:func:`locator`).

Everything is in the scene's one copy of the world (``frame_west`` to ``frame_west + 360``).
"""

from __future__ import annotations

import functools
import gzip
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from maps.scene import is_ocean_scale, span_km

__all__ = ["ContextLabel", "Locator", "borders", "context_labels", "in_water", "locator", "reference_cities", "rivers",
           "water_spots"]

#: Water features named on a map, by kind, and the least share of the view's area a feature
#: must cover to be named there (a bay the size of a pixel is not).
_WATER_KINDS = ("sea", "gulf", "bay", "strait", "sound")
_MIN_SHARE = 0.004
_MAX_SEAS = 5
_MAX_COUNTRIES = 8


@dataclass(frozen=True, slots=True)
class ContextLabel:
    kind: str  # country | sea | city
    text: str
    lon: float
    lat: float
    rank: float  # bigger first
    source: str = ""  # a sea's feature in the place layer (see :func:`in_water`)


@functools.cache
def _countries() -> dict[str, tuple[str, Any]]:
    import shapely
    from shapely.geometry import shape

    from geo.fileio import data_file

    raw = json.loads(gzip.decompress(data_file("countries-50m.geojson.gz").read_bytes()))
    out: dict[str, tuple[str, Any]] = {}
    for feature in raw["features"]:
        geometry = shape(feature["geometry"])
        shapely.prepare(geometry)
        out[feature["id"]] = (feature["properties"].get("name") or feature["id"], geometry)
    return out


@functools.cache
def _waters() -> tuple[tuple[str, str, float, float, float, str], ...]:
    """(name, kind, lon, lat, area_km2, source id) of every named water feature in the place layer."""
    from geo.places.features import features_of_kinds

    rows = []
    for p in features_of_kinds(frozenset(_WATER_KINDS)):
        if p.get("name") and p.get("lat") is not None:
            rows.append((str(p["name"]), str(p["kind"]), float(p["lon"]), float(p["lat"]),
                         float(p.get("area_km2") or 0.0), str(p.get("id") or "")))
    return tuple(sorted(rows))


@functools.cache
def _water_shape(source: str) -> Any:
    """The polygon of a water feature of the place layer (prepared), or None."""
    import shapely
    from shapely.geometry import shape

    from geo.places.features import feature_geometry

    geometry = feature_geometry(source) if source else None
    if not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return None
    polygon = shapely.make_valid(shape(geometry))
    shapely.prepare(polygon)
    return polygon


#: A sea whose own label point lies outside the view is still named when its water fills at
#: least this share of the view (the Black Sea on a map of the Kerch Strait): at the point of
#: that water farthest from its shores.
_MIN_WATER_SHARE_IN_VIEW = 0.12


def _copies(box: tuple[float, float, float, float]) -> list[tuple[float, tuple[float, float, float, float]]]:
    """The parts of a box in unwrapped degrees as (shift, box in -180..180 degrees)."""
    west, south, east, north = box
    out = []
    for turn in (-2, -1, 0, 1, 2):
        shift = 360.0 * turn
        w, e = max(west - shift, -180.0), min(east - shift, 180.0)
        if w < e:
            out.append((shift, (w, south, e, north)))
    return out


@functools.cache
def _country_tree() -> tuple[tuple[Any, ...], Any]:
    """The countries' outlines and an STRtree over them."""
    import shapely

    geometries = tuple(geometry for _, geometry in _countries().values())
    return geometries, shapely.STRtree(geometries)


@functools.cache
def _shared_edge(first: int, second: int) -> tuple[Any, ...]:
    """The border two countries (indices into :func:`_country_tree`) share, as lines; none
    for a territory Natural Earth lists inside its country as well (French Guiana in France,
    Svalbard in Norway): the two overlap, and its coast is no border."""
    import shapely

    geometries, _ = _country_tree()
    a, b = geometries[first], geometries[second]
    if shapely.relate_pattern(a, b, "2********"):
        return ()
    shared = shapely.intersection(a.boundary, b.boundary)
    return tuple(part for part in shapely.get_parts(shared) if part.geom_type == "LineString" and not part.is_empty)


def borders(box: tuple[float, float, float, float], *, digits: int = 3) -> list[list[tuple[float, float]]]:
    """Land borders inside ``box`` (west, south, east, north; unwrapped degrees), as lines in
    the box's own longitudes: the edges neighbouring countries share, each pair's edge worked
    out once per process (the union of every outline in an ocean-scale view took 7 s)."""
    import shapely

    geometries, tree = _country_tree()
    lines: list[list[tuple[float, float]]] = []
    for shift, part in _copies(box):
        area = shapely.box(*part)
        inside = sorted(tree.query(area, predicate="intersects").tolist())
        if len(inside) < 2:
            continue
        subset = [geometries[i] for i in inside]
        first, second = shapely.STRtree(subset).query(subset, predicate="intersects")
        edges = [edge for i, j in zip(first.tolist(), second.tolist(), strict=True) if i < j
                 for edge in _shared_edge(inside[i], inside[j])]
        if not edges:
            continue
        clipped = shapely.clip_by_rect(shapely.union_all(edges), *part)
        if clipped.is_empty:
            continue
        merged = shapely.line_merge(clipped) if clipped.geom_type in ("MultiLineString", "LineString") else clipped
        for line in shapely.get_parts(merged):
            if line.geom_type != "LineString" or line.length < 1e-4:
                continue
            coords = [(round(x + shift, digits), round(y, digits)) for x, y in line.coords]
            if len(coords) >= 2:
                lines.append(coords)
    return sorted(lines)


def context_labels(box: tuple[float, float, float, float]) -> list[ContextLabel]:
    """Names of the countries and seas a reader needs inside ``box``, most important first."""
    import shapely

    west, south, east, north = box
    view_area = max((east - west) * (north - south), 1e-9)
    labels: list[ContextLabel] = []
    for shift, part in _copies(box):
        area = shapely.box(*part)
        for _code, (name, geometry) in sorted(_countries().items()):
            if not geometry.intersects(area):
                continue
            piece = shapely.clip_by_rect(geometry, *part)
            parts = sorted(shapely.get_parts(piece), key=lambda g: -g.area)
            if not parts or parts[0].area < _MIN_SHARE * 4 * view_area:
                continue
            point = shapely.point_on_surface(parts[0])
            labels.append(ContextLabel("country", name, round(point.x + shift, 4), round(point.y, 4), parts[0].area))
        part_area = (part[2] - part[0]) * (part[3] - part[1])
        for name, _kind, lon, lat, area_km2, source in _waters():
            if not (part[0] <= lon <= part[2] and part[1] <= lat <= part[3]):
                # Too small to fill enough of the view, whatever its shape: not even looked at.
                if area_km2 < _MIN_WATER_SHARE_IN_VIEW * part_area * 111.0 * 111.0 * _cos_mid(part):
                    continue
                inside = _water_in_view(source, area, part_area)
                if inside is not None:
                    point, share = inside
                    labels.append(ContextLabel("sea", name, round(point[0] + shift, 4), round(point[1], 4),
                                               share * view_area * 111.0 * 111.0 / 12000.0, source))
                continue
            share = area_km2 / (view_area * 111.0 * 111.0)
            if share < _MIN_SHARE:
                continue
            labels.append(ContextLabel("sea", name, round(lon + shift, 4), round(lat, 4), area_km2 / 12000.0, source))
    countries = sorted((x for x in labels if x.kind == "country"), key=lambda x: (-x.rank, x.text))[:_MAX_COUNTRIES]
    seas_ranked = sorted((x for x in labels if x.kind == "sea"), key=lambda x: (-x.rank, x.text))
    # One name once (a sea across the antimeridian is found in both parts of the box).
    seas = [x for i, x in enumerate(seas_ranked) if x.text not in {y.text for y in seas_ranked[:i]}][:_MAX_SEAS]
    return seas + countries


def in_water(label: ContextLabel, lon: float, lat: float) -> bool:
    """Whether a point (longitude unwrapped, any copy of the world) lies in the water a sea's
    name belongs to; True when the place layer has no outline of it."""
    import shapely

    shape = _water_shape(label.source) if label.kind == "sea" else None
    if shape is None:
        return True
    lon = (lon + 180.0) % 360.0 - 180.0
    return bool(shape.intersects(shapely.Point(lon, lat)))


def water_spots(label: ContextLabel, box: tuple[float, float, float, float], *,
                count: int = 16) -> list[tuple[float, float]]:
    """Other points (lon, lat; in the label's copy of the world) where a sea's name may go:
    inside its water and ``box``, on a grid, nearest the label's own point first. None when
    the place layer has no outline of it."""
    import numpy as np
    import shapely

    shape = _water_shape(label.source) if label.kind == "sea" else None
    if shape is None:
        return []
    shift = label.lon - ((label.lon + 180.0) % 360.0 - 180.0)
    west, south, east, north = box
    water = shapely.intersection(shape, shapely.box(west - shift, south, east - shift, north))
    if water.is_empty:
        return []
    # Away from the shore a little: a name set at the water's edge runs onto the land.
    w, s, e, n = water.bounds
    inner = water.buffer(-0.08 * min(e - w, n - s))
    if inner.is_empty:
        inner = water
    lons, lats = np.meshgrid(np.linspace(w, e, 11), np.linspace(s, n, 11))
    points = shapely.points(lons.ravel(), lats.ravel())
    inside = [(float(p.x), float(p.y)) for p in points[shapely.contains(inner, points)]]
    k = _cos_mid(box)
    inside.sort(key=lambda q: (math.hypot((q[0] + shift - label.lon) * k, q[1] - label.lat), q))
    return [(round(x + shift, 4), round(y, 4)) for x, y in inside[:count]]


def _cos_mid(box: tuple[float, float, float, float]) -> float:
    return max(math.cos(math.radians((box[1] + box[3]) / 2)), 0.05)


def _water_in_view(source: str, area: Any, area_deg2: float) -> tuple[tuple[float, float], float] | None:
    """Where to name a water feature whose label point is outside ``area`` (a box, in -180..180
    degrees) but whose water fills enough of it: the point of its biggest piece in the box
    farthest from that piece's edges, and the share of the box that piece fills."""
    import shapely

    shape = _water_shape(source)
    if shape is None or area_deg2 <= 0 or not shape.intersects(area):
        return None
    pieces = sorted(shapely.get_parts(shapely.intersection(shape, area)), key=lambda g: -g.area)
    if not pieces or pieces[0].geom_type != "Polygon" or pieces[0].area < _MIN_WATER_SHARE_IN_VIEW * area_deg2:
        return None
    circle = shapely.maximum_inscribed_circle(pieces[0], tolerance=max(math.sqrt(area_deg2) / 200.0, 1e-4))
    x, y = shapely.get_coordinates(circle)[0]
    return (float(x), float(y)), pieces[0].area / area_deg2


# --------------------------------------------------------------------------------------------
# Rivers


@functools.cache
def _rivers() -> tuple[tuple[str, int, Any], ...]:
    """(name, Natural Earth scalerank, MultiLineString) of every river and lake centreline."""
    import shapely
    from shapely.geometry import shape

    from geo.fileio import data_file

    raw = json.loads(gzip.decompress(data_file("rivers-10m.geojson.gz").read_bytes()))
    out = []
    for feature in raw["features"]:
        geometry = shape(feature["geometry"])
        shapely.prepare(geometry)
        out.append((str(feature["properties"]["name"]), int(feature["properties"]["scalerank"]), geometry))
    return tuple(out)


#: Rivers a route runs along: the route stays within this many degrees of the river for at
#: least _USED_LENGTH_DEG of its length (a route crossing a river mouth does not count).
_USED_NEAR_DEG = 0.05
_USED_LENGTH_DEG = 0.15


def _river_rank_limit(box: tuple[float, float, float, float]) -> int:
    """The least important river (Natural Earth scalerank) a view of this size draws: none on
    an ocean-scale map."""
    if is_ocean_scale(box):
        return -1
    span = span_km(box)
    return 7 if span < 800 else 5 if span < 2000 else 3


def rivers(
    box: tuple[float, float, float, float], routes: Sequence[Sequence[tuple[float, float]]] = (), *, digits: int = 3,
    view: tuple[float, float, float, float] | None = None,
) -> list[tuple[list[tuple[float, float]], bool]]:
    """Rivers to draw inside ``box`` (west, south, east, north; unwrapped degrees), in the box's
    own longitudes, as (line, used): the important ones for the size of ``view`` (the box
    itself if not given; a map draws rivers out to its frame, beyond the view it is fitted to,
    so none ends inside the picture), and every river a route of ``routes`` (lines in
    unwrapped lon/lat) runs along, which is flagged ``used``."""
    import shapely

    limit = _river_rank_limit(view or box)
    lines: list[tuple[list[tuple[float, float]], bool]] = []
    for shift, part in _copies(box):
        area = shapely.box(*part)
        near_routes = [shapely.LineString([(x - shift, y) for x, y in route]).buffer(_USED_NEAR_DEG)
                       for route in routes if len(route) >= 2]
        near = shapely.union_all(near_routes) if near_routes else None
        for _name, rank, geometry in _rivers():
            if not geometry.intersects(area):
                continue
            used = near is not None and shapely.intersection(geometry, near).length >= _USED_LENGTH_DEG
            if rank > limit and not used:
                continue
            clipped = shapely.clip_by_rect(geometry, *part)
            for line in shapely.get_parts(clipped):
                if line.geom_type != "LineString" or line.length < 1e-3:
                    continue
                coords = [(round(x + shift, digits), round(y, digits)) for x, y in line.coords]
                lines.append((coords, used))
    return sorted(lines)


# --------------------------------------------------------------------------------------------
# Reference cities


@functools.cache
def _cities() -> tuple[tuple[int, str, str, float, float, int, int | None], ...]:
    """(scalerank, name, country, lat, lon, population, GeoNames id) of Natural Earth's
    populated places, the most important first."""
    import csv
    import io

    from geo.fileio import data_file

    text = gzip.decompress(data_file("reference_cities.csv.gz").read_bytes()).decode("utf-8")
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        rows.append((int(row["scalerank"]), row["name"], row["country"], float(row["lat"]), float(row["lon"]),
                     int(row["population"]), int(row["geonameid"]) if row["geonameid"] else None))
    return tuple(rows)


#: How many reference cities a map offers the collision pass, and how far apart (as a share
#: of the view's size) they and the story's own places must be.
_MAX_CITIES = 6
_CITY_ROOM = 0.1


def reference_cities(
    box: tuple[float, float, float, float],
    places: Sequence[tuple[float, float]] = (),
    *,
    exclude_ids: Sequence[int] = (),
    limit: int = _MAX_CITIES,
) -> list[ContextLabel]:
    """A few cities a reader knows, inside ``box`` (unwrapped degrees), for orientation: by
    Natural Earth's rank, then population; none near a story place (``places``, (lon, lat))
    or a city already chosen; none that is a story place (``exclude_ids``, GeoNames ids)."""
    west, south, east, north = box
    k = max(math.cos(math.radians((south + north) / 2)), 0.05)
    size = math.hypot((east - west) * k, north - south)
    room = _CITY_ROOM * size
    inset_lon, inset_lat = 0.04 * (east - west), 0.04 * (north - south)
    # Ocean maps name only world cities; a regional one, towns a reader would look for.
    max_rank = 2 if is_ocean_scale(box) else 8
    taken = [(lon, lat) for lon, lat in places]
    chosen: list[ContextLabel] = []
    excluded = set(exclude_ids)
    for rank, name, _country, lat, lon, population, geonameid in _cities():
        if rank > max_rank or len(chosen) >= limit:
            break
        if geonameid is not None and geonameid in excluded:
            continue
        lon = lon + 360.0 * round(((west + east) / 2 - lon) / 360.0)
        if not (west + inset_lon <= lon <= east - inset_lon and south + inset_lat <= lat <= north - inset_lat):
            continue
        if any(math.hypot((lon - x) * k, lat - y) < room for x, y in taken):
            continue
        taken.append((lon, lat))
        chosen.append(ContextLabel("city", name, round(lon, 4), round(lat, 4), float(population)))
    return chosen


# --------------------------------------------------------------------------------------------
# Locator inset


@dataclass(frozen=True, slots=True)
class Locator:
    """A small map of the area round a regional view, in its own pixels (origin top left):
    land polygons (rings of (x, y)) and the view's outline (left, top, right, bottom)."""

    width: int
    height: int
    land: tuple[tuple[tuple[tuple[float, float], ...], ...], ...]
    view: tuple[float, float, float, float]


def locator(view: tuple[float, float, float, float], *, width: int = 120, height: int = 90) -> Locator | None:
    """The locator inset for a regional ``view`` (west, south, east, north; unwrapped
    degrees): about eight times the view's size (at least 36 degrees across), centred on it,
    drawn plate carrée scaled by the cosine of the centre's latitude; ``None`` for an ocean-scale view."""
    import shapely

    west, south, east, north = view
    if is_ocean_scale(view):  # the view is itself the overview
        return None
    lon0, lat0 = (west + east) / 2, (south + north) / 2
    k = max(math.cos(math.radians(lat0)), 0.2)
    across = max(8 * (east - west) * k, 8 * (north - south) * width / height, 36.0)  # scaled degrees
    half_w, half_h = across / 2, across / 2 * height / width
    lat_top, lat_bottom = min(lat0 + half_h, 84.0), max(lat0 - half_h, -84.0)
    if lat_top - lat_bottom < 2 * half_h:  # near a pole: slide the box rather than shrink it
        if lat_bottom <= -84.0:
            lat_top = lat_bottom + 2 * half_h
        else:
            lat_bottom = lat_top - 2 * half_h
    box = (lon0 - half_w / k, lat_bottom, lon0 + half_w / k, lat_top)
    scale = width / across

    def to_px(lon: float, lat: float) -> tuple[float, float]:
        return (round((lon - box[0]) * k * scale, 1), round((box[3] - lat) * scale, 1))

    tolerance = 0.6 / scale / k  # about half a pixel, in degrees of longitude
    rings: list[tuple[tuple[tuple[float, float], ...], ...]] = []
    for shift, part in _copies(box):
        area = shapely.box(*part)
        for _code, (_name, geometry) in sorted(_countries().items()):
            if not geometry.intersects(area):
                continue
            piece = shapely.simplify(shapely.clip_by_rect(geometry, *part), tolerance)
            for polygon in shapely.get_parts(piece):
                if polygon.geom_type != "Polygon" or polygon.is_empty:
                    continue
                ring = tuple(to_px(x + shift, y) for x, y in polygon.exterior.coords)
                if len(set(ring)) >= 3:
                    rings.append((ring,))
    x0, y0 = to_px(west, north)
    x1, y1 = to_px(east, south)
    # A view smaller than a few pixels is still shown as a box a reader can see.
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_x, half_y = max((x1 - x0) / 2, 4.0), max((y1 - y0) / 2, 4.0)
    outline = (round(cx - half_x, 1), round(cy - half_y, 1), round(cx + half_x, 1), round(cy + half_y, 1))
    return Locator(width=width, height=height, land=tuple(rings), view=outline)


def route_channels(routes: Sequence[Sequence[tuple[float, float]]], land: Any, *, digits: int = 4
                   ) -> list[list[tuple[float, float]]]:
    """The stretches of ``routes`` (lines in unwrapped lon/lat) that run over ``land`` (the
    basemap's simplified land, a shapely geometry in the same frame): channels, canals and
    river arms the router found in the full-resolution coastline but too narrow for the map's
    detail. Drawn in the sea's colour under the route, so it is seen to run on water. Pass
    modelled routes only: an access leg the router drew straight over land is not water."""
    import shapely

    if land is None or land.is_empty:
        return []
    out: list[list[tuple[float, float]]] = []
    for route in routes:
        if len(route) < 2:
            continue
        over = shapely.intersection(shapely.LineString(route), land)
        for part in shapely.get_parts(shapely.line_merge(over) if over.geom_type == "MultiLineString" else over):
            if part.geom_type == "LineString" and part.length > 1e-4:
                out.append([(round(x, digits), round(y, digits)) for x, y in part.coords])
    return sorted(out)
