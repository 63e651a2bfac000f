"""The files a map needs, inlined so the HTML renders with no network at all.

Leaflet's own JS and CSS come from the ``xstatic-leaflet`` package (Leaflet 1.9.3, BSD-2-Clause;
its copyright header is kept). The small images its CSS points at are turned into ``data:``
URIs. Our own runtime (markers, popups built from text nodes, the km + nmi scale bar, the
title and legend panels) is the JavaScript and CSS below: it only ever puts article or user
text into the page through ``textContent``, never through ``innerHTML``.
"""

from __future__ import annotations

import base64
import functools
import re
from pathlib import Path

from geo.errors import DataMissing

__all__ = [
    "LEAFLET_VERSION",
    "leaflet_js",
    "leaflet_css",
    "SHIPROUTE_JS",
    "SHIPROUTE_CSS",
    "script_safe",
]

LEAFLET_VERSION = "1.9.3"

# Text inside <script> ends at the first "</script" and changes parsing mode at "<!--", so
# neither may appear in anything we inline there.
_SCRIPT_BREAKERS = re.compile(r"</script|<!--|<script", re.IGNORECASE)


def _leaflet_dir() -> Path:
    try:
        import xstatic.pkg.leaflet as xleaflet
    except ImportError as exc:  # pragma: no cover - a broken install
        raise DataMissing(
            "the Python package 'xstatic-leaflet' is not installed; "
            "install it with: pip install xstatic-leaflet==1.9.3.0"
        ) from exc
    folder = Path(xleaflet.BASE_DIR)
    if not (folder / "leaflet.js").is_file():
        raise DataMissing(f"leaflet.js is missing from {str(folder)!r}; reinstall xstatic-leaflet")
    return folder


def script_safe(code: str, *, what: str) -> str:
    """Return ``code`` unchanged after checking it cannot end or confuse its ``<script>`` tag."""
    found = _SCRIPT_BREAKERS.search(code)
    if found:
        raise ValueError(f"{what} contains {found.group(0)!r}, which would break out of its <script> tag")
    return code


@functools.cache
def leaflet_js() -> str:
    """Leaflet's minified JS, without its source-map comment (the map file is not shipped inline)."""
    text = (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")
    text = re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text)
    return script_safe(text, what="leaflet.js")


@functools.cache
def leaflet_css() -> str:
    """Leaflet's CSS with its images inlined as ``data:`` URIs, so no file is fetched."""
    folder = _leaflet_dir()
    css = (folder / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        image = folder / match.group(1)
        if not image.is_file():
            raise DataMissing(f"{match.group(1)!r}, referenced by leaflet.css, is missing from {str(folder)!r}")
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    css = re.sub(r"url\((images/[A-Za-z0-9_.-]+\.png)\)", inline, css)
    if "</style" in css.lower():  # pragma: no cover - Leaflet's CSS has none
        raise ValueError("leaflet.css contains '</style', which would end its <style> tag")
    return css


#: Styles of our own controls and labels. Sizes in CSS pixels; colours chosen to read on the
#: light land/sea basemap and on light web tiles.
SHIPROUTE_CSS = """
html, body { overflow: hidden; }
.leaflet-container { background: #6895b6;
  font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.leaflet-bottom.leaflet-left .leaflet-control-attribution { max-width: calc(100vw - 150px); }
.shiproute-sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.shiproute-panel { font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  background: rgba(255,255,255,0.94); border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3);
  padding: 8px 10px; color: #1b1f23; max-width: min(420px, calc(100vw - 90px)); }
.shiproute-title { font-size: 16px; font-weight: 700; margin: 0 0 3px 0; line-height: 1.25; text-wrap: balance; }
.shiproute-finding { margin: 2px 0 0 0; }
.shiproute-subtitle { margin: 0 0 3px 0; color: #444; font-style: italic; }
.shiproute-source { margin: 4px 0 0 0; color: #555; font-size: 11px; }
.shiproute-status { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-weight: 700; }
.shiproute-explanation { margin: 3px 0 0 0; color: #444; font-size: 12px; }
.shiproute-legend { font-size: 12px; max-width: min(340px, calc(100vw - 40px)); }
.shiproute-legend summary { font-weight: 600; cursor: pointer; }
.shiproute-legend[open] summary { margin-bottom: 3px; }
.shiproute-legend-row { display: flex; align-items: center; gap: 7px; margin: 2px 0; }
.shiproute-legend-row svg { flex: 0 0 auto; }
.shiproute-legend-units { color: #555; }
.shiproute-scale { font-size: 11px; line-height: 1.1; }
.shiproute-scale-varies .shiproute-scale-bar.nmi { display: none; }
.shiproute-scale-varies .shiproute-scale-bar.km { border: none; }
.shiproute-scale-bar { border: 2px solid #333; border-top: none; padding: 2px 5px 1px 5px; white-space: nowrap;
  box-sizing: border-box; background: rgba(255,255,255,0.8); color: #1b1f23; }
.shiproute-scale-bar.nmi { border-top: 2px solid #0b6e79; border-bottom: none; border-color: #0b6e79;
  margin-top: -2px; }
.leaflet-tooltip.shiproute-label { background: rgba(255,255,255,0.9); border: 1px solid rgba(0,0,0,0.25);
  box-shadow: none; padding: 1px 5px; font-weight: 600; color: #1b1f23; }
.leaflet-tooltip.shiproute-label::before { display: none; }
.leaflet-tooltip.shiproute-label-place { font-size: 13px; }
.leaflet-tooltip.shiproute-label-arc { color: #14305c; }
.leaflet-tooltip.shiproute-label-sea { color: #0b6e79; }
.leaflet-tooltip.shiproute-label-access { color: #3d444d; font-weight: 500; font-style: italic; font-size: 12px; }
.leaflet-tooltip.shiproute-label-claim { color: #6a2c8a; font-weight: 600; }
.leaflet-tooltip.shiproute-num { box-sizing: border-box; min-width: 22px; height: 22px; padding: 0 5px;
  border-radius: 11px; border: 1.5px solid currentColor; background: #fff; text-align: center; line-height: 19px;
  font-weight: 700; font-size: 12px; }
.leaflet-tooltip.shiproute-hidden { visibility: hidden; }
.leaflet-tooltip.shiproute-context { background: none; border: none; box-shadow: none; padding: 0;
  pointer-events: none; white-space: nowrap; }
.leaflet-tooltip.shiproute-context::before { display: none; }
.shiproute-context-sea { color: #0d2f4a; font-style: italic; font-size: 12px; letter-spacing: 0.04em;
  text-shadow: 0 0 3px #9fbcd2, 0 0 3px #9fbcd2; }
.shiproute-context-country { color: #5a5f66; font-size: 11px; text-transform: uppercase; letter-spacing: 0.08em;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; }
.leaflet-tooltip.shiproute-city { background: none; border: none; box-shadow: none; padding: 0; color: #2b3035;
  font-size: 12px; font-weight: 500; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
.shiproute-city-body { display: inline-flex; align-items: center; gap: 4px; }
.leaflet-tooltip-left .shiproute-city-body { flex-direction: row-reverse; }
.shiproute-city-dot { display: inline-block; width: 6px; height: 6px; border-radius: 50%; background: #2b3035;
  border: 1px solid #fff; box-sizing: content-box; }
.shiproute-locator { line-height: 0; border: 1px solid #7d8a92; box-shadow: 0 1px 3px rgba(0,0,0,0.25);
  background: #fff; }
.shiproute-locator svg { display: block; width: 120px; height: auto; }
@media (max-width: 560px) { .shiproute-locator svg { width: 80px; } }
.shiproute-num-key { display: inline-block; box-sizing: border-box; min-width: 19px; height: 19px; margin-right: 5px;
  padding: 0 4px; border-radius: 10px; border: 1.5px solid #14305c; color: #14305c; text-align: center;
  line-height: 16px; font-weight: 700; font-size: 11px; }
.shiproute-popup { font-size: 13px; }
.shiproute-popup-name { font-weight: 700; font-size: 14px; }
.shiproute-popup dl { margin: 4px 0 0 0; display: grid; grid-template-columns: auto 1fr; gap: 1px 8px; }
.shiproute-popup dt { color: #555; }
.shiproute-popup dd { margin: 0; overflow-wrap: anywhere; }
.shiproute-panel.shiproute-outside { box-shadow: none; border-radius: 0; max-width: none; margin: 0;
  padding: 8px 10px 6px 10px; background: #fff; }
html.shiproute-narrow, html.shiproute-narrow body { overflow: auto; }
.shiproute-summary { display: none; cursor: pointer; list-style: none; margin: 3px 0 0 0; white-space: nowrap;
  overflow: hidden; }
.shiproute-summary::-webkit-details-marker { display: none; }
.shiproute-outside .shiproute-summary { display: block; }
.shiproute-chip { display: inline-block; box-sizing: border-box; min-width: 22px; height: 22px; margin-right: 4px;
  padding: 0 5px; border-radius: 11px; color: #fff; text-align: center; line-height: 22px; font-weight: 700;
  font-size: 12px; }
.shiproute-summary-more { color: #0b5cad; text-decoration: underline; margin-left: 4px; font-size: 13px; }
.shiproute-details[open] .shiproute-summary-more::after { content: " (hide)"; }
.shiproute-credits-outside .shiproute-source { margin: 0 0 3px 0; color: #333; }
.leaflet-control-attribution.shiproute-credits-outside { font: 11px/1.35 system-ui, -apple-system, "Segoe UI", Roboto,
  Arial, sans-serif; color: #555; background: #fff; padding: 4px 10px 6px 10px; margin: 0; }
@media (max-width: 560px), (max-height: 420px) {
  .shiproute-title { font-size: 15px; }
  .shiproute-panel { padding: 5px 8px; font-size: 13px; }
  .shiproute-explanation { display: none; }
  .leaflet-container .leaflet-control-attribution { font-size: 11px; line-height: 1.3; }
  /* A line label longer than the map is wide ("By sea via the Cape of Good Hope: 25,523 km"
     in a 320 px column) wraps, in two even lines. */
  .leaflet-tooltip.shiproute-label-sea, .leaflet-tooltip.shiproute-label-geodesic,
  .leaflet-tooltip.shiproute-label-access, .leaflet-tooltip.shiproute-label-claim {
    white-space: normal; width: max-content; max-width: calc(100vw - 28px); text-wrap: balance; }
}
"""

#: Our Leaflet runtime. Every function takes already-measured geometry and text as JSON data
#: and builds DOM nodes with textContent: no string from the data is ever parsed as HTML.
SHIPROUTE_JS = r"""
(function (root) {
  "use strict";
  var L = root.L;

  function node(tag, className, text) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    if (text !== undefined && text !== null) { element.textContent = String(text); }
    return element;
  }

  function swatchSvg(kind, colour) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "26");
    svg.setAttribute("height", "12");
    svg.setAttribute("aria-hidden", "true");
    var shape;
    if (kind === "marker") {
      shape = document.createElementNS(ns, "circle");
      shape.setAttribute("cx", "13"); shape.setAttribute("cy", "6"); shape.setAttribute("r", "5");
      shape.setAttribute("fill", colour); shape.setAttribute("stroke", "#ffffff");
      shape.setAttribute("stroke-width", "1.5");
    } else if (kind === "mark") {
      shape = document.createElementNS(ns, "circle");
      shape.setAttribute("cx", "13"); shape.setAttribute("cy", "6"); shape.setAttribute("r", "4.5");
      shape.setAttribute("fill", colour); shape.setAttribute("stroke", "#ffffff");
      shape.setAttribute("stroke-width", "1.5");
    } else if (kind === "band") {
      shape = document.createElementNS(ns, "rect");
      shape.setAttribute("x", "1"); shape.setAttribute("y", "1");
      shape.setAttribute("width", "24"); shape.setAttribute("height", "10");
      shape.setAttribute("fill", colour); shape.setAttribute("fill-opacity", "0.25");
      shape.setAttribute("stroke", colour); shape.setAttribute("stroke-dasharray", "4 3");
    } else {
      shape = document.createElementNS(ns, "line");
      shape.setAttribute("x1", "1"); shape.setAttribute("y1", "6");
      shape.setAttribute("x2", "25"); shape.setAttribute("y2", "6");
      shape.setAttribute("stroke", colour); shape.setAttribute("stroke-width", "3");
      if (kind === "dashed") { shape.setAttribute("stroke-dasharray", "6 4"); }
      if (kind === "dotted") {
        shape.setAttribute("stroke-dasharray", "0.5 6"); shape.setAttribute("stroke-linecap", "round");
        shape.setAttribute("stroke-width", "3.5");
      }
    }
    svg.appendChild(shape);
    return svg;
  }

  var SIDE_OFFSETS = { top: [0, -4], bottom: [0, 4], left: [-4, 0], right: [4, 0], center: [0, 0] };

  function label(latlng, text, kind, direction, number) {
    return L.tooltip({
      permanent: true,
      direction: direction || "center",
      offset: SIDE_OFFSETS[direction || "center"] || [0, 0],
      className: "shiproute-label shiproute-label-" + kind + (number ? " shiproute-num" : ""),
      interactive: false
    }).setLatLng(latlng).setContent(node("span", null, text));
  }

  var OPPOSITE = { top: "bottom", bottom: "top", left: "right", right: "left", center: "center" };

  // Labels take part in a collision pass (api.declutter): each one has candidate positions,
  // best first; rank orders the pass (places, then lines, then rings).
  // Names of cities, countries and seas (rank 25 and up) also keep off the story's lines.
  function register(map, tooltip, rank, candidates) {
    map._shiprouteLabels = map._shiprouteLabels || [];
    map._shiprouteLabels.push({
      tooltip: tooltip, rank: rank, order: map._shiprouteLabels.length, candidates: candidates,
      offLines: rank >= 25
    });
  }

  // Whether the segment p-q (page pixels) crosses or lies in the box (Liang-Barsky clipping).
  function segmentHitsBox(p, q, box) {
    var t0 = 0, t1 = 1, dx = q[0] - p[0], dy = q[1] - p[1];
    var edges = [[-dx, p[0] - box.left], [dx, box.right - p[0]], [-dy, p[1] - box.top], [dy, box.bottom - p[1]]];
    for (var i = 0; i < 4; i++) {
      var d = edges[i][0], room = edges[i][1];
      if (d === 0) {
        if (room < 0) { return false; }
      } else {
        var t = room / d;
        if (d < 0) { if (t > t1) { return false; } if (t > t0) { t0 = t; } }
        else { if (t < t0) { return false; } if (t < t1) { t1 = t; } }
      }
    }
    return true;
  }

  // The story's lines (straight line, sea route, access legs) as segments in page pixels.
  function lineSegments(map, frame) {
    var segments = [];
    (map._shiprouteLines || []).forEach(function (entry) {
      if (!entry.path._map) { return; }
      var pieces = entry.path.getLatLngs();
      if (pieces.length && !Array.isArray(pieces[0])) { pieces = [pieces]; }
      pieces.forEach(function (piece) {
        var previous = null;
        piece.forEach(function (latlng) {
          var p = map.latLngToContainerPoint(latlng);
          var point = [frame.left + p.x, frame.top + p.y];
          if (previous) { segments.push([previous, point]); }
          previous = point;
        });
      });
    });
    return segments;
  }

  function offsetFor(direction, distance) {
    var unit = { top: [0, -1], bottom: [0, 1], left: [-1, 0], right: [1, 0], center: [0, 0] }[direction] || [0, 0];
    return [unit[0] * distance, unit[1] * distance];
  }

  // Keyboard and screen-reader access to a drawn shape (Leaflet's SVG paths take no focus):
  // a tab stop with a name; Enter or Space opens its popup, if it has one.
  function focusable(layer, name, role) {
    layer.on("add", function () {
      var element = layer.getElement && layer.getElement();
      if (!element || element.getAttribute("tabindex")) { return; }
      element.setAttribute("tabindex", "0");
      element.setAttribute("role", role || "img");
      element.setAttribute("aria-label", name);
      element.setAttribute("focusable", "true");
      element.addEventListener("keydown", function (event) {
        if ((event.key === "Enter" || event.key === " ") && layer.getPopup && layer.getPopup()) {
          layer.openPopup();
          event.preventDefault();
        }
      });
    });
    return layer;
  }

  var api = {};

  api.setup = function (map, options) {
    var container = map.getContainer();
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", options.label);
    if (options.describedBy) { container.setAttribute("aria-describedby", options.describedBy); }
    // An embed should not steal the page's scrolling: wheel zoom starts once the reader
    // clicks or tabs into the map.
    map.scrollWheelZoom.disable();
    map.once("focus click", function () { map.scrollWheelZoom.enable(); });
    // Credits sit bottom left under the legend, where a long line cannot cover the scale.
    map.attributionControl.setPosition("bottomleft");
    map.attributionControl.setPrefix(options.prefix);
    options.credits.forEach(function (credit) { map.attributionControl.addAttribution(credit); });
    map.createPane("shiprouteLand");
    map.getPane("shiprouteLand").style.zIndex = 250;
    return map;
  };

  // The land of the map's copy of the world, and of the copies on either side (as a tile
  // layer repeats): a view wider than one world, as an ocean route on a phone needs, shows
  // land wherever there is land.
  api.land = function (map, data, style) {
    var group = L.featureGroup();
    [0, -360, 360].forEach(function (shift) {
      group.addLayer(L.geoJSON(data, {
        pane: "shiprouteLand",
        interactive: false,
        coordsToLatLng: function (c) { return L.latLng(c[1], c[0] + shift); },
        style: function (feature) { return style[feature.properties.kind]; }
      }));
    });
    map._shiprouteLand = group;
    return group;
  };

  api.tiles = function (map, spec) {
    return L.tileLayer(spec.url, spec.options);
  };

  api.layers = function (map, bases, overlays, defaultBase) {
    var baseLayers = {};
    bases.forEach(function (pair) { baseLayers[pair[0]] = pair[1]; });
    var overlayLayers = {};
    overlays.forEach(function (pair) { overlayLayers[pair[0]] = pair[1]; });
    defaultBase.addTo(map);
    // Listed most important first; drawn in reverse so places end up on top of the lines.
    overlays.slice().reverse().forEach(function (pair) { pair[1].addTo(map); });
    if (bases.length > 1 || overlays.length > 0) {
      L.control.layers(baseLayers, overlayLayers, { collapsed: true, position: "topright" }).addTo(map);
    }
  };

  api.place = function (map, place) {
    var group = L.featureGroup();
    var marker = L.circleMarker([place.lat, place.lon], {
      radius: 7, color: "#ffffff", weight: 2, fillColor: place.colour, fillOpacity: 1
    });
    var box = node("div", "shiproute-popup");
    box.appendChild(node("div", "shiproute-popup-name", place.title));
    var list = node("dl");
    place.rows.forEach(function (row) {
      list.appendChild(node("dt", null, row[0]));
      list.appendChild(node("dd", null, row[1]));
    });
    box.appendChild(list);
    marker.bindPopup(box, { maxWidth: 300 });
    focusable(marker, place.title + ": press Enter for details", "button");
    marker.bindTooltip(node("span", null, place.label), {
      permanent: true, direction: place.labelSide, offset: place.labelSide === "left" ? [-10, 0] : [10, 0],
      className: "shiproute-label shiproute-label-place"
    });
    group.addLayer(marker);
    group.shiprouteMarker = marker;
    map._shiprouteMarkers = (map._shiprouteMarkers || []).concat([marker]);
    // Beside the marker (its own side, the other, above, below, then the four corners), then
    // a step and two steps out, with a leader line to the marker: in a crowd of ports (Odesa,
    // Chornomorsk and Yuzhne a few pixels apart on a phone) one of them is always free.
    var latlng = [place.lat, place.lon];
    var first = place.labelSide, second = OPPOSITE[place.labelSide];
    var candidates = [first, second, "top", "bottom"].map(function (side) {
      return { latlng: latlng, direction: side, offset: offsetFor(side, 10), anchor: latlng };
    });
    [[first, 1], [second, 1], [first, -1], [second, -1]].forEach(function (corner) {
      candidates.push({ latlng: latlng, direction: corner[0], anchor: latlng,
                        offset: [offsetFor(corner[0], 6)[0], corner[1] * 22] });
    });
    [[30, 36], [52, 58]].forEach(function (step) {
      [first, second, "top", "bottom"].forEach(function (side) {
        candidates.push({ latlng: latlng, direction: side, offset: offsetFor(side, step[0]), anchor: latlng,
                          leader: true });
      });
      [[first, 1], [second, 1], [first, -1], [second, -1]].forEach(function (corner) {
        candidates.push({ latlng: latlng, direction: corner[0], anchor: latlng, leader: true,
                          offset: [offsetFor(corner[0], step[0] - 14)[0], corner[1] * step[1]] });
      });
    });
    // A place shared by several claims is labelled first.
    register(map, marker.getTooltip(), -(place.claims || 0), candidates);
    return group;
  };

  api.line = function (map, line) {
    var group = L.featureGroup();
    // latlngs: the line's pieces in the map's one copy of the world.
    // A white casing under the line: it reads on land and on sea alike.
    if (line.casing !== false) {
      group.addLayer(L.polyline(line.latlngs, { color: "#ffffff", weight: line.style.weight + 3, opacity: 0.85,
                                                interactive: false, smoothFactor: line.style.smoothFactor }));
    }
    var path = L.polyline(line.latlngs, line.style);
    focusable(path, line.hover, "img");
    map._shiprouteLines = (map._shiprouteLines || []).concat([{ kind: line.kind, path: path }]);
    path.bindTooltip(node("span", null, line.hover),
                     { sticky: true, className: "shiproute-label shiproute-label-" + line.kind });
    group.addLayer(path);
    if (line.label) {
      var direction = line.label.number ? "center" : line.label.direction;
      var tip = label(line.label.latlng, line.label.text, line.kind, direction, line.label.number);
      group.addLayer(tip);
      var candidates = [];
      // Beside the line first; then a step or two farther out (on a phone the sea route's
      // label has no room beside a straight line that runs close to it, and the straight
      // line's own label takes the first step).
      [4, 16, 30].forEach(function (distance) {
        [line.label.latlng].concat(line.label.options || []).forEach(function (latlng) {
          (line.label.number ? ["center"] : [direction, OPPOSITE[direction]]).forEach(function (side) {
            if (line.label.number && distance > 4) { return; }
            candidates.push({ latlng: latlng, direction: side, offset: offsetFor(side, distance) });
          });
        });
      });
      register(map, tip, { geodesic: 10, sea: 11, access: 12 }[line.kind] || 12, candidates);
    }
    return group;
  };

  api.ring = function (map, ring) {
    var group = L.featureGroup();
    if (ring.band) {
      group.addLayer(L.polygon(ring.band, {
        color: ring.colour, weight: 1, opacity: 0.6, dashArray: "2 4",
        // Fainter on a map of several claims, where bands overlap.
        fillColor: ring.colour, fillOpacity: ring.label && ring.label.number ? 0.08 : 0.16, interactive: true
      }).bindTooltip(node("span", null, ring.bandHover),
                     { sticky: true, className: "shiproute-label shiproute-label-claim" }));
    }
    ring.lines.forEach(function (latlngs, index) {
      var circle = L.polyline(latlngs, { color: ring.colour, weight: 2, opacity: 0.9, dashArray: "7 5" })
        .bindTooltip(node("span", null, ring.hover),
                     { sticky: true, className: "shiproute-label shiproute-label-claim" });
      if (index === 0) { focusable(circle, ring.hover, "img"); }  // one tab stop per claim
      group.addLayer(circle);
    });
    if (ring.label) {
      var tip = label(ring.label.latlng, ring.label.text, "claim", "center", ring.label.number);
      group.addLayer(tip);
      register(map, tip, 20, [ring.label.latlng].concat(ring.label.options || []).map(function (latlng) {
        return { latlng: latlng, direction: "center", offset: [0, 0] };
      }));
    }
    return group;
  };

  // A claim about a sea route's length: the accepted stretch of the route, broad and faint,
  // and a mark at the claimed distance along it.
  api.routeClaim = function (map, claim) {
    var group = L.featureGroup();
    if (claim.band && claim.band.length) {
      group.addLayer(L.polyline(claim.band, { color: claim.colour, weight: 16, opacity: 0.4, lineCap: "butt" })
        .bindTooltip(node("span", null, claim.hover),
                     { sticky: true, className: "shiproute-label shiproute-label-claim" }));
    }
    var mark = L.circleMarker(claim.at,
                              { radius: 6, color: "#ffffff", weight: 2, fillColor: claim.colour, fillOpacity: 1 });
    focusable(mark, claim.hover, "img");
    mark.bindTooltip(node("span", null, claim.hover),
                     { sticky: true, className: "shiproute-label shiproute-label-claim" });
    group.addLayer(mark);
    if (claim.label) {
      var tip = label(claim.at, claim.label, "claim", "top", claim.number);
      group.addLayer(tip);
      var sides = ["top", "bottom", "right", "left"];
      register(map, tip, 20, sides.map(function (side) {
        return { latlng: claim.at, direction: side, offset: offsetFor(side, 10) };
      }).concat(claim.number ? [] : sides.map(function (side) {
        return { latlng: claim.at, direction: side, offset: offsetFor(side, 26) };
      })));
    }
    return group;
  };

  // Borders and the names of countries and seas: context under everything else; a name
  // with no room is left out (it is placed after every place and distance label).
  api.context = function (map, data) {
    var group = L.featureGroup();
    // Rivers in the sea's colour over the land (under the routes): a route up a river is seen
    // to run on water. The river a route uses is drawn wider.
    (data.rivers || []).forEach(function (river) {
      group.addLayer(L.polyline(river.latlngs, { pane: "shiprouteLand", color: data.riverColour,
                                                 weight: river.used ? 3.5 : 1.3, opacity: 1,
                                                 interactive: false, smoothFactor: 0.5 }));
    });
    // Where a route runs over the basemap's land (a river arm or canal narrower than its
    // detail): a broad stroke of water under the route, wider than the route's white casing.
    if (data.channels && data.channels.length) {
      group.addLayer(L.polyline(data.channels, { pane: "shiprouteLand", color: data.riverColour, weight: 10,
                                                 opacity: 1, interactive: false, lineCap: "round",
                                                 lineJoin: "round", smoothFactor: 0.5 }));
    }
    if (data.borders.length) {
      group.addLayer(L.polyline(data.borders, { pane: "shiprouteLand", color: data.borderColour, weight: 1,
                                                opacity: 0.9, dashArray: "4 3", interactive: false }));
    }
    data.labels.forEach(function (item) {
      var tip = L.tooltip({ permanent: true, direction: "center", interactive: false,
                            className: "shiproute-context shiproute-context-" + item.kind })
        .setLatLng(item.latlng).setContent(node("span", null, item.text));
      group.addLayer(tip);
      // At its point; else moved off a line that runs through it: a country's name to any
      // side, a sea's elsewhere on its water (moved some pixels aside, a small sea's name on a
      // zoomed-out map leaves it: "South China Sea" went across Luzon into the Philippine Sea).
      var candidates = [{ latlng: item.latlng, direction: "center", offset: [0, 0] }];
      if (item.kind === "sea") {
        (item.options || []).forEach(function (latlng) {
          candidates.push({ latlng: latlng, direction: "center", offset: [0, 0] });
        });
      } else {
        candidates.push({ latlng: item.latlng, direction: "right", offset: [24, 0] },
                        { latlng: item.latlng, direction: "left", offset: [-24, 0] },
                        { latlng: item.latlng, direction: "top", offset: [0, -18] },
                        { latlng: item.latlng, direction: "bottom", offset: [0, 18] });
      }
      register(map, tip, 30, candidates);
    });
    // Reference cities: a dot and a name, right or left of it, placed after the story's own
    // labels; a city whose name has no room is hidden with its dot.
    (data.cities || []).forEach(function (city) {
      var content = node("span", "shiproute-city-body");
      content.appendChild(node("span", "shiproute-city-dot"));
      content.appendChild(node("span", null, city.text));
      var tip = L.tooltip({ permanent: true, direction: "right", offset: [-4, 0], interactive: false,
                            className: "shiproute-label shiproute-city" })
        .setLatLng(city.latlng).setContent(content);
      group.addLayer(tip);
      register(map, tip, 25, [{ latlng: city.latlng, direction: "right", offset: [-4, 0] },
                              { latlng: city.latlng, direction: "left", offset: [4, 0] }]);
    });
    return group;
  };

  api.panel = function (map, content) {
    var Panel = L.Control.extend({
      onAdd: function () {
        var box = node("div", "shiproute-panel leaflet-control");
        box.appendChild(node("h1", "shiproute-title", content.title));
        if (content.subtitle) { box.appendChild(node("p", "shiproute-subtitle", content.subtitle)); }
        // Several findings fold on a phone: one line of numbered verdict chips, the sentences
        // a tap away (see api.layout); on a wide screen they are all shown.
        var holder = box;
        if (content.findings.length > 1) {
          holder = node("details", "shiproute-details");
          holder.open = true;
          var summary = node("summary", "shiproute-summary");
          content.findings.forEach(function (finding) {
            var chip = node("span", "shiproute-chip" + (finding.status ? " shiproute-status" : ""), finding.number);
            chip.style.background = finding.colour || "#14305c";
            chip.setAttribute("aria-label", "Claim " + finding.number + ": " + (finding.status || "measured"));
            summary.appendChild(chip);
          });
          summary.appendChild(node("span", "shiproute-summary-more", "Details"));
          holder.appendChild(summary);
          box.appendChild(holder);
        }
        content.findings.forEach(function (finding) {
          var line = node("p", "shiproute-finding");
          if (finding.number) { line.appendChild(node("span", "shiproute-num-key", finding.number)); }
          line.appendChild(document.createTextNode(finding.text + " "));
          if (finding.status) {
            var badge = node("span", "shiproute-status", finding.status);
            badge.style.background = finding.colour;
            line.appendChild(badge);
          }
          holder.appendChild(line);
          if (finding.explanation) { holder.appendChild(node("p", "shiproute-explanation", finding.explanation)); }
        });
        if (content.source) { box.appendChild(node("p", "shiproute-source", content.source)); }
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    var panel = new Panel({ position: "topleft" }).addTo(map);
    api.layout(map, panel);
    return panel;
  };

  // On a small screen (a phone, a narrow article column) the title, finding and source sit
  // above the map, not over it, as a graphics desk lays out a locator map; the map keeps a
  // useful height, and an embedding page is told the height the whole needs.
  var NARROW = 560;
  api.layout = function (map, panel) {
    var container = map.getContainer();
    var box = panel.getContainer();
    var home = box.parentNode;
    var credits = map.attributionControl.getContainer();
    var creditsHome = credits.parentNode;
    var details = box.querySelector(".shiproute-details");
    var source = box.querySelector(".shiproute-source");
    function apply() {
      var narrow = window.innerWidth < NARROW;
      if (narrow && box.parentNode !== document.body) {
        document.body.insertBefore(box, container);
        box.classList.add("shiproute-outside");
        // The credits go under the map, where they cover nothing; the source line with them,
        // so the header keeps to the headline and the finding.
        document.body.insertBefore(credits, container.nextSibling);
        if (source) { credits.insertBefore(source, credits.firstChild); }
        credits.classList.add("shiproute-credits-outside");
        document.documentElement.classList.add("shiproute-narrow");
        if (details) { details.open = false; }
      } else if (!narrow && box.parentNode === document.body) {
        home.appendChild(box);
        box.classList.remove("shiproute-outside");
        if (source) { box.appendChild(source); }
        creditsHome.appendChild(credits);
        credits.classList.remove("shiproute-credits-outside");
        document.documentElement.classList.remove("shiproute-narrow");
        if (details) { details.open = true; }
      }
      var below = narrow ? credits.offsetHeight : 0;
      var mapHeight = narrow ? Math.max(window.innerHeight - box.offsetHeight - below, 320) : null;
      container.style.height = mapHeight ? mapHeight + "px" : "";
      map.invalidateSize({ animate: false });
      if (window.parent && window.parent !== window) {
        var total = narrow ? box.offsetHeight + mapHeight + below : null;
        window.parent.postMessage({ shiprouteHeight: total }, "*");
      }
    }
    apply();
    window.addEventListener("resize", apply);
    // Opening the details changes the header's height: lay the page out again.
    if (details) { details.addEventListener("toggle", apply); }
  };

  // The legend folds into a "Legend" button on small maps (embeds in a narrow column), where
  // it would otherwise cover the features; a reader can open it.
  api.legend = function (map, rows) {
    var Legend = L.Control.extend({
      onAdd: function () {
        var box = node("details", "shiproute-panel shiproute-legend leaflet-control");
        box.appendChild(node("summary", null, "Legend"));
        rows.forEach(function (row) {
          var line = node("div", "shiproute-legend-row");
          line.appendChild(swatchSvg(row.kind, row.colour));
          var text = node("span", null, row.text);
          if (row.units) { text.appendChild(node("span", "shiproute-legend-units", " " + row.units)); }
          line.appendChild(text);
          box.appendChild(line);
        });
        var size = map.getSize();
        box.open = size.x >= 560 && size.y >= 420;
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      }
    });
    return new Legend({ position: "bottomleft" }).addTo(map);
  };

  // Leaflet's own scale shows metric and imperial only; shipping readers ask for nautical
  // miles, so this bar shows km above nmi, measured the way L.Control.Scale measures.
  api.scale = function (map, options) {
    var maxWidth = options.maxWidth || 120;
    var Scale = L.Control.extend({
      onAdd: function () {
        var box = node("div", "shiproute-scale leaflet-control");
        box.setAttribute("role", "img");
        this._box = box;
        this._km = node("div", "shiproute-scale-bar km");
        this._nmi = node("div", "shiproute-scale-bar nmi");
        box.appendChild(this._km);
        box.appendChild(this._nmi);
        map.on("zoomend moveend resize", this._update, this);
        map.whenReady(this._update, this);
        return box;
      },
      onRemove: function () { map.off("zoomend moveend resize", this._update, this); },
      _round: function (value) {
        var power = Math.pow(10, Math.floor(Math.log(value) / Math.LN10));
        var digits = value / power;
        digits = digits >= 10 ? 10 : digits >= 5 ? 5 : digits >= 3 ? 3 : digits >= 2 ? 2 : 1;
        return power * digits;
      },
      _bar: function (element, metres, unitMetres, unit) {
        var amount = this._round(metres / unitMetres);
        element.style.width = Math.round(maxWidth * amount * unitMetres / metres) + "px";
        var shown = amount >= 1 ? String(amount) : amount.toPrecision(1);
        element.textContent = shown + " " + unit;
      },
      _update: function () {
        var size = map.getSize();
        var y = size.y / 2;
        var metres = map.distance(map.containerPointToLatLng([0, y]), map.containerPointToLatLng([maxWidth, y]));
        if (!(metres > 0)) { return; }
        // On Web Mercator the scale changes with latitude: a bar is only true across the view
        // when the scale at its top and bottom differ little; else say so instead.
        var topM = map.distance(map.containerPointToLatLng([0, size.y * 0.05]),
                                map.containerPointToLatLng([maxWidth, size.y * 0.05]));
        var bottomM = map.distance(map.containerPointToLatLng([0, size.y * 0.95]),
                                   map.containerPointToLatLng([maxWidth, size.y * 0.95]));
        var varies = Math.max(topM, bottomM) / Math.max(Math.min(topM, bottomM), 1e-9) > 1.2;
        this._box.classList.toggle("shiproute-scale-varies", varies);
        if (varies) {
          this._km.textContent = "Scale varies with latitude";
          this._km.style.width = "auto";
          this._box.setAttribute("aria-label", "No scale bar: on this map the scale varies with latitude");
          return;
        }
        this._bar(this._km, metres, 1000, "km");
        this._bar(this._nmi, metres, 1852, "nmi");
        this._box.setAttribute("aria-label", "Scale: " + this._km.textContent + ", " + this._nmi.textContent);
      }
    });
    return new Scale({ position: options.position || "bottomright" }).addTo(map);
  };

  // The locator inset: where in the world the view is (the land drawn in Python, as one SVG
  // path of numbers; the view's outline on top).
  api.locator = function (map, data) {
    var ns = "http://www.w3.org/2000/svg";
    var Inset = L.Control.extend({
      onAdd: function () {
        var box = node("div", "shiproute-locator leaflet-control");
        box.setAttribute("role", "img");
        box.setAttribute("aria-label", "Locator map: the area shown, outlined, in a wider region");
        var svg = document.createElementNS(ns, "svg");
        svg.setAttribute("viewBox", "0 0 " + data.width + " " + data.height);
        svg.setAttribute("aria-hidden", "true");
        var sea = document.createElementNS(ns, "rect");
        sea.setAttribute("width", String(data.width)); sea.setAttribute("height", String(data.height));
        sea.setAttribute("fill", data.colours.sea);
        svg.appendChild(sea);
        var land = document.createElementNS(ns, "path");
        land.setAttribute("d", data.land); land.setAttribute("fill", data.colours.land);
        land.setAttribute("stroke", "#4f6f86"); land.setAttribute("stroke-width", "0.4");
        svg.appendChild(land);
        var v = data.view, view = document.createElementNS(ns, "rect");
        view.setAttribute("x", String(v[0])); view.setAttribute("y", String(v[1]));
        view.setAttribute("width", String(v[2] - v[0])); view.setAttribute("height", String(v[3] - v[1]));
        view.setAttribute("fill", "none"); view.setAttribute("stroke", data.colours.view);
        view.setAttribute("stroke-width", "2");
        svg.appendChild(view);
        box.appendChild(svg);
        L.DomEvent.disableClickPropagation(box);
        return box;
      }
    });
    return new Inset({ position: "bottomright" }).addTo(map);
  };

  // Fit the features into the part of the map the title panel and legend leave free; the
  // padding is capped so a small embed still shows the features rather than only panels.
  api.fit = function (map, bounds, panel, legend, world) {
    var size = map.getSize();
    // A panel laid out above the map (small screens) takes no room from it.
    if (panel && panel.getContainer() && panel.getContainer().classList.contains("shiproute-outside")) {
      panel = null;
    }
    // Room above the top place for its label (a phone's header sits above the map).
    var top = panel && panel.getContainer() ? panel.getContainer().offsetHeight + 16 : 32;
    var bottom = legend && legend.getContainer() ? legend.getContainer().offsetHeight + 16 : 16;
    // The scale bar and the locator inset share the lower right corner.
    var corner = map._controlCorners && map._controlCorners.bottomright;
    var cornerHeight = corner ? corner.offsetHeight + 8 : 0;
    bottom = Math.max(bottom, cornerHeight);
    top = Math.min(top, size.y * 0.35);
    bottom = Math.min(bottom, size.y * 0.3);
    // (The zoom buttons and the layer switch down the right edge are cleared below, where
    // needed: in a 320 px column they covered Shanghai at the end of a route round the Cape.)
    var right = 24;
    var options = { paddingTopLeft: [24, top], paddingBottomRight: [right, bottom], animate: false };
    // Tall features beside a tall panel fit better to the right of the panel and legend than
    // under the one and over the other: take whichever layout gives the closer view.
    var panelWidth = panel && panel.getContainer() ? panel.getContainer().offsetWidth : 0;
    var legendWidth = legend && legend.getContainer() ? legend.getContainer().offsetWidth : 0;
    var left = Math.max(panelWidth, legendWidth) + 24;
    if (left < size.x * 0.45) {
      var beside = { paddingTopLeft: [left, 24], paddingBottomRight: [right, Math.max(48, cornerHeight)],
                     animate: false };
      var latLngBounds = L.latLngBounds(bounds);
      var zoomBelow = map.getBoundsZoom(latLngBounds, false, L.point(24 + right, top + bottom));
      var zoomBeside = map.getBoundsZoom(latLngBounds, false, L.point(left + right, 24 + Math.max(48, cornerHeight)));
      if (zoomBeside > zoomBelow) { options = beside; }
    }
    map.fitBounds(bounds, options);
    // Padding is a rectangle and the controls are not: if a place or a line still runs under
    // a control or out of the frame, step out until none does (a few steps at most).
    for (var step = 0; step < 4 && storyHidden(map); step++) {
      options.maxZoom = map.getZoom() - (map.options.zoomSnap || 1);
      map.fitBounds(bounds, options);
    }
    // The offline basemap covers one copy of the world (the features' copy): the view may not
    // leave it, nor zoom out past the zoom at which it fills the map (unless the features
    // themselves need a wider view, as an ocean route on a phone may).
    if (world) {
      var worldBounds = L.latLngBounds(world);
      map.options.maxBoundsViscosity = 1.0;
      map.setMinZoom(Math.min(map.getBoundsZoom(worldBounds, true), map.getZoom()));
      map.setMaxBounds(worldBounds);
    } else {
      map.setMinZoom(Math.max(map.getZoom() - 1.5, 1));
    }
    api.declutter(map);
    map.on("zoomend moveend resize overlayadd overlayremove", function () { api.declutter(map); });
  };

  // Whether a place marker lies under a control, or a vertex of a story line outside the
  // map or under one (container pixels).
  function storyHidden(map) {
    var size = map.getSize(), frame = map.getContainer().getBoundingClientRect();
    var controls = [];
    Array.prototype.forEach.call(map.getContainer().querySelectorAll(".leaflet-control"), function (control) {
      var r = control.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) {
        controls.push({ left: r.left - frame.left - 4, top: r.top - frame.top - 4,
                        right: r.right - frame.left + 4, bottom: r.bottom - frame.top + 4 });
      }
    });
    function under(p) {
      return controls.some(function (c) { return p.x > c.left && p.x < c.right && p.y > c.top && p.y < c.bottom; });
    }
    var markerHidden = (map._shiprouteMarkers || []).some(function (marker) {
      var p = map.latLngToContainerPoint(marker.getLatLng());
      return p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y || under(p);
    });
    if (markerHidden) { return true; }
    // (A straight line may run out of the view: the way round the world its sea route does not take.)
    return (map._shiprouteLines || []).some(function (entry) {
      if (entry.kind === "geodesic") { return false; }
      var pieces = entry.path.getLatLngs();
      if (pieces.length && !Array.isArray(pieces[0])) { pieces = [pieces]; }
      return pieces.some(function (piece) {
        return piece.some(function (latlng) {
          var p = map.latLngToContainerPoint(latlng);
          return p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y;
        });
      });
    });
  }

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  // The collision pass: labels in rank order each take their first candidate position that
  // lies inside the map and overlaps no label placed before, no marker and no panel; a label
  // that fits nowhere is hidden (zooming in brings it back).
  api.declutter = function (map) {
    var container = map.getContainer();
    var frame = container.getBoundingClientRect();
    var taken = [];
    Array.prototype.forEach.call(container.querySelectorAll(".leaflet-control"), function (control) {
      var r = control.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) { taken.push(r); }
    });
    (map._shiprouteMarkers || []).forEach(function (marker) {
      if (!marker._map) { return; }
      var p = map.latLngToContainerPoint(marker.getLatLng());
      var x = frame.left + p.x, y = frame.top + p.y;
      taken.push({ left: x - 8, top: y - 8, right: x + 8, bottom: y + 8 });
    });
    // A label whose layer the reader switched off leaves no leader line behind.
    (map._shiprouteLabels || []).forEach(function (entry) {
      if (!(entry.tooltip._map && entry.tooltip.getElement())) { leader(map, entry, null); }
    });
    var labels = (map._shiprouteLabels || []).filter(function (entry) {
      return entry.tooltip._map && entry.tooltip.getElement();
    });
    labels.sort(function (a, b) { return a.rank - b.rank || a.order - b.order; });
    var segments = lineSegments(map, frame);
    function onALine(box) {
      return segments.some(function (s) {
        if (Math.max(s[0][0], s[1][0]) < box.left || Math.min(s[0][0], s[1][0]) > box.right ||
            Math.max(s[0][1], s[1][1]) < box.top || Math.min(s[0][1], s[1][1]) > box.bottom) { return false; }
        return segmentHitsBox(s[0], s[1], box);
      });
    }
    var markerPoints = (map._shiprouteMarkers || []).filter(function (marker) { return marker._map; })
      .map(function (marker) {
        var p = map.latLngToContainerPoint(marker.getLatLng());
        return [frame.left + p.x, frame.top + p.y];
      });
    // A line is drawn with a white casing about 3 px either side of its centre.
    function wider(box, by) {
      return { left: box.left - by, top: box.top - by, right: box.right + by, bottom: box.bottom + by };
    }
    function gap(point, box) {
      var dx = Math.max(box.left - point[0], 0, point[0] - box.right);
      var dy = Math.max(box.top - point[1], 0, point[1] - box.bottom);
      return Math.sqrt(dx * dx + dy * dy);
    }
    // A place's name without a leader line must be clearly nearer its own marker than any
    // other: a name set in a corner beside its port, just above the next port's marker, names
    // the wrong one.
    function misleading(c, box) {
      if (!c.anchor || c.leader) { return false; }
      var p = map.latLngToContainerPoint(c.anchor);
      var own = gap([frame.left + p.x, frame.top + p.y], box);
      return markerPoints.some(function (other) {
        return (other[0] !== frame.left + p.x || other[1] !== frame.top + p.y) && gap(other, box) < own + 4;
      });
    }
    labels.forEach(function (entry) {
      var tip = entry.tooltip, element = tip.getElement();
      for (var i = 0; i < entry.candidates.length; i++) {
        var c = entry.candidates[i];
        tip.options.direction = c.direction;
        tip.options.offset = c.offset;
        tip.setLatLng(c.latlng);
        var r = element.getBoundingClientRect();
        var box = { left: r.left - 2, top: r.top - 2, right: r.right + 2, bottom: r.bottom + 2 };
        var inside = box.left >= frame.left && box.right <= frame.right &&
          box.top >= frame.top && box.bottom <= frame.bottom;
        if (inside && !taken.some(function (other) { return overlaps(box, other); }) &&
            !(entry.offLines && onALine(wider(box, 3))) && !misleading(c, box)) {
          taken.push(box);
          element.classList.remove("shiproute-hidden");
          // A label set a step away from its place in a crowd gets a leader line to it.
          leader(map, entry, c.leader ? { anchor: c.anchor, box: r, frame: frame } : null);
          return;
        }
      }
      var first = entry.candidates[0];
      tip.options.direction = first.direction;
      tip.options.offset = first.offset;
      tip.setLatLng(first.latlng);
      element.classList.add("shiproute-hidden");
      leader(map, entry, null);
    });
  };

  // The leader line of a label set away from its marker: from the marker's edge to the
  // nearest point of the label's box (page pixels taken back to the map's coordinates).
  function leader(map, entry, spec) {
    if (!spec) {
      if (entry.leader) { map.removeLayer(entry.leader); entry.leader = null; }
      return;
    }
    var at = map.latLngToContainerPoint(spec.anchor);
    var box = spec.box, frame = spec.frame;
    var left = box.left - frame.left, right = box.right - frame.left;
    var top = box.top - frame.top, bottom = box.bottom - frame.top;
    var x = Math.min(Math.max(at.x, left), right), y = Math.min(Math.max(at.y, top), bottom);
    var dx = x - at.x, dy = y - at.y, length = Math.sqrt(dx * dx + dy * dy);
    if (length < 12) { leader(map, entry, null); return; }
    var start = L.point(at.x + dx * 9 / length, at.y + dy * 9 / length);
    var latlngs = [map.containerPointToLatLng(start), map.containerPointToLatLng(L.point(x, y))];
    if (!entry.leader) {
      entry.leader = L.polyline(latlngs, { color: "#1b1f23", weight: 1.5, opacity: 1, interactive: false,
                                           className: "shiproute-leader" }).addTo(map);
    } else {
      entry.leader.setLatLngs(latlngs);
    }
  }

  root.shiproute = api;
})(window);
"""
