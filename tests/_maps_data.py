"""Real inputs for the map tests: the seed article's pair, Najin to Dunay, "approximately 180
kilometers", run through the real pipeline (:func:`geo.pair.check_pair`: the offline gazetteer,
WGS84 geodesy, the verdict rule, and the sea router when :mod:`geo.sea.route` is present).
"""

from __future__ import annotations

import functools
from dataclasses import replace

from geo.types import PairCheck, Place

NAJIN_GEONAMES_ID = 2042645  # "Rajin" in GeoNames, alias Najin
DUNAY_GEONAMES_ID = 2024800
SEED_CLAIM_TEXT = "approximately 180 kilometers"


def sea_router_available() -> bool:
    """Whether :func:`geo.sea.route.sea_route` exists yet (it is written alongside the maps)."""
    try:
        from geo.sea.route import sea_route  # noqa: F401
    except ImportError:
        return False
    return True


@functools.cache
def seed_check(*, sea: bool | None = None) -> PairCheck:
    """The seed article's claim as ``check`` computes it; with the sea route when the sea
    router exists (``sea=None``) or as asked."""
    from geo.pair import check_pair

    if sea is None:
        sea = sea_router_available()
    check = check_pair("Najin", "Dunay", SEED_CLAIM_TEXT, sea=sea)
    # The gazetteer must have found the real places, or every map test below means nothing.
    assert check.a.source == f"geonames:{NAJIN_GEONAMES_ID}", check.a
    assert check.b.source == f"geonames:{DUNAY_GEONAMES_ID}", check.b
    return check


def check_for(a: Place, b: Place, claim_text: str | None = None) -> PairCheck:
    """Measure (and judge ``claim_text`` for) two given places with the real geo modules."""
    from geo.pair import check_pair

    return check_pair(a, b, claim_text, sea=False)


#: Hostile text for every field a map shows: it must render as text and run nothing (the
#: browser test tries these; bench/xss_sweep.py adds more of its own).
HOSTILE = [
    "<script>window.__pwned=1;alert(1)</script>",
    '"><img src=x onerror="window.__pwned=1;alert(1)">',
    "${window.__pwned=1}${alert(1)}",
    "</script><script>window.__pwned=1;alert(1)</script>",
    "{{ 7*7 }}{% for x in range(2) %}x{% endfor %}",
    "`;window.__pwned=1;//\u2028'\\",
]


def hostile_check(name_a: str, name_b: str) -> PairCheck:
    """The seed pair with hostile text in every field a map shows: names, other names, region,
    source, the query as the article wrote it, and the verdict's explanation."""
    check = seed_check(sea=False)
    a = replace(check.a, name=name_a, alt_names=(name_b, name_a), admin1=name_a, source=f"curated:{name_a}")
    b = replace(check.b, name=name_b, alt_names=(name_a,), admin1=name_b, source=f"curated:{name_b}")
    verdict = replace(check.verdict, explanation=f"{name_a} to {name_b}: {name_a}") if check.verdict else None
    res_a = replace(check.resolution_a, query=name_a + " q") if check.resolution_a else None
    return replace(check, a=a, b=b, verdict=verdict, resolution_a=res_a, resolution_b=None)


@functools.cache
def story_check(a: str, b: str, claim_text: str | None = None, avoid: tuple[str, ...] = ()) -> PairCheck:
    """A pair as ``shiproute map A B --claim ... --avoid ...`` checks it, with the sea route."""
    from geo.pair import check_pair

    return check_pair(a, b, claim_text, sea=True, avoid=avoid)


ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "seeds" / "000_0bd88628448f5f77.txt"
ODESA_ARTICLE = ROOT / "tests" / "data" / "articles" / "odesa_grain_corridor.txt"


@functools.cache
def article_story(path: str) -> tuple[tuple[PairCheck, ...], str | None]:
    """An article's claims as ``shiproute article PATH --map`` draws them, and its headline."""
    from geo.text.article import check_article, load_article

    report = check_article(load_article(path), sea=True)
    return tuple(report.claims), report.article.title


#: The stories a graphics desk looks at (issue 14): slug -> (checks, subtitle). The same set
#: is drawn by the browser tests and by bench/map_gallery.py.
STORY_SLUGS = (
    "seed-article", "najin-dunay", "rotterdam-shanghai", "rotterdam-shanghai-avoid-suez-panama",
    "rotterdam-shanghai-avoid-suez", "vladivostok-seattle", "kerch-novorossiysk", "odesa-five-claims",
)


#: Drawn by the gallery too (not by the browser tests): the sea route along the straight line,
#: and voyages out of the Caspian by the Volga–Don Canal and out of the Great Lakes by the
#: St. Lawrence Seaway.
GALLERY_EXTRA_SLUGS = ("sevastopol-odesa", "baku-istanbul", "chicago-montreal")


def story(slug: str) -> tuple[tuple[PairCheck, ...], str | None]:
    if slug == "seed-article":
        return article_story(str(SEED_ARTICLE))
    if slug == "odesa-five-claims":
        return article_story(str(ODESA_ARTICLE))
    pairs = {
        "najin-dunay": ("Najin", "Dunay", "approximately 180 km", ()),
        "rotterdam-shanghai": ("Rotterdam", "Shanghai", None, ()),
        "rotterdam-shanghai-avoid-suez-panama": ("Rotterdam", "Shanghai", None, ("suez", "panama")),
        "rotterdam-shanghai-avoid-suez": ("Rotterdam", "Shanghai", "about 10,500 nautical miles", ("suez",)),
        "vladivostok-seattle": ("Vladivostok", "Seattle", None, ()),
        "kerch-novorossiysk": ("Kerch", "Novorossiysk", None, ()),
        "sevastopol-odesa": ("Sevastopol", "Odesa", None, ()),
        "baku-istanbul": ("Baku", "Istanbul", None, ()),
        "chicago-montreal": ("Chicago", "Montreal", None, ()),
    }
    a, b, claim, avoid = pairs[slug]
    return (story_check(a, b, claim, avoid),), None
