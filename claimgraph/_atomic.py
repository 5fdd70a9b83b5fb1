"""Writing files atomically: the one helper every writer in claimgraph uses.

:func:`atomic_write` writes to a temporary file in the target's folder, flushes it to disk,
renames it over the target and then flushes the folder, so that at every instant the target
is either its complete old version or its complete new one, and after the call returns the
new one survives a power cut. What it guarantees:

- If the write fails (an exception, ``KeyboardInterrupt``), the temporary file is removed
  and the target is left as it was.
- If the process is killed mid-write, the temporary file stays behind, hidden
  (``.NAME.PID.XXXXXXXX.tmp``); the next save to the same target removes every such file
  whose process no longer runs (a save still in progress elsewhere is left alone).
- A new file gets the mode the umask gives (``0o666 & ~umask``, as :func:`open` would); a
  file that exists keeps its mode.

Examples
--------
>>> import tempfile, pathlib
>>> from claimgraph._atomic import atomic_write, write_text
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_text(folder / "a.txt", "first")
>>> atomic_write(folder / "a.txt", lambda f: f.write("second"))
>>> (folder / "a.txt").read_text(), sorted(p.name for p in folder.iterdir())
('second', ['a.txt'])
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_write", "write_text"]

LEGACY_STALE_SECONDS = 60.0
"""Temporary files named as claimgraph 0.1 named them (no process id in the name) are taken
as left over from a crash once they are older than this."""


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", "rb") as f:
        for line in f:
            if line.startswith(b"Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # no way to read it but to set it: put it back at once
    os.umask(mask)
    return mask


def _alive(pid: int) -> bool:
    """Whether a process with this id runs (on Windows: assumed, signals cannot probe)."""
    if pid == os.getpid() or os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. PermissionError: it runs, as another user
        return True
    return True


def _remove_stale(folder: Path, name: str) -> None:
    """Remove the temporary files earlier saves to ``folder/name`` left when killed."""
    prefix = f".{name}."
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        middle = entry.name[len(prefix) : -len(".tmp")]
        pid, dot, rest = middle.partition(".")
        try:
            if dot and pid.isdigit() and rest and "." not in rest:  # .NAME.PID.XXXX.tmp
                if _alive(int(pid)):
                    continue  # a save in progress
            elif "." in middle:
                continue  # another file's temporary file (say of NAME.1 when NAME is ours)
            elif now - entry.stat(follow_symlinks=False).st_mtime < LEGACY_STALE_SECONDS:
                continue  # named as claimgraph 0.1 did: only once it is surely abandoned
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
        except OSError:  # gone meanwhile, or not ours to remove: not this save's business
            continue


def _fsync_folder(folder: Path) -> None:
    """Flush the folder's entry for the renamed file to disk (where the system can)."""
    if os.name == "nt":  # pragma: no cover - no directory handles to fsync on Windows
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # some file systems refuse: the rename stands
            os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(
    path: str | os.PathLike[str],
    write: Callable[[IO[Any]], object],
    *,
    binary: bool = False,
    newline: str | None = None,
) -> None:
    """Call ``write(file)`` on a temporary file next to ``path``, then rename it to ``path``.

    ``binary`` opens the temporary file in binary mode; otherwise it is UTF-8 text with
    ``newline`` as :func:`open` takes it. If ``write`` raises, the temporary file is removed
    and ``path`` is left as it was. Stale temporary files of earlier, killed saves to the
    same path are removed first.
    """
    target = Path(path)
    folder = target.parent
    _remove_stale(folder, target.name)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
    try:
        if binary:
            with os.fdopen(fd, "wb") as fb:
                write(fb)
                fb.flush()
                os.fsync(fb.fileno())
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as ft:
                write(ft)
                ft.flush()
                os.fsync(ft.fileno())
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_folder(folder)


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8)."""

    def write(f: IO[Any]) -> None:
        f.write(text)

    atomic_write(path, write)
