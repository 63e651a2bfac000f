"""The offline gazetteer with the real data: GeoNames cities500, searoute's UN/LOCODE ports,
countries and regions, and data/places.csv. The index is built once per test session (in the
user cache directory, or ``$SHIPROUTE_CACHE_DIR``); only the cache-key test builds another."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from geo import places
from geo.errors import BadInput, PlaceNotFound
from geo.places.gazetteer import Context, resolve
from geo.places.names import normalize_name
from geo.types import Place

REPO = Path(__file__).resolve().parent.parent
NAJIN = (42.25, 130.3)  # Rajin/Najin, North Korea
DUNAY = (42.88028, 132.3375)  # Wikipedia: Dunay, Primorsky Krai (42°52′49″N 132°20′15″E)


@pytest.fixture(scope="session")
def index() -> Path:
    return places.build_index()


def near(place: Place, point: tuple[float, float], tol_deg: float = 0.06) -> bool:
    return abs(place.lat - point[0]) <= tol_deg and abs(place.lon - point[1]) <= tol_deg


def km(place: Place, point: tuple[float, float]) -> float:
    """Great-circle distance in km from a place to a (lat, lon) point (spherical is enough here)."""
    import math

    p1, p2 = math.radians(place.lat), math.radians(point[0])
    dl = math.radians(point[1] - place.lon)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


# --- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Ţarţūs", "tartus"),
        ("TARTUS", "tartus"),
        ("  Najin-ŭp ", "najin up"),
        ("Pal'mira", "palmira"),
        ("São Tomé", "sao tome"),
        ("Łódź", "lodz"),
        ("나진", "나진"),
        ("Дунай", "дунаи"),
        ("St. John's", "st johns"),
    ],
)
def test_normalize_name_ignores_case_marks_and_punctuation(raw, key):
    assert normalize_name(raw) == key


def test_normalize_name_keeps_scripts_apart():
    assert normalize_name("Раджин") != normalize_name("Radzhin")
    assert normalize_name("라진") != normalize_name("나진")


# --- the seed article's places in every form -------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["나진", "Najin", "Rajin", "Rason", "Раджин", "라진", "Najin port", "port of Najin", "the port city of Najin",
     "Najin harbour", "North Korea's Najin", "Najin, North Korea", "Najin (DPRK)", "KPNJN", "KP NJN"],
)
def test_najin_in_every_form_is_one_place_in_north_korea(index, query):
    res = resolve(query)
    best = res.best
    assert best.country == "KP"
    assert near(best, NAJIN), best
    assert best.locode == "KPNJN" and best.kind == "port"
    assert not res.ambiguous
    # The port and the GeoNames town are one candidate: no second Najin nearby.
    assert all(c.place.source != "unlocode:KPNJN" for c in res.candidates)


def test_najin_names_both_sources_in_its_reasons(index):
    reasons = " | ".join(resolve("Najin").candidates[0].reasons)
    assert "GeoNames 2042645" in reasons and "KPNJN" in reasons


@pytest.mark.parametrize("query", ["Dunay", "Дунай", "Dunai", "Shkotovo-22", "Dunay naval base"])
def test_dunay_is_the_town_in_primorsky_krai(index, query):
    res = resolve(query)
    assert res.best.country == "RU"
    assert res.best.source == "geonames:2024800"
    assert near(res.best, DUNAY, 0.01)
    assert "Primor" in (res.best.admin1 or "")


def test_seed_pair_geodesic_is_about_182_km(index):
    from pyproj import Geod

    a, b = resolve("Najin").best, resolve("Dunay").best
    km = Geod(ellps="WGS84").inv(a.lon, a.lat, b.lon, b.lat)[2] / 1000
    assert 180 < km < 185


# --- well-known namesakes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "country"),
    [
        ("Tripoli", "LY"),
        ("Tripoli, Lebanon", "LB"),
        ("Tripoli (Lebanon)", "LB"),
        ("Tripoli, LB", "LB"),
        ("Tripoli, LBN", "LB"),
        ("the Lebanese port of Tripoli", "LB"),
        ("Odessa", "UA"),
        ("Odesa", "UA"),
        ("Kyiv", "UA"),
        ("Kiev", "UA"),
        ("Ţarţūs", "SY"),
        ("Tartus", "SY"),
        ("the Syrian port of Tartus", "SY"),
        ("Portland", "US"),
    ],
)
def test_namesakes_resolve_to_the_expected_country(index, query, country):
    assert resolve(query).best.country == country


def test_odessa_is_ukraine_not_texas(index):
    res = resolve("Odessa")
    assert res.best.country == "UA" and res.best.population > 900_000
    assert any(c.place.country == "US" for c in res.candidates[1:])
    assert "alternate name" in res.candidates[0].reasons


def test_portland_qualified_by_state_name_or_postal_code(index):
    oregon, maine = resolve("Portland, OR").best, resolve("Portland, Maine").best
    assert oregon.admin1 == "Oregon" and oregon.lon < -120
    assert maine.admin1 == "Maine" and maine.lon > -71
    assert resolve("Portland").best == oregon


def test_turkey_is_the_country(index):
    for query in ("Turkey", "Türkiye", "TR", "Republic of Turkey"):
        best = resolve(query).best
        assert (best.kind, best.country) == ("country", "TR"), query
    best = resolve("Turkey").best
    assert best.name == "Turkey" and best.extent_km > 300


@pytest.mark.parametrize(
    ("query", "country"), [("North Korea", "KP"), ("South Korea", "KR"), ("Russia", "RU"), ("UK", "GB"),
                           ("US", "US"), ("USA", "US"), ("United States", "US"), ("Syria", "SY"),
                           ("Iran", "IR"), ("Ivory Coast", "CI")]
)
def test_country_aliases(index, query, country):
    best = resolve(query).best
    assert (best.kind, best.country) == ("country", country)


@pytest.mark.parametrize(
    ("query", "country"),
    [("Primorsky Krai", "RU"), ("Primorye", "RU"), ("California", "US"), ("Crimea", "UA")],
)
def test_regions(index, query, country):
    res = resolve(query)
    best = res.best
    assert (best.kind, best.country) == ("region", country)
    assert best.extent_km >= 10
    # Issue 10: a region's point is GeoNames' own (or the centre of its area), not its largest town.
    assert any(r.startswith(("point: GeoNames' own", "point: centre of its approximate area"))
               for r in res.candidates[0].reasons)


def test_region_point_is_inside_its_region_near_its_centre(index):
    from geo.places import areas

    krai = resolve("Primorsky Krai").best
    assert areas.contains(areas.area_of(krai), krai.lon, krai.lat, sea_margin_km=0)
    assert km(krai, (45.0, 135.0)) < 100  # the krai's middle, not Vladivostok on its southern coast
    assert km(krai, (43.11, 131.87)) > 200


# --- the points of countries and regions (issue 10 item 5) -----------------------------------


@pytest.mark.parametrize(
    ("query", "kind", "gold"),
    [
        # GeoNames' own points, the ones every geoparsing corpus measures against; the capitals
        # (Ottawa, Tokyo's neighbour cities aside) and largest towns (Houston, Los Angeles) of
        # the first design, and the landmass centroids of the second, are 200 to 3,000 km away.
        ("Canada", "country", (60.10867, -113.64258)),
        ("Russia", "country", (60.0, 100.0)),
        ("Indonesia", "country", (-5.0, 120.0)),
        ("Queensland", "region", (-20.0, 145.0)),
        ("Alberta", "region", (52.28333, -117.469)),
        ("California", "region", (37.25022, -119.75126)),
        ("Middle East", "continent", (33.13906, 35.85869)),
    ],
)
def test_countries_and_regions_have_geonames_own_point(index, query, kind, gold):
    res = resolve(query)
    best = res.best
    assert best.kind == kind
    assert km(best, gold) <= 1, (best.lat, best.lon)
    assert any(r.startswith("point: GeoNames' own") for r in res.candidates[0].reasons)


def test_regions_geonames_lacks_get_the_centre_of_their_area(index):
    # France's 2016 regions postdate the GeoNames list the points come from.
    res = resolve("Nouvelle-Aquitaine")
    best = res.best
    assert (best.kind, best.country) == ("region", "FR")
    assert any(r.startswith("point: centre of its approximate area") for r in res.candidates[0].reasons)
    assert km(best, (45.2, 0.2)) < 150  # the middle of the region, not Bordeaux on its west side


def test_country_points_lie_on_or_by_their_country(index):
    from geo.places import areas

    # Inside for a mainland country; by its islands for an archipelago, where GeoNames' own
    # point may lie at sea between them (Kiribati's, the Philippines').
    for query, cc, margin_km in (("Russia", "RU", 0), ("United States", "US", 0), ("Norway", "NO", 0),
                                 ("Croatia", "HR", 0), ("Japan", "JP", 0), ("Fiji", "FJ", 60),
                                 ("Kiribati", "KI", 300), ("Philippines", "PH", 60)):
        best = resolve(query).best
        assert (best.kind, best.country) == ("country", cc)
        assert areas.contains(areas.country_area(cc), best.lon, best.lat, sea_margin_km=margin_km), query
    russia = resolve("Russia").best
    assert 90 < russia.lon < 110  # Chukotka across 180° neither pulls it west nor flips it
    usa = resolve("United States").best
    assert 30 < usa.lat < 45 and -105 < usa.lon < -90  # Alaska and Hawaii do not pull it


def test_regions_across_the_antimeridian_or_in_parts(index):
    from geo.places import areas

    for query, lon_range in (("Chukotka", (160.0, 180.0)), ("Alaska", (-160.0, -140.0)),
                             ("Michigan", (-87.0, -83.0)), ("Hawaii", (-160.0, -154.0))):
        best = resolve(query).best
        assert best.kind == "region", query
        assert lon_range[0] < best.lon < lon_range[1], (query, best.lon)
        # GeoNames' own points may fall between an archipelago's islands (Hawaii's does).
        assert areas.contains(areas.area_of(best), best.lon, best.lat, sea_margin_km=60), query


def test_a_region_extent_is_measured_from_its_central_point(index):
    # A region reaches as far from its point as 90 % of its towns lie (see the gazetteer's
    # docstring); with the point at its centre that is about its half-width (Texas: ~560 km),
    # less than from Houston near its eastern edge (~670 km).
    texas = resolve("Texas").best
    dists = sorted(km(texas, (lat, lon)) for lon, lat, key in places.towns_in_country("US") if key == "US.TX")
    assert texas.extent_km == pytest.approx(dists[int(0.9 * len(dists))], abs=2.0)
    assert 400 < texas.extent_km < 620


def test_a_country_without_a_polygon_keeps_its_capital(index):
    tuvalu = resolve("Tuvalu").best
    assert tuvalu.kind == "country"
    assert any(r.startswith("point: capital") for r in resolve("Tuvalu").candidates[0].reasons)


# --- codes and coordinates -------------------------------------------------------------------


def test_unlocode_lookup(index):
    res = resolve("KPNJN")
    assert res.best.locode == "KPNJN" and res.candidates[0].reasons[0] == "UN/LOCODE KPNJN"
    assert places.lookup_locode("kp njn") == res.best
    assert places.lookup_locode("ZZZZZ") is None


def test_contradictory_searoute_code_goes_to_the_right_port(index):
    # searoute gives USPWM to a point at Portland, Oregon and to Portland, Maine.
    assert resolve("USPWM").best.admin1 == "Maine"


def test_coordinates_become_a_coordinates_place_with_country(index):
    res = resolve("42°14′N 130°18′E")
    best = res.best
    assert best.kind == "coordinates" and best.source == "coordinates"
    assert best.name == "42°14′N 130°18′E"
    assert best.lat == pytest.approx(42 + 14 / 60, abs=1e-6) and best.lon == pytest.approx(130.3, abs=1e-6)
    assert best.country == "KP" and best.extent_km == 0
    assert any("Rajin" in r for r in res.candidates[0].reasons)


def test_coordinates_at_sea_have_no_country(index):
    assert resolve("0.0, -30.0").best.country is None


def test_bad_coordinates_raise_typed_error(index):
    from geo.errors import BadCoordinates

    with pytest.raises(BadCoordinates):
        resolve("95.0N 130.0E")


# --- ranking, ambiguity and context ----------------------------------------------------------


def test_springfield_is_ambiguous_and_najin_is_not(index):
    spring = resolve("Springfield")
    assert spring.ambiguous
    top, second = spring.candidates[0], spring.candidates[1]
    assert top.score - second.score < places.AMBIGUITY_MARGIN
    assert not resolve("Najin").ambiguous
    assert not resolve("Tripoli").ambiguous


def test_candidates_carry_scores_and_reasons(index):
    res = resolve("Odessa")
    scores = [c.score for c in res.candidates]
    assert scores == sorted(scores, reverse=True)
    top = res.candidates[0]
    assert "population 1,010,537" in top.reasons and "port (UN/LOCODE UAODS)" in top.reasons


def test_article_context_about_lebanon_picks_lebanese_tripoli(index):
    article = "Lebanese officials in Beirut said the freighter had sailed north from the capital."
    res = resolve("Tripoli", article)
    assert res.best.country == "LB"
    assert any("Tripoli, LY" in note for note in res.context_notes), res.context_notes
    assert resolve("Tripoli").best.country == "LY"  # the cache keys on context


def test_country_context_changes_the_choice(index):
    res = resolve("Odessa", Context(countries=frozenset({"US"})))
    assert res.best.country == "US"
    assert "country hint US" in res.candidates[0].reasons
    assert any("Odesa" in n for n in res.context_notes)


def test_partner_and_expected_distance_change_the_choice(index):
    boston = resolve("Boston").best
    res = resolve("Portland", Context(partner=boston, expected_km=160))
    assert res.best.admin1 == "Maine"
    assert any("Oregon" in n for n in res.context_notes), res.context_notes
    assert any(r.startswith("fits partner distance 160 km") for r in res.candidates[0].reasons)


def test_partner_distance_fits_the_seed_claim(index):
    res = resolve("Dunay", Context(partner=resolve("Najin").best, expected_km=180))
    assert any(r.startswith("fits partner distance 180 km") for r in res.candidates[0].reasons)


def test_detect_countries_in_the_seed_article():
    text = (REPO / "seeds" / "000_0bd88628448f5f77.txt").read_text(encoding="utf-8")
    found = places.detect_countries(text)
    assert {"KP", "RU", "UA", "KR"} <= found
    ctx = places.context_from_text(text, "Najin")
    assert "port" in ctx.kind_hints


def test_kind_words_prefer_the_base(index):
    res = resolve("Tartus naval base")
    assert res.best.kind == "base" and res.best.country == "SY"
    assert res.best.source.startswith("curated:")


# --- errors ----------------------------------------------------------------------------------


def test_unknown_name_suggests_near_spellings(index):
    with pytest.raises(PlaceNotFound) as err:
        resolve("Vladivostk")
    assert "Vladivostok" in err.value.suggestions
    assert len(err.value.suggestions) <= 5
    assert "Vladivostk" in str(err.value)


def test_suggestions_names_that_cannot_be_written_are_one_clear_error(tmp_path):
    # Any failure to write them beside the index (a read-only file system, a full disk, a lock
    # file that is a folder) says where and what to do, as the index's own build does; it was
    # a traceback for everything but a permission error.
    from geo.errors import DataMissing
    from geo.places.index import build_fuzzy, fuzzy_path

    local = tmp_path / "places-s0-test.sqlite"
    local.write_bytes(b"")
    (tmp_path / "places.lock").mkdir()
    with pytest.raises(DataMissing, match="set SHIPROUTE_CACHE_DIR to a writable directory"):
        build_fuzzy(local)
    assert not fuzzy_path(local).exists()


def test_the_suggestions_names_are_made_once_on_first_use_and_remade_when_damaged(index, tmp_path):
    # The "did you mean" names live beside the index and are made by the first unknown name (a
    # first command that finds its places never waits for them); made once, then read.
    import os

    from geo.places.gazetteer import _fuzzy_rows
    from geo.places.index import build_fuzzy, fuzzy_path

    local = tmp_path / index.name
    try:
        os.link(index, local)
    except OSError:
        shutil.copy2(index, local)
    made = fuzzy_path(local)
    assert not made.exists()
    rows = _fuzzy_rows(local)
    assert made.exists() and len(rows) > 100_000 and rows == sorted(rows)
    assert ("vladivostok", "Vladivostok") in {(key, name) for key, name, _weight in rows}
    stamp = made.stat().st_mtime_ns
    assert build_fuzzy(local) == made and made.stat().st_mtime_ns == stamp  # not made again
    made.write_bytes(b"not a database")
    assert _fuzzy_rows(local) == rows  # a damaged file is made again
    assert not list(tmp_path.glob("*.tmp-*"))


def test_qualifier_that_rules_out_every_namesake_names_them(index):
    with pytest.raises(PlaceNotFound) as err:
        resolve("Tripoli, Japan")
    assert "Tripoli, LY" in err.value.suggestions


def test_empty_query_is_bad_input(index):
    with pytest.raises(BadInput):
        resolve("   ")


# --- bulk lookup, determinism, extents -------------------------------------------------------


def test_lookup_names_for_text_scanning(index):
    hits = places.lookup_names(["najin", "dunay", "tripoli", "zzqx", "north korea"])
    assert set(hits) == {"najin", "dunay", "tripoli", "north korea"}
    assert hits["najin"][0].country == "KP" and hits["najin"][0].kind == "port"
    assert hits["north korea"][0].kind == "country"
    assert [h.population for h in hits["tripoli"]] == sorted((h.population for h in hits["tripoli"]), reverse=True)


def test_resolution_is_deterministic(index):
    first = json.dumps(resolve("Springfield", cached=False).to_dict(), sort_keys=True)
    again = json.dumps(resolve("Springfield", cached=False).to_dict(), sort_keys=True)
    assert first == again
    assert resolve("Springfield") is resolve("Springfield")  # LRU: the same object


def test_extent_km_by_kind(index):
    assert places.town_extent_km(66_224) == pytest.approx(0.3 * (66.224**0.5))
    assert places.town_extent_km(100) == 1.0 and places.town_extent_km(50_000_000) == 15.0
    assert resolve("Najin").best.extent_km == pytest.approx(max(3.0, places.town_extent_km(66_224)), abs=1e-3)
    assert resolve("Dunay").best.extent_km == pytest.approx(places.town_extent_km(6_967), abs=1e-3)
    assert resolve("Russia").best.extent_km > 1000


def test_every_curated_row_is_loaded_and_sourced(index):
    with open(REPO / "data" / "places.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["source"].strip() for r in rows)
    meta = dict(sqlite3.connect(index).execute("SELECT key, value FROM meta"))
    assert int(meta["stats.curated_used"]) == len(rows)
    assert meta["stats.curated_skipped"] == "0"


# --- the cache -------------------------------------------------------------------------------


def test_cache_is_reused_then_rebuilt_when_its_key_changes(index, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copy2(index, cache / index.name)
    monkeypatch.setenv("SHIPROUTE_CACHE_DIR", str(cache))
    monkeypatch.delenv("SHIPROUTE_PLACES_CSV", raising=False)
    # Same key: the existing file is used as it is.
    before = (cache / index.name).stat().st_mtime_ns
    assert places.build_index() == cache / index.name
    assert (cache / index.name).stat().st_mtime_ns == before

    # A changed data/places.csv changes the key; two processes asking at once build it once.
    csv_copy = tmp_path / "places.csv"
    text = (REPO / "data" / "places.csv").read_text(encoding="utf-8")
    csv_copy.write_text(
        text + "Zzyzx Test Pier,Zzyzx Pier,35.14,-116.10,US,port,,test row,only in this test\n", encoding="utf-8"
    )
    monkeypatch.setenv("SHIPROUTE_PLACES_CSV", str(csv_copy))
    new_path = places.index_path()
    assert new_path != cache / index.name and not new_path.exists()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # The shipped prebuilt index is for the shipped places.csv: both compile the sources, one as
    # a command does, saying why.
    code = "from geo import places; print(places.build_index())"
    command = ("import cli; cli.main()", "check", "Zzyzx Test Pier", "Najin", "--claim", "9,000 km", "--no-sea",
               "--format", "json")
    procs = [subprocess.Popen([sys.executable, "-c", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env, cwd=REPO) for argv in ((code,), command)]
    (built, _), (checked, stderr) = (p.communicate(timeout=600) for p in procs)
    assert [p.returncode for p in procs] == [0, 0], stderr
    assert built.strip() == str(new_path) and json.loads(checked)["geodesic_km"] > 0
    assert re.search(r"prebuilt gazetteer does not fit the installed sources \(places_csv: \w+ shipped, \w+ "
                     r"installed\)", stderr), stderr
    assert "Building the offline gazetteer index from its sources (once per data version" in stderr
    assert sorted(p.name for p in cache.iterdir() if "tmp" in p.name) == []
    res = resolve("Zzyzx Test Pier")
    assert res.best.kind == "port" and res.best.source == "curated:zzyzx-test-pier"


@pytest.mark.parametrize(
    ("query", "country"),
    [("Odessa Oblast", "UA"), ("Odesa region", "UA"), ("Kherson region", "UA"), ("Kaliningrad Oblast", "RU"),
     ("Krasnodar Krai", "RU")],
)
def test_regions_named_after_their_town(index, query, country):
    best = resolve(query).best
    assert (best.kind, best.country) == ("region", country)


def test_nearest_town_reverse_geocodes(index):
    town, km = places.nearest_town(42.2333, 130.3)
    assert town.source == "geonames:2042645" and 2 < km < 4
    assert places.nearest_town(0.0, -30.0) is None


def test_detect_countries_reads_capital_codes_only_in_capitals():
    assert places.detect_countries("Talks between the US and the UK on Syrian ports") == {"US", "GB", "SY"}
    assert places.detect_countries("let us go") == frozenset()


def test_lookup_country_code(index):
    assert places.lookup_country_code("US").kind == "country"
    assert places.lookup_country_code("UAE").country == "AE"
    assert places.lookup_country_code("Dunay") is None  # not written in capitals: not a code
    assert places.lookup_country_code("ZZZ") is None


# --- names real news uses for areas (issue 10) --------------------------------------------------


@pytest.mark.parametrize(
    ("query", "name", "kind"),
    [
        ("EU", "European Union", "continent"),  # not the town of Eu in Normandy
        ("E.U.", "European Union", "continent"),
        ("Atlantic", "Atlantic Ocean", "ocean"),  # the whole ocean, at GeoNames' 10 N 25 W
        ("Pacific", "Pacific Ocean", "ocean"),
        ("North Atlantic", "North Atlantic Ocean", "ocean"),
        ("Mediterranean", "Mediterranean Sea", "sea"),
        ("Soviet Union", "Russia", "country"),
        ("Balkans", "Balkans", "continent"),
        # Regions news names that no administrative list holds (data/places.csv).
        ("Darfur", "Darfur", "region"),
        ("Donbass", "Donbas", "region"),
        ("Ghouta", "Eastern Ghouta", "region"),
        ("Siberia", "Siberia", "region"),  # not the village in Chiapas
        ("Patagonia", "Patagonia", "region"),  # not the town in Arizona
        ("Democratic Republic of Congo", "Democratic Republic of the Congo", "country"),
    ],
)
def test_area_names_of_the_news(index, query, name, kind):
    best = resolve(query).best
    assert (best.name, best.kind) == (name, kind)


def test_the_state_of_a_name_is_written_for_the_whole_article(index):
    from geo.places.gazetteer import context_from_text

    for text in ("Health officials in the state of Washington confirmed a case. Washington has 40 dairies.",
                 "A cow at a Washington state farm tested positive. Washington has 40 dairies."):
        assert ("US", "US.WA") in context_from_text(text, "Washington").written, text
    # "Washington State University" is no statement about the state.
    assert not context_from_text("She studied at Washington State University. Washington won.", "Washington").written


def test_a_country_named_in_a_local_story_about_trade_stays_the_country(index):
    text = ("HOUSTON, Texas -- Exporters in Houston and Beaumont, Texas, said new tariffs on imports from "
            "China would hurt the port. Germany and Canada filed complaints. China said it would respond.")
    best = resolve("China", context=text).best
    assert (best.kind, best.country) == ("country", "CN")


def test_a_surname_before_said_does_not_steer_the_article(index):
    from geo.places.gazetteer import context_from_text

    # "Cooper said" is a person, not Cooper, Texas: no Texas in the article's geography.
    text = "The Dublin council awarded the grants, Cooper said. More will follow in May, Cooper said."
    regions = dict(context_from_text(text, "Dublin").regions)
    assert "US.TX" not in regions


@pytest.mark.parametrize(("query", "name", "kind"), [("Sokoto State", "Sokoto", "region"),
                                                     ("Oaxaca State", "Oaxaca", "region"),
                                                     ("Washington State", "Washington", "region")])
def test_an_area_word_after_the_name_reads_the_area(index, query, name, kind):
    best = resolve(query).best
    assert (best.name, best.kind) == (name, kind)


def test_a_county_that_the_gazetteer_lacks_is_not_a_town_of_its_name(index):
    with pytest.raises(PlaceNotFound):
        resolve("Mayo County")  # Ireland's county is not held; the town of Mayo, Maryland is no answer


@pytest.mark.parametrize(("query", "name"), [
    ("Dubai World Trade Centre", "Dubai"),       # an institution named after its town
    ("University of Alberta", "Alberta"),         # "<institution> of <place>"
    ("South Los Angeles", "Los Angeles"),         # a part of a place by its direction
    ("British Embassy", "United Kingdom"),        # a demonym before an institution
    ("Madison Township", "Madison"),
])
def test_a_name_the_gazetteer_lacks_is_read_as_the_place_it_contains(index, query, name):
    resolution = resolve(query)
    assert resolution.best.name == name
    assert any("the place its name contains" in reason for reason in resolution.candidates[0].reasons)


@pytest.mark.parametrize("query", ["Tennessee Colony", "Royal Street", "Northern Canada", "Canaan Valley"])
def test_other_shapes_of_longer_names_stay_unknown(index, query):
    # A town of Texas is not Tennessee, a street is nothing, "Northern Canada" is no point of
    # Canada's, and a valley named after a town may lie far from it.
    with pytest.raises(PlaceNotFound):
        resolve(query)


def test_towns_passed_over_in_two_processes_make_the_rows_of_one_pass(tmp_path):
    """The build passes over cities500 in two processes (the second half in a forked child, joined
    in order): the rows and what later steps need must be exactly what one pass makes."""
    from geo.places import index as build

    builder = build._Builder(build._data_files(), build._curated_csv_path(), {})
    ports = builder._ports()
    subdivisions = builder._subdivisions()
    towns = build._read_towns(build._data_files()["cities"])[::40]  # every country, a few thousand towns
    capitals = {}
    for cc, country in json.loads(build._data_files()["countries"].read_text(encoding="utf-8")).items():
        if country.get("capital"):
            capitals.setdefault(cc, set()).add(normalize_name(country["capital"]))
    lookups = build._TownLookups(
        set().union(*(p["keys"] for p in ports)),
        {(p["code"][:2], p["code"][2:]) for p in ports if p.get("conflict")},
        capitals,
        {code: name for code, (name, _aliases, _src) in subdivisions.items()},
    )

    def written(split: bool, part: Path | None = None) -> tuple[list, list, object]:
        path = tmp_path / f"split-{split}{'-failed' if part else ''}.sqlite"
        con = sqlite3.connect(path)
        con.executescript(build._SCHEMA + "CREATE TEMP TABLE raw_key(key TEXT, place_id INTEGER, match INTEGER);")
        seen = build._towns_in_two(con, towns, lookups, path, split=split, part=part)
        rows = (con.execute("SELECT * FROM place ORDER BY id").fetchall(),
                con.execute("SELECT * FROM raw_key ORDER BY place_id, key").fetchall(), seen)
        con.close()
        return rows

    one, two = written(False), written(True)
    assert len(one[0]) == len(towns) and one[0][-1][0] == len(towns)
    assert one[0] == two[0] and one[1] == two[1]
    assert one[2] == two[2]  # town ids, port matches, capitals, largest towns, regions' towns, airport codes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["split-False.sqlite", "split-True.sqlite"]
    # A child that cannot write its half (here: into a folder that does not exist) fails; this
    # process then passes over the second half itself, and the rows are still one pass's.
    failed = written(True, part=tmp_path / "missing" / "half.sqlite")
    assert one[0] == failed[0] and one[1] == failed[1] and one[2] == failed[2]
