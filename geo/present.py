"""Human text and JSON for shiproute's results (the CLI and batch print these)."""

from __future__ import annotations

import json
from typing import Any

from geo.types import PairCheck, Place, Resolution
from geo.units import format_length

__all__ = ["to_json", "place_line", "resolution_text", "pair_text", "STATUS_COLOURS"]

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
    region = f", {place.admin1}" if place.admin1 else ""
    return f"{place.name}{region}, {place.country or '??'}{kind}  {_coords(place)}  [{place.source}]"


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


def pair_text(check: PairCheck, *, units: str = "km", style=lambda text, **_: text) -> str:
    """The report a reporter reads in a terminal; ``style`` is ``click.style`` on a TTY."""
    m = check.measures
    rows = [
        ("From", place_line(check.a)),
        ("To", place_line(check.b)),
        ("Straight line", f"{format_length(m.geodesic_km, units, 1)} (WGS84 geodesic), "
                          f"initial bearing {m.initial_bearing_deg:.0f}°"),
    ]
    if m.sea is not None:
        passages = f" via {', '.join(m.sea.passages)}" if m.sea.passages else ""
        rows.append(("By sea", f"{format_length(m.sea.length_km, units, 1)}{passages} ({m.sea.method})"))
    if check.claim is not None:
        rows.append(("Claim", f"{check.claim.text!r} ({check.claim.rule})" if check.claim.rule else repr(check.claim.text)))
    if check.verdict is not None:
        v = check.verdict
        rows.append(("Verdict", style(v.status.upper(), fg=STATUS_COLOURS[v.status], bold=True)))
        rows.append(("Why", v.explanation))
        for note in v.notes:
            rows.append(("Note", note))
    for res in (check.resolution_a, check.resolution_b):
        if res is None:
            continue
        for note in res.context_notes:
            rows.append(("Context", f"{res.query!r}: {note}"))
        if res.ambiguous and res.runner_up is not None:
            rows.append(("Ambiguous", f"{res.query!r} could also be {place_line(res.runner_up.place)}"))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)
