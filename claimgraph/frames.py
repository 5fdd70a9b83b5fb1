"""Query results as pandas DataFrames, and the positions query as a side × proposition table.

The statements of a graph and the way back (a DataFrame of statements → a graph) are
:func:`claimgraph.formats.tables.to_dataframe` and
:func:`~claimgraph.formats.tables.from_dataframe`, re-exported here as
:func:`statements_frame` and :func:`from_frame`.

Dates are ``datetime64`` columns at the *start* of the partial date, with the precision
(``year``, ``month``, ``day``, ``time``) in a ``said_precision`` column, so a statement
said "in October 2025" is not mistaken for one said on 1 October.

Needs pandas (``pip install 'claimgraph[pandas]'``).

Examples
--------
>>> import claimgraph as cg
>>> from claimgraph import frames
>>> g = cg.load(cg.example_path())
>>> df = frames.contradictions_frame(g.contradictions(), g)
>>> sorted(set(df["side"]))
['afghanistan', 'pakistan']
>>> str(df["said"].dtype)
'datetime64[us]'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .dates import date_bounds, date_precision
from .exceptions import MissingDependencyError
from .formats.tables import from_dataframe as from_frame
from .formats.tables import to_dataframe as statements_frame
from .models import STANCES

if TYPE_CHECKING:
    import pandas as pd

    from .backend import Lookup
    from .models import Statement
    from .queries import Agreement, Contradiction, Positions

__all__ = [
    "agreements_frame",
    "contradictions_frame",
    "from_frame",
    "positions_frame",
    "statements_frame",
    "timeline_frame",
]

_STANCES = list(STANCES)


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError(
            "DataFrames need pandas: pip install 'claimgraph[pandas]'"
        ) from None
    return pd


def _row(s: Statement, graph: Lookup) -> dict[str, Any]:
    prop = graph.propositions.get(s.proposition)
    names = []
    for r in s.reports:
        src = graph.sources.get(r.source)
        names.append((src.publisher or src.title or r.source) if src else r.source)
    return {
        "statement": s.id,
        "said": date_bounds(s.said)[0] if s.said else None,
        "said_precision": date_precision(s.said) if s.said else None,
        "actor": s.actor,
        "actor_name": graph.actors[s.actor].name if s.actor in graph.actors else s.actor,
        "side": graph.side(s.actor) if s.actor in graph.actors else None,
        "stance": s.stance,
        "kind": str(s.kind),
        "proposition": s.proposition,
        "text": prop.text if prop else None,
        "quote": " / ".join(s.quotes) or None,
        "sources": ", ".join(names) or None,
    }


def _frame(rows: list[dict[str, Any]], first: Sequence[str] = ()) -> pd.DataFrame:
    pdm = _pandas()
    columns = [*first, *(k for k in _row_columns() if k not in first)]
    df: pd.DataFrame = pdm.DataFrame(rows, columns=columns)
    df["said"] = pdm.to_datetime(df["said"]).astype("datetime64[us]")
    for col in ("said_precision", "side", "kind", "actor"):
        df[col] = df[col].astype("category")
    df["stance"] = pdm.Categorical(df["stance"], categories=_STANCES)
    for col in ("statement", "actor_name", "proposition", "text", "quote", "sources"):
        df[col] = df[col].astype("string")
    return df


def _row_columns() -> list[str]:
    return [
        "statement",
        "said",
        "said_precision",
        "actor",
        "actor_name",
        "side",
        "stance",
        "kind",
        "proposition",
        "text",
        "quote",
        "sources",
    ]


def timeline_frame(stmts: Iterable[Statement], graph: Lookup) -> pd.DataFrame:
    """One row per statement (in the given order): date, actor, side, stance, quote, sources.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.frames import timeline_frame
    >>> g = cg.load(cg.example_path())
    >>> df = timeline_frame(g.timeline(proposition="ceasefire-agreed"), g)
    >>> df[["side", "said_precision"]].astype(str).values.tolist()
    [['afghanistan', 'month'], ['pakistan', 'month']]
    """
    return _frame([_row(s, graph) for s in stmts])


def contradictions_frame(
    found: Iterable[Contradiction], graph: Lookup | None = None
) -> pd.DataFrame:
    """One row per statement of each contradiction.

    ``contradiction`` numbers the contradictions (from 0, in the order given);
    ``contradiction_kind`` (dispute or inconsistency) and ``basis`` describe it;
    ``position`` (0 or 1) says which of its two incompatible positions the statement
    takes. The other columns are those of :func:`timeline_frame`.
    """
    rows = []
    for i, c in enumerate(found):
        g = graph if graph is not None else c.lookup
        for j, group in enumerate(c.groups):
            for s in group.statements:
                rows.append(
                    {
                        "contradiction": i,
                        "contradiction_kind": c.kind,
                        "basis": c.basis,
                        "position": j,
                        **_row(s, g),
                    }
                )
    df = _frame(rows, ["contradiction", "contradiction_kind", "basis", "position"])
    for col in ("contradiction_kind", "basis"):
        df[col] = df[col].astype("category")
    for col in ("contradiction", "position"):
        df[col] = df[col].astype("int64")
    return df


def agreements_frame(found: Iterable[Agreement], graph: Lookup) -> pd.DataFrame:
    """One row per statement of each agreement, numbered by ``agreement`` (from 0)."""
    rows = [{"agreement": i, **_row(s, graph)} for i, a in enumerate(found) for s in a.statements]
    df = _frame(rows, ["agreement"])
    df["agreement"] = df["agreement"].astype("int64")
    return df


def positions_frame(positions: Positions, graph: Lookup | None = None) -> pd.DataFrame:
    """The side × proposition table: a row per side, a column per proposition.

    Each cell is ``asserts``, ``denies``, ``both`` or missing (the side took no position),
    as a categorical. With ``graph``, the index holds side names and the columns the
    propositions' wordings; otherwise their ids.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.frames import positions_frame
    >>> g = cg.load(cg.example_path())
    >>> table = positions_frame(g.positions())
    >>> table["militants-sheltered"].dropna().to_dict()
    {'afghanistan': 'denies', 'pakistan': 'asserts'}
    """
    pdm = _pandas()
    sides, props = positions.sides, positions.propositions
    cat = pdm.CategoricalDtype(["asserts", "denies", "both", "reports"])
    data = {
        p: pdm.Series([positions.stance(s, p) for s in sides], index=sides, dtype=cat)
        for p in props
    }
    df: pd.DataFrame = pdm.DataFrame(data, index=pdm.Index(sides, name="side"))
    df.columns.name = "proposition"
    if graph is not None:
        df.index = pdm.Index([graph.actors[s].name for s in sides], name="side")
        df.columns = pdm.Index([graph.propositions[p].text for p in props], name="proposition")
    return df
