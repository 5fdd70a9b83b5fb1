"""Untrusted files: XML entity attacks, JSON bombs, unsafe YAML, and atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import claimgraph as cg
from claimgraph import formats
from claimgraph.formats import _safe, graphs

XXE = """<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="type" for="node" attr.name="type" attr.type="string"/>
  <key id="name" for="node" attr.name="name" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="a"><data key="type">actor</data><data key="name">&xxe;</data></node>
  </graph>
</graphml>
"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
  <graph defaultedgetype="directed"><nodes><node id="a" label="&lol9;"/></nodes></graph>
</gexf>
"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE graphml SYSTEM "http://127.0.0.1:9/graphml.dtd">
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed"/></graphml>
"""


@pytest.mark.parametrize(
    ("name", "text"),
    [("xxe.graphml", XXE), ("laughs.gexf", LAUGHS), ("dtd.graphml", EXTERNAL_DTD)],
)
def test_xml_attacks_are_refused(tmp_path: Path, name: str, text: str) -> None:
    pytest.importorskip("defusedxml")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(cg.FileFormatError) as exc:
        formats.read(path)
    [err] = exc.value.errors
    assert err.code == "unsafe_xml" and err.path == str(path)


def test_deeply_nested_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"nodes": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(cg.FileFormatError) as exc:
        graphs.read_node_link(path)
    assert exc.value.errors[0].code == "too_deep"
    shallow_but_over = "[" * 101 + "]" * 101
    with pytest.raises(cg.FileFormatError, match="deeper than 100"):
        _safe.load_json(shallow_but_over)
    assert _safe.load_json("[" * 100 + "]" * 100) is not None


def test_oversized_input_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"nodes": ["x" * 100] * 100}), encoding="utf-8")
    with pytest.raises(cg.FileFormatError) as exc:
        _safe.read_bytes(path, max_bytes=1000)
    assert exc.value.errors[0].code == "too_large"
    with pytest.raises(cg.FileFormatError, match="too_large"):
        _safe.load_json(path.read_text(encoding="utf-8"), max_bytes=1000)


def test_yaml_python_tags_are_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(
        f'claimgraph: 1\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n',
        encoding="utf-8",
    )
    with pytest.raises(cg.FileFormatError, match="python/object"):
        cg.load(path)
    assert not marker.exists()


def test_yaml_alias_bomb_is_rejected_cheaply(tmp_path: Path) -> None:
    levels = ['note: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        levels.append(f"note: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    body = "\n".join(f"  x{i}: {{name: X, {lvl}}}" for i, lvl in enumerate(levels))
    path = tmp_path / "bomb.yaml"
    path.write_text(f"claimgraph: 1\nactors:\n{body}\n", encoding="utf-8")
    with pytest.raises(cg.FileFormatError) as exc:  # refused before any value is built
        cg.load(path)
    [err] = exc.value.errors
    assert err.code == "alias_bomb" and err.path == str(path) and err.line is not None


def test_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"

    def fail_midway(f: object) -> None:
        f.write("partial")  # type: ignore[attr-defined]
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        _safe.atomic_write(target, fail_midway)
    assert list(tmp_path.iterdir()) == []
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        _safe.atomic_write(target, fail_midway)
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]
