"""Computing rows."""


from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.batch.constants import _NO_CLAIMS
from geo.batch.readers import _NESTED_KEY, BadCell
from geo.errors import BadInput, ShiprouteError

if TYPE_CHECKING:  # heavy: only for annotations

    from geo.types import Article, PairCheck

__all__: list[str] = []

# --------------------------------------------------------------------------------------------
# Computing rows (runs in the workers)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
    """Everything a worker needs besides the rows: small, pickled with every task."""

    kind: str
    fmt: str  # csv | jsonl | geojson | records
    measure: str
    avoid: tuple[str, ...]
    carried: tuple[tuple[str, str], ...]  # (input column, output name)
    a_index: int = 0  # where a, b and the claim sit in a pair row's cells
    b_index: int = 1
    claim_index: int | None = 2
    base_dir: str = "."
    a_column: str = "a"
    b_column: str = "b"
    text_cells: bool = False  # every cell is a str (CSV input)
    # Set when a task's rows are CSV lines in this delimiter (see _CsvLines), not cell tuples.
    line_delimiter: str | None = None
    # GeoJSON geodesic lines: None draws the two ends only (cut at ±180 where they cross it),
    # a number adds points no further apart than that many km (--densify).
    densify_km: float | None = None


@dataclass(frozen=True)
class _Out:
    """One output row before formatting."""

    status: str
    error: str | None = None
    check: PairCheck | None = None
    article: Article | None = None
    claim_index: int = 0
    claim_count: int = 0
    explanation: str | None = None  # for rows without a check ("no claims")


def _message(exc: BaseException) -> str:
    if isinstance(exc, ShiprouteError):
        return str(exc)
    # A bug of ours in one row must not end a long batch; the row says what went wrong.
    return f"internal error: {type(exc).__name__}: {exc}"


@functools.lru_cache(maxsize=8192)
def _claim(text: str) -> Any:
    from geo.text.claims import parse_claim

    try:
        return parse_claim(text)
    except ShiprouteError as exc:
        return exc


def _partner_bonus_max(with_distance: bool) -> float:
    """The most a partner place can add to a candidate's score in :func:`geo.places.resolve`:
    with an expected distance (a claim) the distance-fit bonus, else the proximity bonus. A name
    whose best candidate leads the next by more than that resolves to the same place whatever
    its partner is, so its pair needs no context-aware resolution."""
    from geo.places.gazetteer import DISTANCE_FIT_BONUS, PROXIMITY_BONUS

    return DISTANCE_FIT_BONUS if with_distance else PROXIMITY_BONUS


@functools.lru_cache(maxsize=8192)  # bounded: a worker's memory must not grow with the input
def _name(text: str) -> Any:
    """``(place, lead, ambiguous)`` for a name resolved without context (``lead``: how far its
    best candidate's score is ahead of the next one's), or the error it raised."""
    from geo.pair import endpoint_context
    from geo.places.gazetteer import resolve

    try:
        res = resolve(text, endpoint_context())
    except Exception as exc:  # noqa: BLE001 - the row's error, raised in check_pair's order
        return exc
    cands = res.candidates
    lead = math.inf if len(cands) == 1 else cands[0].score - cands[1].score
    return res.best, lead, res.ambiguous


@functools.lru_cache(maxsize=2048)
def _pair(a: str, b: str, expected_km: float | None) -> Any:
    from geo.pair import resolve_pair

    try:
        place_a, place_b, _ra, _rb = resolve_pair(a, b, expected_km=expected_km)
    except Exception as exc:  # noqa: BLE001 - becomes the row's error
        return exc
    return place_a, place_b


def _ends(a: str, b: str, expected_km: float | None) -> Any:
    """The two places :func:`geo.pair.resolve_pair` chooses for ``a`` and ``b`` (or the error
    it raises), resolving with a partner only the names whose choice a partner can change."""
    from geo.pair import endpoint_context
    from geo.places.gazetteer import resolve

    na = _name(a)
    if isinstance(na, Exception):  # resolve_pair resolves a first, then b
        return na
    nb = _name(b)
    if isinstance(nb, Exception):  # a partner does not change why a name is not found
        return nb
    (place_a, lead_a, ambiguous_a), (place_b, lead_b, _) = na, nb
    margin = _partner_bonus_max(expected_km is not None) + 1e-5  # scores are rounded to 1e-6
    if lead_b <= margin:
        if lead_a <= margin:
            return _pair(a, b, expected_km)
        # The partner of b is a's best without context, as in resolve_pair; a keeps its best.
        place_b = resolve(b, endpoint_context(place_a, expected_km)).best
    elif lead_a <= margin and (expected_km is not None or ambiguous_a):
        place_a = resolve(a, endpoint_context(place_b, expected_km)).best
    return place_a, place_b


def _geodesic_checks(triples: Sequence[tuple[str, str, str | None]]) -> list[Any]:
    """``check_pair(a, b, claim, sea=False)`` for many triples: the same PairChecks (or the
    same errors), with each name resolved once and one vectorized geodesic call."""
    import numpy as np

    from geo.geodesy import inverse
    from geo.pair import stated_direction_bearing
    from geo.types import Measures, PairCheck
    from geo.verdict import judge

    ends: list[Any] = []
    claims: list[Any] = []
    for a, b, claim_text in triples:
        claim = _claim(claim_text) if claim_text is not None else None
        claims.append(claim)
        if isinstance(claim, Exception):
            ends.append(claim)
            continue
        ends.append(_ends(a, b, claim.nominal_km if claim is not None else None))
    ok = [i for i, e in enumerate(ends) if isinstance(e, tuple)]
    results: list[Any] = list(ends)
    if ok:
        lon1 = np.array([ends[i][0].lon for i in ok], dtype=np.float64)
        lat1 = np.array([ends[i][0].lat for i in ok], dtype=np.float64)
        lon2 = np.array([ends[i][1].lon for i in ok], dtype=np.float64)
        lat2 = np.array([ends[i][1].lat for i in ok], dtype=np.float64)
        dist, az1, az2 = inverse(lon1, lat1, lon2, lat2)
        for j, i in enumerate(ok):
            place_a, place_b = ends[i]
            measures = Measures(geodesic_km=float(dist[j]), initial_bearing_deg=float(az1[j]),
                                final_bearing_deg=float(az2[j]))
            claim = claims[i]
            verdict = None
            if claim is not None:
                try:
                    names = (str(triples[i][0]), str(triples[i][1]))
                    verdict = judge(claim, measures, extent_km=place_a.extent_km + place_b.extent_km,
                                    a_name=triples[i][0], b_name=triples[i][1],
                                    direction_bearing_deg=stated_direction_bearing(claim, names, place_a, place_b))
                except Exception as exc:  # noqa: BLE001
                    results[i] = exc
                    continue
            results[i] = PairCheck(a=place_a, b=place_b, measures=measures, claim=claim, verdict=verdict)
    return results


def _sea_check(a: str, b: str, claim: str | None, measure: str, avoid: tuple[str, ...]) -> Any:
    from geo.pair import check_pair

    try:
        check = check_pair(a, b, claim, sea=True, avoid=avoid)
        if measure == "sea" and check.measures.sea is None:
            from geo.sea.route import sea_route

            sea_route(check.a, check.b, avoid=avoid)  # raises NoSeaRoute, saying why
        return check
    except Exception as exc:  # noqa: BLE001 - becomes the row's error
        return exc


def _status(check: PairCheck) -> str:
    return check.verdict.status if check.verdict is not None else "measured"


def _text(value: Any) -> str | None:
    """A cell as a name or claim: None for missing or blank (and NaN from pandas)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value)
    return text if text.strip() else None


def _pair_outs(spec: _Spec, triples: Sequence[tuple[Any, Any, Any]]) -> list[_Out]:
    """The results of distinct (a, b, claim) cells, in order."""
    cleaned: list[Any] = []
    for a_cell, b_cell, claim_cell in triples:
        bad = next((cell for cell in (a_cell, b_cell, claim_cell) if isinstance(cell, BadCell)), None)
        if bad is not None:
            cleaned.append(BadInput(bad.reason))
            continue
        a, b, claim = _text(a_cell), _text(b_cell), _text(claim_cell)
        if a is None or b is None:
            column = spec.a_column if a is None else spec.b_column
            cleaned.append(BadInput(f"no place in column {column!r}; give a name, a UN/LOCODE or coordinates"))
        else:
            cleaned.append((a, b, claim))
    unique = list(dict.fromkeys(t for t in cleaned if isinstance(t, tuple)))
    if spec.measure == "geodesic":
        computed = _geodesic_checks(unique)
    else:
        computed = [_sea_check(a, b, c, spec.measure, spec.avoid) for a, b, c in unique]
    by_triple = dict(zip(unique, computed, strict=True))
    outs = []
    for t in cleaned:
        result = by_triple[t] if isinstance(t, tuple) else t
        if isinstance(result, BaseException):
            outs.append(_Out("failed", error=_message(result)))
        else:
            outs.append(_Out(_status(result), check=result))
    return outs


def _article_outs(spec: _Spec, record: Mapping[str, Any]) -> list[_Out]:
    from geo.text.article import check_article, load_article, parse_article

    try:
        if _NESTED_KEY in record:
            raise BadInput(record[_NESTED_KEY].reason)
        if _text(record.get("text")) is not None:
            source = str(record["id"]) if record.get("id") is not None else "<text>"
            article = parse_article(str(record["text"]), source=source)
        elif _text(record.get("path")) is not None:
            path = str(record["path"])
            article = load_article(str(Path(spec.base_dir, path)) if spec.base_dir not in ("", ".") else path)
        else:
            raise BadInput('an article row needs "text" or "path"')
        report = check_article(article, sea=spec.measure != "geodesic", avoid=spec.avoid)
    except Exception as exc:  # noqa: BLE001 - one bad article must not end the batch
        return [_Out("failed", error=_message(exc))]
    if not report.claims:
        return [_Out("no claims", article=article, explanation=_NO_CLAIMS)]
    outs = []
    count = len(report.claims)
    for index, check in enumerate(report.claims, 1):
        if spec.measure == "sea" and check.measures.sea is None:
            why = next((n for n in (check.verdict.notes if check.verdict else ()) if n.startswith("no sea distance")),
                       "no sea distance")
            outs.append(_Out("failed", error=why, check=check, article=article, claim_index=index, claim_count=count))
        else:
            outs.append(_Out(_status(check), check=check, article=article, claim_index=index, claim_count=count))
    return outs


# --- formatting -------------------------------------------------------------------------------
