"""Score an attribution extractor on the hand-annotated development set.

Usage::

    python benchmarks/extract_eval.py [--predictor module:function] [--data DIR]

The development set is ``tests/data/attributions/*.json`` (see its README). Without
``--predictor`` the script scores the naive direct-quote baseline below and, when it can be
imported, ``claimgraph.extract.attributions``.

Matching rule (issue 15): a prediction matches a gold attribution when their *content*
spans overlap by at least half of the shorter of the two; pairs are matched one to one,
greedily, largest overlap first. A match has the right source when the predicted source
overlaps the gold source (a ``None`` source is right only against a ``None`` gold source).
Precision, recall and F1 are reported overall and per gold kind (``direct``, ``indirect``,
``according-to``; per-kind precision counts the predictions matched to that kind plus, when
the prediction says its own ``kind``, the unmatched predictions of that kind), with the
fraction of matches whose source is right.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "tests" / "data" / "attributions"
SHARED = ROOT.parent / "shared"
KINDS = ("direct", "indirect", "according-to")


@dataclass(frozen=True)
class Span:
    """A character span ``[start, end)`` of a text."""

    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class Attribution:
    """One attribution: source (or None), cue and content spans, and its kind."""

    source: Span | None
    cue: Span | None
    content: Span
    kind: str | None = None


@dataclass
class Doc:
    """One development-set article: its text and gold attributions."""

    id: str
    text: str
    gold: list[Attribution]
    meta: dict[str, Any] = field(default_factory=dict)


def _span(obj: Any) -> Span | None:
    if obj is None:
        return None
    if isinstance(obj, dict):
        return Span(int(obj["start"]), int(obj["end"]), str(obj.get("text", "")))
    return Span(int(obj.start), int(obj.end), str(getattr(obj, "text", "")))


def _field(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def to_attribution(obj: Any) -> Attribution:
    """An :class:`Attribution` from a dict or an object with ``.source/.cue/.content``."""
    content = _span(_field(obj, "content"))
    if content is None:
        raise ValueError("an attribution needs a content span")
    kind = _field(obj, "kind")
    return Attribution(
        _span(_field(obj, "source")),
        _span(_field(obj, "cue")),
        content,
        None if kind is None else str(getattr(kind, "value", kind)),
    )


def load_devset(path: str | Path = DEFAULT_DATA) -> list[Doc]:
    """The articles of the development set in ``path`` (one JSON file each), sorted by id.

    An article whose text may not be copied names a file under ``../shared`` instead
    (``"shared_text"``); it is read from there.
    """
    docs = []
    for file in sorted(Path(path).glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        if "text" in data:
            text = data["text"]
        else:
            text = (SHARED / data["shared_text"]).read_text(encoding="utf-8")
        gold = [to_attribution(a) for a in data["attributions"]]
        meta = {k: v for k, v in data.items() if k not in ("text", "attributions")}
        docs.append(Doc(data["id"], text, gold, meta))
    return docs


def overlap(a: Span, b: Span) -> int:
    """The number of characters two spans share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def content_match(pred: Span, gold: Span) -> bool:
    """Whether two content spans overlap by at least half of the shorter one."""
    shorter = min(pred.end - pred.start, gold.end - gold.start)
    return shorter > 0 and 2 * overlap(pred, gold) >= shorter


def source_right(pred: Span | None, gold: Span | None) -> bool:
    """Whether a predicted source overlaps the gold source (None only matches None)."""
    if pred is None or gold is None:
        return pred is None and gold is None
    return overlap(pred, gold) > 0


def match(preds: list[Attribution], gold: list[Attribution]) -> list[tuple[int, int]]:
    """One-to-one greedy matching ``(pred index, gold index)``, largest overlap first."""
    pairs = [
        (overlap(p.content, g.content), i, j)
        for i, p in enumerate(preds)
        for j, g in enumerate(gold)
        if content_match(p.content, g.content)
    ]
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return sorted(out)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def score(predict: Callable[[str], Iterable[Any]], docs: list[Doc]) -> dict[str, Any]:
    """Precision, recall, F1 (overall and per kind) and source accuracy of ``predict``.

    ``predict(text)`` returns attributions as objects or dicts with ``source``, ``cue``,
    ``content`` spans (``.start``, ``.end``) and optionally ``kind``.
    """
    tp = n_pred = n_gold = right = 0
    kind_tp = dict.fromkeys(KINDS, 0)
    kind_gold = dict.fromkeys(KINDS, 0)
    kind_pred = dict.fromkeys(KINDS, 0)
    kind_right = dict.fromkeys(KINDS, 0)
    for doc in docs:
        preds = [to_attribution(a) for a in predict(doc.text)]
        pairs = match(preds, doc.gold)
        matched_p = {i for i, _ in pairs}
        tp += len(pairs)
        n_pred += len(preds)
        n_gold += len(doc.gold)
        for g in doc.gold:
            if g.kind in kind_gold:
                kind_gold[g.kind] += 1
        for i, j in pairs:
            g = doc.gold[j]
            ok = source_right(preds[i].source, g.source)
            right += ok
            if g.kind in kind_tp:
                kind_tp[g.kind] += 1
                kind_pred[g.kind] += 1
                kind_right[g.kind] += ok
        for i, p in enumerate(preds):
            if i not in matched_p and p.kind in kind_pred:
                kind_pred[p.kind] += 1
    result: dict[str, Any] = {
        **_prf(tp, n_pred, n_gold),
        "matches": tp,
        "predicted": n_pred,
        "gold": n_gold,
        "source_right": right / tp if tp else 0.0,
        "per_kind": {},
    }
    for k in KINDS:
        result["per_kind"][k] = {
            **_prf(kind_tp[k], kind_pred[k], kind_gold[k]),
            "matches": kind_tp[k],
            "gold": kind_gold[k],
            "source_right": kind_right[k] / kind_tp[k] if kind_tp[k] else 0.0,
        }
    return result


# ------------------------------------------------------------------------ the baseline
_QUOTES = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»|‘([^’]+)’")
_SAID = re.compile(r"\b(said|says|say|told|added)\b")
_NAME = re.compile(r"\b(?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*)*|\b(?:he|she|they)\b")


def direct_quote_baseline(text: str) -> list[dict[str, Any]]:
    """Naive direct quotes: each quoted span, the nearest said/says verb, the nearest name.

    The cue is the closest reporting verb within 80 characters after or before the quote;
    quotes without one are skipped. The source is the capitalised word run (or he/she/they)
    nearest to the cue within 60 characters, not inside the quote.

    >>> [a["source"]["text"] for a in direct_quote_baseline('"We will win," Smith said.')]
    ['Smith']
    """
    out = []
    for m in _QUOTES.finditer(text):
        g = next(i for i in range(1, 5) if m.group(i) is not None)
        cs, ce = m.start(g), m.end(g)
        after = _SAID.search(text, m.end(), min(len(text), m.end() + 80))
        before = [v for v in _SAID.finditer(text, max(0, m.start() - 80), m.start())]
        verb = after or (before[-1] if before else None)
        if verb is None:
            continue
        lo, hi = max(0, verb.start() - 60), min(len(text), verb.end() + 60)
        names = [
            n
            for n in _NAME.finditer(text, lo, hi)
            if (n.end() <= m.start() or n.start() >= m.end()) and n.group() not in ("The", "A")
        ]
        src = min(names, key=lambda n: abs(n.start() - verb.start()), default=None)
        out.append(
            {
                "source": None
                if src is None
                else {"start": src.start(), "end": src.end(), "text": src.group()},
                "cue": {"start": verb.start(), "end": verb.end(), "text": verb.group()},
                "content": {"start": cs, "end": ce, "text": text[cs:ce]},
                "kind": "direct",
            }
        )
    return out


def _load(spec: str) -> Callable[[str], Iterable[Any]]:
    module, _, name = spec.partition(":")
    fn: Callable[[str], Iterable[Any]] = getattr(importlib.import_module(module), name)
    return fn


def _table(name: str, r: dict[str, Any]) -> str:
    rows = [f"{name}: {r['matches']} matches / {r['predicted']} predicted / {r['gold']} gold"]
    rows.append(f"  {'kind':<13} {'P':>5} {'R':>5} {'F1':>5} {'src':>5} {'gold':>5}")
    line = "  {:<13} {:>5.2f} {:>5.2f} {:>5.2f} {:>5.2f} {:>5}"
    rows.append(
        line.format("all", r["precision"], r["recall"], r["f1"], r["source_right"], r["gold"])
    )
    for k, v in r["per_kind"].items():
        rows.append(
            line.format(k, v["precision"], v["recall"], v["f1"], v["source_right"], v["gold"])
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Print the score table of the chosen predictors on the development set."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--predictor", action="append", help="module:function (repeatable)")
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    args = ap.parse_args(argv)
    docs = load_devset(args.data)
    print(f"{len(docs)} articles, {sum(len(d.gold) for d in docs)} gold attributions")
    predictors: dict[str, Callable[[str], Iterable[Any]]] = {}
    if args.predictor:
        for spec in args.predictor:
            predictors[spec] = _load(spec)
    else:
        predictors["direct_quote_baseline"] = direct_quote_baseline
        try:
            predictors["claimgraph.extract.attributions"] = _load("claimgraph.extract:attributions")
        except (ImportError, AttributeError):
            print("(claimgraph.extract.attributions is not importable: baseline only)")
    for name, fn in predictors.items():
        print(_table(name, score(fn, docs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
