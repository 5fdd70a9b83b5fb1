"""The ``claimgraph`` command line: report, validate, schema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

import claimgraph as cg
from claimgraph.cli import main

Writer = Callable[[str, str], Path]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------------------- report
def test_report_text(capsys: pytest.CaptureFixture[str], example_file: Path) -> None:
    code, out, err = run(capsys, "report", str(example_file))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Pakistan and Afghanistan resume talks in Istanbul"
    assert "DISPUTES (2)" in lines
    assert "INCONSISTENCIES (0)" in lines
    assert "AGREEMENTS (3)" in lines
    disputes = out[out.index("DISPUTES") : out.index("INCONSISTENCIES")]
    assert "[offer-rejected]" in disputes and "[militants-sheltered]" in disputes
    assert disputes.index("[offer-rejected]") < disputes.index("[militants-sheltered]")
    assert "“false and misleading”" in disputes
    assert "Arab News 2025-11-05" in disputes
    assert "Taliban spokesperson" in disputes
    agreed = out[out.index("AGREEMENTS") : out.index("DEMANDS AND OFFERS")]
    for pid in ("ceasefire-extended", "monitoring-mechanism", "ceasefire-agreed"):
        assert f"[{pid}]" in agreed
    assert "asserted by Afghanistan, Pakistan" in agreed
    demands = out[out.index("DEMANDS AND OFFERS") :]
    assert "demand: “The militant attacks originating from Afghan territory must stop.”" in demands
    assert "offer: “Kabul offered" in demands


def test_report_json(capsys: pytest.CaptureFixture[str], example_file: Path) -> None:
    code, out, _ = run(capsys, "report", str(example_file), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {"disputes", "inconsistencies", "agreements"} <= set(data)
    assert data["inconsistencies"] == []
    assert [d["proposition"]["id"] for d in data["disputes"]] == [
        "offer-rejected",
        "militants-sheltered",
    ]
    g = cg.load(example_file)
    for entry in data["disputes"] + data["agreements"]:
        prop = entry["proposition"]
        assert set(prop) == {"id", "text"}
        assert prop["text"] == g.propositions[prop["id"]].text
    offer = data["disputes"][0]
    assert offer["kind"] == "dispute" and offer["sides"] == ["afghanistan", "pakistan"]
    stances = {s["stance"]: s for s in offer["stances"]}
    assert set(stances) == {"asserts", "denies"}
    assert (stances["asserts"]["sides"], stances["asserts"]["actors"]) == (
        ["afghanistan"],
        ["af-spokesperson"],
    )
    assert stances["denies"]["sides"] == ["pakistan"]
    assert stances["denies"]["actors"] == [
        "pk-government",
        "pk-information-ministry",
        "pk-officials",
    ]
    quotes = [r["quote"] for s in stances["denies"]["statements"] for r in s["reports"]]
    assert "false and misleading" in quotes
    agreed = {a["proposition"]["id"]: a for a in data["agreements"]}
    assert {"ceasefire-extended", "monitoring-mechanism"} <= set(agreed)
    assert agreed["ceasefire-extended"]["sides"] == ["afghanistan", "pakistan"]
    assert agreed["ceasefire-extended"]["actors"] == ["afghanistan", "pakistan"]
    assert [d["id"] for d in data["positions"]["demands"]["pakistan"]] == [
        "dm-single-demand",
        "pk-presses-end-of-attacks",
        "pk-control-or-arrest",
        "pk-urges-land-not-used",
    ]
    assert data == cg.report_data(g)


def test_report_markdown(capsys: pytest.CaptureFixture[str], example_file: Path) -> None:
    code, out, _ = run(capsys, "report", "-f", "markdown", str(example_file))
    assert code == 0
    assert out.startswith("# Pakistan and Afghanistan resume talks in Istanbul\n")
    assert "## Disputes (2)" in out and "## Agreements (3)" in out
    assert "(`offer-rejected`)" in out and "(`militants-sheltered`)" in out
    assert "[Arab News 2025-11-05](https://www.arabnews.com/node/)" in out
    assert "- **asserts — Afghanistan**" in out


def test_report_of_a_json_file(
    capsys: pytest.CaptureFixture[str], example_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "example.json"
    cg.load(example_file).save(path)
    code, out, _ = run(capsys, "report", str(path))
    _, expected, _ = run(capsys, "report", str(example_file))
    assert code == 0 and out == expected


def test_report_of_a_bad_file(capsys: pytest.CaptureFixture[str], tmp_file: Writer) -> None:
    path = tmp_file(
        "bad.yaml", "claimgraph: 1\nactors: {a: A}\nstatements:\n  - {actor: b, asserts: x}\n"
    )
    code, out, err = run(capsys, "report", str(path))
    assert (code, out) == (1, "")
    assert f"{path}:4" in err and "unknown_reference" in err


def test_report_of_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "report", str(tmp_path / "nope.yaml"))
    assert (code, out) == (1, "")
    assert err.startswith("error:")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], example_file: Path) -> None:
    for argv in ([], ["frobnicate"], ["report", str(example_file), "--format", "pdf"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
    capsys.readouterr()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"claimgraph {cg.__version__}"


# ---------------------------------------------------------------------------- validate
BAD = """\
claimgraph: 1
actors:
  a: {name: A, kind: country}
propositions: {p: P}
statements:
  - {id: s1, actor: b, asserts: p}
  - {id: s2, actor: a, asserts: p, said: 2025-14}
"""


def test_validate_ok(capsys: pytest.CaptureFixture[str], example_file: Path) -> None:
    code, out, err = run(capsys, "validate", str(example_file))
    assert (code, out, err) == (0, f"ok: {example_file}\n", "")


def test_validate_prints_every_problem_with_its_line(
    capsys: pytest.CaptureFixture[str], tmp_file: Writer, example_file: Path
) -> None:
    bad = tmp_file("bad.yaml", BAD)
    code, out, err = run(capsys, "validate", str(example_file), str(bad))
    assert code == 1
    assert out == f"ok: {example_file}\n"
    lines = err.splitlines()
    assert lines[0] == f"{bad}: 3 problem(s)"
    assert lines[1].startswith(f"  {bad}:3, actor 'a', field 'kind': ")
    assert lines[1].endswith("[enum]")
    assert lines[2].startswith(f"  {bad}:6, statement 's1', field 'actor': ")
    assert lines[2].endswith("[unknown_reference]")
    assert lines[3].startswith(f"  {bad}:7, statement 's2', field 'said': ")
    assert lines[3].endswith("[partial_date]")
    assert len(lines) == 4


def test_validate_malformed_and_missing_files(
    capsys: pytest.CaptureFixture[str], tmp_file: Writer, tmp_path: Path
) -> None:
    broken = tmp_file("broken.json", '{"format": "claimgraph",\n"version": 1,,}')
    missing = tmp_path / "missing.yaml"
    odd = tmp_file("notes.txt", "hello")
    code, out, err = run(capsys, "validate", str(broken), str(missing), str(odd))
    assert (code, out) == (1, "")
    assert f"{broken}:2" in err and "[json_syntax]" in err
    assert f"{missing}:" in err
    assert f"{odd}:" in err and "extension" in err


# ---------------------------------------------------------------------------- schema
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_schema_prints_a_valid_json_schema(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(capsys, "schema", "--format", fmt)
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == json.loads(json.dumps(cg.schema(fmt)))  # type: ignore[arg-type]


def test_schema_defaults_to_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out)["title"] == "claimgraph JSON file"


# ---------------------------------------------------------------------------- installed
def test_installed_console_script(example_file: Path, tmp_file: Writer) -> None:
    exe = shutil.which("claimgraph")
    assert exe is not None, "the claimgraph console script is not installed"
    result = subprocess.run(
        [exe, "report", str(example_file)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "DISPUTES (2)" in result.stdout and "AGREEMENTS (3)" in result.stdout
    bad = tmp_file("bad.yaml", BAD)
    result = subprocess.run(
        [exe, "validate", str(bad)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert f"{bad}:6" in result.stderr


def test_python_dash_m(example_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "claimgraph", "report", "--format", "json", str(example_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["disputes"]) == 2


def test_no_module_is_shadowed_by_a_function_of_its_package() -> None:
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(cg.__path__):
        if info.name.startswith("_"):
            continue  # __main__ runs the CLI; private modules are not API
        module = importlib.import_module(f"claimgraph.{info.name}")
        assert getattr(cg, info.name) is module, f"cg.{info.name} is not the module"
    import claimgraph.reports

    assert callable(cg.report) and cg.report is claimgraph.reports.report


def test_the_store_formats_and_analyses_are_attributes_of_the_package() -> None:
    import subprocess
    import sys

    code = (
        "import sys, claimgraph as cg; assert 'claimgraph.store' not in sys.modules;"
        "print(cg.store.Store.__name__, cg.formats.read.__name__,"
        " cg.corroboration.corroboration.__name__, cg.reversals.reversals.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["Store", "read", "corroboration", "reversals"]
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        cg.nope  # noqa: B018
