"""danvan fetch: every page the sources list, fetched politely into a corpus folder; resumable, and every
URL accounted for in ``fetch_log.csv``."""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tqdm import tqdm

from danvan.fetch.client import FETCHED, NOT_MODIFIED, Client, FetchOptions, Stopped
from danvan.fetch.sources import Listed, read_sources
from danvan.fetch.store import (
    ALREADY_SAVED,
    DUPLICATE,
    EXCLUDED,
    INTERRUPTED,
    INVALID,
    KEPT,
    SAVED,
    UNCHANGED,
    Store,
    canonical_url,
    check_corpus_folder,
    corpus_lock,
)
from danvan.sidecar import FETCH_LOG

Row = dict[str, Any]
LOG_EVERY = 5.0  # seconds between two writes of fetch_log.csv while fetching


@dataclass
class FetchSummary:
    """How many URLs came to each outcome; whether the run was interrupted."""

    folder: Path
    outcomes: Counter[str] = field(default_factory=Counter)
    interrupted: bool = False

    @property
    def kept(self) -> int:
        """Pages the corpus holds from these sources (saved now or before)."""
        return sum(self.outcomes[outcome] for outcome in KEPT)

    def lines(self) -> list[str]:
        counts = ", ".join(f"{n} {outcome}" for outcome, n in self.outcomes.most_common())
        out = [f"{sum(self.outcomes.values())} URLs: {counts or 'none'}", f"log: {self.folder / FETCH_LOG}"]
        if self.interrupted:
            out.append("interrupted: run the same command again to fetch the rest")
        return out


def fetch_corpus(
    sources: Iterable[str],
    out: str | os.PathLike[str],
    options: FetchOptions | None = None,
    *,
    match: re.Pattern[str] | None = None,
    since: date | None = None,
    refresh: bool = False,
    progress: bool = True,
    on_page: Callable[[Row], None] | None = None,
) -> FetchSummary:
    """Fetch every page ``sources`` list into ``out`` (``host/slug-hash.html`` + ``.meta.json``).

    Pages already there are not fetched again; with ``refresh`` they are asked for again, conditionally
    (ETag, Last-Modified), and rewritten only when they changed. ``match`` keeps the page URLs it finds a
    match in; ``since`` drops pages (and sitemaps) a source dates before that day. ``on_page`` is called
    with each page's log row as it is done.
    """
    options = options or FetchOptions()
    folder = Path(out)
    check_corpus_folder(folder)
    with corpus_lock(folder):
        return _fetch_all(
            Store(folder), Client(options), sources, match, since, refresh, progress=progress, on_page=on_page
        )


def _fetch_all(
    store: Store,
    client: Client,
    sources: Iterable[str],
    match: re.Pattern[str] | None,
    since: date | None,
    refresh: bool,
    *,
    progress: bool,
    on_page: Callable[[Row], None] | None,
) -> FetchSummary:
    """Read the sources, plan, and fetch what is to be fetched with ``client.options.concurrency`` threads."""
    options = client.options
    listed, rows = read_sources(sources, client, since)
    todo = _plan(listed, rows, store, match, since, refresh)
    summary = FetchSummary(store.folder)
    pool = ThreadPoolExecutor(max_workers=max(1, options.concurrency))
    bar = tqdm(total=len(todo), unit="page", disable=not progress, mininterval=0.5)
    written = time.monotonic()
    try:
        futures = {pool.submit(_fetch_one, client, store, url, row, refresh): row for row, url in todo}
        for future in as_completed(futures):
            future.result()
            bar.update()
            if on_page is not None:
                on_page(futures[future])
            if time.monotonic() - written > LOG_EVERY:
                store.write_log(rows)
                written = time.monotonic()
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        client.stop()  # requests waiting for their host's turn are not sent
        pool.shutdown(wait=True, cancel_futures=True)  # pages in flight are finished and saved whole
        bar.close()
        for row in rows:
            row.setdefault("outcome", INTERRUPTED)
        store.write_log(rows)
    summary.outcomes.update(row["outcome"] for row in rows if row["kind"] == "page")
    return summary


def _plan(
    listed: list[Listed],
    rows: list[Row],
    store: Store,
    match: re.Pattern[str] | None,
    since: date | None,
    refresh: bool,
) -> list[tuple[Row, str]]:
    """A log row for every listed URL (appended to ``rows``); the (row, canonical URL) pairs to fetch,
    taking the hosts in turn so that the threads are not all waiting on one host."""
    first: dict[str, str] = {}
    queues: dict[str, deque[tuple[Row, str]]] = defaultdict(deque)
    for item in listed:
        url = canonical_url(item.url)
        row: Row = {"url": item.url, "kind": "page", "listed_in": item.listed_in, "listed_date": item.date}
        rows.append(row)
        if not url:
            row.update(outcome=INVALID, detail="not an http(s) URL")
        elif match is not None and not match.search(item.url):
            row.update(outcome=EXCLUDED, detail=f"does not match --match {match.pattern}")
        elif since is not None and item.date and item.date < since.isoformat():
            row.update(outcome=EXCLUDED, detail=f"listed as of {item.date}, before --since")
        elif url in first:
            row.update(outcome=DUPLICATE, detail=f"duplicate of {first[url]} (the same address)")
        elif url in store.records and not refresh:
            record = store.records[url]
            row.update(outcome=ALREADY_SAVED, detail=f"fetched {record.get('fetched_at', '')}")
            row.update(_saved_columns(store, url, record))
            first[url] = item.url
        else:
            first[url] = item.url
            queues[urlsplit(url).hostname or ""].append((row, url))
    todo = []
    while queues:
        for host in list(queues):
            todo.append(queues[host].popleft())
            if not queues[host]:
                del queues[host]
    return todo


def _fetch_one(client: Client, store: Store, url: str, row: Row, refresh: bool) -> None:
    """Fetch one page, save it unless it duplicates another, and fill in its log row."""
    prior = store.records.get(url) if refresh else None
    try:
        answer = client.get(url, headers=_conditional(prior))
    except Stopped:
        return  # the log says "not fetched (interrupted)"
    fetched_at = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    row.update(status=answer.status or "", final_url=answer.final_url, fetched_at=fetched_at)
    if answer.outcome == NOT_MODIFIED and prior is not None:
        row.update(outcome=UNCHANGED, detail="not modified since the last fetch (HTTP 304)")
        row.update(file=store.file_of(url))
        return
    if answer.outcome != FETCHED:
        row.update(outcome=answer.outcome, detail=answer.detail)
        return
    sha256 = hashlib.sha256(answer.body).hexdigest()
    if prior is not None and prior.get("sha256") == sha256:
        row.update(outcome=UNCHANGED, detail="the same bytes as the last fetch", file=store.file_of(url))
        return
    owner, same = store.claim(url, answer.final_url, sha256)
    if owner:
        row.update(outcome=DUPLICATE, detail=f"duplicate of {owner} (the same final {same})")
        return
    record = {
        "url": url,
        "final_url": answer.final_url,
        "status": answer.status,
        "fetched_at": fetched_at,
        "content_type": answer.content_type,
        "etag": answer.etag,
        "last_modified": answer.last_modified,
        "redirects": answer.redirects,
        "sha256": sha256,
        "listed_in": row["listed_in"],
        "listed_date": row["listed_date"],
    }
    hops = len(answer.redirects) - 1
    notes = [f"{hops} redirect{'s' * (hops > 1)}"] if hops else []
    notes += [f"{answer.attempts} attempts"] if answer.attempts > 1 else []
    notes += ["changed since the last fetch"] if prior is not None else []
    row.update(outcome=SAVED, detail="; ".join(notes), file=store.save(url, answer.body, record))


def _conditional(prior: Row | None) -> dict[str, str]:
    """Headers asking for the page only if it changed since the record ``prior``."""
    headers = {}
    if prior and prior.get("etag"):
        headers["If-None-Match"] = prior["etag"]
    if prior and prior.get("last_modified"):
        headers["If-Modified-Since"] = prior["last_modified"]
    return headers


def _saved_columns(store: Store, url: str, record: Row) -> Row:
    return {
        "file": store.file_of(url),
        "final_url": record.get("final_url", ""),
        "status": record.get("status"),
    }
