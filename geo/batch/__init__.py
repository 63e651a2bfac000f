"""Batch checks: a table of place pairs or a whole archive of articles, resumable, in order.

Owns: reading the input (:mod:`~geo.batch.readers`), checking one row (:mod:`~geo.batch.rows`),
formatting rows and writing the output file, resumable (:mod:`~geo.batch.writers`), running a
batch in chunks (:mod:`~geo.batch.runner`: :func:`run_batch`, :func:`check_pairs`) and where
the chunks run (:mod:`~geo.batch.engines`: this process, a local pool, Dask); the shared
vocabulary of measures, formats, statuses and columns is in :mod:`~geo.batch.constants`.

Must not import: ``maps`` or ``cli``. It checks rows through the same library functions as
``check`` and ``article`` (:mod:`geo.pair`, :mod:`geo.text.article`).

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


from geo.batch.constants import (
    ARTICLE_COLUMNS,
    ARTICLE_SUFFIXES,
    FORMATS,
    FSYNC_INTERVAL_S,
    MEASURES,
    PAIR_COLUMNS,
    STATUSES,
)
from geo.batch.readers import BatchInput, read_batch_input, row_key
from geo.batch.runner import BatchSummary, check_pairs, run_batch
from geo.batch.writers import output_format

__all__ = [
    "ARTICLE_COLUMNS",
    "ARTICLE_SUFFIXES",
    "FORMATS",
    "FSYNC_INTERVAL_S",
    "MEASURES",
    "PAIR_COLUMNS",
    "STATUSES",
    "BatchInput",
    "BatchSummary",
    "check_pairs",
    "output_format",
    "read_batch_input",
    "row_key",
    "run_batch",
]
