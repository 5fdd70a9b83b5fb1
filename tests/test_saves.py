"""Saves are atomic, leave nothing behind, and create files with the umask's mode.

The crash test forks a process that saves in a loop and kills it with SIGKILL at random
moments (``CLAIMGRAPH_KILLS`` kills per writer, 100 for ``cg.save`` by default): after
every kill the target is one complete version, and the next save removes the temporary
file the killed one left.
"""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import claimgraph as cg
from claimgraph import _atomic, formats
from claimgraph._atomic import atomic_write

KILLS = int(os.environ.get("CLAIMGRAPH_KILLS", "100"))


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


def writers(tmp_path: Path) -> dict[str, tuple[Path, Callable[[cg.ClaimGraph, Path], object]]]:
    out: dict[str, tuple[Path, Callable[[cg.ClaimGraph, Path], object]]] = {
        "save json": (tmp_path / "g.json", cg.save),
        "save yaml": (tmp_path / "g.yaml", cg.save),
    }
    for name, fmt in formats.FORMATS.items():
        path = tmp_path / f"g{fmt.extensions[0]}"
        out[name] = (path, lambda g, p, name=name: formats.write(g, p, name))
    return out


# ---------------------------------------------------------------------------- failures
@pytest.mark.parametrize("error", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_target_and_no_temporary_file(
    tmp_path: Path, error: BaseException
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def write(f: object) -> None:
        f.write("half of the new")  # type: ignore[attr-defined]
        raise error

    with pytest.raises(type(error)):
        atomic_write(target, write)
    assert target.read_text(encoding="utf-8") == "old"
    assert temps(tmp_path) == []


def test_a_failed_export_leaves_nothing(tmp_path: Path, example_graph: cg.ClaimGraph) -> None:
    path = tmp_path / "g.claimreview.json"
    with pytest.raises(ValueError, match="no reviews"):
        formats.write(example_graph, path, "claimreview")  # nothing to write
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------- modes
def test_new_files_get_the_umask_mode_from_every_writer(
    tmp_path: Path, example_graph: cg.ClaimGraph, umask_027: None
) -> None:
    g = example_graph.copy()
    g.add_actor(id="desk", name="Fact Desk", kind="outlet")
    g.add_review(proposition="offer-rejected", reviewer="desk", textual_rating="Unproven")
    found = {}
    for name, (path, write) in writers(tmp_path).items():
        write(g, path)
        found[name] = stat.S_IMODE(path.stat().st_mode)
    assert found == dict.fromkeys(found, 0o640)
    assert temps(tmp_path) == []


def test_an_existing_file_keeps_its_mode(tmp_path: Path, example_graph: cg.ClaimGraph) -> None:
    path = tmp_path / "g.json"
    cg.save(example_graph, path)
    path.chmod(0o604)
    cg.save(example_graph, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o604


def test_the_view_and_figures_write_atomically_with_the_umask_mode(
    tmp_path: Path, example_graph: cg.ClaimGraph, umask_027: None
) -> None:
    pytest.importorskip("pyvis", reason="the viz extra")
    pytest.importorskip("matplotlib", reason="the viz extra")
    from claimgraph.figures import plot_timeline
    from claimgraph.view import view

    view(example_graph, tmp_path / "v.html")
    plot_timeline(example_graph, "militants-sheltered", path=tmp_path / "t.png")
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()} == {
        "v.html": 0o640,
        "t.png": 0o640,
    }


# ---------------------------------------------------------------------------- leftovers
def test_stale_temporary_files_of_killed_saves_are_removed(
    tmp_path: Path, example_graph: cg.ClaimGraph
) -> None:
    path = tmp_path / "g.json"
    dead, alive = dead_pid(), os.getppid()
    stale = tmp_path / f".g.json.{dead}.k2j4h6g8.tmp"
    running = tmp_path / f".g.json.{alive}.a1b2c3d4.tmp"  # a save in progress elsewhere
    other = tmp_path / f".g.json.1.{dead}.abcdefgh.tmp"  # a temp file of "g.json.1"
    legacy_old = tmp_path / ".g.json.qwertyui.tmp"  # named as 0.1 named them
    legacy_new = tmp_path / ".g.json.asdfghjk.tmp"
    for p in (stale, running, other, legacy_old, legacy_new):
        p.write_text("partial", encoding="utf-8")
    hour_ago = time.time() - 3600
    os.utime(legacy_old, (hour_ago, hour_ago))
    cg.save(example_graph, path)
    assert temps(tmp_path) == sorted([running.name, other.name, legacy_new.name])
    assert cg.load(path) == example_graph


def test_the_folder_is_fsynced_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        mode = os.fstat(fd).st_mode
        synced.append("dir" if stat.S_ISDIR(mode) else "file")
        real(fd)

    monkeypatch.setattr(_atomic.os, "fsync", fsync)
    _atomic.write_text(tmp_path / "a.txt", "x")
    assert synced == ["file", "dir"]


# ---------------------------------------------------------------------------- SIGKILL
def _versions(n: int) -> tuple[cg.ClaimGraph, cg.ClaimGraph]:
    from test_store import generate

    records = generate(n, seed=7)
    return cg.ClaimGraph(records, title="version A"), cg.ClaimGraph(records[:-5], title="B")


def _kill_loop(
    tmp_path: Path,
    name: str,
    write: Callable[[cg.ClaimGraph, Path], object],
    kills: int,
    size: int = 3_000,
    mid_write: bool = False,
) -> dict[str, int]:
    """Kill a process saving in a loop ``kills`` times; check the target after each kill.

    The target must always be byte for byte one of the two versions the loop writes. The
    kills go on (up to four times as many, waiting longer each time) until both versions
    have been seen, and (``mid_write``) some kill left a temporary file: on a loaded machine
    a save takes longer than the first one timed, and the kills would all land early.
    """
    a, b = _versions(size)
    refs = tmp_path / "refs"
    refs.mkdir()
    write(a, refs / f"a{name}")
    write(b, refs / f"b{name}")
    versions = {(refs / f"a{name}").read_bytes(): "a", (refs / f"b{name}").read_bytes(): "b"}
    work = tmp_path / "work"
    work.mkdir()
    target = work / f"g{name}"
    start = time.perf_counter()
    write(a, target)
    took = time.perf_counter() - start
    rng = random.Random(11)  # noqa: S311 - kill times, not secrets
    seen: dict[str, int] = {"a": 0, "b": 0, "left a temporary file": 0}
    spread = 2.2 * took
    for done in range(4 * kills):
        if done >= kills:
            if seen["a"] and seen["b"] and (seen["left a temporary file"] or not mid_write):
                break
            spread *= 1.2
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child: save until killed
            try:
                os.close(ready_r)
                write(b, target)  # one whole save first (a forked child starts slowly)
                os.write(ready_w, b"x")
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    write(a, target)
                    write(b, target)
            finally:
                os._exit(0)
        os.close(ready_w)
        os.read(ready_r, 1)  # the child has saved once: from here any moment may be hit
        os.close(ready_r)
        time.sleep(rng.uniform(0, spread))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        seen[versions[target.read_bytes()]] += 1  # a KeyError if it is neither
        left = temps(work)
        seen["left a temporary file"] += bool(left)
        assert len(left) <= 1  # each save removed what the kill before left
    write(a, target)
    assert temps(work) == []
    return seen


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_killing_cg_save_at_random_moments_never_corrupts_and_leaves_nothing(
    tmp_path: Path, suffix: str
) -> None:
    if suffix == ".json":
        seen = _kill_loop(tmp_path, suffix, cg.save, KILLS, mid_write=True)
        assert seen["left a temporary file"] > 0  # some kills landed mid-write
    else:
        seen = _kill_loop(tmp_path, suffix, cg.save, max(KILLS // 4, 10), size=500)
    assert seen["a"] and seen["b"]  # kills landed at many moments


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
@pytest.mark.parametrize("name", ["csv", "graphml", "node-link"])
def test_killing_an_export_never_corrupts_and_leaves_nothing(tmp_path: Path, name: str) -> None:
    def write(g: cg.ClaimGraph, p: Path) -> None:
        formats.write(g, p, name)

    suffix = formats.FORMATS[name].extensions[0]
    seen = _kill_loop(tmp_path, suffix, write, max(KILLS // 4, 10), size=500)
    assert seen["a"] + seen["b"] == max(KILLS // 4, 10)
