"""The command line over several files: one dispute followed through many articles
(issue 13, item 6), and sheet advice for the command line (item 7)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import claimgraph as cg
from claimgraph.cli import main

Writer = Callable[[str, str], Path]

ARTICLE_A = """\
claimgraph: 1
title: Talks in Istanbul
actors:
  pakistan: {name: Pakistan, kind: state}
  afghanistan: {name: Afghanistan, kind: state}
  pk-information-ministry:
    {name: Pakistan's information ministry, kind: office, member_of: pakistan}
  af-spokesperson: {name: Taliban spokesperson, kind: office, member_of: afghanistan}
propositions:
  offer-rejected: Pakistan rejected Kabul's offer to hand over the militants.
sources:
  arabnews:
    url: https://www.arabnews.com/node/2621541/pakistan
    publisher: Arab News
    published: 2025-11-05
    statements:
      - {id: af-offer-rejected, actor: af-spokesperson, asserts: offer-rejected}
      - id: pk-false
        actor: pk-information-ministry
        denies: offer-rejected
        quote: false and misleading
        responds_to: af-offer-rejected
"""

# a second article: names a's actors and statements, writes the wording inline
ARTICLE_B = """\
claimgraph: 1
sources:
  dawn:
    url: https://www.dawn.com/news/1953911
    publisher: Dawn
    published: 2025-11-06
    statements:
      - id: pk-restates
        actor: pk-information-ministry
        denies: pakistan rejected Kabul’s offer to hand over the militants
        responds_to: af-offer-rejected
      - {id: af-offer-rejected, actor: af-spokesperson, asserts: offer-rejected}
"""

SHEET = (
    "Speaker,Claim,Stance,Outlet,URL,Date\n"
    "Pakistan's information ministry,Pakistan rejected Kabul's offer to hand over the"
    " militants.,Denies,Reuters,https://www.reuters.com/world/x,2025-11-06\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def articles(tmp_file: Writer) -> tuple[Path, Path, Path]:
    return (
        tmp_file("a.yaml", ARTICLE_A),
        tmp_file("b.yaml", ARTICLE_B),
        tmp_file("c.csv", SHEET),
    )


def test_report_reads_several_files_as_one_graph(
    capsys: pytest.CaptureFixture[str], articles: tuple[Path, Path, Path]
) -> None:
    a, b, c = articles
    code, out, err = run(capsys, "report", str(a), str(b), str(c), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    [dispute] = data["disputes"]
    assert dispute["proposition"]["id"] == "offer-rejected"  # one proposition, not three


def test_references_cross_files(
    capsys: pytest.CaptureFixture[str], articles: tuple[Path, Path, Path]
) -> None:
    a, b, _ = articles
    code, out, err = run(capsys, "validate", str(a), str(b))
    assert (code, err) == (0, "")
    assert out == f"ok: {a}\nok: {b}\n"
    g = cg.load_files([a, b])
    assert set(g.propositions) == {"offer-rejected"}
    reports = {r.source for r in g.statement_records["af-offer-rejected"].reports}
    assert reports == {"arabnews", "dawn"}  # one statement with two reports


def test_validate_one_file_alone_still_names_the_unknown_references(
    capsys: pytest.CaptureFixture[str], articles: tuple[Path, Path, Path]
) -> None:
    _, b, _ = articles
    code, _, err = run(capsys, "validate", str(b))
    assert code == 1 and "[unknown_reference]" in err and f"{b}:" in err


def test_merge_writes_one_file(
    capsys: pytest.CaptureFixture[str], articles: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    a, b, c = articles
    out_path = tmp_path / "all.json"
    code, out, err = run(capsys, "merge", str(a), str(b), str(c), "-o", str(out_path))
    assert (code, err) == (0, "")
    assert out.startswith(f"wrote {out_path}: 4 statements, 1 proposition")
    g = cg.load(out_path)
    assert set(g.propositions) == {"offer-rejected"}
    assert set(g.sources) == {"arabnews", "dawn", "reuters-x"}
    assert g.title == "Talks in Istanbul"


def test_export_and_view_take_several_files(
    capsys: pytest.CaptureFixture[str], articles: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    a, b, _ = articles
    out_path = tmp_path / "both.graphml"
    code, out, err = run(capsys, "export", str(a), str(b), "-o", str(out_path))
    assert (code, err) == (0, "")
    assert "3 statements" in out
    assert len(cg.formats.read(out_path).statement_records) == 3


def test_import_into_an_existing_file(
    capsys: pytest.CaptureFixture[str], articles: tuple[Path, Path, Path]
) -> None:
    a, _, c = articles
    code, out, err = run(capsys, "import", str(c), "--into", str(a))
    assert (code, err) == (0, "")
    assert out.startswith(f"wrote {a}: 3 statements, 1 proposition, 4 actors, 2 sources")
    assert "(added 1 statement, 0 propositions, 0 actors, 1 source)" in out
    g = cg.load(a)
    [new] = [s for s in g.statement_records.values() if s.reports[0].source != "arabnews"]
    assert (new.actor, new.proposition) == ("pk-information-ministry", "offer-rejected")


def test_import_into_with_another_output_leaves_the_existing_file(
    capsys: pytest.CaptureFixture[str], articles: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    a, _, c = articles
    before = a.read_text(encoding="utf-8")
    out_path = tmp_path / "out.yaml"
    code, _, err = run(capsys, "import", str(c), "--into", str(a), "-o", str(out_path))
    assert (code, err) == (0, "")
    assert a.read_text(encoding="utf-8") == before
    assert len(cg.load(out_path).statement_records) == 3


def test_import_needs_an_output(
    capsys: pytest.CaptureFixture[str], articles: tuple[Path, Path, Path]
) -> None:
    code, _, err = run(capsys, "import", str(articles[2]))
    assert code == 1 and "-o OUT" in err


def test_a_conflict_names_the_file_and_line_of_both_records(
    capsys: pytest.CaptureFixture[str], articles: tuple[Path, Path, Path], tmp_file: Writer
) -> None:
    a, _, _ = articles
    other = tmp_file(
        "other.yaml",
        "claimgraph: 1\nactors:\n  pakistan: {name: Pakistan, kind: government}\n",
    )
    code, _, err = run(capsys, "report", str(a), str(other))
    assert code == 1
    [line] = [ln for ln in err.splitlines() if f"{other}:3" in ln]  # the duplicate
    assert f"a different actor at {a}:4" in line  # and the first
    with pytest.raises(cg.ConflictError) as exc:
        cg.load_files([a, other])
    [e] = exc.value.errors
    assert (e.code, e.path, e.line) == ("conflict", str(other), 3)
    assert e.message == (
        f"id 'pakistan' is already used by a different actor at {a}:4 (differs in kind)"
    )


def test_merge_refuses_problems_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    articles: tuple[Path, Path, Path],
    tmp_file: Writer,
    tmp_path: Path,
) -> None:
    a, b, _ = articles
    bad = tmp_file("bad.yaml", "claimgraph: 1\nstatements:\n  - {actor: nobody, asserts: x}\n")
    out_path = tmp_path / "all.json"
    code, _, err = run(capsys, "merge", str(a), str(b), str(bad), "-o", str(out_path))
    assert code == 1 and not out_path.exists()
    assert f"{bad}:3" in err and "[unknown_reference]" in err


def test_validate_several_lists_each_files_problems(
    capsys: pytest.CaptureFixture[str], articles: tuple[Path, Path, Path], tmp_file: Writer
) -> None:
    a, _, _ = articles
    bad = tmp_file("bad.yaml", "claimgraph: 1\nstatements:\n  - {actor: nobody, asserts: x}\n")
    code, out, err = run(capsys, "validate", str(a), str(bad))
    assert code == 1
    assert out == f"ok: {a}\n"
    assert err.splitlines()[0] == f"{bad}: 2 problem(s)"


def test_unknown_column_gives_command_line_advice(
    capsys: pytest.CaptureFixture[str], tmp_file: Writer, tmp_path: Path
) -> None:
    sheet = tmp_file("s.csv", "actor,text,Mood\nPakistan,Talks resume.,calm\n")
    code, _, err = run(capsys, "import", str(sheet), "-o", str(tmp_path / "o.json"))
    assert code == 1
    assert "--map 'Mood=COLUMN'" in err and "--map 'Mood='" in err
    assert "None" not in err and "mapping=" not in err
    code, _, _ = run(capsys, "import", str(sheet), "-o", str(tmp_path / "o.json"), "--map", "Mood=")
    assert code == 0


def test_capitalised_headings_import_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_file: Writer, tmp_path: Path
) -> None:
    sheet = tmp_file("s.csv", "Actor,Text,Stance\nPakistan,Talks resume.,Denies\n")
    code, _, err = run(capsys, "import", str(sheet), "-o", str(tmp_path / "o.json"))
    assert (code, err) == (0, "")
    [st] = cg.load(tmp_path / "o.json").statement_records.values()
    assert (st.stance, st.proposition) == ("denies", "talks-resume")


def test_import_of_a_yaml_file_into_matches_the_wording_of_the_existing_file(
    capsys: pytest.CaptureFixture[str], articles: tuple[Path, Path, Path], tmp_file: Writer
) -> None:
    a, _, _ = articles
    more = tmp_file(
        "more.yaml",
        "claimgraph: 1\nstatements:\n  - actor: af-spokesperson\n"
        "    asserts: PAKISTAN rejected Kabul's offer to hand over the militants\n"
        "    said: 2025-11-07\n",
    )
    code, _, err = run(capsys, "import", str(more), "--into", str(a))
    assert (code, err) == (0, "")
    g = cg.load(a)
    assert set(g.propositions) == {"offer-rejected"}
    assert len(g.statement_records) == 3


def test_load_files_into_a_graph_matches_its_declared_wording(
    articles: tuple[Path, Path, Path], tmp_file: Writer
) -> None:
    a, _, _ = articles
    g = cg.load(a)
    more = tmp_file(
        "more.yaml",
        "claimgraph: 1\nstatements:\n"
        "  - {actor: pakistan, denies: “Pakistan rejected Kabul’s offer to hand over the"
        " militants”}\n",
    )
    cg.load_files([more], into=g)
    assert set(g.propositions) == {"offer-rejected"}
