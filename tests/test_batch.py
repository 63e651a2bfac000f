"""``shiproute batch`` and ``geo.check_pairs``: real gazetteer, real coastlines, real processes.

The big comparisons run geodesic-only (fast); a few rows measure sea routes. The Dask test
starts a real LocalCluster with two worker processes; the resume test kills a real
``shiproute batch`` subprocess with SIGKILL.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from geo.batch.constants import ARTICLE_COLUMNS, PAIR_COLUMNS
from geo.batch.readers import read_batch_input, row_key
from geo.batch.runner import run_batch

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "tests" / "data" / "articles"
SAMPLES = REPO / "data" / "samples"

# Real names: ports, towns, namesakes whose choice depends on the partner and the claim
# (Tripoli, Portland, Victoria, Vostochny...), codes, coordinates, and names that fail.
NAMES = ["Najin", "Dunay", "Odesa", "Istanbul", "Dover", "Calais", "Vladivostok", "Nakhodka", "Sevastopol",
         "Novorossiysk", "Tartus", "Latakia", "Rotterdam", "Hamburg", "Singapore", "Busan", "Fukuoka", "Tripoli",
         "Portland", "Vostochny", "Murmansk", "Severomorsk", "Kerch", "Haifa", "Limassol", "KPNJN",
         "42.23N 130.30E", "Tripoli, Lebanon", "Alexandria", "Santiago", "Victoria", "Springfield", "Georgetown",
         "Nome", "Provideniya", "Novorosiysk", "Atlantisville", ""]
CLAIMS = ["approximately 180 kilometers", "about 600 km", "110 miles", "150-200 km", "more than 300 km",
          "nearly 50 nautical miles", "40 km", "", "", "about forty miles", "around 1,000 km", "up to 90 km",
          "far away", "just over 20 km"]
NOTES = ["", "checked by AB", "quote, with comma", 'say "hi"', "two\nlines", "Дунай · 나진"]


def make_pairs(path: Path, rows: int, seed: int = 6) -> Path:
    """A CSV of ``rows`` real pairs with claims, errors and awkward carried-through cells."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case", "a", "b", "claim", "desk note", "verdict"])
        for i in range(rows):
            writer.writerow([f"c{i}", rng.choice(NAMES), rng.choice(NAMES), rng.choice(CLAIMS), rng.choice(NOTES),
                             rng.choice(["", "old verdict"])])
    return path


@pytest.fixture(scope="module")
def pairs500(tmp_path_factory) -> Path:
    return make_pairs(tmp_path_factory.mktemp("pairs") / "pairs500.csv", 500)


@pytest.fixture(scope="module")
def local_jsonl(pairs500, tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("local") / "out.jsonl"
    summary = run_batch(pairs500, out, measure="geodesic", engine="local", workers=2)
    assert summary.workers == 2  # a real pool of two processes, not the in-process engine
    return out.read_bytes()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# --- engines ------------------------------------------------------------------------------------


def test_dask_localcluster_and_local_pool_write_identical_bytes(pairs500, local_jsonl, tmp_path):
    out = tmp_path / "dask.jsonl"
    summary = run_batch(pairs500, out, measure="geodesic", engine="dask", workers=2)
    assert summary.engine == "dask" and summary.workers == 2
    assert out.read_bytes() == local_jsonl
    assert summary.inputs == 500 and sum(summary.counts.values()) == 500


def test_dask_scheduler_address_from_the_command_line(tmp_path):
    from dask.distributed import LocalCluster

    local = tmp_path / "local.csv"
    run_batch(SAMPLES / "port_pairs.csv", local, measure="geodesic", workers=1)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "dask.csv"
        result = cli("batch", str(SAMPLES / "port_pairs.csv"), "-o", str(out), "--measure", "geodesic",
                     "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 1, result.stderr  # the sample holds refuted claims
    assert out.read_bytes() == local.read_bytes()


def test_in_process_engine_writes_the_same_bytes_as_the_pool(pairs500, local_jsonl, tmp_path):
    out = tmp_path / "inline.jsonl"
    summary = run_batch(pairs500, out, measure="geodesic", workers=1, chunk_size=37)
    assert summary.workers == 1
    assert out.read_bytes() == local_jsonl


def test_geodesic_rows_equal_check_pair_row_by_row(pairs500, local_jsonl):
    """The vectorized path (names resolved once, one inverse call) gives what check runs."""
    from geo.pair import check_pair

    with pairs500.open(newline="", encoding="utf-8") as handle:
        inputs = list(csv.DictReader(handle))
    lines = local_jsonl.decode("utf-8").splitlines()
    assert len(lines) == len(inputs) == 500
    statuses = set()
    for number, (line, row) in enumerate(zip(lines, inputs, strict=True), 1):
        got = json.loads(line)
        assert got["row"] == number
        assert got["input"] == row
        statuses.add(got["status"])
        if not row["a"] or not row["b"]:
            assert got["status"] == "failed" and "no place in column" in got["error"]
            continue
        try:
            expected = check_pair(row["a"], row["b"], row["claim"] or None, sea=False).to_dict()
        except Exception as exc:  # noqa: BLE001 - the batch must report the same error
            assert got["status"] == "failed" and got["error"] == str(exc), row
            continue
        assert got["error"] is None
        assert {k: got[k] for k in expected} == expected, row
        assert got["status"] == (expected["verdict"] or "measured")
    assert statuses == {"supported", "refuted", "ambiguous", "measured", "failed"}


# --- kill and resume ----------------------------------------------------------------------------

# Short regional routes (a few tenths of a second each, once the coastline tiles are loaded).
SEA_PAIRS = [("Najin", "Dunay", "approximately 180 kilometers"), ("Vladivostok", "Nakhodka", "about 90 km"),
             ("Kaliningrad", "Gdansk", "nearly 130 km"), ("Gibraltar", "Tangier", "about 60 km"),
             ("Kerch", "Novorossiysk", "about 120 km"), ("Haifa", "Limassol", "about 270 km"),
             ("Busan", "Fukuoka", "about 200 km"), ("Bandar Abbas", "Fujairah", "about 230 km")]


def write_sea_pairs(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["a", "b", "claim", "desk"])
        for i, (a, b, claim) in enumerate(SEA_PAIRS):
            writer.writerow([a, b, claim, f"desk {i}"])
    return path


def shiproute() -> list[str]:
    exe = shutil.which("shiproute")
    return [exe] if exe else [sys.executable, "-m", "cli"]


# Sea routes computed afresh, not answered from the on-disk route cache: the kill must land
# while the batch is still working.
UNCACHED = {**os.environ, "SHIPROUTE_ROUTE_CACHE": "off"}


def test_killed_batch_resumes_to_the_uninterrupted_output(tmp_path):
    source = write_sea_pairs(tmp_path / "sea.csv")
    reference = tmp_path / "reference.csv"
    run_batch(source, reference, measure="both", workers=1)
    expected = reference.read_bytes()
    assert expected.count(b"\n") == len(SEA_PAIRS) + 1

    out = tmp_path / "killed.csv"
    command = [*shiproute(), "batch", str(source), "-o", str(out), "--measure", "both", "--workers", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=UNCACHED)
    deadline = time.monotonic() + 120
    try:
        # Kill it as soon as the first row is on disk (rows are written one at a time, eight
        # in all, a few tenths of a second each).
        while time.monotonic() < deadline:
            if out.exists() and out.read_bytes().count(b"\n") >= 2:
                break
            assert process.poll() is None, "the batch ended before it could be killed"
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    partial = out.read_bytes()
    written = partial.count(b"\n") - 1
    assert 1 <= written < len(SEA_PAIRS), "the kill must land midway"
    assert expected.startswith(partial[: partial.rfind(b"\n") + 1])  # whole rows, in order

    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=300, env=UNCACHED)
    assert resumed.returncode in (0, 1), resumed.stderr
    assert f"{written} of them resumed" in resumed.stderr
    assert out.read_bytes() == expected


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson"])
def test_resume_drops_a_cut_last_line_and_finishes_byte_for_byte(pairs500, tmp_path, fmt):
    full = tmp_path / f"full.{fmt}"
    run_batch(pairs500, full, measure="geodesic", workers=1)
    data = full.read_bytes()
    part = tmp_path / f"part.{fmt}"
    # Also right inside a multi-line cell (CSV keeps the newline of "two\nlines" as it is).
    inside = data.index(b"two\n" if fmt == "csv" else b"two\\n") + 4
    for cut in (len(data) // 3, len(data) // 2 + 7, len(data) - 2, len(data), 5, 0, inside):
        part.write_bytes(data[:cut])
        summary = run_batch(pairs500, part, measure="geodesic", workers=1, resume=True)
        assert part.read_bytes() == data, cut
        assert sum(summary.counts.values()) == 500


def test_resume_refuses_an_output_of_another_input_or_options(pairs500, tmp_path):
    out = tmp_path / "out.csv"
    run_batch(pairs500, out, measure="geodesic", workers=1)
    before = out.read_bytes()
    other = make_pairs(tmp_path / "other.csv", 50, seed=7)
    result = cli("batch", str(other), "-o", str(out), "--measure", "geodesic", "--resume")
    assert result.exit_code == 2
    assert "cannot resume" in result.stderr and "row 1 has key" in result.stderr
    result = cli("batch", str(pairs500), "-o", str(out), "--measure", "both", "--resume")
    assert result.exit_code == 2 and "other options" in result.stderr
    assert out.read_bytes() == before  # nothing touched


def test_row_keys_are_row_number_and_hash_of_the_row(pairs500):
    data = read_batch_input(pairs500)
    key = row_key(3, data.records[2], measure="geodesic")
    number, digest = key.split("-")
    assert number == "3" and len(digest) == 12
    assert row_key(3, data.records[2], measure="geodesic") == key
    assert row_key(4, data.records[2], measure="geodesic") != key
    assert row_key(3, data.records[3], measure="geodesic").split("-")[1] != digest
    assert row_key(3, data.records[2], measure="both") != key


# --- rows that fail, exit codes -----------------------------------------------------------------


def test_failing_rows_become_error_rows_and_the_batch_goes_on(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("a,b,claim\nNajin,Dunay,approximately 180 kilometers\nNovorosiysk,Kerch,about 120 km\n"
                      "Najin,Dunay,far away\n,Dunay,40 km\nOdesa,Istanbul,about 620 km\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = cli("batch", str(source), "-o", str(out), "--measure", "geodesic")
    assert result.exit_code == 1  # a row failed: not every claim was checked
    rows = read_csv(out)
    assert [r["status"] for r in rows] == ["supported", "failed", "failed", "failed", "supported"]
    assert "no place called 'Novorosiysk'" in rows[1]["error"] and "Novorossiysk" in rows[1]["error"]
    assert "cannot read a distance in 'far away'" in rows[2]["error"]
    assert "no place in column 'a'" in rows[3]["error"]
    assert rows[1]["a_name"] == rows[1]["geodesic_km"] == rows[1]["verdict"] == ""
    assert rows[4]["a_name"] == "Odesa" and rows[4]["error"] == ""
    assert "5 pairs" in result.stderr and "2 supported" in result.stderr and "3 failed" in result.stderr


def test_exit_codes_follow_the_claims(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("a,b,claim\nNajin,Dunay,approximately 180 kilometers\nOdesa,Istanbul,\n", encoding="utf-8")
    assert cli("batch", str(good), "-o", str(tmp_path / "g.csv"), "--measure", "geodesic").exit_code == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,claim\nNajin,Dunay,approximately 180 kilometers\nHelsinki,Tallinn,about 200 km\n",
                   encoding="utf-8")
    result = cli("batch", str(bad), "-o", str(tmp_path / "b.csv"), "--measure", "geodesic")
    assert result.exit_code == 1 and "1 refuted" in result.stderr


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("x,y\nNajin,Dunay\n", (), "has no column 'a' or 'b'"),
        ("a,b\nNajin,Dunay\n", ("--claim-column", "distance"), "no column 'distance'"),
        ("a,b,claim\nNajin,Dunay,1,2\n", (), "has 4 cells but the header names 3"),
        (b"a,b\n\xff\xfe,Dunay\n", (), "is not UTF-8"),
        ("a,b\nNajin,Dunay\n", ("--engine", "local", "--scheduler", "tcp://127.0.0.1:1"), "--scheduler is for"),
        ("a,b\nNajin,Dunay\n", ("--avoid", "atlantis-canal"), "atlantis"),
    ],
)
def test_unusable_input_exits_2_before_writing(tmp_path, content, args, message):
    source = tmp_path / "in.csv"
    source.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    out = tmp_path / "out.csv"
    result = cli("batch", str(source), "-o", str(out), *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr.lower() or message in result.stderr
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    assert not out.exists()


def test_unknown_output_format_and_missing_input_exit_2(tmp_path):
    result = cli("batch", str(SAMPLES / "port_pairs.csv"), "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 2 and ".csv, .jsonl or .geojson" in result.stderr
    result = cli("batch", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 2 and "no such file or folder" in result.stderr
    result = cli("batch", str(tmp_path / "*.txt"), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 2 and "matches no article files" in result.stderr


# --- formats and carried columns ----------------------------------------------------------------


def test_csv_jsonl_geojson_hold_the_same_rows(pairs500, local_jsonl, tmp_path):
    paths = {fmt: tmp_path / f"out.{fmt}" for fmt in ("csv", "geojson")}
    for path in paths.values():
        run_batch(pairs500, path, measure="geodesic", workers=1)
    rows = read_csv(paths["csv"])
    lines = [json.loads(line) for line in local_jsonl.decode("utf-8").splitlines()]
    collection = json.loads(paths["geojson"].read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(rows) == len(lines) == len(features) == 500
    header = list(rows[0])
    assert header == ["row", "key", "case", "a", "b", "claim", "desk note", "input_verdict", *PAIR_COLUMNS]
    with pairs500.open(newline="", encoding="utf-8") as handle:
        inputs = list(csv.reader(handle))[1:]
    for row, line, feature, cells in zip(rows, lines, features, inputs, strict=True):
        props = feature["properties"]
        assert list(props) == header
        assert list(row.values())[2:8] == cells  # carried through, quotes and newlines included
        assert [props[k] for k in header[2:8]] == cells
        assert row["key"] == line["key"] == props["key"]
        assert row["status"] == line["status"] == props["status"]
        if line["status"] == "failed":
            assert feature["geometry"] is None and row["error"] == line["error"] == props["error"]
            continue
        assert props["geodesic_km"] == line["geodesic_km"] == float(row["geodesic_km"])
        assert props["a_name"] == line["a"]["name"] == row["a_name"]
        assert (props["verdict"], props["explanation"]) == (line["verdict"], line["explanation"])
        geometry = feature["geometry"]
        assert geometry["type"] in ("LineString", "MultiLineString")
        parts = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
        for part in parts:
            assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in part)
        first, last = parts[0][0], parts[-1][-1]
        assert first == pytest.approx([line["a"]["lon"], line["a"]["lat"]], abs=1e-6)
        assert last == pytest.approx([line["b"]["lon"], line["b"]["lat"]], abs=1e-6)


def test_geojson_splits_routes_across_the_antimeridian(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("a,b,claim\nAnadyr,Nome,roughly 815 km\n", encoding="utf-8")
    out = tmp_path / "out.geojson"
    run_batch(source, out, measure="geodesic", workers=1)
    (feature,) = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert feature["geometry"]["type"] == "MultiLineString"
    east, west = feature["geometry"]["coordinates"]
    assert east[-1][0] == 180.0 and west[0][0] == -180.0


def test_carried_columns_come_through_unchanged_and_in_order(tmp_path):
    source = tmp_path / "in.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["desk", "b", "a", "claim", "status", "note"])
        writer.writerow(
            ["北京 desk", "Dunay", "Najin", "approximately 180 kilometers", "draft", 'a "quoted",\nmulti-line']
        )
    out = tmp_path / "out.csv"
    run_batch(source, out, measure="geodesic", workers=1)
    (row,) = read_csv(out)
    assert list(row)[:8] == ["row", "key", "desk", "b", "a", "claim", "input_status", "note"]
    assert row["desk"] == "北京 desk" and row["input_status"] == "draft"
    assert row["note"] == 'a "quoted",\nmulti-line'
    assert row["a_name"] == "Rajin" and row["status"] == "supported"

    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(json.dumps({"a": "Najin", "b": "Dunay", "claim": "approximately 180 kilometers",
                                 "meta": {"desk": "asia", "tags": [1, 2]}, "n": 7}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    out_jsonl = tmp_path / "out.jsonl"
    run_batch(jsonl, out_jsonl, measure="geodesic", workers=1)
    line = json.loads(out_jsonl.read_text(encoding="utf-8"))
    assert line["input"] == {"a": "Najin", "b": "Dunay", "claim": "approximately 180 kilometers",
                             "meta": {"desk": "asia", "tags": [1, 2]}, "n": 7}
    assert line["verdict"] == "supported"


def test_column_options_map_other_names_and_semicolons_are_read(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("from;to;distance\nNajin;Dunay;approximately 180 kilometers\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = cli("batch", str(source), "-o", str(out), "--measure", "geodesic", "--a-column", "from",
                 "--b-column", "to", "--claim-column", "distance")
    assert result.exit_code == 0, result.stderr
    line = json.loads(out.read_text(encoding="utf-8"))
    assert line["input"] == {"from": "Najin", "to": "Dunay", "distance": "approximately 180 kilometers"}
    assert line["claim"]["text"] == "approximately 180 kilometers" and line["verdict"] == "supported"


def test_standard_output_and_progress(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("a,b\nNajin,Dunay\n", encoding="utf-8")
    result = cli("batch", str(source), "-o", "-", "--format", "jsonl", "--measure", "geodesic")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["status"] == "measured"
    assert result.stderr.strip().endswith("wrote standard output")  # no bar: stderr is no terminal
    result = cli("batch", str(source), "-o", str(tmp_path / "o.csv"), "--measure", "geodesic", "--progress")
    assert "pairs/s" in result.stderr and "100%" in result.stderr


# --- sea routes ----------------------------------------------------------------------------------


def test_sea_measure_rows(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("a,b,claim\nNajin,Dunay,approximately 180 kilometers\nUlaanbaatar,Najin,about 1000 km\n",
                      encoding="utf-8")
    both = tmp_path / "both.jsonl"
    run_batch(source, both, measure="both", workers=1)
    first, inland = [json.loads(line) for line in both.read_text(encoding="utf-8").splitlines()]
    assert first["sea_km"] > first["geodesic_km"] and first["sea_route"]["coordinates"]
    assert inland["status"] in ("refuted", "ambiguous", "supported") and inland["sea_km"] is None
    assert any("no sea distance" in n for n in inland["judgement"]["notes"])
    sea = tmp_path / "sea.csv"
    run_batch(source, sea, measure="sea", workers=1)
    rows = read_csv(sea)
    assert rows[0]["status"] == "supported" and float(rows[0]["sea_km"]) == first["sea_km"]
    assert rows[1]["status"] == "failed" and "no sea route" in rows[1]["error"] and "MN" in rows[1]["error"]


# --- articles ------------------------------------------------------------------------------------


def test_articles_folder_gives_a_row_per_claim(tmp_path):
    from geo.text.article import check_article, load_article

    folder = tmp_path / "archive"
    (folder / "sub").mkdir(parents=True)
    for name in ("000_0bd88628448f5f77.txt", "baltic_kaliningrad.txt"):
        shutil.copy(ARTICLES / name, folder / name)
    shutil.copy(ARTICLES / "tartus_naval_base.txt", folder / "sub" / "tartus_naval_base.txt")
    (folder / "no_claims.txt").write_text("Port strike ends\n\nDock workers in Rotterdam went back to work.\n",
                                          encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00\x01binary")
    (folder / "ignored.csv").write_text("a,b\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch(folder, out, measure="geodesic", workers=2)
    assert summary.kind == "articles" and summary.inputs == 5
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_path: dict[str, list[dict]] = {}
    for line in lines:
        by_path.setdefault(line["input"]["path"], []).append(line)
    assert [Path(p).name for p in by_path] == ["000_0bd88628448f5f77.txt", "baltic_kaliningrad.txt", "broken.txt",
                                               "no_claims.txt", "tartus_naval_base.txt"]
    for path, rows in by_path.items():
        name = Path(path).name
        if name == "broken.txt":
            assert [r["status"] for r in rows] == ["failed"] and "binary" in rows[0]["error"]
            continue
        if name == "no_claims.txt":
            assert [r["status"] for r in rows] == ["no claims"] and rows[0]["claim_count"] == 0
            assert rows[0]["explanation"] == "no place-to-place distance claims found"
            continue
        report = check_article(load_article(path), sea=False).to_dict()
        assert [r["claim_index"] for r in rows] == list(range(1, len(report["claims"]) + 1))
        assert all(r["claim_count"] == len(report["claims"]) for r in rows)
        for row, claim in zip(rows, report["claims"], strict=True):
            assert {k: row[k] for k in claim} == claim
            assert row["article"] == report["article"]
    assert summary.counts["no claims"] == 1 and summary.counts["failed"] == 1


def test_articles_jsonl_sample_and_resume(tmp_path):
    out = tmp_path / "articles.csv"
    result = cli("batch", str(SAMPLES / "articles.jsonl"), "-o", str(out), "--measure", "geodesic")
    assert result.exit_code == 1  # the sample holds a refuted claim
    rows = read_csv(out)
    assert list(rows[0])[:4] == ["row", "key", "id", "source"]
    assert list(rows[0])[4:] == list(ARTICLE_COLUMNS)
    assert [(r["id"], r["claim_index"], r["status"]) for r in rows] == [
        ("najin-dunay", "1", "supported"), ("gulf-of-finland", "1", "supported"),
        ("gulf-of-finland", "2", "refuted"), ("rotterdam-strike", "0", "no claims")]
    assert rows[0]["article_date"] == "2024-06-14" and "Najin" in rows[0]["quote"]
    full = out.read_bytes()
    # Cut inside the second article's rows: its first claim row must be redone with the second.
    lines = full.split(b"\n")
    out.write_bytes(b"\n".join(lines[:3]) + b"\n")
    run_batch(SAMPLES / "articles.jsonl", out, measure="geodesic", workers=1, resume=True)
    assert out.read_bytes() == full


# --- the library ---------------------------------------------------------------------------------


def test_check_pairs_returns_a_geodataframe_with_routes():
    import geopandas
    import pandas
    from shapely.geometry import LineString

    import geo

    frame = pandas.DataFrame({
        "a": ["Najin", "Odesa", "Novorosiysk", "Najin"],
        "b": ["Dunay", "Istanbul", "Kerch", "Dunay"],
        "claim": ["approximately 180 kilometers", None, "about 120 km", "400 km"],
        "desk": ["x", "y", "z", "w"],
    }, index=[10, 11, 12, 13])
    result = geo.check_pairs(frame, measure="both")
    assert isinstance(result, geopandas.GeoDataFrame)
    assert result.crs.to_epsg() == 4326
    assert list(result.index) == [10, 11, 12, 13]
    assert list(result.columns) == ["a", "b", "claim", "desk", *PAIR_COLUMNS, "geometry"]
    assert list(result["status"]) == ["supported", "measured", "failed", "refuted"]
    assert result.loc[12, "geometry"] is None and "Novorosiysk" in result.loc[12, "error"]
    najin = result.loc[10]
    assert najin["sea_km"] > najin["geodesic_km"] > 180
    route = najin["geometry"]
    assert isinstance(route, LineString) and len(route.coords) > 2
    # The geometry is the sea route: its geodesic length is the sea distance.
    from geo.geodesy import GEOD

    assert GEOD.geometry_length(route) / 1000 == pytest.approx(najin["sea_km"], rel=1e-3)
    assert pandas.isna(result.loc[11, "explanation"]) and result.loc[11, "geodesic_km"] > 600

    geodesic = geo.check_pairs(frame.iloc[:2], measure="geodesic")
    line = geodesic.loc[10, "geometry"]
    assert GEOD.geometry_length(line) / 1000 == pytest.approx(geodesic.loc[10, "geodesic_km"], rel=1e-4)
    assert pandas.isna(geodesic.loc[10, "sea_km"])


def test_check_pairs_names_a_missing_column():
    import pandas

    import geo

    with pytest.raises(geo.BadInput, match="no column 'b'"):
        geo.check_pairs(pandas.DataFrame({"a": ["Najin"], "to": ["Dunay"]}))


def test_import_geo_stays_light():
    code = ("import sys, geo; heavy = [m for m in ('pandas', 'geopandas', 'dask', 'distributed', 'tqdm', 'numpy') "
            "if m in sys.modules]; print(heavy); print(callable(geo.check_pairs))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    heavy, has = result.stdout.split("\n")[:2]
    assert heavy == "[]" and has == "True"


def test_pool_workers_end_when_the_batch_is_killed(tmp_path):
    import psutil  # comes with dask distributed

    source = write_sea_pairs(tmp_path / "sea.csv")
    out = tmp_path / "out.csv"
    command = [*shiproute(), "batch", str(source), "-o", str(out), "--measure", "both", "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=UNCACHED)
    try:
        deadline = time.monotonic() + 60
        descendants: list = []
        while time.monotonic() < deadline:
            descendants = psutil.Process(process.pid).children(recursive=True)
            # The fork server, the resource tracker and the two workers it forked.
            if sum(1 for p in descendants if p.ppid() != process.pid) >= 2:
                break
            time.sleep(0.05)
        assert sum(1 for p in descendants if p.ppid() != process.pid) >= 2, "the pool did not start"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        _gone, alive = psutil.wait_procs(descendants, timeout=15)
        assert not alive, f"processes left running: {[(p.pid, p.cmdline()) for p in alive]}"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_shipped_sample_runs(tmp_path):
    out = tmp_path / "sample.csv"
    result = cli("batch", str(SAMPLES / "port_pairs.csv"), "-o", str(out), "--measure", "geodesic")
    assert result.exit_code == 1
    rows = read_csv(out)
    assert len(rows) == 32
    assert rows[0]["a_name"] == "Rajin" and rows[0]["status"] == "supported"
    statuses = {r["status"] for r in rows}
    assert {"supported", "refuted", "measured", "failed"} <= statuses
    assert io.StringIO(result.stderr).getvalue().count("\n") == 1  # the summary line alone


# --- big tables of repeated rows: the CSV-line path ---------------------------------------------


def make_repeated(path: Path, rows: int, *, delimiter: str = ",", lineterminator: str = "\r\n", seed: int = 11) -> Path:
    """A CSV of ``rows`` rows drawn from 40 distinct ones, every record on one line (quotes,
    separators and non-ASCII in cells, but no newline in a cell)."""
    rng = random.Random(seed)
    notes = [n for n in NOTES if "\n" not in n] + ['semi;colon', 'tab\there', ' padded ']
    base = [(rng.choice(NAMES), rng.choice(NAMES), rng.choice(CLAIMS), rng.choice(notes)) for _ in range(40)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator=lineterminator)
        writer.writerow(["a", "b", "claim", "note"])
        writer.writerows(rng.choice(base) for _ in range(rows))
    return path


def cell_by_cell(monkeypatch) -> None:
    """Make the reader take the general path (cell tuples), the reference for the line path."""
    import geo.batch.readers

    monkeypatch.setattr(geo.batch.readers, "_whole_line_records", lambda *args: None)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson"])
def test_line_path_writes_the_bytes_of_the_cell_by_cell_path(tmp_path, monkeypatch, fmt):
    source = make_repeated(tmp_path / "in.csv", 3000)
    data = read_batch_input(source)
    assert type(data.records).__name__ == "_CsvLines"  # the fast path is the one under test
    lines = {}
    for workers, chunk in ((1, None), (2, None), (1, 97)):
        out = tmp_path / f"lines.{workers}.{chunk}.{fmt}"
        run_batch(source, out, measure="geodesic", workers=workers, chunk_size=chunk)
        lines[(workers, chunk)] = out.read_bytes()
    cell_by_cell(monkeypatch)
    assert isinstance(read_batch_input(source).records, list)
    reference = tmp_path / f"cells.{fmt}"
    summary = run_batch(source, reference, measure="geodesic", workers=1)
    expected = reference.read_bytes()
    assert all(value == expected for value in lines.values())
    assert summary.inputs == 3000 and len(set(summary.counts) - {"failed"}) >= 1


def test_line_path_reads_semicolons_and_lf_endings_like_the_csv_module(tmp_path, monkeypatch):
    source = make_repeated(tmp_path / "in.csv", 500, delimiter=";", lineterminator="\n")
    fast = read_batch_input(source)
    assert type(fast.records).__name__ == "_CsvLines"
    out = tmp_path / "fast.csv"
    run_batch(source, out, measure="geodesic", workers=1)
    cell_by_cell(monkeypatch)
    slow = read_batch_input(source)
    assert list(fast.records) == slow.records and fast.columns == slow.columns
    reference = tmp_path / "slow.csv"
    run_batch(source, reference, measure="geodesic", workers=1)
    assert out.read_bytes() == reference.read_bytes()


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("a,b,claim\r\nNajin,Dunay,180 km\r\nOdesa,\"Istanbul\",\"1,000 km\"\r\n", True),
        ("\ufeffa,b,claim\nNajin,Dunay,180 km\nOdesa,Istanbul,", True),  # BOM, no last newline
        ("a,b,claim\nNajin,Dunay,\"180\nkm\"\nOdesa,Istanbul,x\n", False),  # a cell over two lines
        ("a,b,claim\nNajin,Dunay,\"180 km\nOdesa\",Istanbul,x\n", False),  # ... that looks like two rows
        ("a,b,claim\nNajin,\"Dunay\nx\",180 km\n", False),  # ... of the header's width over two lines
        ("a,b,claim\nNajin,Dunay,180 km\n\nOdesa,Istanbul,x\n", False),  # a blank line
        ("a,b,claim\nNajin,Dunay\nOdesa,Istanbul,x\n", False),  # a short row
        ("a,b,claim\nNajin,Dunay,1\r80 km\nOdesa,Istanbul,x\n", False),  # a stray carriage return
        ("a,b,claim\r\nNajin,Dunay,180 km\nOdesa,Istanbul,x\r\n", False),  # mixed line endings
        ("a,b,claim\nNa\"jin,Dunay,180 km\nOdesa,Istanbul,\"x\"y\n", False),  # quotes inside cells
        ("\"a\nb\",b,claim\nNajin,Dunay,180 km\n", False),  # a header over two lines
    ],
)
def test_line_path_is_taken_only_when_every_line_is_one_record(tmp_path, monkeypatch, text, lines):
    source = tmp_path / "in.csv"
    source.write_bytes(text.encode("utf-8"))
    try:
        fast = read_batch_input(source, a_column=next(iter(csv.reader(io.StringIO(text.lstrip("\ufeff")))))[0])
    except Exception as exc:  # noqa: BLE001 - then the general path must fail the same way
        cell_by_cell(monkeypatch)
        with pytest.raises(type(exc), match="."):
            read_batch_input(source, a_column=next(iter(csv.reader(io.StringIO(text.lstrip("\ufeff")))))[0])
        return
    assert (type(fast.records).__name__ == "_CsvLines") is lines
    cell_by_cell(monkeypatch)
    slow = read_batch_input(source, a_column=fast.a_column)
    assert list(fast.records) == list(slow.records) and fast.columns == slow.columns


def test_line_path_resumes_byte_for_byte_with_the_same_keys(tmp_path):
    source = make_repeated(tmp_path / "in.csv", 2000)
    data = read_batch_input(source)
    assert type(data.records).__name__ == "_CsvLines"
    full = tmp_path / "full.csv"
    run_batch(source, full, measure="geodesic", workers=1)
    expected = full.read_bytes()
    rows = read_csv(full)
    for number in (1, 2, 777, 2000):  # the key resume checks is row_key's
        assert rows[number - 1]["key"] == row_key(number, data.records[number - 1], measure="geodesic")
    part = tmp_path / "part.csv"
    for cut in (len(expected) // 3, len(expected) - 5, 100):
        part.write_bytes(expected[:cut])
        summary = run_batch(source, part, measure="geodesic", workers=2, resume=True)
        assert part.read_bytes() == expected, cut
        assert summary.resumed == max(0, expected[:cut].count(b"\n") - 1)  # whole rows after the header
