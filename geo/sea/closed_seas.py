"""Closed seas that GSHHG draws as land, and their own water.

GSHHG's level-1 shore is the sea's: it fills the Caspian as land. Routes within the Caspian
(:func:`geo.sea.engine._closed_sea_route`) and maps (``maps.render.land_geometry``) need its
water, which the shipped Natural Earth 1:50m country polygons give as what no country covers
in the sea's box (``data/countries-50m.geojson.gz``; see ``data/README.md``).
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

__all__ = ["CLOSED_SEAS", "closed_water", "waters_in"]

#: The closed seas routed within their own water: name -> box (west, south, east, north) in
#: degrees, holding the whole sea.
CLOSED_SEAS: dict[str, tuple[float, float, float, float]] = {
    "the Caspian Sea": (46.0, 36.3, 55.5, 47.5),
}


@functools.cache
def closed_water(name: str) -> Any:
    """The water of one of :data:`CLOSED_SEAS` (a shapely Polygon, prepared), or None when
    the shipped country polygons are missing or leave no water in its box."""
    import gzip
    import json

    import shapely

    from geo.fileio import data_file

    box = shapely.box(*CLOSED_SEAS[name])
    try:
        with gzip.open(data_file("countries-50m.geojson.gz"), "rt", encoding="utf-8") as handle:
            features = json.load(handle)["features"]
    except (OSError, ValueError, KeyError):
        return None
    shapes = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
    land = shapely.union_all(shapes[shapely.intersects(shapes, box)])
    parts = shapely.get_parts(shapely.difference(box, land))
    if not len(parts):
        return None
    # The sea itself: the biggest body of water left in the box (not a lagoon cut off by a
    # country border drawn across it).
    water = parts[int(np.argmax(shapely.area(parts)))]
    shapely.prepare(water)
    return water


def waters_in(bounds: tuple[float, float, float, float]) -> list[Any]:
    """The water of each closed sea whose box meets ``bounds`` (west, south, east, north;
    longitudes in -180..180 or unwrapped past 180 east), shifted into the frame of ``bounds``,
    in :data:`CLOSED_SEAS` order; none missing from the shipped data."""
    import shapely

    west, south, east, north = bounds
    out = []
    for name, (w, s, e, n) in CLOSED_SEAS.items():
        if not (s <= north and south <= n):
            continue
        for shift in (-360.0, 0.0, 360.0):
            if w + shift <= east and west <= e + shift:
                water = closed_water(name)
                if water is not None:
                    out.append(shapely.transform(water, lambda xy, dx=shift: xy + (dx, 0.0)) if shift else water)
    return out
