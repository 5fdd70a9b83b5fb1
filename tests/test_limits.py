"""Input limits (issue 10, part 2): every loader refuses hostile input fast and cheaply.

Each reproduction of the issue is a regression test here: ``{},`` floods as native JSON and
through :func:`claimgraph.formats._safe.load_json` (what node-link, AIF and ClaimReview
read with), huge integers, a YAML alias bomb under every field of every record type, and
an unhashable YAML id. Each limit of :class:`~claimgraph.formats._safe.Limits` is shown to
refuse a small input when lowered and to accept it by default. Memory is checked with the
``tracemalloc`` peak, never with the clock. The fuzz tests mutate a real file and assert
that only :class:`claimgraph.ClaimGraphError` escapes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fuzzing import FUZZ
from hypothesis import given
from hypothesis import strategies as st

import claimgraph as cg
import claimgraph.io as cg_io
from claimgraph.formats import _safe
from claimgraph.formats._safe import DEFAULT_LIMITS, Limits, current_limits, limits

MB = 1_000_000


def _peak(fn: Callable[[], Any]) -> tuple[int, BaseException | None]:
    """The tracemalloc peak of ``fn()`` in bytes, and what it raised."""
    tracemalloc.start()
    try:
        fn()
        raised: BaseException | None = None
    except Exception as exc:  # returned to the test to check
        raised = exc
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak, raised


def _codes(exc: BaseException | None) -> list[str]:
    assert isinstance(exc, cg.ClaimGraphError), repr(exc)
    return [e.code for e in exc.errors]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def example_json() -> str:
    return cg.dumps(cg.load(cg.example_path()), format="json")


@pytest.fixture(scope="module")
def example_yaml() -> str:
    return cg.example_path().read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- the API
def test_limits_are_documented_defaults_and_restored_after_the_block() -> None:
    assert current_limits() is DEFAULT_LIMITS
    assert DEFAULT_LIMITS.max_bytes == _safe.MAX_BYTES == 256 * 1024 * 1024
    assert DEFAULT_LIMITS.max_depth == _safe.MAX_DEPTH == 100
    assert cg_io.limits is limits and cg_io.Limits is Limits
    with limits(max_records=7) as outer:
        assert current_limits() is outer and outer.max_records == 7
        with limits(max_errors=3):
            assert (current_limits().max_records, current_limits().max_errors) == (7, 3)
        assert current_limits() is outer
        with pytest.raises(RuntimeError), limits(max_depth=2):
            raise RuntimeError
        assert current_limits() is outer
    assert current_limits() is DEFAULT_LIMITS
    with limits(Limits(max_string=5)):
        assert current_limits() == Limits(max_string=5)


@pytest.mark.parametrize("bad", [0, -1, 1.5, "10", True])
def test_limits_must_be_positive_ints(bad: Any) -> None:
    with pytest.raises(ValueError, match="max_records"):
        Limits(max_records=bad)
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_LIMITS.max_records = 1  # type: ignore[misc]


# ---------------------------------------------------------------------------- each limit
def _native_errors(text: str) -> list[str]:
    with pytest.raises(cg.FileFormatError) as info:
        cg.loads(text)
    return [e.code for e in info.value.errors]


def test_max_bytes(example_json: str, example_yaml: str, tmp_path: Path) -> None:
    path = tmp_path / "talks.yaml"
    path.write_text(example_yaml, encoding="utf-8")
    cg.load(path)
    with limits(max_bytes=1000):
        for call in (
            lambda: cg.load(path),
            lambda: cg.loads(example_json),
            lambda: cg.loads(example_yaml, format="yaml"),
            lambda: _safe.read_bytes(path),
            lambda: _safe.load_json(example_json),
        ):
            with pytest.raises(cg.FileFormatError) as info:
                call()
            assert [e.code for e in info.value.errors] == ["too_large"]
        assert cg.validate(path)[0].code == "too_large"


def test_files_are_read_with_universal_newlines(example_json: str, tmp_path: Path) -> None:
    path = tmp_path / "crlf.json"
    path.write_bytes(example_json.replace("\n", "\r\n").encode("utf-8"))
    assert cg.load(path) == cg.loads(example_json)
    broken = example_json.replace('"stance":"denies"', '"stance":"maybe"', 1)
    path.write_bytes(broken.replace("\n", "\r\n").encode("utf-8"))
    [err] = cg.validate(path)
    assert err.line == broken[: broken.index('"maybe"')].count("\n") + 1


def test_max_records(example_json: str) -> None:
    cg.loads(example_json)
    _safe.load_json(example_json)
    with limits(max_records=5):
        assert _native_errors(example_json) == ["too_many_records"]
        with pytest.raises(cg.FileFormatError, match="too_many_records"):
            _safe.load_json(example_json)
        # brackets inside strings are not containers: the exact count decides
        assert _safe.load_json(json.dumps(["{[{[{[{[", "]}]}]}"])) == ["{[{[{[{[", "]}]}]}"]


def test_max_string(example_json: str, example_yaml: str) -> None:
    with limits(max_string=20):
        assert _native_errors(example_json) == ["string_too_long"]
        compact = json.dumps(json.loads(example_json))  # one line: the one-pass path
        assert _native_errors(compact) == ["string_too_long"]
        with pytest.raises(cg.FileFormatError) as info:
            cg.loads(example_yaml, format="yaml")
        [err] = info.value.errors
        assert err.code == "string_too_long" and err.line is not None
        with pytest.raises(cg.FileFormatError, match="string_too_long"):
            _safe.load_json('{"k": "' + "x" * 21 + '"}')
        with pytest.raises(cg.FileFormatError, match="string_too_long"):
            _safe.load_json('{"' + "k" * 21 + '": 1}')  # keys too
        assert _safe.load_json('{"k": "' + "x" * 20 + '"}')


def test_max_depth(example_json: str, example_yaml: str) -> None:
    with limits(max_depth=3):
        assert _native_errors(example_json) == ["too_deep"]
        with pytest.raises(cg.FileFormatError, match="too_deep"):
            cg.loads(example_yaml, format="yaml")
        with pytest.raises(cg.FileFormatError, match="too_deep"):
            _safe.load_json("[[[[1]]]]")
        assert _safe.load_json("[[[1]]]") == [[[1]]]


@pytest.mark.parametrize("alias", ["", "*"], ids=["plain", "with-aliases"])
@pytest.mark.parametrize(
    ("text", "changes", "code"),
    [
        ("title: [[[[x]]]]", {"max_depth": 3}, "too_deep"),
        ("title: xxxxxxxxxxx", {"max_string": 10}, "string_too_long"),
        ("title: [123456]", {"max_int_digits": 5}, "int_too_long"),
        ("title: [a, b, c, d, e, f]", {"max_yaml_nodes": 8}, "yaml_too_large"),
    ],
)
def test_yaml_checks_with_and_without_aliases(
    text: str, changes: dict[str, int], code: str, alias: str
) -> None:
    doc = f"claimgraph: 1\nactors: {{a: &n A}}\nnote: {alias}n\n{text}\n".replace(
        "note: n\n", ""
    ).replace("note: *n", "propositions: {p: *n}")
    cg.loads(doc, format="yaml")  # fine by default
    with limits(**changes), pytest.raises(cg.FileFormatError) as info:
        cg.loads(doc, format="yaml")
    [err] = info.value.errors
    assert err.code == code
    assert err.line is not None or code == "yaml_too_large"  # LibYAML counts without marks


def test_max_int_digits() -> None:
    text = '{"format": "claimgraph", "version": 1, "title": 123456}'
    yaml_text = "claimgraph: 1\ntitle: 123456\n"
    with pytest.raises(cg.FileFormatError, match="string_type"):  # read, then refused
        cg.loads(text)
    assert cg.loads(yaml_text, format="yaml").title == "123456"
    with limits(max_int_digits=5):
        assert _native_errors(text) == ["int_too_long"]
        with pytest.raises(cg.FileFormatError, match="int_too_long"):
            cg.loads(yaml_text, format="yaml")
        with pytest.raises(cg.FileFormatError, match="int_too_long"):
            _safe.load_json("[-123456]")
        assert _safe.load_json("[-12345, 1.23456789]") == [-12345, 1.23456789]


def test_max_yaml_nodes(example_yaml: str) -> None:
    cg.loads(example_yaml, format="yaml")
    for slow in (False, True):
        with limits(max_yaml_nodes=100), pytest.MonkeyPatch.context() as mp:
            mp.setattr(cg_io, "_may_nest_deeply", lambda _text, slow=slow: slow)
            with pytest.raises(cg.FileFormatError) as info:
                cg.loads(example_yaml, format="yaml")
            [err] = info.value.errors
            assert err.code == "yaml_too_large"


def test_max_yaml_nodes_counts_explicit_tags() -> None:
    text = "claimgraph: 1\ntitle: [" + ", ".join(["!!str x"] * 50) + "]\n"
    with limits(max_yaml_nodes=40), pytest.raises(cg.FileFormatError, match="yaml_too_large"):
        cg.loads(text, format="yaml")


def _many_bad_statements(n: int) -> str:
    return '{"format": "claimgraph", "version": 1, "statements": [' + ",".join(["{}"] * n) + "]}"


def test_max_errors_caps_and_stops_early() -> None:
    text = _many_bad_statements(5)
    with pytest.raises(cg.InvalidDataError) as info:
        cg.loads(text)
    assert type(info.value) is cg.InvalidDataError and len(info.value.errors) == 10
    with limits(max_errors=3):
        with pytest.raises(cg.FileFormatError) as capped:
            cg.loads(text)
        codes = [e.code for e in capped.value.errors]
        assert codes == ["missing"] * 3 + ["too_many_errors"]
        yaml_text = "claimgraph: 1\nstatements:\n" + "  - {}\n" * 5
        with pytest.raises(cg.FileFormatError) as capped:
            cg.loads(yaml_text, format="yaml")
        assert [e.code for e in capped.value.errors][-1] == "too_many_errors"
        assert len(capped.value.errors) == 4
        unknown = (
            '{"format": "claimgraph", "version": 1, "statements": ['
            + ",".join(
                f'{{"actor": "a{i}", "proposition": "p", "stance": "asserts"}}' for i in range(5)
            )
            + "]}"
        )
        with pytest.raises(cg.FileFormatError) as capped:  # capped after the graph checks
            cg.loads(unknown)
        assert len(capped.value.errors) == 4
        assert capped.value.errors[-1].code == "too_many_errors"


def test_cap_errors_helper() -> None:
    errs = [cg.ErrorDetail("x", str(i)) for i in range(3)]
    assert _safe.cap_errors(errs) is errs
    with limits(max_errors=1):
        capped = _safe.cap_errors(errs, "f.json")
    assert [e.code for e in capped] == ["x", "too_many_errors"] and capped[1].path == "f.json"


# ---------------------------------------------------------------------------- reproductions
def test_many_empty_records_as_native_json_stop_at_the_error_cap() -> None:
    text = _many_bad_statements(300_000)  # 900 kB of {},
    peak, raised = _peak(lambda: cg.loads(text))
    codes = _codes(raised)
    assert len(codes) == 1001 and codes[-1] == "too_many_errors"
    assert isinstance(raised, cg.FileFormatError)
    assert peak < 40 * len(text)  # a parse tree of empty dicts, not a million errors


def _flood(n: int) -> str:
    body = ",".join(["{}"] * 1000)
    return (
        '{"format":"claimgraph","version":1,"statements":[' + ",".join([body] * (n // 1000)) + "]}"
    )


def test_many_empty_records_over_the_record_limit_are_refused_before_parsing() -> None:
    native = _flood(66_000_000)  # the 198 MB of the issue
    peak, raised = _peak(lambda: cg.loads(native))
    assert _codes(raised) == ["too_many_records"]
    assert peak < 10 * MB  # counted in place: no copy, no parse tree


def test_many_empty_records_through_load_json_are_refused_before_parsing() -> None:
    plain = "[" + _flood(66_000_000).split("[", 1)[1][:-1]  # as node-link or AIF reads it
    peak, raised = _peak(lambda: _safe.load_json(plain))
    assert _codes(raised) == ["too_many_records"]
    assert peak < 10 * MB


def test_record_limit_on_the_json_of_the_other_formats(tmp_path: Path) -> None:
    from claimgraph.formats import graphs

    path = tmp_path / "flood.nodelink.json"
    path.write_text('{"nodes": [' + ",".join(["{}"] * 2000) + "]}", encoding="utf-8")
    with limits(max_records=1000), pytest.raises(cg.FileFormatError) as info:
        graphs.read_node_link(path)
    assert [e.code for e in info.value.errors] == ["too_many_records"]


@pytest.mark.parametrize("digits", [101, 4300, 5000, 100_000])
def test_huge_integers_are_a_file_format_error(digits: int) -> None:
    number = "9" * digits
    for text in (
        '{"format": "claimgraph", "version": 1, "title": ' + number + "}",
        '{"format": "claimgraph", "version": ' + number + "}",
        '{"format": "claimgraph", "version": 1, "reviews": [{"rating_value": ' + number + "}]}",
    ):
        with pytest.raises(cg.ClaimGraphError) as info:
            cg.loads(text)
        assert isinstance(info.value, cg.InvalidDataError)
    with pytest.raises(cg.FileFormatError, match="int_too_long"):
        _safe.load_json("[" + number + "]")
    with pytest.raises(cg.FileFormatError, match="int_too_long"):
        cg.loads(f"claimgraph: 1\ntitle: {number}\n", format="yaml")
    with pytest.raises(cg.FileFormatError, match="int_too_long"):
        cg.loads(f'{{"format": "claimgraph", "version": 1, "title": {number}}}')


def test_integers_beyond_the_interpreters_own_limit_are_refused_too() -> None:
    with limits(max_int_digits=10_000):
        with pytest.raises(cg.FileFormatError, match="int_too_long"):
            _safe.load_json("[" + "9" * 5000 + "]")
        with pytest.raises(cg.FileFormatError):
            cg.loads('{"format": "claimgraph", "version": 1, "title": ' + "9" * 5000 + "}")


def _bomb() -> str:
    """Nine levels of nine aliases, in one flow sequence: 9**9 strings once expanded."""
    parts = ["&a [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        parts.append(f"&{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "[" + ", ".join(parts) + "]"


BOMB = _bomb()

_RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "actors": ("name", "kind", "member_of", "aliases", "note"),
    "propositions": ("text", "contradicts", "implies", "note"),
    "sources": ("url", "title", "publisher", "published", "kind", "derived_from", "note"),
    "statements": (
        "actor",
        "asserts",
        "denies",
        "proposition",
        "stance",
        "kind",
        "said",
        "quote",
        "reports",
        "responds_to",
        "id",
        "note",
    ),
    "source statements": ("actor", "asserts", "kind", "said", "quote", "reports", "note"),
    "reviews": (
        "proposition",
        "reviewer",
        "statement",
        "rating_value",
        "best_rating",
        "worst_rating",
        "textual_rating",
        "date",
        "url",
        "note",
        "id",
    ),
}


def _bomb_files() -> Iterator[tuple[str, str]]:
    yield "title", f"claimgraph: 1\ntitle: {BOMB}\n"
    yield "claimgraph", f"claimgraph: {BOMB}\n"
    full = {
        "actors": {"name": "X", "kind": "state"},
        "propositions": {"text": "Militants are sheltered."},
        "sources": {"publisher": "P"},
        "statements": {"actor": "x", "asserts": "p"},
        "source statements": {"actor": "x", "asserts": "p"},
        "reviews": {"proposition": "p", "reviewer": "x"},
    }
    for section, fields in _RECORD_FIELDS.items():
        for field in fields:
            entry = {k: v for k, v in full[section].items() if k != field}
            body = ", ".join(f"{k}: {v}" for k, v in entry.items())
            item = f"{{{body}{', ' if body else ''}{field}: {BOMB}}}"
            if section in ("actors", "propositions", "sources"):
                text = f"{section}:\n  x: {item}\n"
            elif section == "source statements":
                text = f"sources:\n  s:\n    statements:\n      - {item}\n"
            else:
                text = f"{section}:\n  - {item}\n"
            yield f"{section}.{field}", "claimgraph: 1\n" + text
    yield "section", f"claimgraph: 1\nstatements: {BOMB}\n"
    yield "actor entry", f"claimgraph: 1\nactors:\n  x: {BOMB}\n"


@pytest.mark.parametrize("slow", [False, True], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize(("where", "text"), list(_bomb_files()), ids=lambda x: str(x)[:40])
def test_yaml_alias_bomb_under_every_field_is_refused_cheaply(
    where: str, text: str, slow: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(BOMB) < 450
    monkeypatch.setattr(cg_io, "_may_nest_deeply", lambda _text: slow)
    peak, raised = _peak(lambda: cg.loads(text, format="yaml", path="bomb.yaml"))
    assert isinstance(raised, cg.FileFormatError), (where, raised)
    [err] = raised.errors
    assert err.code == "alias_bomb" and err.path == "bomb.yaml" and err.line is not None
    assert peak < 50 * MB


def test_small_aliases_are_still_fine() -> None:
    g = cg.loads(
        "claimgraph: 1\nactors:\n  a: {name: A, aliases: &names [One, Two]}\n"
        "  b: {name: B, aliases: *names}\n",
        format="yaml",
    )
    assert g.actors["b"].aliases == g.actors["a"].aliases


def test_recursive_yaml_alias_is_refused() -> None:
    with pytest.raises(cg.FileFormatError) as info:
        cg.loads("claimgraph: 1\ntitle: &a [*a]\n", format="yaml")
    assert info.value.errors[0].code in {"alias_bomb", "yaml_syntax"}


@pytest.mark.parametrize("bad_id", ["[x]", "{a: 1}", "[[x]]"])
@pytest.mark.parametrize("under", ["statements", "source"])
def test_unhashable_yaml_ids_are_validation_errors(bad_id: str, under: str) -> None:
    item = f"{{id: {bad_id}, actor: x, asserts: p}}"
    text = (
        f"claimgraph: 1\nstatements: [{item}]\n"
        if under == "statements"
        else f"claimgraph: 1\nsources:\n  s:\n    statements: [{item}]\n"
    )
    with pytest.raises(cg.InvalidDataError) as info:
        cg.loads(text, format="yaml")
    assert "string_type" in {e.code for e in info.value.errors}
    with pytest.raises(cg.InvalidDataError):
        cg.loads("claimgraph: 1\nstatements: [{id: [x]}]\n", format="yaml")
    with pytest.raises(cg.InvalidDataError):  # and with a quote outside a source
        cg.loads(f"claimgraph: 1\nstatements: [{{id: {bad_id}, quote: q}}]\n", format="yaml")


def test_lone_surrogate_in_yaml_text_is_an_encoding_error() -> None:  # found by fuzzing
    with pytest.raises(cg.FileFormatError) as info:
        cg.loads("\ud800claimgraph: 1\n", format="yaml")
    assert [e.code for e in info.value.errors] == ["encoding"]


# ---------------------------------------------------------------------------- fuzzing
TOKENS = [
    "{",
    "}",
    "[",
    "]",
    '"',
    ",",
    ":",
    ": ",
    "- ",
    "\n",
    "\n  ",
    "&a ",
    "*a",
    "&b [*a,*a,*a]",
    "!!python/object:os.system",
    "!!binary",
    "!!str ",
    "!!map {}",
    "? ",
    "<<: *a",
    "9" * 120,
    "9" * 5000,
    "-0",
    "1e400",
    "NaN",
    "null",
    "true",
    "2025-02-30",
    "\\u0000",
    "\x00",
    "\ufeff",
    "\ud800",
    '"id": []',
    "id: [x]",
    "'",
    "|",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "#",
]


@st.composite
def mutations(draw: st.DrawFn, seed: str) -> str:
    """``seed`` with a few slices deleted, replaced, duplicated or tokens inserted."""
    text = seed
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 60)))
        op = draw(st.sampled_from(["delete", "insert", "replace", "duplicate"]))
        piece = draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + piece + text[i:]
        elif op == "replace":
            text = text[:i] + piece + text[j:]
        else:
            text = text[:j] + text[i:j] * draw(st.integers(1, 3)) + text[j:]
    return text


def _only_claimgraph_errors(text: str, format: cg_io.Format) -> None:
    with contextlib.suppress(cg.ClaimGraphError):
        cg.loads(text, format=format)


_SEED_JSON = cg.dumps(cg.load(cg.example_path()), format="json")
_SEED_YAML = cg.example_path().read_text(encoding="utf-8")
_SEED_YAML_DUMPED = cg.dumps(cg.load(cg.example_path()), format="yaml")


@pytest.mark.fuzz
@FUZZ
@given(mutations(_SEED_JSON))
def test_fuzz_native_json_raises_only_claimgraph_errors(text: str) -> None:
    _only_claimgraph_errors(text, "json")


@pytest.mark.fuzz
@FUZZ
@given(mutations(json.dumps(json.loads(_SEED_JSON))))
def test_fuzz_compact_native_json_raises_only_claimgraph_errors(text: str) -> None:
    _only_claimgraph_errors(text, "json")


@pytest.mark.fuzz
@FUZZ
@given(st.one_of(mutations(_SEED_YAML), mutations(_SEED_YAML_DUMPED)))
def test_fuzz_yaml_raises_only_claimgraph_errors(text: str) -> None:
    _only_claimgraph_errors(text, "yaml")


@pytest.mark.fuzz
@FUZZ
@given(mutations(_SEED_JSON), st.sampled_from(["json", "yaml"]))
def test_fuzz_under_small_limits_raises_only_claimgraph_errors(
    text: str, format: cg_io.Format
) -> None:
    with limits(max_records=50, max_string=40, max_depth=4, max_yaml_nodes=200, max_errors=3):
        _only_claimgraph_errors(text, format)


# ---------------------------------------------------------------------------- the benchmark
def test_limits_bench_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """A smoke run of ``benchmarks/limits_bench.py`` (its YAML cases), no figures checked."""
    import importlib.util

    bench = Path(__file__).resolve().parent.parent / "benchmarks" / "limits_bench.py"
    spec = importlib.util.spec_from_file_location("_limits_bench", bench)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(["--only", "yaml"])
    out = capsys.readouterr().out
    assert out.count("[alias_bomb]") == 4 and "baseline: example YAML" in out
