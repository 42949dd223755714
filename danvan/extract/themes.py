"""Themes of each sentence and article, sentence roles, and distinctive vocabulary (keyness)."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache, lru_cache
from typing import Any

from danvan.article import Article
from danvan.text import alternation, fold, fold_word
from danvan.vocab import load_yaml


def _alternation(cues: list[str]) -> str:
    return r"(?<!\w)(?:" + alternation(cues) + r")(?!\w)"


def theme_catalogue() -> list[dict[str, str]]:
    """theme, label_en, definition for every theme of ``danvan/data/themes.yml`` (for the report)."""
    return [
        {"theme": t["key"], "label_en": t["label_en"], "definition": t["definition"]}
        for t in load_yaml("themes.yml")["themes"]
    ]


def labels() -> dict[str, str]:
    """English label of every theme, by key."""
    return {t["theme"]: t["label_en"] for t in theme_catalogue()}


def theme_hits(sentence: str) -> Counter[str]:
    """How many cue phrases of each theme ``sentence`` contains."""
    return Counter(dict(sentence_theme_counts(sentence)))


@cache
def _combined() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], dict[str, str]]:
    """All themes' cues in one pattern each (folded words, abbreviations), longest cue first, and the
    theme of each cue: one pass per sentence, and where cues overlap the longer one wins
    ("tín dụng đen" is security, not the economy's "tín dụng")."""
    data = load_yaml("themes.yml")
    # Masks (names such as "Sở Nông nghiệp và Môi trường") take their stretch of text for no theme.
    words: dict[str, str] = {fold(m["mask"]): "" for m in data["masks"]}
    exact: dict[str, str] = {}
    for entry in data["themes"]:
        for cue in (c["cue"] for c in entry["cues"]):
            if cue.upper() == cue and any(ch.isalpha() for ch in cue):
                exact.setdefault(cue, entry["key"])
            else:
                words.setdefault(fold(cue), entry["key"])
    never = re.compile("(?!)")
    return (
        re.compile(_alternation(list(words))) if words else never,
        words,
        re.compile(_alternation(list(exact))) if exact else never,
        exact,
    )


@lru_cache(maxsize=4096)
def sentence_theme_counts(sentence: str) -> tuple[tuple[str, int], ...]:
    words, word_theme, exact, exact_theme = _combined()
    hits = Counter(word_theme[m.group()] for m in words.finditer(fold(sentence)))
    hits.update(exact_theme[m.group()] for m in exact.finditer(sentence))
    return tuple(sorted((key, n) for key, n in hits.items() if key))


@cache
def _roles() -> tuple[list[tuple[str, bool, list[tuple[re.Pattern[str], str]]]], str]:
    data = load_yaml("roles.yml")
    rules = [
        (r["role"], bool(r["carries"]), [(re.compile(c["cue"]), c["cue"]) for c in r["cues"]])
        for r in data["roles"]
    ]
    return rules, data["default_role"]


# What opens a cue and only tests the text around it: look-behinds ("(?<!hộ )khó khăn") and word boundaries.
# Tried at every position, they make a search slow, and they keep the regex engine from skipping ahead to
# the characters an alternation can start with.
_OPENING_TESTS = re.compile(r"^(?:\(\?<[!=](?:[^()\\]|\\.)*\)|\\b)+")


@cache
def _role_screens() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    """Per role, two patterns that match wherever one of its cues may: its cues anchored at the start
    ("^..."), and the others without their opening tests. A screen can match where no cue does (the cues
    then decide) but never misses one."""
    never = re.compile("(?!)")
    screens = []
    for _, _, cues in _roles()[0]:
        anchored = [p.pattern for p, _ in cues if p.pattern.startswith("^")]
        free = [_OPENING_TESTS.sub("", p.pattern) for p, _ in cues if not p.pattern.startswith("^")]
        screens.append(
            tuple(
                re.compile("|".join(f"(?:{c})" for c in group)) if group else never
                for group in (anchored, free)
            )
        )
    return screens


def sentence_role(sentence: str) -> tuple[str, str]:
    """(role, cue) of one sentence by the first matching rule; ("", "") when no cue matches."""
    folded = fold(sentence).lstrip(" \t-–•*")
    rules, _ = _roles()
    for (role, _carries, cues), (anchored, free) in zip(rules, _role_screens(), strict=True):
        if anchored.search(folded) or free.search(folded):
            cue = next((cue for pattern, cue in cues if pattern.search(folded)), None)
            if cue is not None:
                return role, cue
    return "", ""


def sentence_annotations(article: Article) -> list[dict[str, Any]]:
    """article_id, sentence_id, themes ("; "-joined keys), role, role_cue for every sentence."""
    rules, default = _roles()
    carries = {role for role, carry, _ in rules if carry}
    rows, previous, previous_line, line, counted = [], "", -1, 0, 0
    for s in article.sentences:
        line, counted = line + article.text.count("\n", counted, s.start), s.start
        role, cue = sentence_role(s.text)
        if not role:
            carried = previous if line == previous_line and previous in carries else ""
            role, cue = (carried, "(carried from the previous sentence)") if carried else (default, "")
        rows.append(
            {
                "article_id": article.article_id,
                "sentence_id": s.sentence_id,
                "themes": "; ".join(sorted(theme_hits(s.text))),
                "role": role,
                "role_cue": cue,
            }
        )
        previous, previous_line = role, line
    return rows


def theme_rows(article: Article) -> list[dict[str, Any]]:
    """article_id, theme, hits, per_1000_words for every theme with at least one hit."""
    totals: Counter[str] = Counter()
    for s in article.sentences:
        totals.update(theme_hits(s.text))
    words = max(article.n_words, 1)
    return [
        {
            "article_id": article.article_id,
            "theme": key,
            "hits": n,
            "per_1000_words": round(n * 1000 / words, 3),
        }
        for key, n in sorted(totals.items())
    ]


_CONTENT_WORD = re.compile(r"[^\W\d_]+(?:[ '-][^\W\d_]+)*")  # letters only: no numbers or punctuation


@cache
def stopwords() -> frozenset[str]:
    data = load_yaml("stopwords.yml")
    return frozenset(fold(w["word"]) for group in data.values() for w in group["words"])


@lru_cache(maxsize=1 << 16)
def _content_key(word: str) -> str:
    """The folded word, or "" for a stopword, a number, punctuation or a single letter (memoised: the
    vocabulary repeats across articles)."""
    key = fold_word(word)
    return key if len(key) > 1 and key not in stopwords() and _CONTENT_WORD.fullmatch(key) else ""


def word_counts(article: Article) -> Counter[str]:
    """Folded segmented words of the article, without stopwords, numbers and punctuation."""
    counts: Counter[str] = Counter()
    for word, n in Counter(word for s in article.sentences for word in s.words).items():
        if key := _content_key(word):
            counts[key] += n
    return counts


def keyness(groups: dict[str, Counter[str]], top: int = 15, min_count: int = 3) -> list[dict[str, Any]]:
    """Dunning's log-likelihood (G²) of each group's words against all other groups; top-N over-used words."""
    total = Counter()
    for counts in groups.values():
        total.update(counts)
    grand = sum(total.values())
    rows = []
    for group in sorted(groups):
        counts = groups[group]
        size = sum(counts.values())
        rest_size = grand - size
        if not size or not rest_size:
            continue
        scored = []
        for word, a in counts.items():
            b = total[word] - a
            if a < min_count or a / size <= b / rest_size:
                continue
            expected_a = size * (a + b) / grand
            expected_b = rest_size * (a + b) / grand
            g2 = 2 * (a * math.log(a / expected_a) + (b * math.log(b / expected_b) if b else 0.0))
            log_ratio = math.log2(((a + 0.5) / size) / ((b + 0.5) / rest_size))
            scored.append((round(g2, 3), word, a, b, round(log_ratio, 3)))
        for g2, word, a, b, log_ratio in sorted(scored, key=lambda x: (-x[0], x[1]))[:top]:
            rows.append(
                {
                    "group": group,
                    "term": word,
                    "count_group": a,
                    "count_rest": b,
                    "g2": g2,
                    "log_ratio": log_ratio,
                }
            )
    return rows
