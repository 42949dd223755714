"""The fetched corpus on disk: pages named stably from their URL, their sidecars, and ``fetch_log.csv``."""

from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from danvan.sidecar import FETCH_LOG, SIDECAR_SUFFIX, SidecarError, dump, load, sidecar_path
from danvan.text import strip_accents

# Outcomes in fetch_log.csv, one per URL given (the ``detail`` column says more).
SAVED = "saved"
ALREADY_SAVED = "already saved"  # saved by an earlier run: not fetched again
UNCHANGED = "unchanged"  # --refresh: the server says (or the bytes show) it has not changed
ROBOTS = "skipped by robots"
NOT_HTML = "not HTML"
TOO_LARGE = "too large"
HTTP_ERROR = "HTTP error"
TIMEOUT = "timeout"
CONNECTION = "connection error"
REDIRECTS = "too many redirects"
DUPLICATE = "duplicate"
EXCLUDED = "excluded"  # by --match or --since
INVALID = "invalid URL"
INTERRUPTED = "not fetched (interrupted)"
READ = "read"  # a list, sitemap or feed read for its URLs
KEPT = (SAVED, ALREADY_SAVED, UNCHANGED)  # the page is in the corpus

LOG_COLUMNS = (
    "url",
    "kind",
    "outcome",
    "status",
    "detail",
    "final_url",
    "file",
    "listed_in",
    "listed_date",
    "fetched_at",
)
PAGE_SUFFIX = ".html"
PART_SUFFIX = ".part"
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|zarsrc|gidzl)$", re.I)  # zarsrc, gidzl: Zalo's
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """The URL as danvan knows a page by: lower-case scheme and host, no default port, no fragment, no
    tracking parameters (utm_*, fbclid, Zalo's zarsrc ...); "" when it is not an http(s) address."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return ""
    host = parts.hostname.rstrip(".")
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    pairs = (pair for pair in parts.query.split("&") if pair)  # as written: not decoded and re-encoded
    query = "&".join(pair for pair in pairs if not _TRACKING.match(pair.split("=", 1)[0]))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def page_name(url: str) -> str:
    """The page's path in the corpus, without suffix: ``host/slug-hash`` (the slug from the URL's last
    segment, the hash of the whole canonical URL), the same on every run and on every machine."""
    canonical = canonical_url(url)
    parts = urlsplit(canonical)
    host = (parts.hostname or "host").removeprefix("www.")
    if parts.port:
        host += f"_{parts.port}"
    segment = next((s for s in reversed(unquote(parts.path).split("/")) if s), "")
    segment = re.sub(r"\.(?:s?html?|aspx?|php|jsp)$", "", segment, flags=re.I)
    slug = re.sub(r"[^a-z0-9]+", "-", strip_accents(segment)).strip("-")[:60].strip("-") or "index"
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:10]
    host = re.sub(r"\.{2,}", ".", re.sub(r"[^a-z0-9._-]+", "-", host.lower())).strip(".") or "host"
    return f"{host}/{slug}-{digest}"


class CorpusRefused(ValueError):
    """A corpus folder danvan fetch will not write to; the message says why, in one line."""


def check_corpus_folder(folder: Path) -> None:
    """Refuse a file, a root or a home folder (or a folder holding a home) as the folder to fetch into."""
    resolved, home = folder.resolve(), Path.home().resolve()
    if resolved.exists() and not resolved.is_dir():
        raise CorpusRefused(f"--out {folder} is a file; give a folder for the corpus")
    if resolved == Path(resolved.anchor) or resolved == home or resolved in home.parents:
        raise CorpusRefused(f"--out {folder} is a home or root folder: choose a folder of its own")


@contextmanager
def corpus_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder`` for this run alone: a lock on the folder itself (no file added), so a second danvan
    fetch into it is refused at once instead of mixing its writes with this one's."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CorpusRefused(
                f"another danvan fetch is writing to {folder}: wait for it to finish"
            ) from None
        yield
    finally:
        os.close(handle)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a hidden temporary file beside it: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=PART_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class Store:
    """The corpus folder: which URLs it holds already, and the saving of new pages.

    Duplicates are claimed under a lock: a page whose final URL or bytes are those of another URL's page
    is not saved twice.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self.records: dict[str, dict[str, Any]] = {}  # canonical URL -> sidecar record
        self._final: dict[str, str] = {}  # canonical final URL -> the URL saved under it
        self._bytes: dict[str, str] = {}  # sha256 -> the URL saved with those bytes
        folder.mkdir(parents=True, exist_ok=True)
        self._remove_partial_files()
        for path in sorted(folder.rglob("*" + SIDECAR_SUFFIX)):
            page = path.with_name(path.name.removesuffix(SIDECAR_SUFFIX) + PAGE_SUFFIX)
            if not page.is_file():
                continue
            try:
                record = load(path)
            except (OSError, SidecarError):
                continue  # fetched again, and the sidecar rewritten
            url = canonical_url(record["url"])
            if url and page.relative_to(folder).as_posix() == page_name(url) + PAGE_SUFFIX:
                self._register(url, record)

    def _remove_partial_files(self) -> None:
        """Hidden ``.NAME.*.part`` files an interrupted run left (only ours: written by write_atomically)."""
        for path in self.folder.rglob(f".*{PART_SUFFIX}"):
            if path.is_file() and re.fullmatch(
                rf"\..+\.(?:html|meta\.json|csv)\.\w+{PART_SUFFIX}", path.name
            ):
                path.unlink()

    def _register(self, url: str, record: dict[str, Any]) -> None:
        self.records[url] = record
        self._final.setdefault(canonical_url(record.get("final_url", "")) or url, url)
        if record.get("sha256"):
            self._bytes.setdefault(record["sha256"], url)

    def file_of(self, url: str) -> str:
        return page_name(url) + PAGE_SUFFIX

    def claim(self, url: str, final_url: str, sha256: str) -> tuple[str, str]:
        """(the URL already saved, "address" or "bytes") when another URL's page has this final URL or
        these bytes; else ("", "") and ``url`` claims them."""
        final = canonical_url(final_url) or url
        with self._lock:
            for owner, same in ((self._final.get(final), "address"), (self._bytes.get(sha256), "bytes")):
                if owner and owner != url:
                    return owner, same
            self._final[final] = url
            self._bytes[sha256] = url
        return "", ""

    def save(self, url: str, body: bytes, record: dict[str, Any]) -> str:
        """Write the page, then its sidecar (a page without a sidecar is fetched again); its file name."""
        page = self.folder / self.file_of(url)
        write_atomically(page, body)
        write_atomically(sidecar_path(page), dump(record))
        with self._lock:
            self.records[url] = record
        return self.file_of(url)

    def write_log(self, rows: list[dict[str, Any]]) -> None:
        """``fetch_log.csv``: one row per URL, in the order the sources gave them."""
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=LOG_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        write_atomically(self.folder / FETCH_LOG, text.getvalue().encode("utf-8"))
