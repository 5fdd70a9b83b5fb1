"""Reversals: where an actor or a side changed its stance on a proposition over time.

A reversal is the time-ordered view of what :func:`claimgraph.contradictions` calls an
``inconsistency`` on opposite stances: the same holder (an actor, or a whole side) asserts
a proposition and denies it. Here the holder's statements on the proposition are put in
date order (undated ones last, as everywhere in claimgraph) and every change of stance
gives one :class:`Reversal` with the statements before and after it.

Candidates come from the graph's per-proposition side index (propositions some side both
asserts and denies), so only those propositions' statements are visited. Only statements
that stand count: taking a statement back is a retraction
(:func:`claimgraph.retractions`), not a change of stance.

Examples
--------
The worked example has no reversal. Add a hypothetical later statement in which the
defense minister denies what he said on 5 November:

>>> import claimgraph as cg
>>> from claimgraph.reversals import reversals
>>> g = cg.load(cg.example_path())
>>> len(reversals(g))
0
>>> _ = g.add_statement(id="dm-dialogue-always", actor="pk-defense-minister",
...                     proposition="dialogue-conditional", stance="denies", said="2025-12")
>>> rs = reversals(g)
>>> rs
<Reversals: 2 reversals (actor pk-defense-minister, side pakistan)>
>>> rs[0]
<Reversal side pakistan on 'dialogue-conditional': asserts → denies (by 2025-12)>
>>> [s.id for s in rs[0].before], [s.id for s in rs[0].after], rs[0].dated
(['dm-dialogue-conditional'], ['dm-dialogue-always'], True)
>>> rs[1].explanation(g).endswith("(2025-11-05) and then denied it (2025-12).")
True
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Literal

from ._markup import escape_html
from .dates import date_bounds
from .exceptions import InvalidDataError
from .filters import StatementFilter, Window
from .models import Statement
from .queries import _key, _statement_dict

if TYPE_CHECKING:
    from .graph import ClaimGraph

__all__ = ["Reversal", "Reversals", "reversals"]

Level = Literal["actor", "side"]


@dataclass(frozen=True, slots=True)
class Reversal:
    """One change of stance by one holder on one proposition.

    Attributes
    ----------
    level : {"actor", "side"}
        Whether ``holder`` is one actor or a side (all its members together).
    holder : str
        The actor or side id.
    proposition, text : str
        The proposition and its wording.
    from_stance, to_stance : str
        The stance before and after.
    before, after : tuple of Statement
        The run of statements taking ``from_stance`` just before the change, and the run
        taking ``to_stance`` just after it, in date order.
    dated : bool
        True when every statement in ``before`` and ``after`` is dated and the last date
        before ends before the first date after begins: the order is established by the
        dates, not by an assumption.
    """

    level: Level
    holder: str
    proposition: str
    text: str
    from_stance: str
    to_stance: str
    before: tuple[Statement, ...]
    after: tuple[Statement, ...]
    dated: bool

    @property
    def when(self) -> str | None:
        """The first date said among ``after`` (when the new stance is first seen)."""
        dates = [s.said for s in self.after if s.said]
        return min(dates) if dates else None

    def __repr__(self) -> str:
        when = f" (by {self.when})" if self.when else ""
        return (
            f"<Reversal {self.level} {self.holder} on {self.proposition!r}:"
            f" {self.from_stance} → {self.to_stance}{when}>"
        )

    def explanation(self, graph: ClaimGraph) -> str:
        """One sentence a person can read."""
        who = graph.actors[self.holder].name
        first = [s.said for s in self.before if s.said]
        was = f" ({max(first)})" if first else ""
        now = f" ({self.when})" if self.when else ""
        past = {"asserts": "asserted", "denies": "denied"}
        order = "" if self.dated else " (order not established by dates)"
        return (
            f"{who} {past[self.from_stance]} “{self.text.rstrip('.')}”{was}"
            f" and then {past[self.to_stance]} it{now}{order}."
        )

    def to_dict(self, graph: ClaimGraph) -> dict[str, Any]:
        """A JSON-ready dict, with names, quotes and sources from ``graph``."""
        return {
            "level": self.level,
            "holder": self.holder,
            "holder_name": graph.actors[self.holder].name,
            "proposition": {"id": self.proposition, "text": self.text},
            "from_stance": self.from_stance,
            "to_stance": self.to_stance,
            "when": self.when,
            "dated": self.dated,
            "explanation": self.explanation(graph),
            "before": [_statement_dict(s, graph) for s in self.before],
            "after": [_statement_dict(s, graph) for s in self.after],
        }


@dataclass(frozen=True)
class Reversals:
    """The reversals found by :func:`reversals`: a sequence of :class:`Reversal`."""

    items: tuple[Reversal, ...]
    graph: ClaimGraph

    def __iter__(self) -> Iterator[Reversal]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> Reversal:
        return self.items[i]

    def __repr__(self) -> str:
        n = len(self.items)
        holders = sorted({f"{r.level} {r.holder}" for r in self.items})
        return f"<Reversals: {n} reversal{'' if n == 1 else 's'}" + (
            f" ({', '.join(holders)})>" if holders else ">"
        )

    def to_dict(self) -> list[dict[str, Any]]:
        """A JSON-ready list."""
        return [r.to_dict(self.graph) for r in self.items]

    def _repr_html_(self) -> str:
        if not self.items:
            return "<p>No reversals.</p>"

        def cell(stmts: tuple[Statement, ...]) -> str:
            parts = []
            for s in stmts:
                quote = next((r.quote for r in s.reports if r.quote), None)
                parts.append(
                    escape_html(f"{s.id} ({s.said or 'undated'})")
                    + (f": “{escape_html(quote)}”" if quote else "")
                )
            return "<br>".join(parts)

        e = escape_html
        rows = "".join(
            f"<tr><td>{e(r.level)}</td><td>{e(self.graph.actors[r.holder].name)}</td>"
            f"<td>{e(r.text)}</td><td>{e(r.from_stance)} → {e(r.to_stance)}</td>"
            f"<td>{cell(r.before)}</td><td>{cell(r.after)}</td>"
            f"<td>{'yes' if r.dated else 'no'}</td></tr>"
            for r in self.items
        )
        return (
            "<table><tr><th>level</th><th>who</th><th>proposition</th><th>change</th>"
            "<th>before</th><th>after</th><th>dated</th></tr>"
            f"{rows}</table>"
        )


def _runs(graph: ClaimGraph, level: Level, holder: str, stmts: list[Statement]) -> list[Reversal]:
    stmts = sorted(stmts, key=_key)
    runs: list[list[Statement]] = []
    for s in stmts:
        if runs and runs[-1][0].stance == s.stance:
            runs[-1].append(s)
        else:
            runs.append([s])
    out = []
    for before, after in pairwise(runs):
        dated = all(s.said for s in (*before, *after)) and (
            max(date_bounds(s.said)[1] for s in before if s.said)
            < min(date_bounds(s.said)[0] for s in after if s.said)
        )
        p = before[0].proposition
        out.append(
            Reversal(
                level,
                holder,
                p,
                graph.propositions[p].text,
                before[0].stance,
                after[0].stance,
                tuple(before),
                tuple(after),
                bool(dated),
            )
        )
    return out


def reversals(
    graph: ClaimGraph,
    actor: str | None = None,
    side: str | None = None,
    *,
    level: Level | None = None,
) -> Reversals:
    """Changes of stance over time, per actor and per side.

    Parameters
    ----------
    graph : ClaimGraph
    actor : str, optional
        Only this actor's own reversals (level ``actor``).
    side : str, optional
        Only this side's reversals (its members' statements taken together, level
        ``side``), and its actors' own reversals unless ``level`` says otherwise.
    level : {"actor", "side"}, optional
        Only reversals at this level. By default both (an actor that changes its stance
        is also a reversal of its side; a side can reverse through two different actors).

    Returns
    -------
    Reversals
        Ordered by holder, proposition and date.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.reversals import reversals
    >>> g = cg.load(cg.example_path())
    >>> reversals(g, side="pakistan")
    <Reversals: 0 reversals>
    """
    if level is not None and level not in ("actor", "side"):
        raise InvalidDataError(f"level must be 'actor' or 'side', not {level!r}")
    StatementFilter.parse(actor=actor, side=side).check(graph.missing_ids, graph.roots, graph.side)
    levels: set[str] = {level} if level else {"actor", "side"}
    if actor is not None and level is None:
        levels = {"actor"}
    side_of = graph.side_map()
    found: list[Reversal] = []
    for p, (yes_sides, no_sides) in graph.stance_sides(Window()).items():
        both = set(yes_sides) & set(no_sides)
        if not both or (side is not None and side not in both):
            continue
        if actor is not None and side_of[actor] not in both:
            continue
        by_side: dict[str, list[Statement]] = {}
        for s in graph.statements_about(p):
            sd = side_of[s.actor]
            # a neutral report takes no stance; a withdrawn statement is a retraction
            if sd in both and s.stance != "reports" and s.withdrawn is None:
                by_side.setdefault(sd, []).append(s)
        for sd, stmts in by_side.items():
            if side is not None and sd != side:
                continue
            if "side" in levels and actor is None:
                found += _runs(graph, "side", sd, stmts)
            if "actor" in levels:
                by_actor: dict[str, list[Statement]] = {}
                for s in stmts:
                    by_actor.setdefault(s.actor, []).append(s)
                for a, own in by_actor.items():
                    if actor is not None and a != actor:
                        continue
                    if len({s.stance for s in own}) > 1:
                        found += _runs(graph, "actor", a, own)
    found.sort(key=lambda r: (r.level != "side", r.holder, r.proposition, _key(r.after[0])))
    return Reversals(tuple(found), graph)
