"""`shiproute article` and geo.check_article on the seed article and on bad input."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from geo.text.article import check_article, load_article, parse_article

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_report():
    return check_article(load_article(str(SEED)))


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_seed_header_is_metadata_not_text():
    article = load_article(str(SEED))
    assert article.date == "2024-06-14" and article.language == "Eng"
    assert article.title.startswith("Seoul says Pyongyang")
    assert "date 2024" not in article.text


def test_seed_has_exactly_the_najin_dunay_claim(seed_report):
    assert len(seed_report.claims) == 1
    check = seed_report.claims[0]
    assert {check.a.country, check.b.country} == {"KP", "RU"}
    assert check.claim.low_km == check.claim.high_km == 180
    assert 181 <= check.measures.geodesic_km <= 184
    assert check.verdict.status == "supported"
    assert "Najin" in check.quote and "Dunay" in check.quote


def test_seed_mentions_places_and_no_people(seed_report):
    names = {m.text for m in seed_report.mentions}
    assert {"Seoul", "Pyongyang", "Kyiv", "Najin", "Dunay"} <= names
    for person_or_org in ("Shin", "Wonsik", "Bloomberg", "Putin", "Kim", "Yuri", "Zoria", "Eng", "Kremlin",
                          "September", "Woohae", "Cho"):
        assert person_or_org not in names
    text = seed_report.article.text
    for m in seed_report.mentions:
        assert text[m.start:m.end] == m.text


def test_capital_as_government_is_listed_but_never_an_endpoint(seed_report):
    roles = {(m.text, m.role) for m in seed_report.mentions}
    assert ("Moscow", "government") in roles
    endpoints = {c.a.source for c in seed_report.claims} | {c.b.source for c in seed_report.claims}
    moscow = next(m for m in seed_report.mentions if m.text == "Moscow")
    assert moscow.place.source not in endpoints


def test_article_json_cli_is_stable(runner):
    args = ["article", str(SEED), "--format", "json"]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert report["summary"]["claims"] == 1 and report["summary"]["supported"] == 1
    claim = report["claims"][0]
    assert claim["a"]["country"] == "KP" and claim["b"]["country"] == "RU"
    assert claim["claim"]["text"] == "approximately 180 kilometers"
    assert runner.invoke(main, args).stdout == first.stdout


def test_article_markdown_memo_quotes_and_credits(runner):
    result = runner.invoke(main, ["article", str(SEED), "--format", "markdown", "--no-sea"])
    assert result.exit_code == 0, result.output
    assert "> Despite denials" in result.stdout
    assert "GeoNames" in result.stdout and "**supported**" in result.stdout


def test_stdin_article(runner):
    text = "date 2024-01-01 Eng\nFerry news\n\nThe ferry from Dover to Calais covers about 42 km.\n"
    result = runner.invoke(main, ["article", "-", "--format", "json", "--no-sea"], input=text)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["summary"]["claims"] == 1
    assert {report["claims"][0]["a"]["country"], report["claims"][0]["b"]["country"]} == {"GB", "FR"}


def test_non_place_distances_are_listed_not_judged():
    report = check_article(parse_article(
        "Gas news\n\nThe 180-kilometre pipeline runs from Novorossiysk. Missiles with a range of 300 km "
        "were seen near Odesa. Tankers must stay within 5 km of the coast.\n"), sea=False)
    assert report.claims == ()
    assert len(report.non_claims) == 3


@pytest.mark.parametrize("content,needle", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", "binary"),
    (b"\xff\xfe\xfa not utf8 \xc3\x28", "UTF-8"),
])
def test_unusable_files_exit_2(runner, tmp_path, content, needle):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(main, ["article", str(path)])
    assert result.exit_code == 2
    assert needle in result.stderr and "Traceback" not in result.output


def test_missing_file_exits_2(runner, tmp_path):
    result = runner.invoke(main, ["article", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_article_without_claims_exits_0_and_says_so(runner, tmp_path):
    path = tmp_path / "quiet.txt"
    path.write_text("Port news\n\nThe harbour at Rotterdam was busy on Monday as ships waited for berths.\n")
    result = runner.invoke(main, ["article", str(path), "--no-sea"])
    assert result.exit_code == 0, result.output
    assert "No place-to-place distance claims found" in result.stdout


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.path == "/story.html":
            body = (b"<html><head><title>Ferry story</title></head><body><nav>Home | World | Sport</nav>"
                    b"<article><h1>Ferry story</h1><p>The ferry from Dover to Calais covers about 42 km, "
                    b"and crossings resumed on Monday after the storm passed through the Channel.</p>"
                    b"<p>Operators said the weather had kept ships in port for two days.</p></article>"
                    b"<footer>Copyright</footer></body></html>")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture()
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_article_is_fetched_and_extracted(runner, local_server):
    result = runner.invoke(main, ["article", f"{local_server}/story.html", "--format", "json", "--no-sea"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["article"]["format"] == "html"
    assert report["summary"]["claims"] == 1
    assert "Home | World" not in json.dumps(report)


def test_url_that_fails_exits_2(runner, local_server):
    result = runner.invoke(main, ["article", f"{local_server}/missing.html"])
    assert result.exit_code == 2
    assert "404" in result.stderr and "Traceback" not in result.output


def test_resolve_with_article_context_uses_the_article_meaning(runner):
    article = ROOT / "tests" / "data" / "articles" / "busan_tsushima_ferry.txt"
    alone = json.loads(runner.invoke(main, ["resolve", "Tsushima", "--format", "json"]).stdout)[0]
    in_article = runner.invoke(main, ["resolve", "Tsushima", "--context", str(article), "--format", "json"])
    assert in_article.exit_code == 0, in_article.output
    chosen = json.loads(in_article.stdout)[0]
    # Alone, the most populous Tsushima (Aichi) wins; the ferry story means the island near Busan.
    assert alone["best"]["source"] != chosen["best"]["source"]
    assert chosen["best"]["admin1"] == "Nagasaki" and 129 < chosen["best"]["lon"] < 130
    assert any("as the article uses it" in note for note in chosen["context_notes"])


def test_library_resolve_with_text_context_prefers_the_article_country():
    from geo.places.gazetteer import resolve

    text = "Lebanese officials said the port of Tripoli and Beirut would reopen."
    assert resolve("Tripoli").best.country == "LY"
    assert resolve("Tripoli", context=text).best.country == "LB"


def test_article_json_gives_countries_and_regions_their_areas(runner, tmp_path):
    path = tmp_path / "krai.txt"
    path.write_text("Krai news\n\nShips from Russia dock at Dunay in Primorsky Krai every week.\n")
    result = runner.invoke(main, ["article", str(path), "--format", "json", "--no-sea"])
    assert result.exit_code == 0, result.output
    mentions = {m["text"]: m for m in json.loads(result.stdout)["mentions"]}
    russia, krai = mentions["Russia"]["area"], mentions["Primorsky Krai"]["area"]
    assert russia["country"] == "RU" and russia["crosses_antimeridian"] is True
    assert krai["kind"] == "region" and krai["approximate"] is True
    west, south, east, north = krai["bbox"]
    dunay = mentions["Dunay"]["place"]
    assert west < dunay["lon"] < east and south < dunay["lat"] < north
    assert "area" not in mentions["Dunay"]


def test_a_voyage_is_judged_against_the_sea_route_not_the_straight_line():
    text = "The tanker left Rotterdam for Singapore, an 8,300 nautical-mile voyage via Suez."
    with_sea = check_article(text, sea=True).claims
    assert [(c.a.country, c.b.country) for c in with_sea] == [("NL", "SG")]
    verdict = with_sea[0].verdict
    assert verdict is not None and verdict.basis == "sea" and verdict.status == "supported"
    assert "sea voyage" in verdict.explanation
    # Without the sea route the straight line (about 10,500 km) cannot check a voyage's length.
    without = check_article(text, sea=False).claims[0].verdict
    assert without is not None and without.status == "ambiguous"
    # The same figure as a plain distance stays judged against the straight line.
    plain = check_article("Rotterdam lies 8,300 nautical miles from Singapore.", sea=False).claims[0].verdict
    assert plain is not None and plain.basis == "geodesic" and not any("voyage" in n for n in plain.notes)


def _claims(text: str) -> list[tuple[str, str, str, float]]:
    report = check_article(text, sea=False)
    return [(c.a.name, c.b.name, c.verdict.status, c.measures.geodesic_km) for c in report.claims
            if c.verdict is not None and c.measures is not None]


def test_an_island_region_that_opens_a_sentence_is_what_it_stands_for():
    # Svalbard is a region (of SJ, drawn inside Norway too); "mainland Norway" is Norway.
    found = _claims("Svalbard is an archipelago in the Arctic. It is located about 400 miles north of "
                    "mainland Norway.")
    assert [(a, b, status) for a, b, status, _km in found] == [("Svalbard", "Norway", "supported")]


def test_an_island_named_in_passing_is_not_the_island_a_later_sentence_means():
    found = _claims("The distance between Malta and the nearest point in Sicily is 93 km. Gibraltar is "
                    "1,826 km to the west and Alexandria is 1,510 km to the east of the island.")
    assert {(a, b) for a, b, _status, _km in found} >= {("Gibraltar", "Malta"), ("Alexandria", "Malta")}


def test_an_island_region_is_measured_to_the_rest_of_its_country_across_the_strait():
    # Sicily's towns' cells reach Calabria's tip and GSHHG's Calabrian shore lies within a
    # redrawn coast's reach: neither may make the Strait of Messina 0 km wide.
    ((a, b, status, km),) = _claims("Sicily lies 3 km west of the Italian mainland.")
    assert (a, b, status) == ("Sicilia", "Italy", "supported")
    assert 2.0 < km < 4.0


def test_a_direction_from_an_area_may_be_read_from_its_nearest_coast():
    # From Sweden's central point Gotland lies south-south-east; from its nearest coast, east.
    found = _claims("Gotland is an island in the Baltic. It is located about 90 km east of mainland Sweden.")
    assert [(a, b, status) for a, b, status, _km in found] == [("Gotlands län", "Sweden", "supported")]
