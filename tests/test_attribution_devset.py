"""The attribution development set (tests/data/attributions) and its scorer.

The data checks fail when a span's offsets no longer give its text, when an article lacks
its licence, or when the counts in the README drift; the scorer checks pin the matching rule
of issue 15 on hand-made cases.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import extract_eval as ev  # noqa: E402
from tests.shared_data import require, shared  # noqa: E402

DATA = ROOT / "tests" / "data" / "attributions"
FILES = sorted(DATA.glob("*.json"))
MIN_ARTICLES = 26  # issue 15 asks for 20 or more; the README says what is still missing


@pytest.fixture(scope="module")
def docs() -> list[ev.Doc]:
    require(shared("seeds", "istanbul-talks-arabnews.txt"))
    return ev.load_devset(DATA)


def test_enough_articles() -> None:
    assert len(FILES) >= MIN_ARTICLES


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_article_metadata_and_licence(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["id"] == path.stem
    for key in ("title", "url", "licence", "attribution", "published", "excerpt"):
        assert key in data, key
    assert data["licence"].strip() and data["attribution"].strip()
    assert isinstance(data["excerpt"], bool)
    assert ("text" in data) != ("shared_text" in data)
    if "text" not in data:  # not an open licence: must not be copied here
        assert "not" in data["licence"]


def test_every_span_is_inside_its_text_and_gives_its_text(docs: list[ev.Doc]) -> None:
    n = 0
    for doc in docs:
        raw = json.loads((DATA / f"{doc.id}.json").read_text(encoding="utf-8"))
        for a in raw["attributions"]:
            assert a["kind"] in ev.KINDS
            assert a["stance"] in ("asserts", "denies", "neutral", None)
            for role in ("source", "cue", "content"):
                s = a[role]
                if s is None:
                    assert role == "source"
                    continue
                assert 0 <= s["start"] < s["end"] <= len(doc.text), (doc.id, s)
                assert doc.text[s["start"] : s["end"]] == s["text"], (doc.id, s)
                n += 1
    assert n > 100


def test_counts_per_kind(docs: list[ev.Doc]) -> None:
    kinds = Counter(a.kind for d in docs for a in d.gold)
    assert kinds["direct"] >= 10 and kinds["indirect"] >= 30
    assert kinds["indirect"] > kinds["direct"]  # most attributions in news are indirect


def test_the_builder_reproduces_the_files(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("devset_build", DATA / "build.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert {a["id"] for a in mod.ARTICLES} == {p.stem for p in FILES}


# ----------------------------------------------------------------------------- scorer
TEXT = "Smith said that the plan would fail, and Jones denied it."


def _att(content: tuple[int, int], source: tuple[int, int] | None = (0, 5)) -> dict:
    def sp(t: tuple[int, int] | None) -> dict | None:
        return None if t is None else {"start": t[0], "end": t[1]}

    return {"source": sp(source), "cue": sp((6, 10)), "content": sp(content)}


def _doc(*gold: dict, kind: str = "indirect") -> ev.Doc:
    return ev.Doc("t", TEXT, [ev.to_attribution({**g, "kind": kind}) for g in gold])


def test_exact_match_scores_one() -> None:
    doc = _doc(_att((16, 35)))
    r = ev.score(lambda t: [_att((16, 35))], [doc])
    assert (r["precision"], r["recall"], r["f1"], r["source_right"]) == (1.0, 1.0, 1.0, 1.0)
    assert r["per_kind"]["indirect"]["recall"] == 1.0


def test_half_of_the_shorter_is_the_boundary() -> None:
    gold = ev.Span(10, 20)
    assert ev.content_match(ev.Span(15, 40), gold)  # 5 of the shorter 10: exactly half
    assert not ev.content_match(ev.Span(16, 40), gold)  # 4 of 10
    assert ev.content_match(ev.Span(0, 100), gold)  # containing counts
    assert not ev.content_match(ev.Span(20, 30), gold)  # touching is no overlap


def test_wrong_source_still_matches_but_is_counted() -> None:
    doc = _doc(_att((16, 35), source=(0, 5)))
    r = ev.score(lambda t: [_att((16, 35), source=(40, 45))], [doc])
    assert r["f1"] == 1.0 and r["source_right"] == 0.0
    r = ev.score(lambda t: [_att((16, 35), source=None)], [doc])
    assert r["source_right"] == 0.0


def test_duplicates_match_once() -> None:
    doc = _doc(_att((16, 35)))
    r = ev.score(lambda t: [_att((16, 35)), _att((16, 34))], [doc])
    assert r["matches"] == 1 and r["precision"] == 0.5 and r["recall"] == 1.0


def test_greedy_prefers_the_larger_overlap() -> None:
    a, b = ev.to_attribution(_att((0, 30))), ev.to_attribution(_att((16, 35)))
    gold = [ev.to_attribution(_att((16, 35))), ev.to_attribution(_att((0, 12)))]
    assert ev.match([a, b], gold) == [(0, 1), (1, 0)]


def test_objects_with_attributes_are_accepted() -> None:
    from types import SimpleNamespace as NS

    pred = NS(source=NS(start=0, end=5), cue=NS(start=6, end=10), content=NS(start=16, end=35))
    r = ev.score(lambda t: [pred], [_doc(_att((16, 35)))])
    assert r["f1"] == 1.0 and r["source_right"] == 1.0


def test_baseline_runs_and_finds_direct_quotes(docs: list[ev.Doc]) -> None:
    r = ev.score(ev.direct_quote_baseline, docs)
    assert r["per_kind"]["direct"]["recall"] >= 0.5
    assert r["per_kind"]["indirect"]["recall"] < 0.5
    assert ev.main([]) == 0
