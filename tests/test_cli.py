"""The shiproute command through click's CliRunner, with the real gazetteer and data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

SEED_CLAIM = "approximately 180 kilometers"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str):
    return runner.invoke(main, list(args), catch_exceptions=False)


def test_check_seed_pair_is_supported(runner):
    result = run(runner, "check", "Najin", "Dunay", "--claim", SEED_CLAIM, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["a"]["country"] == "KP" and report["b"]["country"] == "RU"
    assert report["a"]["name"] in ("Rajin", "Najin")
    assert report["b"]["name"] == "Dunay"
    assert 181 <= report["geodesic_km"] <= 184
    assert report["claim"]["text"] == SEED_CLAIM
    assert report["claim"]["low_km"] == report["claim"]["high_km"] == 180
    assert report["verdict"] == "supported"
    assert "182" in report["explanation"] or "181" in report["explanation"] or "183" in report["explanation"]
    for side in ("a", "b"):
        assert set(report[side]) >= {"name", "country", "lat", "lon", "source"}


def test_check_seed_pair_text_names_both_places_and_verdict(runner):
    result = run(runner, "check", "Najin", "Dunay", "--claim", SEED_CLAIM)
    assert result.exit_code == 0, result.output
    assert "SUPPORTED" in result.stdout
    assert "KP" in result.stdout and "RU" in result.stdout


def test_check_wrong_claim_is_refuted_exit_1(runner):
    result = run(runner, "check", "Najin", "Dunay", "--claim", "80 km", "--format", "json")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["verdict"] == "refuted"


def test_check_json_is_byte_identical_across_runs(runner):
    args = ("check", "Najin", "Dunay", "--claim", SEED_CLAIM, "--format", "json")
    assert run(runner, *args).stdout == run(runner, *args).stdout


def test_resolve_every_form_of_the_issue(runner):
    result = run(runner, "resolve", "나진", "KPNJN", "42°14′N 130°18′E", "Tripoli, Lebanon", "Odessa",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert [r["best"]["country"] for r in got[:2]] == ["KP", "KP"]
    coords = got[2]["best"]
    assert coords["lat"] == pytest.approx(42 + 14 / 60, abs=1e-6)
    assert coords["lon"] == pytest.approx(130 + 18 / 60, abs=1e-6)
    assert [r["best"]["country"] for r in got[3:]] == ["LB", "UA"]


def test_unknown_place_exits_2_with_suggestions(runner):
    result = runner.invoke(main, ["check", "Najin", "Vladivostk", "--claim", "100 km"])
    assert result.exit_code == 2
    assert "Vladivostk" in result.stderr and "did you mean" in result.stderr
    assert "Vladivostok" in result.stderr
    assert "Traceback" not in result.output


def test_typo_suggests_the_nearest_spelling_first(runner):
    # One letter dropped from a port's name: the port comes first, before farther spellings of
    # bigger towns (issue 12 item 6: ranked by edit distance, then importance).
    result = runner.invoke(main, ["resolve", "Novorosiysk"])
    assert result.exit_code == 2
    suggestions = re.findall(r"'([^']+)'", result.stderr.split("did you mean", 1)[1])
    assert suggestions[0] == "Novorossiysk", result.stderr


def test_typo_among_equally_near_spellings_prefers_the_port_or_large_town(runner):
    # 'Vladivostk' is one edit from Vladivostok only; 'Marseile' one edit from Marseille (a
    # city of 870,000 and a port) and from smaller towns spelt alike.
    result = runner.invoke(main, ["resolve", "Marseile"])
    assert result.exit_code == 2
    suggestions = re.findall(r"'([^']+)'", result.stderr.split("did you mean", 1)[1])
    assert suggestions[0] == "Marseille", result.stderr


def test_malformed_claim_exits_2_naming_the_problem(runner):
    result = runner.invoke(main, ["check", "Najin", "Dunay", "--claim", "very far away"])
    assert result.exit_code == 2
    assert "'very far away'" in result.stderr
    assert "Traceback" not in result.output


def test_usage_error_exits_2(runner):
    result = runner.invoke(main, ["check", "Najin"])
    assert result.exit_code == 2


def test_distance_geojson_is_rfc7946_linestring(runner):
    result = run(runner, "distance", "Najin", "Dunay", "--format", "geojson")
    assert result.exit_code == 0, result.output
    feature = json.loads(result.stdout)
    assert feature["type"] == "Feature"
    assert feature["geometry"]["type"] == "LineString"
    first, last = feature["geometry"]["coordinates"][0], feature["geometry"]["coordinates"][-1]
    assert 130 < first[0] < 131 and 42 < first[1] < 43  # lon, lat order
    assert 132 < last[0] < 133
    assert 181 <= feature["properties"]["length_km"] <= 184


def test_distance_geojson_across_antimeridian_is_split(runner):
    result = run(runner, "distance", "Vladivostok", "San Francisco", "--format", "geojson")
    assert result.exit_code == 0, result.output
    geometry = json.loads(result.stdout)["geometry"]
    assert geometry["type"] == "MultiLineString"
    assert all(-180 <= lon <= 180 for line in geometry["coordinates"] for lon, _ in line)


def test_distance_units(runner):
    km = json.loads(run(runner, "distance", "Najin", "Dunay", "--format", "json").stdout)
    text = run(runner, "distance", "Najin", "Dunay", "--units", "nmi").stdout
    assert f"{km['geodesic_km'] / 1.852:.1f} nmi" in text


def test_failed_run_leaves_no_output_file(runner, tmp_path):
    out = tmp_path / "report.json"
    result = runner.invoke(main, ["check", "Najin", "Nowhereville Zzz", "--claim", "100 km", "-o", str(out)])
    assert result.exit_code == 2
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_output_file_is_written_whole(runner, tmp_path):
    out = tmp_path / "report.json"
    result = runner.invoke(main, ["check", "Najin", "Dunay", "--claim", SEED_CLAIM, "--format", "json",
                                  "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["verdict"] == "supported"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_check_ends_are_towns_not_the_region_of_the_same_name(runner):
    # "Murmansk" is also Murmansk oblast, whose extent would swallow any claim: a distance's
    # ends are the city and the naval town, 17 km apart, so "60 km" is refuted.
    result = run(runner, "check", "Murmansk", "Severomorsk", "--claim", "60 km", "--no-sea", "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["a"]["kind"] in ("town", "port") and report["verdict"] == "refuted"
    assert 15 < report["geodesic_km"] < 19


def test_distance_between_countries_keeps_the_countries(runner):
    report = json.loads(run(runner, "distance", "Turkey", "Greece", "--format", "json").stdout)
    assert report["a"]["kind"] == report["b"]["kind"] == "country"


def test_distance_from_a_country_says_it_runs_from_a_central_point(runner):
    text = run(runner, "distance", "Canada", "Toronto").stdout
    assert "Canada, CA (country)" in text
    assert "Canada is a country: the distances run from a central point of it" in text
    assert "not from its border or coast" in text
    assert "central point" not in run(runner, "distance", "Najin", "Dunay").stdout


def test_map_command_writes_html_png_and_embed(runner, tmp_path):
    html, png, embed = tmp_path / "nd.html", tmp_path / "nd.png", tmp_path / "nd-embed.html"
    result = runner.invoke(main, ["map", "Najin", "Dunay", "--claim", SEED_CLAIM, "-o", str(html),
                                  "--png", str(png), "--embed", str(embed), "--tiles", "none"])
    assert result.exit_code == 0, result.output
    page = html.read_text()
    assert "Dunay" in page and "leaflet" in page.lower()
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    snippet = embed.read_text()
    assert 'src="nd.html"' in snippet and "<iframe" in snippet and "title=" in snippet


def test_map_refuted_claim_exits_1_but_still_draws(runner, tmp_path):
    html = tmp_path / "nd.html"
    result = runner.invoke(main, ["map", "Najin", "Dunay", "--claim", "80 km", "-o", str(html), "--no-sea"])
    assert result.exit_code == 1
    assert html.exists()


def test_map_without_an_output_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(main, ["map", "Najin", "Dunay"])
    assert result.exit_code == 2 and "-o FILE.html" in result.stderr


def test_article_map_option(runner, tmp_path):
    seed = next((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    html = tmp_path / "seed.html"
    result = runner.invoke(main, ["article", str(seed), "--map", str(html), "--no-sea"])
    assert result.exit_code == 0, result.output
    assert "Najin" in html.read_text()


def test_the_first_run_builds_the_caches_with_progress_and_later_runs_are_quiet(tmp_path):
    """From an empty cache directory, in a fresh process as a new user would run it: the
    gazetteer and the coastline are built with progress lines on stderr (what, how far, how long
    left), a note says where they live, the check then succeeds; the next run is quiet; ``cache
    info`` lists both and ``cache clear`` empties the directory."""
    import os
    import re
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "SHIPROUTE_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(root),
           "SHIPROUTE_ROUTE_CACHE": "off"}

    def shiproute(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", "import cli; cli.main()", *args], capture_output=True,
                              text=True, env=env, cwd=root, timeout=900)

    check = ("check", "Najin", "Dunay", "--claim", "approximately 180 km", "--format", "json")
    first = shiproute(*check)
    assert first.returncode == 0, first.stderr
    lines = first.stderr.splitlines()
    assert lines[0].startswith("Building the offline gazetteer index from its prebuilt file (first run only")
    assert "beside it, the coastline cache" in lines[0]  # both built at once
    for what, stages in (("gazetteer", 2), ("coastline", 4)):
        steps = [line for line in lines if re.match(rf"\s+{what}\s+\[[#-]{{20}}\]\s+\d+%", line)]
        assert len(steps) >= stages + 1, first.stderr
        assert all("s left" in line for line in steps[:-1]) and "done in" in steps[-1]
        percents = [int(re.search(r"(\d+)%", line).group(1)) for line in steps]
        assert percents == sorted(percents) and percents[-1] == 100
    assert f"Caches are kept in {tmp_path}" in lines[-1]
    assert json.loads(first.stdout)["verdict"] == "supported"

    second = shiproute(*check)
    assert (second.returncode, second.stderr, second.stdout) == (0, "", first.stdout)
    # The names "did you mean" draws on are not made by a first command that finds its places;
    # ``cache build`` makes them (and the first unknown name would).
    assert not list(tmp_path.glob("fuzzy-s*.sqlite"))
    ahead = shiproute("cache", "build")
    assert ahead.returncode == 0, ahead.stderr
    assert len(list(tmp_path.glob("fuzzy-s*.sqlite"))) == 1
    typo = shiproute("check", "Najin", "Vladivostk", "--claim", "100 km")
    assert typo.returncode == 2 and "did you mean 'Vladivostok'" in typo.stderr

    info = shiproute("cache", "info")
    assert info.returncode == 0, info.stderr
    assert str(tmp_path) in info.stdout
    assert re.search(r"^gazetteer\s+places-s\d+-\w+\.sqlite\s+\d+ MB", info.stdout, re.M), info.stdout
    assert re.search(r"^prebuilt\s+gazetteer\.sqlite\.xz fits the installed sources", info.stdout, re.M)
    assert re.search(r"^coastline\s+coastline-\S+\s+\d+ MB", info.stdout, re.M), info.stdout

    cleared = shiproute("cache", "clear")
    assert cleared.returncode == 0 and "Removed" in cleared.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(("places-s", "coastline-"))]
    assert "not built" in shiproute("cache", "info").stdout



@pytest.mark.parametrize("a,b,claim,builds", [
    ("Najin", "Dunay", "180 km", False),  # two towns: no shore, no coastline
    ("가거도", "흑산도", "60 km", True),  # two islands drawn only as points: their GSHHG shores
])
def test_a_check_without_the_sea_builds_the_coastline_only_for_a_shore_and_says_so(tmp_path, a, b, claim, builds):
    """``check --no-sea`` in a fresh process whose cache directory holds the gazetteer index
    alone: it answers; the coastline cache is built only when a shore is measured, and then with
    a note on stderr (it used to be built silently), so that --no-sea gives the same shore
    figure as a check with the sea."""
    import os
    import shutil
    import subprocess
    import sys

    from geo.places.index import build_index

    index = build_index()
    for path in (index, index.with_name(index.name + ".checked")):
        if path.exists():
            try:
                os.link(path, tmp_path / path.name)  # (the same file: no 80 MB copy)
            except OSError:
                shutil.copy2(path, tmp_path / path.name)
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "SHIPROUTE_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(root),
           "SHIPROUTE_ROUTE_CACHE": "off"}
    done = subprocess.run([sys.executable, "-c", "import cli; cli.main()", "check", a, b, "--claim",
                           claim, "--no-sea", "--format", "json"], capture_output=True, text=True, env=env,
                          cwd=root, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    assert json.loads(done.stdout)["geodesic_km"] > 0
    assert ("building the coastline cache" in done.stderr) is builds, done.stderr
    assert bool([p.name for p in tmp_path.iterdir() if p.name.startswith("coastline-")]) is builds

# --- coordinates anywhere (issue 12) -------------------------------------------------------------

GEODTEST = Path(__file__).resolve().parent.parent.parent / "shared" / "testdata" / "GeodTest-100.dat"
if not GEODTEST.exists():  # a worktree sits one level deeper than the main checkout
    GEODTEST = Path("/work/shared/testdata/GeodTest-100.dat")


@pytest.mark.parametrize("args", [
    ("distance", "-21.18, 179.76", "20.42, 0"),
    ("distance", "20.42, 0", "-21.18, 179.76", "--units", "nmi"),
    ("distance", "--format", "json", "-33.85,151.26", "-36.84 174.76"),
    ("distance", "--", "-21.18, 179.76", "20.42, 0"),
])
def test_negative_decimal_degrees_need_no_double_dash(runner, args):
    result = run(runner, *args)
    assert result.exit_code == 0, result.output
    assert "No such option" not in result.output


def test_route_and_resolve_take_southern_points_as_typed(runner):
    route = run(runner, "route", "-33.85,151.26", "-36.84, 174.76", "--format", "json")
    assert route.exit_code == 0, route.output
    data = json.loads(route.stdout)
    assert (data["a"]["lat"], data["a"]["lon"]) == (-33.85, 151.26)
    resolved = run(runner, "resolve", "-33.85,151.26", "--limit", "1", "--format", "json")
    assert resolved.exit_code == 0, resolved.output
    assert json.loads(resolved.stdout)[0]["query"] == "-33.85,151.26"


def test_help_says_negative_coordinates_work_as_typed(runner):
    for command in ("distance", "check", "route", "map", "resolve"):
        text = run(runner, command, "--help").stdout
        assert "Negative decimal degrees work as they are" in text, command


def test_unknown_options_are_still_reported(runner):
    result = runner.invoke(main, ["distance", "Najin", "Dunay", "--nonsense"])
    assert result.exit_code == 2 and "No such option" in result.output


@pytest.mark.skipif(not GEODTEST.exists(), reason="../shared/testdata is absent")
def test_geographiclib_sample_through_the_cli_within_a_metre(runner):
    """GeographicLib's reference geodesics, typed as "LAT, LON" exactly as the file writes them."""
    rows = [line.split() for line in GEODTEST.read_text().splitlines() if line.strip()]
    assert len(rows) == 100
    misses = []
    for lat1, lon1, _azi1, lat2, lon2, _azi2, s12, *_ in rows:
        result = run(runner, "distance", f"{lat1}, {lon1}", f"{lat2}, {lon2}", "--format", "json")
        assert result.exit_code == 0, (lat1, lon1, lat2, lon2, result.output)
        error_m = abs(json.loads(result.stdout)["geodesic_km"] * 1000 - float(s12))
        if error_m > 1.0:
            misses.append((lat1, lon1, lat2, lon2, round(error_m, 3)))
    assert not misses


# --- dependencies and deprecated APIs (issue 12) --------------------------------------------------

def test_no_deprecated_click_stream_helpers_in_the_cli():
    """click 8.5 deprecates get_text_stream/get_binary_stream, to be removed in click 9."""
    import ast

    tree = ast.parse((Path(__file__).resolve().parent.parent / "cli.py").read_text())
    used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name) and node.value.id == "click"}
    assert not used & {"get_text_stream", "get_binary_stream", "get_os_args"}


def test_dependencies_whose_next_major_is_known_to_break_are_bounded():
    import tomllib

    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
    specs = {dep.split(">")[0].split("=")[0].split("<")[0].strip(): dep for dep in project["dependencies"]}
    for name in ("click", "numpy", "shapely", "geopandas", "pyproj"):
        assert "<" in specs[name] or "==" in specs[name], specs[name]


def test_article_reads_standard_input(runner):
    result = runner.invoke(main, ["article", "-", "--no-sea", "--format", "json"],
                           input="Ships sail from Odesa to Istanbul, about 600 km away.\n")
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.stdout)["claims"]


# --- resolve: every name answered; the ports searoute lacks (issue 12) ---------------------------

def test_resolve_answers_every_name_and_reports_each_failure_on_its_own_line(runner):
    result = runner.invoke(main, ["resolve", "Qzxwvillex", "Najin", "Brzqwtown", "Dunay", "--limit", "1"])
    assert result.exit_code == 2
    assert "'Najin' -> " in result.stdout and "'Dunay' -> " in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 2
    assert "'Qzxwvillex'" in errors[0] and "'Brzqwtown'" in errors[1]


def test_resolve_json_keeps_the_names_it_could_resolve(runner):
    result = runner.invoke(main, ["resolve", "Najin", "Qzxwvillex", "--format", "json"])
    assert result.exit_code == 2
    assert [r["query"] for r in json.loads(result.stdout)] == ["Najin"]


@pytest.mark.parametrize("code, name, country", [
    ("GBDVR", "Dover", "GB"), ("FRCQF", "Calais", "FR"), ("GBPME", "Portsmouth", "GB"),
    ("MAPTM", "Tanger Med", "MA"), ("FRCER", "Cherbourg", "FR"),
])
def test_well_known_ports_resolve_by_their_unlocode(runner, code, name, country):
    result = run(runner, "resolve", code, "--limit", "1", "--format", "json")
    assert result.exit_code == 0, result.output
    best = json.loads(result.stdout)[0]["best"]
    assert best["country"] == country and name.split()[0] in best["name"]
    assert best["kind"] == "port"


def test_dover_to_calais_by_its_codes(runner):
    result = run(runner, "distance", "GBDVR", "FRCQF", "--format", "json")
    assert result.exit_code == 0, result.output
    assert 38 <= json.loads(result.stdout)["geodesic_km"] <= 44


# --- units everywhere, exact help, map prints its finding, no jargon by default (issue 12) -------

def _lengths(text: str) -> list[str]:
    import re

    unquoted = re.sub(r"'[^']*'", "", text)  # the claim as written keeps its own unit
    return re.findall(r"\d[\d,.]*\s?(km|mi|nmi)\b", unquoted)


def test_route_units_reach_the_access_legs(runner):
    result = run(runner, "route", "Najin", "Dunay", "--units", "nmi")
    assert result.exit_code == 0, result.output
    legs = next(line for line in result.stdout.splitlines() if line.startswith("Access legs"))
    assert legs.count("nmi") == 2 and " km" not in legs


@pytest.mark.parametrize("unit", ["mi", "nmi"])
def test_check_units_reach_the_why_sentence_and_the_notes(runner, unit):
    result = run(runner, "check", "Najin", "Dunay", "--claim", "180 km", "--units", unit)
    assert result.exit_code == 0, result.output
    body = [line for line in result.stdout.splitlines() if not line.startswith("Claim")]
    assert set(_lengths("\n".join(body))) == {unit}


def test_help_offers_only_the_formats_a_command_has(runner):
    for command, offered, absent in (("check", "json", "geojson"), ("article", "markdown", "geojson"),
                                     ("distance", "geojson", "markdown")):
        text = " ".join(run(runner, command, "--help").stdout.split())
        assert offered in text.split("--format", 1)[1].split("--", 1)[0], command
        assert absent not in text, command
    map_help = " ".join(run(runner, "map", "--help").stdout.split())
    assert "text output" not in map_help and "on the map" in map_help


def test_map_prints_the_finding_as_check_does(runner, tmp_path):
    result = run(runner, "map", "Najin", "Dunay", "--claim", "80 km", "-o", str(tmp_path / "m.html"))
    assert result.exit_code == 1
    assert "REFUTED" in result.stdout and "Straight line" in result.stdout and "By sea" in result.stdout


def test_router_method_only_with_verbose(runner):
    plain = run(runner, "check", "Najin", "Dunay", "--claim", "180 km")
    verbose = run(runner, "check", "Najin", "Dunay", "--claim", "180 km", "--verbose")
    assert "Delaunay" not in plain.stdout and "funnel" not in plain.stdout
    assert "Delaunay" in verbose.stdout
    route_plain = run(runner, "route", "Najin", "Dunay")
    assert "Method" not in route_plain.stdout and "Method" in run(runner, "route", "Najin", "Dunay", "-v").stdout


# --- reader copy (issue 12) ----------------------------------------------------------------------

def test_two_names_of_one_place_are_the_same_place(runner):
    result = run(runner, "distance", "Busan", "부산")
    assert result.exit_code == 0, result.output
    assert "the same place" in result.stdout and "bearing" not in result.stdout


def test_no_via_the_strait_the_route_starts_from(runner):
    result = run(runner, "check", "Kerch", "Rostov-on-Don", "--claim", "400 km")
    line = next(line for line in result.stdout.splitlines() if line.startswith("By sea"))
    assert "Kerch" not in line


ARTICLE = "Ferries sail from Odesa to Istanbul, about 600 km away.\n"


def test_memo_states_the_tolerance_rule_itself(runner):
    result = runner.invoke(main, ["article", "-", "--no-sea", "--format", "markdown"], input=ARTICLE)
    assert result.exit_code in (0, 1), result.output
    assert "README" not in result.stdout
    assert "'about X' allows X ± the larger of 5 km and 10 %" in result.stdout
    assert "| Tolerance | about X" in result.stdout


def test_untitled_article_names_its_source_once(runner):
    result = runner.invoke(main, ["article", "-", "--no-sea"], input=ARTICLE)
    head = result.stdout.splitlines()[:3]
    assert sum(line.strip() == "-" or line.strip().endswith(", -") for line in head) <= 1
    assert head[1].strip() != head[0].strip()


def test_map_alt_text_is_written_and_printed_and_png_is_200_dpi(runner, tmp_path):
    from PIL import Image

    png, alt = tmp_path / "nd.png", tmp_path / "nd.txt"
    result = runner.invoke(main, ["map", "Najin", "Dunay", "--claim", SEED_CLAIM, "--png", str(png),
                                  "--alt-text", str(alt), "--no-sea", "--width", "600", "--height", "400"])
    assert result.exit_code == 0, result.output
    text = alt.read_text().strip()
    assert text.startswith("Map of Najin") and len(text) <= 300
    assert f"Alt text: {text}" in result.stderr
    assert Image.open(png).size == (1200, 800)  # --dpi 200 by default


MILES_ARTICLE = "Ferries sail from Odesa to Istanbul, some 400 miles south of Odesa.\n"


def test_claim_quote_stops_at_the_claim(runner):
    # A stated direction is read up to its "of"; the reader sees the claim without it.
    text = run(runner, "check", "Najin", "Dunay", "--claim", "about 100 miles north of")
    assert "'about 100 miles north'" in text.stdout and "north of'" not in text.stdout
    memo = runner.invoke(main, ["article", "-", "--no-sea", "--format", "markdown"], input=MILES_ARTICLE)
    assert "\u201csome 400 miles south\u201d" in memo.stdout and "south of\u201d" not in memo.stdout


def test_memo_figures_are_rounded_json_keeps_them(runner):
    memo = runner.invoke(main, ["article", "-", "--no-sea", "--format", "markdown"], input=MILES_ARTICLE)
    assert "= 643.7 km" in memo.stdout and "643.738" not in memo.stdout
    data = runner.invoke(main, ["article", "-", "--no-sea", "--format", "json"], input=MILES_ARTICLE)
    assert "643.738" in data.stdout


@pytest.mark.parametrize("unit", ["mi", "nmi"])
def test_article_units_reach_the_why_sentence_and_the_notes(runner, unit):
    result = runner.invoke(main, ["article", "-", "--no-sea", "--units", unit], input=ARTICLE)
    assert result.exit_code in (0, 1), result.output
    finding = [line for line in result.stdout.splitlines() if " is " in line or "note:" in line]
    assert finding and set(_lengths("\n".join(finding))) == {unit}


def test_cache_clear_removes_what_a_stopped_gazetteer_build_left(runner, tmp_path, monkeypatch):
    # A build killed mid-way leaves its temporary file, and the towns' second half beside it.
    monkeypatch.setenv("SHIPROUTE_CACHE_DIR", str(tmp_path))
    left = [tmp_path / "places-s15-0123456789abcdef.sqlite.tmp-41-42",
            tmp_path / "places-s15-0123456789abcdef.sqlite.tmp-41-42.towns-41"]
    for path in left:
        path.write_bytes(b"half a build")
    kept = tmp_path / "notes.txt"
    kept.write_text("not ours", encoding="utf-8")
    result = run(runner, "cache", "clear")
    assert result.exit_code == 0, result.output
    assert not any(path.exists() for path in left) and kept.exists()
