"""Numeric claims: value, unit, the thing counted and its category, with the exact text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from danvan.article import Article, rows_by_sentence
from danvan.extract.dates import find_dates
from danvan.extract.numerals import NUMERAL, parse_number, scales
from danvan.text import any_of, fold
from danvan.vocab import load_yaml

_QUOTED = re.compile(r"“[^”]{0,300}”|\"[^\"]{0,300}\"|«[^»]{0,300}»")
_CODE = re.compile(r"\d+\s*[-/]\s*[A-ZĐ]{1,6}[-/A-ZĐ]*|\d{1,2}[:h]\d{2}\b")
# a quotation opened right after a colon is reported speech ('cho biết: "Năm 2024, Hội phấn đấu kết nạp 50
# hội viên"'): its numbers are claims, unlike those of a quoted name or title
_SPEECH = re.compile(r":\s*$")
_YEAR_RANGE = re.compile(r"\b(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}\b")
# a telephone number: "0912.345.678", "0203 3856 123", "0912345678"
_PHONE = re.compile(r"(?<![\d.,])0\d{2,3}(?:[.\s]?\d{3,4}){2}(?![\d.,]\d)|(?<![\d.,])0\d{8,10}(?!\d)")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_ACRONYM = re.compile(r"[A-ZĐ]{2,}")
_OPEN_QUOTE = re.compile(r"\s*[“\"«]([^”\"»]{2,80})[”\"»]")
_OBJECT_BREAK = ',;:.()“”"/'
_YEAR = re.compile(r"(?:19|20)\d{2}")
OBJECT_WORDS = 2  # words taken as the object when the lexicon does not know it (most nouns have two)


@dataclass(frozen=True)
class WordList:
    """Folded words tested at one end of a text ("ends with a date word", "starts with a duration").

    ``fold`` works within words, so folding the ``longest`` words at that end reads the same as folding all.
    """

    pattern: re.Pattern[str]
    longest: int  # words in the longest entry: all of the text a test reads

    def ends(self, text: str) -> bool:
        """Whether ``fold(text)`` ends with an entry (folding only the last words: the memo stays small)."""
        return bool(self.pattern.search(fold(" ".join(text.rsplit(maxsplit=self.longest)[-self.longest :]))))

    def starts(self, text: str) -> bool:
        """Whether ``fold(text)`` starts with an entry (folding only the first words)."""
        return bool(self.pattern.search(fold(" ".join(text.split(maxsplit=self.longest)[: self.longest]))))


@dataclass(frozen=True)
class Vocabulary:
    pattern: re.Pattern[str]
    units: dict[str, str]  # folded written form -> unit
    objects: dict[str, dict[str, str]]  # folded object -> {category, unit}
    longest_object: int  # words in the longest lexicon object
    unit_categories: dict[str, str]
    contexts: list[tuple[re.Pattern[str], set[str], str]]
    not_before: WordList
    not_after: WordList
    number_words: dict[str, tuple[float, str]]
    spelled: dict[str, float]  # folded spelled-out number -> value ("ba" -> 3)
    spelled_not_after: WordList
    date_words: WordList
    prefixes: set[str]  # folded words before the counted noun ("lượt", "số", "căn")
    share_words: set[str]  # folded first words of an object that "a/b" is a fraction of ("số", "tổng")
    head_suffixes: dict[str, dict[str, str]]  # folded last word -> {category, unit}
    stop: set[str]  # folded words that end an unknown object
    breaks: set[str]  # folded words that end any object ("và")
    object_units: set[str]  # units after which an unknown noun is the object ("ha")
    money_words: tuple[str, ...]  # folded starts of an object that make a scaled amount money ("đồng")
    change_to: re.Pattern[str]  # the words from one number to the next in a change ("xuống còn")
    clause_break: re.Pattern[str]  # where a new clause starts: ";" or a word such as "và" before a word
    may_hold: re.Pattern[str]  # a quick test: digits, "hàng trăm"-style amounts or spelled numbers


def _words(entries: list[dict[str, Any]]) -> list[str]:
    """The ``word`` of each entry of a vocabulary list."""
    return [e["word"] for e in entries]


def _starting_with(words: list[str]) -> str:
    """A look-ahead for a digit or the first letter of one of ``words``: put before a pattern whose matches
    all start so, it skips every other position of the text at the cost of one character test."""
    return rf"(?=[\d{re.escape(''.join(sorted({w[0] for w in words})))}])"


def _longest(words: list[str]) -> int:
    return max(len(w.split()) for w in words)


def _words_at_end(words: list[str]) -> WordList:
    """Tests a text for ending with one of ``words``."""
    return WordList(re.compile(rf"(?<!\w)(?:{any_of([fold(w) for w in words])})\s*$"), _longest(words))


def _words_at_start(words: list[str]) -> WordList:
    """Tests a text for starting with one of ``words``."""
    return WordList(re.compile(rf"^\s*(?:{any_of([fold(w) for w in words])})(?!\w)"), _longest(words))


@cache
def vocabulary() -> Vocabulary:
    data = load_yaml("figures.yml")
    units = {fold(u["written"]): u["unit"] for u in data["units"]}
    qualifiers = [q["word"] for q in data["qualifiers"]]
    number_words = {fold(w["word"]): (float(w["value"]), w["qualifier"]) for w in data["number_words"]}
    spelled = {fold(w["word"]): float(w["value"]) for w in data["spelled_numbers"]}
    # "đồng" is no unit in "35 đồng chí" (comrades): such units carry the words that may not follow them
    unit_alternatives = [
        re.escape(u["written"])
        + (rf"(?!\s+(?:{any_of(_words(u['not_followed_by']))})(?!\w))" if u.get("not_followed_by") else "")
        for u in sorted(data["units"], key=lambda u: len(u["written"]), reverse=True)
    ]
    spelled_written = [w["word"] for w in data["spelled_numbers"]]
    range_from, range_to = _words(data["range_words"]["from"]), _words(data["range_words"]["to"])
    # as written ("hàng tỷ") and folded ("hàng tỉ"): the pattern reads the sentence as it is written
    number_written = sorted({w["word"] for w in data["number_words"]} | set(number_words))
    pattern = re.compile(
        _starting_with([*qualifiers, *range_from, *number_written, *spelled_written])
        + rf"(?:(?<!\w)(?P<qual>{any_of(qualifiers)})\s+)?"
        rf"(?:(?<!\w)(?P<from>{any_of(range_from)})\s+)?"
        rf"(?:(?P<words>{any_of(number_written)})"
        rf"|(?<!\w)(?P<spelled>{any_of(spelled_written)})(?=\s)"
        rf"|(?<![\d.,])(?P<num>{NUMERAL})(?:\s*/\s*(?P<den>\d{{1,3}}(?:\.\d{{3}})+|\d+)(?![\d/]))?"
        rf"(?:\s*(?:-|–|{any_of(range_to)})\s*(?P<num2>{NUMERAL}))?(?!\d))"
        rf"(?:\s*(?P<scale>{any_of([w['word'] for w in data['scales']])})(?!\w))?"
        rf"(?:\s*(?P<unit>{'|'.join(unit_alternatives)})(?![^\W\d_]))?",
        re.IGNORECASE,
    )
    objects = {
        fold(o["object"]): {"category": o["category"], "unit": o.get("unit", "")} for o in data["objects"]
    }
    contexts = [  # "ký" folds to "kí"
        (re.compile(fold(c["cue"])), {fold(o["object"]) for o in c["objects"]}, c["category"])
        for c in data["context_categories"]
    ]
    not_claims = data["not_claims"]
    amount_words = sorted({w.split()[0] for w in _words(data["number_words"])})  # "hàng" of "hàng trăm"
    return Vocabulary(
        pattern=pattern,
        units=units,
        objects=objects,
        longest_object=max(len(o.split()) for o in objects),
        unit_categories=data["unit_categories"],
        contexts=contexts,
        not_before=_words_at_end(_words(not_claims["before"])),
        not_after=_words_at_start(_words(not_claims["after"])),
        number_words=number_words,
        spelled=spelled,
        spelled_not_after=_words_at_end(_words(data["spelled_not_after"])),
        date_words=_words_at_end(_words(data["date_words"])),
        prefixes={fold(w["word"]) for w in data["object_prefixes"]},
        share_words={fold(w["word"]) for w in data["share_words"]},
        head_suffixes={
            fold(h["word"]): {"category": h["category"], "unit": h["unit"]} for h in data["head_suffixes"]
        },
        stop={fold(w) for w in _words(data["object_stop"])},
        breaks={fold(w) for w in _words(data["object_breaks"])},
        object_units={u["unit"] for u in data["object_after_units"]},
        money_words=tuple(fold(w) for w in _words(data["money_words"])),
        change_to=re.compile(
            rf"\s*(?:{any_of(_words(data['change_words']))})\s+"
            rf"(?:(?:{any_of(_words(data['change_fillers']))})\s+)?"
        ),
        clause_break=re.compile(rf";|\s(?:{any_of(_words(data['clause_words']))})\s+(?=[^\W\d_])"),
        may_hold=re.compile(
            _starting_with([*amount_words, *spelled])
            + rf"(?:\d|(?:{any_of(amount_words)})\s|(?<!\w)(?:{any_of(list(spelled))})\s)",
            re.IGNORECASE,
        ),
    )


def _blocked(sentence: str) -> list[tuple[int, int]]:
    """Spans holding numbers that are not claims: dates, quotations, codes, times, year ranges, phones.

    A yearless "d/m" not led by a date word ("ngày", "sáng") may be a ratio: it is checked in
    :func:`claims_in_sentence` instead.
    """
    vocab = vocabulary()
    spans = [
        (d.start, d.end)
        for d in find_dates(sentence)
        if d.iso or "/" not in d.text or vocab.date_words.ends(sentence[: d.start])
    ]
    for pattern in (_QUOTED, _CODE, _YEAR_RANGE, _PHONE):
        spans += [
            (m.start(), m.end())
            for m in pattern.finditer(sentence)
            if pattern is not _QUOTED or not _SPEECH.search(sentence, 0, m.start())
        ]
    return spans


@dataclass(frozen=True)
class Counted:
    """The noun phrase after a number: its text, where it ends, and the lexicon entry it is read by."""

    text: str
    end: int
    head: str = ""  # folded lexicon object (or suffix) giving category and unit; "" when unknown
    known: bool = False  # found in the lexicon (not just the next words)


def _lexicon_head(words: list[str]) -> tuple[int, str]:
    """(words used, folded lexicon key) of the longest lexicon object at the start of ``words``."""
    vocab = vocabulary()
    for size in range(len(words), 0, -1):
        key = fold(" ".join(words[:size]))
        if key in vocab.objects:
            return size, key
    return 0, ""


def _object(sentence: str, end: int, fallback: bool = True) -> Counted:
    """The noun phrase counted right after ``end``: a quoted name, the longest lexicon entry (after a
    prefix such as "lượt" or "số"), a noun ending in "viên", else the next two words."""
    vocab = vocabulary()
    quoted = _OPEN_QUOTE.match(sentence, end)
    if quoted:
        size, head = _lexicon_head(quoted.group(1).split())
        return Counted(quoted.group(1).strip(), quoted.end(), head, True)
    words: list[re.Match[str]] = []
    for word in _WORD.finditer(sentence, end):
        gap = sentence[(words[-1].end() if words else end) : word.start()]
        if any(ch in gap for ch in _OBJECT_BREAK) or fold(word.group()) in vocab.breaks:
            break
        words.append(word)
        if len(words) == vocab.longest_object + 2:
            break
    texts = [w.group() for w in words]

    def counted(size: int, head: str, known: bool) -> Counted:
        return Counted(sentence[words[0].start() : words[size - 1].end()], words[size - 1].end(), head, known)

    best = _lexicon_head(texts)
    for skip in (1, 2):  # "lượt cán bộ", "tổng số mô hình", "căn nhà"
        if len(texts) > skip and fold(" ".join(texts[:skip])) in vocab.prefixes:
            size, head = _lexicon_head(texts[skip:])
            if size and skip + size > best[0]:
                best = (skip + size, head)
    if best[0]:
        return counted(best[0], best[1], True)
    for size, text in enumerate(texts[:3], start=1):  # "hòa giải viên"
        if size > 1 and fold(text) in vocab.head_suffixes:
            return counted(size, fold(text), True)
    if not fallback:
        return Counted("", end)
    size = 0
    while size < min(OBJECT_WORDS, len(texts)) and fold(texts[size]) not in vocab.stop:
        size += 1
    if size and size < len(texts) and _ACRONYM.fullmatch(texts[size]):
        size += 1  # "Chủ tịch MTTQ"
    return counted(size, "", False) if size else Counted("", end)


def _shared_object(sentence: str, end: int) -> Counted:
    """The object of the number after "xuống (còn)" / "lên": "từ 14 xuống còn 12 đơn vị" counts units."""
    vocab = vocabulary()
    step = vocab.change_to.match(sentence, end)
    following = vocab.pattern.match(sentence, step.end()) if step else None
    if not following or not following.group("num") or following.group("unit"):
        return Counted("", end)
    counted = _object(sentence, following.end(), fallback=False)
    return Counted(counted.text, end, counted.head, counted.known) if counted.known else Counted("", end)


def _entry(head: str) -> dict[str, str]:
    """Category and unit of a lexicon object or a head suffix ("viên")."""
    vocab = vocabulary()
    return vocab.objects.get(head) or vocab.head_suffixes.get(head) or {}


def _category(head: str, unit: str, sentence: str) -> str:
    """The category of a claim: a cue in the sentence, a percentage, the object, else the unit."""
    vocab = vocabulary()
    if unit in ("%",):  # "100% khu dân cư đạt danh hiệu" is a percentage, whatever it counts
        return vocab.unit_categories[unit]
    for cue, objects, category in vocab.contexts:
        if head in objects and cue.search(fold(sentence)):
            return category
    if head:
        return _entry(head)["category"]
    return vocab.unit_categories.get(unit, "other")


def _value(m: re.Match[str], obj: Counted) -> tuple[float, float | None, str] | None:
    """(value, value_max, qualifier) of a match; None when it is not a number."""
    vocab = vocabulary()
    qualifier = m.group("qual") or m.group("from") or ""
    if m.group("words"):
        value, word_qualifier = vocab.number_words[fold(m.group("words"))]
        return value, None, qualifier or word_qualifier
    if m.group("spelled"):
        return vocab.spelled[fold(m.group("spelled"))], None, qualifier
    value = parse_number(m.group("num"))
    if value is None:
        return None
    if m.group("den"):  # "67/75 xã" counts 67; "1/3 số hộ" is a fraction of them
        den = parse_number(m.group("den")) or 0.0
        return (value / den if _is_share(m, obj) and den else value), None, qualifier
    value_max = parse_number(m.group("num2")) if m.group("num2") else None
    return value, value_max, qualifier


def _is_share(m: re.Match[str], obj: Counted) -> bool:
    """Whether "a/b" is a fraction of the object ("1/3 số hộ"), not a count of it ("67/75 xã")."""
    return bool(m.group("den") and obj.text) and fold(obj.text).split()[0] in vocabulary().share_words


def _number_start(m: re.Match[str]) -> int:
    """Where the number itself starts (after a qualifier such as "hơn")."""
    return m.start("num") if m.group("num") else m.start("words") if m.group("words") else m.start("spelled")


def _not_a_count(m: re.Match[str], sentence: str) -> bool:
    """An ordinal, a year, a duration or an age (numbers in dates, codes or quotations: :func:`_blocked`)."""
    vocab = vocabulary()
    before = sentence[: _number_start(m)]
    if not m.group("qual") and not m.group("from") and vocab.not_before.ends(before):
        return True
    if m.group("spelled") and vocab.spelled_not_after.ends(before):
        return True
    no_unit = not m.group("unit") and not m.group("scale")
    if no_unit and vocab.not_after.starts(sentence[m.end() :]):
        return True
    return bool(m.group("num") and no_unit and not m.group("den") and _YEAR.fullmatch(m.group("num")))


def claims_in_sentence(sentence: str) -> list[dict[str, Any]]:
    """Numeric claims of one sentence, offsets relative to the sentence."""
    vocab = vocabulary()
    if not vocab.may_hold.search(sentence):
        return []
    blocked: list[tuple[int, int]] | None = None  # found for the first claim that needs them
    rows = []
    for m in vocab.pattern.finditer(sentence):
        if not (m.group("num") or m.group("words") or m.group("spelled")) or _not_a_count(m, sentence):
            continue
        unit = vocab.units.get(fold(m.group("unit") or ""), "")
        factor = scales().get(fold(m.group("scale") or ""), 1.0)
        obj = _object(
            sentence, m.end(), fallback=(not unit or unit in vocab.object_units) and not m.group("spelled")
        )
        if not obj.text and not unit:
            obj = _shared_object(sentence, m.end())
        if not obj.text and not unit:
            continue
        if m.group("den") and not obj.known and find_dates(m.group()):
            continue  # "12/3 tổ chức": a date without a word such as "ngày" before it
        parsed = _value(m, obj)
        if parsed is None:
            continue
        blocked = _blocked(sentence) if blocked is None else blocked
        if any(a <= _number_start(m) < b for a, b in blocked):
            continue
        value, value_max, qualifier = parsed
        if fold(obj.text).startswith(vocab.money_words) and factor > 1 and not unit:
            unit = "VND"
        share = _is_share(m, obj)
        unit = unit or ("" if share else _entry(obj.head).get("unit", ""))
        rows.append(
            {
                "value": value * factor,
                "value_max": value_max * factor if value_max is not None else None,
                "qualifier": qualifier.strip().lower(),
                "unit": unit,
                "object": obj.text,
                "category": obj.head,  # replaced below, once the next claim's start is known
                "start": m.start(),
                "end": max(obj.end, m.end()),
            }
        )
    for i, row in enumerate(rows):
        # a cue ("danh hiệu") counts before the claim (in its clause) or up to the next one, not for earlier
        # claims: "giữ vững 96% hộ đạt danh hiệu ... và xây dựng thêm 1 mô hình" is no honour for the model
        clause = max((m.end() for m in vocab.clause_break.finditer(sentence, 0, row["start"])), default=0)
        window = sentence[clause : rows[i + 1]["start"] if i + 1 < len(rows) else len(sentence)]
        row["category"] = _category(row["category"], row["unit"], window)
    return rows


def extract_claims(article: Article, definitions: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Rows of ``figures.csv`` for ``article`` (offsets into ``article.text``); an object that is an
    abbreviation the article defines ("25 TTQ" after "tổ tự quản (TTQ)") takes its category from the words
    it stands for."""
    rows = rows_by_sentence(article, claims_in_sentence)
    for row in rows if definitions else ():
        token = row["object"].split()[0] if row["object"] else ""
        if token not in definitions or row["unit"]:
            continue
        _, head = _lexicon_head(definitions[token].split())
        if head:
            if row["text"].endswith(row["object"]):  # "32 TTQ hoạt" -> "32 TTQ": the letters are the object
                row["end"] -= len(row["object"]) - len(token)
                row["text"] = article.text[row["start"] : row["end"]]
            row.update(object=token, category=_entry(head)["category"], unit=_entry(head).get("unit", ""))
    return rows
