"""Files: native JSON and YAML authoring round trips, atomic saves, errors with lines,
``validate`` and the published JSON Schemas."""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import claimgraph as cg

Writer = Callable[[str, str], Path]


def details(exc: cg.InvalidDataError) -> list[tuple[str, str | None, str | None, int | None]]:
    """(code, record, field, line) of every problem, the stable parts of an error."""
    return [(e.code, e.record, e.field, e.line) for e in exc.errors]


def state(g: cg.ClaimGraph) -> tuple[object, ...]:
    return (list(g), set(g.nx.edges(keys=True)), g.title)


SMALL_YAML = """\
claimgraph: 1
title: Small
actors:
  pakistan: {name: Pakistan, kind: state}
  afghanistan: Afghanistan
propositions:
  p: Militants are sheltered on Afghan soil.
sources:
  news:
    publisher: Arab News
    published: 2025-11-05
    statements:
      - {id: s1, actor: pakistan, asserts: p, said: 2025-10, quote: They shelter them.}
      - {actor: afghanistan, denies: p, responds_to: s1}
"""


# ============================================================================ round trips
@pytest.mark.parametrize("suffix", [".json", ".yaml", ".yml"])
def test_example_round_trips_through_a_file(
    example_graph: cg.ClaimGraph, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"saved{suffix}"
    example_graph.save(path)
    loaded = cg.load(path)
    assert loaded == example_graph
    assert set(loaded.nx.edges(keys=True)) == set(example_graph.nx.edges(keys=True))
    assert loaded.title == example_graph.title
    assert [c.propositions for c in loaded.contradictions()] == [
        c.propositions for c in example_graph.contradictions()
    ]
    # saving what was loaded gives the same bytes: the format is stable
    again = tmp_path / f"again{suffix}"
    cg.save(loaded, again)
    assert again.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_dumps_output_loads_back(example_graph: cg.ClaimGraph, fmt: Any) -> None:
    text = cg.dumps(example_graph, format=fmt)
    assert cg.loads(text, format=fmt) == example_graph


def test_json_is_one_record_per_line(example_graph: cg.ClaimGraph) -> None:
    text = cg.dumps(example_graph)
    doc = json.loads(text)
    assert (doc["format"], doc["version"], doc["title"]) == (
        "claimgraph",
        cg.FORMAT_VERSION,
        example_graph.title,
    )
    assert [len(doc[k]) for k in ("actors", "sources", "propositions", "statements")] == [
        11,
        1,
        18,
        26,
    ]
    lines = text.splitlines()
    assert len(lines) == 2 + 4 * 2 + 11 + 1 + 18 + 26  # head, tail, 4 sections, records
    assert "false and misleading" in text and "Türkiye" in text  # UTF-8, not escaped


def test_yaml_groups_statements_under_their_source(tmp_file: Writer) -> None:
    g = cg.load(tmp_file("small.yaml", SMALL_YAML))
    doc = yaml.safe_load(cg.dumps(g, format="yaml"))
    assert list(doc) == ["claimgraph", "title", "actors", "propositions", "sources"]
    entries = doc["sources"]["news"]["statements"]
    assert entries[0] == {
        "id": "s1",
        "actor": "pakistan",
        "asserts": "p",
        "said": "2025-10",
        "quote": "They shelter them.",
    }
    assert "id" not in entries[1]  # derived ids are left out
    assert entries[1]["denies"] == "p" and entries[1]["responds_to"] == "s1"


def test_yaml_authoring_shorthands(tmp_file: Writer) -> None:
    g = cg.load(tmp_file("small.yaml", SMALL_YAML))
    assert g.title == "Small"
    assert g.get("afghanistan") == cg.Actor(id="afghanistan", name="Afghanistan")
    assert g.get("news").published == "2025-11-05"  # type: ignore[union-attr]
    s1 = g.get("s1")
    assert isinstance(s1, cg.Statement)
    assert (s1.said, s1.reports) == (
        "2025-10",
        (cg.Report(source="news", quote="They shelter them."),),
    )
    [denial] = g.statements(actor="afghanistan")
    assert (denial.kind, denial.responds_to) == ("denial", ("s1",))


def test_yaml_inline_proposition_text() -> None:
    g = cg.loads(
        "claimgraph: 1\nactors: {a: A, b: B}\nstatements:\n"
        "  - {actor: a, asserts: It rained in Kabul.}\n"
        "  - {actor: b, denies: It rained in Kabul.}\n",
        format="yaml",
    )
    [p] = g.propositions.values()
    assert p.id == cg.Proposition(text="It rained in Kabul.").id
    assert [c.kind for c in g.contradictions()] == ["dispute"]


def test_yaml_statement_with_further_reports(tmp_file: Writer) -> None:
    g = cg.loads(
        """\
claimgraph: 1
actors: {a: A}
propositions: {p: P}
sources:
  s1: {title: One}
  s2: {title: Two}
statements:
  - actor: a
    asserts: p
    reports: [{source: s1, quote: "one"}, {source: s2}]
""",
        format="yaml",
    )
    [s] = g.statement_records.values()
    assert s.reports == (cg.Report(source="s1", quote="one"), cg.Report(source="s2"))


def test_format_from_extension_or_argument(example_graph: cg.ClaimGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.txt"
    with pytest.raises(ValueError, match="extension"):
        example_graph.save(path)
    example_graph.save(path, format="yaml")
    assert cg.load(path, format="yaml") == example_graph
    with pytest.raises(ValueError, match="extension"):
        cg.load(path)
    with pytest.raises(ValueError, match="format"):
        cg.save(example_graph, path, format="xml")  # type: ignore[arg-type]


# ============================================================================ atomic saves
def _listing(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir())


@pytest.mark.parametrize("fails", ["replace", "fsync"])
def test_crash_mid_save_leaves_the_previous_file(
    example_graph: cg.ClaimGraph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fails: str,
) -> None:
    path = tmp_path / "graph.json"
    cg.ClaimGraph([cg.Actor(id="a", name="A")]).save(path)
    before = path.read_bytes()

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(os, fails, crash)
    with pytest.raises(OSError, match="disk on fire"):
        example_graph.save(path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert _listing(tmp_path) == ["graph.json"]  # no temporary file left behind


def test_interrupted_save_leaves_the_previous_file(
    example_graph: cg.ClaimGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "graph.yaml"
    example_graph.save(path)
    before = path.read_bytes()
    real_fdopen = os.fdopen

    class Interrupted(BaseException):
        pass

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        f = real_fdopen(fd, *args, **kwargs)

        def write(text: str) -> int:
            f.buffer.write(text[:100].encode())  # half of it gets out, then Ctrl-C
            raise Interrupted

        f.write = write
        return f

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(Interrupted):
        cg.ClaimGraph().save(path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert _listing(tmp_path) == ["graph.yaml"]


def test_save_writes_through_a_rename(
    example_graph: cg.ClaimGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "graph.json"
    calls: list[tuple[str, str]] = []
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        calls.append((os.path.dirname(src), os.fspath(dst)))
        assert Path(src).read_text(encoding="utf-8") == cg.dumps(example_graph)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    example_graph.save(path)
    assert calls == [(str(tmp_path), str(path))]  # same directory: an atomic rename


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_save_keeps_the_permissions_of_the_file_it_replaces(
    example_graph: cg.ClaimGraph, tmp_path: Path
) -> None:
    path = tmp_path / "graph.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0o640)
    example_graph.save(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert cg.load(path) == example_graph


# ============================================================================ load into
def test_load_into_adds_to_an_existing_graph(tmp_file: Writer) -> None:
    g = cg.ClaimGraph([cg.Actor(id="qatar", name="Qatar", kind="mediator")], title="Mine")
    out = cg.load(tmp_file("small.yaml", SMALL_YAML), into=g)
    assert out is g
    assert {"qatar", "pakistan", "s1"} <= set(g.actors) | set(g.statement_records)
    assert g.title == "Mine"  # the caller's title is kept
    cg.load(tmp_file("small.yaml", SMALL_YAML), into=g)  # idempotent
    assert len(g.statement_records) == 2


@pytest.mark.parametrize(
    "bad",
    [
        "  - {actor: ghost, asserts: p}\n",  # an unknown reference
        "  - {actor: qatar, asserts: p, kind: rumour}\n",  # an invalid record
        "  - {id: qatar, actor: pakistan, asserts: p}\n",  # a conflict with the graph
    ],
)
def test_failed_load_leaves_the_graph_unchanged(tmp_file: Writer, bad: str) -> None:
    g = cg.ClaimGraph([cg.Actor(id="qatar", name="Qatar", kind="mediator")])
    before = state(g)
    path = tmp_file("bad.yaml", SMALL_YAML + "statements:\n" + bad)
    with pytest.raises(cg.InvalidDataError) as info:
        cg.load(path, into=g)
    assert state(g) == before
    assert "nothing was loaded" in str(info.value)
    assert [e.line for e in info.value.errors] == [16]


def test_failed_load_of_a_malformed_file_leaves_the_graph_unchanged(tmp_file: Writer) -> None:
    g = cg.ClaimGraph([cg.Actor(id="qatar", name="Qatar", kind="mediator")])
    before = state(g)
    with pytest.raises(cg.FileFormatError):
        cg.load(tmp_file("bad.json", '{"format": "claimgraph", "version": 1,'), into=g)
    assert state(g) == before


def test_load_second_article_into_graph_unites_reports(tmp_file: Writer) -> None:
    first = "claimgraph: 1\nactors: {a: A}\npropositions: {p: P}\nsources:\n  one:\n"
    first += "    title: One\n    statements:\n      - {actor: a, asserts: p}\n"
    second = first.replace("one:", "two:").replace("One", "Two")
    g = cg.load(tmp_file("one.yaml", first))
    result = cg.load(tmp_file("two.yaml", second), into=g)
    [s] = result.statement_records.values()
    assert [r.source for r in s.reports] == ["one", "two"]


# ============================================================================ malformed files
def test_malformed_json_names_the_line(dedent_file: Writer) -> None:
    path = dedent_file(
        "bad.json",
        """
        {"format": "claimgraph", "version": 1,
        "actors": [
        {"id": "a", "name": "A"}
        {"id": "b", "name": "B"}
        ]}
        """,
    )
    with pytest.raises(cg.FileFormatError) as info:
        cg.load(path)
    assert details(info.value) == [("json_syntax", None, None, 4)]
    assert info.value.errors[0].path == str(path)
    assert f"{path}:4" in str(info.value)


def test_malformed_yaml_names_the_line(dedent_file: Writer) -> None:
    path = dedent_file(
        "bad.yaml",
        """
        claimgraph: 1
        actors:
          a: {name: A
          b: B
        """,
    )
    with pytest.raises(cg.FileFormatError) as info:
        cg.load(path)
    [(code, _, _, line)] = details(info.value)
    assert code == "yaml_syntax"
    assert line == 4


def test_unsafe_yaml_tags_are_refused(tmp_file: Writer) -> None:
    path = tmp_file("evil.yaml", "claimgraph: 1\ntitle: !!python/object/apply:os.system [echo]\n")
    with pytest.raises(cg.FileFormatError) as info:
        cg.load(path)
    assert details(info.value) == [("yaml_syntax", None, None, 2)]


def test_duplicate_yaml_keys(dedent_file: Writer) -> None:
    path = dedent_file(
        "dup.yaml",
        """
        claimgraph: 1
        actors:
          pakistan: Pakistan
          afghanistan: Afghanistan
          pakistan: {name: Pakistan, kind: state}
        """,
    )
    with pytest.raises(cg.FileFormatError) as info:
        cg.load(path)
    assert details(info.value) == [("yaml_syntax", None, None, 5)]
    assert "duplicate key 'pakistan'" in info.value.errors[0].message
    assert "line 3" in info.value.errors[0].message


def test_duplicate_keys_inside_a_statement(dedent_file: Writer) -> None:
    path = dedent_file(
        "dup.yaml",
        """
        claimgraph: 1
        actors: {a: A}
        statements:
          - actor: a
            asserts: It rained.
            actor: a
        """,
    )
    assert [(e.code, e.line) for e in cg.validate(path)] == [("yaml_syntax", 6)]


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("v.yaml", "# a comment\nclaimgraph: 3\nactors: {}\n", 2),
        ("v.yaml", "claimgraph: '1'\n", 1),
        ("v.json", '{"format": "claimgraph",\n"version": 3}', 2),
        ("v.json", '{"format": "claimgraph",\n\n"version": "1"}', 3),
        ("v.json", '{"format": "claimgraph"}', None),
    ],
)
def test_wrong_format_version(tmp_file: Writer, name: str, text: str, line: int | None) -> None:
    with pytest.raises(cg.FileFormatError) as info:
        cg.load(tmp_file(name, text))
    assert details(info.value) == [("format_version", None, None, line)]
    assert "version" in info.value.errors[0].message


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("v.yaml", "claimgraph: yes\n"),
        ("v.yaml", "claimgraph: 1.0\n"),
        ("v.json", '{"format": "claimgraph", "version": true}'),
    ],
)
def test_format_version_must_be_the_integer_1(tmp_file: Writer, name: str, text: str) -> None:
    with pytest.raises(cg.FileFormatError) as info:
        cg.load(tmp_file(name, text))
    assert [e.code for e in info.value.errors] == ["format_version"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("x.json", "[1, 2]"),
        ("x.json", '{"format": "other", "version": 1}'),
        ("x.yaml", "- a\n- b\n"),
        ("x.yaml", "actors: {a: A}\n"),
        ("x.yaml", ""),
    ],
)
def test_not_a_claimgraph_file(tmp_file: Writer, name: str, text: str) -> None:
    with pytest.raises(cg.FileFormatError) as info:
        cg.load(tmp_file(name, text))
    assert [e.code for e in info.value.errors] == ["not_claimgraph"]


def test_unknown_top_level_key(dedent_file: Writer) -> None:
    path = dedent_file(
        "x.yaml",
        """
        claimgraph: 1
        actors: {a: A}
        statments:
          - {actor: a, asserts: p}
        """,
    )
    with pytest.raises(cg.FileFormatError) as info:
        cg.load(path)
    assert details(info.value) == [("extra_forbidden", None, None, 3)]
    assert "'statments'" in info.value.errors[0].message
    path = dedent_file(
        "x.json",
        """
        {"format": "claimgraph", "version": 1,
        "actors": [],
        "statments": []
        }
        """,
    )
    with pytest.raises(cg.FileFormatError) as info:
        cg.load(path)
    assert details(info.value) == [("extra_forbidden", None, None, 3)]


def test_unknown_top_level_json_key_line_ignores_values(dedent_file: Writer) -> None:
    path = dedent_file(
        "x.json",
        """
        {"format": "claimgraph", "version": 1,
        "actors": [
        {"id": "a", "name": "notes"}
        ],
        "notes": "mine"
        }
        """,
    )
    with pytest.raises(cg.FileFormatError) as info:
        cg.load(path)
    assert details(info.value) == [("extra_forbidden", None, None, 5)]


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("x.yaml", "claimgraph: 1\nactors: [a, b]\n", 2),
        ("x.yaml", "claimgraph: 1\n\nstatements: {a: b}\n", 3),
        ("x.json", '{"format": "claimgraph", "version": 1,\n"actors": {}}', 2),
    ],
)
def test_section_of_the_wrong_type(tmp_file: Writer, name: str, text: str, line: int) -> None:
    with pytest.raises(cg.FileFormatError) as info:
        cg.load(tmp_file(name, text))
    assert details(info.value) == [("section_type", None, None, line)]


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("claimgraph: 1\ntitle: Türkiye\n".encode("latin-1"))
    with pytest.raises(cg.FileFormatError) as info:
        cg.load(path)
    assert [e.code for e in info.value.errors] == ["encoding"]
    assert [e.code for e in cg.validate(path)] == ["encoding"]


# ============================================================================ bad records
BAD_YAML = """
claimgraph: 1
actors:
  pakistan: {name: Pakistan, kind: state}
  afghanistan: {name: Afghanistan, knd: state}
  ttp: {name: TTP, kind: militia}
propositions:
  p: Militants are sheltered.
sources:
  news:
    published: 2025-13
    statements:
      - {actor: pakistan, asserts: p, kind: rumour}
      - actor: ghost
        denies: p
      - actor: pakistan
        proposition: p
        stance: maybe
        said: Oct 2025
statements:
  - {actor: pakistan, asserts: p, quote: a quote needs a source}
  - {actor: afghanistan, denies: p}
  - {actor: pakistan, asserts: nowhere}
"""


def test_validate_lists_every_problem_of_a_yaml_file(dedent_file: Writer) -> None:
    path = dedent_file("bad.yaml", BAD_YAML)
    found = cg.validate(path)
    ghost = "statement '" + cg.Statement(actor="ghost", proposition="p", stance="denies").id + "'"
    nowhere = "statement '" + cg.Statement(actor="pakistan", proposition="nowhere").id + "'"
    assert [(e.code, e.record, e.field, e.line) for e in found] == [
        ("extra_forbidden", "actor 'afghanistan'", "knd", 4),
        ("enum", "actor 'ttp'", "kind", 5),
        ("partial_date", "source 'news'", "published", 10),
        ("enum", "sources.news.statements[0]", "kind", 12),
        ("unknown_reference", ghost, "actor", 13),
        ("literal_error", "sources.news.statements[2]", "stance", 17),
        ("partial_date", "sources.news.statements[2]", "said", 18),
        ("quote_without_source", "statements[0]", "quote", 20),
        ("unknown_reference", nowhere, "proposition", 22),
    ]
    assert {e.path for e in found} == {str(path)}
    # a record that failed (afghanistan) is not reported again where it is referred to
    assert not any("afghanistan" in e.message for e in found)


def test_load_raises_with_every_problem(dedent_file: Writer) -> None:
    path = dedent_file("bad.yaml", BAD_YAML)
    with pytest.raises(cg.InvalidDataError) as info:
        cg.load(path)
    assert [(e.code, e.line) for e in info.value.errors] == [
        (e.code, e.line) for e in cg.validate(path)
    ]
    assert "9 problem(s)" in str(info.value)
    assert f"{path}:12, sources.news.statements[0], field 'kind'" in str(info.value)


def test_validate_three_problems_three_details(dedent_file: Writer) -> None:
    path = dedent_file(
        "three.yaml",
        """
        claimgraph: 1
        actors:
          a: {name: A, kind: country}
        propositions: {p: P}
        statements:
          - {id: s1, actor: b, asserts: p}
          - {id: s2, actor: a, asserts: p, said: 2025-02}
          - {id: s3, actor: a, asserts: p, said: Oct 2025}
        """,
    )
    assert [(e.code, e.record, e.field, e.line) for e in cg.validate(path)] == [
        ("enum", "actor 'a'", "kind", 3),
        ("unknown_reference", "statement 's1'", "actor", 6),
        ("partial_date", "statement 's3'", "said", 8),
    ]


@pytest.mark.parametrize("said", ["2025-02-30", "2025-13-01"])
def test_impossible_unquoted_yaml_date_is_a_partial_date_error(
    dedent_file: Writer, said: str
) -> None:
    path = dedent_file(
        "date.yaml",
        f"""
        claimgraph: 1
        actors: {{a: A}}
        statements:
          - {{id: s1, actor: a, asserts: It rained., said: {said}}}
        """,
    )
    assert [(e.code, e.record, e.field, e.line) for e in cg.validate(path)] == [
        ("partial_date", "statement 's1'", "said", 4)
    ]


def test_validate_lists_every_problem_of_a_json_file(dedent_file: Writer) -> None:
    path = dedent_file(
        "bad.json",
        """
        {"format": "claimgraph", "version": 1,
        "actors": [
        {"id": "pakistan", "name": "Pakistan", "kind": "state"},
        {"id": "afghanistan", "name": "Afghanistan", "knd": "state"}
        ],
        "propositions": [
        {"id": "p", "text": "P", "contradicts": ["q"]}
        ],
        "statements": [
        {"id": "s1", "actor": "ghost", "proposition": "p"},
        {"id": "s2", "actor": "pakistan", "proposition": "p", "stance": "maybe", "said": "2025-13"},
        {"actor": "pakistan", "proposition": "p", "reports": [{"source": "nowhere"}]}
        ]
        }
        """,
    )
    found = cg.validate(path)
    derived = cg.Statement(actor="pakistan", proposition="p").id
    assert [(e.code, e.record, e.field, e.line) for e in found] == [
        ("extra_forbidden", "actor 'afghanistan'", "knd", 4),
        ("unknown_reference", "proposition 'p'", "contradicts", 7),
        ("unknown_reference", "statement 's1'", "actor", 10),
        ("literal_error", "statement 's2'", "stance", 11),
        ("partial_date", "statement 's2'", "said", 11),
        ("unknown_reference", f"statement '{derived}'", "reports.0.source", 12),
    ]


def test_record_without_id_is_named_by_position(dedent_file: Writer) -> None:
    path = dedent_file(
        "bad.json",
        """
        {"format": "claimgraph", "version": 1,
        "actors": [
        {"id": "a", "name": "A"},
        {"name": "B", "kind": "club"}
        ]}
        """,
    )
    assert [(e.code, e.record, e.field, e.line) for e in cg.validate(path)] == [
        ("enum", "actors[1]", "kind", 4),
    ]


def test_unknown_references_in_files_carry_the_line(dedent_file: Writer) -> None:
    path = dedent_file(
        "refs.yaml",
        """
        claimgraph: 1
        actors:
          a: A
          b: {name: B, member_of: nation}
        propositions:
          p: {text: P, implies: q}
        statements:
          - {id: s1, actor: a, asserts: p}
          - id: s2
            actor: a
            denies: p
            responds_to: [s1, s0]
        """,
    )
    with pytest.raises(cg.InvalidDataError) as info:
        cg.load(path)
    assert details(info.value) == [
        ("unknown_reference", "actor 'b'", "member_of", 4),
        ("unknown_reference", "proposition 'p'", "implies", 6),
        ("unknown_reference", "statement 's2'", "responds_to", 9),
    ]


def test_conflicting_records_in_one_file(dedent_file: Writer) -> None:
    path = dedent_file(
        "conflict.yaml",
        """
        claimgraph: 1
        actors: {a: A}
        propositions: {p: P}
        statements:
          - {id: s1, actor: a, asserts: p}
          - {id: s1, actor: a, denies: p}
        """,
    )
    with pytest.raises(cg.InvalidDataError) as info:
        cg.load(path)
    [(code, record, field, line)] = details(info.value)
    assert (code, record, field) == ("conflict", "statement 's1'", "id")
    assert line in (5, 6)
    assert "differs in stance" in info.value.errors[0].message


def test_yaml_conflict_names_the_line_of_the_duplicate(dedent_file: Writer) -> None:
    path = dedent_file(
        "conflict.yaml",
        """
        claimgraph: 1
        actors: {a: A}
        propositions: {p: P}
        statements:
          - {id: s1, actor: a, asserts: p}
          - {id: s1, actor: a, denies: p}
        """,
    )
    assert [(e.code, e.line) for e in cg.validate(path)] == [("conflict", 6)]


def test_json_problem_of_a_record_names_its_own_line(dedent_file: Writer) -> None:
    path = dedent_file(
        "dup.json",
        """
        {"format": "claimgraph", "version": 1,
        "actors": [{"id": "a", "name": "A"}],
        "propositions": [{"id": "p", "text": "P"}],
        "statements": [
        {"id": "s1", "actor": "ghost", "proposition": "p"},
        {"id": "s1", "actor": "a", "proposition": "p"}
        ]}
        """,
    )
    found = [(e.code, e.field, e.line) for e in cg.validate(path)]
    assert ("unknown_reference", "actor", 5) in found


def test_statement_that_is_not_a_mapping_names_its_line(dedent_file: Writer) -> None:
    path = dedent_file(
        "str.yaml",
        """
        claimgraph: 1
        actors: {a: A}
        statements:
          - {actor: a, asserts: It rained.}
          - Pakistan says it rained.
        """,
    )
    assert [(e.code, e.record, e.line) for e in cg.validate(path)] == [
        ("model_type", "statements[1]", 5)
    ]


def test_yaml_statement_needs_exactly_one_proposition(dedent_file: Writer) -> None:
    path = dedent_file(
        "x.yaml",
        """
        claimgraph: 1
        actors: {a: A}
        statements:
          - {actor: a, asserts: p, denies: p}
          - {actor: a, proposition: p}
          - {actor: a}
        """,
    )
    found = cg.validate(path)
    assert [(e.code, e.record, e.line) for e in found] == [
        ("one_proposition", "statements[0]", 4),
        ("stance_missing", "statements[1]", 5),
        ("one_proposition", "statements[2]", 6),
    ]


def test_validate_of_a_valid_file(example_file: Path) -> None:
    assert cg.validate(example_file) == []


def test_validate_of_a_malformed_file_returns_the_error(tmp_file: Writer) -> None:
    found = cg.validate(tmp_file("x.yaml", "claimgraph: 1\nactors: [\n"))
    assert [e.code for e in found] == ["yaml_syntax"]


def test_error_detail_text() -> None:
    d = cg.ErrorDetail("enum", "bad kind", "actor 'a'", "kind", "f.yaml", 3)
    assert str(d) == "f.yaml:3, actor 'a', field 'kind': bad kind [enum]"
    assert str(cg.ErrorDetail("x", "m", line=7)) == "line 7: m [x]"
    assert str(cg.ErrorDetail("x", "m")) == "m [x]"


# ============================================================================ schemas
def test_json_schema_validates_a_saved_file(example_graph: cg.ClaimGraph, tmp_path: Path) -> None:
    schema = cg.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    path = tmp_path / "example.json"
    example_graph.save(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["statements"][0].update(stance="maybe"), "stance"),
        (lambda d: d["statements"][0].update(said="2025/10"), "said"),
        (lambda d: d["actors"][0].update(nmae="typo"), "nmae"),
        (lambda d: d.update(version=3), "version"),
    ],
)
def test_json_schema_rejects_what_load_rejects(
    example_graph: cg.ClaimGraph, change: Callable[[dict[str, Any]], None], where: str
) -> None:
    doc = json.loads(cg.dumps(example_graph))
    change(doc)
    with pytest.raises(jsonschema.ValidationError) as info:
        jsonschema.validate(doc, cg.schema(), cls=jsonschema.Draft202012Validator)
    assert where in str(info.value.message) + str(list(info.value.absolute_path))


class _Yaml12Loader(yaml.SafeLoader):
    """YAML as editors read it against a JSON Schema: dates stay strings."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_yaml_schema_is_a_valid_schema() -> None:
    schema = cg.schema("yaml")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "claimgraph YAML authoring file"


def test_yaml_schema_validates_long_form_entries() -> None:
    doc = yaml.load(
        """
claimgraph: 1
actors:
  a: {name: A, kind: state, member_of: []}
  b: {name: B, member_of: [a]}
propositions:
  p: {text: P, contradicts: [q]}
  q: {text: Q}
sources:
  news:
    published: 2025-11-05
    statements:
      - {actor: b, asserts: p, said: 2025-10, quote: hi, responds_to: []}
""",
        Loader=_Yaml12Loader,  # noqa: S506 - a SafeLoader subclass
    )
    jsonschema.validate(doc, cg.schema("yaml"), cls=jsonschema.Draft202012Validator)
    doc["sources"]["news"]["statements"][0]["stance"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, cg.schema("yaml"), cls=jsonschema.Draft202012Validator)


def test_yaml_schema_validates_the_example(example_file: Path) -> None:
    doc = yaml.load(example_file.read_text(encoding="utf-8"), Loader=_Yaml12Loader)  # noqa: S506
    jsonschema.validate(doc, cg.schema("yaml"), cls=jsonschema.Draft202012Validator)


def test_yaml_dates_and_years_load(tmp_file: Writer) -> None:
    g = cg.load(
        tmp_file(
            "d.yaml",
            "claimgraph: 1\nactors: {a: A}\nstatements:\n"
            "  - {actor: a, asserts: It rained., said: 2025}\n"
            "  - {actor: a, asserts: It snowed., said: 2025-10-19}\n",
        )
    )
    assert sorted(s.said for s in g.statements()) == ["2025", "2025-10-19"]


@pytest.mark.parametrize("text", ["\x85", "before\x85after"])
def test_yaml_keeps_next_line_characters(tmp_path: Path, text: str) -> None:
    g = cg.ClaimGraph([cg.Actor(id="a", name="A"), cg.Proposition(id="p", text=text)])
    path = tmp_path / "nel.yaml"
    g.save(path)
    assert cg.load(path).propositions["p"].text == text


def test_fast_and_careful_json_paths_agree(
    example_graph: cg.ClaimGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimgraph import io as cg_io

    path = tmp_path / "g.json"
    example_graph.add_actor(id="desk", name="Desk", kind="outlet")
    example_graph.add_review(proposition="offer-rejected", reviewer="desk", textual_rating="?")
    example_graph.save(path)
    text = path.read_text(encoding="utf-8")
    by_lines = cg_io._parse_json_lines(text, None)
    whole = cg_io._parse_json_fast(text, None)
    careful = cg_io._parse_json(text, None)
    assert by_lines and whole
    assert by_lines.records == whole.records == careful.records == list(example_graph)
    assert by_lines.title == whole.title == careful.title == example_graph.title
    # the line of every record is the same on every path
    n = len(careful.records)
    assert [by_lines.record_line(i) for i in range(n)] == [careful.record_line(i) for i in range(n)]
    assert [whole.record_line(i) for i in range(n)] == [careful.record_line(i) for i in range(n)]
    # JSON in another layout is not for the line path, but still read in one pass
    compact = json.dumps(json.loads(text))
    assert cg_io._parse_json_lines(compact, None) is None
    assert cg.loads(compact) == example_graph
    # in the layout, but invalid: the careful path names the record and its line
    broken = text.replace('"stance":"denies"', '"stance":"maybe"', 1)
    assert cg_io._parse_json_lines(broken, None) is False
    with pytest.raises(cg.InvalidDataError) as info:
        cg.loads(broken)
    [err] = info.value.errors
    assert err.field == "stance" and err.line == broken[: broken.index('"maybe"')].count("\n") + 1
    monkeypatch.setattr(cg_io, "_CHUNK", 3)  # many chunks: the commas between them
    assert cg.loads(text) == example_graph


@pytest.mark.parametrize(
    ("name", "text", "code"),
    [
        (
            "deep.json",
            '{"format": "claimgraph", "version": 1, "title": ' + "[" * 100_000,
            "too_deep",
        ),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "too_deep"),
        (
            "deep.json",
            '{"format": "claimgraph", "version": 1, "title": ' + "[" * 101 + "]" * 101 + "}",
            "too_deep",
        ),
        ("deep.yaml", "claimgraph: 1\ntitle: " + "[" * 100_000 + "]" * 100_000, "too_deep"),
        ("deep.yaml", "claimgraph: 1\nstatements:\n  " + "- " * 50_000 + "x\n", "too_deep"),
        ("deep.yaml", "claimgraph: 1\ntitle: " + "{a: " * 50_000 + "1" + "}" * 50_000, "too_deep"),
        ("deep.yaml", "claimgraph: 1\ntitle: " + "[" * 101 + "]" * 101, "too_deep"),
    ],
    ids=[
        "json-unclosed",
        "json-array",
        "json-101",
        "yaml-flow-list",
        "yaml-block-list",
        "yaml-flow-map",
        "yaml-101",
    ],
)
def test_deeply_nested_input_is_a_file_format_error(
    tmp_file: Writer, name: str, text: str, code: str
) -> None:
    with pytest.raises(cg.FileFormatError) as info:
        cg.load(tmp_file(name, text))
    assert info.value.errors[0].code == code
