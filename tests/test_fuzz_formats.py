"""Mutation fuzzing of the foreign-format loaders (issue 10, part 3).

Every loader starts from a valid export of the Istanbul example (with fact-checks, so that
ClaimReview has something to carry), written by the format's own writer. Hypothesis then
mutates it (byte flips, inserts and deletes; JSON subtrees replaced by random JSON values;
XML attribute values and texts replaced by random text) or builds random documents from
the format's own vocabulary (``st.recursive``), so that type confusions are reached. The
only property: the loader returns, or raises a :class:`claimgraph.ClaimGraphError`.

Run more examples with ``CLAIMGRAPH_FUZZ_EXAMPLES=3000 pytest -m fuzz tests/test_fuzz_formats.py``.
"""

from __future__ import annotations

import atexit
import copy
import functools
import json
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import defusedxml.ElementTree
import pytest
from fuzzing import FUZZ
from hypothesis import given
from hypothesis import strategies as st

import claimgraph as cg
from claimgraph.argumentation import ArgumentationFramework
from claimgraph.formats import aif, apx, claimreview, graphs

Loader = Callable[[Path], object]

_WORK = Path(tempfile.mkdtemp(prefix="claimgraph-fuzz-"))
atexit.register(shutil.rmtree, _WORK, ignore_errors=True)


# ---------------------------------------------------------------------------- seeds
def _example() -> cg.ClaimGraph:
    g = cg.load(cg.example_path())
    g.add_actor(id="fact-desk", name="Fact Desk", kind="outlet", aliases=["The Desk"])
    g.add_review(
        proposition="offer-rejected",
        reviewer="fact-desk",
        statement="af-claims-offer-rejected",
        rating_value=2,
        best_rating=5,
        worst_rating=1,
        textual_rating="Misleading",
        date="2025-11-07",
        url="https://factdesk.example/1",
    )
    g.add_review(proposition="militants-sheltered", reviewer="fact-desk", textual_rating="False")
    return g


@functools.cache
def seed(fmt: str) -> bytes:
    """A valid file of ``fmt`` (written by its writer from the example graph)."""
    g = _example()
    if fmt == "claimreview-html":
        doc = json.dumps(claimreview.to_claimreview(g), ensure_ascii=False, indent=1)
        page = (
            "<!DOCTYPE html>\n<html><head><title>Fact check</title>\n"
            '<script type="application/ld+json">\n' + doc + "\n</script>\n"
            "</head><body><p>Rated <b>Misleading</b> &amp; more.</p><!-- c --></body></html>\n"
        )
        return page.encode("utf-8")
    if fmt == "factcheck":
        claims = {
            "claims": [
                {
                    "text": "The ceasefire has collapsed.",
                    "claimant": "A ministry",
                    "claimDate": "2025-11-02T00:00:00Z",
                    "claimReview": [
                        {
                            "publisher": {"name": "Fact Desk", "site": "factdesk.example"},
                            "url": "https://factdesk.example/1",
                            "reviewDate": "2025-11-03",
                            "textualRating": "False",
                            "languageCode": "en",
                        }
                    ],
                }
            ]
        }
        return json.dumps(claims, indent=1).encode("utf-8")
    path = _WORK / f"seed.{fmt}"
    writers: dict[str, Callable[[cg.ClaimGraph, Path], None]] = {
        "claimreview": claimreview.write_claimreview,
        "aif": aif.write_aif,
        "graphml": graphs.write_graphml,
        "gexf": graphs.write_gexf,
        "node-link": graphs.write_node_link,
        "apx": apx.write_apx,
    }
    writers[fmt](g, path)
    return path.read_bytes()


LOADERS: dict[str, Loader] = {
    "claimreview": claimreview.read_claimreview,
    "claimreview-html": claimreview.read_claimreview,
    "factcheck": claimreview.read_claimreview,
    "aif": aif.read_aif,
    "graphml": graphs.read_graphml,
    "gexf": graphs.read_gexf,
    "node-link": graphs.read_node_link,
    "apx": ArgumentationFramework.read,
}


def load(fmt: str, data: bytes) -> None:
    """Write ``data`` to a file and read it with the loader of ``fmt``: it returns, or
    raises a ClaimGraphError (anything else fails the test)."""
    path = _WORK / f"input.{fmt}"
    path.write_bytes(data)
    try:
        LOADERS[fmt](path)
    except cg.ClaimGraphError as exc:
        assert str(exc)  # the message can be shown


def test_the_seeds_are_valid() -> None:
    for fmt in LOADERS:
        out = LOADERS[fmt](_write(fmt, seed(fmt)))
        assert len(out) > 0  # type: ignore[arg-type]


def _write(fmt: str, data: bytes) -> Path:
    path = _WORK / f"valid.{fmt}"
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------- bytes
TOKENS = [
    b"null", b"[]", b"{}", b"0", b"-1", b"1e999", b"true", b'"', b'""', b",", b":", b"\\u0000",
    b"\\ud800", b"\x00", b"\xff", b"\xef\xbb\xbf", b"<", b">", b"</", b"<![", b"<!--", b"&",
    b"&#0;", b"&x;", b"]]>", b"<?xml version='1.0' encoding='f'?>", b"'", b"=", b"\n", b"%",
    b"(", b")", b"arg(", b"att(", b".",
]  # fmt: skip


def mutated_bytes(data: bytes) -> st.SearchStrategy[bytes]:
    """``data`` with a few bytes flipped, inserted, deleted or replaced by tokens."""
    op = st.tuples(
        st.sampled_from(["flip", "insert", "delete", "token", "cut"]),
        st.integers(0, max(len(data) - 1, 0)),
        st.binary(min_size=1, max_size=4) | st.sampled_from(TOKENS),
    )

    def apply(ops: list[tuple[str, int, bytes]]) -> bytes:
        out = bytearray(data)
        for kind, at, blob in ops:
            at = min(at, len(out))
            if kind == "flip" and at < len(out):
                out[at] ^= blob[0] or 1
            elif kind == "insert":
                out[at:at] = blob
            elif kind == "delete":
                del out[at : at + len(blob)]
            elif kind == "token":
                out[at : at + len(blob)] = blob
            elif kind == "cut":
                del out[at:]
        return bytes(out)

    return st.lists(op, min_size=1, max_size=6).map(apply)


# ---------------------------------------------------------------------------- JSON
def _vocabulary(doc: Any) -> tuple[list[str], list[Any]]:
    """The keys and the scalar values of a JSON document."""
    keys: set[str] = set()
    values: set[Any] = set()
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            keys.update(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str) and len(node) < 40:
            values.add(node)
    return sorted(keys), sorted(values, key=str)


def json_values(keys: list[str], scalars: list[Any]) -> st.SearchStrategy[Any]:
    """Random JSON, with object keys and strings drawn partly from the format's own."""
    leaf = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=12)
        | st.sampled_from([10**400, -(10**400), 1e308, "\ud800", "a\udfff", "", " ", "2025-13"])
        | st.sampled_from(scalars or [""])
    )
    key = st.sampled_from(keys or ["k"]) | st.text(max_size=6)
    return st.recursive(
        leaf,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(key, inner, max_size=5),
        max_leaves=16,
    )


def _paths(doc: Any) -> list[tuple[Any, ...]]:
    """Every path (keys and indexes) to a value of ``doc``."""
    out: list[tuple[Any, ...]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(doc, ())]
    while stack:
        node, path = stack.pop()
        out.append(path)
        if isinstance(node, dict):
            stack.extend((v, (*path, k)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(node))
    return out


_DELETE = object()


def _replace(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    node = doc
    for step in path[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return doc  # an earlier change removed the path
    last = path[-1]
    if isinstance(node, dict) or (isinstance(node, list) and isinstance(last, int)):
        try:
            if value is _DELETE:
                del node[last]
            else:
                node[last] = value
        except (KeyError, IndexError, TypeError):
            pass
    return doc


def mutated_json(data: bytes) -> st.SearchStrategy[bytes]:
    """The JSON document ``data`` with a few subtrees replaced by random JSON or removed."""
    doc = json.loads(data)
    paths = _paths(doc)
    keys, scalars = _vocabulary(doc)
    values = json_values(keys, scalars) | st.just(_DELETE)
    change = st.tuples(st.sampled_from(paths), values)

    def apply(changes: list[tuple[tuple[Any, ...], Any]]) -> bytes:
        out = copy.deepcopy(doc)
        for path, value in changes:
            out = _replace(out, path, value)
        if out is _DELETE:
            out = None
        return json.dumps(out).encode("utf-8")

    return st.lists(change, min_size=1, max_size=5).map(apply)


def random_json(data: bytes) -> st.SearchStrategy[bytes]:
    """Random JSON documents in the vocabulary of ``data`` (structure-aware)."""
    keys, scalars = _vocabulary(json.loads(data))
    return json_values(keys, scalars).map(lambda v: json.dumps(v).encode("utf-8"))


def _shape(node: Any) -> Any:
    """What tells items of a list apart: their keys, the types of their values, and their
    ``type`` or ``@type``."""
    if isinstance(node, dict):
        kinds = {k: type(v).__name__ for k, v in node.items()}
        return json.dumps([kinds, node.get("type"), node.get("@type")], sort_keys=True)
    return type(node).__name__


def shaped_like(node: Any, values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Documents shaped like ``node``: each object with any subset of its keys, each list
    with items like its own, and at any place a random JSON value instead."""
    if isinstance(node, dict):
        optional = {k: shaped_like(v, values) | values for k, v in node.items()}
        return st.fixed_dictionaries({}, optional=optional)
    if isinstance(node, list):
        kinds = list({_shape(x): x for x in node}.values())[:6]
        items = st.one_of([shaped_like(x, values) for x in kinds]) if kinds else values
        return st.lists(items | values, max_size=6)
    return st.just(node) | values


def shaped_json(data: bytes) -> st.SearchStrategy[bytes]:
    """Structure-aware documents: shaped like ``data``, in its vocabulary."""
    doc = json.loads(data)
    values = json_values(*_vocabulary(doc))
    return shaped_like(doc, values).map(lambda v: json.dumps(v).encode("utf-8"))


# ---------------------------------------------------------------------------- XML
XML_TEXT = st.text(max_size=12) | st.sampled_from(
    ["", "x", "0", "-1", "1.5", "true", "NaN", "inf", "string", "int", "double", "boolean",
     "long", "float", "node", "edge", "graph", "all", "directed", "undirected", "static",
     "dynamic", "liststring", "date", "1.1draft", "1.2draft", "1.3", "slice", "integer"]
)  # fmt: skip


def mutated_xml(data: bytes) -> st.SearchStrategy[bytes]:
    """The XML document ``data`` with attribute values, attributes and texts changed,
    elements removed or copied, and its declaration's encoding replaced."""
    root = defusedxml.ElementTree.fromstring(data)
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    elements = list(root.iter())
    attributes = sorted({a for e in elements for a in e.attrib})
    op = st.tuples(
        st.sampled_from(["set", "add", "text", "remove", "copy"]),
        st.integers(0, len(elements) - 1),
        st.sampled_from(attributes) | st.text(min_size=1, max_size=4).filter(str.isidentifier),
        XML_TEXT,
    )
    encoding = st.sampled_from(["utf-8", "UTF-8", "ascii", "latin-1", "utf-16"]) | st.text(
        "abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=8
    )

    def apply(args: tuple[list[tuple[str, int, str, str]], str | None]) -> bytes:
        ops, enc = args
        if ns:
            ET.register_namespace("", ns)
        tree = copy.deepcopy(root)
        els = list(tree.iter())
        parents = {c: p for p in els for c in p}
        for kind, i, name, value in ops:
            el = els[i]
            if kind == "set" and el.attrib:
                el.set(sorted(el.attrib)[hash(name) % len(el.attrib)], value)
            elif kind in ("set", "add"):
                el.set(name, value)
            elif kind == "text":
                el.text = value
            elif kind in ("remove", "copy") and el in parents:
                parent = parents[el]
                if kind == "remove" and el in list(parent):
                    parent.remove(el)
                elif kind == "copy":
                    parent.append(copy.deepcopy(el))
        body = ET.tostring(tree, encoding="unicode")
        if enc is None:
            return body.encode("utf-8")
        decl = f"<?xml version='1.0' encoding='{enc}'?>\n"
        return (decl + body).encode("utf-8")

    return st.tuples(st.lists(op, min_size=1, max_size=6), st.none() | encoding).map(apply)


# ---------------------------------------------------------------------------- APX
def random_apx() -> st.SearchStrategy[bytes]:
    name = st.sampled_from(["a", "b", "pk_sheltered", "x y", ""]) | st.text(max_size=5)
    line = st.one_of(
        st.builds("arg({}).".format, name),
        st.builds("att({},{}).".format, name, name),
        st.text(max_size=20),
        st.sampled_from(["%", "", "arg(a)", "att(a).", "arg((a)).", "att(a,b,c)."]),
    )
    return st.lists(line, max_size=12).map(lambda ls: "\n".join(ls).encode("utf-8", "replace"))


# ---------------------------------------------------------------------------- the tests
JSON_FORMATS = ["claimreview", "factcheck", "aif", "node-link"]
XML_FORMATS = ["graphml", "gexf"]


@pytest.mark.fuzz
@pytest.mark.parametrize("fmt", [*JSON_FORMATS, "claimreview-html", *XML_FORMATS, "apx"])
@FUZZ
@given(data=st.data())
def test_byte_mutations(fmt: str, data: st.DataObject) -> None:
    load(fmt, data.draw(mutated_bytes(seed(fmt))))


@pytest.mark.fuzz
@pytest.mark.parametrize("fmt", JSON_FORMATS)
@FUZZ
@given(data=st.data())
def test_json_subtree_mutations(fmt: str, data: st.DataObject) -> None:
    load(fmt, data.draw(mutated_json(seed(fmt))))


@pytest.mark.fuzz
@pytest.mark.parametrize("fmt", JSON_FORMATS)
@FUZZ
@given(data=st.data())
def test_random_json_in_the_format_vocabulary(fmt: str, data: st.DataObject) -> None:
    load(fmt, data.draw(random_json(seed(fmt))))


@pytest.mark.fuzz
@pytest.mark.parametrize("fmt", JSON_FORMATS)
@FUZZ
@given(data=st.data())
def test_documents_shaped_like_the_format(fmt: str, data: st.DataObject) -> None:
    load(fmt, data.draw(shaped_json(seed(fmt))))


@pytest.mark.fuzz
@FUZZ
@given(data=st.data())
def test_claimreview_html_pages(data: st.DataObject) -> None:
    doc = data.draw(mutated_json(seed("claimreview")) | random_json(seed("claimreview")))
    junk = st.text(alphabet="<>!/[]{}-=\"' ascriptype&#;?", max_size=30)
    before, after = data.draw(junk), data.draw(junk)
    page = (
        f'<html>{before}<script type="application/ld+json">{doc.decode()}</script>{after}'
        "<p>x</p></html>"
    )
    load("claimreview-html", page.encode("utf-8"))


@pytest.mark.fuzz
@pytest.mark.parametrize("fmt", XML_FORMATS)
@FUZZ
@given(data=st.data())
def test_xml_mutations(fmt: str, data: st.DataObject) -> None:
    load(fmt, data.draw(mutated_xml(seed(fmt))))


@pytest.mark.fuzz
@FUZZ
@given(text=random_apx())
def test_random_apx(text: bytes) -> None:
    load("apx", text)
