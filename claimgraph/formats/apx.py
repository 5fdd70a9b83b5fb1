"""APX: the attack graph of the statements, for abstract argumentation solvers.

APX is the text format of the ICCMA competitions and of ASPARTIX: one fact per line,
``arg(x).`` for each argument and ``att(x,y).`` for "x attacks y". Here every statement is
an argument and the attacks are those of :func:`claimgraph.argumentation.attack_graph`:
two statements that cannot both be true attack each other (opposite stances on one
proposition, assertions of mutually exclusive propositions, an assertion whose implication
the other denies), a denial attacks the statement it responds to, and attacks carry over
along support relations.

Statement ids become APX constants: lowercase, with every character other than
``a-z``, ``0-9`` and ``_`` replaced by ``_`` (``pk-sheltered`` → ``pk_sheltered``);
:func:`apx_names` gives the mapping. An APX file holds no actors, propositions or
sources, so it cannot be read back into a claim graph: :func:`read_apx` returns the
framework as a :class:`networkx.DiGraph`.

Examples
--------
>>> import claimgraph as cg
>>> from claimgraph.formats import apx
>>> text = apx.to_apx(cg.load(cg.example_path()))
>>> "att(af_denies_sheltered,pk_sheltered)." in text.splitlines()
True
"""

from __future__ import annotations

import os
import re

import networkx as nx

from ..exceptions import ErrorDetail, FileFormatError
from ..graph import ClaimGraph
from ._safe import atomic_write, read_bytes

__all__ = ["apx_names", "attacks", "from_apx", "read_apx", "to_apx", "write_apx"]

_NAME_OK = re.compile(r"^[a-z][a-z0-9_]*$")
_BAD = re.compile(r"[^a-z0-9_]+")
_FACT = re.compile(
    r"^\s*(?:(arg)\(\s*([^()\s,]+)\s*\)|(att)\(\s*([^()\s,]+)\s*,\s*([^()\s,]+)\s*\))\s*\.\s*$"
)


def apx_names(graph: ClaimGraph) -> dict[str, str]:
    """Statement id → the constant that names it in APX (unique, ASP-safe).

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.formats import apx
    >>> apx.apx_names(cg.load(cg.example_path()))["pk-sheltered"]
    'pk_sheltered'
    """
    names: dict[str, str] = {}
    ids = list(graph.statement_records)
    used = {sid for sid in ids if _NAME_OK.match(sid)}  # valid ids keep their name
    for sid in ids:
        if sid in used:
            names[sid] = sid
            continue
        name = _BAD.sub("_", sid.lower()).strip("_")
        if not name or not name[0].isalpha():
            name = "s_" + name
        base, n = name, 1
        while name in used:
            n += 1
            name = f"{base}_{n}"
        used.add(name)
        names[sid] = name
    return names


def attacks(graph: ClaimGraph) -> list[tuple[str, str]]:
    """The attack relation between statements, as ``(attacker, attacked)`` id pairs: the
    attacks of :func:`claimgraph.argumentation.attack_graph`.

    Rebuttals (opposite stances, exclusive propositions, a denied implication) attack both
    ways; a denial that ``responds_to`` a statement attacks it one way, and attacks derived
    through support relations follow the direction of the support.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.formats import apx
    >>> ("af-denies-sheltered", "pk-sheltered") in apx.attacks(cg.load(cg.example_path()))
    True
    """
    from ..argumentation import attack_graph

    return [(str(a), str(b)) for a, b in attack_graph(graph).attacks]


def to_apx(graph: ClaimGraph) -> str:
    """The attack graph of the statements as APX text."""
    names = apx_names(graph)
    lines = [f"arg({names[sid]})." for sid in graph.statement_records]
    lines += [f"att({names[a]},{names[b]})." for a, b in attacks(graph)]
    return "\n".join(lines) + "\n"


def write_apx(graph: ClaimGraph, path: str | os.PathLike[str]) -> None:
    """Write the APX attack graph to ``path``, atomically."""
    text = to_apx(graph)
    atomic_write(path, lambda f: f.write(text))


def from_apx(text: str, *, path: str | None = None) -> nx.DiGraph[str]:
    """Parse APX text into a :class:`networkx.DiGraph` (arguments → nodes, attacks → edges).

    Lines may be blank or ``%`` comments. An attack between undeclared arguments is an
    error, as is any line that is not an ``arg`` or ``att`` fact; errors name the line.

    Examples
    --------
    >>> from claimgraph.formats import apx
    >>> af = apx.from_apx("arg(a).\\narg(b).\\natt(a,b).\\n")
    >>> list(af.edges)
    [('a', 'b')]
    """
    af: nx.DiGraph[str] = nx.DiGraph()
    errors: list[ErrorDetail] = []
    pending: list[tuple[int, str, str]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("%"):
            continue
        m = _FACT.match(stripped)
        if m is None:
            errors.append(
                ErrorDetail(
                    "apx_syntax",
                    f"not an arg(x). or att(x,y). fact: {line[:60]!r}",
                    path=path,
                    line=n,
                )
            )
            continue
        if m.group(1):
            af.add_node(m.group(2))
        else:
            pending.append((n, m.group(4), m.group(5)))
    for n, a, b in pending:
        missing = [x for x in (a, b) if x not in af]
        if missing:
            errors.append(
                ErrorDetail(
                    "unknown_argument",
                    f"att({a},{b}) names undeclared argument(s) {', '.join(missing)}",
                    path=path,
                    line=n,
                )
            )
            continue
        af.add_edge(a, b)
    if errors:
        raise FileFormatError(f"cannot read {path or 'APX text'}", errors)
    return af


def read_apx(path: str | os.PathLike[str]) -> nx.DiGraph[str]:
    """Read an APX file into a :class:`networkx.DiGraph` (see :func:`from_apx`)."""
    data = read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileFormatError(
            f"cannot read {path}", [ErrorDetail("encoding", f"not UTF-8: {exc.reason}")]
        ) from None
    return from_apx(text, path=str(path))
