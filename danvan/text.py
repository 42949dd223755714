"""Unicode normalisation and matching keys for Vietnamese text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

# Old-style tone placement ("hoá", "thuỷ") -> new style ("hóa", "thủy"), as in most current
# Vietnamese orthography. Built from combining marks so the table stays small and exact.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_PAIRS = (("o", "a"), ("o", "e"), ("u", "y"))


def _tone_table() -> dict[str, str]:
    table = {}
    for first, second in _PAIRS:
        for tone in _TONES:
            for f, s in ((first, second), (first.upper(), second.upper()), (first.upper(), second)):
                old = f + unicodedata.normalize("NFC", s + tone)
                new = unicodedata.normalize("NFC", f + tone) + s
                table[old] = new
    return table


_TONE_TABLE = _tone_table()
# Only at the end of a syllable and not after "q": "hoà" -> "hòa"; "hoàn" and "quý" stay.
# The pair first and the look-behind after it (every pair is two characters): the engine skips to an o or u.
assert all(len(old) == 2 for old in _TONE_TABLE)
_TONE_RE = re.compile(r"(" + "|".join(map(re.escape, sorted(_TONE_TABLE))) + r")(?<![qQ]..)(?![^\W\d_])")
# A syllable-final "y" after a consonant spells the same sound as "i" ("Na Rỳ" / "Na Rì").
_Y_VOWELS = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")
# An upper-case letter of Vietnamese text. The range À-Ỹ alone is no such class: it holds the lower-case
# letters too ("đ", "á", "ư"). Vocabulary patterns write it as {CAPITAL} (see :func:`with_capitals`).
CAPITAL = "[A-Z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper()) + "]"
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")  # a word: letters and digits, with "H'Ly"-style apostrophes
_FINAL_Y_RE = re.compile(r"(?<![^\W\d_])([bcdđghklmnprstvx]+)([yýỳỷỹỵ])(?![^\W\d_])", re.IGNORECASE)
_ANY_Y = re.compile(r"[yýỳỷỹỵ]", re.IGNORECASE)  # most text has no "y": then _FINAL_Y_RE is not run


def with_capitals(pattern: str) -> str:
    """A vocabulary pattern with each ``{CAPITAL}`` written out as :data:`CAPITAL`."""
    return pattern.replace("{CAPITAL}", CAPITAL)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every table of danvan uses."""
    return unicodedata.normalize("NFC", text)


def unify_tone_marks(text: str) -> str:
    """Move tone marks of "oa", "oe", "uy" to the new-style position; idempotent."""
    return _TONE_RE.sub(lambda m: _TONE_TABLE[m.group(1)], nfc(text))


def _fold(text: str) -> str:
    key = unify_tone_marks(text).lower()
    if _ANY_Y.search(key):
        key = _FINAL_Y_RE.sub(lambda m: m.group(1) + m.group(2).translate(_Y_VOWELS), key)
    return " ".join(key.split())


def fold_long(text: str) -> str:
    """:func:`fold` of a long text (a whole article's body), not memoised."""
    return _fold(text)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Matching key: NFC, lower case, unified tone marks, final "y" as "i", single spaces. Memoised for the
    sentences of one article (several extractors fold them; cleared per article, see extract.py)."""
    return _fold(text)


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """:func:`fold` of a word, memoised across articles (the vocabulary repeats; sentences rarely do)."""
    return _fold(word)


# Vietnamese alphabetical order: letters first ("đ" after "d", "ă" and "â" after "a" ...), tone marks only
# to break ties, in the dictionary order level, grave, hook, tilde, acute, dot below.
_ALPHABET = {letter: rank for rank, letter in enumerate("aăâbcdđeêghiklmnoôơpqrstuưvxy")}
_TONE_RANK = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _outside_alphabet(char: str) -> int:
    """Spaces first (a shorter word sorts first: "Bà Rịa" < "Bạc Liêu"), then digits, then the letters;
    anything else after them."""
    if char.isspace():
        return -11
    if char.isdecimal():
        return -10 + int(char)
    return len(_ALPHABET) + ord(char)


@lru_cache(maxsize=4096)
def collation_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """Sort key that puts Vietnamese names in dictionary order ("Đà Nẵng" after "Cao Bằng", not after "Yên
    Bái"); see :func:`_outside_alphabet` for other characters."""
    letters, tones = [], []
    for char in text.lower():
        decomposed = unicodedata.normalize("NFD", char)
        tone = next((mark for mark in decomposed if mark in _TONE_RANK), "")
        base = unicodedata.normalize("NFC", decomposed.replace(tone, "")) if tone else char
        letters.append(_ALPHABET.get(base, _outside_alphabet(char)))
        tones.append(_TONE_RANK[tone])
    return tuple(letters), tuple(tones), text


def strip_accents(text: str) -> str:
    """ASCII-ish key: no diacritics, "đ" as "d", lower case (for domains and identifiers)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def with_expansions(text: str, definitions: dict[str, str]) -> str:
    """``text`` with each abbreviation the article defined written out ("mô hình DVK" -> "mô hình Dân vận
    khéo"), its definition's brackets dropped ("Dân vận khéo (DVK)" -> "Dân vận khéo"): what themes and
    keyness read. Offsets are not kept: the tables quote the original text."""
    for token, expansion in definitions.items():
        if token in text:
            text = re.sub(r"\s*\(\s*" + re.escape(token) + r"\s*\)", "", text)
            text = re.sub(r"(?<![\w-])" + re.escape(token) + r"(?![\w-])", expansion, text)
    return text


# Text where a word's bounds or its first letter need a closer look (see capitalised_runs).
_APOSTROPHE_OR_ASTRAL = re.compile("['\U00010000-\U0010ffff]")


@cache
def _plain_runs() -> re.Pattern[str]:
    """Capitalised runs, found by one search, of text with no apostrophe and nothing beyond U+FFFF.

    There a word is a plain stretch of letters and digits, and its first character is upper case when it
    is in one class (every letter or digit of the BMP that ``str.isupper``)."""
    capital = "".join(re.escape(c) for c in map(chr, range(0x10000)) if c.isupper() and WORD.match(c))
    # not after a letter or digit, checked behind the capital: a search then skips to the next capital
    return re.compile(rf"[{capital}](?<![^\W_]{{2}})[^\W_]*(?:[ \u00a0]+[{capital}][^\W_]*)*")


@lru_cache(maxsize=4096)
def capitalised_runs(text: str) -> list[tuple[int, int, list[re.Match[str]]]]:
    """Maximal runs of capitalised words separated only by spaces: (start, end, word matches)."""
    if _APOSTROPHE_OR_ASTRAL.search(text):  # "H'Mông": where a word starts depends on the words before
        return _runs_word_by_word(text)
    return [
        (m.start(), m.end(), list(WORD.finditer(text, m.start(), m.end())))
        for m in _plain_runs().finditer(text)
    ]


def _runs_word_by_word(text: str) -> list[tuple[int, int, list[re.Match[str]]]]:
    """:func:`capitalised_runs` of any text, by going through its words one by one."""
    runs, current = [], []
    for match in WORD.finditer(text):
        word = match.group()
        if word[0].isupper():
            if current and text[current[-1].end() : match.start()].strip(" \u00a0") == "":
                current.append(match)
                continue
            if current:
                runs.append(current)
            current = [match]
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [(r[0].start(), r[-1].end(), r) for r in runs]


def any_of(words: Iterable[str]) -> str:
    """A regex (no groups) matching any of ``words`` literally, longest first; for short lists and for
    case-insensitive patterns (see :func:`alternation` for long case-sensitive lists)."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True))) or "(?!)"


def alternation(words: Iterable[str]) -> str:
    """A regex (no groups) matching any of ``words``, preferring the longest as a longest-first alternation
    does, written as a trie: the engine follows one path instead of trying every word at every position.
    For case-sensitive patterns (words that differ only in case are different branches)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie) or "(?!)"


def _trie_regex(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body  # greedy: the longer word is tried first
