"""The layout shows the design: modules import each other one way.

Records (``models``) and their rules sit at the bottom, the backends (``graph``, ``store``)
above them, the queries over the backend protocol, and the display is a leaf that every
object can render itself with. No two modules import each other, at the top or inside a
function: ``ClaimGraph.save`` calls the writer (``claimgraph.writer``), which needs only the
graph's public reading API, and the reader (``claimgraph.io``) sits above the graph.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

import claimgraph as cg

PACKAGE = Path(cg.__file__).resolve().parent
ALLOWED: set[frozenset[str]] = set()


def _runtime_imports(path: Path) -> set[str]:
    """The package modules a module imports when it runs (not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            skipped.update(id(n) for n in ast.walk(node))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and id(node) not in skipped:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(a.name for a in node.names)
    return found


def test_modules_import_each_other_one_way() -> None:
    graph = nx.DiGraph()
    for path in PACKAGE.glob("*.py"):
        for dep in _runtime_imports(path):
            if (PACKAGE / f"{dep}.py").exists() or (PACKAGE / dep).is_dir():
                graph.add_edge(path.stem, dep)
    graph.remove_nodes_from(["__init__", "__main__"])
    cycles = [c for c in nx.simple_cycles(graph) if len(c) > 1]
    assert all(frozenset(c) in ALLOWED for c in cycles), cycles


def test_display_is_a_leaf() -> None:
    assert _runtime_imports(PACKAGE / "display.py") <= {"_markup"}


def test_queries_know_only_the_backend_protocol() -> None:
    deps = _runtime_imports(PACKAGE / "queries.py")
    assert "backend" in deps
    assert not deps & {"graph", "store", "io"}
