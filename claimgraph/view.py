"""An interactive network view of a graph: inline in a notebook, or a standalone HTML file.

``view(g)`` as the last value of a notebook cell shows the network inline;
``view(g, "network.html")`` also writes the same page as a standalone file.

The page draws actors (coloured by side), propositions and statements, each statement
linked to its actor and its proposition: assertions in green, denials in red and dashed.
Contradictions are drawn as thick red zigzag edges between the propositions declared
incompatible, and a disputed proposition (asserted by one side, denied by another) gets a
red border. Hovering a node shows its text; clicking a statement shows its quotes, date and
sources in the side panel. Check boxes filter by side and a list filters by proposition.

The page is self-contained: the rendering library, `vis-network <https://visjs.github.io/
vis-network/>`_ (Apache-2.0 / MIT), is read from the package data of the ``pyvis``
package and inlined, so it works offline and fetches nothing. Needs the ``viz`` extra
(``pip install 'claimgraph[viz]'``).

All text from the data goes into a JSON block (with ``<``, ``>`` and ``&`` escaped, so a
quote containing ``</script>`` cannot end it) and is put on the page as text, never as
markup.

Examples
--------
>>> import claimgraph as cg
>>> from claimgraph.view import network_data
>>> data = network_data(cg.load(cg.example_path()))
>>> sorted({n["group"] for n in data["nodes"]})
['actor', 'proposition', 'statement']
>>> {e["relation"] for e in data["edges"]} >= {"said_by", "about", "member_of"}
True
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._markup import escape_html
from .display import STANCE_COLORS
from .exceptions import MissingDependencyError
from .filters import Window

if TYPE_CHECKING:
    from .graph import ClaimGraph

__all__ = ["NetworkView", "network_data", "network_html", "view"]

# a palette that stays readable on white; sides beyond it cycle
_PALETTE = [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#d62728",
]
_ASSERTS, _DENIES = STANCE_COLORS["asserts"], STANCE_COLORS["denies"]


def side_colors(graph: ClaimGraph) -> dict[str, str]:
    """A colour per side, the sides with most statements first (stable for a given graph)."""
    count: dict[str, int] = {}
    for s in graph.statement_records.values():
        side = graph.side(s.actor)
        count[side] = count.get(side, 0) + 1
    ordered = sorted(graph.roots(), key=lambda sd: (-count.get(sd, 0), sd))
    return {sd: _PALETTE[i % len(_PALETTE)] for i, sd in enumerate(ordered)}


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def network_data(graph: ClaimGraph, *, sources: bool = False) -> dict[str, Any]:
    """The nodes and edges the page draws, as JSON-ready dicts (vis-network's shape).

    Each node has ``id``, ``label``, ``group`` (actor, proposition, statement or source),
    ``title`` (the hover text, plain text), ``side`` and the details the panel shows;
    each edge has ``from``, ``to`` and ``relation`` (an edge type of the graph, e.g.
    ``said_by``, ``about``, ``contradicts``). With ``sources=True`` the sources are drawn
    too, linked to the statements they report.
    """
    colors = side_colors(graph)
    side_of = graph.side_map()
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    stance_sides = graph.stance_sides(Window())
    for a in graph.actors.values():
        side = side_of[a.id]
        nodes.append(
            {
                "id": a.id,
                "label": _short(a.name, 40),
                "group": "actor",
                "title": f"{a.name} ({a.kind}); side: {graph.actors[side].name}",
                "side": side,
                "color": colors.get(side, "#999"),
                "shape": "box" if a.id == side else "ellipse",
            }
        )
        for parent in a.member_of:
            edges.append({"from": a.id, "to": parent, "relation": "member_of"})
    for p in graph.propositions.values():
        yes, no = stance_sides.get(p.id, ((), ()))
        disputed = any(y != n for y in yes for n in no)  # one side asserts, another denies
        nodes.append(
            {
                "id": p.id,
                "label": _short(p.text),
                "group": "proposition",
                "title": p.text,
                "text": p.text,
                "disputed": disputed,
            }
        )
        for q in p.contradicts:
            edges.append({"from": p.id, "to": q, "relation": "contradicts"})
        for q in p.implies:
            edges.append({"from": p.id, "to": q, "relation": "implies"})
    if sources:
        for src in graph.sources.values():
            label = src.publisher or src.title or src.id
            nodes.append(
                {
                    "id": src.id,
                    "label": _short(label, 40),
                    "group": "source",
                    "title": " — ".join(x for x in (src.title, src.publisher, src.url) if x),
                }
            )
    for s in graph.statement_records.values():
        actor = graph.actors[s.actor]
        side = side_of[s.actor]
        reports = []
        for r in s.reports:
            rsrc = graph.sources.get(r.source)
            reports.append(
                {
                    "source": (rsrc.publisher or rsrc.title or r.source) if rsrc else r.source,
                    "url": rsrc.url if rsrc else None,
                    "quote": r.quote,
                }
            )
            if sources:
                edges.append({"from": s.id, "to": r.source, "relation": "reported_in"})
        quote = s.quotes[0] if s.quotes else graph.propositions[s.proposition].text
        nodes.append(
            {
                "id": s.id,
                "label": "",
                "group": "statement",
                "title": f"{actor.name} {s.stance} ({s.kind}, {s.said or 'undated'}): {quote}",
                "side": side,
                "proposition": s.proposition,
                "actor_name": actor.name,
                "stance": s.stance,
                "kind": str(s.kind),
                "said": s.said,
                "text": graph.propositions[s.proposition].text,
                "reports": reports,
                "color": STANCE_COLORS[s.stance],
            }
        )
        edges.append({"from": s.id, "to": s.actor, "relation": "said_by", "side": side})
        edges.append(
            {
                "from": s.id,
                "to": s.proposition,
                "relation": "about",
                "stance": s.stance,
                "side": side,
            }
        )
        for other in s.responds_to:
            edges.append({"from": s.id, "to": other, "relation": "responds_to"})
    sides = [{"id": sd, "name": graph.actors[sd].name, "color": c} for sd, c in colors.items()]
    props = sorted(
        ({"id": p.id, "text": p.text} for p in graph.propositions.values()),
        key=lambda p: p["text"].casefold(),
    )
    return {"nodes": nodes, "edges": edges, "sides": sides, "propositions": props}


_TOOLTIP_CSS = (
    "div.vis-tooltip{position:absolute;visibility:hidden;padding:5px;white-space:nowrap;"
    "background:#f5f4ed;border:1px solid #808074;border-radius:3px;pointer-events:none;"
    "z-index:5}"
)


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS, from the ``pyvis`` package's data.

    Only the files are read: pyvis itself (which imports IPython and jinja2) is not
    imported.
    """
    try:
        spec = importlib.util.find_spec("pyvis")
    except ImportError:  # pragma: no cover - a broken installation
        spec = None
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    if not locations:
        raise MissingDependencyError(
            "the network view needs pyvis (it ships vis-network): pip install 'claimgraph[viz]'"
        )
    lib = Path(locations[0]) / "lib"
    dirs = sorted(
        (d for d in lib.glob("vis-*") if d.is_dir()),
        key=lambda d: tuple(int(x) for x in d.name[4:].split(".") if x.isdigit()),
    )
    if not dirs:  # pragma: no cover - a pyvis without its assets
        raise MissingDependencyError("pyvis ships no vis-network: pip install 'pyvis>=0.3.2'")
    newest = dirs[-1]
    js = (newest / "vis-network.min.js").read_text(encoding="utf-8")
    # of the stylesheet only the tooltip's rule is used (the rest styles the editing UI)
    css = (newest / "vis-network.css").read_text(encoding="utf-8")
    rules = [r + "}" for r in css.split("}") if "vis-tooltip" in r.partition("{")[0]]
    return js, "".join(rules) or _TOOLTIP_CSS


def _script_safe(text: str) -> str:
    """Text that cannot end the ``<script>`` element it is inlined in."""
    # only the sequences that end a script element or open an HTML comment in one; a
    # backslash before "/" or "!" is harmless in JavaScript strings and regular expressions
    return re.sub(r"<(/script|!--)", lambda m: "<\\" + m.group(1), text, flags=re.IGNORECASE)


def _json_for_html(data: Any) -> str:
    """JSON for a ``<script type="application/json">`` block: no ``<``, ``>`` or ``&``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__</title>
<style>__VISCSS__</style>
<style>
html,body{margin:0;height:100%;font-family:system-ui,sans-serif;font-size:13px}
#cg-wrap{display:flex;height:100%}
#cg-network{flex:1;min-width:0;border-right:1px solid #ddd}
#cg-side{width:300px;overflow:auto;padding:8px;box-sizing:border-box}
#cg-side h3{margin:8px 0 4px;font-size:14px}
#cg-side label{display:block}
#cg-info .q{font-style:italic;margin:4px 0}
#cg-info .m{color:#666}
.sw{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
#cg-legend div{margin:2px 0}
select{max-width:100%}
div.vis-tooltip{white-space:normal;max-width:420px;font-family:system-ui,sans-serif;font-size:12px}
</style></head>
<body><div id="cg-wrap"><div id="cg-network"></div><div id="cg-side">
<h3 id="cg-title"></h3><div id="cg-counts" class="m"></div>
<h3>Sides</h3><div id="cg-sides"></div>
<h3>Proposition</h3><select id="cg-prop"><option value="">(all)</option></select>
<h3>Legend</h3><div id="cg-legend">
<div><span class="sw" style="background:#1b7837"></span>asserts (statement → proposition)</div>
<div><span class="sw" style="background:#b2182b"></span>denies (dashed)</div>
<div><span class="sw" style="background:#d62728;height:4px"></span>contradicts (zigzag)</div>
<div><span class="sw" style="border:3px solid #d62728;background:#fff"></span>disputed \
proposition</div>
</div>
<h3>Details</h3><div id="cg-info" class="m">Click a node.</div>
</div></div>
<script type="application/json" id="cg-data">__DATA__</script>
<script>__VISJS__</script>
<script>__APP__</script>
</body></html>
"""

_APP = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("cg-data").textContent);
  var el = function (tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  document.getElementById("cg-title").textContent = data.title;
  var big = data.nodes.length > 1500;
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var v = {id: n.id, label: n.label, title: n.title, group: n.group};
    if (n.group === "actor") {
      v.color = {background: n.color, border: "#333"};
      v.font = {color: "#fff"}; v.shape = n.shape;
    } else if (n.group === "proposition") {
      v.shape = "box"; v.color = {background: "#fffbe6", border: n.disputed ? "#d62728" : "#999"};
      v.borderWidth = n.disputed ? 3 : 1; v.widthConstraint = {maximum: 180};
    } else if (n.group === "statement") {
      v.shape = n.stance === "asserts" ? "dot" : "diamond"; v.size = 6;
      v.color = {background: n.color, border: n.color};
    } else {
      v.shape = "triangle"; v.size = 8; v.color = "#aaa";
    }
    return v;
  }));
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    var v = {id: "e" + i, from: e.from, to: e.to, relation: e.relation};
    if (e.relation === "about") {
      v.color = {color: e.stance === "asserts" ? "#1b7837" : "#b2182b"};
      v.dashes = e.stance === "denies"; v.arrows = "to"; v.width = 1.5;
    } else if (e.relation === "contradicts") {
      v.color = {color: "#d62728"}; v.width = 4; v.dashes = [2, 6, 8, 6];
      v.smooth = {type: "curvedCW", roundness: 0.2}; v.title = "contradicts";
    } else if (e.relation === "implies") {
      v.color = {color: "#555"}; v.dashes = [1, 4]; v.arrows = "to"; v.title = "implies";
    } else if (e.relation === "member_of") {
      v.color = {color: "#bbb"}; v.arrows = "to";
    } else if (e.relation === "responds_to") {
      v.color = {color: "#e6a000"}; v.arrows = "to"; v.dashes = [4, 2];
    } else {
      v.color = {color: "#ccc"};
    }
    return v;
  }));
  var hiddenSides = {};
  var prop = "";
  var keepFor = function () {
    if (!prop) return null;
    var keep = {}; keep[prop] = true;
    data.nodes.forEach(function (n) {
      if (n.group === "statement" && n.proposition === prop) keep[n.id] = true;
    });
    data.edges.forEach(function (e) {
      if (keep[e.from] && byId[e.from] && byId[e.from].group === "statement") keep[e.to] = true;
      if (e.relation === "contradicts" && (e.from === prop || e.to === prop)) {
        keep[e.from] = true; keep[e.to] = true;
      }
    });
    return keep;
  };
  var keep = null;
  var nodeView = new vis.DataView(nodes, {filter: function (v) {
    var n = byId[v.id];
    if (n.side && hiddenSides[n.side]) return false;
    return keep === null || !!keep[v.id];
  }});
  var edgeView = new vis.DataView(edges, {filter: function (e) {
    return !!nodeView.get(e.from) && !!nodeView.get(e.to);
  }});
  var options = {
    layout: {improvedLayout: data.nodes.length < 150, randomSeed: 7},
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: {gravitationalConstant: -40, springLength: 60},
      stabilization: {iterations: big ? 60 : 400, updateInterval: 25}
    },
    interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: big},
    edges: {smooth: big ? false : {type: "continuous"}},
    nodes: {font: {size: 12}}
  };
  var network = new vis.Network(document.getElementById("cg-network"),
                                {nodes: nodeView, edges: edgeView}, options);
  network.once("stabilizationIterationsDone", function () {
    // a large graph is drawn after a short stabilization and settles for a few more
    // seconds while already usable; then physics stops, so panning stays smooth
    window.setTimeout(function () { network.setOptions({physics: false}); }, big ? 5000 : 0);
    document.body.setAttribute("data-cg-ready", "1");
  });
  var counts = function () {
    document.getElementById("cg-counts").textContent =
      nodeView.length + " nodes, " + edgeView.length + " edges shown";
  };
  var refresh = function () {
    keep = keepFor();
    nodeView.refresh(); edgeView.refresh(); counts();
  };
  var sidesBox = document.getElementById("cg-sides");
  data.sides.forEach(function (s) {
    var lab = el("label"); var box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = s.id;
    box.setAttribute("data-side", s.id);
    box.addEventListener("change", function () {
      if (box.checked) delete hiddenSides[s.id]; else hiddenSides[s.id] = true;
      refresh();
    });
    var sw = el("span", null, "sw"); sw.style.background = s.color;
    lab.appendChild(box); lab.appendChild(sw); lab.appendChild(document.createTextNode(s.name));
    sidesBox.appendChild(lab);
  });
  var sel = document.getElementById("cg-prop");
  data.propositions.forEach(function (p) {
    var o = el("option", p.text.length > 70 ? p.text.slice(0, 69) + "…" : p.text);
    o.value = p.id; sel.appendChild(o);
  });
  sel.addEventListener("change", function () { prop = sel.value; refresh(); });
  var info = document.getElementById("cg-info");
  network.on("click", function (params) {
    if (!params.nodes.length) return;
    var n = byId[params.nodes[0]];
    info.textContent = ""; info.className = "";
    if (n.group === "statement") {
      info.appendChild(el("div", n.actor_name + " " + n.stance + " (" + n.kind + ")"));
      info.appendChild(el("div", n.text, "m"));
      info.appendChild(el("div", "said: " + (n.said || "undated"), "m"));
      n.reports.forEach(function (r) {
        if (r.quote) info.appendChild(el("div", "“" + r.quote + "”", "q"));
        info.appendChild(el("div", "— " + r.source + (r.url ? " (" + r.url + ")" : ""), "m"));
      });
    } else {
      info.appendChild(el("div", n.title));
    }
  });
  counts();
  window.claimgraphView = {
    network: network, nodes: nodeView, edges: edgeView,
    setSide: function (side, shown) {
      var box = sidesBox.querySelector('input[value="' + CSS.escape(side) + '"]');
      box.checked = shown; box.dispatchEvent(new Event("change"));
    },
    setProposition: function (id) { sel.value = id; sel.dispatchEvent(new Event("change")); }
  };
})();
"""


def network_html(graph: ClaimGraph, *, title: str | None = None, sources: bool = False) -> str:
    """The standalone HTML page of the network view (a string; no network access needed).

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.view import network_html
    >>> page = network_html(cg.load(cg.example_path()))
    >>> page.startswith("<!DOCTYPE html>"), "vis-network" in page
    (True, True)
    """
    js, css = _vis_assets()
    data = network_data(graph, sources=sources)
    name = title or getattr(graph, "title", None) or "claimgraph"
    data["title"] = name
    parts = {
        "TITLE": escape_html(name),
        "VISCSS": _script_safe(css),
        "APP": _script_safe(_APP),
        "VISJS": _script_safe(js),
        "DATA": _json_for_html(data),
    }
    # one pass over the template: nothing substituted (a title "__DATA__", the data) is
    # ever read again as a placeholder
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _PAGE)


_PLACEHOLDER = re.compile(r"__(TITLE|VISCSS|APP|VISJS|DATA)__")


class NetworkView:
    """The network view of a graph: shown inline by a notebook, or saved as an HTML page.

    In a notebook the page is put in an ``<iframe srcdoc=...>``, so its script runs apart
    from the notebook's and nothing is fetched.
    """

    def __init__(self, html: str, *, height: int = 600) -> None:
        self.html = html
        self.height = height

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{escape_html(self.html)}" style="width:100%;'
            f'height:{int(self.height)}px;border:1px solid #ddd" '
            'sandbox="allow-scripts"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<NetworkView: {len(self.html) // 1024} KiB page; save(path) writes it>"

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the standalone page to ``path`` (atomically) and return the path."""
        from .formats._safe import write_text

        out = Path(path)
        write_text(out, self.html)
        return out


def view(
    graph: ClaimGraph,
    path: str | os.PathLike[str] | None = None,
    *,
    title: str | None = None,
    sources: bool = False,
    height: int = 600,
) -> NetworkView:
    """The interactive network view of ``graph``; with ``path``, also written there.

    The returned :class:`NetworkView` shows inline as the last value of a notebook cell.
    ``sources=True`` also draws the sources. ``claimgraph view FILE -o OUT.html`` does the
    same from the shell.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.view import view
    >>> v = view(cg.load(cg.example_path()), "istanbul.html")  # doctest: +SKIP
    """
    page = NetworkView(network_html(graph, title=title, sources=sources), height=height)
    if path is not None:
        page.save(path)
    return page
