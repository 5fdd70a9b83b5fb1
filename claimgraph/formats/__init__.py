"""Formats other tools speak: spreadsheets, fact-checks, argument maps, graph files.

Each format is a submodule with ``read_*``/``write_*`` functions for files (and
``from_*``/``to_*`` for objects in memory):

| format | module | extensions |
| --- | --- | --- |
| ``csv`` | :mod:`claimgraph.formats.tables` | ``.csv`` (and DataFrames) |
| ``claimreview`` | :mod:`claimgraph.formats.claimreview` | ``.jsonld``, ``.claimreview.json`` |
| ``aif`` | :mod:`claimgraph.formats.aif` | ``.aif.json``, ``.aif`` |
| ``graphml`` | :mod:`claimgraph.formats.graphs` | ``.graphml`` |
| ``gexf`` | :mod:`claimgraph.formats.graphs` | ``.gexf`` |
| ``node-link`` | :mod:`claimgraph.formats.graphs` | ``.nodelink.json`` |
| ``apx`` | :mod:`claimgraph.formats.apx` | ``.apx`` (write only) |

:data:`FORMATS` is the registry (name → :class:`Format`); :func:`read` and :func:`write`
pick the format by name or from the file name, and sniff the content of a plain
``.json`` file. The ``claimgraph import`` and ``claimgraph export`` commands use them.

Examples
--------
>>> import claimgraph as cg
>>> from claimgraph import formats
>>> sorted(formats.FORMATS)
['aif', 'apx', 'claimreview', 'csv', 'gexf', 'graphml', 'node-link']
>>> formats.format_of("statements.csv"), formats.format_of("map.aif.json")
('csv', 'aif')
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ..exceptions import ErrorDetail, FileFormatError, InvalidArgumentError, InvalidDataError
from ..graph import ClaimGraph

__all__ = ["FORMATS", "Format", "format_of", "read", "write"]

Reader = Callable[[str | os.PathLike[str]], ClaimGraph]
Writer = Callable[[ClaimGraph, str | os.PathLike[str]], None]


class Format(NamedTuple):
    """One entry of the registry: how to read and write a format, and its file names."""

    reader: Reader | None
    """``reader(path) -> ClaimGraph``, or None when the format cannot be read back."""
    writer: Writer | None
    """``writer(graph, path)``, writing atomically."""
    extensions: tuple[str, ...]
    """File name endings, most specific first (``.aif.json`` before ``.json``)."""
    description: str
    """One line for ``--help``."""


@contextlib.contextmanager
def _located(path: str | None) -> Iterator[None]:
    """Name ``path`` in the :class:`InvalidDataError` raised in the block.

    Building a graph from records checks references and conflicts without knowing the
    file; the readers wrap it in this, so that every problem names the file it is in.
    """
    try:
        yield
    except InvalidDataError as exc:
        if path is None or all(e.path is not None for e in exc.errors):
            raise
        errors = [
            e if e.path is not None else dataclasses.replace(e, path=path) for e in exc.errors
        ]
        head = str(exc).split("\n", 1)[0]
        raise type(exc)(f"{path}: {head}", errors) from None


_ITEM = re.compile(r"^([^\[\].]+)\[(\d+)\]")


def _item_lines(text: str) -> dict[tuple[str, int], int]:
    """The line of every item of the lists a JSON object holds at its top level:
    ``(key, i)`` → the line item ``i`` of ``key`` starts on.

    ``text`` was parsed already (so it is valid JSON); the native reader's scanner skips
    each item with the decoder, not keeping it. Returns what was found before anything
    unexpected.
    """
    from ..io import _KEY_LINE, _iter_json_record_lines

    lines: dict[tuple[str, int], int] = {}
    try:
        for key, line in _iter_json_record_lines(text, sections=None):
            if key[1] != _KEY_LINE:
                lines.setdefault(key, line)
    except (ValueError, IndexError):  # pragma: no cover - the text was parsed before
        pass
    return lines


@contextlib.contextmanager
def _lines_of_items(data: bytes | str) -> Iterator[None]:
    """Give the problems raised in the block whose record is an item of a top-level list
    of the JSON ``data`` (``nodes[3]``, ``claims[0].claimReview[1]``) that item's line."""
    try:
        yield
    except InvalidDataError as exc:
        if all(e.line is not None or not _ITEM.match(e.record or "") for e in exc.errors):
            raise
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        lines = _item_lines(text)
        errors = []
        for e in exc.errors:
            m = _ITEM.match(e.record or "")
            if e.line is None and m is not None:
                e = dataclasses.replace(e, line=lines.get((m.group(1), int(m.group(2)))))
            errors.append(e)
        raise type(exc)(str(exc).split("\n", 1)[0], errors) from None


def _lazy(module: str, name: str) -> Any:
    """A function of a submodule, imported when first called."""

    def call(*args: Any, **kwargs: Any) -> Any:
        fn = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        return fn(*args, **kwargs)

    call.__name__ = name
    call.__qualname__ = f"{module}.{name}"
    return call


FORMATS: dict[str, Format] = {
    "csv": Format(
        _lazy("tables", "read_csv"),
        _lazy("tables", "write_csv"),
        (".csv",),
        "spreadsheet of statements, one row per statement and source",
    ),
    "claimreview": Format(
        _lazy("claimreview", "read_claimreview"),
        _lazy("claimreview", "write_claimreview"),
        (".claimreview.json", ".jsonld"),
        "schema.org ClaimReview JSON-LD (fact-checks), or Google Fact Check Tools JSON",
    ),
    "aif": Format(
        _lazy("aif", "read_aif"),
        _lazy("aif", "write_aif"),
        (".aif.json", ".aif"),
        "AIF / AIFdb JSON argument map",
    ),
    "graphml": Format(
        _lazy("graphs", "read_graphml"),
        _lazy("graphs", "write_graphml"),
        (".graphml",),
        "GraphML (Gephi, yEd, Cytoscape)",
    ),
    "gexf": Format(
        _lazy("graphs", "read_gexf"),
        _lazy("graphs", "write_gexf"),
        (".gexf",),
        "GEXF (Gephi)",
    ),
    "node-link": Format(
        _lazy("graphs", "read_node_link"),
        _lazy("graphs", "write_node_link"),
        (".nodelink.json", ".node-link.json"),
        "networkx node-link JSON",
    ),
    "apx": Format(
        None,
        _lazy("apx", "write_apx"),
        (".apx",),
        "attack graph of the statements for argumentation solvers (write only)",
    ),
}
"""The registry: format name → :class:`Format`."""


def _sniff_json(path: str | os.PathLike[str]) -> str | None:
    """Guess the format of a ``.json`` file from its first kilobytes."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(65536)
    except OSError:
        return None
    if '"format": "claimgraph"' in head or '"format":"claimgraph"' in head:
        return None  # native: not for this registry
    if '"locutions"' in head or ('"nodeID"' in head and '"fromID"' in head):
        return "aif"
    if "ClaimReview" in head or '"claimReview"' in head or '"claimReviewed"' in head:
        return "claimreview"
    if '"nodes"' in head and ('"edges"' in head or '"links"' in head):
        return "node-link"
    return None


def format_of(path: str | os.PathLike[str], *, sniff: bool = False) -> str | None:
    """The format a file name implies (None when it implies none).

    With ``sniff=True`` a plain ``.json`` file is opened and its format guessed from
    its content (AIF, ClaimReview or node-link).
    """
    name = Path(path).name.lower()
    best: tuple[int, str] | None = None
    for fmt, entry in FORMATS.items():
        for ext in entry.extensions:
            if name.endswith(ext) and (best is None or len(ext) > best[0]):
                best = (len(ext), fmt)
    if best is not None:
        return best[1]
    if sniff and name.endswith(".json"):
        return _sniff_json(path)
    return None


def _resolve(path: str | os.PathLike[str], format: str | None, *, reading: bool) -> Format:
    """The registry entry for ``path`` (named by ``format`` or implied by the name).

    Raises
    ------
    FileFormatError
        ``unknown_format``: the format is not in :data:`FORMATS`, or the name implies none
        (a :class:`ValueError` too, as it was before).
    """
    fmt = format if format is not None else format_of(path, sniff=reading)
    message = None
    if fmt is None:
        message = (
            f"cannot tell the format of {os.fspath(path)!r} from its name;"
            f" name one of: {', '.join(FORMATS)}"
        )
    elif fmt not in FORMATS:
        message = f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}"
    if message is not None:
        where = os.fspath(path)
        raise FileFormatError(
            f"cannot {'read' if reading else 'write'} {where}",
            [ErrorDetail("unknown_format", message, path=where)],
        )
    return FORMATS[str(fmt)]


def read(path: str | os.PathLike[str], format: str | None = None) -> ClaimGraph:
    """Read a file in one of the :data:`FORMATS` (named, or from the file name).

    Raises
    ------
    FileFormatError
        When the format is unknown (``unknown_format``) or cannot be read
        (``write_only``: APX), or the file is malformed; the errors name the file and the
        line, row or record.
    InvalidDataError
        When the records of the file are not valid, each named.
    """
    entry = _resolve(path, format, reading=True)
    if entry.reader is None:
        name = format or format_of(path)
        raise FileFormatError(
            f"cannot import {os.fspath(path)}",
            [
                ErrorDetail(
                    "write_only",
                    f"{name} holds only an attack graph (no actors, propositions or"
                    " sources), so it cannot be read into a claim graph",
                    path=os.fspath(path),
                )
            ],
        )
    return entry.reader(path)


def write(graph: ClaimGraph, path: str | os.PathLike[str], format: str | None = None) -> None:
    """Write ``graph`` in one of the :data:`FORMATS`, atomically.

    Examples
    --------
    >>> import claimgraph as cg, tempfile, pathlib
    >>> from claimgraph import formats
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "istanbul.gexf"
    >>> formats.write(cg.load(cg.example_path()), path)
    >>> formats.read(path).title
    'Pakistan and Afghanistan resume talks in Istanbul'
    """
    entry = _resolve(path, format, reading=False)
    if entry.writer is None:  # pragma: no cover - every registered format can be written
        raise InvalidArgumentError(f"{format} cannot be written")
    entry.writer(graph, path)
