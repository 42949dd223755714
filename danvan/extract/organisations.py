"""Organisations named in a text (the Party's committees and boards, the State, the Fatherland Front and the
mass organisations), each at the level the text gives it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from danvan.extract.gazetteer import gazetteer
from danvan.extract.lexicon import title_pattern
from danvan.text import CAPITAL, alternation, any_of, fold
from danvan.vocab import load_csv, load_yaml


def listed(key: str, field: str = "word") -> list[str]:
    """The ``field`` of every entry under ``key`` in ``actor_words.yml`` (the words around names)."""
    return [str(entry[field]) for entry in load_yaml("actor_words.yml")[key]]


@dataclass(frozen=True)
class Organisation:
    canonical: str
    level: str
    family: str
    gloss_en: str


@dataclass(frozen=True)
class _Rules:
    """Patterns over the words around organisations' names (``actor_words.yml``)."""

    level_re: re.Pattern[str]  # words after a name that give its level: "MTTQ huyện", "Ban Dân vận Tỉnh ủy"
    level_words: dict[str, str]  # folded level word -> level
    party_committee_words: frozenset[str]
    boards: frozenset[str]  # boards that take the level of the organisation they belong to
    country: re.Pattern[str]  # "... Việt Nam" after a name: national, unless "các cấp" follows
    country_ends: tuple[str, ...]
    all_levels: re.Pattern[str]
    standing: str  # the standing committee's canonical name
    city_committee: str  # "Thành ủy": a province or a district, by the city after it
    city_after: re.Pattern[str]
    under_centre: re.Pattern[str]
    capitalised_only: frozenset[str]  # "Mặt trận" is the Fatherland Front only when capitalised
    list_gap: re.Pattern[str]  # between the members of a list: "HĐND-UBND", "HĐND, UBND", "HĐND và UBND"


@cache
def _rules() -> _Rules:
    words = load_yaml("actor_words.yml")
    country_words = listed("country")
    lead_ins = any_of(listed("level_lead_ins"))
    return _Rules(
        level_re=re.compile(
            rf"\s+(?:(?:{any_of(country_words)})\s+)?(?:(?:{lead_ins})\s+)?({any_of(listed('levels'))})(?!\w)",
            re.IGNORECASE,
        ),
        level_words={fold(e["word"]): e["level"] for e in words["levels"]},
        party_committee_words=frozenset(fold(e["word"]) for e in words["levels"] if e.get("party_committee")),
        boards=frozenset(listed("boards", "name")),
        country=re.compile(rf"\s+(?:{any_of(country_words)})(?!\w)"),
        country_ends=tuple(fold(word) for word in country_words),
        all_levels=re.compile(rf"\s+(?:(?:{lead_ins})\s+)?(?:{any_of(listed('all_levels'))})(?!\w)", re.I),
        standing=words["standing_committee"]["name"],
        city_committee=words["city_committee"]["name"],
        city_after=re.compile(rf"\s+({CAPITAL}[\w']*(?:\s+{CAPITAL}[\w']*){{0,3}})"),
        under_centre=re.compile(rf"\s+(?:{any_of(listed('under_centre', 'phrase'))})(?!\w)", re.I),
        capitalised_only=frozenset(fold(alias) for alias in listed("capitalised_only", "alias")),
        list_gap=re.compile(r"\s*[-–,]\s*|\s+và\s+"),
    )


@cache
def _organisations() -> tuple[dict[str, Organisation], re.Pattern[str]]:
    """Folded alias -> organisation, and one pattern matching any alias in folded text."""
    by_alias: dict[str, Organisation] = {}
    for row in load_csv("organisations.csv"):
        org = Organisation(row["canonical"], row["level"], row["family"], row["gloss_en"])
        for alias in row["aliases"].split("|"):
            by_alias[fold(alias)] = org
    # "Tỉnh ủy viên" is a member's title, not a mention of the committee.
    member = re.escape(load_yaml("actor_words.yml")["member_suffix"]["word"])
    pattern = re.compile(r"(?<!\w)(" + alternation(by_alias) + rf")(?!\w)(?!\s+{member}(?!\w))")
    return by_alias, pattern


def _inside_title(folded: str, start: int) -> bool:
    """Whether ``start`` falls inside a title of titles.csv ("phó bí thư thường trực": its last words)."""
    return any(
        m.start() < start < m.end() for m in title_pattern().finditer(folded, max(0, start - 40), start + 40)
    )


def _office_before(folded: str, end: int) -> bool:
    """Whether folded text ends at ``end`` with a title ("phó chủ tịch "): what follows is where the office is
    held."""
    window = folded[max(0, end - 60) : end]
    return any(
        m.end() < len(window) and window[m.end() :].isspace() for m in title_pattern().finditer(window)
    )


def same_length_fold(text: str) -> str:
    """Folded text with the same length as ``text`` (so offsets carry over)."""
    folded = fold(text)
    return folded if len(folded) == len(text) else text.lower()


def _city_level(text: str, end: int) -> str:
    """The level of "Thành ủy" from the city written after it: a city under the central government (a
    province, in the gazetteer before or after 2025) or a provincial city (a district)."""
    rules = _rules()
    if rules.under_centre.match(text, end):
        return "province"  # "Tỉnh ủy, Thành ủy trực thuộc Trung ương"
    after = rules.city_after.match(text, end)
    if not after:
        return ""
    gaz = gazetteer()
    words = after.group(1).split()
    provinces = set(gaz.provinces) | {fold(p) for p in gaz.province_2025.values()}
    for size in range(len(words), 0, -1):
        name = fold(" ".join(words[:size]))
        if name in provinces:
            return "province"
        if name in gaz.districts:
            return "district"
    return ""


_SPACES = re.compile(r"\s+")


def _mention_at(text: str, folded: str, start: int, depth: int = 0) -> dict[str, Any] | None:
    """The organisation named at ``start`` (an alias must start there), with its level and where it ends;
    None when the words there are part of another name or a title."""
    by_alias, pattern = _organisations()
    rules = _rules()
    m = pattern.match(folded, start)
    if not m:
        return None
    org = by_alias[m.group(1)]
    if m.group(1) in rules.capitalised_only and not text[start].isupper():
        return None  # "trên mặt trận kinh tế": a front of work, not the Fatherland Front
    family = org.family
    end, level = m.end(), org.level
    if org.canonical == rules.standing and _inside_title(folded, m.start()):
        return None  # "Phó Bí thư Thường trực Huyện ủy": part of the title, the committee follows
    gap = _SPACES.match(text, end)
    attached = (
        _mention_at(text, folded, gap.end(), depth + 1)
        if gap and not level and org.family == "Party" and depth < 3
        else None
    )
    if attached and org.canonical == rules.standing and attached["family"] != "Party":
        return None  # "Thường trực HĐND tỉnh": the council's standing members, named by the council
    if attached and attached["level"]:
        # "Ban Thường vụ Hội LHPN tỉnh", "Ban Thường vụ Tỉnh đoàn", "Đảng ủy Quân sự tỉnh": a board or Party
        # committee of the organisation that follows, one mention at that organisation's level.
        level, end = attached["level"], attached["end"]
        if org.canonical in rules.boards:
            family = attached["family"]
        return _row(text, m.start(), end, org, level, family)
    after = rules.level_re.match(text, end)
    if after and not level:
        level, end = rules.level_words[fold(after.group(1))], after.end()
    elif after and fold(after.group(1)) in rules.party_committee_words:
        end = after.end()  # "Ban Thường vụ Tỉnh ủy": one mention, of the board, at the committee's level
        level = rules.level_words[fold(after.group(1))]
    if not level and org.canonical == rules.city_committee:
        level = _city_level(text, end)
    if not level and not after and _office_before(folded, m.start()):
        # "Phó Chủ tịch Hội LHPN Việt Nam": an office in the national organisation. Without an office
        # before it, "MTTQ Việt Nam và các tổ chức chính trị - xã hội tỉnh" names the system, not a level.
        tail = rules.country.match(text, end)
        national = tail or m.group(1).endswith(rules.country_ends)
        if national and not rules.all_levels.match(text, tail.end() if tail else end):
            level, end = "central", tail.end() if tail else end
    if not level and not after and depth < 4:
        # "HĐND-UBND tỉnh", "HĐND, UBND tỉnh", "HĐND và UBND huyện": the level after a list is each member's.
        joint = rules.list_gap.match(text, end)
        member = _mention_at(text, folded, joint.end(), depth + 1) if joint else None
        if member and member["level"] and not member["inherent"]:
            level = member["level"]
    return _row(text, m.start(), end, org, level, family)


def _row(text: str, start: int, end: int, org: Organisation, level: str, family: str) -> dict[str, Any]:
    return {
        "name": text[start:end],
        "canonical": org.canonical,
        "level": level,
        "family": family,
        "start": start,
        "end": end,
        "inherent": org.level,  # the level the name itself gives ("Tỉnh đoàn"), not the words after it
    }


@lru_cache(maxsize=4096)
def organisation_mentions(text: str) -> tuple[dict[str, Any], ...]:
    """Organisations named in ``text``: name, canonical, level, family, start, end (into ``text``)."""
    _, pattern = _organisations()
    folded = same_length_fold(text)
    rows = []
    reach = 0  # where the last mention ends
    for m in pattern.finditer(folded):
        if m.start() < reach:
            continue  # a committee consumed as the level of a board before it ("Ban Dân vận Tỉnh ủy")
        row = _mention_at(text, folded, m.start())
        if row:
            row.pop("inherent")
            rows.append(row)
            reach = row["end"]
    return tuple(rows)
