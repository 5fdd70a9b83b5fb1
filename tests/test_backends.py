"""One differential suite over both backends: every query gives the same answer, whatever holds
the records.

The two backends are the in-memory :class:`claimgraph.ClaimGraph` and the SQLite
:class:`claimgraph.store.Store`. Each test is parametrised over ``backend``: the corpus is
built into that backend (``"memory"``: a graph written to the native format and read back;
``"store"``: a store filled in batches) and each answer is compared with the answer of the
*reference*, a :class:`~claimgraph.ClaimGraph` built from the records in one go; the
statement queries are also compared with a brute-force filter over the records. The corpora
are the fixed ones of :mod:`corpora` and random ones drawn by hypothesis
(:func:`corpora.corpora`).

Only the public API is used. Where the backends disagree today the test is kept and marked
``xfail(strict=True)`` with the difference: it fails as soon as they agree, so the mark goes.
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest
from corpora import (
    DATES,
    FIXED,
    SAID,
    STANCES,
    STATEMENT_KINDS,
    corpora,
    filters,
    same_contradictions,
    signature,
    windows,
)
from fuzzing import FUZZ
from hypothesis import example, given, settings
from hypothesis import strategies as st

import claimgraph as cg
from claimgraph.filters import StatementFilter
from claimgraph.store import Store

Backend = Any
"""A :class:`~claimgraph.ClaimGraph` or a :class:`~claimgraph.store.Store`: the queries both
answer (``statements``, ``timeline``, ``contradictions``, ``agreements``, ``side``, ``sides``,
``get``)."""

BACKENDS = ("memory", "store")

QUICK = settings(FUZZ, max_examples=min(FUZZ.max_examples, 25))
"""Hypothesis settings of the quick (unmarked) random-corpus tests; the ``fuzz`` ones use
:data:`fuzzing.FUZZ`."""


# ----------------------------------------------------------------------------- building
def into_memory(records: Iterable[cg.Record]) -> cg.ClaimGraph:
    """The records added to an empty graph, saved in the native format and loaded back."""
    graph = cg.ClaimGraph()
    graph.add_all(records)
    return cg.loads(cg.dumps(graph))


def into_store(records: Iterable[cg.Record], batch_size: int | None) -> Store:
    """A private store filled with the records (the caller closes it)."""
    store = Store(":memory:")
    store.add_all(records, batch_size=batch_size)
    return store


class Built:
    """One corpus in a backend, beside its reference graph."""

    def __init__(self, backend: str, records: list[cg.Record], batch_size: int | None) -> None:
        self.reference = cg.ClaimGraph(records)
        self.backend: Backend = (
            into_memory(records) if backend == "memory" else into_store(records, batch_size)
        )
        self.batched = backend == "store" and batch_size is not None

    def close(self) -> None:
        if isinstance(self.backend, Store):
            self.backend.close()


def built(backend: str, records: list[cg.Record], batch_size: int | None = None) -> Built:
    return Built(backend, records, batch_size)


@pytest.fixture(scope="module", params=sorted(FIXED))
def fixed(request: pytest.FixtureRequest) -> Iterator[dict[str, Built]]:
    """A fixed corpus in both backends (the store filled in batches of 397, which keep the
    order of the input: statements come back in exactly the reference's order)."""
    records = FIXED[request.param]()
    both = {b: built(b, records, 397) for b in BACKENDS}
    # no record of these names one in a later batch: none waits, the order is the input's
    both["store"].batched = False
    yield both
    for b in both.values():
        b.close()


# ----------------------------------------------------------------------------- comparisons
def brute_force(graph: cg.ClaimGraph, **kw: Any) -> list[cg.Statement]:
    """The statements matching the filters, found by testing each one (the oracle)."""
    f = StatementFilter.parse(**kw)
    window = f.window

    def keep(s: cg.Statement) -> bool:
        return (
            (f.actors is None or s.actor in f.actors)
            and (f.sides is None or graph.side(s.actor) in f.sides)
            and (f.propositions is None or s.proposition in f.propositions)
            and (f.kinds is None or s.kind in f.kinds)
            and (f.stance is None or s.stance == f.stance)
            and (f.certainty is None or s.certainty == f.certainty)
            and (f.sources is None or any(r.source in f.sources for r in s.reports))
            and cg.overlaps(s.said, f.since, f.until)
            and window.stands(s)  # the withdrawal rule, tested on its own in test_withdrawals
        )

    return [s for s in graph.statement_records.values() if keep(s)]


def same_statements(b: Built, order: list[str], **kw: Any) -> None:
    """``statements`` and ``timeline`` under the filters ``kw``: the reference's statements
    (and the oracle's), in the backend's order of insertion; the same timeline."""
    got = b.backend.statements(**kw)
    want = b.reference.statements(**kw)
    assert want == brute_force(b.reference, **kw), kw
    assert sorted(got, key=lambda s: s.id) == sorted(want, key=lambda s: s.id), kw
    rank = {sid: i for i, sid in enumerate(order)}
    assert [s.id for s in got] == sorted((s.id for s in got), key=rank.__getitem__), kw
    if not b.batched:  # batches may make records wait for what they name: another order
        assert got == want, kw
    assert b.backend.timeline(**kw) == b.reference.timeline(**kw), kw
    assert b.backend.timeline(by="event", **kw) == b.reference.timeline(by="event", **kw), kw


def contradiction_cases(graph: cg.ClaimGraph) -> list[dict[str, Any]]:
    """Contradiction filters worth asking of this graph: every kind, pairs of sides, the
    propositions involved, date ranges, and combinations; with and without the clashes
    through implication chains (``implied``)."""
    sides = graph.roots()
    found = graph.contradictions(implied=True)
    by_basis = {c.basis: c for c in reversed(found)}
    props = list(dict.fromkeys([p for c in by_basis.values() for p in c.propositions]))
    props += [next(iter(graph.propositions))]
    cases: list[dict[str, Any]] = [{}, {"kind": "dispute"}, {"kind": "inconsistency"}]
    pairs = [(sides[0], sides[-1]), (sides[-1], sides[0]), (sides[0], sides[0])]
    cases += [{"between": p} for p in pairs]
    cases += [{"between": p, "kind": k} for p in pairs[:2] for k in ("dispute", "inconsistency")]
    cases += [{"proposition": p} for p in props]
    cases += [dict(d) for d in DATE_RANGES[1:]]
    cases += [{"kind": "dispute", **d} for d in DATE_RANGES[1:4]]
    cases += [{"proposition": props[0], **d} for d in DATE_RANGES[1:4]]
    cases += [{"between": pairs[0], "proposition": props[0], "since": "2025"}]
    cases += [{"implied": True}, {"implied": True, "kind": "inconsistency"}]
    cases += [{"implied": True, "proposition": p} for p in props]
    cases += [{"implied": True, "between": pairs[0]}, {"implied": True, **DATE_RANGES[3]}]
    return cases


DATE_RANGES: list[dict[str, str]] = [
    {},
    {"since": "2025-10-15"},
    {"until": "2025-10"},
    {"since": "2025-10-02", "until": "2025-10-19"},
    {"since": "2024-03", "until": "2024-06-10"},
    {"since": "2024-12-31"},
    {"until": "2024"},
    {"since": "2025"},
    {"since": "2025-01-31T12:00Z", "until": "2025-02"},
]


def statement_cases(graph: cg.ClaimGraph) -> list[dict[str, Any]]:
    """Statement filters: each argument alone, as one id and as several, and combinations."""
    found = graph.contradictions()
    props = list(dict.fromkeys([c.proposition for c in found] + [next(iter(graph.propositions))]))
    actors = sorted(graph.actors, key=lambda a: -len(graph.statements_by(a)))[:2]
    sources = sorted(graph.sources, key=lambda s: -len(graph.statements_in(s)))[:2]
    sides = graph.roots()
    kinds = sorted({s.kind for s in graph.statement_records.values()})
    cases: list[dict[str, Any]] = [{}]
    cases += [{"actor": a} for a in actors] + [{"actor": actors}]
    cases += [{"side": s} for s in sides] + [{"side": sides[:2]}]
    cases += [{"proposition": p} for p in props] + [{"proposition": props}]
    cases += [{"kind": k} for k in kinds[:4]] + [{"kind": kinds}, {"kind": "warning"}]
    cases += [{"stance": "asserts"}, {"stance": "denies"}]
    cases += [{"source": s} for s in sources] + ([{"source": sources}] if sources else [])
    cases += [dict(d) for d in DATE_RANGES[1:]]
    cases += [{"side": sides[0], "stance": "denies", **DATE_RANGES[3]}]
    cases += [{"actor": actors[0], "kind": kinds, **DATE_RANGES[1]}]
    if sources:
        cases += [{"source": sources, "proposition": props, "since": "2024"}]
    return cases


def agreement_cases(graph: cg.ClaimGraph) -> list[dict[str, Any]]:
    sides = graph.roots()
    cases: list[dict[str, Any]] = [{}, {"min_sides": 1}, {"min_sides": 3}, {"min_sides": 0}]
    cases += [{"side": sides[0]}, {"side": sides[:2]}, {"side": sides[-1], "min_sides": 1}]
    cases += [dict(d) for d in DATE_RANGES[1:]]
    cases += [{"min_sides": 1, **d} for d in DATE_RANGES[1:4]]
    return cases


def same_agreements(b: Built, kw: dict[str, Any]) -> None:
    got, want = b.backend.agreements(**kw), b.reference.agreements(**kw)
    assert got == want, kw
    assert [a.explanation for a in got] == [a.explanation for a in want], kw
    assert [a.to_dict(b.reference) for a in got] == [a.to_dict(b.reference) for a in want], kw


# ----------------------------------------------------------------------------- fixed corpora
@pytest.mark.parametrize("backend", BACKENDS)
def test_statements_and_timeline(fixed: dict[str, Built], backend: str) -> None:
    b = fixed[backend]
    order = [s.id for s in b.backend.statements()]
    for kw in statement_cases(b.reference):
        same_statements(b, order, **kw)
    assert order  # not vacuous


@pytest.mark.parametrize("backend", BACKENDS)
def test_contradictions(fixed: dict[str, Built], backend: str) -> None:
    b = fixed[backend]
    for kw in contradiction_cases(b.reference):
        same_contradictions(
            b.backend.contradictions(**kw), b.reference.contradictions(**kw), kw, explained=False
        )
    assert b.backend.contradictions(kind="dispute")  # not vacuous


@pytest.mark.parametrize("backend", BACKENDS)
def test_contradiction_explanations_and_dicts(fixed: dict[str, Built], backend: str) -> None:
    b = fixed[backend]
    for kw in contradiction_cases(b.reference):
        got, want = b.backend.contradictions(**kw), b.reference.contradictions(**kw)
        assert [c.explanation for c in got] == [c.explanation for c in want], kw
        assert [c.to_dict(b.reference) for c in got] == [c.to_dict(b.reference) for c in want]


@pytest.mark.parametrize(
    "backend",
    BACKENDS,
)
def test_contradictions_render_the_same(fixed: dict[str, Built], backend: str) -> None:
    b = fixed[backend]
    got, want = b.backend.contradictions(), b.reference.contradictions()
    assert [c._repr_html_() for c in got] == [c._repr_html_() for c in want]


@pytest.mark.parametrize("backend", BACKENDS)
def test_agreements(fixed: dict[str, Built], backend: str) -> None:
    b = fixed[backend]
    for kw in agreement_cases(b.reference):
        same_agreements(b, kw)
    assert b.backend.agreements(min_sides=1)  # not vacuous


@pytest.mark.parametrize(
    "backend",
    BACKENDS,
)
def test_agreements_render_the_same(fixed: dict[str, Built], backend: str) -> None:
    b = fixed[backend]
    got, want = b.backend.agreements(min_sides=1), b.reference.agreements(min_sides=1)
    assert [a._repr_html_() for a in got] == [a._repr_html_() for a in want]


@pytest.mark.parametrize("backend", BACKENDS)
def test_positions(fixed: dict[str, Built], backend: str) -> None:
    b = fixed[backend]
    sides = b.reference.roots()
    cases: list[dict[str, Any]] = [{}, {"side": sides[0]}, {"side": sides[:2]}]
    cases += [dict(d) for d in DATE_RANGES[1:]]
    for kw in cases:
        got, want = b.backend.positions(**kw), b.reference.positions(**kw)
        assert got == want, kw
        assert got.rows() == want.rows(), kw


@pytest.mark.parametrize("backend", BACKENDS)
def test_sides_and_records(fixed: dict[str, Built], backend: str) -> None:
    b = fixed[backend]
    ref, got = b.reference, b.backend
    assert got.sides() == ref.sides()
    assert (got.observers(), got.mediators(), got.roots()) == (
        ref.observers(),
        ref.mediators(),
        ref.roots(),
    )
    assert {a: got.side(a) for a in ref.actors} == {a: ref.side(a) for a in ref.actors}
    for rec in ref:
        back = got.get(rec.id)
        assert back == rec
        assert type(back) is type(rec)
        assert back.model_fields_set == rec.model_fields_set
        assert back.model_dump_json(exclude_unset=True) == rec.model_dump_json(exclude_unset=True)


def test_store_counts_what_the_graph_holds(fixed: dict[str, Built]) -> None:
    ref, store = fixed["store"].reference, fixed["store"].backend
    assert store.counts() == {
        "actors": len(ref.actors),
        "sources": len(ref.sources),
        "propositions": len(ref.propositions),
        "statements": len(ref.statement_records),
        "reviews": len(ref.reviews),
    }
    assert dict(store.reviews) == dict(ref.reviews)
    for p in ref.propositions:
        assert store.reviews_of(p) == ref.reviews_of(p)


def subgraph(graph: cg.ClaimGraph, statements: Iterable[cg.Statement]) -> cg.ClaimGraph:
    """The statements with every record they need, following references to the end, and
    the reviews of their propositions (of those statements, if a review names one)."""
    keep: set[str] = set()
    todo = [s.id for s in statements]

    def follow() -> None:
        while todo:
            rid = todo.pop()
            if rid not in keep:
                keep.add(rid)
                todo.extend(target for _f, _t, target in graph.get(rid).references())

    follow()
    for r in graph.reviews.values():
        if r.proposition in keep and (r.statement is None or r.statement in keep):
            todo.append(r.id)
    follow()
    return cg.ClaimGraph(r for r in graph if r.id in keep)


def test_store_slices_are_the_graph_subgraphs(fixed: dict[str, Built]) -> None:
    ref, store = fixed["store"].reference, fixed["store"].backend
    cases = [
        *statement_cases(ref)[1:],
        {"side": ref.sides()[-1], "kind": "denial", "until": "2024"},
    ]
    for kw in cases:
        sliced = store.load(**kw)
        assert sliced == subgraph(ref, ref.statements(**kw)), kw
        assert {s.id for s in store.statements(**kw)} <= set(sliced.statement_records)
    assert store.load() == ref


# ----------------------------------------------------------------------------- bad arguments
def _error(call: Callable[[], object]) -> tuple[type[BaseException], str] | None:
    try:
        call()
    except Exception as exc:  # the class is what is compared
        return type(exc), str(exc)
    return None


def bad_calls(graph: cg.ClaimGraph) -> dict[str, Callable[[Backend], object]]:
    """Queries with one bad argument each, by name."""
    side = graph.roots()[0]
    member = next((a for a in graph.actors if graph.side(a) != a), None)
    calls: dict[str, Callable[[Backend], object]] = {
        "statements-kind": lambda g: g.statements(kind="accussation"),
        "statements-kinds": lambda g: g.statements(kind=["claim", "quarrel"]),
        "statements-stance": lambda g: g.statements(stance="deny"),
        "statements-actor": lambda g: g.statements(actor="no-such-actor"),
        "statements-actors": lambda g: g.statements(actor=[side, "no-such-actor"]),
        "statements-side": lambda g: g.statements(side="no-such-side"),
        "statements-proposition": lambda g: g.statements(proposition="no-such-proposition"),
        "statements-source": lambda g: g.statements(source="no-such-source"),
        "statements-since": lambda g: g.statements(since="2025-13"),
        "statements-until": lambda g: g.statements(until="yesterday"),
        "statements-day": lambda g: g.statements(since="2025-02-30"),
        "statements-date-type": lambda g: g.statements(until=3.5),
        "timeline-kind": lambda g: g.timeline(kind="accusations"),
        "timeline-since": lambda g: g.timeline(since="2025-10-32"),
        "contradictions-kind": lambda g: g.contradictions(kind="quarrel"),
        "contradictions-between": lambda g: g.contradictions(between=(side,)),
        "contradictions-between-str": lambda g: g.contradictions(between=side),
        "contradictions-side": lambda g: g.contradictions(between=("no-such-side", side)),
        "contradictions-proposition": lambda g: g.contradictions(proposition="no-such-p"),
        "contradictions-since": lambda g: g.contradictions(since="2025-13"),
        "contradictions-until": lambda g: g.contradictions(until="soon"),
        "agreements-side": lambda g: g.agreements(side="no-such-side"),
        "agreements-since": lambda g: g.agreements(since="2025-00"),
        "side-actor": lambda g: g.side("no-such-actor"),
        "get": lambda g: g.get("no-such-record"),
        "update": lambda g: g.update("no-such-record", name="x"),
    }
    if member is not None:
        calls["statements-member-side"] = lambda g: g.statements(side=member)
        calls["contradictions-member-side"] = lambda g: g.contradictions(between=(member, side))
        calls["agreements-member-side"] = lambda g: g.agreements(side=member)
    return calls


BAD = sorted(bad_calls(cg.ClaimGraph(FIXED["edge"]())))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("call", BAD)
def test_bad_arguments_raise_the_same_error(
    fixed: dict[str, Built], backend: str, call: str
) -> None:
    b = fixed[backend]
    calls = bad_calls(b.reference)
    assert call in calls, "every fixed corpus has a member actor"
    want = _error(lambda: calls[call](b.reference))
    assert want is not None and issubclass(want[0], cg.ClaimGraphError), want
    assert _error(lambda: calls[call](b.backend)) == want


@pytest.mark.parametrize("backend", BACKENDS)
def test_bad_position_arguments_raise_the_same_error(fixed: dict[str, Built], backend: str) -> None:
    b = fixed[backend]
    for call in (
        lambda g: g.positions(side="no-such-side"),
        lambda g: g.positions(since="2025-13"),
    ):
        want = _error(lambda call=call: call(b.reference))
        assert want is not None and issubclass(want[0], cg.ClaimGraphError)
        assert _error(lambda call=call: call(b.backend)) == want


# ----------------------------------------------------------------------------- result objects
@pytest.mark.parametrize(
    "backend",
    BACKENDS,
)
def test_contradictions_are_of_the_public_type(backend: str) -> None:
    b = built(backend, FIXED["istanbul"]())
    try:
        assert {type(c) for c in b.backend.contradictions()} == {cg.Contradiction}
    finally:
        b.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_agreements_are_of_the_public_type(fixed: dict[str, Built], backend: str) -> None:
    found = fixed[backend].backend.agreements(min_sides=1)
    assert found
    assert {type(a) for a in found} == {cg.Agreement}


def _dispute_corpus(unrelated: int) -> list[cg.Record]:
    """One dispute on ``p``, and ``unrelated`` propositions one side asserts alone."""
    records: list[cg.Record] = [
        cg.Actor(id="left", name="Left"),
        cg.Actor(id="right", name="Right"),
        cg.Actor(id="left-fm", name="Left's foreign minister", member_of=["left"]),
        cg.Source(id="wire", publisher="Arab News"),
        cg.Proposition(id="p", text="The border is closed."),
        cg.Statement(
            id="yes",
            actor="left-fm",
            proposition="p",
            said="2025-10",
            reports=[{"source": "wire", "quote": "It is closed"}],
        ),
        cg.Statement(id="no", actor="right", proposition="p", stance="denies", said="2025-10-02"),
    ]
    for i in range(unrelated):
        records += [
            cg.Proposition(id=f"u{i}", text=f"Unrelated claim number {i}."),
            cg.Statement(id=f"su{i}", actor="left", proposition=f"u{i}", said="2025"),
        ]
    return records


def _found(backend: str, records: list[cg.Record]) -> Iterator[cg.Contradiction]:
    """The dispute on ``p``, as the backend finds it (its groups unread, then read)."""
    b = built(backend, records)
    try:
        [c] = b.backend.contradictions(proposition="p")
        yield c
        _ = c.groups, c.explanation
        yield c
    finally:
        b.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_contradictions_pickle_to_equal_objects(backend: str) -> None:
    records = _dispute_corpus(3)
    [want] = cg.ClaimGraph(records).contradictions(proposition="p")
    for c in _found(backend, records):
        copy = pickle.loads(pickle.dumps(c))  # noqa: S301 - our own bytes
        assert copy == c == want
        assert copy.explanation == want.explanation
        assert signature(copy) == signature(want)


@pytest.mark.parametrize(
    "backend",
    BACKENDS,
)
def test_a_pickled_contradiction_does_not_grow_with_the_graph(backend: str) -> None:
    small = [len(pickle.dumps(c)) for c in _found(backend, _dispute_corpus(0))]
    large = [len(pickle.dumps(c)) for c in _found(backend, _dispute_corpus(2000))]
    assert all(n < 4000 for n in small), small  # the pickle of one small contradiction
    assert all(big <= n + 64 for big, n in zip(large, small, strict=True)), (small, large)


# ----------------------------------------------------------------------------- random corpora
def _check_corpus(b: Built, data: st.DataObject, *, cases: bool = True) -> None:
    """Every query on a random corpus: random filters, and (if ``cases``) the fixed cases
    of :func:`statement_cases` and :func:`contradiction_cases` too."""
    ref = b.reference
    order = [s.id for s in b.backend.statements(withdrawn=True)]
    if not b.batched:
        assert order == list(ref.statement_records)
    fixed = statement_cases(ref) if cases else [{}]
    for kw in [*fixed, *(data.draw(filters(ref)) for _ in range(8))]:
        same_statements(b, order, **kw)
    for kw in contradiction_cases(ref) if cases else [{}]:
        got, want = b.backend.contradictions(**kw), ref.contradictions(**kw)
        same_contradictions(got, want, kw, explained=False)
    for _ in range(3 if cases else 6):
        kw = data.draw(contradiction_filters(ref))
        same_contradictions(
            b.backend.contradictions(**kw), ref.contradictions(**kw), kw, explained=False
        )
    for kw in agreement_cases(ref):
        same_agreements(b, kw)
    assert b.backend.sides() == ref.sides()
    assert (b.backend.observers(), b.backend.mediators()) == (ref.observers(), ref.mediators())
    assert {a: b.backend.side(a) for a in ref.actors} == {a: ref.side(a) for a in ref.actors}
    for rec in ref:
        assert b.backend.get(rec.id) == rec
    if isinstance(b.backend, Store):
        assert b.backend.load() == ref  # everything, records no statement uses included
        for _ in range(2):
            kw = data.draw(filters(ref))
            if kw and kw != {"withdrawn": True}:  # that one is load(): everything
                want = subgraph(ref, ref.statements(**{"withdrawn": True, **kw}))
                assert b.backend.load(**kw) == want, kw


@st.composite
def contradiction_filters(draw: st.DrawFn, graph: cg.ClaimGraph) -> dict[str, Any]:
    """Keyword filters of ``contradictions``, every one optional, naming ids the graph holds."""
    out: dict[str, Any] = {}
    sides = graph.roots()
    if draw(st.booleans()):
        out["kind"] = draw(st.sampled_from(["dispute", "inconsistency"]))
    if draw(st.booleans()):
        out["between"] = (draw(st.sampled_from(sides)), draw(st.sampled_from(sides)))
    if draw(st.booleans()):
        out["proposition"] = draw(st.sampled_from(sorted(graph.propositions)))
    for name in ("since", "until"):
        if draw(st.integers(0, 2)) == 0:
            out[name] = draw(DATES)
    out.update(draw(windows()))
    if draw(st.booleans()):
        out["implied"] = True
    return out


BATCHES = st.sampled_from([None, None, 1, 3, 7])
"""How the store is filled: in one batch (the order of the input kept) or in small ones."""


@pytest.mark.parametrize("backend", BACKENDS)
@QUICK
@given(records=corpora(max_statements=10), batch_size=BATCHES, data=st.data())
def test_random_corpora_give_the_same_answers(
    backend: str, records: list[cg.Record], batch_size: int | None, data: st.DataObject
) -> None:
    b = built(backend, records, batch_size)
    try:
        _check_corpus(b, data)
    finally:
        b.close()


@pytest.mark.fuzz
@pytest.mark.parametrize("backend", BACKENDS)
@FUZZ
@given(records=corpora(), batch_size=BATCHES, data=st.data())
def test_fuzzed_corpora_give_the_same_answers(
    backend: str, records: list[cg.Record], batch_size: int | None, data: st.DataObject
) -> None:
    b = built(backend, records, batch_size)
    try:
        _check_corpus(b, data, cases=False)
    finally:
        b.close()


def implied_oracle(graph: cg.ClaimGraph) -> set[tuple[str, frozenset[str], tuple[str, ...]]]:
    """The ``implied_exclusive`` clashes, found the slow way: for every two asserted
    propositions, whether what each implies (networkx descendants over the declared
    ``implies``, itself included) meets a declared exclusion; as ``(kind, propositions,
    sides)``."""
    import networkx as nx

    imp: nx.DiGraph[str] = nx.DiGraph()
    excl: set[frozenset[str]] = set()
    for p in graph.propositions.values():
        imp.add_node(p.id)
        imp.add_edges_from((p.id, q) for q in p.implies)
        excl.update(frozenset((p.id, q)) for q in p.contradicts if q != p.id)
    closure = {p: nx.descendants(imp, p) | {p} for p in imp}
    sides: dict[str, set[str]] = {}
    for s in graph.statement_records.values():
        if s.stance == "asserts" and s.withdrawn is None:  # a withdrawn one no longer stands
            sides.setdefault(s.proposition, set()).add(graph.side(s.actor))
    out: set[tuple[str, frozenset[str], tuple[str, ...]]] = set()
    for x in sides:
        for y in sides:
            pair = frozenset((x, y))
            if x >= y or pair in excl:
                continue  # one proposition (even one clashing with itself); declared
            if any(e in excl for e in _meets(x, y, closure)):
                union = sides[x] | sides[y]
                if len(union) > 1:
                    out.add(("dispute", pair, tuple(sorted(union))))
                out.update(("inconsistency", pair, (sd,)) for sd in sides[x] & sides[y])
    return out


def _meets(x: str, y: str, closure: dict[str, set[str]]) -> Iterator[frozenset[str]]:
    return (frozenset((a, b)) for a in closure[x] for b in closure[y] if a != b)


@pytest.mark.parametrize("backend", BACKENDS)
@QUICK
@given(records=corpora(max_statements=12), batch_size=BATCHES)
def test_clashes_through_implication_match_the_oracle(
    backend: str, records: list[cg.Record], batch_size: int | None
) -> None:
    b = built(backend, records, batch_size)
    try:
        ref = b.reference
        found = b.backend.contradictions(implied=True)
        same_contradictions(found, ref.contradictions(implied=True))
        got = {
            (c.kind, frozenset(c.propositions), c.sides)
            for c in found
            if c.basis == "implied_exclusive"
        }
        assert got == implied_oracle(ref)
        rel = [(p.id, p) for p in ref.propositions.values()]
        props = dict(rel)
        for c in found:
            if c.basis == "implied_exclusive":
                ends = []
                for grp, chain in zip(c.groups, c.via, strict=True):
                    # each chain starts at the group's proposition and follows declared
                    # implies; it ends at one side of a declared exclusion
                    assert not chain or chain[0] == grp.proposition
                    assert all(q in props[p].implies for p, q in itertools.pairwise(chain))
                    ends.append(chain[-1] if chain else grp.proposition)
                a, e = ends
                assert e in props[a].contradicts or a in props[e].contradicts
        # without the option: the same answer, less the clashes through chains
        plain = b.backend.contradictions()
        assert plain == [c for c in found if c.basis != "implied_exclusive"]
    finally:
        b.close()


def _check_explanations(b: Built) -> None:
    """The explanations and dicts of every contradiction and agreement."""
    ref = b.reference
    for kw in contradiction_cases(ref):
        got, want = b.backend.contradictions(**kw), ref.contradictions(**kw)
        assert [c.explanation for c in got] == [c.explanation for c in want], kw
        assert [c.to_dict(ref) for c in got] == [c.to_dict(ref) for c in want], kw
    for kw in agreement_cases(ref):
        got_a, want_a = b.backend.agreements(**kw), ref.agreements(**kw)
        assert [a.explanation for a in got_a] == [a.explanation for a in want_a], kw


UNEXPLAINED = [
    cg.Actor(id="side0", name="Side 0"),
    cg.Actor(id="side1", name="Side 1"),
    cg.Proposition(id="q0", text="Claim q0."),
    cg.Statement(id="s0", actor="side0", proposition="q0"),
    cg.Statement(id="s1", actor="side0", proposition="q0", stance="denies"),
]
"""One side asserting and denying a proposition, and no dispute anywhere."""


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_inconsistency_alone_is_explained(backend: str) -> None:
    b = built(backend, UNEXPLAINED)
    try:
        [c] = b.backend.contradictions()
        assert c.explanation == "Side 0 asserted “Claim q0” and later denied it."
    finally:
        b.close()


@pytest.mark.parametrize("backend", BACKENDS)
@QUICK
@given(records=corpora(max_statements=10), batch_size=BATCHES)
@example(records=UNEXPLAINED, batch_size=None)
def test_random_corpora_explain_the_same(
    backend: str, records: list[cg.Record], batch_size: int | None
) -> None:
    b = built(backend, records, batch_size)
    try:
        _check_explanations(b)
    finally:
        b.close()


@pytest.mark.fuzz
@pytest.mark.parametrize("backend", BACKENDS)
@FUZZ
@given(records=corpora(), batch_size=BATCHES)
@example(records=UNEXPLAINED, batch_size=None)
def test_fuzzed_corpora_explain_the_same(
    backend: str, records: list[cg.Record], batch_size: int | None
) -> None:
    b = built(backend, records, batch_size)
    try:
        _check_explanations(b)
    finally:
        b.close()


@pytest.mark.fuzz
@pytest.mark.parametrize("backend", BACKENDS)
@FUZZ
@given(records=corpora(max_statements=8), data=st.data())
def test_fuzzed_bad_filters_raise_the_same_error(
    backend: str, records: list[cg.Record], data: st.DataObject
) -> None:
    """A random filter value, valid or not: the same answer or the same error."""
    b = built(backend, records)
    try:
        value = data.draw(
            st.sampled_from([*STATEMENT_KINDS, "asserts", "denies", *b.reference.actors, "x"])
            | st.text(max_size=8)
            | DATES
        )
        name = data.draw(
            st.sampled_from(
                ["actor", "side", "proposition", "kind", "stance", "source", "since", "until"]
            )
        )
        want = _error(lambda: b.reference.statements(**{name: value}))
        assert want is None or issubclass(want[0], cg.ClaimGraphError), want
        assert _error(lambda: b.backend.statements(**{name: value})) == want
        if want is None:
            assert b.backend.statements(**{name: value}) == b.reference.statements(**{name: value})
    finally:
        b.close()


# ----------------------------------------------------------------------------- updates
@st.composite
def updates(draw: st.DrawFn, records: list[cg.Record]) -> tuple[str, dict[str, Any]]:
    """A change to one record: valid, or naming a missing record or making a cycle."""
    actors = [r.id for r in records if isinstance(r, cg.Actor)]
    props = [r.id for r in records if isinstance(r, cg.Proposition)]
    stmts = [r.id for r in records if isinstance(r, cg.Statement)]
    choices = ["actor", "proposition"] + (["statement"] * 3 if stmts else [])
    what = draw(st.sampled_from(choices))
    if what == "actor":
        others = st.sampled_from([*actors, "nobody"])
        return draw(st.sampled_from(actors)), {"member_of": draw(st.lists(others, max_size=2))}
    if what == "proposition":
        field = draw(st.sampled_from(["implies", "contradicts"]))
        return draw(st.sampled_from(props)), {
            field: draw(st.lists(st.sampled_from(props), max_size=2))
        }
    field = draw(st.sampled_from(["stance", "kind", "said", "proposition", "actor"]))
    value = {
        "stance": st.sampled_from(STANCES),
        "kind": st.sampled_from(STATEMENT_KINDS),
        "said": SAID,
        "proposition": st.sampled_from([*props, "nothing"]),
        "actor": st.sampled_from([*actors, "nobody"]),
    }[field]
    return draw(st.sampled_from(stmts)), {field: draw(value)}


def _refused(rid: str, changes: dict[str, Any], id: str) -> Any:
    return pytest.param(rid, changes, id=id)


REFUSED_UPDATES: list[Any] = [
    *(
        _refused("a", {"member_of": cycle}, f"cycle-{'-'.join(cycle)}")
        for cycle in (["a"], ["b"], ["b", "a"])
    ),
    *(
        _refused(rid, changes, f"unknown-{next(iter(changes))}")
        for rid, changes in (
            ("s", {"actor": "nobody"}),
            ("s", {"proposition": "nothing"}),
            ("b", {"member_of": ["nobody"]}),
        )
    ),
]
"""Updates both backends refuse, with the difference the store's error shows today."""


@pytest.mark.parametrize(("rid", "changes"), REFUSED_UPDATES)
def test_a_refused_update_raises_the_same_error(rid: str, changes: dict[str, Any]) -> None:
    records: list[cg.Record] = [
        cg.Actor(id="a", name="A"),
        cg.Actor(id="b", name="B", member_of=["a"]),
        cg.Proposition(id="p", text="P."),
        cg.Statement(id="s", actor="b", proposition="p"),
    ]
    graph = into_memory(records)
    want = _error(lambda: graph.update(rid, **changes))
    assert want is not None and issubclass(want[0], cg.InvalidDataError), want
    with Store(":memory:") as store:
        store.add_all(records)
        assert _error(lambda: store.update(rid, **changes)) == want
        assert [store.get(r.id) for r in records] == records  # nothing changed


@pytest.mark.parametrize("backend", BACKENDS)
@QUICK
@given(data=st.data(), records=corpora(max_statements=10))
def test_updates_keep_the_answers_the_same(
    backend: str, records: list[cg.Record], data: st.DataObject
) -> None:
    """The same changes on both: the same errors, and the same answers after each."""
    b = built(backend, records)
    try:
        for _ in range(4):
            rid, changes = data.draw(updates(records))
            want = _error(lambda rid=rid, changes=changes: b.reference.update(rid, **changes))
            got = _error(lambda rid=rid, changes=changes: b.backend.update(rid, **changes))
            assert got == want, (rid, changes)
            ref = b.reference
            assert b.backend.sides() == ref.sides()
            assert {a: b.backend.side(a) for a in ref.actors} == {
                a: ref.side(a) for a in ref.actors
            }
            assert b.backend.statements() == ref.statements()
            same_contradictions(b.backend.contradictions(), ref.contradictions(), explained=False)
            assert b.backend.agreements(min_sides=1) == ref.agreements(min_sides=1)
            if isinstance(b.backend, Store):
                assert b.backend.load() == ref
    finally:
        b.close()
