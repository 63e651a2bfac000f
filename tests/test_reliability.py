"""Issue 13: nothing lost, no "Internal error" for ordinary mistakes, bounded memory.

Real gazetteer, real files, real locks; each test reproduces one defect of the issue.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from geo import errors
from geo.batch import runner
from geo.batch.runner import run_batch

PAIRS = "a,b,claim\nNajin,Dunay,about 180 km\nOdesa,Istanbul,about 600 km\nDover,Calais,40 km\n"


def _pairs(tmp_path: Path, text: str = PAIRS, name: str = "pairs.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- 1. bounded memory ---------------------------------------------------------------------------


def test_geojson_geodesic_rows_are_two_point_lines_unless_densified(tmp_path):
    source = _pairs(tmp_path, "a,b,claim\nOdesa,Istanbul,about 600 km\nAnadyr,Nome,roughly 815 km\n")
    compact, dense = tmp_path / "compact.geojson", tmp_path / "dense.geojson"
    run_batch(source, compact, measure="geodesic", workers=1)
    run_batch(source, dense, measure="geodesic", workers=1, densify_km=10.0)
    plain, crossing = json.loads(compact.read_text(encoding="utf-8"))["features"]
    assert plain["geometry"]["type"] == "LineString" and len(plain["geometry"]["coordinates"]) == 2
    # Across ±180 the two ends stay two lines that meet the antimeridian exactly.
    east, west = crossing["geometry"]["coordinates"]
    assert len(east) == len(west) == 2 and east[-1][0] == 180.0 and west[0][0] == -180.0
    assert east[-1][1] == west[0][1]
    dense_plain = json.loads(dense.read_text(encoding="utf-8"))["features"][0]
    assert len(dense_plain["geometry"]["coordinates"]) > 50  # ~600 km in steps of at most 10 km
    assert compact.stat().st_size * 2 < dense.stat().st_size


def test_result_caches_stay_within_their_byte_budget_and_rows_stay_the_same(tmp_path, monkeypatch):
    names = ["Najin", "Dunay", "Odesa", "Istanbul", "Dover", "Calais", "Hamburg", "Rotterdam", "Busan", "Fukuoka"]
    rows = [f"{a},{b},about {100 + i} km" for i, (a, b) in enumerate((a, b) for a in names for b in names)]
    source = _pairs(tmp_path, "a,b,claim\n" + "\n".join(rows) + "\n")
    expected = tmp_path / "expected.jsonl"
    run_batch(source, expected, measure="geodesic", workers=1)
    budget = 6000  # a dozen JSONL rows
    monkeypatch.setattr(runner, "_CACHE_BUDGET_BYTES", budget)
    monkeypatch.setattr(runner, "_PART_CACHE", {})
    monkeypatch.setattr(runner, "_LINE_CACHE", {})
    out = tmp_path / "out.jsonl"
    run_batch(source, out, measure="geodesic", workers=1, chunk_size=7)
    assert out.read_bytes() == expected.read_bytes()
    caches = [*runner._PART_CACHE.values(), *runner._LINE_CACHE.values()]
    assert caches and all(cache.used <= budget for cache in caches)
    assert all(len(cache) < len(rows) for cache in caches)


# --- 2. one writer per output; the input is not the output ----------------------------------------


def test_a_second_writer_of_the_same_output_is_refused_at_once(tmp_path):
    import fcntl

    source = _pairs(tmp_path)
    out = tmp_path / "out.csv"
    out.write_bytes(b"rows of a batch still running\n")
    # The lock a running batch holds on its output (flock, as _Sink takes it).
    with out.open("rb+") as running:
        fcntl.flock(running.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "--measure", "geodesic"])
        assert result.exit_code == 2, result.output
        assert "another batch is writing" in result.output
        assert out.read_bytes() == b"rows of a batch still running\n"  # untouched
        resumed = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "--resume"])
        assert resumed.exit_code == 2 and "another batch is writing" in resumed.output
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "--measure", "geodesic"])
    assert result.exit_code in (0, 1) and out.read_text(encoding="utf-8").count("\n") == 4


@pytest.mark.parametrize("spelling", ["same", "relative"])
def test_the_output_may_not_be_the_input(tmp_path, monkeypatch, spelling):
    source = _pairs(tmp_path)
    monkeypatch.chdir(tmp_path)
    out = str(source) if spelling == "same" else "./pairs.csv"
    result = CliRunner().invoke(main, ["batch", str(source), "-o", out, "--measure", "geodesic"])
    assert result.exit_code == 2, result.output
    assert "would destroy the input" in result.output
    assert source.read_text(encoding="utf-8") == PAIRS


@pytest.mark.parametrize("device", ["/dev/null"])
def test_a_device_as_output_takes_the_rows_as_a_stream(tmp_path, device):
    source = _pairs(tmp_path)
    result = CliRunner().invoke(main, ["batch", str(source), "-o", device, "--format", "csv", "--measure",
                                       "geodesic"])
    assert result.exit_code in (0, 1), result.output
    assert "Internal error" not in result.output and "3 pairs" in result.output
    resumed = CliRunner().invoke(main, ["batch", str(source), "-o", device, "--format", "csv", "--resume"])
    assert resumed.exit_code == 2 and "regular output file" in resumed.output


def test_an_output_name_too_long_is_one_clear_line(tmp_path):
    source = _pairs(tmp_path)
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(tmp_path / ("n" * 300 + ".csv")),
                                       "--measure", "geodesic"])
    assert result.exit_code == 2, result.output
    assert "File name too long" in result.output and "Internal error" not in result.output


# --- 3. bad rows fail alone, with a reason -------------------------------------------------------


def _rows(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_nan_infinity_and_deep_nesting_in_jsonl_fail_their_rows_alone(tmp_path):
    deep = '{"a": ' + "[" * 5000 + "]" * 5000 + ', "b": "Dunay"}'
    source = _pairs(tmp_path, "\n".join([
        '{"a": "Najin", "b": "Dunay", "claim": NaN}',
        '{"a": "Odesa", "b": "Istanbul", "claim": "about 600 km", "note": Infinity}',
        '{"a": "Dover", "b": "Calais", "claim": -Infinity}',
        '{"a": 1e309, "b": "Calais"}',
        deep,
        '{"a": "Dover", "b": "Calais", "claim": "40 km"}',
    ]) + "\n", name="pairs.jsonl")
    for fmt in ("jsonl", "geojson"):
        out = tmp_path / f"out.{fmt}"
        result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "--measure", "geodesic"])
        assert result.exit_code == 1, result.output  # some rows failed; none was lost
        if fmt == "geojson":
            rows = [f["properties"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]]
        else:
            rows = _rows(out)
        assert [r["status"] for r in rows] == ["failed", "supported", "failed", "failed", "failed", "supported"]
        assert "NaN is not a number JSON allows" in rows[0]["error"]
        assert "-Infinity" in rows[2]["error"] and "1e309" in rows[3]["error"]
        assert "nested too deeply" in rows[4]["error"]


@pytest.mark.parametrize("broken", ['Najin,Dunay,"about 180 km', 'Najin,"Dunay,about 180 km'])
@pytest.mark.parametrize("later", ["Dover,Calais,40 km", 'Dover,"Calais",40 km'])
def test_a_broken_csv_quote_fails_its_row_alone(tmp_path, broken, later):
    source = _pairs(tmp_path, f"a,b,claim\n{broken}\nOdesa,Istanbul,about 600 km\n{later}\n")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "--measure", "geodesic"])
    assert result.exit_code == 1, result.output
    rows = _rows(out)
    assert [r["status"] for r in rows] == ["failed", "supported", "supported"]
    assert "line 2 is not valid CSV" in rows[0]["error"] and "quote" in rows[0]["error"]
    assert [r["input"]["a"] for r in rows[1:]] == ["Odesa", "Dover"]


def test_unreadable_jsonl_lines_fail_alone_each_with_its_own_line(tmp_path):
    source = _pairs(tmp_path, "\n".join([
        '{"a": "Najin", "b": "Dunay", "claim": "about 180 km"}',
        '{"a": "Odesa, "b": "Istanbul"}',  # a quote left open: not JSON
        '["Dover", "Calais"]',
        '"Dover to Calais"',
        '{"a": "Najin", "b": "Dunay", "claim": "about 180 km"}',
        '{"a": "Dover", "b": "Calais", "claim": NaN}',
    ]) + "\n", name="pairs.jsonl")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "--measure", "geodesic"])
    assert result.exit_code == 1, result.output  # rows failed, the batch went on
    rows = _rows(out)
    assert [r["status"] for r in rows] == ["supported", "failed", "failed", "failed", "supported", "failed"]
    assert rows[1]["error"].startswith("line 2 is not JSON")
    assert rows[2]["error"].startswith("line 3 is a JSON list, not an object")
    assert rows[3]["error"].startswith("line 4 is a JSON string, not an object")
    assert "NaN" in rows[5]["error"]
    # Not one readable object: no JSONL of pairs at all, said once for the whole input.
    pretty = _pairs(tmp_path, '{\n  "a": "Najin",\n  "b": "Dunay"\n}\n', name="pretty.jsonl")
    result = CliRunner().invoke(main, ["batch", str(pretty), "-o", str(tmp_path / "p.jsonl"), "--measure", "geodesic"])
    assert result.exit_code == 2 and "line 1 is not JSON" in result.output, result.output
    assert not (tmp_path / "p.jsonl").exists()


def test_two_broken_csv_lines_each_give_their_own_line(tmp_path):
    # The result caches key rows by their cells: two unreadable rows (both cells empty) must not
    # share one reason.
    source = _pairs(tmp_path, 'a,b,claim\nNajin,"Dunay,about 180 km\nOdesa,Istanbul,about 600 km\n'
                              'Dover,Calais,"40 km\nDover,Calais,40 km\n')
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "--measure", "geodesic"])
    assert result.exit_code == 1, result.output
    rows = _rows(out)
    assert [r["status"] for r in rows] == ["failed", "supported", "failed", "supported"]
    assert rows[0]["error"].startswith("line 2 is not valid CSV") and rows[2]["error"].startswith("line 4 ")


# --- 4. article: bounded input, linear time ------------------------------------------------------

ARTICLE = "Najin lies about 180 km from Dunay, the port officials said.\n"


def test_article_refuses_devices_and_fifos_without_reading_them(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for source in ("/dev/null", str(fifo)):  # /dev/zero never ends; a FIFO with no writer never starts
        result = CliRunner().invoke(main, ["article", source, "--no-sea"])
        assert result.exit_code == 2, result.output
        assert "not a regular file" in result.output and "'-'" in result.output


def test_article_size_limit_for_files_and_standard_input(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE * 100, encoding="utf-8")  # 6,100 bytes
    for args, stdin in ((["article", str(big)], None), (["article", "-"], big.read_bytes())):
        result = CliRunner().invoke(main, [*args, "--no-sea", "--max-bytes", "5000"], input=stdin)
        assert result.exit_code == 2, result.output
        assert "larger than 5,000 bytes" in result.output and "--max-bytes" in result.output
    ok = CliRunner().invoke(main, ["article", str(big), "--no-sea", "--max-bytes", "7000", "--format", "json"])
    assert ok.exit_code in (0, 1) and json.loads(ok.output)["claims"]


def test_article_reports_invalid_utf8_on_standard_input():
    result = CliRunner().invoke(main, ["article", "-", "--no-sea"], input=ARTICLE.encode() + b"\xff\xfe\n")
    assert result.exit_code == 2, result.output
    assert "not UTF-8" in result.output


def test_a_malformed_url_is_bad_input_not_an_internal_error():
    result = CliRunner().invoke(main, ["article", "http://[::1", "--no-sea"])
    assert result.exit_code == 2, result.output
    assert "could not fetch" in result.output


def test_nearest_other_town_is_the_one_min_over_the_list_picks():
    import random

    from geo.text.mentions import _nearest_other

    rng = random.Random(13)
    for _ in range(300):
        starts = [rng.randrange(60) for _ in range(rng.randrange(1, 14))]
        names = [rng.choice("abc") for _ in starts]
        order = sorted(range(len(starts)), key=lambda i: (starts[i], i))
        at, name = rng.randrange(60), rng.choice("abc")
        others = [i for i in range(len(starts)) if names[i] != name]
        expected = min(others, key=lambda i: abs(starts[i] - at)) if others else None
        got = _nearest_other([starts[i] for i in order], [names[i] for i in order], order, at, name)
        assert got == expected


# --- 6. titles drawn literally ------------------------------------------------------------------


@pytest.mark.parametrize("title", ["Russia pays $5bn for Najin route, up from $3bn", "Port fees: $\\x and $\\\\ rise"])
def test_dollar_signs_in_image_titles_are_drawn_as_dollars(tmp_path, title):
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from _maps_data import seed_check

    import maps

    maps.write_image(seed_check(), tmp_path / "t.svg", title=title)
    svg = (tmp_path / "t.svg").read_text(encoding="utf-8")
    # SVG text is kept as text (issue 14): the title appears as written, dollar signs and
    # backslashes included, and no math font (mathtext would set "$...$" in Computer Modern).
    import html

    assert f">{html.escape(title, quote=False)}</text>" in svg
    assert "cmmi" not in svg.lower() and "cmr10" not in svg.lower()


# --- 9. trailing qualifiers are not dropped -------------------------------------------------------


@pytest.mark.parametrize(("text", "why"), [
    ("180 kms or so or more", "'or more'"),
    ("180 km give or take a few hundred km", "'a few hundred km'"),
    ("180 km, give or take", "give or take"),
    ("1e309 km", "scientific notation"),
])
def test_claims_with_trailing_qualifiers_are_refused_not_read_short(text, why):
    from geo.errors import BadClaim
    from geo.text.claims import parse_claim

    with pytest.raises(BadClaim, match=why):
        parse_claim(text)


@pytest.mark.parametrize("text", ["180 km or more", "about 180 km or so", "180 km away", "about 180 km long",
                                  "180 km (112 miles)"])
def test_claims_with_readable_endings_still_read(text):
    from geo.text.claims import parse_claim

    assert parse_claim(text).nominal_km == pytest.approx(180.0)


# --- 5. damaged caches heal, saying so ------------------------------------------------------------


def test_a_truncated_sea_network_cache_is_rebuilt_with_a_note(tmp_path, monkeypatch, capsys):
    from geo.fileio import installed_version
    from geo.sea import engine

    monkeypatch.setenv("SHIPROUTE_CACHE_DIR", str(tmp_path))
    whole = engine._network_arrays()  # derived and written to tmp_path
    path = tmp_path / f"marnet-s{engine._NETWORK_SCHEMA}-searoute{installed_version('searoute')}.npz"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    capsys.readouterr()
    again = engine._network_arrays()
    assert all((x == y).all() for x, y in zip(whole, again, strict=True))
    assert "sea network cache" in capsys.readouterr().err
    assert len(path.read_bytes()) > 0 and engine._network_arrays()[0].shape == whole[0].shape  # rewritten whole


@pytest.mark.parametrize("damage", ["[]", "{}", "not json", None])
def test_a_damaged_route_cache_row_is_ignored_with_a_note(tmp_path, monkeypatch, capsys, damage):
    import sqlite3

    from geo.sea import cache

    db = tmp_path / "routes.sqlite"
    monkeypatch.setenv(cache.ENV_VAR, str(db))
    monkeypatch.setattr(cache, "_CONNECTION", cache._Connection())
    outcome = {"coords": [[1.0, 2.0], [3.0, 4.0]], "km": 12.5}
    cache.remember((1.0, 2.0), (3.0, 4.0), (), outcome)
    assert cache.lookup((1.0, 2.0), (3.0, 4.0), ()) == outcome
    with sqlite3.connect(db) as con:
        if damage is None:  # one character of the stored JSON changed
            con.execute("UPDATE routes SET value = replace(value, '12.5', '13.5')")
        else:
            con.execute("UPDATE routes SET value = ?", (damage,))
    capsys.readouterr()
    assert cache.lookup((1.0, 2.0), (3.0, 4.0), ()) is None
    assert "damaged row of the route cache" in capsys.readouterr().err


def test_a_coastline_cache_of_the_wrong_length_or_a_cut_index_is_caught_on_open(tmp_path):
    import shutil
    import zipfile

    from geo.sea import coastline

    folder = tmp_path / "coast"
    folder.mkdir()
    shutil.copy(coastline.ensure_cache() / "index.npz", folder / "index.npz")
    (folder / "geoms.bin").write_bytes(b"\0" * 1000)  # a truncated geoms.bin
    with pytest.raises(ValueError, match="geoms.bin holds 1000 bytes"):
        coastline._open_checked(folder)
    index = (folder / "index.npz").read_bytes()
    (folder / "index.npz").write_bytes(index[: len(index) // 3])
    with pytest.raises(zipfile.BadZipFile):
        coastline._open_checked(folder)
    coastline._discard(folder)
    assert not folder.exists()


def test_damaged_bytes_inside_a_coastline_store_of_the_right_length_drop_it_with_a_clear_error(tmp_path):
    import shutil

    import numpy as np

    from geo.errors import DataMissing
    from geo.sea import coastline

    real = coastline.ensure_cache()
    folder = tmp_path / "coast"
    folder.mkdir()
    shutil.copy(real / "index.npz", folder / "index.npz")
    with (folder / "geoms.bin").open("wb") as blob:  # the right length, every byte zero (sparse: no copy)
        blob.truncate((real / "geoms.bin").stat().st_size)
    store = coastline._open_checked(folder)  # the cheap check on open cannot see it
    with pytest.raises(DataMissing, match="was damaged and has been removed; run the command again"):
        store.geoms("s3", np.array([0, 1]))  # a GEOSException before issue 13
    assert not folder.exists()


def test_a_places_index_with_damaged_pages_is_found_and_rebuilt(tmp_path, capsys):
    import shutil

    from geo.places import index

    real = index.build_index()
    copy = tmp_path / real.name
    shutil.copy(real, copy)
    assert index._is_valid_index(copy)  # checked once (quick_check), then remembered
    assert index._stamp_path(copy).exists()
    with copy.open("r+b") as handle:  # 40 pages of a quarter of the file overwritten
        for page in range(40):
            handle.seek(copy.stat().st_size // 4 + page * 8192)
            handle.write(b"\xa5" * 4096)
    capsys.readouterr()
    assert not index._is_valid_index(copy)
    err = capsys.readouterr().err
    assert "places index" in err and "damaged" in err
    cut = tmp_path / "cut" / real.name  # a copy cut short (a full disk, a killed copy)
    cut.parent.mkdir()
    cut.write_bytes(real.read_bytes()[: real.stat().st_size - 8192])
    assert not index._is_valid_index(cut)


# --- 8. polar routes ------------------------------------------------------------------------------


def test_the_pole_to_itself_is_zero_whatever_longitude_names_it():
    from geo.sea.route import sea_route

    for lon in (0.0, 135.0, -180.0):
        route = sea_route((0.0, 90.0), (lon, 90.0), cache=False)
        assert route.length_km == 0.0


def test_near_pole_pairs_sail_the_geodesic_when_no_land_is_on_it():
    from geo.geodesy import GEOD
    from geo.sea.route import route_feature, sea_route

    for a, b in (((0.0, 89.9), (180.0, 89.9)), ((10.0, 88.0), (20.0, 88.5))):
        straight_km = GEOD.inv(*a, *b)[2] / 1000
        route = sea_route(a, b, cache=False)
        assert straight_km <= route.length_km <= straight_km * 1.001, (a, b, route.length_km, straight_km)
        assert route_feature(route)["geometry"]["coordinates"]


@pytest.mark.parametrize(
    "a, b, bound_km",
    [
        # Both ends in the open Southern Ocean, over 1,000 km from the nearest sea lane. The
        # geodesic between the first pair runs over the South Pole: the route must go round
        # Antarctica, and be shorter than sailing the 60th parallel half way round the world.
        ((0.0, -60.0), (180.0, -60.0), 180.0 * 111.32 * 0.5),
        # The geodesic dips to 67.8° S, past Antarctica's coast: a detour of under 10 %.
        ((0.0, -60.0), (90.0, -60.0), None),
    ],
)
def test_the_southern_ocean_connects(a, b, bound_km):
    from geo.geodesy import GEOD
    from geo.sea.coastline import segments_touch_land
    from geo.sea.route import sea_route

    straight_km = GEOD.inv(*a, *b)[2] / 1000
    route = sea_route(a, b, cache=False)
    assert route.coords[0] == a and route.coords[-1][1] == b[1]
    assert (route.coords[-1][0] - b[0]) % 360.0 == 0.0
    assert not segments_touch_land(route.coords).any()
    assert route.access_legs_km == (0.0, 0.0)
    assert route.length_km > straight_km
    assert route.length_km < (bound_km if bound_km is not None else 1.1 * straight_km), route.length_km


# --- 7. OS errors and undecodable input are one clear line ----------------------------------------


def test_a_full_disk_is_one_clear_line(tmp_path):
    source = _pairs(tmp_path)
    result = CliRunner().invoke(main, ["batch", str(source), "-o", "/dev/full", "--format", "csv",
                                       "--measure", "geodesic"])
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output and "Internal error" not in result.output


def test_a_legal_long_output_name_is_written(tmp_path):
    from geo.fileio import write_atomic

    target = tmp_path / ("n" * 245 + ".json")  # 250 bytes: legal; the temporary name must be too
    write_atomic(target, "{}")
    assert target.read_text() == "{}"


def test_an_argument_that_is_not_utf8_is_reported_not_dropped():
    name = b"Najin\xff".decode("utf-8", "surrogateescape")  # how Python hands such bytes over
    result = CliRunner().invoke(main, ["distance", name, "Dunay"])
    assert result.exit_code == 2, result.output
    assert "not valid UTF-8" in result.output and "Najin" in result.output


@pytest.mark.parametrize("command", [
    ["distance", "{bad}", "Dunay"],
    ["check", "{bad}", "Dunay", "--claim", "about 180 km", "--no-sea"],  # used to drop the bytes and go on
    ["map", "Najin", "Dunay", "--no-sea", "-o", "map{bad}.html"],
])
def test_arguments_that_are_not_utf8_are_reported_by_every_command(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    bad = b"Najin\xff".decode("utf-8", "surrogateescape")
    result = CliRunner().invoke(main, [arg.replace("{bad}", bad) for arg in command])
    assert result.exit_code == 2, result.output
    assert "not valid UTF-8" in result.output and "\\xff" in result.output
    assert not list(tmp_path.iterdir())  # nothing written under a name that is not the one given


def test_a_scheduler_that_is_no_address_is_bad_input(tmp_path):
    source = _pairs(tmp_path)
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--engine", "dask",
                                       "--scheduler", "not a url", "--measure", "geodesic"])
    assert result.exit_code == 2, result.output
    assert "cannot reach the Dask scheduler at 'not a url'" in result.output and "Internal error" not in result.output


@pytest.mark.parametrize("inside", [False, True])
def test_a_cache_folder_that_is_a_file_is_one_clear_line(tmp_path, monkeypatch, inside):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the caches should go\n", encoding="utf-8")
    folder = blocker / "shiproute" if inside else blocker
    monkeypatch.setenv("SHIPROUTE_CACHE_DIR", str(folder))
    said = (f"cannot be made: {str(blocker)!r} is a file" if inside
            else f"{str(folder)!r} (from SHIPROUTE_CACHE_DIR) is a file")
    for command in (["check", "Najin", "Dunay", "--claim", "about 180 km", "--no-sea"], ["cache", "info"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1, result.output  # said before any build starts
        assert said in lines[0] and "point SHIPROUTE_CACHE_DIR at a folder" in lines[0], lines[0]
    assert blocker.read_text(encoding="utf-8") == "a file where the caches should go\n"


# Every option that writes a file; "{out.EXT}" is the file under test, with its usual extension.
_WRITERS = {
    "distance -o": ["distance", "Najin", "Dunay", "-o", "{out.txt}"],
    "check -o": ["check", "Najin", "Dunay", "--claim", "about 180 km", "--no-sea", "-o", "{out.txt}"],
    "route -o": ["route", "Najin", "Dunay", "-o", "{out.json}", "--format", "json"],
    "article -o": ["article", "{article}", "--no-sea", "-o", "{out.txt}"],
    "article --map": ["article", "{article}", "--no-sea", "--map", "{out.html}"],
    "article --svg": ["article", "{article}", "--no-sea", "--svg", "{out.svg}"],
    "map -o": ["map", "Najin", "Dunay", "--no-sea", "-o", "{out.html}"],
    "map --png": ["map", "Najin", "Dunay", "--no-sea", "--png", "{out.png}"],
    "map --embed": ["map", "Najin", "Dunay", "--no-sea", "-o", "{tmp}/map.html", "--embed", "{out.html}"],
    "map --alt-text": ["map", "Najin", "Dunay", "--no-sea", "--svg", "{tmp}/map.svg", "--alt-text", "{out.txt}"],
    "batch -o": ["batch", "{pairs}", "-o", "{out.csv}", "--measure", "geodesic"],
}


def _filled(writer: str, tmp_path: Path, out: Callable[[str], str]) -> list[str]:
    """The writer's arguments, with ``out(extension)`` as the file under test."""
    import re

    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    names = {"{tmp}": str(tmp_path), "{article}": str(article), "{pairs}": str(_pairs(tmp_path))}
    filled = []
    for arg in _WRITERS[writer]:
        for key, value in names.items():
            arg = arg.replace(key, value)
        filled.append(re.sub(r"\{out\.(\w+)\}", lambda m: out(m.group(1)), arg))
    return filled


@pytest.mark.parametrize("writer", list(_WRITERS))
def test_every_writer_reports_an_unwritable_output_in_one_line(tmp_path, writer):
    # /sys takes no new file from anybody, root included (for whom permissions would not stop it).
    result = CliRunner().invoke(main, _filled(writer, tmp_path, lambda ext: f"/sys/shiproute-unwritable.{ext}"))
    assert result.exit_code == 2, result.output
    error = result.output.strip().splitlines()[-1]
    assert error.startswith("Error: ") and "Permission denied" in error, result.output
    assert "'/sys/shiproute-unwritable." in error and ".tmp" not in error  # the name given, not our temporary one
    assert "Internal error" not in result.output and "Traceback" not in result.output


@pytest.fixture
def device(tmp_path) -> Callable[[str, int], Path]:
    """A character device by name and minor number (null 3, full 7): a twin in tmp_path for root,
    who may make one (and for whom a rename over the real /dev/full would replace it), else the
    real one (which nobody else can rename over)."""

    def make(name: str, minor: int) -> Path:
        if os.geteuid() != 0:
            return Path("/dev") / name
        path = tmp_path / name
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
        return path

    return make


@pytest.mark.parametrize("writer", ["distance -o", "article --svg", "map --png", "map --alt-text"])
def test_a_full_disk_is_one_clear_line_for_files_written_whole(tmp_path, device, writer):
    full = device("full", 7)
    result = CliRunner().invoke(main, _filled(writer, tmp_path, lambda _ext: str(full)))
    assert result.exit_code == 2, result.output
    error = result.output.strip().splitlines()[-1]
    assert "No space left on device" in error and repr(str(full)) in error, result.output
    assert stat.S_ISCHR(full.stat().st_mode)  # still the device, no file renamed over it


def test_a_device_or_a_descriptor_takes_a_written_file_as_a_stream(tmp_path, device):
    null = device("null", 3)
    result = CliRunner().invoke(main, ["distance", "Najin", "Dunay", "-o", str(null)])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.stat().st_mode)
    # /dev/stdout is /proc/self/fd/1: a pipe named /dev/fd/N is the same case, and readable here.
    for command, lines in ((["distance", "Najin", "Dunay", "--format", "json"], None),
                           (["batch", str(_pairs(tmp_path)), "--format", "csv", "--measure", "geodesic"], 4)):
        read, write = os.pipe()
        with os.fdopen(read, "rb") as pipe:
            try:
                result = CliRunner().invoke(main, [*command, "-o", f"/dev/fd/{write}"])
            finally:
                os.close(write)
            received = pipe.read().decode("utf-8")
        assert result.exit_code == 0, result.output
        assert "Rajin" in received and "Dunay" in received, received
        assert lines is None or received.count("\n") == lines


@pytest.mark.parametrize("error", [
    errors.PlaceNotFound("Najn", ["Najin"]), errors.AmbiguousPlace("Paris", ["Paris, FR", "Paris, US"]),
    errors.BadClaim("about km", "no number"), errors.BadCoordinates("91N 10E", "latitude beyond 90"),
    errors.BadInput("empty file"), errors.BadCacheDir("/tmp/x", "/tmp/x", "SHIPROUTE_CACHE_DIR"),
    errors.DataMissing("no coastline"), errors.NoSeaRoute("inland point"),
], ids=lambda error: type(error).__name__)
def test_every_typed_error_crosses_a_process_boundary_whole(error):
    # A batch worker's error is pickled to the parent: its type, message and fields survive.
    import pickle

    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error) and vars(copy) == vars(error)
