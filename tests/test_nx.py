"""``g.nx`` is a genuine networkx graph of the records, and claimgraph leaves no trace on
the process (issue 11, parts 3 and 4).

- for any sequence of adds, updates and removes, ``g.nx`` is the graph of the records:
  the same nodes with data, and the same edges with keys and data, as a graph built anew
  from them, and as the edges the records' fields name (read in between or not: the cache is
  dropped on change); the record-derived indexes answer as a scan of the records would;
- every edge and node has an attribute dict of its own: setting an attribute on one edge
  changes no other edge and nothing in another graph;
- the collector is left as the caller had it and nothing is frozen: a user's reference
  cycle alive during a large build is collected afterwards.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import weakref
from collections.abc import Iterator
from typing import Any

import networkx as nx
import pytest
from fuzzing import FUZZ
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

import claimgraph as cg
from claimgraph.store import Store

# ---------------------------------------------------------------------------- helpers
Edge = tuple[str, str, str, tuple[tuple[str, Any], ...]]


def nodes_of(G: nx.MultiDiGraph[str]) -> dict[str, dict[str, Any]]:
    return {n: dict(d) for n, d in G.nodes(data=True)}


def edges_of(G: nx.MultiDiGraph[str]) -> set[Edge]:
    return {(u, v, k, tuple(sorted(d.items()))) for u, v, k, d in G.edges(keys=True, data=True)}


def expected_edges(g: cg.ClaimGraph) -> set[Edge]:
    """The edges the records' fields name, written out here from the models' fields."""
    out: set[Edge] = set()

    def add(u: str, v: str, rel: str, **extra: Any) -> None:
        out.add((u, v, rel, tuple(sorted({"type": rel, **extra}.items()))))

    for a in g.actors.values():
        for m in a.member_of:
            add(a.id, m, "member_of")
    for s in g.sources.values():
        for d in s.derived_from:
            add(s.id, d, "derived_from")
    for p in g.propositions.values():
        for q in p.contradicts:
            add(p.id, q, "contradicts")
        for q in p.implies:
            add(p.id, q, "implies")
    for st_ in g.statement_records.values():
        add(st_.id, st_.actor, "said_by")
        add(st_.id, st_.proposition, "about")
        for r in st_.reports:
            add(st_.id, r.source, "reported_in", **({"quote": r.quote} if r.quote else {}))
        for t in st_.responds_to:
            add(st_.id, t, "responds_to")
    for rv in g.reviews.values():
        add(rv.id, rv.proposition, "reviews")
        add(rv.id, rv.reviewer, "reviewed_by")
        if rv.statement is not None:
            add(rv.id, rv.statement, "reviews_statement")
    return out


def check_against_records(g: cg.ClaimGraph) -> None:
    """``g.nx`` and the indexes agree with the records and with a graph built anew."""
    G = g.nx
    again = cg.ClaimGraph(list(g)).nx
    assert nodes_of(G) == nodes_of(again) == {r.id: {"type": r.record_type, "record": r} for r in g}
    assert edges_of(G) == edges_of(again) == expected_edges(g)
    assert G.number_of_edges() == len(expected_edges(g))  # no edge twice
    assert nx.is_frozen(G)
    # the record-derived indexes, against a scan of the records
    stmts = list(g.statement_records.values())
    for src in g.sources:
        assert g.statements_in(src) == [s for s in stmts if any(r.source == src for r in s.reports)]
    for s in g.statement_records:
        assert g.responses_to(s) == [x for x in stmts if s in x.responds_to]
    for p in g.propositions:
        assert g.statements_about(p) == [s for s in stmts if s.proposition == p]
        assert g.reviews_of(p) == [r for r in g.reviews.values() if r.proposition == p]
        assert g.exclusive_with(p) == set(g.propositions[p].contradicts) | {
            q.id for q in g.propositions.values() if p in q.contradicts
        }

    def root(a: str) -> str:
        while g.actors[a].member_of:
            a = g.actors[a].member_of[0]
        return a

    sides = {a: root(a) for a in g.actors}
    assert g.roots() == sorted(a for a in g.actors if not g.actors[a].member_of)
    # every root is a side, an observer or a mediator: exactly one of them
    assert sorted([*g.sides(), *g.observers(), *g.mediators()]) == g.roots()
    assert {a: g.side(a) for a in g.actors} == sides
    for a in g.actors:
        assert g.members(a) == sorted(m for m in g.actors if sides[m] == a)


def all_edge_dicts(*graphs: nx.MultiDiGraph[str]) -> list[dict[str, Any]]:
    return [d for G in graphs for _, _, d in G.edges(data=True)]


# ---------------------------------------------------------------------------- property
IDS = st.integers(0, 5)


class Operations(RuleBasedStateMachine):
    """Adds, updates and removes of every record type, with ``g.nx`` read in between."""

    def __init__(self) -> None:
        super().__init__()
        self.g = cg.ClaimGraph()
        self.held: list[tuple[nx.MultiDiGraph[str], set[Edge]]] = []

    def _pick(self, ids: Any, data: st.DataObject, most: int = 2) -> list[str]:
        pool = sorted(ids)
        if not pool:
            return []
        return data.draw(st.lists(st.sampled_from(pool), max_size=most, unique=True))

    def _try(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        # a cycle, a conflict or a referred-to record: refused, and nothing changed
        with contextlib.suppress(cg.InvalidDataError, cg.ReferencedError):
            fn(*args, **kwargs)

    @rule(i=IDS, data=st.data())
    def add_actor(self, i: int, data: st.DataObject) -> None:
        parents = self._pick(self.g.actors, data)
        self._try(self.g.add_actor, id=f"a{i}", name=f"A{i}", member_of=parents)

    @rule(i=IDS, data=st.data())
    def add_source(self, i: int, data: st.DataObject) -> None:
        self._try(self.g.add_source, id=f"src{i}", derived_from=self._pick(self.g.sources, data))

    @rule(i=IDS, data=st.data())
    def add_proposition(self, i: int, data: st.DataObject) -> None:
        props = self.g.propositions
        self._try(
            self.g.add_proposition,
            id=f"p{i}",
            text=f"P{i}.",
            contradicts=self._pick(props, data, 1),
            implies=self._pick(props, data, 1),
        )

    @precondition(lambda self: self.g.actors and self.g.propositions)
    @rule(i=st.integers(0, 9), data=st.data())
    def add_statement(self, i: int, data: st.DataObject) -> None:
        g = self.g
        reports = [
            {"source": s, "quote": data.draw(st.sampled_from([None, "q", "r"]))}
            for s in self._pick(g.sources, data)
        ]
        self._try(
            g.add_statement,
            id=f"s{i}",
            actor=data.draw(st.sampled_from(sorted(g.actors))),
            proposition=data.draw(st.sampled_from(sorted(g.propositions))),
            stance=data.draw(st.sampled_from(["asserts", "denies", "reports"])),
            said=data.draw(st.sampled_from([None, "2025", "2025-10", "2025-10-19"])),
            reports=reports,
            responds_to=self._pick(g.statement_records, data),
        )

    @precondition(lambda self: self.g.actors and self.g.propositions)
    @rule(data=st.data())
    def add_review(self, data: st.DataObject) -> None:
        g = self.g
        stmt = self._pick(g.statement_records, data, 1)
        self._try(
            g.add_review,
            proposition=data.draw(st.sampled_from(sorted(g.propositions))),
            reviewer=data.draw(st.sampled_from(sorted(g.actors))),
            statement=stmt[0] if stmt else None,
            rating="false",
        )

    @precondition(lambda self: len(self.g) > 0)
    @rule(data=st.data())
    def update(self, data: st.DataObject) -> None:
        g = self.g
        rec = data.draw(st.sampled_from(list(g)))
        if isinstance(rec, cg.Actor):
            changes: dict[str, Any] = {"member_of": self._pick(g.actors, data)}
        elif isinstance(rec, cg.Source):
            changes = {"derived_from": self._pick(g.sources, data)}
        elif isinstance(rec, cg.Proposition):
            changes = {"implies": self._pick(g.propositions, data, 1)}
        elif isinstance(rec, cg.Statement):
            changes = {
                "stance": data.draw(st.sampled_from(["asserts", "denies", "reports"])),
                "reports": [{"source": s} for s in self._pick(g.sources, data)],
                "responds_to": self._pick(g.statement_records, data),
            }
        else:
            changes = {"rating": data.draw(st.sampled_from(["true", "false"]))}
        self._try(g.update, rec.id, **changes)

    @precondition(lambda self: bool(self.g.statement_records) and bool(self.g.sources))
    @rule(data=st.data())
    def extend(self, data: st.DataObject) -> None:
        """A copy of a statement with one more report: the statement is extended in place."""
        g = self.g
        s = g.statement_records[data.draw(st.sampled_from(sorted(g.statement_records)))]
        src = data.draw(st.sampled_from(sorted(g.sources)))
        if all(r.source != src for r in s.reports):
            g.merge([s.model_copy(update={"reports": (*s.reports, cg.Report(source=src))})])

    @precondition(lambda self: len(self.g) > 0)
    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        self._try(self.g.remove, data.draw(st.sampled_from(sorted(r.id for r in self.g))))

    @rule()
    def look(self) -> None:
        """Read g.nx (and keep it): later reads must not be this stale graph."""
        G = self.g.nx
        self.held.append((G, edges_of(G)))

    @invariant()
    def nx_is_the_graph_of_the_records(self) -> None:
        if self.held and self.held[-1][0] is self.g.nx:
            # the cached graph, still current: it must equal the records
            assert edges_of(self.g.nx) == expected_edges(self.g)
        check_against_records(self.g)
        for G, edges in self.held:
            assert edges_of(G) == edges  # a graph handed out is never changed under its user


Operations.TestCase.settings = FUZZ
test_nx_is_the_graph_of_the_records = pytest.mark.fuzz(Operations.TestCase)


# ---------------------------------------------------------------------------- reproductions
def test_an_edge_attribute_changes_no_other_edge_and_no_other_graph(
    example_graph: cg.ClaimGraph,
) -> None:
    g = cg.load(cg.example_path())
    h = cg.load(cg.example_path())
    edge = next((u, v, k) for u, v, k in g.nx.edges(keys=True) if k == "said_by")
    others = [e for e in g.nx.edges(keys=True) if e != edge]
    before_g = {e: dict(g.nx.edges[e]) for e in others}
    before_h = {e: dict(h.nx.edges[e]) for e in h.nx.edges(keys=True)}
    nx.set_edge_attributes(g.nx, {edge: 0.5}, "weight")
    assert g.nx.edges[edge]["weight"] == 0.5
    assert {e: dict(g.nx.edges[e]) for e in others} == before_g
    assert {e: dict(h.nx.edges[e]) for e in h.nx.edges(keys=True)} == before_h
    assert all("weight" not in d for d in all_edge_dicts(h.nx, example_graph.nx))
    assert all("weight" not in d for d in all_edge_dicts(cg.ClaimGraph(list(g)).nx))


def test_no_attribute_dict_is_shared() -> None:
    from benchmarks.generate import generate

    g = cg.ClaimGraph(generate(2000, seed=4))
    h = cg.ClaimGraph(list(g))
    dicts = all_edge_dicts(g.nx, h.nx)
    assert len(dicts) == 2 * g.nx.number_of_edges() > 2000
    assert len({id(d) for d in dicts}) == len(dicts)  # every pair of edges: distinct dicts
    nodes = [d for G in (g.nx, h.nx) for _, d in G.nodes(data=True)]
    assert len({id(d) for d in nodes + dicts}) == len(nodes) + len(dicts)
    # per node pair, the key dicts are the graph's own too (none shared between pairs)
    keydicts = [keys for G in (g.nx, h.nx) for nbrs in G.adj.values() for keys in nbrs.values()]
    assert len({id(k) for k in keydicts}) == len(keydicts)


def test_attributes_set_by_the_user_stay_on_that_networkx_graph() -> None:
    g = cg.ClaimGraph([cg.Actor(id="a", name="A"), cg.Actor(id="b", name="B", member_of=["a"])])
    G = g.nx
    G.edges["b", "a", "member_of"]["weight"] = 2
    G.nodes["a"]["colour"] = "red"
    assert g.nx is G and g.nx.edges["b", "a", "member_of"]["weight"] == 2
    assert g.get("a") == cg.Actor(id="a", name="A")  # the records are not touched
    g.add_actor(id="c", name="C")
    assert g.nx is not G
    assert g.nx.edges["b", "a", "member_of"] == {"type": "member_of"}
    assert "colour" not in g.nx.nodes["a"]
    with pytest.raises(nx.NetworkXError):
        G.add_edge("a", "b")  # frozen: the structure cannot drift from the records


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def _actors(n: int) -> Iterator[cg.Actor]:
    for i in range(n):
        yield cg.Actor(id=f"a{i}", name=f"A{i}", member_of=[f"a{i // 10}"] if i else [])


def test_a_users_cycle_alive_during_a_large_build_is_collected() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        cycle = _Cycle()
        ref = weakref.ref(cycle)
        g = cg.ClaimGraph(_actors(110_000))
        assert len(g.actors) == 110_000 and gc.isenabled()
        del cycle
        gc.collect()
        assert ref() is None  # not moved out of the collector's reach
        assert gc.get_freeze_count() == 0
        del g
    finally:
        if not was:
            gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_library_calls_leave_the_collector_as_they_found_it(enabled: bool, tmp_path: Any) -> None:
    was = gc.isenabled()
    frozen = gc.get_freeze_count()
    path = tmp_path / "g.json"
    calls = {
        "add_all": lambda: cg.ClaimGraph().add_all(cg.load(cg.example_path())),
        "load": lambda: cg.load(cg.example_path()),
        "loads": lambda: cg.loads(cg.dumps(cg.load(cg.example_path()))),
        "save": lambda: cg.save(cg.load(cg.example_path()), path),
        "queries": lambda: cg.load(cg.example_path()).contradictions(),
    }
    try:
        (gc.enable if enabled else gc.disable)()
        for name, call in calls.items():
            call()
            assert gc.isenabled() is enabled, name
        with Store(":memory:") as store:
            store.add_all(cg.load(cg.example_path()))
            assert gc.isenabled() is enabled
            found = store.contradictions()
            assert found and gc.isenabled() is enabled
            list(itertools.chain.from_iterable(c.statements for c in found))  # lazy groups
            assert store.load(proposition="militants-sheltered").statement_records
            assert gc.isenabled() is enabled
        with pytest.raises(cg.ClaimGraphError):
            cg.loads("{not json", format="json")
        assert gc.isenabled() is enabled  # on an error too
        assert gc.get_freeze_count() == frozen
    finally:
        (gc.enable if was else gc.disable)()


def test_the_package_source_has_no_gc_freeze_nor_shared_edge_dicts() -> None:
    import re
    from pathlib import Path

    # the frozen-heap trick, the shared dicts, and writes through networkx's private dicts
    banned = re.compile(r"gc\.freeze|_KEY_DICTS|_EDGE_ATTRS|\._(succ|pred|node|adj)\b")
    for path in Path(cg.__file__).parent.rglob("*.py"):
        found = banned.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path.name}: {found and found.group()}"
