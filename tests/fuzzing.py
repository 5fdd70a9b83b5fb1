"""Shared settings for the loader fuzz tests (issue 10).

Every fuzz test uses :data:`FUZZ`: a few hundred examples by default (what CI runs), more
when ``CLAIMGRAPH_FUZZ_EXAMPLES`` is set, e.g.::

    CLAIMGRAPH_FUZZ_EXAMPLES=10000 pytest -m fuzz

Fuzz tests carry the ``fuzz`` marker so they can be selected (``-m fuzz``) or left out
(``-m "not fuzz"``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("CLAIMGRAPH_FUZZ_EXAMPLES", "300"))
"""How many examples each fuzz test tries."""

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=bool(os.environ.get("CI")),
)
"""The hypothesis settings of every fuzz test."""

REFUSED = "".join(map(chr, [*range(9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF]))
"""The code points the models refuse in text (besides lone surrogates): the C0 controls
other than tab, newline and carriage return, and U+FFFE/U+FFFF (see ``test_text_fields``)."""

TEXT_CHARS = st.characters(exclude_categories=["Cs"], exclude_characters=REFUSED)
"""Any character a text field accepts."""
