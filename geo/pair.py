"""One pair of places: resolve both, measure them, judge a claim. What ``check`` and ``map`` run."""

from __future__ import annotations

from collections.abc import Iterable

from geo.errors import NoSeaRoute
from geo.types import DistanceClaim, PairCheck, Place, Resolution

__all__ = ["check_pair", "resolve_pair"]


def resolve_pair(
    a: str | Place, b: str | Place, *, expected_km: float | None = None
) -> tuple[Place, Place, Resolution | None, Resolution | None]:
    """Resolve two queries together: each is the other's partner, and a claimed distance helps.

    A name is first resolved on its own; when a claimed distance is known, the second name is
    re-ranked with the first as its partner (and vice versa), so that among equally likely
    namesakes the pair whose distance fits the claim wins. The resolutions' ``context_notes`` say
    when that changed a choice.
    """
    from geo.places import Context, resolve

    res_a = None if isinstance(a, Place) else resolve(a)
    place_a = a if isinstance(a, Place) else res_a.best  # type: ignore[union-attr]
    res_b = None
    if isinstance(b, Place):
        place_b = b
    else:
        res_b = resolve(b, Context(partner=place_a, expected_km=expected_km))
        place_b = res_b.best
    if res_a is not None and (expected_km is not None or res_a.ambiguous):
        res_a = resolve(a, Context(partner=place_b, expected_km=expected_km))  # type: ignore[arg-type]
        place_a = res_a.best
    return place_a, place_b, res_a, res_b


def check_pair(
    a: str | Place,
    b: str | Place,
    claim: str | DistanceClaim | None = None,
    *,
    sea: bool = True,
    avoid: Iterable[str] = (),
) -> PairCheck:
    """Resolve ``a`` and ``b``, measure the geodesic (and the sea route when ``sea``), judge ``claim``.

    A place with no route by water (inland, a closed sea) still gets its geodesic and verdict;
    the sea distance is then absent and the verdict's notes say why.
    """
    from geo.claims import parse_claim
    from geo.geodesy import measure
    from geo.verdict import judge

    parsed = parse_claim(claim) if isinstance(claim, str) else claim
    place_a, place_b, res_a, res_b = resolve_pair(
        a, b, expected_km=parsed.nominal_km if parsed is not None else None
    )
    route = None
    sea_note = None
    if sea:
        from geo.searoute import sea_route

        try:
            route = sea_route(place_a, place_b, avoid=tuple(avoid))
        except NoSeaRoute as exc:
            sea_note = str(exc)
    measures = measure(place_a, place_b, sea=route)
    verdict = None
    if parsed is not None:
        verdict = judge(
            parsed,
            measures,
            extent_km=place_a.extent_km + place_b.extent_km,
            a_name=place_a.name,
            b_name=place_b.name,
        )
        if sea_note:
            from dataclasses import replace

            verdict = replace(verdict, notes=verdict.notes + (f"no sea distance: {sea_note}",))
    return PairCheck(
        a=place_a,
        b=place_b,
        measures=measures,
        claim=parsed,
        verdict=verdict,
        resolution_a=res_a,
        resolution_b=res_b,
    )
