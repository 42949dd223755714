"""The output folder: danvan writes only inside it, replaces only what it wrote, and publishes atomically.

A run writes into a hidden sibling (``.NAME.danvan-XXXX``), then exchanges it with ``NAME`` in one step
(Linux ``renameat2(RENAME_EXCHANGE)``, two renames elsewhere), so an interrupted run leaves the previous
output or the new one, never a mix. ``NAME/.danvan-output`` lists what danvan wrote there: files the user
put in the folder since are carried over, and a non-empty folder without it is refused. A lock beside the
folder makes a second run into it fail at once.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import json
import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".danvan-output"
_EXCHANGE = 2  # RENAME_EXCHANGE
_AT_FDCWD = -100


class UnsafeOutput(ValueError):
    """An output folder danvan will not write to; the message says why, in one line."""


def check_output(out: Path, corpus: Path) -> None:
    """Refuse an output folder that is the corpus, holds it or lies inside it, a home or root folder, a file,
    or a non-empty folder danvan did not write."""
    out, corpus = out.resolve(), corpus.resolve()
    if out == corpus or corpus in out.parents or out in corpus.parents:
        raise UnsafeOutput(f"--out {out} overlaps the corpus {corpus}: choose a folder outside it")
    if out == Path(out.anchor) or out == Path.home().resolve() or out in Path.home().resolve().parents:
        raise UnsafeOutput(f"--out {out} is a home or root folder: choose a folder of its own")
    if out.exists() and not out.is_dir():
        raise UnsafeOutput(f"--out {out} is a file; give a folder for the output")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UnsafeOutput(f"--out {out} holds files danvan did not write: choose an empty or new folder")


class OutputFolder:
    """``with OutputFolder(out, corpus) as staging:`` write into ``staging``, then :meth:`publish`."""

    def __init__(self, out: Path, corpus: Path) -> None:
        check_output(out, corpus)
        self.out = out.resolve()
        self.staging: Path | None = None
        self._lock: int | None = None
        self._lock_path = self.out.parent / f".{self.out.name}.danvan-lock"

    def __enter__(self) -> Path:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self._lock = os.open(self._lock_path, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._lock)
            self._lock = None
            raise UnsafeOutput(
                f"another danvan run is writing to {self.out}: wait for it to finish"
            ) from None
        _remove_leftovers(self.out)
        self.staging = Path(tempfile.mkdtemp(dir=self.out.parent, prefix=f".{self.out.name}.danvan-"))
        umask = os.umask(0)
        os.umask(umask)
        self.staging.chmod(0o777 & ~umask)  # an ordinary folder once published, not mkdtemp's private one
        return self.staging

    def publish(self) -> None:
        """Put the staged output in place of the folder in one step; keep the user's own files."""
        assert self.staging is not None
        written = sorted(
            p.relative_to(self.staging).as_posix() for p in self.staging.rglob("*") if p.is_file()
        )
        (self.staging / MARKER).write_text(
            json.dumps({"written": written}, indent=1) + "\n", encoding="utf-8"
        )
        if self.out.exists():
            _carry_user_files(self.out, self.staging)
            _exchange(self.staging, self.out)
            shutil.rmtree(self.staging)  # now the previous output, all of it danvan's
        else:
            os.rename(self.staging, self.out)
        self.staging = None

    def __exit__(self, *exc) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
        if self._lock is not None:
            os.close(self._lock)
            self._lock_path.unlink(missing_ok=True)


def _written(folder: Path) -> set[str]:
    try:
        return set(json.loads((folder / MARKER).read_text(encoding="utf-8"))["written"]) | {MARKER}
    except (OSError, ValueError, KeyError):
        return {MARKER}


def _carry_user_files(out: Path, staging: Path) -> None:
    """Copy into ``staging`` the files of ``out`` that danvan did not write (a user's notes), unless the new
    output has a file of that name."""
    ours = _written(out)
    for path in out.rglob("*"):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in ours and not (staging / rel).exists():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, staging / rel)


def _remove_leftovers(out: Path) -> None:
    """Staging folders of runs into ``out`` that were killed (they hold only what danvan wrote)."""
    for old in out.parent.glob(f".{out.name}.danvan-*"):
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders in one step where the system can; else two renames (a short window)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None and renameat2(_AT_FDCWD, bytes(a), _AT_FDCWD, bytes(b), _EXCHANGE) == 0:
        return
    aside = a.with_name(a.name + "-old")
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)
