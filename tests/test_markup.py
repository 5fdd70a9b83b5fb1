"""No output turns text from the data into live markup: Markdown, HTML, the network page.

The Markdown report is rendered with python-markdown (what MkDocs uses) and the resulting
HTML parsed: only the report's own elements may appear, no event-handler attribute, and
every link an http(s) URL. The notebook HTML of every result is checked the same way.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from fuzzing import FUZZ
from hypothesis import given
from hypothesis import strategies as st

import claimgraph as cg
from claimgraph import _markup
from claimgraph._markup import code_span, escape_markdown, markdown_link, safe_url

markdown = pytest.importorskip("markdown", reason="the test extra installs python-markdown")

MARK = "window.cgPwned=1"
PAYLOADS = [
    f"<img src=x onerror={MARK}>",
    f"</script><script>{MARK}</script>",
    f"[click](javascript:{MARK})",
    f'<a href="javascript:{MARK}">a</a>',
    f"![x](javascript:{MARK})",
    f"<javascript:{MARK}>",
    f'x" onmouseover="{MARK}',
    f"{{: onclick={MARK} }}",
    "*emph* __strong__ `code` ~~del~~ | a | b |",
    f"&lt;img src=x onerror={MARK}&gt;",
    f'<img src="x" onerror="{MARK}"><svg onload="{MARK}">',
    f"line\n<script>{MARK}</script>\n\n# heading",
]
UNSAFE_URLS = [
    f"javascript:{MARK}",
    f"JavaScript:{MARK}",
    f"  javascript:{MARK}",
    f"\x01javascript:{MARK}",
    f"java\tscript:{MARK}",
    f"java\nscript:{MARK}",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "/relative/path",
    "https:no-host",
    "http://[::1",
    "",
]


def hostile_graph(url: str = f"javascript:{MARK}") -> cg.ClaimGraph:
    """A graph with a payload in every text field a report or a table shows."""
    text = " ".join(PAYLOADS)
    g = cg.ClaimGraph(title=PAYLOADS[0])
    g.add(cg.Actor(id="pk", name=PAYLOADS[1], kind="state", note=text))
    g.add(cg.Actor(id="af", name=PAYLOADS[2], kind="state"))
    g.add(cg.Actor(id="af-spox", name=PAYLOADS[6], member_of=["af"]))
    g.add(cg.Source(id="src", publisher=PAYLOADS[3], title=PAYLOADS[4], url=url))
    g.add(cg.Source(id="src2", publisher="Dawn", url="https://www.dawn.com/news/1"))
    g.add(cg.Proposition(id="q", text=PAYLOADS[7]))
    g.add(cg.Proposition(id="p`x", text=text, contradicts=["q"]))
    g.add(cg.Proposition(id="c", text=PAYLOADS[8]))
    reports = [{"source": "src", "quote": PAYLOADS[9]}, {"source": "src2", "quote": PAYLOADS[10]}]
    g.add(cg.Statement(id="s1", actor="pk", proposition="p`x", reports=reports, note=text))
    g.add(cg.Statement(id="s2", actor="af-spox", proposition="p`x", stance="denies"))
    g.add(cg.Statement(id="s3", actor="af", proposition="q", reports=reports))
    g.add(cg.Statement(id="s4", actor="pk", proposition="c", kind="demand"))
    g.add(cg.Statement(id="s5", actor="af", proposition="c", kind="offer"))
    return g


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def assert_inert(html: str, allowed: set[str]) -> _Elements:
    """Only ``allowed`` elements, no event handlers or styles from data, links http(s) only."""
    found = elements(html)
    tags = {t for t, _ in found.tags}
    assert tags <= allowed, f"unexpected elements {tags - allowed}"
    for tag, attrs in found.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            if attrs.get(name) is not None:
                assert re.match(r"https?://", attrs[name] or ""), (tag, attrs)
    assert MARK not in " ".join(str(a) for _, a in found.tags)
    return found


# ------------------------------------------------------------------ the URL rule
@pytest.mark.parametrize("url", UNSAFE_URLS, ids=ascii)
def test_only_http_urls_are_link_targets(url: str) -> None:
    assert safe_url(url) is None
    assert "](" not in markdown_link("label", url)
    assert "<a" not in _markup.html_link("label", url)


@pytest.mark.parametrize(
    "url", ["https://www.arabnews.com/node/1", "HTTP://EXAMPLE.ORG", " https://e.org/a b "]
)
def test_http_urls_are_links(url: str) -> None:
    assert safe_url(url) == url.strip()
    [(tag, attrs)] = elements(markdown.markdown(markdown_link("x", url))).tags[1:]
    assert tag == "a" and attrs["href"] is not None
    assert attrs["href"].lower().startswith(url.strip().lower().split(" ")[0])


def normalized(text: str) -> str:
    return " ".join(text.split())


@FUZZ
@given(text=st.text(st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\n\t\r")))
def test_escaped_markdown_renders_as_exactly_the_text(text: str) -> None:
    html = markdown.markdown(f"x {escape_markdown(text)} y")
    found = elements(html)
    assert [t for t, _ in found.tags] == ["p"]
    assert normalized("".join(found.text)) == normalized(f"x {text} y")


@FUZZ
@given(text=st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1))
def test_code_spans_hold_any_id(text: str) -> None:
    found = elements(markdown.markdown(f"x {code_span(text)} y"))
    assert [t for t, _ in found.tags] == ["p", "code"]
    assert normalized("".join(found.text)) == normalized(f"x {text} y")


@FUZZ
@given(label=st.text(max_size=20), path=st.text(max_size=30))
def test_links_keep_their_label_and_point_where_they_say(label: str, path: str) -> None:
    url = "https://example.org/" + path
    found = elements(markdown.markdown("x " + markdown_link(label, url)))
    links = [a for t, a in found.tags if t == "a"]
    assert [t for t, _ in found.tags if t != "a"] == ["p"]
    if safe_url(url) is not None and normalized(label):
        [attrs] = links
        assert (attrs["href"] or "").startswith("https://example.org/")


# ------------------------------------------------------------------ the report
def test_the_markdown_report_is_inert_when_rendered() -> None:
    g = hostile_graph()
    text = cg.report(g, format="markdown")
    html = markdown.markdown(text)
    found = assert_inert(html, {"h1", "h2", "h3", "p", "ul", "li", "strong", "code", "a", "ol"})
    shown = normalized("".join(found.text))
    for payload in PAYLOADS[:8]:  # the text is shown, literally
        assert normalized(payload) in shown
    links = [a["href"] for t, a in found.tags if t == "a"]
    assert links and set(links) == {"https://www.dawn.com/news/1"}


def test_the_markdown_report_is_inert_with_the_extensions_mkdocs_users_enable() -> None:
    g = hostile_graph()
    html = markdown.markdown(
        cg.report(g, format="markdown"),
        extensions=["attr_list", "tables", "def_list", "footnotes", "abbr", "md_in_html"],
    )
    assert_inert(html, {"h1", "h2", "h3", "p", "ul", "li", "strong", "code", "a", "ol"})


def test_the_example_markdown_report_still_links_its_source() -> None:
    g = cg.load(cg.example_path())
    html = markdown.markdown(cg.report(g, format="markdown"))
    found = assert_inert(html, {"h1", "h2", "h3", "p", "ul", "li", "strong", "code", "a", "ol"})
    hrefs = {a["href"] for t, a in found.tags if t == "a"}
    assert hrefs == {s.url for s in g.sources.values()}


@pytest.mark.parametrize("url", [u for u in UNSAFE_URLS if u and "\x01" not in u], ids=ascii)
def test_an_unsafe_source_url_is_shown_as_text_not_linked(url: str) -> None:
    g = hostile_graph(url=url)
    found = elements(markdown.markdown(cg.report(g, format="markdown")))
    assert {a["href"] for t, a in found.tags if t == "a"} == {"https://www.dawn.com/news/1"}


def test_the_text_report_is_unchanged_plain_text() -> None:
    g = hostile_graph()
    text = cg.report(g)
    assert PAYLOADS[0] in text  # plain text shows the text as it is
    assert "\\" not in cg.report(cg.load(cg.example_path()))


# ------------------------------------------------------------------ notebook HTML
HTML_ALLOWED = {
    "div", "style", "b", "br", "table", "tr", "th", "td", "span", "code", "details",
    "summary", "a", "p", "small", "ul", "li", "i", "em", "strong",
}  # fmt: skip


def html_outputs(g: cg.ClaimGraph) -> dict[str, str]:
    from claimgraph import display
    from claimgraph.argumentation import acceptance, attack_graph
    from claimgraph.corroboration import corroboration
    from claimgraph.reversals import reversals
    from claimgraph.truth import credibility

    found = g.contradictions()
    out = {
        "graph": g._repr_html_(),
        "statements": display.statements_html(list(g.statement_records.values()), g),
        "record": display.record_html(g.statement_records["s1"]),
        "positions": display.positions_html(cg.positions(g), g),
        "agreements": "".join(display.agreement_html(a, g) for a in cg.agreements(g)),
        "corroboration": corroboration(g)._repr_html_(),
        "credibility": credibility(g)._repr_html_(),
        "reversals": reversals(g)._repr_html_(),
        "attacks": attack_graph(g)._repr_html_(),
        "acceptance": acceptance(g)._repr_html_(),
    }
    out.update({f"contradiction{i}": c._repr_html_() for i, c in enumerate(found)})
    for record in [*g.actors.values(), *g.sources.values(), *g.propositions.values()]:
        out[f"record {record.id}"] = record._repr_html_()
    return out


def test_every_notebook_html_output_is_inert() -> None:
    g = hostile_graph()
    outputs = html_outputs(g)
    assert len(outputs) > 10 and any("contradiction" in k for k in outputs)
    for name, html in outputs.items():
        found = assert_inert(html, HTML_ALLOWED)
        assert found.text, name
        hrefs = {a["href"] for t, a in found.tags if t == "a"}
        assert hrefs <= {"https://www.dawn.com/news/1"}, name


# ------------------------------------------------------------------ the network page
def test_a_title_that_looks_like_a_placeholder_keeps_the_page_whole() -> None:
    pytest.importorskip("pyvis", reason="the network view needs the viz extra")
    from claimgraph.view import network_data, network_html

    g = cg.load(cg.example_path())
    page = network_html(g, title="__DATA__ __VISJS__ __APP__")
    match = re.search(r'<script type="application/json" id="cg-data">(.*?)</script>', page, re.S)
    assert match is not None
    data = json.loads(match.group(1))
    expected: dict[str, Any] = network_data(g)
    assert data["nodes"] == json.loads(json.dumps(expected["nodes"]))
    assert data["title"] == "__DATA__ __VISJS__ __APP__"
    assert "<title>__DATA__ __VISJS__ __APP__</title>" in page
