"""Where the tests find the shared data: ``../shared`` beside the repository root.

The project's read-only test data (the ASPARTIX/ICCMA suite, the AIFdb map, the book-author
truth-discovery data) lives in a ``shared/`` folder next to the checkout, never at an
absolute path. A test that needs it calls :func:`require`: where the data is missing it
skips locally, but **fails** when ``CI`` is set, so a CI run cannot pass while silently
leaving the conformance suites out.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
"""The repository root."""

SHARED = ROOT.parent / "shared"
"""The shared data folder, ``../shared`` from the repository root."""


def shared(*parts: str) -> Path:
    """The path of ``parts`` inside the shared data folder (which may not exist)."""
    return SHARED.joinpath(*parts)


def require(path: Path) -> Path:
    """``path`` if it exists; otherwise skip the test, or fail it when ``CI`` is set."""
    if path.exists():
        return path
    message = f"shared test data not found: {path} (expected ../shared beside the checkout)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
