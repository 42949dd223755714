"""Load the vocabulary files under ``danvan/data/`` (cached: they are read once per process). Where the corpus
pipeline keeps data built once, the YAML files are kept there parsed, as JSON (read in a fraction of the
time: a re-run's helper process reads them all)."""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from typing import Any

import yaml

from danvan.stored import Stored


def data_path(name: str):
    """Path-like handle of a file in ``danvan/data``."""
    return resources.files("danvan") / "data" / name


# libyaml's safe loader (in PyYAML's wheels) reads the vocabulary ten times faster than the pure-Python one,
# which every worker process would otherwise pay on its first article.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_yaml(name: str) -> Any:
    """Parsed content of ``danvan/data/NAME`` (YAML): from the store when one is kept (:data:`STORE`)."""
    if STORE.path is not None and (kept := _kept().get(name)) is not None:
        return kept
    return _parsed(name)


@cache
def _kept() -> dict[str, Any]:
    return STORE.load()


def _parsed(name: str) -> Any:
    with data_path(name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)  # a safe loader: no Python objects


def _build() -> dict[str, Any]:
    """Every YAML file of ``danvan/data`` parsed, but those JSON cannot hold as they are (dates...)."""
    parsed = {}
    for entry in data_path("").iterdir():
        if entry.name.endswith((".yml", ".yaml")):
            data = _parsed(entry.name)
            try:
                same = json.loads(json.dumps(data)) == data
            except (TypeError, ValueError):  # a date, a set...
                same = False
            if same:
                parsed[entry.name] = data
    return parsed


def _from_data(data: Any) -> dict[str, Any]:
    """The store's files (each a mapping, as every vocabulary file is); anything else raises TypeError."""
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise TypeError("not a vocabulary store")
    return data


STORE: Stored[dict[str, Any]] = Stored(_build, lambda parsed: parsed, _from_data)  # named by the pipeline


@cache
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``danvan/data/NAME`` (CSV with a header; lines starting with '#' are comments)."""
    with data_path(name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return tuple(csv.DictReader(lines))
