"""One pair of places: resolve both, measure them, judge a claim. What ``check`` and ``map`` run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from geo.errors import NoSeaRoute
from geo.types import DistanceClaim, PairCheck, Place, Resolution

__all__ = ["check_pair", "endpoint_context", "measure_and_judge", "resolve_pair"]


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
    from geo.verdict import judge

    route = None
    sea_note = None
    if sea:
        from geo.sea.route import sea_route

        try:
            route = sea_route(a, b, avoid=tuple(avoid))
        except NoSeaRoute as exc:
            sea_note = f"no sea distance: {exc}"
    measures = measure(a, b, sea=route)
    verdict = None
    if claim is not None:
        verdict = judge(claim, measures, extent_km=a.extent_km + b.extent_km,
                        direction_bearing_deg=direction_bearing_deg,
                        a_name=names[0] if names else a.name, b_name=names[1] if names else b.name, unit=unit)
        if sea_note:
            verdict = replace(verdict, notes=verdict.notes + (sea_note,))
    return PairCheck(a=a, b=b, measures=measures, claim=claim, verdict=verdict)


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
