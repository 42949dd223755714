"""Polite HTTP for danvan fetch, on urllib3: robots.txt, one request at a time per host with a delay between
them, retries with backoff (urllib3's Retry), timeouts, a size limit, redirects followed within a limit."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import urllib3
from urllib3.exceptions import HTTPError, MaxRetryError, NewConnectionError
from urllib3.exceptions import TimeoutError as Urllib3Timeout
from urllib3.util import Retry

from danvan.fetch.store import (
    CONNECTION,
    HTTP_ERROR,
    INVALID,
    NOT_HTML,
    REDIRECTS,
    ROBOTS,
    TIMEOUT,
    TOO_LARGE,
)

FETCHED = "fetched"
NOT_MODIFIED = "not modified"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = ("text/html", "application/xhtml+xml")
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: a crawler reads at least 500 KiB of robots.txt
MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay is honoured up to this many seconds
CHUNK = 64 * 1024


def _danvan_version() -> str:
    try:
        return version("danvan")
    except PackageNotFoundError:
        return "dev"


USER_AGENT = f"danvan/{_danvan_version()} (research crawler for a study of Vietnamese news; urllib3)"


@dataclass(frozen=True)
class FetchOptions:
    """How politely and how patiently to fetch."""

    delay: float = 1.0  # seconds between two requests to one host (a longer robots.txt Crawl-delay wins)
    concurrency: int = 4  # requests in flight, over all hosts
    timeout: float = 20.0  # seconds to connect, and to wait for each read; a whole body gets 10 times this
    retries: int = 3  # more attempts after a 429, a 5xx, a timeout or a connection error
    backoff: float = 2.0  # seconds before the second retry, doubled after each (the first waits the delay)
    max_wait: float = 120.0  # longest Retry-After obeyed; a server asking more is given up on
    max_bytes: int = 5 * 1024 * 1024  # largest page kept
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass
class Response:
    """What came of asking for one URL."""

    url: str
    outcome: str  # FETCHED, NOT_MODIFIED, or a fetch_log outcome (ROBOTS, NOT_HTML, HTTP_ERROR ...)
    status: int = 0
    final_url: str = ""
    redirects: list[str] = field(default_factory=list)
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    body: bytes = b""
    detail: str = ""
    attempts: int = 1


@dataclass
class _Exchange:
    """One request and its answer (the body read only when it is wanted)."""

    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    problem: str = ""  # NOT_HTML or TOO_LARGE: the body was not read
    error: Exception | None = None
    response: urllib3.BaseHTTPResponse | None = None
    attempts: int = 1


class Stopped(Exception):
    """The run is stopping: no new request is sent."""


class HostGate:
    """One request at a time per host, each starting at least the host's delay after the last ended; once
    stopped, a request still waiting for its turn is not sent (:class:`Stopped`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hosts: dict[str, tuple[threading.Lock, list[float]]] = {}
        self.stopping = threading.Event()

    @contextmanager
    def slot(self, host: str, delay: float, not_before: float = 0.0) -> Iterator[None]:
        with self._lock:
            lock, next_start = self._hosts.setdefault(host, (threading.Lock(), [0.0]))
        with lock:
            wait = max(next_start[0], not_before) - time.monotonic()
            if self.stopping.wait(max(0.0, wait)):
                raise Stopped
            try:
                yield
            finally:
                next_start[0] = max(next_start[0], time.monotonic() + delay)

    def postpone(self, host: str, delay: float) -> None:
        """No request to ``host`` before ``delay`` seconds from now (a Crawl-delay just read)."""
        with self._lock:
            _, next_start = self._hosts.setdefault(host, (threading.Lock(), [0.0]))
            next_start[0] = max(next_start[0], time.monotonic() + delay)


class Client:
    """GET pages politely; thread-safe (one client is shared by the fetching threads)."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        timeout = urllib3.Timeout(connect=self.options.timeout, read=self.options.timeout)
        self._headers = {  # sent with every request (urllib3 drops a pool's own headers when given any)
            "User-Agent": self.options.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            "Accept-Language": "vi,en;q=0.5",
            "Accept-Encoding": "gzip, deflate",  # urllib3 unpacks; the size limit counts unpacked bytes
        }
        self._pool = urllib3.PoolManager(
            num_pools=64, maxsize=max(1, self.options.concurrency), timeout=timeout, retries=False
        )
        self._policy = Retry(
            total=self.options.retries,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET"}),
            backoff_factor=self.options.backoff / 2,  # urllib3: the n-th retry waits factor * 2 ** (n - 1)
            backoff_max=self.options.max_wait,
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        self._gate = HostGate()
        self._robots_lock = threading.Lock()
        self._robots: dict[str, _SiteRules] = {}  # origin -> its robots.txt
        self._crawl_delay: dict[str, float] = {}  # host -> the Crawl-delay its robots.txt asks

    def stop(self) -> None:
        """Send no new request (one waiting for its host's turn raises :class:`Stopped`)."""
        self._gate.stopping.set()

    def get(
        self,
        url: str,
        *,
        html_only: bool = True,
        max_bytes: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """GET ``url``, following redirects, each hop allowed by its host's robots.txt."""
        return self._follow(url, html_only, max_bytes or self.options.max_bytes, headers or {}, robots=True)

    def _follow(
        self, url: str, html_only: bool, max_bytes: int, headers: dict[str, str], *, robots: bool
    ) -> Response:
        chain, current = [url], url
        for _ in range(self.options.max_redirects + 1):
            if urlsplit(current).scheme not in ("http", "https") or not urlsplit(current).hostname:
                return Response(url, INVALID, final_url=current, redirects=chain, detail="not an http(s) URL")
            if robots and (refusal := self._robots_refusal(current)):
                return Response(url, ROBOTS, final_url=current, redirects=chain, detail=refusal)
            exchange = self._with_retries(current, html_only, max_bytes, headers)
            location = exchange.headers.get("location", "")
            if exchange.status in REDIRECT_STATUSES and location:
                target = urljoin(current, location).split("#")[0]
                if target in chain:
                    return Response(
                        url, REDIRECTS, exchange.status, current, chain, detail=f"redirect loop at {target}"
                    )
                chain.append(target)
                current = target
                continue
            return self._response(url, current, chain, exchange, max_bytes)
        return Response(
            url,
            REDIRECTS,
            final_url=current,
            redirects=chain,
            detail=f"more than {self.options.max_redirects} redirects",
        )

    def _response(self, url: str, final: str, chain: list[str], ex: _Exchange, max_bytes: int) -> Response:
        common = {
            "status": ex.status,
            "final_url": final,
            "redirects": chain,
            "content_type": ex.headers.get("content-type", ""),
            "etag": ex.headers.get("etag", ""),
            "last_modified": ex.headers.get("last-modified", ""),
            "attempts": ex.attempts,
        }
        if ex.error is not None:  # (urllib3's NewConnectionError is a kind of ConnectTimeoutError)
            timed_out = isinstance(ex.error, Urllib3Timeout) and not isinstance(ex.error, NewConnectionError)
            return Response(url, TIMEOUT if timed_out else CONNECTION, **common, detail=_describe(ex.error))
        if ex.status == 304:
            return Response(url, NOT_MODIFIED, **common)
        if not 200 <= ex.status < 300:
            reason = (ex.response.reason if ex.response is not None else "") or ""
            wait = f" (Retry-After: {ex.headers['retry-after']})" if "retry-after" in ex.headers else ""
            return Response(
                url, HTTP_ERROR, **common, detail=f"HTTP error {ex.status} {reason}".strip() + wait
            )
        if ex.problem == TOO_LARGE:
            return Response(url, TOO_LARGE, **common, detail=f"over {max_bytes / 1024 / 1024:g} MB")
        if ex.problem == NOT_HTML:
            return Response(url, NOT_HTML, **common, detail=common["content_type"] or "no content type")
        return Response(url, FETCHED, **common, body=ex.body)

    def _with_retries(self, url: str, html_only: bool, max_bytes: int, headers: dict[str, str]) -> _Exchange:
        """One exchange, tried again on 429/5xx, timeouts and connection errors as the Retry policy says."""
        retry, not_before, attempts = self._policy.new(), 0.0, 0
        while True:
            exchange = self._exchange(url, html_only, max_bytes, headers, not_before)
            attempts += 1
            exchange.attempts = attempts
            retry_after = exchange.headers.get("retry-after")
            if exchange.error is None and not retry.is_retry("GET", exchange.status, bool(retry_after)):
                return exchange
            try:
                retry = retry.increment("GET", url, response=exchange.response, error=exchange.error)
            except (MaxRetryError, HTTPError):
                return exchange
            wait = retry.get_backoff_time()
            if exchange.response is not None and retry_after:
                asked = retry.get_retry_after(exchange.response) or 0.0
                if asked > self.options.max_wait:
                    return exchange
                wait = max(wait, asked)
            not_before = time.monotonic() + wait

    def _exchange(
        self, url: str, html_only: bool, max_bytes: int, headers: dict[str, str], not_before: float
    ) -> _Exchange:
        host = urlsplit(url).hostname or ""
        with self._gate.slot(host, self._delay(host), not_before):
            try:
                response = self._pool.request(
                    "GET",
                    url,
                    headers={**self._headers, **headers},
                    redirect=False,
                    retries=False,
                    preload_content=False,
                )
            except HTTPError as err:
                return _Exchange(error=err)
            try:
                return self._receive(response, html_only, max_bytes)
            except HTTPError as err:
                return _Exchange(response.status, _headers(response), error=err, response=response)
            finally:
                response.close()
                response.release_conn()

    def _receive(self, response: urllib3.BaseHTTPResponse, html_only: bool, max_bytes: int) -> _Exchange:
        """The answer's status and headers, and its body when it is a page within the limits."""
        headers = _headers(response)
        exchange = _Exchange(response.status, headers, response=response)
        if not 200 <= response.status < 300:
            return exchange
        media = headers.get("content-type", "").split(";")[0].strip().lower()
        if html_only and media and media not in HTML_TYPES:
            exchange.problem = NOT_HTML
            return exchange
        if headers.get("content-length", "").isdigit() and int(headers["content-length"]) > max_bytes:
            exchange.problem = TOO_LARGE
            return exchange
        deadline, body = time.monotonic() + 10 * self.options.timeout, bytearray()
        while chunk := response.read1(CHUNK):  # what has arrived: a trickling server meets the deadline
            body += chunk
            if len(body) > max_bytes:
                exchange.problem = TOO_LARGE
                return exchange
            if time.monotonic() > deadline:
                raise urllib3.exceptions.ReadTimeoutError(None, response.url or "", "body took too long")
        if html_only and not media and not _looks_like_html(bytes(body[:1024])):
            exchange.problem = NOT_HTML
            return exchange
        exchange.body = bytes(body)
        return exchange

    def _robots_refusal(self, url: str) -> str:
        """Why the host's robots.txt forbids ``url`` to danvan, or "" when it allows it."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            site = self._robots.setdefault(origin, _SiteRules())
        with site.lock:
            if site.rules is None:
                self._read_robots(origin, site)
        if site.closed:
            return f"{origin}/robots.txt unreachable ({site.closed}): the site is treated as closed"
        if site.rules is not None and not site.rules.can_fetch(self.options.user_agent, url):
            return f"disallowed by {origin}/robots.txt"
        return ""

    def _read_robots(self, origin: str, site: _SiteRules) -> None:
        """The origin's robots.txt as RFC 9309 says: a 4xx means no rules; a 5xx or no answer, stay out."""
        rules = RobotFileParser(origin + "/robots.txt")
        answer = self._follow(origin + "/robots.txt", False, ROBOTS_MAX_BYTES, {}, robots=False)
        if answer.outcome == FETCHED:
            rules.parse(answer.body.decode("utf-8", errors="replace").splitlines())
            try:
                asked = float(rules.crawl_delay(self.options.user_agent) or 0)
            except (TypeError, ValueError):
                asked = 0.0
            host = urlsplit(origin).hostname or ""
            with self._robots_lock:
                self._crawl_delay[host] = max(self._crawl_delay.get(host, 0.0), min(asked, MAX_CRAWL_DELAY))
            self._gate.postpone(host, self._delay(host))  # the robots.txt request ended a moment ago
        elif answer.outcome == HTTP_ERROR and 400 <= answer.status < 500:
            rules.allow_all = True
        else:
            rules.disallow_all = True
            site.closed = answer.detail or answer.outcome
        site.rules = rules

    def _delay(self, host: str) -> float:
        """The host's delay: ours, or its robots.txt Crawl-delay when longer (up to MAX_CRAWL_DELAY)."""
        with self._robots_lock:
            return max(self.options.delay, self._crawl_delay.get(host, 0.0))


@dataclass
class _SiteRules:
    """An origin's robots.txt, read once (under ``lock``) by the first thread that needs it."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    rules: RobotFileParser | None = None
    closed: str = ""  # why the site is treated as closed (robots.txt unreachable), else ""


def _headers(response: urllib3.BaseHTTPResponse) -> dict[str, str]:
    wanted = ("content-type", "content-length", "etag", "last-modified", "location", "retry-after")
    return {name: response.headers[name] for name in wanted if name in response.headers}


def _looks_like_html(start: bytes) -> bool:
    head = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<head" in head


def _describe(error: Exception) -> str:
    """A short account of a network error (urllib3's messages carry the pool's address at length)."""
    reason = getattr(error, "reason", None) or error
    text = str(reason).split(": ", 1)[-1] if ": " in str(reason) else str(reason)
    return f"{type(error).__name__}: {text}"[:200]
