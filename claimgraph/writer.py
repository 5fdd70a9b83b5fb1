"""Writing a graph as native JSON or YAML authoring text (:func:`dumps`) and to a file
(:func:`save`).

This is the writing half of the native format; :mod:`claimgraph.io` reads it (and re-exports
these functions). It needs only the graph's public reading API, so the graph can call it
(:meth:`ClaimGraph.save <claimgraph.ClaimGraph.save>`) without the reader importing the
graph and the graph importing the reader.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

from ._atomic import write_text
from .authoring import FORMAT_VERSION, STANCE_KEYS
from .exceptions import InvalidArgumentError
from .models import (
    DEFAULT_KINDS,
    Actor,
    Proposition,
    Record,
    RecordClass,
    Review,
    Source,
    Statement,
    default_certainty,
)

if TYPE_CHECKING:
    from .graph import ClaimGraph

__all__ = ["Format", "dumps", "save"]

Format = Literal["json", "yaml"]
"""The native formats: ``"json"`` (the file format) and ``"yaml"`` (the authoring format)."""


def format_of(path: str | os.PathLike[str], format: str | None) -> Format:
    if format is not None:
        if format not in ("json", "yaml"):
            raise InvalidArgumentError(f"format must be 'json' or 'yaml', not {format!r}")
        return format  # type: ignore[return-value]
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    raise InvalidArgumentError(
        f"cannot tell the format of '{path}' from its extension: use .json, .yaml or .yml,"
        " or pass format='json' or format='yaml'"
    )


SECTIONS: tuple[tuple[str, RecordClass], ...] = (
    ("actors", Actor),
    ("sources", Source),
    ("propositions", Proposition),
    ("statements", Statement),
    ("reviews", Review),
)


def _dump_json(graph: ClaimGraph) -> str:
    head: dict[str, Any] = {"format": "claimgraph", "version": FORMAT_VERSION}
    if graph.title is not None:
        head["title"] = graph.title
    parts = [json.dumps(head, ensure_ascii=False)[:-1]]
    views = {
        "actors": graph.actors,
        "sources": graph.sources,
        "propositions": graph.propositions,
        "statements": graph.statement_records,
        "reviews": graph.reviews,
    }
    for section, _cls in SECTIONS:
        records = views[section].values()
        if not records and section == "reviews":
            continue  # optional section: files without fact-checks look as before
        if not records:
            parts.append(f',\n"{section}": []')
            continue
        body = ",\n".join([r.model_dump_json(exclude_unset=True) for r in records])
        parts.append(f',\n"{section}": [\n{body}\n]')
    parts.append("\n}\n")
    return "".join(parts)


def _derived(rec: Record) -> bool:
    data = rec.model_dump(exclude={"id"}, exclude_unset=True)
    return type(rec)(**data).id == rec.id


def _fields(rec: Record) -> dict[str, Any]:
    return rec.model_dump(mode="json", exclude={"id"}, exclude_defaults=True)


def _compact(data: dict[str, Any], listy: Iterable[str]) -> dict[str, Any]:
    if "note" in data:
        data["note"] = data.pop("note")  # notes read best last
    for key in listy:
        value = data.get(key)
        if isinstance(value, (list, tuple)) and len(value) == 1:
            data[key] = value[0]
    return data


def _dump_yaml(graph: ClaimGraph) -> str:
    doc: dict[str, Any] = {"claimgraph": FORMAT_VERSION}
    if graph.title is not None:
        doc["title"] = graph.title
    actors: dict[str, Any] = {}
    for a in graph.actors.values():
        data = _compact(
            a.model_dump(mode="json", exclude={"id"}, exclude_defaults=True), ["member_of"]
        )
        actors[a.id] = data["name"] if list(data) == ["name"] else data
    props: dict[str, Any] = {}
    for p in graph.propositions.values():
        data = _compact(_fields(p), ["contradicts", "implies"])
        props[p.id] = data["text"] if list(data) == ["text"] else data
    sources: dict[str, Any] = {}
    for s in graph.sources.values():
        data = _compact(
            s.model_dump(mode="json", exclude={"id"}, exclude_defaults=True), ["derived_from"]
        )
        sources[s.id] = data
    loose: list[dict[str, Any]] = []
    for st in graph.statement_records.values():
        entry: dict[str, Any] = {}
        if not _derived(st):
            entry["id"] = st.id
        entry["actor"] = st.actor
        entry[STANCE_KEYS[st.stance]] = st.proposition
        default_kind = DEFAULT_KINDS[st.stance]
        if st.kind != default_kind or "kind" in st.model_fields_set:
            entry["kind"] = str(st.kind)
        if st.said is not None:
            entry["said"] = st.said
        if st.hedge is not None:
            entry["hedge"] = st.hedge
        if st.certainty != default_certainty(st.hedge) or "certainty" in st.model_fields_set:
            entry["certainty"] = st.certainty
        reports = list(st.reports)
        if reports:
            first = reports.pop(0)
            if first.quote is not None:
                entry["quote"] = first.quote
        if reports:
            entry["reports"] = [r.model_dump(exclude_none=True) for r in reports]
        if st.responds_to:
            entry["responds_to"] = _compact({"r": list(st.responds_to)}, ["r"])["r"]
        w = st.withdrawn
        if w is not None:
            fields = w.model_dump(mode="json", exclude_none=True)
            # the short forms: `withdrawn: <date>`, `withdrawn: true`
            entry["withdrawn"] = fields.get("date", True) if set(fields) <= {"date"} else fields
        if st.note is not None:
            entry["note"] = st.note
        if st.reports:
            sources[st.reports[0].source].setdefault("statements", []).append(entry)
        else:
            loose.append(entry)
    for key, value in (("actors", actors), ("propositions", props), ("sources", sources)):
        if value:
            doc[key] = value
    if loose:
        doc["statements"] = loose
    reviews = []
    for rv in graph.reviews.values():
        entry = {} if _derived(rv) else {"id": rv.id}
        entry.update(_fields(rv))
        reviews.append(_compact(entry, []))
    if reviews:
        doc["reviews"] = reviews
    # the C emitter escapes U+0085 (NEL) as \N; the pure-Python one writes it raw inside
    # a single-quoted scalar, where it reads back as a space
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(doc, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def dumps(graph: ClaimGraph, *, format: Format = "json") -> str:
    """The graph as native JSON or YAML authoring text.

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.ClaimGraph([cg.Actor(id="qatar", name="Qatar", kind="mediator")])
    >>> print(cg.dumps(g, format="yaml"), end="")
    claimgraph: 2
    actors:
      qatar:
        name: Qatar
        kind: mediator
    """
    return _dump_json(graph) if format == "json" else _dump_yaml(graph)


def save(graph: ClaimGraph, path: str | os.PathLike[str], *, format: Format | None = None) -> None:
    """Write the graph to ``path`` atomically.

    The text is written to a temporary file in the same directory, flushed to disk and
    renamed over ``path``, and the directory flushed: a crash mid-save leaves the previous
    file as it was (see :mod:`claimgraph._atomic`). A new file gets the umask's mode.
    """
    fmt = format_of(path, format)
    write_text(path, dumps(graph, format=fmt))
