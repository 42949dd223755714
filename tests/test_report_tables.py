"""Over the built report's own tables: every per-group table shows every group of the corpus, with the same
article counts as the table of articles, and no chart drops a group (each chart's numbers are shown under it)."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
UNPLACED = "(unplaced)"


class _Tables(HTMLParser):
    """Every <table> of a page as (header cells, rows of cells), text unescaped."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[list[str], list[list[str]]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append(([], []))
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            head, rows = self.tables[-1]
            if self._in_head:
                head[:] = self._row
            else:
                rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def report_tables(report: Path) -> list[tuple[list[str], list[list[str]]]]:
    parser = _Tables()
    parser.feed((report / "index.html").read_text(encoding="utf-8"))
    return parser.tables


def _expected(tables, column: str) -> Counter:
    """Articles per value of ``column`` in Table 1 (the articles), "" as unplaced."""
    head, rows = next(t for t in tables if t[0][:1] == ["article_id"] and "province_evidence" in t[0])
    return Counter(row[head.index(column)] or UNPLACED for row in rows)


def check_same_groups(report: Path) -> int:
    tables = report_tables(report)
    checked = 0
    for column in ("province", "province_2025", "region"):
        expected = _expected(tables, column)
        for head, rows in tables:
            if head[:1] != [column] or "articles" not in head:
                continue
            at = head.index("articles")
            seen = {row[0]: int(row[at].replace(",", "")) for row in rows}
            assert set(seen) == set(expected), (head, sorted(set(seen) ^ set(expected)))
            assert seen == dict(expected), head
            checked += 1
    return checked


def test_every_section_shows_the_same_provinces_with_the_same_counts(seed_report):
    assert check_same_groups(seed_report) >= 8  # bars, region bars, heatmap, comparison, roles ...


def test_the_same_holds_on_another_corpus(other_report):
    assert check_same_groups(other_report) >= 8


def test_the_same_holds_on_thirty_provinces_and_an_unplaced_article(thirty_report):
    assert check_same_groups(thirty_report) >= 10
    expected = _expected(report_tables(thirty_report), "province")
    assert len(expected) == 31 and expected[UNPLACED] == 1


def test_the_maps_are_in_the_report_with_the_provinces_of_the_corpus(seed_report, thirty_report):
    for report, n in ((seed_report, 5), (thirty_report, 30)):
        html = (report / "index.html").read_text(encoding="utf-8")
        for name in ("corpus_map", "themes_map"):
            assert (report / "figures" / f"{name}.png").stat().st_size > 10_000
        assert html.count('alt="Where the articles come from') == 1
        after = {
            row[0] for head, rows in report_tables(report) if head[:1] == ["province_2025"] for row in rows
        }
        assert len(after - {UNPLACED}) == len(
            set(_expected(report_tables(report), "province_2025")) - {UNPLACED}
        )
        assert len(set(_expected(report_tables(report), "province")) - {UNPLACED}) == n


def test_every_chart_of_provinces_shows_its_numbers_with_its_base(seed_report):
    html = (seed_report / "index.html").read_text(encoding="utf-8")
    assert html.count('<details class="dv-data">') >= 7
    for figure in ("themes_heatmap", "actors_heatmap", "figures_by_category", "documents_timeline"):
        assert (seed_report / "figures" / f"{figure}.svg").exists()
