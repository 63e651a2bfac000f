"""The seed map in a real browser: Debian's headless Chromium, driven over the DevTools
protocol (``websocket-client``), with the network cut off.

Chromium runs with every background service off, all traffic sent to a dead proxy, and the
page emulated offline; every request the page makes is recorded, and only ``file:`` and
``data:`` URLs may appear. The tests read console errors and exceptions, query the DOM, and
check the screenshot's pixels.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from _chromium import MAP_FACTS_JS, VIEW_H, VIEW_W, Chromium, set_size, tab_through
from _maps_data import HOSTILE, STORY_SLUGS, hostile_check, seed_check, story

import maps
from maps.scene import COLOURS


@pytest.fixture(scope="module")
def browser():
    chrome = Chromium()
    try:
        yield chrome
    finally:
        chrome.close()


@pytest.fixture(scope="module")
def seed_page(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("maps") / "najin-dunay.html"
    check = seed_check()
    maps.write_html(maps.render(check), path)
    browser.open(path)
    return browser, path, check


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def test_seed_map_loads_offline_without_errors(seed_page):
    browser, path, _ = seed_page
    assert browser.errors() == []
    assert browser.dialogs() == []
    schemes = {url.split(":", 1)[0] for url in browser.requested_urls()}
    assert schemes <= {"file", "data"}, browser.requested_urls()
    assert browser.evaluate("typeof L === 'object' && L.version") == "1.9.3"


def test_seed_map_shows_markers_arc_and_ring(seed_page):
    browser, _, check = seed_page
    dom = browser.evaluate(
        """JSON.stringify({
            markers: document.querySelectorAll('.leaflet-overlay-pane path[fill="%(place)s"]').length,
            arc: Array.from(document.querySelectorAll('.leaflet-overlay-pane path[stroke="%(geodesic)s"]'))
                 .map(p => { const r = p.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }),
            ring: document.querySelectorAll('.leaflet-overlay-pane path[stroke="%(claim)s"]').length,
            land: document.querySelectorAll('.leaflet-shiprouteLand-pane path').length,
            labels: Array.from(document.querySelectorAll('.leaflet-tooltip')).map(t => t.textContent),
            title: document.querySelector('.shiproute-title').textContent,
            finding: document.querySelector('.shiproute-finding').textContent,
            scale: Array.from(document.querySelectorAll('.shiproute-scale-bar')).map(b => b.textContent),
            credits: document.querySelector('.leaflet-control-attribution').textContent,
            zoom: map_1.getZoom(),
        })""" % COLOURS  # noqa: UP031 - %-style keeps the JS braces as they are (format needs them doubled)
    )
    dom = json.loads(dom)
    assert dom["markers"] == 2
    assert len(dom["arc"]) == 1
    assert dom["ring"] >= 1
    assert dom["land"] >= 1
    labels = " | ".join(dom["labels"])
    assert "Najin" in labels and check.b.name in labels  # the place's own name, as the article spelt it
    assert "182 km" in labels and "Claim: about 180 km" in labels
    assert dom["finding"].startswith("Claim: about 180 km. Straight line: 182 km.")
    assert dom["finding"].endswith("Supported")
    assert [s.split()[-1] for s in dom["scale"]] == ["km", "nmi"]
    assert "GeoNames" in dom["credits"] and "Coastlines" in dom["credits"]
    # Fitted: both places and the whole ring are inside the view, at a regional zoom.
    assert 5 <= dom["zoom"] <= 9
    inside = browser.evaluate(
        f"JSON.stringify([map_1.getBounds().contains([{check.a.lat}, {check.a.lon}]), "
        f"map_1.getBounds().contains([{check.b.lat}, {check.b.lon}])])"
    )
    assert json.loads(inside) == [True, True]
    # The arc runs from one marker to the other.
    ends = [json.loads(browser.evaluate(
        f"JSON.stringify(Object.values(map_1.latLngToContainerPoint([{p.lat}, {p.lon}])))"))
        for p in (check.a, check.b)]
    left, top, right, bottom = dom["arc"][0]
    for x, y in ends:
        assert left - 3 <= x <= right + 3 and top - 3 <= y <= bottom + 3
    assert right - left >= abs(ends[0][0] - ends[1][0]) - 3


def test_seed_map_popup_lists_place_details(seed_page):
    browser, _, check = seed_page
    text = browser.evaluate(
        """(() => { let out = [];
            map_1.eachLayer(l => { if (l.getPopup && l.getPopup() && l.getLatLng) {
                l.openPopup(); out.push(document.querySelector('.leaflet-popup-content').textContent);
                l.closePopup(); } });
            return JSON.stringify(out); })()"""
    )
    popups = json.loads(text)
    assert len(popups) == 2
    najin = next(p for p in popups if check.a.name in p)
    assert "Najin" in najin and "North Korea" in najin and "geonames:2042645" in najin
    assert f"{check.a.lat:.4f}°N" in najin


def test_seed_map_screenshot_is_not_blank(seed_page, tmp_path):
    from PIL import Image, ImageStat

    browser, _, check = seed_page
    png = browser.screenshot()
    (tmp_path / "seed.png").write_bytes(png)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (VIEW_W, VIEW_H)
    stats = ImageStat.Stat(image)
    assert max(stats.stddev) > 20  # not one flat colour
    colours = image.getcolors(maxcolors=1 << 20)
    assert len(colours) > 200
    # Water, land and the arc are all on screen.
    counts = {rgb: n for n, rgb in colours}
    near = lambda rgb, target, tol=12: all(abs(a - b) <= tol for a, b in zip(rgb, target, strict=True))  # noqa: E731
    for name, minimum in (("water", 5000), ("land", 5000), ("geodesic", 40)):
        target = _hex_to_rgb(COLOURS[name])
        assert sum(n for rgb, n in counts.items() if near(rgb, target)) >= minimum, name
    # The markers are drawn where the map says the places are.
    for place in (check.a, check.b):
        x, y = json.loads(browser.evaluate(
            f"JSON.stringify(Object.values(map_1.latLngToContainerPoint([{place.lat}, {place.lon}])))"))
        pixel = image.getpixel((round(x), round(y)))
        assert near(pixel, _hex_to_rgb(COLOURS["place"]), 30), (place.name, pixel)




@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_renders_as_text_and_runs_nothing(browser, tmp_path, hostile):
    check = hostile_check(hostile, "B " + hostile)
    path = tmp_path / "hostile.html"
    maps.write_html(maps.render(check, title="T " + hostile), path)
    browser.open(path)
    assert browser.dialogs() == []
    assert browser.evaluate("window.__pwned === undefined")
    assert browser.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    assert browser.evaluate("document.querySelector('title').textContent") == "T " + hostile
    assert browser.evaluate("document.querySelector('.shiproute-title').textContent") == "T " + hostile
    labels = json.loads(browser.evaluate(
        "JSON.stringify(Array.from(document.querySelectorAll('.leaflet-tooltip')).map(t => t.textContent))"))
    assert "B " + hostile in labels
    assert hostile in labels  # the place's own name (found in the article's phrasing "... q")
    assert hostile in browser.evaluate("document.querySelector('.shiproute-sr-only').textContent")
    assert browser.errors() == []


def test_map_works_inside_a_responsive_iframe(browser, tmp_path):
    check = seed_check()
    maps.write_html(maps.render(check), tmp_path / "map.html", width=640, height=400)
    snippet = maps.embed_snippet("map.html", width=640, height=400, title="Najin to Dunay", alt_text="Map of Najin")
    query = """JSON.stringify((() => { const f = document.querySelector('iframe'); const r = f.getBoundingClientRect();
           const d = f.contentDocument; const t = d.querySelector('.shiproute-title').getBoundingClientRect();
           return {w: r.width, h: r.height, title: f.title,
           markers: d.querySelectorAll('.leaflet-overlay-pane path[fill="%s"]').length,
           map: [d.querySelector('.folium-map').offsetWidth, d.querySelector('.folium-map').offsetHeight],
           heading: [t.top, t.bottom], outside: d.querySelector('.shiproute-panel.shiproute-outside') !== null,
           scrollW: d.documentElement.scrollWidth, scrollH: d.documentElement.scrollHeight,
           clientW: d.documentElement.clientWidth, clientH: d.documentElement.clientHeight};
        })())""" % COLOURS["place"]  # noqa: UP031 - %-style keeps the JS braces as they are (format needs them doubled)
    for column in (500, 320):
        page = tmp_path / f"story{column}.html"
        page.write_text(f"<!DOCTYPE html><html><body style='margin:0;width:{column}px'><p>Story</p>{snippet}"
                        "</body></html>")
        browser.open(page)
        browser.evaluate("new Promise(r => setTimeout(r, 300))", await_promise=True)  # the height message
        frame = json.loads(browser.evaluate(query))
        assert frame["w"] == pytest.approx(column, abs=1)
        assert frame["title"] == "Najin to Dunay"
        assert frame["markers"] == 2
        # In a narrow column the title and finding sit above the map, which keeps a usable
        # height: the frame grew to hold both (a fixed 4:3 frame was 343 x 257 on a phone).
        assert frame["outside"] and frame["heading"][0] >= 0
        assert frame["map"][0] == column and frame["map"][1] >= 320
        assert frame["h"] >= frame["map"][1] + frame["heading"][1] - 1
        assert frame["scrollW"] <= frame["clientW"] and frame["scrollH"] <= frame["clientH"]  # no scroll bars
    assert browser.errors() == []


@pytest.mark.parametrize(
    "a_name, b_name, claim, widest_view_deg",
    # At 70-80 degrees north a Mercator view 1000 px wide spans far more longitude.
    [("Anadyr", "Nome", "about 650 km", 100), ("Longyearbyen", "Tromsø", "about 2000 km", 180)],
    ids=["across-the-antimeridian", "ring-round-the-pole"],
)
def test_hard_geometry_maps_show_places_arc_and_ring(browser, tmp_path, a_name, b_name, claim, widest_view_deg):
    from _maps_data import check_for

    from geo.places.gazetteer import resolve

    check = check_for(resolve(a_name).best, resolve(b_name).best, claim)
    path = tmp_path / "map.html"
    maps.write_html(maps.render(check), path)
    browser.open(path)
    assert browser.errors() == []
    scene = maps.render(check).shiproute_scene
    state = json.loads(browser.evaluate(
        """JSON.stringify({
            view: map_1.getBounds().toBBoxString().split(',').map(Number),
            ring: Array.from(document.querySelectorAll('.leaflet-overlay-pane path[stroke="%(claim)s"]'))
                  .filter(p => { const r = p.getBoundingClientRect();
                                 return r.width > 0 && r.right > 0 && r.left < innerWidth
                                  && r.bottom > 0 && r.top < innerHeight; }).length,
            arc: document.querySelectorAll('.leaflet-overlay-pane path[stroke="%(geodesic)s"]').length,
        })""" % COLOURS  # noqa: UP031 - %-style keeps the JS braces as they are (format needs them doubled)
    ))
    west, south, east, north = state["view"]
    for place in scene.places:  # unwrapped longitudes: east of 180 stays east of 180
        assert west <= place.lon <= east and south <= place.lat <= north, place.label
    assert east - west < widest_view_deg  # drawn the short way, not round the whole world
    assert state["arc"] == 1 and state["ring"] >= 1


def test_map_of_several_claims_has_no_overlapping_labels(browser, tmp_path):
    from geo.text.article import check_article, load_article

    article = Path(__file__).resolve().parent / "data" / "articles" / "odesa_grain_corridor.txt"
    checks = list(check_article(load_article(str(article)), sea=True).claims)
    assert len(checks) == 5
    path = tmp_path / "odesa.html"
    maps.write_html(maps.render(checks), path)
    browser.call("Emulation.setDeviceMetricsOverride", width=1200, height=800, deviceScaleFactor=1, mobile=False)
    try:
        browser.open(path)
        assert browser.errors() == []
        scene = maps.render(checks).shiproute_scene
        state = json.loads(browser.evaluate(
            """JSON.stringify({
                labels: Array.from(document.querySelectorAll('.leaflet-tooltip.shiproute-label'))
                    .filter(t => getComputedStyle(t).visibility !== 'hidden')
                    .map(t => { const r = t.getBoundingClientRect();
                                return [t.textContent, t.className, [r.left, r.top, r.right, r.bottom]]; }),
                view: map_1.getBounds().toBBoxString().split(',').map(Number),
                zoom: map_1.getZoom(),
            })"""
        ))
        boxes = [box for _, _, box in state["labels"]]
        assert len(boxes) >= 10
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
                assert not overlap, (state["labels"][i], b)
        places = [text for text, cls, _ in state["labels"] if "shiproute-label-place" in cls]
        assert sorted(places) == sorted(p.label for p in scene.places)  # each place once, none hidden
        west, south, east, north = state["view"]
        for place in scene.places:
            assert west <= place.lon <= east and south <= place.lat <= north, place.label
        assert state["zoom"] >= 5.5  # the claims fill the view, not a knot in a map of Europe
        # Zooming in on the Odesa cluster: the pass runs again and still nothing overlaps.
        browser.evaluate("map_1.setView([46.45, 30.6], 10, {animate: false}), 0")
        browser.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))", await_promise=True)
        boxes = json.loads(browser.evaluate(
            """JSON.stringify(Array.from(document.querySelectorAll('.leaflet-tooltip.shiproute-label'))
                .filter(t => getComputedStyle(t).visibility !== 'hidden')
                .map(t => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }))"""
        ))
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
        assert browser.errors() == []
    finally:
        browser.call("Emulation.setDeviceMetricsOverride", width=VIEW_W, height=VIEW_H, deviceScaleFactor=1,
                     mobile=False)


# --- the stories a graphics desk publishes (issue 14), at desktop and phone sizes --------------

STORY_SIZES = ((1200, 800), (375, 667))


@pytest.fixture(scope="module")
def story_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stories")
    pages = {}
    for slug in STORY_SLUGS:
        checks, subtitle = story(slug)
        fmap = maps.render(list(checks), subtitle=subtitle, tiles=None)
        path = folder / f"{slug}.html"
        maps.write_html(fmap, path)
        pages[slug] = (path, fmap.shiproute_scene)
    return pages


def _inside(frame):
    """A test of whether a point (x, y) lies in ``frame`` (left, top, right, bottom), give or take a pixel."""
    left, top, right, bottom = frame

    def visible(point, slack=1.0) -> bool:
        return left - slack <= point[0] <= right + slack and top - slack <= point[1] <= bottom + slack

    return visible


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def _assert_markers_on_the_map(scene, facts: dict, visible) -> None:
    """Every place marker on screen, inside the map and not under the title panel or the legend."""
    assert len(facts["markers"]) == len(scene.places)
    for marker in facts["markers"]:
        assert visible(marker["at"]) and not marker["covered"], marker


def _assert_labels_apart_and_kept(scene, labels: list[dict]) -> None:
    """No two labels overlap, and every label the story needs is there."""
    clashes = [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
               if _boxes_overlap(a["box"], b["box"])]
    assert clashes == []
    shown = {label["text"] for label in labels}
    # Every claim's places keep their names (Chornomorsk's was left out on the five-claim
    # Odesa map on a phone, crowded between Odesa and Yuzhne).
    assert {place.label for place in scene.places} <= shown, ([p.label for p in scene.places], shown)
    # On a map of one claim every line keeps its label (the phone's "By sea" label was dropped
    # for want of room beside the straight line's).
    if len(scene.checks) == 1:
        assert all(line.label in shown for line in scene.lines if line.label), ([ln.label for ln in scene.lines], shown)


@pytest.mark.parametrize("size", STORY_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("slug", STORY_SLUGS)
def test_story_map_is_publishable_as_it_comes_out(browser, story_pages, slug, size):
    path, scene = story_pages[slug]
    set_size(browser, *size)
    try:
        browser.open(path)
        facts = json.loads(browser.evaluate(MAP_FACTS_JS))
        names = tab_through(browser, len(facts["markers"]) + len(facts["lines"]) + 2 * len(scene.rings) + 12)
    finally:
        set_size(browser, VIEW_W, VIEW_H)
    assert browser.errors() == []
    width, height = size
    left, top, right, bottom = facts["map"]
    left, top, right, bottom = max(left, 0), max(top, 0), min(right, width), min(bottom, height)

    visible = _inside((left, top, right, bottom))

    _assert_markers_on_the_map(scene, facts, visible)
    # Both ends of every line on screen; the sea route in one piece with continuous longitudes
    # (the route to Shanghai used to end a world away from its marker).
    for line in facts["lines"]:
        assert visible(line["start"]) and visible(line["end"]), line
        if line["kind"] == "sea":
            assert line["pieces"] == 1 and line["maxStep"] < 30.0, line
    _assert_labels_apart_and_kept(scene, facts["labels"])
    # Headline, verdict and source line visible.
    for part in ("title", "status", "source"):
        if part == "status" and not any(f.status_label for f in scene.findings):
            continue
        box = facts[part]["box"]
        assert box[2] > box[0] and box[3] > box[1] and box[0] >= 0 and box[1] >= 0, part
        assert box[2] <= width + 0.5 and box[3] <= height + 0.5, part
    assert facts["title"]["text"] == scene.title
    # The offline land covers every longitude in view: no empty band of "sea" where land is.
    assert facts["land"][0] <= facts["view"][0] and facts["land"][1] >= facts["view"][1]
    # Keyboard focus reaches every place marker, by name.
    for place in scene.places:
        assert any(name.startswith(place.title) for name in names), (place.title, names)
    assert facts["lang"] == "en" and "user-scalable=no" not in facts["viewportMeta"]


def test_five_claim_phone_header_is_compact_and_unfolds(browser, story_pages):
    """On a 375 x 667 phone the five-claim header was about 370 px tall: now the headline and
    one line of numbered verdicts, the sentences folded until the reader asks for them."""
    path, scene = story_pages["odesa-five-claims"]
    query = """JSON.stringify((() => {
        const panel = document.querySelector('.shiproute-panel.shiproute-outside');
        const chips = Array.from(document.querySelectorAll('.shiproute-summary .shiproute-chip'))
            .map(c => { const r = c.getBoundingClientRect(); return [c.textContent, r.top, r.bottom, r.width]; });
        const findings = Array.from(document.querySelectorAll('.shiproute-finding'))
            .filter(f => f.checkVisibility() && f.getBoundingClientRect().height > 0).length;
        const source = document.querySelector('.shiproute-source').getBoundingClientRect();
        return {panel: panel ? panel.getBoundingClientRect().height : null, chips: chips, findings: findings,
                source: [source.top, source.bottom], map: map_1.getContainer().getBoundingClientRect().height};
    })())"""
    set_size(browser, 375, 667)
    try:
        browser.open(path)
        folded = json.loads(browser.evaluate(query))
        browser.evaluate("document.querySelector('.shiproute-summary').click(), 0")
        browser.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))", await_promise=True)
        unfolded = json.loads(browser.evaluate(query))
        set_size(browser, 1200, 800)
        browser.open(path)
        desktop = json.loads(browser.evaluate(query))
    finally:
        set_size(browser, VIEW_W, VIEW_H)
    assert browser.errors() == []
    assert folded["panel"] is not None and folded["panel"] <= 130, folded
    assert [chip[0] for chip in folded["chips"]] == ["1", "2", "3", "4", "5"]
    assert len({round(chip[1]) for chip in folded["chips"]}) == 1  # one line
    assert folded["findings"] == 0 and folded["map"] >= 400
    assert 0 < folded["source"][0] < folded["source"][1] <= 667  # under the map, still on screen
    assert unfolded["findings"] == len(scene.findings) and unfolded["panel"] > folded["panel"]
    assert desktop["findings"] == len(scene.findings) and desktop["panel"] is None


@pytest.mark.parametrize("slug, shown", [("najin-dunay", True), ("rotterdam-shanghai", False)])
def test_locator_inset_on_regional_maps_only(browser, story_pages, slug, shown):
    path, _ = story_pages[slug]
    browser.open(path)
    box = json.loads(browser.evaluate(
        "JSON.stringify((() => { const e = document.querySelector('.shiproute-locator');"
        " if (!e) { return null; } const r = e.getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; })())"))
    assert (box is not None) == shown
    if shown:
        assert box[2] - box[0] >= 80 and box[2] <= VIEW_W and box[3] <= VIEW_H
        assert browser.evaluate("document.querySelector('.shiproute-locator path').getAttribute('d').length") > 200


# Every story in a 320 px article column through the embed snippet (the route round the Cape
# ran under the layer switch there, hiding Shanghai; Chornomorsk lost its name).
@pytest.mark.parametrize("slug", STORY_SLUGS)
def test_story_map_in_a_320_px_embed_shows_the_whole_story(browser, story_pages, slug):
    path, scene = story_pages[slug]
    snippet = maps.embed_snippet(path.name, title=scene.title, alt_text=scene.alt_text)
    column = path.parent / f"{slug}-column.html"
    column.write_text("<!DOCTYPE html><html lang='en'><body style='margin:0 auto;width:320px'><p>Text above.</p>"
                      + snippet + "<p>Text below.</p></body></html>", encoding="utf-8")
    set_size(browser, 320, 900)
    try:
        browser.open(column)
        browser.evaluate("new Promise(r => setTimeout(r, 300))", await_promise=True)  # the height message
        facts = json.loads(browser.evaluate(
            "document.querySelector('iframe').contentWindow.eval(" + json.dumps(MAP_FACTS_JS) + ")"))
    finally:
        set_size(browser, VIEW_W, VIEW_H)
    assert browser.errors() == []
    assert facts["viewport"][0] == 320
    left, top, right, bottom = facts["map"]
    assert right - left == 320 and bottom - top >= 320

    visible = _inside((left, top, right, bottom))

    _assert_markers_on_the_map(scene, facts, visible)
    for line in facts["lines"]:
        assert visible(line["start"]) and visible(line["end"]), line
        if line["kind"] != "geodesic":  # the whole route in the frame, not only its ends
            assert visible(line["box"][:2]) and visible(line["box"][2:]), line
            assert not line["startCovered"] and not line["endCovered"], line
    _assert_labels_apart_and_kept(scene, facts["labels"])


@pytest.mark.parametrize("size", STORY_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("slug", ["rotterdam-shanghai", "vladivostok-seattle", "odesa-five-claims"])
def test_a_sea_is_named_on_its_own_water(browser, story_pages, slug, size):
    """Moved sideways off the route, "South China Sea" was written across Luzon into the
    Philippine Sea: a sea's name goes over its point, above or below it, or elsewhere on it."""
    from maps.context import context_labels, in_water

    path, scene = story_pages[slug]
    set_size(browser, *size)
    try:
        browser.open(path)
        names = json.loads(browser.evaluate(
            """JSON.stringify((() => { const frame = map_1.getContainer().getBoundingClientRect();
                return Array.from(document.querySelectorAll('.leaflet-tooltip.shiproute-context-sea'))
                  .filter(t => !t.classList.contains('shiproute-hidden'))
                  .map(t => { const r = t.getBoundingClientRect();
                    const at = map_1.containerPointToLatLng([(r.left + r.right) / 2 - frame.left,
                                                             (r.top + r.bottom) / 2 - frame.top]);
                    return [t.textContent, at.lng, at.lat]; }); })())"""))
    finally:
        set_size(browser, VIEW_W, VIEW_H)
    seas = {label.text: label for label in context_labels(scene.view_bounds or scene.bounds) if label.kind == "sea"}
    assert names or size[0] < 560, slug  # a phone may have no room for any
    for text, lon, lat in names:
        assert in_water(seas[text], lon, lat), (text, lon, lat)


def test_switching_the_places_off_takes_their_leader_lines_with_them(browser, story_pages):
    # On a phone the five-claim map sets some names away from their markers with a leader line;
    # unticking "Places" in the layer switch hid the names but left the lines pointing at nothing.
    path, _scene = story_pages["odesa-five-claims"]
    leaders = "document.querySelectorAll('path.shiproute-leader').length"
    set_size(browser, 375, 667)
    try:
        browser.open(path)
        before = browser.evaluate(leaders)
        browser.evaluate("""(() => {
            const label = Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))
              .find(l => l.textContent.trim() === 'Places');
            label.querySelector('input').click(); })()""")
        browser.evaluate("new Promise(r => setTimeout(r, 100))", await_promise=True)
        after = browser.evaluate(leaders)
    finally:
        set_size(browser, VIEW_W, VIEW_H)
    assert before > 0 and after == 0
