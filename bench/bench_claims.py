"""Benchmark distance-claim extraction against a baseline measured in the same run.

Baseline: ``re.findall(r"\\w+", article)``, splitting the same article into words, the least
any text scan costs. Prints the median time of each case and its ratio to the baseline, so
figures from a noisy shared machine can still be compared between runs.

    python bench/bench_claims.py
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.places.coords import parse_coordinates  # noqa: E402
from geo.text.claims import find_distances, parse_claim  # noqa: E402

ARTICLE_CHARS = 5000


def _median_ms(func: Callable[[], object], repeat: int = 30, number: int = 10) -> float:
    func()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            func()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times) * 1e3


def main() -> None:
    seed = (ROOT / "seeds" / "000_0bd88628448f5f77.txt").read_text(encoding="utf-8")
    article = (seed * (ARTICLE_CHARS // len(seed) + 1))[:ARTICLE_CHARS]
    dense = (
        "Ships sailed about 110 miles (180 km) from Najin, 20 miles west of Toledo, "
        "through the 21-mile-wide strait. " * 100
    )[:ARTICLE_CHARS]
    words = re.compile(r"\w+")
    baseline = _median_ms(lambda: words.findall(article))
    cases = {
        f"find_distances, seed article x{ARTICLE_CHARS // len(seed) + 1} ({ARTICLE_CHARS} chars, "
        f"{len(find_distances(article))} claims)": lambda: find_distances(article),
        f"find_distances, dense ({ARTICLE_CHARS} chars, {len(find_distances(dense))} claims)": lambda: find_distances(
            dense
        ),
        "parse_claim('about 60 miles (100 km) north-east of Vladivostok')": lambda: parse_claim(
            "about 60 miles (100 km) north-east of Vladivostok"
        ),
        "parse_coordinates('42°14′21″N 130°18′E')": lambda: parse_coordinates("42°14′21″N 130°18′E"),
    }
    print(f"baseline: re.findall(r'\\w+') over the {ARTICLE_CHARS}-char article: {baseline:.3f} ms")
    for name, func in cases.items():
        ms = _median_ms(func)
        print(f"{name}: {ms:.3f} ms = {ms / baseline:.1f}x baseline")


if __name__ == "__main__":
    main()
