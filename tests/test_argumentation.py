"""Argumentation semantics: the ASPARTIX/ICCMA conformance suite, the attack graph, results."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_data import require, shared

import claimgraph as cg
from claimgraph import argumentation as arg
from claimgraph.argumentation import ArgumentationFramework

SUITE = shared("data", "aspartix-iccma-af-tests", "aspartix", "tests")

# test-instances/<dir> and insts/solutions/<name>.<TASK> → our semantics
DIRS = {
    "grounded": "grounded",
    "com": "complete",
    "pref": "preferred",
    "stable": "stable",
    "semi": "semi-stable",
    "stage": "stage",
    "ideal": "ideal",
}
TASKS = {
    "SE-GR": "grounded",
    "EE-CO": "complete",
    "EE-PR": "preferred",
    "EE-ST": "stable",
    "EE-SST": "semi-stable",
    "EE-STG": "stage",
    "SE-ID": "ideal",
}
SINGLE = {"grounded", "ideal"}  # some answer files hold one bare extension


def _parse_lists(text: str) -> list[object]:
    """Nested bracket lists of bare tokens, e.g. ``[[a1,a2],[]]``."""
    stack: list[list[object]] = [[]]
    for tok in re.findall(r"\[|\]|[^,\[\]\s]+", text):
        if tok == "[":
            stack.append([])
        elif tok == "]":
            done = stack.pop()
            stack[-1].append(done)
        else:
            stack[-1].append(tok)
    return stack[0]


def _cases() -> list[tuple[str, str, str]]:
    """(instance path, semantics, answer path) for every answer the suite provides."""
    if not SUITE.is_dir():
        return []
    cases = []
    for d, sem in DIRS.items():
        for sols in sorted((SUITE / "test-instances" / d).glob("*.apx.sols")):
            cases.append((str(sols.with_suffix("")), sem, str(sols)))
    for sol in sorted((SUITE / "insts" / "solutions").iterdir()):
        name, _, task = sol.name.rpartition(".")
        inst = SUITE / "insts" / "apx" / f"{name}.apx"
        if task in TASKS:
            cases.append((str(inst), TASKS[task], str(sol)))
        elif task == "D3":  # grounded, then all stable, then all preferred, on one line
            for sem in ("grounded", "stable", "preferred"):
                cases.append((str(inst), sem, f"{sol}#D3"))
    return cases


CASES = _cases()


def _expected(answer: str, semantics: str) -> set[frozenset[str]]:
    path, _, part = answer.partition("#")
    parsed = _parse_lists(Path(path).read_text())
    if part == "D3":
        grounded, stable, preferred = parsed
        assert isinstance(grounded, list) and isinstance(stable, list)
        assert isinstance(preferred, list)
        data = {"grounded": grounded, "stable": stable, "preferred": preferred}[semantics]
    else:
        [data] = parsed
        if semantics in SINGLE and not (
            isinstance(data, list) and data and isinstance(data[0], list)
        ):
            data = [data]  # SE-GR/SE-ID files hold one bare extension
    assert isinstance(data, list)
    return {frozenset(str(a) for a in ext) for ext in data if isinstance(ext, list)}


def test_conformance_suite_is_present() -> None:
    """Without the suite the parametrised tests below have no cases; in CI that fails here."""
    require(SUITE)
    assert len(CASES) > 100


@pytest.mark.parametrize(
    ("instance", "semantics", "answer"),
    CASES,
    ids=[f"{Path(i).stem}-{s}-{Path(a).name}" for i, s, a in CASES] or None,
)
def test_conformance(instance: str, semantics: str, answer: str) -> None:
    af = ArgumentationFramework.read(instance)
    got = {frozenset(e) for e in af.extensions(semantics)}
    assert got == _expected(answer, semantics)


def test_conformance_acceptance_agrees_with_extensions() -> None:
    af = ArgumentationFramework.read(require(SUITE) / "insts" / "apx" / "cred-vs-skept.apx")
    for sem in ("preferred", "stable", "complete"):
        exts = af.extensions(sem)
        for a in af.arguments:
            fresh = ArgumentationFramework(af.arguments, af.attacks)  # no cache
            assert fresh.is_credulously_accepted(a, sem) == any(a in e for e in exts)
            assert af.is_sceptically_accepted(a, sem) == all(a in e for e in exts)


# ------------------------------------------------------------------ brute force on small AFs
def _brute(args: list[str], atts: set[tuple[str, str]]) -> dict[str, set[frozenset[str]]]:
    def attacks(s: frozenset[str], b: str) -> bool:
        return any((a, b) in atts for a in s)

    def defended(s: frozenset[str], a: str) -> bool:
        return all(attacks(s, b) for b in args if (b, a) in atts)

    cf = [
        frozenset(c)
        for r in range(len(args) + 1)
        for c in itertools.combinations(args, r)
        if not any((x, y) in atts for x in c for y in c)
    ]
    adm = [s for s in cf if all(defended(s, a) for a in s)]
    co = {s for s in adm if all(a in s for a in args if defended(s, a))}
    pr = {s for s in co if not any(s < t for t in co)}
    st = {s for s in cf if all(a in s or attacks(s, a) for a in args)}
    rng = {s: s | {b for b in args if attacks(s, b)} for s in cf}
    stg = {s for s in cf if not any(rng[s] < rng[t] for t in cf)}
    return {
        "complete": co,
        "preferred": pr,
        "stable": st,
        "stage": stg,
        "grounded": {min(co, key=len)},
    }


def test_random_frameworks_match_brute_force() -> None:
    import random

    rnd = random.Random(7)  # noqa: S311 - reproducible test data, not crypto
    for _ in range(150):
        n = rnd.randint(1, 7)
        args = [f"a{i}" for i in range(n)]
        atts = {(a, b) for a in args for b in args if rnd.random() < 0.25}
        af = ArgumentationFramework(args, atts)
        want = _brute(args, atts)
        for sem, exts in want.items():
            assert {frozenset(e) for e in af.extensions(sem)} == exts, (args, atts, sem)


def test_self_attack_and_no_stable_extension() -> None:
    af = ArgumentationFramework(["a", "b"], [("a", "a"), ("a", "b")])
    assert af.grounded() == frozenset()
    assert af.stable() == []
    assert af.preferred() == [frozenset()]
    # with no stable extension, sceptical acceptance is vacuous
    assert af.is_sceptically_accepted("b", "stable")
    assert not af.is_credulously_accepted("b", "stable")


def test_apx_and_tgf_round_trip(tmp_path: Path) -> None:
    af = ArgumentationFramework(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "c")])
    for suffix in ("apx", "tgf"):
        p = tmp_path / f"af.{suffix}"
        af.write(p)
        back = ArgumentationFramework.read(p)
        assert back.arguments == af.arguments and back.attacks == af.attacks


def test_bad_apx_names_the_line() -> None:
    with pytest.raises(cg.FileFormatError) as exc:
        ArgumentationFramework.from_apx("arg(a).\natt(a,z).\nfoo\n", path="x.apx")
    lines = sorted(e.line for e in exc.value.errors if e.line is not None)
    assert lines == [2, 3]
    with pytest.raises(cg.InvalidDataError, match="unknown argument"):
        ArgumentationFramework(["a"], [("a", "b")])
    with pytest.raises(cg.InvalidDataError, match="semantics"):
        ArgumentationFramework(["a"]).extensions("naive")


def test_failed_write_leaves_no_file(tmp_path: Path) -> None:
    af = ArgumentationFramework(["has space"])
    with pytest.raises(cg.InvalidDataError):
        af.write(tmp_path / "af.tgf")
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ claim graphs
def _graph() -> cg.ClaimGraph:
    g = cg.ClaimGraph()
    for a in ("x", "y"):
        g.add_actor(id=a, name=a.upper())
    g.add_proposition(id="q", text="Q holds.")
    g.add_proposition(id="p", text="P holds.", implies=["q"])
    g.add_proposition(id="r", text="R holds.", contradicts=["q"])
    g.add_proposition(id="z", text="Z holds.")
    g.add_statement(id="x-p", actor="x", proposition="p")
    g.add_statement(id="x-q", actor="x", proposition="q")
    g.add_statement(id="y-not-q", actor="y", proposition="q", stance="denies")
    g.add_statement(id="y-r", actor="y", proposition="r")
    g.add_statement(id="y-z", actor="y", proposition="z")
    g.add_statement(id="y-rejects", actor="y", proposition="z", kind="rejection",
                    responds_to=["x-p"])  # fmt: skip
    return g


def test_attack_graph_bases() -> None:
    ag = arg.attack_graph(_graph())
    r = ag.reasons
    assert "opposite_stances" in r[("x-q", "y-not-q")] and ("y-not-q", "x-q") in r
    assert "exclusive" in r[("x-q", "y-r")] and "exclusive" in r[("y-r", "x-q")]
    assert "implication" in r[("x-p", "y-not-q")] and "implication" in r[("y-not-q", "x-p")]
    assert r[("y-rejects", "x-p")] == ("response",)
    assert ("x-p", "y-rejects") not in r  # a response attacks one way
    # x-p supports x-q (p implies q): x-q's attack on y-r is also x-p's, and y-r attacks x-p
    assert r[("x-p", "y-r")] == ("support",) and r[("y-r", "x-p")] == ("support",)
    assert not any("y-z" in pair for pair in r)  # uncontested
    assert set(ag.arguments) == set(_graph().statement_records)


def test_acceptance_result() -> None:
    res = arg.acceptance(_graph(), semantics=("grounded", "preferred", "stable"))
    assert res["y-z"].grounded == "in" and res["y-rejects"].grounded == "in"
    assert res["x-p"].grounded == "out"  # attacked by the unattacked rejection
    assert res["x-q"].sceptical["preferred"] is False
    d = res.to_dict()
    assert {s["statement"] for s in d["statements"]} == set(_graph().statement_records)
    assert "grounded in=" in repr(res)
    with pytest.raises(cg.NotFoundError):
        res["nope"]
    with pytest.raises(cg.InvalidDataError):
        arg.acceptance(_graph(), semantics=["bogus"])


def test_html_escapes_user_text() -> None:
    g = _graph()
    g.update("z", text="<b>Z</b> & co.")
    out = arg.acceptance(g)._repr_html_()
    assert "<b>Z</b>" not in out and html.escape("<b>Z</b> & co.") in out
    assert "<table>" in arg.attack_graph(g)._repr_html_()


def test_example_attack_graph_is_what_apx_exports() -> None:
    from claimgraph.formats import apx

    g = cg.load(cg.example_path())
    assert apx.attacks(g) == list(arg.attack_graph(g).attacks)


# ------------------------------------------------------------------ bipolar closure (issue 14)
def _bipolar() -> cg.ClaimGraph:
    """PA ⇒ A, PB ⇒ B, A ⊥ B; each asserted by a different side."""
    g = cg.ClaimGraph()
    for a in ("x", "y"):
        g.add_actor(id=a, name=a.upper())
    g.add_proposition(id="b", text="B holds.")
    g.add_proposition(id="a", text="A holds.", contradicts=["b"])
    g.add_proposition(id="pa", text="PA holds.", implies=["a"])
    g.add_proposition(id="pb", text="PB holds.", implies=["b"])
    g.add_statement(id="x-a", actor="x", proposition="a")
    g.add_statement(id="y-b", actor="y", proposition="b")
    g.add_statement(id="x-pa", actor="x", proposition="pa")
    g.add_statement(id="y-pb", actor="y", proposition="pb")
    return g


def test_premises_of_exclusive_claims_attack_each_other() -> None:
    ag = arg.attack_graph(_bipolar())
    pair = frozenset({"x-pa", "y-pb"})
    assert all(not pair <= e for e in ag.stable())  # the reproduction
    assert all(not pair <= e for e in ag.preferred())
    assert ag.reasons[("x-pa", "y-pb")] == ("support",)
    assert ag.reasons[("y-pb", "x-pa")] == ("support",)
    assert {frozenset(e) for e in ag.stable()} == {
        frozenset({"x-a", "x-pa"}),
        frozenset({"y-b", "y-pb"}),
    }
    kinds = {k: ag.chains[k].kind for k in ag.chains}
    assert kinds[("x-pa", "y-b")] == "supported"  # PA entails A, which excludes B
    assert kinds[("x-a", "y-pb")] == "mediated"  # A excludes B, which PB entails
    assert kinds[("x-pa", "y-pb")] == "super-mediated"
    chain = ag.chains[("x-pa", "y-pb")]
    assert chain.attack == ("x-a", "y-b") and chain.basis == ("exclusive",)
    assert chain.attacker_chain == ("pa", "a") and chain.attacked_chain == ("pb", "b")
    text = ag.explain("x-pa", "y-pb")
    assert "pa, which implies a" in text and "x-a attacks y-b (exclusive)" in text
    row = next(
        r for r in ag.to_dict()["attacks"] if (r["attacker"], r["attacked"]) == ("x-pa", "y-pb")
    )
    assert row["chain"]["kind"] == "super-mediated"
    with pytest.raises(cg.NotFoundError):
        ag.explain("x-pa", "x-a")


def test_long_implication_chains_are_followed_and_shown() -> None:
    g = _bipolar()
    g.add_proposition(id="ppa", text="PPA holds.", implies=["pa"])
    g.add_statement(id="x-ppa", actor="x", proposition="ppa")
    ag = arg.attack_graph(g)
    chain = ag.chains[("x-ppa", "y-pb")]
    assert chain.attacker_chain == ("ppa", "pa", "a")
    assert "ppa, which implies pa ⇒ a" in chain.explain()


def test_a_premise_of_both_sides_of_a_clash_attacks_itself() -> None:
    g = _bipolar()
    g.add_proposition(id="both", text="Both.", implies=["a", "b"])
    g.add_statement(id="x-both", actor="x", proposition="both")
    ag = arg.attack_graph(g)
    assert ("x-both", "x-both") in ag.reasons
    assert all("x-both" not in e for e in ag.preferred())


def _supporters(g: cg.ClaimGraph) -> dict[str, set[str]]:
    """Statement → the other assertions whose proposition implies its own (transitively)."""
    recs = g.statement_records
    out: dict[str, set[str]] = {s: set() for s in recs}
    for s in recs.values():
        if s.stance != "asserts":
            continue
        for t in recs.values():
            if t.id != s.id and t.stance == "asserts" and t.proposition in g.implied(s.proposition):
                out[t.id].add(s.id)
    return out


@given(st.data())
@settings(max_examples=60, deadline=None)
def test_support_attacks_are_closed(data: st.DataObject) -> None:
    """The attack relation is a fixpoint of supported and mediated attacks, and every
    derived attack's chain holds in the graph."""
    n = data.draw(st.integers(2, 5))
    props = [f"p{i}" for i in range(n)]
    g = cg.ClaimGraph()
    g.add_actor(id="x", name="X")
    for i, p in enumerate(props):  # implies / contradicts only towards earlier ones: no cycles
        earlier = props[:i]
        imp = (
            data.draw(st.lists(st.sampled_from(earlier), unique=True, max_size=2))
            if earlier
            else []
        )
        con = [q for q in data.draw(st.lists(st.sampled_from(earlier), unique=True, max_size=1))
               if q not in imp] if earlier else []  # fmt: skip
        g.add_proposition(id=p, text=p, implies=imp, contradicts=con)
    for k in range(data.draw(st.integers(1, 6))):
        g.add_statement(id=f"s{k}", actor="x", proposition=data.draw(st.sampled_from(props)),
                        stance=data.draw(st.sampled_from(["asserts", "denies"])))  # fmt: skip
    ag = arg.attack_graph(g)
    sup = _supporters(g)
    atts = set(ag.attacks)
    for a, b in atts:
        assert {(s, b) for s in sup[a]} <= atts  # supported attacks
        assert {(a, s) for s in sup[b]} <= atts  # mediated attacks
    for (a, b), chain in ag.chains.items():
        x, y = chain.attack
        assert (x, y) in atts and set(ag.reasons[(x, y)]) - {"support"}
        assert a == x or a in sup[x]
        assert b == y or b in sup[y]
        for path in (chain.attacker_chain, chain.attacked_chain):
            for p, q in itertools.pairwise(path):
                assert q in g.propositions[p].implies


# ------------------------------------------------------------------ acceptance that scales
def _disputes(n: int) -> cg.ClaimGraph:
    """``n`` independent disputes: x asserts p_i, y denies it."""
    g = cg.ClaimGraph()
    for a in ("x", "y"):
        g.add_actor(id=a, name=a.upper())
    for i in range(n):
        g.add_proposition(id=f"p{i}", text=f"P{i} holds.")
        g.add_statement(id=f"x{i}", actor="x", proposition=f"p{i}")
        g.add_statement(id=f"y{i}", actor="y", proposition=f"p{i}", stance="denies")
    return g


def test_independent_disputes_take_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """n two-argument disputes: a bounded number of searches per dispute, not 3ⁿ."""
    from claimgraph import _afsolver

    n = 300
    bound = 20 * n  # searches plus labellings found; an enumeration would pass it early
    work = 0
    real = _afsolver.Solver._search

    def counting(
        self: _afsolver.Solver, doms: list[int], clauses: list[list[int]]
    ) -> Iterator[list[int]]:
        nonlocal work
        work += 1
        for lab in real(self, doms, clauses):
            work += 1
            if work > bound:
                raise AssertionError("exponential work")
            yield lab

    monkeypatch.setattr(_afsolver.Solver, "_search", counting)
    res = arg.acceptance(_disputes(n), semantics=("grounded", "complete", "preferred", "stable",
                                                  "ideal"))  # fmt: skip
    assert work <= bound
    monkeypatch.undo()
    for i in range(n):
        for s in (f"x{i}", f"y{i}"):
            r = res[s]
            assert r.grounded == "undec"
            assert r.credulous == {"grounded": False, "complete": True, "preferred": True,
                                   "stable": True, "ideal": False}  # fmt: skip
            assert not any(r.sceptical.values())
    assert "preferred credulous=600 sceptical=0" in repr(res)
    af = res.framework
    assert af.count_extensions("preferred") == 2**n and af.count_extensions("complete") == 3**n
    with pytest.raises(cg.ExtensionLimitError) as exc:
        res.extensions["preferred"]
    assert exc.value.count == 2**n and exc.value.limit == arg.EXTENSION_LIMIT
    assert "accepted()" in str(exc.value)


def test_extension_limits() -> None:
    af = arg.attack_graph(_disputes(4))
    assert len(af.extensions("complete", limit=81)) == 81
    with pytest.raises(
        cg.ExtensionLimitError, match="81 complete extensions, more than the limit of 80"
    ):
        af.extensions("complete", limit=80)
    # one connected framework: 12 disputes that all attack one statement c
    args = ["c", *(f"{s}{i}" for i in range(12) for s in "ab")]
    atts = [(f"{s}{i}", f"{t}{i}") for i in range(12) for s, t in (("a", "b"), ("b", "a"))]
    atts += [(f"a{i}", "c") for i in range(12)]
    big = ArgumentationFramework(args, atts)
    with pytest.raises(cg.ExtensionLimitError, match="more than 100 complete extensions") as exc:
        big.extensions("complete", limit=100)
    assert exc.value.count is None and exc.value.found == 101
    with pytest.raises(cg.ExtensionLimitError, match="time limit") as exc:
        big.extensions("complete", limit=None, timeout=1e-9)
    assert exc.value.timeout == 1e-9
    assert len(big.extensions("preferred")) == 2**12  # listed on request, within the limit
    assert big.accepted("preferred", "sceptical") == frozenset()
    assert big.is_credulously_accepted("c") and not big.is_sceptically_accepted("c")
    with pytest.raises(cg.InvalidArgumentError):
        big.accepted("preferred", "bold")


def _brute_all(args: list[str], atts: set[tuple[str, str]]) -> dict[str, set[frozenset[str]]]:
    """Every semantics by brute force, semi-stable and ideal included."""
    out = _brute(args, atts)

    def rng(s: frozenset[str]) -> frozenset[str]:
        return s | {b for a, b in atts if a in s}

    co = out["complete"]
    out["semi-stable"] = {s for s in co if not any(rng(s) < rng(t) for t in co)}
    common = frozenset(args).intersection(*out["preferred"])
    adm = [
        s for s in co | {frozenset()} if s <= common
    ]  # admissible sets inside: complete ones suffice
    cf_adm = []
    for r in range(len(common) + 1):
        for c in itertools.combinations(sorted(common), r):
            s = frozenset(c)
            if all(any((d, b) in atts for d in s) for a in s for b in args if (b, a) in atts):
                cf_adm.append(s)
    del adm
    out["ideal"] = {max(cf_adm, key=len)}
    return out


@st.composite
def _frameworks(draw: st.DrawFn) -> tuple[list[str], set[tuple[str, str]]]:
    """Small frameworks, often made of several independent parts."""
    args: list[str] = []
    atts: set[tuple[str, str]] = set()
    for p in range(draw(st.integers(1, 3))):
        k = draw(st.integers(1, 4))
        part = [f"a{p}_{i}" for i in range(k)]
        pairs = [(a, b) for a in part for b in part]
        atts |= set(draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2 * k)))
        args += part
    return args, atts


@given(_frameworks())
@settings(max_examples=150, deadline=None)
def test_decomposed_acceptance_equals_brute_force(
    fw: tuple[list[str], set[tuple[str, str]]],
) -> None:
    args, atts = fw
    want = _brute_all(args, atts)
    af = ArgumentationFramework(args, atts)
    for sem in SEMANTICS_ALL:
        exts = want[sem]
        cred = frozenset().union(*exts) if exts else frozenset()
        scept = frozenset(args).intersection(*exts) if exts else frozenset(args)
        fresh = ArgumentationFramework(args, atts)  # no cache shared between the two ways
        assert fresh.accepted(sem, "credulous") == cred, (args, atts, sem)
        assert fresh.accepted(sem, "sceptical") == scept, (args, atts, sem)
        assert {frozenset(e) for e in af.extensions(sem)} == exts, (args, atts, sem)
        assert af.count_extensions(sem) == len(exts)
        for a in args:
            one = ArgumentationFramework(args, atts)
            assert one.is_credulously_accepted(a, sem) == (a in cred)
            assert one.is_sceptically_accepted(a, sem) == (a in scept)


SEMANTICS_ALL = ("grounded", "complete", "preferred", "stable", "semi-stable", "stage", "ideal")


def test_scc_hulls_decide_a_chain_of_disputes() -> None:
    """Disputes in a chain (each one's first argument attacks the next dispute): the
    upstream components are decided in their own sub-frameworks; brute force agrees."""
    args = [f"{s}{i}" for i in range(5) for s in "ab"]
    atts = {(f"{s}{i}", f"{t}{i}") for i in range(5) for s, t in (("a", "b"), ("b", "a"))}
    atts |= {(f"a{i}", f"a{i + 1}") for i in range(4)}
    want = _brute_all(args, atts)
    af = ArgumentationFramework(args, atts)
    assert af.accepted("preferred", "sceptical") == frozenset(args).intersection(*want["preferred"])
    assert af.accepted("preferred") == frozenset().union(*want["preferred"])
