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
:func:`investment`           Investment, Pasternack and Roth 2010
:func:`truthfinder`          TruthFinder, Yin, Han and Yu 2007 (optional value similarity)
:func:`accu`                 ACCU, Dong, Berti-Equille and Srivastava 2009 (no copying)
:func:`accu_copy`            the copy-aware variant: ACCU whose votes are discounted for
                             sources that look dependent (a simplified ACCU-COPY)
===========================  ==============================================================

:func:`credibility` adapts a :class:`~claimgraph.ClaimGraph`: the sources are the graph's
sources (or its actors), the objects its propositions, and the values ``"asserts"`` and
``"denies"``. Every result says what it rests on: how many claims, sources and objects, and
per object how many sources.

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
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from ._markup import escape_html
from .exceptions import InvalidArgumentError

if TYPE_CHECKING:
    from .graph import ClaimGraph

__all__ = [
    "METHODS",
    "Claims",
    "TruthResult",
    "accu",
    "accu_copy",
    "credibility",
    "investment",
    "majority_vote",
    "sums",
    "truthfinder",
]

Claim = tuple[Hashable, Hashable, Hashable]


# --------------------------------------------------------------------------------- index


class Claims:
    """An index of ``(source, object, value)`` claims, built in one pass.

    Duplicate triples count once. A source may claim several values for one object (each
    method then treats them as separate claims).

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


def _index(claims: Iterable[Claim] | Claims) -> Claims:
    return claims if isinstance(claims, Claims) else Claims(claims)


# -------------------------------------------------------------------------------- result


def _order(value: Hashable) -> str:
    return repr(value)


@dataclass
class TruthResult:
    """What a truth-discovery method concluded, and what it rests on.

    Attributes
    ----------
    method
        The method's name.
    truths
        Per object, the value with the highest confidence (ties broken by the value's
        ``repr``, so results are deterministic).
    confidence
        Per object, the confidence of each value claimed. Its scale depends on the method
        (a share of votes, a probability, or a score normalised to the maximum).
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
        The parameters used.
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

    def ranked_sources(self, n: int | None = None) -> list[tuple[Hashable, float]]:
        """Sources from most to least trusted (ties by name), the first ``n`` if given."""
        ranked = sorted(self.trust.items(), key=lambda kv: (-kv[1], _order(kv[0])))
        return ranked if n is None else ranked[:n]

    def ties(self) -> list[Hashable]:
        """Objects whose highest confidence is shared by several values (sorted by
        ``repr``): their entry in ``truths`` is a tie-break, not a finding."""
        out = []
        for obj, vals in self.confidence.items():
            top = max(vals.values())
            if sum(math.isclose(c, top, rel_tol=1e-9, abs_tol=1e-12) for c in vals.values()) > 1:
                out.append(obj)
        return sorted(out, key=_order)

    def _state(self) -> str:
        if not self.iterations:
            return ""
        return f", {self.iterations} iterations{'' if self.converged else ' (not converged)'}"

    def __repr__(self) -> str:
        return (
            f"<TruthResult {self.method}: {self.n_objects} objects, {self.n_sources} sources, "
            f"{self.n_claims} claims{self._state()}>"
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
            "truths": {str(k): v for k, v in self.truths.items()},
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
        rows = "".join(
            f"<tr><td>{e(str(o))}</td><td>{e(str(v))}{' <i>(tie)</i>' if o in ties else ''}"
            f"</td><td>{self.confidence[o][v]:.3g}</td><td>{self.support[o]}</td></tr>"
            for o, v in sorted(self.truths.items(), key=lambda kv: _order(kv[0]))[:top]
        )
        srcs = "".join(
            f"<tr><td>{e(str(s))}</td><td>{t:.3g}</td></tr>" for s, t in self.ranked_sources(top)
        )
        more = f"<p>… and {self.n_objects - top} more objects</p>" if self.n_objects > top else ""
        return (
            f"<div><p><b>{e(self.method)}</b>: rests on {self.n_claims} claims by "
            f"{self.n_sources} sources about {self.n_objects} objects{self._state()}"
            "</p><table><tr><th>object</th><th>most credible value</th><th>confidence</th>"
            f"<th>sources</th></tr>{rows}</table>{more}"
            "<table><tr><th>source</th><th>trust</th></tr>"
            f"{srcs}</table></div>"
        )


def _result(
    method: str,
    idx: Claims,
    confidence: dict[Hashable, dict[Hashable, float]],
    trust: dict[Hashable, float],
    iterations: int = 0,
    converged: bool = True,
    **params: Any,
) -> TruthResult:
    truths = {
        obj: min(vals.items(), key=lambda kv: (-kv[1], _order(kv[0])))[0]
        for obj, vals in confidence.items()
    }
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
    )


_K = TypeVar("_K", bound=Hashable)


def _max_normalise(d: dict[_K, float]) -> None:
    top = max(d.values(), default=0.0)
    if top > 0:
        for k in d:
            d[k] /= top


def _change(old: Mapping[_K, float], new: Mapping[_K, float]) -> float:
    return max((abs(new[k] - old[k]) for k in new), default=0.0)


# ------------------------------------------------------------------------------- methods


def majority_vote(claims: Iterable[Claim] | Claims) -> TruthResult:
    """The baseline: each object's value is the one claimed by most sources.

    ``confidence`` is the share of the object's claims that back each value; ``trust`` is
    the share of a source's claims that agree with the majority (a by-product, not an
    input).

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
    res = _result("majority vote", idx, confidence, {})
    res.trust = {
        s: sum(res.truths[o] == v for o, v in facts) / len(facts)
        for s, facts in idx.by_source.items()
    }
    return res


def sums(claims: Iterable[Claim] | Claims, *, max_iter: int = 50, tol: float = 1e-6) -> TruthResult:
    """Sums (Hubs and Authorities; Pasternack and Roth, COLING 2010).

    A source's trust is the sum of the beliefs in its claims; a claim's belief is the sum
    of the trust of its sources. Both are divided by their maximum after each round, so
    they lie in [0, 1]. Starts from belief 0.5 for every claim; stops when no score
    changes by more than ``tol`` or after ``max_iter`` rounds.

    Examples
    --------
    >>> r = sums([("a", "x", 1), ("b", "x", 1), ("c", "x", 2), ("c", "y", 3), ("a", "y", 4)])
    >>> r.truths["x"], round(r.trust["a"], 3)
    (1, 1.0)
    """
    idx = _index(claims)
    belief = {f: 0.5 for f in idx.providers}
    trust: dict[Hashable, float] = {}
    converged = False
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        trust = {s: sum(belief[f] for f in facts) for s, facts in idx.by_source.items()}
        _max_normalise(trust)
        new = {f: float(sum(trust[s] for s in srcs)) for f, srcs in idx.providers.items()}
        _max_normalise(new)
        delta = _change(belief, new)
        belief = new
        if delta < tol:
            converged = True
            break
    conf = {o: {v: belief[(o, v)] for v in vs} for o, vs in idx.values.items()}
    return _result("sums", idx, conf, trust, it, converged, max_iter=max_iter, tol=tol)


def investment(
    claims: Iterable[Claim] | Claims,
    *,
    g: float = 1.2,
    max_iter: int = 200,
    tol: float = 1e-6,
) -> TruthResult:
    """Investment (Pasternack and Roth, COLING 2010).

    Each source spreads its trust evenly over its claims (an investment); a claim's belief
    is ``G(total invested)`` with ``G(x) = x**g``; a source then earns from each claim a
    share of the claim's belief proportional to what it invested. Trust starts at 1.
    Beliefs are divided by the maximum after each round (this does not change the ranking
    and keeps the numbers finite); stops when no belief changes by more than ``tol``.

    Examples
    --------
    >>> r = investment([("a", "x", 1), ("b", "x", 1), ("c", "x", 2)])
    >>> r.truths["x"], r.trust["a"] > r.trust["c"]
    (1, True)
    """
    idx = _index(claims)
    trust = {s: 1.0 for s in idx.by_source}

    def beliefs(trust: Mapping[Hashable, float]) -> dict[tuple[Hashable, Hashable], float]:
        invested = {
            f: sum(trust[s] / len(idx.by_source[s]) for s in srcs)
            for f, srcs in idx.providers.items()
        }
        out = {f: float(x**g) for f, x in invested.items()}
        _max_normalise(out)
        return out

    belief = beliefs(trust)
    converged = False
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        invested = {
            f: sum(trust[s] / len(idx.by_source[s]) for s in srcs)
            for f, srcs in idx.providers.items()
        }
        trust = {
            s: sum(
                belief[f] * (trust[s] / len(facts)) / invested[f] if invested[f] else 0.0
                for f in facts
            )
            for s, facts in idx.by_source.items()
        }
        _max_normalise(trust)
        new = beliefs(trust)
        delta = _change(belief, new)
        belief = new
        if delta < tol:
            converged = True
            break
    conf = {o: {v: belief[(o, v)] for v in vs} for o, vs in idx.values.items()}
    return _result("investment", idx, conf, trust, it, converged, g=g, max_iter=max_iter, tol=tol)


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
) -> TruthResult:
    """TruthFinder (Yin, Han and Yu, KDD 2007).

    A source's trust ``t(w)`` is the mean confidence of its facts; a fact's confidence
    score is ``σ(f) = Σ τ(w)`` over its sources, with ``τ(w) = -ln(1 - t(w))``; with a
    ``similarity`` of values it becomes ``σ*(f) = σ(f) + ρ Σ σ(f') (sim(f', f) - base_sim)``
    over the other values ``f'`` of the same object (the paper's implication); the
    confidence is ``s(f) = 1 / (1 + exp(-γ σ*(f)))`` (the paper's dampening). Without a
    similarity, values do not imply each other. Trust starts at ``initial_trust``; stops
    when the trust vector's cosine similarity to the previous round exceeds ``1 - tol``.
    Trust is kept below 1 (``1 - 1e-9``) so ``τ`` stays finite.

    Examples
    --------
    >>> r = truthfinder([("a", "x", 1), ("b", "x", 1), ("c", "x", 2)])
    >>> r.truths["x"], r.confidence["x"][1] > r.confidence["x"][2]
    (1, True)
    """
    idx = _index(claims)
    trust = {s: initial_trust for s in idx.by_source}
    conf: dict[tuple[Hashable, Hashable], float] = {}
    converged = False
    it = 0
    cap = 1 - 1e-9
    for it in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        tau = {s: -math.log(1 - min(t, cap)) for s, t in trust.items()}
        sigma = {f: sum(tau[s] for s in srcs) for f, srcs in idx.providers.items()}
        conf = {}
        for obj, values in idx.values.items():
            for v in values:
                score = sigma[(obj, v)]
                if similarity is not None:
                    score += rho * sum(
                        sigma[(obj, w)] * (similarity(w, v) - base_sim) for w in values if w != v
                    )
                conf[(obj, v)] = 1 / (1 + math.exp(-gamma * score))
        new = {s: sum(conf[f] for f in facts) / len(facts) for s, facts in idx.by_source.items()}
        dot = sum(trust[s] * new[s] for s in new)
        norm = math.sqrt(sum(x * x for x in trust.values()) * sum(x * x for x in new.values()))
        trust = new
        if norm and 1 - dot / norm < tol:
            converged = True
            break
    c = {o: {v: conf[(o, v)] for v in vs} for o, vs in idx.values.items()}
    return _result(
        "truthfinder",
        idx,
        c,
        trust,
        it,
        converged,
        similarity=None if similarity is None else getattr(similarity, "__name__", "custom"),
        initial_trust=initial_trust,
        gamma=gamma,
        rho=rho,
        base_sim=base_sim,
    )


# ---------------------------------------------------------------------------------- ACCU


def _pair_evidence(
    idx: Claims,
) -> dict[tuple[Hashable, Hashable], tuple[int, list[tuple[Hashable, Hashable]]]]:
    """For each pair of sources that claim the same value somewhere: the number of objects
    they both speak about, and the facts they share. Built from the per-fact provider lists
    (no scan over all pairs of sources)."""
    shared: dict[tuple[Hashable, Hashable], list[tuple[Hashable, Hashable]]] = {}
    rank = {s: i for i, s in enumerate(idx.by_source)}
    for fact, srcs in idx.providers.items():
        if len(srcs) < 2:
            continue
        for a, b in combinations(sorted(srcs, key=rank.__getitem__), 2):
            shared.setdefault((a, b), []).append(fact)
    objects = {s: {o for o, _ in facts} for s, facts in idx.by_source.items()}
    return {(a, b): (len(objects[a] & objects[b]), facts) for (a, b), facts in shared.items()}


def _log_add(x: float, y: float) -> float:
    m = max(x, y)
    return m + math.log(math.exp(x - m) + math.exp(y - m))


def _dependence(
    a1: float, a2: float, kt: int, kf: int, kd: int, n: int, alpha: float, c: float
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
    idx: Claims,
    copying: bool,
    n: int,
    initial_accuracy: float,
    alpha: float,
    c: float,
    max_iter: int,
    tol: float,
) -> TruthResult:
    acc = {s: initial_accuracy for s in idx.by_source}
    evidence = _pair_evidence(idx) if copying else {}
    dep: dict[tuple[Hashable, Hashable], float] = {}
    truths: dict[Hashable, Hashable] = {}
    prob: dict[tuple[Hashable, Hashable], float] = {}
    converged = False
    it = 0
    for it in range(1, max_iter + 1):
        score = {s: math.log(n * a / (1 - a)) for s, a in acc.items()}
        if copying and truths:
            dep = {}
            for (a, b), (n_shared, facts) in evidence.items():
                kt = sum(truths[o] == v for o, v in facts)
                kf = len(facts) - kt
                p = _dependence(acc[a], acc[b], kt, kf, n_shared - len(facts), n, alpha, c)
                if p > 1e-6:
                    dep[(a, b)] = dep[(b, a)] = p
        prob = {}
        truths = {}
        for obj, values in idx.values.items():
            votes: dict[Hashable, float] = {}
            for v in values:
                srcs = idx.providers[(obj, v)]
                if dep:
                    # most accurate first; each later source's vote shrinks by its
                    # dependence on the earlier ones (Dong et al.'s independence factor)
                    ordered = sorted(srcs, key=lambda s: (-acc[s], _order(s)))
                    total = 0.0
                    for i, s in enumerate(ordered):
                        weight = 1.0
                        for earlier in ordered[:i]:
                            weight *= 1 - c * dep.get((s, earlier), 0.0)
                        total += score[s] * weight
                    votes[v] = total
                else:
                    votes[v] = sum(score[s] for s in srcs)
            top = max(votes.values())
            z = sum(math.exp(x - top) for x in votes.values())
            for v, x in votes.items():
                prob[(obj, v)] = math.exp(x - top) / z
            truths[obj] = min(votes.items(), key=lambda kv: (-kv[1], _order(kv[0])))[0]
        new = {
            s: min(0.99, max(0.01, sum(prob[f] for f in facts) / len(facts)))
            for s, facts in idx.by_source.items()
        }
        delta = _change(acc, new)
        acc = new
        if delta < tol and (not copying or it > 1):
            converged = True
            break
    conf = {o: {v: prob[(o, v)] for v in vs} for o, vs in idx.values.items()}
    res = _result(
        method,
        idx,
        conf,
        acc,
        it,
        converged,
        n=n,
        initial_accuracy=initial_accuracy,
        max_iter=max_iter,
        tol=tol,
        **({"alpha": alpha, "c": c} if copying else {}),
    )
    if copying:
        res.params["dependent_pairs"] = sum(p > 0.5 for p in dep.values()) // 2
    return res


def accu(
    claims: Iterable[Claim] | Claims,
    *,
    n: int = 100,
    initial_accuracy: float = 0.8,
    max_iter: int = 50,
    tol: float = 1e-4,
) -> TruthResult:
    """ACCU (Dong, Berti-Equille and Srivastava, VLDB 2009), without copy detection.

    A source of accuracy ``A`` casts a vote ``ln(n A / (1 - A))`` for each value it claims
    (``n``: the assumed number of false values per object); a value's probability is the
    softmax of its votes over the object's claimed values; a source's accuracy is the mean
    probability of its values (kept in [0.01, 0.99]). Starts from ``initial_accuracy``;
    stops when no accuracy changes by more than ``tol``.

    Examples
    --------
    >>> r = accu([("a", "x", 1), ("b", "x", 1), ("c", "x", 2)])
    >>> r.truths["x"], r.trust["a"] > r.trust["c"]
    (1, True)
    """
    idx = _index(claims)
    return _accu("accu", idx, False, n, initial_accuracy, 0.0, 0.0, max_iter, tol)


def accu_copy(
    claims: Iterable[Claim] | Claims,
    *,
    n: int = 100,
    initial_accuracy: float = 0.8,
    alpha: float = 0.2,
    c: float = 0.8,
    max_iter: int = 50,
    tol: float = 1e-4,
) -> TruthResult:
    """Copy-aware ACCU: votes of sources that look dependent on each other are discounted.

    A simplified version of Dong, Berti-Equille and Srivastava's ACCU-COPY (VLDB 2009).
    Each round, after the truths of the previous round are known:

    1. For each pair of sources that claim the same value for at least one object, count
       ``kt`` shared values that are currently true, ``kf`` shared values that are currently
       false, and ``kd`` objects both speak about with different values. Sharing *false*
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
    dependent with probability over 0.5 in the last round.

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
    idx = _index(claims)
    return _accu("accu-copy", idx, True, n, initial_accuracy, alpha, c, max_iter, tol)


METHODS: dict[str, Callable[..., TruthResult]] = {
    "majority": majority_vote,
    "sums": sums,
    "investment": investment,
    "truthfinder": truthfinder,
    "accu": accu,
    "accu-copy": accu_copy,
}
"""Every method by name (what :func:`credibility`'s ``method`` accepts)."""


# ------------------------------------------------------------------------ claim graphs


def credibility(
    graph: ClaimGraph,
    method: str = "truthfinder",
    *,
    by: Literal["source", "actor"] = "source",
    independent: bool = False,
    **params: Any,
) -> TruthResult:
    """Truth discovery over a claim graph: who is reliable, which propositions are credible.

    The objects are the graph's propositions and the values ``"asserts"`` and ``"denies"``.
    With ``by="source"`` (the default) the sources are the graph's :class:`~claimgraph.Source`
    records: a source claims a stance on a proposition when it reports a statement taking
    that stance. A source that reports both stances on one proposition (a news article
    quoting both sides) makes no claim about it: it reports a dispute, it does not take a
    side. With ``by="actor"`` the sources are the actors and each statement is a claim.

    With ``independent=True`` (sources only), sources that derive from a common origin
    speak as one voice (the groups of :func:`claimgraph.corroboration.source_groups`, named
    ``"a+b+..."``): a wire story and its reprints make one claim, not several.

    ``method`` is a key of :data:`METHODS`; ``params`` go to that method. The result's
    ``truths`` map each proposition to the stance judged more credible, ``confidence`` gives
    both, ``support`` the number of sources (or actors) behind each, and ``n_claims`` /
    ``n_sources`` what the whole estimate rests on; ``params["skipped_both_ways"]`` counts
    the (source, proposition) pairs left out because the source reported both stances.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph import truth
    >>> g = cg.load(cg.example_path())
    >>> r = truth.credibility(g, "majority", by="actor")
    >>> r.truths["offer-rejected"], r.support["offer-rejected"], r.n_sources
    ('denies', 4, 9)
    >>> r.ties()   # one actor each way: no winner
    ['militants-sheltered']
    >>> truth.credibility(g).params["skipped_both_ways"]   # one article reports both sides
    2
    """
    if method not in METHODS:
        raise InvalidArgumentError(f"unknown method {method!r}: choose from {', '.join(METHODS)}")
    if by not in ("source", "actor"):
        raise InvalidArgumentError(f"by must be 'source' or 'actor', not {by!r}")
    voice: dict[str, str] = {}
    if independent:
        if by != "source":
            raise InvalidArgumentError(
                "independent=True needs by='source': it groups sources by origin"
            )
        from .corroboration import source_groups

        voice = source_groups(graph)
    stances: dict[tuple[str, str], set[str]] = {}
    for st in graph.statement_records.values():
        if by == "actor":
            stances.setdefault((st.actor, st.proposition), set()).add(str(st.stance))
        else:
            for rep in st.reports:
                who = voice.get(rep.source, rep.source)
                stances.setdefault((who, st.proposition), set()).add(str(st.stance))
    skipped = 0
    claims: list[Claim] = []
    for (who, prop), values in sorted(stances.items()):
        if by == "source" and len(values) > 1:
            skipped += 1
            continue
        claims.extend((who, prop, v) for v in sorted(values))
    res = METHODS[method](claims, **params)
    res.params["by"] = by
    res.params["independent"] = independent
    if by == "source":
        res.params["skipped_both_ways"] = skipped
    return res
