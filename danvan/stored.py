"""Data built once and kept as JSON between runs (the gazetteer, underthesea's segmentation data): read from
its store when there is a good one, else built and stored. A store is data, never code; one that cannot be
read is built again, and one that cannot be written is left alone."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
_UNREADABLE = (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError)


def load_or_build(
    store: Path | None,
    build: Callable[[], T],
    to_data: Callable[[T], Any],
    from_data: Callable[[Any], T],
) -> T:
    """``from_data`` of the JSON at ``store``, else ``build()`` (written to ``store`` in place of the other
    stores of its folder: the folder is the store's own, named by the version of what built it)."""
    if store is not None:
        try:
            return from_data(json.loads(store.read_bytes()))
        except _UNREADABLE:
            pass  # none yet, or damaged: build it
    value = build()
    if store is not None:
        _write(store, to_data(value))
    return value


def _write(path: Path, data: Any) -> None:
    """Write ``data`` to ``path`` atomically, removing the stores of earlier versions beside it."""
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("*.json"):
            old.unlink()
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
