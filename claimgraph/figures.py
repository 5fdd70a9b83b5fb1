"""Figures for reports: a timeline of statements, and a static drawing of the network.

:func:`plot_timeline` draws statements over time — on a proposition, of a
contradiction, of a whole dispute (one row per side), of a side (one row per speaker) or
of an actor (one row per proposition), placed by when they were said or by when what they
are about happened: a dot for an assertion, a cross for a denial, and a partial date (a
month, a year) drawn as a bar over the span it covers, on a date axis fitted to the data.
:func:`draw_network` draws actors and propositions, each actor linked to what it asserts
(green) or denies (red, dashed). Both return a :class:`matplotlib.figure.Figure` (shown
inline by a notebook) and, given ``path``, save it as PNG, SVG or PDF (by the file's
extension).

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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

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

__all__ = ["draw_network", "fitted_limits", "plot_timeline", "save_figure"]

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


_LABEL = 28
"""The longest point label, in characters."""


def _short(text: str, n: int = _LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


class _Subject:
    """What a timeline figure shows: its statements, its title, and how rows and points are
    named (rows are sides for a proposition or a dispute, speakers for a side, propositions
    for an actor)."""

    row: Callable[[Statement], str]
    """The row of a statement (a side, a speaker or a proposition)."""
    row_name: Callable[[str], str]
    point: Callable[[Statement], str]
    """A point's label."""

    def __init__(
        self,
        graph: ClaimGraph,
        subject: str | Contradiction | None,
        actor: str | None,
        side: str | None,
        dispute: str | None,
    ) -> None:
        given = [x for x in (subject, actor, side, dispute) if x is not None]
        if len(given) != 1:
            raise InvalidArgumentError(
                "plot_timeline: give exactly one of a proposition (or a contradiction),"
                f" actor=, side= or dispute= (got {len(given)})"
            )
        self.graph = graph
        names = graph.actors
        if actor is not None:
            self.stmts: list[Statement] = graph.timeline(actor=actor)
            self.title = names[actor].name
            self.row = lambda s: s.proposition
            self.row_name = lambda r: _short(graph.propositions[r].text, 40)
            self.point = lambda s: str(s.kind)
            return
        if side is not None:
            self.stmts = graph.timeline(side=side)
            self.title = f"{names[side].name} (side)"
            self.row = lambda s: s.actor
            self.row_name = lambda r: names[r].name
            self.point = lambda s: _short(graph.propositions[s.proposition].text)
            return
        if dispute is not None or isinstance(subject, str):
            pid = str(dispute if dispute is not None else subject)
            if pid not in graph.propositions:
                raise NotFoundError(f"no proposition with id '{pid}' in the graph")
            props = [pid]
            if dispute is not None:  # and the propositions declared to exclude it
                props += list(graph.propositions[pid].contradicts)
                props += [q.id for q in graph.propositions.values() if pid in q.contradicts]
                props = list(dict.fromkeys(props))
            self.stmts = graph.timeline(proposition=props)
            self.title = " ⊥ ".join(graph.propositions[q].text for q in props)
        else:
            assert subject is not None  # noqa: S101 - exactly one was given
            self.stmts = subject.statements
            self.title = " ⊥ ".join(subject.texts)
            props = list(subject.propositions)
        self.row = lambda s: graph.side(s.actor)
        self.row_name = lambda r: names[r].name
        if len(props) > 1:
            self.point = lambda s: (
                f"{names[s.actor].name}: {_short(graph.propositions[s.proposition].text, 20)}"
            )
        else:
            self.point = lambda s: names[s.actor].name


def _when(graph: ClaimGraph, s: Statement, by: str) -> tuple[_dt.date, _dt.date] | None:
    """The days a statement is drawn over: when it was said, or when its event happened."""
    if by == "said":
        return None if s.said is None else _span(s.said)
    prop = graph.propositions[s.proposition]
    if prop.happened is None:
        return None
    start = _span(prop.happened)[0]
    return start, _span(prop.happened_until or prop.happened)[1]


def fitted_limits(spans: list[tuple[_dt.date, _dt.date]]) -> tuple[_dt.date, _dt.date]:
    """The date axis of a timeline: the data's first and last day, padded by a twentieth of
    its length (at least a day), so a one-day dispute is drawn over three days, not years.

    Examples
    --------
    >>> import datetime as dt
    >>> d = dt.date(2025, 11, 5)
    >>> fitted_limits([(d, d)])
    (datetime.date(2025, 11, 4), datetime.date(2025, 11, 6))
    >>> fitted_limits([(dt.date(2025, 1, 1), dt.date(2025, 12, 31))])
    (datetime.date(2024, 12, 14), datetime.date(2026, 1, 18))
    """
    lo = min(a for a, _ in spans)
    hi = max(b for _, b in spans)
    pad = _dt.timedelta(days=max(1, round((hi - lo).days / 20)))
    return lo - pad, hi + pad


def plot_timeline(
    graph: ClaimGraph,
    subject: str | Contradiction | None = None,
    *,
    actor: str | None = None,
    side: str | None = None,
    dispute: str | None = None,
    by: Literal["said", "event"] = "said",
    path: str | os.PathLike[str] | None = None,
    width: float = 9.0,
    max_labels: int = 30,
) -> Figure:
    """A figure of statements over time: on a proposition, a contradiction, an actor's, a
    side's, or a whole dispute's.

    Give exactly one subject: a proposition id or a
    :class:`~claimgraph.Contradiction` (``subject``), ``dispute=`` a proposition id (the
    proposition and those declared to contradict it, one row per side), ``side=`` (one row
    per speaker of that side) or ``actor=`` (one row per proposition it spoke about).
    Assertions are green dots, denials red crosses, neutral reports grey squares; a
    statement dated only to a month or a year is a bar over that span. With
    ``by="event"``, statements are placed at when what they are about happened
    (:attr:`Proposition.happened <claimgraph.Proposition.happened>`, a range drawn as a
    bar) instead of when they were said.

    The date axis is fitted to the data (:func:`fitted_limits`). Points that fall on the
    same day in one row are spread out over the row's height; every point is labelled
    (with the speaker, or what was said) when there are at most ``max_labels`` of them,
    and points sharing a day always are. Undated statements cannot be placed and are
    counted in the title. With ``path``, the figure is also saved there.

    Raises
    ------
    InvalidArgumentError
        For no subject or more than one, or an unknown ``by``.
    NotFoundError
        For an unknown proposition, actor or side.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.figures import plot_timeline
    >>> g = cg.load(cg.example_path())
    >>> fig = plot_timeline(g, "ceasefire-agreed")
    >>> fig.axes[0].get_title(loc="left").startswith("A ceasefire")
    True
    >>> fig = plot_timeline(g, actor="pk-defense-minister")
    >>> import matplotlib.dates as mdates
    >>> [d.date().isoformat() for d in mdates.num2date(fig.axes[0].get_xlim())]
    ['2025-11-04', '2025-11-06']
    """
    _require_matplotlib()
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.lines import Line2D

    if by not in ("said", "event"):
        raise InvalidArgumentError(f"plot_timeline: by={by!r}; place by 'said' or 'event'")
    what = _Subject(graph, subject, actor, side, dispute)
    stmts, title = what.stmts, what.title
    placed = [(s, w) for s in stmts if (w := _when(graph, s, by)) is not None]
    undated = len(stmts) - len(placed)
    first: dict[str, str] = {}
    for s, (start, _) in sorted(placed, key=lambda p: p[1][0]):
        first.setdefault(what.row(s), start.isoformat())
    rows = sorted({what.row(s) for s in stmts}, key=lambda r: (what.row_name(r), r))
    if actor is not None:  # the propositions in the order they were first spoken about
        rows.sort(key=lambda r: first.get(r, "9999"))
    row = {r: i for i, r in enumerate(rows)}
    fig = _figure(figsize=(width, 1.6 + 0.55 * max(len(rows), 1)), layout="constrained")
    ax = fig.add_subplot()
    # points sharing a row and a day are spread over the row's height, in time order
    days: dict[tuple[int, _dt.date], list[int]] = {}
    mids: list[_dt.date] = []
    for i, (s, (start, end)) in enumerate(placed):
        middle = start + (end - start) / 2
        mids.append(middle)
        days.setdefault((row[what.row(s)], middle), []).append(i)
    offset = [0.0] * len(placed)
    crowded = [False] * len(placed)
    for group in days.values():
        k = len(group)
        if k > 1:
            step = min(0.7 / (k - 1), 0.3)
            for j, i in enumerate(group):
                offset[i] = (j - (k - 1) / 2) * step
                crowded[i] = True
    label_all = len(placed) <= max_labels
    lo, hi = fitted_limits([w for _, w in placed]) if placed else (None, None)
    for i, (s, (start, end)) in enumerate(placed):
        y = row[what.row(s)] + offset[i]
        color = STANCE_COLORS[s.stance]
        # matplotlib plots dates; its stubs only say numbers
        span: Any = [start, end]
        mid: Any = [mids[i]]
        if end > start:  # a month or a year (or an event's range): the span it covers
            ax.plot(span, [y, y], color=color, linewidth=6, alpha=0.35, zorder=1)
        marker = _MARKERS[s.stance]
        ax.plot(mid, [y], marker=marker, color=color, markersize=8, linestyle="", zorder=2)
        if label_all or crowded[i]:
            # a label reads away from the nearer edge, so none runs out of the axes
            left = lo is not None and hi is not None and mids[i] - lo > hi - mids[i]
            ax.annotate(
                what.point(s),
                (mid[0], y),
                xytext=(-7 if left else 7, 0),
                textcoords="offset points",
                fontsize=7,
                ha="right" if left else "left",
                va="center",
                color="#333",
                gid=f"label-{s.id}",
            )
    ax.set_yticks(range(len(rows)), [what.row_name(r) for r in rows])
    ax.set_ylim(-0.7, max(len(rows), 1) - 0.3)
    if lo is not None and hi is not None:
        limits: Any = (lo, hi)  # matplotlib takes dates; its stubs only say numbers
        ax.set_xlim(*limits)
        locator = AutoDateLocator(minticks=2, maxticks=8)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    else:
        ax.set_xticks([])
        ax.text(0.5, 0.5, "no dated statements", transform=ax.transAxes, ha="center")
    ax.grid(axis="x", alpha=0.3)
    kind = "events" if by == "event" else "statements"
    note = f" ({undated} undated not shown)" if undated else ""
    if by == "event":
        note = f" — by event time{note.replace('undated', 'without an event time')}"
    ax.set_title("\n".join(textwrap.wrap(title, 90)) + note, fontsize=10, loc="left")
    if not placed:
        ax.texts[-1].set_text(f"no dated {kind}")
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
                if any(s.stance == "reports" for s, _ in placed)
                else []
            ),
            Line2D(
                [],
                [],
                color="#888",
                linewidth=6,
                alpha=0.35,
                label="range" if by == "event" else "month / year",
            ),
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
