"""One pair of places: resolve both, measure them, judge a claim. What ``check`` and ``map`` run."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from geo.errors import NoSeaRoute
from geo.types import ISLAND_KINDS, DistanceClaim, Measures, PairCheck, Place, Resolution, Verdict

__all__ = ["check_pair", "edge_measures", "endpoint_context", "judge_width", "measure_and_judge", "resolve_pair",
           "travel_caveat", "voyage_verdict", "width_measures"]


def endpoint_context(partner: Place | None = None, expected_km: float | None = None, *,
                     countries: frozenset[str] = frozenset(), words: frozenset[str] = frozenset()):
    """The resolver context for one end of a distance.

    The ends of a distance are towns, ports, bases or coordinates: "Murmansk" is the city, not
    Murmansk oblast, whenever both exist; the other end and the claimed distance help too, and
    in an article so do its countries and the words near the name.
    """
    from geo.places.gazetteer import Context
    from geo.text.linking import ENDPOINT_KINDS

    return Context(countries=countries, partner=partner, expected_km=expected_km, words=words,
                   kinds=ENDPOINT_KINDS)


def resolve_pair(
    a: str | Place, b: str | Place, *, expected_km: float | None = None
) -> tuple[Place, Place, Resolution | None, Resolution | None]:
    """Resolve two queries together: each is the other's partner, and a claimed distance helps.

    A name is first resolved on its own; when a claimed distance is known, the second name is
    re-ranked with the first as its partner (and vice versa), so that among equally likely
    namesakes the pair whose distance fits the claim wins. The resolutions' ``context_notes`` say
    when that changed a choice.
    """
    from geo.places.gazetteer import resolve

    res_a = None if isinstance(a, Place) else resolve(a, endpoint_context())
    place_a = a if isinstance(a, Place) else res_a.best  # type: ignore[union-attr]
    res_b = None
    if isinstance(b, Place):
        place_b = b
    else:
        res_b = resolve(b, endpoint_context(place_a, expected_km))
        place_b = res_b.best
    if res_a is not None and (expected_km is not None or res_a.ambiguous):
        res_a = resolve(a, endpoint_context(place_b, expected_km))  # type: ignore[arg-type]
        place_a = res_a.best
    return place_a, place_b, res_a, res_b


def measure_and_judge(
    a: Place,
    b: Place,
    claim: DistanceClaim | None,
    *,
    sea: bool = True,
    avoid: Iterable[str] = (),
    direction_bearing_deg: float | None = None,
    names: tuple[str, str] | None = None,
    unit: str = "km",
) -> PairCheck:
    """Measure the geodesic (and the sea route when ``sea``) between two places; judge ``claim``.

    ``unit`` (km, mi or nmi) is the unit the verdict's explanation writes lengths in.

    A pair with no route by water (inland, a closed sea) still gets its geodesic and verdict;
    the sea distance is then absent and the verdict's notes say why. ``names`` are the places as
    the claim wrote them, for the explanation (default: the gazetteer's names).
    """
    from geo.geodesy import measure
    from geo.verdict import STATUS_RANK, judge

    route = None
    sea_note = None
    # The shores come from GSHHG with or without a sea route: a claim's shore-to-shore figure
    # must not change with --no-sea (Gageodo-Heuksando: 64 km shore to shore, 76 km between the
    # points Natural Earth leaves them). Two towns never need it.
    edge = edge_measures(a, b)
    if edge is not None and sea:
        sea = False
        sea_note = "no sea distance: the claim is measured to a shore or border, not between two ports"
    if sea:
        from geo.sea.route import sea_route

        try:
            route = sea_route(a, b, avoid=tuple(avoid))
        except NoSeaRoute as exc:
            sea_note = f"no sea distance: {exc}"
    measures = measure(a, b, sea=route) if edge is None else edge
    verdict = None
    if claim is not None:
        # A shore or border measure already runs to the area's edge: only a point end's size
        # (a town's centre is not its harbour) still widens the tolerance.
        extent = sum(p.extent_km for p in (a, b) if edge is None or p.kind not in _edge_kinds())
        a_name, b_name = names if names else (a.name, b.name)

        def judged(bearing: float | None) -> Verdict:
            return judge(claim, measures, extent_km=extent, direction_bearing_deg=bearing, a_name=a_name,
                         b_name=b_name, unit=unit)

        verdict = judged(direction_bearing_deg)
        if edge is not None and direction_bearing_deg is not None and edge.ends_lonlat is not None \
                and edge.geodesic_km > 0 and verdict.status != "supported":
            # From the area's nearest coast, the second reading of a direction (see below).
            from_coast = judged(_bearing_from_coast(a, b, edge.ends_lonlat, direction_bearing_deg))
            if STATUS_RANK[from_coast.status] < STATUS_RANK[verdict.status]:
                verdict = replace(from_coast, notes=(*from_coast.notes, "direction: read from the nearest coast or "
                                                     "border of the area it is stated from, not its central point"))
        if edge is not None:
            why = "; ".join(_why_edge(p) for p in (a, b) if p.kind in _edge_kinds())
            verdict = replace(verdict, notes=(f"why: {why}", *verdict.notes))
        if sea_note:
            verdict = replace(verdict, notes=verdict.notes + (sea_note,))
    return PairCheck(a=a, b=b, measures=measures, claim=claim, verdict=verdict)


def _bearing_from_coast(a: Place, b: Place, ends: tuple[tuple[float, float], tuple[float, float]],
                        centre_bearing_deg: float) -> float:
    """The second reading of a stated direction when the distance runs to an area's edge: from
    the reference area's end of the measure to the other place's point. "90 km east of mainland
    Sweden": from Sweden's coast nearest Gotland, Gotland lies east; from Sweden's central
    point, south-south-east. (From its centre, Palawan's shoal lies west; from its nearest
    coast, north-west: either reading may be the writer's.) The other end's point, not its end
    of the gap, as across a narrow strait the gap runs any way (Messina's runs north-west,
    Sicily lies south-west of Calabria). The reference is the place the caller's bearing
    between the places' points runs from."""
    from geo.geodesy import angle_between_deg, inverse

    forward = float(inverse(a.lon, a.lat, b.lon, b.lat).initial_bearing_deg)
    backward = float(inverse(b.lon, b.lat, a.lon, a.lat).initial_bearing_deg)
    (alon, alat), (blon, blat) = ends
    if angle_between_deg(forward, centre_bearing_deg) <= angle_between_deg(backward, centre_bearing_deg):
        return float(inverse(alon, alat, b.lon, b.lat).initial_bearing_deg)
    return float(inverse(blon, blat, a.lon, a.lat).initial_bearing_deg)


def _edge_kinds() -> frozenset[str]:
    from geo.places.areas import EDGE_KINDS

    return EDGE_KINDS


def _why_edge(place: Place) -> str:
    if place.kind in ("country", "region"):
        return (f"{place.name} is a {place.kind}: a distance to it runs to its nearest border or coast, "
                "not to a point picked inside it")
    if place.kind in ISLAND_KINDS:
        article = "an" if place.kind[0] in "aeiou" else "a"
        return f"{place.name} is {article} {place.kind}: a distance to it runs to its nearest shore"
    return f"the {place.name} is a {place.kind}: a distance to it runs to its nearest water"


def _end_text(place: Place, at: tuple[float, float]) -> str:
    """How one end of a shore or border measure reads in the report; ``at`` (lon, lat): the
    end's point on the outline, on a land border when another country's polygon touches it."""
    if place.kind in ISLAND_KINDS:
        return f"{place.name}'s shore"
    if place.kind == "country":
        from geo.places.areas import countries_at

        shared = len(countries_at(at[0], at[1], sea_margin_km=0.0)) > 1
        return f"the nearest point of {place.name}'s {'border' if shared else 'coast'}"
    if place.kind == "region":
        from geo.places.areas import is_island

        if is_island(place):
            return f"the nearest point of {place.name}'s coast"
        return f"the nearest point of {place.name}'s border or coast (approximate region outline)"
    if place.kind in _edge_kinds():
        return f"the nearest water of the {place.name}" if not place.name.lower().startswith("the ") \
            else f"the nearest water of {place.name}"
    return place.name


#: How far (degrees of latitude) around an island's point its land is looked for; land reaching
#: the edge of that window is a mainland or a large island, not the small island the point names.
_ISLAND_WINDOW_DEG = 0.3


@functools.lru_cache(maxsize=1024)
def island_at(place: Place) -> object | None:
    """The land (lon/lat degrees) of an island that our features draw no polygon for (a small
    Korean island named only by a point, 가거도): the GSHHG pieces of land within its extent (in
    km) of its point, when they lie wholly inside a window around it; None for any other place,
    or when the land there is a mainland. A window across ±180° is read in longitudes continuous
    with the point's (below -180 or above 180 beyond the line)."""
    if place.kind not in ISLAND_KINDS or place.kind == "reef":
        return None  # (before the imports: a town's check never loads the coastline)
    import math

    import shapely
    from shapely.geometry import Point, box
    from shapely.ops import nearest_points

    from geo.errors import BadInput, DataMissing
    from geo.geodesy import inverse

    lon_pad = _ISLAND_WINDOW_DEG / max(0.2, math.cos(math.radians(place.lat)))
    window = (place.lon - lon_pad, max(-90.0, place.lat - _ISLAND_WINDOW_DEG),
              place.lon + lon_pad, min(90.0, place.lat + _ISLAND_WINDOW_DEG))
    try:
        land = _land_in(window)
    except (BadInput, DataMissing):  # no coastline data there: the point stays the island
        return None
    point = Point(place.lon, place.lat)
    reach_km = max(1.0, place.extent_km)
    edge = box(*window).exterior
    pieces = []
    for piece in shapely.get_parts(land):
        near = nearest_points(piece, point)[0]
        if float(inverse(place.lon, place.lat, near.x, near.y).distance_km) <= reach_km:
            pieces.append(piece)
    if not pieces or any(piece.distance(edge) < 1e-6 for piece in pieces):
        return None
    return shapely.union_all(pieces)


def _without_land_of(shape: Any, own: Any, other: Any) -> Any:
    """``shape`` (``own`` outline with its coast redrawn) without the pieces nearer ``other``
    than ``own``: a coast redrawn from GSHHG takes the land within a few km of the outline,
    which across a narrow strait is the other end's (Calabria's shore, redrawn into Sicily's)."""
    from geo.places.areas import parts_where

    return parts_where(shape, lambda part: part.distance(other) >= part.distance(own))


def _land_in(window: tuple[float, float, float, float]) -> object:
    """GSHHG's land inside ``window`` (west, south, east, north in degrees; west may lie below
    -180 and east above 180), in the window's own longitudes."""
    import numpy as np
    import shapely

    west, south, east, north = window
    from geo.sea.coastline import land_polygons

    if west < -180.0:  # read from the east: land_polygons gives it past 180, continuous
        land = land_polygons((west + 360.0, south, east + 360.0, north))
        return shapely.transform(land, lambda xy: xy - np.array([360.0, 0.0]))
    return land_polygons(window)


@functools.lru_cache(maxsize=2048)
def edge_measures(a: Place, b: Place) -> Measures | None:
    """The distance between ``a`` and ``b`` measured to the edge of each end that is an area
    (a country, a region, an island, a strait: :data:`geo.places.areas.EDGE_KINDS`), with the
    centre-to-centre figure beside it; None when both ends are points (or the data draw no
    polygon for an area end).

    A point inside an area is measured to the area's outline (its border or coast): "Odesa is
    50 km from the Moldovan border" is not 0 km because Odesa lies in Ukraine's polygon.
    Kept per pair of places in an in-process LRU cache: a shore measure costs tens of
    milliseconds (GSHHG around the gap), and an article or a batch names the same pair often.
    """
    import shapely
    from shapely.geometry import Point

    from geo.geodesy import inverse
    from geo.places.areas import countries_at, edge_geometry, island_land
    from geo.sea.shores import nearest_gap, refine_coast

    if a.source and a.source == b.source:
        return None
    shapes = [edge_geometry(a), edge_geometry(b)]
    shapes = [shape if shape is not None else island_at(place)
              for shape, place in zip(shapes, (a, b), strict=True)]
    if shapes[0] is None and shapes[1] is None:
        return None
    geoms = [shape if shape is not None else Point(p.lon, p.lat) for shape, p in zip(shapes, (a, b), strict=True)]
    if shapes[0] is not None and shapes[1] is not None and shapes[0].intersects(shapes[1]):
        # An island region of a country ("Gotland ... off the Swedish coast"): from the smaller
        # area to the rest of the larger one.
        small, large = (0, 1) if shapes[0].area <= shapes[1].area else (1, 0)
        island = island_land((a, b)[small])
        rest = geoms[large].difference((geoms[small] if island is None else island).buffer(0.02))
        # Slivers the two outlines' different coastlines leave along the island are not land.
        pieces = [p for p in getattr(rest, "geoms", [rest]) if p.area > 0.002]
        if pieces:
            geoms[large] = shapely.union_all(pieces)
    inside = [False, False]
    for i, j in ((0, 1), (1, 0)):
        shape = shapes[i]
        if shape is not None and shapes[j] is None and shape.intersects(geoms[j]):
            parts = list(getattr(shape, "geoms", [shape]))
            others = [part for part in parts if not part.intersects(geoms[j])]
            biggest = max(part.area for part in parts)
            if others and max(part.area for part in others) > biggest / 2:
                # On an outlying island of the area ("Lampedusa ... 205 km from Sicily"): to its other land.
                geoms[i] = shapely.union_all(others)
            else:
                geoms[i], inside[i] = shape.boundary, True
    gap = nearest_gap(geoms[0], geoms[1])
    # A country's or region's 1:50m coast is kilometres off: redraw it from GSHHG around the gap.
    refined = list(geoms)
    for i, place in enumerate((a, b)):
        at = (gap.a_lonlat, gap.b_lonlat)[i]
        if place.kind in ("country", "region") and shapes[i] is not None and not inside[i] \
                and len(countries_at(at[0], at[1], sea_margin_km=0.0)) <= 1:  # a coast, not a land border
            reach = min(1.0, max(0.3, gap.distance_km / 111.0 * 0.6))
            refined[i] = refine_coast(geoms[i], at, reach)
            if shapes[1 - i] is not None:
                refined[i] = _without_land_of(refined[i], geoms[i], geoms[1 - i])
    if refined != geoms:
        gap = nearest_gap(refined[0], refined[1])
    centre = inverse(a.lon, a.lat, b.lon, b.lat)
    (alon, alat), (blon, blat) = gap.a_lonlat, gap.b_lonlat
    bearings = inverse(alon, alat, blon, blat) if gap.distance_km > 0 else centre
    between = f"from {_end_text(a, gap.a_lonlat)} to {_end_text(b, gap.b_lonlat)}"
    # An island's own point (its main town, its middle) is the second defensible reading when
    # the other end is no country or region: "Tsushima lies some 100 km south of Busan".
    islands = [p for p, shape in zip((a, b), shapes, strict=True) if shape is not None and p.kind in ISLAND_KINDS]
    centre_reading = bool(islands) and all(p.kind in ISLAND_KINDS or shape is None
                                           for p, shape in zip((a, b), shapes, strict=True))
    alt_km, alt_between = (float(centre.distance_km), "between the places' own points (an island's main point, "
                           "not its shore)") if centre_reading else (None, "")
    if not centre_reading:
        # A country's mainland (its largest landmass) is the other reading of "the coast of X":
        # Gotland to the Swedish mainland rather than to Öland, Rockall to Great Britain itself.
        mainland = list(refined)
        for i, place in enumerate((a, b)):
            parts = list(getattr(mainland[i], "geoms", []))
            if place.kind in ("country", "region") and not inside[i] and len(parts) > 1:
                mainland[i] = max(parts, key=lambda part: part.area)
        if mainland != refined:
            other = nearest_gap(mainland[0], mainland[1])
            if other.distance_km > gap.distance_km + 1.0:
                names = " and ".join(p.name for i, p in enumerate((a, b)) if mainland[i] is not refined[i])
                alt_km, alt_between = other.distance_km, f"to the mainland of {names} (its largest landmass)"
    return Measures(geodesic_km=gap.distance_km, initial_bearing_deg=float(bearings.initial_bearing_deg),
                    final_bearing_deg=float(bearings.final_bearing_deg), measured_between=between,
                    centre_km=float(centre.distance_km), ends_lonlat=(gap.a_lonlat, gap.b_lonlat),
                    alt_km=alt_km, alt_between=alt_between)


@functools.lru_cache(maxsize=512)
def width_measures(place: Place) -> Measures | None:
    """A strait's or channel's narrowest width, shore to shore between the two largest pieces
    of land along its water polygon; None when the data draw no polygon for it."""
    from geo.geodesy import inverse
    from geo.places.areas import edge_geometry
    from geo.sea.shores import narrowest_width, width_with_islands

    water = edge_geometry(place)
    if water is None:
        return None
    try:
        gap, islets = narrowest_width(water)
    except ValueError:
        return None
    islands = width_with_islands(water) if islets else None
    # An "islands" reading far narrower than the mainland one is a causeway or a spit drawn as an
    # island (Tuzla in the Kerch Strait), not a reading anyone writes.
    alt = (islands.distance_km if islands is not None
           and 0.3 * gap.distance_km <= islands.distance_km < gap.distance_km - 0.05 else None)
    (alon, alat), (blon, blat) = gap.a_lonlat, gap.b_lonlat
    bearings = inverse(alon, alat, blon, blat)
    left_out = f" ({islets} islets along it left out)" if islets else ""
    return Measures(geodesic_km=gap.distance_km, initial_bearing_deg=float(bearings.initial_bearing_deg),
                    final_bearing_deg=float(bearings.final_bearing_deg),
                    measured_between=f"across the {place.name} at its narrowest, shore to shore between the "
                                     f"two main shores along it{left_out}",
                    centre_km=None, ends_lonlat=(gap.a_lonlat, gap.b_lonlat), alt_km=alt,
                    alt_between=f"across the {place.name} at its narrowest counting its islands" if alt else "")


def judge_width(place: Place, claim: DistanceClaim) -> PairCheck | None:
    """Judge a width claim ("the strait is 33 km wide at its narrowest") against
    :func:`width_measures`; None when the width cannot be measured."""
    from geo.verdict import judge

    measures = width_measures(place)
    if measures is None:
        return None
    verdict = judge(claim, measures)
    verdict = replace(verdict, notes=(f"why: a width is the gap between the two shores of the {place.name}, "
                                      "not a distance between two points", *verdict.notes))
    return PairCheck(a=place, b=place, measures=measures, claim=claim, verdict=verdict)


def travel_caveat(check: PairCheck, mode: str) -> PairCheck:
    """``check`` for a claim whose words say it is a ``mode`` ("road", "rail", "river")
    distance: see :func:`geo.verdict.with_travel_caveat`. A verdict resting on the sea route
    already measured a route and keeps its status."""
    from geo.verdict import with_travel_caveat

    if check.verdict is None or check.claim is None or check.verdict.basis == "sea":
        return check
    return replace(check, verdict=with_travel_caveat(check.verdict, check.claim, mode))


def voyage_verdict(check: PairCheck) -> PairCheck:
    """``check`` for a claim whose words make it a voyage's length: judged against the sea
    route alone (see :func:`geo.verdict.as_sea_voyage`)."""
    from geo.verdict import as_sea_voyage

    if check.verdict is None or check.claim is None:
        return check
    extent = check.a.extent_km + check.b.extent_km
    return replace(check, verdict=as_sea_voyage(check.verdict, check.claim, check.measures, extent))


def stated_direction_bearing(claim: DistanceClaim | None, names: tuple[str, str], a: Place,
                             b: Place) -> float | None:
    """The bearing (degrees) a claim's stated direction is checked against, or None without one.

    "90 km west of B" says where A lies seen from B; "west of A" (A named after the "of") says
    it of B seen from A, as the article reader does.
    """
    if claim is None or not claim.direction:
        return None
    from geo.geodesy import inverse

    after_of = claim.text.casefold().rpartition(" of ")[2]
    from_a = bool(after_of.strip()) and any(n.casefold() in after_of for n in (names[0], a.name)) and not any(
        n.casefold() in after_of for n in (names[1], b.name))
    reference, other = (a, b) if from_a else (b, a)
    return float(inverse(reference.lon, reference.lat, other.lon, other.lat).initial_bearing_deg)


def check_pair(
    a: str | Place,
    b: str | Place,
    claim: str | DistanceClaim | None = None,
    *,
    sea: bool = True,
    avoid: Iterable[str] = (),
    unit: str = "km",
) -> PairCheck:
    """Resolve ``a`` and ``b`` as a pair, then :func:`measure_and_judge` them against ``claim``
    (``unit``: the unit of lengths in the verdict's explanation)."""
    from geo.text.claims import parse_claim

    parsed = parse_claim(claim) if isinstance(claim, str) else claim
    place_a, place_b, res_a, res_b = resolve_pair(
        a, b, expected_km=parsed.nominal_km if parsed is not None else None
    )
    names = (a if isinstance(a, str) else a.name, b if isinstance(b, str) else b.name)
    bearing = stated_direction_bearing(parsed, names, place_a, place_b)
    result = measure_and_judge(place_a, place_b, parsed, sea=sea, avoid=avoid, names=names,
                               direction_bearing_deg=bearing, unit=unit)
    return replace(result, resolution_a=res_a, resolution_b=res_b)
