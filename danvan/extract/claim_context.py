"""What a numeric claim covers (its scope), when (its period), in one unit per quantity, and whether it is a
result, a target or a fact about the place (its kind), from its sentence and the article's place.

"Năm 2019, toàn huyện xây dựng mới 64 mô hình": district (the article's), as of 2019, a result; "Hội Nông
dân tỉnh đã vận động 1,2 tỷ đồng": organisation; "huyện có 18 đơn vị hành chính": background; "phấn đấu đến
năm 2025 có 100% thôn ...": a target, as of 2025.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from danvan.extract.gazetteer import gazetteer
from danvan.extract.organisations import organisation_mentions
from danvan.extract.places import find_mentions
from danvan.text import CAPITAL, any_of, fold
from danvan.vocab import load_yaml

_NAME = rf"(?-i:{CAPITAL}[\w'’]*(?:\s+(?:{CAPITAL}[\w'’]*|\d{{1,3}}\b))*)|(?:số\s+)?\d{{1,3}}\b"
_SPAN = re.compile(
    r"(?:giai đoạn|nhiệm kỳ|từ năm|từ)\s+((?:19|20)\d\d)\s*(?:[-–]|đến(?: năm)?)\s*((?:19|20)\d\d)", re.I
)
_SINCE = re.compile(r"từ(?: năm)?\s+((?:19|20)\d\d)\s+(?:đến nay|tới nay)", re.I)
_MONTHS = re.compile(r"(\d{1,2}) tháng đầu năm(?:\s+((?:19|20)\d\d))?", re.I)
_YEAR = re.compile(r"(?<!\w)năm\s+((?:19|20)\d\d)(?![\d/-])", re.I)
_CLAUSE_START = re.compile(r"[;:]|\.\s")
_OF = re.compile(r"(?<!\w)(?:của|thuộc)\s+$", re.I)  # right before a unit: the unit holds what precedes
RANK = {"village": 0, "commune": 1, "district": 2, "province": 3, "country": 4}


@dataclass(frozen=True)
class _Rules:
    base_units: dict[str, tuple[str, float]]
    level_of: dict[str, str]
    unit_before_name: re.Pattern[str]  # "xã Xín Cái", "thôn 3"
    whole: re.Pattern[str]  # "toàn huyện", "trên địa bàn tỉnh"
    country: re.Pattern[str]  # "cả nước", "toàn quốc"
    territorial: frozenset[str]  # organisation families and names whose figures are their unit's
    target: re.Pattern[str]
    background: re.Pattern[str]
    background_objects: frozenset[str]


@cache
def _rules() -> _Rules:
    data = load_yaml("claim_context.yml")
    levels = any_of(e["word"] for e in data["levels"])
    words = {key: any_of(e["word"] for e in data[key]) for key in ("whole_unit", "targets", "background")}
    return _Rules(
        base_units={e["unit"]: (e["base"], float(e["factor"])) for e in data["base_units"]},
        level_of={fold(e["word"]): e["level"] for e in data["levels"]},
        unit_before_name=re.compile(rf"(?<!\d\s)(?<!\w)({levels})\s+({_NAME})", re.I),  # not "17 xã"
        whole=re.compile(rf"(?<!\w)(?:{words['whole_unit']})\s+({levels})(?!\w)", re.I),
        territorial=frozenset(e.get("family") or e["canonical"] for e in data["territorial"]),
        country=re.compile(rf"(?<!\w)(?:{any_of(e['word'] for e in data['country'])})(?!\w)", re.I),
        target=re.compile(rf"(?<!\w)(?:{words['targets']})(?!\w)", re.I),
        background=re.compile(rf"(?<!\w)(?:{words['background']})(?!\w)", re.I),
        background_objects=frozenset(fold(e["object"]) for e in data["background_objects"]),
    )


def claim_context(
    row: dict[str, Any],
    sentence: str,
    at: int,
    place: dict[str, str],
    year: str,
    period: tuple[str, str] = ("", ""),
) -> dict[str, Any]:
    """The context columns of one claim: ``at`` is where it starts in ``sentence``; ``place`` the article's
    province and district; ``year`` the article's publication year ("" when unknown); ``period`` the
    campaign period the article names (start, end years), for sentences that give no time at all."""
    rules = _rules()
    clause_start = max((m.end() for m in _CLAUSE_START.finditer(sentence, 0, at)), default=0)
    clause = sentence[clause_start:]
    before = sentence[clause_start:at]
    base, factor = rules.base_units.get(row["unit"], (row["unit"], 1.0))
    value = row["value"]
    scope = _scope(before, place)
    as_of, span = _period(sentence, year, period)
    return {
        "quantity": value * factor if isinstance(value, int | float) else None,
        "base_unit": base,
        **scope,
        "as_of": as_of,
        "span": span,
        "kind": _kind(row, before, clause),
    }


def _scope(before: str, place: dict[str, str]) -> dict[str, str]:
    """The unit nearest before the number in its clause: a named unit ("xã Xín Cái"), the whole of one
    ("toàn huyện": the article's), or an organisation at its level; else the article's place."""
    rules = _rules()
    found: list[tuple[int, str, str, str]] = []  # (end, level, name, evidence)
    for m in rules.unit_before_name.finditer(before):
        if _OF.search(before, 0, m.start()):
            continue  # "huyện vùng cao của tỉnh Hà Giang": where the unit lies, not the claim's scope
        level = _level(m.group(1), m.group(2))
        name = re.sub(r"^số\s+", "", m.group(2))
        found.append((m.end(), level, name, f"named: '{m.group().strip()}'"))
    for m in rules.whole.finditer(before):
        level = rules.level_of[fold(m.group(1))]
        name = {"province": place.get("province", ""), "district": place.get("district", "")}.get(level, "")
        found.append((m.end(), level, name, f"whole unit: '{m.group().strip()}'"))
    for mention in find_mentions(before):  # "Mèo Vạc là huyện ...": a unit named without its level word
        at = before.find(mention.written)
        if not mention.marker and mention.level in ("district", "province") and not _OF.search(before, 0, at):
            level, name = mention.level, mention.unit
            found.append((at + len(mention.written), level, name, f"named: '{mention.written}'"))
    for m in rules.country.finditer(before):
        found.append((m.end(), "country", "", f"whole country: '{m.group()}'"))
    for org in organisation_mentions(before):
        written = before[org["start"] : org["end"]]
        territorial = org["family"] in rules.territorial or org["canonical"] in rules.territorial
        if territorial and org["level"] in ("province", "district", "commune"):
            # "Huyện ủy", "UBND quận": the Party committee or government of a unit speaks for the unit
            name = {"province": place.get("province", ""), "district": place.get("district", "")}.get(
                org["level"], ""
            )
            found.append((org["end"] + 1, org["level"], name, f"authority of the unit: '{written}'"))
        else:
            found.append((org["end"] + 1, "organisation", written, f"organisation: '{written}'"))
    if found:
        found.sort(key=lambda f: f[0])
        chosen = found[-1]
        for earlier in reversed(found[:-1]):  # "thôn 3, xã Vũ Vinh": an address, its smallest unit
            if 0 <= chosen[0] - len(chosen[2]) - earlier[0] <= 12 and RANK.get(earlier[1], 9) < RANK.get(
                chosen[1], 9
            ):
                chosen = earlier
        _, level, name, evidence = chosen
        return {"scope_level": level, "scope_name": name, "scope_evidence": evidence}
    if place.get("district"):
        return {
            "scope_level": "district",
            "scope_name": place["district"],
            "scope_evidence": "article's place",
        }
    if place.get("province"):
        return {
            "scope_level": "province",
            "scope_name": place["province"],
            "scope_evidence": "article's place",
        }
    return {"scope_level": "", "scope_name": "", "scope_evidence": "no place"}


def _level(word: str, name: str) -> str:
    """The level a unit word gives; "thành phố X" is a province when X is one, else a district."""
    level = _rules().level_of[fold(word)]
    if level == "province" and fold(word) == "thành phố" and fold(name) not in gazetteer().provinces:
        return "district"
    return level


def _period(sentence: str, year: str, period: tuple[str, str]) -> tuple[str, str]:
    """(as_of, span) from the sentence: a period ("giai đoạn 2016-2020"), a span to now, the first months
    of a year, or a year; as_of is the end of a period, else the article's year."""
    if since := _SINCE.search(sentence):
        return year, f"{since.group(1)}-{year}"  # "2021-" when the article's year is unknown
    if span := _SPAN.search(sentence):
        return span.group(2), f"{span.group(1)}-{span.group(2)}"
    if months := _MONTHS.search(sentence):
        in_year = months.group(2) or year
        return in_year, f"{in_year}-01/{in_year}-{int(months.group(1)):02d}" if in_year else ""
    if single := _YEAR.search(sentence):
        return single.group(1), ""
    if not year and period[1]:  # an undated article: the period it reports on
        return period[1], f"{period[0]}-{period[1]}"
    return year, ""  # nothing said: the article's year


def _kind(row: dict[str, Any], before: str, clause: str) -> str:
    """target (a goal), background (a fact about the place) or result."""
    rules = _rules()
    if rules.target.search(before):
        return "target"
    if fold(row.get("object", "")) in rules.background_objects or rules.background.search(clause):
        return "background"
    return "result"
