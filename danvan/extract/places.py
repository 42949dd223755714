"""Places named in a text: provinces, districts and wards (also of the 2025 map), each with its marker, era
and weight. Where an article is placed from them: :mod:`danvan.extract.placement`."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from danvan.extract.gazetteer import Unit, gazetteer, place_key
from danvan.extract.lexicon import surnames
from danvan.extract.place_rules import place_rules, word_initial
from danvan.text import any_of, capitalised_runs, fold
from danvan.vocab import load_csv, load_yaml


@dataclass(frozen=True)
class Mention:
    """A place named in the text: what it was matched to and how strongly it counts."""

    level: str  # province | district | ward
    unit: str  # official short name
    province: str
    written: str  # as in the text
    marker: str  # e.g. "tỉnh", "huyện", "Tỉnh ủy", "" for none
    weight: float
    era: str = ""  # "former" ("huyện Bắc Mê cũ"), "new" ("tỉnh Tuyên Quang (mới)") or "" (not said)
    passing: bool = False  # named in passing: a visiting delegation, a place learnt from, a neighbour


def _in_passing(text: str, start: int) -> bool:
    """Whether a passing cue comes just before the place starting at ``start`` (and its marker)."""
    rules = place_rules()
    before = text[max(0, start - 60) : start]
    for group in ("province_markers", "district_markers", "ward_markers"):
        marker = rules.markers[group].search(before)
        if marker:
            before = before[: marker.start(1)]
            break
    bridge = rules.bridge.search(before)  # "Đoàn công tác Ban Dân vận Tỉnh ủy Cao Bằng"
    return bool(rules.passing.search(before[: bridge.start()] if bridge else before))


def _weighed(m: Mention, text: str, start: int, end: int) -> Mention:
    """The mention with the era the text gives it and its weight lowered when named in passing."""
    era = _era(text, end, m.level)
    passing = _in_passing(text, start) or place_rules().visitor.match(text, end)
    weight = m.weight * place_rules().weights["passing"] if passing else m.weight
    return replace(m, era=era, weight=weight, passing=bool(passing)) if era or passing else m


def _era(text: str, end: int, level: str) -> str:
    """Whether the text says, right after a place name, that it means the unit before or after 2025."""
    rules = place_rules()
    if rules.former_after.match(text, end):
        return "former"
    if level == "province" and rules.new_after.match(text, end):
        return "new"
    return ""


def _marker(text: str, start: int, group: str) -> str:
    match = place_rules().markers[group].search(text[max(0, start - 24) : start])
    return match.group(1) if match else ""


@cache
def _spans(n: int) -> tuple[tuple[int, int], ...]:
    """Candidate (i, j) word spans of a run of ``n`` words, longest first: 1 to 4 words."""
    return tuple((i, i + size) for size in range(min(4, n), 0, -1) for i in range(n - size + 1))


@cache
def _alias_pattern() -> re.Pattern[str]:
    """Province aliases written with punctuation ("TP.HCM"), which capitalised runs cannot see."""
    aliases = [
        row["alias"] for row in load_csv("place_aliases.csv") if not row["alias"].replace(" ", "").isalpha()
    ]
    longest_first = sorted(aliases, key=len, reverse=True)
    parts = [word_initial(alias, re.escape(alias[1:])) for alias in longest_first]
    return re.compile(r"(" + "|".join(parts) + r")(?!\w)")


@cache
def _hyphenated_pattern() -> re.Pattern[str]:
    """District names with a hyphen ("Phan Rang - Tháp Chàm"), written with or without spaces around it."""
    names = sorted(
        {u.name for units in gazetteer().districts.values() for u in units if "-" in u.name}, key=len
    )
    parts = [
        word_initial(name, r"\s*-\s*".join(map(re.escape, re.split(r"\s*-\s*", name[1:]))))
        for name in reversed(names)
    ]
    return re.compile(r"(?:" + "|".join(parts) + r")(?!\w)" if parts else r"(?!x)x", re.I)


@cache
def _ward_2025_pattern() -> re.Pattern[str]:
    """A commune or ward of the map since July 2025 after its marker: "phường Hà Giang 1", "xã Xuân Hương -
    Đà Lạt" (names found in one province only)."""
    names = sorted((n for n, p in gazetteer().wards_2025.items() if n and p), key=len, reverse=True)
    markers = any_of(e["marker"] for e in load_yaml("place_rules.yml")["ward_markers"])
    return re.compile(r"(?<!\w)((?i:" + markers + r"))\s+(" + "|".join(map(re.escape, names)) + r")(?![\w])")


def _wards_2025(text: str) -> tuple[str, list[Mention]]:
    """The 2025 communes and wards named in ``text``, and the text with their names blanked (offsets kept),
    so that "phường Hà Giang 1" is not also read as the former province Hà Giang."""
    weight = place_rules().weights["ward_marked"]
    mentions, blanked = [], text
    for m in _ward_2025_pattern().finditer(text):
        name = m.group(2)
        found = Mention("ward", name, gazetteer().wards_2025[name], name, m.group(1), weight, era="2025")
        mentions.append(_weighed(found, text, m.start(), m.end()))
        blanked = blanked[: m.start(2)] + " " * len(name) + blanked[m.end(2) :]
    return blanked, mentions


@lru_cache(maxsize=4096)
def find_mentions(text: str, units_2025: bool = False) -> tuple[Mention, ...]:
    """Provinces, districts and wards named in ``text``, each with its marker and weight; with
    ``units_2025``, the communes and wards of the 2025 map first (for an article written after the merger)."""
    gaz, rules = gazetteer(), place_rules()
    weight = rules.weights["province_marked"]
    new_units: list[Mention] = []
    if units_2025:
        text, new_units = _wards_2025(text)
    mentions: list[Mention] = [*new_units] + [
        _weighed(Mention("province", province, province, m.group(), "", weight), text, m.start(), m.end())
        for m in _alias_pattern().finditer(text)
        if (province := gaz.provinces[place_key(m.group())])
    ]
    # "TP. Phan Rang - Tháp Chàm", "Thành ủy Phan Rang-Tháp Chàm": hyphens break capitalised runs
    for m in _hyphenated_pattern().finditer(text):
        units = gaz.districts.get(place_key(re.sub(r"\s*-\s*", " - ", m.group())), [])
        provinces = sorted({u.province for u in units})
        if units:
            marker = _marker(text, m.start(), "district_markers")
            weight = rules.weights["district_marked" if marker else "district_named"]
            found = Mention("district", units[0].name, "|".join(provinces), m.group(), marker, weight)
            mentions.append(_weighed(found, text, m.start(), m.end()))
    kind = rules.numbered_kind
    for m in rules.numbered_district.finditer(text):
        for unit in gaz.districts.get(place_key(f"{kind} {m.group(2)}"), [])[:1]:
            weight = rules.weights["district_marked"]
            found = Mention("district", unit.name, unit.province, m.group(), kind, weight)
            mentions.append(_weighed(found, text, m.start(), m.end()))
    for start, _, words in capitalised_runs(text):
        mentions += _run_mentions(text, start, words)
    return tuple(mentions)


@dataclass(frozen=True)
class _Span:
    """Words ``i:j`` of a capitalised run of ``n`` words that starts at ``start`` in ``text``."""

    text: str
    start: int
    i: int
    j: int
    n: int
    key: str  # the span's place key
    written: str  # as in the text
    lead: str  # the run's first word, folded
    inner_marker: str  # the run's words before the span, folded ("huyện" in "Huyện Na Rì")
    outer: str  # a province marker before the run


def _run_mentions(text: str, start: int, words: list[re.Match[str]]) -> list[Mention]:
    """The places a capitalised run names, its longest matching spans first."""
    mentions: list[Mention] = []
    keys = [place_key(w.group()) for w in words]  # words are apart by spaces only: a span's key is theirs
    unit_keys = _unit_keys()
    taken: set[int] = set()
    for i, j in _spans(len(words)):
        key = " ".join(keys[i:j])
        if key not in unit_keys or taken.intersection(range(i, j)):
            continue  # most spans name no unit at all: no context to weigh
        written = text[words[i].start() : words[j - 1].end()]
        lead = fold(words[0].group())
        inner_marker = fold(" ".join(w.group() for w in words[:i])) if i else ""
        outer = _marker(text, start, "province_markers") if i == 0 else ""
        found = _match_span(_Span(text, start, i, j, len(words), key, written, lead, inner_marker, outer))
        if found is not None:
            mentions.append(_weighed(found, text, words[i].start(), words[j - 1].end()))
            taken.update(range(i, j))
    return mentions


@cache
def _unit_keys() -> frozenset[str]:
    """Keys of every province, district and ward: no other span of a run can name a place."""
    gaz = gazetteer()
    return frozenset(gaz.provinces).union(gaz.districts, gaz.wards)


def _match_span(span: _Span) -> Mention | None:
    """The place a span of a capitalised run names, if any, with the weight its context gives."""
    gaz, rules = gazetteer(), place_rules()
    text, start, i, j, key, written = span.text, span.start, span.i, span.j, span.key, span.written
    lead, inner_marker, outer = span.lead, span.inner_marker, span.outer
    weights = rules.weights
    person_like = i > 0 and lead in surnames()  # "Lê Thái Bình" is a person, not Thái Bình
    sentence_start = i == 1 and lead in rules.sentence_initial  # "Tại Chiêm Hóa, ..."
    district_only = (
        key in gaz.provinces
        and not outer
        and not _inner(inner_marker, "province_markers")
        and (
            (_marker(text, start, "district_markers") if i == 0 else "")
            or _inner(inner_marker, "district_markers")
        )
        and key in gaz.districts
    )  # "thị xã Quảng Trị", "huyện Quảng Ninh" (of Quảng Bình): the district, not the province of that name
    marker = outer or _inner(inner_marker, "province_markers")
    # one word ("Huế") is a province only after a marker: "Thành ủy Huế", "thành phố Huế"
    if key in gaz.provinces and (j - i >= 2 or marker) and not person_like and not district_only:
        province = gaz.provinces[key]
        if not marker and key in rules.marker_required:
            return None
        weight = weights["province_marked" if marker else "province_named"]
        return Mention("province", province, province, written, marker, weight)
    for level, table, group in (
        ("district", gaz.districts, "district_markers"),
        ("ward", gaz.wards, "ward_markers"),
    ):
        units: list[Unit] = table.get(key, [])
        if not units or person_like:
            continue
        marker = (_marker(text, start, group) if i == 0 else "") or _inner(inner_marker, group)
        if level == "district" and not marker and _ward_marked(text, start, i, inner_marker):
            continue  # "xã Mèo Vạc", "Phường Tuy Hòa": a commune or ward named like a district
        whole_run = (i == 0 or sentence_start) and j == span.n
        named_alone = (
            level == "district"
            and whole_run
            and j - i >= 2
            and key not in gaz.provinces
            and not rules.facility.search(text[max(0, start - 40) : start])  # "Khu kinh tế Nghi Sơn"
        )
        if not marker and not named_alone:
            continue
        provinces = sorted(
            {u.province for u in units}
        )  # kinds change over time (huyện → thị xã): not a filter
        weight = weights[f"{level}_marked" if marker else f"{level}_named"]
        if len(provinces) == 1:
            return Mention(level, units[0].name, provinces[0], written, marker, weight)
        return Mention(level, units[0].name, "|".join(provinces), written, marker, weight)
    return None


def _ward_marked(text: str, start: int, i: int, inner_marker: str) -> bool:
    before = _marker(text, start, "ward_markers") if i == 0 else ""
    return bool(before or _inner(inner_marker, "ward_markers"))


def _inner(prefix: str, group: str) -> str:
    """A marker written inside the capitalised run ("Huyện Na Rì", "Tỉnh ủy ... An Giang")."""
    if not prefix:
        return ""
    match = place_rules().markers[group].search(prefix)
    return match.group(1) if match else ""
