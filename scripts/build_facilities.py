#!/usr/bin/env python3
"""Derive ``data/facilities.csv.gz``: facilities that news uses as distance endpoints.

Why: articles measure from a power plant, a dam, a base, a bridge, an airport or a port by its
own name ("the Zaporizhzhia nuclear plant", "Shahid Beheshti port", "Ramstein"), and the point
that matters is the facility's, not the nearest town's. No single open dataset names all of
them, so this script joins three sources, each cited per row:

* the WRI Global Power Plant Database v1.3.0 (CC BY 4.0): every nuclear plant, and every
  other plant of at least :data:`CAPACITY_MIN_MW` MW (large hydro plants are often dams);
* Natural Earth 1:10m airports (those with an IATA code) and ports (public domain);
* ``data/facilities_curated.csv``: what no open dataset names well (dams by their dam name,
  naval and air bases, bridges, enrichment sites, ports by their own name), one source per row.

Run it from the repository root::

    python scripts/build_facilities.py --wri path/to/global_power_plant_database.csv
    python scripts/build_facilities.py --wri path/to/wri-global-power-plant-database.git

``--wri`` takes either the database's own CSV (``output_database/global_power_plant_database.csv``
in the repository ``wri/global-power-plant-database``), or a git directory of that repository.
With a git directory the script reads commit :data:`WRI_COMMIT` (v1.3.0) and assembles the same
columns from the repository's source tables the way ``build_global_power_plant_database.py``
does (see :func:`read_wri_repository`); this is how the shipped file was made, because the copy
of the repository at hand lacked the 12 MB output CSV.

Merging: a curated row names the GPPD plant it is (column ``same_as``), or is matched to any
other row within :data:`SAME_KM` km whose kind fits (a dam and a hydro plant, an air base and an
airport). The curated row wins: it keeps its own point, takes the other row's names, capacity
and code, and lists the other row's id in ``same_as``; the other row is dropped.

The output is deterministic: rows sorted by id, ``\\n`` line ends, gzip with mtime 0, written
atomically. The same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
OUT = DATA / "facilities.csv.gz"
CURATED = DATA / "facilities_curated.csv"
COUNTRIES = DATA / "countries-50m.geojson.gz"
NATURAL_EARTH = ROOT.parent / "shared" / "natural-earth"

WRI_COMMIT = "7a91cfbb2a4e272597acbc00506d61fc1ec73b3d"
WRI_SOURCE = "WRI Global Power Plant Database v1.3.0 (CC BY 4.0)"
NE_AIRPORT_SOURCE = "Natural Earth 1:10m airports (public domain)"
NE_PORT_SOURCE = "Natural Earth 1:10m ports (public domain)"

CAPACITY_MIN_MW = 1000.0
SAME_KM = 3.0
COUNTRY_SNAP_KM = 25.0
COLUMNS = (
    "id", "name", "alt_names", "kind", "country", "lat", "lon",
    "capacity_mw", "fuel", "code", "town", "same_as", "source",
)
CURATED_COLUMNS = ("slug", "name", "alt_names", "kind", "country", "lat", "lon", "town", "same_as", "source")

# Statuses in the WRI repository's tables that mean "not built (yet)": such rows are left out.
UNBUILT_STATUSES = ("under construction", "under development", "design stage", "not set", "planned", "cancel")
# Proposed plants that the repository's tables list without a status.
UNBUILT_IDS = {
    "WRI1061248": "Grand Inga: a proposal, not built",
    "WRI1061245": "Inga 3: planned, not built",
}
# Which kinds may be the same facility (for merging a curated row with another source's row).
COMPATIBLE = {
    "nuclear_plant": {"nuclear_plant"},
    "power_plant": {"power_plant"},
    "dam": {"dam", "power_plant"},
    "air_base": {"airport"},
    "airport": {"airport"},
    "port": {"port"},
}
NUCLEAR_SUFFIXES = (
    " nuclear power plant", " nuclear power station", " nuclear plant", " npp", " nuclear",
    " nuclear power plant country", " atomic power plant",
)


@dataclass(frozen=True)
class Facility:
    """One output row; ``lat``/``lon`` in WGS84 degrees."""

    id: str
    name: str
    kind: str
    country: str
    lat: float
    lon: float
    source: str
    alt_names: tuple[str, ...] = ()
    capacity_mw: float | None = None
    fuel: str = ""
    code: str = ""
    town: str = ""
    same_as: tuple[str, ...] = field(default=())

    def row(self) -> dict[str, str]:
        """The CSV row: coordinates to 5 decimals, lists joined with ``|``."""
        return {
            "id": self.id,
            "name": self.name,
            "alt_names": "|".join(self.alt_names),
            "kind": self.kind,
            "country": self.country,
            "lat": f"{self.lat:.5f}",
            "lon": f"{self.lon:.5f}",
            "capacity_mw": "" if self.capacity_mw is None else f"{self.capacity_mw:g}",
            "fuel": self.fuel,
            "code": self.code,
            "town": self.town,
            "same_as": "|".join(self.same_as),
            "source": self.source,
        }


@dataclass(frozen=True)
class WriPlant:
    """The GPPD columns this script uses."""

    gppd_idnr: str
    name: str
    country: str  # ISO 3166-1 alpha-2
    capacity_mw: float
    lat: float
    lon: float
    primary_fuel: str


# --------------------------------------------------------------------------------------------
# small helpers


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres on a sphere of radius 6371.0088 km (close enough here)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def clean(text: str) -> str:
    """One line, NFC, no ``|`` (the list separator), single spaces."""
    text = unicodedata.normalize("NFC", text).replace("|", "/")
    return " ".join(text.split())


def unique_names(name: str, names: Iterable[str]) -> tuple[str, ...]:
    """``names`` without blanks, repeats (case-insensitive), ``name`` itself and bare codes."""
    seen = {name.casefold()}
    out: list[str] = []
    for raw in names:
        alt = clean(raw)
        key = alt.casefold()
        if not alt or key in seen or re.fullmatch(r"[A-Z0-9]{2,4}", alt):
            continue
        seen.add(key)
        out.append(alt)
    return tuple(out)


def slugify(text: str) -> str:
    """ASCII lower-case slug: ``"Port Said"`` -> ``"port-said"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def parse_float(text: str | None) -> float | None:
    """A float, or None for blanks and junk (``"1,200"`` reads as 1200)."""
    if text is None:
        return None
    try:
        return float(text.replace(",", "").strip())
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# WRI Global Power Plant Database


def iso2_from_iso3(code: str) -> str:
    """ISO 3166-1 alpha-2 for an alpha-3 code (GPPD's ``country``); Kosovo's KOS is XK."""
    import pycountry

    if code == "KOS":
        return "XK"
    found = pycountry.countries.get(alpha_3=code)
    if found is None:
        raise ValueError(f"unknown ISO 3166-1 alpha-3 code {code!r} in the WRI data")
    return str(found.alpha_2)


def read_wri_csv(path: Path) -> list[WriPlant]:
    """Plants from the database's own CSV (v1.3.0 columns)."""
    plants = []
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            cap, lat, lon = parse_float(r["capacity_mw"]), parse_float(r["latitude"]), parse_float(r["longitude"])
            if cap is None or lat is None or lon is None:
                continue
            plants.append(WriPlant(r["gppd_idnr"], clean(r["name"]), iso2_from_iso3(r["country"]), cap, lat, lon,
                                   r["primary_fuel"]))
    return plants


class GitTree:
    """Read files of one commit of a (bare) git repository."""

    def __init__(self, git_dir: Path, commit: str) -> None:
        self.git_dir, self.commit = git_dir, commit
        got = self._git("rev-parse", f"{commit}^{{commit}}").decode().strip()
        if got != commit:
            raise SystemExit(f"error: {git_dir} has commit {got!r}, expected {commit!r}")

    def _git(self, *args: str) -> bytes:
        return subprocess.run(["git", "--git-dir", str(self.git_dir), *args], check=True, capture_output=True).stdout

    def text(self, path: str) -> str:
        """The file's text: UTF-8, or Windows-1252 where it is not UTF-8."""
        data = self._git("show", f"{self.commit}:{path}")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("cp1252", errors="replace")

    def rows(self, path: str) -> Iterator[dict[str, str]]:
        """The file as CSV rows."""
        yield from csv.DictReader(io.StringIO(self.text(path), newline=""))

    def listing(self, folder: str) -> list[str]:
        """Paths of the files directly in ``folder``, sorted."""
        out = self._git("ls-tree", "--name-only", self.commit, folder.rstrip("/") + "/").decode()
        return sorted(line for line in out.splitlines() if line)


def read_wri_repository(git_dir: Path, commit: str = WRI_COMMIT) -> list[WriPlant]:
    """Plants assembled from the repository's source tables as its v1.3.0 build does.

    ``build_global_power_plant_database.py`` takes (1) the national tables of the countries
    flagged ``automated`` in ``resources/country_information.csv`` (``source_databases_csv/
    database_<ISO3>.csv``); (2) for the other countries not flagged ``use_geo`` or
    ``wri_data_built_in``, WRI's own tables ``raw_source_files/WRI/<Country>.csv``, one row per
    unit, summed per ``Power Plant ID`` (ids ``WRI`` + 7 digits, ``GBR`` for the United
    Kingdom) with the fuel of the largest capacity as the primary fuel; (3) for the ``use_geo``
    countries, the Global Energy Observatory table (``database_GEODB.csv``). Rows need a
    capacity of at least 1 MW and a point. Plants whose status says they are not built are left
    out here (:data:`UNBUILT_STATUSES`), as are :data:`UNBUILT_IDS`.
    """
    tree = GitTree(git_dir, commit)
    info = {r["primary_country_name"]: r for r in tree.rows("resources/country_information.csv")}
    fuel_names: dict[str, str] = {}
    for path in tree.listing("resources/fuel_type_thesaurus"):
        lines = [line.strip() for line in tree.text(path).splitlines()]
        for alias in lines:
            if alias:
                fuel_names.setdefault(alias, lines[0])

    def standard_fuel(text: str) -> str:
        for part in re.split("/| y |,| and ", text):
            if part.strip() in fuel_names:
                return fuel_names[part.strip()]
        return ""

    plants: list[WriPlant] = []

    def add(pid: str, name: str, iso2: str, cap: float | None, lat: float | None, lon: float | None,
            fuel: str) -> None:
        if cap is None or cap < 1 or not lat or not lon or pid in UNBUILT_IDS:
            return
        plants.append(WriPlant(pid, clean(name), iso2, cap, lat, lon, fuel))

    by_iso3 = {r["iso_country_code"]: r for r in info.values()}
    for iso3, c in sorted(by_iso3.items()):
        if c["automated"] != "1":
            continue
        for r in tree.rows(f"source_databases_csv/database_{iso3}.csv"):
            add(r["gppd_idnr"], r["name"], c["iso_country_code_2"], parse_float(r["capacity_mw"]),
                parse_float(r["latitude"]), parse_float(r["longitude"]), r["primary_fuel"])

    for path in tree.listing("raw_source_files/WRI"):
        country = path.rsplit("/", 1)[-1].removesuffix(".csv")
        c = info.get(country)
        if not path.endswith(".csv") or c is None:
            continue
        if c["automated"] == "1" or c["use_geo"] == "1" or c["wri_data_built_in"]:
            continue
        units: dict[str, dict[str, object]] = {}
        fuels: dict[str, dict[str, float]] = {}
        for r in tree.rows(path):
            name = (r.get("Name") or "").strip()
            try:
                number = int(r["Power Plant ID"])
            except (KeyError, ValueError):
                continue
            if not name:
                continue
            pid = f"{'GBR' if country == 'United Kingdom' else 'WRI'}{number:07d}"
            cap = parse_float(r.get("Capacity (MW)")) or 0.0
            lat, lon = parse_float(r.get("Latitude")), parse_float(r.get("Longitude"))
            by_fuel = fuels.setdefault(pid, {})
            fuel = standard_fuel(r.get("Fuel") or "")
            by_fuel[fuel] = by_fuel.get(fuel, 0.0) + cap
            status = (r.get("Operational Status") or "").strip().lower()
            plant = units.setdefault(pid, {"name": name, "cap": 0.0, "lat": None, "lon": None, "unbuilt": False})
            plant["cap"] = float(plant["cap"]) + cap  # type: ignore[arg-type]
            if lat and lon:
                plant["lat"], plant["lon"] = lat, lon
            if status and any(word in status for word in UNBUILT_STATUSES) and not status.startswith("operational"):
                plant["unbuilt"] = True
        for pid, p in units.items():
            if p["unbuilt"]:
                continue
            primary = max(sorted(fuels[pid]), key=lambda k: fuels[pid][k])
            add(pid, str(p["name"]), c["iso_country_code_2"], float(p["cap"]),  # type: ignore[arg-type]
                p["lat"], p["lon"], primary)  # type: ignore[arg-type]

    by_name = {r["primary_country_name"]: r for r in info.values()}
    for r in tree.rows("source_databases_csv/database_GEODB.csv"):
        c = by_name.get(r["country_long"])
        if c is not None and c["use_geo"] == "1":
            add(r["gppd_idnr"], r["name"], c["iso_country_code_2"], parse_float(r["capacity_mw"]),
                parse_float(r["latitude"]), parse_float(r["longitude"]), r["primary_fuel"])
    return plants


def nuclear_names(name: str) -> list[str]:
    """News-style names for a nuclear plant: ``"Kursk"`` -> Kursk NPP, Kursk nuclear power plant ..."""
    base = name
    for suffix in NUCLEAR_SUFFIXES:
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)].strip()
            break
    if re.search(r"\d", base) or not base:  # a unit ("DOEL 4"), not the plant
        return []
    return [f"{base} nuclear power plant", f"{base} NPP", f"{base} nuclear plant", f"{base} nuclear power station"]


def wri_facilities(plants: Iterable[WriPlant], keep: frozenset[str] = frozenset()) -> list[Facility]:
    """Nuclear plants, plants of at least :data:`CAPACITY_MIN_MW` MW, and the plants in ``keep``
    (GPPD ids that curated rows name, such as the 343 MW Kakhovka plant)."""
    out = []
    for p in plants:
        nuclear = p.primary_fuel == "Nuclear"
        if not nuclear and p.capacity_mw < CAPACITY_MIN_MW and p.gppd_idnr not in keep:
            continue
        out.append(Facility(
            id=f"wri:{p.gppd_idnr}", name=p.name, kind="nuclear_plant" if nuclear else "power_plant",
            country=p.country, lat=p.lat, lon=p.lon, source=WRI_SOURCE, capacity_mw=round(p.capacity_mw, 3),
            fuel=p.primary_fuel, alt_names=unique_names(p.name, nuclear_names(p.name) if nuclear else []),
        ))
    return out


# --------------------------------------------------------------------------------------------
# Natural Earth


class CountryFinder:
    """ISO2 of the country containing a point (or the nearest within :data:`COUNTRY_SNAP_KM` km)."""

    def __init__(self, path: Path) -> None:
        from shapely.geometry import shape
        from shapely.strtree import STRtree

        with gzip.open(path, "rt", encoding="utf-8") as f:
            features = json.load(f)["features"]
        # Carved overseas parts (French Guiana, ...) are also inside their parent: test them first.
        features.sort(key=lambda ft: shape(ft["geometry"]).area)
        self.codes = [str(ft["id"]) for ft in features]
        self.shapes = [shape(ft["geometry"]) for ft in features]
        self.tree = STRtree(self.shapes)

    def __call__(self, lat: float, lon: float) -> str:
        from shapely.geometry import Point

        point = Point(lon, lat)
        hits = sorted(int(i) for i in self.tree.query(point, predicate="intersects"))
        if hits:
            return self.codes[hits[0]]
        from shapely.ops import nearest_points

        i = int(self.tree.nearest(point))
        q = nearest_points(self.shapes[i], point)[0]
        return self.codes[i] if haversine_km(lat, lon, q.y, q.x) <= COUNTRY_SNAP_KM else ""


def wiki_title(url: str | None) -> str:
    """``"http://en.wikipedia.org/wiki/Bremen_Airport"`` -> ``"Bremen Airport"``."""
    if not url or "/wiki/" not in url:
        return ""
    return clean(unquote(url.rsplit("/wiki/", 1)[1]).replace("_", " "))


def airport_names(ne_name: str, title: str) -> tuple[str, list[str]]:
    """A display name and alternative names for a Natural Earth airport."""
    expanded = clean(ne_name.replace("Int'l", "International").replace("Reg.", "Regional"))
    name = title or (expanded if "airport" in expanded.lower() else f"{expanded} Airport")
    alts = [ne_name, expanded]
    for source in (title, expanded):
        stem = re.sub(r"\s+(International\s+)?Air(port|field)(,.*)?$", "", source, flags=re.I).strip()
        stem = re.sub(r"\s+International$", "", stem).strip()
        if stem:
            alts += [f"{stem} airport", f"{stem} International Airport" if "International" in source else ""]
    if not re.search(r"air(port|field|base)", expanded, re.I):
        alts.append(f"{expanded} airport")
    return name, alts


def ne_airports(path: Path, country: CountryFinder) -> list[Facility]:
    """Natural Earth airports that have an IATA code; id ``ne-airport:<IATA>``."""
    out: list[Facility] = []
    used: set[str] = set()
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    for ft in sorted(features, key=lambda f: (f["properties"].get("iata_code") or "", f["properties"]["name"])):
        p = ft["properties"]
        iata = (p.get("iata_code") or "").strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", iata):
            continue
        lon, lat = ft["geometry"]["coordinates"][:2]
        ident = iata if iata not in used else f"{iata}-{slugify(p['name'])}"
        used.add(ident)
        name, alts = airport_names(p["name"], wiki_title(p.get("wikipedia")))
        out.append(Facility(
            id=f"ne-airport:{ident}", name=name, kind="airport", country=country(lat, lon), lat=lat, lon=lon,
            source=NE_AIRPORT_SOURCE, alt_names=unique_names(name, alts), code=iata,
        ))
    return out


def ne_ports(path: Path, country: CountryFinder) -> list[Facility]:
    """Natural Earth ports named ``Port of <name>``; id ``ne-port:<slug>`` (country added on repeats)."""
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    items = []
    for ft in features:
        lon, lat = ft["geometry"]["coordinates"][:2]
        name = clean(ft["properties"]["name"])
        items.append((slugify(name), country(lat, lon), round(lat, 5), round(lon, 5), name))
    items.sort()
    counts: dict[str, int] = {}
    for slug, *_ in items:
        counts[slug] = counts.get(slug, 0) + 1
    out, used = [], set()
    for slug, iso2, lat, lon, name in items:
        ident = slug if counts[slug] == 1 else f"{slug}-{iso2.lower() or 'xx'}"
        n = 2
        while ident in used:
            ident, n = f"{ident.rsplit('~', 1)[0]}~{n}", n + 1
        used.add(ident)
        full = f"Port of {name}"
        out.append(Facility(
            id=f"ne-port:{ident}", name=full, kind="port", country=iso2, lat=lat, lon=lon, source=NE_PORT_SOURCE,
            alt_names=unique_names(full, [f"{name} port", f"{name} harbour", f"{name} harbor"]),
        ))
    return out


# --------------------------------------------------------------------------------------------
# curated table and merging


def curated_gppd_ids(path: Path) -> frozenset[str]:
    """The GPPD ids that the curated table's ``same_as`` column names."""
    with path.open(encoding="utf-8", newline="") as f:
        return frozenset(x.strip() for r in csv.DictReader(f) for x in r["same_as"].split("|") if x.strip())


def read_curated(path: Path, wri_by_id: dict[str, Facility]) -> list[Facility]:
    """Curated rows; a row with ``same_as`` and no point takes the GPPD plant's point."""
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != CURATED_COLUMNS:
            raise SystemExit(f"error: {path} has columns {reader.fieldnames}, expected {list(CURATED_COLUMNS)}")
        for r in reader:
            slug = r["slug"].strip()
            if not re.fullmatch(r"[a-z0-9-]+", slug) or not r["source"].strip():
                raise SystemExit(f"error: curated row {slug!r} needs a lower-case slug and a source")
            lat, lon = parse_float(r["lat"]), parse_float(r["lon"])
            same = [f"wri:{x.strip()}" for x in r["same_as"].split("|") if x.strip()]
            for wid in same:
                plant = wri_by_id.get(wid)
                if plant is None:
                    raise SystemExit(f"error: curated row {slug!r}: {wid} is not among the selected GPPD plants")
                if lat is None or lon is None:
                    lat, lon = plant.lat, plant.lon
                elif (d := haversine_km(lat, lon, plant.lat, plant.lon)) > SAME_KM:
                    raise SystemExit(f"error: curated row {slug!r} is {d:.1f} km from {wid}; check the point")
            if lat is None or lon is None:
                raise SystemExit(f"error: curated row {slug!r} has no point and no same_as")
            name = clean(r["name"])
            out.append(Facility(
                id=f"facility:{slug}", name=name, kind=r["kind"].strip(), country=r["country"].strip(), lat=lat,
                lon=lon, source=clean(r["source"]), alt_names=unique_names(name, r["alt_names"].split("|")),
                town=clean(r["town"]), same_as=tuple(same),
            ))
    return out


def compatible(curated: Facility, other: Facility) -> bool:
    """May ``other`` be the same facility as ``curated``?"""
    if other.kind not in COMPATIBLE.get(curated.kind, set()):
        return False
    return not (curated.kind == "dam" and other.kind == "power_plant" and other.fuel != "Hydro")


def merge(curated: list[Facility], others: list[Facility]) -> list[Facility]:
    """Fold rows of ``others`` that are the same facility as a curated row into that row."""
    by_id = {f.id: f for f in others}
    absorbed: set[str] = set()
    result = []
    for c in curated:
        same = list(c.same_as)
        for o in others:
            if o.id not in same and o.id not in absorbed and compatible(c, o) \
                    and haversine_km(c.lat, c.lon, o.lat, o.lon) <= SAME_KM:
                same.append(o.id)
        names, capacity, fuel, code = list(c.alt_names), c.capacity_mw, c.fuel, c.code
        for oid in same:
            o = by_id[oid]
            absorbed.add(oid)
            names += [o.name, *o.alt_names]
            capacity = capacity if capacity is not None else o.capacity_mw
            fuel, code = fuel or o.fuel, code or o.code
        result.append(replace(c, alt_names=unique_names(c.name, names), capacity_mw=capacity, fuel=fuel, code=code,
                              same_as=tuple(sorted(same))))
    return result + [o for o in others if o.id not in absorbed]


# --------------------------------------------------------------------------------------------
# output


def write_gzip_csv(rows: list[Facility], path: Path) -> None:
    """Sorted by id, gzip with mtime 0 and no file name, written to a temp file and renamed."""
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for f in sorted(rows, key=lambda f: f.id):
        writer.writerow(f.row())
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(buf.getvalue())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build(wri: Path, natural_earth: Path, curated: Path, countries: Path) -> list[Facility]:
    """All facilities, merged; see the module docstring."""
    plants = read_wri_repository(wri) if wri.is_dir() else read_wri_csv(wri)
    wri_rows = wri_facilities(plants, curated_gppd_ids(curated))
    ids = [f.id for f in wri_rows]
    if len(ids) != len(set(ids)):
        raise SystemExit("error: repeated GPPD ids in the WRI input")
    finder = CountryFinder(countries)
    others = wri_rows + ne_airports(natural_earth / "ne_10m_airports.json", finder) \
        + ne_ports(natural_earth / "ne_10m_ports.json", finder)
    cur = read_curated(curated, {f.id: f for f in wri_rows})
    return merge(cur, others)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wri", type=Path, required=True,
                        help="global_power_plant_database.csv, or a git directory of wri/global-power-plant-database")
    parser.add_argument("--natural-earth", type=Path, default=NATURAL_EARTH,
                        help="folder with ne_10m_airports.json and ne_10m_ports.json (default: %(default)s)")
    parser.add_argument("--curated", type=Path, default=CURATED, help="curated table (default: %(default)s)")
    parser.add_argument("--countries", type=Path, default=COUNTRIES, help="country polygons (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=OUT, help="output file (default: %(default)s)")
    args = parser.parse_args(argv)
    rows = build(args.wri, args.natural_earth, args.curated, args.countries)
    write_gzip_csv(rows, args.out)
    counts: dict[str, int] = {}
    for f in rows:
        key = f"{f.id.split(':', 1)[0]} {f.kind}"
        counts[key] = counts.get(key, 0) + 1
    for key in sorted(counts):
        print(f"{counts[key]:6d}  {key}", file=sys.stderr)
    print(f"{len(rows)} facilities -> {args.out} ({args.out.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
