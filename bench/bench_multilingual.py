"""Distance claims of real Russian, Ukrainian and Korean web text, found, linked and judged (issue 16).

Reads ``../shared/multilingual-dev/`` (135 hand-annotated claims, same record format as
``realnews-dev`` plus ``lang``), runs ``check_article`` (geodesic only, as ``shiproute article
--no-sea``) on every article and scores the judged claims with the matching of
``bench_realnews.py`` (imported, not copied): a gold claim is found when one judged claim states
its number and has both ends within 25 km of the gold ends (or on the gold area).

Per language: claim recall, precision and verdict accuracy (found gold claims whose gold
verdict is supported or refuted). Goals: recall >= 0.75 and precision >= 0.95 in each
language, verdict accuracy >= 0.90. Warm throughput goal: >= 25 articles/s.

Baselines, run in the same process:

* ``english``: today's English pipeline on the same text (``bench_realnews.baseline``);
* ``nearest``: this issue's readers for distances and places (no linking patterns): each
  distance linked to the two place mentions nearest it in its sentence, geodesic verdict.

    python bench/bench_multilingual.py [--data DIR] [--misses /tmp/multilingual_misses.jsonl]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_realnews as realnews  # noqa: E402  (a bench module beside this one)
import bench_realnews_places as places_bench  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "multilingual-dev"
if not DEFAULT_DATA.exists():
    DEFAULT_DATA = Path("/work/shared/multilingual-dev")
LANGS = ("ru", "uk", "ko")
RECALL_GOAL = 0.75
PRECISION_GOAL = 0.95
VERDICT_GOAL = 0.90
THROUGHPUT_GOAL = 25.0


def ours(text: str) -> list[realnews.Judged]:
    return realnews.ours(text)


def nearest(text: str) -> list[realnews.Judged]:
    """Distances and places of this issue's readers, each distance linked to the nearest two
    endpoint mentions of its sentence (one before and one after when there are both)."""
    from geo.text.languages import _sentences, detect_language, find_distances_in, find_mentions_in
    from geo.text.linking import can_be_endpoint

    language = detect_language(text)
    if language == "en":
        return []
    mentions, _ = find_mentions_in(text, language)
    endpoints = [m for m in mentions if can_be_endpoint(m)]
    return realnews.nearest_pairs(text, endpoints, find_distances_in(text, language), _sentences(text))


def _ratio(n: int, d: int) -> str:
    return f"{n / d:6.1%} ({n:>3}/{d:<3})" if d else "     -          "


def figures_for(records: Sequence[dict], score: realnews.Score, articles: set[str]) -> dict[str, float]:
    """Recall, precision and verdict accuracy of ``score`` restricted to ``records`` (one language)."""
    found = sum(r["id"] in score.found for r in records)
    unmatched = sum(1 for aid, _ in score.unmatched if aid in articles)
    matched = sum(1 for r in records if r["id"] in score.found)
    judged = matched + unmatched
    verdict_ok, verdict_n = realnews.verdict_counts(records, score)
    return {"recall": found / len(records) if records else 0.0,
            "precision": matched / judged if judged else 0.0,
            "verdict_accuracy": verdict_ok / verdict_n if verdict_n else 0.0,
            "found": float(found), "n": float(len(records)), "matched": float(matched), "judged": float(judged),
            "verdict_ok": float(verdict_ok), "verdict_n": float(verdict_n)}


def run(data: Path = DEFAULT_DATA) -> tuple[list[dict], dict[str, realnews.Score], dict[str, float]]:
    """Score ours and the baselines; returns records, scores by pipeline and timings (for tests)."""
    records, articles = places_bench.load(data)
    pipelines: dict[str, Callable[[str], list[realnews.Judged]]] = {
        "ours": ours, "english": realnews.baseline, "nearest": nearest}
    for lang in LANGS:  # warm: gazetteer index open, each language's morphology loaded
        first = next((r for r in records if r["lang"] == lang), None)
        if first is not None:
            ours(articles[first["article_id"]])
    scores, timings = {}, {}
    for name, pipeline in pipelines.items():
        start = time.perf_counter()
        scores[name] = realnews.score(records, realnews.run_pipeline(pipeline, articles))
        timings[f"{name}_s"] = time.perf_counter() - start
    # A second pass of ours, with what the first computed once per place (a strait's width, a
    # country's outline) in memory, as in a long batch: reported beside the first, not instead.
    start = time.perf_counter()
    realnews.run_pipeline(ours, articles)
    timings["ours_again_s"] = time.perf_counter() - start
    timings["articles"] = float(len(articles))
    return records, scores, timings


def report(records: Sequence[dict], scores: dict[str, realnews.Score]) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    names = list(scores)
    print(f"{'':<8}{'':>5}   " + "   ".join(f"{name:<46}" for name in names))
    print(f"{'lang':<8}{'n':>5}   " + "   ".join(f"{'recall':<16}{'precision':<16}{'verdict':<14}" for _ in names))
    for lang in (*LANGS, "all"):
        recs = [r for r in records if lang == "all" or r["lang"] == lang]
        aids = {r["article_id"] for r in recs}
        row = f"{lang:<8}{len(recs):>5}   "
        for name in names:
            f = figures_for(recs, scores[name], aids)
            table[f"{name}:{lang}"] = f
            row += (f"{_ratio(int(f['found']), int(f['n']))}"
                    f"{_ratio(int(f['matched']), int(f['judged']))}"
                    f"{_ratio(int(f['verdict_ok']), int(f['verdict_n']))}   ")
        print(row)
    return table


def goals(table: dict[str, dict[str, float]], throughput: float) -> None:
    checks = []
    for lang in LANGS:
        f = table[f"ours:{lang}"]
        checks.append((f"{lang} recall >= {RECALL_GOAL:.2f}", f["recall"] >= RECALL_GOAL))
        checks.append((f"{lang} precision >= {PRECISION_GOAL:.2f}", f["precision"] >= PRECISION_GOAL))
    checks.append((f"verdict accuracy >= {VERDICT_GOAL:.2f}", table["ours:all"]["verdict_accuracy"] >= VERDICT_GOAL))
    checks.append((f"throughput >= {THROUGHPUT_GOAL:.0f} articles/s", throughput >= THROUGHPUT_GOAL))
    print("\ngoals: " + "; ".join(f"{name}: {'MET' if ok else 'NOT MET'}" for name, ok in checks))


def main() -> int:
    args = realnews.parse_args(__doc__.splitlines()[0], DEFAULT_DATA, "/tmp/multilingual_misses.jsonl")
    records, scores, timings = run(args.data)
    print(f"data: {args.data}: {len(records)} gold claims in {int(timings['articles'])} articles; judged claims: "
          + ", ".join(f"{name} {score.judged}" for name, score in scores.items()))
    table = report(records, scores)
    n = timings["articles"]
    throughput = n / timings["ours_s"]
    print("\nthroughput (geodesic only, warm, one pass incl. scoring): "
          + ", ".join(f"{name} {n / timings[f'{name}_s']:.0f} articles/s" for name in scores)
          + f"; ours again (per-place geometry in memory) {n / timings['ours_again_s']:.0f} articles/s")
    goals(table, throughput)
    if args.misses is not None:
        print(f"misses: {args.misses}: {realnews.write_misses(args.misses, records, scores['ours'])} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
