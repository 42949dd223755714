"""danvan parse reads the sidecar danvan fetch writes beside a page: the page's URL, and the domain as evidence."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from danvan.ingest.read import ingest_file
from danvan.run.options import ParseOptions
from danvan.run.pipeline import parse_corpus
from danvan.sidecar import FETCH_LOG, SidecarError, dump, load, sidecar_path

SITE = Path(__file__).parent / "data" / "fetch_site" / "tin-tuc"
URL = "https://baotuyenquang.com.vn/chinh-tri/chiem-hoa-dan-van-kheo-190512.html"


def _record(url: str = URL, **more: str) -> dict:
    return {
        "url": url.replace("https://", "http://"),
        "final_url": url,
        "status": 200,
        "fetched_at": "2024-04-10T01:02:03Z",
        "content_type": "text/html; charset=utf-8",
        "redirects": [url.replace("https://", "http://")],
        **more,
    }


def _page_without_site_metadata(folder: Path) -> Path:
    """The Tuyên Quang article with its og: tags and footer removed: only its text names the place."""
    html = (SITE / "chiem-hoa-dan-van-kheo.html").read_text(encoding="utf-8")
    html = "\n".join(line for line in html.splitlines() if "og:" not in line and "<footer" not in line)
    page = folder / "chiem-hoa.html"
    page.write_text(html.replace("Báo Tuyên Quang điện tử", ""), encoding="utf-8")
    return page


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_page_with_a_sidecar_has_its_url_and_the_domain_as_outlet_and_evidence(tmp_path):
    page = _page_without_site_metadata(tmp_path)
    alone = ingest_file(page, tmp_path).article
    sidecar_path(page).write_bytes(dump(_record()))
    fetched = ingest_file(page, tmp_path).article
    assert (alone.url, fetched.url) == ("", URL)
    from danvan.extract.combine import extract_all

    before, after = extract_all(alone)[0]["articles"][0], extract_all(fetched)[0]["articles"][0]
    assert after["url"] == URL and before["url"] == ""
    assert (before["source"], after["source"]) == ("", "baotuyenquang.com.vn")
    assert "source" not in before["province_evidence"]
    assert after["province"] == "Tuyên Quang"
    assert after["province_evidence"].endswith("source baotuyenquang.com.vn")


def test_sidecars_and_the_fetch_log_are_accounted_for_as_fetch_metadata(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    page = _page_without_site_metadata(corpus)
    sidecar_path(page).write_bytes(dump(_record()))
    (corpus / "lost.meta.json").write_bytes(dump(_record(URL + "?lost")))
    (corpus / FETCH_LOG).write_text("url,outcome\n", encoding="utf-8")
    summary = parse_corpus(corpus, tmp_path / "out", ParseOptions(use_cache=False, progress=False, jobs=1))
    log = {row["file"]: row for row in _rows(tmp_path / "out" / "ingest_log.csv")}
    assert set(log) == {"chiem-hoa.html", "chiem-hoa.meta.json", "lost.meta.json", FETCH_LOG}
    assert log["chiem-hoa.html"]["status"] == "parsed"
    assert log["chiem-hoa.meta.json"]["status"] == "metadata"
    assert "sidecar of chiem-hoa.html" in log["chiem-hoa.meta.json"]["reason"]
    assert log[FETCH_LOG]["status"] == "metadata"
    assert log["lost.meta.json"]["status"] == "rejected"
    assert "page that is not there" in log["lost.meta.json"]["reason"]
    assert (summary.parsed, summary.rejected, summary.metadata) == (1, 1, 2)
    assert "4 files: 1 parsed (0 with warnings), 1 rejected, 2 fetch records" in summary.lines()[0]
    assert _rows(tmp_path / "out" / "articles.csv")[0]["url"] == URL


def test_a_broken_sidecar_is_a_warning_and_the_page_is_still_read(tmp_path):
    page = _page_without_site_metadata(tmp_path)
    sidecar_path(page).write_text('{"url": "file:///etc/passwd", "final_url": "javascript:alert(1)"}')
    ingested = ingest_file(page, tmp_path)
    assert ingested.status == "parsed" and ingested.article.url == ""
    assert "chiem-hoa.meta.json not used: sidecar has no http(s) url" in ingested.reason


def test_load_refuses_what_is_not_a_small_json_object(tmp_path):
    path = tmp_path / "x.meta.json"
    for content in (b"[1, 2]", b"\xff\xfe{", b"{" + b" " * 70_000 + b"}"):
        path.write_bytes(content)
        try:
            load(path)
        except SidecarError:
            continue
        raise AssertionError(content[:10])
    path.write_bytes(dump(_record()))
    assert load(path)["final_url"] == URL
    assert list(json.loads(path.read_text(encoding="utf-8")))[:3] == ["url", "final_url", "status"]


def test_a_changed_sidecar_is_read_again_on_a_cached_run(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SITE / "lang-son-hien-dat.html", corpus / "lang-son.html")
    sidecar = sidecar_path(corpus / "lang-son.html")
    options = ParseOptions(cache_dir=tmp_path / "cache", progress=False, jobs=1)
    urls = []
    for final in ("https://vanquan.langson.gov.vn/tin-tuc/1", "https://vanquan.langson.gov.vn/tin-tuc/2"):
        sidecar.write_bytes(dump(_record(final)))
        parse_corpus(corpus, tmp_path / "out", options)
        urls.append(_rows(tmp_path / "out" / "articles.csv")[0]["url"])
    assert urls == ["https://vanquan.langson.gov.vn/tin-tuc/1", "https://vanquan.langson.gov.vn/tin-tuc/2"]
