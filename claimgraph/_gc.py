"""Garbage-collector handling for bulk work.

Building or loading a large graph creates millions of small, acyclic objects (records,
dicts, tuples). While they are made, CPython's cyclic collector runs again and again, and
its full collections traverse the whole heap each time. claimgraph's own data has no
reference cycles, so the collector is paused for the length of one bulk build or load,
where that measured faster (the queries run with it on: faster for them), and put back as
it was when the call returns or raises: nothing is changed for the rest of the process (no
object is moved to the collector's permanent generation; its state stays the caller's).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block (re-entrant).

    The collector is enabled again on leaving only if it was enabled on entering, so nested
    blocks and a caller's own :func:`gc.disable` are respected. Cycles made inside the block
    (by the caller's code or anyone's) are collected as usual once it is enabled again.

    Examples
    --------
    >>> import gc
    >>> from claimgraph._gc import gc_paused
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
