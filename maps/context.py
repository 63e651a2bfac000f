"""Geographic context for a map, from shipped data only: country borders and the names of
countries and seas, so a reader can tell whose coast is whose and which water is which.

* Borders are the edges two countries of ``data/countries-50m.geojson.gz`` (Natural Earth
  1:50m) share: the polygons' own coastlines are not drawn (the basemap's GSHHG coast is).
* Country names sit at a point inside each country's largest part within the view; sea names
  at the label points of the seas, gulfs, bays and straits of ``data/features.geojson.gz`` (the
  place layer's water features), the biggest first. The map's collision pass drops any name
  that has no room, after every place and distance label has been placed.

Everything is in the scene's one copy of the world (``frame_west`` to ``frame_west + 360``).
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from typing import Any

__all__ = ["ContextLabel", "borders", "context_labels"]

#: Water features named on a map, by kind, and the least share of the view's area a feature
#: must cover to be named there (a bay the size of a pixel is not).
_WATER_KINDS = ("sea", "gulf", "bay", "strait", "sound")
_MIN_SHARE = 0.004
_MAX_SEAS = 5
_MAX_COUNTRIES = 8


@dataclass(frozen=True, slots=True)
class ContextLabel:
    kind: str  # country | sea
    text: str
    lon: float
    lat: float
    rank: float  # bigger first


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
def _waters() -> tuple[tuple[str, str, float, float, float], ...]:
    """(name, kind, lon, lat, area_km2) of every named water feature in the place layer."""
    from geo.fileio import data_file

    raw = json.loads(gzip.decompress(data_file("features.geojson.gz").read_bytes()))
    rows = []
    for feature in raw["features"]:
        p = feature["properties"]
        if p.get("kind") in _WATER_KINDS and p.get("name") and p.get("lat") is not None:
            rows.append((str(p["name"]), str(p["kind"]), float(p["lon"]), float(p["lat"]),
                         float(p.get("area_km2") or 0.0)))
    return tuple(sorted(rows))


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


def borders(box: tuple[float, float, float, float], *, digits: int = 3) -> list[list[tuple[float, float]]]:
    """Land borders inside ``box`` (west, south, east, north; unwrapped degrees), as lines in
    the box's own longitudes."""
    import shapely

    countries = _countries()
    lines: list[list[tuple[float, float]]] = []
    for shift, part in _copies(box):
        area = shapely.box(*part)
        inside = [geometry for _, geometry in countries.values() if geometry.intersects(area)]
        if len(inside) < 2:
            continue
        clipped = [shapely.clip_by_rect(g, *part) for g in inside]
        edges = shapely.union_all([g.boundary for g in clipped if not g.is_empty])
        coast = shapely.union_all(clipped).boundary
        shared = shapely.difference(edges, coast.buffer(1e-6))
        shared = shapely.difference(shared, area.boundary.buffer(1e-6))
        merged = shapely.line_merge(shared) if shared.geom_type in ("MultiLineString", "LineString") else shared
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
        for name, _kind, lon, lat, area_km2 in _waters():
            if not (part[0] <= lon <= part[2] and part[1] <= lat <= part[3]):
                continue
            share = area_km2 / (view_area * 111.0 * 111.0)
            if share < _MIN_SHARE:
                continue
            labels.append(ContextLabel("sea", name, round(lon + shift, 4), round(lat, 4), area_km2 / 12000.0))
    countries = sorted((x for x in labels if x.kind == "country"), key=lambda x: (-x.rank, x.text))[:_MAX_COUNTRIES]
    seas = sorted((x for x in labels if x.kind == "sea"), key=lambda x: (-x.rank, x.text))[:_MAX_SEAS]
    return seas + countries
