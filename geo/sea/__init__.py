"""Sea: routes by water between two places that never cross land.

Owns: the public route API (:mod:`~geo.sea.route`: :func:`sea_route`, :func:`route_feature`),
the routing engine (:mod:`~geo.sea.engine`: regional mesh, MARNET ocean lanes, repairs), the
coastline (:mod:`~geo.sea.coastline`: GSHHG land, tiles, obstacles), the named passages
(:mod:`~geo.sea.passages`), the constants and helpers the API and the engine share
(:mod:`~geo.sea.basics`, kept below both so the engine never imports the API), the river and
ship channels to river ports (:mod:`~geo.sea.channels`), the closed seas GSHHG draws as land and
their own water (:mod:`~geo.sea.closed_seas`), the route cache
(:mod:`~geo.sea.cache`) and shores (:mod:`~geo.sea.shores`: the shortest gap between two
geometries on WGS84, a strait's narrowest width, a generalised coast redrawn from GSHHG).

Must not import: ``geo.places`` (it takes points or :class:`~geo.types.Place` values),
``geo.text``, ``geo.verdict``, ``geo.pair``, ``geo.batch``, ``maps`` or ``cli``. Measuring
never judges.
"""

from geo.sea.basics import ARCTIC_LAT, MAX_ACCESS_KM, REGIONAL_FALLBACK_KM, REGIONAL_MAX_KM
from geo.sea.passages import PASSAGES, Passage, passage_key, passage_names, passages_crossed
from geo.sea.route import AT_GATE_KM, route_feature, sea_route

__all__ = [
    "ARCTIC_LAT",
    "AT_GATE_KM",
    "MAX_ACCESS_KM",
    "PASSAGES",
    "REGIONAL_FALLBACK_KM",
    "REGIONAL_MAX_KM",
    "Passage",
    "passage_key",
    "passage_names",
    "passages_crossed",
    "route_feature",
    "sea_route",
]
