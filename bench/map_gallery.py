"""Screenshots of the maps a graphics desk would publish (issue 14), for a person to look at.

For each story of ``tests/_maps_data.STORY_SLUGS`` (the seed article, Najin-Dunay with its
claim, Rotterdam-Shanghai with and without avoided canals, Vladivostok-Seattle across the
antimeridian, Kerch-Novorossiysk, the five-claim Odesa article; and Sevastopol-Odesa, where the
sea route runs along the straight line) it writes into OUT (a folder
outside the repository; default /tmp/shiproute-gallery):

* ``SLUG.html`` and its embed snippet page ``SLUG-embed-320.html`` (a 320 px article column);
* ``SLUG-1200x800.png`` and ``SLUG-375x667.png``: the page in headless Chromium (offline);
* ``SLUG-embed-320.png``: the embed in a 320 px column;
* ``SLUG-static.png`` (1200 x 800), ``SLUG-1080x1080.png``, ``SLUG-1200x675.png`` and
  ``SLUG-static.svg``: the static images;

and prints one line per page (the embed's too) with what the browser tests assert (markers
inside the map and uncovered, route ends, places left unnamed, overlapping labels, continuous
longitudes, land under the view).

    python bench/map_gallery.py [OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

SIZES = ((1200, 800), (375, 667))


def _overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            x0, y0, x1, y1 = a["box"]
            u0, v0, u1, v1 = b["box"]
            if x0 < u1 - 0.5 and u0 < x1 - 0.5 and y0 < v1 - 0.5 and v0 < y1 - 0.5:
                found.append((a["text"], b["text"]))
    return found


def _report(name: str, facts: dict, scene: Any) -> None:
    """One line of what the browser tests assert, for a page's facts (``MAP_FACTS_JS``)."""
    left, top, right, bottom = facts["map"]
    outside = [m["name"] for m in facts["markers"]
               if not (left <= m["at"][0] <= right and top <= m["at"][1] <= bottom) or m["covered"]]
    ends_out = [ln["kind"] for ln in facts["lines"] for p in (ln["start"], ln["end"])
                if not (left - 1 <= p[0] <= right + 1 and top - 1 <= p[1] <= bottom + 1)]
    shown = {label["text"] for label in facts["labels"]}
    unnamed = [place.label for place in scene.places if place.label not in shown]
    print(f"{name:58s} markers out/covered: {len(outside)}  line ends out: {ends_out}  "
          f"places unnamed: {unnamed}  overlaps: {_overlapping(facts['labels'])}  sea max step: "
          f"{max([ln['maxStep'] for ln in facts['lines'] if ln['kind'] == 'sea'] or [0]):.1f}°  "
          f"land {facts['land']} view {[round(v, 1) for v in facts['view']]}")


def main(out: Path) -> int:
    from _chromium import MAP_FACTS_JS, Chromium, set_size
    from _maps_data import GALLERY_EXTRA_SLUGS, STORY_SLUGS, story

    import maps

    out = out.resolve()
    if ROOT in out.parents or out == ROOT:
        print(f"write the gallery outside the repository, not into {out}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    browser = Chromium(*SIZES[0])
    started = time.perf_counter()
    try:
        for slug in STORY_SLUGS + GALLERY_EXTRA_SLUGS:
            checks, subtitle = story(slug)
            fmap = maps.render(list(checks), subtitle=subtitle, tiles=None)
            page = out / f"{slug}.html"
            maps.write_html(fmap, page)
            scene = fmap.shiproute_scene
            for width, height in SIZES:
                set_size(browser, width, height)
                browser.open(page)
                shot = out / f"{slug}-{width}x{height}.png"
                shot.write_bytes(browser.screenshot())
                _report(shot.name, json.loads(browser.evaluate(MAP_FACTS_JS)), scene)
            snippet = maps.embed_snippet(page.name, title=scene.title, alt_text=scene.alt_text)
            column = out / f"{slug}-embed-320.html"
            column.write_text("<!DOCTYPE html><html lang='en'><body style='margin:0 auto;width:320px;"
                              "font:16px Georgia'><p>Article text above the map.</p>" + snippet
                              + "<p>Article text below the map.</p></body></html>", encoding="utf-8")
            set_size(browser, 320, 900)
            browser.open(column)
            browser.evaluate("new Promise(r => setTimeout(r, 300))", await_promise=True)
            (out / f"{slug}-embed-320.png").write_bytes(browser.screenshot())
            facts = browser.evaluate("document.querySelector('iframe').contentWindow.eval("
                                     + json.dumps(MAP_FACTS_JS) + ")")
            _report(f"{slug}-embed-320.png", json.loads(facts), scene)
            maps.write_image(list(checks), out / f"{slug}-static.png", subtitle=subtitle)
            maps.write_image(list(checks), out / f"{slug}-static.svg", subtitle=subtitle)
            for width, height in ((1080, 1080), (1200, 675)):
                maps.write_image(list(checks), out / f"{slug}-{width}x{height}.png", width_px=width,
                                 height_px=height, subtitle=subtitle)
            print(f"{slug}: html {page.stat().st_size / 1e6:.2f} MB, alt text {len(scene.alt_text)} chars")
    finally:
        browser.close()
    print(f"gallery in {out} ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path("/tmp/shiproute-gallery"),
                        help="the folder to write, outside the repository (default /tmp/shiproute-gallery)")
    target = parser.parse_args().out
    raise SystemExit(main(target))
