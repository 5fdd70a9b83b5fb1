"""The network view without a browser: its data, the page's self-containment, the CLI,
and the matplotlib figures (timeline and static network)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import claimgraph as cg
from claimgraph.cli import main

pytest.importorskip("pyvis", reason="the network view needs the viz extra (pyvis)")

from claimgraph.view import NetworkView, network_data, network_html, view


@pytest.fixture(scope="module")
def g() -> cg.ClaimGraph:
    return cg.load(cg.example_path())


def _data(page: str) -> dict[str, object]:
    m = re.search(r'<script type="application/json" id="cg-data">(.*?)</script>', page, re.S)
    assert m is not None
    data: dict[str, object] = json.loads(m.group(1))
    return data


def test_network_data_links_statements_to_actors_and_propositions(g: cg.ClaimGraph) -> None:
    data = network_data(g)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == set(g.actors) | set(g.propositions) | set(g.statement_records)
    edges = {(e["from"], e["to"], e["relation"]) for e in data["edges"]}
    for s in g.statement_records.values():
        assert (s.id, s.actor, "said_by") in edges
        assert (s.id, s.proposition, "about") in edges
        assert nodes[s.id]["stance"] == s.stance
        assert nodes[s.id]["side"] == g.side(s.actor)
    about = [e for e in data["edges"] if e["relation"] == "about"]
    assert {e["stance"] for e in about} == {"asserts", "denies"}
    # actors of one side share a colour, different sides differ
    colour = {a: nodes[a]["color"] for a in g.actors}
    assert colour["pk-defense-minister"] == colour["pakistan"] != colour["afghanistan"]
    disputed = {p for p, n in nodes.items() if n.get("disputed")}
    assert disputed == {c.proposition for c in g.contradictions() if c.kind == "dispute"}


def test_declared_contradictions_are_edges() -> None:
    graph = cg.ClaimGraph(
        [
            cg.Actor(id="a", name="A"),
            cg.Proposition(id="p", text="P", contradicts=["q"]),
            cg.Proposition(id="q", text="Q"),
            cg.Statement(id="s", actor="a", proposition="p"),
        ]
    )
    data = network_data(graph, sources=False)
    assert {"from": "p", "to": "q", "relation": "contradicts"} in data["edges"]


def test_page_is_self_contained(g: cg.ClaimGraph) -> None:
    page = network_html(g)
    assert page.startswith("<!DOCTYPE html>")
    assert "vis-network" in page and "new vis.Network" in page
    # nothing is fetched: no external script, stylesheet, image or frame
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page, re.I)
    assert "default-src 'none'" in page
    assert _data(page)["title"] == g.title
    assert len(_data(page)["nodes"]) == len(network_data(g)["nodes"])  # type: ignore[arg-type]


def test_hostile_text_stays_inside_the_json(tmp_path: Path) -> None:
    evil = "</script><img src=x onerror=alert(1)><!--"
    graph = cg.ClaimGraph(
        [
            cg.Actor(id="a", name=evil),
            cg.Proposition(id="p", text=evil),
            cg.Statement(id="s", actor="a", proposition="p", reports=[]),
        ],
        title=evil,
    )
    page = network_html(graph)
    assert "<img" not in page
    assert page.count('<script type="application/json"') == 1
    data = _data(page)
    assert data["title"] == evil  # the JSON decodes back to the very text
    assert any(n["label"] == evil for n in data["nodes"])  # type: ignore[attr-defined]


def test_view_saves_and_displays_inline(g: cg.ClaimGraph, tmp_path: Path) -> None:
    out = tmp_path / "net.html"
    v = view(g, out, title="Istanbul")
    assert isinstance(v, NetworkView)
    assert out.read_text(encoding="utf-8") == v.html
    inline = v._repr_html_()
    assert inline.startswith("<iframe srcdoc=") and "<script" not in inline
    assert "KiB" in repr(v)
    assert not list(tmp_path.glob("*.tmp"))


def test_cli_view(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "istanbul.html"
    assert main(["view", str(cg.example_path()), "-o", str(out), "--sources"]) == 0
    assert "wrote" in capsys.readouterr().out
    groups = {n["group"] for n in _data(out.read_text(encoding="utf-8"))["nodes"]}  # type: ignore[attr-defined]
    assert "source" in groups
    assert main(["view", str(tmp_path / "missing.yaml"), "-o", str(out)]) == 1


# ---------------------------------------------------------------------------- figures
def test_timeline_figure(g: cg.ClaimGraph, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="figures need the viz extra (matplotlib)")
    from claimgraph.figures import plot_timeline

    fig = plot_timeline(g, "ceasefire-agreed", path=tmp_path / "t.png")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Afghanistan", "Pakistan"]
    # a month-precision date is drawn as a span, plus its marker
    spans = [ln for ln in ax.get_lines() if len(ln.get_xdata()) == 2]
    assert len(spans) == 2
    assert (tmp_path / "t.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    c = g.contradictions()[0]
    plot_timeline(g, c, path=tmp_path / "c.svg")
    assert b"<svg" in (tmp_path / "c.svg").read_bytes()[:400]
    with pytest.raises(cg.NotFoundError):
        plot_timeline(g, "no-such-proposition")


def test_network_figure(g: cg.ClaimGraph, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="figures need the viz extra (matplotlib)")
    from claimgraph.figures import draw_network

    fig = draw_network(g, path=tmp_path / "n.svg")
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert "Pakistan" in texts and "Afghanistan" in texts
    assert (tmp_path / "n.svg").stat().st_size > 1000
    with pytest.raises(ValueError, match=r"\.png"):
        draw_network(g, path=tmp_path / "n.gif")
    assert not (tmp_path / "n.gif").exists()


def test_submodules_do_not_shadow_package_names() -> None:
    """Importing a submodule sets an attribute of the package: none may hide a public name
    (a module ``claimgraph.timeline`` would replace the function ``cg.timeline``)."""
    import importlib
    import types

    for name in ("display", "frames", "view", "figures"):
        importlib.import_module(f"claimgraph.{name}")
    shadowed = [n for n in cg.__all__ if isinstance(getattr(cg, n), types.ModuleType)]
    assert not shadowed


def test_missing_extras_name_what_to_install(
    g: cg.ClaimGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util
    import sys

    from claimgraph import figures, frames
    from claimgraph import view as view_module

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyvis" else real(name, *a)
    )
    view_module._vis_assets.cache_clear()
    with pytest.raises(cg.MissingDependencyError, match=r"claimgraph\[viz\]"):
        view(g)
    view_module._vis_assets.cache_clear()
    for name in ("matplotlib", "matplotlib.figure", "matplotlib.dates", "pandas"):
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(cg.MissingDependencyError, match=r"claimgraph\[viz\]"):
        figures.plot_timeline(g, "ceasefire-agreed")
    with pytest.raises(cg.MissingDependencyError, match=r"claimgraph\[viz\]"):
        figures.draw_network(g)
    with pytest.raises(cg.MissingDependencyError, match=r"claimgraph\[pandas\]"):
        frames.positions_frame(g.positions())
    # the rich display needs none of them
    assert "<table>" in g._repr_html_()
