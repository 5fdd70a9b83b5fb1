"""Reading untrusted files safely, and writing files atomically.

Files from the internet are untrusted. Every reader in :mod:`claimgraph.formats`, and
:func:`claimgraph.load` itself, goes through these helpers:

- Every input is held to the :class:`Limits` in force (:data:`DEFAULT_LIMITS` unless
  changed with :func:`limits`): its size, how many records or JSON containers it has, its
  longest string, its nesting depth, the digits of its integers, the nodes of a YAML
  document with its aliases expanded, and how many errors are collected. Past a limit the
  input is refused with a :class:`~claimgraph.exceptions.FileFormatError` whose code names
  the limit, before the values are built: a bomb costs milliseconds, not the memory.
- XML (GraphML, GEXF) is parsed with :mod:`defusedxml`, which refuses document type
  declarations, entity definitions and external references: no XXE, no "billion laughs".
- YAML is only ever read with a safe loader (see :func:`claimgraph.load`), and its composed
  node graph is measured by :func:`check_yaml_node` before anything is constructed.

Writes go through :func:`claimgraph._atomic.atomic_write` (re-exported here): a temporary
file in the target directory, renamed over the target only when complete, so a failed
export leaves no partial file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from .._atomic import atomic_write, write_text
from .._gc import gc_paused
from ..exceptions import ErrorDetail, FileFormatError, InvalidArgumentError, MissingDependencyError

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_BYTES",
    "MAX_DEPTH",
    "Limits",
    "atomic_write",
    "cap_errors",
    "check_containers",
    "check_size",
    "check_tree",
    "check_yaml_node",
    "current_limits",
    "limits",
    "load_json",
    "parse_xml",
    "read_bytes",
    "refuse",
    "write_text",
]


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits every loader holds its input to.

    Each limit refused is a :class:`~claimgraph.exceptions.FileFormatError` with the code
    given below. Change them for a block of code with :func:`limits`.

    Attributes
    ----------
    max_bytes : int
        The largest input read, in bytes (in characters for text given as a string):
        256 MiB. Code ``too_large``.
    max_records : int
        The most JSON objects and arrays in one input (each record is at least one):
        10 million. Code ``too_many_records``.
    max_string : int
        The longest string, in characters: 16 MiB. Code ``string_too_long``.
    max_depth : int
        The deepest nesting of arrays and objects (YAML sequences and mappings): 100.
        Code ``too_deep``.
    max_int_digits : int
        The most digits in an integer: 100. Code ``int_too_long``.
    max_yaml_nodes : int
        The most nodes a YAML document may have once its aliases are expanded (each
        scalar, sequence and mapping is one): 2 million. Code ``alias_bomb`` when the
        aliases make the difference, ``yaml_too_large`` otherwise.
    max_errors : int
        The most problems collected from one input: 1000. Reading stops there and the
        error ends with one ``too_many_errors`` detail.

    Examples
    --------
    >>> Limits().max_depth
    100
    >>> Limits(max_records=10).max_records
    10
    """

    max_bytes: int = 256 * 1024 * 1024
    max_records: int = 10_000_000
    max_string: int = 16 * 1024 * 1024
    max_depth: int = 100
    max_int_digits: int = 100
    max_yaml_nodes: int = 2_000_000
    max_errors: int = 1000

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if type(value) is not int or value < 1:
                raise InvalidArgumentError(f"{f.name} must be a positive int, not {value!r}")


DEFAULT_LIMITS = Limits()
"""The limits in force unless changed with :func:`limits`."""

MAX_BYTES = DEFAULT_LIMITS.max_bytes
"""The largest input file read, in bytes (256 MiB): ``DEFAULT_LIMITS.max_bytes``."""

MAX_DEPTH = DEFAULT_LIMITS.max_depth
"""The deepest nesting of JSON arrays and objects accepted: ``DEFAULT_LIMITS.max_depth``."""

_CURRENT: ContextVar[Limits] = ContextVar("claimgraph_limits", default=DEFAULT_LIMITS)


def current_limits() -> Limits:
    """The :class:`Limits` in force here (per thread and per asyncio task)."""
    return _CURRENT.get()


@contextlib.contextmanager
def limits(base: Limits | None = None, /, **changes: int) -> Iterator[Limits]:
    """Change the limits of every loader inside a ``with`` block.

    Parameters
    ----------
    base : Limits, optional
        The limits to start from; by default the ones in force.
    **changes : int
        Fields of :class:`Limits` to change, e.g. ``max_records=1000``.

    Examples
    --------
    >>> import claimgraph as cg
    >>> with limits(max_bytes=10):
    ...     cg.loads('{"format": "claimgraph", "version": 1}')
    Traceback (most recent call last):
    ...
    claimgraph.exceptions.FileFormatError: cannot read input
      - larger than the limit of 10 bytes [too_large]
    >>> with limits(max_records=1000) as lim:
    ...     lim.max_records, current_limits().max_records
    (1000, 1000)
    >>> current_limits() == DEFAULT_LIMITS
    True
    """
    new = dataclasses.replace(base if base is not None else _CURRENT.get(), **changes)
    token = _CURRENT.set(new)
    try:
        yield new
    finally:
        _CURRENT.reset(token)


def refuse(
    code: str,
    message: str,
    path: str | None,
    line: int | None = None,
    record: str | None = None,
    field: str | None = None,
) -> FileFormatError:
    """The error refusing an input: one :class:`ErrorDetail` with ``code`` and its place."""
    where = path or "input"
    return FileFormatError(
        f"cannot read {where}", [ErrorDetail(code, message, record, field, path, line)]
    )


def check_size(size: int, path: str | None, lim: Limits | None = None) -> None:
    """Refuse an input of ``size`` bytes (or characters) over ``max_bytes`` (``too_large``)."""
    lim = lim or _CURRENT.get()
    if size > lim.max_bytes:
        raise refuse("too_large", f"larger than the limit of {lim.max_bytes} bytes", path)


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> bytes:
    """The bytes of a file, refusing files larger than ``max_bytes``.

    ``max_bytes`` defaults to the ``max_bytes`` of the limits in force; no more than one
    byte over the limit is ever read.
    """
    limit = max_bytes if max_bytes is not None else _CURRENT.get().max_bytes
    with open(path, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise refuse("too_large", f"larger than the limit of {limit} bytes", str(path))
    return data


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)


def check_containers(text: str, path: str | None, lim: Limits | None = None) -> None:
    """Refuse JSON text with more than ``max_records`` objects and arrays.

    The brackets are counted without parsing and without copying the text: first all of
    them (an upper bound, in C); only if that is over the limit, the brackets inside
    strings are taken off (exact for JSON). Code ``too_many_records``.
    """
    lim = lim or _CURRENT.get()
    count = text.count("{") + text.count("[")
    if count <= lim.max_records:
        return
    for m in _JSON_STRING.finditer(text):
        start, end = m.span()
        count -= text.count("{", start, end) + text.count("[", start, end)
        if count <= lim.max_records:
            return
    raise refuse(
        "too_many_records",
        f"more than {lim.max_records} JSON objects and arrays (the limit)",
        path,
    )


def _int_too_long(digits: int, lim: Limits, path: str | None) -> FileFormatError:
    return refuse(
        "int_too_long", f"an integer of {digits} digits (the limit is {lim.max_int_digits})", path
    )


def int_parser(path: str | None, lim: Limits | None = None) -> Callable[[str], int]:
    """A ``parse_int`` hook for :func:`json.loads` refusing integers over ``max_int_digits``
    (``int_too_long``) before converting them."""
    lim = lim or _CURRENT.get()
    most = lim.max_int_digits

    def parse_int(s: str) -> int:
        if len(s.lstrip("-")) > most:
            raise _int_too_long(len(s.lstrip("-")), lim, path)
        try:
            return int(s)
        except ValueError:  # over the interpreter's own limit (sys.get_int_max_str_digits)
            raise _int_too_long(len(s.lstrip("-")), lim, path) from None

    return parse_int


def check_tree(
    value: Any,
    path: str | None,
    lim: Limits | None = None,
    *,
    depth: int = 0,
    strings: bool = True,
) -> None:
    """Refuse a parsed JSON value nested deeper than ``max_depth`` (``too_deep``) or with a
    string (value or key) longer than ``max_string`` (``string_too_long``).

    ``depth`` is the nesting of ``value`` itself in a larger document; ``strings=False``
    skips the strings (when the text is too short to hold a long one). The value is walked
    one level at a time: no recursion limit, and a comprehension per level rather than a
    Python step per value.
    """
    lim = lim or _CURRENT.get()
    most_depth, most_string = lim.max_depth, lim.max_string
    level: list[Any] = [value]
    while level:
        if strings:
            longest = max((len(x) for x in level if type(x) is str), default=0)
            if longest > most_string:
                raise refuse(
                    "string_too_long",
                    f"a string of {longest} characters (the limit is {most_string})",
                    path,
                )
        dicts = [x for x in level if type(x) is dict]
        lists = [x for x in level if type(x) is list]
        if not dicts and not lists:
            return
        depth += 1
        if depth > most_depth:
            raise refuse("too_deep", f"JSON nested deeper than {most_depth} levels", path)
        level = [v for x in lists for v in x]
        level += [v for x in dicts for v in x.values()]
        if strings:
            level += [k for x in dicts for k in x]


def too_many_errors(path: str | None, lim: Limits | None = None) -> ErrorDetail:
    """The last detail of an error list cut at ``max_errors``."""
    lim = lim or _CURRENT.get()
    return ErrorDetail(
        "too_many_errors",
        f"more than {lim.max_errors} problems: stopped after the first {lim.max_errors}",
        path=path,
    )


def cap_errors(
    errors: list[ErrorDetail], path: str | None = None, lim: Limits | None = None
) -> list[ErrorDetail]:
    """``errors`` cut to ``max_errors``, then one ``too_many_errors`` detail if any were cut.

    Examples
    --------
    >>> errs = [ErrorDetail("missing", f"error {i}") for i in range(5)]
    >>> with limits(max_errors=2):
    ...     [e.code for e in cap_errors(errs)]
    ['missing', 'missing', 'too_many_errors']
    """
    lim = lim or _CURRENT.get()
    if len(errors) <= lim.max_errors:
        return errors
    return [*errors[: lim.max_errors], too_many_errors(path, lim)]


def load_json(
    data: str | bytes,
    *,
    path: str | None = None,
    max_bytes: int | None = None,
    max_depth: int | None = None,
) -> Any:
    """Parse untrusted JSON within the :class:`Limits` in force.

    Before :func:`json.loads` builds anything, the size and the count of objects and
    arrays are checked (in C, on the text); integers are refused before they are
    converted; the depth and the strings are checked on the result. Peak memory is that of
    the parsed value, itself bounded by ``max_records``.

    Parameters
    ----------
    data : str or bytes
        The JSON text (bytes are read as UTF-8, with or without a byte order mark).
    path : str, optional
        The file, for error messages.
    max_bytes, max_depth : int, optional
        Override those two of the limits in force.

    Raises
    ------
    FileFormatError
        Malformed JSON (``json_syntax``, with its line), not UTF-8 (``encoding``), or over
        a limit (``too_large``, ``too_many_records``, ``int_too_long``, ``too_deep``,
        ``string_too_long``).

    Examples
    --------
    >>> load_json('{"a": [1, 2]}')
    {'a': [1, 2]}
    >>> load_json("[" * 200 + "]" * 200)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    claimgraph.exceptions.FileFormatError: cannot read input
      - JSON nested deeper than 100 levels [too_deep]
    >>> load_json("[" + "9" * 5000 + "]")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    claimgraph.exceptions.FileFormatError: cannot read input
      - an integer of 5000 digits (the limit is 100) [int_too_long]
    """
    lim = _CURRENT.get()
    if max_bytes is not None or max_depth is not None:
        lim = dataclasses.replace(
            lim,
            max_bytes=max_bytes if max_bytes is not None else lim.max_bytes,
            max_depth=max_depth if max_depth is not None else lim.max_depth,
        )
    check_size(len(data), path, lim)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise refuse("encoding", f"not UTF-8 text: {exc.reason}", path) from None
    elif data.startswith("\ufeff"):
        data = data[1:]
    check_containers(data, path, lim)
    with gc_paused():  # millions of containers: the cyclic collector would dominate
        try:
            doc = json.loads(data, parse_int=int_parser(path, lim))
        except json.JSONDecodeError as exc:
            raise refuse("json_syntax", f"malformed JSON: {exc.msg}", path, exc.lineno) from None
        except RecursionError:
            raise refuse(
                "too_deep", f"JSON nested deeper than {lim.max_depth} levels", path
            ) from None
        check_tree(doc, path, lim, strings=len(data) > lim.max_string)
    return doc


_YAML_INT = "tag:yaml.org,2002:int"


def check_yaml_node(
    node: Any, path: str | None, lim: Limits | None = None, *, aliases: bool = True
) -> None:
    """Refuse a composed YAML document (its node graph, before construction) over a limit.

    An alias is the node it names, so a node graph of a few hundred bytes can stand for
    billions of values (a "billion laughs" of aliases). The expanded size of every node is
    counted once, with memoization, in time and memory proportional to the composed graph;
    the document is refused past ``max_yaml_nodes`` (``alias_bomb``, or ``yaml_too_large``
    without aliases), nested deeper than ``max_depth`` (``too_deep``), with a scalar longer
    than ``max_string`` (``string_too_long``) or an integer of more than ``max_int_digits``
    digits (``int_too_long``), or with an alias inside the node it names (``alias_bomb``).
    Each error gives the line of the offending node. ``aliases=False`` says the document
    has none (its text has no ``*``): a plain walk then does, with no memo to keep.
    """
    import yaml

    lim = lim or _CURRENT.get()
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    active: set[int] = set()
    most = lim.max_yaml_nodes

    def line(n: Any) -> int | None:
        mark = getattr(n, "start_mark", None)
        return mark.line + 1 if mark is not None else None

    def children(n: Any) -> list[Any]:
        if isinstance(n, yaml.MappingNode):
            return [part for pair in n.value for part in pair]
        return list(n.value)

    def check_scalar(item: Any) -> None:
        value = item.value
        if len(value) > lim.max_string:
            raise refuse(
                "string_too_long",
                f"a string of {len(value)} characters (the limit is {lim.max_string})",
                path,
                line(item),
            )
        if item.tag == _YAML_INT and len(value) > lim.max_int_digits:
            err = _int_too_long(len(value), lim, path)
            raise refuse(err.errors[0].code, err.errors[0].message, path, line(item))

    if not aliases:
        count = 0
        plain: list[tuple[Any, int]] = [(node, 1)]
        while plain:
            item, d = plain.pop()
            count += 1
            if count > most:
                raise refuse("yaml_too_large", f"YAML of more than {most} nodes", path, line(item))
            if isinstance(item, yaml.ScalarNode):
                check_scalar(item)
                continue
            if d > lim.max_depth:
                raise refuse(
                    "too_deep", f"YAML nested deeper than {lim.max_depth} levels", path, line(item)
                )
            plain.extend((k, d + 1) for k in children(item))
        return

    stack: list[tuple[Any, bool]] = [(node, False)]
    while stack:
        item, done = stack.pop()
        key = id(item)
        if done:
            active.discard(key)
            kids = children(item)
            total = 1 + sum(size[id(k)] for k in kids)
            deep = 1 + max((height[id(k)] for k in kids), default=0)
            if total > most:
                code = "alias_bomb" if len(size) + 1 <= most else "yaml_too_large"
                raise refuse(
                    code,
                    f"YAML that expands to more than {most} nodes"
                    + (" through its aliases" if code == "alias_bomb" else ""),
                    path,
                    line(item),
                )
            if deep > lim.max_depth:
                raise refuse(
                    "too_deep", f"YAML nested deeper than {lim.max_depth} levels", path, line(item)
                )
            size[key], height[key] = total, deep
            continue
        if key in size:
            continue
        if key in active:
            raise refuse("alias_bomb", "a YAML alias inside the node it names", path, line(item))
        if isinstance(item, yaml.ScalarNode):
            check_scalar(item)
            size[key], height[key] = 1, 0
            continue
        active.add(key)
        stack.append((item, True))
        stack.extend((k, False) for k in children(item) if id(k) not in size)


def parse_xml(data: bytes | str, *, path: str | None = None) -> Any:
    """Parse untrusted XML with :mod:`defusedxml`: no DTDs, entities or external references.

    Returns the root :class:`xml.etree.ElementTree.Element`.

    Raises
    ------
    FileFormatError
        Malformed XML, or XML that declares a DTD or entities (XXE, billion laughs).
    MissingDependencyError
        When ``defusedxml`` is not installed (``pip install 'claimgraph[xml]'``).
    """
    try:
        import defusedxml
        import defusedxml.ElementTree as DET
    except ImportError:  # pragma: no cover - the test extra installs it
        raise MissingDependencyError(
            "reading XML safely needs defusedxml: pip install 'claimgraph[xml]'"
        ) from None
    try:
        return DET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise refuse("unsafe_xml", f"refused unsafe XML: {exc}", path) from None
    except DET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise refuse("xml_syntax", f"malformed XML: {exc}", path, line) from None
    except LookupError as exc:  # the encoding the XML declaration names is unknown
        raise refuse("xml_encoding", f"malformed XML: {exc}", path) from None
