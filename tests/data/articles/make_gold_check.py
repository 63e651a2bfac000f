"""Check the corpus gold against real data, and help write it.

    python tests/data/articles/make_gold_check.py            # check every gold file, print the claims
    python tests/data/articles/make_gold_check.py --fill F   # fill lat/lon of F's places from their sources

The check recomputes each claim's WGS84 geodesic (pyproj) from the gold coordinates and
asserts the expected verdict class (supported within 10 %, refuted beyond 25 %, ambiguous
between), a stated direction, and that every coordinate equals the GeoNames cities500 or
UN/LOCODE (searoute ports.geojson) record its ``source`` names. ``--fill`` writes coordinates
from those records into places whose ``lat``/``lon`` are null, so they are never typed by hand.
Exit status 1 when a problem is found.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repo root, for geo.units
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests/, for corpus

import corpus  # noqa: E402


def fill(gold_path: Path) -> None:
    """Write coordinates from each place's ``source`` record into the gold file (lat/lon null only)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    geonames = corpus._geonames_index(
        int(p["source"].split(":")[1]) for p in gold["places"] if p["source"].startswith("geonames:")
    )
    ports = corpus._unlocode_index() if any(p["source"].startswith("unlocode:") for p in gold["places"]) else {}
    for place in gold["places"]:
        if place.get("lat") is not None and place.get("lon") is not None:
            continue
        kind, key = place["source"].split(":", 1)
        point = geonames[int(key)][:2] if kind == "geonames" else ports[key]
        place["lat"], place["lon"] = point
    gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def claims_table(articles: list[corpus.GoldArticle]) -> str:
    """One line per gold claim: the quote, the places, the geodesic, the deviation and the class."""
    lines = []
    for art in articles:
        for claim in art.claims:
            a, b = art.place_named(claim["a"]), art.place_named(claim["b"])
            km = corpus.geodesic_km(a["lat"], a["lon"], b["lat"], b["lon"])
            dev = corpus.claim_deviation(km, claim["claimed"])
            bearing = corpus.bearing_deg(b["lat"], b["lon"], a["lat"], a["lon"])
            lines.append(
                f"{art.name[:26]:26} {claim['quote'][:34]:34} {claim['a'][:14]:>14} - {claim['b'][:14]:14}"
                f" {km:8.1f} km {dev:6.1%} {claim['expected_verdict']:10}"
                f" {claim.get('direction') or '':2} {corpus.compass_point(bearing):2}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", nargs="+", type=Path, help="gold files whose null coordinates to fill")
    args = parser.parse_args(argv)
    if args.fill:
        for path in args.fill:
            fill(path)
    articles = corpus.load_corpus()
    print(claims_table(articles))
    problems = corpus.check_gold(articles)
    for line in problems:
        print("PROBLEM", line)
    n_claims = sum(len(a.claims) for a in articles)
    n_places = sum(len(a.places) for a in articles)
    print(f"{len(articles)} articles, {n_claims} claims, {n_places} places, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
