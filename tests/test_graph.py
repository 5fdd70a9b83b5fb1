"""ClaimGraph: adding, integrity, conflicts, sides, the networkx view, merging."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable

import networkx as nx
import pytest

import claimgraph as cg

Builder = Callable[..., cg.ClaimGraph]


def edges(g: cg.ClaimGraph) -> set[tuple[str, str, str]]:
    return set(g.nx.edges(keys=True))


def snapshot(g: cg.ClaimGraph) -> tuple[object, ...]:
    """Everything observable about a graph, to check that a failed call changed nothing."""
    return (
        list(g),
        edges(g),
        dict(g.nx.nodes(data="type")),
        {a: g.side(a) for a in g.actors},
        [s.id for s in g.statements(since="1000")],
        {k: [s.id for s in g.statements_of_kind(k)] for k in cg.StatementKind},
    )


@pytest.fixture
def small() -> cg.ClaimGraph:
    return cg.ClaimGraph(
        [
            cg.Actor(id="pakistan", name="Pakistan", kind="state"),
            cg.Actor(id="pk-gov", name="Government of Pakistan", member_of=["pakistan"]),
            cg.Actor(id="pk-dm", name="Defense minister", kind="office", member_of=["pk-gov"]),
            cg.Actor(id="afghanistan", name="Afghanistan", kind="state"),
            cg.Source(id="news", publisher="Arab News", published="2025-11-05"),
            cg.Proposition(id="sheltered", text="Militants are sheltered on Afghan soil."),
            cg.Statement(
                id="s1",
                actor="pk-dm",
                proposition="sheltered",
                said="2025-10",
                reports=[{"source": "news", "quote": "they shelter them"}],
            ),
            cg.Statement(
                id="s2",
                actor="afghanistan",
                proposition="sheltered",
                stance="denies",
                responds_to=["s1"],
            ),
        ]
    )


# ---------------------------------------------------------------------------- add / get
def test_add_and_get(small: cg.ClaimGraph) -> None:
    assert small.get("pk-dm").name == "Defense minister"  # type: ignore[union-attr]
    assert "s1" in small and "nope" not in small
    assert len(small) == 8
    assert [r.record_type for r in small] == ["actor"] * 4 + ["source", "proposition"] + [
        "statement"
    ] * 2
    assert set(small.actors) == {"pakistan", "pk-gov", "pk-dm", "afghanistan"}
    assert set(small.sources) == {"news"}
    assert set(small.propositions) == {"sheltered"}
    assert set(small.statement_records) == {"s1", "s2"}


def test_add_helpers_take_models_or_fields() -> None:
    g = cg.ClaimGraph()
    a = g.add_actor(id="a", name="A")
    assert g.add_actor(cg.Actor(id="a", name="A")) is a
    src = g.add_source(url="https://example.org/x")
    p = g.add_proposition(text="It rained.")
    s = g.add_statement(actor="a", proposition=p.id, reports=[{"source": src.id}])
    assert g.get(s.id) == s
    assert g.add(s) == s  # adding again changes nothing
    assert len(g) == 4


def test_get_unknown_id_raises_not_found(small: cg.ClaimGraph) -> None:
    with pytest.raises(cg.NotFoundError, match="'ghost'"):
        small.get("ghost")
    with pytest.raises(KeyError):  # NotFoundError is also a KeyError
        small.get("ghost")


def test_mappings_are_read_only(small: cg.ClaimGraph) -> None:
    with pytest.raises(TypeError):
        small.actors["x"] = cg.Actor(id="x", name="X")  # type: ignore[index]


def test_adding_something_else_is_a_type_error(small: cg.ClaimGraph) -> None:
    before = snapshot(small)
    with pytest.raises(TypeError, match="dict"):
        small.add_all([cg.Actor(id="new", name="New"), {"id": "x"}])  # type: ignore[list-item]
    assert snapshot(small) == before


# ---------------------------------------------------------------------------- integrity
def test_statement_naming_an_unknown_actor(small: cg.ClaimGraph) -> None:
    before = snapshot(small)
    with pytest.raises(cg.UnknownReferenceError) as info:
        small.add_statement(id="s3", actor="ghost", proposition="sheltered")
    [detail] = info.value.errors
    assert detail.code == "unknown_reference"
    assert detail.record == "statement 's3'"
    assert detail.record_id == "s3"
    assert detail.field == "actor"
    assert "'ghost'" in detail.message
    assert "statement 's3'" in str(info.value) and "ghost" in str(info.value)
    assert snapshot(small) == before


def test_every_unknown_reference_is_listed(small: cg.ClaimGraph) -> None:
    with pytest.raises(cg.UnknownReferenceError) as info:
        small.add_statement(
            id="s3",
            actor="ghost",
            proposition="nothing",
            reports=[{"source": "news"}, {"source": "elsewhere"}],
            responds_to=["s1", "s9"],
        )
    found = {(d.field, d.code) for d in info.value.errors}
    assert found == {
        ("actor", "unknown_reference"),
        ("proposition", "unknown_reference"),
        ("reports.1.source", "unknown_reference"),
        ("responds_to", "unknown_reference"),
    }
    assert {d.record for d in info.value.errors} == {"statement 's3'"}


def test_reference_of_the_wrong_type(small: cg.ClaimGraph) -> None:
    with pytest.raises(cg.UnknownReferenceError) as info:
        small.add_statement(id="s3", actor="sheltered", proposition="pakistan")
    assert {(d.code, d.field) for d in info.value.errors} == {
        ("wrong_reference_type", "actor"),
        ("wrong_reference_type", "proposition"),
    }
    with pytest.raises(cg.UnknownReferenceError) as info:
        small.add_actor(id="x", name="X", member_of=["news"])
    [detail] = info.value.errors
    assert (detail.code, detail.record, detail.field) == (
        "wrong_reference_type",
        "actor 'x'",
        "member_of",
    )


def test_records_may_come_in_any_order_within_a_batch() -> None:
    g = cg.ClaimGraph()
    result = g.add_all(
        [
            cg.Statement(id="s", actor="b", proposition="p"),
            cg.Actor(id="b", name="B", member_of=["a"]),
            cg.Proposition(id="p", text="P"),
            cg.Actor(id="a", name="A"),
        ]
    )
    assert sorted(result.added) == ["a", "b", "p", "s"]
    assert g.side("b") == "a"


# ---------------------------------------------------------------------------- conflicts
def test_same_id_different_content_is_a_conflict(small: cg.ClaimGraph) -> None:
    before = snapshot(small)
    with pytest.raises(cg.ConflictError) as info:
        small.add_all(
            [
                cg.Actor(id="brand-new", name="New"),  # fine on its own: must not be added
                cg.Actor(id="pakistan", name="Pakistan", kind="government"),
            ]
        )
    [detail] = info.value.errors
    assert (detail.code, detail.record, detail.field) == ("conflict", "actor 'pakistan'", "id")
    assert "kind" in detail.message
    assert snapshot(small) == before
    assert "brand-new" not in small


def test_conflict_between_record_types(small: cg.ClaimGraph) -> None:
    with pytest.raises(cg.ConflictError) as info:
        small.add(cg.Proposition(id="pakistan", text="Pakistan"))
    assert info.value.errors[0].code == "conflict"


def test_conflict_within_one_batch() -> None:
    g = cg.ClaimGraph()
    with pytest.raises(cg.ConflictError) as info:
        g.add_all([cg.Actor(id="a", name="A"), cg.Actor(id="a", name="B")])
    assert [d.code for d in info.value.errors] == ["conflict"]
    assert len(g) == 0


def test_statement_copies_with_different_reports_are_united(small: cg.ClaimGraph) -> None:
    small.add_source(id="wire", kind="wire", title="Wire")
    copy = cg.Statement(
        id="s1",
        actor="pk-dm",
        proposition="sheltered",
        said="2025-10",
        reports=[{"source": "wire", "quote": "they shelter them"}],
        responds_to=[],
        note="from the wire",
    )
    result = small.add_all([copy])
    assert result.extended == ["s1"] and result.added == []
    s1 = small.get("s1")
    assert isinstance(s1, cg.Statement)
    assert [r.source for r in s1.reports] == ["news", "wire"]
    assert s1.note == "from the wire"
    assert ("s1", "wire", "reported_in") in edges(small)
    assert [s.id for s in small.statements_in("wire")] == ["s1"]
    # a missing quote is filled in by a copy that has it
    small.add(
        cg.Statement(
            id="s2",
            actor="afghanistan",
            proposition="sheltered",
            stance="denies",
            reports=[{"source": "news", "quote": "lies"}],
        )
    )
    s2 = small.get("s2")
    assert isinstance(s2, cg.Statement)
    assert s2.quotes == ["lies"] and s2.responds_to == ("s1",)


def test_statement_copies_that_disagree_conflict(small: cg.ClaimGraph) -> None:
    before = snapshot(small)
    for change in (
        {"reports": [{"source": "news", "quote": "something else"}]},  # another quote
        {"said": "2025-11"},
        {"stance": "denies"},
        {"note": "a"},
    ):
        if "note" in change:
            small.update("s1", note="b")
            before = snapshot(small)
        fields: dict[str, object] = {
            "id": "s1",
            "actor": "pk-dm",
            "proposition": "sheltered",
            "said": "2025-10",
            **change,
        }
        with pytest.raises(cg.ConflictError):
            small.add(cg.Statement(**fields))
        assert snapshot(small) == before


def test_membership_cycles_are_rejected() -> None:
    g = cg.ClaimGraph([cg.Actor(id="c", name="C")])
    with pytest.raises(cg.InvalidDataError) as info:
        g.add_all(
            [
                cg.Actor(id="a", name="A", member_of=["b"]),
                cg.Actor(id="b", name="B", member_of=["a"]),
            ]
        )
    assert {(d.code, d.record, d.field) for d in info.value.errors} == {
        ("membership_cycle", "actor 'a'", "member_of"),
        ("membership_cycle", "actor 'b'", "member_of"),
    }
    with pytest.raises(cg.InvalidDataError) as info:
        g.add_actor(id="self", name="Self", member_of=["self"])
    assert [d.code for d in info.value.errors] == ["membership_cycle"]
    assert list(g.actors) == ["c"]


def test_membership_cycle_through_update_is_rejected() -> None:
    g = cg.ClaimGraph([cg.Actor(id="a", name="A"), cg.Actor(id="b", name="B", member_of=["a"])])
    with pytest.raises(cg.InvalidDataError) as info:
        g.update("a", member_of=["b"])
    assert [d.code for d in info.value.errors] == ["membership_cycle"]
    assert g.get("a").member_of == ()  # type: ignore[union-attr]
    assert g.side("b") == "a"


def test_membership_cycle_through_update_is_not_an_unknown_reference() -> None:
    g = cg.ClaimGraph([cg.Actor(id="a", name="A"), cg.Actor(id="b", name="B", member_of=["a"])])
    with pytest.raises(cg.InvalidDataError) as info:
        g.update("a", member_of=["b"])
    assert not isinstance(info.value, cg.UnknownReferenceError)


def test_add_all_lists_conflicts_and_unknown_references_together(small: cg.ClaimGraph) -> None:
    with pytest.raises(cg.InvalidDataError) as info:
        small.add_all(
            [
                cg.Actor(id="pakistan", name="Pakistan", kind="government"),
                cg.Statement(id="s9", actor="ghost", proposition="sheltered"),
            ]
        )
    assert {d.code for d in info.value.errors} == {"conflict", "unknown_reference"}


# ---------------------------------------------------------------------------- update
def test_update_replaces_fields_and_relinks(small: cg.ClaimGraph) -> None:
    small.add_actor(id="pk-fo", name="Foreign office", member_of=["pakistan"])
    new = small.update("s1", actor="pk-fo", kind="accusation", said="2025-11")
    assert isinstance(new, cg.Statement)
    assert (new.id, new.actor, new.kind, new.said) == ("s1", "pk-fo", "accusation", "2025-11")
    assert small.get("s1") == new
    assert ("s1", "pk-fo", "said_by") in edges(small)
    assert ("s1", "pk-dm", "said_by") not in edges(small)
    assert [s.id for s in small.statements_by("pk-fo")] == ["s1"]
    assert small.statements_by("pk-dm") == []
    assert [s.id for s in small.statements_of_kind("accusation")] == ["s1"]
    assert small.statements_of_kind("claim") == []
    assert [s.id for s in small.statements(since="2025-11")] == ["s1"]
    assert small.statements(until="2025-10") == []


def test_update_without_change_returns_the_same_record(small: cg.ClaimGraph) -> None:
    old = small.get("s1")
    assert small.update("s1", said="2025-10") is old


def test_update_cannot_change_the_id(small: cg.ClaimGraph) -> None:
    before = snapshot(small)
    with pytest.raises(cg.InvalidDataError, match="cannot change the id of statement 's1'"):
        small.update("s1", id="s9")
    assert snapshot(small) == before


def test_update_checks_references(small: cg.ClaimGraph) -> None:
    before = snapshot(small)
    with pytest.raises(cg.UnknownReferenceError) as info:
        small.update("s1", actor="ghost")
    [detail] = info.value.errors
    assert (detail.code, detail.record, detail.field) == (
        "unknown_reference",
        "statement 's1'",
        "actor",
    )
    assert snapshot(small) == before


def test_update_of_a_missing_record(small: cg.ClaimGraph) -> None:
    with pytest.raises(cg.NotFoundError):
        small.update("ghost", name="x")


def test_update_with_an_invalid_value_raises_a_claimgraph_error(small: cg.ClaimGraph) -> None:
    with pytest.raises(cg.InvalidDataError) as info:
        small.update("s1", stance="maybe")
    assert [(d.code, d.field) for d in info.value.errors] == [("literal_error", "stance")]


def test_update_of_stance_recomputes_a_defaulted_kind(small: cg.ClaimGraph) -> None:
    assert small.get("s2").kind == "denial"  # type: ignore[union-attr]
    assert small.update("s2", stance="asserts").kind == "claim"  # type: ignore[union-attr]


def test_update_moves_an_actor_to_another_side(small: cg.ClaimGraph) -> None:
    assert small.side("pk-dm") == "pakistan"
    small.update("pk-gov", member_of=["afghanistan"])
    assert small.side("pk-dm") == "afghanistan"
    assert small.side("pk-gov") == "afghanistan"
    assert small.sides() == ["afghanistan", "pakistan"]
    assert [c.kind for c in small.contradictions()] == ["inconsistency"]


# ---------------------------------------------------------------------------- remove
def test_remove_is_refused_while_referenced(small: cg.ClaimGraph) -> None:
    before = snapshot(small)
    for rid in ("pk-dm", "sheltered", "news", "s1", "pakistan"):
        with pytest.raises(cg.ReferencedError, match=f"'{rid}'"):
            small.remove(rid)
    assert snapshot(small) == before


def test_remove_in_dependency_order(small: cg.ClaimGraph) -> None:
    assert small.remove("s2").id == "s2"
    assert small.responses_to("s1") == []
    small.remove("s1")
    for rid in ("news", "sheltered", "pk-dm", "pk-gov", "pakistan", "afghanistan"):
        small.remove(rid)
    assert len(small) == 0
    assert small.nx.number_of_nodes() == 0 and small.nx.number_of_edges() == 0
    with pytest.raises(cg.NotFoundError):
        small.remove("s1")


def test_removed_statement_leaves_every_index(small: cg.ClaimGraph) -> None:
    small.remove("s2")
    assert [s.id for s in small.statements_about("sheltered")] == ["s1"]
    assert small.statements_by("afghanistan") == []
    assert small.statements_of_kind("denial") == []
    assert small.contradictions() == []
    # and the id can be used again
    small.add_statement(id="s2", actor="afghanistan", proposition="sheltered", kind="claim")
    assert small.get("s2").kind == "claim"  # type: ignore[union-attr]


# ---------------------------------------------------------------------------- sides
def test_sides_follow_membership_chains(small: cg.ClaimGraph) -> None:
    assert small.side("pk-dm") == "pakistan"
    assert small.side("pk-gov") == "pakistan"
    assert small.side("pakistan") == "pakistan"
    assert small.side("afghanistan") == "afghanistan"
    assert small.sides() == ["afghanistan", "pakistan"]
    assert small.members("pakistan") == ["pakistan", "pk-dm", "pk-gov"]
    with pytest.raises(cg.NotFoundError):
        small.side("ghost")
    with pytest.raises(cg.NotFoundError):
        small.members("ghost")


def test_side_follows_the_first_membership_only() -> None:
    g = cg.ClaimGraph(
        [
            cg.Actor(id="a", name="A"),
            cg.Actor(id="b", name="B"),
            cg.Actor(id="x", name="X", member_of=["b", "a"]),
        ]
    )
    assert g.side("x") == "b"
    assert set(g.nx.successors("x")) == {"a", "b"}


def test_sides_of_the_example(example_graph: cg.ClaimGraph) -> None:
    g = example_graph
    assert g.sides() == ["afghanistan", "mediators", "pakistan"]
    assert g.side("pk-defense-minister") == "pakistan"
    assert g.side("pk-information-ministry") == "pakistan"
    assert g.side("af-spokesperson") == "afghanistan"
    assert g.side("qatar") == "mediators"


# ---------------------------------------------------------------------------- networkx
def test_nx_is_a_frozen_multidigraph(small: cg.ClaimGraph) -> None:
    G = small.nx
    assert isinstance(G, nx.MultiDiGraph)
    assert nx.is_frozen(G)
    with pytest.raises(nx.NetworkXError):
        G.add_node("x")
    with pytest.raises(nx.NetworkXError):
        G.add_edge("s1", "s2")
    with pytest.raises(nx.NetworkXError):
        G.remove_node("s1")


def test_nx_edges_are_keyed_by_relation(small: cg.ClaimGraph) -> None:
    G = small.nx
    assert edges(small) == {
        ("pk-gov", "pakistan", "member_of"),
        ("pk-dm", "pk-gov", "member_of"),
        ("s1", "pk-dm", "said_by"),
        ("s1", "sheltered", "about"),
        ("s1", "news", "reported_in"),
        ("s2", "afghanistan", "said_by"),
        ("s2", "sheltered", "about"),
        ("s2", "s1", "responds_to"),
    }
    for _u, _v, key, data in G.edges(keys=True, data=True):
        assert key in cg.EDGE_TYPES
        assert data["type"] == key
    assert G.edges["s1", "news", "reported_in"]["quote"] == "they shelter them"
    assert G.nodes["s1"]["type"] == "statement"
    assert G.nodes["s1"]["record"] == small.get("s1")
    assert dict(G.nodes(data="type"))["news"] == "source"


def test_networkx_algorithms_accept_the_graph(example_graph: cg.ClaimGraph) -> None:
    G = example_graph.nx
    assert nx.shortest_path(G, "dm-single-demand", "pakistan") == [
        "dm-single-demand",
        "pk-defense-minister",
        "pk-government",
        "pakistan",
    ]
    assert nx.descendants(G, "pk-defense-minister") == {"pk-government", "pakistan"}
    assert nx.number_weakly_connected_components(G) == 1
    members = nx.subgraph_view(G, filter_edge=lambda u, v, k: k == "member_of")
    assert nx.is_directed_acyclic_graph(members)
    assert G.in_degree("militants-sheltered") == 2
    # pure-Python algorithms only: pagerank would need numpy/scipy, which the core does not
    ranks = nx.in_degree_centrality(nx.DiGraph(G))
    assert max(ranks, key=ranks.__getitem__) == "arabnews-istanbul-talks"
    H = G.copy()  # a thawed copy the user may change
    H.add_node("mine")
    assert not nx.is_frozen(H) and "mine" not in example_graph


def test_nx_follows_changes(small: cg.ClaimGraph) -> None:
    G = small.nx
    assert nx.has_path(G, "s2", "pakistan")
    small.remove("s2")
    assert "s2" in G  # a graph already handed out is not changed under its user ...
    assert "s2" not in small.nx and small.nx is not G  # ... the next access is a new one
    assert not nx.has_path(small.nx, "news", "s1")
    H = small.nx
    small.add_statement(id="s3", actor="pakistan", proposition="sheltered", responds_to=["s1"])
    assert ("s3", "s1", "responds_to") in edges(small)
    assert "s3" not in H
    assert small.nx.number_of_edges() == len(edges(small)) == 8


# ---------------------------------------------------------------------------- repr / equality
def test_repr(small: cg.ClaimGraph, example_graph: cg.ClaimGraph) -> None:
    assert repr(small) == "<ClaimGraph: 2 statements, 1 proposition, 4 actors (2 sides), 1 source>"
    assert repr(cg.ClaimGraph()) == (
        "<ClaimGraph: 0 statements, 0 propositions, 0 actors (0 sides), 0 sources>"
    )
    assert repr(example_graph) == (
        "<ClaimGraph: 26 statements, 18 propositions, 11 actors (3 sides), 1 source>"
    )


def test_equality_and_copy(small: cg.ClaimGraph) -> None:
    other = small.copy()
    assert other == small and other is not small
    other.remove("s2")
    assert other != small
    assert "s2" in small
    assert small != "a graph"
    with pytest.raises(TypeError):
        hash(small)


# ---------------------------------------------------------------------------- merge
def test_merge_into_itself_and_a_copy_changes_nothing(example_graph: cg.ClaimGraph) -> None:
    before = snapshot(example_graph)
    result = example_graph.merge(example_graph)
    assert (result.added, result.extended, result.unchanged) == ([], [], len(example_graph))
    assert not result.changed
    assert snapshot(example_graph) == before
    copy = example_graph.copy()
    assert not copy.merge(example_graph).changed
    assert copy == example_graph


def test_merge_twice_is_idempotent(small: cg.ClaimGraph, example_graph: cg.ClaimGraph) -> None:
    new = [r.id for r in small if r.id not in example_graph]
    assert new and len(new) < len(small)  # "pakistan" and "afghanistan" are in both
    first = example_graph.merge(small)
    assert sorted(first.added) == sorted(new)
    assert first.unchanged == len(small) - len(new)
    after = snapshot(example_graph)
    second = example_graph.merge(small)
    assert not second.changed and second.unchanged == len(small)
    assert snapshot(example_graph) == after


def test_merge_unites_reports_and_says_so(small: cg.ClaimGraph) -> None:
    other = cg.ClaimGraph(
        [
            *small.actors.values(),
            *small.propositions.values(),
            cg.Source(id="wire", kind="wire"),
            cg.Statement(
                id="s1",
                actor="pk-dm",
                proposition="sheltered",
                said="2025-10",
                reports=[{"source": "wire"}],
            ),
        ]
    )
    result = small.merge(other)
    assert result.added == ["wire"] and result.extended == ["s1"]
    assert [r.source for r in small.get("s1").reports] == ["news", "wire"]  # type: ignore[union-attr]


def test_merge_of_a_statement_with_fewer_reports_changes_nothing(small: cg.ClaimGraph) -> None:
    small.add_source(id="wire", kind="wire")
    small.add(
        cg.Statement(
            id="s1",
            actor="pk-dm",
            proposition="sheltered",
            said="2025-10",
            reports=[{"source": "wire"}],
        )
    )
    before = snapshot(small)
    older = cg.Statement(
        id="s1",
        actor="pk-dm",
        proposition="sheltered",
        said="2025-10",
        reports=[{"source": "news", "quote": "they shelter them"}],
    )
    result = small.merge([older])
    assert snapshot(small) == before
    assert not result.changed


def test_merge_is_atomic(small: cg.ClaimGraph) -> None:
    before = snapshot(small)
    incoming = cg.ClaimGraph(
        [
            cg.Actor(id="pakistan", name="Islamic Republic of Pakistan"),  # conflict
            cg.Actor(id="qatar", name="Qatar", kind="mediator"),  # new
        ]
    )
    with pytest.raises(cg.ConflictError) as info:
        small.merge(incoming)
    assert [(d.code, d.record) for d in info.value.errors] == [("conflict", "actor 'pakistan'")]
    assert snapshot(small) == before
    assert "qatar" not in small


def test_add_all_is_independent_of_order(example_graph: cg.ClaimGraph) -> None:
    records = list(example_graph)
    rng = random.Random(20251105)  # noqa: S311 - a fixed shuffle, not cryptography
    reference = snapshot(example_graph)
    for _ in range(5):
        rng.shuffle(records)
        g = cg.ClaimGraph(records)
        assert g == example_graph
        assert (reference[1], reference[3]) == (edges(g), {a: g.side(a) for a in g.actors})
        assert [c.propositions for c in g.contradictions()] == [
            c.propositions for c in example_graph.contradictions()
        ]
        assert [a.proposition for a in g.agreements()] == [
            a.proposition for a in example_graph.agreements()
        ]


def test_add_one_by_one_equals_add_all(tiny_graph: Builder) -> None:
    g = tiny_graph([("a", "p", "asserts"), ("b", "p", "denies")], members={"a1": "a"})
    for perm in itertools.islice(itertools.permutations(list(g)), 0, 50, 7):
        h = cg.ClaimGraph()
        pending = list(perm)
        while pending:  # one at a time, retrying records whose references are not in yet
            rec = pending.pop(0)
            try:
                h.add(rec)
            except cg.UnknownReferenceError:
                pending.append(rec)
        assert h == g and edges(h) == edges(g)


def test_merge_result_repr() -> None:
    result = cg.MergeResult(added=["a", "b"], extended=["c"], unchanged=4)
    assert repr(result) == "MergeResult(added=2, extended=1, unchanged=4)"
    assert result.changed and not cg.MergeResult().changed


def test_same_proposition_in_another_case_is_not_a_conflict() -> None:
    g = cg.ClaimGraph()
    first = g.add_proposition(text="It rained in Kabul.")
    again = g.add_proposition(text="it rained in Kabul")
    assert again.id == first.id
    assert len(g.propositions) == 1


# ---------------------------------------------------------------------------- memory sharing
def test_shared_edge_key_dicts_are_never_modified() -> None:
    g = cg.ClaimGraph(
        [
            cg.Proposition(id="q", text="Q"),
            cg.Proposition(id="s", text="S"),
            cg.Proposition(id="r", text="R", contradicts=["s"]),
            cg.Proposition(id="p", text="P", contradicts=["q"], implies=["q"]),
        ]
    )
    assert set(g.nx["r"]["s"]) == {"contradicts"}
    assert set(g.nx["p"]["q"]) == {"contradicts", "implies"}
    g.update("p", implies=[])
    assert set(g.nx["p"]["q"]) == {"contradicts"}
    assert set(g.nx["r"]["s"]) == {"contradicts"}
    assert g.nx._pred["q"]["p"] is g.nx._succ["p"]["q"]  # one key dict per pair, both ways


def test_equal_reports_are_shared_between_statements(small: cg.ClaimGraph) -> None:
    a = small.add_statement(actor="pakistan", proposition="sheltered", reports=[{"source": "news"}])
    b = small.add_statement(
        actor="afghanistan", proposition="sheltered", said="2025", reports=[{"source": "news"}]
    )
    assert a.reports[0] is b.reports[0]
    assert a.reports == (cg.Report(source="news"),)


def test_records_share_their_fields_sets() -> None:
    one = cg.Actor(id="a", name="A", kind="state")
    two = cg.Actor(id="b", name="B", kind="state")
    assert one.model_fields_set is two.model_fields_set
    copy = one.model_copy(update={"aliases": ("Ay",)})
    assert "aliases" in copy.model_fields_set and "aliases" not in one.model_fields_set


def test_gc_paused_restores_the_collector_and_freezes_nothing() -> None:
    import gc

    from claimgraph import _gc

    was = gc.isenabled()
    before = gc.get_freeze_count()
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            with _gc.gc_paused():
                with _gc.gc_paused():  # re-entrant: the inner exit keeps it paused
                    pass
                assert not gc.isenabled()
                big = [[i] for i in range(200_000)]
            assert gc.isenabled() is enabled  # as it was, whichever it was
            assert gc.get_freeze_count() == before  # nothing moved out of the collector's way
            with pytest.raises(KeyError), _gc.gc_paused():
                raise KeyError("x")
            assert gc.isenabled() is enabled
            del big
    finally:
        (gc.enable if was else gc.disable)()


def test_plan_then_apply_only_on_the_state_it_checked() -> None:
    g, h = cg.ClaimGraph(), cg.ClaimGraph()
    plan = g.plan([cg.Actor(id="qatar", name="Qatar")])
    assert len(g) == 0 and not plan.all_errors
    with pytest.raises(cg.InvalidArgumentError, match="another graph"):
        h.apply(plan)
    g.add_actor(id="turkey", name="Turkey")  # the graph changed since the plan
    with pytest.raises(cg.InvalidArgumentError, match="plan"):
        g.apply(plan)
    bad = g.plan([cg.Statement(actor="nobody", proposition="p")])
    with pytest.raises(cg.UnknownReferenceError):
        g.apply(bad)
    assert g.apply(g.plan([cg.Actor(id="qatar", name="Qatar")])).added == ["qatar"]
    assert sorted(g.actors) == ["qatar", "turkey"]
