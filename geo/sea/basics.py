"""Constants and polyline helpers that :mod:`geo.sea.route` and :mod:`geo.sea.engine` share.

They sit below both so that the engine never imports the public module (no import cycle).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["ARCTIC_LAT", "MAX_ACCESS_KM", "REGIONAL_FALLBACK_KM", "REGIONAL_MAX_KM"]

#: An end further than this from navigable water is inland: no sea route, in km.
MAX_ACCESS_KM = 50.0
#: Ends further apart than this go by the ocean network, in km.
REGIONAL_MAX_KM = 500.0
#: Ends up to this far apart that the ocean network cannot join are tried by the regional
#: mesh before "no route" is said, in km (further, its box would be too big to build).
REGIONAL_FALLBACK_KM = 1000.0
_KM_PER_DEG = 111.32
#: Network lanes north of this latitude (outside the Norwegian and Barents Seas) are not used.
ARCTIC_LAT = 66.56

def _geodesic_km(coords: Sequence[tuple[float, float]]) -> float:
    from geo.geodesy import GEOD

    if len(coords) < 2:
        return 0.0
    xy = np.asarray(coords, dtype=float)
    return float(GEOD.line_length(xy[:, 0], xy[:, 1])) / 1000.0


def _unwrap(coords: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Longitudes made continuous (no jump of more than 180° between neighbours)."""
    out = [coords[0]]
    for lon, lat in coords[1:]:
        prev = out[-1][0]
        out.append((lon + 360.0 * round((prev - lon) / 360.0), lat))
    return out

