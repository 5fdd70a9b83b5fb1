"""Neutral reports (stance ``reports``): an outlet relays a claim without taking a side.

They are statements like any other (filters, files, formats, the store), but take no
position: no contradiction, agreement, reversal or stance count comes from them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpora import as_store_version_1

import claimgraph as cg
from claimgraph.formats import aif
from claimgraph.reversals import reversals
from claimgraph.store import Store

YAML = """\
claimgraph: 1
actors:
  pakistan: {name: Pakistan, kind: state}
  afghanistan: {name: Afghanistan, kind: state}
  wire: {name: A wire service, kind: outlet}
propositions:
  sheltered: Militants are sheltered on Afghan soil.
  talks: Talks will resume in Istanbul.
statements:
  - {id: pk, actor: pakistan, asserts: sheltered, said: 2025-10-28}
  - {id: af, actor: afghanistan, denies: sheltered, said: 2025-10-29}
  - {id: relay, actor: wire, relays: sheltered, said: 2025-10-29}
  - {id: relay-talks, actor: wire, proposition: talks, stance: reports, kind: prediction}
  - {id: pk-talks, actor: pakistan, asserts: talks}
  - {id: af-talks, actor: afghanistan, asserts: talks}
"""


def _graph() -> cg.ClaimGraph:
    return cg.loads(YAML, format="yaml")


def _without_neutral(g: cg.ClaimGraph) -> cg.ClaimGraph:
    return cg.ClaimGraph(r for r in g if getattr(r, "stance", None) != "reports")


def test_relays_is_a_neutral_report_of_kind_report() -> None:
    g = _graph()
    relay = g.get("relay")
    assert (relay.stance, relay.kind) == ("reports", "report")
    assert g.get("relay-talks").kind == "prediction"  # a kind given is kept
    assert [s.id for s in g.statements(stance="reports")] == ["relay", "relay-talks"]


def test_the_yaml_writer_writes_relays_and_both_formats_round_trip() -> None:
    g = _graph()
    text = cg.dumps(g, format="yaml")
    assert "relays: sheltered" in text and "stance: reports" not in text
    assert cg.loads(text, format="yaml") == g
    assert cg.loads(cg.dumps(g), format="json") == g


@pytest.mark.parametrize(
    "entry, code",
    [
        ("{actor: wire, relays: sheltered, asserts: sheltered}", "one_proposition"),
        ("{actor: wire, relays: sheltered, stance: reports}", "stance_misplaced"),
        ("{actor: wire, proposition: sheltered, stance: relays}", "literal_error"),
    ],
)
def test_bad_neutral_entries_are_located_errors(entry: str, code: str) -> None:
    text = YAML + f"  - {entry}\n"
    with pytest.raises(cg.InvalidDataError) as info:
        cg.loads(text, format="yaml")
    (e,) = info.value.errors
    assert e.code == code
    assert e.line == text.count("\n")


def test_a_neutral_report_makes_no_contradiction_agreement_or_reversal() -> None:
    g, plain = _graph(), _without_neutral(_graph())
    assert [(c.kind, c.sides, c.size) for c in g.contradictions()] == [
        (c.kind, c.sides, c.size) for c in plain.contradictions()
    ]
    assert [(c.kind, c.sides, c.size) for c in g.contradictions()] == [
        ("dispute", ("afghanistan", "pakistan"), 2)
    ]
    (agreed,) = g.agreements()
    assert agreed.proposition == "talks" and agreed.sides == ("afghanistan", "pakistan")
    assert {s.id for s in agreed.statements} == {"pk-talks", "af-talks"}
    g.add_statement(actor="wire", proposition="sheltered", said="2025-11")  # now it asserts
    assert len(reversals(g)) == 0  # reports → asserts is no change of stance


def test_positions_show_a_side_that_only_relays() -> None:
    pos = _graph().positions()
    assert pos.stance("wire", "sheltered") == "reports"
    assert pos.stance("pakistan", "sheltered") == "asserts"
    assert pos.demands == {} and pos.offers == {}


def test_the_store_answers_as_the_graph(tmp_path: Path) -> None:
    g = _graph()
    with Store(tmp_path / "n.cgdb") as store:
        store.add_all(g)
        assert store.contradictions() == g.contradictions()
        assert store.agreements() == g.agreements()
        assert store.positions() == g.positions()
        assert store.statements(stance="reports") == g.statements(stance="reports")
        # nothing counted for the neutral reports
        counts = store._conn.execute("SELECT proposition, asserts, denies FROM stance_count")
        assert sorted(counts) == [("sheltered", 1, 1), ("talks", 2, 0)]


def test_a_migrated_store_counts_no_neutral_report(tmp_path: Path) -> None:
    path = tmp_path / "v1.cgdb"
    base = _without_neutral(_graph())
    with Store(path) as store:
        store.add_all(base)
    as_store_version_1(path)
    with Store(path) as store:
        store.add_all(_graph())
        assert store.contradictions() == _graph().contradictions()
        assert store.positions() == _graph().positions()


def test_the_report_lists_neutral_reports_escaped() -> None:
    g = _graph()
    text = cg.report(g)
    assert "NEUTRAL REPORTS (2)" in text
    assert "“Militants are sheltered on Afghan soil.” [sheltered]" in text
    data = cg.report_data(g)
    assert [s["id"] for s in data["neutral_reports"]] == ["relay", "relay-talks"]  # by date said
    g.add_proposition(id="html", text="<img src=x onerror=alert(1)> is reported.")
    g.add_statement(actor="wire", proposition="html", stance="reports")
    md = cg.report(g, format="markdown")
    assert "## Neutral reports (3)" in md
    assert "<img" not in md


def test_aif_round_trips_a_neutral_report() -> None:
    g = _graph()
    back = aif.from_aif(aif.to_aif(g))
    stances = sorted(s.stance for s in back.statement_records.values())
    assert stances.count("reports") == 2
    assert any(n.get("text") == "Reporting" for n in aif.to_aif(g)["nodes"])


def test_a_sheet_row_can_be_a_neutral_report_and_csv_round_trips_it(tmp_path: Path) -> None:
    from claimgraph.formats import tables

    g = tables.from_rows(
        [
            {"actor": "Pakistan", "text": "Militants are sheltered on Afghan soil."},
            {
                "actor": "Afghanistan",
                "text": "Militants are sheltered on Afghan soil.",
                "stance": "denies",
            },
            {
                "actor": "Dawn",
                "text": "Militants are sheltered on Afghan soil.",
                "stance": "reports",
            },
        ]
    )
    assert [s.stance for s in g.statement_records.values()] == ["asserts", "denies", "reports"]
    assert [c.size for c in g.contradictions()] == [2]
    tables.write_csv(g, tmp_path / "g.csv")
    assert tables.read_csv(tmp_path / "g.csv") == g


def test_corroboration_counts_neutral_reports_as_coverage_only() -> None:
    from claimgraph.corroboration import corroboration

    g = _graph()
    g.add_source(id="a", publisher="A")
    g.add_source(id="b", publisher="B")
    g.update("relay", reports=[{"source": "a"}, {"source": "b"}])
    g.update("pk", reports=[{"source": "a"}])
    c = corroboration(g).propositions["sheltered"]
    assert (c.asserts.independent, c.denies.independent, c.reports.independent) == (1, 0, 2)
    assert c.to_dict()["reports"]["independent"] == 2


def test_a_neutral_report_is_no_vote_in_truth_discovery() -> None:
    from claimgraph import truth

    g = _graph()
    for i in range(5):  # five outlets relay the denied claim: still no vote for either side
        g.add_actor(id=f"o{i}", name=f"Outlet {i}", kind="outlet")
        g.add_statement(actor=f"o{i}", proposition="sheltered", stance="reports")
    res = truth.credibility(g, by="actor", method="majority")
    assert res == truth.credibility(_without_neutral(g), by="actor", method="majority")
    assert not any(who.startswith("o") for who in res.trust)


def test_a_neutral_report_attacks_nothing_and_nothing_attacks_it() -> None:
    from claimgraph.argumentation import attack_graph

    ag = attack_graph(_graph())
    assert not ag.attackers("relay")
    assert "relay" not in {a for arg in ag.arguments for a in ag.attackers(arg)}
    assert sorted(ag.attackers("pk")) == ["af"]


def test_the_stance_filter_follows_updates_and_removals() -> None:
    # the graph starts a rare-stance filter from its per-stance counts: they must follow
    # every change, or the filter would return too little (or too much)
    g = _graph()
    ids = lambda: [s.id for s in cg.statements(g, stance="reports")]  # noqa: E731
    assert ids() == ["relay", "relay-talks"]
    g.update("relay", stance="asserts")
    assert ids() == ["relay-talks"]
    assert "relay" in [s.id for s in cg.statements(g, stance="asserts")]
    g.remove("relay-talks")
    assert ids() == []
    g.update("pk", stance="reports")
    assert ids() == ["pk"]
    assert ids() == [s.id for s in cg.statements(g) if s.stance == "reports"]
