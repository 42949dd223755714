"""Data built once and kept as JSON between runs (the gazetteer, underthesea's segmentation data): read from
its store when there is a good one, else built and stored. A store is data, never code; one that cannot be
read is built again, and one that cannot be written is left alone."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")
_UNREADABLE = (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError)


class Stored(Generic[T]):
    """One kind of data built once: how to build it and to turn it into JSON data and back, and where it is
    kept (named by the corpus pipeline with :meth:`keep_in`; until then it is built in every process)."""

    def __init__(
        self, build: Callable[[], T], to_data: Callable[[T], Any], from_data: Callable[[Any], T]
    ) -> None:
        self.build, self.to_data, self.from_data = build, to_data, from_data
        self.path: Path | None = None

    def keep_in(self, path: Path) -> None:
        """Keep the data as JSON at ``path`` (in place of the other stores of its folder: the folder is the
        store's own, and the name changes with the version of what built it)."""
        self.path = path

    def load(self) -> T:
        """The data from its store when there is a good one, else built (and stored)."""
        if self.path is not None:
            try:
                return self.from_data(json.loads(self.path.read_bytes()))
            except _UNREADABLE:
                pass  # none yet, or damaged: build it
        value = self.build()
        if self.path is not None:
            _write(self.path, self.to_data(value))
        return value


def _write(path: Path, data: Any) -> None:
    """Write ``data`` to ``path`` atomically, removing the stores of earlier versions beside it."""
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in [*path.parent.glob("*.json"), *path.parent.glob("*.tmp")]:  # (a .tmp: a writer killed)
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
