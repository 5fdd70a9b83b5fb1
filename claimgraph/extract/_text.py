"""A small tokenizer, sentence splitter and quotation finder for news text.

Everything works on character offsets into the original text, so that every span the
extractor returns can be checked against it. Regular expressions only; no model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Tokens", "prefix_end", "quotes", "sentences", "tokenize"]

_TOKEN_RE = re.compile(
    r"[^\W_]+(?:[-‐‑.][^\W_]+)*"  # words, with inner hyphens and dots (U.S, 3.5, cross-border)
    r"|[’'](?:s|t|re|ve|ll|d|m)\b"  # clitics: Pakistan’s, don’t
    r"|\S"
)


@dataclass(slots=True)
class Tokens:
    """The tokens of a text as parallel lists: start and end offsets, text, lower case."""

    starts: list[int]
    ends: list[int]
    text: list[str]
    lower: list[str]

    def __len__(self) -> int:
        return len(self.starts)


def tokenize(text: str) -> Tokens:
    """Split ``text`` into words, clitics and punctuation, keeping their offsets.

    Examples
    --------
    >>> tokenize("Pakistan’s ministry said, “No.”").text
    ['Pakistan', '’s', 'ministry', 'said', ',', '“', 'No', '.', '”']
    """
    ms = list(_TOKEN_RE.finditer(text))
    words = [m.group() for m in ms]
    return Tokens(
        [m.start() for m in ms], [m.end() for m in ms], words, list(map(str.lower, words))
    )


TITLES = frozenset(
    [
        "adm",
        "capt",
        "col",
        "dr",
        "gen",
        "gov",
        "lt",
        "maj",
        "mr",
        "mrs",
        "ms",
        "prof",
        "rep",
        "rev",
        "sen",
        "sgt",
        "st",
    ]
)
"""Titles before a name (\"Mr.\", \"Gen.\"): their full stop ends no sentence."""
_ABBREVIATIONS = TITLES | frozenset(
    [
        "al",
        "approx",
        "apr",
        "aug",
        "ave",
        "blvd",
        "bros",
        "cmdr",
        "co",
        "corp",
        "dec",
        "dept",
        "est",
        "etc",
        "feb",
        "fig",
        "gov't",
        "inc",
        "jan",
        "jr",
        "jul",
        "jun",
        "ltd",
        "mar",
        "no",
        "nov",
        "oct",
        "sep",
        "sept",
        "sr",
        "univ",
        "vs",
    ]
)
_END_RE = re.compile(r"[.!?]+[”\"’»)\]]*(?=\s)|\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` character offsets (whitespace trimmed).

    A line break always ends a sentence (headlines and paragraphs); a full stop does unless
    it ends an abbreviation ("Nov.", "Mr.") or an initial, or a lower-case word follows.

    Examples
    --------
    >>> t = "Talks began on Nov. 6 in Istanbul. Mr. Asif spoke.\\nNext"
    >>> [t[a:b] for a, b in sentences(t)]
    ['Talks began on Nov. 6 in Istanbul.', 'Mr. Asif spoke.', 'Next']
    """
    out: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _END_RE.finditer(text):
        end = m.end()
        if m.group() != "\n":
            dot = m.start()
            if text[dot] == ".":
                w = text[text.rfind(" ", max(0, dot - 12), dot) + 1 : dot].lstrip("(“\"‘'")
                if w.lower() in _ABBREVIATIONS or (len(w) == 1 and w.isupper()):
                    continue
            j = end
            while j < n and text[j] in " \t":
                j += 1
            if j < n and text[j] != "\n":
                c = text[j]
                if not (c.isupper() or c.isdigit() or c in '“"‘«([—-'):
                    continue
        _add(text, start, end, out)
        start = end
    _add(text, start, n, out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


_OPEN_CLOSE = {"“": "”", "«": "»", "‘": "’", '"': '"', "„": "“"}


def quotes(text: str) -> list[tuple[int, int]]:
    """The outermost quotations of ``text`` as ``(start, end)`` offsets of their marks.

    Curly (“…”), straight ("…"), single curly (‘…’) and guillemet («…») quotes; a quote
    left open at the end of a paragraph goes on when the next paragraph opens with a quote
    mark (the news convention for a quotation of several paragraphs). A ’ inside a word or
    after an ``s`` ("Afghans’ view") is an apostrophe, not a closing mark. A “ may be closed
    by a straight " and the other way round (text pasted from several sources); a “, « or "
    that is never closed runs to the end of its paragraph (its ``end`` is there, with no
    closing mark), so that the words inside are still the quoted speaker's.

    Examples
    --------
    >>> t = 'He said “no, ‘never’ again.” Then "yes".'
    >>> [t[a:b] for a, b in quotes(t)]
    ['“no, ‘never’ again.”', '"yes"']
    >>> t = 'He said: “We said no.\\nThey left.'
    >>> [t[a:b] for a, b in quotes(t)]
    ['“We said no.']
    """
    out: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    find = text.find
    while i < n:
        j = _next_open(text, i)
        if j < 0:
            break
        close = _OPEN_CLOSE[text[j]]
        other = _OTHER_CLOSE.get(text[j])
        k = j + 1
        end = -1
        while True:
            nl = find("\n", k)
            stop = n if nl < 0 else nl
            c = _find_close(text, k, close) if close == "’" else find(close, k, stop)
            if c < 0 and other is not None:
                c = find(other, k, stop)
            if c >= 0 and c < stop:
                end = c + 1
                break
            if nl < 0:
                break
            # unclosed at the end of the paragraph: does the next one open with a quote?
            p = nl
            while p < n and text[p].isspace():
                p += 1
            if p < n and text[p] == text[j] and close != "’":
                k = p + 1
                continue
            break
        if end < 0:
            if close == "’" or not _opens_unclosed(text, j):
                i = j + 1
                continue
            end = _para_end(text, k)  # never closed: the rest of its paragraph
        if end - j > 2:
            out.append((j, end))
        i = end
    return out


_OTHER_CLOSE = {"“": '"', '"': "”"}


def _opens_unclosed(text: str, j: int) -> bool:
    """Whether the mark at ``j`` that is never closed opens a quotation all the same: a “
    or « always, a straight " after a space, a colon or the line's start, before a word."""
    if text[j] != '"':
        return True
    before = text[j - 1] if j else "\n"
    after = text[j + 1] if j + 1 < len(text) else " "
    return (before.isspace() or before in ":(") and after.isalnum()


def _para_end(text: str, k: int) -> int:
    """The end of the paragraph ``k`` is in, without its trailing spaces."""
    nl = text.find("\n", k)
    e = len(text) if nl < 0 else nl
    while e > k and text[e - 1].isspace():
        e -= 1
    return e


_OPEN_RE = re.compile(r"[“«\"„]|(?:(?<=^)|(?<=[\s(\[—–-]))‘")


def _next_open(text: str, i: int) -> int:
    m = _OPEN_RE.search(text, i)
    return -1 if m is None else m.start()


def _find_close(text: str, k: int, close: str) -> int:
    """The next ’ from ``k`` that closes a quote: not inside a word."""
    n = len(text)
    while True:
        c = text.find(close, k)
        if c < 0:
            return -1
        after = text[c + 1] if c + 1 < n else " "
        if not after.isalpha():
            return c
        k = c + 1


_PREFIX_RE = re.compile(r"([^\n]{1,80}?)[ \t]+[-–—][ \t]+(?=[A-Z“\"‘«])")
_PREFIX_WORD = re.compile(r"[(),]*(?:[A-Z][\w’'.\-]*|\d[\w,.:/]*|of|and|de|al|el|la)[(),:]*$")


def prefix_end(text: str, start: int) -> int:
    """Where a line starting at ``start`` begins after a greeting or a dateline prefix.

    A prefix is a few words in title case or capitals, with dates and a parenthesised
    agency, before a spaced dash: "Assalamu Alaikum - ", "ISLAMABAD (Reuters) - ",
    "KABUL, Nov. 5 — ". It names nobody who speaks, so no source may run into it.
    ``start`` itself when the line has none.

    Examples
    --------
    >>> t = "ISLAMABAD, Nov. 5 (AP) - Pakistan said no."
    >>> t[prefix_end(t, 0):]
    'Pakistan said no.'
    >>> prefix_end("The deal - signed today - holds.", 0)
    0
    """
    head = text[start : start + 84]
    if "- " not in head and "– " not in head and "— " not in head:
        return start  # no spaced dash: no prefix (the common case, decided in C)
    m = _PREFIX_RE.match(text, start)
    if m is None:
        return start
    words = m.group(1).split()
    if len(words) > 8 or not all(_PREFIX_WORD.match(w) for w in words):
        return start
    return m.end()
