"""When an article was published: its date line or the page's metadata; else an estimate from the date of
the event its lead reports, marked as such. Dates before the campaign or after today are not publication
dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from danvan.article import Article
from danvan.extract.dates import DATE, ParsedDate, find_dates, parse_date_match
from danvan.vocab import load_yaml

# "năm 2024", never a range ("giai đoạn 2020 - 2025" says when a period ran, not the day's year)
_YEAR = re.compile(r"(?<!\w)năm\s+((?:19|20)\d\d)(?!\d|\s*[-–]\s*\d)", re.I)


@dataclass(frozen=True)
class Publication:
    """The publication date as the article gives it, and a note when it was estimated or set aside."""

    iso: str = ""  # "2018-08-17", "2024-07", "" (never an invented year)
    precision: str = "none"  # day | month | year | none
    text: str = ""  # the date as written
    basis: str = ""  # date line | page metadata | lead event (an estimate) | ""
    note: str = ""  # why the date is an estimate, or why a date was not taken


def plausible(iso: str, today: date | None = None) -> bool:
    """Whether ``iso`` can be the publication date of an article about the campaign: not before the year
    it began, not after ``today``."""
    first = int(load_yaml("metadata_rules.yml")["earliest_publication_year"])
    return f"{first:04d}" <= iso[:4] and iso <= (today or date.today()).isoformat()[: len(iso)]


def publication(
    article: Article, lead: str, dateline: re.Pattern[str], day_word: re.Pattern[str]
) -> Publication:
    """The date of a date line, of the page's metadata, or of the event the article's first line of text
    (``lead``) opens with ("Sáng 12-4-2016, Huyện ủy ..."), which is marked as an estimate."""
    set_aside: list[str] = []
    dated = [
        (d, "date line")
        for line in article.meta_lines
        if line.rule == "date_line"
        for d in find_dates(line.text)[:1]
    ]
    if article.html_meta.get("date"):
        iso = article.html_meta["date"][:10]
        dated += [(d, "page metadata") for d in find_dates("/".join(reversed(iso.split("-"))))[:1]]
    for found, basis in dated:
        if not found.iso or plausible(found.iso):
            return Publication(found.iso, found.precision, found.text, basis)
        set_aside.append(found.text)
    event = _lead_event(lead, dateline, day_word)
    note = f"date line {set_aside[0]!r} is not a possible publication date" if set_aside else ""
    if event is None:
        return Publication(note=note)
    if event.iso and not plausible(event.iso):
        return Publication(note=f"the lead's date {event.text!r} is an event of history, not the publication")
    if not event.iso:
        return Publication("", "none", event.text, "lead event", note)
    estimated = f"estimated from the lead event {event.text!r}"
    return Publication(event.iso, "day", event.text, "lead event", "; ".join(filter(None, [note, estimated])))


_PERIOD_END = re.compile(r"\(?\s*(?:19|20)\d\d\s*[-–]\s*((?:19|20)\d\d)(?!\d)")


def _reviewed_year(text: str, parsed: ParsedDate) -> int:
    """The year of a review held on a yearless date: the end of the period it reviews ("sơ kết 5 năm (2010 -
    2015)" -> 2015; the next year in January or February), or 0."""
    words = "|".join(re.escape(e["word"]) for e in load_yaml("metadata_rules.yml")["review_words"])
    review = re.search(r"(?<!\w)(?:" + words + r")(?!\w)", text, re.I)
    period = _PERIOD_END.search(text, review.end()) if review else None
    if period is None:
        return 0
    return int(period.group(1)) + (1 if parsed.month and parsed.month <= 2 else 0)


def _lead_event(lead: str, dateline: re.Pattern[str], day_word: re.Pattern[str]) -> ParsedDate | None:
    """The date that opens the lead ("(kontumtv.vn) – Sáng ngày 14/7"), with the year written later in the
    lead when the date has none ("Ngày 5-9, Tỉnh ủy ... năm 2024")."""
    prefix = dateline.match(lead)
    if not prefix:
        return None
    match = DATE.match(lead, prefix.end())
    parsed = parse_date_match(match) if match else None
    if match is None:  # "Sáng ngày 14/7", "Ngày 5-9": the numeric date after "ngày"
        word = day_word.match(lead, prefix.end())
        match = DATE.match(lead, word.end()) if word else None
        # after "ngày", "5-9" is a day and a month, not a range
        parsed = parse_date_match(DATE.match(match.group().replace("-", "/"))) if match else None
    if not (match and parsed):
        return None
    text = re.sub(r"^\s*\([^)]*\)\s*[-–—]?\s*", "", lead[: match.end()])
    iso = parsed.iso
    reach = int(load_yaml("metadata_rules.yml")["lead_year_reach_chars"])
    if not iso and parsed.day and parsed.month:
        year = _YEAR.search(lead, match.end(), match.end() + reach)
        after = lead[match.end() : match.end() + reach]
        found = int(year.group(1)) if year else _reviewed_year(after, parsed)
        iso = f"{found}-{parsed.month:02d}-{parsed.day:02d}" if found else ""
    return ParsedDate(iso, parsed.precision, text, 0, match.end(), parsed.day, parsed.month)
