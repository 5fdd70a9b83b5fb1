"""Event time and place (issue 12, item 7): a proposition's ``happened``/``happened_until``/
``place``, relative dates resolved against the reporting source's publication date, the
timeline by event time, and the timeline figure for an actor, a side or a dispute (item 8)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimgraph as cg
from claimgraph.dates import covering_date, resolve_date
from claimgraph.formats import graphs, tables
from claimgraph.store import Store

YAML = """\
claimgraph: 2
actors:
  pakistan: {name: Pakistan, kind: state}
  pk-dm: {name: Pakistan's defense minister, member_of: pakistan}
  afghanistan: {name: Afghanistan, kind: state}
propositions:
  attack:
    text: Militants attacked a border post.
    happened: on Saturday
    place: Kurram
  talks: {text: Talks resumed in Istanbul., happened: last week}
  ceasefire: {text: A ceasefire held., happened: 2025-10-19, happened_until: 2025-11}
  sheltered: Militants are sheltered on Afghan soil.
sources:
  arabnews:
    publisher: Arab News
    published: 2025-10-20
    statements:
      - {id: pk-attack, actor: pakistan, asserts: attack, said: yesterday}
      - {id: af-attack, actor: afghanistan, denies: attack, said: on Oct. 19}
      - {id: dm-talks, actor: pk-dm, asserts: talks, said: two days ago}
      - {id: dm-week, actor: pk-dm, asserts: sheltered, said: last week}
  dawn:
    publisher: Dawn
    published: 2025-11-06
statements:
  - id: af-ceasefire
    actor: afghanistan
    asserts: ceasefire
    said: last month
    reports: [{source: dawn}]
  - id: pk-typed
    actor: pakistan
    asserts: sheltered
    said: 2025-10-02
    said_as: earlier this month
    reports: [{source: dawn}]
"""
"""Published Monday 2025-10-20 (arabnews) and Thursday 2025-11-06 (dawn)."""


@pytest.fixture
def g() -> cg.ClaimGraph:
    return cg.loads(YAML, format="yaml")


# ------------------------------------------------------------------------------ the model
def test_a_proposition_carries_when_and_where_it_happened() -> None:
    p = cg.Proposition(text="Talks.", happened="2025-10", happened_until="2025-11-06")
    assert (p.happened, p.happened_until, p.place) == ("2025-10", "2025-11-06", None)
    assert p.event_span == ("2025-10-01", "2025-11-06")
    assert cg.Proposition(text="Talks.").event_span is None
    # not part of the derived id: the same claim with and without its date is one
    assert p.id == cg.Proposition(text="talks").id


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"happened_until": "2025-10"}, "until_without_start"),
        ({"happened": "2025-11-02", "happened_until": "2025-10"}, "happened_range_reversed"),
        ({"happened": "last month"}, "partial_date"),
    ],
)
def test_bad_event_times_are_refused_with_a_code(fields: dict[str, str], code: str) -> None:
    with pytest.raises(cg.InvalidDataError) as info:
        cg.ClaimGraph().add_proposition(text="Talks.", **fields)
    assert [e.code for e in info.value.errors] == [code]


# ------------------------------------------------------------------------ relative dates
THURSDAY = "2025-11-06"


@pytest.mark.parametrize(
    ("wording", "span"),
    [
        ("today", ("2025-11-06", None)),
        ("Yesterday", ("2025-11-05", None)),
        ("last night", ("2025-11-05", None)),
        ("the day before yesterday", ("2025-11-04", None)),
        ("tomorrow", ("2025-11-07", None)),
        ("two days ago", ("2025-11-04", None)),
        ("3 days ago", ("2025-11-03", None)),
        ("a week ago", ("2025-10-30", None)),
        ("two months ago", ("2025-09", None)),
        ("a year ago", ("2024", None)),
        ("last week", ("2025-10-27", "2025-11-02")),
        ("this week", ("2025-11-03", "2025-11-09")),
        ("next week", ("2025-11-10", "2025-11-16")),
        ("last weekend", ("2025-11-01", "2025-11-02")),
        ("last month", ("2025-10", None)),
        ("earlier this month", ("2025-11", None)),
        ("next month", ("2025-12", None)),
        ("last year", ("2024", None)),
        ("later this year", ("2025", None)),
        ("on Saturday", ("2025-11-01", None)),
        ("Saturday night", ("2025-11-01", None)),
        ("on Thursday", ("2025-11-06", None)),
        ("last Thursday", ("2025-10-30", None)),
        ("this past Monday", ("2025-11-03", None)),
        ("next Monday", ("2025-11-10", None)),
        ("this Friday", ("2025-11-07", None)),
        ("on Oct. 19", ("2025-10-19", None)),
        ("Sept. 3rd", ("2025-09-03", None)),
        ("19 October", ("2025-10-19", None)),
        ("on Dec. 2", ("2025-12-02", None)),
        ("October 19, 2024", ("2024-10-19", None)),
        ("in October", ("2025-10", None)),
        ("late September", ("2025-09", None)),
        ("in December", ("2025-12", None)),
        ("in May", ("2025-05", None)),
        ("2025-10", ("2025-10", None)),
    ],
)
def test_relative_wordings_resolve_against_the_publication_date(
    wording: str, span: tuple[str, str | None]
) -> None:
    assert resolve_date(wording, THURSDAY) == span


def test_a_date_without_a_year_is_the_nearest_one() -> None:
    assert resolve_date("Dec. 28", "2026-01-03") == ("2025-12-28", None)
    assert resolve_date("in December", "2026-01-03") == ("2025-12", None)
    assert resolve_date("Jan. 5", "2025-12-30") == ("2026-01-05", None)


@pytest.mark.parametrize(
    ("wording", "published", "code"),
    [
        ("the other day", THURSDAY, "date_wording"),
        ("earlier last month", THURSDAY, "date_wording"),
        ("yesterday", "2025-11", "relative_date_base"),
        ("last month", "2025", "relative_date_base"),
        ("yesterday", None, "relative_date_unresolved"),
        ("Feb. 30", THURSDAY, "partial_date"),
    ],
)
def test_wording_it_cannot_resolve_has_a_stable_code(
    wording: str, published: str | None, code: str
) -> None:
    with pytest.raises(cg.InvalidDataError) as info:
        resolve_date(wording, published)
    assert [e.code for e in info.value.errors] == [code]


def test_a_range_said_is_kept_as_the_date_covering_it() -> None:
    assert covering_date(("2025-11-03", "2025-11-09")) == "2025-11"
    assert covering_date(("2025-10-27", "2025-11-02")) == "2025"
    assert covering_date(("2025-11-05", None)) == "2025-11-05"


# ------------------------------------------------------------------ the YAML authoring file
def test_yaml_resolves_relative_dates_against_the_source_and_keeps_the_wording(
    g: cg.ClaimGraph,
) -> None:
    said = {s.id: (s.said, s.reports[0].said_as) for s in g.statement_records.values()}
    assert said == {
        "pk-attack": ("2025-10-19", "yesterday"),  # under arabnews, published Monday 10-20
        "af-attack": ("2025-10-19", "on Oct. 19"),
        "dm-talks": ("2025-10-18", "two days ago"),
        "dm-week": ("2025-10", "last week"),  # the week of 10-13: within October
        "af-ceasefire": ("2025-10", "last month"),  # its first report: dawn, 11-06
        "pk-typed": ("2025-10-02", "earlier this month"),  # given: kept as it is
    }
    attack, talks = g.propositions["attack"], g.propositions["talks"]
    # a proposition's event time: against the source of the first statement about it
    assert (attack.happened, attack.happened_until, attack.happened_as, attack.place) == (
        "2025-10-18",
        None,
        "on Saturday",
        "Kurram",
    )
    assert (talks.happened, talks.happened_until, talks.happened_as) == (
        "2025-10-13",
        "2025-10-19",
        "last week",
    )
    assert g.propositions["ceasefire"].happened_as is None


def test_two_sources_wording_one_date_differently_report_one_statement() -> None:
    g = cg.loads(
        """\
claimgraph: 2
actors: {pakistan: Pakistan}
propositions: {attack: Militants attacked a border post.}
sources:
  monday:
    published: 2025-10-20
    statements: [{actor: pakistan, asserts: attack, said: yesterday, quote: a hail of fire}]
  tuesday:
    published: 2025-10-21
    statements: [{actor: pakistan, asserts: attack, said: on Sunday}]
""",
        format="yaml",
    )
    [st] = g.statement_records.values()
    assert st.said == "2025-10-19"
    assert [(r.source, r.quote, r.said_as) for r in st.reports] == [
        ("monday", "a hail of fire", "yesterday"),
        ("tuesday", None, "on Sunday"),
    ]
    assert cg.loads(cg.dumps(g, format="yaml"), format="yaml") == g
    assert cg.loads(cg.dumps(g)) == g


def test_a_wording_needs_a_source_to_belong_to() -> None:
    text = """\
claimgraph: 2
actors: {pakistan: Pakistan}
statements:
  - {actor: pakistan, asserts: Militants attacked a post., said: 2025-10-19, said_as: yesterday}
"""
    with pytest.raises(cg.InvalidDataError) as info:
        cg.loads(text, format="yaml")
    assert [(e.code, e.line) for e in info.value.errors] == [("said_as_without_source", 4)]


def test_a_resolved_file_round_trips_through_yaml_and_json(g: cg.ClaimGraph) -> None:
    for fmt in ("yaml", "json"):
        text = cg.dumps(g, format=fmt)
        back = cg.loads(text, format=fmt)
        assert list(back) == list(g), fmt
    text = cg.dumps(g, format="yaml")
    assert "said_as: yesterday" in text and "happened_as: on Saturday" in text
    line = next(x for x in cg.dumps(g).splitlines() if '"id":"attack"' in x)
    assert json.loads(line.rstrip(","))["place"] == "Kurram"


BAD = """\
claimgraph: 2
actors:
  pakistan: {name: Pakistan}
propositions:
  attack: {text: Militants attacked a border post., happened: last month}
  orphan: {text: Nobody speaks of this., happened: yesterday}
sources:
  undated:
    publisher: X
    statements:
      - {actor: pakistan, asserts: attack, said: yesterday}
  month:
    published: 2025-10
    statements:
      - {actor: pakistan, denies: attack, said: on Saturday}
statements:
  - {actor: pakistan, denies: attack, said: two days ago}
  - {actor: pakistan, asserts: attack, said: the other day}
  - {actor: pakistan, asserts: attack, said: 2025-13}
  - {actor: pakistan, asserts: attack, said: last week, reports: [{source: elsewhere}]}
"""


def test_relative_dates_without_a_source_date_are_located_errors() -> None:
    with pytest.raises(cg.InvalidDataError) as info:
        cg.loads(BAD, format="yaml")
    found = sorted((e.line, e.code, e.field) for e in info.value.errors)
    assert found == [
        (5, "relative_date_unresolved", "happened"),  # its first statement's source: undated
        (6, "relative_date_unresolved", "happened"),  # no statement about it at all
        (11, "relative_date_unresolved", "said"),  # under a source without a date
        (15, "relative_date_base", "said"),  # a day needs a day, not a month
        (17, "relative_date_unresolved", "said"),  # not under a source, no reports
        (18, "date_wording", "said"),  # not wording the resolver reads
        (19, "partial_date", "said"),  # looks like a date: a bad date, not wording
        (20, "relative_date_unresolved", "said"),  # its source is not in the file
    ]
    messages = {e.line: e.message for e in info.value.errors}
    assert "source 'undated' has no publication date" in messages[11]
    assert "not under a source" in messages[17]
    assert "not in this file" in messages[20]


def test_validate_reports_the_same_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    codes = [e.code for e in cg.validate(path)]
    assert codes.count("relative_date_unresolved") == 5


# --------------------------------------------------------------------------- the store
def test_the_store_keeps_event_times_and_wording(g: cg.ClaimGraph, tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.add_all(g)
    with Store(tmp_path / "s.db") as store:
        assert store.propositions["talks"] == g.propositions["talks"]
        assert store.get("attack") == g.propositions["attack"]
        assert store.get("pk-attack") == g.get("pk-attack")
        assert store.get("pk-attack").reports[0].said_as == "yesterday"  # type: ignore[union-attr]
        assert store.timeline(by="event") == g.timeline(by="event")


# ------------------------------------------------------------------------- the timeline
def test_the_timeline_by_event_orders_by_when_it_happened(g: cg.ClaimGraph) -> None:
    by_said = [s.id for s in g.timeline()]
    by_event = [s.id for s in g.timeline(by="event")]
    assert by_said == ["af-ceasefire", "dm-week", "pk-typed", "dm-talks", "af-attack", "pk-attack"]
    # talks (from 10-13), attack (10-18), ceasefire (from 10-19), then no event time
    assert by_event == ["dm-talks", "af-attack", "pk-attack", "af-ceasefire", "dm-week", "pk-typed"]
    assert [s.id for s in cg.timeline(g, by="event", side="afghanistan")] == [
        "af-attack",
        "af-ceasefire",
    ]
    with pytest.raises(cg.InvalidArgumentError):
        g.timeline(by="place")  # type: ignore[arg-type]


def test_the_same_event_timeline_from_both_backends(g: cg.ClaimGraph) -> None:
    with Store(":memory:") as store:
        store.add_all(g)
        for kw in ({}, {"side": "pakistan"}, {"since": "2025-10-19"}, {"stance": "denies"}):
            assert store.timeline(by="event", **kw) == g.timeline(by="event", **kw), kw


# ------------------------------------------------------------------------- other formats
def test_sheet_rows_carry_event_columns_and_round_trip(g: cg.ClaimGraph, tmp_path: Path) -> None:
    rows = tables.to_rows(g)
    row = next(r for r in rows if r["statement"] == "pk-attack")
    assert (row["happened"], row["place"], row["said_as"]) == ("2025-10-18", "Kurram", "yesterday")
    path = tmp_path / "s.csv"
    tables.write_csv(g, path)
    back = tables.read_csv(path)
    assert back.propositions["attack"] == g.propositions["attack"]
    assert back.statement_records == g.statement_records


def test_sheet_wording_resolves_against_the_rows_publication_date() -> None:
    g = tables.from_rows(
        [
            {
                "actor": "Pakistan",
                "text": "Militants attacked a border post.",
                "happened": "last weekend",
                "place": "Kurram",
                "said": "yesterday",
                "publisher": "Dawn",
                "published": "2025-10-20",
                "source_url": "https://example.org/a",
            },
            {
                "actor": "Afghanistan",
                "text": "Militants attacked a border post.",
                "stance": "denies",
            },
        ]
    )
    [p] = g.propositions.values()
    assert (p.happened, p.happened_until, p.happened_as) == (
        "2025-10-18",
        "2025-10-19",
        "last weekend",
    )
    st = next(s for s in g.statement_records.values() if s.stance == "asserts")
    assert (st.said, st.reports[0].said_as) == ("2025-10-19", "yesterday")


@pytest.mark.parametrize(
    ("rows", "code", "column"),
    [
        (
            [{"actor": "A", "text": "Talks resumed.", "said": "yesterday"}],
            "relative_date_unresolved",
            "said",
        ),
        (
            [
                {"actor": "A", "text": "Talks resumed.", "happened": "2025-10"},
                {"actor": "B", "text": "Talks resumed.", "happened": "2025-11"},
            ],
            "mismatch",
            "happened",
        ),
        (
            [{"actor": "A", "text": "Talks resumed.", "happened_until": "2025"}],
            "until_without_start",
            "happened_until",
        ),
    ],
)
def test_bad_event_cells_name_the_row_and_column(
    rows: list[dict[str, str]], code: str, column: str
) -> None:
    with pytest.raises(cg.InvalidDataError) as info:
        tables.from_rows(rows)
    assert [(e.code, e.field) for e in info.value.errors] == [(code, column)]


def test_the_dataframe_round_trips_event_dates() -> None:
    pytest.importorskip("pandas", reason="DataFrames need the pandas extra")
    g = cg.loads(YAML, format="yaml")
    df = tables.to_dataframe(g)
    assert "happened_precision" in df.columns
    back = tables.from_dataframe(df)
    assert back.propositions["ceasefire"] == g.propositions["ceasefire"]
    assert back.statement_records == g.statement_records


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json"])
def test_graph_files_keep_event_time_and_place(
    g: cg.ClaimGraph, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"g{suffix}"
    write, read = {
        ".graphml": (graphs.write_graphml, graphs.read_graphml),
        ".gexf": (graphs.write_gexf, graphs.read_gexf),
        ".json": (graphs.write_node_link, graphs.read_node_link),
    }[suffix]
    write(g, path)
    back = read(path)
    assert back.propositions == g.propositions
    assert back.get("pk-attack") == g.get("pk-attack")
    assert graphs.to_networkx(g).nodes["attack"]["place"] == "Kurram"


# ----------------------------------------------------------------------- the figure (item 8)
def _limits(fig: object) -> tuple[str, str]:
    from matplotlib.dates import num2date

    lo, hi = fig.axes[0].get_xlim()  # type: ignore[attr-defined]
    return num2date(lo).date().isoformat(), num2date(hi).date().isoformat()


def test_the_timeline_figure_fits_its_axis_to_a_one_day_dispute(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="figures need the viz extra (matplotlib)")
    from claimgraph.figures import plot_timeline

    g = cg.load(cg.example_path())
    fig = plot_timeline(g, actor="pk-defense-minister", path=tmp_path / "a.png")
    assert _limits(fig) == ("2025-11-04", "2025-11-06")  # one day, a day either side
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == ["04", "05", "06"]  # days, not years
    assert fig.axes[0].xaxis.get_offset_text().get_text() == "2025-Nov"
    assert (tmp_path / "a.png").read_bytes()[:4] == b"\x89PNG"


def test_same_day_points_are_spread_out_and_labelled(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="figures need the viz extra (matplotlib)")
    from claimgraph.figures import plot_timeline

    g = cg.load(cg.example_path())
    fig = plot_timeline(g, side="pakistan", max_labels=0, path=tmp_path / "s.svg")
    ax = fig.axes[0]
    row = [t.get_text() for t in ax.get_yticklabels()].index("Pakistan's defense minister")
    minister = [s for s in g.timeline(actor="pk-defense-minister") if s.said]
    points = [
        ln.get_ydata()[0]  # type: ignore[index]
        for ln in ax.get_lines()
        if len(ln.get_xdata()) == 1 and abs(ln.get_ydata()[0] - row) < 0.5  # type: ignore[index, operator]
    ]
    assert len(points) == len(minister) == 4
    assert len(set(points)) == 4  # four statements of one day: four heights in the row
    assert max(points) - min(points) <= 0.75
    labels = {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid()}
    # max_labels=0 labels only the crowded points: each names what was said
    assert set(labels) == {f"label-{s.id}" for s in minister}
    assert labels["label-dm-delegation-left"].startswith("Pakistan's delegation")


def test_the_figure_of_a_dispute_holds_the_contradicting_propositions(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="figures need the viz extra (matplotlib)")
    from claimgraph.figures import plot_timeline

    g = cg.ClaimGraph()
    g.add_actor(id="a", name="Alpha")
    g.add_actor(id="b", name="Beta")
    g.add_actor(id="c", name="Gamma")
    g.add_proposition(id="p", text="The talks failed.")
    g.add_proposition(id="q", text="The talks succeeded.", contradicts=["p"])
    g.add_proposition(id="r", text="Unrelated.")
    g.add_statement(id="s1", actor="a", proposition="p", said="2025-10-18")
    g.add_statement(id="s2", actor="b", proposition="q", said="2025-10-18")
    g.add_statement(id="s3", actor="b", proposition="p", stance="denies", said="2025-10-20")
    g.add_statement(id="s4", actor="c", proposition="r", said="2024-01")
    fig = plot_timeline(g, dispute="p", path=tmp_path / "d.pdf")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Alpha", "Beta"]
    assert "The talks failed. ⊥ The talks succeeded." in ax.get_title(loc="left")
    assert _limits(fig) == ("2025-10-17", "2025-10-21")  # not 2024: r is no part of it
    labels = sorted(t.get_text() for t in ax.texts if t.get_gid())
    assert labels == [
        "Alpha: The talks failed.",
        "Beta: The talks failed.",
        "Beta: The talks succeeded.",
    ]


def test_the_figure_by_event_time_places_statements_at_their_event(g: cg.ClaimGraph) -> None:
    pytest.importorskip("matplotlib", reason="figures need the viz extra (matplotlib)")
    from claimgraph.figures import plot_timeline

    fig = plot_timeline(g, side="pakistan", by="event")
    assert _limits(fig) == ("2025-10-12", "2025-10-20")  # talks 10-13–10-19, attack 10-18
    assert "by event time" in fig.axes[0].get_title(loc="left")
    assert "2 without an event time" in fig.axes[0].get_title(loc="left")


def test_the_figure_wants_exactly_one_subject(g: cg.ClaimGraph) -> None:
    pytest.importorskip("matplotlib", reason="figures need the viz extra (matplotlib)")
    from claimgraph.figures import fitted_limits, plot_timeline

    with pytest.raises(cg.InvalidArgumentError):
        plot_timeline(g)
    with pytest.raises(cg.InvalidArgumentError):
        plot_timeline(g, "attack", actor="pakistan")
    with pytest.raises(cg.InvalidArgumentError):
        plot_timeline(g, "attack", by="place")  # type: ignore[arg-type]
    with pytest.raises(cg.NotFoundError):
        plot_timeline(g, dispute="nope")
    with pytest.raises(cg.NotFoundError):
        plot_timeline(g, actor="nobody")
    year = [(dt.date(2025, 1, 1), dt.date(2025, 12, 31))]
    assert fitted_limits(year) == (dt.date(2024, 12, 14), dt.date(2026, 1, 18))


# ---------------------------------------------------------------- the resolver, at random
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@given(day=st.dates(dt.date(1901, 2, 1), dt.date(2098, 11, 30)), n=st.integers(1, 12))
def test_relative_days_keep_their_meaning_on_any_publication_day(day: dt.date, n: int) -> None:
    base = day.isoformat()

    def one(wording: str) -> dt.date:
        start, until = resolve_date(wording, base)
        assert until is None, wording
        return dt.date.fromisoformat(start)

    assert one("yesterday") == day - dt.timedelta(days=1)
    assert one("this morning") == one("today") == day
    assert one(f"{n} days ago") == day - dt.timedelta(days=n)
    for i, name in enumerate(_WEEKDAYS):
        on, last, nxt = one(f"on {name.title()}"), one(f"last {name}"), one(f"next {name}")
        assert on.weekday() == last.weekday() == nxt.weekday() == i
        assert 0 <= (day - on).days <= 6  # the latest one, today included
        assert 1 <= (day - last).days <= 7  # the latest one before today
        assert 1 <= (nxt - day).days <= 7
    lo, hi = resolve_date("last week", base)
    assert hi is not None
    monday, sunday = dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)
    assert (monday.weekday(), (sunday - monday).days) == (0, 6)
    assert 1 <= (day - sunday).days <= 7  # the week before this one
    month = resolve_date(f"{n} months ago", base)[0]
    assert (int(month[:4]) * 12 + int(month[5:7])) == day.year * 12 + day.month - n
    # a month and day without a year: the one nearest the publication day
    near = one(day.strftime("%B %d").replace(" 0", " "))
    assert near == day
