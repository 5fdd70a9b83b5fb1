"""Benchmark the embedded store (``claimgraph.store``) against the targets of the scale issue.

For each size it builds a store from a generated corpus (see ``benchmarks/generate.py``) and
prints, each with its target:

- **ingest**: statements per second through ``Store.add_all`` (generation not counted), with,
  measured in the same run on the same rows, the floor SQLite itself sets: inserting the
  prepared rows with ``executemany`` and building the indexes, with no checks at all;
- **grouped contradictions**: ``Store.contradictions()``, and the SQL grouping inside it;
- **agreements**: ``Store.agreements()``;
- **statements filter**: ``Store.statements(actor=...)`` for a typical actor, and
  ``proposition=...``;
- **slice load**: ``Store.load(actor=[...])`` for actors holding about 10k statements.

Corpora above ``--stream-above`` statements are generated and ingested a million statements
at a time (ten conflicts of a million statements, ids prefixed per conflict), so that ten
million statements never sit in memory at once.

Run it as ``python benchmarks/store_bench.py --sizes 100000 1000000``.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import claimgraph as cg
from claimgraph.store import (
    _INDEXES,
    _SCHEMA,
    _STATEMENT_INSERT,
    Store,
    _dump,
    _hash,
    _said_columns,
)

HERE = Path(__file__).resolve().parent

TARGETS = {
    "ingest": 100_000.0,  # statements per second, at least
    "contradictions": 10.0,  # seconds at 10M statements, at most
    "filter": 0.010,  # seconds (the in-memory target for filtered lookups)
    "slice": 1.0,  # seconds for a 10k-statement slice at 10M
}


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_bench_generate", HERE / "generate.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {HERE / 'generate.py'}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


GEN = _generator()


# ----------------------------------------------------------------------------- corpora
def _prefixed(sections: dict[str, list[dict[str, Any]]], prefix: str) -> None:
    """Prefix every id and every reference of one generated corpus, in place."""

    def p(x: str) -> str:
        return prefix + x

    for section in GEN.SECTIONS:
        for d in sections[section]:
            d["id"] = p(d["id"])
            for key in ("member_of", "derived_from", "contradicts", "implies", "responds_to"):
                if key in d:
                    d[key] = [p(x) for x in d[key]]
            if section == "statements":
                d["actor"] = p(d["actor"])
                d["proposition"] = p(d["proposition"])
                for r in d["reports"]:
                    r["source"] = p(r["source"])


class Timed:
    """Wraps an iterator and adds up the time spent inside it (the generator's own time)."""

    def __init__(self, it: Iterator[Any]) -> None:
        self.it = it
        self.seconds = 0.0

    def __iter__(self) -> Timed:
        return self

    def __next__(self) -> Any:
        t = time.perf_counter()
        try:
            return next(self.it)
        finally:
            self.seconds += time.perf_counter() - t


def stream(n: int, seed: int, chunk: int = 1_000_000) -> Iterator[cg.Record]:
    """A corpus of ``n`` statements, a million at a time: ten conflicts of a million each."""
    k = 0
    left = n
    while left > 0:
        size = min(chunk, left)
        sections = GEN.generate_dicts(size, seed + k)
        if n > chunk:
            _prefixed(sections, f"c{k}-")
        records = GEN.records_from_dicts(sections)
        del sections
        yield from records
        del records
        left -= size
        k += 1


# ----------------------------------------------------------------------------- measuring
def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs, and the result of the last."""
    times = []
    result = None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def sqlite_floor(records: list[cg.Record], directory: Path) -> float:
    """Seconds per statement that SQLite alone takes for the store's rows and indexes."""
    statements = [r for r in records if isinstance(r, cg.Statement)]
    rows = []
    reports = []
    for i, s in enumerate(statements, 1):
        data = _dump(s)
        prec, lo = _said_columns(s.said)
        rows.append(
            (i, s.id, s.actor, "side", s.proposition, s.stance, s.kind, s.said, prec, lo,
             _hash(data), data.decode())
        )  # fmt: skip
        reports += [(i, r.source) for r in s.reports]
    path = directory / "floor.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA cache_size=-262144")
    conn.execute("PRAGMA wal_autocheckpoint=10000")
    for sql in _SCHEMA.split(";"):
        if sql.strip():
            conn.execute(sql)
    t = time.perf_counter()
    for b in range(0, len(rows), 10_000):
        conn.execute("BEGIN")
        conn.executemany(_STATEMENT_INSERT, rows[b : b + 10_000])
        conn.execute("COMMIT")
    for b in range(0, len(reports), 20_000):
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO report VALUES (?, ?)", reports[b : b + 20_000])
        conn.execute("COMMIT")
    for sql in _INDEXES:
        conn.execute(sql)
    seconds = time.perf_counter() - t
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return seconds / len(rows)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _slice_actors(store: Store, want: int) -> tuple[list[str], int]:
    """Actors whose statements add up to about ``want``."""
    rows = store._conn.execute(
        "SELECT actor, count(*) AS n FROM statement GROUP BY actor ORDER BY n DESC"
    ).fetchall()
    chosen: list[str] = []
    total = 0
    for actor, n in rows:
        if total + n <= want * 1.05:
            chosen.append(actor)
            total += n
        if total >= want * 0.95:
            break
    return chosen, total


def ingest(
    store: Store,
    n: int,
    records: list[cg.Record] | None,
    source: Timed | None,
    directory: Path,
    args: argparse.Namespace,
    row: Callable[[str, str, str, bool | None], None],
) -> None:
    """Fill a new store, and print the ingest rate with the SQLite floor beside it."""
    t = time.perf_counter()
    if source is not None:
        result = store.add_all(source, batch_size=args.batch_size)
        elapsed = time.perf_counter() - t - source.seconds
        print(f"  (generated in {source.seconds:.1f} s, not counted)", flush=True)
    else:
        result = store.add_all(records or [], batch_size=args.batch_size)
        elapsed = time.perf_counter() - t
    if result.extended or len(result.added) < n:
        raise RuntimeError(f"the corpus did not go in whole: {result!r}")
    del result
    rate = n / elapsed
    row(
        "ingest (bulk, new store)",
        f"{rate:,.0f} st/s",
        "≥ 100,000 st/s",
        rate >= TARGETS["ingest"],
    )
    row("  ingest time", f"{elapsed:.1f} s", "", None)
    if records is not None:
        # re-ingesting what is there changes nothing (and shows the rate of the checks)
        tail = records[-100_000:]
        t = time.perf_counter()
        again = store.add_all(tail)
        dt = time.perf_counter() - t
        if again.changed:
            raise RuntimeError(f"re-ingesting changed the store: {again!r}")
        row("  re-ingest (all unchanged)", f"{len(tail) / dt:,.0f} rec/s", "", None)
        del tail, again
        if n <= args.floor_max:
            per = sqlite_floor(records, directory)
            floor = f"{1 / per:,.0f} st/s"
            row("  SQLite floor (rows + indexes only)", floor, "same rows, no checks", None)


# ----------------------------------------------------------------------------- one size
def run(n: int, args: argparse.Namespace) -> list[tuple[str, str, str, str]]:
    directory = Path(args.dir or tempfile.mkdtemp(prefix="store-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"bench-{n}.cgdb"
    reuse = args.reuse and path.exists()
    if not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    out: list[tuple[str, str, str, str]] = []

    def row(name: str, value: str, target: str, met: bool | None) -> None:
        verdict = "" if met is None else ("met" if met else "MISSED")
        out.append((name, value, target, verdict))
        print(f"  {name:<38} {value:>22}  {target:<24} {verdict}", flush=True)

    print(f"\n== {n:,} statements ({path})", flush=True)
    streaming = n > args.stream_above
    records: list[cg.Record] | None = None
    source: Timed | None = None
    if reuse:
        print("  (reusing the stored corpus: ingestion not measured)", flush=True)
    elif streaming:
        source = Timed(stream(n, args.seed))
    else:
        t = time.perf_counter()
        records = GEN.generate(n, seed=args.seed)
        print(f"  (generated in {time.perf_counter() - t:.1f} s)", flush=True)
    with Store(path) as store:
        if not reuse:
            ingest(store, n, records, source, directory, args, row)
        records = None
        gc.collect()
        size = sum(
            Path(str(path) + s).stat().st_size for s in ("", "-wal") if Path(str(path) + s).exists()
        )
        row("  file size", f"{size / 1e6:,.0f} MB", "", None)

        repeat = 1 if n >= 5_000_000 else 3
        groups_sql = (
            "SELECT proposition FROM statement GROUP BY proposition"
            " HAVING min(stance) <> max(stance)"
        )
        seconds, groups = best(lambda: store._conn.execute(groups_sql).fetchall(), repeat)
        row(
            "grouped contradictions: SQL groups",
            f"{seconds:.2f} s",
            f"({len(groups):,} propositions)",
            None,
        )
        seconds, found = best(store.contradictions, repeat)
        row(
            "grouped contradictions",
            f"{seconds:.2f} s",
            "≤ 10 s at 10M",
            seconds <= TARGETS["contradictions"],
        )
        # their statements are read when first used: here, every group of every one
        t = time.perf_counter()
        involved = sum(len(g.statements) for c in found for g in c.groups)
        read = time.perf_counter() - t
        row("  then reading all their groups", f"{read:.2f} s", "(read on first use)", None)
        row("  contradictions / statements in them", f"{len(found):,} / {involved:,}", "", None)
        del found
        seconds, agreed = best(store.agreements, repeat)
        row("agreements", f"{seconds:.2f} s", f"({len(agreed):,} found)", None)
        del agreed
        gc.collect()

        # a typical actor (the median of those that speak) and a typical proposition
        actors = store._conn.execute(
            "SELECT actor, count(*) AS c FROM statement GROUP BY actor ORDER BY c"
        ).fetchall()
        actor, count = actors[len(actors) // 2]
        seconds, got = best(lambda: store.statements(actor=actor), 5)
        row(
            f"statements(actor=...) [{count} st]",
            f"{seconds * 1e3:.1f} ms",
            "≤ 10 ms (in memory)",
            seconds <= TARGETS["filter"],
        )
        prop = store._conn.execute(
            "SELECT proposition FROM statement WHERE seq = ?", (n // 2,)
        ).fetchone()[0]
        seconds, got = best(lambda: store.statements(proposition=prop), 5)
        row(
            f"statements(proposition=...) [{len(got)} st]",
            f"{seconds * 1e3:.1f} ms",
            "≤ 10 ms (in memory)",
            seconds <= TARGETS["filter"],
        )
        seconds, got = best(
            lambda: store.statements(since="2024-06-01", until="2024-06-01", kind="demand"), 3
        )
        row(f"statements(day, kind) [{len(got)} st]", f"{seconds * 1e3:.1f} ms", "", None)
        seconds, got = best(lambda: store.contradictions(proposition=prop), 5)
        row("contradictions(proposition=...)", f"{seconds * 1e3:.1f} ms", "", None)

        chosen, total = _slice_actors(store, min(10_000, n // 10))
        seconds, graph = best(lambda: store.load(actor=chosen), 3)
        label = f"slice load [{total:,} st, {len(graph):,} records]"
        row(label, f"{seconds:.2f} s", "≤ 1 s for 10k at 10M", seconds <= TARGETS["slice"])
        del graph
    row("peak RSS", f"{peak_rss_mb():,.0f} MB", "", None)
    if not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        if not args.dir:
            shutil.rmtree(directory, ignore_errors=True)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch-size", type=int, default=10_000)
    parser.add_argument("--dir", help="where to write the stores (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the store files")
    parser.add_argument(
        "--reuse", action="store_true", help="query a store kept in --dir by an earlier run"
    )
    parser.add_argument(
        "--stream-above", type=int, default=2_000_000, help="generate bigger corpora in chunks"
    )
    parser.add_argument(
        "--floor-max", type=int, default=1_000_000, help="largest size to measure the SQLite floor"
    )
    args = parser.parse_args(argv)
    print(f"claimgraph {cg.__version__}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs")
    for n in args.sizes:
        run(n, args)


if __name__ == "__main__":
    main()
