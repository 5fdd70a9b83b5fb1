"""The pages of docs/formats/: their Python examples run, and each says what it loses.

(tests/test_docs.py runs the code of the top-level pages; these pages sit one level down.)
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs" / "formats").glob("*.md"))
FORMAT_PAGES = [p for p in PAGES if p.name != "index.md"]
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.M | re.S)


def test_there_is_a_page_per_format() -> None:
    from claimgraph.formats import FORMATS

    names = {p.stem for p in FORMAT_PAGES}
    expected = {"tables" if f == "csv" else f for f in FORMATS}
    assert expected <= names
    index = (ROOT / "docs" / "formats" / "index.md").read_text(encoding="utf-8")
    for page in FORMAT_PAGES:
        assert f"({page.name})" in index, f"index.md does not link {page.name}"


@pytest.mark.parametrize("page", FORMAT_PAGES, ids=lambda p: p.name)
def test_each_page_says_what_is_lost(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "## What is lost" in text
    assert "## Example" in text or "## Importing" in text


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_python_examples_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = _BLOCK.findall(page.read_text(encoding="utf-8"))
    if not blocks:
        pytest.skip(f"{page.name} has no Python example")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for i, code in enumerate(blocks):
        try:
            exec(compile(code, f"{page.name}[block {i}]", "exec"), namespace)  # noqa: S102
        except Exception as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{page.name}, Python block {i}: {type(exc).__name__}: {exc}")
    assert os.getcwd() == str(tmp_path)
    capsys.readouterr()
