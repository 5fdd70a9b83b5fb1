"""Graph files (GraphML, GEXF, node-link JSON) and the APX attack graph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from shared_data import require, shared

import claimgraph as cg
from claimgraph.argumentation import ArgumentationFramework
from claimgraph.formats import apx, graphs

SHARED_APX = shared("data", "aspartix-iccma-af-tests", "aspartix", "tests", "insts", "apx")


@pytest.fixture
def rich_graph(example_graph: cg.ClaimGraph) -> cg.ClaimGraph:
    """The example plus the fields it lacks: aliases, a review with numbers, derived sources."""
    g = example_graph
    g.add_actor(id="desk", name="Fact desk", kind="outlet", aliases=["The Desk", "FD; x"])
    g.add_source(id="reprint", title="Reprint", derived_from=["arabnews-istanbul-talks"])
    g.add_review(
        proposition="offer-rejected",
        reviewer="desk",
        statement="af-claims-offer-rejected",
        rating_value=2,
        best_rating=5,
        worst_rating=1,
        textual_rating="Misleading",
        date="2025-11",
        url="https://example.org/fc",
    )
    g.add_proposition(
        id="border-attack",
        text="Militants attacked a border post.",
        happened="2025-10-11",
        happened_until="2025-10-12",
        happened_as="last weekend",
        place="Kurram",
    )
    g.add_statement(
        actor="pakistan",
        proposition="border-attack",
        said="2025-10-13",
        reports=[{"source": "reprint", "said_as": "yesterday"}],
    )
    return g


@pytest.mark.parametrize(
    ("write", "read", "suffix"),
    [
        (graphs.write_graphml, graphs.read_graphml, ".graphml"),
        (graphs.write_gexf, graphs.read_gexf, ".gexf"),
        (graphs.write_node_link, graphs.read_node_link, ".json"),
    ],
)
def test_graph_files_round_trip_everything(
    rich_graph: cg.ClaimGraph, tmp_path: Path, write: object, read: object, suffix: str
) -> None:
    path = tmp_path / f"g{suffix}"
    write(rich_graph, path)  # type: ignore[operator]
    back = read(path)  # type: ignore[operator]
    assert back == rich_graph
    assert back.title == rich_graph.title
    assert back.actors["pk-defense-minister"].member_of == ("pk-government",)
    assert back.propositions["offer-rejected"].implies == ("kabul-offered",)


def test_gexf_reads_back_with_networkx(rich_graph: cg.ClaimGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.gexf"
    graphs.write_gexf(rich_graph, path)
    flat = nx.read_gexf(path)
    assert flat.number_of_nodes() == len(rich_graph)
    assert flat.number_of_edges() == rich_graph.nx.number_of_edges()
    node = flat.nodes["af-denies-sheltered"]
    assert (node["type"], node["stance"], node["kind"], node["side"]) == (
        "statement",
        "denies",
        "denial",
        "afghanistan",
    )
    assert flat.nodes["pakistan"]["label"] == "Pakistan"
    # every attribute is a scalar: what Gephi can colour and filter by
    for _, data in flat.nodes(data=True):
        assert all(isinstance(v, (str, int, float)) for v in data.values())
    quotes = [d["quote"] for _, _, d in flat.edges(data=True) if "quote" in d]
    assert quotes and all(isinstance(q, str) for q in quotes)


def test_graphml_reads_back_with_networkx(rich_graph: cg.ClaimGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    graphs.write_graphml(rich_graph, path)
    flat = nx.read_graphml(path)
    review = next(n for n, d in flat.nodes(data=True) if d["type"] == "review")
    assert flat.nodes[review]["rating_value"] == 2.0
    relations = {d["relation"] for _, _, d in flat.edges(data=True)}
    assert {"said_by", "about", "reported_in", "reviews", "derived_from"} <= relations


def test_node_link_is_plain_networkx_json(rich_graph: cg.ClaimGraph) -> None:
    data = graphs.to_node_link(rich_graph)
    text = json.dumps(data)  # JSON-serialisable as is
    again = nx.node_link_graph(json.loads(text), edges="edges")
    assert again.number_of_nodes() == len(rich_graph)
    assert graphs.from_node_link(json.loads(text)) == rich_graph


def test_foreign_nodes_are_ignored_and_bad_nodes_reported() -> None:
    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    flat.add_node("x", color="red")  # a node another tool added
    flat.add_node("a", type="actor", name="A", kind="wizard")
    with pytest.raises(cg.InvalidDataError) as exc:
        graphs.from_networkx(flat)
    [err] = exc.value.errors
    assert err.record == "actor 'a'" and err.field == "kind"
    flat.nodes["a"]["kind"] = "person"
    assert list(graphs.from_networkx(flat).actors) == ["a"]


def test_malformed_graph_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.graphml"
    bad.write_text("<graphml><graph><node", encoding="utf-8")
    with pytest.raises(cg.FileFormatError) as exc:
        graphs.read_graphml(bad)
    assert exc.value.errors[0].code == "xml_syntax"
    notjson = tmp_path / "bad.json"
    notjson.write_text('{"nodes": [', encoding="utf-8")
    with pytest.raises(cg.FileFormatError, match="malformed JSON"):
        graphs.read_node_link(notjson)
    notnl = tmp_path / "list.json"
    notnl.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(cg.FileFormatError, match="nodes"):
        graphs.read_node_link(notnl)


def test_text_xml_cannot_hold_is_refused_by_the_model() -> None:
    # the models refuse what XML 1.0 cannot hold, so every graph can be written as XML
    with pytest.raises(ValidationError) as exc:
        cg.Actor(id="a", name="A", note="copied from a PDF\x0b")
    assert [e["type"] for e in exc.value.errors()] == ["unencodable_text"]


# ---------------------------------------------------------------------------- APX
def test_apx_writes_the_attack_relation(example_graph: cg.ClaimGraph) -> None:
    af = ArgumentationFramework.from_apx(apx.to_apx(example_graph)).to_networkx()
    names = apx.apx_names(example_graph)
    assert set(af.edges) == {(names[a], names[b]) for a, b in apx.attacks(example_graph)}
    assert af.number_of_edges() > 0


def test_apx_attacks_are_the_attack_graph(example_graph: cg.ClaimGraph) -> None:
    from claimgraph.argumentation import attack_graph

    af = ArgumentationFramework.from_apx(apx.to_apx(example_graph)).to_networkx()
    names = apx.apx_names(example_graph)
    assert set(af.nodes) == set(names.values())  # every statement is an argument
    ag = attack_graph(example_graph)
    assert set(af.edges) == {(names[a], names[b]) for a, b in ag.attacks}
    # every contradiction is a rebuttal both ways
    for c in example_graph.contradictions():
        a, b = c.groups
        for x in a.statements:
            for y in b.statements:
                assert (names[x.id], names[y.id]) in af.edges
                assert (names[y.id], names[x.id]) in af.edges
    # agreements are never attacked
    assert af.in_degree(names["pk-ceasefire"]) == 0
    assert ("pk_false_and_misleading", "af_claims_offer_rejected") in af.edges


def test_apx_response_attacks_are_one_way() -> None:
    g = cg.ClaimGraph(
        [
            cg.Actor(id="a", name="A"),
            cg.Actor(id="b", name="B"),
            cg.Proposition(id="p", text="P."),
            cg.Proposition(id="q", text="Q."),
        ]
    )
    g.add_statement(id="s1", actor="a", proposition="p")
    g.add_statement(id="s2", actor="b", proposition="q", kind="denial", responds_to=["s1"])
    af = ArgumentationFramework.from_apx(apx.to_apx(g)).to_networkx()
    assert set(af.edges) == {("s2", "s1")}


def test_apx_names_are_unique_constants() -> None:
    g = cg.ClaimGraph([cg.Actor(id="a", name="A"), cg.Proposition(id="p", text="P.")])
    for sid in ("x-1", "x_1", "X-1", "1st"):
        g.add_statement(id=sid, actor="a", proposition="p")
    names = apx.apx_names(g)
    assert len(set(names.values())) == 4
    assert all(n[0].isalpha() and n.replace("_", "").isalnum() for n in names.values())
    assert names["x_1"] == "x_1"


def test_apx_reader_errors_name_the_line() -> None:
    with pytest.raises(cg.FileFormatError) as exc:
        ArgumentationFramework.from_apx("arg(a).\n% comment\narg(b)\natt(a,c).\n")
    assert [(e.code, e.line) for e in exc.value.errors] == [
        ("apx_syntax", 3),
        ("unknown_argument", 4),
    ]


def test_apx_reader_reads_the_aspartix_instances() -> None:
    for path in sorted(require(SHARED_APX).glob("*.apx")):
        text = path.read_text(encoding="utf-8")
        af = ArgumentationFramework.read(path).to_networkx()
        assert af.number_of_nodes() == text.count("arg(")
        assert af.number_of_edges() == len({ln for ln in text.split() if ln.startswith("att(")})


_xml_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="".join(chr(c) for c in range(32) if c not in (9, 10, 13))
        + "\ufffe\uffff",
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=_xml_text, note=_xml_text, text=_xml_text, quote=_xml_text)
def test_any_xml_text_survives_graph_files(
    tmp_path_factory: pytest.TempPathFactory, name: str, note: str, text: str, quote: str
) -> None:
    g = cg.ClaimGraph(
        [
            cg.Actor(id="a", name=name, note=note, aliases=[note, name]),
            cg.Source(id="s", title=text),
            cg.Proposition(id="p", text=text),
            cg.Statement(
                id="st", actor="a", proposition="p", reports=[{"source": "s", "quote": quote}]
            ),
        ],
        title=name,
    )
    folder = tmp_path_factory.mktemp("g")
    for write, read, ext in (
        (graphs.write_graphml, graphs.read_graphml, "graphml"),
        (graphs.write_gexf, graphs.read_gexf, "gexf"),
        (graphs.write_node_link, graphs.read_node_link, "json"),
    ):
        path = folder / f"g.{ext}"
        write(g, path)
        assert read(path) == g, ext


# -- hostile input (issue 10): only documented errors, each naming file, record, field ---
def test_unknown_xml_encoding_is_a_file_format_error(tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    path.write_text(
        "<?xml version='1.0' encoding='f'?>\n"
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph/></graphml>\n',
        encoding="utf-8",
    )
    with pytest.raises(cg.FileFormatError) as exc:
        graphs.read_graphml(path)
    [err] = exc.value.errors
    assert (err.code, err.path) == ("xml_encoding", str(path))
    assert "unknown encoding: f" in err.message


def test_gexf_attributes_of_an_unknown_class_are_a_file_format_error(tmp_path: Path) -> None:
    path = tmp_path / "g.gexf"
    path.write_text(
        '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">'
        '<graph><attributes class="x"/></graph></gexf>',
        encoding="utf-8",
    )
    with pytest.raises(cg.FileFormatError) as exc:
        graphs.read_gexf(path)
    [err] = exc.value.errors
    assert (err.code, err.path) == ("not_gexf", str(path))
    assert "class=x" in err.message


def test_networkx_reader_errors_keep_their_message(tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    path.write_text(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="n" for="node" attr.name="n" attr.type="int"/>'
        '<graph edgedefault="directed"><node id="a"><data key="n">x</data></node></graph>'
        "</graphml>",
        encoding="utf-8",
    )
    with pytest.raises(cg.FileFormatError) as exc:
        graphs.read_graphml(path)
    [err] = exc.value.errors
    assert (err.code, err.path) == ("not_graphml", str(path))
    assert "invalid literal for int()" in err.message


_NODES = [{"id": "a", "type": "actor", "name": "A"}, {"id": "b", "type": "actor", "name": "B"}]


@pytest.mark.parametrize(
    ("doc", "code", "record", "field"),
    [
        ({"nodes": [None]}, "node_link_type", "nodes[0]", None),
        ({"nodes": [{"type": "actor"}]}, "node_link_id", "nodes[0]", "id"),
        ({"nodes": [{"id": [1, 2]}]}, "node_link_id", "nodes[0]", "id"),
        ({"nodes": [{"id": None}]}, "node_link_id", "nodes[0]", "id"),
        ({"nodes": _NODES, "graph": []}, "node_link_type", "graph", None),
        ({"nodes": _NODES, "edges": {}}, "node_link_type", "edges", None),
        ({"nodes": _NODES, "links": [7]}, "node_link_type", "links[0]", None),
        ({"nodes": _NODES, "edges": [{"source": "a"}]}, "node_link_id", "edges[0]", "target"),
        (
            {"nodes": _NODES, "edges": [{"source": "a", "target": "b", "key": {}}]},
            "node_link_id",
            "edges[0]",
            "key",
        ),
        (
            {"nodes": _NODES, "edges": [{"source": "a", "target": "b", "relation": []}]},
            "not_relation",
            "edge a → b",
            "relation",
        ),
        (
            {"nodes": [{"id": "a", "type": "actor", "name": "A", "member_of": "b"}]},
            "edge_field",
            "actor 'a'",
            "member_of",
        ),
        (
            {
                "nodes": [
                    *_NODES,
                    {"id": "s", "type": "source", "title": "S"},
                    {"id": "p", "type": "proposition", "text": "P."},
                    {"id": "st", "type": "statement", "actor": "a", "proposition": "p"},
                ],
                "edges": [{"source": "st", "target": "s", "relation": "reported_in", "quote": 5}],
            },
            "string_type",
            "statement 'st'",
            "reports.0.quote",
        ),
        (
            {"nodes": [{"id": "a", "type": "actor", "name": "A", "node_for_adding": 1}]},
            "extra_forbidden",
            "actor 'a'",
            "node_for_adding",
        ),
    ],
)
def test_mistyped_node_link_is_an_error_naming_record_and_field(
    tmp_path: Path, doc: dict[str, Any], code: str, record: str, field: str | None
) -> None:
    path = tmp_path / "g.nodelink.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(cg.InvalidDataError) as exc:
        graphs.read_node_link(path)
    [err] = exc.value.errors
    assert (err.code, err.record, err.field, err.path) == (code, record, field, str(path))


def test_reference_errors_of_a_graph_file_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "g.nodelink.json"
    doc = {"nodes": _NODES, "edges": [{"source": "a", "target": "zz", "relation": "member_of"}]}
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(cg.UnknownReferenceError) as exc:
        graphs.read_node_link(path)
    assert str(path) in str(exc.value).splitlines()[0]
    assert all(e.path == str(path) for e in exc.value.errors)


def test_deeply_nested_gexf_nodes_are_a_file_format_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.gexf"
    depth = 5000  # networkx reads nested nodes recursively
    path.write_text(
        '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2"><graph><nodes>'
        + '<node id="a"><nodes>' * depth
        + "</nodes></node>" * depth
        + "</nodes></graph></gexf>",
        encoding="utf-8",
    )
    with pytest.raises(cg.FileFormatError) as exc:
        graphs.read_gexf(path)
    [err] = exc.value.errors
    assert (err.code, err.path) == ("too_deep", str(path))


def test_problems_of_node_link_items_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "g.nodelink.json"
    path.write_text(
        '{\n "nodes": [\n  {"id": "a"},\n  {"id": null}\n ],\n "edges": [\n  [1]\n ]\n}\n',
        encoding="utf-8",
    )
    with pytest.raises(cg.FileFormatError) as exc:
        graphs.read_node_link(path)
    assert [(e.record, e.line) for e in exc.value.errors] == [("nodes[1]", 4), ("edges[0]", 7)]
