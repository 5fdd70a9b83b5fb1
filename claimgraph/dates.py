"""Partial dates: ``2025``, ``2025-10``, ``2025-10-19`` or a full ISO timestamp.

News rarely gives an exact day ("last month"), so claimgraph keeps dates as ISO 8601 strings
of year, month or day precision (optionally with a time). Such strings sort correctly as
plain strings, and :func:`date_bounds` gives the first and last day they cover, which is
what date-range filters compare.

News also dates things *relative to when it was published* ("yesterday", "on Saturday",
"last month", "two days ago", "on Oct. 19"). :func:`resolve_date` turns such wording into
a partial date (or a range of them) against a publication date; the YAML authoring format
uses it for a statement's ``said`` and a proposition's ``happened``, resolved against the
publication date of the source that reports the statement, keeping the original wording.

The resolver is small and written here on purpose (no dependency): the wordings news uses
are a short, closed list, and each must keep its *precision* — "last month" is a month,
not a day — which general date parsers (``dateparser``) do not give back; they answer
with one full timestamp. What it reads (case-insensitive, an optional leading "on", "in"
or "at", and a trailing "morning", "afternoon", "evening" or "night" ignored):

=====================================================  ========================================
wording                                                resolves to
=====================================================  ========================================
today, tonight, this morning / evening, earlier today   the publication day
yesterday, last night; the day before yesterday        one day before; two days before
tomorrow                                               one day after
*n* days / weeks ago (*n* a number, a word or "a")     the day *n* (or 7·*n*) days before
*n* months / years ago                                 that month / that year
last / this / next week                                the range Monday–Sunday of that week
last / this / next weekend                             the range Saturday–Sunday
last / this / next month, year; earlier/later this …   that month / that year (week: the range)
Saturday, on Saturday                                  the latest Saturday on or before the day
last Saturday, this past Saturday                      the latest Saturday before the day
next Saturday; this Saturday                           the next one after; the one in that week
Oct. 19, October 19th, 19 October (2025)               that day; without a year, the nearest one
October, early / mid- / late October (2025)            that month; without a year, the last one
                                                       (or one up to two months ahead)
=====================================================  ========================================

A bare weekday is taken as past (news reports what happened); write "next Saturday" for a
day to come. Anything else is refused with the code ``date_wording``.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .exceptions import ErrorDetail, InvalidDataError

__all__ = [
    "DateSpan",
    "PartialDate",
    "covering_date",
    "date_bounds",
    "date_precision",
    "is_partial_date",
    "is_wording",
    "overlaps",
    "parse_partial_date",
    "resolve_date",
]

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


# ------------------------------------------------------------------------ relative dates
_ISO_LIKE = re.compile(r"^\s*\d{4}(\W|$)")


def is_wording(value: str) -> bool:
    """Whether a date cell or field is news wording ("last month") rather than a date.

    Text that starts like an ISO date ("2025-13", "2025/10") is not wording: a typo in a
    date is a bad date, not words to resolve.

    >>> is_wording("last month"), is_wording("2025-10-19"), is_wording("2025-13")
    (True, False, False)
    """
    return not is_partial_date(value) and not _ISO_LIKE.match(value)


def is_partial_date(value: Any) -> bool:
    """Whether ``value`` is a partial date as it stands (not wording to resolve).

    >>> is_partial_date("2025-10"), is_partial_date(2025), is_partial_date("last month")
    (True, True, False)
    """
    try:
        parse_partial_date(value)
    except PydanticCustomError:
        return False
    return True


_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:,?\s+(\d{4}))?"
_RE_MONTH_DAY = re.compile(rf"^({_MONTH_RE})\.?\s+{_DAY_RE}{_YEAR_RE}$")
_RE_DAY_MONTH = re.compile(rf"^{_DAY_RE}\s+(?:of\s+)?({_MONTH_RE})\.?{_YEAR_RE}$")
_RE_MONTH = re.compile(rf"^(?:(?:early|mid|late)[\s-]+)?({_MONTH_RE})\.?{_YEAR_RE}$")
_RE_AGO = re.compile(r"^(\d+|[a-z]+)\s+(day|week|month|year)s?\s+ago$")
_RE_UNIT = re.compile(r"^(?:(earlier|later)\s+)?(last|this|next|past)\s+(week|weekend|month|year)$")
_RE_WEEKDAY = re.compile(r"^(?:(last|this past|past|next|this|coming|this coming)\s+)?([a-z]+)\.?$")
_TIME_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")
_LEAD = re.compile(r"^(?:on|in|at)\s+")

DateSpan = tuple[str, str | None]
"""A resolved date: a partial date, and the partial date a range ends on (or ``None``)."""


def _wording_error(text: str, why: str, code: str = "date_wording") -> InvalidDataError:
    return InvalidDataError(
        f"cannot resolve the date {text!r}", [ErrorDetail(code, f"{text!r}: {why}")]
    )


def _nearest_year(base: _dt.date, month: int, day: int) -> int:
    """The year putting ``month``/``day`` nearest to ``base`` (Dec. 28 in a January article
    is last December; Nov. 10 in a November 6 article is this year's)."""

    def distance(year: int) -> int:
        try:
            d = _dt.date(year, month, day)
        except ValueError:  # Feb. 29 of a common year
            return 10**6
        return abs((d - base).days)

    return min((base.year - 1, base.year, base.year + 1), key=distance)


def _day(d: _dt.date) -> str:
    return d.isoformat()


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + by
    return n // 12, n % 12 + 1


def resolve_date(text: str, published: str | None) -> DateSpan:
    """Resolve news wording such as "last month" or "on Saturday" against ``published``.

    Returns ``(start, until)``: a partial date, and the one a range ends on (``None`` when
    the wording names one day, month or year). A partial date given as it stands is
    returned unchanged, and so is wording that names its own year ("Oct. 19, 2025").
    ``published`` is the publication date of the source; wording that needs a day
    ("yesterday") needs a publication day. The wordings read are listed in
    the module's documentation (:mod:`claimgraph.dates`).

    Raises
    ------
    InvalidDataError
        Code ``date_wording`` for wording it does not read; ``relative_date_unresolved``
        when relative wording has no ``published`` (``None``); ``relative_date_base`` when
        ``published`` is less precise than the wording needs.

    Examples
    --------
    >>> resolve_date("yesterday", "2025-11-06")
    ('2025-11-05', None)
    >>> resolve_date("last month", "2025-11-06")
    ('2025-10', None)
    >>> resolve_date("on Saturday", "2025-10-20")  # a Monday
    ('2025-10-18', None)
    >>> resolve_date("two days ago", "2025-11-06")
    ('2025-11-04', None)
    >>> resolve_date("on Oct. 19", "2025-11-06")
    ('2025-10-19', None)
    >>> resolve_date("last week", "2025-11-06")  # a Thursday
    ('2025-10-27', '2025-11-02')
    >>> resolve_date("the other day", "2025-11-06")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    claimgraph.exceptions.InvalidDataError: cannot resolve the date 'the other day'
      - 'the other day': not a date, nor a relative date claimgraph reads ... [date_wording]
    """
    if is_partial_date(text):
        return parse_partial_date(text), None
    base_text = None if published is None else parse_partial_date(published)
    words = _SPACE.sub(" ", text.strip().lower().rstrip(".,;"))
    words = _LEAD.sub("", words)
    if words not in ("tonight", "last night"):
        words = _TIME_OF_DAY.sub("", words)
    words = words.replace("the day before yesterday", "2 days ago")
    precision = "none" if base_text is None else date_precision(base_text)
    year = 0 if base_text is None else int(base_text[:4])
    month = int(base_text[5:7]) if base_text is not None and precision != "year" else 0

    def need(p: str) -> None:
        if base_text is None:
            raise _wording_error(
                text,
                "a relative date needs a publication date to resolve it against",
                "relative_date_unresolved",
            )
        order = ("year", "month", "day")
        have = "day" if precision == "time" else precision
        if order.index(have) < order.index(p):
            raise _wording_error(
                text,
                f"resolving it needs a publication date of {p} precision, but the source"
                f" is dated {base_text}",
                "relative_date_base",
            )

    def base_day() -> _dt.date:
        need("day")
        return _dt.date.fromisoformat(str(base_text)[:10])

    if words in ("this", "earlier today", "later today"):  # this morning, ...
        words = "today"
    days = {"today": 0, "tonight": 0, "yesterday": -1, "last night": -1, "tomorrow": 1}
    if words in days:
        return _day(base_day() + _dt.timedelta(days=days[words])), None
    m = _RE_AGO.match(words)
    if m:
        n = int(m[1]) if m[1].isdigit() else _NUMBERS.get(m[1])
        if n is not None:
            unit = m[2]
            if unit in ("day", "week"):
                return _day(base_day() - _dt.timedelta(days=n * (7 if unit == "week" else 1))), None
            if unit == "month":
                need("month")
                return _month(*_shift_month(year, month, -n)), None
            need("year")
            return f"{year - n:04d}", None
    m = _RE_UNIT.match(words)
    if m:
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[m[2]]
        if m[1] is not None and step != 0:  # "earlier last month" is not news English
            raise _wording_error(text, "not a date, nor a relative date claimgraph reads")
        unit = m[3]
        if unit == "year":
            need("year")
            return f"{year + step:04d}", None
        if unit == "month":
            need("month")
            return _month(*_shift_month(year, month, step)), None
        d = base_day()
        monday = d - _dt.timedelta(days=d.weekday()) + _dt.timedelta(weeks=step)
        if unit == "week":
            return _day(monday), _day(monday + _dt.timedelta(days=6))
        sat = monday + _dt.timedelta(days=5)
        return _day(sat), _day(sat + _dt.timedelta(days=1))
    m = _RE_WEEKDAY.match(words)
    if m and m[2] in _WEEKDAYS:
        d = base_day()
        wd = _WEEKDAYS[m[2]]
        which = m[1] or ""
        back = (d.weekday() - wd) % 7
        if which in ("last", "this past", "past"):
            back = back or 7
            return _day(d - _dt.timedelta(days=back)), None
        if which in ("next", "coming", "this coming"):
            return _day(d + _dt.timedelta(days=(wd - d.weekday()) % 7 or 7)), None
        if which == "this":
            return _day(d + _dt.timedelta(days=wd - d.weekday())), None
        return _day(d - _dt.timedelta(days=back)), None
    m = _RE_MONTH_DAY.match(words)
    if m:
        return _month_day(text, base_day, _MONTHS[m[1]], int(m[2]), m[3])
    m = _RE_DAY_MONTH.match(words)
    if m:
        return _month_day(text, base_day, _MONTHS[m[2]], int(m[1]), m[3])
    m = _RE_MONTH.match(words)
    if m:
        mon = _MONTHS[m[1]]
        if m[2]:
            return _month(int(m[2]), mon), None
        need("month")
        ahead = (mon - month) % 12  # up to two months ahead is to come, else it is past
        return _month(
            year + (month + ahead > 12) if ahead <= 2 else year - (mon > month), mon
        ), None
    raise _wording_error(
        text, "not a date, nor a relative date claimgraph reads (see claimgraph.dates)"
    )


_SPACE = re.compile(r"\s+")


def _month_day(
    text: str, base_day: Callable[[], _dt.date], month: int, day: int, year: str | None
) -> DateSpan:
    y = _nearest_year(base_day(), month, day) if year is None else int(year)
    try:
        return _dt.date(y, month, day).isoformat(), None
    except ValueError as exc:
        raise _wording_error(text, f"not a valid date: {exc}", "partial_date") from None


def covering_date(span: DateSpan) -> str:
    """The most precise single partial date covering a span (a range's day, month or year).

    A statement's ``said`` holds one partial date, so "last week" said by a source is
    kept as the month (or year) the week falls in; the wording is kept beside it. A range
    over New Year is kept as the year it begins in.

    >>> covering_date(("2025-10-27", "2025-11-02")), covering_date(("2025-11-03", "2025-11-09"))
    ('2025', '2025-11')
    >>> covering_date(("2025-10-19", None))
    '2025-10-19'
    """
    start, until = span
    if until is None or until == start:
        return start
    lo, hi = date_bounds(start)[0], date_bounds(until)[1]
    if lo[:7] == hi[:7]:
        return lo[:7]
    return lo[:4]  # the year (a week over New Year: the year it begins in)
