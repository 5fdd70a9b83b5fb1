"""Fact-checks: schema.org ``ClaimReview`` JSON-LD and Google Fact Check Tools JSON.

Fact-checkers publish their verdicts as [schema.org ClaimReview](https://schema.org/ClaimReview)
JSON-LD embedded in their pages, and Google's Fact Check Tools API (``claims:search``)
serves them as flat JSON. Both are read into :class:`~claimgraph.Review` records, with
the claim itself as a :class:`~claimgraph.Statement` when the claimant is named:

| ClaimReview (JSON-LD) | claimgraph |
| --- | --- |
| ``claimReviewed`` | the proposition (its text) |
| ``author`` (Organization / Person) | the reviewer: an actor of kind ``outlet`` / ``person`` |
| ``reviewRating``: ``ratingValue``, ... | ``rating_value``, ``best_rating``, ``worst_rating`` |
| ``reviewRating.alternateName`` | ``textual_rating`` |
| ``datePublished``, ``url`` | the review's ``date`` and ``url`` |
| ``itemReviewed`` (a ``Claim``) | the statement its ``author`` made, ``said`` on its date |
| ``appearance``, ``firstAppearance`` | the sources that report the statement |

Google's ``claims:search`` JSON maps the same way: ``text`` → proposition,
``claimant`` → actor, ``claimDate`` → said, and each ``claimReview[]`` entry
(``publisher.name``, ``url``, ``reviewDate``, ``textualRating``) → a review.

The export writes one ``ClaimReview`` per review in a JSON-LD ``@graph``; it carries
the reviewed proposition, the reviewer, the rating, the claimant's statement and where
it appeared. It does not carry statements nobody reviewed, stances (a ``Claim`` is an
assertion), sides, relations between propositions, or the analyst's notes.

Examples
--------
>>> from claimgraph.formats import claimreview
>>> g = claimreview.from_claimreview({
...     "@context": "https://schema.org", "@type": "ClaimReview",
...     "url": "https://factcheck.example/123", "datePublished": "2025-11-07",
...     "claimReviewed": "Pakistan rejected Kabul's offer.",
...     "author": {"@type": "Organization", "name": "Fact Desk"},
...     "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 5,
...                      "worstRating": 1, "alternateName": "Misleading"},
...     "itemReviewed": {"@type": "Claim", "datePublished": "2025-11-05",
...                      "author": {"@type": "Person", "name": "Zabihullah Mujahid"}},
... })
>>> [rv] = g.reviews.values()
>>> rv.reviewer, rv.textual_rating, rv.rating_value, rv.date
('fact-desk', 'Misleading', 2.0, '2025-11-07')
>>> g.get(rv.statement).actor, g.get(rv.statement).said
('zabihullah-mujahid', '2025-11-05')
"""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from typing import Any

from pydantic import ValidationError

from ..dates import parse_partial_date
from ..exceptions import ErrorDetail, FileFormatError, InvalidDataError
from ..graph import ClaimGraph
from ..models import (
    Actor,
    Proposition,
    Record,
    Report,
    Review,
    Source,
    Statement,
    normalize_text,
)
from . import _lines_of_items, _located
from ._safe import atomic_write, load_json, read_bytes

__all__ = [
    "from_claimreview",
    "from_factcheck_api",
    "read_claimreview",
    "to_claimreview",
    "write_claimreview",
]

SCHEMA = "https://schema.org"
_SCHEMA_PREFIXES = ("http://schema.org/", "https://schema.org/", "schema:")


# ---------------------------------------------------------------------------- export
def _agent(actor: Actor) -> dict[str, Any]:
    kind = "Person" if actor.kind == "person" else "Organization"
    return {"@type": kind, "name": actor.name}


def _creative_work(src: Source) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if src.url:
        work["url"] = src.url
    if src.title:
        work["headline"] = src.title
    if src.publisher:
        work["publisher"] = {"@type": "Organization", "name": src.publisher}
    if src.published:
        work["datePublished"] = src.published
    return work


def _number(x: float | None) -> int | float | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def to_claimreview(graph: ClaimGraph) -> dict[str, Any]:
    """The reviews of the graph as schema.org ``ClaimReview`` JSON-LD (one ``@graph``).

    Raises
    ------
    ValueError
        When the graph has no reviews (a ClaimReview file of nothing would mislead).

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.formats import claimreview
    >>> g = cg.load(cg.example_path())
    >>> _ = g.add_actor(id="desk", name="Fact Desk", kind="outlet")
    >>> _ = g.add_review(proposition="offer-rejected", reviewer="desk",
    ...                  statement="af-claims-offer-rejected", textual_rating="Unproven")
    >>> doc = claimreview.to_claimreview(g)
    >>> review = doc["@graph"][0]
    >>> review["@type"], review["author"]["name"], review["reviewRating"]["alternateName"]
    ('ClaimReview', 'Fact Desk', 'Unproven')
    >>> review["itemReviewed"]["author"]["name"]
    'Taliban spokesperson'
    """
    if not graph.reviews:
        raise InvalidDataError("the graph has no reviews (fact-checks) to write as ClaimReview")
    items = []
    for rv in graph.reviews.values():
        prop = graph.propositions[rv.proposition]
        item: dict[str, Any] = {
            "@type": "ClaimReview",
            "claimReviewed": prop.text,
            "author": _agent(graph.actors[rv.reviewer]),
        }
        if rv.url:
            item["url"] = rv.url
        if rv.date:
            item["datePublished"] = rv.date
        rating: dict[str, Any] = {"@type": "Rating"}
        for key, value in (
            ("ratingValue", rv.rating_value),
            ("bestRating", rv.best_rating),
            ("worstRating", rv.worst_rating),
        ):
            if value is not None:
                rating[key] = _number(value)
        if rv.textual_rating:
            rating["alternateName"] = rv.textual_rating
        if len(rating) > 1:
            item["reviewRating"] = rating
        claim: dict[str, Any] = {"@type": "Claim", "text": prop.text}
        if rv.statement is not None:
            st = graph.statement_records[rv.statement]
            claim["author"] = _agent(graph.actors[st.actor])
            if st.said:
                claim["datePublished"] = st.said
            works = [graph.sources[r.source] for r in st.reports]
            if works:
                claim["appearance"] = [_creative_work(s) for s in works]
                dated = sorted((s.published, i) for i, s in enumerate(works) if s.published)
                if dated:
                    claim["firstAppearance"] = _creative_work(works[dated[0][1]])
        item["itemReviewed"] = claim
        items.append(item)
    return {"@context": SCHEMA, "@graph": items}


def write_claimreview(graph: ClaimGraph, path: str | os.PathLike[str]) -> None:
    """Write the reviews as ClaimReview JSON-LD to ``path``, atomically."""
    text = json.dumps(to_claimreview(graph), ensure_ascii=False, indent=2) + "\n"
    atomic_write(path, lambda f: f.write(text))


# ---------------------------------------------------------------------------- import
def _types(node: Any) -> set[str]:
    if not isinstance(node, dict):
        return set()
    raw = node.get("@type", node.get("type"))
    values = raw if isinstance(raw, list) else [raw]
    out = set()
    for v in values:
        if isinstance(v, str):
            for prefix in _SCHEMA_PREFIXES:
                if v.startswith(prefix):
                    v = v[len(prefix) :]
            out.add(v)
    return out


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _get(node: dict[str, Any], *keys: str) -> Any:
    """The value of the first of ``keys`` that ``node`` has (not null, not empty)."""
    for key in keys:
        value = node.get(key)
        if value is not None and value != "":
            return value
    return None


def _all(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _show(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters (for error messages)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(value: Any) -> str:
    """The JSON name of the type of a parsed value, for error messages."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    return "a number" if isinstance(value, (int, float)) else "a string"


def _claim_reviews(doc: Any) -> list[dict[str, Any]]:
    """Every ClaimReview node in a JSON-LD document (nested in @graph or lists)."""
    found: list[dict[str, Any]] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if "ClaimReview" in _types(node):
                found.append(node)
            elif "@graph" in node:
                stack.append(node["@graph"])
    return found


class _Builder:
    """Collects records, matching the actors, propositions, sources and statements of
    ``into`` (by name, wording, URL, and claimant) and those already made."""

    def __init__(self, path: str | None, into: ClaimGraph | None = None) -> None:
        self.path = path
        self.into = into if into is not None else ClaimGraph()
        self.records: dict[str, Record] = {}
        self.errors: list[ErrorDetail] = []
        self.prop_by_text: dict[str, str] = {}
        self.actor_by_name: dict[str, str] = {}
        self.source_by_url: dict[str, str] = {}
        for p in self.into.propositions.values():
            self.prop_by_text.setdefault(normalize_text(p.text), p.id)
        for a in self.into.actors.values():
            for name in (a.name, *a.aliases):
                self.actor_by_name.setdefault(normalize_text(name), a.id)
        for src in self.into.sources.values():
            if src.url:
                self.source_by_url.setdefault(src.url, src.id)

    def fail(self, code: str, message: str, record: str, field: str | None = None) -> None:
        self.errors.append(ErrorDetail(code, message, record, field, self.path))

    def text(self, value: Any, label: str, field: str) -> str | None:
        """A text property: a string or a number, or a node's ``@value`` or ``name`` (the
        first item of a list). Anything else (an object without either, a boolean) is an
        error of ``field``."""
        value = _first(value)
        if isinstance(value, dict):
            value = _first(value.get("@value", value.get("name")))
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.fail("not_text", f"expected text, not {_kind(value)}", label, field)
            return None
        text = str(value).strip()
        return text or None

    def make(self, cls: type[Any], label: str, field: str | None, **fields: Any) -> Any:
        """``cls(**fields)``, or None with the validation errors noted (under ``field``
        when given, else under the model's own field)."""
        try:
            return cls(**fields)
        except ValidationError as exc:
            for e in exc.errors():
                loc = ".".join(map(str, e["loc"])) or None
                self.fail(e["type"], e["msg"], label, field or loc)
            return None

    def keep(self, rec: Record) -> str:
        if rec.id in self.into:
            return rec.id  # already in the graph: matched, not changed
        have = self.records.get(rec.id)
        if have is None:
            self.records[rec.id] = rec
        elif isinstance(have, Statement) and isinstance(rec, Statement):
            reports = {r.source: r for r in have.reports}
            for r in rec.reports:
                reports.setdefault(r.source, r)
            self.records[rec.id] = have.model_copy(update={"reports": tuple(reports.values())})
        return rec.id

    def actor(self, node: Any, default_kind: str, label: str, field: str) -> str | None:
        node = _first(node)
        name = self.text(node.get("name") if isinstance(node, dict) else node, label, field)
        if name is None:
            return None
        found = self.actor_by_name.get(normalize_text(name))
        if found is not None:
            return found
        types = _types(node)
        kind = "person" if "Person" in types else default_kind
        if types & {"Organization", "NewsMediaOrganization"}:
            kind = "outlet" if default_kind == "outlet" else "organization"
        actor = self.make(Actor, label, field, name=name, kind=kind)
        if actor is None:
            return None
        aid = self.keep(actor)
        self.actor_by_name[normalize_text(name)] = aid
        return aid

    def proposition(self, text: str, label: str, field: str) -> str | None:
        key = normalize_text(text)
        pid = self.prop_by_text.get(key)
        if pid is None:
            prop = self.make(Proposition, label, field, text=text)
            if prop is None:
                return None
            pid = self.keep(prop)
            self.prop_by_text[key] = pid
        return pid

    def statement(
        self, actor: str, pid: str, said: str | None, reports: list[Report], label: str
    ) -> str | None:
        """The claimant's statement: one already in the graph by that actor asserting that
        proposition (on that date, if both are dated), or a new one."""
        existing = self.into.statements_about(pid) if pid in self.into else []
        for st in existing:
            same_day = said is None or st.said is None or st.said == said
            if st.actor == actor and st.stance == "asserts" and same_day:
                return st.id
        made = self.make(
            Statement, label, None, actor=actor, proposition=pid, said=said, reports=reports
        )
        return None if made is None else self.keep(made)

    def date(self, value: Any, label: str, field: str) -> str | None:
        text = self.text(value, label, field)
        if text is None:
            return None
        try:
            return parse_partial_date(text)
        except ValueError:
            self.fail("partial_date", f"{_show(text)} is not an ISO 8601 date", label, field)
            return None

    def source(self, node: Any, label: str, field: str) -> str | None:
        if isinstance(node, str):
            node = {"url": node}
        if not isinstance(node, dict):
            return None
        fields: dict[str, Any] = {
            "url": self.text(_get(node, "url", "@id"), label, f"{field}.url"),
            "title": self.text(_get(node, "headline", "name"), label, f"{field}.name"),
            "publisher": self.text(node.get("publisher"), label, f"{field}.publisher"),
            "published": self.date(node.get("datePublished"), label, f"{field}.datePublished"),
        }
        fields = {k: v for k, v in fields.items() if v is not None}
        if not fields:
            return None
        if fields.get("url") in self.source_by_url:
            return self.source_by_url[fields["url"]]
        src = self.make(Source, label, field, **fields)
        if src is None:
            return None
        sid = self.keep(src)
        if fields.get("url"):
            self.source_by_url[fields["url"]] = sid
        return sid

    def number(self, value: Any, label: str, field: str) -> float | None:
        value = _first(value)
        if isinstance(value, dict):
            value = value.get("@value")
        if value is None or value == "":
            return None
        try:
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                raise TypeError
            return float(value)
        except (TypeError, ValueError, OverflowError):
            self.fail("number", f"{_show(value)} is not a number", label, field)
            return None

    def review(self, node: dict[str, Any], label: str) -> None:
        claim = _first(node.get("itemReviewed"))
        claim = claim if isinstance(claim, dict) else {}
        known = len(self.errors)  # "missing" only when nothing was wrong with the value
        text = self.text(node.get("claimReviewed"), label, "claimReviewed")
        if text is None:
            text = self.text(_get(claim, "text", "name"), label, "itemReviewed.text")
        if text is None:
            if len(self.errors) == known:
                self.fail("missing", "a ClaimReview needs claimReviewed", label, "claimReviewed")
            return
        pid = self.proposition(text, label, "claimReviewed")
        known = len(self.errors)
        author = _get(node, "author", "publisher")
        reviewer = self.actor(author, "outlet", label, "author")
        if reviewer is None:
            if len(self.errors) == known:
                message = "a ClaimReview needs an author (the reviewer)"
                self.fail("missing", message, label, "author")
            return
        if pid is None:
            return
        statement = None
        claimant = self.actor(claim.get("author"), "organization", label, "itemReviewed.author")
        if claimant is not None:
            reports: list[Report] = []
            works = _all(claim.get("firstAppearance")) + _all(claim.get("appearance"))
            for i, work in enumerate(works):
                sid = self.source(work, label, f"itemReviewed.appearance[{i}]")
                if sid is not None and all(r.source != sid for r in reports):
                    reports.append(Report(source=sid))
            said = self.date(claim.get("datePublished"), label, "itemReviewed.datePublished")
            statement = self.statement(claimant, pid, said, reports, label)
        rating = _first(node.get("reviewRating"))
        rating = rating if isinstance(rating, dict) else {}
        fields = {
            "proposition": pid,
            "reviewer": reviewer,
            "statement": statement,
            "rating_value": self.number(rating.get("ratingValue"), label, "reviewRating"),
            "best_rating": self.number(rating.get("bestRating"), label, "reviewRating"),
            "worst_rating": self.number(rating.get("worstRating"), label, "reviewRating"),
            "textual_rating": self.text(
                _get(rating, "alternateName", "name"), label, "reviewRating.name"
            ),
            "date": self.date(node.get("datePublished"), label, "datePublished"),
            "url": self.text(_get(node, "url", "@id"), label, "url"),
        }
        review = self.make(Review, label, None, **fields)
        if review is not None:
            self.keep(review)

    def graph(self) -> ClaimGraph:
        if self.errors:
            raise InvalidDataError(
                f"{self.path or 'input'}: {len(self.errors)} problem(s); nothing was read",
                self.errors,
            )
        with _located(self.path):
            self.into.add_all(self.records.values())
        return self.into


def from_claimreview(
    doc: Any, *, into: ClaimGraph | None = None, path: str | None = None
) -> ClaimGraph:
    """Build a graph from ClaimReview JSON-LD (one object, a list, or an ``@graph``).

    Every ``ClaimReview`` node found is read; other nodes are ignored. Errors name the
    review (``ClaimReview[0]``, ...) and the property.

    With ``into``, the reviews are added to that graph (atomically), matched to what it
    holds: the proposition by its wording (case, spaces and punctuation ignored), actors
    by name or alias, sources by URL, and the claimant's statement asserting the
    proposition.

    Raises
    ------
    FileFormatError
        When there is no ClaimReview in ``doc``.
    InvalidDataError
        Reviews without claimReviewed or author, or with bad dates or numbers.
    """
    reviews = _claim_reviews(doc)
    if not reviews:
        raise FileFormatError(
            f"cannot read {path or 'input'}",
            [ErrorDetail("no_claimreview", "no schema.org ClaimReview found", path=path)],
        )
    b = _Builder(path, into)
    for i, node in enumerate(reviews):
        b.review(node, f"ClaimReview[{i}]")
    return b.graph()


def from_factcheck_api(
    doc: Any, *, into: ClaimGraph | None = None, path: str | None = None
) -> ClaimGraph:
    """Build a graph from Google Fact Check Tools JSON (a ``claims:search`` response).

    Accepts the response (``{"claims": [...]}``), a list of claims, or one claim.

    Examples
    --------
    >>> from claimgraph.formats import claimreview
    >>> g = claimreview.from_factcheck_api({"claims": [{
    ...     "text": "The ceasefire has collapsed.", "claimant": "A ministry",
    ...     "claimDate": "2025-11-02T00:00:00Z",
    ...     "claimReview": [{"publisher": {"name": "Fact Desk", "site": "factdesk.example"},
    ...                      "url": "https://factdesk.example/1", "reviewDate": "2025-11-03",
    ...                      "textualRating": "False", "languageCode": "en"}]}]})
    >>> [(r.reviewer, r.textual_rating, r.date) for r in g.reviews.values()]
    [('fact-desk', 'False', '2025-11-03')]
    """
    claims = (
        doc.get("claims", [doc] if "claimReview" in doc else []) if isinstance(doc, dict) else doc
    )
    if not isinstance(claims, list) or not claims:
        raise FileFormatError(
            f"cannot read {path or 'input'}",
            [ErrorDetail("no_claims", 'expected Fact Check Tools JSON with "claims"', path=path)],
        )
    b = _Builder(path, into)
    for i, claim in enumerate(claims):
        label = f"claims[{i}]"
        if not isinstance(claim, dict):
            b.fail("not_object", "a claim must be an object", label)
            continue
        known = len(b.errors)
        text = b.text(claim.get("text"), label, "text")
        if text is None:
            if len(b.errors) == known:
                b.fail("missing", "a claim needs its text", label, "text")
            continue
        pid = b.proposition(text, label, "text")
        if pid is None:
            continue
        statement = None
        claimant = b.actor(claim.get("claimant"), "organization", label, "claimant")
        if claimant is not None:
            said = b.date(claim.get("claimDate"), label, "claimDate")
            statement = b.statement(claimant, pid, said, [], label)
        for j, rev in enumerate(_all(claim.get("claimReview"))):
            rlabel = f"{label}.claimReview[{j}]"
            if not isinstance(rev, dict):
                b.fail("not_object", "a claimReview must be an object", rlabel)
                continue
            publisher = rev.get("publisher") or {}
            known = len(b.errors)
            if isinstance(publisher, dict):
                name = b.text(publisher.get("name"), rlabel, "publisher.name")
                name = name or b.text(publisher.get("site"), rlabel, "publisher.site")
            else:
                name = b.text(publisher, rlabel, "publisher")
            if name is None:
                if len(b.errors) == known:
                    b.fail("missing", "a claimReview needs a publisher", rlabel, "publisher")
                continue
            reviewer = b.actor(
                {"@type": "Organization", "name": name}, "outlet", rlabel, "publisher"
            )
            if reviewer is None:
                continue
            review = b.make(
                Review,
                rlabel,
                None,
                proposition=pid,
                reviewer=reviewer,
                statement=statement,
                textual_rating=b.text(rev.get("textualRating"), rlabel, "textualRating"),
                date=b.date(rev.get("reviewDate"), rlabel, "reviewDate"),
                url=b.text(rev.get("url"), rlabel, "url"),
            )
            if review is not None:
                b.keep(review)
    return b.graph()


class _JsonLdScripts(HTMLParser):
    """Collects the contents of ``<script type="application/ld+json">`` elements, with the
    line each starts on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, list[str]]] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and any(
            k == "type" and (v or "").strip().lower() == "application/ld+json" for k, v in attrs
        ):
            self._in = True
            line = self.getpos()[0] + (self.get_starttag_text() or "").count("\n")
            self.blocks.append((line, []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            self.blocks[-1][1].append(data)


def _json_ld_of_page(data: bytes, where: str) -> list[Any]:
    """The parsed JSON-LD blocks of an HTML page.

    Raises
    ------
    FileFormatError
        HTML that :mod:`html.parser` refuses (``html_syntax``, with its line), or a block
        of malformed JSON (``script[i]``, with the line in the page).
    """
    parser = _JsonLdScripts()
    try:
        parser.feed(data.decode("utf-8", errors="replace"))
        parser.close()
    except AssertionError as exc:  # html.parser's way of refusing a malformed declaration
        line = parser.getpos()[0]
        raise FileFormatError(
            f"cannot read {where}",
            [ErrorDetail("html_syntax", f"malformed HTML: {exc}", path=where, line=line)],
        ) from None
    docs: list[Any] = []
    for i, (line, parts) in enumerate(parser.blocks):
        block = "".join(parts)
        if not block.strip():
            continue
        try:
            docs.append(load_json(block, path=where))
        except FileFormatError as exc:
            errors = [
                ErrorDetail(
                    e.code,
                    e.message,
                    f"script[{i}]",
                    e.field,
                    where,
                    line + e.line - 1 if e.line is not None else line,
                )
                for e in exc.errors
            ]
            raise FileFormatError(f"cannot read {where}", errors) from None
    return docs


def read_claimreview(path: str | os.PathLike[str], *, into: ClaimGraph | None = None) -> ClaimGraph:
    """Read fact-checks from a file: JSON-LD, Fact Check Tools JSON, or an HTML page.

    An HTML page (a fact-checker's article) is searched for its
    ``<script type="application/ld+json">`` blocks. JSON is read with size and depth
    limits.

    Raises
    ------
    FileFormatError
        Malformed JSON or HTML, or no ClaimReview in the file.
    InvalidDataError
        Reviews with missing or mistyped properties, each named with its property.
    """
    data = read_bytes(path)
    where = str(path)
    head = data.lstrip()[:1]
    if head == b"<":
        return from_claimreview(_json_ld_of_page(data, where), into=into, path=where)
    doc = load_json(data, path=where)
    if isinstance(doc, dict) and ("claims" in doc or "claimReview" in doc):
        with _lines_of_items(data):  # claims[i] is an item of the top-level list
            return from_factcheck_api(doc, into=into, path=where)
    if isinstance(doc, list) and doc and isinstance(doc[0], dict) and "claimReview" in doc[0]:
        return from_factcheck_api(doc, into=into, path=where)
    return from_claimreview(doc, into=into, path=where)
