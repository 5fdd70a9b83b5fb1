"""Statements as table rows: CSV files, lists of dicts and pandas DataFrames.

One row per statement and source (a statement reported by two sources is two rows with
the same ``statement`` id), in the columns of :data:`COLUMNS`:

| column | meaning |
| --- | --- |
| ``statement`` | the statement's id (derived from the content when blank) |
| ``actor`` | the actor's id, or its name |
| ``actor_name`` | the actor's display name |
| ``actor_kind`` | person, office, government, state, ... (blank: other) |
| ``side`` | the side the actor belongs to (an actor id or name) |
| ``side_name`` | the side's display name |
| ``proposition`` | the proposition's id |
| ``text`` | the proposition's wording |
| ``happened`` | when what the proposition is about happened (or began): a date, or wording |
| ``happened_until`` | when it ended, for an event over a range |
| ``happened_as`` | the event time as worded (filled in when ``happened`` is wording) |
| ``place`` | where it happened |
| ``stance`` | ``asserts``, ``denies`` or ``reports`` (a neutral report; blank: asserts) |
| ``kind`` | claim, denial, demand, offer, ... (blank: from the stance) |
| ``said`` | when it was said: ``2025``, ``2025-10``, ``2025-10-19``, ..., or wording |
| ``said_as`` | when it was said as the row's source words it (filled in when ``said`` is wording) |
| ``hedge`` | the hedging cue as worded ("suggested", "allegedly"): the statement is hedged |
| ``certainty`` | ``certain`` or ``hedged`` (blank: hedged with a hedge, else certain) |
| ``withdrawn`` | when it was withdrawn (retracted or corrected); ``yes``: date unknown |
| ``withdrawn_by`` | the actor who withdrew it (blank: its own actor) |
| ``correction`` | the id of the statement that corrects it |
| ``source`` | the source's id |
| ``source_url`` | the source's URL |
| ``source_title`` | its title |
| ``source_kind`` | article, wire, transcript, ... (blank: article) |
| ``publisher`` | the outlet that published it |
| ``published`` | when it was published |
| ``quote`` | the verbatim words as this source quotes them |
| ``responds_to`` | ids of the statements it answers, separated by ``;`` |
| ``note`` | the analyst's note on the statement |

Wording in ``said``, ``happened`` and ``happened_until`` ("yesterday", "on Saturday", "last
month"; see :func:`claimgraph.dates.resolve_date`) is resolved against the row's
``published`` date, and the wording is kept in ``said_as`` / ``happened_as``. A
proposition created by the import takes its event columns from the first row that gives
them; other rows must agree (code ``mismatch``).

Importing matches before it creates: an actor by id, then by name or alias; a proposition
by id, then by its wording with case, spaces and punctuation ignored; a source by id, then
by URL. New records get ids derived from their content, so importing the same sheet twice
changes nothing. Errors name the row (the line, for CSV files) and the column.
The ids in ``responds_to`` may also be separated by ``|``; a ``\\``, ``;`` or ``|``
inside an id is escaped with ``\\``.

Examples
--------
>>> from claimgraph.formats import tables
>>> g = tables.from_rows([
...     {"actor": "Pakistan", "text": "Militants are sheltered on Afghan soil."},
...     {"actor": "Afghanistan", "text": "militants are sheltered on afghan soil",
...      "stance": "denies"},
... ])
>>> len(g.propositions), [c.kind for c in g.contradictions()]
(1, ['dispute'])
>>> [r["actor"] for r in tables.to_rows(g)]
['pakistan', 'afghanistan']
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as _dt
import io
import math
import os
import re
import unicodedata
from collections.abc import Callable, Container, Hashable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from pydantic import ValidationError

from ..dates import (
    DateSpan,
    covering_date,
    is_partial_date,
    is_wording,
    parse_partial_date,
    resolve_date,
)
from ..exceptions import (
    ErrorDetail,
    FileFormatError,
    InvalidArgumentError,
    InvalidDataError,
    MissingDependencyError,
)
from ..graph import ClaimGraph
from ..models import (
    STANCES,
    Actor,
    Proposition,
    Record,
    Source,
    Statement,
    StatementKind,
    default_certainty,
)
from ..wording import normalize_text, unique_slug
from ._safe import atomic_write, current_limits, refuse

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COLUMNS",
    "SYNONYMS",
    "column_of",
    "from_dataframe",
    "from_rows",
    "header_key",
    "match_key",
    "read_csv",
    "to_dataframe",
    "to_rows",
    "unknown_column_advice",
    "write_csv",
]

COLUMNS: tuple[str, ...] = (
    "statement",
    "actor",
    "actor_name",
    "actor_kind",
    "side",
    "side_name",
    "proposition",
    "text",
    "happened",
    "happened_until",
    "happened_as",
    "place",
    "stance",
    "kind",
    "said",
    "said_as",
    "hedge",
    "certainty",
    "withdrawn",
    "withdrawn_by",
    "correction",
    "source",
    "source_url",
    "source_title",
    "source_kind",
    "publisher",
    "published",
    "quote",
    "responds_to",
    "note",
)
"""The columns of a statement table, in the order they are written."""
_COLUMN_SET = frozenset(COLUMNS)

_DATE_COLUMNS = ("happened", "happened_until", "said", "published")
_EVENT_COLUMNS = ("happened", "happened_until", "happened_as", "place")
"""A cell that looks like an ISO date is read as one (a typo is a bad date, not wording)."""
_ENUM_COLUMNS = frozenset({"stance", "kind", "actor_kind", "source_kind"})
_STANCES: dict[str, str] = {
    **{s: s for s in STANCES},
    "assert": "asserts",
    "deny": "denies",
    "report": "reports",
    "relays": "reports",  # the YAML shorthand's word
}

_FORMULA_START = frozenset("=+-@\t\r")
"""What a cell must not start with, lest a spreadsheet read it as a formula (OWASP)."""
_EDGE_SPACE = " \t\n\r\f\v"
"""The spaces stripped from both ends of a CSV cell that has no ``'`` guard."""
_LIST_ITEM = re.compile(r"(?:\\[\\;|]|[^;|])+")
_LIST_ESCAPE = re.compile(r"([\\;|])")
_LIST_UNESCAPE = re.compile(r"\\([\\;|])")

Extra = Literal["error", "ignore"]


def match_key(text: str) -> str:
    """The key texts are matched by: :func:`claimgraph.normalize_text`, the one
    normalisation of wordings and names (case, spacing and outer punctuation ignored,
    inner punctuation kept).

    Examples
    --------
    >>> match_key("Pakistan rejected Kabul’s offer.") == match_key("pakistan rejected kabuls offer")
    True
    """
    return normalize_text(text)


SYNONYMS: dict[str, str] = {
    "id": "statement",
    "statement_id": "statement",
    "speaker": "actor",
    "who": "actor",
    "actor_id": "actor",
    "speaker_id": "actor",
    "said_by": "actor",
    "speaker_name": "actor_name",
    "actor_type": "actor_kind",
    "speaker_kind": "actor_kind",
    "speaker_type": "actor_kind",
    "party": "side",
    "party_name": "side_name",
    "proposition_id": "proposition",
    "claim_id": "proposition",
    "claim": "text",
    "wording": "text",
    "proposition_text": "text",
    "claim_text": "text",
    "type": "kind",
    "statement_kind": "kind",
    "speech_act": "kind",
    "date": "said",
    "when": "said",
    "said_on": "said",
    "source_id": "source",
    "url": "source_url",
    "link": "source_url",
    "title": "source_title",
    "headline": "source_title",
    "source_type": "source_kind",
    "outlet": "publisher",
    "publication": "publisher",
    "newspaper": "publisher",
    "media": "publisher",
    "published_on": "published",
    "publication_date": "published",
    "pub_date": "published",
    "quotation": "quote",
    "verbatim": "quote",
    "replies_to": "responds_to",
    "in_reply_to": "responds_to",
    "response_to": "responds_to",
    "notes": "note",
    "comment": "note",
    "comments": "note",
}
"""Other headings people give the columns (after :func:`header_key`) → the column."""

_HEADER_SEP = re.compile(r"[\s_\-./]+")


def header_key(heading: str) -> str:
    """A column heading as it is matched: case folded, spaces, ``-``, ``_``, ``.`` and ``/``
    between its words as one ``_``.

    Examples
    --------
    >>> header_key(" Source URL "), header_key("Actor-Name"), header_key("STANCE")
    ('source_url', 'actor_name', 'stance')
    """
    return _HEADER_SEP.sub("_", unicodedata.normalize("NFKC", heading).casefold()).strip("_")


def column_of(heading: str) -> str | None:
    """The column a heading names: a column of :data:`COLUMNS` or one of its
    :data:`SYNONYMS`, in any case and spacing (None when it names none).

    Examples
    --------
    >>> column_of("Speaker"), column_of("Stance"), column_of("Outlet"), column_of("Mood")
    ('actor', 'stance', 'publisher', None)
    """
    key = header_key(heading)
    if key in _COLUMN_SET:
        return key
    return SYNONYMS.get(key)


def unknown_column_advice(heading: str, *, command_line: bool = False) -> str:
    """What the error for an unknown column ``heading`` advises: a mapping in Python
    (``mapping={...}``), ``--map`` on the command line.

    Examples
    --------
    >>> print(unknown_column_advice("Stanse", command_line=True))  # doctest: +NORMALIZE_WHITESPACE
    unknown column 'Stanse' (did you mean 'stance'?); read it as a column with
    --map 'Stanse=COLUMN', or ignore it with --map 'Stanse='
    """
    import difflib

    close = difflib.get_close_matches(header_key(heading), [*COLUMNS, *SYNONYMS], n=1, cutoff=0.7)
    hint = f" (did you mean {column_of(close[0])!r}?)" if close else ""
    if command_line:
        return (
            f"unknown column {heading!r}{hint}; read it as a column with"
            f" --map '{heading}=COLUMN', or ignore it with --map '{heading}='"
        )
    return (
        f"unknown column {heading!r}{hint}; map it to a column"
        f" (mapping={{{heading!r}: 'text'}}), or to None to ignore it"
    )


def _needs_guard(text: str) -> bool:
    """Whether a CSV cell holding ``text`` is written with a leading ``'``.

    It is when ``text`` is empty, starts with a formula character (``= + - @``, tab, CR)
    or with ``'``, or starts or ends with a space the reader would strip.
    """
    return (
        not text
        or text[0] in _FORMULA_START
        or text[0] == "'"
        or text[0] in _EDGE_SPACE
        or text[-1] in _EDGE_SPACE
    )


def _guard(text: str) -> str:
    """The CSV cell for ``text``: ``'`` + text when :func:`_needs_guard`, else text itself.

    Examples
    --------
    >>> [_guard(t) for t in ["=1+1", "-x", "'=y", "'tis", "", " a ", "plain"]]
    ["'=1+1", "'-x", "''=y", "''tis", "'", "' a ", 'plain']
    """
    return "'" + text if _needs_guard(text) else text


def _unguard(cell: str | None) -> str | None:
    """The value of a CSV cell: the reverse of :func:`_guard`.

    A cell ``'`` + *t* where *t* would need the guard is *t*, exactly; any other cell is
    stripped of :data:`_EDGE_SPACE` at both ends, and is ``None`` when nothing is left.

    Examples
    --------
    >>> [_unguard(c) for c in ["'=1+1", "''=y", "'tis", "'", "' a ", "  plain ", "", None]]
    ['=1+1', "'=y", "'tis", '', ' a ', 'plain', None, None]
    """
    if cell is None:
        return None
    if cell[:1] == "'" and _needs_guard(cell[1:]):
        return cell[1:]
    return cell.strip(_EDGE_SPACE) or None


def _join_ids(ids: Iterable[str]) -> str | None:
    r"""A list of ids as one cell: separated by ``; ``, with ``\``, ``;`` and ``|`` escaped.

    Examples
    --------
    >>> print(_join_ids(["a", "b;c", "d|e", "f\\"]))
    a; b\;c; d\|e; f\\
    """
    return "; ".join(_LIST_ESCAPE.sub(r"\\\1", i) for i in ids) or None


_UNKNOWN_DATE = frozenset({"yes", "true", "unknown"})
"""What the ``withdrawn`` column holds for a withdrawal of unknown date."""


def _withdrawal_cells(st: Statement) -> dict[str, str | None]:
    """The ``withdrawn``, ``withdrawn_by`` and ``correction`` cells of a statement (the
    withdrawal's source and note are not held by a table)."""
    w = st.withdrawn
    if w is None:
        return {"withdrawn": None, "withdrawn_by": None, "correction": None}
    return {"withdrawn": w.date or "yes", "withdrawn_by": w.by, "correction": w.correction}


def _split_ids(cell: str) -> list[str]:
    r"""The ids in a list cell: split at ``;`` or ``|`` not escaped by ``\``.

    A backslash escapes only ``\``, ``;`` and ``|``; before any other character it is
    kept. Spaces around the ids are dropped, and so are empty ids.

    Examples
    --------
    >>> _split_ids("a; b\\;c | d\\|e;;f\\\\ ")
    ['a', 'b;c', 'd|e', 'f\\']
    """
    items = (
        _LIST_UNESCAPE.sub(r"\1", m.group()).strip(_EDGE_SPACE) for m in _LIST_ITEM.finditer(cell)
    )
    return [i for i in items if i]


# ---------------------------------------------------------------------------- export
def to_rows(graph: ClaimGraph) -> list[dict[str, Any]]:
    """The statements of ``graph`` as rows (dicts keyed by :data:`COLUMNS`).

    One row per statement and source; a statement without sources is one row with empty
    source columns. Empty cells are ``None``.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.formats import tables
    >>> rows = tables.to_rows(cg.load(cg.example_path()))
    >>> row = next(r for r in rows if r["statement"] == "pk-presses-end-of-attacks")
    >>> row["actor"], row["side"], row["kind"], row["said"], row["publisher"]
    ('pk-government', 'pakistan', 'demand', '2025-11-05', 'Arab News')
    """
    rows: list[dict[str, Any]] = []
    actors = graph.actors
    for st in graph.statement_records.values():
        actor = actors[st.actor]
        side = graph.side(st.actor)
        prop = graph.propositions[st.proposition]
        base: dict[str, Any] = dict.fromkeys(COLUMNS)
        base.update(
            statement=st.id,
            actor=actor.id,
            actor_name=actor.name,
            actor_kind=str(actor.kind),
            side=side,
            side_name=actors[side].name,
            proposition=prop.id,
            text=prop.text,
            happened=prop.happened,
            happened_until=prop.happened_until,
            happened_as=prop.happened_as,
            place=prop.place,
            stance=st.stance,
            kind=str(st.kind),
            said=st.said,
            hedge=st.hedge,
            certainty=None if st.certainty == default_certainty(st.hedge) else st.certainty,
            **_withdrawal_cells(st),
            responds_to=_join_ids(st.responds_to),
            note=st.note,
        )
        if not st.reports:
            rows.append(base)
        for rep in st.reports:
            src = graph.sources[rep.source]
            row = dict(base)
            row.update(
                source=src.id,
                source_url=src.url,
                source_title=src.title,
                source_kind=str(src.kind),
                publisher=src.publisher,
                published=src.published,
                quote=rep.quote,
                said_as=rep.said_as,
            )
            rows.append(row)
    return rows


def write_csv(graph: ClaimGraph, path: str | os.PathLike[str]) -> None:
    """Write the statements of ``graph`` to a CSV file (UTF-8, header row), atomically.

    Rows end in CRLF (RFC 4180), and a cell holding a CR or LF is quoted. A cell that a
    spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab
    or a CR), one that starts with ``'``, starts or ends with a space, or holds the empty
    string gets a leading ``'``, which :func:`read_csv` removes again: every text the
    models accept comes back exactly.

    Examples
    --------
    >>> import claimgraph as cg, tempfile, pathlib
    >>> from claimgraph.formats import tables
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "statements.csv"
    >>> tables.write_csv(cg.load(cg.example_path()), path)
    >>> path.read_text(encoding="utf-8").splitlines()[0]
    'statement,actor,actor_name,actor_kind,side,side_name,proposition,text,happened,...'
    """
    rows = to_rows(graph)

    def write(f: Any) -> None:
        # CRLF line ends (RFC 4180): the writer then quotes every cell holding \r or \n
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\r\n")
        w.writeheader()
        for row in rows:
            w.writerow({k: "" if v is None else _guard(str(v)) for k, v in row.items()})

    atomic_write(path, write, newline="")


def to_dataframe(graph: ClaimGraph) -> pd.DataFrame:
    """The statements of ``graph`` as a :class:`pandas.DataFrame` (one row per source).

    The columns are :data:`COLUMNS`, with these types: ``stance``, ``kind``,
    ``actor_kind``, ``side`` and ``source_kind`` are categoricals; ``said`` and
    ``published`` are ``datetime64`` at the *start* of the partial date, with its
    precision in ``said_precision`` / ``published_precision`` (``year``, ``month``,
    ``day``, ``minute``, ``second`` or ``microsecond``, followed by the time zone when
    one was given, e.g. ``minute+03:00``); the other columns are strings.
    :func:`from_dataframe` rebuilds the partial dates from the two columns.

    Needs pandas (``pip install 'claimgraph[pandas]'``).

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.formats import tables
    >>> df = tables.to_dataframe(cg.load(cg.example_path()))
    >>> df.loc[df.statement == "pk-ceasefire", ["said", "said_precision"]].iloc[0].tolist()
    [Timestamp('2025-10-01 00:00:00'), 'month']
    >>> str(df["stance"].dtype)
    'category'
    """
    pdm = _pandas()
    rows = to_rows(graph)
    data: dict[str, Any] = {}
    for col in COLUMNS:
        values = [r[col] for r in rows]
        if col in _DATE_COLUMNS:
            parsed = [
                _date_to_parts(v, f"statement '{r['statement']}'", col)
                for v, r in zip(values, rows, strict=True)
            ]
            # microseconds: any year a partial date can have (nanoseconds stop at 1677)
            data[col] = pdm.Series([p[0] for p in parsed], dtype="datetime64[us]")
            data[f"{col}_precision"] = pdm.Categorical([p[1] for p in parsed])
        elif col == "stance":
            data[col] = pdm.Categorical(values, categories=list(STANCES))
        elif col == "kind":
            data[col] = pdm.Categorical(values, categories=[k.value for k in StatementKind])
        elif col in ("actor_kind", "side", "source_kind"):
            data[col] = pdm.Categorical(values)
        else:
            data[col] = pdm.Series(values, dtype="string")
    columns: list[str] = []
    for col in COLUMNS:
        columns.append(col)
        if col in _DATE_COLUMNS:
            columns.append(f"{col}_precision")
    frame: pd.DataFrame = pdm.DataFrame(data, columns=columns)
    return frame


_TIME_RE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?$"
)


def _date_to_parts(
    value: str | None, record: str | None = None, field: str | None = None
) -> tuple[_dt.datetime | None, str | None]:
    """A partial date as (start of the period, precision).

    Raises
    ------
    InvalidDataError
        With code ``partial_date``, for a date a datetime cannot hold (such as year 0).
    """
    if value is None:
        return None, None
    try:
        return _parts(value)
    except ValueError as exc:
        message = f"cannot convert the date {value!r}: {exc}"
        detail = ErrorDetail("partial_date", message, record, field)
        raise InvalidDataError(f"cannot convert the date {value!r}", [detail]) from None


def _parts(value: str) -> tuple[_dt.datetime, str]:
    n = len(value)
    if n == 4:
        return _dt.datetime(int(value), 1, 1), "year"
    if n == 7:
        return _dt.datetime(int(value[:4]), int(value[5:7]), 1), "month"
    if n == 10:
        return _dt.datetime.fromisoformat(value), "day"
    m = _TIME_RE.match(value)
    if m is None:
        raise InvalidDataError("not one of the forms of a partial date")
    day, hh, mm, ss, frac, tz = m.groups()
    precision = "microsecond" if frac else "second" if ss else "minute"
    micro = int((frac or "0")[:6].ljust(6, "0"))
    start = _dt.datetime.fromisoformat(day).replace(
        hour=int(hh), minute=int(mm), second=int(ss or 0), microsecond=micro
    )
    return start, precision + (tz or "")


def _date_from_parts(start: _dt.datetime, precision: str) -> str:
    """Rebuild a partial date from the start of its period and its precision."""
    if precision == "year":
        return f"{start.year:04d}"
    if precision == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if precision == "day":
        return start.date().isoformat()
    m = re.match(r"^(minute|second|microsecond)(.*)$", precision)
    if m is None:
        raise InvalidDataError(
            f"unknown date precision {precision!r}"
            " (use year, month, day, minute, second or microsecond)"
        )
    unit, tz = m.groups()
    spec = {"minute": "minutes", "second": "seconds", "microsecond": "microseconds"}[unit]
    return start.isoformat(timespec=spec) + tz


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError(
            "DataFrames need pandas: pip install 'claimgraph[pandas]'"
        ) from None
    return pd


# ---------------------------------------------------------------------------- import
def from_rows(
    rows: Iterable[Mapping[str, Any]],
    mapping: Mapping[str, str | None] | None = None,
    *,
    into: ClaimGraph | None = None,
    extra: Extra = "error",
) -> ClaimGraph:
    """Build a graph from rows of statements (dicts keyed by column name).

    Parameters
    ----------
    rows : iterable of mappings
        One statement (and source) per row, in the columns of :data:`COLUMNS`.
    mapping : mapping, optional
        Your column name → claimgraph column name, for sheets with their own headings
        (``{"Speaker": "actor", "Claim": "text"}``); map a column to ``None`` to ignore it.
    into : ClaimGraph, optional
        Add to this graph (atomically), matching its actors, propositions and sources.
    extra : {"error", "ignore"}
        What to do with columns that are neither known nor mapped (default: an error).

    Raises
    ------
    InvalidDataError
        Listing every problem, each naming the row (counted from 0) and the column;
        nothing is added.

    Examples
    --------
    >>> from claimgraph.formats import tables
    >>> g = tables.from_rows(
    ...     [{"Speaker": "Kabul", "Says": "Talks will resume.", "When": "2025-11"}],
    ...     mapping={"Speaker": "actor", "Says": "text", "When": "said"},
    ... )
    >>> st = next(iter(g.statement_records.values()))
    >>> st.actor, st.said
    ('kabul', '2025-11')
    """
    names = _check_mapping(mapping)
    columns = {ours: theirs for theirs, ours in names.items() if ours is not None}
    rename = _Renamer(names, columns)
    numbered = ((i, None, rename(r)) for i, r in enumerate(rows))
    return _import(numbered, into=into, extra=extra, path=None, columns=columns)


def read_csv(
    path: str | os.PathLike[str],
    mapping: Mapping[str, str | None] | None = None,
    *,
    into: ClaimGraph | None = None,
    extra: Extra = "error",
    delimiter: str = ",",
) -> ClaimGraph:
    """Build a graph from a CSV file of statements (see :func:`from_rows`).

    Works without pandas. The file is read as UTF-8 (a byte-order mark, as Excel writes
    it, is skipped); errors name the line of the row and the column. A cell is stripped
    of ASCII spaces (space, tab, CR, LF, FF, VT) at both ends and is empty when nothing
    is left, unless it starts with the ``'`` that :func:`write_csv` puts before a text
    that needs it: then the rest is the text, exactly.

    Raises
    ------
    FileFormatError
        A file that is not UTF-8 (code ``encoding``, naming the line of the first bad
        byte), larger than the ``max_bytes`` of the input limits (``too_large``), with a
        cell longer than their ``max_string`` (``string_too_long``; see
        :class:`~claimgraph.io.Limits`), or malformed CSV (``csv_syntax``).
    InvalidDataError
        Listing every problem in the rows, each naming its line and column.

    Examples
    --------
    >>> import claimgraph as cg, tempfile, pathlib
    >>> from claimgraph.formats import tables
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "sheet.csv"
    >>> _ = path.write_text("actor,text,stance\\nPakistan,Talks resume.,asserts\\n"
    ...                     "Afghanistan,Talks resume.,maybe\\n", encoding="utf-8")
    >>> tables.read_csv(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    claimgraph.exceptions.InvalidDataError: ...sheet.csv: 1 problem(s) in the table; ...
      - ...sheet.csv:3, row 2, field 'stance': 'maybe' is not a stance: ... [stance]
    """
    names = _check_mapping(mapping)
    columns = {ours: theirs for theirs, ours in names.items() if ours is not None}
    where = str(path)
    lim = current_limits()
    # process-wide: raised to the longest string the limits allow, never lowered
    if csv.field_size_limit() < lim.max_string:
        csv.field_size_limit(lim.max_string)
    with open(path, "rb") as raw:
        capped = io.BufferedReader(_Capped(raw, lim.max_bytes, where), buffer_size=1 << 16)
        with io.TextIOWrapper(capped, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f, delimiter=delimiter)
            rows = _csv_rows(reader, where, lim.max_string)
            rename = _Renamer(names, columns)
            numbered = ((i, n, rename(r)) for i, n, r in rows)
            return _import(
                numbered, into=into, extra=extra, path=where, columns=columns, decode=_unguard
            )


class _Capped(io.RawIOBase):
    """A binary file that fails with a :class:`FileFormatError` past ``limit`` bytes."""

    def __init__(self, raw: io.BufferedIOBase, limit: int, path: str) -> None:
        self._raw, self._limit, self._path, self._count = raw, limit, path, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = self._raw.readinto(buffer)
        self._count += n
        if self._count > self._limit:
            raise refuse("too_large", f"larger than the limit of {self._limit} bytes", self._path)
        return n


def _bad_utf8(path: str) -> FileFormatError:
    """The error for a file that is not UTF-8, naming the line of the first bad byte."""
    line: int | None = None
    reason = "invalid byte"
    if os.path.isfile(path):  # read it again, a chunk at a time, to find the byte
        decoder = codecs.getincrementaldecoder("utf-8")()
        line = 1
        with open(path, "rb") as f:
            while True:
                chunk = f.read(1 << 20)
                try:
                    decoder.decode(chunk, final=not chunk)
                except UnicodeDecodeError as exc:
                    line += exc.object.count(b"\n", 0, exc.start)
                    reason = exc.reason
                    break
                if not chunk:  # pragma: no cover - the file changed since it failed
                    line = None
                    break
                line += chunk.count(b"\n")
    return refuse("encoding", f"not UTF-8 text: {reason}", path, line)


def _csv_rows(
    reader: csv.DictReader[str], path: str, longest: int
) -> Iterator[tuple[Hashable, int, dict[str, Any]]]:
    """The rows of a CSV file as (row number, line, cells), failing with FileFormatError."""
    record: str | None = None  # what is being read, for the error
    try:
        header = reader.fieldnames or ()  # reads the header line
        _check_cells({name: name for name in header}, path, 1, None, longest)
        start, record = reader.line_num + 1, "row 1"
        for i, row in enumerate(reader, start=1):
            if None in row:
                row.pop(None)  # surplus cells: ignored
            _check_cells(row, path, start, record, longest)
            yield i, start, row
            start = reader.line_num + 1
            record = f"row {i + 1}"
    except UnicodeDecodeError:
        raise _bad_utf8(path) from None
    except csv.Error as exc:
        line = reader.reader.line_num or None
        if "field limit" in str(exc):
            limit = csv.field_size_limit()
            message = f"a cell longer than the limit of {limit} characters"
            raise refuse("string_too_long", message, path, line, record) from None
        raise refuse("csv_syntax", f"malformed CSV: {exc}", path, line, record) from None


def _check_cells(
    row: Mapping[str, str | None], path: str, line: int, record: str | None, longest: int
) -> None:
    """Refuse a cell longer than ``longest`` (``max_string``), naming its line and column."""
    for col, cell in row.items():
        if cell is not None and len(cell) > longest:
            raise refuse(
                "string_too_long",
                f"a cell of {len(cell)} characters; the limit is {longest}",
                path,
                line,
                record,
                col,
            )


def from_dataframe(
    df: pd.DataFrame,
    mapping: Mapping[str, str | None] | None = None,
    *,
    into: ClaimGraph | None = None,
    extra: Extra = "error",
) -> ClaimGraph:
    """Build a graph from a DataFrame of statements (see :func:`from_rows`).

    Date columns may hold partial-date strings, or datetimes with a companion
    ``<column>_precision`` column as :func:`to_dataframe` writes them; so
    ``from_dataframe(to_dataframe(g))`` rebuilds the dates exactly. Errors name the
    row by its index label.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.formats import tables
    >>> g = cg.load(cg.example_path())
    >>> g2 = tables.from_dataframe(tables.to_dataframe(g))
    >>> g2.statement_records == g.statement_records
    True
    """
    pdm = _pandas()
    names = _check_mapping(mapping, extra_names=[f"{c}_precision" for c in _DATE_COLUMNS])
    columns = {ours: theirs for theirs, ours in names.items() if ours is not None}
    rows: list[tuple[Hashable, int | None, dict[str, Any]]] = []
    rename = _Renamer(names, columns)
    for label, rec in zip(df.index, df.to_dict(orient="records"), strict=True):
        row = rename(rec)
        for col in _DATE_COLUMNS:
            prec = f"{col}_precision"
            if prec not in row:
                continue
            p = row.pop(prec)
            when = row.get(col)
            if _blank(when) or _blank(p):
                continue
            try:
                row[col] = _date_from_parts(pdm.Timestamp(when).to_pydatetime(), str(p))
            except (ValueError, TypeError) as exc:
                row[col] = _BadCell(str(exc))
        rows.append((label, None, row))
    return _import(rows, into=into, extra=extra, path=None, columns=columns)


class _BadCell(str):
    """A cell that could not be read; its text is the reason."""


def _check_mapping(
    mapping: Mapping[str, str | None] | None, extra_names: Iterable[str] = ()
) -> dict[str, str | None]:
    allowed = set(COLUMNS) | set(extra_names)
    out = dict(mapping or {})
    for theirs, ours in out.items():
        if ours is not None and ours not in allowed:
            raise InvalidArgumentError(
                f"mapping: {theirs!r} maps to {ours!r}, which is not a column"
                f" (use one of {', '.join(COLUMNS)}, or None to ignore it)"
            )
    return out


class _Renamer:
    """Rows keyed by the sheet's headings → rows keyed by column.

    A heading is read as ``names`` maps it (exactly, else in any case and spacing), else as
    the column or synonym it names (:func:`column_of`); any other heading is kept, stripped,
    for :func:`_import` to report. ``columns`` collects column → the heading it came from,
    so that errors name the heading the user wrote.
    """

    def __init__(self, names: Mapping[str, str | None], columns: dict[str, str]) -> None:
        self.names = names
        self.folded = {header_key(k): v for k, v in names.items()}
        self.columns = columns
        self.cache: dict[str, str | None] = {}

    def resolve(self, key: str) -> str | None:
        if key in self.names:
            return self.names[key]
        folded = header_key(key)
        if folded in self.folded:
            ours = self.folded[folded]
        else:
            ours = column_of(key)
            if ours is None:
                return key.strip()
        if ours is not None and ours != key:
            self.columns.setdefault(ours, key)
        return ours

    def __call__(self, raw: Mapping[Any, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        cache = self.cache
        for col, value in raw.items():
            if col is None:
                continue
            key = str(col)
            if key in cache:
                name = cache[key]
            else:
                name = cache[key] = self.resolve(key)
            if name is not None:
                out[name] = value
        return out


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str):
        return not value.strip()
    try:  # pandas NA / NaT
        return bool(value != value)
    except (TypeError, ValueError):
        return False


def _cell(value: Any) -> str | None:
    """A cell as a stripped string (None when blank)."""
    if _blank(value):
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _source_slug(given: Mapping[str, str | None]) -> tuple[str, str]:
    """The words of a new source's readable id, and the key its hash suffix is made from.

    The outlet (the publisher, else the URL's host) and the last part of the URL's path,
    else the outlet, the date and the title: ``arab-news-pakistan-afghanistan-talks``.

    Examples
    --------
    >>> _source_slug({"url": "https://www.arabnews.com/node/2621541/pakistan",
    ...               "publisher": "Arab News"})[0]
    'Arab News pakistan'
    >>> _source_slug({"url": "https://www.dawn.com/news/1953911"})[0]
    'dawn.com 1953911'
    """
    url, publisher = given.get("url"), given.get("publisher")
    if url:
        parts = urlsplit(url)
        host = parts.netloc.rsplit("@", 1)[-1].split(":")[0].removeprefix("www.")
        segments = [seg for seg in parts.path.split("/") if seg]
        last = segments[-1].rsplit(".", 1)[0] if segments else ""
        if last.lower() in ("index", "amp", ""):
            last = segments[-2] if len(segments) > 1 else ""
        return " ".join(w for w in (publisher or host, last) if w), url
    words = [given.get("publisher"), given.get("published"), given.get("title")]
    return " ".join(w for w in words if w), "\x1f".join(w or "" for w in words)


class _Taken:
    """The ids in use during an import, as a container (for :func:`unique_slug`)."""

    def __init__(self, importer: _Importer) -> None:
        self.importer = importer

    def __contains__(self, rid: object) -> bool:
        return isinstance(rid, str) and self.importer.taken(rid)


class _Also:
    """Two containers as one."""

    def __init__(self, a: Container[str], b: Container[str]) -> None:
        self.a, self.b = a, b

    def __contains__(self, item: object) -> bool:
        return item in self.a or item in self.b


class _Importer:
    """Matches rows to existing records and creates the rest."""

    def __init__(self, into: ClaimGraph, path: str | None) -> None:
        self.graph = into
        self.path = path
        self.errors: list[ErrorDetail] = []
        self.actors: dict[str, Actor] = dict(into.actors)
        self.actor_names: dict[str, str] = {}
        for a in self.actors.values():
            self._index_actor(a)
        self.new_actors: dict[str, Actor] = {}
        self.named: set[str] = set()  # ids this import made from names: not ids to match
        self.actor_rows: dict[str, tuple[Hashable, int | None]] = {}
        self.props: dict[str, Proposition] = dict(into.propositions)
        self.prop_keys: dict[str, str] = {}
        for p in self.props.values():
            self.prop_keys.setdefault(match_key(p.text), p.id)
        self.new_props: dict[str, Proposition] = {}
        self.sources: dict[str, Source] = dict(into.sources)
        self.source_urls: dict[str, str] = {s.url: s.id for s in self.sources.values() if s.url}
        self.new_sources: dict[str, Source] = {}
        self.pending_sides: list[tuple[str, dict[str, str | None], Hashable, int | None]] = []
        self.statements: list[tuple[Statement, Hashable, int | None]] = []
        self.columns: dict[str, str] = {}

    def taken(self, rid: str) -> bool:
        """Whether ``rid`` is the id of a record, in the graph or made by this import."""
        return rid in self.graph or rid in self.actors or rid in self.props or rid in self.sources

    def _index_actor(self, a: Actor) -> None:
        for name in (a.name, *a.aliases):
            self.actor_names.setdefault(match_key(name), a.id)

    def error(
        self, code: str, message: str, label: Hashable, line: int | None, field: str | None
    ) -> None:
        column = self.columns.get(field, field) if field else None
        self.errors.append(ErrorDetail(code, message, f"row {label}", column, self.path, line))

    def find_actor(self, value: str) -> str | None:
        if value in self.actors and value not in self.named:
            return value
        return self.actor_names.get(match_key(value))

    def actor(
        self, row: dict[str, str | None], label: Hashable, line: int | None, field: str = "actor"
    ) -> str | None:
        name_field = "actor_name" if field == "actor" else "side_name"
        value, name = row.get(field), row.get(name_field)
        kind = row.get("actor_kind") if field == "actor" else None
        if value is None and name is None:
            if field == "actor":
                self.error("missing", "every row needs an actor", label, line, "actor")
            return None
        found = self.find_actor(value) if value is not None else None
        if found is None and name is not None:
            found = self.actor_names.get(match_key(name))
            if found is not None and value is not None and found != value:
                found = None  # a new id for a name that exists: a different actor
        if found is not None:
            have = self.actors[found]
            if name is not None and match_key(name) not in {
                match_key(n) for n in (have.name, *have.aliases)
            }:
                self.error(
                    "mismatch",
                    f"actor '{found}' is named {have.name!r}, not {name!r}",
                    label,
                    line,
                    name_field,
                )
            if kind is not None and kind != str(have.kind):
                self.error(
                    "mismatch",
                    f"actor '{found}' is a {have.kind}, not a {kind}",
                    label,
                    line,
                    "actor_kind",
                )
            return found
        fields: dict[str, Any] = {"name": name or value}
        if value is not None and name is not None:
            fields["id"] = value
        if kind is not None:
            fields["kind"] = kind
        try:
            actor = Actor(**fields)
            if "id" not in fields and self.taken(actor.id):  # "[deleted]" beside "deleted"
                actor = actor.model_copy(
                    update={"id": unique_slug(actor.name, _Taken(self), prefix="actor-")}
                )
        except ValidationError as exc:
            for e in exc.errors():
                col = {"kind": "actor_kind", "name": name_field, "id": field}.get(
                    str(e["loc"][0]) if e["loc"] else "", field
                )
                self.error(e["type"], e["msg"], label, line, col)
            return None
        self.actors[actor.id] = self.new_actors[actor.id] = actor
        if "id" not in fields:
            self.named.add(actor.id)
        self.actor_rows[actor.id] = (label, line)
        self._index_actor(actor)
        return actor.id

    def proposition(
        self, row: dict[str, str | None], label: Hashable, line: int | None
    ) -> str | None:
        pid, text = row.get("proposition"), row.get("text")
        if text is None and pid is not None and pid not in self.props and " " in pid.strip():
            pid, text = None, pid  # a wording in the proposition column, as YAML allows
        if pid is None and text is None:
            self.error("missing", "every row needs a proposition or its text", label, line, "text")
            return None
        if pid is not None and pid in self.props:
            have = self.props[pid]
            if text is not None and match_key(text) != match_key(have.text):
                self.error(
                    "mismatch",
                    f"proposition '{pid}' reads {have.text!r}, not {text!r}",
                    label,
                    line,
                    "text",
                )
            return pid
        if text is None:
            self.error(
                "unknown_reference",
                f"no proposition '{pid}', and no text to create it from",
                label,
                line,
                "proposition",
            )
            return None
        found = self.prop_keys.get(match_key(text))
        if found is not None and pid is None:
            return found
        if pid is None:
            pid = unique_slug(text, _Taken(self), prefix="p-")
        try:
            prop = Proposition(text=text, id=pid)
        except ValidationError as exc:
            for e in exc.errors():
                col = "proposition" if e["loc"] and e["loc"][0] == "id" else "text"
                self.error(e["type"], e["msg"], label, line, col)
            return None
        self.props[prop.id] = self.new_props[prop.id] = prop
        self.prop_keys.setdefault(match_key(text), prop.id)
        return prop.id

    def source(self, row: dict[str, str | None], label: Hashable, line: int | None) -> str | None:
        sid, url = row.get("source"), row.get("source_url")
        given = {
            "url": url,
            "title": row.get("source_title"),
            "kind": row.get("source_kind"),
            "publisher": row.get("publisher"),
            "published": row.get("published"),
        }
        given = {k: v for k, v in given.items() if v is not None}
        if sid is None and not given:
            return None
        found = sid if sid in self.sources else None
        if found is None and sid is None and url is not None:
            found = self.source_urls.get(url)
        if found is None:
            if sid is None:
                slug, key = _source_slug(given)
                sid = unique_slug(slug, _Taken(self), prefix="src-", key=key)
            try:
                src = Source(**given, id=sid)
            except ValidationError as exc:
                for e in exc.errors():
                    f = str(e["loc"][0]) if e["loc"] else "source"
                    col = {"url": "source_url", "title": "source_title", "kind": "source_kind"}
                    self.error(e["type"], e["msg"], label, line, col.get(f, f))
                return None
            if src.id in self.sources:
                found = src.id
            else:
                self.sources[src.id] = self.new_sources[src.id] = src
                if src.url:
                    self.source_urls.setdefault(src.url, src.id)
                return src.id
        have = self.sources[found]
        for f, v in given.items():
            old = getattr(have, f)
            if f == "published" and v is not None:
                with contextlib.suppress(ValueError):
                    v = parse_partial_date(v)
            if old is not None and str(old) != v and not (f == "kind" and old == "article"):
                col = {"url": "source_url", "title": "source_title", "kind": "source_kind"}
                self.error(
                    "mismatch",
                    f"source '{found}' has {f} {str(old)!r}, not {v!r}",
                    label,
                    line,
                    col.get(f, f),
                )
        return found

    def row(self, raw: dict[str, str | None], label: Hashable, line: int | None) -> None:
        actor = self.actor(raw, label, line)
        if actor is not None and (raw.get("side") is not None or raw.get("side_name")):
            self.pending_sides.append((actor, raw, label, line))
        prop = self.proposition(raw, label, line)
        source = self.source(raw, label, line)
        stance = raw.get("stance")
        if stance is not None:
            norm = _STANCES.get(stance.lower())
            if norm is None:
                self.error(
                    "stance",
                    f"{stance!r} is not a stance: use {', '.join(STANCES[:-1])} or {STANCES[-1]}",
                    label,
                    line,
                    "stance",
                )
                return
            stance = norm
        if actor is None or prop is None:
            return
        published = None if source is None else self.sources[source].published
        if not self.events(prop, raw, published, label, line):
            return
        fields: dict[str, Any] = {"actor": actor, "proposition": prop}
        for f in ("kind", "said", "hedge", "certainty", "note"):
            if raw.get(f) is not None:
                fields[f] = raw[f]
        withdrawn = raw.get("withdrawn")
        if withdrawn is not None:
            fields["withdrawn"] = {
                "date": None if withdrawn.strip().casefold() in _UNKNOWN_DATE else withdrawn,
                "by": raw.get("withdrawn_by"),
                "correction": raw.get("correction"),
            }
        else:
            for f in ("withdrawn_by", "correction"):
                if raw.get(f) is not None:
                    self.error("missing", f"{f} needs a withdrawn date (or yes)", label, line, f)
                    return
        said = raw.get("said")
        said_as: str | None = raw.get("said_as")
        if said is not None and is_wording(said):
            span = self.resolve(said, published, label, line, "said")
            if span is None:
                return
            fields["said"] = covering_date(span)
            said_as = said_as or said
        if stance is not None:
            fields["stance"] = stance
        if raw.get("statement") is not None:
            fields["id"] = raw["statement"]
        if raw.get("responds_to") is not None:
            fields["responds_to"] = _split_ids(raw["responds_to"] or "")
        if source is not None:
            fields["reports"] = [{"source": source, "quote": raw.get("quote"), "said_as": said_as}]
        elif raw.get("quote") is not None:
            self.error("missing", "a quote needs a source", label, line, "quote")
            return
        elif said_as is not None:
            self.error(
                "missing", "said_as (a source's wording) needs a source", label, line, "said_as"
            )
            return
        try:
            st = Statement(**fields)
        except ValidationError as exc:
            for e in exc.errors():
                loc = str(e["loc"][0]) if e["loc"] else "statement"
                if loc == "reports":  # the report's column: quote or source
                    loc = str(e["loc"][-1]) if len(e["loc"]) > 2 else "quote"
                self.error(e["type"], e["msg"], label, line, {"id": "statement"}.get(loc, loc))
            return
        self.statements.append((st, label, line))

    def resolve(
        self, value: str, published: str | None, label: Hashable, line: int | None, col: str
    ) -> DateSpan | None:
        """Wording such as "yesterday" resolved against the row's publication date."""
        try:
            return resolve_date(value, published)
        except InvalidDataError as exc:
            err = exc.errors[0]
            hint = (
                " (give the row a 'published' date, or write the date itself)"
                if err.code == "relative_date_unresolved"
                else ""
            )
            self.error(err.code, err.message + hint, label, line, col)
            return None

    def events(
        self,
        pid: str,
        raw: dict[str, str | None],
        published: str | None,
        label: Hashable,
        line: int | None,
    ) -> bool:
        """Give proposition ``pid`` the event columns of a row; False after an error.

        A proposition created by this import takes them from its first row that has
        them; any other row (or a proposition already in the graph) must agree."""
        given = {c: raw[c] for c in _EVENT_COLUMNS if raw.get(c) is not None}
        if not given:
            return True
        wording = []
        for col in ("happened", "happened_until"):
            value = given.get(col)
            if value is None or not is_wording(value):
                continue
            span = self.resolve(value, published, label, line, col)
            if span is None:
                return False
            wording.append(value)
            if col == "happened":
                given["happened"] = span[0]
                if span[1] is not None:
                    given.setdefault("happened_until", span[1])
            else:
                given["happened_until"] = span[1] or span[0]
        if wording:
            given.setdefault("happened_as", " – ".join(wording))
        have = self.props[pid]
        new = {}
        for col, value in given.items():
            old = getattr(have, col)
            if old is None:
                new[col] = value
            elif old != (
                parse_partial_date(value)
                if col in _DATE_COLUMNS and is_partial_date(value)
                else value
            ):
                self.error(
                    "mismatch",
                    f"proposition '{pid}' has {col} {old!r}, not {value!r}",
                    label,
                    line,
                    col,
                )
                return False
        if not new:
            return True
        if pid not in self.new_props:
            self.error(
                "mismatch",
                f"proposition '{pid}' is already in the graph without {', '.join(new)}: update"
                " it there (graph.update) rather than in a row",
                label,
                line,
                next(iter(new)),
            )
            return False
        try:
            prop = Proposition(**{**have.model_dump(exclude_defaults=True), **new})
        except ValidationError as exc:
            for e in exc.errors():
                # the range checks (no field of their own) are about happened_until
                col = str(e["loc"][0]) if e["loc"] else "happened_until"
                self.error(e["type"], e["msg"], label, line, col)
            return False
        self.props[pid] = self.new_props[pid] = prop
        return True

    def rename_clashes(self) -> None:
        """Give another id to each proposition or source this import named, that a
        statement of a later row turned out to hold (the ids are read row by row)."""
        given = {st.id for st, _, _ in self.statements} - set(self.graph.statement_records)
        props = [pid for pid in self.new_props if pid in given]
        srcs = [sid for sid in self.new_sources if sid in given]
        if not props and not srcs:
            return
        taken = _Taken(self)
        moved: dict[str, str] = {}
        for pid in props:
            prop = self.new_props.pop(pid)
            del self.props[pid]
            new = unique_slug(prop.text, _Also(taken, given), prefix="p-")
            self.props[new] = self.new_props[new] = prop.model_copy(update={"id": new})
            moved[pid] = new
        for sid in srcs:
            src = self.new_sources.pop(sid)
            del self.sources[sid]
            slug, key = _source_slug({k: str(v) for k, v in src.model_dump().items() if v})
            new = unique_slug(slug, _Also(taken, given), prefix="src-", key=key)
            self.sources[new] = self.new_sources[new] = src.model_copy(update={"id": new})
            moved[sid] = new
        for i, (st, label, line) in enumerate(self.statements):
            reports = tuple(
                r.model_copy(update={"source": moved[r.source]}) if r.source in moved else r
                for r in st.reports
            )
            if st.proposition in moved or reports != st.reports:
                update: dict[str, Any] = {"reports": reports}
                update["proposition"] = moved.get(st.proposition, st.proposition)
                self.statements[i] = (st.model_copy(update=update), label, line)

    def apply_sides(self) -> None:
        """Resolve the side columns, once every actor named in the actor column is known."""
        sides: dict[str, tuple[str, Hashable]] = {}
        for actor_id, raw, label, line in self.pending_sides:
            side = self.actor(raw, label, line, field="side")
            if side is None:
                continue
            prev = sides.get(actor_id)
            if prev is not None and prev[0] != side:
                self.error(
                    "mismatch",
                    f"actor '{actor_id}' is on side '{prev[0]}' in row {prev[1]}, not '{side}'",
                    label,
                    line,
                    "side",
                )
                continue
            sides[actor_id] = (side, label)
            if side == actor_id:
                continue
            if actor_id in self.new_actors:
                actor = self.new_actors[actor_id]
                actor = actor.model_copy(update={"member_of": (side,)})
                self.new_actors[actor_id] = self.actors[actor_id] = actor
            else:
                have = self.graph.side(actor_id)
                if have != side:
                    self.error(
                        "mismatch",
                        f"actor '{actor_id}' is on side '{have}' in the graph, not '{side}'",
                        label,
                        line,
                        "side",
                    )


def _import(
    rows: Iterable[tuple[Hashable, int | None, Mapping[str, Any]]],
    *,
    into: ClaimGraph | None,
    extra: Extra,
    path: str | None,
    columns: dict[str, str],
    decode: Callable[[Any], str | None] | None = None,
) -> ClaimGraph:
    """Import numbered rows; ``decode`` turns a cell into its value (default: stripped)."""
    graph = into if into is not None else ClaimGraph()
    decode = decode or _cell
    imp = _Importer(graph, path)
    imp.columns = columns  # filled as the headings are read
    known = set(COLUMNS)
    reported: set[str] = set()
    for label, line, raw in rows:
        row: dict[str, str | None] = {}
        for name, value in raw.items():
            if name not in known:
                if extra == "error" and name not in reported:
                    imp.error(
                        "unknown_column",
                        unknown_column_advice(name),
                        label,
                        line,
                        name,
                    )
                reported.add(name)
                continue
            if isinstance(value, _BadCell):
                imp.error("partial_date", str(value), label, line, name)
                continue
            cell = decode(value)
            if cell is not None and name in _ENUM_COLUMNS:
                cell = cell.lower().replace(" ", "_").replace("-", "_")
            row[name] = cell
        if any(v is not None for v in row.values()):
            imp.row(row, label, line)
    imp.apply_sides()
    where = path or "rows"
    if imp.errors:
        raise InvalidDataError(
            f"{where}: {len(imp.errors)} problem(s) in the table; nothing was imported",
            imp.errors,
        )
    imp.rename_clashes()
    records: list[Record] = [
        *imp.new_actors.values(),
        *imp.new_sources.values(),
        *imp.new_props.values(),
    ]
    records += [st for st, _, _ in imp.statements]
    try:
        graph.add_all(records)
    except InvalidDataError as exc:
        first_row: dict[str, tuple[Hashable, int | None]] = {}
        for st, label, line in imp.statements:
            first_row.setdefault(st.id, (label, line))
        details = []
        for e in exc.errors:
            label, line = first_row.get(e.record_id or "", (None, None))
            record = f"row {label} ({e.record})" if label is not None else e.record
            field = imp.columns.get(e.field or "", e.field)
            details.append(ErrorDetail(e.code, e.message, record, field, path, line, e.record_id))
        raise type(exc)(
            f"{where}: {len(details)} problem(s) in the table; nothing was imported", details
        ) from None
    return graph
