"""Maps without a browser: the HTML file's promises (self-contained, deterministic, small,
escaped), the embed snippet, the alt text, antimeridian and range geometry, and the static
PNG/SVG checked pixel by pixel. Inputs are real: the seed pair through the real pipeline."""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from _maps_data import check_for, hostile_check, seed_check, story_check

import maps
from geo.errors import BadInput
from geo.places.gazetteer import resolve
from maps.render import DEFAULT_TILES, embed_snippet, tile_provider
from maps.scene import COLOURS, build_scene, encloses_pole, geodesic_circle, mercator_disc
from maps.static import image_bytes

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seed_html() -> str:
    return maps.to_html(maps.render(seed_check()))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


# --- the HTML file ---------------------------------------------------------------------------


def test_seed_map_is_self_contained(seed_html):
    tags = _tags(seed_html)
    external = [
        (tag, attrs) for tag, attrs in tags
        if (tag == "script" and attrs.get("src")) or (tag == "link" and attrs.get("href"))
    ]
    assert external == []  # everything inlined: no src/href at all, so no http(s) one either
    lowered = seed_html.lower()
    for cdn_thing in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers", "cdn.jsdelivr"):
        assert cdn_thing not in lowered, cdn_thing
    assert "Leaflet 1.9.3" in seed_html  # Leaflet's own file, licence header kept
    assert "sourceMappingURL" not in seed_html


def test_seed_map_is_at_most_2_mb(seed_html):
    assert len(seed_html.encode("utf-8")) <= 2 * 1024 * 1024


def test_seed_map_has_the_content(seed_html):
    check = seed_check()
    scene = maps.render(check).shiproute_scene
    kinds = [line.kind for line in scene.lines]
    assert kinds.count("geodesic") == 1
    assert ("sea" in kinds) == (check.measures.sea is not None)
    arc = next(line for line in scene.lines if line.kind == "geodesic")
    assert len(arc.coords) > 100  # densified, not a two-point segment
    assert arc.coords[0] == (round(check.a.lon, 6), round(check.a.lat, 6))
    assert arc.coords[-1] == (round(check.b.lon, 6), round(check.b.lat, 6))
    (ring,) = scene.rings
    assert ring.band is not None and ring.band[1]  # "approximately": a band, not a disc
    assert scene.findings[0].sentence.startswith("Claim: about 180 km. Straight line: 182 km.")
    assert scene.findings[0].sentence.endswith("Supported.")
    # The headline is the finding; the label is the place's own name as the article spelt it.
    assert scene.title == "Najin to Dunay: 182 km, as claimed"
    assert [p.label for p in scene.places] == ["Najin", "Dunay"]
    for text in ('"Najin"', '"Dunay"', "geonames:2042645", "geonames:2024800", "GeoNames", "CC BY 4.0",
                 "Coastlines: GSHHG", "shiproute.scale("):
        assert text in seed_html, text


def test_seed_map_ring_is_at_the_claimed_distance():
    from geo.geodesy import inverse

    check = seed_check()
    (ring,) = maps.render(check).shiproute_scene.rings
    (line,) = ring.lines
    outer, inner = ring.band
    for coords, expected_km in (
        (line, 180.0), (outer, check.verdict.accepted_high_km), (inner, check.verdict.accepted_low_km)
    ):
        for lon, lat in coords[::15]:
            assert inverse(check.a.lon, check.a.lat, lon, lat).distance_km == pytest.approx(expected_km, abs=0.01)


def test_two_renders_are_byte_identical(tmp_path):
    check = seed_check()
    maps.write_html(maps.render(check), tmp_path / "one.html")
    maps.write_html(check, tmp_path / "two.html")  # rendering inside write_html gives the same
    assert (tmp_path / "one.html").read_bytes() == (tmp_path / "two.html").read_bytes()


def test_render_is_identical_in_another_process(tmp_path, seed_html):
    """Another interpreter, another hash seed: still the same bytes (no set order, no ids)."""
    script = (
        "import sys; sys.path[:0] = [sys.argv[1], sys.argv[1] + '/tests']\n"
        "import maps; from _maps_data import seed_check\n"
        "sys.stdout.write(maps.to_html(maps.render(seed_check())))\n"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", script, str(ROOT)], capture_output=True, text=True, env=env,
                         check=True, cwd=tmp_path)
    assert out.stdout == seed_html


def test_rendering_again_does_not_duplicate_anything():
    fmap = maps.render(seed_check())
    notebook = fmap._repr_html_()  # a notebook shows it inline (an iframe with srcdoc)
    assert "<iframe" in notebook and "srcdoc" in notebook
    first = maps.to_html(fmap)
    assert maps.to_html(fmap) == first
    assert first.count("shiproute.place(") == 2
    assert first.count("Leaflet 1.9.3") == 1


def test_hostile_text_is_escaped_in_the_file():
    hostile = '</script><script>alert(1)</script>"><img src=x onerror=alert(1)>${alert(1)}{{ 7*7 }}'
    page = maps.to_html(maps.render(hostile_check(hostile, hostile), title=hostile))
    assert "<img" not in page
    assert page.count("<script") == page.count("</script>")
    assert "alert(1)</script>" not in page
    assert "&lt;/script&gt;" in page  # <title> and the screen-reader description: HTML-escaped
    assert "\\u003c/script\\u003e" in page  # in script data: JSON with < > & escaped
    assert "{{ 7*7 }}" in page and ">49<" not in page and '"49' not in page  # never a Jinja template


def test_tiles_are_optional_layers_and_validated():
    spec = tile_provider(DEFAULT_TILES)
    assert spec["url"].startswith("https://") and "openstreetmap.org" not in spec["url"]
    assert spec["options"]["attribution"]
    page = maps.to_html(maps.render(seed_check(), tiles=None))
    assert "shiproute.tiles(" not in page and "Land and sea (offline)" in page
    page = maps.to_html(maps.render(seed_check(), tiles=["OpenTopoMap", "Esri.WorldImagery"]))
    assert page.count("shiproute.tiles(") == 2
    with pytest.raises(BadInput, match="no web map tiles called 'Nonesuch.Tiles'"):
        maps.render(seed_check(), tiles="Nonesuch.Tiles")
    with pytest.raises(BadInput, match="API key"):
        tile_provider("Thunderforest.OpenCycleMap")


def test_units_change_the_labels():
    scene = build_scene(seed_check(), units="nmi")
    arc = next(line for line in scene.lines if line.kind == "geodesic")
    assert arc.label == "98.4 nmi"
    assert "182 km" in arc.hover and "113 mi" in arc.hover
    with pytest.raises(BadInput, match="unknown unit 'furlong'"):
        build_scene(seed_check(), units="furlong")


def test_a_pair_without_a_claim_has_no_ring():
    a, b = resolve("Najin").best, resolve("Dunay").best
    check = check_for(a, b, None)
    fmap = maps.render(check)
    assert fmap.shiproute_scene.rings == ()
    assert fmap.shiproute_scene.findings[0].sentence == "Straight line: 182 km."
    page = maps.to_html(fmap)
    assert "shiproute.ring(" not in page and "Claimed distance" not in page
    assert "Verdict" not in maps.alt_text(check)


def test_alt_text_describes_the_finding():
    text = maps.alt_text(seed_check())
    for part in ("Najin", "Dunay", "North Korea", "182 km", "about 180 km", "supported"):
        assert part in text, part
    # The map's own accessible description has every figure and the verdict's reason.
    description = build_scene(seed_check()).description
    for part in ("98.4 nmi", "Verdict: supported", "modelled route by sea"):
        assert part in description, part


def test_bad_inputs_are_refused_with_typed_errors(tmp_path):
    with pytest.raises(BadInput, match="at least one PairCheck"):
        maps.render([])
    with pytest.raises(BadInput, match="cannot draw a map of 'int'"):
        maps.render(42)
    with pytest.raises(BadInput, match="does not exist"):
        maps.write_html(seed_check(), tmp_path / "missing-folder" / "map.html")


def test_write_html_is_atomic_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "map.html"
    target.write_text("old")
    maps.write_html(seed_check(), target, width=800, height=500)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]
    page = target.read_text()
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert "max-width: 800px; max-height: 500px;" in page


# --- embedding -------------------------------------------------------------------------------


def test_embed_snippet_is_responsive_and_accessible():
    snippet = embed_snippet("maps/najin dunay.html", width=640, height=400, title='Najin "to" <Dunay>',
                            alt_text="Map of <b>Najin</b> & Dunay")
    tags = _tags(snippet)
    iframe = next(attrs for tag, attrs in tags if tag == "iframe")
    assert iframe["src"] == "maps/najin%20dunay.html"
    assert iframe["title"] == 'Najin "to" <Dunay>'
    assert iframe["scrolling"] == "no"
    assert "aspect-ratio:640 / 400" in snippet  # the aspect ratio kept at any width, until the page asks
    assert "shiprouteHeight" in snippet and "e.source!==f.contentWindow" in snippet  # only its own frame
    assert "Map of &lt;b&gt;Najin&lt;/b&gt; &amp; Dunay" in snippet  # the alt text, escaped
    assert "max-width:640px" in snippet
    assert "<Dunay>" not in snippet
    url = embed_snippet("https://example.org/maps/a.html?x=1&y=2", width=800, height=600, title="t")
    assert 'src="https://example.org/maps/a.html?x=1&amp;y=2"' in url
    with pytest.raises(BadInput, match="http"):
        embed_snippet("javascript:alert(1)", width=800, height=600, title="t")
    with pytest.raises(BadInput, match="width"):
        embed_snippet("a.html", width=0, height=600, title="t")


# --- geometry across the antimeridian, ranges, poles -----------------------------------------


def test_antimeridian_pair_is_drawn_the_short_way():
    anadyr, nome = resolve("Anadyr").best, resolve("Nome").best
    assert anadyr.lon > 170 and nome.lon < -160
    check = check_for(anadyr, nome, "about 650 km")
    fmap = maps.render(check)
    scene = fmap.shiproute_scene
    arc = next(line for line in scene.lines if line.kind == "geodesic")
    steps = [abs(b[0] - a[0]) for a, b in zip(arc.coords, arc.coords[1:], strict=False)]
    assert max(steps) < 1.0  # continuous: no jump from +180 to -180
    assert arc.coords[-1][0] == pytest.approx(nome.lon + 360, abs=1e-6)
    west, _, east, _ = scene.bounds
    assert east - west < 40  # the short way round, not across the whole globe
    land = json.loads(re.search(r"shiproute\.land\(map_\d+, (\{.*?\}), \{\"land\"", maps.to_html(fmap)).group(1))
    land_lons = [pt[0] for poly in land["features"][0]["geometry"]["coordinates"] for ring in poly for pt in ring]
    assert max(land_lons) > 180 and min(land_lons) < 180  # Alaska drawn east of Chukotka


def _pieces_in_frame(scene, pieces) -> bool:
    return all(scene.frame_west - 1e-6 <= lon <= scene.frame_west + 360.0 + 1e-6 for p in pieces for lon, _ in p)


def test_ocean_route_the_other_way_round_reaches_its_marker_in_one_world():
    # Avoiding Suez and the Cape, Rotterdam to Shanghai goes west by Panama while the geodesic
    # goes east: the route used to end a world to the west (-238.5) of the Shanghai marker
    # (121.5). (Avoiding Suez alone now goes round the Cape of Good Hope: see test_searoute.)
    check = story_check("Rotterdam", "Shanghai", "about 10,500 nautical miles", ("suez", "cape of good hope"))
    assert "Panama" in check.measures.sea.passages
    scene = build_scene(check)
    rotterdam, shanghai = scene.places
    (sea,) = [line for line in scene.lines if line.kind == "sea"]
    (arc,) = [line for line in scene.lines if line.kind == "geodesic"]
    assert len(sea.pieces) == 1  # the main line is never cut
    steps = [abs(q[0] - p[0]) for p, q in zip(sea.pieces[0], sea.pieces[0][1:], strict=False)]
    assert max(steps) < 30.0  # continuous longitudes
    assert sea.pieces[0][0] == pytest.approx((rotterdam.lon, rotterdam.lat), abs=0.5)
    assert sea.pieces[0][-1] == pytest.approx((shanghai.lon, shanghai.lat), abs=0.5)
    # Markers, both lines and the claim lie in one copy of the world; the geodesic that runs
    # the other way round is cut at its edge, and still starts and ends at the markers.
    for lon in (rotterdam.lon, shanghai.lon):
        assert scene.frame_west <= lon <= scene.frame_west + 360.0
    assert _pieces_in_frame(scene, sea.pieces) and _pieces_in_frame(scene, arc.pieces)
    assert len(arc.pieces) == 2
    ends = {arc.pieces[0][0], arc.pieces[-1][-1]}
    assert any(e == pytest.approx((rotterdam.lon, rotterdam.lat), abs=0.5) for e in ends)
    assert any(e == pytest.approx((shanghai.lon, shanghai.lat), abs=0.5) for e in ends)
    # The view is fitted to the markers and the route, not to the whole world.
    west, _, east, _ = scene.view_bounds
    assert east - west < 260.0
    # A claim near the route's length is drawn along the route, not as a circle of 19,446 km
    # round Rotterdam (a small ring near the far side of the world).
    assert not scene.rings
    (mark,) = scene.route_claims
    assert scene.frame_west <= mark.at[0] <= scene.frame_west + 360.0
    assert _pieces_in_frame(scene, mark.band) and mark.band
    lons = [lon for lon, _ in sea.pieces[0]]
    assert min(lons) <= mark.at[0] <= max(lons)


def test_ocean_map_basemap_covers_its_whole_world(tmp_path):
    check = story_check("Rotterdam", "Shanghai", None, ("suez",))
    fmap = maps.render(check, tiles=None)
    scene = fmap.shiproute_scene
    page = maps.to_html(fmap)
    land = json.loads(re.search(r"shiproute\.land\(map_\d+, (\{.*?\}), \{\"land\"", page).group(1))
    land_lons = [pt[0] for poly in land["features"][0]["geometry"]["coordinates"] for ring in poly for pt in ring]
    # Land reaches both edges of the copy of the world the map may show (no empty band).
    assert min(land_lons) < scene.frame_west + 5.0 and max(land_lons) > scene.frame_west + 355.0
    world = re.search(r"shiproute\.fit\(map_\d+, .*?, (\[\[-85\.0,[^\]]*\],\[85\.0,[^\]]*\]\])\);", page)
    assert world and json.loads(world.group(1))[0][1] == pytest.approx(scene.frame_west)


def test_range_claim_draws_two_rings_and_the_band():
    a, b = resolve("Najin").best, resolve("Dunay").best
    scene = build_scene(check_for(a, b, "150-200 km"))
    (ring,) = scene.rings
    assert len(ring.lines) == 2  # 150 and 200 km
    assert ring.band is not None and ring.band[1]
    assert ring.label == "Claim: 150–200 km"


def test_ring_round_a_pole_is_closed_through_it_for_web_mercator():
    longyearbyen, tromso = resolve("Longyearbyen").best, resolve("Tromsø").best
    check = check_for(longyearbyen, tromso, "about 2000 km")
    scene = build_scene(check)
    (ring,) = scene.rings
    west, east = scene.frame_west, scene.frame_west + 360.0
    # One open wavy line round the world, cut at the edges of the scene's one copy of it.
    lons = [lon for piece in ring.lines for lon, _ in piece]
    assert min(lons) >= west - 1e-6 and max(lons) <= east + 1e-6
    assert max(lons) - min(lons) == pytest.approx(360.0, abs=0.01)
    assert max(lat for piece in ring.lines for _, lat in piece) < 85.0
    line = geodesic_circle(longyearbyen.lonlat, 2000.0)
    assert encloses_pole(line) and line[-1][0] == pytest.approx(line[0][0] - 360.0)
    assert max(lat for lon, lat in mercator_disc(line).exterior.coords) == 85.0  # closed over the top
    # 1,800-2,200 km: both edges go round the pole, a wavy strip across the whole copy.
    band_lons = [lon for polygon in ring.band_polygons for lon, _ in polygon[0]]
    assert min(band_lons) >= west - 1e-6 and max(band_lons) <= east + 1e-6
    assert max(band_lons) - min(band_lons) == pytest.approx(360.0, abs=0.01)
    small = geodesic_circle(tromso.lonlat, 100.0)
    assert small[0] == small[-1] and not encloses_pole(small)


# --- static images ---------------------------------------------------------------------------


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _near(pixel, target, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], target, strict=True))


@pytest.fixture(scope="module")
def seed_png(tmp_path_factory):
    path = tmp_path_factory.mktemp("img") / "najin-dunay.png"
    info = maps.write_image(seed_check(), path)
    return path, info


def test_png_has_the_right_size_and_is_not_blank(seed_png):
    from PIL import Image, ImageStat

    path, info = seed_png
    image = Image.open(path).convert("RGB")
    assert image.size == (1200, 800) == (info.width_px, info.height_px)
    assert max(ImageStat.Stat(image).stddev) > 20
    colours = {rgb: n for n, rgb in image.getcolors(maxcolors=1 << 22)}
    for name in ("water", "land"):
        assert sum(n for rgb, n in colours.items() if _near(rgb, _rgb(COLOURS[name]), 6)) > 20000, name


def test_png_shows_markers_and_arc_where_the_places_are(seed_png):
    from PIL import Image

    path, info = seed_png
    image = Image.open(path).convert("RGB")
    assert len(info.places) == 2
    for label, (x, y) in info.places.items():
        assert _near(image.getpixel((round(x), round(y))), _rgb(COLOURS["place"])), label
    # Along the arc, between the markers and away from its label, the pixels are the arc's colour.
    points = info.line_points["geodesic"]
    hits = 0
    for x, y in points[1:-1]:
        window = [image.getpixel((round(x) + dx, round(y) + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
        hits += any(_near(p, _rgb(COLOURS["geodesic"]), 45) for p in window)
    assert hits >= len(points[1:-1]) // 2  # the straight line is dashed beside the sea route
    # The markers are apart: the map is not collapsed to one point.
    (x1, y1), (x2, y2) = info.places.values()
    assert abs(x1 - x2) + abs(y1 - y2) > 100


@pytest.mark.parametrize(
    ("a", "b", "avoid", "projection"),
    [("Najin", "Dunay", (), "aeqd"), ("Rotterdam", "Shanghai", ("suez",), "eqearth"),
     ("Vladivostok", "Seattle", (), "eqearth"), ("Kerch", "Novorossiysk", (), "aeqd")],
)
def test_static_maps_are_north_up_and_show_the_web_maps_places(a, b, avoid, projection):
    check = story_check(a, b, None, avoid)
    _, info = image_bytes(check, width_px=900, height_px=600)
    assert f"+proj={projection} " in info.projection
    # A meridian through the centre is vertical, north at the top: the azimuthal projection
    # centred on the origin tilted ocean maps (Rotterdam-Shanghai came out rotated).
    (south_x, south_y), (north_x, north_y) = info.meridian_px
    assert south_x == pytest.approx(north_x, abs=0.5) and north_y < south_y - 20
    # The places of the web map, each inside the image and labelled.
    scene = build_scene(check)
    assert sorted(info.places) == sorted(p.label for p in scene.places)
    for x, y in info.places.values():
        assert 0 < x < info.width_px and 0 < y < info.height_px
    assert {text for kind, text, _ in info.labels if kind == "place"} == {p.label for p in scene.places}


def test_png_at_2x_and_svg_are_deterministic_and_carry_alt_text(tmp_path):
    from PIL import Image

    check = seed_check()
    info = maps.write_image(check, tmp_path / "a.png", scale=2, width_px=600, height_px=400)
    assert Image.open(tmp_path / "a.png").size == (1200, 800) == (info.width_px, info.height_px)
    maps.write_image(check, tmp_path / "b.png", scale=2, width_px=600, height_px=400)
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    assert Image.open(tmp_path / "a.png").text["Description"] == maps.alt_text(check)
    maps.write_image(check, tmp_path / "a.svg")
    maps.write_image(check, tmp_path / "b.svg", fmt="svg")
    svg = (tmp_path / "a.svg").read_text()
    assert svg == (tmp_path / "b.svg").read_text()
    root = ElementTree.fromstring(svg)
    ns = {"svg": "http://www.w3.org/2000/svg", "dc": "http://purl.org/dc/elements/1.1/"}
    assert root.find("svg:title", ns).text == "Najin to Dunay: 182 km, as claimed"
    assert root.find(".//dc:description", ns).text == maps.alt_text(check)
    hostile = '</title><script>alert(1)</script>&"'
    maps.write_image(hostile_check(hostile, hostile), tmp_path / "h.svg", title=hostile)
    hostile_root = ElementTree.fromstring((tmp_path / "h.svg").read_text())  # still well-formed XML
    assert hostile_root.find("svg:title", ns).text == hostile
    assert hostile_root.find(".//svg:script", ns) is None
    with pytest.raises(BadInput, match="format 'gif'"):
        maps.write_image(check, tmp_path / "c.gif", fmt="gif")
    with pytest.raises(BadInput, match="scale"):
        maps.write_image(check, tmp_path / "c.png", scale=5)


# --- a map of several claims ------------------------------------------------------------------

ODESA_ARTICLE = ROOT / "tests" / "data" / "articles" / "odesa_grain_corridor.txt"


def odesa_checks():
    """The five claims of the Odesa test article, through the real article pipeline."""
    from geo.text.article import check_article, load_article

    checks = list(check_article(load_article(str(ODESA_ARTICLE)), sea=True).claims)
    assert len(checks) == 5, [c.claim for c in checks]
    return checks


@pytest.fixture(scope="module")
def odesa_scene():
    return build_scene(odesa_checks())


def test_several_claims_are_numbered_and_shared_places_labelled_once(odesa_scene):
    scene = odesa_scene
    assert [f.number for f in scene.findings] == [1, 2, 3, 4, 5]
    labels = [p.label for p in scene.places]
    assert len(labels) == len(set(labels)) == 6
    odesa = [p for p in scene.places if p.label == "Odesa"]
    assert len(odesa) == 1 and odesa[0].claim_numbers == (1, 2, 3, 4, 5)
    # Lines and rings carry the claim's number, not the long text: the panel is the key.
    assert {(line.kind, line.label) for line in scene.lines} >= {("geodesic", "1"), ("sea", "5")}
    assert all(line.label == str(line.number) for line in scene.lines if line.kind != "access")
    # Izmail's route runs down the Danube's Chilia arm, which the router models: no access line.
    assert [line.label for line in scene.lines if line.kind == "access"] == []
    # Claim 3 is "a voyage of roughly 340 nautical miles from Odesa to Istanbul": a voyage is
    # judged against the sea route and drawn along it, not as a ring (issue 11).
    assert [ring.label for ring in scene.rings] == ["1", "2", "4", "5"]
    assert [claim.number for claim in scene.route_claims] == [3]
    assert "km" in scene.lines[0].hover  # the length is still on hover


def test_several_claims_fit_the_view_to_places_not_to_the_biggest_ring(odesa_scene):
    scene = odesa_scene
    west, south, east, north = scene.view_bounds
    for place in scene.places:
        assert west <= place.lon <= east and south <= place.lat <= north, place.label
    # The 300 km ring round Odesa (Constanța's claim) reaches far north and east; the view does
    # not follow it. (The 340 nmi voyage to Istanbul is drawn along its sea route: issue 11.)
    assert scene.bounds[3] - scene.bounds[1] > (north - south) + 2
    assert (east - west) < 0.5 * (scene.bounds[2] - scene.bounds[0])


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.fixture(scope="module")
def odesa_png(tmp_path_factory):
    path = tmp_path_factory.mktemp("img") / "odesa.png"
    return path, maps.write_image(odesa_checks(), path)


def test_png_of_several_claims_has_no_overlapping_labels(odesa_png):
    from PIL import Image

    path, info = odesa_png
    boxes = [box for _, _, box in info.labels]
    assert len(boxes) >= 10  # the labels are there, not all dropped
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not _overlap(a, b), (info.labels[i], [label for label in info.labels if label[2] == b])
    places = [text for kind, text, _ in info.labels if kind == "place"]
    assert sorted(places) == sorted(set(places)) and "Odesa" in places and len(places) == 6
    image = Image.open(path)
    for label, (x, y) in info.places.items():  # every marker inside the map
        assert 14 < x < image.width - 14 and 170 < y < image.height - 26, label


def test_png_of_several_claims_is_deterministic(odesa_png, tmp_path):
    path, _ = odesa_png
    maps.write_image(odesa_checks(), tmp_path / "again.png")
    assert (tmp_path / "again.png").read_bytes() == path.read_bytes()


def test_html_of_several_claims_is_deterministic_and_keyed(tmp_path):
    checks = odesa_checks()
    maps.write_html(checks, tmp_path / "a.html")
    maps.write_html(checks, tmp_path / "b.html")
    page = (tmp_path / "a.html").read_text()
    assert page == (tmp_path / "b.html").read_text()
    assert page.count("shiproute.place(") == 6
    assert '"number":1' in page and '"number":5' in page


# --- geographic context -------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255.0
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_land_and_sea_stay_apart_in_grayscale():
    light, dark = sorted((_luminance(COLOURS["land"]), _luminance(COLOURS["water"])), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 3.0  # WCAG contrast; it was 1.11:1


def test_seed_map_names_the_countries_and_draws_their_border(seed_html):
    data = json.loads(re.search(r"shiproute\.context\(map_\d+, (\{.*?\})\);", seed_html).group(1))
    names = {label["text"] for label in data["labels"] if label["kind"] == "country"}
    assert {"North Korea", "Russia", "China"} <= names  # whose coast is whose, near Najin
    assert data["borders"]  # the Tumen river border, among others
    lats = [lat for line in data["borders"] for lat, _ in line]
    # Around the view (as far as the detailed land: the view plus its size), not the world.
    import math

    west, south, east, north = build_scene(seed_check()).view_bounds
    margin = max((east - west) * math.cos(math.radians((south + north) / 2)), north - south)
    assert min(lats) > south - 1.1 * margin and max(lats) < north + 1.1 * margin
    assert max(lats) - min(lats) < 12.0


# --- print and social ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(600, 600), (1080, 1080), (1200, 675)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_social_cards_keep_headline_badges_and_credits(size):
    from _maps_data import story

    checks, subtitle = story("odesa-five-claims")
    width, height = size
    _, info = image_bytes(list(checks), width_px=width, height_px=height, subtitle=subtitle)
    badges = [box for box in info.furniture if box[1] < height / 2]
    footer = [box for box in info.furniture if box[1] >= height / 2]
    assert len(badges) == 5 and len(footer) >= 2  # five verdicts; source line and credits
    for left, top, right, bottom in info.furniture:
        assert left >= 0 and right <= width and top >= 0 and bottom <= height  # nothing cut off (was at 600)


def test_png_is_opaque_rgb_at_the_asked_dpi_and_svg_has_real_text(tmp_path):
    from PIL import Image

    check = seed_check()
    info = maps.write_image(check, tmp_path / "a.png", dpi=200, width_px=600, height_px=400)
    image = Image.open(tmp_path / "a.png")
    assert image.mode == "RGB" and image.size == (1200, 800) == (info.width_px, info.height_px)
    assert round(image.info["dpi"][0]) == 200
    maps.write_image(check, tmp_path / "a.svg", width_px=600, height_px=400)
    svg = (tmp_path / "a.svg").read_text()
    assert "Najin to Dunay: 182 km, as claimed</text>" in svg  # editable text, not glyph outlines
    with pytest.raises(BadInput, match="dpi"):
        maps.write_image(check, tmp_path / "b.png", dpi=20)


def test_alt_text_is_short_enough_for_a_cms():
    from _maps_data import story

    checks, _ = story("odesa-five-claims")
    text = maps.alt_text(list(checks))
    assert len(text) <= 300 and "Odesa" in text and "refuted" in text  # it ran to 2,000+ characters
    seed = maps.alt_text(seed_check())
    assert len(seed) <= 300 and seed.startswith("Map of Najin (North Korea) and Dunay (Russia")
    assert "supported" in seed


# --- geographic context: cities, rivers, locator; lines; copy (issue 14, second pass) ----------


def _context_data(page: str) -> dict:
    return json.loads(re.search(r"shiproute\.context\(map_\d+, (\{.*?\})\);", page).group(1))


def test_reference_cities_are_few_known_and_away_from_the_story(seed_html):
    from maps.context import reference_cities

    cities = _context_data(seed_html)["cities"]
    names = [city["text"] for city in cities]
    assert 2 <= len(names) <= 6, names
    assert "Chongjin" in names  # North Korea's third city, on the coast south of Najin
    scene = build_scene(seed_check())
    west, south, east, north = scene.view_bounds
    chosen = reference_cities(scene.view_bounds, [(p.lon, p.lat) for p in scene.places])
    for city in chosen:
        assert west <= city.lon <= east and south <= city.lat <= north, city
        for place in scene.places:  # not on top of the story's own places
            assert abs(city.lon - place.lon) + abs(city.lat - place.lat) > 0.3, (city, place.label)


@functools.cache
def _saigon_check():
    """Ho Chi Minh City to Vung Tau: the Saigon River is no channel the router models, so the
    route starts with a straight access leg of about 30 km from the city to open water."""
    from geo.pair import check_pair

    return check_pair("Ho Chi Minh City", "Vung Tau", "about 80 km", sea=True)


def test_a_long_unmodelled_access_leg_is_shown_as_not_modelled_not_painted_as_water():
    """A river the router does not model (the Saigon River) leaves a straight access leg of
    tens of km. The map used to paint water under such a leg, hiding it; the leg is now its own
    line, dotted grey and labelled as not modelled, and the solid route starts where the
    modelled water does. No water is painted under the leg."""
    import shapely

    from geo.geodesy import GEOD
    from maps.scene import ACCESS_LABEL

    check = _saigon_check()
    scene = build_scene(check)
    access = [line for line in scene.lines if line.kind == "access"]
    assert len(access) == 1, [line.kind for line in scene.lines]
    leg = access[0]
    city = next(place for place in scene.places if place.label.startswith("Ho Chi Minh"))
    assert leg.coords[0] == pytest.approx((city.lon, city.lat), abs=1e-5)  # from the place
    leg_km = GEOD.inv(*leg.coords[0], *leg.coords[-1])[2] / 1000.0
    assert leg_km == pytest.approx(check.measures.sea.access_legs_km[0], rel=0.01) and leg_km > 20
    assert leg.label == ACCESS_LABEL and "not model" in leg.hover and "Ho Chi Minh" in leg.hover
    sea = next(line for line in scene.lines if line.kind == "sea")
    assert sea.pieces[0][0] == pytest.approx(leg.coords[-1], abs=1e-5)  # the modelled route starts at its end
    assert any(row.kind == "dotted" for row in scene.legend)
    assert "not model" in scene.description
    # The HTML: the leg drawn dotted in the access colour, labelled, reachable by keyboard (a
    # line of its own), and no water stroke under it.
    page = maps.to_html(maps.render(check))
    drawn = [json.loads(m.group(1)) for m in re.finditer(r"shiproute\.line\(map_\d+, (\{.*?\})\);\n", page)]
    legs = [d for d in drawn if d["kind"] == "access"]
    assert len(legs) == 1 and legs[0]["style"]["color"] == COLOURS["access"] and legs[0]["style"]["dashArray"]
    assert legs[0]["label"]["text"] == ACCESS_LABEL
    channels = _context_data(page)["channels"]
    leg_line = shapely.LineString(leg.coords)
    painted = shapely.union_all([shapely.LineString([(lon, lat) for lat, lon in c]) for c in channels]) \
        if channels else shapely.GeometryCollection()
    assert shapely.intersection(leg_line, painted.buffer(0.002)).length < 0.01 * leg_line.length


def test_a_long_leg_to_a_closed_seas_shore_is_not_called_a_river():
    """Baku's point stands 7 km from the Caspian's shore as Natural Earth's 1:50m polygons draw
    it: its access leg is drawn apart as not modelled, but as the way to the shore, not as a
    river or channel, and the legend says so."""
    from maps.scene import ACCESS_LEGEND, SHORE_ACCESS_LABEL, SHORE_ACCESS_LEGEND

    check = story_check("Baku", "Türkmenbaşy", None, ())
    assert check.measures.sea.access_legs_km[0] > 5.0
    scene = build_scene(check)
    access = [line for line in scene.lines if line.kind == "access"]
    assert [line.label for line in access] == [SHORE_ACCESS_LABEL]
    assert access[0].hover.startswith("Baku to the shore:") and "river" not in access[0].hover
    texts = [row.text for row in scene.legend]
    assert SHORE_ACCESS_LEGEND in texts and ACCESS_LEGEND not in texts
    # The source line names where the Caspian's shore comes from.
    assert "closed-sea shores: Natural Earth" in scene.source
    assert "closed-sea" not in build_scene(seed_check()).source


def test_short_access_legs_stay_part_of_the_route(seed_html):
    """Najin's and Dunay's access legs (about 2 km, the town to its shore) are no river the
    router missed: the seed map draws no access line and no legend row for one."""
    scene = build_scene(seed_check())
    assert 0 < max(seed_check().measures.sea.access_legs_km) < 5
    assert [line.kind for line in scene.lines] == ["geodesic", "sea"]
    assert not any(row.kind == "dotted" for row in scene.legend)
    assert '"kind":"access"' not in seed_html


def test_via_names_only_passages_the_router_reports():
    """The map says "via" for a passage the router names (it names the capes it rounds too),
    spelt as the router spells it; nothing is guessed from coordinates."""
    from geo.sea.passages import PASSAGES
    from maps.scene import _KNOWN_PASSAGES, via_phrase

    assert set(_KNOWN_PASSAGES) <= {p.name for p in PASSAGES.values()}
    cape = story_check("Rotterdam", "Shanghai", None, ("suez", "panama"))
    assert "Cape of Good Hope" in cape.measures.sea.passages
    legend = build_scene(cape).legend
    assert any("via the Cape of Good Hope" in row.text for row in legend)
    assert via_phrase(("Dover", "Bosporus")) == "via the Bosporus"
    # A canal GSHHG draws as land is the way a reader knows the voyage by, before the straits.
    assert via_phrase(("Volga", "Volga–Don", "Don", "Kerch", "Bosporus")) == "via the Volga–Don Canal"
    assert via_phrase(("Dover", "Kiel")) == "via the Kiel Canal"
    assert via_phrase(()) == "" and via_phrase(("Dover",)) == ""


def test_static_rivers_and_borders_run_to_the_frame_not_the_view():
    """The Kerch PNG drew the Kuban cut at the view's eastern edge, ending inland: rivers and
    borders are taken for the whole drawn frame, which is wider than the view."""
    from maps.context import rivers

    check = story_check("Kerch", "Novorossiysk")
    info = image_bytes(check)[1]
    scene = build_scene(check)
    west, south, east, north = scene.view_bounds
    f_west, f_south, f_east, f_north = info.frame_lonlat
    assert f_west < west and f_east > east and f_south < south and f_north > north
    in_view = rivers(scene.view_bounds)
    cut = [line for line, _ in in_view if any(abs(lon - east) < 2e-3 for lon, _ in line)]
    assert cut  # a river (the Kuban) runs out of the view's east edge...
    drawn = rivers(info.frame_lonlat, view=scene.view_bounds)
    assert any(lon > east + 0.2 for line, _ in drawn for lon, _ in line)  # ...and on to the frame
    assert len(drawn) >= len(in_view)


def test_big_rivers_only_on_regional_maps():
    from maps.context import rivers

    danube_view = (26.0, 43.0, 31.0, 47.0)
    assert rivers(danube_view)  # the Danube and the Dniester on a regional map
    assert rivers((-30.0, -40.0, 150.0, 60.0)) == []  # none on an ocean map, unless a route uses it


def test_locator_inset_marks_a_regional_view_only(seed_html):
    from maps.context import locator

    scene = build_scene(seed_check())
    inset = locator(scene.view_bounds)
    assert inset is not None and len(inset.land) > 10
    x0, y0, x1, y1 = inset.view
    assert 0 < x0 < x1 < inset.width and 0 < y0 < y1 < inset.height
    assert x1 - x0 < inset.width / 3  # the view is a small part of the wider area
    assert "shiproute.locator(" in seed_html
    ocean = build_scene(story_check("Rotterdam", "Shanghai"))
    assert locator(ocean.view_bounds) is None


def test_coinciding_lines_are_outlined_and_others_not():
    scene = build_scene(odesa_checks())
    by_number = {(line.number, line.kind): line for line in scene.lines}
    # Chornomorsk to Odesa: the sea route runs along the straight line all the way.
    assert by_number[(1, "geodesic")].coincides and by_number[(1, "sea")].coincides
    # Odesa to Istanbul: the route keeps to the western coast, apart from the straight line.
    assert not by_number[(3, "geodesic")].coincides
    page = maps.to_html(maps.render(odesa_checks()))
    styles = [json.loads(m.group(1)) for m in re.finditer(r"shiproute\.line\(map_\d+, (\{.*?\})\);\n", page)]
    outlined = [s for s in styles if s["label"]["text"] == "1"]
    assert {s["kind"]: s["casing"] for s in outlined} == {"geodesic": False, "sea": True}
    sea_weight = next(s["style"]["weight"] for s in outlined if s["kind"] == "sea")
    geodesic_weight = next(s["style"]["weight"] for s in outlined if s["kind"] == "geodesic")
    assert sea_weight >= geodesic_weight + 4  # the straight line shows inside the sea route


def test_the_rule_is_in_plain_words(seed_html):
    from maps.scene import plain_rule

    rule = plain_rule(seed_check())
    assert rule.startswith("\u201cAbout 180 km\u201d counts as right from")
    assert "182 km" in rule and "inside that range" in rule
    for jargon in ("widened", "extent", "margin", "tolerance"):
        assert jargon not in rule
    panel = json.loads(re.search(r"shiproute\.panel\(map_\d+, (\{.*?\})\);", seed_html).group(1))
    assert panel["findings"][0]["explanation"] == rule
    assert "widened" not in build_scene(seed_check()).description
    assert "widened" not in seed_html  # the verdict's own wording stays in the text report


def test_png_shows_both_lines_where_they_coincide(tmp_path):
    """Sevastopol to Odesa: the sea route runs along the straight line, whose white casing used
    to hide it. Along the line both colours now show, the dashes inside the sea route."""
    from PIL import Image

    check = story_check("Sevastopol", "Odesa")
    info = maps.write_image(check, tmp_path / "sevastopol-odesa.png")
    image = Image.open(tmp_path / "sevastopol-odesa.png").convert("RGB")
    free = [(x, y) for x, y in info.line_points["geodesic"][2:-2]
            if not any(b[0] - 4 <= x <= b[2] + 4 and b[1] - 4 <= y <= b[3] + 4 for _, _, b in info.labels)]
    assert len(free) >= 3
    for x, y in free:
        window = [image.getpixel((round(x) + dx, round(y) + dy)) for dx in range(-2, 3) for dy in range(-2, 3)]
        assert any(_near(p, _rgb(COLOURS["sea"]), 30) for p in window), (x, y)
        assert any(_near(p, _rgb(COLOURS["geodesic"]), 30) for p in window), (x, y)


def test_a_sea_filling_the_view_is_named_though_its_label_point_is_outside():
    """The Kerch-Novorossiysk map is half Black Sea, but the sea's own label point (in the
    middle of the whole sea) lies outside the view, so it went unnamed: it is now named at a
    point of its water inside the view, once, as is the Sea of Japan on the seed map."""
    from maps.context import _waters, context_labels

    for check, name in ((story_check("Kerch", "Novorossiysk"), "Black Sea"), (seed_check(), "Sea of Japan")):
        west, south, east, north = build_scene(check).view_bounds
        point = next((lon, lat) for n, _, lon, lat, _, _ in _waters() if n == name)
        assert not (west <= point[0] <= east and south <= point[1] <= north)  # its own point is outside
        seas = [label for label in context_labels((west, south, east, north)) if label.kind == "sea"]
        named = [label for label in seas if label.text == name]
        assert len(named) == 1, seas
        assert west <= named[0].lon <= east and south <= named[0].lat <= north
        assert not resolve_is_land(named[0].lon, named[0].lat)
    vladivostok = build_scene(story_check("Vladivostok", "Seattle")).view_bounds
    texts = [label.text for label in context_labels(vladivostok) if label.kind == "sea"]
    assert len(texts) == len(set(texts))  # the Bering Sea, across the antimeridian, named once


def resolve_is_land(lon: float, lat: float) -> bool:  # GSHHG full resolution
    from geo.sea.coastline import is_land

    return bool(is_land(lon, lat))


def test_png_names_of_places_and_seas_keep_off_the_lines(tmp_path):
    """On the Rotterdam-Shanghai PNG "South China Sea" was written across the sea route: a
    city's, country's or sea's name is now placed only where no line of the story runs."""
    from PIL import Image

    info = maps.write_image(story_check("Rotterdam", "Shanghai"), tmp_path / "rotterdam-shanghai.png")
    image = Image.open(tmp_path / "rotterdam-shanghai.png").convert("RGB")
    names = [(text, box) for kind, text, box in info.labels if kind in ("city", "context")]
    assert len(names) >= 6, info.labels
    for text, (left, top, right, bottom) in names:
        pixels = [image.getpixel((x, y)) for x in range(round(left) + 1, round(right) - 1)
                  for y in range(round(top) + 1, round(bottom) - 1)]
        # The route's teal (the names' own dark blues and greys are far from it).
        on_line = [p for p in pixels if _near(p, _rgb(COLOURS["sea"]), 14)]
        assert not on_line, (text, len(on_line))


def test_a_river_that_stops_just_short_of_the_coast_is_carried_to_it():
    """Natural Earth's rivers end at its own coarser coast: on the Kerch PNG the Kuban's arm
    stopped on land short of the Sea of Azov. A mouth within reach of the basemap's coast is
    carried to it; a source far inland is left alone."""
    import numpy as np
    import shapely

    from maps.static import _rivers_to_the_coast

    land = [shapely.box(0.0, 0.0, 100.0, 100.0)]
    coast = [np.array([(0.0, 100.0), (100.0, 100.0)])]  # the land's northern edge is the shore
    river = np.array([(50.0, 10.0), (50.0, 50.0), (52.0, 90.0)])  # source inland, mouth 10 short
    (carried,) = _rivers_to_the_coast([river], coast, land, reach=20.0)
    assert carried[-1].tolist() == [52.0, 100.0] and carried[0].tolist() == [50.0, 10.0]
    (left,) = _rivers_to_the_coast([river], coast, land, reach=5.0)
    assert left.tolist() == river.tolist()
    # Only the mouth: a short coastal river whose source is also within reach keeps its source,
    # and a tributary that ends on the main river near the shore is not carried on to it.
    coastal = np.array([(20.0, 85.0), (22.0, 92.0)])  # source 15 short, mouth 8 short
    (kept,) = _rivers_to_the_coast([coastal], coast, land, reach=20.0)
    assert kept[0].tolist() == [20.0, 85.0] and kept[-1].tolist() == [22.0, 100.0]
    main = np.array([(80.0, 10.0), (80.0, 95.0)])  # mouth 5 short
    tributary = np.array([(60.0, 90.0), (80.0, 93.0)])  # ends on the main river, 7 from the shore
    carried_main, tributary_after = _rivers_to_the_coast([main, tributary], coast, land, reach=20.0)
    assert carried_main[-1].tolist() == [80.0, 100.0]
    assert tributary_after.tolist() == tributary.tolist()


def test_a_refuted_claim_drawn_along_the_route_is_answered_with_the_sea_length():
    # "About 10,500 nmi" is refuted on the straight line (8,947 km) and by sea round the Cape
    # (25,5xx km); the map draws it along the route, so the headline gives the sea figure, not
    # the straight line it does not draw the claim against.
    from geo.pair import check_pair
    from maps.scene import _is_route_claim, headline

    check = check_pair("Rotterdam", "Shanghai", "about 10,500 nautical miles", avoid=("suez",))
    assert check.verdict is not None and check.verdict.status == "refuted" and _is_route_claim(check)
    title = headline([check])
    assert title.startswith("Rotterdam to Shanghai: 25,") and "km by sea, not about 10,500 nmi" in title


def test_png_reference_cities_keep_their_dots_off_the_route(tmp_path):
    """On the PNG of Rotterdam to Shanghai round the Cape, Jakarta's dot sat on the route (its
    name was kept off the line, its dot was not): a city is drawn only where its dot, too, is
    clear of every line as wide as it is drawn, the claim's band along the route included."""
    import shapely

    check = story_check("Rotterdam", "Shanghai", "about 10,500 nautical miles", ("suez",))
    for size in ((1200, 800), (1080, 1080), (1200, 675)):
        info = maps.write_image(check, tmp_path / "round-the-cape.png", width_px=size[0], height_px=size[1],
                                dpi=200)  # as the CLI writes a PNG
        assert len(info.city_dots) >= 3, info.city_dots
        route = shapely.MultiLineString([piece for kind, piece in info.line_paths if kind == "sea"])
        straight = shapely.MultiLineString([piece for kind, piece in info.line_paths if kind == "geodesic"])
        for name, (x, y) in info.city_dots.items():
            # At 200 dpi the dot's radius is 9 px, the route with its casing 7 px either side and
            # the thin straight line with its casing 5 px.
            assert route.distance(shapely.Point(x, y)) >= 16, (size, name)
            assert straight.distance(shapely.Point(x, y)) >= 14, (size, name)
        texts = {text for kind, text, _ in info.labels if kind == "city"}
        assert texts == set(info.city_dots)


def test_png_names_a_sea_only_on_its_own_water():
    """With the route through it, "South China Sea" had no room by its own point on the
    Rotterdam-Shanghai PNG and was moved sideways, across Luzon into the Philippine Sea: a sea's
    name is now set on its own water (on two lines, or elsewhere on it, if need be), or left out."""
    from maps.context import context_labels, in_water

    for args in (("Rotterdam", "Shanghai", None, ()), ("Rotterdam", "Shanghai", None, ("suez",)),
                 ("Vladivostok", "Seattle", None, ())):
        check = story_check(*args)
        info = image_bytes(check)[1]
        seas = {label.text: label for label in context_labels(build_scene(check).view_bounds) if label.kind == "sea"}
        assert len(info.sea_names) >= 2, (args, info.sea_names)
        for name, (lon, lat) in info.sea_names.items():
            assert in_water(seas[name], lon, lat), (args, name, lon, lat)


def test_the_caspian_and_the_great_lakes_are_drawn_as_water_though_gshhg_fills_them():
    """GSHHG's sea shore fills the Caspian and the Great Lakes as land; the maps draw their own
    water (as the router meshes it), so a route on them, or out of the Caspian by the
    Volga–Don, sails on water a reader sees."""
    import io

    import shapely
    from PIL import Image

    from geo.sea.coastline import is_land
    from maps.render import land_geometry

    middle, steppe = (51.0, 42.0), (45.0, 45.5)
    assert is_land(*middle)
    for tolerance_km in (0.0, 2.0, 20.0):
        land = land_geometry((44.0, 35.0, 58.0, 49.0), tolerance_km=tolerance_km)
        assert not land.contains(shapely.Point(middle)) and land.contains(shapely.Point(steppe)), tolerance_km
    # The Great Lakes too, from Natural Earth's lakes: mid-Lake Michigan is water, Michigan's
    # lower peninsula land.
    lake_michigan, lansing = (-87.0, 43.5), (-84.55, 42.73)
    assert is_land(*lake_michigan)
    land = land_geometry((-93.0, 40.0, -74.0, 50.0), tolerance_km=2.0)
    assert not land.contains(shapely.Point(lake_michigan)) and land.contains(shapely.Point(lansing))
    # And the big lakes, which no route sails: Lake Victoria and Lake Baikal are water too.
    for lake, box in (((33.0, -1.0), (25.0, -10.0, 45.0, 5.0)), ((108.0, 53.5), (95.0, 45.0, 120.0, 60.0))):
        assert is_land(*lake) and not land_geometry(box, tolerance_km=2.0).contains(shapely.Point(lake)), lake
    # The same water in a frame east of the antimeridian (a world map centred on the Pacific).
    shifted = land_geometry((44.0 + 360.0, 35.0, 58.0 + 360.0, 49.0), tolerance_km=2.0)
    assert not shifted.contains(shapely.Point(middle[0] + 360.0, middle[1]))
    # In the PNG, north of the middle of Baku–Türkmenbaşy (away from both lines) is water.
    data, info = image_bytes((story_check("Baku", "Türkmenbaşy", None, ()),))
    image = Image.open(io.BytesIO(data)).convert("RGB")
    (x1, y1), (x2, y2) = info.places.values()
    x, y = round((x1 + x2) / 2), round((y1 + y2) / 2) - 80
    window = [image.getpixel((x + dx, y + dy)) for dx in range(-3, 4) for dy in range(-3, 4)]
    assert all(_near(p, _rgb(COLOURS["water"]), 6) for p in window)


def test_the_lakes_file_is_what_the_script_writes():
    """scripts/build_map_context.py rebuilds data/lakes-10m.geojson.gz byte for byte from
    Natural Earth in ../shared."""
    source = next((folder / "shared" / "natural-earth" for folder in (ROOT.parent, ROOT.parent.parent)
                   if (folder / "shared" / "natural-earth").is_dir()), None)
    assert source is not None, "../shared/natural-earth is missing"
    code = ("import sys; sys.path.insert(0, 'scripts'); import build_map_context as b; from pathlib import Path;"
            f"sys.stdout.buffer.write(b.build_lakes(b.read_archive(Path({str(source)!r}) / 'ne_10m_lakes.7z')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True)
    assert out.stdout == (ROOT / "data" / "lakes-10m.geojson.gz").read_bytes()
