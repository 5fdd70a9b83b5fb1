"""The ``claimgraph`` command line: ``report``, ``validate`` and ``schema``.

Exit status: 0 on success, 1 when a file has problems (each printed with its line),
2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import __version__
from .exceptions import ClaimGraphError, InvalidDataError
from .io import load, schema, validate
from .report import report

__all__ = ["main"]


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

    p = sub.add_parser(
        "validate",
        help="check files and list every problem found",
        description="Check files and list every problem (record, field, line);"
        " exit 1 if there is any.",
    )
    p.add_argument("files", metavar="FILE", nargs="+", help="claimgraph files to check")

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
    return parser


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
            print(report(load(args.file), format=args.format), end="")
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
                except ValueError as exc:
                    print(f"{path}: {exc}", file=sys.stderr)
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
        print(json.dumps(schema(args.format), indent=2, ensure_ascii=False))
        return 0
    except InvalidDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (ClaimGraphError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
