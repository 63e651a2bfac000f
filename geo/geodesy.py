"""Geodesics on the WGS84 ellipsoid: distance, bearings, densified paths and GeoJSON.

Everything goes through one module-level :class:`pyproj.Geod` (Karney's algorithm, accurate
to about 15 nm anywhere on the ellipsoid, antipodes and poles included). Arguments follow
pyproj's ``(lon, lat)`` order; distances come out in kilometres, bearings in degrees clockwise
from true north in ``[0, 360)``.

Paths are returned with *unwrapped* longitudes (continuous across the antimeridian, so a line
from 170° E eastwards goes on to 185 rather than jumping to -175): that is what a web map
needs to draw one unbroken line. :func:`split_antimeridian` turns such a line into the
RFC 7946 form, cut exactly at ±180 with longitudes in [-180, 180].

>>> round(inverse(0.0, 0.0, 1.0, 0.0).distance_km, 3)
111.319
>>> compass_point(225.0)
'SW'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import numpy as np
from pyproj import Geod

from geo.errors import BadCoordinates, BadInput
from geo.types import Measures, Place, Route
from geo.units import KM_PER_UNIT, from_km

__all__ = [
    "GEOD",
    "Inverse",
    "inverse",
    "distance_km",
    "measure",
    "geodesic_path",
    "split_antimeridian",
    "path_feature",
    "compass_point",
    "parse_direction",
    "direction_centre_deg",
    "direction_tolerance_deg",
    "angle_between_deg",
    "bearing_matches",
    "DIRECTION_MARGIN_DEG",
    "MAX_PATH_POINTS",
]

#: The one ellipsoid shiproute measures on.
GEOD = Geod(ellps="WGS84")

_M_TO_KM = KM_PER_UNIT["m"]

#: A densified path longer than this many points is refused: it would only be a typo in
#: ``max_segment_km`` (a 1 m step across an ocean), and would eat memory for nothing.
MAX_PATH_POINTS = 1_000_000


class Inverse(NamedTuple):
    """Result of :func:`inverse`: floats for scalar input, float64 arrays for array input."""

    distance_km: Any
    """Geodesic distance, in km."""
    initial_bearing_deg: Any
    """Forward azimuth at the start point, in degrees clockwise from north, in [0, 360)."""
    final_bearing_deg: Any
    """Forward azimuth at the end point (the direction of travel on arrival, *not* pyproj's
    back azimuth), in degrees clockwise from north, in [0, 360)."""


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (int, float, np.number))


def _normalise_bearing(bearing_deg: float) -> float:
    bearing = math.fmod(bearing_deg, 360.0)
    if bearing < 0.0:
        bearing += 360.0
    # fmod of a tiny negative number plus 360 rounds to 360.0, which is north: say 0.
    return 0.0 if bearing >= 360.0 else bearing + 0.0


def inverse(lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> Inverse:
    """Distance (in km) and bearings (in degrees) between points, on WGS84.

    Arguments are longitudes and latitudes in degrees, in pyproj's ``(lon, lat)`` order:
    four scalars (giving floats) or four array-likes of one shape, or shapes that broadcast
    (giving float64 arrays of the broadcast shape). The inputs are never modified.

    Points with a latitude outside [-90, 90] or a non-finite coordinate give NaN in array
    mode (checking 10^6 rows would cost as much as the geodesics); scalar mode raises
    :class:`geo.errors.BadCoordinates`.

    >>> r = inverse(130.3, 42.2333, 132.33542, 42.87879)
    >>> round(r.distance_km, 1), round(r.initial_bearing_deg, 1)
    (181.9, 66.1)
    """
    if _is_scalar(lon1) and _is_scalar(lat1) and _is_scalar(lon2) and _is_scalar(lat2):
        _check_point(float(lon1), float(lat1), "start")
        _check_point(float(lon2), float(lat2), "end")
        azi1, azi2, dist_m = GEOD.inv(
            float(lon1), float(lat1), float(lon2), float(lat2), return_back_azimuth=False
        )
        return Inverse(dist_m * _M_TO_KM, _normalise_bearing(azi1), _normalise_bearing(azi2))

    args = (lon1, lat1, lon2, lat2)
    shapes = [np.shape(a) for a in args]
    try:
        shape = np.broadcast_shapes(*shapes)
    except ValueError:
        raise BadInput(
            f"coordinate arrays of shapes {shapes!r} do not broadcast together; "
            "pass lon1, lat1, lon2, lat2 of one shape"
        ) from None
    # One fresh C-ordered float64 copy per argument, which pyproj then overwrites in place
    # with its results: the same number of copies a plain ``Geod.inv`` call makes.
    if all(s == shape for s in shapes):
        buffers = [np.array(a, dtype=np.float64, order="C", copy=True) for a in args]
    else:
        buffers = [
            np.array(np.broadcast_to(np.asarray(a, dtype=np.float64), shape), order="C", copy=True)
            for a in args
        ]
    if shape == ():
        buffers = [b.reshape(1) for b in buffers]
    b_lon1, b_lat1, b_lon2, b_lat2 = buffers
    azi1, azi2, dist = GEOD.inv(b_lon1, b_lat1, b_lon2, b_lat2, inplace=True, return_back_azimuth=False)
    np.multiply(dist, _M_TO_KM, out=dist)
    for azi in (azi1, azi2):
        np.mod(azi, 360.0, out=azi)
        # mod of a tiny negative azimuth rounds up to exactly 360.0, which is north: say 0.
        azi[azi == 360.0] = 0.0
    if shape == ():
        return Inverse(float(dist[0]), float(azi1[0]), float(azi2[0]))
    return Inverse(dist, azi1, azi2)


def _check_point(lon: float, lat: float, what: str) -> None:
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise BadCoordinates(f"{lat!r}, {lon!r}", f"the {what} point has a non-finite coordinate")
    if not -90.0 <= lat <= 90.0:
        raise BadCoordinates(
            f"{lat!r}, {lon!r}",
            f"the {what} point's latitude {lat!r} is outside [-90, 90] (were lat and lon swapped?)",
        )


def _check_place(place: Place) -> None:
    try:
        _check_point(float(place.lon), float(place.lat), "place")
    except BadCoordinates as error:
        raise BadCoordinates(f"{place.name} ({place.lat!r}, {place.lon!r})", error.reason) from None


def distance_km(a: Place, b: Place) -> float:
    """Geodesic distance between two places on WGS84, in km."""
    _check_place(a)
    _check_place(b)
    return inverse(a.lon, a.lat, b.lon, b.lat).distance_km


def measure(a: Place, b: Place, sea: Route | None = None) -> Measures:
    """Geodesic distance (in km) and bearings (in degrees) from ``a`` to ``b``, with ``sea``
    (a route already computed by :mod:`geo.sea.route`) carried along when given."""
    _check_place(a)
    _check_place(b)
    result = inverse(a.lon, a.lat, b.lon, b.lat)
    return Measures(
        geodesic_km=result.distance_km,
        initial_bearing_deg=result.initial_bearing_deg,
        final_bearing_deg=result.final_bearing_deg,
        sea=sea,
    )


def geodesic_path(
    a_lonlat: Sequence[float], b_lonlat: Sequence[float], *, max_segment_km: float = 10.0
) -> list[tuple[float, float]]:
    """The geodesic from ``a_lonlat`` to ``b_lonlat`` as ``(lon, lat)`` points in degrees.

    Both ends are included: the first point is ``a`` with its longitude normalised to
    [-180, 180], the last is ``b`` with its longitude moved by whole turns to continue the
    line (unchanged unless the path crosses the antimeridian). The points between are equally
    spaced along the geodesic, no further apart than ``max_segment_km`` (in km). Longitudes
    are unwrapped: each lies within 180° of the start, so a crossing of the antimeridian shows
    as 170 → 185 (feed the result to :func:`split_antimeridian` for GeoJSON). A path over a
    pole turns by 180° there, which no unwrapping can hide.
    """
    lon1, lat1 = (float(v) for v in a_lonlat)
    lon2, lat2 = (float(v) for v in b_lonlat)
    _check_point(lon1, lat1, "start")
    _check_point(lon2, lat2, "end")
    if not (math.isfinite(max_segment_km) and max_segment_km > 0):
        raise BadInput(f"max_segment_km must be a positive number of km, not {max_segment_km!r}")
    length_km = GEOD.inv(lon1, lat1, lon2, lat2)[2] * _M_TO_KM
    segments = max(1, math.ceil(length_km / max_segment_km))
    if segments + 1 > MAX_PATH_POINTS:
        raise BadInput(
            f"max_segment_km={max_segment_km!r} would cut a {length_km:.0f} km geodesic into "
            f"{segments} segments; use a larger step (e.g. 10 km)"
        )
    result = GEOD.inv_intermediate(
        lon1, lat1, lon2, lat2, npts=segments + 1, initial_idx=0, terminus_idx=0,
        return_back_azimuth=False,
    )
    lons = np.array(result.lons, dtype=np.float64)
    lats = np.array(result.lats, dtype=np.float64)
    # Longitude along a geodesic is monotonic and the shortest one spans at most 180°, so
    # every point lies within 180° of the start: unwrap each relative to it (cheaper than
    # np.unwrap, which costs 10 us on a 20-point path).
    start = _wrap180(lon1)
    np.subtract(lons, start - 180.0, out=lons)
    np.mod(lons, 360.0, out=lons)
    np.add(lons, start - 180.0, out=lons)
    # Pin the ends to the input (pyproj's terminus can be off by an ulp or two).
    lons[0], lats[0] = start, lat1
    lons[-1] = lon2 + 360.0 * round((lons[-2] - lon2) / 360.0)  # lon2 itself when no wrap
    lats[-1] = lat2
    return list(zip(lons.tolist(), lats.tolist(), strict=True))


def _wrap180(lon: float) -> float:
    """``lon`` in degrees moved into [-180, 180], untouched (bit for bit) when already there."""
    if -180.0 <= lon <= 180.0:
        return lon
    return (lon + 180.0) % 360.0 - 180.0 + 0.0


def _band(lon: float) -> int:
    """Which 360°-wide band an unwrapped longitude lies in: 0 for [-180, 180), 1 for [180, 540)."""
    return math.floor((lon + 180.0) / 360.0)


def split_antimeridian(coords: Iterable[Sequence[float]]) -> list[list[tuple[float, float]]]:
    """Cut a line of ``(lon, lat)`` points (degrees) where it crosses ±180, for RFC 7946.

    ``coords`` should have unwrapped longitudes (as from :func:`geodesic_path` or a
    :class:`geo.types.Route`); a jump of more than 180° between consecutive points is taken
    for a wrap and unwrapped first, so already-wrapped lines work too. Each crossing adds a
    point exactly on the meridian, its latitude interpolated linearly along the segment, to
    both parts: eastbound the part ends at 180 and the next starts at -180 (westbound the
    reverse). All other longitudes are normalised to [-180, 180). Repeated points and parts
    of a single point (a line that only touches the meridian) are dropped, except that a line
    of one point repeated (a zero-length geodesic) comes back as two.

    >>> split_antimeridian([(170.0, 0.0), (190.0, 10.0)])
    [[(170.0, 0.0), (180.0, 5.0)], [(-180.0, 5.0), (-170.0, 10.0)]]
    """
    points = [(float(p[0]), float(p[1])) for p in coords]
    if not points:
        return []
    unwrapped = [points[0]]
    for lon, lat in points[1:]:
        previous = unwrapped[-1][0]
        lon = previous + (lon - previous + 180.0) % 360.0 - 180.0 if abs(lon - previous) > 180.0 else lon
        unwrapped.append((lon, lat))

    parts: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []

    def add(point: tuple[float, float]) -> None:
        if not current or current[-1] != point:
            current.append(point)

    lon0, lat0 = unwrapped[0]
    add((lon0 - 360.0 * _band(lon0) + 0.0, lat0))
    for (p_lon, p_lat), (q_lon, q_lat) in zip(unwrapped, unwrapped[1:], strict=False):
        band_p, band_q = _band(p_lon), _band(q_lon)
        step = 1 if band_q > band_p else -1
        # Meridians crossed, in travel order: 180 + 360 j for each band boundary passed.
        crossed = range(band_p, band_q) if step == 1 else range(band_p - 1, band_q - 1, -1)
        for j in crossed:
            meridian = 180.0 + 360.0 * j
            t = (meridian - p_lon) / (q_lon - p_lon)
            lat = p_lat + t * (q_lat - p_lat)
            add((180.0 * step, lat))
            if len(current) > 1:
                parts.append(current)
            current = [(-180.0 * step, lat)]
        add((q_lon - 360.0 * band_q + 0.0, q_lat))
    if len(current) > 1:
        parts.append(current)
    elif not parts:
        # A line of one repeated point stays two points, still a valid RFC 7946 LineString.
        parts.append(current * min(2, len(points)))
    return parts


def _with_meridian_crossings(path: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """``path`` (a geodesic polyline, unwrapped) with the exact point where the geodesic
    meets each antimeridian added, so the cut :func:`split_antimeridian` makes lies on the
    geodesic, not on the chord (the two differ by ~2 m at 55° N on a 10 km segment)."""
    out = [path[0]]
    for (p_lon, p_lat), (q_lon, q_lat) in zip(path, path[1:], strict=False):
        band_p, band_q = _band(p_lon), _band(q_lon)
        if band_p != band_q and abs(band_q - band_p) == 1:
            meridian = 180.0 + 360.0 * min(band_p, band_q)
            if meridian not in (p_lon, q_lon):
                azimuth, _back, length_m = GEOD.inv(p_lon, p_lat, q_lon, q_lat, return_back_azimuth=False)
                # Secant on the distance along the segment; longitude is monotonic and nearly
                # linear there, so a few steps reach the meridian to ~1e-12 degrees.
                s0, f0 = 0.0, p_lon - meridian
                s1, f1 = length_m, q_lon - meridian
                lat = p_lat
                for _ in range(8):
                    s = s1 - f1 * (s1 - s0) / (f1 - f0)
                    lon, lat, _ = GEOD.fwd(p_lon, p_lat, azimuth, s, return_back_azimuth=False)
                    lon = p_lon + (lon - p_lon + 180.0) % 360.0 - 180.0  # unwrap next to p
                    s0, f0, s1, f1 = s1, f1, s, lon - meridian
                    if abs(f1) < 1e-12 or f1 == f0:
                        break
                out.append((meridian, lat))
        out.append((q_lon, q_lat))
    return out


def _r6(value: float) -> float:
    # +0.0 turns -0.0 into 0.0 so the JSON text never shows "-0.0".
    return round(value, 6) + 0.0


def path_feature(
    a: Place,
    b: Place,
    *,
    properties: dict[str, Any] | None = None,
    max_segment_km: float = 10.0,
) -> dict[str, Any]:
    """The geodesic from ``a`` to ``b`` as an RFC 7946 GeoJSON Feature (a plain dict).

    The geometry is a LineString, or a MultiLineString cut exactly at ±180 when the path
    crosses the antimeridian; coordinates are ``[lon, lat]`` rounded to 6 decimals (about
    0.1 m). Properties, in this order: ``kind`` ("geodesic"), ``from``, ``to`` (place names),
    ``length_km``, ``length_mi``, ``length_nmi`` (3 decimals), ``initial_bearing_deg``,
    ``final_bearing_deg`` (2 decimals), then ``properties`` as given (which may override).
    Keys come in a fixed order, so ``json.dumps`` of it is byte-identical run to run.
    """
    measures = measure(a, b)
    path = geodesic_path(a.lonlat, b.lonlat, max_segment_km=max_segment_km)
    parts = [
        [[_r6(lon), _r6(lat)] for lon, lat in part]
        for part in split_antimeridian(_with_meridian_crossings(path))
    ]
    if len(parts) == 1:
        geometry: dict[str, Any] = {"type": "LineString", "coordinates": parts[0]}
    else:
        geometry = {"type": "MultiLineString", "coordinates": parts}
    props: dict[str, Any] = {
        "kind": "geodesic",
        "from": a.name,
        "to": b.name,
        "length_km": round(measures.geodesic_km, 3),
        "length_mi": round(float(from_km(measures.geodesic_km, "mi")), 3),
        "length_nmi": round(float(from_km(measures.geodesic_km, "nmi")), 3),
        "initial_bearing_deg": round(measures.initial_bearing_deg, 2),
        "final_bearing_deg": round(measures.final_bearing_deg, 2),
    }
    if properties:
        props.update(properties)
    return {"type": "Feature", "properties": props, "geometry": geometry}


# --- compass directions ---------------------------------------------------------------

_POINTS_16 = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
              "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")  # fmt: skip
_CENTRE_DEG = {name: 22.5 * i for i, name in enumerate(_POINTS_16)}
_WORDS = {"north": "N", "south": "S", "east": "E", "west": "W"}

#: Slack added to a direction's own half-sector when checking a stated direction, in degrees:
#: one 32-point sector. A bearing of 250° sits in WSW; writers call it "west" or
#: "south-west", and with this margin both pass (W accepts 236.25–303.75, SW 191.25–258.75),
#: while "south" (146.25–213.75) does not.
DIRECTION_MARGIN_DEG = 11.25


def compass_point(bearing_deg: float, points: int = 8) -> str:
    """The nearest compass point to a bearing in degrees: ``"N"``, ``"NE"``, ... (``points``
    is 4, 8 or 16). Sectors are centred on each point; a bearing exactly on a boundary goes
    to the next point clockwise (22.5° is ``"NE"`` on the 8-point rose)."""
    if points not in (4, 8, 16):
        raise BadInput(f"points must be 4, 8 or 16, not {points!r}")
    if not math.isfinite(bearing_deg):
        raise BadInput(f"bearing must be a finite number of degrees, not {bearing_deg!r}")
    sector = 360.0 / points
    index = math.floor(_normalise_bearing(bearing_deg) / sector + 0.5) % points
    return _POINTS_16[index * (16 // points)]


def parse_direction(direction: str) -> str:
    """A compass direction as written (``"SW"``, ``"south-west"``, ``"Southwest"``,
    ``"south south west"``, ``"SSW"``) as its 16-point abbreviation (``"SW"``, ``"SSW"``)."""
    text = "".join(ch for ch in direction.lower() if ch.isalpha())
    letters = ""
    while text:
        for word, letter in _WORDS.items():
            if text.startswith(word):
                letters += letter
                text = text[len(word):]
                break
        else:
            if text[0] in "nsew":
                letters += text[0].upper()
                text = text[1:]
            else:
                letters = ""
                break
    if letters not in _CENTRE_DEG:
        raise BadInput(
            f"unknown compass direction {direction!r}; use N, NE, SSW ... or words like 'south-west'"
        )
    return letters


def direction_centre_deg(direction: str) -> float:
    """The bearing a compass direction points to, in degrees (``"SW"`` → 225)."""
    return _CENTRE_DEG[parse_direction(direction)]


def direction_tolerance_deg(direction: str) -> float:
    """How far (in degrees, either side of its centre) a bearing may be and still match
    ``direction``: half the direction's own sector plus :data:`DIRECTION_MARGIN_DEG`.

    One- and two-letter directions (N, SW) are read as eight-point directions, sector 45°:
    ±33.75°. A bare "north" is not widened to a four-point 90° sector: a writer who meant
    north-east had the word. Three-letter ones (SSW) are sixteen-point, sector 22.5°: ±22.5°.
    """
    half_sector = 22.5 if len(parse_direction(direction)) <= 2 else 11.25
    return half_sector + DIRECTION_MARGIN_DEG


def angle_between_deg(bearing1_deg: float, bearing2_deg: float) -> float:
    """The smaller angle between two bearings, in degrees, in [0, 180]."""
    diff = abs(_normalise_bearing(bearing1_deg) - _normalise_bearing(bearing2_deg))
    return min(diff, 360.0 - diff)


def bearing_matches(direction: str, bearing_deg: float, *, extra_margin_deg: float = 0.0) -> bool:
    """Whether ``bearing_deg`` (degrees, FROM the reference place TO the other one) fits a
    stated ``direction``: "seven kilometres south-west of Tskhinvali" is checked with the
    bearing from Tskhinvali to the village. Accepts bearings within
    :func:`direction_tolerance_deg` (±33.75° for SW) plus ``extra_margin_deg`` of the
    direction's centre, boundaries included."""
    tolerance = direction_tolerance_deg(direction) + extra_margin_deg
    return angle_between_deg(direction_centre_deg(direction), bearing_deg) <= tolerance
