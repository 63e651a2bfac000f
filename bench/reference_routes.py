"""An independent high-resolution reference for short sea routes.

Method, deliberately unlike shiproute's router (which triangulates simplified, grown
obstacles from its own cache):

* land test: ``roaring_landmask.RoaringLandmask`` over GSHHG full resolution (the Rust point
  test, not shapely, not our cache);
* a fine grid in a local equirectangular plane (cell ``h`` of 150-400 m, at most ~1.2 M cells),
  a cell being water when its centre is; **16-connected** moves (orthogonal, diagonal and
  knight's moves), each allowed only when the points it passes (edge midpoints, the shared
  corner, the cells a knight's move cuts) are water too;
* Dijkstra (scipy) from the origin's cell; the box grows when the path comes near its edge;
* ends on land (or whose cell is land) are joined to the nearest water cell of the common
  water body: that is the reference's access leg;
* **line-of-sight smoothing** against the exact land test sampled every ``h/4``: greedy
  farthest-visible shortcuts, then passes that slide each bend toward the chord of its
  neighbours while both legs stay clear, then removal of needless bends;
* length: geodesic length of the smoothed polyline on WGS84 (pyproj), access legs included.

Run ``python bench/reference_routes.py`` to (re)compute every hop of ``bench/hops.py``; the
results are kept in ``bench/reference_routes.json`` so the accuracy table can be redrawn
without recomputing (about 10-30 s a hop, ~2 GB peak for the land test).
"""

from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
KM_PER_DEG = 111.32
RESULTS = HERE / "reference_routes.json"


class Land:
    """Exact GSHHG full-resolution point test (roaring-landmask)."""

    def __init__(self) -> None:
        from roaring_landmask import LandmaskProvider, RoaringLandmask

        self.mask = RoaringLandmask.new_with_provider(LandmaskProvider.Gshhg)

    def __call__(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        lon = (np.asarray(lon, dtype=float) + 180.0) % 360.0 - 180.0
        return np.asarray(self.mask.contains_many(np.ascontiguousarray(lon), np.ascontiguousarray(lat, dtype=float)))


def geodesic_km(coords) -> float:
    from pyproj import Geod

    xy = np.asarray(coords, dtype=float)
    return float(Geod(ellps="WGS84").line_length(xy[:, 0], xy[:, 1])) / 1000.0 if len(xy) > 1 else 0.0


def reference_route(a, b, land: Land, *, max_cells: float = 1.2e6, min_h_km: float = 0.15):
    """Reference route a→b (lon, lat): dict with coords, length_km, access legs, grid size."""
    from scipy import ndimage, sparse
    from scipy.sparse.csgraph import dijkstra

    b = (a[0] + (b[0] - a[0] + 180.0) % 360.0 - 180.0, b[1])
    lon0, lat0 = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    kx = KM_PER_DEG * math.cos(math.radians(lat0))

    def to_xy(p):
        return np.array([(p[0] - lon0) * kx, (p[1] - lat0) * KM_PER_DEG])

    def to_ll(xy):
        xy = np.asarray(xy, dtype=float)
        return np.stack([xy[..., 0] / kx + lon0, xy[..., 1] / KM_PER_DEG + lat0], axis=-1)

    A, B = to_xy(a), to_xy(b)
    direct = float(np.hypot(*(B - A)))
    pad = 0.6 * direct + 30.0
    while True:
        x0, x1 = min(A[0], B[0]) - pad, max(A[0], B[0]) + pad
        y0, y1 = min(A[1], B[1]) - pad, max(A[1], B[1]) + pad
        h = max(min_h_km, math.sqrt((x1 - x0) * (y1 - y0) / max_cells))
        nx, ny = int(math.ceil((x1 - x0) / h)), int(math.ceil((y1 - y0) / h))
        # Land on a half-cell lattice: centres at odd indices, corners/edge midpoints at even.
        fx = x0 + np.arange(2 * nx + 1) * h / 2
        fy = y0 + np.arange(2 * ny + 1) * h / 2
        gx, gy = np.meshgrid(fx, fy, indexing="ij")
        ll = to_ll(np.stack([gx, gy], axis=-1))
        fine = land(ll[..., 0].ravel(), ll[..., 1].ravel()).reshape(gx.shape)
        del gx, gy, ll
        water = ~fine[1::2, 1::2]  # (nx, ny) cell centres
        idx = np.arange(nx * ny).reshape(nx, ny)
        rows, cols, wts = [], [], []
        moves = [(1, 0), (0, 1), (1, 1), (1, -1), (1, 2), (2, 1), (1, -2), (2, -1)]
        for dx, dy in moves:
            xs = slice(max(0, -dx), nx - max(0, dx))
            ys = slice(max(0, -dy), ny - max(0, dy))
            ok = water[xs, ys] & water[xs.start + dx : xs.stop + dx, ys.start + dy : ys.stop + dy]
            i0 = np.arange(nx)[xs][:, None]
            j0 = np.arange(ny)[ys][None, :]
            if abs(dx) + abs(dy) == 1 or (abs(dx) == 1 and abs(dy) == 1):
                # Midpoint of the move on the half-cell lattice (edge midpoint or shared corner).
                ok &= ~fine[2 * i0 + 1 + dx, 2 * j0 + 1 + dy]
            else:
                # A knight's move crosses two more cells and passes an edge midpoint.
                ex, ey = (dx // 2, dy // 2) if abs(dx) == 2 else (dx, dy)
                if abs(dx) == 2:
                    c1 = water[xs.start + 1 : xs.stop + 1, ys]
                    c2 = water[xs.start + 1 : xs.stop + 1, ys.start + dy : ys.stop + dy]
                else:
                    c1 = water[xs, ys.start + np.sign(dy) : ys.stop + np.sign(dy)]
                    c2 = water[xs.start + dx : xs.stop + dx, ys.start + np.sign(dy) : ys.stop + np.sign(dy)]
                ok &= c1 & c2 & ~fine[2 * i0 + 1 + dx, 2 * j0 + 1 + dy]
            u = idx[xs, ys][ok]
            v = idx[xs.start + dx : xs.stop + dx, ys.start + dy : ys.stop + dy][ok]
            rows.append(u)
            cols.append(v)
            wts.append(np.full(len(u), h * math.hypot(dx, dy)))
        u, v, w = np.concatenate(rows), np.concatenate(cols), np.concatenate(wts)
        graph = sparse.csr_matrix(
            (np.concatenate([w, w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(nx * ny, nx * ny)
        )
        del rows, cols, wts, u, v, w
        labels, _ = ndimage.label(water, structure=np.ones((3, 3)))

        # Called only in this pass of the loop: the defaults bind this box's grid explicitly.
        def cell_of(P, x0=x0, y0=y0, h=h, nx=nx, ny=ny):
            return int(np.clip((P[0] - x0) // h, 0, nx - 1)), int(np.clip((P[1] - y0) // h, 0, ny - 1))

        def nearest_in(P, mask, x0=x0, y0=y0, h=h):
            cells = np.argwhere(mask)
            centres = np.stack([x0 + (cells[:, 0] + 0.5) * h, y0 + (cells[:, 1] + 0.5) * h], axis=1)
            k = int(np.argmin(np.hypot(*(centres - P).T)))
            return tuple(cells[k])

        ca, cb = cell_of(A), cell_of(B)
        if not water[ca]:
            ca = nearest_in(A, water)
        if not water[cb]:
            cb = nearest_in(B, water)
        if labels[ca] != labels[cb] and pad < 1500:
            pad *= 1.6  # the ends' nearest waters may join in a bigger box
            continue
        if labels[ca] != labels[cb]:
            big = max((labels[ca], labels[cb]), key=lambda lab: (labels == lab).sum())
            ca = ca if labels[ca] == big else nearest_in(A, labels == big)
            cb = cb if labels[cb] == big else nearest_in(B, labels == big)
        dist, pred = dijkstra(graph, indices=idx[ca], return_predecessors=True)
        goal = idx[cb]
        near_edge = False
        if np.isfinite(dist[goal]):
            chain = [goal]
            while chain[-1] != idx[ca]:
                chain.append(pred[chain[-1]])
            chain.reverse()
            ci, cj = np.divmod(np.array(chain), ny)
            near_edge = ci.min() < 3 or cj.min() < 3 or ci.max() > nx - 4 or cj.max() > ny - 4
        if np.isfinite(dist[goal]) and not near_edge:
            break
        if pad > 4000:
            raise RuntimeError(f"no reference route {a} -> {b}")
        pad *= 1.6
    centres_xy = np.stack([x0 + (ci + 0.5) * h, y0 + (cj + 0.5) * h], axis=1)
    pts = to_ll(centres_xy)
    step = h / 4

    def clear(p, q) -> bool:
        d = math.hypot((q[0] - p[0]) * kx, (q[1] - p[1]) * KM_PER_DEG)
        n = max(2, int(math.ceil(d / step)) + 1)
        t = np.linspace(0.0, 1.0, n)
        return not land(p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t).any()

    access = [0.0, 0.0]
    # Ends in water join the smoothing; ends on land keep a straight access leg.
    a_in = not land(np.array([a[0]]), np.array([a[1]]))[0] and clear(a, tuple(pts[0]))
    b_in = not land(np.array([b[0]]), np.array([b[1]]))[0] and clear(tuple(pts[-1]), b)
    path = [tuple(p) for p in pts]
    if a_in:
        path.insert(0, tuple(a))
    if b_in:
        path.append(tuple(b))
    # 1. Greedy farthest-visible shortcuts (doubling, then bisection).
    out = [path[0]]
    i = 0
    while i < len(path) - 1:
        lo, step_n = i + 1, 1
        while i + step_n * 2 < len(path) and clear(path[i], path[i + step_n * 2]):
            step_n *= 2
        lo = i + step_n
        hi = min(i + step_n * 2, len(path) - 1)
        if hi > lo and clear(path[i], path[hi]):
            lo = hi
        else:
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if clear(path[i], path[mid]):
                    lo = mid
                else:
                    hi = mid
        if not clear(path[i], path[lo]):
            lo = i + 1
        out.append(path[lo])
        i = lo
    path = out
    # 2. Slide bends toward their neighbours' chord while both legs stay clear; drop needless ones.
    for _ in range(8):
        moved = False
        k = 1
        while k < len(path) - 1:
            p, v, q = np.array(path[k - 1]), np.array(path[k]), np.array(path[k + 1])
            if clear(tuple(p), tuple(q)):
                del path[k]
                moved = True
                continue
            pq = (q - p) * [kx, KM_PER_DEG]
            pv = (v - p) * [kx, KM_PER_DEG]
            t = float(np.clip(np.dot(pv, pq) / max(np.dot(pq, pq), 1e-12), 0, 1))
            target = p + t * (q - p)
            for alpha in (0.5, 0.25, 0.125, 0.0625, 0.03125):
                nv = v + alpha * (target - v)
                if clear(tuple(p), tuple(nv)) and clear(tuple(nv), tuple(q)):
                    path[k] = tuple(nv)
                    moved = True
                    break
            k += 1
        if not moved:
            break
    coords = list(path)
    if not a_in:
        access[0] = geodesic_km([a, coords[0]])
        coords.insert(0, tuple(a))
    if not b_in:
        access[1] = geodesic_km([coords[-1], b])
        coords.append(tuple(b))
    return {
        "coords": [[round(x, 6), round(y, 6)] for x, y in coords],
        "length_km": round(geodesic_km(coords), 3),
        "access_legs_km": [round(x, 3) for x in access],
        "cell_km": round(h, 4),
        "cells": int(nx * ny),
        "connectivity": 16,
    }


def main() -> None:
    import argparse

    from hops import HOPS

    parser = argparse.ArgumentParser(description="Compute the independent reference of the hops in bench/hops.py.")
    parser.add_argument("hops", nargs="*", help="labels of the hops to (re)compute (default: every hop)")
    parser.add_argument("-o", "--output", type=Path, default=RESULTS,
                        help=f"where the results are kept and merged (default: {RESULTS.name} beside this script)")
    args = parser.parse_args()
    labels = {label for label, *_ in HOPS}
    unknown = sorted(set(args.hops) - labels)
    if unknown:
        parser.error(f"no hop called {', '.join(map(repr, unknown))}; the hops are listed in bench/hops.py")
    only = set(args.hops)
    results = json.loads(args.output.read_text()) if args.output.exists() else {}
    land = Land()
    for label, _region, a, b, _note in HOPS:
        if only and label not in only:
            continue
        t = time.perf_counter()
        ref = reference_route(a, b, land)
        ref["seconds"] = round(time.perf_counter() - t, 1)
        ref["a"], ref["b"] = list(a), list(b)
        results[label] = ref
        print(f"{label:32s} {ref['length_km']:9.2f} km  cell {ref['cell_km']*1000:.0f} m  {ref['cells']:,} cells  "
              f"{ref['seconds']} s", flush=True)
        args.output.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
