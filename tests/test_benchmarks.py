"""The benchmark corpus generator and a small smoke run of the benchmark runner.

No timing assertions here: the figures belong in the runner's output, not in the tests. These
only keep the benchmarks from rotting and check that the corpus has what it claims to have.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import claimgraph as cg  # noqa: E402
from benchmarks import generate as gen  # noqa: E402
from benchmarks import run  # noqa: E402

N = 2000


@pytest.fixture(scope="module")
def sections() -> dict:
    return gen.generate_dicts(N, seed=7)


@pytest.fixture(scope="module")
def graph(sections: dict) -> cg.ClaimGraph:
    return cg.ClaimGraph(gen.records_from_dicts(sections))


# ----------------------------------------------------------------------------- generator
def test_generator_is_deterministic_for_a_seed() -> None:
    a = gen.generate_dicts(500, seed=3)
    b = gen.generate_dicts(500, seed=3)
    c = gen.generate_dicts(500, seed=4)
    assert json.dumps(a) == json.dumps(b)
    assert json.dumps(a) != json.dumps(c)
    assert gen.generate(300, seed=1) == gen.generate(300, seed=1)


def test_proportions_follow_the_issue(sections: dict) -> None:
    assert {k: len(v) for k, v in sections.items()} == gen.corpus_counts(N)
    assert gen.corpus_counts(1_000_000) == {
        "actors": 10_000,
        "sources": 100_000,
        "propositions": 200_000,
        "statements": 1_000_000,
    }


def test_records_load_into_a_graph_without_errors(sections: dict, graph: cg.ClaimGraph) -> None:
    assert len(graph.statement_records) == N
    assert len(graph.actors) == len(sections["actors"])
    assert len(graph.sources) == len(sections["sources"])
    assert len(graph.propositions) == len(sections["propositions"])
    # every proposition has at least one statement
    assert all(graph.statements_about(p) for p in graph.propositions)


def test_native_file_round_trips(sections: dict, graph: cg.ClaimGraph, tmp_path: Path) -> None:
    path = gen.write_native_json(sections, tmp_path / "corpus.json", title="t")
    assert cg.validate(path) == []
    assert cg.load(path) == graph
    cg.save(graph, tmp_path / "saved.json")
    assert cg.load(tmp_path / "saved.json") == graph


def test_actors_form_membership_chains(graph: cg.ClaimGraph) -> None:
    sides = graph.sides()
    assert 3 <= len(sides) <= 8
    depth = Counter()
    for a in graph.actors:
        d, cur = 0, graph.actors[a]
        while cur.member_of:
            d += 1
            cur = graph.actors[cur.member_of[0]]
        depth[d] += 1
    # person → office → government → state: chains of length 3 are the common case
    assert depth[3] == max(depth.values())
    assert {0, 1, 2, 3} <= set(depth)
    kinds = Counter(a.kind for a in graph.actors.values())
    assert {"state", "government", "office", "person"} <= set(kinds)


def test_sources_have_derivation_chains_and_wire_reprints(graph: cg.ClaimGraph) -> None:
    srcs = graph.sources
    wires = [s for s in srcs.values() if s.kind == "wire"]
    assert wires
    reprints = Counter(d for s in srcs.values() for d in s.derived_from if srcs[d].kind == "wire")
    assert reprints and all(2 <= k <= 6 for k in reprints.values())
    # a wire story and its reprints report the same statements
    copied = [
        st
        for st in graph.statement_records.values()
        if any(srcs[r.source].derived_from for r in st.reports)
    ]
    assert copied
    # rewrite chains: an article derived from an article (not a wire story)
    assert any(s.derived_from and srcs[s.derived_from[0]].kind != "wire" for s in srcs.values())


def test_propositions_declare_exclusions_and_implications(graph: cg.ClaimGraph) -> None:
    props = graph.propositions.values()
    assert any(p.contradicts for p in props)
    assert any(p.implies for p in props)
    bases = Counter(c.basis for c in graph.contradictions())
    assert bases["opposite_stances"] > 0
    assert bases["exclusive"] > 0


def test_about_a_fifth_of_propositions_are_contested(graph: cg.ClaimGraph) -> None:
    contested = 0
    for p in graph.propositions:
        stmts = graph.statements_about(p)
        yes = {graph.side(s.actor) for s in stmts if s.stance == "asserts"}
        no = {graph.side(s.actor) for s in stmts if s.stance == "denies"}
        if yes and no and len(yes | no) > 1:
            contested += 1
    share = contested / len(graph.propositions)
    assert abs(share - gen.CONTESTED) < 0.05, share


def test_dates_are_partial_with_all_three_precisions(graph: cg.ClaimGraph) -> None:
    lengths = Counter(len(s.said) if s.said else 0 for s in graph.statement_records.values())
    assert lengths[4] and lengths[7] and lengths[10]
    assert lengths[0]  # some undated ones too
    assert lengths[10] > lengths[7] > lengths[4]


def test_reversals_quotes_responses_and_agreements(graph: cg.ClaimGraph) -> None:
    kinds = Counter(c.kind for c in graph.contradictions())
    assert kinds["dispute"] > 0
    assert kinds["inconsistency"] > 0  # one side asserting and later denying
    stmts = list(graph.statement_records.values())
    assert any(s.quotes for s in stmts)
    assert any(s.responds_to for s in stmts)
    assert sum(1 for s in stmts if s.quotes) < len(stmts)
    assert graph.agreements()
    reps = Counter(len(s.reports) for s in stmts)
    assert reps[1] and reps[2] and reps[3]


# ----------------------------------------------------------------------------- runner
def test_runner_smoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_json = tmp_path / "bench.json"
    result = run.main(["--sizes", "1000", "2000", "--repeat", "1", "--json", str(out_json)])
    printed = capsys.readouterr().out
    assert json.loads(out_json.read_text())["sizes"][0]["n"] == 1000
    assert [r["n"] for r in result["sizes"]] == [1000, 2000]
    for res in result["sizes"]:
        assert set(res["ops"]) == set(run.OPERATIONS)
        for key, op in res["ops"].items():
            if key.startswith("rss_"):
                assert op["peak"] > 0 and op["baseline_peak"] > 0, key
            else:
                assert op["time"] is not None and op["baseline"] is not None, key
            assert op["ratio"] is not None and op["ratio"] > 0, key
        assert "GRAPHS DIFFER" not in res["ops"]["load"]["note"]
    for label, *_ in run.OPERATIONS.values():
        assert label in printed
    assert "PASS" in printed or "MISS" in printed
    assert "scaling" in printed
    assert {g["op"] for g in result["scaling"]} >= {"build", "contradictions"}


def test_runner_only_selects_operations() -> None:
    assert run._selected("build,statements") == [
        "build",
        "build_gc",
        "statements_actor",
        "statements_side",
        "statements_proposition",
        "statements_dates",
    ]
    assert run._selected("queries,rss")[-2:] == ["rss_build", "rss_load"]
    assert run._selected(None) == list(run.OPERATIONS)
    with pytest.raises(SystemExit):
        run._selected("nonsense")


def test_contradictions_are_ranked_by_kind_size_propositions_sides(graph: cg.ClaimGraph) -> None:
    found = graph.contradictions()
    assert len({c.kind for c in found}) == 2 and len({c.size for c in found}) > 3
    assert found == sorted(
        found, key=lambda c: (c.kind != "dispute", -c.size, c.propositions, c.sides, c.basis)
    )
    # and so are the filtered answers, which take the same path
    some = found[0].sides[:2]
    if len(some) == 2:
        between = graph.contradictions(between=(some[0], some[1]))
        assert between == sorted(
            between, key=lambda c: (c.kind != "dispute", -c.size, c.propositions, c.sides, c.basis)
        )


def test_withdrawals_bench_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import withdrawals_bench

    results = withdrawals_bench.main(["--statements", "600", "--repeat", "1", "--share", "0.2"])
    assert set(results) == {"none withdrawn", "20% withdrawn"}
    out = capsys.readouterr().out
    assert "contradictions as_of" in out and "store" in out
    # the corpus it times does hold withdrawn statements, and they change the answer
    some = withdrawals_bench.withdraw(gen.generate(600, seed=0), 0.2)
    g = cg.ClaimGraph(some)
    assert 60 < len(cg.statements(g, withdrawn="only")) < 180
    assert cg.contradictions(g) != cg.contradictions(g, withdrawn=True)
