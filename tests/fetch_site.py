"""A news site on 127.0.0.1 for the danvan fetch tests: saved pages, robots.txt, sitemaps, a feed, and every
way a request can go wrong (404, 500 then 200, a dropped connection, a slow answer, redirect chains, a PDF,
an image, a 20 MB page); it records every request it is sent."""

from __future__ import annotations

import csv
import gzip
import hashlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from danvan.sidecar import FETCH_LOG

PAGES = Path(__file__).parent / "data" / "fetch_site" / "tin-tuc"
BIG = 20 * 1024 * 1024
SLOW = 0.3  # seconds each /cham-lau/ page takes to answer


class Site:
    """A news site on 127.0.0.1: pages, robots.txt, sitemaps, a feed and every way a request can go wrong."""

    def __init__(self) -> None:
        self.requests: list[tuple[float, str]] = []  # (arrival, path)
        self.hosts: list[tuple[float, str]] = []  # (arrival, Host header without the port)
        self.agents: set[str] = set()  # every User-Agent sent
        self.conditions: list[dict[str, str]] = []  # If-None-Match / If-Modified-Since sent
        self.robots: dict[str, bytes] = {}  # host -> its own robots.txt (else: keep out of /noi-bo/)
        self.gzipped: list[str] = []  # paths sent gzipped
        self.in_flight = self.most_in_flight = 0  # requests being answered (now, at most)
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.routes = self._routes()
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def hits(self, path: str) -> int:
        return sum(p == path for _, p in self.requests)

    def start(self) -> Site:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _routes(self) -> dict:
        page = {p.stem: ("text/html; charset=utf-8", p.read_bytes()) for p in PAGES.glob("*.html")}
        flaky = Counter()

        def flaky_page(handler):
            flaky["n"] += 1
            if flaky["n"] == 1:
                return handler.answer(500, "text/html", b"<h1>Internal Server Error</h1>")
            return handler.answer(200, *page["ha-giang-mo-hinh"])

        def slow(handler):
            time.sleep(1.2)
            handler.answer(200, *page["lang-son-hien-dat"])

        def big(handler):  # 20 MB, sent without a Content-Length
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html; charset=utf-8")
            handler.end_headers()
            chunk = b"<p>D\xc3\xa2n v\xe1\xba\xadn kh\xc3\xa9o</p>\n" * 4096
            for _ in range(BIG // len(chunk) + 1):
                handler.wfile.write(chunk)

        def redirect(code, to):
            return lambda handler: handler.answer(code, "text/html", b"", {"Location": to})

        def first_fails(first, then):  # the first request answered by ``first``, the next ones by ``then``
            count = Counter()

            def route(handler):
                count["n"] += 1
                return (first if count["n"] == 1 else then)(handler)

            return route

        def drop(handler):  # the connection closed without an answer
            handler.close_connection = True

        def ok(name):
            return lambda handler: handler.answer(200, *page[name])

        def big_declared(handler):  # 20 MB, its Content-Length given: refused before the body is read
            body = b"<p>D\xc3\xa2n v\xe1\xba\xadn kh\xc3\xa9o</p>\n" * (BIG // 23 + 1)
            handler.answer(200, "text/html; charset=utf-8", body)

        def dated(handler):  # Last-Modified and no ETag: 304 when asked If-Modified-Since that day
            stamp = "Tue, 09 Apr 2024 07:45:00 GMT"
            if handler.headers.get("If-Modified-Since") == stamp:
                handler.send_response(304)
                handler.end_headers()
                return None
            return handler.answer(200, *page["lang-son-hien-dat"], {"Last-Modified": stamp})

        def packed(handler):  # gzip when the client accepts it
            content_type, body = page["chiem-hoa-dan-van-kheo"]
            if "gzip" not in handler.headers.get("Accept-Encoding", ""):
                return handler.answer(200, content_type, body)
            self.gzipped.append(handler.path)
            return handler.answer(200, content_type, gzip.compress(body), {"Content-Encoding": "gzip"})

        def slow_page(handler):  # for the concurrency test: answers after SLOW seconds
            with self.lock:
                self.in_flight += 1
                self.most_in_flight = max(self.most_in_flight, self.in_flight)
            time.sleep(SLOW)
            with self.lock:
                self.in_flight -= 1
            content_type, body = page["ha-giang-mo-hinh"]
            handler.answer(200, content_type, body + f"<!-- {_host(handler)}{handler.path} -->".encode())

        chain = {f"/chuoi/{n}": redirect(302, f"/chuoi/{n + 1}") for n in range(1, 8)}
        chain["/chuoi/8"] = ok("ha-giang-mo-hinh")
        png = b"\x89PNG\r\n\x1a\n" + bytes(64)

        chiem_hoa = page["chiem-hoa-dan-van-kheo"][1]
        pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        return {
            "/robots.txt": lambda handler: handler.answer(
                200, "text/plain", self.robots.get(_host(handler), b"User-agent: *\nDisallow: /noi-bo/\n")
            ),
            "/sitemap_index.xml": ("application/xml", self._index()),
            "/sitemap-2024.xml": ("application/xml", self._sitemap_2024()),
            "/sitemap-2023.xml.gz": (
                "application/gzip",
                gzip.compress(self._urlset([("/tin-tuc/cu.html", "2023-05-01")])),
            ),
            "/rss/dan-van-kheo.rss": ("application/rss+xml", self._feed()),
            "/tin-tuc/chiem-hoa-dan-van-kheo.html": page["chiem-hoa-dan-van-kheo"],
            "/tin-tuc/ban-in/chiem-hoa.html": ("text/html", chiem_hoa),  # the print version: the same bytes
            "/tin-tuc/lang-son-hien-dat.html": page["lang-son-hien-dat"],
            "/tin-tuc/dak-lak-chuyen-doi-so.html": page["dak-lak-chuyen-doi-so"],
            "/noi-bo/bao-cao-mat.html": page["lang-son-hien-dat"],
            "/tin-tuc/ha-giang-mo-hinh.html": flaky_page,
            "/tin-tuc/cham.html": slow,
            "/tin-tuc/qua-tai.html": lambda handler: handler.answer(
                429, "text/html", b"", {"Retry-After": "3600"}
            ),
            "/tin-tuc/khong-etag.html": lambda handler: handler.answer(200, *page["ha-giang-mo-hinh"]),
            "/tin-tuc/trang-lon.html": big,
            "/tai-lieu/bao-cao-tong-ket.pdf": ("application/pdf", pdf),
            "/bai-cu/15": redirect(301, "/chuyen-muc/15"),
            "/chuyen-muc/15": redirect(302, f"{self.base}/tin-tuc/dak-lak-chuyen-doi-so.html"),
            "/bai-viet/42": redirect(302, "/tin-tuc/lang-son-hien-dat.html"),
            "/tin-tuc/vong-a": redirect(302, "/tin-tuc/vong-b"),
            "/tin-tuc/vong-b": redirect(302, "/tin-tuc/vong-a"),
            "/tin-tuc/ngat-mot-lan.html": first_fails(drop, ok("lang-son-hien-dat")),
            "/tin-tuc/luon-ngat.html": drop,
            "/tin-tuc/ban-503.html": first_fails(
                lambda handler: handler.answer(503, "text/html", b"", {"Retry-After": "1"}),
                ok("dak-lak-chuyen-doi-so"),
            ),
            "/anh/logo.png": ("image/png", png),
            "/tin-tuc/trang-lon-co-do-dai.html": big_declared,
            "/tin-tuc/co-ngay.html": dated,
            "/tin-tuc/nen-gzip.html": packed,
            **chain,
            **{f"/cham-lau/{n}.html": slow_page for n in range(12)},
        }

    def _urlset(self, pages) -> bytes:
        urls = "".join(f"<url><loc>{self.base}{p}</loc><lastmod>{d}</lastmod></url>" for p, d in pages)
        return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()

    def _index(self) -> bytes:
        maps = "".join(
            f"<sitemap><loc>{self.base}{p}</loc><lastmod>{d}</lastmod></sitemap>"
            for p, d in (("/sitemap-2024.xml", "2024-06-30"), ("/sitemap-2023.xml.gz", "2023-12-31"))
        )
        return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>'.encode()

    def _sitemap_2024(self) -> bytes:
        return self._urlset(
            (path, "2024-06-01")
            for path in (
                "/tin-tuc/chiem-hoa-dan-van-kheo.html",
                "/tin-tuc/lang-son-hien-dat.html",
                "/tin-tuc/ha-giang-mo-hinh.html",
                "/noi-bo/bao-cao-mat.html",
                "/tin-tuc/khong-con.html",
                "/tin-tuc/cham.html",
                "/bai-cu/15",
                "/tai-lieu/bao-cao-tong-ket.pdf",
                "/tin-tuc/trang-lon.html",
                "/tin-tuc/vong-a",
                "/tin-tuc/ban-in/chiem-hoa.html",
                "/tin-tuc/qua-tai.html",
            )
        )

    def _feed(self) -> bytes:
        items = [
            (
                "/tin-tuc/chiem-hoa-dan-van-kheo.html?utm_source=rss&amp;utm_medium=feed",
                "Tue, 09 Apr 2024 07:45:00 +0700",
            ),
            ("/bai-viet/42", "Wed, 15 May 2024 08:00:00 +0700"),
        ]
        body = "".join(
            f"<item><title>Dân vận khéo</title><link>{self.base}{p}</link><pubDate>{d}</pubDate></item>"
            for p, d in items
        )
        body += "<item><title>Tin cũ</title><link>https://baotuyenquang.com.vn/tin-cu-1.html</link><pubDate>Mon, 04 Dec 2023 08:00:00 +0700</pubDate></item>"
        return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Dân vận khéo</title>{body}</channel></rss>'.encode()

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def answer(self, status, content_type, body, headers=None):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                path, now = self.path.split("?")[0], time.monotonic()
                with site.lock:
                    site.requests.append((now, path))
                    site.hosts.append((now, _host(self)))
                    site.agents.add(self.headers.get("User-Agent", ""))
                    asked = ("If-None-Match", "If-Modified-Since")
                    site.conditions.append({k: self.headers[k] for k in asked if k in self.headers})
                route = site.routes.get(path)
                try:
                    if route is None:
                        self.answer(
                            404, "text/html", b"<h1>Kh\xc3\xb4ng t\xc3\xacm th\xe1\xba\xa5y trang</h1>"
                        )
                    elif callable(route):
                        route(self)
                    else:  # a static file, with an ETag, answered 304 when the client has it already
                        etag = f'"{hashlib.sha1(route[1]).hexdigest()[:16]}"'
                        if self.headers.get("If-None-Match") == etag:
                            self.send_response(304)
                            self.send_header("ETag", etag)
                            self.end_headers()
                        else:
                            self.answer(200, *route, {"ETag": etag})
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up: a timeout or a page over the size limit

        return Handler


def _host(handler: BaseHTTPRequestHandler) -> str:
    """The host a request was sent to, without the port."""
    return handler.headers.get("Host", "").rsplit(":", 1)[0]


def read_log(folder: Path) -> dict[str, dict[str, str]]:
    """fetch_log.csv, keyed by URL."""
    with (folder / FETCH_LOG).open(encoding="utf-8", newline="") as handle:
        return {row["url"]: row for row in csv.DictReader(handle)}
