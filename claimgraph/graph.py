"""The :class:`ClaimGraph`: records linked in a :class:`networkx.MultiDiGraph`.

The graph is the single writer of its networkx graph: it checks referential integrity on
every insert, and keeps the indexes the queries need (the adjacency of the networkx graph
itself, plus a statement-kind index and a date index built on demand), so that queries
never scan the whole graph.

Nodes are record ids; each node has the attributes ``type`` (``"actor"``, ``"source"``,
``"proposition"`` or ``"statement"``) and ``record`` (the pydantic model). Edges are keyed
by their relation, one of :data:`EDGE_TYPES`, and carry ``type`` (the same name) and, for
``reported_in``, the ``quote``.
"""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from . import rules
from ._gc import FREEZE_AT, gc_paused
from .exceptions import NotFoundError, ReferencedError
from .models import (
    Actor,
    Proposition,
    Record,
    Report,
    Review,
    Source,
    Statement,
    check_text,
)
from .rules import MergeResult
from .rules import describe as _describe

if TYPE_CHECKING:
    from os import PathLike

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
)
"""The relations of the graph. Edge ``u → v`` reads "u <relation> v"."""

# One attribute dict per relation, shared by all edges of that relation: a graph of a
# million statements would otherwise hold millions of identical small dicts.
_EDGE_ATTRS: dict[str, dict[str, Any]] = {t: {"type": t} for t in EDGE_TYPES}
# One {relation: attrs} key dict per relation, shared by every node pair linked by exactly
# that one edge: networkx keeps a key dict per pair, and most pairs have one edge.
_KEY_DICTS: dict[str, dict[str, dict[str, Any]]] = {t: {t: _EDGE_ATTRS[t]} for t in EDGE_TYPES}

_UNDATED = "9999-99-99"


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
        self._g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        nx.freeze(self._g)
        # The graph is written through its adjacency dicts directly: networkx's add_edge
        # checks and copies per call, which is most of the cost of a bulk build.
        raw: Any = self._g
        self._node: dict[str, dict[str, Any]] = raw._node
        self._succ: dict[str, dict[str, dict[str, dict[str, Any]]]] = raw._succ
        self._pred: dict[str, dict[str, dict[str, dict[str, Any]]]] = raw._pred
        self._actors: dict[str, Actor] = {}
        self._sources: dict[str, Source] = {}
        self._propositions: dict[str, Proposition] = {}
        self._statements: dict[str, Statement] = {}
        self._reviews: dict[str, Review] = {}
        self._by_kind: dict[str, dict[str, None]] = {}
        # proposition id → (asserting statements, denying statements): contradictions and
        # agreements read stances from here instead of walking the adjacency
        self._stances: dict[str, tuple[list[Statement], list[Statement]]] = {}
        # actor id → its statements (the actor node's in-edges also hold its members)
        self._said_by: dict[str, list[Statement]] = {}
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
        self._seq = 0
        self._report_pool: dict[str, Report] = {}
        # True once a statement was replaced in place: adjacency order is then no longer
        # insertion order, and filtered lists are sorted by the nodes' "seq"
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
        """The underlying :class:`networkx.MultiDiGraph`, frozen (read-only).

        Use it with any networkx algorithm; call ``.copy()`` for a graph you may change.
        Edge attribute dicts, and the per-pair key dicts that hold them, are shared between
        edges of one relation (a million statements would otherwise need millions of
        identical small dicts): do not modify them.

        Examples
        --------
        >>> import claimgraph as cg, networkx as nx
        >>> g = cg.ClaimGraph([cg.Actor(id="a", name="A"), cg.Actor(id="b", name="B",
        ...                    member_of=["a"])])
        >>> list(g.nx.edges(keys=True))
        [('b', 'a', 'member_of')]
        >>> nx.is_frozen(g.nx)
        True
        """
        return self._g

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
        node = self._node.get(id)
        if node is None:
            raise NotFoundError(f"no record with id '{id}' in the graph")
        rec: Record = node["record"]
        return rec

    def __contains__(self, id: object) -> bool:
        return id in self._node

    def __iter__(self) -> Iterator[Record]:
        """All records: actors, sources, propositions, then statements."""
        for view in self._views.values():
            yield from view.values()

    def __len__(self) -> int:
        """Number of records of all types."""
        return len(self._node)

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
        from .display import graph_html

        return graph_html(self)

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
            result = self._add_all(records)
        if len(result.added) >= FREEZE_AT:
            gc.freeze()  # later collections need not traverse these records again
        return result

    def _add_all(self, records: Iterable[Record]) -> MergeResult:
        plan = self._plan(records)
        rules.raise_problems(plan.errors)
        return self._apply(plan)

    def _record(self, id: str) -> Record | None:
        """The record held under ``id``, or None (the planning code reads only this)."""
        n = self._node.get(id)
        return None if n is None else n["record"]

    def _plan(self, records: Iterable[Record], ignore: Collection[str] = ()) -> rules.Plan:
        """Check a batch without changing anything; collect every problem (see
        :func:`claimgraph.rules.plan`).

        ``ignore`` names ids that may be referred to although they are missing (records
        that failed validation earlier, so that one error does not cascade into many).
        """
        return rules.plan(records, _Held(self), ignore=ignore)

    def _apply(self, plan: rules.Plan) -> MergeResult:
        node = self._node
        result = plan.result
        new = [rec for rid, rec in plan.batch.items() if rid not in node]
        # new nodes first: an extended statement may now be reported in a new source
        for rec in new:
            self._add_node(rec)
        for rid, rec in plan.replace.items():
            self._unlink(self._node[rid]["record"])
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
        self._node[rid] = {"type": t, "record": rec, "seq": self._seq}
        self._seq += 1
        self._succ[rid] = {}
        self._pred[rid] = {}
        self._views[t][rid] = rec
        if t == "statement":
            self._share_reports(rec)  # type: ignore[arg-type]
            kinds = self._by_kind.get(rec.kind)  # type: ignore[union-attr]
            if kinds is None:
                kinds = self._by_kind[rec.kind] = {}  # type: ignore[union-attr]
            kinds[rid] = None

    def _share_reports(self, rec: Statement) -> None:
        """Let statements share equal quote-less reports (one per source, not per statement).

        Reports are frozen, so sharing changes no value; it saves a model per report.
        """
        reports = rec.reports
        if not reports:
            return
        pool = self._report_pool
        shared = []
        changed = False
        for r in reports:
            if r.quote is None:
                have = pool.get(r.source)
                if have is None:
                    pool[r.source] = r
                elif have is not r:
                    r = have
                    changed = True
            shared.append(r)
        if changed:
            object.__setattr__(rec, "reports", tuple(shared))

    def _edge(self, u: str, v: str, key: str, attrs: dict[str, Any]) -> None:
        out = self._succ[u]
        keys = out.get(v)
        if keys is None:
            # most node pairs have one edge of one relation without attributes of its own:
            # they all share one key dict (never modified: copied when a pair gets more)
            shared = _KEY_DICTS.get(key)
            keys = shared if shared is not None and attrs is _EDGE_ATTRS[key] else {key: attrs}
        else:
            keys = {**keys, key: attrs}
        out[v] = keys
        self._pred[v][u] = keys

    def _link_edges(self, rec: Record) -> None:
        rid = rec.id
        edge = self._edge
        if isinstance(rec, Statement):
            pair = self._stances.get(rec.proposition)
            if pair is None:
                pair = self._stances[rec.proposition] = ([], [])
            pair[rec.stance != "asserts"].append(rec)
            said = self._said_by.get(rec.actor)
            if said is None:
                said = self._said_by[rec.actor] = []
            said.append(rec)
            if rec.said:
                key = rec.said[:10]
                bucket = self._dated[len(key)].get(key)
                if bucket is None:
                    bucket = self._dated[len(key)][key] = ([], [])
                bucket[0].append(self._node[rid]["seq"])
                bucket[1].append(rec)
            if self._prop_sides_ok:
                self._note_side(rec)
            edge(rid, rec.actor, "said_by", _EDGE_ATTRS["said_by"])
            edge(rid, rec.proposition, "about", _EDGE_ATTRS["about"])
            for r in rec.reports:
                attrs = (
                    _EDGE_ATTRS["reported_in"]
                    if r.quote is None
                    else {"type": "reported_in", "quote": r.quote}
                )
                edge(rid, r.source, "reported_in", attrs)
            for other in rec.responds_to:
                edge(rid, other, "responds_to", _EDGE_ATTRS["responds_to"])
        elif isinstance(rec, Actor):
            for a in rec.member_of:
                edge(rid, a, "member_of", _EDGE_ATTRS["member_of"])
        elif isinstance(rec, Source):
            for s in rec.derived_from:
                edge(rid, s, "derived_from", _EDGE_ATTRS["derived_from"])
        elif isinstance(rec, Review):
            edge(rid, rec.proposition, "reviews", _EDGE_ATTRS["reviews"])
            edge(rid, rec.reviewer, "reviewed_by", _EDGE_ATTRS["reviewed_by"])
            if rec.statement is not None:
                edge(rid, rec.statement, "reviews_statement", _EDGE_ATTRS["reviews_statement"])
        else:
            if rec.contradicts or rec.implies:
                self._related[rid] = None
            for p in rec.contradicts:
                edge(rid, p, "contradicts", _EDGE_ATTRS["contradicts"])
            for p in rec.implies:
                edge(rid, p, "implies", _EDGE_ATTRS["implies"])

    def _link(self, rec: Record) -> None:
        """Replace the stored record of an existing node and relink its out-edges."""
        self._node[rec.id]["record"] = rec
        self._views[rec.record_type][rec.id] = rec
        if isinstance(rec, Statement):
            self._by_kind.setdefault(rec.kind, {})[rec.id] = None
        self._link_edges(rec)

    def _unlink(self, rec: Record) -> None:
        """Drop the out-edges and kind-index entry of a record (the node stays)."""
        rid = rec.id
        for v in self._succ[rid]:
            del self._pred[v][rid]
        self._succ[rid] = {}
        if isinstance(rec, Statement):
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
            pair = self._stances.get(rec.proposition)
            if pair is not None:
                group = pair[rec.stance != "asserts"]
                group[:] = [x for x in group if x.id != rid]
                if not pair[0] and not pair[1]:
                    del self._stances[rec.proposition]
                    self._prop_sides.pop(rec.proposition, None)
                elif self._prop_sides_ok:
                    side = self.side
                    self._prop_sides[rec.proposition] = [
                        tuple(dict.fromkeys(side(x.actor) for x in grp)) for grp in pair
                    ]
        elif isinstance(rec, Proposition):
            self._related.pop(rid, None)

    def _changed(self) -> None:
        self._by_side = None
        cache = getattr(self._g, "__networkx_cache__", None)
        if cache:
            cache.clear()

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
        referrers = self._pred[id]
        if referrers:
            names = sorted(referrers)[:5]
            more = f" and {len(referrers) - 5} more" if len(referrers) > 5 else ""
            raise ReferencedError(
                f"cannot remove {_describe(rec)}: referred to by "
                + ", ".join(f"'{n}'" for n in names)
                + more
            )
        self._unlink(rec)
        del self._succ[id], self._pred[id], self._node[id]
        del self._views[rec.record_type][id]
        if isinstance(rec, Actor):
            self._forget_sides()
        self._changed()
        return rec

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
            raise NotFoundError(f"no actor with id '{actor}' in the graph")
        chain = [actor]
        cur = self._actors[actor]
        while cur.member_of:
            nxt = cur.member_of[0]
            hit = self._side_cache.get(nxt)
            if hit is not None:
                root = hit
                break
            chain.append(nxt)
            cur = self._actors[nxt]
        else:
            root = cur.id
        for a in chain:
            self._side_cache[a] = root
        return root

    def _forget_sides(self) -> None:
        self._side_cache.clear()
        self._sides_complete = False
        self._prop_sides_ok = False  # rebuilt on demand by _stance_sides()

    def _note_side(self, rec: Statement) -> None:
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
            for yes, no in self._stances.values():
                for st in (*yes, *no):
                    self._note_side(st)
        return self._prop_sides

    def _side_map(self) -> dict[str, str]:
        """Actor id → side id for every actor (a cache; do not modify)."""
        if not self._sides_complete:
            side = self.side
            for a in self._actors:
                side(a)
            self._sides_complete = True
        return self._side_cache

    def _missing(self, type: str, ids: Collection[str]) -> list[str]:
        """The ids among ``ids`` of no record of ``type`` in the graph (for query filters)."""
        held: dict[str, Mapping[str, Record]] = {
            "actor": self._actors,
            "proposition": self._propositions,
            "source": self._sources,
        }
        return [i for i in ids if i not in held[type]]

    def sides(self) -> list[str]:
        """Ids of all sides: actors that are not members of another actor, sorted."""
        return sorted(a.id for a in self._actors.values() if not a.member_of)

    def members(self, side: str) -> list[str]:
        """Ids of every actor whose side is ``side`` (including the side itself), sorted."""
        if side not in self._actors:
            raise NotFoundError(f"no actor with id '{side}' in the graph")
        return sorted(a for a in self._actors if self.side(a) == side)

    # ------------------------------------------------------------------ indexes
    def _neighbours(self, id: str, relation: str, incoming: bool) -> list[str]:
        adj = self._pred if incoming else self._succ
        row = adj.get(id)
        if row is None:
            return []
        return [n for n, keys in row.items() if relation in keys]

    def statements_about(self, proposition: str) -> list[Statement]:
        """Statements about one proposition, in the order they were added (index lookup)."""
        return [self._statements[s] for s in self._neighbours(proposition, "about", True)]

    def statements_by(self, actor: str) -> list[Statement]:
        """Statements said by one actor (not its members), in insertion order."""
        return list(self._said_by.get(actor, ()))

    def statements_in(self, source: str) -> list[Statement]:
        """Statements reported in one source, in insertion order."""
        return [self._statements[s] for s in self._neighbours(source, "reported_in", True)]

    def statements_of_kind(self, kind: str) -> list[Statement]:
        """Statements of one speech-act kind, in insertion order."""
        return [self._statements[s] for s in self._by_kind.get(kind, ())]

    def responses_to(self, statement: str) -> list[Statement]:
        """Statements that respond to one statement."""
        return [self._statements[s] for s in self._neighbours(statement, "responds_to", True)]

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
        node = self._node
        stmts.sort(key=lambda s: node[s.id]["seq"])
        return stmts

    def implied(self, proposition: str) -> set[str]:
        """Propositions implied by ``proposition``, transitively (excluding itself)."""
        seen: set[str] = set()
        todo = [proposition]
        while todo:
            for nxt in self._neighbours(todo.pop(), "implies", False):
                if nxt not in seen and nxt != proposition:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    def exclusive_with(self, proposition: str) -> set[str]:
        """Propositions declared to contradict ``proposition`` (either direction)."""
        return set(self._neighbours(proposition, "contradicts", False)) | set(
            self._neighbours(proposition, "contradicts", True)
        )

    # ------------------------------------------------------------------ queries
    def statements(self, **filters: Any) -> list[Statement]:
        """Filtered statements; see :func:`claimgraph.statements` for the filters."""
        from .queries import statements

        return statements(self, **filters)

    def timeline(self, **filters: Any) -> list[Statement]:
        """Statements by date said; see :func:`claimgraph.timeline`."""
        from .queries import timeline

        return timeline(self, **filters)

    def contradictions(self, **filters: Any) -> list[Contradiction]:
        """Grouped contradictions; see :func:`claimgraph.contradictions`."""
        from .queries import contradictions

        return contradictions(self, **filters)

    def agreements(self, **filters: Any) -> list[Agreement]:
        """Common ground; see :func:`claimgraph.agreements`."""
        from .queries import agreements

        return agreements(self, **filters)

    def positions(self, **filters: Any) -> Positions:
        """Side × proposition stances; see :func:`claimgraph.positions`."""
        from .queries import positions

        return positions(self, **filters)

    # ------------------------------------------------------------------ files
    def save(
        self, path: str | PathLike[str], *, format: Literal["json", "yaml"] | None = None
    ) -> None:
        """Save atomically to a native JSON (``.json``) or YAML (``.yaml``/``.yml``) file.

        The file is written to a temporary file beside the target and renamed over it, so a
        crash mid-save leaves the previous file intact.
        """
        from .io import save

        save(self, path, format=format)
