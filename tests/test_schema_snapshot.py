"""The JSON Schemas of the file formats are pinned: a change to them shows in review.

A deliberate change to the native or the YAML format regenerates the snapshots with
``CLAIMGRAPH_UPDATE_SNAPSHOTS=1 pytest tests/test_schema_snapshot.py`` and comes with a
CHANGELOG entry (and, if old files no longer load, a new format version and a migration).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import claimgraph as cg

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_the_file_format_schema_is_the_pinned_one(fmt: str) -> None:
    current = json.dumps(cg.schema(fmt), indent=2, sort_keys=True, ensure_ascii=False) + "\n"  # type: ignore[arg-type]
    path = SNAPSHOTS / f"schema-{fmt}.json"
    if os.environ.get("CLAIMGRAPH_UPDATE_SNAPSHOTS"):
        path.write_text(current, encoding="utf-8")
    assert path.is_file(), f"no snapshot {path.name}: run with CLAIMGRAPH_UPDATE_SNAPSHOTS=1"
    assert current == path.read_text(encoding="utf-8"), (
        f"the {fmt} file format's schema changed: if that is meant, regenerate the snapshot"
        " (CLAIMGRAPH_UPDATE_SNAPSHOTS=1) and record the change in CHANGELOG.md"
    )
