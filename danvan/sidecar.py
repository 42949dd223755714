"""The record danvan fetch keeps beside a page it saved: ``NAME.html`` and ``NAME.meta.json``.

The sidecar is a small JSON object: ``url`` (as requested), ``final_url`` (after redirects), ``status``,
``fetched_at`` (UTC, ISO 8601), ``content_type``, ``etag``, ``last_modified``, ``redirects`` (the chain),
``sha256`` (of the saved bytes), ``listed_in`` and ``listed_date`` (the list, sitemap or feed that named the
page, and the date it gave). danvan fetch writes it; danvan parse reads the page's ``final_url`` from it and
lists the sidecar (and the folder's ``fetch_log.csv``) as fetch metadata, not as an article.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import Any, TypeVar

SIDECAR_SUFFIX = ".meta.json"
FETCH_LOG = "fetch_log.csv"
MAX_SIDECAR_BYTES = 64 * 1024
_Path = TypeVar("_Path", bound=PurePath)
FIELDS = (
    "url",
    "final_url",
    "status",
    "fetched_at",
    "content_type",
    "etag",
    "last_modified",
    "redirects",
    "sha256",
    "listed_in",
    "listed_date",
)


class SidecarError(ValueError):
    """A sidecar that cannot be used: too big, not JSON, or without an http(s) address."""


def sidecar_path(page: _Path) -> _Path:
    """``NAME.meta.json`` beside ``NAME.html``."""
    return page.with_suffix(SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def dump(record: dict[str, Any]) -> bytes:
    """The sidecar's bytes: the known fields in their order, UTF-8, indented for a reader."""
    ordered = {key: record.get(key, "") for key in FIELDS}
    return (json.dumps(ordered, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def load(path: Path) -> dict[str, Any]:
    """A sidecar's record; :class:`SidecarError` when it cannot be trusted to name the page's address."""
    if path.stat().st_size > MAX_SIDECAR_BYTES:
        raise SidecarError(f"sidecar over {MAX_SIDECAR_BYTES // 1024} KB")
    try:
        record = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise SidecarError(f"sidecar is not UTF-8 JSON ({err})") from None
    if not isinstance(record, dict):
        raise SidecarError("sidecar is not a JSON object")
    for key in ("url", "final_url"):
        if not isinstance(record.get(key), str) or not record[key].startswith(("http://", "https://")):
            raise SidecarError(f"sidecar has no http(s) {key}")
    return record


def page_url(page: Path) -> tuple[str, str]:
    """(final URL from the page's sidecar, warning): ("", "") when the page has no sidecar."""
    path = sidecar_path(page)
    if not path.is_file():
        return "", ""
    try:
        return load(path)["final_url"], ""
    except (OSError, SidecarError) as err:
        return "", f"{path.name} not used: {err}"


def fetch_metadata(path: Path, folder: Path, page_suffixes: tuple[str, ...]) -> tuple[str, str] | None:
    """(status, reason) for a file danvan fetch wrote beside the pages, None for any other file.

    A sidecar whose page is there, and the corpus's ``fetch_log.csv``, are "metadata"; a sidecar without
    its page is "rejected" (the page was moved or deleted).
    """
    if path.parent == folder and path.name == FETCH_LOG:
        return "metadata", "log of danvan fetch: every URL it was given and what came of it"
    if not is_sidecar(path):
        return None
    stem = path.name.removesuffix(SIDECAR_SUFFIX)
    pages = [path.with_name(stem + suffix) for suffix in page_suffixes]
    page = next((p for p in pages if p.is_file()), None)
    if page is None:
        return "rejected", f"sidecar of a page that is not there ({stem}.html)"
    return "metadata", f"sidecar of {page.relative_to(folder).as_posix()}: its URL and fetch record"
