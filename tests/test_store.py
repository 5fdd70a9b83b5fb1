"""The embedded store gives the same answers as the in-memory graph, keeps the ingestion rules
of ``ClaimGraph.add_all``, resumes interrupted ingestions, checks its format version and lets
readers read while a writer appends."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import pickle
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimgraph as cg
import claimgraph.store as store_module
from claimgraph.store import FORMAT_VERSION, Store

ROOT = Path(__file__).resolve().parents[1]


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "_store_generate", ROOT / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generate: Callable[..., list[cg.Record]] = _load_generator().generate


# ----------------------------------------------------------------------------- fixtures
@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "test.cgdb") as store:
        yield store


def _edge_records() -> list[cg.Record]:
    """A small corpus with every kind of clash and the corner cases of dates and relations."""
    A, P, S, St = cg.Actor, cg.Proposition, cg.Source, cg.Statement
    return [
        A(id="north", name="North", kind="state"),
        A(id="south", name="South", kind="state"),
        A(id="west", name="West", kind="state"),
        A(id="north-gov", name="Government of North", member_of=["north"]),
        A(id="north-fm", name="North's foreign minister", member_of=["north-gov", "west"]),
        A(id="south-gov", name="Government of South", member_of=["south"]),
        A(id="officials", name="Officials", kind="group", member_of=["south-gov"]),
        S(id="wire", url="https://wire.example/1", publisher="Wire", published="2025-10-01"),
        S(id="reprint", url="https://paper.example/1", derived_from=["wire"]),
        S(id="rewrite", title="A rewrite", derived_from=["reprint"]),
        S(id="post", kind="post", published="2025"),
        # opposite stances, with a reversal of the north
        P(id="p-shelter", text="Militants are sheltered across the border."),
        # exclusive, declared both ways
        P(id="p-a", text="The convoy was attacked.", contradicts=["p-b"]),
        P(id="p-b", text="The convoy arrived safely.", contradicts=["p-a"]),
        # exclusive, declared once, both asserted by one side
        P(id="p-c", text="The talks collapsed."),
        P(id="p-d", text="The talks continue.", contradicts=["p-c"]),
        # implication chain p-e → p-f → p-g, with a cycle back to p-e
        P(id="p-g", text="Troops are near the border.", implies=["p-e"]),
        P(id="p-f", text="Troops moved.", implies=["p-g"]),
        P(id="p-e", text="Troops crossed the border.", implies=["p-f"]),
        # common ground
        P(id="p-ceasefire", text="The ceasefire is extended."),
        P(id="p-monitor", text="A monitoring mechanism is set up."),
        P(id="p-lonely", text="Only one side says this."),
        St(
            id="s1",
            actor="north-fm",
            proposition="p-shelter",
            said="2025-10",
            reports=[
                {"source": "wire", "quote": "They are sheltered"},
                {"source": "reprint", "quote": "They are sheltered"},
            ],
        ),
        St(
            id="s2",
            actor="officials",
            proposition="p-shelter",
            stance="denies",
            said="2025-10-19T08:00Z",
            reports=[{"source": "rewrite"}],
            responds_to=["s1"],
        ),
        St(
            id="s3",
            actor="north",
            proposition="p-shelter",
            stance="denies",
            said="2025-11-02",
            reports=[{"source": "post"}],
        ),
        St(id="s4", actor="south", proposition="p-shelter", said="2025"),
        St(id="s5", actor="north-gov", proposition="p-a", said="2025-09-30"),
        St(id="s6", actor="south-gov", proposition="p-b", said="2025-10-02", kind="report"),
        St(id="s7", actor="south", proposition="p-c", said="2025-10-05"),
        St(id="s8", actor="officials", proposition="p-d", said="2025-11"),
        St(id="s9", actor="north", proposition="p-e", kind="accusation", said="2025-10-10"),
        St(id="s10", actor="south", proposition="p-g", stance="denies", said="2025-10-11"),
        St(id="s11", actor="north-gov", proposition="p-f", stance="denies", kind="rejection"),
        St(id="s12", actor="north", proposition="p-ceasefire", kind="agreement", said="2025-10-20"),
        St(id="s13", actor="south", proposition="p-ceasefire", kind="agreement", said="2025-10-20"),
        St(id="s14", actor="west", proposition="p-ceasefire", said="2025-10-21"),
        St(id="s15", actor="north", proposition="p-monitor", said="2025-10-20", kind="proposal"),
        St(id="s16", actor="officials", proposition="p-monitor", said="2025-10"),
        St(id="s17", actor="south", proposition="p-lonely", kind="demand"),
    ]


def _istanbul() -> list[cg.Record]:
    return list(cg.load(cg.example_path()))


CORPORA: dict[str, Callable[[], list[cg.Record]]] = {
    "istanbul": _istanbul,
    "edge": _edge_records,
    "generated-0": lambda: generate(3000, seed=0),
    "generated-7": lambda: generate(1500, seed=7),
}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def pair(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[cg.ClaimGraph, Store]]:
    """The same records in memory and in a store (added in small batches)."""
    records = CORPORA[request.param]()
    graph = cg.ClaimGraph(records)
    path = tmp_path_factory.mktemp("store") / f"{request.param}.cgdb"
    with Store(path) as store:
        store.add_all(records, batch_size=397)
        yield graph, store


# ----------------------------------------------------------------------------- comparison
def _signature(c: cg.Contradiction) -> tuple[Any, ...]:
    return (
        c.kind,
        c.basis,
        c.propositions,
        c.texts,
        c.sides,
        tuple(
            (g.stance, g.proposition, g.sides, g.actors, tuple(s.id for s in g.statements))
            for g in c.groups
        ),
        c.explanation,
    )


def _same_contradictions(store: list[cg.Contradiction], memory: list[cg.Contradiction]) -> None:
    assert {_signature(c) for c in store} == {_signature(c) for c in memory}
    assert [_signature(c) for c in store] == [_signature(c) for c in memory]
    assert store == memory  # the very records, quotes and all


def _same_statements(
    graph: cg.ClaimGraph,
    store: list[cg.Statement],
    memory: list[cg.Statement],
    *,
    ordered: bool = True,
) -> None:
    """The same statements; in the order they were added unless records had to wait."""
    assert sorted(store, key=lambda s: s.id) == sorted(memory, key=lambda s: s.id)
    if ordered:
        position = {sid: i for i, sid in enumerate(graph.statement_records)}
        assert [s.id for s in store] == sorted((s.id for s in memory), key=position.__getitem__)


def _sample(graph: cg.ClaimGraph) -> dict[str, Any]:
    """Ids to filter on: a contested proposition, related ones, busy actors and sources."""
    cs = graph.contradictions()
    by_basis = {c.basis: c for c in reversed(cs)}
    props = [c.proposition for c in by_basis.values()] + [next(iter(graph.propositions))]
    busiest = sorted(graph.actors, key=lambda a: -len(graph.statements_by(a)))
    sources = sorted(graph.sources, key=lambda s: -len(graph.statements_in(s)))
    sides = graph.sides()
    return {
        "props": list(dict.fromkeys(props)),
        "actors": busiest[:2],
        "sides": sides,
        "sources": sources[:2],
        "between": [(sides[0], sides[1]), (sides[-1], sides[0])],
        "related": [p for c in cs if c.basis != "opposite_stances" for p in c.propositions][:4],
    }


DATES: list[dict[str, str]] = [
    {},
    {"since": "2025-10-15"},
    {"until": "2025-10"},
    {"since": "2025-10-02", "until": "2025-10-19"},
    {"since": "2024-03", "until": "2024-06-10"},
    {"since": "2024-12-31"},
    {"until": "2024"},
    {"since": "2025"},
]


# ----------------------------------------------------------------------------- same answers
def test_contradictions_equal_in_memory(pair: tuple[cg.ClaimGraph, Store]) -> None:
    graph, store = pair
    ids = _sample(graph)
    cases: list[dict[str, Any]] = [{}, {"kind": "dispute"}, {"kind": "inconsistency"}]
    cases += [{"between": b} for b in ids["between"]]
    cases += [{"between": b, "kind": "inconsistency"} for b in ids["between"]]
    cases += [{"proposition": p} for p in ids["props"] + ids["related"]]
    cases += [dict(d) for d in DATES[1:]]
    cases += [{"kind": "dispute", **d} for d in DATES[1:4]]
    cases += [{"proposition": ids["props"][0], **d} for d in DATES[1:4]]
    for case in cases:
        _same_contradictions(store.contradictions(**case), graph.contradictions(**case))
    # the cases are not vacuous
    assert store.contradictions()


def test_agreements_equal_in_memory(pair: tuple[cg.ClaimGraph, Store]) -> None:
    graph, store = pair
    sides = graph.sides()
    cases: list[dict[str, Any]] = [{}, {"min_sides": 1}, {"min_sides": 3}, {"min_sides": 0}]
    cases += [{"side": sides[0]}, {"side": sides[:2]}, {"side": sides[-1], "min_sides": 1}]
    cases += [dict(d) for d in DATES[1:]]
    cases += [{"min_sides": 1, **d} for d in DATES[1:4]]
    for case in cases:
        assert store.agreements(**case) == graph.agreements(**case), case
    assert store.agreements(min_sides=1)


def test_statements_equal_in_memory(pair: tuple[cg.ClaimGraph, Store]) -> None:
    graph, store = pair
    ids = _sample(graph)
    kinds = sorted({s.kind for s in graph.statement_records.values()})
    cases: list[dict[str, Any]] = [{}]
    cases += [{"actor": a} for a in ids["actors"]] + [{"actor": ids["actors"]}]
    cases += [{"side": s} for s in ids["sides"]] + [{"side": ids["sides"][:2]}]
    cases += [{"proposition": p} for p in ids["props"]] + [{"proposition": ids["props"]}]
    cases += [{"kind": k} for k in kinds[:4]] + [
        {"kind": kinds}
    ]  # an unknown kind raises (test_queries)
    cases += [{"stance": "asserts"}, {"stance": "denies"}]
    cases += [{"source": s} for s in ids["sources"]] + [{"source": ids["sources"]}]
    cases += [dict(d) for d in DATES[1:]]
    cases += [{"side": ids["sides"][0], "stance": "denies", **DATES[3]}]
    cases += [{"actor": ids["actors"][0], "kind": kinds, **DATES[1]}]
    cases += [{"source": ids["sources"], "proposition": ids["props"], "since": "2024"}]
    for case in cases:
        _same_statements(graph, store.statements(**case), graph.statements(**case))
        assert store.timeline(**case) == graph.timeline(**case)


def test_slices_equal_in_memory_subgraph(pair: tuple[cg.ClaimGraph, Store]) -> None:
    graph, store = pair
    ids = _sample(graph)
    cases: list[dict[str, Any]] = [
        {"proposition": ids["props"][0]},
        {"proposition": ids["related"] or ids["props"]},
        {"actor": ids["actors"][0]},
        {"side": ids["sides"][0]},
        {"since": "2025-10-02", "until": "2025-10-19"},
        {"since": "2024-03", "until": "2024-04"},
        {"side": ids["sides"][1], "kind": "denial", "until": "2024-12"},
        {"source": ids["sources"][0]},
    ]
    for case in cases:
        sliced = store.load(**case)
        assert sliced == _subgraph(graph, graph.statements(**case)), case
        assert {s.id for s in store.statements(**case)} <= set(sliced.statement_records)
    assert store.load() == graph


def _subgraph(graph: cg.ClaimGraph, statements: Iterable[cg.Statement]) -> cg.ClaimGraph:
    """The statements with every record they need, following references to the end."""
    keep: dict[str, cg.Record] = {}
    todo = [s.id for s in statements]
    while todo:
        rid = todo.pop()
        if rid in keep:
            continue
        rec = graph.get(rid)
        keep[rid] = rec
        todo += [target for _f, _t, target in rec.references()]
    return cg.ClaimGraph(r for r in graph if r.id in keep)


def test_records_come_back_equal_and_dump_the_same(pair: tuple[cg.ClaimGraph, Store]) -> None:
    graph, store = pair
    rows = dict(store._conn.execute("SELECT id, json FROM statement").fetchall())
    for s in store.statements():
        original = graph.statement_records[s.id]
        assert s == original
        assert s.model_fields_set == original.model_fields_set
        assert s.model_dump_json(exclude_unset=True) == rows[s.id]
        assert rows[s.id] == original.model_dump_json(exclude_unset=True)
    for rec in list(graph.actors.values())[:20] + list(graph.sources.values())[:20]:
        assert store.get(rec.id) == rec
    assert {a: store.side(a) for a in graph.actors} == {a: graph.side(a) for a in graph.actors}
    assert store.sides() == graph.sides()
    counts = store.counts()
    assert counts["statements"] == len(graph.statement_records)
    assert counts["actors"] == len(graph.actors)


# ----------------------------------------------------------------------------- property
_DATES = st.one_of(
    st.none(),
    st.sampled_from(["2024", "2025", "2024-12", "2025-01", "2025-02", "2024-12-31", "2025-01-01"]),
    st.sampled_from(["2025-01-15", "2025-02-28", "2025-01-15T10:00Z", "2025-03-01"]),
)


@st.composite
def _corpora(draw: st.DrawFn) -> list[cg.Record]:
    n_props = draw(st.integers(1, 6))
    props = [f"q{i}" for i in range(n_props)]
    records: list[cg.Record] = [
        cg.Actor(id="a", name="A"),
        cg.Actor(id="b", name="B"),
        cg.Actor(id="c", name="C"),
        cg.Actor(id="a1", name="A one", member_of=["a"]),
        cg.Actor(id="b1", name="B one", member_of=["b"]),
    ]
    for i, p in enumerate(props):
        earlier = props[:i]
        contradicts = draw(st.lists(st.sampled_from(earlier), max_size=2)) if earlier else []
        implies = draw(st.lists(st.sampled_from(props), max_size=2))
        records.append(
            cg.Proposition(id=p, text=f"Claim {p}.", contradicts=contradicts, implies=implies)
        )
    n = draw(st.integers(0, 14))
    for j in range(n):
        records.append(
            cg.Statement(
                id=f"s{j}",
                actor=draw(st.sampled_from(["a", "b", "c", "a1", "b1"])),
                proposition=draw(st.sampled_from(props)),
                stance=draw(st.sampled_from(["asserts", "denies"])),
                said=draw(_DATES),
            )
        )
    return records


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    records=_corpora(),
    dates=st.sampled_from([*DATES[:4], {"since": "2025-01-15"}, {"until": "2024-12-31"}]),
)
def test_random_corpora_give_the_same_answers(
    records: list[cg.Record], dates: dict[str, Any]
) -> None:
    graph = cg.ClaimGraph(records)
    with Store(":memory:") as store:
        store.add_all(records, batch_size=3)
        _same_contradictions(store.contradictions(**dates), graph.contradictions(**dates))
        for p in list(graph.propositions)[:2]:
            kw: dict[str, Any] = {"proposition": p, **dates}
            _same_contradictions(store.contradictions(**kw), graph.contradictions(**kw))
        for between in (("a", "b"), ("c", "a")):
            kw = {"between": between, **dates}
            _same_contradictions(store.contradictions(**kw), graph.contradictions(**kw))
        for min_sides in (1, 2):
            kw = {"min_sides": min_sides, **dates}
            assert store.agreements(**kw) == graph.agreements(**kw)
        # with batches of 3, a proposition implying a later one waits for it (and so do the
        # statements about it): the store's order of insertion is not the input's
        got = store.statements(**dates)
        _same_statements(graph, got, graph.statements(**dates), ordered=False)
        assert store.load() == graph


# ----------------------------------------------------------------------------- ingestion
def _contents(store: Store) -> list[tuple[Any, ...]]:
    """Everything stored, table by table (for "nothing changed" checks)."""
    conn = store._conn
    out: list[tuple[Any, ...]] = []
    for table in ("actor", "source", "proposition", "relation", "statement", "report", "meta"):
        out += [(table, *row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]  # noqa: S608 - constant table names
    return out


def test_add_all_reports_what_claimgraph_reports(fresh_store: Store) -> None:
    records = _edge_records()
    graph = cg.ClaimGraph()
    for batch_size in (None, 4):
        assert repr(fresh_store.add_all(records, batch_size=batch_size)) == repr(
            graph.add_all(records)
        )
    first = fresh_store.add_all(records[:5])
    assert (first.added, first.extended, first.unchanged) == ([], [], 5)
    # the same statement from another outlet: united, not a conflict
    more = cg.Statement(
        id="s4",
        actor="south",
        proposition="p-shelter",
        said="2025",
        reports=[{"source": "post", "quote": "It is true"}],
        responds_to=["s3"],
    )
    got, want = fresh_store.add_all([more]), graph.add_all([more])
    assert (got.added, got.extended, got.unchanged) == (want.added, want.extended, want.unchanged)
    assert got.extended == ["s4"]
    assert fresh_store.get("s4") == graph.get("s4")
    assert [s.id for s in fresh_store.statements(source="post")] == ["s3", "s4"]
    assert fresh_store.load() == graph


def test_reingesting_changes_nothing(fresh_store: Store) -> None:
    records = generate(800, seed=3)
    fresh_store.add_all(records, batch_size=250)
    before = _contents(fresh_store)
    again = fresh_store.add_all(records, batch_size=100)
    assert not again.changed
    assert again.unchanged == len(records)
    # records equal as models but built with other fields "set" are unchanged too
    rebuilt = [type(r).model_validate(r.model_dump()) for r in records[:50]]
    assert not fresh_store.add_all(rebuilt).changed
    assert _contents(fresh_store) == before


def test_a_review_is_refused_with_a_documented_error_and_nothing_of_its_batch_stored(
    fresh_store: Store,
) -> None:
    g = cg.load(cg.example_path())
    g.add_actor(id="desk", name="Fact Desk", kind="outlet")
    review = g.add_review(proposition="offer-rejected", reviewer="desk", textual_rating="False")
    with pytest.raises(cg.InvalidDataError) as info:
        fresh_store.add_all(g, batch_size=None)
    assert [(e.code, e.record) for e in info.value.errors] == [
        ("unsupported_record", f"review '{review.id}'")
    ]
    assert set(fresh_store.counts().values()) == {0}
    with pytest.raises(TypeError):
        fresh_store.add_all(["not a record"])  # type: ignore[list-item]


def test_interrupted_ingestion_resumes(tmp_path: Path) -> None:
    records = generate(1000, seed=5)
    cut = len(records) * 2 // 3

    def crashing() -> Iterator[cg.Record]:
        yield from records[:cut]
        raise RuntimeError("the feed went away")

    with Store(tmp_path / "resumed.cgdb") as store:
        with pytest.raises(RuntimeError, match="feed went away"):
            store.add_all(crashing(), batch_size=64)
        stored = sum(store.counts().values())
        assert stored == cut // 64 * 64  # every full batch, nothing of the cut one
        resumed = store.add_all(records, batch_size=64)
        assert resumed.unchanged == stored
        assert len(resumed.added) == len(records) - stored
        assert not resumed.extended
    with Store(tmp_path / "clean.cgdb") as clean:
        clean.add_all(records, batch_size=64)
        with Store(tmp_path / "resumed.cgdb") as store:
            assert _contents(store) == _contents(clean)
            assert store.load() == cg.ClaimGraph(records)


def test_bulk_and_live_ingestion_store_the_same(tmp_path: Path) -> None:
    records = generate(700, seed=4)
    half = len(records) // 2
    with Store(tmp_path / "live.cgdb") as live, Store(tmp_path / "bulk.cgdb") as bulk:
        live.add_all(records[:half], bulk=False)
        live.add_all(records[half:], bulk=False)
        bulk.add_all(records[:half])  # an empty store: bulk by default
        bulk.add_all(records[half:], bulk=True)  # indexes dropped and rebuilt again
        assert _contents(live) == _contents(bulk)
        indexes = "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name"
        assert live._conn.execute(indexes).fetchall() == bulk._conn.execute(indexes).fetchall()
        _same_contradictions(bulk.contradictions(), live.contradictions())


def test_a_crash_during_a_bulk_import_leaves_indexes_to_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "crash.cgdb"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX statement_proposition")  # as a bulk import that was killed
    conn.commit()
    conn.close()
    with Store(path, readonly=True) as reader:  # readers still get answers
        assert reader.counts()["statements"] == 0
    with Store(path) as store:
        names = {r[0] for r in store._conn.execute("SELECT name FROM sqlite_master")}
        assert "statement_proposition" in names


# the count table, and the same counts worked out from the statements
_RECOUNT = {
    "SELECT * FROM stance_count ORDER BY 1": "SELECT proposition, sum(stance = 'asserts'),"
    " sum(stance = 'denies'),"
    " CASE WHEN count(DISTINCT CASE WHEN stance = 'asserts' THEN side END) = 1"
    " THEN max(CASE WHEN stance = 'asserts' THEN side END) END,"
    " CASE WHEN count(DISTINCT CASE WHEN stance = 'denies' THEN side END) = 1"
    " THEN max(CASE WHEN stance = 'denies' THEN side END) END"
    " FROM statement GROUP BY proposition ORDER BY 1",
}


def _assert_counted(store: Store) -> None:
    """The counts are kept (their triggers are in place) and match the statements."""
    assert store._counted()
    conn = store._conn
    for stored, recount in _RECOUNT.items():
        assert conn.execute(stored).fetchall() == conn.execute(recount).fetchall()


def test_count_tables_follow_every_change(tmp_path: Path) -> None:
    records = _edge_records()
    graph = cg.ClaimGraph(records)
    with Store(tmp_path / "counts.cgdb") as store:
        store.add_all(records[:20], bulk=True)
        _assert_counted(store)
        store.add_all(records[20:], bulk=False, batch_size=3)  # counted row by row
        _assert_counted(store)
        # a statement moves to another proposition, changes its stance; a side changes
        for rid, changes in [
            ("s4", {"proposition": "p-lonely"}),
            ("s1", {"stance": "denies"}),
            ("north-gov", {"member_of": ["west"]}),
            ("s17", {"kind": "warning", "said": "2025-12"}),
        ]:
            store.update(rid, **changes)
            graph.update(rid, **changes)
            _assert_counted(store)
            _same_contradictions(store.contradictions(), graph.contradictions())
        # rows are removed when nothing is left to count
        store._conn.execute("DELETE FROM statement WHERE id = 's4'")
        _assert_counted(store)


def test_stores_without_count_tables_are_counted_when_opened_for_writing(
    tmp_path: Path,
) -> None:
    records = generate(1500, seed=7)
    graph = cg.ClaimGraph(records)
    path = tmp_path / "older.cgdb"
    with Store(path) as store:
        store.add_all(records)
    conn = sqlite3.connect(path)  # as an earlier release made it: no counts
    for name in store_module._COUNT_TRIGGERS:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE stance_count")
    conn.commit()
    conn.close()
    cases: list[dict[str, Any]] = [{}, {"kind": "inconsistency"}, {"since": "2025-10-15"}]
    cases += [
        {"between": tuple(graph.sides()[:2])},
        {"proposition": next(iter(graph.propositions))},
    ]
    with Store(path, readonly=True) as reader:  # read as they are: grouping the statements
        assert not reader._counted()
        for case in cases:
            _same_contradictions(reader.contradictions(**case), graph.contradictions(**case))
    with Store(path) as store:  # counted once, then kept
        _assert_counted(store)
        for case in cases:
            _same_contradictions(store.contradictions(**case), graph.contradictions(**case))
        # a bulk import cut short leaves the counts stale and the triggers dropped
        store._drop_indexes()
        more = cg.Statement(id="late", actor=records[0].id, proposition=records[-1].proposition)
        store.add_all([more], bulk=False)
        assert not store._counted()
    with Store(path) as store:
        _assert_counted(store)


def test_records_may_come_in_any_order(fresh_store: Store) -> None:
    records = generate(600, seed=2)
    shuffled = records[:]
    random.Random(1).shuffle(shuffled)  # noqa: S311 - a seeded shuffle, not cryptography
    statements_first = sorted(records, key=lambda r: r.record_type != "statement")
    result = fresh_store.add_all(statements_first, batch_size=50)
    assert len(result.added) == len(records)
    assert fresh_store.load() == cg.ClaimGraph(records)
    assert not fresh_store.add_all(shuffled, batch_size=7).changed


def test_conflicts_are_errors_and_their_batch_is_not_stored(fresh_store: Store) -> None:
    records = _edge_records()
    fresh_store.add_all(records)
    changed = cg.Statement(id="s5", actor="north-gov", proposition="p-a", said="2025-09-29")
    newcomer = cg.Actor(id="east", name="East")
    with pytest.raises(cg.ConflictError) as err:
        fresh_store.add_all([newcomer, changed])
    assert [e.code for e in err.value.errors] == ["conflict"]
    assert err.value.errors[0].record == "statement 's5'"
    assert "said" in err.value.errors[0].message
    assert "east" not in fresh_store
    # the batches before the conflicting one stay
    with pytest.raises(cg.ConflictError):
        fresh_store.add_all([newcomer, cg.Actor(id="x", name="X"), changed], batch_size=2)
    assert "east" in fresh_store and "x" in fresh_store
    # ids are unique across record types
    with pytest.raises(cg.ConflictError, match="different actor"):
        fresh_store.add_all([cg.Proposition(id="north", text="North is a proposition.")])
    # two copies in one input
    with pytest.raises(cg.ConflictError, match="earlier in the input"):
        fresh_store.add_all([cg.Actor(id="y", name="Y"), cg.Actor(id="y", name="Why")])
    assert fresh_store.load() == cg.ClaimGraph([*records, newcomer, cg.Actor(id="x", name="X")])


def test_unknown_references_name_both_records(fresh_store: Store) -> None:
    fresh_store.add_all(_edge_records())
    orphan = cg.Statement(id="orphan", actor="nobody", proposition="p-a")
    fine = cg.Actor(id="east", name="East")
    with pytest.raises(cg.UnknownReferenceError) as err:
        fresh_store.add_all([fine, orphan], batch_size=None)
    (detail,) = err.value.errors
    assert (detail.code, detail.record, detail.field) == (
        "unknown_reference",
        "statement 'orphan'",
        "actor",
    )
    assert "actor 'nobody'" in detail.message
    assert "east" not in fresh_store  # one batch: all or nothing
    # batched: what can be stored is, the rest is listed at the end
    with pytest.raises(cg.UnknownReferenceError) as err:
        fresh_store.add_all([orphan, fine], batch_size=1)
    assert [e.record for e in err.value.errors] == ["statement 'orphan'"]
    assert "east" in fresh_store and "orphan" not in fresh_store
    # a reference to a record of the wrong type
    wrong = cg.Statement(id="w", actor="p-a", proposition="p-a")
    with pytest.raises(cg.UnknownReferenceError) as err:
        fresh_store.add_all([wrong])
    assert [e.code for e in err.value.errors] == ["wrong_reference_type"]
    # and the graph says the same
    with pytest.raises(cg.UnknownReferenceError):
        cg.ClaimGraph([*_edge_records(), orphan])


def test_membership_cycles_are_errors(fresh_store: Store) -> None:
    loop = [
        cg.Actor(id="a", name="A", member_of=["b"]),
        cg.Actor(id="b", name="B", member_of=["a"]),
    ]
    for batch_size in (None, 1):
        with pytest.raises(cg.InvalidDataError) as err:
            fresh_store.add_all(loop, batch_size=batch_size)
        assert {e.code for e in err.value.errors} == {"membership_cycle"}
    assert fresh_store.counts()["actors"] == 0


def test_update_recomputes_sides(tmp_path: Path) -> None:
    records = _edge_records()
    graph = cg.ClaimGraph(records)
    path = tmp_path / "sides.cgdb"
    with Store(path) as store, Store(path) as other:
        store.add_all(records)
        early = cg.Statement(id="early", actor="north-fm", proposition="p-lonely")
        other.add_all([early])  # `other` now knows the sides as they were
        graph.add_all([early])
        # the foreign minister's government defects to the west
        graph.update("north-gov", member_of=["west"])
        store.update("north-gov", member_of=["west"])
        assert store.side("north-fm") == graph.side("north-fm") == "west"
        _same_statements(graph, store.statements(side="west"), graph.statements(side="west"))
        _same_contradictions(store.contradictions(), graph.contradictions())
        assert store.agreements(min_sides=1) == graph.agreements(min_sides=1)
        # another connection appending afterwards uses the new sides
        late = cg.Statement(id="late", actor="north-fm", proposition="p-lonely", stance="denies")
        other.add_all([late])
        graph.add_all([late])
        got = store.statements(side="west", proposition="p-lonely")
        assert [s.id for s in got] == ["early", "late"]
        _same_contradictions(store.contradictions(), graph.contradictions())
        # other updates, checked like the graph checks them
        store.update("s17", kind="warning", said="2025-12")
        graph.update("s17", kind="warning", said="2025-12")
        store.update("p-c", implies=["p-d"])
        graph.update("p-c", implies=["p-d"])
        _same_contradictions(store.contradictions(), graph.contradictions())
        assert store.load() == graph
        with pytest.raises(cg.InvalidDataError, match="membership_cycle") as err:
            store.update("west", member_of=["north-fm"])
        assert type(err.value) is cg.InvalidDataError  # as in the graph: no unknown reference
        with pytest.raises(cg.UnknownReferenceError):
            store.update("s1", actor="nobody")
        with pytest.raises(cg.NotFoundError):
            store.update("nothing", name="x")
        with pytest.raises(cg.InvalidDataError):
            store.update("s1", id="s1-renamed")
        assert store.load() == graph


# ----------------------------------------------------------------------------- lazy groups
def _count_decoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the id of every statement rebuilt from its stored JSON."""
    decoded: list[str] = []
    rebuild = store_module._REBUILD["statement"]

    def counting(d: dict[str, Any]) -> cg.Record:
        decoded.append(d["id"])
        return rebuild(d)

    monkeypatch.setitem(store_module._REBUILD, "statement", counting)
    return decoded


@pytest.mark.parametrize("case", [{}, {"kind": "inconsistency"}, {"since": "2024-03"}])
def test_contradictions_read_statements_only_when_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: dict[str, Any]
) -> None:
    records = generate(3000, seed=3)
    graph = cg.ClaimGraph(records)
    with Store(tmp_path / "lazy.cgdb") as store:
        store.add_all(records)
        decoded = _count_decoded(monkeypatch)
        monkeypatch.setattr(store_module, "_BLOCK", 4)  # contradictions read together
        found = store.contradictions(**case)
        assert len(found) > 2 * 4
        assert decoded == []  # classified, counted and ranked without reading a statement
        memory = graph.contradictions(**case)
        assert [(c.kind, c.propositions, c.sides, c.size) for c in found] == [
            (c.kind, c.propositions, c.sides, c.size) for c in memory
        ]
        last = found[-1].groups  # one block: the last contradiction and none before it
        assert last == memory[-1].groups
        assert 0 < len(decoded) == sum(len(g.statements) for g in last)
        first = found[0].statements
        assert first == memory[0].statements
        # the first read filled the groups of a block of contradictions: no more reading
        n = len(decoded)
        assert [c.groups for c in found[1:4]] == [c.groups for c in memory[1:4]]
        assert len(decoded) == n
        assert found == memory
        assert [c.explanation for c in found] == [c.explanation for c in memory]


def test_stored_contradictions_detect_a_changed_store(tmp_path: Path) -> None:
    records = _edge_records()
    path = tmp_path / "changed.cgdb"
    with Store(path) as store:
        store.add_all(records)
        found = store.contradictions(proposition="p-shelter", kind="dispute")
        kept = store.contradictions(proposition="p-shelter", kind="dispute")
        assert kept[0].groups  # read before the change: kept as they were
        store.update("s4", proposition="p-lonely")  # one statement fewer in the dispute
        with pytest.raises(cg.ClaimGraphError, match="changed since"):
            _ = found[0].groups
        assert kept == cg.ClaimGraph(records).contradictions(
            proposition="p-shelter", kind="dispute"
        )
        # inside a snapshot, another connection's writes do not show
        graph = cg.ClaimGraph(records)
        graph.update("s4", proposition="p-lonely")
        with Store(path) as writer, store.snapshot():
            found = store.contradictions()
            writer.update("s1", stance="denies")
            assert found == graph.contradictions()
        closed = store.contradictions()
    with pytest.raises(cg.ClaimGraphError, match="closed"):
        _ = closed[0].groups


def test_stored_contradictions_pickle_as_plain_ones(tmp_path: Path) -> None:
    graph = cg.ClaimGraph(_edge_records())
    with Store(tmp_path / "pickle.cgdb") as store:
        store.add_all(graph)
        found = store.contradictions()
        fresh = store.contradictions()[0]
        # built without the dataclass's __init__: every field but the (lazy) texts is set
        names = {f.name for f in dataclasses.fields(cg.Contradiction)}
        assert set(vars(fresh)) == names - {"texts"}
        copies = pickle.loads(pickle.dumps(found))  # noqa: S301 - our own bytes
    assert [type(c) for c in copies] == [cg.Contradiction] * len(found)
    assert copies == found == graph.contradictions()
    assert [c.explanation for c in copies] == [c.explanation for c in graph.contradictions()]


def test_stored_contradictions_show_as_html(tmp_path: Path) -> None:
    from claimgraph.display import contradiction_html

    graph = cg.ClaimGraph(_edge_records())
    with Store(tmp_path / "html.cgdb") as store:
        store.add_all(graph)
        html = contradiction_html(store.contradictions(proposition="p-shelter")[0])
    assert "s1" in html or "They are sheltered" in html


def test_bad_filters_raise_like_the_graph(pair: tuple[cg.ClaimGraph, Store]) -> None:
    graph, store = pair
    calls: list[Callable[[Any], object]] = [
        lambda g: g.statements(actor="no-such-actor"),
        lambda g: g.statements(side="no-such-side"),
        lambda g: g.statements(proposition="no-such-proposition"),
        lambda g: g.statements(source="no-such-source"),
        lambda g: g.contradictions(proposition="no-such-proposition"),
        lambda g: g.contradictions(between=("no-such-side", graph.sides()[0])),
        lambda g: g.agreements(side="no-such-side"),
    ]
    for call in calls:
        with pytest.raises(cg.NotFoundError):
            call(graph)
        with pytest.raises(cg.NotFoundError):
            call(store)
    bad: list[tuple[dict[str, Any], type[Exception]]] = [
        ({"kind": "quarrel"}, cg.InvalidArgumentError),
        ({"since": "2025-13"}, cg.InvalidDataError),
        ({"between": ("a",)}, cg.InvalidArgumentError),
    ]
    for kw, error in bad:
        with pytest.raises(error):
            graph.contradictions(**kw)
        with pytest.raises(error):
            store.contradictions(**kw)


# ----------------------------------------------------------------------------- files
def test_a_store_of_another_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.cgdb"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'version'", (str(FORMAT_VERSION + 1),))
    conn.commit()
    conn.close()
    for readonly in (False, True):
        with pytest.raises(cg.FileFormatError) as err:
            Store(path, readonly=readonly)
        (detail,) = err.value.errors
        assert detail.code == "format_version"
        assert f"version {FORMAT_VERSION + 1}" in detail.message


@pytest.mark.parametrize(
    "make",
    [
        lambda p: p.write_text("not a database at all, but long enough to look like one" * 40),
        lambda p: sqlite3.connect(p).execute("CREATE TABLE other (x)").connection.commit(),
    ],
    ids=["text-file", "foreign-sqlite"],
)
def test_other_files_are_refused(tmp_path: Path, make: Callable[[Path], Any]) -> None:
    path = tmp_path / "other.db"
    make(path)
    before = path.read_bytes()
    with pytest.raises(cg.FileFormatError) as err:
        Store(path)
    assert err.value.errors[0].code == "not_a_store"
    assert path.read_bytes() == before


def test_readonly_stores(tmp_path: Path) -> None:
    with pytest.raises(cg.NotFoundError):
        Store(tmp_path / "missing.cgdb", readonly=True)
    path = tmp_path / "ro.cgdb"
    with Store(path) as store:
        store.add_all(_edge_records())
    with Store(path, readonly=True) as reader:
        assert len(reader.contradictions()) == len(cg.ClaimGraph(_edge_records()).contradictions())
        with pytest.raises(cg.ClaimGraphError, match="read-only"):
            reader.add_all([cg.Actor(id="z", name="Z")])
    assert "closed" in repr(reader)


def test_no_writes_inside_a_snapshot(fresh_store: Store) -> None:
    with fresh_store.snapshot(), pytest.raises(cg.ClaimGraphError, match="snapshot"):
        fresh_store.add_all([cg.Actor(id="z", name="Z")])
    fresh_store.add_all([cg.Actor(id="z", name="Z")])
    assert "z" in fresh_store


# ----------------------------------------------------------------------------- concurrency
BATCH = 40


def _feed(n: int) -> list[cg.Record]:
    """Records in dependency order: actors, sources, propositions, then statements."""
    return generate(n, seed=11)


def _check_consistent(reader: Store, seen: list[int]) -> None:
    with reader.snapshot():
        n = reader.counts()["statements"]
        statements = reader.statements()
        contradictions = reader.contradictions()
        graph = reader.load()
        # inside the snapshot: the contradictions read their statements when compared
        assert contradictions == graph.contradictions()
    assert len(statements) == n == len(graph.statement_records)
    assert not seen or n >= seen[-1]
    seen.append(n)


def test_readers_read_while_a_thread_writes(tmp_path: Path) -> None:
    path = tmp_path / "shared.cgdb"
    records = _feed(600)
    n_rest = sum(not isinstance(r, cg.Statement) for r in records)
    with Store(path) as writer:
        writer.add_all(records[:n_rest])
    failure: list[BaseException] = []

    def write() -> None:
        try:
            with Store(path) as w:
                for i in range(n_rest, len(records), BATCH):
                    w.add_all(records[i : i + BATCH], batch_size=BATCH, bulk=False)
                    time.sleep(0.01)
        except BaseException as exc:  # pragma: no cover - reported below
            failure.append(exc)

    thread = threading.Thread(target=write)
    seen: list[int] = []
    with Store(path, readonly=True) as reader:
        thread.start()
        while thread.is_alive():
            _check_consistent(reader, seen)
        thread.join()
        _check_consistent(reader, seen)
    assert not failure
    assert seen[-1] == len(records) - n_rest
    assert len(set(seen)) >= 2  # the reader saw the store grow
    assert all(n % BATCH == 0 or n == seen[-1] for n in seen)  # whole batches only


_WRITER = """
import sys
from claimgraph.store import Store
import claimgraph as cg
path, n = sys.argv[1], int(sys.argv[2])
with Store(path) as store:
    for j in range(n):
        store.add_all([
            cg.Proposition(id=f"p{j}", text=f"Proposition {j}."),
            cg.Statement(id=f"y{j}", actor="left", proposition=f"p{j}"),
            cg.Statement(id=f"n{j}", actor="right", proposition=f"p{j}", stance="denies"),
        ], bulk=False)
"""


def test_readers_read_while_another_process_writes(tmp_path: Path) -> None:
    path = tmp_path / "process.cgdb"
    with Store(path) as store:
        store.add_all([cg.Actor(id="left", name="Left"), cg.Actor(id="right", name="Right")])
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(path), "150"])
    seen: list[int] = []
    try:
        with Store(path, readonly=True) as reader:
            while writer.poll() is None:
                with reader.snapshot():
                    n = reader.counts()["statements"]
                    disputes = reader.contradictions(kind="dispute")
                assert n % 2 == 0 and len(disputes) == n // 2  # each batch whole, or not at all
                seen.append(n)
            assert writer.wait() == 0
            assert len(reader.contradictions()) == 150
    finally:
        if writer.poll() is None:  # pragma: no cover - only when an assertion failed
            writer.kill()
    assert seen == sorted(seen)


def test_json_columns_are_plain_json(fresh_store: Store) -> None:
    """Other tools can read the store: every record is its JSON, as in the native file."""
    fresh_store.add_all(_edge_records())
    graph = cg.ClaimGraph(_edge_records())
    native = json.loads(cg.dumps(graph))
    for table, section in (("actor", "actors"), ("statement", "statements")):
        rows = fresh_store._conn.execute(f"SELECT json FROM {table} ORDER BY seq")  # noqa: S608 - constant table names
        assert [json.loads(r[0]) for r in rows] == native[section]


def test_ties_are_ordered_by_basis_whatever_the_insertion_order() -> None:
    # one side asserts p and q, denies q, and p both excludes and implies q: an exclusive
    # and an implication inconsistency with the same propositions, side and size
    head: list[cg.Record] = [
        cg.Actor(id="a", name="A"),
        cg.Proposition(id="q", text="Q."),
        cg.Proposition(id="p", text="P.", contradicts=["q"], implies=["q"]),
    ]
    said = [
        cg.Statement(id="s1", actor="a", proposition="p", said="2025-01"),
        cg.Statement(id="s2", actor="a", proposition="q", said="2025-02"),
        cg.Statement(id="s3", actor="a", proposition="q", stance="denies", said="2025-02"),
    ]
    answers = []
    for order in (said, said[::-1]):
        graph = cg.ClaimGraph([*head, *order])
        memory = graph.contradictions()
        with Store(":memory:") as store:
            store.add_all([*head, *order])
            _same_contradictions(store.contradictions(), memory)
        answers.append([(c.basis, c.propositions, c.sides, c.size) for c in memory])
    assert answers[0] == answers[1]
    bases = [basis for basis, props, _, _ in answers[0] if props == ("p", "q")]
    assert bases == ["exclusive", "implication"]
