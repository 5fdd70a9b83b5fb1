"""The embedded store keeps the ingestion rules of ``ClaimGraph.add_all``, keeps its answers
right through updates, resumes interrupted ingestions, checks its format version and lets
readers read while a writer appends. That it gives the same answers as the in-memory graph is
the differential suite's part (``test_backends``)."""

from __future__ import annotations

import json
import pickle
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from corpora import as_store_version_1, edge_records, generate, same_contradictions

import claimgraph as cg
import claimgraph.queries as queries_module
import claimgraph.store as store_module
from claimgraph.store import FORMAT_VERSION, Store


# ----------------------------------------------------------------------------- fixtures
@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "test.cgdb") as store:
        yield store


# ----------------------------------------------------------------------------- comparison
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


# ----------------------------------------------------------------------------- ingestion
def _contents(store: Store) -> list[tuple[Any, ...]]:
    """Everything stored, table by table (for "nothing changed" checks)."""
    conn = store._conn
    out: list[tuple[Any, ...]] = []
    for table in ("actor", "source", "proposition", "relation", "statement", "report", "meta"):
        out += [(table, *row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]  # noqa: S608 - constant table names
    return out


def test_add_all_reports_what_claimgraph_reports(fresh_store: Store) -> None:
    records = edge_records()
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


def test_reviews_are_kept_read_updated_and_sliced(fresh_store: Store) -> None:
    g = cg.load(cg.example_path())
    g.add_actor(id="desk", name="Fact Desk", kind="outlet")
    review = g.add_review(proposition="offer-rejected", reviewer="desk", textual_rating="False")
    fresh_store.add_all(g, batch_size=7)
    assert fresh_store.counts()["reviews"] == 1
    assert fresh_store.get(review.id) == review
    assert fresh_store.reviews_of("offer-rejected") == [review]
    assert fresh_store.load() == g
    sliced = fresh_store.load(proposition="offer-rejected")
    assert list(sliced.reviews.values()) == [review] and "desk" in sliced.actors
    assert fresh_store.load(proposition="militants-sheltered").reviews == {}
    moved = fresh_store.update(review.id, proposition="militants-sheltered")
    assert fresh_store.reviews_of("offer-rejected") == []
    assert fresh_store.reviews_of("militants-sheltered") == [moved]
    assert "1 review" in repr(fresh_store)
    with pytest.raises(TypeError):
        fresh_store.add_all(["not a record"])  # type: ignore[list-item]


def test_a_version_1_store_is_migrated_when_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "v1.cgdb"
    g = cg.load(cg.example_path())
    with Store(path) as store:
        store.add_all(g)
    as_store_version_1(path)
    with Store(path, readonly=True) as old:  # read as it is: no reviews, the file untouched
        assert old.counts()["reviews"] == 0 and old.load() == g
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone() == ("1",)
    conn.close()
    with Store(path) as store:
        assert store.load() == g  # nothing lost
        store.add_all([cg.Actor(id="desk", name="Desk", kind="outlet")])
        store.add_all([cg.Review(id="rv", proposition="offer-rejected", reviewer="desk")])
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone() == (
        str(FORMAT_VERSION),
    )
    conn.close()
    with Store(path, readonly=True) as store:
        assert [r.id for r in store.reviews_of("offer-rejected")] == ["rv"]


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
        same_contradictions(bulk.contradictions(), live.contradictions())


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
    records = edge_records()
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
            same_contradictions(store.contradictions(), graph.contradictions())
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
            same_contradictions(reader.contradictions(**case), graph.contradictions(**case))
    with Store(path) as store:  # counted once, then kept
        _assert_counted(store)
        for case in cases:
            same_contradictions(store.contradictions(**case), graph.contradictions(**case))
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
    records = edge_records()
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
    fresh_store.add_all(edge_records())
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
        cg.ClaimGraph([*edge_records(), orphan])


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
    records = edge_records()
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
        same_contradictions(store.contradictions(), graph.contradictions())
        assert store.agreements(min_sides=1) == graph.agreements(min_sides=1)
        # another connection appending afterwards uses the new sides
        late = cg.Statement(id="late", actor="north-fm", proposition="p-lonely", stance="denies")
        other.add_all([late])
        graph.add_all([late])
        got = store.statements(side="west", proposition="p-lonely")
        assert [s.id for s in got] == ["early", "late"]
        same_contradictions(store.contradictions(), graph.contradictions())
        # other updates, checked like the graph checks them
        store.update("s17", kind="warning", said="2025-12")
        graph.update("s17", kind="warning", said="2025-12")
        store.update("p-c", implies=["p-d"])
        graph.update("p-c", implies=["p-d"])
        same_contradictions(store.contradictions(), graph.contradictions())
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
        monkeypatch.setattr(queries_module, "_BLOCK", 4)  # contradictions read together
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
    records = edge_records()
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
    graph = cg.ClaimGraph(edge_records())
    with Store(tmp_path / "pickle.cgdb") as store:
        store.add_all(graph)
        found = store.contradictions()
        fresh = store.contradictions()[0]
        # one public type, whose groups and texts are read on first use
        assert type(fresh) is cg.Contradiction
        assert not {"groups", "texts", "explanation"} & set(vars(fresh))
        copies = pickle.loads(pickle.dumps(found))  # noqa: S301 - our own bytes
    assert [type(c) for c in copies] == [cg.Contradiction] * len(found)
    assert copies == found == graph.contradictions()
    assert [c.explanation for c in copies] == [c.explanation for c in graph.contradictions()]


def test_stored_contradictions_show_as_html(tmp_path: Path) -> None:
    from claimgraph.display import contradiction_html

    graph = cg.ClaimGraph(edge_records())
    with Store(tmp_path / "html.cgdb") as store:
        store.add_all(graph)
        html = contradiction_html(store.contradictions(proposition="p-shelter")[0])
    assert "s1" in html or "They are sheltered" in html


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
        store.add_all(edge_records())
    with Store(path, readonly=True) as reader:
        assert len(reader.contradictions()) == len(cg.ClaimGraph(edge_records()).contradictions())
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
    fresh_store.add_all(edge_records())
    graph = cg.ClaimGraph(edge_records())
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
            same_contradictions(store.contradictions(), memory)
        answers.append([(c.basis, c.propositions, c.sides, c.size) for c in memory])
    assert answers[0] == answers[1]
    bases = [basis for basis, props, _, _ in answers[0] if props == ("p", "q")]
    assert bases == ["exclusive", "implication"]
