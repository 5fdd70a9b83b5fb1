"""Time the queries when some statements are withdrawn, and with ``as_of``, on both backends.

A graph with no withdrawn statement answers the current queries from its indexes; once some
are withdrawn (or with ``as_of``), every proposition's statements are filtered through the
window. This prints, for the in-memory graph and the SQLite store, ``contradictions``,
``agreements`` and ``positions`` on the generated corpus (``benchmarks/generate.py``) as it
is (the baseline, in the same process), with a share of its statements withdrawn, and
``as_of`` a day, with each figure's ratio to the baseline. Best of ``--repeat`` runs.

Run it as ``python benchmarks/withdrawals_bench.py [--statements 100000] [--share 0.01]
[--repeat 3]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

import claimgraph as cg  # noqa: E402
from benchmarks.generate import generate  # noqa: E402
from claimgraph.store import Store  # noqa: E402

QUERIES = ("contradictions", "agreements", "positions")
AS_OF = "2025-06-30"


def _best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def withdraw(records: list[cg.Record], share: float, seed: int = 0) -> list[cg.Record]:
    """The records with ``share`` of the statements withdrawn (dated, on or after said)."""
    rng = random.Random(seed)
    out: list[cg.Record] = []
    for rec in records:
        if isinstance(rec, cg.Statement) and rng.random() < share:
            date = "2026" if rec.said is None else rec.said[:10]  # the same day, or span
            rec = rec.model_copy(update={"withdrawn": cg.Withdrawal(date=date)})
        out.append(rec)
    return out


def measure(backend: Any, repeat: int) -> dict[str, float]:
    """Seconds per query: current, and ``as_of``."""
    out = {}
    for name in QUERIES:
        query = getattr(cg, name)
        out[name] = _best(lambda q=query: q(backend), repeat)
        out[f"{name} as_of"] = _best(lambda q=query: q(backend, as_of=AS_OF), repeat)
    return out


def main(argv: list[str] | None = None) -> dict[str, dict[str, dict[str, float]]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--share", type=float, default=0.01, help="withdrawn share")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    plain = generate(args.statements, seed=0)
    some = withdraw(plain, args.share)
    results: dict[str, dict[str, dict[str, float]]] = {}
    for label, records in (("none withdrawn", plain), (f"{args.share:.0%} withdrawn", some)):
        graph = cg.ClaimGraph(records)
        store = Store(":memory:")
        store.add_all(records)
        results[label] = {
            "memory": measure(graph, args.repeat),
            "store": measure(store, args.repeat),
        }
        store.close()
    base = results["none withdrawn"]
    print(f"{args.statements:,} statements, best of {args.repeat} (seconds; ratio to the first)")
    print(f"{'query':<24} {'backend':<8}" + "".join(f"{k:>22}" for k in results))
    for backend in ("memory", "store"):
        for q in base[backend]:
            row = f"{q:<24} {backend:<8}"
            for label in results:
                t = results[label][backend][q]
                row += f"{t:>12.3f} ({t / base[backend][q]:>5.2f}×)"
            print(row)
    return results


if __name__ == "__main__":
    main()
