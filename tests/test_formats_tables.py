"""Statements as table rows: CSV, lists of dicts and pandas DataFrames."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimgraph as cg
from claimgraph.formats import tables
from claimgraph.formats._safe import DEFAULT_LIMITS, limits


def _sheet(tmp_path: Path, text: str, name: str = "sheet.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_round_trip_the_example_statements(example_graph: cg.ClaimGraph) -> None:
    rows = tables.to_rows(example_graph)
    assert len(rows) == sum(max(1, len(s.reports)) for s in example_graph.statements())
    g2 = tables.from_rows(rows)
    assert g2.statement_records == example_graph.statement_records
    assert {p.id: p.text for p in g2.propositions.values()} == {
        p.id: p.text for p in example_graph.propositions.values()
    }
    # sources keep every field but the analyst's note
    assert {k: s.model_dump(exclude={"note"}) for k, s in g2.sources.items()} == {
        k: s.model_dump(exclude={"note"}) for k, s in example_graph.sources.items()
    }
    # every actor keeps its side (the intermediate memberships are what tables lose)
    for actor in example_graph.actors.values():
        if actor.id in g2.actors:
            assert g2.side(actor.id) == example_graph.side(actor.id)
    assert g2.actors["pk-defense-minister"].member_of == ("pakistan",)
    # what a statement table cannot carry: relations between propositions
    assert example_graph.propositions["offer-rejected"].implies == ("kabul-offered",)
    assert g2.propositions["offer-rejected"].implies == ()


def test_reimporting_the_same_rows_changes_nothing(example_graph: cg.ClaimGraph) -> None:
    before = example_graph.copy()
    tables.from_rows(tables.to_rows(example_graph), into=example_graph)
    assert example_graph == before
    sheet = [
        {"actor": "Pakistan", "text": "Talks resume on Nov. 6.", "said": "2025-11"},
        {"actor": "Qatar", "text": "talks resume on nov 6", "kind": "report"},
    ]
    g = tables.from_rows(sheet)
    snapshot = g.copy()
    result_graph = tables.from_rows(sheet, into=g)
    assert result_graph is g and g == snapshot


def test_propositions_match_ignoring_case_space_and_outer_punctuation() -> None:
    g = tables.from_rows(
        [
            {"actor": "A", "text": "Pakistan rejected Kabul's offer."},
            {"actor": "B", "text": "  pakistan   REJECTED kabul's offer ", "stance": "denies"},
            {"actor": "C", "text": "“Pakistan rejected Kabul’s offer!”"},
        ]
    )
    assert len(g.propositions) == 1
    [p] = g.propositions.values()
    assert p.text == "Pakistan rejected Kabul's offer."  # the first wording is kept
    assert {s.actor for s in g.statements_about(p.id)} == {"a", "b", "c"}


def test_inner_punctuation_makes_another_wording_as_in_yaml() -> None:
    """One normalisation everywhere: a comma inside is kept by the sheet as by YAML."""
    rows = [
        {"actor": "A", "text": "Talks, then peace."},
        {"actor": "B", "text": "Talks then peace.", "stance": "denies"},
    ]
    g = tables.from_rows(rows)
    y = cg.loads(
        "claimgraph: 1\nactors: {a: A, b: B}\nstatements:\n"
        "  - {actor: a, asserts: 'Talks, then peace.'}\n"
        "  - {actor: b, denies: Talks then peace.}\n",
        format="yaml",
    )
    assert len(g.propositions) == len(y.propositions) == 2


def test_actors_match_by_id_name_or_alias(example_graph: cg.ClaimGraph) -> None:
    n = len(example_graph.actors)
    tables.from_rows(
        [
            {"actor": "pk-defense-minister", "text": "New claim one."},
            {"actor": "Pakistan's Defense Minister", "text": "New claim two."},
        ],
        into=example_graph,
    )
    assert len(example_graph.actors) == n
    assert len(example_graph.statements_by("pk-defense-minister")) == 6


def test_mapping_renames_and_ignores_columns() -> None:
    rows = [{"Who": "Kabul", "Says": "Talks will resume.", "Comment": "check", "URL": "https://x"}]
    g = tables.from_rows(
        rows, mapping={"Who": "actor", "Says": "text", "Comment": None, "URL": "source_url"}
    )
    [st] = g.statements()
    assert st.actor == "kabul" and g.sources[st.reports[0].source].url == "https://x"
    with pytest.raises(ValueError, match="'Who' maps to 'speaker'"):
        tables.from_rows(rows, mapping={"Who": "speaker"})


def test_kinds_are_read_leniently() -> None:
    g = tables.from_rows(
        [{"actor": "Taliban", "actor_kind": "Armed group", "text": "T.", "kind": "Demand",
          "stance": "Asserts", "source_url": "https://x", "source_kind": "Press release"}]
    )  # fmt: skip
    [st] = g.statements()
    assert (st.kind, st.stance) == ("demand", "asserts")
    assert g.actors["taliban"].kind == "armed_group"
    assert g.sources[st.reports[0].source].kind == "press_release"


def test_unknown_columns_are_errors_unless_ignored() -> None:
    rows = [{"actor": "A", "text": "T.", "stnace": "denies"}]
    with pytest.raises(cg.InvalidDataError) as exc:
        tables.from_rows(rows)
    assert exc.value.errors[0].code == "unknown_column"
    assert "stnace" in exc.value.errors[0].message
    g = tables.from_rows(rows, extra="ignore")
    assert g.statements()[0].stance == "asserts"


def test_csv_errors_name_line_and_column(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        "Speaker,Claim,Stance,When\n"
        "Pakistan,,asserts,2025-11\n"
        'Afghanistan,"A quoted,\nmultiline claim.",denies,2025-13\n'
        "Qatar,,asserts,\n",
    )
    mapping = {"Speaker": "actor", "Claim": "text", "Stance": "stance", "When": "said"}
    with pytest.raises(cg.InvalidDataError) as exc:
        tables.read_csv(path, mapping)
    errors = {(e.line, e.field, e.code) for e in exc.value.errors}
    assert (3, "When", "partial_date") in errors  # the column as the sheet names it
    assert (2, "Claim", "missing") in errors  # the first row is on line 2
    assert (5, "Claim", "missing") in errors  # the line after a two-line record
    assert all(e.path == str(path) for e in exc.value.errors)
    assert "row 3" in str(exc.value)


def test_bad_reference_errors_name_the_row(tmp_path: Path) -> None:
    rows = [
        {"statement": "s1", "actor": "A", "text": "T."},
        {"statement": "s2", "actor": "B", "text": "U.", "responds_to": "s1; nope"},
    ]
    with pytest.raises(cg.UnknownReferenceError) as exc:
        tables.from_rows(rows)
    [err] = exc.value.errors
    assert err.record is not None and err.record.startswith("row 1")
    assert err.field == "responds_to" and "nope" in err.message


def test_side_conflicts_are_reported() -> None:
    rows = [
        {"actor": "Envoy", "side": "Pakistan", "text": "T."},
        {"actor": "Envoy", "side": "Afghanistan", "text": "U."},
    ]
    with pytest.raises(cg.InvalidDataError) as exc:
        tables.from_rows(rows)
    [err] = exc.value.errors
    assert err.field == "side" and err.record == "row 1" and "row 0" in err.message


def test_nothing_is_imported_on_error(example_graph: cg.ClaimGraph) -> None:
    before = example_graph.copy()
    with pytest.raises(cg.InvalidDataError):
        tables.from_rows(
            [{"actor": "New", "text": "Fine."}, {"actor": "X", "text": "T.", "stance": "?"}],
            into=example_graph,
        )
    assert example_graph == before


def test_csv_round_trip_without_pandas(
    example_graph: cg.ClaimGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # an import of pandas now fails
    path = tmp_path / "out.csv"
    tables.write_csv(example_graph, path)
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(tables.COLUMNS)
    g2 = tables.read_csv(path)
    assert g2.statement_records == example_graph.statement_records
    with pytest.raises(cg.MissingDependencyError, match=r"claimgraph\[pandas\]"):
        tables.to_dataframe(example_graph)


def test_csv_with_byte_order_mark_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffactor;text\nKabul;Talks resume.\n".encode())
    g = tables.read_csv(path, delimiter=";")
    assert [s.actor for s in g.statements()] == ["kabul"]


def test_failed_csv_write_leaves_no_file(
    example_graph: cg.ClaimGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(graph: cg.ClaimGraph) -> list[dict[str, object]]:
        return [{"statement": "x", "bogus": 1}]  # DictWriter refuses unknown keys

    monkeypatch.setattr(tables, "to_rows", boom)
    with pytest.raises(ValueError):
        tables.write_csv(example_graph, tmp_path / "out.csv")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------- pandas
@pytest.fixture
def pd() -> Any:
    return pytest.importorskip("pandas")


def test_dataframe_types_and_dates(example_graph: cg.ClaimGraph, pd: Any) -> None:
    df = tables.to_dataframe(example_graph)
    for col in ("stance", "kind", "side", "actor_kind", "said_precision"):
        assert isinstance(df[col].dtype, pd.CategoricalDtype), col
    assert pd.api.types.is_datetime64_any_dtype(df["said"])
    row = df[df.statement == "pk-ceasefire"].iloc[0]
    assert row["said"] == pd.Timestamp("2025-10-01") and row["said_precision"] == "month"
    assert pd.isna(df[df.statement == "pk-sheltered"].iloc[0]["said"])


@pytest.mark.parametrize(
    "said",
    ["2025", "2025-10", "2025-10-19", "2025-10-19T08:30", "2025-10-19T08:30:05Z",
     "2025-10-19T08:30:05.250000+03:00", "1453-05-29", "1071"],
)  # fmt: skip
def test_dataframe_round_trips_partial_dates(said: str, pd: Any) -> None:
    g = cg.ClaimGraph([cg.Actor(id="a", name="A"), cg.Proposition(id="p", text="P.")])
    g.add_statement(actor="a", proposition="p", said=said)
    g.add_source(id="s", title="S", published=said)
    df = tables.to_dataframe(g)
    back = tables.from_dataframe(df)
    assert back.statements()[0].said == said


def test_dataframe_errors_name_the_index_label(pd: Any) -> None:
    df = pd.DataFrame(
        {"actor": ["A", "B"], "text": ["T.", "U."], "stance": ["asserts", "sometimes"]},
        index=["first", "second"],
    )
    with pytest.raises(cg.InvalidDataError) as exc:
        tables.from_dataframe(df)
    [err] = exc.value.errors
    assert err.record == "row second" and err.field == "stance"


def test_dataframe_with_plain_date_strings_and_mapping(pd: Any) -> None:
    df = pd.DataFrame({"who": ["Kabul"], "what": ["Talks resume."], "when": ["2025-11"]})
    g = tables.from_dataframe(df, {"who": "actor", "what": "text", "when": "said"})
    assert g.statements()[0].said == "2025-11"


def test_dataframe_bad_precision_is_an_error(example_graph: cg.ClaimGraph, pd: Any) -> None:
    df = tables.to_dataframe(example_graph)
    df["said_precision"] = df["said_precision"].cat.add_categories(["fortnight"])
    df.loc[df.statement == "pk-ceasefire", "said_precision"] = "fortnight"
    with pytest.raises(cg.InvalidDataError, match="fortnight") as exc:
        tables.from_dataframe(df)
    assert exc.value.errors[0].field == "said"


# ---------------------------------------------------------------------------- properties
_words = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            _words,  # actor name
            _words,  # proposition text
            st.sampled_from(["asserts", "denies", "reports"]),
            st.sampled_from([None, "2025", "2025-10", "2025-10-19", "2025-10-19T08:30Z"]),
            st.one_of(st.none(), _words),  # quote
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_text_survives_a_csv_round_trip(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[str, str, str, str | None, str | None]],
) -> None:
    g = cg.ClaimGraph([cg.Source(id="src", title="S")])
    seen_actors: set[str] = set()
    seen_props: set[str] = set()
    for name, text, stance, said, quote in rows:
        key = tables.match_key(text)
        if not tables.match_key(name) or not key or cg.slugify(name) in seen_actors:
            continue
        if key in seen_props:
            continue
        seen_props.add(key)
        actor = g.add_actor(name=name) if cg.slugify(name) else None
        if actor is None:
            continue
        seen_actors.add(actor.id)
        prop = g.add_proposition(text=text)
        g.add_statement(
            actor=actor.id,
            proposition=prop.id,
            stance=stance,
            said=said,
            reports=[{"source": "src", "quote": quote}],
        )
    path = tmp_path_factory.mktemp("csv") / "round.csv"
    tables.write_csv(g, path)
    back = tables.read_csv(path)
    assert back.statement_records == g.statement_records
    assert {p.id: p.text for p in back.propositions.values()} == {
        p.id: p.text for p in g.propositions.values()
    }


# ---------------------------------------------------------------------------- hostile CSV
def _tiny_graph(**statement: Any) -> cg.ClaimGraph:
    g = cg.ClaimGraph(
        [cg.Actor(id="a", name="A"), cg.Proposition(id="p", text="P."), cg.Source(id="s")]
    )
    statement.setdefault("reports", [{"source": "s"}])
    g.add_statement(actor="a", proposition="p", id="st", **statement)
    return g


def _round_trip(g: cg.ClaimGraph, path: Path) -> cg.ClaimGraph:
    tables.write_csv(g, path)
    return tables.read_csv(path)


def test_a_non_utf8_byte_is_a_located_file_format_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"actor,text\nKabul,Talks resume.\nK\xe2bul,Caf\xe9 talks.\n")
    with pytest.raises(cg.FileFormatError) as exc:
        tables.read_csv(path)
    [err] = exc.value.errors
    assert (err.code, err.path, err.line) == ("encoding", str(path), 3)


def test_a_non_utf8_byte_deep_in_a_large_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    # past the first megabyte, in a multi-line cell, with a two-byte letter split across
    # the 1 MiB chunks the bad byte is searched in
    head = b'actor,text\nKabul,"'
    cell = "x\n" * 524_278 + "y\u00e9"
    assert len(head) + cell.encode().index(b"\xc3") == (1 << 20) - 1
    data = head + f'{cell}"\nKabul,ok\nKabul,'.encode() + b"\xff\n"
    path.write_bytes(data)
    with pytest.raises(cg.FileFormatError) as exc:
        tables.read_csv(path)
    line = data.count(b"\n", 0, data.index(b"\xff")) + 1
    assert (exc.value.errors[0].code, exc.value.errors[0].line) == ("encoding", line)
    assert line == 524_282


def test_a_cell_of_131073_characters_is_read(tmp_path: Path) -> None:
    g = _tiny_graph(note="x" * 131_073)
    back = _round_trip(g, tmp_path / "long.csv")
    assert back.statement_records["st"].note == "x" * 131_073


@pytest.fixture
def csv_field_limit() -> Iterator[int]:
    """Restore the csv module's process-wide field size limit after the test."""
    before = csv.field_size_limit()
    yield before
    csv.field_size_limit(before)


def test_a_cell_over_the_limit_is_a_located_error(tmp_path: Path, csv_field_limit: int) -> None:
    path = _sheet(tmp_path, "actor,text\nKabul,short\nKabul,eleven char\n")
    with limits(max_string=10), pytest.raises(cg.FileFormatError) as exc:
        tables.read_csv(path)
    [err] = exc.value.errors
    assert (err.code, err.line, err.record, err.field) == ("string_too_long", 3, "row 2", "text")
    # and when the csv module's own limit is what stops it
    csv.field_size_limit(5)
    with limits(max_string=10), pytest.raises(cg.FileFormatError) as exc:
        tables.read_csv(path)
    [err] = exc.value.errors
    assert (err.code, err.line) == ("string_too_long", 3)
    assert csv.field_size_limit() == 10  # raised to the limit in force, not beyond


def test_reading_raises_the_csv_field_limit_but_never_lowers_it(
    tmp_path: Path, csv_field_limit: int
) -> None:
    csv.field_size_limit(1000)
    tables.read_csv(_sheet(tmp_path, "actor,text\nKabul,Talks.\n"))
    assert csv.field_size_limit() == DEFAULT_LIMITS.max_string
    csv.field_size_limit(DEFAULT_LIMITS.max_string * 2)
    tables.read_csv(_sheet(tmp_path, "actor,text\nKabul,Talks.\n"))
    assert csv.field_size_limit() == DEFAULT_LIMITS.max_string * 2


def test_a_file_over_the_byte_limit_is_refused(tmp_path: Path) -> None:
    ok = _sheet(tmp_path, "actor,text\n" + "Kabul,Talks.\n" * 70, "ok.csv")  # 921 bytes
    big = _sheet(tmp_path, "actor,text\n" + "Kabul,Talks.\n" * 100, "big.csv")
    with limits(max_bytes=1000):
        assert len(tables.read_csv(ok).statements()) == 1
        with pytest.raises(cg.FileFormatError) as exc:
            tables.read_csv(big)
    assert len(tables.read_csv(big).statements()) == 1  # the default limit is far higher
    assert exc.value.errors[0].code == "too_large" and "1000 bytes" in str(exc.value)


def test_a_bare_carriage_return_is_quoted_and_round_trips(tmp_path: Path) -> None:
    g = _tiny_graph(note="one\rtwo", reports=[{"source": "s", "quote": "a\r\nb\nc\r"}])
    path = tmp_path / "cr.csv"
    back = _round_trip(g, path)
    assert '"one\rtwo"' in path.read_bytes().decode()
    assert back == g


def test_ids_holding_list_separators_are_not_split(tmp_path: Path) -> None:
    g = _tiny_graph()
    for sid in ("x;y", "u|v", "w\\", "back\\;slash"):
        g.add_statement(actor="a", proposition="p", id=sid, said="2025")
    g.add_statement(
        actor="a", proposition="p", id="last", responds_to=["x;y", "u|v", "w\\", "back\\;slash"]
    )
    back = _round_trip(g, tmp_path / "lists.csv")
    assert back.statement_records["last"].responds_to == ("x;y", "u|v", "w\\", "back\\;slash")
    assert back == g
    # hand-written lists still split at ; and | with spaces around
    sheet = "statement,actor,text,responds_to\nq,Kabul,Q.,\nr,Kabul,R.,\ns,Kabul,S., q ; r|\n"
    g2 = tables.read_csv(_sheet(tmp_path, sheet))
    assert g2.statement_records["s"].responds_to == ("q", "r")


def test_formula_cells_get_a_spreadsheet_guard(tmp_path: Path) -> None:
    g = cg.ClaimGraph(
        [
            cg.Actor(id="-minus", name="=1+1"),
            cg.Proposition(id="p", text="+SUM(A1:A9)"),
            cg.Source(id="@at", url="-2+3", title="\tHYPERLINK()", publisher="\rx"),
        ]
    )
    g.add_statement(
        actor="-minus",
        proposition="p",
        id="st",
        note="'=already guarded",
        reports=[{"source": "@at", "quote": "@SUM(1)"}],
    )
    path = tmp_path / "formulas.csv"
    back = _round_trip(g, path)
    assert back == g
    text = path.read_text(encoding="utf-8")
    assert "'=1+1" in text and "''=already guarded" in text
    with open(path, encoding="utf-8", newline="") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_spaces_separators_and_empty_strings_round_trip(tmp_path: Path) -> None:
    g = cg.ClaimGraph(
        [
            cg.Actor(id="a", name=" A "),
            cg.Proposition(id="p", text="\u2028P.\x85"),
            cg.Source(id="s", url="", title="\x9ctitle\x85", publisher=" "),
        ]
    )
    g.add_statement(
        actor="a", proposition="p", id="st", note="", reports=[{"source": "s", "quote": "  "}]
    )
    g.add_statement(actor="a", proposition="p", id="none", stance="denies")
    path = tmp_path / "spaces.csv"
    back = _round_trip(g, path)
    assert back == g
    assert back.statement_records["st"].note == "" and back.statement_records["none"].note is None
    assert back.sources["s"].url == "" and back.sources["s"].publisher == " "


def test_hand_written_cells_are_still_trimmed(tmp_path: Path) -> None:
    sheet = "actor,text,note\n  Kabul ,'Tis the season.,  \n"
    g = tables.read_csv(_sheet(tmp_path, sheet))
    [st_] = g.statements()
    assert st_.actor == "kabul" and st_.note is None
    assert g.propositions[st_.proposition].text == "'Tis the season."


def test_a_date_a_datetime_cannot_hold_is_a_documented_error(pd: Any) -> None:
    g = _tiny_graph(said="0000")  # a valid partial date, but datetime has no year 0
    with pytest.raises(cg.InvalidDataError) as exc:
        tables.to_dataframe(g)
    [err] = exc.value.errors
    assert (err.code, err.record, err.field) == ("partial_date", "statement 'st'", "said")


def test_a_quote_the_model_refuses_is_a_located_error(tmp_path: Path) -> None:
    # found by the fuzz test: the report was built outside the statement's validation
    path = _sheet(tmp_path, 'actor,text,source,quote\nKabul,Talks.,s,"a\x00b"\n')
    with pytest.raises(cg.InvalidDataError) as exc:
        tables.read_csv(path)
    [err] = exc.value.errors
    assert (err.code, err.line, err.field) == ("unencodable_text", 2, "quote")
