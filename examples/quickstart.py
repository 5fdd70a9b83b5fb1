"""Quickstart: build a small claim graph in code, ask it questions, save it and load it back.

Run it with ``python examples/quickstart.py``. It writes down a few statements from the
Pakistan–Afghanistan talks in Istanbul (the full worked example is
``examples/istanbul-talks.yaml``), then prints the disputes, the common ground, where each
side stands and a timeline.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import claimgraph as cg


def build() -> cg.ClaimGraph:
    """The graph: actors with a membership chain, a source, propositions and statements."""
    g = cg.ClaimGraph(title="Quickstart: the Istanbul talks")

    # Actors. A side is where the membership chain ends: the defense minister belongs to
    # the Government of Pakistan, which belongs to Pakistan, so his side is Pakistan.
    g.add_actor(id="pakistan", name="Pakistan", kind="state")
    g.add_actor(
        id="pk-gov", name="Government of Pakistan", kind="government", member_of=["pakistan"]
    )
    g.add_actor(id="pk-dm", name="Pakistan's defense minister", kind="office", member_of=["pk-gov"])
    g.add_actor(
        id="pk-info", name="Pakistan's information ministry", kind="office", member_of=["pk-gov"]
    )
    g.add_actor(id="afghanistan", name="Afghanistan", kind="state")
    g.add_actor(
        id="af-spokesperson", name="Taliban spokesperson", kind="office", member_of=["afghanistan"]
    )

    # Where the statements were reported.
    g.add_source(
        id="arabnews",
        publisher="Arab News",
        published="2025-11-05",
        title="Pakistan and Afghanistan Restart Peace Talks in Türkiye",
    )

    # What is claimed, independent of who says it. Two of them cannot both be true.
    g.add_proposition(
        id="militants-sheltered", text="Militants are being sheltered on Afghan soil."
    )
    g.add_proposition(
        id="internal-matter",
        text="Pakistan's security problems are an internal matter.",
        contradicts=["militants-sheltered"],
    )
    g.add_proposition(
        id="offer-rejected", text="Pakistan rejected Kabul's offer to hand over the militants."
    )
    g.add_proposition(
        id="ceasefire-extended", text="The ceasefire between Pakistan and Afghanistan is extended."
    )
    g.add_proposition(
        id="attacks-must-stop",
        text="The militant attacks originating from Afghan territory must stop.",
    )

    # Who said what, when, and where it was reported, with the verbatim quote.
    news = [{"source": "arabnews"}]
    g.add_statement(
        id="pk-sheltered",
        actor="pakistan",
        proposition="militants-sheltered",
        kind="accusation",
        said="2025-10",
        reports=news,
    )
    g.add_statement(
        id="af-internal",
        actor="afghanistan",
        proposition="internal-matter",
        kind="characterization",
        said="2025-10",
        reports=news,
        responds_to=["pk-sheltered"],
    )
    g.add_statement(
        id="af-offer-rejected", actor="af-spokesperson", proposition="offer-rejected", reports=news
    )
    g.add_statement(
        id="pk-false-and-misleading",
        actor="pk-info",
        proposition="offer-rejected",
        stance="denies",  # a denial: the kind defaults to "denial"
        said="2025-11-05",
        reports=[{"source": "arabnews", "quote": "false and misleading"}],
        responds_to=["af-offer-rejected"],  # a response to the spokesperson
    )
    g.add_statement(
        id="dm-demand",
        actor="pk-dm",
        proposition="attacks-must-stop",
        kind="demand",
        said="2025-11-05",
        reports=news,
    )
    for side in ("pakistan", "afghanistan"):
        g.add_statement(
            actor=side,
            proposition="ceasefire-extended",
            kind="agreement",
            said="2025-10",
            reports=news,
        )
    return g


def show(g: cg.ClaimGraph) -> None:
    """Ask the graph the usual questions and print the answers."""
    print(g)
    print()

    print("Contradictions")
    for c in cg.contradictions(g):
        print(f"- [{c.kind}, {c.basis}] {c.explanation}")
        for group in c.groups:
            for s in group.statements:
                quote = f" “{s.quotes[0]}”" if s.quotes else ""
                print(
                    f"    {group.stance}: {g.actors[s.actor].name} ({s.said or 'undated'}){quote}"
                )
    print()

    print("Common ground")
    for a in cg.agreements(g):
        print(f"- {a.explanation}")
    print()

    print("Positions")
    pos = cg.positions(g)
    for row in pos.rows():
        stances = ", ".join(f"{side}: {row[side] or '-'}" for side in pos.sides)
        print(f"- {row['proposition']}: {stances}")
    for side, demands in pos.demands.items():
        for s in demands:
            print(f"- {side} demands: {g.propositions[s.proposition].text}")
    print()

    print("Timeline of Pakistan's side")
    for s in cg.timeline(g, side="pakistan"):
        print(f"- {s.said or 'undated':10} {g.actors[s.actor].name}: {s.stance} {s.proposition}")
    print()


def main() -> None:
    g = build()
    show(g)
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("quickstart.json", "quickstart.yaml"):
            path = Path(tmp) / name
            g.save(path)
            again = cg.load(path)
            if again != g:
                raise SystemExit(f"{name} did not round-trip")
            print(f"saved and loaded back {name}: {again}")
    if [c.kind for c in g.contradictions()] != ["dispute", "dispute"]:
        raise SystemExit("expected two disputes")
    if [a.proposition for a in g.agreements()] != ["ceasefire-extended"]:
        raise SystemExit("expected the ceasefire extension as common ground")


if __name__ == "__main__":
    main()
