"""The distance claims of real news, found, linked and judged end to end (issue 11).

Reads ``../shared/realnews-dev/`` (``claims.jsonl``: 249 hand-annotated distance claims from
real web pages; ``articles/<id>.txt``: the page excerpts; see that folder's README), runs
``check_article`` (geodesic only, as ``shiproute article --no-sea``) on every article, and
scores the judged claims against the gold records of that article.

Scoring
-------
* A gold claim is **found** when one judged claim (used once) states its number and has both
  ends on the gold ends, in either order. *States its number*: one of the claim's bounds in km
  is within 2 % of one of the gold's stated figures, or lies inside the gold's stated span.
  *On an end*: the judged place lies within 25 km of the gold point (for an island or a coast
  also of its shore point or its representative point), or is an area of the gold's country
  whose polygon holds the gold feature (the ``area`` rule of ``bench_realnews_places.py``).
* **Recall** = found / gold claims, per ``kind`` (place_to_place, offshore, width, other), per
  language and overall. Goals: >= 0.80 on place_to_place and offshore.
* **Precision** = judged claims that match a gold claim / all judged claims on those articles.
  Goal >= 0.95. ``--misses`` lists the unmatched ones for a check by hand: an article may make
  a true claim that the set did not annotate.
* **Verdict accuracy** on the found gold claims whose gold verdict is supported or refuted:
  our status equals the gold's. Goal >= 0.90.

Baseline, run in the same process: every distance ``find_distances`` reads, linked to the two
endpoint mentions nearest it in its sentence (one before and one after when there are both),
judged on the geodesic between the mentions' places; the same scoring.

``--misses FILE`` writes the missed gold claims and the unmatched judged claims as JSON lines.
They hold third-party text: write the file outside the repository (``/tmp/...``).

    python bench/bench_realnews.py [--data DIR] [--misses /tmp/realnews_claim_misses.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_realnews_places as places_bench  # noqa: E402  (a bench module beside this one)

from geo.types import DistanceClaim, Place  # noqa: E402

DEFAULT_DATA = places_bench.DEFAULT_DATA
HIT_KM = 25.0
NUMBER_SLACK = 0.02
KINDS = ("place_to_place", "offshore", "width", "other")
RECALL_GOAL = 0.80
PRECISION_GOAL = 0.95
VERDICT_GOAL = 0.90


#: Our own sentences that load what every later article reuses (the index, the shore and area
#: data, the Russian, Ukrainian and Korean readers), so that the timed pass measures warm articles.
WARM_UP = (
    "Dunay lies about 180 km north-east of Najin.",
    "Snake Island lies 35 km off the coast of Romania. The Kerch Strait is 4.5 km wide at its narrowest.",
    "Cyprus lies 75 km south of Turkey; Sicily is 140 km from Tunisia.",
    "Находка находится примерно в 90 км к востоку от Владивостока.",
    "Чорноморськ розташований за 20 км від Одеси.",
    "나진항에서 블라디보스토크까지는 약 160km 떨어져 있다.",
    "Rügen liegt etwa zwanzig Kilometer vor Stralsund.",  # the grammar of foreign number words
)


@dataclass(frozen=True)
class Judged:
    """One judged claim of an article, as any pipeline gives it."""

    claim: DistanceClaim
    a: Place
    b: Place
    status: str
    quote: str = ""


@dataclass
class Score:
    found: dict[str, Judged] = field(default_factory=dict)  # gold id -> judged claim
    unmatched: list[tuple[str, Judged]] = field(default_factory=list)  # (article id, judged claim)
    judged: int = 0


def stated_km(record: dict) -> list[float]:
    from geo.units import KM_PER_UNIT

    return [float(s["value"]) * KM_PER_UNIT[s["unit"]] for s in record["stated"]]


def states_number(claim: DistanceClaim, record: dict) -> bool:
    values = [v for v in (claim.low_km, claim.high_km) if v is not None]
    figures = stated_km(record)
    low, high = min(figures), max(figures)
    return any(abs(v - f) <= NUMBER_SLACK * f + 1e-9 for v in values for f in figures) or any(
        low * (1 - NUMBER_SLACK) <= v <= high * (1 + NUMBER_SLACK) for v in values
    )


def on_end(place: Place, gold: dict) -> bool:
    km = places_bench.geodesic_km
    if km(float(gold["lat"]), float(gold["lon"]), place.lat, place.lon) <= HIT_KM:
        return True
    if gold.get("representative_point") and places_bench.point_km(gold, place.lat, place.lon) <= HIT_KM:
        return True
    return bool(gold.get("representative_point")) and places_bench.area_holds(place, gold)


def matches(judged: Judged, record: dict) -> bool:
    if not states_number(judged.claim, record):
        return False
    ga, gb = record["a_resolved"], record["b_resolved"]
    return (on_end(judged.a, ga) and on_end(judged.b, gb)) or (on_end(judged.a, gb) and on_end(judged.b, ga))


def score(records: Sequence[dict], judged_by_article: dict[str, list[Judged]]) -> Score:
    result = Score()
    by_article: dict[str, list[dict]] = defaultdict(list)
    for rec in records:
        by_article[rec["article_id"]].append(rec)
    for aid, golds in by_article.items():
        judged = judged_by_article.get(aid, [])
        result.judged += len(judged)
        used: set[int] = set()
        for rec in golds:
            for i, item in enumerate(judged):
                if i not in used and matches(item, rec):
                    used.add(i)
                    result.found[rec["id"]] = item
                    break
        result.unmatched += [(aid, item) for i, item in enumerate(judged) if i not in used]
    return result


def ours(text: str) -> list[Judged]:
    from geo.text.article import check_article

    report = check_article(text, sea=False)
    return [Judged(c.claim, c.a, c.b, c.verdict.status, c.quote or "") for c in report.claims
            if c.claim is not None and c.verdict is not None]


def baseline(text: str) -> list[Judged]:
    """The two endpoint mentions nearest each distance in its sentence, geodesic verdict."""
    from geo.text.claims import find_distances
    from geo.text.linking import can_be_endpoint, sentence_spans
    from geo.text.mentions import find_mentions

    endpoints = [m for m in find_mentions(text) if can_be_endpoint(m)]
    return nearest_pairs(text, endpoints, find_distances(text), sentence_spans(text))


def nearest_pairs(text: str, endpoints: Sequence[Any], claims: Sequence[Any],
                  spans: Sequence[tuple[int, int]]) -> list[Judged]:
    """Each distance linked to the nearest two endpoint mentions of its sentence (one before
    and one after when there are both), judged on the geodesic: the baselines' linker."""
    from geo.geodesy import measure
    from geo.verdict import judge

    out = []
    for claim in claims:
        start, end = claim.span or (0, 0)
        sentence = next(((s, e) for s, e in spans if s <= start < e), None)
        if sentence is None:
            continue
        inside = [m for m in endpoints if sentence[0] <= m.start and m.end <= sentence[1]]
        before = [m for m in inside if m.end <= start]
        after = [m for m in inside if m.start >= end]
        pair = [before[-1], after[0]] if before and after else (before[-2:] if len(before) >= 2 else after[:2])
        if len(pair) < 2 or pair[0].place.source == pair[1].place.source:
            continue
        a, b = pair[0].place, pair[1].place
        verdict = judge(claim, measure(a, b), extent_km=a.extent_km + b.extent_km)
        out.append(Judged(claim, a, b, verdict.status, text[sentence[0]:sentence[1]]))
    return out


def run_pipeline(pipeline: Callable[[str], list[Judged]], articles: dict[str, str]) -> dict[str, list[Judged]]:
    return {aid: pipeline(text) for aid, text in articles.items()}


def _ratio(n: int, d: int) -> str:
    return f"{n / d:6.1%} ({n:>3}/{d:<3})" if d else "     -          "


def recall_rows(records: Sequence[dict], group: Callable[[dict], str], names: Iterable[str],
                mine: Score, base: Score) -> list[str]:
    rows = []
    for name in names:
        recs = [r for r in records if group(r) == name]
        if not recs:
            continue
        n = len(recs)
        rows.append(f"  {name:<16} {n:>4}   {_ratio(sum(r['id'] in mine.found for r in recs), n)}"
                    f"   {_ratio(sum(r['id'] in base.found for r in recs), n)}")
    return rows


def verdict_counts(records: Sequence[dict], found: Score) -> tuple[int, int]:
    golds = [r for r in records if r["gold_verdict"] in ("supported", "refuted") and r["id"] in found.found]
    return sum(found.found[r["id"]].status == r["gold_verdict"] for r in golds), len(golds)


def report(records: Sequence[dict], mine: Score, base: Score) -> dict[str, Any]:
    print(f"{'recall':<18} {'n':>4}   {'ours':<16}   {'baseline':<16}")
    print("by kind")
    for row in recall_rows(records, lambda r: r["kind"], KINDS, mine, base):
        print(row)
    print("by language")
    langs = sorted({r["lang"] for r in records}, key=lambda x: (-sum(r["lang"] == x for r in records), x))
    for row in recall_rows(records, lambda r: r["lang"], langs, mine, base):
        print(row)
    print("all")
    for row in recall_rows(records, lambda r: "all", ["all"], mine, base):
        print(row)
    matched_mine, matched_base = mine.judged - len(mine.unmatched), base.judged - len(base.unmatched)
    print(f"\nprecision          ours {_ratio(matched_mine, mine.judged)}   "
          f"baseline {_ratio(matched_base, base.judged)}")
    vm, vn = verdict_counts(records, mine)
    bm, bn = verdict_counts(records, base)
    print(f"verdict accuracy   ours {_ratio(vm, vn)}   baseline {_ratio(bm, bn)}   "
          "(found gold claims with a supported/refuted gold verdict)")
    figures = {"precision": matched_mine / mine.judged if mine.judged else 0.0,
               "verdict_accuracy": vm / vn if vn else 0.0}
    for kind in KINDS:
        recs = [r for r in records if r["kind"] == kind]
        figures[f"recall_{kind}"] = sum(r["id"] in mine.found for r in recs) / len(recs) if recs else 0.0
    figures["recall"] = len(mine.found) / len(records) if records else 0.0
    return figures


def goals(figures: dict[str, float]) -> None:
    checks = [(f"recall place_to_place >= {RECALL_GOAL:.2f}", figures["recall_place_to_place"] >= RECALL_GOAL),
              (f"recall offshore >= {RECALL_GOAL:.2f}", figures["recall_offshore"] >= RECALL_GOAL),
              (f"precision >= {PRECISION_GOAL:.2f}", figures["precision"] >= PRECISION_GOAL),
              (f"verdict accuracy >= {VERDICT_GOAL:.2f}", figures["verdict_accuracy"] >= VERDICT_GOAL)]
    print("\ngoals: " + "; ".join(f"{name}: {'MET' if ok else 'NOT MET'}" for name, ok in checks))


def place_dict(place: Place) -> dict:
    return {"name": place.name, "country": place.country, "kind": place.kind, "lat": round(place.lat, 4),
            "lon": round(place.lon, 4)}


def write_misses(path: Path, records: Sequence[dict], mine: Score) -> int:
    lines = []
    for rec in records:
        if rec["id"] not in mine.found:
            lines.append({"miss": "gold not found", "id": rec["id"], "article": rec["article_id"], "kind": rec["kind"],
                          "lang": rec["lang"], "sentence": rec["sentence"], "claim_text": rec["claim_text"],
                          "a": rec["place_a"], "b": rec["place_b"],
                          "gold_a": rec["a_resolved"]["name"], "gold_b": rec["b_resolved"]["name"]})
        elif rec["gold_verdict"] in ("supported", "refuted") and mine.found[rec["id"]].status != rec["gold_verdict"]:
            item = mine.found[rec["id"]]
            lines.append({"miss": "verdict", "id": rec["id"], "gold": rec["gold_verdict"], "ours": item.status,
                          "claim": item.claim.text, "a": place_dict(item.a), "b": place_dict(item.b),
                          "gold_km": rec["geodesic_km"]})
    for aid, item in mine.unmatched:
        lines.append({"miss": "judged claim matches no gold", "article": aid, "claim": item.claim.text,
                      "a": place_dict(item.a), "b": place_dict(item.b), "status": item.status, "quote": item.quote})
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def run(data: Path = DEFAULT_DATA) -> tuple[list[dict], Score, Score, dict[str, float]]:
    """Score ours and the baseline on ``data``; returns records, scores and timings (for tests)."""
    records, articles = places_bench.load(data)
    for text in WARM_UP:  # warm: gazetteer index open, shores, area outlines, language models and grammars loaded
        ours(text)
    timings = {}
    # Timed: reading the articles, not scoring them against the gold (a tenth of the pass).
    start = time.perf_counter()
    judged = run_pipeline(ours, articles)
    timings["ours_s"] = time.perf_counter() - start
    mine = score(records, judged)
    start = time.perf_counter()
    judged = run_pipeline(baseline, articles)
    timings["baseline_s"] = time.perf_counter() - start
    base = score(records, judged)
    timings["articles"] = float(len(articles))
    return records, mine, base, timings


def parse_args(description: str, default_data: Path, misses_example: str) -> argparse.Namespace:
    """``--data`` and ``--misses`` of a real-news benchmark, checked: the data folder holds
    ``claims.jsonl``, and the misses file (third-party text) lies outside the repository."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=default_data, help=f"the dev folder (default {default_data})")
    parser.add_argument("--misses", type=Path, default=None,
                        help="write misses and unmatched claims as JSON lines to this file (outside the repository)")
    args = parser.parse_args()
    if not (args.data / "claims.jsonl").exists():
        parser.error(f"no claims.jsonl in {args.data}; pass --data DIR")
    if args.misses is not None and ROOT in args.misses.resolve().parents:
        parser.error(f"--misses {args.misses} is inside the repository, and the file holds third-party text; "
                     f"write it outside, e.g. {misses_example}")
    return args


def main() -> int:
    args = parse_args(__doc__.splitlines()[0], DEFAULT_DATA, "/tmp/realnews_claim_misses.jsonl")
    records, mine, base, timings = run(args.data)
    print(f"data: {args.data}: {len(records)} gold claims in {int(timings['articles'])} articles; "
          f"judged claims: ours {mine.judged}, baseline {base.judged}")
    figures = report(records, mine, base)
    goals(figures)
    n = timings["articles"]
    print(f"\nthroughput (geodesic only, warm, one pass, scoring not timed): "
          f"ours {n / timings['ours_s']:.0f} articles/s, baseline {n / timings['baseline_s']:.0f} articles/s")
    if args.misses is not None:
        print(f"misses: {args.misses}: {write_misses(args.misses, records, mine)} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
