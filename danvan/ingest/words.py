"""Word segmentation of many sentences at once: underthesea's own tokeniser pattern, normaliser, compiled
featuriser and CRF tagger, called with less per-sentence overhead than ``word_tokenize`` (one featuriser call
per article, the pattern compiled once, token normalisation looked up once per distinct token). The words are
the same as ``word_tokenize(sentence, fixed_words=...)`` gives (tested on thousands of sentences); where
underthesea's internals are not as expected, ``word_tokenize`` itself is used."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

_NORMALISED: dict[str, str] = {}  # token -> underthesea's token_normalize(token): a pure function
_NORMALISED_MAX = 200_000


@cache
def _pattern(fixed_words: tuple[str, ...]) -> re.Pattern[str]:
    """underthesea's tokeniser pattern with ``fixed_words`` first, built as ``tokenize`` builds it."""
    from underthesea.pipeline.word_tokenize import regex_tokenize

    if not fixed_words:
        return re.compile(regex_tokenize.regex_patterns_combine, re.VERBOSE | re.UNICODE)
    escaped = [re.sub(" ", r"\ ", word) for word in fixed_words]
    fixed = "(?P<fixed_words>\\b" + "\\b|\\b".join(escaped) + "\\b)"
    return re.compile(r"(" + "|".join([fixed, *regex_tokenize.regex_patterns]) + ")", re.VERBOSE | re.UNICODE)


def _model() -> Any:
    """underthesea's word segmentation model (featuriser + tagger), loaded as ``word_tokenize`` loads it."""
    import underthesea.pipeline.word_tokenize as module

    if module.word_tokenize_model is None:
        module.word_tokenize("a")
    return module.word_tokenize_model


def _normalise(token: str) -> str:
    found = _NORMALISED.get(token)
    if found is None:
        from underthesea.pipeline.text_normalize import token_normalize

        found = token_normalize(token, use_character_normalize=True)
        if len(_NORMALISED) < _NORMALISED_MAX:
            _NORMALISED[token] = found
    return found


def tokens(sentence: str, fixed_words: tuple[str, ...]) -> list[str]:
    """underthesea's tokens of ``sentence`` (its ``tokenize`` with token normalisation): every alternative of
    its pattern is one named group around the whole alternative, so the token is the whole match."""
    from underthesea.pipeline.text_normalize.character_normalize import normalize_characters_in_text

    text = normalize_characters_in_text(sentence)
    return [_normalise(match.group()) for match in _pattern(fixed_words).finditer(text)]


def segment_many(sentences: Sequence[str], fixed_words: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The words of each sentence (multi-syllable words joined by spaces), as ``word_tokenize`` gives them."""
    if not sentences:
        return []
    try:
        model = _model()
        featurizer, tagger = model.featurizer, model.estimator
    except (AttributeError, ImportError):  # another underthesea: its public function, one sentence at a time
        from underthesea import word_tokenize

        return [tuple(word_tokenize(s, fixed_words=list(fixed_words))) for s in sentences]
    split = [tokens(s, fixed_words) for s in sentences]
    features = featurizer.process([[[token] for token in toks] for toks in split])
    out: list[tuple[str, ...]] = []
    for toks, feats in zip(split, features, strict=True):
        words: list[str] = []
        for tag, token in zip(tagger.tag(feats), toks, strict=False):
            if tag == "I-W" and words:
                words[-1] = words[-1] + " " + token
            else:
                words.append(token)
        out.append(tuple(words))
    return out
