"""Time the argumentation semantics on the ASPARTIX/ICCMA instances and on generated graphs.

For every instance of the suite (by default ``../shared/data/aspartix-iccma-af-tests``,
beside the checkout) it prints, per semantics, the number of extensions and the time to
compute them from a freshly parsed framework. Instances larger than ``--max-args`` arguments
get the grounded extension only (enumeration is exponential in the worst case).

Run it as ``python benchmarks/argumentation_bench.py [--suite DIR] [--max-args 200]``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from claimgraph.argumentation import SEMANTICS, ArgumentationFramework

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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--suite", type=Path, default=DEFAULT_SUITE)
    parser.add_argument("--max-args", type=int, default=200)
    args = parser.parse_args(argv)
    files = sorted(args.suite.rglob("*.apx"))
    if not files:
        raise SystemExit(f"no .apx files under {args.suite}")
    print(f"{'instance':40} {'semantics':12} {'args':>6} {'exts':>6} {'ms':>9}")
    for f in files:
        for sem, n_args, n_ext, secs in bench(f, args.max_args):
            print(f"{f.name[:40]:40} {sem:12} {n_args:6} {n_ext:6} {secs * 1000:9.2f}")


if __name__ == "__main__":
    main()
