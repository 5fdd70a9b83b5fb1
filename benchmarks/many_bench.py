"""Figures for issue 13's sheet and file work: sheet import with readable ids, and the
"did you mean" suggestion on the error path.

Run: ``python benchmarks/many_bench.py [ROWS]``. Prints CPU seconds and ratios against a
baseline measured in the same process:

- a sheet of ROWS statements (one new proposition and source per 10 rows) imported by
  ``tables.from_rows``, against ``ClaimGraph.add_all`` of the same records built by hand
  (the floor: what any import has to do);
- :func:`claimgraph.rules.did_you_mean` over 10k, 100k and 1M ids, against one pass of
  ``str.casefold`` over the same ids.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

import claimgraph as cg
from claimgraph.formats import tables
from claimgraph.rules import did_you_mean


def _cpu(fn: Callable[[], Any]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def sheet_rows(n: int) -> list[dict[str, str]]:
    """``n`` rows: 50 speakers, a proposition and a source for every 10 rows."""
    return [
        {
            "Speaker": f"Speaker {i % 50}",
            "Claim": f"Claim number {i // 10} about the talks.",
            "Stance": "denies" if i % 3 else "asserts",
            "URL": f"https://news.example/{i // 10}/story",
            "Outlet": "Example News",
            "Date": f"2025-{1 + i % 12:02d}",
        }
        for i in range(n)
    ]


def by_hand(n: int) -> list[cg.Record]:
    """The records of :func:`sheet_rows`, built directly."""
    recs: list[cg.Record] = [cg.Actor(id=f"speaker-{k}", name=f"Speaker {k}") for k in range(50)]
    for j in range((n + 9) // 10):
        recs.append(cg.Proposition(id=f"p{j}", text=f"Claim number {j} about the talks."))
        recs.append(cg.Source(id=f"s{j}", url=f"https://news.example/{j}/story"))
    for i in range(n):
        recs.append(
            cg.Statement(
                actor=f"speaker-{i % 50}",
                proposition=f"p{i // 10}",
                stance="denies" if i % 3 else "asserts",
                said=f"2025-{1 + i % 12:02d}",
                reports=[{"source": f"s{i // 10}"}],
            )
        )
    return recs


def main(rows: int = 20_000) -> None:
    data = sheet_rows(rows)
    recs = by_hand(rows)
    base = _cpu(lambda: cg.ClaimGraph().add_all(recs))
    imp = _cpu(lambda: tables.from_rows(data))
    print(
        f"sheet import, {rows} rows: {imp:.2f} s CPU; add_all of the same records by hand:"
        f" {base:.2f} s; ratio {imp / base:.1f}x"
    )
    again = tables.from_rows(data)
    re_imp = _cpu(lambda: tables.from_rows(data, into=again))
    print(f"re-import into the same graph (nothing new): {re_imp:.2f} s CPU")
    for n in (10_000, 100_000, 1_000_000):
        ids = [f"st-{i:016x}" for i in range(n)]
        floor = _cpu(lambda ids=ids: [i.casefold() for i in ids])
        hint = _cpu(lambda ids=ids: did_you_mean("st-00000000000f4a4x", ids))
        print(
            f"did_you_mean over {n} ids: {hint:.2f} s CPU; one casefold pass {floor:.3f} s;"
            f" ratio {hint / max(floor, 1e-9):.0f}x"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
