"""Reversals: changes of stance over time, per actor and per side."""

from __future__ import annotations

import pytest

import claimgraph as cg
from claimgraph.reversals import reversals


def _graph() -> cg.ClaimGraph:
    g = cg.ClaimGraph()
    g.add_actor(id="land", name="Land <i>")
    g.add_actor(id="min-a", name="Minister A", member_of=["land"])
    g.add_actor(id="min-b", name="Minister <B>", member_of=["land"])
    g.add_actor(id="other", name="Other")
    g.add_proposition(id="p", text="P holds.")
    g.add_proposition(id="q", text="Q holds.")
    # min-a: asserts p (Jan), denies p (Mar), asserts p again (May)
    g.add_statement(id="a1", actor="min-a", proposition="p", said="2025-01")
    g.add_statement(id="a2", actor="min-a", proposition="p", stance="denies", said="2025-03")
    g.add_statement(id="a3", actor="min-a", proposition="p", said="2025-05-02")
    # the side flips on q through two different actors; one statement undated
    g.add_statement(id="b1", actor="min-b", proposition="q", said="2025-02")
    g.add_statement(id="a4", actor="min-a", proposition="q", stance="denies")
    # another side disagrees on q: a dispute, not a reversal
    g.add_statement(id="o1", actor="other", proposition="q", stance="denies", said="2025-01")
    return g


def test_actor_reversals_in_date_order() -> None:
    rs = reversals(_graph(), actor="min-a")
    assert [(r.from_stance, r.to_stance) for r in rs] == [
        ("asserts", "denies"),
        ("denies", "asserts"),
    ]
    assert [[s.id for s in r.before] for r in rs] == [["a1"], ["a2"]]
    assert [[s.id for s in r.after] for r in rs] == [["a2"], ["a3"]]
    assert all(r.dated and r.level == "actor" for r in rs)
    assert rs[1].when == "2025-05-02"


def test_side_reversals_combine_members_and_flag_undated_order() -> None:
    rs = reversals(_graph(), side="land", level="side")
    on_q = [r for r in rs if r.proposition == "q"]
    assert len(on_q) == 1
    [r] = on_q
    assert (r.holder, r.from_stance, r.to_stance) == ("land", "asserts", "denies")
    assert [s.id for s in r.after] == ["a4"]
    assert r.dated is False  # the denial is undated: sorted last, order assumed
    assert "order not established" in r.explanation(_graph())
    # no actor said both on q, so no actor-level reversal on q
    assert not [x for x in reversals(_graph(), level="actor") if x.proposition == "q"]


def test_other_sides_disagreement_is_not_a_reversal() -> None:
    assert reversals(_graph(), side="other").items == ()
    assert all(r.holder != "other" for r in reversals(_graph()))


def test_matches_core_inconsistencies() -> None:
    g = _graph()
    sides = {(r.holder, r.proposition) for r in reversals(g, level="side")}
    core = {
        (c.sides[0], c.propositions[0])
        for c in cg.contradictions(g, kind="inconsistency")
        if c.basis == "opposite_stances"
    }
    assert sides == core


def test_results_display_and_serialise() -> None:
    g = _graph()
    rs = reversals(g)
    html = rs._repr_html_()
    assert "Land &lt;i&gt;" in html and "Land <i>" not in html
    d = rs.to_dict()
    assert d[0]["before"][0]["id"] and d[0]["holder_name"]
    assert "reversal" in repr(rs)
    assert reversals(cg.load(cg.example_path()))._repr_html_() == "<p>No reversals.</p>"


def test_bad_arguments() -> None:
    g = _graph()
    with pytest.raises(cg.NotFoundError):
        reversals(g, actor="nobody")
    with pytest.raises(cg.InvalidArgumentError, match="not a side"):
        reversals(g, side="min-a")
    with pytest.raises(cg.InvalidDataError, match="level"):
        reversals(g, level="team")  # type: ignore[arg-type]
