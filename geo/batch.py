"""Batch checks: a table of place pairs or a whole archive of articles, resumable, in order.

Input
-----
* **Pairs**: a CSV (``,`` ``;`` or tab separated, with a header row) or a JSONL file (one JSON
  object a line) with the columns ``a`` and ``b`` (the two places, as ``check`` takes them) and
  optionally ``claim`` (the distance as written). Other columns are carried through unchanged,
  in their order. Other column names can be mapped with ``a_column`` / ``b_column`` /
  ``claim_column``.
* **Articles**: a folder (every ``.txt``, ``.text``, ``.md``, ``.html`` and ``.htm`` file under
  it, sorted by path), a glob (``'archive/**/*.txt'``), one or more article files, or a JSONL
  file whose objects hold ``{"id": ..., "text": ...}`` or ``{"path": ...}`` (relative to the
  JSONL file's folder). Every key but ``text`` is carried through.

Output
------
One line per input row (per claim for articles; one "no claims" line for an article without
any), in input order, as CSV, JSONL or GeoJSON (a FeatureCollection with one Feature a line).
The columns are documented in :data:`PAIR_COLUMNS` and :data:`ARTICLE_COLUMNS`; JSONL rows
carry the same fields as ``shiproute check --format json`` (``article --format json``'s claims
for articles) plus ``row``, ``key``, ``input``, ``status`` and ``error``.

A row that fails (unknown place, unreadable claim or article) becomes a ``failed`` row with the
message in ``error``; the batch goes on. Rows are written and flushed as they finish, in order,
whole lines only, and synced to disk every :data:`FSYNC_INTERVAL_S` seconds; ``resume=True``
keeps the rows already in the output (checked by their ``key``: the input row number and a
hash of the row and the options), drops a partly written last line, and goes on from there:
the finished file is byte for byte what an uninterrupted run writes.

Speed: for geodesic-only pair checks each distinct place name is resolved once per worker,
each distinct (a, b, claim) once, and the geodesics of a chunk are one vectorized call; the
results are byte for byte those of :func:`geo.pair.check_pair` row by row. A CSV whose every
line is one whole record (the usual case: no newline inside a cell) is kept as its lines, and
a worker parses, keys, checks and formats each distinct line once: a repeat of a line then
costs a dictionary lookup and its row number, and a chunk comes back as its distinct lines
and which one each row is (see :class:`_CsvLines`, :func:`_run_line_chunk`). Same bytes and
same row keys as reading cell by cell.
"""

from __future__ import annotations

import collections
import csv
import functools
import glob as globlib
import hashlib
import io
import itertools
import json
import math
import operator
import os
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import BadInput, ShiprouteError

if TYPE_CHECKING:  # heavy: only for annotations
    import geopandas
    import pandas

    from geo.types import Article, PairCheck

__all__ = [
    "ARTICLE_COLUMNS",
    "ARTICLE_SUFFIXES",
    "BatchInput",
    "BatchSummary",
    "FORMATS",
    "FSYNC_INTERVAL_S",
    "MEASURES",
    "PAIR_COLUMNS",
    "STATUSES",
    "check_pairs",
    "output_format",
    "read_batch_input",
    "row_key",
    "run_batch",
]

#: What ``measure`` may be: the geodesic only (fast), the sea route too (a pair with no route
#: by water keeps its geodesic verdict, with a note) or ``sea`` (a pair with no route by water
#: is a failed row). The geodesic is always reported: it costs nothing next to a sea route.
MEASURES = ("geodesic", "sea", "both")
FORMATS = ("csv", "jsonl", "geojson")
#: A row's ``status``: a claim's verdict, ``measured`` (a pair without a claim), ``no claims``
#: (an article without place-to-place distance claims) or ``failed`` (see ``error``).
STATUSES = ("supported", "refuted", "ambiguous", "measured", "no claims", "failed")
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
#: Seconds between two fsyncs of the output: at most this much work is lost on a power cut.
FSYNC_INTERVAL_S = 2.0

_RESULT_COLUMNS = (
    "a_name", "a_country", "a_lat", "a_lon", "a_kind", "a_source", "a_locode",
    "b_name", "b_country", "b_lat", "b_lon", "b_kind", "b_source", "b_locode",
    "geodesic_km", "initial_bearing_deg", "final_bearing_deg", "sea_km", "sea_passages", "sea_method",
    "claim_text", "claim_low_km", "claim_high_km", "claim_sense", "claim_unit",
    "verdict", "basis", "measured_km", "accepted_low_km", "accepted_high_km", "deviation_km", "deviation_pct",
    "explanation", "notes",
)  # fmt: skip
#: The columns a pair row has after ``row``, ``key`` and the input's own columns (CSV, GeoJSON
#: properties, :func:`check_pairs`). Lengths in km, bearings in degrees, lat/lon in degrees
#: WGS84; ``sea_passages`` and ``notes`` are joined with "; ".
PAIR_COLUMNS = ("status", "error", *_RESULT_COLUMNS)
#: The columns of an article row: one row per claim (``claim_index`` of ``claim_count``), with
#: the sentence it came from in ``quote``.
ARTICLE_COLUMNS = ("status", "error", "article_source", "article_title", "article_date", "claim_index",
                   "claim_count", *_RESULT_COLUMNS, "quote")
_LEAD_COLUMNS = ("row", "key")

_NULL_CHECK = {"a": None, "b": None, "geodesic_km": None, "initial_bearing_deg": None, "final_bearing_deg": None,
               "sea_km": None, "claim": None, "verdict": None, "explanation": None, "judgement": None}
_NO_CLAIMS = "no place-to-place distance claims found"
_GEOJSON_OPEN = '{"type": "FeatureCollection", "features": [\n'
_GEOJSON_CLOSE = "]}\n"


# --------------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchInput:
    """What a batch reads: pair rows or article records, with the columns to carry through.

    For pairs, ``records`` are tuples of cells aligned with ``columns`` (CSV cells are strings,
    JSONL values as parsed, ``None`` where a JSONL row lacks a column); for articles they are
    dicts (``{"path": ...}`` or a JSONL object). ``columns`` are the input's own columns in
    order (for articles, every key but ``text``); ``base_dir`` is where an article record's
    relative ``path`` starts.
    """

    kind: str  # "pairs" | "articles"
    records: Sequence[Any]
    columns: tuple[str, ...]
    source: str
    a_column: str = "a"
    b_column: str = "b"
    claim_column: str | None = "claim"
    base_dir: str = "."


def _decode(raw: bytes, source: str) -> str:
    from geo.fileio import decode_text

    return decode_text(raw, source, expected="a CSV, a JSONL file, a folder or a glob of articles")


class _CsvLines(Sequence):
    """A CSV's rows kept as their text lines (without the newline), each one whole record.

    A row's cells are its line parsed (``records[i]``, a tuple of strings like the csv module
    gives): the workers get the lines, parse each distinct line once and reuse what they
    computed for it on every repeat, so a big table of recurring rows costs one dictionary
    lookup a row. Only built when every line is exactly one record of the header's width (see
    :func:`_whole_line_records`)."""

    def __init__(self, lines: list[str], cells: dict[str, tuple[str, ...]], delimiter: str) -> None:
        self.lines = lines
        self.delimiter = delimiter
        self._cells = cells  # each distinct line's cells

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self._cells[line] for line in self.lines[index]]
        return self._cells[self.lines[index]]


def _parse_lines(lines: Iterable[str], delimiter: str, width: int) -> dict[str, tuple[str, ...]] | None:
    """Each line's cells, or None unless every line is exactly one record of ``width`` cells.

    strict: a line that ends inside a quoted cell (a record going on over the next line) is
    an error here instead of a record joined with whatever line comes next; and ``line_num``
    catches a record that still spans two of the lines given."""
    distinct = list(lines)
    reader = csv.reader([line + "\n" for line in distinct], delimiter=delimiter, strict=True)
    cells: dict[str, tuple[str, ...]] = {}
    try:
        for number, (line, record) in enumerate(zip(distinct, map(tuple, reader)), 1):
            if reader.line_num != number or len(record) != width:
                return None
            cells[line] = record
    except csv.Error:
        return None
    return cells if len(cells) == len(distinct) else None


def _whole_line_records(text: str, delimiter: str, header: list[str]) -> _CsvLines | None:
    """The rows of ``text`` as :class:`_CsvLines` when each line is one whole record, as the
    csv module reads them (no carriage return, no cell over two lines, no blank or short
    line); else None and the caller reads cell by cell."""
    # Lines end in "\n", or all in "\r\n" (the csv module's and spreadsheets' own); a carriage
    # return anywhere else is read cell by cell.
    newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
    lines = text.split(newline)
    if text.count("\r") != (len(lines) - 1 if newline == "\r\n" else 0):
        return None
    if lines[-1] == "":
        lines.pop()
    if not lines:
        return None
    header_cells = _parse_lines(lines[:1], delimiter, len(header))
    if header_cells is None or list(header_cells[lines[0]]) != header:
        return None
    body = lines[1:]
    cells = _parse_lines(dict.fromkeys(body), delimiter, len(header))
    return None if cells is None else _CsvLines(body, cells, delimiter)


def _read_csv(path: Path) -> tuple[Sequence[tuple[Any, ...]], tuple[str, ...]]:
    text = _decode(path.read_bytes(), str(path))
    first = text.split("\n", 1)[0]
    # A spreadsheet saved in a comma-decimal locale uses ";"; a .tsv uses tabs.
    delimiter = "\t" if path.suffix.lower() == ".tsv" else max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise BadInput(f"{str(path)!r} is empty; give a CSV with a header row (a,b,claim) and one pair a row") from None
    columns = tuple(h.strip() for h in header)
    if len(set(columns)) != len(columns):
        dupes = sorted({c for c in columns if columns.count(c) > 1})
        raise BadInput(f"{str(path)!r} has duplicate columns {', '.join(map(repr, dupes))}; give each column its own name")
    width = len(columns)
    whole_lines = _whole_line_records(text, delimiter, header)
    if whole_lines is not None:
        return whole_lines, columns
    try:
        records: list[tuple[Any, ...]] = list(map(tuple, reader))  # C speed for a million rows
    except csv.Error as exc:
        raise BadInput(f"{str(path)!r} is not valid CSV at line {reader.line_num}: {exc}") from None
    if any(len(cells) != width for cells in records):
        fixed = []
        for number, cells in enumerate(records, 1):
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue  # a blank line
            if len(cells) > width:
                raise BadInput(
                    f"{str(path)!r} row {number} has {len(cells)} cells but the header names {width} columns; "
                    "quote cells that contain the separator"
                )
            fixed.append(cells + ("",) * (width - len(cells)))  # spreadsheets drop trailing empty cells
        records = fixed
    return records, columns


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    text = _decode(path.read_bytes(), str(path))
    records = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{str(path)!r} line {number} is not JSON ({exc.msg} at column {exc.colno}); "
                           "give one JSON object a line") from None
        if not isinstance(value, dict):
            raise BadInput(f"{str(path)!r} line {number} is a JSON {type(value).__name__}, not an object; "
                           'give objects like {"a": "Najin", "b": "Dunay", "claim": "180 km"}')
        records.append(value)
    if not records:
        raise BadInput(f"{str(path)!r} has no rows; give one JSON object a line")
    return records


def _columns_of(records: Iterable[Mapping[str, Any]], skip: tuple[str, ...] = ()) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for record in records:
        for name in record:
            if name not in skip:
                seen.setdefault(name, None)
    return tuple(seen)


def _article_files(folder: Path) -> list[Path]:
    return sorted(
        (p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
         and not any(part.startswith(".") for part in p.relative_to(folder).parts)),
        key=lambda p: p.as_posix(),
    )


def read_batch_input(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    a_column: str = "a",
    b_column: str = "b",
    claim_column: str = "claim",
) -> BatchInput:
    """Read a batch's input (see the module docstring for the forms it takes).

    Raises :class:`~geo.errors.BadInput` for anything that makes the whole input unusable: a
    missing or unreadable file, a CSV without the ``a``/``b`` columns, a line of JSONL that is
    not an object, a glob that matches no article.
    """
    items = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    if not items:
        raise BadInput("no input given; give a CSV or JSONL of pairs, or a folder, glob or files of articles")
    paths = [str(p) for p in items]
    if len(paths) == 1:
        path = Path(paths[0])
        suffix = path.suffix.lower()
        if path.is_file() and suffix in (".csv", ".tsv", ".jsonl", ".ndjson", ".json"):
            records: list[Any]
            if suffix in (".csv", ".tsv"):
                records, columns = _read_csv(path)
            else:
                objects = _read_jsonl(path)
                first = objects[0]
                if ("text" in first or "path" in first) and a_column not in first:
                    return BatchInput("articles", objects, _columns_of(objects, skip=("text",)), str(path),
                                      base_dir=str(path.parent))
                columns = _columns_of(objects)
                records = [tuple(o.get(c) for c in columns) for o in objects]
            missing = [c for c in (a_column, b_column) if c not in columns]
            if missing:
                raise BadInput(
                    f"{str(path)!r} has no column {' or '.join(map(repr, missing))} (its columns: "
                    f"{', '.join(map(repr, columns)) or 'none'}); name the places' columns a and b, "
                    "or say which they are with --a-column/--b-column"
                )
            claim = claim_column if claim_column in columns else None
            if claim is None and claim_column != "claim":
                raise BadInput(f"{str(path)!r} has no column {claim_column!r} (its columns: "
                               f"{', '.join(map(repr, columns))}); check --claim-column")
            return BatchInput("pairs", records, columns, str(path), a_column, b_column, claim, str(path.parent))
    files: list[str] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found = _article_files(path)
            if not found:
                raise BadInput(f"folder {item!r} holds no articles ({', '.join(ARTICLE_SUFFIXES)} files)")
            files += [str(p) for p in found]
        elif path.is_file():
            if path.suffix.lower() in (".csv", ".tsv", ".jsonl", ".ndjson", ".json"):
                raise BadInput(f"{item!r} is a table of pairs; give it alone, not with other inputs")
            files.append(item)
        elif any(ch in item for ch in "*?["):
            matched = sorted((m for m in globlib.glob(item, recursive=True)
                              if Path(m).is_file() and Path(m).suffix.lower() in ARTICLE_SUFFIXES),
                             key=lambda m: Path(m).as_posix())
            if not matched:
                raise BadInput(f"the pattern {item!r} matches no article files ({', '.join(ARTICLE_SUFFIXES)})")
            files += matched
        else:
            raise BadInput(f"no such file or folder: {item!r}")
    return BatchInput("articles", [{"path": f} for f in files], ("path",), ", ".join(paths))


# --------------------------------------------------------------------------------------------
# Row keys
# --------------------------------------------------------------------------------------------


# Compact, unambiguous JSON for hashing (C-accelerated; anything not JSON as its str()).
_KEY_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)


@functools.lru_cache(maxsize=64)
def _key_seed(measure: str, avoid: tuple[str, ...], file_digest: str | None = None) -> Any:
    return hashlib.blake2b(_KEY_JSON.encode(["shiproute-batch-1", measure, list(avoid), file_digest]).encode("utf-8"),
                           digest_size=6)


def _file_digest(path: Path) -> str:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest()
    except OSError:
        return "unreadable"


def row_key(number: int, record: Sequence[Any] | Mapping[str, Any], *, measure: str,
            avoid: Sequence[str] = (), base_dir: str = ".", article: bool = False) -> str:
    """A row's identity in the output: ``"<number>-<12 hex digits>"``.

    The digits are a BLAKE2b hash of the input row (the ``repr`` of its cells), the options that change results (``measure``, ``avoid``) and, for an article read
    from a file, the file's bytes: resuming into an output made from another input or with
    other options is refused.
    """
    digest = None
    if article and isinstance(record, Mapping) and "text" not in record and record.get("path") is not None:
        digest = _file_digest(Path(base_dir, str(record["path"])))
    hasher = _key_seed(measure, tuple(avoid), digest).copy()
    # repr of the cells (strings, numbers, None, JSON lists and objects) is exact and
    # unambiguous, and ten times cheaper than JSON.
    hasher.update(repr(dict(record) if isinstance(record, Mapping) else tuple(record)).encode("utf-8"))
    return f"{number}-{hasher.hexdigest()}"


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
    from geo.claims import parse_claim

    try:
        return parse_claim(text)
    except ShiprouteError as exc:
        return exc


def _partner_bonus_max(with_distance: bool) -> float:
    """The most a partner place can add to a candidate's score in :func:`geo.places.resolve`:
    with an expected distance (a claim) the distance-fit bonus, else the proximity bonus. A name
    whose best candidate leads the next by more than that resolves to the same place whatever
    its partner is, so its pair needs no context-aware resolution."""
    from geo import places

    return places.DISTANCE_FIT_BONUS if with_distance else places.PROXIMITY_BONUS


@functools.lru_cache(maxsize=65536)
def _name(text: str) -> Any:
    """``(place, lead, ambiguous)`` for a name resolved without context (``lead``: how far its
    best candidate's score is ahead of the next one's), or the error it raised."""
    from geo.pair import endpoint_context
    from geo.places import resolve

    try:
        res = resolve(text, endpoint_context())
    except Exception as exc:  # noqa: BLE001 - the row's error, raised in check_pair's order
        return exc
    cands = res.candidates
    lead = math.inf if len(cands) == 1 else cands[0].score - cands[1].score
    return res.best, lead, res.ambiguous


@functools.lru_cache(maxsize=65536)
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
    from geo.places import resolve

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
                    verdict = judge(claim, measures, extent_km=place_a.extent_km + place_b.extent_km,
                                    a_name=triples[i][0], b_name=triples[i][1])
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
            from geo.searoute import sea_route

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
    by_triple = dict(zip(unique, computed))
    outs = []
    for t in cleaned:
        result = by_triple[t] if isinstance(t, tuple) else t
        if isinstance(result, BaseException):
            outs.append(_Out("failed", error=_message(result)))
        else:
            outs.append(_Out(_status(result), check=result))
    return outs


def _article_outs(spec: _Spec, record: Mapping[str, Any]) -> list[_Out]:
    from geo.article import check_article, load_article, parse_article

    try:
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


def _flat_check(check: PairCheck | None) -> dict[str, Any]:
    if check is None:
        return dict.fromkeys(_RESULT_COLUMNS)
    d = check.to_dict()
    out: dict[str, Any] = {}
    for end in ("a", "b"):
        place = d[end]
        for name in ("name", "country", "lat", "lon", "kind", "source", "locode"):
            out[f"{end}_{name}"] = place[name]
    for name in ("geodesic_km", "initial_bearing_deg", "final_bearing_deg", "sea_km"):
        out[name] = d[name]
    sea = d.get("sea_route") or {}
    out["sea_passages"] = "; ".join(sea.get("passages", ())) or None
    out["sea_method"] = sea.get("method")
    claim = d["claim"] or {}
    for name in ("text", "low_km", "high_km", "sense", "unit"):
        out[f"claim_{name}"] = claim.get(name)
    judgement = d["judgement"] or {}
    out["verdict"] = d["verdict"]
    for name in ("basis", "measured_km", "accepted_low_km", "accepted_high_km", "deviation_km", "deviation_pct"):
        out[name] = judgement.get(name)
    out["explanation"] = d["explanation"]
    out["notes"] = "; ".join(judgement.get("notes", ())) or None
    return out


def _flat(out: _Out, kind: str) -> dict[str, Any]:
    """The row as ordered, typed columns (CSV cells, GeoJSON properties, DataFrame columns)."""
    row: dict[str, Any] = {"status": out.status, "error": out.error}
    if kind == "articles":
        art = out.article
        row["article_source"] = art.source if art else None
        row["article_title"] = art.title if art else None
        row["article_date"] = art.date if art else None
        row["claim_index"] = out.claim_index
        row["claim_count"] = out.claim_count
    row.update(_flat_check(out.check))
    if out.check is None and out.explanation:
        row["explanation"] = out.explanation
    if kind == "articles":
        row["quote"] = out.check.quote if out.check else None
    return row


def _nested(out: _Out, kind: str) -> dict[str, Any]:
    """The row as ``check --format json`` gives it (``article``'s claims for articles)."""
    row: dict[str, Any] = {"status": out.status, "error": out.error}
    if kind == "articles":
        row["article"] = out.article.to_dict() if out.article else None
        row["claim_index"] = out.claim_index
        row["claim_count"] = out.claim_count
    if out.check is not None:
        row.update(out.check.to_dict())
    else:
        row.update(_NULL_CHECK)
        if out.explanation:
            row["explanation"] = out.explanation
    return row


def _geometry(out: _Out) -> dict[str, Any] | None:
    """The route drawn: the sea route where one was measured, else the geodesic (RFC 7946)."""
    check = out.check
    if check is None:
        return None
    if check.measures.sea is not None:
        from geo.searoute import route_feature

        return route_feature(check.measures.sea)["geometry"]
    from geo.geodesy import path_feature

    return path_feature(check.a, check.b)["geometry"]


def _csv_field(value: Any) -> str:
    """One CSV cell as the csv module writes it with minimal quoting (``\\n`` ends a record)."""
    if value is None:
        return ""
    text = repr(value) if isinstance(value, float) else value if isinstance(value, str) else str(value)
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_record(cells: Iterable[Any]) -> str:
    return ",".join(map(_csv_field, cells)) + "\n"


_JSON = json.JSONEncoder(ensure_ascii=False, allow_nan=False)
_json_string = json.encoder.encode_basestring  # C-accelerated, keeps UTF-8 as is


def _dumps(value: Any) -> str:
    return _JSON.encode(value)


def _json_value(value: Any) -> str:
    return _json_string(value) if isinstance(value, str) else _JSON.encode(value)


def _result_part(spec: _Spec, out: _Out) -> Any:
    """The part of a line that depends only on the result (cached per distinct pair)."""
    if spec.fmt == "csv":
        return _csv_record(_flat(out, spec.kind).values())  # ends with "\n"
    if spec.fmt == "jsonl":
        return _dumps(_nested(out, spec.kind))[1:] + "\n"  # '"status": ..., ...}\n'
    if spec.fmt == "geojson":
        return _dumps(_flat(out, spec.kind))[1:] + ', "geometry": ' + _dumps(_geometry(out)) + "}\n"
    return _flat(out, spec.kind), _geometry(out)


def _pair_prefix(spec: _Spec, number: int, key: str, cells: Sequence[Any]) -> str:
    """The start of a pair row's line, up to its result part: number, key, carried cells."""
    if spec.fmt == "csv":
        return f"{number},{key}," + ",".join(map(_csv_field, cells)) + ","
    if spec.fmt == "jsonl":
        carried = ", ".join(f"{_json_string(name)}: {_json_value(value)}" for (name, _), value in zip(spec.carried, cells))
        return f'{{"row": {number}, "key": "{key}", "input": {{{carried}}}, '
    carried = "".join(f", {_json_string(new)}: {_json_value(value)}" for (_, new), value in zip(spec.carried, cells))
    return f'{{"type": "Feature", "properties": {{"row": {number}, "key": "{key}"{carried}, '


def _article_prefix(spec: _Spec, number: int, key: str, record: Mapping[str, Any]) -> str:
    if spec.fmt == "jsonl":
        carried = {name: record[name] for name, _ in spec.carried if name in record}
        return f'{{"row": {number}, "key": "{key}", "input": {_dumps(carried)}, '
    return _pair_prefix(spec, number, key, [record.get(name) for name, _ in spec.carried])


# Results of distinct pairs, per worker process and options: a table with a few pairs repeated
# over a million rows checks and formats each pair once. Cleared when full (cheap to redo).
_PART_CACHE: dict[_Spec, dict[Any, tuple[Any, str]]] = {}
_PART_CACHE_MAX = 100_000


@dataclass(frozen=True)
class _ChunkResult:
    """What a worker sends back for one task: the text of its lines (files) or its rows'
    columns and geometries (records), and how many output rows had each status."""

    rows: int
    data: bytes  # UTF-8, encoded in the worker: the main process only writes it
    counts: dict[str, int]
    records: list[tuple[dict[str, Any], Any]] | None = None
    # Rows of repeated CSV lines, sent compact (see _run_line_chunk): the distinct line tails,
    # which one each row has, the first row's number and the numbers' format. A chunk of a
    # table that repeats a few rows is then a small message, not every byte of its lines.
    tails: tuple[bytes, ...] = ()
    tail_of_row: bytes = b""  # array("I") of indexes into tails, as bytes
    first: int = 0
    numbered: bytes = b""

    def output(self) -> bytes:
        """The chunk's lines (UTF-8), put together here when they came compact."""
        if not self.tails:
            return self.data
        import array

        which = array.array("I")
        which.frombytes(self.tail_of_row)
        pieces: list[bytes] = [b""] * (2 * self.rows)
        # C-speed list building: the two numbers of each row, then the rest of its line.
        numbered = self.numbered
        pieces[0::2] = [numbered % (number, number) for number in range(self.first, self.first + self.rows)]
        pieces[1::2] = map(self.tails.__getitem__, which)
        return b"".join(pieces)


def _triple_keys(spec: _Spec, chunk: Sequence[Sequence[Any]]) -> tuple[list[Any], dict[Any, tuple]]:
    """Each row's cache key (its a, b and claim cells) and the (a, b, claim) of each distinct key."""
    pick = (operator.itemgetter(spec.a_index, spec.b_index, spec.claim_index) if spec.claim_index is not None
            else operator.itemgetter(spec.a_index, spec.b_index))
    keys = list(map(pick, chunk))  # C speed: this runs for every row of a big table
    try:
        distinct = dict.fromkeys(keys)
    except TypeError:  # a JSON list or object in a cell: compare it by its text
        triples = {}
        for i, key in enumerate(keys):
            if not _hashable(key):
                keys[i] = _KEY_JSON.encode(key)
            triples.setdefault(keys[i], key if len(key) == 3 else (*key, None))
        return keys, triples
    if spec.claim_index is not None:
        return keys, {key: key for key in distinct}
    return keys, {key: (*key, None) for key in distinct}


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _result_parts(spec: _Spec, chunk: Sequence[Sequence[Any]]) -> tuple[list[Any], dict[Any, tuple[Any, str]]]:
    """Each row's cache key and the cache that holds, for every key, the row's result part
    (UTF-8, or the columns and geometry for records) and status; computes the missing ones."""
    cache = _PART_CACHE.setdefault(spec, {})
    if len(cache) > _PART_CACHE_MAX:
        cache.clear()
    keys, triples = _triple_keys(spec, chunk)
    todo = [key for key in triples if key not in cache]
    if todo:
        for key, out in zip(todo, _pair_outs(spec, [triples[k] for k in todo])):
            part = _result_part(spec, out)
            # Kept as UTF-8: a row's line is then its prefix and this, with no copy of the
            # result text per row.
            cache[key] = (part if spec.fmt == "records" else part.encode("utf-8"), out.status)
    return keys, cache


# How a line starts, around the row number that comes twice (``row``, then ``key`` which is
# "<row>-<digest>"): everything after that is the same for every repeat of an input line.
_NUMBERED_HEADS = {"csv": ("", ","), "jsonl": ('{"row": ', ', "key": "'),
                   "geojson": ('{"type": "Feature", "properties": {"row": ', ', "key": "')}
# Per worker and options: an input line's text after the row numbers (UTF-8) and its status.
_LINE_CACHE: dict[_Spec, dict[str, tuple[bytes, str]]] = {}


def _run_line_chunk(spec: _Spec, first: int, lines: Sequence[str]) -> _ChunkResult:
    """:func:`_run_chunk` for rows given as CSV lines: each distinct line is parsed, keyed,
    checked and formatted once per worker; a row then costs its two numbers and a lookup.
    Same bytes as the rows' cells through :func:`_run_chunk`."""
    cache = _LINE_CACHE.setdefault(spec, {})
    if len(cache) > _PART_CACHE_MAX:
        cache.clear()
    new = [line for line in dict.fromkeys(lines) if line not in cache]
    if new:
        cells = _parse_lines(new, spec.line_delimiter or ",", len(spec.carried))
        if cells is None:  # _read_csv checked every line: this is a bug, not bad input
            raise RuntimeError("a CSV line of the batch is not one whole record")
        rows = [cells[line] for line in new]
        keys, parts = _result_parts(spec, rows)
        seed = _key_seed(spec.measure, tuple(spec.avoid), None)
        before, between = _NUMBERED_HEADS[spec.fmt]
        head = f"{before}0{between}0"
        for line, row, key in zip(new, rows, keys):
            hasher = seed.copy()
            hasher.update(repr(row).encode("utf-8"))  # the key of row_key: resume checks it
            prefix = _pair_prefix(spec, 0, f"0-{hasher.hexdigest()}", row)
            part, status = parts[key]
            cache[line] = (prefix[len(head):].encode("utf-8") + part, status)
    counts: dict[str, int] = {}
    for line, repeats in collections.Counter(lines).items():
        status = cache[line][1]
        counts[status] = counts.get(status, 0) + repeats
    import array

    distinct = list(dict.fromkeys(lines))
    position = {line: index for index, line in enumerate(distinct)}
    before, between = _NUMBERED_HEADS[spec.fmt]
    return _ChunkResult(len(lines), b"", counts, tails=tuple(cache[line][0] for line in distinct),
                        tail_of_row=array.array("I", map(position.__getitem__, lines)).tobytes(), first=first,
                        numbered=f"{before}%d{between}%d".encode("utf-8"))


def _run_chunk(task: tuple[_Spec, int, Sequence[Any]]) -> _ChunkResult:
    """The work of one task (runs in a worker): rows ``first``, ``first + 1``, ... checked and
    formatted, in order."""
    spec, first, chunk = task
    records_mode = spec.fmt == "records"
    lines: list[Any] = []
    counts: dict[str, int] = {}
    if spec.kind == "pairs" and spec.line_delimiter is not None:
        return _run_line_chunk(spec, first, chunk)
    if spec.kind == "pairs":
        keys, cache = _result_parts(spec, chunk)
        for key, repeats in collections.Counter(keys).items():
            status = cache[key][1]
            counts[status] = counts.get(status, 0) + repeats
        if records_mode:
            lines = [cache[key][0] for key in keys]
        else:
            # The hot loop of a big table: the row key and the row's own cells, then the
            # cached result. (row_key and _pair_line, inlined: same bytes, a third of the time.)
            seed = _key_seed(spec.measure, tuple(spec.avoid), None)
            csv_out = spec.fmt == "csv"
            text_cells = spec.text_cells
            width = len(spec.carried) - 1
            append = lines.append
            for number, key, cells in zip(itertools.count(first), keys, chunk):
                hasher = seed.copy()
                hasher.update(repr(cells).encode("utf-8"))
                if csv_out and (text_cells or all(type(c) is str for c in cells)):
                    joined = ",".join(cells)
                    if '"' in joined or "\n" in joined or "\r" in joined or joined.count(",") != width:
                        joined = ",".join(map(_csv_field, cells))
                    append(f"{number},{number}-{hasher.hexdigest()},{joined},".encode("utf-8"))
                else:
                    append(_pair_prefix(spec, number, f"{number}-{hasher.hexdigest()}", cells).encode("utf-8"))
                append(cache[key][0])
    else:
        for number, record in enumerate(chunk, first):
            row = row_key(number, record, measure=spec.measure, avoid=spec.avoid, base_dir=spec.base_dir, article=True)
            for out in _article_outs(spec, record):
                counts[out.status] = counts.get(out.status, 0) + 1
                part = _result_part(spec, out)
                lines.append(part if records_mode else (_article_prefix(spec, number, row, record) + part).encode("utf-8"))
    if records_mode:
        return _ChunkResult(len(chunk), b"", counts, lines)
    return _ChunkResult(len(chunk), b"".join(lines), counts)


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def output_format(output: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The output format: ``fmt`` when given, else from the extension of ``output``."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise BadInput(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")
        return fmt
    suffix = Path(str(output)).suffix.lower()
    by_suffix = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".geojson": "geojson"}
    if suffix not in by_suffix:
        raise BadInput(f"cannot tell the output format from {str(output)!r}; name it .csv, .jsonl or .geojson, "
                       "or give --format csv|jsonl|geojson")
    return by_suffix[suffix]


def _carried(columns: Sequence[str], kind: str) -> tuple[tuple[str, str], ...]:
    """The input's columns and their names in the output: a name the batch itself writes gets
    ``input_`` in front (``verdict`` from an earlier run becomes ``input_verdict``)."""
    taken = set(_LEAD_COLUMNS) | set(ARTICLE_COLUMNS if kind == "articles" else PAIR_COLUMNS)
    out = []
    for name in columns:
        new = name
        while new in taken:
            new = f"input_{new}"
        taken.add(new)
        out.append((name, new))
    return tuple(out)


def _header(spec: _Spec) -> str:
    if spec.fmt == "csv":
        result = ARTICLE_COLUMNS if spec.kind == "articles" else PAIR_COLUMNS
        return _csv_record([*_LEAD_COLUMNS, *(new for _, new in spec.carried), *result])
    if spec.fmt == "geojson":
        return _GEOJSON_OPEN
    return ""


@dataclass
class _Done:
    """What an existing output already holds, as found by :func:`_scan_output`."""

    rows: int = 0  # input rows complete
    statuses: list[str] = field(default_factory=list)
    keep_bytes: int = 0  # the file's length to keep
    features: int = 0  # GeoJSON features kept


def _split_lines(data: bytes, start: int) -> Iterator[tuple[bytes, int]]:
    """Complete lines of ``data`` from ``start`` with the offset just past each; a last line
    without its newline (a write cut short) is left out."""
    position = start
    while True:
        end = data.find(b"\n", position)
        if end < 0:
            return
        yield data[position:end + 1], end + 1
        position = end + 1


def _scan_records(data: bytes, start: int, fmt: str, columns: Sequence[str]) -> Iterator[tuple[dict[str, Any], int]]:
    """The rows of an existing output with the offset just past each; stops at the first one
    that cannot be read (a cut-off last row)."""
    if fmt == "csv":
        offsets: list[int] = []

        def feed() -> Iterator[str]:
            for line, end in _split_lines(data, start):
                offsets.append(end)
                yield line.decode("utf-8", errors="replace")

        try:
            # strict: a record cut inside a quoted cell (a multi-line carried cell) is an error,
            # not a shorter cell.
            for cells in csv.reader(feed(), strict=True):
                if len(cells) != len(columns):
                    return
                yield dict(zip(columns, cells)), offsets[-1]
        except csv.Error:
            return
        return
    for line, end in _split_lines(data, start):
        text = line.decode("utf-8", errors="replace").strip()
        if fmt == "geojson":
            if text == _GEOJSON_CLOSE.strip():
                return
            text = text[1:] if text.startswith(",") else text
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            return
        if not isinstance(value, dict):
            return
        yield (value.get("properties") or {} if fmt == "geojson" else value), end


def _scan_output(path: Path, spec: _Spec, data_input: BatchInput) -> _Done:
    """Check that ``path`` was written by this batch (same input, options and format) and find
    how many input rows it already holds complete."""
    data = path.read_bytes()
    header = _header(spec).encode("utf-8")
    if not data.strip() or (len(data) < len(header) and header.startswith(data)):
        return _Done()  # nothing, or a header cut short: start afresh
    if header and not data.startswith(header):
        raise BadInput(
            f"cannot resume into {str(path)!r}: its first line is not what this batch writes (another input, "
            "format or version of shiproute made it); remove it or write to another file"
        )
    columns = [*_LEAD_COLUMNS, *(new for _, new in spec.carried),
               *(ARTICLE_COLUMNS if spec.kind == "articles" else PAIR_COLUMNS)]
    done = _Done(keep_bytes=len(header))
    group: list[dict[str, Any]] = []
    for record, end in _scan_records(data, len(header), spec.fmt, columns):
        number = done.rows + 1
        if number > len(data_input.records):
            raise BadInput(f"cannot resume into {str(path)!r}: it holds more rows than the input has; "
                           "remove it or write to another file")
        expected = row_key(number, data_input.records[number - 1], measure=spec.measure, avoid=spec.avoid,
                           base_dir=data_input.base_dir, article=spec.kind == "articles")
        key = str(record.get("key"))
        if key != expected:
            raise BadInput(
                f"cannot resume into {str(path)!r}: its row {number} has key {key!r} but this input's row {number} "
                f"is {expected!r} (another input or other options made it); remove it or write to another file"
            )
        group.append(record)
        try:
            size = max(1, int(group[0].get("claim_count") or 0)) if spec.kind == "articles" else 1
        except ValueError:
            break
        if len(group) == size:
            done.rows += 1
            done.statuses += [str(r.get("status")) for r in group]
            done.keep_bytes = end
            done.features += len(group)
            group = []
    return done


class _Sink:
    """The output file: whole lines appended in order, flushed at once, fsynced now and then."""

    def __init__(self, output: str, spec: _Spec, data_input: BatchInput, *, resume: bool) -> None:
        self.spec = spec
        self.done = _Done()
        self._last_sync = time.monotonic()
        if output == "-":
            if resume:
                raise BadInput("--resume needs an output file, not standard output")
            self.fd = -1
            self._is_file = False
            sys.stdout.flush()
            self._stream = sys.stdout.buffer
        else:
            path = Path(output)
            if path.is_dir():
                raise BadInput(f"the output {output!r} is a folder; give a file name (.csv, .jsonl or .geojson)")
            if not path.parent.is_dir():
                raise BadInput(f"cannot write {output!r}: folder {str(path.parent)!r} does not exist; create it first")
            if resume and path.exists():
                self.done = _scan_output(path, spec, data_input)
            self.fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
            self._is_file = True
            os.ftruncate(self.fd, self.done.keep_bytes)
            os.lseek(self.fd, 0, os.SEEK_END)
        self._features = self.done.features
        if self.done.keep_bytes == 0:
            self._write(_header(spec).encode("utf-8"))

    def _write(self, payload: bytes) -> None:
        if not self._is_file:
            self._stream.write(payload)
            self._stream.flush()
            return
        view = memoryview(payload)
        while view:
            written = os.write(self.fd, view)
            view = view[written:]

    def write(self, data: bytes) -> None:
        """Append whole lines (UTF-8)."""
        if self.spec.fmt == "geojson" and data:
            # One feature a line; every one but the first starts with the comma that separates it.
            lines = data[:-1].split(b"\n")
            data = b"".join((b"," if self._features + i else b"") + line + b"\n" for i, line in enumerate(lines))
            self._features += len(lines)
        self._write(data)
        if self._is_file and time.monotonic() - self._last_sync >= FSYNC_INTERVAL_S:
            os.fsync(self.fd)
            self._last_sync = time.monotonic()

    def finish(self) -> None:
        if self.spec.fmt == "geojson":
            self._write(_GEOJSON_CLOSE.encode("utf-8"))
        if self._is_file:
            os.fsync(self.fd)

    def close(self) -> None:
        if self._is_file:
            os.close(self.fd)


# --------------------------------------------------------------------------------------------
# Running a batch
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchSummary:
    """What a batch did: counts of rows by status, and how many came from a resumed file."""

    kind: str
    inputs: int  # input rows (pairs or articles)
    counts: Mapping[str, int]  # output rows by status (STATUSES)
    resumed: int  # input rows already in the output before this run
    elapsed_s: float
    output: str
    engine: str
    workers: int

    @property
    def exit_code(self) -> int:
        """0: every row ran and every claim holds; 1: a claim refuted or ambiguous, or a row failed."""
        bad = sum(self.counts.get(s, 0) for s in ("refuted", "ambiguous", "failed"))
        return 1 if bad else 0

    def text(self) -> str:
        """One line for people, e.g. ``500 pairs in 1.2 s: 320 supported, ...; wrote out.csv``."""
        what = "articles" if self.kind == "articles" else "pairs"
        if self.inputs == 1:
            what = what[:-1]
        parts = [f"{self.counts.get(s, 0)} {s}" for s in ("supported", "refuted", "ambiguous")]
        if self.counts.get("measured"):
            parts.append(f"{self.counts['measured']} measured (no claim)")
        if self.kind == "articles":
            parts.append(f"{self.counts.get('no claims', 0)} with no claims")
        parts.append(f"{self.counts.get('failed', 0)} failed")
        resumed = f", {self.resumed} of them resumed from the output" if self.resumed else ""
        where = "standard output" if self.output == "-" else self.output
        claims = ""
        if self.kind == "articles":
            n = sum(self.counts.get(s, 0) for s in ("supported", "refuted", "ambiguous"))
            claims = f" ({n} claims)"
        return (f"{self.inputs} {what}{claims}{resumed} in {self.elapsed_s:.1f} s: {', '.join(parts)}; "
                f"wrote {where}")


def _spec_for(data_input: BatchInput, fmt: str, measure: str, avoid: tuple[str, ...]) -> _Spec:
    columns = data_input.columns
    if data_input.kind == "articles":
        return _Spec(kind="articles", fmt=fmt, measure=measure, avoid=avoid, carried=_carried(columns, "articles"),
                     base_dir=data_input.base_dir)
    claim = data_input.claim_column
    return _Spec(kind="pairs", fmt=fmt, measure=measure, avoid=avoid, carried=_carried(columns, "pairs"),
                 a_index=columns.index(data_input.a_column), b_index=columns.index(data_input.b_column),
                 claim_index=columns.index(claim) if claim is not None and claim in columns else None,
                 base_dir=data_input.base_dir, a_column=data_input.a_column, b_column=data_input.b_column,
                 text_cells=Path(data_input.source).suffix.lower() in (".csv", ".tsv"),
                 line_delimiter=data_input.records.delimiter if isinstance(data_input.records, _CsvLines) and
                 fmt in ("csv", "jsonl", "geojson") else None)


def _chunk_size(kind: str, measure: str, rows: int, workers: int, *, lines: bool = False) -> int:
    if kind == "articles":
        return 1 if measure != "geodesic" else 4
    if measure != "geodesic":
        return 1  # a sea route takes from 0.03 s to seconds: spread them one by one
    # Enough tasks to keep every worker busy and the progress bar moving, big enough that
    # the vectorized geodesic and the transfer costs stay small per row.
    # Rows given as CSV lines cost a lookup each and travel compact (one copy of each distinct
    # line a chunk): bigger chunks mean fewer copies.
    return max(64, min(32768 if lines else 4096, math.ceil(rows / (workers * 8))))


def _tasks(spec: _Spec, records: Sequence[Any], start: int, size: int) -> Iterator[tuple[_Spec, int, Sequence[Any]]]:
    """Tasks of ``size`` rows from row index ``start``: (spec, number of the first row, rows)."""
    rows = records.lines if spec.line_delimiter is not None and isinstance(records, _CsvLines) else records
    for first in range(start, len(rows), size):
        yield spec, first + 1, rows[first:first + size]


def _check_options(measure: str, avoid: Sequence[str], engine: str = "local", scheduler: str | None = None,
                   workers: int | None = None) -> tuple[str, ...]:
    """Refuse unusable options before any work or any write."""
    from geo.engines import ENGINES

    if engine not in ENGINES:
        raise BadInput(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise BadInput("--scheduler is for --engine dask; leave it out with --engine local")
    if workers is not None and workers < 1:
        raise BadInput(f"--workers must be at least 1, not {workers!r}")
    if measure not in MEASURES:
        raise BadInput(f"unknown measure {measure!r}; use one of {', '.join(MEASURES)}")
    avoid = tuple(avoid)
    if avoid:
        from geo.searoute import _passage_key

        for name in avoid:
            _passage_key(name)  # raises BadInput for an unknown passage, before any work
    return avoid


def run_batch(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    measure: str = "both",
    avoid: Sequence[str] = (),
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    resume: bool = False,
    progress: bool = False,
    a_column: str = "a",
    b_column: str = "b",
    claim_column: str = "claim",
    chunk_size: int | None = None,
) -> BatchSummary:
    """Check every row of ``inputs`` and write the rows to ``output`` (``"-"``: standard output).

    ``fmt`` is csv, jsonl or geojson (default: from the output's extension); ``measure`` one of
    :data:`MEASURES`; ``avoid`` passages sea routes keep out of; ``engine`` ``local`` (a process
    pool of ``workers``, default the usable cores) or ``dask`` (``scheduler`` an address, or a
    LocalCluster of ``workers``); ``resume`` keeps the rows already in ``output``; ``progress``
    shows a bar with rate and ETA on standard error. Returns a :class:`BatchSummary`; raises
    :class:`~geo.errors.BadInput` for unusable input or options, before writing anything.
    """
    from geo.engines import default_workers, make_engine

    started = time.perf_counter()
    avoid = _check_options(measure, avoid, engine, scheduler, workers)
    out_name = str(output)
    out_format = output_format(out_name, fmt) if out_name != "-" or fmt else "csv"
    data_input = read_batch_input(inputs, a_column=a_column, b_column=b_column, claim_column=claim_column)
    spec = _spec_for(data_input, out_format, measure, avoid)
    sink = _Sink(out_name, spec, data_input, resume=resume)
    counts = dict.fromkeys(STATUSES, 0)
    for status in sink.done.statuses:
        counts[status] = counts.get(status, 0) + 1
    start = sink.done.rows
    total = len(data_input.records)
    planned = workers or (default_workers() if engine == "local" else 2)
    size = chunk_size or _chunk_size(data_input.kind, measure, total - start, planned,
                                     lines=spec.line_delimiter is not None)
    n_tasks = math.ceil((total - start) / size) if total > start else 0
    bar = None
    try:
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=total, initial=start, unit=" articles" if data_input.kind == "articles" else " pairs",
                       file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
        used_workers = 0
        if n_tasks:
            with make_engine(engine, workers=workers, scheduler=scheduler, tasks=n_tasks) as eng:
                used_workers = eng.workers
                for result in eng.map_ordered(_run_chunk, _tasks(spec, data_input.records, start, size)):
                    sink.write(result.output())
                    for status, count in result.counts.items():
                        counts[status] = counts.get(status, 0) + count
                    if bar is not None:
                        bar.update(result.rows)
        sink.finish()
    finally:
        if bar is not None:
            bar.close()
        sink.close()
    return BatchSummary(kind=data_input.kind, inputs=total, counts=counts, resumed=start,
                        elapsed_s=time.perf_counter() - started, output=out_name, engine=engine,
                        workers=used_workers or 1)


# --------------------------------------------------------------------------------------------
# The library entry point for notebooks
# --------------------------------------------------------------------------------------------


def check_pairs(
    frame: pandas.DataFrame,
    *,
    measure: str = "both",
    avoid: Sequence[str] = (),
    engine: str = "local",
    workers: int | None = 1,
    scheduler: str | None = None,
) -> geopandas.GeoDataFrame:
    """Check every row of ``frame`` (columns ``a``, ``b`` and optionally ``claim``).

    Returns a GeoDataFrame with ``frame``'s index and columns (a name the result also uses gets
    ``input_`` in front), then :data:`PAIR_COLUMNS` (lengths in km, bearings in degrees), and a
    ``geometry`` column in EPSG:4326: the sea route where one was measured, else the geodesic,
    cut at ±180 as in GeoJSON; ``None`` for failed rows. Rows are the same as
    ``shiproute batch`` writes; a failed row has ``status == "failed"`` and its ``error``.
    ``workers`` defaults to 1 (this process); more start a pool, worth it for sea routes.
    """
    import geopandas
    import pandas
    from shapely.geometry import shape

    from geo.engines import make_engine

    avoid = _check_options(measure, avoid, engine, scheduler, workers)
    if not isinstance(frame, pandas.DataFrame):
        raise BadInput(f"check_pairs needs a pandas DataFrame with columns a, b (and claim), not {type(frame).__name__}")
    missing = [c for c in ("a", "b") if c not in frame.columns]
    if missing:
        raise BadInput(f"the frame has no column {' or '.join(map(repr, missing))} (its columns: "
                       f"{', '.join(map(repr, map(str, frame.columns)))}); name the places' columns a and b")
    geometry_name = getattr(frame, "_geometry_column_name", None) if isinstance(frame, geopandas.GeoDataFrame) else None
    base = frame.drop(columns=geometry_name) if geometry_name in frame.columns else frame
    names = [str(c) for c in base.columns]
    records = list(base.itertuples(index=False, name=None))
    data_input = BatchInput("pairs", records, tuple(names), "<DataFrame>",
                            claim_column="claim" if "claim" in names else None)
    spec = _spec_for(data_input, "records", measure, avoid)
    size = _chunk_size("pairs", measure, len(records), workers or 1)
    rows: list[dict[str, Any]] = []
    geoms: list[Any] = []
    n_tasks = math.ceil(len(records) / size) if records else 0
    if n_tasks:
        with make_engine(engine, workers=workers, scheduler=scheduler, tasks=n_tasks) as eng:
            for result in eng.map_ordered(_run_chunk, _tasks(spec, records, 0, size)):
                for columns, geometry in result.records or ():
                    rows.append(columns)
                    geoms.append(shape(geometry) if geometry is not None else None)
    renamed = dict(_carried(names, "pairs"))
    result = pandas.DataFrame(rows, index=frame.index, columns=list(PAIR_COLUMNS))
    carried = base.rename(columns={old: new for old, new in zip(base.columns, (renamed[n] for n in names))})
    combined = pandas.concat([carried, result], axis=1)
    return geopandas.GeoDataFrame(combined, geometry=geopandas.GeoSeries(geoms, index=frame.index, crs="EPSG:4326"),
                                  crs="EPSG:4326")
