"""The YAML authoring format: made for writing a dispute down by hand.

Records are keyed by id, propositions can be a single line of text, and statements are
grouped under the source that reports them, so one statement is one to three lines::

    claimgraph: 1
    actors:
      pakistan: {name: Pakistan, kind: state}
      afghanistan: {name: Afghanistan, kind: state}
    propositions:
      militants-sheltered: Militants are being sheltered on Afghan soil.
    sources:
      arabnews:
        url: https://www.arabnews.com/node/...
        publisher: Arab News
        published: 2025-11-05
        statements:
          - {actor: pakistan, asserts: militants-sheltered, said: 2025-10}
          - {actor: afghanistan, denies: militants-sheltered}

The models here describe that format; :mod:`claimgraph.io` turns it into records, and
``claimgraph schema --format yaml`` publishes their JSON Schema for editors.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from .dates import DATE_PATTERN, is_wording, parse_partial_date, resolve_date
from .exceptions import InvalidDataError
from .models import (
    ActorKind,
    Certainty,
    Id,
    NonEmptyText,
    Review,
    Role,
    SourceKind,
    Stance,
    StatementKind,
    Text,
    Withdrawal,
    withdrawal_shorthand,
)

__all__ = [
    "FORMAT_VERSION",
    "READ_VERSIONS",
    "AuthoringActor",
    "AuthoringFile",
    "AuthoringProposition",
    "AuthoringReport",
    "AuthoringSource",
    "AuthoringStatement",
]

FORMAT_VERSION = 2
"""The version of the file formats (native JSON and YAML authoring) this release writes.

Version 2 added neutral reports (stance ``reports``, ``relays:``), hedges (``certainty``,
``hedge``), withdrawals (``withdrawn``), a proposition's event time and place
(``happened``, ``happened_until``, ``happened_as``, ``place``) and a report's ``said_as``
(how the source worded a relative date). Every version-1 file is a valid version-2 file;
``claimgraph migrate`` rewrites its version (an older release refuses a version-2 file
with a located error instead of misreading it)."""

READ_VERSIONS: tuple[int, ...] = (1, 2)
"""The file format versions this release reads."""


def _listify(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


IdList = Annotated[tuple[Id, ...], BeforeValidator(_listify, json_schema_input_type=Id | list[Id])]
"""One id, or a list of ids."""

AuthoringDate = Annotated[
    str,
    BeforeValidator(parse_partial_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ],
            "description": "A date of year, month or day precision (2025, 2025-10, 2025-10-19),"
            " or an ISO 8601 timestamp; YAML reads an unquoted year as a number.",
        }
    ),
]
"""A partial date as written in YAML: a bare year may be a number."""


def _date_or_wording(value: Any) -> Any:
    """A partial date, or news wording ("last month") to resolve against a source's date.

    Text that looks like an ISO date but is not one ("2025-13") is refused as a bad date,
    so a typo is not taken for wording."""
    if isinstance(value, str) and is_wording(value):
        try:
            resolve_date(value, None)  # wording it reads, with or without a source's date?
        except InvalidDataError as exc:
            err = exc.errors[0]
            if err.code != "relative_date_unresolved":
                raise PydanticCustomError(err.code, err.message) from None
        return value
    return parse_partial_date(value)


AuthoringWhen = Annotated[
    str,
    BeforeValidator(_date_or_wording),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
                {"type": "string", "minLength": 1},
            ],
            "description": "A date of year, month or day precision (2025, 2025-10, 2025-10-19),"
            " an ISO 8601 timestamp, or news wording resolved against the reporting source's"
            ' publication date ("yesterday", "on Saturday", "last month", "two days ago",'
            ' "on Oct. 19"; see claimgraph.dates.resolve_date).',
        }
    ),
]
"""A date as an author may write it: a partial date, or relative wording (kept as text here;
:mod:`claimgraph.io` resolves it against the publication date of the reporting source)."""


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AuthoringActor(_Entry):
    """An actor; its id is its key under ``actors:``. A bare string is its name."""

    name: NonEmptyText
    kind: ActorKind = Field(default=ActorKind.other, validate_default=True)
    member_of: IdList = Field(default=(), description="An id or a list of ids.")
    aliases: tuple[Text, ...] = ()
    role: Role | None = None
    note: Text | None = None


class AuthoringProposition(_Entry):
    """A proposition; its id is its key under ``propositions:``. A bare string is its text."""

    text: NonEmptyText
    contradicts: IdList = ()
    implies: IdList = ()
    happened: AuthoringWhen | None = Field(
        default=None,
        description="When it happened (or began): a partial date, or wording resolved against"
        " the publication date of the source of the first statement about it.",
    )
    happened_until: AuthoringWhen | None = None
    happened_as: Text | None = None
    place: Text | None = None
    note: Text | None = None


class AuthoringReport(_Entry):
    """A further source reporting a statement."""

    source: Id
    quote: Text | None = None
    said_as: Text | None = None


SHORTHANDS: dict[str, Stance] = {"asserts": "asserts", "denies": "denies", "relays": "reports"}
"""A statement entry's shorthand keys (``asserts: <proposition>``, ...) and the stance each
gives (``relays:`` because ``reports:`` lists a statement's further sources)."""
STANCE_KEYS: dict[str, str] = {stance: key for key, stance in SHORTHANDS.items()}
"""The shorthand key the writer uses for each stance."""


class AuthoringStatement(_Entry):
    """A statement: ``actor`` plus exactly one of ``asserts: <proposition>``,
    ``denies: <proposition>``, ``relays: <proposition>`` (a neutral report: stance
    ``reports``) or ``proposition:`` with ``stance:``.

    The proposition may be an id declared under ``propositions:`` or, if it contains a
    space, the proposition's text itself. Under a source, ``quote`` is that source's
    verbatim quote; ``reports`` lists further sources.
    """

    id: Id | None = None
    actor: Id
    asserts: Text | None = None
    denies: Text | None = None
    relays: Text | None = None
    proposition: Text | None = None
    stance: Stance | None = None
    kind: StatementKind | None = None
    said: AuthoringWhen | None = Field(
        default=None,
        description="When it was said: a partial date, or wording resolved against the"
        " publication date of the source it sits under (or of its first report).",
    )
    said_as: Text | None = Field(
        default=None,
        description="When it was said as the enclosing source (or the first report) words it;"
        " filled in when said is relative wording.",
    )
    certainty: Certainty | None = None
    hedge: Text | None = None
    quote: Text | None = None
    reports: tuple[AuthoringReport, ...] = ()
    responds_to: IdList = ()
    withdrawn: Annotated[Withdrawal | None, BeforeValidator(withdrawal_shorthand)] = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_proposition(self) -> AuthoringStatement:
        given = [k for k in (*SHORTHANDS, "proposition") if getattr(self, k) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "one_proposition",
                "give exactly one of 'asserts: <proposition>', 'denies: <proposition>',"
                " 'relays: <proposition>' or 'proposition:' (got {given})",
                {"given": ", ".join(given) or "none"},
            )
        if self.proposition is not None and self.stance is None:
            raise PydanticCustomError(
                "stance_missing",
                "'proposition:' needs a 'stance:' (asserts, denies or reports)",
            )
        if self.proposition is None and self.stance is not None:
            raise PydanticCustomError(
                "stance_misplaced",
                "'stance:' goes with 'proposition:', not with asserts/denies/relays",
            )
        return self


class AuthoringSource(_Entry):
    """A source; its id is its key under ``sources:``; ``statements`` are those it reports."""

    url: Text | None = None
    title: Text | None = None
    publisher: Text | None = None
    published: AuthoringDate | None = None
    kind: SourceKind = Field(default=SourceKind.article, validate_default=True)
    derived_from: IdList = ()
    note: Text | None = None
    statements: list[AuthoringStatement] = []


def _name_or_entry(value: Any, key: str) -> Any:
    return {key: value} if isinstance(value, str) else value


class AuthoringFile(_Entry):
    """A whole YAML authoring file."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={"title": "claimgraph YAML authoring file"},
    )

    claimgraph: Literal[1, 2] = Field(
        description="The format version; this release writes 2 and reads 1 and 2."
    )
    title: Text | None = None
    actors: dict[
        Id,
        Annotated[
            AuthoringActor,
            BeforeValidator(
                lambda v: _name_or_entry(v, "name"), json_schema_input_type=str | AuthoringActor
            ),
        ],
    ] = Field(default={}, description="Actor id → its name, or an entry.")
    propositions: dict[
        Id,
        Annotated[
            AuthoringProposition,
            BeforeValidator(
                lambda v: _name_or_entry(v, "text"),
                json_schema_input_type=str | AuthoringProposition,
            ),
        ],
    ] = Field(default={}, description="Proposition id → its text, or an entry.")
    sources: dict[Id, AuthoringSource] = {}
    statements: list[AuthoringStatement] = Field(
        default=[], description="Statements not reported by any source listed here."
    )
    reviews: list[Review] = Field(
        default=[], description="Fact-checks: third parties' verdicts on propositions."
    )
