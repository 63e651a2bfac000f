"""A persistent cache of sea routes, so that asking for the same route again answers at once.

:func:`geo.sea.route.sea_route` is deterministic: the same ends, the same passages avoided, the
same shipped data and the same code give the same :class:`~geo.types.Route`, float for float.
So a route, once computed, is kept in a small SQLite file and handed back unchanged when the
same question comes again (a repeated ``shiproute check``, a batch that meets a pair twice, a
map redrawn). Nothing about a cached route differs from a computed one, ``Route.method``
included; only the time it takes.

Where and when
--------------
* File: ``routes-s<SCHEMA>.sqlite`` in the user cache directory of :func:`geo.sea.coastline.cache_dir`
  (``$SHIPROUTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/shiproute``, else ``~/.cache/shiproute``).
* Key: the exact (lon, lat) of both ends as given (after validation), the passages avoided, and
  a *version* that hashes the versions of roaring-landmask (GSHHG), shapely, searoute
  (MARNET) and pyproj and the source code of the router (``geo/searoute.py``,
  ``geo/seaengine.py``, ``geo/coastline.py``, ``geo/geodesy.py``, this file). Any change to
  data or code makes a new version: older rows, "no route" answers included, are never
  served, and are dropped at the next write.
* Also kept: "no route by water joins these ends" (the slowest answer to reach), with which
  ends reach no open water at all, rebuilt into the same :class:`~geo.errors.NoSeaRoute`
  message for the places asked about; and the
  regional routes that replace runs of MARNET lanes crossing land (``kind="lane"``), which
  ocean routes through the same waters share.
* Written with one SQLite transaction a route (atomic: a reader sees a whole row or none);
  at most :data:`MAX_ROWS` rows, the oldest dropped first.
* The cache never makes a route fail: an unreadable or unwritable file is ignored.

Turning it off
--------------
``SHIPROUTE_ROUTE_CACHE=off`` (or ``0``, ``no``, ``false``) in the environment, or
``sea_route(..., cache=False)``, computes every route afresh (benchmarks of first-time
routes do this). Any other value of ``SHIPROUTE_ROUTE_CACHE`` is taken as the path of the
SQLite file to use instead of the default.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from geo.fileio import cache_dir, data_file, installed_version

__all__ = [
    "SCHEMA_VERSION",
    "MAX_ROWS",
    "ENV_VAR",
    "cache_path",
    "cache_version",
    "lookup",
    "remember",
]

#: Bump when the layout of the file changes.
SCHEMA_VERSION = 1
#: Rows kept at most; the oldest writes go first.
MAX_ROWS = 20_000
#: Environment variable: "off" (or 0/no/false) disables the cache; a path moves it.
ENV_VAR = "SHIPROUTE_ROUTE_CACHE"

_OFF = {"0", "off", "no", "false", "disable", "disabled"}
#: The modules whose code makes a route (geodesy measures its length): any edit to one of
#: them makes a new cache version, so a fixed router never serves an old answer.
#: The router's source files, relative to the ``geo`` package.
_SOURCES = ("sea/route.py", "sea/engine.py", "sea/basics.py", "sea/passages.py", "sea/coastline.py", "sea/cache.py",
            "sea/channels.py", "sea/closed_seas.py", "geodesy.py")
#: The distributions whose data or arithmetic a route depends on.
_DISTRIBUTIONS = ("roaring-landmask", "shapely", "searoute", "pyproj")
#: Shipped data files a route depends on (the closed seas' water, the river channels), hashed
#: byte for byte.
_DATA_FILES = ("countries-50m.geojson.gz", "great-lakes.geojson.gz", "lakes-10m.geojson.gz", "channels.geojson")


def cache_path() -> Path | None:
    """The SQLite file of the route cache, or None when the cache is turned off."""
    setting = os.environ.get(ENV_VAR, "").strip()
    if setting.lower() in _OFF:
        return None
    if setting:
        return Path(setting)
    return cache_dir() / f"routes-s{SCHEMA_VERSION}.sqlite"


@functools.lru_cache(maxsize=1)
def cache_version() -> str:
    """A digest of everything a route depends on: data versions and the router's code (the
    coastline's schema and derivation are in ``geo/coastline.py``, hashed with the rest)."""
    versions = {dist: installed_version(dist) for dist in _DISTRIBUTIONS}
    return _version_digest(versions, Path(__file__).resolve().parent.parent)


def _version_digest(versions: dict[str, str], source_dir: Path) -> str:
    """The cache version for these distribution versions and the :data:`_SOURCES` files of
    ``source_dir``, byte for byte (a comment changed is a new version: cheap and safe)."""
    import hashlib

    digest = hashlib.sha256()
    digest.update(f"{sorted(versions.items())}|schema {SCHEMA_VERSION}".encode())
    for name in _SOURCES:
        try:
            digest.update(name.encode() + b"\0" + (source_dir / name).read_bytes())
        except OSError:
            digest.update(name.encode() + b"\0missing")
    for name in _DATA_FILES:
        try:
            digest.update(name.encode() + b"\0" + data_file(name).read_bytes())
        except OSError:
            digest.update(name.encode() + b"\0missing")
    return digest.hexdigest()[:20]


def _key(a: tuple[float, float], b: tuple[float, float], avoid: tuple[str, ...], kind: str) -> str:
    # json writes floats by repr, which round-trips: the key is exact, not rounded.
    return json.dumps([kind, list(a), list(b), list(avoid)], separators=(",", ":"))


class _Connection:
    """One SQLite connection per process (re-opened after a fork), used under a lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.con: sqlite3.Connection | None = None
        self.path: Path | None = None
        self.pid = -1
        self.pruned = False

    def get(self, path: Path, *, create: bool) -> sqlite3.Connection | None:
        if self.con is not None and (self.path != path or self.pid != os.getpid()):
            if self.pid == os.getpid():
                self.con.close()  # another file asked for; after a fork the parent's is not ours
            self.con = None
        if self.con is None:
            if not create and not path.exists():
                return None
            path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(str(path), timeout=2.0, check_same_thread=False, isolation_level=None)
            con.execute(
                "CREATE TABLE IF NOT EXISTS routes ("
                "version TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (version, key))"
            )
            self.con, self.path, self.pid, self.pruned = con, path, os.getpid(), False
        return self.con


_CONNECTION = _Connection()


def _digest(text: str) -> str:
    import hashlib

    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def _sealed_value(text: str) -> str:
    """A row's value: a digest of the JSON, a space, the JSON (so a damaged row is recognised)."""
    return f"{_digest(text)} {text}"


def _checked_value(value: Any) -> dict[str, Any] | None:
    """The outcome stored in a row, or None when the row is damaged (digest, JSON or shape)."""
    if not isinstance(value, str) or value[16:17] != " " or _digest(value[17:]) != value[:16]:
        return None
    try:
        outcome = json.loads(value[17:])
    except ValueError:
        return None
    return outcome if isinstance(outcome, dict) and outcome else None


def lookup(
    a: tuple[float, float], b: tuple[float, float], avoid: tuple[str, ...], *, kind: str = "route"
) -> dict[str, Any] | None:
    """The stored outcome for this exact question, or None (not stored, or cache off).

    The outcome is the dict given to :func:`remember`. ``kind`` keeps questions of different
    sorts apart: "route" for :func:`~geo.sea.route.sea_route`, "lane" for the repair of a run of
    sea lanes that touches land (shared by every ocean route that sails it).
    """
    path = cache_path()
    if path is None:
        return None
    try:
        with _CONNECTION.lock:
            con = _CONNECTION.get(path, create=False)
            if con is None:
                return None
            row = con.execute(
                "SELECT value FROM routes WHERE version = ? AND key = ?", (cache_version(), _key(a, b, avoid, kind))
            ).fetchone()
        if row is None:
            return None
        outcome = _checked_value(row[0])
        if outcome is None:
            from geo.fileio import cache_note

            cache_note(f"a damaged row of the route cache {str(path)!r} was ignored; the route is computed afresh")
        return outcome
    except (sqlite3.Error, OSError, ValueError):
        return None  # an unreadable cache is no cache


def remember(
    a: tuple[float, float], b: tuple[float, float], avoid: tuple[str, ...], outcome: dict[str, Any], *,
    kind: str = "route",
) -> None:
    """Store the outcome (a JSON-able dict) for this question; silently skipped when the
    cache is off, locked for too long or not writable."""
    path = cache_path()
    if path is None:
        return
    value = _sealed_value(json.dumps(outcome, separators=(",", ":")))
    version = cache_version()
    try:
        with _CONNECTION.lock:
            con = _CONNECTION.get(path, create=True)
            assert con is not None
            with con:  # one transaction: the row is written whole or not at all
                con.execute("BEGIN IMMEDIATE")
                if not _CONNECTION.pruned:
                    # Rows of other data or code versions can never be served again.
                    con.execute("DELETE FROM routes WHERE version != ?", (version,))
                    _CONNECTION.pruned = True
                con.execute("INSERT OR REPLACE INTO routes (version, key, value) VALUES (?, ?, ?)",
                            (version, _key(a, b, avoid, kind), value))
                con.execute("DELETE FROM routes WHERE rowid <= (SELECT max(rowid) FROM routes) - ?", (MAX_ROWS,))
    except (sqlite3.Error, OSError):
        return
