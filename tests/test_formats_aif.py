"""AIF / AIFdb JSON: the real AIFdb map 6064, messy inputs, and round trips."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from shared_data import require, shared

import claimgraph as cg
from claimgraph.formats import aif

NODESET = shared("data", "aifdb-nodeset-6064", "nodeset6064.json")


@pytest.fixture
def raw_map() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(require(NODESET).read_text(encoding="utf-8"))
    return data


def _of_type(data: dict[str, Any], t: str) -> list[dict[str, Any]]:
    return [n for n in data["nodes"] if n["type"] == t]


def _pairs(data: dict[str, Any], t: str, end: str) -> set[tuple[str, str]]:
    """(from, to) pairs of ``end``-type nodes linked through a node of type ``t``."""
    kinds = {n["nodeID"]: n["type"] for n in data["nodes"]}
    into: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    for e in data["edges"]:
        out.setdefault(e["fromID"], []).append(e["toID"])
        into.setdefault(e["toID"], []).append(e["fromID"])
    pairs = set()
    for n in (n["nodeID"] for n in _of_type(data, t)):
        for a in into.get(n, []):
            for b in out.get(n, []):
                if kinds[a] == end and kinds[b] == end:
                    pairs.add((a, b))
    return pairs


def test_real_aifdb_map_imports_without_loss(raw_map: dict[str, Any]) -> None:
    g = aif.read_aif(NODESET)
    # every I-node is a proposition, word for word
    assert {p.id: p.text for p in g.propositions.values()} == {
        f"aif-{n['nodeID']}": n["text"] for n in _of_type(raw_map, "I")
    }
    # every L-node is a statement, or an unlinked copy folded into the one it repeats
    linked = {e["fromID"] for e in raw_map["edges"]} | {e["toID"] for e in raw_map["edges"]}
    locs = _of_type(raw_map, "L")
    anchored = {n["nodeID"] for n in locs if n["nodeID"] in linked}
    assert {s.id for s in g.statements()} == {f"aif-{n}" for n in anchored}
    note = g.sources["aif-nodeset6064"].note or ""
    for n in locs:
        if n["nodeID"] not in anchored:
            assert f"{n['nodeID']}→" in note
    # speakers: the locution records' personIDs, named by their speaker prefixes
    person = {loc["nodeID"]: loc["personID"] for loc in raw_map["locutions"]}
    for s in g.statements():
        lid = s.id.removeprefix("aif-")
        assert s.actor == f"aif-person-{person[lid]}"
    assert {a.id: a.name for a in g.actors.values()} == {
        "aif-person-409": "CL",
        "aif-person-437": "NL",
    }
    # quotes are the locution texts without the speaker prefix
    st = g.get("aif-29069")
    assert isinstance(st, cg.Statement)
    assert st.reports[0].quote == (
        "But my point is they got to a point where Macmillan realised there was no way"
        " forward except by increasing brutality"
    )
    # RA → implies, TA → responds_to: every pair is there
    implies = {(p.id, q) for p in g.propositions.values() for q in p.implies}
    assert implies == {(f"aif-{a}", f"aif-{b}") for a, b in _pairs(raw_map, "RA", "I")}
    responds = {(s.id, r) for s in g.statements() for r in s.responds_to}
    assert responds == {(f"aif-{b}", f"aif-{a}") for a, b in _pairs(raw_map, "TA", "L")}
    # the illocutions give the speech acts
    kinds = {s.id: (s.stance, str(s.kind), s.note) for s in g.statements()}
    assert kinds["aif-29056"] == ("asserts", "claim", None)
    assert kinds["aif-111818"] == ("asserts", "agreement", "AIF illocution: Popular Conceding")
    assert kinds["aif-111831"] == ("asserts", "other", "AIF illocution: Pure Questioning")


def test_int_ids_read_the_same_as_string_ids(raw_map: dict[str, Any]) -> None:
    as_ints = {
        "nodes": [{**n, "nodeID": int(n["nodeID"])} for n in raw_map["nodes"]],
        "edges": [
            {**e, "fromID": int(e["fromID"]), "toID": int(e["toID"])} for e in raw_map["edges"]
        ],
        "locutions": [
            {**loc, "nodeID": int(loc["nodeID"]), "personID": int(loc["personID"])}
            for loc in raw_map["locutions"]
        ],
    }
    assert aif.from_aif(as_ints, name="m") == aif.from_aif(raw_map, name="m")


def test_aif_export_reimports_to_the_same_graph(raw_map: dict[str, Any]) -> None:
    g = aif.from_aif(raw_map, name="nodeset6064")
    again = aif.from_aif(json.loads(json.dumps(aif.to_aif(g))), name="nodeset6064")
    assert again.actors == g.actors
    assert again.propositions == g.propositions
    assert again.statement_records == g.statement_records


def test_example_through_aif_keeps_what_aif_carries(example_graph: cg.ClaimGraph) -> None:
    back = aif.from_aif(aif.to_aif(example_graph), name="x")

    def said(g: cg.ClaimGraph) -> list[tuple[str, str, str, str | None]]:
        return sorted(
            (g.actors[s.actor].name, g.propositions[s.proposition].text, s.stance, s.said)
            for s in g.statements()
        )

    assert said(back) == said(example_graph)

    def implications(g: cg.ClaimGraph) -> set[tuple[str, str]]:
        texts = {p.id: p.text for p in g.propositions.values()}
        return {(texts[p.id], texts[q]) for p in g.propositions.values() for q in p.implies}

    assert implications(back) == implications(example_graph)

    def replies(g: cg.ClaimGraph) -> set[tuple[str, str]]:
        text = {s.id: (g.actors[s.actor].name, s.proposition) for s in g.statements()}
        p = {pid: g.propositions[pid].text for pid in g.propositions}
        return {
            (text[s.id][0] + p[text[s.id][1]], text[r][0] + p[text[r][1]])
            for s in g.statements()
            for r in s.responds_to
        }

    assert replies(back) == replies(example_graph)
    # what AIF cannot carry: sides and memberships, sources, and kinds beyond its illocutions
    assert all(not a.member_of for a in back.actors.values())
    kinds = {str(s.kind) for s in back.statements()}
    assert kinds <= {"claim", "agreement", "denial"}
    assert "demand" in {str(s.kind) for s in example_graph.statements()}


def test_export_writes_aifdb_shaped_records(example_graph: cg.ClaimGraph) -> None:
    data = aif.to_aif(example_graph, timestamp="2025-11-05 12:00:00")
    assert all(isinstance(n["nodeID"], str) for n in data["nodes"])
    assert {n["timestamp"] for n in data["nodes"]} == {"2025-11-05 12:00:00"}
    ids = {n["nodeID"] for n in data["nodes"]}
    assert all(e["fromID"] in ids and e["toID"] in ids for e in data["edges"])
    assert len({e["edgeID"] for e in data["edges"]}) == len(data["edges"])
    locs = {loc["nodeID"]: loc for loc in data["locutions"]}
    assert set(locs) == {n["nodeID"] for n in data["nodes"] if n["type"] == "L"}
    assert set(next(iter(locs.values()))) == {
        "nodeID", "personID", "timestamp", "start", "end", "source"
    }  # fmt: skip
    assert aif.to_aif(example_graph, timestamp="x") == aif.to_aif(example_graph, timestamp="x")


def test_conflict_and_rephrase_nodes() -> None:
    g = cg.ClaimGraph(
        [
            cg.Actor(id="a", name="Ann"),
            cg.Proposition(id="p", text="P.", contradicts=["q"], implies=["r"]),
            cg.Proposition(id="q", text="Q."),
            cg.Proposition(id="r", text="R.", implies=["p"]),
        ]
    )
    g.add_statement(actor="a", proposition="p", stance="denies")
    data = aif.to_aif(g)
    types = sorted(n["type"] for n in data["nodes"])
    assert types.count("CA") == 1 and types.count("MA") == 1 and "RA" not in types
    assert any(n["type"] == "YA" and n["text"] == "Disagreeing" for n in data["nodes"])
    back = aif.from_aif(data)
    texts = {p.text: p for p in back.propositions.values()}
    assert texts["P."].contradicts == (texts["Q."].id,)
    assert texts["P."].implies == (texts["R."].id,) and texts["R."].implies == (texts["P."].id,)
    [st] = back.statements()
    assert (st.stance, st.kind) == ("denies", "denial")


def test_ova_wrapper_participants_and_speaker_prefixes() -> None:
    doc = {
        "AIF": {
            "nodes": [
                {"nodeID": "1", "type": "I", "text": "X."},
                {"nodeID": "2", "type": "L", "text": "Bob Smith : X."},
                {"nodeID": "3", "type": "YA", "text": "Asserting"},
                {"nodeID": "4", "type": "L", "text": "Eve: Y."},  # no locution record
            ],
            "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}],
            "locutions": [{"nodeID": "2", "personID": "5", "start": "2019-03-01 10:00:00"}],
            "participants": [{"participantID": 5, "firstname": "Robert", "surname": "Smith"}],
        }
    }
    g = aif.from_aif(doc)
    assert g.actors["aif-person-5"].name == "Robert Smith"
    assert g.get("aif-2").said == "2019-03-01 10:00:00"  # type: ignore[union-attr]
    eve = g.get("aif-4")
    assert isinstance(eve, cg.Statement)
    assert g.actors[eve.actor].name == "Eve"
    assert g.propositions[eve.proposition].text == "Y."


def test_malformed_aif_is_reported(tmp_path: Path) -> None:
    with pytest.raises(cg.FileFormatError, match="not AIF"):
        aif.from_aif([1, 2])
    with pytest.raises(cg.InvalidDataError) as exc:
        aif.from_aif(
            {
                "nodes": [{"nodeID": 1, "type": "I", "text": "X."}, {"text": "no id"}],
                "edges": [{"edgeID": 9, "fromID": 1, "toID": 42}],
            }
        )
    found = {(e.code, e.record, e.field) for e in exc.value.errors}
    assert ("aif_node", "nodes[1]", None) in found
    assert ("unknown_reference", "edge 9", "toID") in found
    path = tmp_path / "broken.json"
    path.write_text('{"nodes": [', encoding="utf-8")
    with pytest.raises(cg.FileFormatError) as exc2:
        aif.read_aif(path)
    assert exc2.value.errors[0].code == "json_syntax"


# -- hostile input (issue 10): only documented errors, each naming record and field ------
@pytest.mark.parametrize(
    ("doc", "record", "field", "code"),
    [
        ({"nodes": [], "locutions": 1}, "locutions", None, "aif_type"),
        ({"nodes": [], "edges": {"fromID": 1}}, "edges", None, "aif_type"),
        ({"nodes": [], "participants": "x"}, "participants", None, "aif_type"),
        ({"nodes": [None]}, "nodes[0]", None, "aif_type"),
        ({"nodes": [{"nodeID": [1], "type": "I"}]}, "nodes[0]", "nodeID", "aif_id"),
        ({"nodes": [{"nodeID": "1 2", "type": "I"}]}, "nodes[0]", "nodeID", "aif_id"),
        ({"nodes": [{"nodeID": True, "type": "I"}]}, "nodes[0]", "nodeID", "aif_id"),
        ({"nodes": [{"nodeID": 1, "type": "I", "text": {}}]}, "nodes[0]", "text", "aif_type"),
        ({"nodes": [{"nodeID": 1, "type": ["I"]}]}, "nodes[0]", "type", "aif_type"),
        ({"nodes": [], "edges": [{"fromID": {}, "toID": 1}]}, "edges[0]", "fromID", "aif_id"),
        (
            {
                "nodes": [{"nodeID": 2, "type": "L"}],
                "locutions": [{"nodeID": 2, "personID": "a b"}],
            },
            "locutions[0]",
            "personID",
            "aif_id",
        ),
        (
            {"nodes": [{"nodeID": 2, "type": "L"}], "locutions": [{"nodeID": 2, "start": 5}]},
            "locutions[0]",
            "start",
            "aif_type",
        ),
        (
            {"nodes": [], "participants": [{"participantID": 1, "firstname": 7}]},
            "participants[0]",
            "firstname",
            "aif_type",
        ),
        (
            {"nodes": [{"nodeID": "9" * 250, "type": "I", "text": "x"}]},
            f"proposition 'aif-{'9' * 250}'",
            "id",
            "string_too_long",
        ),
    ],
)
def test_mistyped_aif_is_an_error_naming_record_and_field(
    tmp_path: Path, doc: dict[str, Any], record: str, field: str | None, code: str
) -> None:
    path = tmp_path / "map.aif.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(cg.InvalidDataError) as exc:
        aif.read_aif(path)
    [err] = exc.value.errors
    assert (err.code, err.record, err.field, err.path) == (code, record, field, str(path))


def test_graph_errors_of_an_aif_map_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "map.aif.json"
    doc = {
        "nodes": [
            {"nodeID": "person-1", "type": "I", "text": "x"},  # becomes aif-person-1 ...
            {"nodeID": 2, "type": "L", "text": "A : x"},
        ],
        "locutions": [{"nodeID": 2, "personID": 1}],  # ... as does the speaker
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(cg.ConflictError) as exc:
        aif.read_aif(path)
    [err] = exc.value.errors
    assert (err.code, err.path) == ("conflict", str(path))
    assert str(exc.value).startswith(f"{path}: ")


def test_problems_of_aif_items_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "map.aif.json"
    path.write_text(
        '{"nodes": [\n {"nodeID": 1, "type": "I", "text": "x"},\n {"nodeID": 2, "text": 5}\n],\n'
        ' "locutions": [\n  {"nodeID": 1},\n  {"personID": 1}]}\n',
        encoding="utf-8",
    )
    with pytest.raises(cg.InvalidDataError) as exc:
        aif.read_aif(path)
    found = [(e.record, e.field, e.line) for e in exc.value.errors]
    assert found == [("nodes[1]", "text", 3), ("locutions[1]", None, 7)]
    assert f"{path}:3, nodes[1], field 'text'" in str(exc.value)
