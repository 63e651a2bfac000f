"""Distances to an area's edge and across a strait (issue 11 item 3, issue 10 item 5).

Real components throughout: the shipped country and feature polygons, GSHHG full resolution
for strait shores, pyproj's WGS84 geodesic. Sentences are our own.
"""

from __future__ import annotations

import math

import pytest
from pyproj import Geod
from shapely.geometry import Point, Polygon

from geo.pair import check_pair, edge_measures, judge_width
from geo.places.gazetteer import resolve
from geo.sea.shores import nearest_gap
from geo.text.article import check_article
from geo.text.claims import parse_claim

GEOD = Geod(ellps="WGS84")


def _brute_km(point: tuple[float, float], ring: list[tuple[float, float]], step_km: float = 0.2) -> float:
    """The shortest geodesic from a point to a ring, searched on the ring densified along
    geodesics every ``step_km``: slow and independent of the projection nearest_gap uses."""
    best = math.inf
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        _a, _b, length = GEOD.inv(x1, y1, x2, y2)
        n = max(1, int(length / 1000 / step_km))
        pts = [(x1, y1), *GEOD.npts(x1, y1, x2, y2, n), (x2, y2)]
        _a, _b, dist = GEOD.inv([point[0]] * len(pts), [point[1]] * len(pts), [p[0] for p in pts],
                                [p[1] for p in pts])
        best = min(best, min(dist) / 1000)
    return best


@pytest.mark.parametrize("point, ring", [
    ((10.0, 60.0), [(11.0, 59.0), (14.0, 59.5), (13.5, 62.0), (11.2, 61.0), (11.0, 59.0)]),
    ((-70.0, -20.0), [(-66.0, -25.0), (-60.0, -25.0), (-60.0, -10.0), (-66.5, -12.0), (-66.0, -25.0)]),
    ((140.0, 10.0), [(141.0, 10.2), (141.5, 10.2), (141.5, 10.9), (141.0, 10.9), (141.0, 10.2)]),
])
def test_nearest_gap_is_the_geodesic_to_the_nearest_point_within_one_percent(point, ring):
    gap = nearest_gap(Point(point), Polygon(ring))
    expected = _brute_km(point, ring)
    assert gap.distance_km == pytest.approx(expected, rel=0.01)
    # And the length given is the geodesic between the two ends it names.
    _a, _b, metres = GEOD.inv(*gap.a_lonlat, *gap.b_lonlat)
    assert gap.distance_km == pytest.approx(metres / 1000, abs=1e-6)


def test_touching_geometries_are_zero_apart():
    square = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    assert nearest_gap(Point(0.5, 0.5), square).distance_km == 0.0


def test_an_island_country_to_its_neighbour_is_measured_coast_to_coast():
    check = check_pair("Cyprus", "Turkey", "about 70 km", sea=False)
    m = check.measures
    assert "Turkey's coast" in m.measured_between and "Cyprus's coast" in m.measured_between
    assert 60 < m.geodesic_km < 80 and m.centre_km is not None and m.centre_km > 300
    assert check.verdict is not None and check.verdict.status == "supported"
    assert "centre to centre" in check.verdict.explanation
    assert any(note.startswith("why: ") for note in check.verdict.notes)


def test_a_town_to_a_neighbouring_country_is_measured_to_its_border():
    kharkiv = resolve("Kharkiv").best
    russia = resolve("Russia").best
    m = edge_measures(kharkiv, russia)
    assert m is not None and "Russia's border" in m.measured_between
    assert 20 < m.geodesic_km < 45  # Kharkiv lies some 30 km from the border, thousands from Russia's middle
    assert m.centre_km is not None and m.centre_km > 1000


def test_two_towns_are_still_centre_to_centre():
    assert edge_measures(resolve("Najin").best, resolve("Vladivostok").best) is None


def test_a_strait_width_is_shore_to_shore_and_says_how():
    check = judge_width(resolve("Strait of Dover").best, parse_claim("33 km"))
    assert check is not None and check.verdict is not None
    assert check.verdict.status == "supported"
    assert 30 < check.measures.geodesic_km < 35
    assert "at its narrowest" in check.measures.measured_between
    wrong = judge_width(resolve("Strait of Dover").best, parse_claim("about 60 km"))
    assert wrong is not None and wrong.verdict is not None and wrong.verdict.status == "refuted"


def test_article_links_offshore_and_width_claims():
    text = ("Cyprus lies about 70 km south of Turkey, its ferries say.\n\n"
            "The Strait of Dover is 33 km wide at its narrowest point.\n\n"
            "Lampedusa, a small island, lies some 300 km off the coast of Tunisia.")
    report = check_article(text, sea=False)
    got = {(c.claim.text, c.a.name, c.b.name): c.verdict.status for c in report.claims if c.verdict}
    assert got.get(("about 70 km south of", "Cyprus", "Turkey")) == "supported"
    assert got.get(("33 km", "Strait of Dover", "Strait of Dover")) == "supported"
    tunisia = [c for c in report.claims if c.b.name == "Tunisia"]
    assert len(tunisia) == 1 and tunisia[0].verdict is not None and tunisia[0].verdict.status == "refuted"
    assert "Tunisia's coast" in tunisia[0].measures.measured_between


def test_channels_of_a_strait_are_not_its_width():
    report = check_article("The strait is divided by an island into two channels, the eastern channel "
                           "being 3 km wide.\n\nThe Kerch Strait links two seas.", sea=False)
    assert not any(c.a.kind == "strait" for c in report.claims)


def test_a_road_distance_longer_than_the_straight_line_is_ambiguous_not_refuted():
    # Kirkenes and Murmansk are about 147 km apart in a straight line.
    by_road = check_article("Kirkenes is about 230 km by road from Murmansk.", sea=False).claims
    plain = check_article("Kirkenes is about 230 km from Murmansk.", sea=False).claims
    assert by_road[0].verdict is not None and plain[0].verdict is not None
    assert plain[0].verdict.status == "refuted"
    assert by_road[0].verdict.status == "ambiguous"
    assert any("road" in note for note in by_road[0].verdict.notes)
    # No road is shorter than the straight line: a claim too short stays refuted.
    short = check_article("Kirkenes is about 60 km by road from Murmansk.", sea=False).claims
    assert short[0].verdict is not None and short[0].verdict.status == "refuted"


def test_each_islet_joins_the_side_its_whole_shore_is_nearer():
    # the tree of shore segments gives each islet the same distance as measuring it against the
    # whole shore polygon, so the sides and the width counting islands do not change
    from geo.places.areas import edge_geometry
    from geo.sea.shores import _distances_to, _shores_along, narrowest_width, width_with_islands

    water = edge_geometry(resolve("Bab-el-Mandeb").best)
    shores = _shores_along(water)
    islets = shores[2:]
    assert len(islets) >= 3
    for side in shores[:2]:
        assert _distances_to(islets, side) == [islet.distance(side) for islet in islets]
    with_islands = width_with_islands(water)
    assert with_islands is not None
    assert with_islands.distance_km < narrowest_width(water)[0].distance_km - 5  # Perim narrows it


def test_a_small_island_drawn_only_as_a_point_is_measured_to_its_shore():
    # 가거도 and 흑산도 are points in our tables; their GSHHG land gives the shore-to-shore gap
    measures = edge_measures(resolve("가거도").best, resolve("흑산도").best)
    assert measures is not None and "shore" in measures.measured_between
    assert measures.geodesic_km < measures.centre_km - 5


def test_open_sea_holds_no_land():
    from geo.sea.coastline import land_polygons

    land = land_polygons((-30.5, -20.5, -30.0, -20.0))  # the South Atlantic, far from any island
    assert land.is_empty and land.geom_type == "MultiPolygon"


def test_an_island_across_the_antimeridian_is_found_on_both_sides():
    # Taveuni (Fiji) lies across 180°: its land is read in longitudes continuous with its point's
    # (below -180 west of the line).
    from geo.pair import island_at

    taveuni = resolve("Taveuni").best
    assert taveuni.kind == "island" and taveuni.lon < -179.9
    land = island_at(taveuni)
    assert land is not None
    west, _south, east, _north = land.bounds
    assert west < -180.0 < east and land.distance(Point(taveuni.lon, taveuni.lat)) < 0.01
