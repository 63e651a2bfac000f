"""Typed errors of shiproute.

Every error a user can cause derives from :class:`ShiprouteError` and also from the builtin
that best describes it, so callers can catch either. Messages echo the bad input with ``!r``
and say what was expected or what to try.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "ShiprouteError",
    "PlaceNotFound",
    "AmbiguousPlace",
    "BadClaim",
    "BadCoordinates",
    "BadInput",
    "BadCacheDir",
    "DataMissing",
    "NoSeaRoute",
]


class ShiprouteError(Exception):
    """Root of every error shiproute raises on purpose.

    It pickles as it is (its message and fields), not by calling its constructor with its
    message (the builtin way, which breaks every subclass whose constructor takes other
    arguments), so an error raised in a batch worker process reaches the parent whole.
    """

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _rebuilt, (type(self), self.args, dict(self.__dict__))


def _rebuilt(cls: type[ShiprouteError], args: tuple[Any, ...], fields: dict[str, Any]) -> ShiprouteError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(fields)
    return error


class PlaceNotFound(ShiprouteError, LookupError):
    """A name matched nothing in the gazetteer; ``suggestions`` holds up to five near names."""

    def __init__(self, query: str, suggestions: Sequence[str] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        hint = (
            f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?"
            if self.suggestions
            else "; try another spelling, a UN/LOCODE (e.g. 'KPNJN') or coordinates ('42.23N 130.30E')"
        )
        super().__init__(f"no place called {query!r} in the offline gazetteer{hint}")


class AmbiguousPlace(ShiprouteError, LookupError):
    """A name fits several places equally well; ``candidates`` lists them, best first."""

    def __init__(self, query: str, candidates: Sequence[object]) -> None:
        self.query = query
        self.candidates = tuple(candidates)
        listed = "; ".join(str(c) for c in self.candidates[:5])
        super().__init__(
            f"{query!r} is ambiguous: {listed}; add a country ('{query}, <country>') or use coordinates"
        )


class BadClaim(ShiprouteError, ValueError):
    """A distance expression could not be read."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(
            f"cannot read a distance in {text!r}: {reason}; "
            "write it like 'approximately 180 km', '110 miles', '150-200 km' or 'about 97 nautical miles'"
        )


class BadCoordinates(ShiprouteError, ValueError):
    """Text looked like coordinates but does not give a valid latitude and longitude."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(
            f"cannot read coordinates in {text!r}: {reason}; "
            "write them like '42.23N 130.30E', '42°14′N 130°18′E' or '42.2333, 130.3' (lat, lon)"
        )


class BadInput(ShiprouteError, ValueError):
    """An input file, URL or option value is unusable (empty, binary, unreachable, malformed)."""


class BadCacheDir(ShiprouteError, NotADirectoryError):
    """The cache folder cannot be a folder: a file stands at its path or at one of its parents.

    ``path`` is the cache folder asked for, ``blocker`` the file in the way, ``setting`` where the
    path came from (``SHIPROUTE_CACHE_DIR``, ``XDG_CACHE_HOME`` or the home folder).
    """

    def __init__(self, path: str, blocker: str, setting: str) -> None:
        self.path = path
        self.blocker = blocker
        self.setting = setting
        what = "is a file, not a folder" if blocker == path else f"cannot be made: {blocker!r} is a file"
        cure = (f"point {setting} at a folder (it is created if missing) or unset it"
                if setting != "the home folder" else f"move {blocker!r} away or set SHIPROUTE_CACHE_DIR to a folder")
        super().__init__(f"the cache folder {path!r} (from {setting}) {what}; {cure}")


class DataMissing(ShiprouteError, FileNotFoundError):
    """Shipped or installed data that shiproute needs cannot be found."""


class NoSeaRoute(ShiprouteError, LookupError):
    """No route by water joins the two places (inland point, closed sea, all passages avoided)."""
