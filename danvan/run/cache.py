"""On-disk cache of per-file results, keyed by content, path and extractor version: JSON with checksums."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from danvan.run.versions import installed_version


@cache
def extractor_version() -> str:
    """Hash of danvan's own code and data: any change to an extractor invalidates the cache."""
    digest = hashlib.sha256(str(installed_version("underthesea")).encode())  # the segmenter shapes all tables
    root = resources.files("danvan")
    for path in sorted(Path(str(root)).rglob("*")):
        if path.is_file() and path.suffix in {".py", ".yml", ".yaml", ".csv", ".txt", ".json"}:
            digest.update(path.relative_to(str(root)).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def default_cache_dir() -> Path:
    """``$DANVAN_CACHE_DIR`` if set (a shared or scratch disk, the tests' own folder), else the user cache."""
    return Path(os.environ.get("DANVAN_CACHE_DIR") or platformdirs.user_cache_dir("danvan"))


def cache_key(relpath: str, content_sha256: str, options: str) -> str:
    """Key of one file's result: its path, its content, the options and the extractor version."""
    parts = (extractor_version(), options, relpath, content_sha256)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


HEADS = "heads-of-the-last-run"
KEEP_RUNS = 4  # whole-run outputs kept (the most recently used); per-file results are all kept


class ResultCache:
    """Per-file results as checksummed JSON under ``folder/ab/abcdef....json`` (data, never code: a shared
    cache folder cannot make danvan run anything); writes are atomic.

    Beside them, ``folder/runs/KEY/`` keeps the finished tables of the last few whole runs with their
    checksums, so that a re-run on an unchanged corpus copies its tables instead of assembling them again.
    Anything unreadable, corrupt or not written by this version is a miss, with a warning; a cache folder
    that cannot be written is no cache.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def open(cls, folder: Path) -> ResultCache | None:
        """The cache in ``folder``, or None (with a warning) when the folder cannot be made or written."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as err:
            _warn(f"cache folder {folder} cannot be written ({err.strerror or err}): running without a cache")
            return None
        return cls(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> dict[str, Any] | None:
        """The entry stored under ``key`` if it is whole and ours, else None (a miss)."""
        path = self._path(key)
        try:
            digest, _, payload = path.read_bytes().partition(b"\n")
            if not hmac.compare_digest(digest, _checksum(payload)):
                raise ValueError("checksum mismatch")
            entry = json.loads(payload)
            if not isinstance(entry, dict) or entry.get("format") != FORMAT:
                raise ValueError("not an entry of this version")
            return entry["data"]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError) as err:
            _warn(f"cache entry {path.name} is unreadable ({err}): not used")
            return None

    def put(self, key: str, data: dict[str, Any]) -> None:
        """Store ``data`` (JSON-able) under ``key``; a cache that cannot be written is left as it is."""
        path = self._path(key)
        payload = json.dumps({"format": FORMAT, "data": data}, ensure_ascii=False).encode("utf-8")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(_checksum(payload) + b"\n" + payload)
            os.replace(tmp, path)
        except OSError:
            return

    def heads(self) -> dict[str, Any]:
        """The heads (log row and fingerprint) of the last run's files, by key (see :meth:`keep_heads`)."""
        heads = self.get(HEADS)
        return heads if isinstance(heads, dict) else {}

    def keep_heads(self, heads: dict[str, Any]) -> None:
        """Keep the heads of a run's files together: the next run reads one file, not one per file. (A head
        depends on its key alone, so a head kept here is never stale; one that is not is read on its own.)"""
        self.put(HEADS, heads)

    def _run_dir(self, key: str) -> Path:
        return self.folder / "runs" / key

    def get_run(self, key: str, out: Path) -> dict[str, Any] | None:
        """Copy the tables of run ``key`` into ``out`` and return its stored summary, if cached and whole."""
        folder = self._run_dir(key)
        try:
            summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
            out.mkdir(parents=True, exist_ok=True)
            for name, digest in summary["output_files"].items():
                shutil.copyfile(folder / name, out / name)
                if _checksum((out / name).read_bytes()).decode() != digest:
                    raise ValueError(f"{name} does not match its checksum")
            os.utime(folder)  # most recently used
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, AttributeError) as err:
            _warn(f"cached run {key[:12]} is damaged ({err}): parsing again")
            shutil.rmtree(folder, ignore_errors=True)
            return None
        return summary

    def put_run(self, key: str, out: Path, summary: dict[str, Any], names: list[str]) -> None:
        """Keep a copy of the files ``names`` of ``out`` as run ``key``, with their checksums; drop the least
        recently used runs. A cache that cannot be written leaves the parse that is done as it is."""
        runs = self.folder / "runs"
        tmp = None
        try:
            runs.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(dir=runs, prefix=".tmp-"))
            sources, copies = [out / name for name in names], [tmp / name for name in names]
            with ThreadPoolExecutor(max_workers=2) as threads:  # (read, hashed and written without the GIL)
                digests = dict(zip(names, threads.map(_copy_hashed, sources, copies), strict=True))
            record = json.dumps({**summary, "output_files": digests})
            (tmp / "summary.json").write_text(record, encoding="utf-8")
            shutil.rmtree(self._run_dir(key), ignore_errors=True)
            os.replace(tmp, self._run_dir(key))
        except OSError:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
            return
        done = [p for p in runs.iterdir() if not p.name.startswith(".")]
        done.sort(key=lambda p: p.stat().st_mtime)
        for old in done[:-KEEP_RUNS]:
            shutil.rmtree(old, ignore_errors=True)


def _warn(message: str) -> None:
    print(f"danvan: warning: {message}", file=sys.stderr)


FORMAT = "danvan-cache-2"  # JSON entries (version 1 was pickle: never read)


def _copy_hashed(source: Path, target: Path) -> str:
    """Copy ``source`` to ``target``; the sha256 of what was copied (as :func:`_checksum` gives it)."""
    digest = hashlib.sha256()
    with source.open("rb") as reading, target.open("wb") as writing:
        while block := reading.read(1 << 20):
            digest.update(block)
            writing.write(block)
    return digest.hexdigest()


def _checksum(payload: bytes) -> bytes:
    return hashlib.sha256(payload).hexdigest().encode("ascii")
