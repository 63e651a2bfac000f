"""Sea routes: real ends, never over land, passages, antimeridian, bad input.

Every route is checked against the shipped full-resolution coastline: points every 50 m
along each segment (straight in lon/lat, as drawn) must all be water, except on the reported
access legs that join a place on land to the water.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from geo.coastline import is_land
from geo.errors import BadCoordinates, BadInput, NoSeaRoute
from geo.geodesy import distance_km
from geo.searoute import PASSAGES, passage_names, route_feature, sea_route
from geo.types import Place

NAJIN = Place("Najin", 42.2333, 130.3, "KP", kind="port", source="unlocode:KPNJN", locode="KPNJN")
RAJIN = Place("Rajin", 42.2458, 130.2987, "KP", source="geonames:2042645")
DUNAY = Place("Dunay", 42.88, 132.35, "RU", source="geonames:2024800")


def land_hits(route, step_km: float = 0.05) -> list[tuple[int, float, float]]:
    """(segment, lon, lat) of sample points on land, access legs excluded."""
    xy = np.asarray(route.coords, dtype=float)
    hits = []
    last = len(xy) - 2
    for i in range(len(xy) - 1):
        if (i == 0 and route.access_legs_km[0] > 0) or (i == last and route.access_legs_km[1] > 0):
            continue
        (x0, y0), (x1, y1) = xy[i], xy[i + 1]
        d = math.hypot((x1 - x0) * 111.32 * math.cos(math.radians((y0 + y1) / 2)), (y1 - y0) * 111.32)
        t = np.linspace(0.0, 1.0, max(2, int(d / step_km) + 2))
        lon, lat = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
        on = is_land(lon, lat)
        hits += [(i, float(a), float(b)) for a, b in zip(lon[on], lat[on])]
    return hits


def check_route(route, a: tuple[float, float], b: tuple[float, float]) -> None:
    assert route.coords[0] == pytest.approx(a)
    end = route.coords[-1]
    assert (end[0] - b[0]) % 360.0 == pytest.approx(0.0, abs=1e-9) or (end[0] - b[0]) % 360.0 == pytest.approx(360.0)
    assert end[1] == pytest.approx(b[1])
    lons = np.array([c[0] for c in route.coords])
    assert np.all(np.abs(np.diff(lons)) < 180.0), "longitudes must be unwrapped"
    assert land_hits(route) == []


def test_najin_to_dunay_stays_at_sea_and_leaves_the_bay_by_water():
    route = sea_route(NAJIN, DUNAY)
    check_route(route, NAJIN.lonlat, DUNAY.lonlat)
    geodesic = distance_km(NAJIN, DUNAY)
    # Longer than the straight line (which crosses land), but not absurdly: the reference in
    # bench/ is 195.6 km.
    assert geodesic < route.length_km < 1.05 * 195.6
    assert route.length_km > 0.97 * 195.6
    # Najin's port point is in the water; Dunay's town point is on land, joined by an access leg.
    assert route.access_legs_km[0] == 0.0
    assert 0.0 < route.access_legs_km[1] < 5.0
    # Leaving Najin bay: the first bend is south of the port, inside the bay mouth, by water.
    assert route.coords[1][1] < NAJIN.lat
    assert not is_land(*route.coords[1])


def test_rajin_town_point_gets_an_access_leg():
    route = sea_route(RAJIN, DUNAY)
    check_route(route, RAJIN.lonlat, DUNAY.lonlat)
    assert route.access_legs_km[0] > 0.0
    assert is_land(*RAJIN.lonlat)


@pytest.mark.parametrize(
    "a, b, passage",
    [
        ((28.973222, 41.006786), (31.8, 41.45), "Bosporus"),
        ((-5.43814, 36.141096), (-5.8, 35.80), None),
        ((56.347442, 25.361703), (55.287455, 25.274739), "Hormuz"),
        ((36.466667, 45.360359), (37.781984, 44.741619), "Kerch"),
        ((42.733333, 13.016667), (43.078215, 11.546185), "Bab-el-Mandeb"),
        ((140.74, 40.83), (141.5, 41.6), None),
        ((-122.33333, 47.6), (-123.370196, 48.425153), None),
    ],
)
def test_regional_hops_are_water_only_and_name_their_passages(a, b, passage):
    route = sea_route(a, b)
    check_route(route, a, b)
    if passage:
        assert passage in route.passages
    assert route.length_km >= distance_km(Place("a", a[1], a[0]), Place("b", b[1], b[0])) - 1e-6


def test_ocean_route_across_the_antimeridian():
    vladivostok, san_francisco = (131.88, 43.1), (-122.42, 37.80)
    route = sea_route(vladivostok, san_francisco)
    check_route(route, vladivostok, san_francisco)
    assert route.coords[-1][0] > 180.0  # eastwards across 180, unwrapped
    assert 8000 < route.length_km < 9500
    feature = route_feature(route)
    assert feature["geometry"]["type"] == "MultiLineString"
    for part in feature["geometry"]["coordinates"]:
        assert all(-180.0 <= x <= 180.0 for x, _ in part)
    assert json.dumps(feature) == json.dumps(route_feature(route))  # deterministic


def test_ocean_route_avoiding_suez_goes_another_way():
    rotterdam, shanghai = (4.0, 51.95), (121.8, 31.3)
    via_suez = sea_route(rotterdam, shanghai)
    check_route(via_suez, rotterdam, shanghai)
    assert "Suez" in via_suez.passages and "Malacca" in via_suez.passages
    around = sea_route(rotterdam, shanghai, avoid=["SUEZ"])
    check_route(around, rotterdam, shanghai)
    assert "Suez" not in around.passages
    assert around.length_km > via_suez.length_km + 2000


def test_avoiding_a_strait_on_a_short_hop_detours_or_fails_clearly():
    a, b = (28.973222, 41.006786), (31.8, 41.45)  # Istanbul to Zonguldak, only by the Bosporus
    with pytest.raises(NoSeaRoute, match="Bosporus"):
        sea_route(a, b, avoid=("bosphorus",))


def test_unknown_passage_suggests():
    with pytest.raises(BadInput, match="did you mean 'suez'"):
        sea_route(NAJIN, DUNAY, avoid=["sues"])


def test_passage_gates_end_on_land():
    for passage in PASSAGES.values():
        for lon, lat in (passage.gate[0], passage.gate[-1]):
            assert is_land(lon, lat), f"{passage.name} gate end {lon, lat} is not on land"
    assert "Suez" in passage_names()


def test_inland_point_is_refused_clearly():
    with pytest.raises(NoSeaRoute, match="more than 50 km"):
        sea_route((106.92, 47.92), NAJIN)  # Ulaanbaatar


def test_caspian_to_black_sea_is_refused_clearly():
    with pytest.raises(NoSeaRoute, match="Caspian"):
        sea_route((50.5, 42.0), (34.0, 43.0))


def test_identical_points_give_a_zero_length_route():
    route = sea_route(NAJIN, NAJIN)
    assert route.length_km == 0.0
    assert route.coords[0] == route.coords[-1] == NAJIN.lonlat


@pytest.mark.parametrize("bad", [(float("nan"), 1.0), (10.0, 95.0)])
def test_bad_coordinates(bad):
    with pytest.raises(BadCoordinates):
        sea_route(bad, NAJIN)


def test_route_is_deterministic():
    one = sea_route(NAJIN, DUNAY)
    two = sea_route(NAJIN, DUNAY)
    assert one == two
