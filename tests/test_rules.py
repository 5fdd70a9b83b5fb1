"""The write rules (claimgraph.rules) give the same errors on every backend.

Each bad batch or update of the table goes to a ClaimGraph, to a Store in one batch, and to a
Store in its default batched mode; all must raise the same exception class with the same
message and the same details (codes, messages, records, fields, ids), and write nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import claimgraph as cg
from claimgraph import rules
from claimgraph.store import Store

Backend = cg.ClaimGraph | Store


def _base() -> list[cg.Record]:
    return [
        cg.Actor(id="pakistan", name="Pakistan", kind="state"),
        cg.Actor(id="pk-gov", name="Government of Pakistan", member_of=["pakistan"]),
        cg.Actor(id="pk-dm", name="Defense minister", member_of=["pk-gov"]),
        cg.Actor(id="afghanistan", name="Afghanistan", kind="state"),
        cg.Source(id="arabnews", url="https://arabnews.example/1", publisher="Arab News"),
        cg.Proposition(id="p", text="Militants are sheltered on Afghan soil."),
        cg.Statement(
            id="s1",
            actor="pk-dm",
            proposition="p",
            said="2025-10",
            reports=[{"source": "arabnews"}],
        ),
    ]


@pytest.fixture(params=["graph", "store", "store-batched"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Backend]]:
    if request.param == "graph":
        yield request.param, cg.ClaimGraph(_base())
        return
    with Store(tmp_path / "s.db") as store:
        store.add_all(_base())
        yield request.param, store


def _add(name: str, target: Backend, records: list[Any]) -> None:
    if name == "store":
        target.add_all(records, batch_size=None)  # type: ignore[call-arg]
    else:
        target.add_all(records)


def _contents(target: Backend) -> cg.ClaimGraph:
    return target.load() if isinstance(target, Store) else target.copy()


def _error(exc: cg.InvalidDataError) -> tuple[Any, ...]:
    details = [(e.code, e.message, e.record, e.field, e.record_id) for e in exc.errors]
    return type(exc), exc.args[0], details


# name → (records, expected class, expected (code, message) of each detail)
BATCHES: dict[str, tuple[list[Any], type[Exception], list[tuple[str, str]]]] = {
    "conflict and unknown reference": (
        [
            cg.Actor(id="pakistan", name="Another Pakistan"),
            cg.Statement(id="s9", actor="nobody", proposition="p"),
        ],
        cg.InvalidDataError,
        [
            (
                "conflict",
                "id 'pakistan' is already used by a different actor in the graph (differs in"
                " name, kind)",
            ),
            ("unknown_reference", "actor 'nobody' is not in the graph"),
        ],
    ),
    "actor member of a proposition": (
        [cg.Actor(id="x", name="X", member_of=["p"])],
        cg.UnknownReferenceError,
        [("wrong_reference_type", "'p' is a proposition, not an actor")],
    ),
    "source derived from an actor": (
        [cg.Source(id="copy", url="https://copy.example/1", derived_from=["afghanistan"])],
        cg.UnknownReferenceError,
        [("wrong_reference_type", "'afghanistan' is an actor, not a source")],
    ),
    "proposition contradicting a source": (
        [cg.Proposition(id="q", text="Talks resume.", contradicts=["arabnews"])],
        cg.UnknownReferenceError,
        [("wrong_reference_type", "'arabnews' is a source, not a proposition")],
    ),
    "statement with every reference of the wrong type": (
        [
            cg.Statement(
                id="s9",
                actor="p",
                proposition="pakistan",
                reports=[{"source": "s1"}],
                responds_to=["arabnews"],
            )
        ],
        cg.UnknownReferenceError,
        [
            ("wrong_reference_type", "'p' is a proposition, not an actor"),
            ("wrong_reference_type", "'pakistan' is an actor, not a proposition"),
            ("wrong_reference_type", "'s1' is a statement, not a source"),
            ("wrong_reference_type", "'arabnews' is a source, not a statement"),
        ],
    ),
    "membership cycle in the batch": (
        [cg.Actor(id="a", name="A", member_of=["b"]), cg.Actor(id="b", name="B", member_of=["a"])],
        cg.InvalidDataError,
        [
            ("membership_cycle", "the membership chain of 'a' returns to 'a'"),
            ("membership_cycle", "the membership chain of 'b' returns to 'b'"),
        ],
    ),
    "conflict with a stored record": (
        [cg.Statement(id="s1", actor="pk-dm", proposition="p", said="2025-11")],
        cg.ConflictError,
        [
            (
                "conflict",
                "id 's1' is already used by a different statement in the graph (differs in"
                " said, reports)",
            )
        ],
    ),
    "conflict earlier in the input": (
        [cg.Actor(id="y", name="Y"), cg.Actor(id="y", name="Why")],
        cg.ConflictError,
        [
            (
                "conflict",
                "id 'y' is already used by a different actor earlier in the input (differs in"
                " name)",
            )
        ],
    ),
    "a fine record next to a bad one": (
        [cg.Actor(id="fine", name="Fine"), cg.Statement(id="s9", actor="nobody", proposition="p")],
        cg.UnknownReferenceError,
        [("unknown_reference", "actor 'nobody' is not in the graph")],
    ),
    "wrong type and a fine record waiting": (
        [
            cg.Statement(id="s9", actor="later", proposition="p"),
            cg.Statement(id="s10", actor="p", proposition="p"),
        ],
        cg.UnknownReferenceError,
        [
            ("unknown_reference", "actor 'later' is not in the graph"),
            ("wrong_reference_type", "'p' is a proposition, not an actor"),
        ],
    ),
}


@pytest.mark.parametrize("case", list(BATCHES))
def test_bad_batches_raise_the_same_error_and_write_nothing(
    backend: tuple[str, Backend], case: str
) -> None:
    name, target = backend
    records, cls, expected = BATCHES[case]
    before = _contents(target)
    with pytest.raises(cg.InvalidDataError) as info:
        _add(name, target, records)
    got = _error(info.value)
    assert got == _reference_error(records), name  # the graph's error, exactly
    assert got[0] is cls
    assert [(code, message) for _cls, _m, d in [got] for code, message, *_ in d] == expected
    after = _contents(target)
    if name == "store-batched" and {c for c, _m in expected} == {"unknown_reference"}:
        # documented: a batched ingestion stores what it can and lists the rest at the end
        assert all(r.id in after for r in records if r.id != "s9")
        assert "s9" not in after
    else:
        assert after == before


def _reference_error(records: list[Any]) -> tuple[Any, ...]:
    g = cg.ClaimGraph(_base())
    with pytest.raises(cg.InvalidDataError) as info:
        g.add_all(records)
    return _error(info.value)


# name → (id, changes, expected class, expected (code, message) of each detail)
UPDATES: dict[str, tuple[str, dict[str, Any], type[Exception], list[tuple[str, str]]]] = {
    "cycle closing through stored actors": (
        "pakistan",
        {"member_of": ["pk-dm"]},
        cg.InvalidDataError,
        [("membership_cycle", "the membership chain of 'pakistan' returns to 'pakistan'")],
    ),
    "unknown reference": (
        "s1",
        {"actor": "nobody"},
        cg.UnknownReferenceError,
        [("unknown_reference", "actor 'nobody' is not in the graph")],
    ),
    "wrong reference type": (
        "s1",
        {"proposition": "afghanistan"},
        cg.UnknownReferenceError,
        [("wrong_reference_type", "'afghanistan' is an actor, not a proposition")],
    ),
    "invalid value": (
        "s1",
        {"stance": "maybe"},
        cg.InvalidDataError,
        [("literal_error", "Input should be 'asserts', 'denies' or 'reports'")],
    ),
}


@pytest.mark.parametrize("case", list(UPDATES))
def test_bad_updates_raise_the_same_error_and_change_nothing(
    backend: tuple[str, Backend], case: str
) -> None:
    name, target = backend
    rid, changes, cls, expected = UPDATES[case]
    before = _contents(target)
    with pytest.raises(cg.InvalidDataError) as info:
        target.update(rid, **changes)
    got = _error(info.value)
    g = cg.ClaimGraph(_base())
    with pytest.raises(cg.InvalidDataError) as ref:
        g.update(rid, **changes)
    assert got == _error(ref.value), name
    assert got[0] is cls
    assert [(c, m) for c, m, *_ in got[2]] == expected
    assert _contents(target) == before


def test_an_update_derives_defaulted_fields_again_on_every_backend(
    backend: tuple[str, Backend],
) -> None:
    _name, target = backend
    new = target.update("s1", stance="denies")
    assert isinstance(new, cg.Statement)
    assert new.kind == "denial"  # the kind was defaulted from the stance
    assert target.get("s1") == new
    with pytest.raises(cg.InvalidDataError, match="cannot change the id"):
        target.update("s1", id="s2")


def test_not_a_record_is_refused_alike(backend: tuple[str, Backend]) -> None:
    name, target = backend
    with pytest.raises(cg.NotARecordError) as info:
        _add(name, target, [cg.Actor(id="z", name="Z"), "not a record"])
    assert str(info.value) == (
        "expected an Actor, Source, Proposition, Statement or Review, got str"
    )
    assert "z" not in target


def test_a_later_batch_may_bring_what_a_failing_batch_waits_for(tmp_path: Path) -> None:
    # the first batch fails on its conflict; the actor it waits for comes later in the input,
    # so it is not reported missing (it is, only when the input ends there)
    waiting = cg.Statement(id="s9", actor="later", proposition="p")
    clash = cg.Actor(id="pakistan", name="Another Pakistan")
    with Store(tmp_path / "s.db") as store:
        store.add_all(_base())
        with pytest.raises(cg.ConflictError) as info:
            store.add_all([waiting, clash, cg.Actor(id="later", name="Later")], batch_size=2)
        assert [e.code for e in info.value.errors] == ["conflict"]
        with pytest.raises(cg.InvalidDataError) as info:
            store.add_all([waiting, clash], batch_size=2)
        assert [e.code for e in info.value.errors] == ["conflict", "unknown_reference"]


def test_a_review_is_checked_alike_by_the_graph_and_the_store(tmp_path: Path) -> None:
    review = cg.Review(proposition="pakistan", reviewer="p", textual_rating="False")
    want = [
        "'pakistan' is an actor, not a proposition",
        "'p' is a proposition, not an actor",
    ]
    with pytest.raises(cg.UnknownReferenceError) as info:
        cg.ClaimGraph(_base()).add_all([review])
    assert [e.message for e in info.value.errors] == want
    with Store(tmp_path / "s.db") as store:
        store.add_all(_base())
        with pytest.raises(cg.UnknownReferenceError) as refused:
            store.add_all([review])
        assert [e.message for e in refused.value.errors] == want
        assert store.counts()["reviews"] == 0


class _Held:
    """A backend of plain dicts: the rules need nothing but the Existing protocol."""

    def __init__(self, records: list[cg.Record]) -> None:
        self.records = {r.id: r for r in records}
        self.asked: list[set[str]] = []

    def stored(self, records: Any, ids: Any) -> list[cg.Record | None]:
        return [self.records.get(i) for i in ids]

    def known(self) -> dict[str, str]:
        return {}

    def types(self, ids: Any) -> dict[str, str]:
        self.asked.append(set(ids))
        return {i: self.records[i].record_type for i in ids if i in self.records}

    def parents(self, ids: Any) -> dict[str, str | None]:
        self.asked.append(set(ids))
        out: dict[str, str | None] = {}
        for i in ids:
            rec = self.records.get(i)
            if isinstance(rec, cg.Actor):
                out[i] = rec.member_of[0] if rec.member_of else None
        return out

    def sides(self, ids: Any) -> dict[str, str]:
        return {i: cg.ClaimGraph(self.records.values()).side(i) for i in ids}


def test_the_rules_read_through_batched_lookups() -> None:
    held = _Held(_base())
    batch = [
        cg.Actor(id="adviser", name="Adviser", member_of=["pk-dm"]),
        cg.Statement(id="s2", actor="adviser", proposition="p"),
        cg.Statement(id="s3", actor="pk-gov", proposition="p", reports=[{"source": "arabnews"}]),
        cg.Statement(id="s4", actor="pk-dm", proposition="p"),
    ]
    plan = rules.plan(batch, held)
    assert not plan.failed
    assert held.asked == [{"pk-dm", "p", "pk-gov", "arabnews"}]  # one lookup for the batch
    rules.assign_sides(plan, held)
    assert plan.sides == {"adviser": "pakistan"}
    # an update walks the held chain a level per lookup, and finds the cycle
    moved = cg.Actor(id="pakistan", name="Pakistan", kind="state", member_of=["pk-dm"])
    with pytest.raises(cg.InvalidDataError, match="returns to 'pakistan'"):
        rules.check_update(held.records["pakistan"], moved, held)


@pytest.mark.parametrize(
    ("noun", "expected"),
    [("actor", "an actor"), ("review", "a review"), ("proposition", "a proposition")],
)
def test_articles(noun: str, expected: str) -> None:
    assert rules.a(noun) == expected
