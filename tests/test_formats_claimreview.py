"""schema.org ClaimReview JSON-LD and Google Fact Check Tools JSON.

The export is checked offline in two steps: pyld expands it as JSON-LD (which fails on
malformed JSON-LD) with a document loader that serves the schema.org context locally,
and every type and property of the expanded document is checked against the part of
the schema.org vocabulary ClaimReview uses (below): known types, properties used on
types in their domain, values of the types in their range.

The vocabulary subset (type hierarchy, property domains and ranges) is derived from
the schema.org vocabulary, https://schema.org, licensed CC BY-SA 3.0.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import claimgraph as cg
from claimgraph.formats import claimreview
from claimgraph.io import limits

S = "http://schema.org/"

# -- the schema.org vocabulary subset (CC BY-SA 3.0, schema.org) -------------------
SUBCLASS_OF: dict[str, str | None] = {
    "Thing": None,
    "CreativeWork": "Thing",
    "Review": "CreativeWork",
    "ClaimReview": "Review",
    "Claim": "CreativeWork",
    "Article": "CreativeWork",
    "NewsArticle": "Article",
    "WebPage": "CreativeWork",
    "Intangible": "Thing",
    "Rating": "Intangible",
    "Organization": "Thing",
    "NewsMediaOrganization": "Organization",
    "Person": "Thing",
}
DATATYPES = {"Text", "URL", "Date", "DateTime", "Number"}
PROPERTIES: dict[str, tuple[set[str], set[str]]] = {  # name: (domain, range)
    "name": ({"Thing"}, {"Text"}),
    "alternateName": ({"Thing"}, {"Text"}),
    "description": ({"Thing"}, {"Text"}),
    "url": ({"Thing"}, {"URL"}),
    "sameAs": ({"Thing"}, {"URL"}),
    "author": ({"CreativeWork", "Rating"}, {"Organization", "Person"}),
    "publisher": ({"CreativeWork"}, {"Organization", "Person"}),
    "datePublished": ({"CreativeWork"}, {"Date", "DateTime"}),
    "headline": ({"CreativeWork"}, {"Text"}),
    "text": ({"CreativeWork"}, {"Text"}),
    "inLanguage": ({"CreativeWork"}, {"Text"}),
    "claimReviewed": ({"ClaimReview"}, {"Text"}),
    "itemReviewed": ({"Review"}, {"Thing"}),
    "reviewRating": ({"Review"}, {"Rating"}),
    "reviewBody": ({"Review"}, {"Text"}),
    "ratingValue": ({"Rating"}, {"Number", "Text"}),
    "bestRating": ({"Rating"}, {"Number", "Text"}),
    "worstRating": ({"Rating"}, {"Number", "Text"}),
    "ratingExplanation": ({"Rating"}, {"Text"}),
    "appearance": ({"Claim"}, {"CreativeWork"}),
    "firstAppearance": ({"Claim"}, {"CreativeWork"}),
    "claimInterpreter": ({"Claim"}, {"Organization", "Person"}),
}
LOCAL_CONTEXT = {"@context": {"@vocab": S}}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _ancestors(t: str) -> set[str]:
    out: set[str] = set()
    cur: str | None = t
    while cur is not None:
        out.add(cur)
        cur = SUBCLASS_OF[cur]
    return out


def _check_value(value: dict[str, Any], ranges: set[str], where: str) -> list[str]:
    if "@value" in value:
        v = value["@value"]
        ok = (
            ("Text" in ranges and isinstance(v, str))
            or ("URL" in ranges and isinstance(v, str) and v.startswith(("http://", "https://")))
            or ("Number" in ranges and isinstance(v, (int, float)) and not isinstance(v, bool))
            or ("Date" in ranges and isinstance(v, str) and bool(_DATE.match(v)))
            or ("DateTime" in ranges and isinstance(v, str) and bool(_DATETIME.match(v)))
        )
        return [] if ok else [f"{where}: {v!r} is not a {'/'.join(sorted(ranges))}"]
    if "@id" in value and len(value) == 1:
        return []  # a reference
    types = {t.removeprefix(S) for t in value.get("@type", [])}
    if not types:
        return [f"{where}: a nested object without @type"]
    if not any(_ancestors(t) & ranges for t in types if t in SUBCLASS_OF):
        return [f"{where}: {sorted(types)} is not a {'/'.join(sorted(ranges))}"]
    return _check_node(value, where)


def _check_node(node: dict[str, Any], where: str) -> list[str]:
    problems = []
    types = [t.removeprefix(S) for t in node.get("@type", [])]
    unknown = [t for t in types if t not in SUBCLASS_OF]
    if unknown:
        return [f"{where}: unknown schema.org type(s) {unknown}"]
    ancestors = set().union(*(_ancestors(t) for t in types)) if types else set()
    for key, values in node.items():
        if key.startswith("@"):
            continue
        if not key.startswith(S) or key.removeprefix(S) not in PROPERTIES:
            problems.append(f"{where}: unknown property {key}")
            continue
        prop = key.removeprefix(S)
        domain, ranges = PROPERTIES[prop]
        if not ancestors & domain:
            problems.append(f"{where}: {prop} is not a property of {types}")
        for i, value in enumerate(values):
            problems += _check_value(value, ranges, f"{where}.{prop}[{i}]")
    return problems


def schema_problems(doc: Any) -> list[str]:
    """Expand ``doc`` with pyld (offline) and check it against the vocabulary subset."""
    jsonld = pytest.importorskip("pyld.jsonld")
    fetched: list[str] = []

    def loader(url: str, options: Any = None) -> dict[str, Any]:
        fetched.append(url)
        if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
            raise AssertionError(f"unexpected remote document {url}")
        return {"contextUrl": None, "documentUrl": url, "document": LOCAL_CONTEXT}

    expanded = jsonld.expand(doc, {"documentLoader": loader})
    assert fetched, "the document must name the schema.org context"
    problems: list[str] = []
    for i, node in enumerate(expanded):
        problems += _check_node(node, f"node[{i}]")
    return problems


# -- fixtures ---------------------------------------------------------------------------
@pytest.fixture
def reviewed(example_graph: cg.ClaimGraph) -> cg.ClaimGraph:
    """The Istanbul example with two fact-checks of its disputed claims."""
    g = example_graph
    g.add_actor(id="fact-desk", name="Fact Desk", kind="outlet")
    g.add_actor(id="jane-checker", name="Jane Checker", kind="person")
    g.add_review(
        proposition="offer-rejected",
        reviewer="fact-desk",
        statement="af-claims-offer-rejected",
        rating_value=2,
        best_rating=5,
        worst_rating=1,
        textual_rating="Unproven",
        date="2025-11-07",
        url="https://factdesk.example/offer-rejected",
    )
    g.add_review(
        proposition="militants-sheltered",
        reviewer="jane-checker",
        textual_rating="Disputed",
        date="2025-11",
    )
    return g


def test_istanbul_claimreview_export_passes_the_schema_check(reviewed: cg.ClaimGraph) -> None:
    doc = claimreview.to_claimreview(reviewed)
    assert schema_problems(doc) == []
    first, second = doc["@graph"]
    # what Google's ClaimReview guidelines require: claimReviewed, author, reviewRating
    # with a textual alternateName, and the URL of the review
    assert first["claimReviewed"] == reviewed.propositions["offer-rejected"].text
    assert first["url"] == "https://factdesk.example/offer-rejected"
    assert first["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Unproven",
    }
    claim = first["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["author"]["name"] == "Taliban spokesperson"
    assert claim["appearance"][0]["publisher"] == {"@type": "Organization", "name": "Arab News"}
    assert claim["firstAppearance"]["datePublished"] == "2025-11-05"
    assert second["author"] == {"@type": "Person", "name": "Jane Checker"}
    assert "author" not in second["itemReviewed"]  # no statement named: no claimant


def test_the_schema_check_catches_mistakes(reviewed: cg.ClaimGraph) -> None:
    doc = claimreview.to_claimreview(reviewed)
    bad = json.loads(json.dumps(doc))
    bad["@graph"][0]["claimReviewd"] = "typo"
    bad["@graph"][0]["itemReviewed"]["reviewRating"] = {"@type": "Rating"}
    bad["@graph"][1]["datePublished"] = "7 Nov"
    problems = schema_problems(bad)
    assert len(problems) == 3, problems


def test_claimreview_round_trip_keeps_what_it_carries(reviewed: cg.ClaimGraph) -> None:
    back = claimreview.from_claimreview(claimreview.to_claimreview(reviewed))
    original = sorted(
        (
            reviewed.propositions[r.proposition].text,
            reviewed.actors[r.reviewer].name,
            r.rating_value,
            r.best_rating,
            r.worst_rating,
            r.textual_rating,
            r.date,
            r.url,
        )
        for r in reviewed.reviews.values()
    )
    again = sorted(
        (
            back.propositions[r.proposition].text,
            back.actors[r.reviewer].name,
            r.rating_value,
            r.best_rating,
            r.worst_rating,
            r.textual_rating,
            r.date,
            r.url,
        )
        for r in back.reviews.values()
    )
    assert again == original
    # the reviewed statement comes back with its claimant, date and sources
    rv = next(r for r in back.reviews.values() if r.statement)
    st = back.statement_records[rv.statement]  # type: ignore[index]
    orig = reviewed.statement_records["af-claims-offer-rejected"]
    assert back.actors[st.actor].name == "Taliban spokesperson"
    assert st.said == orig.said
    src = back.sources[st.reports[0].source]
    assert (src.url, src.publisher, src.published) == (
        "https://www.arabnews.com/node/",
        "Arab News",
        "2025-11-05",
    )
    # not carried: statements nobody reviewed, kinds, sides, quotes
    assert len(back.statement_records) == 1 and st.kind == "claim"
    assert back.actors["fact-desk"].kind == "outlet"
    assert back.actors["jane-checker"].kind == "person"


def test_export_without_reviews_is_an_error(example_graph: cg.ClaimGraph, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no reviews"):
        claimreview.write_claimreview(example_graph, tmp_path / "x.jsonld")
    assert list(tmp_path.iterdir()) == []


PAGE = """<!doctype html><html><head><title>Fact check</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "ClaimReview",
 "datePublished": "2025-11-08T09:30:00+03:00",
 "url": "https://checker.example/fc/1",
 "claimReviewed": "Kabul offered to remove the people Islamabad considers a threat.",
 "author": {"@type": "Organization", "name": "Checker", "url": "https://checker.example"},
 "reviewRating": {"@type": "Rating", "ratingValue": "3", "bestRating": "5",
                  "worstRating": "1", "alternateName": "Half true"},
 "itemReviewed": {"@type": "Claim",
   "author": {"@type": "Organization", "name": "Afghan Taliban government"},
   "datePublished": "2025-11",
   "firstAppearance": {"@type": "CreativeWork", "url": "https://x.example/first"},
   "appearance": [{"@type": "NewsArticle", "url": "https://x.example/first"},
                  {"@type": "NewsArticle", "url": "https://y.example/2",
                   "headline": "Talks", "publisher": {"@type": "Organization", "name": "Y"}}]}}
</script>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "WebPage"}</script>
</head><body>...</body></html>
"""


def test_fact_checker_page_is_read(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    g = claimreview.read_claimreview(path)
    [rv] = g.reviews.values()
    assert (rv.rating_value, rv.best_rating, rv.worst_rating) == (3.0, 5.0, 1.0)
    assert rv.textual_rating == "Half true" and rv.date == "2025-11-08T09:30:00+03:00"
    st = g.statement_records[rv.statement]  # type: ignore[index]
    assert st.said == "2025-11" and g.actors[st.actor].kind == "organization"
    assert [g.sources[r.source].url for r in st.reports] == [
        "https://x.example/first",
        "https://y.example/2",
    ]


def test_reviews_attach_to_the_graph_they_check(example_graph: cg.ClaimGraph) -> None:
    doc = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "pakistan rejected kabuls offer to remove or hand over the militants"
        " islamabad considers a threat",
        "author": {"@type": "Organization", "name": "Fact Desk"},
        "reviewRating": {"@type": "Rating", "alternateName": "Unproven"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Taliban Spokesperson"},
            "appearance": {"@type": "NewsArticle", "url": "https://www.arabnews.com/node/"},
        },
    }
    before = len(example_graph)
    g = claimreview.from_claimreview(doc, into=example_graph)
    assert g is example_graph
    [rv] = g.reviews.values()
    assert rv.proposition == "offer-rejected"  # matched by wording
    assert rv.statement == "af-claims-offer-rejected"  # the claimant's statement
    assert len(g) == before + 2  # only the reviewer and the review are new
    with pytest.raises(cg.InvalidDataError):
        claimreview.from_claimreview([doc, {"@type": "ClaimReview"}], into=example_graph)
    assert len(g.reviews) == 1  # nothing was added


FACTCHECK_API = {
    "claims": [
        {
            "text": "The ceasefire has collapsed.",
            "claimant": "A ministry",
            "claimDate": "2025-11-02T00:00:00Z",
            "claimReview": [
                {
                    "publisher": {"name": "Fact Desk", "site": "factdesk.example"},
                    "url": "https://factdesk.example/1",
                    "title": "No, the ceasefire holds",
                    "reviewDate": "2025-11-03T12:00:00Z",
                    "textualRating": "False",
                    "languageCode": "en",
                },
                {
                    "publisher": {"site": "other.example"},
                    "url": "https://other.example/a",
                    "textualRating": "Mostly false",
                },
            ],
        },
        {"text": "Talks resume on Nov. 6.", "claimReview": []},
    ],
    "nextPageToken": "abc",
}


def test_google_fact_check_tools_json(tmp_path: Path) -> None:
    path = tmp_path / "search.json"
    path.write_text(json.dumps(FACTCHECK_API), encoding="utf-8")
    g = claimreview.read_claimreview(path)
    assert sorted(r.textual_rating or "" for r in g.reviews.values()) == ["False", "Mostly false"]
    assert {a.name for a in g.actors.values()} == {"A ministry", "Fact Desk", "other.example"}
    [st] = g.statements()
    assert st.said == "2025-11-02T00:00:00Z"
    assert len(g.propositions) == 2  # the unreviewed claim is kept as a proposition
    assert all(r.statement == st.id for r in g.reviews.values())


def test_bad_claimreviews_name_the_record_and_property() -> None:
    doc = [
        {"@type": "ClaimReview", "author": {"name": "X"}},
        {
            "@type": "ClaimReview",
            "claimReviewed": "P.",
            "author": {"name": "X"},
            "datePublished": "yesterday",
            "reviewRating": {"ratingValue": "high"},
        },
    ]
    with pytest.raises(cg.InvalidDataError) as exc:
        claimreview.from_claimreview(doc)
    found = {(e.record, e.field, e.code) for e in exc.value.errors}
    assert ("ClaimReview[0]", "claimReviewed", "missing") in found
    assert ("ClaimReview[1]", "datePublished", "partial_date") in found
    assert ("ClaimReview[1]", "reviewRating", "number") in found
    with pytest.raises(cg.FileFormatError, match=r"no schema\.org ClaimReview"):
        claimreview.from_claimreview({"@type": "WebPage"})


# -- hostile input (issue 10): only documented errors, each naming file, record, field ---
def _review(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "Talks resumed.",
        "author": {"@type": "Organization", "name": "Fact Desk"},
        "reviewRating": {"ratingValue": 2, "alternateName": "Misleading"},
        "itemReviewed": {"@type": "Claim", "author": {"name": "A ministry"}},
    }
    doc.update(changes)
    return doc


def refusal(cls: type[Any], **fields: Any) -> str:
    """The code of the model's own error for ``fields`` (the loaders pass it on)."""
    with pytest.raises(ValidationError) as exc:
        cls(**fields)
    return str(exc.value.errors()[0]["type"])


def _only_error(path: Path) -> cg.ErrorDetail:
    with pytest.raises(cg.InvalidDataError) as exc:
        claimreview.read_claimreview(path)
    [err] = exc.value.errors
    assert err.path == str(path)
    return err


def test_html_the_parser_refuses_is_a_file_format_error(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html>\n<![f{", encoding="utf-8")
    with pytest.raises(cg.FileFormatError) as exc:
        claimreview.read_claimreview(path)
    [err] = exc.value.errors
    assert (err.code, err.path, err.line) == ("html_syntax", str(path), 2)
    assert "marked section" in err.message  # html.parser's own message is kept


def test_malformed_json_ld_in_a_page_names_the_script_and_the_page_line(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        '<html>\n<head>\n<script type="application/ld+json">\n{"@type":\n "ClaimReview",,}\n'
        "</script>\n</head></html>\n",
        encoding="utf-8",
    )
    with pytest.raises(cg.FileFormatError) as exc:
        claimreview.read_claimreview(path)
    [err] = exc.value.errors
    assert (err.code, err.record, err.line) == ("json_syntax", "script[0]", 5)


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"reviewRating": {"ratingValue": 10**400}}, "number", "reviewRating"),  # limits raised
        ({"reviewRating": {"ratingValue": True}}, "number", "reviewRating"),
        ({"claimReviewed": "\ud800 talks"}, (cg.Proposition, "text"), "claimReviewed"),
        ({"claimReviewed": True}, "not_text", "claimReviewed"),
        ({"author": {"name": ["\udfff"]}}, (cg.Actor, "name"), "author"),
        ({"url": [{"@value": {"x": 1}}]}, "not_text", "url"),
        (
            {"itemReviewed": {"author": "B", "appearance": [{"url": "u", "headline": False}]}},
            "not_text",
            "itemReviewed.appearance[0].name",
        ),
    ],
)
def test_mistyped_claimreview_properties_are_named(
    tmp_path: Path, changes: dict[str, Any], code: str | tuple[type[Any], str], field: str
) -> None:
    if isinstance(code, tuple):  # a value the model refuses, with the model's code
        cls, name = code
        value = changes[field]
        code = refusal(cls, **{name: value["name"][0] if isinstance(value, dict) else value})
    path = tmp_path / "fc.jsonld"
    path.write_text(json.dumps(_review(**changes)), encoding="utf-8")
    with limits(max_int_digits=1000):  # an integer too big for a float, within the limits
        err = _only_error(path)
    assert (err.code, err.record, err.field) == (code, "ClaimReview[0]", field)


def test_an_integer_over_the_digit_limit_is_refused_first(tmp_path: Path) -> None:
    path = tmp_path / "fc.jsonld"
    path.write_text(json.dumps(_review(reviewRating={"ratingValue": 10**400})), encoding="utf-8")
    assert _only_error(path).code == "int_too_long"


def test_mistyped_fact_check_tools_properties_are_named(tmp_path: Path) -> None:
    path = tmp_path / "claims.json"
    claim = {"text": "Talks resumed.", "claimReview": [{"publisher": {"name": 5.5, "x": 1}}]}
    claim["claimReview"].append({"publisher": "Desk", "textualRating": {"name": False}})
    path.write_text(json.dumps({"claims": [claim, {"text": "\ud800"}]}), encoding="utf-8")
    with pytest.raises(cg.InvalidDataError) as exc:
        claimreview.read_claimreview(path)
    found = [(e.code, e.record, e.field) for e in exc.value.errors]
    assert found == [
        ("not_text", "claims[0].claimReview[1]", "textualRating"),
        (refusal(cg.Proposition, text="\ud800"), "claims[1]", "text"),
    ]


def test_problems_of_fact_check_tools_claims_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "claims.json"
    path.write_text(
        '{"claims": [\n {"text": "A."},\n {"text": "B.",\n  "claimReview": [{"publisher": 1,'
        ' "url": true}]}\n]}\n',
        encoding="utf-8",
    )
    with pytest.raises(cg.InvalidDataError) as exc:
        claimreview.read_claimreview(path)
    [err] = exc.value.errors
    assert (err.record, err.field, err.line) == ("claims[1].claimReview[0]", "url", 3)
