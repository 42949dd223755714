"""Numeric claims: value, unit, the thing counted and its category, with the exact text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from danvan.article import Article, rows_by_sentence
from danvan.dates import find_dates
from danvan.numbers import NUMERAL, parse_number, scales
from danvan.text import fold
from danvan.vocab import load_yaml

_QUOTED = re.compile(r"“[^”]{0,300}”|\"[^\"]{0,300}\"|«[^»]{0,300}»")
_CODE = re.compile(r"\d+\s*[-/]\s*[A-ZĐ]{1,6}[-/A-ZĐ]*|\d{1,2}[:h]\d{2}\b")
_YEAR_RANGE = re.compile(r"\b(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}\b")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_MAY_HOLD_NUMBER = re.compile(r"\d|hàng\s", re.IGNORECASE)  # digits, or "hàng trăm"-style amounts
OBJECT_WORDS = 3  # words taken as the object when the lexicon does not know it


@dataclass(frozen=True)
class Vocabulary:
    pattern: re.Pattern[str]
    units: dict[str, str]  # folded written form -> unit
    objects: dict[str, dict[str, str]]  # folded object -> {category, unit}
    longest_object: int  # words in the longest lexicon object
    unit_categories: dict[str, str]
    contexts: list[tuple[re.Pattern[str], set[str], str]]
    not_before: re.Pattern[str]
    not_after: re.Pattern[str]
    number_words: dict[str, tuple[float, str]]


def _alternation(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@cache
def vocabulary() -> Vocabulary:
    data = load_yaml("figures.yml")
    units = {fold(u["written"]): u["unit"] for u in data["units"]}
    qualifiers = [q["word"] for q in data["qualifiers"]]
    number_words = {fold(w["word"]): (float(w["value"]), w["qualifier"]) for w in data["number_words"]}
    unit_words = [u["written"] for u in data["units"]]
    pattern = re.compile(
        rf"(?:(?P<qual>{_alternation(qualifiers)})\s+)?(?:(?P<from>từ)\s+)?"
        rf"(?:(?P<words>{_alternation(list(number_words))})|(?P<num>{NUMERAL})"
        rf"(?:\s*(?:-|–|đến|tới)\s*(?P<num2>{NUMERAL}))?(?!\d))"
        rf"(?:\s*(?P<scale>{_alternation([w['word'] for w in data['scales']])})(?!\w))?"
        rf"(?:\s*(?P<unit>{_alternation(unit_words)})(?![^\W\d_]))?",
        re.IGNORECASE,
    )
    objects = {
        fold(o["object"]): {"category": o["category"], "unit": o.get("unit", "")} for o in data["objects"]
    }
    contexts = [
        (re.compile(c["cue"]), {fold(o) for o in c["objects"]}, c["category"])
        for c in data["context_categories"]
    ]
    not_claims = data["not_claims"]
    return Vocabulary(
        pattern=pattern,
        units=units,
        objects=objects,
        longest_object=max(len(o.split()) for o in objects),
        unit_categories=data["unit_categories"],
        contexts=contexts,
        not_before=re.compile(rf"(?<!\w)(?:{_alternation([fold(w) for w in not_claims['before']])})\s*$"),
        not_after=re.compile(rf"^\s*(?:{_alternation([fold(w) for w in not_claims['after']])})(?!\w)"),
        number_words=number_words,
    )


def _blocked(sentence: str) -> list[tuple[int, int]]:
    """Spans holding numbers that are not claims: dates, quotations, codes, times, year ranges."""
    spans = [(d.start, d.end) for d in find_dates(sentence)]
    for pattern in (_QUOTED, _CODE, _YEAR_RANGE):
        spans += [(m.start(), m.end()) for m in pattern.finditer(sentence)]
    return spans


def _object(sentence: str, end: int, fallback: bool = True) -> tuple[str, int]:
    """The noun phrase counted right after ``end``: the longest lexicon entry, else the next few words."""
    vocab = vocabulary()
    words: list[re.Match[str]] = []
    for word in _WORD.finditer(sentence, end):
        gap = sentence[(words[-1].end() if words else end) : word.start()]
        if any(ch in gap for ch in ',;:.()“”"') or fold(word.group()) in ("và", "với", "của", "trong", "để"):
            break
        words.append(word)
        if len(words) == max(OBJECT_WORDS, vocab.longest_object):
            break
    for size in range(len(words), 0, -1):
        if fold(" ".join(w.group() for w in words[:size])) in vocab.objects:
            return sentence[words[0].start() : words[size - 1].end()], words[size - 1].end()
    words = words[:OBJECT_WORDS]
    if not words or not fallback:
        return "", end
    return sentence[words[0].start() : words[-1].end()], words[-1].end()


def _category(obj: str, unit: str, sentence: str) -> str:
    vocab = vocabulary()
    key = fold(obj)
    for cue, objects, category in vocab.contexts:
        if key in objects and cue.search(fold(sentence)):
            return category
    if unit in ("%",):
        return vocab.unit_categories[unit]
    if key in vocab.objects:
        return vocab.objects[key]["category"]
    return vocab.unit_categories.get(unit, "other")


def figures_in_sentence(sentence: str) -> list[dict[str, Any]]:
    """Numeric claims of one sentence, offsets relative to the sentence."""
    if not _MAY_HOLD_NUMBER.search(sentence):
        return []
    vocab = vocabulary()
    blocked = _blocked(sentence)
    rows = []
    for m in vocab.pattern.finditer(sentence):
        if not (m.group("num") or m.group("words")):
            continue
        num_start = m.start("num") if m.group("num") else m.start("words")
        if any(a <= num_start < b for a, b in blocked):
            continue
        if (
            not m.group("qual")
            and not m.group("from")
            and vocab.not_before.search(fold(sentence[:num_start]))
        ):
            continue
        if m.group("words"):
            value, qualifier = vocab.number_words[fold(m.group("words"))]
            value_max = None
        else:
            value = parse_number(m.group("num"))
            value_max = parse_number(m.group("num2")) if m.group("num2") else None
            qualifier = m.group("qual") or ""
            if value is None:
                continue
        unit = vocab.units.get(fold(m.group("unit") or ""), "")
        if not unit and not m.group("scale") and vocab.not_after.search(fold(sentence[m.end() :])):
            continue
        if (
            m.group("num")
            and not unit
            and re.fullmatch(r"(19|20)\d{2}", m.group("num"))
            and not m.group("scale")
        ):
            continue  # a year
        factor = scales().get(fold(m.group("scale") or ""), 1.0)
        obj, end = _object(sentence, m.end(), fallback=unit in ("", "%"))
        if not obj and not unit:
            continue
        if fold(obj).startswith("đồng") and factor > 1 and not unit:
            unit = "VND"
        unit = unit or vocab.objects.get(fold(obj), {}).get("unit", "")
        rows.append(
            {
                "value": value * factor,
                "value_max": value_max * factor if value_max is not None else None,
                "qualifier": (qualifier or (m.group("from") or "")).strip().lower(),
                "unit": unit,
                "object": obj,
                "category": _category(obj, unit, sentence),
                "start": m.start(),
                "end": max(end, m.end()),
            }
        )
    return rows


def extract_figures(article: Article) -> list[dict[str, Any]]:
    """Rows of ``figures.csv`` for ``article`` (offsets into ``article.text``)."""
    return rows_by_sentence(article, figures_in_sentence)
