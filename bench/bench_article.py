"""Warm article throughput on the annotated test corpus, and the corpus metrics.

Baseline, run in the same process: one pass of ``geo.text.claims.find_distances`` over the same
texts (the cheapest step every article check does), so the ratio says how much the whole
pipeline costs over reading the numbers alone.

    python bench/bench_article.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import corpus  # noqa: E402  (the gold harness lives with the tests)

from geo.text.article import check_article, parse_article  # noqa: E402
from geo.text.claims import find_distances  # noqa: E402


def best_of(repeats: int, func) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    articles = [parse_article(a.text, source=a.name) for a in corpus.load_corpus()]
    n = len(articles)

    def pipeline(sea: bool):
        return lambda: [check_article(a, sea=sea) for a in articles]

    pipeline(True)()  # warm: gazetteer index open, coastline tiles and caches loaded
    baseline = best_of(args.repeats, lambda: [find_distances(a.text) for a in articles])
    print(f"corpus: {n} articles, {sum(len(a.text) for a in articles):,} characters")
    print(f"baseline find_distances only: {baseline * 1000:.1f} ms for the corpus ({n / baseline:,.0f} articles/s)")
    for sea in (False, True):
        elapsed = best_of(args.repeats, pipeline(sea))
        label = "with sea routes" if sea else "geodesic only (--no-sea)"
        goal = "ok" if n / elapsed >= 50 else "below goal 50/s"
        print(f"check_article {label:<26} {elapsed * 1000:8.1f} ms  {n / elapsed:7.1f} articles/s  "
              f"{elapsed / baseline:6.1f}x baseline  ({goal})")
    metrics = corpus.evaluate_corpus(lambda text: check_article(text))
    for key in ("claim_precision", "claim_recall", "verdict_accuracy", "place_resolution_accuracy",
                "mention_recall", "mention_precision", "not_place_hits"):
        print(f"{key:<28} {metrics[key]}")


if __name__ == "__main__":
    main()
