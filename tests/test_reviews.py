"""Reviews (fact-checks): the model, the graph's index and both file formats."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimgraph as cg


@pytest.fixture
def reviewed() -> cg.ClaimGraph:
    g = cg.load(cg.example_path())
    g.add_actor(id="desk", name="Fact-check desk", kind="outlet")
    g.add_review(
        id="fc-1",
        proposition="offer-rejected",
        reviewer="desk",
        statement=g.statements(proposition="offer-rejected")[0].id,
        rating_value=2,
        best_rating=5,
        worst_rating=1,
        textual_rating="Unproven",
        date="2025-11",
    )
    g.add_review(proposition="militants-sheltered", reviewer="desk", textual_rating="Disputed")
    return g


def test_review_links_and_index(reviewed: cg.ClaimGraph) -> None:
    assert [r.id for r in reviewed.reviews_of("offer-rejected")] == ["fc-1"]
    assert reviewed.reviews_of("ceasefire-agreed") == []
    keys = {k for _, _, k in reviewed.nx.out_edges("fc-1", keys=True)}
    assert keys == {"reviews", "reviewed_by", "reviews_statement"}
    assert "1 review" not in repr(reviewed) and "2 reviews" in repr(reviewed)


def test_derived_review_id_is_stable() -> None:
    a = cg.Review(proposition="p", reviewer="r", url="https://x.org/1", textual_rating="False")
    b = cg.Review(proposition="p", reviewer="r", url="https://x.org/1", textual_rating="False")
    c = cg.Review(proposition="p", reviewer="r", url="https://x.org/2", textual_rating="False")
    assert a.id == b.id != c.id
    assert a.id.startswith("rv-")


def test_review_of_unknown_proposition_is_an_error(reviewed: cg.ClaimGraph) -> None:
    with pytest.raises(cg.UnknownReferenceError) as exc:
        reviewed.add_review(proposition="nope", reviewer="desk")
    [detail] = exc.value.errors
    assert detail.field == "proposition" and "nope" in detail.message


def test_review_reviewer_must_be_an_actor(reviewed: cg.ClaimGraph) -> None:
    with pytest.raises(cg.UnknownReferenceError) as exc:
        reviewed.add_review(proposition="offer-rejected", reviewer="militants-sheltered")
    assert exc.value.errors[0].code == "wrong_reference_type"


def test_reviewed_proposition_cannot_be_removed(reviewed: cg.ClaimGraph) -> None:
    reviewed.remove("fc-1")
    assert "fc-1" not in reviewed
    with pytest.raises(cg.ReferencedError):
        reviewed.remove("militants-sheltered")


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_reviews_round_trip(reviewed: cg.ClaimGraph, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"g{suffix}"
    reviewed.save(path)
    back = cg.load(path)
    assert back == reviewed
    assert back.reviews["fc-1"].rating_value == 2.0


def test_files_without_reviews_have_no_reviews_section() -> None:
    g = cg.load(cg.example_path())
    assert '"reviews"' not in cg.dumps(g)
    assert "reviews:" not in cg.dumps(g, format="yaml")


def test_bad_review_in_yaml_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "claimgraph: 1\n"
        "actors: {desk: Desk}\n"
        "propositions: {p: Something happened here}\n"
        "reviews:\n"
        "  - proposition: p\n"
        "    reviewer: desk\n"
        "    rating_value: high\n"
    )
    errors = cg.validate(path)
    assert [(e.field, e.line) for e in errors] == [("rating_value", 7)]
    assert errors[0].record == "reviews[0]"


def test_schemas_know_reviews() -> None:
    for fmt in ("json", "yaml"):
        assert "reviews" in cg.schema(fmt)["properties"]  # type: ignore[arg-type]
