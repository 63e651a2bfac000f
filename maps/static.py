"""Static images of checked distances, PNG or SVG, for print and social cards: no browser.

The image shows what the HTML map shows (:mod:`maps.scene`): places and their labels, the
geodesic, the sea route, the claimed distance as a ring or band, the title and finding, a
legend, a km + nmi scale bar and the credits. It is drawn with matplotlib over land from the
shipped coastlines, north up (the meridian through the centre is vertical), in the projection
:func:`projection_for` picks for the extent: azimuthal equidistant centred on the view for a
regional map, Equal Earth centred on the route for an ocean-scale one. It shows the same extent
as the web map: the view's bounds of :class:`~maps.scene.Scene`.

Output is deterministic (no dates in the metadata, fixed SVG ids) and written atomically.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple

from geo.errors import BadInput
from maps.scene import COLOURS, Scene, _polygons_in_frame, build_scene, is_ocean_scale, split_in_frame

__all__ = ["ImageInfo", "write_image", "image_bytes"]

_FORMATS = ("png", "svg")
_BASE_DPI = 100  # one logical pixel per 1/100 inch; ``scale`` multiplies it


class ImageInfo(NamedTuple):
    """What :func:`write_image` wrote: the file, its size in pixels, its alt text, and where
    (in image pixels, origin top left) each place and each line's label point landed."""

    path: Path | None
    width_px: int
    height_px: int
    alt_text: str
    places: dict[str, tuple[float, float]]
    line_points: dict[str, list[tuple[float, float]]]
    #: The labels drawn (a label that fitted nowhere is left out): (kind, text, box), kind one
    #: of place, geodesic, sea, claim, number, city, context; box (left, top, right, bottom) in image pixels,
    #: the label's padded box as the collision pass saw it.
    labels: tuple[tuple[str, str, tuple[float, float, float, float]], ...] = ()
    #: Two points (image pixels) on the meridian through the map's centre, south then north:
    #: on a north-up map they share their x and the north one is higher.
    meridian_px: tuple[tuple[float, float], tuple[float, float]] = ((0.0, 0.0), (0.0, 0.0))
    #: The projection the map is drawn in (a proj4 string).
    projection: str = ""
    #: Boxes (image pixels) of the verdict badges and the source and credit lines: all inside
    #: the image, at any size.
    furniture: tuple[tuple[float, float, float, float], ...] = ()
    #: The lon/lat box (west, south, east, north; unwrapped) holding the whole drawn frame:
    #: rivers and borders are drawn for it, so none is cut inside the picture.
    frame_lonlat: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    #: The reference cities drawn: name -> their dot's centre (image pixels).
    city_dots: dict[str, tuple[float, float]] = {}
    #: Every piece of every line as drawn: (the line's kind, its points in image pixels).
    line_paths: tuple[tuple[str, tuple[tuple[float, float], ...]], ...] = ()
    #: The names of seas drawn: name -> (lon, lat) at the middle of the name as drawn.
    sea_names: dict[str, tuple[float, float]] = {}


#: Offsets (in points) and alignment of a label on each side of its anchor.
_SIDE_OFFSETS = {"top": (0, 10), "bottom": (0, -10), "left": (-10, 0), "right": (10, 0), "center": (0, 0),
                 "left-near": (-5, 0), "right-near": (5, 0),
                 # A name of a sea or country moved off a line through its point, no leader.
                 "left-clear": (-24, 0), "right-clear": (24, 0), "top-clear": (0, 18), "bottom-clear": (0, -18)}
_HAlign = Literal["left", "center", "right"]
_VAlign = Literal["bottom", "center", "top"]
_SIDE_ALIGN: dict[str, tuple[_HAlign, _VAlign]] = {
    "top": ("center", "bottom"), "bottom": ("center", "top"), "left": ("right", "center"),
    "right": ("left", "center"), "center": ("center", "center"),
    "left-near": ("right", "center"), "right-near": ("left", "center"),
    "left-clear": ("right", "center"), "right-clear": ("left", "center"), "top-clear": ("center", "bottom"),
    "bottom-clear": ("center", "top"),
}


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two boxes (x0, y0, x1, y1) share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _nice_length(limit: float) -> float:
    """The largest 1, 2, 3 or 5 times a power of ten not above ``limit``."""
    power = 10 ** math.floor(math.log10(limit))
    for step in (5, 3, 2, 1):
        if step * power <= limit:
            return step * power
    return power


def _polygon_path(polygons: Sequence[Any]) -> Any:
    """One compound matplotlib Path for shapely polygons, holes included."""
    import numpy as np
    from matplotlib.path import Path as MplPath
    from shapely.geometry.polygon import orient

    vertices: list[Any] = []
    codes: list[Any] = []
    for polygon in polygons:
        # Matplotlib fills by winding number: holes must turn the other way round.
        polygon = orient(polygon, sign=1.0)
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = np.asarray(ring.coords)
            if len(coords) < 3:
                continue
            vertices.append(coords)
            ring_codes = np.full(len(coords), MplPath.LINETO, dtype=np.uint8)
            ring_codes[0] = MplPath.MOVETO
            ring_codes[-1] = MplPath.CLOSEPOLY
            codes.append(ring_codes)
    if not vertices:
        return None
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


#: Land cells farther than this from the map's centre are left out: the azimuthal projection
#: tears apart near the centre's antipode (20,004 km away), and no view reaches that far.
_MAX_LAND_DISTANCE_KM = 16_000.0
_CELL_DEG = 10.0


def _land_layers(
    view: tuple[float, float, float, float],
    centre_lon: float,
    project: Any,
    inverse: Any,
    forward: Any,
    tolerance_km: float,
    *,
    max_distance_km: float | None = _MAX_LAND_DISTANCE_KM,
) -> tuple[list[Any], list[Any]]:
    """Land polygons and coastline lines inside ``view`` (projected metres), projected.

    The land is read for the lon/lat box that the view covers, cut into 10-degree cells (so
    cells near the antipode can be dropped and long edges are densified before projecting),
    and the coastline is the land's outline minus the box's own edges, so no cut is stroked.
    """
    import numpy as np
    import shapely

    from geo.geodesy import GEOD
    from maps.render import land_geometry

    x0, y0, x1, y1 = view
    edge = np.linspace(0.0, 1.0, 41)
    frame = np.concatenate([
        np.column_stack([x0 + (x1 - x0) * edge, np.full_like(edge, y0)]),
        np.column_stack([x0 + (x1 - x0) * edge, np.full_like(edge, y1)]),
        np.column_stack([np.full_like(edge, x0), y0 + (y1 - y0) * edge]),
        np.column_stack([np.full_like(edge, x1), y0 + (y1 - y0) * edge]),
    ])
    lons, lats = inverse.transform(frame[:, 0], frame[:, 1])
    lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    finite = np.isfinite(lons) & np.isfinite(lats) & (np.abs(lons) < 1e9)
    whole_world = max_distance_km is None or not finite.all()
    if whole_world:  # an ocean-scale view, or a frame partly off the projected world
        lons, lats = np.array([centre_lon]), np.array([0.0])
    lons = np.unwrap(np.asarray(lons, dtype=float), period=360.0)
    lons += 360.0 * round((centre_lon - float(np.median(lons))) / 360.0)
    west, east = float(lons.min()) - 0.5, float(lons.max()) + 0.5
    south, north = max(float(np.min(lats)) - 0.5, -90.0), min(float(np.max(lats)) + 0.5, 90.0)
    for pole_lat in (90.0, -90.0):
        px, py = forward.transform(centre_lon, pole_lat)
        if x0 <= px <= x1 and y0 <= py <= y1:  # a pole in view: its whole cap is needed
            west, east = centre_lon - 180.0, centre_lon + 180.0
            south, north = (south, 90.0) if pole_lat > 0 else (-90.0, north)
    if whole_world:
        south, north = -90.0, 90.0
    if east - west >= 300.0 or whole_world:
        west, east = centre_lon - 180.0, centre_lon + 180.0
    land = land_geometry((west, south, east, north), tolerance_km=max(tolerance_km, 0.0))
    if land.is_empty:
        return [], []
    box = shapely.box(west, south, east, north)
    coast = shapely.difference(land.boundary, box.boundary.buffer(1e-7))

    cells = []
    for cw in np.arange(math.floor(west / _CELL_DEG) * _CELL_DEG, east, _CELL_DEG):
        for cs in np.arange(math.floor(south / _CELL_DEG) * _CELL_DEG, north, _CELL_DEG):
            cells.append((float(cw), float(cs), float(cw) + _CELL_DEG, float(cs) + _CELL_DEG))
    corners = np.array([(c[i], c[j]) for c in cells for i, j in ((0, 1), (0, 3), (2, 1), (2, 3))], dtype=float)
    corners[:, 1] = np.clip(corners[:, 1], -90.0, 90.0)
    centre_lat = float(inverse.transform(0.0, 0.0)[1])
    _, _, dist_m = GEOD.inv(np.full(len(corners), centre_lon), np.full(len(corners), centre_lat),
                            corners[:, 0], corners[:, 1])
    far = (np.asarray(dist_m).reshape(len(cells), 4) / 1000.0).max(axis=1) > (max_distance_km or math.inf)
    grow_x, grow_y = 0.02 * (x1 - x0), 0.02 * (y1 - y0)
    polygons: list[Any] = []
    lines: list[Any] = []
    step_deg = 0.5  # densify: a straight edge in degrees is a curve in the projection
    for cell, is_far in zip(cells, far, strict=True):
        if is_far:
            continue
        cell_land = shapely.clip_by_rect(land, *cell)
        if cell_land.is_empty:
            continue
        cell_land = shapely.transform(shapely.segmentize(cell_land, step_deg), project)
        cell_land = shapely.clip_by_rect(cell_land, x0 - grow_x, y0 - grow_y, x1 + grow_x, y1 + grow_y)
        polygons += [g for g in shapely.get_parts(cell_land) if g.geom_type == "Polygon" and not g.is_empty]
        cell_coast = shapely.clip_by_rect(coast, *cell)
        if not cell_coast.is_empty:
            cell_coast = shapely.transform(shapely.segmentize(cell_coast, step_deg), project)
            cell_coast = shapely.clip_by_rect(cell_coast, x0 - grow_x, y0 - grow_y, x1 + grow_x, y1 + grow_y)
            lines += [np.asarray(g.coords) for g in shapely.get_parts(cell_coast)
                      if g.geom_type == "LineString" and not g.is_empty]
    return polygons, lines


def projection_for(scene: Scene) -> tuple[str, float, float, bool]:
    """The projection of a static map of ``scene``: (proj4 string, centre lon, centre lat,
    ocean scale?). Both choices are north-up: the meridian through the centre is vertical.

    Regional maps use an azimuthal equidistant projection centred on the view (distances from
    its centre true, shapes near true); ocean-scale maps use Equal Earth centred on the route,
    its antimeridian on the far side of the world from the features.
    """
    west, south, east, north = scene.view_bounds or scene.bounds
    centre_lon = round((west + east) / 2, 6)
    centre_lat = round((south + north) / 2, 6)
    if is_ocean_scale((west, south, east, north)):
        return (f"+proj=eqearth +lon_0={centre_lon:.6f} +datum=WGS84 +units=m +no_defs", centre_lon, centre_lat, True)
    return (f"+proj=aeqd +lat_0={centre_lat:.6f} +lon_0={centre_lon:.6f} +datum=WGS84 +units=m +no_defs",
            centre_lon, centre_lat, False)


def _frame_lonlat(frame: tuple[float, float, float, float], centre_lon: float, inverse: Any, forward: Any, *,
                  whole_world: bool) -> tuple[float, float, float, float]:
    """The lon/lat box (west, south, east, north; longitudes unwrapped round ``centre_lon``)
    that holds the whole of a map's ``frame`` (projected metres): its edges taken back to
    lon/lat, a degree added round, a pole in the frame taking every longitude. On a world
    projection (``whole_world``: the frame may hold the world's edge, where points have no
    lon/lat) a grid over the frame is taken back instead, and the points off the world left out."""
    import numpy as np

    if whole_world:
        return _world_frame_lonlat(frame, centre_lon, inverse)
    x0, y0, x1, y1 = frame
    edge = np.linspace(0.0, 1.0, 41)
    xs = np.concatenate([x0 + (x1 - x0) * edge, x0 + (x1 - x0) * edge, np.full_like(edge, x0), np.full_like(edge, x1)])
    ys = np.concatenate([np.full_like(edge, y0), np.full_like(edge, y1), y0 + (y1 - y0) * edge, y0 + (y1 - y0) * edge])
    lons, lats = (np.asarray(v, dtype=float) for v in inverse.transform(xs, ys))
    if not (np.isfinite(lons).all() and np.isfinite(lats).all()):
        return (centre_lon - 180.0, -85.0, centre_lon + 180.0, 85.0)
    lons = np.unwrap(lons, period=360.0)
    lons += 360.0 * round((centre_lon - float(np.median(lons))) / 360.0)
    west, east = float(lons.min()) - 1.0, float(lons.max()) + 1.0
    south, north = max(float(lats.min()) - 1.0, -85.0), min(float(lats.max()) + 1.0, 85.0)
    for pole_lat in (90.0, -90.0):
        px, py = forward.transform(centre_lon, pole_lat)
        if x0 <= px <= x1 and y0 <= py <= y1:
            west, east = centre_lon - 180.0, centre_lon + 180.0
            south, north = (south, 85.0) if pole_lat > 0 else (-85.0, north)
    if east - west >= 359.0:
        west, east = centre_lon - 180.0, centre_lon + 180.0
    return (round(west, 6), round(south, 6), round(east, 6), round(north, 6))


def _world_frame_lonlat(frame: tuple[float, float, float, float], centre_lon: float,
                        inverse: Any) -> tuple[float, float, float, float]:
    """:func:`_frame_lonlat` for a world projection centred on ``centre_lon`` (Equal Earth):
    the ocean-scale images drew borders and rivers for the whole world, most of it out of frame."""
    import numpy as np

    whole = (round(centre_lon - 180.0, 6), -85.0, round(centre_lon + 180.0, 6), 85.0)
    x0, y0, x1, y1 = frame
    grid_x, grid_y = np.meshgrid(np.linspace(x0, x1, 61), np.linspace(y0, y1, 61))
    lons, lats = (np.asarray(v, dtype=float).ravel() for v in inverse.transform(grid_x.ravel(), grid_y.ravel()))
    on_world = np.isfinite(lons) & np.isfinite(lats) & (np.abs(lats) <= 90.0)
    if not on_world.any():
        return whole
    lons, lats = lons[on_world], lats[on_world]
    # Round the projection's centre: its antimeridian is the frame's only seam.
    lons = lons + 360.0 * np.round((centre_lon - lons) / 360.0)
    # A grid step is up to a sixtieth of the frame: a margin of two steps, and a degree.
    step_lon = 2 * (float(lons.max()) - float(lons.min())) / 60 + 1.0
    step_lat = 2 * (float(lats.max()) - float(lats.min())) / 60 + 1.0
    west, east = float(lons.min()) - step_lon, float(lons.max()) + step_lon
    south, north = max(float(lats.min()) - step_lat, -85.0), min(float(lats.max()) + step_lat, 85.0)
    if east - west >= 359.0:
        west, east = centre_lon - 180.0, centre_lon + 180.0
    return (round(west, 6), round(south, 6), round(east, 6), round(north, 6))


def _rivers_to_the_coast(rivers_xy: list[Any], coast_xy: list[Any], land_xy: list[Any], reach: float) -> list[Any]:
    """River lines (projected) whose mouth stops on land a little short of the basemap's coast
    (Natural Earth's rivers end at its own, coarser coastline) carried on to the nearest point
    of that coast, so no river ends in the middle of the land. Only a mouth is carried: the
    free end of a line (one that joins no other river line: not a confluence, nor where the
    next piece of the same river goes on) nearer the coast than its other end, within ``reach``
    (projected metres) of it; a source near the shore or a tributary's end is left as it is."""
    import numpy as np
    import shapely

    if not rivers_xy or not coast_xy or not land_xy:
        return rivers_xy
    coast = shapely.MultiLineString([np.asarray(line) for line in coast_xy if len(line) >= 2])
    shapely.prepare(coast)
    # The projected land pieces are not merged (a projected cell edge can make one invalid):
    # a point is on land when it lies within any of them.
    land = shapely.STRtree(land_xy)
    arrays = [np.asarray(xy, dtype=float) for xy in rivers_xy]
    lines = [shapely.LineString(xy) if len(xy) >= 2 else shapely.Point(xy[0]) for xy in arrays]
    network = shapely.STRtree(lines)
    touching = reach * 1e-3  # ends drawn from the same data meet exactly, or all but

    def joins_another(index: int, end: Any) -> bool:
        near = network.query(end, predicate="dwithin", distance=touching)
        return any(other != index for other in near.tolist())

    out = []
    for index, xy in enumerate(arrays):
        ends = [shapely.Point(xy[0]), shapely.Point(xy[-1])]
        gaps = [float(coast.distance(end)) for end in ends]
        mouth = 0 if gaps[0] < gaps[1] else 1
        end, gap = ends[mouth], gaps[mouth]
        if (len(xy) >= 2 and 0.0 < gap <= reach and len(land.query(end, predicate="within"))
                and not joins_another(index, end)):
            x, y = shapely.get_coordinates(shapely.shortest_line(end, coast))[-1]
            xy = np.vstack([[x, y], xy]) if mouth == 0 else np.vstack([xy, [x, y]])
        out.append(xy)
    return out


def _text_px(fig: Any, renderer: Any, text: str, style: dict[str, Any]) -> float:
    """The width of ``text`` in ``style`` as drawn, in output pixels."""
    probe = fig.text(0, 0, text, **style)
    width = float(probe.get_window_extent(renderer).width) if text else 0.0
    probe.remove()
    return width


def _wrap_measured(fig: Any, renderer: Any, text: str, room_px: float, style: dict[str, Any]) -> list[str]:
    """``text`` cut at spaces into lines that each fit ``room_px`` output pixels as drawn."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and _text_px(fig, renderer, candidate, style) > room_px:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


def _world_outline(west: float, project: Any) -> Any:
    """The projected outline of the whole world (the meridians at ``west`` and ``west + 360``
    and the poles' lines), as a shapely polygon: the sea on an Equal Earth map."""
    import numpy as np
    import shapely

    lats = np.linspace(-90.0, 90.0, 181)
    east_side = np.column_stack([np.full_like(lats, west + 360.0 - 1e-9), lats])
    west_side = np.column_stack([np.full_like(lats, west + 1e-9), lats[::-1]])
    return shapely.Polygon(project(np.concatenate([east_side, west_side])))


def _check_options(fmt: str, scale: float, width_px: int, height_px: int) -> None:
    if fmt not in _FORMATS:
        raise BadInput(f"image format {fmt!r} is not supported; use 'png' or 'svg'")
    if not isinstance(scale, (int, float)) or not 0.72 <= scale <= 6:
        raise BadInput(f"dpi must be from 72 to 600, not {scale * _BASE_DPI!r}")
    for name, value in (("width_px", width_px), ("height_px", height_px)):
        if not isinstance(value, int) or not 150 <= value <= 6000:
            raise BadInput(f"{name} must be a whole number of pixels from 150 to 6000, not {value!r}")


def image_bytes(
    checks: Any,
    *,
    fmt: str = "png",
    scale: int = 1,
    width_px: int = 1200,
    height_px: int = 800,
    title: str | None = None,
    units: str = "km",
    subtitle: str | None = None,
    dpi: int | None = None,
) -> tuple[bytes, ImageInfo]:
    """The image of ``checks`` as bytes, with its layout; see :func:`write_image`."""
    if dpi is not None:
        if not isinstance(dpi, int) or not 72 <= dpi <= 600:
            raise BadInput(f"dpi must be a whole number from 72 to 600, not {dpi!r}")
        scale = dpi / _BASE_DPI  # type: ignore[assignment]
    elif scale not in (1, 2, 3):
        raise BadInput(f"scale must be 1, 2 or 3 (times the pixel size), not {scale!r}; or give dpi")
    _check_options(fmt, scale, width_px, height_px)
    scene = build_scene(checks, title=title, units=units, subtitle=subtitle)
    return _draw(scene, fmt=fmt, scale=scale, width_px=width_px, height_px=height_px)


def write_image(
    checks: Any,
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    scale: int = 1,
    width_px: int = 1200,
    height_px: int = 800,
    title: str | None = None,
    units: str = "km",
    subtitle: str | None = None,
    dpi: int | None = None,
) -> ImageInfo:
    """Draw ``checks`` (a PairCheck, a list, or a report with ``.checks``) to ``path``.

    ``fmt`` is ``"png"`` or ``"svg"`` (default: from the file name, else PNG). The image is
    ``width_px`` x ``height_px`` pixels times ``scale`` (2 for high-density screens and print),
    or at ``dpi`` dots per inch (a logical pixel is 1/100 inch: ``dpi=200`` is ``scale=2``).
    Social cards: 1200 x 675 or 1080 x 1080; title, badge and credits are wrapped to fit.
    The alt text goes into the file's metadata (PNG ``Description``, SVG ``<dc:description>``)
    and is returned, to put next to the image where it is published.
    """
    from geo.fileio import write_atomic

    if fmt is None:
        suffix = Path(path).suffix.lower().lstrip(".")
        fmt = suffix if suffix in _FORMATS else "png"
    data, info = image_bytes(
        checks, fmt=fmt, scale=scale, width_px=width_px, height_px=height_px, title=title, units=units,
        subtitle=subtitle, dpi=dpi,
    )
    written = write_atomic(path, data)
    return info._replace(path=written)


def _draw(scene: Scene, *, fmt: str, scale: float, width_px: int, height_px: int) -> tuple[bytes, ImageInfo]:
    import matplotlib
    import numpy as np
    import shapely
    from matplotlib import patheffects
    from matplotlib.artist import Artist
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import PathPatch, Rectangle
    from pyproj import Transformer

    from geo.sea.coastline import coastline_source

    proj4, centre_lon, centre_lat, ocean = projection_for(scene)
    forward = Transformer.from_crs("EPSG:4326", proj4, always_xy=True)
    inverse = Transformer.from_crs(proj4, "EPSG:4326", always_xy=True)
    seam_west = centre_lon - 180.0  # the projection's antimeridian: lines are cut there

    def project(coords: Sequence[tuple[float, float]]) -> Any:
        array = np.asarray(coords, dtype=float)
        # Into the projection's world, keeping its two edges apart (a point on the eastern
        # edge stays there rather than jumping to the western one).
        lons = array[:, 0].copy()
        lons[lons < seam_west - 1e-9] += 360.0
        lons[lons > seam_west + 360.0 + 1e-9] -= 360.0
        # A point exactly on the seam is put on either edge by the projection: keep it on its own.
        lons = np.clip(lons, seam_west + 1e-7, seam_west + 360.0 - 1e-7)
        x, y = forward.transform(lons, array[:, 1])
        return np.column_stack([x, y])

    def project_pieces(coords: Sequence[tuple[float, float]]) -> list[Any]:
        """A line as drawn: cut where it crosses the projection's antimeridian."""
        return [project(piece) for piece in split_in_frame(coords, seam_west) if len(piece) >= 2]

    # text.parse_math off: a headline is drawn as written ("$5bn" is dollars, not mathtext).
    # svg.fonttype none: SVG text stays text (editable, searchable), not outlines.
    with matplotlib.rc_context({"svg.hashsalt": "shiproute", "font.family": "DejaVu Sans", "path.simplify": True,
                                "text.parse_math": False, "svg.fonttype": "none"}):
        fig = Figure(figsize=(width_px / _BASE_DPI, height_px / _BASE_DPI), dpi=_BASE_DPI * scale)
        canvas = FigureCanvasAgg(fig)
        fig.patch.set_facecolor("white")
        # Layout in figure fractions: header (title + finding), the map, the source and credit
        # lines. Text is wrapped to the width, so a square social card keeps all of it.
        margin_px = 14
        places = "GeoNames (CC BY 4.0)" + "".join(f", {s}" for s in scene.sources if s != "GeoNames")
        credit = (f"Places: {places}  ·  Coastlines: {coastline_source()}  ·  Borders, lakes, rivers, cities: "
                  "Natural Earth  ·  Map: shiproute, WGS84 geodesics")
        renderer = canvas.get_renderer()
        usable = (width_px - 2 * margin_px) * scale  # in output pixels, as the renderer measures

        def badge_gap(text_px: float) -> float:
            """Output pixels between a finding and its verdict badge. An SVG's text is set by
            the viewer with its own copy of the font and kerning, up to a few per cent wider
            than measured here: there the gap grows with the line, so they never meet."""
            return (8.0 if fmt == "png" else 10.0 + 0.035 * text_px / scale) * scale

        def wrap(text: str, room: float, **style: Any) -> list[str]:
            return _wrap_measured(fig, renderer, text, room, style)

        title_lines = wrap(scene.title, usable, fontsize=17, fontweight="bold")
        subtitle_lines = wrap(scene.subtitle, usable, fontsize=11, fontstyle="italic") if scene.subtitle else []
        finding_lines = []
        for finding in scene.findings:
            indent = (24 if finding.number is not None else 0) * scale
            lines = wrap(finding.text, usable - indent, fontsize=11.5)
            if finding.status_label:
                # The badge goes after the last line, or on a line of its own if it has no room.
                badge_px = _text_px(fig, renderer, f" {finding.status_label} ", dict(fontsize=11, fontweight="bold"))
                last_px = _text_px(fig, renderer, lines[-1], dict(fontsize=11.5))
                if last_px + badge_px + badge_gap(last_px) + 12 * scale > usable - indent:
                    lines.append("")
            finding_lines.append(lines)
        source_lines = wrap(scene.source, usable, fontsize=8.5)
        footer_lines = source_lines + wrap(credit, usable, fontsize=8)
        title_px, subtitle_line_px, line_px, footer_line_px = 27, 19, 21, 13
        subtitle_px = subtitle_line_px * len(subtitle_lines)
        header_px = 20 + title_px * len(title_lines) + subtitle_px + line_px * sum(map(len, finding_lines)) + 10
        footer_px = 10 + footer_line_px * len(footer_lines)
        ax = fig.add_axes(
            (
                margin_px / width_px,
                footer_px / height_px,
                1 - 2 * margin_px / width_px,
                1 - (header_px + footer_px) / height_px,
            )
        )
        # Equal Earth: the world's outline is drawn as sea; outside it the page stays white.
        ax.set_facecolor("white" if ocean else COLOURS["water"])
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_edgecolor("#7d8a92")
            spine.set_linewidth(0.8)

        # Extent: every feature, padded, then widened to the axes' shape (no distortion).
        projected_lines = {
            id(line): [xy for piece in (line.pieces or (line.coords,)) for xy in project_pieces(piece)]
            for line in scene.lines
        }
        feature_points = [project([(p.lon, p.lat) for p in scene.places])]
        # As on the web map: a geodesic cut at the world's edge (it runs the other way round
        # the world than its sea route) runs out of the view.
        feature_points += [xy for line in scene.lines if len(line.pieces) <= 1 for xy in projected_lines[id(line)]]
        feature_points += [project([claim.at]) for claim in scene.route_claims]
        several = len(scene.checks) > 1
        for ring in scene.rings:
            if several and ring.focus:
                # Only the ring's arc beside the destination: a big ring may run out of the
                # view rather than shrink the other claims to a knot.
                feature_points.append(project(ring.focus))
                continue
            feature_points += [project(line) for line in ring.lines]
        everything = np.concatenate(feature_points)
        x0, y0 = everything.min(axis=0)
        x1, y1 = everything.max(axis=0)
        span = max(x1 - x0, y1 - y0, 20_000.0)
        pad = 0.08 * span
        x0, x1, y0, y1 = x0 - pad, x1 + pad, y0 - pad, y1 + pad
        # Room for the legend in the lower left: push the bottom edge down.
        y0 -= 0.16 * (y1 - y0)
        box_w_px = width_px - 2 * margin_px
        box_h_px = height_px - header_px - footer_px
        want = box_w_px / box_h_px
        if (x1 - x0) / (y1 - y0) < want:
            grow = (want * (y1 - y0) - (x1 - x0)) / 2
            x0, x1 = x0 - grow, x1 + grow
        else:
            grow = ((x1 - x0) / want - (y1 - y0)) / 2
            y0, y1 = y0 - grow, y1 + grow
        if ocean:
            # Keep the view on the world: no empty band beyond a pole (move it, if it fits).
            top = float(project([(centre_lon, 90.0)])[0][1])
            if y1 > top and y0 - (y1 - top) >= -top:
                y0, y1 = y0 - (y1 - top), top
            elif y0 < -top and y1 + (-top - y0) <= top:
                y0, y1 = -top, y1 + (-top - y0)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        metres_per_px = (x1 - x0) / box_w_px

        # Land at about half a pixel of detail: fill without outline, coastline on top.
        if ocean:
            outline = _world_outline(seam_west, project)
            ax.add_patch(PathPatch(_polygon_path([outline]), facecolor=COLOURS["water"], edgecolor="#7d8a92",
                                   linewidth=0.6, zorder=0.5))
        land_polygons_xy, coast_xy = _land_layers(
            (x0, y0, x1, y1), centre_lon, project, inverse, forward, metres_per_px * 0.5 / 1000.0,
            max_distance_km=None if ocean else _MAX_LAND_DISTANCE_KM,
        )
        path = _polygon_path(land_polygons_xy)
        if path is not None:
            ax.add_patch(PathPatch(path, facecolor=COLOURS["land"], edgecolor="none", linewidth=0, zorder=1))
        if coast_xy:
            ax.add_collection(LineCollection(coast_xy, colors=COLOURS["coast"], linewidths=0.6, zorder=1.5))
        # Country borders (shared edges of Natural Earth's countries), as on the web map.
        from maps.context import borders, context_labels, in_water, rivers, water_spots
        from maps.render import scene_channels, scene_cities, scene_routes

        view_ll = scene.view_bounds or scene.bounds
        # Rivers and borders run out to the frame, which is wider than the view (padding, and
        # the image's shape): cut at the view, a river would end in the middle of the land.
        frame_ll = _frame_lonlat((x0, y0, x1, y1), centre_lon, inverse, forward, whole_world=ocean)
        # Rivers in the sea's colour: the river a route runs up (wider), the big ones for context,
        # and any stretch of a route over land too narrow for the map's detail (a river arm).
        routes = scene_routes(scene)
        water_lines = rivers(frame_ll, routes, view=view_ll)
        # Carried to the coast together: a tributary's end on the river a route uses is a confluence.
        river_pieces = [(used, xy) for line, used in water_lines for xy in project_pieces(line)]
        carried = _rivers_to_the_coast([xy for _, xy in river_pieces], coast_xy, land_polygons_xy,
                                       24 * metres_per_px)
        for width, river_xy in ((0.9, [xy for (used, _), xy in zip(river_pieces, carried, strict=True) if not used]),
                                (2.4, [xy for (used, _), xy in zip(river_pieces, carried, strict=True) if used]),
                                # wider than the route's casing
                                (8.0, [xy for line in scene_channels(scene, routes) for xy in project_pieces(line)])):
            if river_xy:
                ax.add_collection(LineCollection(river_xy, colors=COLOURS["water"], linewidths=width,
                                                 zorder=1.55, capstyle="round", joinstyle="round"))
        border_xy = [xy for line in borders(frame_ll) for xy in project_pieces(line)]
        if border_xy:
            ax.add_collection(LineCollection(border_xy, colors=COLOURS["border"], linewidths=0.8,
                                             linestyles=(0, (3, 2)), zorder=1.6))

        # The claim: band first, then its dashed ring(s); big rings first, so small ones stay on top.
        for ring in sorted(scene.rings, key=lambda r: -r.radius_km):
            band_parts = []
            for rings in _polygons_in_frame(ring.band_polygons, seam_west):
                polygon = shapely.segmentize(shapely.Polygon(rings[0], rings[1:]), 1.0)
                band_parts.append(shapely.Polygon(project(polygon.exterior.coords),
                                                  [project(hole.coords) for hole in polygon.interiors]))
            path = _polygon_path(band_parts)
            if path is not None:
                # Fainter when several bands overlap, so the sea and land still read through them.
                # (A solid colour mixed with white, not alpha: the file carries no alpha channel.)
                ax.add_patch(PathPatch(path, facecolor=COLOURS["claim"], alpha=0.16 if not several else 0.09,
                                       edgecolor="none", zorder=2))
            for ring_line in ring.lines:
                for xy in project_pieces(ring_line):
                    ax.plot(xy[:, 0], xy[:, 1], color=COLOURS["claim"], linewidth=1.6, dashes=(5, 3.5), zorder=3)
        for claim in scene.route_claims:
            for piece in claim.band:
                for xy in project_pieces(piece):
                    ax.plot(xy[:, 0], xy[:, 1], color=COLOURS["claim"], linewidth=13, alpha=0.45, zorder=3.5,
                            solid_capstyle="butt")
            at = project([claim.at])
            ax.scatter(at[:, 0], at[:, 1], s=60, c=COLOURS["claim"], edgecolors="white", linewidths=1.5, zorder=5)

        line_points: dict[str, list[tuple[float, float]]] = {}
        height_out = height_px * scale

        def to_pixels(x: float, y: float) -> tuple[float, float]:
            px, py = ax.transData.transform((x, y))
            return (round(float(px), 2), round(float(height_out - py), 2))

        for kind in ("sea", "access", "geodesic"):
            for line in scene.lines:
                if line.kind != kind:
                    continue
                style: dict[str, Any] = dict(color=COLOURS[kind], linewidth=2.6, zorder=4, solid_capstyle="round")
                if kind == "access":  # a way the router does not model: dotted grey, not a route
                    style.update(linewidth=3.0, dashes=(0.1, 2.2), dash_capstyle="round")
                if kind == "geodesic" and any(other.kind == "sea" for other in scene.lines):
                    # The straight line is the reference beside the sea route: thin and dashed.
                    style.update(linewidth=1.4, dashes=(5, 3))
                if kind == "sea" and line.coincides:  # wide, with the straight line inside it
                    style.update(linewidth=5.5)
                # A white casing under the line: it reads on land and on sea alike (but would
                # hide a sea route that the straight line runs along).
                casing = ([] if kind == "geodesic" and line.coincides
                          else [patheffects.withStroke(linewidth=style["linewidth"] + 2.5, foreground="white")])
                for xy in projected_lines[id(line)]:
                    ax.plot(xy[:, 0], xy[:, 1], path_effects=casing, **style)
                line_points.setdefault(kind, [])

        # Markers on top, then labels.
        place_xy = project([(p.lon, p.lat) for p in scene.places])
        ax.scatter(place_xy[:, 0], place_xy[:, 1], s=110, c=COLOURS["place"], edgecolors="white",
                   linewidths=1.8, zorder=6)
        # Legend, lower left.
        handles: list[Artist] = []
        for row in scene.legend:
            text = row.text + (f" {row.units}" if row.units else "")
            if row.kind == "marker":
                handles.append(Line2D([], [], linestyle="none", marker="o", markersize=8,
                                      markerfacecolor=row.colour, markeredgecolor="white", label=text))
            elif row.kind == "mark":
                handles.append(Line2D([], [], linestyle="none", marker="o", markersize=7,
                                      markerfacecolor=row.colour, markeredgecolor="white", label=text))
            elif row.kind == "band":
                handles.append(Rectangle((0, 0), 1, 1, facecolor=row.colour, alpha=0.25, edgecolor=row.colour,
                                         linestyle="--", label=text))
            elif row.kind == "dotted":
                handles.append(Line2D([], [], color=row.colour, linewidth=3.0, dashes=(0.1, 2.2),
                                      dash_capstyle="round", label=text))
            else:
                thin = row.kind == "dashed" and row.colour == COLOURS["geodesic"]  # the reference line
                handles.append(Line2D([], [], color=row.colour, linewidth=1.4 if thin else 2.4,
                                      dashes=(4, 2.5) if row.kind == "dashed" else (None, None), label=text))
        legend = ax.legend(handles=handles, loc="lower left", fontsize=9.5 if width_px >= 900 else 8, frameon=True,
                           framealpha=0.94,
                           edgecolor="#00000030", fancybox=True, borderpad=0.6, handlelength=2.2)
        legend.set_zorder(8)

        # Scale bar, lower right: km above nmi, each about a fifth of the map wide at most.
        scale_artists: list[Any] = []
        # None on an ocean-scale map: its scale changes across it, so no one bar is true.
        limit_m = (x1 - x0) / 5
        bar_right = x1 - 0.03 * (x1 - x0)
        base_y = y0 + 0.05 * (y1 - y0)
        for bar_row, (unit, metres) in enumerate(() if ocean else (("km", 1000.0), ("nmi", 1852.0))):
            amount = _nice_length(limit_m / metres)
            length = amount * metres
            y = base_y + (1 - bar_row) * 0.045 * (y1 - y0)  # km on top, as on the web map
            colour = COLOURS["text"] if unit == "km" else COLOURS["sea"]
            scale_artists += ax.plot([bar_right - length, bar_right], [y, y], color=colour, linewidth=2.2, zorder=8,
                                     solid_capstyle="butt")
            for end in (bar_right - length, bar_right):
                scale_artists += ax.plot([end, end], [y, y + 0.012 * (y1 - y0)], color=colour, linewidth=1.6, zorder=8)
            shown = f"{amount:g} {unit}"
            scale_artists.append(ax.annotate(
                shown, (bar_right - length, y), xytext=(-6, 0), textcoords="offset points", ha="right",
                va="center", fontsize=9, color=colour, zorder=8,
                bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.8)))

        # Labels, placed greedily so none overlaps another, a marker, the legend or the scale
        # bar: places first (a place shared by several claims before the others), then the
        # lines' labels, then the rings'. A label that fits nowhere is left out.
        px_per_pt = _BASE_DPI * scale / 72.0
        axes_box = ax.get_window_extent(renderer)
        taken: list[tuple[float, float, float, float]] = []
        marker_half = 5.5 * px_per_pt  # the marker's radius (s=110 is 10.5 pt across) and its white edge
        for mx, my in ax.transData.transform(place_xy):
            taken.append((mx - marker_half, my - marker_half, mx + marker_half, my + marker_half))
        legend_box = legend.get_window_extent(renderer)
        scale_boxes = [a.get_window_extent(renderer) for a in scale_artists]
        if any(b.x0 < legend_box.x1 and legend_box.y0 < b.y1 and b.y0 < legend_box.y1 for b in scale_boxes):
            for artist in scale_artists:  # no room beside the legend (a small card): no scale bar
                artist.remove()
            scale_artists = []
        for artist in [legend, *scale_artists]:
            box = artist.get_window_extent(renderer)
            taken.append((box.x0, box.y0, box.x1, box.y1))
        # The locator inset, upper right, for a regional map: the same as the web map's.
        from maps.context import locator

        inset_data = locator(view_ll)
        if inset_data is not None:
            from matplotlib.patches import Polygon as PolygonPatch

            ax.apply_aspect()
            frame = ax.get_position()
            inset_w = (120 if width_px >= 700 else 84) / width_px
            inset_h = inset_w * width_px / height_px * inset_data.height / inset_data.width
            inset = fig.add_axes((frame.x1 - inset_w - 8 / width_px, frame.y1 - inset_h - 8 / height_px,
                                  inset_w, inset_h))
            inset.set_xlim(0, inset_data.width)
            inset.set_ylim(inset_data.height, 0)
            inset.set_facecolor(COLOURS["water"])
            inset.set_xticks([])
            inset.set_yticks([])
            for spine in inset.spines.values():
                spine.set_edgecolor("#7d8a92")
                spine.set_linewidth(0.8)
            for rings in inset_data.land:
                inset.add_patch(PolygonPatch(rings[0], closed=True, facecolor=COLOURS["land"],
                                             edgecolor=COLOURS["coast"], linewidth=0.3))
            vx0, vy0, vx1, vy1 = inset_data.view
            inset.add_patch(Rectangle((vx0, vy0), vx1 - vx0, vy1 - vy0, fill=False, edgecolor=COLOURS["place"],
                                      linewidth=1.4))
            inset.set_zorder(9)
            box = inset.get_window_extent(renderer)
            taken.append((box.x0 - 4, box.y0 - 4, box.x1 + 4, box.y1 + 4))
        placed_labels: list[tuple[str, str, tuple[float, float, float, float]]] = []

        # The story's lines in output pixels, as wide as they are drawn (casing, and the broad
        # band of a claim along the route): names of cities, countries and seas keep off them
        # (a sea's name written across the route hides both), and so do the cities' dots
        # (Jakarta's sat on the route round the Cape).
        ax.apply_aspect()
        has_sea = any(line.kind == "sea" for line in scene.lines)

        def drawn_width_pt(line: Any) -> float:
            """A line's width as drawn above, with its white casing (points)."""
            if line.kind == "geodesic":
                return (1.4 if has_sea else 2.6) + (0.0 if line.coincides else 2.5)
            return (3.0 if line.kind == "access" else 5.5 if line.coincides else 2.6) + 2.5

        strokes = [shapely.MultiLineString([ax.transData.transform(xy) for xy in projected_lines[id(line)]
                                            if len(xy) >= 2]).buffer(drawn_width_pt(line) / 2 * px_per_pt + 2 * scale)
                   for line in scene.lines]
        band_paths = [ax.transData.transform(xy) for claim in scene.route_claims for piece in claim.band
                      for xy in project_pieces(piece) if len(xy) >= 2]
        if band_paths:
            strokes.append(shapely.MultiLineString(band_paths).buffer(13 / 2 * px_per_pt + 2 * scale))
        drawn_lines = shapely.union_all(strokes)
        shapely.prepare(drawn_lines)

        land_tree = shapely.STRtree(land_polygons_xy) if land_polygons_xy else None
        to_data = ax.transData.inverted()

        def lonlat_at(x_px: float, y_px: float) -> tuple[float, float]:
            """The longitude and latitude at a point of the output (pixels from the bottom left)."""
            x, y = to_data.transform((x_px, y_px))
            return inverse.transform(x, y)

        def land_share(rect: tuple[float, float, float, float]) -> float:
            """The share of a box (output pixels) that is land on the map."""
            if land_tree is None:
                return 0.0
            (left, bottom), (right, top) = to_data.transform([(rect[0], rect[1]), (rect[2], rect[3])])
            box = shapely.box(left, bottom, right, top)
            hits = land_tree.query(box, predicate="intersects")
            covered = sum(float(shapely.intersection(land_polygons_xy[i], box).area) for i in hits.tolist())
            return min(covered / max(float(box.area), 1e-9), 1.0)

        def place_label(
            kind: str, text: str, candidates: list[tuple[float, float, str]], style: dict[str, Any],
            fits: Callable[[tuple[float, float, float, float]], bool] | None = None,
        ) -> bool:
            """Put ``text`` at the first candidate (x, y in data units, side) where it collides
            with nothing placed so far (and, for a city or a country or sea name, with none of the
            story's lines; and where ``fits`` says yes of its box); else leave it out."""
            pad = (0.28 * style["fontsize"] + 1.0) * px_per_pt  # the box's padding and a hair of gap
            annotation = ax.annotate(text, (0, 0), xytext=(0, 0), textcoords="offset points", zorder=7, **style)
            for x, y, side in candidates:
                base, _, far = side.partition("-far")  # "-far": a step out, "-farther": two
                offset: tuple[float, float] = _SIDE_OFFSETS[base] if kind != "number" else (0, 0)
                if side != base:  # farther out, for a place in a crowd
                    step = 4.2 if far == "ther" else 2.4
                    offset = (offset[0] * step, offset[1] * step)
                ha, va = _SIDE_ALIGN[base] if kind != "number" else ("center", "center")
                annotation.xy = (x, y)
                annotation.set_position(offset)
                annotation.set_horizontalalignment(ha)  # set_ha/set_va: aliases the stubs lack
                annotation.set_verticalalignment(va)
                box = annotation.get_window_extent(renderer)
                rect = (box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad)
                inside = (rect[0] >= axes_box.x0 and rect[2] <= axes_box.x1
                          and rect[1] >= axes_box.y0 and rect[3] <= axes_box.y1)
                clear = inside and not any(_overlaps(rect, other) for other in taken)
                if clear and kind in ("city", "context") and drawn_lines.intersects(shapely.box(*rect)):
                    clear = False
                if clear and fits is not None and not fits(rect):
                    clear = False
                if clear:
                    if side != base:  # a leader line says which marker it names
                        annotation.remove()
                        ax.annotate(text, (x, y), xytext=offset, textcoords="offset points", zorder=7, ha=ha, va=va,
                                    arrowprops=dict(arrowstyle="-", color=COLOURS["text"], linewidth=0.8,
                                                    shrinkA=0, shrinkB=5),
                                    **style)
                    taken.append(rect)
                    placed_labels.append((kind, text.replace("\n", " "),
                                          (round(rect[0], 2), round(height_out - rect[3], 2),
                                           round(rect[2], 2), round(height_out - rect[1], 2))))
                    return True
            annotation.set_visible(False)
            return False

        label_box = dict(boxstyle="round,pad=0.25", facecolor="white", edgecolor="#00000040", linewidth=0.6, alpha=0.92)
        place_order = sorted(range(len(scene.places)), key=lambda i: (-len(scene.places[i].claim_numbers), i))
        for index in place_order:
            place = scene.places[index]
            x, y = place_xy[index]
            first_side = place.label_side if place.label_side in ("left", "right") else "right"
            sides = [first_side, "left" if first_side == "right" else "right", "top", "bottom"]
            sides += [f"{side}-far" for side in sides] + [f"{side}-farther" for side in sides]
            place_label("place", place.label, [(x, y, side) for side in sides],
                        dict(fontsize=11, fontweight="bold", color=COLOURS["text"], bbox=label_box))

        def badge(colour: str) -> dict[str, Any]:
            return dict(fontsize=9.5, fontweight="bold", color=colour,
                        bbox=dict(boxstyle="circle,pad=0.28", facecolor="white", edgecolor=colour, linewidth=1.2))

        for kind in ("geodesic", "sea", "access"):  # the straight line, the measure the verdict rests on, first
            for line in scene.lines:
                if line.kind != kind:
                    continue
                points = project([line.label_at, *line.label_options])
                if line.number is not None:
                    place_label("number", line.label, [(x, y, "center") for x, y in points], badge(COLOURS[kind]))
                    continue
                opposite = {"top": "bottom", "bottom": "top", "left": "right", "right": "left"}
                sides = [line.label_side, opposite.get(line.label_side, "center")]
                style_line = (dict(fontsize=9, fontstyle="italic", color=COLOURS[kind], bbox=label_box)
                              if kind == "access" else
                              dict(fontsize=10, fontweight="bold", color=COLOURS[kind], bbox=label_box))
                place_label(kind, line.label, [(x, y, side) for x, y in points for side in sides], style_line)
        for ring in scene.rings:
            points = project([ring.label_at, *ring.label_options])
            if ring.number is not None:
                place_label("number", ring.label, [(x, y, "center") for x, y in points], badge(COLOURS["claim"]))
            else:
                place_label("claim", ring.label, [(x, y, "center") for x, y in points],
                            dict(fontsize=10, fontweight="bold", color=COLOURS["claim"], bbox=label_box))

        for claim in scene.route_claims:
            x, y = project([claim.at])[0]
            if claim.number is not None:
                place_label("number", claim.label, [(x, y, "center")], badge(COLOURS["claim"]))
            else:
                place_label("claim", claim.label, [(x, y, side) for side in ("top", "bottom", "right", "left")],
                            dict(fontsize=10, fontweight="bold", color=COLOURS["claim"], bbox=label_box))

        # Reference cities: a dot and its name, where both have room.
        city_half = 3.2 * px_per_pt
        city_dots: dict[str, tuple[float, float]] = {}
        for city in scene_cities(scene):
            x, y = project([(city.lon, city.lat)])[0]
            cx, cy = ax.transData.transform((x, y))
            dot = (cx - city_half, cy - city_half, cx + city_half, cy + city_half)
            inside = axes_box.x0 <= dot[0] and dot[2] <= axes_box.x1 and axes_box.y0 <= dot[1] and dot[3] <= axes_box.y1
            if not inside or any(_overlaps(dot, other) for other in taken) or drawn_lines.intersects(shapely.box(*dot)):
                continue
            if place_label("city", city.text, [(x, y, "right-near"), (x, y, "left-near")],
                           dict(fontsize=9, color="#2b3035",
                                path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")])):
                taken.append(dot)
                city_dots[city.text] = to_pixels(x, y)
                ax.scatter([x], [y], s=22, c="#2b3035", edgecolors="white", linewidths=0.8, zorder=6.5)

        # Names of countries and seas last: each only where nothing else is.
        sea_names: dict[str, tuple[float, float]] = {}
        for item in context_labels(view_ll):
            x, y = project([(item.lon, item.lat)])[0]
            if item.kind == "sea":
                style_ctx = dict(fontsize=9.5, fontstyle="italic", color="#0d2f4a")
            else:
                style_ctx = dict(fontsize=8.5, color="#5a5f66")
            text = item.text.upper() if item.kind == "country" else item.text
            spots = [(x, y, side) for side in ("center", "right-clear", "left-clear", "top-clear", "bottom-clear")]
            if item.kind != "sea":
                place_label("context", text, spots, style_ctx)
                continue
            # A sea's name on its water where it can be, on two lines if one is too long for the
            # sea ("South China Sea" was written across Luzon into the Philippine Sea); where it
            # fits on a sea too narrow for it.
            words = text.split()
            half = (len(words) + 1) // 2
            two_lines = " ".join(words[:half]) + "\n" + " ".join(words[half:]) if len(words) > 1 else text
            # Over its point, or above or below it, then beside it; never out of its own water.
            over = [spot for spot in spots if spot[2] in ("center", "top-clear", "bottom-clear")]

            def on_its_sea(rect: tuple[float, float, float, float], sea: Any = item) -> bool:
                lon, lat = lonlat_at((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2)
                return math.isfinite(lon) and math.isfinite(lat) and in_water(sea, lon, lat)

            def mostly_water(rect: tuple[float, float, float, float]) -> bool:
                return on_its_sea(rect) and land_share(rect) <= 0.15

            # Elsewhere on its water, where the route leaves room ("South China Sea" had none
            # by its own point, with the route through it): found only when over its point fails.
            found: list[list[Any]] = []

            def elsewhere(sea: Any = item, found: list[list[Any]] = found) -> list[Any]:
                if not found:
                    found.append([(*project([spot])[0], "center") for spot in water_spots(sea, frame_ll)])
                return found[0]

            # (the places to try: a list, or the function that finds them)
            tries: list[tuple[str, Any, Callable[[tuple[float, float, float, float]], bool]]] = [
                (text, over, mostly_water), (two_lines, over, mostly_water), (text, elsewhere, mostly_water),
                (two_lines, elsewhere, mostly_water), (text, spots, mostly_water),
                (two_lines, spots, mostly_water), (text, spots, on_its_sea)]
            for name, where, test in tries:
                if name == two_lines and two_lines == text:
                    continue
                candidates: list[tuple[float, float, str]] = where() if callable(where) else where
                if place_label("context", name, candidates, style_ctx, test):
                    left, top_px, right, bottom_px = placed_labels[-1][2]
                    lon, lat = lonlat_at((left + right) / 2, height_out - (top_px + bottom_px) / 2)
                    sea_names[text] = (round(float(lon), 4), round(float(lat), 4))
                    break

        # Header: title, finding with its verdict badge.
        header_boxes: list[Any] = []  # the badge and the footer lines: the tests check they fit
        top = 1 - 12 / height_px
        fig.text(margin_px / width_px, top, "\n".join(title_lines), ha="left", va="top", fontsize=17,
                 fontweight="bold", color=COLOURS["text"], linespacing=1.15)
        below_title_px = 12 + title_px * len(title_lines)
        finding_row = 0
        for index, finding in enumerate(scene.findings):
            y = top - (below_title_px - 8 + subtitle_px + line_px * finding_row + 6) / height_px
            finding_row += len(finding_lines[index])
            text_x = margin_px / width_px
            if finding.number is not None:  # the key to the numbered labels on the map
                fig.text(text_x + 8 / width_px, y - 1 / height_px, str(finding.number), ha="center", va="top",
                         fontsize=9.5, fontweight="bold", color=COLOURS["geodesic"],
                         bbox=dict(boxstyle="circle,pad=0.2", facecolor="white", edgecolor=COLOURS["geodesic"],
                                   linewidth=1.2))
                text_x += 24 / width_px
            sentence = fig.text(text_x, y, "\n".join(finding_lines[index][:-1]), ha="left", va="top",
                                fontsize=11.5, color=COLOURS["text"], linespacing=1.3)
            last_y = y - line_px * (len(finding_lines[index]) - 1) / height_px
            sentence = fig.text(text_x, last_y, finding_lines[index][-1], ha="left", va="top", fontsize=11.5,
                                color=COLOURS["text"])
            if finding.status_label:
                status = fig.text(0, 0, f" {finding.status_label} ", fontsize=11, fontweight="bold",
                                  color="white", va="top", ha="left",
                                  bbox=dict(boxstyle="round,pad=0.25", facecolor=finding.colour, edgecolor="none"))
                bbox = sentence.get_window_extent(renderer=canvas.get_renderer())
                fig_w = width_px * scale
                status.set_position((bbox.x1 / fig_w + badge_gap(bbox.width) / fig_w, last_y))
                header_boxes.append(status)

        if scene.subtitle:
            fig.text(margin_px / width_px, top - (below_title_px - 4) / height_px, "\n".join(subtitle_lines),
                     ha="left", va="top", fontsize=11, fontstyle="italic", color="#444444", linespacing=1.2)

        # Source line, then the credits (wrapped), under the map.
        for index, text in enumerate(reversed(footer_lines)):
            credit_line = index < len(footer_lines) - len(source_lines)
            header_boxes.append(fig.text(margin_px / width_px, (6 + footer_line_px * index) / height_px, text,
                                         ha="left", va="bottom", fontsize=8 if credit_line else 8.5,
                                         color="#555555" if credit_line else "#333333"))

        canvas.draw()
        furniture = []
        for artist in header_boxes:
            box = artist.get_window_extent(renderer)
            if artist.get_bbox_patch() is not None:
                box = artist.get_bbox_patch().get_window_extent(renderer)
            furniture.append((round(box.x0, 2), round(height_out - box.y1, 2), round(box.x1, 2),
                              round(height_out - box.y0, 2)))
        west, south, east, north = scene.view_bounds or scene.bounds
        meridian = project([(centre_lon, max(south, -80.0)), (centre_lon, min(north, 80.0))])
        meridian_px = (to_pixels(*meridian[0]), to_pixels(*meridian[1]))
        places_px = {p.label: to_pixels(x, y) for p, (x, y) in zip(scene.places, place_xy, strict=True)}
        for line in scene.lines:
            xy = np.concatenate(projected_lines[id(line)])
            picks = np.linspace(0, len(xy) - 1, 9).round().astype(int)
            line_points.setdefault(line.kind, []).extend(to_pixels(*xy[i]) for i in picks)

        buffer = io.BytesIO()
        metadata: dict[str, Any]
        if fmt == "png":
            metadata = {"Title": scene.title, "Description": scene.alt_text, "Software": "shiproute (matplotlib)"}
        else:
            metadata = {"Title": scene.title, "Description": scene.alt_text, "Date": None,
                        "Creator": "shiproute (matplotlib)"}
        if fmt == "png":
            # Opaque RGB: the alpha channel matplotlib writes is all 255, so it is dropped.
            from PIL import Image
            from PIL.PngImagePlugin import PngInfo

            # The canvas was drawn above (for the furniture's extents) and has not changed since.
            rgb = Image.frombuffer("RGBA", canvas.get_width_height(), bytes(canvas.buffer_rgba())).convert("RGB")
            info_png = PngInfo()
            for key, value in metadata.items():
                info_png.add_text(key, value)
            dots = round(_BASE_DPI * scale)
            rgb.save(buffer, format="PNG", pnginfo=info_png, dpi=(dots, dots), optimize=False)
        else:
            fig.savefig(buffer, format=fmt, dpi=_BASE_DPI * scale, metadata=metadata, facecolor="white")
    info = ImageInfo(
        path=None,
        width_px=round(width_px * scale),
        height_px=round(height_px * scale),
        alt_text=scene.alt_text,
        places=places_px,
        line_points=line_points,
        labels=tuple(placed_labels),
        meridian_px=meridian_px,
        projection=proj4,
        furniture=tuple(furniture),
        frame_lonlat=frame_ll,
        city_dots=city_dots,
        sea_names=sea_names,
        line_paths=tuple((line.kind, tuple(to_pixels(x, y) for x, y in piece))
                         for line in scene.lines for piece in projected_lines[id(line)]),
    )
    return buffer.getvalue(), info
