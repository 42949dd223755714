"""Vocabulary that several extractors read: surnames, titles, web domains and place words (loaded lazily,
once per process)."""

from __future__ import annotations

import re
from functools import cache

from danvan.text import alternation, fold
from danvan.vocab import load_csv, load_yaml

# A web address or bare domain ("https://www.baolaocai.vn/...", "backan.gov.vn"); group 1 is the domain
# without "www.".
DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+(?:vn|com|net|org|info)(?:\.vn)?)\b", re.I)


@cache
def surnames() -> frozenset[str]:
    """Folded Vietnamese family names (``surnames.csv``), one- and two-word ("Rơ Châm")."""
    return frozenset(fold(row["surname"]) for row in load_csv("surnames.csv"))


@cache
def title_pattern() -> re.Pattern[str]:
    """Any title of ``titles.csv`` in folded text, as group 1 ("phó chủ tịch", "bí thư")."""
    folded = [fold(row["title"]) for row in load_csv("titles.csv")]
    return re.compile(r"(?<!\w)(" + alternation(folded) + r")(?!\w)")


@cache
def title_kinds() -> dict[str, str]:
    """Folded title -> kind (rank | academic | position)."""
    return {fold(row["title"]): row["kind"] for row in load_csv("titles.csv")}


@cache
def place_words() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Unit words ("xã", "huyện") with the gazetteer tables their names come from, and settlement words
    ("thôn", "bản"), from ``place_rules.yml``."""
    rules = load_yaml("place_rules.yml")
    everywhere = ("provinces", "districts", "wards")
    units = {e["word"]: tuple(e.get("tables", everywhere)) for e in rules["unit_words"]}
    return units, frozenset(e["word"] for e in rules["settlement_words"])
