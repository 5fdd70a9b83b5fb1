"""Corpora for the differential tests: fixed ones, and a hypothesis strategy for random ones.

:func:`corpora` draws small, valid corpora that reach every corner the queries have: several
sides with membership chains (and actors belonging to two parents), sources derived from
others, propositions declaring ``contradicts`` and ``implies`` (cycles included) and dated
(a partial date or a range) and placed events, statements
of every stance and kind, dated at every precision (and undated), reported with and without
quotes, answering earlier statements. :func:`filters` draws statement filters over one corpus.

The fixed corpora are the worked example, :func:`edge_records` (every kind of clash and the
corner cases of dates and relations, written by hand) and seeded corpora of
``benchmarks/generate.py``.
"""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from fuzzing import TEXT_CHARS
from hypothesis import strategies as st

import claimgraph as cg
from claimgraph.dates import date_bounds

ROOT = Path(__file__).resolve().parents[1]

STANCES = ("asserts", "denies", "reports")
STATEMENT_KINDS = tuple(k.value for k in cg.StatementKind)
SOURCE_KINDS = tuple(k.value for k in cg.SourceKind)
ACTOR_KINDS = tuple(k.value for k in cg.ActorKind)

DATES = st.sampled_from(
    [
        # year, month and day precision, on and around the edges of months and years
        "2024",
        "2025",
        "2024-12",
        "2025-01",
        "2025-02",
        "2024-12-31",
        "2025-01-01",
        "2025-01-15",
        "2025-01-31",
        "2025-02-28",
        "2025-03-01",
        # with a time, in UTC and with an offset
        "2025-01-15T10:00Z",
        "2025-01-31T23:30-05:00",
        "2025-02-01T00:15+02:00",
    ]
)
"""Partial dates of every precision, close enough together to overlap in many ways."""

SAID = st.one_of(st.none(), DATES)
"""When a statement was said: a partial date, or not known."""

TEXT = st.text(TEXT_CHARS, max_size=12)
"""A short piece of any text a text field accepts (possibly empty)."""


def _load_generator() -> ModuleType:
    name = "_corpora_generate"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


generate: Callable[..., list[cg.Record]] = _load_generator().generate
"""``generate(n, seed=...)``: the seeded benchmark corpus of ``n`` statements."""


# ----------------------------------------------------------------------------- fixed corpora
def edge_records() -> list[cg.Record]:
    """A small corpus with every kind of clash and the corner cases of dates and relations."""
    A, P, S, St = cg.Actor, cg.Proposition, cg.Source, cg.Statement
    return [
        A(id="north", name="North", kind="state"),
        A(id="south", name="South", kind="state"),
        A(id="west", name="West", kind="state"),
        A(id="north-gov", name="Government of North", member_of=["north"]),
        A(id="north-fm", name="North's foreign minister", member_of=["north-gov", "west"]),
        A(id="south-gov", name="Government of South", member_of=["south"]),
        A(id="officials", name="Officials", kind="group", member_of=["south-gov"]),
        S(id="wire", url="https://wire.example/1", publisher="Wire", published="2025-10-01"),
        S(id="reprint", url="https://paper.example/1", derived_from=["wire"]),
        S(id="rewrite", title="A rewrite", derived_from=["reprint"]),
        S(id="post", kind="post", published="2025"),
        # opposite stances, with a reversal of the north
        P(id="p-shelter", text="Militants are sheltered across the border."),
        # exclusive, declared both ways
        P(id="p-a", text="The convoy was attacked.", contradicts=["p-b"]),
        P(id="p-b", text="The convoy arrived safely.", contradicts=["p-a"]),
        # exclusive, declared once, both asserted by one side
        P(id="p-c", text="The talks collapsed."),
        P(id="p-d", text="The talks continue.", contradicts=["p-c"]),
        # implication chain p-e → p-f → p-g, with a cycle back to p-e
        P(id="p-g", text="Troops are near the border.", implies=["p-e"]),
        P(id="p-f", text="Troops moved.", implies=["p-g"]),
        P(id="p-e", text="Troops crossed the border.", implies=["p-f"]),
        # common ground
        P(id="p-ceasefire", text="The ceasefire is extended."),
        P(id="p-monitor", text="A monitoring mechanism is set up."),
        P(id="p-lonely", text="Only one side says this."),
        St(
            id="s1",
            actor="north-fm",
            proposition="p-shelter",
            said="2025-10",
            reports=[
                {"source": "wire", "quote": "They are sheltered"},
                {"source": "reprint", "quote": "They are sheltered"},
            ],
        ),
        St(
            id="s2",
            actor="officials",
            proposition="p-shelter",
            stance="denies",
            said="2025-10-19T08:00Z",
            reports=[{"source": "rewrite"}],
            responds_to=["s1"],
        ),
        St(
            id="s3",
            actor="north",
            proposition="p-shelter",
            stance="denies",
            said="2025-11-02",
            reports=[{"source": "post"}],
        ),
        St(id="s4", actor="south", proposition="p-shelter", said="2025"),
        St(id="s5", actor="north-gov", proposition="p-a", said="2025-09-30"),
        St(id="s6", actor="south-gov", proposition="p-b", said="2025-10-02", kind="report"),
        St(id="s7", actor="south", proposition="p-c", said="2025-10-05"),
        St(id="s8", actor="officials", proposition="p-d", said="2025-11"),
        St(id="s9", actor="north", proposition="p-e", kind="accusation", said="2025-10-10"),
        St(id="s10", actor="south", proposition="p-g", stance="denies", said="2025-10-11"),
        St(id="s11", actor="north-gov", proposition="p-f", stance="denies", kind="rejection"),
        St(id="s12", actor="north", proposition="p-ceasefire", kind="agreement", said="2025-10-20"),
        St(id="s13", actor="south", proposition="p-ceasefire", kind="agreement", said="2025-10-20"),
        St(id="s14", actor="west", proposition="p-ceasefire", said="2025-10-21"),
        St(id="s15", actor="north", proposition="p-monitor", said="2025-10-20", kind="proposal"),
        St(id="s16", actor="officials", proposition="p-monitor", said="2025-10"),
        St(id="s17", actor="south", proposition="p-lonely", kind="demand"),
        # through implication: the ambush implies the attack, which excludes a safe arrival
        # (asserted by the south's government): a dispute with the west, and the south
        # against itself
        P(id="p-ambush", text="The convoy was ambushed.", implies=["p-a"]),
        St(id="s18", actor="west", proposition="p-ambush", said="2025-10-03"),
        St(id="s19", actor="south", proposition="p-ambush", said="2025-11"),
        # fact-checks: one of a proposition, one of a statement (by a reviewer of a side)
        A(id="desk", name="Fact Desk", kind="outlet", member_of=["west"]),
        cg.Review(
            id="rv-shelter",
            proposition="p-shelter",
            reviewer="desk",
            rating_value=2,
            best_rating=5,
            worst_rating=1,
            textual_rating="Mostly false",
            date="2025-10",
        ),
        cg.Review(
            id="rv-s5",
            proposition="p-a",
            reviewer="desk",
            statement="s5",
            textual_rating="Unproven",
            url="https://desk.example/p-a",
        ),
    ]


def istanbul() -> list[cg.Record]:
    """The worked example's records."""
    return list(cg.load(cg.example_path()))


FIXED: dict[str, Callable[[], list[cg.Record]]] = {
    "istanbul": istanbul,
    "edge": edge_records,
    "generated-0": lambda: generate(3000, seed=0),
    "generated-7": lambda: generate(1500, seed=7),
}
"""The fixed corpora, by name."""


# ----------------------------------------------------------------------------- comparing
def signature(c: cg.Contradiction) -> tuple[Any, ...]:
    """Everything a contradiction says, but its explanation (compared on its own)."""
    return (
        c.kind,
        c.basis,
        c.propositions,
        c.texts,
        c.sides,
        c.size,
        c.proposition,
        c.actors,
        c.dates,
        tuple(s.id for s in c.statements),
        tuple(
            (
                g.stance,
                g.proposition,
                g.sides,
                g.actors,
                g.first_said,
                tuple(s.id for s in g.statements),
            )
            for g in c.groups
        ),
        repr(c),
    )


def same_contradictions(
    got: list[cg.Contradiction],
    want: list[cg.Contradiction],
    kw: Any = None,
    *,
    explained: bool = True,
) -> None:
    """The same contradictions in the same order, the very statements (quotes and all) in
    their groups, and (if ``explained``) the same explanations. ``kw`` is shown on failure."""
    assert [signature(c) for c in got] == [signature(c) for c in want], kw
    assert got == want, kw
    if explained:
        assert [c.explanation for c in got] == [c.explanation for c in want], kw


# ----------------------------------------------------------------------------- random corpora
@st.composite
def corpora(draw: st.DrawFn, max_statements: int = 16) -> list[cg.Record]:
    """A valid corpus, in dependency order (what a record names comes before it, but for
    the ``implies`` and ``contradicts`` of propositions, which may point forward and loop).

    Sides are ``side0`` …; members have ids ``m0`` …, each in an earlier actor (so chains
    form), some in two (the first one decides the side).
    """
    records: list[cg.Record] = []
    n_sides = draw(st.integers(1, 4))
    actors = [f"side{i}" for i in range(n_sides)]
    for a in actors:
        kind = draw(st.sampled_from(ACTOR_KINDS))
        records.append(cg.Actor(id=a, name=f"Side {a[4:]} {draw(TEXT)}", kind=kind))
    for i in range(draw(st.integers(0, 5))):
        parents = draw(st.lists(st.sampled_from(actors), min_size=1, max_size=2, unique=True))
        kind = draw(st.sampled_from(ACTOR_KINDS))
        records.append(
            cg.Actor(id=f"m{i}", name=f"Member {i} {draw(TEXT)}", kind=kind, member_of=parents)
        )
        actors.append(f"m{i}")

    sources: list[str] = []
    for i in range(draw(st.integers(0, 4))):
        derived = (
            draw(st.lists(st.sampled_from(sources), max_size=2, unique=True)) if sources else []
        )
        records.append(
            cg.Source(
                id=f"src{i}",
                title=draw(st.none() | TEXT),
                publisher=draw(st.none() | st.sampled_from(["Wire", "Arab News", "Dawn"])),
                published=draw(st.none() | DATES),
                kind=draw(st.sampled_from(SOURCE_KINDS)),
                derived_from=derived,
            )
        )
        sources.append(f"src{i}")

    n_props = draw(st.integers(1, 6))
    props = [f"q{i}" for i in range(n_props)]
    others = st.sampled_from(props)
    for p in props:
        happened = draw(SAID)
        until = draw(SAID) if happened is not None else None
        if until is not None and cg.date_bounds(until)[1] < cg.date_bounds(str(happened))[0]:
            happened, until = until, happened  # a range runs forwards
        records.append(
            cg.Proposition(
                id=p,
                text=f"Claim {p}: {draw(TEXT)}.",
                contradicts=draw(st.lists(others.filter(lambda q, p=p: q != p), max_size=2)),
                implies=draw(st.lists(others, max_size=2)),
                happened=happened,
                happened_until=until,
                place=draw(st.none() | st.sampled_from(["Kurram", "Kabul", "Chaman"])),
            )
        )

    said: list[str] = []
    for j in range(draw(st.integers(0, max_statements))):
        when = draw(SAID)
        reports = (
            [
                {
                    "source": src,
                    "quote": draw(st.none() | TEXT),
                    "said_as": draw(st.none() | st.sampled_from(["yesterday", "on Saturday"])),
                }
                for src in draw(st.lists(st.sampled_from(sources), max_size=2, unique=True))
            ]
            if sources
            else []
        )
        records.append(
            cg.Statement(
                id=f"s{j}",
                actor=draw(st.sampled_from(actors)),
                proposition=draw(others),
                stance=draw(st.sampled_from(STANCES)),
                kind=draw(st.sampled_from(STATEMENT_KINDS)),
                said=when,
                hedge=draw(st.none() | st.sampled_from(["allegedly", "suggested"])),
                withdrawn=draw(withdrawals(when, said, actors, sources)),
                reports=reports,
                responds_to=draw(st.lists(st.sampled_from(said), max_size=2, unique=True))
                if said
                else [],
            )
        )
        said.append(f"s{j}")
    for k in range(draw(st.integers(0, 2))):
        records.append(
            cg.Review(
                id=f"rv{k}",
                proposition=draw(others),
                reviewer=draw(st.sampled_from(actors)),
                statement=draw(st.none() | st.sampled_from(said)) if said else None,
                textual_rating=draw(st.none() | st.sampled_from(["False", "Misleading"])),
                rating_value=draw(st.none() | st.floats(1, 5, allow_nan=False)),
                date=draw(st.none() | DATES),
            )
        )
    return records


@st.composite
def withdrawals(
    draw: st.DrawFn, said: str | None, statements: list[str], actors: list[str], sources: list[str]
) -> cg.Withdrawal | None:
    """Mostly none; else a retraction or a correction (of an earlier statement), dated on or
    after ``said`` (or of unknown date), by the actor, another actor or a source."""
    if draw(st.integers(0, 3)) != 0:
        return None
    later = [
        d
        for d in ("2024", "2025-01", "2025-10-19", "2025-10-31", "2025-11", "2026")
        if said is None or date_bounds(d)[1] >= date_bounds(said)[0]
    ]
    return cg.Withdrawal(
        date=draw(st.none() | st.sampled_from(later)),
        by=draw(st.none() | st.sampled_from(actors)),
        source=draw(st.none() | st.sampled_from(sources)) if sources else None,
        correction=draw(st.none() | st.sampled_from(statements)) if statements else None,
    )


def _some(draw: st.DrawFn, ids: list[str]) -> str | list[str]:
    """One id, or a list of one or more."""
    if draw(st.booleans()):
        return draw(st.sampled_from(ids))
    return draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))


@st.composite
def filters(draw: st.DrawFn, graph: cg.ClaimGraph) -> dict[str, Any]:
    """Keyword filters of ``statements``/``timeline``/``Store.load``, every one optional,
    naming only ids the graph holds (so that no filter raises)."""
    out: dict[str, Any] = {}
    for name, ids in (
        ("actor", sorted(graph.actors)),
        ("side", graph.roots()),
        ("proposition", sorted(graph.propositions)),
        ("source", sorted(graph.sources)),
        ("kind", list(STATEMENT_KINDS)),
    ):
        if ids and draw(st.integers(0, 3)) == 0:
            out[name] = _some(draw, ids)
    if draw(st.integers(0, 2)) == 0:
        out["stance"] = draw(st.sampled_from(STANCES))
    if draw(st.integers(0, 3)) == 0:
        out["certainty"] = draw(st.sampled_from(["certain", "hedged"]))
    for name in ("since", "until"):
        if draw(st.integers(0, 2)) == 0:
            out[name] = draw(DATES)
    out.update(draw(windows()))
    return out


@st.composite
def windows(draw: st.DrawFn) -> dict[str, Any]:
    """The withdrawal keywords of a query, each optional: ``as_of`` and ``withdrawn``."""
    out: dict[str, Any] = {}
    if draw(st.integers(0, 2)) == 0:
        out["as_of"] = draw(DATES)
    if draw(st.integers(0, 2)) == 0:
        out["withdrawn"] = draw(st.sampled_from([True, False, "only"]))
    return out


# ----------------------------------------------------------------------------- store files
def as_store_version_1(path: Path) -> None:
    """Make a store file look as format version 1 wrote it: no review table, no certainty
    column, no withdrawals (version 2 and 3 made the count triggers again)."""
    as_store_version_2(path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE review")
    conn.execute("ALTER TABLE statement DROP COLUMN certainty")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'version'")
    conn.commit()
    conn.close()


def as_store_version_2(path: Path) -> None:
    """Make a store file (of statements none of which is withdrawn) look as format
    version 2 wrote it: no ``withdrawn_lo`` column, and the count triggers of then."""
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX IF EXISTS statement_withdrawn")
    for name in ("insert", "delete", "update"):
        conn.execute(f"DROP TRIGGER IF EXISTS statement_counted_{name}")
    conn.execute("ALTER TABLE statement DROP COLUMN withdrawn_lo")
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'version'")
    conn.commit()
    conn.close()
