"""The write rules, once for every backend.

Both :class:`~claimgraph.ClaimGraph` and :class:`~claimgraph.store.Store` check what they are
given here, so that they accept the same batches and refuse the same ones, with the same
errors in the same classes and the same words:

- records with one id are combined (:func:`combine`): equal copies are one record, copies of
  a statement unite their reports and responses, anything else is a conflict;
- every id a record names must be held already or come in the same batch, and name a record
  of the right type;
- the membership chains of actors (through the first ``member_of``) must not loop;
- the side of a new actor is where its chain ends (:func:`assign_sides`).

The rules know nothing of networkx or SQL: they read what is already held through the small
:class:`Existing` protocol, whose lookups are batched (a set of ids at a time) so that the
store answers each with one query.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, cast

from pydantic import ValidationError

from .exceptions import (
    ConflictError,
    ErrorDetail,
    InvalidDataError,
    NotARecordError,
    NotFoundError,
    UnknownReferenceError,
)
from .models import (
    Actor,
    Proposition,
    Record,
    Review,
    Role,
    Source,
    Statement,
    normalize_text,
)

__all__ = [
    "Existing",
    "MergeResult",
    "Plan",
    "assign_sides",
    "build",
    "changed_sides",
    "check",
    "did_you_mean",
    "side_role",
    "check_update",
    "combine",
    "not_found",
    "plan",
    "raise_problems",
    "updated",
]

_RECORD_CLASSES = (Actor, Source, Proposition, Statement, Review)
_EXACT = frozenset(_RECORD_CLASSES)  # checked first: a set lookup is cheaper than isinstance

SAME: Any = type("Same", (), {"__repr__": lambda self: "SAME", "__slots__": ()})()
"""What :meth:`Existing.stored` gives for a record that is held exactly as it is."""
_R = TypeVar("_R", Actor, Source, Proposition, Statement, Review)


class Existing(Protocol):
    """What a backend already holds, as the rules need to see it.

    Every lookup takes many ids at once and answers only for those that are held, so that
    a store can answer each with one query per batch.
    """

    def stored(self, records: Sequence[Record], ids: Sequence[str]) -> Iterable[Record | None]:
        """For each of ``records``, in order (``ids[i]`` is ``records[i].id``): the record
        held under its id, None when none is, or :data:`SAME` when it is held exactly as it
        is (a backend may tell that without reading the record, e.g. from a hash)."""
        ...

    def known(self) -> Mapping[str, str]:
        """Ids known to be held → their record type, without a lookup (may be empty)."""
        ...

    def types(self, ids: Collection[str]) -> Mapping[str, str]:
        """The record type of each id among ``ids`` that is held."""
        ...

    def parents(self, ids: Collection[str]) -> Mapping[str, str | None]:
        """The first ``member_of`` (or None) of each id among ``ids`` that is a held actor."""
        ...

    def sides(self, ids: Collection[str]) -> Mapping[str, str]:
        """The side of each id among ``ids`` that is a held actor."""
        ...

    # optional: ``ids(record_type)``, every held id of one record type, asked only to
    # suggest a correction for an unknown reference (see did_you_mean); a backend
    # without it gets suggestions from the batch alone


@dataclass
class MergeResult:
    """What :meth:`ClaimGraph.merge` or :meth:`ClaimGraph.add_all` did.

    Attributes
    ----------
    added : list of str
        Ids of new records.
    extended : list of str
        Ids of statements that gained reports or responses from the incoming copy.
    unchanged : int
        Records that were already present with the same content.
    """

    added: list[str] = field(default_factory=list)
    extended: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        """Whether anything was added or extended."""
        return bool(self.added or self.extended)

    def __repr__(self) -> str:
        return (
            f"MergeResult(added={len(self.added)}, extended={len(self.extended)},"
            f" unchanged={self.unchanged})"
        )


MergeResult.__module__ = "claimgraph"  # documented, and shown, as claimgraph.MergeResult


@dataclass
class Plan:
    """A checked batch: what to add, what to replace, and the problems found.

    Attributes
    ----------
    batch : dict
        Id → the record to hold under it: new records, and combined copies of held ones.
    replace : dict
        Id → the combined record, for the ids of ``batch`` that are held already.
    previous : dict
        Id → the held record, for the ids of ``replace``.
    others : list
        The records of ``batch`` that are not statements (the few: actors, sources, ...).
    result : MergeResult
        How many records were held unchanged (``added``/``extended`` are for the writer).
    conflict_at : list of int
        Input position of the record behind each conflict, in order.
    errors : dict
        ``"conflict"``, ``"reference"`` and ``"cycle"`` → the problems found.
    deferred : dict
        Id → record, for the records that wait for an id not held yet (and those that need
        them), when the batch was checked with ``wait=True``.
    sides : dict
        New actor id → its side (filled by :func:`assign_sides`).
    basis : object
        What the plan was checked against (a backend's state), for the writer to verify.
    """

    batch: dict[str, Record] = field(default_factory=dict)
    replace: dict[str, Record] = field(default_factory=dict)
    previous: dict[str, Record] = field(default_factory=dict)
    others: list[Record] = field(default_factory=list)
    result: MergeResult = field(default_factory=MergeResult)
    conflict_at: list[int] = field(default_factory=list)
    errors: dict[str, list[ErrorDetail]] = field(
        default_factory=lambda: {"conflict": [], "reference": [], "cycle": []}
    )
    deferred: dict[str, Record] = field(default_factory=dict)
    sides: dict[str, str] = field(default_factory=dict)
    basis: object = None
    # every reference problem in batch order, with the missing id (None: a wrong type)
    _references: list[tuple[ErrorDetail, str | None]] = field(default_factory=list)

    @property
    def all_errors(self) -> list[ErrorDetail]:
        """Every problem found, conflicts first."""
        return [e for errs in self.errors.values() for e in errs]

    @property
    def failed(self) -> bool:
        """Whether the batch cannot be written."""
        return any(self.errors.values())

    def report_missing(self, waiting: Container[str] = ()) -> None:
        """Count the references the batch waits for as errors, except those to ``waiting``.

        For a batch checked with ``wait=True`` that fails anyway at the end of its input:
        what it waited for will not come.
        """
        self.errors["reference"] = [
            d for d, missing in self._references if missing is None or missing not in waiting
        ]


# ----------------------------------------------------------------------------- words
def a(noun: str) -> str:
    """``noun`` with its indefinite article: "an actor", "a source"."""
    return ("an " if noun[0] in "aeiou" else "a ") + noun


_DEFAULT_ROLES: dict[str, Role] = {"outlet": "observer", "mediator": "mediator"}
"""The role of a side that declares none, by the kind of its actor (else a party)."""


def side_role(actor: Actor, positioned: bool, heard: bool) -> Role:
    """What a side (the actor at the end of a membership chain) is to the dispute.

    The one rule every backend applies (``sides()`` lists the parties, ``observers()`` and
    ``mediators()`` the others). ``positioned``: the side, or one of its members, takes a
    stance of its own (a standing statement that asserts or denies); ``heard``: it has any
    statement or review at all.

    - A mediator (``role: mediator``, or an actor of kind ``mediator``) is listed apart.
    - An observer (``role: observer``, or an outlet) is a party only once it takes a stance.
    - Anyone else is a party — unless all it does is relay claims (neutral reports) and
      review them: those never make a side.

    Examples
    --------
    >>> from claimgraph import Actor
    >>> side_role(Actor(name="Pakistan", kind="state"), positioned=True, heard=True)
    'party'
    >>> side_role(Actor(name="A wire", kind="outlet"), positioned=False, heard=True)
    'observer'
    >>> side_role(Actor(name="A fact-check desk"), positioned=False, heard=True)
    'observer'
    >>> side_role(Actor(name="Qatar", kind="mediator"), positioned=True, heard=True)
    'mediator'
    """
    role = actor.role or _DEFAULT_ROLES.get(str(actor.kind), "party")
    if role == "mediator":
        return "mediator"
    if positioned:
        return "party"
    return "party" if role == "party" and not heard else "observer"


def not_found(id: str, noun: str = "record", known: Iterable[str] = ()) -> NotFoundError:
    """The error for an id that no record (or no record of one type) has, in every backend.

    ``known`` are the ids held (of that type): the closest is suggested
    (:func:`did_you_mean`). It is read only here, so a backend may pass a lazy iterable.

    >>> str(not_found("qatar", "actor"))
    "no actor with id 'qatar' in the graph"
    >>> print(not_found("pk-informaton-ministry", "actor", ["pk-information-ministry"]))
    no actor with id 'pk-informaton-ministry' in the graph (did you mean 'pk-information-ministry'?)
    """
    return NotFoundError(f"no {noun} with id '{id}' in the graph{did_you_mean(id, known)}")


SUGGEST_CUTOFF = 0.75
"""How alike (:class:`difflib.SequenceMatcher` ratio) an id must be to be suggested."""
_SUGGEST_POOL = 2_000
"""Past this many ids (of a similar length), only the nearest in sorted order, forwards and
backwards, are compared (:mod:`difflib` costs some microseconds per id)."""


def did_you_mean(id: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the id among ``known`` closest to ``id``, or ``""``.

    An id equal but for case wins; else the most alike by :mod:`difflib` (ratio at least
    :data:`SUGGEST_CUTOFF`; ties go to the first in sorted order, so every backend
    suggests the same id whatever order it lists its ids in).

    >>> did_you_mean("Pakistan", ["pakistan", "afghanistan"])
    " (did you mean 'pakistan'?)"
    >>> did_you_mean("nobody", ["pakistan", "afghanistan"])
    ''
    """
    import difflib

    folded = id.casefold()
    same_case: list[str] = []
    pool: list[str] = []
    slack = max(2, len(id) // 4)
    n = len(id)
    for c in known:
        if c == id:
            continue
        if c.casefold() == folded:
            same_case.append(c)
        elif abs(len(c) - n) <= slack:
            pool.append(c)
    if same_case:
        return f" (did you mean '{min(same_case)}'?)"
    if len(pool) > _SUGGEST_POOL:
        pool = _neighbours(id, pool, _SUGGEST_POOL // 4)
    close = difflib.get_close_matches(id, sorted(pool), n=1, cutoff=SUGGEST_CUTOFF)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _neighbours(id: str, pool: list[str], k: int) -> list[str]:
    """The ``2k`` ids of ``pool`` nearest to ``id`` in sorted order (a shared start), and the
    ``2k`` nearest when read backwards (a shared end): a typo leaves one of the two."""
    out: set[str] = set()
    for key in (id, id[::-1]):
        ordered = sorted(pool) if key is id else sorted(c[::-1] for c in pool)
        at = bisect.bisect_left(ordered, key)
        near = ordered[max(0, at - k) : at + k]
        out.update(near if key is id else (c[::-1] for c in near))
    return list(out)


def describe(rec: Record) -> str:
    """How errors name a record: ``statement 's1'``."""
    return f"{rec.record_type} '{rec.id}'"


def diff(old: Record, new: Record) -> str:
    """Which fields two records with one id differ in, for a conflict's message."""
    da, db = old.model_dump(), new.model_dump()
    fields = [k for k in da if da.get(k) != db.get(k)]
    return "differs in " + ", ".join(fields) if fields else "differs"


def conflict(prev: Record, rec: Record, held: bool) -> ErrorDetail:
    """The error for ``rec``, whose id ``prev`` holds with other content.

    ``held`` says whether ``prev`` is held already (else it came earlier in the input).
    """
    where = "in the graph" if held else "earlier in the input"
    return ErrorDetail(
        "conflict",
        f"id '{rec.id}' is already used by a different {prev.record_type} {where}"
        + (f" ({diff(prev, rec)})" if type(prev) is type(rec) else ""),
        describe(rec),
        "id",
        record_id=rec.id,
    )


_ERROR_CLASSES: dict[str, type[InvalidDataError]] = {
    "conflict": ConflictError,
    "reference": UnknownReferenceError,
    "cycle": InvalidDataError,
}
_ERROR_TITLES = {
    "conflict": "{n} conflicting record(s)",
    "reference": "{n} unknown reference(s)",
    "cycle": "{n} membership cycle(s) among actors",
}


def raise_problems(errors: Mapping[str, list[ErrorDetail]], prefix: str = "") -> None:
    """Raise one error listing every problem; its class is the most specific that fits.

    Only conflicts: :class:`~claimgraph.ConflictError`; only references:
    :class:`~claimgraph.UnknownReferenceError`; cycles, or several kinds:
    :class:`~claimgraph.InvalidDataError`. Nothing to raise: returns.
    """
    found = {kind: errs for kind, errs in errors.items() if errs}
    if not found:
        return
    if len(found) == 1:
        [(kind, errs)] = found.items()
        raise _ERROR_CLASSES[kind](prefix + _ERROR_TITLES[kind].format(n=len(errs)), errs)
    everything = [e for errs in found.values() for e in errs]
    summary = ", ".join(_ERROR_TITLES[k].format(n=len(v)) for k, v in found.items())
    raise InvalidDataError(prefix + summary, everything)


def validation_details(
    exc: ValidationError, record: str, record_id: str | None
) -> list[ErrorDetail]:
    """One :class:`~claimgraph.exceptions.ErrorDetail` per error pydantic found."""
    return [
        ErrorDetail(
            err["type"],
            err["msg"],
            record,
            ".".join(str(p) for p in err["loc"]) or None,
            record_id=record_id,
        )
        for err in exc.errors(include_url=False)
    ]


def build(cls: type[_R], fields: dict[str, Any]) -> _R:
    """A record from keyword fields; a validation error becomes an InvalidDataError."""
    try:
        return cls(**fields)
    except ValidationError as exc:
        rid = fields.get("id")
        label = f"{cls.record_type} '{rid}'" if isinstance(rid, str) else f"new {cls.record_type}"
        raise InvalidDataError(
            f"invalid {label}",
            validation_details(exc, label, rid if isinstance(rid, str) else None),
        ) from None


# ----------------------------------------------------------------------------- combining
def combine(old: Record, new: Record) -> Record | None:
    """The union of two records with one id, or None if they really conflict.

    Records must be equal, except that:

    - two copies of a statement may carry different reports (from different sources) and
      responses: those are united, because the same statement reported by two outlets is
      more evidence, not a conflict;
    - two propositions whose wordings differ only in case, spacing or outer punctuation
      (the same derived id) are one proposition: the first wording is kept.

    Returns ``old`` itself when the union adds nothing to it.
    """
    if old == new:
        return old
    if isinstance(old, Proposition) and isinstance(new, Proposition):
        same = (
            normalize_text(old.text) == normalize_text(new.text)
            and old.contradicts == new.contradicts
            and old.implies == new.implies
            and (old.note == new.note or new.note is None)
        )
        return old if same else None
    if not (isinstance(old, Statement) and isinstance(new, Statement)):
        return None
    skip = {"reports", "responds_to", "note"}
    if any(getattr(old, f) != getattr(new, f) for f in Statement.model_fields if f not in skip):
        return None
    if old.note and new.note and old.note != new.note:
        return None
    reports = {r.source: r for r in old.reports}
    for r in new.reports:
        have = reports.get(r.source)
        if have is None or (have.quote is None and r.quote is not None):
            reports[r.source] = r
        elif r.quote is not None and have.quote != r.quote:
            return None
    united = tuple(reports.values())
    responds = tuple(dict.fromkeys(old.responds_to + new.responds_to))
    note = old.note or new.note
    if united == old.reports and responds == old.responds_to and note == old.note:
        return old
    return old.model_copy(update={"reports": united, "responds_to": responds, "note": note})


# ----------------------------------------------------------------------------- planning
def plan(
    records: Iterable[object],
    existing: Existing,
    *,
    ignore: Collection[str] = (),
    wait: bool = False,
) -> Plan:
    """Check a batch against what ``existing`` holds, without changing anything.

    Combines the records with one id (:func:`combine`), then checks references and
    membership cycles (:func:`check`); every problem is collected in the plan, none raised
    (see :func:`raise_problems`), except a value that is no record at all.

    Raises
    ------
    NotARecordError
        If an item of ``records`` is not a record.
    """
    out = combined(records, existing)
    check(out, existing, ignore=ignore, wait=wait)
    return out


def _not_a_record(value: object) -> str:
    raise NotARecordError(
        f"expected an Actor, Source, Proposition, Statement or Review, got {type(value).__name__}"
    )


def combined(records: Iterable[object], existing: Existing) -> Plan:
    """The first half of :func:`plan`: the records combined by id, conflicts found.

    Raises
    ------
    NotARecordError
        If an item of ``records`` is not a record.
    """
    given: list[Any] = list(records)
    exact = _EXACT
    ids = [
        rec.id if type(rec) in exact or isinstance(rec, _RECORD_CLASSES) else _not_a_record(rec)
        for rec in given
    ]
    items = cast(list[Record], given)
    out = Plan()
    batch, replace, previous, others = out.batch, out.replace, out.previous, out.others
    conflicts = out.errors["conflict"]
    held = existing.stored(items, ids)
    bget = batch.get
    unchanged = 0
    for pos, (rec, rid, stored) in enumerate(zip(items, ids, held, strict=True)):
        prev = bget(rid)
        if prev is None:
            if stored is None:
                batch[rid] = rec
                if type(rec) is not Statement:
                    others.append(rec)
                continue
            if stored is SAME:
                unchanged += 1
                continue
            prev = stored
            previous[rid] = prev
            in_store = True
        else:
            in_store = rid in replace
        merged = combine(prev, rec)
        if merged is None:
            out.conflict_at.append(pos)
            conflicts.append(conflict(prev, rec, in_store))
        elif merged is prev:
            if rid not in batch:  # prev is the held record, and rec adds nothing to it
                unchanged += 1
        else:  # only statements gain anything by combining: `others` is unchanged
            batch[rid] = merged
            if in_store:
                replace[rid] = merged
    out.result.unchanged = unchanged
    return out


def check(
    out: Plan, existing: Existing, *, ignore: Collection[str] = (), wait: bool = False
) -> None:
    """The second half of :func:`plan`: references and membership cycles.

    ``ignore`` names ids that may be referred to although they are missing (records that
    failed validation earlier, so that one error does not cascade into many). With
    ``wait``, a record naming an id that is not held waits (in ``out.deferred``, with the
    records that need it) instead of being an error: the id may come later in the input.
    """
    _check_references(out, existing, set(ignore), suggest=not wait)
    _check_cycles(out, existing)
    if not wait:
        out.report_missing()
        return
    missing = [d for d, m in out._references if m is not None]
    if not missing or out.failed:
        return  # a failing batch is refused whole; its caller says what it waited for
    # wait for what is missing: these records, and those in the batch that need them
    batch = out.batch
    deferred = {d.record_id for d in missing if d.record_id is not None}
    grew = True
    while grew:
        grew = False
        for rid, rec in batch.items():
            if rid not in deferred and any(t in deferred for _f, _t, t in rec.references()):
                deferred.add(rid)
                grew = True
    for rid in deferred:
        out.deferred[rid] = batch.pop(rid)
        out.replace.pop(rid, None)
        out.previous.pop(rid, None)
    out.others[:] = [r for r in out.others if r.id not in deferred]


_SUGGESTED_REFERENCES = 50
"""How many distinct unknown ids of one batch get a suggestion (the error path of a huge
batch of wrong ids stays quick). A batch checked with ``wait=True`` gets none: what it
waits for is not an error yet."""


def _check_references(
    out: Plan, existing: Existing, ignore: set[str], *, suggest: bool = True
) -> None:
    batch = out.batch
    # the bulk: statements whose actor, proposition and sources are in the batch or known
    # to be held are checked with a few dict lookups; the rest through references()
    here = {r.id: r.record_type for r in out.others}
    hget = here.get
    known = existing.known()
    kget = known.get
    suspects: list[Record] = []
    for rec in batch.values():
        if type(rec) is not Statement:
            suspects.append(rec)
            continue
        if rec.responds_to or rec.withdrawn is not None:
            suspects.append(rec)
            continue
        a_ = rec.actor
        p = rec.proposition
        # known first: appending to a store, nearly every target is held and known
        if (kget(a_) or hget(a_)) != "actor" or (kget(p) or hget(p)) != "proposition":
            suspects.append(rec)
            continue
        for r in rec.reports:
            s = r.source
            if (kget(s) or hget(s)) != "source":
                suspects.append(rec)
                break
    if not suspects:
        return
    refs = [(rec, rec.references()) for rec in suspects]
    need = {t for _rec, rs in refs for _f, _t, t in rs if t not in batch and t not in known}
    found = existing.types(need) if need else {}
    problems = out._references
    hints: dict[tuple[str, str], str] = {}
    pools: dict[str, list[str]] = {}

    def hint(ttype: str, target: str) -> str:
        """`` (did you mean ...?)`` for an unknown id, for the first few of them."""
        key = (ttype, target)
        if key not in hints:
            if not suggest or len(hints) >= _SUGGESTED_REFERENCES:
                return ""
            pool = pools.get(ttype)
            if pool is None:
                held = getattr(existing, "ids", None)
                pool = [i for i, r in batch.items() if r.record_type == ttype]
                pool += [i for i in (held(ttype) if held is not None else ()) if i not in batch]
                pools[ttype] = pool
            hints[key] = did_you_mean(target, pool)
        return hints[key]

    for rec, rs in refs:
        for fld, ttype, target in rs:
            b = batch.get(target)
            have = b.record_type if b is not None else (kget(target) or found.get(target))
            if have is None:
                if target in ignore:
                    continue
                problems.append(
                    (
                        ErrorDetail(
                            "unknown_reference",
                            f"{ttype} '{target}' is not in the graph{hint(ttype, target)}",
                            describe(rec),
                            fld,
                            record_id=rec.id,
                        ),
                        target,
                    )
                )
            elif have != ttype:
                problems.append(
                    (
                        ErrorDetail(
                            "wrong_reference_type",
                            f"'{target}' is {a(have)}, not {a(ttype)}",
                            describe(rec),
                            fld,
                            record_id=rec.id,
                        ),
                        None,
                    )
                )
    out.errors["reference"] = [d for d, m in problems if m is None]


def _first_parent(rec: Record | None) -> str | None:
    if isinstance(rec, Actor) and rec.member_of:
        return rec.member_of[0]
    return None


def _cycle(rec: Record, cur: str) -> ErrorDetail:
    return ErrorDetail(
        "membership_cycle",
        f"the membership chain of '{rec.id}' returns to '{cur}'",
        describe(rec),
        "member_of",
        record_id=rec.id,
    )


def _check_cycles(out: Plan, existing: Existing) -> None:
    batch = out.batch
    # A chain that leaves the batch reaches held actors, whose chains were checked when
    # they were added and never lead back into the batch, unless the batch replaces a held
    # actor (an update): only then are held chains followed, a level per lookup.
    follow = any(isinstance(r, Actor) for r in out.replace.values())
    errors = out.errors["cycle"]

    def climb(rec: Record, seen: set[str], cur: str | None) -> str | None:
        """Follow ``rec``'s chain through the batch from ``cur``; the held actor where it
        leaves the batch (None: it ended, or returned and was reported)."""
        while cur is not None:
            if cur in seen:
                errors.append(_cycle(rec, cur))
                return None
            seen.add(cur)
            up = batch.get(cur)
            if up is None:
                return cur
            cur = _first_parent(up)
        return None

    walks: list[tuple[Record, set[str], str]] = []
    for rec in out.others:
        cur = _first_parent(rec)
        if cur is None:
            continue
        seen = {rec.id}
        left = climb(rec, seen, cur)
        if left is not None and follow:
            walks.append((rec, seen, left))
    while walks:
        parents = existing.parents({at for _r, _s, at in walks})
        later: list[tuple[Record, set[str], str]] = []
        for rec, seen, at in walks:
            left = climb(rec, seen, parents.get(at))
            if left is not None:
                later.append((rec, seen, left))
        walks = later


# ----------------------------------------------------------------------------- sides
def assign_sides(out: Plan, existing: Existing) -> None:
    """Fill ``out.sides``: the side of every new actor of a batch that passed its checks.

    The side is where the chain through the first ``member_of`` ends: in the batch, or at a
    held actor (whose side ``existing`` gives, for all of them in one lookup).
    """
    batch = out.batch
    actors = [r for r in out.others if isinstance(r, Actor)]
    exits = set()
    for rec in actors:
        up = _first_parent(rec)
        if up is not None and not isinstance(batch.get(up), Actor):
            exits.add(up)
    held = existing.sides(exits) if exits else {}
    sides = out.sides
    for rec in actors:
        chain: list[str] = []
        cur: Actor = rec
        while True:
            if cur.id in sides:
                root = sides[cur.id]
                break
            chain.append(cur.id)
            nxt = _first_parent(cur)
            if nxt is None:
                root = cur.id
                break
            above = batch.get(nxt)
            if not isinstance(above, Actor):
                root = held[nxt]
                break
            cur = above
        for aid in chain:
            sides[aid] = root


def changed_sides(
    parents: Mapping[str, str | None], old: Mapping[str, str]
) -> list[tuple[str, str]]:
    """``(side, actor)`` for every actor whose side is not ``old[actor]`` any more.

    ``parents`` maps every actor to its first ``member_of`` (or None), as it is now.
    """
    sides: dict[str, str] = {}

    def side(aid: str) -> str:
        chain = []
        cur = aid
        while cur not in sides:
            up = parents.get(cur)
            if up is None:
                sides[cur] = cur
                break
            chain.append(cur)
            cur = up
        root = sides[cur]
        for x in chain:
            sides[x] = root
        return root

    return [(side(aid), aid) for aid in parents if side(aid) != old.get(aid)]


# ----------------------------------------------------------------------------- updates
def updated(old: Record, changes: Mapping[str, Any]) -> Record:
    """``old`` with ``changes``, validated again; the id cannot change.

    Fields that were only defaulted (a statement's ``kind`` from its stance) are derived
    again from the new values.

    Raises
    ------
    InvalidDataError
        If a new value is invalid (naming the field), or ``changes`` changes the id.
    """
    rid = old.id
    if "id" in changes and changes["id"] != rid:
        raise InvalidDataError(
            f"cannot change the id of {describe(old)}: remove it and add a new record"
        )
    data = old.model_dump(exclude_unset=True)
    data.update(changes)
    data["id"] = rid
    try:
        return type(old).model_validate(data)
    except ValidationError as exc:
        raise InvalidDataError(
            f"cannot update {describe(old)}", validation_details(exc, describe(old), rid)
        ) from None


def check_update(old: Record, new: Record, existing: Existing) -> None:
    """Raise if ``new`` cannot replace the held ``old``: its references, its chain.

    Raises
    ------
    UnknownReferenceError
        If ``new`` names an id that is not held, or one of the wrong type.
    InvalidDataError
        If the change would close a membership cycle (or several kinds of problem).
    """
    out = Plan(batch={new.id: new}, replace={new.id: new}, previous={old.id: old})
    if type(new) is not Statement:
        out.others.append(new)
    check(out, existing)
    raise_problems(out.errors, f"cannot update {describe(old)}: ")
