"""The sha256 of every file of a corpus, read again only where a file may have changed. With a cache, the
digests are kept with each file's stat (size, modification and change times, inode and device): a regular
file whose stat is the same as when it was hashed is not read again, as git trusts its index. A file changed
less than SETTLED_NS before it was hashed is not kept (a change within the clock's resolution would leave
its stat as it was), and the change time cannot be set back by any tool that preserves times."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from pathlib import Path
from typing import Any

from danvan.ingest.files import file_digest
from danvan.run.cache import ResultCache

SETTLED_NS = 2_000_000_000  # a file unchanged this long before it is hashed keeps its digest in the index


def corpus_digests(
    paths: list[Path], relpaths: list[str], folder: Path, max_mb: float, cache: ResultCache | None
) -> list[str]:
    """:func:`danvan.ingest.files.file_digest` of each of ``paths`` (below ``folder``, at ``relpaths``);
    with a cache, files unchanged since the last run are not read."""
    if cache is None:
        return [file_digest(path, folder, max_mb) for path in paths]
    key = _index_key(folder, max_mb)
    known = _index(cache.get(key))
    hashed_at = time.time_ns()
    index: dict[str, list[Any]] = {}
    digests = []
    for path, rel in zip(paths, relpaths, strict=True):
        now = _stat(path)
        kept = known.get(rel)
        if now is not None and kept is not None and kept[:-1] == now:
            digests.append(kept[-1])
            index[rel] = kept
            continue
        digests.append(file_digest(path, folder, max_mb))
        if now is not None and max(now[1], now[2]) < hashed_at - SETTLED_NS:
            index[rel] = [*now, digests[-1]]
    if index != known:
        cache.put(key, index)
    return digests


def _stat(path: Path) -> list[int] | None:
    """Size, modification and change times, inode and device of a regular file (not a link); else None."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]


def _index_key(folder: Path, max_mb: float) -> str:
    where = f"{folder.resolve()}\0{max_mb}"
    return "digests-" + hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()


def _index(data: Any) -> dict[str, list[Any]]:
    """The kept index, if it has the shape this module writes (else empty: every file is hashed)."""
    if not isinstance(data, dict):
        return {}
    return {
        rel: entry
        for rel, entry in data.items()
        if isinstance(entry, list)
        and len(entry) == 6
        and all(isinstance(n, int) for n in entry[:5])
        and isinstance(entry[5], str)
    }
