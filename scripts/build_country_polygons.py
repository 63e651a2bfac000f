#!/usr/bin/env python3
"""Derive ``data/countries-50m.geojson.gz`` (country polygons keyed by ISO 3166-1 alpha-2)
from Natural Earth's admin-0 countries as redistributed by the npm package ``world-atlas``.

Run it from the repository root (needs ``npm`` on the PATH, and the network, once)::

    python scripts/build_country_polygons.py            # npm pack world-atlas@2.0.2 in a temp dir
    python scripts/build_country_polygons.py --topojson path/to/countries-50m.json

shiproute itself never calls npm: at run time :mod:`geo.places.areas` reads only the file written here.

What it does
------------
1. Decodes the TopoJSON (quantized, delta-encoded arcs; our own decoder below) into shapely
   polygons in lon/lat degrees.
2. Maps each feature to ISO 3166-1 alpha-2 through its ISO numeric ``id`` (pycountry). The
   features without an id are handled by :data:`UNNUMBERED`: Kosovo becomes ``XK`` (the code
   GeoNames uses); Somaliland joins ``SO`` and N. Cyprus joins ``CY`` (the ISO 3166 view, which is
   also the gazetteer's: GeoNames files their towns under SO and CY); "Indian Ocean Ter." is split
   into Christmas Island (``CX``) and the Cocos (Keeling) Islands (``CC``) by location; the
   Siachen Glacier (claimed by India and Pakistan) is left out, so no country contains it.
   "Ashmore and Cartier Is." shares Australia's id (036) and is merged into ``AU``.
3. Moves the land Natural Earth draws in one country but ISO 3166 and GeoNames file under
   another (:data:`MOVED`): the Crimean peninsula with Sevastopol, from ``RU`` to ``UA``.
4. Adds the overseas parts that Natural Earth draws inside another country but that GeoNames
   and ISO list as countries of their own (:data:`CARVED`): French Guiana, Guadeloupe,
   Martinique, Réunion and Mayotte (inside ``FR``), Svalbard and Jan Mayen (inside ``NO``),
   Bonaire, Sint Eustatius and Saba (inside ``NL``). Their parent keeps them too: France's
   polygon is France as Natural Earth draws it, overseas departments included.
5. Makes every polygon valid, orients rings as RFC 7946 asks (exterior counter-clockwise),
   rounds coordinates to :data:`DECIMALS` decimals (the data are quantized at 0.0036° of
   longitude and 0.0017° of latitude, so 4 decimals lose nothing that was there) and writes
   one FeatureCollection sorted by code, gzip-compressed with a fixed timestamp so that the
   same input gives the same bytes.

Each feature: ``{"type": "Feature", "id": "RU", "properties": {"iso2": "RU", "name":
"Russia", "ne_id": "643", "note": ...}, "geometry": {...}}``, always a MultiPolygon.

The antimeridian: world-atlas is made for d3's spherical geometry, and a few rings step across
180° of longitude (Russia's mainland ring runs from 179.87 to -180 along Chukotka, a Fijian
island, Antarctica round the South Pole). Read as planar lon/lat they would become bands round
the globe, so :func:`cut_at_antimeridian` cuts them at 180°, as RFC 7946 (section 3.1.9) asks:
Chukotka east of 180° becomes its own part at -180..-169.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

PACKAGE = "world-atlas"
VERSION = "2.0.2"
SCALE = "50m"
DECIMALS = 4
OUT = Path(__file__).resolve().parent.parent / "data" / f"countries-{SCALE}.geojson.gz"

# Features that carry no ISO numeric id in world-atlas 2.0.2: name -> ISO2, or None to drop,
# or "split" for a feature that holds several ISO countries (see SPLIT).
UNNUMBERED: dict[str, str | None] = {
    "Kosovo": "XK",
    "Somaliland": "SO",
    "N. Cyprus": "CY",
    "Indian Ocean Ter.": "split",
    "Siachen Glacier": None,
    # present only at 1:10m
    "Dhekelia": "GB",
    "Akrotiri": "GB",
    "USNB Guantanamo Bay": "CU",
    "Cyprus U.N. Buffer Zone": "CY",
    "Baikonur": "KZ",
    "Coral Sea Is.": "AU",
    "Clipperton I.": "FR",
    "Spratly Is.": None,
    "Bajo Nuevo Bank": None,
    "Serranilla Bank": None,
    "Scarborough Reef": None,
}

# A feature split by location: name -> [(ISO2, (west, south, east, north)), ...]
SPLIT: dict[str, list[tuple[str, tuple[float, float, float, float]]]] = {
    "Indian Ocean Ter.": [("CX", (105.0, -11.0, 106.0, -10.0)), ("CC", (96.0, -13.0, 97.5, -11.5))],
}

# Parts of one country's polygon that are countries of their own in GeoNames and ISO 3166:
# ISO2 -> (parent ISO2, name, (west, south, east, north)) picking the parent's parts inside.
CARVED: dict[str, tuple[str, str, tuple[float, float, float, float]]] = {
    "GF": ("FR", "French Guiana", (-55.0, 2.0, -51.0, 6.0)),
    "GP": ("FR", "Guadeloupe", (-62.0, 15.8, -60.9, 16.6)),
    "MQ": ("FR", "Martinique", (-61.3, 14.3, -60.7, 15.0)),
    "RE": ("FR", "Réunion", (55.1, -21.5, 55.9, -20.8)),
    "YT": ("FR", "Mayotte", (44.9, -13.1, 45.4, -12.5)),
    "SJ": ("NO", "Svalbard and Jan Mayen", (-10.0, 70.5, 35.0, 81.0)),
    "BQ": ("NL", "Caribbean Netherlands", (-69.0, 11.9, -62.9, 17.7)),
}
#: Land Natural Earth draws in one country that ISO 3166 and GeoNames file under another:
#: code -> (from, name, box); the parts of ``from`` inside the box join ``code``. Crimea with
#: Sevastopol: Natural Earth 4.1 draws the peninsula in Russia (its de facto view); GeoNames
#: files its towns under Ukraine (UA.11, UA.20), so a region of UA would find its towns outside
#: UA's polygon, and a map would label the peninsula RUSSIA with no border at Perekop.
MOVED: dict[str, tuple[str, str, tuple[float, float, float, float]]] = {
    "UA": ("RU", "the Crimean peninsula", (32.4, 44.3, 36.7, 46.3)),
}


# --------------------------------------------------------------------------------------------
# TopoJSON -> shapely
# --------------------------------------------------------------------------------------------


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """All arcs of a topology as lists of (lon, lat), undoing quantization and delta encoding."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:  # not quantized: absolute positions
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arc_ids: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """One closed ring from arc indices; a negative index ``~i`` is arc ``i`` reversed. Each arc
    after the first starts where the previous one ended, so its first point is dropped."""
    points: list[tuple[float, float]] = []
    for i in arc_ids:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def geometry(obj: dict[str, Any], arcs: list[list[tuple[float, float]]]):
    """A TopoJSON Polygon or MultiPolygon as a shapely MultiPolygon in plain lon/lat. Rings that
    quantization collapsed to fewer than four points (islets a few hundred metres wide) are
    dropped; polygons that cross the antimeridian are cut there (:func:`cut_at_antimeridian`)."""
    from shapely.geometry import MultiPolygon, Polygon

    if obj["type"] not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"unexpected TopoJSON geometry type {obj['type']!r}")
    polygons = [obj["arcs"]] if obj["type"] == "Polygon" else obj["arcs"]
    out = []
    for rings_ids in polygons:
        shell, *holes = [ring(r, arcs) for r in rings_ids]
        if len(shell) < 4:
            continue
        holes = [h for h in holes if len(h) >= 4]
        if any(abs(b[0] - a[0]) > 180.0 for r in (shell, *holes) for a, b in zip(r, r[1:], strict=False)):
            out.extend(cut_at_antimeridian([shell, *holes]))
        else:
            out.append(Polygon(shell, holes))
    return MultiPolygon(out)


def cut_at_antimeridian(rings: list[list[tuple[float, float]]]) -> list:
    """Planar polygons for spherical rings that jump across 180° of longitude.

    World-atlas keeps d3's spherical reading: a ring may step from 179.9 to -180 (Russia's
    Chukotka, Fiji's Taveuni), and Antarctica is the band between its coast and a ring along
    the South Pole. Each ring is unwrapped into continuous longitudes; a ring that then ends
    360° from where it began goes round a pole and is closed through that pole. The polygon is
    what an odd number of rings enclose (even-odd rule, so the order of shell and holes does
    not matter), and it is cut into the [-180, 180] strip, the parts beyond shifted back.
    """
    import shapely
    from shapely.affinity import translate
    from shapely.geometry import Polygon, box

    area = None
    anchor: float | None = None
    for ring_points in rings:
        xs, ys = [ring_points[0][0]], [ring_points[0][1]]
        for (x0, _), (x1, y1) in zip(ring_points, ring_points[1:], strict=False):
            step = x1 - x0
            step -= 360.0 * round(step / 360.0)
            xs.append(xs[-1] + step)
            ys.append(y1)
        if abs(xs[-1] - xs[0]) > 180.0:  # round a pole
            pole = -90.0 if sum(ys) < 0 else 90.0
            xs += [xs[-1], xs[0], xs[0]]
            ys += [pole, pole, ys[0]]
        elif anchor is not None:  # a hole: bring it next to the shell it belongs to
            shift = 360.0 * round((anchor - (min(xs) + max(xs)) / 2) / 360.0)
            xs = [x + shift for x in xs]
        if anchor is None:
            anchor = (min(xs) + max(xs)) / 2
        piece = shapely.make_valid(Polygon(list(zip(xs, ys, strict=True))))
        area = piece if area is None else shapely.symmetric_difference(area, piece)
    parts = []
    for offset in (-360.0, 0.0, 360.0):
        strip = box(-180.0 - offset, -90.0, 180.0 - offset, 90.0)
        inside = translate(shapely.intersection(area, strip), xoff=offset)
        parts.extend(p for p in shapely.get_parts(inside) if p.geom_type == "Polygon" and p.area > 0)
    return parts


# --------------------------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------------------------


def _parts(geom) -> list:
    return list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]


def _inside(geom, box: tuple[float, float, float, float]) -> list:
    from shapely.geometry import box as make_box

    b = make_box(*box)
    return [p for p in _parts(geom) if b.contains(p.representative_point())]


def _clean(geom):
    """Valid, RFC 7946 ring orientation, rounded, as a MultiPolygon."""
    import shapely
    from shapely.geometry import MultiPolygon
    from shapely.geometry.polygon import orient

    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    polys = [p for p in _parts(geom) if p.geom_type == "Polygon"] if geom.geom_type != "GeometryCollection" else [
        p for g in geom.geoms for p in _parts(g) if p.geom_type == "Polygon"
    ]
    geom = shapely.set_precision(MultiPolygon(polys), 10.0**-DECIMALS)
    polys = [orient(p, 1.0) for p in _parts(geom) if p.geom_type == "Polygon" and not p.is_empty]
    return MultiPolygon(sorted(polys, key=lambda p: (-p.area, p.bounds)))


def countries(topology: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """ISO2 -> {"name", "ne_id", "note", "geometry"} for every country of the topology."""
    import pycountry
    import shapely
    from shapely.ops import unary_union

    arcs = decode_arcs(topology)
    pieces: dict[str, list] = {}
    names: dict[str, str] = {}
    ne_ids: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {}
    for obj in topology["objects"]["countries"]["geometries"]:
        name = obj.get("properties", {}).get("name", "")
        geom = geometry(obj, arcs)
        ne_id = obj.get("id")
        if ne_id:
            found = pycountry.countries.get(numeric=ne_id)
            if found is None:
                raise SystemExit(f"no ISO 3166-1 country has numeric code {ne_id!r} ({name}); add it to UNNUMBERED")
            targets = [(found.alpha_2, geom)]
        else:
            if name not in UNNUMBERED:
                raise SystemExit(f"feature {name!r} has no id; decide what it is in UNNUMBERED")
            code = UNNUMBERED[name]
            if code is None:
                print(f"dropped {name!r} (no ISO country)", file=sys.stderr)
                continue
            if code == "split":
                from shapely.geometry import MultiPolygon

                targets = [(cc, MultiPolygon(_inside(geom, box))) for cc, box in SPLIT[name]]
            else:
                targets = [(code, geom)]
        for cc, g in targets:
            if g.is_empty:  # quantization collapsed it (the Vatican at 1:10m)
                print(f"dropped {name!r}: nothing left after quantization", file=sys.stderr)
                continue
            pieces.setdefault(cc, []).append(g)
            if ne_id and cc not in names:
                names[cc] = name
            ne_ids.setdefault(cc, []).append(ne_id or "")
            if not ne_id and UNNUMBERED.get(name) == "split":
                notes.setdefault(cc, []).append(f"the part of Natural Earth's {name!r} around it")
            elif not ne_id:
                notes.setdefault(cc, []).append(f"includes Natural Earth's {name!r}, which has no ISO numeric id")
            elif names[cc] != name:  # a second feature with the same id (Ashmore and Cartier Is.)
                notes.setdefault(cc, []).append(f"includes Natural Earth's {name!r}")
    out: dict[str, dict[str, Any]] = {}
    for cc, geoms in pieces.items():
        if cc not in names:
            names[cc] = _iso_name(cc)
            if len(geoms) == 1 and notes.get(cc, [""])[0].startswith("includes"):  # Kosovo
                notes[cc] = ["Natural Earth's feature of that name, which has no ISO numeric id"]
        out[cc] = {
            "name": names[cc],
            "ne_id": next((i for i in ne_ids[cc] if i), ""),
            "note": "; ".join(notes.get(cc, [])),
            "geometry": _clean(unary_union([shapely.make_valid(g) for g in geoms]) if len(geoms) > 1 else geoms[0]),
        }
    from shapely.geometry import MultiPolygon

    for cc, (source, name, box) in MOVED.items():
        moved = _inside(out[source]["geometry"], box)
        if not moved:
            raise SystemExit(f"no part of {source} inside {box} to move to {cc}; remove it from MOVED")
        kept = [p for p in _parts(out[source]["geometry"]) if not any(p.equals(m) for m in moved)]
        out[source]["geometry"] = _clean(MultiPolygon(kept))
        out[cc]["geometry"] = _clean(unary_union([out[cc]["geometry"], *moved]))
        note = f"includes {name} (ISO 3166 and GeoNames file it here; Natural Earth draws it in {source})"
        out[cc]["note"] = "; ".join(n for n in (out[cc]["note"], note) if n)
    for cc, (parent, name, box) in CARVED.items():
        if cc in out:
            raise SystemExit(f"{cc} already has its own feature; remove it from CARVED")
        parts = _inside(out[parent]["geometry"], box)
        if not parts:
            raise SystemExit(f"no part of {parent} inside {box} for {cc}")
        out[cc] = {
            "name": name, "ne_id": "", "note": f"the parts of Natural Earth's {parent} inside {list(box)}",
            "geometry": _clean(MultiPolygon(parts)),
        }
    return out


def _iso_name(cc: str) -> str:
    import pycountry

    found = pycountry.countries.get(alpha_2=cc)
    return found.name if found else {"XK": "Kosovo"}.get(cc, cc)


def feature_collection(table: dict[str, dict[str, Any]]) -> dict[str, Any]:
    from shapely.geometry import mapping

    features = []
    for cc in sorted(table):
        row = table[cc]
        geom = mapping(row["geometry"])
        geom["coordinates"] = _rounded(geom["coordinates"])
        props = {"iso2": cc, "name": row["name"], "ne_id": row["ne_id"]}
        if row["note"]:
            props["note"] = row["note"]
        features.append({"type": "Feature", "id": cc, "properties": props, "geometry": geom})
    return {
        "type": "FeatureCollection",
        "source": f"Natural Earth admin-0 countries 1:{SCALE} (v4.1.0) via npm {PACKAGE}@{VERSION}; public domain",
        "features": features,
    }


def _rounded(coords: Any) -> Any:
    if isinstance(coords[0], (int, float)):
        return [round(float(coords[0]), DECIMALS), round(float(coords[1]), DECIMALS)]
    return [_rounded(c) for c in coords]


def write(collection: dict[str, Any], path: Path) -> int:
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    buf = io.BytesIO()
    # mtime=0 and no file name: the same collection always gives the same bytes
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())
    return len(buf.getvalue())


def fetch_topojson(workdir: Path) -> Path:
    """``npm pack world-atlas@VERSION`` into ``workdir`` and unpack the countries file."""
    subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}"], cwd=workdir, check=True, capture_output=True)
    tgz = workdir / f"{PACKAGE}-{VERSION}.tgz"
    with tarfile.open(tgz) as tar:
        member = tar.getmember(f"package/countries-{SCALE}.json")
        tar.extract(member, workdir, filter="data")
    return workdir / "package" / f"countries-{SCALE}.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topojson", type=Path, help=f"an already unpacked countries-{SCALE}.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        src = args.topojson or fetch_topojson(Path(tmp))
        topology = json.loads(src.read_text(encoding="utf-8"))
    table = countries(topology)
    size = write(feature_collection(table), args.out)
    vertices = sum(len(p.exterior.coords) + sum(len(r.coords) for r in p.interiors)
                   for row in table.values() for p in row["geometry"].geoms)
    print(f"wrote {args.out} ({size:,} bytes): {len(table)} countries, {vertices:,} vertices")
    return 0


if __name__ == "__main__":
    sys.exit(main())
