"""danvan fetch against a real HTTP server on 127.0.0.1, started by the test: politeness, every outcome in the
log, resumption, and a fetched page parsed as a page saved by hand, plus its URL."""

from __future__ import annotations

import csv
import re
import shutil
from datetime import date
from itertools import pairwise
from pathlib import Path

from danvan.fetch.client import FetchOptions
from danvan.fetch.crawl import fetch_corpus
from danvan.fetch.store import corpus_lock
from danvan.run.options import ParseOptions
from danvan.run.pipeline import parse_corpus
from danvan.sidecar import FETCH_LOG, load, sidecar_path
from tests.fetch_site import PAGES
from tests.fetch_site import read_log as _log

DELAY = 0.1  # the per-host delay the tests ask for (seconds)
OPTIONS = FetchOptions(delay=DELAY, concurrency=3, timeout=0.4, retries=1, backoff=0.05)  # 5 MB at most


def test_every_url_ends_in_the_log_with_its_outcome_and_the_site_is_treated_politely(
    site, only_localhost, tmp_path
):
    corpus = tmp_path / "corpus"
    sources = [f"{site.base}/sitemap_index.xml", f"{site.base}/rss/dan-van-kheo.rss"]
    summary = fetch_corpus(sources, corpus, OPTIONS, since=date(2024, 1, 1), progress=False)
    log = _log(corpus)
    b = site.base
    outcome = {url.removeprefix(b): (row["outcome"], row["status"]) for url, row in log.items()}
    assert outcome["/sitemap_index.xml"] == ("read", "200")
    assert outcome["/sitemap-2024.xml"] == ("read", "200")
    assert outcome["/sitemap-2023.xml.gz"] == ("excluded", "")  # last changed before --since: not read
    assert outcome["/rss/dan-van-kheo.rss"] == ("read", "200")
    assert log[f"{b}/rss/dan-van-kheo.rss"]["kind"] == "feed"
    assert log[f"{b}/sitemap_index.xml"]["kind"] == "sitemap index"
    assert outcome["/tin-tuc/chiem-hoa-dan-van-kheo.html"] == ("saved", "200")
    assert outcome["/noi-bo/bao-cao-mat.html"] == ("skipped by robots", "")
    assert outcome["/tin-tuc/khong-con.html"] == ("HTTP error", "404")
    assert outcome["/tin-tuc/cham.html"] == ("timeout", "")
    assert outcome["/bai-cu/15"] == ("saved", "200")
    assert outcome["/tai-lieu/bao-cao-tong-ket.pdf"] == ("not HTML", "200")
    assert outcome["/tin-tuc/trang-lon.html"] == ("too large", "200")
    assert outcome["/tin-tuc/vong-a"] == ("too many redirects", "302")
    assert outcome["/tin-tuc/qua-tai.html"] == ("HTTP error", "429")  # asked to wait an hour: given up
    assert (
        log[f"{b}/tin-tuc/qua-tai.html"]["detail"] == "HTTP error 429 Too Many Requests (Retry-After: 3600)"
    )
    assert site.hits("/tin-tuc/qua-tai.html") == 1
    assert outcome["/tin-tuc/ha-giang-mo-hinh.html"] == ("saved", "200")
    assert log[f"{b}/tin-tuc/ha-giang-mo-hinh.html"]["detail"] == "2 attempts"  # 500, then 200
    assert log[f"{b}/bai-cu/15"]["final_url"] == f"{b}/tin-tuc/dak-lak-chuyen-doi-so.html"
    assert log[f"{b}/bai-cu/15"]["detail"] == "2 redirects"
    assert "application/pdf" in log[f"{b}/tai-lieu/bao-cao-tong-ket.pdf"]["detail"]
    # Duplicates: the same address (tracking parameters aside), the same final address, the same bytes.
    tracked = f"{b}/tin-tuc/chiem-hoa-dan-van-kheo.html?utm_source=rss&utm_medium=feed"
    assert log[tracked]["outcome"] == "duplicate"
    assert (
        log[tracked]["detail"] == f"duplicate of {b}/tin-tuc/chiem-hoa-dan-van-kheo.html (the same address)"
    )
    pair = {outcome["/bai-viet/42"][0], outcome["/tin-tuc/lang-son-hien-dat.html"][0]}
    assert pair == {"saved", "duplicate"}  # whichever came first is kept
    print_version = log[f"{b}/tin-tuc/ban-in/chiem-hoa.html"]
    assert (print_version["outcome"], print_version["detail"]) == (
        "duplicate",
        f"duplicate of {b}/tin-tuc/chiem-hoa-dan-van-kheo.html (the same final bytes)",
    )
    assert log["https://baotuyenquang.com.vn/tin-cu-1.html"]["outcome"] == "excluded"  # dated 2023
    assert all(row["outcome"] for row in log.values()) and len(log) == 19
    assert summary.kept == 4 and not summary.interrupted
    # Politeness: robots.txt read once and obeyed, nothing outside 127.0.0.1, the delay kept between requests.
    assert site.hits("/robots.txt") == 1
    assert site.hits("/noi-bo/bao-cao-mat.html") == 0
    assert site.hits("/sitemap-2023.xml.gz") == 0
    assert not only_localhost
    assert len(site.agents) == 1 and next(iter(site.agents)).startswith("danvan/")  # says who is asking
    arrivals = sorted(t for t, _ in site.requests)
    gaps = [later - earlier for earlier, later in pairwise(arrivals)]
    assert min(gaps) >= DELAY - 0.01, gaps
    # What is kept: the HTML as sent, its sidecar, nothing half-written, nothing for what was not kept.
    pages = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.html"))
    assert len(pages) == 4 and all(p.startswith("127.0.0.1_") for p in pages)
    saved = corpus / log[f"{b}/tin-tuc/chiem-hoa-dan-van-kheo.html"]["file"]
    assert saved.read_bytes() == (PAGES / "chiem-hoa-dan-van-kheo.html").read_bytes()
    record = load(sidecar_path(saved))
    assert record["final_url"] == f"{b}/tin-tuc/chiem-hoa-dan-van-kheo.html"
    assert (record["status"], record["content_type"]) == (200, "text/html; charset=utf-8")
    assert record["fetched_at"].endswith("Z") and record["listed_in"] == f"{b}/sitemap-2024.xml"
    assert not list(corpus.rglob("*.part"))


def test_an_interrupted_fetch_resumes_without_fetching_a_page_twice(site, only_localhost, tmp_path):
    listing = tmp_path / "links.txt"
    paths = [f"/tin-tuc/{p.name}" for p in sorted(PAGES.glob("*.html"))] + ["/tin-tuc/khong-con.html"]
    listing.write_text("\n".join(site.base + p for p in paths) + "\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    done = []

    def stop_after_two(row):
        done.append(row)
        if len(done) == 2:
            raise KeyboardInterrupt

    options = FetchOptions(delay=DELAY, concurrency=1, timeout=0.4, retries=1, backoff=0.05)
    first = fetch_corpus([str(listing)], corpus, options, progress=False, on_page=stop_after_two)
    assert first.interrupted
    log = _log(corpus)
    assert sum(row["outcome"] == "not fetched (interrupted)" for row in log.values()) >= 2
    saved_first = {url for url, row in log.items() if row["outcome"] == "saved"}
    assert len(saved_first) >= 2
    hits_before = {p: site.hits(p) for p in paths}

    second = fetch_corpus([str(listing)], corpus, options, progress=False)
    log = _log(corpus)
    assert not second.interrupted
    assert {url for url, row in log.items() if row["outcome"] == "already saved"} == saved_first
    for url in saved_first:
        assert site.hits(url.removeprefix(site.base)) == hits_before[url.removeprefix(site.base)]
    assert sum(row["outcome"] == "saved" for row in log.values()) == 4 - len(saved_first)
    assert log[site.base + "/tin-tuc/khong-con.html"]["outcome"] == "HTTP error"
    assert second.kept == 4
    assert len(list(corpus.rglob("*.html"))) == 4 and not list(corpus.rglob("*.part"))
    assert not only_localhost


def test_refresh_asks_again_and_keeps_what_did_not_change(site, only_localhost, tmp_path):
    listing = tmp_path / "links.txt"
    with_etag, without = (
        f"{site.base}/tin-tuc/dak-lak-chuyen-doi-so.html",
        f"{site.base}/tin-tuc/khong-etag.html",
    )
    dated = f"{site.base}/tin-tuc/co-ngay.html"  # Last-Modified, no ETag
    listing.write_text(f"{with_etag}\n{without}\n{dated}\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    options = FetchOptions(delay=DELAY, concurrency=1, timeout=0.4, retries=0)
    fetch_corpus([str(listing)], corpus, options, progress=False)
    assert load(sidecar_path(corpus / _log(corpus)[with_etag]["file"]))["etag"].startswith('"')
    stamp = "Tue, 09 Apr 2024 07:45:00 GMT"
    assert load(sidecar_path(corpus / _log(corpus)[dated]["file"]))["last_modified"] == stamp
    assert not any(site.conditions)  # a first fetch asks unconditionally
    fetch_corpus([str(listing)], corpus, options, progress=False)  # no --refresh: nothing asked again
    assert {row["outcome"] for row in _log(corpus).values() if row["kind"] == "page"} == {"already saved"}
    assert len(site.requests) == 4  # robots.txt and the three pages, once each
    fetch_corpus([str(listing)], corpus, options, progress=False, refresh=True)
    log = _log(corpus)
    assert (log[with_etag]["outcome"], log[with_etag]["status"]) == ("unchanged", "304")
    assert (log[dated]["outcome"], log[dated]["status"]) == ("unchanged", "304")
    assert {"If-Modified-Since": stamp} in site.conditions
    assert log[without]["outcome"] == "unchanged"
    assert log[without]["detail"] == "the same bytes as the last fetch"
    path = "/tin-tuc/dak-lak-chuyen-doi-so.html"
    site.routes[path] = ("text/html; charset=utf-8", site.routes[path][1].replace(b"46 t", b"48 t"))
    fetch_corpus([str(listing)], corpus, options, progress=False, refresh=True)
    row = _log(corpus)[with_etag]
    assert (row["outcome"], row["detail"]) == ("saved", "changed since the last fetch")
    assert b"48 t" in (corpus / row["file"]).read_bytes()
    assert site.hits(path) == 3
    assert len(list(corpus.rglob("*.html"))) == 3


def test_match_keeps_the_urls_it_finds_a_match_in(site, only_localhost, tmp_path):
    listing = tmp_path / "links.txt"
    listing.write_text(
        f"{site.base}/tin-tuc/chiem-hoa-dan-van-kheo.html\n{site.base}/tin-tuc/ha-giang-mo-hinh.html\n",
        encoding="utf-8",
    )
    corpus = tmp_path / "corpus"
    fetch_corpus([str(listing)], corpus, OPTIONS, progress=False, match=re.compile("dan-van-kheo"))
    log = _log(corpus)
    assert log[f"{site.base}/tin-tuc/ha-giang-mo-hinh.html"]["outcome"] == "excluded"
    assert site.hits("/tin-tuc/ha-giang-mo-hinh.html") == 0


def _tables(folder: Path) -> dict[str, list[dict[str, str]]]:
    tables = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            tables[path.stem] = list(csv.DictReader(handle))
    return tables


def test_a_fetched_page_parses_as_the_same_page_saved_by_hand_plus_its_url(site, only_localhost, tmp_path):
    listing = tmp_path / "links.txt"
    listing.write_text(
        "\n".join(f"{site.base}/tin-tuc/{p.name}" for p in sorted(PAGES.glob("*.html"))), encoding="utf-8"
    )
    fetched, by_hand = tmp_path / "fetched", tmp_path / "by_hand"
    fetch_corpus([str(listing)], fetched, OPTIONS, progress=False)
    for page in fetched.rglob("*.html"):  # "Save page as": the same file, without danvan's sidecar
        target = by_hand / page.relative_to(fetched)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, target)
    options = ParseOptions(use_cache=False, progress=False, jobs=1)
    parse_corpus(fetched, tmp_path / "out_fetched", options)
    parse_corpus(by_hand, tmp_path / "out_by_hand", options)
    got, expected = _tables(tmp_path / "out_fetched"), _tables(tmp_path / "out_by_hand")
    assert len(got["articles"]) == 4
    urls = {row["article_id"]: row.pop("url") for row in got["articles"]}
    assert all(row.pop("url") == "" for row in expected["articles"])
    assert all(url.startswith(site.base + "/tin-tuc/") for url in urls.values())
    assert {url.rsplit("/", 1)[1].removesuffix(".html") for url in urls.values()} == {
        p.stem for p in PAGES.glob("*.html")
    }
    fetch_records = [row for row in got["ingest_log"] if row["status"] == "metadata"]
    assert len(fetch_records) == 5  # four sidecars and fetch_log.csv
    got["ingest_log"] = [row for row in got["ingest_log"] if row["status"] != "metadata"]
    assert got == expected


def test_the_command_fetches_a_feed_into_a_corpus_that_parse_reads(site, only_localhost, tmp_path, capsys):
    from danvan.cli import main

    feed = tmp_path / "feed.xml"
    item = f"<item><title>Dân vận khéo</title><link>{site.base}/tin-tuc/chiem-hoa-dan-van-kheo.html</link></item>"
    feed.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel>{item}</channel></rss>', encoding="utf-8"
    )
    corpus, out = tmp_path / "corpus", tmp_path / "tables"
    assert main(["fetch", str(feed), "--out", str(corpus), "--timeout", "2"]) == 0
    err = capsys.readouterr().err
    assert "1 URLs: 1 saved" in err and str(corpus / FETCH_LOG) in err
    assert "1/1" in err and "page" in err  # the progress bar
    assert main(["parse", str(corpus), "--out", str(out), "--no-cache", "-q", "--jobs", "1"]) == 0
    with (out / "articles.csv").open(encoding="utf-8", newline="") as handle:
        (article,) = list(csv.DictReader(handle))
    assert article["url"] == f"{site.base}/tin-tuc/chiem-hoa-dan-van-kheo.html"
    assert article["province"] == "Tuyên Quang"
    assert main(["fetch", str(feed), "--out", str(corpus), "-q", "--since", "hôm qua"]) == 2
    assert main(["fetch", str(tmp_path / "missing.xml"), "--out", str(corpus), "-q"]) == 2
    assert "source not found" in capsys.readouterr().err
    assert main(["fetch", str(feed), "--out", str(feed), "-q"]) == 2  # a file is no corpus folder
    assert main(["fetch", str(feed), "--out", str(Path.home()), "-q"]) == 2
    with corpus_lock(corpus):  # another fetch is writing there
        assert main(["fetch", str(feed), "--out", str(corpus), "-q"]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert [line.split(":")[0] for line in errors] == ["danvan"] * 3  # one line each
    assert "is a file" in errors[0] and "home or root" in errors[1] and "another danvan fetch" in errors[2]
    assert not only_localhost
