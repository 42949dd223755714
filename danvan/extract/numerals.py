"""Vietnamese numbers: "26.000" is 26000, "1,5" is 1.5, "1,5 tỷ" is 1500000000, "hàng trăm" is 100."""

from __future__ import annotations

import re
from functools import cache

from danvan.text import fold
from danvan.vocab import load_yaml

# Thousands grouped with "." (or a space inside digits is not used); decimals after ",".
# "1.5" (not a group of three) is read as a decimal point, as English-style sources write it.
NUMERAL = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?!\d)|\d+"
_NUMERAL_ONLY = re.compile(NUMERAL)
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # "26.000", "1.234,5": "." groups thousands
_QUANTITY = re.compile(rf"\s*({NUMERAL})\s*([^\W\d_]+)?\s*")


def parse_number(token: str) -> float | None:
    """The value of one numeral token, or None when ``token`` is not one."""
    token = token.strip()
    if not _NUMERAL_ONLY.fullmatch(token):
        return None
    if _GROUPED.fullmatch(token):
        return float(token.replace(".", "").replace(",", "."))
    return float(token.replace(",", "."))


def format_number(value: float, decimals: int = 0) -> str:
    """Write ``value`` the Vietnamese way: "26.000", "1,5" (inverse of :func:`parse_number`)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


@cache
def scales() -> dict[str, float]:
    """Scale words ("nghìn", "triệu", "tỷ") -> factor, keyed by folded word."""
    return {fold(e["word"]): float(e["factor"]) for e in load_yaml("figures.yml")["scales"]}


def parse_quantity(phrase: str) -> tuple[float, str] | None:
    """(value, scale word) of "1,5 tỷ", "3 nghìn", "26.000"; None if the phrase is not a number."""
    match = _QUANTITY.fullmatch(phrase)
    if not match:
        return None
    value = parse_number(match.group(1))
    scale = fold(match.group(2) or "")
    if value is None:
        return None
    if scale in scales():
        return value * scales()[scale], match.group(2)
    return value, ""
