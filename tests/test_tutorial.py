"""examples/tutorial.ipynb runs from top to bottom (offline) and its stored copy stays small."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "examples" / "tutorial.ipynb"


def test_stored_notebook_is_small_and_clean() -> None:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert NOTEBOOK.stat().st_size < 250_000
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", cell["source"]
            assert len(json.dumps(out)) < 60_000, "an output too big to store: " + "".join(
                cell["source"]
            )
    sources = "\n".join("".join(c["source"]) for c in nb["cells"])
    for step in ("cg.load", "contradictions()", "frames.", "view(", "plot_timeline("):
        assert step in sources, f"the tutorial no longer shows {step}"


def test_tutorial_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat", reason="running the notebook needs nbformat")
    nbclient = pytest.importorskip("nbclient", reason="running the notebook needs nbclient")
    pytest.importorskip("ipykernel", reason="running the notebook needs ipykernel")
    pytest.importorskip("pyvis", reason="the tutorial needs the viz extra")
    pytest.importorskip("matplotlib", reason="the tutorial needs the viz extra")
    pytest.importorskip("pandas", reason="the tutorial needs the pandas extra")
    # jupyter_core warns (DeprecationWarning) unless told to use the platform's dirs
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    outputs = {
        "".join(c.source): c.outputs for c in nb.cells if c.cell_type == "code" and c.outputs
    }
    shown = json.dumps(outputs)
    assert '"output_type": "error"' not in shown
    # the files the tutorial writes, in the directory it ran in
    page = (tmp_path / "istanbul-network.html").read_text(encoding="utf-8")
    assert "new vis.Network" in page
    assert (tmp_path / "ceasefire.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in (tmp_path / "istanbul-network.svg").read_bytes()[:400]
    # the network view shows inline, the timeline as a picture, the graph as HTML
    view_out = next(v for k, v in outputs.items() if "view(g," in k)
    assert "<iframe srcdoc=" in view_out[0]["data"]["text/html"]
    timeline_out = next(v for k, v in outputs.items() if "plot_timeline(g, disputes" in k)
    assert "image/png" in timeline_out[0]["data"]
    assert (
        "ClaimGraph"
        in next(v for k, v in outputs.items() if k.endswith("\ng"))[0]["data"]["text/html"]
    )
