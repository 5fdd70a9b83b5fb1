"""Every script in ``examples/`` runs, and the worked example says what the article says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import claimgraph as cg
from claimgraph.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


def test_there_are_example_scripts() -> None:
    assert EXAMPLES / "quickstart.py" in SCRIPTS


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_example_script_runs(script: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,  # scripts must not depend on the working directory
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_quickstart_output() -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "quickstart.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    assert "[dispute, exclusive]" in out
    assert "[dispute, opposite_stances]" in out
    assert "“false and misleading”" in out
    assert "both assert “The ceasefire between Pakistan and Afghanistan is extended”" in out
    assert "saved and loaded back quickstart.json" in out
    assert "saved and loaded back quickstart.yaml" in out


def test_istanbul_example_report(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLES / "istanbul-talks.yaml"
    assert main(["report", str(path)]) == 0
    out = capsys.readouterr().out
    assert "DISPUTES (2)" in out and "AGREEMENTS (3)" in out
    assert main(["validate", str(path)]) == 0
    capsys.readouterr()


def test_bundled_example_is_the_examples_file() -> None:
    assert cg.example_path().read_bytes() == (EXAMPLES / "istanbul-talks.yaml").read_bytes()
    with pytest.raises(cg.NotFoundError):
        cg.example_path("nope.yaml")


def test_istanbul_example_encodes_the_article(example_graph: cg.ClaimGraph) -> None:
    g = example_graph
    assert len(g.sources) == 1
    [source] = g.sources.values()
    assert (source.publisher, source.published) == ("Arab News", "2025-11-05")
    # every statement is reported by the article
    assert all(s.reports for s in g.statement_records.values())
    # the mediators
    assert g.members("mediators") == ["mediators", "qatar", "turkiye"]
    assert {g.actors[a].kind for a in ("qatar", "turkiye")} == {"mediator"}
    # the defense minister's report, hope and single demand
    kinds = sorted(s.kind for s in g.statements(actor="pk-defense-minister"))
    assert kinds == ["characterization", "demand", "hope", "report"]
    # Pakistan's restated position: control or arrest, hand over at agreed border posts
    restated = g.statements(actor="pk-information-ministry", stance="asserts")
    assert {s.proposition for s in restated} == {"control-or-arrest", "hand-over-at-border-posts"}
    assert all(s.responds_to == ("af-claims-offer-rejected",) for s in restated)
    # Kabul's denial answers Pakistan's claim
    assert g.get("af-denies-sheltered").responds_to == ("pk-sheltered",)  # type: ignore[union-attr]


def test_the_border_crossing_example_tells_its_story(capsys: pytest.CaptureFixture[str]) -> None:
    """The second example: a correction, a withdrawn figure, a neutral report, a fact-check."""
    path = EXAMPLES / "border-crossing.yaml"
    assert main(["validate", str(path)]) == 0
    assert main(["report", str(path)]) == 0
    out = capsys.readouterr().out
    for line in (
        "DISPUTES (1)",
        "AGREEMENTS (1)",
        "NEUTRAL REPORTS (1)",
        "RETRACTIONS AND CORRECTIONS (2)",
    ):
        assert line in out
    g = cg.load(path)
    [dispute] = g.contradictions()
    assert (dispute.propositions, dispute.sides) == (("shelled",), ("north", "south"))
    assert [(r.statement.id, r.kind) for r in cg.retractions(g)] == [
        ("post-closed", "correction"),
        ("ministry-queue", "retraction"),
    ]
    # on the 20th the reporter's post stood; the wire takes no side; the desk rated the claim
    assert [s.id for s in g.statements(as_of="2025-10-20")] == ["post-closed"]
    assert g.positions().stance("wire", "shelled") == "reports"
    assert [r.textual_rating for r in g.reviews_of("shelled")] == ["Unproven"]
    assert [s.hedge for s in g.statements(certainty="hedged")] == ["reportedly", "expects"]
