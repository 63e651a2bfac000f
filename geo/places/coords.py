"""Coordinates as articles write them, read into ``(lat, lon)`` in degrees.

Accepted forms (latitude first unless both values carry hemisphere letters)::

    42.23N 130.30E          42.23°N, 130.30°E        N42.23 E130.30
    42°14′N 130°18′E        42°14'21"N 130°18'E      42 14 N 130 18 E
    42.2333, 130.3          -33.86, 151.21           33.86S 151.21E
    42,23N 130,30E          (decimal commas, where the reading is unambiguous)

A bare pair of numbers is read as ``(lat, lon)``, the order of ISO 6709 and of most articles;
``130.3, 42.2333`` is therefore latitude 130.3 and rejected. With hemisphere letters on both
values the order is free: ``130.30E 42.23N`` is the same point as ``42.23N 130.30E``.

>>> parse_coordinates("42°14′N 130°18′E")
(42.233333, 130.3)
>>> parse_coordinates("33.86S 151.21E")
(-33.86, 151.21)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.errors import BadCoordinates
from geo.types import Place

__all__ = ["looks_like_coordinates", "parse_coordinates", "place_from_coordinates"]

#: Longer inputs are not coordinates as an article or a command line writes them.
MAX_COORDINATE_TEXT = 120

# One-for-one character replacements: typographic variants onto the ASCII marks the grammar
# below knows. Degree look-alikes (ordinal º, ring ˚), primes and curly quotes for minutes and
# seconds, and every dash that can stand for a minus sign.
_CHAR_NORMALISE = str.maketrans(
    {
        "º": "°",
        "˚": "°",
        "′": "'",
        "’": "'",
        "‘": "'",
        "ʹ": "'",
        "´": "'",
        "`": "'",
        "″": '"',
        "”": '"',
        "“": '"',
        "ʺ": '"',
        "−": "-",
        "–": "-",
        "‒": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "(": " ",
        ")": " ",
        "[": " ",
        "]": " ",
    }
)
_WORD_NORMALISE = [
    (re.compile(r"(?<![A-Za-z])(north|south|east|west)(?![A-Za-z])", re.I), lambda m: m[1][0].upper()),
    (re.compile(r"(?<![A-Za-z])(?:degrees|degree|deg)(?![A-Za-z])\.?", re.I), lambda m: "°"),
    (re.compile(r"''"), lambda m: '"'),  # two primes written as two apostrophes: seconds
]

_TOKEN = re.compile(
    r"""
      (?P<num>[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))
    | (?P<deg>°)
    | (?P<min>')
    | (?P<sec>")
    | (?P<hemi>[NSEW])
    | (?P<sep>[,;/])
    | (?P<ws>\s+)
    """,
    re.X | re.ASCII,
)
# A comma between two digits is either a decimal comma ("42,23N") or the separator of a tight
# pair ("42.23,130.30"); both readings are tried and only an unambiguous one is kept.
_DIGIT_COMMA = re.compile(r"(?<=[0-9]),(?=[0-9])")
# Cheap pre-check: only characters that coordinates are made of, once words are normalised.
_COORDINATE_CHARS = re.compile(r"[\s0-9.,;/+\-°'\"NSEW]*[0-9][\s0-9.,;/+\-°'\"NSEW]*", re.ASCII)
_MARK = re.compile(r"[°'\"]")
_NUMBER_RUN = re.compile(r"[0-9]+(?:\.[0-9]+)?", re.ASCII)

_MARK_POSITION = {"deg": 0, "min": 1, "sec": 2}
_POSITION_NAME = ("degrees", "minutes", "seconds")
_HEMISPHERE_ROLE = {"N": "lat", "S": "lat", "E": "lon", "W": "lon"}

# Failure ranks: when no split of the text reads, report the failure that got furthest, so
# "42 75 N 130 E" says "minutes must be below 60" rather than "no number in 'N 130 E'".
_EMPTY_PART, _STRUCTURE, _ROLES, _VALUES = 0, 1, 2, 3


class _Reject(Exception):
    def __init__(self, reason: str, rank: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.rank = rank


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # num | deg | min | sec | hemi | sep
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Component:
    degrees: float  # unsigned decimal degrees
    negative: bool  # a minus sign or an S/W letter
    role: str | None  # "lat" | "lon" from a hemisphere letter, else None
    written: str


def _normalise(text: str) -> str:
    text = text.translate(_CHAR_NORMALISE)
    for pattern, replacement in _WORD_NORMALISE:
        text = pattern.sub(replacement, text)
    return text.strip()


def looks_like_coordinates(text: str) -> bool:
    """True when ``text`` is clearly an attempt at coordinates rather than a place name.

    Cheap: checks only that the text is made of numbers, degree/minute/second marks,
    hemisphere letters (capitals) or words and separators, with two numbers or a degree,
    minute or second mark. It does not check
    ranges; :func:`parse_coordinates` does, and explains what is wrong.

    >>> looks_like_coordinates("42.23N 130.30E"), looks_like_coordinates("Najin")
    (True, False)
    """
    if len(text) > MAX_COORDINATE_TEXT:
        return False
    normal = _normalise(text)
    if not _COORDINATE_CHARS.fullmatch(normal):
        return False
    return bool(_MARK.search(normal)) or len(_NUMBER_RUN.findall(normal)) >= 2


def parse_coordinates(text: str) -> tuple[float, float]:
    """Read coordinates written as in articles into ``(lat, lon)`` in decimal degrees.

    Latitude is in [-90, 90] and longitude in [-180, 180], both rounded to 6 decimals
    (about 0.1 m). A bare pair of numbers is ``(lat, lon)``; hemisphere letters (N/S/E/W, or
    the words) set the sign and, when both values carry one, the order. Degrees, minutes and
    seconds may be marked with ° º ' ′ ’ " ″ ” or separated by spaces; minutes and seconds
    must be below 60.

    Raises :class:`~geo.errors.BadCoordinates` naming what could not be read.
    """
    if not isinstance(text, str):
        raise BadCoordinates(repr(text), "coordinates must be text")
    if len(text) > MAX_COORDINATE_TEXT:
        raise BadCoordinates(text[:40] + "…", f"longer than {MAX_COORDINATE_TEXT} characters")
    normal = _normalise(text)
    if not normal:
        raise BadCoordinates(text, "empty text")
    if not _DIGIT_COMMA.search(normal):
        try:
            return _parse_normalised(normal)
        except _Reject as reject:
            raise BadCoordinates(text, reject.reason) from None
    readings: dict[str, tuple[float, float]] = {}
    failures: list[_Reject] = []
    for name, reading in (("decimal commas", _DIGIT_COMMA.sub(".", normal)), ("separators", normal)):
        try:
            readings[name] = _parse_normalised(reading)
        except _Reject as reject:
            failures.append(reject)
    if len(set(readings.values())) == 1:
        return next(iter(readings.values()))
    if readings:
        raise BadCoordinates(
            text,
            "ambiguous commas: read as decimal commas it is {decimal commas}, read as separators "
            "{separators}; use '.' for decimals".format_map(readings),
        )
    best = max(failures, key=lambda f: f.rank)  # max keeps the first of equal ranks
    if best.rank <= _STRUCTURE:
        raise BadCoordinates(
            text, "cannot tell decimal commas from separators; use '.' for decimals and ', ' between the values"
        )
    raise BadCoordinates(text, best.reason)


def place_from_coordinates(text: str) -> Place:
    """A :class:`~geo.types.Place` of kind ``coordinates`` at the point ``text`` names."""
    lat, lon = parse_coordinates(text)
    return Place(name=f"{lat:.6f}, {lon:.6f}", lat=lat, lon=lon, kind="coordinates", source="coordinates")


def _tokenise(normal: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    spaced = True
    while position < len(normal):
        match = _TOKEN.match(normal, position)
        if match is None:
            raise _Reject(f"unexpected {normal[position]!r}; only numbers, ° ′ ″ marks and N/S/E/W", _STRUCTURE)
        kind = match.lastgroup or ""
        if kind == "ws":
            spaced = True
        else:
            if kind == "num" and tokens and tokens[-1].kind == "num" and not spaced:
                raise _Reject(f"numbers run together at {match[0]!r}; put a space or comma between them", _STRUCTURE)
            tokens.append(_Token(kind, match[0], match.start(), match.end()))
            spaced = kind == "sep"
        position = match.end()
    return tokens


def _parse_normalised(normal: str) -> tuple[float, float]:
    tokens = _tokenise(normal)
    if sum(token.kind == "num" for token in tokens) < 2:
        raise _Reject("only one value; give a latitude and a longitude", _STRUCTURE)
    separators = [i for i, token in enumerate(tokens) if token.kind == "sep"]
    if len(separators) > 1:
        raise _Reject("more than one separator; write one comma between latitude and longitude", _STRUCTURE)
    if separators:
        cut = separators[0]
        splits = [(tokens[:cut], tokens[cut + 1 :])]
    else:
        numbers = sum(token.kind == "num" for token in tokens)
        unmarked = all(token.kind == "num" for token in tokens)
        if unmarked and numbers > 2:
            raise _Reject(
                "ambiguous run of unmarked numbers; mark degrees and minutes (42°14′N) "
                "or separate latitude and longitude with a comma",
                _STRUCTURE,
            )
        # Try every cut; the grammar of a component rejects all but the intended one(s).
        splits = [(tokens[:cut], tokens[cut:]) for cut in range(1, len(tokens))]
    if not splits:
        raise _Reject("only one value; give a latitude and a longitude", _STRUCTURE)
    readings: list[tuple[float, float]] = []
    failures: list[_Reject] = []
    for first, second in splits:
        try:
            readings.append(_pair(_component(first, normal), _component(second, normal)))
        except _Reject as reject:
            failures.append(reject)
    distinct = sorted(set(readings))
    if len(distinct) == 1:
        return distinct[0]
    if len(distinct) > 1:
        raise _Reject(
            f"ambiguous: reads as {distinct[0]} or {distinct[1]}; "
            "separate latitude and longitude with a comma",
            _VALUES,
        )
    raise max(failures, key=lambda f: f.rank)


def _component(tokens: list[_Token], normal: str) -> _Component:
    """One latitude or longitude: ``[H] [±]D[°] [M[′]] [S[″]] [H]`` with H a hemisphere letter."""
    if not tokens:
        raise _Reject("only one value; give a latitude and a longitude", _EMPTY_PART)
    written = normal[tokens[0].start : tokens[-1].end]
    body = list(tokens)
    prefix = body.pop(0).text.upper() if body[0].kind == "hemi" else None
    suffix = body.pop().text.upper() if body and body[-1].kind == "hemi" else None
    if prefix and suffix:
        raise _Reject(f"two hemisphere letters in {written!r}", _STRUCTURE)
    hemisphere = prefix or suffix
    parts: list[str] = []  # the numbers, by position: degrees, minutes, seconds
    for index, token in enumerate(body):
        if token.kind == "num":
            if len(parts) == 3:
                raise _Reject(f"too many numbers in {written!r}", _STRUCTURE)
            parts.append(token.text)
        elif token.kind in _MARK_POSITION:
            previous = body[index - 1] if index else None
            if previous is None or previous.kind != "num" or _MARK_POSITION[token.kind] != len(parts) - 1:
                raise _Reject(
                    f"{_POSITION_NAME[_MARK_POSITION[token.kind]]} mark misplaced in {written!r}", _STRUCTURE
                )
        else:
            raise _Reject(f"unexpected {token.text!r} inside {written!r}", _STRUCTURE)
    if not parts:
        raise _Reject(f"no number in {written!r}", _EMPTY_PART)
    if any(part[0] in "+-" for part in parts[1:]):
        raise _Reject(f"a sign inside {written!r}; only the degrees may carry one", _STRUCTURE)
    negative = parts[0].startswith("-")
    if hemisphere and parts[0][0] in "+-":
        raise _Reject(f"both a sign and a hemisphere letter in {written!r}; use one", _VALUES)
    values = [float(part.lstrip("+-")) for part in parts]
    for position, value in enumerate(values[:-1]):
        if value != int(value):
            raise _Reject(
                f"{_POSITION_NAME[position]} with a fraction followed by {_POSITION_NAME[position + 1]} "
                f"in {written!r}",
                _VALUES,
            )
    for position, value in enumerate(values[1:], start=1):
        if value >= 60:
            raise _Reject(f"{_POSITION_NAME[position]} must be below 60, got {value:g} in {written!r}", _VALUES)
    degrees = sum(value / 60**position for position, value in enumerate(values))
    if hemisphere in ("S", "W"):
        negative = True
    role = _HEMISPHERE_ROLE[hemisphere] if hemisphere else None
    return _Component(degrees, negative, role, written)


def _pair(first: _Component, second: _Component) -> tuple[float, float]:
    roles = (first.role, second.role)
    if roles in (("lat", "lat"), ("lon", "lon")):
        kind = "latitudes (N/S)" if first.role == "lat" else "longitudes (E/W)"
        raise _Reject(f"both values are {kind}; give one latitude and one longitude", _ROLES)
    if roles == ("lon", "lat"):
        first, second = second, first  # both lettered: the letters settle the order
    elif first.role == "lon":
        raise _Reject(
            f"E/W letter on the first value {first.written!r}, which is read as the latitude; "
            "write latitude first, e.g. '42.23N 130.30E'",
            _ROLES,
        )
    elif second.role == "lat":
        raise _Reject(
            f"N/S letter on the second value {second.written!r}, which is read as the longitude; "
            "write latitude first, e.g. '42.23N 130.30E'",
            _ROLES,
        )
    lat = -first.degrees if first.negative else first.degrees
    lon = -second.degrees if second.negative else second.degrees
    if not abs(lat) <= 90:
        raise _Reject(f"latitude {lat:g} is beyond ±90°", _VALUES)
    if not abs(lon) <= 180:
        raise _Reject(f"longitude {lon:g} is beyond ±180°", _VALUES)
    return (round(lat, 6) + 0.0, round(lon, 6) + 0.0)  # + 0.0 turns -0.0 into 0.0
