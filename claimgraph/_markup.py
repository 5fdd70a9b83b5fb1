"""Text from the data, put into markup safely: the one rule every HTML and Markdown output uses.

A claim is data, never markup. Every piece of text that comes from a record (a name, a
wording, a quote, a note, an id, a URL) goes through these functions before it is put into
HTML (:mod:`claimgraph.display`, the notebook views of the analyses, the network page) or
Markdown (:func:`claimgraph.report`):

- :func:`escape_html` escapes ``&``, ``<``, ``>`` and both quotes, for text and attributes.
- :func:`escape_markdown` makes text literal in Markdown: HTML characters become entities
  and Markdown's punctuation is backslash-escaped, so ``<img onerror=...>``, ``*bold*``,
  ``[link](javascript:...)`` all show as the characters they are, in python-markdown (as
  MkDocs uses) and in CommonMark renderers alike.
- :func:`safe_url` decides what may be a link target: only absolute ``http`` and ``https``
  URLs, read the way a browser reads them (leading and trailing controls and spaces
  stripped, tabs and newlines dropped, the scheme in any case). Anything else
  (``javascript:``, ``data:``, ``vbscript:``, relative paths) is shown as text, not linked.
- :func:`html_link` and :func:`markdown_link` apply that rule.

Examples
--------
>>> from claimgraph._markup import escape_markdown, html_link, markdown_link
>>> escape_markdown("<img src=x onerror=alert(1)> *not bold*")
'&lt;img src=x onerror=alert(1)&gt; \\\\*not bold\\\\*'
>>> markdown_link("Arab News", "https://www.arabnews.com/node/1")
'[Arab News](https://www.arabnews.com/node/1)'
>>> markdown_link("click", " JavaScript:alert(1)")
'click'
>>> html_link("x", "java\\tscript:alert(1)")
'x'
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote, urlsplit

__all__ = [
    "code_span",
    "escape_html",
    "escape_markdown",
    "html_link",
    "markdown_link",
    "safe_url",
]

LINK_SCHEMES = frozenset({"http", "https"})
"""The URL schemes that become links; every other URL is shown as text."""

_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")


def safe_url(url: str | None) -> str | None:
    """The URL to link to, or None when ``url`` must not be a link target.

    Only absolute ``http``/``https`` URLs with a host are linkable. The URL is first read
    as a browser reads it (the WHATWG URL standard): leading and trailing C0 controls and
    spaces are stripped and tabs and newlines removed, so ``" javascript:..."`` or
    ``"java\\tscript:..."`` cannot pass as something else.

    Examples
    --------
    >>> safe_url("HTTPS://example.org/a?b=1")
    'HTTPS://example.org/a?b=1'
    >>> safe_url("javascript:alert(1)") is None, safe_url("/relative") is None
    (True, True)
    >>> safe_url("https:/no-host") is None
    True
    """
    if not url:
        return None
    cleaned = _TAB_OR_NEWLINE.sub("", url.strip(_C0_AND_SPACE))
    scheme, sep, _ = cleaned.partition(":")
    if not sep or scheme.lower() not in LINK_SCHEMES:
        return None
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # e.g. an invalid IPv6 host
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return cleaned


def escape_html(value: object) -> str:
    """``value`` as HTML text or attribute value (``None`` is the empty string).

    Examples
    --------
    >>> escape_html('<b title="x">&</b>')
    '&lt;b title=&quot;x&quot;&gt;&amp;&lt;/b&gt;'
    """
    return "" if value is None else escape(str(value), quote=True)


def html_link(label: object, url: str | None) -> str:
    """An ``<a>`` to ``url`` showing ``label``, or the escaped label alone if ``url`` is unsafe.

    Examples
    --------
    >>> html_link("<Arab News>", "https://arabnews.com/?a=1&b=2")  # doctest: +NORMALIZE_WHITESPACE
    '<a href="https://arabnews.com/?a=1&amp;b=2" target="_blank"
    rel="noopener noreferrer">&lt;Arab News&gt;</a>'
    """
    href = safe_url(url)
    if href is None:
        return escape_html(label)
    return (
        f'<a href="{escape_html(href)}" target="_blank" rel="noopener noreferrer">'
        f"{escape_html(label)}</a>"
    )


# The characters that could start inline markup. Text never starts a line (line breaks in
# it become spaces and every report line begins with the report's own prefix), so what only
# means something at the start of a line (``-``, ``+``, ``1.``, ``>``) needs no escape.
# These are escaped with a backslash, which python-markdown and CommonMark both read as a
# literal (``{``/``}`` also defuse the attr_list extension MkDocs enables) ...
_MD_BACKSLASHED = frozenset("\\`*_{}[]#")
# ... and these are written as entities, which both renderers decode
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;"}
_LINE_BREAKS = re.compile("\r\n|[\n\r\v\f\x85\u2028\u2029]")
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]#&<>|~]")


def _md_char(m: re.Match[str]) -> str:
    c = m.group()
    return "\\" + c if c in _MD_BACKSLASHED else _MD_ENTITIES[c]


def escape_markdown(text: object) -> str:
    """``text`` as literal Markdown inline text: nothing in it becomes markup.

    Line breaks become spaces (a report line stays one line, and no text can start a
    block of its own). What a renderer then shows is the text itself.

    Examples
    --------
    >>> escape_markdown("# not a heading\\n- not a list [x](y)")
    '\\\\# not a heading - not a list \\\\[x\\\\](y)'
    """
    s = "" if text is None else str(text)
    return _MD_SPECIAL.sub(_md_char, _LINE_BREAKS.sub(" ", s))


def code_span(text: object) -> str:
    """``text`` as a Markdown code span whose fence no backtick in it can close.

    Examples
    --------
    >>> code_span("offer-rejected")
    '`offer-rejected`'
    >>> code_span("a`b")
    '``a`b``'
    """
    s = _LINE_BREAKS.sub(" ", "" if text is None else str(text))
    longest = max((len(run) for run in re.findall("`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}"


# what a Markdown link destination must not hold literally (it would end the link, open a
# title, or be read as markup); everything else, including existing %-escapes, is kept
_URL_SAFE = "/:?#&=%+@!$,;*-._~"


def markdown_link(label: object, url: str | None) -> str:
    """A Markdown link to ``url`` showing ``label``, or the escaped label if ``url`` is unsafe.

    The destination is percent-encoded where it would otherwise end the link or open a
    title (spaces, quotes, brackets, parentheses, backslashes, non-ASCII characters).

    Examples
    --------
    >>> markdown_link("[Dawn]", "https://dawn.com/a (b)")
    '[\\\\[Dawn\\\\]](https://dawn.com/a%20%28b%29)'
    >>> markdown_link("data", "data:text/html,<script>alert(1)</script>")
    'data'
    """
    href = safe_url(url)
    if href is None:
        return escape_markdown(label)
    return f"[{escape_markdown(label)}]({quote(href, safe=_URL_SAFE)})"
