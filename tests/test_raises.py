"""Every exception the package raises is a documented ``ClaimGraphError`` subclass.

The test walks the source: a ``raise`` of a builtin exception is allowed only where it is
caught again in the same function (control flow), where Python's protocols need that exact
exception (``AttributeError`` from a module ``__getattr__``), or as ``NotImplementedError``
in an abstract method.
"""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

import pytest

import claimgraph as cg

PACKAGE = Path(cg.__file__).resolve().parent
BUILTIN_ERRORS = {
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
}
PROTOCOL = {("__getattr__", "AttributeError"), ("__next__", "StopIteration")}


def _name(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Call):
        node = node.func
    return node.id if isinstance(node, ast.Name) else None


def _caught(handlers: list[ast.ExceptHandler], name: str) -> bool:
    for h in handlers:
        types = h.type.elts if isinstance(h.type, ast.Tuple) else [h.type]
        for t in types:
            caught = _name(t) if t is not None else "BaseException"
            if caught is None:
                continue
            cls, inner = getattr(builtins, caught, None), getattr(builtins, name)
            if caught == name or (isinstance(cls, type) and issubclass(inner, cls)):
                return True
    return False


def bare_raises(source: str, filename: str) -> list[str]:
    """``file:line: raise X`` for each raise of a builtin exception that escapes."""
    found: list[str] = []

    def visit(node: ast.AST, func: str, tries: list[ast.Try]) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            func, tries = node.name, []
        if isinstance(node, ast.Raise):
            name = _name(node.exc)
            if (
                name in BUILTIN_ERRORS
                and (func, name) not in PROTOCOL
                and name not in ("NotImplementedError", "SystemExit")
                and not any(_caught(t.handlers, name) for t in tries)
            ):
                found.append(f"{filename}:{node.lineno}: raise {name}")
        for field, value in ast.iter_fields(node):
            children = value if isinstance(value, list) else [value]
            for child in children:
                if not isinstance(child, ast.AST):
                    continue
                inner = [*tries, node] if isinstance(node, ast.Try) and field == "body" else tries
                visit(child, func, inner)

    visit(ast.parse(source, filename), "<module>", [])
    return found


def test_no_builtin_exception_escapes_the_package() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += bare_raises(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)))
    assert not found, "raise a documented ClaimGraphError subclass:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("source", "count"),
    [
        ("def f():\n    raise ValueError('x')\n", 1),
        ("def f():\n    raise KeyError\n", 1),
        ("def f():\n    try:\n        raise TypeError\n    except TypeError:\n        pass\n", 0),
        ("def f():\n    try:\n        raise KeyError\n    except LookupError:\n        pass\n", 0),
        ("def f():\n    try:\n        pass\n    except OSError:\n        raise ValueError\n", 1),
        ("def __getattr__(name):\n    raise AttributeError(name)\n", 0),
        ("def f():\n    raise cg.InvalidArgumentError('x')\n", 0),
        ("def f():\n    raise\n", 0),
    ],
)
def test_the_walk_notices_what_escapes(source: str, count: int) -> None:
    assert len(bare_raises(source, "x.py")) == count
