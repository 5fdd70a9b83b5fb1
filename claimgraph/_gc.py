"""Garbage-collector handling for bulk work.

Building or querying a large graph creates millions of small, acyclic objects (records,
dicts, tuples). CPython's cyclic collector would traverse the whole heap again and again
while they are made — most of the cost of a naive build. claimgraph's own data has no
reference cycles, so pausing the collector while it works loses nothing.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

__all__ = ["gc_paused", "paused_gc"]

_P = ParamSpec("_P")
_T = TypeVar("_T")

FREEZE_AT = 100_000
"""Batches of at least this many records move the heap to the collector's permanent
generation afterwards (:func:`gc.freeze`), so that later collections — triggered by any
code in the process — no longer traverse the graph's records again and again."""


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block (re-entrant).

    When the block leaves at least :data:`FREEZE_AT` new container objects behind (a large
    query answer, a bulk build), they are moved to the permanent generation before the
    collector resumes: otherwise its first collection would traverse them all at once (a
    quarter of a second for the contradictions of a million statements) and every full
    collection after that again. Frozen objects are still freed as soon as nothing refers
    to them; claimgraph's objects form no reference cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_count()[0] >= FREEZE_AT:
                gc.freeze()
            gc.enable()


def paused_gc(fn: Callable[_P, _T]) -> Callable[_P, _T]:
    """Decorator: run ``fn`` with the collector paused."""

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        with gc_paused():
            return fn(*args, **kwargs)

    return wrapper
