"""Time the argumentation semantics on the ASPARTIX/ICCMA instances and on generated graphs.

For every instance of the suite (by default ``../shared/data/aspartix-iccma-af-tests``,
beside the checkout) it prints, per semantics, the number of extensions and the time to
compute them from a freshly parsed framework. Instances larger than ``--max-args`` arguments
get the grounded extension only (enumeration is exponential in the worst case).

With ``--disputes N`` (default 400) it also times :func:`claimgraph.argumentation.acceptance`
on a claim graph of N independent two-statement disputes (one side asserts, the other
denies), and, as the baseline in the same process, acceptance read off the listed preferred
and stable extensions (what ``acceptance`` did before: their number grows as 2ⁿ) on
``--baseline-disputes`` (default 10) disputes, with the new way on the same graph beside it.

Run it as ``python benchmarks/argumentation_bench.py [--suite DIR] [--max-args 200]
[--disputes 400] [--baseline-disputes 10]``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import claimgraph as cg
from claimgraph.argumentation import SEMANTICS, ArgumentationFramework, acceptance, attack_graph

DEFAULT_SUITE = (
    Path(__file__).resolve().parent.parent.parent
    / "shared/data/aspartix-iccma-af-tests/aspartix/tests/insts"
)


def bench(path: Path, max_args: int) -> list[tuple[str, int, int, float]]:
    """(semantics, arguments, extensions, seconds) for one instance."""
    rows = []
    for sem in SEMANTICS:
        af = ArgumentationFramework.read(path)
        if len(af) > max_args and sem != "grounded":
            continue
        start = time.perf_counter()
        n = len(af.extensions(sem))
        rows.append((sem, len(af), n, time.perf_counter() - start))
    return rows


def disputes(n: int) -> cg.ClaimGraph:
    """n independent disputes: side a asserts p_i, side b denies it."""
    records: list[cg.Record] = [
        cg.Actor(id="a", name="A", kind="state"),
        cg.Actor(id="b", name="B", kind="state"),
    ]
    for i in range(n):
        records += [
            cg.Proposition(id=f"p{i}", text=f"Claim number {i}."),
            cg.Statement(id=f"a{i}", actor="a", proposition=f"p{i}"),
            cg.Statement(id=f"b{i}", actor="b", proposition=f"p{i}", stance="denies"),
        ]
    return cg.ClaimGraph(records)


def by_enumeration(g: cg.ClaimGraph) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Credulous and sceptical preferred/stable acceptance from the listed extensions."""
    af = attack_graph(g)
    out = {}
    for sem in ("preferred", "stable"):
        exts = af.extensions(sem, limit=None)
        every = frozenset(af.arguments)
        out[sem] = (frozenset().union(*exts), every.intersection(*exts) if exts else every)
    return out


def _timed(f: object) -> float:
    start = time.perf_counter()
    f()  # type: ignore[operator]
    return time.perf_counter() - start


def bench_disputes(n: int, n_base: int) -> None:
    small, big = disputes(n_base), disputes(n)
    t_base = min(_timed(lambda: by_enumeration(small)) for _ in range(3))
    t_small = min(_timed(lambda: acceptance(small)) for _ in range(3))
    t_big = min(_timed(lambda: acceptance(big)) for _ in range(3))
    print(
        f"acceptance(), {n_base} independent disputes: {t_small * 1000:.1f} ms;"
        f" by listing the extensions: {t_base * 1000:.1f} ms"
        f" (ratio {t_small / t_base:.3f})"
    )
    print(
        f"acceptance(), {n} independent disputes: {t_big * 1000:.1f} ms"
        f" ({'under' if t_big < 1 else 'OVER'} the 1 s target)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--suite", type=Path, default=DEFAULT_SUITE)
    parser.add_argument("--max-args", type=int, default=200)
    parser.add_argument("--disputes", type=int, default=400)
    parser.add_argument("--baseline-disputes", type=int, default=10)
    args = parser.parse_args(argv)
    bench_disputes(args.disputes, args.baseline_disputes)
    files = sorted(args.suite.rglob("*.apx"))
    if not files:
        raise SystemExit(f"no .apx files under {args.suite}")
    print(f"{'instance':40} {'semantics':12} {'args':>6} {'exts':>6} {'ms':>9}")
    for f in files:
        for sem, n_args, n_ext, secs in bench(f, args.max_args):
            print(f"{f.name[:40]:40} {sem:12} {n_args:6} {n_ext:6} {secs * 1000:9.2f}")


if __name__ == "__main__":
    main()
