"""The URLs to fetch, from a text file of links, a sitemap (or sitemap index) or an RSS/Atom feed, with the
date each gives; sources are local files or URLs (read through the polite client)."""

from __future__ import annotations

import re
import zlib
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from danvan.fetch.client import FETCHED, Client
from danvan.fetch.store import EXCLUDED, INVALID, READ, TOO_LARGE

MAX_SOURCE_BYTES = 50 * 1024 * 1024  # the sitemap protocol's limit for one uncompressed sitemap
MAX_SITEMAPS = 1000  # sitemaps read through indexes, at most, in one run
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Listed:
    """A page URL as a source gave it."""

    url: str
    date: str = ""  # the day the sitemap or feed gives (YYYY-MM-DD), "" when none
    listed_in: str = ""  # the file or URL of the list, sitemap or feed


@dataclass
class Listing:
    """What one source holds: pages, and (for a sitemap index) more sitemaps to read."""

    kind: str  # sitemap index | sitemap | feed | list
    pages: list[tuple[str, str]] = field(default_factory=list)  # (url, date)
    sitemaps: list[tuple[str, str]] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)  # lines of a list that are not http(s) URLs


class SourceError(ValueError):
    """A source that holds no URLs danvan can read."""


def listed_date(text: str) -> str:
    """The day of a sitemap (W3C), RSS (RFC 822) or Atom (RFC 3339) date as written, "" if none."""
    text = (text or "").strip()
    if not text:
        return ""
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    match = _ISO_DAY.search(text)
    try:
        return date(*map(int, match.groups())).isoformat() if match else ""
    except ValueError:
        return ""


def parse_listing(data: bytes, base: str = "") -> Listing:
    """The pages (and sitemaps) of a source's bytes; relative links are read against ``base``."""
    data = _gunzipped(data)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return _text_list(data.decode("utf-8", errors="replace"))
    # lxml set up as trafilatura's sitemap reader sets it: no entities, no network, tolerant of broken XML
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    root = etree.fromstring(data, parser)
    if root is None:
        raise SourceError("XML without a root element")
    kind = etree.QName(root).localname.lower()
    if kind == "sitemapindex":
        return Listing("sitemap index", sitemaps=_entries(root, "sitemap", base, _loc, ("lastmod",)))
    if kind == "urlset":
        return Listing("sitemap", _entries(root, "url", base, _loc, ("publication_date", "lastmod")))
    if kind in ("rss", "rdf"):
        return Listing("feed", _entries(root, "item", base, _rss_link, ("pubdate", "date", "published")))
    if kind == "feed":
        return Listing("feed", _entries(root, "entry", base, _atom_link, ("published", "updated")))
    raise SourceError(f"<{kind}> document: not a sitemap, an RSS or an Atom feed")


def read_sources(
    sources: Iterable[str], client: Client, since: date | None = None
) -> tuple[list[Listed], list[dict[str, Any]]]:
    """Every page URL the sources list (sitemap indexes followed), and a log row for every source read."""
    sources = list(sources)
    missing = [s for s in sources if not _is_url(s) and not Path(s).is_file()]
    if missing:
        raise FileNotFoundError(f"source not found: {', '.join(missing)}")
    queue: deque[tuple[str, str, str]] = deque((source, "", "") for source in sources)
    pages: list[Listed] = []
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    while queue:
        source, parent, day = queue.popleft()
        if source in seen:
            continue
        seen.add(source)
        row = {"url": source, "kind": "source", "listed_in": parent, "listed_date": day}
        rows.append(row)
        if since and day and day < since.isoformat():
            row.update(outcome=EXCLUDED, detail=f"sitemap last changed {day}, before --since")
            continue
        if len(seen) > MAX_SITEMAPS + len(sources):
            row.update(outcome=EXCLUDED, detail=f"more than {MAX_SITEMAPS} sitemaps: not read")
            continue
        try:
            data = _load(source, client, row)
            listing = parse_listing(data, row.get("final_url") or source) if data is not None else None
        except (SourceError, etree.XMLSyntaxError, zlib.error, OSError) as err:
            row.update(outcome=INVALID, detail=f"cannot read the source: {err}")
            continue
        if listing is None:
            continue
        queue.extendleft((url, source, day) for url, day in reversed(listing.sitemaps))  # depth first
        pages += [Listed(url, day, source) for url, day in listing.pages]
        rows += [
            {"url": line, "kind": "page", "outcome": INVALID, "listed_in": source} for line in listing.invalid
        ]
        found = f"{len(listing.pages)} page URLs" if listing.kind != "sitemap index" else ""
        found = found or f"{len(listing.sitemaps)} sitemaps"
        row.update(kind=listing.kind, outcome=READ, detail=found)
    return pages, rows


def _load(source: str, client: Client, row: dict[str, Any]) -> bytes | None:
    """The source's bytes; None (and the row says why) when a URL could not be fetched."""
    if not _is_url(source):
        path = Path(source)
        if path.stat().st_size > MAX_SOURCE_BYTES:
            raise SourceError(f"file over {MAX_SOURCE_BYTES // 1024 // 1024} MB")
        return path.read_bytes()
    answer = client.get(source, html_only=False, max_bytes=MAX_SOURCE_BYTES)
    row.update(status=answer.status or "", final_url=answer.final_url)
    if answer.outcome != FETCHED:
        row.update(outcome=answer.outcome, detail=answer.detail)
        return None
    return answer.body


def _is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _gunzipped(data: bytes) -> bytes:
    """A ``.xml.gz`` sitemap unpacked (within the size limit); any other bytes as they are."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    unpacked = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, MAX_SOURCE_BYTES + 1)
    if len(unpacked) > MAX_SOURCE_BYTES:
        raise SourceError(f"{TOO_LARGE}: over {MAX_SOURCE_BYTES // 1024 // 1024} MB unpacked")
    return unpacked


def _text_list(text: str) -> Listing:
    """One URL per line; blank lines and lines starting with # are skipped."""
    listing = Listing("list")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        url = line.split()[0]
        if _is_url(url):
            listing.pages.append((url, ""))
        else:
            listing.invalid.append(line[:300])
    return listing


def _local(element: Any) -> str:
    return etree.QName(element).localname.lower() if isinstance(element.tag, str) else ""


def _entries(
    root: Any, name: str, base: str, link: Any, date_names: tuple[str, ...]
) -> list[tuple[str, str]]:
    """(absolute URL, day) of every ``name`` element below ``root``."""
    found = []
    for element in root.iter():
        if _local(element) != name:
            continue
        url = link(element)
        if not url:
            continue
        texts = {
            _local(child): (child.text or "").strip() for child in element.iter() if child is not element
        }
        day = next((d for n in date_names if (d := listed_date(texts.get(n, "")))), "")
        found.append((urljoin(base, url) if base else url, day))
    return found


def _loc(element: Any) -> str:
    return next(((c.text or "").strip() for c in element if _local(c) == "loc"), "")


def _rss_link(element: Any) -> str:
    link = next((text for c in element if _local(c) == "link" and (text := (c.text or "").strip())), "")
    guid = next((c for c in element if _local(c) == "guid"), None)
    if not link and guid is not None and guid.get("isPermaLink", "true") != "false":
        link = (guid.text or "").strip()
    return link


def _atom_link(element: Any) -> str:
    links = [c for c in element if _local(c) == "link" and c.get("href")]
    chosen = [c for c in links if c.get("rel", "alternate") == "alternate"] or links
    return chosen[0].get("href").strip() if chosen else ""
