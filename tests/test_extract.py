"""The drafting module: attributions of a news text, drafts, ``claimgraph draft``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from shared_data import require, shared

import claimgraph as cg
from claimgraph.cli import main
from claimgraph.extract import attributions, draft, draft_yaml

ROOT = Path(__file__).resolve().parents[1]


def _spans(text: str) -> list[tuple[str | None, str, str]]:
    return [
        (a.source.text if a.source else None, a.cue.text, a.content.text)
        for a in attributions(text)
    ]


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "According to the ministry, the border is closed.",
            ("the ministry", "According to", "the border is closed"),
        ),
        (
            "Pakistan's defense minister said that militants are sheltered in Afghanistan.",
            ("Pakistan's defense minister", "said", "militants are sheltered in Afghanistan"),
        ),
        (
            "Afghanistan denied the accusations.",
            ("Afghanistan", "denied", "the accusations"),
        ),
    ],
)
def test_attribution_patterns(text: str, want: tuple[str, str, str]) -> None:
    found = _spans(text)
    assert found[0][:2] == want[:2]
    assert want[2] in found[0][2]
    for a in attributions(text):  # every span is a slice of the text
        for span in (a.source, a.cue, a.content):
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_a_direct_quote_across_sentences_is_one_content() -> None:
    text = '"The delegation left today. Negotiations will start tomorrow," the minister said.'
    (a,) = attributions(text)
    assert a.kind == "direct" and a.cue.text == "said"
    assert a.content.text.startswith("The delegation left today. Negotiations")
    assert a.source is not None and a.source.text == "the minister"


def test_no_text_no_attributions_and_bad_input_is_refused() -> None:
    assert attributions("") == []
    assert attributions("The weather was fine on Tuesday.") == []
    with pytest.raises(cg.InvalidArgumentError):
        attributions(42)  # type: ignore[arg-type]
    with pytest.raises(cg.InvalidArgumentError):
        draft(None)  # type: ignore[arg-type]


def test_a_draft_links_a_denial_to_the_claim_it_answers() -> None:
    g = draft("Pakistan said militants are sheltered in Afghanistan. Afghanistan denied the claim.")
    (c,) = g.contradictions()
    assert c.kind == "dispute" and c.sides == ("afghanistan", "pakistan")
    denial = next(s for s in g.statements() if s.stance == "denies")
    assert denial.responds_to


def _seed() -> str:
    return require(shared("seeds", "istanbul-talks-arabnews.txt")).read_text(encoding="utf-8")


def test_the_seed_article_drafts_both_disputes_and_the_agreement() -> None:
    g = draft(_seed(), source={"publisher": "Arab News", "published": "2025-11-05"})
    disputes = g.contradictions(kind="dispute")
    assert len(disputes) == 2
    by_text = {c.texts[0].lower(): c for c in disputes}
    offer = next(c for t, c in by_text.items() if "offer" in t)
    shelter = next(c for t, c in by_text.items() if "sheltered" in t)
    assert [g.stance for g in offer.groups] == ["asserts", "denies"]
    assert offer.groups[0].sides == ("afghanistan",) and "pakistan" in offer.groups[1].sides
    assert shelter.groups[0].sides == ("pakistan",) and shelter.groups[1].sides == ("afghanistan",)
    assert any("ceasefire" in a.text.lower() for a in g.agreements())
    report = cg.report(g)
    assert "DISPUTES (2)" in report and "AGREEMENTS (1)" in report


def test_the_draft_command_writes_a_file_that_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(_seed(), encoding="utf-8")
    out = tmp_path / "draft.yaml"
    assert (
        main(
            [
                "draft",
                str(article),
                "--publisher",
                "Arab News",
                "--published",
                "2025-11-05",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "      # Pakistan’s negotiating team is in Istanbul" in text  # its sentence, above it
    g = cg.load(out)
    assert g == draft(_seed(), source={"publisher": "Arab News", "published": "2025-11-05"})
    assert main(["draft", str(article), "-o", str(tmp_path / "d.json")]) == 0
    assert len(cg.load(tmp_path / "d.json").statement_records) == len(g.statement_records)
    assert main(["draft", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt" in capsys.readouterr().err


def test_draft_yaml_quotes_the_sentence_of_each_statement() -> None:
    text = "Pakistan said militants are sheltered in Afghanistan. Afghanistan denied the claim."
    yaml_text = draft_yaml(text)
    assert "# Pakistan said militants are sheltered in Afghanistan." in yaml_text
    assert cg.loads(yaml_text, format="yaml") == draft(text)


def _eval_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "extract_eval", ROOT / "benchmarks/extract_eval.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["extract_eval"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_the_extractor_beats_the_direct_quote_baseline_on_the_dev_set() -> None:
    ev = _eval_module()
    docs = ev.load_devset(ROOT / "tests/data/attributions")
    ours = ev.score(attributions, docs)
    base = ev.score(ev.direct_quote_baseline, docs)
    assert ours["f1"] >= 0.6 > base["f1"]
    assert ours["per_kind"]["indirect"]["recall"] > 3 * base["per_kind"]["indirect"]["recall"]
    assert ours["source_right"] >= 0.8
