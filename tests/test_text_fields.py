"""Text fields refuse what no writer can encode, so whatever loads can be saved."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from fuzzing import FUZZ
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import claimgraph as cg
from claimgraph import formats

BAD = ["\ud800", "\udfff", "\x00", "\x1b[31m", "\x0b", "\x1f", "\ufffe", "\uffff"]
"""An unpaired surrogate, C0 controls (not tab/newline/CR), the two BMP noncharacters."""
GOOD = ["tab\there", "two\nlines", "cr\rlf", "\x85", "\u2028", "\x7f", "\U0001fffe", "ąß漢🙂"]

# every free-text field of every record, with the minimal other fields the record needs
TEXT_FIELDS: list[tuple[type[Any], dict[str, Any], str, bool]] = [
    (cg.Actor, {"name": "x"}, "note", False),
    (cg.Actor, {}, "name", False),
    (cg.Actor, {"name": "x"}, "aliases", True),
    (cg.Source, {}, "url", False),
    (cg.Source, {}, "title", False),
    (cg.Source, {}, "publisher", False),
    (cg.Source, {}, "note", False),
    (cg.Proposition, {}, "text", False),
    (cg.Statement, {"actor": "a", "proposition": "p"}, "note", False),
    (cg.Report, {"source": "s"}, "quote", False),
    (cg.Review, {"proposition": "p", "reviewer": "r"}, "textual_rating", False),
    (cg.Review, {"proposition": "p", "reviewer": "r"}, "url", False),
]


@pytest.mark.parametrize("bad", BAD, ids=ascii)
@pytest.mark.parametrize(("cls", "base", "field", "many"), TEXT_FIELDS)
def test_text_fields_refuse_unencodable_code_points(
    cls: type[Any], base: dict[str, Any], field: str, many: bool, bad: str
) -> None:
    value: Any = ("fine", f"a{bad}b") if many else f"a{bad}b"
    with pytest.raises(ValidationError) as info:
        cls(**base, **{field: value})
    [err] = info.value.errors()
    assert err["type"] == "unencodable_text"
    assert err["loc"] == ((field, 1) if many else (field,))


@pytest.mark.parametrize("bad", BAD, ids=ascii)
def test_ids_refuse_unencodable_code_points(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        cg.Actor(id=f"a{bad}", name="x")
    assert [e["type"] for e in info.value.errors()] == ["unencodable_text"]


@pytest.mark.parametrize("good", GOOD, ids=ascii)
@pytest.mark.parametrize(("cls", "base", "field", "many"), TEXT_FIELDS)
def test_text_fields_keep_every_other_code_point(
    cls: type[Any], base: dict[str, Any], field: str, many: bool, good: str
) -> None:
    value: Any = (good,) if many else good
    assert getattr(cls(**base, **{field: value}), field) == value


def test_other_constraints_still_apply_with_their_own_codes() -> None:
    with pytest.raises(ValidationError) as info:
        cg.Actor(name="")
    assert [e["type"] for e in info.value.errors()] == ["string_too_short"]
    with pytest.raises(ValidationError) as info:
        cg.Actor(id="a b", name="x")
    assert [e["type"] for e in info.value.errors()] == ["string_pattern_mismatch"]
    with pytest.raises(ValidationError) as info:
        cg.Actor(id="x" * 201, name="x")
    assert [e["type"] for e in info.value.errors()] == ["string_too_long"]


def test_a_graph_title_refuses_unencodable_text() -> None:
    with pytest.raises(cg.InvalidDataError) as info:
        cg.ClaimGraph(title="\ud800")
    assert [(e.code, e.field) for e in info.value.errors] == [("unencodable_text", "title")]
    g = cg.ClaimGraph(title="ok")
    with pytest.raises(cg.InvalidDataError):
        g.title = "\x00"
    assert g.title == "ok"


def test_a_native_file_with_a_lone_surrogate_escape_is_refused_with_its_location() -> None:
    text = (
        '{"format": "claimgraph", "version": 1,\n'
        '"sources": [\n{"id": "s1", "note": "\\ud800"}\n]\n}'
    )
    with pytest.raises(cg.InvalidDataError) as info:
        cg.loads(text)
    [err] = info.value.errors
    assert (err.code, err.record, err.field, err.line) == (
        "unencodable_text",
        "source 's1'",
        "note",
        3,
    )


def test_the_json_schema_documents_the_rule() -> None:
    import re

    note = cg.Source.model_json_schema()["properties"]["note"]["anyOf"][0]
    pattern = re.compile(note["pattern"])  # ECMA-compatible: python's re reads it too
    assert pattern.match("ok\ttab")
    assert not pattern.match("\x1b")


# ------------------------------------------------------- whatever loads can be saved
WRITERS = sorted(formats.FORMATS)


@FUZZ
@given(text=st.text(min_size=1, max_size=40))
def test_any_accepted_text_can_be_written_by_every_writer(text: str) -> None:
    try:
        actor = cg.Actor(id="a", name=text, note=text)
    except ValidationError:
        return  # refused up front, with a located error (tested above)
    g = cg.ClaimGraph(title=text)
    g.add(actor)
    g.add(cg.Source(id="s", title=text, publisher=text, url=text))
    g.add(cg.Proposition(id="p", text=text))
    g.add(
        cg.Statement(
            id="st", actor="a", proposition="p", note=text, reports=[{"source": "s", "quote": text}]
        )
    )
    g.add(cg.Actor(id="desk", name="Desk", kind="outlet"))
    g.add(cg.Review(proposition="p", reviewer="desk", statement="st", textual_rating=text))
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("json", "yaml"):
            back = cg.loads(cg.dumps(g, format=fmt), format=fmt)
            assert back.actors["a"] == actor
            assert back.propositions["p"].text == text
        for name in WRITERS:
            path = Path(tmp) / f"out{formats.FORMATS[name].extensions[0]}"
            formats.write(g, path, name)
            assert path.stat().st_size > 0


@pytest.mark.parametrize(
    ("text", "fmt", "code"),
    [
        ('{"format": "claimgraph", "version": 1,\n"title": "\\ud800"}', "json", "unencodable_text"),
        ('{"format": "claimgraph", "version": 1,\n"title": ["x"]}', "json", "string_type"),
        ('claimgraph: 1\ntitle: "a\\x1bb"\n', "yaml", "unencodable_text"),
    ],
)
def test_a_file_title_no_writer_can_hold_is_refused_with_its_line(
    text: str, fmt: str, code: str
) -> None:
    with pytest.raises(cg.FileFormatError) as info:
        cg.loads(text, format=fmt)  # type: ignore[arg-type]
    [err] = info.value.errors
    assert (err.code, err.line) == (code, 2)
