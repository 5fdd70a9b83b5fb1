"""The ``claimgraph import`` and ``claimgraph export`` commands and the format registry."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import claimgraph as cg
from claimgraph import formats
from claimgraph.cli import main


@pytest.fixture
def reviewed_file(example_graph: cg.ClaimGraph, tmp_path: Path) -> Path:
    """The Istanbul example with one fact-check, as a native file."""
    example_graph.add_actor(id="desk", name="Fact Desk", kind="outlet")
    example_graph.add_review(
        proposition="offer-rejected",
        reviewer="desk",
        statement="af-claims-offer-rejected",
        textual_rating="Unproven",
    )
    path = tmp_path / "reviewed.json"
    cg.save(example_graph, path)
    return path


@pytest.mark.parametrize("fmt", ["csv", "graphml", "gexf", "node-link", "aif", "claimreview"])
def test_export_then_import_by_format_name(
    reviewed_file: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.data"
    assert main(["export", str(reviewed_file), "--to", fmt, "-o", str(out)]) == 0
    back = tmp_path / "back.json"
    assert main(["import", str(out), "--from", fmt, "-o", str(back)]) == 0
    g = cg.load(back)
    assert len(g.statement_records) > 0
    assert "wrote " in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("s.csv", "csv"),
        ("g.graphml", "graphml"),
        ("g.gexf", "gexf"),
        ("g.nodelink.json", "node-link"),
        ("m.aif.json", "aif"),
        ("fc.jsonld", "claimreview"),
        ("fc.claimreview.json", "claimreview"),
        ("a.apx", "apx"),
    ],
)
def test_format_is_inferred_from_the_extension(
    reviewed_file: Path, tmp_path: Path, name: str, fmt: str
) -> None:
    assert formats.format_of(name) == fmt
    out = tmp_path / name
    assert main(["export", str(reviewed_file), "-o", str(out)]) == 0
    assert out.stat().st_size > 0


@pytest.mark.parametrize("fmt", ["aif", "claimreview", "node-link"])
def test_plain_json_input_is_sniffed(reviewed_file: Path, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "download.json"
    formats.write(cg.load(reviewed_file), path, fmt)
    assert formats.format_of(path, sniff=True) == fmt
    assert len(formats.read(path).statement_records) > 0


def test_import_csv_with_column_map(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Who,Says,Comment\nKabul,Talks resume.,x\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    args = ["import", str(sheet), "-o", str(out), "--map", "Who=actor", "--map", "Says=text"]
    assert main([*args, "--map", "Comment="]) == 0
    assert [s.actor for s in cg.load(out).statements()] == ["kabul"]


def test_malformed_input_is_an_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("actor,text,stance\nA,T.,perhaps\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["import", str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "bad.csv:2" in err and "stance" in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_export_failure_keeps_the_old_file(
    example_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimgraph.formats import graphs

    out = tmp_path / "g.gexf"
    out.write_text("previous", encoding="utf-8")

    def broken(graph: cg.ClaimGraph) -> object:
        raise ValueError("broken exporter")

    monkeypatch.setattr(graphs, "to_networkx", broken)
    assert main(["export", str(example_file), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.gexf"]


def test_unknown_extension_and_write_only_format(
    example_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(example_file), "-o", str(tmp_path / "x.xyz")]) == 1
    assert "cannot tell the format" in capsys.readouterr().err
    apx = tmp_path / "a.apx"
    apx.write_text("arg(a).\n", encoding="utf-8")
    assert main(["import", str(apx), "-o", str(tmp_path / "o.json")]) == 1
    assert "only an attack graph" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", str(example_file), "--to", "pdf", "-o", str(tmp_path / "x")])


# -- broken files (issue 10): one screen naming the file and where, never a traceback ----
GRAPHML = '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph/></graphml>'
BROKEN: list[tuple[str, str | bytes, list[str], list[str]]] = [
    (
        "fc.jsonld",
        '{"@type": "ClaimReview", "claimReviewed": true, "author": "Desk"}',
        [],
        ["ClaimReview[0]", "field 'claimReviewed'", "[not_text]"],
    ),
    ("page.html", "<html>\n<![f{", ["--from", "claimreview"], [":2", "[html_syntax]"]),
    (
        "fc.claimreview.json",
        '{"@type": "ClaimReview",\n "claimReviewed": "x",,}',
        [],
        [":2", "[json_syntax]"],
    ),
    ("m.aif.json", '{"nodes": [], "locutions": 1}', [], ["locutions", "[aif_type]"]),
    (
        "m.aif.json",
        '{"nodes": [{"nodeID": [1], "type": "I"}]}',
        [],
        ["nodes[0]", "field 'nodeID'", "[aif_id]"],
    ),
    ("g.graphml", f"<?xml version='1.0' encoding='f'?>{GRAPHML}", [], ["[xml_encoding]"]),
    ("g.graphml", b"\xff\xfe<graphml", [], ["[xml_syntax]"]),
    (
        "g.gexf",
        '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">'
        '<graph><attributes class="x"/></graph></gexf>',
        [],
        ["class=x", "[not_gexf]"],
    ),
    ("g.nodelink.json", '{"nodes": [null]}', [], ["nodes[0]", "[node_link_type]"]),
    (
        "g.nodelink.json",
        '{"nodes": [{"id": "a", "type": "actor", "name": "A"}],'
        ' "edges": [{"source": "a", "target": "a", "relation": []}]}',
        [],
        ["edge a → a", "field 'relation'", "[not_relation]"],
    ),
    ("a.apx", "arg(a).\n", [], ["only an attack graph"]),
]


@pytest.mark.parametrize(("name", "content", "options", "expected"), BROKEN)
def test_broken_files_end_in_a_located_message(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str | bytes,
    options: list[str],
    expected: list[str],
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["import", str(path), *options, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and str(path) in err
    for fragment in expected:
        assert fragment in err
    assert len(err.splitlines()) <= 24 and "Traceback" not in err
    assert not out.exists()
    if not options:  # export reads any format import reads, and fails the same way
        assert main(["export", str(path), "-o", str(tmp_path / "out.gexf")]) == 1
        assert str(path) in capsys.readouterr().err


def test_missing_and_unreadable_files_name_the_file(
    tmp_path: Path, example_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.aif.json"
    assert main(["import", str(missing), "-o", str(tmp_path / "o.json")]) == 1
    assert capsys.readouterr().err == f"error: {missing}: No such file or directory\n"
    folder = tmp_path / "folder.graphml"
    folder.mkdir()
    assert main(["import", str(folder), "-o", str(tmp_path / "o.json")]) == 1
    assert capsys.readouterr().err == f"error: {folder}: Is a directory\n"
    nowhere = tmp_path / "no" / "such" / "dir" / "g.gexf"
    assert main(["export", str(example_file), "-o", str(nowhere)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {nowhere}: No such file or directory")


def test_a_file_with_many_problems_fits_on_one_screen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "g.nodelink.json"
    nodes = [{"id": f"n{i}", "type": "actor", "name": "x" * 1000, "kind": "?"} for i in range(300)]
    path.write_text(json.dumps({"nodes": nodes, "edges": []}), encoding="utf-8")
    assert main(["import", str(path), "-o", str(tmp_path / "o.json")]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == f"error: {path}: 300 problem(s); nothing was read"
    assert f"  - {path}, actor 'n0', field 'kind': " in lines[1]
    assert len(lines) <= 24 and max(map(len, lines)) <= 240
    assert lines[-1].strip() == "... and 280 more"


def test_no_traceback_from_the_installed_command(tmp_path: Path) -> None:
    for i, (name, content, options, _) in enumerate(BROKEN):
        path = tmp_path / f"{i}-{name}"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "claimgraph", "import", str(path), *options, "-o", "o.json"],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr and str(path) in result.stderr


def test_an_unknown_format_is_a_file_format_error(tmp_path: Path) -> None:
    for path, fmt in ((tmp_path / "x.xyz", None), (tmp_path / "x.csv", "pdf")):
        with pytest.raises(cg.FileFormatError) as exc:
            formats.read(path, fmt)
        [err] = exc.value.errors
        assert (err.code, err.path) == ("unknown_format", str(path))
        assert isinstance(exc.value, ValueError)  # what it raised before
    with pytest.raises(cg.FileFormatError, match="cannot tell the format"):
        formats.write(cg.ClaimGraph(), tmp_path / "x.xyz")


def test_a_permission_error_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimgraph.formats import graphs

    path = tmp_path / "locked.graphml"
    path.write_text("<graphml/>", encoding="utf-8")

    def refuse(p: object, **_: object) -> bytes:  # what open() raises without read access
        raise PermissionError(13, "Permission denied", str(p))

    monkeypatch.setattr(graphs, "read_bytes", refuse)
    assert main(["import", str(path), "-o", str(tmp_path / "o.json")]) == 1
    assert capsys.readouterr().err == f"error: {path}: Permission denied\n"
