"""Sea routes that start and end at the real places and never cross land.

How a route is made
-------------------
1. **Access legs.** An end on land (a town a few km inland, a port point on the quay) is
   joined by a straight leg to the nearest water of the routing mesh; the leg's length is
   reported in ``Route.access_legs_km``. Further than :data:`MAX_ACCESS_KM` from the sea the
   place is taken to be inland and :class:`~geo.errors.NoSeaRoute` is raised.
2. **Regional hops** (ends up to :data:`REGIONAL_MAX_KM` apart): the water of the pair's region
   (a box around both ends minus the routing obstacles of :mod:`geo.coastline`, which contain
   the full-resolution GSHHG land) is triangulated (constrained Delaunay); a Dijkstra search
   over points on the triangles' shared edges picks the corridor, and the funnel algorithm
   pulls the line taut inside it: the shortest path in that corridor, bending only at
   coastline corners. The box grows until no path leaving it could be shorter.
3. **Ocean crossings**: the MARNET sea-lane network shipped with ``searoute`` (Eurostat),
   joined at each end by a regional route to the best of the nearest network nodes. Network
   edges that touch full-resolution land are replaced by regional routes.
4. **Passages** (straits and canals, :data:`PASSAGES`) are gates from shore to shore: a route
   uses a passage when it crosses its gate, and ``avoid`` closes the gate.

Every route is checked segment by segment against full-resolution land before it is returned.
"""

from __future__ import annotations

import difflib
import functools
import math
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from geo.errors import BadCoordinates, BadInput, NoSeaRoute
from geo.types import Place, Route

__all__ = [
    "PASSAGES",
    "Passage",
    "MAX_ACCESS_KM",
    "REGIONAL_MAX_KM",
    "ARCTIC_LAT",
    "passages_crossed",
    "sea_route",
    "route_feature",
    "passage_names",
]

#: An end further than this from navigable water is inland: no sea route, in km.
MAX_ACCESS_KM = 50.0
#: Ends further apart than this go by the ocean network, in km.
REGIONAL_MAX_KM = 500.0
_KM_PER_DEG = 111.32
#: Network lanes north of this latitude (outside the Norwegian and Barents Seas) are not used.
ARCTIC_LAT = 66.56


# --------------------------------------------------------------------------------------------
# Passages
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Passage:
    """A named strait or canal, recognised by a gate: a line from shore to shore across it.

    ``gate`` is a sequence of (lon, lat) points whose two ends lie on land, so every water
    path through the passage crosses it; ``aliases`` are other accepted spellings.
    """

    name: str
    gate: tuple[tuple[float, float], ...]
    aliases: tuple[str, ...] = ()
    description: str = ""


#: Passages by canonical (lower-case) key. A route "uses" a passage when its line crosses the
#: gate; ``avoid=`` closes the gate. The gate ends are checked to lie on land by the tests.
PASSAGES: dict[str, Passage] = {
    p.name.lower(): p
    for p in (
        Passage("Suez", ((32.05, 30.80), (32.60, 30.80)), ("suez canal",), "Suez Canal, Egypt"),
        Passage("Panama", ((-79.75, 9.00), (-79.65, 9.25)), ("panama canal",), "Panama Canal"),
        Passage(
            "Malacca",
            ((101.60, 2.95), (100.95, 1.95)),
            ("strait of malacca", "malacca strait"),
            "Strait of Malacca, Port Klang–Dumai",
        ),
        Passage("Singapore", ((103.95, 1.45), (103.95, 1.05)), ("singapore strait",), "Singapore Strait"),
        Passage("Gibraltar", ((-5.60, 36.08), (-5.60, 35.82)), ("strait of gibraltar",), "Strait of Gibraltar"),
        Passage(
            "Bab-el-Mandeb",
            ((43.50, 12.75), (43.30, 12.42)),
            ("babalmandab", "bab el mandeb", "bab al-mandab", "mandeb"),
            "Bab-el-Mandeb, Yemen–Djibouti",
        ),
        Passage("Hormuz", ((56.42, 26.18), (56.29, 27.21)), ("ormuz", "strait of hormuz"), "Strait of Hormuz"),
        Passage("Bosporus", ((28.98, 41.10), (29.12, 41.10)), ("bosphorus", "istanbul strait"), "Bosporus, Istanbul"),
        Passage("Dardanelles", ((26.34, 40.22), (26.45, 40.06)), ("canakkale", "çanakkale"), "Dardanelles, Çanakkale"),
        Passage("Kerch", ((36.38, 45.30), (37.02, 45.30)), ("kerch strait", "strait of kerch"), "Kerch Strait"),
        Passage(
            "Korea Strait",
            ((129.05, 35.15), (130.40, 33.60)),
            ("korea", "tsushima", "tsushima strait"),
            "Korea Strait, Busan–Fukuoka (both channels, across Tsushima)",
        ),
        Passage("Tsugaru", ((140.34, 41.15), (140.19, 41.47)), ("tsugaru strait",), "Tsugaru Strait"),
        Passage("La Perouse", ((141.95, 45.42), (141.95, 46.10)), ("soya", "la pérouse", "soya strait"), "La Pérouse Strait"),
        Passage("Dover", ((1.35, 51.15), (1.65, 50.85)), ("strait of dover", "pas de calais"), "Strait of Dover"),
        Passage("Oresund", ((12.53, 55.70), (13.07, 55.70)), ("øresund", "sound"), "Øresund, Copenhagen–Malmö"),
        Passage("Messina", ((15.53, 38.22), (15.77, 38.24)), ("strait of messina",), "Strait of Messina"),
        Passage("Sunda", ((105.75, -5.75), (105.90, -6.10)), ("sunda strait",), "Sunda Strait"),
        Passage("Bering", ((-167.90, 65.62), (-170.00, 66.10)), ("bering strait",), "Bering Strait"),
        Passage("Magellan", ((-70.50, -52.48), (-70.50, -53.60)), ("strait of magellan",), "Strait of Magellan"),
        Passage("Taiwan", ((120.51, 24.18), (119.52, 25.39)), ("taiwan strait", "formosa"), "Taiwan Strait"),
    )
}


def passage_names() -> list[str]:
    """Display names of all passages, sorted."""
    return sorted(p.name for p in PASSAGES.values())


def _passage_key(name: str) -> str:
    """The PASSAGES key for a user-given name (any case, aliases allowed), or BadInput."""
    wanted = " ".join(str(name).strip().lower().replace("_", " ").split())
    for key, passage in PASSAGES.items():
        if wanted == key or wanted in passage.aliases:
            return key
    spellings = list(PASSAGES) + [a for p in PASSAGES.values() for a in p.aliases]
    close = difflib.get_close_matches(wanted, spellings, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise BadInput(f"unknown passage {name!r}{hint} Known passages: {', '.join(passage_names())}")


# --------------------------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------------------------


def _geodesic_km(coords: Sequence[tuple[float, float]]) -> float:
    from geo.geodesy import GEOD

    if len(coords) < 2:
        return 0.0
    xy = np.asarray(coords, dtype=float)
    return float(GEOD.line_length(xy[:, 0], xy[:, 1])) / 1000.0


@dataclass(frozen=True, slots=True)
class _Frame:
    """A local plane: x east, y north, both in km, an affine map of lon/lat (straight lines
    stay straight, so a segment checked in one is checked in the other)."""

    lon0: float
    lat0: float
    kx: float

    @staticmethod
    def around(lon: float, lat: float) -> "_Frame":
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
    from geo.coastline import _windows

    return _windows(west, east)


def _obstacles(west: float, south: float, east: float, north: float) -> np.ndarray:
    """Routing obstacles clipped to the box (longitudes may run past ±180)."""
    import shapely

    from geo.coastline import obstacle_polygons

    out = []
    for lo, hi, shift in _lon_windows(west, east):
        geoms = obstacle_polygons((lo, south, hi, north))
        if not len(geoms):
            continue
        clipped = np.array([shapely.clip_by_rect(g, lo, south, hi, north) for g in geoms], dtype=object)
        clipped = clipped[~shapely.is_empty(clipped)]
        if shift and len(clipped):
            clipped = shapely.transform(clipped, lambda xy, s=shift: xy + np.array([s, 0.0]))
        out.append(clipped)
    return np.concatenate(out) if out else np.empty(0, dtype=object)


def _gate_blockers(keys: Iterable[str], west: float, east: float) -> list[Any]:
    """Thin polygons along the gates of the avoided passages, in the box's longitudes."""
    import shapely

    out = []
    for key in keys:
        gate = np.array(PASSAGES[key].gate, dtype=float)
        for shift in (-360.0, 0.0, 360.0):
            g = gate + np.array([shift, 0.0])
            if g[:, 0].max() >= west and g[:, 0].min() <= east:
                out.append(shapely.buffer(shapely.linestrings(g), 0.002, quad_segs=1))
    return out


# --------------------------------------------------------------------------------------------
# The regional mesh
# --------------------------------------------------------------------------------------------


class _Mesh:
    """Triangulated water of one box, with the portal graph used to choose corridors."""

    def __init__(self, box: tuple[float, float, float, float], avoid: tuple[str, ...], fine: bool = False) -> None:
        import shapely
        from scipy import sparse

        west, south, east, north = box
        self.box = box
        self.avoid = avoid
        self.frame = _Frame.around((west + east) / 2, (south + north) / 2)
        if fine:
            # Full-resolution land itself, grown by ~1 m so the path never grazes the shore:
            # for canals and channels that the grown obstacles close (slower; small boxes only).
            from geo.coastline import land_polygons

            land_full = land_polygons(box)
            obstacles = [shapely.buffer(land_full, 1e-5, quad_segs=1, join_style="mitre")] if not land_full.is_empty else []
        else:
            obstacles = list(_obstacles(west, south, east, north))
        obstacles += _gate_blockers(avoid, west, east)
        land = shapely.union_all(obstacles) if obstacles else shapely.Polygon()
        self.water = shapely.difference(shapely.box(west, south, east, north), land)
        shapely.prepare(self.water)
        tris = shapely.get_parts(shapely.constrained_delaunay_triangles(self.water))
        n_tri = len(tris)
        if n_tri == 0:
            self.empty = True
            return
        self.empty = False
        corners = shapely.get_coordinates(tris).reshape(n_tri, 4, 2)[:, :3, :]
        self.vert_ll, tri_vert = np.unique(corners.reshape(-1, 2), axis=0, return_inverse=True)
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
        self.tri_portal = np.full(n_tri * 3, -1, dtype=np.int64)
        self.tri_portal[first] = np.arange(n_portal)
        self.tri_portal[second] = np.arange(n_portal)
        self.tri_portal = self.tri_portal.reshape(n_tri, 3)
        # Points along each portal: more on long ones, so the corridor search sees the short way.
        p = self.vert_xy[self.portal_vert[:, 0]]
        q = self.vert_xy[self.portal_vert[:, 1]]
        length = np.hypot(*(q - p).T)
        span = max(np.hypot(*(self.frame.fwd(np.array([east, north])) - self.frame.fwd(np.array([west, south])))), 1.0)
        spacing = span / 60.0
        self.k = np.clip(np.ceil(length / spacing).astype(np.int64), 1, 6)
        self.node_start = np.concatenate([[0], np.cumsum(self.k)])
        owner = np.repeat(np.arange(n_portal), self.k)
        j = np.arange(self.node_start[-1]) - self.node_start[owner]
        t = (j + 0.5) / self.k[owner]
        self.node_portal = owner
        self.node_xy = p[owner] + (q - p)[owner] * t[:, None]
        n_nodes = len(owner)
        # Graph edges: every node on one portal of a triangle to every node on another portal.
        rows, cols = [], []
        for s1, s2 in ((0, 1), (1, 2), (2, 0)):
            e1, e2 = self.tri_portal[:, s1], self.tri_portal[:, s2]
            ok = (e1 >= 0) & (e2 >= 0)
            e1, e2 = e1[ok], e2[ok]
            k1, k2 = self.k[e1], self.k[e2]
            cnt = k1 * k2
            pair = np.repeat(np.arange(len(e1)), cnt)
            m = np.arange(cnt.sum()) - np.repeat(np.cumsum(cnt) - cnt, cnt)
            u = self.node_start[e1][pair] + m // k2[pair]
            v = self.node_start[e2][pair] + m % k2[pair]
            rows.append(u)
            cols.append(v)
        u = np.concatenate(rows)
        v = np.concatenate(cols)
        w = np.hypot(*(self.node_xy[u] - self.node_xy[v]).T) + 1e-9
        # Two extra nodes, start and goal, are linked per query: leave room for them.
        self.n_nodes = n_nodes
        self.graph = sparse.csr_matrix((np.concatenate([w, w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n_nodes, n_nodes))
        self.tri_xy = self.vert_xy[self.tri_vert]

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

    # -- searching --------------------------------------------------------------------------

    def shortest(self, a_ll: tuple[float, float], b_ll: tuple[float, float]) -> tuple[list[tuple[float, float]], float] | None:
        """Shortest water path a→b inside this box as lon/lat points and its planar length
        in km, or None when the two are not joined by water here."""
        from scipy import sparse
        from scipy.sparse.csgraph import dijkstra

        a_xy = self.frame.fwd(np.array(a_ll, dtype=float))
        b_xy = self.frame.fwd(np.array(b_ll, dtype=float))
        ta, tb = self.locate(a_xy), self.locate(b_xy)
        if ta < 0 or tb < 0:
            return None
        if ta == tb:
            return [a_ll, b_ll], float(np.hypot(*(b_xy - a_xy)))
        n = self.n_nodes
        start, goal = n, n + 1

        def links(tri: int, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            portals = self.tri_portal[tri]
            portals = portals[portals >= 0]
            nodes = np.concatenate([np.arange(self.node_start[p], self.node_start[p + 1]) for p in portals]) if len(portals) else np.empty(0, dtype=np.int64)
            return nodes, np.hypot(*(self.node_xy[nodes] - xy).T) + 1e-9

        na, wa = links(ta, a_xy)
        nb, wb = links(tb, b_xy)
        extra = sparse.csr_matrix(
            (np.concatenate([wa, wa, wb, wb]), (np.concatenate([np.full(len(na), start), na, np.full(len(nb), goal), nb]), np.concatenate([na, np.full(len(na), start), nb, np.full(len(nb), goal)]))),
            shape=(n + 2, n + 2),
        )
        graph = sparse.bmat([[self.graph, None], [None, sparse.csr_matrix((2, 2))]], format="csr") + extra
        dist, pred = dijkstra(graph, directed=False, indices=start, return_predecessors=True)
        if not np.isfinite(dist[goal]):
            return None
        # Walk back: the portal nodes crossed, in order.
        chain = []
        node = pred[goal]
        while node != start and node >= 0:
            chain.append(int(node))
            node = pred[node]
        chain.reverse()
        portals = [int(self.node_portal[x]) for x in chain]
        path_idx = self._funnel(ta, portals, a_xy, b_xy)
        pts_xy = [a_xy] + [self.vert_xy[i] for i in path_idx] + [b_xy]
        length = float(sum(np.hypot(*(q - p)) for p, q in zip(pts_xy, pts_xy[1:])))
        coords = [a_ll] + [tuple(map(float, self.vert_ll[i])) for i in path_idx] + [b_ll]
        return coords, length

    def costs_from(self, a_ll: tuple[float, float], targets_ll: np.ndarray) -> np.ndarray:
        """Water distance estimates (km) from ``a_ll`` to each target point, inf where
        unreachable or outside this mesh's water: Dijkstra over the portal graph."""
        from scipy import sparse
        from scipy.sparse.csgraph import dijkstra

        a_xy = self.frame.fwd(np.array(a_ll, dtype=float))
        ta = self.locate(a_xy)
        out = np.full(len(targets_ll), np.inf)
        if ta < 0:
            return out
        n = self.n_nodes
        portals = self.tri_portal[ta]
        portals = portals[portals >= 0]
        if not len(portals):
            return out
        nodes = np.concatenate([np.arange(self.node_start[p], self.node_start[p + 1]) for p in portals])
        w = np.hypot(*(self.node_xy[nodes] - a_xy).T) + 1e-9
        extra = sparse.csr_matrix(
            (np.concatenate([w, w]), (np.concatenate([np.full(len(nodes), n), nodes]), np.concatenate([nodes, np.full(len(nodes), n)]))),
            shape=(n + 1, n + 1),
        )
        graph = sparse.bmat([[self.graph, None], [None, sparse.csr_matrix((1, 1))]], format="csr") + extra
        dist = dijkstra(graph, directed=False, indices=n)
        for k, t_ll in enumerate(targets_ll):
            t_xy = self.frame.fwd(np.asarray(t_ll, dtype=float))
            tt = self.locate(t_xy)
            if tt < 0:
                continue
            if tt == ta:
                out[k] = float(np.hypot(*(t_xy - a_xy)))
                continue
            ps = self.tri_portal[tt]
            ps = ps[ps >= 0]
            if not len(ps):
                continue
            tn = np.concatenate([np.arange(self.node_start[p], self.node_start[p + 1]) for p in ps])
            out[k] = float(np.min(dist[tn] + np.hypot(*(self.node_xy[tn] - t_xy).T)))
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
            cross = (pv[0] - pu[0]) * (w[1] - pu[1]) - (pv[1] - pu[1]) * (w[0] - pu[0])
            if cross > 0:  # the triangle we leave lies left of u->v: facing across, v is left
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

        def xy(idx: Any, end: np.ndarray | None = None) -> np.ndarray:
            return end if idx is None else self.vert_xy[idx]

        def point(i: int, side: list[Any]) -> tuple[np.ndarray, Any]:
            if i == 0:
                return a_xy, None
            if i == n - 1:
                return b_xy, None
            return self.vert_xy[side[i]], side[i]

        def cross(o: np.ndarray, p: np.ndarray, q: np.ndarray) -> float:
            return float((p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]))

        out: list[int] = []
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


_MESH_CACHE: OrderedDict[tuple[Any, ...], _Mesh] = OrderedDict()
_MESH_LOCK = threading.Lock()
_MESH_CACHE_SIZE = 24


def _mesh(box: tuple[float, float, float, float], avoid: tuple[str, ...], fine: bool = False) -> _Mesh:
    key = (box, avoid, fine)
    with _MESH_LOCK:
        if key in _MESH_CACHE:
            _MESH_CACHE.move_to_end(key)
            return _MESH_CACHE[key]
    mesh = _Mesh(box, avoid, fine)
    with _MESH_LOCK:
        _MESH_CACHE[key] = mesh
        while len(_MESH_CACHE) > _MESH_CACHE_SIZE:
            _MESH_CACHE.popitem(last=False)
    return mesh


# --------------------------------------------------------------------------------------------
# Ends and access legs
# --------------------------------------------------------------------------------------------


def _lonlat(value: Place | tuple[float, float] | Sequence[float], what: str) -> tuple[float, float]:
    """(lon, lat) of a Place or a (lon, lat) pair, validated."""
    if isinstance(value, Place):
        lon, lat = value.lon, value.lat
    else:
        try:
            lon, lat = (float(v) for v in value)  # type: ignore[union-attr]
        except (TypeError, ValueError):
            raise BadInput(f"{what} must be a Place or a (lon, lat) pair of numbers, got {value!r}") from None
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise BadCoordinates(f"{lon!r}, {lat!r}", f"{what} is not a finite (lon, lat)")
    if not -90.0 <= lat <= 90.0:
        raise BadCoordinates(f"{lon!r}, {lat!r}", f"{what} latitude {lat!r} is outside [-90, 90] (is it (lon, lat)?)")
    lon = (lon + 180.0) % 360.0 - 180.0 if not -180.0 <= lon <= 180.0 else lon
    return (float(lon), float(lat))


#: Closed seas and big lakes that GSHHG's sea shore counts as land, to name them in errors:
#: rough boxes (west, south, east, north), used only to word the message.
_CLOSED_WATERS: tuple[tuple[str, tuple[float, float, float, float]], ...] = (
    ("the Caspian Sea", (46.5, 36.5, 55.0, 47.2)),
    ("the Aral Sea", (58.0, 43.3, 61.9, 46.8)),
    ("the Great Lakes", (-92.3, 41.3, -75.9, 49.1)),
    ("Lake Baikal", (103.6, 51.4, 110.0, 55.9)),
    ("the Dead Sea", (35.35, 31.0, 35.65, 31.8)),
    ("Lake Victoria", (31.5, -3.1, 34.9, 0.6)),
)


def _describe(value: Place | tuple[float, float], lonlat: tuple[float, float]) -> str:
    where = f"({lonlat[1]:.4f}, {lonlat[0]:.4f})"
    return f"{value.label()} {where}" if isinstance(value, Place) else where


def _inland_error(value: Place | tuple[float, float], lonlat: tuple[float, float]) -> NoSeaRoute:
    lon, lat = lonlat
    closed = [name for name, (w, s, e, n) in _CLOSED_WATERS if w <= lon <= e and s <= lat <= n]
    note = (
        f" It lies within {closed[0]}, a closed sea or lake with no way to the ocean by water."
        if closed
        else ""
    )
    return NoSeaRoute(
        f"no sea route from {_describe(value, lonlat)}: it is on land more than {MAX_ACCESS_KM:.0f} km "
        f"from the sea shore (GSHHG; lakes and closed seas count as land).{note} "
        "Give a port or a point on the coast instead."
    )


def _near_sea(lonlat: tuple[float, float]) -> bool:
    """Whether open water lies within MAX_ACCESS_KM of a point (quick, before any routing)."""
    import shapely

    lon, lat = lonlat
    dlat = MAX_ACCESS_KM / _KM_PER_DEG
    dlon = min(dlat / max(math.cos(math.radians(lat)), 0.05), 90.0)
    box = (lon - dlon, max(lat - dlat, -90.0), lon + dlon, min(lat + dlat, 90.0))
    obstacles = _obstacles(*box)
    water = shapely.difference(shapely.box(*box), shapely.union_all(obstacles)) if len(obstacles) else shapely.box(*box)
    if shapely.is_empty(water):
        return False
    frame = _Frame.around(lon, lat)
    line = shapely.shortest_line(shapely.Point(lonlat), water)
    p, q = frame.fwd(shapely.get_coordinates(line))
    return float(np.hypot(*(q - p))) <= MAX_ACCESS_KM


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


def _exit_bound_km(frame: _Frame, box: tuple[float, float, float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
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
    import shapely

    frame = _Frame.around((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    direct = float(np.hypot(*(frame.fwd(np.array(b)) - frame.fwd(np.array(a)))))
    max_span_km = min(max_span_km, 3.0 * direct + 300.0)
    pad = max(0.5 * direct + 20.0, min_pad_km)
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
        if leg is not None:
            length = _planar_length(frame, leg.coords)
            best = leg
            if length <= _exit_bound_km(frame, box, a, b):
                return leg
        if last:
            return best
        pad *= 2.0


def _planar_length(frame: _Frame, coords: Sequence[tuple[float, float]]) -> float:
    xy = frame.fwd(np.asarray(coords, dtype=float))
    return float(np.hypot(*np.diff(xy, axis=0).T).sum())


def _route_in_mesh(mesh: _Mesh, a: tuple[float, float], b: tuple[float, float], *, rejoin: bool = True) -> _Leg | None:
    """Route inside one mesh, with access legs for ends outside its water."""
    import shapely

    from geo.coastline import is_land, segments_touch_land

    ends = []
    for p in (a, b):
        q = mesh.snap(p)
        ends.append(q)
    found = mesh.shortest(ends[0], ends[1])
    if found is None and not rejoin:
        return None
    if found is None:
        # An end on land may have snapped to a pocket of water cut off from the other end:
        # join it to the water body of the other end instead, if that is near enough.
        parts = shapely.get_parts(mesh.water)
        for k in (0, 1):
            if not is_land(*(a, b)[k]):
                continue  # an end at sea is never carried across land to another water body
            other = shapely.Point(ends[1 - k])
            # The other end may sit on its water's edge, a rounding away from inside it.
            gaps = shapely.distance(parts, other)
            home = [parts[int(np.argmin(gaps))]] if len(parts) and gaps.min() < 1e-7 else []
            if not home or shapely.distance(home[0], shapely.Point(ends[k])) < 1e-7:
                continue
            line = shapely.shortest_line(shapely.Point((a, b)[k]), home[0])
            q = tuple(float(v) for v in shapely.get_coordinates(line)[-1])
            if _geodesic_km([(a, b)[k], q]) <= MAX_ACCESS_KM:
                ends[k] = q
        found = mesh.shortest(ends[0], ends[1])
        if found is None:
            return None
    coords, _ = found
    if mesh.avoid:
        # An access leg must not slip past a passage that is avoided.
        closed = {PASSAGES[k].name for k in mesh.avoid}
        for p, q in zip((a, b), ends):
            if p != q and closed & set(passages_crossed([p, q])):
                return None
    access = [0.0, 0.0]
    out = list(coords)
    for k, (p, q) in enumerate(zip((a, b), ends)):
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


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def _dedupe(coords: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for p in coords:
        p = (float(p[0]), float(p[1]))
        if not out or out[-1] != p:
            out.append(p)
    return out


def _unwrap(coords: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Longitudes made continuous (no jump of more than 180° between neighbours)."""
    out = [coords[0]]
    for lon, lat in coords[1:]:
        prev = out[-1][0]
        out.append((lon + 360.0 * round((prev - lon) / 360.0), lat))
    return out


def passages_crossed(coords: Sequence[tuple[float, float]]) -> tuple[str, ...]:
    """Names of the passages whose gates the (lon, lat) polyline crosses, in travel order."""
    import shapely

    if len(coords) < 2:
        return ()
    line = shapely.linestrings(np.asarray(coords, dtype=float))
    xs = [c[0] for c in coords]
    found: list[tuple[float, str]] = []
    for passage in PASSAGES.values():
        gate = np.array(passage.gate, dtype=float)
        for shift in (-360.0, 0.0, 360.0):
            g = gate + np.array([shift, 0.0])
            if g[:, 0].max() < min(xs) or g[:, 0].min() > max(xs):
                continue
            hit = shapely.intersection(line, shapely.linestrings(g))
            if not shapely.is_empty(hit):
                first = shapely.get_coordinates(hit)[0]
                found.append((float(shapely.line_locate_point(line, shapely.Point(first))), passage.name))
                break
    return tuple(name for _, name in sorted(found))


def sea_route(
    a: Place | tuple[float, float],
    b: Place | tuple[float, float],
    *,
    avoid: Iterable[str] = (),
) -> Route:
    """The shortest route by sea from ``a`` to ``b`` that never crosses land.

    ``a`` and ``b`` are :class:`~geo.types.Place` objects or ``(lon, lat)`` pairs in degrees.
    ``avoid`` names passages to keep out of (see :data:`PASSAGES`; any case, aliases allowed).

    Returns a :class:`~geo.types.Route`: ``coords`` from the real ``a`` to the real ``b`` as
    (lon, lat) with unwrapped longitudes, ``length_km`` the geodesic length of that polyline
    on WGS84 in km (access legs included), ``passages`` crossed in order, ``method`` how it
    was made, ``access_legs_km`` the land-to-water legs at each end in km. Identical points
    give a zero-length route.

    Raises :class:`~geo.errors.NoSeaRoute` when an end is inland (more than
    :data:`MAX_ACCESS_KM` from the sea, e.g. Ulaanbaatar or the Caspian Sea), when no water
    joins the ends, or when the passages avoided close every way; :class:`BadInput` for an
    unknown passage name; :class:`BadCoordinates` for impossible coordinates.
    """
    pa = _lonlat(a, "origin")
    pb = _lonlat(b, "destination")
    avoid_keys = tuple(sorted({_passage_key(x) for x in ([avoid] if isinstance(avoid, str) else avoid)}))
    # Unwrap b next to a so that a pair across the antimeridian is close in longitude.
    pb_u = (pb[0] + 360.0 * round((pa[0] - pb[0]) / 360.0), pb[1])
    for value, p in ((a, pa), (b, pb)):
        if not _near_sea(p):
            raise _inland_error(value, p)
    if pa == pb:
        return Route(
            coords=(pa, pa),
            length_km=0.0,
            passages=(),
            method="identical points: zero-length route",
            access_legs_km=(0.0, 0.0),
        )
    direct_km = _geodesic_km([pa, pb_u])
    leg = None
    method = ""
    if direct_km <= REGIONAL_MAX_KM:
        leg = _regional(pa, pb_u, avoid_keys)
        if leg is None and direct_km < 60.0:
            # A narrow channel may be closed by the grown obstacles: try the shore itself.
            leg = _regional(pa, pb_u, avoid_keys, max_span_km=4 * direct_km + 150.0, fine=True)
        method = (
            "regional: constrained Delaunay triangulation of the water around both ends "
            "(GSHHG full resolution, obstacles grown 0.001°), corridor by Dijkstra, taut line by funnel"
        )
    if leg is None:
        leg = _ocean(pa, pb_u, avoid_keys)
        method = (
            "ocean: MARNET sea lanes (Eurostat, via searoute) joined at both ends by regional "
            "routes over GSHHG full resolution"
        )
    if leg is None:
        why = f" avoiding {', '.join(PASSAGES[k].name for k in avoid_keys)}" if avoid_keys else ""
        raise NoSeaRoute(
            f"no route by water from {_describe(a, pa)} to {_describe(b, pb)}{why}: they lie in "
            "waters that do not connect" + ("; try avoiding fewer passages" if avoid_keys else "")
        )
    coords = _unwrap(_dedupe(leg.coords))
    return Route(
        coords=tuple(coords),
        length_km=_geodesic_km(coords),
        passages=passages_crossed(coords),
        method=method,
        access_legs_km=(leg.access_a_km, leg.access_b_km),
    )


class _Network:
    """MARNET sea lanes as shipped with searoute: nodes (lon, lat), edges with lengths in km."""

    def __init__(self) -> None:
        import json
        from importlib import resources

        import shapely
        from scipy import sparse

        from geo.geodesy import GEOD

        text = resources.files("searoute").joinpath("data/marnet_searoute.geojson").read_text(encoding="utf-8")
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
        fold = lambda xy: np.stack([(xy[:, 0] + 180.0) % 360.0 - 180.0, xy[:, 1]], axis=1)
        p, q = np.round(fold(p), 6), np.round(fold(q), 6)
        nodes, inverse = np.unique(np.concatenate([p, q]), axis=0, return_inverse=True)
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
        self.nodes = nodes
        _, _, dist_m = GEOD.inv(nodes[u, 0], nodes[u, 1], nodes[v, 0], nodes[v, 1])
        self.u, self.v = u, v
        self.length_km = np.asarray(dist_m) / 1000.0 + 1e-9
        # Edges as lines with the far end unwrapped next to the near one, for gate tests.
        qx = nodes[u, 0] + (nodes[v, 0] - nodes[u, 0] + 180.0) % 360.0 - 180.0
        self.edge_lines = shapely.linestrings(
            np.stack([np.stack([nodes[u, 0], nodes[u, 1]], axis=1), np.stack([qx, nodes[v, 1]], axis=1)], axis=1)
        )
        self.tree = shapely.STRtree(self.edge_lines)
        n = len(nodes)
        self.graph = sparse.csr_matrix(
            (np.concatenate([self.length_km, self.length_km]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n)
        )
        self._blocked: dict[tuple[str, ...], Any] = {}

    def graph_avoiding(self, avoid: tuple[str, ...]) -> Any:
        """The graph without the edges that cross the gates of the avoided passages."""
        import shapely
        from scipy import sparse

        if not avoid:
            return self.graph
        if avoid not in self._blocked:
            cut = np.zeros(len(self.u), dtype=bool)
            for key in avoid:
                gate = np.array(PASSAGES[key].gate, dtype=float)
                for shift in (-360.0, 0.0, 360.0):
                    line = shapely.linestrings(gate + np.array([shift, 0.0]))
                    cut[self.tree.query(line, predicate="intersects")] = True
            keep = ~cut
            u, v, w = self.u[keep], self.v[keep], self.length_km[keep]
            n = len(self.nodes)
            self._blocked[avoid] = sparse.csr_matrix(
                (np.concatenate([w, w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n)
            )
        return self._blocked[avoid]

    def nearest(self, p: tuple[float, float], k: int, max_km: float) -> tuple[np.ndarray, np.ndarray]:
        """Up to ``k`` node ids nearest to ``p`` within ``max_km`` and their distances in km."""
        lat1, lat2 = math.radians(p[1]), np.radians(self.nodes[:, 1])
        dlon = np.radians(self.nodes[:, 0] - p[0])
        hav = np.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * np.cos(lat2) * np.sin(dlon / 2) ** 2
        d = 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(hav, 0, 1)))
        order = np.argsort(d)[: 4 * k]
        order = order[d[order] <= max_km]
        return order, d[order]


@functools.lru_cache(maxsize=1)
def _network() -> _Network:
    return _Network()


#: Network nodes tried at each end of an ocean route, and how far away they may be, in km.
_JUNCTIONS = 5
_JUNCTION_MAX_KM = 400.0


def _end_costs(p: tuple[float, float], net: _Network, avoid: tuple[str, ...]):
    """Water distance (km, planar estimate) from ``p`` to its nearest usable network nodes,
    over the regional mesh of a box holding them all. Returns (mesh, p in mesh, nodes, costs)."""
    from scipy.sparse.csgraph import dijkstra

    from geo.coastline import is_land

    ids, _ = net.nearest(p, 4 * _JUNCTIONS, _JUNCTION_MAX_KM)
    if not len(ids):
        return None
    pts = net.nodes[ids].copy()
    pts[:, 0] = p[0] + (pts[:, 0] - p[0] + 180.0) % 360.0 - 180.0
    wet = ~np.asarray(is_land(pts[:, 0], pts[:, 1]))
    ids, pts = ids[wet][:_JUNCTIONS], pts[wet][:_JUNCTIONS]
    if not len(ids):
        return None
    frame = _Frame.around(*p)
    reach = float(np.hypot(*(frame.fwd(pts) - frame.fwd(np.array(p))).T).max())
    box = _box_around(p, p, reach + 40.0)
    mesh = _mesh(box, avoid)
    if mesh.empty:
        return None
    start = mesh.snap(p)
    costs = mesh.costs_from(start, pts)
    ok = np.isfinite(costs)
    if not ok.any():
        return None
    return mesh, start, ids[ok], pts[ok], costs[ok]


def _ocean(a: tuple[float, float], b: tuple[float, float], avoid: tuple[str, ...]) -> _Leg | None:
    """Route by the MARNET lanes, joined at both ends by regional routes."""
    from scipy import sparse
    from scipy.sparse.csgraph import dijkstra

    net = _network()
    ends = [_end_costs(a, net, avoid), _end_costs(b, net, avoid)]
    if ends[0] is None or ends[1] is None:
        return None
    (mesh_a, sa, ids_a, pts_a, cost_a), (mesh_b, sb, ids_b, pts_b, cost_b) = ends
    graph = net.graph_avoiding(avoid)
    n = graph.shape[0]
    src, dst = n, n + 1
    rows = np.concatenate([np.full(len(ids_a), src), ids_a, np.full(len(ids_b), dst), ids_b])
    cols = np.concatenate([ids_a, np.full(len(ids_a), src), ids_b, np.full(len(ids_b), dst)])
    wts = np.concatenate([cost_a, cost_a, cost_b, cost_b]) + 1e-9
    full = sparse.bmat([[graph, None], [None, sparse.csr_matrix((2, 2))]], format="csr")
    full = full + sparse.csr_matrix((wts, (rows, cols)), shape=(n + 2, n + 2))
    dist, pred = dijkstra(full, directed=False, indices=src, return_predecessors=True)
    if not np.isfinite(dist[dst]):
        return None
    chain = [int(pred[dst])]
    while pred[chain[-1]] != src:
        chain.append(int(pred[chain[-1]]))
    chain.reverse()
    ja = pts_a[list(ids_a).index(chain[0])]
    jb = pts_b[list(ids_b).index(chain[-1])]
    leg_a = _route_in_mesh(mesh_a, a, (float(ja[0]), float(ja[1])))
    leg_b = _route_in_mesh(mesh_b, (float(jb[0]), float(jb[1])), b)
    if leg_a is None or leg_b is None:
        return None
    middle = [tuple(map(float, net.nodes[i])) for i in chain]
    middle = _unwrap([leg_a.coords[-1]] + middle)[1:]
    middle = _repair(_unwrap(middle), avoid)
    tail = _unwrap([middle[-1]] + list(leg_b.coords))[1:]
    coords = list(leg_a.coords) + middle + tail
    return _Leg(coords, leg_a.access_a_km, leg_b.access_b_km)


def _repair(coords: list[tuple[float, float]], avoid: tuple[str, ...]) -> list[tuple[float, float]]:
    """Replace runs of network segments that touch full-resolution land by regional routes."""
    from geo.coastline import is_land, segments_touch_land

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
        # Lane ends are at sea: a small box will do, grown only when needed.
        frame = _Frame.around(*start)
        span = float(np.hypot(*(frame.fwd(np.array(end)) - frame.fwd(np.array(start)))))
        leg = _regional(start, end, avoid, max_span_km=1500.0, min_pad_km=0.25 * span + 5.0)
        if leg is not None and (leg.access_a_km > 0 or leg.access_b_km > 0):
            leg = None  # lane nodes are at sea: a leg over land is no repair
        if leg is None and span < 150.0:
            leg = _regional(start, end, avoid, max_span_km=4 * span + 40.0, min_pad_km=0.25 * span + 5.0, fine=True)
        if leg is None:
            out.extend(coords[i + 1 : j + 1])  # keep the lane: better than no route; flagged by tests
        else:
            out.extend(_unwrap([start] + leg.coords[1:])[1:])
        i = j
    return out


def route_feature(route: Route, *, properties: dict[str, Any] | None = None) -> dict[str, Any]:
    """A route as an RFC 7946 GeoJSON Feature (plain dict): a LineString, or a
    MultiLineString cut at ±180; [lon, lat] rounded to 6 decimals.

    Properties, in this order: ``kind`` ("sea_route"), ``length_km``, ``length_nmi``,
    ``passages``, ``method``, ``access_legs_km``, then ``properties`` as given. Byte-identical
    JSON run to run.
    """
    from geo.geodesy import split_antimeridian
    from geo.units import from_km

    parts = split_antimeridian(route.coords)
    lines = [[[round(x, 6) + 0.0, round(y, 6) + 0.0] for x, y in part] for part in parts]
    geometry: dict[str, Any] = (
        {"type": "LineString", "coordinates": lines[0]}
        if len(lines) == 1
        else {"type": "MultiLineString", "coordinates": lines}
    )
    props: dict[str, Any] = {
        "kind": "sea_route",
        "length_km": round(route.length_km, 3),
        "length_nmi": round(from_km(route.length_km, "nmi"), 3),
        "passages": list(route.passages),
        "method": route.method,
        "access_legs_km": [round(x, 3) for x in route.access_legs_km],
    }
    props.update(properties or {})
    return {"type": "Feature", "properties": props, "geometry": geometry}
