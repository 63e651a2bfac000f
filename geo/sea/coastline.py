"""The shipped coastline: land polygons and a point-in-land test, from GSHHG at full resolution.

Source: GSHHG 2.3.7 shorelines (level 1: the boundary between land and the sea; lakes and
closed seas such as the Caspian count as land), full resolution, as shipped inside the PyPI
package ``roaring-landmask`` (LGPL data, MIT code). Turned into geometries all at once it takes
about a gigabyte, so the first use in a machine extracts it ONCE, a slice of polygons at a time
(under 450 MB), into a compact cache in the user cache directory (``$SHIPROUTE_CACHE_DIR``, else
``$XDG_CACHE_HOME/shiproute``, else ``~/.cache/shiproute``), keyed by the package versions and
:data:`SCHEMA_VERSION`, written atomically. After that a command reads only the pieces it needs
(memory-mapped). Nothing is downloaded at run time.

The cache holds these layers:

``full``
    Every GSHHG polygon clipped into 1° x 1° cells (seams along the cell lines); used by
    :func:`is_land`, by the route checks and by :func:`land_polygons` at ``tolerance_km=0``.
``obstacle``
    Each polygon simplified (Douglas-Peucker, :data:`OBSTACLE_TOL_DEG`) and then grown by the
    same amount, so it *contains* the full-resolution land: the sea router plans around these,
    which keeps every route off the real coast. Channels narrower than about twice
    :data:`OBSTACLE_TOL_DEG` (~220 m) are closed. Growing every polygon took a third of the
    build, and a route needs only those of its region: so the build keeps the GSHHG polygons
    as they come (``source``) with their bounds, and a polygon's obstacles are made the first
    time a route's box meets it and kept in ``obstacles.sqlite`` beside the layers (the same
    polygons, in the same order, as a build of all of them makes).
``s1``/``s2``/``s3``
    Simplified at about 0.5 km, 2 km and 10 km for maps, islets below the tolerance dropped.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

import numpy as np

from geo.errors import BadInput, DataMissing
from geo.fileio import cache_dir, installed_version

if TYPE_CHECKING:  # pragma: no cover
    import shapely

    from geo.fileio import ForkedChild

__all__ = [
    "SCHEMA_VERSION",
    "OBSTACLE_TOL_DEG",
    "LAYER_TOLERANCE_DEG",
    "land_polygons",
    "land_piece_count",
    "obstacle_polygons",
    "is_land",
    "coastline_source",
    "ensure_cache",
    "cache_is_built",
    "BUILD_STAGES",
    "segments_touch_land",
    "path_touches_land",
]

#: Bump when the layout or the derivation of the cache changes: old caches are then ignored.
SCHEMA_VERSION = 3  # 3: obstacles made on first use (kept in obstacles.sqlite); the GSHHG WKB kept as is
#: Simplification tolerance and growth of the routing obstacles, in degrees (~110 m of latitude).
OBSTACLE_TOL_DEG = 0.001
#: Douglas-Peucker tolerance of each map layer, in degrees.
LAYER_TOLERANCE_DEG: dict[str, float] = {"full": 0.0, "s1": 0.005, "s2": 0.02, "s3": 0.1}
_KM_PER_DEG = 111.32  # one degree of latitude (and of longitude at the equator), in km
_CELL_DEG = 1  # the full layer is cut into cells of this many degrees
_NX, _NY = 360 // _CELL_DEG, 180 // _CELL_DEG


@functools.cache
def coastline_source() -> str:
    """Credit line for the coastline data, for maps and reports."""
    return f"GSHHG 2.3.7 full resolution (LGPL), via roaring-landmask {installed_version('roaring-landmask')}"


#: The stages of a coastline build, in order, as passed to ``ensure_cache``'s ``progress``.
BUILD_STAGES = (
    "reading the GSHHG coastlines",
    "cutting and simplifying the shore (first third)",
    "cutting and simplifying the shore (second third)",
    "cutting and simplifying the shore (last third)",
    "writing the coastline cache",
    "growing Eurasia's and the Americas' routing obstacles",
)


def _cache_name() -> str:
    return (
        f"coastline-gshhg-s{SCHEMA_VERSION}"
        f"-rl{installed_version('roaring-landmask')}-shapely{installed_version('shapely')}"
    )


# --------------------------------------------------------------------------------------------
# Building the cache (once per machine and package versions)
# --------------------------------------------------------------------------------------------


def _load_gshhg_wkb() -> tuple[bytes, np.ndarray]:
    """GSHHG full-resolution level 1 as one MultiPolygon WKB, and where each of its polygons
    starts and ends in it (``n + 1`` offsets): the build parses a slice at a time, so that
    the 180,000 polygons are never all in memory as geometries (1.1 GB at once)."""
    import struct

    try:
        from roaring_landmask import LandmaskProvider, Shapes
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise DataMissing(
            "the coastline needs the PyPI package 'roaring-landmask' (GSHHG polygons); "
            "install it with 'pip install roaring-landmask==0.11.0'"
        ) from exc
    wkb = Shapes.wkb(LandmaskProvider.Gshhg)
    order = "<" if wkb[0] == 1 else ">"
    kind, count = struct.unpack_from(order + "II", wkb, 1)
    if kind != 6:
        raise DataMissing(f"roaring-landmask's GSHHG is a WKB geometry of type {kind}, not a MultiPolygon; "
                          "install roaring-landmask==0.11.0")
    # (A loop of 180,000 polygons: lists and prepared unpackers keep it to a tenth of a second.)
    little, big = struct.Struct("<I").unpack_from, struct.Struct(">I").unpack_from
    starts = [0] * (count + 1)
    position = 9
    for i in range(count):
        starts[i] = position
        number = little if wkb[position] == 1 else big
        (rings,) = number(wkb, position + 5)
        position += 9
        for _ in range(rings):
            position += 4 + 16 * number(wkb, position)[0]  # 2D: x and y as doubles
    starts[count] = position
    offsets = np.array(starts, dtype=np.int64)
    if position != len(wkb):
        raise DataMissing("roaring-landmask's GSHHG WKB does not parse as 2D polygons; "
                          "install roaring-landmask==0.11.0")
    return wkb, offsets


def _clip_grid(geoms: np.ndarray, owner: np.ndarray, cx: np.ndarray, cy: np.ndarray, step: float) -> np.ndarray:
    """Each ``geoms[owner[i]]`` clipped to the grid square (``cx[i]``, ``cy[i]``) of ``step``
    degrees, for entries grouped by owner and row by row (as the cutting makes them).

    A row of squares is cut from the geometry first and the squares from that row: clipping
    costs time in proportion to the vertices clipped, so a polygon spanning a hundred squares
    is walked about twenty times instead of a hundred. The intersection is the same. (GEOS
    clips an array of geometries, each to its own rectangle, in one call of shapely's ufunc,
    which its public ``clip_by_rect`` allows only for one rectangle: :func:`_clip_each`.)"""
    count = len(owner)
    if not count:
        return np.empty(0, dtype=object)
    new_row = np.r_[True, (owner[1:] != owner[:-1]) | (cy[1:] != cy[:-1])]
    first = np.flatnonzero(new_row)
    last = np.r_[first[1:], count] - 1
    west, south = cx * step - 180.0, cy * step - 90.0
    out = np.empty(count, dtype=object)
    # A few hundred rows at a time: the rows cut from a continent are as big as it is.
    for lo in range(0, len(first), _ROWS_AT_ONCE):
        row_first, row_last = first[lo:lo + _ROWS_AT_ONCE], last[lo:lo + _ROWS_AT_ONCE]
        rows = geoms[owner[row_first]]
        wide = np.flatnonzero(row_last > row_first)  # a row of squares: cut the row, then each square from it
        ends, starts = row_last[wide], row_first[wide]
        rows[wide] = _clip_each(rows[wide], west[starts], south[starts], west[ends] + step, south[starts] + step)
        at = slice(int(row_first[0]), int(row_last[-1]) + 1)
        row_of = np.repeat(np.arange(len(row_first)), row_last - row_first + 1)
        out[at] = _clip_each(rows[row_of], west[at], south[at], west[at] + step, south[at] + step)
    return out


def _clip_each(geoms: np.ndarray, west: np.ndarray, south: np.ndarray, east: np.ndarray,
               north: np.ndarray) -> np.ndarray:
    """Each geometry clipped to its own rectangle: in one call of shapely's ufunc
    (``shapely.lib``, not public API), or, should a shapely release change it, one public
    ``clip_by_rect`` call per geometry (slower, the same pieces: ``tests/test_coastline.py``)."""
    import shapely

    try:
        return shapely.lib.clip_by_rect(geoms, west, south, east, north)
    except (AttributeError, TypeError):
        return np.array([shapely.clip_by_rect(g, float(w), float(s), float(e), float(n))
                         for g, w, s, e, n in zip(geoms, west, south, east, north, strict=True)] or [],
                        dtype=object)


#: Rows of grid squares clipped at once by :func:`_clip_grid`.
_ROWS_AT_ONCE = 256


def _clip_to_cells(parts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut polygons into 1° cells; returns (pieces, flat cell index, group) with empties
    dropped, in the order made: polygons within one cell (group 0), pieces of the others
    (group 1), pieces of the big ones (group 2). The cache orders them by (cell, group, order
    made), so a build in slices writes what a build of all at once would.

    Big polygons are first cut into 10° blocks so that no polygon of a million vertices is
    clipped thousands of times.
    """
    import shapely

    def split(geoms: np.ndarray, step: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        b = shapely.bounds(geoms)
        x0 = np.floor((b[:, 0] + 180) / step).astype(int)
        x1 = np.maximum(np.ceil((b[:, 2] + 180) / step).astype(int) - 1, x0)
        y0 = np.floor((b[:, 1] + 90) / step).astype(int)
        y1 = np.maximum(np.ceil((b[:, 3] + 90) / step).astype(int) - 1, y0)
        nx, ny = x1 - x0 + 1, y1 - y0 + 1
        counts = nx * ny
        owner = np.repeat(np.arange(len(geoms)), counts)
        k = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        cx = x0[owner] + k % nx[owner]
        cy = y0[owner] + k // nx[owner]
        return owner, cx, cy

    # Stage 1: 10° blocks for everything spanning more than one 1° cell.
    b = shapely.bounds(parts)
    single = (np.floor(b[:, 0] + 180) == np.maximum(np.ceil(b[:, 2] + 180) - 1, np.floor(b[:, 0] + 180))) & (
        np.floor(b[:, 1] + 90) == np.maximum(np.ceil(b[:, 3] + 90) - 1, np.floor(b[:, 1] + 90))
    )
    multi = parts[~single]
    big = shapely.get_num_coordinates(multi) > 5000
    staged = [multi[~big]]
    small_count = len(staged[0])
    if big.any():
        owner, bx, by = split(multi[big], 10.0)
        blocks = _clip_grid(multi[big], owner, bx, by, 10.0)
        staged.append(shapely.get_parts(blocks[~shapely.is_empty(blocks)]))
    multi = np.concatenate(staged)
    owner, cx, cy = split(multi, 1.0)
    pieces = _clip_grid(multi, owner, cx, cy, 1.0)
    keep = ~shapely.is_empty(pieces)
    pieces, cx, cy = pieces[keep], cx[keep], cy[keep]
    # Clipping may return GeometryCollections or MultiPolygons: keep polygonal parts per cell.
    parts_out = [parts[single]]
    b = shapely.bounds(parts[single])
    cells_out = [
        (np.floor(b[:, 1] + 90).astype(int).clip(0, _NY - 1)) * _NX
        + np.floor(b[:, 0] + 180).astype(int).clip(0, _NX - 1)
    ]
    flat, idx = shapely.get_parts(pieces, return_index=True)
    poly = shapely.get_type_id(flat) == 3
    parts_out.append(flat[poly])
    cells_out.append((cy[idx] * _NX + cx[idx])[poly])
    groups = [np.zeros(len(parts_out[0]), dtype=np.int8),
              np.where(owner[keep][idx][poly] < small_count, 1, 2).astype(np.int8)]
    return np.concatenate(parts_out), np.concatenate(cells_out), np.concatenate(groups)


def _simplify_each(parts: np.ndarray, tol_deg: float, known: _KnownSimplification | None = None
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Douglas-Peucker of each geometry (GEOS, topology not preserved), and which results are
    unusable (empty or invalid); ``known`` gives them from the shipped table instead, where it
    has them (see :class:`_KnownSimplification`)."""
    import shapely

    if known is not None:
        return known.take(parts, tol_deg)
    simple = shapely.simplify(parts, tol_deg, preserve_topology=False)
    return simple, shapely.is_empty(simple) | ~shapely.is_valid(simple)


def _simplified(parts: np.ndarray, tol_deg: float, *, keep_islets: bool,
                known: _KnownSimplification | None = None) -> np.ndarray:
    """Douglas-Peucker per polygon; collapsed islets are dropped, or kept whole if asked."""
    import shapely

    simple, bad = _simplify_each(parts, tol_deg, known)
    if keep_islets:
        simple[bad] = parts[bad]
    else:
        simple = simple[~bad]
        simple = simple[shapely.area(simple) > tol_deg * tol_deg]
    flat = shapely.get_parts(simple)
    return flat[shapely.get_type_id(flat) == 3]


#: The shipped table of what Douglas-Peucker keeps of each GSHHG polygon, in ``data/``
#: (written by ``scripts/build_coastline_simplified.py``; see :class:`_KnownSimplification`).
SIMPLIFIED_FILE = "coastline_simplified.npz"
#: The simplification steps of a build, in the order each slice takes them: the obstacles'
#: base (from the full polygons), then each map layer from the one before it.
SIMPLIFY_STEPS = ("obstacle", "s1", "s2", "s3")
_SIMPLIFY_TOLERANCE = {"obstacle": OBSTACLE_TOL_DEG, **{k: LAYER_TOLERANCE_DEG[k] for k in ("s1", "s2", "s3")}}
# How a geometry's simplification is shipped: its kept vertices (0), unusable (1: empty or
# invalid), not shipped (2: GEOS computes it at build time), or the kept vertices of a ring that
# crosses itself, which GEOS repairs as a zero-width buffer does (3).
_KEPT, _UNUSABLE, _COMPUTED, _REPAIRED = 0, 1, 2, 3


def simplified_table_key(offsets: np.ndarray) -> str:
    """What the shipped table depends on: the GSHHG polygons (their sizes in the WKB), the GEOS
    that simplifies and judges validity, the tolerances and the slicing. A table with another
    key is not used: the build then computes every simplification itself."""
    import hashlib

    import shapely

    parts = [installed_version("roaring-landmask"), shapely.geos_version_string,
             repr(sorted(_SIMPLIFY_TOLERANCE.items())), str(_SLICE_BYTES),
             hashlib.sha256(np.ascontiguousarray(offsets, dtype="<i8").tobytes()).hexdigest()]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


class _KnownSimplification:
    """The simplifications of one build step for one slice, as the shipped table gives them.

    Douglas-Peucker keeps a subset of a ring's own vertices, in order: for each polygon the
    table holds whether GEOS's result is unusable (empty or invalid), or which vertices it keeps
    (as gaps between their positions), or nothing (a result that is not such a subset: a
    repaired ring, a hole; GEOS computes those few at build time). The rebuilt polygons have
    GEOS's coordinates exactly, so every layer, and so the cache, is byte-identical to one that
    GEOS simplified whole; the table only saves the time. Where Douglas-Peucker's ring crosses
    itself, GEOS repairs the polygon with a zero-width buffer: the table then holds the ring's
    vertices and the same repair is made here (the script checks that it gives GEOS's bytes)."""

    def __init__(self, status: np.ndarray, counts: np.ndarray, gaps: np.ndarray) -> None:
        self.status, self.counts, self.gaps = status, counts, gaps

    def take(self, parts: np.ndarray, tol_deg: float) -> tuple[np.ndarray, np.ndarray]:
        import shapely

        if len(parts) != len(self.status):
            raise ValueError(f"the table has {len(self.status)} polygons for a slice of {len(parts)}")
        simple = parts.copy()
        bad = self.status == _UNUSABLE
        computed = np.flatnonzero(self.status == _COMPUTED)
        if len(computed):
            simple[computed], bad[computed] = _simplify_each(parts[computed], tol_deg)
        kept = np.flatnonzero((self.status == _KEPT) | (self.status == _REPAIRED))
        if len(kept):
            coords = shapely.get_coordinates(parts[kept])
            sizes = shapely.get_num_coordinates(parts[kept])
            starts = np.cumsum(sizes) - sizes
            ends = np.cumsum(self.counts)
            running = np.cumsum(self.gaps)
            before = np.repeat(np.append(0, running[ends[:-1] - 1]) if len(ends) else ends, self.counts)
            position = running - before - 1  # each kept vertex's place in its ring
            ring = np.repeat(np.arange(len(kept)), self.counts)
            if (len(running) != int(ends[-1]) or np.any(self.counts < 3)
                    or np.any(position >= (sizes - 1)[ring]) or np.any(position < 0)):
                raise ValueError("the table's vertices do not fit the slice's polygons")
            rings = shapely.linearrings(coords[starts[ring] + position], indices=ring)
            polygons = shapely.polygons(rings)
            repaired = self.status[kept] == _REPAIRED
            if repaired.any():
                polygons[repaired] = shapely.buffer(polygons[repaired], 0.0)
            simple[kept] = polygons
        return simple, bad


class _SimplificationTable:
    """The shipped table (:data:`SIMPLIFIED_FILE`), read whole (under a megabyte)."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.arrays = arrays

    @classmethod
    def load(cls, offsets: np.ndarray) -> _SimplificationTable | None:
        """The table, when it is shipped and made for these polygons and this GEOS; else None."""
        from geo.fileio import data_file

        path = data_file(SIMPLIFIED_FILE)
        try:
            with np.load(path) as npz:
                arrays = {k: npz[k] for k in npz.files}
        except (OSError, ValueError, KeyError, EOFError):
            return None
        if str(arrays.get("key", np.array("")).item()) != simplified_table_key(offsets):
            return None
        return cls(arrays)

    def for_slice(self, number: int) -> Callable[[str], _KnownSimplification]:
        """What the table knows of each step (by name) for slice ``number``."""
        return functools.partial(self.step, number=number)

    def step(self, name: str, number: int) -> _KnownSimplification:
        """What the table knows of step ``name`` for slice ``number``."""
        at = self.arrays[f"{name}_at"]
        (i0, c0, g0), (i1, c1, g1) = at[number], at[number + 1]
        return _KnownSimplification(self.arrays[f"{name}_status"][i0:i1], self.arrays[f"{name}_counts"][c0:c1],
                                    self.arrays[f"{name}_gaps"][g0:g1].astype(np.int64))


#: About this many bytes of GSHHG WKB are parsed into geometries at a time (a slice).
_SLICE_BYTES = 8_000_000
_LAYERS = ("full", "s1", "s2", "s3")  # in the order geoms.bin holds them, the GSHHG polygons after them


def _slices(offsets: np.ndarray) -> list[tuple[int, int]]:
    """Consecutive polygon ranges of about :data:`_SLICE_BYTES` of WKB each (a bigger polygon,
    such as Eurasia's shore, makes a slice of its own)."""
    out = []
    start = 0
    count = len(offsets) - 1
    while start < count:
        stop = int(np.searchsorted(offsets, offsets[start] + _SLICE_BYTES, side="right")) - 1
        stop = min(max(stop, start + 1), count)
        out.append((start, stop))
        start = stop
    return out


def _grown_obstacles(parts: np.ndarray, known: _KnownSimplification | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The routing obstacles of ``parts`` (GSHHG polygons), and for each the index of the
    polygon in ``parts`` it comes from (in order: polygon, then part). ``known``: the shipped
    simplifications of the obstacle step for exactly these polygons, if any."""
    import shapely

    simple, bad = _simplify_each(parts, OBSTACLE_TOL_DEG, known)
    simple[bad] = parts[bad]  # a collapsed islet stays whole: an obstacle must hold all land
    base, owner = shapely.get_parts(simple, return_index=True)
    polygon = shapely.get_type_id(base) == 3
    base, owner = base[polygon], owner[polygon]
    # Growing by the simplification tolerance makes the obstacle contain the real land: every
    # point of the real shore lies within the tolerance of the simplified shore.
    grown, within = shapely.get_parts(shapely.buffer(base, OBSTACLE_TOL_DEG, quad_segs=1, join_style="mitre",
                                                     mitre_limit=2.0), return_index=True)
    polygon = shapely.get_type_id(grown) == 3
    return grown[polygon], owner[within[polygon]]


def _slice_layers(parts: np.ndarray, known: Callable[[str], _KnownSimplification | None] = lambda _step: None,
                  *, obstacles: bool = True) -> dict[str, Any]:
    """Every layer of one slice of polygons: each is computed polygon by polygon, so a slice
    gives the slice of what the whole would (the full layer's order is settled later).
    ``known(step)`` gives the shipped simplifications of a step for this slice, if any;
    ``obstacles`` False leaves the obstacles out (the build makes them on first use)."""
    full, cells, groups = _clip_to_cells(parts)
    layers: dict[str, Any] = {"full": full, "full_cells": cells, "full_groups": groups}
    if obstacles:
        layers["obstacle"] = _grown_obstacles(parts, known("obstacle"))[0]
    previous = parts
    for name in ("s1", "s2", "s3"):
        previous = layers[name] = _simplified(previous, LAYER_TOLERANCE_DEG[name], keep_islets=False,
                                              known=known(name))
    return layers


def _joined(parts: list[np.ndarray], empty: np.ndarray) -> np.ndarray:
    """``parts`` end to end (``empty`` when there are none)."""
    return np.concatenate(parts) if parts else empty


class _Cut:
    """Slices of GSHHG cut into the layers by one process: each layer's WKB appended to a file of
    its own (``{layer}{suffix}.part`` in a folder), and what the index needs of them (each
    layer's sizes and bounds; the full layer's cells, groups and areas; the polygons' bounds)."""

    def __init__(self, folder: Path, suffix: str = "") -> None:
        self.paths = {name: folder / f"{name}{suffix}.part" for name in _LAYERS}
        #: where a child process leaves this record for its parent (pickled)
        self.note = folder / f"cut{suffix}.pickle"
        self.sizes: dict[str, list[np.ndarray]] = {name: [] for name in _LAYERS}
        self.bounds: dict[str, list[np.ndarray]] = {name: [] for name in _LAYERS}
        self.cells: list[np.ndarray] = []
        self.groups: list[np.ndarray] = []
        self.areas: list[np.ndarray] = []
        self.source_bounds: list[np.ndarray] = []

    def joined(self, name: str) -> np.ndarray:
        """Each geometry's WKB size in layer ``name``, slice after slice."""
        return _joined(self.sizes[name], np.empty(0, dtype=np.int64))

    def remove(self) -> None:
        for path in (*self.paths.values(), self.note):
            path.unlink(missing_ok=True)


def _cut_slices(cut: _Cut, wkb: bytes, offsets: np.ndarray, slices: list[tuple[int, int]], numbers: range,
                table: _SimplificationTable | None, progress: Callable[[str], None] | None = None) -> None:
    """Cut slices ``numbers`` (consecutive) into every layer, appending to ``cut``'s files.

    A slice's full-layer pieces are written in (cell, group, order made) order: the whole
    layer's order, (cell, group, slice, order made), which a build of all at once makes, is then
    a stable sort of the slices' pieces by (cell, group), and putting it together reads each
    file forwards in runs. ``progress`` hears the cutting stages, by thirds of these slices'
    bytes of WKB (a fair measure of the work)."""
    import shapely

    if not len(numbers):
        return
    first = int(offsets[slices[numbers[0]][0]])
    total, told = max(1, int(offsets[slices[numbers[-1]][1]]) - first), 0
    files = {name: open(path, "ab") for name, path in cut.paths.items()}  # noqa: SIM115 - closed below
    try:
        for number in numbers:
            start, stop = slices[number]
            third = 1 + min(2, 3 * (int(offsets[start]) - first) // total)
            if progress is not None and third > told:
                progress(BUILD_STAGES[third])
                told = third
            parts = shapely.from_wkb([wkb[offsets[i]:offsets[i + 1]] for i in range(start, stop)])
            cut.source_bounds.append(shapely.bounds(parts).reshape(-1, 4))
            layers = None
            if table is not None:
                try:
                    layers = _slice_layers(parts, table.for_slice(number), obstacles=False)
                except (ValueError, IndexError, KeyError):  # a table that does not fit: GEOS does it all
                    table = None
            if layers is None:
                layers = _slice_layers(parts, obstacles=False)
            del parts
            within = np.lexsort((layers["full_groups"], layers["full_cells"]))  # (stable: then the order made)
            layers["full"] = layers["full"][within]
            cut.cells.append(layers["full_cells"][within])
            cut.groups.append(layers["full_groups"][within])
            cut.areas.append(shapely.area(layers["full"]))
            for name in _LAYERS:
                geoms = layers[name]
                blobs = shapely.to_wkb(geoms).tolist()
                cut.sizes[name].append(np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs)))
                cut.bounds[name].append(shapely.bounds(geoms).reshape(-1, 4))
                files[name].write(b"".join(blobs))
            del layers
    finally:
        for handle in files.values():
            handle.close()


def _copy_in_order(out: Any, cuts: list[_Cut], order: np.ndarray) -> None:
    """Write the full layer's pieces of ``cuts`` (numbered end to end, cut after cut) in ``order``,
    reading each run of pieces that lie one after another in one file at once."""
    sizes = [cut.joined("full") for cut in cuts]
    which = np.concatenate([np.full(len(s), k) for k, s in enumerate(sizes)])[order]
    begin = np.concatenate([np.cumsum(s) - s for s in sizes])[order]
    length = np.concatenate(sizes)[order]
    if not len(order):
        return
    run = np.flatnonzero(np.r_[True, (which[1:] != which[:-1]) | (begin[1:] != begin[:-1] + length[:-1])])
    last = np.r_[run[1:], len(order)] - 1
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(open(cut.paths["full"], "rb")) for cut in cuts]
        for k, start, end in zip(which[run].tolist(), begin[run].tolist(), (begin[last] + length[last]).tolist(),
                                 strict=True):
            files[k].seek(start)
            out.write(files[k].read(end - start))


def _put_together(target: Path, cuts: list[_Cut], wkb: bytes, offsets: np.ndarray) -> dict[str, np.ndarray]:
    """Write ``target``/geoms.bin from the layer files of ``cuts`` (whose slices follow one
    another in this order) and the GSHHG WKB; return the index arrays."""
    import shutil

    joined = _joined
    arrays: dict[str, np.ndarray] = {}
    cells = joined([c for cut in cuts for c in cut.cells], np.empty(0, dtype=np.int64))
    order = np.lexsort((joined([g for cut in cuts for g in cut.groups], np.empty(0, dtype=np.int8)), cells))
    with open(target / "geoms.bin", "wb") as out:
        position = 0
        for name in _LAYERS:
            sizes = joined([cut.joined(name) for cut in cuts], np.empty(0, dtype=np.int64))
            layer_bounds = joined([b for cut in cuts for b in cut.bounds[name]], np.empty((0, 4)))
            if name == "full":
                _copy_in_order(out, cuts, order)
                sizes, layer_bounds = sizes[order], layer_bounds[order]
            else:
                for cut in cuts:
                    with open(cut.paths[name], "rb") as part:
                        shutil.copyfileobj(part, out, 1 << 24)
            arrays[f"{name}_off"] = position + np.concatenate([[0], np.cumsum(sizes)])
            arrays[f"{name}_bounds"] = layer_bounds
            position = int(arrays[f"{name}_off"][-1])
        # The GSHHG polygons as they come, for the obstacles made on first use; their offsets as
        # read (the shipped simplification table is keyed by them).
        out.write(memoryview(wkb)[int(offsets[0]):int(offsets[-1])])
        arrays["source_off"] = position + (offsets - offsets[0])
        arrays["source_offsets"] = offsets
        arrays["source_bounds"] = joined([b for cut in cuts for b in cut.source_bounds], np.empty((0, 4)))
    cells = cells[order]
    areas = joined([a for cut in cuts for a in cut.areas], np.empty(0))[order]
    # Cell index of the full layer (CSR: pieces of cell c are start[c]:start[c+1]) and which
    # cells are land through and through.
    arrays["cell_start"] = np.searchsorted(cells, np.arange(_NX * _NY + 1)).astype(np.int64)
    box_area = 1.0
    counts = np.diff(arrays["cell_start"])
    full_cell = np.zeros(_NX * _NY, dtype=bool)
    single = np.flatnonzero(counts == 1)
    first = arrays["cell_start"][single]
    full_cell[single] = np.abs(areas[first] - box_area) < 1e-9
    arrays["cell_full"] = full_cell
    return arrays


def _grow_eager_obstacles(folder: Path, wkb: bytes, offsets: np.ndarray, table: _SimplificationTable | None) -> None:
    """Make the obstacles of the largest polygons (:data:`_EAGER_OBSTACLE_BYTES`) and keep them
    in ``folder``'s :data:`OBSTACLE_FILE`, one polygon at a time (a continent's take 100 MB to
    make): the rows a first route's box would have made."""
    import shapely

    steps = _ObstacleSteps.of(table, offsets)
    for polygon in np.flatnonzero(np.diff(offsets) >= _EAGER_OBSTACLE_BYTES).tolist():
        parts = shapely.from_wkb([wkb[offsets[polygon]:offsets[polygon + 1]]])
        _keep_obstacles(folder, _made_obstacles(parts, np.array([polygon]), steps))


#: The build's work, per MB of GSHHG WKB, in seconds of one core (measured; only their ratios
#: matter): cutting and simplifying a slice, and growing a polygon's routing obstacles. And what
#: putting the cache together takes after the last slice.
_CUT_SECONDS_PER_MB, _GROW_SECONDS_PER_MB, _PUT_TOGETHER_SECONDS = 0.027, 0.07, 0.6


def _child_share(offsets: np.ndarray, slices: list[tuple[int, int]]) -> range:
    """The slices a child process cuts (the last ones) beside this process when the build is split
    in two: the child also grows the largest polygons' obstacles, this process puts the cache
    together after its slices; the share makes both finish at about the same time."""
    slice_mb = np.array([offsets[stop] - offsets[start] for start, stop in slices], dtype=float) / 1e6
    sizes = np.diff(offsets)
    grow = _GROW_SECONDS_PER_MB * float(sizes[sizes >= _EAGER_OBSTACLE_BYTES].sum()) / 1e6
    cut = _CUT_SECONDS_PER_MB * slice_mb
    tail = np.concatenate([[0.0], np.cumsum(cut[::-1])[:-1]])  # the child's cutting, with 0, 1, ... last slices
    longer = np.maximum(grow + tail, cut.sum() - tail + _PUT_TOGETHER_SECONDS)
    count = int(np.argmin(longer))
    return range(len(slices) - count, len(slices))


def _start_child(cut: _Cut, wkb: bytes, offsets: np.ndarray, slices: list[tuple[int, int]], numbers: range,
                 table: _SimplificationTable | None, target: Path) -> ForkedChild | None:
    """Fork a child process that cuts slices ``numbers`` into ``cut``'s files, leaves its record
    in ``cut.note`` and says so (one byte, then end of file) through its pipe, and then grows
    the largest polygons' obstacles into ``target``; None if no process could be forked."""
    from geo.fileio import fork_child

    def work(pipe: BinaryIO) -> None:
        import pickle

        # (The record goes by file: in the pipe, its megabytes would hold the child up until
        # the parent, busy cutting, read them.)
        _cut_slices(cut, wkb, offsets, slices, numbers, table)
        with open(cut.note, "wb") as note:
            pickle.dump(cut, note, protocol=pickle.HIGHEST_PROTOCOL)
        pipe.write(b"1")
        pipe.close()  # (the parent puts the cache together while this one grows obstacles)
        _grow_eager_obstacles(target, wkb, offsets, table)

    cut.remove()
    return fork_child(work)


def _child_cut(child: ForkedChild, note: Path) -> _Cut | None:
    """The record of a child's slices once it says they are cut; None if it failed first."""
    import pickle

    if child.read() != b"1":  # (until the child closes the pipe: done with its slices, or ended)
        return None
    try:
        with open(note, "rb") as handle:
            cut = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
        return None
    return cut if isinstance(cut, _Cut) else None


def _build(target: Path, progress: Callable[[str], None] = lambda _stage: None, *, split: bool | None = None,
           source: tuple[bytes, np.ndarray] | None = None, child_folder: Path | None = None) -> None:
    """Extract GSHHG into ``target`` (a new directory); takes about 9 s of CPU time, about 6 s
    on an idle two-core machine.

    The polygons are read a slice at a time; each layer's WKB goes to a file of its own as it
    is made, and geoms.bin is put together at the end (the full layer in cell order), so the
    build holds the GSHHG WKB and one slice, not the world in every layer. Where fork exists and
    there is a second core (``split`` None; True or False forces the choice), a child process
    cuts the last slices (:func:`_child_share`) into files of its own (in ``child_folder``,
    ``target`` by default) and then grows the largest polygons' obstacles, while this process
    cuts the others and puts the cache together: the same bytes as one process makes. Should
    the child fail, this process does its part too. ``source``: the GSHHG WKB and polygon
    offsets, if already read. ``progress`` is called with a few words as each stage starts
    (:data:`BUILD_STAGES`)."""
    started = time.perf_counter()
    progress(BUILD_STAGES[0])
    wkb, offsets = source if source is not None else _load_gshhg_wkb()
    slices = _slices(offsets)
    table = _SimplificationTable.load(offsets)
    if split is None:
        # (Only from a single thread: a lock another thread holds at the fork stays locked in
        # the child.)
        split = hasattr(os, "fork") and (os.cpu_count() or 1) >= 2 and threading.active_count() == 1
    theirs = _child_share(offsets, slices) if split else range(len(slices), len(slices))
    own, other = _Cut(target), _Cut(child_folder or target, ".child")
    cuts = [own]
    child = _start_child(other, wkb, offsets, slices, theirs, table, target) if split else None
    if child is None:  # (not split, or no process to be had: this one does it all)
        theirs = range(len(slices), len(slices))
    try:
        _cut_slices(own, wkb, offsets, slices, range(theirs.start), table, progress)
        if child is not None:
            made = _child_cut(child, other.note)
            if made is None:
                from geo.fileio import cache_note

                cache_note("the coastline build's second process failed; this one cuts the rest of the shore")
            else:
                cuts.append(made)
        if len(cuts) == 1:
            _cut_slices(own, wkb, offsets, slices, theirs, table)
        progress(BUILD_STAGES[4])
        arrays = _put_together(target, cuts, wkb, offsets)
        arrays["build_seconds"] = np.array([time.perf_counter() - started])
        # (cast: mypy would match the arrays against savez's bool allow_pickle keyword)
        np.savez(target / "index.npz", **cast(dict[str, Any], arrays))
        # The two largest polygons' obstacles (two fifths of the work of growing them all) are
        # made now, so that a first route does not wait a second for them; the others' on first
        # use. A child that has cut its slices grows them while this process puts the cache together.
        progress(BUILD_STAGES[5])
        if child is None or not child.wait():
            _grow_eager_obstacles(target, wkb, offsets, table)
    finally:
        if child is not None:  # (killed unless waited for: this process failed or was stopped)
            child.stop()
        own.remove()
        other.remove()
    processes = "two processes" if len(cuts) == 2 else "one process"
    (target / "SOURCE.txt").write_text(
        coastline_source() + f"\nschema {SCHEMA_VERSION}; built in {time.perf_counter() - started:.1f} s "
        f"by {processes}\n", encoding="utf-8",
    )


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def cache_is_built() -> bool:
    """Whether the coastline cache for the installed package versions is ready."""
    return (cache_dir() / _cache_name() / "index.npz").exists()


def _remove_stale_caches(current: Path, keep: int = 2) -> None:
    """Remove all but the ``keep`` newest coastline caches (this one included) of earlier
    schemas or package versions: each is a few hundred MB, and a version bump leaves the last."""
    import shutil

    from geo.fileio import stale_caches

    for stale in stale_caches(current, "coastline-gshhg-s*", keep, folders=True):
        shutil.rmtree(stale, ignore_errors=True)
        with contextlib.suppress(OSError):
            (stale.parent / (stale.name + ".lock")).unlink()


def ensure_cache(progress: Callable[[str], None] | None = None) -> Path:
    """Return the coastline cache directory, building it first if it is missing (~30 s, once).

    ``progress``, when given, is called with a few words as each build stage starts."""
    root = cache_dir()
    final = root / _cache_name()
    if (final / "index.npz").exists():
        return final
    try:
        with _locked(root / (_cache_name() + ".lock")):
            if (final / "index.npz").exists():  # another process built it while we waited
                return final
            import shutil

            for stale in root.glob(f".building-{_cache_name()}-*"):  # of a killed build (we hold the lock)
                shutil.rmtree(stale, ignore_errors=True)
            tmp = Path(tempfile.mkdtemp(prefix=f".building-{_cache_name()}-", dir=root))
            tmp.chmod(0o755)  # (mkdtemp's 0700 would keep a cache built ahead as root from other users)
            try:
                _build(tmp, progress or (lambda _stage: None))
                os.replace(tmp, final)
                _remove_stale_caches(final)
            except BaseException:
                for child in tmp.glob("*"):
                    child.unlink()
                tmp.rmdir()
                raise
    except OSError as exc:
        raise DataMissing(
            f"cannot build the coastline cache in {str(root)!r}: {exc}; "
            "set SHIPROUTE_CACHE_DIR to a writable directory"
        ) from exc
    return final


# --------------------------------------------------------------------------------------------
# Reading the cache
# --------------------------------------------------------------------------------------------


class _LazyArrays:
    """The arrays of an .npz file, each read on first use: a route needs a third of them
    (reading all 18 MB is ~30 ms of a cold start)."""

    def __init__(self, path: Path) -> None:
        self._npz = np.load(path)
        self._loaded: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def __getitem__(self, key: str) -> np.ndarray:
        found = self._loaded.get(key)
        if found is None:
            with self._lock:
                found = self._loaded.get(key)
                if found is None:
                    found = self._loaded[key] = self._npz[key]
        return found


#: The obstacles made so far (see the module doc), in the cache folder: one row per GSHHG polygon,
#: its obstacles as one WKB GeometryCollection.
OBSTACLE_FILE = "obstacles.sqlite"
#: GSHHG polygons of at least this many bytes of WKB (Eurasia's and the Americas' shores, two
#: fifths of the work of growing them all; the next, South America's, takes a tenth of a second)
#: get their obstacles at build time.
_EAGER_OBSTACLE_BYTES = 10_000_000
#: How far (degrees) a polygon's obstacles may reach beyond its bounds: the growth, whose mitred
#: corners reach at most twice as far (``mitre_limit=2``), and a margin.
_OBSTACLE_REACH_DEG = 3 * OBSTACLE_TOL_DEG


class _ObstacleSteps:
    """The shipped simplifications of the obstacle step (:data:`SIMPLIFIED_FILE`), for any set of
    GSHHG polygons: that step's inputs are the polygons themselves, in order, so the table's
    slices laid end to end are indexed by polygon."""

    def __init__(self, table: _SimplificationTable, offsets: np.ndarray) -> None:
        arrays = table.arrays
        starts = [start for start, _stop in _slices(offsets)] + [len(offsets) - 1]
        if [int(i) for i in arrays["obstacle_at"][:, 0]] != starts:
            raise ValueError("the table's obstacle step is not laid out by polygon")
        self.status = arrays["obstacle_status"]
        self.counts = arrays["obstacle_counts"]
        self.gaps = arrays["obstacle_gaps"]
        kept = (self.status == _KEPT) | (self.status == _REPAIRED)
        self.kept = kept
        self.count_index = np.cumsum(kept) - kept  # polygon -> its row of counts, if kept
        self.gap_start = np.concatenate([[0], np.cumsum(self.counts, dtype=np.int64)])

    @classmethod
    def of(cls, table: _SimplificationTable | None, offsets: np.ndarray) -> _ObstacleSteps | None:
        """The obstacle step of ``table`` for the polygons at ``offsets``; None without a table or
        when it does not fit (GEOS then does the work)."""
        if table is not None:
            with contextlib.suppress(ValueError, KeyError, IndexError):
                return cls(table, offsets)
        return None

    def known(self, ids: np.ndarray) -> _KnownSimplification:
        """What the table knows of the obstacle step for polygons ``ids`` (in that order)."""
        rows = self.count_index[ids[self.kept[ids]]]
        lengths = self.counts[rows].astype(np.int64)
        # Each kept polygon's run of gaps, end to end (a CSR gather).
        first = np.repeat(self.gap_start[rows] - (np.cumsum(lengths) - lengths), lengths)
        gaps = self.gaps[first + np.arange(int(lengths.sum()))].astype(np.int64)
        return _KnownSimplification(self.status[ids], self.counts[rows], gaps)


def _packed_obstacles(made: dict[int, tuple[np.ndarray, np.ndarray]]) -> list[tuple[int, bytes]]:
    """Rows of :data:`OBSTACLE_FILE`: each polygon's obstacles as their count, their WKB lengths
    (little-endian uint32) and their WKBs, end to end."""
    import shapely

    if not made:
        return []
    blobs = shapely.to_wkb(np.concatenate([grown for grown, _bounds in made.values()]))
    rows, at = [], 0
    for source, (grown, _bounds) in made.items():
        mine = blobs[at:at + len(grown)].tolist()
        at += len(grown)
        head = np.array([len(mine), *map(len, mine)], dtype="<u4").tobytes()
        rows.append((source, head + b"".join(mine)))
    return rows


def _unpacked_obstacles(rows: list[tuple[int, bytes]]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """What :func:`_packed_obstacles` packed (a damaged row is left out: it is made again)."""
    import shapely

    blobs: list[bytes] = []
    owners: list[tuple[int, int, int]] = []
    for source, packed in rows:
        try:
            count = int(np.frombuffer(packed, dtype="<u4", count=1)[0])
            lengths = np.frombuffer(packed, dtype="<u4", count=count, offset=4).astype(np.int64)
        except (ValueError, TypeError):
            continue
        ends = 4 + 4 * count + np.cumsum(lengths)
        if count and int(ends[-1]) != len(packed) or not count and len(packed) != 4:
            continue
        owners.append((int(source), len(blobs), len(blobs) + count))
        blobs += [packed[e - n:e] for e, n in zip(ends.tolist(), lengths.tolist(), strict=True)]
    try:
        parts = shapely.from_wkb(blobs) if blobs else np.empty(0, dtype=object)
    except shapely.errors.GEOSException:
        return {}
    bounds = shapely.bounds(parts).reshape(-1, 4)
    return {source: (parts[a:b], bounds[a:b]) for source, a, b in owners}


def _made_obstacles(parts: np.ndarray, ids: np.ndarray, steps: _ObstacleSteps | None
                    ) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """The routing obstacles of GSHHG polygons ``ids`` (``parts``: the polygons) and their
    bounds, by polygon; ``steps``: the shipped simplifications, if they fit."""
    import shapely

    known = steps.known(ids) if steps is not None else None
    try:
        grown, owner = _grown_obstacles(parts, known)
    except (ValueError, IndexError):  # a table that does not fit these polygons: GEOS does it all
        grown, owner = _grown_obstacles(parts)
    bounds = shapely.bounds(grown).reshape(-1, 4)
    cut = np.searchsorted(owner, np.arange(len(ids) + 1))
    return {int(i): (grown[cut[k]:cut[k + 1]], bounds[cut[k]:cut[k + 1]]) for k, i in enumerate(ids.tolist())}


def _connect_obstacles(folder: Path) -> Any:
    import sqlite3

    con = sqlite3.connect(str(folder / OBSTACLE_FILE), timeout=30.0, isolation_level=None)
    con.execute("CREATE TABLE IF NOT EXISTS obstacle(source INTEGER PRIMARY KEY, parts BLOB NOT NULL)")
    return con


def _keep_obstacles(folder: Path, made: dict[int, tuple[np.ndarray, np.ndarray]]) -> None:
    """Add obstacles to ``folder``'s :data:`OBSTACLE_FILE` (one transaction)."""
    import sqlite3

    try:
        con = _connect_obstacles(folder)
        try:
            with con:
                con.execute("BEGIN IMMEDIATE")
                con.executemany("INSERT OR REPLACE INTO obstacle VALUES (?, ?)", _packed_obstacles(made))
        finally:
            con.close()
    except (sqlite3.Error, OSError):
        return  # a read-only cache: made again next time


class _Store:
    """The opened cache: index arrays in memory, geometries memory-mapped and parsed lazily."""

    def __init__(self, path: Path) -> None:
        self.folder = path
        self.arrays = _LazyArrays(path / "index.npz")
        self.blob = np.memmap(path / "geoms.bin", dtype=np.uint8, mode="r")
        self._parsed: dict[tuple[str, int], Any] = {}
        self._cells: dict[int, Any] = {}
        self._grown: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._steps: _ObstacleSteps | None | bool = False  # False: not looked for yet
        self._lock = threading.Lock()

    def sources(self, ids: np.ndarray) -> np.ndarray:
        """The GSHHG polygons ``ids``, as they come."""
        import shapely

        off = self.arrays["source_off"]
        return shapely.from_wkb([bytes(self.blob[off[i]:off[i + 1]]) for i in ids.tolist()])

    def obstacles(self, ids: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each GSHHG polygon of ``ids``: its routing obstacles and their bounds, from
        :data:`OBSTACLE_FILE`, else made now and kept there (when the folder is writable)."""
        with self._lock:
            missing = np.array([i for i in ids.tolist() if i not in self._grown], dtype=np.int64)
            if len(missing):
                stored = self._read_obstacles(missing)
                self._grown.update(stored)
                made = missing[[i not in stored for i in missing.tolist()]]
                if len(made):
                    fresh = self._make_obstacles(made)
                    self._grown.update(fresh)
                    _keep_obstacles(self.folder, fresh)
            return [self._grown[i] for i in ids.tolist()]

    def _make_obstacles(self, ids: np.ndarray) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        if self._steps is False:
            offsets = self.arrays["source_offsets"]
            self._steps = _ObstacleSteps.of(_SimplificationTable.load(offsets), offsets)
        return _made_obstacles(self.sources(ids), ids, self._steps if isinstance(self._steps, _ObstacleSteps) else None)

    def _read_obstacles(self, ids: np.ndarray) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        import sqlite3

        if not (self.folder / OBSTACLE_FILE).exists():
            return {}
        found: list[tuple[int, bytes]] = []
        try:
            con = _connect_obstacles(self.folder)
            try:
                for start in range(0, len(ids), 500):
                    chunk = ids[start:start + 500].tolist()
                    marks = ",".join("?" * len(chunk))
                    query = f"SELECT source, parts FROM obstacle WHERE source IN ({marks})"
                    found += con.execute(query, chunk).fetchall()
            finally:
                con.close()
        except sqlite3.OperationalError:
            return {}  # locked or unreadable for now: the obstacles are made again
        except sqlite3.DatabaseError:
            # Not a database any more (a crash mid-write, a disk fault): remove it, so that the
            # obstacles made from now on are kept again instead of made by every process.
            from geo.fileio import cache_note

            cache_note(f"the coastline obstacles {str(self.folder / OBSTACLE_FILE)!r} were damaged; made again")
            with contextlib.suppress(OSError):
                (self.folder / OBSTACLE_FILE).unlink()
            return {}
        return _unpacked_obstacles(found)

    def bounds(self, layer: str) -> np.ndarray:
        return self.arrays[f"{layer}_bounds"]

    def geoms(self, layer: str, ids: np.ndarray) -> np.ndarray:
        """Shapely geometries of ``layer`` with the given ids (parsed once, then kept)."""
        import shapely

        off = self.arrays[f"{layer}_off"]
        out = np.empty(len(ids), dtype=object)
        missing = []
        for k, i in enumerate(ids):
            g = self._parsed.get((layer, int(i)))
            if g is None:
                missing.append(k)
            else:
                out[k] = g
        if missing:
            blobs = [bytes(self.blob[off[ids[k]] : off[ids[k] + 1]]) for k in missing]
            try:
                parsed = shapely.from_wkb(blobs)
            except shapely.errors.GEOSException:
                # Damaged bytes inside geoms.bin (its length was right): drop the cache so that
                # the next run rebuilds it, and say so instead of failing with a GEOS error.
                _discard(self.folder)
                _store.cache_clear()
                raise DataMissing(f"the coastline cache {str(self.folder)!r} was damaged and has been removed; "
                                  "run the command again to rebuild it (about 30 s)") from None
            for k, g in zip(missing, parsed, strict=True):
                out[k] = g
                self._parsed[(layer, int(ids[k]))] = g
        return out

    def query(self, layer: str, west: float, south: float, east: float, north: float) -> np.ndarray:
        """Ids of ``layer`` geometries whose bounds meet the box (lon within [-180, 180])."""
        if layer == "full":
            start = self.arrays["cell_start"]
            x0 = int(np.clip(np.floor(west + 180), 0, _NX - 1))
            x1 = int(np.clip(np.ceil(east + 180) - 1, x0, _NX - 1))
            y0 = int(np.clip(np.floor(south + 90), 0, _NY - 1))
            y1 = int(np.clip(np.ceil(north + 90) - 1, y0, _NY - 1))
            ranges = [np.arange(start[y * _NX + x0], start[y * _NX + x1 + 1]) for y in range(y0, y1 + 1)]
            ids = np.concatenate(ranges) if ranges else np.empty(0, dtype=np.int64)
            return ids[_meets(self.bounds(layer)[ids], (west, south, east, north))]
        return np.flatnonzero(_meets(self.bounds(layer), (west, south, east, north)))

    def cell_geometry(self, cell: int) -> Any:
        """All full-resolution land of one 1° cell as one prepared MultiPolygon (or None)."""
        import shapely

        with self._lock:
            if cell in self._cells:
                return self._cells[cell]
            start = self.arrays["cell_start"]
            ids = np.arange(start[cell], start[cell + 1])
            geom = None
            if len(ids):
                geom = shapely.multipolygons(self.geoms("full", ids))
                shapely.prepare(geom)
            self._cells[cell] = geom
            return geom


def _discard(folder: Path) -> None:
    """Move a damaged cache folder out of the way (then remove it) so the next open rebuilds it."""
    aside = folder.with_name(f".damaged-{os.getpid()}-{folder.name}")
    with contextlib.suppress(OSError):
        os.replace(folder, aside)
        for child in aside.glob("*"):
            child.unlink()
        aside.rmdir()


def _open_checked(folder: Path) -> _Store:
    """The store in ``folder`` after a cheap check: the index opens and ``geoms.bin`` has the
    length the index says (a truncated copy or a cut-off build shows here)."""
    store = _Store(folder)
    expected = int(store.arrays["source_off"][-1])
    if store.blob.size != expected:
        raise ValueError(f"geoms.bin holds {store.blob.size} bytes, the index expects {expected}")
    return store




@functools.lru_cache(maxsize=1)
def _store() -> _Store:
    import zipfile

    from geo.fileio import cache_note

    if not cache_is_built():
        # Reached without the CLI's progress bar (a shore measure in a check without the sea):
        # a wait of several seconds says why.
        cache_note("building the coastline cache for a shore measure (first run only, about 15 s)")
    folder = ensure_cache()
    try:
        return _open_checked(folder)
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        cache_note(f"the coastline cache {str(folder)!r} was damaged ({exc}); rebuilding it (about 30 s)")
        _discard(folder)
        return _open_checked(ensure_cache())


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def _check_bbox(bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(v) for v in bbox)
    except (TypeError, ValueError):
        raise BadInput(f"bbox must be (west, south, east, north) in degrees, got {bbox!r}") from None
    if not all(np.isfinite([west, south, east, north])):
        raise BadInput(f"bbox must be finite numbers, got {bbox!r}")
    if not (-90 <= south < north <= 90):
        raise BadInput(f"bbox needs -90 <= south < north <= 90, got {bbox!r}")
    if east <= west:  # crosses the antimeridian: continue east past 180
        east += 360.0
    if east - west > 360 or west < -540 or east > 540:
        raise BadInput(f"bbox spans more than the globe or lies outside [-540, 540]: {bbox!r}")
    return west, south, east, north


def _windows(west: float, east: float) -> list[tuple[float, float, float]]:
    """Split [west, east] (any longitudes) into pieces within [-180, 180] and their shift."""
    out = []
    k = np.floor((west + 180) / 360)
    while west < east:
        shift = k * 360.0
        lo, hi = west - shift, min(east - shift, 180.0)
        if hi > lo:
            out.append((lo, hi, shift))
        west = shift + 180.0
        k += 1
    return out


def land_polygons(bbox: tuple[float, float, float, float], *, tolerance_km: float = 0.0) -> shapely.MultiPolygon:
    """Land inside ``bbox``, clipped to it, as one MultiPolygon in lon/lat degrees.

    ``bbox`` is (west, south, east, north) in degrees. When ``east <= west``, or ``east > 180``,
    the box crosses the antimeridian and the land east of 180° is returned with longitudes
    beyond 180 (continuous, as a map centred on the Pacific wants them).

    ``tolerance_km`` > 0 returns coastlines simplified to about that many km (faster, smaller):
    a pre-simplified layer is used when one is fine enough, and islets smaller than the
    tolerance are dropped. At 0 the full-resolution GSHHG shore is returned (union of the
    1° pieces, so no seams); ask that only for small boxes (a few degrees).

    >>> land = land_polygons((129.5, 41.5, 133.5, 43.5), tolerance_km=0.5)
    >>> land.geom_type, land.is_valid
    ('MultiPolygon', True)
    """
    import shapely

    west, south, east, north = _check_bbox(bbox)
    if not (tolerance_km >= 0 and np.isfinite(tolerance_km)):
        raise BadInput(f"tolerance_km must be a finite number >= 0, got {tolerance_km!r}")
    layer = "full"
    for name, tol_deg in LAYER_TOLERANCE_DEG.items():
        if tol_deg * _KM_PER_DEG <= tolerance_km:
            layer = name
    store = _store()
    pieces = []
    for lo, hi, shift in _windows(west, east):
        ids = store.query(layer, lo, south, hi, north)
        if not len(ids):
            continue
        geoms = shapely.clip_by_rect(store.geoms(layer, ids), lo, south, hi, north)
        geoms = geoms[~shapely.is_empty(geoms)]
        if layer == "full" and len(geoms):
            # The 1° pieces share edges along the cell lines; merge them so maps show no seams.
            geoms = np.array([_merge_cells(geoms)])
        if shift:
            geoms = shapely.transform(geoms, lambda xy, s=shift: xy + np.array([s, 0.0]))
        pieces.append(geoms)
    flat = shapely.get_parts(np.concatenate(pieces)) if pieces else np.empty(0, dtype=object)
    flat = flat[shapely.get_type_id(flat) == 3] if len(flat) else flat
    tol_deg = tolerance_km / _KM_PER_DEG
    if len(flat) and tol_deg > LAYER_TOLERANCE_DEG[layer]:
        flat = shapely.simplify(flat, tol_deg, preserve_topology=True)
        flat = flat[(~shapely.is_empty(flat)) & (shapely.area(flat) > tol_deg * tol_deg)]
        flat = shapely.get_parts(flat)
        flat = flat[shapely.get_type_id(flat) == 3]
    if len(flat) and not shapely.is_valid(shapely.multipolygons(list(flat))):
        # Separately simplified neighbours may overlap, and the two sides of 180° touch: merge.
        flat = shapely.get_parts(shapely.union_all(flat))
        flat = flat[shapely.get_type_id(flat) == 3]
    # A stable order makes the output (and every map drawn from it) byte-identical run to run.
    if len(flat):
        b = shapely.bounds(flat)
        flat = flat[np.lexsort((b[:, 1], b[:, 0]))]
    return shapely.multipolygons(list(flat)) if len(flat) else shapely.MultiPolygon()  # open sea: no land


def land_piece_count(bbox: tuple[float, float, float, float]) -> int:
    """How many pieces of full-resolution land (GSHHG polygons cut at the 1° cells) meet
    ``bbox`` (longitudes may run past ±180), read from the cell index without parsing any: how
    crowded with islets a box is, before deciding how to mesh it (about the number of routing
    obstacles, at a twentieth of the cost of counting those)."""
    west, south, east, north = bbox
    store = _store()
    return sum(len(store.query("full", lo, south, hi, north)) for lo, hi, _ in _windows(west, east))


def _merge_cells(pieces: np.ndarray) -> Any:
    """The union of full-layer pieces clipped to one box. They tile the land without overlap (a
    coverage: GSHHG's polygons do not overlap, and the cache cuts them along cell lines that
    neighbours share to the bit), which GEOS merges by their shared edges, ten times faster than
    by overlay. ``tests/test_coastline.py`` checks that it gives the overlay's land."""
    import shapely

    return shapely.coverage_union_all(pieces)


def obstacle_polygons(bbox: tuple[float, float, float, float]) -> np.ndarray:
    """Routing obstacles meeting ``bbox`` (lon within [-180, 180]), NOT clipped: an array of
    Polygons that each contain the full-resolution land they stand for (see module doc), in
    the order of the GSHHG polygons they come from. The first box to meet a polygon makes its
    obstacles (Eurasia's take about a second), which the cache then keeps."""
    store = _store()
    reach = _OBSTACLE_REACH_DEG
    grown_reach = store.arrays["source_bounds"] + np.array([-reach, -reach, reach, reach])
    found = store.obstacles(np.flatnonzero(_meets(grown_reach, bbox)))
    if not found:
        return np.empty(0, dtype=object)
    grown = np.concatenate([g for g, _b in found])
    return grown[_meets(np.concatenate([b for _g, b in found]), bbox)]


def _meets(bounds: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """Which of the rows of ``bounds`` (west, south, east, north) meet ``box`` (the same order)."""
    west, south, east, north = box
    return (bounds[:, 0] <= east) & (bounds[:, 2] >= west) & (bounds[:, 1] <= north) & (bounds[:, 3] >= south)


def is_land(lon: Any, lat: Any) -> bool | np.ndarray:
    """Whether each (lon, lat) in degrees is on land (or exactly on the shore) per GSHHG full.

    Vectorized: scalars give a bool, arrays (broadcast together) a bool array. Longitudes are
    wrapped into [-180, 180); latitudes outside [-90, 90] raise :class:`BadInput`.

    >>> is_land(130.3, 42.2333), is_land(106.92, 47.92)
    (False, True)
    """
    import shapely

    scalar = np.ndim(lon) == 0 and np.ndim(lat) == 0
    x, y = np.broadcast_arrays(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    shape = x.shape
    x, y = x.ravel(), y.ravel()
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise BadInput("is_land needs finite longitudes and latitudes")
    if np.any(np.abs(y) > 90):
        raise BadInput(f"latitude outside [-90, 90]: {y[np.abs(y) > 90][0]!r}")
    x = (x + 180.0) % 360.0 - 180.0
    store = _store()
    cx = np.clip(np.floor(x + 180).astype(int), 0, _NX - 1)
    cy = np.clip(np.floor(y + 90).astype(int), 0, _NY - 1)
    cells = cy * _NX + cx
    out = store.arrays["cell_full"][cells].copy()
    start = store.arrays["cell_start"]
    has = (start[cells + 1] > start[cells]) & ~out
    if has.any():
        idx = np.flatnonzero(has)
        order = idx[np.argsort(cells[idx], kind="stable")]
        uniq, first = np.unique(cells[order], return_index=True)
        bounds = np.append(first, len(order))
        for k, cell in enumerate(uniq):
            sel = order[bounds[k] : bounds[k + 1]]
            out[sel] = shapely.intersects_xy(store.cell_geometry(int(cell)), x[sel], y[sel])
        # A point on a cell line belongs to both cells: test the neighbour below/left too.
        edge = has & ~out & ((x == np.floor(x)) | (y == np.floor(y)))
        for i in np.flatnonzero(edge):
            for dx, dy in ((-1, 0), (0, -1), (-1, -1)):
                c = int(np.clip(cy[i] + dy, 0, _NY - 1) * _NX + (cx[i] + dx) % _NX)
                geom = store.cell_geometry(c)
                if geom is not None and shapely.intersects_xy(geom, x[i], y[i]):
                    out[i] = True
                    break
    if scalar:
        return bool(out[0])
    return out.reshape(shape)


def segments_touch_land(coords: Any, *, step_km: float = 0.05) -> np.ndarray:
    """For a polyline of (lon, lat) pairs, which segments meet full-resolution land.

    Each segment (straight in lon/lat, longitudes may run past 180) is tested exactly against
    the land of every 1° cell it passes through; ``step_km`` is unused by the exact test and
    kept for callers that sample. Returns a bool array, one per segment.
    """
    import shapely

    xy = np.asarray(coords, dtype=float)
    if len(xy) < 2:
        return np.zeros(0, dtype=bool)
    out = np.zeros(len(xy) - 1, dtype=bool)
    store = _store()
    for i in range(len(xy) - 1):
        (x0, y0), (x1, y1) = xy[i], xy[i + 1]
        seg = shapely.linestrings([[x0, y0], [x1, y1]])
        lo, hi = min(x0, x1), max(x0, x1)
        for wlo, whi, shift in _windows(lo, hi + 1e-12):
            piece = shapely.clip_by_rect(shapely.transform(seg, lambda p, s=shift: p - np.array([s, 0.0])),
                                         wlo - 1e-9, -90, whi + 1e-9, 90)
            if shapely.is_empty(piece):
                continue
            pb = shapely.bounds(piece)
            for cx in range(int(np.floor(pb[0] + 180)), int(np.floor(pb[2] + 180)) + 1):
                for cy in range(int(np.floor(pb[1] + 90)), int(np.floor(pb[3] + 90)) + 1):
                    cell = (min(max(cy, 0), _NY - 1)) * _NX + cx % _NX
                    geom = store.cell_geometry(cell)
                    if geom is not None and shapely.intersects(geom, piece):
                        out[i] = True
                        break
                if out[i]:
                    break
            if out[i]:
                break
    return out


#: Segments whose box spans fewer than this many 1° cells each way are tested cell by cell
#: in :func:`path_touches_land` (a 100 km piece of a geodesic spans up to 3 at 60° N).
_PATH_CELL_SPAN = 4


def path_touches_land(coords: Any) -> bool:
    """Whether a polyline of (lon, lat) pairs meets full-resolution land anywhere: the answer
    of :func:`segments_touch_land`, found faster for long paths over open water.

    A segment whose box lies in 1° cells that hold no land at all (most of the open ocean)
    is clear without any geometry; the others are tested exactly, all the segments meeting
    one cell against that cell's land at once. Segments should be short (tens of km), as a
    densified geodesic's are; longer ones are handed to :func:`segments_touch_land`.
    """
    import shapely

    xy = np.asarray(coords, dtype=float)
    if len(xy) < 2:
        return False
    store = _store()
    start = store.arrays["cell_start"]
    x0, y0, x1, y1 = xy[:-1, 0], xy[:-1, 1], xy[1:, 0], xy[1:, 1]
    cx0 = np.floor(np.minimum(x0, x1) + 180.0).astype(np.int64)
    cx1 = np.floor(np.maximum(x0, x1) + 180.0).astype(np.int64)
    cy0 = np.clip(np.floor(np.minimum(y0, y1) + 90.0).astype(np.int64), 0, _NY - 1)
    cy1 = np.clip(np.floor(np.maximum(y0, y1) + 90.0).astype(np.int64), 0, _NY - 1)
    span = _PATH_CELL_SPAN
    small = (cx1 - cx0 < span) & (cy1 - cy0 < span)
    if any(bool(segments_touch_land(xy[i : i + 2])[0]) for i in np.flatnonzero(~small)):
        return True
    # Every (small segment, cell of its box) pair, as in a CSR expansion; then those cells
    # that hold land, each tested once against all its segments.
    ids = np.flatnonzero(small)
    nx, ny = cx1[ids] - cx0[ids] + 1, cy1[ids] - cy0[ids] + 1
    counts = nx * ny
    owner = np.repeat(np.arange(len(ids)), counts)
    k = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    seg = ids[owner]
    cx = cx0[seg] + k % nx[owner]
    cy = np.minimum(cy0[seg] + k // nx[owner], _NY - 1)
    cell = cy * _NX + cx % _NX
    land = start[cell + 1] > start[cell]
    if not land.any():
        return False
    seg, cell = seg[land], cell[land]
    turns = np.floor_divide(cx[land], _NX)  # longitudes past ±180: whole turns back into the cell's
    key = cell * 8 + (turns + 4)
    order = np.argsort(key, kind="stable")
    seg, cell, turns, key = seg[order], cell[order], turns[order], key[order]
    bounds = np.flatnonzero(np.r_[True, key[1:] != key[:-1], True])
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        geom = store.cell_geometry(int(cell[lo]))
        if geom is None:
            continue
        pieces = seg[lo:hi]
        lines = np.concatenate([xy[pieces, None, :], xy[pieces + 1, None, :]], axis=1)
        lines[:, :, 0] -= 360.0 * float(turns[lo])
        if bool(shapely.intersects(geom, shapely.multilinestrings(list(lines)))):
            return True
    return False
