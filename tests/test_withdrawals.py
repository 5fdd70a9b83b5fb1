"""Withdrawn statements: retractions and corrections, ``as_of`` and the history.

A journalist posts a claim, deletes it and issues a clarification; an outlet retracts a
story. The withdrawn statement stays in the graph (the history), the current queries leave
it out, and ``as_of`` answers what stood on a given day.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpora import as_store_version_1, as_store_version_2

import claimgraph as cg
from claimgraph.cli import main
from claimgraph.formats import graphs
from claimgraph.reversals import reversals
from claimgraph.store import FORMAT_VERSION as STORE_VERSION
from claimgraph.store import Store

YAML = """\
claimgraph: 2
title: The border crossing
actors:
  reporter: {name: A reporter, kind: person}
  ministry: {name: The ministry, kind: government}
  wire: {name: A wire service, kind: outlet}
  editor: {name: The wire's editor, kind: person, member_of: wire}
propositions:
  closed: The border crossing is closed.
  trucks: The border crossing is closed to trucks only.
  shelled: The crossing was shelled.
sources:
  post: {publisher: X, published: 2025-10-20}
  story: {publisher: A wire, published: 2025-10-22}
statements:
  # posted, deleted a day later and replaced by a clarification
  - id: claim
    actor: reporter
    asserts: closed
    said: 2025-10-20
    withdrawn: {date: 2025-10-21, correction: fix}
  - {id: fix, actor: reporter, asserts: trucks, said: 2025-10-21}
  - {id: denial, actor: ministry, denies: closed, said: 2025-10-20}
  # a story the wire itself retracted, in its correction notice; date unknown
  - {id: story-claim, actor: wire, asserts: shelled, said: 2025-10-22,
     withdrawn: {source: story}}
  - {id: m-shelled, actor: ministry, denies: shelled, said: 2025-10-23}
  # the short forms: a date, or true
  - {id: retracted, actor: reporter, denies: trucks, said: 2025-10-25, withdrawn: 2025-10-26}
  - {id: pulled, actor: editor, asserts: closed, withdrawn: true}
"""


@pytest.fixture
def graph() -> cg.ClaimGraph:
    return cg.loads(YAML, format="yaml")


@pytest.fixture(params=["graph", "store"])
def backend(request: pytest.FixtureRequest, graph: cg.ClaimGraph) -> Iterator[cg.ClaimGraph]:
    """The corpus in memory, or in a store (the same answers are expected of both)."""
    if request.param == "graph":
        yield graph
        return
    store = Store(":memory:")
    store.add_all(graph)
    yield store  # type: ignore[misc]
    store.close()


def _ids(statements: list[cg.Statement]) -> list[str]:
    return [s.id for s in statements]


# ----------------------------------------------------------------------------- the model
def test_the_short_forms_and_the_kinds(graph: cg.ClaimGraph) -> None:
    assert graph.get("retracted").withdrawn == cg.Withdrawal(date="2025-10-26")
    assert graph.get("pulled").withdrawn == cg.Withdrawal()
    assert graph.get("claim").withdrawn.kind == "correction"  # type: ignore[union-attr]
    assert graph.get("retracted").withdrawn.kind == "retraction"  # type: ignore[union-attr]
    assert graph.get("denial").withdrawn is None


@pytest.mark.parametrize(
    ("entry", "code", "field"),
    [
        # withdrawn before it was said
        (
            "{id: x, actor: reporter, asserts: closed, said: 2025-10-20, withdrawn: 2025-10-19}",
            "withdrawn_before_said",
            None,
        ),
        # a correction that is not in the graph, or not a statement
        (
            "{id: x, actor: reporter, asserts: closed, withdrawn: {correction: nope}}",
            "unknown_reference",
            "withdrawn.correction",
        ),
        (
            "{id: x, actor: reporter, asserts: closed, withdrawn: {correction: closed}}",
            "wrong_reference_type",
            "withdrawn.correction",
        ),
        (
            "{id: x, actor: reporter, asserts: closed, withdrawn: {by: nobody}}",
            "unknown_reference",
            "withdrawn.by",
        ),
        (
            "{id: x, actor: reporter, asserts: closed, withdrawn: {source: nowhere}}",
            "unknown_reference",
            "withdrawn.source",
        ),
        (
            "{id: x, actor: reporter, asserts: closed, withdrawn: {correction: x}}",
            "corrects_itself",
            None,
        ),
        (
            "{id: x, actor: reporter, asserts: closed, withdrawn: {date: 2025/10}}",
            "partial_date",
            "withdrawn.date",
        ),
        (
            "{id: x, actor: reporter, asserts: closed, withdrawn: {when: 2025}}",
            "extra_forbidden",
            "withdrawn.when",
        ),
    ],
)
def test_bad_withdrawals_are_located_errors(entry: str, code: str, field: str | None) -> None:
    text = YAML + f"  - {entry}\n"
    line = text.count("\n")
    with pytest.raises(cg.InvalidDataError) as info:
        cg.loads(text, format="yaml")
    [err] = [e for e in info.value.errors if e.code == code]
    assert err.line == line
    assert err.record == "statement 'x'"
    if field is not None:
        assert err.field == field


def test_a_statement_named_as_a_correction_cannot_be_removed(graph: cg.ClaimGraph) -> None:
    with pytest.raises(cg.ReferencedError, match="'fix': referred to by 'claim'"):
        graph.remove("fix")


# ----------------------------------------------------------------------------- the queries
def test_the_current_queries_leave_withdrawn_statements_out(backend: cg.ClaimGraph) -> None:
    assert _ids(cg.statements(backend)) == ["fix", "denial", "m-shelled"]
    # the ministry's denials now answer nobody: no dispute is left
    assert cg.contradictions(backend) == []
    assert cg.positions(backend).table == {
        "ministry": {"closed": "denies", "shelled": "denies"},
        "reporter": {"trucks": "asserts"},
    }


def test_the_history_keeps_everything(backend: cg.ClaimGraph, graph: cg.ClaimGraph) -> None:
    assert _ids(cg.statements(backend, withdrawn=True)) == list(graph.statement_records)
    assert _ids(cg.statements(backend, withdrawn="only")) == [
        "claim",
        "story-claim",
        "retracted",
        "pulled",
    ]
    found = cg.contradictions(backend, withdrawn=True)
    assert sorted((c.propositions, c.sides) for c in found if c.kind == "dispute") == [
        (("closed",), ("ministry", "reporter", "wire")),
        (("shelled",), ("ministry", "wire")),
    ]
    # the reporter asserted "trucks" and later denied it, then retracted the denial
    assert [c.propositions for c in found if c.kind == "inconsistency"] == [("trucks",)]


@pytest.mark.parametrize(
    ("as_of", "standing"),
    [
        # on the 20th the claim stood (withdrawn on the 21st); the undated, withdrawn "pulled"
        # counts as withdrawn from the start; the wire's story was not out yet
        ("2025-10-20", ["claim", "denial"]),
        ("2025-10-21", ["fix", "denial"]),
        # the wire's story: withdrawn, date unknown, so never standing
        ("2025-10-23", ["fix", "denial", "m-shelled"]),
        ("2025-10-25", ["fix", "denial", "m-shelled", "retracted"]),
        ("2025-10-26", ["fix", "denial", "m-shelled"]),
        # a partial date counts to its last day
        ("2025-10", ["fix", "denial", "m-shelled"]),
        ("2025-09", []),
    ],
)
def test_as_of_answers_what_stood_on_that_day(
    backend: cg.ClaimGraph, as_of: str, standing: list[str]
) -> None:
    assert _ids(cg.statements(backend, as_of=as_of)) == standing


def test_as_of_a_day_the_claim_stood_the_dispute_is_there(backend: cg.ClaimGraph) -> None:
    [c] = cg.contradictions(backend, as_of="2025-10-20")
    assert (c.kind, c.propositions, c.sides) == ("dispute", ("closed",), ("ministry", "reporter"))
    assert cg.contradictions(backend, as_of="2025-10-21") == []
    # withdrawn by then (the wire's story was not out yet)
    assert _ids(cg.statements(backend, as_of="2025-10-21", withdrawn="only")) == [
        "claim",
        "pulled",
    ]


def test_bad_window_arguments_are_refused(backend: cg.ClaimGraph) -> None:
    with pytest.raises(cg.InvalidArgumentError, match="withdrawn must be True, False or 'only'"):
        cg.statements(backend, withdrawn="yes")
    with pytest.raises(cg.InvalidDataError, match="as_of"):
        cg.contradictions(backend, as_of="20 October")


def test_retractions_are_listed_and_explained(backend: cg.ClaimGraph) -> None:
    found = cg.retractions(backend)
    assert [(r.statement.id, r.kind, r.by) for r in found] == [
        ("claim", "correction", "reporter"),
        ("story-claim", "retraction", "wire"),
        ("retracted", "retraction", "reporter"),
        ("pulled", "retraction", "editor"),
    ]
    assert found[0].correction is not None and found[0].correction.id == "fix"
    assert found[0].explanation(backend) == (
        "A reporter withdrew its statement (2025-10-20) that “The border crossing is closed”"
        " on 2025-10-21, and corrected it: asserts “The border crossing is closed to trucks"
        " only” (2025-10-21)."
    )
    assert found[1].explanation(backend) == (
        "A wire service withdrew its statement (2025-10-22) that “The crossing was shelled”"
        " (date unknown), in A wire."
    )
    assert [r.statement.id for r in cg.retractions(backend, actor="reporter")] == [
        "claim",
        "retracted",
    ]
    assert found[0].to_dict()["withdrawal"] == {"date": "2025-10-21", "correction": "fix"}
    with pytest.raises(cg.InvalidArgumentError, match="no 'withdrawn'"):
        cg.retractions(backend, withdrawn=True)


def test_a_retraction_is_not_a_reversal(graph: cg.ClaimGraph) -> None:
    # the reporter asserted "trucks" and then denied it: a reversal — until the denial is
    # withdrawn, when it is a retraction and nothing else
    assert len(reversals(graph, actor="reporter")) == 0
    graph.update("retracted", withdrawn=None)
    [r] = reversals(graph, actor="reporter")
    assert (r.from_stance, r.to_stance) == ("asserts", "denies")


# ----------------------------------------------------------------------------- the store
def test_withdrawing_in_a_store_updates_its_counts(tmp_path: Path, graph: cg.ClaimGraph) -> None:
    with Store(tmp_path / "w.cgdb") as store:
        store.add_all(graph)
        assert cg.contradictions(store) == []
        store.update("claim", withdrawn=None)  # the triggers count it again
        assert [c.propositions for c in cg.contradictions(store)] == [("closed",)]
        assert cg.contradictions(store) == cg.contradictions(store.load())
        store.update("claim", withdrawn="2025-10-21")
        assert cg.contradictions(store) == []
        # the counts kept by triggers agree with counting afresh
        conn = sqlite3.connect(tmp_path / "w.cgdb")
        kept = conn.execute("SELECT * FROM stance_count ORDER BY proposition").fetchall()
        fresh = conn.execute(
            "SELECT proposition, sum(stance = 'asserts'), sum(stance = 'denies') FROM statement"
            " WHERE stance <> 'reports' AND withdrawn_lo IS NULL GROUP BY proposition"
            " ORDER BY proposition"
        ).fetchall()
        conn.close()
        assert [(p, a, d) for p, a, d, _x, _y in kept] == fresh


@pytest.mark.parametrize("make_old", [as_store_version_1, as_store_version_2])
def test_an_older_store_is_read_as_it_is_then_migrated(
    tmp_path: Path, make_old: object, graph: cg.ClaimGraph
) -> None:
    standing = cg.ClaimGraph(
        r for r in graph if not (isinstance(r, cg.Statement) and r.withdrawn is not None)
    )
    path = tmp_path / "old.cgdb"
    with Store(path) as store:
        store.add_all(standing)
    make_old(path)  # type: ignore[operator]
    with Store(path, readonly=True) as old:  # not touched: every statement stands
        assert _ids(cg.statements(old)) == _ids(cg.statements(standing))
        assert _ids(cg.statements(old, withdrawn="only")) == []
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0] != "3"
    conn.close()
    with Store(path) as store:  # migrated on opening for writing
        store.update("fix", withdrawn="2025-10-22")
        assert _ids(cg.statements(store, withdrawn="only")) == ["fix"]
        assert [c.propositions for c in cg.contradictions(store)] == []
    conn = sqlite3.connect(path)
    version = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0]
    conn.close()
    assert version == str(STORE_VERSION) == "3"


# ----------------------------------------------------------------------------- files, formats
def test_withdrawals_round_trip_through_the_native_formats(graph: cg.ClaimGraph) -> None:
    text = cg.dumps(graph, format="yaml")
    assert text.startswith("claimgraph: 2\n")
    assert "withdrawn: '2025-10-26'" in text and "withdrawn: true" in text
    assert cg.loads(text, format="yaml") == graph
    assert cg.loads(cg.dumps(graph), format="json") == graph
    assert json.loads(cg.dumps(graph))["version"] == 2


@pytest.mark.parametrize("writer", ["graphml", "gexf", "node_link"])
def test_withdrawals_round_trip_through_the_graph_formats(
    tmp_path: Path, graph: cg.ClaimGraph, writer: str
) -> None:
    path = tmp_path / f"g.{writer}"
    getattr(graphs, f"write_{writer}")(graph, path)
    back = getattr(graphs, f"read_{writer}")(path)
    assert {s.id: s.withdrawn for s in back.statement_records.values()} == {
        s.id: s.withdrawn for s in graph.statement_records.values()
    }
    # the relations of a withdrawal are edges of the network too
    assert ("claim", "fix") in {
        (u, v) for u, v, k in graph.nx.edges(keys=True) if k == "corrected_by"
    }


def test_the_report_lists_retractions_escaped(graph: cg.ClaimGraph) -> None:
    graph.update("reporter", name="A <b>reporter</b>")
    md = cg.report(graph, format="markdown")
    section = md.split("## Retractions and corrections (4)")[1].split("## ")[0]
    assert "1. “The border crossing is closed.” `closed` — correction" in section
    assert "corrected by: A &lt;b&gt;reporter&lt;/b&gt; (claim, 2025-10-21)" in section
    assert "<b>" not in md
    data = cg.report_data(graph)
    assert [r["statement"]["id"] for r in data["retractions"]] == [
        "claim",
        "story-claim",
        "retracted",
        "pulled",
    ]
    assert "RETRACTIONS AND CORRECTIONS (4)" in cg.report(graph)


def test_version_1_files_load_and_migrate_rewrites_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old_yaml = tmp_path / "a.yaml"
    old_yaml.write_text(
        "# my notes\nclaimgraph: 1   # kept\nactors:\n  qatar: Qatar  # mediator\n",
        encoding="utf-8",
    )
    old_json = tmp_path / "b.json"
    old_json.write_text(
        '{"format": "claimgraph", "version": 1, "actors": [{"id": "q", "name": "Q"}]}'
    )
    g_yaml, g_json = cg.load(old_yaml), cg.load(old_json)
    assert main(["migrate", str(old_yaml), str(old_json)]) == 0
    out = capsys.readouterr().out
    assert f"{old_yaml}: format version 1 → 2" in out and f"{old_json}: format version 1 → 2" in out
    assert old_yaml.read_text(encoding="utf-8") == (
        "# my notes\nclaimgraph: 2   # kept\nactors:\n  qatar: Qatar  # mediator\n"
    )
    assert json.loads(old_json.read_text())["version"] == 2
    assert (cg.load(old_yaml), cg.load(old_json)) == (g_yaml, g_json)
    assert main(["migrate", str(old_yaml)]) == 0
    assert "already format version 2" in capsys.readouterr().out


def test_migrate_writes_nothing_for_a_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    text = "claimgraph: 1\nactors:\n  a: {name: A, kind: nope}\n"
    bad.write_text(text, encoding="utf-8")
    assert main(["migrate", str(bad)]) == 1
    assert "bad.yaml:3" in capsys.readouterr().err
    assert bad.read_text(encoding="utf-8") == text
    out = tmp_path / "out.yaml"
    assert main(["migrate", str(bad), "-o", str(out)]) == 1
    assert not out.exists()


def test_an_older_release_would_refuse_a_version_2_file_with_a_located_error() -> None:
    # what this release says of a version it does not read: the same as 0.1 says of 2
    with pytest.raises(cg.FileFormatError) as info:
        cg.loads("claimgraph: 3\n", format="yaml")
    assert "reads versions 1 and 2" in str(info.value)


def test_a_sheet_keeps_withdrawals(tmp_path: Path, graph: cg.ClaimGraph) -> None:
    from claimgraph.formats import tables

    path = tmp_path / "w.csv"
    tables.write_csv(graph, path)
    back = tables.read_csv(path)
    # a table holds a withdrawal's date, actor and correction (not its source or note)
    want = {
        s.id: s.withdrawn.model_copy(update={"source": None, "note": None})
        for s in graph.statement_records.values()
        if s.withdrawn is not None
    }
    assert {s.id: s.withdrawn for s in back.statement_records.values() if s.withdrawn} == want
    assert _ids(cg.statements(back)) == _ids(cg.statements(graph))
    # a correction with no withdrawal is a located error
    text = path.read_text(encoding="utf-8").splitlines()
    head = text[0].split(",")
    row = text[2].split(",")
    row[head.index("withdrawn")] = ""
    row[head.index("correction")] = "fix"
    path.write_text("\n".join([text[0], ",".join(row)]) + "\n", encoding="utf-8")
    with pytest.raises(cg.InvalidDataError, match="correction needs a withdrawn date"):
        tables.read_csv(path)
