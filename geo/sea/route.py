"""Sea routes that start and end at the real places and never cross land.

How a route is made
-------------------
1. **Access legs.** An end on land (a town a few km inland, a port point on the quay) is
   joined by a straight leg to the nearest water of the routing mesh; the leg's length is
   reported in ``Route.access_legs_km``. Further than :data:`MAX_ACCESS_KM` from the sea the
   place is taken to be inland and :class:`~geo.errors.NoSeaRoute` is raised. The nearest
   water is often a pocket the grown obstacles seal: a dock, a creek through a city centre, a
   lagoon whose mouth is narrower than they allow. An end is then joined to *open* water
   (water reaching the side of the routing box, or the other end's water when that end is at
   sea), never left in its pocket: the way out is found by water on a small mesh of the
   full-resolution shore around the pocket; failing that, an end on land is joined by a
   straight leg to the nearest open water, as the ocean router's ends are too. The same
   holds at both ends at once (Jeddah to Port Sudan: both city centres stand by sealed
   pockets).
   A river port (GSHHG draws no rivers) leaves by its channel instead
   (:mod:`geo.sea.channels`: the Nieuwe Waterweg from Rotterdam, the Mississippi from New
   Orleans): a straight leg to the channel (an access leg), along it to a sea end, and the
   sea route from there; the route lists the channels among its passages and its method
   names their data. A route that comes back past one of its ends (an end at the Kiel
   Canal's locks, inside the canal line's mouths) joins that end where it passes by, not
   out to the mouth and back (:data:`SPUR_REACH_KM`).
2. **Regional hops** (ends up to :data:`REGIONAL_MAX_KM` apart): the water of the pair's region
   (a box around both ends minus the routing obstacles of :mod:`geo.sea.coastline`, which contain
   the full-resolution GSHHG land) is triangulated (constrained Delaunay); an A* search over
   points on the triangles' shared edges picks the corridor (the one Dijkstra would pick:
   the straight-line heuristic never overestimates), and the funnel algorithm pulls the line
   taut inside it: the shortest path in that corridor, bending only at coastline corners.
   The box grows until no path leaving it could be shorter. A box crowded with islets (an
   archipelago such as Stockholm's, tens of thousands of them) is first routed in a corridor:
   the way found on the shore simplified to 2 km, widened to a band, meshed at full resolution
   inside it only (:func:`~geo.sea.engine._corridor_route`); the whole box is meshed only when
   the band holds no way.
3. **Ocean crossings**: the MARNET sea-lane network shipped with ``searoute`` (Eurostat),
   joined at each end by a regional route to the best of the nearest network nodes that lie
   in open water (not the lane nodes up a canal such as Panama's). Network edges that touch
   full-resolution land are replaced by regional routes. The whole polyline is then pulled
   taut across open water: from each vertex a far later one it sees (the geodesic between
   them meets no full-resolution land and no avoided passage) is joined directly, so an
   open-sea voyage is the geodesic, not the lanes' zigzag. An end in open water with no lane
   node within reach (the Southern Ocean) joins the nearest nodes it sees across clear
   water. Ends up to :data:`REGIONAL_FALLBACK_KM` apart that the network cannot join are
   tried regionally.
4. **Passages** (straits and canals, :data:`PASSAGES`) are gates from shore to shore: a route
   uses a passage when it crosses its gate, and ``avoid`` closes the gate. The canals GSHHG
   draws as land (the Kiel, Corinth and Cape Cod canals) are sailed along their centre-lines
   (:func:`~geo.sea.channels.through_canals`) when that is shorter; their gates lie across
   them, so ``avoid`` closes them too. A place within
   :data:`AT_GATE_KM` of a gate's end lies on the passage itself (Fukuoka on the Korea
   Strait): no route to or from it can avoid that passage, and the error says so (within
   1 km of a Corinth or Cape Cod gate's end, which stands on no shore: ``at_gate_km``).
   **Shallows** (:data:`~geo.sea.passages.SHALLOWS`) are lines no route crosses: water that
   GSHHG draws open but ships do not sail, such as the flats of the Great Sandy Strait that
   dry at low tide (Brisbane to Gladstone goes round K'gari, as every keel boat does, and
   round Breaksea Spit north of it), Port Phillip's southern shoals (a ship from Melbourne
   keeps to the South Channel), or rocks GSHHG does not draw (a ship leaves Wellington
   Harbour east of Barrett Reef).
5. **Closed seas** that GSHHG draws as land (the Caspian and the Great Lakes,
   :data:`~geo.sea.closed_seas.CLOSED_SEAS`): when both ends lie on one or within
   :data:`MAX_ACCESS_KM` of its shore, the route runs within its own water
   (:mod:`geo.sea.closed_seas`) by the regional router; legs from the ends to that water are
   reported as access legs over land, since GSHHG has the whole sea as land. A voyage from
   one to the open sea takes the way out of it along the channels (:func:`_river_sea`): the
   Caspian's up the Volga, through the Volga–Don Canal and down the Don; the Great Lakes' down
   the St. Lawrence Seaway.
6. **No route**: "the waters do not connect" is said only when both ends reach open water;
   an end shut in with no way out is named as such.

Access legs and lane repairs are checked segment by segment against full-resolution land;
the regional mesh keeps off it by construction (its obstacles contain the land).

The machinery lives in :mod:`geo.sea.engine`; this module holds the public API and the
passages, and answers repeated questions from the route cache (:mod:`geo.sea.cache`)
without loading the machinery at all.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from geo.errors import BadCoordinates, BadInput, NoSeaRoute
from geo.sea.basics import _KM_PER_DEG, MAX_ACCESS_KM, REGIONAL_FALLBACK_KM, REGIONAL_MAX_KM, _geodesic_km, _unwrap
from geo.sea.passages import CANALS, PASSAGES, passage_key, passages_crossed
from geo.types import Place, Route

__all__ = ["AT_GATE_KM", "CLOSED_SEA_PREFIX", "SPUR_REACH_KM", "route_feature", "sea_route"]

# --------------------------------------------------------------------------------------------
# Ends and access legs
# --------------------------------------------------------------------------------------------


def _lonlat(value: Place | tuple[float, float] | Sequence[float], what: str) -> tuple[float, float]:
    """(lon, lat) of a Place or a (lon, lat) pair, validated."""
    if isinstance(value, Place):
        lon, lat = value.lon, value.lat
    else:
        try:
            lon, lat = (float(v) for v in value)
        except (TypeError, ValueError):
            raise BadInput(f"{what} must be a Place or a (lon, lat) pair of numbers, got {value!r}") from None
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise BadCoordinates(f"{lon!r}, {lat!r}", f"{what} is not a finite (lon, lat)")
    if not -90.0 <= lat <= 90.0:
        raise BadCoordinates(f"{lon!r}, {lat!r}", f"{what} latitude {lat!r} is outside [-90, 90] (is it (lon, lat)?)")
    lon = (lon + 180.0) % 360.0 - 180.0 if not -180.0 <= lon <= 180.0 else lon
    if abs(lat) == 90.0:
        lon = 0.0  # every longitude names the pole itself: (90, 0) and (90, 135) are one point
    return (float(lon), float(lat))


#: Closed seas and big lakes that GSHHG's sea shore counts as land and that the router does
#: not route on, to name them in errors: rough boxes (west, south, east, north), used only to
#: word the message, and what to say of each. (The Caspian and the Great Lakes are routed on,
#: and out of by the Volga–Don and the St. Lawrence Seaway; the big lakes of
#: :data:`geo.sea.closed_seas.LAKES` within themselves: see :func:`_inland_error`.)
_NOTE_NO_WAY_OUT = "a lake or closed sea with no way to the ocean by water"
_CLOSED_WATERS: tuple[tuple[str, tuple[float, float, float, float], str], ...] = (
    ("the Aral Sea", (58.0, 43.3, 61.9, 46.8), _NOTE_NO_WAY_OUT),
    ("the Dead Sea", (35.35, 31.0, 35.65, 31.8), _NOTE_NO_WAY_OUT),
)


def _describe(value: Place | tuple[float, float], lonlat: tuple[float, float]) -> str:
    where = f"({lonlat[1]:.4f}, {lonlat[0]:.4f})"
    return f"{value.label()} {where}" if isinstance(value, Place) else where


def _inland_error(value: Place | tuple[float, float], lonlat: tuple[float, float]) -> NoSeaRoute:
    from geo.sea import engine
    from geo.sea.closed_seas import LAKES

    lon, lat = lonlat
    closed = [(name, what) for name, (w, s, e, n), what in _CLOSED_WATERS if w <= lon <= e and s <= lat <= n]
    lake = engine._closed_sea_near(lonlat)
    if lake in LAKES:
        note = (f" It lies on {lake}, which is routed within itself only: no way out of it by water is modelled"
                " (a route to another place on it is).")
    else:
        note = f" It lies by {closed[0][0]}, {closed[0][1]}." if closed else ""
    return NoSeaRoute(
        f"no sea route from {_describe(value, lonlat)}: it is on land more than {MAX_ACCESS_KM:.0f} km "
        f"from the sea shore (GSHHG; lakes and closed seas count as land).{note} "
        "Give a port or a point on the coast instead."
    )


def _shut_in_error(value: Place | tuple[float, float], lonlat: tuple[float, float], where: str,
                   avoided: str) -> NoSeaRoute:
    """The end's only ways to the open sea all pass ``avoided``, a passage being avoided (the
    Caspian's and the lower Volga's only way out is the Volga–Don); ``where`` says what the end
    lies on ("the Caspian Sea, a closed sea", "the Volga")."""
    return NoSeaRoute(
        f"no sea route from {_describe(value, lonlat)}: it lies on {where}, whose only way to the open sea "
        f"by water is through the {avoided}, which is being avoided; drop {avoided!r} from the passages "
        "to avoid, or give a port on the open sea"
    )


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



_REGIONAL_METHOD = (
    "regional: constrained Delaunay triangulation of the water around both ends "
    "(GSHHG full resolution, obstacles grown 0.001°), corridor by A* (Dijkstra's result), taut line by funnel"
)
_CORRIDOR_METHOD = (
    "regional, in an archipelago: constrained Delaunay triangulation of the water in a corridor round the way "
    "found on the shore simplified to 2 km (GSHHG full resolution inside it, obstacles grown 0.001°), "
    "corridor by A*, taut line by funnel"
)
#: How the ``method`` of a route within (or out of) a closed sea or lake begins.
CLOSED_SEA_PREFIX = "closed sea:"
_CLOSED_SEA_METHOD = (
    CLOSED_SEA_PREFIX + " within {sea}, whose shore GSHHG does not draw (it counts closed seas as land): "
    "{water}, triangulated and searched as regional routes are"
)
_OCEAN_METHOD = (
    "ocean: MARNET sea lanes (Eurostat, via searoute) joined at both ends by regional "
    "routes over GSHHG full resolution, pulled taut across open water"
)


def _closed_sea_method(sea: str) -> str:
    from geo.sea.closed_seas import WATER_SOURCES

    return _CLOSED_SEA_METHOD.format(sea=sea, water=WATER_SOURCES[sea])


def sea_route(
    a: Place | tuple[float, float],
    b: Place | tuple[float, float],
    *,
    avoid: Iterable[str] = (),
    cache: bool = True,
) -> Route:
    """The shortest route by sea from ``a`` to ``b`` that never crosses land.

    ``a`` and ``b`` are :class:`~geo.types.Place` objects or ``(lon, lat)`` pairs in degrees.
    ``avoid`` names passages to keep out of (see :data:`PASSAGES`; any case, aliases allowed).

    Returns a :class:`~geo.types.Route`: ``coords`` from the real ``a`` to the real ``b`` as
    (lon, lat) with unwrapped longitudes, ``length_km`` the geodesic length of that polyline
    on WGS84 in km (access legs included), ``passages`` crossed in order, ``method`` how it
    was made, ``access_legs_km`` the land-to-water legs at each end in km. Identical points
    give a zero-length route.

    A route once computed is kept on disk (:mod:`geo.sea.cache`) and the same question
    answered from there: the same Route, float for float. ``cache=False`` (or the environment
    variable ``SHIPROUTE_ROUTE_CACHE=off``) computes it afresh and stores nothing.

    Raises :class:`~geo.errors.NoSeaRoute` when an end is inland (more than
    :data:`MAX_ACCESS_KM` from the sea, e.g. Ulaanbaatar), when its only way out passes a
    passage being avoided (the Caspian with the Volga–Don avoided), when no water joins the
    ends (the message says whether an end is shut in or the waters do not connect), when the
    passages avoided close every way, or when an end lies on a passage being avoided (within
    :data:`AT_GATE_KM` of an end of its gate); :class:`BadInput` for an
    unknown passage name; :class:`BadCoordinates` for impossible coordinates.
    """
    from geo.sea import cache as routecache

    pa = _lonlat(a, "origin")
    pb = _lonlat(b, "destination")
    avoid_keys = tuple(sorted({passage_key(x) for x in ([avoid] if isinstance(avoid, str) else avoid)}))
    if pa != pb:
        for value, p in ((a, pa), (b, pb)):
            at_gate = _at_avoided_passage(p, avoid_keys)
            if at_gate is not None:
                raise _at_passage_error(a, pa, b, pb, value, p, *at_gate)
    stored = routecache.lookup(pa, pb, avoid_keys) if cache else None
    if stored is not None:
        if "route" in stored:
            return _route_from_dict(stored["route"])
        raise _disconnected_error(a, pa, b, pb, avoid_keys, tuple(stored.get("cut_off", ())))
    try:
        route = _without_end_spurs(_by_channels(a, pa, b, pb, avoid_keys, cache=cache))
    except _Disconnected as exc:
        if cache:
            outcome: dict[str, Any] = ({"no_route": "cut_off", "cut_off": list(exc.cut_off)} if exc.cut_off
                                       else {"no_route": "disconnected"})
            routecache.remember(pa, pb, avoid_keys, outcome)
        raise _disconnected_error(a, pa, b, pb, avoid_keys, exc.cut_off) from None
    if cache:
        routecache.remember(pa, pb, avoid_keys, {"route": _route_to_dict(route)})
    return route


#: A route that comes back past one of its ends within this distance (km), after sailing on
#: and turning, joins the end there: it would otherwise sail out to a canal's mouth and back
#: in past the end (a place at the Kiel Canal's locks, 400 m inside its mouths).
SPUR_REACH_KM = 0.5
#: ... when that saves at least this much (km): short of it the route just reaches the end.
_SPUR_SAVING_KM = 0.2
#: Spacing of the points that measure how much of a short leg lies on land (km): finer than
#: the narrowest moles and spits GSHHG draws.
_LAND_STEP_KM = 0.01


def _land_km(coords: Sequence[tuple[float, float]]) -> float:
    """How much of a short polyline lies on GSHHG land, in km (sampled every
    :data:`_LAND_STEP_KM`)."""
    from geo.sea.coastline import is_land

    xy = np.asarray(coords, dtype=float)
    total = 0.0
    for p, q in zip(xy[:-1], xy[1:], strict=True):
        km = _geodesic_km([tuple(p), tuple(q)])
        steps = max(1, int(math.ceil(km / _LAND_STEP_KM)))
        t = (np.arange(steps) + 0.5) / steps
        inside = is_land(p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)
        total += km * float(np.count_nonzero(inside)) / steps
    return total


def _spur_cut(coords: list[tuple[float, float]], *, head_is_access: bool = False, reach_km: float = SPUR_REACH_KM
              ) -> tuple[list[tuple[float, float]], float] | None:
    """The route ``coords`` joined straight to its last point from where it passes nearest it,
    within ``reach_km``, when the rest of the way there is longer by at least
    :data:`_SPUR_SAVING_KM`; with the km saved, else None. The straight leg must cross no
    shallows line and no passage's gate, and the part it replaces no gate (the route's
    passages stay true); it may cross land only beside a through canal's line for an end on
    land (a lock: GSHHG draws the canal as land), else no more land than the part it replaces
    (a leg through a harbour wall, or across a river's meander, is no short cut). With
    ``head_is_access`` the first segment is the other end's access leg, where no join is made
    (the route would be left without water)."""
    from geo.sea.channels import along_a_through_canal
    from geo.sea.coastline import is_land
    from geo.sea.passages import crosses_shallows

    end = coords[-1]
    kx = _KM_PER_DEG * math.cos(math.radians(end[1]))
    xy = (np.asarray(coords, dtype=float) - end) * (kx, _KM_PER_DEG)
    a, d = xy[:-1], np.diff(xy, axis=0)
    t = np.clip(-(a * d).sum(axis=1) / np.maximum((d * d).sum(axis=1), 1e-18), 0.0, 1.0)
    near = np.hypot(*(a + d * t[:, None]).T)
    seg_km = np.hypot(*d.T)
    after = np.concatenate([np.cumsum(seg_km[::-1])[::-1][1:], [0.0]])  # from each segment's end
    detour = (1.0 - t) * seg_km + after - near
    usable = (near <= reach_km) & (detour >= _SPUR_SAVING_KM)
    if head_is_access:
        usable[0] = False
    candidates = np.flatnonzero(usable)
    end_on_land = bool(is_land(end[0], end[1]))
    for i in candidates[np.argsort(near[candidates], kind="stable")]:  # where it passes nearest
        p, q = coords[i], coords[i + 1]
        join = (p[0] + (q[0] - p[0]) * float(t[i]), p[1] + (q[1] - p[1]) * float(t[i]))
        leg, replaced = [join, end], [join, *coords[i + 1:]]
        if crosses_shallows(leg) or passages_crossed(leg) or passages_crossed(replaced):
            continue
        if (end_on_land and along_a_through_canal(p, q)) or _land_km(leg) <= _land_km(replaced) + 1e-9:
            return [*coords[: i + 1], join, end], float(detour[i])
    return None


def _without_end_spurs(route: Route) -> Route:
    """``route`` without an out-and-back at either end (see :func:`_spur_cut`). Routes within a
    closed sea are left as they are: GSHHG has all their water as land, so it cannot tell a
    leg over water from one over land there."""
    coords = list(route.coords)
    if len(coords) < 3 or route.method.startswith(CLOSED_SEA_PREFIX):
        return route
    access = list(route.access_legs_km)
    notes = []
    for k, what in ((1, "destination"), (0, "origin")):
        other = 1 - k
        cut = _spur_cut(coords if k == 1 else coords[::-1], head_is_access=access[other] > 0.0)
        if cut is None:
            continue
        kept, saved = cut
        coords = kept if k == 1 else kept[::-1]
        leg = kept[-2:]
        access[k] = _geodesic_km(leg) if _land_km(leg) > 0.0 else 0.0
        notes.append(f"joined to its {what} where it passes by, not out and back ({saved:.1f} km)")
    if not notes:
        return route
    return Route(coords=tuple(_dedupe(coords)), length_km=_geodesic_km(coords), passages=route.passages,
                 method="; ".join([route.method, *notes[::-1]]), access_legs_km=(access[0], access[1]))


def _by_sea(
    a: Place | tuple[float, float],
    pa: tuple[float, float],
    b: Place | tuple[float, float],
    pb: tuple[float, float],
    avoid_keys: tuple[str, ...],
    *,
    cache: bool,
) -> Route:
    route = _compute(a, pa, b, pb, avoid_keys, cache=cache)
    route = _kept_out_of_canals(a, pa, b, pb, avoid_keys, route, cache=cache)
    return _through_canal(a, pa, b, pb, avoid_keys, route, cache=cache)


@functools.lru_cache(maxsize=8)
def _canal_facts(coords: tuple[tuple[float, float], ...]) -> tuple[float, tuple[str, ...]]:
    """A canal's length (km) and the passages whose gates it crosses, worked out once."""
    return _geodesic_km(coords), passages_crossed(coords)


def _haversine_km(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Great-circle distances between (lon, lat) points in radians (broadcast), in km: a quick
    estimate, where the routes' lengths are geodesics."""
    dlon, dlat = q[..., 0] - p[..., 0], q[..., 1] - p[..., 1]
    h = np.sin(dlat / 2) ** 2 + np.cos(p[..., 1]) * np.cos(q[..., 1]) * np.sin(dlon / 2) ** 2
    return 2.0 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(h, 1.0)))


def _through_canal(
    a: Place | tuple[float, float],
    pa: tuple[float, float],
    b: Place | tuple[float, float],
    pb: tuple[float, float],
    avoid_keys: tuple[str, ...],
    route: Route,
    *,
    cache: bool,
) -> Route:
    """``route``, or the way through a canal GSHHG draws as land (the Kiel, Corinth and Cape Cod
    canals, :func:`geo.sea.channels.through_canals`) when that is shorter: sea to one end, the canal,
    sea from the other end. A canal is tried only where it could cut the route short: from the
    route's point nearest one end of the canal (or its start, within :data:`REGIONAL_MAX_KM` of
    that end) to its point nearest the other (or its end, likewise), the route must be longer
    than the straight lines to and from the canal plus the canal itself. Most voyages (Ras
    Tanura to Rotterdam) come nowhere near it and pay for that test only."""
    from geo.sea import channels

    if pa == pb:
        return route
    closed = {PASSAGES[k].name for k in avoid_keys}
    best = route
    xy = np.radians(np.asarray(route.coords, dtype=float))
    step = _haversine_km(xy[:-1], xy[1:])
    along = np.concatenate([[0.0], np.cumsum(step)])
    for canal in channels.through_canals():
        line = list(canal.coords)
        canal_km, gates = _canal_facts(canal.coords)
        if closed & set(gates):
            continue
        for way in (line, line[::-1]):
            start, end = way[0], way[-1]
            to_start = _haversine_km(xy, np.radians(np.array(start)))
            to_end = _haversine_km(xy, np.radians(np.array(end)))
            # The route may leave for the canal where it passes nearest one mouth and come back
            # where it passes nearest the other; or leave from its own start, or arrive at its
            # own end, when that lies within a regional hop of the mouth: a voyage from a place
            # near one mouth need not pass near the other (Piraeus to Patras round the
            # Peloponnese never comes within 100 km of the Corinth Canal's Poseidonia mouth).
            leave = {int(np.argmin(to_start))} | ({0} if to_start[0] <= REGIONAL_MAX_KM else set())
            rejoin = {int(np.argmin(to_end))} | ({len(xy) - 1} if to_end[-1] <= REGIONAL_MAX_KM else set())
            if not any(j > i and to_start[i] + canal_km + to_end[j] < along[j] - along[i]
                       for i in sorted(leave) for j in sorted(rejoin)):
                continue
            try:
                first = _compute(a, pa, b, start, avoid_keys, cache=cache)
                last = _compute(a, end, b, pb, avoid_keys, cache=cache)
            except (_Disconnected, NoSeaRoute):
                continue
            coords = _unwrap(_dedupe([*first.coords, *way, *last.coords]))
            length = _geodesic_km(coords)
            if length < best.length_km:
                names = passages_crossed(coords)
                best = Route(coords=tuple(coords), length_km=length, passages=names,
                             method=(f"{first.method if first.length_km >= last.length_km else last.method}; "
                                     f"through the {canal.name} ({canal_km:,.1f} km, {canal.dataset}), "
                                     f"{route.length_km - length:,.0f} km shorter than without it"),
                             access_legs_km=(first.access_legs_km[0], last.access_legs_km[1]))
    return best


def _by_channels(
    a: Place | tuple[float, float],
    pa: tuple[float, float],
    b: Place | tuple[float, float],
    pb: tuple[float, float],
    avoid_keys: tuple[str, ...],
    *,
    cache: bool,
) -> Route:
    """The route, leaving and reaching river ports by their channels (:mod:`geo.sea.channels`):
    an end that joins a channel goes along it to a sea end, and the sea route runs from there;
    two ends on one channel network may go along it alone. The shortest of these ways wins;
    ends that join no channel are routed by sea directly."""
    from geo.sea import channels, engine

    if pa == pb:
        return _by_sea(a, pa, b, pb, avoid_keys, cache=cache)
    river_sea = _river_sea(a, pa, b, pb, avoid_keys, cache=cache)
    if river_sea is not None:
        return river_sea
    closed = {PASSAGES[k].name for k in avoid_keys}

    def open_way(way: channels.ChannelWay | None, start: tuple[float, float]) -> bool:
        # A way along a channel that crosses an avoided passage's gate (the Kiel Canal past
        # Rendsburg, for a place on the canal) is closed like the passage itself.
        return way is not None and not (closed and closed & set(passages_crossed([start, *way.coords])))

    every_a, every_b = channels.ways_to_sea(pa), channels.ways_to_sea(pb)
    ways_a = [w for w in every_a if open_way(w, pa)]
    ways_b = [w for w in every_b if open_way(w, pb)]
    for value, p, every, kept in ((a, pa, every_a, ways_a), (b, pb, every_b, ways_b)):
        if every and not kept and not engine._near_sea(p):
            # Up a river whose every way out is avoided, with no sea shore to fall back on
            # (Astrakhan on the Volga, avoiding the Volga–Don).
            shut = [name for w in every for name in passages_crossed([p, *w.coords]) if name in closed]
            raise _shut_in_error(value, p, f"the {every[0].names[0]}", shut[0])
    if not ways_a and not ways_b:
        return _by_sea(a, pa, b, pb, avoid_keys, cache=cache)
    candidates: list[Route] = []
    within = channels.way_between(pa, pb) if ways_a and ways_b else None
    within = within if open_way(within, pa) else None
    if within is not None:
        coords = _unwrap(_dedupe([pa, *within.coords, pb]))
        candidates.append(Route(
            coords=tuple(coords), length_km=_geodesic_km(coords), passages=_as_passages(within.names),
            method=_channel_note(_RIVER_METHOD, within, None),
            access_legs_km=(_geodesic_km([pa, within.coords[0]]), _geodesic_km([within.coords[-1], pb]))))
    failure: _Disconnected | NoSeaRoute | None = None
    options_a: list[channels.ChannelWay | None] = [*ways_a] or [None]
    options_b: list[channels.ChannelWay | None] = [*ways_b] or [None]
    # Each end may offer two ways to the sea, so up to four voyages: sail them in the order of
    # a length none of them can beat (along the channels, then the geodesic between the sea
    # ends), and skip those whose bound is no shorter than the best voyage found.
    pairs: list[tuple[float, int, channels.ChannelWay | None, channels.ChannelWay | None]] = []
    for way_a in options_a:
        for way_b in options_b:
            head = [pa, *way_a.coords] if way_a is not None else [pa]
            tail = [*way_b.coords[::-1], pb] if way_b is not None else [pb]
            bound = _geodesic_km(head) + _geodesic_km([head[-1], tail[0]]) + _geodesic_km(tail)
            pairs.append((bound, len(pairs), way_a, way_b))
    pairs.sort(key=lambda item: (item[0], item[1]))
    for bound, _, way_a, way_b in pairs:
        if candidates and bound >= min(r.length_km for r in candidates):
            break
        sea_a = way_a.coords[-1] if way_a is not None else pa
        sea_b = way_b.coords[-1] if way_b is not None else pb
        try:
            sea = _by_sea(a, sea_a, b, sea_b, avoid_keys, cache=cache)
        except (_Disconnected, NoSeaRoute) as exc:  # another way to the sea may still do
            failure = failure or exc
            continue
        head = [pa, *way_a.coords] if way_a is not None else []
        tail = [*way_b.coords[::-1], pb] if way_b is not None else []
        coords = _unwrap(_dedupe([*head, *sea.coords, *tail]))
        # The leg from a place to its channel is over land, like any access leg.
        access = (sea.access_legs_km[0] + (_geodesic_km([pa, way_a.coords[0]]) if way_a is not None else 0.0),
                  sea.access_legs_km[1] + (_geodesic_km([way_b.coords[0], pb]) if way_b is not None else 0.0))
        names = (_as_passages(way_a.names if way_a is not None else ())
                 + passages_crossed(sea.coords) + _as_passages(way_b.names[::-1] if way_b is not None else ()))
        candidates.append(Route(coords=tuple(coords), length_km=_geodesic_km(coords),
                                passages=tuple(dict.fromkeys(names)),
                                method=_channel_note(sea.method, way_a, way_b), access_legs_km=access))
    if not candidates:
        raise failure if failure is not None else _Disconnected()
    return min(candidates, key=lambda r: r.length_km)


_RIVER_METHOD = "river: along the channels alone"


def _river_sea(
    a: Place | tuple[float, float],
    pa: tuple[float, float],
    b: Place | tuple[float, float],
    pb: tuple[float, float],
    avoid_keys: tuple[str, ...],
    *,
    cache: bool,
) -> Route | None:
    """A voyage between a closed sea and the ocean by the way out of it along the channels (the
    Caspian's by the Volga–Don, the Great Lakes' by the St. Lawrence Seaway,
    :func:`geo.sea.channels.way_out_of`): within the closed sea to the
    channel's end in it, along the channels, and from there the normal route (or, for a place
    on the channels, along them to it: Baku to Volgograd goes up the Volga only). None when
    no end or both lie on one closed sea (routed within it, or refused, as before), or when the
    closed-sea end itself joins the channels (Astrakhan on the Volga: it leaves by them as any
    river port does). Two ends on two closed seas leave each by its own way. An end on a closed
    sea whose every way out is avoided is refused, naming the passage avoided."""
    from geo.sea import channels, engine

    seas = (engine._closed_sea_near(pa), engine._closed_sea_near(pb))
    if seas[0] == seas[1]:  # no closed sea, or both ends on one (routed within it, or refused)
        return None
    # The closed-sea end this call leaves by; when both ends lie on closed seas (the Caspian and
    # the Great Lakes), the onward route from the first one's way out leaves the second by its own.
    k = 0 if seas[0] is not None else 1
    sea = seas[k]
    assert sea is not None
    (value_c, pc), (_, po) = ((a, pa), (b, pb)) if k == 0 else ((b, pb), (a, pa))
    if channels._usable_join(pc) is not None:
        return None
    closed = {PASSAGES[key].name for key in avoid_keys}
    options: list[tuple[channels.ChannelWay, Route | None]] = []
    avoided = ""
    along = channels.way_from_closed_sea(sea, po)
    if along is not None:
        shut = [name for name in passages_crossed(along.coords) if name in closed]
        if shut:
            avoided = shut[0]
        else:
            options.append((along, None))
    out = channels.way_out_of(sea)
    failure: NoSeaRoute | None = None
    if out is not None:
        shut = [name for name in passages_crossed(out.coords) if name in closed]
        if shut:
            avoided = avoided or shut[0]
        else:
            # The normal route between the way's sea end and the other end (either way round,
            # as the voyage goes).
            sea_end = out.coords[-1]
            try:
                onward = (_by_channels(sea_end, sea_end, b, pb, avoid_keys, cache=cache) if k == 0
                          else _by_channels(a, pa, sea_end, sea_end, avoid_keys, cache=cache))
                options.append((out, onward))
            except NoSeaRoute as exc:
                failure = exc
    if not options:
        if avoided:
            raise _shut_in_error(value_c, pc, f"{sea}, a closed sea", avoided)
        if failure is not None:
            raise failure
        return None
    candidates = []
    for way, ocean in options:
        inner = (engine._closed_sea_route(pc, way.coords[0], avoid_keys) if k == 0
                 else engine._closed_sea_route(way.coords[0], pc, avoid_keys))
        if inner is None:
            continue
        leg, name = inner
        within = passages_crossed(leg.coords)
        channel = list(way.coords) if k == 0 else list(way.coords[::-1])
        if ocean is None:  # along the channels to a place on them
            coords = [*leg.coords, *channel, po] if k == 0 else [po, *channel, *leg.coords]
            rest: tuple[str, ...] = ()
            land = _geodesic_km([way.coords[-1], po])
            method = _RIVER_METHOD
        else:
            coords = [*leg.coords, *channel, *ocean.coords] if k == 0 else [*ocean.coords, *channel, *leg.coords]
            rest = ocean.passages
            land = ocean.access_legs_km[1] if k == 0 else ocean.access_legs_km[0]
            method = ocean.method
        names = _as_passages(way.names) if k == 0 else _as_passages(way.names[::-1])
        coords = _unwrap(_dedupe(coords))
        access = (leg.access_a_km, land) if k == 0 else (land, leg.access_b_km)
        candidates.append(Route(
            coords=tuple(coords), length_km=_geodesic_km(coords),
            passages=tuple(dict.fromkeys((*within, *names, *rest) if k == 0 else (*rest, *names, *within))),
            method=(f"{_closed_sea_method(name)}; out of it along the channels: "
                    + _channel_note(method, way, None)),
            access_legs_km=access))
    return min(candidates, key=lambda r: r.length_km) if candidates else None


def _as_passages(channel_names: tuple[str, ...]) -> tuple[str, ...]:
    """Channel names as a route lists them: a canal that is also a passage by its name ("Kiel
    Canal", an alias of the Kiel passage) under the passage's name, as a voyage through it
    from the sea lists it; rivers as they are."""
    out = []
    for name in channel_names:
        try:
            out.append(PASSAGES[passage_key(name)].name)
        except BadInput:
            out.append(name)
    return tuple(out)


def _channel_note(method: str, way_a: Any, way_b: Any) -> str:
    """``method`` with the channels used and where their lines come from."""
    ways = [w for w in (way_a, way_b) if w is not None]
    names = ", ".join(dict.fromkeys(n for w in ways for n in w.names))
    data = "; ".join(dict.fromkeys(d for w in ways for d in w.datasets))
    km = sum(w.channel_km for w in ways)
    return f"{method}; river and ship channels: {names} ({km:,.1f} km along them; {data})"


#: A voyage kept out of one canal (``avoid=("suez",)``) is sent through another (Panama)
#: only when that is shorter than the way through none by more than this share: avoiding
#: Suez is the Red Sea diversion round the Cape, not a switch to a canal of other tolls and
#: ship sizes for a few hundred km (Rotterdam-Shanghai: Panama 2.5 % shorter than the Cape).
CANAL_SWITCH_SAVING = 0.10


def _kept_out_of_canals(
    a: Place | tuple[float, float],
    pa: tuple[float, float],
    b: Place | tuple[float, float],
    pb: tuple[float, float],
    avoid_keys: tuple[str, ...],
    route: Route,
    *,
    cache: bool,
) -> Route:
    """When a canal is avoided and ``route`` goes through another, the way through none of
    them instead, unless the canal saves more than :data:`CANAL_SWITCH_SAVING`; either way
    the method says which way was taken, the other's length and why."""
    import dataclasses

    avoided = [k for k in CANALS if k in avoid_keys]
    used = [k for k in CANALS if k not in avoid_keys and PASSAGES[k].name in route.passages]
    if not avoided or not used:
        return route
    try:
        free = _compute(a, pa, b, pb, tuple(sorted({*avoid_keys, *used})), cache=cache)
    except (_Disconnected, NoSeaRoute):
        return route
    capes = [("the " if name.startswith("Cape of") else "") + name for name in free.passages if name.startswith("Cape")]
    way = f"round {' and '.join(capes)}" if capes else "without a canal"
    closed = " and ".join(f"the {PASSAGES[k].name} Canal" for k in avoided)
    through = " and ".join(f"the {PASSAGES[k].name} Canal" for k in used)
    saving = (free.length_km - route.length_km) / free.length_km
    if saving <= CANAL_SWITCH_SAVING:
        return dataclasses.replace(free, method=(
            f"{free.method}; avoiding {closed}: {way} ({free.length_km:,.0f} km) rather than through {through} "
            f"({route.length_km:,.0f} km, {100.0 * saving:.1f} % shorter), since a voyage kept out of one canal "
            f"goes through another only when that saves over {100.0 * CANAL_SWITCH_SAVING:.0f} %"))
    return dataclasses.replace(route, method=(
        f"{route.method}; avoiding {closed}: through {through}, {100.0 * saving:.1f} % shorter than "
        f"{way} ({free.length_km:,.0f} km)"))


class _Disconnected(Exception):
    """No water joins the two ends (with the passages avoided): worth remembering.

    ``cut_off`` lists the ends (0 for the origin, 1 for the destination) that reach no open
    water at all; when it is empty both do, and it is the waters that do not connect.
    """

    def __init__(self, cut_off: tuple[int, ...] = ()) -> None:
        super().__init__(cut_off)
        self.cut_off = cut_off


def _disconnected_error(
    a: Place | tuple[float, float],
    pa: tuple[float, float],
    b: Place | tuple[float, float],
    pb: tuple[float, float],
    avoid_keys: tuple[str, ...],
    cut_off: tuple[int, ...] = (),
) -> NoSeaRoute:
    why = f" avoiding {', '.join(PASSAGES[k].name for k in avoid_keys)}" if avoid_keys else ""
    head = f"no route by water from {_describe(a, pa)} to {_describe(b, pb)}{why}: "
    if cut_off:
        ends = [_describe(v, p) for k, (v, p) in enumerate(((a, pa), (b, pb))) if k in cut_off]
        return NoSeaRoute(
            head
            + f"{' and '.join(ends)} {'lies' if len(ends) == 1 else 'lie'} in water that the shipped coastline "
            "(GSHHG full resolution, grown by about 110 m for routing) shuts in: a lagoon, dock or canal "
            "with no opening the router can pass"
            + (" with those passages closed" if avoid_keys else "")
            + "; give a point in the open water outside it"
        )
    return NoSeaRoute(
        head + "they lie in waters that do not connect (both ends reach open water, but no way by water joins them)"
        + ("; try avoiding fewer passages" if avoid_keys else "")
    )


#: A place this close to an end of an avoided passage's gate lies on the passage itself, in
#: km: a gate ends on land at an arbitrary point of the shore, so which side of it such a
#: place falls on says nothing about whether a voyage from it sails the passage.
AT_GATE_KM = 3.0


def _at_avoided_passage(p: tuple[float, float], avoid_keys: tuple[str, ...]) -> tuple[str, float] | None:
    """(passage name, km) when ``p`` lies within :data:`AT_GATE_KM` (or the passage's own
    ``at_gate_km``, a canal's) of an end of the gate of a passage being avoided (spherical
    distance, in km), else None."""
    here = np.radians(np.asarray(p, dtype=float))
    for key in avoid_keys:
        passage = PASSAGES[key]
        reach_km = AT_GATE_KM if passage.at_gate_km is None else passage.at_gate_km
        for end in (passage.gate[0], passage.gate[-1]):
            km = float(_haversine_km(here, np.radians(np.asarray(end, dtype=float))))
            if km <= reach_km:
                return passage.name, km
    return None


def _at_passage_error(
    a: Place | tuple[float, float],
    pa: tuple[float, float],
    b: Place | tuple[float, float],
    pb: tuple[float, float],
    value: Place | tuple[float, float],
    p: tuple[float, float],
    passage: str,
    km: float,
) -> NoSeaRoute:
    return NoSeaRoute(
        f"no route by water from {_describe(a, pa)} to {_describe(b, pb)} avoiding {passage}: "
        f"{_describe(value, p)} lies on the {passage} itself ({km:.1f} km from an end of the line "
        f"across it that marks the passage), so every voyage to or from it sails the {passage}; "
        f"drop {passage!r} from the passages to avoid, or give a place further from it"
    )


def _route_to_dict(route: Route) -> dict[str, Any]:
    # Full float precision (JSON writes floats by repr): a cached route is the computed one.
    return {
        "coords": [list(c) for c in route.coords],
        "length_km": route.length_km,
        "passages": list(route.passages),
        "method": route.method,
        "access_legs_km": list(route.access_legs_km),
    }


def _route_from_dict(d: dict[str, Any]) -> Route:
    return Route(
        coords=tuple((float(x), float(y)) for x, y in d["coords"]),
        length_km=float(d["length_km"]),
        passages=tuple(d["passages"]),
        method=str(d["method"]),
        access_legs_km=(float(d["access_legs_km"][0]), float(d["access_legs_km"][1])),
    )


#: Ends both this far from the equator (degrees) are routed by the geodesic when it meets no land.
POLAR_LAT = 85.0
_POLAR_METHOD = "polar waters: the geodesic, which meets no land"


def _open_water_geodesic(pa: tuple[float, float], pb: tuple[float, float]) -> list[tuple[float, float]] | None:
    """The geodesic from ``pa`` to ``pb`` as unwrapped (lon, lat) points every 10 km, or None
    when a routing obstacle (land, grown a little) touches it."""
    import shapely

    from geo.geodesy import geodesic_path, split_antimeridian
    from geo.sea import engine

    path = geodesic_path(pa, pb, max_segment_km=10.0)
    for part in split_antimeridian(path):
        if len(part) < 2:
            continue
        line = shapely.LineString(part)
        west, south, east, north = line.bounds
        obstacles = engine._obstacles(west, max(-90.0, south - 0.01), east, min(90.0, north + 0.01))
        if len(obstacles) and bool(shapely.intersects(obstacles, line).any()):
            return None
    return [(float(lon), float(lat)) for lon, lat in path]


def _compute(
    a: Place | tuple[float, float],
    pa: tuple[float, float],
    b: Place | tuple[float, float],
    pb: tuple[float, float],
    avoid_keys: tuple[str, ...],
    *,
    cache: bool,
) -> Route:
    """The route itself; raises _Disconnected when no water joins the ends. ``cache`` lets the
    ocean router reuse the lane repairs kept in the route cache."""
    from geo.sea import engine

    # Unwrap b next to a so that a pair across the antimeridian is close in longitude.
    pb_u = (pb[0] + 360.0 * round((pa[0] - pb[0]) / 360.0), pb[1])
    if pa != pb:
        closed = engine._closed_sea_route(pa, pb_u, avoid_keys)
        if closed is not None:
            within, sea = closed
            inner = _unwrap(_dedupe(within.coords))
            return Route(coords=tuple(inner), length_km=_geodesic_km(inner), passages=passages_crossed(inner),
                         method=_closed_sea_method(sea),
                         access_legs_km=(within.access_a_km, within.access_b_km))
        sea_a = engine._closed_sea_near(pa)
        if sea_a is not None and sea_a == engine._closed_sea_near(pb_u):
            # Both ends on one closed sea and no way within it: the passages avoided close it
            # (Lake Ontario to Lake Erie avoiding the Welland Canal).
            raise _Disconnected()
    for value, p in ((a, pa), (b, pb)):
        if not engine._near_sea(p) and not (pa == pb and engine._closed_sea_near(p) is not None):
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
    if min(abs(pa[1]), abs(pb[1])) >= POLAR_LAT and direct_km <= REGIONAL_MAX_KM:
        # Near a pole the meshes' planar frames break down (a few km become a detour of many):
        # the geodesic itself, when no land lies on it.
        coords = _open_water_geodesic(pa, pb)
        if coords is not None:
            return Route(coords=tuple(coords), length_km=_geodesic_km(coords), passages=(), method=_POLAR_METHOD,
                         access_legs_km=(0.0, 0.0))
    if direct_km <= REGIONAL_MAX_KM:
        leg = engine._regional(pa, pb_u, avoid_keys)
        if leg is None and direct_km < 60.0:
            # A narrow channel may be closed by the grown obstacles: try the shore itself.
            leg = engine._regional(pa, pb_u, avoid_keys, max_span_km=4 * direct_km + 150.0, fine=True)
        method = _REGIONAL_METHOD
    if leg is None:
        leg = engine._ocean(pa, pb_u, avoid_keys, cache=cache)
        method = _OCEAN_METHOD
    if leg is None and REGIONAL_MAX_KM < direct_km <= REGIONAL_FALLBACK_KM:
        # The sea lanes may not serve a pair that the regional mesh joins (no lane node
        # within reach of an end, in a gulf or a sound): try the mesh before giving up.
        leg = engine._regional(pa, pb_u, avoid_keys)
        method = _REGIONAL_METHOD
    if leg is None:
        # Say "the waters do not connect" only of ends that do reach open water.
        raise _Disconnected(tuple(k for k, p in enumerate((pa, pb_u)) if engine._cut_off(p, avoid_keys)))
    if leg.corridor:
        method = _CORRIDOR_METHOD
    coords = _unwrap(_dedupe(leg.coords))
    return Route(
        coords=tuple(coords),
        length_km=_geodesic_km(coords),
        passages=passages_crossed(coords),
        method=method,
        access_legs_km=(leg.access_a_km, leg.access_b_km),
    )


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
