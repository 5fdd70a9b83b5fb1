"""The standalone network page in a real browser: headless Chromium driven by Selenium.

CI installs Debian's ``chromium`` and ``chromium-driver`` (see ``.ci/run``); where they
are missing these tests skip, saying so. Screenshots are kept in ``test-artifacts/``
(``CLAIMGRAPH_ARTIFACTS`` overrides where).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import claimgraph as cg

pytest.importorskip("pyvis", reason="the network view needs the viz extra (pyvis)")
webdriver = pytest.importorskip("selenium.webdriver", reason="browser tests need selenium")

from claimgraph.view import view  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("CLAIMGRAPH_ARTIFACTS", ROOT / "test-artifacts"))


def _find(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _find("chromium", "chromium-browser", "google-chrome")
DRIVER = _find("chromedriver", "chromium-driver")
if CHROMIUM is None or DRIVER is None:
    pytest.skip(
        "headless Chromium and chromedriver are not installed"
        " (apt-get install chromium chromium-driver; .ci/run does this in CI)",
        allow_module_level=True,
    )

XSS_IMG = "<img src=x onerror=\"document.title='pwned'\">"
XSS_SCRIPT = "</script><script>document.title='pwned'</script>"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900"):
        options.add_argument(arg)
    options.add_argument("--disable-dev-shm-usage")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _open(driver: Any, path: Path, timeout: float = 120.0) -> None:
    """Load the page and wait until the layout has settled (the page marks it)."""
    driver.get(path.as_uri())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if driver.execute_script("return document.body.getAttribute('data-cg-ready')"):
            return
        time.sleep(0.2)
    raise AssertionError(f"{path.name}: the network never finished its layout")


def _drawn(driver: Any) -> tuple[int, int]:
    return tuple(  # type: ignore[return-value]
        driver.execute_script(
            "var b = claimgraphView.network.body;"
            "return [b.nodeIndices.length, b.edgeIndices.length];"
        )
    )


def _errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _shot(driver: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = ARTIFACTS / name
    driver.save_screenshot(str(out))
    assert out.stat().st_size > 10_000, "the screenshot is (nearly) empty"
    return out


def test_example_draws_every_node_and_edge_and_filters(browser: Any, tmp_path: Path) -> None:
    g = cg.load(cg.example_path())
    page = tmp_path / "istanbul.html"
    view(g, page)
    _open(browser, page)
    assert not _errors(browser)
    nodes = len(g.actors) + len(g.propositions) + len(g.statement_records)
    memberships = sum(len(a.member_of) for a in g.actors.values())
    links = sum(len(p.contradicts) + len(p.implies) for p in g.propositions.values())
    responses = sum(len(s.responds_to) for s in g.statement_records.values())
    edges = 2 * len(g.statement_records) + memberships + links + responses
    assert _drawn(browser) == (nodes, edges)
    # the canvas has been painted: not a single colour
    colours = browser.execute_script(
        "var c = document.querySelector('#cg-network canvas');"
        "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        "var seen = {};"
        "for (var i = 0; i < d.length; i += 4000) seen[d[i] + ',' + d[i+1] + ',' + d[i+2]] = 1;"
        "return Object.keys(seen).length;"
    )
    assert colours > 3
    shot = _shot(browser, "network-istanbul.png")
    assert shot.exists()

    # unchecking Afghanistan hides its actors and statements, and their edges
    afghan = {a for a in g.actors if g.side(a) == "afghanistan"}
    afghan_st = [s for s in g.statement_records.values() if s.actor in afghan]
    browser.find_element("css selector", "input[data-side='afghanistan']").click()
    shown = browser.execute_script("return claimgraphView.nodes.getIds();")
    assert not (set(shown) & (afghan | {s.id for s in afghan_st}))
    assert len(shown) == nodes - len(afghan) - len(afghan_st)
    assert _drawn(browser)[0] == len(shown)
    browser.find_element("css selector", "input[data-side='afghanistan']").click()
    assert _drawn(browser) == (nodes, edges)

    # choosing a proposition keeps it, its statements and their actors
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "cg-prop")).select_by_value("militants-sheltered")
    about = [s for s in g.statement_records.values() if s.proposition == "militants-sheltered"]
    expected = {"militants-sheltered"} | {s.id for s in about} | {s.actor for s in about}
    assert set(browser.execute_script("return claimgraphView.nodes.getIds();")) == expected
    _shot(browser, "network-istanbul-filtered.png")


def test_hostile_text_is_shown_as_text_and_runs_nothing(browser: Any, tmp_path: Path) -> None:
    g = cg.ClaimGraph(
        [
            cg.Actor(id="a", name=XSS_IMG),
            cg.Actor(id="b", name="B </script> side"),
            cg.Proposition(id="p", text=XSS_SCRIPT),
            cg.Source(id="src", title="</script>", url="javascript:alert(1)"),
            cg.Statement(
                id="s1",
                actor="a",
                proposition="p",
                reports=[{"source": "src", "quote": XSS_IMG + " and </script>"}],
            ),
            cg.Statement(id="s2", actor="b", proposition="p", stance="denies"),
        ],
        title=XSS_IMG,
    )
    page = tmp_path / "hostile.html"
    view(g, page)
    html = page.read_text(encoding="utf-8")
    assert "<img src=x" not in html
    assert "</script><script>document.title" not in html  # the data cannot end its script
    _open(browser, page)
    assert browser.title == XSS_IMG  # the <title> holds the text, not markup
    assert _drawn(browser) == (5, 4)
    assert browser.execute_script("return document.images.length;") == 0
    assert browser.execute_script("return document.scripts.length;") == 3
    # clicking the statement puts its quote in the panel, as text
    browser.execute_script(
        "var n = claimgraphView.network;"
        "n.selectNodes(['s1']); n.body.emitter.emit('click', {nodes: ['s1'], edges: []});"
    )
    info = browser.find_element("id", "cg-info")
    assert XSS_IMG in info.text
    assert "</script>" in info.text
    assert browser.execute_script("return document.images.length;") == 0
    sides = browser.find_element("id", "cg-sides").text
    assert XSS_IMG in sides and "B </script> side" in sides
    # hovering shows the tooltip as text too
    browser.execute_script(
        "var n = claimgraphView.network; var p = n.canvasToDOM(n.getPosition('s1'));"
        "var c = document.querySelector('#cg-network canvas');"
        "var r = c.getBoundingClientRect();"
        "c.dispatchEvent(new PointerEvent('pointermove', {clientX: r.left + p.x,"
        " clientY: r.top + p.y, bubbles: true}));"
    )
    time.sleep(0.6)
    assert browser.execute_script("return document.images.length;") == 0
    assert browser.title != "pwned"
    assert not [e for e in _errors(browser) if "pwned" in e]
    _shot(browser, "network-hostile.png")


def test_a_few_thousand_nodes_stay_usable(browser: Any, tmp_path: Path) -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks import generate as gen

    g = cg.ClaimGraph(gen.records_from_dicts(gen.generate_dicts(2500, seed=3)))
    page = tmp_path / "large.html"
    view(g, page)
    _open(browser, page, timeout=300)
    nodes = len(g.actors) + len(g.propositions) + len(g.statement_records)
    assert nodes > 3000
    assert _drawn(browser)[0] == nodes
    assert not _errors(browser)
    # filtering still works at this size
    side = g.sides()[0]
    browser.execute_script(f"claimgraphView.setSide({side!r}, false);")
    gone = {a for a in g.actors if g.side(a) == side}
    gone |= {s.id for s in g.statement_records.values() if s.actor in gone}
    assert _drawn(browser)[0] == nodes - len(gone)
    browser.execute_script(f"claimgraphView.setSide({side!r}, true);")
    _shot(browser, "network-large.png")


def test_the_rendered_markdown_report_and_notebook_html_run_nothing(
    browser: Any, tmp_path: Path
) -> None:
    """The report as MkDocs would render it, and every notebook table, in a real browser."""
    markdown = pytest.importorskip("markdown")
    from test_markup import MARK, hostile_graph, html_outputs

    def state(body: str, name: str) -> list[object]:
        page = tmp_path / name.replace(" ", "-")
        page.write_text(f"<!DOCTYPE html><meta charset=utf-8><body>{body}</body>", "utf-8")
        browser.get(page.as_uri())
        # give handlers a chance to fire: hover and focus everything
        browser.execute_script(
            "document.querySelectorAll('*').forEach(function (e) {"
            " ['mouseover', 'mouseenter', 'focus'].forEach(function (t) {"
            "  e.dispatchEvent(new Event(t, {bubbles: true})); }); });"
        )
        # wait until every image has loaded or failed (an onerror handler has then run)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not browser.execute_script(
            "return Array.from(document.images).every(function (i) { return i.complete; });"
        ):
            time.sleep(0.05)
        time.sleep(0.2)
        return list(
            browser.execute_script(
                "return [window.cgPwned === undefined, document.images.length,"
                " document.querySelectorAll('script, iframe, object, embed').length,"
                " Array.from(document.links).filter(function (a) {"
                "  return !/^https?:$/.test(a.protocol); }).length];"
            )
        )

    # the check sees a payload that does run: python-markdown passes raw HTML through
    control = markdown.markdown(f'x <img src="x" onerror="{MARK}"> y')
    assert state(control, "control.html")[0] is False

    g = hostile_graph()
    pages = {"report.html": markdown.markdown(cg.report(g, format="markdown"))}
    pages.update({f"{name}.html": html for name, html in html_outputs(g).items()})
    for name, body in pages.items():
        assert state(body, name) == [True, 0, 0, 0], name
        if name == "report.html":  # and the payloads are there, as text
            assert "<img src=x onerror" in browser.find_element("tag name", "body").text
