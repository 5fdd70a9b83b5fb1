"""Corroboration: how many *independent* sources back each statement and proposition.

Ten articles that reprint one wire story are one source, not ten. A source's ``derived_from``
names the sources it copies or rewrites; following those links to their ends gives its
*origins*. Sources that share an origin are collapsed into one group, and the number of
groups is the number of independent sources. Optionally (``by_publisher=True``) sources of
the same publisher are collapsed too.

Circular reporting (A cites B, B cites A) is found, not looped on: the ``derived_from`` graph
is condensed into its strongly connected components, and a cycle with nothing further
upstream is an origin of its own (its members cannot be told apart as original or copy).

The work is index-based: one pass over the sources builds the ``derived_from`` graph, its
condensation gives every source's origins in one topological pass, and a union-find per
statement groups its sources. No pairs of sources are compared.

This counts what the graph records. Sources whose dependence is not recorded (an unattributed
rewrite) still count as independent, and two independent sources can both be wrong: the
count is an aid to judgement, not a verdict.

Examples
--------
>>> import claimgraph as cg
>>> from claimgraph.corroboration import corroboration
>>> g = cg.load(cg.example_path()).copy()
>>> _ = g.add_source(id="wire", publisher="Wire Agency")
>>> _ = g.add_source(id="reprint", publisher="Daily", derived_from=["wire"])
>>> _ = g.update("dm-hope", reports=[{"source": "wire"}, {"source": "reprint"}])
>>> c = corroboration(g)
>>> c.statements["dm-hope"].support.independent
1
>>> c.statements["dm-hope"].support.chains["reprint"]
(('reprint', 'wire'),)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx

from ._markup import escape_html
from .models import STANCES, normalize_text

if TYPE_CHECKING:
    from .graph import ClaimGraph

__all__ = [
    "Corroboration",
    "PropositionCorroboration",
    "StatementCorroboration",
    "Support",
    "corroboration",
    "independent_counts",
    "source_groups",
]

Chain = tuple[str, ...]


@dataclass(frozen=True)
class Support:
    """The sources behind a statement (or one stance on a proposition), grouped by origin.

    Attributes
    ----------
    sources
        The sources that report it, sorted.
    groups
        The sources collapsed by common origin (and publisher, if asked): each group counts
        once.
    origins
        For each group, the origin sources its members derive from (a source that derives
        from nothing is its own origin).
    chains
        For each reporting source that derives from another, the ``derived_from`` path from
        it to each of its origins (empty when computed with ``chains=False``).
    """

    sources: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    origins: tuple[tuple[str, ...], ...]
    chains: Mapping[str, tuple[Chain, ...]] = field(default_factory=dict)

    @property
    def independent(self) -> int:
        """The number of independent sources (groups)."""
        return len(self.groups)

    @property
    def single_origin(self) -> bool:
        """True when everything rests on one origin (one group)."""
        return len(self.groups) == 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "independent": self.independent,
            "single_origin": self.single_origin,
            "sources": list(self.sources),
            "groups": [
                {"sources": list(g), "origins": list(o)}
                for g, o in zip(self.groups, self.origins, strict=True)
            ],
            "chains": {s: [list(c) for c in cs] for s, cs in self.chains.items()},
        }

    def _repr_html_(self) -> str:
        return f"<div>{self._html()}</div>"

    def _html(self) -> str:
        if not self.sources:
            return '<span style="color:#777">no source</span>'
        parts = []
        for g, o in zip(self.groups, self.origins, strict=True):
            chains = "".join(
                f"<br><small>{' → '.join(escape_html(x) for x in c)}</small>"
                for s in g
                for c in self.chains.get(s, ())
            )
            parts.append(
                f"<li>{', '.join(escape_html(s) for s in g)} <small>(origin: "
                f"{', '.join(escape_html(x) for x in o)})</small>{chains}</li>"
            )
        flag = ' <b style="color:#b2182b">single origin</b>' if self.single_origin else ""
        return f"{self.independent} independent{flag}<ul>{''.join(parts)}</ul>"


@dataclass(frozen=True)
class StatementCorroboration:
    """The corroboration of one statement."""

    statement: str
    proposition: str
    stance: str
    support: Support

    def _repr_html_(self) -> str:
        return (
            f"<div><p>statement <b>{escape_html(self.statement)}</b> ({escape_html(self.stance)} "
            f"{escape_html(self.proposition)})</p>{self.support._html()}</div>"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "proposition": self.proposition,
            "stance": self.stance,
            **self.support.to_dict(),
        }


@dataclass(frozen=True)
class PropositionCorroboration:
    """The independent sources that report statements asserting, and denying, a proposition,
    and (its coverage) those that report neutral reports of it (stance ``reports``)."""

    proposition: str
    asserts: Support
    denies: Support
    reports: Support

    def _repr_html_(self) -> str:
        return (
            f"<div><p>proposition <b>{escape_html(self.proposition)}</b></p><p>asserted: "
            f"{self.asserts._html()}</p><p>denied: {self.denies._html()}</p>"
            f"<p>relayed (neutral): {self.reports._html()}</p></div>"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "proposition": self.proposition,
            "asserts": self.asserts.to_dict(),
            "denies": self.denies.to_dict(),
            "reports": self.reports.to_dict(),
        }


@dataclass(frozen=True)
class Corroboration:
    """What :func:`corroboration` found.

    Attributes
    ----------
    statements
        Per statement id, its :class:`StatementCorroboration`.
    propositions
        Per proposition id (those with statements), its :class:`PropositionCorroboration`.
    cycles
        The circular-reporting groups found in ``derived_from`` (each a sorted tuple of
        source ids that derive from one another, directly or through others).
    origins
        Per source that reports something, its origins.
    by_publisher
        Whether sources of one publisher were collapsed.
    """

    statements: dict[str, StatementCorroboration]
    propositions: dict[str, PropositionCorroboration]
    cycles: tuple[tuple[str, ...], ...]
    origins: dict[str, tuple[str, ...]]
    by_publisher: bool = False

    def single_origin(self) -> list[str]:
        """The ids of statements that rest on a single origin, sorted."""
        return sorted(s for s, c in self.statements.items() if c.support.single_origin)

    def __repr__(self) -> str:
        single = len(self.single_origin())
        return (
            f"<Corroboration: {len(self.statements)} statements ({single} on a single origin), "
            f"{len(self.propositions)} propositions, {len(self.cycles)} cycles"
            f"{', by publisher' if self.by_publisher else ''}>"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "by_publisher": self.by_publisher,
            "cycles": [list(c) for c in self.cycles],
            "statements": {k: v.to_dict() for k, v in self.statements.items()},
            "propositions": {k: v.to_dict() for k, v in self.propositions.items()},
        }

    def _repr_html_(self) -> str:
        e = escape_html
        cycles = (
            "<p><b>Circular reporting:</b> "
            + "; ".join(" ⇄ ".join(e(s) for s in c) for c in self.cycles)
            + "</p>"
            if self.cycles
            else ""
        )
        rows = "".join(
            f"<tr><td>{e(p)}</td><td>{c.asserts._html()}</td><td>{c.denies._html()}</td></tr>"
            for p, c in sorted(self.propositions.items())
        )
        return (
            f"<div><p>{e(repr(self))}</p>{cycles}<table><tr><th>proposition</th>"
            f"<th>asserted by</th><th>denied by</th></tr>{rows}</table></div>"
        )


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = self.parent.setdefault(x, x)
        while root != self.parent[root]:
            root = self.parent[root]
        while x != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class _Origins:
    """Every source's origins, from the condensation of the ``derived_from`` graph."""

    def __init__(self, graph: ClaimGraph, publisher: Mapping[str, str]) -> None:
        self.publisher = publisher
        self._keys: dict[str, tuple[str, ...]] = {}
        d: nx.DiGraph[str] = nx.DiGraph()
        for sid, src in graph.sources.items():
            for parent in src.derived_from:
                d.add_edge(sid, parent)
        self.derived = d
        cond = nx.condensation(d)
        members: dict[int, list[str]] = {n: sorted(cond.nodes[n]["members"]) for n in cond.nodes}
        self.component: dict[str, int] = cond.graph["mapping"]
        self.cycles = tuple(
            sorted(tuple(m) for m in members.values() if len(m) > 1 or d.has_edge(m[0], m[0]))
        )
        # origin components of each component, computed from the upstream end down
        self.origin_components: dict[int, frozenset[int]] = {}
        for n in reversed(list(nx.topological_sort(cond))):
            succ = list(cond.successors(n))
            self.origin_components[n] = (
                frozenset().union(*(self.origin_components[s] for s in succ))
                if succ
                else frozenset([n])
            )
        self.members = members
        self._chains: dict[str, tuple[Chain, ...]] = {}
        self._of: dict[str, tuple[str, ...]] = {}

    def keys(self, source: str) -> tuple[str, ...]:
        """Union-find keys of what the source rests on: its origins (itself, if it derives
        from nothing) and, by publisher, the publishers of it and of its origins."""
        keys = self._keys.get(source)
        if keys is None:
            comp = self.component.get(source)
            found = (
                [source]
                if comp is None
                else [f"\0{c}" for c in sorted(self.origin_components[comp])]
            )
            if self.publisher:
                found += sorted(
                    {self.publisher[o] for o in (source, *self.of(source)) if o in self.publisher}
                )
            keys = self._keys[source] = tuple(found)
        return keys

    def groups(self, sources: list[str]) -> list[list[str]]:
        """The sources (sorted, distinct) grouped by what they rest on, in order."""
        if len(sources) < 2:
            return [sources] if sources else []
        uf = _UnionFind()
        for s in sources:
            keys = self.keys(s)
            first = uf.find(keys[0])
            for k in keys[1:]:
                uf.union(first, k)
        grouped: dict[str, list[str]] = {}
        for s in sources:
            grouped.setdefault(uf.find(self.keys(s)[0]), []).append(s)
        return sorted(grouped.values())

    def of(self, source: str) -> tuple[str, ...]:
        comp = self.component.get(source)
        if comp is None:
            return (source,)
        if source not in self._of:
            self._of[source] = tuple(
                sorted(m for c in self.origin_components[comp] for m in self.members[c])
            )
        return self._of[source]

    def chains(self, source: str) -> tuple[Chain, ...]:
        """The shortest ``derived_from`` path from the source to each origin component."""
        if source in self._chains:
            return self._chains[source]
        comp = self.component.get(source)
        if comp is None or self.derived.out_degree(source) == 0:
            return ()
        targets = set(self.origin_components[comp]) - {comp}
        # breadth first, so that the first node reached in each origin component ends a
        # shortest path; stop once every origin component is reached
        prev: dict[str, str | None] = {source: None}
        found: dict[int, str] = {}
        for node, nxt in nx.bfs_edges(self.derived, source):
            prev[nxt] = node
            c = self.component[nxt]
            if c in targets and c not in found:
                found[c] = nxt
                if len(found) == len(targets):
                    break
        out = []
        for end in found.values():
            path = [end]
            while (p := prev[path[-1]]) is not None:
                path.append(p)
            out.append(tuple(reversed(path)))
        self._chains[source] = tuple(sorted(out))
        return self._chains[source]


def _support(srcs: list[str], origins: _Origins, chains: bool) -> Support:
    groups = [tuple(g) for g in origins.groups(srcs)]
    return Support(
        sources=tuple(srcs),
        groups=tuple(groups),
        origins=tuple(tuple(sorted({o for s in g for o in origins.of(s)})) for g in groups),
        chains={s: c for s in srcs if (c := origins.chains(s))} if chains else {},
    )


def _publishers(graph: ClaimGraph, by_publisher: bool) -> dict[str, str]:
    if not by_publisher:
        return {}
    return {
        sid: "\1" + normalize_text(src.publisher)
        for sid, src in graph.sources.items()
        if src.publisher
    }


def corroboration(
    graph: ClaimGraph, *, by_publisher: bool = False, chains: bool = True
) -> Corroboration:
    """Count the independent sources of every statement and proposition.

    Parameters
    ----------
    graph
        The claim graph.
    by_publisher
        Also collapse sources with the same publisher (compared case- and
        space-insensitively), including the publishers of their origins.
    chains
        Record the ``derived_from`` path from each derived source to its origins. Turn off
        for speed on large graphs.

    Returns
    -------
    Corroboration
        Per statement the :class:`Support` of its sources; per proposition one for the
        statements asserting it and one for those denying it; the cycles found.

    Examples
    --------
    Two reprints of one wire story, and an independent paper that cites a blog citing it:

    >>> import claimgraph as cg
    >>> g = cg.ClaimGraph()
    >>> _ = g.add_all([
    ...     cg.Source(id="wire", publisher="Wire"),
    ...     cg.Source(id="paper-a", publisher="A", derived_from=["wire"]),
    ...     cg.Source(id="paper-b", publisher="B", derived_from=["wire"]),
    ...     cg.Source(id="paper-c", publisher="C", derived_from=["blog"]),
    ...     cg.Source(id="blog", derived_from=["paper-c"]),
    ...     cg.Actor(id="x", name="X"), cg.Proposition(id="p", text="P."),
    ...     cg.Statement(id="s", actor="x", proposition="p",
    ...                  reports=[{"source": "paper-a"}, {"source": "paper-b"}]),
    ...     cg.Statement(id="t", actor="x", proposition="p",
    ...                  reports=[{"source": "paper-a"}, {"source": "paper-c"}]),
    ... ])
    >>> c = corroboration(g)
    >>> c.statements["s"].support.independent, c.statements["s"].support.origins
    (1, (('wire',),))
    >>> c.statements["t"].support.independent, c.cycles
    (2, (('blog', 'paper-c'),))
    >>> c.single_origin()
    ['s']
    >>> c.propositions["p"].asserts.independent
    2
    """
    origins = _Origins(graph, _publishers(graph, by_publisher))
    cache: dict[tuple[str, ...], Support] = {}

    def support(sources: Iterable[str]) -> Support:
        key = tuple(sorted(set(sources)))
        if key not in cache:
            cache[key] = _support(list(key), origins, chains)
        return cache[key]

    statements: dict[str, StatementCorroboration] = {}
    by_prop: dict[str, tuple[set[str], set[str], set[str]]] = {}  # in the order of STANCES
    used: set[str] = set()
    for sid, st in graph.statement_records.items():
        srcs = [r.source for r in st.reports]
        used.update(srcs)
        statements[sid] = StatementCorroboration(sid, st.proposition, str(st.stance), support(srcs))
        per_stance = by_prop.setdefault(st.proposition, (set(), set(), set()))
        per_stance[STANCES.index(st.stance)].update(srcs)
    propositions = {
        p: PropositionCorroboration(p, support(a), support(d), support(n))
        for p, (a, d, n) in by_prop.items()
    }
    return Corroboration(
        statements=statements,
        propositions=propositions,
        cycles=origins.cycles,
        origins={s: origins.of(s) for s in sorted(used)},
        by_publisher=by_publisher,
    )


def source_groups(graph: ClaimGraph, *, by_publisher: bool = False) -> dict[str, str]:
    """Every source of the graph mapped to the group it speaks with: sources that share an
    origin (and, by publisher, a publisher) are one group, named by its members' sorted
    ids joined with ``+``. Used by :func:`claimgraph.truth.credibility` to count a wire
    story and its reprints as one voice.

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.ClaimGraph([cg.Source(id="w"), cg.Source(id="r", derived_from=["w"]),
    ...                    cg.Source(id="x")])
    >>> source_groups(g)
    {'r': 'r+w', 'w': 'r+w', 'x': 'x'}
    """
    origins = _Origins(graph, _publishers(graph, by_publisher))
    return {s: "+".join(group) for group in origins.groups(sorted(graph.sources)) for s in group}


def independent_counts(graph: ClaimGraph, *, by_publisher: bool = False) -> dict[str, int]:
    """The number of independent sources of each statement, without chains: the fast path
    (for the benchmark runner and large graphs).

    Examples
    --------
    >>> import claimgraph as cg
    >>> counts = independent_counts(cg.load(cg.example_path()))
    >>> set(counts.values())   # every statement in the example comes from one article
    {1}
    """
    origins = _Origins(graph, _publishers(graph, by_publisher))
    out: dict[str, int] = {}
    for sid, st in graph.statement_records.items():
        srcs = sorted({r.source for r in st.reports})
        out[sid] = len(srcs) if len(srcs) < 2 else len(origins.groups(srcs))
    return out
