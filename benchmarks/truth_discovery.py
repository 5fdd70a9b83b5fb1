"""Accuracy of the truth-discovery methods on the Book (book-author) data set.

Usage::

    python benchmarks/truth_discovery.py [DATA_DIR] [--json OUT.json]

``DATA_DIR`` (default ``../shared/data/truthdiscovery-book-authors`` beside the checkout)
holds ``book.txt`` (store, ISBN, title, author string; tab-separated) and
``book_golden.txt`` (ISBN, true author list, for 100 books). Yin, Han and Yu (KDD 2007)
collected it from AbeBooks; Dong, Berti-Equille and Srivastava (VLDB 2009) used it to study
copying between stores.

Author strings are noisy ("Knuth, Donald E.", "Donald Ervin Knuth", "KNUTH", "Not
Available", "Hornick, Mark F./ Marcade, Erik"). As in the literature, they are normalised
before voting and compared with the gold as *sets of authors*, ignoring order, case,
punctuation, accents, initials and middle names:

* a claimed value becomes the sorted tuple of its name words of three letters or more (HTML
  entities decoded, accents removed; noise words such as "edited", "editor", "et al",
  "phd" dropped); empty values and "Not Available" are not claims;
* a value is **correct** when it contains the last name of every gold author and every other
  word in it is a first or middle name of a gold author (or starts with a gold initial):
  "Donald Ervin Knuth" is right for "knuth, donald e.", "Donald E. Knuth John Fuller" and
  "Hornick, Mark et al" (two of three authors) are wrong.

Accuracy is the share of the 100 gold books whose chosen value is correct. Every method runs
on the same claims (all books, not only the gold ones); TruthFinder is run both without and
with a value similarity (Jaccard overlap of the name words).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from claimgraph import truth

DEFAULT_DIR = (
    Path(__file__).resolve().parent.parent.parent / "shared/data/truthdiscovery-book-authors"
)

# words that are not names (only words of 3+ letters are kept, so "et", "al", "ed" go anyway)
NOISE = frozenset(
    {
        *("edited", "editor", "editors", "edt", "eds", "and", "the", "with", "foreword"),
        *("introduction", "intro", "preface", "phd", "not", "available", "unknown"),
        *("author", "authors", "translator", "illustrator", "contributor", "revised"),
        *("edition", "prof"),
    }
)

Value = tuple[str, ...]


def _plain(text: str) -> str:
    text = html.unescape(html.unescape(text))
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def normalise(authors: str) -> Value:
    """The canonical value of an author string: its sorted distinct name words.

    >>> normalise("Knuth, Donald E."), normalise("DONALD ERVIN KNUTH")
    (('donald', 'knuth'), ('donald', 'ervin', 'knuth'))
    >>> normalise("Not Available"), normalise("Marcad&eacute;, Erik et al")
    ((), ('erik', 'marcade'))
    """
    words = re.findall(r"[a-z]+", _plain(authors))
    return tuple(sorted({w for w in words if len(w) >= 3 and w not in NOISE}))


def gold_names(authors: str) -> list[tuple[str, tuple[str, ...]]]:
    """Gold ``"last, first middle; ..."`` as (last name, other name words)."""
    out = []
    for part in _plain(authors).split(";"):
        if not part.strip():
            continue
        last, _, rest = part.partition(",")
        out.append((" ".join(re.findall(r"[a-z]+", last)), tuple(re.findall(r"[a-z]+", rest))))
    return out


def is_correct(value: Value, gold: list[tuple[str, tuple[str, ...]]]) -> bool:
    """Whether a normalised value names exactly the gold authors (see the module doc)."""
    words = set(value)
    lasts = {w for last, _ in gold for w in last.split()}
    if not lasts <= words:
        return False
    others = {w for _, rest in gold for w in rest}
    initials = {w[0] for w in others}
    return all(w in lasts or w in others or w[0] in initials for w in words)


def jaccard(a: Hashable, b: Hashable) -> float:
    """Overlap of two normalised values' name words (TruthFinder's value similarity)."""
    sa, sb = set(a), set(b)  # type: ignore[call-overload]
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0


def load(data_dir: Path) -> tuple[list[tuple[str, str, Value]], dict[str, str]]:
    """The claims (store, ISBN, normalised authors) and the gold author strings."""
    claims = []
    with open(data_dir / "book.txt", encoding="latin-1", newline="") as f:
        for n, line in enumerate(f, 1):
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) != 4:
                raise ValueError(f"book.txt line {n}: expected 4 tab-separated fields")
            store, isbn, _title, authors = parts
            value = normalise(authors)
            if value:
                claims.append((store.strip(), isbn.strip(), value))
    gold = {}
    with open(data_dir / "book_golden.txt", encoding="latin-1") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                isbn, sep, authors = line.rstrip("\r\n").partition("\t")
                if not sep:
                    raise ValueError(f"book_golden.txt line {n}: expected ISBN<TAB>authors")
                gold[isbn.strip()] = authors
    return claims, gold


def run(data_dir: Path = DEFAULT_DIR) -> list[dict[str, Any]]:
    """Run every method; one row per method with its accuracy on the gold books."""
    claims, gold_text = load(data_dir)
    gold = {isbn: gold_names(a) for isbn, a in gold_text.items()}
    idx = truth.Claims(claims)
    methods: list[tuple[str, Callable[[], truth.TruthResult]]] = [
        ("majority vote", lambda: truth.majority_vote(idx)),
        ("sums", lambda: truth.sums(idx)),
        ("investment", lambda: truth.investment(idx)),
        ("truthfinder", lambda: truth.truthfinder(idx)),
        ("truthfinder+similarity", lambda: truth.truthfinder(idx, similarity=jaccard)),
        ("accu", lambda: truth.accu(idx)),
        ("accu-copy", lambda: truth.accu_copy(idx)),
    ]
    rows = []
    for name, fn in methods:
        t0 = time.perf_counter()
        res = fn()
        seconds = time.perf_counter() - t0
        right = sum(
            isbn in res.truths and is_correct(res.truths[isbn], g)  # type: ignore[arg-type]
            for isbn, g in gold.items()
        )
        rows.append(
            {
                "method": name,
                "accuracy": right / len(gold),
                "correct": right,
                "gold": len(gold),
                "iterations": res.iterations,
                "converged": res.converged,
                "seconds": round(seconds, 2),
                "claims": res.n_claims,
                "sources": res.n_sources,
                "objects": res.n_objects,
                **(
                    {"dependent_pairs": res.params["dependent_pairs"]}
                    if "dependent_pairs" in res.params
                    else {}
                ),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    args = parser.parse_args(argv)
    if not (args.data_dir / "book.txt").exists():
        print(f"no book.txt in {args.data_dir}", file=sys.stderr)
        return 2
    rows = run(args.data_dir)
    base = rows[0]["accuracy"]
    r0 = rows[0]
    print(
        f"Book data: {r0['claims']} claims by {r0['sources']} stores about "
        f"{r0['objects']} books; accuracy on {r0['gold']} gold books\n"
    )
    print(f"{'method':<24} {'accuracy':>8} {'vs majority':>11} {'iter':>5} {'seconds':>8}")
    for r in rows:
        print(
            f"{r['method']:<24} {r['accuracy']:>8.2f} {r['accuracy'] - base:>+11.2f} "
            f"{r['iterations']:>5} {r['seconds']:>8.2f}"
        )
    if args.json:
        tmp = args.json.with_name(args.json.name + ".tmp")
        tmp.write_text(json.dumps(rows, indent=2))
        tmp.replace(args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
