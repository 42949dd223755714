"""On-disk cache of per-file results, keyed by content, path and extractor version."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import tempfile
from functools import cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

import platformdirs


@cache
def extractor_version() -> str:
    """Hash of danvan's own code and data: any change to an extractor invalidates the cache."""
    digest = hashlib.sha256(version("underthesea").encode())  # the segmenter shapes every table too
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


KEEP_RUNS = 4  # whole-run outputs kept (the most recently used); per-file results are all kept


class ResultCache:
    """Pickled results under ``folder/ab/abcdef....pkl``; writes are atomic.

    Beside them, ``folder/runs/KEY/`` keeps the finished tables of the last few whole runs, so that a
    re-run on an unchanged corpus copies its tables instead of assembling them again.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pkl"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> Any | None:
        try:
            with self._path(key).open("rb") as handle:
                return pickle.load(handle)  # our own files only: the cache folder is the user's
        except (OSError, pickle.UnpicklingError, EOFError):
            return None

    def put(self, key: str, value: Any) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    def _run_dir(self, key: str) -> Path:
        return self.folder / "runs" / key

    def get_run(self, key: str, out: Path) -> dict[str, Any] | None:
        """Copy the tables of run ``key`` into ``out`` and return its stored summary, if cached."""
        folder = self._run_dir(key)
        try:
            summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
            out.mkdir(parents=True, exist_ok=True)
            for name in summary["output_files"]:
                shutil.copyfile(folder / name, out / name)
            os.utime(folder)  # most recently used
        except (OSError, ValueError, KeyError):
            return None
        return summary

    def put_run(self, key: str, out: Path, summary: dict[str, Any], names: list[str]) -> None:
        """Keep a copy of the files ``names`` of ``out`` as run ``key``; drop the least recently used runs.

        Copies, not hard links: the next run into ``out`` rewrites those files in place. A cache that cannot
        be written (a full disk, a concurrent run) leaves the parse that is done as it is."""
        runs = self.folder / "runs"
        tmp = None
        try:
            runs.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(dir=runs, prefix=".tmp-"))
            for name in names:
                shutil.copyfile(out / name, tmp / name)
            record = json.dumps({**summary, "output_files": names})
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
