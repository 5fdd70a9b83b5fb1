"""Queries over a :class:`~claimgraph.ClaimGraph`: plain functions ``f(graph, ...)``.

- :func:`contradictions` — grouped disputes (across sides) and inconsistencies (a side
  against itself over time);
- :func:`agreements` — common ground: asserted by several sides, denied by none;
- :func:`positions` — the side × proposition table, with demands and offers per side;
- :func:`statements` and :func:`timeline` — filtered statements.

All of them start from the graph's indexes (statements per proposition, actor, source,
kind, date) rather than scanning every pair of statements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from ._gc import paused_gc
from .dates import overlaps
from .exceptions import NotFoundError
from .filters import StatementFilter, _as_set, _date, contradiction_filter
from .models import Statement

if TYPE_CHECKING:
    from .graph import ClaimGraph

__all__ = [
    "Agreement",
    "Contradiction",
    "Positions",
    "StanceGroup",
    "agreements",
    "contradictions",
    "positions",
    "statements",
    "timeline",
]

_UNDATED = "9999-99-99"


def _key(s: Statement) -> tuple[str, str]:
    return (s.said or _UNDATED, s.id)


@dataclass(frozen=True, slots=True)
class StanceGroup:
    """One side of a contradiction: statements that take the same position.

    Attributes
    ----------
    stance : str
        ``"asserts"`` or ``"denies"``.
    proposition : str
        Id of the proposition the stance is taken on.
    statements : tuple of Statement
        The statements, by date said.
    sides, actors : tuple of str
        Ids of the sides and actors that take this position.
    """

    stance: str
    proposition: str
    statements: tuple[Statement, ...]
    sides: tuple[str, ...]
    actors: tuple[str, ...]

    @property
    def first_said(self) -> str | None:
        """The earliest date among the statements, if any is dated."""
        dates = [s.said for s in self.statements if s.said]
        return min(dates) if dates else None


_Parts = tuple[
    tuple[str, str],  # stances
    tuple[str, str],  # propositions
    list[Statement],  # left
    list[Statement],  # right
    dict[str, str],  # actor -> side
]


@dataclass(frozen=True, eq=False)
class Contradiction:
    """Statements that cannot all be true, grouped per proposition (or proposition pair).

    Attributes
    ----------
    kind : {"dispute", "inconsistency"}
        ``dispute`` when the positions are held by different sides; ``inconsistency`` when
        one side (or actor) holds both, usually at different times: a reversal.
    basis : {"opposite_stances", "exclusive", "implication"}
        Why the positions clash: one proposition asserted and denied; two propositions
        declared mutually exclusive, both asserted; or a proposition asserted whose
        implication is denied.
    propositions : tuple of str
        The proposition ids involved (one, or two for ``exclusive``/``implication``).
    texts : tuple of str
        Their canonical wordings.
    sides : tuple of str
        Every side involved.
    size : int
        How many statements are involved.
    groups : tuple of StanceGroup
        The two incompatible positions. For an inconsistency, the earlier one first.
    explanation : str
        One sentence a person can read.

    Notes
    -----
    ``groups`` (with their sorted statements), ``explanation`` and, for plain disputes,
    ``texts`` are worked out on first use: listing every contradiction of a million
    statements builds only what is needed to classify and rank them.
    """

    kind: Literal["dispute", "inconsistency"]
    basis: Literal["opposite_stances", "exclusive", "implication"]
    propositions: tuple[str, ...]
    texts: tuple[str, ...]
    sides: tuple[str, ...]
    size: int
    _parts: _Parts | tuple[StanceGroup, StanceGroup] = field(repr=False)
    _graph: ClaimGraph = field(repr=False)

    @cached_property
    def groups(self) -> tuple[StanceGroup, StanceGroup]:
        """The two incompatible positions. For an inconsistency, the earlier one first."""
        parts = self._parts
        if len(parts) == 2:
            return parts
        stances, props, left, right, side_of = parts
        return (
            _group(side_of, stances[0], props[0], left),
            _group(side_of, stances[1], props[1], right),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Contradiction):
            return NotImplemented
        return (
            self.kind == other.kind
            and self.basis == other.basis
            and self.propositions == other.propositions
            and self.texts == other.texts
            and self.sides == other.sides
            and self.groups == other.groups
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        props = ", ".join(repr(p) for p in self.propositions)
        return (
            f"<Contradiction {self.kind} ({self.basis}) on {props}:"
            f" {' vs '.join(self.sides) if self.kind == 'dispute' else self.sides[0]},"
            f" {self.size} statement{'' if self.size == 1 else 's'}>"
        )

    def _repr_html_(self) -> str:
        from .display import contradiction_html

        return contradiction_html(self)

    @cached_property
    def explanation(self) -> str:
        """One sentence a person can read (worded on first use)."""
        return _explain(self._graph, self.kind, self.basis, self.texts, *self.groups)

    @property
    def proposition(self) -> str:
        """The (first) proposition id."""
        return self.propositions[0]

    @property
    def statements(self) -> list[Statement]:
        """All statements involved, by date said."""
        return sorted((s for g in self.groups for s in g.statements), key=_key)

    @property
    def actors(self) -> tuple[str, ...]:
        """Every actor involved."""
        return tuple(sorted({a for g in self.groups for a in g.actors}))

    @property
    def dates(self) -> tuple[str | None, str | None]:
        """First and last date said among the statements (``None`` if none is dated)."""
        d = [s.said for g in self.groups for s in g.statements if s.said]
        return (min(d), max(d)) if d else (None, None)

    def to_dict(self, graph: ClaimGraph) -> dict[str, Any]:
        """A JSON-ready dict, with actor names, quotes and source details from ``graph``."""
        return {
            "kind": self.kind,
            "basis": self.basis,
            "propositions": [
                {"id": p, "text": t} for p, t in zip(self.propositions, self.texts, strict=True)
            ],
            "proposition": {"id": self.propositions[0], "text": self.texts[0]},
            "sides": list(self.sides),
            "explanation": self.explanation,
            "first_said": self.dates[0],
            "last_said": self.dates[1],
            "stances": [_group_dict(g, graph) for g in self.groups],
        }


class _PlainDispute(Contradiction):  # the dataclass's fields, __eq__ and __repr__
    """The common contradiction — one side asserts a proposition, another denies it — as
    :func:`contradictions` builds it in bulk: its texts, like its groups, are looked up on
    first use (a million statements have some fifty thousand of these)."""

    @cached_property  # a field of the dataclass, read on first use
    def texts(self) -> tuple[str, ...]:
        """The canonical wordings of the propositions (read on first use)."""
        props = self._graph.propositions
        return tuple(props[p].text for p in self.propositions)


def _statement_dict(s: Statement, graph: ClaimGraph) -> dict[str, Any]:
    reports = []
    for r in s.reports:
        src = graph.sources.get(r.source)
        reports.append(
            {
                "source": r.source,
                "quote": r.quote,
                "url": src.url if src else None,
                "publisher": src.publisher if src else None,
                "published": src.published if src else None,
            }
        )
    return {
        "id": s.id,
        "actor": s.actor,
        "actor_name": graph.actors[s.actor].name,
        "side": graph.side(s.actor),
        "stance": s.stance,
        "kind": s.kind,
        "said": s.said,
        "reports": reports,
    }


def _group_dict(g: StanceGroup, graph: ClaimGraph) -> dict[str, Any]:
    return {
        "stance": g.stance,
        "proposition": g.proposition,
        "sides": list(g.sides),
        "actors": list(g.actors),
        "statements": [_statement_dict(s, graph) for s in g.statements],
    }


@dataclass(frozen=True, slots=True)
class Agreement:
    """Common ground: a proposition asserted by several sides and denied by none.

    Attributes
    ----------
    proposition, text : str
        The proposition's id and wording.
    sides, actors : tuple of str
        Who asserts it.
    statements : tuple of Statement
        The assertions, by date said.
    explanation : str
        One sentence a person can read.
    """

    proposition: str
    text: str
    sides: tuple[str, ...]
    actors: tuple[str, ...]
    statements: tuple[Statement, ...]
    explanation: str
    # the graph it came from, for names in the notebook display (not part of the value)
    _graph: ClaimGraph | None = field(default=None, repr=False, compare=False)

    def _repr_html_(self) -> str:
        from .display import agreement_html

        return agreement_html(self, self._graph)

    def to_dict(self, graph: ClaimGraph) -> dict[str, Any]:
        """A JSON-ready dict, with quotes and source details from ``graph``."""
        return {
            "proposition": {"id": self.proposition, "text": self.text},
            "sides": list(self.sides),
            "actors": list(self.actors),
            "explanation": self.explanation,
            "statements": [_statement_dict(s, graph) for s in self.statements],
        }


@dataclass(frozen=True)
class Positions:
    """Where each side stands: the side × proposition table, demands and offers.

    Attributes
    ----------
    table : dict
        ``table[side][proposition]`` is ``"asserts"``, ``"denies"`` or ``"both"``.
    demands, offers : dict
        Statements of kind ``demand`` / ``offer`` (and ``proposal``) per side.
    """

    table: dict[str, dict[str, str]]
    demands: dict[str, list[Statement]] = field(default_factory=dict)
    offers: dict[str, list[Statement]] = field(default_factory=dict)
    # the graph it came from, for names in the notebook display (not part of the value)
    _graph: ClaimGraph | None = field(default=None, repr=False, compare=False)

    @property
    def sides(self) -> list[str]:
        """The sides that take any position, sorted."""
        return sorted(self.table)

    @property
    def propositions(self) -> list[str]:
        """Every proposition any side takes a position on, sorted."""
        return sorted({p for row in self.table.values() for p in row})

    def stance(self, side: str, proposition: str) -> str | None:
        """The side's stance on a proposition, or ``None`` if it has taken none."""
        return self.table.get(side, {}).get(proposition)

    def rows(self) -> list[dict[str, Any]]:
        """One dict per proposition with a column per side (``None`` where silent)."""
        sides = self.sides
        return [
            {"proposition": p, **{s: self.stance(s, p) for s in sides}} for p in self.propositions
        ]

    def _repr_html_(self) -> str:
        from .display import positions_html

        return positions_html(self, self._graph)


# --------------------------------------------------------------------------- statements
@paused_gc
def statements(
    graph: ClaimGraph,
    *,
    actor: str | Iterable[str] | None = None,
    side: str | Iterable[str] | None = None,
    proposition: str | Iterable[str] | None = None,
    kind: str | Iterable[str] | None = None,
    stance: Literal["asserts", "denies"] | None = None,
    source: str | Iterable[str] | None = None,
    since: Any = None,
    until: Any = None,
) -> list[Statement]:
    """Statements matching every given filter, in the order they were added.

    Parameters
    ----------
    graph : ClaimGraph
    actor, side, proposition, kind, source : str or iterable of str, optional
        Keep statements said by these actors / by actors of these sides / about these
        propositions / of these speech-act kinds / reported in these sources.
    stance : {"asserts", "denies"}, optional
    since, until : partial date, optional
        Keep dated statements whose date span overlaps ``[since, until]``.

    Raises
    ------
    NotFoundError
        If a filter names an id that is not in the graph (usually a typo).

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.load(cg.example_path())
    >>> [s.kind for s in cg.statements(g, actor="pk-defense-minister", kind="demand")]
    ['demand']
    """
    f = StatementFilter.parse(
        actor=actor,
        side=side,
        proposition=proposition,
        kind=kind,
        stance=stance,
        source=source,
        since=since,
        until=until,
    )
    f.check(graph._missing, graph.sides, graph.side, "graph")
    actors, sides, props, kinds, sources = f.actors, f.sides, f.propositions, f.kinds, f.sources
    since_d, until_d = f.since, f.until
    dated = f.dated
    side_of = graph._side_map() if sides is not None else {}

    def union(lists: list[list[Statement]]) -> tuple[list[Statement], bool]:
        if len(lists) == 1:
            return lists[0], not graph._relinked
        return [s for lst in lists for s in lst], False

    # candidates from every index that applies: (filter, statements, in insertion order?)
    candidates: list[tuple[str, list[Statement], bool]] = []
    if props is not None:
        candidates.append(("proposition", *union([graph.statements_about(p) for p in props])))
    if actors is not None:
        candidates.append(("actor", *union([graph.statements_by(a) for a in actors])))
    if sides is not None:
        pools = [graph.statements_of_side(sd) for sd in sides]
        candidates.append(
            ("side", pools[0] if len(pools) == 1 else union(pools)[0], len(pools) == 1)
        )
    if sources is not None:
        by_id = {s.id: s for src in sources for s in graph.statements_in(src)}
        candidates.append(
            ("source", list(by_id.values()), len(sources) == 1 and not graph._relinked)
        )
    if kinds is not None:
        candidates.append(("kind", *union([graph.statements_of_kind(k) for k in kinds])))
    if dated:
        candidates.append(("dates", graph.statements_between(since_d, until_d), True))
    if candidates:
        used, pool, ordered = min(candidates, key=lambda c: len(c[1]))
    else:
        used, pool, ordered = "", list(graph.statement_records.values()), True

    checks: list[Callable[[Statement], bool]] = []
    if actors is not None and used != "actor":
        checks.append(lambda s: s.actor in actors)
    if sides is not None and used != "side":
        checks.append(lambda s: side_of[s.actor] in sides)
    if props is not None and used != "proposition":
        checks.append(lambda s: s.proposition in props)
    if kinds is not None and used != "kind":
        checks.append(lambda s: s.kind in kinds)
    if stance is not None:
        checks.append(lambda s: s.stance == stance)
    if sources is not None and used != "source":
        checks.append(lambda s: any(r.source in sources for r in s.reports))
    if dated and used != "dates":
        checks.append(lambda s: overlaps(s.said, since_d, until_d))
    out = [s for s in pool if all(check(s) for check in checks)] if checks else list(pool)
    return out if ordered else graph._in_order(out)


def timeline(graph: ClaimGraph, **filters: Any) -> list[Statement]:
    """Statements in the order they were said (undated ones last).

    Takes the same filters as :func:`statements`; usually ``proposition=``, ``actor=`` or
    ``side=``.

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.load(cg.example_path())
    >>> [s.said for s in cg.timeline(g, actor="pk-defense-minister")][:1]
    ['2025-11-05']
    """
    return sorted(statements(graph, **filters), key=_key)


# --------------------------------------------------------------------------- contradictions
_NONE: tuple[list[Statement], list[Statement]] = ([], [])


def _splitter(
    graph: ClaimGraph, since: str | None, until: str | None
) -> Callable[[str], tuple[list[Statement], list[Statement]]]:
    """A function: proposition id → (assertions, denials) said within the date range."""
    stances = graph._stances
    if since is None and until is None:
        return lambda p: stances.get(p, _NONE)
    cache: dict[str, tuple[list[Statement], list[Statement]]] = {}

    def split(p: str) -> tuple[list[Statement], list[Statement]]:
        hit = cache.get(p)
        if hit is None:
            yes, no = stances.get(p, _NONE)
            hit = cache[p] = (
                [s for s in yes if overlaps(s.said, since, until)],
                [s for s in no if overlaps(s.said, since, until)],
            )
        return hit

    return split


def _names(graph: ClaimGraph, ids: Iterable[str]) -> str:
    names = [graph.actors[i].name for i in ids]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _quote(text: str) -> str:
    return "“" + text.strip().rstrip(".") + "”"


def _when(s: str | None) -> str:
    return f" ({s})" if s else ""


def _group(
    side_of: dict[str, str],
    stance: str,
    prop: str,
    stmts: list[Statement],
    sides: set[str] | None = None,
) -> StanceGroup:
    """A stance group; ``sides`` may be passed when the caller knows them already."""
    if len(stmts) == 1:
        [s] = stmts
        return StanceGroup(stance, prop, (s,), (side_of[s.actor],), (s.actor,))
    if sides is None:
        sides = {side_of[s.actor] for s in stmts}
    return StanceGroup(
        stance,
        prop,
        tuple(sorted(stmts, key=_key)),
        tuple(sorted(sides)) if len(sides) > 1 else tuple(sides),
        tuple(sorted({s.actor for s in stmts})),
    )


def _verb(stance: str, subjects: int) -> str:
    """``asserts``/``denies`` agreeing with its subject: "Qatar asserts", "A and B assert"."""
    if subjects == 1:
        return stance
    return "assert" if stance == "asserts" else "deny"


def _explain(
    graph: ClaimGraph,
    kind: str,
    basis: str,
    texts: tuple[str, ...],
    a: StanceGroup,
    b: StanceGroup,
) -> str:
    if kind == "inconsistency":
        who = _names(graph, a.sides)
        if basis == "opposite_stances":
            return (
                f"{who} {a.stance.replace('asserts', 'asserted').replace('denies', 'denied')}"
                f" {_quote(texts[0])}{_when(a.first_said)} and later "
                f"{b.stance.replace('asserts', 'asserted').replace('denies', 'denied')} it"
                f"{_when(b.first_said)}."
            )
        if basis == "exclusive":
            return (
                f"{who} asserted both {_quote(texts[0])}{_when(a.first_said)} and"
                f" {_quote(texts[1])}{_when(b.first_said)}, which cannot both be true."
            )
        return (
            f"{who} asserted {_quote(texts[0])}{_when(a.first_said)}, which implies"
            f" {_quote(texts[1])}, and denied that{_when(b.first_said)}."
        )
    wa, wb = _names(graph, a.sides), _names(graph, b.sides)
    na, nb = len(a.sides), len(b.sides)
    if basis == "opposite_stances":
        return f"{wa} {_verb(a.stance, na)} and {wb} {_verb(b.stance, nb)} {_quote(texts[0])}."
    if basis == "exclusive":
        return (
            f"{wa} {_verb('asserts', na)} {_quote(texts[0])} while {wb}"
            f" {_verb('asserts', nb)} {_quote(texts[1])}; they cannot both be true."
        )
    return (
        f"{wa} {_verb('asserts', na)} {_quote(texts[0])}, which implies {_quote(texts[1])};"
        f" {wb} {_verb('denies', nb)} it."
    )


def _clash(
    graph: ClaimGraph,
    basis: Literal["opposite_stances", "exclusive", "implication"],
    props: tuple[str, str],
    stances: tuple[str, str],
    left: list[Statement],
    right: list[Statement],
    between: tuple[str, str] | None,
    want: set[str],
    known_sides: Sequence[tuple[str, ...]] | None = None,
) -> list[Contradiction]:
    """Classify two incompatible sets of statements into a dispute and inconsistencies
    (``known_sides``: the sides of ``left`` and ``right``, when the caller has them)."""
    side_of = graph._side_map()
    pids = (props[0],) if props[0] == props[1] else props
    texts = tuple(graph.propositions[p].text for p in pids)
    if known_sides is not None:
        lsides, rsides = set(known_sides[0]), set(known_sides[1])
    else:
        lsides = {side_of[s.actor] for s in left}
        rsides = {side_of[s.actor] for s in right}
    out: list[Contradiction] = []
    cross = len(lsides | rsides) > 1
    if "dispute" in want and cross:
        ok = between is None or (
            (between[0] in lsides and between[1] in rsides)
            or (between[1] in lsides and between[0] in rsides)
        )
        if ok:
            out.append(
                Contradiction(
                    "dispute",
                    basis,
                    pids,
                    texts,
                    tuple(sorted(lsides | rsides)),
                    len(left) + len(right),
                    (stances, props, left, right, side_of),
                    graph,
                )
            )
    if "inconsistency" in want:
        for sd in sorted(lsides & rsides):
            if between is not None and sd not in between:
                continue
            only = {sd}
            a = _group(
                side_of, stances[0], props[0], [s for s in left if side_of[s.actor] == sd], only
            )
            b = _group(
                side_of, stances[1], props[1], [s for s in right if side_of[s.actor] == sd], only
            )
            if (b.first_said or _UNDATED) < (a.first_said or _UNDATED):
                a, b = b, a
            if basis == "opposite_stances":
                texts_i = texts
            else:
                texts_i = (graph.propositions[a.proposition].text,) + (
                    (graph.propositions[b.proposition].text,) if len(pids) > 1 else ()
                )
            out.append(
                Contradiction(
                    "inconsistency",
                    basis,
                    pids if basis == "opposite_stances" else (a.proposition, b.proposition),
                    texts_i,
                    (sd,),
                    len(a.statements) + len(b.statements),
                    (a, b),
                    graph,
                )
            )
    return out


@paused_gc
def contradictions(
    graph: ClaimGraph,
    *,
    kind: Literal["dispute", "inconsistency"] | None = None,
    between: tuple[str, str] | None = None,
    proposition: str | None = None,
    since: Any = None,
    until: Any = None,
) -> list[Contradiction]:
    """Statements that cannot all be true, grouped.

    Three kinds of clash are found: one proposition both asserted and denied
    (``opposite_stances``); two propositions declared mutually exclusive
    (:attr:`Proposition.contradicts`) both asserted (``exclusive``); and a proposition
    asserted while one it implies (:attr:`Proposition.implies`, transitively) is denied
    (``implication``). Each clash gives one :class:`Contradiction` of kind ``dispute``
    if different sides hold the two positions, and one of kind ``inconsistency`` for every
    side that holds both (earlier position first). k assertions against m denials are one
    object with two groups, never k·m pairs.

    Parameters
    ----------
    graph : ClaimGraph
    kind : {"dispute", "inconsistency"}, optional
        Only this kind.
    between : (side, side), optional
        Only disputes with one side on each position (and inconsistencies of either side).
    proposition : str, optional
        Only clashes that involve this proposition.
    since, until : partial date, optional
        Only consider statements whose date overlaps this range.

    Returns
    -------
    list of Contradiction
        Disputes first, then inconsistencies; larger ones first; then by propositions,
        sides and basis.

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.load(cg.example_path())
    >>> disputes = cg.contradictions(g, kind="dispute")
    >>> len(disputes)
    2
    >>> disputes[0].sides
    ('afghanistan', 'pakistan')
    """
    want, f = contradiction_filter(kind, between, proposition, since, until)
    f.check(graph._missing, graph.sides, graph.side, "graph")
    since_d, until_d, dated = f.since, f.until, f.dated

    split = _splitter(graph, since_d, until_d)
    found: list[Contradiction] = []
    stances = graph._stances
    pairs = stances.items() if proposition is None else [(proposition, split(proposition))]
    props = graph.propositions
    side_of = graph._side_map()
    stance_sides = graph._stance_sides()
    disputes_only = between is None and "dispute" in want
    opposite: tuple[str, str] = ("asserts", "denies")
    new, set_attr, plain = object.__new__, object.__setattr__, _PlainDispute
    for p, (yes, no) in pairs:
        if yes and no:
            if dated:
                yes, no = split(p)
                if not (yes and no):
                    continue
            known = None if dated else stance_sides[p]
            if disputes_only and known is not None:
                # the common case, inlined: one side asserts, another denies
                lsides, rsides = known
                if len(lsides) == 1 and len(rsides) == 1 and lsides != rsides:
                    # built as the dataclass would, without its per-field __setattr__ calls
                    c = new(plain)
                    set_attr(
                        c,
                        "__dict__",
                        {
                            "kind": "dispute",
                            "basis": "opposite_stances",
                            "propositions": (p,),
                            "sides": (lsides + rsides) if lsides < rsides else (rsides + lsides),
                            "size": len(yes) + len(no),
                            "_parts": (opposite, (p, p), yes, no, side_of),
                            "_graph": graph,
                        },
                    )
                    found.append(c)
                    continue
            found += _clash(
                graph, "opposite_stances", (p, p), opposite, yes, no, between, want, known
            )
    # declared relations between propositions: few, so walk them directly
    for p in graph._related:
        rec = props[p]
        for q in dict.fromkeys(rec.contradicts):  # a duplicate entry is one relation
            if proposition is not None and proposition not in (p, q):
                continue
            a, b = sorted((p, q))
            if a != p and b in props[a].contradicts:
                continue  # declared both ways: report once
            yes_a, yes_b = split(a)[0], split(b)[0]
            if yes_a and yes_b:
                found += _clash(
                    graph, "exclusive", (a, b), ("asserts", "asserts"), yes_a, yes_b, between, want
                )
        if rec.implies:
            yes_p = split(p)[0]
            if not yes_p:
                continue
            for q in sorted(graph.implied(p)):
                if proposition is not None and proposition not in (p, q):
                    continue
                no_q = split(q)[1]
                if no_q:
                    found += _clash(
                        graph,
                        "implication",
                        (p, q),
                        ("asserts", "denies"),
                        yes_p,
                        no_q,
                        between,
                        want,
                    )
    found.sort(key=_rank)
    return found


def _rank(c: Contradiction) -> str:
    """The sort key of a contradiction as one string (disputes first, then the largest,
    then by propositions, sides and basis): orders as the tuple ``(kind != "dispute",
    -size, propositions, sides, basis)`` would — ids hold no NUL — but compares far
    faster. The basis breaks the last ties (an exclusive and an implication clash of one
    side on the same two propositions), so the order never depends on discovery order."""
    return (
        f"{c.kind != 'dispute':d}{999_999_999 - c.size:09d}"
        + "\0".join(c.propositions)
        + "\0\0"
        + "\0".join(c.sides)
        + "\0\0"
        + c.basis
    )


# --------------------------------------------------------------------------- agreements
def _agreement_explanation(graph: ClaimGraph, sides: tuple[str, ...], text: str) -> str:
    who = _names(graph, sides)
    if len(sides) == 1:
        return f"{who} asserts {_quote(text)}; no side denies it."
    both = "all" if len(sides) > 2 else "both"
    return f"{who} {both} assert {_quote(text)}; no side denies it."


@paused_gc
def agreements(
    graph: ClaimGraph,
    *,
    min_sides: int = 2,
    side: str | Iterable[str] | None = None,
    since: Any = None,
    until: Any = None,
) -> list[Agreement]:
    """Common ground: propositions asserted by at least ``min_sides`` sides and denied by none.

    A proposition also counts as contested when anyone asserts a proposition declared to
    contradict it.

    Parameters
    ----------
    graph : ClaimGraph
    min_sides : int
        How many sides must assert it (default 2).
    side : str or iterable of str, optional
        Only agreements these sides are all part of.
    since, until : partial date, optional
        Only consider statements whose date overlaps this range.

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.load(cg.example_path())
    >>> [a.sides for a in cg.agreements(g)][0]
    ('afghanistan', 'pakistan')
    """
    f = StatementFilter.parse(side=side, since=since, until=until)
    f.check(graph._missing, graph.sides, graph.side, "graph")
    since_d, until_d, need = f.since, f.until, f.sides or frozenset()
    split = _splitter(graph, since_d, until_d)
    side_of = graph._side_map()
    props = graph.propositions
    # contested through declared relations: a contradicting proposition is asserted, or
    # one the proposition implies is denied
    exclusive: set[str] = set()
    contested: set[str] = set()
    for p in graph._related:
        rec = props[p]
        if rec.contradicts:
            exclusive.add(p)
            exclusive.update(rec.contradicts)
        if rec.implies and any(split(q)[1] for q in graph.implied(p)):
            contested.add(p)
    out = []
    dated = since_d is not None or until_d is not None
    stance_sides = graph._stance_sides()
    for p, (yes, no) in graph._stances.items():
        if p in contested or not yes or (no and not dated):
            continue
        if dated:
            yes, no = split(p)
            if no or not yes:
                continue
            sides = {side_of[s.actor] for s in yes}
        else:  # the sides asserting it, from the index: most propositions stop here
            yes_sides = stance_sides[p][0]
            if len(yes_sides) < min_sides:
                continue
            sides = set(yes_sides)
        if len(sides) < min_sides or not need <= sides:
            continue
        if p in exclusive and any(split(q)[0] for q in graph.exclusive_with(p)):
            continue
        text = props[p].text
        side_t = tuple(sorted(sides))
        out.append(
            Agreement(
                proposition=p,
                text=text,
                sides=side_t,
                actors=tuple(sorted({s.actor for s in yes})),
                statements=tuple(sorted(yes, key=_key)),
                explanation=_agreement_explanation(graph, side_t, text),
                _graph=graph,
            )
        )
    out.sort(key=lambda a: (-len(a.sides), -len(a.statements), a.proposition))
    return out


# --------------------------------------------------------------------------- positions
@paused_gc
def positions(
    graph: ClaimGraph,
    *,
    side: str | Iterable[str] | None = None,
    since: Any = None,
    until: Any = None,
) -> Positions:
    """Where each side stands on each proposition, and what it demands and offers.

    Parameters
    ----------
    graph : ClaimGraph
    side : str or iterable of str, optional
        Only these sides.
    since, until : partial date, optional
        Only consider statements whose date overlaps this range.

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.load(cg.example_path())
    >>> pos = cg.positions(g)
    >>> pos.stance("afghanistan", "militants-sheltered")
    'denies'
    >>> [s.kind for s in pos.demands["pakistan"]][:1]
    ['demand']
    """
    wanted = _as_set(side)
    for sd in wanted or ():
        if sd not in graph.actors:
            raise NotFoundError(f"no side '{sd}' in the graph")
    since_d, until_d = _date(since, "since"), _date(until, "until")
    split = _splitter(graph, since_d, until_d)
    side_of = graph._side_map()
    table: dict[str, dict[str, str]] = {}
    if since_d is None and until_d is None:
        # from the per-proposition side index: one step per (proposition, side)
        for p, (yes_sides, no_sides) in graph._stance_sides().items():
            for sd in yes_sides:
                if wanted is None or sd in wanted:
                    row = table.get(sd)
                    if row is None:
                        row = table[sd] = {}
                    row[p] = "asserts"
            for sd in no_sides:
                if wanted is None or sd in wanted:
                    row = table.get(sd)
                    if row is None:
                        row = table[sd] = {}
                    row[p] = "both" if sd in yes_sides else "denies"
    # with a date range, from the statements said in it
    for p in graph._stances if since_d is not None or until_d is not None else ():
        for stance, group in zip(("asserts", "denies"), split(p), strict=True):
            for s in group:
                sd = side_of[s.actor]
                if wanted is not None and sd not in wanted:
                    continue
                row = table.get(sd)
                if row is None:
                    row = table[sd] = {}
                prev = row.get(p)
                row[p] = stance if prev is None or prev == stance else "both"
    demands: dict[str, list[Statement]] = {}
    offers: dict[str, list[Statement]] = {}
    for kinds, per_side in (({"demand"}, demands), ({"offer", "proposal"}, offers)):
        for s in sorted(statements(graph, kind=kinds, since=since_d, until=until_d), key=_key):
            sd = side_of[s.actor]
            if wanted is None or sd in wanted:
                per_side.setdefault(sd, []).append(s)
    return Positions(table=table, demands=demands, offers=offers, _graph=graph)
