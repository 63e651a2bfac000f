"""River and ship channels to river ports: the way by water that GSHHG does not draw.

GSHHG's sea shore stops at river mouths, so a river port (Rotterdam, Antwerp, Hamburg, Houston,
New Orleans, Shanghai, Izmail, Kherson) stands on its "land", and the nearest sea in it can be
the wrong water (Rotterdam's is the Haringvliet, behind a dam). ``data/channels.geojson``
(written by ``scripts/build_channels.py`` from Natural Earth rivers and a few curated channel
centre-lines, each with its source) holds the channels. They form a small network: pieces meet
where they share a vertex, and the pieces marked ``to_sea`` end in GSHHG water.

An end on GSHHG land within :data:`CHANNEL_REACH_KM` of a channel, with no GSHHG water nearer
than the channel, leaves by the channel: a straight leg to its nearest point (reported as an
access leg over land), then along the channels to a sea end (:func:`ways_to_sea`). Two ends on
one network may go along it from one to the other (:func:`way_between`). A canal open to the
sea at both ends (the Kiel, Corinth and Cape Cod canals, :func:`through_canals`) is a short cut
any voyage may take. A piece may instead end in a closed sea that GSHHG draws as land
(``closed_sea``: the Volga in the Caspian, the St. Lawrence Seaway in Lake Ontario):
:func:`way_out_of` is the way from that sea along the channels to GSHHG water (up the Volga,
through the Volga–Don Canal, down the Don to the Sea of Azov; down the Seaway and the St.
Lawrence to Quebec City), and :func:`way_from_closed_sea` the way from it to a place on the
channels.
"""

from __future__ import annotations

import functools
import heapq
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["CHANNEL_REACH_KM", "Channel", "ChannelWay", "along_a_through_canal", "channels", "planar_km",
           "through_canals", "way_between", "way_from_closed_sea", "way_out_of", "ways_to_sea"]

#: An end further than this from every channel does not use one, in km (downtown Houston is
#: 8 km from the Turning Basin, where its ship channel begins).
CHANNEL_REACH_KM = 12.0
#: Sea ends whose way along the channels is at most this much longer than the shortest are
#: also offered (Izmail: the Chilia mouths and Sulina are about as far), as a share and in km.
_OTHER_WAY_SHARE = 0.5
_OTHER_WAY_KM = 20.0
_MAX_WAYS = 2
_KM_PER_DEG = 111.32


@dataclass(frozen=True, slots=True)
class Channel:
    """One piece of a channel: ``coords`` (lon, lat) towards the water it ends in (downstream,
    save for a piece drawn up into a closed sea: the St. Lawrence Seaway from Montreal to Lake
    Ontario); ``to_sea`` when its last point lies in GSHHG water; ``closed_sea`` the name of the
    closed sea (:data:`geo.sea.closed_seas.CLOSED_SEAS`) whose own water its last point lies
    in, if any (the Volga's, in the Caspian; the Seaway's, in the Great Lakes); ``source`` its
    citation."""

    name: str
    coords: tuple[tuple[float, float], ...]
    to_sea: bool
    source: str
    dataset: str = ""
    from_sea: bool = False
    serves: tuple[str, ...] = ()
    closed_sea: str = ""


@dataclass(frozen=True, slots=True)
class ChannelWay:
    """The way from a place along channels: ``coords`` (lon, lat) from the point where the
    place joins a channel to where the way ends (a sea end, or the other place's join point);
    ``land_km`` the straight leg from the place to that join point, ``channel_km`` the length
    along the channels, ``names`` the channel pieces in the order sailed, ``datasets`` where
    their lines come from (no repeats)."""

    coords: tuple[tuple[float, float], ...]
    land_km: float
    channel_km: float
    names: tuple[str, ...]
    datasets: tuple[str, ...]


def planar_km(a: Sequence[float], b: Sequence[float]) -> float:
    """Distance in km between two (lon, lat) points in a local equirectangular frame: enough
    along a channel, whose pieces are a few km at most (also used by
    ``scripts/build_channels.py``, which writes them)."""
    kx = _KM_PER_DEG * math.cos(math.radians((a[1] + b[1]) / 2))
    return math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * _KM_PER_DEG)


@functools.lru_cache(maxsize=1)
def channels() -> tuple[Channel, ...]:
    """Every channel piece shipped in ``data/channels.geojson``."""
    from geo.fileio import data_file

    raw = json.loads(data_file("channels.geojson").read_text(encoding="utf-8"))
    return tuple(
        Channel(name=f["properties"]["name"],
                coords=tuple((float(x), float(y)) for x, y in f["geometry"]["coordinates"]),
                to_sea=bool(f["properties"]["to_sea"]), source=str(f["properties"]["source"]),
                dataset=str(f["properties"].get("dataset", "")), from_sea=bool(f["properties"].get("from_sea")),
                serves=tuple(f["properties"].get("serves", ())),
                closed_sea=str(f["properties"].get("closed_sea", "")))
        for f in raw["features"]
    )


@dataclass(frozen=True)
class _Network:
    nodes: list[tuple[float, float]]
    edges: dict[int, list[tuple[int, float, int]]]  # node -> (node, km, channel index)
    segments: np.ndarray  # (n, 4): lon0, lat0, lon1, lat1
    segment_nodes: np.ndarray  # (n, 2) node ids
    segment_channel: np.ndarray  # (n,) channel index
    sea_ends: frozenset[int]


@functools.lru_cache(maxsize=1)
def _network() -> _Network:
    ids: dict[tuple[float, float], int] = {}
    nodes: list[tuple[float, float]] = []
    edges: dict[int, list[tuple[int, float, int]]] = {}
    segs, seg_nodes, seg_channel = [], [], []
    sea_ends = set()

    def node(p: tuple[float, float]) -> int:
        if p not in ids:
            ids[p] = len(nodes)
            nodes.append(p)
        return ids[p]

    for c, channel in enumerate(channels()):
        for p, q in zip(channel.coords, channel.coords[1:], strict=False):
            i, j = node(p), node(q)
            w = planar_km(p, q)
            edges.setdefault(i, []).append((j, w, c))
            edges.setdefault(j, []).append((i, w, c))
            segs.append((*p, *q))
            seg_nodes.append((i, j))
            seg_channel.append(c)
        if channel.to_sea:
            sea_ends.add(node(channel.coords[-1]))
        if channel.from_sea:
            sea_ends.add(node(channel.coords[0]))
    return _Network(nodes, edges, np.asarray(segs, dtype=float), np.asarray(seg_nodes, dtype=np.int64),
                    np.asarray(seg_channel, dtype=np.int64), frozenset(sea_ends))


@dataclass(frozen=True)
class _Join:
    point: tuple[float, float]
    km: float  # from the place to the point
    segment: int


def _join(p: tuple[float, float]) -> _Join | None:
    """The nearest point of any channel to ``p``, if within :data:`CHANNEL_REACH_KM`."""
    net = _network()
    if not len(net.segments):
        return None
    kx = _KM_PER_DEG * math.cos(math.radians(p[1]))
    a = (net.segments[:, :2] - p) * (kx, _KM_PER_DEG)
    b = (net.segments[:, 2:] - p) * (kx, _KM_PER_DEG)
    d = b - a
    t = np.clip(-(a * d).sum(axis=1) / np.maximum((d * d).sum(axis=1), 1e-12), 0.0, 1.0)
    closest = a + d * t[:, None]
    dist = np.hypot(closest[:, 0], closest[:, 1])
    k = int(np.argmin(dist))
    if dist[k] > CHANNEL_REACH_KM:
        return None
    x0, y0, x1, y1 = net.segments[k]
    point = (float(x0 + (x1 - x0) * t[k]), float(y0 + (y1 - y0) * t[k]))
    return _Join(point, float(dist[k]), k)


def _water_nearer(p: tuple[float, float], km: float) -> bool:
    """Whether GSHHG has water within ``km`` of ``p`` (rings of points every 250 m or so): such
    a place is on the shore, and leaves by it rather than by a channel further off."""
    from geo.sea.coastline import is_land

    if km <= 0.05:
        return False
    radii = np.linspace(min(0.25, km), km, max(2, int(km / 0.25)))
    angles = np.linspace(0.0, 2.0 * math.pi, 48, endpoint=False)
    kx = _KM_PER_DEG * max(math.cos(math.radians(p[1])), 0.05)
    r, a = np.meshgrid(radii, angles)
    lon = p[0] + (r * np.cos(a)).ravel() / kx
    lat = p[1] + (r * np.sin(a)).ravel() / _KM_PER_DEG
    return not bool(np.all(is_land(lon, lat)))


def _dijkstra(join: _Join) -> tuple[dict[int, float], dict[int, tuple[int, int]]]:
    """Costs (km along the channels) from a join point to every node it reaches, and each
    node's predecessor (node, channel index); -1 stands for the join point itself."""
    net = _network()
    i, j = (int(v) for v in net.segment_nodes[join.segment])
    c = int(net.segment_channel[join.segment])
    cost: dict[int, float] = {}
    previous: dict[int, tuple[int, int]] = {}
    queue: list[tuple[float, int]] = []
    for n in (i, j):
        w = planar_km(join.point, net.nodes[n])
        if w < cost.get(n, math.inf):
            cost[n] = w
            previous[n] = (-1, c)
            heapq.heappush(queue, (w, n))
    while queue:
        w, n = heapq.heappop(queue)
        if w > cost[n]:
            continue
        for m, km, ch in net.edges.get(n, ()):
            if w + km < cost.get(m, math.inf):
                cost[m] = w + km
                previous[m] = (n, ch)
                heapq.heappush(queue, (w + km, m))
    return cost, previous


def _path(
    join: _Join, previous: dict[int, tuple[int, int]], target: int
) -> tuple[list[tuple[float, float]], list[int]]:
    net = _network()
    coords = [net.nodes[target]]
    used: list[int] = []
    n = target
    while n != -1:
        before, ch = previous[n]
        if not used or used[-1] != ch:
            used.append(ch)
        coords.append(join.point if before == -1 else net.nodes[before])
        n = before
    return coords[::-1], used[::-1]


def _way(join: _Join, coords: list[tuple[float, float]], used: list[int], km: float) -> ChannelWay:
    pieces = channels()
    out: list[tuple[float, float]] = []
    for p in coords:
        if not out or out[-1] != p:
            out.append(p)
    names = tuple(dict.fromkeys(pieces[c].name for c in used))
    datasets = tuple(dict.fromkeys(pieces[c].dataset for c in used))
    return ChannelWay(tuple(out), join.km, km, names, datasets)


def _usable_join(p: tuple[float, float]) -> _Join | None:
    from geo.sea.coastline import is_land

    if not is_land(p[0], p[1]):
        return None  # an end at sea leaves by the sea
    join = _join(p)
    if join is None or _water_nearer(p, join.km):
        return None
    return join


def ways_to_sea(p: tuple[float, float]) -> list[ChannelWay]:
    """The ways from ``p`` (lon, lat) along the channels to the sea, shortest first: none when
    ``p`` is at sea, further than :data:`CHANNEL_REACH_KM` from every channel, or nearer to
    GSHHG water than to a channel. Besides the shortest, a way at most half as long again (and
    20 km) is offered too, since which mouth is best depends on where the voyage goes."""
    join = _usable_join(p)
    if join is None:
        return []
    cost, previous = _dijkstra(join)
    ends = sorted((cost[n], n) for n in _network().sea_ends if n in cost)
    if not ends:
        return []
    best = ends[0][0]
    out = []
    for km, n in ends[:_MAX_WAYS]:
        if km <= best * (1.0 + _OTHER_WAY_SHARE) + _OTHER_WAY_KM:
            coords, used = _path(join, previous, n)
            out.append(_way(join, coords, used, km))
    return out


@functools.lru_cache(maxsize=1)
def _through_canal_segments() -> frozenset[tuple[tuple[float, float], tuple[float, float]]]:
    pieces = (zip(c.coords, c.coords[1:], strict=False) for c in through_canals())
    return frozenset(pair for piece in pieces for pair in piece)


def along_a_through_canal(p: tuple[float, float], q: tuple[float, float]) -> bool:
    """Whether the segment ``p``-``q`` is a piece of a through canal's line (consecutive
    vertices of one, :func:`through_canals`), as a route along the canal sails it."""
    segments = _through_canal_segments()
    return (p, q) in segments or (q, p) in segments


def through_canals() -> tuple[Channel, ...]:
    """The channels open to the sea at both ends (the Kiel, Corinth and Cape Cod canals): short
    cuts a sea route may take between their two ends."""
    return tuple(c for c in channels() if c.from_sea and c.to_sea)


def way_between(a: tuple[float, float], b: tuple[float, float]) -> ChannelWay | None:
    """The way from ``a`` to ``b`` along the channels alone, when both join one network (Izmail
    to Tulcea): ``coords`` from ``a``'s join point to ``b``'s, ``land_km`` ``a``'s leg only."""
    ja, jb = _usable_join(a), _usable_join(b)
    if ja is None or jb is None:
        return None
    return _between(ja, jb)


def _between(ja: _Join, jb: _Join) -> ChannelWay | None:
    net = _network()
    if ja.segment == jb.segment:
        return ChannelWay((ja.point, jb.point), ja.km, planar_km(ja.point, jb.point),
                          (channels()[int(net.segment_channel[ja.segment])].name,),
                          (channels()[int(net.segment_channel[ja.segment])].dataset,))
    cost, previous = _dijkstra(ja)
    best: tuple[float, int] | None = None
    for n in (int(v) for v in net.segment_nodes[jb.segment]):
        if n in cost:
            total = cost[n] + planar_km(net.nodes[n], jb.point)
            if best is None or total < best[0]:
                best = (total, n)
    if best is None:
        return None
    coords, used = _path(ja, previous, best[1])
    last = int(net.segment_channel[jb.segment])
    if used[-1] != last:
        used.append(last)
    return _way(ja, [*coords, jb.point], used, best[0])


def _closed_sea_joins(sea: str) -> list[_Join]:
    """Joins at the ends of the channels that lead into ``sea`` (their last points, in its
    water), on their last segments."""
    net = _network()
    out = []
    for c, channel in enumerate(channels()):
        if channel.closed_sea == sea:
            end = channel.coords[-1]
            k = int(np.flatnonzero((net.segment_channel == c)
                                   & (net.segments[:, 2] == end[0]) & (net.segments[:, 3] == end[1]))[0])
            out.append(_Join(end, 0.0, k))
    return out


@functools.cache
def way_out_of(sea: str) -> ChannelWay | None:
    """The shortest way along the channels out of the closed sea ``sea`` (a name in
    :data:`geo.sea.closed_seas.CLOSED_SEAS`) to GSHHG water: ``coords`` from a channel's end in that
    sea's water (the Volga's mouth) to a sea end (the Don's, in the Sea of Azov); None when no
    channel leads out of it. Found once per sea: it depends on the shipped channels alone."""
    best: ChannelWay | None = None
    for join in _closed_sea_joins(sea):
        cost, previous = _dijkstra(join)
        ends = sorted((cost[n], n) for n in _network().sea_ends if n in cost)
        if ends and (best is None or ends[0][0] < best.channel_km):
            coords, used = _path(join, previous, ends[0][1])
            best = _way(join, coords, used, ends[0][0])
    return best


def way_from_closed_sea(sea: str, p: tuple[float, float]) -> ChannelWay | None:
    """The shortest way along the channels from a channel's end in the closed sea ``sea`` to
    the point where ``p`` joins them (Astrakhan or Volgograd up the Volga, Rostov-on-Don down
    the Don), when ``p`` does (see :func:`ways_to_sea`); else None. ``land_km`` is 0: the way
    starts in the sea's water."""
    target = _usable_join(p)
    if target is None:
        return None
    ways = [w for w in (_between(join, target) for join in _closed_sea_joins(sea)) if w is not None]
    return min(ways, key=lambda w: w.channel_km, default=None)
