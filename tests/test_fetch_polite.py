"""danvan fetch against a real HTTP server on 127.0.0.1, started by the test: retries and backoff, dropped
connections, images, long redirect chains, a declared 20 MB page, several hosts under one global limit, a
robots.txt that names danvan, and the command itself stopped with Ctrl-C and run again."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from itertools import pairwise

import pytest

from danvan.fetch.client import FetchOptions
from danvan.fetch.crawl import fetch_corpus
from tests.fetch_site import PAGES, SLOW, read_log

DELAY = 0.1  # the per-host delay most tests ask for (seconds)


def _links(tmp_path, urls: list[str]):
    listing = tmp_path / "links.txt"
    listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
    return listing


def test_failures_are_retried_with_backoff_and_what_is_not_a_page_is_logged_and_skipped(
    site, only_localhost, tmp_path
):
    paths = [
        "/tin-tuc/ngat-mot-lan.html",  # the connection dropped once, then the page
        "/tin-tuc/luon-ngat.html",  # the connection dropped every time
        "/tin-tuc/ban-503.html",  # 503 "come back in 1 s", then the page
        "/anh/logo.png",
        "/chuoi/1",  # 7 redirects before the page
        "/tin-tuc/trang-lon-co-do-dai.html",  # 20 MB, said in Content-Length
        "/tin-tuc/nen-gzip.html",  # sent gzipped
    ]
    corpus = tmp_path / "corpus"
    options = FetchOptions(delay=DELAY, concurrency=2, timeout=2, retries=2, backoff=0.05, max_redirects=5)
    fetch_corpus([str(_links(tmp_path, [site.base + p for p in paths]))], corpus, options, progress=False)
    log = {url.removeprefix(site.base): row for url, row in read_log(corpus).items()}
    assert (log["/tin-tuc/ngat-mot-lan.html"]["outcome"], log["/tin-tuc/ngat-mot-lan.html"]["detail"]) == (
        "saved",
        "2 attempts",
    )
    assert log["/tin-tuc/luon-ngat.html"]["outcome"] == "connection error"
    assert "ProtocolError" in log["/tin-tuc/luon-ngat.html"]["detail"]
    assert site.hits("/tin-tuc/luon-ngat.html") == 3  # the first try and two retries
    assert (log["/tin-tuc/ban-503.html"]["outcome"], log["/tin-tuc/ban-503.html"]["detail"]) == (
        "saved",
        "2 attempts",
    )
    first, second = (t for t, p in site.requests if p == "/tin-tuc/ban-503.html")
    assert second - first >= 1.0  # Retry-After: 1 obeyed
    assert (log["/anh/logo.png"]["outcome"], log["/anh/logo.png"]["detail"]) == ("not HTML", "image/png")
    assert (log["/chuoi/1"]["outcome"], log["/chuoi/1"]["detail"]) == (
        "too many redirects",
        "more than 5 redirects",
    )
    assert site.hits("/chuoi/7") == 0
    big = log["/tin-tuc/trang-lon-co-do-dai.html"]
    assert (big["outcome"], big["status"], big["detail"]) == ("too large", "200", "over 5 MB")
    packed = log["/tin-tuc/nen-gzip.html"]
    assert packed["outcome"] == "saved"
    assert (corpus / packed["file"]).read_bytes() == (PAGES / "chiem-hoa-dan-van-kheo.html").read_bytes()
    assert site.gzipped == ["/tin-tuc/nen-gzip.html"]  # it was sent gzipped, and saved unpacked
    assert len(list(corpus.rglob("*.html"))) == 3
    assert not only_localhost


@pytest.fixture
def test_hosts(monkeypatch):
    """Names under .test (a domain that never resolves) answered with 127.0.0.1: several hosts, one server."""
    resolve = socket.getaddrinfo

    def local(host, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".test"):
            host = "127.0.0.1"
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local)


def test_hosts_are_fetched_side_by_side_within_the_global_limit_each_at_its_own_pace(
    site, only_localhost, test_hosts, tmp_path
):
    port = site.base.rsplit(":", 1)[1]
    fast = ["a.test", "b.test", "c.test"]
    site.robots["cham.test"] = b"User-agent: *\nCrawl-delay: 1\n"
    site.robots["dong.test"] = b"User-agent: danvan\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    urls = [f"http://{host}:{port}/cham-lau/{n}.html" for host in fast for n in range(3)]
    urls += [
        f"http://{host}:{port}/cham-lau/{n}.html" for host in ("cham.test", "dong.test") for n in range(2)
    ]
    corpus = tmp_path / "corpus"
    options = FetchOptions(delay=DELAY, concurrency=2, timeout=2, retries=0)
    fetch_corpus([str(_links(tmp_path, urls))], corpus, options, progress=False)
    log = read_log(corpus)
    outcomes = {url: row["outcome"] for url, row in log.items() if row["kind"] == "page"}
    assert [u for u, o in outcomes.items() if o == "saved"] == urls[:11]
    assert {outcomes[u] for u in urls[11:]} == {"skipped by robots"}  # dong.test's robots.txt names danvan
    assert "disallowed by" in log[urls[-1]]["detail"]
    assert site.most_in_flight == 2  # the global limit, and it is used
    by_host = defaultdict(list)
    for arrival, host in site.hosts:
        by_host[host].append(arrival)
    assert set(by_host) == {*fast, "cham.test", "dong.test"}
    assert len(by_host["dong.test"]) == 1  # its robots.txt only
    for host, arrivals in by_host.items():
        gaps = [b - a for a, b in pairwise(sorted(arrivals))]
        least = 1.0 if host == "cham.test" else DELAY  # its Crawl-delay is longer than ours
        assert all(gap >= least - 0.01 for gap in gaps), (host, gaps)
        if host in fast:  # one request at a time per host: the next starts after the last ended
            assert all(gap >= SLOW + DELAY - 0.02 for gap in gaps[1:]), (host, gaps)
    assert len(site.agents) == 1 and next(iter(site.agents)).startswith("danvan/")
    assert not only_localhost


def test_the_command_stopped_with_ctrl_c_resumes_without_fetching_a_page_twice(
    site, only_localhost, tmp_path
):
    """The real command, in its own process, with the default delay (1 s, measured), interrupted by SIGINT
    after two pages; run again, it fetches only the rest."""
    urls = [f"{site.base}/tin-tuc/{p.name}" for p in sorted(PAGES.glob("*.html"))]
    urls.append(f"{site.base}/tin-tuc/khong-con.html")
    listing, corpus = _links(tmp_path, urls), tmp_path / "corpus"
    command = [sys.executable, "-m", "danvan.cli", "fetch", str(listing), "--out", str(corpus), "-q"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env={**os.environ})
    deadline = time.monotonic() + 60
    while len(list(corpus.rglob("*.meta.json"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted: run the same command again" in err
    arrivals = sorted(t for t, _ in site.requests)
    assert len(arrivals) >= 3  # robots.txt and two pages
    assert all(b - a >= 0.99 for a, b in pairwise(arrivals)), arrivals  # the default delay, kept
    log = read_log(corpus)
    saved = {url for url, row in log.items() if row["outcome"] == "saved"}
    assert len(saved) >= 2
    assert any(row["outcome"] == "not fetched (interrupted)" for row in log.values())
    assert not list(corpus.rglob("*.part"))
    before = len(site.requests)

    fast = FetchOptions(delay=DELAY, concurrency=2, timeout=2, retries=1, backoff=0.05)  # (a 500 once)
    summary = fetch_corpus([str(listing)], corpus, fast, progress=False)
    log = read_log(corpus)
    assert {url for url, row in log.items() if row["outcome"] == "already saved"} == saved
    again = [p for _, p in site.requests[before:]]
    assert not {site.base + p for p in again} & saved  # nothing saved is asked for again
    assert summary.kept == 4 and log[urls[-1]]["outcome"] == "HTTP error"
    assert len(list(corpus.rglob("*.html"))) == 4
    assert not only_localhost
