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
from danvan.text import capitalised_runs, fold
from danvan.vocab import load_csv

# Words after an organisation's name that give its level ("MTTQ huyện", "Ban Dân vận Tỉnh ủy").
_LEVEL_WORDS = {
    "trung ương": "central",
    "tw": "central",
    "tỉnh ủy": "province",
    "thành ủy": "province",
    "tỉnh": "province",
    "thành phố": "province",
    "cấp tỉnh": "province",
    "huyện ủy": "district",
    "quận ủy": "district",
    "thị ủy": "district",
    "huyện": "district",
    "quận": "district",
    "thị xã": "district",
    "cấp huyện": "district",
    "xã": "commune",
    "phường": "commune",
    "thị trấn": "commune",
    "cấp xã": "commune",
    "đảng ủy": "commune",
}
_LEVEL_RE = re.compile(
    r"\s+(?:Việt Nam\s+|VN\s+)?("
    + "|".join(sorted(map(re.escape, _LEVEL_WORDS), key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)
_ABBREVIATION = re.compile(r"(?<![\w/-])([A-ZĐ]{2,}(?:\s?[-–]\s?[A-ZĐ]{2,})?)(?![\w/]|-\d)")
_ROMAN = re.compile(r"[IVXLCDM]+")
TITLE_REACH = 160  # characters before a name searched for its titles
_HONORIFIC_WORDS = ("đồng chí", "ông", "bà", "anh", "chị")
_HONORIFIC = re.compile(r"(?<!\w)(?:" + "|".join(_HONORIFIC_WORDS) + r")\s+$", re.IGNORECASE)
_PLACE_MARKER = re.compile(
    r"(?<!\w)(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|thôn|bản|ấp|làng)\s+$", re.I
)


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
    aliases = sorted(by_alias, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, aliases)) + r")(?!\w)")
    return by_alias, pattern


@cache
def _titles() -> re.Pattern[str]:
    titles = sorted((fold(row["title"]) for row in load_csv("titles.csv")), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, titles)) + r")(?!\w)")


@cache
def _abbreviations() -> dict[str, dict[str, str]]:
    return {_normalise_abbreviation(row["abbreviation"]): row for row in load_csv("abbreviations.csv")}


@cache
def _surnames() -> frozenset[str]:
    return frozenset(fold(row["surname"]) for row in load_csv("surnames.csv"))


def _normalise_abbreviation(text: str) -> str:
    return re.sub(r"\s*[-–]\s*", "-", text.strip())


def _same_length_fold(text: str) -> str:
    """Folded text with the same length as ``text`` (so offsets carry over)."""
    folded = fold(text)
    return folded if len(folded) == len(text) else text.lower()


@lru_cache(maxsize=4096)
def organisation_mentions(text: str) -> tuple[dict[str, Any], ...]:
    """Organisations named in ``text``: name, canonical, level, family, start, end (into ``text``)."""
    by_alias, pattern = _organisations()
    folded = _same_length_fold(text)
    rows = []
    for m in pattern.finditer(folded):
        org = by_alias[m.group(1)]
        end, level = m.end(), org.level
        after = _LEVEL_RE.match(text, end)
        if after and not level:
            level, end = _LEVEL_WORDS[fold(after.group(1))], after.end()
        elif after and fold(after.group(1)) in (
            "tỉnh ủy",
            "thành ủy",
            "huyện ủy",
            "quận ủy",
            "thị ủy",
            "đảng ủy",
        ):
            end = after.end()  # "Ban Thường vụ Tỉnh ủy": one mention, of the board, at the committee's level
            level = _LEVEL_WORDS[fold(after.group(1))]
        rows.append(
            {
                "name": text[m.start() : end],
                "canonical": org.canonical,
                "level": level,
                "family": org.family,
                "start": m.start(),
                "end": end,
            }
        )
    return tuple(_drop_nested(rows))


def _drop_nested(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A committee consumed as the level of a board before it ("Ban Dân vận Tỉnh ủy") is not counted again."""
    kept, reach = [], -1
    for row in sorted(rows, key=lambda r: (r["start"], -r["end"])):
        if row["start"] >= reach:
            kept.append(row)
            reach = row["end"]
    return kept


def _is_name(words: list[str], titled: bool) -> bool:
    """A person's name: 2-5 capitalised words, a known surname first unless a title introduces it."""
    if not 2 <= len(words) <= 5 or not all(_name_word(w) for w in words):
        return False
    return titled or fold(words[0]) in _surnames()


def _name_word(word: str) -> bool:
    """Capitalised like a name: "Trang", "A", "H'Ly" (not "UBND", not "2021")."""
    head, _, tail = word.partition("'")
    return word[0].isupper() and head[1:].islower() | (len(head) == 1) and (not tail or tail[0].isupper())


def _strip_places(words: list[str], after_marker: bool) -> list[str]:
    """Drop the place that stands before a name ("An Giang Võ Nguyên Nam", "xã Ea Tul Y Ngông Niê Kdăm").

    After a place marker ("xã", "huyện") the run must start with a known place or a surname ("HĐND tỉnh
    Dương Văn Trang"); otherwise it is read as an unknown place, not a name.
    """
    gaz = gazetteer()
    for size in (4, 3, 2, 1):
        head = fold(" ".join(words[:size]))
        known = head in gaz.provinces or head in gaz.districts or (after_marker and head in gaz.wards)
        if len(words) > size and known and size >= (1 if after_marker else 2):
            return words[size:]
    return [] if after_marker and fold(words[0]) not in _surnames() else words


@cache
def _historical() -> frozenset[str]:
    return frozenset(fold(row["name"]) for row in load_csv("historical_figures.csv"))


def _not_a_person(sentence: str, offset: int, words: list[str]) -> bool:
    """Places, organisations ("Ban Dân vận") and historical figures are not officials."""
    key = fold(" ".join(words))
    if key in _historical() or key in gazetteer().provinces or key in gazetteer().districts:
        return True
    return any(m["start"] == 0 for m in organisation_mentions(sentence[offset : offset + 60]))


def _titles_before(sentence: str, start: int) -> list[str]:
    """The chain of titles written just before a name, comma-separated, nearest last."""
    titles_re = _titles()
    segments = re.split(r"\s*,\s*", re.split(r"[;:.()“”]", sentence[max(0, start - TITLE_REACH) : start])[-1])
    chain: list[str] = []
    for i, segment in enumerate(reversed(segments)):
        folded = _same_length_fold(segment)
        match = titles_re.search(folded)
        if not match or (i > 0 and match.start() > 0 and not re.match(r"\s*(đồng chí|ông|bà)\s", folded)):
            break
        chain.insert(0, segment[match.start() :].strip())
        if match.start() > 0:
            break
    return [t for t in chain if t]


def _titles_after(sentence: str, end: int) -> list[str]:
    """Titles written after a name: ", Ủy viên BCH Đảng bộ tỉnh, Phó Chủ tịch Ủy ban MTTQ tỉnh"."""
    titles_re, titles = _titles(), []
    rest = re.split(r"[;:.()“”]", sentence[end:])[0]
    for segment in re.split(r"\s*,\s*", rest)[1:]:
        folded = _same_length_fold(segment)
        if not titles_re.match(folded.strip()):
            break
        cut = re.split(r"\s+(?:cho biết|cho rằng|nhấn mạnh|phát biểu|khẳng định|chia sẻ|nói)\b", segment)[0]
        titles.append(cut.strip())
    return titles


@lru_cache(maxsize=4096)
def persons_in_sentence(sentence: str) -> tuple[dict[str, Any], ...]:
    """Officials named in one sentence: name, titles, organisation, start, end (offsets in the sentence)."""
    rows = []
    for run_start, _, matches in capitalised_runs(sentence):
        honorific = bool(_HONORIFIC.search(sentence[:run_start]))
        if fold(matches[0].group()) in _HONORIFIC_WORDS and len(matches) > 1:
            matches, honorific = matches[1:], True
        after_marker = bool(_PLACE_MARKER.search(sentence[:run_start]))
        words = _strip_places([m.group() for m in matches], after_marker)
        if not words:
            continue
        if not 2 <= len(words) <= 5 or not all(_name_word(w) for w in words):
            continue  # cheap shape test first: most capitalised runs are not names
        offset = matches[len(matches) - len(words)].start()
        before = _titles_before(sentence, offset)
        if not _is_name(words, titled=bool(before) or honorific) or _not_a_person(sentence, offset, words):
            continue
        name_end = matches[-1].end()
        titles = before or _titles_after(sentence, name_end)
        if not titles and not honorific:
            continue
        orgs = [o for t in titles for o in organisation_mentions(t)]
        main = next((t for t in titles if not fold(t).startswith("ủy viên")), titles[0] if titles else "")
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


def extract_persons(article: Article) -> list[dict[str, Any]]:
    """Rows of ``persons.csv``: one per mention of an official, with the titles of that mention."""
    return rows_by_sentence(article, persons_in_sentence, whole_sentence=True)


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


def extract_abbreviations(article: Article) -> list[dict[str, Any]]:
    """Per-article counts of every abbreviation, expanded from the table or marked unknown."""
    known = _abbreviations()
    counts: Counter[str] = Counter()
    for s in article.sentences:
        for m in _ABBREVIATION.finditer(s.text):
            token = _normalise_abbreviation(m.group(1))
            if _ROMAN.fullmatch(token) or fold(token) in gazetteer().provinces:
                continue
            counts[token] += 1
    rows = []
    for token, n in sorted(counts.items()):
        entry = known.get(token)
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
