"""``article`` grows linearly with its text (issue 13): a generated 2 MB text against the same
text cut to 200 kB.

    python bench/bench_article_size.py [--small 200000] [--large 2000000]

The text is the repository's own test articles (tests/data/articles) joined, repeated with a
numbered paragraph between copies until ``--large`` bytes, then cut at a paragraph. Both sizes
run ``check_article(..., sea=False)`` in this process (the gazetteer opened first, untimed), so
the ratio of their times is what the size costs. Goal: large/small time at most 10 (linear
growth gives about 10) and the large text under 30 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def generated_text(size: int) -> str:
    corpus = [p.read_text(encoding="utf-8") for p in sorted((REPO / "tests" / "data" / "articles").glob("*.txt"))]
    parts: list[str] = []
    total, copy = 0, 0
    while total < size:
        for body in corpus:
            piece = f"Part {copy}.\n\n{body.strip()}\n\n"
            parts.append(piece)
            total += len(piece.encode("utf-8"))
            if total >= size:
                break
        copy += 1
    return "".join(parts)


def cut(text: str, size: int) -> str:
    head = text.encode("utf-8")[:size].decode("utf-8", errors="ignore")
    return head[: head.rfind("\n\n") + 2] if "\n\n" in head else head


def timed(text: str) -> tuple[float, int]:
    from geo.text.article import check_article, parse_article

    started = time.perf_counter()
    report = check_article(parse_article(text, source="generated"), sea=False)
    return time.perf_counter() - started, len(report.claims)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=200_000)
    parser.add_argument("--large", type=int, default=2_000_000)
    args = parser.parse_args()
    from geo.places.gazetteer import resolve

    resolve("Najin")  # the gazetteer open, as for any command
    large = generated_text(args.large)
    small = cut(large, args.small)
    timed(cut(large, 20_000))  # untimed: first-use costs (fuzzy table, regexes)
    t_small, c_small = timed(small)
    t_large, c_large = timed(large)
    ratio = t_large / t_small
    size_ratio = len(large) / len(small)
    print(f"small: {len(small.encode()):>9,} bytes, {t_small:6.2f} s, {c_small} claims")
    print(f"large: {len(large.encode()):>9,} bytes, {t_large:6.2f} s, {c_large} claims")
    print(f"time ratio {ratio:.1f} for a size ratio {size_ratio:.1f} "
          f"(goal <= 10: {'met' if ratio <= 10 else 'NOT met'}); "
          f"large under 30 s: {'met' if t_large < 30 else 'NOT met'}")


if __name__ == "__main__":
    main()
