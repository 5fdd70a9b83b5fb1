"""The exceptions claimgraph raises.

Every exception derives from :class:`ClaimGraphError`, so ``except cg.ClaimGraphError``
catches all of them. Exceptions about data carry a list of :class:`ErrorDetail` records
(``err.errors``), each naming the record, the field and, for files, the line, plus a
stable machine-readable ``code`` that programs and tests can match on.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ClaimGraphError",
    "ConflictError",
    "ErrorDetail",
    "ExtensionLimitError",
    "FileFormatError",
    "InvalidArgumentError",
    "InvalidDataError",
    "MissingDependencyError",
    "NotARecordError",
    "NotFoundError",
    "ReadOnlyError",
    "ReferencedError",
    "UnknownReferenceError",
]


@dataclass(frozen=True, slots=True)
class ErrorDetail:
    """One problem found in the data.

    Attributes
    ----------
    code : str
        A stable identifier for the kind of problem (``"unknown_reference"``,
        ``"conflict"``, ``"extra_forbidden"``, ``"partial_date"``, ...).
    message : str
        A sentence for people.
    record : str or None
        The record the problem is in, e.g. ``"statement 'pk-shelter'"`` or
        ``"statements[3]"`` when the record has no id yet.
    field : str or None
        The field of that record, e.g. ``"stance"`` or ``"reports.0.source"``.
    path : str or None
        The file the record came from, if any.
    line : int or None
        The 1-based line in that file, if known.

    Examples
    --------
    >>> d = ErrorDetail("unknown_reference", "no actor 'x'", "statement 's1'", "actor")
    >>> str(d)
    "statement 's1', field 'actor': no actor 'x' [unknown_reference]"
    """

    code: str
    message: str
    record: str | None = None
    field: str | None = None
    path: str | None = None
    line: int | None = None
    record_id: str | None = None
    """The id of the record, when it has one (used to find its line in a file)."""

    def __str__(self) -> str:
        where = []
        if self.path is not None:
            where.append(f"{self.path}:{self.line}" if self.line is not None else self.path)
        elif self.line is not None:
            where.append(f"line {self.line}")
        if self.record:
            where.append(self.record)
        if self.field:
            where.append(f"field '{self.field}'")
        prefix = ", ".join(where)
        return (
            f"{prefix}: {self.message} [{self.code}]" if prefix else f"{self.message} [{self.code}]"
        )


class ClaimGraphError(Exception):
    """Base class of every error raised by claimgraph."""


class InvalidDataError(ClaimGraphError, ValueError):
    """Data that does not fit the model: a bad field, a bad date, an unknown kind.

    ``errors`` lists every problem found, not only the first.
    """

    def __init__(self, message: str, errors: list[ErrorDetail] | None = None) -> None:
        self.errors: list[ErrorDetail] = list(errors or [])
        if self.errors:
            shown = "\n".join(f"  - {e}" for e in self.errors[:20])
            more = f"\n  ... and {len(self.errors) - 20} more" if len(self.errors) > 20 else ""
            message = f"{message}\n{shown}{more}"
        super().__init__(message)


class UnknownReferenceError(InvalidDataError):
    """A record names an id that is not in the graph (e.g. a statement's unknown actor)."""


class ConflictError(InvalidDataError):
    """Two records share an id but differ in content (on add or on merge)."""


class ReferencedError(ClaimGraphError, ValueError):
    """A record cannot be removed because other records still refer to it."""


class NotFoundError(ClaimGraphError, KeyError):
    """No record with that id is in the graph."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class FileFormatError(InvalidDataError):
    """A file that cannot be read: malformed JSON/YAML, or a wrong format version."""


class InvalidArgumentError(ClaimGraphError, ValueError):
    """An argument outside what a function takes: an unknown format, method or option.

    The message names the value given and what would be accepted.
    """


class NotARecordError(ClaimGraphError, TypeError):
    """Something that is not a record where records are expected (e.g. in ``add_all``)."""


class ReadOnlyError(ClaimGraphError, AttributeError):
    """An attempt to change a read-only result (a :class:`~claimgraph.Contradiction`)."""


class MissingDependencyError(ClaimGraphError, ImportError):
    """An optional dependency is not installed; the message names what to install."""


class ExtensionLimitError(ClaimGraphError):
    """Listing argumentation extensions passed its limit: too many, or out of time.

    Raised by :meth:`~claimgraph.argumentation.ArgumentationFramework.extensions` (and
    the methods that list extensions) past its ``limit`` or ``timeout``, and by the
    acceptance functions past their ``timeout``. Which arguments are accepted does not
    need the list: :func:`~claimgraph.argumentation.acceptance` and
    :meth:`~claimgraph.argumentation.ArgumentationFramework.accepted` answer without it.

    Attributes
    ----------
    semantics : str
        The semantics being listed.
    limit : int or None
        The count limit in force.
    timeout : float or None
        The time limit that was reached (None: the count limit was).
    count : int or None
        The number of extensions, when known (independent parts counted apart).
    found : int or None
        How many extensions had been found when the search stopped.

    Examples
    --------
    >>> str(ExtensionLimitError("preferred", 10, None, 1024))  # doctest: +ELLIPSIS
    '1024 preferred extensions, more than the limit of 10; ...'
    """

    def __init__(
        self,
        semantics: str,
        limit: int | None,
        timeout: float | None,
        count: int | None = None,
        found: int | None = None,
    ) -> None:
        self.semantics = semantics
        self.limit = limit
        self.timeout = timeout
        self.count = count
        self.found = found
        hint = (
            "acceptance() and accepted() say which arguments are accepted without listing"
            " the extensions; pass limit=None (or a larger limit/timeout) to list them"
        )
        if timeout is not None:
            what = f"time limit of {timeout:g} s reached computing {semantics} extensions"
            if found:
                what += f" ({found} found)"
        elif count is not None:
            what = f"{count} {semantics} extensions, more than the limit of {limit}"
        else:
            what = f"more than {limit} {semantics} extensions"
        super().__init__(f"{what}; {hint}")
