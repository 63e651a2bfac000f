"""Reading batch input."""


from __future__ import annotations

import csv
import functools
import glob as globlib
import hashlib
import io
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.batch.constants import ARTICLE_SUFFIXES
from geo.errors import BadInput

if TYPE_CHECKING:  # heavy: only for annotations

    pass

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


class BadCell(str):
    """A cell that could not be read (NaN in JSON, a row nested too deeply, broken CSV quoting):
    its text as carried into the output, and why its row fails. The row fails alone, with
    ``reason`` in its ``error`` column; the batch goes on."""

    reason: str

    def __new__(cls, text: str, reason: str) -> BadCell:
        cell = super().__new__(cls, text)
        cell.reason = reason
        return cell

    def __reduce__(self) -> Any:  # pickled to the workers with its reason
        return (BadCell, (str(self), self.reason))

    # The result caches key rows by their cells: a bad cell is the same key only with the same
    # reason, so that the empty cell of a broken line 5 is not answered with line 2's reason.
    def __eq__(self, other: object) -> bool:
        return isinstance(other, BadCell) and str.__eq__(self, other) and self.reason == other.reason

    def __hash__(self) -> int:
        return hash((str(self), self.reason))


def _bad_constant(name: str) -> BadCell:
    return BadCell(name, f"{name} is not a number JSON allows; give a finite number or a string")


def _checked_float(text: str) -> Any:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        return BadCell(text, f"{text} is too large a number (beyond 1.8e308); give a finite number")
    return value


def _decode(raw: bytes, source: str) -> str:
    from geo.fileio import decode_text

    return decode_text(raw, source, expected="a CSV, a JSONL file, a folder or a glob of articles")


class _CsvLines(Sequence):
    """A CSV's rows kept as their text lines (without the newline), each one whole record.

    A row's cells are its line parsed (``records[i]``, a tuple of strings like the csv module
    gives), parsed when asked for: the workers get the lines, parse each distinct line once and
    reuse what they computed for it on every repeat, so a big table of recurring rows costs one
    dictionary lookup a row, and the lines are all the batch process keeps of its input. Only
    built when every line is exactly one record of the header's width (see
    :func:`_whole_line_records`)."""

    def __init__(self, lines: list[str], delimiter: str, width: int) -> None:
        self.lines = lines
        self.delimiter = delimiter
        self._width = width

    def __len__(self) -> int:
        return len(self.lines)

    def _cells(self, lines: list[str]) -> list[tuple[str, ...]]:
        cells = _parse_lines(dict.fromkeys(lines), self.delimiter, self._width)
        if cells is None:  # checked when the file was read: a bug, not bad input
            raise RuntimeError("a CSV line of the batch is not one whole record")
        return [cells[line] for line in lines]

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return self._cells(self.lines[index])
        return self._cells([self.lines[index]])[0]


def _parse_lines(lines: Iterable[str], delimiter: str, width: int, *,
                 keep: bool = True) -> dict[str, tuple[str, ...]] | None:
    """Each line's cells, or None unless every line is exactly one record of ``width`` cells.

    strict: a line that ends inside a quoted cell (a record going on over the next line) is
    an error here instead of a record joined with whatever line comes next; and ``line_num``
    catches a record that still spans two of the lines given. ``keep=False`` only checks (an
    empty dict when every line is one record)."""
    distinct = list(lines)
    reader = csv.reader((line + "\n" for line in distinct), delimiter=delimiter, strict=True)
    cells: dict[str, tuple[str, ...]] = {}
    checked = 0
    try:
        # strict=False: fewer records than lines (one record over two lines) is bad input that
        # line_num and the length check below turn into None, not an error.
        for number, (line, record) in enumerate(zip(distinct, map(tuple, reader), strict=False), 1):
            if reader.line_num != number or len(record) != width:
                return None
            if keep:
                cells[line] = record
            checked = number
    except csv.Error:
        return None
    return cells if checked == len(distinct) and (not keep or len(cells) == len(distinct)) else None


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
    checked = _parse_lines(dict.fromkeys(body), delimiter, len(header), keep=False)
    return None if checked is None else _CsvLines(body, delimiter, len(header))


def _physical_lines(text: str) -> list[str]:
    """``text`` cut after each line end the csv module knows (\r\n, \n, \r), ends kept."""
    import re

    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


def _records_resyncing(lines: list[str], start: int, delimiter: str, width: int) -> list[tuple[Any, ...]]:
    """The records of ``lines[start:]``, where a record with broken quoting fails alone.

    A quote opened and never closed would make the csv module read every following line into
    one cell. Here a record the csv module refuses (strict) or one that runs over several lines
    yet has fewer cells than the header becomes a failed row (its cells :class:`BadCell`), and
    reading starts again on the line after the one where it began."""
    import itertools

    records: list[tuple[Any, ...]] = []
    position = start
    while position < len(lines):
        reader = csv.reader(itertools.islice(lines, position, None), delimiter=delimiter, strict=True)
        read = 0  # lines of lines[position:] read into whole records so far
        try:
            for cells in reader:
                if reader.line_num - read > 1 and len(cells) < width:
                    raise csv.Error("a quoted cell runs over the next lines")
                records.append(tuple(cells))
                read = reader.line_num
            return records
        except csv.Error as exc:
            number = position + read + 1  # the line where the broken record starts
            reason = (f"line {number} is not valid CSV ({exc}); a quote opened in a cell must be closed, "
                      'and a quote inside a quoted cell doubled ("")')
            records.append(tuple(BadCell("", reason) for _ in range(width)))
            position = position + read + 1
    return records


_HEADER_MAX_CHARS = 1 << 20


def _read_csv(path: Path) -> tuple[Sequence[tuple[Any, ...]], tuple[str, ...]]:
    text = _decode(path.read_bytes(), str(path))
    first = text.split("\n", 1)[0]
    # A spreadsheet saved in a comma-decimal locale uses ";"; a .tsv uses tabs.
    delimiter = "\t" if path.suffix.lower() == ".tsv" else max(",;\t", key=first.count)
    # The header from the text's start only: a StringIO of the whole text would hold four more
    # copies of it (as UCS-4) while the rows are read line by line below.
    reader = csv.reader(io.StringIO(text[:_HEADER_MAX_CHARS], newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise BadInput(f"{str(path)!r} is empty; give a CSV with a header row (a,b,claim) and one pair a row") from None
    columns = tuple(h.strip() for h in header)
    if len(set(columns)) != len(columns):
        dupes = sorted({c for c in columns if columns.count(c) > 1})
        raise BadInput(f"{str(path)!r} has duplicate columns {', '.join(map(repr, dupes))}; "
                       "give each column its own name")
    width = len(columns)
    whole_lines = _whole_line_records(text, delimiter, header)
    if whole_lines is not None:
        return whole_lines, columns
    records = _records_resyncing(_physical_lines(text), reader.line_num, delimiter, width)
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


_MAX_DEPTH = 64  # JSON nesting a row may have: far more than any table needs, far less than the stack


def _depth(value: Any) -> int:
    """How deeply ``value`` nests lists and objects (a flat value: 0), counted without recursion."""
    deepest, todo = 0, [(value, 0)]
    while todo:
        item, depth = todo.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is not None:
            deepest = max(deepest, depth + 1)
            if deepest > _MAX_DEPTH:
                return deepest
            todo.extend((child, depth + 1) for child in children)
    return deepest


# The key under which a JSONL line that cannot be read (not JSON, not an object, nested too
# deeply) keeps its reason: the row fails alone, with that reason in its error column.
_NESTED_KEY = "\x00unreadable"


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    text = _decode(path.read_bytes(), str(path))
    records: list[dict[str, Any]] = []
    readable = 0
    first_problem = None
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line, parse_constant=_bad_constant, parse_float=_checked_float)
            if (line.count("[") + line.count("{") > _MAX_DEPTH) and _depth(value) > _MAX_DEPTH:
                raise RecursionError
        except RecursionError:
            # Nested too deeply to read (or to write again, or to hash).
            problem = f"line {number} is nested too deeply to read; give flat JSON objects"
        except json.JSONDecodeError as exc:
            problem = f"line {number} is not JSON ({exc.msg} at column {exc.colno}); give one JSON object a line"
        else:
            if isinstance(value, dict):
                records.append(value)
                readable += 1
                continue
            kind = {"str": "string", "int": "number", "float": "number", "bool": "true or false",
                    "NoneType": "null"}.get(type(value).__name__, type(value).__name__)
            problem = (f"line {number} is a JSON {kind}, not an object; "
                       'give objects like {"a": "Najin", "b": "Dunay", "claim": "180 km"}')
        first_problem = first_problem or problem
        records.append({_NESTED_KEY: BadCell("", problem)})
    if not readable:
        # Not one object: the file is no JSONL of pairs (a pretty-printed JSON, another format).
        raise BadInput(f"{str(path)!r} {first_problem}" if first_problem
                       else f"{str(path)!r} has no rows; give one JSON object a line")
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
    missing or unreadable file, a CSV without the ``a``/``b`` columns, a JSONL file in which no
    line is a readable object (a line that is not fails alone), a glob that matches no article.
    """
    items = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    if not items:
        raise BadInput("no input given; give a CSV or JSONL of pairs, or a folder, glob or files of articles")
    paths = [str(p) for p in items]
    if len(paths) == 1:
        path = Path(paths[0])
        suffix = path.suffix.lower()
        if path.is_file() and suffix in (".csv", ".tsv", ".jsonl", ".ndjson", ".json"):
            records: Sequence[Any]
            if suffix in (".csv", ".tsv"):
                records, columns = _read_csv(path)
            else:
                objects = _read_jsonl(path)
                first = objects[0]
                if ("text" in first or "path" in first) and a_column not in first:
                    return BatchInput("articles", objects, _columns_of(objects, skip=("text", _NESTED_KEY)), str(path),
                                      base_dir=str(path.parent))
                columns = _columns_of(objects, skip=(_NESTED_KEY,))
                records = [tuple(o.get(c) for c in columns) if _NESTED_KEY not in o
                           else tuple(o[_NESTED_KEY] if c == a_column else None for c in columns) for o in objects]
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


__all__ = ["BatchInput", "read_batch_input", "row_key"]

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

    The digits are a BLAKE2b hash of the input row (the ``repr`` of its cells), the options that
    change results (``measure``, ``avoid``) and, for an article read
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


