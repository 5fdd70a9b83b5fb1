"""An embedded store: a claim graph in one SQLite file, for corpora past memory.

:class:`Store` keeps every record as its JSON (the same text the native file holds for it)
next to the columns the queries need, in a single-file SQLite database in WAL mode:

- **append** records incrementally with :meth:`Store.add_all`, in batches that commit one
  transaction each, with the same rules as :meth:`ClaimGraph.add_all
  <claimgraph.ClaimGraph.add_all>` (referential integrity, conflicts, statements united with
  more reports), so re-running an interrupted ingestion adds the rest and changes nothing else;
- **ask** :meth:`~Store.contradictions`, :meth:`~Store.agreements` and
  :meth:`~Store.statements` in SQL over indexes, with the same parameters and the same answers
  as :func:`claimgraph.contradictions` and friends on the same records;
- **load** any slice (a proposition, an actor, a side, a date range) into a
  :class:`~claimgraph.ClaimGraph` with :meth:`~Store.load`, for the rest of the toolbox;
- **read while another process writes**: readers see the last committed batch, and
  :meth:`~Store.snapshot` holds one consistent view across several queries.

The records are validated once, on the way in; reading them back rebuilds them from their
JSON without validating them again (as :meth:`pydantic.BaseModel.model_construct` does), so a
store is as trustworthy as the process that wrote it. The SQL is plain: one row per
statement with its indexed columns (actor, side, proposition, stance, kind, the first day of
its date and the date's precision) and one row per report, so the same tables can be exported
to a columnar engine as they are; one more table, kept up to date by triggers, counts the
statements asserting and denying each proposition.

Examples
--------
>>> import claimgraph as cg
>>> from claimgraph.store import Store
>>> with Store(":memory:") as store:
...     store.add_all(cg.load(cg.example_path()))
...     [c.kind for c in store.contradictions()]
MergeResult(added=..., extended=0, unchanged=0)
['dispute', 'dispute']

A file on disk works the same way, and opening it again finds everything:

>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "istanbul.cgdb")
>>> with Store(path) as store:
...     _ = store.add_all(cg.load(cg.example_path()))
>>> with Store(path) as store:
...     store.counts()["statements"] > 0, store.add_all(cg.load(cg.example_path())).changed
(True, False)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import Enum
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from . import queries, rules
from ._gc import gc_paused as _gc_paused
from .backend import Relations
from .dates import date_bounds
from .exceptions import (
    ClaimGraphError,
    ErrorDetail,
    FileFormatError,
    InvalidArgumentError,
    NotFoundError,
)
from .filters import StatementFilter, Window
from .graph import ClaimGraph, MergeResult
from .models import (
    DEFAULT_KINDS,
    Actor,
    Proposition,
    Record,
    Report,
    Review,
    Role,
    Source,
    Statement,
    Withdrawal,
    default_certainty,
)
from .queries import Agreement, Contradiction, Positions

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["FORMAT", "FORMAT_VERSION", "Store"]

_R = TypeVar("_R", Actor, Source, Proposition, Review)

FORMAT = "claimgraph-store"
"""The ``format`` value in a store's ``meta`` table."""

FORMAT_VERSION = 3
"""The store layout this release reads and writes (the ``version`` in the ``meta`` table).

Version 2 added the ``review`` table (fact-checks) and the statements' ``certainty``
column; version 3 the statements' ``withdrawn_lo`` column (retractions and corrections).
An older store is migrated in place when it is first opened for writing (see
:data:`MIGRATIONS`); opened read-only, it is read as it is (no reviews, every statement
certain and standing).
"""

_APPLICATION_ID = 0x43475354  # "CGST" in the SQLite header, so `file` tools can tell
_TYPES = ("actor", "source", "proposition", "statement", "review")
_KNOWN_LIMIT = 2_000_000  # ids remembered as present, before the cache starts again

# fact-checks (format version 2); also what a reader of a version-1 store sees, empty
_REVIEW_TABLE = (
    "CREATE TABLE review (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " proposition TEXT NOT NULL, hash BLOB NOT NULL, json TEXT NOT NULL)"
)
_REVIEW_INDEX = "CREATE INDEX review_proposition ON review (proposition, seq)"

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE actor (
    seq INTEGER PRIMARY KEY,            -- insertion order
    id TEXT NOT NULL UNIQUE,
    parent TEXT,                        -- member_of[0]: the membership chain that gives sides
    side TEXT NOT NULL,                 -- where that chain ends
    hash BLOB NOT NULL,                 -- of json: detects a changed record without reading it
    json TEXT NOT NULL                  -- the record, as the native file writes it
);
CREATE TABLE source (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, hash BLOB NOT NULL, json TEXT NOT NULL
);
CREATE TABLE proposition (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, hash BLOB NOT NULL, json TEXT NOT NULL
);
CREATE TABLE relation (                 -- Proposition.contradicts / Proposition.implies
    proposition TEXT NOT NULL,
    type TEXT NOT NULL,                 -- 'contradicts' or 'implies'
    pos INTEGER NOT NULL,               -- position in the declaring record's list
    other TEXT NOT NULL,
    PRIMARY KEY (proposition, type, pos)
) WITHOUT ROWID;
CREATE INDEX relation_other ON relation (other, type);
CREATE TABLE statement (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    actor TEXT NOT NULL,
    side TEXT NOT NULL,                 -- the actor's side, kept in step with memberships
    proposition TEXT NOT NULL,
    stance TEXT NOT NULL,               -- 'asserts' or 'denies'
    kind TEXT NOT NULL,
    said TEXT,                          -- the partial date as given
    said_prec INTEGER,                  -- 4, 7 or 10: year, month or day (or finer)
    said_lo TEXT,                       -- the first day it covers (the last follows from prec)
    hash BLOB NOT NULL,
    json TEXT NOT NULL,
    certainty TEXT NOT NULL DEFAULT 'certain', -- 'certain' or 'hedged' (format version 2)
    withdrawn_lo TEXT                   -- NULL: stands, else the first day of its withdrawal,
                                        -- '' if of unknown date (format version 3)
);
CREATE TABLE report (                   -- Statement.reports: which sources report what
    statement INTEGER NOT NULL,         -- statement.seq
    source TEXT NOT NULL,
    PRIMARY KEY (statement, source)
) WITHOUT ROWID;
{_REVIEW_TABLE};
{_REVIEW_INDEX};
"""

_COUNT_TRIGGER_NAMES = (
    "statement_counted_insert",
    "statement_counted_delete",
    "statement_counted_update",
)
MIGRATIONS: dict[int, tuple[tuple[str, str | None], ...]] = {
    # version 1 → 2: reviews are kept; a statement's certainty is a column (for filters);
    # neutral reports (stance 'reports') count nothing, so the count triggers are made again
    # (dropped here, made when the store is next opened for writing)
    1: (
        *((f"DROP TRIGGER IF EXISTS {name}", None) for name in _COUNT_TRIGGER_NAMES),
        (_REVIEW_TABLE, _REVIEW_TABLE.replace("CREATE TABLE", "CREATE TEMP TABLE", 1)),
        (_REVIEW_INDEX, None),
        # a reader sees the older table through a view with the column (_ADDED_COLUMNS)
        ("ALTER TABLE statement ADD COLUMN certainty TEXT NOT NULL DEFAULT 'certain'", None),
    ),
    # version 2 → 3: withdrawn statements are not counted, so the count triggers are made
    # again; the column that says which statements are withdrawn
    2: (
        *((f"DROP TRIGGER IF EXISTS {name}", None) for name in _COUNT_TRIGGER_NAMES),
        ("ALTER TABLE statement ADD COLUMN withdrawn_lo TEXT", None),
    ),
}
"""The SQL that takes a store from a format version to the next, by the version it starts
from: pairs of (the step, what a read-only connection runs instead, in its own temporary
schema, if anything). Opening an older store for writing runs the steps it needs in one
transaction; opening it read-only leaves the file as it is."""

_ADDED_COLUMNS = (("certainty", "'certain'"), ("withdrawn_lo", "NULL"))
"""The statement columns added since version 1, with the value a reader of an older store
sees (through a temporary view of the table)."""

# The indexes the queries use. A bulk import drops them and builds them at its end (sorting
# once is several times cheaper than keeping five b-trees in step row by row); a store found
# without them, after a crash mid-import, gets them back when next opened for writing.
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS statement_proposition ON statement (proposition, stance, side)",
    "CREATE INDEX IF NOT EXISTS statement_actor ON statement (actor)",
    "CREATE INDEX IF NOT EXISTS statement_side ON statement (side)",
    "CREATE INDEX IF NOT EXISTS statement_kind ON statement (kind)",
    "CREATE INDEX IF NOT EXISTS statement_said ON statement (said_prec, said_lo)",
    "CREATE INDEX IF NOT EXISTS report_source ON report (source, statement)",
    "CREATE INDEX IF NOT EXISTS statement_withdrawn ON statement (withdrawn_lo)"
    " WHERE withdrawn_lo IS NOT NULL",
)
_INDEX_NAMES = tuple(sql.split()[5] for sql in _INDEXES)

# Statements counted per proposition — how many assert it, how many deny it, and the side
# asserting it (denying it) when only one does — kept in step with the statement table by
# triggers (whoever writes, this release or an older one): the contradictions read the
# propositions both asserted and denied, and most of their classification, from one index
# instead of grouping every statement. Like the indexes, the counts are derived: a bulk
# import drops the triggers and counts once at its end, and a store without them (made by
# an earlier release, or a bulk import cut short) is counted when next opened for writing.
# While the triggers are missing, the queries group the statements themselves, as before;
# the store format (version 1) is unchanged.
_COUNT_TABLES = (
    "CREATE TABLE stance_count ("
    " proposition TEXT PRIMARY KEY, asserts INTEGER NOT NULL, denies INTEGER NOT NULL,"
    " asserting TEXT, denying TEXT) WITHOUT ROWID",
    # the propositions both asserted and denied, in order, with what classifies most of
    # them: a contradictions query reads this index and little else
    "CREATE INDEX stance_count_opposed"
    " ON stance_count (proposition, asserting, denying, asserts, denies)"
    " WHERE asserts > 0 AND denies > 0",
)
# The statements that take a position (a neutral report, stance 'reports', takes none): the
# one clause every count, tally and side of a stance is read through.
_OPINION = "stance <> 'reports'"
# What the count table counts: the positions taken by the statements that stand (the
# default window; a withdrawn statement is read only by a query that asks for it)
_COUNTS = "{0}stance <> 'reports' AND {0}withdrawn_lo IS NULL"
# A statement more: one more count, and the one side taking its stance stays, starts or
# ends (in SET, the columns are the row's values before the update). A neutral report
# counts nothing.
_COUNT_ADD = f"""
    INSERT INTO stance_count (proposition, asserts, denies, asserting, denying)
        SELECT new.proposition, new.stance = 'asserts', new.stance = 'denies',
            CASE WHEN new.stance = 'asserts' THEN new.side END,
            CASE WHEN new.stance = 'denies' THEN new.side END
        WHERE {_COUNTS.format("new.")}
        ON CONFLICT DO UPDATE SET
            asserting = CASE WHEN excluded.asserts = 0 THEN asserting
                WHEN asserts = 0 THEN excluded.asserting
                WHEN asserting = excluded.asserting THEN asserting END,
            denying = CASE WHEN excluded.denies = 0 THEN denying
                WHEN denies = 0 THEN excluded.denying
                WHEN denying = excluded.denying THEN denying END,
            asserts = asserts + excluded.asserts,
            denies = denies + excluded.denies;
"""
# A statement less (rare: an update): one count less, and the one side taking that stance
# found again from the statements (as they are after the change) through their index.
_COUNT_REMOVE = """
    UPDATE stance_count SET
        asserting = CASE WHEN old.stance = 'asserts' THEN (
            SELECT CASE WHEN min(side) = max(side) THEN min(side) END FROM statement
            WHERE proposition = old.proposition AND stance = 'asserts'
            AND withdrawn_lo IS NULL) ELSE asserting END,
        denying = CASE WHEN old.stance = 'denies' THEN (
            SELECT CASE WHEN min(side) = max(side) THEN min(side) END FROM statement
            WHERE proposition = old.proposition AND stance = 'denies'
            AND withdrawn_lo IS NULL) ELSE denying END,
        asserts = asserts - (old.stance = 'asserts' AND old.withdrawn_lo IS NULL),
        denies = denies - (old.stance = 'denies' AND old.withdrawn_lo IS NULL)
        WHERE proposition = old.proposition;
    DELETE FROM stance_count
        WHERE proposition = old.proposition AND asserts <= 0 AND denies <= 0;
"""
_COUNT_TRIGGERS = {
    _COUNT_TRIGGER_NAMES[0]: f"AFTER INSERT ON statement BEGIN {_COUNT_ADD} END",
    _COUNT_TRIGGER_NAMES[1]: f"AFTER DELETE ON statement BEGIN {_COUNT_REMOVE} END",
    _COUNT_TRIGGER_NAMES[2]: (
        "AFTER UPDATE OF proposition, stance, side, withdrawn_lo ON statement"
        " WHEN old.proposition IS NOT new.proposition OR old.stance IS NOT new.stance"
        " OR old.side IS NOT new.side OR old.withdrawn_lo IS NOT new.withdrawn_lo"
        f" BEGIN {_COUNT_REMOVE} {_COUNT_ADD} END"
    ),
}
_SIDE_OF = "CASE WHEN stance = '{}' THEN side END"  # the side of a stance, for min/max
_ONE_SIDE = "CASE WHEN min({0}) = max({0}) THEN min({0}) END"  # the one side, or NULL
# a CountRow (claimgraph.backend) of the grouped statements of each proposition
_COUNT_ROW = (
    f"proposition, {_ONE_SIDE.format(_SIDE_OF.format('asserts'))},"
    f" {_ONE_SIDE.format(_SIDE_OF.format('denies'))},"
    " sum(stance = 'asserts'), sum(stance = 'denies')"
)
_COUNTED = (*_COUNT_TRIGGERS, "stance_count_opposed")  # all there: the counts are kept
_COUNT_FILL = (
    "INSERT INTO stance_count (proposition, asserting, denying, asserts, denies)"  # noqa: S608 - constants
    f" SELECT {_COUNT_ROW} FROM statement WHERE {_COUNTS.format('')} GROUP BY proposition",
)


# One query finds ids in every table: ids are unique across record types, as in a ClaimGraph.
# The table names come from _TYPES, never from input.
_LOOKUP_SQL = " UNION ALL ".join(
    f"SELECT t.id, '{t}', t.seq, t.hash FROM json_each(?1) AS j JOIN {t} AS t ON t.id = j.value"  # noqa: S608 - constant table names
    for t in _TYPES
)

_STATEMENT_INSERT = (
    "INSERT INTO statement (seq, id, actor, side, proposition, stance, kind, said, said_prec,"
    " said_lo, hash, json, certainty, withdrawn_lo)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _dump(rec: Record) -> bytes:
    """The record as the native file writes it: ``model_dump_json(exclude_unset=True)``."""
    return type(rec).__pydantic_serializer__.to_json(rec, exclude_unset=True)


def _hash(data: bytes) -> bytes:
    """A 64-bit content hash of a record's JSON."""
    return hashlib.blake2b(data, digest_size=8).digest()


def _said_columns(said: str | None) -> tuple[int | None, str | None]:
    """``(said_prec, said_lo)``: the precision of a partial date and its first day."""
    if said is None:
        return None, None
    n = len(said)
    if n == 4:
        return 4, said + "-01-01"
    if n == 7:
        return 7, said + "-01"
    return 10, said[:10]


def _withdrawn_column(s: Statement) -> str | None:
    """``withdrawn_lo``: None for a statement that stands, else the first day of its
    withdrawal ('' when its date is unknown: withdrawn from the start)."""
    w = s.withdrawn
    if w is None:
        return None
    return "" if w.date is None else date_bounds(w.date)[0]


def _named(records: Iterable[Record], type: str) -> set[str]:
    """The ids of ``type`` the records name (:meth:`~claimgraph.Statement.references`)."""
    return {t for rec in records for _f, ttype, t in rec.references() if ttype == type}


def _ids_param(ids: Iterable[str]) -> str:
    return json.dumps(list(ids), ensure_ascii=False)


# ----------------------------------------------------------------------------- reading back
# Records read back are rebuilt from their stored JSON without validating them again: the
# store validated them on the way in. This is what ``model_construct`` does, several times
# faster, with the one default that depends on another field (the kind of a denial) applied
# as validation applies it. The models are frozen, so instances with the same fields set
# share one (never mutated) ``__pydantic_fields_set__``: fewer objects for the collector.
_new = object.__new__
_set = object.__setattr__
_FIELDS_SET: dict[tuple[str, ...], set[str]] = {}


def _fields_set(d: dict[str, Any]) -> set[str]:
    key = tuple(d)
    found = _FIELDS_SET.get(key)
    if found is None:
        found = _FIELDS_SET[key] = set(key)
    return found


def _finish(obj: Any, values: dict[str, Any], d: dict[str, Any]) -> None:
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", _fields_set(d))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)


def _report(d: dict[str, Any]) -> Report:
    r = _new(Report)
    _set(
        r, "__dict__", {"source": d["source"], "quote": d.get("quote"), "said_as": d.get("said_as")}
    )
    key = tuple(d)
    fields = _FIELDS_SET.get(key) or _FIELDS_SET.setdefault(key, set(key))
    _set(r, "__pydantic_fields_set__", fields)
    _set(r, "__pydantic_extra__", None)
    _set(r, "__pydantic_private__", None)
    return r


def _statement(d: dict[str, Any]) -> Statement:
    """A statement from the fields of its stored JSON (see above; the hot path, inlined)."""
    get = d.get
    stance = get("stance", "asserts")
    hedge = get("hedge")
    reports = get("reports")
    responds = get("responds_to")
    withdrawn = get("withdrawn")
    s = _new(Statement)
    _set(
        s,
        "__dict__",
        {
            "id": d["id"],
            "note": get("note"),
            "actor": d["actor"],
            "proposition": d["proposition"],
            "stance": stance,
            "kind": get("kind") or DEFAULT_KINDS[stance],
            "said": get("said"),
            "certainty": get("certainty") or default_certainty(hedge),
            "hedge": hedge,
            "reports": tuple([_report(r) for r in reports]) if reports else (),
            "responds_to": tuple(responds) if responds else (),
            "withdrawn": None if withdrawn is None else Withdrawal.model_validate(withdrawn),
        },
    )
    key = tuple(d)
    fields = _FIELDS_SET.get(key) or _FIELDS_SET.setdefault(key, set(key))
    _set(s, "__pydantic_fields_set__", fields)
    _set(s, "__pydantic_extra__", None)
    _set(s, "__pydantic_private__", None)
    return s


_Rebuild = Callable[[dict[str, Any]], Record]


def _rebuilder(model: type[Actor] | type[Source] | type[Proposition] | type[Review]) -> _Rebuild:
    """A function rebuilding records of ``model`` from the fields of their stored JSON."""
    template: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        default = info.get_default(call_default_factory=True)
        template[name] = default.value if isinstance(default, Enum) else default
    tuples = [name for name, default in template.items() if default == ()]

    def rebuild(d: dict[str, Any]) -> Record:
        values = {**template, **d}
        for name in tuples:
            v = values[name]
            if v.__class__ is list:
                values[name] = tuple(v)
        rec: Record = _new(model)
        _finish(rec, values, d)
        return rec

    return rebuild


_REBUILD: dict[str, _Rebuild] = {
    "actor": _rebuilder(Actor),
    "source": _rebuilder(Source),
    "proposition": _rebuilder(Proposition),
    "statement": _statement,
    "review": _rebuilder(Review),
}


def _records(type: str, texts: Sequence[str], chunk: int = 20_000) -> list[Record]:
    """Records of one type from their stored JSON texts, parsed a chunk at a time."""
    out: list[Record] = []
    loads = json.loads
    rebuild = _REBUILD[type]
    for i in range(0, len(texts), chunk):
        out += [rebuild(d) for d in loads("[" + ",".join(texts[i : i + chunk]) + "]")]
    return out


def _statements(texts: Sequence[str]) -> list[Statement]:
    return cast(list[Statement], _records("statement", texts))


# ----------------------------------------------------------------------------- planning
class _Held:
    """What a store holds, as the write rules read it (:class:`claimgraph.rules.Existing`).

    One per batch, inside its transaction; it remembers what the batch's lookups found (the
    rows of the records it replaces, the types of the records it names).
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self.seqs: dict[str, int] = {}  # id → seq of the stored records the batch may replace
        self.found: dict[str, str] = {}  # ids looked up and found stored → type (not statements)

    def stored(self, records: Sequence[Record], ids: Sequence[str]) -> list[Record | None]:
        store = self._store
        rows = store._lookup(set(ids))
        if not rows:
            return [None] * len(ids)
        out: list[Record | None] = []
        differ: dict[str, dict[str, list[int]]] = {}  # type → id → positions to read
        same = rules.SAME
        for rec, rid in zip(records, ids, strict=True):
            row = rows.get(rid)
            if row is None:
                out.append(None)
                continue
            ftype, fseq, fhash = row
            if ftype == rec.record_type and _hash(_dump(rec)) == fhash:
                out.append(same)  # stored as it is: no need to read it
            else:
                self.seqs[rid] = fseq
                differ.setdefault(ftype, {}).setdefault(rid, []).append(len(out))
                out.append(None)
        for ftype, where in differ.items():
            for held in store._fetch(ftype, where):
                for i in where[held.id]:
                    out[i] = held
        return out

    def known(self) -> Mapping[str, str]:
        return self._store._known

    def types(self, ids: Collection[str]) -> dict[str, str]:
        found = {rid: row[0] for rid, row in self._store._lookup(ids).items()}
        self.found.update((rid, t) for rid, t in found.items() if t != "statement")
        return found

    def parents(self, ids: Collection[str]) -> dict[str, str | None]:
        rows = self._store._conn.execute(
            "SELECT id, parent FROM actor WHERE id IN (SELECT value FROM json_each(?))",
            (_ids_param(ids),),
        )
        return dict(rows.fetchall())

    def sides(self, ids: Collection[str]) -> dict[str, str]:
        held = self._store.side_map()
        return {i: held[i] for i in ids if i in held}

    def ids(self, record_type: str) -> Iterator[str]:
        return self._store._ids(record_type)


class _Records(Mapping[str, _R]):
    """A read-only mapping of one record type's id → record, read from the store on use."""

    def __init__(self, store: Store, type: str) -> None:
        self._store = store
        self._type = type

    def __getitem__(self, id: str) -> _R:
        store = self._store
        if store._closed:
            raise ClaimGraphError(f"the store '{store.path}' is closed")
        found = store._fetch(self._type, [id])
        if not found:
            raise rules.not_found(id, self._type, store._ids(self._type))
        return cast(_R, found[0])

    def __contains__(self, id: object) -> bool:
        if not isinstance(id, str) or self._store._closed:
            return False
        row = self._store._conn.execute(
            f"SELECT 1 FROM {self._type} WHERE id = ?",  # noqa: S608 - constant table names
            (id,),
        ).fetchone()
        return row is not None

    def __iter__(self) -> Iterator[str]:
        rows = self._store._conn.execute(f"SELECT id FROM {self._type} ORDER BY seq")  # noqa: S608 - constant table names
        return iter([r[0] for r in rows])

    def __len__(self) -> int:
        return int(self._store.counts()[f"{self._type}s"])

    def __repr__(self) -> str:
        return f"<{self._type} records of {self._store!r}>"


# ----------------------------------------------------------------------------- the store
class Store:
    """A claim graph in an SQLite file: append in batches, query in SQL, load slices.

    Parameters
    ----------
    path : str or path-like
        The file; created (with its schema) when it does not exist. ``":memory:"`` gives a
        private in-memory store.
    readonly : bool
        Open an existing file for reading only (several readers may run while one process
        writes).
    timeout : float
        Seconds to wait for another writer's transaction to finish before giving up.

    Raises
    ------
    FileFormatError
        If the file is not a claimgraph store, or is a store of another format version.

    Notes
    -----
    One :class:`Store` belongs to one thread; open one per thread or process. Records read
    back from the store are rebuilt from the JSON they were stored as; they were validated
    when added, and compare equal to the records that were added.

    Examples
    --------
    >>> import claimgraph as cg
    >>> store = Store(":memory:")
    >>> store.add_all([
    ...     cg.Actor(id="pakistan", name="Pakistan", kind="state"),
    ...     cg.Actor(id="afghanistan", name="Afghanistan", kind="state"),
    ...     cg.Proposition(id="sheltered", text="Militants are sheltered on Afghan soil."),
    ...     cg.Statement(actor="pakistan", proposition="sheltered", said="2025-10"),
    ...     cg.Statement(actor="afghanistan", proposition="sheltered", stance="denies"),
    ... ])
    MergeResult(added=5, extended=0, unchanged=0)
    >>> store
    <Store ':memory:': 2 statements, 1 proposition, 2 actors (2 sides), 0 sources>
    >>> store.contradictions()[0].explanation
    'Pakistan asserts and Afghanistan denies “Militants are sheltered on Afghan soil”.'
    >>> store.close()
    """

    def __init__(
        self, path: str | os.PathLike[str], *, readonly: bool = False, timeout: float = 60.0
    ) -> None:
        self.path: str = os.fspath(path)
        """The file the store lives in (``":memory:"`` for an in-memory store)."""
        self.readonly: bool = readonly
        """Whether this store was opened for reading only."""
        memory = self.path == ":memory:"
        if readonly and not memory and not Path(self.path).is_file():
            raise NotFoundError(f"no store at '{self.path}'")
        try:
            if readonly and not memory:
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
            else:
                conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise self._format_error("not_a_store", f"cannot open the store: {exc}") from None
        self._conn: sqlite3.Connection = conn
        self._depth = 0  # nesting of snapshot()
        self._writes = 0  # transactions this connection committed (for caches)
        self._relations_cache: tuple[tuple[int, int], Relations] | None = None
        self._withdrawn_cache: tuple[tuple[int, int], bool] | None = None
        self._roles_cache: tuple[tuple[int, int], dict[str, Role]] | None = None
        self._closed = False
        self._known: dict[str, str] = {}  # id → type of records known to be stored
        self._sides: dict[str, str] | None = None  # actor → side, loaded when first needed
        self._sides_version = ""
        try:
            self._open()
        except BaseException:
            conn.close()
            raise

    # ------------------------------------------------------------------ opening
    def _format_error(self, code: str, message: str) -> FileFormatError:
        return FileFormatError(
            f"cannot open {self.path}", [ErrorDetail(code, message, path=self.path)]
        )

    def _open(self) -> None:
        conn = self._conn
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as exc:
            raise self._format_error(
                "not_a_store", f"not a claimgraph store (not an SQLite database: {exc})"
            ) from None
        if "meta" not in tables:
            if tables or self.readonly:
                raise self._format_error(
                    "not_a_store", "not a claimgraph store: an SQLite database without its tables"
                )
            self._create_schema()
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError:
            meta = {}
        if meta.get("format") != FORMAT:
            raise self._format_error(
                "not_a_store", f"not a claimgraph store (format {meta.get('format')!r})"
            )
        version = meta.get("version")
        older = [v for v in MIGRATIONS if str(v) == version]
        if version != str(FORMAT_VERSION) and not older:
            raise self._format_error(
                "format_version",
                f"this store has format version {version}; this claimgraph reads"
                f" versions 1 to {FORMAT_VERSION}",
            )
        # only now that the file is known to be a store: settings that write to it
        if not self.readonly:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA analysis_limit=1000")  # ANALYZE samples: milliseconds
        conn.execute("PRAGMA cache_size=-262144")  # 256 MiB of page cache
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("PRAGMA mmap_size=1073741824")
        conn.execute("PRAGMA wal_autocheckpoint=10000")  # 40 MB of WAL between checkpoints
        if older:  # after temp_store: setting it drops the temporary tables
            self._migrate(older[0])
        if not self.readonly:
            self._create_indexes()  # a no-op unless a bulk import was cut short

    def _migrate(self, version: int) -> None:
        """Bring a store of an older format version up to :data:`FORMAT_VERSION`: in place
        and in one transaction when writable; read-only, the tables and columns added since
        are shown (empty, or with their default) from the connection's own temporary schema,
        and the file is not touched."""
        conn = self._conn
        steps = [step for v in range(version, FORMAT_VERSION) for step in MIGRATIONS[v]]
        if self.readonly:
            for _sql, reader in steps:
                if reader is not None:
                    conn.execute(reader)
            have = {r[1] for r in conn.execute("PRAGMA main.table_info(statement)")}
            added = [f"{value} AS {name}" for name, value in _ADDED_COLUMNS if name not in have]
            if added:
                conn.execute(
                    f"CREATE TEMP VIEW statement AS SELECT *, {', '.join(added)}"  # noqa: S608 - constants
                    " FROM main.statement"
                )
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row[0] == str(version):  # not migrated by another process meanwhile
                for sql, _reader in steps:
                    conn.execute(sql)
                conn.execute(
                    "UPDATE meta SET value = ? WHERE key = 'version'", (str(FORMAT_VERSION),)
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _create_schema(self) -> None:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if not tables:
                for sql in [*_SCHEMA.split(";"), *_INDEXES]:
                    if sql.strip():
                        conn.execute(sql)
                self._count_all(conn)
                conn.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [("format", FORMAT), ("version", str(FORMAT_VERSION)), ("sides_version", "0")],
                )
                conn.execute(f"PRAGMA application_id={_APPLICATION_ID}")
            # else another process created the file meanwhile: it is checked next
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _index_names(self) -> set[str]:
        rows = self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        return {r[0] for r in rows}

    def _counted(self) -> bool:
        """Whether the counts are kept in step with the statements (their triggers and
        index are in place): if not, the queries group the statements themselves."""
        row = self._conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name IN (SELECT value FROM json_each(?))",
            (_ids_param(_COUNTED),),
        ).fetchone()
        return bool(row[0] == len(_COUNTED))

    def _create_indexes(self) -> None:
        """Build the indexes and the counts that are missing (a no-op unless a bulk import
        was cut short, or the store was made by a release that kept no counts)."""
        if self._index_names() >= set(_INDEX_NAMES) and self._counted():
            return
        with self._writing() as conn:
            for sql in _INDEXES:
                conn.execute(sql)
            if not self._counted():  # count every statement once, then keep counting
                self._count_all(conn)

    @staticmethod
    def _count_all(conn: sqlite3.Connection) -> None:
        """(Re)build the count table from the statements, and the triggers that keep it."""
        for name in _COUNT_TRIGGERS:
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        conn.execute("DROP TABLE IF EXISTS stance_count")
        for sql in (*_COUNT_TABLES, *_COUNT_FILL):
            conn.execute(sql)
        for name, body in _COUNT_TRIGGERS.items():
            conn.execute(f"CREATE TRIGGER {name} {body}")

    def _drop_indexes(self) -> None:
        with self._writing() as conn:
            for name in _INDEX_NAMES:
                conn.execute(f"DROP INDEX IF EXISTS {name}")
            for name in _COUNT_TRIGGERS:  # the counts are redone at the end, in one pass
                conn.execute(f"DROP TRIGGER IF EXISTS {name}")

    def close(self) -> None:
        """Close the file (pending batches are already committed)."""
        if self._closed:
            return
        if not self.readonly:
            # refresh the planner's statistics where useful; best effort (another writer...)
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA optimize")
        self._conn.close()
        self._closed = True

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._closed:
            return f"<Store '{self.path}' (closed)>"
        counts = self.counts()

        def n(count: int, word: str) -> str:
            return f"{count} {word}" + ("" if count == 1 else "s")

        sides = len(self.sides())
        return (
            f"<Store '{self.path}': {n(counts['statements'], 'statement')},"
            f" {n(counts['propositions'], 'proposition')},"
            f" {n(counts['actors'], 'actor')} ({n(sides, 'side')}),"
            f" {n(counts['sources'], 'source')}"
            + (f", {n(counts['reviews'], 'review')}" if counts["reviews"] else "")
            + ">"
        )

    # ------------------------------------------------------------------ transactions
    @contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Hold one consistent view of the store across several queries.

        Inside the block, every query sees the store as it was at the first read, however
        many batches another process commits meanwhile (SQLite's WAL keeps that view).
        Each query on its own is consistent without this.

        Examples
        --------
        >>> import claimgraph as cg
        >>> with Store(":memory:") as store:
        ...     _ = store.add_all(cg.load(cg.example_path()))
        ...     with store.snapshot():
        ...         n = len(store.statements())
        ...         same = n == store.counts()["statements"]
        >>> same
        True
        """
        self._check_open()
        conn = self._conn
        if self._depth == 0:
            conn.execute("BEGIN")
        self._depth += 1
        try:
            yield self
        finally:
            self._depth -= 1
            if self._depth == 0:
                conn.execute("COMMIT")

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise ClaimGraphError(f"the store '{self.path}' is open read-only")
        if self._depth:
            raise ClaimGraphError("cannot write to the store inside snapshot()")
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        self._writes += 1
        try:
            self._check_sides_version()
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _check_sides_version(self) -> None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'sides_version'").fetchone()
        version = row[0] if row else ""
        if version != self._sides_version:
            self._sides = None
            self._sides_version = version

    # ------------------------------------------------------------------ access
    def counts(self) -> dict[str, int]:
        """How many records of each type the store holds.

        Examples
        --------
        >>> Store(":memory:").counts()
        {'actors': 0, 'sources': 0, 'propositions': 0, 'statements': 0, 'reviews': 0}
        """
        with self.snapshot():
            # records are never removed, so the last seq is the count (and costs no scan)
            return {
                f"{t}s": self._conn.execute(f"SELECT coalesce(max(seq), 0) FROM {t}").fetchone()[0]  # noqa: S608 - constant table names
                for t in _TYPES
            }

    def get(self, id: str) -> Record:
        """The record with this id.

        Raises
        ------
        NotFoundError
            If there is none.

        Examples
        --------
        >>> import claimgraph as cg
        >>> with Store(":memory:") as store:
        ...     _ = store.add_all([cg.Actor(id="qatar", name="Qatar", kind="mediator")])
        ...     store.get("qatar").name
        'Qatar'
        """
        with self.snapshot():
            found = self._lookup([id])
            if id not in found:
                raise rules.not_found(id, known=self._ids())
            return self._fetch(found[id][0], [id])[0]

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and bool(self._lookup([id]))

    def _ids(self, record_type: str | None = None) -> Iterator[str]:
        """Every stored id of one record type (of every type: None), read as it is used;
        for the suggestion of an error (:func:`claimgraph.rules.did_you_mean`)."""
        for t in (record_type,) if record_type is not None else _TYPES:
            for (rid,) in self._conn.execute(f"SELECT id FROM {t}"):  # noqa: S608 - constant table names
                yield rid

    def _lookup(self, ids: Collection[str]) -> dict[str, tuple[str, int, bytes]]:
        """id → (type, seq, hash) of those ``ids`` that are stored, in any table."""
        if not ids:
            return {}
        rows = self._conn.execute(_LOOKUP_SQL, (_ids_param(ids),)).fetchall()
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def _fetch(self, type: str, ids: Iterable[str]) -> list[Record]:
        """Records of one type by id, in the order they were added."""
        rows = self._conn.execute(
            f"SELECT json FROM {type} WHERE id IN (SELECT value FROM json_each(?)) ORDER BY seq",  # noqa: S608 - constant table names
            (_ids_param(ids),),
        ).fetchall()
        return _records(type, [r[0] for r in rows])

    def statements_with_ids(self, ids: Collection[str]) -> dict[str, Statement]:
        """Statement id → statement, for those of ``ids`` the store holds."""
        return {s.id: s for s in cast(list[Statement], self._fetch("statement", ids))}

    def side(self, actor: str) -> str:
        """The side of an actor: the end of its (primary) membership chain.

        Examples
        --------
        >>> import claimgraph as cg
        >>> with Store(":memory:") as store:
        ...     _ = store.add_all([
        ...         cg.Actor(id="pakistan", name="Pakistan", kind="state"),
        ...         cg.Actor(id="pk-gov", name="Government of Pakistan", member_of=["pakistan"]),
        ...     ])
        ...     store.side("pk-gov")
        'pakistan'
        """
        row = self._conn.execute("SELECT side FROM actor WHERE id = ?", (actor,)).fetchone()
        if row is None:
            raise rules.not_found(actor, "actor", self._ids("actor"))
        side: str = row[0]
        return side

    def sides(self) -> list[str]:
        """Ids of the sides, the parties to the dispute, sorted (as
        :meth:`ClaimGraph.sides <claimgraph.ClaimGraph.sides>`)."""
        return self._with_role("party")

    def observers(self) -> list[str]:
        """Ids of the observers, sorted (as :meth:`ClaimGraph.observers
        <claimgraph.ClaimGraph.observers>`)."""
        return self._with_role("observer")

    def mediators(self) -> list[str]:
        """Ids of the mediators, sorted."""
        return self._with_role("mediator")

    def roots(self) -> list[str]:
        """Ids of every actor that is a member of no other actor, sorted."""
        rows = self._conn.execute("SELECT id FROM actor WHERE parent IS NULL ORDER BY id")
        return [r[0] for r in rows]

    def _with_role(self, role: str) -> list[str]:
        """The roots of that role (:func:`claimgraph.rules.side_role`), kept until the store
        changes: whether each takes a stance, or is heard at all, is one probe of the
        statements' side index per root."""
        version = self._data_version()
        cached = self._roles_cache
        if cached is None or cached[0] != version:
            rows = self._conn.execute(
                "SELECT a.json,"  # noqa: S608 - constant clauses
                " EXISTS (SELECT 1 FROM statement AS s WHERE s.side = a.id"
                f" AND s.{_OPINION} AND s.withdrawn_lo IS NULL),"
                " EXISTS (SELECT 1 FROM statement AS s WHERE s.side = a.id)"
                " OR EXISTS (SELECT 1 FROM review AS r JOIN actor AS m"
                " ON m.id = json_extract(r.json, '$.reviewer')"
                " WHERE m.side = a.id)"
                " FROM actor AS a WHERE a.parent IS NULL ORDER BY a.seq"
            ).fetchall()
            actors = cast(list[Actor], _records("actor", [r[0] for r in rows]))
            roles = {
                a.id: rules.side_role(a, bool(r[1]), bool(r[2]))
                for a, r in zip(actors, rows, strict=True)
            }
            cached = self._roles_cache = (version, roles)
        return sorted(r for r, got in cached[1].items() if got == role)

    def side_map(self) -> dict[str, str]:
        """Actor id → side id for every actor (a cache; do not modify)."""
        if self._sides is None:
            self._sides = dict(self._conn.execute("SELECT id, side FROM actor").fetchall())
        return self._sides

    # ------------------------------------------------------------------ adding
    def add_all(
        self,
        records: Iterable[Record],
        *,
        batch_size: int | None = 10_000,
        bulk: bool | None = None,
    ) -> MergeResult:
        """Append records, committing one transaction per batch.

        The rules are those of :meth:`ClaimGraph.add_all <claimgraph.ClaimGraph.add_all>`:
        a record already stored unchanged is skipped; a statement stored with other reports
        gains the new ones; a record whose id is taken by different content is a conflict;
        every id a record names must be stored or come in the same input. Records may come
        in any order: one that names an id not seen yet waits (in memory) until the end of
        the input, and is stored once what it names is.

        Each batch of ``batch_size`` records is checked whole and committed in one
        transaction, so an ingestion that stops half-way (a crash, an exception from the
        iterable) leaves every earlier batch stored and nothing of the batch it was in:
        running the same ingestion again adds the rest and changes nothing else.
        With ``batch_size=None`` the input is one batch: all of it is stored, or none.

        ``bulk`` imports without keeping the query indexes up to date, and builds them once
        at the end: several times faster for a large import. By default a store without
        statements is filled in bulk, and one with statements is appended to with its indexes
        live. Readers meanwhile get the same answers, but slowly. An import cut short by a
        crash leaves the indexes to be built when the store is next opened for writing.

        Returns
        -------
        MergeResult
            Ids added and extended, and how many records were already stored unchanged.

        Each batch is checked by the write rules of ``claimgraph.rules``, the same as
        the graph's, and refused with the same errors and words: one error per batch,
        listing every problem found in it.

        Raises
        ------
        ConflictError
            Records whose id is taken by a different record; nothing of their batch is
            stored (earlier batches stay).
        UnknownReferenceError
            Records that name ids found neither in the store nor in the input, listed at the
            end of the input (everything else is stored by then); or that name an id of the
            wrong type, at their batch.
        InvalidDataError
            Membership cycles among actors; several kinds of problem in one batch (a
            conflict and a wrong reference, ...; ids a failing batch waits for are listed
            with them once the input has ended), with nothing of its batch stored.

        Examples
        --------
        >>> import claimgraph as cg
        >>> with Store(":memory:") as store:
        ...     graph = cg.load(cg.example_path())
        ...     _ = store.add_all(graph, batch_size=5)
        ...     store.add_all(graph)
        MergeResult(added=0, extended=0, unchanged=...)
        """
        if batch_size is not None and batch_size < 1:
            raise InvalidArgumentError("batch_size must be a positive number of records, or None")
        result = MergeResult()
        pending: dict[str, Record] = {}
        if bulk is None:
            bulk = self.counts()["statements"] == 0
        if bulk:
            self._drop_indexes()
        with _gc_paused(), contextlib.ExitStack() as finish:
            if bulk:
                finish.callback(self._create_indexes)  # even when the import fails
            it = iter(records)
            if batch_size is None:
                self._add_batch(list(it), result, None)
            else:

                def at_end() -> Container[str] | None:
                    # asked only when a batch fails: whether what it waits for may still come
                    try:
                        more = next(it, None) is not None
                    except Exception:  # the input failed too: the batch's error is raised
                        more = True
                    return None if more else pending

                while chunk := list(islice(it, batch_size)):
                    self._add_batch(chunk, result, pending, at_end)
                while pending:
                    waiting = list(pending.values())
                    still = set(pending)
                    pending = {}
                    for i in range(0, len(waiting), batch_size):
                        # the input is exhausted: only what waits may still come
                        self._add_batch(waiting[i : i + batch_size], result, pending, still.copy)
                    if len(pending) == len(waiting):  # no progress: report what is missing
                        self._add_batch(list(pending.values()), result, None)
                        pending = {}
        if len(result.added) >= 1000:
            self._conn.execute("ANALYZE")  # the planner's statistics (sampled)
        return result

    def _add_batch(
        self,
        chunk: list[Record],
        result: MergeResult,
        pending: dict[str, Record] | None,
        at_end: Callable[[], Container[str] | None] | None = None,
    ) -> None:
        """Check one batch by the write rules and store it in one transaction.

        With ``pending``, records naming ids not stored yet wait there (see
        :func:`claimgraph.rules.check`); if the batch fails anyway, ``at_end`` says whether
        the input is exhausted (giving the ids still waiting), and then what the batch waited
        for is listed with its other problems.
        """
        with self._writing():
            held = _Held(self)
            plan = rules.combined(chunk, held)
            rules.check(plan, held, wait=pending is not None)
            if plan.failed and at_end is not None:
                waiting = at_end()
                if waiting is not None:
                    plan.report_missing(waiting)
            rules.raise_problems(plan.errors)
            rules.assign_sides(plan, held)
            self._write(plan, held.seqs)
        # after the commit: remember what is stored now
        result.added += [rid for rid in plan.batch if rid not in plan.replace]
        result.extended += list(plan.replace)
        result.unchanged += plan.result.unchanged
        if pending is not None:
            for rid, rec in plan.deferred.items():
                prev = pending.get(rid)
                merged = rec if prev is None else rules.combine(prev, rec)
                if merged is not None:
                    pending[rid] = merged
                elif prev is not None:
                    rules.raise_problems({"conflict": [rules.conflict(prev, rec, held=False)]})
        known = self._known
        if len(known) > _KNOWN_LIMIT:
            known.clear()
        known.update(held.found)
        for rec in plan.others:
            known[rec.id] = rec.record_type
        if plan.sides and self._sides is not None:
            self._sides.update(plan.sides)

    def _write(self, plan: rules.Plan, seqs: Mapping[str, int]) -> None:
        conn = self._conn
        if not plan.batch:
            return
        seq = {
            t: conn.execute(f"SELECT coalesce(max(seq), 0) FROM {t}").fetchone()[0]  # noqa: S608 - constant table names
            for t in _TYPES
        }
        actors: list[tuple[Any, ...]] = []
        sources: list[tuple[Any, ...]] = []
        props: list[tuple[Any, ...]] = []
        reviews: list[tuple[Any, ...]] = []
        relations: list[tuple[str, str, int, str]] = []
        for rec in plan.others:
            data = _dump(rec)
            row = (rec.id, _hash(data), data.decode())
            if isinstance(rec, Actor):
                seq["actor"] += 1
                parent = rec.member_of[0] if rec.member_of else None
                actors.append((seq["actor"], parent, plan.sides[rec.id], *row))
            elif isinstance(rec, Source):
                seq["source"] += 1
                sources.append((seq["source"], *row))
            elif isinstance(rec, Proposition):
                seq["proposition"] += 1
                props.append((seq["proposition"], *row))
                relations += [(rec.id, "contradicts", i, q) for i, q in enumerate(rec.contradicts)]
                relations += [(rec.id, "implies", i, q) for i, q in enumerate(rec.implies)]
            elif isinstance(rec, Review):
                seq["review"] += 1
                reviews.append((seq["review"], rec.proposition, *row))
        if actors:
            conn.executemany(
                "INSERT INTO actor (seq, parent, side, id, hash, json) VALUES (?, ?, ?, ?, ?, ?)",
                actors,
            )
        if sources:
            conn.executemany(
                "INSERT INTO source (seq, id, hash, json) VALUES (?, ?, ?, ?)", sources
            )
        if props:
            conn.executemany(
                "INSERT INTO proposition (seq, id, hash, json) VALUES (?, ?, ?, ?)", props
            )
        if reviews:
            conn.executemany(
                "INSERT INTO review (seq, proposition, id, hash, json) VALUES (?, ?, ?, ?, ?)",
                reviews,
            )
        if relations:
            conn.executemany(
                "INSERT INTO relation (proposition, type, pos, other) VALUES (?, ?, ?, ?)",
                relations,
            )
        # the hot loop: one row per statement, plus one per report
        rows: list[tuple[Any, ...]] = []
        reports: list[tuple[int, str]] = []
        updates: list[tuple[bytes, str, int]] = []
        replace = plan.replace
        side_of = self.side_map()
        if plan.sides:
            side_of = {**side_of, **plan.sides}
        n = seq["statement"]
        to_json = Statement.__pydantic_serializer__.to_json
        blake2b = hashlib.blake2b
        for rid, rec in plan.batch.items():
            if type(rec) is not Statement:
                continue
            data = to_json(rec, exclude_unset=True)
            digest = blake2b(data, digest_size=8).digest()
            if rid in replace:  # a stored statement gains reports or responses
                s_seq = seqs[rid]
                had = {r.source for r in cast(Statement, plan.previous[rid]).reports}
                updates.append((digest, data.decode(), s_seq))
                reports += [(s_seq, r.source) for r in rec.reports if r.source not in had]
                continue
            n += 1
            said = rec.said
            if said is None:
                prec: int | None = None
                lo: str | None = None
            elif len(said) == 10:
                prec, lo = 10, said
            else:
                prec, lo = _said_columns(said)
            actor = rec.actor
            rows.append(
                (
                    n,
                    rid,
                    actor,
                    side_of[actor],
                    rec.proposition,
                    rec.stance,
                    rec.kind,
                    said,
                    prec,
                    lo,
                    digest,
                    data.decode(),
                    rec.certainty,
                    _withdrawn_column(rec),
                )
            )
            for r in rec.reports:
                reports.append((n, r.source))
        if rows:
            conn.executemany(_STATEMENT_INSERT, rows)
        if updates:
            conn.executemany("UPDATE statement SET hash = ?, json = ? WHERE seq = ?", updates)
        if reports:
            conn.executemany("INSERT INTO report (statement, source) VALUES (?, ?)", reports)

    def update(self, id: str, /, **changes: Any) -> Record:
        """Replace fields of a stored record; return the new record.

        As :meth:`ClaimGraph.update <claimgraph.ClaimGraph.update>`: the changed record is
        validated again and its references checked; the id cannot change. When an actor's
        membership changes, the sides of every actor below it, and of their statements,
        are recomputed.

        Examples
        --------
        >>> import claimgraph as cg
        >>> with Store(":memory:") as store:
        ...     _ = store.add_all([
        ...         cg.Actor(id="pakistan", name="Pakistan", kind="state"),
        ...         cg.Actor(id="ttp", name="TTP"),
        ...         cg.Proposition(id="p", text="Talks will resume."),
        ...         cg.Statement(actor="ttp", proposition="p"),
        ...     ])
        ...     _ = store.update("ttp", member_of=["pakistan"])
        ...     [s.actor for s in store.statements(side="pakistan")]
        ['ttp']
        """
        with self._writing() as conn:
            found = self._lookup([id])
            if id not in found:
                raise rules.not_found(id, known=self._ids())
            rtype, rseq, _h = found[id]
            old = self._fetch(rtype, [id])[0]
            new = rules.updated(old, changes)
            if new == old:
                return old
            rules.check_update(old, new, _Held(self))
            dumped = _dump(new)
            conn.execute(
                f"UPDATE {rtype} SET hash = ?, json = ? WHERE seq = ?",  # noqa: S608 - constant table names
                (_hash(dumped), dumped.decode(), rseq),
            )
            if isinstance(new, Statement):
                prec, lo = _said_columns(new.said)
                conn.execute(
                    "UPDATE statement SET actor = ?, side = (SELECT side FROM actor WHERE id = ?),"
                    " proposition = ?, stance = ?, kind = ?, said = ?, said_prec = ?,"
                    " said_lo = ?, certainty = ?, withdrawn_lo = ? WHERE seq = ?",
                    [
                        new.actor,
                        new.actor,
                        new.proposition,
                        new.stance,
                        new.kind,
                        new.said,
                        prec,
                        lo,
                        new.certainty,
                        _withdrawn_column(new),
                        rseq,
                    ],
                )
                conn.execute("DELETE FROM report WHERE statement = ?", (rseq,))
                conn.executemany(
                    "INSERT INTO report (statement, source) VALUES (?, ?)",
                    [(rseq, r.source) for r in new.reports],
                )
            elif isinstance(new, Proposition):
                conn.execute("DELETE FROM relation WHERE proposition = ?", (id,))
                conn.executemany(
                    "INSERT INTO relation (proposition, type, pos, other) VALUES (?, ?, ?, ?)",
                    [(id, "contradicts", i, q) for i, q in enumerate(new.contradicts)]
                    + [(id, "implies", i, q) for i, q in enumerate(new.implies)],
                )
            elif isinstance(new, Review):
                conn.execute(
                    "UPDATE review SET proposition = ? WHERE seq = ?", (new.proposition, rseq)
                )
            elif isinstance(new, Actor):
                parent = new.member_of[0] if new.member_of else None
                conn.execute("UPDATE actor SET parent = ? WHERE seq = ?", (parent, rseq))
                self._recompute_sides()
        return new

    def _recompute_sides(self) -> None:
        """Store the side of every actor whose membership chain changed, and of its statements."""
        conn = self._conn
        parents = dict(conn.execute("SELECT id, parent FROM actor").fetchall())
        old = dict(conn.execute("SELECT id, side FROM actor").fetchall())
        changed = rules.changed_sides(parents, old)
        if not changed:
            return
        conn.executemany("UPDATE actor SET side = ? WHERE id = ?", changed)
        conn.executemany("UPDATE statement SET side = ? WHERE actor = ?", changed)
        conn.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'sides_version'"
        )
        self._sides = None

    # ------------------------------------------------------------------ backend protocol
    # The primitives of claimgraph.backend.QueryBackend, answered in SQL: the queries
    # (claimgraph.queries) are written once against them.
    label = "store"

    @property
    def actors(self) -> Mapping[str, Actor]:
        """Read-only mapping of actor id → :class:`~claimgraph.Actor`, read on use."""
        return _Records(self, "actor")

    @property
    def sources(self) -> Mapping[str, Source]:
        """Read-only mapping of source id → :class:`~claimgraph.Source`, read on use."""
        return _Records(self, "source")

    @property
    def propositions(self) -> Mapping[str, Proposition]:
        """Read-only mapping of proposition id → :class:`~claimgraph.Proposition`."""
        return _Records(self, "proposition")

    @property
    def reviews(self) -> Mapping[str, Review]:
        """Read-only mapping of review id → :class:`~claimgraph.Review` (fact-checks), read on
        use."""
        return _Records(self, "review")

    def reviews_of(self, proposition: str) -> list[Review]:
        """Reviews of one proposition, in the order they were added.

        Examples
        --------
        >>> import claimgraph as cg
        >>> g = cg.load(cg.example_path())
        >>> _ = g.add_actor(id="desk", name="Fact Desk", kind="outlet")
        >>> _ = g.add_review(proposition="militants-sheltered", reviewer="desk",
        ...                  textual_rating="Unproven")
        >>> with Store(":memory:") as store:
        ...     _ = store.add_all(g)
        ...     [r.textual_rating for r in store.reviews_of("militants-sheltered")]
        ['Unproven']
        """
        return self._reviews_of([proposition])

    def _reviews_of(self, propositions: Iterable[str]) -> list[Review]:
        """The reviews of these propositions, in the order they were added."""
        rows = self._conn.execute(
            "SELECT json FROM review WHERE proposition IN (SELECT value FROM json_each(?))"
            " ORDER BY seq",
            (_ids_param(propositions),),
        ).fetchall()
        return cast(list[Review], _records("review", [r[0] for r in rows]))

    def missing_ids(self, type: str, ids: Collection[str]) -> list[str]:
        """The ids among ``ids`` of no record of ``type`` in the store (for query filters)."""
        rows = self._conn.execute(
            f"SELECT id FROM {type} WHERE id IN (SELECT value FROM json_each(?))",  # noqa: S608 - constant table names
            (_ids_param(ids),),
        )
        have = {r[0] for r in rows}
        return [i for i in ids if i not in have]

    def names(self, ids: Iterable[str]) -> dict[str, str]:
        """Actor id → its name, for those of ``ids`` in the store."""
        self._check_open()
        return dict(
            self._conn.execute(
                "SELECT id, json_extract(json, '$.name') FROM actor"
                " WHERE id IN (SELECT value FROM json_each(?))",
                (_ids_param(set(ids)),),
            ).fetchall()
        )

    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        """Proposition id → its wording, for those of ``ids`` in the store."""
        self._check_open()
        return dict(
            self._conn.execute(
                "SELECT id, json_extract(json, '$.text') FROM proposition"
                " WHERE id IN (SELECT value FROM json_each(?))",
                (_ids_param(set(ids)),),
            ).fetchall()
        )

    @staticmethod
    def _date_clause(since: str | None, until: str | None) -> tuple[str, list[Any]]:
        """SQL for "the date span overlaps [since, until]", as range scans of one index.

        A partial date spans a year, a month or a day according to its precision, so it
        overlaps the range exactly when its first day lies between the first day of the
        year (month, day) of ``since`` and the last day of ``until``: one bounded range of
        the ``(said_prec, said_lo)`` index per precision.
        """
        if since is None and until is None:
            return "", []
        hi = date_bounds(until)[1] if until is not None else "9999-99-99"
        if since is None:
            return "said_prec IN (4, 7, 10) AND said_lo <= ?", [hi]
        lo = date_bounds(since)[0]
        return (
            "((said_prec = 4 AND said_lo BETWEEN ? AND ?)"
            " OR (said_prec = 7 AND said_lo BETWEEN ? AND ?)"
            " OR (said_prec = 10 AND said_lo BETWEEN ? AND ?))",
            [lo[:4] + "-01-01", hi, lo[:7] + "-01", hi, lo, hi],
        )

    def _window_clause(self, w: Window) -> tuple[str, list[Any]]:
        """SQL for the statements a window keeps (:meth:`Window.keeps
        <claimgraph.filters.Window.keeps>`, written for the store's columns): the date
        clause (:meth:`_date_clause`), then said by ``as_of`` and not withdrawn by then.
        The withdrawal clause is left out while the store holds no withdrawn statement, so
        that the covering indexes still answer alone."""
        date_sql, date_params = self._date_clause(w.since, w.until)
        parts = [date_sql] if date_sql else []
        params = list(date_params)
        day = w.day
        if day is not None:
            parts.append("(said_lo IS NULL OR said_lo <= ?)")
            params.append(day)
        if w.withdrawn == "only":
            if day is None:
                parts.append("withdrawn_lo IS NOT NULL")
            else:
                parts.append("(withdrawn_lo IS NOT NULL AND withdrawn_lo <= ?)")
                params.append(day)
        elif w.withdrawn is False and self._holds_withdrawn():
            if day is None:
                parts.append("withdrawn_lo IS NULL")
            else:
                parts.append("(withdrawn_lo IS NULL OR withdrawn_lo > ?)")
                params.append(day)
        return " AND ".join(parts), params

    def _data_version(self) -> tuple[int, int]:
        """What changes whenever the store does (another connection's writes, or ours):
        the key of what is kept until the store changes."""
        return (self._conn.execute("PRAGMA data_version").fetchone()[0], self._writes)

    def _holds_withdrawn(self) -> bool:
        """Whether any stored statement is withdrawn (one probe of a partial index), kept
        until the store changes."""
        version = self._data_version()
        cached = self._withdrawn_cache
        if cached is not None and cached[0] == version:
            return cached[1]
        row = self._conn.execute(
            "SELECT 1 FROM statement WHERE withdrawn_lo IS NOT NULL LIMIT 1"
        ).fetchone()
        self._withdrawn_cache = (version, row is not None)
        return row is not None

    def _opinion_clause(self, w: Window) -> tuple[str, list[Any]]:
        """The window clause (as :meth:`_window_clause`) of the statements that take a
        position: what stance counts, tallies and the sides of a stance are read from."""
        sql, params = self._window_clause(w)
        return (f"{_OPINION} AND {sql}" if sql else _OPINION), params

    def _where(self, f: StatementFilter) -> tuple[str, list[Any]]:
        """The SQL ``WHERE`` clause (and its parameters) of a statement filter."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, values in (
            ("actor", f.actors),
            ("side", f.sides),
            ("proposition", f.propositions),
            ("kind", f.kinds),
        ):
            if values is not None:
                clauses.append(f"{column} IN (SELECT value FROM json_each(?))")  # noqa: S608 - constant column names
                params.append(_ids_param(values))
        if f.stance is not None:
            clauses.append("stance = ?")
            params.append(f.stance)
        if f.certainty is not None:
            clauses.append("certainty = ?")
            params.append(f.certainty)
        if f.sources is not None:
            clauses.append(
                "seq IN (SELECT statement FROM report WHERE source IN"
                " (SELECT value FROM json_each(?)))"
            )
            params.append(_ids_param(f.sources))
        dated, dparams = self._window_clause(f.window)
        if dated:
            clauses.append(dated)
            params += dparams
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def matching(self, f: StatementFilter) -> list[Statement]:
        """The statements matching a (checked) filter, in the order they were stored."""
        where, params = self._where(f)
        with self.snapshot(), _gc_paused():
            rows = self._conn.execute(
                f"SELECT json FROM statement{where} ORDER BY seq",  # noqa: S608 - clauses are constants; values are parameters
                params,
            ).fetchall()
            return _statements([r[0] for r in rows])

    def stance_sides(
        self,
        w: Window,
        *,
        min_asserting: int = 0,
        undenied: bool = False,
    ) -> Mapping[str, tuple[Collection[str], Collection[str]]]:
        """Proposition id → (sides asserting it, sides denying it) in the window (only
        those asserted by ``min_asserting`` sides or more and, if ``undenied``, denied by
        none: found by grouping the propositions first)."""
        date_sql, date_params = self._opinion_clause(w)
        clauses = [date_sql]
        params = list(date_params)
        if min_asserting > 0 or undenied:
            having = [f"count(DISTINCT {_SIDE_OF.format('asserts')}) >= ?"]
            if undenied:
                having.append("max(stance) = 'asserts'")
            where = f" WHERE {date_sql}"
            clauses.append(
                f"proposition IN (SELECT proposition FROM statement{where}"  # noqa: S608 - clauses are constants; values are parameters
                f" GROUP BY proposition HAVING {' AND '.join(having)})"
            )
            params += [*date_params, min_asserting]
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        out: dict[str, tuple[list[str], list[str]]] = {}
        rows = self._conn.execute(
            f"SELECT proposition, stance, side FROM statement{where}"  # noqa: S608 - clauses are constants; values are parameters
            " GROUP BY proposition, stance, side",
            params,
        )
        for p, stance, side in rows:
            got = out.get(p)
            if got is None:
                got = out[p] = ([], [])
            got[stance != "asserts"].append(side)
        return out

    def stance_counts(
        self, props: Collection[str], w: Window
    ) -> list[tuple[str, str | None, str | None, int, int]]:
        """The counts of some propositions (those with a statement in the window)."""
        if not props:
            return []
        if w.current and self._counted():
            return self._conn.execute(
                "SELECT proposition, asserting, denying, asserts, denies FROM stance_count"
                " WHERE proposition IN (SELECT value FROM json_each(?))",
                (_ids_param(props),),
            ).fetchall()
        date_sql, date_params = self._opinion_clause(w)
        return self._conn.execute(
            f"SELECT {_COUNT_ROW} FROM statement"  # noqa: S608 - clauses are constants; values are parameters
            f" WHERE proposition IN (SELECT value FROM json_each(?)) AND {date_sql}"
            " GROUP BY proposition",
            [_ids_param(props), *date_params],
        ).fetchall()

    def opposed(
        self, w: Window, proposition: str | None
    ) -> list[tuple[str, str | None, str | None, int, int]]:
        """The counts of every proposition both asserted and denied in the window.

        Without a date range they come from the ``stance_count`` table the store keeps up
        to date (one index); otherwise by grouping the date-filtered statements.
        """
        if proposition is not None:
            return [r for r in self.stance_counts([proposition], w) if r[3] and r[4]]
        if w.current and self._counted():
            return self._conn.execute(
                "SELECT proposition, asserting, denying, asserts, denies"
                " FROM stance_count INDEXED BY stance_count_opposed"
                " WHERE asserts > 0 AND denies > 0"
            ).fetchall()
        date_sql, date_params = self._opinion_clause(w)
        return self._conn.execute(
            f"SELECT {_COUNT_ROW} FROM statement WHERE {date_sql}"  # noqa: S608 - clauses are constants; values are parameters
            " GROUP BY proposition HAVING min(stance) <> max(stance)",
            date_params,
        ).fetchall()

    def tallies(self, props: Collection[str], w: Window) -> dict[tuple[str, str], dict[str, int]]:
        """(proposition, stance) → side → how many (date-filtered) statements."""
        out: dict[tuple[str, str], dict[str, int]] = {}
        if not props:
            return out
        date_sql, date_params = self._opinion_clause(w)
        rows = self._conn.execute(
            "SELECT proposition, stance, side, count(*) FROM statement WHERE proposition IN"  # noqa: S608 - clauses are constants; values are parameters
            f" (SELECT value FROM json_each(?)) AND {date_sql} GROUP BY proposition, stance, side",
            [_ids_param(props), *date_params],
        )
        for p, stance, side, n in rows:
            key = (p, stance)
            t = out.get(key)
            if t is None:
                out[key] = {side: n}
            else:
                t[side] = n
        return out

    def first_said(
        self, positions: Collection[tuple[str, str, str]], w: Window
    ) -> dict[tuple[str, str, str], str | None]:
        """(proposition, stance, side) → the earliest date said (``first_said``), if any, for
        these positions (their statements found through the index, one by one)."""
        if not positions:
            return {}
        date_sql, date_params = self._window_clause(w)
        extra = f" AND {date_sql}" if date_sql else ""
        rows = self._conn.execute(
            "SELECT s.proposition, s.stance, s.side, min(s.said) FROM json_each(?) AS j"  # noqa: S608 - clauses are constants; values are parameters
            " JOIN statement AS s ON s.proposition = json_extract(j.value, '$[0]')"
            " AND s.stance = json_extract(j.value, '$[1]')"
            f" AND s.side = json_extract(j.value, '$[2]'){extra}"
            " GROUP BY s.proposition, s.stance, s.side",
            [json.dumps(list(positions), ensure_ascii=False), *date_params],
        )
        return {(p, stance, side): said for p, stance, side, said in rows}

    def position_statements(
        self,
        positions: Mapping[tuple[str, str], Collection[str] | None],
        w: Window,
    ) -> list[tuple[str, str, Statement]]:
        """``(stance, side, statement)`` for every statement taking one of these positions.

        Only the statements wanted are rebuilt from their JSON (the others are skipped on
        their indexed columns).

        Raises
        ------
        ClaimGraphError
            If the store is closed (a contradiction reads its statements on first use).
        """
        self._check_open()
        if not positions:
            return []
        date_sql, date_params = self._window_clause(w)
        extra = f" AND {date_sql}" if date_sql else ""
        rows = self._conn.execute(
            "SELECT proposition, stance, side, json FROM statement WHERE proposition IN"  # noqa: S608 - clauses are constants; values are parameters
            f" (SELECT value FROM json_each(?)){extra}",
            [_ids_param({p for p, _stance in positions}), *date_params],
        ).fetchall()
        keep = positions.get
        rows = [
            r
            for r in rows
            if (r[0], r[1]) in positions and ((only := keep((r[0], r[1]))) is None or r[2] in only)
        ]
        return [
            (r[1], r[2], st) for r, st in zip(rows, _statements([r[3] for r in rows]), strict=True)
        ]

    def _check_open(self) -> None:
        if self._closed:
            raise ClaimGraphError(
                f"the store '{self.path}' is closed: a contradiction reads its statements"
                " and texts from the store when they are first used (groups, statements,"
                " explanation, ==); use them before closing it"
            )

    def relations(self) -> Relations:
        """The declared ``contradicts`` and ``implies`` relations, kept until the store
        changes (read by every contradictions query, and few)."""
        version = self._data_version()
        if self._relations_cache is not None and self._relations_cache[0] == version:
            return self._relations_cache[1]
        rel = Relations()
        rows = self._conn.execute(
            "SELECT r.proposition, r.type, r.other FROM relation AS r"
            " JOIN proposition AS p ON p.id = r.proposition ORDER BY p.seq, r.type, r.pos"
        )
        owners = rel.owners
        for p, kind, q in rows:
            if not owners or owners[-1] != p:
                owners.append(p)
            (rel.contradicts if kind == "contradicts" else rel.implies).setdefault(p, []).append(q)
        self._relations_cache = (version, rel)
        return rel

    # ------------------------------------------------------------------ queries
    def statements(self, **filters: Any) -> list[Statement]:
        """Statements matching every given filter, in the order they were stored.

        The filters and their meaning are those of :func:`claimgraph.statements`.

        Examples
        --------
        >>> import claimgraph as cg
        >>> with Store(":memory:") as store:
        ...     _ = store.add_all(cg.load(cg.example_path()))
        ...     [s.kind for s in store.statements(actor="pk-defense-minister", kind="demand")]
        ['demand']
        """
        return queries.statements(self, **filters)

    def timeline(self, **filters: Any) -> list[Statement]:
        """Statements in the order they were said (undated ones last); see :meth:`statements`.

        Examples
        --------
        >>> import claimgraph as cg
        >>> with Store(":memory:") as store:
        ...     _ = store.add_all(cg.load(cg.example_path()))
        ...     [s.said for s in store.timeline(actor="pk-defense-minister")][:1]
        ['2025-11-05']
        """
        return queries.timeline(self, **filters)

    def contradictions(self, **filters: Any) -> list[Contradiction]:
        """Statements that cannot all be true, grouped: :func:`claimgraph.contradictions`.

        Classified, counted and ranked in SQL from the stance counts (without a date range,
        from a table the store keeps up to date as statements are added and changed): no
        statement is read back until a contradiction's groups are first used — inside the
        same :meth:`snapshot` exactly what the query saw (see :class:`~claimgraph.Contradiction`).
        The store must still be open then, and be used from its own thread.

        Examples
        --------
        >>> import claimgraph as cg
        >>> with Store(":memory:") as store:
        ...     _ = store.add_all(cg.load(cg.example_path()))
        ...     disputes = store.contradictions(kind="dispute")
        ...     len(disputes), disputes[0].sides, "Arab News" in str(disputes[0].to_dict())
        (2, ('afghanistan', 'pakistan'), True)
        """
        return queries.contradictions(self, **filters)

    def agreements(self, **filters: Any) -> list[Agreement]:
        """Common ground: :func:`claimgraph.agreements` over the store.

        Examples
        --------
        >>> import claimgraph as cg
        >>> with Store(":memory:") as store:
        ...     _ = store.add_all(cg.load(cg.example_path()))
        ...     [a.sides for a in store.agreements()][0]
        ('afghanistan', 'pakistan')
        """
        return queries.agreements(self, **filters)

    def positions(self, **filters: Any) -> Positions:
        """Where each side stands: :func:`claimgraph.positions` over the store.

        Examples
        --------
        >>> import claimgraph as cg
        >>> with Store(":memory:") as store:
        ...     _ = store.add_all(cg.load(cg.example_path()))
        ...     store.positions().stance("afghanistan", "militants-sheltered")
        'denies'
        """
        return queries.positions(self, **filters)

    # ------------------------------------------------------------------ slices
    def load(self, *, title: str | None = None, **filters: Any) -> ClaimGraph:
        """A :class:`~claimgraph.ClaimGraph` of the statements matching the filters.

        The filters are those of :meth:`statements`; with none, everything is loaded,
        records that no statement uses included. Withdrawn statements are loaded too (a
        slice keeps the history; its queries leave them out as usual) unless
        ``withdrawn=False`` is given. The graph also holds every record the
        statements need: their actors with the actors'
        membership chains, their sources with what the sources derive from, their
        propositions with the propositions these declare exclusive or implied, and the
        statements they respond to (with what those need in turn).

        Examples
        --------
        >>> import claimgraph as cg
        >>> with Store(":memory:") as store:
        ...     _ = store.add_all(cg.load(cg.example_path()))
        ...     g = store.load(proposition="militants-sheltered")
        >>> [c.kind for c in g.contradictions()]
        ['dispute']
        """
        f = StatementFilter.parse(**{"withdrawn": True, **filters})
        f.check(self.missing_ids, self.roots, self.side, lambda t: self._ids(t))
        where, params = self._where(f)
        with self.snapshot(), _gc_paused():
            if not where:
                return ClaimGraph(self._everything(), title=title)
            rows = self._conn.execute(
                f"SELECT json FROM statement{where} ORDER BY seq",  # noqa: S608 - clauses are constants; values are parameters
                params,
            ).fetchall()
            statements: dict[str, Statement] = {}
            batch = _statements([r[0] for r in rows])
            while batch:  # and the statements they name (responds_to, corrections), to the end
                for s in batch:
                    statements[s.id] = s
                wanted = _named(batch, "statement") - statements.keys()
                batch = cast(list[Statement], self._fetch("statement", wanted))
            sources = self._closure("source", _named(statements.values(), "source"))
            props = self._closure("proposition", _named(statements.values(), "proposition"))
            # the reviews of those propositions (of those statements, when they name one),
            # with their reviewers
            reviews = [
                r
                for r in self._reviews_of(p.id for p in props)
                if r.statement is None or r.statement in statements
            ]
            actors = self._closure(
                "actor", _named(statements.values(), "actor") | {r.reviewer for r in reviews}
            )
            order = dict(
                self._conn.execute(
                    "SELECT id, seq FROM statement WHERE id IN (SELECT value FROM json_each(?))",
                    (_ids_param(statements),),
                ).fetchall()
            )
            ordered = sorted(statements.values(), key=lambda s: order[s.id])
            return ClaimGraph([*actors, *sources, *props, *ordered, *reviews], title=title)

    def _everything(self) -> Iterator[Record]:
        for type in _TYPES:
            rows = self._conn.execute(f"SELECT json FROM {type} ORDER BY seq")  # noqa: S608 - constant table names
            yield from _records(type, [r[0] for r in rows])

    def _closure(self, type: str, ids: set[str]) -> list[Record]:
        """Records of one type with every record of that type they refer to, transitively."""
        got: dict[str, Record] = {}
        todo = ids
        while todo:
            new = self._fetch(type, todo)
            for rec in new:
                got[rec.id] = rec
            todo = {t for rec in new for _f, _t, t in rec.references()} - got.keys()
        return sorted(got.values(), key=self._seq_key(type, got))

    def _seq_key(self, type: str, got: Collection[str]) -> Callable[[Record], int]:
        rank = dict(
            self._conn.execute(
                f"SELECT id, seq FROM {type} WHERE id IN (SELECT value FROM json_each(?))",  # noqa: S608 - constant table names
                (_ids_param(got),),
            ).fetchall()
        )
        return lambda rec: rank[rec.id]
