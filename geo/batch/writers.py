"""Writing rows."""


from __future__ import annotations

import csv
import errno
import json
import os
import stat
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.batch.constants import (
    _GEOJSON_CLOSE,
    _GEOJSON_OPEN,
    _LEAD_COLUMNS,
    _NULL_CHECK,
    _RESULT_COLUMNS,
    ARTICLE_COLUMNS,
    FORMATS,
    FSYNC_INTERVAL_S,
    PAIR_COLUMNS,
)
from geo.batch.readers import BatchInput, row_key
from geo.batch.rows import _Out, _Spec
from geo.errors import BadInput

if TYPE_CHECKING:  # heavy: only for annotations

    from geo.types import PairCheck



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


# Longer than any geodesic (half a meridian is 20,004 km): one segment, the two ends.
_ENDS_ONLY_KM = 40_000.0


def _geometry(out: _Out, densify_km: float | None = None) -> dict[str, Any] | None:
    """The route drawn: the sea route where one was measured, else the geodesic (RFC 7946):
    its two ends (and where it meets ±180) unless ``densify_km`` asks for a point at least
    every that many km. A batch row stays small: 10 km steps made 20 KB of a 200 km row."""
    check = out.check
    if check is None:
        return None
    if check.measures.sea is not None:
        from geo.sea.route import route_feature

        return route_feature(check.measures.sea)["geometry"]
    from geo.geodesy import path_feature

    return path_feature(check.a, check.b, max_segment_km=densify_km or _ENDS_ONLY_KM)["geometry"]


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
        return _dumps(_flat(out, spec.kind))[1:] + ', "geometry": ' + _dumps(_geometry(out, spec.densify_km)) + "}\n"
    return _flat(out, spec.kind), _geometry(out, spec.densify_km)


def _pair_prefix(spec: _Spec, number: int, key: str, cells: Sequence[Any]) -> str:
    """The start of a pair row's line, up to its result part: number, key, carried cells."""
    if spec.fmt == "csv":
        return f"{number},{key}," + ",".join(map(_csv_field, cells)) + ","
    if spec.fmt == "jsonl":
        carried = ", ".join(f"{_json_string(name)}: {_json_value(value)}"
                            for (name, _), value in zip(spec.carried, cells, strict=True))
        return f'{{"row": {number}, "key": "{key}", "input": {{{carried}}}, '
    carried = "".join(f", {_json_string(new)}: {_json_value(value)}"
                      for (_, new), value in zip(spec.carried, cells, strict=True))
    return f'{{"type": "Feature", "properties": {{"row": {number}, "key": "{key}"{carried}, '


def _article_prefix(spec: _Spec, number: int, key: str, record: Mapping[str, Any]) -> str:
    if spec.fmt == "jsonl":
        carried = {name: record[name] for name, _ in spec.carried if name in record}
        return f'{{"row": {number}, "key": "{key}", "input": {_dumps(carried)}, '
    return _pair_prefix(spec, number, key, [record.get(name) for name, _ in spec.carried])




__all__ = ["output_format"]

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
                yield dict(zip(columns, cells, strict=True)), offsets[-1]
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
    import mmap

    header = _header(spec).encode("utf-8")
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        # Mapped, not read: resuming a multi-GB output must not need its size in memory.
        data: Any = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
    start = bytes(data[:len(header) + 4096])
    if not start.strip() or (size < len(header) and header.startswith(start)):
        return _Done()  # nothing, or a header cut short: start afresh
    if header and not start.startswith(header):
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


def _lock(fd: int, output: str) -> None:
    """Hold an exclusive lock on the output (released when ``fd`` closes): a second batch writing
    the same file, which would interleave its rows with ours, is refused at once."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise BadInput(f"another batch is writing {output!r}; wait for it to finish, or write to another "
                           "file") from None
        raise


def check_not_input(output: str, inputs: Sequence[str]) -> None:
    """Refuse an output that is one of the input files: writing it would destroy the input."""
    if output == "-" or not os.path.exists(output):
        return
    for item in inputs:
        try:
            same = os.path.isfile(item) and os.path.samefile(item, output)
        except OSError:
            same = False
        if same:
            raise BadInput(f"the output {output!r} is the input {item!r}; writing it would destroy the input, "
                           "give another -o")


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
            self._regular = False
            sys.stdout.flush()
            self._stream = sys.stdout.buffer
        else:
            path = Path(output)
            if path.is_dir():
                raise BadInput(f"the output {output!r} is a folder; give a file name (.csv, .jsonl or .geojson)")
            if not path.parent.is_dir():
                raise BadInput(f"cannot write {output!r}: folder {str(path.parent)!r} does not exist; create it first")
            try:
                self.fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
            except OSError as exc:
                raise BadInput(f"cannot write {output!r}: {exc.strerror}; check the name and the folder's "
                               "permissions, or write elsewhere") from None
            self._is_file = True
            # A device or a pipe (/dev/null, /dev/stdout) takes the lines as a stream: no lock,
            # no truncation, no fsync (they refuse them with EINVAL).
            self._regular = stat.S_ISREG(os.fstat(self.fd).st_mode)
            if not self._regular:
                if resume:
                    os.close(self.fd)
                    raise BadInput(f"--resume needs a regular output file, not {output!r}")
            else:
                _lock(self.fd, output)
                if resume:
                    try:
                        self.done = _scan_output(path, spec, data_input)
                    except BaseException:
                        os.close(self.fd)
                        raise
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
        try:
            while view:
                written = os.write(self.fd, view)
                view = view[written:]
        except OSError as exc:
            raise BadInput(f"cannot write the output: {exc.strerror}; free some space or write elsewhere "
                           "(--resume goes on from the rows already written)") from None

    def write(self, data: bytes) -> None:
        """Append whole lines (UTF-8)."""
        if self.spec.fmt == "geojson" and data:
            # One feature a line; every one but the first starts with the comma that separates it.
            lines = data[:-1].split(b"\n")
            data = b"".join((b"," if self._features + i else b"") + line + b"\n" for i, line in enumerate(lines))
            self._features += len(lines)
        self._write(data)
        if self._regular and time.monotonic() - self._last_sync >= FSYNC_INTERVAL_S:
            os.fsync(self.fd)
            self._last_sync = time.monotonic()

    def finish(self) -> None:
        if self.spec.fmt == "geojson":
            self._write(_GEOJSON_CLOSE.encode("utf-8"))
        if self._regular:
            os.fsync(self.fd)

    def close(self) -> None:
        if self._is_file:
            os.close(self.fd)


# --------------------------------------------------------------------------------------------
