"""Reports of a claim graph: the disputes, inconsistencies, agreements and positions, as
plain text, Markdown or a JSON-ready dict (what ``claimgraph report`` prints).

In Markdown every piece of text from the data is escaped (:mod:`claimgraph._markup`), so a
wording such as ``<img src=x onerror=...>`` or ``[x](javascript:...)`` shows as written
wherever the report is rendered; a source's URL becomes a link only if it is http(s).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Literal

from ._markup import code_span, escape_markdown, markdown_link
from .exceptions import InvalidArgumentError
from .graph import ClaimGraph
from .models import Statement
from .queries import (
    Agreement,
    Contradiction,
    agreements,
    contradictions,
    positions,
    retractions,
    timeline,
)

__all__ = ["report", "report_data"]


def report_data(graph: ClaimGraph, *, implied: bool = False) -> dict[str, Any]:
    """The report as a JSON-ready dict.

    With ``implied=True`` the disputes and inconsistencies include the clashes found
    through ``implies`` chains (``contradictions(graph, implied=True)``).

    Top-level keys: ``title``, ``summary``, ``disputes``, ``inconsistencies``,
    ``agreements``, ``neutral_reports`` (statements that relay a proposition without taking
    a stance), ``retractions`` (withdrawn statements, with what corrected them) and
    ``positions``. Each dispute, inconsistency and agreement names its
    proposition (``{"id", "text"}``) and the sides and actors on each stance.

    Examples
    --------
    >>> import claimgraph as cg
    >>> data = cg.report_data(cg.load(cg.example_path()))
    >>> [d["proposition"]["id"] for d in data["disputes"]]
    ['offer-rejected', 'militants-sheltered']
    """
    found = contradictions(graph, implied=implied)
    pos = positions(graph)
    return {
        "title": graph.title,
        "summary": {
            "statements": len(graph.statement_records),
            "propositions": len(graph.propositions),
            "actors": len(graph.actors),
            "sources": len(graph.sources),
            "sides": [{"id": s, "name": graph.actors[s].name} for s in graph.sides()],
            "observers": [{"id": s, "name": graph.actors[s].name} for s in graph.observers()],
            "mediators": [{"id": s, "name": graph.actors[s].name} for s in graph.mediators()],
        },
        "disputes": [c.to_dict(graph) for c in found if c.kind == "dispute"],
        "inconsistencies": [c.to_dict(graph) for c in found if c.kind == "inconsistency"],
        "agreements": [a.to_dict(graph) for a in agreements(graph)],
        "neutral_reports": [_brief(graph, s) for s in _neutral(graph)],
        "retractions": [
            {**r.to_dict(), "text": r.explanation(graph), "statement": _brief(graph, r.statement)}
            for r in retractions(graph)
        ],
        "positions": {
            "table": pos.table,
            "demands": {s: [_brief(graph, x) for x in v] for s, v in pos.demands.items()},
            "offers": {s: [_brief(graph, x) for x in v] for s, v in pos.offers.items()},
        },
    }


def _neutral(graph: ClaimGraph) -> list[Statement]:
    """The neutral reports (stance ``reports``), by date said."""
    return timeline(graph, stance="reports")


def _brief(graph: ClaimGraph, s: Statement) -> dict[str, Any]:
    return {
        "id": s.id,
        "actor": s.actor,
        "kind": s.kind,
        "said": s.said,
        "certainty": s.certainty,
        "hedge": s.hedge,
        "proposition": {"id": s.proposition, "text": graph.propositions[s.proposition].text},
    }


Escape = Callable[[object], str]
"""How a piece of text from the data is written: escaped for Markdown, as is for text."""


def _plain(value: object) -> str:
    return str(value)


def _side_names(graph: ClaimGraph, sides: tuple[str, ...] | list[str], e: Escape) -> str:
    return ", ".join(e(graph.actors[s].name) for s in sides)


def _statement_line(graph: ClaimGraph, s: Statement, md: bool) -> str:
    e: Escape = escape_markdown if md else _plain
    actor = graph.actors[s.actor].name
    when = s.said or "undated"
    sure = ""
    if s.certainty == "hedged":
        sure = f", hedged “{e(s.hedge)}”" if s.hedge else ", hedged"
    parts = [f"{e(actor)} ({e(s.kind)}{sure}, {e(when)})"]
    for r in s.reports:
        src = graph.sources.get(r.source)
        where = (src.publisher or src.title or src.id) if src else r.source
        if src is not None and src.published:
            where += f" {src.published}"
        shown = markdown_link(where, src.url if src else None) if md else where
        quote = f" “{e(r.quote)}”" if r.quote else ""
        parts.append(f"{quote} — {shown}")
    return "".join(parts)


def _contradiction_text(graph: ClaimGraph, i: int, c: Contradiction, md: bool) -> list[str]:
    e: Escape = escape_markdown if md else _plain
    title = " ⟂ ".join(f"“{e(t)}”" for t in c.texts)
    if md:
        lines = [f"### {i}. {title} ({', '.join(map(code_span, c.propositions))})"]
    else:
        lines = [f"{i}. {title} [{', '.join(c.propositions)}]"]
    lines.append(("" if md else "   ") + e(c.explanation))
    if md:
        lines.append("")
    for g in c.groups:
        head = (
            f"{g.stance} {graph.propositions[g.proposition].text!r}"
            if c.basis != "opposite_stances"
            else g.stance
        )
        head = f"{e(head)} — {_side_names(graph, g.sides, e)}"
        lines.append(f"- **{head}**" if md else f"   {head}")
        for s in g.statements:
            lines.append(("  - " if md else "     • ") + _statement_line(graph, s, md))
    lines.append("")
    return lines


def _agreement_text(graph: ClaimGraph, i: int, a: Agreement, md: bool) -> list[str]:
    e: Escape = escape_markdown if md else _plain
    head = f"{i}. “{e(a.text)}” " + (
        f"({code_span(a.proposition)})" if md else f"[{a.proposition}]"
    )
    lines = [head, f"   asserted by {_side_names(graph, a.sides, e)}"]
    for s in a.statements:
        lines.append(("   - " if md else "     • ") + _statement_line(graph, s, md))
    lines.append("")
    return lines


def report(
    graph: ClaimGraph,
    format: Literal["text", "markdown", "json"] = "text",
    *,
    implied: bool = False,
) -> str:
    """The report of a graph as text, Markdown or JSON.

    With ``implied=True`` the disputes and inconsistencies include the clashes found
    through ``implies`` chains (see :func:`~claimgraph.contradictions`); each explanation
    spells its chain out.

    Examples
    --------
    >>> import claimgraph as cg
    >>> text = cg.report(cg.load(cg.example_path()))
    >>> print(text.splitlines()[0])
    Pakistan and Afghanistan resume talks in Istanbul
    """
    if format == "json":
        return json.dumps(report_data(graph, implied=implied), indent=2, ensure_ascii=False)
    if format not in ("text", "markdown"):
        raise InvalidArgumentError(f"format must be 'text', 'markdown' or 'json', not {format!r}")
    md = format == "markdown"
    e: Escape = escape_markdown if md else _plain
    found = contradictions(graph, implied=implied)
    disputes = [c for c in found if c.kind == "dispute"]
    incons = [c for c in found if c.kind == "inconsistency"]
    agreed = agreements(graph)
    pos = positions(graph)
    title = graph.title or "Claim graph report"
    out = [f"# {e(title)}" if md else title]
    if not md:
        out.append("=" * len(title))
    sides = graph.sides()
    out.append(
        f"{len(graph.statement_records)} statements, {len(graph.propositions)} propositions,"
        f" {len(graph.actors)} actors in {len(sides)} sides ({_side_names(graph, sides, e)}),"
        f" {len(graph.sources)} source{'' if len(graph.sources) == 1 else 's'}"
    )
    for label, apart in (("observers", graph.observers()), ("mediators", graph.mediators())):
        if apart:
            out.append(f"{label}: {_side_names(graph, apart, e)}")
    out.append("")

    def section(name: str, count: int) -> None:
        out.append(f"## {name} ({count})" if md else f"{name.upper()} ({count})")
        out.append("")

    section("Disputes", len(disputes))
    for i, c in enumerate(disputes, 1):
        out += _contradiction_text(graph, i, c, md)
    if not disputes:
        out += ["none", ""]
    section("Inconsistencies", len(incons))
    for i, c in enumerate(incons, 1):
        out += _contradiction_text(graph, i, c, md)
    if not incons:
        out += ["none", ""]
    section("Agreements", len(agreed))
    for i, a in enumerate(agreed, 1):
        out += _agreement_text(graph, i, a, md)
    if not agreed:
        out += ["none", ""]
    neutral = _neutral(graph)
    section("Neutral reports", len(neutral))
    for i, s in enumerate(neutral, 1):
        text = e(graph.propositions[s.proposition].text)
        ref = code_span(s.proposition) if md else f"[{s.proposition}]"
        out += [
            f"{i}. “{text}” {ref}",
            ("   - " if md else "     • ") + _statement_line(graph, s, md),
            "",
        ]
    if not neutral:
        out += ["none", ""]
    taken_back = retractions(graph)
    section("Retractions and corrections", len(taken_back))
    for i, r in enumerate(taken_back, 1):
        s = r.statement
        text = e(graph.propositions[s.proposition].text)
        ref = code_span(s.proposition) if md else f"[{s.proposition}]"
        bullet = "   - " if md else "     • "
        out += [f"{i}. “{text}” {ref} — {r.kind}", bullet + _statement_line(graph, s, md)]
        out.append("   " + e(r.explanation(graph)))
        if r.correction is not None:
            out.append(bullet + "corrected by: " + _statement_line(graph, r.correction, md))
        out.append("")
    if not taken_back:
        out += ["none", ""]
    section(
        "Demands and offers",
        sum(map(len, pos.demands.values())) + sum(map(len, pos.offers.values())),
    )
    for side in pos.sides:
        items = pos.demands.get(side, []) + pos.offers.get(side, [])
        if not items:
            continue
        name = e(graph.actors[side].name)
        out.append(f"**{name}**" if md else name)
        for s in items:
            text = e(graph.propositions[s.proposition].text)
            bullet = "- " if md else "  • "
            out.append(f"{bullet}{e(s.kind)}: “{text}” — {e(graph.actors[s.actor].name)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
