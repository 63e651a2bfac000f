"""Closed seas that GSHHG draws as land, and their own water.

GSHHG's level-1 shore is the sea's: it fills the Caspian, the Great Lakes and every lake as
land. Routes on them (:func:`geo.sea.engine._closed_sea_route`) and maps (``maps.render.land_geometry``) need
their water:

* the Caspian's is what the shipped Natural Earth 1:50m country polygons leave uncovered in its
  box (``data/countries-50m.geojson.gz``);
* the Great Lakes' are Natural Earth 1:10m's lake polygons and the channels that join them (the
  St. Clair, St. Marys and Detroit rivers, the Welland Canal), drawn :data:`CHANNEL_WIDTH_DEG` wide
  (``data/great-lakes.geojson.gz``, written by ``scripts/build_great_lakes.py``);
* the big lakes' (:data:`LAKES`: Victoria, Tanganyika, Baikal, Ladoga, Titicaca...) are Natural
  Earth 1:10m's lake polygons as the maps draw them (``data/lakes-10m.geojson.gz``): routes run
  within each, and no way out of one by water is modelled.

See ``data/README.md``.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

__all__ = ["CHANNEL_WIDTH_DEG", "CLOSED_SEAS", "LAKES", "WATER_SOURCES", "closed_water", "lakes_in", "waters_in"]

#: The closed seas routed within their own water: name -> box (west, south, east, north) in
#: degrees, holding the whole sea.
#: The big lakes routed within themselves (no way out of them by water is modelled), by
#: their Natural Earth names, each with a box round its polygon in ``data/lakes-10m.geojson.gz``.
LAKES: dict[str, tuple[float, float, float, float]] = {
    "Lake Victoria": (31.5, -3.1, 35.0, 0.6),
    "Lake Tanganyika": (28.9, -8.9, 31.3, -3.2),
    "Lake Malawi": (33.8, -14.5, 35.4, -9.4),
    "Lake Albert": (30.3, 0.9, 31.6, 2.5),
    "Lake Baikal": (103.6, 51.4, 110.1, 55.9),
    "Lake Ladoga": (29.7, 59.8, 33.1, 61.9),
    "Lake Onega": (33.8, 60.8, 36.6, 63.0),
    "Lago Titicaca": (-70.1, -16.7, -68.5, -15.1),
    "Lago de Nicaragua": (-86.0, 10.9, -84.7, 12.2),
    "Vänern": (12.2, 58.3, 14.2, 59.5),
    "Lake Balkhash": (73.3, 44.9, 79.4, 47.0),
    "Lake Winnipeg": (-99.4, 50.3, -96.2, 54.5),
    "Great Slave Lake": (-117.8, 60.7, -109.6, 62.9),
    "Great Bear Lake": (-125.2, 64.7, -117.4, 67.1),
}
CLOSED_SEAS: dict[str, tuple[float, float, float, float]] = {
    "the Caspian Sea": (46.0, 36.3, 55.5, 47.5),
    "the Great Lakes": (-92.5, 41.0, -75.5, 49.5),
    **LAKES,
}
#: Where each closed sea's water comes from, as a route's report names it.
WATER_SOURCES: dict[str, str] = {
    **{name: "Natural Earth 1:10m lake polygon, simplified to about 500 m (data/lakes-10m.geojson.gz)"
       for name in LAKES},
    "the Caspian Sea": "the water left by Natural Earth 1:50m country polygons",
    "the Great Lakes": ("Natural Earth 1:10m lakes, joined by the St. Clair River (Natural Earth 1:10m rivers), the "
                        "St. Marys River, the Detroit River and the Welland Canal (curated centre-lines, "
                        "data/great_lakes_channels.csv)"),
}
#: How wide a channel between two of the Great Lakes is drawn in their water, in degrees of
#: latitude (about 330 m): the ship channels are a few hundred metres wide, and a route keeps
#: to their centre-line within that.
CHANNEL_WIDTH_DEG = 0.003


@functools.cache
def _features(source: str) -> tuple[dict[str, Any], ...]:
    """The features of one of the shipped GeoJSON files (read once: every lake's water, and the
    maps' lakes, come from ``lakes-10m.geojson.gz``); empty when it is missing or unreadable."""
    import gzip
    import json

    from geo.fileio import data_file

    try:
        with gzip.open(data_file(source), "rt", encoding="utf-8") as handle:
            return tuple(json.load(handle)["features"])
    except (OSError, ValueError, KeyError):
        return ()


@functools.cache
def closed_water(name: str) -> Any:
    """The water of one of :data:`CLOSED_SEAS` (a shapely Polygon, prepared), or None when its
    shipped data file is missing or leaves no water."""
    import json

    import shapely

    box = shapely.box(*CLOSED_SEAS[name])
    source = ("great-lakes.geojson.gz" if name == "the Great Lakes" else "lakes-10m.geojson.gz" if name in LAKES
              else "countries-50m.geojson.gz")
    features = [f for f in _features(source) if name not in LAKES or f["properties"].get("name") == name]
    if not features:
        return None
    shapes = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
    if name in LAKES:
        parts = shapely.get_parts(shapes)
    elif name == "the Great Lakes":
        lines = shapely.get_type_id(shapes) == 1
        shapes[lines] = shapely.buffer(shapes[lines], CHANNEL_WIDTH_DEG / 2, quad_segs=2)
        parts = shapely.get_parts(shapely.union_all(shapes))
    else:
        land = shapely.union_all(shapes[shapely.intersects(shapes, box)])
        parts = shapely.get_parts(shapely.difference(box, land))
    if not len(parts):
        return None
    # The sea itself: the biggest body of water (not a lagoon cut off by a country border drawn
    # across the Caspian's box; all the Great Lakes, once their channels join them).
    water = parts[int(np.argmax(shapely.area(parts)))]
    shapely.prepare(water)
    return water


def _in_frame(found: list[Any], geometry: Any, extent: tuple[float, float, float, float],
              bounds: tuple[float, float, float, float]) -> None:
    """Append to ``found`` each copy of ``geometry`` (lying within ``extent``, in -180..180)
    shifted by a whole turn, or not at all, that meets ``bounds`` (longitudes unwrapped)."""
    import shapely

    w, s, e, n = extent
    west, south, east, north = bounds
    if s > north or n < south:
        return
    for shift in (-360.0, 0.0, 360.0):
        if w + shift <= east and west <= e + shift:
            found.append(shapely.transform(geometry, lambda xy, dx=shift: xy + (dx, 0.0)) if shift else geometry)


def waters_in(bounds: tuple[float, float, float, float], *, lakes: bool = True) -> list[Any]:
    """The water of each closed sea whose box meets ``bounds`` (west, south, east, north;
    longitudes in -180..180 or unwrapped past 180 east), shifted into the frame of ``bounds``,
    in :data:`CLOSED_SEAS` order; none missing from the shipped data. ``lakes=False`` leaves out
    the :data:`LAKES` (:func:`lakes_in` gives every big lake a map draws)."""
    out: list[Any] = []
    for name, box in CLOSED_SEAS.items():
        if lakes or name not in LAKES:
            water = closed_water(name)
            if water is not None:
                _in_frame(out, water, box, bounds)
    return out


@functools.cache
def _map_lakes() -> tuple[tuple[Any, tuple[float, float, float, float]], ...]:
    """Every lake of ``data/lakes-10m.geojson.gz`` (Natural Earth 1:10m, the big ones) with its
    bounds."""
    from shapely.geometry import shape

    out = []
    for feature in _features("lakes-10m.geojson.gz"):
        lake = shape(feature["geometry"])
        west, south, east, north = (float(v) for v in lake.bounds)
        out.append((lake, (west, south, east, north)))
    return tuple(out)


def lakes_in(bounds: tuple[float, float, float, float]) -> list[Any]:
    """The big lakes a map draws as water (all of ``data/lakes-10m.geojson.gz``, routed or not)
    that meet ``bounds`` (west, south, east, north; longitudes unwrapped, so east may pass 180),
    shifted into its frame."""
    out: list[Any] = []
    for lake, extent in _map_lakes():
        _in_frame(out, lake, extent, bounds)
    return out
