"""Vietnamese dates: "17/08/2018", "23-5-2021", "ngày 15 tháng 5 năm 2016", "14/7" (no year)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# day/month/year with "/", "-" or "." between (a "year" followed by ":35" or "h35" is the hour of a time:
# "26/04 - 10:35"); or the spelled-out "ngày D tháng M năm Y".
DATE = re.compile(
    r"(?<![\d/.-])(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}|\d{2})(?!\s*[:hg]\d))?"
    r"(?![\d/-]|\.\d)"
    r"|ngày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s+năm\s+(?P<y2>\d{4}))?"
    r"|tháng\s+(?P<m3>\d{1,2})\s*[/-]\s*(?P<y3>\d{4})|tháng\s+(?P<m4>\d{1,2})\s+năm\s+(?P<y4>\d{4})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ParsedDate:
    """A date as precise as the text: ``iso`` is empty when the year is missing."""

    iso: str  # "2018-08-17", "2024-07" or "" (never an invented year)
    precision: str  # day | month | year | none
    text: str
    start: int
    end: int
    day: int | None = None
    month: int | None = None


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    year = int(raw)
    return year + 2000 if len(raw) == 2 else year


def parse_date_match(match: re.Match[str]) -> ParsedDate | None:
    """The date a :data:`DATE` match stands for, or None when it is not a valid calendar date."""
    g = match.groupdict()
    if g["m3"] or g["m4"]:
        month, year = int(g["m3"] or g["m4"]), int(g["y3"] or g["y4"])
        if not 1 <= month <= 12:
            return None
        return ParsedDate(
            f"{year:04d}-{month:02d}", "month", match.group(), match.start(), match.end(), None, month
        )
    day, month = int(g["d"] or g["d2"]), int(g["m"] or g["m2"])
    year = _year(g["y"] or g["y2"])
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29/2 without a year stays valid
    except ValueError:
        return None
    if year is None:
        if g["d"] and "/" not in match.group():  # "5-7" is a range and "2.10" a number, not dates
            return None
        return ParsedDate("", "none", match.group(), match.start(), match.end(), day, month)
    return ParsedDate(
        f"{year:04d}-{month:02d}-{day:02d}", "day", match.group(), match.start(), match.end(), day, month
    )


def find_dates(text: str) -> list[ParsedDate]:
    """Every valid date in ``text``, in order."""
    return [d for m in DATE.finditer(text) if (d := parse_date_match(m)) is not None]
