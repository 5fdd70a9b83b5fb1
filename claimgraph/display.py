"""Rich display in notebooks: HTML tables for graphs, query results and records.

Jupyter calls ``_repr_html_`` on the last value of a cell; :class:`~claimgraph.ClaimGraph`,
the query results (:class:`~claimgraph.Contradiction`, :class:`~claimgraph.Agreement`,
:class:`~claimgraph.Positions`) and the records delegate to the functions here. A list of
statements (what :func:`~claimgraph.timeline` and :func:`~claimgraph.statements` return)
is shown with :func:`statements_html` (or :func:`show`).

Only the standard library is used, so this works without any extra installed. All text
that comes from the data (names, wordings, quotes, notes, URLs) is HTML-escaped: a claim
is data, never markup.

Examples
--------
>>> import claimgraph as cg
>>> from claimgraph import display
>>> g = cg.load(cg.example_path())
>>> html = g._repr_html_()
>>> "Government of Pakistan" in html or "Pakistan" in html
True
>>> s = cg.Statement(actor="x", proposition="p", note="<b>not bold</b>")
>>> "&lt;b&gt;not bold&lt;/b&gt;" in display.record_html(s)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

from ._markup import escape_html, html_link

if TYPE_CHECKING:
    from .backend import Lookup
    from .graph import ClaimGraph
    from .models import Statement
    from .queries import Agreement, Contradiction, Positions

__all__ = [
    "agreement_html",
    "contradiction_html",
    "graph_html",
    "positions_html",
    "record_html",
    "show",
    "statements_html",
]

# the colour of a stance, used in every table (and by claimgraph.view / claimgraph.figures)
STANCE_COLORS = {
    "asserts": "#1b7837",
    "denies": "#b2182b",
    "both": "#7b3294",
    "reports": "#777777",
}

_STYLE = (
    "<style>.cg-box{font-family:system-ui,sans-serif;font-size:13px;line-height:1.35}"
    ".cg-box table{border-collapse:collapse;margin:4px 0}"
    ".cg-box th,.cg-box td{border:1px solid #ddd;padding:2px 6px;text-align:left;"
    "vertical-align:top}.cg-box th{background:#f4f4f4}"
    ".cg-box .cg-q{font-style:italic}.cg-box .cg-muted{color:#777}"
    ".cg-box details{margin:2px 0}</style>"
)


_e = escape_html  # every value from the data goes through it (see claimgraph._markup)


def _stance(stance: str) -> str:
    color = STANCE_COLORS.get(stance, "#333")
    return f'<span style="color:{color};font-weight:600">{_e(stance)}</span>'


def _box(body: str) -> str:
    return f'<div class="cg-box">{_STYLE}{body}</div>'


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _actor_name(graph: Lookup | None, actor: str) -> str:
    if graph is not None and actor in graph.actors:
        return graph.actors[actor].name
    return actor


def _side(graph: Lookup | None, actor: str) -> str:
    if graph is not None and actor in graph.actors:
        return graph.side(actor)
    return ""


def _sources(graph: Lookup | None, s: Statement) -> str:
    parts = []
    for r in s.reports:
        src = graph.sources.get(r.source) if graph is not None else None
        label = (src.publisher or src.title or r.source) if src is not None else r.source
        parts.append(html_link(label, src.url if src is not None else None))
    return ", ".join(parts)


def _statement_rows(
    stmts: Sequence[Statement], graph: Lookup | None, *, proposition: bool = False
) -> str:
    head = "<tr><th>said</th><th>actor</th><th>side</th><th>stance</th><th>kind</th>"
    head += "<th>proposition</th>" if proposition else ""
    head += "<th>quote</th><th>sources</th></tr>"
    rows = []
    for s in stmts:
        quotes = " / ".join(f"“{q}”" for q in s.quotes)
        prop = ""
        if proposition:
            text = s.proposition
            if graph is not None and s.proposition in graph.propositions:
                text = graph.propositions[s.proposition].text
            prop = f"<td>{_e(text)}</td>"
        rows.append(
            f"<tr><td>{_e(s.said or '—')}</td><td>{_e(_actor_name(graph, s.actor))}</td>"
            f"<td>{_e(_side(graph, s.actor))}</td><td>{_stance(s.stance)}</td>"
            f"<td>{_e(s.kind)}</td>{prop}<td class='cg-q'>{_e(quotes)}</td>"
            f"<td>{_sources(graph, s)}</td></tr>"
        )
    return f"<table>{head}{''.join(rows)}</table>"


def statements_html(
    stmts: Iterable[Statement], graph: Lookup | None = None, *, limit: int = 50
) -> str:
    """An HTML table of statements (date, actor, side, stance, kind, proposition, quote, sources).

    ``graph`` supplies actor names, sides, proposition wordings and source names; without
    it the ids are shown. At most ``limit`` rows are shown; the rest are counted.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.display import statements_html
    >>> g = cg.load(cg.example_path())
    >>> html = statements_html(g.timeline(actor="pk-defense-minister"), g)
    >>> html.count("<tr>") > 1
    True
    """
    items = list(stmts)
    shown = items[:limit]
    more = len(items) - len(shown)
    body = f"<b>{_plural(len(items), 'statement')}</b>"
    body += _statement_rows(shown, graph, proposition=True)
    if more:
        body += f"<div class='cg-muted'>… and {more} more</div>"
    return _box(body)


def _contradiction_body(c: Contradiction, graph: Lookup | None, open_: bool) -> str:
    texts = " ⟂ ".join(f"“{t}”" for t in c.texts)
    first, last = c.dates
    when = f"{first} – {last}" if first and first != last else (first or "undated")
    summary = (
        f"<b>{_e(c.kind)}</b> ({_e(c.basis.replace('_', ' '))}) on {_e(texts)}"
        f" <span class='cg-muted'>— {_e(' vs '.join(c.sides))}; "
        f"{_plural(c.size, 'statement')}; {_e(when)}</span>"
    )
    parts = [f"<div>{_e(c.explanation)}</div>"]
    for g in c.groups:
        sides = ", ".join(g.sides)
        parts.append(
            f"<div>{_stance(g.stance)} <code>{_e(g.proposition)}</code>"
            f" <span class='cg-muted'>({_e(sides)})</span></div>"
        )
        parts.append(_statement_rows(g.statements, graph))
    return (
        f"<details{' open' if open_ else ''}><summary>{summary}</summary>{''.join(parts)}</details>"
    )


def contradiction_html(c: Contradiction, *, open: bool = True) -> str:
    """HTML for one contradiction: the explanation, then each stance with its statements.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.display import contradiction_html
    >>> c = cg.contradictions(cg.load(cg.example_path()))[0]
    >>> "<details open>" in contradiction_html(c)
    True
    """
    return _box(_contradiction_body(c, c.lookup, open))


def agreement_html(a: Agreement, graph: Lookup | None = None) -> str:
    """HTML for one agreement: the proposition, the sides that assert it, the statements.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.display import agreement_html
    >>> g = cg.load(cg.example_path())
    >>> a = cg.agreements(g)[0]
    >>> a.sides[0] in agreement_html(a, g)
    True
    """
    sides = ", ".join(_actor_name(graph, side) for side in a.sides)
    body = (
        f"<div><b>agreement</b> on “{_e(a.text)}” <span class='cg-muted'>— "
        f"{_e(sides)}</span></div><div>{_e(a.explanation)}</div>"
        + _statement_rows(a.statements, graph)
    )
    return _box(body)


def positions_html(p: Positions, graph: Lookup | None = None) -> str:
    """HTML for :class:`~claimgraph.Positions`: the proposition × side table, demands, offers.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.display import positions_html
    >>> html = positions_html(cg.positions(cg.load(cg.example_path())))
    >>> "militants-sheltered" in html and "denies" in html
    True
    """
    sides = p.sides
    head = (
        "<tr><th>proposition</th>"
        + "".join(f"<th title='{_e(s)}'>{_e(_actor_name(graph, s))}</th>" for s in sides)
        + "</tr>"
    )
    rows = []
    for prop in p.propositions:
        label = prop
        if graph is not None and prop in graph.propositions:
            label = graph.propositions[prop].text
        cells = "".join(
            f"<td>{_stance(st) if (st := p.stance(s, prop)) else ''}</td>" for s in sides
        )
        rows.append(f"<tr><td title='{_e(prop)}'>{_e(label)}</td>{cells}</tr>")
    body = f"<table>{head}{''.join(rows)}</table>"
    for title, per_side in (("demands", p.demands), ("offers", p.offers)):
        for side, stmts in sorted(per_side.items()):
            body += (
                f"<details><summary>{_e(_actor_name(graph, side))} {title}: {len(stmts)}"
                "</summary>"
                f"{_statement_rows(stmts, graph, proposition=True)}</details>"
            )
    return _box(body)


def graph_html(graph: ClaimGraph, *, top: int = 5) -> str:
    """HTML summary of a graph: counts by kind, the sides and their actors, the top disputes.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.display import graph_html
    >>> html = graph_html(cg.load(cg.example_path()))
    >>> "dispute" in html and "<table>" in html
    True
    """
    counts = [
        (len(graph.statement_records), "statement"),
        (len(graph.propositions), "proposition"),
        (len(graph.actors), "actor"),
        (len(graph.sources), "source"),
        (len(graph.reviews), "review"),
    ]
    title = f"<b>{_e(graph.title)}</b><br>" if getattr(graph, "title", None) else ""
    body = (
        title + "ClaimGraph: " + ", ".join(_plural(n, w) for n, w in counts if n or w != "review")
    )
    kinds: dict[str, int] = {}
    for s in graph.statement_records.values():
        kinds[str(s.kind)] = kinds.get(str(s.kind), 0) + 1
    if kinds:
        body += "<div class='cg-muted'>by kind: " + _e(
            ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
        )
        body += "</div>"
    members: dict[str, list[str]] = {}
    for a in graph.actors:
        members.setdefault(graph.side(a), []).append(a)
    said: dict[str, int] = {}
    for s in graph.statement_records.values():
        side = graph.side(s.actor)
        said[side] = said.get(side, 0) + 1
    rows = []
    for side in sorted(members, key=lambda sd: (-said.get(sd, 0), sd)):
        names = [graph.actors[a].name for a in sorted(members[side]) if a != side]
        shown = ", ".join(names[:8]) + (f" … +{len(names) - 8}" if len(names) > 8 else "")
        rows.append(
            f"<tr><td>{_e(graph.actors[side].name)}</td><td>{said.get(side, 0)}</td>"
            f"<td>{_e(shown)}</td></tr>"
        )
    if rows:
        body += (
            "<table><tr><th>side</th><th>statements</th><th>actors</th></tr>"
            + "".join(rows[:20])
            + "</table>"
        )
        if len(rows) > 20:
            body += f"<div class='cg-muted'>… and {len(rows) - 20} more sides</div>"
    if graph.statement_records:
        found = graph.contradictions()
        if found:
            body += f"<div><b>{_plural(len(found), 'contradiction')}</b>"
            body += f"{' (top ' + str(top) + ')' if len(found) > top else ''}</div>"
            body += "".join(_contradiction_body(c, graph, False) for c in found[:top])
    return _box(body)


def record_html(record: Any) -> str:
    """HTML for one record: a table of its fields (empty ones left out).

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.display import record_html
    >>> "<th>name</th>" in record_html(cg.Actor(name="Qatar", kind="mediator"))
    True
    """
    data = record.model_dump(exclude_defaults=False)
    rows = []
    for key, value in data.items():
        if value in (None, (), [], ""):
            continue
        if key == "reports":
            text = "; ".join(
                f"{r['source']}" + (f": “{r['quote']}”" if r.get("quote") else "") for r in value
            )
        elif isinstance(value, (list, tuple)):
            text = ", ".join(str(v) for v in value)
        else:
            text = str(value)
        cell = _stance(text) if key == "stance" else _e(text)
        rows.append(f"<tr><th>{_e(key)}</th><td>{cell}</td></tr>")
    kind = getattr(record, "record_type", type(record).__name__.lower())
    return _box(f"<b>{_e(kind)}</b><table>{''.join(rows)}</table>")


class _HTML:
    """A value whose notebook display is the given HTML (IPython is not needed)."""

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<HTML: {len(self.html)} characters>"


def show(value: Any, graph: Lookup | None = None) -> _HTML:
    """A displayable HTML view of anything claimgraph returns, including lists.

    ``cg.display.show(g.timeline(proposition="..."), g)`` shows a list of statements as one
    table and a list of contradictions or agreements one after the other.

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.load(cg.example_path())
    >>> from claimgraph.display import show
    >>> view = show(g.timeline(side="afghanistan"), g)
    >>> "<table>" in view._repr_html_()
    True
    """
    if isinstance(value, (list, tuple)):
        if value and all(getattr(v, "record_type", None) == "statement" for v in value):
            return _HTML(statements_html(cast("list[Statement]", value), graph))
        return _HTML("".join(show(v, graph).html for v in value) or _box("(nothing)"))
    # a query result shows itself, with the names of the graph or store that found it
    html = getattr(value, "_repr_html_", None)
    if html is not None:
        return _HTML(str(html()))
    return _HTML(_box(_e(repr(value))))
