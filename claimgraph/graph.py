"""The :class:`ClaimGraph`: records linked in a :class:`networkx.MultiDiGraph`.

The graph checks referential integrity on every insert. Its records are the source of
truth; beside them it keeps the indexes the queries need (statements per proposition and
stance, per actor, per kind, per date bucket; referrers per relation; the membership forest
of the actors, a :class:`networkx.DiGraph`), so that queries never scan the whole graph.

:attr:`ClaimGraph.nx` is a genuine :class:`networkx.MultiDiGraph` built from the records
through the public networkx API when first asked for, kept until the graph next changes.
Nodes are record ids; each node has the attributes ``type`` (``"actor"``, ``"source"``,
``"proposition"``, ``"statement"`` or ``"review"``) and ``record`` (the pydantic model).
Edges are keyed by their relation, one of :data:`EDGE_TYPES`, and carry ``type`` (the same
name) and, for ``reported_in``, the ``quote`` when the report has one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from . import display, queries, rules, writer
from ._gc import gc_paused
from .backend import Relations
from .dates import overlaps
from .exceptions import InvalidArgumentError, ReferencedError
from .models import (
    STANCES,
    Actor,
    Proposition,
    Record,
    Report,
    Review,
    Role,
    Source,
    Statement,
    check_text,
)
from .rules import MergeResult
from .rules import describe as _describe

if TYPE_CHECKING:
    from os import PathLike

    from .filters import StatementFilter, Window
    from .queries import Agreement, Contradiction, Positions

__all__ = ["EDGE_TYPES", "ClaimGraph", "MergeResult"]

EDGE_TYPES: tuple[str, ...] = (
    "said_by",
    "about",
    "reported_in",
    "responds_to",
    "member_of",
    "derived_from",
    "contradicts",
    "implies",
    "reviews",
    "reviewed_by",
    "reviews_statement",
    "withdrawn_by",
    "withdrawn_in",
    "corrected_by",
)
"""The relations of the graph. Edge ``u → v`` reads "u <relation> v"."""

_OWN_INDEX = frozenset({"said_by", "about"})
"""Relations whose referrers have an index of their own (``_said_by``, ``_stances``); the
referrers of every other relation are kept per relation and target (``_incoming``)."""


def _out_edges(rec: Record) -> list[tuple[str, str, str | None]]:
    """The edges out of a record's node, as ``(relation, target, quote)`` triples.

    The one place where a record's fields become relations: the networkx graph and the
    referrer indexes are both made from it. ``quote`` is a ``reported_in`` edge's quote
    (None for every other edge and for a report without one).
    """
    if isinstance(rec, Statement):
        edges: list[tuple[str, str, str | None]] = [
            ("said_by", rec.actor, None),
            ("about", rec.proposition, None),
        ]
        edges += [("reported_in", r.source, r.quote) for r in rec.reports]
        edges += [("responds_to", s, None) for s in rec.responds_to]
        w = rec.withdrawn
        if w is not None:
            if w.by is not None:
                edges.append(("withdrawn_by", w.by, None))
            if w.source is not None:
                edges.append(("withdrawn_in", w.source, None))
            if w.correction is not None:
                edges.append(("corrected_by", w.correction, None))
        return edges
    if isinstance(rec, Actor):
        edges = [("member_of", a, None) for a in rec.member_of]
    elif isinstance(rec, Source):
        edges = [("derived_from", s, None) for s in rec.derived_from]
    elif isinstance(rec, Review):
        edges = [("reviews", rec.proposition, None), ("reviewed_by", rec.reviewer, None)]
        if rec.statement is not None:
            edges.append(("reviews_statement", rec.statement, None))
    else:
        edges = [("contradicts", p, None) for p in rec.contradicts]
        edges += [("implies", p, None) for p in rec.implies]
    return edges


_UNDATED = "9999-99-99"
_Stances = tuple[list[Statement], list[Statement], list[Statement]]
_NO_STANCES: _Stances = ([], [], [])
_SLOT = {stance: i for i, stance in enumerate(STANCES)}
"""Where a statement goes in its proposition's (assertions, denials, neutral reports)."""


def _sort_key(s: Statement) -> tuple[str, str]:
    return (s.said or _UNDATED, s.id)


class _Held:
    """What a graph holds, as the write rules read it (:class:`claimgraph.rules.Existing`)."""

    __slots__ = ("_graph",)

    def __init__(self, graph: ClaimGraph) -> None:
        self._graph = graph

    def stored(self, records: Sequence[Record], ids: Sequence[str]) -> Iterable[Record | None]:
        g = self._graph
        if not len(g):
            return [None] * len(ids)
        return map(g._record, ids)

    def known(self) -> Mapping[str, str]:
        return {}

    def types(self, ids: Collection[str]) -> dict[str, str]:
        record = self._graph._record
        out = {}
        for i in ids:
            held = record(i)
            if held is not None:
                out[i] = held.record_type
        return out

    def parents(self, ids: Collection[str]) -> dict[str, str | None]:
        actors = self._graph._actors
        return {
            i: (a.member_of[0] if a.member_of else None)
            for i in ids
            if (a := actors.get(i)) is not None
        }

    def sides(self, ids: Collection[str]) -> dict[str, str]:
        g = self._graph
        return {i: g.side(i) for i in ids if i in g._actors}

    def ids(self, record_type: str) -> Iterable[str]:
        return self._graph._views[record_type].keys()


def _networkx_graph(records: Mapping[str, Record]) -> nx.MultiDiGraph[str]:
    """A new frozen networkx graph of the records, made with networkx's public API.

    Nodes come in the order of ``records``; every node and every edge gets a new attribute
    dict of its own. ``add_edge`` per edge, with the collector paused, is about 1.3× faster
    than ``add_edges_from`` (which looks every edge up again through views to set its data)
    and 2× faster than either with the collector on: 1.7 s for 100,000 statements' 357,000
    edges.
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    with gc_paused():
        graph.add_nodes_from(
            (rid, {"type": rec.record_type, "record": rec}) for rid, rec in records.items()
        )
        add = graph.add_edge
        for rid, rec in records.items():
            for relation, target, quote in _out_edges(rec):
                if quote is None:
                    add(rid, target, relation, type=relation)
                else:
                    add(rid, target, relation, type=relation, quote=quote)
    nx.freeze(graph)
    return graph


class ClaimGraph:
    """Claims, denials, actors and sources, linked in a networkx graph.

    Parameters
    ----------
    records : iterable of records, optional
        Records to add at once (see :meth:`add_all`).
    title : str, optional
        A title, shown in reports and kept in files.

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.ClaimGraph()
    >>> pk = g.add_actor(id="pakistan", name="Pakistan", kind="state")
    >>> af = g.add_actor(id="afghanistan", name="Afghanistan", kind="state")
    >>> p = g.add_proposition(id="sheltered", text="Militants are sheltered on Afghan soil.")
    >>> _ = g.add_statement(actor="pakistan", proposition="sheltered", stance="asserts")
    >>> _ = g.add_statement(actor="afghanistan", proposition="sheltered", stance="denies",
    ...                     kind="denial")
    >>> g
    <ClaimGraph: 2 statements, 1 proposition, 2 actors (2 sides), 0 sources>
    >>> [c.kind for c in g.contradictions()]
    ['dispute']
    """

    @property
    def title(self) -> str | None:
        """A title for reports and files (optional); text any file format can hold."""
        return self._title

    @title.setter
    def title(self, value: str | None) -> None:
        self._title = check_text(value, "graph", "title")

    def __init__(
        self, records: Iterable[Record] | None = None, *, title: str | None = None
    ) -> None:
        self.title = title
        # the networkx graph, built from the records on demand (see `nx`); None once stale
        self._nx: nx.MultiDiGraph[str] | None = None
        self._version = 0  # counts changes: a plan() applies to the state it checked
        self._records: dict[str, Record] = {}
        self._actors: dict[str, Actor] = {}
        self._sources: dict[str, Source] = {}
        self._propositions: dict[str, Proposition] = {}
        self._statements: dict[str, Statement] = {}
        self._reviews: dict[str, Review] = {}
        self._by_kind: dict[str, dict[str, None]] = {}
        # proposition id → (asserting statements, denying statements): contradictions and
        # agreements read stances from here instead of walking the adjacency
        self._stances: dict[str, _Stances] = {}
        # the same of the withdrawn statements (an entry only while it holds one): the
        # indexes of the current view (above, and the side index made from it) hold only
        # the statements that stand
        self._gone: dict[str, _Stances] = {}
        # stance → how many statements take it (so a filter on a rare stance, such as
        # neutral reports, starts from the propositions' stance lists, not from every statement)
        self._stance_n: list[int] = [0] * len(STANCES)
        self._roles_cache: tuple[int, dict[str, Role]] | None = None  # side → its role
        # actor id → its statements
        self._said_by: dict[str, list[Statement]] = {}
        # relation → target id → ids of the records that refer to it by that relation (in
        # the order linked), for every relation but said_by and about (indexed above)
        self._incoming: dict[str, dict[str, dict[str, None]]] = {
            t: {} for t in EDGE_TYPES if t not in _OWN_INDEX
        }
        # actor → the actor it is (primarily) a member of: a forest whose roots are the sides
        self._forest: nx.DiGraph[str] = nx.DiGraph()
        # propositions that declare `contradicts` or `implies` (few): walked directly
        self._related: dict[str, None] = {}
        # proposition id → [sides asserting, sides denying]: disputes without visiting
        # statements; rebuilt on demand after an actor moves to another side
        self._prop_sides: dict[str, list[tuple[str, ...]]] = {}
        self._prop_sides_ok = True
        self._side_cache: dict[str, str] = {}
        self._sides_complete = False
        # said date prefix (YYYY, YYYY-MM or YYYY-MM-DD) → (insertion numbers, statements),
        # one table per precision: a date range visits the buckets it overlaps, no sort
        self._dated: dict[int, dict[str, tuple[list[int], list[Statement]]]] = {
            4: {},
            7: {},
            10: {},
        }
        self._by_side: dict[str, list[Statement]] | None = None
        # statement id → its insertion number (the next one in _seq)
        self._stmt_seq: dict[str, int] = {}
        self._seq = 0
        self._report_pool: dict[str, Report] = {}
        # True once a statement was replaced in place: the order of the per-proposition,
        # per-actor and referrer indexes is then no longer insertion order, and filtered
        # lists are sorted by the statements' insertion numbers
        self._relinked = False
        self._views: dict[str, dict[str, Any]] = {
            "actor": self._actors,
            "source": self._sources,
            "proposition": self._propositions,
            "statement": self._statements,
            "review": self._reviews,
        }
        if records is not None:
            self.add_all(records)

    # ------------------------------------------------------------------ access
    @property
    def nx(self) -> nx.MultiDiGraph[str]:
        """The records as a :class:`networkx.MultiDiGraph`, frozen (its structure read-only).

        Built from the records with the public networkx API the first time it is asked for,
        then kept until the graph changes (an add, update, remove or merge drops it; the next
        access builds a new one). Building it takes about as long as building the graph
        (some 2 s for 100,000 statements), so read it once between changes. Use it with any
        networkx algorithm; call ``.copy()`` for a graph whose nodes and edges you may change.

        Every node and edge has an attribute dict of its own, shared with no other edge and
        no other graph. Attributes you set on it live on that one networkx graph object only:
        the records do not change, and the graph built after the next change does not have
        them.

        Examples
        --------
        >>> import claimgraph as cg, networkx as nx
        >>> g = cg.ClaimGraph([cg.Actor(id="a", name="A"), cg.Actor(id="b", name="B",
        ...                    member_of=["a"])])
        >>> list(g.nx.edges(keys=True))
        [('b', 'a', 'member_of')]
        >>> nx.is_frozen(g.nx), g.nx is g.nx
        (True, True)
        >>> g.nx.edges["b", "a", "member_of"]["weight"] = 0.5
        >>> g.nx.edges["b", "a", "member_of"]
        {'type': 'member_of', 'weight': 0.5}
        >>> _ = g.add_actor(id="c", name="C")   # a change: the next access builds a new graph
        >>> g.nx.edges["b", "a", "member_of"]
        {'type': 'member_of'}
        """
        graph = self._nx
        if graph is None:
            graph = self._nx = _networkx_graph(self._records)
        return graph

    @property
    def actors(self) -> Mapping[str, Actor]:
        """Read-only mapping of actor id → :class:`~claimgraph.Actor`."""
        return MappingProxyType(self._actors)

    @property
    def sources(self) -> Mapping[str, Source]:
        """Read-only mapping of source id → :class:`~claimgraph.Source`."""
        return MappingProxyType(self._sources)

    @property
    def propositions(self) -> Mapping[str, Proposition]:
        """Read-only mapping of proposition id → :class:`~claimgraph.Proposition`."""
        return MappingProxyType(self._propositions)

    @property
    def statement_records(self) -> Mapping[str, Statement]:
        """Read-only mapping of statement id → :class:`~claimgraph.Statement`.

        For filtered lists of statements use :meth:`statements`.
        """
        return MappingProxyType(self._statements)

    @property
    def reviews(self) -> Mapping[str, Review]:
        """Read-only mapping of review id → :class:`~claimgraph.Review` (fact-checks)."""
        return MappingProxyType(self._reviews)

    def reviews_of(self, proposition: str) -> list[Review]:
        """Reviews of one proposition, in the order they were added (index lookup)."""
        return [self._reviews[r] for r in self._neighbours(proposition, "reviews", True)]

    def get(self, id: str) -> Record:
        """The record with this id.

        Raises
        ------
        NotFoundError
            If there is none.

        Examples
        --------
        >>> import claimgraph as cg
        >>> g = cg.ClaimGraph([cg.Actor(id="qatar", name="Qatar", kind="mediator")])
        >>> g.get("qatar").name
        'Qatar'
        """
        rec = self._records.get(id)
        if rec is None:
            raise rules.not_found(id, known=self._records)
        return rec

    def _record(self, id: str) -> Record | None:
        """The record with this id, or None (what the write rules read of the graph)."""
        return self._records.get(id)

    def __contains__(self, id: object) -> bool:
        return id in self._records

    def __iter__(self) -> Iterator[Record]:
        """All records: actors, sources, propositions, then statements."""
        for view in self._views.values():
            yield from view.values()

    def __len__(self) -> int:
        """Number of records of all types."""
        return len(self._records)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ClaimGraph):
            return NotImplemented
        return all(self._views[t] == other._views[t] for t in self._views)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}" + ("" if count == 1 else "s")

        sides = len(self.sides())
        return (
            f"<ClaimGraph: {n(len(self._statements), 'statement')},"
            f" {n(len(self._propositions), 'proposition')},"
            f" {n(len(self._actors), 'actor')} ({n(sides, 'side')}),"
            f" {n(len(self._sources), 'source')}"
            + (f", {n(len(self._reviews), 'review')}" if self._reviews else "")
            + ">"
        )

    def _repr_html_(self) -> str:
        """Counts, sides and top disputes, for notebooks (see :mod:`claimgraph.display`)."""
        return display.graph_html(self)

    def copy(self) -> ClaimGraph:
        """An independent copy (records are immutable, so they are shared)."""
        return ClaimGraph(iter(self), title=self.title)

    # ------------------------------------------------------------------ adding
    def add(self, record: Record) -> Record:
        """Add one record; return the record as stored.

        Adding a record that is already present changes nothing. Adding a statement that
        is present with other reports unites the reports.

        Raises
        ------
        UnknownReferenceError
            If the record names an id that is not in the graph.
        ConflictError
            If a different record already has this id.
        """
        self.add_all([record])
        return self.get(record.id)

    def add_actor(self, actor: Actor | None = None, /, **fields: Any) -> Actor:
        """Add an :class:`~claimgraph.Actor`, given as a model or as its fields."""
        rec = actor if actor is not None else rules.build(Actor, fields)
        self.add(rec)
        return self._actors[rec.id]

    def add_source(self, source: Source | None = None, /, **fields: Any) -> Source:
        """Add a :class:`~claimgraph.Source`, given as a model or as its fields."""
        rec = source if source is not None else rules.build(Source, fields)
        self.add(rec)
        return self._sources[rec.id]

    def add_proposition(
        self, proposition: Proposition | None = None, /, **fields: Any
    ) -> Proposition:
        """Add a :class:`~claimgraph.Proposition`, given as a model or as its fields."""
        rec = proposition if proposition is not None else rules.build(Proposition, fields)
        self.add(rec)
        return self._propositions[rec.id]

    def add_statement(self, statement: Statement | None = None, /, **fields: Any) -> Statement:
        """Add a :class:`~claimgraph.Statement`, given as a model or as its fields."""
        rec = statement if statement is not None else rules.build(Statement, fields)
        self.add(rec)
        return self._statements[rec.id]

    def add_review(self, review: Review | None = None, /, **fields: Any) -> Review:
        """Add a :class:`~claimgraph.Review` (a fact-check), given as a model or its fields."""
        rec = review if review is not None else rules.build(Review, fields)
        self.add(rec)
        return self._reviews[rec.id]

    def add_all(self, records: Iterable[Record]) -> MergeResult:
        """Add many records at once, atomically.

        The records may come in any order (a statement before its actor). Everything is
        checked before anything is inserted: on any error nothing is added, and the error
        lists every problem found.

        Returns
        -------
        MergeResult
            Ids added and extended, and how many were already present.

        Raises
        ------
        UnknownReferenceError
            Records that name ids found neither in the graph nor in ``records``.
        ConflictError
            Records whose id is taken by a different record.
        InvalidDataError
            Membership cycles among actors.
        """
        with gc_paused():  # building many small objects: the collector would dominate
            return self._add_all(records)

    def _add_all(self, records: Iterable[Record]) -> MergeResult:
        plan = self.plan(records)
        rules.raise_problems(plan.errors)
        return self._apply(plan)

    def plan(self, records: Iterable[Record], *, ignore: Collection[str] = ()) -> rules.Plan:
        """Check a batch against the graph without changing anything; collect every problem.

        :meth:`add_all` is ``plan`` then :meth:`apply`; a loader that reports problems of
        its own (with file lines) plans first, adds its problems to the plan's
        (:attr:`~claimgraph.rules.Plan.all_errors`) and applies only a clean plan.

        Parameters
        ----------
        records : iterable of records
        ignore : collection of str
            Ids that may be referred to although they are missing (records that failed
            validation earlier, so that one error does not cascade into many).

        Examples
        --------
        >>> import claimgraph as cg
        >>> g = cg.ClaimGraph()
        >>> plan = g.plan([cg.Statement(actor="nobody", proposition="p")])
        >>> [e.code for e in plan.all_errors], len(g)
        (['unknown_reference', 'unknown_reference'], 0)
        """
        found = rules.plan(records, _Held(self), ignore=ignore)
        found.basis = (id(self), self._version)
        return found

    def apply(self, plan: rules.Plan) -> MergeResult:
        """Add a batch checked by :meth:`plan`, if it found no problem and the graph has not
        changed since.

        Raises
        ------
        InvalidArgumentError
            A plan made by another graph, or before the graph last changed: plan again.
        UnknownReferenceError, ConflictError, InvalidDataError
            The problems the plan found (nothing is added).

        Examples
        --------
        >>> import claimgraph as cg
        >>> g = cg.ClaimGraph()
        >>> g.apply(g.plan([cg.Actor(id="qatar", name="Qatar")]))
        MergeResult(added=1, extended=0, unchanged=0)
        """
        if plan.basis != (id(self), self._version):
            raise InvalidArgumentError(
                "this plan was checked against another graph, or before this graph last"
                " changed: make a new one with plan()"
            )
        rules.raise_problems(plan.errors)
        return self._apply(plan)

    def _apply(self, plan: rules.Plan) -> MergeResult:
        node = self._records
        result = plan.result
        new = [rec for rid, rec in plan.batch.items() if rid not in node]
        # new nodes first: an extended statement may now be reported in a new source
        for rec in new:
            self._add_node(rec)
        for rid, rec in plan.replace.items():
            self._unlink(node[rid])
            self._link(rec)
            result.extended.append(rid)
            self._relinked = True
        for rec in new:
            self._link_edges(rec)
        result.added = [rec.id for rec in new]
        if any(isinstance(r, Actor) for r in plan.batch.values()):
            # new actors never move existing ones to another side (only update() can):
            # the cached sides stay right, they are just not complete any more
            self._sides_complete = False
        self._changed()
        return result

    # -- low-level linking; callers have checked everything.
    def _add_node(self, rec: Record) -> None:
        rid = rec.id
        t = rec.record_type
        self._records[rid] = rec
        self._views[t][rid] = rec
        if isinstance(rec, Actor):
            # at once, not with the other relations: the statements of a batch are linked
            # after its nodes are added and need the sides of the batch's actors
            self._link_member(rec)
        elif t == "statement":
            self._stmt_seq[rid] = self._seq
            self._seq += 1
            self._share_reports(rec)  # type: ignore[arg-type]
            kinds = self._by_kind.get(rec.kind)  # type: ignore[union-attr]
            if kinds is None:
                kinds = self._by_kind[rec.kind] = {}  # type: ignore[union-attr]
            kinds[rid] = None

    def _share_reports(self, rec: Statement) -> None:
        """Let statements share equal bare reports (one per source, not per statement).

        Reports are frozen, so sharing changes no value; it saves a model per report.
        """
        reports = rec.reports
        if not reports:
            return
        pool = self._report_pool
        shared = []
        changed = False
        for r in reports:
            if r.quote is None and r.said_as is None:  # the report is its source alone
                have = pool.get(r.source)
                if have is None:
                    pool[r.source] = r
                elif have is not r:
                    r = have
                    changed = True
            shared.append(r)
        if changed:
            object.__setattr__(rec, "reports", tuple(shared))

    def _link_edges(self, rec: Record) -> None:
        """Enter a record's relations into the indexes (its node is already added)."""
        rid = rec.id
        if isinstance(rec, Statement):
            table = self._stances if rec.withdrawn is None else self._gone
            pair = table.get(rec.proposition)
            if pair is None:
                pair = table[rec.proposition] = ([], [], [])
            slot = _SLOT[rec.stance]
            pair[slot].append(rec)
            self._stance_n[slot] += 1
            said = self._said_by.get(rec.actor)
            if said is None:
                said = self._said_by[rec.actor] = []
            said.append(rec)
            if rec.said:
                key = rec.said[:10]
                bucket = self._dated[len(key)].get(key)
                if bucket is None:
                    bucket = self._dated[len(key)][key] = ([], [])
                bucket[0].append(self._stmt_seq[rid])
                bucket[1].append(rec)
            if self._prop_sides_ok:
                self._note_side(rec)
            if not rec.reports and not rec.responds_to and rec.withdrawn is None:
                return  # nothing for the referrer indexes (said_by, about: indexed above)
        elif isinstance(rec, Proposition) and (rec.contradicts or rec.implies):
            self._related[rid] = None
        incoming = self._incoming
        for relation, target, _ in _out_edges(rec):
            if relation in _OWN_INDEX:
                continue
            by_target = incoming[relation]
            referrers = by_target.get(target)
            if referrers is None:
                referrers = by_target[target] = {}
            referrers[rid] = None

    def _link_member(self, rec: Actor) -> None:
        """Enter an actor into the membership forest, under its first ``member_of``."""
        if rec.member_of:
            self._forest.add_edge(rec.id, rec.member_of[0])
        else:
            self._forest.add_node(rec.id)

    def _link(self, rec: Record) -> None:
        """Replace the stored record of an existing node and relink its relations."""
        self._records[rec.id] = rec
        self._views[rec.record_type][rec.id] = rec
        if isinstance(rec, Statement):
            self._by_kind.setdefault(rec.kind, {})[rec.id] = None
        elif isinstance(rec, Actor):
            self._link_member(rec)
        self._link_edges(rec)

    def _unlink(self, rec: Record) -> None:
        """Drop a record's relations and kind-index entry from the indexes (it stays)."""
        rid = rec.id
        incoming = self._incoming
        for relation, target, _ in _out_edges(rec):
            if relation in _OWN_INDEX:
                continue
            referrers = incoming[relation].get(target)
            if referrers is not None:
                referrers.pop(rid, None)
                if not referrers:
                    del incoming[relation][target]
        if isinstance(rec, Actor):
            self._forest.remove_edges_from(list(self._forest.out_edges(rid)))
        elif isinstance(rec, Statement):
            kinds = self._by_kind.get(rec.kind)
            if kinds is not None:
                kinds.pop(rid, None)
            said = self._said_by[rec.actor]
            said[:] = [x for x in said if x.id != rid]
            if not said:
                del self._said_by[rec.actor]
            if rec.said:
                key = rec.said[:10]
                table = self._dated[len(key)]
                seqs, stmts = table[key]
                keep = [i for i, x in enumerate(stmts) if x.id != rid]
                if keep:
                    table[key] = ([seqs[i] for i in keep], [stmts[i] for i in keep])
                else:
                    del table[key]
            standing = rec.withdrawn is None
            stances = self._stances if standing else self._gone
            pair = stances.get(rec.proposition)
            if pair is not None:
                slot = _SLOT[rec.stance]
                group = pair[slot]
                before = len(group)
                group[:] = [x for x in group if x.id != rid]
                self._stance_n[slot] -= before - len(group)
                if not any(pair):
                    del stances[rec.proposition]
                if not standing:
                    pass  # the side index holds only the statements that stand
                elif not pair[0] and not pair[1]:  # no position left (neutral reports at most)
                    self._prop_sides.pop(rec.proposition, None)
                elif self._prop_sides_ok:
                    side = self.side
                    self._prop_sides[rec.proposition] = [
                        tuple(dict.fromkeys(side(x.actor) for x in grp)) for grp in pair[:2]
                    ]
        elif isinstance(rec, Proposition):
            self._related.pop(rid, None)

    def _changed(self) -> None:
        """Drop what is derived from the records as a whole: kept until the next change."""
        self._by_side = None
        self._nx = None
        self._version += 1

    # ------------------------------------------------------------------ update/remove
    def update(self, id: str, /, **changes: Any) -> Record:
        """Replace fields of a record; return the new record.

        The changed record is validated again and its references checked; the id cannot
        change. Fields that were only defaulted (a statement's ``kind`` from its stance)
        are derived again from the new values.

        Raises
        ------
        NotFoundError
            If there is no record with this id.
        InvalidDataError
            If a new value is invalid (naming the field), or the change would make a
            membership cycle; :class:`UnknownReferenceError` if it names a missing record.

        Examples
        --------
        >>> import claimgraph as cg
        >>> g = cg.ClaimGraph([cg.Actor(id="ttp", name="TTP")])
        >>> g.update("ttp", kind="armed_group").kind
        'armed_group'
        """
        old = self.get(id)
        new = rules.updated(old, changes)
        if new == old:
            return old
        rules.check_update(old, new, _Held(self))
        self._unlink(old)
        self._link(new)
        self._relinked = True
        if isinstance(new, Actor):
            self._forget_sides()
        self._changed()
        return new

    def remove(self, id: str) -> Record:
        """Remove a record that nothing refers to; return it.

        Raises
        ------
        NotFoundError
            If there is no such record.
        ReferencedError
            If other records refer to it (remove those first).

        Examples
        --------
        >>> import claimgraph as cg
        >>> g = cg.ClaimGraph([cg.Actor(id="a", name="A")])
        >>> g.remove("a").name
        'A'
        >>> "a" in g
        False
        """
        rec = self.get(id)
        referrers = self._referrers(id)
        if referrers:
            names = sorted(referrers)[:5]
            more = f" and {len(referrers) - 5} more" if len(referrers) > 5 else ""
            raise ReferencedError(
                f"cannot remove {_describe(rec)}: referred to by "
                + ", ".join(f"'{n}'" for n in names)
                + more
            )
        self._unlink(rec)
        del self._records[id], self._views[rec.record_type][id]
        if isinstance(rec, Actor):
            self._forest.remove_node(id)
            self._forget_sides()
        elif isinstance(rec, Statement):
            del self._stmt_seq[id]
        self._changed()
        return rec

    def _referrers(self, id: str) -> set[str]:
        """Ids of the records that refer to ``id`` (by any relation)."""
        found = {s.id for s in self._said_by.get(id, ())}
        for table in (self._stances, self._gone):
            pair = table.get(id)
            if pair is not None:
                found.update(s.id for group in pair for s in group)
        for by_target in self._incoming.values():
            found.update(by_target.get(id, ()))
        return found

    def merge(self, other: ClaimGraph | Iterable[Record]) -> MergeResult:
        """Add every record of ``other``; idempotent, atomic.

        Records already present unchanged are skipped; copies of a statement with more
        reports extend it; a record whose id is taken by different content is a conflict,
        and then nothing is merged.

        Raises
        ------
        ConflictError
            Listing every conflicting id.

        Examples
        --------
        >>> import claimgraph as cg
        >>> g = cg.ClaimGraph([cg.Actor(id="a", name="A")])
        >>> g.merge(g.copy())
        MergeResult(added=0, extended=0, unchanged=1)
        """
        records = list(other) if isinstance(other, ClaimGraph) else other
        return self.add_all(records)

    # ------------------------------------------------------------------ sides
    def side(self, actor: str) -> str:
        """The side of an actor: the end of its (primary) membership chain.

        Examples
        --------
        >>> import claimgraph as cg
        >>> g = cg.ClaimGraph([
        ...     cg.Actor(id="pakistan", name="Pakistan", kind="state"),
        ...     cg.Actor(id="pk-gov", name="Government of Pakistan", member_of=["pakistan"]),
        ...     cg.Actor(id="pk-dm", name="Defense minister", member_of=["pk-gov"]),
        ... ])
        >>> g.side("pk-dm")
        'pakistan'
        """
        cached = self._side_cache.get(actor)
        if cached is not None:
            return cached
        if actor not in self._actors:
            raise rules.not_found(actor, "actor", self._actors)
        cache = self._side_cache
        # the forest gives each actor at most one successor: its depth-first preorder is the
        # membership chain, up to the side (the root); stop where a side is known already
        chain: list[str] = []
        for a in nx.dfs_preorder_nodes(self._forest, actor):
            root = cache.get(a)
            if root is not None:
                break
            chain.append(a)
        else:
            root = chain[-1]
        for a in chain:
            cache[a] = root
        return root

    def _forget_sides(self) -> None:
        self._side_cache.clear()
        self._sides_complete = False
        self._prop_sides_ok = False  # rebuilt on demand by _stance_sides()

    def _note_side(self, rec: Statement) -> None:
        if rec.stance == "reports" or rec.withdrawn is not None:
            return  # a neutral report takes no position; the index is of what stands
        sides = self._prop_sides.get(rec.proposition)
        if sides is None:
            sides = self._prop_sides[rec.proposition] = [(), ()]
        sd = self.side(rec.actor)
        i = rec.stance != "asserts"
        if sd not in sides[i]:
            sides[i] += (sd,)

    def _stance_sides(self) -> dict[str, list[tuple[str, ...]]]:
        """Proposition id → [sides that assert it, sides that deny it] (an index)."""
        if not self._prop_sides_ok:
            self._prop_sides = {}
            self._prop_sides_ok = True
            for yes, no, _neutral in self._stances.values():
                for st in (*yes, *no):
                    self._note_side(st)
        return self._prop_sides

    def _side_map(self) -> dict[str, str]:
        """Actor id → side id for every actor (a cache; do not modify)."""
        if not self._sides_complete:
            cache = self._side_cache
            forest = self._forest
            for root in self._roots():  # every actor is the root or an ancestor of one
                cache[root] = root
                cache.update(dict.fromkeys(nx.ancestors(forest, root), root))
            self._sides_complete = True
        return self._side_cache

    def _roots(self) -> list[str]:
        """The roots of the membership forest (the sides), in insertion order."""
        return [a for a, out in self._forest.out_degree() if not out]

    def _missing(self, type: str, ids: Collection[str]) -> list[str]:
        """The ids among ``ids`` of no record of ``type`` in the graph (for query filters)."""
        held: dict[str, Mapping[str, Record]] = {
            "actor": self._actors,
            "proposition": self._propositions,
            "source": self._sources,
        }
        return [i for i in ids if i not in held[type]]

    def sides(self) -> list[str]:
        """Ids of the sides, the parties to the dispute, sorted: actors that are members of
        no other actor, but for observers and mediators (:func:`claimgraph.rules.side_role`).

        >>> import claimgraph as cg
        >>> cg.load(cg.example_path()).sides()
        ['afghanistan', 'mediators', 'pakistan']
        """
        return self._with_role("party")

    def observers(self) -> list[str]:
        """Ids of the observers, sorted: outlets, reporters, fact-checkers (and actors marked
        ``role: observer``) that take no stance of their own, and anyone who only relays
        claims or reviews them."""
        return self._with_role("observer")

    def mediators(self) -> list[str]:
        """Ids of the mediators, sorted (``role: mediator``, or actors of kind mediator)."""
        return self._with_role("mediator")

    def roots(self) -> list[str]:
        """Ids of every actor that is a member of no other actor, sorted: the sides, the
        observers and the mediators (what the ``side`` filters accept)."""
        return sorted(self._roots())

    def _with_role(self, role: str) -> list[str]:
        cached = self._roles_cache
        if cached is None or cached[0] != self._version:
            side_of = self._side_map()
            positioned = {sd for y, n in self._stance_sides().values() for sd in (*y, *n)}
            heard = {side_of[a] for a in self._said_by}
            heard.update(side_of[r.reviewer] for r in self._reviews.values())
            roles = {
                r: rules.side_role(self._actors[r], r in positioned, r in heard)
                for r in self._roots()
            }
            cached = self._roles_cache = (self._version, roles)
        return sorted(r for r, got in cached[1].items() if got == role)

    def members(self, side: str) -> list[str]:
        """Ids of every actor whose side is ``side`` (including the side itself), sorted."""
        if side not in self._actors:
            raise rules.not_found(side, "actor", self._actors)
        if self._forest.out_degree(side):
            return []  # a member of another actor: the side of none
        return sorted({side, *nx.ancestors(self._forest, side)})

    # ------------------------------------------------------------------ indexes
    def _neighbours(self, id: str, relation: str, incoming: bool) -> list[str]:
        """Ids linked to ``id`` by ``relation`` (not said_by or about when ``incoming``)."""
        if incoming:
            return list(self._incoming[relation].get(id, ()))
        rec = self._records.get(id)
        if rec is None:
            return []
        return list(dict.fromkeys(t for r, t, _ in _out_edges(rec) if r == relation))

    def _statements_referring(self, id: str, relation: str) -> list[Statement]:
        """The statements that refer to ``id`` by ``relation``, in insertion order."""
        stmts = [self._statements[s] for s in self._incoming[relation].get(id, ())]
        return self._in_order(stmts) if self._relinked else stmts

    def statements_about(self, proposition: str) -> list[Statement]:
        """Statements about one proposition, in the order they were added (index lookup)."""
        pair = self._stances.get(proposition)
        gone = self._gone.get(proposition)
        if pair is None and gone is None:
            return []
        return self._in_order([s for p in (pair, gone) if p for group in p for s in group])

    def statements_by(self, actor: str) -> list[Statement]:
        """Statements said by one actor (not its members), in insertion order."""
        return list(self._said_by.get(actor, ()))

    def statements_in(self, source: str) -> list[Statement]:
        """Statements reported in one source, in insertion order."""
        return self._statements_referring(source, "reported_in")

    def statements_of_kind(self, kind: str) -> list[Statement]:
        """Statements of one speech-act kind, in insertion order."""
        return [self._statements[s] for s in self._by_kind.get(kind, ())]

    def responses_to(self, statement: str) -> list[Statement]:
        """Statements that respond to one statement, in insertion order."""
        return self._statements_referring(statement, "responds_to")

    def statements_between(self, since: str | None, until: str | None) -> list[Statement]:
        """Dated statements whose date span overlaps ``[since, until]``, in insertion order.

        Uses one table of date buckets per precision (year, month, day or finer): a lookup
        visits the buckets whose dates overlap the range, never the statements outside it.
        """
        from .dates import date_bounds

        lo_day = date_bounds(since)[0] if since is not None else ""
        hi_day = date_bounds(until)[1] if until is not None else "\U0010ffff"
        seqs: list[int] = []
        found: list[Statement] = []
        for width, table in self._dated.items():
            # a span of `width` characters (4 year, 7 month, 10 day) overlaps the range iff
            # its prefix lies between the range's first and last day cut to that width
            lo, hi = lo_day[:width], hi_day[:width]
            for key, (seq, stmts) in table.items():
                if lo <= key <= hi:
                    seqs += seq
                    found += stmts
        # insertion order, like the other indexes (sorting plain ints, at C speed)
        order = sorted(range(len(seqs)), key=seqs.__getitem__)
        return [found[i] for i in order]

    def statements_of_side(self, side: str) -> list[Statement]:
        """Statements said by any actor of one side, in insertion order (a lazy index)."""
        if self._by_side is None:
            side_of = self._side_map()
            by_side: dict[str, list[Statement]] = {}
            for st in self._statements.values():
                sd = side_of[st.actor]
                lst = by_side.get(sd)
                if lst is None:
                    lst = by_side[sd] = []
                lst.append(st)
            self._by_side = by_side
        return list(self._by_side.get(side, ()))

    def _in_order(self, stmts: list[Statement]) -> list[Statement]:
        """``stmts`` sorted into insertion order (in place)."""
        seq = self._stmt_seq
        stmts.sort(key=lambda s: seq[s.id])
        return stmts

    def implied(self, proposition: str) -> set[str]:
        """Propositions implied by ``proposition``, transitively (excluding itself)."""
        return set(self.relations().implied(proposition))

    def exclusive_with(self, proposition: str) -> set[str]:
        """Propositions declared to contradict ``proposition`` (either direction)."""
        return set(self._neighbours(proposition, "contradicts", False)) | set(
            self._neighbours(proposition, "contradicts", True)
        )

    # ------------------------------------------------------------------ backend protocol
    # The primitives of claimgraph.backend.QueryBackend, answered from the indexes: the
    # queries (claimgraph.queries) are written once against them.
    label = "graph"

    def side_map(self) -> Mapping[str, str]:
        """Actor id → side id for every actor (read-only)."""
        return MappingProxyType(self._side_map())

    def statements_with_ids(self, ids: Collection[str]) -> dict[str, Statement]:
        """Statement id → statement, for those of ``ids`` in the graph."""
        held = self._statements
        return {i: held[i] for i in ids if i in held}

    def missing_ids(self, type: str, ids: Collection[str]) -> list[str]:
        """The ids among ``ids`` of no record of ``type`` in the graph."""
        return self._missing(type, ids)

    def relations(self) -> Relations:
        """The declared ``contradicts`` and ``implies`` relations between propositions."""
        props = self._propositions
        return Relations.of(props[p] for p in self._related)

    def snapshot(self) -> contextlib.nullcontext[ClaimGraph]:
        """A context for a consistent read: the graph changes only when its caller does."""
        return contextlib.nullcontext(self)

    def names(self, ids: Iterable[str]) -> dict[str, str]:
        """Actor id → its name, for those of ``ids`` in the graph."""
        actors = self._actors
        return {a: actors[a].name for a in ids if a in actors}

    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        """Proposition id → its wording, for those of ``ids`` in the graph."""
        props = self._propositions
        return {p: props[p].text for p in ids if p in props}

    def matching(self, f: StatementFilter) -> list[Statement]:
        """The statements matching a (checked) filter, in the order they were added.

        Starts from the smallest index that applies (proposition, actor, side, source,
        kind, dates), then checks the other conditions on those statements only.
        """
        actors, sides, props, kinds, sources = f.actors, f.sides, f.propositions, f.kinds, f.sources
        since_d, until_d, stance = f.since, f.until, f.stance
        dated = f.dated
        side_of = self._side_map() if sides is not None else {}

        def union(lists: list[list[Statement]]) -> tuple[list[Statement], bool]:
            if len(lists) == 1:
                return lists[0], not self._relinked
            return [s for lst in lists for s in lst], False

        # candidates from every index that applies: (filter, statements, in insertion order?)
        candidates: list[tuple[str, list[Statement], bool]] = []
        if props is not None:
            candidates.append(("proposition", *union([self.statements_about(p) for p in props])))
        if actors is not None:
            candidates.append(("actor", *union([self.statements_by(a) for a in actors])))
        if sides is not None:
            pools = [self.statements_of_side(sd) for sd in sides]
            candidates.append(
                ("side", pools[0] if len(pools) == 1 else union(pools)[0], len(pools) == 1)
            )
        if sources is not None:
            by_id = {s.id: s for src in sources for s in self.statements_in(src)}
            candidates.append(
                ("source", list(by_id.values()), len(sources) == 1 and not self._relinked)
            )
        if kinds is not None:
            candidates.append(("kind", *union([self.statements_of_kind(k) for k in kinds])))
        if dated:
            candidates.append(("dates", self.statements_between(since_d, until_d), True))
        if stance is not None:
            slot = STANCES.index(stance)
            n = self._stance_n[slot]
            if not candidates or n < min(len(c[1]) for c in candidates):
                pool_ = (
                    [
                        s
                        for table in (self._stances, self._gone)
                        for t in table.values()
                        for s in t[slot]
                    ]
                    if n
                    else []
                )
                candidates.append(("stance", pool_, False))
        if candidates:
            used, pool, ordered = min(candidates, key=lambda c: len(c[1]))
        else:
            used, pool, ordered = "", list(self._statements.values()), True

        checks: list[Callable[[Statement], bool]] = []
        if actors is not None and used != "actor":
            checks.append(lambda s: s.actor in actors)
        if sides is not None and used != "side":
            checks.append(lambda s: side_of[s.actor] in sides)
        if props is not None and used != "proposition":
            checks.append(lambda s: s.proposition in props)
        if kinds is not None and used != "kind":
            checks.append(lambda s: s.kind in kinds)
        if stance is not None and used != "stance":
            checks.append(lambda s: s.stance == stance)
        if f.certainty is not None:
            certainty = f.certainty
            checks.append(lambda s: s.certainty == certainty)
        if sources is not None and used != "source":
            checks.append(lambda s: any(r.source in sources for r in s.reports))
        if dated and used != "dates":
            checks.append(lambda s: overlaps(s.said, since_d, until_d))
        window = f.window
        if (
            window.as_of is not None
            or window.withdrawn == "only"
            or (window.withdrawn is False and self._gone)
        ):
            checks.append(window.stands)
        out = [s for s in pool if all(check(s) for check in checks)] if checks else list(pool)
        return out if ordered else self._in_order(out)

    def _reads_all(self, w: Window) -> bool:
        """Whether the window reads exactly the statements that stand (so the indexes of the
        current view answer as they are): the default window, or the history of a graph
        with nothing withdrawn."""
        if w.dated or w.as_of is not None:
            return False
        return w.withdrawn is False or (w.withdrawn is True and not self._gone)

    def _held_props(self) -> list[str]:
        """Every proposition with a statement, standing or withdrawn."""
        if not self._gone:
            return list(self._stances)
        return list(dict.fromkeys([*self._stances, *self._gone]))

    def _split(self, p: str, w: Window) -> tuple[list[Statement], list[Statement]]:
        """(assertions, denials) of a proposition read in the window."""
        yes, no, _neutral = self._stances.get(p, _NO_STANCES)
        if self._reads_all(w):
            return yes, no
        gone = self._gone.get(p)
        if gone is not None and (w.withdrawn is not False or w.as_of is not None):
            yes, no = self._in_order([*yes, *gone[0]]), self._in_order([*no, *gone[1]])
        keep = w.keeps
        return [s for s in yes if keep(s)], [s for s in no if keep(s)]

    def stance_sides(
        self,
        w: Window,
        *,
        min_asserting: int = 0,
        undenied: bool = False,
    ) -> Mapping[str, tuple[Collection[str], Collection[str]]]:
        """Proposition id → (sides asserting it, sides denying it) in the window (only
        those asserted by ``min_asserting`` sides or more and, if ``undenied``, denied by
        none)."""
        out: dict[str, tuple[Collection[str], Collection[str]]] = {}
        if self._reads_all(w):
            index = self._stance_sides()  # an entry per proposition some side takes a stance on
            if min_asserting <= 0 and not undenied:
                return MappingProxyType(index)  # type: ignore[arg-type]  # lists of two
            for p, (y, n) in index.items():
                if (y or n) and len(y) >= min_asserting and not (undenied and n):
                    out[p] = (y, n)
            return out
        side_of = self._side_map()
        for p in self._held_props():
            yes, no = self._split(p, w)
            if (yes or no) and not (undenied and no):
                ys = tuple(dict.fromkeys(side_of[s.actor] for s in yes))
                if len(ys) >= min_asserting:
                    out[p] = (ys, tuple(dict.fromkeys(side_of[s.actor] for s in no)))
        return out

    def stance_counts(
        self, props: Collection[str], w: Window
    ) -> list[tuple[str, str | None, str | None, int, int]]:
        """The counts of some propositions (those with a statement in the window)."""
        side_of = self._side_map()
        out = []
        for p in props:
            yes, no = self._split(p, w)
            if yes or no:
                ys = {side_of[s.actor] for s in yes}
                ns = {side_of[s.actor] for s in no}
                out.append(_count_row(p, yes, no, ys, ns))
        return out

    def opposed(
        self, w: Window, proposition: str | None
    ) -> list[tuple[str, str | None, str | None, int, int]]:
        """The counts of every proposition both asserted and denied in the window."""
        if proposition is not None or not self._reads_all(w):
            props = self._held_props() if proposition is None else [proposition]
            return [r for r in self.stance_counts(props, w) if r[3] and r[4]]
        # from the side index, inlined: a million statements' worth
        stance_sides = self._stance_sides()
        out: list[tuple[str, str | None, str | None, int, int]] = []
        append = out.append
        for p, (yes, no, _n) in self._stances.items():
            if yes and no:
                ys, ns = stance_sides[p]
                append(
                    (
                        p,
                        ys[0] if len(ys) == 1 else None,
                        ns[0] if len(ns) == 1 else None,
                        len(yes),
                        len(no),
                    )
                )
        return out

    def tallies(self, props: Collection[str], w: Window) -> dict[tuple[str, str], dict[str, int]]:
        """(proposition, stance) → side → how many statements, for some propositions."""
        side_of = self._side_map()
        out: dict[tuple[str, str], dict[str, int]] = {}
        for p in props:
            for stance, group in zip(("asserts", "denies"), self._split(p, w), strict=True):
                if group:
                    t = out[p, stance] = {}
                    for s in group:
                        sd = side_of[s.actor]
                        t[sd] = t.get(sd, 0) + 1
        return out

    def first_said(
        self, positions: Collection[tuple[str, str, str]], w: Window
    ) -> dict[tuple[str, str, str], str | None]:
        """(proposition, stance, side) → the earliest date said among its statements."""
        side_of = self._side_map()
        out: dict[tuple[str, str, str], str | None] = {}
        for p, stance, sd in positions:
            group = self._split(p, w)[stance != "asserts"]
            dates = [s.said for s in group if s.said and side_of[s.actor] == sd]
            out[p, stance, sd] = min(dates) if dates else None
        return out

    def position_statements(
        self,
        positions: Mapping[tuple[str, str], Collection[str] | None],
        w: Window,
    ) -> Iterator[tuple[str, str, Statement]]:
        """``(stance, side, statement)`` for every statement taking one of these positions
        (a proposition and a stance; only of the given sides, when a collection is given)."""
        side_of = self._side_map()
        for (p, stance), only in positions.items():
            for s in self._split(p, w)[stance != "asserts"]:
                sd = side_of[s.actor]
                if only is None or sd in only:
                    yield stance, sd, s

    # ------------------------------------------------------------------ queries
    def statements(self, **filters: Any) -> list[Statement]:
        """Filtered statements; see :func:`claimgraph.statements` for the filters."""
        return queries.statements(self, **filters)

    def timeline(self, **filters: Any) -> list[Statement]:
        """Statements by date said; see :func:`claimgraph.timeline`."""
        return queries.timeline(self, **filters)

    def contradictions(self, **filters: Any) -> list[Contradiction]:
        """Grouped contradictions; see :func:`claimgraph.contradictions`."""
        return queries.contradictions(self, **filters)

    def agreements(self, **filters: Any) -> list[Agreement]:
        """Common ground; see :func:`claimgraph.agreements`."""
        return queries.agreements(self, **filters)

    def positions(self, **filters: Any) -> Positions:
        """Side × proposition stances; see :func:`claimgraph.positions`."""
        return queries.positions(self, **filters)

    # ------------------------------------------------------------------ files
    def save(
        self, path: str | PathLike[str], *, format: Literal["json", "yaml"] | None = None
    ) -> None:
        """Save atomically to a native JSON (``.json``) or YAML (``.yaml``/``.yml``) file.

        The file is written to a temporary file beside the target and renamed over it, so a
        crash mid-save leaves the previous file intact.
        """
        writer.save(self, path, format=format)


def _count_row(
    p: str,
    yes: Collection[Statement],
    no: Collection[Statement],
    yes_sides: Collection[str],
    no_sides: Collection[str],
) -> tuple[str, str | None, str | None, int, int]:
    """A :data:`~claimgraph.backend.CountRow`: the one side taking each stance, if one."""
    return (
        p,
        next(iter(yes_sides)) if len(yes_sides) == 1 else None,
        next(iter(no_sides)) if len(no_sides) == 1 else None,
        len(yes),
        len(no),
    )
