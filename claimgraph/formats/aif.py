"""AIF / AIFdb JSON: argument maps from the Argument Interchange Format.

AIF keeps the same split claimgraph makes: *locutions* (L-nodes: who said what) anchor
*propositions* (I-nodes: what was said) through illocutions (YA-nodes). The mapping:

| AIF | claimgraph |
| --- | --- |
| I-node | proposition ``aif-<nodeID>`` |
| L-node ``--YA-->`` I-node | statement ``aif-<nodeID>`` by the speaker, quoted from the map |
| YA illocution | stance and kind (Asserting: claim, Disagreeing: denial, ...) |
| ``locutions``, ``participants`` | actors ``aif-person-<personID>`` |
| ``locutions[].start`` | the statement's ``said`` |
| RA: premise → RA → conclusion | premise ``implies`` conclusion |
| CA: attacker → CA → attacked | attacker ``contradicts`` attacked |
| MA: a rephrase | the two propositions imply each other |
| TA: L1 → TA → L2 | the statement of L2 ``responds_to`` that of L1 |

Each statement is reported in one source, the map, with the locution text (without the
speaker prefix) as its quote. Illocutions other than Asserting, Agreeing and Disagreeing
give kind ``other`` or ``agreement`` and are kept in the statement's note, so that the
export writes them back.

Real AIFdb exports are messy, and the reader copes: node ids that are strings or ints,
duplicate locution records (the first is kept), speaker prefixes such as ``"CL : "``
or ``"M: CL : "`` in the locution texts (stripped, and used to name speakers who have no
locution record), and unlinked copies of a locution (folded into the locution they
repeat). Lost on import: scheme names of RA/CA nodes (``Default Inference``), the
linked/convergent structure of multi-premise arguments, the illocutions anchored in
transitions (``Arguing``), and the annotation timestamps.

Examples
--------
>>> from claimgraph.formats import aif
>>> g = aif.from_aif({
...     "nodes": [
...         {"nodeID": 1, "type": "I", "text": "Taxes should rise."},
...         {"nodeID": 2, "type": "L", "text": "Ann : Taxes should rise."},
...         {"nodeID": 3, "type": "YA", "text": "Asserting"},
...         {"nodeID": 4, "type": "I", "text": "Schools need money."},
...         {"nodeID": 5, "type": "RA", "text": "Default Inference"},
...     ],
...     "edges": [
...         {"edgeID": 1, "fromID": 2, "toID": 3}, {"edgeID": 2, "fromID": 3, "toID": 1},
...         {"edgeID": 3, "fromID": 4, "toID": 5}, {"edgeID": 4, "fromID": 5, "toID": 1},
...     ],
...     "locutions": [{"nodeID": 2, "personID": 7}],
... }, name="demo")
>>> st = g.get("aif-2")
>>> st.actor, g.actors[st.actor].name, st.stance, st.reports[0].quote
('aif-person-7', 'Ann', 'asserts', 'Taxes should rise.')
>>> g.propositions["aif-4"].implies
('aif-1',)
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..dates import parse_partial_date
from ..exceptions import ErrorDetail, FileFormatError, InvalidDataError
from ..graph import ClaimGraph
from ..models import Actor, Proposition, Record, Source, Statement, slugify
from . import _lines_of_items, _located
from ._safe import atomic_write, load_json, read_bytes

__all__ = ["from_aif", "read_aif", "to_aif", "write_aif"]

# illocution (lower case) → (stance, kind)
_ILLOCUTIONS: dict[str, tuple[str, str]] = {
    "asserting": ("asserts", "claim"),
    "restating": ("asserts", "claim"),
    "agreeing": ("asserts", "agreement"),
    "conceding": ("asserts", "agreement"),
    "popular conceding": ("asserts", "agreement"),
    "disagreeing": ("denies", "denial"),
    # not an IAT illocution of its own: claimgraph writes a neutral report (stance
    # ``reports``) as "Reporting", so that it reads back as one
    "reporting": ("reports", "report"),
}
# (stance, kind) → the illocution written on export, and read back without a note
_DEFAULT_ILLOCUTION = {"asserts": "Asserting", "denies": "Disagreeing", "reports": "Reporting"}
_KIND_ILLOCUTION = {"agreement": "Agreeing"}
_NOTE_PREFIX = "AIF illocution: "
_SPEAKER = re.compile(r"^\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})\s*:\s+")
_AIF_ID = re.compile(r"^aif-(\d+)$")
_PERSON_ID = re.compile(r"^aif-person-(\d+)$")


def _strip_speakers(text: str) -> tuple[str, str | None]:
    """Text without its speaker prefixes (``"M: CL : x"`` → ``("x", "CL")``)."""
    speaker = None
    while True:
        m = _SPEAKER.match(text)
        if m is None or len(text) == m.end():
            return text.strip(), speaker
        speaker = m.group(1)
        text = text[m.end() :]


def _key(value: Any) -> str:
    """A node id as a string (AIFdb writes them as strings or ints)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _is_id(value: Any) -> bool:
    """Whether ``value`` can be an AIF id: a string or an integer (or a whole float, as
    some tools write them), without spaces."""
    if isinstance(value, float):
        if not value.is_integer():
            return False
    elif isinstance(value, bool) or not isinstance(value, (str, int)):
        return False
    key = _key(value)
    return bool(key) and not any(c.isspace() for c in key)


def _show(value: Any, limit: int = 40) -> str:
    """``repr(value)``, cut to ``limit`` characters (for error messages)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(value: Any) -> str:
    """The JSON name of the type of a parsed value, for error messages."""
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number" if isinstance(value, (int, float)) else "a string"


class _Reader:
    def __init__(self, doc: Any, name: str, path: str | None) -> None:
        self.path = path
        self.errors: list[ErrorDetail] = []
        if isinstance(doc, Mapping) and isinstance(doc.get("AIF"), Mapping):
            doc = doc["AIF"]  # OVA wraps AIF as {"AIF": {...}, "OVA": {...}}
        if not isinstance(doc, Mapping) or not isinstance(doc.get("nodes"), list):
            raise FileFormatError(
                f"cannot read {path or 'AIF data'}",
                [
                    ErrorDetail(
                        "not_aif", 'not AIF: expected an object with a "nodes" list', path=path
                    )
                ],
            )
        self.doc = doc
        self.name = name
        self.source_id = "aif-" + (slugify(name) or "map")

    def fail(self, code: str, message: str, record: str, field: str | None = None) -> None:
        self.errors.append(ErrorDetail(code, message, record, field, self.path))

    def items(self, section: str) -> list[Any]:
        """The list ``doc[section]`` (empty when absent or null; an error otherwise)."""
        value = self.doc.get(section)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail("aif_type", f"must be a list, not {_kind(value)}", section)
            return []
        return value

    def record(
        self, raw: Any, label: str, ids: tuple[str, ...], texts: tuple[str, ...] = ()
    ) -> bool:
        """Check that ``raw`` is an object whose ``ids`` are AIF ids and whose ``texts``
        are strings (or null); note every problem and return whether there was none."""
        if not isinstance(raw, Mapping):
            self.fail("aif_type", f"expected an object, not {_kind(raw)}", label)
            return False
        ok = True
        for name in ids:
            value = raw.get(name)
            if value is not None and not _is_id(value):
                self.fail(
                    "aif_id",
                    f"an id must be a string or an integer without spaces: {_show(value)}",
                    label,
                    name,
                )
                ok = False
        for name in texts:
            value = raw.get(name)
            if value is not None and not isinstance(value, str):
                self.fail("aif_type", f"expected a string, not {_kind(value)}", label, name)
                ok = False
        return ok

    def read(self) -> ClaimGraph:
        nodes: dict[str, dict[str, Any]] = {}
        for i, raw in enumerate(self.doc["nodes"]):
            label = f"nodes[{i}]"
            if not self.record(raw, label, ("nodeID",), ("type", "text", "scheme")):
                continue
            if raw.get("nodeID") is None or raw.get("type") is None:
                self.fail("aif_node", "a node needs nodeID and type", label)
                continue
            nid = _key(raw["nodeID"])
            if nid in nodes:
                if nodes[nid].get("text") != raw.get("text"):
                    self.fail(
                        "aif_duplicate",
                        f"node {nid} is listed twice with different texts",
                        f"nodes[{i}]",
                        "nodeID",
                    )
                continue
            nodes[nid] = dict(raw)
        out_edges: dict[str, list[str]] = defaultdict(list)
        in_edges: dict[str, list[str]] = defaultdict(list)
        for i, raw in enumerate(self.items("edges")):
            if not self.record(raw, f"edges[{i}]", ("edgeID", "fromID", "toID")):
                continue
            if raw.get("fromID") is None or raw.get("toID") is None:
                self.fail("aif_edge", "an edge needs fromID and toID", f"edges[{i}]")
                continue
            a, b = _key(raw["fromID"]), _key(raw["toID"])
            for end, nid in (("fromID", a), ("toID", b)):
                if nid not in nodes:
                    label = f"edge {_key(raw.get('edgeID', i))}"
                    self.fail("unknown_reference", f"no node {nid}", label, end)
            if a in nodes and b in nodes and b not in out_edges[a]:
                out_edges[a].append(b)
                in_edges[b].append(a)
        speakers = self._speakers(nodes)
        if self.errors:
            raise InvalidDataError(f"{self.path or 'AIF data'}: not a valid AIF map", self.errors)

        def typed(ids: list[str], t: str) -> list[str]:
            return [n for n in ids if str(nodes[n].get("type")) == t]

        records: list[Record] = []
        props: dict[str, dict[str, Any]] = {}
        for nid, node in nodes.items():
            if node.get("type") == "I":
                props[nid] = {"id": f"aif-{nid}", "text": str(node.get("text") or "").strip()}
        # relations between propositions
        for nid, node in nodes.items():
            t = node.get("type")
            if t not in ("RA", "CA", "MA"):
                continue
            sources = typed(in_edges[nid], "I")
            targets = typed(out_edges[nid], "I")
            for s in sources:
                for d in targets:
                    if t == "RA":
                        props[s].setdefault("implies", []).append(f"aif-{d}")
                    elif t == "CA":
                        props[s].setdefault("contradicts", []).append(f"aif-{d}")
                    else:
                        props[s].setdefault("implies", []).append(f"aif-{d}")
                        props[d].setdefault("implies", []).append(f"aif-{s}")
        # locutions → statements
        locs = {n: node for n, node in nodes.items() if node.get("type") == "L"}
        stripped = {n: _strip_speakers(str(node.get("text") or "")) for n, node in locs.items()}
        anchors: dict[str, list[tuple[str, str]]] = {}  # L → [(YA text, I)]
        for lid in locs:
            for ya in typed(out_edges[lid], "YA"):
                illoc = str(nodes[ya].get("text") or nodes[ya].get("scheme") or "").strip()
                for iid in typed(out_edges[ya], "I"):
                    anchors.setdefault(lid, []).append((illoc, iid))
        linked = {n for n in locs if out_edges[n] or in_edges[n]}
        first_with_text: dict[tuple[str, str | None], str] = {}
        for lid in locs:
            if lid in linked:
                first_with_text.setdefault(stripped[lid], lid)
        folded: dict[str, str] = {}
        for lid in locs:
            if lid not in linked:
                twin = first_with_text.get(stripped[lid])
                if twin is not None:
                    folded[lid] = twin
                else:  # a locution of its own content, never anchored
                    pid = f"aif-{lid}-content"
                    props[pid] = {"id": pid, "text": stripped[lid][0] or "(empty locution)"}
                    anchors[lid] = [("", pid)]
        statement_of: dict[str, list[str]] = {}
        statements: list[dict[str, Any]] = []
        for lid, pairs in anchors.items():
            quote = stripped[lid][0] or None
            for illoc, iid in pairs:
                pid = iid if iid.endswith("-content") else f"aif-{iid}"
                sid = f"aif-{lid}" if len(pairs) == 1 else f"aif-{lid}-{iid}"
                stance, kind = _ILLOCUTIONS.get(illoc.lower(), ("asserts", "other"))
                fields: dict[str, Any] = {
                    "id": sid,
                    "actor": speakers[lid],
                    "proposition": pid,
                    "stance": stance,
                    "kind": kind,
                    "reports": [{"source": self.source_id, "quote": quote}],
                }
                expected = _KIND_ILLOCUTION.get(kind, _DEFAULT_ILLOCUTION[stance])
                if illoc and illoc != expected:
                    fields["note"] = _NOTE_PREFIX + illoc
                when = self._said(lid)
                if when is not None:
                    fields["said"] = when
                statements.append(fields)
                statement_of.setdefault(lid, []).append(sid)
        # transitions → responds_to
        by_id = {x["id"]: x for x in statements}
        for nid, node in nodes.items():
            if node.get("type") != "TA":
                continue
            for before in typed(in_edges[nid], "L"):
                for after in typed(out_edges[nid], "L"):
                    b, a = folded.get(before, before), folded.get(after, after)
                    for s_after in statement_of.get(a, []):
                        for s_before in statement_of.get(b, []):
                            st = by_id[s_after]
                            if s_before != s_after:
                                st.setdefault("responds_to", []).append(s_before)
        # build and check
        records.append(self._source(nodes, locs, folded))
        for aid in dict.fromkeys(speakers.values()):
            kind = "person" if "person" in aid else "other"
            records.append(
                self._validate(Actor, {"id": aid, "name": self.actor_names[aid], "kind": kind})
            )
        for data in props.values():
            records.append(self._validate(Proposition, data))
        for data in statements:
            records.append(self._validate(Statement, data))
        if self.errors:
            raise InvalidDataError(f"{self.path or 'AIF data'}: not a valid AIF map", self.errors)
        with _located(self.path):
            return ClaimGraph(records, title=self.name)

    def _validate(self, cls: type[Record], data: dict[str, Any]) -> Any:
        """``cls.model_validate(data)``, or None with its problems noted."""
        for key in ("implies", "contradicts", "responds_to"):
            if key in data:
                data[key] = list(dict.fromkeys(data[key]))
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            for e in exc.errors():
                loc = ".".join(str(p) for p in e["loc"]) or None
                self.fail(e["type"], e["msg"], f"{cls.record_type} '{data['id']}'", loc)
            return None

    # -- speakers
    def _speakers(self, nodes: dict[str, dict[str, Any]]) -> dict[str, str]:
        """L nodeID → actor id; remembers what is known of each actor."""
        person: dict[str, str] = {}
        self._starts: dict[str, str | None] = {}
        for i, raw in enumerate(self.items("locutions")):
            label = f"locutions[{i}]"
            if not self.record(raw, label, ("nodeID", "personID"), ("start",)):
                continue
            if raw.get("nodeID") is None:
                self.fail("aif_locution", "a locution needs a nodeID", label)
                continue
            nid = _key(raw["nodeID"])
            if raw.get("personID") is not None and nid not in person:
                person[nid] = _key(raw["personID"])
            self._starts.setdefault(nid, raw.get("start"))
        self.participants: dict[str, str] = {}
        for i, raw in enumerate(self.items("participants")):
            label = f"participants[{i}]"
            if not self.record(raw, label, ("participantID",), ("firstname", "surname")):
                continue
            if raw.get("participantID") is not None:
                name = " ".join(
                    str(raw.get(k) or "").strip() for k in ("firstname", "surname")
                ).strip()
                if name:
                    self.participants[_key(raw["participantID"])] = name
        prefix_of_person: dict[str, Counter[str]] = defaultdict(Counter)
        by_prefix: dict[str, Counter[str]] = defaultdict(Counter)
        prefixes: dict[str, str | None] = {}
        for nid, node in nodes.items():
            if node.get("type") != "L":
                continue
            _, prefix = _strip_speakers(str(node.get("text") or ""))
            prefixes[nid] = prefix
            if prefix and nid in person:
                prefix_of_person[person[nid]][prefix] += 1
                by_prefix[prefix][person[nid]] += 1
        self.actor_names: dict[str, str] = {}
        out: dict[str, str] = {}
        for nid, prefix in prefixes.items():
            pid = person.get(nid)
            if pid is None and prefix and by_prefix.get(prefix):
                pid = by_prefix[prefix].most_common(1)[0][0]
            if pid is not None:
                aid = f"aif-person-{pid}"
                named = self.participants.get(pid)
                if named is None and prefix_of_person.get(pid):
                    named = prefix_of_person[pid].most_common(1)[0][0]
                self.actor_names[aid] = named or f"Person {pid}"
            elif prefix:
                aid = f"aif-speaker-{slugify(prefix) or 'x'}"
                self.actor_names[aid] = prefix
            else:
                aid = "aif-unknown-speaker"
                self.actor_names[aid] = "Unknown speaker"
            out[nid] = aid
        self.persons = person
        return out

    def _said(self, lid: str) -> str | None:
        """When a locution was said: the ``start`` of its first locution record."""
        start = self._starts.get(lid)
        if not start:
            return None
        try:
            return parse_partial_date(start.strip())
        except ValueError:
            return None

    def _source(
        self, nodes: dict[str, Any], locs: dict[str, Any], folded: dict[str, str]
    ) -> Source:
        counts = Counter(str(n.get("type")) for n in nodes.values())
        summary = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
        note = f"Imported from AIF: {summary} nodes."
        if folded:
            pairs = ", ".join(f"{a}→{b}" for a, b in folded.items())
            note += f" Unlinked copies of locutions folded into the locution they repeat: {pairs}."
        data = {"id": self.source_id, "title": self.name, "kind": "transcript", "note": note}
        return self._validate(Source, data)  # type: ignore[no-any-return]


def from_aif(doc: Any, *, name: str = "AIF map", path: str | None = None) -> ClaimGraph:
    """Build a graph from AIF / AIFdb JSON data (already parsed).

    Parameters
    ----------
    doc : dict
        ``{"nodes": [...], "edges": [...], "locutions": [...], "participants": [...]}``
        (or OVA's ``{"AIF": {...}}``).
    name : str
        The title of the map; the graph's single source is ``aif-<slug of name>``.

    Raises
    ------
    FileFormatError
        When ``doc`` is not AIF.
    InvalidDataError
        Nodes or edges that are malformed or name missing nodes, all listed.
    """
    return _Reader(doc, name, path).read()


def read_aif(path: str | os.PathLike[str], *, name: str | None = None) -> ClaimGraph:
    """Read an AIF / AIFdb JSON file (with size and depth limits).

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> from claimgraph.formats import aif
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "nodeset1.json"
    >>> _ = path.write_text(json.dumps({"nodes": [{"nodeID": "1", "type": "I", "text": "X."}],
    ...                                 "edges": []}))
    >>> list(aif.read_aif(path).propositions)
    ['aif-1']
    """
    data = read_bytes(path)
    doc = load_json(data, path=str(path))
    with _lines_of_items(data):
        return from_aif(doc, name=name or Path(path).name.split(".")[0], path=str(path))


# ---------------------------------------------------------------------------- export
def to_aif(graph: ClaimGraph, *, timestamp: str | None = None) -> dict[str, Any]:
    """The graph as AIFdb JSON: ``nodes``, ``edges``, ``locutions`` and ``participants``.

    Ids are written as strings and every node and locution gets a ``timestamp``
    (``YYYY-MM-DD HH:MM:SS``, as AIFdb writes them): ``timestamp``, or the current UTC
    time.

    Propositions become I-nodes, statements L-nodes anchored by a YA illocution
    (``Asserting``, ``Disagreeing`` for denials, ``Agreeing`` for agreements, or the
    illocution kept in the note on import), ``implies`` RA-nodes (MA-nodes when two
    propositions imply each other), ``contradicts`` CA-nodes, ``responds_to``
    TA-nodes. Ids that came from AIF (``aif-<n>``) keep their number. Lost: sources
    (other than the quote), sides and memberships, reviews, and dates other than
    ``said``.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.formats import aif
    >>> data = aif.to_aif(cg.load(cg.example_path()))
    >>> sorted({n["type"] for n in data["nodes"]})
    ['I', 'L', 'RA', 'TA', 'YA']
    """
    taken = {
        int(m.group(1))
        for rid in [*graph.propositions, *graph.statement_records]
        if (m := _AIF_ID.match(rid))
    }
    counter = iter(range(max(taken, default=0) + 1, 10**12))
    ids: dict[str, int] = {}

    def node_id(rid: str | None = None) -> int:
        if rid is not None:
            if rid in ids:
                return ids[rid]
            m = _AIF_ID.match(rid)
            n = int(m.group(1)) if m else next(counter)
            ids[rid] = n
            return n
        return next(counter)

    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def edge(a: int, b: int) -> None:
        edges.append({"edgeID": len(edges) + 1, "fromID": a, "toID": b, "formEdgeID": None})

    for p in graph.propositions.values():
        nodes.append({"nodeID": node_id(p.id), "text": p.text, "type": "I"})
    persons: dict[str, int] = {}
    person_taken = {int(m.group(1)) for a in graph.actors if (m := _PERSON_ID.match(a))}
    person_counter = iter(range(max(person_taken, default=0) + 1, 10**12))
    locutions: list[dict[str, Any]] = []
    for st in graph.statement_records.values():
        actor = graph.actors[st.actor]
        m = _PERSON_ID.match(actor.id)
        if actor.id not in persons:
            persons[actor.id] = int(m.group(1)) if m else next(person_counter)
        quote = next((r.quote for r in st.reports if r.quote), None)
        text = quote or graph.propositions[st.proposition].text
        lid = node_id(st.id)
        nodes.append({"nodeID": lid, "text": f"{actor.name} : {text}", "type": "L"})
        illoc = _KIND_ILLOCUTION.get(str(st.kind), _DEFAULT_ILLOCUTION[st.stance])
        if st.stance != "asserts":
            illoc = _DEFAULT_ILLOCUTION[st.stance]
        if st.note and st.note.startswith(_NOTE_PREFIX):
            illoc = st.note[len(_NOTE_PREFIX) :].strip()
        ya = node_id()
        nodes.append({"nodeID": ya, "text": illoc, "type": "YA", "scheme": illoc})
        edge(lid, ya)
        edge(ya, node_id(st.proposition))
        loc: dict[str, Any] = {"nodeID": lid, "personID": persons[actor.id]}
        if st.said is not None:
            loc["start"] = st.said
        locutions.append(loc)
    for st in graph.statement_records.values():
        for other in st.responds_to:
            ta = node_id()
            nodes.append({"nodeID": ta, "text": "Default Transition", "type": "TA"})
            edge(node_id(other), ta)
            edge(ta, node_id(st.id))
    for p in graph.propositions.values():
        for q in p.implies:
            mutual = p.id in graph.propositions[q].implies
            if mutual and q < p.id:
                continue  # one MA node per rephrase pair
            t, text = ("MA", "Default Rephrase") if mutual else ("RA", "Default Inference")
            s = node_id()
            nodes.append({"nodeID": s, "text": text, "type": t})
            edge(node_id(p.id), s)
            edge(s, node_id(q))
        for q in p.contradicts:
            s = node_id()
            nodes.append({"nodeID": s, "text": "Default Conflict", "type": "CA"})
            edge(node_id(p.id), s)
            edge(s, node_id(q))
    participants = [
        {"participantID": str(n), "firstname": graph.actors[aid].name, "surname": ""}
        for aid, n in persons.items()
    ]
    stamp = timestamp or _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    for node in nodes:
        node["nodeID"] = str(node["nodeID"])
        node["timestamp"] = stamp
    for e in edges:
        e.update(edgeID=str(e["edgeID"]), fromID=str(e["fromID"]), toID=str(e["toID"]))
    locutions = [
        {
            "nodeID": str(loc["nodeID"]),
            "personID": str(loc["personID"]),
            "timestamp": stamp,
            "start": loc.get("start"),
            "end": None,
            "source": None,
        }
        for loc in locutions
    ]
    return {"nodes": nodes, "edges": edges, "locutions": locutions, "participants": participants}


def write_aif(graph: ClaimGraph, path: str | os.PathLike[str]) -> None:
    """Write AIFdb JSON to ``path``, atomically."""
    text = json.dumps(to_aif(graph), ensure_ascii=False, indent=1) + "\n"
    atomic_write(path, lambda f: f.write(text))
