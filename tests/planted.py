"""Corpora with a known answer, for the province comparisons.

Articles are written from realistic Vietnamese sentences (tests/data/planted_sentences.yml): a headline and an
opening sentence that name the province, 10 to 16 sentences of the campaign's usual matter and a number of
sentences on digital transformation drawn from a Poisson distribution. In a *planted* corpus one province's
articles carry FACTOR times as many digital-transformation sentences on average as the others'; in a *null*
corpus every province is drawn alike. ``write_corpus`` writes the articles as files for danvan; ``tables``
computes the articles and themes tables the pipeline would write from them (the same functions, each distinct
sentence segmented once: fast enough for hundreds of corpora; a test checks that both agree).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from functools import cache
from math import comb
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from danvan.article import _HAS_ALNUM
from danvan.extract.metadata import extract_metadata
from danvan.extract.placement import resolve_place
from danvan.extract.themes import theme_rows
from danvan.ingest.read import build_article
from danvan.ingest.segment import segment_words
from tests.conftest import ROOT

SENTENCES = ROOT / "tests" / "data" / "planted_sentences.yml"
THEME = "digital"
# Provinces (tỉnh, so that "Tỉnh ủy X" names them), spread over the country and the 2025 mergers.
PROVINCES = (
    "Lai Châu", "Lào Cai", "Hà Giang", "Cao Bằng", "Điện Biên", "Sơn La", "Yên Bái", "Tuyên Quang", "Bắc Kạn",
    "Lạng Sơn", "Phú Thọ", "Thái Bình", "Nam Định", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình",
    "Quảng Trị", "Quảng Ngãi", "Bình Định", "Phú Yên", "Gia Lai", "Đắk Lắk", "Lâm Đồng", "Bình Phước",
    "Tây Ninh", "Long An", "Bến Tre", "Sóc Trăng", "Cà Mau",
)  # fmt: skip
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


@dataclasses.dataclass(frozen=True)
class Design:
    """What to generate: ``per_province`` articles in each of ``provinces`` (and ``unplaced`` articles that
    name no place); the ``planted`` province (none: a null corpus) gets ``factor`` times the base rate of
    ``rate`` theme sentences per article."""

    provinces: tuple[str, ...] = PROVINCES[:10]
    per_province: int = 8
    planted: str = ""
    factor: float = 3.0
    rate: float = 2.0
    unplaced: int = 0
    seed: int = 0


def planted_design(seed: int, **kwargs) -> Design:
    """A planted design whose province is drawn with ``seed`` among the design's provinces."""
    provinces = kwargs.get("provinces", Design.provinces)
    return Design(
        planted=provinces[np.random.default_rng(seed).integers(len(provinces))], seed=seed, **kwargs
    )


@cache
def _sentences() -> dict[str, list[str]]:
    data = yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))
    return {key: [entry["text"] for entry in entries] for key, entries in data.items()}


def _paragraphs(sentences: list[str], rng: np.random.Generator) -> list[str]:
    lines, i = [], 0
    while i < len(sentences):
        size = int(rng.integers(2, 5))
        lines.append(" ".join(sentences[i : i + size]))
        i += size
    return lines


def _article(province: str, theme_sentences: int, rng: np.random.Generator) -> str:
    pool = _sentences()
    heads = (
        pool["unplaced"] if not province else [rng.choice(pool["headlines"]), rng.choice(pool["openings"])]
    )
    headline, opening = (s.replace("{province}", province) for s in heads)
    day = date(2021, 1, 1) + pd.Timedelta(days=int(rng.integers(0, 4 * 365)))
    background = list(rng.choice(pool["background"], size=int(rng.integers(10, 17)), replace=False))
    theme = list(rng.choice(pool["theme"], size=min(theme_sentences, len(pool["theme"])), replace=False))
    body = [str(s) for s in rng.permutation(background + theme)]
    dateline = f"{WEEKDAYS[day.weekday()]}, {day.day}/{day.month}/{day.year}"
    return "\n".join([headline, dateline, *_paragraphs([opening, *body], rng)]) + "\n"


def articles(design: Design) -> list[tuple[str, str]]:
    """(file name, text) of every article of ``design``, the same for the same design."""
    rng = np.random.default_rng(design.seed)
    out = []
    for p, province in enumerate(design.provinces):
        rate = design.rate * (design.factor if province == design.planted else 1.0)
        for i in range(design.per_province):
            out.append((f"p{p:02d}_{i:02d}.txt", _article(province, int(rng.poisson(rate)), rng)))
    for i in range(design.unplaced):
        out.append((f"u_{i:02d}.txt", _article("", int(rng.poisson(design.rate)), rng)))
    return out


def write_corpus(design: Design, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles(design):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@cache
def _words(sentence: str) -> tuple[str, ...]:
    return segment_words(sentence)


def tables(design: Design) -> dict[str, pd.DataFrame]:
    """The ``articles`` and ``themes`` tables danvan writes for ``design``'s corpus (as the pipeline computes
    them, each distinct sentence segmented once)."""
    rows, themes = [], []
    for name, text in articles(design):
        article = build_article(name.removesuffix(".txt"), name, text, words=False)
        sentences = [dataclasses.replace(s, words=_words(s.text)) for s in article.sentences]
        article = dataclasses.replace(article, sentences=sentences)
        meta = extract_metadata(article)
        place, _ = resolve_place(
            article, meta.get("source", ""), meta.get("published", ""), meta.get("title", "")
        )
        n_words = sum(sum(map(bool, map(_HAS_ALNUM.search, s.words))) for s in sentences)
        rows.append({"article_id": article.article_id, **meta, **place, "n_words": n_words})
        themes += [{**row, "province": place.get("province", "")} for row in theme_rows(article)]
    columns = ["article_id", "province", "theme", "hits", "per_1000_words"]
    return {"articles": pd.DataFrame(rows), "themes": pd.DataFrame(themes, columns=columns)}


def at_most_by_chance(n: int, rate: float, risk: float = 0.01) -> int:
    """The number of events out of ``n`` that a true ``rate`` exceeds with a chance below ``risk`` (binomial):
    what a test over many corpora may allow, and no more."""
    k, tail = 0, 1.0
    while True:
        tail -= comb(n, k) * rate**k * (1 - rate) ** (n - k)
        if tail < risk:
            return k
        k += 1
