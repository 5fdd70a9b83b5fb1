"""Benchmark the attribution extractor: articles of 800 words a second, on one core.

Usage::

    python benchmarks/extract_bench.py [--articles 400] [--words 800] [--repeat 3]

The articles are made from the seed article (``../shared/seeds/istanbul-talks-arabnews.txt``)
and, when present, the development set (``tests/data/attributions/texts/*.txt``): their
paragraphs shuffled with a fixed seed and cut to ``--words`` words each, so each article
has the quotations, reported speech and cue density of real news. Measured in this one process:

- **baseline**: a plain regular-expression tokenisation pass (``re.findall(r"\\w+|\\S")``),
  the least any extractor over the text must do;
- **tokenize**: claimgraph.extract's own tokenizer, sentence splitter and quote finder;
- **attributions**: ``claimgraph.extract.attributions`` (the target: 200 articles/s);
- **draft**: ``claimgraph.extract.draft_yaml`` (attributions, coreference, YAML text).

Each figure is the best of ``--repeat`` runs; ratios are against the baseline.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from claimgraph.extract import attributions, draft_yaml  # noqa: E402
from claimgraph.extract._text import quotes, sentences, tokenize  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "istanbul-talks-arabnews.txt"
DEVSET = ROOT / "tests" / "data" / "attributions"


def corpus(n: int, words: int, seed: int = 1) -> list[str]:
    """``n`` articles of about ``words`` words from the seed article and the dev set."""
    paragraphs: list[str] = []
    for path in [SEED, *sorted(DEVSET.glob("texts/*.txt"))]:
        if path.is_file():
            paragraphs += [p for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]
    if not paragraphs:
        raise SystemExit(f"no text found: {SEED} is missing")
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        chosen: list[str] = []
        count = 0
        while count < words:
            p = rng.choice(paragraphs)
            chosen.append(p)
            count += len(p.split())
        out.append("\n".join(chosen))
    return out


_BASE = re.compile(r"\w+|\S")


def _baseline(text: str) -> object:
    return _BASE.findall(text)


def _tokenize(text: str) -> object:
    return tokenize(text), sentences(text), quotes(text)


def _time(f: Callable[[str], object], texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            f(t)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--words", type=int, default=800)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    texts = corpus(args.articles, args.words)
    n_words = sum(len(t.split()) for t in texts)
    n_att = sum(len(attributions(t)) for t in texts)
    print(
        f"{len(texts)} articles, {n_words / len(texts):.0f} words each on average,"
        f" {n_att / len(texts):.1f} attributions each"
    )
    base = _time(_baseline, texts, args.repeat)
    rows = [("baseline (regex tokens)", base)]
    rows.append(("tokenize+sentences+quotes", _time(_tokenize, texts, args.repeat)))
    rows.append(("attributions", _time(attributions, texts, args.repeat)))
    rows.append(("draft_yaml", _time(lambda t: draft_yaml(t), texts, max(1, args.repeat - 1))))
    print(f"{'step':28} {'articles/s':>11} {'words/s':>11} {'x baseline':>11}")
    for name, secs in rows:
        rate = len(texts) / secs
        print(f"{name:28} {rate:11.0f} {n_words / secs:11.0f} {secs / base:11.1f}")
    att = dict(rows)["attributions"]
    rate = len(texts) / att
    print(f"attributions: {rate:.0f} articles/s on one core (target 200): ", end="")
    print("ok" if rate >= 200 else "BELOW TARGET")


if __name__ == "__main__":
    main()
