"""Truth discovery: estimate how reliable sources are and which claims are credible.

Many sources make claims about objects, and the claims conflict: store A says the author of
book 1 is "Knuth", store B says "Knuth, Donald E.", store C says "Not Available". Truth
discovery estimates, from the claims alone, a *trust* score per source and a *confidence*
per (object, value), then picks for each object the value with the highest confidence. The
idea common to all the methods here: a value is credible when reliable sources claim it, and
a source is reliable when the values it claims are credible.

The methods work on plain ``(source, object, value)`` triples (any hashable values):

===========================  ==============================================================
:func:`majority_vote`        the baseline: the value most sources claim
:func:`sums`                 Sums (Hubs and Authorities), Pasternack and Roth 2010
:func:`average_log`          Average·Log, Pasternack and Roth 2010
:func:`investment`           Investment, Pasternack and Roth 2010 (in log space)
:func:`pooled_investment`    PooledInvestment, Pasternack and Roth 2010 (in log space)
:func:`truthfinder`          TruthFinder, Yin, Han and Yu 2007 (optional value similarity)
:func:`three_estimates`      3-Estimates, Galland, Abiteboul, Marian and Senellart 2010
:func:`accu`                 ACCU, Dong, Berti-Equille and Srivastava 2009 (no copying)
:func:`accu_copy`            the copy-aware variant: ACCU whose votes are discounted for
                             sources that look dependent (a simplified ACCU-COPY)
===========================  ==============================================================

**Ties and undecided objects.** Where several values share an object's highest confidence
(within a relative tolerance of *that object's* top score, ``1e-9`` by default), the method
has not decided between them. By default it abstains: the object is left out of ``truths``
and listed in ``undecided``. ``tie_break="random"`` picks one of the tied values at random
(reproducibly for a given ``seed``), ``tie_break="first"`` the tied value claimed first in
the input (so the caller's order of claims is the documented order of preference).

**Seeds.** The iterative methods take ``seeds``: object → known true value (a label, e.g.
from a fact-checker's review). A seeded object's values are held at the top belief for the
known value and at zero for the others in every round, so sources are judged against the
labels where there are any (semi-supervised truth discovery).

:func:`credibility` adapts a :class:`~claimgraph.ClaimGraph`: propositions declared to
``contradicts`` one another are the alternative values of one object, each other
proposition is an object with the values ``"asserts"`` and ``"denies"``, and ``implies``
carries assertions forward and denials back. :func:`evaluate` scores such a result against
the graph's reviews. Every result says what it rests on: how many claims, sources and
objects, and per object how many sources.

These are aids to judgement, not verdicts: every method assumes that sources are, on the
whole, more often right than wrong, and that the truth is among the values claimed.

Examples
--------
>>> from claimgraph import truth
>>> claims = [
...     ("a", "capital-fr", "Paris"), ("b", "capital-fr", "Paris"), ("c", "capital-fr", "Lyon"),
...     ("a", "capital-de", "Berlin"), ("c", "capital-de", "Bonn"), ("d", "capital-de", "Bonn"),
... ]
>>> mv = truth.majority_vote(claims)
>>> mv.truths["capital-fr"]
'Paris'
>>> res = truth.sums(claims)
>>> res.truths["capital-fr"], res.trust["a"] > res.trust["d"]
('Paris', True)
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import TYPE_CHECKING, Any, Literal

from ._markup import escape_html
from .exceptions import InvalidArgumentError
from .models import OPINION_STANCES

if TYPE_CHECKING:
    from .graph import ClaimGraph
    from .models import Review

__all__ = [
    "METHODS",
    "VERDICTS",
    "Claims",
    "Evaluation",
    "SourceScore",
    "TiePolicy",
    "TruthResult",
    "accu",
    "accu_copy",
    "accuracy",
    "average_log",
    "credibility",
    "evaluate",
    "investment",
    "majority_vote",
    "pooled_investment",
    "review_labels",
    "review_verdict",
    "sums",
    "three_estimates",
    "truthfinder",
]

Claim = tuple[Hashable, Hashable, Hashable]
TiePolicy = Literal["abstain", "random", "first"]
"""What a method does with an object whose top values tie: ``"abstain"`` (leave it
undecided; the default), ``"random"`` (a seeded random choice among the tied values) or
``"first"`` (the tied value claimed first in the input)."""

TIE_TOLERANCE = 1e-9
"""Relative tolerance within which two confidences of one object are a tie."""

_NEG_INF = float("-inf")


# --------------------------------------------------------------------------------- index


class Claims:
    """An index of ``(source, object, value)`` claims, built in one pass.

    Duplicate triples count once. A source may claim several values for one object (each
    method then treats them as separate claims). The values of an object are kept in the
    order they were first claimed (the order ``tie_break="first"`` prefers).

    Examples
    --------
    >>> c = Claims([("s1", "o", 1), ("s2", "o", 2), ("s1", "o", 1)])
    >>> c.n_claims, c.n_sources, c.n_objects
    (2, 2, 1)
    """

    def __init__(self, claims: Iterable[Claim]) -> None:
        self.providers: dict[tuple[Hashable, Hashable], list[Hashable]] = {}
        self.values: dict[Hashable, list[Hashable]] = {}
        self.by_source: dict[Hashable, list[tuple[Hashable, Hashable]]] = {}
        seen: set[Claim] = set()
        for triple in claims:
            try:
                source, obj, value = triple
            except (TypeError, ValueError):
                raise InvalidArgumentError(
                    f"a claim must be a (source, object, value) triple, not {triple!r}"
                ) from None
            if (source, obj, value) in seen:
                continue
            seen.add((source, obj, value))
            fact = (obj, value)
            if fact not in self.providers:
                self.providers[fact] = []
                self.values.setdefault(obj, []).append(value)
            self.providers[fact].append(source)
            self.by_source.setdefault(source, []).append(fact)
        self.n_claims = len(seen)
        self._arrays: _Arrays | None = None

    @property
    def n_sources(self) -> int:
        return len(self.by_source)

    @property
    def n_objects(self) -> int:
        return len(self.values)

    def support(self) -> dict[Hashable, int]:
        """The number of distinct sources making a claim about each object."""
        out: dict[Hashable, int] = {}
        for obj, values in self.values.items():
            srcs: set[Hashable] = set()
            for v in values:
                srcs.update(self.providers[(obj, v)])
            out[obj] = len(srcs)
        return out

    def arrays(self) -> _Arrays:
        """The claims as integer-indexed lists (built once; what the methods iterate)."""
        if self._arrays is None:
            self._arrays = _Arrays(self)
        return self._arrays


class _Arrays:
    """Sources, objects and facts numbered in index order, with their incidence lists."""

    def __init__(self, idx: Claims) -> None:
        self.sources = list(idx.by_source)
        src_no = {s: i for i, s in enumerate(self.sources)}
        self.objects = list(idx.values)
        self.facts: list[tuple[Hashable, Hashable]] = []
        self.fact_obj: list[int] = []
        self.obj_facts: list[list[int]] = []
        fact_no: dict[tuple[Hashable, Hashable], int] = {}
        for o, (obj, values) in enumerate(idx.values.items()):
            row = []
            for v in values:
                fact_no[(obj, v)] = len(self.facts)
                row.append(len(self.facts))
                self.facts.append((obj, v))
                self.fact_obj.append(o)
            self.obj_facts.append(row)
        self.fact_src = [[src_no[s] for s in idx.providers[f]] for f in self.facts]
        self.src_facts = [[fact_no[f] for f in facts] for facts in idx.by_source.values()]
        self.src_objects = [sorted({self.fact_obj[f] for f in facts}) for facts in self.src_facts]


def _index(claims: Iterable[Claim] | Claims) -> Claims:
    return claims if isinstance(claims, Claims) else Claims(claims)


class _Seeds:
    """Seeds (object → known value) as fact numbers: held true, held false."""

    def __init__(self, arr: _Arrays, seeds: Mapping[Hashable, Hashable] | None) -> None:
        self.true: list[int] = []
        self.false: list[int] = []
        self.objects: list[Hashable] = []
        if not seeds:
            return
        obj_no = {o: i for i, o in enumerate(arr.objects)}
        for obj, value in seeds.items():
            o = obj_no.get(obj)
            if o is None:
                continue
            self.objects.append(obj)
            for f in arr.obj_facts[o]:
                (self.true if arr.facts[f][1] == value else self.false).append(f)

    def __bool__(self) -> bool:
        return bool(self.objects)

    def clamp(self, scores: list[float], high: float, low: float) -> None:
        for f in self.true:
            scores[f] = high
        for f in self.false:
            scores[f] = low


# -------------------------------------------------------------------------------- result


def _order(value: Hashable) -> str:
    return repr(value)


def _top_values(vals: Mapping[Hashable, float], rel_tol: float) -> list[Hashable]:
    """The values whose confidence is within ``rel_tol`` of the object's top (relative to
    the top's magnitude), in the order they were claimed."""
    top = max(vals.values())
    floor = top - rel_tol * abs(top)
    return [v for v, c in vals.items() if c >= floor]


@dataclass
class TruthResult:
    """What a truth-discovery method concluded, and what it rests on.

    Attributes
    ----------
    method
        The method's name.
    truths
        Per *decided* object, the value with the highest confidence. Objects whose top
        values tie are not in it under the default tie policy (``"abstain"``); see
        ``undecided``.
    confidence
        Per object, the confidence of each value claimed. Its scale depends on the method
        (a share of votes, a probability, a score normalised to the maximum, or for the
        Investment methods a belief relative to the object's most believed value).
    trust
        Per source, its estimated reliability (same caveat on scale).
    n_claims, n_sources, n_objects
        What the result rests on.
    support
        Per object, the number of distinct sources that made a claim about it: a truth
        resting on one source is a guess.
    iterations, converged
        For the iterative methods: rounds run and whether they stopped by converging.
    params
        The parameters used (and, for :func:`credibility`, how the graph was read).
    undecided
        Objects without a truth: their top values tie and the method abstained.
    tie_break
        The tie policy the result was decided with.
    log_trust
        For the methods computed in log space, the natural logarithm of each source's
        trust (relative to the most trusted): it keeps the ranking where ``trust`` itself
        is too small for a float.
    claims
        The claims the result was computed from (for :func:`evaluate`).
    """

    method: str
    truths: dict[Hashable, Hashable]
    confidence: dict[Hashable, dict[Hashable, float]]
    trust: dict[Hashable, float]
    n_claims: int
    n_sources: int
    n_objects: int
    support: dict[Hashable, int]
    iterations: int = 0
    converged: bool = True
    params: dict[str, Any] = field(default_factory=dict)
    undecided: list[Hashable] = field(default_factory=list)
    tie_break: TiePolicy = "abstain"
    log_trust: dict[Hashable, float] | None = field(default=None, repr=False)
    claims: Claims | None = field(default=None, repr=False, compare=False)

    def ranked_sources(self, n: int | None = None) -> list[tuple[Hashable, float]]:
        """Sources from most to least trusted (ties by name), the first ``n`` if given."""
        key = self.log_trust if self.log_trust is not None else self.trust
        ranked = sorted(self.trust.items(), key=lambda kv: (-key[kv[0]], _order(kv[0])))
        return ranked if n is None else ranked[:n]

    def tied_values(self, obj: Hashable, rel_tol: float = TIE_TOLERANCE) -> list[Hashable]:
        """The values that share ``obj``'s highest confidence, within ``rel_tol`` of it
        (relative to that object's top score), in the order they were claimed. One value:
        the object is decided.

        Examples
        --------
        >>> r = majority_vote([("a", "x", 1), ("b", "x", 2), ("c", "y", 3)])
        >>> r.tied_values("x"), r.tied_values("y")
        ([1, 2], [3])
        """
        return _top_values(self.confidence[obj], rel_tol)

    def ties(self, rel_tol: float = TIE_TOLERANCE) -> list[Hashable]:
        """Objects whose highest confidence is shared by several values, within
        ``rel_tol`` of that object's top score (sorted by ``repr``). Under the default tie
        policy these are the ``undecided`` objects; under another, their entry in
        ``truths`` is a tie-break, not a finding.

        Examples
        --------
        >>> r = majority_vote([("a", "x", 1), ("b", "x", 2), ("c", "y", 3)])
        >>> r.ties(), r.undecided, r.truths
        (['x'], ['x'], {'y': 3})
        """
        out = [o for o, vals in self.confidence.items() if len(_top_values(vals, rel_tol)) > 1]
        return sorted(out, key=_order)

    def with_ties(self, tie_break: TiePolicy, *, seed: int = 0) -> TruthResult:
        """The same result decided with another tie policy.

        Examples
        --------
        >>> r = majority_vote([("a", "x", 1), ("b", "x", 2)])
        >>> r.truths, r.with_ties("first").truths
        ({}, {'x': 1})
        """
        truths, undecided = _decide(self.confidence, tie_break, seed)
        params = {**self.params, "seed": seed} if tie_break == "random" else dict(self.params)
        return replace(self, truths=truths, undecided=undecided, tie_break=tie_break, params=params)

    def _state(self) -> str:
        if not self.iterations:
            return ""
        return f", {self.iterations} iterations{'' if self.converged else ' (not converged)'}"

    def __repr__(self) -> str:
        und = f", {len(self.undecided)} undecided" if self.undecided else ""
        return (
            f"<TruthResult {self.method}: {self.n_objects} objects, {self.n_sources} sources, "
            f"{self.n_claims} claims{self._state()}{und}>"
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data (keys as strings), for JSON."""
        return {
            "method": self.method,
            "rests_on": {
                "claims": self.n_claims,
                "sources": self.n_sources,
                "objects": self.n_objects,
            },
            "iterations": self.iterations,
            "converged": self.converged,
            "params": dict(self.params),
            "tie_break": self.tie_break,
            "truths": {str(k): v for k, v in self.truths.items()},
            "undecided": [str(k) for k in self.undecided],
            "ties": [str(k) for k in self.ties()],
            "confidence": {
                str(o): {str(v): c for v, c in vs.items()} for o, vs in self.confidence.items()
            },
            "support": {str(k): v for k, v in self.support.items()},
            "trust": {str(k): v for k, v in self.trust.items()},
        }

    def _repr_html_(self, top: int = 10) -> str:
        e = escape_html
        ties = set(self.ties())
        objs = sorted(self.confidence, key=_order)[:top]

        def cell(o: Hashable) -> str:
            if o not in self.truths:
                return "<i>undecided: " + e(", ".join(map(str, self.tied_values(o)))) + "</i>"
            return f"{e(str(self.truths[o]))}{' <i>(tie)</i>' if o in ties else ''}"

        rows = "".join(
            f"<tr><td>{e(str(o))}</td><td>{cell(o)}</td>"
            f"<td>{max(self.confidence[o].values()):.3g}</td><td>{self.support[o]}</td></tr>"
            for o in objs
        )
        srcs = "".join(
            f"<tr><td>{e(str(s))}</td><td>{t:.3g}</td></tr>" for s, t in self.ranked_sources(top)
        )
        more = f"<p>… and {self.n_objects - top} more objects</p>" if self.n_objects > top else ""
        und = f", {len(self.undecided)} undecided" if self.undecided else ""
        return (
            f"<div><p><b>{e(self.method)}</b>: rests on {self.n_claims} claims by "
            f"{self.n_sources} sources about {self.n_objects} objects{self._state()}{und}"
            "</p><table><tr><th>object</th><th>most credible value</th><th>confidence</th>"
            f"<th>sources</th></tr>{rows}</table>{more}"
            "<table><tr><th>source</th><th>trust</th></tr>"
            f"{srcs}</table></div>"
        )


def _check_tie_break(tie_break: str) -> None:
    if tie_break not in ("abstain", "random", "first"):
        raise InvalidArgumentError(
            f"tie_break must be 'abstain', 'random' or 'first', not {tie_break!r}"
        )


def _decide(
    confidence: Mapping[Hashable, Mapping[Hashable, float]], tie_break: TiePolicy, seed: int
) -> tuple[dict[Hashable, Hashable], list[Hashable]]:
    _check_tie_break(tie_break)
    truths: dict[Hashable, Hashable] = {}
    undecided: list[Hashable] = []
    for obj, vals in confidence.items():
        tops = _top_values(vals, TIE_TOLERANCE)
        if len(tops) == 1 or tie_break == "first":
            truths[obj] = tops[0]
        elif tie_break == "random":
            # one generator per object, seeded by (seed, object): a choice does not depend
            # on the other objects
            rng = random.Random(f"{seed}\x1f{obj!r}")  # noqa: S311 - not for security
            truths[obj] = rng.choice(tops)
        else:
            undecided.append(obj)
    return truths, sorted(undecided, key=_order)


def _result(
    method: str,
    idx: Claims,
    confidence: dict[Hashable, dict[Hashable, float]],
    trust: dict[Hashable, float],
    iterations: int = 0,
    converged: bool = True,
    *,
    tie_break: TiePolicy = "abstain",
    seed: int = 0,
    log_trust: dict[Hashable, float] | None = None,
    seeds: _Seeds | None = None,
    **params: Any,
) -> TruthResult:
    truths, undecided = _decide(confidence, tie_break, seed)
    if tie_break == "random":
        params["seed"] = seed
    if seeds:
        params["seeds"] = list(seeds.objects)
    return TruthResult(
        method=method,
        truths=truths,
        confidence=confidence,
        trust=trust,
        n_claims=idx.n_claims,
        n_sources=idx.n_sources,
        n_objects=idx.n_objects,
        support=idx.support(),
        iterations=iterations,
        converged=converged,
        params=params,
        undecided=undecided,
        tie_break=tie_break,
        log_trust=log_trust,
        claims=idx,
    )


def _per_object(arr: _Arrays, scores: Sequence[float]) -> dict[Hashable, dict[Hashable, float]]:
    return {
        obj: {arr.facts[f][1]: scores[f] for f in arr.obj_facts[o]}
        for o, obj in enumerate(arr.objects)
    }


def _per_source(arr: _Arrays, scores: Sequence[float]) -> dict[Hashable, float]:
    return dict(zip(arr.sources, scores, strict=True))


def _max_normalise(xs: list[float]) -> None:
    top = max(xs, default=0.0)
    if top > 0:
        for i, x in enumerate(xs):
            xs[i] = x / top


def _change(old: Sequence[float], new: Sequence[float]) -> float:
    return max((abs(a - b) for a, b in zip(old, new, strict=True)), default=0.0)


def _lse(xs: list[float]) -> float:
    """log Σ exp(x), exactly -inf for an empty or all -inf list."""
    if len(xs) == 1:
        return xs[0]
    m = max(xs, default=_NEG_INF)
    if m == _NEG_INF:
        return _NEG_INF
    return m + math.log(sum(math.exp(x - m) for x in xs))


class _Ranking:
    """Convergence on the ranking: per object, the order of its values by score.

    ``step`` returns whether the share of objects whose order changed since the last call
    has been at most ``tol`` for three rounds in a row. Orders are compared exactly; values
    with equal scores (a real tie computes equal) are ordered by ``repr``, so that the
    input's order does not matter.
    """

    ROUNDS = 3

    def __init__(self, arr: _Arrays, tol: float) -> None:
        self.arr, self.tol = arr, tol
        self.multi = [
            sorted(facts, key=lambda f: _order(arr.facts[f][1]))
            for facts in arr.obj_facts
            if len(facts) > 1
        ]
        self.last: list[list[int]] | None = None
        self.calm = 0

    def step(self, scores: Sequence[float]) -> bool:
        orders = [sorted(facts, key=lambda f: -scores[f]) for facts in self.multi]
        if self.last is None:
            self.last = orders
            return False
        changed = sum(a != b for a, b in zip(self.last, orders, strict=True))
        self.last = orders
        share = changed / len(self.arr.obj_facts) if self.arr.obj_facts else 0.0
        self.calm = self.calm + 1 if share <= self.tol else 0
        return self.calm >= self.ROUNDS


def _check_common(max_iter: int, tol: float) -> None:
    if max_iter < 1:
        raise InvalidArgumentError(f"max_iter must be at least 1, not {max_iter}")
    if not tol >= 0:
        raise InvalidArgumentError(f"tol must be zero or more, not {tol}")


# ------------------------------------------------------------------------------- methods


def majority_vote(
    claims: Iterable[Claim] | Claims, *, tie_break: TiePolicy = "abstain", seed: int = 0
) -> TruthResult:
    """The baseline: each object's value is the one claimed by most sources.

    ``confidence`` is the share of the object's claims that back each value; ``trust`` is
    the share of a source's claims that agree with the majority (a by-product, not an
    input; a claim of one of ``k`` tied values counts ``1/k``).

    Examples
    --------
    >>> r = majority_vote([("a", "x", 1), ("b", "x", 1), ("c", "x", 2)])
    >>> r.truths, r.confidence["x"][1]
    ({'x': 1}, 0.6666666666666666)
    >>> r.trust["c"]
    0.0
    """
    idx = _index(claims)
    confidence: dict[Hashable, dict[Hashable, float]] = {}
    for obj, values in idx.values.items():
        counts = {v: len(idx.providers[(obj, v)]) for v in values}
        total = sum(counts.values())
        confidence[obj] = {v: c / total for v, c in counts.items()}
    res = _result("majority vote", idx, confidence, {}, tie_break=tie_break, seed=seed)
    tops = {o: _top_values(vals, TIE_TOLERANCE) for o, vals in confidence.items()}
    res.trust = {
        s: sum(1 / len(tops[o]) for o, v in facts if v in tops[o]) / len(facts)
        for s, facts in idx.by_source.items()
    }
    return res


def sums(
    claims: Iterable[Claim] | Claims,
    *,
    max_iter: int = 50,
    tol: float = 1e-6,
    seeds: Mapping[Hashable, Hashable] | None = None,
    tie_break: TiePolicy = "abstain",
    seed: int = 0,
) -> TruthResult:
    """Sums (Hubs and Authorities; Pasternack and Roth, COLING 2010).

    ``T(s) = Σ_{c ∈ C(s)} B(c)`` and ``B(c) = Σ_{s ∈ S(c)} T(s)`` (Pasternack and Roth's
    eq. for Sums, after Kleinberg's hubs and authorities), both divided by their maximum
    after each round, so they lie in [0, 1]. Starts from belief 0.5 for every claim; stops
    when no score changes by more than ``tol`` or after ``max_iter`` rounds. Seeded
    objects hold belief 1 for the known value and 0 for the others.

    Examples
    --------
    >>> r = sums([("a", "x", 1), ("b", "x", 1), ("c", "x", 2), ("c", "y", 3), ("a", "y", 4)])
    >>> r.truths["x"], round(r.trust["a"], 3)
    (1, 1.0)
    """
    _check_common(max_iter, tol)
    idx = _index(claims)
    arr = idx.arrays()
    fixed = _Seeds(arr, seeds)
    belief = [0.5] * len(arr.facts)
    fixed.clamp(belief, 1.0, 0.0)
    trust: list[float] = [0.0] * len(arr.sources)
    converged = False
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        trust = [sum(belief[f] for f in facts) for facts in arr.src_facts]
        _max_normalise(trust)
        new = [float(sum(trust[s] for s in srcs)) for srcs in arr.fact_src]
        _max_normalise(new)
        fixed.clamp(new, 1.0, 0.0)
        delta = _change(belief, new)
        belief = new
        if delta < tol:
            converged = True
            break
    return _result(
        "sums",
        idx,
        _per_object(arr, belief),
        _per_source(arr, trust),
        it,
        converged,
        tie_break=tie_break,
        seed=seed,
        seeds=fixed,
        max_iter=max_iter,
        tol=tol,
    )


def average_log(
    claims: Iterable[Claim] | Claims,
    *,
    max_iter: int = 100,
    tol: float = 0.0,
    seeds: Mapping[Hashable, Hashable] | None = None,
    tie_break: TiePolicy = "abstain",
    seed: int = 0,
) -> TruthResult:
    """Average·Log (Pasternack and Roth, COLING 2010).

    ``T(s) = log|C(s)| · Σ_{c ∈ C(s)} B(c) / |C(s)|``: a source's trust is the mean belief
    in its claims, weighted by the logarithm of how many it makes (Sums rewards volume,
    the plain mean rewards a single lucky claim; a source with one claim gets trust 0);
    ``B(c) = Σ_{s ∈ S(c)} T(s)``. Both are divided by their maximum after each round.
    Starts from belief 0.5; stops once the ranking of each object's values has changed for
    a share of at most ``tol`` of the objects in three rounds in a row.

    Examples
    --------
    >>> claims = [("a", "x", 1), ("a", "y", 1), ("b", "x", 1), ("b", "y", 2), ("c", "y", 2)]
    >>> r = average_log(claims)
    >>> r.truths["x"], r.trust["c"]
    (1, 0.0)
    """
    _check_common(max_iter, tol)
    idx = _index(claims)
    arr = idx.arrays()
    fixed = _Seeds(arr, seeds)
    weight = [math.log(len(facts)) / len(facts) for facts in arr.src_facts]
    belief = [0.5] * len(arr.facts)
    fixed.clamp(belief, 1.0, 0.0)
    trust: list[float] = [0.0] * len(arr.sources)
    ranking = _Ranking(arr, tol)
    converged = False
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        trust = [
            w * sum(belief[f] for f in facts)
            for w, facts in zip(weight, arr.src_facts, strict=True)
        ]
        _max_normalise(trust)
        belief = [float(sum(trust[s] for s in srcs)) for srcs in arr.fact_src]
        _max_normalise(belief)
        fixed.clamp(belief, 1.0, 0.0)
        if ranking.step(belief):
            converged = True
            break
    return _result(
        "average-log",
        idx,
        _per_object(arr, belief),
        _per_source(arr, trust),
        it,
        converged,
        tie_break=tie_break,
        seed=seed,
        seeds=fixed,
        max_iter=max_iter,
        tol=tol,
    )


def _investment(
    method: str,
    claims: Iterable[Claim] | Claims,
    pooled: bool,
    g: float,
    max_iter: int,
    tol: float,
    seeds: Mapping[Hashable, Hashable] | None,
    tie_break: TiePolicy,
    seed: int,
) -> TruthResult:
    _check_common(max_iter, tol)
    idx = _index(claims)
    arr = idx.arrays()
    fixed = _Seeds(arr, seeds)
    log_n = [math.log(len(facts)) for facts in arr.src_facts]
    lt = [0.0] * len(arr.sources)  # log trust, T⁰ = 1

    def beliefs(lt: list[float]) -> tuple[list[float], list[float]]:
        linv = [t - n for t, n in zip(lt, log_n, strict=True)]
        lh = [_lse([linv[s] for s in srcs]) for srcs in arr.fact_src]  # log invested
        if pooled:
            lb = [0.0] * len(lh)
            for facts in arr.obj_facts:
                z = _lse([g * lh[f] for f in facts])
                for f in facts:
                    lb[f] = lh[f] + g * lh[f] - z if z > _NEG_INF else _NEG_INF
        else:
            lb = [g * h for h in lh]
        if fixed:
            fixed.clamp(lb, max(lb), _NEG_INF)
        return lh, lb

    lh, lb = beliefs(lt)
    ranking = _Ranking(arr, tol)
    converged = False
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        # T(s) = Σ_c B(c) · (T(s)/|C(s)|) / Σ_{r ∈ S(c)} T(r)/|C(r)|, in logs
        lt = [
            t - n + _lse([lb[f] - lh[f] for f in facts if lh[f] > _NEG_INF])
            for t, n, facts in zip(lt, log_n, arr.src_facts, strict=True)
        ]
        top = max(lt)
        if top > _NEG_INF:  # dividing by the largest trust changes no ranking
            lt = [t - top for t in lt]
        lh, lb = beliefs(lt)
        if ranking.step(lb):
            converged = True
            break
    conf: list[float] = [0.0] * len(lb)
    for facts in arr.obj_facts:  # beliefs relative to the object's most believed value
        top = max(lb[f] for f in facts)
        for f in facts:
            conf[f] = math.exp(lb[f] - top) if top > _NEG_INF else 0.0
    return _result(
        method,
        idx,
        _per_object(arr, conf),
        _per_source(arr, [math.exp(t) for t in lt]),
        it,
        converged,
        tie_break=tie_break,
        seed=seed,
        log_trust=_per_source(arr, lt),
        seeds=fixed,
        g=g,
        max_iter=max_iter,
        tol=tol,
    )


def investment(
    claims: Iterable[Claim] | Claims,
    *,
    g: float = 1.2,
    max_iter: int = 200,
    tol: float = 0.0,
    seeds: Mapping[Hashable, Hashable] | None = None,
    tie_break: TiePolicy = "abstain",
    seed: int = 0,
) -> TruthResult:
    """Investment (Pasternack and Roth, "Knowing what to believe (when you already know
    something)", COLING 2010).

    Each source spreads its trust evenly over its claims; a claim's belief is
    ``B(c) = G(Σ_{s ∈ S(c)} T(s) / |C(s)|)`` with ``G(x) = x^g`` (the authors use
    ``g = 1.2``); a source earns from each claim a share of the claim's belief
    proportional to what it invested: ``T'(s) = Σ_{c ∈ C(s)} B(c) · (T(s)/|C(s)|) /
    Σ_{r ∈ S(c)} (T(r)/|C(r)|)``. Trust starts at 1.

    Because ``G`` raises beliefs to a power every round, the ratio between two beliefs
    grows like ``1.2^round``: in plain floats, everything outside the best-supported
    cluster underflows to zero within a few dozen rounds. Here every quantity is kept as
    its logarithm (sums by log-sum-exp), so no belief underflows and the ranking stays
    exact. ``confidence`` is each value's belief relative to its object's most believed
    value (the top value has 1.0); ``trust`` is relative to the most trusted source and
    ``log_trust`` its logarithm. Stops once the ranking of each object's values has
    changed for a share of at most ``tol`` of the objects in three rounds in a row (the
    scores themselves never settle: they keep diverging). Seeded objects hold the top
    belief of the round for the known value and zero for the others.

    Examples
    --------
    >>> r = investment([("a", "x", 1), ("b", "x", 1), ("c", "x", 2)])
    >>> r.truths["x"], r.trust["a"] > r.trust["c"]
    (1, True)
    """
    return _investment("investment", claims, False, g, max_iter, tol, seeds, tie_break, seed)


def pooled_investment(
    claims: Iterable[Claim] | Claims,
    *,
    g: float = 1.4,
    max_iter: int = 200,
    tol: float = 0.0,
    seeds: Mapping[Hashable, Hashable] | None = None,
    tie_break: TiePolicy = "abstain",
    seed: int = 0,
) -> TruthResult:
    """PooledInvestment (Pasternack and Roth, COLING 2010).

    Trust is earned as in :func:`investment`; the amount invested in a claim,
    ``H(c) = Σ_{s ∈ S(c)} T(s)/|C(s)|``, is then pooled within the claim's mutual
    exclusion set ``M(c)`` (the values of the same object): ``B(c) = H(c) · G(H(c)) /
    Σ_{d ∈ M(c)} G(H(d))``, ``G(x) = x^g`` with the authors' ``g = 1.4``. Computed in log
    space like :func:`investment`, with the same stopping rule and the same scales.

    Examples
    --------
    >>> r = pooled_investment([("a", "x", 1), ("b", "x", 1), ("c", "x", 2), ("c", "y", 3)])
    >>> r.truths["x"], r.confidence["x"][1]
    (1, 1.0)
    """
    return _investment("pooled investment", claims, True, g, max_iter, tol, seeds, tie_break, seed)


def _sigmoid(x: float) -> float:
    if x < -700:
        return 0.0
    return 1 / (1 + math.exp(-x))


def truthfinder(
    claims: Iterable[Claim] | Claims,
    *,
    similarity: Callable[[Hashable, Hashable], float] | None = None,
    initial_trust: float = 0.9,
    gamma: float = 0.3,
    rho: float = 0.5,
    base_sim: float = 0.5,
    max_iter: int = 50,
    tol: float = 1e-3,
    seeds: Mapping[Hashable, Hashable] | None = None,
    tie_break: TiePolicy = "abstain",
    seed: int = 0,
) -> TruthResult:
    """TruthFinder (Yin, Han and Yu, KDD 2007).

    A source's trust ``t(w)`` is the mean confidence of its facts; a fact's confidence
    score is ``σ(f) = Σ τ(w)`` over its sources, with ``τ(w) = -ln(1 - t(w))``; with a
    ``similarity`` of values it becomes ``σ*(f) = σ(f) + ρ Σ σ(f') (sim(f', f) - base_sim)``
    over the other values ``f'`` of the same object (the paper's implication); the
    confidence is ``s(f) = 1 / (1 + exp(-γ σ*(f)))`` (the paper's dampening). Without a
    similarity, values do not imply each other. Trust starts at ``initial_trust``; stops
    when the trust vector's cosine similarity to the previous round exceeds ``1 - tol``.
    Trust is kept below 1 (``1 - 1e-9``) so ``τ`` stays finite. Seeded objects hold
    confidence 1 for the known value and 0 for the others.

    Examples
    --------
    >>> r = truthfinder([("a", "x", 1), ("b", "x", 1), ("c", "x", 2)])
    >>> r.truths["x"], r.confidence["x"][1] > r.confidence["x"][2]
    (1, True)
    """
    _check_common(max_iter, tol)
    idx = _index(claims)
    arr = idx.arrays()
    fixed = _Seeds(arr, seeds)
    # the similarity of each pair of values of an object, computed once
    lent: list[list[tuple[int, float]]] = [[] for _ in arr.facts]
    if similarity is not None:
        for facts in arr.obj_facts:
            for f in facts:
                v = arr.facts[f][1]
                lent[f] = [
                    (w, rho * (similarity(arr.facts[w][1], v) - base_sim)) for w in facts if w != f
                ]
    trust = [initial_trust] * len(arr.sources)
    conf = [0.0] * len(arr.facts)
    converged = False
    it = 0
    cap = 1 - 1e-9
    for it in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        tau = [-math.log(1 - min(t, cap)) for t in trust]
        sigma = [sum(tau[s] for s in srcs) for srcs in arr.fact_src]
        for f, pairs in enumerate(lent):
            score = sigma[f] + sum(sigma[w] * k for w, k in pairs)
            conf[f] = _sigmoid(gamma * score)
        fixed.clamp(conf, 1.0, 0.0)
        new = [sum(conf[f] for f in facts) / len(facts) for facts in arr.src_facts]
        dot = sum(a * b for a, b in zip(trust, new, strict=True))
        norm = math.sqrt(sum(x * x for x in trust) * sum(x * x for x in new))
        trust = new
        if norm and 1 - dot / norm < tol:
            converged = True
            break
    return _result(
        "truthfinder",
        idx,
        _per_object(arr, conf),
        _per_source(arr, trust),
        it,
        converged,
        tie_break=tie_break,
        seed=seed,
        seeds=fixed,
        similarity=None if similarity is None else getattr(similarity, "__name__", "custom"),
        initial_trust=initial_trust,
        gamma=gamma,
        rho=rho,
        base_sim=base_sim,
    )


def _min_max(xs: list[float], floor: float) -> None:
    """Rescale to [0, 1] linearly (as 3-Estimates does), then raise to at least ``floor``."""
    lo, hi = min(xs, default=0.0), max(xs, default=0.0)
    span = hi - lo
    for i, x in enumerate(xs):
        xs[i] = max(floor, (x - lo) / span if span > 0 else 1.0)


def three_estimates(
    claims: Iterable[Claim] | Claims,
    *,
    initial_error: float = 0.2,
    initial_difficulty: float = 0.5,
    floor: float = 1e-3,
    max_iter: int = 100,
    tol: float = 0.0,
    seeds: Mapping[Hashable, Hashable] | None = None,
    tie_break: TiePolicy = "abstain",
    seed: int = 0,
) -> TruthResult:
    """3-Estimates (Galland, Abiteboul, Marian and Senellart, "Corroborating information
    from disagreeing views", WSDM 2010).

    Three quantities are estimated in turn: each fact's truth ``θ(f)``, each fact's
    difficulty ``δ(f)`` and each source's (view's) error rate ``ε(v)``; a source of error
    ``ε`` is wrong about a fact of difficulty ``δ`` with probability ``ε δ``. A source
    that claims a value of an object votes *for* it and *against* every other value of
    that object (the functional dependency). With ``V(f)`` the sources speaking about
    ``f``'s object and ``F(v)`` the values of the objects ``v`` speaks about:

    * ``θ(f) = mean_{v ∈ V(f)} [1 - ε(v) δ(f) if v votes for f, else ε(v) δ(f)]``
    * ``δ(f) = mean_{v ∈ V(f)} [(1 - θ(f)) / ε(v) if for, else θ(f) / ε(v)]``
    * ``ε(v) = mean_{f ∈ F(v)} [(1 - θ(f)) / δ(f) if for, else θ(f) / δ(f)]``

    After each round the three vectors are rescaled linearly to [0, 1] (the paper's
    normalisation; without its rounding mix), and ``δ`` and ``ε`` kept at least ``floor``
    so the divisions are defined. Starts from ``initial_error`` and
    ``initial_difficulty``; stops on the ranking like :func:`average_log`. ``trust`` is
    ``1 - ε``; ``confidence`` is ``θ``. Seeded objects hold ``θ`` 1 for the known value and
    0 for the others.

    Examples
    --------
    >>> claims = [(s, o, "T") for s in "abc" for o in range(3)] + [("d", 0, "F"), ("a", 9, "T"),
    ...                                                            ("d", 9, "F")]
    >>> r = three_estimates(claims)
    >>> r.truths[9], r.trust["a"] > r.trust["d"]
    ('T', True)
    """
    _check_common(max_iter, tol)
    idx = _index(claims)
    arr = idx.arrays()
    fixed = _Seeds(arr, seeds)
    obj_src = [sorted({s for f in facts for s in arr.fact_src[f]}) for facts in arr.obj_facts]
    n_values = [sum(len(arr.obj_facts[o]) for o in objs) for objs in arr.src_objects]
    err = [initial_error] * len(arr.sources)
    diff = [initial_difficulty] * len(arr.facts)
    theta = [0.0] * len(arr.facts)
    ranking = _Ranking(arr, tol)
    converged = False
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        for o, facts in enumerate(arr.obj_facts):
            srcs = obj_src[o]
            e_all = sum(err[s] for s in srcs)
            for f in facts:
                pos = arr.fact_src[f]
                e_pos = sum(err[s] for s in pos)
                theta[f] = (len(pos) - diff[f] * e_pos + diff[f] * (e_all - e_pos)) / len(srcs)
        _min_max(theta, 0.0)
        fixed.clamp(theta, 1.0, 0.0)
        for o, facts in enumerate(arr.obj_facts):
            srcs = obj_src[o]
            r_all = sum(1 / err[s] for s in srcs)
            for f in facts:
                r_pos = sum(1 / err[s] for s in arr.fact_src[f])
                diff[f] = ((1 - theta[f]) * r_pos + theta[f] * (r_all - r_pos)) / len(srcs)
        _min_max(diff, floor)
        a_obj = [sum(theta[f] / diff[f] for f in facts) for facts in arr.obj_facts]
        for s, facts in enumerate(arr.src_facts):
            total = sum(a_obj[o] for o in arr.src_objects[s])
            total += sum((1 - 2 * theta[f]) / diff[f] for f in facts)
            err[s] = total / n_values[s]
        _min_max(err, floor)
        if ranking.step(theta):
            converged = True
            break
    return _result(
        "3-estimates",
        idx,
        _per_object(arr, theta),
        _per_source(arr, [1 - e for e in err]),
        it,
        converged,
        tie_break=tie_break,
        seed=seed,
        seeds=fixed,
        initial_error=initial_error,
        initial_difficulty=initial_difficulty,
        max_iter=max_iter,
        tol=tol,
    )


# ---------------------------------------------------------------------------------- ACCU


def _pair_evidence(arr: _Arrays) -> tuple[list[tuple[int, int]], list[int], list[list[int]]]:
    """For each pair of sources that claim the same value somewhere: the pair, the number
    of objects they both speak about, and the facts they share. Built from the per-fact
    provider lists (no scan over all pairs of sources)."""
    shared: dict[tuple[int, int], list[int]] = {}
    for f, srcs in enumerate(arr.fact_src):
        if len(srcs) < 2:
            continue
        for a, b in combinations(sorted(srcs), 2):
            row = shared.get((a, b))
            if row is None:
                shared[(a, b)] = [f]
            else:
                row.append(f)
    objects = [set(objs) for objs in arr.src_objects]
    pairs = list(shared)
    common = [len(objects[a] & objects[b]) for a, b in pairs]
    return pairs, common, [shared[p] for p in pairs]


def _log_add(x: float, y: float) -> float:
    m = max(x, y)
    return m + math.log(math.exp(x - m) + math.exp(y - m))


def _dependence(
    a1: float, a2: float, kt: float, kf: float, kd: int, n: int, alpha: float, c: float
) -> float:
    """Posterior probability that two sources are dependent (either copies the other),
    given kt shared true values, kf shared false values and kd differing objects
    (Dong, Berti-Equille and Srivastava 2009, eqs. 1-4, with per-source accuracies)."""
    pt = a1 * a2
    pf = (1 - a1) * (1 - a2) / n
    pd = max(1 - pt - pf, 1e-12)
    log_ind = kt * math.log(pt) + kf * math.log(pf) + kd * math.log(pd)

    def copying(orig: float) -> float:  # the copier copies from a source of accuracy orig
        return (
            kt * math.log(orig * c + pt * (1 - c))
            + kf * math.log((1 - orig) * c + pf * (1 - c))
            + kd * math.log(pd * (1 - c))
        )

    log_dep = math.log(alpha / 2) + _log_add(copying(a1), copying(a2))
    log_ind += math.log(1 - alpha)
    return 1 / (1 + math.exp(min(700.0, log_ind - log_dep)))


def _accu(
    method: str,
    claims: Iterable[Claim] | Claims,
    copying: bool,
    n: int,
    initial_accuracy: float,
    alpha: float,
    c: float,
    max_iter: int,
    tol: float,
    seeds: Mapping[Hashable, Hashable] | None,
    tie_break: TiePolicy,
    seed: int,
) -> TruthResult:
    _check_common(max_iter, tol)
    if n < 1:
        raise InvalidArgumentError(f"n (the number of false values) must be at least 1, not {n}")
    idx = _index(claims)
    arr = idx.arrays()
    fixed = _Seeds(arr, seeds)
    acc = [initial_accuracy] * len(arr.sources)
    pairs, common, shared = _pair_evidence(arr) if copying else ([], [], [])
    dep: dict[tuple[int, int], float] = {}
    prob = [0.0] * len(arr.facts)
    is_true: list[bool] = []
    step, last_delta = 1.0, math.inf
    converged = False
    it = 0
    for it in range(1, max_iter + 1):
        score = [math.log(n * a / (1 - a)) for a in acc]
        if copying and is_true:
            dep = {}
            for (a, b), n_common, facts in zip(pairs, common, shared, strict=True):
                kt = sum(prob[f] for f in facts)  # expected, so the rounds are smooth
                kf = len(facts) - kt
                p = _dependence(acc[a], acc[b], kt, kf, n_common - len(facts), n, alpha, c)
                if p > 1e-6:
                    dep[(a, b)] = dep[(b, a)] = p
        is_true = [False] * len(arr.facts)
        for facts in arr.obj_facts:
            votes = []
            for f in facts:
                srcs = arr.fact_src[f]
                if dep and len(srcs) > 1:
                    # most accurate first; each later source's vote shrinks by its
                    # dependence on the earlier ones (Dong et al.'s independence factor)
                    ordered = sorted(srcs, key=lambda s: (-acc[s], s))
                    total = 0.0
                    for i, s in enumerate(ordered):
                        weight = 1.0
                        for earlier in ordered[:i]:
                            d = dep.get((s, earlier))
                            if d is not None:
                                weight *= 1 - c * d
                        total += score[s] * weight
                    votes.append(total)
                else:
                    votes.append(sum(score[s] for s in srcs))
            top = max(votes)
            z = sum(math.exp(x - top) for x in votes)
            for f, x in zip(facts, votes, strict=True):
                prob[f] = math.exp(x - top) / z
                is_true[f] = x == top
        if fixed:
            fixed.clamp(prob, 1.0, 0.0)
            for f in fixed.true:
                is_true[f] = True
            for f in fixed.false:
                is_true[f] = False
        new = [
            min(0.99, max(0.01, sum(prob[f] for f in facts) / len(facts)))
            for facts in arr.src_facts
        ]
        delta = _change(acc, new)
        if it > 2 and delta >= last_delta:
            # the change stopped shrinking: a cycle (truths and dependences flipping back
            # and forth). Smaller steps keep the fixed points and break the cycle.
            step /= 2
        last_delta = delta
        if step < 1:
            new = [a + step * (b - a) for a, b in zip(acc, new, strict=True)]
            delta *= step
        acc = new
        if delta < tol and (not copying or it > 1):
            converged = True
            break
    res = _result(
        method,
        idx,
        _per_object(arr, prob),
        _per_source(arr, acc),
        it,
        converged,
        tie_break=tie_break,
        seed=seed,
        seeds=fixed,
        n=n,
        initial_accuracy=initial_accuracy,
        max_iter=max_iter,
        tol=tol,
    )
    res.params["step"] = step
    if copying:
        res.params.update(alpha=alpha, c=c)
        res.params["dependent_pairs"] = sum(p > 0.5 for p in dep.values()) // 2
    return res


def accu(
    claims: Iterable[Claim] | Claims,
    *,
    n: int = 100,
    initial_accuracy: float = 0.8,
    max_iter: int = 100,
    tol: float = 1e-3,
    seeds: Mapping[Hashable, Hashable] | None = None,
    tie_break: TiePolicy = "abstain",
    seed: int = 0,
) -> TruthResult:
    """ACCU (Dong, Berti-Equille and Srivastava, "Integrating conflicting data: the role
    of source dependence", VLDB 2009), without copy detection.

    A source of accuracy ``A`` casts a vote ``ln(n A / (1 - A))`` for each value it claims
    (``n``: the assumed number of false values per object); a value's probability is the
    softmax of its votes over the object's claimed values; a source's accuracy is the mean
    probability of its values (kept in [0.01, 0.99]). Starts from ``initial_accuracy``;
    stops when no accuracy changes by more than ``tol`` (accuracies are probabilities: a
    change below 0.001 changes no vote by more than 0.1 %) or after ``max_iter`` rounds.
    Each time the largest change fails to shrink from one round to the next (the
    estimates cycle: truths, and with copying the dependences, flip back and forth), the
    rounds that follow move the accuracies by half the step they did before (damping: the
    fixed points are the same, the cycle is broken; the change tested against ``tol`` is
    the step taken). ``params["step"]`` is the last step (1.0: never damped).
    Seeded objects hold probability 1 for the known value and 0 for the others.

    Examples
    --------
    >>> r = accu([("a", "x", 1), ("b", "x", 1), ("c", "x", 2)])
    >>> r.truths["x"], r.trust["a"] > r.trust["c"]
    (1, True)
    """
    return _accu(
        "accu", claims, False, n, initial_accuracy, 0.0, 0.0, max_iter, tol, seeds, tie_break,
        seed,
    )  # fmt: skip


def accu_copy(
    claims: Iterable[Claim] | Claims,
    *,
    n: int = 100,
    initial_accuracy: float = 0.8,
    alpha: float = 0.2,
    c: float = 0.8,
    max_iter: int = 100,
    tol: float = 1e-3,
    seeds: Mapping[Hashable, Hashable] | None = None,
    tie_break: TiePolicy = "abstain",
    seed: int = 0,
) -> TruthResult:
    """Copy-aware ACCU: votes of sources that look dependent on each other are discounted.

    A simplified version of Dong, Berti-Equille and Srivastava's ACCU-COPY (VLDB 2009).
    Each round, after the truths of the previous round are known:

    1. For each pair of sources that claim the same value for at least one object, count
       ``kt`` shared values that are currently true, ``kf`` shared values that are currently
       false (both as expected counts: the sum of the shared values' current probability,
       and of its complement, so that a value's flip from false to true moves them
       smoothly), and ``kd`` objects both speak about with different values. Sharing *false*
       values is the evidence of copying: independent sources rarely make the same mistake.
    2. The posterior probability that the pair is dependent is Bayes' rule between
       independence (same true value with probability ``A1 A2``, same false value
       ``(1-A1)(1-A2)/n``) and copying in either direction (a copier repeats the original's
       value with probability ``c``), with prior ``alpha`` for dependence.
    3. The votes for a value are added in order of decreasing source accuracy; each
       source's vote is multiplied by ``Π (1 - c P(dependent))`` over the sources before it
       that claim the same value.

    Simplifications, compared with the paper: the order of sources is by accuracy (the
    paper orders them greedily by dependence), copying direction is not reported, only
    pairs sharing a value are tested (pairs that share none are independent for voting
    anyway), and there is no per-value popularity model of false values (every false
    value is one of ``n`` equally likely). ``params["dependent_pairs"]`` counts pairs found
    dependent with probability over 0.5 in the last round. Stops, and damps cycles, as
    :func:`accu` does (and never stops before the second round, the first with
    dependence).

    Examples
    --------
    Three sources repeat one another, mistakes included (objects 0-5, where four
    independent sources outvote them); on objects 20-23 only two independent sources
    disagree with the three copies, and plain ACCU follows the copies:

    >>> copies = [(s, o, "bad" if o < 6 or o >= 20 else "ok")
    ...           for s in ("orig", "copy1", "copy2") for o in range(24)]
    >>> independent = [(s, o, "ok" if o != 6 + i else "oops")
    ...                for i, s in enumerate(["i1", "i2", "i3", "i4"])
    ...                for o in range(24 if i < 2 else 20)]
    >>> claims = copies + independent
    >>> majority_vote(claims).truths[22], accu(claims).truths[22], accu_copy(claims).truths[22]
    ('bad', 'bad', 'ok')
    >>> accu_copy(claims).params["dependent_pairs"]
    3
    """
    return _accu(
        "accu-copy", claims, True, n, initial_accuracy, alpha, c, max_iter, tol, seeds,
        tie_break, seed,
    )  # fmt: skip


METHODS: dict[str, Callable[..., TruthResult]] = {
    "majority": majority_vote,
    "sums": sums,
    "average-log": average_log,
    "investment": investment,
    "pooled-investment": pooled_investment,
    "truthfinder": truthfinder,
    "3-estimates": three_estimates,
    "accu": accu,
    "accu-copy": accu_copy,
}
"""Every method by name (what :func:`credibility`'s ``method`` accepts)."""


# ------------------------------------------------------------------------ claim graphs

ASSERTS, DENIES = "asserts", "denies"


class _Objects:
    """How a graph's propositions map onto truth-discovery objects.

    Propositions joined by ``contradicts`` (the connected components of that relation,
    read both ways) are the alternative values of one object, named by the members' sorted
    ids joined with ``+``; every other proposition is an object of its own with the values
    ``"asserts"`` and ``"denies"``.
    """

    def __init__(self, graph: ClaimGraph, props: Iterable[str]) -> None:
        rel = graph.relations()
        parent: dict[str, str] = {}

        def find(p: str) -> str:
            while parent.get(p, p) != p:
                parent[p] = parent.get(parent[p], parent[p])
                p = parent[p]
            return p

        nodes = set(props)
        for p, others in rel.contradicts.items():
            nodes.add(p)
            for q in others:
                nodes.add(q)
                a, b = find(p), find(q)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        members: dict[str, list[str]] = {}
        for p in nodes:
            members.setdefault(find(p), []).append(p)
        self.key: dict[str, str] = {}
        self.groups: dict[str, list[str]] = {}
        for group in members.values():
            group.sort()
            name = group[0] if len(group) == 1 else "+".join(group)
            if len(group) > 1:
                self.groups[name] = group
            for p in group:
                self.key[p] = name
        self.relations = rel

    def grouped(self, p: str) -> bool:
        return self.key.get(p, p) in self.groups

    def value(self, p: str, true: bool) -> tuple[str, str] | None:
        """The (object, value) that ``p`` being true (or false) labels; None when it
        labels none (a member of a group found false: the group's value is still open)."""
        obj = self.key.get(p, p)
        if obj in self.groups:
            return (obj, p) if true else None
        return obj, ASSERTS if true else DENIES


def _statement_claims(
    graph: ClaimGraph,
    objects: _Objects,
    by: str,
    voice: Mapping[str, str],
    implies: bool,
) -> tuple[dict[tuple[str, str], list[tuple[tuple[int, str, int], str, str]]], int]:
    """(voice, object) → its candidate claims ``(rank, value, proposition)``; and how many
    of them were derived through ``implies``. A claim's rank orders precedence: direct
    before derived, then by date said (undated first), then by the order added."""
    rel = objects.relations
    implied_by: dict[str, set[str]] = {}
    if implies:
        for p in rel.implies:
            for q in rel.implied(p):
                implied_by.setdefault(q, set()).add(p)
    out: dict[tuple[str, str], list[tuple[tuple[int, str, int], str, str]]] = {}
    derived = 0
    for i, st in enumerate(graph.statements()):
        if st.stance not in OPINION_STANCES:
            continue  # a neutral report is no vote
        voices = (
            [st.actor] if by == "actor" else [voice.get(r.source, r.source) for r in st.reports]
        )
        true = st.stance == ASSERTS
        props = [(st.proposition, 1)]
        if implies:
            more = rel.implied(st.proposition) if true else implied_by.get(st.proposition, ())
            props += [(q, 0) for q in sorted(more)]
        for prop, direct in props:
            target = objects.value(prop, true)
            if target is None:
                continue
            obj, value = target
            rank = (direct, st.said or "", i)
            for who in dict.fromkeys(voices):
                out.setdefault((who, obj), []).append((rank, value, prop))
                derived += not direct
    return out, derived


def credibility(
    graph: ClaimGraph,
    method: str = "truthfinder",
    *,
    by: Literal["source", "actor"] = "source",
    independent: bool = False,
    both_ways: Literal["latest", "skip"] = "latest",
    implies: bool = True,
    use_reviews: bool = False,
    tie_break: TiePolicy = "abstain",
    seed: int = 0,
    **params: Any,
) -> TruthResult:
    """Truth discovery over a claim graph: who is reliable, which propositions are credible.

    **Objects and values.** Propositions declared to ``contradicts`` one another cannot be
    true together: they are the alternative values of one object (the connected components
    of ``contradicts``, either direction; the object is named by its propositions' sorted
    ids joined with ``+``, e.g. ``"pop-1990-a+pop-1990-b"``, and ``params["groups"]`` lists
    them). A statement asserting one of them claims that value; a denial of one of them
    names no value (the others are not thereby true) and is left out
    (``params["denials_in_groups"]``). Every other proposition is an object of its own,
    named by its id, with the values ``"asserts"`` and ``"denies"``. The answer for an
    object picks one of its values, or abstains (``undecided``) where the top values tie.

    **Implication** (``implies=True``, the default): asserting ``p`` also asserts what ``p``
    implies (transitively), and denying ``q`` also denies what implies ``q``. Derived claims
    count like direct ones (``params["derived_claims"]``), but a voice's direct statement
    on a proposition takes precedence over one derived for it.

    **Voices.** With ``by="source"`` (the default) the voices are the graph's
    :class:`~claimgraph.Source` records: a source claims what the statements it reports
    claim. With ``by="actor"`` they are the actors. With ``independent=True`` (sources
    only), sources that derive from a common origin speak as one voice (the groups of
    :func:`claimgraph.corroboration.source_groups`, named ``"a+b+..."``).

    **One claim per voice and object.** A voice that takes both stances on a proposition,
    or asserts two alternatives of one object, counts once: with ``both_ways="latest"``
    (the default) for its *latest* statement — direct before derived, then the latest date
    said (partial dates compare as strings, ``"2025-10" < "2025-10-03"``; undated statements
    count as earlier than dated ones), then the statement added last; with
    ``both_ways="skip"`` not at all (a news article quoting both sides takes no side).
    ``params["both_ways"]`` counts such (voice, object) pairs, ``params["skipped_both_ways"]``
    those left out.

    **Reviews as seeds.** ``use_reviews=True`` holds the objects that the graph's reviews
    label (:func:`review_labels`) at the reviewers' verdicts, for the methods that take
    ``seeds`` (all but ``"majority"``); score such a result on other labels than its seeds.

    ``method`` is a key of :data:`METHODS`; ``params`` go to that method. ``support`` gives
    the number of voices behind each object, ``n_claims`` / ``n_sources`` what the whole
    estimate rests on.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph import truth
    >>> g = cg.load(cg.example_path())
    >>> r = truth.credibility(g, "majority", by="actor")
    >>> r.truths["offer-rejected"], r.support["offer-rejected"], r.n_sources
    ('denies', 4, 9)
    >>> r.undecided   # one actor each way: no winner
    ['militants-sheltered']
    >>> truth.credibility(g).params["both_ways"]   # one article reports both sides
    2

    Alternative values declared to contradict each other:

    >>> g = cg.ClaimGraph([cg.Actor(id=a, name=a) for a in "xyz"])
    >>> _ = g.add_proposition(id="pop-b", text="Population 10,002.")
    >>> _ = g.add_proposition(id="pop-a", text="Population 9,963.", contradicts=["pop-b"])
    >>> for a, p in [("x", "pop-a"), ("y", "pop-a"), ("z", "pop-b")]:
    ...     _ = g.add_statement(actor=a, proposition=p)
    >>> truth.credibility(g, "majority", by="actor").truths
    {'pop-a+pop-b': 'pop-a'}
    """
    if method not in METHODS:
        raise InvalidArgumentError(f"unknown method {method!r}: choose from {', '.join(METHODS)}")
    if by not in ("source", "actor"):
        raise InvalidArgumentError(f"by must be 'source' or 'actor', not {by!r}")
    if both_ways not in ("latest", "skip"):
        raise InvalidArgumentError(f"both_ways must be 'latest' or 'skip', not {both_ways!r}")
    _check_tie_break(tie_break)
    voice: dict[str, str] = {}
    if independent:
        if by != "source":
            raise InvalidArgumentError(
                "independent=True needs by='source': it groups sources by origin"
            )
        from .corroboration import source_groups

        voice = source_groups(graph)
    statements = graph.statements()
    objects = _Objects(graph, {st.proposition for st in statements})
    candidates, derived = _statement_claims(graph, objects, by, voice, implies)
    denials = sum(1 for st in statements if st.stance == DENIES and objects.grouped(st.proposition))
    claims: list[Claim] = []
    two_ways = skipped = 0
    for (who, obj), found in candidates.items():
        if len({value for _, value, _ in found}) > 1:
            two_ways += 1
            if both_ways == "skip":
                skipped += 1
                continue
        claims.append((who, obj, max(found)[1]))
    claims.sort(key=lambda c: (str(c[1]), str(c[0])))
    if use_reviews:
        if method == "majority":
            raise InvalidArgumentError("use_reviews=True needs a method that takes seeds")
        params["seeds"] = review_labels(graph, implies=implies)
    res = METHODS[method](claims, tie_break=tie_break, seed=seed, **params)
    res.params.update(
        by=by,
        independent=independent,
        both_ways=two_ways,
        skipped_both_ways=skipped,
        implies=implies,
        derived_claims=derived,
        denials_in_groups=denials,
        groups={k: list(v) for k, v in objects.groups.items()},
    )
    return res


# ----------------------------------------------------------------------------- reviews

VERDICTS: dict[str, bool] = {
    **dict.fromkeys(
        ("true", "correct", "accurate", "mostly true", "mostly correct", "verified"), True
    ),
    **dict.fromkeys(("confirmed", "legit", "real"), True),
    **dict.fromkeys(
        ("false", "incorrect", "inaccurate", "mostly false", "pants on fire", "fake"), False
    ),
    **dict.fromkeys(("fabricated", "wrong", "debunked", "baseless", "hoax"), False),
}
"""Textual ratings read as a verdict (compared case-folded, outer punctuation stripped).
Ratings not listed ("Misleading", "Half true", "Unproven", "Disputed", "Mixture", ...) are
no verdict on the truth of the proposition."""


def review_verdict(review: Review) -> bool | None:
    """What a review says of the claim it rates: true, false, or nothing decisive.

    The textual rating decides when :data:`VERDICTS` lists it; otherwise a numeric rating
    on a full scale decides when it lies above (true) or below (false) the scale's middle.

    Examples
    --------
    >>> import claimgraph as cg
    >>> review_verdict(cg.Review(proposition="p", reviewer="r", textual_rating="Mostly False"))
    False
    >>> review_verdict(cg.Review(proposition="p", reviewer="r", rating_value=4, best_rating=5,
    ...                          worst_rating=1))
    True
    >>> print(review_verdict(cg.Review(proposition="p", reviewer="r", textual_rating="Unproven")))
    None
    """
    if review.textual_rating:
        word = review.textual_rating.strip(" .!\"'").casefold()
        if word in VERDICTS:
            return VERDICTS[word]
    r, best, worst = review.rating_value, review.best_rating, review.worst_rating
    if r is None or best is None or worst is None or best == worst:
        return None
    x = (r - worst) / (best - worst)
    return None if x == 0.5 else x > 0.5


def _proposition_verdicts(
    graph: ClaimGraph, verdict: Callable[[Review], bool | None]
) -> tuple[dict[str, bool], int]:
    """Proposition → the reviewers' verdict (reviews that disagree give none), and the
    number of propositions whose reviews disagree. A review naming a statement that
    *denies* the proposition rates the denial: its verdict is turned round."""
    found: dict[str, set[bool]] = {}
    for rv in getattr(graph, "reviews", {}).values():
        v = verdict(rv)
        if v is None:
            continue
        if rv.statement is not None:
            st = graph.get(rv.statement)
            if getattr(st, "stance", ASSERTS) == DENIES:
                v = not v
        found.setdefault(rv.proposition, set()).add(v)
    out = {p: next(iter(vs)) for p, vs in found.items() if len(vs) == 1}
    return out, len(found) - len(out)


def review_labels(
    graph: ClaimGraph,
    *,
    implies: bool = True,
    verdict: Callable[[Review], bool | None] = review_verdict,
) -> dict[str, str]:
    """The graph's reviews as labels of :func:`credibility`'s objects: object → true value.

    A proposition reviewed true labels its object with ``"asserts"`` or, in a group of
    alternatives, with itself; reviewed false, with ``"denies"`` (a group's value stays
    open). With ``implies``, a true verdict carries to what the proposition implies and a
    false one back to what implies it. Objects whose labels conflict get none.

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.load(cg.example_path())
    >>> _ = g.add_actor(id="desk", name="Fact-check desk", kind="outlet")
    >>> _ = g.add_review(proposition="offer-rejected", reviewer="desk", textual_rating="False")
    >>> review_labels(g)
    {'offer-rejected': 'denies'}
    """
    verdicts, _ = _proposition_verdicts(graph, verdict)
    objects = _Objects(graph, verdicts)
    rel = objects.relations
    implied_by: dict[str, set[str]] = {}
    for p in rel.implies:
        for q in rel.implied(p):
            implied_by.setdefault(q, set()).add(p)
    found: dict[str, set[str]] = {}
    for p, true in verdicts.items():
        props = [p]
        if implies:
            props += sorted(rel.implied(p) if true else implied_by.get(p, ()))
        for q in props:
            target = objects.value(q, true)
            if target is not None:
                found.setdefault(target[0], set()).add(target[1])
    return {o: next(iter(vs)) for o, vs in sorted(found.items()) if len(vs) == 1}


def accuracy(
    result: TruthResult,
    gold: Mapping[Hashable, Hashable],
    *,
    is_correct: Callable[[Hashable, Hashable], bool] | None = None,
) -> float:
    """The share of the gold objects the result gets right, an undecided object's ``k``
    tied values counting ``1/k`` each when right (the expected score of a random
    tie-break). ``is_correct(value, gold_value)`` compares values (default: equality);
    gold objects the result has no claim about count as wrong.

    Examples
    --------
    >>> r = majority_vote([("a", "x", 1), ("b", "x", 2), ("a", "y", 3)])
    >>> accuracy(r, {"x": 1, "y": 3})
    0.75
    """
    if not gold:
        raise InvalidArgumentError("accuracy needs at least one gold object")
    same = is_correct or (lambda v, g: v == g)
    right = 0.0
    for obj, g in gold.items():
        if obj in result.truths:
            right += same(result.truths[obj], g)
        elif obj in result.confidence:
            tied = result.tied_values(obj)
            right += sum(same(v, g) for v in tied) / len(tied)
    return right / len(gold)


@dataclass(frozen=True)
class SourceScore:
    """One voice's record against the reviewers' labels.

    ``labelled`` is the number of its claims about labelled objects, ``agreed`` how many of
    them the reviewers' verdicts bear out, ``reliability`` their share (None without any),
    and ``trust`` the result's estimate, to compare.
    """

    labelled: int
    agreed: int
    trust: float

    @property
    def reliability(self) -> float | None:
        return self.agreed / self.labelled if self.labelled else None


@dataclass(frozen=True)
class Evaluation:
    """A truth-discovery result scored against a graph's reviews (:func:`evaluate`).

    Attributes
    ----------
    accuracy
        The share of labelled objects the result gets right (ties as ``1/k``), or None
        when no object is labelled (outside the seeds).
    labelled
        The number of labelled objects scored (seeds excluded).
    correct
        How many of them are right (a float: ties count ``1/k``).
    undecided
        Labelled objects the result left undecided.
    seeded
        Labelled objects left out of the score because the result was seeded with them.
    conflicting
        Propositions whose reviews disagree (no label).
    sources
        Per voice, its claims against the labels (:class:`SourceScore`).
    rank_correlation
        Spearman's correlation between the result's trust and the voices' reliability
        against the labels (voices with labelled claims; None for fewer than two, or no
        variation).
    """

    accuracy: float | None
    labelled: int
    correct: float
    undecided: list[Hashable]
    seeded: int
    conflicting: int
    sources: dict[Hashable, SourceScore]
    rank_correlation: float | None


def _ranks(xs: Sequence[float]) -> list[float]:
    order = sorted(range(len(xs)), key=xs.__getitem__)
    ranks = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2
        i = j + 1
    return ranks


def _spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    if len(xs) < 2:
        return None
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / math.sqrt(vx * vy) if vx and vy else None


def evaluate(
    result: TruthResult,
    graph: ClaimGraph,
    *,
    verdict: Callable[[Review], bool | None] = review_verdict,
) -> Evaluation:
    """Score a :func:`credibility` result against the graph's reviews (fact-checks).

    The labels are :func:`review_labels` (read with the result's ``implies`` setting);
    objects the result was seeded with are left out. ``accuracy`` is the share of labelled
    objects it gets right, a tie among ``k`` values counting ``1/k`` when the label is
    among them; per voice, ``sources`` compares its claims with the labels and its
    estimated trust, and ``rank_correlation`` says how well the trust ranks the voices the
    reviewers bear out.

    Raises
    ------
    InvalidArgumentError
        If the result does not come from :func:`credibility` (its objects would not be the
        graph's).

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph import truth
    >>> g = cg.load(cg.example_path())
    >>> _ = g.add_actor(id="desk", name="Fact-check desk", kind="outlet")
    >>> _ = g.add_review(proposition="offer-rejected", reviewer="desk", textual_rating="False")
    >>> ev = truth.evaluate(truth.credibility(g, "majority", by="actor"), g)
    >>> ev.accuracy, ev.labelled, ev.sources["af-spokesperson"].reliability
    (1.0, 1, 0.0)
    """
    if "groups" not in result.params or result.claims is None:
        raise InvalidArgumentError(
            "evaluate needs a result of truth.credibility(graph): its objects are the graph's"
        )
    labels = review_labels(graph, implies=bool(result.params.get("implies", True)),
                           verdict=verdict)  # fmt: skip
    _, conflicting = _proposition_verdicts(graph, verdict)
    seeds = set(result.params.get("seeds", ()))
    scored = {o: v for o, v in labels.items() if o not in seeds and o in result.confidence}
    missing = [o for o in labels if o not in seeds and o not in result.confidence]
    correct = 0.0
    undecided: list[Hashable] = []
    for obj, value in scored.items():
        if obj in result.truths:
            correct += result.truths[obj] == value
        else:
            undecided.append(obj)
            tied = result.tied_values(obj)
            correct += (value in tied) / len(tied)
    n = len(scored) + len(missing)
    sources: dict[Hashable, SourceScore] = {}
    for who, facts in result.claims.by_source.items():
        mine = [(o, v) for o, v in facts if o in scored]
        sources[who] = SourceScore(
            labelled=len(mine),
            agreed=sum(scored[o] == v for o, v in mine),
            trust=result.trust.get(who, 0.0),
        )
    rated = [s for s in sources.values() if s.labelled]
    key = result.log_trust
    trusts = [key[w] if key is not None else s.trust for w, s in sources.items() if s.labelled]
    return Evaluation(
        accuracy=correct / n if n else None,
        labelled=n,
        correct=correct,
        undecided=undecided,
        seeded=sum(o in seeds for o in labels),
        conflicting=conflicting,
        sources=sources,
        rank_correlation=_spearman(trusts, [s.agreed / s.labelled for s in rated]),
    )
