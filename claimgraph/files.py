"""Several files read as one graph: a dispute followed through many articles and sheets.

:func:`load_files` reads claimgraph files (native JSON, YAML authoring) *together*, so that
a record in one may name a record of another (a response in ``b.yaml`` to a statement of
``a.yaml``), and then the files of other formats (sheets, AIF, ClaimReview, ...) into the
result, in the order given. Everything is checked before anything is added: one problem
anywhere, and the error lists every problem, each with its file and line, and nothing is
loaded. A conflict names the file and line of *both* records.

Inline wording in one file that is, after :func:`~claimgraph.normalize_text`, the wording of
a proposition declared with an id in another file is that proposition, as it is within one
file.

:func:`validate_files` lists every problem of such a set of files, without loading.

Examples
--------
>>> import claimgraph as cg, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.yaml").write_text('''claimgraph: 1
... actors: {pakistan: Pakistan, afghanistan: Afghanistan}
... propositions: {sheltered: Militants are sheltered on Afghan soil.}
... statements: [{id: pk-says, actor: pakistan, asserts: sheltered}]
... ''', encoding="utf-8")
>>> _ = (folder / "b.yaml").write_text('''claimgraph: 1
... statements:
...   - {actor: afghanistan, denies: militants are sheltered on afghan soil,
...      responds_to: pk-says}
... ''', encoding="utf-8")
>>> g = cg.load_files([folder / "a.yaml", folder / "b.yaml"])
>>> len(g.propositions), [c.kind for c in g.contradictions()]
(1, ['dispute'])
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from . import io as _io
from ._gc import gc_paused
from .exceptions import (
    ClaimGraphError,
    ConflictError,
    ErrorDetail,
    FileFormatError,
    InvalidDataError,
    UnknownReferenceError,
)
from .formats._safe import cap_errors, current_limits
from .graph import ClaimGraph
from .models import Proposition, Record, Statement, derive_id
from .wording import normalize_text
from .writer import format_of

__all__ = ["load_files", "validate_files"]

PathLike = str | os.PathLike[str]


def _is_native(path: PathLike) -> bool:
    """Whether ``path`` is read as a claimgraph file: any file no other format claims
    (so that a file of no known format is refused by the claimgraph reader, naming it)."""
    from . import formats

    return formats.format_of(path, sniff=True) is None


@dataclass
class _Part:
    """One parsed claimgraph file, and where its records start in the joint batch."""

    path: str
    parsed: _io._Parsed
    start: int

    def line(self, pos: int) -> int | None:
        return self.parsed.record_line(pos - self.start)


def _parse_all(paths: Sequence[PathLike]) -> tuple[list[_Part], list[ErrorDetail]]:
    """Parse every claimgraph file; unreadable ones become errors naming the file."""
    parts: list[_Part] = []
    errors: list[ErrorDetail] = []
    start = 0
    for path in paths:
        where = os.fspath(path)
        try:
            fmt = format_of(path, None)
            parsed = _io._parse(_io._read_text(path), fmt, where)
        except FileFormatError as exc:
            errors += exc.errors
            continue
        except OSError as exc:
            errors.append(ErrorDetail("os_error", exc.strerror or str(exc), path=where))
            continue
        except ClaimGraphError as exc:
            errors.append(ErrorDetail("unreadable", str(exc), path=where))
            continue
        parts.append(_Part(where, parsed, start))
        start += len(parsed.records)
    return parts, errors


def _resolve_wordings(parts: list[_Part], into: ClaimGraph) -> None:
    """Point inline propositions at the declared proposition (of another file, or of the
    graph read into) that has their wording (normalised), and drop them."""
    declared: dict[str, str] = {}
    inline: dict[str, str] = {}  # derived id → normalised wording
    if any(type(r) is Proposition for p in parts for r in p.parsed.records):
        for prop in into.propositions.values():
            key = normalize_text(prop.text)
            if prop.id != derive_id("p-", key):
                declared.setdefault(key, prop.id)
    for part in parts:
        for rec in part.parsed.records:
            if type(rec) is not Proposition:
                continue
            key = normalize_text(rec.text)
            if rec.id == derive_id("p-", key):
                inline.setdefault(rec.id, key)
            else:
                declared.setdefault(key, rec.id)
    moved = {pid: declared[key] for pid, key in inline.items() if key in declared}
    if not moved:
        return
    for part in parts:
        records = part.parsed.records
        keep: list[int] = []
        for i, rec in enumerate(records):
            if type(rec) is Proposition and rec.id in moved:
                continue
            if type(rec) is Statement and rec.proposition in moved:
                records[i] = rec.model_copy(update={"proposition": moved[rec.proposition]})
            keep.append(i)
        if len(keep) < len(records):
            old_line = part.parsed.record_line
            part.parsed.records = [records[i] for i in keep]
            part.parsed.record_line = lambda j, k=keep, f=old_line: f(k[j])  # type: ignore[misc]
    start = 0
    for part in parts:
        part.start = start
        start += len(part.parsed.records)


def _plan(parts: list[_Part], into: ClaimGraph) -> tuple[object, list[ErrorDetail], list[Record]]:
    """Check the records of every part together against ``into``."""
    records: list[Record] = [r for p in parts for r in p.parsed.records]
    ignore = {i for p in parts for i in p.parsed.bad_ids}
    plan = into.plan(records, ignore=ignore)
    first: dict[str, int] = {}
    for pos, rec in enumerate(records):
        first.setdefault(rec.id, pos)

    def where(pos: int) -> tuple[str, int | None]:
        part = next(p for p in reversed(parts) if p.start <= pos)
        return part.path, part.line(pos)

    errors: list[ErrorDetail] = [e for p in parts for e in p.parsed.errors]
    conflicts = list(plan.conflict_at)
    for e in plan.all_errors:
        message = e.message
        if e.code == "conflict" and conflicts:
            pos = conflicts.pop(0)  # the duplicate's own line; the first's in the message
            path, line = where(pos)
            other = first.get(e.record_id or "")
            if other is not None and other != pos:
                opath, oline = where(other)
                at = f"at {opath}" + (f":{oline}" if oline else "")
                if "earlier in the input" in message:
                    message = message.replace("earlier in the input", at, 1)
                else:
                    message += f" ({at})"
        elif e.record_id is not None and e.record_id in first:
            path, line = where(first[e.record_id])
        else:
            path, line = (parts[0].path if parts else ""), None
        errors.append(ErrorDetail(e.code, message, e.record, e.field, path, line, e.record_id))
    return plan, errors, records


def _order(paths: Sequence[PathLike], errors: list[ErrorDetail]) -> list[ErrorDetail]:
    rank = {os.fspath(p): i for i, p in enumerate(paths)}
    return sorted(
        errors, key=lambda e: (rank.get(e.path or "", len(rank)), e.line is None, e.line or 0)
    )


def _error_class(errors: list[ErrorDetail]) -> type[InvalidDataError]:
    """The most specific class for ``errors``, as :func:`claimgraph.rules.raise_problems`
    picks it (and :class:`FileFormatError` when a file could not be read at all)."""
    codes = {e.code for e in errors}
    if codes & {"os_error", "unreadable"}:
        return FileFormatError
    if codes == {"conflict"}:
        return ConflictError
    if codes <= {"unknown_reference", "wrong_reference_type"}:
        return UnknownReferenceError
    return InvalidDataError


def _read_other(
    path: PathLike, graph: ClaimGraph, mapping: Mapping[str, str | None] | None
) -> None:
    """Read a file of another format into ``graph`` (atomically)."""
    from . import formats

    fmt = formats.format_of(path, sniff=True)
    if fmt == "csv":
        from .formats.tables import read_csv

        read_csv(path, mapping, into=graph)
        return
    graph.add_all(list(formats.read(path, fmt)))


def load_files(
    paths: Iterable[PathLike],
    *,
    into: ClaimGraph | None = None,
    mapping: Mapping[str, str | None] | None = None,
) -> ClaimGraph:
    """Read several files into one graph; references may cross files.

    The claimgraph files (``.json``, ``.yaml``) are checked together, then every file of
    another format (a CSV sheet, AIF, ClaimReview, GraphML, ...) is read into the result in
    the order given, matching what is there already (see :mod:`claimgraph.formats.tables`).
    ``mapping`` is the heading mapping of the sheets.

    Raises
    ------
    InvalidDataError
        Every problem of every file, each naming its file and line (a conflict names both
        records'); nothing is loaded, and ``into`` is left unchanged.
    FileFormatError
        A file that cannot be read, or a format that cannot be read.

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.load_files([cg.example_path(), cg.example_path()])  # the same twice: once
    >>> len(g.statement_records) == len(cg.load(cg.example_path()).statement_records)
    True
    """
    paths = list(paths)
    target = into if into is not None else ClaimGraph()
    natives = [p for p in paths if _is_native(p)]
    others = [p for p in paths if not _is_native(p)]
    work = target if not others else target.copy()
    with gc_paused():
        parts, errors = _parse_all(natives)
        _resolve_wordings(parts, work)
        plan, found, _records = _plan(parts, work)
        errors = _order(paths, errors + found)
        if errors:
            capped = cap_errors(errors, None, current_limits())
            files = "1 file" if len(paths) == 1 else f"{len(paths)} files"
            raise _error_class(errors)(
                f"{len(errors)} problem(s) in {files}; nothing was loaded", capped
            )
        work.apply(plan)  # type: ignore[arg-type]
    for path in others:
        _read_other(path, work, mapping)
    if work is not target:
        target.add_all(list(work))
    if target.title is None:
        target.title = next((p.parsed.title for p in parts if p.parsed.title), None)
    return target


def validate_files(paths: Iterable[PathLike]) -> list[ErrorDetail]:
    """Every problem of a set of files read together (empty when they are valid).

    Each problem names its file (``.path``) and, where known, its line.

    Examples
    --------
    >>> import claimgraph as cg
    >>> cg.validate_files([cg.example_path()])
    []
    """
    paths = list(paths)
    try:
        load_files(paths)
    except InvalidDataError as exc:  # FileFormatError too
        return exc.errors
    return []
