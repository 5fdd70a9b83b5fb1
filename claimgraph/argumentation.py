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

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from ._afsolver import IN, Solver, StageSearch, bits, maximal
from ._markup import escape_html
from .exceptions import ErrorDetail, FileFormatError, InvalidDataError, NotFoundError
from .formats._safe import read_bytes, refuse

if TYPE_CHECKING:
    from .graph import ClaimGraph
    from .models import Statement

__all__ = [
    "SEMANTICS",
    "Acceptance",
    "ArgumentationFramework",
    "AttackGraph",
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
        return self._get("complete")

    def preferred(self) -> list[frozenset[str]]:
        """Every preferred extension (⊆-maximal admissible sets)."""
        return self._get("preferred")

    def stable(self) -> list[frozenset[str]]:
        """Every stable extension (conflict-free, attacking all else); may be none."""
        return self._get("stable")

    def semi_stable(self) -> list[frozenset[str]]:
        """Every semi-stable extension (complete, with ⊆-maximal range)."""
        return self._get("semi-stable")

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
        return self._get("stage")

    def ideal(self) -> frozenset[str]:
        """The ideal extension: the largest admissible set inside every preferred one."""
        return self._get("ideal")[0]

    def extensions(self, semantics: str) -> list[frozenset[str]]:
        """The extensions under one of :data:`SEMANTICS` (grounded and ideal: one)."""
        if semantics not in SEMANTICS:
            raise InvalidDataError(
                f"semantics must be one of {', '.join(SEMANTICS)}, not {semantics!r}"
            )
        return list(self._get(semantics))

    def _masks(self, stable: bool = False) -> list[int]:
        return [
            sum(1 << i for i, d in enumerate(lab) if d == IN)
            for lab in self._solver.labellings(stable=stable)
        ]

    def _get(self, semantics: str) -> list[frozenset[str]]:
        hit = self._cache.get(semantics)
        if hit is not None:
            return hit
        s = self._solver
        if semantics == "grounded":
            out = [self.grounded()]
        elif semantics == "complete":
            out = [self._set(m) for m in self._masks()]
        elif semantics == "stable":
            out = [self._set(m) for m in self._masks(stable=True)]
        elif semantics == "preferred":
            out = [self._set(m) for m in maximal(self._masks())]
        elif semantics == "semi-stable":
            prefs = [self._mask(e) for e in self.preferred()]
            ranges = {m: m | self._range(m) for m in prefs}
            top = maximal(list(ranges.values()))
            out = [self._set(m) for m in prefs if ranges[m] in top]
        elif semantics == "stage":
            search = StageSearch(len(self.arguments), s.attackers, s.targets)
            out = [self._set(m) for m in search.extensions()]
        else:  # ideal
            common = (1 << len(self.arguments)) - 1
            for m in (self._mask(e) for e in self.preferred()):
                common &= m
            changed = True
            while changed:  # drop what the set does not defend, to a fixpoint
                changed = False
                hit_by = self._range(common)
                for i in bits(common):
                    if any(not hit_by >> b & 1 for b in s.attackers[i]):
                        common &= ~(1 << i)
                        changed = True
                        break
            out = [self._set(common)]
        self._cache[semantics] = out
        return out

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
        i = self._i(argument)
        if semantics in ("complete", "preferred") and semantics not in self._cache:
            # in some preferred extension iff in some complete one: one search, no listing
            return next(self._solver.labellings(force_in=i), None) is not None
        return any(argument in e for e in self.extensions(semantics))

    def is_sceptically_accepted(self, argument: str, semantics: str = "preferred") -> bool:
        """True if ``argument`` is in every extension (vacuously true if there is none)."""
        self._i(argument)
        if semantics == "complete":
            return argument in self.grounded()
        return all(argument in e for e in self.extensions(semantics))

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
            row: dict[str, Any] = {"attacker": a, "attacked": b, "reasons": list(self.reasons[(a, b)])}
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


def _chains_from(p: str, implies: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Every proposition ``p`` implies (transitively, not itself) → the shortest chain
    ``(p, ..., q)`` of declared ``implies`` (breadth first, in declaration order)."""
    paths: dict[str, tuple[str, ...]] = {p: (p,)}
    todo = [p]
    for cur in todo:  # grows while iterating: a queue
        for nxt in implies.get(cur, ()):
            if nxt not in paths:
                paths[nxt] = (*paths[cur], nxt)
                todo.append(nxt)
    del paths[p]
    return paths


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
            implied[p] = _chains_from(p, rel.implies)
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
                            kind = "super-mediated" if pa and pb else "supported" if pa else "mediated"
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
    extensions : dict of str to list of frozenset
        The extensions per semantics (empty list: none, e.g. no stable extension).
    """

    framework: AttackGraph
    semantics: tuple[str, ...]
    rows: tuple[StatementAcceptance, ...]
    extensions: dict[str, list[frozenset[str]]]

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
        ext = ", ".join(f"{len(v)} {k}" for k, v in self.extensions.items())
        return (
            f"<Acceptance: {len(self.rows)} statements, {len(self.framework.attacks)} attacks;"
            f" grounded in={counts['in']} out={counts['out']} undec={counts['undec']};"
            f" extensions: {ext}>"
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "semantics": list(self.semantics),
            "extensions": {k: [sorted(e) for e in v] for k, v in self.extensions.items()},
            "statements": [r.to_dict() for r in self.rows],
            "attacks": self.framework.to_dict()["attacks"],
        }

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


def acceptance(graph: ClaimGraph, semantics: Iterable[str] = ("preferred", "stable")) -> Acceptance:
    """Which statements stand: grounded label and credulous/sceptical acceptance each.

    Parameters
    ----------
    graph : ClaimGraph
    semantics : iterable of str
        Semantics (of :data:`SEMANTICS`) to report acceptance under.

    Returns
    -------
    Acceptance

    Notes
    -----
    This is an aid to judgement, not a verdict: a statement is "out" because the graph
    records an accepted attacker, not because it is false. The result depends entirely on
    which propositions, relations and responses were entered.

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
    exts = {s: af.extensions(s) for s in sems}
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
                credulous={s: any(sid in e for e in exts[s]) for s in sems},
                sceptical={s: all(sid in e for e in exts[s]) for s in sems},
                attackers=tuple(af.attackers(sid)),
            )
        )
    return Acceptance(af, sems, tuple(rows), exts)
