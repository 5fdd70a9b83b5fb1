"""Benchmark the input limits: hostile inputs against a valid file of comparable size.

Usage::

    python benchmarks/limits_bench.py [--sizes 20 198] [--big-baseline] [--only yaml,native]

Each case runs in its own subprocess, which builds its input first and then measures the call
alone: wall time, and the growth of peak RSS (``ru_maxrss``) over the process's RSS once the
input was built, so the figure is what the loader itself allocated. The cases:

- **YAML alias bomb** (435 bytes: nine levels of nine aliases) under ``title``, an actor's
  ``kind``, a source's ``published`` and a statement's ``note``, through ``claimgraph.loads``;
  baseline: ``claimgraph.loads`` of the worked example (``examples/istanbul-talks.yaml``);
- **native JSON flood**: ``{"format":"claimgraph","version":1,"statements":[{},{},...]}`` of
  each size in MB, through ``claimgraph.loads``;
- **load_json flood**: ``[{},{},...]`` of each size, through
  ``claimgraph.formats._safe.load_json`` (what the node-link, AIF and ClaimReview readers use);
- baseline for both: a valid generated native file (``benchmarks/generate.py``) of the first
  size through ``claimgraph.loads`` and through ``load_json`` (with ``--big-baseline``, of the
  largest size too).

Ratios are against the baseline of the same kind: the first size for the 20 MB cases, and the
largest-size baseline if measured, else the first one scaled by size.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MB = 1_000_000
FIELDS = {
    "title": "claimgraph: 1\ntitle: {b}\n",
    "kind": "claimgraph: 1\nactors:\n  x: {{name: X, kind: {b}}}\n",
    "published": "claimgraph: 1\nsources:\n  s: {{published: {b}}}\n",
    "note": "claimgraph: 1\nstatements:\n  - {{actor: x, asserts: p, note: {b}}}\n",
}


def _bomb() -> str:
    """Nine levels of nine aliases (9**9 strings expanded), each level on its own key."""
    lines = ["  a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"  {name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "{\n" + ",\n".join(lines) + "}"


def _flood(size_mb: int, native: bool) -> str:
    n = size_mb * MB // 3
    body = "{}," * (n - 1) + "{}"
    if native:
        return '{"format":"claimgraph","version":1,"statements":[' + body + "]}"
    return "[" + body + "]"


def _write_valid(size_mb: int, folder: Path) -> Path:
    """A valid generated native file of about ``size_mb`` MB (written by the parent, so that
    generating it does not count in a child's peak RSS)."""
    from benchmarks.generate import generate_dicts, write_native_json

    n = max(1000, int(size_mb * 4_650))  # about 215 bytes a statement with its records
    return write_native_json(generate_dicts(n, seed=0), folder / f"valid-{size_mb}.json")


def _input(case: str, arg: str) -> tuple[str, Callable[[str], Any]]:
    import claimgraph as cg
    from claimgraph.formats._safe import load_json

    if case == "bomb":
        text = FIELDS[arg].format(b=_bomb())
        return text, lambda t: cg.loads(t, format="yaml")
    if case == "example":
        return cg.example_path().read_text(encoding="utf-8"), lambda t: cg.loads(t, format="yaml")
    if case == "native-flood":
        return _flood(int(arg), native=True), cg.loads
    if case == "json-flood":
        return _flood(int(arg), native=False), load_json
    if case == "native-valid":
        return Path(arg).read_text(encoding="utf-8"), cg.loads
    if case == "json-valid":
        return Path(arg).read_text(encoding="utf-8"), load_json
    raise ValueError(case)


def _rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def _child(case: str, arg: str) -> None:
    """Run one case in this process and print its figures as JSON."""
    import gc

    text, call = _input(case, arg)
    gc.collect()
    before = _rss()
    start = time.perf_counter()
    try:
        call(text)
        outcome = "loaded"
    except Exception as exc:  # reported, not hidden
        errors = getattr(exc, "errors", None)
        outcome = (
            f"{type(exc).__name__} [{errors[-1].code}]"
            if errors
            else f"{type(exc).__name__}: {str(exc)[:60]}"
        )
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "seconds": seconds,
                "rss": max(0, _rss() - before),
                "bytes": len(text),
                "outcome": outcome,
            }
        )
    )


def _run(case: str, arg: str) -> dict[str, Any]:
    out = subprocess.run(  # noqa: S603 - this very script, by its own path
        [sys.executable, __file__, "--child", case, arg],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if out.returncode != 0:
        return {
            "seconds": None,
            "rss": None,
            "bytes": 0,
            "outcome": f"crashed: {out.stderr[-200:]}",
        }
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _fmt_bytes(n: float | None) -> str:
    if n is None:
        return "-"
    return f"{n / MB:,.1f} MB" if n >= 100_000 else f"{n:,.0f} B"


def _row(label: str, r: dict[str, Any], base: dict[str, Any] | None, scale: float = 1.0) -> None:
    t, rss = r["seconds"], r["rss"]
    ratio_t = ratio_m = "-"
    if base and base["seconds"] and t is not None:
        ratio_t = f"{t / (base['seconds'] * scale):.3f}x"
    if base and base["rss"] and rss is not None:
        ratio_m = f"{rss / (base['rss'] * scale):.3f}x"
    per_input = f"{rss / r['bytes']:.2f}" if rss is not None and r["bytes"] else "-"
    sec = "-" if t is None else f"{t * 1000:,.1f} ms"
    print(
        f"{label:34} {_fmt_bytes(r['bytes']):>10} {sec:>12} {_fmt_bytes(rss):>10} "
        f"{per_input:>7} {ratio_t:>9} {ratio_m:>9}  {r['outcome']}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 198], help="flood sizes, MB")
    parser.add_argument("--big-baseline", action="store_true", help="a valid file of each size")
    parser.add_argument("--only", default="yaml,native,json", help="yaml, native, json")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return
    want = set(args.only.split(","))
    print(
        f"{'case':34} {'input':>10} {'time':>12} {'peak RSS+':>10} {'x input':>7} "
        f"{'time/base':>9} {'mem/base':>9}  outcome"
    )
    if "yaml" in want:
        base = _run("example", "-")
        _row("baseline: example YAML", base, None)
        for field in FIELDS:
            _row(f"YAML alias bomb under {field}", _run("bomb", field), base)
    first = args.sizes[0]
    if not want & {"native", "json"}:
        return
    with tempfile.TemporaryDirectory() as tmp:
        files = {first: _write_valid(first, Path(tmp))}
        if args.big_baseline:
            files.update({size: _write_valid(size, Path(tmp)) for size in args.sizes[1:]})
        for kind in ("native", "json"):
            if kind in want:
                _floods(kind, args.sizes, files)


def _floods(kind: str, sizes: list[int], files: dict[int, Path]) -> None:
    bases = {size: _run(f"{kind}-valid", str(path)) for size, path in files.items()}
    first = sizes[0]
    how = "claimgraph.loads" if kind == "native" else "load_json"
    for size, b in bases.items():
        _row(f"baseline: valid {size} MB, {how}", b, None)
    for size in sizes:
        base = bases.get(size, bases[first])
        scale = 1.0 if size in bases else size / first
        _row(f"{{}}, flood {size} MB, {how}", _run(f"{kind}-flood", str(size)), base, scale)


if __name__ == "__main__":
    main()
