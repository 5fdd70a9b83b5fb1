"""The reporting-cue lexicon: ``lexicon.tsv`` read once, every inflection of every verb.

The file is data (one cue a line; its header says what each column means); this module
inflects the verbs (``say`` → ``says``, ``said``, ``saying``) and indexes every form by its
first word, so that finding the cues of a text is one dictionary look-up a token.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Cue", "Entry", "entries", "hedges", "index", "inflections"]

LEXICON_PATH = Path(__file__).with_name("lexicon.tsv")
"""Where the lexicon is read from."""

_IRREGULAR: dict[str, tuple[str, str]] = {
    # lemma: (past, past participle)
    "say": ("said", "said"),
    "tell": ("told", "told"),
    "write": ("wrote", "written"),
    "think": ("thought", "thought"),
    "feel": ("felt", "felt"),
    "hold": ("held", "held"),
    "find": ("found", "found"),
    "know": ("knew", "known"),
    "understand": ("understood", "understood"),
    "swear": ("swore", "sworn"),
    "foresee": ("foresaw", "foreseen"),
    "forecast": ("forecast", "forecast"),
    "broadcast": ("broadcast", "broadcast"),
    "undertake": ("undertook", "undertaken"),
    "go": ("went", "gone"),
    "make": ("made", "made"),
    "lay": ("laid", "laid"),
    "set": ("set", "set"),
    "put": ("put", "put"),
    "shoot": ("shot", "shot"),
    "speak": ("spoke", "spoken"),
    "take": ("took", "taken"),
    "hit": ("hit", "hit"),
    "cast": ("cast", "cast"),
    "show": ("showed", "shown"),
    "prove": ("proved", "proven"),
    "lash": ("lashed", "lashed"),
    "forbid": ("forbade", "forbidden"),
}

_DOUBLED = frozenset(
    [
        "admit",
        "commit",
        "submit",
        "rebut",
        "concur",
        "aver",
        "slam",
        "beg",
        "dub",
        "quip",
        "plot",
        "sum",
        "refer",
        "prefer",
        "regret",
        "permit",
        "omit",
        "infer",
        "confer",
        "deter",
        "abet",
        "bet",
        "vet",
        "chat",
        "nod",
    ]
)
"""Verbs that double their last consonant before -ed and -ing."""


def inflections(lemma: str) -> dict[str, str]:
    """The forms of a verb: ``{form: tag}`` with tags ``base``, ``s``, ``past``, ``pp``,
    ``ing``.

    Examples
    --------
    >>> sorted(inflections("deny").items())
    [('denied', 'past'), ('denies', 's'), ('deny', 'base'), ('denying', 'ing')]
    >>> inflections("say")["said"]
    'past'
    >>> inflections("admit")["admitting"]
    'ing'
    """
    vowels = "aeiou"
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in vowels:
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma in _IRREGULAR:
        past, pp = _IRREGULAR[lemma]
    elif lemma.endswith("e"):
        past = pp = lemma + "d"
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in vowels:
        past = pp = lemma[:-1] + "ied"
    elif lemma in _DOUBLED:
        past = pp = lemma + lemma[-1] + "ed"
    else:
        past = pp = lemma + "ed"
    if lemma.endswith("ie"):
        ing = lemma[:-2] + "ying"
    elif lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")) and len(lemma) > 2:
        ing = lemma[:-1] + "ing"
    elif lemma in _DOUBLED:
        ing = lemma + lemma[-1] + "ing"
    else:
        ing = lemma + "ing"
    forms = {lemma: "base", third: "s", past: "past", ing: "ing"}
    forms.setdefault(pp, "pp")
    return forms


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the lexicon: a cue (a verb's lemma, or a phrase) and what it means.

    ``form`` is ``verb``, ``pverb`` (phrasal verb), ``fixed``, ``prep`` or ``hedge``;
    ``act`` a statement kind; ``stance`` ``asserts``, ``denies`` or ``neutral``;
    ``frame`` ``clause``, ``tell``, ``np`` or ``that`` (see the file's header).
    """

    cue: str
    form: str
    act: str
    stance: str
    hedged: bool
    frame: str


@dataclass(frozen=True, slots=True)
class Cue:
    """One written form of an entry: its words (lower case) and its inflection tag."""

    words: tuple[str, ...]
    tag: str
    entry: Entry


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """Every entry of the lexicon, in file order.

    Examples
    --------
    >>> len(entries()) > 300
    True
    >>> next(e for e in entries() if e.cue == "deny").stance
    'denies'
    """
    out = []
    for raw in LEXICON_PATH.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cue, form, act, stance, hedged, frame = raw.split("\t")
        out.append(Entry(cue, form, act, stance, hedged == "yes", frame))
    return tuple(out)


@lru_cache(maxsize=1)
def index() -> dict[str, tuple[Cue, ...]]:
    """Every written form of every cue, keyed by its first word; longest phrases first.

    Examples
    --------
    >>> [c.words for c in index()["according"]]
    [('according', 'to')]
    >>> index()["denied"][0].tag
    'past'
    """
    found: dict[str, list[Cue]] = {}
    for e in entries():
        if e.form == "hedge":
            continue
        words = tuple(e.cue.split())
        if e.form in ("verb", "pverb"):
            for form, tag in inflections(words[0]).items():
                found.setdefault(form, []).append(Cue((form, *words[1:]), tag, e))
        else:
            found.setdefault(words[0], []).append(Cue(words, "fixed", e))
    return {k: tuple(sorted(v, key=lambda c: -len(c.words))) for k, v in found.items()}


@lru_cache(maxsize=1)
def hedges() -> frozenset[str]:
    """The hedging adverbs ("allegedly", "reportedly") of the lexicon.

    Examples
    --------
    >>> "allegedly" in hedges()
    True
    """
    return frozenset(e.cue for e in entries() if e.form == "hedge")
