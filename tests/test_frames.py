"""Query results as DataFrames: columns, dtypes, partial dates, the positions pivot."""

from __future__ import annotations

import pytest

import claimgraph as cg

pd = pytest.importorskip("pandas", reason="DataFrames need the pandas extra")

from claimgraph import frames  # noqa: E402


@pytest.fixture(scope="module")
def g() -> cg.ClaimGraph:
    return cg.load(cg.example_path())


def test_timeline_frame_rows_and_dtypes(g: cg.ClaimGraph) -> None:
    stmts = g.timeline(actor="pk-defense-minister")
    df = frames.timeline_frame(stmts, g)
    assert list(df["statement"]) == [s.id for s in stmts]
    assert str(df["said"].dtype).startswith("datetime64")
    assert isinstance(df["stance"].dtype, pd.CategoricalDtype)
    assert list(df["stance"].cat.categories) == ["asserts", "denies", "reports"]
    assert set(df["side"]) == {"pakistan"}
    assert df.loc[0, "actor_name"] == "Pakistan's defense minister"
    assert df["quote"].notna().any()


def test_partial_dates_keep_their_precision() -> None:
    graph = cg.ClaimGraph(
        [
            cg.Actor(id="a", name="A"),
            cg.Proposition(id="p", text="P"),
            cg.Statement(id="y", actor="a", proposition="p", said="2024"),
            cg.Statement(id="m", actor="a", proposition="p", said="2024-10"),
            cg.Statement(id="d", actor="a", proposition="p", said="2024-10-19"),
            cg.Statement(id="u", actor="a", proposition="p"),
        ]
    )
    df = frames.timeline_frame(graph.timeline(), graph).set_index("statement")
    assert df.loc["y", "said"] == pd.Timestamp("2024-01-01")
    assert df.loc["m", "said"] == pd.Timestamp("2024-10-01")
    assert df.loc["d", "said"] == pd.Timestamp("2024-10-19")
    assert pd.isna(df.loc["u", "said"])
    assert df["said_precision"].astype(object).where(
        df["said_precision"].notna(), None
    ).to_dict() == {
        "y": "year",
        "m": "month",
        "d": "day",
        "u": None,
    }


def test_contradictions_frame(g: cg.ClaimGraph) -> None:
    found = g.contradictions()
    df = frames.contradictions_frame(found)
    assert len(df) == sum(c.size for c in found)
    for i, c in enumerate(found):
        part = df[df["contradiction"] == i]
        assert set(part["statement"]) == {s.id for s in c.statements}
        assert set(part["contradiction_kind"]) == {c.kind}
        for j, group in enumerate(c.groups):
            rows = part[part["position"] == j]
            assert set(rows["stance"]) == {group.stance}
    # the statement's own kind is kept apart from the contradiction's
    assert "denial" in set(df["kind"].astype(str))


def test_agreements_frame(g: cg.ClaimGraph) -> None:
    found = g.agreements()
    df = frames.agreements_frame(found, g)
    assert len(df) == sum(len(a.statements) for a in found)
    assert set(df[df["agreement"] == 0]["proposition"]) == {found[0].proposition}


def test_positions_frame_is_side_by_proposition(g: cg.ClaimGraph) -> None:
    pos = g.positions()
    table = frames.positions_frame(pos)
    assert list(table.index) == pos.sides
    assert list(table.columns) == pos.propositions
    for side in pos.sides:
        for prop in pos.propositions:
            cell = table.loc[side, prop]
            assert (None if pd.isna(cell) else cell) == pos.stance(side, prop)
    named = frames.positions_frame(pos, g)
    assert "Afghanistan" in named.index
    assert g.propositions["militants-sheltered"].text in named.columns


def test_statements_frame_round_trips(g: cg.ClaimGraph) -> None:
    df = frames.statements_frame(g)
    back = frames.from_frame(df)
    assert set(back.statement_records) == set(g.statement_records)
    for sid, s in g.statement_records.items():
        assert back.statement_records[sid].said == s.said
        assert back.statement_records[sid].stance == s.stance
