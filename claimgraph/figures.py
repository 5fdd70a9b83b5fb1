"""Figures for reports: a timeline of statements, and a static drawing of the network.

:func:`plot_timeline` draws the statements on a proposition (or of a contradiction) over
time, one row per side: a dot for an assertion, a cross for a denial, and a partial date
(a month, a year) drawn as a bar over the span it covers. :func:`draw_network` draws
actors and propositions, each actor linked to what it asserts (green) or denies (red,
dashed). Both return a :class:`matplotlib.figure.Figure` (shown inline by a notebook) and,
given ``path``, save it as PNG, SVG or PDF (by the file's extension).

Needs the ``viz`` extra (``pip install 'claimgraph[viz]'``). Only the object-oriented
matplotlib API is used (no ``pyplot``), so no GUI backend or global state is involved.

Examples
--------
>>> import claimgraph as cg
>>> from claimgraph.figures import plot_timeline
>>> g = cg.load(cg.example_path())
>>> fig = plot_timeline(g, cg.contradictions(g)[0])
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
['Afghanistan', 'Pakistan']
"""

from __future__ import annotations

import datetime as _dt
import os
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._atomic import atomic_write
from .dates import date_bounds
from .display import STANCE_COLORS
from .exceptions import InvalidArgumentError, MissingDependencyError, NotFoundError
from .filters import Window

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .graph import ClaimGraph
    from .models import Statement
    from .queries import Contradiction

__all__ = ["draw_network", "plot_timeline", "save_figure"]

_ASSERTS, _DENIES = STANCE_COLORS["asserts"], STANCE_COLORS["denies"]
_MARKERS = {"asserts": "o", "denies": "X", "reports": "s"}  # a neutral report: a grey square


def _require_matplotlib() -> None:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise MissingDependencyError(
            "figures need matplotlib: pip install 'claimgraph[viz]'"
        ) from None


def _figure(**kwargs: Any) -> Figure:
    _require_matplotlib()
    from matplotlib.figure import Figure

    return Figure(**kwargs)


def save_figure(fig: Figure, path: str | os.PathLike[str], *, dpi: int = 150) -> Path:
    """Save ``fig`` as PNG, SVG or PDF (by extension), atomically; return the path."""
    out = Path(path)
    fmt = out.suffix.lstrip(".").lower() or "png"
    if fmt not in ("png", "svg", "pdf"):
        raise InvalidArgumentError(f"{out}: save a figure as .png, .svg or .pdf")
    atomic_write(
        out, lambda f: fig.savefig(f, format=fmt, dpi=dpi, bbox_inches="tight"), binary=True
    )
    return out


def _span(said: str) -> tuple[_dt.date, _dt.date]:
    """First and last day a partial date covers (the last day of a month is exact)."""
    lo, hi = date_bounds(said)
    start = _dt.date.fromisoformat(lo)
    year, month = int(hi[:4]), int(hi[5:7])
    day = int(hi[8:10])
    while True:  # "-31" pads every month: step back to the month's real last day
        try:
            end = _dt.date(year, month, day)
            break
        except ValueError:
            day -= 1
    return start, end


def plot_timeline(
    graph: ClaimGraph,
    subject: str | Contradiction,
    *,
    path: str | os.PathLike[str] | None = None,
    width: float = 9.0,
) -> Figure:
    """A figure of the statements on a proposition (by id) or of a contradiction over time.

    One row per side; assertions are green dots, denials red crosses, and a statement
    dated only to a month or a year is a bar over that span. Undated statements cannot be
    placed and are counted in the title. With ``path``, the figure is also saved there.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.figures import plot_timeline
    >>> g = cg.load(cg.example_path())
    >>> fig = plot_timeline(g, "ceasefire-agreed")
    >>> fig.axes[0].get_title(loc="left").startswith("A ceasefire")
    True
    """
    _require_matplotlib()
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.lines import Line2D

    if isinstance(subject, str):
        if subject not in graph.propositions:
            raise NotFoundError(f"no proposition with id '{subject}' in the graph")
        stmts: list[Statement] = graph.timeline(proposition=subject)
        title = graph.propositions[subject].text
    else:
        stmts = subject.statements
        title = " ⟂ ".join(subject.texts)
    dated = [s for s in stmts if s.said]
    undated = len(stmts) - len(dated)
    sides = sorted({graph.side(s.actor) for s in stmts}, key=lambda sd: graph.actors[sd].name)
    row = {sd: i for i, sd in enumerate(sides)}
    fig = _figure(figsize=(width, 1.6 + 0.55 * max(len(sides), 1)), layout="constrained")
    ax = fig.add_subplot()
    for s in dated:
        assert s.said is not None  # noqa: S101 - filtered above
        start, end = _span(s.said)
        y = row[graph.side(s.actor)]
        color = STANCE_COLORS[s.stance]
        # matplotlib plots dates; its stubs only say numbers
        span: Any = [start, end]
        mid: Any = [start + (end - start) / 2]
        if end > start:  # a month or a year: the span it covers
            ax.plot(span, [y, y], color=color, linewidth=6, alpha=0.35, zorder=1)
        marker = _MARKERS[s.stance]
        ax.plot(mid, [y], marker=marker, color=color, markersize=8, linestyle="", zorder=2)
    ax.set_yticks(range(len(sides)), [graph.actors[sd].name for sd in sides])
    ax.set_ylim(-0.7, max(len(sides), 1) - 0.3)
    if dated:
        locator = AutoDateLocator()  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    else:
        ax.set_xticks([])
        ax.text(0.5, 0.5, "no dated statements", transform=ax.transAxes, ha="center")
    ax.grid(axis="x", alpha=0.3)
    note = f" ({undated} undated not shown)" if undated else ""
    ax.set_title("\n".join(textwrap.wrap(title, 90)) + note, fontsize=10, loc="left")
    ax.legend(
        handles=[
            Line2D([], [], marker="o", color=_ASSERTS, linestyle="", label="asserts"),
            Line2D([], [], marker="X", color=_DENIES, linestyle="", label="denies"),
            *(
                [
                    Line2D(
                        [],
                        [],
                        marker=_MARKERS["reports"],
                        color=STANCE_COLORS["reports"],
                        linestyle="",
                        label="reports (neutral)",
                    )
                ]
                if any(s.stance == "reports" for s in dated)
                else []
            ),
            Line2D([], [], color="#888", linewidth=6, alpha=0.35, label="month / year"),
        ],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        frameon=False,
    )
    if path is not None:
        save_figure(fig, path)
    return fig


def draw_network(
    graph: ClaimGraph,
    *,
    path: str | os.PathLike[str] | None = None,
    size: tuple[float, float] = (11.0, 8.0),
    seed: int = 7,
    label_width: int = 28,
) -> Figure:
    """A static drawing of who takes which position, for a report.

    Actors are circles coloured by side (the same colours as the interactive view);
    propositions are grey squares, with a red edge when disputed. An actor is linked to
    each proposition it asserts (green) or denies (red, dashed); declared contradictions
    between propositions are thick red lines. The layout is networkx's spring layout with
    a fixed ``seed``, so the same graph is drawn the same way.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.figures import draw_network
    >>> fig = draw_network(cg.load(cg.example_path()))
    >>> len(fig.axes)
    1
    """
    import networkx as nx

    from .view import side_colors

    fig = _figure(figsize=size, layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    colors = side_colors(graph)
    simple: nx.Graph[str] = nx.Graph()
    stances: dict[tuple[str, str], set[str]] = {}
    for s in graph.statement_records.values():
        stances.setdefault((s.actor, s.proposition), set()).add(s.stance)
    speaking = {a for a, _ in stances}
    for a in speaking:
        simple.add_node(a)
    for pid in graph.propositions:
        simple.add_node(pid)
    for a, pid in stances:
        simple.add_edge(a, pid, weight=1.0)
    members = [(a, m) for a in speaking for m in graph.actors[a].member_of[:1]]
    for a, m in members:  # up the membership chain, so an actor is drawn near its side
        while True:
            simple.add_edge(a, m, weight=0.5)
            if not graph.actors[m].member_of:
                break
            a, m = m, graph.actors[m].member_of[0]
    for prop in graph.propositions.values():
        for q in prop.contradicts:
            simple.add_edge(prop.id, q, weight=0.5)
    if simple.number_of_nodes() == 0:
        return fig
    pos = nx.spring_layout(simple, seed=seed, k=1.6 / max(simple.number_of_nodes(), 1) ** 0.5)
    stance_sides = graph.stance_sides(Window())
    for u, v in simple.edges():
        if u in graph.actors and v in graph.actors:
            (x0, y0), (x1, y1) = pos[u], pos[v]
            ax.plot([x0, x1], [y0, y1], color="#bbb", linewidth=0.8, zorder=0)
    for (a, pid), st in stances.items():
        (x0, y0), (x1, y1) = pos[a], pos[pid]
        one = next(iter(st)) if len(st) == 1 else None
        color = STANCE_COLORS[one] if one else STANCE_COLORS["both"]
        ax.plot(
            [x0, x1],
            [y0, y1],
            color=color,
            linewidth=1.2,
            alpha=0.7,
            linestyle="--" if "denies" in st else "-",
            zorder=1,
        )
    for prop in graph.propositions.values():
        for q in prop.contradicts:
            if q in pos:
                (x0, y0), (x1, y1) = pos[prop.id], pos[q]
                ax.plot([x0, x1], [y0, y1], color="#d62728", linewidth=3.5, zorder=1)
    big = simple.number_of_nodes() > 80
    for p in graph.propositions.values():
        yes, no = stance_sides.get(p.id, ((), ()))
        disputed = any(y != n for y in yes for n in no)
        x, y = pos[p.id]
        ax.scatter(
            [x],
            [y],
            marker="s",
            s=40,
            color="#f3efd9",
            edgecolors="#d62728" if disputed else "#888",
            linewidths=2 if disputed else 0.8,
            zorder=2,
        )
        if not big:
            ax.annotate(
                "\n".join(textwrap.wrap(p.text, label_width)[:3]),
                (x, y),
                fontsize=6,
                ha="center",
                va="top",
                xytext=(0, -6),
                textcoords="offset points",
                color="#444",
            )
    drawn = [n for n in simple if n in graph.actors]
    for a in drawn:
        side = graph.side(a)
        x, y = pos[a]
        ax.scatter([x], [y], s=140, color=colors.get(side, "#999"), edgecolors="#333", zorder=3)
        if not big or a == side:
            ax.annotate(
                graph.actors[a].name,
                (x, y),
                fontsize=7,
                fontweight="bold",
                ha="center",
                va="bottom",
                xytext=(0, 7),
                textcoords="offset points",
            )
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], marker="o", color=c, linestyle="", markersize=9, label=graph.actors[sd].name)
        for sd, c in colors.items()
        if any(graph.side(a) == sd for a in drawn)
    ][:10]
    handles += [
        Line2D([], [], color=_ASSERTS, label="asserts"),
        Line2D([], [], color=_DENIES, linestyle="--", label="denies"),
        Line2D([], [], color="#d62728", linewidth=3.5, label="contradicts"),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=7, frameon=False)
    title = getattr(graph, "title", None)
    if title:
        ax.set_title(title, fontsize=10, loc="left")
    if path is not None:
        save_figure(fig, path)
    return fig
