"""Running a batch."""


from __future__ import annotations

import collections
import functools
import itertools
import math
import operator
import os
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.batch.constants import MEASURES, PAIR_COLUMNS, STATUSES
from geo.batch.readers import _KEY_JSON, BatchInput, _CsvLines, _key_seed, _parse_lines, read_batch_input, row_key
from geo.batch.rows import _article_outs, _pair_outs, _Spec
from geo.batch.writers import (
    _article_prefix,
    _carried,
    _csv_field,
    _pair_prefix,
    _result_part,
    _Sink,
    check_not_input,
    output_format,
)
from geo.errors import BadInput

if TYPE_CHECKING:  # heavy: only for annotations
    import geopandas
    import pandas


__all__ = ["BatchSummary", "check_pairs", "run_batch"]

# Results of distinct pairs, per worker process and options: a table with a few pairs repeated
# over a million rows checks and formats each pair once. Bounded by the bytes they hold, not by
# their count (a GeoJSON sea route is a thousand times a CSV row), and cleared when full: cheap
# to redo, and a worker's memory stays the same whatever the input's size.
_CACHE_BUDGET_BYTES = 4 * 1024 * 1024
_RECORD_SIZE = 2048  # a row's columns and geometry as Python objects (check_pairs), roughly


@functools.cache
def _malloc_trim() -> Any:
    """glibc's ``malloc_trim``, looked up once per process (``find_library`` runs ``ldconfig``);
    None where the C library has none."""
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to do
        return None


def _give_back_memory() -> None:
    """Hand the heap's free pages back to the OS (glibc keeps them otherwise): a worker's
    resident memory then stays near what it holds, not what it once held."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


class _BoundedCache(dict):
    """A dict that forgets everything when the values put in it pass ``budget`` bytes."""

    def __init__(self, budget: int | None = None) -> None:
        super().__init__()
        self.budget = budget or _CACHE_BUDGET_BYTES
        self.used = 0

    def put(self, key: Any, value: tuple[Any, str]) -> None:
        size = len(value[0]) if isinstance(value[0], bytes) else _RECORD_SIZE
        if self.used + size > self.budget:
            self.clear()
            self.used = 0
            _give_back_memory()
        self[key] = value
        self.used += size + 100  # the key and the entry


_PART_CACHE: dict[_Spec, _BoundedCache] = {}


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
        triples: dict[Any, tuple] = {}
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
    cache = _PART_CACHE.setdefault(spec, _BoundedCache())
    keys, triples = _triple_keys(spec, chunk)
    todo = [key for key in triples if key not in cache]
    if todo:
        chunk_parts: dict[Any, tuple[Any, str]] = {key: cache[key] for key in triples if key in cache}
        for key, out in zip(todo, _pair_outs(spec, [triples[k] for k in todo]), strict=True):
            part = _result_part(spec, out)
            # Kept as UTF-8: a row's line is then its prefix and this, with no copy of the
            # result text per row.
            chunk_parts[key] = (part if spec.fmt == "records" else part.encode("utf-8"), out.status)
            cache.put(key, chunk_parts[key])
        return keys, chunk_parts  # complete for this chunk even if the cache was cleared meanwhile
    return keys, cache


# How a line starts, around the row number that comes twice (``row``, then ``key`` which is
# "<row>-<digest>"): everything after that is the same for every repeat of an input line.
_NUMBERED_HEADS = {"csv": ("", ","), "jsonl": ('{"row": ', ', "key": "'),
                   "geojson": ('{"type": "Feature", "properties": {"row": ', ', "key": "')}
# Per worker and options: an input line's text after the row numbers (UTF-8) and its status.
_LINE_CACHE: dict[_Spec, _BoundedCache] = {}


def _run_line_chunk(spec: _Spec, first: int, lines: Sequence[str]) -> _ChunkResult:
    """:func:`_run_chunk` for rows given as CSV lines: each distinct line is parsed, keyed,
    checked and formatted once per worker; a row then costs its two numbers and a lookup.
    Same bytes as the rows' cells through :func:`_run_chunk`."""
    shared = _LINE_CACHE.setdefault(spec, _BoundedCache())
    cache = {line: shared[line] for line in dict.fromkeys(lines) if line in shared}  # this chunk's lines
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
        for line, row, key in zip(new, rows, keys, strict=True):
            hasher = seed.copy()
            hasher.update(repr(row).encode("utf-8"))  # the key of row_key: resume checks it
            prefix = _pair_prefix(spec, 0, f"0-{hasher.hexdigest()}", row)
            part, status = parts[key]
            cache[line] = (prefix[len(head):].encode("utf-8") + part, status)
            shared.put(line, cache[line])
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
                        numbered=f"{before}%d{between}%d".encode())


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
                    append(f"{number},{number}-{hasher.hexdigest()},{joined},".encode())
                else:
                    append(_pair_prefix(spec, number, f"{number}-{hasher.hexdigest()}", cells).encode("utf-8"))
                append(cache[key][0])
    else:
        for number, record in enumerate(chunk, first):
            row = row_key(number, record, measure=spec.measure, avoid=spec.avoid, base_dir=spec.base_dir, article=True)
            for out in _article_outs(spec, record):
                counts[out.status] = counts.get(out.status, 0) + 1
                part = _result_part(spec, out)
                lines.append(part if records_mode
                             else (_article_prefix(spec, number, row, record) + part).encode("utf-8"))
    if records_mode:
        return _ChunkResult(len(chunk), b"", counts, lines)
    return _ChunkResult(len(chunk), b"".join(lines), counts)
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


def _spec_for(data_input: BatchInput, fmt: str, measure: str, avoid: tuple[str, ...],
              densify_km: float | None = None) -> _Spec:
    columns = data_input.columns
    if data_input.kind == "articles":
        return _Spec(kind="articles", fmt=fmt, measure=measure, avoid=avoid, carried=_carried(columns, "articles"),
                     base_dir=data_input.base_dir, densify_km=densify_km)
    claim = data_input.claim_column
    return _Spec(kind="pairs", fmt=fmt, measure=measure, avoid=avoid, carried=_carried(columns, "pairs"),
                 a_index=columns.index(data_input.a_column), b_index=columns.index(data_input.b_column),
                 claim_index=columns.index(claim) if claim is not None and claim in columns else None,
                 base_dir=data_input.base_dir, a_column=data_input.a_column, b_column=data_input.b_column,
                 text_cells=Path(data_input.source).suffix.lower() in (".csv", ".tsv"),
                 line_delimiter=data_input.records.delimiter if isinstance(data_input.records, _CsvLines) and
                 fmt in ("csv", "jsonl", "geojson") else None, densify_km=densify_km)


def _chunk_size(kind: str, measure: str, rows: int, workers: int) -> int:
    if kind == "articles":
        return 1 if measure != "geodesic" else 4
    if measure != "geodesic":
        return 1  # a sea route takes from 0.03 s to seconds: spread them one by one
    # Enough tasks to keep every worker busy and the progress bar moving, big enough that
    # the vectorized geodesic and the transfer costs stay small per row.
    # (Capped: the results of every task in flight wait in this process, a few MB each.)
    return max(64, min(4096, math.ceil(rows / (workers * 8))))


def _tasks(spec: _Spec, records: Sequence[Any], start: int, size: int) -> Iterator[tuple[_Spec, int, Sequence[Any]]]:
    """Tasks of ``size`` rows from row index ``start``: (spec, number of the first row, rows)."""
    rows = records.lines if spec.line_delimiter is not None and isinstance(records, _CsvLines) else records
    for first in range(start, len(rows), size):
        yield spec, first + 1, rows[first:first + size]


def _check_options(measure: str, avoid: Sequence[str], engine: str = "local", scheduler: str | None = None,
                   workers: int | None = None) -> tuple[str, ...]:
    """Refuse unusable options before any work or any write."""
    from geo.batch.engines import ENGINES

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
        from geo.sea.passages import passage_key

        for name in avoid:
            passage_key(name)  # raises BadInput for an unknown passage, before any work
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
    densify_km: float | None = None,
) -> BatchSummary:
    """Check every row of ``inputs`` and write the rows to ``output`` (``"-"``: standard output).

    ``fmt`` is csv, jsonl or geojson (default: from the output's extension); ``measure`` one of
    :data:`MEASURES`; ``avoid`` passages sea routes keep out of; ``engine`` ``local`` (a process
    pool of ``workers``, default the usable cores) or ``dask`` (``scheduler`` an address, or a
    LocalCluster of ``workers``); ``resume`` keeps the rows already in ``output``; ``progress``
    shows a bar with rate and ETA on standard error; ``densify_km`` draws a GeoJSON geodesic with
    a point at least every that many km (default: its two ends, cut at ±180). Returns a :class:`BatchSummary`; raises
    :class:`~geo.errors.BadInput` for unusable input or options, before writing anything.
    """
    from geo.batch.engines import default_workers, make_engine

    started = time.perf_counter()
    avoid = _check_options(measure, avoid, engine, scheduler, workers)
    if densify_km is not None and not (math.isfinite(densify_km) and densify_km >= 1):
        raise BadInput(f"--densify must be a number of km of at least 1, not {densify_km!r}")
    out_name = str(output)
    out_format = output_format(out_name, fmt) if out_name != "-" or fmt else "csv"
    check_not_input(out_name, [str(inputs)] if isinstance(inputs, (str, os.PathLike)) else [str(i) for i in inputs])
    data_input = read_batch_input(inputs, a_column=a_column, b_column=b_column, claim_column=claim_column)
    spec = _spec_for(data_input, out_format, measure, avoid, densify_km)
    sink = _Sink(out_name, spec, data_input, resume=resume)
    counts = dict.fromkeys(STATUSES, 0)
    for status in sink.done.statuses:
        counts[status] = counts.get(status, 0) + 1
    start = sink.done.rows
    total = len(data_input.records)
    planned = workers or (default_workers() if engine == "local" else 2)
    size = chunk_size or _chunk_size(data_input.kind, measure, total - start, planned)
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

    from geo.batch.engines import make_engine

    avoid = _check_options(measure, avoid, engine, scheduler, workers)
    if not isinstance(frame, pandas.DataFrame):
        raise BadInput(
            f"check_pairs needs a pandas DataFrame with columns a, b (and claim), not {type(frame).__name__}"
        )
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
    spec = _spec_for(data_input, "records", measure, avoid, densify_km=10.0)  # shapes to draw: smooth
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
    carried = base.rename(columns=dict(zip(base.columns, (renamed[n] for n in names), strict=True)))
    combined = pandas.concat([carried, result], axis=1)
    return geopandas.GeoDataFrame(combined, geometry=geopandas.GeoSeries(geoms, index=frame.index, crs="EPSG:4326"),
                                  crs="EPSG:4326")
