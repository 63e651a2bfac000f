#!/usr/bin/env python3
"""Write ``data/coastline_simplified.npz``: which vertices Douglas-Peucker keeps of each GSHHG
polygon, for each simplification step of the coastline cache build.

The coastline cache (``geo/sea/coastline.py``) simplifies every GSHHG polygon four times: the
routing obstacles' base (0.001 degree) and the map layers s1, s2 and s3 (0.005, 0.02 and 0.1
degree, each from the one before). GEOS's Douglas-Peucker keeps a subset of a ring's own
vertices, in order, so the result can be shipped as the gaps between the kept vertices' places
(under a megabyte for all four steps) and rebuilt from the GSHHG coordinates in a fraction of
the time. This script runs the build's own steps with GEOS, slice by slice, and records for each
polygon of each step:

- unusable (GEOS's result is empty or invalid: the build keeps the islet whole or drops it);
- the kept vertices, when the result is one ring made of the input's vertices in order, and the
  polygon rebuilt from them has exactly GEOS's WKB (checked here, polygon by polygon);
- the kept vertices of Douglas-Peucker's own ring, when that ring crosses itself and GEOS's result
  is its repair by a zero-width buffer, a polygon or several (again checked: the build makes the
  same repair);
- nothing, otherwise (a ring GEOS repaired, a hole): the build computes those few with GEOS.

The table is keyed (:func:`geo.sea.coastline.simplified_table_key`) by the roaring-landmask
version, a hash of the GSHHG polygons' sizes, the GEOS version, the tolerances and the slicing:
with anything else installed the build ignores it and simplifies everything itself, and the cache
is the same either way. Rerun this script when one of those changes::

    python scripts/build_coastline_simplified.py [--output data/coastline_simplified.npz]

It takes about a minute on one core and needs nothing beyond shiproute's own dependencies. The
same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.sea import coastline  # noqa: E402 - after the path is set

#: A gap between kept vertices wider than this is not shipped (the polygon is computed).
_MAX_GAP = np.iinfo(np.uint16).max


def kept_positions(source: np.ndarray, result: np.ndarray) -> np.ndarray | None:
    """The places in the open ring ``source`` (n x 2) of the open ring ``result``'s vertices, in
    order and increasing; None when ``result`` is not such a subsequence."""
    if len(result) > len(source) or len(result) < 3:
        return None
    src = source[:, 0] + 1j * source[:, 1]
    out = result[:, 0] + 1j * result[:, 1]
    order = np.argsort(src, kind="stable")  # (complex numbers sort by real, then imaginary part)
    ranked = src[order]
    at = np.searchsorted(ranked, out)
    if np.any(at >= len(ranked)) or np.any(ranked[np.minimum(at, len(ranked) - 1)] != out):
        return None
    first = order[at]  # the first place of each vertex (a ring may pass a point twice)
    if np.all(np.diff(first) > 0):
        return first
    places, j = [], 0  # the leftmost embedding, found the slow way
    for value in out:
        while j < len(src) and src[j] != value:
            j += 1
        if j == len(src):
            return None
        places.append(j)
        j += 1
    return np.asarray(places)


def encode_step(inputs: np.ndarray, tol_deg: float) -> tuple[np.ndarray, list[int], list[np.ndarray]]:
    """(status per input, kept-vertex counts, gaps) for one step over one slice's inputs."""
    import shapely

    simple, bad = coastline._simplify_each(inputs, tol_deg)
    status = np.full(len(inputs), coastline._COMPUTED, dtype=np.uint8)
    status[bad] = coastline._UNUSABLE
    counts: list[int] = []
    gaps: list[np.ndarray] = []
    # (A MultiPolygon result is a ring GEOS's repair split in parts: tried as a repair below.)
    candidates = np.flatnonzero(~bad & (shapely.get_type_id(inputs) == 3) & np.isin(shapely.get_type_id(simple), (3, 6))
                                & (shapely.get_num_interior_rings(inputs) == 0))
    for i in candidates.tolist():
        source = shapely.get_coordinates(inputs[i])[:-1]
        found = _as_kept(source, shapely.get_coordinates(simple[i]), simple[i], repair=False)
        if found is None:  # a ring GEOS repaired? Its own Douglas-Peucker ring, then the repair.
            ring = shapely.simplify(shapely.get_exterior_ring(inputs[i]), tol_deg, preserve_topology=False)
            found = _as_kept(source, shapely.get_coordinates(ring), simple[i], repair=True)
            if found is None:
                continue
            status[i] = coastline._REPAIRED
        else:
            status[i] = coastline._KEPT
        counts.append(len(found))
        gaps.append(found)
    return status, counts, gaps


def _as_kept(source: np.ndarray, ring: np.ndarray, wanted: object, *, repair: bool) -> np.ndarray | None:
    """The gaps between the kept vertices when the closed ``ring`` is made of the open ring
    ``source``'s vertices in order and the polygon rebuilt from them (repaired by a zero-width
    buffer if asked) has exactly the WKB of ``wanted``; else None."""
    import shapely

    if len(ring) < 4 or not np.array_equal(ring[0], ring[-1]):
        return None
    places = kept_positions(source, ring[:-1])
    if places is None:
        return None
    step_gaps = np.diff(np.concatenate([[-1], places]))
    if step_gaps.max() > _MAX_GAP:
        return None
    rebuilt = shapely.polygons(shapely.linearrings(source[places]))
    if repair:
        rebuilt = shapely.buffer(rebuilt, 0.0)
    if shapely.to_wkb(rebuilt) != shapely.to_wkb(wanted):
        return None
    return step_gaps.astype(np.uint16)


def main(argv: list[str] | None = None) -> int:
    import shapely

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=ROOT / "data" / coastline.SIMPLIFIED_FILE)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    wkb, offsets = coastline._load_gshhg_wkb()
    slices = coastline._slices(offsets)
    status: dict[str, list[np.ndarray]] = {s: [] for s in coastline.SIMPLIFY_STEPS}
    counts: dict[str, list[int]] = {s: [] for s in coastline.SIMPLIFY_STEPS}
    gaps: dict[str, list[np.ndarray]] = {s: [] for s in coastline.SIMPLIFY_STEPS}
    at: dict[str, list[tuple[int, int, int]]] = {s: [(0, 0, 0)] for s in coastline.SIMPLIFY_STEPS}
    for start, stop in slices:
        parts = shapely.from_wkb([wkb[offsets[i]:offsets[i + 1]] for i in range(start, stop)])
        previous = parts
        for step in coastline.SIMPLIFY_STEPS:
            tol = coastline._SIMPLIFY_TOLERANCE[step]
            inputs = parts if step == "obstacle" else previous
            step_status, step_counts, step_gaps = encode_step(inputs, tol)
            status[step].append(step_status)
            counts[step].extend(step_counts)
            gaps[step].extend(step_gaps)
            i0, c0, g0 = at[step][-1]
            at[step].append((i0 + len(step_status), c0 + len(step_counts), g0 + sum(len(g) for g in step_gaps)))
            if step != "obstacle":  # the next map layer starts from this one, as the build's
                previous = coastline._simplified(inputs, tol, keep_islets=False)
    arrays: dict[str, np.ndarray] = {"key": np.array(coastline.simplified_table_key(offsets))}
    for step in coastline.SIMPLIFY_STEPS:
        arrays[f"{step}_status"] = np.concatenate(status[step])
        arrays[f"{step}_counts"] = np.asarray(counts[step], dtype=np.uint32)
        arrays[f"{step}_gaps"] = np.concatenate(gaps[step]) if gaps[step] else np.zeros(0, dtype=np.uint16)
        arrays[f"{step}_at"] = np.asarray(at[step], dtype=np.int64)
        shipped = np.bincount(arrays[f"{step}_status"], minlength=4)
        print(f"{step}: {len(arrays[f'{step}_status'])} polygons: {shipped[coastline._KEPT]} kept vertices shipped, "
              f"{shipped[coastline._REPAIRED]} repaired, {shipped[coastline._UNUSABLE]} unusable, "
              f"{shipped[coastline._COMPUTED]} left to GEOS")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.output, **arrays)  # (zip entries carry a fixed date: same arrays, same bytes)
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.2f} MB) in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
