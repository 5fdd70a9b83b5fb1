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
import gc
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import Enum
from functools import cached_property
from itertools import islice
from operator import attrgetter
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Literal, cast

from . import rules
from ._gc import FREEZE_AT
from ._gc import gc_paused as _gc_paused
from .dates import date_bounds
from .exceptions import (
    ClaimGraphError,
    ErrorDetail,
    FileFormatError,
    InvalidArgumentError,
    InvalidDataError,
    NotFoundError,
)
from .filters import StatementFilter, contradiction_filter
from .graph import ClaimGraph, MergeResult
from .models import Actor, Proposition, Record, Report, Review, Source, Statement
from .queries import (
    _UNDATED,
    Agreement,
    Contradiction,
    StanceGroup,
    _agreement_explanation,
    _group,
    _key,
)

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["FORMAT", "FORMAT_VERSION", "Store"]

FORMAT = "claimgraph-store"
"""The ``format`` value in a store's ``meta`` table."""

FORMAT_VERSION = 1
"""The store layout this release reads and writes (the ``version`` in the ``meta`` table)."""

_APPLICATION_ID = 0x43475354  # "CGST" in the SQLite header, so `file` tools can tell
_TYPES = ("actor", "source", "proposition", "statement")
_KNOWN_LIMIT = 2_000_000  # ids remembered as present, before the cache starts again

_SCHEMA = """
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
    json TEXT NOT NULL
);
CREATE TABLE report (                   -- Statement.reports: which sources report what
    statement INTEGER NOT NULL,         -- statement.seq
    source TEXT NOT NULL,
    PRIMARY KEY (statement, source)
) WITHOUT ROWID;
"""

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
# A statement more: one more count, and the one side taking its stance stays, starts or
# ends (in SET, the columns are the row's values before the update).
_COUNT_ADD = """
    INSERT INTO stance_count (proposition, asserts, denies, asserting, denying)
        VALUES (new.proposition, new.stance = 'asserts', new.stance = 'denies',
            CASE WHEN new.stance = 'asserts' THEN new.side END,
            CASE WHEN new.stance = 'denies' THEN new.side END)
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
            WHERE proposition = old.proposition AND stance = 'asserts') ELSE asserting END,
        denying = CASE WHEN old.stance = 'denies' THEN (
            SELECT CASE WHEN min(side) = max(side) THEN min(side) END FROM statement
            WHERE proposition = old.proposition AND stance = 'denies') ELSE denying END,
        asserts = asserts - (old.stance = 'asserts'),
        denies = denies - (old.stance = 'denies')
        WHERE proposition = old.proposition;
    DELETE FROM stance_count
        WHERE proposition = old.proposition AND asserts <= 0 AND denies <= 0;
"""
_COUNT_TRIGGERS = {
    "statement_counted_insert": f"AFTER INSERT ON statement BEGIN {_COUNT_ADD} END",
    "statement_counted_delete": f"AFTER DELETE ON statement BEGIN {_COUNT_REMOVE} END",
    "statement_counted_update": (
        "AFTER UPDATE OF proposition, stance, side ON statement"
        " WHEN old.proposition IS NOT new.proposition OR old.stance IS NOT new.stance"
        f" OR old.side IS NOT new.side BEGIN {_COUNT_REMOVE} {_COUNT_ADD} END"
    ),
}
_COUNTED = (*_COUNT_TRIGGERS, "stance_count_opposed")  # all there: the counts are kept
_COUNT_FILL = (
    "INSERT INTO stance_count (proposition, asserts, denies, asserting, denying)"
    " SELECT proposition, sum(stance = 'asserts'), sum(stance = 'denies'),"
    " CASE WHEN min(CASE WHEN stance = 'asserts' THEN side END)"
    " = max(CASE WHEN stance = 'asserts' THEN side END)"
    " THEN min(CASE WHEN stance = 'asserts' THEN side END) END,"
    " CASE WHEN min(CASE WHEN stance = 'denies' THEN side END)"
    " = max(CASE WHEN stance = 'denies' THEN side END)"
    " THEN min(CASE WHEN stance = 'denies' THEN side END) END"
    " FROM statement GROUP BY proposition",
)


# One query finds ids in every table: ids are unique across record types, as in a ClaimGraph.
# The table names come from _TYPES, never from input.
_LOOKUP_SQL = " UNION ALL ".join(
    f"SELECT t.id, '{t}', t.seq, t.hash FROM json_each(?1) AS j JOIN {t} AS t ON t.id = j.value"  # noqa: S608 - constant table names
    for t in _TYPES
)

_STATEMENT_INSERT = (
    "INSERT INTO statement (seq, id, actor, side, proposition, stance, kind, said, said_prec,"
    " said_lo, hash, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
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
    _set(r, "__dict__", {"source": d["source"], "quote": d.get("quote")})
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
    reports = get("reports")
    responds = get("responds_to")
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
            "kind": get("kind") or ("denial" if stance == "denies" else "claim"),
            "said": get("said"),
            "reports": tuple([_report(r) for r in reports]) if reports else (),
            "responds_to": tuple(responds) if responds else (),
        },
    )
    key = tuple(d)
    fields = _FIELDS_SET.get(key) or _FIELDS_SET.setdefault(key, set(key))
    _set(s, "__pydantic_fields_set__", fields)
    _set(s, "__pydantic_extra__", None)
    _set(s, "__pydantic_private__", None)
    return s


_Rebuild = Callable[[dict[str, Any]], Record]


def _rebuilder(model: type[Actor] | type[Source] | type[Proposition]) -> _Rebuild:
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
        held = self._store._side_map()
        return {i: held[i] for i in ids if i in held}


class _Relations:
    """The declared relations between propositions, read once per change of the store."""

    def __init__(self) -> None:
        self.contradicts: dict[str, list[str]] = {}
        self.implies: dict[str, list[str]] = {}
        self.owners: list[str] = []  # propositions declaring any, in the order they were added
        self._implied: dict[str, set[str]] = {}

    def exclusive_with(self, p: str) -> set[str]:
        """Propositions declared to contradict ``p``, either way round."""
        out = set(self.contradicts.get(p, ()))
        out.update(q for q, others in self.contradicts.items() if p in others)
        return out

    def implied(self, p: str) -> set[str]:
        """Propositions ``p`` implies, transitively (not itself), as ClaimGraph.implied."""
        seen = self._implied.get(p)
        if seen is None:
            seen = self._implied[p] = set()
            todo = [p]
            while todo:
                for nxt in self.implies.get(todo.pop(), ()):
                    if nxt not in seen and nxt != p:
                        seen.add(nxt)
                        todo.append(nxt)
        return seen


class _View:
    """The little of a graph that the shared query helpers read: sides, names, texts.

    With a ``store``, the side of an actor it was not given is looked up there (the
    contradictions read their statements, and learn their actors, only when asked to).
    """

    def __init__(
        self,
        sides: dict[str, str],
        names: dict[str, str],
        texts: dict[str, str],
        store: Store | None = None,
    ) -> None:
        self._sides = sides
        self._store = store
        self.actors = {a: SimpleNamespace(name=n) for a, n in names.items()}
        self.propositions = {p: SimpleNamespace(text=t) for p, t in texts.items()}
        self.sources: dict[str, Source] = {}  # none: HTML and frames show no source details
        self.reader: _GroupReader | None = None  # reads the groups of a stored answer

    def side(self, actor: str) -> str:
        found = self._sides.get(actor)
        if found is None:
            if self._store is None:
                raise NotFoundError(actor)
            found = self._sides[actor] = self._store.side(actor)
        return found

    def _side_map(self) -> dict[str, str]:
        return self._sides

    def __reduce__(self) -> tuple[Any, ...]:  # without the store
        names = {a: ns.name for a, ns in self.actors.items()}
        texts = {p: ns.text for p, ns in self.propositions.items()}
        return (_View, (dict(self._sides), names, texts))


# ----------------------------------------------------------------------------- lazy groups
# A contradiction is classified, counted and ranked from SQL aggregates (statements per
# proposition, stance and side); its statements are read back only when its groups are first
# needed, a block of the answer's contradictions at a time (iterating over an answer reads
# each block with one query).
_BLOCK = 512  # contradictions whose groups one read fills
# An answer of this many contradictions (several objects each: FREEZE_AT objects or so)
# moves the heap to the collector's permanent generation: else the first collection after
# the query traverses all of them again.
_FREEZE_ANSWER = FREEZE_AT // 4


# Where a stored contradiction's groups come from, until they are read (its ``_parts``):
# its two positions (proposition and stance each), the side of an inconsistency (None: every
# side), whether to put the earlier position first (an inconsistency on one proposition),
# the size the counts said (checked when the statements are read) and the sides. A plain
# tuple: an answer may hold millions.
_Pending = tuple[tuple[str, str], tuple[str, str], str | None, bool, int, tuple[str, ...]]


def _tally_of(
    counts: Iterable[tuple[str, str | None, str | None, int, int]],
) -> tuple[dict[tuple[str, str], dict[str, int]], set[str]]:
    """(proposition, stance) → side → how many, from the counts where one side takes the
    stance; and the propositions where several do (to count from their statements)."""
    tally: dict[tuple[str, str], dict[str, int]] = {}
    several: set[str] = set()
    for p, asserting, denying, asserts, denies in counts:
        if asserts:
            if asserting is None:
                several.add(p)
            else:
                tally[p, "asserts"] = {asserting: asserts}
        if denies:
            if denying is None:
                several.add(p)
            else:
                tally[p, "denies"] = {denying: denies}
    return tally, several


class _GroupReader:
    """Reads the groups of one answer's contradictions from the store, on demand.

    It fills the view's maps (sides of actors, texts of propositions) but holds them, not
    the view, which holds it: no reference cycle, so that an answer is freed as soon as it
    is dropped (the heap may be frozen meanwhile).
    """

    def __init__(self, store: Store, view: _View, date_sql: str, date_params: list[Any]) -> None:
        self.store = store
        self.side_of = view._sides
        self.texts_of = view.propositions
        self.date_sql = date_sql
        self.date_params = date_params
        self.clashes: list[_Pending] = []  # the answer's, in order
        self.index: dict[int, int] = {}  # id of a contradiction of the answer → its place
        self.done = bytearray()  # 1 once a contradiction took its groups
        self.ready: dict[int, tuple[StanceGroup, StanceGroup]] = {}  # read, not yet taken
        self.decoded = 0  # statements read since the collector last froze the heap

    def number(self, found: list[Contradiction]) -> None:
        """Number the (sorted) answer, so that reads follow its order (without a Python
        loop: the answer's contradictions by identity, while they live)."""
        self.clashes = list(map(attrgetter("_parts"), found))
        self.index = dict(zip(map(id, found), range(len(found)), strict=True))
        self.done = bytearray(len(found))

    def place(self, c: Contradiction) -> int:
        """The place of a contradiction in the answer (a copy's: found by its parts)."""
        i = self.index.get(id(c))
        return self.clashes.index(cast(_Pending, c._parts)) if i is None else i

    def groups(self, i: int) -> tuple[StanceGroup, StanceGroup]:
        got = self.ready.pop(i, None)
        if got is None:
            store = self.store
            if store._closed:
                raise ClaimGraphError(
                    f"the store '{store.path}' is closed: a contradiction reads its statements"
                    " from the store when they are first used (groups, statements, explanation,"
                    " ==); use them before closing it"
                )
            block: list[int] = []
            j, n = i, len(self.clashes)
            while j < n and len(block) < _BLOCK:
                if not self.done[j]:
                    block.append(j)
                j += 1
            with store.snapshot(), _gc_paused():
                self.decoded += self._read(block)
                if self.decoded >= FREEZE_AT:  # as ClaimGraph.add_all: spare the collector
                    gc.freeze()
                    self.decoded = 0
            got = self.ready.pop(i, None)
            if got is None:
                raise ClaimGraphError(
                    "the store changed since this contradiction was found: its statements are"
                    " no longer the ones it counted; ask for the contradictions again"
                )
        self.done[i] = 1
        return got

    def texts(self, i: int) -> tuple[str, ...]:
        texts = self.texts_of
        props = self.clashes[i][0]
        if props[0] not in texts or props[1] not in texts:
            store = self.store
            if store._closed:
                raise ClaimGraphError(
                    f"the store '{store.path}' is closed: a contradiction reads the texts of"
                    " its propositions when they are first used; use them before closing it"
                )
            wanted = {p for c in self.clashes[i : i + _BLOCK] for p in c[0]} - texts.keys()
            texts.update(store._view({}, wanted).propositions)
        return tuple(texts[p].text for p in dict.fromkeys(props))

    def _read(self, block: list[int]) -> int:
        """Read the groups of a block of contradictions; how many statements were decoded."""
        clashes = self.clashes
        props = {p for j in block for p in clashes[j][0]}
        extra = f" AND {self.date_sql}" if self.date_sql else ""
        rows = self.store._conn.execute(
            "SELECT proposition, stance, side, actor, json FROM statement WHERE proposition IN"  # noqa: S608 - clauses are constants; values are parameters
            f" (SELECT value FROM json_each(?)){extra}",
            [_ids_param(props), *self.date_params],
        ).fetchall()
        # the positions the block needs, with their sides (None: every side)
        wanted: dict[tuple[str, str], set[str] | None] = {}
        for j in block:
            cprops, cstances, cside = clashes[j][:3]
            for key in zip(cprops, cstances, strict=True):
                if cside is None:
                    wanted[key] = None
                else:
                    sides = wanted.setdefault(key, set())
                    if sides is not None:
                        sides.add(cside)
        keep = wanted.get
        rows = [
            r
            for r in rows
            if (r[0], r[1]) in wanted and ((s := keep((r[0], r[1]))) is None or r[2] in s)
        ]
        side_of = self.side_of
        for r in rows:
            side_of[r[3]] = r[2]
        split: dict[tuple[str, str], list[tuple[str, Statement]]] = {}
        for r, st in zip(rows, _statements([r[4] for r in rows]), strict=True):
            split.setdefault((r[0], r[1]), []).append((r[2], st))
        ready = self.ready
        for j in block:
            pp, stances, sd, reorder, size, csides = clashes[j]
            left = split.get((pp[0], stances[0]), [])
            right = split.get((pp[1], stances[1]), [])
            if sd is None:
                a = _group(side_of, stances[0], pp[0], [st for _s, st in left])
                b = _group(side_of, stances[1], pp[1], [st for _s, st in right])
                fits = set(a.sides) | set(b.sides) == set(csides)
            else:
                only = {sd}
                lst = [st for s, st in left if s == sd]
                rst = [st for s, st in right if s == sd]
                fits = bool(lst and rst)
                if not fits:
                    continue
                a = _group(side_of, stances[0], pp[0], lst, only)
                b = _group(side_of, stances[1], pp[1], rst, only)
                if reorder and (b.first_said or _UNDATED) < (a.first_said or _UNDATED):
                    a, b = b, a
            if fits and len(a.statements) + len(b.statements) == size:
                ready[j] = (a, b)
        return len(rows)


class _StoredContradiction(Contradiction):  # the dataclass's fields, __eq__ and __repr__
    """A :class:`~claimgraph.Contradiction` found in a store, that reads its statements when
    they are first used.

    Everything but the groups (kind, basis, propositions, texts, sides, size) comes from SQL
    aggregates. The first use of :attr:`groups` (through ``statements``, ``actors``,
    ``dates``, ``explanation``, ``to_dict``, ``==``...) reads the statements from the
    store as it is then — within the same :meth:`Store.snapshot`, the store the query saw —
    together with those of the next few hundred contradictions of the same answer. If the
    store has changed the statements the contradiction counted meanwhile, that read raises
    :class:`~claimgraph.ClaimGraphError` (ask again); the store must still be open, and be
    used from its own thread. Pickling or copying one reads its groups and gives a plain
    :class:`~claimgraph.Contradiction`.
    """

    @cached_property
    def groups(self) -> tuple[StanceGroup, StanceGroup]:
        """The two incompatible positions. For an inconsistency, the earlier one first."""
        reader = self._reader
        return reader.groups(reader.place(self))

    @cached_property  # a field of the dataclass, read on first use
    def texts(self) -> tuple[str, ...]:
        """The canonical wordings of the propositions (read on first use)."""
        reader = self._reader
        return reader.texts(reader.place(self))

    @property
    def _reader(self) -> _GroupReader:
        reader = cast(_View, self._graph).reader
        assert reader is not None  # noqa: S101 - set by the query that made it
        return reader

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            Contradiction,
            (
                self.kind,
                self.basis,
                self.propositions,
                self.texts,
                self.sides,
                self.size,
                self.groups,
                self._graph,
            ),
        )


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
        self._relations_cache: tuple[tuple[int, int], _Relations] | None = None
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
        if meta.get("version") != str(FORMAT_VERSION):
            raise self._format_error(
                "format_version",
                f"this store has format version {meta.get('version')}; this claimgraph reads"
                f" version {FORMAT_VERSION}",
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
        if not self.readonly:
            self._create_indexes()  # a no-op unless a bulk import was cut short

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
            f" {n(counts['sources'], 'source')}>"
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
        {'actors': 0, 'sources': 0, 'propositions': 0, 'statements': 0}
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
                raise NotFoundError(f"no record with id '{id}' in the store")
            return self._fetch(found[id][0], [id])[0]

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and bool(self._lookup([id]))

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
            raise NotFoundError(f"no actor with id '{actor}' in the store")
        side: str = row[0]
        return side

    def sides(self) -> list[str]:
        """Ids of all sides: actors that are not members of another actor, sorted."""
        rows = self._conn.execute("SELECT id FROM actor WHERE parent IS NULL ORDER BY id")
        return [r[0] for r in rows]

    def _side_map(self) -> dict[str, str]:
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
            with them once the input has ended); or a review (code ``unsupported_record``:
            the store does not keep reviews yet), with nothing of its batch stored.

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
            reviews = [r for r in plan.others if isinstance(r, Review)]
            if reviews:
                raise InvalidDataError(
                    "the store cannot keep this record; nothing of its batch was stored",
                    [
                        ErrorDetail(
                            "unsupported_record",
                            "the store does not keep reviews yet:"
                            " keep fact-checks in a ClaimGraph file",
                            f"review '{r.id}'",
                            record_id=r.id,
                        )
                        for r in reviews
                    ],
                )
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
        side_of = self._side_map()
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
                raise NotFoundError(f"no record with id '{id}' in the store")
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
                    " said_lo = ? WHERE seq = ?",
                    [
                        new.actor,
                        new.actor,
                        new.proposition,
                        new.stance,
                        new.kind,
                        new.said,
                        prec,
                        lo,
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

    # ------------------------------------------------------------------ statements
    def _missing(self, type: str, ids: Collection[str]) -> list[str]:
        """The ids among ``ids`` of no record of ``type`` in the store (for query filters)."""
        rows = self._conn.execute(
            f"SELECT id FROM {type} WHERE id IN (SELECT value FROM json_each(?))",  # noqa: S608 - constant table names
            (_ids_param(ids),),
        )
        have = {r[0] for r in rows}
        return [i for i in ids if i not in have]

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

    def _statement_where(
        self,
        actor: str | Iterable[str] | None,
        side: str | Iterable[str] | None,
        proposition: str | Iterable[str] | None,
        kind: str | Iterable[str] | None,
        stance: str | None,
        source: str | Iterable[str] | None,
        since: Any,
        until: Any,
    ) -> tuple[str, list[Any]]:
        f = StatementFilter.parse(
            actor=actor,
            side=side,
            proposition=proposition,
            kind=kind,
            stance=stance,
            source=source,
            since=since,
            until=until,
        )
        f.check(self._missing, self.sides, self.side, "store")
        actors, sides, props, kinds, sources = f.actors, f.sides, f.propositions, f.kinds, f.sources
        since_d, until_d = f.since, f.until
        clauses: list[str] = []
        params: list[Any] = []
        for column, values in (
            ("actor", actors),
            ("side", sides),
            ("proposition", props),
            ("kind", kinds),
        ):
            if values is not None:
                clauses.append(f"{column} IN (SELECT value FROM json_each(?))")  # noqa: S608 - constant column names
                params.append(_ids_param(values))
        if stance is not None:
            clauses.append("stance = ?")
            params.append(stance)
        if sources is not None:
            clauses.append(
                "seq IN (SELECT statement FROM report WHERE source IN"
                " (SELECT value FROM json_each(?)))"
            )
            params.append(_ids_param(sources))
        dated, dparams = self._date_clause(since_d, until_d)
        if dated:
            clauses.append(dated)
            params += dparams
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def statements(
        self,
        *,
        actor: str | Iterable[str] | None = None,
        side: str | Iterable[str] | None = None,
        proposition: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
        stance: Literal["asserts", "denies"] | None = None,
        source: str | Iterable[str] | None = None,
        since: Any = None,
        until: Any = None,
    ) -> list[Statement]:
        """Statements matching every given filter, in the order they were stored.

        The filters and their meaning are those of :func:`claimgraph.statements`.

        Raises
        ------
        NotFoundError
            If a filter names an id that is not in the store (usually a typo).

        Examples
        --------
        >>> import claimgraph as cg
        >>> with Store(":memory:") as store:
        ...     _ = store.add_all(cg.load(cg.example_path()))
        ...     [s.kind for s in store.statements(actor="pk-defense-minister", kind="demand")]
        ['demand']
        """
        where, params = self._statement_where(
            actor, side, proposition, kind, stance, source, since, until
        )
        with self.snapshot(), _gc_paused():
            rows = self._conn.execute(
                f"SELECT json FROM statement{where} ORDER BY seq",  # noqa: S608 - clauses are constants; values are parameters
                params,
            ).fetchall()
            return _statements([r[0] for r in rows])

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
        return sorted(self.statements(**filters), key=_key)

    # ------------------------------------------------------------------ shared by the queries
    def _rows(
        self, props: Collection[str], date_sql: str, date_params: list[Any]
    ) -> tuple[list[Statement], dict[str, str]]:
        """The (date-filtered) statements about some propositions, and the side of each of
        their actors."""
        if not props:
            return [], {}
        extra = f" AND {date_sql}" if date_sql else ""
        rows = self._conn.execute(
            "SELECT actor, side, json FROM statement WHERE proposition IN"  # noqa: S608 - clauses are constants; values are parameters
            f" (SELECT value FROM json_each(?)){extra}",  # any order: the groups sort them
            [_ids_param(props), *date_params],
        ).fetchall()
        sides = {r[0]: r[1] for r in rows}
        return _statements([r[2] for r in rows]), sides

    def _stances(
        self, props: Collection[str], date_sql: str, date_params: list[Any]
    ) -> dict[str, tuple[bool, bool]]:
        """proposition → (asserted?, denied?) among the (date-filtered) statements."""
        if not props:
            return {}
        extra = f" AND {date_sql}" if date_sql else ""
        rows = self._conn.execute(
            "SELECT proposition, min(stance), max(stance) FROM statement WHERE proposition IN"  # noqa: S608 - clauses are constants; values are parameters
            f" (SELECT value FROM json_each(?)){extra} GROUP BY proposition",
            [_ids_param(props), *date_params],
        ).fetchall()
        return {p: (lo == "asserts", hi == "denies") for p, lo, hi in rows}

    def _relations(self) -> _Relations:
        """Declared relations, kept until the store changes (read by every contradictions
        query, and few)."""
        version = (self._conn.execute("PRAGMA data_version").fetchone()[0], self._writes)
        if self._relations_cache is not None and self._relations_cache[0] == version:
            return self._relations_cache[1]
        rel = _Relations()
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

    def _view(
        self, sides: dict[str, str], props: Iterable[str], side_ids: Iterable[str] = ()
    ) -> _View:
        side_ids = {*sides.values(), *side_ids}
        names = dict(
            self._conn.execute(
                "SELECT id, json_extract(json, '$.name') FROM actor"
                " WHERE id IN (SELECT value FROM json_each(?))",
                (_ids_param(side_ids),),
            ).fetchall()
        )
        texts = dict(
            self._conn.execute(
                "SELECT id, json_extract(json, '$.text') FROM proposition"
                " WHERE id IN (SELECT value FROM json_each(?))",
                (_ids_param(set(props)),),
            ).fetchall()
        )
        return _View(sides, names, texts)

    # ------------------------------------------------------------------ contradictions
    def contradictions(
        self,
        *,
        kind: Literal["dispute", "inconsistency"] | None = None,
        between: tuple[str, str] | None = None,
        proposition: str | None = None,
        since: Any = None,
        until: Any = None,
    ) -> list[Contradiction]:
        """Statements that cannot all be true, grouped: :func:`claimgraph.contradictions` in SQL.

        The parameters, the grouping, the order and the explanations are those of
        :func:`claimgraph.contradictions` on the same records. Everything is worked out in
        SQL, from counts per proposition, stance and side (propositions both asserted and
        denied, from an index; declared exclusive and implied pairs): no statement is read
        back to classify, count and rank the contradictions. Without a date range, the
        counts come from a table the store keeps up to date as statements are added and
        changed (the side asserting and the side denying each proposition, when only one
        does): the propositions both asserted and denied, and most of their classification,
        are then read from one index.

        Notes
        -----
        A contradiction reads its statements (and the texts of its propositions) when they
        are first used — its ``groups``, ``statements``, ``actors``, ``dates``,
        ``explanation``, ``to_dict()``, ``==`` — together with those of the next few hundred
        contradictions of the same answer, so that going through an answer reads it in
        blocks. They are read from the store as it is then: inside the same
        :meth:`snapshot` as the query, exactly what the query saw; after another batch was
        committed, the current records, and :class:`~claimgraph.ClaimGraphError` if the
        statements a contradiction counted have changed (ask again). The store must still be
        open, and be used from its own thread. Pickling a contradiction reads it and gives a
        plain :class:`~claimgraph.Contradiction`.

        Examples
        --------
        >>> import claimgraph as cg
        >>> with Store(":memory:") as store:
        ...     _ = store.add_all(cg.load(cg.example_path()))
        ...     disputes = store.contradictions(kind="dispute")
        >>> len(disputes), disputes[0].sides
        (2, ('afghanistan', 'pakistan'))
        """
        want, f = contradiction_filter(kind, between, proposition, since, until)
        since_d, until_d = f.since, f.until
        with self.snapshot(), _gc_paused():
            f.check(self._missing, self.sides, self.side, "store")
            return self._contradictions(want, between, proposition, since_d, until_d)

    def _contradictions(
        self,
        want: set[str],
        between: tuple[str, str] | None,
        proposition: str | None,
        since: str | None,
        until: str | None,
    ) -> list[Contradiction]:
        conn = self._conn
        date_sql, date_params = self._date_clause(since, until)
        counted = not date_sql and self._counted()  # the counts answer undated queries
        rel = self._relations()
        contra, implies, owners = rel.contradicts, rel.implies, rel.owners
        implied = rel.implied
        quick = between is None and "dispute" in want

        # 1. propositions both asserted and denied: from the counts, or by grouping an index.
        # With the counts, the common case is classified at once, from one index: one side
        # asserts, another denies: a dispute, whose sides and size are all it needs.
        easy: list[tuple[str, str, str, int]] = []  # (proposition, side, side, size)
        alone: list[tuple[str, str, int]] = []  # (proposition, side, size)
        counts: list[tuple[str, str | None, str | None, int, int]] = []  # the others'
        if proposition is not None:
            opposed = [
                p
                for p, (y, n) in self._stances({proposition}, date_sql, date_params).items()
                if y and n
            ]
        elif counted:
            rows = conn.execute(
                "SELECT proposition, asserting, denying, asserts, denies"
                " FROM stance_count INDEXED BY stance_count_opposed"
                " WHERE asserts > 0 AND denies > 0"
            ).fetchall()
            if quick:
                easy = [
                    (p, a, d, na + nd)
                    for p, a, d, na, nd in rows
                    if a is not None and d is not None and a != d
                ]
                # and one side asserting and denying it: an inconsistency, and no dispute
                alone = [(p, a, na + nd) for p, a, d, na, nd in rows if a is not None and a == d]
                counts = [r for r in rows if r[1] is None or r[2] is None]
            else:
                counts = rows
            del rows
            opposed = [r[0] for r in counts]
        else:
            where = f" WHERE {date_sql}" if date_sql else ""
            opposed = [
                r[0]
                for r in conn.execute(
                    f"SELECT proposition FROM statement{where} GROUP BY proposition"  # noqa: S608 - clauses are constants; values are parameters
                    " HAVING min(stance) <> max(stance)",
                    date_params,
                )
            ]
        # 2. declared relations (few): which pairs have the stances that clash
        if proposition is not None:
            owners = [
                p
                for p in owners
                if p == proposition
                or proposition in contra.get(p, ())
                or (p in implies and proposition in implied(p))
            ]
        related: set[str] = set()
        for p in owners:
            related.update(contra.get(p, ()))
            related.add(p)
            if p in implies:
                related.update(implied(p))
        # counts per proposition, stance and side (date-filtered) of all these
        if counted:  # the counts of one side taking a stance; the statements' for several
            if proposition is None:  # every proposition with a relation (the opposed ones
                counts += conn.execute(  # again if some were classified at once, above)
                    "SELECT proposition, asserting, denying, asserts, denies FROM stance_count"
                    " WHERE proposition IN (SELECT proposition FROM relation"
                    " UNION SELECT other FROM relation) AND NOT (? AND asserts > 0 AND denies > 0)",
                    (not quick,),
                ).fetchall()
            else:
                counts += self._stance_counts({*opposed, *related})
            tally, several = _tally_of(counts)
            tally.update(self._tally(several, date_sql, date_params))
        else:
            tally = self._tally({*opposed, *related}, date_sql, date_params)

        def yes(p: str) -> bool:
            return (p, "asserts") in tally

        def no(p: str) -> bool:
            return (p, "denies") in tally

        pairs: list[tuple[Literal["exclusive", "implication"], str, str]] = []
        for p in owners:
            for q in dict.fromkeys(contra.get(p, ())):  # a duplicate entry is one relation
                if proposition is not None and proposition not in (p, q):
                    continue
                a, b = sorted((p, q))
                if a != p and b in contra.get(a, ()):
                    continue  # declared both ways: report once
                if yes(a) and yes(b):
                    pairs.append(("exclusive", a, b))
            if p in implies and yes(p):
                for q in sorted(implied(p)):
                    if proposition is not None and proposition not in (p, q):
                        continue
                    if no(q):
                        pairs.append(("implication", p, q))
        # 3. classify every clash from the counts; the statements (and the propositions'
        # texts) are read when a contradiction's groups (texts) are first used
        first: dict[tuple[str, str, str], str | None] = {}
        if pairs and "inconsistency" in want:  # the earliest dates order these (few) clashes
            in_pairs: set[tuple[str, str, str]] = set()  # (proposition, stance, side)
            for basis, a, b in pairs:
                sb = "asserts" if basis == "exclusive" else "denies"
                left, right = tally.get((a, "asserts")), tally.get((b, sb))
                if left and right:
                    for sd in left.keys() & right.keys():
                        in_pairs.update(((a, "asserts", sd), (b, sb, sd)))
            first = self._first_said(in_pairs, date_sql, date_params)
        side_ids = {sd for t in tally.values() for sd in t}
        side_ids.update(r[1] for r in easy)
        side_ids.update(r[2] for r in easy)
        view = self._view({}, (), side_ids)
        view._store = self
        reader = view.reader = _GroupReader(self, view, date_sql, date_params)
        graph = cast(ClaimGraph, view)
        found: list[Contradiction] = []
        keys: list[tuple[bool, int, tuple[str, ...], tuple[str, ...]]] = []  # the order
        new, stored, opposite = _new, _StoredContradiction, ("asserts", "denies")

        def add(
            kind: str,
            basis: str,
            pids: tuple[str, ...],
            sides: tuple[str, ...],
            size: int,
            pending: _Pending,
        ) -> None:
            """A :class:`_StoredContradiction`, built as the dataclass would (without its
            per-field ``object.__setattr__`` calls: an answer may hold millions)."""
            c = new(stored)
            _set(
                c,
                "__dict__",
                {
                    "kind": kind,
                    "basis": basis,
                    "propositions": pids,
                    "sides": sides,
                    "size": size,
                    "_parts": pending,
                    "_graph": graph,
                },
            )
            found.append(cast(Contradiction, c))
            keys.append((kind != "dispute", -size, pids, sides))

        def clash(
            basis: Literal["opposite_stances", "exclusive", "implication"],
            props: tuple[str, str],
            stances: tuple[str, str],
        ) -> None:
            """What :func:`claimgraph.queries._clash` finds, from the counts alone."""
            left, right = tally.get((props[0], stances[0])), tally.get((props[1], stances[1]))
            if not left or not right:
                return
            pids = (props[0],) if props[0] == props[1] else props
            lsides, rsides = left.keys(), right.keys()
            union = lsides | rsides
            across = between is None or (
                (between[0] in lsides and between[1] in rsides)
                or (between[1] in lsides and between[0] in rsides)
            )
            if "dispute" in want and len(union) > 1 and across:
                sides = tuple(sorted(union))
                size = sum(left.values()) + sum(right.values())
                add("dispute", basis, pids, sides, size, (props, stances, None, False, size, sides))
            if "inconsistency" not in want:
                return
            for sd in sorted(lsides & rsides):
                if between is not None and sd not in between:
                    continue
                size = left[sd] + right[sd]
                if basis == "opposite_stances":  # the earlier position first: when read
                    pending: _Pending = (props, stances, sd, True, size, (sd,))
                    pids_i = pids
                else:  # the order decides the propositions: from the first dates
                    (pa, pb), (sa, sb) = props, stances
                    fa, fb = first.get((pa, sa, sd)), first.get((pb, sb, sd))
                    if (fb or _UNDATED) < (fa or _UNDATED):
                        pa, pb, sa, sb = pb, pa, sb, sa
                    pending = ((pa, pb), (sa, sb), sd, False, size, (sd,))
                    pids_i = (pa, pb)
                add("inconsistency", basis, pids_i, (sd,), size, pending)

        # the common case, inlined: one side asserts, another denies (from SQL, or the tally)
        append, key = found.append, keys.append
        for p, yes_side, no_side, size in easy:
            pids = (p,)
            sides = (yes_side, no_side) if yes_side < no_side else (no_side, yes_side)
            c = new(stored)
            _set(
                c,
                "__dict__",
                {
                    "kind": "dispute",
                    "basis": "opposite_stances",
                    "propositions": pids,
                    "sides": sides,
                    "size": size,
                    "_parts": ((p, p), opposite, None, False, size, sides),
                    "_graph": graph,
                },
            )
            append(c)
            key((False, -size, pids, sides))
        if "inconsistency" in want:
            for p, sd, size in alone:
                add(
                    "inconsistency",
                    "opposite_stances",
                    (p,),
                    (sd,),
                    size,
                    ((p, p), opposite, sd, True, size, (sd,)),
                )
        for p in opposed:
            if quick:
                left, right = tally.get((p, "asserts"), {}), tally.get((p, "denies"), {})
                if len(left) == 1 and len(right) == 1:
                    [(ls, ln)], [(rs, rn)] = left.items(), right.items()
                    if ls != rs:
                        sides = (ls, rs) if ls < rs else (rs, ls)
                        size = ln + rn
                        pending = ((p, p), opposite, None, False, size, sides)
                        add("dispute", "opposite_stances", (p,), sides, size, pending)
                        continue
            clash("opposite_stances", (p, p), opposite)
        for basis, a, b in pairs:
            clash(
                basis,
                (a, b),
                ("asserts", "asserts") if basis == "exclusive" else ("asserts", "denies"),
            )
        # the final order, as the in-memory query's: kind, size, propositions, sides, basis
        order = sorted(range(len(found)), key=lambda i: (keys[i], found[i].basis))
        found = [found[i] for i in order]
        reader.number(found)
        if len(found) >= _FREEZE_ANSWER:  # as ClaimGraph.add_all: spare the collector
            gc.freeze()  # the answer's objects (no cycles: freed when dropped)
        return found

    def _tally(
        self, props: Collection[str], date_sql: str, date_params: list[Any]
    ) -> dict[tuple[str, str], dict[str, int]]:
        """(proposition, stance) → side → how many (date-filtered) statements."""
        out: dict[tuple[str, str], dict[str, int]] = {}
        if not props:
            return out
        extra = f" AND {date_sql}" if date_sql else ""
        rows = self._conn.execute(
            "SELECT proposition, stance, side, count(*) FROM statement WHERE proposition IN"  # noqa: S608 - clauses are constants; values are parameters
            f" (SELECT value FROM json_each(?)){extra} GROUP BY proposition, stance, side",
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

    def _stance_counts(
        self, props: Collection[str]
    ) -> list[tuple[str, str | None, str | None, int, int]]:
        """The counts of some propositions: (proposition, the one side asserting it, the one
        denying it, how many assert it, how many deny it), for those with statements."""
        if not props:
            return []
        return self._conn.execute(
            "SELECT proposition, asserting, denying, asserts, denies FROM stance_count"
            " WHERE proposition IN (SELECT value FROM json_each(?))",
            (_ids_param(props),),
        ).fetchall()

    def _first_said(
        self, positions: Collection[tuple[str, str, str]], date_sql: str, date_params: list[Any]
    ) -> dict[tuple[str, str, str], str | None]:
        """(proposition, stance, side) → the earliest date said (``first_said``), if any, for
        these positions (their statements found through the index, one by one)."""
        if not positions:
            return {}
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

    # ------------------------------------------------------------------ agreements
    def agreements(
        self,
        *,
        min_sides: int = 2,
        side: str | Iterable[str] | None = None,
        since: Any = None,
        until: Any = None,
    ) -> list[Agreement]:
        """Common ground: :func:`claimgraph.agreements` in SQL.

        Propositions asserted by at least ``min_sides`` sides and denied by none (nor
        contradicted by an asserted exclusive proposition); same parameters, order and
        explanations as :func:`claimgraph.agreements` on the same records.

        Examples
        --------
        >>> import claimgraph as cg
        >>> with Store(":memory:") as store:
        ...     _ = store.add_all(cg.load(cg.example_path()))
        ...     [a.sides for a in store.agreements()][0]
        ('afghanistan', 'pakistan')
        """
        f = StatementFilter.parse(side=side, since=since, until=until)
        since_d, until_d, need = f.since, f.until, f.sides or frozenset()
        with self.snapshot(), _gc_paused():
            f.check(self._missing, self.sides, self.side, "store")
            date_sql, date_params = self._date_clause(since_d, until_d)
            where = f" WHERE {date_sql}" if date_sql else ""
            having = ["max(stance) = 'asserts'", "count(DISTINCT side) >= ?"]
            params: list[Any] = [*date_params, min_sides]
            for sd in sorted(need):
                having.append("sum(side = ?) > 0")
                params.append(sd)
            candidates = [
                r[0]
                for r in self._conn.execute(
                    f"SELECT proposition FROM statement{where} GROUP BY proposition"  # noqa: S608 - clauses are constants; values are parameters
                    f" HAVING {' AND '.join(having)}",
                    params,
                )
            ]
            rel = self._relations()
            contra = rel.contradicts
            partners: dict[str, set[str]] = {}
            for p, others in contra.items():
                for q in others:
                    partners.setdefault(p, set()).add(q)
                    partners.setdefault(q, set()).add(p)
            # contested through declared relations: an exclusive partner is asserted, or a
            # proposition it implies is denied
            implied = {p: rel.implied(p) for p in candidates if p in rel.implies}
            involved = {q for p in candidates for q in partners.get(p, ())}
            involved.update(q for qs in implied.values() for q in qs)
            stance = self._stances(involved, date_sql, date_params)
            keep = [
                p
                for p in candidates
                if not any(stance.get(q, (False, False))[0] for q in partners.get(p, ()))
                and not any(stance.get(q, (False, False))[1] for q in implied.get(p, ()))
            ]
            statements, actor_sides = self._rows(keep, date_sql, date_params)
            view = self._view(actor_sides, keep)
            graph = cast(ClaimGraph, view)
            by_prop: dict[str, list[Statement]] = {}
            for s in statements:
                by_prop.setdefault(s.proposition, []).append(s)
            out = []
            for p in keep:
                found = by_prop[p]
                sides = tuple(sorted({actor_sides[s.actor] for s in found}))
                text = view.propositions[p].text
                out.append(
                    Agreement(
                        proposition=p,
                        text=text,
                        sides=sides,
                        actors=tuple(sorted({s.actor for s in found})),
                        statements=tuple(sorted(found, key=_key)),
                        explanation=_agreement_explanation(graph, sides, text),
                    )
                )
            out.sort(key=lambda a: (-len(a.sides), -len(a.statements), a.proposition))
            return out

    # ------------------------------------------------------------------ slices
    def load(
        self,
        *,
        actor: str | Iterable[str] | None = None,
        side: str | Iterable[str] | None = None,
        proposition: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
        stance: Literal["asserts", "denies"] | None = None,
        source: str | Iterable[str] | None = None,
        since: Any = None,
        until: Any = None,
        title: str | None = None,
    ) -> ClaimGraph:
        """A :class:`~claimgraph.ClaimGraph` of the statements matching the filters.

        The filters are those of :meth:`statements`; with none, everything is loaded,
        records that no statement uses included. The graph also holds every record the
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
        where, params = self._statement_where(
            actor, side, proposition, kind, stance, source, since, until
        )
        with self.snapshot(), _gc_paused():
            if not where:
                return ClaimGraph(self._everything(), title=title)
            rows = self._conn.execute(
                f"SELECT json FROM statement{where} ORDER BY seq",  # noqa: S608 - clauses are constants; values are parameters
                params,
            ).fetchall()
            statements: dict[str, Statement] = {}
            batch = _statements([r[0] for r in rows])
            while batch:
                for s in batch:
                    statements[s.id] = s
                wanted = {t for s in batch for t in s.responds_to if t not in statements}
                batch = cast(list[Statement], self._fetch("statement", wanted))
            actors = self._closure("actor", {s.actor for s in statements.values()})
            sources = self._closure(
                "source", {r.source for s in statements.values() for r in s.reports}
            )
            props = self._closure("proposition", {s.proposition for s in statements.values()})
            order = dict(
                self._conn.execute(
                    "SELECT id, seq FROM statement WHERE id IN (SELECT value FROM json_each(?))",
                    (_ids_param(statements),),
                ).fetchall()
            )
            ordered = sorted(statements.values(), key=lambda s: order[s.id])
            return ClaimGraph([*actors, *sources, *props, *ordered], title=title)

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
