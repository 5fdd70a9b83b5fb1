"""Partial dates: ``2025``, ``2025-10``, ``2025-10-19`` or a full ISO timestamp.

News rarely gives an exact day ("last month"), so claimgraph keeps dates as ISO 8601 strings
of year, month or day precision (optionally with a time). Such strings sort correctly as
plain strings, and :func:`date_bounds` gives the first and last day they cover, which is
what date-range filters compare.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

__all__ = ["PartialDate", "date_bounds", "date_precision", "overlaps", "parse_partial_date"]

_PATTERN = r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$"
DATE_PATTERN = _PATTERN
"""The regular expression of a partial date's canonical text (for JSON Schemas)."""
_RE = re.compile(_PATTERN)
_CACHE: dict[str, str] = {}


def parse_partial_date(value: Any) -> str:
    """Check and normalise a partial date, returning its canonical string.

    Accepts strings, ints (a bare year, as YAML reads ``2025``), :class:`datetime.date`
    and :class:`datetime.datetime`.

    Examples
    --------
    >>> parse_partial_date("2025-10")
    '2025-10'
    >>> import datetime
    >>> parse_partial_date(datetime.date(2025, 11, 6))
    '2025-11-06'
    >>> parse_partial_date(2025)
    '2025'
    >>> parse_partial_date("2025-13")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pydantic_core...PydanticCustomError: '2025-13' is not a valid date: month 13 does not exist
    """
    if isinstance(value, str):
        cached = _CACHE.get(value)
        if cached is not None:
            return cached
        result = _check(value)
        if len(_CACHE) < 100_000:
            _CACHE[value] = result
        return result
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    raise PydanticCustomError(
        "partial_date",
        f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD",
        {"value": value},
    )


def _check(text: str) -> str:
    s = text.strip()
    if not _RE.match(s):
        raise PydanticCustomError(
            "partial_date",
            "'{value}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD (optionally with a time)",
            {"value": text},
        )
    if len(s) >= 7:
        month = int(s[5:7])
        if not 1 <= month <= 12:
            raise PydanticCustomError(
                "partial_date",
                "'{value}' is not a valid date: month {month} does not exist",
                {"value": text, "month": month},
            )
    if len(s) >= 10:
        try:
            if len(s) > 10:
                # Python 3.10's fromisoformat does not read a trailing Z
                _dt.datetime.fromisoformat(s[:-1] + "+00:00" if s.endswith("Z") else s)
            else:
                _dt.date.fromisoformat(s)
        except ValueError as exc:
            raise PydanticCustomError(
                "partial_date",
                "'{value}' is not a valid date: {reason}",
                {"value": text, "reason": str(exc)},
            ) from None
    return s


PartialDate = Annotated[
    str,
    BeforeValidator(parse_partial_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _PATTERN,
            "description": "A date of year, month or day precision (YYYY, YYYY-MM, YYYY-MM-DD),"
            " or an ISO 8601 timestamp.",
            "examples": ["2025", "2025-10", "2025-10-19"],
        }
    ),
]
"""A partial ISO 8601 date string (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a timestamp)."""


def date_precision(value: str) -> str:
    """Return ``"year"``, ``"month"``, ``"day"`` or ``"time"`` for a partial date.

    Examples
    --------
    >>> date_precision("2025-10")
    'month'
    """
    n = len(value)
    if n == 4:
        return "year"
    if n == 7:
        return "month"
    if n == 10:
        return "day"
    return "time"


def date_bounds(value: str) -> tuple[str, str]:
    """First and last day (``YYYY-MM-DD``) covered by a partial date.

    The upper bound of a month is padded with day 31, which compares correctly as a string
    even for shorter months.

    Examples
    --------
    >>> date_bounds("2025")
    ('2025-01-01', '2025-12-31')
    >>> date_bounds("2025-10")
    ('2025-10-01', '2025-10-31')
    >>> date_bounds("2025-10-19T08:00Z")
    ('2025-10-19', '2025-10-19')
    """
    n = len(value)
    if n == 4:
        return value + "-01-01", value + "-12-31"
    if n == 7:
        return value + "-01", value + "-31"
    day = value[:10]
    return day, day


def overlaps(value: str | None, since: str | None, until: str | None) -> bool:
    """Whether the span of a partial date overlaps ``[since, until]`` (either may be open).

    An undated value (``None``) overlaps only a fully open range.

    Examples
    --------
    >>> overlaps("2025-10", "2025-10-15", None)
    True
    >>> overlaps("2025-09", "2025-10-15", None)
    False
    >>> overlaps(None, None, None)
    True
    """
    if since is None and until is None:
        return True
    if value is None:
        return False
    lo, hi = date_bounds(value)
    if since is not None and hi < date_bounds(since)[0]:
        return False
    return not (until is not None and lo > date_bounds(until)[1])
