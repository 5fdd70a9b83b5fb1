"""Drafting: the attributions of a news text, and a draft graph an analyst corrects.

:func:`attributions` finds who said what — a ``source``, a reporting ``cue`` and the
attributed ``content``, each a :class:`Span` of character offsets into the text — for direct
quotations and for reported speech ("X said that …", "according to X, …", "X denied …").
:func:`draft` turns them into actors, propositions and statements; :func:`draft_yaml` writes
that draft as a YAML authoring file with a comment above each statement quoting its sentence.

Rules over a regular-expression tokenizer and a lexicon of reporting cues
(``claimgraph/extract/lexicon.tsv``); no model, nothing downloaded.

Examples
--------
>>> from claimgraph.extract import attributions
>>> [(a.source.text, a.cue.text, a.content.text) for a in attributions(
...     "According to the ministry, the border is closed.")]
[('the ministry', 'According to', 'the border is closed')]
"""

from __future__ import annotations

from ._draft import draft, draft_yaml
from ._lexicon import Entry, entries
from ._rules import Attribution, Span, attributions

__all__ = ["Attribution", "Entry", "Span", "attributions", "draft", "draft_yaml", "entries"]
