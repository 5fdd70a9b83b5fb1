"""The ``claimgraph`` command line: ``report``, ``validate``, ``schema``, ``import``, ``export``,
``view``, ``draft``.

Exit status: 0 on success, 1 when a file has problems (each printed with its line),
2 on a usage error.

A file that cannot be read or written never ends in a traceback: the command prints one
screen at most (``error:``, the file, and each problem with its record, field and line)
and exits with status 1.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator, Sequence

from . import __version__
from .exceptions import ClaimGraphError, InvalidArgumentError
from .io import FORMAT_VERSION, load, loads, migrate, schema, validate
from .reports import report

__all__ = ["main"]


MAX_LINES = 24
"""The most lines an error message takes (the problems beyond are counted, not shown)."""
MAX_WIDTH = 240
"""The longest line of an error message, in characters."""


class _FileError(Exception):
    """A problem with the file ``path``: ``error`` is what was raised."""

    def __init__(self, path: str, error: BaseException) -> None:
        super().__init__(path, error)
        self.path = path
        self.error = error


@contextlib.contextmanager
def _about(path: str) -> Iterator[None]:
    """Name ``path`` in what goes wrong in the block (a bad file, or the system refusing
    it)."""
    try:
        yield
    except (ClaimGraphError, OSError, ValueError) as exc:
        raise _FileError(path, exc) from exc


def _message(error: BaseException, path: str | None = None) -> str:
    """``error`` for people: ``error: <file>: ...``, one screen at most.

    The file is ``path`` (the file being read or written), else the one an operating
    system error names; ``path`` is not repeated when the message's first line names it.
    Lines beyond :data:`MAX_LINES` are counted, not shown, and long lines are cut.
    """
    if isinstance(error, OSError) and (error.filename is not None or path is not None):
        name = error.filename
        text = f"{path or name}: {error.strerror or error}"
        if path is not None and name is not None and str(name) != path:
            text += f" ({name})"
    else:
        text = str(error) or type(error).__name__
        if path is not None and path not in text.split("\n", 1)[0]:
            text = f"{path}: {text}"
    lines = [
        line if len(line) <= MAX_WIDTH else line[: MAX_WIDTH - 1] + "…"
        for line in text.splitlines()
    ]
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], f"  ... and {len(lines) - MAX_LINES + 1} more lines"]
    return "error: " + "\n".join(lines)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimgraph",
        description="Track claims and counterclaims in disputes.",
    )
    parser.add_argument("--version", action="version", version=f"claimgraph {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "report",
        help="print the disputes, inconsistencies, agreements and demands of a file",
        description="Print the disputes, inconsistencies, agreements and demands of a file.",
    )
    p.add_argument("file", metavar="FILE", help="a .json or .yaml claimgraph file")
    p.add_argument(
        "--format",
        "-f",
        choices=["text", "markdown", "json"],
        default="text",
        help="output format (default: text)",
    )
    p.add_argument(
        "--implied",
        action="store_true",
        help="also report clashes through implication chains: propositions that imply"
        " mutually exclusive ones, both asserted",
    )

    p = sub.add_parser(
        "validate",
        help="check files and list every problem found",
        description="Check files and list every problem (record, field, line);"
        " exit 1 if there is any.",
    )
    p.add_argument("files", metavar="FILE", nargs="+", help="claimgraph files to check")

    p = sub.add_parser(
        "migrate",
        help="rewrite files of an older format version as the current one",
        description="Rewrite claimgraph files of an older format version (1) as the current"
        " one, in place (a YAML file keeps its comments and layout) or to -o OUT; each file"
        " is checked first and nothing is written if it has problems.",
    )
    p.add_argument("files", metavar="FILE", nargs="+", help="claimgraph files to migrate")
    p.add_argument("-o", "--output", metavar="OUT", help="write here (one FILE only)")

    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of the file format",
        description="Print the JSON Schema of the native JSON format or the YAML authoring"
        " format, for editors that validate files as they are typed.",
    )
    p.add_argument(
        "--format",
        "-f",
        choices=["json", "yaml"],
        default="json",
        help="which file format (default: json)",
    )
    _add_format_commands(sub)
    p = sub.add_parser(
        "view",
        help="write the interactive network view of a file as a standalone HTML page",
        description="Write the interactive network view of FILE (actors by side, statements,"
        " propositions, contradictions; filters by side and proposition) as one HTML page"
        " that works offline. Needs the viz extra.",
    )
    p.add_argument("file", metavar="FILE", help="a claimgraph file (or any file import reads)")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the .html file to write")
    p.add_argument("--title", help="the page title (default: the graph's title)")
    p.add_argument("--sources", action="store_true", help="draw the sources too")
    p = sub.add_parser(
        "draft",
        help="draft the statements of an article from its text",
        description="Read the plain text of a news article and write a draft claimgraph file:"
        " the actors, propositions and statements found by the rules of claimgraph.extract,"
        " each statement with a comment quoting its sentence and its character offsets in its"
        " note. Check and correct the draft, then load it like any other file.",
    )
    p.add_argument("article", metavar="ARTICLE", help="the article, a UTF-8 text file")
    p.add_argument(
        "-o", "--output", metavar="OUT", help="the file to write (default: standard output)"
    )
    p.add_argument(
        "--format",
        "-f",
        choices=["yaml", "json"],
        help="yaml (the authoring format, with comments) or json (default: from OUT, else yaml)",
    )
    p.add_argument("--url", help="the article's URL")
    p.add_argument("--publisher", help="the outlet that published it")
    p.add_argument(
        "--published", metavar="DATE", help="when it was published (places 'yesterday' etc.)"
    )
    p.add_argument("--title", help="its title (default: its first line, if a headline)")
    return parser


def _draft(args: argparse.Namespace) -> int:
    """Run ``draft``."""
    from ._atomic import write_text
    from .extract import draft_yaml
    from .io import dumps

    with _about(args.article), open(args.article, encoding="utf-8") as fh:
        text = fh.read()
    source = {
        "url": args.url,
        "publisher": args.publisher,
        "published": args.published,
        "title": args.title,
    }
    fmt = args.format
    if fmt is None:
        fmt = "json" if args.output and args.output.lower().endswith(".json") else "yaml"
    out = draft_yaml(text, source=source)
    graph = loads(out, format="yaml")
    if fmt == "json":
        out = dumps(graph, format="json")
    if args.output is None:
        print(out, end="")
        return 0
    with _about(args.output):
        write_text(args.output, out)
    print(f"wrote {args.output}: {len(graph.statement_records)} statements, check them")
    return 0


def _add_format_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``import`` and ``export`` subcommands (formats of :mod:`claimgraph.formats`)."""
    from .formats import FORMATS

    listing = "; ".join(f"{n} ({', '.join(f.extensions)})" for n, f in FORMATS.items())
    p = sub.add_parser(
        "import",
        help="convert a file of another format into a claimgraph file",
        description="Read IN in another format and write it as a claimgraph file"
        f" (.json or .yaml). Formats: {listing}. A plain .json input is recognised by its"
        " content. Nothing is written if IN has any problem.",
    )
    p.add_argument("input", metavar="IN", help="the file to import")
    p.add_argument(
        "--from",
        dest="from_format",
        metavar="FORMAT",
        choices=list(FORMATS),
        help="the format of IN (default: from its name or content)",
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the claimgraph file to write"
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="THEIRS=OURS",
        help="csv only: read column THEIRS as OURS (OURS empty: ignore it); repeatable",
    )
    p = sub.add_parser(
        "export",
        help="convert a claimgraph file into another format",
        description="Read IN (a claimgraph file, or any file import reads) and write it as"
        f" FORMAT. Formats: {listing}. Nothing is written if anything fails.",
    )
    p.add_argument(
        "input", metavar="IN", help="a claimgraph .json or .yaml file, or any file import reads"
    )
    p.add_argument(
        "--to",
        dest="to_format",
        metavar="FORMAT",
        choices=list(FORMATS),
        help="the format to write (default: from the name of OUT)",
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")


def _convert(args: argparse.Namespace) -> int:
    """Run ``import`` or ``export``."""
    from . import formats
    from .io import save

    if args.command == "import":
        if args.map and (args.from_format or formats.format_of(args.input)) != "csv":
            raise InvalidArgumentError("--map applies to csv input only")
        mapping: dict[str, str | None] = {}
        for item in args.map:
            theirs, sep, ours = item.partition("=")
            if not sep:
                raise InvalidArgumentError(f"--map {item!r}: write THEIRS=OURS")
            mapping[theirs] = ours or None
        with _about(args.input):
            if mapping:
                from .formats.tables import read_csv

                graph = read_csv(args.input, mapping)
            else:
                graph = formats.read(args.input, args.from_format)
        with _about(args.output):
            save(graph, args.output)
        sizes = [
            (len(graph.statement_records), "statement"),
            (len(graph.propositions), "proposition"),
            (len(graph.actors), "actor"),
            (len(graph.sources), "source"),
            (len(graph.reviews), "review"),
        ]
        counts = [f"{n} {w}{'' if n == 1 else 's'}" for n, w in sizes if n or w != "review"]
        print(f"wrote {args.output}: {', '.join(counts)}")
        return 0
    with _about(args.input):
        foreign = formats.format_of(args.input, sniff=True)
        graph = formats.read(args.input, foreign) if foreign else load(args.input)
    with _about(args.output):
        formats.write(graph, args.output, args.to_format)
    fmt = args.to_format or formats.format_of(args.output)
    print(f"wrote {args.output} ({fmt}): {len(graph.statement_records)} statements")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    """``claimgraph migrate FILE… [-o OUT]``: one line per file; exit 1 if any failed."""
    if args.output is not None and len(args.files) != 1:
        print("error: -o/--output takes one FILE", file=sys.stderr)
        return 2
    status = 0
    for path in args.files:
        try:
            with _about(path):
                version = migrate(path, output=args.output)
        except _FileError as exc:
            print(_message(exc.error, exc.path), file=sys.stderr)
            status = 1
            continue
        where = args.output or path
        if version == FORMAT_VERSION:
            print(f"{where}: already format version {FORMAT_VERSION}")
        else:
            print(f"{where}: format version {version} → {FORMAT_VERSION}")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Examples
    --------
    >>> import claimgraph as cg
    >>> from claimgraph.cli import main
    >>> main(["validate", str(cg.example_path())])
    ok: ...istanbul-talks.yaml
    0
    """
    args = _build_parser().parse_args(argv)
    try:
        if args.command == "report":
            with _about(args.file):
                graph = load(args.file)
            print(report(graph, format=args.format, implied=args.implied), end="")
            return 0
        if args.command == "validate":
            status = 0
            for path in args.files:
                try:
                    errors = validate(path)
                except OSError as exc:
                    print(f"{path}: {exc.strerror or exc}", file=sys.stderr)
                    status = 1
                    continue
                except (ClaimGraphError, ValueError) as exc:
                    print(f"{path}: {_message(exc).removeprefix('error: ')}", file=sys.stderr)
                    status = 1
                    continue
                if errors:
                    status = 1
                    print(f"{path}: {len(errors)} problem(s)", file=sys.stderr)
                    for e in errors:
                        print(f"  {e}", file=sys.stderr)
                else:
                    print(f"ok: {path}")
            return status
        if args.command == "view":
            from . import formats
            from .view import view

            with _about(args.file):
                foreign = formats.format_of(args.file, sniff=True)
                graph = formats.read(args.file, foreign) if foreign else load(args.file)
            with _about(args.output):
                view(graph, args.output, title=args.title, sources=args.sources)
            print(f"wrote {args.output}: {len(graph.statement_records)} statements")
            return 0
        if args.command == "migrate":
            return _migrate(args)
        if args.command in ("import", "export"):
            return _convert(args)
        if args.command == "draft":
            return _draft(args)
        print(json.dumps(schema(args.format), indent=2, ensure_ascii=False))
        return 0
    except _FileError as exc:
        print(_message(exc.error, exc.path), file=sys.stderr)
        return 1
    except (ClaimGraphError, OSError, ValueError) as exc:
        print(_message(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
