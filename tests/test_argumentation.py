"""Argumentation semantics: the ASPARTIX/ICCMA conformance suite, the attack graph, results."""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path

import pytest
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
