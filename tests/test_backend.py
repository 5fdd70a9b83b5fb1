"""The backend protocol: one query function, any backend, public results that travel alone."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

import claimgraph as cg
from claimgraph.backend import Lookup, QueryBackend, RecordSnapshot, Relations
from claimgraph.store import Store

EXAMPLE = cg.load(cg.example_path())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "example.cgdb") as s:
        s.add_all(EXAMPLE)
        yield s


def _bigger(n: int) -> cg.ClaimGraph:
    """The example plus ``n`` propositions and sources nobody speaks of (same answers)."""
    g = EXAMPLE.copy()
    g.add_all(
        [
            *(cg.Proposition(id=f"filler-{i}", text=f"Filler {i}.") for i in range(n)),
            *(cg.Source(id=f"src-{i}", publisher=f"Filler {i}") for i in range(n)),
        ]
    )
    return g


def test_both_backends_implement_the_protocol(store: Store) -> None:
    assert isinstance(EXAMPLE, QueryBackend)
    assert isinstance(store, QueryBackend)
    assert isinstance(RecordSnapshot.of(EXAMPLE), Lookup)


def test_one_query_function_answers_on_either_backend(store: Store) -> None:
    assert cg.contradictions(store) == cg.contradictions(EXAMPLE) == store.contradictions()
    assert cg.agreements(store) == cg.agreements(EXAMPLE)
    assert cg.positions(store) == cg.positions(EXAMPLE) == store.positions()
    assert cg.timeline(store, side="pakistan") == cg.timeline(EXAMPLE, side="pakistan")
    assert store.positions(since="2025-11").table == EXAMPLE.positions(since="2025-11").table


def test_results_are_the_public_types_on_both_backends(store: Store) -> None:
    for found in (EXAMPLE.contradictions(), store.contradictions()):
        assert {type(c) for c in found} == {cg.Contradiction}
    with pytest.raises(cg.ReadOnlyError):
        EXAMPLE.contradictions()[0].size = 3  # type: ignore[misc]


def test_stored_results_render_names_and_sources(store: Store) -> None:
    mem, stored = EXAMPLE.contradictions()[0], store.contradictions()[0]
    assert stored.explanation == mem.explanation
    assert "Pakistan" in stored.explanation
    assert stored.to_dict() == mem.to_dict(EXAMPLE)
    publishers = {
        r["publisher"] for g in stored.to_dict()["stances"] for s in g["statements"]
        for r in s["reports"]
    }  # fmt: skip
    assert "Arab News" in publishers
    assert store.agreements()[0].to_dict() == EXAMPLE.agreements()[0].to_dict(EXAMPLE)


@pytest.mark.parametrize("kind", ["contradiction", "agreement", "positions"])
def test_results_pickle_without_their_graph(kind: str) -> None:
    def one(g: cg.ClaimGraph) -> object:
        if kind == "contradiction":
            return g.contradictions()[0]
        if kind == "agreement":
            return g.agreements()[0]
        return g.positions()

    small, big = one(EXAMPLE), one(_bigger(3000))
    assert small == big
    data = pickle.dumps(small)
    # the size of what it shows, not of the graph it came from
    assert len(pickle.dumps(big)) == len(data)
    assert len(data) < len(pickle.dumps(EXAMPLE)) / 2
    back = pickle.loads(data)  # noqa: S301 - our own bytes
    assert back == small
    assert isinstance(back._graph, RecordSnapshot)
    html = back._repr_html_()
    assert "Pakistan" in html


def test_an_unpickled_contradiction_keeps_its_explanation_and_details(store: Store) -> None:
    stored = store.contradictions()[0]
    back = pickle.loads(pickle.dumps(stored))  # noqa: S301 - our own bytes
    store.close()
    assert back.explanation == EXAMPLE.contradictions()[0].explanation
    assert back.to_dict() == EXAMPLE.contradictions()[0].to_dict(EXAMPLE)
    assert copy.copy(back) == back == copy.deepcopy(back)


def test_relations_of_propositions() -> None:
    rel = Relations.of(
        [
            cg.Proposition(id="a", text="A", contradicts=["b"], implies=["c"]),
            cg.Proposition(id="c", text="C", implies=["d", "a"]),
        ]
    )
    assert rel.owners == ["a", "c"]
    assert rel.exclusive_with("b") == {"a"}
    assert rel.implied("a") == {"c", "d"}
    assert EXAMPLE.relations().owners == store_owners(EXAMPLE)


def store_owners(g: cg.ClaimGraph) -> list[str]:
    with Store(":memory:") as s:
        s.add_all(g)
        return s.relations().owners


def test_store_record_mappings_read_real_records(store: Store) -> None:
    assert store.actors["pakistan"] == EXAMPLE.actors["pakistan"]
    assert list(store.sources) == list(EXAMPLE.sources)
    assert len(store.propositions) == len(EXAMPLE.propositions)
    assert "nobody" not in store.actors and store.actors.get("nobody") is None
    with pytest.raises(cg.NotFoundError, match="no actor with id 'nobody'"):
        store.actors["nobody"]
