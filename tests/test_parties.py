"""Parties and observers: a side is a party to the dispute; outlets, reporters and
fact-checkers observe unless they take a stance of their own; mediators are listed apart."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import claimgraph as cg
from claimgraph.store import Store

YAML = """\
claimgraph: 2
actors:
  pakistan: {name: Pakistan, kind: state}
  afghanistan: {name: Afghanistan, kind: state}
  wire: {name: A wire service, kind: outlet}
  desk: {name: A fact-check desk, kind: organization}
  paper: {name: A newspaper, kind: outlet}
  qatar: {name: Qatar, kind: mediator}
  blogger: {name: A blogger, kind: person, role: observer}
  silent: {name: A side not heard yet, kind: state}
propositions:
  sheltered: Militants are sheltered on Afghan soil.
  talks: Talks resume in Istanbul.
statements:
  - {actor: pakistan, asserts: sheltered}
  - {actor: afghanistan, denies: sheltered}
  # an outlet that only relays: no side
  - {actor: wire, relays: sheltered}
  # an outlet that takes a stance of its own: a party
  - {actor: paper, asserts: talks}
  # a mediator that speaks: still a mediator
  - {actor: qatar, asserts: talks}
  - {actor: blogger, relays: talks}
reviews:
  - {proposition: sheltered, reviewer: desk, textual_rating: Unproven}
"""


@pytest.fixture(params=["graph", "store"])
def backend(request: pytest.FixtureRequest) -> Iterator[cg.ClaimGraph]:
    g = cg.loads(YAML, format="yaml")
    if request.param == "graph":
        yield g
        return
    store = Store(":memory:")
    store.add_all(g)
    yield store  # type: ignore[misc]
    store.close()


def test_sides_are_the_parties(backend: cg.ClaimGraph) -> None:
    assert backend.sides() == ["afghanistan", "pakistan", "paper", "silent"]
    # relaying and reviewing never make a side; a fact-check desk of any kind observes
    assert backend.observers() == ["blogger", "desk", "wire"]
    assert backend.mediators() == ["qatar"]
    assert backend.roots() == sorted([*backend.sides(), *backend.observers(), "qatar"])


def test_an_observer_that_takes_a_stance_becomes_a_party(backend: cg.ClaimGraph) -> None:
    backend.add_all([cg.Statement(actor="wire", proposition="talks", stance="denies")])
    assert "wire" in backend.sides() and "wire" not in backend.observers()
    [c] = cg.contradictions(backend, proposition="talks")
    assert (c.kind, c.sides) == ("dispute", ("paper", "qatar", "wire"))


def test_a_withdrawn_stance_makes_no_party(backend: cg.ClaimGraph) -> None:
    backend.add_all([cg.Statement(id="w", actor="wire", proposition="talks", withdrawn=True)])
    assert "wire" in backend.observers()


def test_filters_take_observers_and_mediators(backend: cg.ClaimGraph) -> None:
    assert [s.actor for s in cg.statements(backend, side=["wire", "qatar"])] == ["wire", "qatar"]
    assert cg.positions(backend, side="wire").stance("wire", "sheltered") == "reports"


def test_the_report_lists_observers_and_mediators_apart() -> None:
    g = cg.loads(YAML, format="yaml")
    text = cg.report(g)
    assert "8 actors in 4 sides (Afghanistan, Pakistan, A newspaper, A side not heard yet)" in text
    assert "observers: A blogger, A fact-check desk, A wire service" in text
    assert "mediators: Qatar" in text
    data = cg.report_data(g)["summary"]
    assert [s["id"] for s in data["observers"]] == ["blogger", "desk", "wire"]
    assert [s["id"] for s in data["mediators"]] == ["qatar"]


def test_role_round_trips_and_is_checked() -> None:
    g = cg.loads(YAML, format="yaml")
    assert cg.loads(cg.dumps(g, format="yaml"), format="yaml") == g
    assert cg.loads(cg.dumps(g), format="json") == g
    with pytest.raises(cg.InvalidDataError) as info:
        cg.loads("claimgraph: 2\nactors:\n  a: {name: A, role: judge}\n", format="yaml")
    [err] = info.value.errors
    assert (err.line, err.field) == (3, "role")
