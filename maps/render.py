"""Interactive maps: a folium map of checked distances, self-contained, stable and safe.

:func:`render` returns a :class:`folium.Map` (a notebook shows it inline); :func:`write_html`
writes it as one HTML file that needs no network; :func:`embed_snippet` gives the iframe a
graphics desk pastes next to the story.

How the folium output is made publishable, without forking folium:

* **Self-contained.** :class:`ShiprouteMap` declares no CDN files (folium's default page pulls
  jQuery, Bootstrap, Font Awesome and more); :class:`InlineAssets` inlines Leaflet from the
  ``xstatic-leaflet`` package and our small runtime (:mod:`maps.assets`).
* **Offline basemap.** Land is drawn from the shipped coastlines over a sea-coloured
  background; web tiles are an optional base layer a reader may switch to.
* **Deterministic.** folium gives each element a random id; :func:`stabilize_ids` renumbers
  them in tree order, so the same inputs give the same bytes.
* **Safe.** Every text that came from an article or a user travels as JSON data with ``<``,
  ``>`` and ``&`` escaped, and our runtime puts it into the page with ``textContent`` only.
  Our elements bypass branca's habit of re-parsing rendered output as a Jinja template (which
  would evaluate a place called ``{{ 7*7 }}``). The page title is HTML-escaped.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import urllib.parse
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import BadInput
from maps.scene import COLOURS, Scene, SceneLine, ScenePlace, SceneRing, SceneRouteClaim, build_scene, span_km

if TYPE_CHECKING:  # pragma: no cover
    import folium

    from geo.types import PairCheck

    class SceneMap(folium.Map):
        """What :func:`render` returns, as the type checker sees it: the ``ShiprouteMap`` class
        that :func:`_element_classes` defines at run time, carrying the scene it shows."""

        shiproute_scene: Scene

__all__ = [
    "DEFAULT_TILES",
    "render",
    "to_html",
    "write_html",
    "embed_snippet",
    "stabilize_ids",
    "tile_provider",
    "land_geojson",
]

#: The web layer offered by default, off until a reader picks it: a light, label-rich canvas
#: that needs no API key (xyzservices marks CartoDB's as needing one) and is not
#: OpenStreetMap's own servers, which refuse pages opened from disk and heavy embed use.
DEFAULT_TILES = "Esri.WorldGrayCanvas"
OFFLINE_BASE_NAME = "Land and sea (offline)"

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


def js_json(value: Any) -> str:
    """``value`` as a JavaScript expression that is safe inside ``<script>``: JSON with ``<``,
    ``>``, ``&`` and the two JS line separators escaped, keys in insertion order."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], text)


# --------------------------------------------------------------------------------------------
# Elements: folium plugins of our own


def _element_classes() -> dict[str, type]:
    """Define the element classes on first use, so ``import maps`` does not import folium."""
    global _CLASSES
    if _CLASSES:
        return _CLASSES
    import folium
    from branca.element import Element, Figure, MacroElement

    class RawHtml(Element):
        """Output that is already final: branca's ``Element(text)`` would parse it again as a
        Jinja template, evaluating ``{{ ... }}`` that came from a place name or a title."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self._name = "RawHtml"
            self._text = text

        def render(self, **kwargs: Any) -> str:
            return self._text

    class ShiprouteElement(MacroElement):
        """Base of our elements: ``header()``, ``body()`` and ``script()`` return final text."""

        _name_prefix = "shiproute"

        def __init__(self) -> None:
            super().__init__()
            self._name = self._name_prefix

        def header(self) -> str:
            return ""

        def body(self) -> str:
            return ""

        def script(self) -> str:
            return ""

        @property
        def map_name(self) -> str:
            assert self._parent is not None, f"{self._name} is not on a map"
            return self._parent.get_name()

        # branca's own MacroElement.render returns None too: Element.render's "-> str" does
        # not describe macro elements, which add their output to the figure instead.
        def render(self, **kwargs: Any) -> None:  # type: ignore[override]
            figure = self.get_root()
            assert isinstance(figure, Figure), "render an element only inside a Figure"  # as MacroElement.render
            parts = ((figure.header, self.header()), (figure.html, self.body()), (figure.script, self.script()))
            for part, text in parts:
                if text:
                    part.add_child(RawHtml(text), name=self.get_name())
            for child in self._children.values():
                child.render(**kwargs)

    class InlineAssets(ShiprouteElement):
        """Leaflet's JS/CSS and our runtime, inlined: the page fetches nothing."""

        _name_prefix = "inline_assets"

        def header(self) -> str:
            from maps.assets import SHIPROUTE_CSS, SHIPROUTE_JS, leaflet_css, leaflet_js, script_safe

            return (
                f"<style>\n{leaflet_css()}\n{SHIPROUTE_CSS}</style>\n"
                f"<script>\n{leaflet_js()}</script>\n"
                f"<script>{script_safe(SHIPROUTE_JS, what='the shiproute runtime')}</script>\n"
            )

    class MapSetup(ShiprouteElement):
        """Accessible name and description, credits, wheel-zoom behaviour for embeds."""

        _name_prefix = "map_setup"

        def __init__(self, title: str, description: str, credits: Sequence[str]) -> None:
            super().__init__()
            self.title = title
            self.description = description
            self.credits = list(credits)

        def body(self) -> str:
            return (
                f'<div id="{self.get_name()}" class="shiproute-sr-only">'
                f"{html.escape(self.description, quote=True)}</div>"
            )

        def script(self) -> str:
            options = {
                "label": f"Map: {self.title}",
                "describedBy": self.get_name(),
                "prefix": '<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>',
                "credits": self.credits,
            }
            return f"shiproute.setup({self.map_name}, {js_json(options)});\n"

    class LandBasemap(ShiprouteElement):
        """Land polygons from the shipped coastlines; the sea is the map's background colour."""

        _name_prefix = "land_basemap"

        def __init__(self, geojson: dict[str, Any]) -> None:
            super().__init__()
            self.geojson = geojson

        def script(self) -> str:
            style = {
                "land": {"stroke": False, "fillColor": COLOURS["land"], "fillOpacity": 1, "fillRule": "nonzero",
                         "smoothFactor": 0},
                "coast": {"color": COLOURS["coast"], "weight": 0.8, "fill": False},
            }
            return (
                f"var {self.get_name()} = shiproute.land({self.map_name}, {js_json(self.geojson)}, {js_json(style)});\n"
            )

    class WebTiles(ShiprouteElement):
        """An xyzservices tile layer, offered as a base layer; never added until chosen."""

        _name_prefix = "web_tiles"

        def __init__(self, spec: dict[str, Any]) -> None:
            super().__init__()
            self.spec = spec

        def script(self) -> str:
            return f"var {self.get_name()} = shiproute.tiles({self.map_name}, {js_json(self.spec)});\n"

    class PlaceMarker(ShiprouteElement):
        _name_prefix = "place_marker"

        def __init__(self, place: ScenePlace) -> None:
            super().__init__()
            self.place = place

        def script(self) -> str:
            p = self.place
            data = {
                "lat": p.lat,
                "lon": p.lon,
                "label": p.label,
                "title": p.title,
                "rows": [list(row) for row in p.rows],
                "labelSide": p.label_side,
                "colour": COLOURS["place"],
                "claims": len(p.claim_numbers),
            }
            return f"var {self.get_name()} = shiproute.place({self.map_name}, {js_json(data)});\n"

    class RouteLine(ShiprouteElement):
        """The geodesic arc or a sea route, with its length label."""

        _name_prefix = "route_line"

        def __init__(self, line: SceneLine, beside_sea: bool = False) -> None:
            super().__init__()
            self.line = line
            self.beside_sea = beside_sea

        def script(self) -> str:
            ln = self.line
            if ln.kind == "access":  # a way the router does not model: dotted grey, not a route
                style = {"color": COLOURS["access"], "weight": 3.5, "opacity": 1, "dashArray": "0.5 6.5",
                         "lineCap": "round", "smoothFactor": 0.3}
            elif ln.kind == "sea":  # the main line: what a ship would sail
                # Wide where the straight line runs inside it, so both show.
                style = {"color": COLOURS["sea"], "weight": 7 if ln.coincides else 3.5, "opacity": 0.95,
                         "smoothFactor": 0.3}
            elif self.beside_sea:  # the reference beside it: thin and dashed
                style = {"color": COLOURS["geodesic"], "weight": 1.8, "opacity": 0.95, "dashArray": "6 5",
                         "smoothFactor": 0.3}
            else:
                style = {"color": COLOURS["geodesic"], "weight": 3, "opacity": 0.95, "smoothFactor": 0.3}
            data = {
                "kind": ln.kind,
                "latlngs": [[[lat, lon] for lon, lat in piece] for piece in (ln.pieces or (ln.coords,))],
                "style": style,
                # A white casing would hide the sea route under a straight line that follows it.
                "casing": not (ln.kind == "geodesic" and ln.coincides),
                "hover": ln.hover,
                "label": {"latlng": [ln.label_at[1], ln.label_at[0]], "text": ln.label, "direction": ln.label_side,
                          "number": ln.number, "options": [[lat, lon] for lon, lat in ln.label_options]},
            }
            return f"var {self.get_name()} = shiproute.line({self.map_name}, {js_json(data)});\n"

    class ClaimRing(ShiprouteElement):
        """The claimed distance as a ring (or band) around the origin."""

        _name_prefix = "claim_ring"

        def __init__(self, ring: SceneRing) -> None:
            super().__init__()
            self.ring = ring

        def script(self) -> str:
            r = self.ring

            def latlngs(coords: Sequence[tuple[float, float]]) -> list[list[float]]:
                return [[lat, lon] for lon, lat in coords]

            band = [[latlngs(ring) for ring in polygon] for polygon in r.band_polygons] or None
            data = {
                "colour": COLOURS["claim"],
                "lines": [latlngs(line) for line in r.lines],
                "band": band,
                "hover": r.hover,
                "bandHover": r.band_hover,
                "label": {"latlng": [r.label_at[1], r.label_at[0]], "text": r.label, "number": r.number,
                          "options": [[lat, lon] for lon, lat in r.label_options]},
            }
            return f"var {self.get_name()} = shiproute.ring({self.map_name}, {js_json(data)});\n"

    class MapContext(ShiprouteElement):
        """Country borders, rivers, country and sea names and reference cities (see
        :mod:`maps.context`)."""

        _name_prefix = "map_context"

        def __init__(self, context: dict[str, Any]) -> None:
            super().__init__()
            self.context = context

        def script(self) -> str:
            c = self.context
            data = {
                "borderColour": COLOURS["border"],
                "riverColour": COLOURS["water"],
                "borders": [[[lat, lon] for lon, lat in line] for line in c["borders"]],
                "rivers": [{"latlngs": [[lat, lon] for lon, lat in line], "used": used} for line, used in c["rivers"]],
                "channels": [[[lat, lon] for lon, lat in line] for line in c["channels"]],
                "labels": [{"kind": x.kind, "text": x.text, "latlng": [x.lat, x.lon],
                            "options": [[lat, lon] for lon, lat in spots]} for x, spots in c["labels"]],
                "cities": [{"text": x.text, "latlng": [x.lat, x.lon]} for x in c["cities"]],
            }
            return f"var {self.get_name()} = shiproute.context({self.map_name}, {js_json(data)});\n"

    class RouteClaim(ShiprouteElement):
        """A claim about a sea route's length: a mark at that distance along the route, and the
        accepted stretch of the route highlighted."""

        _name_prefix = "route_claim"

        def __init__(self, claim: SceneRouteClaim) -> None:
            super().__init__()
            self.claim = claim

        def script(self) -> str:
            c = self.claim
            data = {
                "colour": COLOURS["claim"],
                "at": [c.at[1], c.at[0]],
                "band": [[[lat, lon] for lon, lat in piece] for piece in c.band],
                "label": c.label,
                "number": c.number,
                "hover": c.hover,
            }
            return f"var {self.get_name()} = shiproute.routeClaim({self.map_name}, {js_json(data)});\n"

    class LayerSwitcher(ShiprouteElement):
        """Base layers (offline land and sea, web tiles) and overlay checkboxes."""

        _name_prefix = "layer_switcher"

        def __init__(self, bases: Sequence[tuple[str, Any]], overlays: Sequence[tuple[str, Sequence[Any]]]) -> None:
            super().__init__()
            self.bases = list(bases)
            self.overlays = list(overlays)

        def script(self) -> str:
            # Names are our own element ids (identifiers); labels travel as JSON.
            bases = ", ".join(f"[{js_json(label)}, {el.get_name()}]" for label, el in self.bases)
            overlays = ", ".join(
                f"[{js_json(label)}, L.featureGroup([{', '.join(el.get_name() for el in els)}])]"
                for label, els in self.overlays
            )
            default = self.bases[0][1].get_name()
            return f"shiproute.layers({self.map_name}, [{bases}], [{overlays}], {default});\n"

    class FindingPanel(ShiprouteElement):
        """Title and the one-line finding (with the verdict badge) in the top-left corner."""

        _name_prefix = "finding_panel"

        def __init__(self, scene: Scene) -> None:
            super().__init__()
            self.scene = scene

        def script(self) -> str:
            findings = [
                {
                    "text": f.text,
                    "status": f.status_label,
                    "colour": f.colour,
                    "number": f.number,
                    # One explanation fits; with several pairs they would hide the map (the
                    # screen-reader description still has them all).
                    "explanation": f.explanation if len(self.scene.findings) == 1 else None,
                }
                for f in self.scene.findings
            ]
            data = {"title": self.scene.title, "subtitle": self.scene.subtitle, "findings": findings,
                    "source": self.scene.source}
            return f"var {self.get_name()} = shiproute.panel({self.map_name}, {js_json(data)});\n"

    class Legend(ShiprouteElement):
        _name_prefix = "legend"

        def __init__(self, scene: Scene) -> None:
            super().__init__()
            self.scene = scene

        def script(self) -> str:
            rows = [
                {
                    "kind": r.kind,
                    "colour": r.colour,
                    "text": r.text + (" (click for details)" if r.kind == "marker" else ""),
                    "units": r.units,
                }
                for r in self.scene.legend
            ]
            return f"var {self.get_name()} = shiproute.legend({self.map_name}, {js_json(rows)});\n"

    class NauticalScaleBar(ShiprouteElement):
        """A scale bar in km and nautical miles (Leaflet's has only metric and imperial)."""

        _name_prefix = "scale_bar"

        def script(self) -> str:
            options = {"maxWidth": 120, "position": "bottomright"}
            return f"var {self.get_name()} = shiproute.scale({self.map_name}, {js_json(options)});\n"

    class LocatorInset(ShiprouteElement):
        """A small map of the area round a regional view, the view outlined (see
        :func:`maps.context.locator`), above the scale bar."""

        _name_prefix = "locator"

        def __init__(self, locator: Any) -> None:
            super().__init__()
            self.locator = locator

        def script(self) -> str:
            loc = self.locator
            path = " ".join("M" + " L".join(f"{x:g} {y:g}" for x, y in ring[0][:-1]) + " Z" for ring in loc.land)
            data = {"width": loc.width, "height": loc.height, "land": path, "view": list(loc.view),
                    "colours": {"sea": COLOURS["water"], "land": COLOURS["land"], "view": COLOURS["place"]}}
            return f"var {self.get_name()} = shiproute.locator({self.map_name}, {js_json(data)});\n"

    class FitToFeatures(ShiprouteElement):
        """Fit the view to every feature, leaving room for the title panel and the legend."""

        _name_prefix = "fit_bounds"

        def __init__(self, bounds: tuple[float, float, float, float], panel: Any, legend: Any,
                     frame_west: float) -> None:
            super().__init__()
            self.bounds = bounds
            self.frame_west = frame_west
            self.panel = panel
            self.legend = legend

        def script(self) -> str:
            west, south, east, north = self.bounds
            world = [[-85.0, self.frame_west], [85.0, round(self.frame_west + 360.0, 6)]]
            return (
                f"shiproute.fit({self.map_name}, {js_json([[south, west], [north, east]])}, "
                f"{self.panel.get_name()}, {self.legend.get_name()}, {js_json(world)});\n"
            )

    class PageSize(ShiprouteElement):
        """A largest size for the map, in CSS pixels: a page opened on its own shows the map at
        that size, while in a smaller (responsive) iframe the map still fills the frame."""

        _name_prefix = "page_size"

        def __init__(self, width: int | None, height: int | None) -> None:
            super().__init__()
            self.width, self.height = width, height

        def header(self) -> str:
            rules = []
            if self.width is not None:
                rules.append(f"max-width: {int(self.width)}px;")
            if self.height is not None:
                rules.append(f"max-height: {int(self.height)}px;")
            return f"<style>#{self.map_name} {{ {' '.join(rules)} }}</style>\n"

    class ShiprouteMap(folium.Map):
        """A folium map that links no CDN file: everything it needs is inlined by us."""

        default_js: list[tuple[str, str]] = []
        default_css: list[tuple[str, str]] = []

    _CLASSES = {
        cls.__name__: cls
        for cls in (
            RawHtml,
            ShiprouteElement,
            InlineAssets,
            MapSetup,
            LandBasemap,
            WebTiles,
            PlaceMarker,
            RouteLine,
            ClaimRing,
            RouteClaim,
            MapContext,
            LayerSwitcher,
            FindingPanel,
            Legend,
            NauticalScaleBar,
            LocatorInset,
            FitToFeatures,
            PageSize,
            ShiprouteMap,
        )
    }
    return _CLASSES


_CLASSES: dict[str, type] = {}


# --------------------------------------------------------------------------------------------
# Tiles and land


def tile_provider(name: str) -> dict[str, Any]:
    """The Leaflet tile-layer spec (url, options with attribution) of an xyzservices provider.

    Raises :class:`~geo.errors.BadInput` for an unknown name or one that needs an API key.
    """
    import warnings

    import xyzservices.providers as providers

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # xyzservices warns about keys; we raise instead
        try:
            provider = providers.query_name(name)
        except ValueError:
            raise BadInput(
                f"no web map tiles called {name!r}; use an xyzservices name such as "
                f"{DEFAULT_TILES!r}, 'OpenTopoMap', 'Esri.WorldImagery' or 'OpenStreetMap.Mapnik', or 'none'"
            ) from None
        if provider.requires_token():
            raise BadInput(
                f"the tiles {provider.name!r} need an API key; choose tiles that do not, such as "
                f"{DEFAULT_TILES!r}, 'OpenTopoMap' or 'Esri.WorldImagery', or 'none'"
            )
        url = provider.build_url(fill_subdomain=False)
    options: dict[str, Any] = {
        "attribution": provider.get("html_attribution") or html.escape(provider.get("attribution", "")),
        "maxZoom": int(provider.get("max_zoom", 18)),
        "minZoom": int(provider.get("min_zoom", 0)),
    }
    if "{s}" in url:
        subdomains = provider.get("subdomains", "abc")
        options["subdomains"] = subdomains if isinstance(subdomains, str) else list(subdomains)
    return {"name": provider.name, "url": url, "options": options}


def _round_ring(coords: Sequence[Sequence[float]], digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in coords:
        point = [round(float(x), digits), round(float(y), digits)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def land_geometry(bounds: tuple[float, float, float, float], *, tolerance_km: float) -> Any:
    """Land within ``bounds`` (west, south, east, north; longitudes unwrapped, so east may pass
    180) from the shipped coastlines, as one shapely MultiPolygon in the same frame, less the
    water of the closed seas GSHHG fills as land (the Caspian, the Great Lakes:
    :mod:`geo.sea.closed_seas`), so a route on them sails on water a reader can see, and less
    the big lakes of ``data/lakes-10m.geojson.gz`` (:func:`geo.sea.closed_seas.lakes_in`)."""
    import shapely

    from geo.sea.closed_seas import lakes_in, waters_in
    from geo.sea.coastline import land_polygons

    west, south, east, north = bounds
    if east - west > 360.0:  # the whole world, in the frame the features are in
        middle = (west + east) / 2
        west, east = middle - 180.0, middle + 180.0
    box = (west, max(south, -90.0), east, min(north, 90.0))
    land = land_polygons(box, tolerance_km=tolerance_km)
    # The water is simplified as the land is (its shore drawn no finer than the coast around it).
    tolerance_deg = max(tolerance_km, 0.0) / 111.32
    waters = [shapely.simplify(shapely.clip_by_rect(w, *box), tolerance_deg)
              for w in (*waters_in(box, lakes=False), *lakes_in(box))]
    if not waters or land.is_empty:
        return land
    return shapely.difference(land, shapely.union_all(waters))


def _geojson_polygons(geometry: Any, digits: int) -> list[list[list[list[float]]]]:
    from shapely.geometry.polygon import orient

    polygons = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        polygon = orient(polygon, sign=1.0)  # RFC 7946 winding, so a nonzero fill keeps holes
        rings = [_round_ring(polygon.exterior.coords, digits)]
        rings += [_round_ring(hole.coords, digits) for hole in polygon.interiors]
        if len(rings[0]) >= 4:
            polygons.append([r for r in rings if len(r) >= 4])
    return polygons


def _geojson_lines(geometry: Any, digits: int) -> list[list[list[float]]]:
    import shapely

    lines = []
    for part in shapely.get_parts(shapely.line_merge(geometry) if not geometry.is_empty else geometry):
        if part.geom_type == "LineString":
            coords = _round_ring(part.coords, digits)
            if len(coords) >= 2:
                lines.append(coords)
    return lines


#: Detail of the land beyond the far level, over the rest of the world: what a reader sees
#: after zooming far out, where a pixel is tens of km.
_WORLD_TOLERANCE_KM = 25.0


def near_land(
    bounds: tuple[float, float, float, float], frame_west: float | None = None
) -> tuple[tuple[float, float, float, float], Any]:
    """The basemap's detailed level for features within ``bounds``: its box (the features' box
    plus its size around, kept inside the copy of the world from ``frame_west``) and the
    land in it, simplified to about 1/1500 of the box's width. The HTML map draws it and finds
    where a route runs over it from the same geometry (see :func:`land_geojson`)."""
    near_box, _ = _land_boxes(bounds)
    if frame_west is not None:
        near_box = (max(near_box[0], frame_west), near_box[1], min(near_box[2], frame_west + 360.0), near_box[3])
    return near_box, land_geometry(near_box, tolerance_km=span_km(near_box) / 1500.0)


def land_geojson(
    bounds: tuple[float, float, float, float], *, digits: int = 4, frame_west: float | None = None,
    detailed: tuple[tuple[float, float, float, float], Any] | None = None,
) -> dict[str, Any]:
    """The offline basemap around features within ``bounds`` (west, south, east, north;
    unwrapped degrees), as a GeoJSON FeatureCollection of land and coastline.

    Two levels of detail: near the features (their box plus its size around) the coast
    is simplified to about 1/1500 of that area's width; farther out, to the whole area
    reaching five times the features' size on every side, it is coarser. Land is filled
    without outline; the coastline is a separate line feature, so the seam between the two
    levels (a cut through land) is never stroked. Coordinates keep ``digits`` decimals (4 is
    about 10 m, finer than either tolerance). With ``frame_west``, the rest of that copy of the
    world (``frame_west`` to ``frame_west + 360``) is filled too, coarsely, so no zoom or pan
    the map allows shows sea where there is land. The detailed level is passed in when the
    caller already has it (``detailed``: :func:`near_land` of the same arguments).
    """
    import shapely

    _, far_box = _land_boxes(bounds)
    if frame_west is not None:
        # The far box stays inside the frame: the world level fills the rest.
        far_box = (max(far_box[0], frame_west), far_box[1], min(far_box[2], frame_west + 360.0), far_box[3])
    near_box, near = detailed if detailed is not None else near_land(bounds, frame_west)
    far = land_geometry(far_box, tolerance_km=span_km(far_box) / 600.0)
    near_rect = shapely.box(*near_box)
    far = shapely.difference(far, near_rect) if not far.is_empty else far
    # Coast: polygon outlines minus the pieces lying on a clipping rectangle.
    coast_near = (
        shapely.difference(near.boundary, near_rect.boundary.buffer(1e-7)) if not near.is_empty else near.boundary
    )
    far_edges = shapely.union(shapely.box(*far_box).boundary, near_rect.boundary).buffer(1e-7)
    coast_far = shapely.difference(far.boundary, far_edges) if not far.is_empty else far.boundary
    world_polygons: list = []
    world_lines: list = []
    if frame_west is not None:
        world_box = (frame_west, -85.0, frame_west + 360.0, 85.0)
        rest = shapely.difference(shapely.box(*world_box), shapely.box(*far_box))
        if not rest.is_empty and rest.area > 1e-6:
            world = land_geometry(world_box, tolerance_km=_WORLD_TOLERANCE_KM)
            world = shapely.intersection(world, rest) if not world.is_empty else world
            edges = shapely.union(shapely.box(*world_box).boundary, shapely.box(*far_box).boundary).buffer(1e-7)
            world_coast = shapely.difference(world.boundary, edges) if not world.is_empty else world.boundary
            world_polygons = _geojson_polygons(world, digits - 2)
            world_lines = _geojson_lines(world_coast, digits - 2)
    features = [
        {"type": "Feature", "properties": {"kind": "land"},
         "geometry": {"type": "MultiPolygon",
                      "coordinates": world_polygons + _geojson_polygons(far, digits - 1)
                      + _geojson_polygons(near, digits)}},
        {"type": "Feature", "properties": {"kind": "coast"},
         "geometry": {"type": "MultiLineString",
                      "coordinates": world_lines + _geojson_lines(coast_far, digits - 1)
                      + _geojson_lines(coast_near, digits)}},
    ]
    return {"type": "FeatureCollection", "features": features}


def _land_boxes(
    bounds: tuple[float, float, float, float],
) -> tuple[tuple[float, float, float, float], tuple[float, float, float, float]]:
    """The near and far areas of the basemap, in unwrapped degrees: the features' box plus
    its size around (a wide screen, and the room left for the title panel, show well beyond
    the features: with half that, the coarse level's coast showed at the edge of the map),
    and plus five times its size (at least 3 degrees) around, so that a reader zooming out a
    step still sees land."""
    west, south, east, north = bounds
    k = max(math.cos(math.radians((south + north) / 2)), 0.1)
    size_lon = max(east - west, (north - south) / k, 0.2)
    size_lat = size_lon * k

    def grow(by_lon: float, by_lat: float) -> tuple[float, float, float, float]:
        w, e = west - by_lon, east + by_lon
        if e - w >= 359.0:  # the whole world, centred where the features are
            middle = (west + east) / 2
            w, e = middle - 180.0, middle + 180.0
        return (w, max(south - by_lat, -85.0), e, min(north + by_lat, 85.0))

    # The near box is rounded to 0.001 degree so its edges survive the coordinate rounding
    # of both levels exactly: the two levels then meet without a hairline seam.
    near = tuple(round(v, 3) for v in grow(size_lon, size_lat))
    return near, grow(max(5 * size_lon, 3.0), max(5 * size_lat, 3.0 * k))  # type: ignore[return-value]


def _context(scene: Scene, land: Any = None) -> dict[str, Any]:
    """Borders and rivers around the features (as far as the detailed basemap reaches), the
    names of the countries and seas in the view, and a few reference cities; ``land`` is the
    basemap's detailed level, if the caller has it (see :func:`scene_channels`)."""
    from maps.context import borders, context_labels, rivers, water_spots

    near, _ = _land_boxes(scene.view_bounds or scene.bounds)
    west = max(near[0], scene.frame_west)
    east = min(near[2], scene.frame_west + 360.0)
    box = (west, near[1], east, near[3])
    view = scene.view_bounds or scene.bounds
    routes = scene_routes(scene)
    # A sea's name may go elsewhere on its water when its own point has no room (beside it, it
    # would leave its sea: "South China Sea" went across Luzon into the Philippine Sea).
    labels = [(label, water_spots(label, view)) for label in context_labels(view)]
    return {"borders": borders(box), "labels": labels, "rivers": rivers(box, routes, view=view),
            "channels": scene_channels(scene, routes, land), "cities": scene_cities(scene)}


def scene_channels(
    scene: Scene, routes: list[list[tuple[float, float]]], land: Any = None
) -> list[list[tuple[float, float]]]:
    """Where a modelled sea route runs over the basemap's land (a strait, canal or river arm
    the router found in the full-resolution coast but narrower than the map's detail), as
    lines to draw in the sea's colour under it. ``land`` is the basemap's detailed level
    (:func:`near_land` of the scene's bounds), computed here if not given."""
    from maps.context import route_channels

    if not routes:
        return []
    if land is None:
        _, land = near_land(scene.bounds, scene.frame_west)
    return route_channels(routes, land)


def scene_routes(scene: Scene) -> list[list[tuple[float, float]]]:
    """The sea routes of a scene as drawn (each piece), for finding the rivers they run up."""
    return [list(piece) for line in scene.lines if line.kind == "sea" for piece in (line.pieces or (line.coords,))]


def scene_cities(scene: Scene) -> list[Any]:
    """Reference cities for the scene's view, away from its own places (see maps.context)."""
    from maps.context import reference_cities

    ids = []
    for check in scene.checks:
        for place in (check.a, check.b):
            prefix, _, number = (place.source or "").partition(":")
            if prefix == "geonames" and number.isdigit():
                ids.append(int(number))
    return reference_cities(scene.view_bounds or scene.bounds, [(p.lon, p.lat) for p in scene.places],
                            exclude_ids=ids)


def _credits(scene: Scene) -> list[str]:
    from geo.sea.coastline import coastline_source

    places = ", ".join(scene.sources)
    return [
        'Places: <a href="https://www.geonames.org/" target="_blank" rel="noopener">GeoNames</a> (CC BY 4.0)'
        + (f"; {html.escape(', '.join(s for s in scene.sources if s != 'GeoNames'))}" if places != "GeoNames" else ""),
        f"Coastlines: {html.escape(coastline_source())}",
        "Borders, lakes, rivers, cities: Natural Earth",
    ] + (["Sea lanes: MARNET (Eurostat, via searoute)"] if "MARNET" in scene.source else [])


# --------------------------------------------------------------------------------------------
# Public API


def render(
    check: PairCheck | Sequence[PairCheck] | Any,
    *,
    title: str | None = None,
    tiles: str | Sequence[str] | None = DEFAULT_TILES,
    units: str = "km",
    subtitle: str | None = None,
) -> SceneMap:
    """An interactive map of one or more checked pairs (a report with ``.checks`` works too).

    It shows each place as a marker with a popup, the geodesic as a densified arc, the sea
    route when measured, the claimed distance as a ring (or band) around the origin, distance
    labels in ``units`` (km, mi or nmi; the others in the legend and on hover), the title and
    finding, a legend, a km + nmi scale bar and the credits, fitted to the features. ``tiles``
    names xyzservices web layers offered as switchable base layers (``None`` for none); the
    offline land/sea basemap is always there and shown first.
    """
    classes = _element_classes()
    scene = build_scene(check, title=title, units=units, subtitle=subtitle)
    tile_names = [] if tiles is None else [tiles] if isinstance(tiles, str) else list(tiles)
    tile_names = [t for t in tile_names if t and t.strip().lower() != "none"]
    tile_specs = [tile_provider(name) for name in tile_names]

    west, south, east, north = scene.bounds
    fmap = classes["ShiprouteMap"](
        location=[round((south + north) / 2, 6), round((west + east) / 2, 6)],
        zoom_start=6,
        tiles=None,
        zoom_control="topright",
        world_copy_jump=False,
        zoom_snap=0.25,
    )
    root = fmap.get_root()
    root.title = html.escape(scene.title, quote=True)
    fmap.add_child(classes["InlineAssets"]())
    fmap.add_child(classes["MapSetup"](scene.title, scene.description or scene.alt_text, _credits(scene)))

    # The detailed land is computed once: drawn, and searched for routes running over it.
    near = near_land(scene.bounds, scene.frame_west)
    land = classes["LandBasemap"](land_geojson(scene.bounds, frame_west=scene.frame_west, detailed=near))
    fmap.add_child(land)
    bases: list[tuple[str, Any]] = [(OFFLINE_BASE_NAME, land)]
    for spec in tile_specs:
        layer = classes["WebTiles"](spec)
        fmap.add_child(layer)
        bases.append((f"{spec['name']} (web)", layer))

    overlays: dict[str, list[Any]] = {}
    context = classes["MapContext"](_context(scene, near[1]))
    fmap.add_child(context)
    overlays["Borders and names"] = [context]
    for ring in sorted(scene.rings, key=lambda r: -r.radius_km):  # big rings under small ones
        element = classes["ClaimRing"](ring)
        fmap.add_child(element)
        overlays.setdefault("Claimed distance", []).append(element)
    for route_claim in scene.route_claims:
        element = classes["RouteClaim"](route_claim)
        fmap.add_child(element)
        overlays.setdefault("Claimed distance", []).append(element)
    for kind, name in (("sea", "Route by sea"), ("access", "Route by sea"), ("geodesic", "Straight line")):
        for line in scene.lines:
            if line.kind == kind:
                element = classes["RouteLine"](line, any(other.kind == "sea" for other in scene.lines))
                fmap.add_child(element)
                overlays.setdefault(name, []).append(element)
    for place in scene.places:
        element = classes["PlaceMarker"](place)
        fmap.add_child(element)
        overlays.setdefault("Places", []).append(element)
    order = ["Places", "Straight line", "Route by sea", "Claimed distance", "Borders and names"]
    fmap.add_child(classes["LayerSwitcher"](bases, [(name, overlays[name]) for name in order if name in overlays]))
    panel = classes["FindingPanel"](scene)
    legend = classes["Legend"](scene)
    fmap.add_child(panel)
    fmap.add_child(legend)
    fmap.add_child(classes["NauticalScaleBar"]())
    from maps.context import locator

    inset = locator(scene.view_bounds or scene.bounds)
    if inset is not None:
        fmap.add_child(classes["LocatorInset"](inset))
    fmap.add_child(classes["FitToFeatures"](scene.view_bounds or scene.bounds, panel, legend, scene.frame_west))
    fmap.shiproute_scene = scene  # for write_image and tests: what this map shows
    stabilize_ids(fmap)
    return fmap


def _walk(element: Any) -> Iterator[Any]:
    yield element
    for child in element._children.values():
        yield from _walk(child)


def stabilize_ids(fmap: Any) -> None:
    """Replace folium's random element ids with numbers in tree order (byte-identical output)."""
    for number, element in enumerate(_walk(fmap.get_root())):
        element._id = str(number)


def to_html(fmap: folium.Map, *, width: int | None = None, height: int | None = None) -> str:
    """The map's complete HTML page. The map fills the window (or the iframe it is embedded
    in); ``width``/``height`` in CSS pixels cap its size when the page is opened on its own."""
    from branca.element import Figure

    if width is not None or height is not None:
        size = _element_classes()["PageSize"](
            None if width is None else _positive_px(width, "width"),
            None if height is None else _positive_px(height, "height"),
        )
        fmap.add_child(size, name="page_size")  # replaces an earlier size
    stabilize_ids(fmap)
    root = fmap.get_root()
    assert isinstance(root, Figure), "a folium map's root is its Figure"
    # A previous render (a notebook display) left its output in the figure; start clean so
    # nothing appears twice.
    keep = {"meta_http": root.header._children["meta_http"]} if "meta_http" in root.header._children else {}
    root.header._children.clear()
    root.header._children.update(keep)
    root.html._children.clear()
    root.script._children.clear()
    page = root.render()
    # folium's page blocks pinch zoom (a reader with low vision needs it) and names no language.
    page = re.sub(r'<meta name="viewport" content="[^"]*"', '<meta name="viewport" content="width=device-width, '
                  'initial-scale=1.0"', page, count=1)
    page = page.replace("<html>", '<html lang="en">', 1)
    # Trailing spaces vary with folium's template whitespace only; drop them for tidy diffs.
    # (Split on "\n" only: str.splitlines would also cut at U+2028 inside a place name.)
    return "\n".join(line.rstrip(" \t") for line in page.split("\n")).rstrip("\n") + "\n"


def _positive_px(value: Any, what: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadInput(f"{what} must be a whole number of pixels, not {value!r}") from None
    if number <= 0 or number > 20000:
        raise BadInput(f"{what} must be between 1 and 20000 pixels, not {value!r}")
    return number


def write_html(
    map_or_checks: Any,
    path: str | os.PathLike[str],
    *,
    width: int | None = None,
    height: int | None = None,
    **render_options: Any,
) -> Path:
    """Write the map (or a map of the given checks) to ``path`` as one self-contained HTML file.

    The file is written atomically (a temporary file in the same folder, then a rename), so a
    reader never sees half of it; the same inputs give the same bytes.
    """
    from geo.fileio import write_atomic

    fmap = map_or_checks
    if not hasattr(fmap, "get_root"):
        fmap = render(map_or_checks, **render_options)
    elif render_options:
        raise BadInput(
            f"{', '.join(sorted(render_options))} only apply when write_html renders the map itself; "
            "pass them to maps.render(...) instead"
        )
    return write_atomic(path, to_html(fmap, width=width, height=height))


_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def embed_snippet(
    html_path_or_url: str | os.PathLike[str],
    *,
    width: int = 800,
    height: int = 600,
    title: str,
    alt_text: str | None = None,
) -> str:
    """A responsive iframe for a map page, for an article column of any width (320 px too).

    The frame keeps ``width``:``height`` (CSS ``aspect-ratio``) up to ``width`` pixels wide; on
    a small screen the page lays its title and finding out above the map and tells the frame,
    by ``postMessage``, the height it needs, and a few lines of script here set it. The frame
    carries ``title`` for screen readers, and ``alt_text`` (the map's description) follows it
    for them too. A path is written as a relative URL (percent-encoded); a URL must be http(s).
    """
    w, h = _positive_px(width, "width"), _positive_px(height, "height")
    if isinstance(html_path_or_url, os.PathLike) or not _URL_SCHEME.match(str(html_path_or_url)):
        src = urllib.parse.quote(Path(html_path_or_url).as_posix(), safe="/._-~")
    else:
        src = str(html_path_or_url)
        if urllib.parse.urlsplit(src).scheme.lower() not in ("http", "https"):
            raise BadInput(f"an embed needs an http(s) URL or a file path, not {src!r}")
    description = (
        '<p style="position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);">'
        f"{html.escape(alt_text, quote=True)}</p>"
        if alt_text else ""
    )
    # The page posts {shiprouteHeight: pixels} (or null: keep the aspect ratio); nothing else
    # is read from the message, and only from this frame.
    resize = (
        "<script>(function(){var f=document.currentScript.parentNode.querySelector('iframe');"
        "window.addEventListener('message',function(e){if(e.source!==f.contentWindow||!e.data)return;"
        "var px=e.data.shiprouteHeight;if(typeof px==='number'&&px>0&&px<20000){f.style.aspectRatio='auto';"
        "f.style.height=Math.ceil(px)+'px';}else if(px===null){f.style.height='';"
        f"f.style.aspectRatio='{w} / {h}';}}}});}})();</script>"
    )
    return (
        f'<div class="shiproute-embed" style="position:relative;width:100%;max-width:{w}px;">'
        f'<iframe src="{html.escape(src, quote=True)}" title="{html.escape(title, quote=True)}" '
        f'width="{w}" height="{h}" scrolling="no" loading="lazy" allowfullscreen '
        f'style="display:block;width:100%;height:auto;aspect-ratio:{w} / {h};min-height:240px;border:0;">'
        f"</iframe>{description}{resize}</div>\n"
    )
