"""The routing engine behind :func:`geo.sea.route.sea_route` (import that, not this).

Split from :mod:`geo.sea.route` so that a route answered from the route cache
(:mod:`geo.sea.cache`) loads none of this: the regional mesh (constrained Delaunay
triangulation of the water in a box, A* over portal points, funnel), the growing box, the
access legs, the MARNET ocean network and the repair of its lanes that touch land. See the
docstring of :mod:`geo.sea.route` for how a route is made.
"""

from __future__ import annotations

import functools
import math
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np

from geo.errors import NoSeaRoute
from geo.sea.basics import _KM_PER_DEG, ARCTIC_LAT, MAX_ACCESS_KM, _geodesic_km, _unwrap
from geo.sea.closed_seas import CLOSED_SEAS, LAKES, closed_water
from geo.sea.passages import NARROWS, PASSAGES, SHALLOWS, Narrows, crosses_shallows, passages_crossed

__all__: list[str] = []

# --------------------------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Frame:
    """A local plane: x east, y north, both in km, an affine map of lon/lat (straight lines
    stay straight, so a segment checked in one is checked in the other)."""

    lon0: float
    lat0: float
    kx: float

    @staticmethod
    def around(lon: float, lat: float) -> _Frame:
        return _Frame(lon, lat, _KM_PER_DEG * math.cos(math.radians(lat)))

    def fwd(self, lonlat: np.ndarray) -> np.ndarray:
        out = np.empty_like(lonlat, dtype=float)
        out[..., 0] = (lonlat[..., 0] - self.lon0) * self.kx
        out[..., 1] = (lonlat[..., 1] - self.lat0) * _KM_PER_DEG
        return out

    def inv(self, xy: np.ndarray) -> np.ndarray:
        out = np.empty_like(xy, dtype=float)
        out[..., 0] = xy[..., 0] / self.kx + self.lon0
        out[..., 1] = xy[..., 1] / _KM_PER_DEG + self.lat0
        return out


def _lon_windows(west: float, east: float) -> list[tuple[float, float, float]]:
    from geo.sea.coastline import _windows

    return _windows(west, east)


def _obstacles(west: float, south: float, east: float, north: float) -> np.ndarray:
    """Routing obstacles clipped to the box (longitudes may run past ±180)."""
    import shapely

    from geo.sea.coastline import obstacle_polygons

    out = []
    for lo, hi, shift in _lon_windows(west, east):
        geoms = obstacle_polygons((lo, south, hi, north))
        if not len(geoms):
            continue
        clipped = shapely.clip_by_rect(geoms, lo, south, hi, north)
        clipped = clipped[~shapely.is_empty(clipped)]
        if shift and len(clipped):
            clipped = shapely.transform(clipped, lambda xy, s=shift: xy + np.array([s, 0.0]))
        out.append(clipped)
    return np.concatenate(out) if out else np.empty(0, dtype=object)


def _shore_land(box: tuple[float, float, float, float]) -> Any:
    """GSHHG's full-resolution land in the box, grown by ~1 m so a path never grazes the shore
    (an empty geometry where there is none)."""
    import shapely

    from geo.sea.coastline import land_polygons

    land = land_polygons(box)
    return land if land.is_empty else shapely.buffer(land, 1e-5, quad_segs=1, join_style="mitre")


@functools.cache
def _water_of(narrows: Narrows) -> Any:
    """The full-resolution water inside a narrows' box (read once per process)."""
    import shapely

    return shapely.difference(shapely.box(*narrows.box), _shore_land(narrows.box))


def _narrows_water(west: float, south: float, east: float, north: float) -> Any:
    """The full-resolution water of the :data:`~geo.sea.passages.NARROWS` that meet the box,
    shifted into its longitudes; None when none does."""
    import shapely

    pieces = []
    for narrows in NARROWS:
        w, s, e, n = narrows.box
        if s > north or n < south:
            continue
        for shift in (-360.0, 0.0, 360.0):
            if w + shift <= east and e + shift >= west:
                pieces.append(shapely.transform(_water_of(narrows), lambda xy, d=shift: xy + np.array([d, 0.0])))
    return shapely.union_all(pieces) if pieces else None


def _barred(path: Sequence[tuple[float, float]], closed: set[str]) -> bool:
    """Whether an open-sea stretch crosses the gate of a passage in ``closed`` (names) or a
    line of the :data:`~geo.sea.passages.SHALLOWS`, which no route sails."""
    return bool(closed and closed & set(passages_crossed(path))) or crosses_shallows(path)


def _gate_blockers(keys: Iterable[str], west: float, east: float) -> list[Any]:
    """Thin polygons along the gates of the avoided passages and the lines of the
    :data:`~geo.sea.passages.SHALLOWS` (closed to every route), in the box's longitudes."""
    import shapely

    lines = [PASSAGES[key].gate for key in keys] + [shallows.line for shallows in SHALLOWS]
    out = []
    for line in lines:
        gate = np.array(line, dtype=float)
        for shift in (-360.0, 0.0, 360.0):
            g = gate + np.array([shift, 0.0])
            if g[:, 0].max() >= west and g[:, 0].min() <= east:
                out.append(shapely.buffer(shapely.linestrings(g), 0.002, quad_segs=1))
    return out


# --------------------------------------------------------------------------------------------
# Shortest paths over a graph (pure Python: importing scipy.sparse.csgraph alone costs more
# than a whole regional route, and these graphs are small)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Adjacency:
    """An undirected weighted graph as adjacency lists in CSR form, held as Python lists
    because the search below walks them one item at a time (the MARNET network; a regional
    mesh makes its edges as the search reaches them, see :meth:`_Mesh.neighbours`)."""

    ptr: list[int]
    idx: list[int]
    weight: list[float]

    @staticmethod
    def undirected(n: int, u: np.ndarray, v: np.ndarray, w: np.ndarray) -> _Adjacency:
        src = np.concatenate([u, v])
        dst = np.concatenate([v, u])
        wts = np.concatenate([w, w])
        order = np.argsort(src, kind="stable")
        ptr = np.searchsorted(src[order], np.arange(n + 1))
        return _Adjacency(ptr.tolist(), dst[order].tolist(), wts[order].tolist())

    def neighbours(self, node: int) -> Iterable[tuple[int, float]]:
        """(neighbour, edge weight) pairs of ``node``."""
        lo, hi = self.ptr[node], self.ptr[node + 1]
        return zip(self.idx[lo:hi], self.weight[lo:hi], strict=True)


def _search(
    graph: Any,
    sources: dict[int, float],
    goals: dict[int, float] | None = None,
    heuristic: Sequence[float] | None = None,
    wanted: Iterable[int] = (),
) -> tuple[dict[int, float], dict[int, int], int]:
    """Dijkstra (A* when ``heuristic`` is given) from several sources at once, over
    ``graph``: anything with ``neighbours(node)`` giving (neighbour, weight) pairs.

    ``sources`` maps node -> starting cost; ``goals`` maps node -> cost of stepping from it
    to a virtual goal. With goals, the search stops once no open node can beat the best goal
    reached (``heuristic[n]`` must never exceed the true remaining cost from ``n``, and must
    be consistent). Without goals it stops when every node of ``wanted`` is settled (or the
    graph is exhausted). Returns (settled distances, predecessors with -1 at sources, the
    goal node chosen or -1).
    """
    import heapq

    neighbours = graph.neighbours
    h = heuristic
    best: dict[int, float] = {}
    pred: dict[int, int] = {}
    heap: list[tuple[float, float, int]] = []
    for node, cost in sources.items():
        if cost < best.get(node, math.inf):
            best[node] = cost
            pred[node] = -1
    for node, cost in best.items():
        heap.append((cost + (h[node] if h is not None else 0.0), cost, node))
    heapq.heapify(heap)
    done: dict[int, float] = {}
    goal_cost, goal_node = math.inf, -1
    missing = set(wanted)
    push, pop = heapq.heappush, heapq.heappop
    while heap:
        f, d, node = pop(heap)
        if node in done:
            continue
        if goals is not None and f >= goal_cost:
            break
        done[node] = d
        if goals is not None:
            extra = goals.get(node)
            if extra is not None and d + extra < goal_cost:
                goal_cost, goal_node = d + extra, node
        elif missing:
            missing.discard(node)
            if not missing:
                break
        for other, w in neighbours(node):
            nd = d + w
            if nd < best.get(other, math.inf):
                best[other] = nd
                pred[other] = node
                push(heap, (nd + (h[other] if h is not None else 0.0), nd, other))
    return done, pred, goal_node


def _walk_back(pred: dict[int, int], node: int) -> list[int]:
    """Nodes from a source to ``node`` by the predecessors of :func:`_search`."""
    chain = []
    while node >= 0:
        chain.append(node)
        node = pred[node]
    chain.reverse()
    return chain


# --------------------------------------------------------------------------------------------
# The regional mesh
# --------------------------------------------------------------------------------------------


#: Portal points are spaced at the box diagonal over this (fewer on short portals), at most
#: :data:`_PORTAL_MAX_NODES` a portal: finer spacing picks the right corridor more often (the
#: Najin–Dunay and Assab–Djibouti hops came out 0.6 % and 2 % shorter going from 60 and 6 to
#: these) at little cost, since the search is A* and explores a narrow band.
_PORTAL_SPACING_DIVISOR = 120.0
_PORTAL_MAX_NODES = 12


class _Mesh:
    """Triangulated water of one box, with the portal graph used to choose corridors."""

    def __init__(
        self, box: tuple[float, float, float, float], avoid: tuple[str, ...], fine: bool = False,
        water: Any = None, open_at: tuple[float, float] | None = None,
    ) -> None:
        import shapely

        west, south, east, north = box
        self.box = box
        self.avoid = avoid
        # The open water is the body nearest this point rather than what reaches the box's
        # sides (a corridor's water, see _corridor_route).
        self.open_at = open_at
        self.frame = _Frame.around((west + east) / 2, (south + north) / 2)
        if water is not None:
            # A closed sea that GSHHG draws as land: its own water, given (geo.sea.closed_seas).
            obstacles: list[Any] = []
        elif fine:
            # Full-resolution land itself: for canals and channels that the grown obstacles
            # close (slower; small boxes only).
            land_full = _shore_land(box)
            obstacles = [land_full] if not land_full.is_empty else []
        else:
            obstacles = list(_obstacles(west, south, east, north))
            opened = _narrows_water(west, south, east, north)
            if opened is not None and obstacles:
                obstacles = [shapely.difference(shapely.disjoint_subset_union_all(obstacles), opened)]
        obstacles += _gate_blockers(avoid, west, east)
        land = shapely.disjoint_subset_union_all(obstacles) if obstacles else shapely.Polygon()
        area = shapely.box(west, south, east, north) if water is None else shapely.clip_by_rect(water, *box)
        self.water = shapely.difference(area, land)
        shapely.prepare(self.water)
        tris = shapely.constrained_delaunay_triangles(self.water)
        n_tri = int(shapely.get_num_geometries(tris))
        if n_tri == 0:
            self.empty = True
            return
        self.empty = False
        corners = np.ascontiguousarray(shapely.get_coordinates(tris).reshape(n_tri, 4, 2)[:, :3, :])
        # Shared corners by value: (lon, lat) pairs viewed as complex numbers sort in the same
        # (lon, then lat) order as rows, at a sixth of np.unique(axis=0)'s cost.
        flat, tri_vert = np.unique(corners.view(np.complex128).ravel(), return_inverse=True)
        self.vert_ll = np.stack([flat.real, flat.imag], axis=1)
        self.tri_vert = tri_vert.reshape(n_tri, 3)
        self.vert_xy = self.frame.fwd(self.vert_ll)
        # Shared edges: each interior edge appears in exactly two triangles.
        a = self.tri_vert[:, [0, 1, 2]]
        b = self.tri_vert[:, [1, 2, 0]]
        lo, hi = np.minimum(a, b).ravel(), np.maximum(a, b).ravel()
        key = lo.astype(np.int64) * len(self.vert_ll) + hi
        order = np.argsort(key, kind="stable")
        skey = key[order]
        dup = np.flatnonzero(skey[1:] == skey[:-1])
        first, second = order[dup], order[dup + 1]  # indices into tri*3 + slot
        n_portal = len(dup)
        self.portal_vert = np.stack([lo[first], hi[first]], axis=1)
        self.portal_tris = np.stack([first // 3, second // 3], axis=1)
        # Which portal sits on each triangle side (-1 for a shore or box side).
        self.tri_portal: np.ndarray = np.full(n_tri * 3, -1, dtype=np.int64)
        self.tri_portal[first] = np.arange(n_portal)
        self.tri_portal[second] = np.arange(n_portal)
        self.tri_portal = self.tri_portal.reshape(n_tri, 3)
        # Points along each portal: more on long ones, so the corridor search sees the short way.
        p = self.vert_xy[self.portal_vert[:, 0]]
        q = self.vert_xy[self.portal_vert[:, 1]]
        length = np.hypot(*(q - p).T)
        span = max(np.hypot(*(self.frame.fwd(np.array([east, north])) - self.frame.fwd(np.array([west, south])))), 1.0)
        spacing = span / _PORTAL_SPACING_DIVISOR
        self.k = np.clip(np.ceil(length / spacing).astype(np.int64), 1, _PORTAL_MAX_NODES)
        self.node_start = np.concatenate([[0], np.cumsum(self.k)])
        owner = np.repeat(np.arange(n_portal), self.k)
        j = np.arange(self.node_start[-1]) - self.node_start[owner]
        t = (j + 0.5) / self.k[owner]
        self.node_portal = owner
        self.node_xy = p[owner] + (q - p)[owner] * t[:, None]
        n_nodes = len(owner)
        self.n_nodes = n_nodes
        # The graph links every node on one portal of a triangle to every node on another
        # portal of it; its edges are made as the search reaches them (see neighbours):
        # building them all up front cost a fifth of the mesh, and A* visits few.
        # Flat lists (no list per triangle, no tuple per edge): Python's cycle collector
        # walks every container it tracks, and millions of small ones made its occasional
        # full passes cost more than a search.
        self._node_portal = owner.tolist()
        self._portal_tris = self.portal_tris.ravel().tolist()  # portal p: [2p], [2p + 1]
        self._tri_portal = self.tri_portal.ravel().tolist()  # triangle t: [3t : 3t + 3]
        self._node_start = self.node_start.tolist()
        self._node_x = self.node_xy[:, 0].tolist()
        self._node_y = self.node_xy[:, 1].tolist()
        self.tri_xy = self.vert_xy[self.tri_vert]

    @functools.cached_property
    def adjacency(self) -> _Adjacency:
        """The whole portal graph built at once, for searches that visit most of it (the
        one-to-many costs of :meth:`costs_from`); A* in :meth:`shortest` visits few nodes
        and makes their edges as it goes (:meth:`neighbours`)."""
        rows, cols = [], []
        for s1, s2 in ((0, 1), (1, 2), (2, 0)):
            e1, e2 = self.tri_portal[:, s1], self.tri_portal[:, s2]
            ok = (e1 >= 0) & (e2 >= 0)
            e1, e2 = e1[ok], e2[ok]
            k1, k2 = self.k[e1], self.k[e2]
            cnt = k1 * k2
            pair = np.repeat(np.arange(len(e1)), cnt)
            m = np.arange(cnt.sum()) - np.repeat(np.cumsum(cnt) - cnt, cnt)
            rows.append(self.node_start[e1][pair] + m // k2[pair])
            cols.append(self.node_start[e2][pair] + m % k2[pair])
        u = np.concatenate(rows)
        v = np.concatenate(cols)
        w = np.hypot(*(self.node_xy[u] - self.node_xy[v]).T) + 1e-9
        return _Adjacency.undirected(self.n_nodes, u, v, w)

    def neighbours(self, node: int) -> Iterable[tuple[int, float]]:
        """(neighbour, distance in km) for the portal graph's ``node``: the nodes on the other
        portals of the two triangles its portal borders."""
        # Not memoised: keeping them would leave thousands of small lists for the cycle
        # collector to walk on every full pass, for searches the route cache spares anyway.
        portal = self._node_portal[node]
        x, y = self._node_x[node], self._node_y[node]
        xs, ys, start, tri_portal = self._node_x, self._node_y, self._node_start, self._tri_portal
        ids: list[int] = []
        for tri in (self._portal_tris[2 * portal], self._portal_tris[2 * portal + 1]):
            for other in tri_portal[3 * tri : 3 * tri + 3]:
                if other >= 0 and other != portal:
                    ids.extend(range(start[other], start[other + 1]))
        return zip(ids, [math.hypot(xs[m] - x, ys[m] - y) + 1e-9 for m in ids], strict=True)

    # -- locating points --------------------------------------------------------------------

    def locate(self, xy: np.ndarray) -> int:
        """Index of a triangle containing the local point ``xy`` (km), or -1."""
        t = self.tri_xy
        a, b, c = t[:, 0], t[:, 1], t[:, 2]
        d1 = (b[:, 0] - a[:, 0]) * (xy[1] - a[:, 1]) - (b[:, 1] - a[:, 1]) * (xy[0] - a[:, 0])
        d2 = (c[:, 0] - b[:, 0]) * (xy[1] - b[:, 1]) - (c[:, 1] - b[:, 1]) * (xy[0] - b[:, 0])
        d3 = (a[:, 0] - c[:, 0]) * (xy[1] - c[:, 1]) - (a[:, 1] - c[:, 1]) * (xy[0] - c[:, 0])
        eps = -1e-9
        inside = ((d1 >= eps) & (d2 >= eps) & (d3 >= eps)) | ((d1 <= -eps) & (d2 <= -eps) & (d3 <= -eps))
        hits = np.flatnonzero(inside)
        if len(hits):
            return int(hits[0])
        # A point snapped onto the shore may miss every triangle by rounding: take the
        # triangle it misses by the least, if that is under a metre.
        length = np.stack([np.hypot(*(b - a).T), np.hypot(*(c - b).T), np.hypot(*(a - c).T)], axis=1)
        sign = np.where((d1 + d2 + d3) >= 0, 1.0, -1.0)[:, None]
        dist = -np.stack([d1, d2, d3], axis=1) * sign / np.maximum(length, 1e-12)
        worst = dist.max(axis=1)
        k = int(np.argmin(worst))
        return k if worst[k] < 1e-3 else -1

    def snap(self, lonlat: tuple[float, float]) -> tuple[float, float]:
        """The nearest point of this mesh's water to ``lonlat`` (itself when inside)."""
        import shapely

        pt = shapely.Point(lonlat)
        if shapely.intersects(self.water, pt):
            return lonlat
        line = shapely.shortest_line(pt, self.water)
        x, y = shapely.get_coordinates(line)[-1]
        return (float(x), float(y))

    @functools.cached_property
    def water_parts(self) -> np.ndarray:
        """The separate bodies of water of this box (shapely Polygons)."""
        import shapely

        return shapely.get_parts(self.water)

    def component(self, lonlat: tuple[float, float]) -> Any:
        """The body of water (a shapely Polygon) at ``lonlat``, a point of this mesh's water
        (or a rounding away from it), or None."""
        import shapely

        parts = self.water_parts
        if not len(parts):
            return None
        gaps = shapely.distance(parts, shapely.Point(lonlat))
        k = int(np.argmin(gaps))
        return parts[k] if gaps[k] < 1e-7 else None

    def part_index(self, lonlat: tuple[float, float]) -> int:
        """Index in :attr:`water_parts` of the body of water at ``lonlat`` (a point of this
        mesh's water, or a rounding away from it), or -1."""
        import shapely

        parts = self.water_parts
        if not len(parts):
            return -1
        gaps = shapely.distance(parts, shapely.Point(lonlat))
        k = int(np.argmin(gaps))
        return k if gaps[k] < 1e-7 else -1

    @functools.cached_property
    def open_parts(self) -> np.ndarray:
        """For each of :attr:`water_parts`, whether it reaches a side of the box: the water
        that may lead on to the sea. The others are pockets the grown shore seals (docks,
        creeks, lagoons with narrow mouths), which no bigger box joins to anything."""
        import shapely

        parts = self.water_parts
        if not len(parts):
            return np.zeros(0, dtype=bool)
        if self.open_at is not None:
            # A corridor's water: the body its coarse way runs through is the open one.
            out = np.zeros(len(parts), dtype=bool)
            out[int(np.argmin(shapely.distance(parts, shapely.Point(self.open_at))))] = True
            return out
        b = shapely.bounds(parts)
        west, south, east, north = self.box
        return (b[:, 0] <= west) | (b[:, 1] <= south) | (b[:, 2] >= east) | (b[:, 3] >= north)

    def enclosed(self, lonlat: tuple[float, float]) -> bool:
        """Whether the body of water at ``lonlat`` (a point of this mesh's water) stays clear
        of the box's sides: shut in by land, so no bigger box can join it to other water."""
        import shapely

        parts = self.water_parts
        here = shapely.dwithin(parts, shapely.Point(lonlat), 1e-7)
        if not here.any():
            return False
        if self.open_at is not None:
            return not bool(self.open_parts[here].any())
        b = shapely.bounds(parts[here])
        west, south, east, north = self.box
        return not bool(np.any((b[:, 0] <= west) | (b[:, 1] <= south) | (b[:, 2] >= east) | (b[:, 3] >= north)))

    # -- searching --------------------------------------------------------------------------

    def _links(self, tri: int, xy: np.ndarray) -> dict[int, float]:
        """Portal nodes of triangle ``tri`` and their straight distances (km) from ``xy``."""
        portals = self.tri_portal[tri]
        portals = portals[portals >= 0]
        if not len(portals):
            return {}
        nodes = np.concatenate([np.arange(self.node_start[p], self.node_start[p + 1]) for p in portals])
        return dict(zip(nodes.tolist(), (np.hypot(*(self.node_xy[nodes] - xy).T) + 1e-9).tolist(), strict=True))

    def shortest(
        self, a_ll: tuple[float, float], b_ll: tuple[float, float]
    ) -> tuple[list[tuple[float, float]], float] | None:
        """Shortest water path a→b inside this box as lon/lat points and its planar length
        in km, or None when the two are not joined by water here."""
        a_xy = self.frame.fwd(np.array(a_ll, dtype=float))
        b_xy = self.frame.fwd(np.array(b_ll, dtype=float))
        ta, tb = self.locate(a_xy), self.locate(b_xy)
        if ta < 0 or tb < 0:
            return None
        if ta == tb:
            return [a_ll, b_ll], float(np.hypot(*(b_xy - a_xy)))
        if len(self.water_parts) > 1 and self.component(a_ll) is not self.component(b_ll):
            return None  # separate bodies of water: no need to search all of one to learn it
        starts, goals = self._links(ta, a_xy), self._links(tb, b_xy)
        if not starts or not goals:
            return None
        # A*: the straight distance to b never overestimates (every edge is a straight
        # segment), so the corridor found is the one Dijkstra would find.
        to_goal = np.hypot(*(self.node_xy - b_xy).T).tolist()
        _, pred, last = _search(self, starts, goals, to_goal)
        if last < 0:
            return None
        chain = _walk_back(pred, last)
        portals = [int(self.node_portal[x]) for x in chain]
        path_idx = self._funnel(ta, portals, a_xy, b_xy)
        pts_xy = [a_xy] + [self.vert_xy[i] for i in path_idx] + [b_xy]
        length = float(sum(np.hypot(*(q - p)) for p, q in zip(pts_xy, pts_xy[1:], strict=False)))
        coords = [a_ll] + [(float(self.vert_ll[i, 0]), float(self.vert_ll[i, 1])) for i in path_idx] + [b_ll]
        return coords, length

    def costs_from(self, a_ll: tuple[float, float], targets_ll: np.ndarray) -> np.ndarray:
        """Water distance estimates (km) from ``a_ll`` to each target point, inf where
        unreachable or outside this mesh's water: Dijkstra over the portal graph."""
        a_xy = self.frame.fwd(np.array(a_ll, dtype=float))
        ta = self.locate(a_xy)
        out = np.full(len(targets_ll), np.inf)
        if ta < 0:
            return out
        starts = self._links(ta, a_xy)
        if not starts:
            return out
        ends: list[tuple[int, np.ndarray, dict[int, float]]] = []
        for k, t_ll in enumerate(targets_ll):
            t_xy = self.frame.fwd(np.asarray(t_ll, dtype=float))
            tt = self.locate(t_xy)
            if tt < 0:
                continue
            if tt == ta:
                out[k] = float(np.hypot(*(t_xy - a_xy)))
                continue
            links = self._links(tt, t_xy)
            if links:
                ends.append((k, t_xy, links))
        wanted = {n for _, _, links in ends for n in links}
        dist, _, _ = _search(self.adjacency, starts, wanted=wanted)
        for k, _, links in ends:
            reached = [dist[n] + w for n, w in links.items() if n in dist]
            if reached:
                out[k] = float(min(reached))
        return out

    def _funnel(self, ta: int, portals: list[int], a_xy: np.ndarray, b_xy: np.ndarray) -> list[int]:
        """String-pulling (the "simple stupid funnel") through the corridor: the mesh vertices
        where the taut path bends, in order. Portals are oriented left/right of travel."""
        # Orient each portal by the triangle it is entered from.
        lefts: list[Any] = [None]
        rights: list[Any] = [None]
        tri = ta
        for p in portals:
            u, v = self.portal_vert[p]
            third = [x for x in self.tri_vert[tri] if x != u and x != v]
            w = self.vert_xy[third[0]] if third else self.vert_xy[u]
            pu, pv = self.vert_xy[u], self.vert_xy[v]
            turn = (pv[0] - pu[0]) * (w[1] - pu[1]) - (pv[1] - pu[1]) * (w[0] - pu[0])
            if turn > 0:  # the triangle we leave lies left of u->v: facing across, v is left
                lefts.append(int(v))
                rights.append(int(u))
            else:
                lefts.append(int(u))
                rights.append(int(v))
            t0, t1 = self.portal_tris[p]
            tri = int(t1 if t0 == tri else t0)
        lefts.append(None)
        rights.append(None)
        n = len(lefts)

        def point(i: int, side: list[Any]) -> tuple[np.ndarray, Any]:
            if i == 0:
                return a_xy, None
            if i == n - 1:
                return b_xy, None
            return self.vert_xy[side[i]], side[i]

        def cross(o: np.ndarray, p: np.ndarray, q: np.ndarray) -> float:
            return float((p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]))

        out: list[int | None] = []
        apex, apex_id = a_xy, None
        left, left_id, right, right_id = a_xy, None, a_xy, None
        ai = li = ri = 0
        i = 1
        guard = 0
        while i < n:
            guard += 1
            if guard > 20 * n + 100:  # cannot happen with a valid corridor; never loop forever
                break
            l_pt, l_id = point(i, lefts)
            r_pt, r_id = point(i, rights)
            # Tighten the right side.
            if cross(apex, right, r_pt) >= 0:
                same = right_id == apex_id and np.array_equal(right, apex)
                if same or cross(apex, left, r_pt) < 0:
                    right, right_id, ri = r_pt, r_id, i
                else:
                    out.append(left_id)
                    apex, apex_id, ai = left, left_id, li
                    left, left_id, right, right_id = apex, apex_id, apex, apex_id
                    li = ri = ai
                    i = ai + 1
                    continue
            # Tighten the left side.
            if cross(apex, left, l_pt) <= 0:
                same = left_id == apex_id and np.array_equal(left, apex)
                if same or cross(apex, right, l_pt) > 0:
                    left, left_id, li = l_pt, l_id, i
                else:
                    out.append(right_id)
                    apex, apex_id, ai = right, right_id, ri
                    left, left_id, right, right_id = apex, apex_id, apex, apex_id
                    li = ri = ai
                    i = ai + 1
                    continue
            i += 1
        return [x for x in out if x is not None]


_MESH_LOCK = threading.Lock()
_Key = TypeVar("_Key")
_Value = TypeVar("_Value")
#: What :meth:`_Recent.get` gives for a key it does not hold (None may be an answer kept).
_ABSENT: Any = object()


class _Recent(Generic[_Key, _Value]):
    """The last ``size`` answers of a computation, the least recently used dropped first; shared
    by threads (under :data:`_MESH_LOCK`)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[_Key, _Value] = OrderedDict()

    def get(self, key: _Key) -> _Value:
        """The answer kept for ``key``, or :data:`_ABSENT`."""
        with _MESH_LOCK:
            value = self._items.get(key, _ABSENT)
            if value is not _ABSENT:
                self._items.move_to_end(key)
            return value

    def put(self, key: _Key, value: _Value) -> None:
        with _MESH_LOCK:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with _MESH_LOCK:
            self._items.clear()


_MESH_CACHE: _Recent[tuple[Any, ...], _Mesh] = _Recent(24)


def _mesh(
    box: tuple[float, float, float, float], avoid: tuple[str, ...], fine: bool = False, water_of: str = ""
) -> _Mesh:
    """The mesh of a box (kept: the last few are reused); ``water_of`` names one of
    :data:`CLOSED_SEAS` whose own water it meshes instead of the box less the land."""
    key = (box, avoid, fine, water_of)
    mesh = _MESH_CACHE.get(key)
    if mesh is _ABSENT:
        mesh = _Mesh(box, avoid, fine, closed_water(water_of) if water_of else None)
        _MESH_CACHE.put(key, mesh)
    return mesh


@functools.lru_cache(maxsize=1024)
def _closed_sea_near(p: tuple[float, float]) -> str | None:
    """The name of the closed sea (:data:`CLOSED_SEAS`) that ``p`` lies on or within
    :data:`MAX_ACCESS_KM` of, else None (a box test first: most points are nowhere near one).
    A place off a lake's shore that is near the sea too is a sea port, not the lake's: St
    Petersburg, 40 km from Lake Ladoga; Vänersborg, on Vänern's shore, stays Vänern's.
    Remembered per point: one voyage asks it of the same ends many times over (its inner,
    onward and fallback routes, its errors)."""
    import shapely

    for name, (west, south, east, north) in CLOSED_SEAS.items():
        pad = MAX_ACCESS_KM / _KM_PER_DEG
        if not (west - 2 * pad <= p[0] <= east + 2 * pad and south - pad <= p[1] <= north + pad):
            continue
        water = closed_water(name)
        if water is None:
            continue
        line = shapely.shortest_line(shapely.Point(p), water)
        km = _geodesic_km([tuple(c) for c in shapely.get_coordinates(line)])
        if km <= MAX_ACCESS_KM and not (name in LAKES and km > _LAKE_SHORE_KM and _near_sea(p)):
            return name
    return None


#: A place this close to a lake's water (km) is on its shore, whatever sea lies near.
_LAKE_SHORE_KM = 5.0


def _closed_sea_route(
    a: tuple[float, float], b: tuple[float, float], avoid: tuple[str, ...] = ()
) -> tuple[_Leg, str] | None:
    """A route within a closed sea (:data:`CLOSED_SEAS`) when both ends lie on it or within
    :data:`MAX_ACCESS_KM` of its shore, keeping out of the passages ``avoid`` names (the Great
    Lakes' Welland Canal): (the leg, the sea's name), else None. Ends on its shore get access
    legs to its water, reported as legs over land (GSHHG draws the sea as land, so the whole
    route does lie on GSHHG land)."""
    import shapely

    name = _closed_sea_near(a)
    if name is None or _closed_sea_near(b) != name:
        return None
    mesh = _mesh(_snap_box(shapely.bounds(closed_water(name))), avoid, water_of=name)
    if mesh.empty:
        return None
    # An end outside the sea's water is joined to it by an access leg, which counts as a
    # leg over land (GSHHG has the whole sea as land).
    leg = _route_in_mesh(mesh, a, b)
    return None if leg is None else (leg, name)


def _snap_box(bounds: Any) -> tuple[float, float, float, float]:
    west, south, east, north = (float(v) for v in bounds)
    step = 0.25
    return (_snap_out(west, step, False) - step, _snap_out(south, step, False) - step,
            _snap_out(east, step, True) + step, _snap_out(north, step, True) + step)


#: Half-width of the box first searched for water around an end on land, in km.
_NEAR_WATER_KM = 5.0


def _near_sea(lonlat: tuple[float, float]) -> bool:
    """Whether open water lies within MAX_ACCESS_KM of a point (quick, before any routing)."""
    import shapely

    from geo.sea.coastline import is_land

    lon, lat = lonlat
    # Most ends are ports at sea or towns on the shore: a point test, or a grid of them over a
    # few km, settles those without building any water polygon (the exact test below unions
    # every obstacle of a 100 km box).
    if not is_land(lon, lat):
        return True
    dlat = _NEAR_WATER_KM / _KM_PER_DEG
    dlon = min(dlat / max(math.cos(math.radians(lat)), 0.05), 90.0)
    grid = np.linspace(-1.0, 1.0, 21)
    gx, gy = np.meshgrid(lon + dlon * grid, np.clip(lat + dlat * grid, -90.0, 90.0))
    if not np.all(is_land(gx, gy)):
        return True
    dlat = MAX_ACCESS_KM / _KM_PER_DEG
    dlon = min(dlat / max(math.cos(math.radians(lat)), 0.05), 90.0)
    box = (lon - dlon, max(lat - dlat, -90.0), lon + dlon, min(lat + dlat, 90.0))
    obstacles = _obstacles(*box)
    water = (shapely.difference(shapely.box(*box), shapely.disjoint_subset_union_all(obstacles)) if len(obstacles)
             else shapely.box(*box))
    if shapely.is_empty(water):
        return False
    frame = _Frame.around(lon, lat)
    line = shapely.shortest_line(shapely.Point(lonlat), water)
    p, q = frame.fwd(shapely.get_coordinates(line))
    return float(np.hypot(*(q - p))) <= MAX_ACCESS_KM


def _cut_off(lonlat: tuple[float, float], avoid: tuple[str, ...]) -> bool:
    """Whether an end cannot reach open water at all: its water (or, for an end on land, all
    water within MAX_ACCESS_KM of it) is shut in by the routing obstacles and, at full
    resolution, has no way out either. Asked only after a route has failed, so that "the
    waters do not connect" is said only of ends that do reach open water."""
    box = _box_around(lonlat, lonlat, MAX_ACCESS_KM + 10.0)
    mesh = _mesh(box, avoid)
    if mesh.empty:
        return True
    snapped = mesh.snap(lonlat)
    homes = _home_waters(mesh)  # open water only: an end's own sealed pocket is no way out
    return _join_to_water(mesh, lonlat, snapped, snapped, homes) is None


# --------------------------------------------------------------------------------------------
# Regional routing with a growing box
# --------------------------------------------------------------------------------------------


def _snap_out(value: float, step: float, up: bool) -> float:
    return (math.ceil if up else math.floor)(value / step) * step


def _box_around(a: tuple[float, float], b: tuple[float, float], pad_km: float) -> tuple[float, float, float, float]:
    lat_mid = (a[1] + b[1]) / 2
    dlat = pad_km / _KM_PER_DEG
    dlon = dlat / max(math.cos(math.radians(min(abs(lat_mid) + dlat, 85.0))), 0.08)
    step = 0.25
    return (
        _snap_out(min(a[0], b[0]) - dlon, step, False),
        max(_snap_out(min(a[1], b[1]) - dlat, step, False), -89.75),
        _snap_out(max(a[0], b[0]) + dlon, step, True),
        min(_snap_out(max(a[1], b[1]) + dlat, step, True), 89.75),
    )


def _exit_bound_km(
    frame: _Frame, box: tuple[float, float, float, float], a: tuple[float, float], b: tuple[float, float]
) -> float:
    """Shortest a→boundary→b in the local plane: no path that leaves the box is shorter."""
    west, south, east, north = box
    t = np.linspace(0.0, 1.0, 257)
    edges = np.concatenate(
        [
            np.stack([west + (east - west) * t, np.full_like(t, south)], axis=1),
            np.stack([west + (east - west) * t, np.full_like(t, north)], axis=1),
            np.stack([np.full_like(t, west), south + (north - south) * t], axis=1),
            np.stack([np.full_like(t, east), south + (north - south) * t], axis=1),
        ]
    )
    pts = frame.fwd(edges)
    pa, pb = frame.fwd(np.array(a)), frame.fwd(np.array(b))
    total = np.hypot(*(pts - pa).T) + np.hypot(*(pts - pb).T)
    step = max(np.hypot(*(pts[1] - pts[0])), np.hypot(*(pts[-1] - pts[-2])))
    return float(total.min() - step)


@dataclass
class _Leg:
    coords: list[tuple[float, float]]
    access_a_km: float
    access_b_km: float
    #: Routed in a corridor round a coarse way (an archipelago), not in a whole box.
    corridor: bool = False


def _regional(
    a: tuple[float, float],
    b: tuple[float, float],
    avoid: tuple[str, ...],
    *,
    max_span_km: float = 3000.0,
    min_pad_km: float = MAX_ACCESS_KM + 10.0,
    fine: bool = False,
) -> _Leg | None:
    """Shortest water route a→b by the regional mesh, growing the box until it is provably
    the shortest (no way out of the box is shorter), or None when the box limit is reached
    without joining them."""
    from geo.sea.coastline import is_land

    frame = _Frame.around((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    direct = float(np.hypot(*(frame.fwd(np.array(b)) - frame.fwd(np.array(a)))))
    max_span_km = min(max_span_km, 3.0 * direct + 300.0)
    pad = max(0.5 * direct + 20.0, min_pad_km)
    if not fine:
        leg = _corridor_route(a, b, avoid, _box_around(a, b, pad), direct)
        if leg is not None:
            return leg
    best: _Leg | None = None
    while True:
        box = _box_around(a, b, pad)
        mesh = _mesh(box, avoid, fine)
        leg = None
        last = 2 * pad + direct > max_span_km
        if not mesh.empty:
            # Rejoining an end on land to the other end's water body is the last resort: a
            # bigger box may join the nearest water to it first.
            leg = _route_in_mesh(mesh, a, b, rejoin=last)
            if leg is None and not last:
                # Unless an end's nearest water is a pocket closed on every side (a dock, a
                # lagoon the grown shore seals): no bigger box opens it, so carry the end out
                # of it now instead of growing the box to its limit first.
                pocket = [mesh.enclosed(mesh.snap(p)) for p in (a, b)]
                if any(pocket):
                    leg = _route_in_mesh(mesh, a, b, rejoin=True)
                    if leg is None and any(k and not is_land(*p) for k, p in zip(pocket, (a, b), strict=True)):
                        return best  # an end at sea in a sealed pocket: no box joins it
        if leg is not None:
            length = _planar_length(frame, leg.coords)
            best = leg
            if length <= _exit_bound_km(frame, box, a, b):
                return leg
        if last:
            return best
        pad *= 2.0


#: A box meeting more pieces of land than this is an archipelago (the Stockholm-Helsinki box
#: meets 22,000 islets, 175,000 vertices of routing obstacles: 9 s to triangulate, most of it
#: far from any way between the ends): it is routed in a corridor first (:func:`_corridor_route`).
_CORRIDOR_MIN_PIECES = 5_000
#: Half-width of the corridor around the coarse way (km): at least this, and at least
#: :data:`_CORRIDOR_WIDTH_SHARE` of the distance between the ends; and the radius of the
#: discs round both ends, wide enough to hold an end's way out of its harbour (Stockholm's
#: inner waters, which the grown shore seals, open to the sea 20 km east of the city).
_CORRIDOR_HALF_WIDTH_KM = 15.0
_CORRIDOR_WIDTH_SHARE = 0.05
_CORRIDOR_END_KM = 25.0
#: A corridor's route is refused (the whole box is meshed instead) when an end's access leg is
#: longer than its way to the corridor's nearest water by more than this (km): the band missed
#: the end's way out by water, and the leg was carried over land to other water.
_CORRIDOR_ACCESS_SLACK_KM = 1.0
#: The coarse shore the corridor is found on: simplified to about 2 km, islets dropped.
_CORRIDOR_COARSE_KM = 2.0


def _corridor_route(
    a: tuple[float, float], b: tuple[float, float], avoid: tuple[str, ...], box: tuple[float, float, float, float],
    direct_km: float,
) -> _Leg | None:
    """In a box crowded with islets, the route in a corridor: the way between the ends on
    the coarse shore (:data:`_CORRIDOR_COARSE_KM`, islets dropped), widened to a band of
    :data:`_CORRIDOR_HALF_WIDTH_KM` each side plus discs of :data:`_CORRIDOR_END_KM` round
    the ends, meshed against the routing obstacles inside it only. None when the box is not
    crowded, or the band holds no way (the coarse shore opened a channel the real one
    closes): the caller meshes the whole box then.

    The corridor's way is the shortest inside the band, not proven the shortest in the box:
    a way through other channels further than the band's half-width from the coarse way is
    not seen, as any route on a coarse shore would miss it."""
    import shapely

    from geo.sea.coastline import land_piece_count, land_polygons

    if land_piece_count(box) <= _CORRIDOR_MIN_PIECES:
        return None
    coarse_land = land_polygons(box, tolerance_km=_CORRIDOR_COARSE_KM)
    coarse_mesh = _Mesh(box, avoid, water=shapely.difference(shapely.box(*box), coarse_land))
    if coarse_mesh.empty:
        return None
    # The coarse way only places the band: it runs between the points of the biggest body of
    # coarse water nearest the ends (an end's own harbour is inside the disc round it).
    sea = coarse_mesh.water_parts[int(np.argmax(shapely.area(coarse_mesh.water_parts)))]
    ends_on_sea = [shapely.get_coordinates(shapely.shortest_line(shapely.Point(p), sea))[-1] for p in (a, b)]
    found = coarse_mesh.shortest(*[(float(x), float(y)) for x, y in ends_on_sea])
    if found is None:
        return None
    coarse = _Leg([a, *found[0], b], 0.0, 0.0)
    frame = _Frame.around((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    half_km = max(_CORRIDOR_HALF_WIDTH_KM, _CORRIDOR_WIDTH_SHARE * direct_km)
    # Buffered in the local plane (km), so the band is as wide east-west as north-south.
    line = shapely.linestrings(frame.fwd(np.asarray(coarse.coords, dtype=float)))
    ends = shapely.points(frame.fwd(np.array([a, b], dtype=float)))
    band_xy = shapely.union_all([shapely.buffer(line, half_km, quad_segs=4),
                                 *shapely.buffer(ends, _CORRIDOR_END_KM, quad_segs=4)])
    band = shapely.transform(band_xy, frame.inv)
    band = shapely.clip_by_rect(band, *box)
    bw, bs, be, bn = (float(v) for v in shapely.bounds(band))
    obstacles = _obstacles(bw, bs, be, bn)
    shapely.prepare(band)
    near = obstacles[shapely.intersects(band, obstacles)] if len(obstacles) else obstacles
    water = shapely.difference(band, shapely.disjoint_subset_union_all(near)) if len(near) else band
    if shapely.is_empty(water):
        return None
    # The body of water the coarse way runs through at half its length is the open one.
    along = shapely.line_interpolate_point(shapely.linestrings(np.asarray(coarse.coords, dtype=float)), 0.5,
                                           normalized=True)
    mesh = _Mesh((bw, bs, be, bn), avoid, water=water,
                 open_at=(float(shapely.get_x(along)), float(shapely.get_y(along))))
    if mesh.empty:
        return None
    leg = _route_in_mesh(mesh, a, b)
    if leg is None:
        return None
    for end, access_km in ((a, leg.access_a_km), (b, leg.access_b_km)):
        if access_km > _geodesic_km([end, mesh.snap(end)]) + _CORRIDOR_ACCESS_SLACK_KM:
            return None
    leg.corridor = True
    return leg


def _planar_length(frame: _Frame, coords: Sequence[tuple[float, float]]) -> float:
    xy = frame.fwd(np.asarray(coords, dtype=float))
    return float(np.hypot(*np.diff(xy, axis=0).T).sum())


def _route_in_mesh(mesh: _Mesh, a: tuple[float, float], b: tuple[float, float], *, rejoin: bool = True) -> _Leg | None:
    """Route inside one mesh, with access legs for ends outside its water.

    Each end is first taken to the nearest water of the mesh. When that does not join them
    and ``rejoin`` is set, each end whose nearest water is a pocket (water the grown shore
    seals, such as a dock or a creek near a city centre) is joined to the *open* water
    instead (:func:`_join_to_water`); failing that, an end on land is joined by a straight
    leg to the other end's body of water, if it is within :data:`MAX_ACCESS_KM`.
    """
    import shapely

    from geo.sea.coastline import is_land, segments_touch_land

    ends = [mesh.snap(a), mesh.snap(b)]
    found = mesh.shortest(ends[0], ends[1])
    if found is None and not rejoin:
        return None
    prefix: list[tuple[float, float]] = []
    suffix: list[tuple[float, float]] = []
    if found is None:
        joined = [
            _join_to_water(mesh, p, q, ends[1 - k], _home_waters(mesh, (a, b)[1 - k], ends[1 - k]))
            for k, (p, q) in enumerate(zip((a, b), ends, strict=True))
        ]
        if all(j is not None for j in joined):
            (path_a, end_a), (path_b, end_b) = joined  # type: ignore[misc]
            found = mesh.shortest(end_a, end_b)
            if found is not None:
                prefix, suffix = path_a[:-1], path_b[::-1][1:]
    if found is None:
        prefix, suffix = [], []
        ends = [mesh.snap(a), mesh.snap(b)]
        # An end on land may have snapped to water cut off from the other end: join it to
        # the other end's body of water instead, if that is near enough.
        parts = mesh.water_parts
        for k in (0, 1):
            if not is_land(*(a, b)[k]):
                continue  # an end at sea is never carried across land to another water body
            home = mesh.part_index(ends[1 - k])
            if home < 0 or shapely.distance(parts[home], shapely.Point(ends[k])) < 1e-7:
                continue
            line = shapely.shortest_line(shapely.Point((a, b)[k]), parts[home])
            q_lon, q_lat = shapely.get_coordinates(line)[-1]
            q = (float(q_lon), float(q_lat))
            # Only a place that stands by both waters (a town on a spit between the sea and
            # a lagoon) is carried over to the other one: not a port on the open sea taken
            # 40 km over land into a lagoon that has no way out.
            reach_km = _geodesic_km([(a, b)[k], q])
            if reach_km <= min(MAX_ACCESS_KM, _geodesic_km([(a, b)[k], ends[k]]) + _REJOIN_SLACK_KM):
                ends[k] = q
        found = mesh.shortest(ends[0], ends[1])
        if found is None:
            return None
    coords, _ = found
    coords = prefix + list(coords) + suffix
    ends = [coords[0], coords[-1]]  # where the water part begins: the access legs join these
    if mesh.avoid:
        # An access leg must not slip past a passage that is avoided.
        closed = {PASSAGES[k].name for k in mesh.avoid}
        for p, q in zip((a, b), ends, strict=True):
            if p != q and closed & set(passages_crossed([p, q])):
                return None
        if (prefix or suffix) and closed & set(passages_crossed(coords)):
            return None
    access = [0.0, 0.0]
    out = list(coords)
    for k, (p, q) in enumerate(zip((a, b), ends, strict=True)):
        if p == q:
            continue
        leg = [p, q] if k == 0 else [q, p]
        on_land = bool(is_land(p[0], p[1])) or bool(segments_touch_land(leg)[0])
        if on_land:
            access[k] = _geodesic_km(leg)
        if k == 0:
            out.insert(0, p)
        else:
            out.append(p)
    return _Leg(out, access[0], access[1])


#: How much longer than the way to its own nearest water the leg carrying an end on land to
#: the other end's water may be, in km.
_REJOIN_SLACK_KM = 10.0


def _home_waters(
    mesh: _Mesh, other: tuple[float, float] | None = None, other_snapped: tuple[float, float] | None = None
) -> np.ndarray:
    """Which of the mesh's bodies of water an end may be joined to: those that reach the
    box's sides (the way on to the sea) and, when the ``other`` end of the route lies at sea,
    the water it lies in (``other_snapped``: ``other`` taken to the mesh's water), whatever
    its size. Never the end's own pocket: a dock or lagoon the grown shore seals is left by
    water (:func:`_escape_pocket`) or not at all."""
    from geo.sea.coastline import is_land

    homes = mesh.open_parts.copy()
    if other is not None and other_snapped is not None and not is_land(other[0], other[1]):
        k = mesh.part_index(other_snapped)
        if k >= 0:
            homes[k] = True
    return homes


def _join_to_water(
    mesh: _Mesh, end: tuple[float, float], snapped: tuple[float, float], toward: tuple[float, float], homes: np.ndarray
) -> tuple[list[tuple[float, float]], tuple[float, float]] | None:
    """How ``end`` (taken to ``snapped``, its nearest water in ``mesh``) reaches one of the
    bodies of water marked in ``homes``: (path of water points ending at the join point, join
    point), or None.

    * Its nearest water is a home: that is the join point, with no path.
    * Its nearest water is a sealed pocket: the way out by water at full resolution
      (:func:`_escape_pocket`), toward ``toward``.
    * Otherwise an end on land (a city centre a few km inland, whose nearest water may be a
      creek or a dock) is joined straight to the nearest point of a home, if that lies within
      :data:`MAX_ACCESS_KM`; the caller reports it as an access leg. An end at sea is never
      carried over land.
    """
    import shapely

    from geo.sea.coastline import is_land

    k = mesh.part_index(snapped)
    if k >= 0 and homes[k]:
        return [snapped], snapped
    if not homes.any():
        return None
    escape = _escape_pocket(mesh, end, snapped, toward, homes)
    if escape is not None:
        return escape
    if not is_land(end[0], end[1]):
        return None
    home = shapely.multipolygons(list(mesh.water_parts[homes]))
    line = shapely.shortest_line(shapely.Point(end), home)
    q_lon, q_lat = shapely.get_coordinates(line)[-1]
    q = (float(q_lon), float(q_lat))
    if _geodesic_km([end, q]) > MAX_ACCESS_KM:
        return None
    return [q], q


#: Pockets wider than this (in degrees, either way) are not searched at full resolution:
#: a lagoon the size of the Szczecin Lagoon (0.8° across, sealed by the grown shore at the
#: Świna, open at full resolution) still is, in a few tenths of a second.
_POCKET_MAX_DEG = 1.0
#: Margin around a pocket for its full-resolution mesh, in km: enough to reach past the
#: obstacles' growth and along the channel that the growth closes (the Świna runs 3 km on
#: from where the grown shore shuts it to the open sea) into the open water outside.
_POCKET_MARGIN_KM = 8.0


def _escape_pocket(
    mesh: _Mesh, end: tuple[float, float], snapped: tuple[float, float], other: tuple[float, float], homes: np.ndarray
) -> tuple[list[tuple[float, float]], tuple[float, float]] | None:
    """The way by water out of the sealed pocket where ``end`` (snapped to ``snapped`` in
    ``mesh``) lies, into the bodies of water marked in ``homes`` (see :func:`_home_waters`):
    (path from the end's full-resolution water to the exit point, exit point), or None when
    ``end`` is not in such a pocket or no way out is found at full resolution.

    The exit point is the node of a small full-resolution mesh around the pocket, lying in
    a home water, that minimises the way there plus the straight line on to ``other``.
    """
    import shapely

    k = mesh.part_index(snapped)
    if k < 0 or homes[k] or not homes.any() or not mesh.enclosed(snapped):
        return None
    pocket = mesh.water_parts[k]
    home = shapely.multipolygons(list(mesh.water_parts[homes]))
    west, south, east, north = shapely.bounds(pocket)
    west, east = min(west, end[0]), max(east, end[0])
    south, north = min(south, end[1]), max(north, end[1])
    if east - west > _POCKET_MAX_DEG or north - south > _POCKET_MAX_DEG:
        return None
    dlat = _POCKET_MARGIN_KM / _KM_PER_DEG
    dlon = dlat / max(math.cos(math.radians(min(abs(south + north) / 2 + dlat, 85.0))), 0.08)
    step = 0.01
    box = (
        _snap_out(west - dlon, step, False),
        max(_snap_out(south - dlat, step, False), -89.75),
        _snap_out(east + dlon, step, True),
        min(_snap_out(north + dlat, step, True), 89.75),
    )
    fine = _mesh(box, mesh.avoid, fine=True)
    if fine.empty:
        return None
    start = fine.snap(end)
    start_xy = fine.frame.fwd(np.array(start, dtype=float))
    tri = fine.locate(start_xy)
    if tri < 0:
        return None
    reached, _, _ = _search(fine, fine._links(tri, start_xy))
    if not reached:
        return None
    nodes = np.fromiter(reached, dtype=np.int64, count=len(reached))
    cost = np.fromiter(reached.values(), dtype=float, count=len(reached))
    ll = fine.frame.inv(fine.node_xy[nodes])
    outside = shapely.contains_xy(home, ll[:, 0], ll[:, 1])
    if not outside.any():
        return None
    onward = np.hypot(*(mesh.frame.fwd(ll) - mesh.frame.fwd(np.array(other, dtype=float))).T)
    score = np.where(outside, cost + onward, np.inf)
    best = int(np.argmin(score))
    exit_point = (float(ll[best, 0]), float(ll[best, 1]))
    found = fine.shortest(start, exit_point)
    if found is None:
        return None
    return list(found[0]), exit_point


def _marnet_path() -> Path:
    """The MARNET GeoJSON shipped inside the ``searoute`` package, found without importing
    it (its import pulls in networkx: a tenth of a second)."""
    import importlib.util

    spec = importlib.util.find_spec("searoute")
    if spec is None or not spec.submodule_search_locations:
        raise NoSeaRoute(
            "ocean routes need the MARNET sea lanes shipped with the PyPI package 'searoute'; "
            "install it with 'pip install searoute==1.6.0'"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "marnet_searoute.geojson"


#: Bump when the derivation of the network arrays changes.
_NETWORK_SCHEMA = 1


def _network_arrays() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """MARNET as arrays (nodes (lon, lat), edge ends u and v, edge lengths in km), read from
    the user cache directory, derived there from searoute's GeoJSON the first time (parsing
    the GeoJSON and measuring 16,000 geodesics is ~80 ms; reading the arrays ~2 ms)."""
    import os
    import tempfile

    from geo.fileio import cache_dir, installed_version

    path = cache_dir() / f"marnet-s{_NETWORK_SCHEMA}-searoute{installed_version('searoute')}.npz"
    import zipfile

    from geo.fileio import cache_note

    try:
        with np.load(path) as data:
            arrays = data["nodes"], data["u"], data["v"], data["length_km"]
        if len(arrays[1]) == len(arrays[2]) == len(arrays[3]) and arrays[0].ndim == 2 and len(arrays[0]):
            return arrays
        cache_note(f"the sea network cache {str(path)!r} was incomplete; rebuilding it")
    except FileNotFoundError:
        pass
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile) as exc:  # truncated or damaged
        cache_note(f"the sea network cache {str(path)!r} was damaged ({type(exc).__name__}); rebuilding it")
    arrays = _derive_network()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=".marnet-", suffix=".npz", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            np.savez(out, nodes=arrays[0], u=arrays[1], v=arrays[2], length_km=arrays[3])
        os.replace(tmp, path)  # atomic: readers see the old file, none, or the whole new one
    except OSError:
        pass  # an unwritable cache only costs the derivation next time
    return arrays


def _derive_network() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    import json

    from geo.geodesy import GEOD

    text = _marnet_path().read_text(encoding="utf-8")
    lines: list[list[list[float]]] = []
    for feature in json.loads(text)["features"]:
        geom = feature["geometry"]
        lines.extend([geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"])
    starts, ends = [], []
    for line in lines:
        xy = np.asarray(line, dtype=float)[:, :2]
        starts.append(xy[:-1])
        ends.append(xy[1:])
    p = np.concatenate(starts)
    q = np.concatenate(ends)
    # Longitudes past 180 (the network runs on across the Bering Sea) fold back; a node at
    # +180 is the same as one at -180.
    def fold(xy: np.ndarray) -> np.ndarray:
        return np.stack([(xy[:, 0] + 180.0) % 360.0 - 180.0, xy[:, 1]], axis=1)

    p, q = np.round(fold(p), 6), np.round(fold(q), 6)
    nodes, inverse = np.unique(np.concatenate([p, q]), axis=0, return_inverse=True)
    inverse = inverse.ravel()
    u, v = inverse[: len(p)], inverse[len(p) :]
    keep = u != v
    # Ice-bound Arctic lanes (Northern Sea Route, Northwest Passage) are left out, as
    # searoute does by default: north of the Arctic Circle except the Norwegian and
    # Barents Seas (30° W to 60° E), which stay open all year.
    lat_max = np.maximum(nodes[u, 1], nodes[v, 1])
    lon_u, lon_v = nodes[u, 0], nodes[v, 0]
    atlantic = (lon_u >= -30) & (lon_u <= 60) & (lon_v >= -30) & (lon_v <= 60)
    keep &= (lat_max < ARCTIC_LAT) | atlantic
    u, v = u[keep], v[keep]
    _, _, dist_m = GEOD.inv(nodes[u, 0], nodes[u, 1], nodes[v, 0], nodes[v, 1])
    return nodes, u, v, np.asarray(dist_m) / 1000.0 + 1e-9


def _edges_over_shallows(nodes: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """For each network edge (``nodes[u]`` to ``nodes[v]``, the far end unwrapped next to the
    near one), whether it crosses the line of one of the :data:`~geo.sea.passages.SHALLOWS`."""
    import shapely

    out = np.zeros(len(u), dtype=bool)
    px, py = nodes[u, 0], nodes[u, 1]
    qx = px + (nodes[v, 0] - px + 180.0) % 360.0 - 180.0
    qy = nodes[v, 1]
    for shallows in SHALLOWS:
        w, s, e, n = shallows.bounds
        for shift in (-360.0, 0.0, 360.0):
            near = np.flatnonzero((np.minimum(px, qx) <= e + shift) & (np.maximum(px, qx) >= w + shift)
                                  & (np.minimum(py, qy) <= n) & (np.maximum(py, qy) >= s))
            if not len(near):
                continue
            lines = shapely.linestrings(np.stack([np.stack([px[near], py[near]], axis=1),
                                                  np.stack([qx[near], qy[near]], axis=1)], axis=1))
            line = shapely.linestrings(np.asarray(shallows.line, dtype=float) + np.array([shift, 0.0]))
            out[near[shapely.intersects(lines, line)]] = True
    return out


#: How much more a MARNET lane costs the search per degree its southern end lies south of
#: the voyage's southern limit (:func:`southern_floor`; 0.1: a lane along 50° S costs twice
#: its length when the limit is 40° S). MARNET's Indian Ocean grid has lanes along 40°, 45°
#: and 50° S, and a search by length alone took the 50° S lane, the great circle's side,
#: which ships between Australia and the Cape of Good Hope keep north of (ice and the
#: westerlies' storms; distance tables follow them: Drewry's Sydney-Rotterdam round the Cape
#: is 12,707 nmi, the 50° S lanes gave 12,259 nmi, the 40° S lanes 12,667). A lane the
#: voyage cannot do without (round Cape Horn or through the Strait of Magellan) is still
#: taken: it only costs more than its length.
_SOUTHERN_COST_PER_DEG = 0.1
#: Weighted graphs kept per process, by avoided passages and southern limit (the least recently used goes).
_GRAPHS_KEPT = 8


def southern_floor(a_lat: float, b_lat: float) -> float:
    """The latitude (degrees) a voyage between these two latitudes keeps north of when it
    can: :data:`SOUTHERN_LIMIT_LAT`, or the southern end's own latitude when that lies further
    south (Hobart, 43° S), or none (-90) for an end south of the lanes themselves (the ice,
    Antarctica's coast)."""
    south = min(a_lat, b_lat)
    return -90.0 if south < _LANES_SOUTHERNMOST_LAT else min(SOUTHERN_LIMIT_LAT, south)


def _southern_cost_factor(lat: np.ndarray, floor: float) -> np.ndarray:
    """The search's cost per km of a lane whose southern end lies at ``lat`` (degrees), for a
    voyage that keeps north of ``floor`` when it can."""
    return 1.0 + _SOUTHERN_COST_PER_DEG * np.maximum(0.0, floor - lat)


class _Network:
    """MARNET sea lanes as shipped with searoute: nodes (lon, lat), edges with lengths in km
    and the costs the search weighs them by (:func:`_southern_cost_factor`)."""

    def __init__(self) -> None:
        nodes, u, v, length_km = _network_arrays()
        keep = ~_edges_over_shallows(nodes, u, v)
        u, v, length_km = u[keep], v[keep], length_km[keep]
        self.nodes = nodes
        self.u, self.v = u, v
        self.length_km = length_km
        self._south_lat = np.minimum(nodes[u, 1], nodes[v, 1])
        self._tree: Any = None
        self._cut: dict[tuple[str, ...], np.ndarray] = {}
        self._graphs: _Recent[tuple[tuple[str, ...], float], _Adjacency] = _Recent(_GRAPHS_KEPT)
        rad = np.radians(nodes)
        self._unit = np.stack(
            [np.cos(rad[:, 1]) * np.cos(rad[:, 0]), np.cos(rad[:, 1]) * np.sin(rad[:, 0]), np.sin(rad[:, 1])], axis=1
        )

    def graph_avoiding(self, avoid: tuple[str, ...], floor: float) -> _Adjacency:
        """The graph without the edges that cross the gates of the avoided passages, each lane
        weighed by its length, more for a lane south of ``floor`` (the voyage's
        :func:`southern_floor`, whole degrees: see :func:`_southern_cost_factor`)."""
        key = (avoid, floor)
        graph = self._graphs.get(key)
        if graph is _ABSENT:
            keep = ~self._cut_by(avoid)
            cost_km = self.length_km * _southern_cost_factor(self._south_lat, floor)
            graph = _Adjacency.undirected(len(self.nodes), self.u[keep], self.v[keep], cost_km[keep])
            self._graphs.put(key, graph)
        return graph

    def _cut_by(self, avoid: tuple[str, ...]) -> np.ndarray:
        """Which edges cross the gates of the avoided passages."""
        import shapely

        if not avoid:
            return np.zeros(len(self.u), dtype=bool)
        if avoid not in self._cut:
            if self._tree is None:
                # Edges as lines with the far end unwrapped next to the near one.
                nodes, u, v = self.nodes, self.u, self.v
                qx = nodes[u, 0] + (nodes[v, 0] - nodes[u, 0] + 180.0) % 360.0 - 180.0
                lines = shapely.linestrings(
                    np.stack([np.stack([nodes[u, 0], nodes[u, 1]], axis=1), np.stack([qx, nodes[v, 1]], axis=1)],
                             axis=1)
                )
                self._tree = shapely.STRtree(lines)
            cut = np.zeros(len(self.u), dtype=bool)
            for key in avoid:
                gate = np.array(PASSAGES[key].gate, dtype=float)
                for shift in (-360.0, 0.0, 360.0):
                    line = shapely.linestrings(gate + np.array([shift, 0.0]))
                    cut[self._tree.query(line, predicate="intersects")] = True
            self._cut[avoid] = cut
        return self._cut[avoid]

    def lower_bound_km(self, p: tuple[float, float]) -> list[float]:
        """For each node, a distance to ``p`` in km that no WGS84 geodesic can beat: the
        great-circle arc on a sphere smaller than the Earth's smallest radius of curvature."""
        lon, lat = math.radians(p[0]), math.radians(p[1])
        target = np.array([math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)])
        cosang = np.clip(self._unit @ target, -1.0, 1.0)
        return (np.arccos(cosang) * _LOWER_BOUND_RADIUS_KM).tolist()

    def nearest(self, p: tuple[float, float], k: int, max_km: float) -> tuple[np.ndarray, np.ndarray]:
        """Up to ``k`` node ids nearest to ``p`` within ``max_km`` and their distances in km."""
        lat1, lat2 = math.radians(p[1]), np.radians(self.nodes[:, 1])
        dlon = np.radians(self.nodes[:, 0] - p[0])
        hav = np.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * np.cos(lat2) * np.sin(dlon / 2) ** 2
        d = 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(hav, 0, 1)))
        order = np.argsort(d)[: 4 * k]
        order = order[d[order] <= max_km]
        return order, d[order]


#: A sphere radius (km) under which every WGS84 geodesic is longer than the arc: the meridian
#: radius of curvature at the equator is 6335.4 km; leave a margin.
_LOWER_BOUND_RADIUS_KM = 6300.0


@functools.lru_cache(maxsize=1)
def _network() -> _Network:
    return _Network()


#: Network nodes tried at each end of an ocean route, and how far away they may be, in km.
_JUNCTIONS = 5
_JUNCTION_MAX_KM = 400.0


#: The last few ends' junction costs (:func:`_end_costs`), kept in the process like the
#: meshes they are computed on: a port is the end of many voyages, and its costs to its
#: nearest lane nodes do not depend on the other end (two thirds of a warm ocean route's time
#: went to computing them again).
_END_COSTS: _Recent[tuple[tuple[float, float], tuple[str, ...]], Any] = _Recent(8)


def _end_costs(p: tuple[float, float], net: _Network, avoid: tuple[str, ...]):
    """:func:`_find_end_costs`, remembered for the last few ends (:data:`_END_COSTS`)."""
    key = (p, avoid)
    found = _END_COSTS.get(key)
    if found is _ABSENT:
        found = _find_end_costs(p, net, avoid)
        _END_COSTS.put(key, found)
    return found


def _find_end_costs(p: tuple[float, float], net: _Network, avoid: tuple[str, ...]):
    """Water distance (km, planar estimate) from ``p`` to its nearest usable network nodes,
    over the regional mesh of a box holding them. Returns (mesh, where p joins the mesh's
    water, nodes, their (lon, lat) unwrapped next to p, costs), or None.

    Usable nodes lie in water that leads on to the sea (:func:`_home_waters`): MARNET runs up
    canals and rivers (the Panama Canal beside Colón) that the grown shore closes, and a
    node there is no way out to sea. When none of the nearest few is usable, the box takes in
    all the candidates within :data:`_JUNCTION_MAX_KM`.
    """
    from geo.sea.coastline import is_land

    ids, _ = net.nearest(p, 4 * _JUNCTIONS, _JUNCTION_MAX_KM)
    if not len(ids):
        return None
    pts = net.nodes[ids].copy()
    pts[:, 0] = p[0] + (pts[:, 0] - p[0] + 180.0) % 360.0 - 180.0
    wet = ~np.asarray(is_land(pts[:, 0], pts[:, 1]))
    ids, pts = ids[wet], pts[wet]
    if not len(ids):
        return None
    frame = _Frame.around(*p)
    reach = np.hypot(*(frame.fwd(pts) - frame.fwd(np.array(p))).T)
    for first in sorted({min(_JUNCTIONS, len(ids)), len(ids)}):
        box = _box_around(p, p, float(reach[:first].max()) + 40.0)
        mesh = _mesh(box, avoid)
        if mesh.empty:
            continue
        start = mesh.snap(p)
        homes = _home_waters(mesh)
        west, south, east, north = box
        inside = (pts[:, 0] > west) & (pts[:, 0] < east) & (pts[:, 1] > south) & (pts[:, 1] < north)
        usable = np.zeros(len(pts), dtype=bool)
        for i in np.flatnonzero(inside):
            k = mesh.part_index((float(pts[i, 0]), float(pts[i, 1])))
            usable[i] = k >= 0 and bool(homes[k])
        if usable.any():
            break
    else:
        return None
    cand_ids, cand_pts = ids[usable][:_JUNCTIONS], pts[usable][:_JUNCTIONS]
    # The end's nearest water may be a pocket the grown shore seals (a creek or dock by a
    # city centre): join it to open water, as _route_in_mesh will when it draws this leg,
    # or no junction is reachable and the whole route is lost.
    joined = _join_to_water(mesh, p, start, (float(cand_pts[0, 0]), float(cand_pts[0, 1])), homes)
    if joined is None:
        return None
    path, start = joined
    costs = mesh.costs_from(start, cand_pts) + _planar_length(mesh.frame, path)
    ok = np.isfinite(costs)
    if not ok.any():
        return None
    return mesh, start, cand_ids[ok], cand_pts[ok], costs[ok]


#: How far an end in open water may look for network nodes it sees across clear water, in
#: km: MARNET's open-ocean nodes stand about 10° apart in the Southern Ocean, so a point there
#: can be 1,100 km from the nearest.
_OPEN_SEA_MAX_KM = 2500.0
#: Open-water legs are drawn as geodesics with points this far apart, in km: close enough
#: that the straight lon/lat pieces (as checked and drawn) follow the geodesic. Routes joined
#: across open water use half of it: their later straightening passes look past corners from
#: these points, and finer points let them pull the line round Antarctica's coast.
_OPEN_SEA_STEP_KM = 100.0


#: Sight answers (clear or not) kept in the process, like the meshes: the lanes' vertices
#: recur from route to route, and a route asked again in a process is answered without a
#: land test (a clear line's points are recomputed, which is cheap; a few MB at most).
_SIGHT_CACHE: _Recent[tuple[float, float, float, float, float], bool] = _Recent(50_000)


def _open_sea_path(
    p: tuple[float, float], q: tuple[float, float], step_km: float = _OPEN_SEA_STEP_KM
) -> list[tuple[float, float]] | None:
    """The geodesic from ``p`` to ``q`` as unwrapped (lon, lat) points every ``step_km``,
    or None when any piece of it touches full-resolution land (remembered: see
    :data:`_SIGHT_CACHE`)."""
    from geo.sea.coastline import path_touches_land

    key = (p[0], p[1], q[0], q[1], step_km)
    clear = _SIGHT_CACHE.get(key)
    if clear is False:
        return None
    path = _geodesic_points(p, q, step_km)
    if clear is _ABSENT:
        clear = not path_touches_land(path)
        _SIGHT_CACHE.put(key, clear)
    return path if clear else None


def _geodesic_points(p: tuple[float, float], q: tuple[float, float], step_km: float) -> list[tuple[float, float]]:
    """The geodesic from ``p`` to ``q`` as (lon, lat) points every ``step_km``, longitudes
    unwrapped from ``p``'s, both ends kept exactly."""
    from geo.geodesy import GEOD

    lon1, lon2 = p[0], p[0] + (q[0] - p[0] + 180.0) % 360.0 - 180.0
    km = GEOD.inv(lon1, p[1], lon2, q[1])[2] / 1000.0
    steps = max(1, math.ceil(km / step_km))
    if steps > 1:
        mid = GEOD.inv_intermediate(lon1, p[1], lon2, q[1], npts=steps - 1, initial_idx=1, terminus_idx=1,
                                   return_back_azimuth=False)
        inner = _unwrap([(lon1, p[1])] + list(zip(mid.lons, mid.lats, strict=True)) + [(lon2, q[1])])
    else:
        inner = [(lon1, p[1]), (lon2, q[1])]
    # Keep the given ends exactly (the unwrapping may only move their longitude by turns).
    return [(float(lon1), float(p[1]))] + [(float(x), float(y)) for x, y in inner[1:-1]] + [(float(lon2), float(q[1]))]


#: South of this latitude (degrees), pulling a route taut across open water never takes it
#: further south than the lanes it replaces, and a lane costs the search more than its length
#: (:func:`_southern_cost_factor`): ships between the Cape of Good Hope and Australia sail a
#: composite great circle that keeps north of the Southern Ocean's ice and storms, while the
#: plain great circle from Tasmania to the Cape dips to 60° S (Sydney-Rotterdam round the
#: Cape came out 4.5 % short of Drewry's figure, and searoute-py, which keeps to the lanes,
#: 0.4 %). Routes whose lanes go further south (Cape Horn, the Strait of Magellan) are pulled
#: taut down to the lanes' own latitude; a voyage with an end south of this latitude may go
#: down to that end's latitude (Hobart to the Cape keeps north of 43° S, not the great
#: circle's 62° S), one with an end south of the lanes themselves anywhere
#: (:func:`southern_floor`).
SOUTHERN_LIMIT_LAT = -40.0
#: South of MARNET's southernmost lanes (about 55° S): an end there is no voyage the limit is for.
_LANES_SOUTHERNMOST_LAT = -55.0
#: Vertices tried one by one past the last one seen, before a straightening step stops
#: looking further along the path.
_STRAIGHTEN_LOOKAHEAD = 3
#: A spur is a stretch of path more than twice as long as the straight line across its
#: mouth plus this (radians of arc: 20 km), whose mouth is under 300 km wide.
_SPUR_MIN_RAD = 20.0 / 6371.0
_SPUR_MAX_RAD = 300.0 / 6371.0
#: Vertices past a spur's mouth tried at most, furthest first.
_SPUR_TRIES = 12
#: At most this many straightening passes over a route joined across open water, and over
#: the others (a second pass takes Hong Kong-Nha Trang from +4.7 % to +2.4 % of the published
#: course; a third gains a few km more and costs as much again).
_STRAIGHTEN_PASSES = 3
_STRAIGHTEN_LANE_PASSES = 2


def _straighten(
    coords: list[tuple[float, float]], avoid: tuple[str, ...], step_km: float = _OPEN_SEA_STEP_KM,
    memo: dict[tuple[tuple[float, float], tuple[float, float]], Any] | None = None,
) -> list[tuple[float, float]]:
    """The path pulled taut across open water: from each vertex, a far later vertex it sees
    (the geodesic between them meets no full-resolution land and crosses no avoided passage)
    is joined by that geodesic, skipping those between. Never longer than the path.

    The vertex is found by galloping (the 2nd, 4th, 8th... vertex on) and then bisecting,
    a logarithmic number of sight tests per step rather than one per vertex, which is what
    keeps an ocean route of hundreds of vertices fast; sight is not monotone along a path
    (a headland hides a few vertices), so a few vertices past the one found are tried too.
    """
    n = len(coords)
    if n < 3:
        return list(coords)
    closed = {PASSAGES[k].name for k in avoid}
    seen_before = {} if memo is None else memo  # sight answers, kept across passes by the caller

    lats = [c[1] for c in coords]
    floor = southern_floor(lats[0], lats[-1])

    def sight(i: int, k: int) -> list[tuple[float, float]] | None:
        key = (coords[i], coords[k])
        if key in seen_before:
            path = seen_before[key]
        else:
            path = _open_sea_path(coords[i], coords[k], step_km)
            if path is not None and _barred(path, closed):
                path = None
            seen_before[key] = path
        if path is not None:
            # Composite great-circle sailing: the shortcut keeps north of the southern limit
            # unless the way it replaces already goes further south (Cape Horn, Antarctica).
            lowest = min(p[1] for p in path)
            if lowest < floor and lowest < min(lats[i : k + 1]) - 1e-6:
                return None
        return path

    xy = np.radians(np.asarray(coords, dtype=float))
    unit = np.stack([np.cos(xy[:, 1]) * np.cos(xy[:, 0]), np.cos(xy[:, 1]) * np.sin(xy[:, 0]), np.sin(xy[:, 1])],
                    axis=1)
    along = np.concatenate([[0.0], np.cumsum(np.arccos(np.clip((unit[1:] * unit[:-1]).sum(axis=1), -1.0, 1.0)))])
    out = [coords[0]]
    i = 0
    while i < n - 1:
        seen, best = i + 1, None
        k = i + 2
        blocked = n
        while k < n:
            path = sight(i, k)
            if path is None:
                blocked = k
                break
            seen, best = k, path
            if k == n - 1:
                break
            k = min(i + 2 * (k - i), n - 1)
        while blocked - seen > 1 and blocked < n:
            mid = (seen + blocked) // 2
            path = sight(i, mid)
            if path is None:
                blocked = mid
            else:
                seen, best = mid, path
        # Past a headland that hides a few vertices the path may come back into sight.
        k, misses = seen + 2, 0
        while k < n and misses < _STRAIGHTEN_LOOKAHEAD:
            path = sight(i, k)
            if path is None:
                misses += 1
            else:
                seen, best, misses = k, path, 0
            k += 1
        # A spur: the path runs into a dead end (a gulf up to a canal the coastline closes,
        # such as Corinth's) and back out past where it went in. Later vertices near this one
        # but far along the path are tried directly, furthest first.
        direct = np.arccos(np.clip(unit[seen + 1 :] @ unit[i], -1.0, 1.0))
        detour = np.flatnonzero((along[seen + 1 :] - along[i] > 2.0 * direct + _SPUR_MIN_RAD)
                                & (direct < _SPUR_MAX_RAD))
        for k in (detour[::-1][:_SPUR_TRIES] + seen + 1).tolist():
            path = sight(i, k)
            if path is not None:
                seen, best = k, path
                break
        if best is None or _geodesic_km(best) >= _geodesic_km(coords[i : seen + 1]):
            out.append(coords[i + 1])
            i += 1
            continue
        out.extend(best[1:-1])
        out.append(coords[seen])
        i = seen
    return out


def _open_sea_ends(p: tuple[float, float], net: _Network, avoid: tuple[str, ...]):
    """For an end in open water with no usable network node within :data:`_JUNCTION_MAX_KM`
    (the Southern Ocean, far from every lane): the nearest nodes it sees across clear water
    (the geodesic to them meets no land and no avoided passage), within
    :data:`_OPEN_SEA_MAX_KM`. Returns (their ids, their (lon, lat) unwrapped next to ``p``,
    geodesic costs in km, the open-water paths to them), or None."""
    from geo.sea.coastline import is_land

    if is_land(p[0], p[1]):
        return None
    ids, _ = net.nearest(p, 4 * _JUNCTIONS, _OPEN_SEA_MAX_KM)
    closed = {PASSAGES[k].name for k in avoid}
    found: list[tuple[int, tuple[float, float], float, list[tuple[float, float]]]] = []
    for i in ids.tolist():
        node = (float(net.nodes[i, 0]), float(net.nodes[i, 1]))
        node = (p[0] + (node[0] - p[0] + 180.0) % 360.0 - 180.0, node[1])
        path = _open_sea_path(p, node, _OPEN_SEA_STEP_KM / 2)
        if path is None or _barred(path, closed):
            continue
        found.append((i, path[-1], _geodesic_km(path), path))
        if len(found) == _JUNCTIONS:
            break
    if not found:
        return None
    return (np.array([f[0] for f in found]), np.array([f[1] for f in found], dtype=float),
            np.array([f[2] for f in found], dtype=float), [f[3] for f in found])


def _ocean(
    a: tuple[float, float], b: tuple[float, float], avoid: tuple[str, ...], *, cache: bool = False
) -> _Leg | None:
    """Route by the MARNET lanes, joined at both ends by regional routes (``cache``: use the
    route cache for the repairs of lanes that touch land). An end in open water far from
    every lane joins the nearest nodes it sees across clear water (:func:`_open_sea_ends`)."""
    net = _network()
    ends: list[Any] = []
    open_paths: list[list[list[tuple[float, float]]] | None] = []
    for p in (a, b):
        end = _end_costs(p, net, avoid)
        paths = None
        if end is None:
            found = _open_sea_ends(p, net, avoid)
            if found is None:
                return None
            ids, pts, costs, paths = found
            end = (None, p, ids, pts, costs)
        ends.append(end)
        open_paths.append(paths)
    (mesh_a, sa, ids_a, pts_a, cost_a), (mesh_b, sb, ids_b, pts_b, cost_b) = ends
    starts: dict[int, float] = {}
    for i, c in zip(ids_a.tolist(), (cost_a + 1e-9).tolist(), strict=True):
        starts[i] = min(c, starts.get(i, math.inf))
    goals: dict[int, float] = {}
    for i, c in zip(ids_b.tolist(), (cost_b + 1e-9).tolist(), strict=True):
        goals[i] = min(c, goals.get(i, math.inf))
    # A*: from a node, what is left to sail is at least the arc to a junction plus that
    # junction's cost, hence at least the arc to b less the most any junction's cost falls
    # short of its own arc (the costs near b are planar estimates); a constant offset keeps
    # the heuristic consistent, so the path is the one Dijkstra would find.
    arc = net.lower_bound_km(b)
    slack = max(0.0, max(arc[i] - c for i, c in goals.items()))
    heuristic = [max(0.0, x - slack) for x in arc]
    floor = float(math.floor(southern_floor(a[1], b[1])))
    _, pred, last = _search(net.graph_avoiding(avoid, floor), starts, goals, heuristic)
    if last < 0:
        return None
    chain = _walk_back(pred, last)
    deepest = float(math.floor(net.nodes[chain, 1].min()))
    if deepest < floor:
        # The voyage goes south of its limit anyway (through the Strait of Magellan, round Cape
        # Horn): the limit was no choice it had, so the rest of it need not keep north of it
        # either (Buenos Aires-Auckland ran along 40° S after Magellan, 8 % longer).
        _, pred, last = _search(net.graph_avoiding(avoid, deepest), starts, goals, heuristic)
        if last < 0:
            return None
        chain = _walk_back(pred, last)
    ka, kb = list(ids_a).index(chain[0]), list(ids_b).index(chain[-1])
    ja, jb = pts_a[ka], pts_b[kb]
    paths_a, paths_b = open_paths
    leg_a = (_Leg(paths_a[ka], 0.0, 0.0) if paths_a is not None
             else _route_in_mesh(mesh_a, a, (float(ja[0]), float(ja[1]))))
    leg_b = (_Leg(paths_b[kb][::-1], 0.0, 0.0) if paths_b is not None
             else _route_in_mesh(mesh_b, (float(jb[0]), float(jb[1])), b))
    if leg_a is None or leg_b is None:
        return None
    middle = [(float(net.nodes[i, 0]), float(net.nodes[i, 1])) for i in chain]
    middle = _unwrap([leg_a.coords[-1]] + middle)[1:]
    middle = _repair(_unwrap(middle), avoid, cache=cache)
    tail = _unwrap([middle[-1]] + list(leg_b.coords))[1:]
    coords = list(leg_a.coords) + middle + tail
    # The lanes' polyline pulled taut across open water (MARNET's open-ocean nodes stand
    # 10° apart in the Southern Ocean; its lanes bend at waypoints that no open-sea voyage
    # needs), access legs kept as they are.
    head = 1 if leg_a.access_a_km > 0 else 0
    foot = len(coords) - (1 if leg_b.access_b_km > 0 else 0)
    middle = coords[head:foot]
    far_out = paths_a is not None or paths_b is not None
    memo: dict[tuple[tuple[float, float], tuple[float, float]], Any] = {}
    for _ in range(_STRAIGHTEN_PASSES if far_out else _STRAIGHTEN_LANE_PASSES):
        # A vertex kept by one pass (a far lane node no earlier vertex saw past) may be
        # seen past from the points the pass added: pull again while it pays.
        taut = _straighten(middle, avoid, _OPEN_SEA_STEP_KM / 2 if far_out else _OPEN_SEA_STEP_KM, memo)
        if _geodesic_km(taut) > _geodesic_km(middle) * (1.0 - 1e-4):
            break
        middle = taut
    coords = coords[:head] + middle + coords[foot:]
    access = [leg_a.access_a_km, leg_b.access_b_km]
    # The lanes reach each end by a node that may lie off the way in (a node south-west of
    # Subic Bay for a voyage from the north-west): within the end's own mesh, already
    # built, the exact water path from the end to the furthest route vertex inside it.
    coords, access[0] = _rejoin_end(mesh_a, a, coords, access[0], first=True)
    coords, access[1] = _rejoin_end(mesh_b, b, coords, access[1], first=False)
    return _Leg(coords, access[0], access[1])


#: How far from an end (km, planar) the vertex may lie that its exact water path is joined to:
#: far enough to find the way into a bay that the lanes approach from the wrong side, near
#: enough that the search in the end's mesh stays small.
_REJOIN_MAX_KM = 200.0


def _rejoin_end(
    mesh: _Mesh | None, end: tuple[float, float], coords: list[tuple[float, float]], access_km: float, *, first: bool
) -> tuple[list[tuple[float, float]], float]:
    """``coords`` with its stretch from ``end`` (the first point when ``first``, else the
    last) to the furthest vertex inside ``mesh`` replaced by the mesh's shortest water path,
    when that is shorter; and the end's access leg in km."""
    if mesh is None or mesh.empty or len(coords) < 3:
        return coords, access_km
    import shapely

    path = coords if first else coords[::-1]
    west, south, east, north = mesh.box
    frame = _Frame.around(*end)
    reach = np.hypot(*(frame.fwd(np.asarray(path, dtype=float)) - frame.fwd(np.array(end, dtype=float))).T)
    inside = [i for i, (x, y) in enumerate(path)
              if west < x < east and south < y < north and reach[i] <= _REJOIN_MAX_KM]
    if not inside or inside[-1] < 2:
        return coords, access_km
    j = inside[-1]
    while j >= 2 and not shapely.intersects(mesh.water, shapely.Point(path[j])):
        j -= 1
    if j < 2:
        return coords, access_km
    # Search only when the stretch could shorten the route by a thousandth (the straight line
    # bounds what any water path saves): a search in a big end mesh costs tens of ms.
    stretch_km = _geodesic_km(path[: j + 1])
    if stretch_km - _geodesic_km([path[0], path[j]]) < max(1.0, 1e-3 * _geodesic_km(coords)):
        return coords, access_km
    leg = _route_in_mesh(mesh, end, path[j]) if first else _route_in_mesh(mesh, path[j], end)
    if leg is None:
        return coords, access_km
    new = list(leg.coords) if first else list(leg.coords)[::-1]
    if _geodesic_km(new) >= stretch_km - 1e-6:
        return coords, access_km
    spliced = new + path[j + 1 :]
    return (spliced if first else spliced[::-1]), (leg.access_a_km if first else leg.access_b_km)


def _repair(
    coords: list[tuple[float, float]], avoid: tuple[str, ...], *, cache: bool = False
) -> list[tuple[float, float]]:
    """Replace runs of network segments that touch full-resolution land by regional routes."""
    from geo.sea.coastline import is_land, segments_touch_land

    if len(coords) < 2:
        return coords
    bad = segments_touch_land(coords)
    if not bad.any():
        return coords
    wet = ~np.asarray(is_land(np.array([c[0] for c in coords]), np.array([c[1] for c in coords])))
    out: list[tuple[float, float]] = [coords[0]]
    i = 0
    while i < len(coords) - 1:
        if not bad[i]:
            out.append(coords[i + 1])
            i += 1
            continue
        # The run: from the last wet node before it to the first wet node after it.
        j = i + 1
        while j < len(coords) - 1 and (bad[j] or not wet[j]):
            j += 1
        start, end = out[-1], coords[j]
        detour = _repair_run(start, end, avoid, cache=cache)
        if detour is None:
            out.extend(coords[i + 1 : j + 1])  # keep the lane: better than no route; flagged by tests
        else:
            out.extend(_unwrap([start] + detour[1:])[1:])
        i = j
    return out


def _repair_run(
    start: tuple[float, float], end: tuple[float, float], avoid: tuple[str, ...], *, cache: bool
) -> list[tuple[float, float]] | None:
    """A regional route between two lane nodes at sea (start to end), or None; kept in the
    route cache, since every ocean route sailing those lanes needs the same one."""
    from geo.sea import cache as routecache

    stored = routecache.lookup(start, end, avoid, kind="lane") if cache else None
    if stored is not None:
        return None if stored["coords"] is None else [(float(x), float(y)) for x, y in stored["coords"]]
    # Lane ends are at sea: a small box will do, grown only when needed.
    frame = _Frame.around(*start)
    span = float(np.hypot(*(frame.fwd(np.array(end)) - frame.fwd(np.array(start)))))
    leg = _regional(start, end, avoid, max_span_km=1500.0, min_pad_km=0.25 * span + 5.0)
    if leg is not None and (leg.access_a_km > 0 or leg.access_b_km > 0):
        leg = None  # lane nodes are at sea: a leg over land is no repair
    if leg is None and span < 150.0:
        leg = _regional(start, end, avoid, max_span_km=4 * span + 40.0, min_pad_km=0.25 * span + 5.0, fine=True)
    coords = None if leg is None else [(float(x), float(y)) for x, y in leg.coords]
    if cache:
        routecache.remember(start, end, avoid, {"coords": coords}, kind="lane")
    return coords
