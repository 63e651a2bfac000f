"""Human text and JSON for shiproute's results (the CLI and batch print these)."""

from __future__ import annotations

import json
import re
from typing import Any

from geo.types import PairCheck, Place, Resolution
from geo.units import format_length

__all__ = ["to_json", "place_line", "resolution_text", "pair_text", "article_text", "article_markdown", "article_json",
           "route_text", "rounded_figures", "STATUS_COLOURS"]

STATUS_COLOURS = {"supported": "green", "refuted": "red", "ambiguous": "yellow"}
GEONAMES_CREDIT = "Place data: GeoNames (CC BY 4.0), UN/LOCODE ports via searoute."


def to_json(value: Any) -> str:
    """Stable JSON: keys in the order the types define them, UTF-8 kept, newline-terminated."""
    return json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _coords(place: Place) -> str:
    ns = "N" if place.lat >= 0 else "S"
    ew = "E" if place.lon >= 0 else "W"
    return f"{abs(place.lat):.4f}°{ns} {abs(place.lon):.4f}°{ew}"


def place_line(place: Place) -> str:
    """``Rajin, KP (port) 42.2456°N 130.2983°E  [geonames:2042645]``."""
    kind = f" ({place.kind})" if place.kind not in ("town",) else ""
    region = f", {place.admin1}" if place.admin1 and place.admin1 != place.name else ""
    # Shared waters (a strait, a sea) and coordinates out at sea belong to no country.
    country = f", {place.country}" if place.country else ""
    return f"{place.name}{region}{country}{kind}  {_coords(place)}  [{place.source}]"


def resolution_text(res: Resolution, *, limit: int = 3) -> str:
    lines = [f"{res.query!r} -> {place_line(res.best)}"]
    best = res.candidates[0]
    if best.reasons:
        lines.append(f"    why: {'; '.join(best.reasons)}")
    for note in res.context_notes:
        lines.append(f"    context: {note}")
    if res.ambiguous:
        lines.append("    AMBIGUOUS: close candidates:")
    others = res.candidates[1:limit]
    if others:
        if not res.ambiguous:
            lines.append("    also:")
        for cand in others:
            lines.append(f"      {place_line(cand.place)}  score {cand.score:.2f}")
    return "\n".join(lines)


def pair_text(check: PairCheck, *, units: str = "km", style=lambda text, **_: text, verbose: bool = False) -> str:
    """The report a reporter reads in a terminal; ``style`` is ``click.style`` on a TTY;
    ``verbose`` adds how the sea route was made (the router's method)."""
    m = check.measures
    rows = [
        ("From", place_line(check.a)),
        ("To", place_line(check.b)),
        ("Straight line", f"{format_length(m.geodesic_km, units, 1)} (WGS84 geodesic), "
                          f"initial bearing {m.initial_bearing_deg:.0f}°"),
    ]
    if check.a.source == check.b.source and m.geodesic_km < 0.001:
        names = [r.query for r in (check.resolution_a, check.resolution_b) if r is not None]
        said = " and ".join(repr(n) for n in names) if len(names) == 2 else "both names"
        rows[2] = ("Straight line", f"{format_length(0.0, units, 1)}: the same place ({said} name {check.a.label()})")
    if m.sea is not None:
        # A passage the route starts or ends in is no waypoint: no "via Kerch" from Kerch.
        ends = {check.a.name.casefold(), check.b.name.casefold()}
        through = [p for p in m.sea.passages if p.split(" (")[0].split(" Strait")[0].casefold() not in ends]
        passages = f" via {', '.join(through)}" if through else ""
        method = f" ({m.sea.method})" if verbose else ""
        rows.append(("By sea", f"{format_length(m.sea.length_km, units, 1)}{passages}{method}"))
    if check.claim is not None:
        words = check.claim.words
        rows.append(("Claim", f"{words!r} ({rounded_figures(check.claim.rule)})" if check.claim.rule else repr(words)))
    if check.verdict is not None:
        v = check.verdict
        rows.append(("Verdict", style(v.status.upper(), fg=STATUS_COLOURS[v.status], bold=True)))
        rows.append(("Why", v.explanation))
        for note in v.notes:
            rows.append(("Note", note))
    if m.measured_between:
        centre = f"; centre to centre {format_length(m.centre_km, units, 1)}" if m.centre_km is not None else ""
        rows.append(("Measured", f"{m.measured_between}{centre}"))
    for place in (check.a, check.b):
        if place.kind in ("country", "region") and not m.measured_between:
            what = ("a country" if place.kind == "country"
                    else "a first-level region" if place.admin1 else "a region")
            rows.append(("Note", f"{place.name} is {what}: the distances run from a central point of it "
                                 f"({_coords(place)}), not from its border or coast"))
    for res in (check.resolution_a, check.resolution_b):
        if res is None:
            continue
        for note in res.context_notes:
            rows.append(("Context", f"{res.query!r}: {note}"))
        if res.ambiguous and res.runner_up is not None:
            rows.append(("Ambiguous", f"{res.query!r} could also be {place_line(res.runner_up.place)}"))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)


# The fixed words of the article report in the languages the article reader knows
# (``shiproute article --report-lang``). The explanations and notes stay in English.
REPORT_WORDS: dict[str, dict[str, str]] = {
    "en": {"supported": "supported", "refuted": "refuted", "ambiguous": "ambiguous", "claims": "Claims",
           "none": "No place-to-place distance claims found.", "straight": "straight line", "sea": "by sea",
           "not": "Not place-to-place", "places": "Places mentioned", "note": "note", "context": "context",
           "check": "Distance check", "claim": "Claim", "unchecked": "Distances not checked"},
    "ru": {"supported": "подтверждено", "refuted": "опровергнуто", "ambiguous": "неоднозначно",
           "claims": "Утверждения", "none": "Утверждений о расстоянии между двумя местами не найдено.",
           "straight": "по прямой", "sea": "по морю", "not": "Не между двумя местами",
           "places": "Упомянутые места", "note": "примечание", "context": "контекст",
           "check": "Проверка расстояний", "claim": "Утверждение", "unchecked": "Непроверенные расстояния"},
    "uk": {"supported": "підтверджено", "refuted": "спростовано", "ambiguous": "неоднозначно",
           "claims": "Твердження", "none": "Тверджень про відстань між двома місцями не знайдено.",
           "straight": "по прямій", "sea": "морем", "not": "Не між двома місцями",
           "places": "Згадані місця", "note": "примітка", "context": "контекст",
           "check": "Перевірка відстаней", "claim": "Твердження", "unchecked": "Неперевірені відстані"},
    "ko": {"supported": "사실", "refuted": "거짓", "ambiguous": "판단 유보", "claims": "거리 주장",
           "none": "두 장소 사이의 거리 주장을 찾지 못했습니다.", "straight": "직선거리", "sea": "해로",
           "not": "두 장소 사이의 거리가 아님", "places": "언급된 장소", "note": "참고", "context": "맥락",
           "check": "거리 검증", "claim": "주장", "unchecked": "검증하지 않은 거리"},
}


def article_text(report, *, units: str = "km", style=lambda text, **_: text, language: str = "en") -> str:
    """An article report as a readable terminal table; ``language`` (a key of
    :data:`REPORT_WORDS`) writes its fixed words and verdicts in that language."""
    words_of = REPORT_WORDS.get(language, REPORT_WORDS["en"])
    art = report.article
    head = art.title or art.source
    meta = ", ".join(x for x in (art.date, art.source if art.title else None) if x)
    counts = {s: report.statuses.count(s) for s in ("supported", "refuted", "ambiguous")}
    lines = [style(head, bold=True), meta, ""]
    if not report.claims:
        lines.append(words_of["none"])
    else:
        lines.append(f"{words_of['claims']} ({len(report.claims)}): {counts['supported']} {words_of['supported']}, "
                     f"{counts['refuted']} {words_of['refuted']}, {counts['ambiguous']} {words_of['ambiguous']}")
        status_width = max(len(words_of[s]) for s in ("supported", "refuted", "ambiguous"))
        for number, check in enumerate(report.claims, 1):
            v = check.verdict
            status = style(f"{words_of[v.status].upper():<{status_width}}", fg=STATUS_COLOURS[v.status], bold=True)
            sea = (f", {words_of['sea']} {format_length(check.measures.sea_km, units)}"
                   if check.measures.sea_km is not None else "")
            words = check.claim.words
            lines.append(f"{number:>2}. {status}  {words!r}: {check.a.label()} -> {check.b.label()}, "
                         f"{words_of['straight']} {format_length(check.measures.geodesic_km, units, 1)}{sea}")
            if check.quote:
                lines.append(f"    \u201c{check.quote}\u201d")
            lines.append(f"    {v.explanation}")
            for note in v.notes:
                lines.append(f"    {words_of['note']}: {note}")
            for res in (check.resolution_a, check.resolution_b):
                for note in (res.context_notes if res else ()):
                    lines.append(f"    {words_of['context']}: {note}")
    if report.non_claims:
        lines.append("")
        lines.append(f"{words_of['not']} ({len(report.non_claims)}):")
        for item in report.non_claims:
            lines.append(f"    {item.claim.words!r}: {item.reason}")
    lines.append("")
    seen: dict[str, str] = {}
    for m in report.mentions:
        label = f"{m.text} ({m.place.country})" if m.place.country else m.text
        if m.role != "place":
            label += f" [{m.role}]"
        seen.setdefault(label, label)
    lines.append(f"{words_of['places']} ({len(seen)}): {', '.join(seen)}")
    lines.append(GEONAMES_CREDIT)
    return "\n".join(lines)


def rounded_figures(text: str) -> str:
    """Lengths in reader copy rounded as a reader writes them ('= 804.672 km' -> '= 804.7 km',
    '1.852 km' -> '1.85 km'); the JSON keeps every digit."""
    def rounded(match: re.Match[str]) -> str:
        value = float(match[1].replace(",", ""))
        return f"{value:,.{1 if abs(value) >= 10 else 2}f}"

    return _LONG_FIGURE.sub(rounded, text)


_LONG_FIGURE = re.compile(r"(?<![\d.])(\d[\d,]*\.\d{3,})(?=\s*(?:km|mi|nmi|m)\b)")


def _place_cell(place: Place, as_written: str | None) -> str:
    ns = "N" if place.lat >= 0 else "S"
    ew = "E" if place.lon >= 0 else "W"
    written = f"{as_written} = " if as_written and as_written != place.name else ""
    region = f", {place.admin1}" if place.admin1 else ""
    return (f"{written}{place.name}{region}, {place.country} ({abs(place.lat):.4f}° {ns}, {abs(place.lon):.4f}° {ew}; "
            f"`{place.source}`)")


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def article_markdown(report, *, verbose: bool = False, tolerance_rule: str = "", language: str = "en") -> str:
    """A fact-check memo a desk can paste: the quote, the finding, the numbers, the sources;
    ``tolerance_rule`` is the judging rule in words (``geo.verdict.TOLERANCE_RULE_TEXT``);
    ``language`` (a key of :data:`REPORT_WORDS`) writes its headings and verdicts in that language."""
    words_of = REPORT_WORDS.get(language, REPORT_WORDS["en"])
    art = report.article
    title = art.title or art.source
    out = [f"# {words_of['check']}: {_md_escape(title)}", ""]
    meta = [f"Source: `{art.source}`"]
    if art.date:
        meta.append(f"dated {art.date}")
    out += ["; ".join(meta) + ".", ""]
    if not report.claims:
        out += [words_of["none"], ""]
    for number, check in enumerate(report.claims, 1):
        v = check.verdict
        said = _md_escape(check.claim.words)
        out += [f"## {words_of['claim']} {number}: \u201c{said}\u201d: **{words_of[v.status]}**", ""]
        if check.quote:
            out += [f"> {_md_escape(check.quote)}", ""]
        out += [f"**Finding.** {v.explanation}", ""]
        written_a = check.resolution_a.query if check.resolution_a else None
        written_b = check.resolution_b.query if check.resolution_b else None
        rows = [
            ("From", _place_cell(check.a, written_a)),
            ("To", _place_cell(check.b, written_b)),
            ("Straight line (WGS84 geodesic)", f"{check.measures.geodesic_km:,.1f} km "
             f"({format_length(check.measures.geodesic_km, 'mi', 1)}, "
             f"{format_length(check.measures.geodesic_km, 'nmi', 1)})"),
        ]
        if check.measures.sea is not None:
            method = f" ({check.measures.sea.method})" if verbose else ""
            rows.append(("By sea", f"{check.measures.sea.length_km:,.1f} km{method}"))
        rows.append(("Claim as read", _md_escape(rounded_figures(check.claim.rule) or check.claim.words)))
        rows.append(("Tolerance", _md_escape(v.rule)))
        low, high = v.accepted_low_km, v.accepted_high_km
        rows.append(("Accepted range", f"{low if low is not None else 0:,.1f}–{high:,.1f} km" if high is not None
                     else f"{low:,.1f} km or more"))
        out += ["| | |", "|---|---|"] + [f"| {k} | {_md_escape(val)} |" for k, val in rows] + [""]
        for note in v.notes:
            out.append(f"- Note: {_md_escape(note)}")
        for res in (check.resolution_a, check.resolution_b):
            for note in (res.context_notes if res else ()):
                out.append(f"- Place choice: {_md_escape(note)}")
        if v.notes or any(r and r.context_notes for r in (check.resolution_a, check.resolution_b)):
            out.append("")
    if report.non_claims:
        out += [f"## {words_of['unchecked']}", ""]
        out += [f"- \u201c{_md_escape(n.claim.words)}\u201d: {n.reason}" for n in report.non_claims] + [""]
    out += ["## Method and sources", "",
            "Straight-line distances are geodesics on the WGS84 ellipsoid (pyproj/PROJ). " + tolerance_rule,
            GEONAMES_CREDIT, ""]
    return "\n".join(out)


def route_text(a: Place, b: Place, route, *, units: str = "km", verbose: bool = False) -> str:
    """A sea route for people: ends, length, passages; with ``verbose``, how it was made."""
    rows = [("From", place_line(a)), ("To", place_line(b)),
            ("By sea", format_length(route.length_km, units, 1)),
            ("Passages", ", ".join(route.passages) if route.passages else "none"),
            ("Access legs", f"{format_length(route.access_legs_km[0], units, 1)} at the start, "
                            f"{format_length(route.access_legs_km[1], units, 1)} at the end"),
            *((("Method", route.method), ("Points", str(len(route.coords)))) if verbose else ())]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)


def resolutions_geojson(results: list[Resolution]) -> dict[str, Any]:
    """The best place of each resolution as an RFC 7946 FeatureCollection: a feature's own
    polygon or line (a sea, a strait, an island, a river), a country's or region's polygon,
    else its point; properties carry the query, the place and whether it was ambiguous."""
    from shapely.geometry import mapping

    from geo.places.areas import area_of
    from geo.places.features import feature_geometry

    features = []
    for res in results:
        place = res.best
        geometry = feature_geometry(place.source) if place.kind not in ("country", "region") else None
        if geometry is None:
            area = area_of(place)
            geometry = _rounded(mapping(area.polygon)) if area is not None else None
        if geometry is None:
            geometry = {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]}
        properties = {"query": res.query, "name": place.name, "kind": place.kind, "country": place.country,
                      "lat": place.lat, "lon": place.lon, "source": place.source, "ambiguous": res.ambiguous}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def _rounded(geometry: Any) -> Any:
    """A GeoJSON geometry (from shapely's ``mapping``) with coordinates rounded to 6 decimals."""
    def walk(value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], float):
                return [round(v, 6) for v in value]
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def article_json(report) -> dict:
    """The article report as JSON-ready data, with the area (bbox, km², source) of each
    country or region mentioned; areas are looked up here, at output time, so that
    ``check_article`` stays fast for batches."""
    from geo.places.areas import area_of

    data = report.to_dict()
    areas: dict[str, dict | None] = {}
    for mention, out in zip(report.mentions, data["mentions"], strict=True):
        place = mention.place
        if place.kind in ("country", "region"):
            if place.source not in areas:
                area = area_of(place)
                areas[place.source] = area.to_dict() if area is not None else None
            out["area"] = areas[place.source]
    return data
