"""Properties checked on generated data (hypothesis): file round trips, the shape of every
contradiction, idempotent merges, order independence and what agreements may contain."""

from __future__ import annotations

import datetime
import random
import tempfile
from pathlib import Path
from typing import Any

import pytest
from fuzzing import TEXT_CHARS
from hypothesis import example, given, settings
from hypothesis import strategies as st

import claimgraph as cg

# When a property fails, hypothesis imports libcst to suggest an @example patch, and libcst
# triggers a DeprecationWarning in mypy_extensions; with warnings as errors that would turn
# the real failure into a pytest INTERNALERROR.
pytestmark = pytest.mark.filterwarnings(
    "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning"
)

# Few, cheap examples: the suite must stay fast. No deadline: timing is not what is tested.
FAST = settings(max_examples=40, deadline=None)
SLOW = settings(max_examples=25, deadline=None)

ODD_TEXTS = [
    "</script><script>alert(1)</script>",
    "He said \"no\" and 'never'",
    "line one\nline two\n",
    "  padded  ",
    "null",
    "yes",
    "2025-10-19",
    "- not a list",
    "key: value # not a comment",
    "{not: a mapping}",
    "&anchor *alias !tag",
    "Türkiye — “false and misleading” 🙂",
    "tab\there\r\nand a carriage return",
    "\u2028\u2029\x85 odd line breaks",
    "\ufeffbyte order mark",
    "\x7f\x9b DEL and C1 controls",  # C0 controls are refused (test_text_fields)
]

# any text the models accept: no C0 controls but tab, newline and CR, no U+FFFE/U+FFFF (see
# test_text_fields); U+0085 (NEL) included, which the YAML writer keeps (see test_io)
chars = TEXT_CHARS
texts = st.one_of(st.sampled_from(ODD_TEXTS), st.text(chars, min_size=1, max_size=20))
maybe_texts = st.none() | st.text(chars, max_size=12) | st.sampled_from(ODD_TEXTS)
# ids: no whitespace, but anything else a user might type as a key, including YAML words
ids = st.one_of(
    st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True),
    st.sampled_from(["null", "yes", "no", "true", "1", "2025", "~", "-", "<<", "a:b", "#x"]),
    st.text(
        alphabet=st.characters(categories=["L", "N", "P", "S"]),
        min_size=1,
        max_size=6,
    ),
)
dates = st.one_of(
    st.none(),
    st.integers(2020, 2026).map(str),
    st.builds("{}-{:02d}".format, st.integers(2020, 2026), st.integers(1, 12)),
    st.dates(datetime.date(2020, 1, 1), datetime.date(2030, 12, 31)).map(datetime.date.isoformat),
    st.sampled_from(["2025-10-19T08:00Z", "2025-10-19T08:00:00+05:00"]),
)
kinds = st.none() | st.sampled_from([k.value for k in cg.StatementKind])


def _subset(draw: st.DrawFn, pool: list[str], most: int = 2) -> list[str]:
    if not pool:
        return []
    return draw(st.lists(st.sampled_from(pool), max_size=most, unique=True))


@st.composite
def graphs(draw: st.DrawFn, *, text: st.SearchStrategy[str] = texts) -> cg.ClaimGraph:
    """A small valid graph: sides with member chains, sources, related propositions and
    statements with reports, quotes, responses and partial dates."""
    records: list[cg.Record] = []
    actor_ids: list[str] = []
    for i in range(draw(st.integers(1, 3))):
        actor_ids.append(f"side{i}")
        records.append(cg.Actor(id=f"side{i}", name=draw(text)))
    for i in range(draw(st.integers(0, 3))):
        parent = draw(st.sampled_from(actor_ids))  # an earlier actor: never a cycle
        # ids share one namespace across record types: keep clear of the p*/src*/s* ids below
        aid = draw(
            ids.filter(lambda x: x not in actor_ids and not x.startswith(("side", "p", "s")))
        )
        actor_ids.append(aid)
        kind = draw(st.sampled_from([k.value for k in cg.ActorKind]))
        aliases = tuple(draw(st.lists(text, max_size=2)))
        records.append(
            cg.Actor(
                id=aid,
                name=draw(text),
                kind=kind,
                member_of=[parent],
                aliases=aliases,
                note=f"#{i}",
            )
        )
    source_ids: list[str] = []
    for i in range(draw(st.integers(0, 2))):
        sid = f"src{i}"
        records.append(
            cg.Source(
                id=sid,
                title=draw(maybe_texts),
                publisher=draw(maybe_texts),
                url=draw(st.none() | st.just(f"https://example.org/{i}?q=<x>&y='z'")),
                published=draw(dates),
                derived_from=_subset(draw, source_ids, 1),
            )
        )
        source_ids.append(sid)
    prop_ids = [f"p{i}" for i in range(draw(st.integers(1, 4)))]
    for pid in prop_ids:
        others = [p for p in prop_ids if p != pid]
        records.append(
            cg.Proposition(
                id=pid,
                text=draw(text),
                contradicts=_subset(draw, others, 1),
                implies=_subset(draw, others, 1),
                note=draw(st.none() | text),
            )
        )
    statement_ids: list[str] = []
    for i in range(draw(st.integers(0, 10))):
        fields: dict[str, Any] = {
            "actor": draw(st.sampled_from(actor_ids)),
            "proposition": draw(st.sampled_from(prop_ids)),
            "stance": draw(st.sampled_from(["asserts", "denies", "reports"])),
            "said": draw(dates),
            "reports": [
                {"source": s, "quote": draw(st.none() | text)} for s in _subset(draw, source_ids, 2)
            ],
            "responds_to": _subset(draw, statement_ids, 1),
        }
        kind = draw(kinds)
        if kind is not None:
            fields["kind"] = kind
        if draw(st.booleans()):
            fields["id"] = f"s{i}"
        if draw(st.booleans()):
            fields["note"] = draw(text)
        st_rec = cg.Statement(**fields)
        if st_rec.id in statement_ids:  # the same content drawn twice
            continue
        statement_ids.append(st_rec.id)
        records.append(st_rec)
    return cg.ClaimGraph(records, title=draw(st.none() | text))


def _round_trip(g: cg.ClaimGraph, suffix: str) -> cg.ClaimGraph:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"graph{suffix}"
        g.save(path)
        return cg.load(path)


def _signature(c: cg.Contradiction) -> tuple[object, ...]:
    return (
        c.kind,
        c.basis,
        frozenset(c.propositions),
        c.sides,
        frozenset(frozenset(s.id for s in grp.statements) for grp in c.groups),
    )


# ============================================================================ round trips
@FAST
@given(name=texts, text=texts, quote=texts, note=texts, title=texts, said=dates)
@example(name="</script>", text='"quoted"\n', quote="\n", note="yes", title="null", said="2025")
def test_records_round_trip_arbitrary_text(
    name: str, text: str, quote: str, note: str, title: str, said: str | None
) -> None:
    g = cg.ClaimGraph(
        [
            cg.Actor(id="a", name=name, aliases=[text]),
            cg.Source(id="s", title=title, publisher=name),
            cg.Proposition(id="p", text=text, note=note),
            cg.Statement(
                actor="a",
                proposition="p",
                said=said,
                note=note,
                reports=[{"source": "s", "quote": quote}],
            ),
        ],
        title=title,
    )
    for suffix in (".json", ".yaml"):
        back = _round_trip(g, suffix)
        assert back == g, suffix
        assert back.title == title
        [s] = back.statement_records.values()
        assert s.quotes == [quote] and s.note == note


@SLOW
@given(g=graphs())
def test_graph_round_trips_through_files(g: cg.ClaimGraph) -> None:
    for suffix in (".json", ".yaml"):
        back = _round_trip(g, suffix)
        assert back == g, suffix
        assert back.title == g.title
        assert set(back.nx.edges(keys=True)) == set(g.nx.edges(keys=True))
    for fmt in ("json", "yaml"):
        assert cg.loads(cg.dumps(g, format=fmt), format=fmt) == g  # type: ignore[arg-type]


# ============================================================================ contradictions
@SLOW
@given(g=graphs(text=st.just("x")))
def test_every_contradiction_has_both_positions(g: cg.ClaimGraph) -> None:
    for c in g.contradictions():
        a, b = c.groups
        assert a.statements and b.statements
        for grp in c.groups:
            assert {s.stance for s in grp.statements} == {grp.stance}
            assert {s.proposition for s in grp.statements} == {grp.proposition}
            assert grp.sides == tuple(sorted({g.side(s.actor) for s in grp.statements}))
            assert grp.actors == tuple(sorted({s.actor for s in grp.statements}))
            assert grp.sides  # statements from at least one side per group
        if c.kind == "dispute":  # an inconsistency puts the earlier position first
            assert a.stance == "asserts"
        if c.basis == "opposite_stances":
            assert {a.stance, b.stance} == {"asserts", "denies"}
            assert a.proposition == b.proposition == c.proposition
        elif c.basis == "exclusive":
            assert (a.stance, b.stance) == ("asserts", "asserts")
            assert a.proposition != b.proposition
            assert b.proposition in g.exclusive_with(a.proposition)
        else:
            assert c.basis == "implication"
            assert {a.stance, b.stance} == {"asserts", "denies"}
            yes = a if a.stance == "asserts" else b
            no = b if yes is a else a
            assert no.proposition in g.implied(yes.proposition)
        assert set(c.propositions) == {a.proposition, b.proposition}
        if c.kind == "dispute":
            assert len(set(a.sides) | set(b.sides)) > 1
            assert c.sides == tuple(sorted(set(a.sides) | set(b.sides)))
        else:
            assert a.sides == b.sides == c.sides and len(c.sides) == 1
            undated = "9999-99-99"
            assert (a.first_said or undated) <= (b.first_said or undated)  # earlier first
        assert c.explanation.endswith(".")
        # one object per clash, not one per pair of statements
        assert len(c.statements) == len(a.statements) + len(b.statements)


@SLOW
@given(g=graphs(text=st.just("x")))
def test_opposite_stances_are_always_found(g: cg.ClaimGraph) -> None:
    found = {c.proposition for c in g.contradictions() if c.basis == "opposite_stances"}
    clashing = {
        p
        for p in g.propositions
        if {s.stance for s in g.statements_about(p)} >= {"asserts", "denies"}
    }
    assert found == clashing


@SLOW
@given(g=graphs(text=st.just("x")), seed=st.integers(0, 2**16))
def test_contradictions_do_not_depend_on_insertion_order(g: cg.ClaimGraph, seed: int) -> None:
    records = list(g)
    random.Random(seed).shuffle(records)  # noqa: S311 - a shuffle, not cryptography
    h = cg.ClaimGraph(records)
    assert h == g
    assert {_signature(c) for c in h.contradictions()} == {
        _signature(c) for c in g.contradictions()
    }
    assert [a.proposition for a in h.agreements()] == [a.proposition for a in g.agreements()]
    assert h.positions().table == g.positions().table


@SLOW
@given(g=graphs(text=st.just("x")))
def test_exclusive_is_symmetric(g: cg.ClaimGraph) -> None:
    """Declaring ``p contradicts q`` on q instead of on p finds the same clashes."""
    flipped: dict[str, list[str]] = {p: [] for p in g.propositions}
    for p, rec in g.propositions.items():
        for q in rec.contradicts:
            flipped[q].append(p)
    records: list[cg.Record] = [
        r.model_copy(update={"contradicts": tuple(dict.fromkeys(flipped[r.id]))})
        if isinstance(r, cg.Proposition)
        else r
        for r in g
    ]
    h = cg.ClaimGraph(records)

    def exclusive(graph: cg.ClaimGraph) -> set[tuple[object, ...]]:
        return {_signature(c) for c in graph.contradictions() if c.basis == "exclusive"}

    assert exclusive(h) == exclusive(g)


# ============================================================================ merging
@SLOW
@given(g=graphs(text=st.just("x")))
def test_merging_into_itself_or_a_copy_changes_nothing(g: cg.ClaimGraph) -> None:
    before = (list(g), set(g.nx.edges(keys=True)))
    result = g.merge(g)
    assert not result.changed and result.unchanged == len(g)
    assert (list(g), set(g.nx.edges(keys=True))) == before
    copy = g.copy()
    assert not copy.merge(g).changed
    assert not g.merge(copy).changed
    assert copy == g
    assert (list(g), set(g.nx.edges(keys=True))) == before


@SLOW
@given(g=graphs(text=st.just("x")), seed=st.integers(0, 2**16))
def test_merging_halves_gives_the_whole(g: cg.ClaimGraph, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - a split, not cryptography
    others = [r for r in g if not isinstance(r, cg.Statement)]
    rng.shuffle(others)
    statements = list(g.statement_records.values())  # responses come after what they answer
    cut = rng.randint(0, len(statements))
    first = cg.ClaimGraph(others + statements[:cut])
    second = cg.ClaimGraph(others + statements[cut:cut] + statements[:cut] + statements[cut:])
    result = first.merge(second)
    assert sorted(result.added) == sorted(s.id for s in statements[cut:])
    assert first == g


# ============================================================================ agreements
@SLOW
@given(g=graphs(text=st.just("x")))
def test_agreements_never_include_a_denied_proposition(g: cg.ClaimGraph) -> None:
    for a in g.agreements():
        about = [s for s in g.statements_about(a.proposition) if s.stance != "reports"]
        assert all(s.stance == "asserts" for s in about)  # neutral reports aside
        assert set(a.statements) == set(about)
        assert len(a.sides) >= 2
        assert a.sides == tuple(sorted({g.side(s.actor) for s in about}))
        for q in g.exclusive_with(a.proposition):
            assert not g.statements(proposition=q, stance="asserts")
    disputed = {p for c in g.contradictions() if c.basis != "implication" for p in c.propositions}
    assert not disputed & {a.proposition for a in g.agreements()}


# ============================================================================ filters
@SLOW
@given(
    g=graphs(text=st.just("x")),
    since=dates,
    until=dates,
    stance=st.none() | st.sampled_from(["asserts", "denies", "reports"]),
)
def test_statement_filters_match_a_plain_scan(
    g: cg.ClaimGraph, since: str | None, until: str | None, stance: Any
) -> None:
    everything = list(g.statement_records.values())
    for side in [None, *g.sides()]:
        found = g.statements(side=side, since=since, until=until, stance=stance)
        expected = [
            s
            for s in everything
            if cg.overlaps(s.said, since, until)
            and (side is None or g.side(s.actor) == side)
            and (stance is None or s.stance == stance)
        ]
        assert sorted(s.id for s in found) == sorted(s.id for s in expected)
        line = g.timeline(side=side, since=since, until=until, stance=stance)
        assert sorted(s.id for s in line) == sorted(s.id for s in expected)
        keys = [s.said or "9999-99-99" for s in line]
        assert keys == sorted(keys)


@SLOW
@given(g=graphs())
def test_positions_match_the_statements(g: cg.ClaimGraph) -> None:
    """The index-based table equals one computed statement by statement, with and without
    a date range (which takes the statement path), and after an actor changes side."""

    def naive(since: str | None = None) -> dict[str, dict[str, str]]:
        table: dict[str, dict[str, str]] = {}
        for s in g.statements(since=since):
            row = table.setdefault(g.side(s.actor), {})
            prev = row.get(s.proposition)
            if s.stance == "reports":  # a neutral report: shown only where nothing else is
                row.setdefault(s.proposition, "reports")
            elif prev in (None, "reports", s.stance):
                row[s.proposition] = s.stance
            else:
                row[s.proposition] = "both"
        return table

    assert g.positions().table == naive()
    assert g.positions(since="2000").table == naive("2000")
    movable = [a for a in g.actors.values() if a.member_of]
    if movable and len(g.sides()) > 1:
        other = next(sd for sd in g.sides() if sd != g.side(movable[0].id))
        g.update(movable[0].id, member_of=[other])
        assert g.positions().table == naive()
