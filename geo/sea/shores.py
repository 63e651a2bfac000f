"""Shores: the shortest gap between two geometries, and a strait's narrowest width.

A claim about an island, a coast, a country's border or a strait is not about a centre point:
"Cyprus is 75 km south of Turkey" is shore to shore, "the strait is 33 km wide" is the gap
between the land on its two sides. This module measures those gaps on WGS84.

:func:`nearest_gap` takes two shapely geometries in lon/lat degrees (points, lines, polygons)
and returns the geodesic length, in km, between their nearest points. The nearest points are
found in two steps: first in degrees with longitudes scaled by the cosine of the latitude
(cheap, good enough to find the right stretch of coast), then again in an azimuthal equidistant
projection centred between the two candidates, on the geometries clipped to a window around
them. In that projection distances from the centre are true and, across a gap centred on it,
off by far less than 1 %; the length itself is then the WGS84 geodesic between the two points
(pyproj ``Geod``), so it is exact for the points chosen.

:func:`narrowest_width` takes a strait's water polygon and measures the gap between the two
largest pieces of GSHHG full-resolution land along it (the mainland shores; islets in the
strait are left out, and the report says so). The shores are whole landmasses (GSHHG polygons
within a box around the strait), so a coast that bays cut into pieces still counts as one side.

Takes geometries, never :class:`~geo.types.Place` look-ups: finding a country's polygon is
``geo.places``' business (DESIGN: ``sea`` never imports ``places``).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

__all__ = ["ShoreGap", "nearest_gap", "narrowest_width", "refine_coast", "width_with_islands"]

_KM_PER_DEGREE = 111.195
#: Land this far (in degrees) around a strait's water polygon counts as its shore.
_SHORE_REACH_DEG = 0.08


@dataclass(frozen=True, slots=True)
class ShoreGap:
    """The shortest gap between two geometries: its geodesic length in km and its two ends
    as (lon, lat) in degrees (``a_lonlat`` on the first geometry, ``b_lonlat`` on the second)."""

    distance_km: float
    a_lonlat: tuple[float, float]
    b_lonlat: tuple[float, float]


@functools.lru_cache(maxsize=1)
def _geod() -> Any:
    from pyproj import Geod

    return Geod(ellps="WGS84")


@functools.lru_cache(maxsize=256)
def _aeqd(lon0: float, lat0: float) -> Any:
    # A bare Proj (well under a millisecond) rather than a CRS-to-CRS Transformer (~40 ms to build).
    from pyproj import Proj

    return Proj(f"+proj=aeqd +lat_0={lat0:.4f} +lon_0={lon0:.4f} +ellps=WGS84 +units=m +no_defs")


def _scaled_nearest(a: Any, b: Any) -> tuple[tuple[float, float], tuple[float, float]]:
    """Nearest points with longitudes scaled by the cosine of the two geometries' mean latitude."""
    from shapely import affinity
    from shapely.ops import nearest_points

    lat0 = (a.centroid.y + b.centroid.y) / 2.0
    scale = max(0.05, math.cos(math.radians(lat0)))
    sa = affinity.scale(a, xfact=scale, yfact=1.0, origin=(0.0, 0.0))
    sb = affinity.scale(b, xfact=scale, yfact=1.0, origin=(0.0, 0.0))
    pa, pb = nearest_points(sa, sb)
    return (pa.x / scale, pa.y), (pb.x / scale, pb.y)


def _clipped(geom: Any, west: float, south: float, east: float, north: float) -> Any:
    import shapely

    if geom.geom_type == "Point":
        return geom
    clipped = shapely.clip_by_rect(geom, west, south, east, north)
    return geom if clipped.is_empty else clipped


def nearest_gap(a: Any, b: Any) -> ShoreGap:
    """The geodesic gap (km) between the nearest points of shapely geometries ``a`` and ``b``
    (lon/lat degrees, WGS84); 0 with both ends at the same point when they touch or overlap.

    >>> from shapely.geometry import Point, box
    >>> round(nearest_gap(Point(0.0, 0.0), box(1.0, -1.0, 2.0, 1.0)).distance_km, 1)
    111.3
    """
    import shapely
    from shapely.ops import nearest_points

    if a.intersects(b):
        point = nearest_points(a, b)[0] if a.geom_type != "Point" else a
        where = (float(point.x), float(point.y))
        return ShoreGap(0.0, where, where)
    (ax, ay), (bx, by) = _scaled_nearest(a, b)
    _az, _baz, rough_m = _geod().inv(ax, ay, bx, by)
    # A window around the first guess that the true nearest points cannot lie outside of: the
    # rough gap, with room for the scaled frame's error (it is off most far from lat0).
    reach_deg = rough_m / 1000.0 / _KM_PER_DEGREE * 1.5 + 0.5
    cos_lat = max(0.05, math.cos(math.radians(max(abs(ay), abs(by)))))
    west, east = min(ax, bx) - reach_deg / cos_lat, max(ax, bx) + reach_deg / cos_lat
    south, north = max(-90.0, min(ay, by) - reach_deg), min(90.0, max(ay, by) + reach_deg)
    near_a = _clipped(a, west, south, east, north)
    near_b = _clipped(b, west, south, east, north)
    proj = _aeqd(round((ax + bx) / 2.0, 4), round((ay + by) / 2.0, 4))

    def forward(x: Any, y: Any) -> Any:
        return proj(x, y)

    pa, pb = nearest_points(shapely.transform(near_a, forward, interleaved=False),
                            shapely.transform(near_b, forward, interleaved=False))
    (alon, blon), (alat, blat) = proj([pa.x, pb.x], [pa.y, pb.y], inverse=True)
    _az, _baz, metres = _geod().inv(alon, alat, blon, blat)
    if metres > rough_m:  # the first guess was better (it can be, by rounding, at a few metres)
        alon, alat, blon, blat, metres = ax, ay, bx, by, rough_m
    return ShoreGap(float(metres) / 1000.0, (float(alon), float(alat)), (float(blon), float(blat)))


def narrowest_width(water: Any) -> tuple[ShoreGap, int]:
    """The narrowest width of a strait, in km: the gap between the two landmasses (GSHHG full
    resolution) with the most shore along its water polygon ``water`` (lon/lat degrees). Returns
    the gap and how many smaller pieces of land (islets) along it were left out. Raises :class:`ValueError`
    when fewer than two shores are found."""
    shores = _shores_along(water)
    if len(shores) < 2:
        raise ValueError("fewer than two shores along the strait")
    return nearest_gap(shores[0], shores[1]), len(shores) - 2


def width_with_islands(water: Any) -> ShoreGap | None:
    """The narrowest width of a strait counting its islands: each island along it joins the
    side whose main shore is nearer, and the gap is the shortest between the two sides (Perim
    narrows the Bab-el-Mandeb from 26 to 17 km). None when it has no islands or fewer than two
    shores."""
    import shapely

    shores = _shores_along(water)
    if len(shores) < 3:
        return None
    islands = shores[2:]
    to_first, to_second = _distances_to(islands, shores[0]), _distances_to(islands, shores[1])
    sides: tuple[list[Any], list[Any]] = ([shores[0]], [shores[1]])
    for island, first, second in zip(islands, to_first, to_second, strict=True):
        sides[0 if first <= second else 1].append(island)
    return nearest_gap(shapely.union_all(sides[0]), shapely.union_all(sides[1]))


def _shores_along(water: Any) -> list[Any]:
    """Each landmass's stretch of shore along a strait's water polygon, largest first, kept
    whole even where bays cut it into pieces inside the reach (the two sides are the two
    landmasses with the most shore there). Kept for the last few straits: the width and the
    width counting islands read the same shores."""
    return list(_shores_cached(water.wkb))


@functools.lru_cache(maxsize=8)
def _shores_cached(water_wkb: bytes) -> tuple[Any, ...]:
    import shapely

    from geo.sea.coastline import land_polygons

    water = shapely.from_wkb(water_wkb)
    west, south, east, north = water.bounds
    pad = _SHORE_REACH_DEG * 2
    land = land_polygons((west - pad, max(-90.0, south - pad), east + pad, min(90.0, north + pad)))
    reach = shapely.buffer(water, _SHORE_REACH_DEG)
    shores = [g for g in (shapely.intersection(piece, reach) for piece in shapely.get_parts(land))
              if not g.is_empty and g.area > 0]
    shores.sort(key=lambda g: (-g.area, g.bounds))
    return tuple(shores)


def _distances_to(pieces: list[Any], shore: Any) -> list[float]:
    """The planar distance (degrees) from each of ``pieces`` to ``shore``, which none of them
    touches: the nearest of the shore's edges, found in a tree of its segments (a strait with
    hundreds of islets, the Taiwan Strait, measured each against the whole coast in seconds)."""
    import numpy as np
    import shapely

    rings = shapely.get_rings(shapely.get_parts(shore))
    coords = [shapely.get_coordinates(ring) for ring in rings]
    segments = shapely.linestrings(np.concatenate([np.stack([c[:-1], c[1:]], axis=1) for c in coords]))
    found, distance = shapely.STRtree(segments).query_nearest(
        np.array(pieces, dtype=object), return_distance=True, all_matches=False)
    nearest = np.full(len(pieces), np.inf)
    np.minimum.at(nearest, found[0], distance)
    return [float(d) for d in nearest]


def refine_coast(outline: Any, near_lonlat: tuple[float, float], reach_deg: float) -> Any:
    """``outline`` (a generalised country or region polygon, lon/lat degrees) with its coast
    around ``near_lonlat`` redrawn from GSHHG (simplified to 0.1 km, islets that small dropped):
    inside a box ``reach_deg`` around the point, the land is GSHHG's land within about 5 km of
    the outline (so a 1:50m coast's kilometres of generalisation go; the caller keeps land
    borders out of it);
    outside the box the outline is kept. Returns the outline unchanged when GSHHG has no land
    there."""
    import shapely
    from shapely.geometry import box

    from geo.sea.coastline import land_polygons

    lon, lat = near_lonlat
    window = box(lon - reach_deg, max(-90.0, lat - reach_deg), lon + reach_deg, min(90.0, lat + reach_deg))
    west, south, east, north = window.bounds
    if west < -180.0 or east > 180.0:
        return outline  # the antimeridian: keep the outline rather than stitch two boxes
    # Fetched and kept a little past the box: simplifying can pull a piece's clipped edge up to
    # its tolerance (0.1 km, 0.0009°) inside the box, which would leave a gap to the kept outline
    # and split one island in two (then "the largest landmass" is half of it). Overlapping the
    # outline by 0.002° (200 m) merges them.
    pad = 0.002
    land = land_polygons((west - 2 * pad, max(-90.0, south - 2 * pad), east + 2 * pad, min(90.0, north + 2 * pad)),
                         tolerance_km=0.1)
    local = shapely.intersection(land, shapely.buffer(shapely.clip_by_rect(outline, west - 0.1, south - 0.1,
                                                                            east + 0.1, north + 0.1), 0.05))
    if local.is_empty:
        return outline
    overlap = box(west - pad, south - pad, east + pad, north + pad)
    return shapely.union(shapely.difference(outline, window), shapely.intersection(local, overlap))
