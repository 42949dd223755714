"""Officials named in an article, with the titles written around their names ("Phó Chủ tịch UBND tỉnh Nguyễn
Văn A", "ông B, Bí thư Chi bộ thôn C")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from danvan.article import Article, rows_by_sentence
from danvan.extract.gazetteer import gazetteer
from danvan.extract.lexicon import place_words, surnames, title_kinds, title_pattern
from danvan.extract.organisations import listed, organisation_mentions, same_length_fold
from danvan.text import CAPITAL, alternation, any_of, capitalised_runs, fold
from danvan.vocab import load_csv, load_yaml

TITLE_REACH = 160  # characters before a name searched for its titles
_BEFORE_WINDOW = 80  # characters before a name that the honorific, list and place-marker patterns span
_LIST_GAP = re.compile(r"\s*(?:,|và)\s*")  # between two names of a list: "A, B và C"
_CLAUSE_BREAK = re.compile(r"[;:()“”]|\.(?!\w)")  # where a clause ends: titles do not run across it
_CLOSING = re.compile(r"[)]")
_PIECE = re.compile(r"[^,]+")  # one comma-separated piece of a chain of titles
_OPENING = re.compile(r"\s*(\(|,|\s[-–]\s)")  # what opens the titles after a name


@dataclass(frozen=True)
class _Rules:
    """Patterns over the words around people's names (``actor_words.yml``, ``place_rules.yml``)."""

    honorific_words: tuple[str, ...]  # "đồng chí", "ông", "bà"
    honorific: re.Pattern[str]  # "đồng chí", "đ/c", a list's "các đồng chí:" just before a name
    list_opener: re.Pattern[str]  # "Các đồng chí:", "các ông, bà:": every name of the list counts
    former: re.Pattern[str]  # "nguyên Phó Chủ tịch": a former office
    former_lead: re.Pattern[str]  # the same words opening a title
    concurrent: re.Pattern[str]  # "kiêm Chủ tịch Hội LHPN xã": a second office held at once
    ethnicity: re.Pattern[str]  # ", dân tộc Mông, Bí thư ...": the person's people between name and titles
    ethnic_tail: re.Pattern[str]  # the same words ending a title ("người có uy tín dân tộc Dao")
    next_person: re.Pattern[str]  # "... Tỉnh ủy và ông Hoàng Văn Thạch": the next person, not the title
    piece_honorific: re.Pattern[str]
    short_mention: re.Pattern[str]  # "đồng chí Sơn", "bà Mai": a later mention by the given name alone
    place: dict[str, re.Pattern[str]]  # unit and settlement words before a capitalised run


@cache
def _rules() -> _Rules:
    words = load_yaml("actor_words.yml")
    honorific_words = tuple(listed("honorifics"))
    honorifics = any_of(honorific_words)
    any_honorific = any_of([*honorific_words, *listed("honorific_abbreviations")])
    former_words = any_of(listed("former_office"))
    people = (
        rf"(?:(?:{any_of(listed('ethnicity_lead_ins'))})\s+)?(?:{any_of(listed('ethnicity'))})"
        rf"\s+{CAPITAL}[\w']*(?:\s+{CAPITAL}[\w']*)?\s*$"
    )
    units, settlements = place_words()
    unit, settlement = any_of(units), any_of(settlements)
    return _Rules(
        honorific_words=honorific_words,
        honorific=re.compile(r"(?<!\w)(?:" + any_honorific + r")\s*:?\s+$", re.IGNORECASE),
        list_opener=re.compile(
            rf"(?<!\w)(?:{re.escape(words['list_opener']['word'])})\s+(?:{any_honorific})"
            rf"(?:\s*,\s*(?:{any_of(e['word'] for e in words['honorifics'] if e.get('pairs'))}))?\s*:\s*$",
            re.I,
        ),
        former=re.compile(rf"(?:{former_words})\s+$", re.I),
        former_lead=re.compile(rf"^(?:{former_words})\s+", re.I),
        concurrent=re.compile(rf"(?:{any_of(listed('concurrent_office'))})\s+", re.I),
        ethnicity=re.compile(rf"\s*{people}"),
        ethnic_tail=re.compile(rf"\s+{people}"),
        next_person=re.compile(r"\s+và\s+(?:" + honorifics + r")\s", re.I),
        piece_honorific=re.compile(
            r"\s*(" + any_of(fold(e["word"]) for e in words["honorifics"] if e.get("official")) + r")\s"
        ),
        short_mention=re.compile(
            r"(?<!\w)(?i:" + honorifics + r")\s+([^\W\d_][\w']*)(?![\w'])(?!\s+[^\W\d_]*[A-ZĐ])"
        ),
        place={
            # The word right before a capitalised run: "xã Ea Tul Y Ngông Niê Kdăm".
            "marker": re.compile(rf"(?<!\w)({unit}|{settlement})\s+$", re.I),
            # A title continued by the place it serves: ", xã Lý Bôn", ", phường 2, thị xã Vĩnh Châu".
            "continuation": re.compile(rf"(?:{unit})\s+\w", re.I),
            # A place in parentheses inside a title: "Chủ tịch UBND xã Nậm Lạnh (huyện Sìn Hồ) Giàng A Dê";
            # "(cũ)" / "(mới)": a unit before or after 2025 ("huyện Hướng Hóa (cũ) Đinh Ngọc Sinh").
            "in_parentheses": re.compile(
                rf"\((?:(?=(?:{unit})\s)[^()]*|{any_of(listed('era_in_parentheses'))})\)", re.I
            ),
        },
    )


@cache
def _title_end() -> re.Pattern[str]:
    """Lower-case words that end a title phrase ("cho biết", "đã", "cùng"), as written."""
    words = [row["word"] for row in load_csv("title_ends.csv")]
    return re.compile(r"(?<![^\W\d_])(?:" + alternation(words) + r")(?![^\W\d_])")


@cache
def _organisation_heads() -> frozenset[str]:
    return frozenset(fold(row["word"]) for row in load_csv("organisation_heads.csv"))


def _has_surname(words: list[str]) -> bool:
    """Whether ``words`` start with a family name: "Nguyễn", "Rơ Châm" (two words), "H'Ly" (a prefix)."""
    known = surnames()
    first = fold(words[0])
    return (
        first in known
        or fold(" ".join(words[:2])) in known
        or ("'" in first and first[: first.index("'") + 1] in known)
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
    opener = _rules().list_opener
    return head > window and sentence[head - 1] == ":" and bool(opener.search(sentence, window, end))


def _strip_places(words: list[str], marker: str | None) -> list[str]:
    """Drop the place that stands before a name ("An Giang Võ Nguyên Nam", "xã Ea Tul Y Ngông Niê Kdăm").

    After a place marker ("xã", "huyện") the run must start with a place of that marker's kind or a surname
    ("HĐND tỉnh Dương Văn Trang"); otherwise it is read as an unknown place, not a name.
    """
    gaz = gazetteer()
    if marker:
        tables, smallest = place_words()[0].get(marker, ("provinces", "districts", "wards")), 1
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
    if fold(words[0]) in place_words()[1] and not _has_surname(words):
        return True  # "cán bộ Đồn Biên phòng Bản Lầu": a village's name, not a person's
    return any(m["start"] == 0 for m in organisation_mentions(sentence[offset : offset + 60]))


def _mask_places_in_parentheses(text: str) -> str:
    """``text`` with the parentheses around a place blanked ("(huyện Sìn Hồ)"), same length."""
    if "(" not in text:
        return text
    return _rules().place["in_parentheses"].sub(lambda m: " " + m.group()[1:-1] + " ", text)


def _title_at(text: str) -> re.Match[str] | None:
    """The title that ``text`` starts with (after spaces), if any."""
    folded = same_length_fold(text)
    return title_pattern().match(folded, len(folded) - len(folded.lstrip()))


def _title_kind(title: str) -> str:
    """rank, academic or position: the kind of the title a phrase starts with."""
    match = _title_at(_rules().former_lead.sub("", title))
    return title_kinds().get(match.group(1), "position") if match else "position"


def _cut_at_end(phrase: str) -> tuple[str, bool]:
    """``phrase`` up to the first word that ends a title ("... Tỉnh ủy đánh giá") or the next person ("... và
    ông X"), and whether it was cut."""
    ends = [m.start() for m in (_title_end().search(phrase), _rules().next_person.search(phrase)) if m]
    return (phrase[: min(ends)].rstrip(), True) if ends else (phrase, False)


_CLAUSE_BREAK = re.compile(r"[;:()“”]|\.(?!\w)")  # where a clause ends: titles do not run across it
_CLOSING = re.compile(r"[)]")
_PIECE = re.compile(r"[^,]+")  # one comma-separated piece of a chain of titles
_OPENING = re.compile(r"\s*(\(|,|\s[-–]\s)")  # what opens the titles after a name


def _titles_before(sentence: str, start: int, floor: int = 0) -> list[str]:
    """The chain of titles written just before a name, comma-separated, nearest last, not reaching back
    past ``floor`` (the end of the previous name: "Già làng Y Kông Niê ở buôn Ea Kmar")."""
    titles_re = title_pattern()
    low = max(floor, start - TITLE_REACH)
    window = sentence[low:start]
    masked = _mask_places_in_parentheses(window)
    clause = _CLAUSE_BREAK.split(masked)[-1]
    ends = list(_title_end().finditer(clause)) + list(_rules().next_person.finditer(clause))
    ends.sort(key=lambda m: m.end())
    if ends:
        clause = clause[ends[-1].end() :]  # "... H'Blin cùng Trưởng thôn Ksor Ní": after the last end word
    base = len(window) - len(clause)
    chain: list[str] = []
    pieces = list(_PIECE.finditer(clause))
    for i, piece in enumerate(reversed(pieces)):
        segment = window[base + piece.start() : base + piece.end()].lstrip()
        folded = same_length_fold(segment)
        match = titles_re.search(folded)
        if not match or (i > 0 and match.start() > 0 and not _rules().piece_honorific.match(folded)):
            break
        begin = match.start()
        former = _rules().former.search(segment[:begin])
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
        if not titles and _rules().ethnicity.fullmatch(text):
            continue  # "Ông Lò Văn Pọm, dân tộc Thái, Trưởng bản"
        concurrent = _rules().concurrent.match(text)
        if concurrent:
            segment = " " * concurrent.end() + segment.lstrip()[concurrent.end() :]
            text = segment.strip()
        bare = _rules().former_lead.sub("", text)
        if _title_at(bare):
            cut, was_cut = _cut_at_end(text)
            tail = _rules().ethnic_tail.search(cut)
            if tail and len(titles) == 0 and tail.start() > 0:
                cut, was_cut = cut[: tail.start()], True
            titles.append(cut)
        elif titles and (_rules().place["continuation"].match(text) or _unit_continuation(titles[-1], text)):
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
        honorific = fold(matches[0].group()) in _rules().honorific_words and len(matches) > 1
        if honorific:
            matches = matches[1:]
        while len(matches) > 2 and not _name_word(matches[0].group()) and _has_surname([matches[1].group()]):
            matches = matches[1:]  # "PGS.TS Nguyễn Văn Thành": an abbreviation before a name
        window = max(0, run_start - _BEFORE_WINDOW)  # the cue patterns end where the run starts
        honorific = honorific or bool(_rules().honorific.search(sentence, window, run_start))
        # A list goes on only right after a name of it, so runs skipped above never carry ``in_list``.
        listed = bool(rows) and bool(_LIST_GAP.fullmatch(sentence, rows[-1]["end"], run_start))
        in_list = (in_list and listed) or _opens_list(sentence, window, run_start)
        marker = _rules().place["marker"].search(sentence, window, run_start)
        words = _strip_places([m.group() for m in matches], fold(marker.group(1)) if marker else None)
        if not words:
            continue
        if not 2 <= len(words) <= 5 or not all(_name_word(w) for w in words):
            continue  # what is left is not shaped like a name
        offset = matches[len(matches) - len(words)].start()
        if title_pattern().match(fold(sentence[offset : offset + _BEFORE_WINDOW])):
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


def _short_mentions(article: Article, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mentions by the given name alone after the full name was written ("ông Hùng" after "ông Nguyễn Văn
    Hùng"), read as that person when exactly one official named before has that given name."""
    found: list[dict[str, Any]] = []
    first = min((r["start"] for r in rows), default=None)
    for s in article.sentences:
        if first is None or s.start + len(s.text) <= first:
            continue  # no official is named before this sentence ends
        for m in _rules().short_mention.finditer(s.text):
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
    rows = sorted(rows + _short_mentions(article, rows), key=lambda r: r["start"])
    return [{**row, "in_caption": False} for row in rows] + _caption_persons(article)


def _names_a_unit(text: str, start: int) -> bool:
    """Whether the name at ``start`` directly follows an organisation with no level: the unit's own name
    ("Cán bộ Đồn Biên phòng A Pa Chải", a border post), not a person's."""
    return any(
        not org["level"] and text[org["end"] : start].isspace() for org in organisation_mentions(text[:start])
    )


def _caption_persons(article: Article) -> list[dict[str, Any]]:
    """Officials named in photo captions ("Thượng tá Trần Văn A, Chính ủy ... trao quà. Ảnh: B"), which are
    not part of the text: ``text`` is the caption, ``start``/``end`` offsets into it, ``sentence_id`` -1.
    The photo's credit ("Ảnh: B") is the metadata's, never an official."""
    rows = []
    for line in article.lines:
        if line.kind != "caption":
            continue
        for row in persons_in_sentence(line.text):
            if row["titles"] and not _names_a_unit(line.text, row["start"]):
                rows.append(
                    {
                        **row,
                        "article_id": article.article_id,
                        "sentence_id": -1,
                        "text": line.text,
                        "in_caption": True,
                    }
                )
    return rows
