"""Judging a distance claim against what was measured: one tolerance rule, used everywhere.

The rule
--------
A claim names a distance X (or a range lo–hi); the measured distance is d, in km. Two
margins, both in km:

- the **wide** margin  W(X) = max(5 km, 10 % of X), for the side a hedge leaves loose
  ("about", "approximately", "some", the far side of "nearly" / "just over");
- the **tight** margin T(X) = max(2 km, 5 % of X), for a hard edge ("at least", "up to",
  the ends of a range, the near side of "nearly" / "just over").

An unhedged number ("180 km") is read as exact but written by someone who rounds, so its
margin is E(X) = max(T(X), R), where R is the rounding the number as written implies: half
a unit of its last non-zero digit, in the claim's own unit, capped at W(X). So "182 km" gets
±9.1 km (5 %), "80 km" ±5 km (rounded to tens), "7 km" ±2 km, and "200 km" or "100 miles",
written to one significant figure, as much as "about" would give (±10 %), since a number that
round already says "roughly".

The accepted interval, by the claim's sense:

    about X        [X − W,  X + W]        e.g. "approximately 180 km": 162–198 km
    exact X        [X − E,  X + E]        e.g. "180 km": 171–189 km
    nearly X       [X − W,  X + T]        "nearly 200 km": 180–210 km
    just_over X    [X − T,  X + W]        "just over 200 km": 190–220 km
    range lo–hi    [lo − T(lo), hi + T(hi)]  "150–200 km": 142.5–210 km
    at_least X     [X − T,  no limit)     "more than 200 km": 190 km or more
    at_most X      (no limit, X + T]      "up to 200 km": 210 km or less

Every finite edge moves out by ``extent_km``, the sum of both places' extents (a town's
centre is not its port), but by no more than :data:`EXTENT_SHARE` (10 %) of the claimed
distance, so that for short claims the size of two towns cannot swallow the claim itself
("20 km across the bay" between towns 9 km apart stays refuted): the margin at an edge is its
W, T or E plus that widening. Lower edges
stop at 0.

Status: **supported** inside the accepted interval (edges included); **ambiguous** in the
borderline band just outside it, out to 1.5 times the margin at that edge (for "approximately
180 km": 153–162 and 198–207 km); **refuted** beyond.

When a sea route was measured, the claim is judged against both the straight line and the
sea distance and the better status wins (ties go to the straight line, the usual meaning of
"X km away"); the explanation says which basis matched and gives the other figure. A claim
that only the sea distance supports is therefore ``supported``, with basis ``"sea"``.

When the claim states a direction ("south-west of") and the caller gives the bearing FROM the
reference place TO the other, the bearing must lie within the direction's tolerance
(:func:`geo.geodesy.direction_tolerance_deg`: ±33.75° for SW, ±22.5° for SSW) plus the angle
the places' extent subtends at that distance, atan(extent / d). The same 1.5 × borderline
applies: out to 1.5 times that tolerance the direction is borderline (``ambiguous``), beyond it
wrong (``refuted``). The final status is the worse of the distance's and the direction's.

``deviation_km`` is d − X (signed; X the claim's nominal value, the midpoint of a range) and
``deviation_pct`` is that as a percentage of X.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import Decimal

from geo.errors import BadClaim, BadInput
from geo.geodesy import (
    angle_between_deg,
    compass_point,
    direction_centre_deg,
    direction_tolerance_deg,
    parse_direction,
)
from geo.types import DistanceClaim, Measures, Status, Verdict
from geo.units import KM_PER_UNIT, format_length, from_km, to_km

__all__ = [
    "ROAD_FACTOR_MAX",
    "STATUS_RANK",
    "as_sea_voyage",
    "TOLERANCE_RULE_TEXT",
    "judge",
    "with_travel_caveat",
    "accepted_interval",
    "wide_margin_km",
    "tight_margin_km",
    "exact_margin_km",
    "rounding_km",
    "Interval",
    "WIDE_PCT",
    "WIDE_MIN_KM",
    "TIGHT_PCT",
    "TIGHT_MIN_KM",
    "BORDERLINE_FACTOR",
    "EXTENT_SHARE",
    "effective_extent_km",
]

WIDE_PCT = 10.0
WIDE_MIN_KM = 5.0
TIGHT_PCT = 5.0
TIGHT_MIN_KM = 2.0
#: The borderline band reaches out to this multiple of the margin at an edge.
BORDERLINE_FACTOR = 1.5
#: The places' extent widens each edge by at most this share of the claimed distance.
EXTENT_SHARE = 0.10

#: How well each status holds a claim up, best first: of two readings the better one stands.
STATUS_RANK: dict[str, int] = {"supported": 0, "ambiguous": 1, "refuted": 2}

#: Which margin each sense puts on its (lower, upper) edge; None = no limit on that side.
_EDGES: dict[str, tuple[str | None, str | None]] = {
    "about": ("wide", "wide"),
    "exact": ("exact", "exact"),
    "nearly": ("wide", "tight"),
    "just_over": ("tight", "wide"),
    "range": ("tight", "tight"),
    "at_least": ("tight", None),
    "at_most": (None, "tight"),
}

#: The tolerance rule in a few sentences, for reports read without the README at hand.
TOLERANCE_RULE_TEXT = (
    f"A claim holds when the straight line or the route by sea falls within its tolerance: "
    f"'about X' allows X ± the larger of {WIDE_MIN_KM:g} km and {WIDE_PCT:g} %; a plain 'X' allows "
    f"X ± the larger of {TIGHT_MIN_KM:g} km, {TIGHT_PCT:g} % and the rounding of X as written (up to 10 %); "
    f"'nearly', 'just over', ranges, 'at least' and 'at most' allow the tight margin past each bound they "
    f"state ('nearly' and 'just over' the wide one on their open side); "
    f"both edges widen by the size of the places (a town, a port, a country). "
    f"Just outside, up to {BORDERLINE_FACTOR:g} times the margin, is borderline (ambiguous)."
)

_RULES: dict[str, str] = {
    "about": "about X: X ± max(5 km, 10 % of X)",
    "exact": "exact X: X ± max(2 km, 5 % of X, the rounding of X as written up to 10 %)",
    "nearly": "nearly X: X − max(5 km, 10 %) to X + max(2 km, 5 %)",
    "just_over": "just over X: X − max(2 km, 5 %) to X + max(5 km, 10 %)",
    "range": "range lo–hi: lo − max(2 km, 5 % of lo) to hi + max(2 km, 5 % of hi)",
    "at_least": "at least X: from X − max(2 km, 5 % of X)",
    "at_most": "at most X: up to X + max(2 km, 5 % of X)",
}


def wide_margin_km(x_km: float) -> float:
    """W(X) = max(5 km, 10 % of X), in km: the margin of "about X"."""
    return max(WIDE_MIN_KM, x_km * WIDE_PCT / 100.0)


def tight_margin_km(x_km: float) -> float:
    """T(X) = max(2 km, 5 % of X), in km: the margin of a hard edge."""
    return max(TIGHT_MIN_KM, x_km * TIGHT_PCT / 100.0)


def rounding_km(value: float, unit: str = "km") -> float:
    """Half a unit of the last non-zero digit of ``value`` as written in ``unit``, in km:
    ``rounding_km(180)`` is 5, ``rounding_km(182)`` 0.5, ``rounding_km(110, "mi")`` 8.05."""
    if not value:
        return 0.0
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return float(to_km(0.5 * 10.0 ** int(exponent), unit))


def exact_margin_km(x_km: float, value: float | None = None, unit: str = "km") -> float:
    """E(X) = max(T(X), min(rounding of the written number, W(X))), in km: the margin of an
    unhedged number. ``value``/``unit`` are the number as written (default: ``x_km`` in km)."""
    rounding = rounding_km(x_km if value is None else value, "km" if value is None else unit)
    return max(tight_margin_km(x_km), min(rounding, wide_margin_km(x_km)))


@dataclass(frozen=True, slots=True)
class Interval:
    """The distances a claim accepts, in km, and the margins at its edges (None = open)."""

    low_km: float | None
    high_km: float | None
    low_margin_km: float | None
    high_margin_km: float | None

    def status(self, distance_km: float) -> Status:
        """supported inside (edges included), ambiguous out to 1.5 × the edge's margin,
        refuted beyond."""
        if self.low_km is not None and distance_km < self.low_km:
            beyond, margin = self.low_km - distance_km, self.low_margin_km
        elif self.high_km is not None and distance_km > self.high_km:
            beyond, margin = distance_km - self.high_km, self.high_margin_km
        else:
            return "supported"
        assert margin is not None
        return "ambiguous" if beyond <= (BORDERLINE_FACTOR - 1.0) * margin else "refuted"


def _claim_bounds(claim: DistanceClaim) -> tuple[float, float]:
    low = claim.low_km if claim.low_km is not None else claim.high_km
    high = claim.high_km if claim.high_km is not None else claim.low_km
    if low is None or high is None:
        raise BadClaim(claim.text, "the claim has no distance (both bounds are empty)")
    for bound in (low, high):
        if not (math.isfinite(bound) and bound > 0):
            raise BadClaim(claim.text, f"a claimed distance must be a positive number of km, not {bound!r}")
    if low > high:
        raise BadClaim(claim.text, f"the range runs backwards ({low!r} km to {high!r} km)")
    if claim.sense not in _EDGES:
        raise BadClaim(claim.text, f"unknown sense {claim.sense!r}; expected one of {', '.join(_EDGES)}")
    return low, high


def effective_extent_km(claim: DistanceClaim, extent_km: float) -> float:
    """The widening the places' ``extent_km`` earns ``claim``: at most EXTENT_SHARE of its
    nominal distance (in km)."""
    if not (math.isfinite(extent_km) and extent_km >= 0):
        raise BadInput(f"extent_km must be a non-negative number of km, not {extent_km!r}")
    _claim_bounds(claim)  # refuses a claim with no distance before nominal_km is read
    return min(extent_km, EXTENT_SHARE * claim.nominal_km)


def accepted_interval(claim: DistanceClaim, extent_km: float = 0.0) -> Interval:
    """The interval of distances (in km) ``claim`` accepts under the module's rule, each
    finite edge widened by the places' ``extent_km`` (in km; capped, see
    :func:`effective_extent_km`)."""
    extent_km = effective_extent_km(claim, extent_km)
    low, high = _claim_bounds(claim)
    low_kind, high_kind = _EDGES[claim.sense]

    def margin(kind: str, x_km: float, value: float | None) -> float:
        if kind == "wide":
            return wide_margin_km(x_km)
        if kind == "tight":
            return tight_margin_km(x_km)
        return exact_margin_km(x_km, value, claim.unit)

    low_margin = high_margin = None
    low_km = high_km = None
    if low_kind is not None:
        low_margin = margin(low_kind, low, claim.value) + extent_km
        low_km = max(0.0, low - low_margin)
    if high_kind is not None:
        high_value = claim.value_high if claim.value_high is not None else claim.value
        high_margin = margin(high_kind, high, high_value) + extent_km
        high_km = high + high_margin
    return Interval(low_km, high_km, low_margin, high_margin)


# --- explanation text -------------------------------------------------------------------


def _digits_for(measured_km: float, edges_km: list[float], unit: str) -> int:
    """Digits to show the measured value with: format_length's default (none from 100 up,
    one below), more where it would otherwise print equal to an edge it is outside of."""
    measured = from_km(measured_km, unit)
    digits = 0 if abs(measured) >= 100 else 1
    for edge_km in edges_km:
        edge = from_km(edge_km, unit)
        while digits < 3 and measured != edge and round(measured, digits) == round(edge, digits):
            digits += 1
    return digits


def _number(value_km: float, unit: str, digits: int) -> str:
    return f"{from_km(value_km, unit):,.{digits}f}"


def _edge(value_km: float, unit: str) -> str:
    """An edge or margin: one decimal, without a trailing ".0" ("142.5", "198")."""
    text = f"{from_km(value_km, unit):,.1f}"
    return text[:-2] if text.endswith(".0") else text


def _range_text(interval: Interval, unit: str) -> str:
    if interval.low_km is not None and interval.high_km is not None:
        return f"{_edge(interval.low_km, unit)}–{_edge(interval.high_km, unit)} {unit}"
    if interval.low_km is not None:
        return f"{_edge(interval.low_km, unit)} {unit} or more"
    assert interval.high_km is not None
    return f"{_edge(interval.high_km, unit)} {unit} or less"


def _pct(value: float) -> str:
    return f"{value:g}"


def _margin_text(claim: DistanceClaim, low: float, unit: str) -> str:
    """What the margin is called in the explanation: "the 10 % margin of" or "what ... allows"."""
    if claim.sense == "about":
        if wide_margin_km(low) > WIDE_MIN_KM:
            return f"the {_pct(WIDE_PCT)} % margin of"
        return f"the {_edge(WIDE_MIN_KM, unit)} {unit} margin of"
    if claim.sense == "exact":
        tight = tight_margin_km(low)
        exact = exact_margin_km(low, claim.value, claim.unit)
        if exact > tight:
            return f"the ±{_edge(exact, unit)} {unit} that the rounding of"
        if tight > TIGHT_MIN_KM:
            return f"the {_pct(TIGHT_PCT)} % margin of"
        return f"the {_edge(TIGHT_MIN_KM, unit)} {unit} margin of"
    return "what"


@dataclass(frozen=True, slots=True)
class _Judged:
    basis: str
    measured_km: float
    status: Status


def judge(
    claim: DistanceClaim,
    measures: Measures,
    *,
    extent_km: float = 0.0,
    direction_bearing_deg: float | None = None,
    a_name: str | None = None,
    b_name: str | None = None,
    unit: str = "km",
) -> Verdict:
    """Judge ``claim`` against ``measures`` under the module's tolerance rule.

    ``extent_km`` (in km) is the sum of both places' :attr:`geo.types.Place.extent_km`;
    ``direction_bearing_deg`` (degrees) is the bearing FROM the place the claim's direction is
    relative to TO the other one, checked when the claim states a direction. ``a_name`` and
    ``b_name`` open the explanation ("Najin to Dunay is 182 km ..."); without both it reads
    "The distance is 182 km ...". ``unit`` is the unit lengths are written in there (km, mi
    or nmi); the verdict's numbers stay in km.
    """
    if unit not in KM_PER_UNIT:
        raise BadInput(f"unknown unit {unit!r}; expected one of {', '.join(KM_PER_UNIT)}")
    places_extent_km = extent_km  # the bearing check uses the places' whole size
    extent_km = effective_extent_km(claim, extent_km)
    interval = accepted_interval(claim, extent_km)
    low, _high = _claim_bounds(claim)
    nominal = claim.nominal_km

    bases = [("geodesic", float(measures.geodesic_km))]
    if measures.alt_km is not None:
        bases.append(("alternative", float(measures.alt_km)))
    if measures.sea is not None:
        bases.append(("sea", float(measures.sea.length_km)))
    judged = []
    for basis, distance in bases:
        if not (math.isfinite(distance) and distance >= 0):
            raise BadInput(f"measured {basis} distance must be a non-negative number of km, not {distance!r}")
        judged.append(_Judged(basis, distance, interval.status(distance)))
    # The better status wins; on a tie the straight line does (sorted is stable).
    chosen = sorted(judged, key=lambda j: STATUS_RANK[j.status])[0]
    other = next((j for j in judged if j is not chosen), None)

    measured = chosen.measured_km
    deviation_km = measured - nominal
    deviation_pct = 100.0 * deviation_km / nominal
    edges = [e for e in (interval.low_km, interval.high_km) if e is not None]
    digits = _digits_for(measured, edges, unit)
    notes: list[str] = []
    rule = _RULES[claim.sense]
    if extent_km > 0:
        rule += f", each edge widened by the places' extent ({_edge(extent_km, 'km')} km)"
        notes.append(f"tolerance widened by {_edge(extent_km, unit)} {unit} for the size of the places")
    rule += f"; borderline out to {BORDERLINE_FACTOR:g} × the margin"
    for j in judged:
        label = {"geodesic": "straight line", "sea": "by sea"}.get(j.basis, f"straight line {measures.alt_between}")
        notes.append(f"{label}: {format_length(j.measured_km, unit, 1)}, {j.status}")

    subject = f"{a_name} to {b_name} is" if a_name and b_name else "The distance is"
    how = "in a straight line" if chosen.basis in ("geodesic", "alternative") else "by sea"
    if chosen.basis == "alternative":
        how += f" {measures.alt_between}"
    if chosen.basis == "geodesic" and measures.measured_between:
        how += f" {measures.measured_between}"
        if measures.centre_km is not None:
            notes.append(f"centre to centre: {format_length(measures.centre_km, unit, 1)}")
    margin = _margin_text(claim, low, unit)
    quoted = f"'{claim.words}'"
    allows = " allows" if margin == "what" or margin.endswith("rounding of") else ""
    widened = f", widened by {_edge(extent_km, unit)} {unit} for the places' extent" if extent_km > 0 else ""
    range_text = f"({_range_text(interval, unit)}{widened})"
    measured_text = f"{_number(measured, unit, digits)} {unit}"
    status = chosen.status
    what = f"{margin} {quoted}{allows} {range_text}"
    if status == "supported":
        sentence = f"{subject} {measured_text} {how}, within {what}"
    elif status == "ambiguous":
        sentence = f"{subject} {measured_text} {how}, just outside {what}: borderline"
    else:
        more_less = "more" if deviation_km > 0 else "less"
        sentence = (
            f"{subject} {measured_text} {how}, outside {what}: "
            f"{format_length(abs(deviation_km), unit)} ({abs(deviation_pct):.0f} %) {more_less} than claimed"
        )
    if chosen.basis == "geodesic" and measures.measured_between and measures.centre_km is not None:
        sentence += f"; centre to centre it is {format_length(measures.centre_km, unit)}"
    if other is not None:
        other_how = {"sea": "by sea", "geodesic": "in a straight line" + (
            f" {measures.measured_between}" if measures.measured_between else "")}.get(
            other.basis, f"in a straight line {measures.alt_between}")
        other_text = format_length(other.measured_km, unit)
        if other.status == status:
            sentence += f"; {other_how} it is {other_text}"
        elif other.status == "ambiguous":
            sentence += f"; {other_how} it is {other_text}, borderline"
        else:
            sentence += f"; {other_how} it is {other_text}, which the claim does not match"

    if claim.direction and direction_bearing_deg is not None:
        direction_status, clause, note = _judge_direction(
            claim.direction, float(direction_bearing_deg), places_extent_km, float(measures.geodesic_km)
        )
        notes.append(note)
        sentence += clause
        if STATUS_RANK[direction_status] > STATUS_RANK[status]:
            status = direction_status
    elif claim.direction:
        notes.append(f"direction {claim.direction} stated but not checked (no bearing given)")

    return Verdict(
        status=status,
        basis=chosen.basis,
        measured_km=measured,
        accepted_low_km=interval.low_km,
        accepted_high_km=interval.high_km,
        deviation_km=deviation_km,
        deviation_pct=deviation_pct,
        explanation=sentence + ".",
        rule=rule,
        notes=tuple(notes),
    )


def _judge_direction(
    direction: str, bearing_deg: float, extent_km: float, distance_km: float
) -> tuple[Status, str, str]:
    """Status, explanation clause and note for a stated direction against a bearing."""
    if not math.isfinite(bearing_deg):
        raise BadInput(f"direction_bearing_deg must be a finite number of degrees, not {bearing_deg!r}")
    stated = parse_direction(direction)
    # How far off the places' size lets the bearing swing, seen from the distance measured.
    size_deg = math.degrees(math.atan2(extent_km, distance_km)) if extent_km > 0 else 0.0
    tolerance = direction_tolerance_deg(stated) + size_deg
    off = angle_between_deg(direction_centre_deg(stated), bearing_deg)
    points = 16 if len(stated) == 3 else 8
    actual = f"{round(bearing_deg) % 360}° ({compass_point(bearing_deg, points)})"
    if off <= tolerance:
        status: Status = "supported"
        clause = f", and the bearing, {actual}, fits the stated {stated}"
    elif off <= BORDERLINE_FACTOR * tolerance:
        status = "ambiguous"
        clause = f", but the bearing, {actual}, is only borderline for the stated {stated}"
    else:
        status = "refuted"
        clause = f", but the bearing is {actual}, not {stated}"
    note = (
        f"direction: stated {stated}, bearing {bearing_deg:.1f}°, {off:.1f}° off its centre "
        f"(tolerance {tolerance:.2f}°): {status}"
    )
    return status, clause, note


#: How much longer than the straight line a road, rail or river route plausibly is: a claim this
#: far above the straight line may be the route's length.
ROAD_FACTOR_MAX = 1.75


def with_travel_caveat(verdict: Verdict, claim: DistanceClaim, mode: str) -> Verdict:
    """``verdict`` for a claim whose words say it is a ``mode`` distance ("road", "rail",
    "river"): the straight line is all that was measured, so the verdict says so, and a claim
    longer than the straight line by no more than :data:`ROAD_FACTOR_MAX` (which only the route
    could make hold) becomes ``ambiguous`` instead of refuted or borderline. A claim shorter
    than the straight line stays as judged: no route is shorter than the straight line."""
    note = (f"the words say a {mode} distance: judged against the straight line only, which a {mode} "
            "route is longer than")
    notes = (note, *verdict.notes)
    low = claim.low_km if claim.low_km is not None else claim.high_km
    straight = verdict.measured_km
    if verdict.status != "supported" and low is not None and straight > 0 \
            and straight < low <= ROAD_FACTOR_MAX * straight:
        explanation = (verdict.explanation.rstrip(".") + f"; the claim may be the {mode} distance, "
                       f"which the straight line cannot check: ambiguous.")
        return replace(verdict, status="ambiguous", explanation=explanation, notes=notes)
    return replace(verdict, notes=notes)


def as_sea_voyage(verdict: Verdict, claim: DistanceClaim, measures: Measures, extent_km: float = 0.0) -> Verdict:
    """``verdict`` for a claim whose words say it is the length of a voyage ("a 10,500
    nautical-mile voyage via Suez"): a ship sails the sea route, so the route alone decides,
    not the straight line. With no sea route measured (``--no-sea``, or no route by water) a
    claim longer than the straight line (which only the route could make hold) is
    ``ambiguous``; a claim shorter than the straight line stays as judged, since no voyage is
    shorter than it. ``extent_km``: the places' extent, as for :func:`judge`."""
    straight = verdict.measured_km if verdict.basis != "sea" else measures.geodesic_km
    if measures.sea is not None:
        route_km = float(measures.sea.length_km)
        interval = accepted_interval(claim, extent_km)
        status = interval.status(route_km)
        explanation = (f"The words say a sea voyage: judged against the sea route, {route_km:,.0f} km "
                       f"(accepted {interval.low_km or 0:,.0f}–{interval.high_km or 0:,.0f} km): {status}; "
                       f"the straight line is {straight:,.0f} km.")
        return replace(verdict, status=status, basis="sea", measured_km=route_km,
                       accepted_low_km=interval.low_km, accepted_high_km=interval.high_km,
                       deviation_km=route_km - claim.nominal_km,
                       deviation_pct=100.0 * (route_km - claim.nominal_km) / claim.nominal_km,
                       explanation=explanation, notes=("sea voyage: judged against the sea route only",
                                                       *verdict.notes))
    note = "the words say a sea voyage, whose length is the sea route, which was not measured"
    low = claim.low_km if claim.low_km is not None else claim.high_km
    if verdict.status != "supported" and low is not None and straight > 0 and low > straight:
        explanation = (verdict.explanation.rstrip(".") + "; the claim is a voyage's length, which only the sea "
                       "route can check: ambiguous.")
        return replace(verdict, status="ambiguous", explanation=explanation, notes=(note, *verdict.notes))
    return replace(verdict, notes=(note, *verdict.notes))
