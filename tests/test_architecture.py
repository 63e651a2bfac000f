"""The rules of the house (DESIGN.md, "The house"): who may import whom inside ``geo``.

The import graph is read from the source with :mod:`ast`, lazy imports inside functions
included, so a rule cannot be dodged by importing late. A new module falls under the rule of
its wing; a new wing must be given a rule here before its imports are allowed.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT / "geo"

#: The ground floor: values, errors, units, files. It imports nothing above itself.
GROUND = ("geo.types", "geo.errors", "geo.units", "geo.fileio")

#: What each wing may import inside ``geo`` besides itself (prefixes). ``maps`` and ``cli``
#: are never allowed: the library knows no map and no command line.
ALLOWED: dict[str, tuple[str, ...]] = {
    "ground": GROUND,
    "geo": GROUND,  # the package's __init__: cheap, the rest loads lazily by name
    "geo.geodesy": GROUND,
    # Measuring never judges, and places are found without reading articles or routing.
    "geo.places": (*GROUND, "geo.geodesy"),
    "geo.sea": (*GROUND, "geo.geodesy"),
    # Text finds places and claims; it measures nothing (geo.text.article, which runs the
    # whole pipeline for one article, is the one module that calls geo.pair).
    "geo.text": (*GROUND, "geo.geodesy", "geo.places"),
    "geo.verdict": (*GROUND, "geo.geodesy"),
    "geo.pair": (*GROUND, "geo.geodesy", "geo.places", "geo.sea", "geo.text.claims", "geo.text.linking", "geo.verdict"),
    "geo.present": (*GROUND, "geo.places"),
    "geo.batch": ("geo",),
}
EXCEPTIONS = {("geo.text.article", "geo.pair")}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(GEO.rglob("*.py"))}


def _imports(path: Path) -> set[str]:
    """First-party modules ``path`` imports anywhere in its body (``from pkg import sub``
    counts as importing ``pkg.sub``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = [f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in MODULES]
            found.update(subs)
            if len(subs) < len(node.names):
                found.add(node.module)
    return {name for name in found if name.split(".")[0] in ("geo", "maps", "cli")}


GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def _wing(module: str) -> str:
    if module in GROUND:
        return "ground"
    if module == "geo":
        return "geo"
    return ".".join(module.split(".")[:2])


def _allowed(importer: str, imported: str) -> bool:
    if (importer, imported) in EXCEPTIONS:
        return True
    wing = _wing(importer)
    if wing not in ALLOWED:
        return False
    if imported == wing or imported.startswith(wing + "."):
        return True
    return any(imported == p or imported.startswith(p + ".") for p in ALLOWED[wing])


def test_the_graph_sees_the_wings():
    # Guards the walker itself: if it found nothing, every rule below would pass vacuously.
    assert {"geo.places.gazetteer", "geo.sea.route", "geo.text.article", "geo.batch.runner"} <= set(MODULES)
    assert "geo.places.gazetteer" in GRAPH["geo.text.mentions"]
    assert "geo.sea.route" in GRAPH["geo.pair"]


def test_no_module_of_geo_imports_cli_or_maps():
    offenders = sorted((m, i) for m, deps in GRAPH.items() for i in deps if i.split(".")[0] in ("cli", "maps"))
    assert offenders == []


def test_every_import_inside_geo_follows_the_house_rules():
    offenders = sorted((m, i) for m, deps in GRAPH.items() for i in deps if not _allowed(m, i))
    assert offenders == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    state: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_there_is_no_import_cycle_in_geo():
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


@pytest.mark.parametrize("package", ["geo.places", "geo.text", "geo.sea", "geo.batch"])
def test_each_wing_says_what_it_owns_and_must_not_import(package):
    doc = ast.get_docstring(ast.parse(MODULES[package].read_text(encoding="utf-8")))
    assert doc and "Owns:" in doc and "Must not import" in doc


def test_import_geo_loads_no_wing_and_no_heavy_library():
    code = (
        "import sys, geo; "
        "print(sorted(m for m in sys.modules if m.startswith('geo.') or m in ('numpy', 'pyproj', 'shapely')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "['geo.errors', 'geo.types']"
