"""claimgraph.corroboration: independent sources by origin, chains, cycles, publishers."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimgraph as cg
from claimgraph.corroboration import corroboration, independent_counts


def graph(sources: dict[str, dict[str, Any]], statements: dict[str, list[str]]) -> cg.ClaimGraph:
    """Sources by id (with fields), and statements by id -> the sources reporting them;
    statement ids starting with "d" deny the proposition, the others assert it."""
    g = cg.ClaimGraph()
    recs: list[cg.Record] = [cg.Source(id=s, **f) for s, f in sources.items()]
    recs += [cg.Actor(id="speaker", name="X"), cg.Proposition(id="p", text="P.")]
    recs += [
        cg.Statement(
            id=sid,
            actor="speaker",
            proposition="p",
            stance="denies" if sid.startswith("d") else "asserts",
            reports=[{"source": s} for s in srcs],
        )
        for sid, srcs in statements.items()
    ]
    g.add_all(recs)
    return g


WIRE: dict[str, dict[str, Any]] = {
    "wire": {"publisher": "Wire"},
    "a": {"publisher": "Paper A", "derived_from": ["wire"]},
    "b": {"publisher": "Paper B", "derived_from": ["a"]},  # a reprint of a reprint
    "c": {"publisher": "Paper C"},
    "c2": {"publisher": " paper  c", "note": "same publisher as c, spelt differently"},
}


def test_reprints_collapse_to_their_origin() -> None:
    g = graph(WIRE, {"s": ["a", "b"], "t": ["a", "c"], "u": ["wire", "a", "b", "c"]})
    c = corroboration(g)
    s, t, u = (c.statements[k].support for k in "stu")
    assert (s.independent, s.single_origin, s.origins) == (1, True, (("wire",),))
    assert s.chains == {"a": (("a", "wire"),), "b": (("b", "a", "wire"),)}
    assert (t.independent, t.single_origin) == (2, False)
    assert t.groups == (("a",), ("c",))
    assert u.groups == (("a", "b", "wire"), ("c",))
    assert c.single_origin() == ["s"]
    assert c.cycles == ()
    assert c.origins["b"] == ("wire",)


def test_by_publisher_collapses_same_outlet() -> None:
    g = graph(WIRE, {"s": ["c", "c2"], "t": ["a", "c"]})
    assert corroboration(g).statements["s"].support.independent == 2
    by_pub = corroboration(g, by_publisher=True)
    assert by_pub.statements["s"].support.independent == 1
    assert by_pub.statements["t"].support.independent == 2
    assert by_pub.by_publisher


def test_by_publisher_includes_the_origins_publisher() -> None:
    # y reprints x; z is a different article by x's publisher: one outlet behind all three
    src: dict[str, dict[str, Any]] = {
        "x": {"publisher": "Agency"},
        "y": {"publisher": "Other", "derived_from": ["x"]},
        "z": {"publisher": "agency"},
    }
    g = graph(src, {"s": ["y", "z"]})
    assert corroboration(g).statements["s"].support.independent == 2
    assert corroboration(g, by_publisher=True).statements["s"].support.independent == 1


def test_circular_reporting_is_found_not_looped_on() -> None:
    src: dict[str, dict[str, Any]] = {
        "a": {"derived_from": ["b"]},
        "b": {"derived_from": ["a"]},
        "c": {"derived_from": ["a"]},  # cites into the cycle
        "d": {},
        "self": {"derived_from": ["self"]},
    }
    g = graph(src, {"s": ["a", "b", "c"], "t": ["c", "d"], "v": ["self"]})
    c = corroboration(g)
    assert c.cycles == (("a", "b"), ("self",))
    s = c.statements["s"].support
    # the cycle is an origin of its own: its members cannot be told apart
    assert (s.independent, s.origins) == (1, (("a", "b"),))
    assert c.statements["t"].support.independent == 2
    assert c.statements["t"].support.chains == {"c": (("c", "a"),)}
    assert c.statements["v"].support.independent == 1


def test_two_origins_of_one_source_count_once_but_link_the_rest() -> None:
    # m draws on two wires; alone it is one source, but it ties w1's and w2's readers together
    src: dict[str, dict[str, Any]] = {
        "w1": {},
        "w2": {},
        "m": {"derived_from": ["w1", "w2"]},
        "r1": {"derived_from": ["w1"]},
    }
    g = graph(src, {"s": ["m"], "t": ["r1", "w2"], "u": ["m", "r1", "w2"]})
    c = corroboration(g)
    assert c.statements["s"].support.independent == 1
    assert c.statements["s"].support.origins == (("w1", "w2"),)
    assert c.statements["s"].support.chains["m"] == (("m", "w1"), ("m", "w2"))
    assert c.statements["t"].support.independent == 2
    assert c.statements["u"].support.independent == 1


def test_propositions_split_by_stance_and_unsourced_statements() -> None:
    g = graph(WIRE, {"s": ["a"], "t": ["c"], "d1": ["b"], "d2": []})
    c = corroboration(g)
    p = c.propositions["p"]
    assert (p.asserts.independent, p.denies.independent) == (2, 1)
    assert p.denies.sources == ("b",)
    unsourced = c.statements["d2"].support
    assert (unsourced.independent, unsourced.single_origin) == (0, False)


def test_independent_counts_and_no_chains() -> None:
    g = graph(WIRE, {"s": ["a", "b"], "t": ["a", "c"]})
    assert independent_counts(g) == {"s": 1, "t": 2}
    assert corroboration(g, chains=False).statements["s"].support.chains == {}


def test_display_escapes_and_to_dict() -> None:
    g = graph({"<b>evil</b>": {"derived_from": ["w&"]}, "w&": {}}, {"s": ["<b>evil</b>"]})
    c = corroboration(g)
    html = c._repr_html_()
    assert "<b>evil</b>" not in html and "&lt;b&gt;evil&lt;/b&gt;" in html
    assert "single origin" in html
    assert "1 statements (1 on a single origin)" in repr(c)
    for part in (c.statements["s"], c.propositions["p"], c.statements["s"].support):
        part_html = part._repr_html_()
        assert "<b>evil</b>" not in part_html and "&lt;b&gt;evil&lt;/b&gt;" in part_html
    d = c.to_dict()
    assert d["statements"]["s"]["independent"] == 1
    assert d["statements"]["s"]["chains"] == {"<b>evil</b>": [["<b>evil</b>", "w&"]]}


def test_worked_example() -> None:
    g = cg.load(cg.example_path())
    c = corroboration(g)
    assert len(c.statements) == len(g.statement_records)
    assert c.single_origin() == sorted(g.statement_records)  # one article reports everything


names = st.sampled_from([f"s{i}" for i in range(8)])


@settings(max_examples=60, deadline=None)
@given(
    edges=st.lists(st.tuples(names, names), max_size=14),
    reports=st.lists(names, min_size=1, max_size=6, unique=True),
)
def test_count_matches_shared_origin_components(
    edges: list[tuple[str, str]], reports: list[str]
) -> None:
    """Independent count == connected components of the reporting sources, joined when two
    reach a common origin (an upstream end: a sink of the condensation) — a brute-force
    check by reachability, pair by pair."""
    derived: dict[str, list[str]] = {f"s{i}": [] for i in range(8)}
    for a, b in edges:
        if b not in derived[a]:
            derived[a].append(b)
    g = graph({s: {"derived_from": d} for s, d in derived.items()}, {"x": reports})
    support = corroboration(g).statements["x"].support

    d: nx.DiGraph[str] = nx.DiGraph()
    d.add_nodes_from(derived)
    d.add_edges_from((a, b) for a, ps in derived.items() for b in ps)

    def ends(s: str) -> set[frozenset[str]]:
        reach = nx.descendants(d, s) | {s}
        # upstream ends: strongly connected sets from which nothing else is reachable
        return {
            frozenset(nx.descendants(d, r) | {r})
            for r in reach
            if all(r in nx.descendants(d, x) | {x} for x in nx.descendants(d, r))
        }

    joined: nx.Graph[str] = nx.Graph()
    joined.add_nodes_from(reports)
    for i, a in enumerate(reports):
        for b in reports[i + 1 :]:
            if ends(a) & ends(b):
                joined.add_edge(a, b)
    assert support.independent == nx.number_connected_components(joined)
    assert 1 <= support.independent <= len(reports)
    flat = sorted(s for grp in support.groups for s in grp)
    assert flat == sorted(reports)
    assert independent_counts(g) == {"x": support.independent}


@settings(max_examples=40, deadline=None)
@given(
    edges=st.lists(st.tuples(names, names), max_size=10),
    publishers=st.lists(st.sampled_from(["P", "p ", "Q", None]), min_size=8, max_size=8),
    reports=st.lists(st.lists(names, max_size=5, unique=True), min_size=1, max_size=4),
)
def test_fast_counts_agree_with_the_full_result(
    edges: list[tuple[str, str]], publishers: list[str | None], reports: list[list[str]]
) -> None:
    derived: dict[str, list[str]] = {f"s{i}": [] for i in range(8)}
    for a, b in edges:
        if b not in derived[a]:
            derived[a].append(b)
    sources = {
        s: {"derived_from": d, "publisher": publishers[i]}
        for i, (s, d) in enumerate(derived.items())
    }
    g = graph(sources, {f"st{i}": r for i, r in enumerate(reports)})
    for by_publisher in (False, True):
        full = corroboration(g, by_publisher=by_publisher)
        counts = {k: v.support.independent for k, v in full.statements.items()}
        assert independent_counts(g, by_publisher=by_publisher) == counts
        plain = corroboration(g).statements
        assert all(counts[k] <= plain[k].support.independent for k in counts)


@pytest.mark.parametrize("by_publisher", [False, True])
def test_collapsing_more_never_counts_more(by_publisher: bool) -> None:
    g = graph(WIRE, {"s": ["wire", "a", "b", "c", "c2"]})
    plain = corroboration(g).statements["s"].support.independent
    pub = corroboration(g, by_publisher=by_publisher).statements["s"].support.independent
    assert pub <= plain <= 5
