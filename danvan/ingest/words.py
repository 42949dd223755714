"""Word segmentation of many sentences: underthesea's tokeniser pattern and normalisation (the pattern
compiled once, token normalisation looked up once per distinct token), then its CRF model scored by
:class:`CRFSegmenter`, all from :mod:`danvan.ingest.underthesea_parts`. The words are those of
``word_tokenize(sentence, fixed_words=...)`` (tested on thousands of sentences); where underthesea's files
are not as expected, ``word_tokenize`` itself is used."""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from functools import cache

from danvan.ingest.underthesea_parts import UNREADABLE, SegmentationData, segmentation_data

_NORMALISED: dict[str, str] = {}  # token -> underthesea's token_normalize(token): a pure function
_NORMALISED_MAX = 200_000


@cache
def _data() -> SegmentationData | None:
    """underthesea's segmentation data (None if its files are not where and what underthesea 9.5 keeps:
    the public ``word_tokenize`` is then used)."""
    try:
        return segmentation_data()
    except UNREADABLE as error:
        warnings.warn(
            f"underthesea's word segmentation data not read ({error}): using word_tokenize", stacklevel=2
        )
        return None


@cache
def _pattern(fixed_words: tuple[str, ...], patterns: tuple[str, ...]) -> re.Pattern[str]:
    """underthesea's tokeniser pattern with ``fixed_words`` first, built as its ``tokenize`` builds it."""
    if not fixed_words:
        return re.compile(r"(" + "|".join(patterns) + ")", re.VERBOSE | re.UNICODE)
    escaped = [re.sub(" ", r"\ ", word) for word in fixed_words]
    fixed = "(?P<fixed_words>\\b" + "\\b|\\b".join(escaped) + "\\b)"
    return re.compile(r"(" + "|".join([fixed, *patterns]) + ")", re.VERBOSE | re.UNICODE)


def _normalise(token: str, data: SegmentationData) -> str:
    found = _NORMALISED.get(token)
    if found is None:
        found = data.normalise_token(token)
        if len(_NORMALISED) < _NORMALISED_MAX:
            _NORMALISED[token] = found
    return found


def tokens(sentence: str, fixed_words: tuple[str, ...], data: SegmentationData) -> list[str]:
    """underthesea's tokens of ``sentence`` (its ``tokenize`` with token normalisation): every alternative of
    its pattern is one named group around the whole alternative, so the token is the whole match."""
    text = data.normalise_characters(sentence)
    return [_normalise(match.group(), data) for match in _pattern(fixed_words, data.patterns).finditer(text)]


def segment_many(sentences: Sequence[str], fixed_words: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The words of each sentence (multi-syllable words joined by spaces), as ``word_tokenize`` gives them."""
    if not sentences:
        return []
    data = _data()
    if data is None:
        from underthesea import word_tokenize

        return [tuple(word_tokenize(s, fixed_words=list(fixed_words))) for s in sentences]
    out: list[tuple[str, ...]] = []
    for sentence in sentences:
        toks = tokens(sentence, fixed_words, data)
        words: list[str] = []
        for tag, token in zip(data.segmenter.tag(toks), toks, strict=True):
            if tag == "I-W" and words:  # the token continues the word before it
                words[-1] = words[-1] + " " + token
            else:
                words.append(token)
        out.append(tuple(words))
    return out
