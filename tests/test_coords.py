"""Coordinates as articles write them: a table of forms, failures, and properties."""

from __future__ import annotations

import math

import pytest
from _examples import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.errors import BadCoordinates, ShiprouteError
from geo.places.coords import looks_like_coordinates, parse_coordinates, place_from_coordinates

NAJIN = (42.233333, 130.3)  # 42°14′N 130°18′E, the seed article's port

VALID = [
    ("42.23N 130.30E", (42.23, 130.3)),
    ("42.23°N, 130.30°E", (42.23, 130.3)),
    ("42.23° N, 130.30° E", (42.23, 130.3)),
    ("42°14′N 130°18′E", NAJIN),
    ("42°14'N 130°18'E", NAJIN),
    ("42°14’N 130°18’E", NAJIN),
    ("42º14'N 130º18'E", NAJIN),
    ("42˚14′ N, 130˚18′ E", NAJIN),
    ("42°14'21\"N 130°18'E", (42.239167, 130.3)),
    ("42°14′21″N 130°18′0″E", (42.239167, 130.3)),
    ("42°14′21”N 130°18′E", (42.239167, 130.3)),
    ("42°14′21''N 130°18′E", (42.239167, 130.3)),
    ("42 14 N 130 18 E", NAJIN),
    ("42 14 21 N 130 18 0 E", (42.239167, 130.3)),
    ("N42.23 E130.30", (42.23, 130.3)),
    ("N 42.23, E 130.30", (42.23, 130.3)),
    ("N42°14′ E130°18′", NAJIN),
    ("42.2333, 130.3", (42.2333, 130.3)),
    ("42.2333,130.3", (42.2333, 130.3)),
    ("42.2333 130.3", (42.2333, 130.3)),
    ("42.2333; 130.3", (42.2333, 130.3)),
    ("(42.2333, 130.3)", (42.2333, 130.3)),
    ("-33.86, 151.21", (-33.86, 151.21)),
    ("−33.86, 151.21", (-33.86, 151.21)),
    ("33.86S 151.21E", (-33.86, 151.21)),
    ("33°51′S 151°13′E", (-33.85, 151.216667)),
    ("40.7128° N, 74.0060° W", (40.7128, -74.006)),
    ("51.5N 0.12W", (51.5, -0.12)),
    ("42.23 north, 130.30 east", (42.23, 130.3)),
    ("42 degrees 14' N 130 deg 18' E", NAJIN),
    ("130.30E 42.23N", (42.23, 130.3)),  # both lettered: the letters settle the order
    ("42.23N130.30E", (42.23, 130.3)),
    ("42.23N/130.30E", (42.23, 130.3)),
    ("42,23N 130,30E", (42.23, 130.3)),  # decimal commas, unambiguous with letters
    ("42,2333, 130,3", (42.2333, 130.3)),
    ("42,2333; 130,3", (42.2333, 130.3)),
    ("0, 0", (0.0, 0.0)),
    ("90N 180W", (90.0, -180.0)),
    ("-90, 180", (-90.0, 180.0)),
    ("  42.23N 130.30E  ", (42.23, 130.3)),
    ("42.23\u00a0N 130.30\u00a0E", (42.23, 130.3)),
    ("+42.23, +130.30", (42.23, 130.3)),
]


@pytest.mark.parametrize("text, expected", VALID)
def test_valid_forms(text: str, expected: tuple[float, float]) -> None:
    lat, lon = parse_coordinates(text)
    assert lat == pytest.approx(expected[0], abs=1e-6)
    assert lon == pytest.approx(expected[1], abs=1e-6)
    assert looks_like_coordinates(text)


INVALID = [
    ("", "empty"),
    ("   ", "empty"),
    ("Najin", "unexpected"),
    ("42.23", "only one value"),
    ("42.23N", "only one value"),
    ("95, 10", "latitude 95"),
    ("-90.5, 10", "latitude -90.5"),
    ("42, 181", "longitude 181"),
    ("95N 10E", "latitude 95"),
    ("42°75′N 130°18′E", "minutes must be below 60"),
    ("42°14′75″N 130°18′E", "seconds must be below 60"),
    ("42 60 N 130 18 E", "minutes must be below 60"),
    ("42N 130N", "both values are latitudes"),
    ("42E 130E", "both values are longitudes"),
    ("42.23, 130.30N", "N/S letter on the second value"),
    ("130.30E, 42.23", "E/W letter on the first value"),
    ("-33.86S 151.21E", "both a sign and a hemisphere letter"),
    ("N42.23N 130E", "two hemisphere letters"),
    ("42.5°14′N 130°E", "degrees with a fraction followed by minutes"),
    ("42°14.5′21″N 130°E", "minutes with a fraction followed by seconds"),
    ("42°21″N 130°E", "mark misplaced"),
    ("10 20 30 40", "ambiguous run of unmarked numbers"),
    ("42.23, 130.30, 5", "more than one separator"),
    ("42,5 13", "ambiguous commas"),
    ("42,23,130,30", "cannot tell decimal commas from separators"),
    ("42.23 N 130.30 E 7", "unexpected 'E'"),
    ("lat 42.23 lon 130.30", "unexpected"),
    ("42.23-130.30", "numbers run together"),
    ("1" * 200, "longer than"),
]


@pytest.mark.parametrize("text, reason", INVALID)
def test_invalid_forms(text: str, reason: str) -> None:
    with pytest.raises(BadCoordinates) as info:
        parse_coordinates(text)
    assert reason in info.value.reason
    assert repr(text[:40]) in str(info.value) or "…" in str(info.value)


def test_error_is_a_value_error_and_says_what_to_try() -> None:
    with pytest.raises(ValueError, match="write them like"):
        parse_coordinates("95N 10E")


@pytest.mark.parametrize("text", ["Najin", "Dunay, RU", "KPNJN", "E4", "180 km", "42", "A1 road", "north"])
def test_place_names_do_not_look_like_coordinates(text: str) -> None:
    assert not looks_like_coordinates(text)


def test_place_from_coordinates() -> None:
    place = place_from_coordinates("42°14′N 130°18′E")
    assert (place.lat, place.lon) == NAJIN
    assert place.kind == "coordinates" and place.source == "coordinates"


# --- properties -------------------------------------------------------------------------------

_COORDINATE_ALPHABET = "0123456789 .,;/-+°º'′’\"″”NSEWnsew()"


@settings(max_examples=examples(400), deadline=None)
@given(st.one_of(st.text(max_size=40), st.text(alphabet=_COORDINATE_ALPHABET, max_size=30)))
def test_any_string_parses_in_range_or_raises_bad_coordinates(text: str) -> None:
    try:
        lat, lon = parse_coordinates(text)
    except BadCoordinates as error:
        assert error.reason
        return
    assert -90 <= lat <= 90 and -180 <= lon <= 180
    assert math.isfinite(lat) and math.isfinite(lon)
    assert looks_like_coordinates(text), "everything that parses must look like coordinates"


_lats = st.floats(min_value=-90, max_value=90, allow_nan=False)
_lons = st.floats(min_value=-180, max_value=180, allow_nan=False)


@settings(max_examples=examples(300), deadline=None)
@given(_lats, _lons, st.sampled_from(["{lat}, {lon}", "{lat},{lon}", "{lat} {lon}", "({lat}; {lon})"]))
def test_decimal_round_trip(lat: float, lon: float, template: str) -> None:
    text = template.format(lat=f"{lat:.7f}", lon=f"{lon:.7f}")
    got_lat, got_lon = parse_coordinates(text)
    assert abs(got_lat - lat) <= 1e-6 and abs(got_lon - lon) <= 1e-6


def _dms(value: float, positive: str, negative: str, style: int) -> str:
    """Format ``value`` degrees as degrees, minutes and seconds to 0.1″ in one of three styles."""
    tenths = round(abs(value) * 36000)  # whole tenths of an arc-second, so seconds never round to 60
    degrees, rest = divmod(tenths, 36000)
    minutes, tenths_of_seconds = divmod(rest, 600)
    seconds = tenths_of_seconds / 10
    letter = positive if value >= 0 else negative
    if style == 0:
        return f"{degrees}°{minutes:02d}′{seconds:04.1f}″{letter}"
    if style == 1:
        return f"{degrees}°{minutes}'{seconds}\"{letter}"
    return f"{letter}{degrees} {minutes} {seconds}"


@settings(max_examples=examples(300), deadline=None)
@given(_lats, _lons, st.integers(0, 2), st.sampled_from([" ", ", ", ","]))
def test_dms_round_trip_within_one_arc_second(lat: float, lon: float, style: int, separator: str) -> None:
    text = _dms(lat, "N", "S", style) + separator + _dms(lon, "E", "W", style)
    got_lat, got_lon = parse_coordinates(text)
    arc_second = 1 / 3600
    assert abs(got_lat - lat) <= arc_second and abs(got_lon - lon) <= arc_second


@settings(max_examples=examples(200), deadline=None)
@given(_lats, _lons)
def test_swapped_lettered_order_reads_the_same(lat: float, lon: float) -> None:
    lat_text, lon_text = _dms(lat, "N", "S", 0), _dms(lon, "E", "W", 0)
    assert parse_coordinates(f"{lat_text} {lon_text}") == parse_coordinates(f"{lon_text} {lat_text}")


def test_errors_are_shiproute_errors() -> None:
    with pytest.raises(ShiprouteError):
        parse_coordinates("somewhere")
