"""The records of a claim graph: :class:`Actor`, :class:`Source`, :class:`Proposition`
and :class:`Statement` (with :class:`Report`, one source's account of a statement), and
:class:`Review`, a third party's verdict on a proposition.

All are frozen pydantic v2 models that reject unknown fields, so a typo such as
``stnace: denies`` is an error rather than silently ignored data. Each record has an ``id``;
when it is omitted, one is derived deterministically from the record's content
(see :func:`derive_id`), so loading the same data twice does not duplicate it.

Examples
--------
>>> from claimgraph import Actor, Proposition, Statement
>>> pk = Actor(id="pakistan", name="Pakistan", kind="state")
>>> p = Proposition(text="Militants are sheltered on Afghan soil.")
>>> p.id
'p-...'
>>> s = Statement(actor="pakistan", proposition=p.id, stance="asserts", said="2025-10")
>>> s.kind, s.said
('claim', '2025-10')
"""

from __future__ import annotations

import datetime
import hashlib
from enum import Enum
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from . import display
from .dates import PartialDate, date_bounds
from .exceptions import ErrorDetail, InvalidDataError
from .wording import id_key, normalize_text, slugify

__all__ = [
    "RECORD_TYPES",
    "ROLES",
    "Role",
    "Actor",
    "ActorKind",
    "Proposition",
    "Record",
    "Report",
    "Review",
    "Source",
    "SourceKind",
    "CERTAINTIES",
    "Certainty",
    "DEFAULT_KINDS",
    "OPINION_STANCES",
    "STANCES",
    "Stance",
    "Statement",
    "StatementKind",
    "Text",
    "Withdrawal",
    "derive_id",
    "normalize_text",
    "slugify",
]

_UNENCODABLE = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x{fffe}\\x{ffff}"
"""The code points no file format can hold (as a regex class): the C0 controls other than
tab, newline and carriage return, and U+FFFE/U+FFFF (none is allowed in XML 1.0). Lone
surrogates (which no UTF encoding can write) are refused too, by pydantic-core itself."""


class _Encodable:
    """Annotation: the string holds only what every writer can encode.

    Checked by pydantic-core (a Rust regex), before any other constraint of the field, so
    an unpaired surrogate or a control character is refused with the field's location
    instead of crashing a writer later: whatever loads can be saved.

    Examples
    --------
    >>> from claimgraph import Source
    >>> Source(note="Tab\\tand newline\\n are fine").note
    'Tab\\tand newline\\n are fine'
    >>> Source(note="\\x1b[31m")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Source
    note
      text holds a control character, ... [type=unencodable_text, ...]
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        check = core_schema.custom_error_schema(
            core_schema.str_schema(pattern=f"^[^{_UNENCODABLE}]*\\z"),
            custom_error_type="unencodable_text",
            custom_error_message=(
                "text holds a control character, a noncharacter (U+FFFE, U+FFFF) or an"
                " unpaired surrogate, which no file format can hold"
            ),
        )
        schema = handler(source)
        if schema.get("type") == "str" and len(schema) == 1:  # no other constraint
            return core_schema.chain_schema([schema, check])
        # a plain type check first (a list is a ``string_type`` error, as always), then the
        # code points, then the field's own constraints
        return core_schema.chain_schema([core_schema.str_schema(), check, schema])

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        if schema["type"] == "chain":  # the field's own schema, not the code point check
            schema = [s for s in schema["steps"] if s["type"] != "custom-error"][-1]
        out = handler(schema)
        if out.get("type") == "string" and "pattern" not in out:
            out["pattern"] = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ufffe\\uffff]*$"
        return out


Text = Annotated[str, _Encodable()]
"""A text field: any string but the code points no writer can encode (see :class:`_Encodable`)."""

_TITLE: TypeAdapter[str | None] | None = None


def check_text(value: str | None, record: str, field: str) -> str | None:
    """``value`` if every writer can encode it, else an :class:`~claimgraph.InvalidDataError`.

    For text kept outside the records, such as a graph's title.

    Examples
    --------
    >>> check_text("Istanbul talks", "graph", "title")
    'Istanbul talks'
    >>> check_text("\\ud800", "graph", "title")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    claimgraph.exceptions.InvalidDataError: invalid graph title
      - graph, field 'title': text holds a control character, ... [unencodable_text]
    """
    global _TITLE
    if _TITLE is None:
        _TITLE = TypeAdapter(Text | None)
    try:
        return _TITLE.validate_python(value)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise InvalidDataError(
            f"invalid {record} {field}", [ErrorDetail(err["type"], err["msg"], record, field)]
        ) from None


NonEmptyText = Annotated[str, Field(min_length=1), _Encodable()]
"""A :data:`Text` of at least one character."""

Id = Annotated[
    str,
    Field(
        min_length=1,
        max_length=200,
        pattern=r"^[^\s]+$",
        description="A readable slug given by the user, or derived from the content.",
    ),
    _Encodable(),
]


class _StrEnum(str, Enum):
    """A string enum that prints as its value (``enum.StrEnum`` is Python 3.11+)."""

    def __str__(self) -> str:
        return str(self.value)


class ActorKind(_StrEnum):
    """What kind of actor speaks: a person, an office, a government, a state, ..."""

    person = "person"
    office = "office"
    government = "government"
    state = "state"
    armed_group = "armed_group"
    organization = "organization"
    outlet = "outlet"
    mediator = "mediator"
    group = "group"
    """An unnamed collective speaker, e.g. "government officials"."""
    other = "other"


class SourceKind(_StrEnum):
    """Where a statement was reported."""

    article = "article"
    wire = "wire"
    transcript = "transcript"
    press_release = "press_release"
    post = "post"
    broadcast = "broadcast"
    interview = "interview"
    document = "document"
    other = "other"


class StatementKind(_StrEnum):
    """The speech act a statement performs."""

    claim = "claim"
    denial = "denial"
    accusation = "accusation"
    demand = "demand"
    offer = "offer"
    proposal = "proposal"
    agreement = "agreement"
    rejection = "rejection"
    characterization = "characterization"
    prediction = "prediction"
    hope = "hope"
    report = "report"
    commitment = "commitment"
    warning = "warning"
    other = "other"


Stance = Literal["asserts", "denies", "reports"]
"""``asserts`` (the actor holds the proposition true), ``denies`` (holds it false) or
``reports`` (relays it without taking a side: "X said Y", "reportedly", a headline that
passes a claim on). A neutral report never makes a contradiction, an agreement or a vote."""

STANCES: tuple[Stance, ...] = get_args(Stance)
"""Every stance, in order."""

OPINION_STANCES: tuple[Stance, ...] = ("asserts", "denies")
"""The stances that take a position on a proposition (``reports`` does not)."""

Role = Literal["party", "observer", "mediator"]
"""What a side is to the dispute: a party to it, an observer (outlets, reporters,
fact-checkers) or a mediator."""

ROLES: tuple[Role, ...] = get_args(Role)
"""Every role, in order."""

Certainty = Literal["certain", "hedged"]
"""How sure the speaker sounds: ``certain`` (the default), or ``hedged`` ("suggested",
"allegedly", "may have", "reportedly")."""

CERTAINTIES: tuple[Certainty, ...] = get_args(Certainty)
"""Every certainty, in order."""

DEFAULT_KINDS: dict[str, str] = {"asserts": "claim", "denies": "denial", "reports": "report"}
"""The speech act of a statement whose ``kind`` is not given, by its stance."""


def default_certainty(hedge: str | None) -> Certainty:
    """The certainty of a statement that does not give one: hedged if it names a hedge.

    >>> default_certainty("allegedly"), default_certainty(None)
    ('hedged', 'certain')
    """
    return "certain" if hedge is None else "hedged"


def derive_id(prefix: str, *parts: object) -> str:
    """A deterministic id: ``prefix`` followed by a short hash of ``parts``.

    Examples
    --------
    >>> derive_id("st-", "pakistan", "p-1") == derive_id("st-", "pakistan", "p-1")
    True
    >>> len(derive_id("st-", "x"))
    19
    """
    h = hashlib.blake2b(
        "\x1f".join("" if p is None else str(p) for p in parts).encode(), digest_size=8
    )
    return prefix + h.hexdigest()


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


def _share_fields_set(model: BaseModel) -> None:
    """Give a new, frozen model the one shared copy of its set of explicitly given fields.

    pydantic keeps a ``set`` per instance (hundreds of bytes, more than the record's own
    values); records are frozen, so nothing ever changes it (copies get their own), and a
    million records need only the few distinct sets there are.
    """
    fields = model.__pydantic_fields_set__
    key = frozenset(fields)
    shared = _FIELDS_SETS.get(key)
    if shared is None:
        shared = _FIELDS_SETS[key] = set(key)
    object.__setattr__(model, "__pydantic_fields_set__", shared)


class _Record(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_enum_values=True,
        validate_default=False,
        cache_strings="all",
    )
    record_type: ClassVar[str] = "record"

    id: Id = ""  # filled in from content when empty
    note: Text | None = Field(default=None, description="Free-text note by the analyst.")

    def _derived_id(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def _apply_defaults(self) -> None:
        """Fill defaults that depend on other fields (before the id is derived)."""

    @model_validator(mode="after")
    def _fill_id(self) -> Any:
        self._apply_defaults()
        if not self.id:
            object.__setattr__(self, "id", self._derived_id())
            # the id is part of what files store, even when derived
            self.__pydantic_fields_set__.add("id")
        _share_fields_set(self)
        return self

    def references(self) -> list[tuple[str, str, str]]:
        """The ids this record refers to, as ``(field, target type, id)`` triples."""
        return []

    def _repr_html_(self) -> str:
        """A table of the fields, for notebooks (see :mod:`claimgraph.display`)."""
        return display.record_html(self)


class Actor(_Record):
    """Someone who speaks: a person, office, government, state, armed group, outlet, mediator.

    ``member_of`` names the actors it belongs to (the defense minister belongs to the
    Government of Pakistan, which belongs to Pakistan). The *side* of an actor is where the
    chain through the first ``member_of`` entry ends. ``role`` says what that side is to
    the dispute (see :func:`claimgraph.rules.side_role`): a ``party``, an ``observer`` (an
    outlet, a reporter, a fact-checker: not a side unless it takes a stance of its own) or a
    ``mediator`` (listed apart); by default an outlet observes, a mediator mediates and any
    other actor is a party.

    Examples
    --------
    >>> Actor(name="Government of Pakistan", kind="government", member_of=["pakistan"]).id
    'government-of-pakistan'
    """

    record_type: ClassVar[str] = "actor"

    name: NonEmptyText = Field(description="Display name.")
    kind: ActorKind = Field(
        default=ActorKind.other, validate_default=True, description="What kind of actor this is."
    )
    member_of: tuple[Id, ...] = Field(
        default=(), description="Ids of the actors this one belongs to; the first is primary."
    )
    aliases: tuple[Text, ...] = Field(default=(), description="Other names it is known by.")
    role: Role | None = Field(
        default=None,
        description="party, observer or mediator: what its side is to the dispute (default:"
        " observer for an outlet, mediator for a mediator, else party).",
    )

    def _derived_id(self) -> str:
        return slugify(self.name) or derive_id("actor-", self.name)

    def references(self) -> list[tuple[str, str, str]]:
        return [("member_of", "actor", a) for a in self.member_of]


class Source(_Record):
    """Where statements were reported: an article, transcript, press release, post, ...

    ``derived_from`` names the sources this one copies or rewrites (a reprint of a wire
    story derives from the wire story), so that corroboration can count origins, not copies.

    Examples
    --------
    >>> Source(url="https://example.org/a", publisher="Example News").id
    'src-...'
    """

    record_type: ClassVar[str] = "source"

    url: Text | None = Field(default=None, description="Where it can be read.")
    title: Text | None = None
    publisher: Text | None = Field(default=None, description="The outlet that published it.")
    published: PartialDate | None = Field(default=None, description="When it was published.")
    kind: SourceKind = Field(default=SourceKind.article, validate_default=True)
    derived_from: tuple[Id, ...] = Field(
        default=(), description="Ids of the sources this one copies or is based on."
    )

    def _derived_id(self) -> str:
        if self.url:
            return derive_id("src-", self.url)
        return derive_id("src-", self.title, self.publisher, self.published)

    def references(self) -> list[tuple[str, str, str]]:
        return [("derived_from", "source", s) for s in self.derived_from]


class Proposition(_Record):
    """What is claimed, in one canonical wording, independent of who says it.

    ``contradicts`` declares propositions that cannot be true together with this one;
    ``implies`` declares propositions that are true whenever this one is.

    What it is about can carry its *event time* and *place*: ``happened`` (a partial date:
    when it happened, or began), ``happened_until`` (when it ended, for a range),
    ``happened_as`` (the wording a relative date was resolved from, e.g. "on Saturday")
    and ``place`` ("Poonch"). These are not part of the derived id: the same claim with
    and without its date is one proposition.

    Examples
    --------
    >>> a = Proposition(text="Pakistan rejected Kabul's offer.")
    >>> b = Proposition(text="  pakistan rejected kabul's offer ")
    >>> a.id == b.id
    True
    >>> c = Proposition(text="Militants attacked a checkpoint.", happened="2025-10-11",
    ...                 place="Kurram")
    >>> c.happened, c.place
    ('2025-10-11', 'Kurram')
    """

    record_type: ClassVar[str] = "proposition"

    text: NonEmptyText = Field(description="The canonical wording.")
    contradicts: tuple[Id, ...] = Field(
        default=(), description="Ids of propositions that cannot be true together with this one."
    )
    implies: tuple[Id, ...] = Field(
        default=(), description="Ids of propositions that are true whenever this one is."
    )
    happened: PartialDate | None = Field(
        default=None,
        description="When what it is about happened (or began, with happened_until).",
    )
    happened_until: PartialDate | None = Field(
        default=None, description="When what it is about ended, for an event over a range."
    )
    happened_as: Text | None = Field(
        default=None,
        description='The event time as the source worded it ("on Saturday", "last month").',
    )
    place: Text | None = Field(default=None, description="Where what it is about happened.")

    def _derived_id(self) -> str:
        return derive_id("p-", id_key(self.text))  # stable across releases (see id_key)

    @model_validator(mode="after")
    def _event_range(self) -> Proposition:
        until = self.happened_until
        if until is None:
            return self
        if self.happened is None:
            raise PydanticCustomError(
                "until_without_start",
                "happened_until ({until}) needs happened: when did it begin?",
                {"until": until},
            )
        if date_bounds(until)[1] < date_bounds(self.happened)[0]:
            raise PydanticCustomError(
                "happened_range_reversed",
                "happened_until ({until}) is before happened ({happened})",
                {"until": until, "happened": self.happened},
            )
        return self

    @property
    def event_span(self) -> tuple[str, str] | None:
        """First and last day (``YYYY-MM-DD``) its event time covers, or ``None``.

        >>> Proposition(text="Talks.", happened="2025-10", happened_until="2025-11-06").event_span
        ('2025-10-01', '2025-11-06')
        """
        if self.happened is None:
            return None
        lo = date_bounds(self.happened)[0]
        return lo, date_bounds(self.happened_until or self.happened)[1]

    def references(self) -> list[tuple[str, str, str]]:
        return [("contradicts", "proposition", p) for p in self.contradicts] + [
            ("implies", "proposition", p) for p in self.implies
        ]


class Report(BaseModel):
    """One source's account of a statement, with its verbatim quote where there is one.

    ``said_as`` keeps how this source worded when it was said, where the statement's
    ``said`` was resolved from relative wording ("yesterday", against the source's
    publication date; see :func:`claimgraph.dates.resolve_date`).

    Examples
    --------
    >>> Report(source="arabnews", quote="false and misleading").quote
    'false and misleading'
    """

    model_config = ConfigDict(extra="forbid", frozen=True, cache_strings="all")

    source: Id = Field(description="Id of the source.")
    quote: Text | None = Field(default=None, description="The words as the source quotes them.")
    said_as: Text | None = Field(
        default=None,
        description='When it was said, as this source words it ("yesterday", "on Saturday"):'
        " kept when the statement's said was resolved from it.",
    )


class Withdrawal(BaseModel):
    """A statement's retraction or correction: who withdrew it, when, and what replaces it.

    A statement with a ``withdrawn`` no longer stands: the current queries leave it out,
    ``as_of`` a date before the withdrawal keeps it, and ``withdrawn=True`` (the history)
    keeps everything. ``by`` is the actor who withdrew it (by default the statement's own
    actor, or the outlet that took its account back); ``source`` the source that carries
    the withdrawal (a clarification, a correction notice, a briefing). A withdrawal
    with a ``correction`` (the statement that replaces it) is a correction, one without is a
    retraction. In a file, ``withdrawn: 2025-10-02`` is short for ``{date: 2025-10-02}`` and
    ``withdrawn: true`` is a withdrawal of unknown date.

    Examples
    --------
    >>> w = Withdrawal(date="2025-10-02", correction="clarified")
    >>> w.kind, w.date
    ('correction', '2025-10-02')
    >>> Withdrawal().kind
    'retraction'
    """

    model_config = ConfigDict(extra="forbid", frozen=True, cache_strings="all")

    date: PartialDate | None = Field(default=None, description="When it was withdrawn.")
    by: Id | None = Field(
        default=None, description="Id of the actor who withdrew it (default: its own actor)."
    )
    source: Id | None = Field(
        default=None, description="Id of the source that carries the withdrawal."
    )
    correction: Id | None = Field(
        default=None, description="Id of the statement that corrects (replaces) it."
    )
    note: Text | None = Field(default=None, description="Free-text note by the analyst.")

    @property
    def kind(self) -> Literal["retraction", "correction"]:
        """``correction`` when a statement replaces the withdrawn one, else ``retraction``."""
        return "retraction" if self.correction is None else "correction"


def withdrawal_shorthand(value: Any) -> Any:
    """``withdrawn: <date>`` and ``withdrawn: true`` as the withdrawal they stand for.

    >>> withdrawal_shorthand("2025-10-02"), withdrawal_shorthand(True)
    ({'date': '2025-10-02'}, {})
    """
    if value is True:
        return {}
    if value is False:
        return None
    if isinstance(value, (str, datetime.date)):
        return {"date": value}
    return value


class Statement(_Record):
    """One actor's speech act about a proposition.

    ``stance`` says whether the actor holds the proposition true (``asserts``) or false
    (``denies``), or only relays it (``reports``: a neutral report, which takes no position);
    ``kind`` says what speech act it is (claim, denial, demand, offer, ...).
    ``said`` is when it was said, as a partial date. ``reports`` lists the sources that
    report it, each with its verbatim quote; ``responds_to`` lists the statements it answers.
    ``withdrawn`` (a :class:`Withdrawal`) records its retraction or correction.

    Examples
    --------
    >>> s = Statement(
    ...     actor="afghanistan", proposition="militants-sheltered", stance="denies",
    ...     kind="denial", reports=[{"source": "arabnews"}],
    ... )
    >>> s.stance, s.reports[0].source
    ('denies', 'arabnews')
    """

    record_type: ClassVar[str] = "statement"

    actor: Id = Field(description="Id of the actor who said it.")
    proposition: Id = Field(description="Id of the proposition it is about.")
    stance: Stance = Field(
        default="asserts",
        description="asserts or denies the proposition, or reports it (neutral: takes no side).",
    )
    kind: StatementKind = Field(
        default=StatementKind.claim,
        validate_default=True,
        description="The speech act; defaults to claim, or denial when the stance is denies,"
        " or report when it reports.",
    )
    said: PartialDate | None = Field(default=None, description="When it was said.")
    certainty: Certainty = Field(
        default="certain",
        description="How sure the speaker sounds: certain, or hedged (defaults to hedged when"
        " a hedge is given).",
    )
    hedge: Text | None = Field(
        default=None,
        description='The hedging cue as worded: "suggested", "allegedly", "may have", ...',
    )
    reports: tuple[Report, ...] = Field(
        default=(), description="The sources that report it, with quotes."
    )
    responds_to: tuple[Id, ...] = Field(
        default=(), description="Ids of the statements it responds to."
    )
    withdrawn: Annotated[Withdrawal | None, BeforeValidator(withdrawal_shorthand)] = Field(
        default=None,
        description="Its retraction or correction, if it was withdrawn (a date is short for"
        " {date: ...}; true for a withdrawal of unknown date).",
    )

    def _derived_id(self) -> str:
        return derive_id("st-", self.actor, self.proposition, self.stance, self.kind, self.said)

    def _apply_defaults(self) -> None:
        if self.stance != "asserts" and "kind" not in self.model_fields_set:
            object.__setattr__(self, "kind", DEFAULT_KINDS[self.stance])
        if self.hedge is not None and "certainty" not in self.model_fields_set:
            object.__setattr__(self, "certainty", default_certainty(self.hedge))

    @model_validator(mode="after")
    def _no_duplicate_sources(self) -> Statement:
        seen: set[str] = set()
        for r in self.reports:
            _share_fields_set(r)
            if r.source in seen:
                raise PydanticCustomError(
                    "duplicate_report_source",
                    "source '{source}' is listed twice in reports; join its quotes into one",
                    {"source": r.source},
                )
            seen.add(r.source)
        w = self.withdrawn
        if w is not None:
            if w.correction is not None and w.correction == self.id and self.id:
                raise PydanticCustomError(
                    "corrects_itself",
                    "statement '{id}' cannot be its own correction",
                    {"id": self.id},
                )
            if (
                w.date is not None
                and self.said is not None
                and date_bounds(w.date)[1] < date_bounds(self.said)[0]
            ):
                raise PydanticCustomError(
                    "withdrawn_before_said",
                    "withdrawn on {date}, before it was said ({said})",
                    {"date": w.date, "said": self.said},
                )
        return self

    @property
    def quotes(self) -> list[str]:
        """The verbatim quotes of all reports that have one."""
        return [r.quote for r in self.reports if r.quote]

    def references(self) -> list[tuple[str, str, str]]:
        refs = [("actor", "actor", self.actor), ("proposition", "proposition", self.proposition)]
        refs += [(f"reports.{i}.source", "source", r.source) for i, r in enumerate(self.reports)]
        refs += [("responds_to", "statement", s) for s in self.responds_to]
        w = self.withdrawn
        if w is not None:
            if w.by is not None:
                refs.append(("withdrawn.by", "actor", w.by))
            if w.source is not None:
                refs.append(("withdrawn.source", "source", w.source))
            if w.correction is not None:
                refs.append(("withdrawn.correction", "statement", w.correction))
        return refs


class Review(_Record):
    """A third party's verdict on a proposition: a fact-check (schema.org ``ClaimReview``).

    ``reviewer`` is the actor who reviewed it (usually an outlet); ``statement`` optionally
    names the statement (the claim as somebody made it) that was reviewed. The rating is
    kept as the reviewer gives it: a value on a scale from ``worst_rating`` to
    ``best_rating`` and/or a textual rating such as "False" or "Misleading".

    Examples
    --------
    >>> r = Review(proposition="offer-rejected", reviewer="factcheck-desk",
    ...            textual_rating="Misleading", rating_value=2, best_rating=5, worst_rating=1,
    ...            date="2025-11")
    >>> r.id
    'rv-...'
    >>> r.textual_rating, r.rating_value
    ('Misleading', 2.0)
    """

    record_type: ClassVar[str] = "review"

    proposition: Id = Field(description="Id of the proposition reviewed.")
    reviewer: Id = Field(description="Id of the actor (e.g. a fact-checking outlet) reviewing it.")
    statement: Id | None = Field(
        default=None, description="Id of the statement reviewed, if the review names one."
    )
    rating_value: float | None = Field(default=None, description="The rating on its scale.")
    best_rating: float | None = Field(default=None, description="The best value of the scale.")
    worst_rating: float | None = Field(default=None, description="The worst value of the scale.")
    textual_rating: Text | None = Field(
        default=None, description='The verdict in words, e.g. "False" or "Misleading".'
    )
    date: PartialDate | None = Field(default=None, description="When the review was published.")
    url: Text | None = Field(default=None, description="Where the review can be read.")

    def _derived_id(self) -> str:
        return derive_id("rv-", self.reviewer, self.proposition, self.statement, self.url)

    def references(self) -> list[tuple[str, str, str]]:
        refs = [
            ("proposition", "proposition", self.proposition),
            ("reviewer", "actor", self.reviewer),
        ]
        if self.statement is not None:
            refs.append(("statement", "statement", self.statement))
        return refs


Record = Actor | Source | Proposition | Statement | Review
"""Any of the record types."""

RecordClass = type[Actor] | type[Source] | type[Proposition] | type[Statement] | type[Review]

RECORD_TYPES: dict[str, RecordClass] = {
    "actor": Actor,
    "source": Source,
    "proposition": Proposition,
    "statement": Statement,
    "review": Review,
}
"""Record type name → model class."""
