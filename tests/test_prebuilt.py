"""The prebuilt gazetteer shipped in ``data/`` (issue 12): it is what the shipped sources compile
to, a first run unpacks it instead of compiling, and the index it gives is the compiled one."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from geo.fileio import data_file
from geo.places import index as gazetteer_index

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_prebuilt_index_is_what_the_shipped_sources_compile_to():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_prebuilt_gazetteer.py"), "--check"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "is what the sources compile to" in done.stdout
    shipped = json.loads(data_file(gazetteer_index.PREBUILT_KEY_FILE).read_text(encoding="utf-8"))
    assert shipped["key"] == gazetteer_index.index_key()[0]
    assert gazetteer_index.prebuilt_fits() and gazetteer_index.prebuilt_differences() == []


def test_an_index_unpacked_from_the_prebuilt_file_holds_its_tables_and_the_lookup_indexes(tmp_path):
    unpacked = tmp_path / "unpacked.sqlite"
    stages: list[str] = []
    assert gazetteer_index._unpack_prebuilt(unpacked, stages.append) is True
    assert stages == list(gazetteer_index.PREBUILT_STAGES)
    con = sqlite3.connect(unpacked)
    try:
        indexes = {name for (name,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'index' "
                                                   "AND name NOT LIKE 'sqlite_autoindex%'")}
        assert indexes == {"place_cell", "place_kind", "place_country_towns"}
        meta = dict(con.execute("SELECT key, value FROM meta"))
        # Compiled from the installed sources (their key), as the first test checks byte for byte.
        assert meta["schema"] == str(gazetteer_index.SCHEMA_VERSION)
        assert {k.removeprefix("key."): v for k, v in meta.items() if k.startswith("key.")} \
            == gazetteer_index.index_key()[1]
        assert con.execute("SELECT COUNT(*) FROM place WHERE kind = 'town'").fetchone()[0] > 200_000
    finally:
        con.close()


def test_a_damaged_prebuilt_file_is_said_and_left_for_the_sources(tmp_path, capsys):
    import lzma

    shipped = data_file(gazetteer_index.PREBUILT_FILE)
    cut = tmp_path / "cut.sqlite.xz"
    with open(shipped, "rb") as handle:
        cut.write_bytes(handle.read(100_000))  # cut short
    other = tmp_path / "other.sqlite.xz"  # whole, but not the tables the key file records
    other.write_bytes(lzma.compress(b"SQLite format 3\x00" + bytes(4080)))
    for packed in (cut, other):
        assert gazetteer_index._unpack_prebuilt(tmp_path / "out.sqlite", lambda _stage: None, packed=packed) is False
        err = capsys.readouterr().err
        assert f"the prebuilt gazetteer '{packed}' is damaged" in err and "compiling the sources instead" in err
