"""The documentation is tested against the code, so that it cannot fall behind.

- the site builds with ``mkdocs build --strict`` (broken links, anchors and API
  references are errors), and the API page renders every name in ``claimgraph.__all__``;
- every public name has a ``::: claimgraph...`` directive, and every subcommand and option
  of the command line is documented in ``docs/cli.md``;
- the code in the docs runs: every ```` ```python ```` block and every ```` ```pycon ````
  session (checked as a doctest) of each page and of the README, in order, in one namespace
  per page, from the repository root; every YAML and JSON example of a whole file loads;
  every ```` ```console ```` session prints what the page says it prints.

Markers, as an HTML comment on the line(s) just before a fenced block:

- ``<!-- no-test -->`` — the block is not run or checked (use sparingly);
- ``<!-- invalid -->`` — a YAML/JSON file example that must be *rejected* by the loader;
- ``<!-- file: NAME -->`` — the block is written to ``NAME`` in the scratch folder where the
  page's console sessions run (next to a copy of ``examples/``).
"""

from __future__ import annotations

import argparse
import doctest
import importlib
import inspect
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

import claimgraph as cg
from claimgraph.cli import _build_parser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DOC_PAGES = sorted(DOCS.glob("*.md"))
CODE_PAGES = [*DOC_PAGES, ROOT / "README.md"]
MARKERS = {"no-test", "invalid", "file"}


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# ---------------------------------------------------------------------------- fenced blocks
@dataclass
class Block:
    """One fenced code block of a Markdown page."""

    path: Path
    line: int  # 1-based line of the opening fence
    lang: str
    text: str
    markers: dict[str, str] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"{_rel(self.path)}:{self.line}"


_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w+-]*)")
_COMMENT = re.compile(r"^\s*<!--\s*(?P<body>.*?)\s*-->\s*$")


def _markers(lines: list[str], fence_index: int, where: str) -> dict[str, str]:
    """The ``<!-- ... -->`` markers on the lines just above a fence (blank lines allowed)."""
    found: dict[str, str] = {}
    i = fence_index - 1
    while i >= 0:
        if not lines[i].strip():
            i -= 1
            continue
        m = _COMMENT.match(lines[i])
        if m is None:
            break
        name, _, value = m.group("body").partition(":")
        name = name.strip()
        if name not in MARKERS:
            raise AssertionError(
                f"{where}: unknown marker <!-- {m.group('body')} --> (known: {sorted(MARKERS)})"
            )
        found[name] = value.strip()
        i -= 1
    return found


def parse_blocks(path: Path, text: str | None = None) -> list[Block]:
    """Every fenced block of a Markdown file, with its language, text and markers."""
    lines = (path.read_text(encoding="utf-8") if text is None else text).splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if m is None:
            i += 1
            continue
        indent, fence = m.group("indent"), m.group("fence")
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines) and not (
            lines[i].strip().startswith(fence) and lines[i].strip().strip(fence[0]) == ""
        ):
            line = lines[i]
            body.append(line[len(indent) :] if line.startswith(indent) else line.lstrip())
            i += 1
        if i >= len(lines):
            raise AssertionError(f"{_rel(path)}:{start + 1}: code block is never closed")
        where = f"{_rel(path)}:{start + 1}"
        blocks.append(
            Block(
                path,
                start + 1,
                m.group("lang").lower(),
                "\n".join(body) + "\n",
                _markers(lines, start, where),
            )
        )
        i += 1
    return blocks


def _blocks(pages: list[Path], *langs: str) -> list[Block]:
    return [b for p in pages for b in parse_blocks(p) if b.lang in langs]


def test_block_parser_reads_languages_markers_and_indented_fences() -> None:
    text = (
        "text\n\n<!-- no-test -->\n```python\nboom()\n```\n\n"
        "!!! note\n    <!-- file: a.yaml -->\n    ```yaml\n    claimgraph: 1\n    ```\n"
    )
    blocks = parse_blocks(ROOT / "docs" / "x.md", text)
    assert [(b.lang, b.line, b.markers) for b in blocks] == [
        ("python", 4, {"no-test": ""}),
        ("yaml", 10, {"file": "a.yaml"}),
    ]
    assert blocks[1].text == "claimgraph: 1\n"
    with pytest.raises(AssertionError, match="unknown marker"):
        parse_blocks(ROOT / "docs" / "x.md", "<!-- no_test -->\n```python\nx\n```\n")


# ---------------------------------------------------------------------------- the site
@dataclass
class Site:
    """The outcome of ``mkdocs build --strict``."""

    folder: Path
    proc: subprocess.CompletedProcess[str]

    def built(self) -> Path:
        assert self.proc.returncode == 0, (
            f"mkdocs build --strict failed with status {self.proc.returncode}:\n"
            f"{self.proc.stderr}\n{self.proc.stdout}"
        )
        return self.folder


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The site, built once with ``mkdocs build --strict`` into a temporary folder."""
    try:
        import mkdocs  # noqa: F401
    except ImportError:
        pytest.skip("mkdocs is not installed: pip install -e '.[docs]' to build the docs")
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Site(out, proc)


def test_site_builds_strictly(site: Site) -> None:
    folder = site.built()
    pages = {p.relative_to(folder).as_posix() for p in folder.rglob("index.html")}
    for page in DOC_PAGES:
        name = "index.html" if page.stem == "index" else f"{page.stem}/index.html"
        assert name in pages, f"{_rel(page)} was not rendered"


_HEADING = re.compile(
    r'<h\d id="(?P<id>claimgraph(?:\.\w+)+)" class="doc doc-heading">\s*'
    r'<code class="doc-symbol doc-symbol-heading doc-symbol-(?P<kind>\w+)">'
)


def _symbol_kind(obj: Any) -> str:
    if inspect.isclass(obj):
        return "class"
    if inspect.isroutine(obj):
        return "function"
    return "attribute"  # constants and type aliases (Stance, Record, PartialDate)


def test_api_page_renders_every_public_name(site: Site) -> None:
    """Each public name has an entry of the right kind (a function as a function, not a
    module of the same name)."""
    html = (site.built() / "api" / "index.html").read_text(encoding="utf-8")
    rendered = {m.group("id"): m.group("kind") for m in _HEADING.finditer(html)}
    assert rendered, "the API page has no mkdocstrings entries"
    problems = []
    for name in cg.__all__:
        want = _symbol_kind(getattr(cg, name))
        ids = [i for i in rendered if i.endswith(f".{name}") and i.count(".") <= 2]
        if not any(rendered[i] == want for i in ids):
            got = ", ".join(f"{i} ({rendered[i]})" for i in ids) or "nothing"
            problems.append(f"{name}: expected a {want}, rendered {got}")
    assert not problems, "the API page does not render:\n" + "\n".join(problems)


# ---------------------------------------------------------------------------- public names
_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*):::[ \t]+(?P<target>[\w.]+)[ \t]*$")


def _resolve(target: str) -> Any:
    """The object a mkdocstrings identifier such as ``claimgraph.io.load`` names."""
    parts = target.split(".")
    for n in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:n]))
        except ImportError:
            continue
        for attr in parts[n:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(target)


def documented_names(text: str, where: str = "docs") -> set[str]:
    """Names of ``claimgraph.__all__`` documented by ``:::`` directives in ``text``.

    A name counts when a directive names it (``::: claimgraph.load`` or
    ``::: claimgraph.io.load``) and resolves to the very object ``claimgraph.load`` is, or
    when a module directive lists it explicitly under ``options: members:``. A directive
    that resolves to nothing fails: it would render nothing.
    """
    lines = text.splitlines()
    found: set[str] = set()
    public = {name: getattr(cg, name) for name in cg.__all__}
    for i, line in enumerate(lines):
        m = _DIRECTIVE.match(line)
        if m is None:
            continue
        target = m.group("target")
        try:
            obj = _resolve(target)
        except (ImportError, AttributeError):
            raise AssertionError(f"{where}: '::: {target}' names nothing importable") from None
        last = target.rsplit(".", 1)[-1]
        if last in public and obj is public[last]:
            found.add(last)
        # explicitly listed members of a module: the indented YAML below the directive
        options: list[str] = []
        for follow in lines[i + 1 :]:
            if follow.strip() and not follow.startswith((" ", "\t")):
                break
            options.append(follow)
        parsed = yaml.safe_load("\n".join(options)) if options else None
        opts = parsed.get("options") if isinstance(parsed, dict) else None
        members = opts.get("members") if isinstance(opts, dict) else None
        for member in members if isinstance(members, list) else []:
            if member in public and getattr(obj, member, None) is public[member]:
                found.add(member)
    return found


def _all_docs_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in DOC_PAGES)


def test_every_public_name_is_documented() -> None:
    missing = sorted(set(cg.__all__) - documented_names(_all_docs_text()))
    assert not missing, f"public names with no '::: claimgraph...' directive in docs/: {missing}"


def test_name_check_notices_a_dropped_name() -> None:
    """The check above is not vacuous: drop one directive and the name is reported."""
    api = (DOCS / "api.md").read_text(encoding="utf-8")
    assert "::: claimgraph.ClaimGraph\n" in api
    dropped = api.replace("::: claimgraph.ClaimGraph\n", "")
    assert "ClaimGraph" in documented_names(api)
    assert "ClaimGraph" not in documented_names(dropped)
    # a directive naming another object with the same last name does not count
    assert "load" not in documented_names("::: claimgraph.io.loads\n")
    # an explicit member list does
    listed = "::: claimgraph.io\n    options:\n      members:\n        - load\n        - save\n"
    assert {"load", "save"} <= documented_names(listed)
    with pytest.raises(AssertionError, match="names nothing"):
        documented_names("::: claimgraph.no_such_thing\n")


# ---------------------------------------------------------------------------- command line
def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = _build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the claimgraph parser has no subcommands")


def _sections(markdown: str) -> dict[str, str]:
    """Level-2 sections of a page: heading text → body."""
    out: dict[str, str] = {}
    head = ""
    for line in markdown.splitlines():
        if line.startswith("## "):
            head = line[3:].strip()
            out[head] = ""
        elif head:
            out[head] += line + "\n"
    return out


def _mentions(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` as a whole word (``-f`` is not in ``--format``)."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def undocumented_cli(markdown: str) -> list[str]:
    """Subcommands without a ``## `claimgraph NAME` `` section in ``markdown``, and options
    (and positional arguments) of a subcommand not mentioned in its section."""
    sections = _sections(markdown)
    problems = []
    top = _build_parser()
    for action in top._actions:
        for opt in action.option_strings:
            if opt not in ("-h", "--help") and not _mentions(markdown, opt):
                problems.append(f"claimgraph {opt}")
    for name, sub in _subcommands().items():
        pattern = re.compile(rf"\bclaimgraph {re.escape(name)}\b")
        body = next((b for h, b in sections.items() if pattern.search(h)), None)
        if body is None:
            problems.append(f"claimgraph {name}")
            continue
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            words = list(action.option_strings) or [str(action.metavar or action.dest)]
            problems += [f"claimgraph {name} {w}" for w in words if not _mentions(body, w)]
            for choice in action.choices or ():
                if not _mentions(body, choice):
                    problems.append(f"claimgraph {name} {words[0]} {choice}")
    return problems


def test_every_cli_command_and_option_is_documented() -> None:
    problems = undocumented_cli((DOCS / "cli.md").read_text(encoding="utf-8"))
    assert not problems, f"not documented in docs/cli.md: {problems}"


def test_cli_check_notices_a_dropped_command() -> None:
    cli_md = (DOCS / "cli.md").read_text(encoding="utf-8")
    names = list(_subcommands())
    assert names, "no subcommands found"
    for name in names:
        without = re.sub(rf"^## .*\bclaimgraph {name}\b.*$", "## gone", cli_md, flags=re.M)
        assert f"claimgraph {name}" in undocumented_cli(without)
    # an option dropped from a command's section is noticed, even if a longer one remains
    assert _mentions("`--format`, `-f`", "-f")
    assert not _mentions("`--format`", "-f")


# ---------------------------------------------------------------------------- code blocks
_RUNNABLE = ("python", "pycon")


def _runnable_pages() -> list[Path]:
    return [p for p in CODE_PAGES if any(b.lang in _RUNNABLE for b in parse_blocks(p))]


def test_docs_have_code_to_run() -> None:
    pages = {_rel(p) for p in _runnable_pages()}
    assert {"README.md", "docs/getting-started.md"} <= pages


@pytest.mark.parametrize("page", _runnable_pages(), ids=_rel)
def test_code_blocks_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each page's python blocks and pycon sessions, in order, in one namespace."""
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    ran = 0
    for block in parse_blocks(page):
        if block.lang not in _RUNNABLE or "no-test" in block.markers:
            continue
        ran += 1
        if block.lang == "python":
            code = compile(block.text, block.where, "exec")
            try:
                exec(code, namespace)  # noqa: S102 - running our own documentation
            except Exception:
                pytest.fail(f"{block.where}: the python block raised\n{traceback.format_exc()}")
        else:
            test = doctest.DocTestParser().get_doctest(
                block.text, namespace, block.where, str(block.path), block.line
            )
            runner = doctest.DocTestRunner(
                optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
            )
            out = io.StringIO()
            runner.run(test, out=out.write, clear_globs=False)
            namespace.update(test.globs)  # a DocTest runs in a copy of the namespace
            if runner.failures:
                pytest.fail(f"{block.where}: the pycon session differs\n{out.getvalue()}")
    assert ran, f"{_rel(page)} has no code block that runs"


def _is_file_example(block: Block) -> bool:
    if block.lang == "yaml":
        for line in block.text.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                return re.match(r"claimgraph\s*:", line) is not None
        return False
    if block.lang == "json":
        return re.search(r'"format"\s*:\s*"claimgraph"', block.text) is not None
    return False


_FILE_EXAMPLES = [
    b
    for b in _blocks(CODE_PAGES, "yaml", "json")
    if _is_file_example(b) and "no-test" not in b.markers
]


def test_docs_have_file_examples() -> None:
    assert any(b.lang == "yaml" for b in _FILE_EXAMPLES)
    assert any(b.lang == "json" for b in _FILE_EXAMPLES)
    assert any("invalid" in b.markers for b in _FILE_EXAMPLES)


@pytest.mark.parametrize("block", _FILE_EXAMPLES, ids=lambda b: b.where)
def test_file_examples_load(block: Block) -> None:
    """YAML blocks starting with ``claimgraph:`` and JSON blocks with
    ``"format": "claimgraph"`` load; those marked invalid are rejected."""
    if "invalid" in block.markers:
        with pytest.raises(cg.InvalidDataError):
            cg.loads(block.text, format=block.lang, path=block.where)  # type: ignore[arg-type]
        return
    try:
        graph = cg.loads(block.text, format=block.lang, path=block.where)  # type: ignore[arg-type]
    except cg.InvalidDataError as exc:
        pytest.fail(f"{block.where}: the {block.lang} example does not load:\n{exc}")
    assert len(graph) > 0, f"{block.where}: the example holds no records"


# ---------------------------------------------------------------------------- console sessions
_CONSOLE = [b for b in _blocks(DOC_PAGES, "console") if "no-test" not in b.markers]


def test_docs_have_console_sessions() -> None:
    assert any(b.path.name == "cli.md" for b in _CONSOLE)


def _session(text: str) -> list[tuple[str, list[str]]]:
    """``$ command`` lines, each with the output lines shown after it."""
    steps: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:].strip(), []))
        elif steps:
            steps[-1][1].append(line.rstrip())
        elif line.strip():
            raise AssertionError(f"output before the first '$ ' command: {line!r}")
    return steps


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1]:
        lines = lines[:-1]
    return lines


@pytest.mark.parametrize("block", _CONSOLE, ids=lambda b: b.where)
def test_console_sessions_print_what_the_docs_show(block: Block, tmp_path: Path) -> None:
    """Each ``$ claimgraph ...`` runs in a scratch folder holding a copy of ``examples/``
    and the page's ``<!-- file: NAME -->`` blocks; its stdout then stderr must match the
    lines shown (a last line ``...`` means the output goes on). ``$ echo $?`` shows the
    exit status of the command before it."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    for b in parse_blocks(block.path):
        if "file" in b.markers:
            (tmp_path / b.markers["file"]).write_text(b.text, encoding="utf-8")
    env = {**os.environ, "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"}
    status: int | None = None
    steps = _session(block.text)
    assert steps, f"{block.where}: no '$ ' command in the console block"
    for command, shown in steps:
        if command == "echo $?":
            assert status is not None, f"{block.where}: 'echo $?' before any command"
            actual = [str(status)]
        else:
            argv = shlex.split(command)
            assert argv[0] == "claimgraph", f"{block.where}: not a claimgraph command: {command}"
            proc = subprocess.run(
                [sys.executable, "-m", "claimgraph", *argv[1:]],
                cwd=tmp_path,
                env=env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                check=False,
            )
            status = proc.returncode
            actual = [line.rstrip() for line in (proc.stdout + proc.stderr).splitlines()]
        expected = _trim(shown)
        if expected and expected[-1] == "...":
            expected = expected[:-1]
            actual = actual[: len(expected)]
        assert _trim(actual) == expected, (
            f"{block.where}: '$ {command}' printed something else:\n" + "\n".join(actual)
        )
