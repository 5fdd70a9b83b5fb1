"""claimgraph — track claims and counterclaims in disputes.

Write down who said what, when, where it was reported and who denied it; then ask where
the sides contradict each other, where they agree, and what each side demands.

Examples
--------
>>> import claimgraph as cg
>>> g = cg.load(cg.example_path())
>>> [c.kind for c in g.contradictions()]
['dispute', 'dispute']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .dates import PartialDate, date_bounds, date_precision, overlaps, parse_partial_date
from .exceptions import (
    ClaimGraphError,
    ConflictError,
    ErrorDetail,
    ExtensionLimitError,
    FileFormatError,
    InvalidArgumentError,
    InvalidDataError,
    MissingDependencyError,
    NotARecordError,
    NotFoundError,
    ReadOnlyError,
    ReferencedError,
    UnknownReferenceError,
)
from .graph import EDGE_TYPES, ClaimGraph, MergeResult
from .io import FORMAT_VERSION, dumps, load, loads, migrate, save, schema, validate
from .models import (
    Actor,
    ActorKind,
    Proposition,
    Record,
    Report,
    Review,
    Source,
    SourceKind,
    Stance,
    Statement,
    StatementKind,
    Withdrawal,
    derive_id,
    normalize_text,
    slugify,
)
from .queries import (
    Agreement,
    Contradiction,
    Positions,
    Retraction,
    StanceGroup,
    agreements,
    contradictions,
    positions,
    retractions,
    statements,
    timeline,
)
from .reports import report, report_data

__version__ = "0.1.0"

__all__ = [
    # models
    "Actor",
    "ActorKind",
    "Proposition",
    "Record",
    "Report",
    "Review",
    "Source",
    "SourceKind",
    "Stance",
    "Statement",
    "StatementKind",
    "Withdrawal",
    "PartialDate",
    "derive_id",
    "normalize_text",
    "slugify",
    "parse_partial_date",
    "date_bounds",
    "date_precision",
    "overlaps",
    # graph
    "ClaimGraph",
    "MergeResult",
    "EDGE_TYPES",
    # queries
    "contradictions",
    "agreements",
    "positions",
    "retractions",
    "statements",
    "timeline",
    "Contradiction",
    "StanceGroup",
    "Agreement",
    "Positions",
    "Retraction",
    # files
    "load",
    "loads",
    "migrate",
    "save",
    "dumps",
    "validate",
    "schema",
    "FORMAT_VERSION",
    "example_path",
    # reports
    "report",
    "report_data",
    # errors
    "ClaimGraphError",
    "ErrorDetail",
    "InvalidDataError",
    "UnknownReferenceError",
    "ConflictError",
    "ReferencedError",
    "NotFoundError",
    "ReadOnlyError",
    "FileFormatError",
    "MissingDependencyError",
    "InvalidArgumentError",
    "NotARecordError",
    "ExtensionLimitError",
]


_SUBMODULES = frozenset(
    {
        "argumentation",
        "backend",
        "corroboration",
        "display",
        "extract",
        "figures",
        "formats",
        "frames",
        "reports",
        "reversals",
        "store",
        "truth",
        "view",
    }
)
"""The modules reached as attributes of the package (``cg.store.Store``), imported on first
use so that ``import claimgraph`` stays light and needs no optional extra."""


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'claimgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_SUBMODULES})


def example_path(name: str = "istanbul-talks.yaml") -> Path:
    """The path of a bundled example dataset (the Istanbul talks by default).

    Examples
    --------
    >>> import claimgraph as cg
    >>> cg.example_path().name
    'istanbul-talks.yaml'
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / name, here.parent / "examples" / name):
        if candidate.is_file():
            return candidate
    raise NotFoundError(f"no bundled example named {name!r}")
