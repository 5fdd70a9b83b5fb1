"""Reading untrusted files safely, and writing files atomically.

Files from the internet are untrusted. Every reader in :mod:`claimgraph.formats` goes
through these helpers:

- JSON is read with a size limit (:data:`MAX_BYTES`) and a nesting limit
  (:data:`MAX_DEPTH`), so a deeply nested or huge document fails with a clear error
  instead of exhausting the stack or the memory.
- XML (GraphML, GEXF) is parsed with :mod:`defusedxml`, which refuses document type
  declarations, entity definitions and external references: no XXE, no "billion laughs".
- YAML is only ever read with a safe loader (see :func:`claimgraph.load`).

Writes go through :func:`claimgraph._atomic.atomic_write` (re-exported here): a temporary
file in the target directory, renamed over the target only when complete, so a failed
export leaves no partial file.
"""

from __future__ import annotations

import json
import os
from typing import Any

from .._atomic import atomic_write, write_text
from ..exceptions import ErrorDetail, FileFormatError, MissingDependencyError

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "atomic_write",
    "load_json",
    "parse_xml",
    "read_bytes",
    "write_text",
]

MAX_BYTES = 256 * 1024 * 1024
"""The largest input file read, in bytes (256 MiB)."""

MAX_DEPTH = 100
"""The deepest nesting of JSON arrays and objects accepted."""


def _fail(code: str, message: str, path: str | None, line: int | None = None) -> FileFormatError:
    where = path or "input"
    return FileFormatError(
        f"cannot read {where}", [ErrorDetail(code, message, path=path, line=line)]
    )


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a file, refusing files larger than ``max_bytes``."""
    with open(path, "rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _fail("too_large", f"larger than the limit of {max_bytes} bytes", str(path))
    return data


def _depth(value: Any) -> int:
    """The nesting depth of a parsed JSON value (iterative: no recursion limit)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, d = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, d)
            stack.extend((v, d + 1) for v in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, d)
            stack.extend((v, d + 1) for v in item)
    return deepest


def load_json(
    data: str | bytes,
    *,
    path: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
) -> Any:
    """Parse untrusted JSON with a size and a nesting limit.

    Raises
    ------
    FileFormatError
        Malformed JSON (with its line), too large, or nested deeper than ``max_depth``.

    Examples
    --------
    >>> load_json('{"a": [1, 2]}')
    {'a': [1, 2]}
    >>> load_json("[" * 200 + "]" * 200)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    claimgraph.exceptions.FileFormatError: cannot read input
      - JSON nested deeper than 100 levels [too_deep]
    """
    if len(data) > max_bytes:
        raise _fail("too_large", f"larger than the limit of {max_bytes} bytes", path)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _fail("encoding", f"not UTF-8 text: {exc.reason}", path) from None
    elif data.startswith("\ufeff"):
        data = data[1:]
    try:
        doc = json.loads(data)
    except json.JSONDecodeError as exc:
        raise _fail("json_syntax", f"malformed JSON: {exc.msg}", path, exc.lineno) from None
    except RecursionError:
        raise _fail("too_deep", f"JSON nested deeper than {max_depth} levels", path) from None
    if _depth(doc) > max_depth:
        raise _fail("too_deep", f"JSON nested deeper than {max_depth} levels", path)
    return doc


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
        raise _fail("unsafe_xml", f"refused unsafe XML: {exc}", path) from None
    except DET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise _fail("xml_syntax", f"malformed XML: {exc}", path, line) from None
