"""Word segmentation of many sentences: underthesea's tokeniser pattern and normalisation (the pattern
compiled once, token normalisation looked up once per distinct token), then its CRF model scored by
:class:`CRFSegmenter`, all from :mod:`danvan.ingest.underthesea_parts`. The words are those of
``word_tokenize(sentence, fixed_words=...)`` (tested on thousands of sentences); where underthesea's files
are not as expected, ``word_tokenize`` itself is used."""

from __future__ import annotations

import hashlib
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


@cache
def _runs_whole(fixed_words: tuple[str, ...], patterns: tuple[str, ...]) -> bool:
    """Whether runs of letters may be taken without the pattern (see :data:`_RUN`): the alternatives are the
    ones that rule was read off, and every fixed word is matched literally (no character special to re)."""
    read = hashlib.sha256("\n".join(patterns).encode()).hexdigest() == _ALTERNATIVES_READ
    return read and all(re.escape(word) == word.replace(" ", "\\ ") for word in fixed_words)


def _normalise(token: str, data: SegmentationData) -> str:
    found = _NORMALISED.get(token)
    if found is None:
        found = data.normalise_token(token)
        if len(_NORMALISED) < _NORMALISED_MAX:
            _NORMALISED[token] = found
    return found


# A run of letters between spaces is one token, the whole run, as the pattern's last-but-two alternative
# (``\w+``) makes it, unless an earlier alternative matches where the run starts: a fixed word, "Th.S" and
# "Th.s" (their dot is any character), or "ʺ" (a letter to str.isalpha, a punctuation mark to the pattern).
# Every other alternative needs a digit, a dot, "&", "@", ":", "-", "'" or another character that is not a
# letter. Such runs are taken as they are, and so is such a run with a comma after it (two tokens: no
# alternative takes a comma into a word, and the comma alone is the punctuation alternative's); the pattern
# is searched only from the others. This was read off underthesea 9.5's alternatives (their SHA-256 below):
# with any others, the pattern is searched everywhere.
_ALTERNATIVES_READ = "3e5fe88a2021c501f59d25b43ad63bf1480404e0ab309ff0e0797b5b2a33f9ce"
_RUN = re.compile(r"\S+")
_NOT_PLAIN_START = ("Th", "ʺ")


def tokens(sentence: str, fixed_words: tuple[str, ...], data: SegmentationData) -> list[str]:
    """underthesea's tokens of ``sentence`` (its ``tokenize`` with token normalisation): every alternative of
    its pattern is one named group around the whole alternative, so the token is the whole match. The same
    tokens as ``finditer`` gives, with the runs of letters that the pattern would match whole taken as they
    are (see :data:`_RUN`; tested against ``finditer`` on thousands of sentences)."""
    text = data.normalise_characters(sentence)
    pattern = _pattern(fixed_words, data.patterns)
    if not _runs_whole(fixed_words, data.patterns):  # (a fixed word like "T.Ư", whose "." is any character)
        return [_normalise(match.group(), data) for match in pattern.finditer(text)]
    fixed = [word for word in fixed_words if word in text]  # where one starts, a run is not taken whole
    next_run, known = _RUN.search, _NORMALISED
    out: list[str] = []
    pos = 0
    while (run := next_run(text, pos)) is not None:
        chunk = run.group()
        word = chunk[:-1] if chunk[-1] == "," else chunk
        if (
            word.isalpha()
            and not word.startswith(_NOT_PLAIN_START)
            and not (fixed and any(text.startswith(w, run.start()) for w in fixed))
            and not (fixed and word is not chunk and any(text.startswith(w, run.end() - 1) for w in fixed))
        ):
            out.append(known.get(word) or _normalise(word, data))
            if word is not chunk:
                out.append(known.get(",") or _normalise(",", data))
            pos = run.end()
            continue
        match = pattern.search(text, pos)  # finditer's next match: it starts at this run (every character
        if match is None:  # that is not a space starts one), and may end inside it or after it
            break
        out.append(_normalise(match.group(), data))
        pos = match.end()
    return out


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
