"""The filters of the statement queries, parsed and checked once for every backend.

:func:`claimgraph.statements`, :func:`claimgraph.timeline`, :func:`claimgraph.agreements`
and their :class:`~claimgraph.store.Store` counterparts take the same keyword filters. They
all go through :meth:`StatementFilter.parse` (the values: kinds, stances, dates) and
:meth:`StatementFilter.check` (the ids, against the graph or the store), so an unknown
value is the same error, with the same words, whatever answers the query: never a silent
empty answer.

Examples
--------
>>> from claimgraph.filters import StatementFilter
>>> f = StatementFilter.parse(kind="demand", stance="denies", since="2025-10")
>>> sorted(f.kinds), f.stance, f.since
(['demand'], 'denies', '2025-10')
>>> StatementFilter.parse(kind="accussation")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
claimgraph.exceptions.InvalidArgumentError: kind: 'accussation' is not a statement kind; ...
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any, Literal, cast

from .dates import date_bounds, overlaps, parse_partial_date
from .exceptions import InvalidArgumentError, InvalidDataError
from .models import CERTAINTIES, Statement, StatementKind
from .models import STANCES as _STANCES
from .rules import not_found

__all__ = [
    "CONTRADICTION_KINDS",
    "STANCES",
    "StatementFilter",
    "Window",
    "Withdrawn",
    "contradiction_filter",
]

STANCES = _STANCES
"""The stances a statement can take."""

_KINDS = tuple(k.value for k in StatementKind)

CONTRADICTION_KINDS = ("dispute", "inconsistency")
"""The kinds of contradiction: between sides, or within one side."""


def _as_set(value: str | Iterable[str] | None) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return frozenset((value,))
    return frozenset(value)


def _date(value: Any, name: str) -> str | None:
    if value is None:
        return None
    try:
        return parse_partial_date(value)
    except ValueError as exc:
        raise InvalidDataError(f"{name}: {exc}") from None


def _withdrawn(value: Any) -> Withdrawn:
    if type(value) is not bool and value != "only":
        raise InvalidArgumentError(f"withdrawn must be True, False or 'only', not {value!r}")
    return cast(Withdrawn, value)


def _nearest(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


def _one_of(name: str, value: str, choices: Collection[str], what: str) -> InvalidArgumentError:
    return InvalidArgumentError(
        f"{name}: {value!r} is not {what}{_nearest(value, choices)}"
        f" (use one of {', '.join(sorted(choices))})"
    )


Withdrawn = bool | Literal["only"]
"""Which statements a query reads as to withdrawals: ``False`` (those that stand), ``True``
(all: the history) or ``"only"`` (the withdrawn ones)."""


@dataclass(frozen=True, slots=True)
class Window:
    """Which statements a query reads: said in a date range, standing on a day, or all.

    The one definition of the date and withdrawal rules that every backend primitive
    applies (:meth:`keeps` in memory; the store writes the same rule in SQL):

    - ``since``/``until``: keep dated statements whose date span overlaps the range.
    - By default only the statements that stand: a withdrawn one (see
      :class:`~claimgraph.Withdrawal`) is left out.
    - ``as_of`` (a partial date; its last day counts): what stood on that day — statements
      said by then (undated ones too) and not withdrawn by then. A partial date counts
      from its first day: a statement said in "2025-10" stood on 2025-10-05, one withdrawn
      in "2025-10" no longer did; a withdrawal of unknown date counts from the start.
    - ``withdrawn=True``: the history; withdrawn statements are kept.
    - ``withdrawn="only"``: only the withdrawn statements (withdrawn by ``as_of``, if given).

    Examples
    --------
    >>> from claimgraph import Statement
    >>> s = Statement(actor="a", proposition="p", said="2025-10-01", withdrawn="2025-10-02")
    >>> Window().keeps(s), Window(as_of="2025-10-01").keeps(s), Window(withdrawn=True).keeps(s)
    (False, True, True)
    >>> Window(as_of="2025-09").keeps(s)  # not said yet
    False
    >>> Window(withdrawn="only").keeps(s), Window(as_of="2025-10-01", withdrawn="only").keeps(s)
    (True, False)
    """

    since: str | None = None
    until: str | None = None
    as_of: str | None = None
    withdrawn: Withdrawn = False

    @property
    def dated(self) -> bool:
        """Whether only statements overlapping a date range are kept."""
        return self.since is not None or self.until is not None

    @property
    def current(self) -> bool:
        """Whether this is the default window: every statement that stands today."""
        return not self.dated and self.as_of is None and self.withdrawn is False

    @property
    def day(self) -> str | None:
        """The last day of ``as_of`` (``YYYY-MM-DD``), or None."""
        return None if self.as_of is None else date_bounds(self.as_of)[1]

    def stands(self, s: Statement) -> bool:
        """Whether a statement is read in this window, its ``since``/``until`` aside: said
        by ``as_of``, and standing then (or withdrawn then, for ``withdrawn="only"``)."""
        day = self.day
        if day is not None and s.said is not None and date_bounds(s.said)[0] > day:
            return False
        if self.withdrawn is True:
            return True
        w = s.withdrawn
        gone = w is not None and (day is None or w.date is None or date_bounds(w.date)[0] <= day)
        return gone if self.withdrawn == "only" else not gone

    def keeps(self, s: Statement) -> bool:
        """Whether a statement is read in this window."""
        if self.dated and not overlaps(s.said, self.since, self.until):
            return False
        return self.stands(s)


@dataclass(frozen=True, slots=True)
class StatementFilter:
    """Parsed statement filters: each is ``None`` (no filter) or the values to keep.

    Attributes
    ----------
    actors, sides, propositions, kinds, sources : frozenset of str or None
        Keep statements said by these actors / by actors of these sides / about these
        propositions / of these speech-act kinds / reported in these sources.
    stance : {"asserts", "denies", "reports"} or None
    certainty : {"certain", "hedged"} or None
        Keep only statements made with that certainty (``"certain"`` leaves hedged ones out).
    since, until : str or None
        Partial dates (normalised): keep dated statements overlapping ``[since, until]``.
    as_of : str or None
        A partial date (normalised): what stood on that day (see :class:`Window`).
    withdrawn : bool or "only"
        Keep withdrawn statements too (``True``: the history), or only them (``"only"``);
        by default they are left out.
    """

    actors: frozenset[str] | None = None
    sides: frozenset[str] | None = None
    propositions: frozenset[str] | None = None
    kinds: frozenset[str] | None = None
    stance: str | None = None
    certainty: str | None = None
    sources: frozenset[str] | None = None
    since: str | None = None
    until: str | None = None
    as_of: str | None = None
    withdrawn: Withdrawn = False

    @classmethod
    def parse(
        cls,
        *,
        actor: str | Iterable[str] | None = None,
        side: str | Iterable[str] | None = None,
        proposition: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
        stance: str | None = None,
        certainty: str | None = None,
        source: str | Iterable[str] | None = None,
        since: Any = None,
        until: Any = None,
        as_of: Any = None,
        withdrawn: Withdrawn = False,
    ) -> StatementFilter:
        """The filters given as keyword arguments, with kinds, stance and dates checked.

        Raises
        ------
        InvalidArgumentError
            A kind or stance that does not exist, naming the nearest valid one.
        InvalidDataError
            ``since``, ``until`` or ``as_of`` that is not a partial date.
        InvalidArgumentError
            ``withdrawn`` that is not True, False or "only".
        """
        kinds = _as_set(kind)
        for k in sorted(kinds or ()):
            if k not in _KINDS:
                raise _one_of("kind", k, _KINDS, "a statement kind")
        if stance is not None and stance not in STANCES:
            raise _one_of("stance", str(stance), STANCES, "a stance")
        if certainty is not None and certainty not in CERTAINTIES:
            raise _one_of("certainty", str(certainty), CERTAINTIES, "a certainty")
        return cls(
            actors=_as_set(actor),
            sides=_as_set(side),
            propositions=_as_set(proposition),
            kinds=kinds,
            stance=stance,
            certainty=certainty,
            sources=_as_set(source),
            since=_date(since, "since"),
            until=_date(until, "until"),
            as_of=_date(as_of, "as_of"),
            withdrawn=_withdrawn(withdrawn),
        )

    @property
    def dated(self) -> bool:
        """Whether the filter keeps only statements overlapping a date range."""
        return self.since is not None or self.until is not None

    @property
    def window(self) -> Window:
        """The dates and withdrawals of the filter, as the backends' primitives take them."""
        return Window(self.since, self.until, self.as_of, self.withdrawn)

    def check(
        self,
        missing: Callable[[str, frozenset[str]], Collection[str]],
        sides: Callable[[], Collection[str]],
        side_of: Callable[[str], str],
    ) -> None:
        """Refuse ids the backend does not hold, and sides that are not sides.

        Parameters
        ----------
        missing : callable
            ``missing(type, ids)``: the ids of that record type (``"actor"``,
            ``"proposition"``, ``"source"``) the backend does not hold.
        sides : callable
            The ids of the sides (asked only when a side filter is given).
        side_of : callable
            The side of an actor (to name it when a side filter names a member).

        Raises
        ------
        NotFoundError
            An actor, side, proposition or source id the backend does not hold.
        InvalidArgumentError
            A side filter naming an actor that is not a side (a member of one), naming the
            side it belongs to.
        """
        for ids, type, what in (
            (self.actors, "actor", "actor"),
            (self.sides, "actor", "side"),
            (self.propositions, "proposition", "proposition"),
            (self.sources, "source", "source"),
        ):
            if ids:
                for i in sorted(missing(type, ids)):
                    raise not_found(i, what)
        if self.sides:
            known = set(sides())
            for s in sorted(self.sides - known):
                raise InvalidArgumentError(
                    f"side: {s!r} is not a side (it belongs to {side_of(s)!r});"
                    f" the sides are {', '.join(sorted(known))}"
                )


def contradiction_filter(
    kind: str | None,
    between: tuple[str, str] | None,
    proposition: str | None,
    since: Any,
    until: Any,
    as_of: Any = None,
    withdrawn: Withdrawn = False,
) -> tuple[set[str], StatementFilter]:
    """The arguments of the contradiction queries: the kinds wanted, and the filter.

    ``between`` becomes the side filter and ``proposition`` the proposition filter, to be
    checked with :meth:`StatementFilter.check` like any other.

    Raises
    ------
    InvalidArgumentError
        An unknown ``kind``, or a ``between`` that does not name two sides.
    """
    if kind is not None and kind not in CONTRADICTION_KINDS:
        raise _one_of("kind", str(kind), CONTRADICTION_KINDS, "a kind of contradiction")
    if between is not None and (isinstance(between, str) or len(between) != 2):
        raise InvalidArgumentError(f"between must name two sides, not {between!r}")
    f = StatementFilter.parse(
        side=between,
        proposition=proposition,
        since=since,
        until=until,
        as_of=as_of,
        withdrawn=withdrawn,
    )
    return ({kind} if kind else set(CONTRADICTION_KINDS)), f
