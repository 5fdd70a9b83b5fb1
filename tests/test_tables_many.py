"""Sheets as people write them, and one normalisation of wording everywhere (issue 13,
items 7 and 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimgraph as cg
from claimgraph.formats import tables
from claimgraph.wording import normalize_text, unique_slug

DECLARED = """\
claimgraph: 1
actors:
  pakistan: {name: Pakistan, kind: state}
  afghanistan: {name: Afghanistan, kind: state}
propositions:
  militants-sheltered: Militants are being sheltered on Afghan soil.
statements:
  - {actor: pakistan, asserts: militants-sheltered}
  - {actor: afghanistan, denies: "  militants ARE being sheltered on Afghan soil"}
  - {actor: afghanistan, denies: "“Militants are being sheltered on Afghan soil!”"}
"""


# ---------------------------------------------------------------------------- item 2
def test_the_one_normalisation() -> None:
    same = [
        "Pakistan rejected Kabul's offer.",
        "  pakistan  REJECTED  kabul’s offer ",
        "“Pakistan rejected Kabuls offer!”",
        "Ｐakistan rejected Kabul's offer…",  # a full-width letter (NFKC)
        "Pakistan rejected Kabul's\u200b offer",  # a zero-width space
    ]
    assert len({normalize_text(t) for t in same}) == 1
    different = ["Talks, then peace.", "Talks then peace.", "Talks - then peace."]
    assert len({normalize_text(t) for t in different}) == 3
    assert normalize_text("[deleted]") != normalize_text("deleted")  # brackets stay
    assert normalize_text("a – b") == normalize_text("a - b")  # dashes as ASCII


def test_one_normalisation_in_yaml_python_and_sheets() -> None:
    wordings = ["Talks, then peace.", "talks, then peace", "Talks then peace."]
    rows = [{"actor": "A", "text": t} for t in wordings]
    sheet = tables.from_rows(rows)
    yaml_text = "claimgraph: 1\nactors: {a: A}\nstatements:\n" + "".join(
        f"  - {{actor: a, asserts: '{t}'}}\n" for t in wordings
    )
    authored = cg.loads(yaml_text, format="yaml")
    python = {cg.Proposition(text=t).id for t in wordings}
    assert len(sheet.propositions) == len(authored.propositions) == len(python) == 2


def test_inline_wording_resolves_to_the_declared_proposition() -> None:
    g = cg.loads(DECLARED, format="yaml")
    assert list(g.propositions) == ["militants-sheltered"]
    assert {s.proposition for s in g.statement_records.values()} == {"militants-sheltered"}
    [c] = g.contradictions()
    assert c.kind == "dispute"


def test_inline_wording_that_differs_inside_stays_another_proposition() -> None:
    text = DECLARED.replace("ARE being sheltered on", "are being sheltered, on")
    g = cg.loads(text, format="yaml")
    assert len(g.propositions) == 2


def test_sheet_matches_the_yaml_wording_by_the_same_normalisation() -> None:
    g = cg.loads(DECLARED, format="yaml")
    tables.from_rows(
        [{"actor": "Pakistan", "text": "MILITANTS are being sheltered on Afghan soil"}], into=g
    )
    assert list(g.propositions) == ["militants-sheltered"]


def test_claimreview_matches_by_the_same_normalisation(example_graph: cg.ClaimGraph) -> None:
    from claimgraph.formats import claimreview

    doc = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "“Militants are being sheltered on Afghan soil”",
        "author": {"@type": "Organization", "name": "Fact Desk"},
        "reviewRating": {"@type": "Rating", "alternateName": "Unproven"},
    }
    claimreview.from_claimreview(doc, into=example_graph)
    [rv] = example_graph.reviews.values()
    assert rv.proposition == "militants-sheltered"


# ---------------------------------------------------------------------------- item 7
def test_headings_in_any_case_and_spacing(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(
        "Actor,Actor Name, TEXT ,Stance,Said,Source URL,PUBLISHER\n"
        "pk,Pakistan,Talks resume.,Asserts,2025-11,https://example.org/a,Example News\n",
        encoding="utf-8",
    )
    g = tables.read_csv(path)
    [st] = g.statement_records.values()
    assert (st.actor, st.stance, st.said) == ("pk", "asserts", "2025-11")
    [src] = g.sources.values()
    assert (src.url, src.publisher) == ("https://example.org/a", "Example News")


@pytest.mark.parametrize(
    ("heading", "column"),
    [
        ("Speaker", "actor"),
        ("Claim", "text"),
        ("Outlet", "publisher"),
        ("Publisher", "publisher"),
        ("URL", "source_url"),
        ("Date", "said"),
        ("Quotation", "quote"),
        ("In reply to", "responds_to"),
        ("speaker-name", "actor_name"),
    ],
)
def test_common_synonyms(heading: str, column: str) -> None:
    assert tables.column_of(heading) == column


def test_a_sheet_in_synonyms_imports() -> None:
    g = tables.from_rows(
        [
            {
                "Speaker": "Pakistan",
                "Claim": "Militants are sheltered on Afghan soil.",
                "Outlet": "Arab News",
                "Link": "https://www.arabnews.com/node/2621541/pakistan",
                "Date": "2025-10",
                "Quote": "sheltered",
            }
        ]
    )
    [st] = g.statement_records.values()
    assert st.actor == "pakistan" and st.said == "2025-10"
    [src] = g.sources.values()
    assert src.publisher == "Arab News"
    assert st.reports[0].quote == "sheltered"


def test_errors_name_the_heading_the_user_wrote() -> None:
    with pytest.raises(cg.InvalidDataError) as exc:
        tables.from_rows([{"Speaker": "Pakistan", "Claim": "X y.", "Stance": "maybe"}])
    [e] = exc.value.errors
    assert e.field == "Stance"


def test_unknown_column_gives_python_advice_in_python() -> None:
    with pytest.raises(cg.InvalidDataError) as exc:
        tables.from_rows([{"actor": "A", "text": "X y.", "Stanse": "asserts"}])
    [e] = exc.value.errors
    assert e.code == "unknown_column" and e.field == "Stanse"
    assert "mapping=" in e.message and "None" in e.message
    assert "did you mean 'stance'?" in e.message
    assert "--map" not in e.message


def test_new_propositions_and_sources_get_readable_ids() -> None:
    g = tables.from_rows(
        [
            {
                "actor": "Pakistan",
                "text": "Militants are sheltered on Afghan soil.",
                "source_url": "https://www.arabnews.com/node/2621541/pakistan",
                "publisher": "Arab News",
            },
            {
                "actor": "Afghanistan",
                "text": "Pakistan's security problems are an internal matter.",
                "source_url": "https://www.dawn.com/news/1953911",
            },
            {
                "actor": "Qatar",
                "text": "Talks resume.",
                "publisher": "Al Jazeera",
                "published": "2025-11-05",
            },
        ]
    )
    assert set(g.propositions) == {
        "militants-are-sheltered-on-afghan-soil",
        "pakistan-s-security-problems-are-an-internal-matter",
        "talks-resume",
    }
    assert set(g.sources) == {"arab-news-pakistan", "dawn-com-1953911", "al-jazeera-2025-11-05"}


def test_readable_ids_are_stable_across_reimports() -> None:
    rows = [
        {"actor": "Pakistan", "text": "Talks resume.", "source_url": "https://x.org/a"},
        {"actor": "Kabul", "text": "Talks, resume.", "source_url": "https://x.org/a"},
    ]
    first = tables.from_rows(rows)
    again = tables.from_rows(rows)
    assert first == again
    second = unique_slug("Talks, resume.", {"talks-resume"})
    assert set(first.propositions) == {"talks-resume", second}
    into = first.copy()
    tables.from_rows(rows, into=into)
    assert into == first  # matched, not duplicated


def test_readable_ids_do_not_collide_with_other_records() -> None:
    g = cg.loads("claimgraph: 1\nactors: {talks-resume: Talks Resume Inc}\n", format="yaml")
    tables.from_rows([{"actor": "Pakistan", "text": "Talks resume."}], into=g)
    [pid] = g.propositions
    assert pid.startswith("talks-resume-") and pid != "talks-resume"
    # a statement id given later in the sheet wins over a generated one
    g2 = tables.from_rows(
        [
            {"actor": "A", "text": "Q r."},
            {"statement": "q-r", "actor": "B", "text": "Other words."},
        ]
    )
    assert "q-r" in g2.statement_records and "q-r" not in g2.propositions


def test_actors_whose_names_slug_alike_stay_two_actors() -> None:
    g = tables.from_rows(
        [{"actor": "[deleted]", "text": "X y."}, {"actor": "deleted", "text": "X y."}]
    )
    assert len(g.actors) == 2
    assert {a.name for a in g.actors.values()} == {"[deleted]", "deleted"}


def test_case_variants_of_a_name_are_one_actor_in_a_sheet() -> None:
    g = tables.from_rows([{"actor": "TRUMP", "text": "X y."}, {"actor": "Trump", "text": "Z w."}])
    assert len(g.actors) == 1


def test_old_hash_ids_still_load_and_match(tmp_path: Path) -> None:
    """Files written before readable ids keep loading, and a sheet matches their records."""
    old = cg.ClaimGraph()
    p = cg.Proposition(text="Talks resume.")
    s = cg.Source(url="https://x.org/a")
    old.add_all([cg.Actor(id="pakistan", name="Pakistan"), p, s])
    path = tmp_path / "old.json"
    cg.save(old, path)
    g = cg.load(path)
    assert p.id.startswith("p-") and s.id.startswith("src-")
    tables.from_rows(
        [{"actor": "Pakistan", "text": "talks resume", "source_url": "https://x.org/a"}], into=g
    )
    [st] = g.statement_records.values()
    assert (st.proposition, st.reports[0].source) == (p.id, s.id)
    assert len(g.propositions) == 1 and len(g.sources) == 1


def test_wording_in_the_proposition_column() -> None:
    g = tables.from_rows([{"actor": "A", "proposition": "Talks resume."}])
    [p] = g.propositions.values()
    assert p.text == "Talks resume."
