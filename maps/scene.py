"""What a map shows, independent of how it is drawn: one :class:`Scene` for HTML and images.

A scene is built from :class:`~geo.types.PairCheck` values: places with their popup rows,
the densified geodesic, the sea route, the claimed distance as a ring or band around the
origin, the finding, legend rows, credits and the alt text. All geometry is ``(lon, lat)`` in
degrees with longitudes *unwrapped* into one continuous frame, so a route across the
antimeridian is drawn the short way. Nothing here measures a distance between the places:
lengths come from ``check.measures``; shapes come from :mod:`geo.geodesy` (the arc) and from
forward geodesics of the claimed radius (the ring).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from geo.errors import BadInput
from geo.types import DistanceClaim, PairCheck, Place, Verdict
from geo.units import KM_PER_UNIT, format_length

__all__ = [
    "COLOURS",
    "STATUS_COLOURS",
    "Scene",
    "ScenePlace",
    "SceneLine",
    "SceneRing",
    "SceneRouteClaim",
    "Finding",
    "LegendRow",
    "as_checks",
    "build_scene",
    "claim_phrase",
    "finding_sentence",
    "plain_rule",
    "alt_text",
    "OCEAN_SPAN_KM",
    "span_km",
    "is_ocean_scale",
    "via_phrase",
]

#: One palette for the HTML map and the static image.
COLOURS: dict[str, str] = {
    "place": "#d9480f",
    "geodesic": "#14305c",
    "sea": "#0b7285",
    "claim": "#7b2d8e",
    # A way by river or channel the router does not model: grey and dotted, unlike any route.
    "access": "#4d5560",
    # Land and sea differ by a luminance contrast of 3:1, so they stay apart in grayscale
    # print and for colour-blind readers; lines carry a white casing to read on both.
    "water": "#6895b6",
    "land": "#fbfaf7",
    "coast": "#4f6f86",
    "border": "#8a8f96",
    "text": "#1b1f23",
}
STATUS_COLOURS: dict[str, str] = {"supported": "#1a7f37", "refuted": "#c62828", "ambiguous": "#a15c00"}

_SENSE_WORDS = {
    "about": "about",
    "nearly": "nearly",
    "just_over": "just over",
    "at_least": "at least",
    "at_most": "at most",
    "exact": "",
    "range": "",
}
_OTHER_UNITS = ("km", "mi", "nmi")
_MAX_ALT_NAMES = 8
#: Points on a drawn ring: every 2 degrees of azimuth is smooth at any zoom a reader uses.
_RING_POINTS = 181

#: Above this size (km, the larger of a view's width and height) a map is "ocean scale": its
#: static image is drawn in Equal Earth (below, azimuthal), it names only world cities, draws
#: no river a route does not use and gets no locator inset (it is itself the overview).
OCEAN_SPAN_KM = 4_500.0


def span_km(box: tuple[float, float, float, float]) -> float:
    """The rough size of a lon/lat box (west, south, east, north; degrees) in km: the larger of
    its width at its middle latitude and its height, at least 1 km. For choosing what to draw
    and how finely, never for a reported figure."""
    west, south, east, north = box
    k = max(math.cos(math.radians((south + north) / 2)), 0.05)
    return max((east - west) * 111.2 * k, (north - south) * 111.2, 1.0)


def is_ocean_scale(box: tuple[float, float, float, float]) -> bool:
    """Whether a view of ``box`` is an ocean-scale map (see :data:`OCEAN_SPAN_KM`)."""
    return span_km(box) > OCEAN_SPAN_KM


@dataclass(frozen=True, slots=True)
class ScenePlace:
    """A marker: where, what its label says, and its popup rows (plain text, not HTML)."""

    key: str
    label: str
    title: str
    rows: tuple[tuple[str, str], ...]
    lon: float
    lat: float
    label_side: str  # "left" | "right": away from the other end of its line
    #: The numbers of the claims (1-based, as in the finding panel) this place belongs to: a
    #: place shared by several claims has one marker and one label, placed first.
    claim_numbers: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class SceneLine:
    """A drawn line: the geodesic or a sea route, with its length label (at ``label_at``)."""

    #: "geodesic", "sea" (the modelled route), or "access": a place's straight leg to the water
    #: the router models, long enough to be a river or channel it does not (see
    #: :func:`_unmodelled_access`), drawn apart from the route it belongs to.
    kind: str
    coords: tuple[tuple[float, float], ...]
    label: str
    hover: str
    label_at: tuple[float, float]
    label_side: str = "top"  # top | bottom | left | right of the line, so two labels never meet
    #: On a map of several claims, the claim's number: the label is then just that number
    #: (a badge; the finding panel is the key) rather than the length.
    number: int | None = None
    #: Other points where the label may go if ``label_at`` is taken, best first (lon, lat).
    label_options: tuple[tuple[float, float], ...] = ()
    #: The line as drawn in the scene's one copy of the world (see ``Scene.frame_west``): one
    #: piece, or several where the line runs off one edge of the world and on at the other.
    pieces: tuple[tuple[tuple[float, float], ...], ...] = ()
    #: The straight line and the sea route of one pair run so close together on the map that
    #: one would hide the other: the sea route is drawn wide and the straight line inside it,
    #: without its white casing, so both show.
    coincides: bool = False
    #: A sea route's access legs in km (``Route.access_legs_km``: at its start and its end),
    #: and the names of the places at its two ends, for :func:`_unmodelled_access`.
    access_km: tuple[float, float] = (0.0, 0.0)
    ends: tuple[str, str] = ("", "")
    length_km: float = 0.0
    #: Whether each access leg runs to the water of a closed sea (the Caspian, a lake),
    #: whose shore the router takes from coarser data than GSHHG's: the leg stands for the way
    #: to that shore, not for a river.
    to_shore: tuple[bool, bool] = (False, False)


@dataclass(frozen=True, slots=True)
class SceneRouteClaim:
    """A claim about the length of a sea route, drawn along the route: the point at the
    claimed length and the stretch of the route inside the accepted range."""

    at: tuple[float, float]  # (lon, lat) on the route at the claimed length
    label: str
    hover: str
    band: tuple[tuple[tuple[float, float], ...], ...]  # pieces of the route within the range
    number: int | None = None
    beyond_end: bool = False  # the claim is longer than the route: the mark sits at its end


@dataclass(frozen=True, slots=True)
class SceneRing:
    """The claimed distance around the origin: ring lines and, for an interval, a band.

    ``lines`` and ``band`` (``(outer, inner)``; ``inner`` empty when the band is a disc) are
    plain geodesic circles, right for a projection that shows the whole circle (the static
    image's azimuthal one). ``band_polygons`` is the same band as polygons (lists of rings)
    in unwrapped lon/lat, right for Web Mercator, where a circle round a pole is an open wavy
    line and its disc is closed through the pole.
    """

    centre: tuple[float, float]
    lines: tuple[tuple[tuple[float, float], ...], ...]
    band: tuple[tuple[tuple[float, float], ...], tuple[tuple[float, float], ...]] | None
    band_polygons: tuple[tuple[tuple[tuple[float, float], ...], ...], ...]
    label: str
    hover: str
    band_hover: str
    label_at: tuple[float, float]
    number: int | None = None  # the claim's number on a map of several claims
    radius_km: float = 0.0  # the outermost drawn radius, in km: big rings are drawn first, under small ones
    #: Other points on the ring where its label may go, best first (lon, lat).
    label_options: tuple[tuple[float, float], ...] = ()
    #: The ring's arcs beside the destination (lon, lat): what a view must show of it to let a
    #: reader judge the claim.
    focus: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of the finding: ``text`` is without the status, ``sentence`` with it."""

    text: str
    status: str | None
    status_label: str | None
    colour: str | None
    explanation: str | None
    sentence: str
    number: int | None = None  # the claim's number on a map of several claims (the lines' labels)


@dataclass(frozen=True, slots=True)
class LegendRow:
    kind: str  # marker | solid | dashed | band | mark (a diamond on the route)
    colour: str
    text: str
    units: str = ""


@dataclass(frozen=True, slots=True)
class Scene:
    title: str
    places: tuple[ScenePlace, ...]
    lines: tuple[SceneLine, ...]
    rings: tuple[SceneRing, ...]
    findings: tuple[Finding, ...]
    legend: tuple[LegendRow, ...]
    sources: tuple[str, ...]  # place data sources to credit, e.g. ("GeoNames",)
    alt_text: str
    units: str
    bounds: tuple[float, float, float, float]  # west, south, east, north (unwrapped lon)
    checks: tuple[PairCheck, ...] = field(default=(), repr=False)
    #: What the view is fitted to: places, lines and, of each ring, the part a reader needs to
    #: judge the claim. Equal to ``bounds`` for one claim; with several, a big ring is left to
    #: run out of the view rather than shrink the places to a knot.
    view_bounds: tuple[float, float, float, float] | None = None
    #: The western edge of the one copy of the world the scene is drawn in: every marker,
    #: line piece, ring and the basemap lie within ``frame_west`` to ``frame_west + 360``.
    frame_west: float = -180.0
    route_claims: tuple[SceneRouteClaim, ...] = ()
    #: Under the headline: the article's own headline, when the map is of an article.
    subtitle: str | None = None
    #: The source line: the article, then what the distances, coastlines and places come from.
    source: str = ""
    #: The full accessible description (every figure, the verdicts' reasons): the map's
    #: aria-describedby text; ``alt_text`` is its short form.
    description: str = ""


def as_checks(value: Any) -> tuple[PairCheck, ...]:
    """Accept one :class:`PairCheck`, a sequence of them, or a report with ``.checks``."""
    if isinstance(value, PairCheck):
        return (value,)
    checks = getattr(value, "checks", value)
    if isinstance(checks, PairCheck):
        return (checks,)
    try:
        items = tuple(checks)
    except TypeError:
        raise BadInput(
            f"cannot draw a map of {type(value).__name__!r}: pass a PairCheck, a list of them, "
            "or a report with a .checks list"
        ) from None
    bad = [type(item).__name__ for item in items if not isinstance(item, PairCheck)]
    if bad or not items:
        raise BadInput(
            "a map needs at least one PairCheck"
            + (f"; got {', '.join(sorted(set(bad)))!r}" if bad else "; got an empty list")
        )
    return items


# --------------------------------------------------------------------------------------------
# Text


def _number(value: float) -> str:
    """``180``, ``97.5``, ``1,200``: as a reader would write it."""
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,d}"
    return f"{value:,.1f}".rstrip("0").rstrip(".")


def _all_units(value_km: float, first: str) -> str:
    """``182 km (113 mi, 98.3 nmi)`` with ``first`` leading."""
    order = [first] + [u for u in _OTHER_UNITS if u != first]
    head, *rest = (format_length(value_km, unit) for unit in order)
    return f"{head} ({', '.join(rest)})"


def _other_units(value_km: float, first: str) -> str:
    return " · ".join(format_length(value_km, unit) for unit in _OTHER_UNITS if unit != first)


def claim_phrase(claim: DistanceClaim, *, in_km: bool = True) -> str:
    """How a claim reads: ``about 180 km``, ``150–200 km``, ``at least 110 mi (177 km)``;
    without the figure in km (``in_km=False``) for a label on the map, where room is short
    and the finding beside it gives both."""
    unit = claim.unit if claim.unit in KM_PER_UNIT else "km"
    words = _SENSE_WORDS.get(claim.sense, "")
    if claim.value is not None:
        amount = _number(claim.value)
        if claim.sense == "range" and claim.value_high is not None:
            amount = f"{_number(claim.value)}–{_number(claim.value_high)}"
        text = f"{amount} {unit}"
    elif claim.sense == "range" and claim.low_km is not None and claim.high_km is not None:
        unit, text = "km", f"{_number(claim.low_km)}–{_number(claim.high_km)} km"
    else:
        unit, text = "km", f"{_number(claim.nominal_km)} km"
    if unit != "km" and in_km:
        text += f" ({format_length(claim.nominal_km, 'km')})"
    return f"{words} {text}".strip()


def _place_name(place: Place, query: str | None) -> str:
    """The place's own name, spelt as the article spelt it when the article used one of its
    names ("Najin" for GeoNames' "Rajin"), never the article's phrasing around it ("North
    Korea's Najin"): the longest of its names found in the query as a whole word."""
    import re

    if query and query.strip():
        text = query.strip().casefold()
        for name in sorted(dict.fromkeys((place.name, *place.alt_names)), key=lambda n: (-len(n), n)):
            if name and re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", text):
                return name
    return place.name


def _country_name(code: str | None) -> str | None:
    if not code:
        return None
    try:
        import pycountry

        record = pycountry.countries.get(alpha_2=code.upper())
    except (ImportError, LookupError, KeyError):
        record = None
    if record is None:
        return code
    name = getattr(record, "common_name", None) or record.name
    return f"{name} ({code.upper()})"


def _coordinates(lat: float, lon: float) -> str:
    ns = "N" if lat >= 0 else "S"
    ew = "E" if lon >= 0 else "W"
    return f"{abs(lat):.4f}°{ns}, {abs(lon):.4f}°{ew}"


def _place_rows(place: Place) -> tuple[tuple[str, str], ...]:
    rows: list[tuple[str, str]] = []
    others = [n for n in dict.fromkeys(place.alt_names) if n and n != place.name]
    if others:
        shown = ", ".join(others[:_MAX_ALT_NAMES])
        if len(others) > _MAX_ALT_NAMES:
            shown += f" and {len(others) - _MAX_ALT_NAMES} more"
        rows.append(("Other names", shown))
    country = _country_name(place.country)
    if country:
        rows.append(("Country", country))
    if place.admin1:
        rows.append(("Region", place.admin1))
    rows.append(("Coordinates", _coordinates(place.lat, place.lon)))
    if place.kind and place.kind != "town":
        rows.append(("Kind", place.kind))
    if place.locode:
        rows.append(("UN/LOCODE", place.locode))
    if place.source:
        rows.append(("Source", place.source))
    return tuple(rows)


#: Passages a reader knows a route by ("via Suez"), best known first, by the name the router
#: gives them (``Route.passages``: it names the capes it rounds as passages too).
_KNOWN_PASSAGES = {
    "Suez": "Suez", "Panama": "Panama", "Cape of Good Hope": "the Cape of Good Hope",
    "Cape Horn": "Cape Horn", "Magellan": "the Strait of Magellan", "Kiel": "the Kiel Canal",
    "Corinth": "the Corinth Canal", "Cape Cod": "the Cape Cod Canal", "Volga–Don": "the Volga–Don Canal",
    "St. Lawrence Seaway": "the St. Lawrence Seaway", "Welland": "the Welland Canal",
    "Bering": "the Bering Strait",
    "Bosporus": "the Bosporus", "Kerch": "the Kerch Strait",
}


def via_phrase(passages: Sequence[str]) -> str:
    """``via Suez``, ``via the Cape of Good Hope``: the passage a reader knows the route by,
    of those the router reports it crossing, or ``""`` for a route through none of them."""
    ranked = [p for p in _KNOWN_PASSAGES if p in passages]
    return f"via {_KNOWN_PASSAGES[ranked[0]]}" if ranked else ""


def headline(items: Sequence[PairCheck], units: str = "km") -> str:
    """The map's headline, written from the finding: ``Najin to Dunay: 182 km, as claimed``."""
    if len(items) > 1:
        statuses = [c.verdict.status for c in items if c.verdict is not None]
        supported = statuses.count("supported")
        words = ["", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"]
        count = words[len(items)] if len(items) < len(words) else str(len(items))
        if not statuses:
            return f"{count} distances measured"
        if supported == len(statuses):
            return f"{count} distances checked: all as claimed"
        return f"{count} distances checked: {supported} as claimed, {len(statuses) - supported} not"
    check = items[0]
    a_name = _place_name(check.a, check.resolution_a.query if check.resolution_a else None)
    b_name = _place_name(check.b, check.resolution_b.query if check.resolution_b else None)
    verdict = check.verdict
    sea = check.measures.sea
    # A refuted claim drawn along the route (its figure is nearer the sea route's length) is
    # answered with that length, as the map shows it: "25,523 km by sea, not about 10,500 nmi".
    by_sea = verdict is not None and (
        verdict.basis == "sea" or (verdict.status == "refuted" and _is_route_claim(check)))
    if by_sea and sea is not None:
        measured = f"{format_length(sea.length_km, units)} by sea"
    else:
        measured = format_length(check.measures.geodesic_km, units)
    if verdict is None or check.claim is None:
        return f"{a_name} to {b_name}: {measured}"
    if verdict.status == "supported":
        return f"{a_name} to {b_name}: {measured}, as claimed"
    if verdict.status == "refuted":
        return f"{a_name} to {b_name}: {measured}, not {claim_phrase(check.claim)}"
    return f"{a_name} to {b_name}: {measured}, near the claimed {claim_phrase(check.claim)}"


def source_line(items: Sequence[PairCheck], sources: Sequence[str], article: str | None = None) -> str:
    """``Source: <article>; distances: shiproute, WGS84 geodesic; ...``: what the map rests on."""
    parts = [f"Source: {article}" if article else "Source: shiproute"]
    parts.append("distances: shiproute, WGS84 geodesic" + (", modelled sea route" if any(
        c.measures.sea is not None for c in items) else ""))
    from geo.sea.route import CLOSED_SEA_PREFIX

    closed = any(c.measures.sea is not None and c.measures.sea.method.startswith(CLOSED_SEA_PREFIX) for c in items)
    parts.append("coastlines: GSHHG" + ("; lake and closed-sea shores: Natural Earth" if closed else ""))
    parts.append("places: " + ", ".join(sources))
    if any(c.measures.sea is not None and "MARNET" in c.measures.sea.method for c in items):
        parts.append("sea lanes: MARNET (Eurostat)")
    return "; ".join(parts)


def finding_sentence(check: PairCheck, units: str = "km", *, prefix: str = "") -> Finding:
    """``Claim: about 180 km. Straight line: 182 km. Supported.`` and its parts; ``prefix``
    (e.g. ``"Najin to Dunay: "``) tells the lines apart on a map of several pairs."""
    parts: list[str] = [prefix.strip()] if prefix.strip() else []
    if check.claim is not None:
        parts.append(f"Claim: {claim_phrase(check.claim)}.")
    parts.append(f"Straight line: {format_length(check.measures.geodesic_km, units)}.")
    if check.measures.sea is not None:
        parts.append(f"By sea: {format_length(check.measures.sea.length_km, units)}.")
    text = " ".join(parts)
    verdict: Verdict | None = check.verdict
    if verdict is None:
        return Finding(text=text, status=None, status_label=None, colour=None, explanation=None, sentence=text)
    label = verdict.status.capitalize()
    return Finding(
        text=text,
        status=verdict.status,
        status_label=label,
        colour=STATUS_COLOURS.get(verdict.status, COLOURS["text"]),
        explanation=plain_rule(check, units) or None,
        sentence=f"{text} {label}.",
    )


def plain_rule(check: PairCheck, units: str = "km") -> str:
    """The verdict's rule in a reader's words, from the range it accepted: ``"About 180 km"
    counts as right from 162 to 203 km (rounding, and the size of the places, allowed for);
    the straight line, 182 km, is inside that range.`` Empty without a claim or verdict."""
    verdict, claim = check.verdict, check.claim
    if verdict is None or claim is None:
        return ""
    low, high = verdict.accepted_low_km, verdict.accepted_high_km
    quoted = claim_phrase(claim)
    quoted = quoted[:1].upper() + quoted[1:]
    if low is not None and high is not None:
        span = f"from {format_length(low, units).removesuffix(' ' + units)} to {format_length(high, units)}"
    elif low is not None:
        span = f"from {format_length(low, units)} up"
    elif high is not None:
        span = f"up to {format_length(high, units)}"
    else:
        return ""
    measure = "the route by sea" if verdict.basis == "sea" else "the straight line"
    where = {"supported": "is inside that range", "refuted": "is outside it",
             "ambiguous": "is just outside it, too close to call"}.get(verdict.status, "was measured")
    return (f"\u201c{quoted}\u201d counts as right {span} (rounding, and the size of the places, allowed "
            f"for); {measure}, {format_length(verdict.measured_km, units)}, {where}.")


# --------------------------------------------------------------------------------------------
# Geometry


def _shift_to(coords: Sequence[Sequence[float]], near_lon: float) -> list[tuple[float, float]]:
    """Move an unwrapped line by whole turns so it starts within 180° of ``near_lon``."""
    if not coords:
        return []
    turns = round((near_lon - float(coords[0][0])) / 360.0)
    return [(float(lon) + 360.0 * turns, float(lat)) for lon, lat in coords]


def _unwrap_near(lon: float, near_lon: float) -> float:
    return lon + 360.0 * round((near_lon - lon) / 360.0)


def geodesic_circle(
    centre_lonlat: tuple[float, float], radius_km: float, points: int = _RING_POINTS
) -> list[tuple[float, float]]:
    """A ring of ``points`` (lon, lat) at geodesic distance ``radius_km`` (in km) from
    ``centre_lonlat``, at azimuths 0 to 360 degrees, longitudes unwrapped around the centre's.

    When the circle goes round a pole its longitudes advance a full turn, so its last point
    is its first moved by 360 degrees (see :func:`mercator_disc`).
    """
    import numpy as np

    from geo.geodesy import GEOD

    lon0, lat0 = centre_lonlat
    azimuths = np.linspace(0.0, 360.0, points)
    lons, lats, _ = GEOD.fwd(
        np.full(points, lon0), np.full(points, lat0), azimuths, np.full(points, radius_km * 1000.0)
    )
    lons = np.unwrap(np.asarray(lons, dtype=float), period=360.0)
    # Centre the ring's longitudes on the centre's (a ring round a pole then spans lon0 ± 180).
    lons += 360.0 * round((lon0 - (lons.min() + lons.max()) / 2) / 360.0)
    lat_list = np.asarray(lats, dtype=float).tolist()
    return [(round(x, 6), round(y, 6)) for x, y in zip(lons.tolist(), lat_list, strict=True)]


def encloses_pole(ring: Sequence[tuple[float, float]]) -> bool:
    return abs(ring[-1][0] - ring[0][0]) > 180.0


def mercator_disc(ring: Sequence[tuple[float, float]]) -> Any:
    """The disc inside a :func:`geodesic_circle` as a shapely polygon in unwrapped lon/lat,
    as Web Mercator draws it: a circle round a pole is closed through that pole (at ±85°,
    as far as Web Mercator reaches)."""
    import shapely

    points = list(ring)
    if encloses_pole(points):
        # Azimuths run clockwise; round the north pole that carries longitudes west.
        pole_lat = 85.0 if points[-1][0] < points[0][0] else -85.0
        points = points + [(points[-1][0], pole_lat), (points[0][0], pole_lat)]
    return shapely.make_valid(shapely.Polygon(points))


def _mercator_band(outer: Sequence[tuple[float, float]], inner: Sequence[tuple[float, float]]) -> tuple:
    """The band between two circles, for Web Mercator, as polygons of rounded rings."""
    import shapely

    area = mercator_disc(outer)
    if inner:
        area = shapely.difference(area, mercator_disc(inner))
    polygons = []
    for part in shapely.get_parts(area):
        if part.geom_type != "Polygon" or part.is_empty:
            continue
        rings = [part.exterior, *part.interiors]
        polygons.append(tuple(tuple((round(x, 6), round(y, 6)) for x, y in r.coords) for r in rings))
    return tuple(polygons)


def _ring_part(
    ring: Sequence[tuple[float, float]], bearing_deg: float, half_width_deg: float
) -> list[tuple[float, float]]:
    """The points of a :func:`geodesic_circle` within ``half_width_deg`` of azimuth ``bearing_deg``."""
    step = 360.0 / (len(ring) - 1)
    return [
        point for index, point in enumerate(ring)
        if abs((index * step - bearing_deg + 180.0) % 360.0 - 180.0) <= half_width_deg
    ]


def _ring_label_azimuths(bearing_deg: float) -> list[float]:
    """Where the ring's label may go, best first: compass points away from the geodesic
    (the farthest first, ties in compass order), never within 40 degrees of it."""
    candidates = (0.0, 90.0, 180.0, 270.0, 45.0, 135.0, 225.0, 315.0)

    def off(az: float) -> float:
        return abs((az - bearing_deg + 180.0) % 360.0 - 180.0)

    ordered = sorted(candidates, key=lambda az: -off(az))  # stable: ties keep compass order
    return [az for az in ordered if off(az) >= 40.0]


def _ring_point(centre: tuple[float, float], radius_km: float, azimuth_deg: float) -> tuple[float, float]:
    from geo.geodesy import GEOD

    lon, lat, _ = GEOD.fwd(centre[0], centre[1], azimuth_deg, radius_km * 1000.0)
    return (round(_unwrap_near(float(lon), centre[0]), 6), round(float(lat), 6))


def _claim_radii(check: PairCheck) -> tuple[list[float], tuple[float, float] | None]:
    """The ring radii to draw (in km) and the band (low, high) in km, if any.

    The band is the interval the verdict accepted (tolerance included) when there is a
    verdict, else the claim's own bounds when they differ; open bounds draw no band.
    """
    claim = check.claim
    assert claim is not None
    radii = [r for r in (claim.low_km, claim.high_km) if r is not None and r > 0]
    radii = sorted(set(radii)) or [claim.nominal_km]
    if claim.sense not in ("range",) and claim.low_km is not None and claim.high_km is not None:
        radii = [claim.nominal_km]
    low = high = None
    if check.verdict is not None:
        low, high = check.verdict.accepted_low_km, check.verdict.accepted_high_km
    elif claim.low_km is not None and claim.high_km is not None and claim.high_km > claim.low_km:
        low, high = claim.low_km, claim.high_km
    band = (max(low, 0.0), high) if low is not None and high is not None and high > max(low, 0.0) else None
    return radii, band


def _origin_name(check: PairCheck) -> str:
    return _place_name(check.a, check.resolution_a.query if check.resolution_a else None)


def _ring(check: PairCheck, centre: tuple[float, float], units: str, number: int | None = None, *,
          bearing: float | None = None, origin: str | None = None) -> SceneRing:
    """The claim's ring round ``centre``: the origin, or (``bearing`` and ``origin`` given) the
    destination when a map of several claims centres them all on the place they share."""
    claim = check.claim
    assert claim is not None
    radii, band = _claim_radii(check)
    lines = tuple(tuple(geodesic_circle(centre, r)) for r in radii)
    band_rings = None
    band_polygons: tuple = ()
    band_hover = ""
    if band is not None:
        low, high = band
        outer = tuple(geodesic_circle(centre, high))
        inner = tuple(geodesic_circle(centre, low)) if low > 0 else ()
        band_rings = (outer, inner)
        band_polygons = _mercator_band(outer, inner)
        band_hover = (
            f"Accepted for this claim: {format_length(low, units)}–{format_length(high, units)} "
            f"from {origin or _origin_name(check)}"
        )
    phrase = claim_phrase(claim)
    bearing = check.measures.initial_bearing_deg if bearing is None else bearing
    azimuths = _ring_label_azimuths(bearing)
    label_radius = band[1] if band is not None else max(radii)
    if number is not None:
        # Beside the destination first: with several claims a big ring runs out of the view,
        # and the part near the destination is the part a reader looks at.
        azimuths = [(bearing + 25.0) % 360.0, (bearing - 25.0) % 360.0, *azimuths]
    return SceneRing(
        centre=centre,
        lines=lines,
        band=band_rings,
        band_polygons=band_polygons,
        label=f"Claim: {claim_phrase(claim, in_km=False)}" if number is None else str(number),
        hover=(f"{'' if number is None else f'{number}. '}Claimed: {phrase} from {origin or _origin_name(check)} "
               f"({_other_units(claim.nominal_km, 'km')})"),
        band_hover=band_hover,
        label_at=_ring_point(centre, label_radius, azimuths[0]),
        number=number,
        radius_km=max([*radii, *(band or ())]),
        label_options=tuple(_ring_point(centre, label_radius, az) for az in azimuths[1:]),
    )


#: Two lines closer than this share of the view's size everywhere (about 10 px on a 1200 px
#: map) are drawn as one: the sea route outlined round the straight line.
_COINCIDE_SHARE = 0.009


def _mark_coinciding(lines: list[SceneLine], view: tuple[float, float, float, float]) -> list[SceneLine]:
    """Mark each straight line that its pair's sea route follows closely all the way (layout
    only, in degrees with longitude scaled by the cosine of the latitude)."""
    import shapely

    west, south, east, north = view
    k = max(math.cos(math.radians((south + north) / 2)), 0.05)
    size = math.hypot((east - west) * k, north - south)

    def drawn(line: SceneLine) -> Any:
        return shapely.LineString([(lon * k, lat) for lon, lat in line.coords])

    out = list(lines)
    for index, line in enumerate(out):
        # A pair's sea route directly follows its straight line in the list (build_scene).
        partner = out[index + 1] if index + 1 < len(out) else None
        if line.kind != "geodesic" or partner is None or partner.kind != "sea" or len(line.pieces) > 1:
            continue
        if shapely.hausdorff_distance(drawn(line), drawn(partner), densify=0.25) < _COINCIDE_SHARE * size:
            out[index] = replace(line, coincides=True)
            out[index + 1] = replace(partner, coincides=True)
    return out


#: An access leg (``Route.access_legs_km``: the straight leg the router draws from a place
#: off its water to the nearest water it models) at least this long, in km, stands for a way
#: by river or channel that the router does not model (Ho Chi Minh City's 30 km down the
#: Saigon River); a shorter one joins a town centre or a point on a quay to its own shore.
ACCESS_UNMODELLED_KM = 5.0
#: ... and drawn apart from the route only when it is at least this share of the view's size
#: (about 12 px on a 1200 px map): shorter, it is not seen, and the legend would explain nothing.
_ACCESS_SHARE = 0.01
ACCESS_LABEL = "River/channel access, not modelled"
#: ... and for a leg to a closed sea's shore (:attr:`SceneLine.to_shore`).
SHORE_ACCESS_LABEL = "Access to the shore, not modelled"
#: The legend rows of the two kinds of access leg.
ACCESS_LEGEND = "By river or channel: not modelled, drawn straight"
SHORE_ACCESS_LEGEND = "To the lake or sea shore: not modelled, drawn straight"


def _to_closed_sea_shore(route: Any) -> tuple[bool, bool]:
    """Whether each access leg of ``route`` (a :class:`~geo.types.Route`) ends in the water of a
    closed sea: a route within or out of one (its ``method`` says so) whose second point (or
    last but one) lies in that water."""
    import shapely

    from geo.sea.closed_seas import waters_in
    from geo.sea.route import CLOSED_SEA_PREFIX

    if not route.method.startswith(CLOSED_SEA_PREFIX) or len(route.coords) < 3:
        return (False, False)
    out = []
    for x, y in (route.coords[1], route.coords[-2]):
        waters = waters_in((x - 0.01, y - 0.01, x + 0.01, y + 0.01))
        out.append(any(shapely.distance(water, shapely.Point(x, y)) < 1e-6 for water in waters))
    return (out[0], out[1])


def _unmodelled_access(lines: list[SceneLine], view: tuple[float, float, float, float], west: float,
                       units: str) -> list[SceneLine]:
    """Each sea route's access legs that stand for a river or channel the router does not
    model, as lines of their own (kind ``"access"``) after the route, and the route drawn
    without them: the modelled route is the solid line, and the way it does not model is
    shown as such (dotted, grey, labelled) rather than as a route over land. When the router
    models the river, its access leg is short and nothing changes on the map."""
    from geo.geodesy import GEOD

    west_v, south, east, north = view
    k = max(math.cos(math.radians((south + north) / 2)), 0.05)
    size = math.hypot((east - west_v) * k, north - south)
    out: list[SceneLine] = []
    for line in lines:
        out.append(line)
        coords = list(line.coords)
        if line.kind != "sea" or len(coords) < 3:
            continue
        legs: list[tuple[int, list[tuple[float, float]]]] = []
        for end, km in enumerate(line.access_km):
            leg = coords[:2] if end == 0 else coords[-2:]
            # The router's access leg is the route's first (or last) segment; a segment of
            # another length means the route was made otherwise: leave it alone.
            drawn_km = GEOD.inv(leg[0][0], leg[0][1], leg[1][0], leg[1][1])[2] / 1000.0
            (x1, y1), (x2, y2) = leg
            if (km >= ACCESS_UNMODELLED_KM and abs(drawn_km - km) <= max(0.01 * km, 0.05)
                    and math.hypot((x2 - x1) * k, y2 - y1) >= _ACCESS_SHARE * size):
                legs.append((end, leg))
        if not legs or len(coords) - len(legs) < 2:
            continue
        kept = coords[1 if any(end == 0 for end, _ in legs) else 0: len(coords) - (1 if any(end == 1 for end, _ in legs)
                                                                                  else 0)]
        out[-1] = replace(line, pieces=split_in_frame(kept, west))
        for end, leg in legs:
            place = line.ends[end]
            leg_km = line.access_km[end]
            if end == 1:
                leg = leg[::-1]  # from the place to the water, as a reader follows it
            side = _label_sides(leg)[0]
            shore = line.to_shore[end]
            out.append(SceneLine(
                kind="access",
                coords=tuple(leg),
                label=SHORE_ACCESS_LABEL if shore else ACCESS_LABEL,
                hover=(f"{place} to the shore: {format_length(leg_km, units)}, which the route does not model "
                       f"(the shore is drawn coarser than the place); drawn straight, and counted so in its "
                       f"{format_length(line.length_km, units)} by sea" if shore else
                       f"{place} to open water: {format_length(leg_km, units)} by river or channel, which the "
                       f"route does not model; drawn straight, and counted so in its "
                       f"{format_length(line.length_km, units)} by sea"),
                label_at=(round(wrap_lon(_along(leg, 0.5)[0], west), 6), _along(leg, 0.5)[1]),
                label_side=side,
                label_options=tuple((round(wrap_lon(x, west), 6), y) for x, y in (_along(leg, f) for f in (0.3, 0.7))),
                pieces=split_in_frame(leg, west),
                access_km=(leg_km, 0.0),
                ends=(place, ""),
            ))
    return out


def _along(coords: Sequence[tuple[float, float]], fraction: float) -> tuple[float, float]:
    """The point ``fraction`` of the way along a line as drawn (lon scaled by cos(lat)): where
    a label sits. Layout only: no reported length comes from this."""
    lat0 = math.radians(sum(c[1] for c in coords) / len(coords))
    k = max(math.cos(lat0), 0.05)
    steps = [math.hypot((x2 - x1) * k, y2 - y1) for (x1, y1), (x2, y2) in zip(coords, coords[1:], strict=False)]
    target = fraction * sum(steps)
    for (start, end), step in zip(zip(coords, coords[1:], strict=False), steps, strict=True):
        if step > 0 and target <= step:
            t = target / step
            return (round(start[0] + t * (end[0] - start[0]), 6), round(start[1] + t * (end[1] - start[1]), 6))
        target -= step
    return coords[-1]


def _label_sides(coords: Sequence[tuple[float, float]]) -> tuple[str, str]:
    """Sides for the geodesic's label and the sea route's: across the line's main direction."""
    (x1, y1), (x2, y2) = coords[0], coords[-1]
    k = max(math.cos(math.radians((y1 + y2) / 2)), 0.05)
    return ("top", "bottom") if abs((x2 - x1) * k) >= abs(y2 - y1) else ("left", "right")


def _is_ocean(coords: Sequence[tuple[float, float]]) -> bool:
    """Whether a route is long enough that the passage it takes is news (a label says it)."""
    lons = [c[0] for c in coords]
    lats = [c[1] for c in coords]
    return max(lons) - min(lons) > 20.0 or max(lats) - min(lats) > 20.0


def _segment_km(length_km: float) -> float:
    """Step for the densified arc: about 200 points whatever the length, never under 0.5 km."""
    return max(length_km / 200.0, 0.5)


def _bounds(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return (min(lons), max(-85.0, min(lats)), max(lons), min(85.0, max(lats)))


# --------------------------------------------------------------------------------------------
# The scene


def wrap_lon(lon: float, west: float) -> float:
    """``lon`` moved by whole turns into ``[west, west + 360)``."""
    return west + (lon - west) % 360.0


def split_in_frame(
    coords: Sequence[tuple[float, float]], west: float
) -> tuple[tuple[tuple[float, float], ...], ...]:
    """An unwrapped line cut where it leaves the copy of the world ``[west, west + 360)``,
    each piece moved back into it: what a flat map of one world shows of the line."""
    if not coords:
        return ()
    pieces: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    turn_prev: int | None = None
    prev: tuple[float, float] | None = None
    for lon, lat in coords:
        turn = math.floor((lon - west) / 360.0)
        if prev is not None and turn_prev is not None and turn != turn_prev:
            # Cross the edge(s) between prev and this point, one turn at a time.
            step = 1 if turn > turn_prev else -1
            for t in range(turn_prev, turn, step):
                edge = west + 360.0 * (t + 1 if step > 0 else t)
                f = (edge - prev[0]) / (lon - prev[0]) if lon != prev[0] else 0.0
                lat_edge = round(prev[1] + f * (lat - prev[1]), 6)
                current.append((round(edge - 360.0 * t, 6), lat_edge))
                if len(current) >= 2:
                    pieces.append(current)
                t_next = t + step
                current = [(round(edge - 360.0 * t_next, 6), lat_edge)]
        current.append((round(lon - 360.0 * turn, 6), lat))
        turn_prev, prev = turn, (lon, lat)
    if len(current) >= 2:
        pieces.append(current)
    return tuple(tuple(piece) for piece in pieces)


def _polygons_in_frame(polygons: tuple, west: float) -> tuple:
    """Polygons (lists of rings, unwrapped lon/lat) cut into the copy of the world starting at
    ``west``, each part moved back into it."""
    import shapely

    if not polygons:
        return ()
    shapes = [shapely.Polygon(rings[0], rings[1:]) for rings in polygons]
    area = shapely.make_valid(shapely.union_all(shapes))
    parts: list = []
    for turn in (-2, -1, 0, 1, 2):
        box = shapely.box(west + 360.0 * turn, -90.0, west + 360.0 * (turn + 1), 90.0)
        piece = shapely.intersection(area, box)
        if piece.is_empty:
            continue
        piece = shapely.transform(piece, lambda xy, t=turn: xy - [360.0 * t, 0.0])
        parts += [g for g in shapely.get_parts(piece) if g.geom_type == "Polygon" and not g.is_empty]
    out = []
    for polygon in parts:
        rings = [polygon.exterior, *polygon.interiors]
        out.append(tuple(tuple((round(x, 6), round(y, 6)) for x, y in ring.coords) for ring in rings))
    return tuple(out)


def _route_points(coords: Sequence[tuple[float, float]], from_km: float, to_km: float) -> list[tuple[float, float]]:
    """The stretch of a route between two distances along it (km), as drawn: where a claim
    about the route's length sits. Layout only: the reported lengths come from the router."""
    from geo.geodesy import GEOD

    out: list[tuple[float, float]] = []
    done = 0.0
    for (x1, y1), (x2, y2) in zip(coords, coords[1:], strict=False):
        step = GEOD.inv(x1, y1, x2, y2)[2] / 1000.0
        if step <= 0:
            continue
        lo, hi = (from_km - done) / step, (to_km - done) / step
        if hi >= 0 and lo <= 1:
            for t in (max(lo, 0.0), min(hi, 1.0)):
                point = (round(x1 + t * (x2 - x1), 6), round(y1 + t * (y2 - y1), 6))
                if not out or out[-1] != point:
                    out.append(point)
        done += step
        if done > to_km:
            break
    return out


def _is_route_claim(check: PairCheck) -> bool:
    """A claim the verdict judged against the sea route: it is drawn along the route, since a
    circle of a sea route's length around the origin says nothing (and for an ocean route it
    is a small circle near the far side of the world)."""
    claim, sea = check.claim, check.measures.sea
    if claim is None or sea is None or len(sea.coords) < 2:
        return False
    if check.verdict is not None and check.verdict.basis == "sea":
        return True
    # Refuted either way: drawn against whichever measure the claimed figure is nearer.
    return abs(claim.nominal_km - sea.length_km) < abs(claim.nominal_km - check.measures.geodesic_km)


def _route_claim(check: PairCheck, sea: Sequence[tuple[float, float]], west: float, units: str,
                 number: int | None) -> SceneRouteClaim:
    claim = check.claim
    assert claim is not None and check.measures.sea is not None
    route_km = check.measures.sea.length_km
    # The drawn line's own length scales the claim onto it, so the mark for a claim equal to the
    # route's length sits exactly at the route's end.
    from geo.geodesy import GEOD

    drawn_km = sum(GEOD.inv(x1, y1, x2, y2)[2] for (x1, y1), (x2, y2) in zip(sea, sea[1:], strict=False)) / 1000.0
    k = drawn_km / route_km if route_km > 0 else 1.0
    at_km = min(claim.nominal_km, route_km) * k
    stretch = _route_points(sea, at_km, at_km)
    at = stretch[0] if stretch else sea[-1]
    band: tuple = ()
    _, accepted = _claim_radii(check)
    if accepted is not None:
        low, high = accepted
        band = split_in_frame(_route_points(sea, low * k, min(high, route_km) * k), west)
    phrase = claim_phrase(claim)
    return SceneRouteClaim(
        at=(round(wrap_lon(at[0], west), 6), at[1]),
        label=f"Claim: {claim_phrase(claim, in_km=False)}" if number is None else str(number),
        hover=(f"{'' if number is None else f'{number}. '}Claimed: {phrase} by sea from {_origin_name(check)}, "
               f"marked at that distance along the modelled route"),
        band=band,
        number=number,
        beyond_end=claim.nominal_km > route_km,
    )


def build_scene(
    checks: Any, *, title: str | None = None, units: str = "km", subtitle: str | None = None
) -> Scene:
    """Everything a map of ``checks`` shows, drawn in one copy of the world.

    Each check's lines start at its origin; a destination sits where its sea route ends (the
    sea route is the main line), else where its geodesic ends. The copy of the world is
    centred on the markers and routes, so a route never leaves it; a geodesic that runs the
    other way round the world than its sea route is cut at the world's edge, as a flat map of
    the world cuts it.

    The headline is written from the finding (``title`` replaces it); ``subtitle`` (an
    article's headline) goes under it and into the source line.
    """
    from geo.geodesy import geodesic_path

    if units not in _OTHER_UNITS:
        raise BadInput(f"unknown unit {units!r} for a map; use one of {', '.join(_OTHER_UNITS)}")
    items = as_checks(checks)
    frame_lon = items[0].a.lon
    several = len(items) > 1

    # First the geometry of each check, unwrapped from its origin; then the frame.
    geometry = []
    for check in items:
        a_lon = _unwrap_near(check.a.lon, frame_lon)
        arc = geodesic_path(check.a.lonlat, check.b.lonlat, max_segment_km=_segment_km(check.measures.geodesic_km))
        arc = [(round(x, 6), round(y, 6)) for x, y in _shift_to(arc, a_lon)]
        sea = None
        if check.measures.sea is not None and len(check.measures.sea.coords) >= 2:
            sea = [(round(x, 6), round(y, 6)) for x, y in _shift_to(check.measures.sea.coords, a_lon)]
        b_lon = sea[-1][0] if sea else arc[-1][0]
        geometry.append((a_lon, b_lon, arc, sea))
    core = [lon for a_lon, b_lon, _, sea in geometry for lon in (a_lon, b_lon, *(p[0] for p in sea or ()))]
    with_arcs = core + [p[0] for _, _, arc, _ in geometry for p in arc]
    # A geodesic that goes the other way round the world than its sea route makes the span
    # about a whole turn: the frame is then centred on the markers and routes alone.
    lons = with_arcs if max(with_arcs) - min(with_arcs) <= 300.0 else core
    west = round((min(lons) + max(lons)) / 2 - 180.0, 6)

    def in_frame(lon: float) -> float:
        return round(wrap_lon(lon, west), 6)

    def place_key(place: Place) -> str:
        return f"{place.source or place.name}@{place.lat:.6f},{place.lon:.6f}"

    # With several claims about one place (Odesa to A, B to Odesa, ...), every ring is drawn
    # round that place: concentric, as a reader compares them.
    shared = set.intersection(*({place_key(c.a), place_key(c.b)} for c in items)) if several else set()
    hub = sorted(shared)[0] if shared else None

    places: dict[str, ScenePlace] = {}
    lines: list[SceneLine] = []
    rings: list[SceneRing] = []
    route_claims: list[SceneRouteClaim] = []
    every_point: list[tuple[float, float]] = []
    view_points: list[tuple[float, float]] = []  # what the view must show (see Scene.view_bounds)

    def add_place(place: Place, query: str | None, lon: float, side: str, number: int) -> None:
        key = place_key(place)
        if key in places:
            # One marker and one label per place, however many claims share it.
            if several and number not in places[key].claim_numbers:
                places[key] = replace(places[key], claim_numbers=places[key].claim_numbers + (number,))
            return
        name = _place_name(place, query)
        places[key] = ScenePlace(
            key=key,
            label=name,
            # The popup names the place as the gazetteer does too (Najin is GeoNames' Rajin).
            title=place.label() if name == place.name else f"{name} ({place.label()})",
            rows=_place_rows(place),
            lon=in_frame(lon),
            lat=round(place.lat, 6),
            label_side=side,
            claim_numbers=(number,) if several else (),
        )
        every_point.append((in_frame(lon), place.lat))
        view_points.append((in_frame(lon), place.lat))

    def drawn_points(pieces: tuple[tuple[tuple[float, float], ...], ...]) -> list[tuple[float, float]]:
        return [point for piece in pieces for point in piece]

    def at_in_frame(point: tuple[float, float]) -> tuple[float, float]:
        return (in_frame(point[0]), point[1])

    for number, check in enumerate(items, start=1):
        claim_number = number if several else None
        a_lon, b_lon, arc, sea = geometry[number - 1]
        east = b_lon >= a_lon
        add_place(check.a, check.resolution_a.query if check.resolution_a else None, a_lon,
                  "left" if east else "right", number)
        add_place(check.b, check.resolution_b.query if check.resolution_b else None, b_lon,
                  "right" if east else "left", number)
        geodesic_km = check.measures.geodesic_km
        arc_side, sea_side = _label_sides(sea or arc)
        if sea:
            arc_side = {"top": "bottom", "bottom": "top", "left": "right", "right": "left"}[sea_side]
        arc_pieces = split_in_frame(arc, west)
        lines.append(
            SceneLine(
                kind="geodesic",
                coords=arc_pieces[0] if len(arc_pieces) == 1 else tuple(arc),
                label=format_length(geodesic_km, units) if not several else str(number),
                hover=(f"{'' if not several else f'{number}. '}"
                       f"Straight line (geodesic): {_all_units(geodesic_km, units)}"),
                label_at=at_in_frame(_along(arc, 0.5)),
                label_side=arc_side,
                number=claim_number,
                label_options=tuple(at_in_frame(_along(arc, f)) for f in (0.35, 0.65, 0.2, 0.8)),
                pieces=arc_pieces,
            )
        )
        if len(arc_pieces) == 1:  # a geodesic cut at the world's edge runs off the view
            every_point.extend(drawn_points(arc_pieces))
            view_points.extend(drawn_points(arc_pieces))
        if sea:
            sea_km = check.measures.sea.length_km if check.measures.sea is not None else 0.0
            sea_pieces = split_in_frame(sea, west)
            via = via_phrase(check.measures.sea.passages) if check.measures.sea is not None else ""
            lines.append(
                SceneLine(
                    kind="sea",
                    coords=sea_pieces[0] if len(sea_pieces) == 1 else tuple(sea),
                    label=(f"By sea{' ' + via if via and _is_ocean(sea) else ''}: {format_length(sea_km, units)}"
                           if not several else str(number)),
                    hover=(f"{'' if not several else f'{number}. '}By sea{' ' + via if via else ''}: "
                           f"{_all_units(sea_km, units)} (modelled route, not a ship's track)"),
                    label_at=at_in_frame(_along(sea, 0.6)),
                    label_side=sea_side,
                    number=claim_number,
                    label_options=tuple(at_in_frame(_along(sea, f)) for f in (0.45, 0.75, 0.3, 0.85)),
                    pieces=sea_pieces,
                    access_km=check.measures.sea.access_legs_km if check.measures.sea is not None else (0.0, 0.0),
                    ends=(_place_name(check.a, check.resolution_a.query if check.resolution_a else None),
                          _place_name(check.b, check.resolution_b.query if check.resolution_b else None)),
                    length_km=sea_km,
                    to_shore=(_to_closed_sea_shore(check.measures.sea) if check.measures.sea is not None
                              else (False, False)),
                )
            )
            every_point.extend(drawn_points(sea_pieces))
            view_points.extend(drawn_points(sea_pieces))
        if check.claim is not None and sea and _is_route_claim(check):
            route_claims.append(_route_claim(check, sea, west, units, claim_number))
        elif check.claim is not None:
            bearing = check.measures.initial_bearing_deg
            if hub is not None and place_key(check.b) == hub and place_key(check.a) != hub:
                bearing = (check.measures.final_bearing_deg + 180.0) % 360.0
                ring = _ring(check, (b_lon, check.b.lat), units, claim_number, bearing=bearing,
                             origin=_place_name(check.b, check.resolution_b.query if check.resolution_b else None))
            else:
                ring = _ring(check, (a_lon, check.a.lat), units, claim_number)
            # Enough of the ring to judge the claim: its arcs beside the destination.
            focus = [
                at_in_frame(point)
                for line in ring.lines + ((ring.band[0], ring.band[1]) if ring.band is not None else ())
                if line
                for point in _ring_part(line, bearing, 20.0)
            ]
            # A ring round a pole runs all the way round the world on a web map: fitting the
            # view to it would shrink the places to dots, so the view fits the rest.
            for line in ring.lines + ((ring.band[0],) if ring.band is not None else ()):
                if not encloses_pole(line):
                    every_point.extend(drawn_points(split_in_frame(line, west)))
                else:  # only the part of the ring towards the destination
                    every_point.extend(at_in_frame(p) for p in _ring_part(line, bearing, 40.0))
            ring = replace(
                ring,
                lines=tuple(piece for line in ring.lines for piece in split_in_frame(line, west)),
                band_polygons=_polygons_in_frame(ring.band_polygons, west),
                label_at=at_in_frame(ring.label_at),
                label_options=tuple(at_in_frame(p) for p in ring.label_options),
                focus=tuple(focus),
                centre=at_in_frame(ring.centre),
            )
            rings.append(ring)
            view_points.extend(focus)

    def pair_name(check: PairCheck) -> str:
        a_name = _place_name(check.a, check.resolution_a.query if check.resolution_a else None)
        b_name = _place_name(check.b, check.resolution_b.query if check.resolution_b else None)
        return f"{a_name} to {b_name}:"

    findings = tuple(
        replace(finding_sentence(c, units, prefix=pair_name(c)), number=n) if several else finding_sentence(c, units)
        for n, c in enumerate(items, start=1)
    )
    if title is None or not title.strip():
        title = headline(items, units)
    legend = _legend(items, units)
    sources = _sources(items)
    view = _bounds(view_points) if several else _bounds(every_point)
    lines = _mark_coinciding(lines, view)
    lines = _unmodelled_access(lines, view, west, units)
    for label, text in ((ACCESS_LABEL, ACCESS_LEGEND), (SHORE_ACCESS_LABEL, SHORE_ACCESS_LEGEND)):
        if any(line.kind == "access" and line.label == label for line in lines):
            legend = legend + (LegendRow("dotted", COLOURS["access"], text),)
    scene = Scene(
        title=title,
        places=tuple(places.values()),
        lines=tuple(lines),
        rings=tuple(rings),
        findings=findings,
        legend=legend,
        sources=sources,
        alt_text="",
        units=units,
        bounds=_bounds(every_point),
        checks=items,
        view_bounds=view,
        frame_west=west,
        route_claims=tuple(route_claims),
        subtitle=subtitle.strip() if subtitle and subtitle.strip() else None,
        source=source_line(items, sources, subtitle.strip() if subtitle and subtitle.strip() else None),
    )
    return _with_alt(scene)


def _legend(items: Sequence[PairCheck], units: str) -> tuple[LegendRow, ...]:
    rows = [LegendRow("marker", COLOURS["place"], "Place")]
    single = len(items) == 1
    first = items[0].measures
    any_sea = any(c.measures.sea is not None for c in items)
    rows.append(
        LegendRow(
            # Beside a sea route the straight line is the reference: thin and dashed.
            "dashed" if any_sea else "solid",
            COLOURS["geodesic"],
            f"Straight line: {format_length(first.geodesic_km, units)}" if single else "Straight line (geodesic)",
            f"({_other_units(first.geodesic_km, units)})" if single else "",
        )
    )
    if any_sea:
        sea_km = first.sea_km
        via = via_phrase(first.sea.passages) if single and first.sea is not None else ""
        rows.append(
            LegendRow(
                "solid",
                COLOURS["sea"],
                (f"By sea{' ' + via if via else ''}: {format_length(sea_km, units)}" if single and sea_km is not None
                 else "Route by sea"),
                (f"({_other_units(sea_km, units)}); modelled route, not a ship's track" if single and sea_km is not None
                 else "(modelled route, not a ship's track)"),
            )
        )
    claimed = [c for c in items if c.claim is not None]
    if claimed:
        claim = claimed[0].claim
        assert claim is not None
        if any(_is_route_claim(c) for c in claimed):
            rows.append(LegendRow(
                "mark", COLOURS["claim"],
                (f"Claimed by sea: {claim_phrase(claim)}, marked along the route" if single
                 else "Claimed length by sea, marked along the route")))
            if all(_is_route_claim(c) for c in claimed):
                return tuple(rows)
        rows.append(
            LegendRow(
                "dashed",
                COLOURS["claim"],
                (f"Claimed distance from {_origin_name(claimed[0])}: {claim_phrase(claim)}" if single
                 else "Claimed distance"),
            )
        )
        if any(_claim_radii(c)[1] is not None for c in claimed):
            rows.append(LegendRow("band", COLOURS["claim"], "Range accepted for the claim"))
    return tuple(rows)


# Who to credit for a place, by the prefix of its ``Place.source`` (data/README.md has the
# licences; CC BY data must be credited wherever it is shown).
_SOURCE_CREDITS = {
    "geonames": "GeoNames", "unlocode": "UN/LOCODE", "curated": "shiproute curated", "facility": "shiproute curated",
    "wri": "WRI Global Power Plant Database (CC BY 4.0)", "ne": "Natural Earth", "ne-airport": "Natural Earth",
    "ne-port": "Natural Earth",
}


def _sources(items: Sequence[PairCheck]) -> tuple[str, ...]:
    found: list[str] = []
    for check in items:
        for place in (check.a, check.b):
            prefix = (place.source or "").split(":", 1)[0]
            name = _SOURCE_CREDITS.get(prefix)
            if name and name not in found:
                found.append(name)
    if "GeoNames" not in found:
        found.insert(0, "GeoNames")  # the gazetteer behind every name lookup
    return tuple(found)


#: Alt text a CMS takes and a screen reader reads in one go (the full description, with every
#: figure and the verdicts' reasons, is the map's own accessible description).
ALT_TEXT_LIMIT = 300


def alt_text(checks: Any, *, units: str = "km") -> str:
    """The alt text of a map or image of ``checks``: what it shows and finds, in at most about
    300 characters."""
    return _short_description(as_checks(checks), units)


def _short_description(items: Sequence[PairCheck], units: str) -> str:
    def name(place: Place, resolution: Any) -> str:
        return _place_name(place, resolution.query if resolution else None)

    if len(items) == 1:
        check = items[0]
        a_name, b_name = name(check.a, check.resolution_a), name(check.b, check.resolution_b)
        a_country = _country_name(check.a.country)
        b_country = _country_name(check.b.country)
        where_a = f"{a_name} ({a_country.split(' (')[0]})" if a_country else a_name
        where_b = f"{b_name} ({b_country.split(' (')[0]})" if b_country else b_name
        text = f"Map of {where_a} and {where_b}: {format_length(check.measures.geodesic_km, units)} in a straight line"
        if check.measures.sea is not None:
            via = via_phrase(check.measures.sea.passages)
            text += f", {format_length(check.measures.sea.length_km, units)} by sea{' ' + via if via else ''}"
        text += "."
        if check.claim is not None:
            text += f" Claimed: {claim_phrase(check.claim)}"
            text += f"; {check.verdict.status}." if check.verdict is not None else "."
        return _clip(text)
    statuses = [c.verdict.status for c in items if c.verdict is not None]
    head = f"Map of {len(items)} distances"
    if statuses:
        head += f" ({statuses.count('supported')} supported, {len(statuses) - statuses.count('supported')} not)"
    parts = []
    for check in items:
        part = (f"{name(check.a, check.resolution_a)} to {name(check.b, check.resolution_b)} "
                f"{format_length(check.measures.geodesic_km, units)}")
        if check.verdict is not None:
            part += f", {check.verdict.status}"
        parts.append(part)
    text = f"{head}: " + "; ".join(parts) + "."
    while len(text) > ALT_TEXT_LIMIT and len(parts) > 1:
        parts.pop()
        text = f"{head}: " + "; ".join(parts) + f"; and {len(items) - len(parts)} more."
    return _clip(text)


def _clip(text: str) -> str:
    if len(text) <= ALT_TEXT_LIMIT:
        return text
    return text[: ALT_TEXT_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _describe(items: Sequence[PairCheck], units: str) -> str:
    sentences: list[str] = []
    for check in items:
        a_name = _place_name(check.a, check.resolution_a.query if check.resolution_a else None)
        b_name = _place_name(check.b, check.resolution_b.query if check.resolution_b else None)
        a_where = f"{a_name}, {_country_name(check.a.country) or 'unknown country'}"
        b_where = f"{b_name}, {_country_name(check.b.country) or 'unknown country'}"
        text = (
            f"Map of {a_where} and {b_where}. A straight line (geodesic) joins them: "
            f"{_all_units(check.measures.geodesic_km, units)}."
        )
        if check.measures.sea is not None:
            text += (f" A solid line shows the modelled route by sea: "
                     f"{_all_units(check.measures.sea.length_km, units)}.")
        if check.claim is not None and _is_route_claim(check):
            text += f" A mark on the route shows the claimed length by sea, {claim_phrase(check.claim)}."
        elif check.claim is not None:
            text += (
                f" A dashed circle around {a_name} marks the claimed distance, {claim_phrase(check.claim)}"
            )
            band = _claim_radii(check)[1]
            if band is not None:
                text += f", shaded from {format_length(band[0], units)} to {format_length(band[1], units)}"
            text += "."
        if check.verdict is not None:
            text += f" Verdict: {check.verdict.status}."
            rule = plain_rule(check, units)
            if rule:
                text += f" {rule}"
        sentences.append(text)
    return " ".join(sentences)


def _with_alt(scene: Scene) -> Scene:
    access = [f" A dotted grey line: {line.hover}." for line in scene.lines if line.kind == "access"]
    return replace(scene, alt_text=_short_description(scene.checks, scene.units),
                   description=_describe(scene.checks, scene.units) + "".join(access))
