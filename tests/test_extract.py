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


# ---------------------------------------------------------------- neutral reports, hedges
def _only(text: str) -> cg.Statement:
    (s,) = draft(text).statements()
    return s


def test_a_relayed_report_is_a_neutral_report_in_the_draft_and_its_file() -> None:
    text = "CNN reported that the talks had stalled."
    s = _only(text)
    assert (s.actor, s.stance, s.kind) == ("cnn", "reports", "report")
    yaml_text = draft_yaml(text)
    assert "relays: the-talks-had-stalled" in yaml_text and "asserts:" not in yaml_text
    assert cg.loads(yaml_text, format="yaml") == draft(text)


@pytest.mark.parametrize(
    "text",
    ["According to Tolo News, the talks failed.", "Reuters said the talks failed."],
)
def test_what_an_outlet_says_it_relays(text: str) -> None:
    s = _only(text)
    assert (s.stance, s.kind) == ("reports", "report")
    (actor,) = draft(text).actors.values()
    assert actor.kind == "outlet"


def test_an_outlet_that_denies_still_denies() -> None:
    s = _only("Reuters denied that its reporter was paid.")
    assert s.stance == "denies"


def test_a_neutral_report_makes_no_dispute_but_a_denial_answers_it() -> None:
    g = draft("Reuters reported that militants crossed the border. Kabul denied the report.")
    relay, denial = g.statements()
    assert relay.stance == "reports" and denial.stance == "denies"
    assert denial.proposition == relay.proposition and denial.responds_to == (relay.id,)
    assert g.contradictions() == []


@pytest.mark.parametrize(
    "text, hedge",
    [
        ("The spokesperson suggested that Pakistan rejected the offer.", "suggested"),
        ("Kabul allegedly denied the claim.", "allegedly"),
        ("Officials reportedly said the talks failed.", "reportedly"),
        ("Pakistan said militants may have crossed the border.", "may have"),
        ("Pakistan said militants might attack again.", "might"),
        ("Pakistan said militants could have crossed the border.", "could have"),
        ("Pakistan said militants possibly crossed the border.", "possibly"),
    ],
)
def test_a_hedge_is_the_statements_hedge_and_makes_it_hedged(text: str, hedge: str) -> None:
    (a,) = attributions(text)
    assert a.hedged and a.hedge is not None and a.hedge.text == hedge
    assert text[a.hedge.start : a.hedge.end] == hedge
    s = _only(text)
    assert (s.certainty, s.hedge) == ("hedged", hedge)
    yaml_text = draft_yaml(text)
    assert f"hedge: {hedge}" in yaml_text
    assert cg.loads(yaml_text, format="yaml") == draft(text)


def test_reportedly_hedges_but_keeps_the_speakers_own_stance() -> None:
    s = _only("Kabul reportedly denied that militants are sheltered there.")
    assert (s.stance, s.hedge) == ("denies", "reportedly")


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan said militants crossed the border in May.",  # the month
        "Pakistan said Kabul may have to act.",  # an obligation
        "“We will leave the talks tomorrow,” the minister said.",
    ],
)
def test_no_hedge_where_nothing_is_unsure(text: str) -> None:
    (a,) = attributions(text)
    assert not a.hedged and a.hedge is None
    assert _only(text).certainty == "certain"


def test_a_quote_after_a_hedged_cue_stays_hedged_but_its_own_modals_are_its_own() -> None:
    text = "“Kabul offered nothing,” he suggested. “They might come back.”"
    a, b = attributions(text)
    assert a.hedge is not None and a.hedge.text == "suggested"
    assert b.hedge is not None and b.hedge.text == "suggested"
    text = "“Kabul offered nothing,” he said. “They might come back.”"
    a, b = attributions(text)
    assert a.hedge is None and b.hedge is not None and b.hedge.text == "might"


def test_a_negated_denial_is_no_denial() -> None:
    (a,) = attributions("Kabul did not deny the claim.")
    assert (a.stance, a.act) == ("asserts", "claim")
    assert a.hedge is not None and a.hedge.text == "not deny"


# ---------------------------------------------------------------- greetings and datelines
@pytest.mark.parametrize(
    "text, source",
    [
        (
            "Assalamu Alaikum - Pakistan's minister said the talks had failed.",
            "Pakistan's minister",
        ),
        (
            "ISLAMABAD (Reuters) - Pakistan's foreign office said the border would reopen.",
            "Pakistan's foreign office",
        ),
        (
            "ISLAMABAD, Nov. 5 - The foreign office said the border would reopen.",
            "The foreign office",
        ),
        ("The talks stalled.\nBreaking News - Kabul denied the claim.", "Kabul"),
        ("The talks stalled. Breaking News - Kabul denied the claim.", "Kabul"),
    ],
)
def test_a_greeting_or_dateline_prefix_is_no_part_of_a_source(text: str, source: str) -> None:
    (a,) = attributions(text)
    assert a.source is not None and a.source.text == source


def test_a_greeting_prefix_is_no_part_of_a_content_or_a_title() -> None:
    text = "Assalamu Alaikum - The talks failed, the minister said."
    (a,) = attributions(text)
    assert a.content.text == "The talks failed"
    assert "Assalamu" not in a.sentence.text
    y = draft_yaml("Assalamu Alaikum - Talks Resume in Istanbul\nThe minister said talks resumed.")
    assert "title: Talks Resume in Istanbul" in y


def test_the_seed_headline_loses_its_greeting() -> None:
    g = draft(_seed())
    (src,) = g.sources.values()
    assert src.title is not None and src.title.startswith("Pakistan and Afghanistan Restart")


# ---------------------------------------------------------------- cues inside quotations
@pytest.mark.parametrize(
    "text",
    [
        # a quotation never closed runs to the end of its paragraph
        "The minister said: “We said we would not accept this. They denied everything.\n"
        "Officials said the talks would go on.",
        'The minister said: "We said we would not accept this. They denied everything.\n'
        "Officials said the talks would go on.",
        # opened curly, closed straight
        'The minister said: “We said we would not accept this. They denied everything."\n'
        "Officials said the talks would go on.",
    ],
)
def test_a_cue_inside_a_quotation_starts_no_attribution(text: str) -> None:
    quoted, after = attributions(text)
    assert quoted.kind == "direct" and quoted.source is not None
    assert quoted.source.text == "The minister"
    assert quoted.content.text.startswith("We said we would not accept this. They denied")
    assert after.source is not None and after.source.text == "Officials"


def test_a_quotation_left_open_goes_on_the_last_speaker() -> None:
    text = "“Kabul said it will act,” Asif said.\n“They denied the attacks. We warned them.\n"
    _, b = attributions(text)
    assert b.source is not None and b.source.text == "Asif" and b.kind == "direct"
    assert b.content.text.startswith("They denied the attacks")


# ---------------------------------------------------------------- more patterns
@pytest.mark.parametrize(
    "text, want",
    [
        # a second attribution after "and" ends the first one's content
        (
            "He said the group denied any role and officials said the talks went on.",
            [
                ("He", "said", "the group denied any role"),
                ("the group", "denied", "any role"),
                ("officials", "said", "the talks went on"),
            ],
        ),
        # a passive with its agent, and without one
        (
            "The Interfax report was challenged by Mr. Babitsky.",
            [("Mr. Babitsky", "challenged", "The Interfax report")],
        ),
        (
            "Rebels are reported to have burned the village.",
            [(None, "reported", "to have burned the village")],
        ),
        (
            "He was told by officials that the border would close.",
            [("officials", "told", "the border would close")],
        ),
        # a noun cue with its holder before it, or with none
        (
            "Iran rejected British accusations that it is building a bomb.",
            [
                ("Iran", "rejected", "British accusations that it is building a bomb"),
                ("British", "accusations", "it is building a bomb"),
            ],
        ),
        (
            "He dismissed allegations that Iran is running a secret program.",
            [
                ("He", "dismissed", "allegations that Iran is running a secret program"),
                (None, "allegations", "Iran is running a secret program"),
            ],
        ),
        # a base form after its subject
        (
            "Thai border police say more than 4,000 people crossed.",
            [("Thai border police", "say", "more than 4,000 people crossed")],
        ),
        # a time between the subject and the cue
        ("Officials last week denied the claim.", [("Officials", "denied", "the claim")]),
        (
            "The ministry on Tuesday said the border was closed.",
            [("The ministry", "said", "the border was closed")],
        ),
        # a speech act reported inside another
        (
            "Police said the minister's wife accused the activists of theft.",
            [
                ("Police", "said", "the minister's wife accused the activists of theft"),
                ("the minister's wife", "accused", "the activists of theft"),
            ],
        ),
    ],
)
def test_more_attribution_patterns(text: str, want: list[tuple[str | None, str, str]]) -> None:
    assert _spans(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "He criticized the United States of spreading lies.",  # "States" is no "state"
        "Helicopters killed 15 suspected militants.",  # an adjective after a number
        "Two other suspects remain at large.",  # a plural noun
        "The agreement was agreed in Doha.",  # an agentless passive names nobody
        "The talks are expected to resume.",
        "He dismissed the claims that were made last week.",
    ],
)
def test_words_that_look_like_cues_but_are_not(text: str) -> None:
    got = _spans(text)
    assert all(
        cue not in ("States", "suspected", "suspects", "agreed", "expected") for _, cue, _ in got
    )
    if "dismissed" in text:
        assert got == [("He", "dismissed", "the claims that were made last week")]
    else:
        assert got == [("He", "criticized", "the United States of spreading lies")] or got == []


def test_a_denial_of_a_charge_answers_the_charge() -> None:
    g = draft("President Hugo Chavez denied U.S. charges that he is supporting Colombian rebels.")
    charge, denial = g.statements()
    assert (charge.actor, charge.stance, charge.kind) == ("united-states", "asserts", "accusation")
    assert denial.stance == "denies" and denial.proposition == charge.proposition
    assert denial.responds_to == (charge.id,)
    (c,) = g.contradictions()
    assert c.kind == "dispute"


@pytest.mark.parametrize(
    "text, want",
    [
        # the subject before an aside: a relative clause, a participle
        (
            "The company, which reported a loss, said it expects to return to profit.",
            ("The company", "said", "it expects to return to profit"),
        ),
        (
            "The official, speaking on condition of anonymity, said the deal was close.",
            ("The official", "said", "the deal was close"),
        ),
        # a quantifier as the subject
        ("Some believe it will wait.", ("Some", "believe", "it will wait")),
        # a contracted auxiliary is no part of the source
        (
            "The spokesman wouldn't say whether the plant would close.",
            ("The spokesman", "say", "whether the plant would close"),
        ),
    ],
)
def test_the_subject_of_a_cue_past_asides_and_auxiliaries(
    text: str, want: tuple[str, str, str]
) -> None:
    assert _spans(text) == [want]


def test_a_contracted_negation_is_the_hedge() -> None:
    (a,) = attributions("The spokesman wouldn't say whether the plant would close.")
    assert a.hedge is not None and a.hedge.text == "wouldn't say"


@pytest.mark.parametrize(
    "text, want",
    [
        # the full stop of an abbreviation ends no content
        (
            "The military says in a statement U.S. troops came under fire.",
            [("The military", "says", "in a statement U.S. troops came under fire")],
        ),
        # a place between a passive and its agent
        (
            "But the Interfax report was challenged in Moscow by Mr. Babitsky.",
            [("Mr. Babitsky", "challenged", "the Interfax report")],
        ),
        # a text that says something, before a participle
        (
            "Officials dismissed news reports claiming aircraft fired on a wedding party.",
            [
                (
                    "Officials",
                    "dismissed",
                    "news reports claiming aircraft fired on a wedding party",
                ),
                ("news reports", "claiming", "aircraft fired on a wedding party"),
            ],
        ),
        # an s-form before a comma or a participle is a plural noun
        (
            "Since the 2001 terrorist attacks, Iran has denied any role.",
            [("Iran", "denied", "any role")],
        ),
    ],
)
def test_abbreviations_places_participles_and_plural_nouns(
    text: str, want: list[tuple[str | None, str, str]]
) -> None:
    assert _spans(text) == want
