"""River ports leave by their channels (issue 15, item 5): the route follows the river or ship
channel from the port to the sea instead of a straight leg over land to the nearest GSHHG water."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.ops import substring

from geo.places import resolve
from geo.sea import cache as routecache
from geo.sea import sea_route
from geo.sea.channels import channels, way_between, ways_to_sea
from geo.sea.closed_seas import closed_water
from geo.sea.coastline import is_land
from geo.sea.passages import passages_crossed

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _router_not_cache(monkeypatch):
    monkeypatch.setenv(routecache.ENV_VAR, "off")


def _km(a, b) -> float:
    kx = 111.32 * math.cos(math.radians((a[1] + b[1]) / 2))
    return math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * 111.32)


def _channel_lines():
    return shapely.union_all([shapely.LineString(c.coords) for c in channels()])


def _land_off_channels_km(route) -> float:
    """Length of the route (access legs excluded) over GSHHG land and more than 100 m from
    every channel line, sampled every 50 m, in km."""
    lines = _channel_lines()
    xy = np.asarray(route.coords, dtype=float)
    total = 0.0
    last = len(xy) - 2
    for i in range(len(xy) - 1):
        if (i == 0 and route.access_legs_km[0] > 0) or (i == last and route.access_legs_km[1] > 0):
            continue
        d = _km(xy[i], xy[i + 1])
        t = np.linspace(0.0, 1.0, max(2, int(d / 0.05) + 2))
        lon, lat = xy[i, 0] + (xy[i + 1, 0] - xy[i, 0]) * t, xy[i, 1] + (xy[i + 1, 1] - xy[i, 1]) * t
        on = is_land(lon, lat)
        if on.any():
            far = shapely.distance(shapely.points(lon[on], lat[on]), lines) > 0.001
            total += d * float(far.sum()) / len(t)
    return total


def test_rotterdam_leaves_by_the_nieuwe_waterweg():
    rotterdam = resolve("Rotterdam").best
    route = sea_route(rotterdam, (3.5, 52.1))
    assert "Nieuwe Waterweg" in route.passages
    assert "Natural Earth" in route.method and "Nieuwe Waterweg" in route.method
    assert route.access_legs_km[0] < 3.0  # to the Nieuwe Maas, not 21 km south to the Haringvliet
    # It passes Hook of Holland (the Nieuwe Waterweg's mouth), not the Haringvliet dam.
    hook, dam = shapely.Point(4.12, 51.98), shapely.Point(4.04, 51.83)
    line = shapely.LineString(route.coords)
    assert shapely.distance(line, hook) < 0.03
    assert shapely.distance(line, dam) > 0.1
    assert _land_off_channels_km(route) < 0.3


@pytest.mark.parametrize(
    ("port", "sea", "channel"),
    [("Antwerp", (3.0, 51.6), "Scheldt"), ("Hamburg", (8.0, 54.1), "Elbe"),
     ("Houston", (-94.5, 29.0), "Houston Ship Channel"), ("New Orleans", (-89.0, 28.8), "Mississippi"),
     ("Shanghai", (122.6, 31.0), "Huangpu"), ("Izmail", (30.2, 45.2), None), ("Kherson", (31.6, 46.4), "Dnipro"),
     ("Bremen", (7.9, 54.0), "Weser"), ("Rouen", (0.0, 49.6), "Seine"), ("London", (1.6, 51.5), "Thames")],
)
def test_river_ports_go_by_their_channels(port, sea, channel):
    route = sea_route(resolve(port).best, sea)
    if channel is not None:
        assert channel in route.passages, route.passages
    else:  # Izmail: down the Chilia arm, or up to the Tulcea arm and down the Sulina channel
        assert {"Chilia arm", "Sulina channel"} & set(route.passages), route.passages
    assert route.access_legs_km[0] < 10.0  # downtown Houston to the Turning Basin is the longest, 7.7 km
    assert "river and ship channels" in route.method
    assert _land_off_channels_km(route) < 0.3


def test_two_ports_on_one_river_go_along_it():
    izmail, tulcea = resolve("Izmail").best, resolve("Tulcea").best
    route = sea_route(izmail, tulcea)
    assert route.method.startswith("river: along the channels alone")
    assert "Chilia arm" in route.passages and "Tulcea arm" in route.passages
    way = way_between((izmail.lon, izmail.lat), (tulcea.lon, tulcea.lat))
    assert way is not None
    assert route.length_km == pytest.approx(way.channel_km + sum(route.access_legs_km), rel=0.02)


def test_a_place_on_the_shore_leaves_by_the_shore_not_by_a_nearby_channel():
    # 's-Gravenzande's dunes: 3 km from the Nieuwe Waterweg, 1 km from the North Sea beach.
    assert ways_to_sea((4.165, 52.005)) == []
    # At sea off the Nieuwe Waterweg's mouth: no channel either.
    assert ways_to_sea((4.05, 52.0)) == []
    # Rotterdam's centre does take its channel.
    assert ways_to_sea((4.4792, 51.9225))


def test_channel_data_ends_in_the_sea_and_cites_its_source():
    pieces = channels()
    assert len(pieces) >= 12
    for piece in pieces:
        assert piece.source and piece.dataset, piece.name
        if piece.to_sea:
            assert not is_land(*piece.coords[-1]), piece.name
    # The pieces join into networks: the Danube's arms meet where they share a vertex.
    ends = {p.coords[0] for p in pieces} | {p.coords[-1] for p in pieces}
    danube = [p for p in pieces if p.name in ("Danube", "Chilia arm", "Tulcea arm", "Sulina channel")]
    assert all(p.coords[0] in ends and p.coords[-1] in ends for p in danube)


def _natural_earth() -> Path:
    """``../shared/natural-earth`` beside the repository (or beside the folder of worktrees)."""
    source = next((folder / "shared" / "natural-earth" for folder in (ROOT.parent, ROOT.parent.parent)
                   if (folder / "shared" / "natural-earth").is_dir()), None)
    assert source is not None, "../shared/natural-earth is missing"
    return source


def test_channel_file_is_what_the_script_writes(tmp_path):
    """scripts/build_channels.py rebuilds data/channels.geojson byte for byte from the curated
    table and Natural Earth in ../shared."""
    source = _natural_earth()
    code = (
        "import sys; sys.path.insert(0, 'scripts'); import build_channels as b; from pathlib import Path;"
        f"text, _ = b.build(Path({str(source)!r})); sys.stdout.write(text)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout == (ROOT / "data" / "channels.geojson").read_text(encoding="utf-8")


def test_the_kiel_canal_is_a_short_cut_that_can_be_avoided():
    brunsbuettel, holtenau = (9.145, 53.889), (10.145, 54.366)  # the canal's two lock sites
    through = sea_route(brunsbuettel, holtenau)
    assert through.passages == ("Kiel",)
    assert "through the Kiel Canal" in through.method
    assert through.length_km < 110.0  # the canal is 98 km; round Skagen is about 1,000
    around = sea_route(brunsbuettel, holtenau, avoid=["kiel canal"])
    assert "Kiel" not in around.passages and "Skagen" in around.passages
    assert around.length_km > 5 * through.length_km
    # A voyage that merely passes by takes it too, river channel and all.
    gdansk = resolve("Gdansk").best
    rotterdam = resolve("Rotterdam").best
    route = sea_route(rotterdam, gdansk)
    assert route.passages[:1] == ("Nieuwe Waterweg",) and "Kiel" in route.passages and "Skagen" not in route.passages


def test_a_voyage_from_a_lock_joins_the_canal_there_not_out_and_back():
    # The two lock sites stand a few hundred metres inside the canal line's mouths: the route
    # sailed out to the mouth and back in past its own end (about 1 km at each lock).
    brunsbuettel, holtenau = (9.145, 53.889), (10.145, 54.366)
    (kiel,) = [c for c in channels() if c.name == "Kiel Canal"]
    elbe_mouth, fjord_mouth = kiel.coords[0], kiel.coords[-1]
    canal_km = sum(_km(p, q) for p, q in zip(kiel.coords, kiel.coords[1:], strict=False))
    for a, b, mouths in (
        (brunsbuettel, holtenau, (elbe_mouth, fjord_mouth)),
        (holtenau, brunsbuettel, (elbe_mouth, fjord_mouth)),
        ((9.66, 54.30), holtenau, (fjord_mouth,)),  # from Rendsburg's bank
        ((8.0, 54.0), holtenau, (fjord_mouth,)),  # from the North Sea, in by the Elbe mouth
    ):
        route = sea_route(a, b)
        assert "Kiel" in passages_crossed(route.coords)
        assert all(min(_km(p, mouth) for p in route.coords) > 0.3 for mouth in mouths), route.coords
        locks = (brunsbuettel, holtenau)
        assert all(km < 0.5 for end, km in zip((a, b), route.access_legs_km, strict=True) if end in locks)
    assert sea_route(brunsbuettel, holtenau).length_km < canal_km


def test_a_route_is_not_joined_to_its_end_across_land():
    # The Hel peninsula: a way along its open-sea side passes 0.9 km from a point in the Bay
    # of Puck behind it, then rounds the peninsula's tip; joining the two straight across the
    # spit would cut through land, so the way stands. On the same side it is cut short.
    from geo.sea.route import _land_km, _spur_cut

    sea_side, bay_side = (18.56, 54.7470), (18.56, 54.7390)
    way_round = [(18.47, 54.80), sea_side, (18.72, 54.735), (18.87, 54.64), (18.87, 54.57), (18.75, 54.60),
                 (18.62, 54.70), bay_side]
    assert _land_km(way_round) == 0.0 and _land_km([sea_side, bay_side]) > 0.5
    assert _spur_cut(way_round, reach_km=1.0) is None
    out_and_back = [(18.47, 54.80), sea_side, (18.72, 54.775), (18.58, 54.752)]
    cut = _spur_cut(out_and_back, reach_km=1.0)
    assert cut is not None and cut[0][-1] == out_and_back[-1] and len(cut[0]) == 4 and cut[1] > 15.0


def test_an_end_is_never_joined_across_shallows_a_gate_or_its_own_access_leg():
    # Two points either side of Breaksea Spit (0.3 km apart) and Point Dorset to the ferry
    # terminal inside Wellington Harbour: the way round the spit's end or the reef passes near
    # the other end, but a straight leg across the shallows line is no short cut.
    from geo.sea.passages import crosses_shallows

    for a, b, at_least_km in (((153.260, -24.55), (153.264, -24.55), 20.0),
                              ((174.837, -41.329), (174.785, -41.265), 15.0)):
        route = sea_route(a, b)
        assert not crosses_shallows(route.coords) and route.length_km > at_least_km, route.coords
    # Two points 0.4 km apart, both 0.3 km inland at Zandvoort: each has its access leg to the
    # sea, and the route is not cut down to one straight leg over land between them.
    inland_a, inland_b = (4.526914, 52.37), (4.526914, 52.373593)
    route = sea_route(inland_a, inland_b)
    assert sum(route.access_legs_km) < route.length_km - 0.1
    assert not all(is_land(*p) for p in route.coords), route.coords
    # A ship at sea off the Brunsbüttel locks goes in through them: no leg over the dyke.
    route = sea_route((9.152, 53.889), (10.145, 54.366))
    assert route.access_legs_km[0] == 0.0 and "Kiel" in route.passages


def test_the_kiel_canal_line_keeps_close_to_the_canals_official_length():
    # The canal is 98.26 km between its locks (km 0.38 to 98.64). A line that cuts its bends
    # makes every voyage through it short: the first line, placed from the towns it passes,
    # measured 92.3 km from the Elbe to the Kiel Fjord (6 % short); straight between 13 cited
    # bridges and junctions it measured 94.1 km between the lock sites; the bends north of
    # Grünental and at Breiholz (marked by the mouths of the brooks that flow into the canal),
    # the Rendsburg tunnels, the Burg reach and the Levensau's mouth bring it to 96.1 km.
    # Measured along the line between the points nearest the two lock sites, as a route
    # between them sails it; never longer than the canal.
    from geo.geodesy import GEOD

    (kiel,) = [c for c in channels() if c.name == "Kiel Canal"]
    lons, lats = zip(*kiel.coords, strict=True)
    assert 0.96 * 98.26 <= GEOD.line_length(lons, lats) / 1000.0 <= 1.02 * 98.26
    # A local frame in which a degree of longitude and of latitude are about as long, so the
    # nearest point on the line is the nearest on the ground.
    kx = math.cos(math.radians(54.1))
    line = shapely.LineString([(x * kx, y) for x, y in kiel.coords])
    ends = sorted(line.project(shapely.Point(x * kx, y)) for x, y in ((9.145, 53.889), (10.145, 54.366)))
    piece = substring(line, *ends)
    plons, plats = zip(*[(x / kx, y) for x, y in piece.coords], strict=True)
    between_km = GEOD.line_length(plons, plats) / 1000.0
    assert 0.97 * 98.26 <= between_km <= 98.26


def test_avoiding_the_kiel_canal_closes_it_as_an_access_channel_too():
    # A place on the canal's bank, east of the Rendsburg gate's reach, joins the canal as its
    # way to the sea: avoiding the Kiel Canal leaves it only the canal's western reach to the
    # Elbe, and the voyage to the Kiel Fjord goes round Skagen.
    on_the_canal, kiel_fjord = (9.52, 54.20), (10.19, 54.40)
    around = sea_route(on_the_canal, kiel_fjord, avoid=["kiel"])
    assert "Kiel" not in passages_crossed(around.coords)
    assert "Skagen" in around.passages
    through = sea_route(on_the_canal, kiel_fjord)
    assert "Kiel" in passages_crossed(through.coords) and through.length_km < 100.0
    # Its passages name the canal as a voyage through it from the sea does (not "Kiel Canal",
    # the channel's name, beside "Kiel" elsewhere).
    assert through.passages == ("Kiel",)


@pytest.mark.parametrize(
    ("a", "b", "passage", "canal", "through_max_km", "round_min_km"),
    [
        # Piraeus to Patras: through the Corinth Canal about 185 km; round the Peloponnese 529.
        ((23.63, 37.94), (21.73, 38.25), "Corinth", "Corinth Canal", 220.0, 480.0),
        # Boston to New York: through the Cape Cod Canal about 436 km; round Cape Cod 526.
        ((-71.05, 42.36), (-74.0, 40.7), "Cape Cod", "Cape Cod Canal", 470.0, 500.0),
    ],
)
def test_the_corinth_and_cape_cod_canals_are_short_cuts_that_can_be_avoided(a, b, passage, canal, through_max_km,
                                                                             round_min_km):
    through = sea_route(a, b)
    assert passage in through.passages and passage in passages_crossed(through.coords)
    assert f"through the {canal}" in through.method
    assert through.length_km < through_max_km
    # Over GSHHG land only along the canal's line (GSHHG draws neither isthmus cut).
    assert _land_off_channels_km(through) == 0.0
    around = sea_route(a, b, avoid=[passage.lower()])
    assert passage not in passages_crossed(around.coords)
    assert around.length_km > round_min_km
    assert _land_off_channels_km(around) == 0.0
    lons, lats = zip(*around.coords, strict=True)
    if passage == "Corinth":  # round Cape Maleas or Cape Tainaron, the Peloponnese's southern capes
        assert min(lats) < 36.6
    else:  # round Cape Cod's outer shore (Race Point, Chatham), east of 70° W
        assert max(lons) > -70.05
    # The aliases name the same passage.
    alias = "isthmus of corinth" if passage == "Corinth" else "cape cod canal"
    assert sea_route(a, b, avoid=[alias]).length_km == pytest.approx(around.length_km)


def test_the_corinth_and_cape_cod_canal_lines_match_their_published_figures():
    from geo.geodesy import GEOD

    lines = {c.name: c for c in channels()}
    # The Corinth Canal: one straight cut on a bearing of 131.5°/311.5°, 6,343 m with the ports
    # of Poseidonia and Isthmia (AEDIK); the line runs from GSHHG water to GSHHG water.
    corinth = lines["Corinth Canal"]
    assert corinth.to_sea and corinth.from_sea
    lons, lats = zip(*corinth.coords, strict=True)
    assert 0.93 * 6.343 <= GEOD.line_length(lons, lats) / 1000.0 <= 1.02 * 6.343
    (first, second), (third, fourth) = corinth.coords[1], corinth.coords[-2]
    azimuth, _, _ = GEOD.inv(first, second, third, fourth)
    assert azimuth % 360.0 == pytest.approx(131.5, abs=1.0)
    # The Cape Cod Canal: about 7 miles (11.3 km) of land cut, 17.4 miles (28 km) with its
    # approach channels, from Buzzards Bay past three bridges to Cape Cod Bay.
    cape_cod = lines["Cape Cod Canal"]
    assert cape_cod.to_sea and cape_cod.from_sea
    lons, lats = zip(*cape_cod.coords, strict=True)
    assert 11.3 <= GEOD.line_length(lons, lats) / 1000.0 <= 28.0
    bridges = {"railroad": (-70.61361, 41.74194), "Bourne": (-70.58976, 41.74788), "Sagamore": (-70.54337, 41.77615)}
    line = shapely.LineString(cape_cod.coords)
    for name, point in bridges.items():
        assert shapely.distance(line, shapely.Point(point)) < 0.001, name
    for end in (cape_cod.coords[0], cape_cod.coords[-1], corinth.coords[0], corinth.coords[-1]):
        assert not is_land(*end)


def test_a_town_by_a_canal_mouth_can_keep_out_of_the_canal():
    # With the Corinth Canal closed (as it was in 2021-2023), a ship from Corinth to Piraeus
    # sails round the Peloponnese. Corinth stands 2.7 km from an end of the canal's gate and
    # Isthmia 2.9 km: the 3 km within which a place lies on a strait itself (its gate ends on
    # the shore) would have refused both, though each has its own water on its side of the gate.
    from geo.errors import NoSeaRoute

    corinth, isthmia, piraeus, patras = (22.9513, 37.94007), (23.0046, 37.91356), (23.63, 37.94), (21.73, 38.25)
    for a, b in ((corinth, piraeus), (isthmia, patras)):
        through = sea_route(a, b)
        assert "Corinth" in through.passages and through.length_km < 150.0
        around = sea_route(a, b, avoid=["corinth"])
        assert "Corinth" not in passages_crossed(around.coords)
        assert around.length_km > 500.0 and min(lat for _, lat in around.coords) < 36.6
    # A place on the canal itself, by its middle, cannot keep out of it, and the error says so.
    with pytest.raises(NoSeaRoute, match=r"lies on the Corinth itself \(0\.\d km from an end of the line"):
        sea_route((22.9785, 37.933), patras, avoid=["corinth canal"])


def _land_off_channels_and_caspian_km(route, sea: str = "the Caspian Sea") -> float:
    """:func:`_land_off_channels_km`, less what lies in a closed sea's own water (GSHHG draws
    the whole sea as land)."""
    water = closed_water(sea)
    inner = [i for i, c in enumerate(route.coords) if shapely.distance(water, shapely.Point(c)) < 1e-9]
    # The route within the closed sea is one run of vertices in its water; measure what follows it.
    assert inner, f"no vertex in the water of {sea}"
    rest = route.coords[max(inner):]
    return _land_off_channels_km(type(route)(coords=rest, length_km=0.0, passages=(), method="",
                                             access_legs_km=(0.0, route.access_legs_km[1])))


def test_the_caspian_leaves_by_the_volga_don_canal_for_the_sea_of_azov():
    # GSHHG has the Caspian as land and no river: its only way to the ocean by water is the
    # river-sea way up the Volga, through the Volga–Don Canal and down the Don (river-sea
    # ships of the Volgo-Don class sail it from Baku and Astrakhan to the Black Sea).
    from geo.errors import NoSeaRoute
    from geo.geodesy import GEOD

    baku, istanbul, volgograd = (49.892, 40.378), (28.98, 41.01), (44.50, 48.71)
    route = sea_route(baku, istanbul)
    assert route.passages == ("Volga", "Volga–Don", "Don", "Kerch", "Bosporus")
    assert "out of it along the channels" in route.method and "Volga–Don Canal" in route.method
    assert passages_crossed(route.coords)[:1] == ("Volga–Don",)
    # No leg crosses land away from the channels once out of the Caspian.
    assert _land_off_channels_and_caspian_km(route) == 0.0
    # Longer than the geodesics through the canal's two ends, and shorter than the way the
    # channels' own lines run plus the seas at either end by half again.
    volga_end, don_end = (44.54444, 48.52350), (43.54208, 48.62967)
    lons, lats = zip(baku, volga_end, don_end, istanbul, strict=True)
    assert GEOD.line_length(lons, lats) / 1000.0 < route.length_km < 1.5 * GEOD.line_length(lons, lats) / 1000.0
    # A place up the Volga goes along it from the Caspian alone, never by the Don.
    up = sea_route(baku, volgograd)
    assert up.passages == ("Volga",) and "along the channels alone" in up.method
    assert math.dist(up.coords[-1], volgograd) < 1e-9 and up.length_km < route.length_km
    # Within the Caspian the voyage is unchanged, and it does not need the canal.
    turkmenbashi = (52.955, 40.022)
    assert sea_route(baku, turkmenbashi, avoid=["volga-don"]).length_km == pytest.approx(
        sea_route(baku, turkmenbashi).length_km)
    # Avoiding the canal shuts the Caspian, and a place up the Volga, in; the error says why.
    for a, b, where in ((baku, istanbul, "the Caspian Sea, a closed sea"), (istanbul, volgograd, "the Volga")):
        with pytest.raises(NoSeaRoute, match=(f"lies on {where}, whose only way to the open sea by water is "
                                              r"through the Volga–Don, which is being avoided; drop 'Volga–Don'")):
            sea_route(a, b, avoid=["volga don canal"])


def test_the_volga_don_lines_end_in_the_water_they_join():
    lines = {(c.name, c.coords[-1]): c for c in channels()}
    volga = next(c for (name, _), c in lines.items() if name == "Volga")
    # The Volga's last point lies in the Caspian's own water, not GSHHG's (which has it as land).
    assert volga.closed_sea == "the Caspian Sea" and not volga.to_sea
    assert shapely.contains_xy(closed_water("the Caspian Sea"), *volga.coords[-1])
    # The Don reaches GSHHG water in Taganrog Bay; the canal joins the two rivers' lines.
    don_mouth = [c for (name, _), c in lines.items() if name == "Don" and c.to_sea]
    assert len(don_mouth) == 1 and not is_land(*don_mouth[0].coords[-1])
    canal = next(c for (name, _), c in lines.items() if name == "Volga–Don Canal")
    vertices = {p for c in channels() if c.name in ("Volga", "Don") for p in c.coords}
    assert canal.coords[0] in vertices and canal.coords[-1] in vertices


def test_the_great_lakes_leave_by_the_st_lawrence_seaway():
    # GSHHG draws the Great Lakes and the St. Lawrence above Quebec City as land: a voyage from
    # the lakes to the ocean runs within them to Lake Ontario, down the Seaway past Montreal and
    # down the St. Lawrence to Quebec City, and on by sea.
    from geo.errors import NoSeaRoute
    from geo.sea.coastline import is_land as gshhg_land

    chicago, rotterdam, montreal, toronto = (-87.62, 41.88), (4.05, 51.98), (-73.55, 45.50), (-79.38, 43.64)
    route = sea_route(chicago, rotterdam)
    assert route.passages[:4] == ("Mackinac", "Welland", "St. Lawrence Seaway", "St. Lawrence")
    assert "within the Great Lakes" in route.method and "St. Lawrence Seaway" in route.method
    assert _land_off_channels_and_caspian_km(route, "the Great Lakes") == 0.0
    # Montreal, on the river below the Seaway, leaves down the St. Lawrence, not up the Seaway;
    # and goes up the Seaway to Toronto, on Lake Ontario.
    out = sea_route(montreal, rotterdam)
    assert out.passages[0] == "St. Lawrence" and "St. Lawrence Seaway" not in out.passages
    up = sea_route(montreal, toronto)
    assert "St. Lawrence Seaway" in up.passages and up.length_km < 700.0
    # Avoiding the Seaway shuts the lakes in, and the error says why.
    with pytest.raises(NoSeaRoute, match="lies on the Great Lakes, a closed sea, whose only way to the open sea by "
                                         "water is through the St. Lawrence Seaway, which is being avoided"):
        sea_route(chicago, rotterdam, avoid=["seaway"])
    # From the Caspian to the Great Lakes, each closed sea is left by its own way.
    baku = (49.892, 40.378)
    both = sea_route(baku, chicago)
    assert both.passages[:3] == ("Volga", "Volga–Don", "Don") and both.passages[-3:] == (
        "St. Lawrence Seaway", "Welland", "Mackinac")
    # The Seaway's line ends in Lake Ontario's water; the St. Lawrence's in GSHHG's off Quebec.
    lines = {c.name: c for c in channels()}
    seaway, river = lines["St. Lawrence Seaway"], lines["St. Lawrence"]
    assert seaway.closed_sea == "the Great Lakes" and shapely.contains_xy(closed_water("the Great Lakes"),
                                                                          *seaway.coords[-1])
    assert river.to_sea and not gshhg_land(*river.coords[-1]) and seaway.coords[0] == river.coords[0]


def test_great_lakes_file_is_what_the_script_writes():
    """scripts/build_great_lakes.py rebuilds data/great-lakes.geojson.gz byte for byte from
    Natural Earth in ../shared and data/great_lakes_channels.csv."""
    source = _natural_earth()
    code = (
        "import sys; sys.path.insert(0, 'scripts'); import build_great_lakes as b; from pathlib import Path;"
        f"sys.stdout.buffer.write(b.build(Path({str(source)!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True)
    assert out.stdout.endswith((ROOT / "data" / "great-lakes.geojson.gz").read_bytes())
