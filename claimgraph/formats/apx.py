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
sources, so it cannot be read back into a claim graph: read it as an argumentation
framework with :meth:`ArgumentationFramework.read
<claimgraph.argumentation.ArgumentationFramework.read>` (the one APX reader), and
``.to_networkx()`` gives it as a :class:`networkx.DiGraph`.

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

from ..graph import ClaimGraph
from ._safe import atomic_write

__all__ = ["apx_names", "attacks", "to_apx", "write_apx"]

_NAME_OK = re.compile(r"^[a-z][a-z0-9_]*$")
_BAD = re.compile(r"[^a-z0-9_]+")


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
    """The attack graph of the statements as APX text (statements named by :func:`apx_names`).

    Written by :meth:`ArgumentationFramework.to_apx
    <claimgraph.argumentation.ArgumentationFramework.to_apx>`, the one APX writer.
    """
    from ..argumentation import ArgumentationFramework

    names = apx_names(graph)
    af = ArgumentationFramework(
        (names[sid] for sid in graph.statement_records),
        ((names[a], names[b]) for a, b in attacks(graph)),
    )
    return af.to_apx()


def write_apx(graph: ClaimGraph, path: str | os.PathLike[str]) -> None:
    """Write the APX attack graph to ``path``, atomically."""
    text = to_apx(graph)
    atomic_write(path, lambda f: f.write(text))
