"""Themes of each sentence and article, sentence roles, and distinctive vocabulary (keyness)."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache, lru_cache
from typing import Any

from danvan.article import Article
from danvan.extract.gazetteer import gazetteer, place_key
from danvan.ingest.segment import segment_words
from danvan.stored import Stored
from danvan.text import alternation, fold, fold_word, with_expansions
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


def sentence_annotations(article: Article, definitions: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """article_id, sentence_id, themes ("; "-joined keys), role, role_cue for every sentence; themes read
    the abbreviations the article defines written out (``definitions``)."""
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
                "themes": "; ".join(sorted(theme_hits(with_expansions(s.text, definitions or {})))),
                "role": role,
                "role_cue": cue,
            }
        )
        previous, previous_line = role, line
    return rows


def theme_rows(article: Article, definitions: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """article_id, theme, hits, per_1000_words for every theme with at least one hit (abbreviations the
    article defines read written out)."""
    totals: Counter[str] = Counter()
    for s in article.sentences:
        totals.update(theme_hits(with_expansions(s.text, definitions or {})))
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


def word_counts(article: Article, definitions: dict[str, str] | None = None) -> Counter[str]:
    """Folded segmented words of the article, without stopwords, numbers and punctuation; an abbreviation
    the article defines counts as the words it stands for."""
    counts: Counter[str] = Counter()
    for s in article.sentences:
        defined = definitions and s.words and any(token in s.text for token in definitions)
        words = segment_words(with_expansions(s.text, definitions)) if defined else s.words
        counts.update(key for word in words if (key := _content_key(word)))
    return counts


KEYNESS_P = 0.001  # a term is distinctive when its Bonferroni-adjusted p-value is below this


def g2_williams(a: int, b: int, size: int, rest_size: int) -> float:
    """Dunning's log-likelihood G² of the 2×2 table (the word in the group / in the rest, all other words in
    each), with Williams' correction: quanteda's ``textstat_keyness(measure = "lr")`` with its default
    correction, unsigned."""
    n = size + rest_size
    if a + b >= n:  # the only word of the corpus: nothing to compare
        return 0.0
    observed = (
        (a, a + b, size),
        (b, a + b, rest_size),
        (size - a, n - a - b, size),
        (rest_size - b, n - a - b, rest_size),
    )
    g2 = 2 * sum(o * math.log(o * n / (row * column)) for o, row, column in observed if o)
    williams = 1 + (n / (a + b) + n / (n - a - b) - 1) * (n / size + n / rest_size - 1) / (6 * n)
    return g2 / williams


def chi2_1_survival(x: float) -> float:
    """P(X > x) for X chi-square with one degree of freedom."""
    return math.erfc(math.sqrt(max(x, 0.0) / 2))


@cache
def own_place_names() -> dict[str, frozenset[str]]:
    """Folded names of each province (short name and other spellings) and of its districts: a province's
    own place names are where its articles come from, not what they say (from the store the pipeline keeps:
    :data:`OWN_PLACE_NAMES`, read without the whole gazetteer)."""
    return OWN_PLACE_NAMES.load()


def _own_place_names() -> dict[str, frozenset[str]]:
    gaz = gazetteer()
    names: dict[str, set[str]] = {}
    for key, province in gaz.provinces.items():
        names.setdefault(province, set()).add(key)
    for key, units in gaz.districts.items():
        for unit in units:
            names.setdefault(unit.province, set()).add(key)
    parts = {p: {part.strip() for key in keys for part in key.split(" - ")} for p, keys in names.items()}
    return {province: frozenset(keys | parts[province]) for province, keys in names.items()}


def _names_from_data(data: Any) -> dict[str, frozenset[str]]:
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise TypeError("not a store of place names")
    return {str(province): frozenset(map(str, names)) for province, names in data.items()}


OWN_PLACE_NAMES: Stored[dict[str, frozenset[str]]] = Stored(
    _own_place_names, lambda names: {p: sorted(n) for p, n in names.items()}, _names_from_data
)  # named by the pipeline (extractor version)


def _own_place(word: str, province: str) -> bool:
    own = own_place_names().get(province, frozenset())
    return word in own or place_key(word) in own


def keyness(groups: dict[str, Counter[str]], top: int = 15, min_count: int = 3) -> list[dict[str, Any]]:
    """Words a group (province) over-uses against all other groups, by G² (:func:`g2_williams`).

    Every word a group uses at least ``min_count`` times is tested; a word is listed when its p-value,
    Bonferroni-adjusted for the number of tests, is below KEYNESS_P, and it is not one of the province's
    own place names. At most ``top`` words per group, by G².
    """
    total: Counter[str] = Counter()
    for counts in groups.values():
        total.update(counts)
    grand = sum(total.values())
    tested = []
    for group in sorted(groups):
        counts = groups[group]
        size = sum(counts.values())
        rest_size = grand - size
        if not size or not rest_size:
            continue
        for word, a in counts.items():
            if a >= min_count:
                tested.append((group, word, a, total[word] - a, size, rest_size))
    rows = []
    for group, word, a, b, size, rest_size in tested:
        if a / size <= b / rest_size or _own_place(word, group):
            continue
        g2 = g2_williams(a, b, size, rest_size)
        p_adjusted = min(1.0, chi2_1_survival(g2) * len(tested))
        if p_adjusted < KEYNESS_P:
            log_ratio = math.log2(((a + 0.5) / size) / ((b + 0.5) / rest_size))
            rows.append((group, -round(g2, 3), word, a, b, round(log_ratio, 3), p_adjusted))
    rows.sort()
    per_group: Counter[str] = Counter()
    out = []
    for group, minus_g2, word, a, b, log_ratio, p_adjusted in rows:
        per_group[group] += 1
        if per_group[group] <= top:
            out.append(
                {
                    "group": group,
                    "term": word,
                    "count_group": a,
                    "count_rest": b,
                    "g2": -minus_g2,
                    "log_ratio": log_ratio,
                    "p_adjusted": float(f"{p_adjusted:.3g}"),
                }
            )
    return out
