"""Sea routes: real ends, never over land, passages, antimeridian, bad input, the route cache.

Every route is checked against the shipped full-resolution coastline: points every 50 m
along each segment (straight in lon/lat, as drawn) must all be water, except on the reported
access legs that join a place on land to the water.

The route cache (:mod:`geo.sea.cache`) is turned off for this module, so that every test
exercises the router itself; the cache's own tests point it at a file of their own.

The broad sweep at the end (62 real pairs, towns resolved as the CLI does and UN/LOCODE port
points, every ocean and enclosed sea, 50 to 3,000 km) takes about 10 s on a 2-core machine.
Pairs in the Stockholm archipelago are left out of it (they are routed in a corridor, about a
second each: `bench/bench_archipelago.py`; one of them is tested on its own).
"""

from __future__ import annotations

import functools
import json
import math
import sqlite3
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely

from geo.errors import BadCoordinates, BadInput, NoSeaRoute
from geo.geodesy import distance_km
from geo.sea import cache as routecache
from geo.sea import engine as seaengine
from geo.sea.closed_seas import closed_water
from geo.sea.coastline import is_land
from geo.sea.passages import PASSAGES, SHALLOWS, crosses_shallows, passage_names
from geo.sea.route import route_feature, sea_route
from geo.types import Place

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))
from hops import HOPS  # noqa: E402

REFERENCE = json.loads((BENCH / "reference_routes.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _router_not_cache(monkeypatch):
    monkeypatch.setenv(routecache.ENV_VAR, "off")

NAJIN = Place("Najin", 42.2333, 130.3, "KP", kind="port", source="unlocode:KPNJN", locode="KPNJN")
RAJIN = Place("Rajin", 42.2458, 130.2987, "KP", source="geonames:2042645")
DUNAY = Place("Dunay", 42.88, 132.35, "RU", source="geonames:2024800")


@functools.lru_cache(maxsize=1)
def _channel_lines():
    from geo.sea.channels import channels

    return shapely.union_all([shapely.LineString(c.coords) for c in channels()])


def land_hits(route, step_km: float = 0.05) -> list[tuple[int, float, float]]:
    """(segment, lon, lat) of sample points on land, access legs and river channels (which
    GSHHG does not draw: ``geo.sea.channels``) excluded."""
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
        if on.any():
            on[on] = shapely.distance(shapely.points(lon[on], lat[on]), _channel_lines()) > 0.001
        hits += [(i, float(a), float(b)) for a, b in zip(lon[on], lat[on], strict=True)]
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


@pytest.mark.parametrize(
    "a, b",
    [
        ((-71.35, 41.455), (-64.65, 32.36)),  # Newport RI to Bermuda: open Atlantic all the way
        ((18.43, -33.90), (-43.17, -22.98)),  # Table Bay to Rio: across the South Atlantic
        ((-118.29, 33.70), (-157.80, 21.25)),  # Point Fermin to Diamond Head
    ],
    ids=["newport-bermuda", "cape-town-rio", "los-angeles-honolulu"],
)
def test_an_open_sea_voyage_is_pulled_taut_to_the_geodesic(a, b):
    # The sea lanes bend at waypoints no open-sea voyage needs (Newport-Bermuda came out 5.8 %
    # longer than the geodesic, which meets no land); the route is pulled taut across open water.
    route = sea_route(a, b)
    check_route(route, a, b)
    straight_km = distance_km(Place("a", a[1], a[0]), Place("b", b[1], b[0]))
    assert straight_km <= route.length_km <= 1.002 * straight_km, (route.length_km, straight_km)


def test_an_ocean_route_enters_a_bay_the_way_in_not_by_the_nearest_lane_node():
    # The China Sea Race, Hong Kong to Subic Bay, whose course is the straight line: the lanes
    # reach Subic by a node 50 km south-west of the bay and came out 7.5 % long after the
    # straightening; the end's own mesh finds the way in round the Zambales coast.
    hong_kong, subic = (114.18, 22.292), (120.26, 14.82)
    route = sea_route(hong_kong, subic)
    check_route(route, hong_kong, subic)
    straight_km = distance_km(Place("a", hong_kong[1], hong_kong[0]), Place("b", subic[1], subic[0]))
    assert route.length_km < 1.04 * straight_km, (route.length_km, straight_km)


def test_ocean_route_avoiding_suez_goes_another_way():
    rotterdam, shanghai = (4.0, 51.95), (121.8, 31.3)
    via_suez = sea_route(rotterdam, shanghai)
    check_route(via_suez, rotterdam, shanghai)
    assert "Suez" in via_suez.passages and "Malacca" in via_suez.passages
    around = sea_route(rotterdam, shanghai, avoid=["SUEZ"])
    check_route(around, rotterdam, shanghai)
    assert "Suez" not in around.passages
    assert around.length_km > via_suez.length_km + 2000


def test_avoiding_suez_goes_round_the_cape_not_through_panama_and_says_why():
    # Panama is 2.5 % shorter than the Cape for Rotterdam-Shanghai; the Red Sea diversion is
    # round the Cape, and the method names the other way with its length.
    rotterdam, shanghai = (4.0, 51.95), (121.8, 31.3)
    route = sea_route(rotterdam, shanghai, avoid=["suez"])
    check_route(route, rotterdam, shanghai)
    assert "Cape of Good Hope" in route.passages and "Panama" not in route.passages and "Suez" not in route.passages
    assert "rather than through the Panama Canal" in route.method
    # A canal that saves much is still taken, and the method says by how much.
    houston = (-95.0, 29.68)
    via_panama = sea_route(houston, shanghai, avoid=["suez"])
    assert "Panama" in via_panama.passages and "% shorter than round the Cape of Good Hope" in via_panama.method


#: The lanes' path of Jeddah-Constanța round the Cape, west of the Peloponnese, as the lane
#: search and its repairs leave it: into the Gulf of Patras up to the Rio strait (the lane runs
#: on through the Corinth Canal, which the coastline closes) and back out.
_PATRAS_SPUR = [
    (20.3192, 37.9715), (20.6805, 37.9771), (20.9804, 38.0763), (21.1585, 38.1312), (21.3533, 38.2198),
    (21.8456, 38.3416), (21.956, 38.3289), (21.956, 38.3289), (21.8456, 38.3416), (21.3745, 38.2208),
    (21.3678, 38.2182), (21.1243, 37.9378), (21.1111, 37.9006), (21.1077, 37.8853), (21.1044, 37.869),
    (21.1035, 37.8537), (21.1035, 37.8506), (21.6923, 36.7349), (21.6937, 36.7336),
]


def test_pulling_a_lane_path_taut_drops_a_dead_end_spur():
    from geo.sea.coastline import segments_touch_land

    assert not segments_touch_land(_PATRAS_SPUR).any()  # a real water path, spur and all
    taut = seaengine._straighten(_PATRAS_SPUR, ())
    assert taut[0] == _PATRAS_SPUR[0] and taut[-1] == _PATRAS_SPUR[-1]
    assert not segments_touch_land(taut).any()
    assert not [c for c in taut if c[0] > 21.2 and c[1] > 38.0], taut  # never up the gulf
    before, after = seaengine._geodesic_km(_PATRAS_SPUR), seaengine._geodesic_km(taut)
    assert after < before - 150.0, (before, after)


def test_routes_name_the_capes_they_round():
    cape_town, durban = (18.43, -33.90), (31.05, -29.87)
    assert "Cape of Good Hope" in sea_route(cape_town, durban).passages
    assert "Cape of Good Hope" not in sea_route((18.43, -33.90), (14.5, -22.95)).passages  # Walvis Bay: north


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


def test_shallows_lines_end_on_land():
    # A gap between a line's end and the shore would let routes slip round it; only a shoal
    # that ends in open water (and says so) ends its line there.
    for shallows in SHALLOWS:
        lon, lat = shallows.line[0]
        assert is_land(lon, lat), f"{shallows.name} line start {lon, lat} is not on land"
        lon, lat = shallows.line[-1]
        assert bool(is_land(lon, lat)) != shallows.ends_at_sea, f"{shallows.name} line end {lon, lat}"


def test_route_keeps_out_of_shallows_ships_do_not_sail():
    # Brisbane to Gladstone: the shortest water runs down the Great Sandy Strait, behind
    # K'gari (Fraser Island), over flats that dry at low tide; a keel boat goes round the
    # island's east coast and Sandy Cape.
    route = sea_route((153.09, -27.32), (151.26, -23.83))
    xy = np.asarray(route.coords)
    off_sandy_cape = xy[(xy[:, 1] > -25.2) & (xy[:, 1] < -24.6)]
    assert len(off_sandy_cape) and off_sandy_cape[:, 0].max() > 153.2, route.coords
    # ... and rounds Breaksea Spit, which runs 30 km north from Sandy Cape (24.7 S), before
    # it turns west for Gladstone.
    east_of_the_cape = shapely.clip_by_rect(shapely.LineString(route.coords), 153.0, -25.0, 153.5, -24.0)
    assert shapely.bounds(east_of_the_cape)[3] >= -24.44, route.coords
    assert not crosses_shallows(route.coords)
    assert not land_hits(route)


def test_a_ship_leaves_port_phillip_by_the_south_channel():
    # Melbourne to Devonport: GSHHG draws Port Phillip's southern shoals as open water, and
    # the shortest water ran past Swan Island over the West Sand. The route sails down the
    # bay to the South Channel's east end off Rosebud and west along it to the Heads.
    route = sea_route((144.93, -37.845), (146.37, -41.175), cache=False)
    assert not crosses_shallows(route.coords)
    assert not land_hits(route)
    xy = np.asarray(route.coords)
    in_the_south_of_the_bay = xy[(xy[:, 1] > -38.33) & (xy[:, 1] < -38.15) & (xy[:, 0] < 145.0)]
    assert in_the_south_of_the_bay[:, 0].min() > 144.64, route.coords  # never west of the Rip
    assert in_the_south_of_the_bay[:, 0].max() > 144.88, route.coords  # turns at the channel's east end
    # Past the Mud Islands (38.28 S at their southern tip) it keeps to the channel south of them.
    past_the_mud_islands = shapely.clip_by_rect(shapely.LineString(route.coords), 144.70, -38.45, 144.85, -38.15)
    assert shapely.bounds(past_the_mud_islands)[3] < -38.28, route.coords
    # Queenscliff keeps its short way across to Sorrento, inside the Heads.
    ferry = sea_route((144.662, -38.266), (144.741, -38.338), cache=False)
    assert ferry.length_km < 18.0, ferry.coords
    assert not crosses_shallows(ferry.coords)


def test_a_ship_leaves_wellington_harbour_east_of_barrett_reef():
    # Wellington (Interislander terminal) to Picton: GSHHG draws neither Steeple Rock nor
    # Barrett Reef, and the shortest water cut through Chaffers Passage, between the reef and
    # Point Dorset; ships keep to the channel east of the rocks and round the reef's south end.
    route = sea_route((174.785, -41.265), (174.005, -41.285), cache=False)
    assert not crosses_shallows(route.coords)
    xy = np.asarray(route.coords)
    reef_lon, reef_lat = 174.835, -41.3525
    k = int(np.flatnonzero(xy[:, 1] < reef_lat)[0])  # the first point south of the reef's middle
    (x0, y0), (x1, y1) = xy[k - 1], xy[k]
    lon_abreast_of_reef = x0 + (x1 - x0) * (reef_lat - y0) / (y1 - y0)
    assert lon_abreast_of_reef > reef_lon, route.coords
    assert not land_hits(route)


def test_petersburg_is_reached_by_the_wrangell_narrows_not_dry_strait():
    # GSHHG draws Dry Strait, over the Stikine flats that dry at low tide, as open water east
    # of Mitkof Island, and the Wrangell Narrows' north end at Petersburg narrower than the
    # grown shore, so Wrangell to Petersburg ran over the flats. Ships take the narrows.
    petersburg, wrangell = (-132.955, 56.8125), (-132.38, 56.47)
    route = sea_route(wrangell, petersburg, cache=False)
    assert not crosses_shallows(route.coords)
    assert not land_hits(route)
    xy = np.asarray(route.coords)
    beside_mitkof = xy[(xy[:, 1] > 56.55) & (xy[:, 1] < 56.78)]
    assert len(beside_mitkof) and beside_mitkof[:, 0].max() < -132.85, route.coords  # west of the island
    # About 20 miles from Wrangell to the narrows' south entrance and 21 up them (a cruising
    # guide, https://issuhub.com/view/index?id=10003&pageIndex=142): 66 km in statute miles.
    assert 65.0 < route.length_km < 85.0, route.length_km
    assert route.passages == ("Wrangell Narrows",)
    # Kept out of the narrows, a voyage goes round Kupreanof Island by Chatham Strait, still
    # not over the flats.
    around = sea_route(wrangell, petersburg, avoid=["wrangell narrows"], cache=False)
    assert around.length_km > 250.0 and not crosses_shallows(around.coords)
    # Out of the narrows' north end into Frederick Sound: Petersburg to LeConte Bay is 40 km,
    # not back down the narrows and round Kupreanof Island.
    assert sea_route(petersburg, (-132.40, 56.82), cache=False).length_km < 50.0


def test_open_sea_straightening_keeps_north_of_the_southern_ocean():
    # Sydney to Cape Town: the plain great circle south of Australia dips past 53° S, into
    # the ice and storms that ships keep out of; MARNET's lanes run along 50° S at most, and
    # the route pulled taut across open water goes no further south than they do.
    route = sea_route((151.265, -33.845), (18.43, -33.90))
    assert min(lat for _, lat in route.coords) >= -50.0 - 1e-6
    assert not land_hits(route)
    # From Hobart (43° S) the limit holds too: a Southern Ocean end is no licence to sail to 62° S.
    route = sea_route((147.34, -42.88), (18.43, -33.90))
    assert min(lat for _, lat in route.coords) >= -50.0 - 1e-6


def test_lanes_south_of_the_southern_ocean_limit_are_taken_only_when_needed():
    # Sydney to Rotterdam round the Cape: MARNET's Indian Ocean grid has lanes along 40, 45
    # and 50 degrees S; by length alone the search took the 50 degree lane (22,703 km, 3.5 %
    # short of Drewry's table), while ships and the tables keep north of the ice limit.
    route = sea_route((151.265, -33.845), (4.05, 51.98), avoid=["suez", "panama"])
    assert min(lat for _, lat in route.coords) >= -40.0 - 1e-6
    assert "Cape of Good Hope" in route.passages
    # A voyage that has no way north of the limit still takes the lanes it needs.
    route = sea_route((-74.03, 40.67), (-122.42, 37.81), avoid=["panama"])
    assert "Magellan" in route.passages and min(lat for _, lat in route.coords) < -52.0
    assert route.length_km < 25_000.0
    # Nor is a voyage that goes south of the limit anyway held at it for the rest of the way:
    # from Buenos Aires by the Strait of Magellan to Auckland, the Pacific crossing is not
    # sailed along 40 degrees S (it was, 12,410 km instead of 11,507).
    route = sea_route((-58.37, -34.6), (174.78, -36.84))
    assert "Magellan" in route.passages
    pacific = [lat for lon, lat in route.coords if -165.0 < lon < -125.0 or 195.0 < lon < 235.0]
    assert pacific and min(pacific) < -45.0
    assert route.length_km < 11_800.0


def test_archipelago_is_routed_in_a_corridor():
    # Stockholm to Mariehamn: the box holds 20,000 islets; the route is meshed in a band round
    # a coarse way instead (seconds less), and still keeps off the full-resolution shore.
    a, b = (18.07, 59.33), (19.93, 60.10)
    route = sea_route(a, b)
    assert "archipelago" in route.method
    assert not land_hits(route)
    assert max(route.access_legs_km) < 2.0, route.access_legs_km  # out of the harbour by water
    assert distance_km(Place("a", a[1], a[0], "SE"), Place("b", b[1], b[0], "AX")) < route.length_km
    assert route.length_km < 1.3 * distance_km(Place("a", a[1], a[0], "SE"), Place("b", b[1], b[0], "AX"))


def test_inland_point_is_refused_clearly():
    with pytest.raises(NoSeaRoute, match="more than 50 km"):
        sea_route((106.92, 47.92), NAJIN)  # Ulaanbaatar


def test_the_great_lakes_route_on_their_own_water_and_channels():
    # GSHHG fills the Great Lakes as land: a route on them runs on Natural Earth's lakes and the
    # channels between them, through the Straits of Mackinac, the St. Clair and Detroit rivers,
    # the St. Marys River at Sault Ste. Marie and the Welland Canal.
    water = closed_water("the Great Lakes")
    chicago, cleveland, duluth, toronto = (-87.62, 41.88), (-81.69, 41.50), (-92.10, 46.78), (-79.38, 43.64)
    mackinac, port_huron, detroit = (-84.73, 45.82), (-82.42, 42.99), (-83.05, 42.33)
    sault, welland = (-84.35, 46.50), (-79.22, 43.0)

    def passes(route, point, km):
        line = shapely.LineString(route.coords)
        return shapely.distance(line, shapely.Point(point)) * 111.32 * math.cos(math.radians(point[1])) < km

    for a, b, by, named in ((chicago, cleveland, (mackinac, port_huron, detroit), ("Mackinac",)),
                            (duluth, chicago, (sault, mackinac), ("Soo Locks", "Mackinac")),
                            (toronto, cleveland, (welland,), ("Welland",))):
        route = sea_route(a, b)
        assert route.passages == named
        assert "within the Great Lakes" in route.method and "Natural Earth 1:10m lakes" in route.method
        assert all(shapely.distance(water, shapely.Point(c)) < 1e-9 for c in route.coords[1:-1])
        assert all(km < 5.0 for km in route.access_legs_km)
        for point in by:
            assert passes(route, point, 3.0), (a, b, point)
        straight = distance_km(Place("a", a[1], a[0]), Place("b", b[1], b[0]))
        assert straight < route.length_km < 3.0 * straight
    # A place on the lakes is no inland place: the same place twice is a zero-length route.
    assert sea_route(chicago, chicago).length_km == 0.0
    # The Welland Canal is the only way between Lake Erie and Lake Ontario.
    with pytest.raises(NoSeaRoute, match="avoiding Welland"):
        sea_route(toronto, cleveland, avoid=["welland canal"])
    with pytest.raises(NoSeaRoute, match="Aral Sea, a lake or closed sea with no way to the ocean by water"):
        sea_route((59.6, 45.0), (34.0, 43.0))


def test_the_big_lakes_route_within_themselves():
    # GSHHG fills every lake as land; the big lakes are routed on Natural Earth's polygons, the
    # maps' own: Lake Victoria's ferries (Mwanza to Bukoba), Lake Tanganyika's (Kigoma to
    # Mpulungu), Vänern from Karlstad to Vänersborg, which stands nearer the Skagerrak's fjords
    # than 50 km but on the lake's own shore.
    for a, b, lake in (((32.90, -2.52), (31.81, -1.33), "Lake Victoria"), ((29.63, -4.88), (31.11, -8.76),
                                                                            "Lake Tanganyika"),
                       ((13.50, 59.38), (12.32, 58.38), "Vänern")):
        route = sea_route(a, b)
        assert f"within {lake}" in route.method and "lake polygon" in route.method, route.method
        water = closed_water(lake)
        assert all(shapely.distance(water, shapely.Point(c)) < 1e-9 for c in route.coords[1:-1])
        straight = distance_km(Place("a", a[1], a[0]), Place("b", b[1], b[0]))
        assert straight <= route.length_km < 1.5 * straight and max(route.access_legs_km) < 5.0
    # Each lake's box, which the quick test uses, holds its whole polygon.
    from geo.sea.closed_seas import LAKES

    for name, box in LAKES.items():
        assert closed_water(name) is not None and shapely.within(closed_water(name), shapely.box(*box)), name
    # St Petersburg, 40 km from Lake Ladoga, is a sea port: to Helsinki by the Gulf of Finland.
    assert "closed sea" not in sea_route((30.26, 59.94), (24.96, 60.16)).method
    # No way out of a lake is modelled, and the error says so rather than "no way to the ocean".
    with pytest.raises(NoSeaRoute, match="lies on Lake Victoria, which is routed within itself only"):
        sea_route((32.90, -2.52), (39.67, -4.05))  # Mwanza to Mombasa


def test_caspian_to_black_sea_is_refused_clearly_without_the_volga_don():
    with pytest.raises(NoSeaRoute, match="Caspian Sea, a closed sea, whose only way"):
        sea_route((50.5, 42.0), (34.0, 43.0), avoid=["volga-don"])


def test_a_closed_sea_routes_within_itself():
    # GSHHG draws the Caspian as land: the route runs within the sea's own water (what the
    # shipped country polygons leave uncovered), each port joined to it by a reported access leg.
    baku, turkmenbashi = (49.892, 40.378), (52.955, 40.022)
    route = sea_route(baku, turkmenbashi)
    assert route.coords[0] == baku and route.coords[-1] == turkmenbashi
    assert "Caspian" in route.method and route.passages == ()
    water = closed_water("the Caspian Sea")
    assert all(shapely.distance(water, shapely.Point(c)) < 1e-9 for c in route.coords[1:-1])
    assert all(0.0 < km < 20.0 for km in route.access_legs_km)
    straight_km = distance_km(Place("a", baku[1], baku[0]), Place("b", turkmenbashi[1], turkmenbashi[0]))
    assert straight_km < route.length_km < 1.3 * straight_km


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


# --------------------------------------------------------------------------------------------
# Accuracy against the independent reference of bench/reference_routes.py
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("label, a, b", [(h[0], h[2], h[3]) for h in HOPS], ids=[h[0] for h in HOPS])
def test_every_benchmark_hop_is_within_3_percent_of_the_fine_grid_reference(label, a, b):
    route = sea_route(a, b)
    check_route(route, a, b)
    reference_km = REFERENCE[label]["length_km"]
    assert abs(route.length_km - reference_km) <= 0.03 * reference_km, (route.length_km, reference_km)


def test_an_end_in_a_sealed_pocket_of_water_leaves_it_by_water_without_growing_the_box():
    # Helsinki's port point is on land beside South Harbour, which the grown obstacles seal:
    # the pocket touches no side of the first box, so growing it cannot help.
    helsinki, tallinn = (24.952559, 60.165982), (24.77829, 59.445418)
    frame = seaengine._Frame.around((helsinki[0] + tallinn[0]) / 2, (helsinki[1] + tallinn[1]) / 2)
    direct = float(np.hypot(*(frame.fwd(np.array(tallinn)) - frame.fwd(np.array(helsinki)))))
    # The first box.
    box = seaengine._box_around(helsinki, tallinn, max(0.5 * direct + 20.0, seaengine.MAX_ACCESS_KM + 10.0))
    mesh = seaengine._mesh(box, ())
    assert mesh.enclosed(mesh.snap(helsinki))
    assert not mesh.enclosed(mesh.snap(tallinn))
    assert mesh.shortest(mesh.snap(helsinki), mesh.snap(tallinn)) is None
    leg = seaengine._regional(helsinki, tallinn, ())
    assert leg is not None and leg.access_a_km > 0
    # Answered in that first box: the exit bound of the first box already proves it shortest.
    assert seaengine._planar_length(frame, leg.coords) <= seaengine._exit_bound_km(frame, box, helsinki, tallinn)
    # And out of the harbour by water, found at full resolution: a short access leg from the
    # quay, then water all the way, within 1 % of the fine-grid reference (it was 2.9 % longer
    # when the end was carried across Katajanokka to the nearest open water instead).
    route = sea_route(helsinki, tallinn)
    check_route(route, helsinki, tallinn)
    assert 0.0 < route.access_legs_km[0] < 0.5
    assert (abs(route.length_km - REFERENCE["Helsinki – Tallinn"]["length_km"])
            < 0.01 * REFERENCE["Helsinki – Tallinn"]["length_km"])


# --------------------------------------------------------------------------------------------
# The search: A* finds what Dijkstra finds
# --------------------------------------------------------------------------------------------


def test_a_star_over_the_portal_graph_matches_dijkstra():
    mesh = seaengine._mesh(seaengine._box_around(NAJIN.lonlat, DUNAY.lonlat, 120.0), ())
    rng = np.random.default_rng(3)
    tried = 0
    for _ in range(40):
        i, j = rng.integers(0, mesh.n_nodes, 2)
        to_goal = np.hypot(*(mesh.node_xy - mesh.node_xy[j]).T).tolist()
        astar, pred, found = seaengine._search(mesh, {int(i): 0.0}, {int(j): 0.0}, to_goal)
        plain, _, _ = seaengine._search(mesh, {int(i): 0.0}, wanted={int(j)})
        if int(j) not in plain:
            assert found < 0  # not joined by water in this box: both say so
            continue
        assert found == int(j)
        assert astar[int(j)] == pytest.approx(plain[int(j)], rel=1e-12)
        chain = seaengine._walk_back(pred, int(j))
        assert chain[0] == int(i) and chain[-1] == int(j)
        tried += 1
    assert tried >= 20


def test_network_arrays_read_back_from_the_cache_equal_a_fresh_derivation():
    cached = seaengine._network_arrays()
    fresh = seaengine._derive_network()
    for x, y in zip(cached, fresh, strict=True):
        assert np.array_equal(x, y)
    assert len(cached[0]) > 9000 and len(cached[1]) > 15000


# --------------------------------------------------------------------------------------------
# The route cache
# --------------------------------------------------------------------------------------------


@pytest.fixture
def route_cache(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "routes.sqlite"
    monkeypatch.setenv(routecache.ENV_VAR, str(path))
    return path


def _rows(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT version, key FROM routes ORDER BY key").fetchall()


def test_a_cached_route_is_the_computed_route(route_cache):
    computed = sea_route(NAJIN, DUNAY, cache=False)
    assert not route_cache.exists()  # cache=False neither reads nor writes
    first = sea_route(NAJIN, DUNAY)
    rows = _rows(route_cache)
    assert len(rows) == 1 and rows[0][0] == routecache.cache_version()
    again = sea_route(NAJIN, DUNAY)
    assert first == computed and again == computed  # float for float, method included
    assert json.dumps(route_feature(again)) == json.dumps(route_feature(computed))
    stored = routecache.lookup(NAJIN.lonlat, DUNAY.lonlat, ())
    assert stored is not None and stored["route"]["length_km"] == computed.length_km


def test_the_cache_keys_on_exact_ends_and_passages_avoided(route_cache):
    sea_route(NAJIN, DUNAY)
    nudged = (NAJIN.lon + 1e-9, NAJIN.lat)
    assert routecache.lookup(nudged, DUNAY.lonlat, ()) is None
    assert routecache.lookup(NAJIN.lonlat, DUNAY.lonlat, ("suez",)) is None
    assert routecache.lookup(DUNAY.lonlat, NAJIN.lonlat, ()) is None
    assert routecache.lookup(NAJIN.lonlat, DUNAY.lonlat, ()) is not None


def test_rows_of_another_version_are_never_served_and_are_dropped(route_cache):
    route = sea_route(NAJIN, DUNAY)
    key = routecache._key(NAJIN.lonlat, DUNAY.lonlat, (), "route")
    with sqlite3.connect(route_cache) as con:
        con.execute("UPDATE routes SET version = 'older-code'")
    assert routecache.lookup(NAJIN.lonlat, DUNAY.lonlat, ()) is None
    assert sea_route(NAJIN, DUNAY) == route  # recomputed, stored under this version
    versions = {v for v, k in _rows(route_cache) if k == key}
    assert routecache.cache_version() in versions


def test_no_route_is_remembered_and_reworded_for_the_places_asked(route_cache):
    istanbul = Place("Istanbul", 41.006786, 28.973222, "TR")
    zonguldak = Place("Zonguldak", 41.45, 31.8, "TR")
    with pytest.raises(NoSeaRoute, match="Istanbul.*Zonguldak.*Bosporus"):
        sea_route(istanbul, zonguldak, avoid=["bosporus"])
    assert routecache.lookup(istanbul.lonlat, zonguldak.lonlat, ("bosporus",)) == {"no_route": "disconnected"}
    renamed = Place("Constantinople", istanbul.lat, istanbul.lon, "TR")
    with pytest.raises(NoSeaRoute, match="Constantinople.*avoiding Bosporus.*try avoiding fewer"):
        sea_route(renamed, zonguldak, avoid=["bosphorus"])


def test_an_unusable_cache_file_never_breaks_a_route(tmp_path, monkeypatch):
    not_a_db = tmp_path / "routes.sqlite"
    not_a_db.write_bytes(b"this is not an SQLite file" * 100)
    monkeypatch.setenv(routecache.ENV_VAR, str(not_a_db))
    route = sea_route(NAJIN, DUNAY)
    check_route(route, NAJIN.lonlat, DUNAY.lonlat)
    monkeypatch.setenv(routecache.ENV_VAR, str(tmp_path / "a-file" / "routes.sqlite"))
    (tmp_path / "a-file").write_text("a file where a directory should be")
    assert sea_route(NAJIN, DUNAY) == route


def test_cache_can_be_turned_off_by_the_environment(monkeypatch):
    for value in ("off", "0", "No", "FALSE"):
        monkeypatch.setenv(routecache.ENV_VAR, value)
        assert routecache.cache_path() is None
    monkeypatch.delenv(routecache.ENV_VAR)
    assert routecache.cache_path().name.startswith("routes-s")


def test_route_cache_lives_in_the_coastline_cache_directory(monkeypatch, tmp_path):
    from geo.fileio import cache_dir

    monkeypatch.delenv(routecache.ENV_VAR)
    for env in (
        {"SHIPROUTE_CACHE_DIR": str(tmp_path / "a")},
        {"SHIPROUTE_CACHE_DIR": "", "XDG_CACHE_HOME": str(tmp_path / "b")},
    ):
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        assert routecache.cache_path().parent == cache_dir()


# --------------------------------------------------------------------------------------------
# Ends whose nearest water is a sealed pocket (regression: "waters that do not connect")
# --------------------------------------------------------------------------------------------

# City centres as the gazetteer gives them (GeoNames), each a few hundred metres to a few km
# from the sea, beside a creek or dock that the grown routing obstacles seal.
JEDDAH = (39.18624, 21.49012)
PORT_SUDAN = (37.21644, 19.61745)
HONG_KONG = (114.17469, 22.27832)
KAOHSIUNG = (120.31333, 22.61626)
COLON = (-79.90019, 9.36025)


def test_both_ends_beside_sealed_pockets_are_joined_to_open_water():
    # Both ends' nearest water is a pocket the grown shore seals; the old rule joined each
    # end to the other end's water (a pocket too, 290 km off), found nothing, and said the
    # waters did not connect.
    frame = seaengine._Frame.around((JEDDAH[0] + PORT_SUDAN[0]) / 2, (JEDDAH[1] + PORT_SUDAN[1]) / 2)
    direct = float(np.hypot(*(frame.fwd(np.array(PORT_SUDAN)) - frame.fwd(np.array(JEDDAH)))))
    box = seaengine._box_around(JEDDAH, PORT_SUDAN, 0.5 * direct + 20.0)
    mesh = seaengine._mesh(box, ())
    ends = [mesh.snap(JEDDAH), mesh.snap(PORT_SUDAN)]
    for end in ends:
        assert mesh.enclosed(end) and not mesh.open_parts[mesh.part_index(end)]
    assert mesh.shortest(*ends) is None
    route = sea_route(JEDDAH, PORT_SUDAN)
    check_route(route, JEDDAH, PORT_SUDAN)
    assert route.method.startswith("regional")
    geodesic = distance_km(Place("a", JEDDAH[1], JEDDAH[0]), Place("b", PORT_SUDAN[1], PORT_SUDAN[0]))
    assert geodesic <= route.length_km <= 1.05 * geodesic
    assert max(route.access_legs_km) < 2.0


def test_an_ocean_route_end_beside_a_sealed_pocket_reaches_the_sea_lanes():
    # Kaohsiung's nearest water is a sealed pocket: the ocean router measured its way to the
    # lanes from inside it, reached no lane node, and lost the whole route.
    net = seaengine._network()
    found = seaengine._end_costs(KAOHSIUNG, net, ())
    assert found is not None
    mesh, start, ids, pts, costs = found
    assert not mesh.open_parts[mesh.part_index(mesh.snap(KAOHSIUNG))]  # the pocket
    assert mesh.open_parts[mesh.part_index(start)]  # where it joins the water instead
    assert np.all(np.isfinite(costs)) and len(ids) >= 1
    route = sea_route(HONG_KONG, KAOHSIUNG)
    check_route(route, HONG_KONG, KAOHSIUNG)
    assert route.method.startswith("ocean")


def test_lane_nodes_up_a_canal_are_not_taken_as_junctions():
    # The MARNET nodes nearest Colón run up the Panama Canal, which the grown shore closes:
    # they lead nowhere, and were the only ones tried.
    net = seaengine._network()
    found = seaengine._end_costs(COLON, net, ())
    assert found is not None
    mesh, _, ids, pts, _ = found
    nearest, _ = net.nearest(COLON, 1, 400.0)
    assert not set(nearest[:3].tolist()) & set(ids.tolist())
    assert all(mesh.open_parts[mesh.part_index((float(x), float(y)))] for x, y in pts)
    cartagena = (-75.49328, 10.39817)
    leg = seaengine._ocean(cartagena, COLON, ())
    assert leg is not None


def test_a_lagoon_is_left_by_water_and_a_port_on_the_sea_is_not_carried_into_it():
    # A point in the Bardawil lagoon (Sinai), sealed by the grown shore and 0.5° across, to
    # Port Said's town point: the way out is found at full resolution (pockets up to 1° are
    # searched); Port Said was once joined by a 42 km straight "access leg" into the lagoon.
    bardawil, port_said = (33.2, 31.15), (32.3019, 31.26531)
    assert not is_land(*bardawil)
    route = sea_route(bardawil, port_said)
    check_route(route, bardawil, port_said)
    assert route.access_legs_km[0] == 0.0 and route.access_legs_km[1] < 2.0
    assert route.length_km < 1.2 * distance_km(
        Place("a", bardawil[1], bardawil[0]), Place("b", port_said[1], port_said[0])
    )


def test_no_route_says_which_end_is_shut_in_or_that_the_waters_do_not_connect():
    from geo.sea.route import _disconnected_error

    helsinki_port = (24.952559, 60.165982)  # beside a sealed harbour pocket, with a way out
    assert not seaengine._cut_off(helsinki_port, ())
    assert not seaengine._cut_off((20.0, 58.0), ())  # the open Baltic
    a, b = Place("Somewhere", 31.15, 33.2, "EG"), Place("Port Said", 31.26531, 32.3019, "EG")
    shut = str(_disconnected_error(a, a.lonlat, b, b.lonlat, (), (0,)))
    assert "Somewhere, EG (31.1500, 33.2000) lies in water" in shut and "shuts in" in shut
    assert "Port Said, EG (31.2653, 32.3019) lies" not in shut
    assert "do not connect" not in shut
    both = str(_disconnected_error(a, a.lonlat, b, b.lonlat, ("bosporus",), ()))
    assert "do not connect" in both and "both ends reach open water" in both and "try avoiding fewer" in both
    with pytest.raises(NoSeaRoute, match="both ends reach open water"):
        sea_route((28.973222, 41.006786), (31.8, 41.45), avoid=("bosporus",))


@pytest.mark.parametrize(
    "busan, fukuoka",
    [
        ((129.035797, 35.098203), (130.40, 33.61)),  # the port points of bench/hops.py
        ((129.03004, 35.10168), (130.41667, 33.6)),  # the GeoNames town points the CLI resolves
    ],
)
def test_a_place_on_an_avoided_strait_cannot_avoid_it_and_the_error_says_so(busan, fukuoka):
    # The Korea Strait's gate ends on land 1-2 km from Fukuoka: whichever side of it Fukuoka
    # falls on is an accident of where the gate was drawn (the town point used to slip round
    # the gate's end by an access leg; the port point got "waters that do not connect").
    with pytest.raises(NoSeaRoute, match=r"lies on the Korea Strait itself \(1\.\d km from an end of the line"):
        sea_route(busan, fukuoka, avoid=["Korea Strait"])
    with pytest.raises(NoSeaRoute, match="drop 'Korea Strait' from the passages to avoid"):
        sea_route(fukuoka, busan, avoid=["tsushima"])
    assert "Korea Strait" in sea_route(busan, fukuoka).passages


def test_a_place_near_but_not_at_an_avoided_strait_still_routes():
    # Busan stands 6 km from the gate's end, on its south-west side: to Shanghai it never
    # needs the strait, avoided or not.
    busan, shanghai = (129.03004, 35.10168), (121.47, 31.23)
    route = sea_route(busan, shanghai, avoid=["Korea Strait"])
    check_route(route, busan, shanghai)
    assert "Korea Strait" not in route.passages


def test_a_fixed_router_never_serves_an_old_no_route_answer(route_cache):
    # The version of every stored answer hashes the router's own source: the wrong "no route"
    # the old code stored for Hong Kong - Kaohsiung is never served again.
    # The file as the old router left it (written before this process opened it).
    with sqlite3.connect(route_cache) as con:
        con.execute(
            "CREATE TABLE routes (version TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, "
            "PRIMARY KEY (version, key))"
        )
        con.execute(
            "INSERT INTO routes VALUES (?, ?, ?)",
            ("router-before-the-fix", routecache._key(HONG_KONG, KAOHSIUNG, (), "route"),
             '{"no_route":"disconnected"}'),
        )
    route = sea_route(HONG_KONG, KAOHSIUNG)
    check_route(route, HONG_KONG, KAOHSIUNG)
    assert routecache.lookup(HONG_KONG, KAOHSIUNG, ())["route"]["length_km"] == route.length_km
    assert {v for v, _ in _rows(route_cache)} == {routecache.cache_version()}  # the old row is gone


def test_the_cache_version_hashes_every_router_source_byte_for_byte(tmp_path):
    here = Path(routecache.__file__).resolve().parent.parent  # the geo package
    for name in routecache._SOURCES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((here / name).read_bytes())
    from geo.fileio import installed_version as dist_version

    versions = {d: dist_version(d) for d in routecache._DISTRIBUTIONS}
    assert routecache._version_digest(versions, tmp_path) == routecache.cache_version()
    for name in routecache._SOURCES:
        original = (tmp_path / name).read_bytes()
        (tmp_path / name).write_bytes(original + b"\n# an edit\n")
        assert routecache._version_digest(versions, tmp_path) != routecache.cache_version(), name
        (tmp_path / name).write_bytes(original)
    assert routecache._version_digest({**versions, "shapely": "0"}, tmp_path) != routecache.cache_version()
    import geo.geodesy
    import geo.sea.engine

    sources = {Path(geo.sea.engine.__file__).resolve(), Path(geo.geodesy.__file__).resolve()}
    assert {p.relative_to(here).as_posix() for p in sources} <= set(routecache._SOURCES)


# --------------------------------------------------------------------------------------------
# A broad sweep: real pairs in every ocean and enclosed sea, 50 to 3,000 km apart
# --------------------------------------------------------------------------------------------

#: A route may be at most this many times the geodesic: generous for a strait or a gulf to
#: round (Suez to Aqaba round Sinai is 2.1), far below what a route that wanders off (or a
#: wrong end) gives.
SWEEP_MAX_RATIO = 2.5

#: (sea, a, b, countries a and b resolve to): town names resolved as the CLI resolves them
#: (geo.pair.resolve_pair, i.e. geo.places.resolve with the endpoint context), which gives
#: city centres, most of them on land and many beside a creek or dock the grown shore seals.
SWEEP_TOWNS: list[tuple[str, str, str, str, str]] = [
    ("Red Sea", "Jeddah", "Port Sudan", "SA", "SD"),
    ("Red Sea", "Massawa", "Jeddah", "ER", "SA"),
    ("Red Sea", "Suez", "Aqaba", "EG", "JO"),
    ("Persian Gulf", "Manama", "Dammam", "BH", "SA"),
    ("Persian Gulf", "Doha", "Abu Dhabi", "QA", "AE"),
    ("Persian Gulf", "Kuwait City", "Bandar Abbas", "KW", "IR"),
    ("Baltic", "Gdansk", "Klaipeda", "PL", "LT"),
    ("Baltic", "Szczecin", "Gdansk", "PL", "PL"),
    ("Baltic", "Kiel", "Gdansk", "DE", "PL"),
    ("Gulf of Finland", "Helsinki", "Tallinn", "FI", "EE"),
    ("Black Sea", "Odesa", "Varna", "UA", "BG"),
    ("Black Sea", "Kerch", "Novorossiysk", "UA", "RU"),
    ("Black Sea", "Constanta", "Batumi", "RO", "GE"),
    ("Mediterranean", "Algeciras", "Tangier", "ES", "MA"),
    ("Mediterranean", "Marseille", "Genoa", "FR", "IT"),
    ("Mediterranean", "Alexandria", "Haifa", "EG", "IL"),
    ("Mediterranean", "Marseille", "Alexandria", "FR", "EG"),
    ("Adriatic", "Venice", "Trieste", "IT", "IT"),
    ("Adriatic", "Bari", "Dubrovnik", "IT", "HR"),
    ("Adriatic", "Split", "Ancona", "HR", "IT"),
    ("North Sea", "Rotterdam", "Harwich", "NL", "GB"),
    ("North Sea", "Aberdeen", "Bergen", "GB", "NO"),
    ("English Channel", "Dover", "Dunkirk", "GB", "FR"),
    ("Sea of Japan", "Vladivostok", "Niigata", "RU", "JP"),
    ("Sea of Japan", "Busan", "Vladivostok", "KR", "RU"),
    ("South China Sea", "Hong Kong", "Macau", "HK", "MO"),
    ("South China Sea", "Hong Kong", "Kaohsiung", "HK", "TW"),
    ("South China Sea", "Ho Chi Minh City", "Singapore", "VN", "SG"),
    ("South China Sea", "Singapore", "Hong Kong", "SG", "HK"),
    ("Gulf of Mexico", "Tampico", "Veracruz", "MX", "MX"),
    ("Gulf of Mexico", "Houston", "New Orleans", "US", "US"),
    ("Gulf of Mexico", "Tampa", "Havana", "US", "CU"),
    ("Caribbean", "Cartagena", "Colon", "CO", "PA"),
    ("Caribbean", "Kingston", "Santo Domingo", "JM", "DO"),
    ("Arabian Sea", "Mumbai", "Karachi", "IN", "PK"),
    ("Arabian Sea", "Muscat", "Karachi", "OM", "PK"),
    ("Arabian Sea", "Dubai", "Mumbai", "AE", "IN"),
    ("Bay of Bengal", "Chennai", "Visakhapatnam", "IN", "IN"),
    ("Bay of Bengal", "Chennai", "Colombo", "IN", "LK"),
    ("Atlantic", "Lisbon", "Casablanca", "PT", "MA"),
    ("Atlantic", "Lagos", "Abidjan", "NG", "CI"),
    ("Pacific", "Los Angeles", "San Francisco", "US", "US"),
    ("Pacific", "Tokyo", "Shanghai", "JP", "CN"),
    ("Indian Ocean", "Mombasa", "Dar es Salaam", "KE", "TZ"),
    ("Indian Ocean", "Colombo", "Singapore", "LK", "SG"),
]

#: (sea, UN/LOCODE a, UN/LOCODE b): the port points of the list shipped with searoute
#: (``searoute/data/ports.geojson``), several of them on the quay or just inland.
SWEEP_PORTS: list[tuple[str, str, str]] = [
    ("Red Sea", "SAJED", "SDPZU"),
    ("Persian Gulf", "QADOH", "AEDXB"),
    ("Persian Gulf", "KWKWI", "IRBND"),
    ("Arabian Sea", "INBOM", "PKKHI"),
    ("Arabian Sea", "OMMCT", "PKKHI"),
    ("South China Sea", "HKHKG", "TWKHH"),
    ("South China Sea", "SGSIN", "VNSGN"),
    ("Baltic", "PLGDN", "LTKLJ"),
    ("Black Sea", "UAODS", "BGVAR"),
    ("Mediterranean", "ESBCN", "FRMRS"),
    ("Mediterranean", "EGALY", "ILHFA"),
    ("Adriatic", "ITVCE", "HRRJK"),
    ("North Sea", "GBABD", "NOBGO"),
    ("Caribbean", "JMKIN", "DOSDQ"),
    ("Gulf of Mexico", "USHOU", "MXVER"),
    ("Bay of Bengal", "INMAA", "LKCMB"),
    ("Sea of Japan", "KPNJN", "RUVVO"),
]


@functools.lru_cache(maxsize=1)
def _shipped_ports() -> dict[str, Place]:
    """UN/LOCODE -> port point, from the port list inside the installed searoute package."""
    import importlib.util

    spec = importlib.util.find_spec("searoute")
    assert spec is not None and spec.submodule_search_locations
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "ports.geojson"
    ports: dict[str, Place] = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        code = feature["properties"]["port"]
        lon, lat = feature["geometry"]["coordinates"][:2]
        ports.setdefault(code, Place(feature["properties"]["name"], lat, lon, code[:2], kind="port",
                                     source=f"unlocode:{code}", locode=code))
    return ports


def _sweep_check(a: Place, b: Place) -> None:
    route = sea_route(a, b)
    check_route(route, a.lonlat, b.lonlat)
    geodesic = distance_km(a, b)
    assert 50.0 <= geodesic <= 3000.0, geodesic  # the sweep's own range
    ratio = route.length_km / geodesic
    assert route.length_km >= geodesic - 1e-6, (route.length_km, geodesic)
    assert ratio <= SWEEP_MAX_RATIO, (route.length_km, geodesic, route.method)
    assert max(route.access_legs_km) < 40.0, route.access_legs_km


@pytest.mark.parametrize("sea, a, b, country_a, country_b", SWEEP_TOWNS, ids=[f"{t[1]}-{t[2]}" for t in SWEEP_TOWNS])
def test_sweep_towns_resolved_as_the_cli_does_get_a_sea_route(sea, a, b, country_a, country_b):
    from geo.pair import resolve_pair

    place_a, place_b, _, _ = resolve_pair(a, b)
    assert (place_a.country, place_b.country) == (country_a, country_b), (place_a, place_b)
    _sweep_check(place_a, place_b)


@pytest.mark.parametrize("sea, a, b", SWEEP_PORTS, ids=[f"{t[1]}-{t[2]}" for t in SWEEP_PORTS])
def test_sweep_unlocode_port_points_get_a_sea_route(sea, a, b):
    ports = _shipped_ports()
    _sweep_check(ports[a], ports[b])


def test_sweep_covers_every_sea_asked_for_and_the_whole_range():
    seas = {t[0] for t in SWEEP_TOWNS} | {t[0] for t in SWEEP_PORTS}
    wanted = {
        "Red Sea", "Persian Gulf", "Baltic", "Black Sea", "Mediterranean", "Sea of Japan", "South China Sea",
        "Gulf of Mexico", "Caribbean", "Arabian Sea", "Bay of Bengal", "North Sea", "Adriatic", "Atlantic",
        "Pacific", "Indian Ocean",
    }
    assert wanted <= seas
    assert len(SWEEP_TOWNS) + len(SWEEP_PORTS) >= 30
