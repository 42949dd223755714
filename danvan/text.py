"""Unicode normalisation and matching keys for Vietnamese text."""

from __future__ import annotations

import re
import sys
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
_TONE_RE = re.compile(r"(?<![qQ])(" + "|".join(map(re.escape, sorted(_TONE_TABLE))) + r")(?![^\W\d_])")
# A syllable-final "y" after a consonant spells the same sound as "i" ("Na Rỳ" / "Na Rì").
_Y_VOWELS = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")  # a word: letters and digits, with "H'Ly"-style apostrophes
_FINAL_Y_RE = re.compile(r"(?<![^\W\d_])([bcdđghklmnprstvx]+)([yýỳỷỹỵ])(?![^\W\d_])", re.IGNORECASE)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every table of danvan uses."""
    return unicodedata.normalize("NFC", text)


def unify_tone_marks(text: str) -> str:
    """Move tone marks of "oa", "oe", "uy" to the new-style position; idempotent."""
    return _TONE_RE.sub(lambda m: _TONE_TABLE[m.group(1)], nfc(text))


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Matching key: NFC, lower case, unified tone marks, final "y" as "i", single spaces (memoised: words
    and sentences repeat across extractors)."""
    key = unify_tone_marks(text).lower()
    key = _FINAL_Y_RE.sub(lambda m: m.group(1) + m.group(2).translate(_Y_VOWELS), key)
    return " ".join(key.split())


def strip_accents(text: str) -> str:
    """ASCII-ish key: no diacritics, "đ" as "d", lower case (for domains and identifiers)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@cache
def _capital() -> str:
    """Regex for the first character of a capitalised word: a letter or digit that ``str.isupper``.

    The few such letters beyond U+FFFF are one range in the class, checked again behind: a class that
    lists them is scanned item by item at every character of the text."""
    upper = [c for c in filter(str.isupper, map(chr, range(sys.maxunicode + 1))) if WORD.match(c)]
    bmp = "".join(re.escape(c) for c in upper if c <= "\uffff")
    astral = "".join(re.escape(c) for c in upper if c > "\uffff")
    return rf"[{bmp}\U00010000-\U0010ffff](?<=[\x00-\uffff]|[{astral}])"


@cache
def _run_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Capitalised runs found by one search, for text without apostrophes; and for any text, a run or
    the stretch up to the next one, words taken whole as :data:`WORD` takes them ("H'Mông": where a word
    starts then depends on the words before it)."""
    capital = _capital()
    # not after a letter or digit, checked behind the capital: a search then skips to the next capital
    plain = rf"{capital}(?<![^\W_]{{2}})[^\W_]*(?:[ \u00a0]+{capital}[^\W_]*)*"
    word = rf"(?>{WORD.pattern})"
    run = rf"(?={capital}){word}(?:[ \u00a0]+(?={capital}){word})*"
    return re.compile(plain), re.compile(rf"(?P<run>{run})|(?:(?!{capital}){word}|[\W_])++")


@lru_cache(maxsize=4096)
def capitalised_runs(text: str) -> list[tuple[int, int, list[re.Match[str]]]]:
    """Maximal runs of capitalised words separated only by spaces: (start, end, word matches)."""
    plain, word_by_word = _run_patterns()
    if "'" in text:
        runs = [m for m in word_by_word.finditer(text) if m.lastgroup == "run"]
    else:
        runs = list(plain.finditer(text))
    return [(m.start(), m.end(), list(WORD.finditer(text, m.start(), m.end()))) for m in runs]


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
