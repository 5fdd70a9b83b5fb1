"""Queries over a :class:`~claimgraph.ClaimGraph`: plain functions ``f(graph, ...)``.

- :func:`contradictions` — grouped disputes (across sides) and inconsistencies (a side
  against itself over time);
- :func:`agreements` — common ground: asserted by several sides, denied by none;
- :func:`positions` — the side × proposition table, with demands and offers per side;
- :func:`statements` and :func:`timeline` — filtered statements.

Each is written once, against the few primitives of
:class:`~claimgraph.backend.QueryBackend`: the same function answers on a
:class:`~claimgraph.ClaimGraph` (from its indexes) and on a
:class:`~claimgraph.store.Store` (in SQL), with the same results, errors and explanations.
Results are the public types below whatever backend made them, and pickle without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import Any, Literal, cast

from . import display
from .backend import CountRow, Lookup, QueryBackend, RecordSnapshot, Relations
from .exceptions import ClaimGraphError, InvalidArgumentError, ReadOnlyError
from .filters import StatementFilter, Window, Withdrawn, contradiction_filter
from .models import Statement, Withdrawal

__all__ = [
    "Agreement",
    "Contradiction",
    "Positions",
    "StanceGroup",
    "agreements",
    "contradictions",
    "positions",
    "Retraction",
    "retractions",
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


# Where a contradiction's groups come from, until they are read (its ``_parts``): its two
# positions (proposition and stance each), the side of an inconsistency (None: every side),
# whether to put the earlier position first (an inconsistency on one proposition), the size
# the counts said (checked when the statements are read) and the sides. A plain tuple: an
# answer may hold millions.
_Pending = tuple[tuple[str, str], tuple[str, str], str | None, bool, int, tuple[str, ...]]

Basis = Literal["opposite_stances", "exclusive", "implication", "implied_exclusive"]
"""Why two positions clash (:attr:`Contradiction.basis`)."""

Via = tuple[tuple[str, ...], tuple[str, ...]]
"""The ``implies`` chains of a contradiction's two positions (:attr:`Contradiction.via`)."""

_DIRECT: Via = ((), ())


class Contradiction:
    """Statements that cannot all be true, grouped per proposition (or proposition pair).

    Every backend (a :class:`~claimgraph.ClaimGraph`, a :class:`~claimgraph.store.Store`)
    returns this one type.

    Attributes
    ----------
    kind : {"dispute", "inconsistency"}
        ``dispute`` when the positions are held by different sides; ``inconsistency`` when
        one side (or actor) holds both, usually at different times: a reversal.
    basis : {"opposite_stances", "exclusive", "implication", "implied_exclusive"}
        Why the positions clash: one proposition asserted and denied; two propositions
        declared mutually exclusive, both asserted; a proposition asserted whose
        implication is denied; or (asked for with ``implied=True``) two propositions
        asserted that imply mutually exclusive ones.
    propositions : tuple of str
        The proposition ids involved: those of the two groups' statements (one for
        ``opposite_stances``, two otherwise).
    texts : tuple of str
        Their canonical wordings.
    sides : tuple of str
        Every side involved.
    size : int
        How many statements are involved.
    groups : tuple of StanceGroup
        The two incompatible positions. For an inconsistency, the earlier one first.
    via : (tuple of str, tuple of str)
        The ``implies`` chain behind each group's position, in the order of ``groups``:
        ``(p, ..., q)`` when the group's proposition *p* clashes through the proposition
        *q* it implies, ``()`` when it clashes itself. For ``implication`` the asserting
        group's chain ends at the proposition the other group denies; for
        ``implied_exclusive`` the two chains end at two propositions declared to
        contradict each other. Both are ``()`` for ``opposite_stances`` and
        ``exclusive``.
    explanation : str
        One sentence a person can read, with the names of the sides (and the chains).

    Notes
    -----
    A query classifies, counts and ranks contradictions from stance counts; ``groups``
    (with their sorted statements), ``texts`` and ``explanation`` are read from the backend
    on first use, together with those of the next few hundred contradictions of the same
    answer. From a store they are read as it is then (inside the query's
    :meth:`~claimgraph.store.Store.snapshot`, exactly what the query saw); if the statements
    a contradiction counted have changed meanwhile that read raises
    :class:`~claimgraph.ClaimGraphError` (ask again). Pickling or copying one reads
    everything it shows and keeps it with the names it needs (a
    :class:`~claimgraph.backend.RecordSnapshot`), not the graph or store.
    """

    kind: Literal["dispute", "inconsistency"]
    basis: Basis
    propositions: tuple[str, ...]
    sides: tuple[str, ...]
    size: int
    via: Via

    def __init__(
        self,
        kind: Literal["dispute", "inconsistency"],
        basis: Basis,
        propositions: tuple[str, ...],
        texts: tuple[str, ...],
        sides: tuple[str, ...],
        size: int,
        groups: tuple[StanceGroup, StanceGroup],
        graph: Lookup,
        explanation: str | None = None,
        via: Via = _DIRECT,
    ) -> None:
        if explanation is not None:  # worded already (a copy): kept, not worded again
            self.__dict__["explanation"] = explanation
        self.__dict__.update(
            kind=kind,
            basis=basis,
            propositions=propositions,
            texts=texts,
            sides=sides,
            size=size,
            groups=groups,
            via=via,
            _parts=None,
            _graph=graph,
            _reader=None,
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise ReadOnlyError(f"a Contradiction is read-only (cannot set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise ReadOnlyError(f"a Contradiction is read-only (cannot delete {name!r})")

    @cached_property
    def groups(self) -> tuple[StanceGroup, StanceGroup]:
        """The two incompatible positions. For an inconsistency, the earlier one first."""
        reader: _GroupReader = self.__dict__["_reader"]
        return reader.groups(reader.place(self))

    @cached_property
    def texts(self) -> tuple[str, ...]:
        """The canonical wordings of the propositions (read on first use)."""
        reader: _GroupReader = self.__dict__["_reader"]
        return reader.texts(reader.place(self))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Contradiction):
            return NotImplemented
        return (
            self.kind == other.kind
            and self.basis == other.basis
            and self.propositions == other.propositions
            and self.sides == other.sides
            and self.texts == other.texts
            and self.via == other.via
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

    def __reduce__(self) -> tuple[Any, ...]:
        groups = self.groups
        stmts = [s for g in groups for s in g.statements]
        snap = RecordSnapshot.of(
            self.__dict__["_graph"],
            actors=[*{s.actor for s in stmts}, *self.sides],
            sources={r.source for s in stmts for r in s.reports},
            propositions=dict.fromkeys([*self.propositions, *(p for c in self.via for p in c)]),
        )
        return (
            Contradiction,
            (
                self.kind,
                self.basis,
                self.propositions,
                self.texts,
                self.sides,
                self.size,
                groups,
                snap,
                self.explanation,
                self.via,
            ),
        )

    def __copy__(self) -> Contradiction:
        fn, args = self.__reduce__()
        return cast(Contradiction, fn(*args))

    def __deepcopy__(self, memo: dict[int, Any]) -> Contradiction:
        return self.__copy__()

    def _repr_html_(self) -> str:
        return display.contradiction_html(self)

    @property
    def lookup(self) -> Lookup:
        """Where the names of its actors, sources and propositions are found: the graph or
        store that found it (a :class:`~claimgraph.backend.RecordSnapshot` once pickled)."""
        found: Lookup = self.__dict__["_graph"]
        return found

    @cached_property
    def explanation(self) -> str:
        """One sentence a person can read (worded on first use)."""
        reader: _GroupReader | None = self.__dict__["_reader"]
        via: Via = self.__dict__["via"]
        chained = {p for c in via for p in c}
        if reader is not None:
            names = reader.names(reader.place(self))
            said = reader.chain_texts(chained) if chained else {}
        else:
            actors, props = self.lookup.actors, self.lookup.propositions
            names = {sd: actors[sd].name for sd in self.sides}
            said = {p: props[p].text for p in chained}
        said.update(zip(dict.fromkeys(self.propositions), self.texts, strict=True))
        return _explain(names, self.kind, self.basis, said, via, *self.groups)

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

    def to_dict(self, graph: Lookup | None = None) -> dict[str, Any]:
        """A JSON-ready dict, with actor names, quotes and source details (from ``graph``,
        by default the graph or store that found it)."""
        graph = self.lookup if graph is None else graph
        return {
            "kind": self.kind,
            "basis": self.basis,
            "propositions": [
                {"id": p, "text": t} for p, t in zip(self.propositions, self.texts, strict=True)
            ],
            "proposition": {"id": self.propositions[0], "text": self.texts[0]},
            "sides": list(self.sides),
            "via": [list(c) for c in self.via],
            "explanation": self.explanation,
            "first_said": self.dates[0],
            "last_said": self.dates[1],
            "stances": [_group_dict(g, graph) for g in self.groups],
        }


def _statement_dict(s: Statement, graph: Lookup) -> dict[str, Any]:
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


def _group_dict(g: StanceGroup, graph: Lookup) -> dict[str, Any]:
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
    # where its names are found, for the notebook display (not part of the value)
    _graph: Lookup | None = field(default=None, repr=False, compare=False)

    def __reduce__(self) -> tuple[Any, ...]:  # with the records it names, not the graph
        snap = None
        if self._graph is not None:
            snap = RecordSnapshot.of(
                self._graph,
                actors=[*self.actors, *self.sides],
                sources={r.source for s in self.statements for r in s.reports},
                propositions=[self.proposition],
            )
        return (
            Agreement,
            (
                self.proposition,
                self.text,
                self.sides,
                self.actors,
                self.statements,
                self.explanation,
                snap,
            ),
        )

    def _repr_html_(self) -> str:
        return display.agreement_html(self, self._graph)

    def to_dict(self, graph: Lookup | None = None) -> dict[str, Any]:
        """A JSON-ready dict, with quotes and source details (from ``graph``, by default
        the graph or store that found it)."""
        if graph is None:
            if self._graph is None:
                raise ClaimGraphError("this agreement keeps no records: pass the graph")
            graph = self._graph
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
        ``table[side][proposition]`` is ``"asserts"``, ``"denies"``, ``"both"`` or, for a side
        that only relays it (neutral reports), ``"reports"``.
    demands, offers : dict
        Statements of kind ``demand`` / ``offer`` (and ``proposal``) per side.
    """

    table: dict[str, dict[str, str]]
    demands: dict[str, list[Statement]] = field(default_factory=dict)
    offers: dict[str, list[Statement]] = field(default_factory=dict)
    # where its names are found, for the notebook display (not part of the value)
    _graph: Lookup | None = field(default=None, repr=False, compare=False)

    def __reduce__(self) -> tuple[Any, ...]:  # with the records it names, not the graph
        snap = None
        if self._graph is not None:
            stmts = [s for per in (self.demands, self.offers) for ss in per.values() for s in ss]
            snap = RecordSnapshot.of(
                self._graph,
                actors=[*self.table, *{s.actor for s in stmts}],
                sources={r.source for s in stmts for r in s.reports},
                propositions=[*self.propositions, *{s.proposition for s in stmts}],
            )
        return (Positions, (self.table, self.demands, self.offers, snap))

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
        return display.positions_html(self, self._graph)


# --------------------------------------------------------------------------- statements
def _held_ids(backend: QueryBackend, type: str) -> Iterable[str]:
    """The ids of one record type (actor, proposition, source) that ``backend`` holds."""
    views: dict[str, Mapping[str, Any]] = {
        "actor": backend.actors,
        "proposition": backend.propositions,
        "source": backend.sources,
    }
    return views[type]


def _checked(backend: QueryBackend, f: StatementFilter) -> StatementFilter:
    f.check(backend.missing_ids, backend.roots, backend.side, partial(_held_ids, backend))
    return f


def statements(
    graph: QueryBackend,
    *,
    actor: str | Iterable[str] | None = None,
    side: str | Iterable[str] | None = None,
    proposition: str | Iterable[str] | None = None,
    kind: str | Iterable[str] | None = None,
    stance: Literal["asserts", "denies", "reports"] | None = None,
    certainty: Literal["certain", "hedged"] | None = None,
    source: str | Iterable[str] | None = None,
    since: Any = None,
    until: Any = None,
    as_of: Any = None,
    withdrawn: Withdrawn = False,
) -> list[Statement]:
    """Statements matching every given filter, in the order they were added.

    Parameters
    ----------
    graph : ClaimGraph or Store
        Any :class:`~claimgraph.backend.QueryBackend`.
    actor, side, proposition, kind, source : str or iterable of str, optional
        Keep statements said by these actors / by actors of these sides / about these
        propositions / of these speech-act kinds / reported in these sources.
    stance : {"asserts", "denies", "reports"}, optional
    certainty : {"certain", "hedged"}, optional
        ``"certain"`` leaves hedged statements ("suggested", "allegedly") out.
    since, until : partial date, optional
        Keep dated statements whose date span overlaps ``[since, until]``.
    as_of : partial date, optional
        What stood on that day: statements said by then and not withdrawn by then.
    withdrawn : bool or "only", default False
        Read withdrawn (retracted or corrected) statements too (``True``: the history), or
        only them (``"only"``). By default a withdrawn statement is left out.

    Raises
    ------
    NotFoundError
        If a filter names an id that is not in the graph (usually a typo).
    InvalidArgumentError
        An unknown kind or stance, a bad date, or a side filter naming an actor that is not
        a side.

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
        certainty=certainty,
        source=source,
        since=since,
        until=until,
        as_of=as_of,
        withdrawn=withdrawn,
    )
    with graph.snapshot():
        return graph.matching(_checked(graph, f))


def timeline(
    graph: QueryBackend, *, by: Literal["said", "event"] = "said", **filters: Any
) -> list[Statement]:
    """Statements in the order they were said, or in the order of the events they are about.

    Takes the same filters as :func:`statements`; usually ``proposition=``, ``actor=`` or
    ``side=``. ``by="said"`` (the default) orders by when each statement was said;
    ``by="event"`` by when what its proposition is about happened
    (:attr:`Proposition.happened <claimgraph.Proposition.happened>`, a range by its
    start, then its end), statements about the same event by when they were said.
    Undated ones come last either way.

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.load(cg.example_path())
    >>> [s.said for s in cg.timeline(g, actor="pk-defense-minister")][:1]
    ['2025-11-05']
    >>> _ = g.add_proposition(id="attack", text="Militants attacked a border post.",
    ...                       happened="2025-10-11", place="Kurram")
    >>> _ = g.add_statement(id="pk-attack", actor="pakistan", proposition="attack",
    ...                     said="2025-11-06")
    >>> cg.timeline(g, by="event", side="pakistan")[0].id
    'pk-attack'
    """
    found = statements(graph, **filters)
    if by == "said":
        return sorted(found, key=_key)
    if by != "event":
        raise InvalidArgumentError(f"timeline: by={by!r}; order by 'said' or 'event'")
    props = graph.propositions
    spans: dict[str, tuple[str, str]] = {}
    for pid in {s.proposition for s in found}:
        spans[pid] = props[pid].event_span or (_UNDATED, _UNDATED)
    return sorted(found, key=lambda s: (*spans[s.proposition], s.said or _UNDATED, s.id))


# --------------------------------------------------------------------------- contradictions
def _names(known: Mapping[str, str], ids: Iterable[str]) -> str:
    names = [known[i] for i in ids]
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


def _chain(
    texts: Mapping[str, str], path: tuple[str, ...], end: str | None = None, comma: bool = False
) -> str:
    """``, which implies “M”, which implies “Q”`` for the chain ``(p, m, q)`` (the last
    proposition worded ``end`` when given: "which implies it"; a closing comma if
    ``comma``); nothing for no chain."""
    if not path:
        return ""
    steps = [_quote(texts[q]) for q in path[1:]]
    if end is not None:
        steps[-1] = end
    return "".join(f", which implies {w}" for w in steps) + ("," if comma else "")


def _explain(
    graph: Mapping[str, str],
    kind: str,
    basis: str,
    texts: Mapping[str, str],
    via: Via,
    a: StanceGroup,
    b: StanceGroup,
) -> str:
    """The sentence of a contradiction: ``graph`` names its sides, ``texts`` words its
    propositions and those of its chains, ``via`` holds its chains (in group order)."""
    ta, tb = _quote(texts[a.proposition]), _quote(texts[b.proposition])
    if basis == "implied_exclusive":
        ends = f"{_quote(texts[(via[0] or (a.proposition,))[-1]])} and" + (
            f" {_quote(texts[(via[1] or (b.proposition,))[-1]])} cannot both be true."
        )
    if kind == "inconsistency":
        who = _names(graph, a.sides)
        if basis == "opposite_stances":
            return (
                f"{who} {a.stance.replace('asserts', 'asserted').replace('denies', 'denied')}"
                f" {ta}{_when(a.first_said)} and later "
                f"{b.stance.replace('asserts', 'asserted').replace('denies', 'denied')} it"
                f"{_when(b.first_said)}."
            )
        if basis == "exclusive":
            return (
                f"{who} asserted both {ta}{_when(a.first_said)} and"
                f" {tb}{_when(b.first_said)}, which cannot both be true."
            )
        if basis == "implied_exclusive":
            return (
                f"{who} asserted {ta}{_when(a.first_said)}{_chain(texts, via[0], comma=True)} and"
                f" {tb}{_when(b.first_said)}{_chain(texts, via[1])}; {ends}"
            )
        if a.stance == "denies":  # the denial came first
            return (
                f"{who} denied {ta}{_when(a.first_said)} and later asserted"
                f" {tb}{_when(b.first_said)}{_chain(texts, via[1], 'it')}."
            )
        return (
            f"{who} asserted {ta}{_when(a.first_said)}{_chain(texts, via[0])}, and denied"
            f" that{_when(b.first_said)}."
        )
    wa, wb = _names(graph, a.sides), _names(graph, b.sides)
    na, nb = len(a.sides), len(b.sides)
    if basis == "opposite_stances":
        return f"{wa} {_verb(a.stance, na)} and {wb} {_verb(b.stance, nb)} {ta}."
    if basis == "exclusive":
        return (
            f"{wa} {_verb('asserts', na)} {ta} while {wb}"
            f" {_verb('asserts', nb)} {tb}; they cannot both be true."
        )
    if basis == "implied_exclusive":
        return (
            f"{wa} {_verb('asserts', na)} {ta}{_chain(texts, via[0], comma=True)} while {wb}"
            f" {_verb('asserts', nb)} {tb}{_chain(texts, via[1])}; {ends}"
        )
    return (
        f"{wa} {_verb('asserts', na)} {ta}{_chain(texts, via[0])}; {wb} {_verb('denies', nb)} it."
    )


def _tally_of(
    counts: Iterable[CountRow],
) -> tuple[dict[tuple[str, str], dict[str, int]], set[str]]:
    """(proposition, stance) → side → how many, from the counts where one side takes the
    stance; and the propositions where several do (to be tallied by the backend)."""
    tally: dict[tuple[str, str], dict[str, int]] = {}
    several: set[str] = set()
    for p, asserting, denying, asserts, denies in counts:
        if asserts:
            if asserting is None:
                several.add(p)
            else:
                tally[p, "asserts"] = {asserting: asserts}
        if denies:
            if denying is None:
                several.add(p)
            else:
                tally[p, "denies"] = {denying: denies}
    return tally, several


# A contradiction's groups are read a block of the answer's contradictions at a time
# (iterating over an answer reads each block with one request to the backend).
_BLOCK = 512


class _GroupReader:
    """Reads the groups (and texts) of one answer's contradictions from its backend.

    It holds the backend, not the contradictions (which hold it): no reference cycle, so
    that an answer is freed as soon as it is dropped.
    """

    def __init__(self, backend: QueryBackend, window: Window) -> None:
        self.backend = backend
        self.window = window
        self.side_of: dict[str, str] = {}
        self.texts_of: dict[str, str] = {}
        self.names_of: dict[str, str] = {}  # side id → name
        self.clashes: list[_Pending] = []  # the answer's, in order
        self.index: dict[int, int] = {}  # id of a contradiction of the answer → its place
        self.done = bytearray()  # 1 once a contradiction took its groups
        self.ready: dict[int, tuple[StanceGroup, StanceGroup]] = {}  # read, not yet taken

    def number(self, found: list[Contradiction]) -> None:
        """Number the (sorted) answer, so that reads follow its order."""
        self.clashes = [c.__dict__["_parts"] for c in found]
        self.index = dict(zip(map(id, found), range(len(found)), strict=True))
        self.done = bytearray(len(found))

    def place(self, c: Contradiction) -> int:
        """The place of a contradiction in the answer."""
        i = self.index.get(id(c))
        return self.clashes.index(c.__dict__["_parts"]) if i is None else i

    def groups(self, i: int) -> tuple[StanceGroup, StanceGroup]:
        got = self.ready.pop(i, None)
        if got is None:
            block: list[int] = []
            j, n = i, len(self.clashes)
            while j < n and len(block) < _BLOCK:
                if not self.done[j]:
                    block.append(j)
                j += 1
            with self.backend.snapshot():
                self._read(block)
            got = self.ready.pop(i, None)
            if got is None:
                raise ClaimGraphError(
                    f"the {self.backend.label} changed since this contradiction was found: its"
                    " statements are no longer the ones it counted; ask for the"
                    " contradictions again"
                )
        self.done[i] = 1
        return got

    def _known(
        self,
        i: int,
        part: Literal[0, 5],
        known: dict[str, str],
        read: Callable[[set[str]], dict[str, str]],
    ) -> dict[str, str]:
        """``known``, with the ids of part ``part`` of a contradiction's pending tuple (and
        of the next ones': one read per block) read in if any is missing."""
        if any(k not in known for k in self.clashes[i][part]):
            wanted = {k for c in self.clashes[i : i + _BLOCK] for k in c[part]} - known.keys()
            known.update(read(wanted))
        return known

    def texts(self, i: int) -> tuple[str, ...]:
        """The wordings of a contradiction's propositions."""
        texts = self._known(i, 0, self.texts_of, self.backend.texts)
        return tuple(texts[p] for p in dict.fromkeys(self.clashes[i][0]))

    def chain_texts(self, ids: set[str]) -> dict[str, str]:
        """The wordings of the propositions of some ``implies`` chains (few)."""
        missing = ids - self.texts_of.keys()
        if missing:
            self.texts_of.update(self.backend.texts(missing))
        return {p: self.texts_of[p] for p in ids}

    def names(self, i: int) -> dict[str, str]:
        """The names of a contradiction's sides (read with those of the next ones)."""
        return self._known(i, 5, self.names_of, self.backend.names)

    def _read(self, block: list[int]) -> None:
        """Read the groups of a block of contradictions."""
        clashes = self.clashes
        # the positions the block needs, with their sides (None: every side)
        wanted: dict[tuple[str, str], set[str] | None] = {}
        for j in block:
            cprops, cstances, cside = clashes[j][:3]
            for key in zip(cprops, cstances, strict=True):
                if cside is None:
                    wanted[key] = None
                else:
                    sides = wanted.setdefault(key, set())
                    if sides is not None:
                        sides.add(cside)
        side_of = self.side_of
        split: dict[tuple[str, str], list[tuple[str, Statement]]] = {}
        for stance, st_side, st in self.backend.position_statements(wanted, self.window):
            key = (st.proposition, stance)
            side_of[st.actor] = st_side
            got = split.get(key)
            if got is None:
                got = split[key] = []
            got.append((st_side, st))
        ready = self.ready
        for j in block:
            pp, stances, sd, reorder, size, csides = clashes[j]
            left = split.get((pp[0], stances[0]), [])
            right = split.get((pp[1], stances[1]), [])
            if sd is None:
                a = _group(side_of, stances[0], pp[0], [st for _s, st in left])
                b = _group(side_of, stances[1], pp[1], [st for _s, st in right])
                fits = set(a.sides) | set(b.sides) == set(csides)
            else:
                only = {sd}
                lst = [st for s, st in left if s == sd]
                rst = [st for s, st in right if s == sd]
                fits = bool(lst and rst)
                if not fits:
                    continue
                a = _group(side_of, stances[0], pp[0], lst, only)
                b = _group(side_of, stances[1], pp[1], rst, only)
                if reorder and (b.first_said or _UNDATED) < (a.first_said or _UNDATED):
                    a, b = b, a
            if fits and len(a.statements) + len(b.statements) == size:
                ready[j] = (a, b)


_new, _set = object.__new__, object.__setattr__


def contradictions(
    graph: QueryBackend,
    *,
    kind: Literal["dispute", "inconsistency"] | None = None,
    between: tuple[str, str] | None = None,
    proposition: str | None = None,
    since: Any = None,
    until: Any = None,
    as_of: Any = None,
    withdrawn: Withdrawn = False,
    implied: bool = False,
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

    With ``implied=True`` a fourth kind is found, through ``implies`` chains: two
    propositions both asserted that imply (transitively, or are) two propositions declared
    to contradict each other (``implied_exclusive``): with *PA* ⇒ *A*, *PB* ⇒ *B* and *A*
    ⊥ *B*, asserting *PA* clashes with asserting *PB*, and with asserting *B*. One
    contradiction per pair of asserted propositions, whatever the number of chains between
    them; :attr:`Contradiction.via` holds the shortest chains and the explanation words
    them. It is an option, off by default, so that the answer stays what the graph
    declares unless asked. (Denials need no option: asserting *P* while denying what *P*
    implies is an ``implication`` clash, and a denial of *A* or *B* clashes with nothing
    through an exclusion, since both may be false.)

    Everything is worked out from stance counts per proposition, stance and side; no
    statement is read to classify, count and rank the contradictions (see the notes of
    :class:`Contradiction`).

    Parameters
    ----------
    graph : ClaimGraph or Store
        Any :class:`~claimgraph.backend.QueryBackend`.
    kind : {"dispute", "inconsistency"}, optional
        Only this kind.
    between : (side, side), optional
        Only disputes with one side on each position (and inconsistencies of either side).
    proposition : str, optional
        Only clashes that involve this proposition.
    since, until : partial date, optional
        Only consider statements whose date overlaps this range.
    as_of : partial date, optional
        What stood on that day: statements said by then and not withdrawn by then.
    withdrawn : bool or "only", default False
        Read withdrawn (retracted or corrected) statements too (``True``: the history), or
        only them (``"only"``). By default a withdrawn statement is left out.
    implied : bool
        Also report ``implied_exclusive`` clashes (default ``False``).

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

    Through implication chains:

    >>> h = cg.ClaimGraph([
    ...     cg.Actor(id="north", name="North"), cg.Actor(id="south", name="South"),
    ...     cg.Proposition(id="a", text="The convoy was attacked.", contradicts=["b"]),
    ...     cg.Proposition(id="b", text="The convoy arrived safely."),
    ...     cg.Proposition(id="pa", text="Shots were fired at the convoy.", implies=["a"]),
    ...     cg.Statement(actor="north", proposition="pa"),
    ...     cg.Statement(actor="south", proposition="b"),
    ... ])
    >>> cg.contradictions(h)
    []
    >>> [c] = cg.contradictions(h, implied=True)
    >>> c.basis, c.propositions, c.via
    ('implied_exclusive', ('b', 'pa'), ((), ('pa', 'a')))
    >>> print(c.explanation)  # doctest: +NORMALIZE_WHITESPACE
    South asserts “The convoy arrived safely” while North asserts “Shots were fired at the
    convoy”, which implies “The convoy was attacked”; “The convoy arrived safely” and “The
    convoy was attacked” cannot both be true.
    """
    want, f = contradiction_filter(kind, between, proposition, since, until, as_of, withdrawn)
    with graph.snapshot():
        _checked(graph, f)
        return _contradictions(graph, want, between, proposition, f.window, implied)


def _contradictions(
    backend: QueryBackend,
    want: set[str],
    between: tuple[str, str] | None,
    proposition: str | None,
    w: Window,
    implied_too: bool = False,
) -> list[Contradiction]:
    rel = backend.relations()
    contra, implies, owners = rel.contradicts, rel.implies, rel.owners
    implied = rel.implied
    quick = between is None and "dispute" in want

    # 1. propositions both asserted and denied, with their counts. The common case is
    # classified at once: one side asserts, another denies: a dispute, whose sides and
    # size are all it needs; one side asserting and denying: an inconsistency, no dispute.
    rows = backend.opposed(w, proposition)
    easy: list[tuple[str, str, str, int]] = []  # (proposition, side, side, size)
    alone: list[tuple[str, str, int]] = []  # (proposition, side, size)
    if quick:
        counts: list[CountRow] = []
        for r in rows:
            p, a, d, na, nd = r
            if a is None or d is None:
                counts.append(r)
            elif a != d:
                easy.append((p, a, d, na + nd))
            else:
                alone.append((p, a, na + nd))
    else:
        counts = rows
    del rows
    opposed = [r[0] for r in counts]
    # 2. declared relations (few): which pairs have the stances that clash
    if proposition is not None:
        owners = [
            p
            for p in owners
            if p == proposition
            or proposition in contra.get(p, ())
            or (p in implies and proposition in implied(p))
        ]
    related: set[str] = set()
    for p in owners:
        related.update(contra.get(p, ()))
        related.add(p)
        if p in implies:
            related.update(implied(p))
    through: dict[tuple[str, str], Via] = {}
    if implied_too:
        through = {
            pair: via
            for pair, via in _implied_exclusions(rel).items()
            if proposition is None or proposition in pair
        }
        for pair in through:
            related.update(pair)
    if related:  # their counts too (the opposed ones among them may be counted already)
        counts += backend.stance_counts(related - set(opposed), w)
    tally, several = _tally_of(counts)
    if several:
        tally.update(backend.tallies(several, w))

    def yes(p: str) -> bool:
        return (p, "asserts") in tally

    def no(p: str) -> bool:
        return (p, "denies") in tally

    pairs: list[tuple[Literal["exclusive", "implication", "implied_exclusive"], str, str]] = []
    vias: dict[tuple[str, str, str], Via] = {}
    for p in owners:
        for q in dict.fromkeys(contra.get(p, ())):  # a duplicate entry is one relation
            if proposition is not None and proposition not in (p, q):
                continue
            a, b = sorted((p, q))
            if a != p and b in contra.get(a, ()):
                continue  # declared both ways: report once
            if yes(a) and yes(b):
                pairs.append(("exclusive", a, b))
        if p in implies and yes(p):
            for q in sorted(implied(p)):
                if proposition is not None and proposition not in (p, q):
                    continue
                if no(q):
                    pairs.append(("implication", p, q))
                    vias["implication", p, q] = (rel.chains(p)[q], ())
    for (a, b), via in through.items():
        if yes(a) and yes(b):
            pairs.append(("implied_exclusive", a, b))
            vias["implied_exclusive", a, b] = via
    # 3. classify every clash from the counts; the statements (and the propositions'
    # texts) are read when a contradiction's groups (texts) are first used
    first: dict[tuple[str, str, str], str | None] = {}
    if pairs and "inconsistency" in want:  # the earliest dates order these (few) clashes
        in_pairs: set[tuple[str, str, str]] = set()  # (proposition, stance, side)
        for basis, a, b in pairs:
            sb = "denies" if basis == "implication" else "asserts"
            left, right = tally.get((a, "asserts")), tally.get((b, sb))
            if left and right:
                for sd in left.keys() & right.keys():
                    in_pairs.update(((a, "asserts", sd), (b, sb, sd)))
        first = backend.first_said(in_pairs, w)
    reader = _GroupReader(backend, w)
    found: list[Contradiction] = []
    new, cls, opposite = _new, Contradiction, ("asserts", "denies")

    def add(
        kind: str,
        basis: str,
        pids: tuple[str, ...],
        sides: tuple[str, ...],
        size: int,
        pending: _Pending,
        via: Via = _DIRECT,
    ) -> None:
        """A :class:`Contradiction` whose groups are pending, built without its
        constructor (an answer may hold millions)."""
        c = new(cls)
        _set(
            c,
            "__dict__",
            {
                "kind": kind,
                "basis": basis,
                "propositions": pids,
                "sides": sides,
                "size": size,
                "via": via,
                "_parts": pending,
                "_graph": backend,
                "_reader": reader,
            },
        )
        found.append(c)

    def clash(
        basis: Basis,
        props: tuple[str, str],
        stances: tuple[str, str],
        via: Via = _DIRECT,
    ) -> None:
        """The dispute and inconsistencies of two incompatible positions, from the counts."""
        left, right = tally.get((props[0], stances[0])), tally.get((props[1], stances[1]))
        if not left or not right:
            return
        pids = (props[0],) if props[0] == props[1] else props
        lsides, rsides = left.keys(), right.keys()
        union = lsides | rsides
        across = between is None or (
            (between[0] in lsides and between[1] in rsides)
            or (between[1] in lsides and between[0] in rsides)
        )
        if "dispute" in want and len(union) > 1 and across:
            sides = tuple(sorted(union))
            size = sum(left.values()) + sum(right.values())
            whole: _Pending = (props, stances, None, False, size, sides)
            add("dispute", basis, pids, sides, size, whole, via)
        if "inconsistency" not in want:
            return
        for sd in sorted(lsides & rsides):
            if between is not None and sd not in between:
                continue
            size = left[sd] + right[sd]
            via_i = via
            if basis == "opposite_stances":  # the earlier position first: when read
                pending: _Pending = (props, stances, sd, True, size, (sd,))
                pids_i = pids
            else:  # the order decides the propositions: from the first dates
                (pa, pb), (sa, sb) = props, stances
                fa, fb = first.get((pa, sa, sd)), first.get((pb, sb, sd))
                if (fb or _UNDATED) < (fa or _UNDATED):
                    pa, pb, sa, sb = pb, pa, sb, sa
                    via_i = (via[1], via[0])
                pending = ((pa, pb), (sa, sb), sd, False, size, (sd,))
                pids_i = (pa, pb)
            add("inconsistency", basis, pids_i, (sd,), size, pending, via_i)

    # the common case, inlined
    append = found.append
    for p, yes_side, no_side, size in easy:
        pids = (p,)
        sides = (yes_side, no_side) if yes_side < no_side else (no_side, yes_side)
        c = new(cls)
        _set(
            c,
            "__dict__",
            {
                "kind": "dispute",
                "basis": "opposite_stances",
                "propositions": pids,
                "sides": sides,
                "size": size,
                "via": _DIRECT,
                "_parts": ((p, p), opposite, None, False, size, sides),
                "_graph": backend,
                "_reader": reader,
            },
        )
        append(c)
    if "inconsistency" in want:
        for p, sd, size in alone:
            add(
                "inconsistency",
                "opposite_stances",
                (p,),
                (sd,),
                size,
                ((p, p), opposite, sd, True, size, (sd,)),
            )
    for p in opposed:
        if quick:
            left, right = tally.get((p, "asserts"), {}), tally.get((p, "denies"), {})
            if len(left) == 1 and len(right) == 1:
                [(ls, ln)], [(rs, rn)] = left.items(), right.items()
                if ls != rs:
                    sides = (ls, rs) if ls < rs else (rs, ls)
                    size = ln + rn
                    pending = ((p, p), opposite, None, False, size, sides)
                    add("dispute", "opposite_stances", (p,), sides, size, pending)
                    continue
        clash("opposite_stances", (p, p), opposite)
    for basis, a, b in pairs:
        clash(
            basis,
            (a, b),
            ("asserts", "denies") if basis == "implication" else ("asserts", "asserts"),
            vias.get((basis, a, b), _DIRECT),
        )
    # the final order: kind, size, propositions, sides, basis (the basis breaks the last
    # ties — an exclusive and an implication clash of one side on the same two
    # propositions — so the order never depends on discovery order)
    found.sort(key=_rank)
    reader.number(found)
    return found


def _implied_exclusions(rel: Relations) -> dict[tuple[str, str], Via]:
    """The pairs of propositions that imply mutually exclusive ones without being declared
    exclusive themselves: ``(p, q)`` (sorted) → the shortest chains ``(p ⇒ … ⇒ a,
    q ⇒ … ⇒ b)`` with ``a`` and ``b`` declared to contradict each other (a chain is
    ``()`` where the proposition is ``a`` or ``b`` itself).

    A proposition that implies both sides of one exclusion is left out (it clashes with
    itself, not with another statement); so is a pair declared exclusive (an
    ``exclusive`` clash). Among several chains the one with the fewest steps is kept,
    then the first in id order: the answer does not depend on declaration order.
    """
    excl: dict[str, set[str]] = {}
    for p, qs in rel.contradicts.items():
        for q in qs:
            if q != p:
                excl.setdefault(p, set()).add(q)
                excl.setdefault(q, set()).add(p)
    if not excl or not rel.implies:
        return {}
    # who reaches each exclusive proposition: itself (no chain) and whatever implies it
    reach: dict[str, list[tuple[str, tuple[str, ...]]]] = {e: [(e, ())] for e in excl}
    for p in rel.implies:
        for q, path in rel.chains(p).items():
            if q in excl:
                reach[q].append((p, path))
    best: dict[tuple[str, str], tuple[int, Via]] = {}
    for a in sorted(excl):
        for b in sorted(excl[a]):
            if b < a:
                continue  # each exclusion once
            for x, px in reach[a]:
                for y, py in reach[b]:
                    if x == y or not (px or py) or y in excl.get(x, ()):
                        continue
                    key, via = ((x, y), (px, py)) if x < y else ((y, x), (py, px))
                    rank = (len(px) + len(py), via)
                    old = best.get(key)
                    if old is None or rank < old:
                        best[key] = rank
    return {key: via for key, (_n, via) in sorted(best.items())}


def _rank(c: Contradiction) -> str:
    """The sort key of a contradiction as one string (disputes first, then the largest,
    then by propositions, sides and basis): orders as the tuple ``(kind != "dispute",
    -size, propositions, sides, basis)`` would — ids hold no NUL — but compares far
    faster."""
    return (
        f"{c.kind != 'dispute':d}{999_999_999 - c.size:09d}"
        + "\0".join(c.propositions)
        + "\0\0"
        + "\0".join(c.sides)
        + "\0\0"
        + c.basis
    )


# --------------------------------------------------------------------------- agreements
def _agreement_explanation(graph: Mapping[str, str], sides: tuple[str, ...], text: str) -> str:
    who = _names(graph, sides)
    if len(sides) == 1:
        return f"{who} asserts {_quote(text)}; no side denies it."
    both = "all" if len(sides) > 2 else "both"
    return f"{who} {both} assert {_quote(text)}; no side denies it."


def agreements(
    graph: QueryBackend,
    *,
    min_sides: int = 2,
    side: str | Iterable[str] | None = None,
    since: Any = None,
    until: Any = None,
    as_of: Any = None,
    withdrawn: Withdrawn = False,
) -> list[Agreement]:
    """Common ground: propositions asserted by at least ``min_sides`` sides and denied by none.

    A proposition also counts as contested when anyone asserts a proposition declared to
    contradict it, or denies one it implies.

    Parameters
    ----------
    graph : ClaimGraph or Store
        Any :class:`~claimgraph.backend.QueryBackend`.
    min_sides : int
        How many sides must assert it (default 2).
    side : str or iterable of str, optional
        Only agreements these sides are all part of.
    since, until : partial date, optional
        Only consider statements whose date overlaps this range.
    as_of : partial date, optional
        What stood on that day: statements said by then and not withdrawn by then.
    withdrawn : bool or "only", default False
        Read withdrawn (retracted or corrected) statements too (``True``), or only them.

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.load(cg.example_path())
    >>> [a.sides for a in cg.agreements(g)][0]
    ('afghanistan', 'pakistan')
    """
    f = StatementFilter.parse(side=side, since=since, until=until, as_of=as_of, withdrawn=withdrawn)
    with graph.snapshot():
        _checked(graph, f)
        w, need = f.window, f.sides or frozenset()
        taken = graph.stance_sides(w, min_asserting=min_sides, undenied=True)
        rel = graph.relations()
        partners: dict[str, set[str]] = {}
        for p, others in rel.contradicts.items():
            for q in others:
                partners.setdefault(p, set()).add(q)
                partners.setdefault(q, set()).add(p)
        # the stances of the propositions that may contest a candidate through a relation
        involved = {q for p in taken for q in partners.get(p, ())}
        involved.update(q for p in taken if p in rel.implies for q in rel.implied(p))
        stances = graph.tallies(involved, w) if involved else {}

        def asserted(q: str) -> bool:
            return (q, "asserts") in stances

        def denied(q: str) -> bool:
            return (q, "denies") in stances

        keep: dict[str, tuple[str, ...]] = {}
        for p, (yes_sides, no_sides) in taken.items():
            if no_sides or len(yes_sides) < min_sides or not need <= set(yes_sides):
                continue
            # contested through declared relations: an exclusive partner is asserted, or a
            # proposition it implies is denied
            if p in partners and any(asserted(q) for q in partners[p]):
                continue
            if p in rel.implies and any(denied(q) for q in rel.implied(p)):
                continue
            keep[p] = tuple(sorted(yes_sides))
        by_prop: dict[str, list[Statement]] = {}
        for _stance, _sd, st in graph.position_statements(
            dict.fromkeys([(p, "asserts") for p in keep]), w
        ):
            by_prop.setdefault(st.proposition, []).append(st)
        texts = graph.texts(keep)
        names = graph.names({sd for sides in keep.values() for sd in sides})
        out = []
        for p, side_t in keep.items():
            yes = by_prop[p]
            text = texts[p]
            out.append(
                Agreement(
                    proposition=p,
                    text=text,
                    sides=side_t,
                    actors=tuple(sorted({s.actor for s in yes})),
                    statements=tuple(sorted(yes, key=_key)),
                    explanation=_agreement_explanation(names, side_t, text),
                    _graph=graph,
                )
            )
    out.sort(key=lambda a: (-len(a.sides), -len(a.statements), a.proposition))
    return out


# --------------------------------------------------------------------------- positions
def positions(
    graph: QueryBackend,
    *,
    side: str | Iterable[str] | None = None,
    since: Any = None,
    until: Any = None,
    as_of: Any = None,
    withdrawn: Withdrawn = False,
) -> Positions:
    """Where each side stands on each proposition, and what it demands and offers.

    Parameters
    ----------
    graph : ClaimGraph or Store
        Any :class:`~claimgraph.backend.QueryBackend`.
    side : str or iterable of str, optional
        Only these sides.
    since, until : partial date, optional
        Only consider statements whose date overlaps this range.
    as_of : partial date, optional
        What stood on that day: statements said by then and not withdrawn by then.
    withdrawn : bool or "only", default False
        Read withdrawn (retracted or corrected) statements too (``True``), or only them.

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
    f = StatementFilter.parse(side=side, since=since, until=until, as_of=as_of, withdrawn=withdrawn)
    with graph.snapshot():
        _checked(graph, f)
        wanted = f.sides
        table: dict[str, dict[str, str]] = {}
        for p, (yes_sides, no_sides) in graph.stance_sides(f.window).items():
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
        side_of = graph.side_map()
        # a side that only relays a proposition (neutral reports) is shown as reporting it
        relayed = replace(f, stance="reports")
        for s in graph.matching(relayed):
            table.setdefault(side_of[s.actor], {}).setdefault(s.proposition, "reports")
        demands: dict[str, list[Statement]] = {}
        offers: dict[str, list[Statement]] = {}
        for kinds, per_side in (({"demand"}, demands), ({"offer", "proposal"}, offers)):
            g = replace(f, kinds=frozenset(kinds))
            for s in sorted(graph.matching(g), key=_key):
                if s.stance != "reports":  # a relayed demand is not the side's own
                    per_side.setdefault(side_of[s.actor], []).append(s)
    return Positions(table=table, demands=demands, offers=offers, _graph=graph)


@dataclass(frozen=True, slots=True)
class Retraction:
    """A withdrawn statement: retracted, or corrected by another statement.

    Not a reversal (:mod:`claimgraph.reversals`): a reversal is a change of stance between
    statements that both stand; a retraction takes a statement back. The withdrawn
    statement is left out of the current queries (``withdrawn=True`` reads it again).

    Attributes
    ----------
    statement : Statement
        The withdrawn statement.
    correction : Statement or None
        The statement that replaces it, for a correction.
    """

    statement: Statement
    correction: Statement | None = None

    @property
    def withdrawal(self) -> Withdrawal:
        """The statement's :class:`~claimgraph.Withdrawal`."""
        w = self.statement.withdrawn
        assert w is not None  # noqa: S101 - made only from withdrawn statements
        return w

    @property
    def kind(self) -> Literal["retraction", "correction"]:
        """``correction`` when another statement replaces it, else ``retraction``."""
        return self.withdrawal.kind

    @property
    def date(self) -> str | None:
        """When it was withdrawn (a partial date), if known."""
        return self.withdrawal.date

    @property
    def by(self) -> str:
        """The actor who withdrew it: the one named, else the statement's own actor."""
        w = self.withdrawal
        return w.by if w.by is not None else self.statement.actor

    def explanation(self, graph: QueryBackend) -> str:
        """One sentence saying who withdrew what, when, and what replaced it.

        Examples
        --------
        >>> import claimgraph as cg
        >>> g = cg.ClaimGraph([
        ...     cg.Actor(id="j", name="A journalist"),
        ...     cg.Proposition(id="p", text="The border crossing is closed."),
        ...     cg.Proposition(id="q", text="The border crossing is closed to trucks."),
        ...     cg.Statement(id="post", actor="j", proposition="p", said="2025-10-20",
        ...                  withdrawn={"date": "2025-10-21", "correction": "fix"}),
        ...     cg.Statement(id="fix", actor="j", proposition="q", said="2025-10-21"),
        ... ])
        >>> [r.explanation(g) for r in cg.retractions(g)]  # doctest: +NORMALIZE_WHITESPACE
        ['A journalist withdrew its statement (2025-10-20) that “The border crossing is
          closed” on 2025-10-21, and corrected it: asserts “The border crossing is closed to
          trucks” (2025-10-21).']
        """
        s, w = self.statement, self.withdrawal
        c = self.correction
        names = graph.names([s.actor, self.by])
        texts = graph.texts([s.proposition, *([c.proposition] if c else [])])
        who = names.get(s.actor, s.actor)
        what = f"statement{_when(s.said)} that {_quote(texts.get(s.proposition, s.proposition))}"
        if self.by != s.actor:
            head = f"{names.get(self.by, self.by)} withdrew {who}'s {what}"
        else:
            head = f"{who} withdrew its {what}"
        head += f" on {w.date}" if w.date else " (date unknown)"
        if w.source is not None:
            src = graph.sources.get(w.source)
            head += f", in {(src.title or src.publisher or src.id) if src else w.source}"
        if c is None:
            return head + "."
        said = f"{c.stance} {_quote(texts.get(c.proposition, c.proposition))}{_when(c.said)}"
        return f"{head}, and corrected it: {said}."

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the statement, its withdrawal, and the correction's id."""
        return {
            "kind": self.kind,
            "statement": self.statement.id,
            "by": self.by,
            "withdrawal": self.withdrawal.model_dump(mode="json", exclude_none=True),
            "correction": self.correction.id if self.correction is not None else None,
        }


def retractions(graph: QueryBackend, **filters: Any) -> list[Retraction]:
    """The withdrawn statements — retractions and corrections — in the order said.

    Takes the filters of :func:`statements` (``withdrawn`` aside: these are the withdrawn
    statements; ``as_of`` gives those withdrawn by that day).

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.load(cg.example_path())
    >>> cg.retractions(g)
    []
    """
    if "withdrawn" in filters:
        raise InvalidArgumentError("retractions() reads the withdrawn statements: no 'withdrawn'")
    with graph.snapshot():
        found = timeline(graph, withdrawn="only", **filters)
        wanted = [w.correction for s in found if (w := s.withdrawn) and w.correction]
        by_id = graph.statements_with_ids(wanted) if wanted else {}
    out = []
    for s in found:
        w = s.withdrawn
        out.append(Retraction(s, by_id.get(w.correction) if w and w.correction else None))
    return out
