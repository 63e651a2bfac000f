"""Physical features and facilities in the gazetteer: the real shipped data, the real index."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from shapely.geometry import Point, shape

from cli import main
from geo.places import resolve
from geo.places.areas import area_of
from geo.places.features import FEATURE_KINDS, feature_geometry, feature_records, size_weight, yields_to_towns


@pytest.mark.parametrize(
    ("query", "kind", "country"),
    [
        ("Kerch Strait", "strait", None),
        ("Snake Island", "islet", "UA"),
        ("Sea of Azov", "sea", None),
        ("Gulf of Aden", "gulf", None),
        ("Zaporizhzhia nuclear power plant", "nuclear_plant", "UA"),
        ("Kakhovka dam", "dam", "UA"),
        ("Shanghai port", "port", "CN"),
        ("Port of Shanghai", "port", "CN"),
        ("Bab-el-Mandeb", "strait", None),
        ("Danube River", "river", None),
    ],
)
def test_features_and_facilities_resolve_to_themselves(query, kind, country):
    res = resolve(query)
    assert (res.best.kind, res.best.country) == (kind, country)
    assert not res.ambiguous


def test_a_feature_is_never_a_town_of_a_similar_name():
    # The towns Azov and Aden are what these resolved to before features existed.
    assert resolve("Sea of Azov").best.source != resolve("Azov").best.source
    assert resolve("Gulf of Aden").best.source != resolve("Aden").best.source
    assert {resolve("Azov").best.kind, resolve("Aden").best.kind} <= {"town", "port"}


@pytest.mark.parametrize("name", ["Zaporozhye", "Kakhovka", "Kursk"])
def test_a_facility_named_after_its_town_leaves_the_bare_name_to_the_town(name):
    assert resolve(name).best.kind in ("town", "port")


def test_a_feature_gives_way_to_a_region_of_the_same_name():
    assert resolve("Crimea").best.kind == "region"


def test_the_zaporizhzhia_plant_is_at_the_plant_not_the_city():
    plant = resolve("Zaporizhzhia NPP").best
    city = resolve("Zaporizhzhia").best
    assert abs(plant.lat - 47.51) < 0.02 and abs(plant.lon - 34.59) < 0.02
    assert abs(city.lon - plant.lon) > 0.3  # the city is 50 km away, across the reservoir


def test_a_feature_takes_the_region_of_its_nearest_town():
    assert resolve("Tsushima Island").best.admin1 == "Nagasaki"


def test_sea_polygon_holds_its_water_and_not_the_town_named_after_it():
    area = area_of(resolve("Sea of Azov").best)
    assert area is not None and area.kind == "sea"
    assert area.polygon.contains(Point(36.5, 46.0))  # the middle of the sea
    assert not area.polygon.contains(Point(39.42, 47.11))  # the town of Azov, up the Don
    assert 30_000 < area.area_km2 < 45_000  # about 39,000 km²


def test_snake_island_polygon_is_small_and_holds_its_point():
    island = resolve("Snake Island").best
    geom = shape(feature_geometry(island.source))
    assert geom.contains(Point(island.lon, island.lat))
    assert geom.area < 0.001  # square degrees: a 0.2 km² islet


@pytest.mark.parametrize(
    ("query", "kind", "lat", "lon"),
    [
        ("Point Nemo", "point", -48.88, -123.39),
        ("Rockall", "islet", 57.60, -13.69),
        ("Ras Siyyan", "cape", 12.48, 43.33),
        ("Punta de Tarifa", "cape", 36.00, -5.61),
        ("Ertholmene", "archipelago", 55.32, 15.19),
    ],
)
def test_capes_islets_and_named_points_news_measures_from(query, kind, lat, lon):
    best = resolve(query).best
    assert best.kind == kind
    assert abs(best.lat - lat) < 0.05 and abs(best.lon - lon) < 0.05


def test_continents_and_macro_regions_reach_their_coasts():
    # Natural Earth's own outlines stop short of the shores news measures from.
    africa = area_of(resolve("the African continent").best)
    assert africa is not None and africa.kind == "continent"
    assert africa.polygon.distance(Point(43.33, 12.48)) < 0.05  # Ras Siyyan, Djibouti
    europe = area_of(resolve("Europe").best).polygon
    assert europe.distance(Point(-5.61, 36.0)) < 0.05  # Tarifa
    assert not europe.contains(Point(100.0, 60.0))  # Siberia is Asia
    arabia = area_of(resolve("the Arabian Peninsula").best).polygon
    assert arabia.distance(Point(43.47, 12.67)) < 0.05  # Bab-el-Mandeb's Arabian shore


def test_records_are_unique_and_of_known_kinds():
    records = list(feature_records())
    sources = [r.source for r in records]
    assert len(sources) == len(set(sources))
    kinds = {r.kind for r in records}
    assert {"sea", "strait", "island", "river", "nuclear_plant", "dam", "airport"} <= kinds
    assert all(-90 <= r.lat <= 90 and -180 <= r.lon <= 180 for r in records)
    assert all(r.kind in FEATURE_KINDS or yields_to_towns(r.kind) for r in records)


def test_size_weight_orders_by_size():
    assert size_weight("island", area_km2=8_336) > size_weight("islet", area_km2=0.2)
    assert size_weight("river", length_km=2_850) > size_weight("river", length_km=100)
    assert size_weight("nuclear_plant", capacity_mw=6_000) > size_weight("nuclear_plant", capacity_mw=400)


def test_resolve_geojson_gives_polygons_for_areas_and_points_for_facilities():
    result = CliRunner().invoke(main, ["resolve", "Kerch Strait", "Kakhovka dam", "Danube River", "--format",
                                       "geojson"])
    assert result.exit_code == 0, result.output
    collection = json.loads(result.stdout)
    kinds = [(f["properties"]["kind"], f["geometry"]["type"]) for f in collection["features"]]
    assert kinds == [("strait", "Polygon"), ("dam", "Point"), ("river", "MultiLineString")]
    strait = shape(collection["features"][0]["geometry"])
    assert strait.contains(Point(36.55, 45.25))  # mid-strait, between Kerch and Taman


def test_a_map_credits_the_power_plant_database_when_it_draws_one_of_its_plants():
    from geo.pair import check_pair
    from maps.scene import build_scene

    scene = build_scene(check_pair("Shanghai Lingang", "Port of Shanghai", sea=False))
    assert "WRI Global Power Plant Database (CC BY 4.0)" in scene.sources
    assert scene.sources[0] == "GeoNames"


def test_shared_waters_have_no_country_in_the_report_line():
    from geo.present import place_line

    line = place_line(resolve("Kerch Strait").best)
    assert line.startswith("Kerch Strait (strait)") and "??" not in line


@pytest.mark.parametrize("query, code", [("Heathrow Airport", "LHR"), ("Gatwick Airport", "LGW"),
                                         ("O'Hare Airport", "ORD"), ("Schiphol Airport", "AMS")])
def test_an_airport_by_its_own_name_without_its_city(query, code):
    # "London Heathrow Airport" is written "Heathrow Airport": never Heathrow, Florida.
    place = resolve(query).best
    assert (place.kind, place.source) == ("airport", f"ne-airport:{code}")


def test_an_airport_own_name_needs_the_town_before_it():
    # "Los Angeles International Airport" gives no "Angeles Airport", and a bare own name that
    # is also a town stays the town.
    assert resolve("Angeles Airport").best.kind != "airport"
    assert resolve("Heathrow").best.kind == "town"
