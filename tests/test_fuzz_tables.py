"""Fuzz tests of the CSV format: any graph a table can hold round-trips, any bytes fail cleanly."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import pytest
from fuzzing import FUZZ, TEXT_CHARS
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

import claimgraph as cg
from claimgraph.formats import tables
from claimgraph.models import Id

pytestmark = pytest.mark.fuzz

_NASTY = [
    "",
    " ",
    "'",
    "''",
    "'=",
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t",
    "\r",
    "\n",
    "\r\n",
    '"',
    '""',
    ",",
    ";",
    "|",
    "\\",
    "\\;",
    "\u2028",
    "\u2029",
    "\x85",
    "\x7f",
    "\x9b",
    "\xa0",
    "\ufeff",
    "\t",
    "\r\n",
]
_chars = TEXT_CHARS  # what the models accept (no lone surrogates, no C0 controls but \t\n\r)
_text = st.one_of(
    st.text(_chars, max_size=12),
    st.lists(st.one_of(st.sampled_from(_NASTY), st.text(_chars, max_size=3)), max_size=5).map(
        "".join
    ),
)
_ID = TypeAdapter(Id)


def _valid_id(text: str) -> bool:
    try:
        _ID.validate_python(text)
    except ValidationError:
        return False
    return True


_ids = _text.filter(_valid_id)
_dates = st.sampled_from([None, "2025", "2025-10", "2025-10-19", "2025-10-19T08:30:05+03:00"])


@st.composite
def _graphs(draw: st.DrawFn) -> cg.ClaimGraph:
    """A graph a statement table can hold: sides, no aliases, notes only on statements."""
    n_actors, n_props, n_sources, n_statements = (
        draw(st.integers(1, 3)),
        draw(st.integers(1, 3)),
        draw(st.integers(0, 2)),
        draw(st.integers(1, 4)),
    )
    n = n_actors + n_props + n_sources + n_statements
    ids = iter(draw(st.lists(_ids, min_size=n, max_size=n, unique=True)))
    actor_ids = [next(ids) for _ in range(n_actors)]
    actors = [
        cg.Actor(
            id=a,
            name=draw(_text.filter(bool)),
            kind=draw(st.sampled_from(["person", "government", "other"])),
        )
        for a in actor_ids
    ]
    # actors are matched by id, then by name: keep every actor's keys apart
    keys = [{tables.match_key(a.id), tables.match_key(a.name)} for a in actors]
    assume(all(not (k & other) for i, k in enumerate(keys) for other in keys[i + 1 :]))
    props = [cg.Proposition(id=next(ids), text=draw(_text.filter(bool))) for _ in range(n_props)]
    sources = [
        cg.Source(
            id=next(ids),
            url=draw(st.none() | _text),
            title=draw(st.none() | _text),
            publisher=draw(st.none() | _text),
            published=draw(_dates),
            kind=draw(st.sampled_from(["article", "wire", "transcript"])),
        )
        for _ in range(n_sources)
    ]
    g = cg.ClaimGraph([*actors, *props, *sources])
    said: list[str] = []
    for _ in range(n_statements):
        sid = next(ids)
        reporters = (
            draw(st.lists(st.sampled_from(sources), max_size=2, unique=True)) if sources else []
        )
        g.add_statement(
            id=sid,
            actor=draw(st.sampled_from(actor_ids)),
            proposition=draw(st.sampled_from(props)).id,
            stance=draw(st.sampled_from(["asserts", "denies", "reports"])),
            said=draw(_dates),
            note=draw(st.none() | _text),
            reports=[{"source": s.id, "quote": draw(st.none() | _text)} for s in reporters],
            responds_to=draw(st.lists(st.sampled_from(said), unique=True)) if said else [],
        )
        said.append(sid)
    # a table holds actors, propositions and sources only where a statement uses them
    used = {r.source for s in g.statements() for r in s.reports}
    used |= {s.actor for s in g.statements()} | {s.proposition for s in g.statements()}
    for record in [*actors, *props, *sources]:
        if record.id not in used:
            g.remove(record.id)
    return g


@FUZZ
@given(_graphs())
def test_any_graph_a_table_holds_round_trips_through_csv(g: cg.ClaimGraph) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "round.csv"
        tables.write_csv(g, path)
        back = tables.read_csv(path)
    assert back == g


def _export() -> bytes:
    g = cg.ClaimGraph(
        [cg.Actor(id="a", name="=A"), cg.Proposition(id="p", text='P, "q"'), cg.Source(id="s")]
    )
    g.add_statement(actor="a", proposition="p", id="x;y", reports=[{"source": "s", "quote": " "}])
    g.add_statement(actor="a", proposition="p", id="z", said="2025", responds_to=["x;y"])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seed.csv"
        tables.write_csv(g, path)
        return path.read_bytes()


_SEED = _export()


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(_SEED)
    for _ in range(draw(st.integers(1, 8))):
        pos = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "insert", "delete"]))
        byte = draw(st.sampled_from(b"\x00\r\n\",;|'=\\\xff\xc3\xe2") | st.integers(0, 255))
        if op == "insert" or pos == len(data):
            data[pos:pos] = bytes([byte])
        elif op == "flip":
            data[pos] = byte
        else:
            del data[pos]
    return bytes(data)


@FUZZ
@given(st.one_of(st.binary(max_size=300), _mutated()))
def test_the_csv_reader_fails_only_with_claimgraph_errors(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.csv"
        path.write_bytes(data)
        with contextlib.suppress(cg.ClaimGraphError):  # anything else fails the test
            tables.read_csv(path)
