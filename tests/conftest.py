"""Shared fixtures: the worked example, a small-graph builder and temporary files."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

import claimgraph as cg

SLOW_MODULES = frozenset(
    {"test_quality", "test_docs", "test_benchmarks", "test_browser", "test_saves"}
)
"""Test modules that are slow gates (type check, docs build, benchmark smoke runs, the
browser, the kill loops): marked ``slow`` so ``pytest -m "not slow"`` skips them locally.
CI runs everything."""


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and module.__name__.rpartition(".")[2] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


Stmt = tuple[Any, ...]
"""A statement for :func:`build`: ``(actor, proposition, stance[, said[, id]])``."""


def build(
    statements: Iterable[Stmt] = (),
    *,
    sides: Iterable[str] = ("a", "b", "c"),
    members: dict[str, str] | None = None,
    propositions: dict[str, dict[str, Any]] | None = None,
    sources: Iterable[str] = (),
) -> cg.ClaimGraph:
    """A small graph from plain tuples.

    ``sides`` are top-level actors; ``members`` maps a member actor to the actor it
    belongs to; ``propositions`` maps an id to extra fields (``contradicts``, ``implies``);
    every proposition a statement names is created with its id as text.
    """
    members = members or {}
    propositions = dict(propositions or {})
    statements = list(statements)
    for st in statements:
        propositions.setdefault(st[1], {})
    records: list[cg.Record] = [cg.Actor(id=s, name=s.upper()) for s in sides]
    records += [cg.Actor(id=m, name=m.upper(), member_of=[p]) for m, p in members.items()]
    records += [cg.Source(id=s, title=s) for s in sources]
    for pid, fields in propositions.items():
        fields = dict(fields)
        fields.setdefault("text", f"Proposition {pid}.")
        records.append(cg.Proposition(id=pid, **fields))
    for st in statements:
        actor, prop, stance, *rest = st
        fields = {"actor": actor, "proposition": prop, "stance": stance}
        if rest and rest[0] is not None:
            fields["said"] = rest[0]
        if len(rest) > 1:
            fields["id"] = rest[1]
        records.append(cg.Statement(**fields))
    return cg.ClaimGraph(records)


@pytest.fixture(scope="session")
def example_file() -> Path:
    """The path of the Istanbul example."""
    return cg.example_path()


@pytest.fixture
def example_graph(example_file: Path) -> cg.ClaimGraph:
    """The Istanbul example, freshly loaded (tests may change it)."""
    return cg.load(example_file)


@pytest.fixture
def tiny_graph() -> Callable[..., cg.ClaimGraph]:
    """The :func:`build` helper: ``tiny_graph([("a", "p", "asserts"), ...])``."""
    return build


@pytest.fixture
def tmp_file(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write ``text`` to a file called ``name`` in a temporary directory; return its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def dedent_file(tmp_file: Callable[[str, str], Path]) -> Callable[[str, str], Path]:
    """Like ``tmp_file`` but dedents the text and drops its first newline, so that line
    numbers in the test source and in the file agree: line 1 is the first line after
    the opening triple quote."""

    def write(name: str, text: str) -> Path:
        return tmp_file(name, textwrap.dedent(text).removeprefix("\n"))

    return write
