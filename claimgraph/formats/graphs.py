"""Graph files: GraphML and GEXF (for Gephi, yEd, Cytoscape) and networkx node-link JSON.

All three carry the same flat graph, :func:`to_networkx`: one node per record and one
edge per relation, where every attribute is a scalar (a string or a number), so that
Gephi can filter and colour by it:

- every node has ``type`` (actor, source, proposition, statement, review) and ``label``;
- statements carry ``actor``, ``proposition``, ``stance``, ``kind``, ``said``, the
  ``side`` of their actor and the proposition's ``text``; actors carry ``name``, ``kind``
  and ``side``; sources, propositions and reviews carry their fields;
- every edge has ``relation`` (said_by, about, reported_in, ...; the edge key too), and
  ``reported_in`` edges carry the ``quote``.

Because nothing but computed attributes (``label``, ``side``, a statement's ``text``) is
added, :func:`from_networkx` rebuilds the claim graph exactly, so these files round-trip.
Reading uses :mod:`defusedxml` for the XML formats and a size and depth limit for JSON.

Examples
--------
>>> import claimgraph as cg
>>> from claimgraph.formats import graphs
>>> g = cg.load(cg.example_path())
>>> flat = graphs.to_networkx(g)
>>> flat.nodes["af-denies-sheltered"]["side"], flat.nodes["af-denies-sheltered"]["stance"]
('afghanistan', 'denies')
>>> graphs.from_networkx(flat) == g
True
"""

from __future__ import annotations

import io
import json
import os
import re
from typing import Any

import networkx as nx
from pydantic import ValidationError

from ..exceptions import ErrorDetail, FileFormatError, InvalidDataError
from ..graph import ClaimGraph
from ..models import RECORD_TYPES, Record, Report, Statement
from ._safe import atomic_write, load_json, parse_xml, read_bytes

__all__ = [
    "from_networkx",
    "from_node_link",
    "read_gexf",
    "read_graphml",
    "read_node_link",
    "to_networkx",
    "to_node_link",
    "write_gexf",
    "write_graphml",
    "write_node_link",
]

# fields kept as edges, not node attributes: field → relation
_EDGE_FIELDS: dict[str, str] = {
    "member_of": "member_of",
    "derived_from": "derived_from",
    "contradicts": "contradicts",
    "implies": "implies",
    "responds_to": "responds_to",
}
_COMPUTED = {"label", "side", "type"}
_LABEL_LEN = 80


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_LEN else text[: _LABEL_LEN - 1] + "…"


def _label(graph: ClaimGraph, rec: Record) -> str:
    t = rec.record_type
    if t == "actor":
        return rec.name  # type: ignore[union-attr]
    if t == "proposition":
        return _short(rec.text)  # type: ignore[union-attr]
    if t == "source":
        return rec.title or rec.publisher or rec.url or rec.id  # type: ignore[union-attr]
    if t == "statement":
        st: Statement = rec  # type: ignore[assignment]
        who = graph.actors[st.actor].name
        return _short(f"{who} {st.stance}: {graph.propositions[st.proposition].text}")
    return rec.textual_rating or "review"  # type: ignore[union-attr]


def to_networkx(graph: ClaimGraph) -> nx.MultiDiGraph[str]:
    """A copy of the graph with every attribute a scalar, ready for GraphML, GEXF or JSON.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.formats import graphs
    >>> flat = graphs.to_networkx(cg.load(cg.example_path()))
    >>> flat.nodes["pk-defense-minister"]
    {'type': 'actor', 'label': "Pakistan's defense minister", 'name': ..., 'side': 'pakistan'}
    >>> sorted({d["relation"] for _, _, d in flat.edges(data=True)})[:3]
    ['about', 'implies', 'member_of']
    """
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    if graph.title is not None:
        out.graph["title"] = graph.title
    for rec in graph:
        data = rec.model_dump(mode="json", exclude={"id", *_EDGE_FIELDS, "reports"})
        attrs: dict[str, Any] = {"type": rec.record_type, "label": _label(graph, rec)}
        for key, value in data.items():
            if value is None:
                continue
            if isinstance(value, list):
                if value:  # aliases: a JSON list in one string
                    attrs[key] = json.dumps(value, ensure_ascii=False)
                continue
            attrs[key] = value
        if rec.record_type == "actor":
            attrs["side"] = graph.side(rec.id)
        elif isinstance(rec, Statement):
            attrs["side"] = graph.side(rec.actor)
            attrs["text"] = graph.propositions[rec.proposition].text
        out.add_node(rec.id, **attrs)
    for u, v, key, d in graph.nx.edges(keys=True, data=True):
        attrs = {"relation": key}
        if d.get("quote") is not None:
            attrs["quote"] = d["quote"]
        out.add_edge(u, v, key=key, **attrs)
    return out


def from_networkx(flat: nx.Graph[Any]) -> ClaimGraph:
    """Rebuild a claim graph from the flat graph of :func:`to_networkx` (or a file of it).

    Nodes are read by their ``type`` attribute; nodes without one (added in another tool)
    are ignored. List fields come from the edges, by their ``relation`` attribute.

    Raises
    ------
    InvalidDataError
        Listing every node that is not a valid record (``record`` names the node).
    """
    errors: list[ErrorDetail] = []
    records: list[Record] = []
    title = flat.graph.get("title") or flat.graph.get("name") or None
    for node, data in flat.nodes(data=True):
        t = data.get("type")
        cls = RECORD_TYPES.get(str(t)) if t is not None else None
        if cls is None:
            continue
        fields: dict[str, Any] = {"id": str(node)}
        for key, value in data.items():
            if key in _COMPUTED or (t == "statement" and key == "text"):
                continue
            if key == "aliases" and isinstance(value, str):
                try:
                    value = json.loads(value)
                except json.JSONDecodeError:
                    value = [value]
            fields[key] = value
        reports: list[Report] = []
        for _, target, edata in _out_edges(flat, node):
            rel = edata.get("relation", edata.get("type"))
            if rel == "reported_in":
                reports.append(Report(source=str(target), quote=edata.get("quote")))
            elif rel in _EDGE_FIELDS and rel in cls.model_fields:
                fields.setdefault(rel, []).append(str(target))
        if reports:
            fields["reports"] = reports
        try:
            records.append(cls.model_validate(fields))
        except ValidationError as exc:
            for e in exc.errors():
                loc = ".".join(str(p) for p in e["loc"])
                errors.append(ErrorDetail(e["type"], e["msg"], f"{t} '{node}'", loc or None))
    if errors:
        raise InvalidDataError(f"{len(errors)} invalid node(s); nothing was read", errors)
    return ClaimGraph(records, title=title if isinstance(title, str) else None)


def _out_edges(flat: nx.Graph[Any], node: Any) -> list[tuple[Any, Any, dict[str, Any]]]:
    if flat.is_directed():
        return list(flat.out_edges(node, data=True))  # type: ignore[attr-defined]
    return list(flat.edges(node, data=True))


# ---------------------------------------------------------------------------- XML text
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _check_xml(flat: nx.MultiDiGraph[str]) -> None:
    """Refuse text that XML 1.0 cannot hold (control characters), naming where it is."""
    errors: list[ErrorDetail] = []

    def check(value: Any, record: str, field: str) -> None:
        if isinstance(value, str):
            m = _NOT_XML.search(value)
            if m is not None:
                errors.append(
                    ErrorDetail(
                        "not_xml_text",
                        f"character U+{ord(m.group()):04X} cannot be written to XML",
                        record,
                        field,
                    )
                )

    for node, data in flat.nodes(data=True):
        label = f"{data.get('type', 'node')} '{node}'"
        check(node, label, "id")
        for key, value in data.items():
            check(value, label, key)
    for u, v, key, data in flat.edges(keys=True, data=True):
        for attr, value in data.items():
            check(value, f"{key} edge {u} → {v}", attr)
    for key, value in flat.graph.items():
        check(value, "graph", key)
    if errors:
        raise InvalidDataError(f"{len(errors)} text(s) that XML cannot hold", errors)


# ---------------------------------------------------------------------------- GraphML
def write_graphml(graph: ClaimGraph, path: str | os.PathLike[str]) -> None:
    """Write GraphML (yEd, Gephi, Cytoscape), atomically.

    Examples
    --------
    >>> import claimgraph as cg, tempfile, pathlib
    >>> from claimgraph.formats import graphs
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "istanbul.graphml"
    >>> graphs.write_graphml(cg.load(cg.example_path()), path)
    >>> graphs.read_graphml(path) == cg.load(cg.example_path())
    True
    """
    flat = to_networkx(graph)
    _check_xml(flat)
    atomic_write(path, lambda f: nx.write_graphml(flat, f, named_key_ids=True), binary=True)


def read_graphml(path: str | os.PathLike[str]) -> ClaimGraph:
    """Read a GraphML file written by :func:`write_graphml` (parsed safely)."""
    data = read_bytes(path)
    parse_xml(data, path=str(path))  # refuses DTDs, entities and external references
    try:
        flat = nx.parse_graphml(data.decode("utf-8"), force_multigraph=True)
    except (nx.NetworkXError, ValueError, KeyError) as exc:
        raise _bad(path, "graphml", f"not a GraphML graph: {exc}") from None
    return from_networkx(flat)


# ---------------------------------------------------------------------------- GEXF
def write_gexf(graph: ClaimGraph, path: str | os.PathLike[str]) -> None:
    """Write GEXF 1.2 (Gephi's own format), atomically.

    Examples
    --------
    >>> import claimgraph as cg, tempfile, pathlib, networkx as nx
    >>> from claimgraph.formats import graphs
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "istanbul.gexf"
    >>> graphs.write_gexf(cg.load(cg.example_path()), path)
    >>> nx.read_gexf(path).nodes["pk-sheltered"]["stance"]
    'asserts'
    """
    flat = to_networkx(graph)
    if graph.title is not None:
        flat.graph["name"] = graph.title  # GEXF keeps the graph's name, not other attributes
    _check_xml(flat)
    atomic_write(path, lambda f: nx.write_gexf(flat, f), binary=True)


def read_gexf(path: str | os.PathLike[str]) -> ClaimGraph:
    """Read a GEXF file written by :func:`write_gexf` (parsed safely)."""
    data = read_bytes(path)
    parse_xml(data, path=str(path))
    try:
        flat = nx.read_gexf(io.BytesIO(data))
    except (nx.NetworkXError, ValueError, KeyError) as exc:
        raise _bad(path, "gexf", f"not a GEXF graph: {exc}") from None
    return from_networkx(flat)


# ---------------------------------------------------------------------------- node-link
def to_node_link(graph: ClaimGraph) -> dict[str, Any]:
    """The flat graph as networkx node-link data (``{"nodes": [...], "edges": [...]}``).

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.formats import graphs
    >>> data = graphs.to_node_link(cg.load(cg.example_path()))
    >>> sorted(data)
    ['directed', 'edges', 'graph', 'multigraph', 'nodes']
    """
    flat = to_networkx(graph)
    dump: Any = nx.node_link_data
    try:
        data: dict[str, Any] = dump(flat, edges="edges")
    except TypeError:  # pragma: no cover - networkx < 3.4 names it ``link``
        data = dump(flat, link="edges")
    return data


def from_node_link(data: dict[str, Any]) -> ClaimGraph:
    """Rebuild a claim graph from node-link data (see :func:`to_node_link`)."""
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise FileFormatError(
            "not node-link data",
            [ErrorDetail("not_node_link", 'expected an object with a "nodes" list')],
        )
    edges = "edges" if "edges" in data else "links"
    build: Any = nx.node_link_graph
    try:
        try:
            flat = build(data, directed=True, multigraph=True, edges=edges)
        except TypeError:  # pragma: no cover - networkx < 3.4 names it ``link``
            flat = build(data, directed=True, multigraph=True, link=edges)
    except (KeyError, TypeError, nx.NetworkXError) as exc:
        raise FileFormatError(
            "not node-link data", [ErrorDetail("not_node_link", f"malformed node-link: {exc}")]
        ) from None
    return from_networkx(flat)


def write_node_link(graph: ClaimGraph, path: str | os.PathLike[str]) -> None:
    """Write node-link JSON, atomically."""
    text = json.dumps(to_node_link(graph), ensure_ascii=False, indent=1) + "\n"
    atomic_write(path, lambda f: f.write(text))


def read_node_link(path: str | os.PathLike[str]) -> ClaimGraph:
    """Read node-link JSON (with size and depth limits)."""
    return from_node_link(load_json(read_bytes(path), path=str(path)))


def _bad(path: str | os.PathLike[str], code: str, message: str) -> FileFormatError:
    return FileFormatError(
        f"cannot read {path}", [ErrorDetail(f"not_{code}", message, path=str(path))]
    )
