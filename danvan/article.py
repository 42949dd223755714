"""The in-memory shape of one article, shared by every extractor."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

_HAS_ALNUM = re.compile(r"[^\W_]")  # a letter or digit, as str.isalnum counts them


@dataclass(frozen=True)
class Line:
    """One line of the decoded file and what the cleaner decided it is."""

    lineno: int  # 1-based line number in the decoded file
    kind: str  # body | meta | boilerplate | caption | blank
    text: str
    rule: str = ""  # name of the boilerplate/meta rule that matched, if any


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article body; ``text == article.text[start:end]``."""

    sentence_id: int
    start: int
    end: int
    text: str
    words: tuple[str, ...] = ()


@dataclass
class Article:
    """A decoded, cleaned article. Offsets of sentences refer to ``text``."""

    article_id: str
    file: str
    raw: str  # whole decoded file, NFC, line endings as "\n"
    lines: list[Line]
    text: str  # body lines joined by "\n"
    sentences: list[Sentence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    html_meta: dict[str, str] = field(default_factory=dict)  # from a saved web page
    url: str = ""  # where the page was fetched from (its sidecar's final URL), "" when not fetched

    @property
    def meta_lines(self) -> list[Line]:
        return [line for line in self.lines if line.kind == "meta"]

    @property
    def body_lines(self) -> list[Line]:
        return [line for line in self.lines if line.kind == "body"]

    @cached_property
    def n_words(self) -> int:
        return sum(sum(map(bool, map(_HAS_ALNUM.search, s.words))) for s in self.sentences)


def rows_by_sentence(
    article: Article, find: Callable[[str], Iterable[dict[str, Any]]], whole_sentence: bool = False
) -> list[dict[str, Any]]:
    """Run ``find`` on every sentence; turn its sentence offsets into article offsets and add provenance.

    ``text`` is the exact matched substring, or the whole sentence when ``whole_sentence`` is set.
    """
    rows = []
    for s in article.sentences:
        for row in find(s.text):
            start, end = s.start + row["start"], s.start + row["end"]
            text = s.text if whole_sentence else article.text[start:end]
            rows.append(
                {
                    **row,
                    "article_id": article.article_id,
                    "sentence_id": s.sentence_id,
                    "start": start,
                    "end": end,
                    "text": text,
                }
            )
    return rows
