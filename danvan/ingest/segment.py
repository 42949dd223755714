"""Sentences with exact offsets, and words, as underthesea's offline functions give them."""

from __future__ import annotations

from functools import cache

from danvan.article import Sentence
from danvan.ingest.underthesea_parts import sent_tokenize as underthesea_sent_tokenize
from danvan.ingest.words import segment_many
from danvan.vocab import load_yaml


@cache
def fixed_words() -> tuple[str, ...]:
    """Terms that segmentation keeps whole (``danvan/data/fixed_words.yml``)."""
    return tuple(entry["term"] for entry in load_yaml("fixed_words.yml")["fixed_words"])


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``; a line break always ends a sentence."""
    sent_tokenize = underthesea_sent_tokenize()
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        cursor = 0
        if line.strip():
            for sentence in sent_tokenize(line):
                piece = sentence.strip()
                if not piece:
                    continue
                found = line.find(piece, cursor)
                if found < 0:  # the tokenizer changed the text: fall back to the rest of the line
                    found, piece = cursor, line[cursor:].strip()
                glued = spans and spans[-1][1] == offset + found  # split inside a token: "(kontumtv.|vn)"
                if spans and spans[-1][1] >= offset and (glued or not any(ch.isalnum() for ch in piece)):
                    spans[-1] = (spans[-1][0], offset + found + len(piece))  # also "./." after a sentence
                else:
                    spans.append((offset + found, offset + found + len(piece)))
                cursor = found + len(piece)
        offset += len(line) + 1
    return spans


def segment_words(sentence: str) -> tuple[str, ...]:
    """Words of one sentence (multi-syllable words joined by spaces, as underthesea gives them), with the
    project's fixed words kept whole."""
    return segment_many([sentence], fixed_words())[0]


def sentences(text: str, words: bool = True) -> list[Sentence]:
    """The sentences of ``text`` with offsets and (optionally) their words, segmented in one batch."""
    spans = split_sentences(text)
    pieces = [text[start:end] for start, end in spans]
    segmented = segment_many(pieces, fixed_words()) if words else [()] * len(pieces)
    return [
        Sentence(i, start, end, piece, found)
        for i, ((start, end), piece, found) in enumerate(zip(spans, pieces, segmented, strict=True))
    ]
