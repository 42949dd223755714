"""Article metadata: headline, source, publication date and authors."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from danvan.article import Article, Line
from danvan.dates import DATE, ParsedDate, find_dates, parse_date_match
from danvan.vocab import load_yaml

_DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+(?:vn|com|net|org|info)(?:\.vn)?)", re.I)


@cache
def _rules() -> dict[str, Any]:
    rules = load_yaml("metadata_rules.yml")

    def labels(key: str) -> re.Pattern[str]:
        words = sorted((e["label"] for e in rules[key]), key=len, reverse=True)
        return re.compile(r"^\s*(?:" + "|".join(map(re.escape, words)) + r")\s*:\s*(.+?)\s*$", re.I)

    return {
        "author": labels("author_labels"),
        "source": labels("source_labels"),
        "separator": re.compile(rules["author_separator"]),
        "dateline": re.compile(rules["dateline_prefix"], re.I),
        "title_max": rules["title_max_chars"],
    }


def extract_metadata(article: Article) -> dict[str, str]:
    """title, source, published (ISO or empty), published_precision, published_text, author."""
    published = _published(article)
    return {
        "title": article.html_meta.get("title") or _title(article),
        "source": _source(article),
        "published": published.iso if published else "",
        "published_precision": published.precision if published else "none",
        "published_text": published.text if published else "",
        "author": article.html_meta.get("author", "").replace(",", ";") or _authors(article),
    }


def _title(article: Article) -> str:
    """The first body line when it reads as a headline: short, no full stop, before the text starts."""
    for line in article.lines:
        if line.kind in ("blank", "meta", "caption", "boilerplate"):
            continue
        text = line.text.strip()
        looks_like_headline = len(text) <= _rules()["title_max"] and not text.endswith((".", ":", ";", "…"))
        return text if looks_like_headline and len(article.body_lines) > 1 else ""
    return ""


def _source(article: Article) -> str:
    rules = _rules()
    for line in article.meta_lines:
        match = rules["source"].match(line.text)
        if match:
            domain = _DOMAIN.search(match.group(1))
            return domain.group(1).lower() if domain else match.group(1).strip()
    for line in article.meta_lines:
        if line.rule == "source_line":
            domain = _DOMAIN.search(line.text)
            if domain:
                return domain.group(1).lower()
    first = article.body_lines[0].text if article.body_lines else ""
    lead = re.match(r"\s*\(([^)]{3,60})\)\s*[-–—]", first)  # "(kontumtv.vn) – Sáng ngày 14/7, ..."
    if lead and _DOMAIN.fullmatch(lead.group(1).strip()):
        return lead.group(1).strip().lower()
    if article.html_meta.get("sitename") or article.html_meta.get("hostname"):
        return article.html_meta.get("sitename") or article.html_meta["hostname"]
    body_end = max((line.lineno for line in article.body_lines), default=0)
    signatures = [line for line in article.meta_lines if line.rule == "caps_label" and line.lineno > body_end]
    return signatures[-1].text.strip() if signatures else ""


def _published(article: Article) -> ParsedDate | None:
    """The date of a date line, of the page's metadata, or of a dateline opening the body."""
    for line in article.meta_lines:
        if line.rule == "date_line":
            dates = find_dates(line.text)
            if dates:
                return dates[0]
    if article.html_meta.get("date"):
        dates = find_dates("/".join(reversed(article.html_meta["date"][:10].split("-"))))
        if dates:
            return dates[0]
    first = article.body_lines[0].text if article.body_lines else ""
    prefix = _rules()["dateline"].match(first)
    if prefix:
        match = DATE.match(first, prefix.end())
        parsed = parse_date_match(match) if match else None
        if parsed:
            text = re.sub(r"^\s*\([^)]*\)\s*[-–—]?\s*", "", first[: match.end()])
            return ParsedDate(parsed.iso, parsed.precision, text, 0, match.end(), parsed.day, parsed.month)
    return None


def _authors(article: Article) -> str:
    rules = _rules()
    for line in article.meta_lines:
        match = rules["author"].match(line.text)
        text = match.group(1) if match else (line.text if line.rule == "byline_unlabelled" else "")
        if text:
            return "; ".join(p.strip() for p in rules["separator"].split(text.strip()) if p.strip())
    return ""


def meta_line(article: Article, rule: str) -> Line | None:
    """The first meta line a given cleaning rule matched, if any."""
    return next((line for line in article.meta_lines if line.rule == rule), None)
