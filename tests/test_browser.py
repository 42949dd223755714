"""The built report in headless Chromium (Debian's package), driven by Playwright."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.browser]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = ROOT / "build" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not Path(CHROMIUM).exists():
    if os.environ.get("DANVAN_REQUIRE_BROWSER"):
        raise RuntimeError("chromium is required (DANVAN_REQUIRE_BROWSER is set): apt-get install chromium")
    pytest.skip("Debian's chromium is not installed (.ci/run installs it)", allow_module_level=True)


class Visit:
    """A page opened in Chromium with everything it tried recorded."""

    def __init__(self, browser, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if u != self.url and not u.startswith("data:")]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


def test_seed_report_in_a_real_browser(browser, seed_report):
    visit = Visit(browser, seed_report / "index.html")
    page = visit.page
    assert visit.errors == []
    assert visit.outside_requests() == []
    assert page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    assert page.evaluate("document.images.length") >= 5
    text = page.inner_text("main")
    for province in ("Bắc Kạn", "Hà Nội", "Kon Tum", "An Giang", "Tuyên Quang"):
        assert province in text
    links = page.eval_on_selector_all("#toc a", "as => as.map(a => a.getAttribute('href'))")
    assert len(links) >= 9
    for href in links:
        page.click(f'#toc a[href="{href}"]')
        landed = page.evaluate(
            """h => { const el = document.getElementById(decodeURIComponent(h.slice(1)));
                     if (!el) return null; const r = el.getBoundingClientRect();
                     return {tag: el.tagName, top: r.top}; }""",
            href,
        )
        assert landed is not None and landed["tag"] in ("H2", "H3"), href
        assert -5 <= landed["top"] < 900, href  # in view (the last ones cannot scroll to the top)
    assert page.is_visible("#toc")  # the table of contents stays reachable while scrolling
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "seed-report.png"), full_page=True)


def test_interactive_table_filters_when_typed_into(browser, seed_report):
    page = Visit(browser, seed_report / "index.html").page
    wrap = page.locator(".dv-table-tools").nth(0)
    table = page.locator("table.dv-interactive").nth(0)
    before = table.locator("tbody tr:visible").count()
    wrap.locator("input").fill("Kon Tum")
    after = table.locator("tbody tr:visible").count()
    assert 0 < after < before
    wrap.locator("input").fill("no such text anywhere 12345")
    assert table.locator("tbody tr:visible").count() == 0


def test_interactive_table_sorts_when_a_header_is_clicked(browser, seed_report):
    page = Visit(browser, seed_report / "index.html").page
    table = page.locator("table.dv-interactive").nth(0)
    header = table.locator("thead th", has_text="n_words")
    column = table.locator("thead th").all_inner_texts().index(header.inner_text())

    def values() -> list[int]:
        cells = table.locator(f"tbody tr td:nth-child({column + 1})").all_inner_texts()
        return [int(c.replace(",", "")) for c in cells]

    header.click()
    assert values() == sorted(values())
    header.click()
    assert values() == sorted(values(), reverse=True)


def test_hostile_article_text_stays_inert(browser, other_report):
    visit = Visit(browser, other_report / "index.html")
    page = visit.page
    assert visit.dialogs == []
    assert page.evaluate("window.__pwned === undefined")
    assert page.title() != "PWNED"
    assert visit.outside_requests() == []
    assert page.locator("main iframe").count() == 0
    assert page.locator('main a[href^="javascript:"]').count() == 0
    assert "<script>" in page.inner_text("main")  # shown as text, exactly as the article wrote it
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "other-report.png"), full_page=True)


def test_header_names_the_corpus_and_years_have_no_thousands_separator(browser, seed_report):
    page = Visit(browser, seed_report / "index.html").page
    scope = page.inner_text(".dv-scope")
    assert "Corpus seeds: 5 files, 5 articles parsed (fingerprint " in scope and "Filters: none." in scope
    tables = "\n".join(page.locator("main table").all_inner_texts())
    assert not re.findall(r"\b(?:1,9|2,0)\d\d\b", tables)  # a year is never "2,020" ("2,000 resamples" is)


@pytest.mark.parametrize("report", ["seed_report", "thirty_report"])
def test_the_maps_render_with_no_outside_request(browser, report, request):
    """The tile maps (articles per province, a theme's rate) are images drawn into the page: they load, with
    no request beyond the file itself, for the seeds and for a corpus of thirty provinces."""
    visit = Visit(browser, request.getfixturevalue(report) / "index.html")
    page = visit.page
    maps = page.locator(
        'figure.dv-figure img[alt*="on the map"], figure.dv-figure img[alt^="Where the articles"]'
    )
    assert maps.count() == 2
    for i in range(2):
        maps.nth(i).scroll_into_view_if_needed()
        assert maps.nth(i).evaluate(
            "img => img.complete && img.naturalWidth > 600 && img.naturalHeight > 600"
        )
    assert visit.errors == []
    assert visit.outside_requests() == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    maps.nth(0).screenshot(path=str(SCREENSHOTS / f"{report}-map.png"))
