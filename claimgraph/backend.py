"""The backend protocol: the few primitives every query is written against.

:func:`claimgraph.statements`, :func:`~claimgraph.timeline`,
:func:`~claimgraph.contradictions`, :func:`~claimgraph.agreements` and
:func:`~claimgraph.positions` are each written once, in :mod:`claimgraph.queries`, against
:class:`QueryBackend`. The in-memory :class:`~claimgraph.ClaimGraph` answers the primitives
from its indexes, the SQLite :class:`~claimgraph.store.Store` in SQL; a new backend (a
columnar store, a cluster) implements the same primitives and gets every query, with the
same answers, errors and explanations.

The primitives are small on purpose: which side each actor is on, which sides take which
stance on which proposition (with counts), the statements behind those positions, the
statements matching a parsed :class:`~claimgraph.filters.StatementFilter`, the declared
relations between propositions, and the records by id (:class:`Lookup`). Query *rules*
(what a dispute is, what an agreement is, how contradictions are ranked and explained) live
only in :mod:`claimgraph.queries`.

Windows: every primitive that takes a :class:`~claimgraph.filters.Window` reads only the
statements it keeps — those whose date span overlaps ``[since, until]`` (exactly as
:func:`claimgraph.dates.overlaps` says), that stand (not withdrawn; or stood on
``as_of``), unless the window asks for the history — exactly as
:meth:`Window.keeps <claimgraph.filters.Window.keeps>` says.

Examples
--------
>>> import claimgraph as cg
>>> from claimgraph.backend import QueryBackend
>>> g = cg.load(cg.example_path())
>>> isinstance(g, QueryBackend)
True
>>> from claimgraph.filters import Window
>>> sorted(g.stance_sides(Window())["militants-sheltered"][1])
['afghanistan']
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from .exceptions import NotFoundError
from .models import Actor, Proposition, Source, Statement

if TYPE_CHECKING:
    from .filters import StatementFilter, Window

__all__ = [
    "CountRow",
    "Lookup",
    "QueryBackend",
    "RecordSnapshot",
    "Relations",
]

_T = TypeVar("_T")

CountRow = tuple[str, str | None, str | None, int, int]
"""A proposition's stance counts: ``(proposition, the one side asserting it or None when
several do (or none), the one side denying it or None, how many statements assert it, how
many deny it)``."""


@runtime_checkable
class Lookup(Protocol):
    """Records by id, and the side of an actor: what a query result needs to show itself.

    :class:`~claimgraph.ClaimGraph`, :class:`~claimgraph.store.Store` and
    :class:`RecordSnapshot` provide it. The mappings may read lazily (a store's do).
    """

    @property
    def actors(self) -> Mapping[str, Actor]: ...

    @property
    def sources(self) -> Mapping[str, Source]: ...

    @property
    def propositions(self) -> Mapping[str, Proposition]: ...

    def side(self, actor: str) -> str: ...


@runtime_checkable
class QueryBackend(Lookup, Protocol):
    """What :mod:`claimgraph.queries` asks of a backend.

    ``label`` names the backend in messages (``"no actor 'x' in the graph"``).
    """

    label: str

    def sides(self) -> list[str]:
        """Ids of the sides (the parties: :func:`claimgraph.rules.side_role`), sorted."""
        ...

    def roots(self) -> list[str]:
        """Ids of every actor that is a member of no other actor (sides, observers and
        mediators), sorted: what a ``side`` filter may name."""
        ...

    def side_map(self) -> Mapping[str, str]:
        """Actor id → side id for every actor."""
        ...

    def missing_ids(self, type: str, ids: Collection[str]) -> list[str]:
        """The ids among ``ids`` of no record of ``type`` (actor, proposition, source)."""
        ...

    def relations(self) -> Relations:
        """The declared ``contradicts`` and ``implies`` relations."""
        ...

    def matching(self, f: StatementFilter) -> list[Statement]:
        """The statements that match a (checked) filter, in the order they were added."""
        ...

    def statements_with_ids(self, ids: Collection[str]) -> dict[str, Statement]:
        """Statement id → statement, for those of ``ids`` the backend holds."""
        ...

    def stance_sides(
        self,
        w: Window,
        *,
        min_asserting: int = 0,
        undenied: bool = False,
    ) -> Mapping[str, tuple[Collection[str], Collection[str]]]:
        """Proposition id → (sides asserting it, sides denying it), for every proposition
        with a statement in the window — only those asserted by at least
        ``min_asserting`` sides, and (``undenied``) denied by none."""
        ...

    def stance_counts(self, props: Collection[str], w: Window) -> list[CountRow]:
        """The counts of some propositions (those with a statement in the window)."""
        ...

    def opposed(self, w: Window, proposition: str | None) -> list[CountRow]:
        """The counts of every proposition both asserted and denied in the window (or
        of ``proposition`` alone, if it is), in any order."""
        ...

    def tallies(self, props: Collection[str], w: Window) -> dict[tuple[str, str], dict[str, int]]:
        """(proposition, stance) → side → how many statements, for some propositions."""
        ...

    def first_said(
        self, positions: Collection[tuple[str, str, str]], w: Window
    ) -> dict[tuple[str, str, str], str | None]:
        """(proposition, stance, side) → the earliest date said among its statements."""
        ...

    def position_statements(
        self,
        positions: Mapping[tuple[str, str], Collection[str] | None],
        w: Window,
    ) -> Iterable[tuple[str, str, Statement]]:
        """``(stance, side, statement)`` for every statement in the window that takes
        one of these positions: ``(proposition, stance)`` → the sides wanted (``None``:
        every side). The side is that of the statement's actor; any order.

        A backend that can no longer answer (a closed store) raises
        :class:`~claimgraph.ClaimGraphError` saying so."""
        ...

    def names(self, ids: Iterable[str]) -> dict[str, str]:
        """Actor id → its name, for those of ``ids`` the backend holds."""
        ...

    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        """Proposition id → its wording, for those of ``ids`` the backend holds."""
        ...

    def snapshot(self) -> AbstractContextManager[object]:
        """A context in which the backend does not change (one read transaction)."""
        ...


class Relations:
    """The declared relations between propositions (few: read once per change).

    Attributes
    ----------
    contradicts, implies : dict
        Proposition id → the ids it declares, in declaration order.
    owners : list of str
        Propositions that declare any relation, in the order they were added.
    """

    def __init__(self) -> None:
        self.contradicts: dict[str, list[str]] = {}
        self.implies: dict[str, list[str]] = {}
        self.owners: list[str] = []
        self._chains: dict[str, dict[str, tuple[str, ...]]] = {}
        self._implied: dict[str, set[str]] = {}

    @classmethod
    def of(cls, propositions: Iterable[Proposition]) -> Relations:
        """The relations declared by some propositions (in their order).

        Examples
        --------
        >>> import claimgraph as cg
        >>> rel = Relations.of([cg.Proposition(id="a", text="A", implies=["b"]),
        ...                     cg.Proposition(id="b", text="B", implies=["c"])])
        >>> sorted(rel.implied("a"))
        ['b', 'c']
        """
        rel = cls()
        for p in propositions:
            if p.contradicts or p.implies:
                rel.owners.append(p.id)
                if p.contradicts:
                    rel.contradicts[p.id] = list(p.contradicts)
                if p.implies:
                    rel.implies[p.id] = list(p.implies)
        return rel

    def exclusive_with(self, p: str) -> set[str]:
        """Propositions declared to contradict ``p``, either way round."""
        out = set(self.contradicts.get(p, ()))
        out.update(q for q, others in self.contradicts.items() if p in others)
        return out

    def chains(self, p: str) -> dict[str, tuple[str, ...]]:
        """Every proposition ``p`` implies, transitively (not itself), with the chain of
        declared ``implies`` that leads there: ``q`` → ``(p, ..., q)``.

        The chain is a shortest one (breadth first, each proposition's ``implies`` in
        declaration order). Cycles are allowed (``p`` ⇒ ``q`` ⇒ ``p`` declares the two
        equivalent): each proposition is reached once. This is the one walk of the
        ``implies`` chains: the contradictions, agreements, truth discovery and the bipolar
        closure of :func:`~claimgraph.argumentation.attack_graph` all read it.

        Examples
        --------
        >>> import claimgraph as cg
        >>> rel = Relations.of([cg.Proposition(id="a", text="A", implies=["b"]),
        ...                     cg.Proposition(id="b", text="B", implies=["c", "a"])])
        >>> rel.chains("a")
        {'b': ('a', 'b'), 'c': ('a', 'b', 'c')}
        """
        paths = self._chains.get(p)
        if paths is None:
            paths = {p: (p,)}
            todo = [p]
            for cur in todo:  # grows while iterating: a queue
                for nxt in self.implies.get(cur, ()):
                    if nxt not in paths:
                        paths[nxt] = (*paths[cur], nxt)
                        todo.append(nxt)
            del paths[p]
            self._chains[p] = paths
        return paths

    def implied(self, p: str) -> set[str]:
        """Propositions ``p`` implies, transitively (not itself): the ends of
        :meth:`chains`."""
        seen = self._implied.get(p)
        if seen is None:
            seen = self._implied[p] = set(self.chains(p))
        return seen


class RecordSnapshot:
    """A :class:`Lookup` over plain dicts: the records a query result shows, kept with it.

    A result pickled, or kept after its store was closed, carries one of these instead of
    the graph or store it came from: the actors, sources and propositions it names, and
    the sides of its actors.

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.load(cg.example_path())
    >>> snap = RecordSnapshot.of(g, actors=["pakistan"])
    >>> snap.actors["pakistan"].name, snap.side("pakistan")
    ('Pakistan', 'pakistan')
    """

    __slots__ = ("_sides", "actors", "propositions", "sources")

    def __init__(
        self,
        actors: Mapping[str, Actor],
        sources: Mapping[str, Source],
        propositions: Mapping[str, Proposition],
        sides: Mapping[str, str],
    ) -> None:
        self.actors = dict(actors)
        self.sources = dict(sources)
        self.propositions = dict(propositions)
        self._sides = dict(sides)

    @classmethod
    def of(
        cls,
        lookup: Lookup,
        *,
        actors: Iterable[str] = (),
        sources: Iterable[str] = (),
        propositions: Iterable[str] = (),
    ) -> RecordSnapshot:
        """The records with these ids (and the sides of the actors) from ``lookup``."""
        if isinstance(lookup, RecordSnapshot):
            return lookup
        a_ids = set(actors)
        sides = {a: lookup.side(a) for a in a_ids}
        a_ids.update(sides.values())
        return cls(
            _pick(lookup.actors, a_ids),
            _pick(lookup.sources, sources),
            _pick(lookup.propositions, propositions),
            sides,
        )

    def side(self, actor: str) -> str:
        """The side of an actor the snapshot holds."""
        found = self._sides.get(actor)
        if found is None:
            raise NotFoundError(f"no actor '{actor}' in this result")
        return found

    def __reduce__(self) -> tuple[object, ...]:
        return (RecordSnapshot, (self.actors, self.sources, self.propositions, self._sides))


def _pick(records: Mapping[str, _T], ids: Iterable[str]) -> dict[str, _T]:
    out: dict[str, _T] = {}
    for i in ids:
        rec = records.get(i)
        if rec is not None:
            out[i] = rec
    return out
