"""Seeded, realistic claimgraph corpora of any size, for the benchmarks.

The proportions follow the scale issue: for ``n`` statements there are ``n / 100`` actors,
``n / 10`` sources and ``n / 5`` propositions (1M statements ↔ 10k actors, 100k sources,
200k propositions). The corpus looks like a year or two of news on one conflict:

- a handful of **sides** (states, an armed group, a mediators' group); every other actor sits
  in a membership chain ending at one of them: person/group → office → government → state;
- **sources** in publication order: wire stories reprinted by several outlets (each reprint
  ``derived_from`` the wire story, carrying the same quote), articles rewritten from earlier
  articles (``derived_from`` chains), transcripts, press releases, posts;
- **propositions**: about 20% contested (asserted by one side, denied by another), some asserted
  by several sides (common ground), a few ``contradicts`` (mutually exclusive) pairs and
  ``implies`` chains, and some reversals (one side asserts, then later denies);
- **statements** interleaved like a feed, with a skewed (Pareto) number per proposition and per
  actor, partial dates of year, month and day precision (and some undated), 1–3 reports each,
  quotes on about a third of the reports, and some ``responds_to`` links (a denial answering an
  assertion).

Everything comes from one ``random.Random(seed)``: the same ``(n, seed)`` always gives the same
corpus, byte for byte.

Examples
--------
>>> from benchmarks.generate import generate, generate_dicts
>>> sections = generate_dicts(1000, seed=1)
>>> len(sections["statements"]), len(sections["propositions"]) > 0
(1000, True)
>>> records = generate(1000, seed=1)
>>> import claimgraph as cg
>>> len(cg.ClaimGraph(records).statement_records)
1000
"""

from __future__ import annotations

import bisect
import datetime as _dt
import gc
import json
import os
import random
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

__all__ = [
    "SECTIONS",
    "corpus_counts",
    "generate",
    "generate_dicts",
    "iter_records",
    "records_from_dicts",
    "write_native_json",
]

SECTIONS: tuple[str, ...] = ("actors", "sources", "propositions", "statements")
"""The sections of a corpus, in the order the native file stores them."""

# The sides: (id, name, kind). Mediators sit under a mediators' group, like the worked example.
_SIDES: tuple[tuple[str, str, str], ...] = (
    ("arland", "Arland", "state"),
    ("borovia", "Borovia", "state"),
    ("cestria", "Cestria", "state"),
    ("dunmark", "Dunmark", "state"),
    ("eastern-front", "Eastern Front", "armed_group"),
    ("mediators", "The mediators", "group"),
)
_MEDIATOR_STATES = (("qatar-like", "Qaterra"), ("turkiye-like", "Tyrkiland"))

_OFFICES = (
    "defense ministry", "foreign ministry", "information ministry", "interior ministry",
    "army spokesperson", "prime minister's office", "president's office", "border police",
    "intelligence service", "embassy", "negotiating team", "press office",
)  # fmt: skip
_PEOPLE = (
    "minister", "spokesperson", "deputy minister", "general", "ambassador", "adviser",
    "commander", "envoy", "officials", "lawmaker", "governor", "negotiator",
)  # fmt: skip
_WIRES = ("Global Wire", "Continental Press", "World News Agency")
_OUTLET_WORDS = (
    "Daily", "Times", "Herald", "Post", "Observer", "Tribune", "Express", "Gazette", "News",
    "Chronicle", "Dispatch", "Courier", "Monitor", "Voice", "Standard", "Review",
)  # fmt: skip
_SUBJECTS = (
    "Militants", "The army", "Border forces", "The government", "Rebel fighters", "Drones",
    "Refugees", "The delegation", "Armed groups", "The ceasefire", "Aid convoys", "Artillery",
    "The mediators", "Security forces", "Insurgents", "The talks",
)  # fmt: skip
_PREDICATES = (
    "are sheltered", "shelled positions", "crossed the border", "violated the ceasefire",
    "were attacked", "withdrew", "were deployed", "blocked access", "agreed to a truce",
    "rejected the offer", "were handed over", "collapsed", "resumed", "launched strikes",
    "detained civilians", "are funded from abroad",
)  # fmt: skip
_PLACES = (
    "the northern valley", "the border crossing", "the capital", "the river delta",
    "the mountain passes", "the eastern districts", "the refugee camps", "the port city",
    "the tribal areas", "the airport road", "the southern plains", "the old town",
)  # fmt: skip
_QUOTE_WORDS = (
    "false", "misleading", "baseless", "we will not accept", "our position is clear",
    "a grave violation", "the attacks must stop", "we remain committed", "propaganda",
    "there is evidence", "we call on", "unacceptable", "an internal matter", "in good faith",
    "the facts speak", "irresponsible", "we have proof", "a provocation", "we welcome",
    "no such offer", "we categorically deny", "peace will be restored",
)  # fmt: skip

_ASSERT_KINDS = (
    ("claim", 50), ("accusation", 12), ("characterization", 8), ("report", 8), ("demand", 6),
    ("prediction", 3), ("warning", 3), ("offer", 3), ("proposal", 2), ("hope", 2),
    ("commitment", 2), ("agreement", 1),
)  # fmt: skip
_DENY_KINDS = (("denial", 85), ("rejection", 15))
_SOURCE_KINDS = (
    ("article", 70), ("transcript", 6), ("press_release", 8), ("post", 8), ("broadcast", 5),
    ("interview", 3),
)  # fmt: skip

_START = _dt.date(2024, 1, 1)
_DAYS = 731  # two years of news
_DAY_STR = [(_START + _dt.timedelta(days=d)).isoformat() for d in range(_DAYS)]

# Fractions (of propositions / sources / statements).
CONTESTED = 0.20
"""Share of propositions asserted by one side and denied by another."""
REVERSED = 0.03
"""Share of propositions one side first asserts and later denies."""
SHARED = 0.10
"""Share of uncontested propositions asserted by two or three sides (common ground)."""
DENIED_ONLY = 0.03
"""Share of uncontested propositions that are only denied."""
EXCLUSIVE = 0.02
"""Share of propositions declared to contradict an earlier one."""
IMPLYING = 0.02
"""Share of propositions declared to imply an earlier one."""
WIRE = 0.06
"""Share of sources that are wire stories (each reprinted by 2–6 outlets)."""
REWRITE = 0.08
"""Share of articles written from an earlier article (``derived_from`` chains)."""


def corpus_counts(n_statements: int) -> dict[str, int]:
    """How many records of each type a corpus of ``n_statements`` has.

    Examples
    --------
    >>> corpus_counts(1_000_000)
    {'actors': 10000, 'sources': 100000, 'propositions': 200000, 'statements': 1000000}
    """
    return {
        "actors": max(40, n_statements // 100),
        "sources": max(30, n_statements // 10),
        "propositions": max(10, n_statements // 5),
        "statements": n_statements,
    }


def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> list[str]:
    """Expand a (value, weight) table into a list to draw from with ``rng.choice``."""
    return [v for v, w in table for _ in range(w)]


def _partial(rng: random.Random, day: int) -> str | None:
    """The date of ``day`` at a random precision: mostly days, some months, years, none."""
    day = min(max(day, 0), _DAYS - 1)
    x = rng.random()
    if x < 0.65:
        return _DAY_STR[day]
    if x < 0.85:
        return _DAY_STR[day][:7]
    if x < 0.93:
        return _DAY_STR[day][:4]
    return None


def generate_dicts(n_statements: int, seed: int = 0) -> dict[str, list[dict[str, Any]]]:
    """A corpus as plain dicts, section by section, in native-file shape.

    The fast path for baselines: each dict holds only the fields that are set (defaults
    left out, as :func:`claimgraph.save` writes them), so ``Statement.model_validate(d)``
    gives the record.

    Returns
    -------
    dict
        ``{"actors": [...], "sources": [...], "propositions": [...], "statements": [...]}``.
    """
    if n_statements < 1:
        raise ValueError("n_statements must be at least 1")
    rng = random.Random(seed)
    counts = corpus_counts(n_statements)
    actors, side_members, side_weights = _actors(rng, counts["actors"])
    sources, src_day, reprints = _sources(rng, counts["sources"])
    propositions, plans = _propositions(rng, counts["propositions"])
    statements = _statements(
        rng, n_statements, plans, side_members, side_weights, src_day, reprints, sources
    )
    return {
        "actors": actors,
        "sources": sources,
        "propositions": propositions,
        "statements": statements,
    }


def _actors(
    rng: random.Random, n: int
) -> tuple[list[dict[str, Any]], list[list[str]], list[list[float]]]:
    """Sides, governments, offices and people, in membership chains.

    Returns the actor dicts and, per side, its members (ids) with cumulative weights for
    drawing speakers (a few actors say most things).
    """
    out: list[dict[str, Any]] = []
    n_sides = len(_SIDES)
    members: list[list[str]] = [[] for _ in range(n_sides)]
    govs: list[list[str]] = [[] for _ in range(n_sides)]
    offices: list[list[str]] = [[] for _ in range(n_sides)]
    for i, (sid, name, kind) in enumerate(_SIDES):
        out.append({"id": sid, "name": name, "kind": kind})
        members[i].append(sid)
        if sid == "mediators":
            for mid, mname in _MEDIATOR_STATES:
                out.append({"id": mid, "name": mname, "kind": "mediator", "member_of": [sid]})
                members[i].append(mid)
                govs[i].append(mid)
            continue
        gkind = "organization" if kind == "armed_group" else "government"
        for suffix, label in (("government", "Government of"), ("military", "Armed forces of")):
            gid = f"{sid}-{suffix}"
            out.append({"id": gid, "name": f"{label} {name}", "kind": gkind, "member_of": [sid]})
            members[i].append(gid)
            govs[i].append(gid)
    remaining = max(0, n - len(out))
    n_offices = max(n_sides, remaining * 3 // 10)
    for j in range(n_offices):
        i = j % n_sides if j < n_sides else rng.randrange(n_sides)
        sid, name, _ = _SIDES[i]
        oid = f"{sid}-office-{j:05d}"
        title = f"{_possessive(name)} {rng.choice(_OFFICES)}"
        out.append(
            {
                "id": oid,
                "name": f"{title} #{j}",
                "kind": "office",
                "member_of": [rng.choice(govs[i])],
            }
        )
        members[i].append(oid)
        offices[i].append(oid)
    for j in range(max(0, remaining - n_offices)):
        i = rng.randrange(n_sides)
        sid, name, _ = _SIDES[i]
        role = rng.choice(_PEOPLE)
        aid = f"{sid}-person-{j:06d}"
        rec: dict[str, Any] = {
            "id": aid,
            "name": f"{_possessive(name)} {role} #{j}",
            "kind": "group" if role == "officials" else "person",
            "member_of": [rng.choice(offices[i])],
        }
        if rng.random() < 0.05 and len(offices[i]) > 1:
            second = rng.choice(offices[i])
            if second != rec["member_of"][0]:
                rec["member_of"].append(second)
        if rng.random() < 0.03:
            rec["aliases"] = [f"{role.title()} {j}"]
        out.append(rec)
        members[i].append(aid)
    weights = [list(accumulate(rng.paretovariate(1.2) for _ in m)) for m in members]
    return out, members, weights


def _sources(
    rng: random.Random, n: int
) -> tuple[list[dict[str, Any]], list[int], dict[int, list[int]]]:
    """Sources in publication order, with wire stories, reprints and rewrite chains.

    Returns the source dicts, the publication day of each, and wire index → reprint indexes.
    """
    n_outlets = max(8, min(400, n // 250))
    outlets = [
        f"The {rng.choice(_OUTLET_WORDS)} {rng.choice(_OUTLET_WORDS)} {k}" for k in range(n_outlets)
    ]
    kinds = _weighted(rng, _SOURCE_KINDS)
    out: list[dict[str, Any]] = []
    day_of: list[int] = []
    reprints: dict[int, list[int]] = {}
    articles: list[int] = []
    while len(out) < n:
        i = len(out)
        day = min(_DAYS - 1, i * _DAYS // n)
        sid = f"src-{i:07d}"
        if rng.random() < WIRE and n - i > 7:
            wire = rng.choice(_WIRES)
            rec: dict[str, Any] = {
                "id": sid,
                "url": f"https://wire.example/{_DAY_STR[day]}/{i}",
                "title": f"Wire story {i}",
                "publisher": wire,
                "published": _DAY_STR[day],
                "kind": "wire",
            }
            out.append(rec)
            day_of.append(day)
            copies = reprints[i] = []
            for _ in range(rng.randint(2, 6)):
                j = len(out)
                outlet = rng.choice(outlets)
                out.append(
                    {
                        "id": f"src-{j:07d}",
                        "url": f"https://outlet{outlets.index(outlet)}.example/{j}",
                        "title": f"Wire story {i}",
                        "publisher": outlet,
                        "published": _DAY_STR[min(_DAYS - 1, day + rng.randint(0, 1))],
                        "derived_from": [sid],
                    }
                )
                day_of.append(day)
                copies.append(j)
            continue
        kind = rng.choice(kinds)
        outlet_k = rng.randrange(n_outlets)
        rec = {"id": sid, "publisher": outlets[outlet_k]}
        if rng.random() < 0.95:
            rec["url"] = f"https://outlet{outlet_k}.example/{i}"
        if rng.random() < 0.5:
            rec["title"] = f"Story {i}"
        x = rng.random()
        rec["published"] = (
            _DAY_STR[day] if x < 0.9 else _DAY_STR[day][:7] if x < 0.97 else _DAY_STR[day][:4]
        )
        if kind != "article":
            rec["kind"] = kind
        elif articles and rng.random() < REWRITE:
            rec["derived_from"] = [f"src-{articles[-rng.randint(1, min(20, len(articles)))]:07d}"]
        if kind == "article":
            articles.append(i)
        out.append(rec)
        day_of.append(day)
    return out, day_of, reprints


class _Plan:
    """Who takes which position on one proposition (used while drawing statements)."""

    __slots__ = ("assert_sides", "day", "deny_side", "last_assert", "reversal", "seen")

    def __init__(
        self, assert_sides: list[int], deny_side: int | None, reversal: int | None, day: int
    ) -> None:
        self.assert_sides = assert_sides
        self.deny_side = deny_side  # contested: this side denies
        self.reversal = reversal  # this side asserts early, denies later
        self.day = day
        self.seen = 0
        self.last_assert: str | None = None

    def minimum(self) -> int:
        n = max(1, len(self.assert_sides))
        if self.deny_side is not None and self.assert_sides:
            n += 1
        if self.reversal is not None:
            n += 2
        return n


def _propositions(rng: random.Random, n: int) -> tuple[list[dict[str, Any]], list[_Plan]]:
    n_sides = len(_SIDES) - 1  # mediators take positions only as common ground
    out: list[dict[str, Any]] = []
    plans: list[_Plan] = []
    for i in range(n):
        text = (
            f"{rng.choice(_SUBJECTS)} {rng.choice(_PREDICATES)} in {rng.choice(_PLACES)}"
            f" (case {i})."
        )
        rec: dict[str, Any] = {"id": f"prop-{i:07d}", "text": text}
        if i > 0 and rng.random() < EXCLUSIVE:
            rec["contradicts"] = [f"prop-{rng.randrange(i):07d}"]
        if i > 0 and rng.random() < IMPLYING:
            # mostly a recent proposition, so that implication chains form
            rec["implies"] = [f"prop-{max(0, i - rng.randint(1, 50)):07d}"]
        out.append(rec)
        a = rng.randrange(n_sides)
        x = rng.random()
        deny: int | None = None
        if x < CONTESTED:
            sides = [a]
            deny = (a + rng.randrange(1, n_sides)) % n_sides
        elif x < CONTESTED + DENIED_ONLY:
            sides = []
            deny = a
        elif x < CONTESTED + DENIED_ONLY + SHARED:
            others = [s for s in range(len(_SIDES)) if s != a]
            sides = [a, *rng.sample(others, rng.randint(1, 2))]
        else:
            sides = [a]
        reversal = a if rng.random() < REVERSED and sides else None
        plans.append(_Plan(sides, deny, reversal, rng.randrange(_DAYS)))
    return out, plans


def _statements(
    rng: random.Random,
    n: int,
    plans: list[_Plan],
    side_members: list[list[str]],
    side_weights: list[list[float]],
    src_day: list[int],
    reprints: dict[int, list[int]],
    sources: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    n_props = len(plans)
    # every proposition gets its minimum (one per side involved), the rest by popularity
    order: list[int] = []
    for p, plan in enumerate(plans):
        order += [p] * plan.minimum()
    if len(order) > n:
        order = order[:n]
    else:
        pop = [
            min(200.0, rng.paretovariate(1.2)) * (2.0 if plans[p].deny_side is not None else 1.0)
            for p in range(n_props)
        ]
        order += rng.choices(range(n_props), cum_weights=list(accumulate(pop)), k=n - len(order))
    rng.shuffle(order)
    assert_kinds = _weighted(rng, _ASSERT_KINDS)
    deny_kinds = _weighted(rng, _DENY_KINDS)
    n_src = len(src_day)
    out: list[dict[str, Any]] = []
    choices = rng.choices
    random_ = rng.random
    for j, p in enumerate(order):
        plan = plans[p]
        k = plan.seen
        plan.seen = k + 1
        day = plan.day + rng.randint(-30, 30)
        # who, and which stance: the first few statements cover every planned position
        sides = plan.assert_sides
        n_a = len(sides)
        if plan.reversal is not None:
            if k < 2:
                k = -1  # handled below; the reversal side asserts (as sides[0]), then denies
            else:
                k -= 1  # sides[0] is covered by the reversal's assertion
        if k == -1:
            denies = plan.seen == 2
            side = plan.reversal  # type: ignore[assignment]
            day = plan.day + rng.randint(5, 60) if denies else plan.day - rng.randint(5, 60)
        elif k < n_a:
            side, denies = sides[k], False
        elif plan.deny_side is not None and (not sides or k == n_a or random_() < 0.45):
            side, denies = plan.deny_side, True
        elif plan.reversal is not None and random_() < 0.3:
            side, denies = plan.reversal, day > plan.day
        else:
            side, denies = sides[rng.randrange(n_a)], False
        actor = choices(side_members[side], cum_weights=side_weights[side])[0]
        sid = f"st-{j:07d}"
        rec: dict[str, Any] = {"id": sid, "actor": actor, "proposition": f"prop-{p:07d}"}
        if denies:
            rec["stance"] = "denies"
            kind = rng.choice(deny_kinds)
            if kind != "denial":
                rec["kind"] = kind
            if plan.last_assert is not None and random_() < 0.35:
                rec["responds_to"] = [plan.last_assert]
        else:
            kind = rng.choice(assert_kinds)
            if kind != "claim":
                rec["kind"] = kind
            plan.last_assert = sid
        said = _partial(rng, day)
        if said is not None:
            rec["said"] = said
        # reports: a source published around the date said, sometimes more
        at = bisect.bisect_left(src_day, min(max(day, 0), _DAYS - 1) + rng.randint(0, 2))
        first = min(n_src - 1, max(0, at + rng.randint(-40, 40)))
        quote = (
            f"{rng.choice(_QUOTE_WORDS).capitalize()}, {rng.choice(_QUOTE_WORDS)} ({j})"
            if random_() < 0.35
            else None
        )
        picked = [first]
        if first in reprints and random_() < 0.7:
            copies = reprints[first]
            picked += rng.sample(copies, rng.randint(1, len(copies)))
        x = random_()
        extra = 0 if x < 0.6 else 1 if x < 0.88 else 2
        for _ in range(extra):
            other = min(n_src - 1, max(0, first + rng.randint(-200, 200)))
            if other not in picked and "derived_from" not in sources[other]:
                picked.append(other)
        reports = []
        for q, s in enumerate(picked):
            r: dict[str, Any] = {"source": f"src-{s:07d}"}
            # a reprint carries the wire story's quote; another outlet has its own or none
            if quote is not None and (q == 0 or "derived_from" in sources[s]):
                r["quote"] = quote
            reports.append(r)
        rec["reports"] = reports
        if random_() < 0.002:
            rec["note"] = "Attribution unclear in the source."
        out.append(rec)
    return out


def records_from_dicts(
    sections: dict[str, list[dict[str, Any]]], *, consume: bool = False
) -> list[Any]:
    """Validate plain dicts into claimgraph records (actors, sources, propositions, statements).

    The garbage collector is paused meanwhile: this is set-up, not what is measured. With
    ``consume=True`` each dict is dropped from its list as soon as it is validated, so that
    the dicts and the records are never all in memory at once (for peak-RSS measurements).
    """
    from claimgraph.models import Actor, Proposition, Source, Statement

    classes = {"actors": Actor, "sources": Source, "propositions": Proposition}
    classes["statements"] = Statement  # type: ignore[assignment]
    enabled = gc.isenabled()
    gc.disable()
    try:
        out: list[Any] = []
        for section in SECTIONS:
            validate = classes[section].model_validate
            items = sections.get(section, [])
            if consume:
                for i, d in enumerate(items):
                    items[i] = None  # type: ignore[call-overload]
                    out.append(validate(d))
                items.clear()
            else:
                out += [validate(d) for d in items]
        return out
    finally:
        if enabled:
            gc.enable()


def generate(n_statements: int, seed: int = 0) -> list[Any]:
    """A corpus of ``n_statements`` as claimgraph records, ready for ``ClaimGraph().add_all``.

    Records come in dependency order (actors, sources, propositions, statements); the same
    ``(n_statements, seed)`` gives equal records every time.
    """
    return records_from_dicts(generate_dicts(n_statements, seed))


def iter_records(n_statements: int, seed: int = 0) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(section, dict)`` pairs of a corpus, section by section (see :func:`generate_dicts`)."""
    sections = generate_dicts(n_statements, seed)
    for section in SECTIONS:
        for d in sections[section]:
            yield section, d


def write_native_json(
    sections: dict[str, list[dict[str, Any]]],
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
) -> Path:
    """Write a corpus of plain dicts as a claimgraph native JSON file (one record per line).

    This writes the same shape as :func:`claimgraph.save` without building a graph; to
    benchmark claimgraph's own writer, build the graph and call ``claimgraph.save``.
    """
    target = Path(path)
    head: dict[str, Any] = {"format": "claimgraph", "version": 1}
    if title is not None:
        head["title"] = title
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with open(target, "w", encoding="utf-8") as f:
        f.write(json.dumps(head, ensure_ascii=False)[:-1])
        for section in SECTIONS:
            items = sections.get(section, [])
            if not items:
                f.write(f',\n"{section}": []')
                continue
            f.write(f',\n"{section}": [\n')
            f.write(",\n".join(dumps(d) for d in items))
            f.write("\n]")
        f.write("\n}\n")
    return target


if __name__ == "__main__":  # pragma: no cover - a convenience for looking at a corpus
    import argparse

    parser = argparse.ArgumentParser(description="Write a generated corpus as native JSON.")
    parser.add_argument("n", type=int, help="number of statements")
    parser.add_argument("out", help="output .json file")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write_native_json(generate_dicts(args.n, args.seed), args.out, title=f"synthetic {args.n}")
