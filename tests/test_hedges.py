"""Hedged statements: how sure the speaker sounds ("suggested", "allegedly", "may have")."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpora import as_store_version_1

import claimgraph as cg
from claimgraph.store import Store

YAML = """\
claimgraph: 1
actors:
  taliban-spokesman: {name: The Taliban's spokesperson}
  pakistan: {name: Pakistan, kind: state}
propositions:
  offer-rejected: Pakistan rejected Kabul's offer.
statements:
  - {id: suggested, actor: taliban-spokesman, asserts: offer-rejected, hedge: suggested}
  - {id: denied, actor: pakistan, denies: offer-rejected, said: 2025-11-05}
  - {id: unsure, actor: pakistan, asserts: offer-rejected, certainty: hedged}
"""


def test_a_hedge_makes_a_statement_hedged_and_certainty_is_the_default_otherwise() -> None:
    g = cg.loads(YAML, format="yaml")
    assert (g.get("suggested").certainty, g.get("suggested").hedge) == ("hedged", "suggested")
    assert (g.get("unsure").certainty, g.get("unsure").hedge) == ("hedged", None)
    assert g.get("denied").certainty == "certain"
    # the default is applied, not given: the native file does not write it
    line = next(x for x in cg.dumps(g).splitlines() if '"id":"suggested"' in x)
    assert '"hedge":"suggested"' in line and '"certainty"' not in line


def test_hedges_round_trip_through_both_formats() -> None:
    g = cg.loads(YAML, format="yaml")
    text = cg.dumps(g, format="yaml")
    assert "hedge: suggested" in text and "certainty: hedged" in text
    assert cg.loads(text, format="yaml") == g
    assert cg.loads(cg.dumps(g), format="json") == g


@pytest.mark.parametrize("backend", ["graph", "store"])
def test_certainty_filters_statements_on_both_backends(tmp_path: Path, backend: str) -> None:
    g = cg.loads(YAML, format="yaml")
    b: cg.ClaimGraph | Store = g
    if backend == "store":
        b = Store(tmp_path / "h.cgdb")
        b.add_all(g)
    assert [s.id for s in b.statements(certainty="certain")] == ["denied"]
    assert [s.id for s in b.statements(certainty="hedged")] == ["suggested", "unsure"]
    assert [s.id for s in b.statements(certainty="hedged", actor="pakistan")] == ["unsure"]
    with pytest.raises(cg.InvalidArgumentError, match="did you mean 'hedged'"):
        b.statements(certainty="hedge")
    if isinstance(b, Store):
        b.update("denied", hedge="reportedly")
        assert b.statements(certainty="certain") == []
        assert b.get("denied").certainty == "hedged"
        b.close()


def test_a_version_1_store_reads_every_statement_as_certain(tmp_path: Path) -> None:
    path = tmp_path / "v1.cgdb"
    g = cg.ClaimGraph(
        r for r in cg.loads(YAML, format="yaml") if r.id not in ("suggested", "unsure")
    )
    with Store(path) as store:
        store.add_all(g)
    as_store_version_1(path)
    with Store(path, readonly=True) as old:
        assert [s.id for s in old.statements(certainty="certain")] == ["denied"]
    with Store(path) as store:  # migrated: the column is there, writable
        store.add_all(cg.loads(YAML, format="yaml"))
        assert [s.id for s in store.statements(certainty="hedged")] == ["suggested", "unsure"]


def test_the_report_marks_hedged_statements() -> None:
    g = cg.loads(YAML, format="yaml")
    text = cg.report(g)
    assert "The Taliban's spokesperson (claim, hedged “suggested”, undated)" in text
    assert "Pakistan (claim, hedged, undated)" in text
    assert "Pakistan (denial, 2025-11-05)" in text
