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

import contextlib
import io
import json
import math
import os
import warnings
from collections.abc import Iterator
from typing import Any

import networkx as nx
from pydantic import ValidationError

from ..exceptions import ErrorDetail, FileFormatError, InvalidDataError
from ..graph import ClaimGraph
from ..models import RECORD_TYPES, Record, Statement
from . import _lines_of_items, _located
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
            if isinstance(value, dict):  # a statement's withdrawal: a JSON object
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


def from_networkx(flat: nx.Graph[Any], *, path: str | None = None) -> ClaimGraph:
    """Rebuild a claim graph from the flat graph of :func:`to_networkx` (or a file of it).

    Nodes are read by their ``type`` attribute; nodes without one (added in another tool)
    are ignored. List fields come from the edges, by their ``relation`` attribute.

    Raises
    ------
    InvalidDataError
        Listing every node that is not a valid record (``record`` names the node) and
        every edge whose ``relation`` is not a string; ``path`` is named in each.
    """
    errors: list[ErrorDetail] = []
    records: list[Record] = []
    title = flat.graph.get("title") or flat.graph.get("name") or None
    for node, data in flat.nodes(data=True):
        t = data.get("type")
        cls = RECORD_TYPES.get(t) if isinstance(t, str) else None
        if cls is None:
            continue
        label = f"{t} '{_show(node)}'"
        fields: dict[str, Any] = {"id": str(node)}
        for key, value in data.items():
            if key in _COMPUTED or key == "id" or (t == "statement" and key == "text"):
                continue
            if key in _EDGE_FIELDS or key == "reports":
                message = f"{key} is read from the edges, not from a node attribute"
                errors.append(ErrorDetail("edge_field", message, label, key, path))
                continue
            if key == "withdrawn" and isinstance(value, str) and value.startswith("{"):
                with contextlib.suppress(FileFormatError):  # else refused by the model
                    value = load_json(value)
            if key == "aliases" and isinstance(value, str):
                try:
                    value = load_json(value)
                except FileFormatError:
                    value = [value]
            fields[key] = value
        reports: list[dict[str, Any]] = []
        for _, target, edata in _out_edges(flat, node):
            rel = edata.get("relation", edata.get("type"))
            if rel is not None and not isinstance(rel, str):
                where = f"edge {_show(node)} → {_show(target)}"
                message = f"a relation must be a string, not {_show(rel)}"
                errors.append(ErrorDetail("not_relation", message, where, "relation", path))
            elif rel == "reported_in":
                reports.append({"source": str(target), "quote": edata.get("quote")})
            elif rel in _EDGE_FIELDS and rel in cls.model_fields:
                fields.setdefault(rel, []).append(str(target))
        if reports:
            fields["reports"] = reports
        try:
            records.append(cls.model_validate(fields))
        except ValidationError as exc:
            for e in exc.errors():
                loc = ".".join(str(p) for p in e["loc"])
                errors.append(ErrorDetail(e["type"], e["msg"], label, loc or None, path))
    if errors:
        where = f"{path}: " if path else ""
        raise InvalidDataError(f"{where}{len(errors)} problem(s); nothing was read", errors)
    with _located(path):
        return ClaimGraph(records, title=title if isinstance(title, str) else None)


def _show(value: Any, limit: int = 40) -> str:
    """A value for an error message: a string as it is, anything else as JSON, cut to
    ``limit`` characters."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _out_edges(flat: nx.Graph[Any], node: Any) -> list[tuple[Any, Any, dict[str, Any]]]:
    if flat.is_directed():
        return list(flat.out_edges(node, data=True))  # type: ignore[attr-defined]
    return list(flat.edges(node, data=True))


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
    flat = to_networkx(graph)  # the models hold only text XML can hold
    atomic_write(path, lambda f: nx.write_graphml(flat, f, named_key_ids=True), binary=True)


def read_graphml(path: str | os.PathLike[str]) -> ClaimGraph:
    """Read a GraphML file written by :func:`write_graphml` (parsed safely).

    Raises
    ------
    FileFormatError
        Malformed or unsafe XML, or XML that is not a GraphML graph.
    InvalidDataError
        Nodes that are not valid records, each named.
    """
    where = str(path)
    data = read_bytes(path)
    parse_xml(data, path=where)  # refuses DTDs, entities and external references
    with _networkx_errors(where, "graphml", "not a GraphML graph"), warnings.catch_warnings():
        # data of an undeclared key is read as a string: a warning networkx prints
        warnings.simplefilter("ignore", UserWarning)
        flat = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    return from_networkx(flat, path=where)


@contextlib.contextmanager
def _networkx_errors(where: str, fmt: str, what: str) -> Iterator[None]:
    """Turn the errors networkx's readers raise on malformed files into FileFormatError.

    The readers of networkx are third-party parsers that raise whatever their code meets
    (``KeyError``, ``ValueError``, ``TypeError``, ``IndexError``, ``AttributeError``, a
    bare ``raise`` outside a handler's ``RuntimeError``); the message is kept.
    """
    try:
        yield
    except (
        nx.NetworkXError,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
        RuntimeError,
    ) as exc:
        if isinstance(exc, RecursionError):  # nested nodes or graphs, read recursively
            raise _bad(where, fmt, f"{what}: nested too deeply", code="too_deep") from None
        detail = str(exc) or type(exc).__name__
        raise _bad(where, fmt, f"{what}: {detail}") from None


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
    atomic_write(path, lambda f: nx.write_gexf(flat, f), binary=True)


def read_gexf(path: str | os.PathLike[str]) -> ClaimGraph:
    """Read a GEXF file written by :func:`write_gexf` (parsed safely).

    Raises
    ------
    FileFormatError
        Malformed or unsafe XML, or XML that is not a GEXF graph.
    InvalidDataError
        Nodes that are not valid records, each named.
    """
    where = str(path)
    data = read_bytes(path)
    root = parse_xml(data, path=where)
    for el in root.iter():
        if el.tag.rpartition("}")[2] == "attributes" and el.get("class") not in (
            "node",
            "edge",
        ):
            message = f"<attributes class={_show(el.get('class'))}>: expected node or edge"
            raise _bad(where, "gexf", f"not a GEXF graph: {message}")
    with _networkx_errors(where, "gexf", "not a GEXF graph"):
        flat = nx.read_gexf(io.BytesIO(data))
    return from_networkx(flat, path=where)


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


def _node_link_id(value: Any) -> bool:
    """Whether ``value`` can name a node in node-link data: a string or a number."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def _checked_node_link(data: Any, path: str | None) -> dict[str, Any]:
    """Node-link data with its structure checked: what networkx may safely read."""
    where = path or "node-link data"
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise FileFormatError(
            f"cannot read {where}",
            [ErrorDetail("not_node_link", 'expected an object with a "nodes" list', path=path)],
        )
    errors: list[ErrorDetail] = []

    def bad(code: str, message: str, record: str, field: str | None = None) -> None:
        errors.append(ErrorDetail(code, message, record, field, path))

    graph = data.get("graph", {})
    if not isinstance(graph, dict):
        bad("node_link_type", f"must be an object, not {_show(graph)}", "graph")
    name = "edges" if "edges" in data else "links"
    edges = data.get(name, [])
    if not isinstance(edges, list):
        bad("node_link_type", f"must be a list, not {_show(edges)}", name)
        edges = []
    for i, node in enumerate(data["nodes"]):
        if not isinstance(node, dict):
            bad("node_link_type", f"a node must be an object, not {_show(node)}", f"nodes[{i}]")
        elif not _node_link_id(node.get("id")):
            message = f"a node needs an id (a string or a number), not {_show(node.get('id'))}"
            bad("node_link_id", message, f"nodes[{i}]", "id")
    for i, edge in enumerate(edges):
        label = f"{name}[{i}]"
        if not isinstance(edge, dict):
            bad("node_link_type", f"an edge must be an object, not {_show(edge)}", label)
            continue
        for end in ("source", "target"):
            if not _node_link_id(edge.get(end)):
                bad("node_link_id", f"expected a node id, not {_show(edge.get(end))}", label, end)
        if edge.get("key") is not None and not _node_link_id(edge["key"]):
            bad(
                "node_link_id",
                f"expected a string or a number, not {_show(edge['key'])}",
                label,
                "key",
            )
    if errors:
        raise FileFormatError(f"cannot read {where}", errors)
    return {"graph": graph, "nodes": data["nodes"], "edges": edges}


def from_node_link(data: Any, *, path: str | None = None) -> ClaimGraph:
    """Rebuild a claim graph from node-link data (see :func:`to_node_link`).

    Raises
    ------
    FileFormatError
        When ``data`` is not node-link data: not an object with a ``nodes`` list, nodes
        or edges that are not objects, ids that are not strings or numbers (each named).
    InvalidDataError
        Nodes that are not valid records, each named.
    """
    checked = _checked_node_link(data, path)
    flat: nx.MultiDiGraph[Any] = nx.MultiDiGraph()
    flat.graph.update(checked["graph"])
    for node in checked["nodes"]:
        flat.add_node(node["id"])
        flat.nodes[node["id"]].update((str(k), v) for k, v in node.items() if k != "id")
    for edge in checked["edges"]:
        u, v = edge["source"], edge["target"]
        key = flat.add_edge(u, v, key=edge.get("key"))
        attrs = ((str(k), x) for k, x in edge.items() if k not in ("source", "target", "key"))
        flat.edges[u, v, key].update(attrs)
    return from_networkx(flat, path=path)


def write_node_link(graph: ClaimGraph, path: str | os.PathLike[str]) -> None:
    """Write node-link JSON, atomically."""
    text = json.dumps(to_node_link(graph), ensure_ascii=False, indent=1) + "\n"
    atomic_write(path, lambda f: f.write(text))


def read_node_link(path: str | os.PathLike[str]) -> ClaimGraph:
    """Read node-link JSON (with size and depth limits)."""
    data = read_bytes(path)
    doc = load_json(data, path=str(path))
    with _lines_of_items(data):
        return from_node_link(doc, path=str(path))


def _bad(
    path: str | os.PathLike[str], fmt: str, message: str, *, code: str | None = None
) -> FileFormatError:
    return FileFormatError(
        f"cannot read {path}", [ErrorDetail(code or f"not_{fmt}", message, path=str(path))]
    )
