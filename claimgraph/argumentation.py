"""Argumentation semantics: which statements stand when every attack is taken into account.

:class:`ArgumentationFramework` is a pure Dung framework (arguments and an attack
relation) with the standard semantics: grounded, complete, preferred, stable, stage, and
the semi-stable and ideal extensions derived from them, plus credulous and sceptical
acceptance. It reads and writes APX (``arg(a). att(a,b).``, the ICCMA/ASPARTIX format)
and TGF.

:func:`attack_graph` builds the framework of a :class:`~claimgraph.ClaimGraph`:
every statement is an argument, and a statement attacks another when

- ``opposite_stances``: they take opposite stances on one proposition (both ways);
- ``exclusive``: they assert propositions declared to ``contradict`` (both ways);
- ``implication``: one asserts a proposition that implies (transitively) a proposition
  the other denies (both ways: the denial undermines the premise, the assertion entails
  what is denied);
- ``response``: it ``responds_to`` the other and is a denial or rebuttal (its stance is
  ``denies``, or its kind is ``denial`` or ``rejection``) — one way, towards the statement
  answered;
- ``support``: attacks on support relations. An assertion of *p* *supports* every
  assertion of a proposition *p* implies (deductive support, through ``implies``). Under
  deductive support, attacking a supported statement attacks its supporters too (if the
  conclusion is false, so is the premise: a *mediated* attack), and a supporter attacks
  whatever the statement it supports attacks (a *supported* attack), as in bipolar
  argumentation (Cayrol & Lagasquie-Schiex 2013). Derived attacks carry the basis
  ``support``.

:func:`acceptance` runs the semantics over that framework and reports, per statement,
whether it is in the grounded extension and whether it is credulously (in some) or
sceptically (in every) accepted under preferred and stable semantics.

The solver is a labelling search with constraint propagation (no dependency): the
grounded extension is a linear-time fixpoint; complete and stable labellings are searched
from the grounded labelling with propagation of the labelling rules; preferred extensions
are the ⊆-maximal complete ones; semi-stable the preferred ones with ⊆-maximal range;
ideal the largest admissible set inside every preferred extension; stage extensions come
from a counter-example guided search over conflict-free sets (as in CEGARTIX).
Enumeration is exponential in the worst case (a framework can have exponentially many
extensions), but the traffic instances of the ICCMA suite (~60 arguments) take
milliseconds.

Examples
--------
>>> import claimgraph as cg
>>> from claimgraph import argumentation as arg
>>> af = arg.ArgumentationFramework(["a", "b", "c"], [("a", "b"), ("b", "a"), ("b", "c")])
>>> sorted(af.grounded())
[]
>>> sorted(sorted(e) for e in af.preferred())
[['a', 'c'], ['b']]
>>> af.is_sceptically_accepted("c", "stable")
False

On the worked example, each dispute is a mutual attack: Pakistan's accusation and
Afghanistan's denial attack each other, so neither is grounded (both stay undecided),
while the statements nobody contests stand:

>>> g = cg.load(cg.example_path())
>>> res = arg.acceptance(g)
>>> res["pk-sheltered"].grounded, res["af-denies-sheltered"].grounded
('undec', 'undec')
>>> res["pk-ceasefire"].grounded
'in'
"""

from __future__ import annotations

import itertools
import math
import os
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import networkx as nx

from ._afsolver import Solver, StageSearch, bits, in_mask, maximal
from ._markup import escape_html
from .exceptions import (
    ErrorDetail,
    ExtensionLimitError,
    FileFormatError,
    InvalidArgumentError,
    InvalidDataError,
    NotFoundError,
)
from .formats._safe import read_bytes, refuse

if TYPE_CHECKING:
    from .graph import ClaimGraph
    from .models import Statement

__all__ = [
    "EXTENSION_LIMIT",
    "SEMANTICS",
    "Acceptance",
    "ArgumentationFramework",
    "AttackGraph",
    "Extensions",
    "StatementAcceptance",
    "SupportChain",
    "acceptance",
    "attack_graph",
]

Semantics = Literal["grounded", "complete", "preferred", "stable", "semi-stable", "stage", "ideal"]
SEMANTICS: tuple[str, ...] = (
    "grounded",
    "complete",
    "preferred",
    "stable",
    "semi-stable",
    "stage",
    "ideal",
)
"""The semantics :meth:`ArgumentationFramework.extensions` knows."""

EXTENSION_LIMIT = 100_000
"""How many extensions :meth:`ArgumentationFramework.extensions` lists by default before
it raises :exc:`~claimgraph.ExtensionLimitError`."""

_T = TypeVar("_T")


class _Budget:
    """The count and time limits of one computation; raises when one is passed."""

    def __init__(self, semantics: str, limit: int | None, timeout: float | None) -> None:
        self.semantics = semantics
        self.limit = limit
        self.timeout = timeout
        self.deadline = None if timeout is None else time.monotonic() + timeout
        self.seen = 0

    def tick(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ExtensionLimitError(self.semantics, self.limit, self.timeout, None, self.seen)

    def count(self, items: Iterator[_T]) -> Iterator[_T]:
        """``items``, stopping with an error past the limit (counted per part)."""
        for k, item in enumerate(items, start=1):
            self.seen += 1
            if self.limit is not None and k > self.limit:
                raise ExtensionLimitError(self.semantics, self.limit, None, None, self.seen)
            self.tick()
            yield item


_APX = re.compile(
    r"^\s*(?:(arg)\(\s*([^()\s,]+)\s*\)|(att)\(\s*([^()\s,]+)\s*,\s*([^()\s,]+)\s*\))\s*\.\s*$"
)


def _problem(code: str, message: str, path: str | None, line: int) -> ErrorDetail:
    return ErrorDetail(code, message, path=path, line=line)


class ArgumentationFramework:
    """A Dung argumentation framework: arguments and who attacks whom.

    Parameters
    ----------
    arguments : iterable of str
        The arguments (order is kept; duplicates are merged).
    attacks : iterable of (str, str)
        ``(attacker, attacked)`` pairs; both must be arguments.

    Examples
    --------
    >>> from claimgraph.argumentation import ArgumentationFramework
    >>> af = ArgumentationFramework.from_apx("arg(a).\\narg(b).\\natt(a,b).\\natt(b,b).\\n")
    >>> af
    <ArgumentationFramework: 2 arguments, 2 attacks>
    >>> sorted(af.grounded()), af.stable()
    (['a'], [frozenset({'a'})])
    """

    def __init__(
        self, arguments: Iterable[str] = (), attacks: Iterable[tuple[str, str]] = ()
    ) -> None:
        self.arguments: tuple[str, ...] = tuple(dict.fromkeys(str(a) for a in arguments))
        index = {a: i for i, a in enumerate(self.arguments)}
        pairs: dict[tuple[str, str], None] = {}
        for a, b in attacks:
            for x in (a, b):
                if x not in index:
                    raise InvalidDataError(f"attack ({a!r}, {b!r}) names unknown argument {x!r}")
            pairs[(a, b)] = None
        self.attacks: tuple[tuple[str, str], ...] = tuple(pairs)
        n = len(self.arguments)
        attackers: list[list[int]] = [[] for _ in range(n)]
        targets: list[list[int]] = [[] for _ in range(n)]
        for a, b in self.attacks:
            attackers[index[b]].append(index[a])
            targets[index[a]].append(index[b])
        self._index = index
        self._solver = Solver(n, attackers, targets)
        self._cache: dict[str, list[frozenset[str]]] = {}
        self._accepted: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._part_list: list[ArgumentationFramework] | None = None
        self._decided: dict[str, tuple[frozenset[str], frozenset[str]] | None] = {}

    # ------------------------------------------------------------------ basics
    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__}: {len(self.arguments)} arguments, {len(self.attacks)} attacks>"
        )

    def __len__(self) -> int:
        return len(self.arguments)

    def __contains__(self, argument: object) -> bool:
        return argument in self._index

    def attackers(self, argument: str) -> list[str]:
        """The arguments that attack ``argument``."""
        i = self._i(argument)
        return [self.arguments[j] for j in self._solver.attackers[i]]

    def _i(self, argument: str) -> int:
        try:
            return self._index[argument]
        except KeyError:
            raise NotFoundError(f"no argument {argument!r} in the framework") from None

    def _set(self, mask: int) -> frozenset[str]:
        return frozenset(self.arguments[i] for i in bits(mask))

    # ------------------------------------------------------------------ semantics
    def grounded(self) -> frozenset[str]:
        """The grounded extension: what stands on unattacked ground (least fixpoint)."""
        return self._set(self._solver.grounded()[0])

    def complete(self) -> list[frozenset[str]]:
        """Every complete extension (admissible, containing all it defends)."""
        return self.extensions("complete")

    def preferred(self) -> list[frozenset[str]]:
        """Every preferred extension (⊆-maximal admissible sets)."""
        return self.extensions("preferred")

    def stable(self) -> list[frozenset[str]]:
        """Every stable extension (conflict-free, attacking all else); may be none."""
        return self.extensions("stable")

    def semi_stable(self) -> list[frozenset[str]]:
        """Every semi-stable extension (complete, with ⊆-maximal range)."""
        return self.extensions("semi-stable")

    def stage(self) -> list[frozenset[str]]:
        """Every stage extension (conflict-free, with ⊆-maximal range; Verheij 1996).

        Unlike semi-stable extensions these need not be admissible: a stage extension
        takes a side on as much as it can without defending itself. Where stable extensions
        exist, the stage extensions are exactly the stable ones.

        >>> af = ArgumentationFramework(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")])
        >>> af.stable(), af.semi_stable()
        ([], [frozenset()])
        >>> sorted(sorted(e) for e in af.stage())
        [['a'], ['b'], ['c']]
        """
        return self.extensions("stage")

    def ideal(self) -> frozenset[str]:
        """The ideal extension: the largest admissible set inside every preferred one.

        Computed from sceptical preferred acceptance, without listing the preferred
        extensions.
        """
        return self.extensions("ideal")[0]

    def extensions(
        self,
        semantics: str,
        *,
        limit: int | None = EXTENSION_LIMIT,
        timeout: float | None = None,
    ) -> list[frozenset[str]]:
        """The extensions under one of :data:`SEMANTICS` (grounded and ideal: one).

        Parameters
        ----------
        semantics : str
            One of :data:`SEMANTICS`.
        limit : int or None
            The most extensions to list (``None``: no limit). Independent parts of the
            framework (weakly connected components) are solved apart and their extensions
            combined, so the count is known before the product is built.
        timeout : float or None
            Seconds to spend at most (``None``: no limit).

        Raises
        ------
        ExtensionLimitError
            When there are more than ``limit`` extensions or the time runs out. To know
            which arguments are accepted, :meth:`accepted` answers without listing them.

        Examples
        --------
        >>> pairs = [(f"a{i}", f"b{i}") for i in range(20)]
        >>> af = ArgumentationFramework([x for p in pairs for x in p],
        ...                             pairs + [(b, a) for a, b in pairs])
        >>> af.count_extensions("preferred")
        1048576
        >>> af.extensions("preferred", limit=1000)
        Traceback (most recent call last):
        ...
        claimgraph.exceptions.ExtensionLimitError: 1048576 preferred extensions, more than ...
        >>> len(af.accepted("preferred", "credulous")), len(af.accepted("preferred", "sceptical"))
        (40, 0)
        """
        self._check(semantics)
        hit = self._cache.get(semantics)
        if hit is not None:
            if limit is not None and len(hit) > limit:
                raise ExtensionLimitError(semantics, limit, None, len(hit))
            return list(hit)
        budget = _Budget(semantics, limit, timeout)
        if semantics == "grounded":
            out = [self.grounded()]
        else:
            per = [part._listed(semantics, budget) for part in self._parts()]
            total = math.prod(len(p) for p in per)
            if limit is not None and total > limit:
                raise ExtensionLimitError(semantics, limit, None, total)
            if len(per) == 1:
                out = per[0]
            else:
                out = [frozenset().union(*combo) for combo in itertools.product(*per)]
        self._cache[semantics] = out
        return list(out)

    def count_extensions(self, semantics: str, *, timeout: float | None = None) -> int:
        """How many extensions there are, listing only those of each independent part.

        The count is the product of the parts' counts, so ``n`` independent disputes
        take ``n`` small searches, not ``2ⁿ``; a single large part is still listed
        (:exc:`ExtensionLimitError` past :data:`EXTENSION_LIMIT` extensions in it).

        >>> ArgumentationFramework(["a", "b", "c"], [("a", "b"), ("b", "a")]).count_extensions(
        ...     "complete")
        3
        """
        self._check(semantics)
        if semantics in ("grounded", "ideal"):
            return 1
        budget = _Budget(semantics, EXTENSION_LIMIT, timeout)
        return math.prod(len(part._listed(semantics, budget)) for part in self._parts())

    def accepted(
        self, semantics: str, how: str = "credulous", *, timeout: float | None = None
    ) -> frozenset[str]:
        """The arguments credulously (in some extension) or sceptically (in every one)
        accepted, computed without listing the extensions.

        Each independent part (weakly connected component) is decided on its own.
        Complete and preferred: one labelling search per argument the grounded labelling
        leaves open (credulous), and for sceptical preferred a counter-example search
        that stops at the first preferred extension without the argument (as in
        CEGARTIX, Dvořák et al. 2014); stable: one search per argument for a stable
        labelling with it IN or OUT; grounded and ideal have one extension; semi-stable
        and stage list each part's extensions. Without any stable extension, sceptical
        stable acceptance holds vacuously for every argument and credulous for none.

        Parameters
        ----------
        semantics : str
            One of :data:`SEMANTICS`.
        how : {"credulous", "sceptical"}
        timeout : float or None
            Seconds to spend at most (:exc:`ExtensionLimitError` when reached).

        Examples
        --------
        >>> af = ArgumentationFramework(["a", "b", "c"], [("a", "b"), ("b", "a"), ("b", "c")])
        >>> sorted(af.accepted("preferred")), sorted(af.accepted("preferred", "sceptical"))
        (['a', 'b', 'c'], [])
        """
        if how not in ("credulous", "sceptical"):
            raise InvalidArgumentError(f"how must be 'credulous' or 'sceptical', not {how!r}")
        self._check(semantics)
        hit = self._accepted.get(semantics)
        if hit is None:
            hit = self._accepted[semantics] = self._decide(semantics, timeout)
        return hit[0] if how == "credulous" else hit[1]

    def _check(self, semantics: str) -> None:
        if semantics not in SEMANTICS:
            raise InvalidDataError(
                f"semantics must be one of {', '.join(SEMANTICS)}, not {semantics!r}"
            )

    def _parts(self) -> list[ArgumentationFramework]:
        """The weakly connected components as frameworks (``[self]`` when connected)."""
        if self._part_list is not None:
            return self._part_list
        n = len(self.arguments)
        root = list(range(n))

        def find(i: int) -> int:
            while root[i] != i:
                root[i] = root[root[i]]
                i = root[i]
            return i

        for i in range(n):
            for j in self._solver.targets[i]:
                ri, rj = find(i), find(j)
                if ri != rj:
                    root[max(ri, rj)] = min(ri, rj)
        groups: dict[int, list[int]] = {}
        for i in range(n):
            groups.setdefault(find(i), []).append(i)
        if len(groups) <= 1:
            self._part_list = [self]
            return self._part_list
        parts = []
        args = self.arguments
        for members in groups.values():
            atts = [(args[i], args[j]) for i in members for j in self._solver.targets[i]]
            part = ArgumentationFramework([args[i] for i in members], atts)
            part._part_list = [part]
            parts.append(part)
        self._part_list = parts
        return parts

    def _listed(self, semantics: str, budget: _Budget) -> list[frozenset[str]]:
        """This framework's extensions, listed whole (no decomposition), within budget."""
        hit = self._cache.get(semantics)
        if hit is not None:
            return hit
        s = self._solver
        s.tick = budget.tick
        try:
            if semantics == "grounded":
                out = [self.grounded()]
            elif semantics == "complete":
                out = [self._set(in_mask(lab)) for lab in budget.count(s.labellings())]
            elif semantics == "stable":
                out = [self._set(in_mask(lab)) for lab in budget.count(s.labellings(stable=True))]
            elif semantics == "preferred":
                out = [self._set(m) for m in budget.count(s.preferred())]
            elif semantics == "semi-stable":
                prefs = [self._mask(e) for e in self._listed("preferred", budget)]
                ranges = {m: m | self._range(m) for m in prefs}
                top = maximal(list(ranges.values()))
                out = [self._set(m) for m in prefs if ranges[m] in top]
            elif semantics == "stage":
                search = StageSearch(len(self.arguments), s.attackers, s.targets)
                out = [self._set(m) for m in budget.count(iter(search.extensions()))]
            else:  # ideal
                out = [self._set(self._ideal())]
        finally:
            s.tick = None
        self._cache[semantics] = out
        return out

    def _ideal(self) -> int:
        """The ideal extension (bit set): the sceptically preferred arguments, less what
        they do not defend, to a fixpoint (the largest admissible subset)."""
        s = self._solver
        got = self._decided.get("preferred")
        if got is None:
            got = self._decided["preferred"] = self._decide_part(
                "preferred", _Budget("ideal", None, None)
            )
        if got is None:  # pragma: no cover - preferred extensions always exist
            return 0
        common = self._mask(got[1])
        changed = True
        while changed:  # drop what the set does not defend, to a fixpoint
            changed = False
            hit_by = self._range(common)
            for i in bits(common):
                if any(not hit_by >> b & 1 for b in s.attackers[i]):
                    common &= ~(1 << i)
                    changed = True
                    break
        return common

    def _decide(
        self, semantics: str, timeout: float | None
    ) -> tuple[frozenset[str], frozenset[str]]:
        """(credulous, sceptical) over every part."""
        budget = _Budget(semantics, None, timeout)
        cred: set[str] = set()
        scept: set[str] = set()
        for part in self._parts():
            if semantics in part._decided:
                got = part._decided[semantics]
            else:
                got = part._decided[semantics] = part._decide_part(semantics, budget)
            if got is None:  # a part without stable extension: the whole has none
                return frozenset(), frozenset(self.arguments)
            cred |= got[0]
            scept |= got[1]
        return frozenset(cred), frozenset(scept)

    def _decide_part(
        self, semantics: str, budget: _Budget
    ) -> tuple[frozenset[str], frozenset[str]] | None:
        """(credulous, sceptical) of this framework taken whole; None: no extension."""
        s = self._solver
        s.tick = budget.tick
        try:
            inn = s.grounded()[0]
            if semantics == "grounded":
                return self._set(inn), self._set(inn)
            if semantics in ("complete", "preferred"):
                cred, scept = self._directional(semantics == "preferred")
                return self._set(cred), self._set(inn | scept)
            if semantics == "stable":
                if s.first(stable=True) is None:
                    return None
                cred, seen = s.credulous(stable=True)
                cands = cred
                for m in seen:
                    cands &= m
                return self._set(cred), self._set(s.sceptical_stable(cands))
            if semantics == "ideal":
                ideal = self._set(self._ideal())
                return ideal, ideal
        finally:
            s.tick = None
        exts = self._listed(semantics, budget)  # semi-stable, stage: never empty
        both = frozenset(self.arguments)
        for e in exts:
            both &= e
        return frozenset().union(*exts), both

    def _directional(self, sceptical: bool) -> tuple[int, int]:
        """(credulous complete/preferred, sceptical preferred outside the grounded
        extension) as bit sets, each strongly connected component decided in the
        sub-framework of itself and the components upstream of it where that is at most
        half of this one, the rest here.

        Complete and preferred semantics are SCC-recursive (Baroni, Giacomin & Guida
        2005) and so directional (Baroni & Giacomin 2007): the extensions restricted to an
        unattacked set are the extensions of the sub-framework it induces, so acceptance
        there can be decided in it.
        """
        s = self._solver
        inn, out = s.grounded()
        open_ = ((1 << len(self.arguments)) - 1) & ~(inn | out)
        cred = inn
        scept = 0
        if not open_:
            return cred, scept
        g: nx.DiGraph[int] = nx.DiGraph()
        g.add_nodes_from(range(len(self.arguments)))
        g.add_edges_from((i, j) for i in bits(open_) for j in s.targets[i] if open_ >> j & 1)
        # attackers decided by the grounded labelling fix nothing open: an open argument's
        # IN attackers do not exist and its OUT ones never count, so the open part is its
        # own framework for what is left to decide
        cond = nx.condensation(g)
        half = len(self.arguments) // 2
        left = open_
        for c in nx.topological_sort(cond):
            members = cond.nodes[c]["members"]
            if not any(open_ >> i & 1 for i in members):
                continue
            hull = set(members)
            for d in nx.ancestors(cond, c):
                hull.update(cond.nodes[d]["members"])
            if len(hull) > half:
                continue
            order = sorted(hull)
            sub = ArgumentationFramework(
                [self.arguments[i] for i in order],
                [
                    (self.arguments[i], self.arguments[j])
                    for i in order
                    for j in s.targets[i]
                    if j in hull
                ],
            )
            sub._solver.tick = s.tick
            here = sub._mask(self.arguments[i] for i in members)
            got_cred, got_scept = sub._open_acceptance(here, sceptical)
            cred |= self._mask(sub._set(got_cred))
            scept |= self._mask(sub._set(got_scept))
            left &= ~self._mask(self.arguments[i] for i in members)
        if left:
            got_cred, got_scept = self._open_acceptance(left, sceptical)
            cred |= got_cred
            scept |= got_scept
        return cred, scept

    def _open_acceptance(self, which: int, sceptical: bool) -> tuple[int, int]:
        """(credulous, sceptical preferred) among the arguments ``which`` (bit set)."""
        s = self._solver
        inn, out = s.grounded()
        cred = 0
        for i in bits(which & ~(inn | out)):
            if cred >> i & 1:
                continue
            lab = s.first(force_in=i)
            if lab is not None:
                cred |= in_mask(lab)
        cred &= which
        scept = s.sceptical_preferred(cred) if sceptical else 0
        return cred | (which & inn), scept | (which & inn)

    def _mask(self, ext: Iterable[str]) -> int:
        return sum(1 << self._index[a] for a in ext)

    def _range(self, mask: int) -> int:
        """The arguments attacked by ``mask``."""
        hit = 0
        for i in bits(mask):
            for t in self._solver.targets[i]:
                hit |= 1 << t
        return hit

    def is_credulously_accepted(self, argument: str, semantics: str = "preferred") -> bool:
        """True if ``argument`` is in at least one extension."""
        self._i(argument)
        self._check(semantics)
        if semantics in ("complete", "preferred") and semantics not in self._accepted:
            # in some preferred extension iff in some complete one: one search in its part
            part = next(p for p in self._parts() if argument in p._index)
            return part._solver.first(force_in=part._index[argument]) is not None
        return argument in self.accepted(semantics, "credulous")

    def is_sceptically_accepted(self, argument: str, semantics: str = "preferred") -> bool:
        """True if ``argument`` is in every extension (vacuously true if there is none)."""
        self._i(argument)
        self._check(semantics)
        if semantics == "complete":
            return argument in self.grounded()
        return argument in self.accepted(semantics, "sceptical")

    # ------------------------------------------------------------------ files
    @classmethod
    def from_apx(cls, text: str, *, path: str | None = None) -> ArgumentationFramework:
        """Parse APX: one ``arg(x).`` or ``att(x,y).`` fact per line; ``%`` comments."""
        args: list[str] = []
        atts: list[tuple[int, str, str]] = []
        errors: list[ErrorDetail] = []
        for n, line in enumerate(text.splitlines(), start=1):
            s = line.strip()
            if not s or s.startswith("%"):
                continue
            m = _APX.match(s)
            if m is None:
                errors.append(
                    _problem("apx_syntax", f"not an arg(x). or att(x,y). fact: {s[:60]!r}", path, n)
                )
            elif m.group(1):
                args.append(m.group(2))
            else:
                atts.append((n, m.group(4), m.group(5)))
        return cls._build(args, atts, errors, path or "APX text")

    @classmethod
    def from_tgf(cls, text: str, *, path: str | None = None) -> ArgumentationFramework:
        """Parse TGF: one argument per line, a line ``#``, then one ``a b`` attack per line."""
        args: list[str] = []
        atts: list[tuple[int, str, str]] = []
        errors: list[ErrorDetail] = []
        in_edges = False
        for n, line in enumerate(text.splitlines(), start=1):
            parts = line.split()
            if not parts:
                continue
            if parts == ["#"]:
                in_edges = True
            elif not in_edges:
                args.append(parts[0])
            elif len(parts) >= 2:
                atts.append((n, parts[0], parts[1]))
            else:
                errors.append(
                    _problem("tgf_syntax", f"not an attack 'a b': {line[:60]!r}", path, n)
                )
        return cls._build(args, atts, errors, path or "TGF text")

    @classmethod
    def _build(
        cls,
        args: list[str],
        atts: list[tuple[int, str, str]],
        errors: list[ErrorDetail],
        where: str,
    ) -> ArgumentationFramework:
        known = set(args)
        path = None if where.endswith(" text") else where
        for n, a, b in atts:
            missing = [x for x in (a, b) if x not in known]
            if missing:
                errors.append(
                    _problem(
                        "unknown_argument",
                        f"attack {a} → {b} names undeclared argument(s) {', '.join(missing)}",
                        path,
                        n,
                    )
                )
        if errors:
            raise FileFormatError(f"cannot read {where}", errors)
        return cls(args, [(a, b) for _, a, b in atts])

    @classmethod
    def read(
        cls, path: str | os.PathLike[str], format: str | None = None
    ) -> ArgumentationFramework:
        """Read an APX or TGF file (the format from the suffix unless given)."""
        fmt = format or ("tgf" if str(path).lower().endswith(".tgf") else "apx")
        if fmt not in ("apx", "tgf"):
            raise InvalidDataError(f"format must be 'apx' or 'tgf', not {fmt!r}")
        data = read_bytes(path)  # held to the input limits, as every reader
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise refuse("encoding", f"not UTF-8 text: {exc.reason}", str(path), line) from None
        if fmt == "tgf":
            return cls.from_tgf(text, path=str(path))
        return cls.from_apx(text, path=str(path))

    def to_apx(self) -> str:
        """APX text; arguments must be APX constants (``[A-Za-z0-9_]+``)."""
        bad = [a for a in self.arguments if not re.fullmatch(r"[A-Za-z0-9_]+", a)]
        if bad:
            raise InvalidDataError(f"argument {bad[0]!r} is not an APX constant")
        lines = [f"arg({a})." for a in self.arguments]
        lines += [f"att({a},{b})." for a, b in self.attacks]
        return "\n".join(lines) + "\n"

    def to_networkx(self) -> nx.DiGraph[str]:
        """The framework as a :class:`networkx.DiGraph`: arguments as nodes, attacks as edges.

        Examples
        --------
        >>> af = ArgumentationFramework.from_apx("arg(a).\\narg(b).\\natt(a,b).\\n")
        >>> list(af.to_networkx().edges)
        [('a', 'b')]
        """
        g: nx.DiGraph[str] = nx.DiGraph()
        g.add_nodes_from(self.arguments)
        g.add_edges_from(self.attacks)
        return g

    def to_tgf(self) -> str:
        """TGF text; arguments must contain no whitespace."""
        bad = [a for a in self.arguments if not a or any(c.isspace() for c in a) or a == "#"]
        if bad:
            raise InvalidDataError(f"argument {bad[0]!r} cannot be written as TGF")
        lines = [*self.arguments, "#", *(f"{a} {b}" for a, b in self.attacks)]
        return "\n".join(lines) + "\n"

    def write(self, path: str | os.PathLike[str], format: str | None = None) -> None:
        """Write APX or TGF (from the suffix unless given), atomically."""
        from .formats._safe import write_text

        fmt = format or ("tgf" if str(path).lower().endswith(".tgf") else "apx")
        if fmt not in ("apx", "tgf"):
            raise InvalidDataError(f"format must be 'apx' or 'tgf', not {fmt!r}")
        write_text(path, self.to_tgf() if fmt == "tgf" else self.to_apx())


# ---------------------------------------------------------------------------- claim graphs
Basis = Literal["opposite_stances", "exclusive", "implication", "response", "support"]


@dataclass(frozen=True, slots=True)
class SupportChain:
    """Why a ``support`` attack holds: a declared attack carried along ``implies`` chains.

    The attacker *a* supports (asserts a premise of) the statement *x* that makes a declared
    attack on *y*, which the attacked statement *b* supports; either chain may be empty
    (*a* is *x*, or *b* is *y*). In the terms of Cayrol & Lagasquie-Schiex (2013): with
    only the attacker's chain it is a *supported* attack, with only the attacked one's a
    *mediated* attack, with both a *super-mediated* attack.

    Attributes
    ----------
    kind : {"supported", "mediated", "super-mediated"}
    attacker, attacked : str
        The statements of the derived attack (*a* and *b*).
    attack : (str, str)
        The declared attack it comes from (*x*, *y*).
    basis : tuple of str
        The reasons of the declared attack (``exclusive``, ``response``, ...).
    attacker_chain, attacked_chain : tuple of str
        The propositions from *a*'s to *x*'s and from *b*'s to *y*'s, each implying the
        next (empty when the statement is the one attacking or attacked).
    """

    kind: str
    attacker: str
    attacked: str
    attack: tuple[str, str]
    basis: tuple[str, ...]
    attacker_chain: tuple[str, ...]
    attacked_chain: tuple[str, ...]

    def explain(self) -> str:
        """The chain as a sentence.

        Examples
        --------
        >>> c = SupportChain("supported", "s1", "s3", ("s2", "s3"), ("exclusive",),
        ...                  ("p", "q"), ())
        >>> c.explain()
        'supported attack: s1 asserts p, which implies q, asserted by s2; s2 attacks s3 (exclusive)'
        """
        parts = []
        x, y = self.attack
        if self.attacker_chain:
            parts.append(
                f"{self.attacker} asserts {self.attacker_chain[0]}, which implies "
                f"{' ⇒ '.join(self.attacker_chain[1:])}, asserted by {x}"
            )
        parts.append(f"{x} attacks {y} ({', '.join(self.basis)})")
        if self.attacked_chain:
            parts.append(
                f"{self.attacked} asserts {self.attacked_chain[0]}, which implies "
                f"{' ⇒ '.join(self.attacked_chain[1:])}, asserted by {y}"
            )
        return f"{self.kind} attack: " + "; ".join(parts)


class AttackGraph(ArgumentationFramework):
    """The attack graph of a claim graph's statements (see :func:`attack_graph`).

    Attributes
    ----------
    reasons : dict of (str, str) to tuple of str
        Why each attack holds: one or more of ``opposite_stances``, ``exclusive``,
        ``implication``, ``response``, ``support``.
    chains : dict of (str, str) to SupportChain
        For each attack with the reason ``support``: the declared attack and the
        ``implies`` chains it was derived from (one such derivation where there are several).
    """

    def __init__(
        self,
        arguments: Iterable[str],
        reasons: Mapping[tuple[str, str], Iterable[str]],
        chains: Mapping[tuple[str, str], SupportChain] | None = None,
    ) -> None:
        super().__init__(arguments, reasons.keys())
        self.reasons: dict[tuple[str, str], tuple[str, ...]] = {
            k: tuple(sorted(set(v))) for k, v in reasons.items()
        }
        self.chains: dict[tuple[str, str], SupportChain] = dict(chains or {})

    def explain(self, attacker: str, attacked: str) -> str:
        """Why ``attacker`` attacks ``attacked``, in words (the chain, for derived attacks).

        Examples
        --------
        >>> import claimgraph as cg
        >>> ag = attack_graph(cg.load(cg.example_path()))
        >>> ag.explain("pk-sheltered", "af-denies-sheltered")
        'pk-sheltered attacks af-denies-sheltered (opposite_stances)'
        """
        why = self.reasons.get((attacker, attacked))
        if why is None:
            raise NotFoundError(f"{attacker!r} does not attack {attacked!r}")
        direct = [w for w in why if w != "support"]
        out = [f"{attacker} attacks {attacked} ({', '.join(direct)})"] if direct else []
        chain = self.chains.get((attacker, attacked))
        if chain is not None:
            out.append(chain.explain())
        return "; and ".join(out)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: arguments and attacks with their reasons (and chains)."""
        attacks = []
        for a, b in self.attacks:
            row: dict[str, Any] = {
                "attacker": a,
                "attacked": b,
                "reasons": list(self.reasons[(a, b)]),
            }
            chain = self.chains.get((a, b))
            if chain is not None:
                row["chain"] = {
                    "kind": chain.kind,
                    "attack": list(chain.attack),
                    "basis": list(chain.basis),
                    "attacker_chain": list(chain.attacker_chain),
                    "attacked_chain": list(chain.attacked_chain),
                }
            attacks.append(row)
        return {"arguments": list(self.arguments), "attacks": attacks}

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{escape_html(a)}</td><td>{escape_html(b)}</td>"
            f"<td>{escape_html(self.explain(a, b))}</td></tr>"
            for a, b in self.attacks
        )
        return (
            f"<p>{len(self.arguments)} statements, {len(self.attacks)} attacks</p>"
            "<table><tr><th>attacker</th><th>attacked</th><th>why</th></tr>"
            f"{rows}</table>"
        )


def _is_rebuttal(stance: str, kind: str) -> bool:
    return stance == "denies" or kind in ("denial", "rejection")


def attack_graph(graph: ClaimGraph) -> AttackGraph:
    """The attack graph of the statements: who attacks whom, and why.

    See the module docstring for the attacks chosen. Only what the graph declares is
    used: two statements whose propositions are merely *related in meaning* do not attack
    each other unless a ``contradicts``/``implies`` relation or a ``responds_to`` link
    says so.

    The ``support`` attacks close the declared ones under deductive support (Cayrol &
    Lagasquie-Schiex 2013): an assertion of *p* supports every other assertion of a
    proposition that *p* implies, and *a* attacks *b* whenever *a* supports (or is) some
    *x*, *b* supports (or is) some *y*, and *x* attacks *y* by a declared attack. This is
    the fixpoint of adding supported attacks (*a* supports *x*, *x* attacks *b*) and
    mediated attacks (*b* supports *y*, *a* attacks *y*): support is transitive, so the
    closure is reached in one step. A statement whose proposition implies two sides of a
    declared clash attacks itself (it cannot be accepted). :attr:`AttackGraph.chains`
    keeps, for each derived attack, the chain it comes from.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.argumentation import attack_graph
    >>> ag = attack_graph(cg.load(cg.example_path()))
    >>> ag.reasons[("pk-officials-dismiss", "af-claims-offer-rejected")]
    ('opposite_stances', 'response')
    >>> ag.reasons[("pk-sheltered", "af-denies-sheltered")]
    ('opposite_stances',)

    With PA ⇒ A, PB ⇒ B and A ⊥ B, the premises attack each other too:

    >>> g = cg.ClaimGraph()
    >>> _ = g.add_actor(id="x", name="X")
    >>> _ = g.add_proposition(id="b", text="B holds.")
    >>> _ = g.add_proposition(id="a", text="A holds.", contradicts=["b"])
    >>> _ = g.add_proposition(id="pa", text="pa", implies=["a"])
    >>> _ = g.add_proposition(id="pb", text="pb", implies=["b"])
    >>> for p in ("a", "b", "pa", "pb"):
    ...     _ = g.add_statement(id=f"s-{p}", actor="x", proposition=p)
    >>> ag = attack_graph(g)
    >>> ag.reasons[("s-pa", "s-pb")]
    ('support',)
    >>> ag.explain("s-pa", "s-pb")  # doctest: +NORMALIZE_WHITESPACE
    'super-mediated attack: s-pa asserts pa, which implies a, asserted by s-a;
     s-a attacks s-b (exclusive); s-pb asserts pb, which implies b, asserted by s-b'
    """
    stances: dict[str, tuple[list[Statement], list[Statement]]] = {}
    for st in graph.statement_records.values():
        if st.stance == "reports":
            continue  # a neutral report takes no position: it attacks and supports nothing
        pair = stances.get(st.proposition)
        if pair is None:
            pair = stances[st.proposition] = ([], [])
        pair[st.stance != "asserts"].append(st)
    rel = graph.relations()
    reasons: dict[tuple[str, str], set[str]] = {}

    def add(a: str, b: str, why: str) -> None:
        hit = reasons.get((a, b))
        if hit is None:
            reasons[(a, b)] = {why}
        else:
            hit.add(why)

    def both(xs: Iterable[Any], ys: Iterable[Any], why: str) -> None:
        ys = list(ys)
        for x in xs:
            for y in ys:
                if x.id != y.id:
                    add(x.id, y.id, why)
                    add(y.id, x.id, why)

    implied: dict[str, dict[str, tuple[str, ...]]] = {}
    for yes, no in stances.values():
        if yes and no:
            both(yes, no, "opposite_stances")
    for p in rel.owners:
        for q in rel.contradicts.get(p, ()):
            both(stances.get(p, ((), ()))[0], stances.get(q, ((), ()))[0], "exclusive")
        if p in rel.implies:
            implied[p] = rel.chains(p)
            for q in implied[p]:
                both(stances.get(p, ((), ()))[0], stances.get(q, ((), ()))[1], "implication")
    records = graph.statement_records
    for s in records.values():
        if s.responds_to and _is_rebuttal(s.stance, s.kind):
            for t in s.responds_to:
                if t in records and t != s.id:
                    add(s.id, t, "response")
    # deductive support: supporters[x] = (assertion entailing x's claim, the chain), shortest
    # chains first (the first one kept per derived attack is then the shortest found)
    supporters: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for p, paths in implied.items():
        for sup in stances.get(p, ((), ()))[0]:
            for q, path in paths.items():
                for st in stances.get(q, ((), ()))[0]:
                    if st.id != sup.id:
                        supporters.setdefault(st.id, []).append((sup.id, path))
    chains: dict[tuple[str, str], SupportChain] = {}
    if supporters:
        for lst in supporters.values():
            lst.sort(key=lambda sp: len(sp[1]))
        none: list[tuple[str, tuple[str, ...]]] = []
        direct = {k: tuple(sorted(v)) for k, v in reasons.items()}
        for (x, y), basis in direct.items():
            froms = [(x, ()), *supporters.get(x, none)]
            tos = [(y, ()), *supporters.get(y, none)]
            for a, pa in froms:
                for b, pb in tos:
                    if pa or pb:
                        add(a, b, "support")
                        if (a, b) not in chains:
                            kind = (
                                "super-mediated" if pa and pb else "supported" if pa else "mediated"
                            )
                            chains[(a, b)] = SupportChain(kind, a, b, (x, y), basis, pa, pb)
    return AttackGraph(records, reasons, chains)


# ---------------------------------------------------------------------------- acceptance
@dataclass(frozen=True, slots=True)
class StatementAcceptance:
    """How one statement fares under the semantics.

    Attributes
    ----------
    statement, actor, side, proposition, stance : str
        The statement and what it says.
    text : str
        The proposition's wording.
    grounded : {"in", "out", "undec"}
        Its label in the grounded labelling: accepted by everyone's lights, defeated by
        an accepted attacker, or left open.
    credulous, sceptical : dict of str to bool
        Per semantics: in some extension / in every extension.
    attackers : tuple of str
        The statements that attack it.
    """

    statement: str
    actor: str
    side: str
    proposition: str
    stance: str
    text: str
    grounded: str
    credulous: dict[str, bool]
    sceptical: dict[str, bool]
    attackers: tuple[str, ...]

    def __repr__(self) -> str:
        acc = "; ".join(
            f"{s} {'credulous' if self.credulous[s] else 'not credulous'}"
            f"{', sceptical' if self.sceptical[s] else ''}"
            for s in self.credulous
        )
        return f"<StatementAcceptance {self.statement}: grounded {self.grounded}; {acc}>"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "statement": self.statement,
            "actor": self.actor,
            "side": self.side,
            "proposition": self.proposition,
            "stance": self.stance,
            "text": self.text,
            "grounded": self.grounded,
            "credulous": dict(self.credulous),
            "sceptical": dict(self.sceptical),
            "attackers": list(self.attackers),
        }


class Extensions(Mapping[str, list[frozenset[str]]]):
    """The extensions of an :class:`Acceptance`, per semantics, listed when first asked
    for (with :meth:`ArgumentationFramework.extensions` and its default limit).

    Examples
    --------
    >>> import claimgraph as cg
    >>> res = acceptance(cg.load(cg.example_path()))
    >>> list(res.extensions), len(res.extensions["preferred"])
    (['preferred', 'stable'], 4)
    """

    def __init__(self, framework: ArgumentationFramework, semantics: tuple[str, ...]) -> None:
        self._framework = framework
        self._semantics = semantics

    def __getitem__(self, semantics: str) -> list[frozenset[str]]:
        if semantics not in self._semantics:
            raise NotFoundError(f"no semantics {semantics!r} in the result")
        return self._framework.extensions(semantics)

    def __iter__(self) -> Iterator[str]:
        return iter(self._semantics)

    def __len__(self) -> int:
        return len(self._semantics)

    def __repr__(self) -> str:
        return f"<Extensions of {', '.join(self._semantics)} (listed on access)>"


@dataclass(frozen=True)
class Acceptance:
    """Acceptance of every statement of a claim graph (see :func:`acceptance`).

    Attributes
    ----------
    framework : AttackGraph
        The attack graph the semantics ran on.
    semantics : tuple of str
        The semantics reported in ``credulous``/``sceptical``.
    rows : tuple of StatementAcceptance
        One per statement, in the graph's order.
    extensions : Extensions
        The extensions per semantics (empty list: none, e.g. no stable extension), listed
        only when asked for: there can be exponentially many (``2ⁿ`` for ``n``
        independent disputes), and past :data:`EXTENSION_LIMIT` asking raises
        :exc:`~claimgraph.ExtensionLimitError`.
    """

    framework: AttackGraph
    semantics: tuple[str, ...]
    rows: tuple[StatementAcceptance, ...]
    extensions: Extensions

    def __getitem__(self, statement: str) -> StatementAcceptance:
        index: dict[str, StatementAcceptance] | None = self.__dict__.get("_index")
        if index is None:
            index = {r.statement: r for r in self.rows}
            object.__setattr__(self, "_index", index)
        try:
            return index[statement]
        except KeyError:
            raise NotFoundError(f"no statement {statement!r} in the result") from None

    def __iter__(self) -> Iterator[StatementAcceptance]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def standing(self) -> list[str]:
        """Statements in the grounded extension: they stand whatever else is chosen."""
        return [r.statement for r in self.rows if r.grounded == "in"]

    def __repr__(self) -> str:
        counts = {k: sum(r.grounded == k for r in self.rows) for k in ("in", "out", "undec")}
        acc = "; ".join(
            f"{s} credulous={sum(r.credulous[s] for r in self.rows)}"
            f" sceptical={sum(r.sceptical[s] for r in self.rows)}"
            for s in self.semantics
        )
        return (
            f"<Acceptance: {len(self.rows)} statements, {len(self.framework.attacks)} attacks;"
            f" grounded in={counts['in']} out={counts['out']} undec={counts['undec']}"
            + (f"; {acc}>" if acc else ">")
        )

    def to_dict(self, *, extensions: bool = False) -> dict[str, Any]:
        """A JSON-ready dict; with ``extensions``, the extensions listed too (limited)."""
        out: dict[str, Any] = {"semantics": list(self.semantics)}
        if extensions:
            out["extensions"] = {k: [sorted(e) for e in v] for k, v in self.extensions.items()}
        out["statements"] = [r.to_dict() for r in self.rows]
        out["attacks"] = self.framework.to_dict()["attacks"]
        return out

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th>{escape_html(s)} cred.</th><th>{escape_html(s)} scept.</th>"
            for s in self.semantics
        )

        def yn(b: bool) -> str:
            return "yes" if b else "no"

        rows = "".join(
            f"<tr><td>{escape_html(r.statement)}</td><td>{escape_html(r.side)}</td>"
            f"<td>{escape_html(r.stance)}</td><td>{escape_html(r.text)}</td>"
            f"<td>{escape_html(r.grounded)}</td>"
            + "".join(
                f"<td>{yn(r.credulous[s])}</td><td>{yn(r.sceptical[s])}</td>"
                for s in self.semantics
            )
            + "</tr>"
            for r in self.rows
        )
        return (
            f"<p>{escape_html(repr(self))}</p><table><tr><th>statement</th><th>side</th>"
            f"<th>stance</th><th>proposition</th><th>grounded</th>{head}</tr>{rows}</table>"
        )


def acceptance(
    graph: ClaimGraph,
    semantics: Iterable[str] = ("preferred", "stable"),
    *,
    timeout: float | None = None,
) -> Acceptance:
    """Which statements stand: grounded label and credulous/sceptical acceptance each.

    Parameters
    ----------
    graph : ClaimGraph
    semantics : iterable of str
        Semantics (of :data:`SEMANTICS`) to report acceptance under.
    timeout : float or None
        Seconds to spend at most per semantics (:exc:`~claimgraph.ExtensionLimitError`
        when reached); ``None``: no limit.

    Returns
    -------
    Acceptance

    Notes
    -----
    This is an aid to judgement, not a verdict: a statement is "out" because the graph
    records an accepted attacker, not because it is false. The result depends entirely on
    which propositions, relations and responses were entered.

    Acceptance is decided per independent part of the attack graph (each weakly
    connected component, typically one dispute) with
    :meth:`ArgumentationFramework.accepted`, without listing the extensions: ``n``
    independent disputes take ``n`` small searches, not ``2ⁿ`` or ``3ⁿ`` steps. The
    extensions are listed only when ``result.extensions`` is read.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.argumentation import acceptance
    >>> res = acceptance(cg.load(cg.example_path()))
    >>> res["pk-sheltered"].credulous["preferred"], res["pk-sheltered"].sceptical["preferred"]
    (True, False)
    >>> len(res.extensions["stable"])  # two disputes, each settled either way
    4
    """
    sems = tuple(dict.fromkeys(semantics))
    for s in sems:
        if s not in SEMANTICS:
            raise InvalidDataError(f"semantics must be among {', '.join(SEMANTICS)}, not {s!r}")
    af = attack_graph(graph)
    cred = {s: af.accepted(s, "credulous", timeout=timeout) for s in sems}
    scept = {s: af.accepted(s, "sceptical", timeout=timeout) for s in sems}
    inn = af.grounded()
    out = {b for a, b in af.attacks if a in inn}
    rows = []
    side_of = graph.side_map()
    for sid, st in graph.statement_records.items():
        rows.append(
            StatementAcceptance(
                statement=sid,
                actor=st.actor,
                side=side_of.get(st.actor) or graph.side(st.actor),
                proposition=st.proposition,
                stance=st.stance,
                text=graph.propositions[st.proposition].text,
                grounded="in" if sid in inn else "out" if sid in out else "undec",
                credulous={s: sid in cred[s] for s in sems},
                sceptical={s: sid in scept[s] for s in sems},
                attackers=tuple(af.attackers(sid)),
            )
        )
    return Acceptance(af, sems, tuple(rows), Extensions(af, sems))
