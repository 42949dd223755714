"""Installed versions of packages, read from the names of their ``NAME-VERSION.dist-info`` folders (the wheel
format names them so); importlib.metadata, which parses their metadata as e-mail headers, is the fallback (its
import alone took 30 ms of every run's start)."""

from __future__ import annotations

import os
import re
import sys
from functools import cache


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@cache
def _dist_infos() -> dict[str, str]:
    """Package -> version of each ``.dist-info`` folder on the import path, the first one found winning (as
    for importlib.metadata)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file, a folder gone
            continue
        for name in names:
            package, dash, version = name.removesuffix(".dist-info").partition("-")
            if name.endswith(".dist-info") and dash and version:
                found.setdefault(_normal(package), version)
    return found


def installed_version(package: str) -> str | None:
    """The installed version of ``package``, or None when it is not installed."""
    found = _dist_infos().get(_normal(package))
    if found is not None:
        return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None
