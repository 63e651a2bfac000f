"""Places of real-news distance claims resolve near their hand-identified points (issue 10).

The data tests run ``bench/bench_realnews_places.py``'s resolution over
``../shared/realnews-dev/claims.jsonl`` where that folder is (it is third-party text, read in
place and never copied here); the reading tests below use names of our own choosing.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from geo.places import resolve

ROOT = Path(__file__).resolve().parent.parent


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench_realnews_places", ROOT / "bench" / "bench_realnews_places.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bench = _load_bench()
DATA = bench.DEFAULT_DATA
needs_data = pytest.mark.skipif(
    not (DATA / "claims.jsonl").exists(),
    reason=f"the shared real-news dev set is absent ({DATA}); it sits beside the repository in CI",
)
#: The share reached on the dev set when this test was written (382 of 498 places); a drop
#: below it is a regression.
FLOOR = 0.76


@pytest.fixture(scope="module")
def cases():
    """Every place resolved: about 20 s on a 2-core machine once the index is built (a third
    of it the "did you mean" suggestions of the names that do not resolve). Without the floor
    and without the "inside the gold polygon" rule: rebuilding the gold's GSHHG polygons takes
    minutes, and on the dev set that rule adds no hit that the point and area rules miss (the
    bench shows it), so this share is the bench's, or a lower bound of it."""
    cases, _timings = bench.run(DATA, floor=False, polygons=False)
    return cases


@needs_data
def test_every_place_of_every_record_is_scored(cases):
    records = {c.record_id for c in cases}
    assert len(cases) == 2 * len(records) > 0
    assert all(c.query for c in cases)


@needs_data
def test_the_share_of_places_resolved_within_25_km_does_not_regress(cases):
    s = bench.summary(cases)
    assert s["accuracy"] >= FLOOR, f"{s['hits']}/{s['n']} places hit ({s['accuracy']:.1%}), below {FLOOR:.0%}"


# ---------------------------------------------------------------------------------------------
# The bench's reading of a written place: a name, or a pronoun or description
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["It", "they", "The town", "Die Insel", "the nearest land", "Город",
                                     "an island off the coast of Norway", "the bridge that links the banks",
                                     "港口", "this busy Greek port"])
def test_pronouns_and_descriptions_are_not_names(written):
    assert bench.is_reference(written, lambda w: w in {"greek"})


@pytest.mark.parametrize("written", ["Port Sudan", "Hokkaido island", "the Greek coast", "the coast of Norway",
                                     "Sakhalin", "Севастополя", "the Maltese archipelago", "Gozo, Malta"])
def test_names_are_names(written):
    assert not bench.is_reference(written, lambda w: w in {"greek", "maltese"})


def test_gold_name_drops_its_remark():
    assert bench.gold_name({"name": "Guam (island)"}) == "Guam"


# ---------------------------------------------------------------------------------------------
# How the gazetteer reads the ways news writes a place
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "kind", "country"),
    [
        ("the west coast of Norway", "country", "NO"),  # a part of a place is that place
        ("mainland Greece", "country", "GR"),
        ("the Portuguese coast", "country", "PT"),  # a demonym and a part word: the country
        ("the Norwegian mainland", "country", "NO"),
        ("the shores of Brazil", "country", "BR"),
        ("the nearest point on Crete", "region", "GR"),
        ("the Philippine island of Palawan", "island", "PH"),
        ("Sakhalin Island", "island", "RU"),
        ("Yonaguni-jima", "island", "JP"),
        ("la costa di Calabria", "region", "IT"),
        ("the Gaza Strip", "region", "PS"),  # "the" dropped before "Gaza" is read as a qualifier
        ("Port of Vostochny", "port", "RU"),  # the facility is "Vostochny Port"
        ("Одессе", "port", "UA"),  # Russian case endings
        ("Севастополя", "port", "UA"),
        ("Санкт-Петербурга", "port", "RU"),
        ("ʿAdan", "port", "YE"),  # the transliteration mark of ʿayn joins like an apostrophe
    ],
)
def test_the_ways_news_writes_a_place(query, kind, country):
    best = resolve(query).best
    assert (best.kind, best.country) == (kind, country)


def test_a_single_island_of_a_country_is_not_the_country():
    with pytest.raises(LookupError):
        resolve("the Danish island")


def test_a_capitals_name_is_no_smaller_places_alternate_name():
    # GeoNames lists "rome" among Lomé's names; Rome must not lose to Togo's capital.
    assert resolve("Rome").best.country == "IT"
    assert resolve("Lomé").best.country == "TG"


@pytest.mark.parametrize(
    ("query", "country", "kind"),
    [("Kuba", "CU", "country"), ("Tunesien", "TN", "country"), ("Weihnachtsinsel", "CX", "country"),
     ("Mykolajiv", "UA", "port"), ("纳霍德卡", "RU", "port"), ("Barawe", "SO", "port"),
     ("Laikipia Air Base", "KE", "air_base"), ("Korea-Russia Friendship Bridge", "RU", "bridge")],
)
def test_curated_names_news_uses(query, country, kind):
    best = resolve(query).best
    assert (best.country, best.kind) == (country, kind)
