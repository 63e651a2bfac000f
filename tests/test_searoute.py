"""Sea routes: real ends, never over land, passages, antimeridian, bad input, the route cache.

Every route is checked against the shipped full-resolution coastline: points every 50 m
along each segment (straight in lon/lat, as drawn) must all be water, except on the reported
access legs that join a place on land to the water.

The route cache (:mod:`geo.routecache`) is turned off for this module, so that every test
exercises the router itself; the cache's own tests point it at a file of their own.
"""

from __future__ import annotations

import json
import math
import sqlite3
import sys
from pathlib import Path

import numpy as np
import pytest

from geo import routecache, seaengine
from geo.coastline import is_land
from geo.errors import BadCoordinates, BadInput, NoSeaRoute
from geo.geodesy import distance_km
from geo.searoute import PASSAGES, passage_names, route_feature, sea_route
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
    box = seaengine._box_around(helsinki, tallinn, max(0.5 * direct + 20.0, seaengine.MAX_ACCESS_KM + 10.0))  # the first box
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
    assert abs(route.length_km - REFERENCE["Helsinki – Tallinn"]["length_km"]) < 0.01 * REFERENCE["Helsinki – Tallinn"]["length_km"]


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
    for x, y in zip(cached, fresh):
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
    from geo.coastline import cache_dir

    monkeypatch.delenv(routecache.ENV_VAR)
    for env in ({"SHIPROUTE_CACHE_DIR": str(tmp_path / "a")}, {"SHIPROUTE_CACHE_DIR": "", "XDG_CACHE_HOME": str(tmp_path / "b")}):
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        assert routecache.cache_path().parent == cache_dir()
