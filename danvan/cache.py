"""On-disk cache of per-file results, keyed by content, path and extractor version."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs


@cache
def extractor_version() -> str:
    """Hash of danvan's own code and data: any change to an extractor invalidates the cache."""
    digest = hashlib.sha256()
    root = resources.files("danvan")
    for path in sorted(Path(str(root)).rglob("*")):
        if path.is_file() and path.suffix in {".py", ".yml", ".yaml", ".csv", ".txt", ".json"}:
            digest.update(path.relative_to(str(root)).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("danvan"))


def cache_key(relpath: str, data: bytes, options: str) -> str:
    digest = hashlib.sha256()
    for part in (extractor_version().encode(), options.encode(), relpath.encode(), b"\0", data):
        digest.update(part)
    return digest.hexdigest()


class ResultCache:
    """Pickled results under ``folder/ab/abcdef....pkl``; writes are atomic."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pkl"

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
