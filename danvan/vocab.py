"""Load the vocabulary files under ``danvan/data/`` (cached: they are read once per process)."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import Any

import yaml


def data_path(name: str):
    """Path-like handle of a file in ``danvan/data``."""
    return resources.files("danvan") / "data" / name


# libyaml's safe loader (in PyYAML's wheels) reads the vocabulary ten times faster than the pure-Python one,
# which every worker process would otherwise pay on its first article.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_yaml(name: str) -> Any:
    """Parsed content of ``danvan/data/NAME`` (YAML)."""
    with data_path(name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)  # a safe loader: no Python objects


@cache
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``danvan/data/NAME`` (CSV with a header; lines starting with '#' are comments)."""
    with data_path(name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return tuple(csv.DictReader(lines))
