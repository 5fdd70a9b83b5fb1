"""The records: validation, defaults and content-derived ids."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys

import pytest
from pydantic import ValidationError

import claimgraph as cg


def codes(exc: ValidationError) -> list[tuple[str, tuple[str | int, ...]]]:
    """(code, location) of every error, for matching on the stable code."""
    return [(e["type"], tuple(e["loc"])) for e in exc.errors()]


# ---------------------------------------------------------------------------- strictness
@pytest.mark.parametrize(
    ("cls", "fields"),
    [
        (cg.Actor, {"name": "Pakistan", "nmae": "typo"}),
        (cg.Source, {"title": "x", "publsher": "typo"}),
        (cg.Proposition, {"text": "x", "contradict": ["p"]}),
        (cg.Statement, {"actor": "a", "proposition": "p", "stnace": "denies"}),
        (cg.Report, {"source": "s", "qoute": "x"}),
    ],
)
def test_unknown_fields_are_rejected(cls: type, fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError) as info:
        cls(**fields)
    typo = next(k for k in fields if k not in cls.model_fields)
    assert codes(info.value) == [("extra_forbidden", (typo,))]


@pytest.mark.parametrize("stance", ["maybe", "assert", "DENIES", ""])
def test_invalid_stance_is_rejected(stance: str) -> None:
    with pytest.raises(ValidationError) as info:
        cg.Statement(actor="a", proposition="p", stance=stance)
    assert codes(info.value) == [("literal_error", ("stance",))]


@pytest.mark.parametrize(
    ("cls", "fields", "field"),
    [
        (cg.Statement, {"actor": "a", "proposition": "p", "kind": "rumour"}, "kind"),
        (cg.Actor, {"name": "A", "kind": "country"}, "kind"),
        (cg.Source, {"title": "A", "kind": "tweet"}, "kind"),
    ],
)
def test_invalid_kind_is_rejected(cls: type, fields: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        cls(**fields)
    assert codes(info.value) == [("enum", (field,))]


@pytest.mark.parametrize("said", ["2025-13", "2025-02-30", "Oct 2025", "2025-1-5", "25", 99, True])
def test_malformed_dates_are_rejected(said: object) -> None:
    with pytest.raises(ValidationError) as info:
        cg.Statement(actor="a", proposition="p", said=said)
    assert codes(info.value) == [("partial_date", ("said",))]


def test_malformed_published_date_names_its_field() -> None:
    with pytest.raises(ValidationError) as info:
        cg.Source(title="x", published="2025-00")
    assert codes(info.value) == [("partial_date", ("published",))]


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("2025", "2025"),
        (2025, "2025"),  # YAML reads a bare year as an int
        ("2025-10", "2025-10"),
        ("2025-10-19", "2025-10-19"),
        (datetime.date(2025, 10, 19), "2025-10-19"),  # YAML reads dates as dates
        (datetime.datetime(2025, 10, 19, 8, 30), "2025-10-19T08:30:00"),
        ("2025-10-19T08:30Z", "2025-10-19T08:30Z"),
    ],
)
def test_yaml_style_dates_are_accepted(said: object, stored: str) -> None:
    assert cg.Statement(actor="a", proposition="p", said=said).said == stored


def test_ids_must_be_non_empty_slugs_without_spaces() -> None:
    with pytest.raises(ValidationError) as info:
        cg.Actor(id="two words", name="A")
    assert codes(info.value) == [("string_pattern_mismatch", ("id",))]
    with pytest.raises(ValidationError) as info:
        cg.Statement(actor="a b", proposition="p")
    assert codes(info.value) == [("string_pattern_mismatch", ("actor",))]


def test_required_fields() -> None:
    with pytest.raises(ValidationError) as info:
        cg.Statement(actor="a")  # type: ignore[call-arg]
    assert codes(info.value) == [("missing", ("proposition",))]
    with pytest.raises(ValidationError) as info:
        cg.Actor(name="")
    assert codes(info.value) == [("string_too_short", ("name",))]


def test_records_are_frozen() -> None:
    a = cg.Actor(id="a", name="A")
    with pytest.raises(ValidationError) as info:
        a.name = "B"  # type: ignore[misc]
    assert codes(info.value)[0][0] == "frozen_instance"


# ---------------------------------------------------------------------------- defaults
def test_denies_defaults_kind_to_denial() -> None:
    assert cg.Statement(actor="a", proposition="p", stance="denies").kind == "denial"
    assert cg.Statement(actor="a", proposition="p").kind == "claim"
    assert cg.Statement(actor="a", proposition="p").stance == "asserts"
    # an explicit kind wins
    s = cg.Statement(actor="a", proposition="p", stance="denies", kind="characterization")
    assert s.kind == "characterization"


def test_enum_fields_are_plain_strings() -> None:
    s = cg.Statement(actor="a", proposition="p", kind=cg.StatementKind.demand)
    assert s.kind == "demand"
    assert isinstance(s.kind, str)
    assert str(cg.ActorKind.armed_group) == "armed_group"


def test_duplicate_source_in_reports_is_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        cg.Statement(
            actor="a",
            proposition="p",
            reports=[{"source": "s", "quote": "one"}, {"source": "s", "quote": "two"}],
        )
    assert codes(info.value) == [("duplicate_report_source", ())]
    assert "'s'" in info.value.errors()[0]["msg"]


def test_quotes_lists_the_quotes_that_exist() -> None:
    s = cg.Statement(
        actor="a",
        proposition="p",
        reports=[{"source": "s1", "quote": "false and misleading"}, {"source": "s2"}],
    )
    assert s.quotes == ["false and misleading"]
    assert [r.source for r in s.reports] == ["s1", "s2"]


# ---------------------------------------------------------------------------- derived ids
def test_actor_id_is_the_slug_of_its_name() -> None:
    assert cg.Actor(name="Government of Türkiye").id == "government-of-turkiye"
    # nothing left to slug: a hash instead
    assert cg.Actor(name="طالبان").id.startswith("actor-")
    assert cg.Actor(name="طالبان").id == cg.Actor(name="طالبان").id
    assert cg.Actor(name="طالبان").id != cg.Actor(name="پاکستان").id


def test_given_ids_are_kept() -> None:
    assert cg.Actor(id="pk", name="Pakistan").id == "pk"
    assert cg.Proposition(id="p1", text="x").id == "p1"


@pytest.mark.parametrize(
    "variant",
    [
        "Pakistan rejected Kabul's offer.",
        "pakistan rejected kabul's offer",
        "  PAKISTAN   rejected\tKabul's\noffer  ",
        "“Pakistan rejected Kabul's offer!”",
    ],
)
def test_proposition_ids_normalise_case_space_and_punctuation(variant: str) -> None:
    assert (
        cg.Proposition(text=variant).id == cg.Proposition(text="Pakistan rejected Kabul's offer").id
    )


def test_proposition_ids_differ_for_different_wordings() -> None:
    a = cg.Proposition(text="Pakistan rejected Kabul's offer.")
    b = cg.Proposition(text="Pakistan accepted Kabul's offer.")
    assert a.id != b.id
    assert a.id.startswith("p-")


def test_statement_ids_are_content_based() -> None:
    def st(**kw: object) -> cg.Statement:
        fields: dict[str, object] = {"actor": "a", "proposition": "p", "said": "2025-10"}
        fields.update(kw)
        return cg.Statement(**fields)

    base = st()
    assert base.id.startswith("st-")
    # the same content gives the same id, whoever reports it and whatever the note
    assert st(reports=[{"source": "s1", "quote": "x"}]).id == base.id
    assert st(note="n").id == base.id
    assert st(said=datetime.date(2025, 10, 1)).id != base.id
    # an explicit default kind is the same content as the default
    assert st(stance="denies").id == st(stance="denies", kind="denial").id
    # every key field counts
    for change in (
        {"actor": "b"},
        {"proposition": "q"},
        {"stance": "denies"},
        {"kind": "demand"},
        {"said": "2025-11"},
        {"said": None},
    ):
        assert st(**change).id != base.id, change


def test_source_ids_are_content_based() -> None:
    a = cg.Source(url="https://example.org/a", publisher="Example")
    assert a.id == cg.Source(url="https://example.org/a", publisher="Other").id
    assert a.id != cg.Source(url="https://example.org/b").id
    b = cg.Source(title="Press release", publisher="MoI", published="2025-11-05")
    assert b.id == cg.Source(title="Press release", publisher="MoI", published="2025-11-05").id
    assert b.id != cg.Source(title="Press release", publisher="MoI", published="2025-11-06").id


def test_derived_ids_do_not_depend_on_the_process() -> None:
    """Ids are a content hash, not Python's per-process salted ``hash()``."""
    code = (
        "import claimgraph as cg;"
        "print(cg.Proposition(text='Militants are sheltered.').id,"
        " cg.Statement(actor='a', proposition='p', said='2025').id,"
        " cg.Source(url='https://x').id)"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        outputs.add(result.stdout)
    here = " ".join(
        [
            cg.Proposition(text="Militants are sheltered.").id,
            cg.Statement(actor="a", proposition="p", said="2025").id,
            cg.Source(url="https://x").id,
        ]
    )
    assert outputs == {here + "\n"}


def test_derive_id_helpers() -> None:
    assert cg.derive_id("x-", "a", "b") == cg.derive_id("x-", "a", "b")
    assert cg.derive_id("x-", "a", "b") != cg.derive_id("x-", "b", "a")
    assert cg.derive_id("x-", "ab", "c") != cg.derive_id("x-", "a", "bc")
    assert cg.slugify("  Pakistan's Defense Minister! ") == "pakistan-s-defense-minister"
    assert cg.normalize_text("“Quoted.”") == "quoted"


def test_references_list_every_outgoing_id() -> None:
    s = cg.Statement(
        actor="a",
        proposition="p",
        reports=[{"source": "s1"}, {"source": "s2"}],
        responds_to=["x"],
    )
    assert s.references() == [
        ("actor", "actor", "a"),
        ("proposition", "proposition", "p"),
        ("reports.0.source", "source", "s1"),
        ("reports.1.source", "source", "s2"),
        ("responds_to", "statement", "x"),
    ]
    p = cg.Proposition(text="x", contradicts=["q"], implies=["r"])
    assert p.references() == [("contradicts", "proposition", "q"), ("implies", "proposition", "r")]
