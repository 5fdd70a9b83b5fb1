"""Rich display: HTML for the graph, query results and records; all user text escaped."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

import claimgraph as cg
from claimgraph import display

EVIL = "<img src=x onerror=\"document.title='pwned'\"> & </script><script>alert(1)</script>"


class _Tags(HTMLParser):
    """Every start tag and every text run of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(fragment: str) -> _Tags:
    p = _Tags()
    p.feed(fragment)
    p.close()
    return p


@pytest.fixture(scope="module")
def g() -> cg.ClaimGraph:
    return cg.load(cg.example_path())


@pytest.fixture(scope="module")
def evil() -> cg.ClaimGraph:
    return cg.ClaimGraph(
        [
            cg.Actor(id="a", name=EVIL, note=EVIL),
            cg.Actor(id="b", name="B"),
            cg.Proposition(id="p", text=EVIL),
            cg.Source(id="src", title=EVIL, url="javascript:alert(1)", publisher=EVIL),
            cg.Statement(
                id="s1", actor="a", proposition="p", reports=[{"source": "src", "quote": EVIL}]
            ),
            cg.Statement(id="s2", actor="b", proposition="p", stance="denies", note=EVIL),
        ],
        title=EVIL,
    )


def _all_html(graph: cg.ClaimGraph) -> list[str]:
    out = [graph._repr_html_()]
    out += [c._repr_html_() for c in graph.contradictions()]
    out += [a._repr_html_() for a in graph.agreements()]
    out.append(graph.positions()._repr_html_())
    out.append(display.positions_html(graph.positions(), graph))
    out += [r._repr_html_() for r in graph]
    out.append(display.statements_html(graph.timeline(), graph))
    out.append(display.show(graph.timeline(), graph)._repr_html_())
    return out


def test_user_text_is_escaped_everywhere(evil: cg.ClaimGraph) -> None:
    pieces = _all_html(evil)
    assert len(pieces) >= 9
    for fragment in pieces:
        parsed = _parse(fragment)
        assert "img" not in parsed.tags and "script" not in parsed.tags, fragment
        assert not re.search(r"<img|<script|</script", fragment, re.IGNORECASE)
    # the text survives, readable: a claim is data, shown as it was written
    shown = "".join(_parse(evil._repr_html_()).text)
    assert "<img src=x" in shown
    assert "</script>" in "".join(_parse(display.statements_html(evil.timeline(), evil)).text)
    # and a javascript: URL never becomes a link
    assert 'href="javascript' not in "".join(pieces)


def test_graph_html_shows_counts_sides_actors_and_disputes(g: cg.ClaimGraph) -> None:
    text = html.unescape(re.sub(r"<[^>]+>", " ", g._repr_html_()))
    assert f"{len(g.statement_records)} statements" in text
    assert f"{len(g.propositions)} propositions" in text
    for side in g.sides():
        assert g.actors[side].name in text
    assert "Pakistan's defense minister" in text  # an actor under its side
    for c in g.contradictions():
        for t in c.texts:
            assert t in text
    assert "demand" in text  # counts by kind


def test_contradiction_html_has_quotes_sides_dates_and_sources(g: cg.ClaimGraph) -> None:
    c = g.contradictions()[0]
    text = html.unescape(c._repr_html_())
    for s in c.statements:
        for q in s.quotes:
            assert q in text
        assert g.actors[s.actor].name in text
        if s.said:
            assert s.said in text
    assert "Arab News" in text
    assert c.explanation in text
    assert "<details open>" in display.contradiction_html(c)
    assert "<details>" in display.contradiction_html(c, open=False)


def test_agreement_html_names_actors_and_sides(g: cg.ClaimGraph) -> None:
    a = g.agreements()[0]
    text = html.unescape(a._repr_html_())
    names = [g.actors[side].name for side in a.sides]
    assert f"— {', '.join(names)}</span>" in text
    for s in a.statements:
        assert f"<td>{g.actors[s.actor].name}</td>" in text
    assert f"— {', '.join(a.sides)}</span>" in html.unescape(display.agreement_html(a))


def test_positions_html_is_a_side_by_proposition_table(g: cg.ClaimGraph) -> None:
    pos = g.positions()
    fragment = pos._repr_html_()
    rows = re.findall(r"<tr>(.*?)</tr>", fragment)
    header = re.findall(r"<th[^>]*>(.*?)</th>", rows[0])
    # the auto-display names the sides and the propositions, with the ids as tooltips
    assert header == ["proposition", *(html.escape(g.actors[s].name) for s in pos.sides)]
    for side in pos.sides:
        assert f"<th title='{side}'>" in rows[0]
    assert f">{html.escape(g.propositions['militants-sheltered'].text)}</td>" in fragment
    bare = display.positions_html(pos)  # without a graph: the ids
    bare_head = re.findall(r"<tr>(.*?)</tr>", bare)[0]
    assert re.findall(r"<th[^>]*>(.*?)</th>", bare_head)[1:] == pos.sides
    assert len([r for r in rows if "<td" in r]) >= len(pos.propositions)
    sheltered = next(r for r in rows if "militants-sheltered" in r)
    cells = re.findall(r"<td>(.*?)</td>", sheltered)
    stances = [re.sub(r"<[^>]+>", "", c) for c in cells]
    assert stances == [pos.stance(s, "militants-sheltered") or "" for s in pos.sides]


def test_statements_html_is_compact_by_default() -> None:
    graph = cg.ClaimGraph(
        [cg.Actor(id="a", name="A"), cg.Proposition(id="p", text="P")]
        + [
            cg.Statement(id=f"s{i}", actor="a", proposition="p", said=f"{2000 + i}")
            for i in range(80)
        ]
    )
    fragment = display.statements_html(graph.timeline(), graph, limit=10)
    assert fragment.count("<tr>") == 11  # a header and ten rows
    assert "70 more" in fragment


def test_record_html_lists_fields(g: cg.ClaimGraph) -> None:
    s = g.statement_records["pk-sheltered"]
    text = html.unescape(s._repr_html_())
    assert "pakistan" in text and "militants-sheltered" in text
    assert all(q in text for q in s.quotes)


def test_reprs_stay_short(g: cg.ClaimGraph) -> None:
    assert len(repr(g)) < 200
    assert all(len(repr(c)) < 200 for c in g.contradictions())
    assert repr(display.show([]))
