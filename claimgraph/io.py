"""Reading and writing claim graphs: native JSON and the YAML authoring format.

- **Native JSON** (``.json``): ``{"format": "claimgraph", "version": 1, "actors": [...],
  "sources": [...], "propositions": [...], "statements": [...]}``, one record per line,
  fields left out where they have their default. Exact, fast, diff-friendly.
- **YAML authoring** (``.yaml``/``.yml``): records keyed by id, statements grouped under
  the source that reports them; see :mod:`claimgraph.authoring`.

Loading checks everything before anything is added and reports every problem, each with
the record, the field and the line (up to ``max_errors`` of them). Every input is held to
the :class:`Limits` in force, which :func:`limits` changes for a block of code (see
:mod:`claimgraph.formats._safe`): past one, it is refused before its values are built.
Saving is atomic.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Container, Iterable, Iterator
from functools import partial
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    FailFast,
    Field,
    StrictInt,
    TypeAdapter,
    ValidationError,
)

from ._atomic import write_text
from ._gc import gc_paused
from .authoring import (
    FORMAT_VERSION,
    READ_VERSIONS,
    SHORTHANDS,
    AuthoringActor,
    AuthoringFile,
    AuthoringProposition,
    AuthoringSource,
    AuthoringStatement,
)
from .exceptions import ErrorDetail, FileFormatError, InvalidDataError
from .formats._safe import (
    DEFAULT_LIMITS,
    Limits,
    cap_errors,
    check_containers,
    check_size,
    check_tree,
    check_yaml_node,
    current_limits,
    int_parser,
    limits,
)
from .graph import ClaimGraph
from .models import (
    Actor,
    Proposition,
    Record,
    RecordClass,
    Report,
    Review,
    Source,
    Statement,
    Text,
    check_text,
)
from .writer import SECTIONS, Format, dumps, save
from .writer import format_of as _format_of

__all__ = [
    "DEFAULT_LIMITS",
    "FORMAT_VERSION",
    "Limits",
    "current_limits",
    "dumps",
    "limits",
    "load",
    "loads",
    "migrate",
    "save",
    "schema",
    "validate",
]

_READS = " and ".join(map(str, READ_VERSIONS))  # "1 and 2", for messages

RecordType = RecordClass
_SECTIONS = SECTIONS
_SECTION_NAMES = frozenset(name for name, _ in _SECTIONS)


# ---------------------------------------------------------------------------- parsing
class _Parsed:
    """Records read from a file, the problems found, and where each record starts."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.title: str | None = None
        self.records: list[Record] = []
        self.errors: list[ErrorDetail] = []
        self.bad_ids: set[str] = set()
        self.record_line: Callable[[int], int | None] = lambda _i: None
        """The line of ``records[i]``."""
        self._first: dict[str, int] | None = None
        self.limits = current_limits()

    def add(self, detail: ErrorDetail) -> None:
        """Collect a problem; past ``max_errors`` of them, stop reading (:class:`_Stop`)."""
        self.errors.append(detail)
        if len(self.errors) > self.limits.max_errors:
            raise _Stop(self)

    def line_of(self, rid: str) -> int | None:
        """The line of the first record with this id."""
        if self._first is None:
            self._first = {}
            for pos, rec in enumerate(self.records):
                self._first.setdefault(rec.id, pos)
        i = self._first.get(rid)
        return None if i is None else self.record_line(i)

    def fail(self, code: str, message: str, line: int | None = None) -> FileFormatError:
        detail = ErrorDetail(code, message, path=self.path, line=line)
        return FileFormatError(f"cannot read {self.path or 'the input'}", [detail])

    def add_validation_errors(
        self,
        exc: ValidationError,
        record: str,
        record_id: str | None,
        line_at: Callable[[tuple[Any, ...]], int | None],
    ) -> None:
        if isinstance(record_id, str) and record_id:
            self.bad_ids.add(record_id)
        else:
            record_id = None
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            self.add(
                ErrorDetail(
                    err["type"],
                    err["msg"],
                    record,
                    ".".join(str(p) for p in loc) or None,
                    self.path,
                    line_at(loc),
                    record_id,
                )
            )

    def stopped(self) -> FileFormatError:
        """The error for an input read only until ``max_errors`` problems were found."""
        errors = sorted(self.errors, key=lambda e: (e.line is None, e.line or 0))
        return FileFormatError(
            f"cannot read {self.path or 'the input'}: too many problems",
            cap_errors(errors, self.path, self.limits),
        )


class _Stop(Exception):  # an internal signal, never escapes
    """Raised by :meth:`_Parsed.add` past ``max_errors`` problems: stop reading."""

    def __init__(self, parsed: _Parsed) -> None:
        super().__init__()
        self.parsed = parsed


def _title(out: _Parsed, title: Any, line: Callable[[], int | None]) -> str | None:
    """The file's title, refused with its line unless it is text every writer can hold."""
    if title is None:
        return None
    if not isinstance(title, str):
        raise out.fail("string_type", "the title must be text", line())
    try:
        return check_text(title, "graph", "title")
    except InvalidDataError as exc:
        [err] = exc.errors
        raise out.fail(err.code, f"the title: {err.message}", line()) from None


def _describe_raw(kind: str, raw: Any, fallback: str) -> tuple[str, str | None]:
    rid = raw.get("id") if isinstance(raw, dict) else None
    if isinstance(rid, str) and rid:
        return f"{kind} '{rid}'", rid
    return fallback, None


# -- JSON
_KEY_LINE = -1
"""Index under which :func:`_json_record_lines` keeps the line of a top-level key."""


def _json_record_lines(text: str) -> dict[tuple[str, int], int]:
    """Line of every record in a native JSON file, found without a second full parse.

    ``(section, i)`` is the line of record ``i`` of a section; ``(key, _KEY_LINE)`` the
    line of a top-level key.
    """
    lines: dict[tuple[str, int], int] = {}
    for key, line in _iter_json_record_lines(text):
        if key[1] == _KEY_LINE:
            lines.setdefault(key, line)
        else:  # a section given twice: json.loads keeps the last one
            lines[key] = line
    return lines


class _LazyLines:
    """The lines of :func:`_json_record_lines`, scanned only as far as asked."""

    def __init__(self, text: str) -> None:
        self._scan = _iter_json_record_lines(text)
        self._seen: dict[tuple[str, int], int] = {}

    def get(self, key: tuple[str, int]) -> int | None:
        seen = self._seen
        while key not in seen:
            try:
                k, line = next(self._scan)
            except StopIteration:
                return None
            seen.setdefault(k, line)
        return seen[key]


def _iter_json_record_lines(
    text: str, sections: Container[str] | None = _SECTION_NAMES
) -> Iterator[tuple[tuple[str, int], int]]:
    """``(section, i)`` or ``(key, _KEY_LINE)`` and its line, in the order of the text.

    ``sections`` are the top-level keys whose lists are scanned item by item: the native
    format's by default, every top-level list with ``None`` (the other JSON formats).
    """
    decoder = json.JSONDecoder()
    ws = " \t\n\r"
    n = len(text)

    def skip(i: int) -> int:
        while i < n and text[i] in ws:
            i += 1
        return i

    counted, line_no = 0, 1

    def line_at(i: int) -> int:  # incremental: the file is scanned once, not once per record
        nonlocal counted, line_no
        line_no += text.count("\n", counted, i)
        counted = i
        return line_no

    i = skip(0)
    if i >= n or text[i] != "{":
        return
    i = skip(i + 1)
    while i < n and text[i] == '"':
        key_line = line_at(i)
        key, i = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
        yield (key, _KEY_LINE), key_line
        i = skip(i)
        i = skip(i + 1)  # the colon
        if (sections is None or key in sections) and i < n and text[i] == "[":
            i = skip(i + 1)
            idx = 0
            while i < n and text[i] != "]":
                yield (key, idx), line_at(i)
                _, i = decoder.raw_decode(text, i)
                i = skip(i)
                if i < n and text[i] == ",":
                    i = skip(i + 1)
                idx += 1
            i += 1
        else:
            _, i = decoder.raw_decode(text, i)
        i = skip(i)
        if i < n and text[i] == ",":
            i = skip(i + 1)


def _parse_json(text: str, path: str | None) -> _Parsed:
    """Read a native file record by record, naming every problem (up to ``max_errors``).

    Integers are refused past ``max_int_digits`` as they are parsed; the depth and the
    strings of each value are checked before it is validated.
    """
    out = _Parsed(path)
    lim = out.limits
    try:
        doc = json.loads(text, parse_int=int_parser(path, lim))
    except json.JSONDecodeError as exc:
        raise out.fail("json_syntax", f"malformed JSON: {exc.msg}", exc.lineno) from None
    except RecursionError:
        raise out.fail(
            "too_deep", f"JSON nested deeper than {lim.max_depth} levels", None
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != "claimgraph":
        raise out.fail(
            "not_claimgraph",
            'not a claimgraph file: the top level must be an object with "format": "claimgraph"',
            1,
        )
    version = doc.get("version")
    if type(version) is not int or version not in READ_VERSIONS:  # not True, not 1.0
        raise out.fail(
            "format_version",
            f"unsupported format version {version!r}: this claimgraph reads versions {_READS}",
            _line_of_key(text, "version"),
        )
    known = {"format", "version", "title"} | {s for s, _ in _SECTIONS}
    for key in doc:
        if key not in known:
            raise out.fail(
                "extra_forbidden",
                f"unknown top-level key {key!r} (expected one of {sorted(known)})",
                _line_of_key(text, key),
            )
    for key in ("format", "version", "title"):
        check_tree(doc.get(key), path, lim, depth=1)
    out.title = _title(out, doc.get("title"), lambda: _line_of_key(text, "title"))

    lines = _LazyLines(text)

    def line(section: str, i: int) -> int | None:
        return lines.get((section, i))

    where: list[tuple[str, int]] = []
    for section, cls in _SECTIONS:
        items = doc.get(section, [])
        if not isinstance(items, list):
            raise out.fail(
                "section_type", f"'{section}' must be a list", _line_of_key(text, section)
            )
        validate = cls.model_validate
        records = out.records
        for i, raw in enumerate(items):
            try:
                check_tree(raw, path, lim, depth=2)
            except FileFormatError as exc:
                [detail] = exc.errors
                raise out.fail(detail.code, detail.message, line(section, i)) from None
            try:
                rec = validate(raw)
            except ValidationError as exc:
                label, rid = _describe_raw(cls.record_type, raw, f"{section}[{i}]")
                out.add_validation_errors(exc, label, rid, _fixed_line(line, section, i))
                continue
            records.append(rec)
            where.append((section, i))
    out.record_line = lambda i: line(*where[i])
    return out


def _fixed_line(
    line: Callable[[str, int], int | None], section: str, i: int
) -> Callable[[tuple[Any, ...]], int | None]:
    return lambda _loc: line(section, i)


def _line_of_key(text: str, key: str) -> int | None:
    """The line of a top-level key of a JSON object (not of the same text in a value)."""
    try:
        return _json_record_lines(text).get((key, _KEY_LINE))
    except (json.JSONDecodeError, IndexError):  # pragma: no cover - text parsed before
        return None


# -- YAML
class _LineDict(dict[Any, Any]):
    line: int = 0
    lines: dict[Any, int]


class _LineList(list[Any]):
    line: int = 0
    lines: list[int]


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Limited:
    """Loader mixin holding a YAML document to the limits in force, before construction.

    Composing counts the nodes as it goes (LibYAML's composer asks :meth:`resolve` for the
    tag of every node without an explicit tag; :class:`_PyLineLoader`, used whenever the
    text has many ``!``, counts every node it composes), so that no more than
    ``max_yaml_nodes`` nodes (plus a tenth for explicit tags) are ever built; then
    :func:`~claimgraph.formats._safe.check_yaml_node` measures the composed document with
    its aliases expanded.
    """

    claimgraph_path: str | None = None
    claimgraph_limits: Limits = DEFAULT_LIMITS
    claimgraph_aliases = True
    """Whether the text may hold aliases (it has a ``*``)."""
    _nodes = 0

    def _count_node(self, mark: Any) -> None:
        self._nodes += 1
        most = self.claimgraph_limits.max_yaml_nodes
        if self._nodes > most:
            raise FileFormatError(
                f"cannot read {self.claimgraph_path or 'input'}",
                [
                    ErrorDetail(
                        "yaml_too_large",
                        f"YAML of more than {most} nodes",
                        path=self.claimgraph_path,
                        line=mark.line + 1 if mark is not None else None,
                    )
                ],
            )

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        self._count_node(None)
        return super().resolve(kind, value, implicit)  # type: ignore[misc]

    def get_single_node(self) -> Any:
        node = super().get_single_node()  # type: ignore[misc]
        if node is not None:
            check_yaml_node(
                node,
                self.claimgraph_path,
                self.claimgraph_limits,
                aliases=self.claimgraph_aliases,
            )
        return node


class _LineLoader(_Limited, _BaseLoader):  # type: ignore[misc]
    """A safe YAML loader that remembers the line of every key and item."""


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> _LineDict:
    loader.flatten_mapping(node)
    out = _LineDict()
    out.line = node.start_mark.line + 1
    out.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in out:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first on line {out.lines[key]})",
                key_node.start_mark,
            )
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: Any, node: yaml.SequenceNode) -> _LineList:
    out = _LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.lines = [child.start_mark.line + 1 for child in node.value]
    return out


def _construct_timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    """A YAML date as PyYAML reads it, or, if it is impossible (2025-02-30), its text, so
    that validation reports it as a bad partial date with its line instead of crashing."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


class _PyLineLoader(_Limited, yaml.SafeLoader):
    """The same, on PyYAML's pure-Python parser: for input nested deeper than LibYAML's
    recursive composer can take without overflowing the C stack (a crash, not an error),
    and for input with many explicit tags (which LibYAML composes without a word)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        return yaml.SafeLoader.resolve(self, kind, value, implicit)  # type: ignore[no-untyped-call]

    def compose_node(self, parent: Any, index: Any) -> Any:
        if not self.check_event(yaml.AliasEvent):
            self._count_node(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)


for _loader in (_LineLoader, _PyLineLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)

_MAX_C_DEPTH = 256
_FLOW = re.compile(r"[\[\]{}]")
_BLOCK = re.compile(r"^[ \t-]*", re.MULTILINE)


def _may_nest_deeply(text: str) -> bool:
    """Whether YAML text could nest deeper than ``_MAX_C_DEPTH`` (an upper bound).

    A nesting level takes an opening bracket, or a deeper indent, or a ``- `` in front of
    an item: the longest run of indent and dashes at the start of a line bounds block
    nesting, the running count of open brackets bounds flow nesting.
    """
    if max(map(len, _BLOCK.findall(text)), default=0) > _MAX_C_DEPTH:
        return True
    depth = 0
    for m in _FLOW.finditer(text):
        depth += 1 if m.group() in "[{" else -1
        if depth > _MAX_C_DEPTH:
            return True
    return False


def _line_in(node: Any, loc: Iterable[Any]) -> int | None:
    """The line of the deepest part of ``loc`` found in a loaded YAML tree."""
    line = getattr(node, "line", None)
    for part in loc:
        if (isinstance(node, _LineDict) and part in node) or (
            isinstance(node, _LineList) and isinstance(part, int) and 0 <= part < len(node)
        ):
            line = node.lines[part]
            node = node[part]
        else:
            break
    return line


def _line_or(node: Any, fallback: int) -> Callable[[tuple[Any, ...]], int | None]:
    return lambda loc: _line_in(node, loc) or fallback


def _parse_yaml(text: str, path: str | None) -> _Parsed:
    out = _Parsed(path)
    lim = out.limits
    try:
        slow = _may_nest_deeply(text) or text.count("!") > lim.max_yaml_nodes // 10
        loader = (_PyLineLoader if slow else _LineLoader)(text)
        loader.claimgraph_path, loader.claimgraph_limits = path, lim
        loader.claimgraph_aliases = "*" in text
        try:
            doc = loader.get_single_data()
        finally:
            loader.dispose()
    except RecursionError:
        raise out.fail(
            "too_deep", f"YAML nested deeper than {lim.max_depth} levels", None
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise out.fail(
            "yaml_syntax", f"malformed YAML: {problem}", mark.line + 1 if mark else None
        ) from None
    if not isinstance(doc, _LineDict) or "claimgraph" not in doc:
        raise out.fail(
            "not_claimgraph",
            "not a claimgraph file: the top level must be a mapping starting with"
            f" 'claimgraph: {FORMAT_VERSION}'",
            1,
        )
    version = doc["claimgraph"]
    if type(version) is not int or version not in READ_VERSIONS:  # not `yes`, not 1.0
        raise out.fail(
            "format_version",
            f"unsupported format version {doc['claimgraph']!r}: this claimgraph reads versions"
            f" {_READS}",
            doc.lines["claimgraph"],
        )
    sections = {"claimgraph", "title", "actors", "propositions", "sources", "statements", "reviews"}
    for key in doc:
        if key not in sections:
            raise out.fail(
                "extra_forbidden",
                f"unknown top-level key {key!r} (expected one of {sorted(sections)})",
                doc.lines[key],
            )
    for key, typ in (
        ("actors", dict),
        ("propositions", dict),
        ("sources", dict),
        ("statements", list),
        ("reviews", list),
    ):
        if doc.get(key) is not None and not isinstance(doc[key], typ):
            raise out.fail(
                "section_type",
                f"'{key}' must be a {'mapping of id to entry' if typ is dict else 'list'}",
                doc.lines[key],
            )
    title = doc.get("title")
    out.title = _title(out, None if title is None else str(title), lambda: doc.lines["title"])
    lines: list[int] = []
    records = out.records

    def take(rec: Record, line: int) -> None:
        records.append(rec)
        lines.append(line)

    def build(
        label: str,
        rid: str | None,
        node: Any,
        make: Callable[[], Record],
    ) -> Record | None:
        try:
            return make()
        except ValidationError as exc:
            out.add_validation_errors(exc, label, rid, lambda loc: _line_in(node, loc))
            return None

    entries: tuple[tuple[str, type[BaseModel], RecordType, str | None], ...] = (
        ("actors", AuthoringActor, Actor, "name"),
        ("propositions", AuthoringProposition, Proposition, "text"),
        ("sources", AuthoringSource, Source, None),
    )
    for section, auth_cls, rec_cls, shorthand in entries:
        table = doc.get(section) or _LineDict()
        for key, raw in table.items():
            data = {shorthand: raw} if shorthand and isinstance(raw, str) else raw
            if section == "sources" and isinstance(data, dict):
                data = {k: v for k, v in data.items() if k != "statements"}
            try:
                fields = auth_cls.model_validate(data).model_dump(exclude_unset=True)
                rec = rec_cls(id=key, **fields)
            except ValidationError as exc:
                key_line = table.lines[key]
                out.add_validation_errors(
                    exc,
                    f"{rec_cls.record_type} '{key}'",
                    str(key),
                    _line_or(raw, key_line),
                )
                continue
            take(rec, table.lines[key])
    declared = set(doc.get("propositions") or ())

    def statement(raw: Any, label: str, source: str | None, item_line: int) -> None:
        line = getattr(raw, "line", None) or item_line
        rid = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(rid, str):
            label = f"statement '{rid}'"
        else:
            rid = None  # a list or a mapping is no id (and cannot be hashed)
        try:
            st = AuthoringStatement.model_validate(raw)
        except ValidationError as exc:
            out.add_validation_errors(exc, label, rid, _line_or(raw, line))
            return
        field_name = next((k for k in SHORTHANDS if getattr(st, k) is not None), "proposition")
        prop = getattr(st, field_name)
        stance = SHORTHANDS.get(field_name) or st.stance
        if prop not in declared and any(c.isspace() for c in prop.strip()):
            inline = build(label, None, raw, lambda: Proposition(text=prop))
            if inline is None:
                return
            take(inline, _line_in(raw, (field_name,)) or line)
            prop = inline.id
        reports = []
        if source is not None:
            reports.append(Report(source=source, quote=st.quote))
        elif st.quote is not None:
            out.add(
                ErrorDetail(
                    "quote_without_source",
                    "a quote belongs to a source: put the statement under 'sources:' or"
                    " use 'reports: [{source: ..., quote: ...}]'",
                    label,
                    "quote",
                    out.path,
                    _line_in(raw, ("quote",)),
                    rid,
                )
            )
            if rid:
                out.bad_ids.add(rid)
            return
        reports += [Report(source=r.source, quote=r.quote) for r in st.reports]
        fields: dict[str, Any] = {
            "actor": st.actor,
            "proposition": prop,
            "stance": stance,
            "reports": reports,
            "responds_to": st.responds_to,
        }
        for name in ("id", "kind", "said", "certainty", "hedge", "withdrawn", "note"):
            value = getattr(st, name)
            if value is not None:
                fields[name] = value
        rec = build(label, rid, raw, lambda: Statement(**fields))
        if rec is not None:
            take(rec, line)

    for key, raw in (doc.get("sources") or {}).items():
        items = raw.get("statements") if isinstance(raw, dict) else None
        if items is None:
            continue
        if not isinstance(items, list):
            out.add(
                ErrorDetail(
                    "list_type",
                    "'statements' must be a list",
                    f"source '{key}'",
                    "statements",
                    path,
                    raw.lines["statements"],
                )
            )
            continue
        item_lines: list[int] = items.lines  # type: ignore[attr-defined]  # a _LineList
        for i, item in enumerate(items):
            statement(item, f"sources.{key}.statements[{i}]", str(key), item_lines[i])
    loose = doc.get("statements") or _LineList()
    for i, item in enumerate(loose):
        statement(item, f"statements[{i}]", None, loose.lines[i])
    for i, item in enumerate(doc.get("reviews") or []):
        rid = item.get("id") if isinstance(item, dict) else None
        label = f"review '{rid}'" if isinstance(rid, str) else f"reviews[{i}]"
        rev = build(
            label, rid if isinstance(rid, str) else None, item, partial(Review.model_validate, item)
        )
        if rev is not None:
            take(rev, getattr(item, "line", None) or doc.lines["reviews"])
    out.record_line = lines.__getitem__
    return out


# ---------------------------------------------------------------------------- loading
def _read_text(path: str | os.PathLike[str]) -> str:
    """The text of a file, refusing more than ``max_bytes`` bytes before reading them."""
    lim = current_limits()
    try:
        with open(path, "rb") as f:
            data = f.read(lim.max_bytes + 1)
        check_size(len(data), str(path), lim)
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileFormatError(
            f"cannot read {path}",
            [ErrorDetail("encoding", f"not UTF-8 text: {exc.reason}", path=str(path))],
        ) from None
    if "\r" in text:  # universal newlines, as a file opened as text reads them
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _parse(text: str, format: Format, path: str | None) -> _Parsed:
    """Read native JSON or YAML text within the limits in force.

    Raises
    ------
    FileFormatError
        Unreadable text, a limit exceeded, or more than ``max_errors`` problems (the error
        then lists the first ``max_errors`` and ends with ``too_many_errors``).
    """
    lim = current_limits()
    check_size(len(text), path, lim)
    try:
        if format == "yaml":
            return _parse_yaml(text, path)
        return _parse_native(text, path, lim)
    except _Stop as stop:
        raise stop.parsed.stopped() from None
    except UnicodeEncodeError as exc:  # a lone surrogate in a str: no file holds one
        raise FileFormatError(
            f"cannot read {path or 'input'}",
            [ErrorDetail("encoding", f"not valid Unicode text: {exc.reason}", path=path)],
        ) from None


_LONG_LINES: dict[int, re.Pattern[str]] = {}


def _longest_line_over(text: str, n: int) -> bool:
    """Whether a line of ``text`` is longer than ``n`` characters (JSON strings cannot hold
    a raw newline: this bounds the longest string). Tried at line starts only: linear."""
    if len(text) <= n:
        return False
    pattern = _LONG_LINES.get(n)
    if pattern is None:
        pattern = _LONG_LINES[n] = re.compile(rf"^[^\n]{{{n + 1}}}", re.MULTILINE)
    return pattern.search(text) is not None


_NATIVE_DEPTH = 5
"""The deepest a valid native file nests: file, section, record, ``reports``, report."""


def _parse_native(text: str, path: str | None, lim: Limits) -> _Parsed:
    check_containers(text, path, lim)
    if lim.max_depth < _NATIVE_DEPTH:  # the one-pass readers do not measure depth
        return _parse_json(text, path)
    parsed = _parse_json_lines(text, path)
    if parsed is None:  # not in the layout claimgraph writes: one pass over the whole
        parsed = _parse_json_fast(text, path)
    if parsed and _longest_line_over(text, lim.max_string):
        for rec in parsed.records:  # rare: a compact file, or a record of over 16 MiB
            check_tree(rec.model_dump(), path, lim, depth=2)
    return parsed or _parse_json(text, path)  # anything wrong: record by record


_CHUNK = 20_000
"""Records validated per call on the line-by-line path."""

_LIST_ADAPTERS: dict[str, TypeAdapter[Any]] = {}


def _parse_json_lines(text: str, path: str | None) -> _Parsed | Literal[False] | None:
    """Read a native file in the layout :func:`save` writes, a chunk of records at a time.

    That layout has one record per line, and a raw newline can only stand between JSON
    values (inside strings it is escaped), so the records of a section can be cut into
    chunks of lines and each chunk validated by pydantic-core as one JSON array. Peak memory
    stays near the graph's own size instead of holding a parse tree of the whole file.

    Returns None if the text is not in that layout (another path reads it), and False if it
    is but something in it is wrong (the careful path then names every problem).
    """
    first = text.find("\n")
    if first < 0 or not text.startswith('{"format"') or text[first - 1] != ",":
        return None
    try:
        head = json.loads(text[: first - 1] + "}")
    except ValueError:
        return None
    version = head.get("version")
    if (
        not isinstance(head, dict)
        or set(head) - {"format", "version", "title"}
        or head.get("format") != "claimgraph"
        or type(version) is not int
        or version not in READ_VERSIONS
        or not isinstance(head.get("title", ""), str)
    ):
        return None
    out = _Parsed(path)
    out.title = _title(out, head.get("title"), lambda: 1)
    starts: list[tuple[int, int]] = []  # (index of a section's first record, its line)
    line_no, pos = 2, first + 1
    seen: set[str] = set()
    classes = dict(_SECTIONS)
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            return None
        line = text[pos:nl]
        if line == "}":
            return out if not text[nl + 1 :].strip() else None
        name = line.partition('"')[2].partition('"')[0]
        if name not in classes or name in seen:
            return None
        seen.add(name)
        if line in (f'"{name}": []', f'"{name}": [],'):
            line_no, pos = line_no + 1, nl + 1
            continue
        if line != f'"{name}": [':
            return None
        end = text.find("\n]", nl)  # records start with "{": this closes the section
        if end < 0:
            return None
        adapter = _LIST_ADAPTERS.get(name)
        if adapter is None:
            adapter = _LIST_ADAPTERS[name] = TypeAdapter(
                Annotated[list[classes[name]], FailFast()]  # type: ignore[arg-type,valid-type]
            )
        before = len(out.records)
        starts.append((before, line_no + 1))
        i = nl + 1
        while i < end:
            j = i
            for _ in range(_CHUNK):
                j = text.find("\n", j + 1, end)
                if j < 0:
                    j = end
                    break
            chunk = text[i:j]
            if j < end:  # lines inside a section end with the comma between records
                if not chunk.endswith(","):
                    return False
                chunk = chunk[:-1]
            try:
                out.records += adapter.validate_json("[" + chunk + "]")
            except ValidationError:
                return False
            i = j + 1
        line_no += 1 + len(out.records) - before  # the opening line and the records
        close = text.find("\n", end + 1)
        if close < 0 or text[end + 1 : close] not in ("]", "],"):
            return None
        line_no, pos = line_no + 1, close + 1
        out.record_line = partial(_line_from_starts, starts)


def _line_from_starts(starts: list[tuple[int, int]], i: int) -> int | None:
    for first, line in reversed(starts):
        if i >= first:
            return line + i - first
    return None


_FAST_ADAPTER: TypeAdapter[_FastNativeFile] | None = None


def _parse_json_fast(text: str, path: str | None) -> _Parsed | None:
    """Read a valid native file in one pass of pydantic-core's ``validate_json``.

    Returns None if anything is wrong with the file: the record-by-record path then reads
    it again, to name every problem with its record and line.
    """
    global _FAST_ADAPTER
    if _FAST_ADAPTER is None:
        _FAST_ADAPTER = TypeAdapter(_FastNativeFile)
    try:
        doc = _FAST_ADAPTER.validate_json(text)
    except ValidationError:
        return None
    if doc.version not in READ_VERSIONS:
        return None
    out = _Parsed(path)
    out.title = doc.title
    sections = [(name, getattr(doc, name)) for name, _cls in _SECTIONS]
    for _name, records in sections:
        out.records += records
    lines = _LazyLines(text)

    def record_line(i: int) -> int | None:  # only asked when a record has a problem
        for name, records in sections:
            if i < len(records):
                return lines.get((name, i))
            i -= len(records)
        return None

    out.record_line = record_line
    return out


def _check(parsed: _Parsed, into: ClaimGraph) -> tuple[Any, list[ErrorDetail]]:
    plan = into.plan(parsed.records, ignore=parsed.bad_ids)
    errors = list(parsed.errors)
    conflict_lines = [parsed.record_line(i) for i in plan.conflict_at]
    for e in plan.all_errors:
        if e.code == "conflict" and conflict_lines:
            line = conflict_lines.pop(0)  # the duplicate's own line, not the first one's
        else:
            line = parsed.line_of(e.record_id) if e.record_id else None
        errors.append(
            ErrorDetail(e.code, e.message, e.record, e.field, parsed.path, line, e.record_id)
        )
    errors.sort(key=lambda e: (e.line is None, e.line or 0))
    return plan, cap_errors(errors, parsed.path, parsed.limits)


def loads(
    text: str,
    *,
    format: Format = "json",
    into: ClaimGraph | None = None,
    path: str | None = None,
) -> ClaimGraph:
    """Read a graph from a string of native JSON or YAML authoring text.

    Parameters
    ----------
    text : str
    format : {"json", "yaml"}
    into : ClaimGraph, optional
        Add the records to this graph (atomically) instead of a new one.
    path : str, optional
        A name for the input, used in error messages.

    Raises
    ------
    FileFormatError
        Malformed JSON/YAML, not a claimgraph file, a wrong format version, an input over
        one of the :class:`~claimgraph.formats._safe.Limits` in force (see :func:`limits`),
        or more problems than ``max_errors`` (listed up to it, then ``too_many_errors``).
    InvalidDataError
        Records that do not validate, unknown references or conflicts, all listed.

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.loads('''
    ... claimgraph: 1
    ... actors: {pakistan: Pakistan, afghanistan: Afghanistan}
    ... statements:
    ...   - {actor: pakistan, asserts: Militants are sheltered on Afghan soil.}
    ...   - {actor: afghanistan, denies: Militants are sheltered on Afghan soil.}
    ... ''', format="yaml")
    >>> len(g.contradictions())
    1
    """
    target = into if into is not None else ClaimGraph()
    with gc_paused():  # many small objects: the cyclic collector would dominate
        parsed = _parse(text, format, path)
        plan, errors = _check(parsed, target)
        if errors:
            capped = errors[-1].code == "too_many_errors"
            raise (FileFormatError if capped else InvalidDataError)(
                f"{path or 'input'}: {'too many' if capped else len(errors)} problem(s);"
                " nothing was loaded",
                errors,
            )
        target.apply(plan)
    if target.title is None:
        target.title = parsed.title
    return target


def load(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    into: ClaimGraph | None = None,
) -> ClaimGraph:
    """Read a graph from a native JSON (``.json``) or YAML authoring (``.yaml``) file.

    Everything is checked before anything is added: if the file has any problem, the
    error lists all of them (record, field, line) and ``into`` is left unchanged.

    Examples
    --------
    >>> import claimgraph as cg
    >>> g = cg.load(cg.example_path())
    >>> g.title
    'Pakistan and Afghanistan resume talks in Istanbul'
    """
    fmt = _format_of(path, format)
    return loads(_read_text(path), format=fmt, into=into, path=str(path))


def validate(path: str | os.PathLike[str], *, format: Format | None = None) -> list[ErrorDetail]:
    """Every problem in a file, as a list (empty when the file is valid).

    Examples
    --------
    >>> import claimgraph as cg
    >>> cg.validate(cg.example_path())
    []
    """
    fmt = _format_of(path, format)
    try:
        parsed = _parse(_read_text(path), fmt, str(path))
    except FileFormatError as exc:
        return exc.errors
    return _check(parsed, ClaimGraph())[1]


# ---------------------------------------------------------------------------- schema
class NativeFile(BaseModel):
    """The native JSON file format (for its JSON Schema)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"title": "claimgraph JSON file"})

    format: Literal["claimgraph"]
    version: Literal[1, 2] = Field(
        description="The format version; this release writes 2 and reads 1 and 2."
    )
    title: Text | None = None
    actors: list[Actor] = []
    sources: list[Source] = []
    propositions: list[Proposition] = []
    statements: list[Statement] = []
    reviews: list[Review] = []


class _FastNativeFile(NativeFile):
    """The native format as the one-pass reader validates it."""

    version: StrictInt  # type: ignore[assignment]  # a JSON true or 1.0 is not version 1
    # the first bad record ends this pass (the careful path then names every problem):
    # a million bad records must not build a million errors here
    actors: Annotated[list[Actor], FailFast()] = []
    sources: Annotated[list[Source], FailFast()] = []
    propositions: Annotated[list[Proposition], FailFast()] = []
    statements: Annotated[list[Statement], FailFast()] = []
    reviews: Annotated[list[Review], FailFast()] = []


def schema(format: Format = "json") -> dict[str, Any]:
    """The JSON Schema of the native JSON format, or of the YAML authoring format.

    Examples
    --------
    >>> import claimgraph as cg
    >>> cg.schema()["title"]
    'claimgraph JSON file'
    >>> sorted(cg.schema("yaml")["properties"])
    ['actors', 'claimgraph', 'propositions', 'reviews', 'sources', 'statements', 'title']
    """
    model: type[BaseModel] = NativeFile if format == "json" else AuthoringFile
    out = model.model_json_schema()
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return out


_YAML_VERSION_LINE = re.compile(r"^claimgraph:[ \t]*(?P<v>\d+)[ \t]*(?=#|$)", re.MULTILINE)


def migrate(
    path: str | os.PathLike[str],
    *,
    output: str | os.PathLike[str] | None = None,
    format: Format | None = None,
) -> int:
    """Rewrite a file of an older format version as :data:`FORMAT_VERSION`; return the
    version it had.

    Every version-1 file is a valid version-2 file, so only the version changes: a YAML
    file keeps its layout and comments (its ``claimgraph:`` line is rewritten), a JSON file
    is written again by :func:`dumps`. The file is read and checked first (a file with
    problems raises, naming them, and nothing is written), the result is checked to read
    back as the same graph, and it is written atomically — over ``path``, or to
    ``output``. A file already at the current version is left as it is (or copied to
    ``output``).

    Examples
    --------
    >>> import claimgraph as cg, tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "old.yaml"
    >>> _ = path.write_text("claimgraph: 1  # written by 0.1\\nactors: {qatar: Qatar}\\n")
    >>> cg.migrate(path)
    1
    >>> print(path.read_text(), end="")
    claimgraph: 2  # written by 0.1
    actors: {qatar: Qatar}

    Raises
    ------
    InvalidDataError, FileFormatError
        The file does not read (every problem named, with its line).
    """
    fmt = _format_of(path, format)
    text = _read_text(path)
    graph = loads(text, format=fmt, path=str(path))
    if fmt == "yaml":
        found = _YAML_VERSION_LINE.search(text)
        version = int(found["v"]) if found else FORMAT_VERSION
        new = text
        if found and version != FORMAT_VERSION:
            new = text[: found.start("v")] + str(FORMAT_VERSION) + text[found.end("v") :]
    else:
        version = json.loads(text)["version"]
        new = text if version == FORMAT_VERSION else dumps(graph, format="json")
    if new is not text and loads(new, format=fmt) != graph:  # pragma: no cover - a guard
        raise FileFormatError(f"{path}: the migrated file would not read back the same")
    if new is not text or output is not None:
        write_text(output if output is not None else path, new)
    return version
