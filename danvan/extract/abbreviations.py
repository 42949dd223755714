"""Abbreviations written in an article ("MTTQ", "HĐND-UBND"), expanded from ``abbreviations.csv`` or listed
as unknown."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

from danvan.article import Article
from danvan.extract.gazetteer import gazetteer
from danvan.text import fold, strip_accents
from danvan.vocab import load_csv

# Two or more capitals, not inside a word, a path or a code; the check on the character before is made after
# the first capital (the pattern then starts with a character set, which the regex engine scans for fast).
_ABBREVIATION = re.compile(r"([A-ZĐ](?<![\w/-][A-ZĐ])[A-ZĐ]+(?:\s?[-–]\s?[A-ZĐ]{2,})?)(?![\w/]|-\d)")
_ROMAN = re.compile(r"[IVXLCDM]+")
_DASH = re.compile(r"\s*[-–]\s*")
_DEFINED = re.compile(r"\(\s*([A-ZĐ]{2,8})\s*\)")  # "Dân vận khéo (DVK)", "nông thôn mới (NTM)"
_SYLLABLE = re.compile(r"[^\W\d_]+")
_NO_DEFINITION = re.compile(r"[.;:!?\n()]")  # an expansion stays inside its clause


@lru_cache(maxsize=4096)
def _normalise(text: str) -> str:
    return _DASH.sub("-", text.strip())


@cache
def _known() -> dict[str, dict[str, str]]:
    return {_normalise(row["abbreviation"]): row for row in load_csv("abbreviations.csv")}


@lru_cache(maxsize=4096)
def _counted(token: str) -> bool:
    """Whether capitals count as an abbreviation: not a Roman numeral, not a province written in capitals."""
    return not _ROMAN.fullmatch(token) and fold(token) not in gazetteer().provinces


def _initial(word: str) -> str:
    return strip_accents(word[0])


def defined_in_text(text: str) -> dict[str, str]:
    """Abbreviations the article defines in brackets after the words they stand for, one letter per word
    ("phong trào “Dân vận khéo” (DVK)" -> {"DVK": "Dân vận khéo"}, "nông thôn mới (NTM)" -> {"NTM": "nông
    thôn mới"}); the first definition counts, known ones too (the article may mean something else)."""
    found: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        token = m.group(1)
        if token in found or not _counted(token):
            continue
        before = text[max(0, m.start() - 120) : m.start()]
        words = list(_SYLLABLE.finditer(before))[-len(token) :]
        initials = "".join(_initial(w.group()) for w in words)
        if len(words) != len(token) or initials != strip_accents(token):
            continue
        expansion = before[words[0].start() : words[-1].end()]
        if not _NO_DEFINITION.search(expansion):
            found[token] = expansion
    return found


def _abbreviation_tokens(text: str) -> list[str]:
    """Abbreviations written in ``text``; two written apart whose joined form is known are one ("UB MTTQ")."""
    known = _known()
    tokens: list[str] = []
    last_end = -1
    for m in _ABBREVIATION.finditer(text):
        token = _normalise(m.group(1))
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
    known = _known()
    if token in known:
        return known[token]
    parts = token.split("-")
    if len(parts) > 1 and all(p in known for p in parts):
        return {
            "expansion": " - ".join(known[p]["expansion"] for p in parts),
            "gloss_en": " and ".join(known[p]["gloss_en"] for p in parts),
        }
    return None


def extract_abbreviations(article: Article, definitions: dict[str, str] | None = None) -> list[dict]:
    """Per-article counts of every abbreviation, expanded from the table, else from the article's own
    definition (``definitions``: see :func:`defined_in_text`), else marked unknown. Byline lines are read
    too: an interview's questions start "PV:" (the reporter) and are kept out of the body."""
    definitions = definitions or {}
    counts: Counter[str] = Counter()
    texts = [s.text for s in article.sentences]
    texts += [line.text for line in article.meta_lines if line.rule.startswith("byline")]
    for text in texts:
        counts.update(_abbreviation_tokens(text))
    rows = []
    for token, n in sorted(counts.items()):
        entry = _expansion(token)
        defined = entry is None and token in definitions
        rows.append(
            {
                "article_id": article.article_id,
                "abbreviation": token,
                "expansion": entry["expansion"] if entry else definitions.get(token, ""),
                "gloss_en": entry["gloss_en"] if entry else "",
                "known": entry is not None,
                "defined_in_text": defined,
                "count": n,
            }
        )
    return rows
