"""Hostile text in every field a map shows, each page opened in headless Chromium (issue 13).

    python bench/xss_sweep.py

The standing result of issue 13: no script of a reader's text runs in any map. For each of 18
payloads (script tags, event-handler attributes, template syntax, javascript: URLs, line and
paragraph separators, comment and CDATA breakers...) and each field a reader's text reaches
(a place's name, its other names, its region, its source, the article's wording of the name,
the claim's own words, the verdict's explanation, the title, the subtitle), one map is drawn
with the payload in that field alone, plus one with it in every field at once and one embed
snippet (iframe) around such a map. Each page is opened in Debian's headless Chromium with the
network cut off (tests/_chromium.py); every popup and tooltip on the map is opened; then the
page must show no dialog, set no ``window.__pwned``, hold no element the payload would have
made, log no script error and ask for nothing over the network. The same payloads go through
the SVG writer, which must stay well-formed XML without a script element. Exit status 1 on
any finding.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from _maps_data import HOSTILE  # noqa: E402

PAYLOADS = [
    *HOSTILE,
    "<svg onload=\"window.__pwned=1;alert(1)\"></svg>",
    "javascript:window.__pwned=1;alert(1)",
    "<a href=\"javascript:window.__pwned=1\" id=shiproute-xss-link>x</a>",
    "<iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>",
    "'-alert(1)-'\";window.__pwned=1;//",
    "</style><script>window.__pwned=1</script>",
    "<!--<script>window.__pwned=1</script>-->",
    "]]><script>window.__pwned=1</script>",
    "\u2029\");window.__pwned=1;(\"",
    "&lt;script&gt;window.__pwned=1&lt;/script&gt; &amp; &#x3C;b&#x3E;",
    "<details open ontoggle=\"window.__pwned=1\">",
    "<% window.__pwned=1 %>[[ x ]]\\u003cscript\\u003e",
]

# The elements a payload above would create if it were read as HTML.
INJECTED = ("img[src='x']", "svg[onload]", "#shiproute-xss-link", "iframe[srcdoc]",
            "details[ontoggle]")

OPEN_EVERYTHING_JS = r"""new Promise(function (done) {
  var layers = [];
  Object.keys(window).forEach(function (k) {
    if (/^map_\d+$/.test(k) && window[k] instanceof L.Map) {
      window[k].eachLayer(function (l) { layers.push(l); });
    }
  });
  var opened = 0, i = 0;
  function next() {
    if (i >= layers.length) { done(opened); return; }
    var l = layers[i++];
    if (l.getPopup && l.getPopup()) { l.openPopup(); opened++; }
    if (l.getTooltip && l.getTooltip()) { l.openTooltip(); opened++; }
    requestAnimationFrame(next);
  }
  next();
})"""


def hostile_in(field: str, payload: str, base: Any) -> tuple[Any, dict[str, str]]:
    """The seed check with ``payload`` in ``field`` only; the render options it needs."""
    a, verdict, res_a, claim = base.a, base.verdict, base.resolution_a, base.claim
    options: dict[str, str] = {}
    if field == "name":
        return replace(base, a=replace(a, name=payload)), options
    if field == "other names":
        return replace(base, a=replace(a, alt_names=(payload, *a.alt_names))), options
    if field == "region":
        return replace(base, a=replace(a, admin1=payload)), options
    if field == "source":
        return replace(base, a=replace(a, source=f"curated:{payload}")), options
    if field == "article wording":
        return replace(base, resolution_a=replace(res_a, query=payload)), options
    if field == "claim words":
        return replace(base, claim=replace(claim, text=payload)), options
    if field == "explanation":
        return replace(base, verdict=replace(verdict, explanation=payload)), options
    if field == "title":
        return base, {"title": payload}
    if field == "subtitle":
        return base, {"subtitle": payload}
    raise ValueError(field)


FIELDS = ("name", "other names", "region", "source", "article wording", "claim words", "explanation", "title",
          "subtitle")


def inspect(browser: Any, path: Path, opened_min: int, title: str | None = None) -> list[str]:
    browser.open(path)
    problems = []
    if title is not None and browser.evaluate("document.querySelector('.shiproute-title').textContent") != title:
        problems.append("the title is not shown as written")
    opened = browser.evaluate(OPEN_EVERYTHING_JS, await_promise=True) if opened_min else 0
    if opened < opened_min:
        problems.append(f"only {opened} popups and tooltips opened")
    browser.evaluate("new Promise(r => setTimeout(r, 50))", await_promise=True)  # any onerror/onload fires
    if browser.dialogs():
        problems.append(f"dialogs: {browser.dialogs()}")
    if not browser.evaluate("window.__pwned === undefined"):
        problems.append("window.__pwned was set")
    for selector in INJECTED:
        if browser.evaluate(f"document.querySelectorAll({json.dumps(selector)}).length"):
            problems.append(f"an element {selector} was made")
    if browser.errors():
        problems.append(f"script errors: {browser.errors()[:2]}")
    remote = [u for u in browser.requested_urls() if not u.startswith(("file:", "data:", "about:"))]
    if remote:
        problems.append(f"network requests: {remote[:3]}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payloads", type=int, default=len(PAYLOADS), help="the first N payloads only")
    args = parser.parse_args()
    from _chromium import Chromium
    from _maps_data import hostile_check, seed_check

    import maps

    base = seed_check(sea=False)
    folder = Path(tempfile.mkdtemp(prefix="xss_sweep_"))
    browser = Chromium()
    pages = popups = svgs = 0
    findings: list[str] = []
    started = time.perf_counter()
    try:
        # How many popups and tooltips a clean page has: each hostile page must open as many.
        clean = folder / "clean.html"
        maps.write_html(maps.render(base), clean)
        browser.open(clean)
        expected = browser.evaluate(OPEN_EVERYTHING_JS, await_promise=True)
        # A control: the same page with one payload pasted in raw must be caught, or the sweep is blind.
        control = folder / "control.html"
        control.write_text(clean.read_text(encoding="utf-8").replace("</body>", PAYLOADS[1] + "</body>", 1),
                           encoding="utf-8")
        caught = inspect(browser, control, expected)
        print(f"  control page (payload pasted raw): {'; '.join(caught) if caught else 'NOT caught'}")
        if not caught:
            findings.append("the control page with a raw payload was not caught: the sweep is blind")
        for number, payload in enumerate(PAYLOADS[: args.payloads]):
            for field in FIELDS:
                check, options = hostile_in(field, payload, base)
                page = folder / f"p{number}-{field.replace(' ', '-')}.html"
                maps.write_html(maps.render(check, **options), page)
                shown = options.get("title")
                findings += [f"payload {number} in {field}: {p}" for p in inspect(browser, page, expected, shown)]
                pages += 1
                popups += expected
            everywhere = folder / f"p{number}-all.html"
            maps.write_html(maps.render(hostile_check(payload, "B " + payload), title=payload, subtitle=payload),
                            everywhere)
            findings += [f"payload {number} in every field: {p}" for p in inspect(browser, everywhere, expected)]
            pages += 1
            popups += expected
            frame = folder / f"p{number}-embed.html"
            frame.write_text("<!DOCTYPE html><html><body>" + maps.embed_snippet(
                everywhere.name, title=payload, alt_text=payload) + "</body></html>", encoding="utf-8")
            findings += [f"payload {number} in an embed: {p}" for p in inspect(browser, frame, 0)]
            pages += 1
            svg = folder / f"p{number}.svg"
            maps.write_image(hostile_check(payload, payload), svg, title=payload, subtitle=payload)
            root = ElementTree.fromstring(svg.read_text(encoding="utf-8"))
            if root.find(".//{http://www.w3.org/2000/svg}script") is not None:
                findings.append(f"payload {number}: a script element in the SVG")
            svgs += 1
            print(f"  payload {number + 1:2}: {pages} pages so far, {len(findings)} findings",
                  flush=True)
    finally:
        browser.close()
        shutil.rmtree(folder, ignore_errors=True)
    for finding in findings:
        print(f"  FINDING {finding}")
    print(f"{min(args.payloads, len(PAYLOADS))} payloads x {len(FIELDS)} fields (+ all fields at once, + an embed): "
          f"{pages} pages, "
          f"{popups} popups and tooltips opened, {svgs} SVGs parsed, in {time.perf_counter() - started:.0f} s: "
          f"{len(findings)} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
