"""One normalisation of wording, used everywhere wordings and names are matched.

A proposition's wording arrives through the YAML authoring format, native JSON, Python,
sheets and every importer of :mod:`claimgraph.formats`. Two wordings are *the same* when
their :func:`normalize_text` is equal, wherever they came from:

1. Unicode NFKC (compatibility forms: full-width letters, ligatures, the no-break space);
2. typographic quotes and dashes as their ASCII forms (``’`` → ``'``, ``“`` → ``"``,
   ``–`` → ``-``), and invisible characters (zero-width spaces, soft hyphens) removed;
3. every run of white space as one space;
4. apostrophes removed (``Kabul's`` is ``Kabuls``, as people type it);
5. outer punctuation stripped: spaces, ``. , ; : ! ?``, the ellipsis and quotation marks at
   either end (brackets stay: ``[deleted]`` is not ``deleted``);
6. case folded (:meth:`str.casefold`).

Other punctuation *inside* a wording is kept: "Talks, then peace" and "Talks then peace"
are two wordings. Nothing is matched beyond this automatically.

:func:`slugify` makes the readable ids (``government-of-turkiye``), and :func:`unique_slug`
the readable ids an import gives the records it creates, unique among the ids in use.

Examples
--------
>>> from claimgraph.wording import normalize_text
>>> normalize_text("Pakistan rejected Kabul’s offer.") == normalize_text(
...     "  pakistan  rejected kabul's offer")
True
>>> normalize_text("Talks, then peace.") == normalize_text("Talks then peace.")
False
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Container

__all__ = ["normalize_text", "slugify", "unique_slug"]

_SLUG_RE = re.compile(r"[^a-z0-9]+")
_SPACE_RE = re.compile(r"\s+")
_FOLD = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′ (prime)
        "\u02bc": "'",  # ʼ (modifier letter apostrophe)
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2212": "-",  # minus sign
        "\u200b": None,  # zero-width space
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
        "\u2060": None,  # word joiner
        "\ufeff": None,  # zero-width no-break space (a stray byte-order mark)
        "\u00ad": None,  # soft hyphen
    }
)
OUTER_PUNCTUATION = " .,;:!?…\"'«»‹›"
"""What :func:`normalize_text` strips from both ends (after quotes are folded to ASCII;
apostrophes are removed anywhere)."""


def normalize_text(text: str) -> str:
    """The one normalised form of a wording or a name, by which they are matched.

    NFKC, typographic quotes and dashes as ASCII, invisible characters and apostrophes
    removed, white space collapsed, outer punctuation (:data:`OUTER_PUNCTUATION`)
    stripped, case folded; see :mod:`claimgraph.wording`.

    Examples
    --------
    >>> normalize_text("  Militants are  sheltered on Afghan soil. ")
    'militants are sheltered on afghan soil'
    >>> normalize_text("“Ｆalse and misleading”")
    'false and misleading'
    """
    if text.isascii():  # NFKC and the folding table change no ASCII text: skip them
        folded = text.replace("'", "")
    else:
        folded = unicodedata.normalize("NFKC", text).translate(_FOLD).replace("'", "")
    return _SPACE_RE.sub(" ", folded).strip(OUTER_PUNCTUATION).casefold()


def slugify(text: str) -> str:
    """A lowercase ASCII slug of ``text`` (empty if nothing is left).

    Examples
    --------
    >>> slugify("Government of Türkiye")
    'government-of-turkiye'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_RE.sub("-", ascii_text.lower()).strip("-")[:80]


def _short(slug: str, limit: int) -> str:
    """``slug`` cut at a word boundary to at most ``limit`` characters."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1].rsplit("-", 1)[0]
    return cut if cut else slug[:limit]


def unique_slug(
    text: str, taken: Container[str], *, prefix: str = "", limit: int = 60, key: str = ""
) -> str:
    """A readable id for ``text``, not in ``taken``.

    The slug of ``text`` cut at a word boundary to ``limit`` characters (``prefix`` + a
    short hash when nothing readable is left). When that id is taken, a short hash of
    ``key`` (default: the normalised ``text``) is appended, so that the same content gets
    the same id on every import, whatever else is taken; only if that is taken too is
    a counter added.

    Examples
    --------
    >>> unique_slug("Militants are sheltered on Afghan soil.", set())
    'militants-are-sheltered-on-afghan-soil'
    >>> taken = {"militants-are-sheltered-on-afghan-soil"}
    >>> unique_slug("Militants, are sheltered on Afghan soil", taken)
    'militants-are-sheltered-on-afghan-soil-...'
    >>> unique_slug("!!!", set(), prefix="p-")
    'p-...'
    """
    base = _short(slugify(text), limit)
    if base and base not in taken:
        return base  # the common case: no hash to compute
    digest = hashlib.blake2b((key or normalize_text(text)).encode(), digest_size=3).hexdigest()
    base = f"{base}-{digest}" if base else prefix + digest
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
