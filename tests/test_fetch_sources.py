"""Reading the URLs to fetch (lists, sitemaps, sitemap indexes, RSS and Atom feeds) and naming the pages."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from danvan.fetch.sources import SourceError, listed_date, parse_listing
from danvan.fetch.store import Store, canonical_url, page_name

SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://baolangson.vn/sitemap-2024-05.xml</loc><lastmod>2024-05-31T23:00:00+07:00</lastmod></sitemap>
  <sitemap><loc>https://baolangson.vn/sitemap-2019-01.xml</loc><lastmod>2019-01-31</lastmod></sitemap>
</sitemapindex>"""

NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://baolangson.vn/van-quan-hien-dat-lam-duong-5012345.html</loc>
    <lastmod>2024-06-01T08:00:00+07:00</lastmod>
    <news:news>
      <news:publication><news:name>Báo Lạng Sơn</news:name><news:language>vi</news:language></news:publication>
      <news:publication_date>2024-05-15T07:30:00+07:00</news:publication_date>
      <news:title>Người dân Văn Quan hiến đất làm đường</news:title>
    </news:news>
  </url>
  <url><loc>https://baolangson.vn/dan-van-kheo-o-trang-dinh-5012399.html</loc></url>
</urlset>""".encode()

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Báo Tuyên Quang - Xây dựng Đảng</title>
  <link>https://baotuyenquang.com.vn/chinh-tri/xay-dung-dang</link>
  <item>
    <title><![CDATA[Chiêm Hóa: Dân vận khéo trong xây dựng nông thôn mới]]></title>
    <link>https://baotuyenquang.com.vn/chiem-hoa-dan-van-kheo-190512.html?utm_source=rss</link>
    <pubDate>Tue, 09 Apr 2024 07:45:00 +0700</pubDate>
  </item>
  <item>
    <title>Lâm Bình tổng kết phong trào thi đua</title>
    <guid isPermaLink="true">https://baotuyenquang.com.vn/lam-binh-tong-ket-189001.html</guid>
    <dc:date>2023-12-20T10:00:00+07:00</dc:date>
  </item>
  <item><title>Tin ảnh</title><link>/anh/tin-anh-190600.html</link></item>
</channel>
</rss>""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ban Dân vận Tỉnh ủy Hà Giang</title>
  <link rel="self" href="https://bdvhagiang.vn/feed.atom"/>
  <entry>
    <title>Mèo Vạc nhân rộng mô hình “Dân vận khéo”</title>
    <link rel="alternate" type="text/html" href="https://bdvhagiang.vn/meo-vac-nhan-rong-mo-hinh.html"/>
    <updated>2024-06-03T02:00:00Z</updated>
    <published>2024-06-02T09:10:00+07:00</published>
  </entry>
</feed>""".encode()


def test_a_sitemap_index_lists_its_sitemaps_with_their_dates():
    listing = parse_listing(SITEMAP_INDEX)
    assert listing.kind == "sitemap index" and listing.pages == []
    assert listing.sitemaps == [
        ("https://baolangson.vn/sitemap-2024-05.xml", "2024-05-31"),
        ("https://baolangson.vn/sitemap-2019-01.xml", "2019-01-31"),
    ]


def test_a_news_sitemap_dates_a_page_by_its_publication_and_a_gzipped_one_reads_the_same():
    listing = parse_listing(NEWS_SITEMAP)
    assert listing.kind == "sitemap"
    assert listing.pages == [
        ("https://baolangson.vn/van-quan-hien-dat-lam-duong-5012345.html", "2024-05-15"),
        ("https://baolangson.vn/dan-van-kheo-o-trang-dinh-5012399.html", ""),
    ]
    assert parse_listing(gzip.compress(NEWS_SITEMAP)).pages == listing.pages


def test_rss_items_give_their_link_or_permalink_and_their_date_relative_links_read_against_the_feed():
    listing = parse_listing(RSS, "https://baotuyenquang.com.vn/rss/xay-dung-dang.rss")
    assert listing.kind == "feed"
    assert listing.pages == [
        ("https://baotuyenquang.com.vn/chiem-hoa-dan-van-kheo-190512.html?utm_source=rss", "2024-04-09"),
        ("https://baotuyenquang.com.vn/lam-binh-tong-ket-189001.html", "2023-12-20"),
        ("https://baotuyenquang.com.vn/anh/tin-anh-190600.html", ""),
    ]


def test_atom_entries_give_their_alternate_link_and_published_date():
    listing = parse_listing(ATOM)
    assert listing.pages == [("https://bdvhagiang.vn/meo-vac-nhan-rong-mo-hinh.html", "2024-06-02")]


def test_a_text_list_takes_one_url_a_line_and_keeps_what_is_not_one_for_the_log():
    text = "# Bài về Dân vận khéo\n\nhttps://baolangson.vn/a-1.html\n  http://bdvhagiang.vn/b.html  ghi chú\nbaolangson.vn/c.html\n"
    listing = parse_listing(text.encode())
    assert listing.kind == "list"
    assert listing.pages == [("https://baolangson.vn/a-1.html", ""), ("http://bdvhagiang.vn/b.html", "")]
    assert listing.invalid == ["baolangson.vn/c.html"]


def test_a_web_page_is_no_source_and_entities_are_never_resolved(tmp_path):
    with pytest.raises(SourceError, match="not a sitemap"):
        parse_listing(b"<!DOCTYPE html><html><body><a href='x'>x</a></body></html>")
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu", encoding="utf-8")
    hostile = f"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY e SYSTEM "file://{secret}">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.vn/&e;</loc></url></urlset>"""
    pages = parse_listing(hostile.encode()).pages
    assert all("mật" not in url for url, _ in pages)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-05-15T07:30:00+07:00", "2024-05-15"),
        ("2024-05-15", "2024-05-15"),
        ("2024-05-15T00:30:00Z", "2024-05-15"),
        ("Tue, 09 Apr 2024 07:45:00 +0700", "2024-04-09"),
        ("Tue, 09 Apr 2024 07:45:00 GMT", "2024-04-09"),
        ("ngày 2024-04-09 lúc 7 giờ", "2024-04-09"),
        ("hôm qua", ""),
        ("2024-13-45", ""),
        ("", ""),
    ],
)
def test_listed_dates_are_the_day_as_written(text, day):
    assert listed_date(text) == day


def test_canonical_url_drops_what_does_not_change_the_page():
    assert (
        canonical_url("HTTPS://BaoLangSon.vn:443/tin-tuc/a.html?id=5&utm_source=zalo&zarsrc=30#binh-luan")
        == "https://baolangson.vn/tin-tuc/a.html?id=5"
    )
    assert canonical_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080/"
    assert canonical_url("ftp://baolangson.vn/a") == canonical_url("javascript:alert(1)") == ""
    assert canonical_url("http://[::1]:99999/") == ""


def test_page_names_are_stable_readable_and_distinct():
    url = "https://www.baotuyenquang.com.vn/chinh-tri/chiem-hoa-dân-vận-khéo-190512.html"
    name = page_name(url)
    assert name.startswith("baotuyenquang.com.vn/chiem-hoa-dan-van-kheo-190512-")
    assert name == page_name(url + "?utm_medium=rss#top")  # the same page, the same file
    assert page_name("https://bdvhagiang.vn/Tin-tuc/ChiTiet.aspx?ID=1") != page_name(
        "https://bdvhagiang.vn/Tin-tuc/ChiTiet.aspx?ID=2"
    )
    assert page_name("http://127.0.0.1:8123/").startswith("127.0.0.1_8123/index-")
    assert all(c.isalnum() or c in "./-_" for c in page_name("https://a.vn/../../etc/passwd%00.html"))
    for hostile in ("http://../x.html", "http://.../", "http://a..b/"):  # never a folder outside the corpus
        assert ".." not in page_name(hostile) and not page_name(hostile).startswith((".", "/"))


def test_the_store_knows_the_pages_it_saved_and_removes_only_its_own_half_written_files(tmp_path):
    url = "https://baolangson.vn/van-quan-hien-dat-5012345.html"
    store = Store(tmp_path)
    assert store.claim(url, url, "abc") == ("", "")
    file = store.save(
        url, b"<html>...</html>", {"url": url, "final_url": url, "status": 200, "sha256": "abc"}
    )
    assert file == page_name(url) + ".html"
    (tmp_path / "baolangson.vn" / f".{Path(file).name}.k2j_9x.part").write_bytes(b"<html>half")
    (tmp_path / ".ghi-chu.part").write_text("the analyst's own file", encoding="utf-8")
    again = Store(tmp_path)
    assert set(again.records) == {url}
    assert again.claim("https://baolangson.vn/ban-in/5012345", url, "other") == (url, "address")
    assert again.claim("https://baolangson.vn/amp/5012345", "https://baolangson.vn/amp/5012345", "abc") == (
        url,
        "bytes",
    )
    assert sorted(p.name for p in tmp_path.rglob("*.part")) == [".ghi-chu.part"]
