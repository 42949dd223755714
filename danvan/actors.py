"""Actors: organisations at their level, officials with their titles, and abbreviations."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from danvan.article import Article, rows_by_sentence
from danvan.gazetteer import gazetteer
from danvan.places import find_mentions
from danvan.text import CAPITAL, alternation, any_of, capitalised_runs, fold
from danvan.vocab import load_csv, load_yaml

# The words around names (``danvan/data/actor_words.yml``): read once, at import, as the patterns below need.
_WORDS = load_yaml("actor_words.yml")


def _listed(key: str, field: str = "word") -> list[str]:
    return [str(entry[field]) for entry in _WORDS[key]]


_COUNTRY_WORDS = _listed("country")
_LEAD_INS = any_of(_listed("level_lead_ins"))
# Words after an organisation's name that give its level ("MTTQ huyện", "Ban Dân vận Tỉnh ủy").
_LEVEL_WORDS = {fold(e["word"]): e["level"] for e in _WORDS["levels"]}
_LEVEL_RE = re.compile(
    r"\s+(?:(?:"
    + any_of(_COUNTRY_WORDS)
    + r")\s+)?(?:(?:"
    + _LEAD_INS
    + r")\s+)?("
    + any_of(_listed("levels"))
    + r")(?!\w)",
    re.IGNORECASE,
)
_PARTY_COMMITTEE_WORDS = frozenset(fold(e["word"]) for e in _WORDS["levels"] if e.get("party_committee"))
# Two or more capitals, not inside a word, a path or a code; the check on the character before is made after
# the first capital (the pattern then starts with a character set, which the regex engine scans for fast).
_ABBREVIATION = re.compile(r"([A-ZĐ](?<![\w/-][A-ZĐ])[A-ZĐ]+(?:\s?[-–]\s?[A-ZĐ]{2,})?)(?![\w/]|-\d)")
_ROMAN = re.compile(r"[IVXLCDM]+")
TITLE_REACH = 160  # characters before a name searched for its titles
_HONORIFIC_WORDS = tuple(_listed("honorifics"))
_HONORIFICS = any_of(_HONORIFIC_WORDS)
_ANY_HONORIFIC = any_of([*_HONORIFIC_WORDS, *_listed("honorific_abbreviations")])
# "đồng chí", "đ/c", and a list's opening "các đồng chí:" just before a name.
_HONORIFIC = re.compile(r"(?<!\w)(?:" + _ANY_HONORIFIC + r")\s*:?\s+$", re.IGNORECASE)
_BEFORE_WINDOW = 80  # characters before a name that the honorific, list and place-marker patterns span
_LIST_GAP = re.compile(r"\s*(?:,|và)\s*")  # between two names of a list: "A, B và C"
# A list's opening: "Các đồng chí:", "các ông, bà:"; every name of the list then counts, surname known or not.
_LIST_OPENER = re.compile(
    rf"(?<!\w)(?:{re.escape(_WORDS['list_opener']['word'])})\s+(?:{_ANY_HONORIFIC})"
    rf"(?:\s*,\s*(?:{any_of(e['word'] for e in _WORDS['honorifics'] if e.get('pairs'))}))?\s*:\s*$",
    re.I,
)


@cache
def _place_words() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Unit words with the gazetteer tables their names come from, and settlement words
    (``place_rules.yml``)."""
    rules = load_yaml("place_rules.yml")
    everywhere = ("provinces", "districts", "wards")
    units = {e["word"]: tuple(e.get("tables", everywhere)) for e in rules["unit_words"]}
    return units, frozenset(e["word"] for e in rules["settlement_words"])


@cache
def _place_patterns() -> dict[str, re.Pattern[str]]:
    """Patterns over the unit and settlement words."""
    units, settlements = _place_words()
    unit = any_of(units)
    settlement = any_of(settlements)
    return {
        # The word right before a capitalised run: "xã Ea Tul Y Ngông Niê Kdăm".
        "marker": re.compile(rf"(?<!\w)({unit}|{settlement})\s+$", re.I),
        # A title phrase continued by the place it serves: ", xã Lý Bôn", ", phường 2, thị xã Vĩnh Châu".
        "continuation": re.compile(rf"(?:{unit})\s+\w", re.I),
        # Parentheses around a place inside a title: "Chủ tịch UBND xã Nậm Lạnh (huyện Sìn Hồ) Giàng A Dê";
        # "(cũ)" / "(mới)": a unit before or after the 2025 mergers ("huyện Hướng Hóa (cũ) Đinh Ngọc Sinh").
        "in_parentheses": re.compile(
            rf"\((?:(?=(?:{unit})\s)[^()]*|{any_of(_listed('era_in_parentheses'))})\)", re.I
        ),
    }


_FORMER_WORDS = any_of(_listed("former_office"))
_FORMER = re.compile(rf"(?:{_FORMER_WORDS})\s+$", re.I)  # "nguyên Phó Chủ tịch": a former office
_FORMER_LEAD = re.compile(rf"^(?:{_FORMER_WORDS})\s+", re.I)  # the same words opening a title
# "kiêm Chủ tịch Hội LHPN xã": a second office held at once; the title is what follows "kiêm".
_CONCURRENT = re.compile(rf"(?:{any_of(_listed('concurrent_office'))})\s+", re.I)
# An apposition giving the person's people between the name and the titles: ", dân tộc Mông, Bí thư ...";
# and the same words ending a title ("người có uy tín dân tộc Dao").
_PEOPLE = (
    rf"(?:(?:{any_of(_listed('ethnicity_lead_ins'))})\s+)?(?:{any_of(_listed('ethnicity'))})"
    rf"\s+{CAPITAL}[\w']*(?:\s+{CAPITAL}[\w']*)?\s*$"
)
_ETHNICITY = re.compile(rf"\s*{_PEOPLE}")
_ETHNIC_TAIL = re.compile(rf"\s+{_PEOPLE}")
# Boards that take the level of the organisation they belong to ("Ban Thường vụ Hội LHPN tỉnh").
_BOARDS = frozenset(_listed("boards", "name"))


# A name ending in "Việt Nam" with no level after it, nor "các cấp" ("MTTQ Việt Nam các cấp"), is national.
_COUNTRY = re.compile(rf"\s+(?:{any_of(_COUNTRY_WORDS)})(?!\w)")
_COUNTRY_ENDS = tuple(fold(word) for word in _COUNTRY_WORDS)
_ALL_LEVELS = re.compile(rf"\s+(?:(?:{_LEAD_INS})\s+)?(?:{any_of(_listed('all_levels'))})(?!\w)", re.I)
_STANDING = _WORDS["standing_committee"]["name"]
_CITY_COMMITTEE = _WORDS["city_committee"]["name"]


@dataclass(frozen=True)
class Organisation:
    canonical: str
    level: str
    family: str
    gloss_en: str


@cache
def _organisations() -> tuple[dict[str, Organisation], re.Pattern[str]]:
    """Folded alias -> organisation, and one pattern matching any alias in folded text."""
    by_alias: dict[str, Organisation] = {}
    for row in load_csv("organisations.csv"):
        org = Organisation(row["canonical"], row["level"], row["family"], row["gloss_en"])
        for alias in row["aliases"].split("|"):
            by_alias[fold(alias)] = org
    # "Tỉnh ủy viên" is a member's title, not a mention of the committee.
    member = re.escape(_WORDS["member_suffix"]["word"])
    pattern = re.compile(r"(?<!\w)(" + alternation(by_alias) + rf")(?!\w)(?!\s+{member}(?!\w))")
    return by_alias, pattern


@cache
def _titles() -> re.Pattern[str]:
    titles = [fold(row["title"]) for row in load_csv("titles.csv")]
    return re.compile(r"(?<!\w)(" + alternation(titles) + r")(?!\w)")


def _inside_title(folded: str, start: int) -> bool:
    """Whether ``start`` falls inside a title of titles.csv ("phó bí thư thường trực": its last words)."""
    return any(
        m.start() < start < m.end() for m in _titles().finditer(folded, max(0, start - 40), start + 40)
    )


@cache
def _office_pattern() -> re.Pattern[str]:
    titles = [fold(row["title"]) for row in load_csv("titles.csv")]
    return re.compile(r"(?<!\w)(?:" + alternation(titles) + r")\s+$")


def _office_before(folded: str, end: int) -> bool:
    """Whether folded text ends at ``end`` with a title ("phó chủ tịch "): what follows is where the office is
    held."""
    return bool(_office_pattern().search(folded[max(0, end - 60) : end]))


@cache
def _title_kinds() -> dict[str, str]:
    """Folded title -> kind (rank | academic | position)."""
    return {fold(row["title"]): row["kind"] for row in load_csv("titles.csv")}


@cache
def _title_end() -> re.Pattern[str]:
    """Lower-case words that end a title phrase ("cho biết", "đã", "cùng"), as written."""
    words = [row["word"] for row in load_csv("title_ends.csv")]
    return re.compile(r"(?<![^\W\d_])(?:" + alternation(words) + r")(?![^\W\d_])")


@cache
def _organisation_heads() -> frozenset[str]:
    return frozenset(fold(row["word"]) for row in load_csv("organisation_heads.csv"))


@cache
def _abbreviations() -> dict[str, dict[str, str]]:
    return {_normalise_abbreviation(row["abbreviation"]): row for row in load_csv("abbreviations.csv")}


@cache
def _surnames() -> frozenset[str]:
    return frozenset(fold(row["surname"]) for row in load_csv("surnames.csv"))


_DASH = re.compile(r"\s*[-–]\s*")


@lru_cache(maxsize=4096)
def _normalise_abbreviation(text: str) -> str:
    return _DASH.sub("-", text.strip())


def _same_length_fold(text: str) -> str:
    """Folded text with the same length as ``text`` (so offsets carry over)."""
    folded = fold(text)
    return folded if len(folded) == len(text) else text.lower()


# Between the members of a coordinated list of organisations: "HĐND-UBND", "HĐND, UBND", "HĐND và UBND".
_ORG_LIST_GAP = re.compile(r"\s*[-–,]\s*|\s+và\s+")
# A city's Party committee with its city: "Thành ủy Cần Thơ" (a province), "Thành ủy Pleiku" (a district).
_CITY_AFTER = re.compile(rf"\s+({CAPITAL}[\w']*(?:\s+{CAPITAL}[\w']*){{0,3}})")
_UNDER_CENTRE = re.compile(rf"\s+(?:{any_of(_listed('under_centre', 'phrase'))})(?!\w)", re.I)
# "Mặt trận" alone is the Fatherland Front only when capitalised
_CAPITALISED_ONLY = frozenset(fold(alias) for alias in _listed("capitalised_only", "alias"))


def _city_level(text: str, end: int) -> str:
    """The level of "Thành ủy" from the city written after it: a city under the central government (a
    province, in the gazetteer before or after 2025) or a provincial city (a district)."""
    if _UNDER_CENTRE.match(text, end):
        return "province"  # "Tỉnh ủy, Thành ủy trực thuộc Trung ương"
    after = _CITY_AFTER.match(text, end)
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
    m = pattern.match(folded, start)
    if not m:
        return None
    org = by_alias[m.group(1)]
    if m.group(1) in _CAPITALISED_ONLY and not text[start].isupper():
        return None  # "trên mặt trận kinh tế": a front of work, not the Fatherland Front
    family = org.family
    end, level = m.end(), org.level
    if org.canonical == _STANDING and _inside_title(folded, m.start()):
        return None  # "Phó Bí thư Thường trực Huyện ủy": part of the title, the committee follows
    gap = _SPACES.match(text, end)
    attached = (
        _mention_at(text, folded, gap.end(), depth + 1)
        if gap and not level and org.family == "Party" and depth < 3
        else None
    )
    if attached and org.canonical == _STANDING and attached["family"] != "Party":
        return None  # "Thường trực HĐND tỉnh": the council's standing members, named by the council
    if attached and attached["level"]:
        # "Ban Thường vụ Hội LHPN tỉnh", "Ban Thường vụ Tỉnh đoàn", "Đảng ủy Quân sự tỉnh": a board or Party
        # committee of the organisation that follows, one mention at that organisation's level.
        level, end = attached["level"], attached["end"]
        if org.canonical in _BOARDS:
            family = attached["family"]
        return _row(text, m.start(), end, org, level, family)
    after = _LEVEL_RE.match(text, end)
    if after and not level:
        level, end = _LEVEL_WORDS[fold(after.group(1))], after.end()
    elif after and fold(after.group(1)) in _PARTY_COMMITTEE_WORDS:
        end = after.end()  # "Ban Thường vụ Tỉnh ủy": one mention, of the board, at the committee's level
        level = _LEVEL_WORDS[fold(after.group(1))]
    if not level and org.canonical == _CITY_COMMITTEE:
        level = _city_level(text, end)
    if not level and not after and _office_before(folded, m.start()):
        # "Phó Chủ tịch Hội LHPN Việt Nam": an office in the national organisation. Without an office
        # before it, "MTTQ Việt Nam và các tổ chức chính trị - xã hội tỉnh" names the system, not a level.
        tail = _COUNTRY.match(text, end)
        national = tail or m.group(1).endswith(_COUNTRY_ENDS)
        if national and not _ALL_LEVELS.match(text, tail.end() if tail else end):
            level, end = "central", tail.end() if tail else end
    if not level and not after and depth < 4:
        # "HĐND-UBND tỉnh", "HĐND, UBND tỉnh", "HĐND và UBND huyện": the level after a list is each member's.
        joint = _ORG_LIST_GAP.match(text, end)
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
    folded = _same_length_fold(text)
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


def _has_surname(words: list[str]) -> bool:
    """Whether ``words`` start with a family name: "Nguyễn", "Rơ Châm" (two words), "H'Ly" (a prefix)."""
    surnames = _surnames()
    first = fold(words[0])
    return (
        first in surnames
        or fold(" ".join(words[:2])) in surnames
        or ("'" in first and first[: first.index("'") + 1] in surnames)
    )


def _is_name(words: list[str], titled: bool) -> bool:
    """A person's name: 2-5 capitalised words, a known surname first unless a title introduces it."""
    if not 2 <= len(words) <= 5 or not all(_name_word(w) for w in words):
        return False
    return titled or _has_surname(words)


@lru_cache(maxsize=1 << 16)
def _name_word(word: str) -> bool:
    """Capitalised like a name: "Trang", "A", "H'Ly" (not "UBND", not "2021")."""
    head, _, tail = word.partition("'")
    return word[0].isupper() and head[1:].islower() | (len(head) == 1) and (not tail or tail[0].isupper())


def _ends_like_name(matches: list[re.Match[str]]) -> bool:
    """Whether a run ends with two name-like words: a name is what is left of its run once the words before
    it (an honorific, an abbreviation, a place) are dropped, so a run without them holds none."""
    return len(matches) >= 2 and _name_word(matches[-1].group()) and _name_word(matches[-2].group())


def _opens_list(sentence: str, window: int, end: int) -> bool:
    """Whether a list opener ("các đồng chí:") in ``sentence[window:end]`` ends at ``end``; the colon it ends
    with is looked for first."""
    head = end
    while head > window and sentence[head - 1].isspace():
        head -= 1
    return head > window and sentence[head - 1] == ":" and bool(_LIST_OPENER.search(sentence, window, end))


def _strip_places(words: list[str], marker: str | None) -> list[str]:
    """Drop the place that stands before a name ("An Giang Võ Nguyên Nam", "xã Ea Tul Y Ngông Niê Kdăm").

    After a place marker ("xã", "huyện") the run must start with a place of that marker's kind or a surname
    ("HĐND tỉnh Dương Văn Trang"); otherwise it is read as an unknown place, not a name.
    """
    gaz = gazetteer()
    if marker:
        tables, smallest = _place_words()[0].get(marker, ("provinces", "districts", "wards")), 1
    else:
        tables, smallest = ("provinces", "districts"), 2  # one word alone is not read as a place
    for size in range(min(4, len(words) - 1), smallest - 1, -1):  # the longest place first, a name left
        head = fold(" ".join(words[:size]))
        if any(head in getattr(gaz, t) for t in tables):
            return words[size:]
    if not marker or _has_surname(words):
        return words
    # An unknown place, then a name: "thôn Lũng Làn Giàng Mí Lử", "xã Ea Tul Y Ngông Niê Kdăm".
    first = next((i for i in range(1, len(words) - 1) if _has_surname(words[i:])), None)
    return words[first:] if first is not None else []


@cache
def _historical() -> frozenset[str]:
    return frozenset(fold(row["name"]) for row in load_csv("historical_figures.csv"))


def _not_a_person(sentence: str, offset: int, words: list[str]) -> bool:
    """Places (and the country: "Hội Nông dân Việt Nam"), organisations ("Ban Dân vận", "Bộ Nội vụ") and
    historical figures are not officials."""
    key = fold(" ".join(words))
    heads = _organisation_heads()
    if (
        key in _historical()
        or key in gazetteer().provinces
        or key in gazetteer().districts
        or key == "việt nam"
    ):
        return True
    if fold(words[0]) in heads or fold(" ".join(words[:2])) in heads:
        return True
    if fold(words[0]) in _place_words()[1] and not _has_surname(words):
        return True  # "cán bộ Đồn Biên phòng Bản Lầu": a village's name, not a person's
    return any(m["start"] == 0 for m in organisation_mentions(sentence[offset : offset + 60]))


def _mask_places_in_parentheses(text: str) -> str:
    """``text`` with the parentheses around a place blanked ("(huyện Sìn Hồ)"), same length."""
    if "(" not in text:
        return text
    return _place_patterns()["in_parentheses"].sub(lambda m: " " + m.group()[1:-1] + " ", text)


def _title_at(text: str) -> re.Match[str] | None:
    """The title that ``text`` starts with (after spaces), if any."""
    folded = _same_length_fold(text)
    return _titles().match(folded, len(folded) - len(folded.lstrip()))


def _title_kind(title: str) -> str:
    """rank, academic or position: the kind of the title a phrase starts with."""
    match = _title_at(_FORMER_LEAD.sub("", title))
    return _title_kinds().get(match.group(1), "position") if match else "position"


# "... Tỉnh ủy và ông Hoàng Văn Thạch": the next person of the sentence, not part of the title.
_NEXT_PERSON = re.compile(r"\s+và\s+(?:" + _HONORIFICS + r")\s", re.I)


def _cut_at_end(phrase: str) -> tuple[str, bool]:
    """``phrase`` up to the first word that ends a title ("... Tỉnh ủy đánh giá") or the next person ("... và
    ông X"), and whether it was cut."""
    ends = [m.start() for m in (_title_end().search(phrase), _NEXT_PERSON.search(phrase)) if m]
    return (phrase[: min(ends)].rstrip(), True) if ends else (phrase, False)


_CLAUSE_BREAK = re.compile(r"[;:()“”]|\.(?!\w)")  # where a clause ends: titles do not run across it
_CLOSING = re.compile(r"[)]")
_PIECE = re.compile(r"[^,]+")  # one comma-separated piece of a chain of titles
_PIECE_HONORIFIC = re.compile(
    r"\s*(" + any_of(fold(e["word"]) for e in _WORDS["honorifics"] if e.get("official")) + r")\s"
)
_OPENING = re.compile(r"\s*(\(|,|\s[-–]\s)")  # what opens the titles after a name


def _titles_before(sentence: str, start: int, floor: int = 0) -> list[str]:
    """The chain of titles written just before a name, comma-separated, nearest last, not reaching back
    past ``floor`` (the end of the previous name: "Già làng Y Kông Niê ở buôn Ea Kmar")."""
    titles_re = _titles()
    low = max(floor, start - TITLE_REACH)
    window = sentence[low:start]
    masked = _mask_places_in_parentheses(window)
    clause = _CLAUSE_BREAK.split(masked)[-1]
    ends = list(_title_end().finditer(clause)) + list(_NEXT_PERSON.finditer(clause))
    ends.sort(key=lambda m: m.end())
    if ends:
        clause = clause[ends[-1].end() :]  # "... H'Blin cùng Trưởng thôn Ksor Ní": after the last end word
    base = len(window) - len(clause)
    chain: list[str] = []
    pieces = list(_PIECE.finditer(clause))
    for i, piece in enumerate(reversed(pieces)):
        segment = window[base + piece.start() : base + piece.end()].lstrip()
        folded = _same_length_fold(segment)
        match = titles_re.search(folded)
        if not match or (i > 0 and match.start() > 0 and not _PIECE_HONORIFIC.match(folded)):
            break
        begin = match.start()
        former = _FORMER.search(segment[:begin])
        if former:
            begin = former.start()
        chain.insert(0, segment[begin:].strip())
        if match.start() > 0:
            break
    return [t for t in chain if t]


def _unit_continuation(title: str, text: str) -> bool:
    """Whether ``text`` (after a comma) is the unit a title with no organisation of its own belongs to:
    "cán bộ Đội vận động quần chúng, Đồn Biên phòng Lý Vạn"."""
    return not organisation_mentions(title) and any(m["start"] == 0 for m in organisation_mentions(text))


def _titles_after(sentence: str, end: int) -> tuple[list[str], int]:
    """Titles written after a name (", Ủy viên BCH Đảng bộ tỉnh, Phó Chủ tịch ...", " - Bí thư ...", or in
    parentheses), and where they end in the sentence."""
    rest = _mask_places_in_parentheses(sentence[end:])
    opening = _OPENING.match(rest)
    if not opening:
        return [], end
    inside = opening.group(1) == "("
    stop = (_CLOSING if inside else _CLAUSE_BREAK).search(rest[opening.end() :])
    body_start = end + opening.end()
    body_end = body_start + (stop.start() if stop else len(rest) - opening.end())
    titles: list[str] = []
    reach = end
    for piece in _PIECE.finditer(sentence[body_start:body_end]):
        segment = piece.group()
        text = segment.strip()
        if not titles and _ETHNICITY.fullmatch(text):
            continue  # "Ông Lò Văn Pọm, dân tộc Thái, Trưởng bản"
        concurrent = _CONCURRENT.match(text)
        if concurrent:
            segment = " " * concurrent.end() + segment.lstrip()[concurrent.end() :]
            text = segment.strip()
        bare = _FORMER_LEAD.sub("", text)
        if _title_at(bare):
            cut, was_cut = _cut_at_end(text)
            tail = _ETHNIC_TAIL.search(cut)
            if tail and len(titles) == 0 and tail.start() > 0:
                cut, was_cut = cut[: tail.start()], True
            titles.append(cut)
        elif titles and (
            _place_patterns()["continuation"].match(text) or _unit_continuation(titles[-1], text)
        ):
            cut, was_cut = _cut_at_end(text)
            titles[-1] = f"{titles[-1]}, {cut}"
        else:
            break
        reach = body_start + piece.start() + len(segment) - len(segment.lstrip()) + len(cut)
        if was_cut:
            break
    return titles, reach


@lru_cache(maxsize=4096)
def persons_in_sentence(sentence: str) -> tuple[dict[str, Any], ...]:
    """Officials named in one sentence: name, titles, organisation, start, end (offsets in the sentence)."""
    rows: list[dict[str, Any]] = []
    in_list = False  # inside a list opened by "các đồng chí:"
    covered = 0  # the end of the last official's titles: names inside them are places ("Đồn Biên phòng Ia O")
    for run_start, _, matches in capitalised_runs(sentence):
        if run_start < covered:
            continue
        if not _ends_like_name(matches):
            continue  # a name ends the run it is in: most capitalised runs end here
        honorific = fold(matches[0].group()) in _HONORIFIC_WORDS and len(matches) > 1
        if honorific:
            matches = matches[1:]
        while len(matches) > 2 and not _name_word(matches[0].group()) and _has_surname([matches[1].group()]):
            matches = matches[1:]  # "PGS.TS Nguyễn Văn Thành": an abbreviation before a name
        window = max(0, run_start - _BEFORE_WINDOW)  # the cue patterns end where the run starts
        honorific = honorific or bool(_HONORIFIC.search(sentence, window, run_start))
        # A list goes on only right after a name of it, so runs skipped above never carry ``in_list``.
        listed = bool(rows) and bool(_LIST_GAP.fullmatch(sentence, rows[-1]["end"], run_start))
        in_list = (in_list and listed) or _opens_list(sentence, window, run_start)
        marker = _place_patterns()["marker"].search(sentence, window, run_start)
        words = _strip_places([m.group() for m in matches], fold(marker.group(1)) if marker else None)
        if not words:
            continue
        if not 2 <= len(words) <= 5 or not all(_name_word(w) for w in words):
            continue  # what is left is not shaped like a name
        offset = matches[len(matches) - len(words)].start()
        if _titles().match(fold(sentence[offset : offset + _BEFORE_WINDOW])):
            continue  # "Đồng chí Phó Chủ tịch UBND tỉnh ...": a title opens here, not a name
        before = _titles_before(sentence, offset, rows[-1]["end"] if rows else 0)
        if listed and not before and (in_list or _has_surname(words)):
            honorific = True  # "các đồng chí: Lường Văn Thiện, Hà Thị Nga, ..."
        if not _is_name(words, titled=bool(before) or honorific) or _not_a_person(sentence, offset, words):
            continue
        name_end = matches[-1].end()
        titles = before
        if all(_title_kind(t) != "position" for t in before):  # "Đại tá X, Chỉ huy trưởng ..."
            after, covered = _titles_after(sentence, name_end)
            titles = before + after
        if not titles and not honorific:
            continue
        orgs = [o for t in titles for o in organisation_mentions(t)]
        positions = [t for t in titles if _title_kind(t) == "position"]
        members = [t for t in positions if not fold(t).startswith("ủy viên")]
        main = (members or positions or [""])[0]
        main_orgs = organisation_mentions(main) if main else []
        rows.append(
            {
                "name": sentence[offset:name_end],
                "titles": "; ".join(titles),
                "organisation": (main_orgs or orgs)[0]["canonical"] if (main_orgs or orgs) else "",
                "start": offset,
                "end": name_end,
            }
        )
    return tuple(rows)


# "đồng chí Sơn", "ông Hlum", "bà Mai": a later mention by the given name alone, not followed by more names.
_SHORT_MENTION = re.compile(
    r"(?<!\w)(?i:" + _HONORIFICS + r")\s+([^\W\d_][\w']*)(?![\w'])(?!\s+[^\W\d_]*[A-ZĐ])"
)


def _short_mentions(article: Article, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mentions by the given name alone after the full name was written ("ông Hùng" after "ông Nguyễn Văn
    Hùng"), read as that person when exactly one official named before has that given name."""
    found: list[dict[str, Any]] = []
    first = min((r["start"] for r in rows), default=None)
    for s in article.sentences:
        if first is None or s.start + len(s.text) <= first:
            continue  # no official is named before this sentence ends
        for m in _SHORT_MENTION.finditer(s.text):
            at = s.start + m.start(1)
            if not _name_word(m.group(1)) or any(r["start"] <= at < r["end"] for r in rows):
                continue
            given = fold(m.group(1))
            names = {r["name"]: r for r in rows if r["start"] < at and fold(r["name"].split()[-1]) == given}
            if len(names) != 1:
                continue
            person = next(iter(names.values()))
            found.append(
                {
                    "name": person["name"],
                    "titles": "",
                    "organisation": person["organisation"],
                    "article_id": article.article_id,
                    "sentence_id": s.sentence_id,
                    "start": at,
                    "end": s.start + m.end(1),
                    "text": s.text,
                }
            )
    return found


def extract_persons(article: Article) -> list[dict[str, Any]]:
    """Rows of ``persons.csv``: one per mention of an official, with the titles of that mention; a later
    mention by the given name alone ("đồng chí Hùng") is the full name, with no titles."""
    rows = rows_by_sentence(article, persons_in_sentence, whole_sentence=True)
    return sorted(rows + _short_mentions(article, rows), key=lambda r: r["start"])


def extract_entities(article: Article) -> list[dict[str, Any]]:
    """Rows of ``entities.csv``: organisations, persons and places, each with its exact text."""
    rows = []
    for s in article.sentences:
        mentions = [(row, "organisation") for row in organisation_mentions(s.text)]
        mentions += [
            ({**p, "canonical": p["name"], "level": "", "family": ""}, "person")
            for p in persons_in_sentence(s.text)
        ]
        for place in find_mentions(s.text):
            if place.province and "|" not in place.province:
                at = s.text.find(place.written)
                mentions.append(
                    (
                        {
                            "name": place.written,
                            "canonical": place.unit,
                            "level": place.level,
                            "family": "",
                            "start": at,
                            "end": at + len(place.written),
                        },
                        "place",
                    )
                )
        for row, kind in mentions:
            start, end = s.start + row["start"], s.start + row["end"]
            rows.append(
                {
                    "article_id": article.article_id,
                    "sentence_id": s.sentence_id,
                    "kind": kind,
                    "name": row["name"],
                    "canonical": row["canonical"],
                    "level": row["level"],
                    "family": row["family"],
                    "text": article.text[start:end],
                    "start": start,
                    "end": end,
                }
            )
    return rows


@lru_cache(maxsize=4096)
def _counted(token: str) -> bool:
    """Whether capitals count as an abbreviation: not a Roman numeral, not a province written in capitals."""
    return not _ROMAN.fullmatch(token) and fold(token) not in gazetteer().provinces


def _abbreviation_tokens(text: str) -> list[str]:
    """Abbreviations written in ``text``; two written apart whose joined form is known are one ("UB MTTQ")."""
    known = _abbreviations()
    tokens: list[str] = []
    last_end = -1
    for m in _ABBREVIATION.finditer(text):
        token = _normalise_abbreviation(m.group(1))
        if not _counted(token):
            continue
        if tokens and text[last_end : m.start()] == " " and tokens[-1] + token in known:
            tokens[-1] += token
        else:
            tokens.append(token)
        last_end = m.end()
    return tokens


def _expansion(token: str) -> dict[str, str] | None:
    """The table's row for ``token``, or one built from its known parts ("HĐND-UBND")."""
    known = _abbreviations()
    if token in known:
        return known[token]
    parts = token.split("-")
    if len(parts) > 1 and all(p in known for p in parts):
        return {
            "expansion": " - ".join(known[p]["expansion"] for p in parts),
            "gloss_en": " and ".join(known[p]["gloss_en"] for p in parts),
        }
    return None


def extract_abbreviations(article: Article) -> list[dict[str, Any]]:
    """Per-article counts of every abbreviation, expanded from the table or marked unknown. Byline lines are
    read too: an interview's questions start "PV:" (the reporter) and are kept out of the body."""
    counts: Counter[str] = Counter()
    texts = [s.text for s in article.sentences]
    texts += [line.text for line in article.meta_lines if line.rule.startswith("byline")]
    for text in texts:
        counts.update(_abbreviation_tokens(text))
    rows = []
    for token, n in sorted(counts.items()):
        entry = _expansion(token)
        rows.append(
            {
                "article_id": article.article_id,
                "abbreviation": token,
                "expansion": entry["expansion"] if entry else "",
                "gloss_en": entry["gloss_en"] if entry else "",
                "known": entry is not None,
                "count": n,
            }
        )
    return rows
