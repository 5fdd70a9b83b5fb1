"""The attribution rules: who said what, with which cue, over the tokens of a text.

The text is split into *units* — sentences, joined where a quotation runs across them —
and each unit is read once, left to right:

1. every reporting cue of the lexicon outside quotation marks is found by one dictionary
   look-up a token (phrases by their first word), nouns and infinitives ("the claim",
   "to deny") excepted;
2. for each cue, its **source** is the noun phrase before it (skipping auxiliaries and
   adverbs: "has repeatedly said"), after it when inverted ("…,” said the minister"), the
   subject of the verb it is coordinated with ("said … and urged …"), or of the clause it
   hangs from (", saying …"); "according to X" takes the phrase after it;
3. its **content** is the quotation next to it, the clause after it ("said that …",
   "denied …", "urged Kabul not to …"), or — when nothing follows but a time or the
   addressee ("…, officials said on Tuesday.") — the clause before it;
4. a quotation left over that opens a unit goes on the speaker of the quotation just
   before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import Literal, cast

from ..exceptions import InvalidArgumentError
from ._lexicon import Cue, hedges, index, inflections
from ._text import TITLES, Tokens, prefix_end, quotes, sentences, tokenize

__all__ = ["Attribution", "Span", "attributions"]

Kind = Literal["direct", "indirect", "according-to"]
Stance = Literal["asserts", "denies", "neutral"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the text: ``text[start:end] == span.text``.

    Examples
    --------
    >>> Span(4, 8, "said")
    Span(start=4, end=8, text='said')
    """

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said what: three spans into the text, and what the cue says about it.

    Attributes
    ----------
    source : Span or None
        Who is reported ("Pakistan's information ministry", "he"); ``None`` when the text
        gives nobody.
    cue : Span
        The reporting word or phrase ("said", "denied", "according to", "called").
    content : Span
        What is attributed: the quotation (without its marks) or the reported clause.
    kind : {"direct", "indirect", "according-to"}
        A quotation, reported speech, or an "according to" phrase.
    stance : {"asserts", "denies", "neutral"}
        What the source does with the content: holds it true, holds it false, or relays it
        without endorsing it ("reported").
    act : str
        The speech act, a :class:`claimgraph.StatementKind` value ("claim", "denial",
        "demand", "offer", ...).
    hedged : bool
        Whether the cue or its sentence sounds unsure ("suggested", "allegedly", "may have").
    sentence : Span
        The sentence (or the sentences a quotation runs across) it was found in.
    hedge : Span or None
        The words that make it unsure, when ``hedged``: the cue itself ("suggested"), a
        hedging adverb of its sentence ("reportedly", "allegedly"), a negated cue ("did not
        deny") or a modal of the content ("may have", "might"); ``None`` when it is not.
    """

    source: Span | None
    cue: Span
    content: Span
    kind: Kind
    stance: Stance
    act: str
    hedged: bool
    sentence: Span
    hedge: Span | None = None


# ---------------------------------------------------------------------------- word lists
_CONTRACTED = frozenset(
    [
        "wouldn",
        "couldn",
        "didn",
        "doesn",
        "don",
        "isn",
        "wasn",
        "weren",
        "hasn",
        "haven",
        "hadn",
        "won",
        "can",
        "shouldn",
        "aren",
        "ain",
        "mustn",
    ]
)
"""The first halves of "wouldn't", "didn't" (the tokenizer splits off the "'t")."""
_AUX = _CONTRACTED | frozenset(
    [
        "has",
        "have",
        "had",
        "having",
        "'s",
        "’s",
        "was",
        "were",
        "is",
        "are",
        "am",
        "be",
        "been",
        "being",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "also",
        "not",
        "n't",
        "’t",
        "'t",
        "never",
        "still",
        "just",
        "again",
        "once",
        "even",
        "then",
        "now",
        "already",
        "repeatedly",
        "often",
        "later",
        "since",
        "first",
        "last",
        "yet",
        "ever",
        "always",
        "so",
        "too",
        "both",
        "all",
        "each",
        "further",
    ]
)
_NEG = frozenset({"not", "n't", "’t", "'t", "never"})
_BE = frozenset({"was", "were", "is", "are", "am", "be", "been", "being"})
_LY_WORDS = frozenset(
    [
        "family",
        "ally",
        "assembly",
        "italy",
        "july",
        "supply",
        "rally",
        "belly",
        "bully",
        "folly",
        "holly",
        "jolly",
        "lily",
        "monopoly",
        "reply",
        "anomaly",
        "homily",
        "melancholy",
    ]
)
_HONORIFICS = TITLES | frozenset(["u.k", "u.n", "u.s"])
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "who"])
_DETS = frozenset(
    [
        "the",
        "a",
        "an",
        "’s",
        "'s",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "this",
        "these",
        "those",
        "every",
        "each",
        "any",
        "no",
        "another",
        "such",
        "some",
        "whose",
    ]
)
_BASE_OK_BEFORE = frozenset(
    [
        "we",
        "they",
        "i",
        "you",
        "do",
        "did",
        "does",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "must",
        "should",
        "shall",
        "not",
        "n't",
        "’t",
        "'t",
        "also",
        "often",
        "still",
        "generally",
        "usually",
        "always",
        "never",
        "to",
    ]
)
_NP_STOP = _CONTRACTED | frozenset(
    [
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "while",
        "as",
        "because",
        "since",
        "although",
        "though",
        "if",
        "unless",
        "but",
        "or",
        "nor",
        "so",
        "than",
        "then",
        "also",
        "not",
        "n't",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "did",
        "does",
        "do",
        "to",
        "by",
        "with",
        "on",
        "after",
        "before",
        "during",
        "under",
        "over",
        "into",
        "about",
        "against",
        "between",
        "through",
        "without",
        "amid",
        "among",
        "across",
        "upon",
        "via",
        "says",
        "said",
        "told",
        "say",
        "there",
        "here",
        "it’s",
        "it's",
        "what",
        "how",
        "why",
        "whether",
        "yet",
        "despite",
    ]
)
_NP_INNER = frozenset({"of", "for", "from", "in", "at", "and", "&", "’s", "'s", "-"})
CHARGE_NOUNS = frozenset(
    [
        "claim",
        "claims",
        "allegation",
        "allegations",
        "accusation",
        "accusations",
        "charge",
        "charges",
        "assertion",
        "assertions",
        "suggestion",
        "suggestions",
    ]
)
"""Nouns that name what somebody charged ("claims", "allegations", ...): the one list the
anaphors, the holderless attributions and the draft's charges are built from."""
_ANAPHOR_NOUNS = CHARGE_NOUNS | frozenset(
    [
        "version",
        "account",
        "accounts",
        "report",
        "reports",
        "statement",
        "statements",
        "story",
        "narrative",
        "argument",
        "idea",
        "notion",
        "view",
        "position",
        "stance",
    ]
)
_NOUN_CUES: dict[str, tuple[str, Stance]] = {}
for _words, _act, _stance in (
    (
        "claim claims assertion assertions contention insistence argument belief view"
        " statement announcement",
        "claim",
        "asserts",
    ),
    ("allegation allegations accusation accusations charge charges", "accusation", "asserts"),
    ("suggestion suggestions", "claim", "asserts"),
    ("warning warnings fear fears", "warning", "asserts"),
    ("demand demands call calls insistence", "demand", "asserts"),
    ("promise promises pledge pledges assurance assurances", "commitment", "asserts"),
    ("hope hopes", "hope", "asserts"),
    ("denial denials", "denial", "denies"),
):
    for _w in _words.split():
        _NOUN_CUES.setdefault(_w, (_act, _stance))  # type: ignore[arg-type]  # literal

_ACTS = frozenset({"agreement", "offer", "rejection", "commitment", "proposal", "other"})
"""Acts that are deeds as much as words: inside what someone else is reported to say
("… said Kabul agreed to …") they are no attribution of their own; an accusation, a denial or
a demand there is ("police said the minister's wife accused the activists of …")."""
_NOUN_NEXT = frozenset(
    [
        "about",
        "of",
        "on",
        "from",
        "for",
        "in",
        "were",
        "are",
        "remain",
        "remains",
        "have",
        "had",
        "was",
        "consistent",
    ]
)
"""Words after an s-form or base form ("reports", "claims") that make it a noun."""
_TIMES = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tonight",
        "week",
        "month",
        "year",
        "weekend",
        "morning",
        "evening",
        "night",
        "afternoon",
    ]
)
_SAYING_NOUNS = frozenset(
    [
        "report",
        "reports",
        "statement",
        "statements",
        "letter",
        "letters",
        "communique",
        "message",
        "messages",
        "article",
        "articles",
        "resolution",
        "broadcast",
        "broadcasts",
        "video",
        "post",
        "posts",
    ]
)
"""Nouns for a text that says something, before a participle ("reports claiming …")."""
_QUANTIFIERS = frozenset(
    ["some", "many", "most", "others", "both", "all", "few", "none", "each", "several"]
)
"""Words that are a subject of their own before a verb ("some believe …")."""
_TIME_LEAD = frozenset({"on", "in", "last", "this", "late", "early", "next", "earlier"})
_HOLDERLESS = CHARGE_NOUNS | frozenset(
    [
        "denial",
        "denials",
    ]
)
"""Nouns that attribute a that-clause even when the text names nobody ("allegations that
Iran …"): the attribution's source is then ``None``."""
_CLAUSE_BREAK = frozenset(
    [
        "but",
        "while",
        "although",
        "though",
        "as",
        "whereas",
        "even",
        "despite",
        "amid",
        "after",
        "before",
        "when",
        "because",
        "since",
        "unless",
    ]
)
_TIME_START = frozenset(
    [
        "on",
        "in",
        "at",
        "during",
        "after",
        "before",
        "late",
        "early",
        "earlier",
        "later",
        "last",
        "this",
        "yesterday",
        "today",
        "tonight",
        "tomorrow",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "via",
        "through",
        "from",
        "outside",
        "inside",
        "from",
        "while",
        "shortly",
        "recently",
        "previously",
    ]
)
_CLOSE_MARKS = frozenset('”"’»“')
_NEG_EVAL = re.compile(
    r"\b(?:false|untrue|baseless|groundless|unfounded|misleading|fabricated|fabrication|"
    r"lies?|lying|nonsense|absurd|ridiculous|fake|propaganda|incorrect|inaccurate|wrong|"
    r"bogus|fiction|fictitious|slander(?:ous)?|defamatory|distorted|distortion|"
    r"mischievous|malicious|hoax|rubbish|fantasy|disinformation|misinformation)\b",
    re.I,
)
_LEAD_ACTS = (
    (re.compile(r"^(?:let[’']s|let us|we|i)\s+(?:\w+\s+)?(?:hope|wish|trust)\b", re.I), "hope"),
    (re.compile(r"^(?:we|i)\s+(?:\w+\s+)?(?:demand|urge|call on|insist)\b", re.I), "demand"),
    (re.compile(r"^(?:we|i)\s+(?:\w+\s+)?(?:warn|caution)\b", re.I), "warning"),
    (re.compile(r"^(?:we|i)\s+(?:\w+\s+)?(?:offer|are ready to|stand ready to)\b", re.I), "offer"),
    (re.compile(r"^(?:we|i)\s+(?:\w+\s+)?(?:propose|suggest)\b", re.I), "proposal"),
    (re.compile(r"^(?:we|i)\s+(?:\w+\s+)?(?:will|promise|pledge|vow)\b", re.I), "commitment"),
)
_BASE_VERBS = frozenset(
    [
        "say",
        "tell",
        "deny",
        "insist",
        "argue",
        "assert",
        "contend",
        "maintain",
        "reiterate",
        "confirm",
        "acknowledge",
        "admit",
        "allege",
        "accuse",
        "urge",
        "suggest",
        "believe",
        "think",
        "predict",
        "add",
        "explain",
        "declare",
        "agree",
        "disagree",
        "dismiss",
        "reject",
        "condemn",
        "stress",
        "emphasize",
        "emphasise",
        "concede",
        "recall",
        "warn",
        "announce",
        "expect",
        "claim",
    ]
)
"""Base forms that follow a subject with no auxiliary ("police say", "officials deny"),
never a noun there (unlike "report", "state" or "charge")."""
_PASSIVE_NO_AGENT = frozenset(
    [
        "say",
        "report",
        "believe",
        "allege",
        "rumor",
        "rumour",
        "think",
        "claim",
        "understand",
        "know",
        "suspect",
    ]
)
"""Verbs whose agentless passive attributes ("is said to", "are reported to")."""
_MODALS = frozenset({"may", "might", "could"})
_NOT_AFTER_MODAL = frozenset({"to", "the", "a", "an", "and", "or", "of", "i", "we", "you", "also"})
_MUST = frozenset({"should", "must"})
_MUST_TO = frozenset({"ought", "has", "have", "need", "needs"})
_MUST_ANY = _MUST | _MUST_TO


@lru_cache(maxsize=1)
def _unsure() -> frozenset[str]:
    """The modals and the hedging adverbs of the lexicon: the words a content's hedge is."""
    return _MODALS | hedges()


def _wordlike(t: str) -> bool:
    return t[0].isalnum()


def attributions(text: str) -> list[Attribution]:
    """The attributions of a news text: who said what, with which cue, where.

    Parameters
    ----------
    text : str
        The article (plain text; one paragraph a line is best).

    Returns
    -------
    list of Attribution
        In the order of their cues in the text.

    Raises
    ------
    InvalidArgumentError
        If ``text`` is not a string.

    Examples
    --------
    >>> a, = attributions("Pakistan has repeatedly said militants are sheltered there.")
    >>> a.source.text, a.cue.text, a.content.text, a.kind
    ('Pakistan', 'said', 'militants are sheltered there', 'indirect')
    >>> a, = attributions("“Talks start tomorrow,” the minister told reporters.")
    >>> a.source.text, a.cue.text, a.content.text, a.kind
    ('the minister', 'told', 'Talks start tomorrow', 'direct')
    >>> a, = attributions("Kabul denied the claim.")
    >>> a.stance, a.act
    ('denies', 'denial')
    """
    if not isinstance(text, str):
        raise InvalidArgumentError(f"attributions() takes a str, not {type(text).__name__}")
    if not text.strip():
        return []
    return _Reader(text, actions=False).read()


# ---------------------------------------------------------------------------- the reader
class _Reader:
    """One pass over one text (all state local to the call)."""

    def __init__(self, text: str, *, actions: bool) -> None:
        self.text = text
        self.actions = actions
        self.toks: Tokens = tokenize(text)
        self.index = index()
        self.hedges = hedges()
        n = len(self.toks)
        # 0 outside quotes, 1 inside, 2 opening mark, 3 closing mark
        self.inq = bytearray(n)
        self.quote_at: dict[int, tuple[int, int]] = {}  # opening token -> (open, close)
        self.quote_end: dict[int, int] = {}  # closing token -> opening token
        starts = self.toks.starts
        self.quotes = quotes(text)
        # quotes never closed (to the end of their paragraph): their ``close`` is the token
        # after them, which is no closing mark
        self.open_ended: set[int] = set()
        for qs, qe in self.quotes:
            o = bisect_left(starts, qs)
            closed = text[qe - 1] in _CLOSE_MARKS
            c = bisect_left(starts, qe - 1 if closed else qe)
            if o >= n or (closed and c >= n) or c <= o:
                continue
            self.inq[o] = 2
            self.inq[o + 1 : c] = b"\x01" * (c - o - 1)
            self.quote_at[o] = (o, c)
            if closed:
                self.inq[c] = 3
                self.quote_end[c] = o
            else:
                self.open_ended.add(o)
        self.quote_list = sorted(self.quote_at.values())
        self.quote_opens = [o for o, _ in self.quote_list]
        # the positions of the words each rule looks for (compress: one C-level pass each)
        low = self.toks.lower
        every = range(n)
        self.cands = list(compress(every, map(self.index.__contains__, low)))
        self.nouns = list(compress(every, map(_NOUN_CUES.__contains__, low)))
        self.modal_at = list(compress(every, map(_unsure().__contains__, low)))
        self.must_at = list(compress(every, map(_MUST_ANY.__contains__, low)))

    # -- spans
    def span(self, i: int, j: int) -> Span:
        """Tokens ``i`` to ``j`` (exclusive) as a span."""
        s = self.toks.starts[i]
        e = self.toks.ends[j - 1]
        return Span(s, e, self.text[s:e])

    def trimmed(self, i: int, j: int) -> tuple[int, int]:
        """``i..j`` without outer punctuation (keeping a quote's closing mark if it opened)."""
        t = self.toks.text
        while i < j and t[i] in ",;:—–-(":
            i += 1
        while j > i and t[j - 1] in ".,;:—–-!?)":
            j -= 1
        return i, j

    # -- the text's units
    def units(self) -> list[tuple[int, int]]:
        """Sentences as token ranges, joined where a quote spans them."""
        starts = self.toks.starts
        out: list[tuple[int, int]] = []
        sents = sentences(self.text)
        qi = 0
        qs = self.quotes
        i = 0
        while i < len(sents):
            a, b = sents[i]
            # join while a quote starting before b ends after it
            while qi < len(qs) and qs[qi][1] <= a:
                qi += 1
            q = qi
            while q < len(qs) and qs[q][0] < b:
                if qs[q][1] > b and i + 1 < len(sents):
                    i += 1
                    b = sents[i][1]
                    continue
                q += 1
            out.append((bisect_left(starts, a), bisect_left(starts, b)))
            i += 1
        return out

    def read(self) -> list[Attribution]:
        out: list[Attribution] = []
        last_direct: tuple[int, Attribution] | None = None
        text = self.text
        starts = self.toks.starts
        for u, (a, b) in enumerate(self.units()):
            if a >= b or self.headline(a, b):
                continue
            s = starts[a]
            if s == 0 or text[s - 1] == "\n":
                p = prefix_end(text, s)
                if p > s:  # "Assalamu Alaikum - …", "ISLAMABAD (Reuters) - …"
                    a = bisect_left(starts, p)
                    if a >= b:
                        continue
            found = self.unit(a, b)
            used = [(x.content.start, x.content.end) for x in found]
            ql = self.quote_list
            for q in range(bisect_left(self.quote_opens, a), len(ql)):
                o, c = ql[q]
                if o >= b:
                    break
                open_ended = o in self.open_ended
                if c > b or (c == b and not open_ended) or c - o < 3:
                    continue
                qs, qe = starts[o], self.toks.ends[c - 1 if open_ended else c]
                if any(s < qe and qs < e for s, e in used):
                    continue
                # a quotation nobody was found for: the previous speaker goes on
                if last_direct is not None and u - last_direct[0] <= 2 and o == a:
                    prev = last_direct[1]
                    c0, c1 = self.trimmed(o + 1, c)
                    content = self.span(c0, c1)
                    act = _lead_act(content.text) or prev.act
                    # the cue's own hedge ("suggested") goes on; the quote's modals are its own
                    own = self.modal(c0, c1)
                    hedge = (
                        prev.hedge
                        if prev.hedge is not None and prev.hedge == prev.cue
                        else None
                        if own is None
                        else self.span(*own)
                    )
                    found.append(
                        Attribution(
                            prev.source,
                            prev.cue,
                            content,
                            "direct",
                            prev.stance,
                            act,
                            hedge is not None,
                            self.span(a, b),
                            hedge,
                        )
                    )
            for x in found:
                if x.kind == "direct" and x.source is not None:
                    last_direct = (u, x)
            out.extend(found)
        return out

    def headline(self, a: int, b: int) -> bool:
        """Whether the unit is a headline: a whole line in title case, no full stop."""
        t = self.toks.text
        if t[b - 1] in '.!?”"’:':
            return False
        text = self.text
        s, e = self.toks.starts[a], self.toks.ends[b - 1]
        if (s > 0 and text[s - 1] != "\n") or (e < len(text) and text[e] not in "\r\n"):
            return False
        words = [w for w in t[a:b] if w[0].isalpha() and len(w) > 3]
        return bool(words) and sum(w[0].isupper() for w in words) * 2 >= len(words)

    # -- noun phrases
    def spaced(self, k: int) -> bool:
        """Whether token ``k`` stands apart from the tokens around it (" - ")."""
        toks = self.toks
        return (k == 0 or toks.starts[k] > toks.ends[k - 1]) and (
            k + 1 >= len(toks) or toks.starts[k + 1] > toks.ends[k]
        )

    def np_back(self, j: int, a: int) -> tuple[int, int] | None:
        """The noun phrase ending at token ``j`` (inclusive), not before ``a``."""
        t = self.toks.text
        low = self.toks.lower
        if j < a or not _wordlike(t[j]) or low[j] in _NP_STOP or low[j] in _NP_INNER:
            return None
        k = j
        n = 0
        while k >= a and n < 12:
            w = low[k]
            tk = t[k]
            if w == "-" and self.spaced(k):
                break  # "Breaking News - Kabul": a dash between words, not inside a name
            if w in ("’s", "'s", "-", "&") or (w == "." and k > a and low[k - 1] in _HONORIFICS):
                pass
            elif not _wordlike(tk) or w in _NP_STOP:
                break
            elif w == "and":
                if not (k - 1 >= a and t[k - 1][0].isupper() and t[k + 1][0].isupper()):
                    break
            elif w.endswith("ly") and w not in _LY_WORDS and tk[0].islower() and len(w) > 3:
                break
            else:
                cues = self.index.get(w)
                if (
                    cues is not None
                    and tk[0].islower()
                    and k < j
                    and any(c.tag in ("past", "s", "ing") for c in cues)
                ):
                    break
            k -= 1
            n += 1
        s0 = k + 1
        while s0 <= j and low[s0] in _NP_INNER:
            s0 += 1
        if s0 > j:
            return None
        return s0, j + 1

    def np_fwd(self, i: int, b: int) -> int:
        """The end (exclusive) of the noun phrase starting at token ``i``."""
        t = self.toks.text
        low = self.toks.lower
        k = i
        while k < b and k - i < 12:
            w = low[k]
            if w == "-" and self.spaced(k):
                break
            if w in ("’s", "'s", "-", "&", "of", "for"):
                k += 1
                continue
            if w == "." and k > i and low[k - 1] in _HONORIFICS:
                k += 1
                continue
            if not _wordlike(t[k]) or w in _NP_STOP:
                break
            if w == "and" and not (k + 1 < b and t[k + 1][0].isupper()):
                break
            k += 1
        while k > i and low[k - 1] in _NP_INNER:
            k -= 1
        return k

    # -- content
    def end_fwd(self, f: int, b: int, colon: bool) -> int:
        """Where the content starting at ``f`` ends: the unit's end or a clause boundary."""
        t = self.toks.text
        low = self.toks.lower
        inq = self.inq
        idx = self.index
        j = f
        while j < b:
            if inq[j] == 1:
                j += 1
                continue
            w = low[j]
            if w == ";" and not colon:
                return j
            if w == "," and j + 1 < b:
                nxt = low[j + 1]
                if nxt in _CLAUSE_BREAK or nxt == "according":
                    return j
                cues = idx.get(nxt)
                if cues and any(c.tag == "ing" for c in cues):
                    return j
                if nxt in ("a", "an") and j + 2 < b and low[j + 2] in _ANAPHOR_NOUNS:
                    return j
                # ", officials said" / ", said the minister": another attribution's frame
                k = self.np_fwd(j + 1, b)
                while k < b and low[k] in _AUX:
                    k += 1
                if k < b and t[k][0].islower():
                    c = self.match(k, b)
                    if c is not None and c.tag in ("past", "s") and c.entry.form != "prep":
                        return j
            if w in ("and", "but") and j > f:
                k = j + 1
                while k < b and (low[k] in _AUX or low[k].endswith("ly")):
                    k += 1
                if k < b and t[k][0].islower():
                    c = self.match(k, b)
                    if c is not None and c.tag in ("past", "s") and c.entry.form != "prep":
                        return j
                # "… and officials said …", ", and Kabul said …": a new attribution's frame
                if j + 1 < b and (
                    t[j - 1] == "," or low[j + 1] in _PRONOUNS or t[j + 1][0].islower()
                ):
                    k = self.np_fwd(j + 1, b)
                    if k > j + 1:
                        while k < b and (low[k] in _AUX or low[k].endswith("ly")):
                            k += 1
                        c = self.match(k, b) if k < b and t[k][0].islower() else None
                        if (
                            c is not None
                            and c.tag in ("past", "s")
                            and c.entry.form != "prep"
                            and c.entry.act != "agreement"
                        ):
                            return j
            j += 1
        return b

    def quote_before(self, k: int, a: int) -> tuple[int, int] | None:
        """The quote that closes just before token ``k`` (a comma or dash between)."""
        j = k - 1
        while j >= a and self.toks.text[j] in ",—–-":
            j -= 1
        if j >= a and self.inq[j] == 3:
            o = self.quote_end[j]
            return o, j
        return None

    # -- one unit
    def match(self, i: int, b: int) -> Cue | None:
        """The cue starting at token ``i``, if any."""
        cands = self.index.get(self.toks.lower[i])
        if cands is None:
            return None
        low = self.toks.lower
        for c in cands:
            n = len(c.words)
            if n == 1:
                return c
            if i + n <= b and tuple(low[i : i + n]) == c.words:
                return c
        return None

    def unit(self, a: int, b: int) -> list[Attribution]:
        toks = self.toks
        low = toks.lower
        inq = self.inq
        found: list[Attribution] = []
        unit_span: Span | None = None
        hedges = self.hedges
        # the hedging adverbs of the unit outside quotations ("allegedly", "reportedly")
        ma = self.modal_at
        q0 = bisect_left(ma, a)
        hedge_at = (
            [k for k in ma[q0 : bisect_left(ma, b, q0)] if low[k] in hedges and not inq[k]]
            if q0 < len(ma) and ma[q0] < b
            else []
        )
        cands = self.cands
        ci = bisect_left(cands, a)
        nc = len(cands)
        done = a
        while ci < nc:
            i = cands[ci]
            ci += 1
            if i >= b:
                break
            if i < done or inq[i]:
                continue
            cue = self.match(i, b)
            if cue is None:
                continue
            j = i + len(cue.words)
            if cue.entry.form in ("verb", "pverb") and not self.verb_ok(i, a, cue):
                continue
            if (
                found
                and cue.entry.frame not in ("clause", "tell")
                and (self.actions or cue.entry.act in _ACTS)
            ):
                # an action inside what someone else is reported to say is no attribution
                s = toks.starts[i]
                if any(x.content.start <= s < x.content.end for x in found):
                    continue
            if unit_span is None:
                unit_span = self.span(a, b)
            got = self.one(i, j, cue, a, b, found, unit_span, hedge_at)
            if got is not None:
                found.append(got)
            done = j
        if self.nouns:
            found += self.noun_cues(a, b, unit_span, hedge_at)
            found.sort(key=lambda x: x.cue.start)
        return found

    def noun_cues(
        self, a: int, b: int, unit: Span | None, hedge_at: list[int]
    ) -> list[Attribution]:
        """ "Al-Bashir's claim that …", "accusations from Kabul that …": a noun and its
        holder."""
        low = self.toks.lower
        out: list[Attribution] = []
        nouns = self.nouns
        for q in range(bisect_left(nouns, a), len(nouns)):
            i = nouns[q]
            if i >= b:
                break
            if self.inq[i]:
                continue
            src: tuple[int, int] | None = None
            f = i + 1
            t = self.toks.text
            if i - 1 > a and low[i - 1] in ("’s", "'s"):
                src = self.np_back(i - 2, a)
            elif f < b and low[f] in ("from", "by"):
                e = self.np_fwd(f + 1, b)
                if e > f + 1:
                    src = (f + 1, e)
                    f = e
            elif i - 1 > a and (
                t[i - 1][0].isupper() or (t[i - 1] == "." and t[i - 2][0].isupper())
            ):
                # "U.S. charges that …", "U.S. and British accusations that …"
                h = i - 1
                while h - 1 > a and (t[h - 1][0].isupper() or low[h - 1] in ("and", ".")):
                    h -= 1
                while low[h] in ("and", "."):
                    h += 1
                src = (h, i)
            if f >= b or low[f] != "that" or (f + 1 < b and low[f + 1] in _NP_STOP):
                continue  # no that-clause, or a relative one ("the claims that were made")
            if src is None and low[i] not in _HOLDERLESS:
                continue
            end = self.end_fwd(f + 1, b, False)
            c0, c1 = self.trimmed(f + 1, end)
            if c1 - c0 < 3:
                continue
            if unit is None:
                unit = self.span(a, b)
            act, stance = _NOUN_CUES[low[i]]
            content = self.span(c0, c1)
            hedge = self.hedge_near(i, hedge_at) or self.modal(c0, c1)
            out.append(
                Attribution(
                    None if src is None else self.span(*src),
                    self.span(i, i + 1),
                    content,
                    "indirect",
                    stance,
                    act,
                    hedge is not None,
                    unit,
                    None if hedge is None else self.span(*hedge),
                )
            )
        return out

    def verb_ok(self, i: int, a: int, cue: Cue) -> bool:
        """Whether the verb form at ``i`` is used as a verb here (not "the claim")."""
        low = self.toks.lower
        prev = low[i - 1] if i > a else ""
        if prev in _QUANTIFIERS and (cue.tag == "past" or cue.entry.cue in _BASE_VERBS):
            return True  # "some believe", "many said", "others argue"
        if prev in _DETS or prev[:1].isdigit():
            return False  # "the claim", "15 suspected militants"
        if (
            cue.tag in ("s", "base")
            and cue.entry.cue not in _BASE_VERBS
            and len(cue.words) == 1
            and i + 1 < len(low)
            and (
                low[i + 1] in _NOUN_NEXT
                or low[i + 1] in ",."
                or (low[i + 1].endswith("ing") and self.toks.text[i + 1][0].islower())
            )
        ):
            # "reports about", "suspects remain", "the 2001 attacks, …", "reports claiming"
            return False
        if cue.tag == "base":
            if prev == "to":
                return False
            if (
                prev not in _BASE_OK_BEFORE
                and not (
                    prev.endswith("s") and prev.isalpha() and self.toks.text[i - 1][0].islower()
                )
                # "police say", "Officials say": a verb that is no noun, after its subject
                and not (cue.words[0] in _BASE_VERBS and _wordlike(self.toks.text[i - 1]))
            ):
                return False
        # "the United States", "Said" opening a sentence: a name or a capital, no cue
        return not (self.toks.text[i][0].isupper() and (i > a or cue.tag != "ing"))

    def one(
        self,
        i: int,
        j: int,
        cue: Cue,
        a: int,
        b: int,
        found: list[Attribution],
        unit: Span,
        hedge_at: list[int],
    ) -> Attribution | None:
        e = cue.entry
        toks = self.toks
        low = toks.lower
        t = toks.text
        stance: Stance = e.stance  # type: ignore[assignment]
        act = e.act
        hedge: tuple[int, int] | None = (i, j) if e.hedged else None
        kind: Kind = "indirect"
        src: tuple[int, int] | None = None
        content: tuple[int, int] | None = None

        if e.form == "prep":
            kind = "according-to"
            s1 = self.np_fwd(j, b)
            if s1 == j:
                return None
            src = (j, s1)
            at_start = i == a or (i > a and t[i - 1] in ",—(")
            before = self.trimmed(a, i)
            if s1 < b and t[s1] == "," and (i == a or before[1] - before[0] < 4):
                c0 = s1 + 1
                content = self.trimmed(c0, self.end_fwd(c0, b, False))
            elif at_start and i > a:
                content = before
            else:
                return None
        else:
            # the auxiliaries and adverbs before the cue
            k = i - 1
            negated = -1  # the negation before the cue ("did not deny"), if any
            while k >= a:
                w = low[k]
                if w in _AUX or (
                    w.endswith("ly") and w not in _LY_WORDS and len(w) > 3 and t[k][0].islower()
                ):
                    if w in _NEG:
                        negated = k
                    if hedge is None and w in self.hedges:
                        hedge = (k, k + 1)  # "reportedly told"
                    k -= 1
                    continue
                break
            if e.form != "fixed" and cue.tag in ("past", "pp"):
                if any(low[x] in _BE for x in range(k + 1, i)):
                    return self.passive(i, j, k, cue, a, b, unit, hedge)
                if j < b and low[j] == "by":
                    return None  # "a deal proposed by the president"
            progressive = cue.tag == "ing" and any(low[x] in _BE for x in range(k + 1, i))
            if (
                not self.actions
                and e.act in ("agreement", "offer", "rejection", "commitment")
                and j < b
                and low[j] == "to"
            ):
                return None  # "agreed to extend the ceasefire": an act, not speech
            if negated >= 0:
                if negated > a and low[negated - 1] in _CONTRACTED:
                    negated -= 1  # "wouldn't say"
                hedge = hedge or (negated, j)
                if stance == "denies":  # "did not deny": no denial, an unsure assertion
                    stance = "asserts"
                    act = "claim" if act == "denial" else act
            fwd = j
            rel_content: tuple[int, int] | None = None
            if k >= a and low[k] in _PRONOUNS and low[k] != "who":
                src = (k, k + 1)
            elif k >= a and low[k] in ("and", "but", "or") and found and found[-1].source:
                prev = found[-1]
                src = self.tok_range(cast(Span, prev.source))  # a source: tested above
            elif cue.tag == "ing" and not progressive and k >= a and t[k] == ",":
                if e.act in ("demand", "offer", "agreement", "proposal", "commitment"):
                    return None  # ", demanding better pay": what they do, not what they say
                if found and found[-1].source is not None:
                    src = self.tok_range(found[-1].source)
                else:
                    e0 = self.np_fwd(a, b)
                    if e0 == a:
                        return None
                    src = (a, e0)
            elif cue.tag == "ing" and not progressive:
                # "news reports claiming …", "a statement deploring …": the text says it
                if not (k >= a and low[k] in _SAYING_NOUNS):
                    return None
                src = self.np_back(k, a)
                if src is None:
                    return None
            else:
                src = self.np_back(k, a) if k >= a else None
                if src is not None and low[src[1] - 1] in _TIMES:
                    src = self.before_time(src, a)
                if src is None and k >= a and t[k] == ",":
                    appos = self.np_back(k - 1, a)
                    if appos is not None:
                        p0 = appos[0] - 1
                        if p0 >= a and low[p0] in ("with", "of", "from", "at", "for"):
                            p0 -= 1
                        if p0 >= a and t[p0] == ",":
                            name = self.np_back(p0 - 1, a)
                            if name is not None:
                                src = (name[0], k)
                if src is None and k >= a and t[k] == ",":
                    src = self.before_aside(k, a)
                if src is None and (k < a or t[k] in ',”"’:—»'):
                    s1 = self.np_fwd(j, b)
                    if s1 > j and (s1 >= b or t[s1] in ",.;!?"):
                        src = (j, s1)
                        fwd = s1
                if src is None:
                    return None
                # ", a claim Pakistan's officials have dismissed": the claim is the content
                s0, s1 = src
                if (
                    low[s0] in ("a", "an", "the", "this", "that")
                    and s1 - s0 > 2
                    and s0 > a
                    and t[s0 - 1] in ",—"
                ) and low[s0 + 1] in _ANAPHOR_NOUNS:
                    r0 = s0 + 2
                    if low[r0] in ("that", "which"):
                        r0 += 1
                    if r0 < s1:
                        src = (r0, s1)
                        rel_content = (s0, s0 + 2)
            if rel_content is not None:
                content = rel_content
            else:
                content, kind, ok = self.content_of(fwd, src, i, a, b, e.frame)
                if not ok:
                    return None
        if content is None or content[1] <= content[0] or src is None:
            return None
        cspan = self.span(*content)
        if kind != "direct" and self.mostly_quoted(*content):
            kind = "direct"
        lead = _lead_act(cspan.text)
        if lead is not None:
            act = lead
        elif kind != "direct" and act == "claim" and self.obliges(*content):
            act = "demand"
        if act == "characterization" and _NEG_EVAL.search(cspan.text):
            stance = "denies"
        hedge = hedge or self.hedge_near(i, hedge_at) or self.modal(*content)
        return Attribution(
            self.span(*src),
            self.span(i, j),
            cspan,
            kind,
            stance,
            act,
            hedge is not None,
            unit,
            None if hedge is None else self.span(*hedge),
        )

    def before_aside(self, k: int, a: int) -> tuple[int, int] | None:
        """The subject before an aside that ends at the comma ``k``: "the company, which
        reported a loss, said", "the official, speaking on condition of anonymity, said"."""
        t = self.toks.text
        low = self.toks.lower
        p = k - 1
        while p > a and k - p < 20 and t[p] != "," and not self.inq[p]:
            p -= 1
        if p <= a or t[p] != "," or p + 1 >= k:
            return None
        w = low[p + 1]
        if w not in ("who", "which") and not (w.endswith("ing") and t[p + 1][0].islower()):
            return None
        return self.np_back(p - 1, a)

    def before_time(self, src: tuple[int, int], a: int) -> tuple[int, int]:
        """A source without the time after it: "officials last week", "the faction on
        Tuesday" (whose subject is before "on")."""
        low = self.toks.lower
        s0, s1 = src
        e = s1 - 1
        if e > s0 and low[e - 1] in _TIME_LEAD:
            return s0, e - 1  # "officials last week"
        if e == s0 and s0 - 1 > a and low[s0 - 1] in _TIME_LEAD:
            return self.np_back(s0 - 2, a) or src  # "the faction on Tuesday"
        return src

    def passive(
        self,
        i: int,
        j: int,
        k: int,
        cue: Cue,
        a: int,
        b: int,
        unit: Span,
        hedge: tuple[int, int] | None,
    ) -> Attribution | None:
        """A passive cue: "the report was challenged by Mr. Babitsky" (the source after
        ``by``, the subject the content), "they are reported to have …" (no source)."""
        low = self.toks.lower
        e = cue.entry
        src: tuple[int, int] | None = None
        g = j  # "by", also after a place: "was challenged in Moscow by …"
        if j + 2 < b and low[j] in ("in", "on", "at") and low[j + 2] == "by":
            g = j + 2
        if g < b and low[g] == "by":
            s1 = self.np_fwd(g + 1, b)
            if s1 == g + 1:
                return None
            src = (g + 1, s1)
            if s1 < b and low[s1] == "that":  # "was told by officials that …"
                content = self.trimmed(s1 + 1, self.end_fwd(s1 + 1, b, False))
            else:
                subject = self.np_back(k, a) if k >= a else None
                if subject is None or low[subject[0]] in _PRONOUNS:
                    return None
                content = subject
        elif (
            j < b
            and low[j] == "to"
            and cue.words[0] in self._passive_forms()
            and e.stance != "denies"
        ):
            content = self.trimmed(j, self.end_fwd(j, b, False))  # "is said to …"
        else:
            return None  # "was agreed": an agentless passive says nobody
        if content[1] - content[0] < 2:
            return None
        return Attribution(
            None if src is None else self.span(*src),
            self.span(i, j),
            self.span(*content),
            "indirect",
            e.stance,  # type: ignore[arg-type]  # a Stance: the lexicon is checked on load
            e.act,
            hedge is not None,
            unit,
            None if hedge is None else self.span(*hedge),
        )

    @staticmethod
    @lru_cache(maxsize=1)
    def _passive_forms() -> frozenset[str]:
        return frozenset(
            f
            for lemma in _PASSIVE_NO_AGENT
            for f, tag in inflections(lemma).items()
            if tag in ("past", "pp")
        )

    @staticmethod
    def hedge_near(i: int, hedge_at: list[int]) -> tuple[int, int] | None:
        """The hedging adverb of the unit nearest to token ``i``, if there is one."""
        if not hedge_at:
            return None
        k = min(hedge_at, key=lambda x: abs(x - i))
        return k, k + 1

    def obliges(self, c0: int, c1: int) -> bool:
        """Whether a content says what must be: "should", "must", "has to", "needs to"."""
        low = self.toks.lower
        at = self.must_at
        for q in range(bisect_left(at, c0), len(at)):
            x = at[q]
            if x >= c1:
                return False
            if low[x] in _MUST or (x + 1 < c1 and low[x + 1] == "to"):
                return True
        return False

    def modal(self, c0: int, c1: int) -> tuple[int, int] | None:
        """A hedge inside a content: "may have", "might", "could have", "possibly".

        Not "may have to" (an obligation), nor "May" (the month).
        """
        low = self.toks.lower
        t = self.toks.text
        hedges = self.hedges
        at = self.modal_at
        for q in range(bisect_left(at, c0), len(at)):
            x = at[q]
            if x >= c1:
                break
            w = low[x]
            if w in hedges:
                return x, x + 1
            if w not in _MODALS or t[x][0] != w[0]:
                continue
            nxt = low[x + 1] if x + 1 < c1 else ""
            if nxt in ("have", "well", "not", "be"):
                if x + 2 < c1 and low[x + 2] == "to":
                    continue  # "may have to"
                return x, x + 2
            if w != "could" and nxt.isalpha() and nxt not in _NOT_AFTER_MODAL:
                return x, x + 1
        return None

    def tok_range(self, s: Span) -> tuple[int, int]:
        starts = self.toks.starts
        return bisect_left(starts, s.start), bisect_left(starts, s.end)

    def mostly_quoted(self, i: int, j: int) -> bool:
        inside = sum(1 for k in range(i, j) if self.inq[k])
        return inside * 10 >= (j - i) * 8

    def quote_after(self, f: int, b: int) -> tuple[int, int] | None:
        """The (trimmed) quotation opening at ``f``, past a ``,``, ``:``, ``that`` or dash."""
        low = self.toks.lower
        g = f
        while g < b and low[g] in (",", ":", "that", "—"):
            g += 1
        if g < b and self.inq[g] == 2:
            o, c = self.quote_at[g]
            return self.trimmed(o + 1, c)
        return None

    def content_of(
        self, f: int, src: tuple[int, int], i: int, a: int, b: int, frame: str
    ) -> tuple[tuple[int, int] | None, Kind, bool]:
        """The content of the cue at ``i`` whose words end before ``f``: (span, kind, ok)."""
        low = self.toks.lower
        t = self.toks.text
        inq = self.inq
        while f < b and low[f].endswith("ly") and low[f] not in _LY_WORDS and len(low[f]) > 3:
            f += 1
        # a quotation right after the cue: said: “…” (after its listener: told reporters: “…”)
        quoted = self.quote_after(f, b)
        if quoted is not None:
            return quoted, "direct", True
        if frame == "tell":
            h = self.np_fwd(f, b)
            if h > f:
                f = h
                quoted = self.quote_after(f, b)
                if quoted is not None:
                    return quoted, "direct", True
        complement = False
        for x in range(f, min(b, f + 8)):
            if low[x] == "that" and frame == "np" and x > f:
                break  # "denied the claims that …": the noun and its clause are the object
            if low[x] == "that":
                f = x + 1
                complement = True
                break
            if not _wordlike(t[x]) or (low[x] in _NP_STOP and x > f):
                break
        colon = False
        if f < b and t[f] == ":":
            f += 1
            colon = complement = True
        # nothing after the cue but a time or an addressee: the content came before
        post = f >= b or t[f] in ".,;!?" or inq[f] == 3
        if not post and low[f] in _TIME_START:
            x = f
            while (
                x < b
                and x - f < 9
                and (
                    _wordlike(t[x])
                    # "in a statement U.S. troops …": the full stop of an abbreviation
                    or (t[x] == "." and x + 1 < b and _wordlike(t[x + 1]))
                )
            ):
                x += 1
            post = x >= b or t[x] in ".,;!?"
        if post and not complement:
            q = self.quote_before(src[0] if src[0] < i else i, a)
            if q is not None:
                return self.trimmed(q[0] + 1, q[1]), "direct", True
            s = src[0] if src[0] < i else i
            if s - 1 >= a and t[s - 1] in ",—":
                c0, c1 = self.trimmed(a, s - 1)
                if c1 - c0 >= 3:
                    return (c0, c1), "indirect", True
            if f >= b or not _wordlike(t[f]) or frame == "that":
                return None, "indirect", False
            # nothing before it either: what looked like a time opens the content
        if frame == "that" and not complement:
            return None, "indirect", False
        end = self.end_fwd(f, b, colon)
        c0, c1 = self.trimmed(f, end)
        if c1 - c0 < 2:
            return None, "indirect", False
        return (c0, c1), "indirect", True


def _lead_act(content: str) -> str | None:
    """A speech act the content's first words make ("Let's hope …" → hope)."""
    if content[:1] not in "LlWwIi":
        return None
    for rx, act in _LEAD_ACTS:
        if rx.match(content):
            return act
    return None
