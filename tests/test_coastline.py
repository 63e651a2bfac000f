"""The shipped coastline (GSHHG full via roaring-landmask, cached): land polygons and is_land."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from geo.errors import BadInput
from geo.sea.coastline import coastline_source, is_land, land_polygons, path_touches_land, segments_touch_land


def test_is_land_on_known_points():
    # Najin's UN/LOCODE point is in the harbour; Ulaanbaatar is 1,000 km from any sea.
    assert is_land(130.3, 42.2333) is False
    assert is_land(106.92, 47.92) is True
    assert is_land(-30.0, 40.0) is False  # mid-Atlantic
    assert is_land(2.35, 48.85) is True  # Paris


def test_is_land_vectorized_matches_scalar_and_wraps_longitude():
    lon = np.array([130.3, 106.92, -30.0, 2.35 + 360.0])
    lat = np.array([42.2333, 47.92, 40.0, 48.85])
    got = is_land(lon, lat)
    assert got.dtype == bool and got.shape == (4,)
    assert got.tolist() == [False, True, False, True]


def test_is_land_agrees_with_roaring_landmask_on_random_points():
    from roaring_landmask import LandmaskProvider, RoaringLandmask

    rng = np.random.default_rng(7)
    x = rng.uniform(129.0, 134.0, 3000)
    y = rng.uniform(41.0, 44.0, 3000)
    reference = RoaringLandmask.new_with_provider(LandmaskProvider.Gshhg).contains_many(x, y)
    assert (is_land(x, y) == reference).mean() == 1.0


def test_is_land_rejects_bad_latitude():
    with pytest.raises(BadInput):
        is_land(0.0, 91.0)


def test_land_polygons_full_resolution_is_clipped_valid_and_seamless():
    bbox = (129.5, 41.5, 133.5, 43.5)
    land = land_polygons(bbox)
    assert land.geom_type == "MultiPolygon" and land.is_valid
    w, s, e, n = land.bounds
    assert w >= 129.5 and s >= 41.5 and e <= 133.5 and n <= 43.5
    # Seamless: the big land mass is one polygon, not 1° tiles.
    biggest = max(land.geoms, key=lambda g: g.area)
    assert biggest.bounds[2] - biggest.bounds[0] > 2.0
    # Agrees with is_land inside.
    rng = np.random.default_rng(1)
    x, y = rng.uniform(129.5, 133.5, 2000), rng.uniform(41.5, 43.5, 2000)
    assert (shapely.contains_xy(land, x, y) == is_land(x, y)).mean() > 0.999


@pytest.mark.parametrize("bbox", [
    (129.5, 41.5, 133.5, 43.5),  # Najin to Vladivostok: a mainland coast cut by four cell lines
    (17.6, 58.8, 19.4, 59.8),  # the Stockholm archipelago: thousands of islets on cell lines
    (120.2, 24.2, 122.3, 25.6),  # northern Taiwan
    (-71.2, 41.2, -69.8, 42.2),  # Cape Cod
])
def test_full_resolution_land_merges_its_cells_as_the_overlay_does(bbox):
    # land_polygons merges the 1° pieces by their shared edges, which is right only when they
    # tile the land exactly (no overlap, no gap along the cell lines): compare with the overlay.
    from geo.sea.coastline import _merge_cells, _store

    store = _store()
    pieces = shapely.clip_by_rect(store.geoms("full", store.query("full", *bbox)), *bbox)
    pieces = pieces[~shapely.is_empty(pieces)]
    merged = _merge_cells(pieces)
    assert merged.is_valid
    assert shapely.normalize(merged).equals_exact(shapely.normalize(shapely.union_all(pieces)), 0.0)


def test_land_polygons_simplified_is_smaller_and_close():
    bbox = (129.5, 41.5, 133.5, 43.5)
    full = land_polygons(bbox)
    coarse = land_polygons(bbox, tolerance_km=2.0)
    assert shapely.get_num_coordinates(coarse) < shapely.get_num_coordinates(full) / 5
    assert abs(coarse.area - full.area) / full.area < 0.02


def test_land_polygons_across_the_antimeridian_is_continuous():
    land = land_polygons((170.0, 50.0, -170.0, 70.0), tolerance_km=1.0)
    assert land.is_valid
    w, _, e, _ = land.bounds
    assert w >= 170.0 and e <= 190.0 and e > 180.0  # Chukotka east of 180 comes back as > 180


def test_land_polygons_world_and_determinism():
    a = land_polygons((-180, -90, 180, 90), tolerance_km=20)
    b = land_polygons((-180, -90, 180, 90), tolerance_km=20)
    assert a.is_valid and len(a.geoms) > 100
    assert shapely.to_wkb(a) == shapely.to_wkb(b)


@pytest.mark.parametrize("bbox", [(1, 2, 3), (0, 10, 5, 5), ("a", 0, 1, 1), (0, -95, 1, 1)])
def test_land_polygons_bad_bbox(bbox):
    with pytest.raises(BadInput):
        land_polygons(bbox)


def test_source_credit():
    assert "GSHHG" in coastline_source() and "LGPL" in coastline_source()


def test_fast_version_lookup_agrees_with_importlib_metadata():
    from importlib import metadata

    from geo.fileio import installed_version as _version

    for dist in ("roaring-landmask", "shapely", "searoute", "numpy"):
        assert _version(dist) == metadata.version(dist)
    assert _version("no-such-distribution-here") == "missing"


def test_index_arrays_are_read_only_when_asked_for():
    from geo.sea.coastline import _LazyArrays, ensure_cache

    arrays = _LazyArrays(ensure_cache() / "index.npz")
    assert arrays._loaded == {}
    start = arrays["cell_start"]
    assert list(arrays._loaded) == ["cell_start"]
    assert arrays["cell_start"] is start  # read once, then kept
    assert start[0] == 0 and np.all(np.diff(start) >= 0)


def test_build_slices_cover_every_polygon_once_in_order():
    # The build parses GSHHG a slice at a time; the slices must tile the polygons in order (the
    # layers are concatenated slice by slice), and a polygon bigger than a slice stands alone.
    from geo.sea.coastline import _SLICE_BYTES, _slices

    sizes = np.array([10, 20, _SLICE_BYTES * 3, 5, 5, _SLICE_BYTES // 2, _SLICE_BYTES // 2, 7])
    offsets = np.concatenate([[9], 9 + np.cumsum(sizes)])
    slices = _slices(offsets)
    assert [i for start, stop in slices for i in range(start, stop)] == list(range(len(sizes)))
    assert all(stop > start for start, stop in slices)
    assert (2, 3) in slices
    for start, stop in slices:
        assert stop - start == 1 or offsets[stop] - offsets[start] <= _SLICE_BYTES


def test_the_fast_path_test_agrees_with_the_exact_segment_test():
    # Random walks of short and long steps, across the antimeridian and near the poles: the
    # cell-grouped test must answer exactly as the segment-by-segment one.
    rng = np.random.default_rng(7)
    answers = []
    for _ in range(150):
        start = [rng.uniform(-200.0, 200.0), rng.uniform(-80.0, 80.0)]
        steps = rng.normal(0.0, rng.choice([0.1, 0.8, 2.5]), (12, 2))
        path = np.cumsum(np.vstack([start, steps]), axis=0)
        path[:, 1] = np.clip(path[:, 1], -89.0, 89.0)
        fast, exact = path_touches_land(path), bool(segments_touch_land(path).any())
        assert fast == exact, path.tolist()
        answers.append(fast)
    assert any(answers) and not all(answers)  # both answers were exercised


@pytest.fixture(scope="module")
def gshhg() -> tuple[bytes, np.ndarray]:
    from geo.sea.coastline import _load_gshhg_wkb

    return _load_gshhg_wkb()


def test_the_shipped_simplifications_rebuild_exactly_what_geos_makes(gshhg):
    # The build rebuilds Douglas-Peucker's results from data/coastline_simplified.npz instead of
    # running GEOS on every polygon: every layer of a slice must have the same bytes either way,
    # including polygons whose ring GEOS repaired and the few the table leaves to GEOS.
    import shapely

    from geo.sea.coastline import _COMPUTED, _REPAIRED, _SimplificationTable, _slice_layers, _slices

    wkb, offsets = gshhg
    table = _SimplificationTable.load(offsets)
    assert table is not None, "the shipped table does not fit the installed GSHHG/GEOS: rerun its script"
    slices = _slices(offsets)
    # A slice with repaired rings and polygons left to GEOS, and the last one (small islets).
    with_both = next(n for n in range(len(slices)) if any(
        np.any(table.step(step, n).status == _REPAIRED) for step in ("obstacle", "s1", "s2"))
        and any(np.any(table.step(step, n).status == _COMPUTED) for step in ("s1", "s2", "s3")))
    for number in (with_both, len(slices) - 1):
        start, stop = slices[number]
        parts = shapely.from_wkb([wkb[offsets[i]:offsets[i + 1]] for i in range(start, stop)])
        ours, geos = _slice_layers(parts, table.for_slice(number)), _slice_layers(parts)
        for layer in ("obstacle", "s1", "s2", "s3"):
            assert len(ours[layer]) == len(geos[layer]) > 0
            assert list(shapely.to_wkb(ours[layer])) == list(shapely.to_wkb(geos[layer])), (number, layer)


def test_a_simplification_table_for_other_polygons_is_not_used(gshhg):
    import shapely

    from geo.sea.coastline import _SimplificationTable, simplified_table_key

    wkb, offsets = gshhg
    other = offsets.copy()
    other[1:] += 1  # one byte more in the first polygon: another GSHHG
    assert simplified_table_key(other) != simplified_table_key(offsets)
    assert _SimplificationTable.load(other) is None
    table = _SimplificationTable.load(offsets)
    parts = shapely.from_wkb([wkb[offsets[i]:offsets[i + 1]] for i in range(0, 3)])
    with pytest.raises(ValueError, match="polygons for a slice"):
        table.step("obstacle", 0).take(parts, 0.001)  # (the build then lets GEOS do the whole slice)


def test_obstacles_made_on_first_use_are_what_geos_makes_and_are_kept():
    # The build grows only the continents' obstacles; another polygon's are made the first time a
    # route's box meets it (the shipped simplifications standing in for GEOS's, as in a build of
    # all) and kept in obstacles.sqlite: made, read back and computed by GEOS alone, the bytes
    # are the same, polygon by polygon and in order.
    import shapely

    from geo.sea.coastline import _grown_obstacles, _Store, _store

    folder = _store().folder
    count = len(_store().arrays["source_bounds"])
    ids = np.array([1, 2, 3, count // 2, count - 2, count - 1])
    made = _Store(folder).obstacles(ids)
    again = _Store(folder).obstacles(ids)  # a fresh store reads them from the file
    grown, owner = _grown_obstacles(_store().sources(ids))
    for k, ((first, first_bounds), (second, _b)) in enumerate(zip(made, again, strict=True)):
        geos = grown[owner == k]
        assert len(first) == len(second) == len(geos) > 0
        assert list(shapely.to_wkb(first)) == list(shapely.to_wkb(second)) == list(shapely.to_wkb(geos))
        assert np.array_equal(first_bounds, shapely.bounds(geos))
    # A box's obstacles: those of every polygon near it, in the polygons' order.
    box = (125.0, 34.0, 125.6, 34.8)  # the islands of south-western Korea
    obstacles = _store().obstacles
    b = _store().arrays["source_bounds"]
    near = np.flatnonzero((b[:, 0] <= box[2] + 0.01) & (b[:, 2] >= box[0] - 0.01)
                          & (b[:, 1] <= box[3] + 0.01) & (b[:, 3] >= box[1] - 0.01))
    expected = [g for grown_k, bounds_k in obstacles(near) for g, gb in zip(grown_k, bounds_k, strict=True)
                if gb[0] <= box[2] and gb[2] >= box[0] and gb[1] <= box[3] and gb[3] >= box[1]]
    from geo.sea.coastline import obstacle_polygons

    assert len(expected) > 10
    assert list(shapely.to_wkb(obstacle_polygons(box))) == list(shapely.to_wkb(np.array(expected, dtype=object)))



def _obstacle_rows(folder) -> dict[int, bytes]:
    import sqlite3

    if not (folder / "obstacles.sqlite").exists():
        return {}
    con = sqlite3.connect(folder / "obstacles.sqlite")
    try:
        return dict(con.execute("SELECT source, parts FROM obstacle").fetchall())
    finally:
        con.close()


def _same_layers(one, two) -> None:
    """Two coastline cache folders hold the same geoms.bin and the same index arrays (all but
    the build's duration)."""
    import filecmp

    assert (one / "geoms.bin").stat().st_size == (two / "geoms.bin").stat().st_size
    assert filecmp.cmp(one / "geoms.bin", two / "geoms.bin", shallow=False)
    with np.load(one / "index.npz") as a, np.load(two / "index.npz") as b:
        assert a.files == b.files
        for key in a.files:
            if key != "build_seconds":
                assert a[key].dtype == b[key].dtype and np.array_equal(a[key], b[key]), key


@pytest.fixture(scope="module")
def built_the_other_way(gshhg, tmp_path_factory):
    """The whole coastline cache built again: split in two processes if the suite's cache was
    built by one, by one if it was split. Its folder, the stages it reported, the suite's cache."""
    from geo.sea.coastline import _build, ensure_cache

    usual = ensure_cache()
    usual_split = "by two processes" in (usual / "SOURCE.txt").read_text(encoding="utf-8")
    folder = tmp_path_factory.mktemp("coastline") / "build"
    folder.mkdir()
    stages: list[str] = []
    _build(folder, stages.append, split=not usual_split, source=gshhg)
    assert ("by two processes" in (folder / "SOURCE.txt").read_text(encoding="utf-8")) is not usual_split
    return folder, stages, usual


def test_a_build_split_in_two_processes_writes_the_bytes_of_a_build_in_one(built_the_other_way):
    # Where there are two cores a child process cuts the last slices into files of its own and
    # grows the continents' obstacles, while this one cuts the others and puts the cache
    # together: the same bytes as one process makes (checked against the suite's cache, which
    # was built the other way).
    from geo.sea.coastline import BUILD_STAGES

    folder, stages, usual = built_the_other_way
    _same_layers(folder, usual)
    fresh = _obstacle_rows(folder)  # (the suite's cache also keeps what its routes made since)
    assert len(fresh) == 2 and {k: v for k, v in _obstacle_rows(usual).items() if k in fresh} == fresh
    assert stages == list(BUILD_STAGES)
    assert sorted(p.name for p in folder.iterdir()) == ["SOURCE.txt", "geoms.bin", "index.npz", "obstacles.sqlite"]


def test_a_failed_second_process_leaves_its_slices_to_this_one(gshhg, tmp_path, capfd):
    # On the polygons of two slices of small islands (no table fits them: GEOS simplifies), one
    # process, two, and two whose child cannot write its files (into a folder that does not
    # exist) give the same bytes; the last says that this process cut the rest.
    from geo.sea.coastline import _build, _child_share, _slices

    wkb, offsets = gshhg
    slices = _slices(offsets)
    few = offsets[slices[-3][0]:slices[-2][1] + 1]
    assert len(_slices(few)) == 2 and len(_child_share(few, _slices(few))) == 1
    folders = {}
    for name, split, child_folder in (("one", False, None), ("two", True, None),
                                      ("failed", True, tmp_path / "missing")):
        folders[name] = tmp_path / name
        folders[name].mkdir()
        _build(folders[name], split=split, source=(wkb, few), child_folder=child_folder)
        assert sorted(p.name for p in folders[name].iterdir()) == ["SOURCE.txt", "geoms.bin", "index.npz"]
        said = capfd.readouterr().err
        assert ("second process failed" in said) is (name == "failed"), said
        text = (folders[name] / "SOURCE.txt").read_text(encoding="utf-8")
        assert ("by two processes" in text) is (name == "two"), text
    _same_layers(folders["one"], folders["two"])
    _same_layers(folders["one"], folders["failed"])


def test_clipping_each_geometry_to_its_own_rectangle_gives_what_the_public_call_gives():
    """The build clips arrays of GSHHG pieces, each to its own grid square, in one call of
    shapely's ufunc (not public API): the pieces must be those of one public call per square."""
    from geo.sea import coastline

    wkb, offsets = coastline._load_gshhg_wkb()
    polygons = shapely.from_wkb([wkb[offsets[i]:offsets[i + 1]] for i in range(0, 3000, 25)])
    bounds = shapely.bounds(polygons)
    west, south = np.floor(bounds[:, 0]), np.floor(bounds[:, 1])
    east, north = west + 0.5, south + 0.5  # a half-degree square at each polygon's south-west corner
    clipped = coastline._clip_each(polygons, west, south, east, north)
    one_by_one = [shapely.clip_by_rect(p, w, s, e, n)
                  for p, w, s, e, n in zip(polygons, west, south, east, north, strict=True)]
    assert len(clipped) == len(one_by_one) == 120
    assert all(shapely.equals_exact(a, b, tolerance=0.0) or (a.is_empty and b.is_empty)
               for a, b in zip(clipped, one_by_one, strict=True))
    assert sum(not g.is_empty for g in clipped) > 10  # (the squares do cut land)
