"""Which entries of a corpus folder are read, and how, safely: regular files only, symlinks followed only
inside the corpus, never more bytes than the limit, any file name (kept as printable text)."""

from __future__ import annotations

import hashlib
import os
import stat
from collections import Counter
from pathlib import Path, PurePosixPath

DEFAULT_MAX_MB = 5.0  # the largest article file read, in megabytes (--max-mb)


class NotRead(Exception):
    """An entry that is not read; the message says why, for the ingest log."""


def display_name(relpath: str) -> str:
    """A file name as text that any table can hold: bytes that are not UTF-8 shown as escapes ("\\xe9")."""
    return relpath.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def walk(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Every entry below ``folder`` that is not a folder (files, links, FIFOs, devices: each is accounted
    for), in a stable order, and the folders that could not be listed or are not followed, with why."""
    entries: list[Path] = []
    skipped: list[tuple[str, str]] = []

    def unreadable(err: OSError) -> None:
        where = Path(err.filename).relative_to(folder).as_posix() if err.filename else "?"
        skipped.append((display_name(where + "/"), f"cannot read the folder: {err.strerror or err}"))

    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        base = Path(root)
        for name in list(dirs):
            if (base / name).is_symlink():  # a linked folder is listed, not entered
                dirs.remove(name)
                rel = (base / name).relative_to(folder).as_posix()
                skipped.append((display_name(rel + "/"), "a link to a folder: not followed"))
        dirs.sort()
        entries += [base / name for name in files]
    return sorted(entries), sorted(skipped)


def read_limited(path: Path, folder: Path, max_mb: float) -> bytes:
    """The bytes of the regular file at ``path`` (a symlink: its target, when inside ``folder``), at most
    ``max_mb`` megabytes of them, counted as read; anything else raises :class:`NotRead` with the reason."""
    max_bytes = int(max_mb * 1024 * 1024)
    target = path
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except RuntimeError:
            raise NotRead("a symbolic link in a loop: not read") from None
        except OSError:
            raise NotRead("a symbolic link to nothing: not read") from None
        if not target.is_relative_to(folder.resolve()):
            raise NotRead("a symbolic link to a file outside the corpus: not read")
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except PermissionError:
        raise NotRead("cannot read the file: permission denied") from None
    except OSError as err:
        raise NotRead(f"cannot read the file: {err.strerror or err}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRead(f"not a regular file ({_kind(info.st_mode)}): not read")
        data = handle.read(max_bytes + 1) if info.st_size <= max_bytes else b""
    if info.st_size > max_bytes or len(data) > max_bytes:
        size = max(info.st_size, len(data)) / 1024 / 1024
        raise NotRead(
            f"file is {size:.1f} MB, over the {max_mb:g} MB limit for one article (raise it with --max-mb)"
        )
    return data


def _kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device")):
        if test(mode):
            return kind
    return "a block device" if stat.S_ISBLK(mode) else "not a file"


def article_ids(relpaths: list[str]) -> list[str]:
    """One id per file, unique for any set of names: the path without its suffix ("a/b"), or with it where
    two files share that ("a.txt", "a.html"), as printable text."""
    stems = [display_name(str(PurePosixPath(rel).with_suffix(""))) for rel in relpaths]
    shared = {stem for stem, n in Counter(stems).items() if n > 1}
    ids = [display_name(rel) if stem in shared else stem for rel, stem in zip(relpaths, stems, strict=True)]
    taken: set[str] = set()
    unique = []
    for article_id in ids:  # any clash left ("a.txt" the stem of "a.txt.txt"): numbered apart
        candidate, n = article_id, 1
        while candidate in taken:
            n += 1
            candidate = f"{article_id}~{n}"
        taken.add(candidate)
        unique.append(candidate)
    return unique


def file_digest(path: Path, folder: Path, max_mb: float) -> str:
    """sha256 of a file that will be read (see :func:`read_limited`), else "" (such files are not cached)."""
    try:
        return hashlib.sha256(read_limited(path, folder, max_mb)).hexdigest()
    except NotRead:
        return ""
