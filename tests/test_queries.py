"""Queries: contradictions, agreements, positions, statements and timeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import pytest

import claimgraph as cg

Builder = Callable[..., cg.ClaimGraph]


def ids(statements: list[cg.Statement] | tuple[cg.Statement, ...]) -> list[str]:
    return [s.id for s in statements]


# ============================================================================ the example
class TestExampleDisputes:
    def test_exactly_the_two_disputes(self, example_graph: cg.ClaimGraph) -> None:
        found = cg.contradictions(example_graph)
        assert [(c.kind, c.basis, c.propositions) for c in found] == [
            ("dispute", "opposite_stances", ("offer-rejected",)),
            ("dispute", "opposite_stances", ("militants-sheltered",)),
        ]
        assert cg.contradictions(example_graph, kind="inconsistency") == []
        assert example_graph.contradictions(kind="dispute") == found

    def test_sides_and_actors_on_each_stance(self, example_graph: cg.ClaimGraph) -> None:
        offer, sheltered = cg.contradictions(example_graph)
        asserts, denies = offer.groups
        assert (asserts.stance, asserts.proposition) == ("asserts", "offer-rejected")
        assert asserts.sides == ("afghanistan",)
        assert asserts.actors == ("af-spokesperson",)
        assert ids(asserts.statements) == ["af-claims-offer-rejected"]
        assert (denies.stance, denies.sides) == ("denies", ("pakistan",))
        assert denies.actors == ("pk-government", "pk-information-ministry", "pk-officials")
        assert set(ids(denies.statements)) == {
            "pk-officials-dismiss",
            "pk-rejects-afghan-version",
            "pk-false-and-misleading",
        }
        assert offer.sides == ("afghanistan", "pakistan")
        assert offer.texts == (example_graph.propositions["offer-rejected"].text,)
        assert offer.proposition == "offer-rejected"
        assert offer.actors == (
            "af-spokesperson",
            "pk-government",
            "pk-information-ministry",
            "pk-officials",
        )

        asserts, denies = sheltered.groups
        assert (asserts.sides, asserts.actors, ids(asserts.statements)) == (
            ("pakistan",),
            ("pakistan",),
            ["pk-sheltered"],
        )
        assert (denies.sides, denies.actors, ids(denies.statements)) == (
            ("afghanistan",),
            ("afghanistan",),
            ["af-denies-sheltered"],
        )

    def test_quotes_sources_and_explanation(self, example_graph: cg.ClaimGraph) -> None:
        offer = cg.contradictions(example_graph, proposition="offer-rejected")[0]
        quotes = [q for s in offer.statements for q in s.quotes]
        assert quotes == ["false and misleading"]
        sources = {r.source for s in offer.statements for r in s.reports}
        assert sources == {"arabnews-istanbul-talks"}
        assert offer.explanation.startswith("Afghanistan asserts and Pakistan denies “Pakistan")
        assert offer.explanation.endswith("”.")
        data = offer.to_dict(example_graph)
        assert data["proposition"] == {
            "id": "offer-rejected",
            "text": example_graph.propositions["offer-rejected"].text,
        }
        [asserts, denies] = data["stances"]
        assert (asserts["stance"], asserts["sides"], asserts["actors"]) == (
            "asserts",
            ["afghanistan"],
            ["af-spokesperson"],
        )
        reports = [r for s in denies["statements"] for r in s["reports"]]
        assert {r["publisher"] for r in reports} == {"Arab News"}
        assert {r["published"] for r in reports} == {"2025-11-05"}
        assert "false and misleading" in [r["quote"] for r in reports]
        assert {s["side"] for s in denies["statements"]} == {"pakistan"}

    def test_dates_of_undated_disputes(self, example_graph: cg.ClaimGraph) -> None:
        for c in cg.contradictions(example_graph):
            assert c.dates == (None, None)
            assert c.groups[0].first_said is None

    def test_filters(self, example_graph: cg.ClaimGraph) -> None:
        g = example_graph
        assert [c.proposition for c in g.contradictions(proposition="militants-sheltered")] == [
            "militants-sheltered"
        ]
        assert g.contradictions(proposition="ceasefire-extended") == []
        assert len(g.contradictions(between=("pakistan", "afghanistan"))) == 2
        assert len(g.contradictions(between=("afghanistan", "pakistan"))) == 2
        assert g.contradictions(between=("pakistan", "mediators")) == []
        # every statement of both disputes is undated: a date range excludes them
        assert g.contradictions(since="2025-01-01") == []

    def test_unknown_ids_in_filters(self, example_graph: cg.ClaimGraph) -> None:
        with pytest.raises(cg.NotFoundError, match="'nope'"):
            cg.contradictions(example_graph, proposition="nope")
        with pytest.raises(cg.NotFoundError, match="'nope'"):
            cg.contradictions(example_graph, between=("pakistan", "nope"))
        with pytest.raises(cg.InvalidArgumentError):
            cg.contradictions(example_graph, between=("pakistan",))  # type: ignore[arg-type]
        with pytest.raises(cg.InvalidArgumentError):
            cg.contradictions(example_graph, kind="quarrel")  # type: ignore[arg-type]
        with pytest.raises(cg.InvalidDataError, match="since"):
            cg.contradictions(example_graph, since="2025-13")


class TestExampleAgreements:
    def test_common_ground(self, example_graph: cg.ClaimGraph) -> None:
        found = {a.proposition: a for a in cg.agreements(example_graph)}
        assert {"ceasefire-extended", "monitoring-mechanism"} <= set(found)
        for pid in ("ceasefire-extended", "monitoring-mechanism", "ceasefire-agreed"):
            a = found[pid]
            assert a.sides == ("afghanistan", "pakistan")
            assert a.actors == ("afghanistan", "pakistan")
            assert a.text == example_graph.propositions[pid].text
            assert {s.stance for s in a.statements} == {"asserts"}
            assert "both assert" in a.explanation
        # disputed or one-sided propositions are not common ground
        assert not {"offer-rejected", "militants-sheltered", "attacks-must-stop"} & set(found)

    def test_agreement_to_dict(self, example_graph: cg.ClaimGraph) -> None:
        a = next(a for a in example_graph.agreements() if a.proposition == "monitoring-mechanism")
        data = a.to_dict(example_graph)
        assert data["proposition"]["id"] == "monitoring-mechanism"
        assert data["sides"] == ["afghanistan", "pakistan"]
        assert {s["actor"] for s in data["statements"]} == {"afghanistan", "pakistan"}

    def test_filters(self, example_graph: cg.ClaimGraph) -> None:
        g = example_graph
        assert [a.proposition for a in cg.agreements(g, since="2025-10", until="2025-10")] == [
            "ceasefire-agreed"
        ]
        assert cg.agreements(g, side="mediators") == []
        assert len(cg.agreements(g, side=["pakistan", "afghanistan"])) == 3
        one_side = {a.proposition for a in cg.agreements(g, min_sides=1)}
        assert {"attacks-must-stop", "keep-talking", "kabul-offered"} <= one_side
        assert "offer-rejected" not in one_side
        with pytest.raises(cg.NotFoundError):
            cg.agreements(g, side="nope")


class TestExamplePositions:
    def test_table(self, example_graph: cg.ClaimGraph) -> None:
        pos = cg.positions(example_graph)
        assert pos.sides == ["afghanistan", "mediators", "pakistan"]
        assert pos.stance("pakistan", "militants-sheltered") == "asserts"
        assert pos.stance("afghanistan", "militants-sheltered") == "denies"
        assert pos.stance("pakistan", "offer-rejected") == "denies"
        assert pos.stance("afghanistan", "offer-rejected") == "asserts"
        assert pos.stance("mediators", "offer-rejected") is None
        assert pos.stance("nobody", "offer-rejected") is None
        assert "keep-talking" in pos.propositions
        row = next(r for r in pos.rows() if r["proposition"] == "militants-sheltered")
        assert row == {
            "proposition": "militants-sheltered",
            "afghanistan": "denies",
            "mediators": None,
            "pakistan": "asserts",
        }

    def test_demands_and_offers(self, example_graph: cg.ClaimGraph) -> None:
        pos = example_graph.positions()
        assert set(ids(pos.demands["pakistan"])) == {
            "dm-single-demand",
            "pk-presses-end-of-attacks",
            "pk-control-or-arrest",
            "pk-urges-land-not-used",
        }
        assert "afghanistan" not in pos.demands
        assert ids(pos.offers["afghanistan"]) == ["af-offer"]
        assert ids(pos.offers["pakistan"]) == ["pk-hand-over-at-border-posts"]  # a proposal
        assert ids(pos.offers["mediators"]) == ["mediators-encourage"]

    def test_filters(self, example_graph: cg.ClaimGraph) -> None:
        pos = cg.positions(example_graph, side="afghanistan")
        assert pos.sides == ["afghanistan"]
        assert pos.demands == {}
        dated = cg.positions(example_graph, since="2025-11-05")
        assert dated.sides == ["pakistan"]
        assert ids(dated.demands["pakistan"]) == ["dm-single-demand", "pk-presses-end-of-attacks"]


class TestExampleStatements:
    def test_no_filter(self, example_graph: cg.ClaimGraph) -> None:
        assert ids(cg.statements(example_graph)) == list(example_graph.statement_records)
        assert len(example_graph.statements()) == 26

    @pytest.mark.parametrize(
        ("filters", "expected"),
        [
            ({"actor": "pk-defense-minister", "kind": "demand"}, {"dm-single-demand"}),
            (
                {"actor": ["af-spokesperson", "af-government"]},
                {"af-offer", "af-claims-offer-rejected"},
            ),
            (
                {"side": "afghanistan", "stance": "denies"},
                {"af-denies-sheltered"},
            ),
            (
                {"side": "pakistan", "proposition": "offer-rejected"},
                {"pk-officials-dismiss", "pk-rejects-afghan-version", "pk-false-and-misleading"},
            ),
            (
                {"proposition": ["ceasefire-agreed", "ceasefire-extended"], "side": "afghanistan"},
                {"af-ceasefire", "af-extend-ceasefire"},
            ),
            ({"kind": "offer"}, {"af-offer"}),
            ({"kind": ["offer", "proposal"], "side": "pakistan"}, {"pk-hand-over-at-border-posts"}),
            ({"stance": "denies", "kind": "characterization"}, {"pk-false-and-misleading"}),
            ({"since": "2025-10", "until": "2025-10"}, {"pk-ceasefire", "af-ceasefire"}),
            ({"since": "2025-10-15", "until": "2025-10-15"}, {"pk-ceasefire", "af-ceasefire"}),
            ({"until": "2025-09"}, set()),
            (
                {"since": "2025-11-05", "actor": "pk-defense-minister"},
                {"dm-delegation-left", "dm-hope", "dm-dialogue-conditional", "dm-single-demand"},
            ),
            ({"since": "2025-11-06"}, set()),
            ({"since": "2025", "side": "afghanistan"}, {"af-ceasefire"}),
            ({"source": "arabnews-istanbul-talks", "kind": "hope"}, {"dm-hope"}),
            ({"actor": "pakistan", "side": "afghanistan"}, set()),
        ],
    )
    def test_filters(
        self, example_graph: cg.ClaimGraph, filters: dict[str, object], expected: set[str]
    ) -> None:
        found = ids(cg.statements(example_graph, **filters))  # type: ignore[arg-type]
        assert len(found) == len(set(found))
        assert set(found) == expected

    def test_source_filter(self, example_graph: cg.ClaimGraph) -> None:
        assert len(cg.statements(example_graph, source="arabnews-istanbul-talks")) == 26

    def test_side_includes_members(self, example_graph: cg.ClaimGraph) -> None:
        actors = {s.actor for s in cg.statements(example_graph, side="pakistan")}
        assert actors == {
            "pakistan",
            "pk-government",
            "pk-officials",
            "pk-defense-minister",
            "pk-information-ministry",
        }

    @pytest.mark.parametrize(
        "filters",
        [
            {"actor": "nope"},
            {"side": "nope"},
            {"proposition": "nope"},
            {"source": "nope"},
            {"actor": ["pakistan", "nope"]},
        ],
    )
    def test_unknown_filter_ids(
        self, example_graph: cg.ClaimGraph, filters: dict[str, str]
    ) -> None:
        with pytest.raises(cg.NotFoundError, match="'nope'"):
            cg.statements(example_graph, **filters)  # type: ignore[arg-type]
        with pytest.raises(cg.NotFoundError):
            cg.timeline(example_graph, **filters)

    def test_bad_dates_in_filters(self, example_graph: cg.ClaimGraph) -> None:
        with pytest.raises(cg.InvalidDataError, match="until"):
            cg.statements(example_graph, until="Oct 2025")


class TestExampleTimeline:
    def test_order_with_undated_last(self, example_graph: cg.ClaimGraph) -> None:
        line = cg.timeline(example_graph, side="pakistan")
        dates = [s.said for s in line]
        dated = [d for d in dates if d is not None]
        assert dated == sorted(dated)
        assert dates[: len(dated)] == dated  # every undated statement comes after
        assert dates[0] == "2025-10"
        assert len(dated) == 7 and len(line) == 17

    def test_of_an_actor_and_a_proposition(self, example_graph: cg.ClaimGraph) -> None:
        assert ids(example_graph.timeline(actor="pk-defense-minister")) == [
            "dm-delegation-left",
            "dm-dialogue-conditional",
            "dm-hope",
            "dm-single-demand",
        ]
        assert ids(cg.timeline(example_graph, proposition="attacks-must-stop")) == [
            "dm-single-demand",
            "pk-presses-end-of-attacks",
        ]


@pytest.mark.parametrize(
    "filters",
    [
        {"side": "pakistan"},
        {"kind": ["demand", "offer", "proposal"]},
        {"actor": ["pk-defense-minister", "pakistan"]},
        {"since": "2025-10"},
    ],
)
def test_statements_come_in_insertion_order(
    example_graph: cg.ClaimGraph, filters: dict[str, object]
) -> None:
    found = ids(cg.statements(example_graph, **filters))  # type: ignore[arg-type]
    assert found == [i for i in example_graph.statement_records if i in set(found)]


# ============================================================================ small graphs
class TestContradictionBases:
    def test_opposite_stances_across_sides_is_a_dispute(self, tiny_graph: Builder) -> None:
        g = tiny_graph([("a", "p", "asserts"), ("b", "p", "denies")])
        [c] = cg.contradictions(g)
        assert (c.kind, c.basis, c.propositions, c.sides) == (
            "dispute",
            "opposite_stances",
            ("p",),
            ("a", "b"),
        )
        assert [(grp.stance, grp.sides) for grp in c.groups] == [
            ("asserts", ("a",)),
            ("denies", ("b",)),
        ]
        assert c.explanation == "A asserts and B denies “Proposition p”."

    def test_members_of_one_side_do_not_dispute(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a1", "p", "asserts", "2025-01"), ("a2", "p", "denies", "2025-02")],
            members={"a1": "a", "a2": "a"},
        )
        [c] = cg.contradictions(g)
        assert (c.kind, c.sides) == ("inconsistency", ("a",))
        assert c.groups[0].actors == ("a1",) and c.groups[1].actors == ("a2",)

    def test_exclusive(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a", "p", "asserts"), ("b", "q", "asserts")],
            propositions={"p": {"contradicts": ["q"]}},
        )
        [c] = cg.contradictions(g)
        assert (c.kind, c.basis, c.propositions) == ("dispute", "exclusive", ("p", "q"))
        assert [(grp.stance, grp.proposition, grp.sides) for grp in c.groups] == [
            ("asserts", "p", ("a",)),
            ("asserts", "q", ("b",)),
        ]
        assert c.texts == ("Proposition p.", "Proposition q.")
        assert "cannot both be true" in c.explanation
        # found from either proposition, and declared in either direction
        assert cg.contradictions(g, proposition="q") == [c]
        g2 = tiny_graph(
            [("a", "p", "asserts"), ("b", "q", "asserts")],
            propositions={"q": {"contradicts": ["p"]}},
        )
        assert [(x.basis, x.propositions) for x in cg.contradictions(g2)] == [
            ("exclusive", ("p", "q"))
        ]

    def test_exclusive_declared_both_ways_is_reported_once(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a", "p", "asserts"), ("b", "q", "asserts")],
            propositions={"p": {"contradicts": ["q"]}, "q": {"contradicts": ["p"]}},
        )
        assert len(cg.contradictions(g)) == 1

    def test_duplicate_contradicts_entry_is_reported_once(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a", "p", "asserts"), ("b", "q", "asserts")],
            propositions={"p": {"contradicts": ["q", "q"]}},
        )
        assert len(cg.contradictions(g)) == 1

    def test_exclusive_needs_both_asserted(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a", "p", "asserts"), ("b", "q", "denies")],
            propositions={"p": {"contradicts": ["q"]}},
        )
        assert cg.contradictions(g) == []

    def test_implication(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a", "p", "asserts"), ("b", "r", "denies")],
            propositions={"p": {"implies": ["q"]}, "q": {"implies": ["r"]}},
        )
        [c] = cg.contradictions(g)
        assert (c.kind, c.basis, c.propositions) == ("dispute", "implication", ("p", "r"))
        assert [(grp.stance, grp.proposition) for grp in c.groups] == [
            ("asserts", "p"),
            ("denies", "r"),
        ]
        assert "implies" in c.explanation
        assert cg.contradictions(g, proposition="r") == [c]
        assert cg.contradictions(g, proposition="q") == []

    def test_implication_does_not_run_backwards(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a", "p", "denies"), ("b", "q", "asserts")],
            propositions={"p": {"implies": ["q"]}},
        )
        assert cg.contradictions(g) == []

    def test_proposition_filter_keeps_only_clashes_involving_it(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a", "q", "asserts"), ("b", "q", "denies")],
            propositions={"p": {"contradicts": ["q"]}},
        )
        assert [c.propositions for c in cg.contradictions(g)] == [("q",)]
        assert cg.contradictions(g, proposition="p") == []


class TestInconsistencies:
    def test_reversal_earlier_group_first(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a2", "p", "denies", "2025-11-02"), ("a1", "p", "asserts", "2025-10")],
            members={"a1": "a", "a2": "a"},
        )
        [c] = cg.contradictions(g)
        assert (c.kind, c.basis, c.sides) == ("inconsistency", "opposite_stances", ("a",))
        first, later = c.groups
        assert (first.stance, first.first_said) == ("asserts", "2025-10")
        assert (later.stance, later.first_said) == ("denies", "2025-11-02")
        assert c.explanation == (
            "A asserted “Proposition p” (2025-10) and later denied it (2025-11-02)."
        )
        assert c.dates == ("2025-10", "2025-11-02")
        assert ids(c.statements) == [first.statements[0].id, later.statements[0].id]

    def test_denial_first(self, tiny_graph: Builder) -> None:
        g = tiny_graph([("a", "p", "denies", "2025-01"), ("a", "p", "asserts", "2025-06")])
        [c] = cg.contradictions(g)
        assert [grp.stance for grp in c.groups] == ["denies", "asserts"]
        assert c.explanation.startswith("A denied")

    def test_dispute_and_inconsistency_together(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [
                ("a", "p", "asserts", "2025-01"),
                ("a", "p", "denies", "2025-02"),
                ("b", "p", "denies", "2025-03"),
            ]
        )
        found = cg.contradictions(g)
        assert [(c.kind, c.sides) for c in found] == [
            ("dispute", ("a", "b")),
            ("inconsistency", ("a",)),
        ]
        assert [c.kind for c in cg.contradictions(g, kind="inconsistency")] == ["inconsistency"]
        assert [c.kind for c in cg.contradictions(g, kind="dispute")] == ["dispute"]

    def test_exclusive_inconsistency(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a", "q", "asserts", "2025-05"), ("a", "p", "asserts", "2025-01")],
            propositions={"p": {"contradicts": ["q"]}},
        )
        [c] = cg.contradictions(g)
        assert (c.kind, c.basis, c.propositions) == ("inconsistency", "exclusive", ("p", "q"))
        assert "asserted both" in c.explanation

    def test_exclusive_inconsistency_puts_the_earlier_proposition_first(
        self, tiny_graph: Builder
    ) -> None:
        g = tiny_graph(
            [("a", "p", "asserts", "2025-05"), ("a", "q", "asserts", "2025-01")],
            propositions={"p": {"contradicts": ["q"]}},
        )
        [c] = cg.contradictions(g)
        assert [grp.proposition for grp in c.groups] == ["q", "p"]
        assert c.propositions == ("q", "p")
        assert c.texts == ("Proposition q.", "Proposition p.")


class TestImpliedClashes:
    """``contradictions(implied=True)``: clashes through ``implies`` chains."""

    CHAINS: ClassVar[dict[str, dict[str, list[str]]]] = {  # PA ⇒ X, PPB ⇒ PB ⇒ Y, X ⊥ Y
        "x": {"contradicts": ["y"]},
        "y": {},
        "pa": {"implies": ["x"]},
        "pb": {"implies": ["y"]},
        "ppb": {"implies": ["pb"]},
    }

    def test_premises_of_exclusive_propositions_clash(self, tiny_graph: Builder) -> None:
        g = tiny_graph([("a", "pa", "asserts"), ("b", "pb", "asserts")], propositions=self.CHAINS)
        assert cg.contradictions(g) == []  # off by default: what the graph declares
        [c] = cg.contradictions(g, implied=True)
        assert (c.kind, c.basis, c.propositions, c.sides) == (
            "dispute",
            "implied_exclusive",
            ("pa", "pb"),
            ("a", "b"),
        )
        assert c.via == (("pa", "x"), ("pb", "y"))
        assert [(grp.stance, grp.proposition) for grp in c.groups] == [
            ("asserts", "pa"),
            ("asserts", "pb"),
        ]
        assert c.explanation == (
            "A asserts “Proposition pa”, which implies “Proposition x”, while B asserts"
            " “Proposition pb”, which implies “Proposition y”; “Proposition x” and"
            " “Proposition y” cannot both be true."
        )
        assert c.to_dict()["via"] == [["pa", "x"], ["pb", "y"]]

    def test_a_premise_clashes_with_the_other_exclusive_proposition(
        self, tiny_graph: Builder
    ) -> None:
        g = tiny_graph([("a", "pa", "asserts"), ("b", "y", "asserts")], propositions=self.CHAINS)
        [c] = cg.contradictions(g, implied=True)
        assert (c.basis, c.propositions, c.via) == (
            "implied_exclusive",
            ("pa", "y"),
            (("pa", "x"), ()),
        )
        assert c.explanation == (
            "A asserts “Proposition pa”, which implies “Proposition x”, while B asserts"
            " “Proposition y”; “Proposition x” and “Proposition y” cannot both be true."
        )

    def test_long_chains_are_followed_and_worded(self, tiny_graph: Builder) -> None:
        g = tiny_graph([("a", "pa", "asserts"), ("b", "ppb", "asserts")], propositions=self.CHAINS)
        [c] = cg.contradictions(g, implied=True)
        assert c.via == (("pa", "x"), ("ppb", "pb", "y"))
        assert "“Proposition ppb”, which implies “Proposition pb”, which implies" in c.explanation

    def test_the_declared_clashes_are_unchanged(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [
                ("a", "pa", "asserts"),
                ("b", "pb", "asserts"),
                ("a", "x", "asserts"),
                ("b", "y", "asserts"),
                ("b", "x", "denies"),
            ],
            propositions=self.CHAINS,
        )
        plain = cg.contradictions(g)
        both = cg.contradictions(g, implied=True)
        assert [c for c in both if c.basis != "implied_exclusive"] == plain
        assert all(c.via == ((), ()) for c in plain if c.basis != "implication")
        # x ⊥ y declared: exclusive, never implied_exclusive as well
        assert [c.basis for c in both if set(c.propositions) == {"x", "y"}] == ["exclusive"]
        implied = {c.propositions for c in both if c.basis == "implied_exclusive"}
        assert implied == {("pa", "pb"), ("pa", "y"), ("pb", "x")}

    def test_denials_clash_through_no_exclusion(self, tiny_graph: Builder) -> None:
        g = tiny_graph([("a", "pa", "asserts"), ("b", "y", "denies")], propositions=self.CHAINS)
        assert cg.contradictions(g, implied=True) == []  # a and not-b may both hold
        g = tiny_graph([("a", "pa", "denies"), ("b", "pb", "denies")], propositions=self.CHAINS)
        assert cg.contradictions(g, implied=True) == []

    def test_an_inconsistency_through_chains_earlier_first(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a", "pb", "asserts", "2025-05"), ("a", "pa", "asserts", "2025-01")],
            propositions=self.CHAINS,
        )
        [c] = cg.contradictions(g, implied=True)
        assert (c.kind, c.propositions, c.via) == (
            "inconsistency",
            ("pa", "pb"),
            (("pa", "x"), ("pb", "y")),
        )
        g = tiny_graph(
            [("a", "pb", "asserts", "2025-01"), ("a", "pa", "asserts", "2025-05")],
            propositions=self.CHAINS,
        )
        [c] = cg.contradictions(g, implied=True)
        assert (c.propositions, c.via) == (("pb", "pa"), (("pb", "y"), ("pa", "x")))
        assert c.explanation == (
            "A asserted “Proposition pb” (2025-01), which implies “Proposition y”, and"
            " “Proposition pa” (2025-05), which implies “Proposition x”; “Proposition y”"
            " and “Proposition x” cannot both be true."
        )

    def test_cycles_and_self_clashing_premises(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a", "pa", "asserts"), ("b", "pb", "asserts"), ("c", "both", "asserts")],
            propositions={
                "x": {"contradicts": ["y"]},
                "y": {},
                "pa": {"implies": ["qa"]},
                "qa": {"implies": ["pa", "x"]},  # pa ⇔ qa
                "pb": {"implies": ["pb", "y"]},  # implies itself
                "both": {"implies": ["x", "y"]},  # clashes with itself: left out
            },
        )
        found = cg.contradictions(g, implied=True)
        assert [(c.propositions, c.via) for c in found if c.sides == ("a", "b")] == [
            (("pa", "pb"), (("pa", "qa", "x"), ("pb", "y")))
        ]
        assert {c.propositions for c in found} == {("pa", "pb"), ("both", "pa"), ("both", "pb")}

    def test_the_shortest_chain_is_kept(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a", "p", "asserts"), ("b", "q", "asserts")],
            propositions={
                "x": {"contradicts": ["y"]},
                "u": {"contradicts": ["v"]},
                "y": {},
                "v": {},
                "p": {"implies": ["m", "u"]},
                "m": {"implies": ["x"]},
                "q": {"implies": ["y", "v"]},
            },
        )
        [c] = cg.contradictions(g, implied=True)
        assert c.via == (("p", "u"), ("q", "v"))

    def test_filters(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a", "pa", "asserts", "2025-01"), ("b", "pb", "asserts", "2025-06")],
            propositions=self.CHAINS,
        )
        assert len(cg.contradictions(g, implied=True, proposition="pa")) == 1
        assert cg.contradictions(g, implied=True, proposition="x") == []  # on the chain only
        assert cg.contradictions(g, implied=True, kind="inconsistency") == []
        assert len(cg.contradictions(g, implied=True, between=("b", "a"))) == 1
        assert cg.contradictions(g, implied=True, since="2025-03") == []

    def test_implication_chains_are_worded_and_in_order(self, tiny_graph: Builder) -> None:
        props = {"p": {"implies": ["m"]}, "m": {"implies": ["q"]}}
        g = tiny_graph([("a", "p", "asserts"), ("b", "q", "denies")], propositions=props)
        [c] = cg.contradictions(g)
        assert c.via == (("p", "m", "q"), ())
        assert c.explanation == (
            "A asserts “Proposition p”, which implies “Proposition m”, which implies"
            " “Proposition q”; B denies it."
        )
        # one side denied q before asserting p: the denial first, and said so
        g = tiny_graph(
            [("a", "q", "denies", "2025-01"), ("a", "p", "asserts", "2025-02")],
            propositions=props,
        )
        [c] = cg.contradictions(g)
        assert [grp.stance for grp in c.groups] == ["denies", "asserts"]
        assert c.via == ((), ("p", "m", "q"))
        assert c.explanation == (
            "A denied “Proposition q” (2025-01) and later asserted “Proposition p”"
            " (2025-02), which implies “Proposition m”, which implies it."
        )

    def test_the_report_shows_them_on_request(self, tiny_graph: Builder) -> None:
        g = tiny_graph([("a", "pa", "asserts"), ("b", "pb", "asserts")], propositions=self.CHAINS)
        assert "DISPUTES (0)" in cg.report(g)
        text = cg.report(g, implied=True)
        assert "DISPUTES (1)" in text and "which implies “Proposition x”" in text
        [d] = cg.report_data(g, implied=True)["disputes"]
        assert (d["basis"], d["via"]) == ("implied_exclusive", [["pa", "x"], ["pb", "y"]])


class TestFilters:
    def test_between(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [
                ("a", "p", "asserts"),
                ("b", "p", "denies"),
                ("c", "q", "asserts"),
                ("b", "q", "denies"),
            ]
        )
        assert len(cg.contradictions(g)) == 2
        assert [c.propositions for c in cg.contradictions(g, between=("a", "b"))] == [("p",)]
        assert [c.propositions for c in cg.contradictions(g, between=("b", "c"))] == [("q",)]
        assert cg.contradictions(g, between=("a", "c")) == []

    def test_date_range(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [
                ("a", "p", "asserts", "2025-09"),
                ("b", "p", "denies", "2025-11-03"),
                ("a", "q", "asserts", "2025-10"),
                ("b", "q", "denies"),  # undated: outside every range
            ]
        )
        assert len(cg.contradictions(g)) == 2
        assert cg.contradictions(g, since="2025-10") == []
        assert [c.propositions for c in cg.contradictions(g, until="2025-12")] == [("p",)]
        # a month overlaps a range that starts on its last day
        assert [c.propositions for c in cg.contradictions(g, since="2025-09-30")] == [("p",)]
        assert cg.contradictions(g, since="2025-09-30", until="2025-11-02") == []
        found = cg.contradictions(g, since="2025-09-15", until="2025-11-03")
        assert [c.dates for c in found] == [("2025-09", "2025-11-03")]

    def test_k_by_m_is_one_group(self, tiny_graph: Builder) -> None:
        k, m = 7, 11
        g = tiny_graph(
            [("a", "p", "asserts", f"2025-01-{i:02d}", f"yes{i}") for i in range(1, k + 1)]
            + [("b", "p", "denies", f"2025-02-{i:02d}", f"no{i}") for i in range(1, m + 1)]
        )
        [c] = cg.contradictions(g)
        yes, no = c.groups
        assert (len(yes.statements), len(no.statements)) == (k, m)
        assert len(c.statements) == k + m
        assert ids(yes.statements) == [f"yes{i}" for i in range(1, k + 1)]  # by date said
        assert c.dates == ("2025-01-01", f"2025-02-{m:02d}")

    def test_larger_disputes_come_first(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a", "p", "asserts"), ("b", "p", "denies")]
            + [("a", "q", "asserts", f"2025-0{i}") for i in range(1, 4)]
            + [("b", "q", "denies")]
        )
        assert [c.propositions for c in cg.contradictions(g)] == [("q",), ("p",)]


class TestAgreements:
    def test_denied_by_anyone_is_not_common_ground(self, tiny_graph: Builder) -> None:
        g = tiny_graph([("a", "p", "asserts"), ("b", "p", "asserts"), ("c", "p", "denies")])
        assert cg.agreements(g) == []
        g = tiny_graph([("a", "p", "asserts"), ("b", "p", "asserts"), ("a", "p", "denies")])
        assert cg.agreements(g) == []

    def test_three_sides(self, tiny_graph: Builder) -> None:
        g = tiny_graph([("a", "p", "asserts"), ("b", "p", "asserts"), ("c", "p", "asserts")])
        [a] = cg.agreements(g)
        assert a.sides == ("a", "b", "c")
        assert a.explanation == "A, B and C all assert “Proposition p”; no side denies it."
        assert cg.agreements(g, min_sides=4) == []

    def test_members_of_one_side_are_not_an_agreement(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a1", "p", "asserts"), ("a2", "p", "asserts")], members={"a1": "a", "a2": "a"}
        )
        assert cg.agreements(g) == []
        assert [a.sides for a in cg.agreements(g, min_sides=1)] == [("a",)]

    def test_an_asserted_exclusive_proposition_contests_it(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a", "p", "asserts"), ("b", "p", "asserts"), ("c", "q", "asserts")],
            propositions={"q": {"contradicts": ["p"]}},
        )
        assert cg.agreements(g) == []

    def test_a_denied_implication_contests_it(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [("a", "p", "asserts"), ("b", "p", "asserts"), ("c", "q", "denies")],
            propositions={"p": {"implies": ["q"]}},
        )
        assert [c.propositions for c in cg.contradictions(g)] == [("p", "q")]
        assert cg.agreements(g) == []


class TestStatementIndexes:
    def test_until_keeps_any_id(self, tiny_graph: Builder) -> None:
        g = tiny_graph([("a", "p", "asserts", "2025-10-05", "\U0001f600-said")])
        assert ids(cg.statements(g, until="2025-10-05")) == ["\U0001f600-said"]

    def test_until_keeps_statements_on_the_last_day(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [
                ("a", "p", "asserts", "2025-10-05", "zz"),
                ("a", "p", "asserts", "2025-10-06", "aa"),
                ("a", "p", "asserts", "2024", "year"),
                ("a", "p", "asserts", "2025-10-05T23:00Z", "late"),
            ]
        )
        assert set(ids(cg.statements(g, until="2025-10-05"))) == {"zz", "year", "late"}
        assert set(ids(cg.statements(g, since="2024-12-31", until="2025-10-05"))) == {
            "zz",
            "year",
            "late",
        }
        assert set(ids(cg.statements(g, since="2025-10-06"))) == {"aa"}

    def test_timeline_sorts_partial_dates(self, tiny_graph: Builder) -> None:
        g = tiny_graph(
            [
                ("a", "p", "asserts", None, "undated"),
                ("a", "p", "asserts", "2025-10-19", "day"),
                ("a", "p", "asserts", "2025", "year"),
                ("a", "p", "asserts", "2025-10", "month"),
                ("a", "p", "asserts", "2024-12-31", "before"),
            ]
        )
        assert ids(cg.timeline(g, proposition="p")) == ["before", "year", "month", "day", "undated"]


# ------------------------------------------------------------ unknown filter values
UNKNOWN_VALUES = [
    ("statements", {"kind": "accussation"}, "did you mean 'accusation'"),
    ("statements", {"stance": "deny"}, "did you mean 'denies'"),
    ("timeline", {"kind": ["demand", "offr"]}, "did you mean 'offer'"),
    ("statements", {"side": "pk-defense-minister"}, "is not a side"),
    ("agreements", {"side": "pk-defense-minister"}, "is not a side"),
    ("contradictions", {"between": ("pakistan", "pk-government")}, "is not a side"),
    ("contradictions", {"kind": "disput"}, "did you mean 'dispute'"),
]


@pytest.mark.parametrize(("query", "filters", "words"), UNKNOWN_VALUES)
def test_unknown_filter_values_raise_the_same_error_on_both_backends(
    example_graph: cg.ClaimGraph, query: str, filters: dict[str, object], words: str
) -> None:
    from claimgraph.store import Store

    messages = []
    with Store(":memory:") as store:
        store.add_all(example_graph)
        for backend in (example_graph, store):
            with pytest.raises(cg.InvalidArgumentError, match=words) as exc:
                getattr(backend, query)(**filters)
            messages.append(str(exc.value))
    assert messages[0] == messages[1]  # the same words, whatever answered


def test_reversals_refuse_a_member_as_a_side_in_the_same_words(
    example_graph: cg.ClaimGraph,
) -> None:
    from claimgraph.reversals import reversals

    with pytest.raises(cg.InvalidArgumentError) as a:
        reversals(example_graph, side="pk-defense-minister")
    with pytest.raises(cg.InvalidArgumentError) as b:
        example_graph.statements(side="pk-defense-minister")
    assert str(a.value) == str(b.value)
    assert "(it belongs to 'pakistan')" in str(a.value)
