""" "did you mean 'pk-information-ministry'?" on every unknown id, in one message for both
backends (issue 13, item 4)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

import claimgraph as cg
from claimgraph.rules import did_you_mean
from claimgraph.store import Store

HINT = "(did you mean 'pk-information-ministry'?)"
TYPO = "pk-informaton-ministry"


@pytest.fixture(params=["graph", "store"])
def backend(request: pytest.FixtureRequest, example_graph: cg.ClaimGraph) -> Iterator[Any]:
    if request.param == "graph":
        yield example_graph
        return
    with Store(":memory:") as store:
        store.add_all(example_graph)
        yield store


def _message(call: Callable[[], object], error: type[Exception]) -> str:
    with pytest.raises(error) as exc:
        call()
    return str(exc.value)


def test_get_suggests(backend: Any) -> None:
    message = _message(lambda: backend.get(TYPO), cg.NotFoundError)
    assert message == f"no record with id '{TYPO}' in the graph {HINT}"


def test_side_suggests(backend: Any) -> None:
    message = _message(lambda: backend.side(TYPO), cg.NotFoundError)
    assert message == f"no actor with id '{TYPO}' in the graph {HINT}"


def test_a_typed_mapping_of_the_store_suggests(example_graph: cg.ClaimGraph) -> None:
    # the graph's mappings are plain read-only dicts (a KeyError naming the id)
    with Store(":memory:") as store:
        store.add_all(example_graph)
        message = _message(lambda: store.actors[TYPO], cg.NotFoundError)
    assert message == f"no actor with id '{TYPO}' in the graph {HINT}"


def test_a_filter_suggests(backend: Any) -> None:
    message = _message(lambda: cg.statements(backend, actor=TYPO), cg.NotFoundError)
    assert message == f"no actor with id '{TYPO}' in the graph {HINT}"


def test_an_unknown_reference_suggests(backend: Any) -> None:
    st = cg.Statement(id="new", actor=TYPO, proposition="militants-sheltered")
    message = _message(lambda: backend.add_all([st]), cg.UnknownReferenceError)
    assert f"actor '{TYPO}' is not in the graph {HINT}" in message


def test_the_suggestion_may_come_in_the_same_batch() -> None:
    g = cg.ClaimGraph()
    with pytest.raises(cg.UnknownReferenceError) as exc:
        g.add_all(
            [
                cg.Actor(id="pk-information-ministry", name="Ministry"),
                cg.Proposition(id="p", text="P."),
                cg.Statement(actor=TYPO, proposition="p"),
            ]
        )
    assert HINT in str(exc.value)


def test_a_file_suggests(tmp_path: Any) -> None:
    path = tmp_path / "typo.yaml"
    path.write_text(
        "claimgraph: 1\nactors: {pakistan: Pakistan}\npropositions: {p: P.}\n"
        "statements:\n  - {actor: Pakistan, asserts: p}\n",
        encoding="utf-8",
    )
    [e] = cg.validate(path)
    assert e.line == 5
    assert e.message == "actor 'Pakistan' is not in the graph (did you mean 'pakistan'?)"


def test_no_suggestion_for_an_id_like_none() -> None:
    assert did_you_mean("nobody", ["pakistan", "afghanistan"]) == ""
    assert did_you_mean("x", []) == ""


def test_the_suggestion_does_not_depend_on_order() -> None:
    ids = ["talks-a", "talks-b", "talks-c"]
    assert did_you_mean("talks-x", ids) == did_you_mean("talks-x", ids[::-1])


def test_a_large_pool_still_finds_a_typo_at_either_end() -> None:
    ids = [f"actor-{i}-of-the-many" for i in range(20_000)] + ["pk-information-ministry"]
    assert did_you_mean("pk-informaton-ministry", ids) == f" {HINT}"
    assert did_you_mean("xk-information-ministry", ids) == f" {HINT}"
    assert did_you_mean("pk-information-ministrx", ids) == f" {HINT}"
